"""RDF serialisations by name: one table for export, import and query.

A format is asked for by its name here, by rdflib's name for it (``ttl``, ``nt``, ``json-ld``,
``xml``, ``nquads``, ...) or, when no name is given, by the file extension of ``-o``. Everything
the library writes is in the default graph, so TriG is written as Turtle and N-Quads as
N-Triples (each is valid in the other, a TriG or N-Quads reader reads it unchanged); RDF/XML is
written by pyoxigraph.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal, get_args

from upsides_data.errors import UsageError

RdfFormat = Literal["turtle", "ntriples", "jsonld", "trig", "nquads", "rdfxml"]
RDF_FORMATS: tuple[RdfFormat, ...] = get_args(RdfFormat)

# Other spellings, rdflib's among them (rdflib.plugin's serializer names), -> our name.
ALIASES: dict[str, RdfFormat] = {
    "ttl": "turtle", "n3": "turtle", "text/turtle": "turtle",
    "nt": "ntriples", "nt11": "ntriples", "n-triples": "ntriples",
    "application/n-triples": "ntriples",
    "json-ld": "jsonld", "application/ld+json": "jsonld",
    "application/trig": "trig",
    "nq": "nquads", "n-quads": "nquads", "application/n-quads": "nquads",
    "xml": "rdfxml", "pretty-xml": "rdfxml", "rdf/xml": "rdfxml", "rdf": "rdfxml",
    "application/rdf+xml": "rdfxml",
}

EXTENSIONS: dict[str, RdfFormat] = {
    ".ttl": "turtle", ".turtle": "turtle", ".nt": "ntriples", ".jsonld": "jsonld",
    ".json": "jsonld", ".trig": "trig", ".nq": "nquads", ".rdf": "rdfxml", ".xml": "rdfxml",
    ".owl": "rdfxml",
}

# Our name -> pyoxigraph's RdfFormat attribute, for reading.
OXIGRAPH: dict[RdfFormat, str] = {
    "turtle": "TURTLE", "ntriples": "N_TRIPLES", "jsonld": "JSON_LD", "trig": "TRIG",
    "nquads": "N_QUADS", "rdfxml": "RDF_XML",
}


def rdf_format(name: str | None, out: str | os.PathLike[str] | None = None,
               *, default: RdfFormat | None = "turtle") -> RdfFormat:
    """The format asked for by ``name`` (ours or rdflib's), else by ``out``'s extension, else
    ``default``; a name nobody knows is a ``UsageError`` listing the choices."""
    if name is not None:
        if not isinstance(name, str):
            raise UsageError(f"the RDF format must be a name such as 'turtle', not "
                             f"{type(name).__name__}")
        key = name.strip().lower()
        for known in RDF_FORMATS:
            if key == known:
                return known
        if key in ALIASES:
            return ALIASES[key]
        raise UsageError(f"unknown RDF format {name!r}; choose one of {', '.join(RDF_FORMATS)} "
                         f"(or rdflib's names: {', '.join(sorted(ALIASES))})",
                         rule="usage", hint="for example --format turtle, or -o out.ttl")
    if out is not None:
        found = EXTENSIONS.get(Path(out).suffix.lower())
        if found is not None:
            return found
    if default is None:
        raise UsageError(f"cannot tell the RDF format of {out}: give --format or use one of the "
                         f"extensions {', '.join(sorted(EXTENSIONS))}",
                         hint="for example -o consortium.ttl")
    return default
