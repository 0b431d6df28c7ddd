"""Incentives the plans offer: filters, the eligibility helper's conditions, benefits in words.

>>> finder = IncentiveFinder(store)
>>> [c.label for c in finder.conditions()]
['首次进入国内外数字经济百强等', '获得国家“双跨”工业互联网平台', ...]
>>> [(r.benefit, r.clause_label) for r in finder.eligible(['获得国家“双跨”工业互联网平台'])]
[('奖励500万元，市区各承担50%', '四、（四）')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from kg import browse_queries as q
from kg import facts
from kg.store import GraphStore
from qa.browse.amounts import format_ratio, format_wan

# What a firm can apply for. A fund or a budget (kind "fund") and a policy the government
# will draw up (kind "programme") are not claims, whatever sum they name.
CLAIMABLE_KINDS = ("reward", "subsidy", "matching")


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

    @property
    def amount(self) -> float | None:
        """The sum the row names: its amount, else its cap (万元)."""
        return self.amount_wan or self.cap_wan or None

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
        """Incentives matching every filter given; empty filters match everything. Rows
        that name a sum come first, in document order. ``min_amount`` (万元) keeps what a
        firm can claim (``CLAIMABLE_KINDS``) of at least that much, amount or cap."""
        rows = self.all()
        if keyword:
            rows = [r for r in rows if _contains(keyword, r.condition, r.text, r.doc_title,
                                                 r.beneficiary, r.cost_sharing)]
        if industry:
            rows = [r for r in rows if industry in r.industries]
        if condition:
            rows = [r for r in rows if condition == r.label or _contains(condition, r.condition)]
        if min_amount:
            rows = [r for r in rows if r.kind in CLAIMABLE_KINDS
                    and max(r.amount_wan or 0, r.cap_wan or 0) >= min_amount]
        if kind:
            rows = [r for r in rows if r.kind == kind]
        return sorted(rows, key=lambda r: r.amount is None)

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
    # A firm claims a reward, or a subsidy or matching money with a stated amount, cap or
    # share; "加大补贴力度" without one is a policy, not a claim.
    if i.get("kind") not in CLAIMABLE_KINDS:
        return False
    return i.get("kind") == "reward" or any(i.get(k) for k in ("amount_wan", "cap_wan", "ratio"))


_ISSUED_BY = re.compile(r"[\u4e00-\u9fff]{2}(?:机构|部门)发布的")
_WHOSE = re.compile(r"的(?:企业或项目|企业|项目|单位|联合体|个人|人才)?$")
_ENUM_BEFORE_DENG = re.compile(r"(?:、[^、，,]+)+(?=等)")
_ENUM_AT_END = re.compile(r"(?:、[^、，,]+)+$")


def condition_label(condition: str, width: int = 28) -> str:
    """A short label for a condition: its first phrase, an enumeration cut to its first
    item and 等, the "…发布的" and "…的企业" wrappers and what is given (给予…) dropped; a
    phrase still over ``width`` is cut where a word ends (before 且/或/和/的 …), not inside one.

    >>> condition_label("首次进入权威机构发布的国内外数字经济百强、全国软件百强的企业")
    '首次进入国内外数字经济百强等'
    """
    text = re.sub(r"^(?:对于|对)", "", condition.strip())
    text = re.split(r"[，,；;。]|给予|予以", text, maxsplit=1)[0]  # the benefit is not the condition
    text = _WHOSE.sub("", _ISSUED_BY.sub("", text))
    text = _ENUM_BEFORE_DENG.sub("", text)
    text = _ENUM_AT_END.sub("等", text)
    if len(text) <= width:
        return text
    cut = max(text.rfind(w, 4, width) for w in _WORD_ENDS)
    return (text[:cut] if cut > 0 else text[:width - 1]) + "…"


# Where a long condition may be cut: before a conjunction or particle that starts the next
# part of the phrase.
_WORD_ENDS = ("且", "或", "和", "与", "及", "的", "并", "、", "（", "(")


def describe_benefit(row: IncentiveRow) -> str:
    """What the incentive gives, in words: 一次性奖励 200 万元 / 按 30% 配套，封顶 1000 万元."""
    parts = []
    if row.ratio:
        parts.append(f"按{format_ratio(row.ratio)}{'配套' if row.kind == 'matching' else '支持'}")
    if row.amount_wan:
        parts.append(f"{_KIND_WORDS.get(row.kind, '支持')}{format_wan(row.amount_wan)}")
    if row.cap_wan:
        parts.append(f"封顶{format_wan(row.cap_wan)}")
    if not parts:
        parts.append(f"{_KIND_WORDS.get(row.kind, '支持')}（金额未定）")
    if row.cost_sharing:
        parts.append(row.cost_sharing)
    return "，".join(parts)


_KIND_WORDS = {"reward": "奖励", "matching": "配套", "subsidy": "补贴", "fund": "资金",
               "programme": "政策支持"}


def _contains(needle: str, *haystacks: str | None) -> bool:
    needle = needle.strip()
    return any(needle in (h or "") for h in haystacks)
