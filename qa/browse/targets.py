"""Quantified targets: filters, and one metric lined up across province, city and zone plans."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from kg import facts
from kg.documents import list_documents
from kg.store import GraphStore
from qa.browse.levels import LEVEL_ORDER


@dataclass(frozen=True)
class TargetRow:
    """One quantified target with its clause, document and the document's level."""

    target_id: str
    metric: str
    key: str  # the metric normalised, for comparing plans
    value: float | None
    value_max: float | None
    unit: str
    comparator: str
    value_text: str
    year: int | None
    scope: str | None
    clause_id: str
    clause_label: str
    doc_id: str
    doc_title: str
    level: str | None
    region: str | None

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class ComparableGroup:
    """The same metric set by plans of different levels, values in one ``unit``."""

    key: str
    metric: str
    unit: str
    points: tuple[tuple[TargetRow, float], ...]  # (target, value converted to ``unit``)

    @property
    def levels(self) -> list[str]:
        return sorted({t.level or "other" for t, _ in self.points}, key=LEVEL_ORDER.get)

    def as_json(self) -> dict[str, Any]:
        return {"key": self.key, "metric": self.metric, "unit": self.unit, "levels": self.levels,
                "points": [{**t.as_json(), "compared_value": v} for t, v in self.points]}


class TargetExplorer:
    """Filters the plans' targets and lines up the ones different levels share."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store

    def all(self) -> list[TargetRow]:
        regions = {d["doc_id"]: d.get("region") for d in list_documents(self.store)}
        return [_target_row(r, regions.get(r["doc_id"])) for r in facts.targets(self.store)]

    def find(self, doc_id: str = "", level: str = "", year: int | None = None,
             metric: str = "") -> list[TargetRow]:
        rows = self.all()
        if doc_id:
            rows = [r for r in rows if r.doc_id == doc_id]
        if level:
            rows = [r for r in rows if r.level == level]
        if year:
            rows = [r for r in rows if r.year == year]
        if metric:
            wanted = normalise_metric(metric)
            rows = [r for r in rows if metric in r.metric or wanted in r.key]
        return rows

    def years(self) -> list[int]:
        return sorted({r.year for r in self.all() if r.year})

    def comparable(self, metric: str = "") -> list[ComparableGroup]:
        """Metrics that plans of at least two levels set, most levels first."""
        groups: dict[tuple[str, str], list[tuple[TargetRow, float]]] = {}
        seen: set[tuple[str, str, int | None, float]] = set()
        for row in self.find(metric=metric):
            unit, factor = _canonical_unit(row.unit)
            if row.value is None or row.level == "press":
                continue
            value = row.value * factor
            if (row.doc_id, row.key, row.year, value) in seen:
                continue  # a table row and the prose often repeat the same target
            seen.add((row.doc_id, row.key, row.year, value))
            groups.setdefault((row.key, unit), []).append((row, value))
        out = [ComparableGroup(key, key, pts[0][0].unit, tuple(
            sorted(pts, key=lambda p: (LEVEL_ORDER.get(p[0].level or "other", 9), p[0].doc_id))))
            for (key, _), pts in groups.items() if len({t.level for t, _ in pts}) >= 2]
        return sorted(out, key=lambda g: (-len(g.levels), -len(g.points), g.key))


def _target_row(r: Mapping[str, Any], region: str | None) -> TargetRow:
    t = r["target"]
    return TargetRow(
        target_id=t["target_id"], metric=t.get("metric") or "",
        key=normalise_metric(t.get("metric") or ""), value=t.get("value"),
        value_max=t.get("value_max"), unit=t.get("unit") or "", comparator=t.get("comparator") or "=",
        value_text=t.get("value_text") or "", year=t.get("year"), scope=t.get("scope"),
        clause_id=r["clause_id"], clause_label=r["label"], doc_id=r["doc_id"],
        doc_title=r["doc_title"], level=r.get("level"), region=region,
    )


_OWN_AREA = re.compile(r"全省|全市|全区|全国|本省|本市|本区|我省|我市|我区")


def normalise_metric(metric: str) -> str:
    """One spelling per metric: no spaces, quotes, brackets or 的; 全省/全市/全区 dropped.

    >>> normalise_metric("数字经济核心产业增加值占全省 GDP 的比重")
    '数字经济核心产业增加值占GDP比重'
    """
    text = re.sub(r"[\s“”\"'《》（）()]", "", metric)
    return _OWN_AREA.sub("", text).replace("的", "").upper()


_UNITS = {"万亿元": ("亿元", 10000.0), "万元": ("亿元", 0.0001), "家": ("个", 1.0), "项": ("个", 1.0)}


def _canonical_unit(unit: str) -> tuple[str, float]:
    return _UNITS.get(unit, (unit, 1.0))
