"""CSV exports of the incentives and targets tables."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from qa.browse.incentives import IncentiveRow
from qa.browse.targets import TargetRow

INCENTIVE_COLUMNS = (
    ("condition", "条件 condition"), ("benefit", "支持 benefit"), ("amount_wan", "金额(万元)"),
    ("cap_wan", "封顶(万元)"), ("ratio", "比例 ratio"), ("cost_sharing", "谁出钱 who pays"),
    ("doc_title", "文件 document"), ("clause_label", "条款 clause"), ("clause_id", "clause_id"),
)
TARGET_COLUMNS = (
    ("metric", "指标 metric"), ("value_text", "目标 target"), ("value", "数值 value"),
    ("unit", "单位 unit"), ("year", "年份 year"), ("scope", "范围 scope"),
    ("level", "层级 level"), ("doc_title", "文件 document"), ("clause_label", "条款 clause"),
    ("clause_id", "clause_id"),
)


def to_csv(rows: Iterable[Mapping[str, Any]], columns: Sequence[tuple[str, str]]) -> str:
    """CSV with a byte-order mark, so spreadsheet programs read the Chinese as UTF-8."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([title for _, title in columns])
    for row in rows:
        writer.writerow(["" if row.get(key) is None else row.get(key) for key, _ in columns])
    return "\ufeff" + out.getvalue()


def incentives_csv(rows: Iterable[IncentiveRow]) -> str:
    return to_csv((r.as_json() for r in rows), INCENTIVE_COLUMNS)


def targets_csv(rows: Iterable[TargetRow]) -> str:
    return to_csv((r.as_json() for r in rows), TARGET_COLUMNS)
