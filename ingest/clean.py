"""Repair extraction damage: raw text → ``CleanText`` (blocks in reading order).

Each repair is a small pass, composed in ``clean``:

1. ``normalise``: BOM, line ends, full-width and non-breaking spaces (nothing else is
   rewritten: "2972 亿元" and "5G 基站" stay as printed);
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
from ingest.footnotes import lift_footnotes
from ingest.frontmatter import split_front_matter
from ingest.markers import read_marker
from ingest.reflow import ends_sentence, join_text, reflow
from ingest.tables import merge_tables, render_rows, same_shape
from ingest.webpage import strip_page

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


@dataclass(frozen=True)
class CleanText:
    """A document's text after repair, ready for segmentation and metadata reading."""

    blocks: tuple[Block, ...]
    footnotes: tuple[tuple[int, str], ...] = ()
    header_fields: Mapping[str, str] = field(default_factory=dict)
    front_matter: tuple[str, ...] = ()  # cover letter, signature and footer lines
    title: str | None = None  # the title a cover notice names and the body repeats
    warnings: tuple[str, ...] = ()

    @property
    def lines(self) -> tuple[str, ...]:
        """Each block's text, in reading order."""
        return tuple(block.text for block in self.blocks)


def clean(text: str) -> CleanText:
    """Repair ``text`` and split it into blocks; see the module docstring for the passes."""
    page = strip_page(normalise(text))
    front = split_front_matter(page.lines, page.fields)
    lifted = lift_footnotes(front.lines)
    blocks = [_tidy_block(block) for block in reflow(lifted.lines)]
    blocks = _merge_broken(block for block in blocks if block.text or block.table)
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
        warnings=tuple(warnings),
    )


def normalise(text: str) -> list[str]:
    """Text as lines: no BOM or zero-width characters, "\\n" line ends, plain spaces."""
    text = _INVISIBLE.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    return _WIDE_SPACES.sub(" ", text).split("\n")


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
