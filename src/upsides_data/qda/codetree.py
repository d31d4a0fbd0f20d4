"""The codebook part of an imported project: codes, themes and their sets.

Themes come back from the codable codes under the "Themes" root that the exporter writes (or any
root whose GUID is the one it derives); a ``Set`` whose member codes name a theme becomes that
theme's ``theme_codes``, and a set matching no theme becomes a new theme.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from upsides_data.findings import Finding
from upsides_data.qda import model as m
from upsides_data.qda.idmap import Ids, Tables, warn
from upsides_data.qda.toqda import THEMES_ROOT_NAME


@dataclass
class CodeTree:
    """The codebook tables, and what the rest of the import looks up in them."""

    tables: Tables = field(default_factory=lambda: defaultdict(list))
    code_of: dict[str, str] = field(default_factory=dict)  # QDA code GUID -> code id
    theme_of: dict[str, str] = field(default_factory=dict)  # QDA code GUID -> theme id
    note_about: dict[str, list[tuple[str, str]]] = field(
        default_factory=lambda: defaultdict(list))  # note GUID -> (memo slot, id)
    findings: list[Finding] = field(default_factory=list)
    all_known: bool = True  # every code and theme had an id we knew


def map_codebook(project: m.Project, ids: Ids, *, scope: str, codebook_id: str) -> CodeTree:
    tree = CodeTree()
    counts = {"non_codable": 0, "colours": 0}
    for code in project.codes:
        is_root = (not code.codable and code.name.strip().lower() == THEMES_ROOT_NAME.lower()) or \
            ids.known.get(code.guid) == "#themes"
        if is_root:
            _add(tree, counts, code.children, None, True, ids, scope, codebook_id)
            for note in code.note_refs:
                tree.note_about[note].append(("", ""))
        else:
            _add(tree, counts, [code], None, False, ids, scope, codebook_id)
    if counts["non_codable"]:
        tree.findings.append(warn(
            f"{counts['non_codable']} codes are not codable (isCodable=false); the standard has "
            "no such flag, they were imported as ordinary codes",
            rule="qda-not-expressible", file="code.csv"))
    if counts["colours"]:
        tree.findings.append(warn(f"{counts['colours']} code colours are not expressible in the "
                                  "standard", rule="qda-not-expressible", file="code.csv"))
    _map_sets(tree, project.sets, ids, scope, codebook_id)
    return tree


def _add(tree: CodeTree, counts: dict[str, int], codes: list[m.Code], parent: str | None,
         as_theme: bool, ids: Ids, scope: str, codebook_id: str) -> None:
    for position, code in enumerate(codes, start=1):
        as_theme_here = as_theme or ids.known.get(code.guid) in ids.themes
        kind = "theme" if as_theme_here else "code"
        rid = ids.get(code.guid, ids.prefix + kind, scope)
        tree.all_known &= code.guid in ids.known
        name = code.name.strip() or f"(unnamed {kind})"
        if not code.name.strip():
            tree.findings.append(warn(f"{kind} {rid} has no name; labelled {name!r}",
                                      file=f"{kind}.csv", field="label"))
        row = {"id": rid, "codebook": codebook_id, "label": name, "parent": parent,
               "position": position}
        if as_theme_here:
            row["description"] = code.description
            tree.theme_of[code.guid] = rid
            tree.tables["theme"].append(row)
        else:
            row["definition"] = code.description
            tree.code_of[code.guid] = rid
            tree.tables["code"].append(row)
            counts["non_codable"] += not code.codable
        counts["colours"] += code.color is not None
        for note in code.note_refs:
            tree.note_about[note].append(("about_theme" if as_theme_here else "about_code", rid))
        _add(tree, counts, code.children, rid, as_theme_here, ids, scope, codebook_id)


def _map_sets(tree: CodeTree, sets: list[m.Set], ids: Ids, scope: str, codebook_id: str) -> None:
    themes = tree.tables["theme"]
    theme_by_label = {row["label"]: row["id"] for row in themes}
    for st in sets:
        target = ids.known.get(st.guid, "")
        theme = target[:-len("#codes")] if target.endswith("#codes") else None
        if theme is None or (theme not in tree.theme_of.values() and theme not in ids.themes):
            theme = theme_by_label.get(st.name.strip())
        if not st.member_codes:
            tree.findings.append(warn(f"set {st.name!r} has no member codes (sets of sources or "
                                      "notes are not expressible); left out",
                                      rule="qda-not-expressible"))
            continue
        if theme is None:
            theme = ids.get(st.guid, ids.prefix + "theme", scope)
            themes.append({"id": theme, "codebook": codebook_id,
                           "label": st.name.strip() or "(unnamed set)",
                           "description": st.description, "parent": None,
                           "position": len(themes) + 1})
            theme_by_label[st.name.strip()] = theme
            tree.all_known = False
        for member in sorted(set(st.member_codes)):
            if member in tree.code_of:
                tree.tables["theme_codes"].append({"theme": theme, "code": tree.code_of[member]})
            else:
                tree.findings.append(warn(f"set {st.name!r} lists {member}, which is not a code; "
                                          "left out"))
        if st.member_sources or st.member_notes:
            tree.findings.append(warn(f"set {st.name!r}: member sources and notes are not "
                                      "expressible", rule="qda-not-expressible"))
