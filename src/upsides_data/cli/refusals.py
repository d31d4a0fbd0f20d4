"""What each command refuses and where it stops: the "Limits and refusals" of ``--help`` and
docs/cli.md (each command's epilog). Numbers come from ``upsides_data.limits``, so the text cannot
drift from the code; finding codes are named as the findings carry them."""

from __future__ import annotations

from upsides_data import limits as lim


def _mib(value: int) -> str:
    return f"{value // 1024**2} MiB"


DESCRIPTORS = (
    f"Every package's datapackage.json is refused past {_mib(lim.MAX_DESCRIPTOR_BYTES)} "
    f"(input-too-large) or {lim.MAX_NESTING} levels of nesting (nesting-too-deep), exit 2; "
    "descriptor properties of the wrong JSON type are descriptor-property findings.")

TEXT = {
    "check-instance": (
        f"YAML aliases (*name) are refused (yaml-alias-refused), so an alias bomb ends at once; "
        f"nesting past {lim.MAX_NESTING} levels is nesting-too-deep (both findings, exit 1). "
        f"Files over {_mib(lim.MAX_INSTANCE_BYTES)} are refused (input-too-large, exit 2)."),
    "query": (
        "The query only reads and never opens a network connection. SERVICE "
        "(query-service-refused) and SPARQL Update forms such as LOAD or INSERT "
        "(query-update-refused) are refused before it runs, exit 2. It stops after --timeout "
        "seconds (query-time-limit) or past --max-results rows (query-result-limit), exit 2, in a "
        "child process that is killed there, so neither time nor memory grows without bound. "
        "CONSTRUCT and DESCRIBE give RDF (CSV or TSV of a graph is refused, exit 2); a "
        "query process that dies otherwise is query-aborted (exit 2). " + DESCRIPTORS),
    "import rdf": (
        "Fails closed, exit 2, nothing written: blank-node records or values (rdf-blank-node), "
        "literals of the wrong datatype such as \"sixty\"^^xsd:integer (rdf-literal-datatype), "
        "IRIs outside the standard's namespace (rdf-iri-outside-namespace), IRIs where text "
        "belongs or the reverse (rdf-wrong-term), unknown enum meanings (rdf-enum-unknown), an "
        "unknown dct:accessRights (rdf-access-rights-unknown) and every record no package would "
        "write (rdf-record-dropped). A package without dct:accessRights is imported as "
        f"restricted, never public. A literal over {lim.MAX_RDF_LITERAL_CHARS} characters "
        f"(rdf-literal-too-large) and a file over {lim.MAX_RDF_BYTES // 1024**3} GiB "
        "(input-too-large) are refused. The packages are validated before they are moved into "
        "place; if they would not validate, the findings are printed and nothing is written "
        "(exit 1)."),
    "import qdpx": (
        "Refused with findings, exit 2, nothing written: GUIDs declared twice "
        "(qda-duplicate-guid), text sources whose file is a PDF, image, audio, video or other "
        "binary file (qda-binary-source), corrupt archive members (zip-member-corrupt), a "
        f"project file over {_mib(lim.MAX_XML_BYTES)} (input-too-large) or nested deeper than "
        f"{lim.MAX_NESTING} elements (nesting-too-deep). Picture, PDF, audio and video source "
        "elements are left out with a qda-not-expressible warning."),
    "import qdc": (
        "Refused with findings, exit 2, nothing written: GUIDs declared twice "
        f"(qda-duplicate-guid), a file over {_mib(lim.MAX_XML_BYTES)} (input-too-large) or "
        f"nested deeper than {lim.MAX_NESTING} elements (nesting-too-deep)."),
    "export qdpx": (
        "Codes or themes on a parent cycle would be lost in the file: refused with a "
        "hierarchy-cycle finding per record (exit 1, nothing written); a code or theme "
        f"hierarchy deeper than {lim.MAX_NESTING} levels is nesting-too-deep (exit 2). "
        + DESCRIPTORS),
}
TEXT["export qdc"] = TEXT["export qdpx"]
for _command in ("validate", "merge", "split", "export rdf", "report", "anonymise"):
    TEXT[_command] = DESCRIPTORS


# The limits every command keeps, for the table of docs/cli.md: (limit, value, where it applies).
LIMITS = [
    ("datapackage.json size", _mib(lim.MAX_DESCRIPTOR_BYTES), "every command reading a package"),
    ("nesting depth", f"{lim.MAX_NESTING} levels",
     "JSON descriptors, YAML/JSON instances, QDA-XML, code and theme hierarchies on export"),
    ("instance file size", _mib(lim.MAX_INSTANCE_BYTES), "check-instance"),
    ("RDF file size", f"{lim.MAX_RDF_BYTES // 1024**3} GiB", "import rdf"),
    ("RDF literal length", f"{lim.MAX_RDF_LITERAL_CHARS} characters", "import rdf"),
    ("QDA-XML file size", _mib(lim.MAX_XML_BYTES), "import qdpx, import qdc"),
    ("query time", f"{lim.QUERY_TIMEOUT_SECONDS:g} s (--timeout)", "query"),
    ("query rows", f"{lim.QUERY_MAX_RESULTS} (--max-results)", "query"),
]
INTERRUPT = (
    "Ctrl-C at any moment after `upsides` has begun loading its own modules ends the command "
    "with exit code 130 and the one line `interrupted` on stderr, no traceback (the first few "
    "milliseconds belong to Python's own start-up, before any of our code runs).")


def epilog(command: str) -> str:
    """The epilog of ``command`` (its path without ``upsides``), as --help shows it."""
    return "Limits and refusals: " + TEXT[command]

# The exit codes, for `upsides --help` and the table in docs/cli.md (generate.cli_refusals).
EXIT_CODES: list[tuple[int, str]] = [
    (0, "success: the inputs are valid, the output was written"),
    (1, "the inputs were read but are invalid or conflict; nothing was written. The findings "
        "say what, where and how to fix it"),
    (2, "usage error, an input that cannot be read at all (not a package, not UTF-8, over a "
        "size limit, refused as unsafe) or an output that cannot be written; nothing was "
        "written"),
    (3, "a bug in upsides-data (\"internal error\"): never for bad input. Please report it "
        "with the command you ran"),
    (130, "interrupted (Ctrl-C or SIGTERM); temporary files are removed"),
]
