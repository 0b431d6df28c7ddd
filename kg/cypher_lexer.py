"""Tokenize Cypher and nest the tokens by bracket, for the read-only guard in ``kg.guard``.

The lexer is deliberately strict: whatever it cannot read with certainty (an unknown
character, a number running into a name, an unterminated string) is a ``CypherSyntaxError``
rather than a guess, because a guess that differs from the engine's reading could hide a
clause. The error keeps the tokens read before it and the text after it, so that the
guard can still tell a disguised write from a typo.

    >>> [t.text for t in tokenize("MATCH (n) // hi\\nRETURN n.`x`")]
    ['MATCH', '(', 'n', ')', 'RETURN', 'n', '.', 'x']
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Union

WORD, NAME, STRING, NUMBER, PARAM, SYM = "word", "name", "string", "number", "param", "sym"

# Longest first, so that "<>" is not read as "<" then ">".
_SYMBOLS = ("::", "..", "<>", "<=", ">=", "=~", "+=", "!=", "||", "->", "<-", "--") + tuple(
    "()[]{},;.:=<>+-*/%^|&!$"
)
_BY_FIRST = {ch: tuple(sym for sym in _SYMBOLS if sym[0] == ch) for ch in {s[0] for s in _SYMBOLS}}
_OPENERS = {"(": ")", "[": "]", "{": "}"}
MAX_DEPTH = 100
_NUMBER = re.compile(
    r"0[xX][0-9a-fA-F_]+|0[oO][0-7_]+"
    r"|(?:\d[\d_]*)?\.\d[\d_]*(?:[eE][+-]?\d[\d_]*)?"
    r"|\d[\d_]*(?:[eE][+-]?\d[\d_]*)?",
    re.ASCII,
)
_NEWLINE = re.compile(r"\r|\n")
_ODD_BREAK = re.compile("[\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
_DIGITS = "0123456789"  # the engine's numbers are ASCII; "²" or "٣" must not start one
# Invisible characters str.isspace() misses, read as spaces: a keyword split by one becomes
# two unknown words, which the guard refuses, so the choice can only cost a retyped query.
_EXTRA_SPACE = {"\ufeff", "\u180e", "\u200b"}
_SPACES = re.compile(r"[\s\ufeff\u180e\u200b]+")
_WORD_RUN = re.compile(r"\w+")  # the common case of _is_name_part, read at once


class CypherSyntaxError(Exception):
    """Text the lexer, the bracket nesting or the guard cannot read as Cypher.

    ``tokens`` are those read (all of them once lexing is done); ``rest`` is the source
    text after the point the lexer stopped at, unread.
    """

    def __init__(self, message: str, tokens: list[Token], rest: str = "") -> None:
        super().__init__(message)
        self.tokens, self.rest = tokens, rest


@dataclass(frozen=True)
class Token:
    """One lexeme: ``kind`` is one of WORD, NAME (backtick-quoted), STRING, NUMBER, PARAM, SYM."""

    kind: str
    text: str  # for NAME, the unquoted name; otherwise the source text
    start: int
    end: int
    line: int
    col: int

    @property
    def upper(self) -> str:
        """Keywords are case-insensitive; only a bare WORD can be one. Compared after NFKC,
        so that a full-width ＣＲＥＡＴＥ (or a ligature) counts as the keyword it shows."""
        if self.kind != WORD:
            return ""
        return unicodedata.normalize("NFKC", self.text).upper() if not self.text.isascii() \
            else self.text.upper()

    def where(self) -> str:
        return f"line {self.line}, column {self.col}"


@dataclass
class Group:
    """A bracketed run of items: ``open`` and ``close`` are the bracket tokens."""

    open: Token
    items: list[Item] = field(default_factory=list)
    close: Token | None = None

    @property
    def kind(self) -> str:
        return self.open.text


Item = Union[Token, Group]


def _is_digit(ch: str) -> bool:
    return len(ch) == 1 and ch in _DIGITS


def _is_name_start(ch: str) -> bool:
    return ch.isalpha() or ch == "_"


def _is_name_part(ch: str) -> bool:
    # Combining marks and connector punctuation continue a name, as in Java identifiers.
    return ch.isalnum() or ch == "_" or unicodedata.category(ch) in ("Mn", "Mc", "Pc")


class _Lexer:
    def __init__(self, source: str) -> None:
        self.src = source
        self.pos = 0
        self.tokens: list[Token] = []
        self._line_starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", source)]

    def where(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def fail(self, what: str, offset: int, fix: str) -> CypherSyntaxError:
        line, col = self.where(offset)
        message = f"{what} at line {line}, column {col}; {fix}"
        return CypherSyntaxError(message, self.tokens, self.src[offset:])

    def emit(self, kind: str, text: str, start: int) -> None:
        line, col = self.where(start)
        self.tokens.append(Token(kind, text, start, self.pos, line, col))

    def run(self) -> list[Token]:
        while self.pos < len(self.src):
            self.step()
        return self.tokens

    def step(self) -> None:
        ch, start = self.src[self.pos], self.pos
        if ch.isspace() or ch in _EXTRA_SPACE:
            self.pos = _SPACES.match(self.src, start).end()  # type: ignore[union-attr]
        elif self.src.startswith("//", start):
            self.line_comment()
        elif self.src.startswith("/*", start):
            close = self.src.find("*/", start + 2)
            if close < 0:
                raise self.fail("unterminated /* comment starting", start, "close it with */")
            self.pos = close + 2
        elif ch in "'\"":
            self.emit(STRING, self.quoted(ch, escapes=True), start)
        elif ch == "`":
            self.emit(NAME, self.quoted("`", escapes=False), start)
        elif ch == "$":
            self.param()
        elif _is_digit(ch) or (ch == "." and _is_digit(self.src[start + 1 : start + 2])):
            self.number()
        elif _is_name_start(ch):
            self.pos = self.name_end(start)
            self.emit(WORD, self.src[start : self.pos], start)
        else:
            self.symbol()

    def name_end(self, pos: int) -> int:
        while pos < len(self.src):
            run = _WORD_RUN.match(self.src, pos)
            if run:
                pos = run.end()
            elif _is_name_part(self.src[pos]):
                pos += 1
            else:
                break
        return pos

    def line_comment(self) -> None:
        start = self.pos
        newline = _NEWLINE.search(self.src, start)
        self.pos = newline.start() if newline else len(self.src)
        # Engines disagree on whether U+2028 and the like end a // comment; code could
        # hide behind that disagreement, so refuse it.
        odd = _ODD_BREAK.search(self.src, start, self.pos)
        if odd:
            what = f"a // comment holding an unusual line break (U+{ord(odd.group()):04X})"
            raise self.fail(what, start, "end comments with an ordinary newline")

    def quoted(self, quote: str, *, escapes: bool) -> str:
        """Read a quoted run: a string keeps its source text (quotes and backslash escapes
        included); a `name` is unquoted, a doubled backtick standing for one."""
        start, i = self.pos, self.pos + 1
        while i < len(self.src):
            if escapes and self.src[i] == "\\":
                i += 2
            elif self.src[i] != quote:
                i += 1
            elif not escapes and self.src.startswith(quote * 2, i):
                i += 2
            else:
                self.pos = i + 1
                body = self.src[start : self.pos]
                return body if escapes else body[1:-1].replace(quote * 2, quote)
        kind = "string" if escapes else "`quoted name`"
        raise self.fail(f"unterminated {kind} starting", start, f"close it with {quote}")

    def param(self) -> None:
        start = self.pos
        rest = self.src[start + 1 : start + 2]
        if rest == "`":
            self.pos += 1
            self.emit(PARAM, "$" + self.quoted("`", escapes=False), start)
        elif _is_digit(rest):
            # "$1CREATE" is "$1" then "CREATE" to the engine: refuse the ambiguity.
            self.pos = start + 1
            while _is_digit(self.src[self.pos : self.pos + 1]):
                self.pos += 1
            if self.pos < len(self.src) and _is_name_part(self.src[self.pos]):
                raise self.fail("a parameter number runs into a name", start, "add a space")
            self.emit(PARAM, self.src[start : self.pos], start)
        elif rest and _is_name_start(rest):
            self.pos = self.name_end(start + 1)
            self.emit(PARAM, self.src[start : self.pos], start)
        else:  # a bare "$", as in the dynamic label ":$(expr)"
            self.pos += 1
            self.emit(SYM, "$", start)

    def number(self) -> None:
        start = self.pos
        match = _NUMBER.match(self.src, start)
        assert match is not None  # step() only calls us on a digit or ".digit"
        self.pos = match.end()
        # "LIMIT 1CREATE (n)" is "1" then "CREATE" to the engine, and some engines read
        # "1.CREATE" as "1." then "CREATE": refuse both ambiguities.
        rest = self.src[self.pos : self.pos + 2]
        if (rest[:1] and _is_name_part(rest[0])) or (rest[:1] == "." and _is_name_start(rest[1:])):
            raise self.fail("a number runs into a name", start, "add a space between them")
        self.emit(NUMBER, match.group(), start)

    def symbol(self) -> None:
        start = self.pos
        for sym in _BY_FIRST.get(self.src[start], ()):
            if self.src.startswith(sym, start):
                self.pos += len(sym)
                self.emit(SYM, sym, start)
                return
        ch = self.src[start]
        fix = "type ASCII brackets and punctuation outside strings"
        raise self.fail(f"unexpected character {ch!r} (U+{ord(ch):04X})", start, fix)


def tokenize(source: str) -> list[Token]:
    """Split ``source`` into tokens, dropping whitespace and comments."""
    return _Lexer(source).run()


def nest(tokens: list[Token]) -> list[Item]:
    """Nest tokens by bracket; refuse unbalanced brackets, since they defeat the analysis."""
    top: list[Item] = []
    stack: list[Group] = []
    for tok in tokens:
        current = stack[-1].items if stack else top
        if tok.kind == SYM and tok.text in _OPENERS:
            group = Group(tok)
            current.append(group)
            stack.append(group)
            if len(stack) > MAX_DEPTH:  # the walk recurses once per bracket
                raise CypherSyntaxError(
                    f"brackets nested deeper than {MAX_DEPTH} at {tok.where()}", tokens
                )
        elif tok.kind == SYM and tok.text in _OPENERS.values():
            if not stack or _OPENERS[stack[-1].kind] != tok.text:
                raise CypherSyntaxError(
                    f"unbalanced brackets: {tok.text!r} at {tok.where()} closes nothing", tokens
                )
            stack.pop().close = tok
        else:
            current.append(tok)
    if stack:
        opened = stack[-1].open
        raise CypherSyntaxError(
            f"unbalanced brackets: {opened.text!r} at {opened.where()} is never closed", tokens
        )
    return top


def split_statements(items: list[Item]) -> list[list[Item]]:
    """Split top-level items on ";", keeping empty statements (callers count the others)."""
    statements: list[list[Item]] = [[]]
    for item in items:
        if isinstance(item, Token) and item.text == ";" and item.kind == SYM:
            statements.append([])
        else:
            statements[-1].append(item)
    return statements


# Helpers for walking nested items.


def first_token(item: Item) -> Token:
    """The token an item starts with: itself, or a group's opening bracket."""
    return item.open if isinstance(item, Group) else item


def last_token(item: Item) -> Token:
    """The token an item ends with: itself, or a group's closing bracket."""
    if isinstance(item, Group):
        assert item.close is not None  # nest() refuses unclosed groups
        return item.close
    return item


def is_sym(item: Item | None, *texts: str) -> bool:
    return isinstance(item, Token) and item.kind == SYM and item.text in texts


def is_word(item: Item | None, *uppers: str) -> bool:
    """Whether ``item`` is a bare word spelling one of ``uppers``, in any case."""
    return isinstance(item, Token) and item.upper in uppers


def item_at(items: list[Item], i: int) -> Item | None:
    return items[i] if i < len(items) else None


def is_name(item: Item | None) -> bool:
    """Whether ``item`` is a bare word or a `quoted` name."""
    return isinstance(item, Token) and item.kind in (WORD, NAME)


def dotted_name(items: list[Item], i: int) -> tuple[str, int]:
    """Read the name ``a.b.c`` starting at ``items[i]``; return it and the index after it."""
    parts, j = [first_token(items[i]).text], i + 1
    while is_sym(item_at(items, j), ".") and is_name(item_at(items, j + 1)):
        parts.append(first_token(items[j + 1]).text)
        j += 2
    return ".".join(parts), j
