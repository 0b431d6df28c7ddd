"""Indicator tables: one row of 指标 / 单位 / base year / target years → targets.

A table row reaches extraction as one clause whose text keeps its column names
("指标：数字经济核心产业增加值；单位：亿元；2020年：300；2025年：500；属性：预期性"). A row is
an indicator row when it has a metric cell (指标, 指标名称, 名称 …) and at least one value
cell: a column named 目标/预期值/规划值, or named by a year.

- The **target** columns are those named 目标/预期/规划, and those named by a year after
  the plan's reference year (its start or issue year); a base column (2020年, 基期, 基数,
  现状, 基准) is a status, not a goal. When the plan gives no reference year, the earliest
  of two or more year columns is the base. Each target column with a value gives one
  target, in the year its name says, else the plan's end year.
- The **unit** is the 单位/计量单位 cell (never a 牵头单位 or 责任单位 cell), else the one
  printed in brackets after the metric or in the column name ("增加值（亿元）").
- Values: "≥6000", "3—5" (a range), "13.5", "100以上"; "—" or an empty cell is no target.
- A header row that reached extraction as a row of its own ("类别：单位；2020年；2025年") names
  the cells of the rows after it by position.
  The 属性 cell (预期性/约束性) says how binding it is, not what it is.

A goal table by place (「表3-1 “十四五”充换电设施分区域发展目标」: 地区｜充电站(座)｜换电站(座)｜…)
is read by ``place_row_targets``: each cell of a place's row is that place's goal, measured
by its column (unit from the column's brackets or the cell), in the year its column names,
else the plan's end year. The table is a goal table when its caption or a heading above it
says so (目标, 任务, 规划, 计划, 分解); a 总计/合计 row restates what the text sums up.

>>> [(t.metric, t.value, t.year) for t in table_row_targets(row, region="某市", end_year=2027, ref_year=2022)]
[('数字经济核心产业增加值', 500.0, 2025), ('数字经济核心产业增加值', 800.0, 2027)]
"""

from __future__ import annotations

import re

from ingest.extract.numbers import NUM, comparator, find_quantities, normalize
from kg.types import Clause, Target

_CELL = re.compile(r"([^｜|；;：:]+)[：:]([^｜|；;]*)")
_CELL_VALUE = re.compile(rf"(?P<pre>≥|≤|>=|<=|>|<|不低于|不少于|不超过|超过)?\s*(?P<v>{NUM})"
                         rf"(?:\s*(?:—|–|~|-|至)\s*(?P<v2>{NUM}))?\s*(?P<post>以上|以下|左右|以内)?")
_METRIC_KEY = re.compile(r"(?:指标|名称|指标内容|指标项)$")
_UNIT_KEY = re.compile(r"^(?:计量)?单位$")
_GOAL_KEY = re.compile(r"目标|预期值|规划值|预期|规划")
_BASE_KEY = re.compile(r"基期|基数|基准|现状|现值|基础|完成值|实际")
_YEAR = re.compile(r"(?:19|20)\d{2}")
# Columns that say where a row's thing stands: a layout table of planned stations or
# projects, whose 规划规模 column sizes each one — facilities, not a plan's goals.
_PLACE_KEY = re.compile(r"位置|地址|选址|地点|坐落|所在地|所在区域|所在园区|落点|站址|点位")
_POSITIONAL = re.compile(r"[：:；;｜|]")
_NUMBER = re.compile(rf"[≥≤><]?\s*{NUM}\s*%?")
_NUMBERING = re.compile(r"^\s*\d+(?:\.\d+)*[.、．]?\s+|^\s*\d+[.、．]\s*")
_BRACKET_UNIT = re.compile(r"[（(]\s*([^（）()]{1,6}?)\s*[）)]\s*$")
_PLAIN_UNIT = re.compile(r"^(?:%|‰|[\u4e00-\u9fff]{1,4}|[A-Za-z]{1,8}|[\u4e00-\u9fff]{0,2}[A-Za-z/]{1,8})$")


def header_cells(clause: Clause) -> list[str] | None:
    """A table's header row that reached extraction as a row of its own ("类别：单位；2020年；
    2025年；属性"): its cells, or None when the row holds values."""
    if clause.kind != "table_row":
        return None
    cells = [c.strip() for c in _POSITIONAL.split(clause.text.strip())]
    names = [c for c in cells if _UNIT_KEY.match(c) or _YEAR.fullmatch(c.rstrip("年"))
             or _GOAL_KEY.search(c) or _METRIC_KEY.search(c)]
    if len(cells) >= 3 and len(names) >= 2 and not any(
            re.search(r"\d", c) and not _YEAR.search(c) for c in cells):
        return cells
    return None


def table_row_targets(clause: Clause, *, region: str | None, end_year: int | None,
                      ref_year: int | None, header: list[str] | None = None) -> list[Target] | None:
    """The targets of an indicator-table row; None when the clause is not one. ``header``:
    the table's column names, when its rows lost them (cells then read by position)."""
    if clause.kind != "table_row":
        return None
    cells = {k.strip(): v.strip() for k, v in _CELL.findall(clause.text)}
    metric = next((v for k, v in cells.items() if _METRIC_KEY.search(k) and v), None)
    if metric is None and header:
        values = [c.strip() for c in _POSITIONAL.split(clause.text.strip())]
        if len(values) == len(header) and not _NUMBER.fullmatch(values[0]):
            cells = dict(zip(header, values))
    if metric is None:
        metric = _first_name(cells)
    if any(_PLACE_KEY.search(k) for k in cells):
        return []  # a row that sites something (a station, a project) is a facility, not a goal
    columns = _target_columns(list(cells), ref_year)
    if metric is None or not columns:
        return None
    unit = next((v for k, v in cells.items() if _UNIT_KEY.match(k)), None)
    if unit is not None and not re.search(r"\w|%|‰", unit):
        unit = None  # 「——」: a ratio (容载比) that has no unit
    metric, bracketed = _metric_unit(metric)
    targets = []
    for key in columns:
        value = _value(cells[key], unit or bracketed or _metric_unit(key)[1] or "")
        if value is not None:
            targets.append(Target(target_id="", clause_id=clause.clause_id, metric=metric,
                                  value_text=cells[key], year=_column_year(key, end_year),
                                  scope=region, **value))
    return targets


def _column_year(key: str, end_year: int | None) -> int | None:
    """The year a column's name says (「2025年目标」), else the plan's end year."""
    year = _YEAR.search(key)
    return int(year.group()) if year else end_year


def _first_name(cells: dict[str, str]) -> str | None:
    """The metric of a row whose metric column has another name (类别, 项目): the first
    cell that is neither a value, a unit, a year's figure nor how binding it is."""
    if not any(_UNIT_KEY.match(k) or _YEAR.search(k) for k in cells):
        return None
    for key, value in cells.items():
        if _UNIT_KEY.match(key) or _YEAR.search(key) or _GOAL_KEY.search(key) \
                or _BASE_KEY.search(key) or re.search(r"属性|序号|备注", key):
            continue
        value = _NUMBERING.sub("", value).strip()
        if value and not re.search(r"\d", value.split("（")[0]):
            return value
    return None


def _target_columns(keys: list[str], ref_year: int | None) -> list[str]:
    goals = [k for k in keys if _GOAL_KEY.search(k) and not _BASE_KEY.search(k)
             and not _METRIC_KEY.search(k)]
    dated = [k for k in keys if _YEAR.search(k) and not _BASE_KEY.search(k)
             and not _METRIC_KEY.search(k) and k not in goals]
    years = sorted(int(_YEAR.search(k).group()) for k in dated)
    if ref_year is not None:
        dated = [k for k in dated if int(_YEAR.search(k).group()) > ref_year]
    elif len(years) >= 2:
        dated = [k for k in dated if int(_YEAR.search(k).group()) > years[0]]
    return [k for k in keys if k in goals or k in dated]


def _metric_unit(text: str) -> tuple[str, str | None]:
    """"数字经济核心产业增加值（亿元）" → the metric and the unit in its closing bracket."""
    m = _BRACKET_UNIT.search(text)
    if m and _PLAIN_UNIT.match(m.group(1)) and not _YEAR.search(m.group(1)):
        return text[:m.start()].strip(), m.group(1)
    return text, None


def _value(cell: str, unit: str) -> dict[str, object] | None:
    cell = re.sub(r"[（(\[][^）)\]]*[）)\]]", "", normalize(cell)).strip()
    m = _CELL_VALUE.fullmatch(cell)
    if m:
        return {"value": float(m.group("v")), "unit": unit,
                "comparator": comparator(m.group("pre"), m.group("post")),
                "value_max": float(m.group("v2")) if m.group("v2") else None}
    quantities = find_quantities(cell)
    if len(quantities) != 1:
        return None
    q = quantities[0]
    return {"value": q.value, "unit": q.unit or unit, "comparator": q.comparator,
            "value_max": q.value_max}


# The first column of a table by place: 「地区」, 「市（州）」, 「县（市、区）」, 「乡镇」.
_PLACE_COLUMN = re.compile(r"^(?:地区|区域|地市|市州|州市|市（州）|城市|县区|区县|县（市、区）|县市区|"
                           r"行政区(?:划)?|乡镇|镇街|街镇|镇（街道）|各地|各市|各区|各县)(?:名称)?$")
_TOTAL_ROW = re.compile(r"^(?:总计|合计|小计|全省|全市|全区|全县|总体)")
_GOAL_TABLE = re.compile(r"目标|任务|规划|计划|分解")
_NOT_GOAL_TABLE = re.compile(r"现状|基础|现有|已建|统计|完成情况|基本情况|测算|估算|预测")
_NOT_MEASURE = re.compile(r"序号|备注|说明|牵头|责任|单位$|类型|名称")


def goal_table(headings: list[str]) -> bool:
    """Whether a table, given its caption and the headings above it (nearest first), sets
    goals: the nearest heading that says anything either way decides."""
    for heading in headings:
        if _NOT_GOAL_TABLE.search(heading):
            return False
        if _GOAL_TABLE.search(heading):
            return True
    return False


def place_row_targets(clause: Clause, *, end_year: int | None) -> list[Target] | None:
    """The goals of one place's row in a goal table by place (see the module docstring);
    None when the row does not open with a place column."""
    if clause.kind != "table_row":
        return None
    cells = [(k.strip(), v.strip()) for k, v in _CELL.findall(clause.text)]
    if len(cells) < 2 or not _PLACE_COLUMN.match(cells[0][0]) or not cells[0][1] \
            or re.search(r"\d", cells[0][1]):
        return None
    place = cells[0][1]
    if _TOTAL_ROW.match(place):
        return []
    targets = []
    for key, cell in cells[1:]:
        if _NOT_MEASURE.search(key) or _PLACE_COLUMN.match(key):
            continue
        metric, bracketed = _metric_unit(key)
        value = _value(cell, bracketed or "")
        if value is None or not value["unit"] or not metric:
            continue
        targets.append(Target(target_id="", clause_id=clause.clause_id, metric=metric,
                              value_text=cell, year=_column_year(key, end_year), scope=place,
                              **value))
    return targets
