"""Split a body held on one long line (a portal page copied as text) at its own structure.

A plan of thousands of characters on a single line still shows where its paragraphs
and numbered parts begin: a paragraph ends with 。！？ followed by spaces (what is left of
the page's indents), and a numbered part starts with its marker — 第一章, 第十条, 一、,
（一）, 1．, （1）, ① — right after a sentence end, a space or a colon. Only markers whose
number is the next one at their rank (or a 1 that starts a list) split: "（三）" after
"（一）" is a cross-reference, not a heading. A marker glued to the text before it splits
when it is the first sub-part under a short title ("一、总体要求（一）指导思想…"), or the
next number of a heading rank (第N章/第N条, 一、, （一）) or after a closing parenthesis.

Lines shorter than ``LONG_LINE`` are never touched: in a normal text the line breaks
are already there.
"""

from __future__ import annotations

import re

from ingest.markers import read_marker

LONG_LINE = 600
# A paragraph ends at 。！？ (or a colon: an addressee line) followed by spaces, and at
# spaces between two Chinese words — inside a paragraph spaces only sit next to Latin
# letters and digits ("5G 基站"), so spaces between Chinese are what is left of a break.
_PARAGRAPH_END = re.compile(
    r"(?<=[。！？!?：:])[”’」』）)]?\s+(?=\S)"
    r"|(?<=[\u4e00-\u9fff”」』）)])\s+(?=[\u4e00-\u9fff“「『（(《])"
)
_MARKER_START = re.compile(
    r"第\s*[一二三四五六七八九十百零〇两\d]{1,6}\s*[章节条]"
    r"|[一二三四五六七八九十]{1,3}\s*、"
    r"|[（(]\s*[一二三四五六七八九十]{1,3}\s*[）)]"
    r"|[（(]\s*\d{1,2}\s*[）)]"
    r"|(?<![\d.．])\d{1,2}\s*[.．、](?!\d)"
    r"|[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]"
)
_SEPARATED = re.compile(r"(?:^|[\s。！？；：!?;:]|[。！？；][”’」』）)])$")
_AFTER_PARENTHESIS = re.compile(r"[）)]$")  # "…（责任单位：市工信局）2．": the next item
_REFERENCE_BEFORE = re.compile(r"[按依据照见于和及与或至第、]$")
# A sentence or clause end, then what may be an item marker.
# A sentence end, or the note closing a sentence (「…给予扶持。（责任单位：市科技局）」), before the next item.
_NEXT_AFTER_END = re.compile(r"(?:[；;。]|[；;。]\s*[（(][^（()）]{2,80}[）)])"
                             r"(?=\s*(?:[（(]\s*[一二三四五六七八九十\d]|\d{1,2}\s*[.．、]|[①-⑳]))")
_GLUED_RANK = 2  # ranks up to （一） may follow a title directly
_TITLE_MAX = 40  # a title is this short: a sub-part glued to it may open


def split_long_lines(lines: list[str]) -> list[str]:
    """``lines`` with each line over ``LONG_LINE`` characters split at its structure, and
    shorter ones where two items of a list were merged (``split_merged_items``)."""
    out: list[str] = []
    for line in lines:
        if len(line.strip()) < LONG_LINE:
            out.extend(split_merged_items(line))
            continue
        pieces = []
        for paragraph in _PARAGRAPH_END.split(line.strip()):
            pieces.extend(_split_markers(paragraph))
        out.extend(pieces)
    return out


def split_merged_items(line: str) -> list[str]:
    """A line that starts with a numbered item and holds the next item of the same rank
    right after a sentence or clause end ("（六）…的信息；（七）人民法院…") is split there: a
    page that lost a paragraph break. A successor number after ；or 。 is an item, not a
    reference, which would be introduced by 第 or 按照 and carry no 。/； before it."""
    first = read_marker(line.strip())
    if first is None or first.kind != "number" or not _NEXT_AFTER_END.search(line):
        return [line]
    text = line.strip()
    cuts, number = [], first.number
    for m in _NEXT_AFTER_END.finditer(text):
        marker = read_marker(text[m.end():])
        if marker is not None and marker.kind == "number" and marker.rank == first.rank \
                and marker.number == number + 1:
            cuts.append(m.end())
            number = marker.number
    if not cuts:
        return [line]
    bounds = [0, *cuts, len(text)]
    return [text[a:b].strip() for a, b in zip(bounds, bounds[1:])]


def _split_markers(text: str) -> list[str]:
    cuts: list[int] = []
    last: dict[float, int] = {}
    previous_rank = None
    for m in _MARKER_START.finditer(text):
        marker = read_marker(text[m.start():])
        if marker is None or marker.kind != "number":
            continue
        if m.start() == 0:
            last[marker.rank], previous_rank = marker.number, marker.rank
            continue
        before = text[:m.start()]
        if not _splits(marker, before, last, previous_rank, m.start() - (cuts[-1] if cuts else 0)):
            continue
        last[marker.rank], previous_rank = marker.number, marker.rank
        cuts.append(m.start())
    bounds = [0, *cuts, len(text)]
    return [text[a:b].strip() for a, b in zip(bounds, bounds[1:]) if text[a:b].strip()]


def _splits(marker, before: str, last: dict[float, int], previous_rank: float | None,  # type: ignore[no-untyped-def]
            since_cut: int) -> bool:
    """Whether ``marker`` (found after ``before``) opens a new part."""
    previous = last.get(marker.rank)
    follows = previous is not None and marker.number == previous + 1
    if _SEPARATED.search(before[-2:]):
        return follows or marker.number == 1
    if _REFERENCE_BEFORE.search(before):
        return False
    # Glued to the text before: the first sub-part right under a title ("一、总体要求
    # （一）指导思想", "（一）夯实基础1．加快…"), or the next number after a heading rank
    # or after a closing parenthesis.
    opens_sub = (marker.number == 1 and since_cut <= _TITLE_MAX and previous_rank is not None
                 and previous_rank < marker.rank)
    return opens_sub or (follows and (marker.rank <= _GLUED_RANK or bool(_AFTER_PARENTHESIS.search(before))))
