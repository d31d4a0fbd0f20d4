"""What each command refuses, with which exit code and rule codes: the table in docs/cli.md.

Written by hand as the contract of issue #13 and checked against the bad-input corpus
(``tests/data/badinput``) by ``tests/test_cli_refusals.py`` in both directions: every refusal
listed here is exercised by some corpus class, and every refusal the corpus expects is listed
here. So the page cannot promise a refusal nobody tests, nor hide one the tests demand.
"""

from __future__ import annotations

from dataclasses import dataclass

from upsides_data.exit_codes import EXIT_CODES  # noqa: F401 - rendered into docs/cli.md


READERS = ("validate", "merge", "split", "report", "export rdf", "export qdpx", "export qdc",
           "query", "anonymise", "catalog", "publish", "template", "agreement", "migrate")
WRITERS = ("merge", "split", "report", "anonymise", "export rdf", "export qdpx", "export qdc",
           "import rdf", "import qdpx", "import qdc", "catalog")


@dataclass(frozen=True)
class Refusal:
    """One kind of input a group of commands refuses: in words, its exit code, its rule codes."""

    commands: tuple[str, ...]
    what: str
    exit: int
    rules: tuple[str, ...]


REFUSALS: list[Refusal] = [
    Refusal(READERS, "an input that is not a package at all: no `datapackage.json`, a descriptor "
            "that is not UTF-8 JSON or not an object, a zip that is damaged, empty, holds no "
            "package, holds a member named outside the archive or inflating like a zip bomb", 2,
            ("descriptor-missing", "descriptor-invalid", "unreadable", "zip-member-corrupt")),
    Refusal(READERS, "a descriptor past a documented size or nesting limit", 2,
            ("input-too-large", "nesting-too-deep")),
    Refusal(READERS, "a descriptor of the wrong shape: resources not a list of objects, a "
            "Table Schema that is not one, an unknown kind, access level or standard version",
            1, ("descriptor-property", "resource-invalid", "resource-missing", "resource-unknown",
                "schema-mismatch", "standard-version", "upsides-property")),
    Refusal(READERS, "a package name that could become a path (`../../x`, absolute, empty)", 1,
            ("name-invalid",)),
    Refusal(READERS, "a resource path leaving the package: `..`, absolute, Windows "
            "separators, a URL, a symlink out of the package, a device or FIFO, a folder", 1,
            ("file-missing", "file-not-regular", "path-absolute", "path-backslash",
             "path-remote", "path-traversal")),
    Refusal(READERS, "CSV that cannot be read as its Table Schema says: not UTF-8, NUL bytes, "
            "ragged rows, missing, extra, renamed or duplicated columns, empty or missing "
            "files, broken quoting, blank rows", 1,
            ("cell-extra", "cell-missing", "column-duplicate", "column-extra", "column-missing",
             "column-renamed", "csv-syntax", "encoding", "file-empty", "file-missing",
             "row-blank")),
    Refusal(READERS, "data that does not validate: types, keys, codebook, labels, dates, "
            "aggregates, hierarchy cycles, offsets, disclosure (see "
            "[validation rules](validation-rules.md))", 1,
            ("aggregate-mismatch", "codebook-missing-code", "codebook-missing-theme",
             "date-outside-study", "disclosure-exact-age", "disclosure-k-anonymity",
             "disclosure-pii", "disclosure-transcript-text", "foreign-key", "hierarchy-cycle",
             "id-scope", "label-site", "memo-about", "offsets", "primary-key", "type-error")),
    Refusal(("template",), "a `--from` package with a cell holding a control character "
            "(U+0000 to U+001F but tab and line ends), which a workbook cannot hold: refused, "
            "never dropped", 1, ("workbook-forbidden-character",)),
    Refusal(("agreement",), "packages holding codings by fewer than two coders", 2,
            ("agreement-too-few-coders",)),
    Refusal(("merge",), "packages giving one record id different values", 1,
            ("merge-conflict",)),
    Refusal(WRITERS, "an output that exists, without `--force`", 2, ("output-exists",)),
    Refusal(WRITERS, "an output that is an input (even with `--force`)", 2, ("output-is-input",)),
    Refusal(("merge", "split", "report", "anonymise", "export rdf", "export qdpx", "export qdc"),
            "an output inside an input package", 2, ("output-inside-input",)),
    Refusal(WRITERS, "an output folder that contains an input", 2, ("output-contains-input",)),
    Refusal(WRITERS, "an output that is a FIFO or a device", 2, ("output-not-regular",)),
    Refusal(WRITERS, "an output that is a symlink", 2, ("output-symlink",)),
    Refusal(WRITERS, "an output in a read-only folder", 2, ("output-read-only",)),
    Refusal(("merge", "report", "export rdf", "import rdf"), "an output over the file size "
            "limit (`ulimit -f`) or a full disk", 2, ("output-too-large",)),
    Refusal(("query",), "a `SERVICE` clause (no network connection is ever opened)", 2,
            ("query-service-refused",)),
    Refusal(("query",), "updates (`LOAD`, `INSERT`, ...)", 2, ("query-update-refused",)),
    Refusal(("query",), "a remote graph (`FROM <http://...>`)", 2, ("query-refused",)),
    Refusal(("query",), "a query that does not parse", 2, ("query-invalid",)),
    Refusal(("query",), "a query past its time limit (`--timeout`)", 2, ("query-time-limit",)),
    Refusal(("query",), "a query giving more rows than `--max-results`", 2,
            ("query-result-limit",)),
    Refusal(("import rdf",), "a file that is not RDF (malformed Turtle or JSON-LD, not UTF-8)",
            2, ("unreadable",)),
    Refusal(("import rdf",), "RDF holding no package at all", 2, ("rdf-no-package",)),
    Refusal(("import rdf",), "RDF that would not read back exactly (fails closed): a "
            "blank-node record, a literal of the wrong datatype (`\"sixty\"^^xsd:integer`), "
            "records the package's kind would drop, a literal past the size limit", 2,
            ("rdf-blank-node", "rdf-literal-datatype", "rdf-literal-too-large",
             "rdf-record-dropped")),
    Refusal(("split", "import rdf"), "a package name that is not a plain folder name (the "
            "output writer refuses it, never rewrites it)", 2, ("output-unsafe-name",)),
    Refusal(("import rdf",), "RDF whose package would not validate (an IRI outside the "
            "standard's namespaces leaves a required reference empty)", 1,
            ("constraint-required",)),
    Refusal(("import qdpx", "import qdc"), "XML with a DOCTYPE or entities (external entities, "
            "entity expansion)", 2, ("xml-unsafe",)),
    Refusal(("import qdpx", "import qdc"), "XML that is not well-formed, not UTF-8, or an "
            "archive without `project.qde`", 2, ("unreadable",)),
    Refusal(("import qdpx", "import qdc"), "XML nested past the depth limit", 2,
            ("nesting-too-deep",)),
    Refusal(("import qdpx", "import qdc"), "two elements with one GUID", 2,
            ("qda-duplicate-guid",)),
    Refusal(("import qdpx",), "a project whose package would not validate (a selection whose "
            "offsets do not fit its source, a source missing from the archive: the memos lose "
            "what they are about)", 1, ("memo-about",)),
    Refusal(("import qdpx",), "a text source that is binary (a PDF, an image)", 2,
            ("qda-binary-source",)),
    Refusal(("check-instance",), "YAML aliases (an alias bomb)", 1, ("yaml-alias-refused",)),
    Refusal(("check-instance",), "a file that is not UTF-8", 2, ("unreadable",)),
    Refusal(("check-instance",), "a file that does not parse as YAML or JSON, or uses a YAML "
            "tag", 1, ("parse",)),
    Refusal(("check-instance",), "a document that is not a Dataset (a list, a scalar)", 1,
            ("model",)),
    Refusal(("check-instance",), "a file nested past the depth limit", 1, ("nesting-too-deep",)),
]


def render() -> list[str]:
    """The two Markdown sections: exit codes, and what each command refuses."""
    lines = ["## Exit codes", "", "| exit code | meaning |", "| --- | --- |"]
    lines += [f"| `{code}` | {meaning} |" for code, meaning in EXIT_CODES]
    readers = ", ".join(f"`{c}`" for c in READERS)
    writers = ", ".join(f"`{c}`" for c in WRITERS)
    lines += ["", "## What each command refuses", "",
              "Every refusal prints findings naming file, row, field and rule, writes nothing "
              "and leaves every input unchanged. The bad-input corpus (`tests/data/badinput`) "
              "runs each row below through the commands it names, and checks that no run ends "
              "in exit 3 or a traceback, writes outside `-o`, changes an input or leaves a "
              "temporary file behind (`tests/test_badinput.py`; the classes are written by "
              "`tests/make_badinput_corpus.py`).", "",
              f"Commands reading packages: {readers}. Commands writing output: {writers}.", "",
              "Every refusal shows at least one finding. Where no more specific rule applies "
              "the finding's code is `unreadable` (an input that cannot be read, exit 2), "
              "`usage` (a command line that cannot work, such as an unknown option value, "
              "exit 2) or `refused` (any other deliberate refusal).", "",
              "| commands | refuses | exit | rule codes |", "| --- | --- | --- | --- |"]
    for refusal in REFUSALS:
        commands = "all reading packages" if refusal.commands == READERS else (
            "all writing output" if refusal.commands == WRITERS else
            ", ".join(f"`{c}`" for c in refusal.commands))
        rules = ", ".join(f"`{rule}`" for rule in refusal.rules)
        lines.append(f"| {commands} | {refusal.what} | `{refusal.exit}` | {rules} |")
    return lines + [""]
