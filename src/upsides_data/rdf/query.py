"""``query``: SPARQL over the export of one or more packages, in an embedded pyoxigraph store.

The packages are exported to N-Triples (the same fast path as ``to_rdf``) and bulk-loaded into
an in-memory ``pyoxigraph.Store`` block by block; a SELECT gives rows (dicts of variable -> text), an ASK a single
row ``{"ask": "true"|"false"}``. Common prefixes (``PREFIXES`` of ``terms``) are declared for the
query unless it declares them itself. Example queries are in docs/rdf.md and run by the tests.
"""

from __future__ import annotations

import os
from typing import Sequence

from upsides_data.errors import UsageError
from upsides_data.rdf.export import blocks
from upsides_data.rdf.terms import PREFIXES
from upsides_data.rdf.triples import ntriples_block

Row = dict[str, str | None]


def _prologue(sparql: str) -> str:
    declared = sparql.lower()
    lines = [f"PREFIX {p}: <{ns}>" for p, ns in sorted(PREFIXES.items())
             if f"prefix {p}:" not in declared]
    return "\n".join(lines) + "\n" + sparql


def store_of(paths: Sequence[str | os.PathLike[str]], *,  # noqa: ANN201 - pyoxigraph.Store
             validate: bool = True):
    import pyoxigraph as ox

    parts = blocks(list(paths), validate=validate, purpose="query")
    store = ox.Store()
    for block in parts:
        if block.height:
            store.bulk_load(ntriples_block(block), ox.RdfFormat.N_TRIPLES)
    return store


def query(paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]], sparql: str, *,
          validate: bool = True) -> list[Row]:
    """Run a SELECT or ASK query over the packages' export; return rows of plain text values.

    The packages are validated first (``InvalidInputError`` when they do not validate);
    ``validate=False`` queries drafts."""
    import pyoxigraph as ox

    items = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    store = store_of(items, validate=validate)
    try:
        result = store.query(_prologue(sparql))
    except SyntaxError as exc:
        raise UsageError(f"SPARQL syntax error: {exc}") from None
    if isinstance(result, (bool, ox.QueryBoolean)):
        return [{"ask": "true" if bool(result) else "false"}]
    if not isinstance(result, ox.QuerySolutions):
        raise UsageError("only SELECT and ASK queries are supported (CONSTRUCT/DESCRIBE give graphs)")
    names = [v.value for v in result.variables]
    return [{n: (None if s[n] is None else s[n].value) for n in names} for s in result]
