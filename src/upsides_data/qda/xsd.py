"""Checking a QDA-XML document against an XSD given by path (the official REFI schemas).

lxml's schema validator is used because it is fast enough for projects of 100k selections; the
XSD is parsed with network access and entity resolution off.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from upsides_data.errors import UsageError
from upsides_data.findings import Finding

MAX_ERRORS = 50


def validate_against(xml: bytes, xsd_path: str | Path, document: str) -> list[Finding]:
    """Findings (rule ``qda-xsd``) for every schema violation of ``xml``; empty when valid."""
    path = Path(xsd_path)
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    try:
        schema = etree.XMLSchema(etree.parse(str(path), parser))
    except (OSError, etree.XMLSyntaxError, etree.XMLSchemaParseError) as exc:
        raise UsageError(f"{path}: not a readable XML Schema ({exc})") from None
    doc = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True,
                                                huge_tree=True))
    if schema.validate(doc):
        return []
    errors = list(schema.error_log)
    findings = [Finding(rule="qda-xsd", file=document, row=e.line,
                        message=f"not valid against {path.name}: {e.message}")
                for e in errors[:MAX_ERRORS]]
    if len(errors) > MAX_ERRORS:
        findings.append(Finding(rule="qda-xsd", file=document,
                                message=f"{len(errors) - MAX_ERRORS} further XSD errors not shown"))
    return findings
