"""Several things asked at once (「5G基站、数据中心机架和算力分别要做到多少？」), and one goal.

Each part is answered on its own — from a matching ``Target`` when a figure is asked,
else from the best sentence for that part's words (with a figure near them when one is
asked) — and a part nothing covers is said to be not stated rather than dropped or filled
with a look-alike; parts one short sentence answers together read as that sentence once.
One asked goal (``answer_target``) is the matching target in the asked scope and year, or
an answer saying the scope sets none.
"""

from __future__ import annotations

import re

from qa.asktype import WHICH
from qa.compose import Point
from qa.evidence import Evidence, sentences
from qa.lexical import pos_cut, tokenize
from qa.link import QUESTION_FILLERS
from qa.plan import GRADE, further_questions, without_scope
from qa.strategies.base import PART_COVERAGE, Context, Draft, near_number
from qa.strategies.targets import (
    TargetRow, best_rows, grouped_points, matching_targets, names_metric_at_figure, target_point,
)
from qa.wording import focus, typeset

STRONG_TARGET = 0.85  # a Target this close to the part answers it before any sentence


def answer_parts(ctx: Context, partial: bool = False) -> Draft | None:
    """Each part's goal from the graph when every part has one; ``partial`` (when the
    general path finds nothing to answer with) also when only some have."""
    parts = ctx.plan.parts
    # Several figures or several named things are several answers; several words
    # describing one task or one list ask one thing.
    if len(parts) < 2 or ctx.linked.intents & {"responsibility", "list"}:
        return None
    # One line per part when each part is a goal of its own in the graph (「5G基站、数据中心
    # 机架和算力」); otherwise the parts often qualify one subject (「二孩、三孩家庭」), and
    # the general answer, completed part by part, serves better.
    if not asks_figure(ctx) or "incentive" in ctx.linked.intents:
        return None
    rows = [best_target(ctx, p.text) for p in parts]
    if all(row is None for row in rows) or (not partial and None in rows):
        return None
    # A part without a goal in the graph is answered from a sentence stating it, or said
    # to be not stated: the parts that have one are not dropped for it.
    points, missing = [], []
    for part, row in zip(parts, rows):
        lead = f"{part.text}："
        point = target_point(row, lead) if row is not None else resolve_part(ctx, part.text, True, lead)
        if point is None:
            missing.append(part.text)
        else:
            points.append(point)
    scope = f"{'、'.join(ctx.linked.regions)}的规划" if ctx.linked.regions else "已加载的规划文件"
    notes = [f"{'、'.join(missing)}：{scope}未给出。"] if missing else []
    return Draft.of(_merge_shared(points), notes)


def _merge_shared(points: list[Point]) -> list[Point]:
    """Parts answered by one short sentence read as that sentence, once."""
    merged: list[Point] = []
    for point in points:
        same = next((m for m in merged if m.clause.clause_id == point.clause.clause_id), None)
        whole = _sentence_of(point)
        leads = f"{same.lead.rstrip('：')}、{point.lead}" if same is not None else ""
        if same is not None and point.text == same.text:
            merged[merged.index(same)] = Point(same.clause, same.text, leads)  # one cut serves both
        elif same is not None and whole and whole == _sentence_of(same) and len(whole) <= 150:
            merged[merged.index(same)] = Point(same.clause, typeset(whole), leads)
        else:
            merged.append(point)
    return merged


def _sentence_of(point: Point) -> str:
    """The clause's sentence a line was cut from: the one holding every piece of it (a
    first comma-part such as 「到2025年底前，」 may open several sentences of a clause)."""
    pieces = [p for p in re.split(r"…", point.text) if len(p) >= 2]
    return next((s for s in sentences(point.clause.text) if pieces and all(p in s for p in pieces)), "")


def names_something(text: str) -> bool:
    """Whether a part holds a noun (「规划范围」), not only verbs (「享受」)."""
    return any(flag.startswith(("n", "vn", "eng")) for _, flag in pos_cut(text))


def asks_figure(ctx: Context) -> bool:
    intents = ctx.linked.intents
    return bool(ctx.plan.asks & {"quantity", "amount", "cap"}) or bool(intents & {"target", "incentive"})


def resolve_part(ctx: Context, text: str, figure: bool, lead: str = "", strict: bool = False,
                 share: float = 0.9, prefer: frozenset[str] = frozenset()) -> Point | None:
    """The best answer line for one part, or None when the plans do not state it
    (``strict``: only from a sentence carrying nearly all the part's words; ``prefer``: the
    documents the rest of the answer comes from, whose sentences go first)."""
    if figure and not strict and "incentive" not in ctx.linked.intents:
        row = best_target(ctx, text)
        if row is not None:
            return target_point(row, lead)
    words = [w for w in tokenize(text) if len(w) >= 2] or [text]
    found = ctx.part_evidence(text, needs_number=figure)
    if prefer:
        found.sort(key=lambda e: (e.coverage < PART_COVERAGE, e.clause.doc_id not in prefer))
    # 「1级能效家电」: a sentence printing its grade goes before one printing another grade.
    grades = re.findall(GRADE, text)
    if grades:
        found.sort(key=lambda e: (e.coverage < PART_COVERAGE, not any(g in e.sentence for g in grades)))
    for evidence in found[:10]:
        if evidence.coverage < PART_COVERAGE:
            break
        if figure and not near_number(evidence.sentence, [text, *words]):
            continue
        if strict and not names_metric_at_figure(evidence.sentence, text, share=share):
            continue
        if not attribute_said(evidence.sentence, text):
            continue
        sentence = evidence.sentence if head_said(evidence.sentence, text) else _saying_head(evidence, text, words)
        if sentence is None:
            continue
        return Point(evidence.clause, typeset(focus(sentence, [text, *words], limit=110, figure=figure)), lead)
    return None


def _saying_head(evidence: Evidence, part: str, words: list[str]) -> str | None:
    """Another sentence of the clause naming the part's head and most of its words: a
    clause is ranked by its best sentence, which may name the 专班 but not its 组长."""
    return next((s for s in sentences(evidence.clause.text)
                 if head_said(s, part) and sum(w in s for w in words) >= 0.6 * len(words)), None)


# The attribute a part asks of its subject (「…的支持比例」, 「…的支持额度」) and the ways plans
# print it: a sentence giving the subject's other figure (额度 for 比例) does not answer it.
_ATTRIBUTES = {
    "比例": r"比例|比重|占比|份额|%|％|成", "比重": r"比例|比重|占比|%|％", "占比": r"比例|比重|占比|%|％",
    "份额": r"份额|比例|%|％", "额度": r"额度|金额|[万亿千百]?元", "上限": r"上限|最高|不超过|封顶|以内",
    "期限": r"期限|年限|[年月日天]", "年限": r"年限|期限|年", "时限": r"时限|工作日|[日天]",
    "利率": r"率|%|％|个?百分点", "费率": r"率|%|％", "覆盖率": r"覆盖", "增速": r"增长|增速|%|％",
    "增长率": r"增长|增速|%|％", "门槛": r"门槛|以上|不低于|不少于|起点",
}
_ATTRIBUTE_ASKED = re.compile(rf"({'|'.join(sorted(_ATTRIBUTES, key=len, reverse=True))})各?$")


def of_same_subject(part: str) -> bool:
    """Whether a part asks an attribute with at most a verb before it (「纳入门槛」「补贴上限」
    asked after the subject was named): the attribute of what the answer is about."""
    asked = _ATTRIBUTE_ASKED.search(squashed(part))
    return asked is not None and len(squashed(part)[:asked.start()]) <= 2


def squashed(text: str) -> str:
    return re.sub(r"[\s“”\"]", "", text)


_ASKING_TAIL = re.compile(r"(?:上)?(?:有|是)?(?:什么|哪些|何|怎样|如何|怎么)?(?:不一样|不同|区别|差别|差异|异同)?[？?]?$")


def head_said(said: str, part: str) -> bool:
    """Whether ``said`` names the noun a 的 heads in ``part``: 「工作专班的组长」 asks the
    组长, and a sentence on the 专班's office does not say who that is."""
    head = squashed(part).rsplit("的", 1)[1] if "的" in part else ""
    # 「…的扣减办法有什么不一样」 asks how 扣减 is done: the question's own words are no head.
    head = _ASKING_TAIL.sub("", head)
    if len(head) < 2:
        return True
    words = [w for w in tokenize(head) if len(w) >= 2 and w not in QUESTION_FILLERS] or [head]
    return words[-1] in squashed(said)  # 「配套资助」 is a 资助


def attribute_said(said: str, part: str) -> bool:
    """Whether ``said`` gives the attribute ``part`` ends with, if it ends with one."""
    asked = _ATTRIBUTE_ASKED.search(squashed(part))
    return asked is None or re.search(_ATTRIBUTES[asked.group(1)], said) is not None


# Words that change what a figure counts (「新建」 7000 piles, not the 1万 there will be).
_QUALIFIERS = ("新建", "新增", "累计", "每年", "年均")


def best_target(ctx: Context, text: str) -> TargetRow | None:
    rows = [r for r in matching_targets(ctx, text, ctx.linked.years) if in_question_scope(ctx, r)]
    if not rows or rows[0].similarity < STRONG_TARGET:
        return None
    asked = [q for q in _QUALIFIERS if q in (ctx.linked.raw or "")]
    qualified = [r for r in rows if any(q in r.metric for q in asked)]
    if asked and qualified and not any(q in rows[0].metric for q in asked):
        return qualified[0]
    return rows[0]


def in_question_scope(ctx: Context, row: TargetRow) -> bool:
    linked = ctx.linked
    if linked.doc_ids:
        return row.clause.doc_id in linked.doc_ids
    if linked.regions:
        return row.scope in linked.regions or (not row.scope and row.clause.region in linked.regions)
    return ctx.in_scope(row.clause.doc_id)


_STATUS = re.compile(r"实际|已经|已|完成了|截至|截止|现有|目前|去年|上年|累计|大约|大概")
_GOAL = re.compile(r"目标|要(?:达到|做到|实现|到|新建|建成|建设|新增|培育|打造|引进|突破|完成|超过)|"
                   r"力争|计划|预期|预计|将达到|到\s*20\d\d\s*年")


def _before_plans(ctx: Context, year: int) -> bool:
    """A year before every plan in scope starts is a year of results, not of goals."""
    docs = [ctx.corpus.docs[d] for d in (ctx.scope_docs or ctx.corpus.docs)]
    starts = [int(d.period[:4]) for d in docs if d.period and d.period[:4].isdigit()]
    return bool(starts) and year < min(starts)


def answer_target(ctx: Context) -> Draft | None:
    """One asked metric with a goal in the graph: that goal, in the asked scope and year.
    When the scope sets only a neighbouring metric (「数字经济增加值」 for 「数字经济核心产业
    增加值」) and no sentence states the asked one, the answer says the asked goal is not
    set and shows the neighbour as such, not as the answer."""
    linked = ctx.linked
    if ctx.plan.parts or "incentive" in linked.intents or "comparison" in linked.intents:
        return None
    asked = linked.raw or linked.focus
    for surface in linked.scope_surfaces:  # 「深圳氢能行动计划」's 计划 names a plan, sets no goal
        asked = asked.replace(surface, " ")
    if not (_GOAL.search(asked) or linked.ask.future) or _STATUS.search(asked) or len(ctx.plan.core) < 2:
        return None  # a figure asked without asking for a goal may be a status: the text says
    if linked.years and all(_before_plans(ctx, y) for y in linked.years):
        return None
    if _NAME_ASKED.search(asked) and not _NUMBER_ASKED.search(asked):
        return None  # 「要建成一个什么示范区」: a name asked, not a figure
    if len(further_questions(without_scope(linked))) >= 2:
        return None  # several questions in one: the general path answers each
    everywhere = matching_targets(ctx, ctx.plan.core)
    rows = [r for r in everywhere if in_question_scope(ctx, r)
            and (not linked.years or r.year in linked.years)]
    if linked.ask.unit == "元":
        # 「要达到多少亿元」: a goal in money; a growth rate of the same metric is no answer,
        # and the general path (whose refusal checks the unit) takes the question.
        if rows and not any("元" in f"{r.unit}{r.value_text}" for r in rows):
            return None
        rows = [r for r in rows if "元" in f"{r.unit}{r.value_text}"]
    if not rows:
        return _set_elsewhere(ctx, everywhere) or _not_set(ctx)
    if rows[0].similarity >= STRONG_TARGET:
        return Draft.of(grouped_points(best_rows(rows), ""))
    if resolve_part(ctx, ctx.plan.core, True, strict=True) is not None:
        return None  # a sentence states it: the general path quotes it
    neighbour = grouped_points(best_rows(rows, limit=1), f"相近的指标“{rows[0].metric}”：")
    scope = "、".join(linked.regions) or "已加载的规划文件"
    draft = Draft.of(neighbour, intro=f"{scope}未设定“{ctx.plan.core}”的目标。")
    return Draft(draft.text, False, draft.citations)


def _set_elsewhere(ctx: Context, rows: list[TargetRow]) -> Draft | None:
    """The asked goal is set only for another scope (湖北's plan asked about a figure only
    Wuhan's plan sets): say the asked scope sets none, and show where it is set."""
    linked = ctx.linked
    strong = [r for r in rows if r.similarity >= STRONG_TARGET]
    if not strong or not (linked.regions or linked.doc_ids):
        return None
    if resolve_part(ctx, ctx.plan.core, True, strict=True) is not None:
        return None
    scope = "、".join(linked.regions) or "、".join(f"《{ctx.corpus.docs[d].title}》" for d in linked.doc_ids)
    other = strong[0].scope or ctx.corpus.docs[strong[0].clause.doc_id].title
    draft = Draft.of(grouped_points(strong[:1], f"（{other}的规划设有此指标：）"),
                     intro=f"{scope}的规划未设定“{ctx.plan.core}”的目标。")
    return Draft(draft.text, False, draft.citations)


# 「几个」 asks how many; 「哪几个」 asks which.
_NUMBER_ASKED = re.compile(r"多少|(?<!哪)几[个家项条台座所万亿千百]|多大|多高|多快")
_NAME_ASKED = re.compile(WHICH)


def _not_set(ctx: Context) -> Draft | None:
    """A figure asked as a goal that no target and no sentence of the plans in scope states
    (「2025年新型储能装机规模要达到多少？」 of a plan silent on it): the plans set none."""
    if not _NUMBER_ASKED.search(ctx.linked.raw or ctx.linked.focus):
        return None
    if resolve_part(ctx, ctx.plan.core, True, strict=True, share=0.8) is not None:
        return None
    scope = "、".join(ctx.linked.regions) or "、".join(
        f"《{ctx.corpus.docs[d].title}》" for d in ctx.linked.doc_ids) or "已加载的规划文件"
    return Draft(f"{scope}未设定“{ctx.plan.core}”的目标。", False, [])
