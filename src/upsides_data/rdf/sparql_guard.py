"""Refuse, before anything runs, the SPARQL that would reach outside the packages or change them.

``upsides query`` is read-only and offline: a ``SERVICE`` clause would make the engine send the
query to a remote endpoint (pyoxigraph does, over HTTP), and the update forms (``LOAD`` fetches a
URL; ``INSERT``/``DELETE``/``CLEAR``/...) change a store. Both are refused with a finding, and so
is ``FROM``: the packages given are the whole dataset, a named graph would be empty or fetched.

The check reads the query as the SPARQL grammar's lexer does, so that only real keywords count:
comments, string literals (short and long, with escapes), IRIs, variables (``?service``) and
prefixed names (``ex:service``) are tokens of their own and never match. A naive substring test
would refuse ``"customer service"`` and miss nothing a comment hides; this one does neither.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from upsides_data.errors import UsageError
from upsides_data.findings import Finding

RULE_SERVICE = "query-service-refused"
RULE_UPDATE = "query-update-refused"
RULE_FROM = "query-refused"

# The update operations of SPARQL 1.1 Update; none of these words is a keyword of a query.
UPDATE_KEYWORDS = frozenset({"LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "INSERT",
                             "DELETE", "WITH", "USING"})

_NAME_CHAR = r"[\w\-.\u00B7\u0300-\u036F\u203F-\u2040%\\:]"
_TOKEN = re.compile(
    r"""
      (?P<space>\s+)
    | (?P<comment>\#[^\n\r]*)
    | (?P<long_string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\")
    | (?P<string>'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<variable>[?$]\w+)
    | (?P<language>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
    | (?P<word>(?:[^\W\d]|_)(?:[\w\-.])*(?::""" + _NAME_CHAR + r"""*)?|:""" + _NAME_CHAR + r"""*)
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL | re.UNICODE,
)


def keywords(sparql: str) -> Iterator[tuple[str, int]]:
    """The bare words of a query (keywords and function names), upper-cased, with their line.

    Prefixed names (``ex:a``), blank node labels (``_:b``), variables, IRIs, literals and
    comments are skipped: only a bare word can be a keyword.
    """
    line = 1
    for match in _TOKEN.finditer(sparql):
        kind, text = match.lastgroup, match.group()
        if kind == "word" and ":" not in text:
            yield text.upper(), line
        line += text.count("\n")


def findings(sparql: str) -> list[Finding]:
    """A finding for every ``SERVICE`` and every update keyword in the query."""
    found = []
    for word, line in keywords(sparql):
        if word == "SERVICE":
            found.append(Finding(
                RULE_SERVICE, f"line {line}: SERVICE would send the query to another server; "
                "upsides query never opens a network connection", row=line, field="SERVICE",
                hint="query only the packages given, for example: SELECT ?s WHERE { ?s a ?type }"))
        elif word == "FROM":
            found.append(Finding(
                RULE_FROM, f"line {line}: FROM names a graph to query; upsides query reads the "
                "packages given and nothing else, so the graph would be empty or fetched",
                row=line, field="FROM",
                hint="leave out FROM and query the packages given, for example: "
                     "SELECT ?s WHERE { ?s a ?type }"))
        elif word in UPDATE_KEYWORDS:
            found.append(Finding(
                RULE_UPDATE, f"line {line}: {word} is a SPARQL Update operation; upsides query "
                "only reads", row=line, field=word,
                hint="use a SELECT or ASK query, for example: ASK { ?s ?p ?o }"))
    return found


def check(sparql: str) -> None:
    """Raise ``UsageError`` (exit 2) with the findings if the query must not run."""
    found = findings(sparql)
    if found:
        raise UsageError("the query was refused before it ran", findings=found)


QUERY_FORMS = frozenset({"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"})


def query_form(sparql: str) -> str | None:
    """The query's form (``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``): its first such
    keyword outside comments, strings and IRIs; None when it has none (a syntax error later)."""
    return next((word for word, _ in keywords(sparql) if word in QUERY_FORMS), None)
