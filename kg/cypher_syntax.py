"""Two small pieces of Cypher grammar the read-only guard reads whole: value types and
planner hints.

A type (after ``::``, ``IS TYPED``, ``IS NOT ::`` ...) is made of words the guard would
otherwise take for variables and of ``<``, ``>`` and ``!`` it would take for operators,
so its end would be misread and a clause after it taken for a name. Reading the type to
its end, with only the words a type can hold, leaves the guard expecting an operator,
exactly as the engine does:

    >>> from kg.cypher_lexer import nest, tokenize
    >>> items = nest(tokenize("LIST<INTEGER NOT NULL>! | ZONED DATETIME CREATE"))
    >>> read_type(items, 0)
    10
"""

from __future__ import annotations

from kg.cypher_lexer import CypherSyntaxError, Group, Item, Token, is_name, is_sym, is_word
from kg.cypher_lexer import item_at

# Type names of more than one word, longest first.
_COMPOUND_TYPES = tuple(
    tuple(name.split())
    for name in (
        "TIME WITHOUT TIME ZONE", "TIME WITH TIME ZONE", "TIMESTAMP WITHOUT TIME ZONE",
        "TIMESTAMP WITH TIME ZONE", "TIME WITHOUT TIMEZONE", "TIME WITH TIMEZONE",
        "TIMESTAMP WITHOUT TIMEZONE", "TIMESTAMP WITH TIMEZONE", "ANY PROPERTY VALUE",
        "LOCAL TIME", "LOCAL DATETIME", "ZONED TIME", "ZONED DATETIME", "PROPERTY VALUE",
        "SIGNED INTEGER", "ANY VALUE", "ANY NODE", "ANY VERTEX", "ANY RELATIONSHIP", "ANY EDGE",
        "ANY MAP",
    )
)
_SIMPLE_TYPES = frozenset(
    {"NOTHING", "NULL", "BOOL", "BOOLEAN", "VARCHAR", "STRING", "INT", "INTEGER", "FLOAT"}
    | {"INTEGER8", "INTEGER16", "INTEGER32", "INTEGER64", "INT8", "INT16", "INT32", "INT64"}
    | {"FLOAT32", "FLOAT64", "DATE", "DATETIME", "LOCALDATETIME", "LOCALTIME", "TIME"}
    | {"TIMESTAMP", "DURATION", "POINT", "NODE", "VERTEX", "RELATIONSHIP", "EDGE", "MAP"}
    | {"PATH", "PATHS", "ANY"}
)
_LISTS = ("LIST", "ARRAY")
_INDEX_KINDS = ("TEXT", "RANGE", "POINT", "BTREE", "VECTOR", "FULLTEXT", "LOOKUP")


def _fail(item: Item | None, what: str) -> CypherSyntaxError:
    if isinstance(item, Group):
        item = item.open
    where = f" at {item.where()}" if isinstance(item, Token) else " at the end"
    return CypherSyntaxError(f"{what}{where}", [])


def read_type(items: list[Item], i: int) -> int:
    """Read the type starting at ``items[i]``: parts joined by ``|``; return the index
    after it. Raise CypherSyntaxError when there is no whole type there."""
    i = _read_type_part(items, i)
    while is_sym(item_at(items, i), "|") and _starts_type(item_at(items, i + 1)):
        i = _read_type_part(items, i + 1)
    return i  # a "|" not followed by a type ends a list comprehension: "[x IN l | x]"


def _starts_type(item: Item | None) -> bool:
    return is_word(item, *_SIMPLE_TYPES, *_LISTS, *(words[0] for words in _COMPOUND_TYPES))


def _read_type_part(items: list[Item], i: int) -> int:
    """One type, its nullability and any ``LIST`` / ``ARRAY`` suffixes."""
    i = _read_base_type(items, i)
    while True:
        i = _read_nullability(items, i)
        if not is_word(item_at(items, i), *_LISTS) or is_sym(item_at(items, i + 1), "<"):
            return i
        i += 1  # "INTEGER LIST": a list of the type before


def _read_base_type(items: list[Item], i: int) -> int:
    for words in _COMPOUND_TYPES:
        if all(is_word(item_at(items, i + k), word) for k, word in enumerate(words)):
            i += len(words)
            return _read_generic(items, i) if words == ("ANY", "VALUE") else i
    item = item_at(items, i)
    if is_word(item, *_LISTS):
        if not is_sym(item_at(items, i + 1), "<"):
            raise _fail(item, f"{_text(item)} needs its element type in <...>")
        return _read_generic(items, i + 1)
    if is_word(item, *_SIMPLE_TYPES):
        return _read_generic(items, i + 1) if is_word(item, "ANY") else i + 1
    if isinstance(item, Group):
        raise _fail(item, "a type in brackets is not read by the console; write it without")
    raise _fail(item, "expected a type such as INTEGER, STRING or LIST<FLOAT>")


def _read_generic(items: list[Item], i: int) -> int:
    """An optional ``<type>`` (after ANY, ANY VALUE); a required one after LIST."""
    if not is_sym(item_at(items, i), "<"):
        return i
    i = read_type(items, i + 1)
    if not is_sym(item_at(items, i), ">"):
        raise _fail(item_at(items, i), "expected > closing the type")
    return i + 1


def _read_nullability(items: list[Item], i: int) -> int:
    if is_sym(item_at(items, i), "!"):
        return i + 1
    if is_word(item_at(items, i), "NOT") and is_word(item_at(items, i + 1), "NULL"):
        return i + 2
    return i


def _text(item: Item | None) -> str:
    if isinstance(item, Group):
        return item.open.text
    return item.text if isinstance(item, Token) else ""


def read_hint(items: list[Item], i: int) -> int:
    """Read a planner hint after USING at ``items[i - 1]``; return the index after it.

    ``USING [TEXT|RANGE|POINT ..] INDEX [SEEK] v:Label(key, ..)``, ``USING SCAN v:Label``
    and ``USING JOIN ON v, ..``; anything else (``USING PERIODIC COMMIT``) is not a hint.
    """
    if is_word(item_at(items, i), *_INDEX_KINDS) and is_word(item_at(items, i + 1), "INDEX"):
        i += 1
    if is_word(item_at(items, i), "INDEX"):
        i += 2 if is_word(item_at(items, i + 1), "SEEK") else 1
        i = _read_labelled(items, i)
        keys = item_at(items, i)
        if not isinstance(keys, Group) or keys.kind != "(" or not _names(keys.items):
            raise _fail(keys, "expected the indexed (key, ..) of the USING INDEX hint")
        return i + 1
    if is_word(item_at(items, i), "SCAN"):
        return _read_labelled(items, i + 1)
    if is_word(item_at(items, i), "JOIN") and is_word(item_at(items, i + 1), "ON"):
        i += 2
        while is_name(item_at(items, i)):
            if not is_sym(item_at(items, i + 1), ","):
                return i + 1
            i += 2
        raise _fail(item_at(items, i), "expected a variable in the USING JOIN ON hint")
    raise _fail(item_at(items, i), "expected INDEX, SCAN or JOIN ON after USING")


def _read_labelled(items: list[Item], i: int) -> int:
    """``variable:Label`` (or ``:TYPE``) as a hint names it."""
    if not (is_name(item_at(items, i)) and is_sym(item_at(items, i + 1), ":")
            and is_name(item_at(items, i + 2))):
        raise _fail(item_at(items, i), "expected variable:Label in the USING hint")
    return i + 3


def _names(items: list[Item]) -> bool:
    """``a, b`` or ``a.b``-free key lists: names separated by commas."""
    expect_name = True
    for item in items:
        ok = is_name(item) if expect_name else is_sym(item, ",")
        if not ok:
            return False
        expect_name = not expect_name
    return bool(items) and not expect_name
