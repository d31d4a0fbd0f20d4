"""A project's codes mapped to the consortium codebook (``import qdpx --codebook PKG``).

A site loads the consortium codebook (exported as QDC) into its QDA program, codes, and exports
a QDPX. Its codes come back by GUID when the program kept the codebook's GUIDs (any spelling:
upper case, braces), else by name (case and spacing ignored): codes under the "Themes" root are
looked up among the themes first, other codes among the codes first. A code the codebook lacks,
or whose name fits several records, is reported (``qda-code-unmapped``, ``qda-code-ambiguous``)
and goes to the site's extension codebook package.
"""

from __future__ import annotations

from typing import Any

from collections import defaultdict
from dataclasses import dataclass, field

from upsides_data.findings import Finding
from upsides_data.qda import model as m
from upsides_data.qda.coders import name_key
from upsides_data.qda.guids import guid_for
from upsides_data.qda.idmap import warn
from upsides_data.qda.toqda import THEMES_ROOT_NAME


@dataclass
class Codebook:
    """The consortium codebook as matching needs it: its tables and its ids by kind."""

    name: str
    version: str
    tables: dict[str, list[dict[str, Any]]]
    codes: set[str] = field(default_factory=set)
    themes: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.codes = {r["id"] for r in self.tables.get("code", [])}
        self.themes = {r["id"] for r in self.tables.get("theme", [])}

    def by_name(self, kind: str) -> dict[str, list[str]]:
        found: dict[str, list[str]] = defaultdict(list)
        for row in self.tables.get(kind, []):
            if row.get("label"):
                found[name_key(row["label"])].append(row["id"])
        return found


@dataclass
class Match:
    by_guid: int = 0
    by_name: int = 0
    unmapped: list[str] = field(default_factory=list)  # code names, for the log
    findings: list[Finding] = field(default_factory=list)


def _is_themes_root(code: m.Code, known: dict[str, str]) -> bool:
    return known.get(code.guid) == "#themes" or (
        not code.codable and code.name.strip().lower() == THEMES_ROOT_NAME.lower())


def match_codes(project: m.Project, codebook: Codebook, known: dict[str, str]) -> Match:
    """Add to ``known`` (GUID -> id) every project code found in ``codebook``; report the rest."""
    match = Match()
    names = {"code": codebook.by_name("code"), "theme": codebook.by_name("theme")}
    where = f"the codebook {codebook.name} {codebook.version}"
    example = next((r["label"] for r in codebook.tables.get("code", []) if r.get("label")),
                   "Role clarity")

    def visit(codes: list[m.Code], path: tuple[str, ...], under_themes: bool) -> None:
        for code in codes:
            if not path and _is_themes_root(code, known):
                visit(code.children, (), True)
                continue
            label = " / ".join((*path, code.name.strip()))
            if known.get(code.guid) in codebook.codes | codebook.themes:
                match.by_guid += 1
            else:
                order = ("theme", "code") if under_themes else ("code", "theme")
                found = next((names[k][name_key(code.name)] for k in order
                              if names[k].get(name_key(code.name))), [])
                if len(found) == 1:
                    known[code.guid] = found[0]
                    match.by_name += 1
                elif found:
                    match.unmapped.append(label)
                    match.findings.append(warn(
                        f"code {label!r} fits {len(found)} records of {where} by name "
                        f"({', '.join(sorted(found))}); kept as a new code of the site's "
                        "extension codebook", rule="qda-code-ambiguous", file="code.csv",
                        field="label", hint="give the code the GUID of the codebook code it "
                        "means (load the codebook's QDC into your QDA program and code with it)"))
                else:
                    match.unmapped.append(label)
                    match.findings.append(warn(
                        f"code {label!r} is not in {where} (neither by GUID nor by name); "
                        "added to the site's extension codebook package", rule="qda-code-unmapped",
                        file="code.csv", field="label", hint=f"if it is a codebook code, name it "
                        f"as the codebook does (for example {example!r}) and import again; if "
                        "it is new, send the extension package to the centre to adopt"))
            visit(code.children, (*path, code.name.strip()), under_themes)

    visit(project.codes, (), False)
    themes_by_name = names["theme"]
    for st in project.sets:  # a set named like a theme lists that theme's codes
        found = themes_by_name.get(name_key(st.name), [])
        if st.guid not in known and len(found) == 1:
            known[st.guid] = f"{found[0]}#codes"
    for theme in codebook.themes:
        known.setdefault(guid_for(theme, "codes"), f"{theme}#codes")
    return match
