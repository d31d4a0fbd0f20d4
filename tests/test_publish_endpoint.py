"""The HTTP side of ``publish`` (``rdf/remote.py``) against a small scripted server on loopback:
credentials from the environment or ~/.netrc and never in any output, bounded retries with
exponential back-off on 5xx, refusals as findings."""

from __future__ import annotations

import base64
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import pytest

from upsides_data.cli import main
from upsides_data.errors import OutputError, UsageError
from upsides_data.rdf import remote

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "upsides-mhw-2019"
SECRET = "s3cret-Pa55word-never-shown"


class Scripted(ThreadingHTTPServer):
    """Answers each request with the next status of ``statuses`` (the last one repeats) and
    records the method, path and Authorization header of each."""

    def __init__(self, statuses: list[int]) -> None:
        self.statuses = list(statuses)
        self.seen: list[tuple[str, str, str | None]] = []
        super().__init__(("127.0.0.1", 0), _Handler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/store"


class _Handler(BaseHTTPRequestHandler):
    server: Scripted

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if self.headers.get("Transfer-Encoding") == "chunked":
            while True:
                size = int(self.rfile.readline().strip(), 16)
                self.rfile.read(size + 2)
                if size == 0:
                    break
        elif length:
            self.rfile.read(length)
        self.server.seen.append((self.command, self.path, self.headers.get("Authorization")))
        status = self.server.statuses.pop(0) if len(self.server.statuses) > 1 else \
            self.server.statuses[0]
        body = b"the store says no" if status >= 400 else b""
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_PUT = do_DELETE = do_POST = do_GET = _answer

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def scripted() -> Iterator[Scripted]:
    servers: list[Scripted] = []

    def start(statuses: list[int]) -> Scripted:
        server = Scripted(statuses)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return server

    yield start  # type: ignore[misc]
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(autouse=True)
def no_credentials(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in (remote.ENV_TOKEN, remote.ENV_USER, remote.ENV_PASSWORD):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NETRC", str(tmp_path / "no-netrc"))


def test_retries_5xx_with_exponential_backoff_then_succeeds(scripted) -> None:  # noqa: ANN001
    server = scripted([503, 502, 204])
    slept: list[float] = []
    store = remote.Endpoint(server.url, retries=4, backoff=0.5, sleep=slept.append)
    remote.put_graph(store, "urn:g", b"<urn:a> <urn:b> <urn:c> .\n")
    assert slept == [0.5, 1.0]
    assert [m for m, _, _ in server.seen] == ["PUT"] * 3
    assert all("graph=urn%3Ag" in path for _, path, _ in server.seen)


def test_retries_are_bounded(scripted) -> None:  # noqa: ANN001
    server = scripted([500])
    slept: list[float] = []
    store = remote.Endpoint(server.url, retries=3, backoff=0.25, sleep=slept.append)
    with pytest.raises(OutputError) as caught:
        remote.delete_graph(store, "urn:g")
    assert slept == [0.25, 0.5, 1.0] and len(server.seen) == 4
    [finding] = caught.value.findings
    assert finding.rule == remote.RULE_UNREACHABLE and "HTTP 500" in finding.message


def test_client_errors_are_not_retried(scripted) -> None:  # noqa: ANN001
    server = scripted([415])
    store = remote.Endpoint(server.url, sleep=lambda s: pytest.fail("no retry on 4xx"))
    with pytest.raises(OutputError) as caught:
        remote.put_graph(store, "urn:g", b"")
    assert [f.rule for f in caught.value.findings] == [remote.RULE_REFUSED]
    assert "HTTP 415" in caught.value.findings[0].message and len(server.seen) == 1


def test_unreachable_store_is_a_finding_not_a_traceback(capsys) -> None:  # noqa: ANN001
    argv = ["publish", str(EXAMPLE / "codebook"), "--endpoint", "http://127.0.0.1:9/store"]
    store = remote.Endpoint("http://127.0.0.1:9/store", retries=1, backoff=0.0)
    with pytest.raises(OutputError) as caught:
        remote.delete_graph(store, "urn:g")
    assert [f.rule for f in caught.value.findings] == [remote.RULE_UNREACHABLE]
    assert main([*argv, "--withdraw"]) == 2
    out, err = capsys.readouterr()
    assert remote.RULE_UNREACHABLE in out and "Traceback" not in out + err


def test_password_from_environment_is_sent_and_never_shown(
        scripted, monkeypatch: pytest.MonkeyPatch, capsys) -> None:  # noqa: ANN001
    server = scripted([401])
    monkeypatch.setenv(remote.ENV_USER, "publisher")
    monkeypatch.setenv(remote.ENV_PASSWORD, SECRET)
    argv = ["publish", str(EXAMPLE / "codebook"), "--endpoint", server.url]
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert remote.RULE_UNAUTHORISED in out and "UPSIDES_ENDPOINT_USER" in out
    expected = "Basic " + base64.b64encode(f"publisher:{SECRET}".encode()).decode()
    assert server.seen[0][2] == expected
    for text in (out, err):
        assert SECRET not in text and expected not in text
        assert base64.b64encode(f"publisher:{SECRET}".encode()).decode() not in text


def test_token_from_environment(scripted, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    server = scripted([204])
    monkeypatch.setenv(remote.ENV_TOKEN, SECRET)
    remote.delete_graph(remote.Endpoint(server.url), "urn:g")
    assert server.seen[0][2] == f"Bearer {SECRET}"


def test_credentials_from_netrc(scripted, monkeypatch: pytest.MonkeyPatch,
                                tmp_path: Path) -> None:  # noqa: ANN001
    server = scripted([204])
    netrc_file = tmp_path / "netrc"
    netrc_file.write_text(f"machine 127.0.0.1 login publisher password {SECRET}\n",
                          encoding="utf-8")
    netrc_file.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc_file))
    remote.delete_graph(remote.Endpoint(server.url), "urn:g")
    assert server.seen[0][2] == "Basic " + base64.b64encode(
        f"publisher:{SECRET}".encode()).decode()


def test_broken_netrc_names_the_file_not_its_text(monkeypatch: pytest.MonkeyPatch,
                                                  tmp_path: Path) -> None:
    netrc_file = tmp_path / "netrc"
    netrc_file.write_text(f"machine 127.0.0.1 login publisher password {SECRET} extra-token\n"
                          "nonsense", encoding="utf-8")
    netrc_file.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc_file))
    with pytest.raises(UsageError) as caught:
        remote.Endpoint("http://127.0.0.1:9/store")
    shown = str(caught.value) + " ".join(f.message + (f.hint or "")
                                        for f in caught.value.findings)
    assert remote.RULE_NETRC in [f.rule for f in caught.value.findings]
    assert SECRET not in shown


def test_credentials_in_the_url_are_refused_unechoed(capsys) -> None:  # noqa: ANN001
    url = f"http://publisher:{SECRET}@127.0.0.1:9/store"
    assert main(["publish", str(EXAMPLE / "codebook"), "--endpoint", url, "--dry-run"]) == 2
    assert main(["query", "--endpoint", url.replace("/store", "/query"), "ASK {}"]) == 2
    out, err = capsys.readouterr()
    assert out.count(remote.RULE_CREDENTIALS_IN_URL) >= 2
    assert SECRET not in out + err


@pytest.mark.parametrize("base", ["not-an-iri", "https://example.org/graphs", "ftp://x/"])
def test_graph_base_must_be_an_iri_ending_in_slash(base: str, capsys) -> None:  # noqa: ANN001
    argv = ["publish", str(EXAMPLE / "codebook"), "--endpoint", "http://127.0.0.1:9/store",
            "--dry-run", "--graph-base", base]
    assert main(argv) == 2
    assert "publish-graph-base-invalid" in capsys.readouterr().out
