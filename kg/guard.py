"""Decide, by parsing, whether a Cypher query typed into a console is one read-only statement.

This is the first of the console's two locks (the second: the engine account it runs
under can only read, see ``kg.console``). A keyword search would refuse
``WHERE n.text CONTAINS 'CREATE'`` and miss ``/* x */ dEtAcH dElEtE``; instead the query
is tokenized (``kg.cypher_lexer``), nested by bracket, and walked with a small state
machine that knows when a word stands where a clause can start. Types after ``::`` and
``IS TYPED`` and planner hints are read whole (``kg.cypher_syntax``), so that the walk
ends them where the engine does. A write word is taken for a name only where nothing
could have ended before it (after ``AS``, ``.``, ``:``, ``,``, ``=``, a clause keyword
that wants an expression ...); anywhere else it is refused. Whatever the walk cannot
classify is refused too: a false refusal costs a retyped query, a false acceptance could
cost the graph.

Two kinds of error: ``QueryRefused`` names what writes or administers, ``QueryInvalid``
says where the text stops being Cypher (see ``kg.guard_reasons``).

    >>> check_read_only("MATCH (c:Clause) WHERE c.text CONTAINS 'CREATE' RETURN c LIMIT 5;")
    ReadOnlyQuery(text="MATCH (c:Clause) WHERE c.text CONTAINS 'CREATE' RETURN c LIMIT 5", has_limit=True)
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.cypher_lexer import NAME, STRING, SYM, WORD, CypherSyntaxError, Group, Item, Token
from kg.cypher_lexer import dotted_name, first_token, is_name, is_sym, is_word, item_at
from kg.cypher_lexer import last_token, nest, split_statements, tokenize
from kg.cypher_syntax import read_hint, read_type
from kg.errors import QueryInvalid, QueryRefused
from kg.guard_reasons import ADMIN, WRITES, invalid, unexpected, unsafe

# What the previous item leaves the walker expecting.
START = "start"  # the beginning of a query part: a clause keyword
OPERAND = "operand"  # an operand just ended: a clause, an operator or a postfix word
OPERATOR = "operator"  # an operator or clause keyword that wants an operand
PREFIX = "prefix"  # NOT, DISTINCT or CASE: wants an operand, but may itself be a variable
NAME_NEXT = "name-next"  # after ".", ":" or AS: the next word is a name, never a keyword
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

_UNSAFE = WRITES | ADMIN | {"USE", "LOAD"}
_READ_CLAUSES = frozenset(
    {"MATCH", "OPTIONAL", "WHERE", "WITH", "RETURN", "UNWIND", "ORDER", "SKIP", "OFFSET"}
    | {"LIMIT", "UNION", "CALL", "YIELD", "FINISH", "FILTER", "LET", "NEXT", "EXPLAIN", "PROFILE"}
    | {"USING"}
)
# Clause keywords an expression follows: a word right after one is a name, never a clause.
_EXPRESSION_CLAUSES = frozenset(
    {"WHERE", "WITH", "RETURN", "UNWIND", "BY", "SKIP", "OFFSET", "LIMIT", "YIELD", "FILTER", "LET"}
)
# Path-selector words (ANY SHORTEST, REPEATABLE ELEMENTS ...) follow an operand and expect
# another, like the binary operators; only the operators leave no doubt about what follows.
_OPERATORS = frozenset({"AND", "OR", "XOR", "IN", "CONTAINS"})
_INFIX = _OPERATORS | frozenset(
    {"SHORTEST", "GROUP", "GROUPS", "PATH", "PATHS", "WALK", "TRAIL", "ACYCLIC"}
    | {"ELEMENT", "ELEMENTS", "RELATIONSHIP", "RELATIONSHIPS"}
)
_POSTFIX = frozenset({"ASC", "ASCENDING", "DESC", "DESCENDING", "NORMALIZED"})
_ALL_WORDS = _UNSAFE | _READ_CLAUSES
# Symbols after which no reading of the query can have ended an expression.
_WANTS_OPERAND = frozenset({",", "=", "<>", "!=", "<=", ">=", "=~", "+=", "<", ">", "-", "/"})
_WANTS_OPERAND |= {"%", "^", "|", ".."}
_NORMAL_FORMS = ("NFC", "NFD", "NFKC", "NFKD")


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
    """Return ``query`` as a ReadOnlyQuery, or raise QueryRefused / QueryInvalid saying why.

        >>> check_read_only("MATCH (n) DETACH DELETE n")
        Traceback (most recent call last):
        ...
        kg.errors.QueryRefused: refused: the query writes (DETACH DELETE at line 1, column 11); the console is read-only
    """
    try:
        tokens = tokenize(query)
        statements = [s for s in split_statements(nest(tokens)) if s]
    except CypherSyntaxError as exc:
        raise invalid(exc, query) from None
    if not statements:
        raise QueryInvalid("invalid query: it is empty; type one such as MATCH (n) RETURN n LIMIT 5")
    if len(statements) > 1:
        raise QueryRefused(f"refused: {len(statements)} statements; send one at a time")
    items = statements[0]
    walker = _Walker(items, "statement")
    try:
        walker.run()
    except CypherSyntaxError as exc:
        raise invalid(CypherSyntaxError(str(exc), tokens), query) from None
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
    ``name_ok`` says whether the previous item leaves no doubt that an operand follows:
    only then may a write word be a variable's name.
    """

    def __init__(self, items: list[Item], mode: str) -> None:
        self.items, self.mode = items, mode  # statement | subquery | group | map
        self.clauses = mode in ("statement", "subquery")  # can a clause start in here?
        self.role = START if self.clauses else OPERATOR
        self.name_ok = not self.clauses
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
            self.entry_start, self.role, self.name_ok = False, OPERATOR, True
            return i + 2
        self.entry_start = False
        if self.role == START and self.mode == "statement" and not is_word(item, *_ALL_WORDS):
            raise unexpected(first_token(item))
        if isinstance(item, Group):
            self.group(item)
        elif item.kind == SYM:
            return self.symbol(item, i)
        elif item.kind == WORD:
            return self.word(item, i)
        else:
            if item.kind == NAME and self.role != NAME_NEXT:
                self.check_function(i)
            self.role, self.name_ok = OPERAND, False
        return i + 1

    def group(self, group: Group) -> None:
        if group.kind == "{" and not _is_map(group.items):
            _Walker(group.items, "subquery").run()
        else:
            _Walker(group.items, "map" if group.kind == "{" else "group").run()
        self.role, self.name_ok = OPERAND, not self.clauses

    def symbol(self, tok: Token, i: int) -> int:
        self.name_ok = not self.clauses or tok.text in _WANTS_OPERAND
        if tok.text == ";":
            raise CypherSyntaxError(f"';' inside brackets at {tok.where()}; send one statement", [])
        if tok.text == "::":  # a type predicate: read the whole type, then an operator
            self.role, self.name_ok = OPERAND, not self.clauses
            return read_type(self.items, i + 1)
        if tok.text in (".", ":"):
            self.role = NAME_NEXT
        elif self.role == OPERAND and tok.text in ("*", "+"):
            # "a * b" wants an operand, but "MATCH ((a)-->(b))+ RETURN a" ends a pattern
            self.role = EITHER
        elif self.role != OPERAND and tok.text in ("*", "%"):
            self.role = OPERAND  # "RETURN *", "[*]", "{.*}", ":%" are whole operands
        else:
            self.role = OPERATOR
            self.entry_start = tok.text == "," and self.mode == "map"
        return i + 1

    def word(self, tok: Token, i: int) -> int:
        upper = tok.upper
        if self.role == NAME_NEXT:  # a property key, label, type or alias
            self.role, self.name_ok = OPERAND, not self.clauses
            return i + 1
        if self.case_depth and upper in ("WHEN", "THEN", "ELSE", "END"):
            # PREFIX, not OPERATOR: should CASE have been a variable, refuse what follows
            self.case_depth -= upper == "END"
            self.role = OPERAND if upper == "END" else PREFIX
            self.name_ok = not self.clauses
            return i + 1
        starts_part = self.role == START and (self.mode == "statement" or upper in _ALL_WORDS)
        if self.role == OPERAND or starts_part or (self.role == EITHER and upper in _ALL_WORDS):
            return self.clause_word(tok, i)
        return self.operand_word(tok, i)

    def operand_word(self, tok: Token, i: int) -> int:
        """A word where an operand is expected: a name, unless NOT, DISTINCT or CASE."""
        doubt = self.role == PREFIX or not self.name_ok
        self.role, self.name_ok = OPERAND, not self.clauses
        if tok.upper in ("NOT", "DISTINCT", "CASE"):
            self.case_depth += tok.upper == "CASE"
            self.role = PREFIX
            return i + 1
        # "WITH distinct CREATE (n)" or "x :: INTEGER! CREATE (n)" may read as a variable
        # then CREATE, or as a clause: refuse the doubt.
        if doubt and tok.upper in _UNSAFE:
            raise unsafe(self.items, i)
        self.check_function(i)
        return i + 1

    def clause_word(self, tok: Token, i: int) -> int:
        """A word right after an operand: an operator, a postfix word or a clause keyword."""
        upper, after, came_from = tok.upper, item_at(self.items, i + 1), self.role
        self.name_ok = not self.clauses
        if came_from == OPERAND:
            if upper in ("STARTS", "ENDS") and is_word(after, "WITH"):
                self.role, self.name_ok = OPERATOR, True
                return i + 2
            if upper == "IS":
                return self.is_predicate(i)
            if upper == "AS":
                self.role = NAME_NEXT
                return i + 1
            if upper in _INFIX or upper in _POSTFIX:
                self.role = OPERATOR if upper in _INFIX else OPERAND
                self.name_ok = self.name_ok or upper in _OPERATORS
                return i + 1
        if upper in _UNSAFE:
            raise unsafe(self.items, i)
        if not self.clauses:
            if upper != "WHERE":  # "(n WHERE ..)" and "[x IN l WHERE ..]"
                raise unexpected(tok)
            self.role, self.name_ok = OPERATOR, True
            return i + 1
        if upper not in _READ_CLAUSES:
            raise unexpected(tok)
        return self.clause(tok, i, came_from)

    def is_predicate(self, i: int) -> int:
        """``IS [NOT] NULL``, ``IS [NOT] TYPED t``, ``IS [NOT] :: t``,
        ``IS [NOT] [NFC ..] NORMALIZED``, or ``IS Label``."""
        j = i + 2 if is_word(item_at(self.items, i + 1), "NOT") else i + 1
        nxt = item_at(self.items, j)
        self.role = OPERAND
        if is_word(nxt, "TYPED") or is_sym(nxt, "::"):
            return read_type(self.items, j + 1)
        if is_word(nxt, "NULL", "NORMALIZED"):
            return j + 1
        if is_word(nxt, *_NORMAL_FORMS) and is_word(item_at(self.items, j + 1), "NORMALIZED"):
            return j + 2
        self.role = OPERATOR  # "n IS Person": a label expression follows
        return j

    def clause(self, tok: Token, i: int, came_from: str) -> int:
        """A read clause keyword in a statement or subquery."""
        upper, after = tok.upper, item_at(self.items, i + 1)
        self.role = OPERATOR
        # After "a * RETURN" the engine may have read RETURN as a variable: no name follows.
        self.name_ok = upper in _EXPRESSION_CLAUSES and came_from != EITHER
        if upper in ("EXPLAIN", "PROFILE"):
            if self.mode != "statement" or i != 0:
                raise unexpected(tok)
            self.role = START
        elif upper == "OPTIONAL":
            if is_word(after, "CALL"):
                return self.call(i + 1)
            if not is_word(after, "MATCH"):
                raise unexpected(tok)
            return i + 2
        elif upper == "ORDER":
            if not is_word(after, "BY"):
                raise unexpected(tok)
            self.name_ok = came_from != EITHER
            return i + 2
        elif upper == "USING":
            return self.hint(tok, i, came_from)
        elif upper == "CALL":
            return self.call(i)
        elif upper in ("UNION", "NEXT", "FINISH"):
            return self.new_part(upper, i)
        elif upper == "RETURN":
            self.parts[-1] = _Part(returned=True)
        elif upper == "LIMIT" and self.parts[-1].returned:
            self.parts[-1].limited = True
        return i + 1

    def hint(self, tok: Token, i: int, came_from: str) -> int:
        """``USING INDEX ..``, ``USING SCAN ..``, ``USING JOIN ON ..`` after a MATCH."""
        if is_word(item_at(self.items, i + 1), "PERIODIC"):
            raise QueryRefused(
                f"refused: USING PERIODIC COMMIT at {tok.where()} batches writes; "
                "the console is read-only"
            )
        if came_from != OPERAND:
            raise unexpected(tok)
        self.role, self.name_ok = OPERAND, False
        return read_hint(self.items, i + 1)

    def new_part(self, upper: str, i: int) -> int:
        """UNION starts a branch; NEXT replaces the part before it; FINISH ends the query."""
        self.role, self.name_ok = START, False
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
        self.role, self.name_ok = OPERAND, False
        if _is_group(after, "{"):
            return self.call_subquery(tok, i + 1)
        if _is_group(after, "(") and _is_group(then, "{"):
            _Walker(after.items, "group").run()
            return self.call_subquery(tok, i + 2)
        if not is_name(after):
            raise CypherSyntaxError(
                f"cannot tell what CALL at {tok.where()} calls; "
                "write CALL db.labels() or CALL { MATCH ... RETURN ... }", []
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
