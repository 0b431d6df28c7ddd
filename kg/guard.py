"""Decide, by parsing, whether a Cypher query typed into a console is one read-only statement.

ArcadeDB's Bolt server does not enforce read-only sessions, so the console must refuse
writes and administration itself. A keyword search would refuse
``WHERE n.text CONTAINS 'CREATE'`` and miss ``/* x */ dEtAcH dElEtE``; instead the query
is tokenized (``kg.cypher_lexer``), nested by bracket, and walked with a small state
machine that knows when a word stands where a clause can start. Whatever it cannot
classify with certainty is refused: a false refusal costs a retyped query, a false
acceptance could cost the graph.

    >>> check_read_only("MATCH (c:Clause) WHERE c.text CONTAINS 'CREATE' RETURN c LIMIT 5;")
    ReadOnlyQuery(text="MATCH (c:Clause) WHERE c.text CONTAINS 'CREATE' RETURN c LIMIT 5", has_limit=True)
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.cypher_lexer import NAME, STRING, SYM, WORD, Group, Item, Token
from kg.cypher_lexer import dotted_name, first_token, is_name, is_sym, is_word, item_at
from kg.cypher_lexer import last_token, nest, split_statements, tokenize
from kg.errors import QueryRefused

# What the previous item leaves the walker expecting.
START = "start"  # the beginning of a query part: a clause keyword
OPERAND = "operand"  # an operand just ended: a clause, an operator or a postfix word
OPERATOR = "operator"  # an operator or clause keyword that wants an operand
PREFIX = "prefix"  # NOT, DISTINCT or CASE: wants an operand, but may itself be a variable
NAME_NEXT = "name-next"  # after ".", ":", "::" or AS: the next word is a name, never a keyword
EITHER = "either"  # "*" or "+" after an operand: an operator, or a path quantifier ending one

READ_PROCEDURES = (
    "db.labels",
    "db.relationshipTypes",
    "db.propertyKeys",
    "db.schema.visualization",
    "db.schema.nodeTypeProperties",
    "db.schema.relTypeProperties",
    "db.indexes",
    "db.constraints",
    "dbms.components",
)
_READ_PROCEDURES = frozenset(name.lower() for name in READ_PROCEDURES)

_WRITES = frozenset(
    {"CREATE", "MERGE", "SET", "DELETE", "DETACH", "NODETACH", "REMOVE", "FOREACH", "INSERT"}
)
_ADMIN = frozenset(
    {"SHOW", "DROP", "ALTER", "GRANT", "DENY", "REVOKE", "START", "STOP", "TERMINATE"}
    | {"ENABLE", "RENAME", "DEALLOCATE", "REALLOCATE", "DRYRUN"}
)
# "CREATE INDEX ..." is administration rather than a write; only the reason differs.
_ADMIN_OBJECTS = frozenset(
    {"INDEX", "CONSTRAINT", "USER", "ROLE", "DATABASE", "COMPOSITE", "ALIAS", "OR", "SERVER"}
    | {"RANGE", "TEXT", "POINT", "LOOKUP", "FULLTEXT", "VECTOR", "BTREE"}
)
_UNSAFE = _WRITES | _ADMIN | {"USE", "LOAD"}
_READ_CLAUSES = frozenset(
    {"MATCH", "OPTIONAL", "WHERE", "WITH", "RETURN", "UNWIND", "ORDER", "SKIP", "OFFSET"}
    | {"LIMIT", "UNION", "CALL", "YIELD", "FINISH", "FILTER", "LET", "NEXT", "EXPLAIN", "PROFILE"}
)
# Binary operators, and path-selector words (ANY SHORTEST, REPEATABLE ELEMENTS ...): each
# follows an operand and expects another.
_INFIX = frozenset(
    {"AND", "OR", "XOR", "IN", "IS", "CONTAINS", "STARTS", "ENDS"}
    | {"SHORTEST", "GROUP", "GROUPS", "PATH", "PATHS", "WALK", "TRAIL", "ACYCLIC"}
    | {"ELEMENT", "ELEMENTS", "RELATIONSHIP", "RELATIONSHIPS"}
)
_POSTFIX = frozenset({"ASC", "ASCENDING", "DESC", "DESCENDING", "NORMALIZED"})
_ALL_WORDS = _UNSAFE | _READ_CLAUSES
# STARTS and ENDS are only operators with the WITH that follows them, read separately.
_AFTER_OPERAND = (
    {word: OPERATOR for word in _INFIX - {"STARTS", "ENDS"}}
    | {word: OPERAND for word in _POSTFIX}
    | {"AS": NAME_NEXT}
)
_SHOWN_CLAUSES = (
    "MATCH, OPTIONAL MATCH, WITH, UNWIND, WHERE, RETURN, ORDER BY, SKIP, LIMIT, UNION, CALL"
)


@dataclass(frozen=True)
class ReadOnlyQuery:
    """A query that passed the guard.

    ``text`` is the statement from its first token to its last: no trailing ";" and no
    comment before or after it. ``has_limit`` tells whether every UNION branch's final
    RETURN carries a top-level LIMIT; the query is never rewritten, the store caps rows.
    """

    text: str
    has_limit: bool


def check_read_only(query: str) -> ReadOnlyQuery:
    """Return ``query`` as a ReadOnlyQuery, or raise QueryRefused saying exactly why.

        >>> check_read_only("MATCH (n) DETACH DELETE n")
        Traceback (most recent call last):
        ...
        kg.errors.QueryRefused: refused: the query writes (DETACH DELETE at line 1, column 11); the console is read-only
    """
    statements = [s for s in split_statements(nest(tokenize(query))) if s]
    if not statements:
        raise QueryRefused("refused: empty query; type one such as MATCH (n) RETURN n LIMIT 5")
    if len(statements) > 1:
        raise QueryRefused(f"refused: {len(statements)} statements; send one at a time")
    items = statements[0]
    walker = _Walker(items, "statement")
    walker.run()
    text = query[first_token(items[0]).start : last_token(items[-1]).end]
    return ReadOnlyQuery(text=text, has_limit=walker.has_limit())


def _is_map(items: list[Item]) -> bool:
    """Tell a map, map projection or quantifier ``{1,3}`` from a subquery body ``{MATCH ..}``.

    A subquery starts with a clause or a pattern; a map with ``key:``, ``.key``, a lone
    variable or a number. Either way the walk refuses writes after an operand.
    """
    if not items:
        return True
    first, second = items[0], items[1] if len(items) > 1 else None
    if isinstance(first, Group):
        return False
    if first.kind == WORD:
        return second is None or is_sym(second, ":", ",")
    return first.kind != SYM or first.text in (".", ",")


def _is_group(item: Item | None, kind: str) -> bool:
    return isinstance(item, Group) and item.kind == kind


def _is_map_key(item: Item) -> bool:
    return isinstance(item, Token) and item.kind in (WORD, NAME, STRING)


def _unsafe(items: list[Item], i: int) -> QueryRefused:
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
    if word in _ADMIN or (word == "CREATE" and follow in _ADMIN_OBJECTS):
        what = f"{word} {'OR REPLACE' if follow == 'OR' else follow}".strip()
        why = "is an administration command; the console is read-only"
        return QueryRefused(f"refused: {what} at {where} {why}")
    if word in ("DETACH", "NODETACH") and follow == "DELETE":
        word = f"{word} DELETE"
    return QueryRefused(f"refused: the query writes ({word} at {where}); the console is read-only")


def _unexpected(tok: Token) -> QueryRefused:
    return QueryRefused(
        f"refused: unexpected {tok.text} at {tok.where()}; the console runs read clauses only "
        f"({_SHOWN_CLAUSES})"
    )


@dataclass
class _Part:
    """One branch of a UNION: did it RETURN, and did a LIMIT follow that RETURN?"""

    returned: bool = False
    limited: bool = False


class _Walker:
    """Walk one run of items: a statement, a subquery body, or a bracket's or map's contents.

    ``role`` says what the previous item leaves us expecting; a word counts as a clause
    keyword only where an operand has just ended (or a query part begins), which is how
    ``RETURN n.set AS set`` stays a read while ``WITH n AS x SET x.a = 1`` is refused.
    """

    def __init__(self, items: list[Item], mode: str) -> None:
        self.items, self.mode = items, mode  # statement | subquery | group | map
        self.role = START if mode in ("statement", "subquery") else OPERATOR
        self.case_depth = 0
        self.entry_start = mode == "map"  # a map key may come next
        self.parts = [_Part()]

    def has_limit(self) -> bool:
        return all(part.returned and part.limited for part in self.parts)

    def run(self) -> None:
        i = 0
        while i < len(self.items):
            i = self.step(i)

    def step(self, i: int) -> int:
        item, after = self.items[i], item_at(self.items, i + 1)
        if self.entry_start and _is_map_key(item) and is_sym(after, ":"):
            self.entry_start, self.role = False, OPERATOR
            return i + 2
        self.entry_start = False
        if self.role == START and self.mode == "statement" and not is_word(item, *_ALL_WORDS):
            raise _unexpected(first_token(item))
        if isinstance(item, Group):
            self.group(item)
        elif item.kind == SYM:
            self.symbol(item)
        elif item.kind == WORD:
            return self.word(item, i)
        else:
            if item.kind == NAME and self.role != NAME_NEXT:
                self.check_function(i)
            self.role = OPERAND
        return i + 1

    def group(self, group: Group) -> None:
        if group.kind == "{" and not _is_map(group.items):
            _Walker(group.items, "subquery").run()
        else:
            _Walker(group.items, "map" if group.kind == "{" else "group").run()
        self.role = OPERAND

    def symbol(self, tok: Token) -> None:
        if tok.text == ";":
            raise QueryRefused(f"refused: ';' inside brackets at {tok.where()}; send one statement")
        if tok.text in (".", ":", "::"):
            self.role = NAME_NEXT
        elif self.role == OPERAND and tok.text in ("*", "+"):
            # "a * b" wants an operand, but "MATCH ((a)-->(b))+ RETURN a" ends a pattern
            self.role = EITHER
        elif self.role != OPERAND and tok.text in ("*", "%"):
            self.role = OPERAND  # "RETURN *", "[*]", "{.*}", ":%" are whole operands
        else:
            self.role = OPERATOR
            self.entry_start = tok.text == "," and self.mode == "map"

    def word(self, tok: Token, i: int) -> int:
        upper = tok.upper
        if self.role == NAME_NEXT:  # a property key, label, type or alias
            self.role = OPERAND
            return i + 1
        if self.case_depth and upper in ("WHEN", "THEN", "ELSE", "END"):
            # PREFIX, not OPERATOR: should CASE have been a variable, refuse what follows
            self.case_depth -= upper == "END"
            self.role = OPERAND if upper == "END" else PREFIX
            return i + 1
        starts_part = self.role == START and (self.mode == "statement" or upper in _ALL_WORDS)
        if self.role == OPERAND or starts_part or (self.role == EITHER and upper in _ALL_WORDS):
            return self.clause_word(tok, i)
        return self.operand_word(tok, i)

    def operand_word(self, tok: Token, i: int) -> int:
        """A word where an operand is expected: a name, unless NOT, DISTINCT or CASE."""
        if tok.upper in ("NOT", "DISTINCT", "CASE"):
            self.case_depth += tok.upper == "CASE"
            self.role = PREFIX
            return i + 1
        # "WITH distinct CREATE (n)" may read as a variable then CREATE: refuse the doubt.
        if self.role == PREFIX and tok.upper in _UNSAFE:
            raise _unsafe(self.items, i)
        self.check_function(i)
        self.role = OPERAND
        return i + 1

    def clause_word(self, tok: Token, i: int) -> int:
        """A word right after an operand: an operator, a postfix word or a clause keyword."""
        upper, after = tok.upper, item_at(self.items, i + 1)
        if self.role == OPERAND:
            if upper in ("STARTS", "ENDS") and is_word(after, "WITH"):
                self.role = OPERATOR
                return i + 2
            if upper == "IS":
                return self.is_predicate(i)
            if upper in _AFTER_OPERAND:
                self.role = _AFTER_OPERAND[upper]
                return i + 1
            if upper == "NOT" and is_word(after, "NULL"):  # a type such as INTEGER NOT NULL
                return i + 2
        if upper in _UNSAFE:
            raise _unsafe(self.items, i)
        if self.mode in ("group", "map"):
            if upper != "WHERE":  # "(n WHERE ..)" and "[x IN l WHERE ..]"
                raise _unexpected(tok)
            self.role = OPERATOR
            return i + 1
        if upper not in _READ_CLAUSES:
            raise _unexpected(tok)
        return self.clause(tok, i)

    def is_predicate(self, i: int) -> int:
        """``IS [NOT] NULL``, ``IS [NOT] TYPED t``, ``IS [NOT] :: t``, ``IS [NOT] NORMALIZED``."""
        j = i + 2 if is_word(item_at(self.items, i + 1), "NOT") else i + 1
        if is_word(item_at(self.items, j), "TYPED"):
            self.role = NAME_NEXT
            return j + 1
        self.role = OPERATOR
        return j

    def clause(self, tok: Token, i: int) -> int:
        """A read clause keyword in a statement or subquery."""
        upper, after = tok.upper, item_at(self.items, i + 1)
        self.role = OPERATOR
        if upper in ("EXPLAIN", "PROFILE"):
            if self.mode != "statement" or i != 0:
                raise _unexpected(tok)
            self.role = START
        elif upper == "OPTIONAL":
            if is_word(after, "CALL"):
                return self.call(i + 1)
            if not is_word(after, "MATCH"):
                raise _unexpected(tok)
            return i + 2
        elif upper == "ORDER":
            if not is_word(after, "BY"):
                raise _unexpected(tok)
            return i + 2
        elif upper == "CALL":
            return self.call(i)
        elif upper in ("UNION", "NEXT", "FINISH"):
            return self.new_part(upper, i)
        elif upper == "RETURN":
            self.parts[-1] = _Part(returned=True)
        elif upper == "LIMIT" and self.parts[-1].returned:
            self.parts[-1].limited = True
        return i + 1

    def new_part(self, upper: str, i: int) -> int:
        """UNION starts a branch; NEXT replaces the part before it; FINISH ends the query."""
        self.role = START
        if upper == "UNION":
            self.parts.append(_Part())
            return i + 2 if is_word(item_at(self.items, i + 1), "ALL", "DISTINCT") else i + 1
        if upper == "NEXT":
            self.parts[-1] = _Part()
        return i + 1

    def call(self, i: int) -> int:
        """``CALL { .. }``, ``CALL (x) { .. }`` or ``CALL name.space.proc(..)``."""
        tok, after, then = self.items[i], item_at(self.items, i + 1), item_at(self.items, i + 2)
        assert isinstance(tok, Token)
        self.role = OPERAND
        if _is_group(after, "{"):
            return self.call_subquery(tok, i + 1)
        if _is_group(after, "(") and _is_group(then, "{"):
            _Walker(after.items, "group").run()
            return self.call_subquery(tok, i + 2)
        if not is_name(after):
            raise QueryRefused(
                f"refused: cannot tell what CALL at {tok.where()} calls; "
                "write CALL db.labels() or CALL { MATCH ... RETURN ... }"
            )
        name, j = dotted_name(self.items, i + 1)
        if name.lower() not in _READ_PROCEDURES:
            raise QueryRefused(
                f"refused: procedure {name} is not on the read-only allow-list "
                f"(allowed: {', '.join(READ_PROCEDURES)})"
            )
        args = item_at(self.items, j)
        if _is_group(args, "("):
            _Walker(args.items, "group").run()
            j += 1
        return j

    def call_subquery(self, call: Token, j: int) -> int:
        body = self.items[j]
        assert isinstance(body, Group)
        if is_word(item_at(self.items, j + 1), "IN"):
            raise QueryRefused(
                f"refused: CALL {{ ... }} IN TRANSACTIONS at {call.where()} batches "
                "writes; the console is read-only"
            )
        _Walker(body.items, "subquery").run()
        return j + 1

    def check_function(self, i: int) -> None:
        """Refuse apoc.* function calls: most are reads, but the guard will not vet each."""
        if not first_token(self.items[i]).text.lower().startswith("apoc"):
            return
        name, j = dotted_name(self.items, i)
        if name.lower().startswith("apoc.") and _is_group(item_at(self.items, j), "("):
            raise QueryRefused(
                f"refused: function {name} at {first_token(self.items[i]).where()} is an APOC "
                "function; the console refuses every apoc.* call"
            )
