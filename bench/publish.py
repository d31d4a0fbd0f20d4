"""``make bench-publish`` (apart from ``make bench``): load rates of ``upsides publish`` into a real
Oxigraph server for the synthetic consortium (docs/publishing.md).

For each size (quotes across six synthetic sites) it generates the consortium with the project's
own generator, starts ``oxigraph serve`` on a free loopback port with its store under
bench/work/, and measures as whole processes (wall time and peak memory of the upsides process;
the server's own memory is not counted):

- ``publish --dry-run``: validation and the export, counting triples, nothing sent;
- ``publish``: the same, plus sending every graph (Graph Store PUT) and the store loading it;
- ``publish`` again: replacing every graph (idempotent republish).

The load rate is triples / (publish seconds - dry-run seconds): what sending and loading adds to
validation and export. Writes bench/results-publish.json and bench/results-publish.md.

Environment: BENCH_PUBLISH_SIZES (default "10000": at 100,000 quotes Oxigraph's transactional PUT
needs about 40 minutes on 2 cores, see docs/publishing.md), BENCH_TIMEOUT (1200 s).
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORK = HERE / "work" / "publish"
BIN = Path(sys.executable).parent
sys.path.insert(0, str(HERE))

from measure import run  # noqa: E402

SIZES = [int(s) for s in os.environ.get("BENCH_PUBLISH_SIZES", "10000").split(",")]
TIMEOUT = float(os.environ.get("BENCH_TIMEOUT", "1200"))
UPSIDES = str(BIN / "upsides")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _server(location: Path) -> tuple[subprocess.Popen[bytes], str]:
    import urllib3

    port = _free_port()
    binary = shutil.which("oxigraph", path=str(BIN)) or shutil.which("oxigraph")
    if binary is None:
        sys.exit("oxigraph is missing: pip install -c constraints/lock.txt -e '.[test]'")
    log = open(location.parent / "server.log", "ab")
    process = subprocess.Popen([binary, "serve", "--location", str(location), "--bind",
                                f"127.0.0.1:{port}"], stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"
    http = urllib3.PoolManager(retries=False)
    for _ in range(600):
        try:
            if http.request("GET", base + "/query", fields={"query": "ASK {}"}).status == 200:
                return process, base
        except urllib3.exceptions.HTTPError:
            time.sleep(0.05)
    process.kill()
    sys.exit("oxigraph serve did not start")


def _triples(output: str) -> int:
    return sum(int(line.rsplit(" ", 2)[-2]) for line in output.splitlines()
               if line.endswith(" triples"))


def measure(size: int) -> dict[str, object]:
    from upsides_data.synth import synthesize

    work = WORK / str(size)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    packages = [str(p) for p in synthesize(work / "packages", sites=6, quotes=size, seed=0)]
    process, base = _server(work / "store")
    try:
        argv = [UPSIDES, "publish", *packages, "--endpoint", base + "/store",
                "--private-endpoint"]
        counted = subprocess.run([*argv, "--dry-run"], capture_output=True, text=True,
                                 check=True).stdout
        triples = _triples(counted)
        dry = run([*argv, "--dry-run"], timeout=TIMEOUT)
        first = run(argv, timeout=TIMEOUT)
        again = run(argv, timeout=TIMEOUT)
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)
    for name, m in (("dry run", dry), ("publish", first), ("publish again", again)):
        if m.returncode != 0 or m.timed_out:
            sys.exit(f"{name} failed at {size} quotes: {m.stderr_tail}")
    return {
        "quotes": size, "triples": triples,
        "dry_run_seconds": round(dry.seconds, 2), "dry_run_peak_mb": round(dry.peak_mb),
        "publish_seconds": round(first.seconds, 2), "publish_peak_mb": round(first.peak_mb),
        "republish_seconds": round(again.seconds, 2),
        "triples_per_second": round(triples / first.seconds),
        "load_triples_per_second": round(triples / max(0.01, first.seconds - dry.seconds)),
    }


def render(results: dict[str, object]) -> str:
    lines = [f"Machine: {results['machine']}. Versions: {results['versions']}.", "",
             "| quotes | triples | dry run s | publish s | publish again s | peak MB | "
             "triples/s (whole publish) | triples/s (sending + loading) |",
             "|---|---|---|---|---|---|---|---|"]
    for r in results["sizes"]:  # type: ignore[union-attr]
        lines.append(f"| {r['quotes']:,} | {r['triples']:,} | {r['dry_run_seconds']} | "
                     f"{r['publish_seconds']} | {r['republish_seconds']} | "
                     f"{r['publish_peak_mb']} | {r['triples_per_second']:,} | "
                     f"{r['load_triples_per_second']:,} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    versions = ", ".join(f"{name} {metadata.version(name)}"
                         for name in ("upsides-data", "oxigraph", "pyoxigraph", "urllib3"))
    machine = (f"{os.cpu_count()} CPUs, Python {platform.python_version()}, load average at "
               f"start {[round(x, 2) for x in os.getloadavg()]}")
    results = {"machine": machine, "versions": versions,
               "sizes": [measure(size) for size in SIZES]}
    (HERE / "results-publish.json").write_text(json.dumps(results, indent=2) + "\n",
                                               encoding="utf-8")
    text = render(results)
    (HERE / "results-publish.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
