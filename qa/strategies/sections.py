"""Lists a plan gives as a section: 「保障措施有哪些？」 answered with the section's items,
and 「从哪几个方面…」 of one plan with its top-level sections.

A question that asks for the members of something without saying how many
(「重点任务有哪些」「坚持哪些基本原则」「…行动涉及哪些领域」) is often asking for a section of
the plan: the clause whose heading is that name, and whose sub-clauses are the items. The
sentence-level answer would quote one sub-clause; this strategy answers with all of them,
each item citing its own clause. A counted list (「哪四个方面」) is a section only when it has
that many items; others are ``lists.answer_list``'s.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from qa.compose import Point
from qa.corpus import ClauseCorpus
from qa.strategies.base import Context, Draft
from qa.textscan import JoinedTexts
from qa.types import ClauseRecord
from qa.wording import task_title

# 「X有哪些」「X主要包括什么」「X涉及哪些领域」「X分为哪几类」: X is the section asked for.
_MEMBERS_OF = re.compile(r"(?P<name>[^，,。；;？?]{2,40}?)(?:主要|都|还|一共|具体|分别)?"
                         r"(?:有|包括|包含|涉及|分(?:为了?|成了?)?|覆盖|明确了?|提出了?|部署了?)"
                         r"(?:哪些|哪[几一二两三四五六七八九十\d]+[个项类条种大]?(?:方面|部分|板块)?|什么|啥)")
# 「坚持哪些基本原则」「采取了哪些保障措施」: the noun after 哪些 is the section.
_WHICH_NOUN = re.compile(r"(?:哪些|哪几[个项类条种]?)(?P<name>[\u4e00-\u9fff]{4,12})")
# 「主要任务是从哪几个方面展开的」: the section whose sub-sections are the aspects.
_ASPECTS_OF = re.compile(r"(?P<name>[^，,。；;？?]{2,30}?)(?:是|主要|都|具体)?(?:从|围绕)(?:哪几|哪些)个?方面")
# 「组织实施部分提出了哪几项要求」: what names the part of the plan, not the part's name.
_PART_WORD = re.compile(r"(?:这一?)?(?:部分|板块|章节|一章|一节)$")
_NOT_SECTION = re.compile(r"单位|部门|机构|企业|(?:城市|地区|县|市|区|人)$|奖|补贴|补助|钱|资金|金额")
_MIN_ITEMS = 2
_MAX_ITEMS = 15


def answer_section_list(ctx: Context) -> Draft | None:
    if "list" not in ctx.linked.intents:
        return None
    names = section_names(ctx.linked.raw or ctx.question)
    if not names:
        return None
    found = _best_section(ctx, names)
    if found is None:
        return None
    section, items = found
    if ctx.plan.count is not None and len(items) != ctx.plan.count:
        return None  # 「分为哪四个方面」: a section of four, else ``lists.answer_list``'s count
    shown = items[:_MAX_ITEMS]
    more = f"（共{len(items)}项，列出前{len(shown)}项）" if len(items) > len(shown) else ""
    intro = Point(section, f"{task_title(section)}{more}：")
    return Draft.of([intro] + [Point(c, task_title(c), "· ") for c in shown])


# 「《X》从哪几个方面提出措施」, 「这份规划分为哪几部分」: the plan's own outline is asked.
_PLAN_WORD = re.compile(r"(?:规划|方案|措施|意见|计划|办法|细则|纲要|文件)[）)》”\"]*$")
_OUTLINE = re.compile(r"(?:规划|方案|措施|意见|计划|办法|细则|纲要|文件)[^，,。？?]{0,6}?"
                      r"(?:(?:从|分为?|分成)(?:哪几|哪些|几)个?(?:方面|部分|章|板块|篇)|"
                      r"(?:包括|包含|由)(?:哪几|哪些|几)个?(?:部分|章|板块|篇))")


def answer_outline(ctx: Context) -> Draft | None:
    """The top-level sections of the one plan a question names, when it asks of what parts
    the plan is made (「从哪几个方面提出措施」)."""
    text = re.sub(r"\s", "", ctx.linked.raw or ctx.question)
    if len(ctx.scope_docs) != 1 or not _OUTLINE.search(text):
        return None
    aspects = _ASPECTS_OF.search(text)
    if aspects and not _PLAN_WORD.search(aspects.group("name").rsplit("的", 1)[-1]):
        return None  # 「方案的主要任务从哪几个方面」: a section's aspects, not the plan's parts
    (doc_id,) = ctx.scope_docs
    top = [c for c in ctx.corpus.of_document(doc_id)
           if c.parent_id is None and c.kind == "section" and c.heading]
    if len(top) < _MIN_ITEMS or len(top) > _MAX_ITEMS:
        return None
    # No count: every number an answer states must be printed in a clause it cites.
    intro = Point(top[0], f"《{top[0].doc_title}》的各部分：{task_title(top[0])}")
    return Draft.of([intro] + [Point(c, task_title(c), "· ") for c in top[1:]])


def section_names(question: str) -> list[str]:
    """The names a question may call a section by, most specific first: what it asks the
    members of, without the plan it names (「苏州设备更新方案的保障措施」 → 「保障措施」), and
    the noun after 哪些. Names of agencies, places, people or money are not sections."""
    text = re.sub(r"[\s“”\"《》]", "", question)
    names = []
    for asked in (_MEMBERS_OF.search(text), _ASPECTS_OF.search(text)):
        if asked:
            name = _PART_WORD.sub("", asked.group("name"))
            # 「实施意见把重点任务分成了…」: what 把 takes is the section.
            names += [name, name.rsplit("的", 1)[-1], name.rsplit("把", 1)[-1]]
    which = _WHICH_NOUN.search(text)
    if which:
        names.append(which.group("name"))
    return [n for n in dict.fromkeys(names) if len(n) >= 2 and not _NOT_SECTION.search(n)]


def _best_section(ctx: Context, names: list[str]) -> tuple[ClauseRecord, list[ClauseRecord]] | None:
    """The in-scope clause whose heading is one of ``names`` and that has sub-clauses; among
    several, the one retrieval ranked nearest the question (itself or a sub-clause)."""
    ranked: dict[str, int] = {}
    for i, evidence in enumerate(ctx.evidence):
        ranked.setdefault(evidence.clause.clause_id, i)
    best = None
    headed = _headings(ctx.corpus)
    # A heading fits only if it holds a name: look at those that do.
    rows = sorted({i for n in names for i in headed.texts.rows_holding(n).tolist()})
    candidates = [headed.rows[i] for i in rows]
    # A named plan's short headings may fit by their words (「保障措施」 for 「举措来保障实施」).
    candidates += [(c, plain) for d in ctx.scope_docs for c in ctx.corpus.of_document(d)
                   for plain in (re.sub(r"[\s“”\"。.：:]", "", c.heading),) if len(plain) == 4]
    for clause, heading in candidates:
        if not ctx.in_scope(clause.doc_id):
            continue
        fit = _heading_fit(heading, names)
        if fit is None:
            continue
        items = [c for c in ctx.corpus.children(clause.clause_id) if c.kind not in ("footnote", "table_row")]
        if len(items) < _MIN_ITEMS:
            continue
        near = min([ranked.get(c.clause_id, 10_000) for c in [clause, *items]])
        if near == 10_000 and not ctx.scope_docs:
            continue  # a same-named section of a plan the question has nothing to do with
        key = (fit, near, clause.doc_id, clause.ordinal)
        if best is None or key < best[0]:
            best = (key, clause, items)
    return (best[1], best[2]) if best else None


@dataclass(frozen=True)
class _Headings:
    rows: list[tuple[ClauseRecord, str]]
    texts: JoinedTexts


@functools.lru_cache(maxsize=2)
def _headings(corpus: ClauseCorpus) -> _Headings:
    """The clauses that have a heading, each with it as names are compared with it: made
    once per loaded corpus, not on every list question (45,000 clauses at ×100)."""
    plain = ((c, re.sub(r"[\s“”\"。.：:]", "", c.heading)) for c in corpus)
    rows = [(c, heading) for c, heading in plain if heading]
    return _Headings(rows, JoinedTexts([heading for _, heading in rows]))


_ARTICLE = re.compile(r"^第[一二三四五六七八九十百零〇\d]+条")
# Words a question may use for a heading's word: 「靠哪些举措来保障实施」 asks for 保障措施.
_SAME_WORD = (("举措", "措施"), ("方面", "领域"))


def _heading_fit(plain: str, names: list[str]) -> int | None:
    """0: the heading is a name; 1: it holds a name of four or more characters (「大力推进
    设备更新行动」 for 「设备更新行动」); 2: a four-character heading both of whose words
    a name holds, in any order (「保障措施」 for 「举措来保障实施」); None: none of these."""
    if plain in names:
        return 0
    if any(len(n) >= 4 and n in plain and len(plain) <= len(n) + 6 for n in names):
        return 1
    # An article named by what it rules on: 「第十八条 氢能示范应用奖励的支持对象、方式、标准…」.
    article = _ARTICLE.sub("", plain)
    if article != plain and any(len(n) >= 4 and article.startswith(f"{n}的") for n in names):
        return 1
    if len(plain) == 4 and re.fullmatch(r"[\u4e00-\u9fff]{4}", plain):
        for name in names:
            for asked, printed in _SAME_WORD:
                name = name.replace(asked, printed)
            if plain[:2] in name and plain[2:] in name and name.find(plain[:2]) != name.find(plain[2:]):
                return 2
    return None
