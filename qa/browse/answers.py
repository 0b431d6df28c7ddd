"""What the chat shows around an answer: the passages a citation mark stands for, where they
sit in the clause, and follow-up questions the conversation resolver understands."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from qa.browse.documents import DocumentBrowser
from qa.browse.levels import LEVEL_ORDER, region_level
from qa.browse.targets import TargetExplorer, normalise_metric
from qa.types import Answer

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
        # A shortened answer line joins cut-out parts with "…": find each part.
        for piece in (p.strip(" ，,") for p in passage.split("…")):
            start = text.find(piece) if len(piece) >= 4 else -1
            if start >= 0:
                spans.append((start, start + len(piece)))
    return sorted(spans) or [(0, len(text))]


@dataclass(frozen=True)
class Coverage:
    """What the loaded plans hold that a follow-up could ask about."""

    metrics: Mapping[str, frozenset[str]]  # place → normalised metrics of its targets
    responsible: frozenset[str] = frozenset()  # clause ids some agency is responsible for
    sets: Mapping[str, frozenset[str]] = field(default_factory=dict)  # clause id → its metrics


def suggest_followups(answer: Answer, regions: Sequence[str], coverage: Coverage,
                      limit: int = 3) -> list[str]:
    """Follow-up questions the conversation resolver understands and the plans can answer:
    the same question for another region whose plans set the metric the answer cites,
    then who pays for the cited incentives, or who is responsible for the cited targets."""
    if not answer.found:
        return []
    cited = {c.clause_id for c in answer.citations}
    facts = [f for f in answer.facts if f.clause_id in cited]
    asked = _asked_regions(answer.question, regions)
    metrics = {normalise_metric(str(f.data["metric"])) for f in facts
               if f.kind == "target" and f.data.get("metric")}
    # an answer without target facts: what its cited clauses set
    metrics = metrics or {m for c in cited for m in coverage.sets.get(c, ())}
    others = [r for r in regions
              if asked and r not in asked and _shares(metrics, coverage.metrics.get(r, frozenset()))]
    out = [f"那{r}呢？" for r in sorted(others, key=lambda r: LEVEL_ORDER.get(region_level(r) or "", 9))]
    if "谁" not in answer.question and any(f.kind == "incentive" and f.data.get("cost_sharing")
                                          for f in facts):
        out.append("这些奖励由谁出钱？")
    if "负责" not in answer.question and any(c in coverage.responsible and coverage.sets.get(c)
                                            for c in cited):
        out.append("由哪些单位负责？")
    return out[:limit]


def _shares(asked: set[str], theirs: frozenset[str]) -> bool:
    """One metric names the other (增加值 / 增加值占GDP比重 are one topic)."""
    return any(a in b or b in a for a in asked for b in theirs)


class FollowUps:
    """``suggest_followups`` over what the graph holds now (uploads included)."""

    def __init__(self, targets: TargetExplorer, documents: DocumentBrowser) -> None:
        self.targets = targets
        self.documents = documents

    def suggest(self, answer: Answer, limit: int = 3) -> list[str]:
        if not answer.found:
            return []
        metrics: dict[str, set[str]] = {}
        sets: dict[str, set[str]] = {}
        for row in self.targets.all():
            for place in {row.place, row.region or ""} - {""}:
                metrics.setdefault(place, set()).add(row.key)
            sets.setdefault(row.clause_id, set()).add(row.key)
        cited = [c.clause_id for c in answer.citations]
        responsible = frozenset(c for c, units in self.documents.responsible(cited).items() if units)
        coverage = Coverage({p: frozenset(m) for p, m in metrics.items()}, responsible,
                            {c: frozenset(sets[c]) for c in cited if c in sets})
        return suggest_followups(answer, self.documents.regions(), coverage, limit)


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
