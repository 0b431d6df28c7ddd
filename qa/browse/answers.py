"""What the chat shows around an answer: the passages a citation mark stands for, where they
sit in the clause, and follow-up questions the conversation resolver understands."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

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
