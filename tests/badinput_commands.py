"""The command lines the bad-input corpus runs, and their expected outcomes, as small builders.

Used only by ``tests/make_badinput_corpus.py`` to write each class's ``expect.json``; the
harness (``tests/test_badinput.py``) reads the argv lists back and never builds its own. Paths
in argv use two placeholders the harness fills in: ``{work}`` (the class's working folder, where
its inputs are) and ``{out}`` (``{work}/out``, the only place a run may write to).
"""

from __future__ import annotations

from typing import Any, Callable, Iterable

Run = dict[str, Any]

SITE, CODEBOOK = "{work}/ulm", "{work}/codebook"
QUERY = "SELECT ?s WHERE { ?s a ?t } LIMIT 5"
# publish runs with --dry-run: it reads, validates and counts, and never connects to this address
ENDPOINT = "http://127.0.0.1:9/store"


def run(command: str, argv: list[str], exit: int, rules: Iterable[str] = (), *,
        subprocess: bool = False) -> Run:
    """One run: the command's name, its argv, the exit code and rule codes it must show."""
    entry: Run = {"command": command, "argv": argv, "exit": exit, "rules": sorted(set(rules))}
    if subprocess:
        entry["subprocess"] = True
    return entry


def package_runs(exit: int, rules: Iterable[str] = (), *,
                 inputs: tuple[str, ...] = (SITE, CODEBOOK),
                 anonymise: str | None = SITE, qdc: str | None = None, split: str | None = None,
                 subprocess: bool = False, only: Iterable[str] | None = None,
                 site_alone: bool = True) -> list[Run]:
    """Every command that reads packages, each expected to end like ``validate`` does.

    A command deriving something from packages validates them first (issue #13), so an input
    ``validate`` refuses with exit 1 or 2 is refused by merge, report, the exports, query,
    catalog, publish and anonymise with the same exit code and rule codes, and nothing is written.
    ``template --from``, ``agreement`` and ``anonymise`` take the site package alone;
    ``site_alone=False`` (the fault is in the codebook's own rules, which a site's validation
    does not report) leaves them out.
    """
    rules = list(rules)
    pkgs = list(inputs)
    runs = [
        run("validate", ["validate", *pkgs], exit, rules, subprocess=subprocess),
        run("merge", ["merge", *pkgs, "-o", "{out}/merged"], exit, rules, subprocess=subprocess),
        run("report", ["report", *pkgs, "-o", "{out}/report"], exit, rules, subprocess=subprocess),
        run("export rdf", ["export", "rdf", *pkgs, "-o", "{out}/export.ttl"], exit, rules,
            subprocess=subprocess),
        run("export qdpx", ["export", "qdpx", *pkgs, "-o", "{out}/export.qdpx"], exit, rules,
            subprocess=subprocess),
        run("query", ["query", *pkgs, QUERY], exit, rules, subprocess=subprocess),
        run("catalog", ["catalog", *pkgs, "-o", "{out}/catalog"], exit, rules,
            subprocess=subprocess),
        run("publish", ["publish", *pkgs, "--endpoint", ENDPOINT, "--dry-run"], exit, rules,
            subprocess=subprocess),
    ]
    site = pkgs[0]
    if site == SITE and site_alone:  # the commands that take one site package (and find its codebook beside it)
        runs += [
            run("template", ["template", "--from", site, "-o", "{out}/site.xlsx"], exit, rules,
                subprocess=subprocess),
            # a valid synthetic site has one coder: agreement then refuses for its own reason
            # (exit 2), the refusal it exists to make
            run("agreement", ["agreement", site], *((exit, rules) if exit else
                                                    (2, ["agreement-too-few-coders"])),
                subprocess=subprocess),
        ]
    if anonymise and (site_alone or anonymise != SITE):
        runs.append(run("anonymise", ["anonymise", anonymise, "-o", "{out}/public"], exit, rules,
                        subprocess=subprocess))
    if qdc:
        runs.append(run("export qdc", ["export", "qdc", qdc, "-o", "{out}/export.qdc"], exit,
                        rules, subprocess=subprocess))
    if split:
        runs.append(run("split", ["split", split, "-o", "{out}/split"], exit, rules,
                        subprocess=subprocess))
    if only is not None:
        keep = set(only)
        runs = [r for r in runs if r["command"] in keep]
    return runs


def import_rdf(file: str, exit: int, rules: Iterable[str] = (), *, subprocess: bool = False) -> Run:
    return run("import rdf", ["import", "rdf", file, "-o", "{out}/imported"], exit, rules,
               subprocess=subprocess)


def import_qdpx(file: str, exit: int, rules: Iterable[str] = (), *,
                subprocess: bool = False) -> Run:
    return run("import qdpx", ["import", "qdpx", file, "--site", "ulm", "--study", "mhw-2019",
                               "--country", "DE", "-o", "{out}/ulm"], exit, rules,
               subprocess=subprocess)


def import_qdc(file: str, exit: int, rules: Iterable[str] = (), *, subprocess: bool = False) -> Run:
    return run("import qdc", ["import", "qdc", file, "--study", "mhw-2019",
                              "-o", "{out}/codebook"], exit, rules, subprocess=subprocess)


def query(sparql: str, exit: int, rules: Iterable[str] = (), *, subprocess: bool = False) -> Run:
    return run("query", ["query", SITE, CODEBOOK, sparql], exit, rules, subprocess=subprocess)


def check_instance(file: str, exit: int, rules: Iterable[str] = (), *,
                   subprocess: bool = False) -> Run:
    return run("check-instance", ["check-instance", file], exit, rules, subprocess=subprocess)


# (command, argv before -o, the command's own input): what output_runs aims at a target
WRITERS: list[tuple[str, list[str], str]] = [
    ("merge", ["merge", SITE, CODEBOOK], SITE),
    ("split", ["split", "{work}/cons"], "{work}/cons"),
    ("report", ["report", SITE, CODEBOOK], SITE),
    ("anonymise", ["anonymise", SITE], SITE),
    ("export rdf", ["export", "rdf", SITE, CODEBOOK], SITE),
    ("export qdpx", ["export", "qdpx", SITE, CODEBOOK], SITE),
    ("export qdc", ["export", "qdc", CODEBOOK], CODEBOOK),
    ("catalog", ["catalog", SITE, CODEBOOK], SITE),
    ("import rdf", ["import", "rdf", "{work}/in.ttl"], "{work}/in.ttl"),
    ("import qdpx", ["import", "qdpx", "{work}/in.qdpx", "--site", "ulm", "--study", "mhw-2019"],
     "{work}/in.qdpx"),
    ("import qdc", ["import", "qdc", "{work}/in.qdc", "--study", "mhw-2019"], "{work}/in.qdc"),
]
FILE_INPUT_COMMANDS = ("import rdf", "import qdpx", "import qdc")


def output_runs(target: Callable[[str], str], exit: int, rules: Iterable[str], *,
                force: bool = False, subprocess: bool = False,
                commands: Iterable[str] | None = None) -> list[Run]:
    """Every writing command aimed at the output ``target(own_input)`` (a placeholder path).

    Inputs are the valid site and codebook packages, the consortium ``{work}/cons`` (split),
    and the RDF export ``{work}/in.ttl``, QDPX ``{work}/in.qdpx`` and QDC ``{work}/in.qdc``
    the class's setup writes.
    """
    extra = ["--force"] if force else []
    keep = set(commands) if commands is not None else None
    return [run(name, [*argv, "-o", target(own), *extra], exit, rules, subprocess=subprocess)
            for name, argv, own in WRITERS if keep is None or name in keep]
