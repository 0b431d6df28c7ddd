"""「什么是X？」: the sentence where the plans define or gloss X, or — for a counted
abbreviation the plans never define (「双跨」) — the sentence that spells it out, said to
be read from usage, beside one that uses the term itself."""

from __future__ import annotations

import re

from qa.compose import Point
from qa.definitions import asked_term
from qa.evidence import sentences
from qa.strategies.base import Context, Draft
from qa.types import ClauseRecord
from qa.wording import cut, focus

_LIMIT = 200


def answer_definition(ctx: Context) -> Draft | None:
    linked = ctx.linked
    if "definition" not in linked.intents or linked.ask.unit or ctx.definitions is None:
        return None
    term = asked_term(ctx.question)
    if not term:
        return None
    defined = [ctx.corpus.by_id[cid] for cid in ctx.definitions.lookup(ctx.question)
               if cid in ctx.corpus.by_id and ctx.in_scope(ctx.corpus.by_id[cid].doc_id)]
    if defined:
        return Draft.of([Point(c, _from_term(c, term)) for c in defined[:2]])
    spelled = [(ctx.corpus.by_id[cid], form) for cid, form in ctx.definitions.expansions(term)
               if cid in ctx.corpus.by_id and ctx.in_scope(ctx.corpus.by_id[cid].doc_id)]
    if not spelled:
        return _described(ctx, term)
    clause, form = spelled[0]
    short = re.sub(r"(平台|工程|行动|计划|体系|试点)$", "", term)
    points = [Point(clause, focus(_sentence_with(clause, form), [form], limit=_LIMIT),
                    f"规划未单独定义“{term}”；从用法看，“{short}”指{form}：")]
    usage = _first_use(ctx, term)
    if usage is not None and usage.clause_id != clause.clause_id:
        points.append(Point(usage, focus(_sentence_with(usage, term), [term, short], limit=_LIMIT), "用法："))
    return Draft.of(points)


def _from_term(clause: ClauseRecord, term: str) -> str:
    """The defining text from where the term stands (a gloss sits mid-sentence)."""
    text = re.sub(r"\s", "", clause.text)
    at = text.find(re.sub(r"\s", "", term))
    start = max(text.rfind("。", 0, at) + 1, 0) if at > 0 else 0
    return cut(text[start:], _LIMIT)


def _sentence_with(clause: ClauseRecord, words: str) -> str:
    squashed = re.sub(r"\s", "", words)
    return next((s for s in sentences(clause.text) if squashed in re.sub(r"\s", "", s)), clause.text)


def _first_use(ctx: Context, term: str) -> ClauseRecord | None:
    forms = {re.sub(r"\s", "", term), re.sub(r"(平台|工程|行动|计划|体系|试点)$", "", term)}
    ranked = [e.clause for e in ctx.evidence] + list(ctx.corpus)
    return next((c for c in ranked if ctx.in_scope(c.doc_id)
                 and any(f and f in re.sub(r"[\s“”\"]", "", c.text) for f in forms)), None)


# 「率先打造建成数字产业化、产业数字化、城市数字化协同发展的数字先锋城市」: what the plan
# sets out to make the thing asked about, said of it before 的.
_BUILT = r"(?:打造建成|建设成为|打造成为|打造成|建成|打造|建设|构建|成为)"


def _described(ctx: Context, term: str) -> Draft | None:
    """A term the plans neither define nor spell out, described where a plan says what it is
    to build (「建成A、B、C协同发展的数字先锋城市」): that description, said to be one."""
    squashed = re.sub(r"[\s“”\"]", "", term)
    described = re.compile(_BUILT + r"[^，,。；;：:]{6,60}?的" + re.escape(squashed))
    for clause in [e.clause for e in ctx.evidence[:10]]:
        if not ctx.in_scope(clause.doc_id):
            continue
        for sentence in sentences(clause.text):
            match = described.search(re.sub(r"[\s“”\"]", "", sentence))
            if match:
                lead = f"规划未单独定义“{term}”，只描述了要建成的样子："
                return Draft.of([Point(clause, focus(sentence, [squashed], limit=_LIMIT), lead)])
    return None
