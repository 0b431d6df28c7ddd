"""A table a page converter printed one cell per line, rebuilt as markdown rows.

Some HTML-to-markdown converters turn a table with merged cells into a column of lines:
each cell on its own line ending in 「 |」 (a cell broken over two lines has the bar only
on its last), an empty cell as a bare 「|」 — several empty cells as 「|||」 — and each
row closed by one more bar::

    序号 |            ← header cells …
    作物
    名称 |            ← 「作物名称」, broken over two lines
    …
    备注 |
    |                 ← the row's closing bar
    1 |
    玉米 |
    …

Read as text, every cell became a paragraph of its own. The header row fixes the width:
its cells and closing bar are counted up to the first bars-only line, and every later row
takes as many. Rows are printed as markdown table rows, so that the table reader makes
one clause per row with its column names.
"""

from __future__ import annotations

import re

_CELL_END = re.compile(r"\s*\|\s*$")
_BARS = re.compile(r"^\s*\|+\s*$")
_CELL_MAX = 40     # a cell line is short; a longer line is text
_MIN_LINES = 12    # a column of cells is long: a few short lines are a list, not a table
_MIN_ROWS = 2      # rows the header's width must divide the cells into


def rejoin_cell_lines(lines: list[str]) -> list[str]:
    """``lines`` with each column of one-cell lines rebuilt as markdown table rows."""
    ends = _run_ends(lines)
    out: list[str] = []
    i = 0
    while i < len(lines):
        end = ends[i]
        rows = _rows(lines[i:end]) if end - i >= _MIN_LINES else None
        if rows is None:
            out.append(lines[i])
            i += 1
            continue
        while out and _BARS.match(out[-1]):
            out.pop()  # the converter's opening bar, which would read as an empty header row
        out += [_markdown(rows[0]), "|" + "---|" * len(rows[0])]
        out += [_markdown(row) for row in rows[1:] if any(row)]
        i = end
    return out


def _run_ends(lines: list[str]) -> list[int]:
    """For each line, the end of the run of cell-like lines starting there. A run ends on
    a cell, never on a continuation line waiting for its bar. One pass from the end: a
    document of short lines (a PDF's) would otherwise be rescanned from every line."""
    ends = list(range(len(lines)))
    last_cell: int | None = None  # one past the current run's last line ending in a bar
    for i in range(len(lines) - 1, -1, -1):
        text = lines[i].strip()
        if not _cell_like(text):
            last_cell = None
            continue
        if last_cell is None and text.endswith("|"):
            last_cell = i + 1
        if last_cell is not None:
            ends[i] = last_cell
    return ends


def _cell_like(text: str) -> bool:
    """A short line that is bars only, one cell and its bar, or the start of a cell."""
    if not text or len(text) > _CELL_MAX:
        return False
    return bool(_BARS.match(text)) or "|" not in _CELL_END.sub("", text)


def _rows(run: list[str]) -> list[list[str]] | None:
    """The run's cells cut into rows of the header's width, or None when it is no such
    table (no bars-only line, or too few rows)."""
    tokens: list[str] = []
    width = None
    pending = ""
    for line in run:
        text = line.strip()
        if _BARS.match(text):
            if pending:
                return None  # a broken cell closed by bars only: not this shape
            tokens += [""] * text.count("|")
            if width is None:
                width = len(tokens)
            continue
        if _CELL_END.search(text):
            tokens.append(pending + _CELL_END.sub("", text))
            pending = ""
        else:
            pending += text
    if width is None or width < 3 or len(tokens) < width * _MIN_ROWS:
        return None
    # Each row holds ``width - 1`` cells and its closing bar (the last row may lack it).
    return [tokens[k:k + width - 1] for k in range(0, len(tokens), width)]


def _markdown(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"
