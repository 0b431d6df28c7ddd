"""Rejoin visual lines into paragraphs.

PDF and web extraction break paragraphs in two different ways: a PDF puts every visual
line on a line of its own (often with a blank line after each), a web page keeps a
paragraph on one line but sometimes splits it mid-word. Blank lines therefore carry no
signal; what ends a paragraph is:

* the text so far ends a sentence (。！？；： or a closing bracket after one), unless the
  document marks real paragraph ends with trailing spaces (some PDF extractors do) and
  this line has none;
* the line is heading-like: a short numbered title, a 专栏 title, a caption, a line much
  shorter than the document's wrap width, or a title line at the head of the document;
* the next line starts a structure: a table row, caption, ◆ bullet, 专栏 box, or a
  numbered marker (unless this line is a full-width wrapped line mid-sentence).

Chinese is joined without a space; a space is kept only between two Latin/digit runs.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from dataclasses import dataclass

from ingest.blocks import Block
from ingest.chartable import CharTable
from ingest.markers import read_marker
from ingest.tables import is_table_line, parse_table

TERMINALS = "。！？；：!?;:…"
_CLOSERS = "”’」』）)】》*"
_CONTINUATION_START = "，。、；：！？）》」』”’,.;:!?)%％"
_SENTENCE_PUNCT = re.compile(r"[，。、；：！？,;:!?]")
_CAPTION = re.compile(r"^(图|表)\s*\d+([.．-]\d+)*\s*\S|^(注|资料来源|数据来源)\s*[：:]")
_BOX_TITLE = re.compile(r"^专栏\s*\d+")
_ANNEX_LINE = re.compile(r"^附\s*件\s*\d{0,2}\s*(?:[:：]|$)")  # "附件：考核细则", "附件2"
_MD_HEADING = re.compile(r"^#{1,6}\s+")
_DOCUMENT_TITLE = re.compile(r"(?:规划|方案|计划|意见|纲要|办法|规定|条例|细则|措施|政策|决定|通知)"
                             r"(?:[（(][^（()）]{1,24}[）)])?\**$")
_SPACED_WORD = re.compile(r"^(?:[\u4e00-\u9fff]\s+){1,5}[\u4e00-\u9fff]$")
_CJK_SPACE_CJK = re.compile(r"[\u4e00-\u9fff]\s+[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z0-9%+]")
_HEADING_MAX = 40  # characters after a numbering marker for a title line
_SHORT_SHARE = 0.75  # of the wrap width: a shorter line ends its paragraph
_FULL_SHARE = 0.9
_LONGER = 1.3  # a line this much longer than the wrap width was not wrapped
_LONGER_SHARE = 0.1  # wrapped text has at most this share of such lines


@dataclass(frozen=True)
class Layout:
    """How this document marks paragraph ends, measured from its own lines."""

    trailing_space_ends: bool = False
    wrap_width: float | None = None  # display width of a full line, when lines wrap regularly


# Keeps narrow characters and deletes wide ones (East Asian wide, full-width or ambiguous:
# two columns), so a line's width is read from one ``translate``.
_NARROW = CharTable(lambda ch: None if unicodedata.east_asian_width(ch) in "WFA" else ch)


def display_width(text: str) -> int:
    return 2 * len(text) - len(text.translate(_NARROW))


def ends_sentence(text: str) -> bool:
    """Whether ``text`` ends a sentence, looking through closing quotes and brackets (and
    markdown emphasis: "…负责）**")."""
    text = text.rstrip().rstrip("*_").rstrip()
    if text.endswith(("）", ")")):
        opening = max(text.rfind("（"), text.rfind("("))
        before = text[:opening].rstrip() if opening >= 0 else ""
        if opening <= 0 or not before or before.rstrip(_CLOSERS)[-1:] in TERMINALS:
            return True
    stripped = text.rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in TERMINALS


def measure_layout(lines: list[str]) -> Layout:
    """Detect trailing-space paragraph ends and a regular wrap width."""
    texts = [line for line in lines if line.strip() and not is_table_line(line)]
    terminal = [line for line in texts if ends_sentence(line)]
    spaced = [line for line in terminal if line != line.rstrip()]
    trailing = len(spaced) >= 5 and len(spaced) >= 0.5 * len(terminal)
    widths = [display_width(line.strip()) for line in texts if not ends_sentence(line)]
    widths = [w for w in widths if w >= 20]
    wrap = None
    if len(widths) >= 20:
        median = statistics.median(widths)
        regular = sum(1 for w in widths if 0.85 * median <= w <= 1.15 * median)
        # Wrapped text has hardly a line longer than its wrap width; text with whole
        # paragraphs on a line only has titles of a similar width.
        longer = sum(1 for line in texts if display_width(line.strip()) > _LONGER * median)
        if regular >= 0.6 * len(widths) and longer <= _LONGER_SHARE * len(texts):
            wrap = float(median)
    return Layout(trailing_space_ends=trailing, wrap_width=wrap)


def is_caption(line: str) -> bool:
    return bool(_CAPTION.match(line.strip()))


def join_text(left: str, right: str) -> str:
    """Join two pieces of one paragraph: a space only between two Latin/digit runs."""
    left, right = left.rstrip(), right.strip()
    if left and right and _LATIN.match(left[-1]) and _LATIN.match(right[0]):
        return f"{left} {right}"
    return left + right


def reflow(lines: list[str], layout: Layout | None = None) -> list[Block]:
    """Group ``lines`` into blocks: tables, captions, headings and paragraphs."""
    layout = layout or measure_layout(lines)
    blocks: list[Block] = []
    table_lines: list[str] = []
    current: list[str] = []  # raw lines of the paragraph being built
    seen_punct = False  # title lines at the head of a text stand alone until then
    for raw in lines + [""]:
        line = raw.strip()
        if table_lines and not is_table_line(line):
            blocks.append(_table_block(table_lines))
            table_lines = []
        if not line:
            continue
        if is_table_line(line):
            _flush(current, blocks, layout)
            table_lines.append(line)
            continue
        if current and _ends_block(current, line, layout, head=not seen_punct):
            _flush(current, blocks, layout)
        seen_punct = seen_punct or bool(_SENTENCE_PUNCT.search(line))
        current.append(raw)
    _flush(current, blocks, layout)
    return blocks


def _table_block(lines: list[str]) -> Block:
    table = parse_table(lines)
    return Block("table", "\n".join(lines), table)


def _flush(current: list[str], blocks: list[Block], layout: Layout) -> None:
    if not current:
        return
    text = ""
    for raw in current:
        text = join_text(text, raw)
    blocks.append(Block(_kind(current, text, layout), text))
    current.clear()


def _kind(current: list[str], text: str, layout: Layout) -> str:
    if is_caption(text):
        return "caption"
    if len(current) <= 2 and _is_title_line(text, layout, whole_block=True):
        return "heading"
    return "paragraph"


def _starts_structure(line: str) -> bool:
    """A line that always opens a new block: bullet, box, caption, markdown heading."""
    return bool(
        line[:1] in "◆◇●■▪•"
        or _ANNEX_LINE.match(line)
        or _BOX_TITLE.match(line)
        or is_caption(line)
        or _MD_HEADING.match(line)
    )


def _ends_block(current: list[str], line: str, layout: Layout, *, head: bool) -> bool:
    """Whether the block in ``current`` ends before ``line``."""
    if line[0] in _CONTINUATION_START:
        return False  # "、智能灌溉…" continues whatever came before
    return head or _breaks_after(current, layout) or _breaks_before(current, line, layout)


def _breaks_before(current: list[str], line: str, layout: Layout) -> bool:
    if _starts_structure(line):
        return True
    marker = read_marker(line)
    if marker is None or marker.kind == "bullet":
        return False
    raw = current[-1]
    last = raw.strip()
    if layout.trailing_space_ends and raw == raw.rstrip() and marker.rank > 2:
        return False  # the paragraph has not ended: "…基地；⑤南太子湖创新谷，…"
    mid_sentence = not ends_sentence(last) and _is_full_width(last, layout)
    return not mid_sentence


def _breaks_after(current: list[str], layout: Layout) -> bool:
    raw = current[-1]
    line = raw.strip()
    text = "".join(part.strip() for part in current)
    if _starts_structure(line) and line[:1] not in "◆◇●■▪•":
        return True  # captions, box titles and markdown headings are single lines
    if ends_sentence(text):
        if layout.trailing_space_ends and raw == raw.rstrip():
            return False
        return True
    if len(current) == 1 and _is_title_line(line, layout, whole_block=False):
        return True
    if layout.trailing_space_ends and raw != raw.rstrip() and line[-1] not in "，、,（(“":
        return True
    return _is_short(line, layout) and line[-1] not in "，、,"


def _is_title_line(line: str, layout: Layout, *, whole_block: bool) -> bool:
    """A numbered title, a letter-spaced word, or (in web text) a short unpunctuated line."""
    if _SPACED_WORD.match(line) or _MD_HEADING.match(line) or _BOX_TITLE.match(line):
        return True
    marker = read_marker(line)
    if marker is not None and marker.kind in ("item", "bullet"):
        return False
    if marker is not None and marker.kind == "number":
        rest = marker.rest.rstrip("。")
        titled = len(rest) <= _HEADING_MAX and not re.search(r"[。！？]", rest)
        return titled and (whole_block or not _is_full_width(line, layout))
    if _DOCUMENT_TITLE.search(line) and len(line) <= 80 and not _SENTENCE_PUNCT.search(line):
        return True  # "…关于印发…方案的通知（…〔2023〕5号）": a document's title, however long
    if _SENTENCE_PUNCT.search(line) or len(line) > 30:
        return False
    if layout.wrap_width is None:
        return True
    return bool(_CJK_SPACE_CJK.search(line)) or _is_short(line, layout)


def _is_short(line: str, layout: Layout) -> bool:
    if layout.wrap_width is None:
        return False
    return display_width(line) < _SHORT_SHARE * layout.wrap_width


def _is_full_width(line: str, layout: Layout) -> bool:
    if layout.wrap_width is None:
        return False
    return display_width(line) >= _FULL_SHARE * layout.wrap_width
