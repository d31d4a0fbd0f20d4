"""Write SYNTHETIC coders' QDPX projects for the "Coding across sites" guide.

A stand-in for the QDA program: at two new synthetic sites, "north" and "south" (their
transcripts are those of s01 and s02 of the synthetic consortium in examples/synthetic), two
coders ("AK" and "BL") each code the site's transcript against the
consortium codebook loaded from its QDC, and export a QDPX, as MAXQDA writes one (the
codebook's GUIDs kept, upper-case in braces; code-point offsets). AK's codings are the site's
synthetic codings; BL's differ on purpose, deterministically: some left out, some selections
moved, some given another code, and at north BL adds a code the codebook lacks ("peer burnout").
Everything written is synthetic: it comes from the synthetic corpus, which describes no one.

Usage, from the folder holding examples/:  python examples/coding-across-sites/make_projects.py
"""

from __future__ import annotations

import csv
import uuid
import zipfile
from pathlib import Path

from upsides_data.qda.guids import guid_for

EXAMPLES = Path("examples/synthetic")
SITES = {"north": "s01", "south": "s02"}  # site -> the synthetic site whose transcript it codes
CODERS = ("AK", "BL")


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _guid(value: str) -> str:
    return "{" + value.upper() + "}"


def _own(name: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"https://example.org/synthetic/{name}"))


def _codings(site: str, coder: str, codes: list[str], text: str) -> list[tuple[int, int, str]]:
    """(start, end, code GUID) of the coder's codings; BL's differ from AK's on purpose."""
    found = []
    for i, row in enumerate(_rows(EXAMPLES / SITES[site] / "coding.csv")):
        start, end, code = int(row["start_offset"]), int(row["end_offset"]), row["code"]
        if coder == "BL":
            if i % 5 == 0:
                continue  # BL did not code this passage
            if i % 5 == 1:
                start = min(start + 5, end - 1)  # BL's selection starts a little later
            if i % 7 == 3:
                code = codes[(codes.index(code) + 1) % len(codes)]  # BL chose another code
        found.append((start, end, _guid(guid_for(code))))
    if site == "north" and coder == "BL":  # a code the consortium codebook lacks
        at = text.index("peer workers need a fair salary")
        found.append((at, at + 31, _guid(_own("code-peer-burnout"))))
    return found


def project(site: str, coder: str) -> bytes:
    codes = [row["id"] for row in _rows(EXAMPLES / "codebook" / "code.csv")]
    labels = {row["id"]: row["label"] for row in _rows(EXAMPLES / "codebook" / "code.csv")}
    [transcript] = _rows(EXAMPLES / SITES[site] / "transcript.csv")
    text = transcript["text"]
    user = _guid(_own(f"{site}-{coder}-user"))
    code_xml = "".join(f'<Code guid="{_guid(guid_for(c))}" name="{labels[c]}" isCodable="true"/>'
                       for c in codes)
    if site == "north" and coder == "BL":
        code_xml += f'<Code guid="{_guid(_own("code-peer-burnout"))}" name="peer burnout" isCodable="true"/>'
    selections = "".join(
        f'<PlainTextSelection guid="{_guid(_own(f"{site}-{coder}-sel-{k}"))}" '
        f'startPosition="{start}" endPosition="{end}" creatingUser="{user}">'
        f'<Coding guid="{_guid(_own(f"{site}-{coder}-coding-{k}"))}" creatingUser="{user}">'
        f'<CodeRef targetGUID="{code}"/></Coding></PlainTextSelection>'
        for k, (start, end, code) in enumerate(_codings(site, coder, codes, text)))
    source = _guid(_own(f"{site}-{coder}-source"))
    xml = (f'<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" '
           f'name="SYNTHETIC project of site {site}, coder {coder}" origin="MAXQDA 2022">'
           f'<Users><User guid="{user}" name="{coder}"/></Users>'
           f'<CodeBook><Codes>{code_xml}</Codes></CodeBook>'
           f'<Sources><TextSource guid="{source}" name="Focus group {site}" '
           f'plainTextPath="internal://{source.strip("{}")}.txt">{selections}</TextSource>'
           '</Sources></Project>\n')
    path = Path(f"{site}-{coder.lower()}.qdpx")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", xml.encode("utf-8"))
        archive.writestr(f"Sources/{source.strip('{}')}.txt", text.encode("utf-8"))
    return path.read_bytes()


if __name__ == "__main__":
    for site in SITES:
        for coder in CODERS:
            project(site, coder)
            print(f"wrote {site}-{coder.lower()}.qdpx (SYNTHETIC)")
