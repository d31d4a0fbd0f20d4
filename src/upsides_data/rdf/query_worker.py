"""The child process that runs one SPARQL query for ``upsides query`` (``python -m`` this module).

Why a process of its own: pyoxigraph evaluates some queries (``ORDER BY``, aggregates over a cross
product) wholly inside its first call, holding no Python checkpoint where a clock could be read;
only a process can be stopped there for sure. The parent (``rdf.query``) sends one JSON line with
the query, then the N-Triples of the packages until end of input; it reads back JSON lines: a
header (``{"ready": true}`` once loaded, then ``{"variables": [...]}`` or ``{"ask": bool}`` or
``{"error": ..., "message": ...}``), then one list of values per solution. With ``"terms": true``
in the request the values are N-Triples terms (``<iri>``, ``"text"@en``, ``_:b0``), so the parent
can write the W3C result formats, and a CONSTRUCT or DESCRIBE gives ``{"graph": true}`` and one
``[subject, predicate, object]`` per triple. The parent kills this
process at the time or result limit. Only pyoxigraph is imported here, so it starts in ~0.1 s.
"""

from __future__ import annotations

import json
import sys
from typing import BinaryIO


def _emit(out: BinaryIO, value: object) -> None:
    out.write(json.dumps(value, ensure_ascii=False).encode("utf-8") + b"\n")


def main() -> int:
    import pyoxigraph as ox

    source, out = sys.stdin.buffer, sys.stdout.buffer
    request = json.loads(source.readline())
    store = ox.Store()
    try:
        store.bulk_load(source, ox.RdfFormat.N_TRIPLES)
    except (SyntaxError, ValueError, OSError) as exc:
        _emit(out, {"error": "load", "message": str(exc)})
        return 0
    _emit(out, {"ready": True})
    out.flush()
    try:
        result = store.query(request["query"], prefixes=request["prefixes"])
    except SyntaxError as exc:
        _emit(out, {"error": "syntax", "message": str(exc)})
        return 0
    except OSError as exc:
        _emit(out, {"error": "evaluation", "message": str(exc)})
        return 0
    if isinstance(result, ox.QueryBoolean):
        _emit(out, {"ask": bool(result)})
        return 0
    terms = bool(request.get("terms"))
    if not isinstance(result, ox.QuerySolutions):
        if not terms:
            _emit(out, {"error": "graph", "message": "CONSTRUCT and DESCRIBE give graphs"})
            return 0
        _emit(out, {"graph": True})
        try:
            for triple in result:
                _emit(out, [str(triple.subject), str(triple.predicate), str(triple.object)])
        except BrokenPipeError:
            return 0
        except OSError as exc:
            _emit(out, {"error": "evaluation", "message": str(exc)})
        return 0
    names = [v.value for v in result.variables]
    _emit(out, {"variables": names})
    try:
        for solution in result:
            _emit(out, [None if solution[n] is None else str(solution[n]) if terms
                        else solution[n].value for n in names])
    except BrokenPipeError:
        return 0  # the parent stopped reading at its limit
    except OSError as exc:
        _emit(out, {"error": "evaluation", "message": str(exc)})
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (KeyboardInterrupt, BrokenPipeError):
        sys.exit(130)
