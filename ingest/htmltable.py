"""An HTML table as a grid of cell texts: rowspan and colspan filled in, title rows apart.

Plans' annex tables (考核细则, 任务分工表) merge cells: a category cell spans the rows of
its items (rowspan), a heading spans its sub-columns (colspan), and the first row is often
the table's title in one cell spanning all columns. Reading cells row by row would shift
every later cell of a spanned row one column to the left; here each spanned cell's text
fills every grid position it covers, so each row has all its columns, and the leading rows
with a single filled cell are returned apart as the table's title lines.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bs4 import Tag

_MAX_SPAN = 200  # a span larger than this is markup damage, not a table


def grid(table: Tag, text_of: Callable[[Tag], str]) -> list[list[str]]:
    """The table's rows, each with one text per column it covers."""
    rows: list[list[str]] = []
    pending: dict[int, tuple[str, int]] = {}  # column → (text, rows it still covers)
    for tr in table.find_all("tr"):
        if tr.find_parent("table") is not table:
            continue  # a row of a nested table
        row: list[str] = []
        cells = list(tr.find_all(["th", "td"], recursive=False))
        while cells or any(col >= len(row) for col in pending):
            col = len(row)
            if col in pending:
                text, left = pending.pop(col)
                if left > 1:
                    pending[col] = (text, left - 1)
                row.append(text)
            elif cells:
                cell = cells.pop(0)
                text, rowspan = text_of(cell), _span(cell, "rowspan")
                for offset in range(_span(cell, "colspan")):
                    if rowspan > 1:
                        pending[col + offset] = (text, rowspan - 1)
                    row.append(text)
            else:
                row.append("")  # a gap before a column a cell above still covers
        rows.append(row)
    return [row for row in rows if any(cell.strip() for cell in row)]


def title_rows(rows: list[list[str]]) -> tuple[list[str], list[list[str]]]:
    """Leading rows holding one distinct text (a title across all columns) and the rest."""
    titles = []
    while rows and len({cell for cell in rows[0] if cell.strip()}) == 1 and len(rows) > 2:
        titles.append(next(cell for cell in rows[0] if cell.strip()))
        rows = rows[1:]
    return titles, rows


def _span(cell: Tag, name: str) -> int:
    m = re.match(r"\s*(\d+)", str(cell.get(name) or "1"))
    return max(1, min(int(m.group(1)) if m else 1, _MAX_SPAN))
