"""What the read-only guard tells the user: a refusal that names what writes (403, exit 2)
or a syntax error that says where the query stops being Cypher (400, exit 1).

A query that is not valid Cypher and also holds a write keyword where a clause could
start is reported as a refused write: it is what a disguised write looks like, and the
user should learn that the console will not write, not merely that a bracket is missing.

    >>> str(invalid(CypherSyntaxError("unbalanced brackets: '(' at line 1, column 7 is never closed", [])))
    "invalid query: unbalanced brackets: '(' at line 1, column 7 is never closed"
"""

from __future__ import annotations

import re
import unicodedata

from kg.cypher_lexer import CypherSyntaxError, Item, Token
from kg.errors import PolicyKGError, QueryInvalid, QueryRefused

WRITES = frozenset(
    {"CREATE", "MERGE", "SET", "DELETE", "DETACH", "NODETACH", "REMOVE", "FOREACH", "INSERT"}
)
ADMIN = frozenset(
    {"SHOW", "DROP", "ALTER", "GRANT", "DENY", "REVOKE", "START", "STOP", "TERMINATE"}
    | {"ENABLE", "RENAME", "DEALLOCATE", "REALLOCATE", "DRYRUN"}
)
# "CREATE INDEX ..." is administration rather than a write; only the reason differs.
_ADMIN_OBJECTS = frozenset(
    {"INDEX", "CONSTRAINT", "USER", "ROLE", "DATABASE", "COMPOSITE", "ALIAS", "OR", "SERVER"}
    | {"RANGE", "TEXT", "POINT", "LOOKUP", "FULLTEXT", "VECTOR", "BTREE"}
)
SHOWN_CLAUSES = (
    "MATCH, OPTIONAL MATCH, WITH, UNWIND, WHERE, RETURN, ORDER BY, SKIP, LIMIT, UNION, CALL"
)
# Words that, in a query that is not valid Cypher anyway, make it a refused write.
_SCANNED = WRITES | {"DROP", "LOAD", "ALTER", "GRANT", "DENY", "REVOKE", "RENAME"}
# Not after a name's letter, ":", "$" or a quote, nor after "name." (a property key); a
# digit may come before ("LIMIT 1CREATE" and "1.CREATE" are 1, then CREATE, to some engines).
_SCAN_TAIL = re.compile(
    r"(?<![A-Za-z_:$`'\"])(?<![A-Za-z_)\]`]\.)("
    + "|".join(sorted(_SCANNED)) + r")(?![\w`'\"])",
    re.IGNORECASE,
)
_NAME_BEFORE = frozenset({".", ":", "::", "$"})


def unsafe(items: list[Item], i: int) -> QueryRefused:
    """The refusal for the write, administration, USE or LOAD word at ``items[i]``."""
    tok, nxt = items[i], items[i + 1] if i + 1 < len(items) else None
    assert isinstance(tok, Token)
    word, where = tok.upper, tok.where()
    follow = nxt.upper if isinstance(nxt, Token) else ""
    if word == "USE":
        why = "switches database; the console reads only its own graph"
        return QueryRefused(f"refused: USE at {where} {why}")
    if word == "LOAD":
        why = "reads files on the server; the console only queries the graph"
        return QueryRefused(f"refused: LOAD CSV at {where} {why}")
    if word in ADMIN or (word == "CREATE" and follow in _ADMIN_OBJECTS):
        what = f"{word} {'OR REPLACE' if follow == 'OR' else follow}".strip()
        why = "is an administration command; the console is read-only"
        return QueryRefused(f"refused: {what} at {where} {why}")
    if word in ("DETACH", "NODETACH") and follow == "DELETE":
        word = f"{word} DELETE"
    return QueryRefused(f"refused: the query writes ({word} at {where}); the console is read-only")


def unexpected(tok: Token) -> CypherSyntaxError:
    return CypherSyntaxError(
        f"unexpected {tok.text} at {tok.where()}; the console runs read clauses only "
        f"({SHOWN_CLAUSES})", []
    )


def invalid(exc: CypherSyntaxError, source: str = "") -> PolicyKGError:
    """A syntax error as the user sees it: a refused write if the text holds a write
    keyword where a clause could start, otherwise an invalid query."""
    write = _write_in(exc.tokens) or _write_in_text(source, exc.rest)
    if write:
        return QueryRefused(
            f"refused: the query writes ({write}); the console is read-only "
            f"(and the query is not valid Cypher: {exc})"
        )
    return QueryInvalid(f"invalid query: {exc}")


def _write_in(tokens: list[Token]) -> str:
    for k, tok in enumerate(tokens):
        if tok.upper not in _SCANNED:
            continue
        before = tokens[k - 1] if k else None
        after = tokens[k + 1] if k + 1 < len(tokens) else None
        if before is not None and (before.text in _NAME_BEFORE or before.upper == "AS"):
            continue  # a property key, label, type, parameter or alias
        if after is not None and after.text == ":" and before is not None \
                and before.text in ("{", ","):
            continue  # a map key
        return f"{tok.upper} at {tok.where()}"
    return ""


def _write_in_text(source: str, rest: str) -> str:
    """A write keyword in the part of the text the lexer never read."""
    text = unicodedata.normalize("NFKC", rest)
    match = _SCAN_TAIL.search(text)
    if not match:
        return ""
    if text != rest or not rest or not source.endswith(rest):
        return match.group(1).upper()  # positions in the normalised text would mislead
    offset = len(source) - len(rest) + match.start()
    line = source.count("\n", 0, offset) + 1
    col = offset - (source.rfind("\n", 0, offset) + 1) + 1
    return f"{match.group(1).upper()} near line {line}, column {col}"
