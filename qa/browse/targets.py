"""Quantified targets: filters, and one metric lined up across province, city and zone plans.

A target belongs to the place it is set for (its ``scope``), not to the plan that prints
it: a zone's plan that quotes its city's target says something about the city. A target
a plan prints twice (in its text and again in a table) is listed once."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from typing import Any

from kg import facts
from kg.documents import list_documents
from kg.store import GraphStore
from qa.browse.levels import LEVEL_ORDER, region_level


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
    level: str | None  # the plan's level
    region: str | None  # the plan's region
    scope_level: str | None = None  # the level of the place the target is set for

    @property
    def place(self) -> str:
        """Where the target applies: its scope, else the plan's own region."""
        return self.scope or self.region or ""

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
        """The levels of the places the targets are set for."""
        return sorted({t.scope_level or "other" for t, _ in self.points}, key=LEVEL_ORDER.get)

    def as_json(self) -> dict[str, Any]:
        return {"key": self.key, "metric": self.metric, "unit": self.unit, "levels": self.levels,
                "points": [{**t.as_json(), "compared_value": v} for t, v in self.points]}


class TargetExplorer:
    """Filters the plans' targets and lines up the ones different levels share."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store

    def all(self) -> list[TargetRow]:
        docs = list_documents(self.store)
        regions = {d["doc_id"]: d.get("region") for d in docs}
        known = {d["region"]: d["level"] for d in docs
                 if d.get("region") and d.get("level") not in (None, "press")}
        return [_target_row(r, regions.get(r["doc_id"]), known) for r in facts.targets(self.store)]

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
        return _once(rows, lambda r: r.doc_id)

    def years(self) -> list[int]:
        return sorted({r.year for r in self.all() if r.year})

    def comparable(self, metric: str = "") -> list[ComparableGroup]:
        """Metrics set for places of at least two levels, most levels first. A target
        quoted by several plans (a city's target in its zone's plan) is one point."""
        groups: dict[tuple[str, str], list[tuple[TargetRow, float]]] = {}
        rows = [r for r in self.find(metric=metric) if r.value is not None and r.level != "press"]
        for row in _once(rows, lambda r: r.place):
            unit, factor = _canonical_unit(row.unit)
            groups.setdefault((row.key, unit), []).append((row, (row.value or 0) * factor))
        out = [ComparableGroup(key, key, unit, tuple(sorted(
            pts, key=lambda p: (LEVEL_ORDER.get(p[0].scope_level or "other", 9), p[0].place,
                                p[0].year or 0))))
            for (key, unit), pts in groups.items()
            if len({t.scope_level for t, _ in pts if t.scope_level}) >= 2]
        return sorted(out, key=lambda g: (-len(g.levels), -len(g.points), g.key))


def _once(rows: list[TargetRow], where: Callable[[TargetRow], str]) -> list[TargetRow]:
    """The first of the rows that state the same target for the same place and year in
    the same ``where`` (a plan; a place): prose and its table often repeat one target."""
    seen: set[tuple[object, ...]] = set()
    out = []
    for row in rows:
        unit, factor = _canonical_unit(row.unit)
        value = None if row.value is None else round(row.value * factor, 9)
        key = (where(row), row.place, row.key, row.year, value, unit)
        if key not in seen:
            seen.add(key)
            out.append(row)
    return out


def _target_row(r: Mapping[str, Any], region: str | None,
                known: Mapping[str, str]) -> TargetRow:
    t = r["target"]
    return TargetRow(
        target_id=t["target_id"], metric=t.get("metric") or "",
        key=normalise_metric(t.get("metric") or ""), value=t.get("value"),
        value_max=t.get("value_max"), unit=t.get("unit") or "", comparator=t.get("comparator") or "=",
        value_text=t.get("value_text") or "", year=t.get("year"), scope=t.get("scope"),
        clause_id=r["clause_id"], clause_label=r["label"], doc_id=r["doc_id"],
        doc_title=r["doc_title"], level=r.get("level"), region=region,
        scope_level=(region_level(t.get("scope") or region, known) if t.get("scope") or region
                     else r.get("level")),
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
