"""Character-level helpers shared by the name extractors.

Names are read from a *compact* clause text: spaces removed (PDF extraction puts them
in 京东方 10.5 代线), line breaks kept as sentence breaks, and the inside
of 《…》 titles blanked, because a place named in a cited title is not a place the
clause talks about.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import NamedTuple

from ingest.extract.lexicon import boundary_words

_SPACE = re.compile(r"[^\S\n]+")
_LINES = re.compile(r"\s*\n\s*")
_TITLE = re.compile(r"《[^《》]*》")
# What compact keeps, as runs: everything but spaces, and line breaks one by one.
_KEPT = re.compile(r"[^\s]+|\n")
# Characters a name may be made of besides CJK: model numbers (10.5代线, G6), 5G+, A·B.
_NAME_EXTRA = set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ+·./-"
                  "０１２３４５６７８９")
_OPEN, _CLOSE = "（(", "）)"
_CONJ = "和与及"
HEADS_BEFORE_CONJ = ("中心", "基地", "平台", "实验室", "院", "所", "校", "园", "企业", "公司",
                     "项目", "工程", "集团", "谷", "局", "委", "办", "城", "区", "市", "省")
_PARTS = re.compile(r"[，,；;。：:！!？?\n]")
_SENTENCES = re.compile(r"[^。；;！!？?\n]+")


def compact(text: str) -> str:
    """Clause text without spaces, one newline between its lines (the parser has already
    joined lines broken mid-sentence), and every 《title》 emptied to 《》."""
    return _TITLE.sub("《》", _LINES.sub("\n", _SPACE.sub("", text.strip())))


def compact_map(text: str) -> tuple[str, list[int]]:
    """``compact(text)`` and, for each of its characters, its index in ``text``, so that a
    span found in the compact text can be quoted as printed."""
    # Whole runs of kept characters at a time: a clause is a few runs, and a list of
    # (character, index) pairs per character was the slowest part of agency extraction.
    chars: list[str] = []
    where: list[int] = []
    for m in _KEPT.finditer(text):
        if m.group() == "\n" and (not chars or chars[-1] == "\n"):
            continue  # runs of line breaks become one; none at the start
        chars.append(m.group())
        where.extend(range(m.start(), m.end()))
    while chars and chars[-1] == "\n":  # none at the end
        chars.pop()
        where.pop()
    joined = "".join(chars)
    pieces: list[str] = []
    kept: list[int] = []
    last = 0
    for m in _TITLE.finditer(joined):  # 《title》 → 《》, each bracket where it was printed
        pieces += [joined[last:m.start() + 1], joined[m.end() - 1]]
        kept += where[last:m.start() + 1]
        kept.append(where[m.end() - 1])
        last = m.end()
    pieces.append(joined[last:])
    kept += where[last:]
    return "".join(pieces), kept


def is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch[:1] <= "\u9fff"  # as [\u4e00-\u9fff] matches; called per character


def is_name_char(ch: str) -> bool:
    return is_cjk(ch) or ch in _NAME_EXTRA or ch in _OPEN or ch in _CLOSE


class _Boundaries(NamedTuple):
    words: frozenset[str]
    lengths: tuple[int, ...]  # longest first
    # Walks ask at every character; most characters end (or start) no boundary word.
    last_chars: frozenset[str]
    first_chars: frozenset[str]


@lru_cache(maxsize=None)
def _boundaries() -> _Boundaries:
    words = frozenset(boundary_words())
    return _Boundaries(words, tuple(sorted({len(w) for w in words}, reverse=True)),
                       frozenset(w[-1] for w in words), frozenset(w[0] for w in words))


def ends_with_boundary(text: str, end: int, *, single: bool = True) -> bool:
    """Whether ``text[:end]`` ends with a left-boundary word (a verb, preposition …)."""
    words, lengths, last_chars, _ = _boundaries()
    if end <= len(text) and text[end - 1:end] not in last_chars:
        return False
    return any(text[end - n:end] in words for n in lengths
               if n <= end and (single or n > 1))


def starts_with_boundary(text: str, i: int) -> bool:
    """Whether a boundary word of two or more characters starts at ``text[i]``."""
    words, lengths, _, first_chars = _boundaries()
    if i >= 0 and text[i:i + 1] not in first_chars:
        return False
    return any(text[i:i + n] in words for n in lengths if n > 1)


class Protected:
    """Names a left walk steps over whole, looked up by their last character."""

    def __init__(self, names: Iterable[str] = ()) -> None:
        self._names = {name for name in names if len(name) > 1}
        # Lengths of the names that end in a character, longest first: only one name of
        # each length can end at a position, so the longest is found by a look-up per
        # length, not a comparison per name (a walk asks at every character).
        lengths: dict[str, set[int]] = {}
        for name in self._names:
            lengths.setdefault(name[-1], set()).add(len(name))
        self._lengths = {last: sorted(ns, reverse=True) for last, ns in lengths.items()}

    def ending_at(self, text: str, i: int) -> str | None:
        for n in self._lengths.get(text[i - 1], ()):
            if n <= i and text[i - n:i] in self._names:
                return text[i - n:i]
        return None


NOTHING = Protected()


def walk_left(text: str, end: int, limit: int = 30, protected: Protected = NOTHING) -> int:
    """Start of the name that ends at ``end``: the first boundary word, punctuation
    mark or conjunction after a complete name (A中心和B中心) to the left of ``end``.

    ``protected`` names are stepped over whole, so 华为 and 美的 are not cut at their
    为 and 的.
    """
    i, depth = end, 0
    while i > 0 and end - i < limit:
        ch = text[i - 1]
        known = protected.ending_at(text, i) if depth == 0 else None
        if known:
            i -= len(known)
            continue
        if ch in _CLOSE:
            depth += 1
        elif ch in _OPEN:
            if depth == 0:
                break
            depth -= 1
        elif depth == 0 and (not is_name_char(ch) or ends_with_boundary(text, i)):
            break
        elif depth == 0 and ch in _CONJ and text[:i - 1].endswith(HEADS_BEFORE_CONJ):
            break
        i -= 1
    return i


def split_items(text: str, seps: str = "、") -> list[str]:
    """Split on ``seps`` outside brackets and quotes: 项目（武汉、襄阳）stays one item."""
    items, depth, quoted, start = [], 0, False, 0
    for i, ch in enumerate(text):
        if ch in "（(【[":
            depth += 1
        elif ch in "）)】]":
            depth = max(0, depth - 1)
        elif ch in "“”\"":
            quoted = (ch == "“") if ch != '"' else not quoted
        elif ch in seps and depth == 0 and not quoted:
            items.append(text[start:i])
            start = i + 1
    items.append(text[start:])
    return [item for item in items if item]


def parts(text: str, also: str = "") -> Iterator[tuple[int, str]]:
    """Comma-level pieces of ``text`` with their offsets; ``also``: more separators."""
    start = 0
    separators = re.compile(f"[{re.escape(also)}，,；;。：:！!？?\n]") if also else _PARTS
    for m in separators.finditer(text):
        yield start, text[start:m.start()]
        start = m.end()
    yield start, text[start:]


def sentences(text: str, ends: str = "") -> Iterator[tuple[int, str]]:
    """Sentences of ``text`` with their offsets; ``ends``: the characters that end one
    (default 。；;！!？? and newline)."""
    pattern = re.compile(f"[^{re.escape(ends)}]+") if ends else _SENTENCES
    for m in pattern.finditer(text):
        yield m.start(), m.group()


def strip_quotes(name: str) -> str:
    """“楚才引领计划” → 楚才引领计划, but 武汉航天产业基地“行云”工程 stays."""
    if name.startswith("“") and name.endswith("”") and name.count("“") == 1:
        return name[1:-1]
    return name
