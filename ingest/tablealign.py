"""Short table rows: put each cell under the column it belongs to.

A table converted from a web page or a Word file loses its merged cells: a row that
shared its 领域 or 部门 cell with the row above comes out with fewer cells ("| 3 | 梳理… |"
under "| 序号 | 部门 | 职责清单 |"), and read left to right its task would be labelled 部门.
Each cell of such a row is placed, in order, under the column whose printed values it
resembles most — numbers under numbers, a unit under units, 「预期性」 under 属性, a
long sentence under the task column, a name ending in 局 under the 牵头单位 column —
and the columns it skips stay empty (what the merged cell held is not guessed: the
cell above may be a group heading, not the value). Blank cells at the end of a row do
not count: a converter pads a short row to the table's width.

The resemblance is learned from the table's own full rows; with fewer than two of
them, or a row of a single cell (a group heading row), nothing moves.

>>> rows = [["1", "工业", "组织实施技术改造项目。", "市工信局"],
...         ["3", "能源", "技术改造煤电机组。", "市发改委"],
...         ["2", "新建10家绿色工厂。", "市工信局"]]
>>> align_rows(rows, 4)[2]
['2', '', '新建10家绿色工厂。', '市工信局']
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass

_NUMERIC = re.compile(r"^[\d.,，%％+\-－—–~～≥≤<>＜＞\[\]［］()（）约左右以上以下]+$")
_MIN_FULL_ROWS = 2
_MAX_WIDTH = 12  # wider tables are not ragged in this way; the search grows as C(width, k)
_EPSILON = 0.05


@dataclass(frozen=True)
class _Column:
    """What the full rows print in one column."""

    values: frozenset[str]
    numeric: float  # share of numeric values
    log_length: float  # mean log2 length
    chars: dict[str, int]  # how often each character occurs in its values
    total: int


def align_rows(rows: list[list[str]], width: int) -> list[list[str]]:
    """``rows`` with every short row's cells under their columns, each row ``width`` wide."""
    full = [row for row in rows if len(row) == width and all(cell.strip() for cell in row)]
    if len(full) < _MIN_FULL_ROWS or width > _MAX_WIDTH:
        return [row + [""] * (width - len(row)) for row in rows]
    columns = [_profile([row[j] for row in full]) for j in range(width)]
    vocabulary = len({ch for column in columns for ch in column.chars}) + 1
    out = []
    for row in rows:
        cells = _without_trailing_blanks(row)
        short = 2 <= len(cells) < width
        out.append(_placed(cells, columns, vocabulary) if short else row + [""] * (width - len(row)))
    return out


def _without_trailing_blanks(row: list[str]) -> list[str]:
    """A row's cells up to its last filled one: "| a | b | c | |" lost its first cell."""
    end = len(row)
    while end and not row[end - 1].strip():
        end -= 1
    return row[:end]


def _profile(values: list[str]) -> _Column:
    chars: dict[str, int] = {}
    for value in values:
        for ch in value:
            chars[ch] = chars.get(ch, 0) + 1
    return _Column(
        values=frozenset(values),
        numeric=sum(1 for v in values if _NUMERIC.match(v)) / len(values),
        log_length=sum(math.log2(len(v) + 1) for v in values) / len(values),
        chars=chars,
        total=sum(chars.values()),
    )


def _placed(row: list[str], columns: list[_Column], vocabulary: int) -> list[str]:
    """The row spread over the columns by the best order-keeping placement."""
    width = len(columns)
    best, best_score = tuple(range(len(row))), -math.inf
    for placement in itertools.combinations(range(width), len(row)):
        score = sum(_fit(cell, columns[j], vocabulary) for cell, j in zip(row, placement))
        if score > best_score + 1e-9:
            best, best_score = placement, score
    out = [""] * width
    for cell, j in zip(row, best):
        out[j] = cell
    return out


def _fit(cell: str, column: _Column, vocabulary: int) -> float:
    """How well a cell resembles a column's values, higher is better: its characters'
    mean log-likelihood under the column's character counts (a name ending in 局 under
    the agency column, a task's words under the task column), whether numbers go under
    numbers, and how close its length is to the column's."""
    text = cell.strip()
    if not text:
        return 0.0
    if text in column.values:
        return 3.0
    numeric = column.numeric if _NUMERIC.match(text) else 1 - column.numeric
    likelihood = sum(math.log((column.chars.get(ch, 0) + 1) / (column.total + vocabulary))
                     for ch in text) / len(text)
    length = abs(math.log2(len(text) + 1) - column.log_length)
    return likelihood + math.log(numeric + _EPSILON) - 0.5 * length
