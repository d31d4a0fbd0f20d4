"""Every documented limit on what the library reads and computes, in one place.

Bad input ends in a finding and exit code 2 (``LimitExceededError``), never in a ``RecursionError``
or ``MemoryError``; each limit here is documented in docs/cli.md ("Limits and refusals").
The values are generous for real studies (a 300-page transcript is under 2 MB).
"""

from __future__ import annotations

from upsides_data.errors import LimitExceededError
from upsides_data.findings import Finding

RULE_DEPTH = "nesting-too-deep"
RULE_SIZE = "input-too-large"

MAX_DESCRIPTOR_BYTES = 16 * 1024**2  # datapackage.json; a real one is a few hundred kB
MAX_NESTING = 100  # levels of JSON/YAML/XML nesting; the standard's documents use fewer than 10
MAX_INSTANCE_BYTES = 64 * 1024**2  # a check-instance YAML or JSON file
MAX_RDF_LITERAL_CHARS = 4 * 1024**2  # one literal in an RDF import (a long transcript: ~1 M)
RDF_PARSER_TOKEN_BYTES = 16 * 1024**2  # pyoxigraph's parser stops at a longer token (a literal)
MAX_RDF_BYTES = 2 * 1024**3  # an RDF file given to import rdf
MAX_XML_BYTES = 512 * 1024**2  # project.qde or a .qdc file
QUERY_TIMEOUT_SECONDS = 30.0  # upsides query: evaluation time, loading not counted
QUERY_MAX_RESULTS = 100_000  # upsides query: rows of a SELECT


def too_deep(file: str, *, package: str | None = None, limit: int | None = None,
             hint: str | None = None) -> LimitExceededError:
    """The refusal of a document nested deeper than ``limit`` (``MAX_NESTING``)."""
    limit = MAX_NESTING if limit is None else limit
    return LimitExceededError(f"{file}: nested more than {limit} levels deep", findings=[Finding(
        RULE_DEPTH, f"the document is nested more than {limit} levels deep; refused",
        package=package, file=file,
        hint=hint or "the standard's files nest a few levels, e.g. {\"resources\": "
                     "[{\"schema\": {\"fields\": [...]}}]}; re-export the file from its tool")])


def too_large(file: str, size: int, limit: int, *, package: str | None = None
              ) -> LimitExceededError:
    """The refusal of an input of ``size`` over ``limit`` (bytes or characters)."""
    return LimitExceededError(f"{file}: {size} bytes, over the limit of {limit}", findings=[Finding(
        RULE_SIZE, f"the file has {size} bytes; the limit is {limit}", package=package, file=file,
        hint="check that this is the right file; the limits are listed in docs/cli.md "
             "(Limits and refusals)")])
