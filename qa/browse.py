"""What the app's views show besides answers: incentives, targets, documents, the schema.

Framework-free and typed, so the Gradio views and the JSON API call the same methods and
the UI holds no business logic. Everything reads the graph as it is now (no cache), so a
re-ingested document shows up at once.

>>> finder = IncentiveFinder(store)
>>> [c.label for c in finder.conditions()]
['首次进入国内外数字经济百强等', '获得国家“双跨”工业互联网平台', ...]
>>> [(r.amount_wan, r.clause_label) for r in finder.eligible(['获得国家“双跨”工业互联网平台'])]
[(500.0, '四、（四）')]
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from kg import browse_queries as q
from kg import facts
from kg.documents import list_documents
from kg.errors import NotFound
from kg.store import GraphStore
from qa.types import Answer

LEVEL_NAMES = {"province": "省级", "city": "市级", "district": "区级", "press": "报道", "other": "其他"}
_LEVEL_ORDER = {name: i for i, name in enumerate(LEVEL_NAMES)}


# --- incentives ---------------------------------------------------------------------

@dataclass(frozen=True)
class IncentiveRow:
    """One incentive with the clause and document that offer it."""

    incentive_id: str
    kind: str
    condition: str
    label: str  # short form of the condition, what the eligibility helper ticks
    amount_wan: float | None
    cap_wan: float | None
    ratio: float | None
    cost_sharing: str | None
    beneficiary: str | None
    text: str
    clause_id: str
    clause_label: str
    doc_id: str
    doc_title: str
    doc_number: str | None
    industries: tuple[str, ...]
    claimable: bool  # a firm can apply for it (not a fund the government sets up)

    @property
    def benefit(self) -> str:
        return describe_benefit(self)

    def as_json(self) -> dict[str, Any]:
        return {**asdict(self), "industries": list(self.industries), "benefit": self.benefit}


@dataclass(frozen=True)
class Condition:
    """A tickable eligibility condition: one short label for one or more wordings."""

    label: str
    wordings: tuple[str, ...]
    incentive_ids: tuple[str, ...]

    def as_json(self) -> dict[str, Any]:
        return {"label": self.label, "wordings": list(self.wordings),
                "incentive_ids": list(self.incentive_ids)}


class IncentiveFinder:
    """Lists, filters and matches the incentives the plans offer."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store

    def all(self) -> list[IncentiveRow]:
        linked = q.incentive_industries(self.store)
        names = [(r["name"], [r["name"], *r["aliases"]]) for r in q.industries(self.store)]
        return [_incentive_row(r, linked, names) for r in facts.incentives(self.store)]

    def find(self, keyword: str = "", industry: str = "", condition: str = "",
             min_amount: float | None = None, kind: str = "") -> list[IncentiveRow]:
        """Incentives matching every filter given; empty filters match everything."""
        rows = self.all()
        if keyword:
            rows = [r for r in rows if _contains(keyword, r.condition, r.text, r.doc_title,
                                                 r.beneficiary, r.cost_sharing)]
        if industry:
            rows = [r for r in rows if industry in r.industries]
        if condition:
            rows = [r for r in rows if condition == r.label or _contains(condition, r.condition)]
        if min_amount:
            rows = [r for r in rows if max(r.amount_wan or 0, r.cap_wan or 0) >= min_amount]
        if kind:
            rows = [r for r in rows if r.kind == kind]
        return rows

    def conditions(self) -> list[Condition]:
        """The distinct conditions of claimable incentives, in document order."""
        groups: dict[str, list[IncentiveRow]] = {}
        for row in self.all():
            if row.claimable:
                groups.setdefault(row.label, []).append(row)
        return [Condition(label, tuple(dict.fromkeys(r.condition for r in rows)),
                          tuple(r.incentive_id for r in rows)) for label, rows in groups.items()]

    def eligible(self, labels: Iterable[str]) -> list[IncentiveRow]:
        """What someone meeting the ticked conditions can claim, each with its clause."""
        ticked = set(labels)
        return [r for r in self.all() if r.claimable and r.label in ticked]

    def industries(self) -> list[str]:
        return sorted({name for row in self.all() for name in row.industries})

    def kinds(self) -> list[str]:
        return sorted({row.kind for row in self.all()})


def _incentive_row(r: Mapping[str, Any], linked: Mapping[str, list[str]],
                   names: Sequence[tuple[str, list[str]]]) -> IncentiveRow:
    i = r["incentive"]
    text = i.get("text") or ""
    industries = set(linked.get(i["incentive_id"], []))
    industries |= {name for name, forms in names if any(f and f in text for f in forms)}
    return IncentiveRow(
        incentive_id=i["incentive_id"], kind=i.get("kind") or "", condition=i.get("condition") or "",
        label=condition_label(i.get("condition") or ""), amount_wan=i.get("amount_wan"),
        cap_wan=i.get("cap_wan"), ratio=i.get("ratio"), cost_sharing=i.get("cost_sharing"),
        beneficiary=i.get("beneficiary"), text=text, clause_id=r["clause_id"],
        clause_label=r["label"], doc_id=r["doc_id"], doc_title=r["doc_title"],
        doc_number=r.get("doc_number"), industries=tuple(sorted(industries)),
        claimable=_claimable(i),
    )


def _claimable(i: Mapping[str, Any]) -> bool:
    # A fund or a general programme is something the government sets up; a firm claims a
    # reward, or money with a stated amount, cap or matching share.
    if i.get("kind") == "fund":
        return False
    return i.get("kind") == "reward" or any(i.get(k) for k in ("amount_wan", "cap_wan", "ratio"))


_ISSUED_BY = re.compile(r"[\u4e00-\u9fff]{2}(?:机构|部门)发布的")
_WHOSE = re.compile(r"的(?:企业或项目|企业|项目|单位|联合体|个人|人才)?$")
_ENUM_BEFORE_DENG = re.compile(r"(?:、[^、，,]+)+(?=等)")
_ENUM_AT_END = re.compile(r"(?:、[^、，,]+)+$")


def condition_label(condition: str, width: int = 18) -> str:
    """A short label for a condition: its first phrase, an enumeration cut to its first
    item and 等, the "…发布的" and "…的企业" wrappers dropped.

    >>> condition_label("首次进入权威机构发布的国内外数字经济百强、全国软件百强的企业")
    '首次进入国内外数字经济百强等'
    """
    text = re.sub(r"^(?:对于|对)", "", condition.strip())
    text = re.split(r"[，,；;。]", text, maxsplit=1)[0]
    text = _WHOSE.sub("", _ISSUED_BY.sub("", text))
    text = _ENUM_BEFORE_DENG.sub("", text)
    text = _ENUM_AT_END.sub("等", text)
    return text if len(text) <= width else text[:width - 1] + "…"


def describe_benefit(row: IncentiveRow) -> str:
    """What the incentive gives, in words: 一次性奖励 200 万元 / 按 30% 配套，封顶 1000 万元."""
    parts = []
    if row.ratio:
        parts.append(f"按 {row.ratio * 100:g}% {'配套' if row.kind == 'matching' else '支持'}")
    if row.amount_wan:
        parts.append(f"{_KIND_WORDS.get(row.kind, '支持')} {_wan(row.amount_wan)}")
    if row.cap_wan:
        parts.append(f"封顶 {_wan(row.cap_wan)}")
    if not parts:
        parts.append(f"{_KIND_WORDS.get(row.kind, '支持')}（金额未定）")
    if row.cost_sharing:
        parts.append(row.cost_sharing)
    return "，".join(parts)


_KIND_WORDS = {"reward": "奖励", "matching": "配套", "subsidy": "补贴", "fund": "资金",
               "programme": "政策支持"}


def _wan(amount: float) -> str:
    return f"{amount / 10000:g} 亿元" if amount >= 10000 else f"{amount:g} 万元"


def _contains(needle: str, *haystacks: str | None) -> bool:
    needle = needle.strip()
    return any(needle in (h or "") for h in haystacks)


# --- targets ------------------------------------------------------------------------

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
        return sorted({t.level or "other" for t, _ in self.points}, key=_LEVEL_ORDER.get)

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
            sorted(pts, key=lambda p: (_LEVEL_ORDER.get(p[0].level or "other", 9), p[0].doc_id))))
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


# --- documents and clauses ----------------------------------------------------------

@dataclass(frozen=True)
class TreeNode:
    clause_id: str
    label: str
    heading: str
    depth: int
    kind: str
    parent_id: str | None
    preview: str


@dataclass(frozen=True)
class ClauseView:
    """A clause inside its document: where it sits, its neighbours, what it links to."""

    doc: dict[str, Any]
    clause: dict[str, Any]
    ancestors: list[dict[str, Any]]
    prev: dict[str, Any] | None
    next: dict[str, Any] | None
    children: list[dict[str, Any]]
    links: dict[str, list[Any]]

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


class DocumentBrowser:
    """Documents → clause tree → clause text, with what the graph links to each clause."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store

    def documents(self) -> list[dict[str, Any]]:
        return [{**d, "level_name": LEVEL_NAMES.get(d.get("level") or "other", "其他")}
                for d in list_documents(self.store)]

    def tree(self, doc_id: str) -> list[TreeNode]:
        if q.document(self.store, doc_id) is None:
            raise NotFound(f"no document {doc_id!r} is stored; GET /api/documents lists them")
        return [TreeNode(c["clause_id"], c.get("label") or "", c.get("heading") or "",
                         int(c.get("depth") or 0), c.get("kind") or "", r["parent_id"],
                         _preview(c.get("text") or ""))
                for r in q.document_clauses(self.store, doc_id) for c in [r["clause"]]]

    def clause(self, clause_id: str) -> ClauseView:
        ctx = q.clause_context(self.store, clause_id)
        if ctx is None:
            raise NotFound(f"no clause {clause_id!r} is stored; clause ids look like DOC_ID#4.4")
        return ClauseView(doc=ctx["doc"], clause=ctx["clause"],
                          ancestors=q.ancestors(self.store, clause_id), prev=ctx["prev"],
                          next=ctx["next"], children=[c for c in ctx["children"] if c],
                          links=q.clause_links(self.store, clause_id))

    def regions(self) -> list[str]:
        return list(dict.fromkeys(d["region"] for d in self.documents()
                                  if d.get("region") and d.get("level") != "press"))


def _preview(text: str, width: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width] + "…"


# --- schema -------------------------------------------------------------------------

@dataclass(frozen=True)
class Schema:
    labels: dict[str, int]
    relationships: dict[str, int]
    node_keys: dict[str, list[str]]
    relationship_keys: dict[str, list[str]]

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


class SchemaInfo:
    """Labels, relationship types, property keys and counts, with plain Cypher."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store

    def summary(self) -> Schema:
        stats = self.store.stats()
        labels = {r["label"]: 0 for r in self.store.read("CALL db.labels()")}
        rels = {r["relationshipType"]: 0 for r in self.store.read("CALL db.relationshipTypes()")}
        labels.update(stats.labels)
        rels.update(stats.relationships)
        labels.pop("PolicyKGMeta", None)
        keys = q.node_keys(self.store)
        keys.pop("PolicyKGMeta", None)
        return Schema(dict(sorted(labels.items())), dict(sorted(rels.items())), keys,
                      q.relationship_keys(self.store))


# --- answers: what the chat shows around an answer ------------------------------------

_MARKED = re.compile(r"([^\[\]\n]+?)\s*((?:\[\d+\])+)")


def cited_passages(answer_text: str, n: int) -> list[str]:
    """The stretches of an answer that end in citation mark ``[n]``."""
    body = answer_text.split("\n来源：", 1)[0]
    return [m.group(1).strip(" ：:；;") for m in _MARKED.finditer(body)
            if f"[{n}]" in m.group(2) and m.group(1).strip()]


def highlight_spans(text: str, passages: Iterable[str]) -> list[tuple[int, int]]:
    """Where the cited passages sit in the clause text; the whole clause when none is found
    verbatim (a table row the answer restated)."""
    spans = []
    for passage in passages:
        start = text.find(passage)
        if passage and start >= 0:
            spans.append((start, start + len(passage)))
    return sorted(spans) or [(0, len(text))]


def suggest_followups(answer: Answer, regions: Sequence[str], limit: int = 3) -> list[str]:
    """Follow-up questions the conversation resolver understands: the same question for
    another region's plans, then the natural next question for the kind of answer."""
    if not answer.found:
        return []
    asked = _asked_regions(answer.question, regions)
    out = [f"那{r}呢？" for r in regions if asked and r not in asked]
    kinds = {f.kind for f in answer.facts}
    if "incentive" in kinds and "谁" not in answer.question:
        out.append("这些奖励由谁出钱？")
    if "target" in kinds and "负责" not in answer.question:
        out.append("由哪些单位负责？")
    return out[:limit]


def _asked_regions(question: str, regions: Sequence[str]) -> list[str]:
    """Regions the question names, longest names first so 武汉经开区 is not 武汉市."""
    asked, rest = [], question
    for region in sorted(regions, key=len, reverse=True):
        form = next((f for f in _region_forms(region) if f in rest), None)
        if form:
            asked.append(region)
            rest = rest.replace(form, "")
    return asked


def _region_forms(region: str) -> list[str]:
    forms = [region]
    if region.endswith("经济技术开发区"):
        forms.append(region.replace("经济技术开发区", "经开区"))
    stem = re.sub(r"[省市]$", "", region)
    if stem != region and len(stem) >= 2:
        forms.append(stem)
    return forms


# --- CSV exports --------------------------------------------------------------------

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
