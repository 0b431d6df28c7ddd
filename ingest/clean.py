"""Repair extraction damage: raw text → ``CleanText`` (blocks in reading order).

Each repair is a small pass, composed in ``clean``:

1. ``normalise``: BOM, line ends, full-width and non-breaking spaces (nothing else is
   rewritten: "2972 亿元" and "5G 基站" stay as printed), tab-separated and one-cell-per-line
   tables (``ingest.celllines``) as markdown rows; then ``ingest.spacing``
   repairs spaces a PDF copy put inside numbers and words ("第 1 0 条"), and
   ``ingest.inline`` splits a body held on one long line at its paragraphs and numbering;
2. ``ingest.webpage.strip_page``: site chrome, navigation, table of contents, footer —
   the page's metadata lines are kept as ``header_fields``;
3. ``ingest.frontmatter.split_front_matter``: cover letter, signature, 抄送 footer —
   kept as ``front_matter`` for ``ingest.metadata``;
4. ``ingest.footnotes.lift_footnotes``: footnote bodies out, "[注N]" in, page numbers out;
5. ``ingest.reflow.reflow``: lines rejoined into paragraphs, headings, captions, tables;
6. ``tidy``: markdown emphasis and links, spaces next to CJK punctuation, decimals
   broken by extraction ("7. 2" → "7.2"), letter-spaced words ("前  言" → "前言");
7. a paragraph a short line cut mid-sentence is rejoined with the next one;
8. table captions attached and tables split by a blank line merged.

>>> cleaned = clean(Path("seeds/000_f35491fae98ad5ee.txt").read_text())
>>> cleaned.footnotes[0]
(1, '数字经济产业：根据党中央、国务院…')
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from ingest.blocks import Block, Table
from ingest.celllines import rejoin_cell_lines
from ingest.footnotes import lift_footnotes
from ingest.frontmatter import split_front_matter
from ingest.inline import split_long_lines
from ingest.glyphs import repair_glyphs
from ingest.markers import read_marker
from ingest.reflow import display_width, ends_sentence, join_text, measure_layout, reflow
from ingest.spacing import repair_spacing
from ingest.tables import merge_tables, render_rows, same_shape
from ingest.webpage import split_breadcrumbs, strip_page

logger = logging.getLogger(__name__)

_INVISIBLE = re.compile("[\u200b\u200c\u200d\ufeff]")
_WIDE_SPACES = re.compile("[\u3000\xa0\t\u2002\u2003]")
_MD_ESCAPE = re.compile(r"\\([\[\]()*_#|\\-])")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MD_HEADING = re.compile(r"^#{1,6}\s+")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([，。、；：！？）》」』”’])")
_SPACE_AFTER_PUNCT = re.compile(r"([，。、；：！？（《「『“‘])\s+")
_SPACED_WORD = re.compile(r"^(?:[\u4e00-\u9fff]\s+){1,5}[\u4e00-\u9fff]$")
_BROKEN_DECIMAL = re.compile(r"(?<=\d)\. (?=\d)")
_CAPTION_MAX = 40
_PAGE_WIDTH = 100  # display columns: a longer line is no printed line but a paragraph
_LONG_LINES = 3
_LONE_BAR = re.compile(r"^([^|]*\S)\s*\|\s*$")  # "专栏1 光伏重大工程 |": a converter's stray cell bar


@dataclass(frozen=True)
class CleanText:
    """A document's text after repair, ready for segmentation and metadata reading."""

    blocks: tuple[Block, ...]
    footnotes: tuple[tuple[int, str], ...] = ()
    header_fields: Mapping[str, str] = field(default_factory=dict)
    front_matter: tuple[str, ...] = ()  # cover letter, signature and footer lines
    title: str | None = None  # the title a cover notice names and the body repeats
    notice: str | None = None  # the wrapping notice's own title
    attached: tuple[str, ...] = ()  # titles of further plans the notice attaches
    warnings: tuple[str, ...] = ()
    source_lines: tuple[str, ...] = ()  # the text as lines, before anything was dropped
    # Web and word-processor text keeps a paragraph on one line, so a new block is a new
    # paragraph; a PDF's wrapped lines make block ends guesses.
    reliable_paragraphs: bool = False
    removed: tuple[tuple[str, str], ...] = ()  # (reason, line) for each line dropped

    @property
    def lines(self) -> tuple[str, ...]:
        """Each block's text, in reading order."""
        return tuple(block.text for block in self.blocks)


def clean(text: str, *, paragraph_lines: bool = False) -> CleanText:
    """Repair ``text`` and split it into blocks; see the module docstring for the passes.
    ``paragraph_lines``: the loader knows each line is a paragraph (HTML, DOCX)."""
    source = split_breadcrumbs(split_long_lines(repair_spacing(normalise(text))))
    page = strip_page(source)
    front = split_front_matter(page.lines, page.fields, page.dropped)
    lifted = lift_footnotes(front.lines)
    layout = measure_layout(lifted.lines)
    blocks = [_tidy_block(block) for block in reflow(lifted.lines, layout)]
    # A block of nothing but punctuation ("-", "*") is what is left of markup.
    blocks = _merge_broken(block for block in blocks if block.table or re.search(r"\w", block.text))
    blocks = _attach_tables(blocks)
    warnings = []
    unmarked = sorted(set(lifted.footnotes) - _referenced(blocks))
    if unmarked:
        warnings.append(f"footnotes without a marker in the text: {unmarked}")
    logger.debug("cleaned: %d blocks, %d footnotes, %d page numbers dropped, %d lines of "
                 "front matter", len(blocks), len(lifted.footnotes), lifted.page_numbers,
                 len(page.dropped) + len(front.front))
    return CleanText(
        blocks=tuple(blocks),
        footnotes=tuple(sorted(lifted.footnotes.items())),
        header_fields=dict(page.fields),
        front_matter=tuple(page.dropped + front.front),
        title=front.title,
        notice=front.notice,
        attached=tuple(front.attached),
        warnings=tuple(warnings),
        source_lines=tuple(source),
        reliable_paragraphs=paragraph_lines or _whole_paragraph_lines(lifted.lines, layout),
        removed=tuple(page.removed + [("front matter", line) for line in front.front]),
    )


def _whole_paragraph_lines(lines: list[str], layout) -> bool:  # type: ignore[no-untyped-def]
    """Whether each line holds a whole paragraph: no wrap width, and several lines longer
    than any page is wide (a short fragment gives no such evidence)."""
    if layout.wrap_width is not None or layout.trailing_space_ends:
        return False
    return sum(1 for line in lines if len(line) > _PAGE_WIDTH // 2 and
               display_width(line.strip()) > _PAGE_WIDTH) >= _LONG_LINES


def normalise(text: str) -> list[str]:
    """Text as lines: no BOM or zero-width characters, punctuation a PDF font mapped to Yi
    syllables restored (``ingest.glyphs``), "\\n" line ends, plain spaces, no
    stray table bar at the end of a line that is no table row."""
    text = repair_glyphs(_INVISIBLE.sub("", text))
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    lines = rejoin_cell_lines(_tab_tables(text.split("\n")))
    return [_LONE_BAR.sub(r"\1", line) for line in _WIDE_SPACES.sub(" ", "\n".join(lines)).split("\n")]


def _tab_tables(lines: list[str]) -> list[str]:
    """Runs of tab-separated rows as markdown tables, the first row their header."""
    out: list[str] = []
    in_table = False
    for line in lines:
        row = _tab_row(line)
        if row is line:
            in_table = False
            out.append(line)
            continue
        out.append(row)
        if not in_table:
            out.append("|" + "---|" * (row.count("|") - 1))
        in_table = True
    return out


def _tab_row(line: str) -> str:
    """A row copied from a spreadsheet or a Word table ("1\t建设…\t市工信局\t2023年底前")
    as a markdown table row, so it is read as a table and not as text."""
    cells = [cell.strip() for cell in line.strip().split("\t")]
    if len(cells) < 3 or sum(1 for cell in cells if cell) < 3:
        return line
    return "| " + " | ".join(cells) + " |"


def tidy(text: str) -> str:
    """Remove markdown syntax and spaces extraction put next to CJK punctuation."""
    text = _MD_HEADING.sub("", text.strip()).replace("**", "")
    text = _MD_LINK.sub(r"\1", _MD_ESCAPE.sub(r"\1", text))
    text = re.sub(r" {2,}", " ", text)
    text = _SPACE_AFTER_PUNCT.sub(r"\1", _SPACE_BEFORE_PUNCT.sub(r"\1", text))
    if _SPACED_WORD.match(text):
        text = re.sub(r"\s+", "", text)
    # "7. 2×1018": a decimal point the PDF followed with a space; never at the block
    # start, where "7. " may be a real marker.
    return text[:1] + _BROKEN_DECIMAL.sub(".", text[1:])


def _tidy_block(block: Block) -> Block:
    if block.table is not None:
        return block
    return replace(block, text=tidy(block.text))


def _merge_broken(blocks) -> list[Block]:
    """Rejoin a paragraph that a short line ended mid-sentence with the one after it."""
    out: list[Block] = []
    for block in blocks:
        previous = out[-1] if out else None
        if (
            previous is not None
            and previous.kind == block.kind == "paragraph"
            and not ends_sentence(previous.text)
            and read_marker(block.text) is None
        ):
            out[-1] = replace(previous, text=join_text(previous.text, block.text))
            continue
        out.append(block)
    return out


def _attach_tables(blocks: list[Block]) -> list[Block]:
    """Give each table the short title line above it; merge a table split in two."""
    out: list[Block] = []
    for block in blocks:
        if block.table is None:
            out.append(block)
            continue
        table = block.table
        if out and out[-1].table is not None and same_shape(out[-1].table, table):
            table = merge_tables(out.pop().table, table)
        elif out and _is_caption_for_table(out[-1]):
            table = replace(table, caption=out.pop().text)
        out.append(_table_block(table))
    return out


def _is_caption_for_table(block: Block) -> bool:
    text = block.text
    return (
        block.kind in ("heading", "paragraph", "caption")
        and len(text) <= _CAPTION_MAX
        and not ends_sentence(text)
        and read_marker(text) is None
    )


def _table_block(table: Table) -> Block:
    rows = "\n".join(row.text for row in render_rows(table))
    text = f"{table.caption}\n{rows}" if table.caption else rows
    return Block("table", text, table)


def _referenced(blocks: list[Block]) -> set[int]:
    found: set[int] = set()
    for block in blocks:
        found.update(int(n) for n in re.findall(r"\[注(\d+)\]", block.text))
    return found
