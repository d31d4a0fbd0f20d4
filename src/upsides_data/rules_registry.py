"""Every rule code the library reports, in one table: its layer, severity, title and hint.

A finding's ``rule`` is one of these codes (kebab-case). docs/validation-rules.md is generated
from this table (``python -m upsides_data.generate``), and tests prove that every code here is
reported by some fixture and that the code reports no other. The hint shows an example of a
valid value, never a pattern. ``since`` is the standard version the code was first reported
under.

The codes of refused outputs live with the output writer (``output_checks.RULES``) and are
joined in here, so neither list can be edited without the other following.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from upsides_data import output_checks

KEBAB = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Layer:
    """Where a code is reported: a validation layer or a command family."""

    name: str
    title: str
    about: str


@dataclass(frozen=True)
class Rule:
    """One rule code: what it checks and what a person does about it."""

    code: str
    layer: str
    severity: str  # "error", "warning" or "error / warning"
    title: str
    hint: str
    since: str = "1.0.0"


LAYERS: tuple[Layer, ...] = (
    Layer("runner", "The runner",
          "Raised by `validate/runner.py` itself, around the layers: an input that is not a "
          "package at all stops here (the CLI exits with 2)."),
    Layer("shape", "Layer 1: shape",
          "`validate/shape.py` checks the descriptor and the files before any cell is typed. "
          "Resource paths and files are judged by `package/confine.py`, the same code every "
          "command reads through, so `validate` and the commands agree on what may be read. A "
          "table with one of these errors is skipped by the later layers. A package is checked "
          "against the profile of the standard version it names (`upsides.standard_version`): "
          "a 1.0.0 package against the 1.0.0 Table Schemas shipped with the library (see "
          "[versioning](versioning.md)); titles, descriptions and examples are never compared."),
    Layer("tables", "Layer 2: tables",
          "Types, constraints, primary and foreign keys inside one package "
          "(`validate/tables.py`; `--engine frictionless` runs stock Frictionless and maps its "
          "errors to the same codes). Row numbers follow Frictionless: the header is row 1, "
          "the first data row is row 2."),
    Layer("models", "Layer 3: models",
          "Each row is read into the generated Pydantic class of its table "
          "(`validate/models.py`)."),
    Layer("rules", "Layer 4: rules",
          "What no Table Schema can say. Each rule is a registered function "
          "(`validate/rules.py`, `absence_rules.py`, `count_rules.py`, `crossref.py`); a rule "
          "skips silently when a table or column it needs is unreadable: layers 1-3 report "
          "why."),
    Layer("disclosure", "Layer 5: disclosure",
          "Only for packages whose `upsides.access_level` is `public`; see "
          "[disclosure.md](disclosure.md). Code: `validate/disclosure.py`."),
    Layer("merge", "Merge",
          "Across packages, at `upsides merge` (`merge/`): what the inputs disagree on. A "
          "conflict is raised as `ConflictError` (exit 1) and nothing is written."),
    Layer("instances", "Instance files",
          "`upsides check-instance`: a YAML or JSON file of records read into the model."),
    Layer("rdf", "RDF",
          "`export rdf` refuses cells that would not make a valid term; `import rdf` fails "
          "closed on RDF that would not read back exactly; `query` refuses what could reach "
          "out or run away."),
    Layer("qda", "REFI-QDA",
          "`export qdpx|qdc` and `import qdpx|qdc`: what the exchange format cannot say, and "
          "projects refused as unsafe."),
    Layer("coding", "Coding cycle",
          "`upsides agreement` (`agreement/`) and `upsides codebook adopt` (`adopt.py`): what "
          "inter-coder agreement needs, and extension codebooks the centre cannot adopt "
          "(nothing is written)."),
    Layer("publish", "Publishing and remote stores",
          "`upsides publish` (`rdf/publish.py`) and `upsides query --endpoint` (`rdf/remote.py`): "
          "what is refused before anything is sent, and how a store's refusals are reported; "
          "see [publishing](publishing.md)."),
    Layer("sites", "Workbooks and CSV folders",
          "`upsides pack` (`sites/`): a site's filled workbook (.xlsx, .ods) or folder of CSV "
          "files becoming a package. Findings name the sheet, row and column; any error stops "
          "the packing and nothing is written."),
    Layer("studio", "Studio",
          "`upsides studio` (`studio/`): what the browser drops or asks to change."),
    Layer("output", "Outputs",
          "What the output writer (`output.py`, `output_checks.py`) refuses to write; nothing "
          "is written and the command exits with 2."),
    Layer("command", "Any command",
          "Refusals every command may give: usage errors, unreadable inputs, limits, "
          "migrations."),
)

_REASONS = "not-reported, not-applicable, withheld-for-disclosure or unknown"


def _rules() -> Iterable[Rule]:
    r = Rule
    # The runner
    yield r("descriptor-missing", "runner", "error", "the input has a `datapackage.json`",
            "give the package folder, its datapackage.json or a zip holding one, e.g. "
            "examples/upsides-mhw-2019/ulm")
    yield r("descriptor-invalid", "runner", "error",
            "the descriptor is a UTF-8 JSON object",
            'a descriptor starts like {"name": "upsides-mhw-2019-ulm", "resources": [...]}')
    yield r("unreadable", "runner", "error",
            "the input can be read at all: a folder, a descriptor or an intact zip",
            "check that this is the right file, complete and UTF-8; re-export it from its tool")
    yield r("zip-member-corrupt", "runner", "error", "every member of a zipped package can be "
            "read", "zip the package folder again, e.g. `zip -r ulm.zip ulm`")
    yield r("codebook-unresolved", "runner", "warning",
            "the codebook package a site package names (`upsides.codebook`) is among the "
            "inputs, given with `--codebook` or a folder beside it; otherwise codes and themes "
            "went unchecked", "upsides validate ulm --codebook codebook")
    yield r("codebook-invalid", "runner", "error",
            "the codebook package found beside a site package (or given with `--codebook`) can "
            "be read cleanly", "validate the codebook package itself: upsides validate codebook")
    yield r("nesting-too-deep", "runner", "error",
            "a descriptor or instance file is nested at most 100 levels deep",
            'nest objects a few levels, e.g. {"upsides": {"codebook": {"name": "x"}}}')
    yield r("input-too-large", "runner", "error", "a descriptor is at most 16 MiB",
            "keep data in the CSV tables; a descriptor is usually a few kilobytes")
    yield r("check-crashed", "runner", "error",
            "a layer or a rule raised an exception (a bug); the other layers and rules still "
            "ran", "report the bug with the command you ran; the other findings still hold")
    # Layer 1: shape
    yield r("name-invalid", "shape", "error",
            "the descriptor's `name` is a safe name (it becomes a folder name at split and "
            "import)", 'a package name like "upsides-mhw-2019-ulm"')
    yield r("upsides-property", "shape", "error",
            "the descriptor's `upsides` object is complete: a known kind, access level and a "
            "standard version MAJOR.MINOR.PATCH",
            '"upsides": {"kind": "site", "access_level": "public", "standard_version": "1.1.0"}')
    yield r("standard-version", "shape", "error",
            "the package follows this library's major version of the standard",
            'a package of standard 1.x, e.g. "standard_version": "1.0.0"; migrate others with '
            "`upsides migrate`")
    yield r("descriptor-property", "shape", "error",
            "`name`, `version`, `title`, `description` are text; `licenses`, `sources`, "
            "`contributors` lists of objects; `keywords` a list of texts",
            '"version": "1.0.0"')
    yield r("resource-invalid", "shape", "error",
            "every resource is an object with a name, declared once, plain UTF-8 CSV",
            '{"name": "quote", "path": "quote.csv", "format": "csv", "encoding": "utf-8"}')
    yield r("resource-missing", "shape", "error",
            "every table of the package kind (of the package's standard version) is declared",
            "declare every table, header-only when empty, e.g. memo.csv")
    yield r("resource-unknown", "shape", "error", "no table outside the package kind is declared",
            "a site package's tables are those of the standard, e.g. quote, transcript")
    yield r("schema-mismatch", "shape", "error",
            "each embedded Table Schema has the structure (fields, types, constraints, keys) of "
            "the profile of the package's standard version; prose is not compared",
            "write packages with `upsides_data.write_package`, which embeds the right schema")
    yield r("path-invalid", "shape", "error", "a resource's `path` is one string",
            '"path": "quote.csv"')
    yield r("path-remote", "shape", "error", "the path is not a URL: nothing is fetched",
            '"path": "quote.csv"')
    yield r("path-backslash", "shape", "error", "the path uses forward slashes only",
            '"path": "tables/quote.csv"')
    yield r("path-absolute", "shape", "error", "the path is relative to the package folder",
            '"path": "quote.csv"')
    yield r("path-traversal", "shape", "error",
            "the path has no `..` part and, links followed, stays inside the package",
            '"path": "quote.csv"')
    yield r("file-missing", "shape", "error", "the file exists",
            "write every table, header-only when empty, e.g. memo.csv with its header line")
    yield r("file-not-regular", "shape", "error",
            "the file is a regular file, not a FIFO, device, socket or folder",
            'a CSV file inside the package folder, e.g. "quote.csv"')
    yield r("file-unreadable", "shape", "error", "the file can be read (permissions, links)",
            "check that the file exists and that you may read it (chmod a+r quote.csv)")
    yield r("file-empty", "shape", "error", "the file is not empty",
            "a table without rows still has its header line, e.g. id,transcript,text")
    yield r("encoding", "shape", "error", "the file is UTF-8 (a byte order mark is accepted)",
            "re-save the file as UTF-8 (\"CSV UTF-8\" in a spreadsheet's save dialogue)")
    yield r("csv-syntax", "shape", "error",
            "the file parses as CSV: quotes closed, LF or CRLF line ends",
            'a quoted cell ends with a quote: "a cell, with a comma"')
    yield r("column-missing", "shape", "error", "the header names every column of the schema",
            "the header of site.csv is exactly: id,label,name,...")
    yield r("column-extra", "shape", "error", "the header names no column outside the schema",
            "remove the column, or keep its data in `notes`")
    yield r("column-renamed", "shape", "error", "no column is named other than in the schema",
            "rename the column to the schema's name, e.g. gender")
    yield r("column-duplicate", "shape", "error", "no column appears twice",
            "keep one column named e.g. gender")
    yield r("column-order", "shape", "error", "the columns are in schema order",
            "reorder the columns as in the schema, e.g. id,study,site,...")
    yield r("cell-extra", "shape", "error", "no record has more cells than the header",
            'quote a cell holding a comma: "Ulm, Germany"')
    yield r("cell-missing", "shape", "error", "no record has fewer cells than the header",
            "give every column a cell, empty when unknown: a,,c")
    # Layer 2: tables
    yield r("row-blank", "tables", "error", "no row is blank", "delete the empty line")
    yield r("type-error", "tables", "error", "each cell has its column's type",
            "an integer like 12, a date like 2019-11-14, a boolean true or false")
    yield r("constraint-required", "tables", "error", "a required cell is not empty",
            "give a value, e.g. upsides:ulm/fg-1")
    yield r("constraint-unique", "tables", "error", "a unique column holds no value twice",
            "give each record its own value, e.g. upsides:ulm/q-2")
    yield r("constraint-enum", "tables", "error", "the value is one of the allowed values",
            "one of the allowed values the finding lists, e.g. MHW")
    yield r("constraint-pattern", "tables", "error", "the value has the form the schema asks",
            "an identifier like upsides:ulm/fg-1, a date like 2019-11-14")
    yield r("constraint-minimum", "tables", "error", "the number is at least the minimum",
            "a number at least the minimum, e.g. 1 for duration_minutes")
    yield r("constraint-maximum", "tables", "error", "the number is at most the maximum",
            "a number at most the maximum, e.g. 120 for an age")
    yield r("primary-key", "tables", "error", "every record has its own, non-empty id",
            "give each record its own id, e.g. upsides:ulm/q-2")
    yield r("foreign-key", "tables", "error", "a reference names a record of the package",
            "refer to an existing record, e.g. transcript upsides:ulm/t1")
    yield r("engine-unsupported", "tables", "warning",
            "a constraint the fast engine cannot check was left to `--engine frictionless`",
            "upsides validate --engine frictionless PACKAGE")
    yield r("frictionless-error", "tables", "error",
            "another error stock Frictionless reports (`--engine frictionless` only)",
            "fix what the message says, then validate again")
    # Layer 3: models
    yield r("model", "models", "error",
            "a row (or an instance record) reads into the class of its table",
            "a value the class accepts, e.g. participant_count 8")
    # Layer 4: rules
    yield r("codebook-missing-code", "rules", "error",
            "every code a site package uses is a `code` of its codebook package",
            "use a code of the codebook, e.g. upsides:mhw-2019/code-trust")
    yield r("codebook-missing-theme", "rules", "error",
            "every theme a site package uses is a `theme` of its codebook package",
            "use a theme of the codebook, e.g. upsides:mhw-2019/theme-roles")
    yield r("codebook-not-found", "rules", "warning", "a site package names its codebook package",
            '"upsides": {"codebook": {"name": "upsides-mhw-2019-codebook", "version": "1.0.0"}}')
    yield r("reference-missing", "rules", "error",
            "references into another package (site into codebook, codebook into sites) resolve "
            "there; in instance files, references resolve in the file",
            "refer to a record that exists, e.g. study upsides:mhw-2019/study")
    yield r("reference-unchecked", "rules", "warning",
            "a codebook package's references into site packages not given were not checked",
            "validate them together: upsides validate codebook ad bgu bu", "1.1.0")
    yield r("reference-unreadable", "rules", "error",
            "the target table of a reference into another package can be read",
            "fix the other package first, e.g. re-save its theme.csv as UTF-8", "1.1.0")
    yield r("id-scope", "rules", "error",
            "record ids use the package's scope (`upsides.site`, or `upsides.study` in a "
            "codebook package)", "upsides:ulm/fg-1 in the ulm site package")
    yield r("label-parts", "rules", "error",
            'a label equals "<label_site> <label_chapter>" where those are given',
            "label Ulm 108 with label_site Ulm and label_chapter 108")
    yield r("label-site", "rules", "error",
            "the site part of a label is the label of the site of the record's transcript",
            "labels of the Ulm site start with Ulm, e.g. Ulm 108")
    yield r("date-outside-study", "rules", "error",
            "dates lie inside the study's period (focus groups) or after its start (codings, "
            "memos)", "a date inside the study period, e.g. 2019-11-14")
    yield r("aggregate-mismatch", "rules", "error / warning",
            "a focus group's figures agree with its participant rows",
            "participant_count 8 for a group with 8 participant rows")
    yield r("hierarchy-cycle", "rules", "error", "no theme or code is its own ancestor",
            "a parent higher up the tree, e.g. theme-roles under theme-peer-work")
    yield r("offsets", "rules", "error / warning",
            "start_offset < end_offset, inside the transcript, spanning the quote's text",
            "start_offset 120 and end_offset 180 around the quoted words")
    yield r("memo-about", "rules", "error",
            "a memo is about exactly one of about_code, about_theme, about_quote",
            "about_code upsides:mhw-2019/code-trust and the other two empty")
    yield r("value-or-reason", "rules", "error",
            "a value the class needs, or the reason for its absence",
            f"licence https://creativecommons.org/licenses/by/4.0/, or licence_absent_reason "
            f"one of {_REASONS}", "1.1.0")
    yield r("value-and-reason", "rules", "error",
            "never a value beside a reason for its absence",
            "duration_minutes 90 with duration_minutes_absent_reason empty", "1.1.0")
    yield r("gender-sum", "rules", "error",
            "female + male + diverse participants are at most participant_count",
            "participant_count 8 with 5 female and 3 male", "1.1.0")
    yield r("range-order", "rules", "error", "age_min <= age_mean <= age_max, durations in order",
            "age_min 24, age_mean 37.5, age_max 61", "1.1.0")
    yield r("group-sum", "rules", "error", "a study's focus groups and participants fit in it",
            "focus_group_count 6 for a study with 6 focus group records", "1.1.0")
    yield r("study-total", "rules", "error / warning",
            "a study's participant_count agrees with the participant rows of its groups",
            "participant_count 30 for a study with 30 participant rows", "1.1.0")
    yield r("focus-group-package", "rules", "error",
            "a codebook package holds only focus groups whose site is not reported",
            "a group held at Ulm belongs in the ulm site package", "1.1.0")
    yield r("id-collision", "rules", "error",
            "two packages of one site for different studies use different ids for a study's "
            "records", "upsides:ad/mhw-followup-fg-1 beside upsides:ad/fg-1", "1.1.0")
    yield r("country-unknown", "rules", "error",
            "a country code is one ISO 3166-1 lists (not only two capitals)",
            "DE for Germany, UG for Uganda", "1.1.0")
    yield r("language-unknown", "rules", "error",
            "a language tag starts with a language ISO 639 lists",
            "lg for Luganda, de-CH for Swiss German", "1.1.0")
    yield r("site-participation-missing", "rules", "warning",
            "every site of a site package takes part in a study (a site_participation row)",
            "a site_participation row with id upsides:bu/participation-mhw-2019, study "
            "upsides:mhw-2019/study and site upsides:bu/site", "1.1.0")
    yield r("site-income-missing", "rules", "warning",
            "a site's participation names its income classification or the reason it is absent",
            "income_classification upsides:worldbank/UG-FY2020, or "
            "income_classification_absent_reason not-reported", "1.1.0")
    # Layer 5: disclosure
    yield r("disclosure-exact-age", "disclosure", "error",
            "no withheld age column holds a value in a public package",
            "age_band 30-39 with age_years empty")
    yield r("disclosure-exact-value", "disclosure", "error",
            "no other withheld column holds a value (years_experience)",
            "years_experience empty in a public package", "1.1.0")
    yield r("disclosure-direct-identifier", "disclosure", "error",
            "no column classified direct-identifier holds a value",
            "leave the column empty in a public package", "1.1.0")
    yield r("disclosure-small-cell", "disclosure", "error",
            "a count marked at-least-k is 0 or at least k, else withheld with its reason",
            "participant_count_female empty with its reason withheld-for-disclosure", "1.1.0")
    yield r("disclosure-recoverable-aggregate", "disclosure", "error",
            "no gender count published while a participant's gender is suppressed",
            "participant_count_female empty with its reason withheld-for-disclosure", "1.1.0")
    yield r("disclosure-quote-speaker", "disclosure", "error",
            "no quote of a public package is linked to its speaker",
            "speaker empty, speaker_role MHW", "1.1.0")
    yield r("disclosure-pii", "disclosure", "error",
            "no email, phone number, personal URL, national id, birth date, address or roster "
            "name in a public package", "replace it with a role, e.g. [peer worker]")
    yield r("disclosure-k-anonymity", "disclosure", "error",
            "every combination of quasi-identifiers occurs at least k times",
            "age_band 30-39 instead of 34; anonymise with upsides anonymise")
    yield r("disclosure-l-diversity", "disclosure", "error",
            "with --l-diversity N, every combination of quasi-identifiers holds N different "
            "values of each sensitive attribute",
            "upsides anonymise -l 2, or age_band 30-49 instead of 30-39", "1.1.0")
    yield r("disclosure-transcript-text", "disclosure", "error",
            "no transcript text in a public package", "text empty in transcript.csv")
    # Merge
    yield r("merge-conflict", "merge", "error",
            "packages giving one record id agree on its values",
            "correct the package that differs, so both say e.g. label Ulm")
    yield r("merge-dangling-link", "merge", "error",
            "a link table row refers to a record one of the inputs holds",
            "give the package holding the record, e.g. the codebook package")
    yield r("merge-kind", "merge", "error", "the input is a site, codebook or consortium package",
            '"kind": "site"')
    yield r("merge-not-upsides", "merge", "error", "the input's descriptor has an `upsides` object",
            '"upsides": {"kind": "site", ...}')
    yield r("merge-provenance", "merge", "error",
            "a consortium's provenance tables name the packages it was merged from",
            "merge the original packages again: upsides merge ad bgu codebook -o consortium")
    yield r("merge-same-package-differs", "merge", "error",
            "one name and version name one package",
            "give the changed package a new version, e.g. 1.0.1")
    yield r("merge-unknown-column", "merge", "error", "every column is one of the standard's",
            "remove the column, or keep its data in notes")
    # Instance files
    yield r("parse", "instances", "error", "the file parses as YAML or JSON, without tags",
            "records: [{id: upsides:ulm/fg-1}]")
    yield r("duplicate-key", "instances", "error", "no key appears twice in one mapping",
            "one `label:` per record")
    yield r("duplicate-id", "instances", "error", "no id is given twice",
            "give each record its own id, e.g. upsides:ulm/fg-2")
    yield r("yaml-alias-refused", "instances", "error", "the file uses no YAML aliases",
            "write the value out where it is used")
    # RDF
    yield r("rdf-identifier", "rdf", "error",
            "an identifier makes a valid IRI (export)", "upsides:ulm/fg-1")
    yield r("rdf-iri", "rdf", "error", "an IRI column holds an absolute IRI (export)",
            "https://creativecommons.org/licenses/by/4.0/")
    yield r("rdf-country", "rdf", "error", "a country code is one the export can name (export)",
            "a two-letter ISO 3166 code, e.g. DE")
    yield r("rdf-enum-unknown", "rdf", "error",
            "an enum value is one of the allowed values or their meanings",
            "one of the allowed values, e.g. MHW")
    yield r("rdf-no-package", "rdf", "error", "the RDF holds at least one package",
            "import a file written by upsides export rdf")
    yield r("rdf-package-incomplete", "rdf", "error",
            "each package node has a name, a kind and JSON metadata",
            "import a file written by upsides export rdf, unchanged")
    yield r("rdf-cardinality", "rdf", "error", "a single-valued property has one value",
            "one dct:title per record")
    yield r("rdf-blank-node", "rdf", "error", "no record is a blank node",
            "give every record an IRI, e.g. https://w3id.org/upsides/ulm/fg-1")
    yield r("rdf-iri-outside-namespace", "rdf", "error",
            "record IRIs lie in the standard's namespaces",
            "https://w3id.org/upsides/ulm/fg-1")
    yield r("rdf-literal-datatype", "rdf", "error", "a literal has its column's datatype",
            '"60"^^xsd:integer')
    yield r("rdf-literal-too-large", "rdf", "error", "a literal is under the size limit",
            "keep long texts in transcripts, under 16 MiB each")
    yield r("rdf-wrong-term", "rdf", "error", "an IRI where an IRI belongs, a literal where a "
            "literal belongs", "<https://w3id.org/upsides/ulm/fg-1> for a reference")
    yield r("rdf-record-dropped", "rdf", "error", "no record would be dropped by its package kind",
            "import the records into a package of their kind")
    yield r("rdf-access-rights-unknown", "rdf", "error",
            "a package's dct:accessRights is one access level of the standard (a package "
            "without one is imported restricted)",
            "dct:accessRights <http://publications.europa.eu/resource/authority/access-right/PUBLIC>",
            "1.1.0")
    yield r("query-invalid", "rdf", "error", "the query parses as SPARQL",
            "SELECT ?s WHERE { ?s ?p ?o } LIMIT 10")
    yield r("query-refused", "rdf", "error", "the query names no remote graph (FROM)",
            "SELECT ?s WHERE { ?s ?p ?o }")
    yield r("query-service-refused", "rdf", "error", "the query has no SERVICE clause",
            "SELECT ?s WHERE { ?s ?p ?o }")
    yield r("query-update-refused", "rdf", "error", "the query is read-only (no LOAD, INSERT)",
            "SELECT ?s WHERE { ?s ?p ?o }")
    yield r("query-time-limit", "rdf", "error", "the query ends within --timeout",
            "--timeout 60, or add LIMIT 100")
    yield r("query-result-limit", "rdf", "error", "the query gives at most --max-results rows",
            "--max-results 100000, or add LIMIT 100")
    yield r("query-aborted", "rdf", "error",
            "the query process ended with an answer (not killed by memory or a signal)",
            "add LIMIT 100 or narrow the WHERE clause")
    # REFI-QDA
    yield r("qda-not-expressible", "qda", "warning",
            "what REFI-QDA (or the standard, on import) cannot say is left out, named",
            "nothing to do; read the finding to see what was left out")
    yield r("qda-unmappable", "qda", "warning", "an element maps to a record of the standard",
            "nothing to do; the element is left out")
    yield r("qda-forbidden-characters", "qda", "error / warning",
            "texts hold no characters XML forbids", "remove control characters like U+0001")
    yield r("qda-unknown-reference", "qda", "warning", "a reference names a known element",
            "refer to an element of the project, by its GUID")
    yield r("qda-namespace", "qda", "error", "the project uses the REFI-QDA 1.0 namespace",
            "urn:QDA-XML:project:1.0")
    yield r("qda-offsets", "qda", "error / warning",
            "a selection's offsets fit its source's text",
            "startPosition 120 and endPosition 180 inside the source")
    yield r("qda-site-unknown", "qda", "error", "the site of the import is known",
            "upsides import qdpx project.qdpx --site ulm --country DE")
    yield r("qda-study-placeholder", "qda", "warning",
            "the study is named, not a placeholder", "--study upsides:mhw-2019/study")
    yield r("qda-other-scope", "qda", "warning",
            "records of another scope stay with their own package",
            "import each site's project into its own package")
    yield r("qda-pseudonymised", "qda", "warning", "analyst names are replaced by pseudonyms",
            "nothing to do; pseudonym A1 stands for the analyst")
    yield r("qda-text-withheld", "qda", "warning",
            "a public package carries no transcript text", "--access-level restricted")
    yield r("qda-xsd", "qda", "error", "the project validates against the REFI-QDA schema",
            "export the project again from its QDA tool")
    yield r("qda-duplicate-guid", "qda", "error", "no two elements share one GUID",
            "give each element its own GUID, e.g. 5c2f0a1e-...")
    yield r("qda-binary-source", "qda", "error", "a text source is plain text",
            "convert the PDF to a .txt source before exporting")
    yield r("xml-unsafe", "qda", "error", "the XML has no DOCTYPE or entities",
            "export the project again from its QDA tool")
    yield r("qda-code-unmapped", "qda", "warning",
            "a project's code is in the consortium codebook (by GUID or by name); one that is "
            "not goes to the site's extension codebook package",
            "name the code as the codebook does, e.g. Role clarity, or send the extension "
            "package to the centre to adopt", "1.1.0")
    yield r("qda-code-ambiguous", "qda", "warning",
            "a project's code matched by name fits exactly one record of the consortium codebook",
            "code with the codebook's QDC loaded, so the code keeps its GUID, e.g. "
            "{5C2F0A1E-...} for Role clarity", "1.1.0")
    # Coding cycle
    yield r("agreement-too-few-coders", "coding", "error",
            "agreement is computed over codings (with a coder and offsets) of at least two "
            "coders", "upsides import qdpx anna.qdpx ben.qdpx --site ulm --study mhw-2019 -o ulm",
            "1.1.0")
    yield r("agreement-no-theme-map", "coding", "error",
            "`--by theme` has a codebook whose theme_codes table maps codes to themes",
            "a theme_codes row upsides:mhw-2019/theme-roles,upsides:mhw-2019/code-roles and "
            "--codebook codebook", "1.1.0")
    yield r("codebook-extension-mismatch", "coding", "error",
            "an adopted package extends this codebook and version, keeps its records unchanged "
            "and gives an added id the same row as every other extension",
            "adopt upsides-mhw-2019-codebook-ext-ulm 1.0.0 into upsides-mhw-2019-codebook "
            "1.0.0", "1.1.0")
    # Publishing and remote stores
    yield r("publish-restricted-refused", "publish", "error",
            "only public packages are published, unless the endpoint is declared private",
            "publish the output of upsides anonymise, or add --private-endpoint", "1.1.0")
    yield r("publish-graph-base-invalid", "publish", "error",
            "the graph base is an absolute http(s) IRI ending in / or #",
            "--graph-base https://w3id.org/upsides-data/graph/", "1.1.0")
    yield r("endpoint-url-invalid", "publish", "error",
            "an endpoint is an http(s) URL without a #fragment",
            "--endpoint http://127.0.0.1:7878/store", "1.1.0")
    yield r("endpoint-credentials-in-url", "publish", "error",
            "an endpoint URL holds no user name or password (a command line is seen by others)",
            "--endpoint http://127.0.0.1:7878/store with the password in "
            "UPSIDES_ENDPOINT_PASSWORD", "1.1.0")
    yield r("endpoint-netrc-invalid", "publish", "error",
            "the credentials are complete: both UPSIDES_ENDPOINT_USER and "
            "UPSIDES_ENDPOINT_PASSWORD, or a ~/.netrc that reads as one",
            "machine store.example.org login publisher password ...", "1.1.0")
    yield r("endpoint-unreachable", "publish", "error",
            "the store answers within the retries (5xx, time-outs and dropped connections are "
            "retried with back-off)",
            "start the store, e.g. oxigraph serve --location store --bind 127.0.0.1:7878",
            "1.1.0")
    yield r("endpoint-unauthorised", "publish", "error",
            "the store accepts the credentials (it did not answer 401 or 403)",
            "export UPSIDES_ENDPOINT_USER=publisher and UPSIDES_ENDPOINT_PASSWORD, or a "
            "~/.netrc line for the store's host", "1.1.0")
    yield r("endpoint-refused", "publish", "error",
            "the store accepts the request (or its answer is SPARQL results)",
            "the store's own endpoint, e.g. http://127.0.0.1:7878/store for publish, "
            "http://127.0.0.1:7878/query for query", "1.1.0")
    # Workbooks and CSV folders
    yield r("workbook-unreadable", "sites", "error",
            "the workbook opens as .xlsx or .ods",
            "open it in the spreadsheet program and save it again, e.g. as ulm.xlsx", "1.1.0")
    yield r("package-sheet-missing", "sites", "error",
            "the workbook has a 'package' sheet naming the package",
            "a sheet 'package' with rows name, access_level, study and site, e.g. name in A1 "
            "and upsides-mhw-2019-ulm in B1", "1.1.0")
    yield r("package-fact-missing", "sites", "error",
            "the 'package' sheet gives name, access_level, study and site",
            "study in column A and upsides:mhw-2019/study in column B", "1.1.0")
    yield r("sheet-unknown", "sites", "error",
            "every sheet holding rows is a table of the package kind",
            "rename the sheet to a table's name, e.g. quote", "1.1.0")
    yield r("sheet-duplicate", "sites", "error", "each table is given by one sheet",
            "keep one sheet participant_groups_attended (not also "
            "participant_focus_groups_attended)", "1.1.0")
    yield r("column-unknown", "sites", "error",
            "every column of a sheet is a column of its table",
            "use the template's column names (row 1), e.g. id, label, name", "1.1.0")
    yield r("cell-outside-columns", "sites", "error",
            "no value stands in a column without a name in row 1",
            "move the value into a named column, e.g. notes, or delete it", "1.1.0")
    yield r("date-order-ambiguous", "sites", "error",
            "a written date can be read one way only (03/04/2020 could be March or April)",
            "2020-04-03, or pack with --date-order dmy", "1.1.0")
    yield r("workbook-forbidden-character", "sites", "error",
            "a cell written into a workbook (template --from) holds no control character "
            "XML forbids", "delete the invisible character, e.g. 'peer workers' for "
            "'peer<U+0000>workers'", "1.1.0")
    yield r("date-invalid", "sites", "error",
            "a written date is a date in the order given with --date-order",
            "2019-11-30", "1.1.0")
    # Studio
    yield r("upload-name-refused", "studio", "error",
            "a dropped file has a plain file name (no folder part, no leading dot)",
            "site-package.zip", "1.1.0")
    yield r("upload-unsupported", "studio", "error",
            "what is dropped holds a package: a zip, a package folder's files, a .qdpx project "
            "or a workbook", "ulm.zip holding datapackage.json and its CSV files", "1.1.0")
    yield r("workbook-unsupported", "studio", "error",
            "a dropped workbook can be packed (the build has `upsides pack`)",
            "drop the package as a zip instead, e.g. ulm.zip", "1.1.0")
    yield r("qdpx-site-study-missing", "studio", "error",
            "a dropped REFI-QDA project comes with its site and study",
            "Site ulm and Study mhw-2019 next to the file", "1.1.0")
    yield r("cell-not-found", "studio", "error",
            "the cell a fix names (file, row, column) is in the package",
            "file quote.csv, row 2, column label", "1.1.0")
    # Any command
    yield r("usage", "command", "error", "the command was given what it needs",
            "see upsides COMMAND --help, e.g. upsides validate PACKAGE")
    yield r("refused", "command", "error", "the command can do what was asked",
            "see upsides COMMAND --help (Limits and refusals) and docs/cli.md")
    yield r("migration-unavailable", "command", "error",
            "a migration exists from the package's standard version to this library's",
            "migrate with the release of upsides-data for the package's major version",
            "1.1.0")
    yield r("migration-not-needed", "command", "error",
            "the package does not already follow this library's standard version",
            'a package of an older version, e.g. "standard_version": "1.0.0"', "1.1.0")
    for code, (title, hint) in output_checks.RULES.items():
        yield r(code, "output", "error", title, hint)


RULES: dict[str, Rule] = {rule.code: rule for rule in _rules()}
LAYER_NAMES = {layer.name for layer in LAYERS}


def is_registered(code: str) -> bool:
    return code in RULES


def constraint_rule(constraint: str) -> str:
    """The rule code of a Table Schema constraint: ``minLength`` -> ``constraint-min-length``."""
    return "constraint-" + re.sub(r"(?<!^)(?=[A-Z])", "-", constraint).lower()

