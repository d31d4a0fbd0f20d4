"""Builders for the QDA tests: vendor-like QDPX archives and hostile ones, made by code.

The projects imitate how each program writes REFI-QDA (as the spec and TOOLCHAIN-NOTES.md
describe them), with SYNTHETIC text only:

* MAXQDA: ``Sources/`` folder, upper-case GUIDs in braces, code point offsets, no BOM.
* NVivo: UTF-8 file with a BOM and CRLF line ends, offsets in UTF-16 code units over the text
  with the BOM removed and CRLF counted as two; text holds a non-BMP character.
* ATLAS.ti: CRLF line ends counted as one; namespace ``urn:QDA-XML:project:1:0``; selection names
  hold the quotation text.
* QualCoder: ``sources/`` files, namespace ``urn:QDA-XML:project:0:4``, a picture
  source and a graph it cannot map.
"""

from __future__ import annotations

import uuid
import zipfile
from pathlib import Path

TEXT = ("Moderator: What do peer workers bring to the team?\n"
        "P1: They bring lived experience \U0001F600 to the ward, which helps a lot.\n"
        "P2: Sometimes roles were unclear at first.\n"
        "P1: With time the team agreed on roles.\n")
SPANS = [("They bring lived experience \U0001F600 to the ward", "Lived experience"),
         ("roles were unclear at first", "Role clarity"),
         ("the team agreed on roles", "Role clarity")]


def gid(name: str, upper: bool = False, braces: bool = False) -> str:
    value = str(uuid.uuid5(uuid.NAMESPACE_DNS, f"{name}.synthetic.test"))
    value = value.upper() if upper else value
    return "{" + value + "}" if braces else value


def _units(text: str, utf16: bool) -> int:
    return len(text.encode("utf-16-le")) // 2 if utf16 else len(text)


def vendor_positions(vendor: str) -> list[tuple[int, int]]:
    """The offsets each vendor would write for SPANS over TEXT."""
    out = []
    for snippet, _ in SPANS:
        i = TEXT.index(snippet)
        before, inner = TEXT[:i], snippet
        if vendor == "nvivo":  # UTF-16 units, CRLF as two, BOM not counted
            start = _units(before, True) + before.count("\n")
            end = start + _units(inner, True) + inner.count("\n")
        else:  # code points; ATLAS.ti counts a CRLF as one, which equals LF counting
            start, end = i, i + len(inner)
        out.append((start, end))
    return out


def project_xml(vendor: str) -> tuple[str, str, str]:
    ns = {"atlas": "urn:QDA-XML:project:1:0", "qualcoder": "urn:QDA-XML:project:0:4"}.get(
        vendor, "urn:QDA-XML:project:1.0")
    origin = {"maxqda": "MAXQDA 2022", "nvivo": "NVivo 12 (Windows)", "atlas": "ATLAS.ti 23",
              "qualcoder": "QualCoder 3.5"}[vendor]
    style = dict(upper=vendor == "maxqda", braces=vendor == "maxqda")
    g = lambda name: gid(f"{vendor}-{name}", **style)  # noqa: E731
    codes = {"Lived experience": g("code-exp"), "Role clarity": g("code-roles")}
    selections = []
    for k, ((start, end), (snippet, code)) in enumerate(zip(vendor_positions(vendor), SPANS)):
        name = f' name="{snippet}"' if vendor == "atlas" else ""
        selections.append(
            f'<PlainTextSelection guid="{g(f"sel{k}")}"{name} startPosition="{start}" '
            f'endPosition="{end}" creatingUser="{g("user1")}">'
            f'<Coding guid="{g(f"coding{k}")}" creatingUser="{g("user1")}" '
            f'creationDateTime="2020-01-0{k + 1}T10:00:00Z"><CodeRef targetGUID="{codes[code]}"/>'
            f'</Coding>' + (f'<NoteRef targetGUID="{g("note1")}"/>' if k == 0 else "")
            + "</PlainTextSelection>")
    folder = "Sources" if vendor == "maxqda" else "sources"
    extra_sources = ('<PictureSource guid="%s" name="whiteboard" path="internal://wb.png"/>'
                     % g("pic")) if vendor == "qualcoder" else ""
    graphs = (f'<Graphs><Graph guid="{g("graph")}"/></Graphs>') if vendor == "qualcoder" else ""
    src_guid = g("source1")
    return f"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="{ns}" name="Synthetic {vendor} project" origin="{origin}" basePath="C:\\Users\\someone\\Documents">
<Users><User guid="{g("user1")}" name="Jane Q. Synthetic"/><User guid="{g("user2")}" name="SK"/></Users>
<CodeBook><Codes>
<Code guid="{g("code-parent")}" name="Team work" isCodable="false" color="#ff0000">
<Code guid="{codes["Lived experience"]}" name="Lived experience" isCodable="true"><Description>Own experience</Description></Code>
<Code guid="{codes["Role clarity"]}" name="Role clarity" isCodable="true"/>
</Code></Codes></CodeBook>
<Variables><Variable guid="{g("var-gender")}" name="Gender" typeOfVariable="Text"/>
<Variable guid="{g("var-role")}" name="Role" typeOfVariable="Text"/>
<Variable guid="{g("var-age")}" name="Age" typeOfVariable="Integer"/>
<Variable guid="{g("var-shoe")}" name="Shoe size" typeOfVariable="Integer"/></Variables>
<Cases><Case guid="{g("case1")}" name="P1">
<VariableValue><VariableRef targetGUID="{g("var-gender")}"/><TextValue>Female</TextValue></VariableValue>
<VariableValue><VariableRef targetGUID="{g("var-role")}"/><TextValue>MHW</TextValue></VariableValue>
<VariableValue><VariableRef targetGUID="{g("var-age")}"/><IntegerValue>41</IntegerValue></VariableValue>
<VariableValue><VariableRef targetGUID="{g("var-shoe")}"/><IntegerValue>41</IntegerValue></VariableValue>
<SourceRef targetGUID="{src_guid}"/><SelectionRef targetGUID="{g("sel0")}"/></Case></Cases>
<Sources><TextSource guid="{src_guid}" name="Focus group 1" plainTextPath="internal://{src_guid.strip("{}")}.txt">
{"".join(selections)}</TextSource>{extra_sources}</Sources>
<Notes><Note guid="{g("note1")}" name="memo" creatingUser="{g("user2")}" creationDateTime="2020-02-01T09:00:00Z"><PlainTextContent>Synthetic memo about the first passage.</PlainTextContent></Note></Notes>
<Sets><Set guid="{g("set1")}" name="Roles and experience"><MemberCode targetGUID="{codes["Role clarity"]}"/><MemberCode targetGUID="{codes["Lived experience"]}"/></Set></Sets>
{graphs}
</Project>
""", folder, src_guid.strip("{}")


def source_bytes(vendor: str) -> bytes:
    if vendor == "nvivo":
        return b"\xef\xbb\xbf" + TEXT.replace("\n", "\r\n").encode("utf-8")
    if vendor == "atlas":
        return TEXT.replace("\n", "\r\n").encode("utf-8")
    return TEXT.encode("utf-8")


def write_vendor_qdpx(path: Path, vendor: str) -> Path:
    xml, folder, src = project_xml(vendor)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("Project.qde" if vendor == "nvivo" else "project.qde", xml.encode("utf-8"))
        zf.writestr(f"{folder}/{src}.txt", source_bytes(vendor))
    return path


def write_hostile(path: Path, kind: str) -> Path:
    """A QDPX that must be refused: traversal, absolute, bomb, laughs, xxe, two-projects."""
    plain = '<Project xmlns="urn:QDA-XML:project:1.0" name="x"/>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        if kind == "traversal":
            zf.writestr("project.qde", plain)
            zf.writestr("sources/../../evil.txt", "x")
        elif kind == "absolute":
            zf.writestr("project.qde", plain)
            zf.writestr("/etc/evil.txt", "x")
        elif kind == "bomb":
            zf.writestr("project.qde", plain)
            zf.writestr("sources/big.txt", b"\0" * (40 * 1024 * 1024))
        elif kind == "laughs":
            lol = ('<?xml version="1.0"?><!DOCTYPE Project [<!ENTITY a "lol">'
                   + "".join(f'<!ENTITY {c} "&{p};&{p};&{p};&{p};&{p};&{p};&{p};&{p};&{p};&{p};">'
                             for p, c in zip("abcdefgh", "bcdefghi"))
                   + ']><Project xmlns="urn:QDA-XML:project:1.0" name="&i;"/>')
            zf.writestr("project.qde", lol)
        elif kind == "xxe":
            zf.writestr("project.qde", '<?xml version="1.0"?><!DOCTYPE Project [<!ENTITY x SYSTEM '
                        '"file:///etc/passwd">]><Project xmlns="urn:QDA-XML:project:1.0" name="&x;"/>')
        elif kind == "two-projects":
            zf.writestr("a.qde", plain)
            zf.writestr("b.qde", plain)
    return path
