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

from ingest.extract.lexicon import boundary_words

_SPACE = re.compile(r"[^\S\n]+")
_LINES = re.compile(r"\s*\n\s*")
_TITLE = re.compile(r"《[^《》]*》")
_CJK = re.compile(r"[\u4e00-\u9fff]")
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
    kept = [(ch, i) for i, ch in enumerate(text) if not (ch.isspace() and ch != "\n")]
    out: list[tuple[str, int]] = []
    for ch, i in kept:  # runs of line breaks become one; none at either end
        if ch == "\n" and (not out or out[-1][0] == "\n"):
            continue
        out.append((ch, i))
    while out and out[-1][0] == "\n":
        out.pop()
    joined = "".join(ch for ch, _ in out)
    blanked: list[tuple[str, int]] = []
    last = 0
    for m in _TITLE.finditer(joined):
        blanked += out[last:m.start() + 1] + [out[m.end() - 1]]
        last = m.end()
    blanked += out[last:]
    return "".join(ch for ch, _ in blanked), [i for _, i in blanked]


def is_cjk(ch: str) -> bool:
    return bool(_CJK.match(ch))


def is_name_char(ch: str) -> bool:
    return is_cjk(ch) or ch in _NAME_EXTRA or ch in _OPEN or ch in _CLOSE


@lru_cache(maxsize=None)
def _boundaries() -> tuple[frozenset[str], tuple[int, ...]]:
    words = frozenset(boundary_words())
    return words, tuple(sorted({len(w) for w in words}, reverse=True))


def ends_with_boundary(text: str, end: int, *, single: bool = True) -> bool:
    """Whether ``text[:end]`` ends with a left-boundary word (a verb, preposition …)."""
    words, lengths = _boundaries()
    return any(text[end - n:end] in words for n in lengths
               if n <= end and (single or n > 1))


def starts_with_boundary(text: str, i: int) -> bool:
    """Whether a boundary word of two or more characters starts at ``text[i]``."""
    words, lengths = _boundaries()
    return any(text[i:i + n] in words for n in lengths if n > 1)


class Protected:
    """Names a left walk steps over whole, looked up by their last character."""

    def __init__(self, names: Iterable[str] = ()) -> None:
        self._by_last: dict[str, list[str]] = {}
        for name in sorted(set(names), key=len, reverse=True):
            if len(name) > 1:
                self._by_last.setdefault(name[-1], []).append(name)

    def ending_at(self, text: str, i: int) -> str | None:
        for name in self._by_last.get(text[i - 1], ()):
            if text.startswith(name, i - len(name)):
                return name
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
