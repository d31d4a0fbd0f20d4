"""The classes of the bad-input corpus (issue #13, item 7), one builder per category.

Each class is a dict: ``category``, ``about`` (what is wrong, in words), optional ``files``
({relative path: bytes or text}, inputs that stand on their own), ``setup`` (steps applied to the
class's working folder after the valid synthetic site package ``ulm`` and its ``codebook`` are
put there; see ``badinput_setup.py``), ``runs`` (command, argv, expected exit code, rule codes)
and optional ``secret`` (text placed outside the package that no run may print or write) and
``checks`` (extra assertions by name, see the harness).

The expected exit codes and rule codes are the contract of issue #13: 0 ok, 1 invalid or
conflicting input (nothing written), 2 usage error, unreadable input or an output that cannot be
written; never 3. A deriving command validates its inputs first, so it refuses what ``validate``
refuses, with the same codes.
"""

from __future__ import annotations

from typing import Any, Callable

from badinput_commands import (CODEBOOK, FILE_INPUT_COMMANDS, SITE, WRITERS, check_instance,
                               import_qdc, import_qdpx, import_rdf, output_runs, package_runs,
                               query, run)

Spec = dict[str, Any]
SECRET = "SECRET-OUTSIDE-THE-PACKAGE-7f3a"
DESC = "{work}/ulm/datapackage.json"


def parts(*pieces: tuple[str, int]) -> dict[str, Any]:
    """A long text given as (piece, times) pairs, expanded at test time (keeps the corpus small)."""
    return {"parts": [[text, times] for text, times in pieces]}


def cell(table: str, row: int, field: str, value: Any, package: str = "ulm") -> dict[str, Any]:
    return {"op": "set-cell", "path": f"{package}/{table}.csv", "row": row, "field": field,
            "value": value}


def replace(path: str, old: str, new: str, *, encoding: str = "utf-8", regex: bool = False,
            count: int = 1) -> dict[str, Any]:
    return {"op": "replace", "path": path, "old": old, "new": new, "encoding": encoding,
            "regex": regex, "count": count}


def descriptor(package: str = "ulm", *, set: dict[str, Any] | None = None,
               unset: list[str] | None = None,
               resource: dict[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    step: dict[str, Any] = {"op": "descriptor", "package": package}
    if set:
        step["set"] = set
    if unset:
        step["unset"] = unset
    if resource:
        step["resource"] = resource
    return step


def spec(category: str, about: str, runs: list[dict[str, Any]], *, setup: list | None = None,
         files: dict[str, Any] | None = None, secret: str | None = None,
         checks: list[str] | None = None) -> Spec:
    out: Spec = {"category": category, "about": about, "runs": runs, "setup": setup or []}
    if files:
        out["files"] = files
    if secret:
        out["secret"] = secret
    if checks:
        out["checks"] = checks
    return out


# -- descriptor -------------------------------------------------------------------------------

def descriptor_classes() -> dict[str, Spec]:
    unreadable = lambda rule="descriptor-invalid", **kw: package_runs(2, [rule], **kw)  # noqa: E731
    c: dict[str, Spec] = {}
    c["descriptor-missing"] = spec("descriptor", "the site folder has no datapackage.json",
                                   unreadable("descriptor-missing"),
                                   setup=[{"op": "delete", "path": "ulm/datapackage.json"}])
    raw = {
        "not-json": ("a descriptor cut off mid-object", b'{"name": "upsides-mhw-2019-ulm", "res'),
        "not-utf8": ("a descriptor in Latin-1 (a title with an umlaut)",
                     '{"name": "x", "title": "M\u00fcnchen", "resources": []}'.encode("latin-1")),
        "utf16": ("a descriptor in UTF-16", '{"name": "x", "resources": []}'.encode("utf-16")),
        "not-object": ("a descriptor that is a JSON list", b'[{"name": "x"}]\n'),
        "string": ("a descriptor that is a JSON string", b'"datapackage"\n'),
        "null": ("a descriptor that is JSON null", b"null\n"),
        "number": ("a descriptor that is a number", b"1e999\n"),
        "empty": ("an empty descriptor file", b""),
        "binary": ("a descriptor of binary noise", bytes(range(256)) * 4),
    }
    c["descriptor-nan"] = spec(
        "descriptor", "a descriptor holding NaN and Infinity (not strict JSON) and nothing else",
        package_runs(1, ["upsides-property"]), files={"ulm/datapackage.json":
                                                      b'{"name": "x", "version": NaN, '
                                                      b'"resources": [], "size": Infinity}\n'})
    for key, (about, data) in raw.items():
        c[f"descriptor-{key}"] = spec("descriptor", about, unreadable(),
                                      files={"ulm/datapackage.json": data})
    c["descriptor-deep-nesting"] = spec(
        "descriptor", "a descriptor nesting 200,000 lists (a parser recursing would crash)",
        unreadable("nesting-too-deep"),
        setup=[{"op": "write", "path": "ulm/datapackage.json", "text": parts(
            ('{"name": "upsides-mhw-2019-ulm", "resources": ', 1), ("[", 200_000),
            ("]", 200_000), ("}", 1))}])
    c["descriptor-deep-objects"] = spec(
        "descriptor", "a descriptor nesting 100,000 objects under 'upsides'",
        unreadable("nesting-too-deep"),
        setup=[{"op": "write", "path": "ulm/datapackage.json", "text": parts(
            ('{"name": "upsides-mhw-2019-ulm", "resources": [], "upsides": ', 1),
            ('{"a": ', 100_000), ("1", 1), ("}", 100_000), ("}", 1))}])
    c["descriptor-huge"] = spec(
        "descriptor", "a 64 MB descriptor (a description of 64 million characters)",
        package_runs(2, ["input-too-large"], subprocess=True),
        setup=[replace("ulm/datapackage.json", '"name": "upsides-mhw-2019-ulm"',
                       parts(('"description": "', 1), ("synthetic ", 6_400_000),
                             ('", "name": "upsides-mhw-2019-ulm"', 1)))])
    odd = {
        "resources-not-list": ("'resources' is an object, not a list",
                               {"resources": {"quote": "quote.csv"}}, "resource-invalid"),
        "resources-string": ("'resources' is a string", {"resources": "quote.csv"},
                             "resource-invalid"),
        "resources-null": ("'resources' is null", {"resources": None}, "resource-invalid"),
        "resource-not-object": ("the resources are a number, a string and null",
                                {"resources": [1, "quote.csv", None]}, "resource-invalid"),
        "name-number": ("the package name is a number", {"name": 42}, "descriptor-property"),
        "upsides-string": ("the 'upsides' block is a string", {"upsides": "site"},
                           "upsides-property"),
        "upsides-list": ("the 'upsides' block is a list", {"upsides": ["kind", "site"]},
                         "upsides-property"),
    }
    for key, (about, change, rule) in odd.items():
        c[f"descriptor-{key}"] = spec("descriptor", about, package_runs(1, [rule]),
                                      setup=[descriptor(set=change)])
    c["descriptor-resources-missing"] = spec(
        "descriptor", "no 'resources' key at all", package_runs(1, ["resource-invalid"]),
        setup=[descriptor(unset=["resources"])])
    c["descriptor-schema-fields-string"] = spec(
        "descriptor", "quote's Table Schema 'fields' is a string",
        package_runs(1, ["schema-mismatch"]),
        setup=[descriptor(resource={"quote": {"schema": {"fields": "id,text"}}})])
    c["descriptor-resource-duplicate-name"] = spec(
        "descriptor", "two resources named 'memo' (the second reads quote.csv)",
        package_runs(1, ["resource-invalid"]),
        setup=[descriptor(resource={"quote": {"name": "memo"}})])
    for key, name in {"name-traversal": "../../x", "name-absolute": "{work}/upsides-x",
                      "name-backslash": "..\\..\\x", "name-empty": ""}.items():
        c[f"descriptor-{key}"] = spec(
            "descriptor", f"the package name is {name!r}: it must never become a path",
            package_runs(1, ["name-invalid"]) + [
                run("split", ["split", "{work}/cons", "-o", "{out}/split"], 1, ["name-invalid"])],
            setup=[{"op": "derived", "name": "cons", "to": "cons"}, descriptor(set={"name": name}),
                   descriptor("cons", set={"name": name})])
    c["descriptor-kind-unknown"] = spec(
        "descriptor", "upsides.kind is 'banana'", package_runs(1, ["upsides-property"]),
        setup=[descriptor(set={"upsides.kind": "banana"})])
    c["descriptor-kind-relabelled-codebook"] = spec(
        "descriptor", "a site package relabelled as a codebook package (upsides.kind)",
        package_runs(1, ["resource-unknown"]), setup=[descriptor(set={"upsides.kind": "codebook"})])
    c["descriptor-kind-relabelled-consortium"] = spec(
        "descriptor", "a site package relabelled as a consortium package",
        package_runs(1, ["resource-missing"]),
        setup=[descriptor(set={"upsides.kind": "consortium"})])
    c["descriptor-standard-version"] = spec(
        "descriptor", "the package claims a future major version of the standard",
        package_runs(1, ["standard-version"]),
        setup=[descriptor(set={"upsides.standard_version": "9.0.0"})])
    c["descriptor-access-level-unknown"] = spec(
        "descriptor", "upsides.access_level is 'open' (neither public nor restricted)",
        package_runs(1, ["upsides-property"]),
        setup=[descriptor(set={"upsides.access_level": "open"})])
    return c


# -- CSV --------------------------------------------------------------------------------------

def csv_classes() -> dict[str, Spec]:
    c: dict[str, Spec] = {}
    quote = "ulm/quote.csv"
    first = "Synthetic quote: peer workers"
    c["csv-bad-byte"] = spec("csv", "quote.csv holds a byte that is not UTF-8 (0xFF)",
                             package_runs(1, ["encoding"]),
                             setup=[replace(quote, "peer workers", "peer w\u00ffrkers",
                                            encoding="latin-1")])
    c["csv-latin1"] = spec("csv", "quote.csv written in Latin-1 throughout",
                           package_runs(1, ["encoding"]),
                           setup=[replace(quote, "the ward", "the M\u00fcnchen ward"),
                                  {"op": "transcode", "path": quote, "encoding": "latin-1"}])
    c["csv-utf16"] = spec("csv", "quote.csv written in UTF-16 with its BOM",
                          package_runs(1, ["encoding"]),
                          setup=[{"op": "transcode", "path": quote, "encoding": "utf-16"}])
    c["csv-ragged-short"] = spec("csv", "a quote row with three cells",
                                 package_runs(1, ["cell-missing"]),
                                 setup=[{"op": "append", "path": quote,
                                         "text": "upsides:ulm/q9,upsides:ulm/t1,short\n"}])
    c["csv-ragged-long"] = spec("csv", "a quote row with two surplus cells",
                                package_runs(1, ["cell-extra"]),
                                setup=[replace(quote, ",true,\n", ",true,,surplus,more\n")])
    for key, (about, bom, newline, code) in {
            "bom-crlf": ("BOM and CRLF line ends (Excel's CSV): valid", True, "\r\n", 0),
            "bom-lf": ("a UTF-8 BOM and LF line ends: valid", True, None, 0),
            "crlf": ("CRLF line ends without BOM: valid", False, "\r\n", 0)}.items():
        c[f"csv-{key}"] = spec("csv", about, package_runs(code, qdc=CODEBOOK),
                               setup=[{"op": "transcode", "path": quote, "encoding": "utf-8",
                                       "bom": bom, "newline": newline},
                                      {"op": "transcode", "path": "codebook/theme.csv",
                                       "encoding": "utf-8", "bom": bom, "newline": newline}])
    c["csv-double-bom"] = spec("csv", "quote.csv starts with two BOMs (the first header is "
                               "'\\ufeffid')", package_runs(1, ["column-renamed"]),
                               setup=[{"op": "transcode", "path": quote, "encoding": "utf-8",
                                       "bom": True}, {"op": "transcode", "path": quote,
                                                      "encoding": "utf-8", "bom": True}])
    c["csv-cr-only"] = spec("csv", "quote.csv with old Mac line ends (CR only)",
                            package_runs(1, ["csv-syntax"]),
                            setup=[{"op": "transcode", "path": quote, "encoding": "utf-8",
                                    "newline": "\r"}])
    c["csv-missing-column"] = spec("csv", "quote.csv lacks its 'text' column",
                                   package_runs(1, ["column-missing"]),
                                   setup=[{"op": "drop-column", "path": quote, "field": "text"}])
    c["csv-extra-column"] = spec("csv", "quote.csv has a column the schema does not know",
                                 package_runs(1, ["column-extra"]),
                                 setup=[{"op": "add-column", "path": quote,
                                         "field": "site_comment", "value": "x"}])
    c["csv-duplicate-column"] = spec("csv", "quote.csv names 'notes' twice",
                                     package_runs(1, ["column-duplicate"]),
                                     setup=[{"op": "add-column", "path": quote, "field": "notes",
                                             "value": ""}])
    c["csv-nul-cell"] = spec("csv", "a NUL byte inside a quote's text: valid text, removed "
                             "(with a finding) where a format cannot hold it (QDPX)",
                             package_runs(0),
                             setup=[replace(quote, "peer workers", "peer\u0000workers")])
    for entry in c["csv-nul-cell"]["runs"]:  # a workbook cannot hold a NUL: refused, never dropped
        if entry["command"] == "template":
            entry.update(exit=1, rules=["workbook-forbidden-character"])
    c["csv-nul-header"] = spec("csv", "a NUL byte inside quote.csv's header",
                               package_runs(1, ["column-renamed"]),
                               setup=[replace(quote, "label_site", "label\u0000site")])
    c["csv-unclosed-quote"] = spec("csv", "a quoted cell that never closes",
                                   package_runs(1, ["csv-syntax"]),
                                   setup=[replace(quote, first, '"' + first)])
    c["csv-1mb-cell"] = spec("csv", "a quote whose text is one megabyte long: valid, as real "
                             "transcripts are", package_runs(0),
                             setup=[cell("quote", 3, "text", parts(
                                 ("Synthetic quote: a long answer about the team. ", 21_000)))])
    c["csv-empty-file"] = spec("csv", "memo.csv is empty (0 bytes)",
                               package_runs(1, ["file-empty"]),
                               setup=[{"op": "write", "path": "ulm/memo.csv", "text": ""}])
    c["csv-header-only"] = spec("csv", "memo.csv and coding.csv hold their header only: valid",
                                package_runs(0),
                                setup=[{"op": "keep-lines", "path": "ulm/memo.csv", "count": 1},
                                       {"op": "keep-lines", "path": "ulm/coding.csv", "count": 1}])
    c["csv-formula-cells"] = spec(
        "csv", "free-text cells a spreadsheet would run (=HYPERLINK, +, -, @, tab): valid data, "
        "neutralised in the report's CSV files", package_runs(0, qdc=CODEBOOK),
        setup=[cell("quote", 2, "notes", '=HYPERLINK("synthetic-target","click")'),
               cell("quote", 3, "notes", "+SUM(1+1)*cmd|' /C calc'!A0"),
               cell("memo", 2, "text", "@SUM(1,2)"),
               cell("site", 2, "notes", "-2+3"),
               cell("theme", 2, "label", "=1+1", package="codebook"),
               cell("code", 2, "label", "\t=1+2", package="codebook")],
        checks=["report-csv-neutral"])
    c["csv-blank-lines"] = spec("csv", "blank lines between the rows of quote.csv",
                                package_runs(1, ["row-blank"]),
                                setup=[replace(quote, "\nupsides:ulm/q2", "\n\n\nupsides:ulm/q2")])
    c["csv-header-spaces"] = spec("csv", "a header cell with a leading space (' text')",
                                  package_runs(1, ["column-renamed"]),
                                  setup=[replace(quote, ",text,", ", text,")])
    return c


# -- semantics --------------------------------------------------------------------------------

def semantic_classes() -> dict[str, Spec]:
    s = "semantics"
    c: dict[str, Spec] = {}
    c["sem-dangling-key"] = spec(s, "a quote points at a transcript that does not exist",
                                 package_runs(1, ["foreign-key"]),
                                 setup=[cell("quote", 2, "transcript", "upsides:ulm/t-none")])
    c["sem-migrate-old-dangling-key"] = spec(
        s, "a package declaring standard 1.0.0 whose quote points at a missing transcript: "
           "migrate validates what it would write and writes nothing",
        [run("migrate", ["migrate", SITE, "-o", "{out}/migrated"], 1, ["foreign-key"]),
         run("validate", ["validate", SITE, CODEBOOK], 1, ["foreign-key"])],
        setup=[descriptor(set={"upsides.standard_version": "1.0.0"}),
               cell("quote", 2, "transcript", "upsides:ulm/t-none")])
    c["sem-dangling-speaker"] = spec(s, "a quote's speaker is not a participant",
                                     package_runs(1, ["foreign-key"]),
                                     setup=[cell("quote", 2, "speaker", "upsides:ulm/p99")])
    c["sem-dangling-theme"] = spec(s, "a quote is tagged with a theme the codebook lacks",
                                   package_runs(1, ["codebook-missing-theme"]),
                                   setup=[cell("quote_themes", 2, "theme",
                                               "upsides:mhw-2019/theme-none")])
    c["sem-dangling-code"] = spec(s, "a coding applies a code the codebook lacks",
                                  package_runs(1, ["codebook-missing-code"]),
                                  setup=[cell("coding", 2, "code", "upsides:mhw-2019/code-none")])
    c["sem-duplicate-ids"] = spec(s, "two quotes share one id", package_runs(1, ["primary-key"]),
                                  setup=[cell("quote", 3, "id", "upsides:ulm/q1")])
    c["sem-duplicate-ids-across-sites"] = spec(
        s, "a second site package reusing the first one's ids, one quote with another text",
        package_runs(1, ["merge-conflict"], inputs=(SITE, "{work}/ulm2", CODEBOOK),
                     only=["merge"]),
        setup=[{"op": "copy", "from": "ulm", "to": "ulm2"},
               descriptor("ulm2", set={"name": "upsides-mhw-2019-ulm2"}),
               cell("quote", 2, "text", "Synthetic quote: the same id, another text.",
                    package="ulm2")])
    c["sem-cyclic-theme-tree"] = spec(
        s, "two themes are each other's parent", package_runs(1, ["hierarchy-cycle"],
                                                              qdc=CODEBOOK, site_alone=False),
        setup=[cell("theme", 2, "parent", "upsides:mhw-2019/theme-team", package="codebook")])
    c["sem-theme-own-parent"] = spec(
        s, "a theme is its own parent",
        package_runs(1, ["hierarchy-cycle"], qdc=CODEBOOK, site_alone=False),
        setup=[cell("theme", 3, "parent", "upsides:mhw-2019/theme-team", package="codebook")])
    c["sem-exact-age-public"] = spec(
        s, "a public package gives a participant's exact age",
        package_runs(1, ["disclosure-exact-age"], anonymise=None),
        setup=[cell("participant", 2, "age_years", "41")])
    c["sem-phone-in-quote"] = spec(
        s, "a public quote holds a phone number (a reserved fictional one)",
        package_runs(1, ["disclosure-pii"], anonymise=None),
        setup=[cell("quote", 2, "text", "Synthetic quote: call me on 555-010-0199 after work.")])
    c["sem-email-in-memo"] = spec(
        s, "a memo holds an email address (example.org)",
        package_runs(1, ["disclosure-pii"], anonymise=None),
        setup=[cell("memo", 2, "text", "Synthetic memo: write to someone@example.org.")])
    c["sem-k-anonymity"] = spec(
        s, "one participant's combination of role, gender, band and profession is unique",
        package_runs(1, ["disclosure-k-anonymity"], anonymise=None),
        setup=[cell("participant", 2, "profession", "social-worker")])
    c["sem-transcript-text-public"] = spec(
        s, "a public package claims a restricted transcript",
        package_runs(1, ["disclosure-transcript-text"], anonymise=None),
        setup=[cell("transcript", 2, "access_level", "restricted")])
    c["sem-contradicting-aggregates"] = spec(
        s, "a focus group says 3 participants but lists 6 rows, and 5 women of 3",
        package_runs(1, ["aggregate-mismatch"]),
        setup=[cell("focus_group", 2, "participant_count", "3"),
               cell("focus_group", 2, "participant_count_female", "5")])
    c["sem-label-other-site"] = spec(s, "a Ulm quote labelled as BGU's",
                                     package_runs(1, ["label-site"]),
                                     setup=[cell("quote", 2, "label", "BGU 12"),
                                            cell("quote", 2, "label_site", "BGU")])
    c["sem-date-outside-study"] = spec(s, "a focus group held before the study began",
                                       package_runs(1, ["date-outside-study"]),
                                       setup=[cell("focus_group", 2, "held_on", "2018-03")])
    c["sem-offsets-reversed"] = spec(s, "a quote whose span ends before it starts",
                                     package_runs(1, ["offsets"]),
                                     setup=[cell("quote", 2, "start_offset", "70"),
                                            cell("quote", 2, "end_offset", "3")])
    c["sem-memo-about-nothing"] = spec(s, "a memo about no code, theme or quote",
                                       package_runs(1, ["memo-about"]),
                                       setup=[cell("memo", 2, "about_quote", "")])
    c["sem-id-other-scope"] = spec(s, "a Ulm memo with an id of another site's scope",
                                   package_runs(1, ["id-scope"]),
                                   setup=[cell("memo", 2, "id", "upsides:uke/m1")])
    c["sem-sixty-minutes"] = spec(s, "a duration written as a word ('sixty')",
                                  package_runs(1, ["type-error"]),
                                  setup=[cell("focus_group", 2, "duration_minutes", "sixty")])
    return c


# -- paths ------------------------------------------------------------------------------------

def path_classes() -> dict[str, Spec]:
    c: dict[str, Spec] = {}
    outside = [{"op": "write", "path": "outside/memo.csv", "text":
                "id,author,about_code,about_theme,about_quote,text,written_on,synthetic\n"
                f"upsides:ulm/m1,upsides:ulm/a1,,,upsides:ulm/q1,{SECRET},2019-07-02,true\n"}]

    def pointing(key: str, about: str, path: str, rule: str, exit: int = 1,
                 extra: list | None = None, subprocess: bool = False) -> None:
        c[f"path-{key}"] = spec("paths", about, package_runs(exit, [rule], subprocess=subprocess),
                                setup=outside + (extra or []) + [
                                    descriptor(resource={"memo": {"path": path}})],
                                secret=SECRET)

    pointing("dotdot", "memo's path climbs out of the package ('../outside/memo.csv')",
             "../outside/memo.csv", "path-traversal")
    pointing("dotdot-nested", "memo's path climbs out through a subfolder",
             "sub/../../outside/memo.csv", "path-traversal")
    pointing("absolute", "memo's path is absolute (to a file outside the package)",
             "{work}/outside/memo.csv", "path-absolute")
    pointing("backslash", "memo's path uses Windows separators ('..\\outside\\memo.csv')",
             "..\\outside\\memo.csv", "path-backslash")
    pointing("url", "memo's path is a URL (to a closed local port: no request may be sent)",
             "http://127.0.0.1:9/memo.csv", "path-remote")
    pointing("file-url", "memo's path is a file: URL", "file://{work}/outside/memo.csv",
             "path-remote")
    pointing("device", "memo's path is a device (/dev/zero: reading never ends)", "/dev/zero",
             "path-absolute", subprocess=True)
    pointing("directory", "memo's path is a folder inside the package", "sub", "file-not-regular",
             extra=[{"op": "mkdir", "path": "ulm/sub"}])
    c["path-symlink-out"] = spec(
        "paths", "memo.csv is a symlink to a file outside the package",
        package_runs(1, ["path-traversal"]), secret=SECRET,
        setup=outside + [{"op": "symlink", "path": "ulm/memo.csv",
                          "target": "../outside/memo.csv"}])
    c["path-symlink-absolute"] = spec(
        "paths", "memo.csv is a symlink to an absolute path outside the package",
        package_runs(1, ["path-traversal"]), secret=SECRET,
        setup=outside + [{"op": "symlink", "path": "ulm/memo.csv",
                          "target": "{work}/outside/memo.csv"}])
    c["path-symlink-device"] = spec(
        "paths", "memo.csv is a symlink to /dev/zero (a device that never ends)",
        package_runs(1, ["path-traversal"], subprocess=True),
        setup=[{"op": "symlink", "path": "ulm/memo.csv", "target": "/dev/zero"}])
    c["path-fifo"] = spec(
        "paths", "memo.csv is a FIFO (reading it would wait forever)",
        package_runs(1, ["file-not-regular"], subprocess=True),
        setup=[{"op": "fifo", "path": "ulm/memo.csv"}])
    c["path-missing-file"] = spec("paths", "memo.csv is listed but absent",
                                  package_runs(1, ["file-missing"]),
                                  setup=[{"op": "delete", "path": "ulm/memo.csv"}])
    return c


# -- archives ---------------------------------------------------------------------------------

def archive_classes() -> dict[str, Spec]:
    c: dict[str, Spec] = {}
    zipped = {"op": "zip", "from": "ulm", "to": "ulm.zip", "remove": True}
    inputs = ("{work}/ulm.zip", CODEBOOK)
    c["zip-valid"] = spec("archives", "the site package as a zip: valid (the control case)",
                          package_runs(0, inputs=inputs, anonymise="{work}/ulm.zip"),
                          setup=[zipped])
    c["zip-member-traversal"] = spec(
        "archives", "a zip whose descriptor reads memo from member '../memo.csv'",
        package_runs(2, ["unreadable"], inputs=inputs, anonymise="{work}/ulm.zip"),
        setup=[descriptor(resource={"memo": {"path": "../memo.csv"}}),
               dict(zipped, rename={"memo.csv": "../memo.csv"})])
    c["zip-member-absolute"] = spec(
        "archives", "a zip whose memo member is stored under an absolute name '/memo.csv'",
        package_runs(2, ["unreadable"], inputs=inputs, anonymise="{work}/ulm.zip"),
        setup=[descriptor(resource={"memo": {"path": "/memo.csv"}}),
               dict(zipped, rename={"memo.csv": "/memo.csv"})])
    c["zip-extra-traversal-member"] = spec(
        "archives", "a package zip that also holds an unused member '../../evil.txt' "
                    "(refused whole: nothing may be extracted there)",
        package_runs(2, ["unreadable"], inputs=inputs, anonymise="{work}/ulm.zip"),
        setup=[dict(zipped, extra={"../../evil.txt": "synthetic payload"})])
    c["zip-bomb"] = spec(
        "archives", "memo.csv inside the zip inflates from about 200 KB to 200 MB",
        package_runs(2, ["unreadable"], inputs=inputs, anonymise="{work}/ulm.zip",
                     subprocess=True),
        setup=[dict(zipped, inflate={"memo.csv": 200_000_000})])
    c["zip-corrupt-member"] = spec(
        "archives", "the compressed bytes of quote.csv are damaged (CRC mismatch)",
        package_runs(2, ["zip-member-corrupt"], inputs=inputs, anonymise="{work}/ulm.zip"),
        setup=[zipped, {"op": "zip-corrupt", "path": "ulm.zip", "member": "quote.csv"}])
    c["zip-nested"] = spec(
        "archives", "a zip holding only another zip of the package",
        package_runs(2, ["unreadable"], inputs=inputs, anonymise="{work}/ulm.zip"),
        setup=[dict(zipped, to="inner.zip"), {"op": "zip-files", "to": "ulm.zip",
                                              "members": {"inner.zip": "inner.zip"}}])
    c["zip-not-a-zip"] = spec("archives", "a .zip file that holds text",
                              package_runs(2, ["unreadable"], inputs=inputs,
                                           anonymise="{work}/ulm.zip"),
                              files={"ulm.zip": "this is not a zip archive\n"})
    c["zip-truncated"] = spec("archives", "the package zip cut off after 600 bytes",
                              package_runs(2, ["unreadable"], inputs=inputs,
                                           anonymise="{work}/ulm.zip"),
                              setup=[zipped, {"op": "truncate", "path": "ulm.zip", "size": 600}])
    c["zip-empty"] = spec("archives", "an empty zip archive (no members)",
                          package_runs(2, ["unreadable"], inputs=inputs,
                                       anonymise="{work}/ulm.zip"),
                          files={"ulm.zip": b"PK\x05\x06" + b"\x00" * 18})
    return c


# -- XML: QDPX and QDC ------------------------------------------------------------------------

QDE = "project.qde"
XXE = ('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE Project [<!ENTITY xxe SYSTEM '
       '"file://{path}">]>\n')
LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
          + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
                    for i in range(1, 10)) + "]>\n")


def _qdpx(*edits: dict[str, Any], **more: Any) -> list[dict[str, Any]]:
    """The QDPX export of the valid packages, then ``edits`` of project.qde (replacements) and
    ``more`` (one edit of another member: ``member_prefix``/``member``, ``delete`` or
    ``data_hex``)."""
    steps: list[dict[str, Any]] = [{"op": "derived", "name": "qdpx", "to": "in.qdpx"}]
    for edit in edits:
        steps.append(dict({"op": "zip-edit", "path": "in.qdpx", "member": QDE}, **edit))
    if more:
        steps.append(dict({"op": "zip-edit", "path": "in.qdpx"}, **more))
    return steps


def xml_classes() -> dict[str, Spec]:
    x = "xml"
    c: dict[str, Spec] = {}
    qdpx = "{work}/in.qdpx"
    c["qdpx-valid"] = spec(x, "a QDPX project exported from the valid packages (control)",
                           [import_qdpx(qdpx, 0)], setup=_qdpx())
    c["qdpx-xxe"] = spec(
        x, "project.qde declares an external entity reading a file outside",
        [import_qdpx(qdpx, 2, ["xml-unsafe"])], secret=SECRET,
        setup=[{"op": "write", "path": "outside/secret.txt", "text": SECRET}] + _qdpx(
            {"old": '<?xml version="1.0" encoding="utf-8"?>\n', "new":
             XXE.replace("{path}", "{work}/outside/secret.txt")},
            {"old": 'name="Lived experience"', "new": 'name="&xxe;"'}))
    c["qdpx-billion-laughs"] = spec(
        x, "project.qde expands an entity a billion times",
        [import_qdpx(qdpx, 2, ["xml-unsafe"], subprocess=True)],
        setup=_qdpx({"old": '<?xml version="1.0" encoding="utf-8"?>\n',
                     "new": LAUGHS.replace("lolz", "Project")},
                    {"old": 'name="Lived experience"', "new": 'name="&lol9;"'}))
    c["qdpx-duplicate-guids"] = spec(
        x, "two codes carry the same GUID", [import_qdpx(qdpx, 2, ["qda-duplicate-guid"])],
        setup=_qdpx({"old": r'(<Code guid=")([0-9a-f-]+)(" name="Lived experience".*?\n\s*<Code '
                            r'guid=")[0-9a-f-]+', "new": r"\g<1>\g<2>\g<3>\g<2>", "regex": True}))
    c["qdpx-binary-source"] = spec(
        x, "the text source member holds binary bytes (a PNG header and NULs)",
        [import_qdpx(qdpx, 2, ["qda-binary-source"])],
        setup=_qdpx(member_prefix="sources/", data_hex=(b"\x89PNG\r\n\x1a\n" + bytes(64)).hex()))
    c["qdpx-missing-source"] = spec(
        x, "the text source's file is not in the archive",
        [import_qdpx(qdpx, 1, ["memo-about"])],
        setup=_qdpx(member_prefix="sources/", delete=True))
    c["qdpx-bad-offsets"] = spec(
        x, "a selection ends before it starts and past the source's end",
        [import_qdpx(qdpx, 1, ["memo-about"])],
        setup=_qdpx({"old": r'startPosition="\d+" endPosition="\d+"',
                     "new": 'startPosition="900" endPosition="5"', "regex": True}))
    c["qdpx-deep-nesting"] = spec(
        x, "codes nested 50,000 deep", [import_qdpx(qdpx, 2, ["nesting-too-deep"],
                                                    subprocess=True)],
        setup=_qdpx({"old": "<Codes>", "new": parts(
            ("<Codes>", 1), ('<Code guid="00000000-0000-4000-8000-000000000001" name="x" '
                             'isCodable="true">', 50_000), ("</Code>", 50_000)),
            "stored": True}))
    c["qdpx-malformed-xml"] = spec(x, "project.qde is cut off mid-element",
                                   [import_qdpx(qdpx, 2, ["unreadable"])],
                                   setup=_qdpx({"old": r"</Project>\s*$", "new": "</Proj",
                                                "regex": True}))
    c["qdpx-no-project"] = spec(x, "the archive has no project.qde",
                                [import_qdpx(qdpx, 2, ["unreadable"])],
                                setup=_qdpx(member=QDE, delete=True))
    c["qdpx-not-zip"] = spec(x, "a .qdpx that is plain text", [import_qdpx(qdpx, 2,
                                                                            ["unreadable"])],
                             files={"in.qdpx": "<Project/>\n"})
    c["qdpx-not-utf8"] = spec(x, "project.qde declares UTF-8 but holds a Latin-1 byte",
                              [import_qdpx(qdpx, 2, ["unreadable"])],
                              setup=_qdpx({"old": 'name="Lived experience"',
                                           "new": 'name="Lived exp\u00e9rience"',
                                           "encoding": "latin-1"}))
    qdc = "{work}/in.qdc"
    header = '<?xml version="1.0" encoding="utf-8"?>\n'
    body = ('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid='
            '"859b81a1-7362-5a10-93df-08de1dba88f5" name="{name}" isCodable="true"/></Codes>'
            "</CodeBook>\n")
    c["qdc-xxe"] = spec(x, "a QDC codebook declaring an external entity",
                        [import_qdc(qdc, 2, ["xml-unsafe"])], secret=SECRET,
                        setup=[{"op": "write", "path": "outside/secret.txt", "text": SECRET},
                               {"op": "write", "path": "in.qdc", "text": XXE.replace(
                                   "Project", "CodeBook").replace(
                                   "{path}", "{work}/outside/secret.txt") + body.replace(
                                   "{name}", "&xxe;")}])
    c["qdc-billion-laughs"] = spec(x, "a QDC codebook expanding an entity a billion times",
                                   [import_qdc(qdc, 2, ["xml-unsafe"], subprocess=True)],
                                   files={"in.qdc": LAUGHS.replace("lolz", "CodeBook")
                                          + body.replace("{name}", "&lol9;")})
    c["qdc-malformed"] = spec(x, "a QDC codebook that is not well-formed XML",
                              [import_qdc(qdc, 2, ["unreadable"])],
                              files={"in.qdc": header + "<CodeBook><Codes><Code></CodeBook>\n"})
    c["qdc-deep-nesting"] = spec(
        x, "a QDC codebook nesting codes 50,000 deep",
        [import_qdc(qdc, 2, ["nesting-too-deep"], subprocess=True)],
        setup=[{"op": "write", "path": "in.qdc", "text": parts(
            (header + '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>', 1),
            ('<Code guid="00000000-0000-4000-8000-000000000001" name="x" isCodable="true">',
             50_000), ("</Code>", 50_000), ("</Codes></CodeBook>\n", 1))}])
    c["qdc-duplicate-guids"] = spec(
        x, "a QDC codebook whose two codes share a GUID",
        [import_qdc(qdc, 2, ["qda-duplicate-guid"])],
        files={"in.qdc": header + '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
               '<Code guid="859b81a1-7362-5a10-93df-08de1dba88f5" name="One" isCodable="true"/>'
               '<Code guid="859b81a1-7362-5a10-93df-08de1dba88f5" name="Two" isCodable="true"/>'
               "</Codes></CodeBook>\n"})
    return c


# -- RDF --------------------------------------------------------------------------------------

UDS_ID = "https://w3id.org/upsides-data/id/"


def rdf_classes() -> dict[str, Spec]:
    r = "rdf"
    c: dict[str, Spec] = {}
    ttl = "{work}/in.ttl"
    base = {"op": "derived", "name": "rdf", "to": "in.ttl"}

    def edit(old: str, new: Any, regex: bool = False, count: int = 1) -> dict[str, Any]:
        return replace("in.ttl", old, new, regex=regex, count=count)

    c["rdf-valid"] = spec(r, "the RDF export of the valid packages (control)",
                          [import_rdf(ttl, 0)], setup=[base])
    c["rdf-blank-node-record"] = spec(
        r, "a participant record is a blank node (it has no identifier)",
        [import_rdf(ttl, 2, ["rdf-blank-node"])],
        setup=[base, edit(f"<{UDS_ID}ulm/p01> a", "_:someone a")])
    c["rdf-sixty-integer"] = spec(r, 'a duration written "sixty"^^xsd:integer',
                                  [import_rdf(ttl, 2, ["rdf-literal-datatype"])],
                                  setup=[base, edit('"90"^^xsd:integer', '"sixty"^^xsd:integer')])
    c["rdf-iri-outside-namespace"] = spec(
        r, "a quote's transcript is an IRI outside the standard's namespaces",
        [import_rdf(ttl, 1, ["constraint-required"])],
        setup=[base, edit(f"<{UDS_ID}ulm/t1> a uds:Transcript",
                          "<http://example.org/elsewhere/t1> a uds:Transcript")])
    c["rdf-no-access-rights"] = spec(
        r, "no dcterms:accessRights anywhere: must import as restricted, never public",
        [import_rdf(ttl, 0)], checks=["imported-restricted"],
        setup=[base, edit(r"\s*dcterms:accessRights euaccess:[A-Z_]+ ;", "", regex=True,
                          count=0)])
    c["rdf-relabelled-kind"] = spec(
        r, "the site package is relabelled a codebook package: no record may be dropped silently",
        [import_rdf(ttl, 2, ["rdf-record-dropped"])],
        setup=[base, edit("uds:package_kind uds:SitePackage",
                          "uds:package_kind uds:CodebookPackage")])
    c["rdf-package-name-traversal"] = spec(
        r, "a package's name in the RDF is '../../x': it must never become a path",
        [import_rdf(ttl, 2, ["output-unsafe-name"])],
        setup=[base, edit('"upsides-mhw-2019-ulm"', '"../../x"', count=0)])
    c["rdf-50mb-literal"] = spec(
        r, "a quote's text is a 50 MB literal", [import_rdf(ttl, 2, ["rdf-literal-too-large"],
                                                            subprocess=True)],
        setup=[base, edit('"Synthetic quote: the team needed time to agree on roles."',
                          parts(('"', 1), ("synthetic ", 5_000_000), ('"', 1)))])
    c["rdf-malformed-turtle"] = spec(r, "Turtle with an unterminated literal and a missing dot",
                                     [import_rdf(ttl, 2, ["unreadable"])],
                                     files={"in.ttl": '@prefix uds: <https://w3id.org/upsides-'
                                            'data/schema/> .\n<https://w3id.org/upsides-data/id/'
                                            'ulm/q1> uds:text "unterminated \n'})
    c["rdf-not-utf8"] = spec(r, "Turtle with a Latin-1 byte in a literal",
                             [import_rdf(ttl, 2, ["unreadable"])],
                             setup=[base, replace("in.ttl", "Synthetic quote: peer",
                                                  "Synth\u00e9tic quote: peer",
                                                  encoding="latin-1")])
    c["rdf-empty"] = spec(r, "an empty Turtle file: no package to import",
                          [import_rdf(ttl, 2, ["rdf-no-package"])], files={"in.ttl": ""})
    c["rdf-jsonld-malformed"] = spec(r, "a .jsonld file that is not JSON",
                                     [import_rdf("{work}/in.jsonld", 2, ["unreadable"])],
                                     files={"in.jsonld": '{"@context": {"uds": '})
    c["rdf-jsonld-deep"] = spec(r, "a .jsonld file nesting 100,000 lists",
                                [import_rdf("{work}/in.jsonld", 2, ["unreadable"],
                                            subprocess=True)],
                                setup=[{"op": "write", "path": "in.jsonld", "text": parts(
                                    ('{"@id": "https://w3id.org/upsides-data/id/ulm/q1", '
                                     '"https://w3id.org/upsides-data/schema/text": ', 1),
                                    ("[", 100_000), ("]", 100_000), ("}", 1))}])
    return c


# -- SPARQL -----------------------------------------------------------------------------------

def sparql_classes() -> dict[str, Spec]:
    q = "sparql"
    c: dict[str, Spec] = {}
    refused = "query-service-refused"
    c["sparql-service"] = spec(q, "a SERVICE clause to a (closed) local endpoint",
                               [query("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> "
                                      "{ ?s ?p ?o } }", 2, [refused])])
    c["sparql-service-after-comment"] = spec(
        q, "SERVICE on the line after a comment that mentions braces",
        [query("SELECT * WHERE { # a comment { }\n SERVICE <http://127.0.0.1:9/sparql> "
               "{ ?s ?p ?o } }", 2, [refused])])
    c["sparql-service-lowercase"] = spec(
        q, "a lower-case 'service' clause with SILENT",
        [query("select * where { service silent <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
               2, [refused])])
    c["sparql-from-remote"] = spec(q, "a FROM clause naming a remote graph",
                                   [query("SELECT * FROM <http://127.0.0.1:9/graph> WHERE "
                                          "{ ?s ?p ?o }", 2, ["query-refused"])])
    c["sparql-load"] = spec(q, "a LOAD update", [query("LOAD <http://127.0.0.1:9/data.ttl>", 2,
                                                       ["query-update-refused"])])
    c["sparql-insert"] = spec(q, "an INSERT DATA update",
                              [query("INSERT DATA { <urn:a> <urn:b> <urn:c> }", 2,
                                     ["query-update-refused"])])
    c["sparql-cross-product"] = spec(
        q, "a four-way cross product of every triple (far more rows than the result limit)",
        [query("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }", 2,
               ["query-result-limit"], subprocess=True)])
    c["sparql-slow-count"] = spec(
        q, "counting a three-way cross product: one row, but past a one-second --timeout",
        [run("query", ["query", "--timeout", "1", SITE, CODEBOOK,
                       "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"], 2,
             ["query-time-limit"], subprocess=True)])
    c["sparql-syntax-error"] = spec(q, "a query that does not parse",
                                    [query("SELEKT ?s WHERE { ?s ?p }", 2, ["query-invalid"])])
    return c


# -- output faults ----------------------------------------------------------------------------

def output_classes() -> dict[str, Spec]:
    o = "output"
    inputs = [{"op": "derived", "name": name, "to": to}
              for name, to in (("cons", "cons"), ("rdf", "in.ttl"), ("qdpx", "in.qdpx"),
                               ("qdc", "in.qdc"))]
    c: dict[str, Spec] = {}
    c["out-is-input"] = spec(o, "-o names the command's own input (with --force)",
                             output_runs(lambda own: own, 2, ["output-is-input"], force=True),
                             setup=inputs)
    c["out-inside-input"] = spec(
        o, "-o is a folder inside the command's input package",
        output_runs(lambda own: own + "/sub", 2, ["output-inside-input"], force=True,
                    commands=[w for w in ("merge", "split", "report", "anonymise", "export rdf",
                                          "export qdpx", "export qdc")
                              if w not in FILE_INPUT_COMMANDS]), setup=inputs)
    c["out-contains-input"] = spec(o, "-o is the folder holding every input (with --force)",
                                   output_runs(lambda own: "{work}", 2, ["output-contains-input"],
                                               force=True), setup=inputs)
    files = ("export rdf", "export qdpx", "export qdc")
    c["out-exists"] = spec(
        o, "-o exists (a folder, or a file for the exports) and --force is not given",
        output_runs(lambda own: "{out}/taken", 2, ["output-exists"],
                    commands=[name for name, _, _ in WRITERS if name not in files])
        + output_runs(lambda own: "{out}/taken.txt", 2, ["output-exists"], commands=files),
        setup=inputs + [{"op": "write", "path": "out/taken/earlier.txt",
                         "text": "an earlier result\n"},
                        {"op": "write", "path": "out/taken.txt", "text": "an earlier result\n"}])
    c["out-fifo"] = spec(o, "-o is a FIFO (with --force)",
                         output_runs(lambda own: "{out}/fifo", 2, ["output-not-regular"],
                                     force=True, subprocess=True),
                         setup=inputs + [{"op": "fifo", "path": "out/fifo"}])
    c["out-device"] = spec(o, "-o is a character device (a null device made inside the class's "
                           "folder, with --force; never a system path)",
                           output_runs(lambda own: "{out}/device", 2, ["output-not-regular"],
                                       force=True),
                           setup=inputs + [{"op": "char-device", "path": "out/device"}])
    c["out-symlink"] = spec(o, "-o is a symlink to a file elsewhere (with --force)",
                            output_runs(lambda own: "{out}/link", 2, ["output-symlink"],
                                        force=True),
                            setup=inputs + [{"op": "write", "path": "elsewhere.txt",
                                             "text": "not to be replaced\n"},
                                            {"op": "symlink", "path": "out/link",
                                             "target": "{work}/elsewhere.txt"}])
    c["out-read-only"] = spec(o, "-o lies in a read-only folder",
                              output_runs(lambda own: "{out}/ro/result", 2, ["output-read-only"]),
                              setup=inputs + [{"op": "mkdir", "path": "out/ro"},
                                              {"op": "read-only", "path": "out/ro"}])
    c["out-file-too-large"] = spec(
        o, "the process may write no file over 4 KiB (ulimit -f): the output cannot be written",
        [dict(r, fsize_limit=4096) for r in
         output_runs(lambda own: "{out}/result", 2, ["output-too-large"], subprocess=True,
                     commands=["merge", "report", "export rdf", "import rdf"])],
        setup=inputs)
    c["out-stale-temp"] = spec(
        o, "a temp file left by a killed run sits beside the target: removed, the run succeeds",
        output_runs(lambda own: "{out}/result", 0, [],
                    commands=["merge", "export rdf", "report"]),
        setup=inputs + [{"op": "write", "path": "out/.result.upsides-tmp-99999-deadbeef",
                         "text": "stale partial output\n"}])
    return c


# -- YAML and JSON for check-instance ---------------------------------------------------------

def instance_classes() -> dict[str, Spec]:
    y = "yaml"
    c: dict[str, Spec] = {}
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]\n"
        for i in range(9))
    c["yaml-alias-bomb"] = spec(y, "a YAML alias bomb (nine levels of nine aliases)",
                                [check_instance("{work}/bomb.yaml", 1, ["yaml-alias-refused"],
                                                subprocess=True)],
                                files={"bomb.yaml": "sites:\n  - id: upsides:syn/site\n    "
                                       "label: SYN\n" + bomb})
    c["yaml-deep-nesting"] = spec(y, "YAML nesting 100,000 flow lists",
                                  [check_instance("{work}/deep.yaml", 1, ["nesting-too-deep"],
                                                  subprocess=True)],
                                  setup=[{"op": "write", "path": "deep.yaml", "text": parts(
                                      ("sites: ", 1), ("[", 100_000), ("]", 100_000),
                                      ("\n", 1))}])
    c["yaml-bad-syntax"] = spec(y, "YAML with broken indentation",
                                [check_instance("{work}/bad.yaml", 1, ["parse"])],
                                files={"bad.yaml": "sites:\n  - id: upsides:syn/site\n"
                                       "   label: SYN\n    name: [unclosed\n"})
    c["yaml-python-tag"] = spec(y, "a YAML tag that would run a command if loaded unsafely",
                                [check_instance("{work}/tag.yaml", 1, ["parse"])],
                                files={"tag.yaml": "sites: !!python/object/apply:os.system "
                                       "[\"touch pwned\"]\n"})
    c["yaml-not-mapping"] = spec(y, "a YAML document that is a list, not a mapping",
                                 [check_instance("{work}/list.yaml", 1, ["model"])],
                                 files={"list.yaml": "- one\n- two\n"})
    c["yaml-not-utf8"] = spec(y, "YAML in Latin-1", [check_instance("{work}/latin.yaml", 2,
                                                                    ["unreadable"])],
                              files={"latin.yaml": "sites:\n  - id: upsides:syn/site\n"
                                     "    name: M\u00fcnchen\n".encode("latin-1")})
    c["json-instance-deep"] = spec(y, "a JSON instance nesting 100,000 lists",
                                   [check_instance("{work}/deep.json", 1, ["nesting-too-deep"],
                                                   subprocess=True)],
                                   setup=[{"op": "write", "path": "deep.json", "text": parts(
                                       ('{"sites": ', 1), ("[", 100_000), ("]", 100_000),
                                       ("}", 1))}])
    c["json-instance-broken"] = spec(y, "a JSON instance cut off",
                                     [check_instance("{work}/broken.json", 1, ["parse"])],
                                     files={"broken.json": '{"sites": [{"id": '})
    return c


# -- the consortium (split reads it) ----------------------------------------------------------

def consortium_classes() -> dict[str, Spec]:
    k = "consortium"
    cons = "{work}/cons"
    derived = {"op": "derived", "name": "cons", "to": "cons"}

    def runs(exit: int, rules: list[str]) -> list[dict[str, Any]]:
        return package_runs(exit, rules, inputs=(cons,), anonymise=None, split=cons, qdc=cons)

    c: dict[str, Spec] = {}
    c["cons-valid"] = spec(k, "a consortium merged from the valid packages (control)", runs(0, []),
                           setup=[derived])
    c["cons-bad-byte"] = spec(k, "a consortium quote.csv with a byte that is not UTF-8",
                              runs(1, ["encoding"]),
                              setup=[derived, replace("cons/quote.csv", "peer workers",
                                                      "peer w\u00ffrkers", encoding="latin-1")])
    c["cons-dangling-key"] = spec(k, "a consortium quote pointing at no transcript",
                                  runs(1, ["foreign-key"]),
                                  setup=[derived, cell("quote", 2, "transcript",
                                                       "upsides:ulm/t-none", package="cons")])
    c["cons-ragged"] = spec(k, "a consortium quote row with surplus cells", runs(1, ["cell-extra"]),
                            setup=[derived, replace("cons/quote.csv", ",true,\n",
                                                    ",true,,surplus\n")])
    c["cons-missing-text"] = spec(k, "a consortium quote.csv without its text column",
                                  runs(1, ["column-missing"]),
                                  setup=[derived, {"op": "drop-column", "path": "cons/quote.csv",
                                                   "field": "text"}])
    c["cons-cyclic-themes"] = spec(k, "a consortium whose themes form a cycle",
                                   runs(1, ["hierarchy-cycle"]),
                                   setup=[derived, cell("theme", 2, "parent",
                                                        "upsides:mhw-2019/theme-team",
                                                        package="cons")])
    c["cons-descriptor-not-json"] = spec(k, "a consortium whose descriptor is cut off",
                                         runs(2, ["descriptor-invalid"]),
                                         setup=[derived, {"op": "write",
                                                          "path": "cons/datapackage.json",
                                                          "text": '{"name": '}])
    return c


BUILDERS: list[Callable[[], dict[str, Spec]]] = [
    descriptor_classes, csv_classes, semantic_classes, path_classes, archive_classes,
    xml_classes, rdf_classes, sparql_classes, output_classes, instance_classes,
    consortium_classes]


# Refusals of these categories come from validation at the one gateway every deriving command
# calls (tests/test_gateway.py runs each command through it), so a class runs ``validate`` and
# the deriving commands in turn: one (two for paths, where reading outside is the danger) per
# class, the turn moving on from class to class so every command meets every category.
IN_TURN = {"descriptor": 1, "csv": 1, "semantics": 1, "archives": 1, "paths": 2, "consortium": 2}


def _in_turn(spec: Spec, turn: int, count: int) -> Spec:
    """Keep ``validate``, runs expecting something other than it, and ``count`` of the runs
    expecting the same refusal as ``validate`` (chosen by ``turn``); controls keep every run."""
    first = next((r for r in spec["runs"] if r["command"] == "validate"), None)
    if first is None or first["exit"] == 0:
        return spec
    same = [r for r in spec["runs"] if r is not first
            and (r["exit"], r["rules"]) == (first["exit"], first["rules"])]
    chosen = [same[(turn + i) % len(same)] for i in range(min(count, len(same)))]
    spec["runs"] = [r for r in spec["runs"] if r not in same or r in chosen]
    return spec


def all_classes() -> dict[str, Spec]:
    """Every class by name; names are unique across categories."""
    out: dict[str, Spec] = {}
    for build in BUILDERS:
        turn = 0
        for name, value in build().items():
            assert name not in out, name
            count = IN_TURN.get(value["category"], 0)
            if count:
                value = _in_turn(value, turn, count)
                turn += count
            out[name] = value
    return out
