"""SYNTHETIC QDPX projects of a coding cycle, shaped like each vendor's export (made by code).

Every text here is invented for the tests. Each project is one coder's coding of the same
transcripts against the synthetic consortium codebook of ``package_factory`` ("Lived
experience", "Role clarity"; themes "Roles" > "Team"). The vendors' quirks, as the REFI-QDA
notes describe them:

* MAXQDA: keeps the codebook's GUIDs, written upper-case in braces; code colours; the "Themes"
  root of our QDC kept; ``Sources/`` folder.
* NVivo: new GUIDs for every code, names re-typed ("role  CLARITY"), no colours, a UTF-8 BOM
  and CRLF line ends with offsets in UTF-16 units counting CRLF as two; a set named like the
  consortium theme "Team" holding a code the site added ("Peer burnout"); a login name as user.
* ATLAS.ti: a code the site nested under a consortium code ("Role clarity" > "Role conflicts"),
  namespace ``urn:QDA-XML:project:1:0``, CRLF counted as one, selection names holding the text.
* QualCoder: namespace ``urn:QDA-XML:project:0:4``, ``sources/`` folder, one user and codings
  that name no creating user.
"""

from __future__ import annotations

import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path

from upsides_data.qda.guids import guid_for

N_TRANSCRIPTS = 10
TRANSCRIPTS = [f"Moderator: What happened on ward {k}?\n"
               f"P1: The peer worker shared lived experience on ward {k}.\n"
               f"P2: Roles were unclear in team {k} at first.\n"
               f"P3: Later the peer worker felt burnt out.\n" for k in range(N_TRANSCRIPTS)]
SNIPPETS = {"Lived experience": "shared lived experience",
            "Role clarity": "Roles were unclear",
            "Role conflicts": "unclear in team",
            "Peer burnout": "felt burnt out"}
CONSORTIUM = {"Lived experience": "upsides:mhw-2019/code-experience",
              "Role clarity": "upsides:mhw-2019/code-roles",
              "Roles": "upsides:mhw-2019/theme-roles", "Team": "upsides:mhw-2019/theme-team"}
CODEBOOK_ID = "upsides:mhw-2019/codebook"
VENDORS = ("maxqda", "nvivo", "atlas", "qualcoder")


@dataclass(frozen=True)
class Coded:
    """One coding: the transcript (index), the code's name, and the snippet it selects."""

    transcript: int
    code: str
    snippet: str | None = None
    shift: int = 0  # move the selection's start (overlapping, not identical, selections)

    def span(self) -> tuple[int, int]:
        text = TRANSCRIPTS[self.transcript]
        snippet = self.snippet or SNIPPETS[self.code]
        start = text.index(snippet) + self.shift
        return start, text.index(snippet) + len(snippet)


def gid(name: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_DNS, f"{name}.coding.synthetic.test"))


def _style(vendor: str, guid: str) -> str:
    return "{" + guid.upper() + "}" if vendor == "maxqda" else guid


def _codes(vendor: str, coder: str) -> tuple[str, dict[str, str]]:
    """The CodeBook element and each code name's GUID, as the vendor writes them."""
    own = lambda name: gid(f"{vendor}-{coder}-{name}")  # noqa: E731
    if vendor == "maxqda":
        guids = {n: guid_for(CONSORTIUM[n]) for n in ("Lived experience", "Role clarity")}
        themes_root = guid_for(CODEBOOK_ID, "themes")
        xml = (f'<Code guid="{_style(vendor, guids["Lived experience"])}" name="Lived experience" '
               'isCodable="true" color="#00ff00"/>'
               f'<Code guid="{_style(vendor, guids["Role clarity"])}" name="Role clarity" '
               'isCodable="true" color="#0000ff"/>'
               f'<Code guid="{_style(vendor, themes_root)}" name="Themes" isCodable="false">'
               f'<Code guid="{_style(vendor, guid_for(CONSORTIUM["Roles"]))}" name="Roles" '
               f'isCodable="true"><Code guid="{_style(vendor, guid_for(CONSORTIUM["Team"]))}" '
               'name="Team" isCodable="true"/></Code></Code>')
        return xml, guids
    if vendor == "nvivo":
        guids = {n: own(n) for n in ("Lived experience", "Role clarity", "Peer burnout")}
        xml = (f'<Code guid="{guids["Lived experience"]}" name="LIVED EXPERIENCE" isCodable="true"/>'
               f'<Code guid="{guids["Role clarity"]}" name=" role  CLARITY " isCodable="true"/>'
               f'<Code guid="{guids["Peer burnout"]}" name="Peer burnout" isCodable="true"/>')
        return xml, guids
    if vendor == "atlas":
        guids = {n: own(n) for n in ("Lived experience", "Role clarity", "Role conflicts")}
        xml = (f'<Code guid="{guids["Lived experience"]}" name="Lived experience" isCodable="true"/>'
               f'<Code guid="{guids["Role clarity"]}" name="Role clarity" isCodable="true">'
               f'<Code guid="{guids["Role conflicts"]}" name="Role conflicts" isCodable="true"/>'
               '</Code>')
        return xml, guids
    guids = {n: own(n) for n in ("Lived experience", "Role clarity")}
    xml = "".join(f'<Code guid="{g}" name="{n}" isCodable="true" color="#aaaaaa"/>'
                  for n, g in guids.items())
    return xml, guids


def _offsets(vendor: str, text: str, start: int, end: int) -> tuple[int, int]:
    if vendor == "nvivo":  # CRLF counted as two (ASCII text: UTF-16 units equal code points)
        return start + text[:start].count("\n"), end + text[:end].count("\n")
    return start, end


def _source_bytes(vendor: str, text: str) -> bytes:
    if vendor == "nvivo":
        return b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")
    if vendor == "atlas":
        return text.replace("\n", "\r\n").encode("utf-8")
    return text.encode("utf-8")


def write_project(path: Path, vendor: str, coder: str, codings: list[Coded]) -> Path:
    """One coder's SYNTHETIC project of the ten transcripts, as ``vendor`` exports it."""
    ns = {"atlas": "urn:QDA-XML:project:1:0", "qualcoder": "urn:QDA-XML:project:0:4"}.get(
        vendor, "urn:QDA-XML:project:1.0")
    origin = {"maxqda": "MAXQDA 2022", "nvivo": "NVivo 14", "atlas": "ATLAS.ti 23",
              "qualcoder": "QualCoder 3.5"}[vendor]
    user = _style(vendor, gid(f"{vendor}-{coder}-user"))
    user_name = "Anna Synthetic-Login" if vendor == "nvivo" else coder
    by = "" if vendor == "qualcoder" else f' creatingUser="{user}"'
    code_xml, guids = _codes(vendor, coder)
    folder = "Sources" if vendor == "maxqda" else "sources"
    sources, files = [], {}
    for k, text in enumerate(TRANSCRIPTS):
        src = gid(f"{vendor}-{coder}-source{k}")
        selections = []
        for n, coded in enumerate(c for c in codings if c.transcript == k):
            start, end = _offsets(vendor, text, *coded.span())
            name = f' name="{text[coded.span()[0]:coded.span()[1]]}"' if vendor == "atlas" else ""
            tag = f"{vendor}-{coder}-{k}-{n}"
            selections.append(
                f'<PlainTextSelection guid="{_style(vendor, gid("sel" + tag))}"{name} '
                f'startPosition="{start}" endPosition="{end}"{by}>'
                f'<Coding guid="{_style(vendor, gid("coding" + tag))}"{by} '
                f'creationDateTime="2021-03-0{1 + k % 9}T10:00:00Z">'
                f'<CodeRef targetGUID="{_style(vendor, guids[coded.code])}"/></Coding>'
                "</PlainTextSelection>")
        sources.append(f'<TextSource guid="{_style(vendor, src)}" name="Focus group {k + 1}" '
                       f'plainTextPath="internal://{src}.txt">{"".join(selections)}</TextSource>')
        files[f"{folder}/{src}.txt"] = _source_bytes(vendor, text)
    sets = ""
    if vendor == "nvivo":
        sets = (f'<Sets><Set guid="{gid(f"nvivo-{coder}-set")}" name="Team">'
                f'<MemberCode targetGUID="{guids["Peer burnout"]}"/></Set></Sets>')
    xml = f"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="{ns}" name="SYNTHETIC {vendor} project of coder {coder}" origin="{origin}">
<Users><User guid="{user}" name="{user_name}"/></Users>
<CodeBook><Codes>{code_xml}</Codes></CodeBook>
<Sources>{"".join(sources)}</Sources>{sets}
</Project>
"""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("Project.qde" if vendor == "nvivo" else "project.qde", xml.encode("utf-8"))
        for name, data in files.items():
            zf.writestr(name, data)
    return path


# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section A: two observers,
# ten units, binary data. Observer A's and B's values become two coders' "Role clarity" codings
# of the ten transcripts (1 = coded in that transcript).
KRIPPENDORFF_BINARY_A = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
KRIPPENDORFF_BINARY_B = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]


def binary_codings(values: list[int]) -> list[Coded]:
    """Lived experience in every transcript (so the coder coded each), Role clarity where 1."""
    return [Coded(k, "Lived experience") for k in range(N_TRANSCRIPTS)] + \
        [Coded(k, "Role clarity") for k, v in enumerate(values) if v]
