"""Examples for every command's ``--help``, kept in one table so none is forgotten.

``add_examples(app)`` appends them to each command's help once all command modules are
registered; docs/cli.md shows the same lines (``generate.cli_docs``), and a test checks that
every command has some. The paths are those of a checkout (``examples/``) and of ``make demo``'s
output, so each line can be pasted as it is.
"""

from __future__ import annotations

import inspect
from typing import Any, Iterator

import typer

STUDY_A = "examples/upsides-mhw-2019"
MARKER = "Examples:"

EXAMPLES: dict[str, tuple[str, ...]] = {
    "version": ("upsides version", "upsides --version"),
    "check-instance": ("upsides check-instance examples/instances/*.yaml",
                       "upsides check-instance dataset.json --format json"),
    "validate": (f"upsides validate {STUDY_A}/*/",
                 f"upsides validate {STUDY_A}/ulm --codebook {STUDY_A}/codebook --format json",
                 "upsides validate public-site.zip -k 5"),
    "anonymise": (f"upsides anonymise {STUDY_A}/ulm -o ulm-public",
                  f"upsides anonymise {STUDY_A}/ulm -o ulm-public -k 5 --names roster.txt --force"),
    "synth": ("upsides synth -o synthetic", "upsides synth -o big --sites 20 --quotes 100000 "
                                            "--seed 1 --access-level public"),
    "report": (f"upsides report {STUDY_A}/*/ -o report",
               "upsides report out/consortium -o report --force"),
    "merge": ("upsides merge examples/upsides-*/*/ -o out/consortium",
              f"upsides merge {STUDY_A}/*/ -o study-a --name study-a --force"),
    "split": ("upsides split out/consortium -o sites",),
    "export rdf": ("upsides export rdf out/consortium -o consortium.ttl",
                   f"upsides export rdf {STUDY_A}/*/ -o study-a.rdf",
                   "upsides export rdf out/consortium --format nquads -o consortium.nq"),
    "export qdpx": (f"upsides export qdpx {STUDY_A}/ulm {STUDY_A}/codebook -o ulm.qdpx",),
    "export qdc": (f"upsides export qdc {STUDY_A}/codebook -o codebook.qdc",),
    "import rdf": ("upsides import rdf consortium.ttl -o back",),
    "import qdpx": ("upsides import qdpx ulm.qdpx --site ulm --study mhw-2019 -o ulm",
                    "upsides import qdpx project.qdpx --site ulm --study mhw-2019 --country DE "
                    f"--reference {STUDY_A}/codebook -o ulm --force"),
    "import qdc": ("upsides import qdc codebook.qdc -o codebook --study mhw-2019",),
    "query": ("upsides query out/consortium 'SELECT ?s ?label WHERE { ?s rdfs:label ?label } "
              "LIMIT 5'",
              "upsides query out/consortium 'ASK { ?s a schema:Place }' --format json",
              "upsides query out/consortium 'CONSTRUCT { ?s a ?t } WHERE { ?s a ?t }' "
              "--format ttl -o types.ttl"),
    "demo": ("upsides demo", "upsides demo -o /some/where/demo --examples path/to/examples"),
    "migrate": ("upsides migrate old-site -o site-1.1",),
    "agreement": ("upsides agreement north south --codebook codebook-1.1",
                  "upsides agreement north --codebook codebook-1.1 --by theme --unit transcript "
                  "-o agreement.csv"),
    "codebook adopt": ("upsides codebook adopt north-codebook-ext --into "
                       f"{STUDY_A}/codebook -o codebook-1.1",),
    "publish": (f"upsides publish {STUDY_A}/*/ --endpoint http://127.0.0.1:7878/store --dry-run",
                f"upsides publish {STUDY_A}/*/ --endpoint http://127.0.0.1:7878/store",
                f"upsides publish {STUDY_A}/ulm --endpoint http://127.0.0.1:7878/store --withdraw"),
    "catalog": (f"upsides catalog {STUDY_A}/*/ -o catalog",),
    "init": ("upsides init --study mhw-2019 --site demo --label Demo --country UG "
             "--fiscal-year 2020 -o start",),
    "template": ("upsides template --from start -o demo.xlsx",
                 "upsides template --kind codebook -o codebook.ods"),
    "pack": ("upsides pack demo.xlsx -o demo", "upsides pack sheets/ -o demo --date-order dmy"),
    "studio": ("upsides studio", "upsides studio --port 8765 --no-browser"),
}


def commands(app: typer.Typer, prefix: str = "") -> Iterator[tuple[str, Any]]:
    """Each registered command of ``app`` and its groups, by its full name (``export rdf``)."""
    for info in app.registered_commands:
        name = info.name or getattr(info.callback, "__name__", "").replace("_", "-")
        yield prefix + name, info
    for group in app.registered_groups:
        if group.typer_instance is not None:
            yield from commands(group.typer_instance, f"{prefix}{group.name} ")


def block(lines: tuple[str, ...]) -> str:
    """The examples as the last paragraph of a help text (rich help keeps its lines)."""
    return f"{MARKER}\n\n" + "\n".join(f"  {line}" for line in lines)


def add_examples(app: typer.Typer) -> None:
    for name, info in commands(app):
        lines = EXAMPLES.get(name)
        if not lines:
            continue  # tests/test_cli_conventions.py fails on it
        text = info.help or inspect.getdoc(info.callback) or ""
        if MARKER not in text:
            info.help = text.rstrip() + "\n\n" + block(lines)


def strip_examples(help_text: str) -> str:
    """The help text without its examples (docs/cli.md shows them as a code block)."""
    return help_text.split(f"\n\n{MARKER}", 1)[0].rstrip()
