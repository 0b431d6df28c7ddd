"""Who gets a grant of given terms: 「哪些项目可以获得项目建设总投入30%以内、最高不超过1000万元的
补助？」 asks the plan's incentives backwards — from the terms to what they are paid for.

The question prints the terms (a share, a ceiling, a fixed sum); the graph's incentives
in scope whose terms are those are the answer, each quoted from the sentence that grants
it. A question printing no terms, or terms no incentive has, is left to the others.
"""

from __future__ import annotations

import re
from typing import Any

from qa.compose import Point
from qa.strategies.base import Context, Draft
from qa.wording import cut

_ASKS_WHICH = re.compile(r"哪些|哪几[个类项种]?|什么(?:项目|企业|单位|主体)")
_INSTRUMENT = re.compile(r"补助|补贴|奖励|奖补|资助|支持|贴息")
_RATIO = re.compile(r"(\d+(?:\.\d+)?)\s*[%％]")
_MONEY = re.compile(r"(?:(最高|不超过|上限|封顶)[^，,。；;%％\d]{0,4}?)?(\d+(?:\.\d+)?)\s*(亿|万)?元")
_MAX_ITEMS = 12


def answer_eligible(ctx: Context) -> Draft | None:
    text = re.sub(r"\s", "", ctx.linked.raw or ctx.question)
    if not (_ASKS_WHICH.search(text) and _INSTRUMENT.search(text)):
        return None
    ratio, cap, amount = _terms(text)
    if ratio is None and cap is None and amount is None:
        return None
    rows = [r for r in ctx.graph.incentives_with(ratio=ratio, cap_wan=cap, amount_wan=amount)
            if ctx.in_scope(r["doc_id"]) and r["clause_id"] in ctx.corpus.by_id]
    if len(rows) < 2:
        return None  # one grant of those terms: the sentence that grants it answers plainly
    points = []
    for row in _in_plan_order(ctx, rows)[:_MAX_ITEMS]:
        clause = ctx.corpus.by_id[row["clause_id"]]
        points.append(Point(clause, _what_for(clause.text, row["incentive"].get("text") or ""),
                            "· " if points else ""))
    return Draft.of(points, intro="按所问标准给予的：")


def _what_for(clause_text: str, grant: str) -> str:
    """The grant with what it is paid for: the comma-part before it in its sentence
    (「…打造一批基层慧治示范场景，」), unless the grant opens with its own 对… condition."""
    text = re.sub(r"\s", "", clause_text)
    plain = re.sub(r"\s", "", grant).rstrip("。；;，,")
    at = text.find(plain)
    if at < 0 or not plain:
        return cut(grant or clause_text, 120)
    start = max(text.rfind(stop, 0, at) for stop in "。；;") + 1
    lead = [p for p in re.split(r"(?<=[，,])", text[start:at]) if p]
    shown = "".join(lead[-1:]) + plain if lead and not re.match(r"^对", plain) else plain
    return cut(shown, 120)


def _terms(text: str) -> tuple[float | None, float | None, float | None]:
    """The share (a fraction), the ceiling and the fixed sum (万元) a question prints."""
    ratio = next((float(m.group(1)) / 100 for m in _RATIO.finditer(text)), None)
    cap = amount = None
    for m in _MONEY.finditer(text):
        wan = float(m.group(2)) * (10000 if m.group(3) == "亿" else 1 if m.group(3) == "万" else 0.0001)
        if m.group(1):
            cap = cap if cap is not None else wan
        else:
            amount = amount if amount is not None else wan
    return ratio, cap, amount


def _in_plan_order(ctx: Context, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: set[str] = set()
    ordered = []
    for row in sorted(rows, key=lambda r: (r["doc_id"], ctx.corpus.by_id[r["clause_id"]].ordinal)):
        key = row["incentive"].get("text") or row["clause_id"]
        if key not in seen:
            seen.add(key)
            ordered.append(row)
    return ordered
