"""Turn the graph engine's errors into PolicyKG's, once, with messages a user can act on.

The engine's messages are written for its operators: ArcadeDB ends a refusal with advice
such as "or set arcadedb.queryMaxHeapRAM to increase the budget", and names its Java
classes. Users of the console cannot change the engine's settings, and a setting's name
tells an outsider how the server is tuned; so that advice is cut, and what is left says
what the query did wrong.

    >>> clean_message("Limit exceeded (500000). You can set arcadedb.queryMaxHeapElementsAllowedPerOp to increase this limit")
    'Limit exceeded (500000)'
"""

from __future__ import annotations

import re

from neo4j import exceptions as neo4j_errors

from kg.errors import PolicyKGError, QueryInvalid, QueryRefused, QueryTimeout

_MAX_CHARS = 300
# ArcadeDB's settings, and Neo4j's memory and transaction ones its limits name.
_SETTING = r"`?\b(?:arcadedb\.|dbms\.memory\.|db\.memory\.|db\.transaction\.)[A-Za-z][\w.]*`?"
# A sentence or clause that tells an operator which setting to change, in any phrasing.
_ADVICE = re.compile(
    r"(?:[.;:,]?\s*(?:or\s+|and\s+)?(?:you\s+can\s+|please\s+|consider\s+|try\s+)?"
    r"(?:set|setting|raise|raising|increase|increasing|configure|adjust|tune|change)\b"
    r"[^.;]*?" + _SETTING + r"[^.;]*)"
    r"|(?:\s*,?\s*or\s+raise\s+the\s+limit[^.;(]*(?:\([^)]*\))?)",
    re.IGNORECASE,
)
_BY_SETTING = re.compile(r"by\s+the\s+setting\s+" + _SETTING, re.IGNORECASE)
_ANY_SETTING = re.compile(r"(?:\bthe\s+)?(?:setting\s+)?" + _SETTING, re.IGNORECASE)
_JAVA_NAME = re.compile(r"\b(?:java|javax|jdk|com\.arcadedb|org\.neo4j)(?:\.\w+)+(?:\$\w+)?:?\s*")
_EXPECTED_LIST = re.compile(r",?\s*expect(?:ed|ing):?\s*(?:one of\s*)?\{?[A-Z_'$,{}\s\]\[*]{60,}.*$")
_TIMED_OUT = re.compile(r"time(?:d)?\s*out|exceeded the .*timeout", re.IGNORECASE)
_WRITE_REFUSED = re.compile(r"not allowed to (?:create|update|delete)|read access mode|"
                            r"read-only|readonly|read only", re.IGNORECASE)


def clean_message(message: str | None) -> str:
    """The engine's message without operator advice, setting names, Java class names or
    a list of every token the parser would have accepted; one line, at most 300 chars."""
    text = " ".join((message or "").split())
    text = _JAVA_NAME.sub("", text)
    text = _BY_SETTING.sub("by the graph engine", text)
    text = _ADVICE.sub("", text)
    text = _ANY_SETTING.sub("the engine's limit", text)
    text = _EXPECTED_LIST.sub("", text).strip(" ,;:")
    if len(text) > _MAX_CHARS:
        text = text[: _MAX_CHARS - 1].rstrip() + "…"
    return text or "no reason given"


def translate(exc: neo4j_errors.Neo4jError, *, timeout_s: float) -> PolicyKGError:
    """The PolicyKG error for an error the engine raised running a console query."""
    code, message = exc.code or "", exc.message or ""
    if "TimedOut" in code or "Terminated" in code or _TIMED_OUT.search(message):
        return QueryTimeout(
            f"the query ran longer than {timeout_s:g} s and was stopped; "
            "add a LIMIT or a narrower MATCH"
        )
    if "Forbidden" in code or "AccessMode" in code or _WRITE_REFUSED.search(message):
        return QueryRefused(
            "refused: the query tries to write, and the graph engine refused it to the "
            f"console's read-only account ({clean_message(message)}); the console is read-only"
        )
    if "ParameterMissing" in code:
        return QueryInvalid(
            f"the query uses parameters the console cannot send ({clean_message(message)}); "
            "write the values into the query"
        )
    return QueryInvalid(f"the graph engine rejected the query: {clean_message(message or code)}")
