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
    "init": (
        "Refuses a study or site scope, country code or label the standard would not accept "
        "(usage, exit 2) and an existing output without --force (output-exists, exit 2). A "
        "fiscal year the shipped World Bank table does not cover is recorded as not reported, "
        "never guessed. The package is validated before it appears."),
    "template": (
        "Writes .xlsx or .ods only (usage, exit 2); an existing output needs --force "
        "(output-exists, exit 2); a --codebook or --from package that does not validate is "
        "refused (exit 1), as is a --from package with a cell holding a control character a "
        "workbook cannot hold (workbook-forbidden-character, exit 1: never dropped silently)."),
    "pack": (
        "Nothing is written, exit 1, when a sheet or column is not the standard's "
        "(sheet-unknown, column-unknown), a date's day/month order is ambiguous "
        "(date-order-ambiguous: write YYYY-MM-DD or pass --date-order), the package sheet lacks "
        "a fact (package-fact-missing) or the package would not validate; findings name the "
        "sheet, row and column. An unreadable workbook or a CSV file that is not UTF-8 is "
        "exit 2 (workbook-unreadable, encoding)."),
    "check-instance": (
        f"YAML aliases (*name) are refused (yaml-alias-refused), so an alias bomb ends at once; "
        f"nesting past {lim.MAX_NESTING} levels is nesting-too-deep (both findings, exit 1). "
        f"Files over {_mib(lim.MAX_INSTANCE_BYTES)} are refused (input-too-large, exit 2)."),
    "query": (
        "The query only reads and opens no network connection, except to the store named "
        "by --endpoint (SPARQL 1.1 Protocol, after the same refusals). SERVICE "
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
TEXT["agreement"] = (
    "Fewer than two coders with codings (agreement-too-few-coders) and --by theme without a "
    "code-to-theme map in theme_codes (agreement-no-theme-map) are usage errors, exit 2. "
    + DESCRIPTORS)
TEXT["codebook adopt"] = (
    "An extension that is not of the codebook given (codebook-extension-mismatch: another "
    "base name, or a record of the codebook changed in the extension) is refused, exit 1, "
    "nothing written. " + DESCRIPTORS)
TEXT["migrate"] = (
    "A package of another major version with no migration to this one "
    "(migration-unavailable) and a package already of this version (migration-not-needed) are "
    "refused, exit 2; a package that does not validate under its own version, or whose "
    "migrated form would not, exit 1; nothing is written. " + DESCRIPTORS)
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

