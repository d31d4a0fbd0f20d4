"""What ``import rdf`` refuses, term by term: the import fails closed (docs/rdf.md).

An RDF file is someone else's statement about records; nothing in it is written unless it reads
back exactly into a cell. Each problem is a finding naming the subject and the predicate:

- ``rdf-blank-node``: a record, or a value of one, is a blank node; records are identified by
  ``upsides:`` IRIs, so a blank node has no identifier to give back.
- ``rdf-iri-outside-namespace``: a record or a reference to one is an IRI outside the standard's
  identifier namespace (``https://w3id.org/upsides-data/id/``).
- ``rdf-literal-datatype``: a literal is not of the column's datatype or its text is not a value
  of that datatype (``"sixty"^^xsd:integer``).
- ``rdf-wrong-term``: an IRI where the column holds text, or text where it holds an IRI.
- ``rdf-enum-unknown``: an IRI that is not the meaning of any value of the column's enum.
- ``rdf-literal-too-large``: a literal over ``MAX_RDF_LITERAL_CHARS`` characters (found while
  reading, in ``importer``).
- ``rdf-record-dropped``: a record the file holds that no package of it would write (for example
  quotes listed under a dataset whose kind says ``codebook``).
- ``rdf-access-rights-unknown``: a package's ``dct:accessRights`` is no access level of the
  standard. (A package without ``dct:accessRights`` is imported as restricted, never public.)
"""

from __future__ import annotations

import re
from typing import Any

from upsides_data.findings import Finding
from upsides_data.rdf.terms import RDF, XSD, Column, id_base

RULE_BLANK = "rdf-blank-node"
RULE_NAMESPACE = "rdf-iri-outside-namespace"
RULE_DATATYPE = "rdf-literal-datatype"
RULE_TERM = "rdf-wrong-term"
RULE_ENUM = "rdf-enum-unknown"
RULE_TOO_LARGE = "rdf-literal-too-large"
RULE_DROPPED = "rdf-record-dropped"
RULE_ACCESS = "rdf-access-rights-unknown"

_PLAIN = {XSD + "string", RDF + "langString"}
# The lexical forms of the datatypes the schema's columns use (XML Schema 1.1, part 2).
_LEXICAL = {
    XSD + "integer": (re.compile(r"[+-]?[0-9]+"), '"42"^^xsd:integer'),
    XSD + "float": (re.compile(r"(?:[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?"
                               r"|[+-]?INF|NaN)"), '"3.5"^^xsd:float'),
    XSD + "boolean": (re.compile(r"true|false|1|0"), '"true"^^xsd:boolean'),
    XSD + "language": (re.compile(r"[a-zA-Z]{1,8}(?:-[a-zA-Z0-9]{1,8})*"), '"en-GB"^^xsd:language'),
}


def finding(rule: str, subject: str, predicate: str | None, message: str, hint: str) -> Finding:
    """A finding located at ``<subject> <predicate>`` (the RDF file has no rows)."""
    return Finding(rule, f"<{subject}>" + (f" <{predicate}>" if predicate else "") + f": {message}",
                   field=predicate, hint=hint)


def record_problem(term: Any, subject: str, predicate: str) -> Finding | None:
    """A member of a package dataset must be a record IRI in the standard's namespace."""
    import pyoxigraph as ox

    if isinstance(term, ox.BlankNode):
        return finding(RULE_BLANK, subject, predicate, f"the record _:{term.value} is a blank node",
                       hint="give every record its IRI, e.g. "
                            "<https://w3id.org/upsides-data/id/ulm/quote-1>")
    if not isinstance(term, ox.NamedNode) or not term.value.startswith(id_base()):
        return finding(RULE_NAMESPACE, subject, predicate,
                       f"{_show(term)} is not an identifier of the standard",
                       hint=f"record IRIs start with {id_base()}, e.g. <{id_base()}ulm/quote-1>")
    return None


def value_problem(term: Any, col: Column, subject: str) -> Finding | None:
    """Whether ``term`` reads back exactly into a cell of ``col``; a finding if not."""
    import pyoxigraph as ox

    where = (RULE_BLANK, subject, col.predicate)
    if isinstance(term, ox.BlankNode):
        return finding(*where, f"the value _:{term.value} is a blank node",
                       hint="write the value itself: a literal, or the IRI it stands for")
    if col.kind in ("ref", "enum", "iri"):
        if not isinstance(term, ox.NamedNode):
            return finding(RULE_TERM, subject, col.predicate, f"{_show(term)} is not an IRI",
                           hint="this property's value is an IRI, e.g. "
                                f"<{id_base()}ulm/site>")
        if col.kind == "ref" and not term.value.startswith(id_base()):
            return finding(RULE_NAMESPACE, subject, col.predicate,
                           f"<{term.value}> is not an identifier of the standard",
                           hint=f"references point at records under {id_base()}")
        if col.kind == "enum" and term.value not in (col.enum or {}).values():
            allowed = ", ".join(sorted(col.enum or {}))
            return finding(RULE_ENUM, subject, col.predicate,
                           f"<{term.value}> is not the meaning of any allowed value",
                           hint=f"the allowed values are: {allowed}")
        return None
    if not isinstance(term, ox.Literal):
        return finding(RULE_TERM, subject, col.predicate, f"{_show(term)} is not a literal",
                       hint='this property\'s value is text, e.g. "Peer support helped"')
    return _datatype_problem(term, col, subject)


def _datatype_problem(term: Any, col: Column, subject: str) -> Finding | None:
    datatype = term.datatype.value
    if col.datatype is None:
        if datatype in _PLAIN:
            return None
        return finding(RULE_DATATYPE, subject, col.predicate,
                       f"{_show(term)} has datatype <{datatype}> where plain text is expected",
                       hint='write the value as a plain literal, e.g. "2020-01"')
    pattern, example = _LEXICAL.get(col.datatype, (None, f'"..."^^<{col.datatype}>'))
    if datatype != col.datatype:
        return finding(RULE_DATATYPE, subject, col.predicate,
                       f"{_show(term)} has datatype <{datatype}> where <{col.datatype}> is "
                       "expected", hint=f"for example {example}")
    if pattern is not None and not pattern.fullmatch(term.value):
        return finding(RULE_DATATYPE, subject, col.predicate,
                       f"{term.value!r} is not a valid <{col.datatype}>",
                       hint=f"for example {example}")
    return None


def _show(term: Any) -> str:
    text = str(term)
    return text if len(text) <= 80 else text[:77] + "..."
