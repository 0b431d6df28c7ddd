"""Markdown tables: parse the cells, then render each data row as one citable text.

Two shapes occur in plans converted from web pages:

* a named table ("| | 指 标 | 单 位 | 目 标 |"): unnamed columns are categories whose
  blank cells carry down from the row above; a row renders as
  "总体｜指标：数字经济核心产业增加值；单位：亿元；目标：≥6000";
* a headerless table ("| | |"): the first cell names the row, the others describe it
  ("光电子信息产业：巩固…"); a row whose first cell is blank continues the row above.

HTML inside cells (<p>, <br>) is stripped. Ragged rows are padded, never fatal; in a named
table a short row's cells are first placed under their columns (``ingest.tablealign``).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from ingest.blocks import Table
from ingest.tablealign import align_rows

_SEPARATOR_CELL = re.compile(r"^\s*:?-{2,}:?\s*$")
_TAG = re.compile(r"<[^>]+>")
_BREAK_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\u3000\xa0]+")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_CJK_STOPS = "。；！？，、：;:"
_SPACE_AFTER_STOP = re.compile(r"([。；！？，、：])\s+")
_HEADER_WORD = re.compile(r"^(?:序号|类别|指标|单位|名称|项目|内容|任务|时限|时间|目标|属性|备注|年份|分值|增速"
                          r"|牵头单位|责任单位|配合单位|完成时限|考核内容|评分标准|指标名称|\d{4}年?)$")


@dataclass(frozen=True)
class Row:
    """One logical table row: the name a reader would cite and its full text."""

    heading: str
    text: str


def is_table_line(line: str) -> bool:
    """A markdown table row: "| a | b |", or a row an HTML converter left without its
    leading bar ("a | b | c |")."""
    text = line.strip()
    return text.startswith("|") or (text.endswith("|") and text.count("|") >= 3)


def clean_cell(cell: str) -> str:
    """Cell text without HTML, markdown emphasis or runs of spaces; <br> separates."""
    lines = [_clean_fragment(part) for part in _BREAK_TAG.split(cell)]
    text = ""
    for line in filter(None, lines):
        text = f"{text}{line}" if not text or text[-1] in _CJK_STOPS else f"{text}；{line}"
    return text


def _clean_fragment(cell: str) -> str:
    cell = html.unescape(_TAG.sub("", cell)).replace("**", "").replace("\\|", "|")
    return _SPACE_AFTER_STOP.sub(r"\1", _SPACES.sub(" ", cell)).strip()


def parse_table(lines: list[str]) -> Table:
    """Parse markdown table lines; a header exists when a separator row follows row one."""
    rows = [_split(line) for line in lines if line.strip()]
    separators = [all(_SEPARATOR_CELL.match(c) for c in row if c) and any(row) for row in rows]
    header: list[str] = []
    named = len(rows) > 1 and separators[1] and not separators[0]
    if named or (len(rows) > 1 and _looks_like_header(rows[0])):
        header = [_header_cell(c) for c in rows[0]]
        rows, separators = rows[1:], separators[1:]
    # An empty header row a converter left above the real one (「|  |  |」, separator, names).
    first = next((i for i, sep in enumerate(separators) if not sep), None)
    if header and not any(header) and first is not None and _looks_like_header(rows[first]):
        header = [_header_cell(c) for c in rows[first]]
        rows, separators = rows[first + 1:], separators[first + 1:]
    data = [[clean_cell(c) for c in row] for row, sep in zip(rows, separators) if not sep]
    data = [row for row in data if any(row)]
    width = max([len(header)] + [len(row) for row in data] + [1])
    header = header + [""] * (width - len(header))
    if any(header):  # a named table: a short row lost merged cells (``ingest.tablealign``)
        padded = tuple(tuple(row) for row in align_rows(data, width))
    else:
        padded = tuple(tuple(row + [""] * (width - len(row))) for row in data)
    return Table(header=tuple(header), rows=padded)


def _header_cell(cell: str) -> str:
    """A column name: its lines joined (「属性<br>（预期性/约束性）」 is one name), no spaces."""
    return re.sub(r"\s+", "", "".join(_clean_fragment(part) for part in _BREAK_TAG.split(cell)))


def _looks_like_header(row: list[str]) -> bool:
    """A first row of column names where the separator row was lost: short cells (a
    bracketed note aside; 「开工时间/计划开工时间」 is two short names), at least two of them
    words columns are named by (类别, 指标, 单位, 2025年 …)."""
    cells = [_header_cell(c) for c in row if c.strip()]
    bare = [re.sub(r"[（(][^（()）]*[）)]", "", c) for c in cells]
    return (len(cells) >= 2 and all(len(part) <= 10 for c in bare for part in re.split(r"[/／]", c))
            and sum(1 for c in bare if _HEADER_WORD.search(c)) >= 2)


def merge_tables(first: Table, second: Table) -> Table:
    """One table from two pieces of the same table split by a blank line."""
    return Table(header=first.header, rows=first.rows + second.rows, caption=first.caption)


def same_shape(first: Table, second: Table) -> bool:
    """Whether ``second`` continues ``first`` (same columns, no caption of its own)."""
    return first.header == second.header and second.caption is None


def render_rows(table: Table) -> list[Row]:
    """Each logical row of ``table`` as (heading, text), in order."""
    if table.named:
        return _render_named(table)
    return _render_plain(table)


def _split(line: str) -> list[str]:
    inner = line.strip()
    if inner.startswith("|"):
        inner = inner[1:]
    if inner.endswith("|") and not inner.endswith("\\|"):
        inner = inner[:-1]
    return [cell.strip() for cell in _CELL_SPLIT.split(inner)]


def _render_named(table: Table) -> list[Row]:
    categories = [i for i, name in enumerate(table.header) if not name]
    carried = {i: "" for i in categories}
    rendered: list[Row] = []
    for row in table.rows:
        for i in categories:
            carried[i] = row[i] or carried[i]
        prefix = "｜".join(carried[i] for i in categories if carried[i])
        pairs = [(name, row[i]) for i, name in enumerate(table.header) if name and row[i]]
        body = "；".join(f"{name}：{value}" for name, value in pairs)
        text = f"{prefix}｜{body}" if prefix else body
        heading = pairs[0][1] if pairs else prefix
        rendered.append(Row(heading=heading, text=text))
    return rendered


def _render_plain(table: Table) -> list[Row]:
    rendered: list[Row] = []
    for row in table.rows:
        name, rest = row[0], [cell for cell in row[1:] if cell]
        description = "；".join(rest)
        if not name and rendered:
            previous = rendered[-1]
            rendered[-1] = Row(previous.heading, _append(previous.text, description))
            continue
        text = f"{name}：{description}" if name and description else name or description
        rendered.append(Row(heading=name, text=text))
    return rendered


def _append(text: str, more: str) -> str:
    if not more:
        return text
    return f"{text}{more}" if text[-1:] in "。；！？" else f"{text} {more}"
