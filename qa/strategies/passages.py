"""The general path: the best sentences for the question, cut to what it asks.

A responsibility question names the units its clause prints (or the graph links to it),
a list question the items of the clause it points at, a definition the defining
sentences, anything else the best sentence or two; a later sentence of the question about
something else gets its own line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from qa.asktype import WHICH
from qa.compose import Point
from qa.corpus import ClauseCorpus
from qa.evidence import Evidence, comma_parts, sentences, trim
from qa.link import Linked
from qa.plan import GRADE, further_questions, without_scope
from qa.strategies.base import Calibration, Context, near_number
from qa.strategies.parts import asks_figure, attribute_said, head_said, of_same_subject, resolve_part, squashed
from qa.strategies.targets import metric_words, names_metric, words_named
from qa.types import ClauseRecord
from qa.wording import cut, render_record, task_title

# Three items or more: 「A、B、C」, or 「A和B、C等」 where 和/及 joins one of them.
_ENUMERATION = re.compile(r"[①②③④⑤⑥⑦⑧⑨⑩]|(?:、[^、]{1,30}){2,}|"
                          r"(?=[^。；]*、)(?:(?:、|和|及)[^、和及。；]{1,30}){2,}")
# The best sentence says it lists the asked kind (「氢的输运方式主要有A、B和C三种方式」).
_LISTS_ITS = re.compile(r"主要有|包括|分为|有以下|如下|主要是")
# A who-question that asks something else as well (「…租金有什么支持？由谁来给？」): the
# sentence answers too, not only the task's units.
_WHO_ASKED = re.compile(r"(?:由|是)?(?:什么|哪些|哪个|哪家|哪几个)(?:部门|单位|机构|机关|人)")
_ASKS_WHAT = re.compile(r"什么|哪些|如何|怎样|怎么")
# A responsibility note as printed: 「（责任单位：…）」, 「（牵头单位：…；配合单位：…）」.
_RESPONSIBLE = re.compile(r"[（(]\s*((?:牵头|责任|配合|参与|协同|主责)(?:单位|部门)[^）)]*)[）)]")
# A sentence going on with the same offer (its next tier, its cap), not opening another (「对…」).
_GOES_ON = re.compile(r"^\s*(?:\d|超过|达到|年|其中|最高|封顶|单个|每|分别|上述|以上|同时)")
_MONEY_OR_SHARE = re.compile(r"\d[\d.,]*\s*(?:万亿|万|亿|千)?元|\d+(?:\.\d+)?\s*[%％‰]|最高|封顶|上限")
# Amounts and shares: what an incentive answer must keep even when the question's words
# ("谁出钱", "怎么分担") are not in the sentence.
_MONEY = re.compile(r"\d[\d.,]*\s*(?:万亿|万|亿|千)?元|各承担\s*\d+\s*%|封顶[^，。；]*")
_SHARE = re.compile(r"\d+(?:\.\d+)?\s*[%％]")

# Words naming the stages or parts of a plan, whose headings often go on after them.
_STAGE_WORDS = ("阶段", "方面", "领域", "环节", "步骤", "层级", "类别", "板块", "片区", "区域", "工程", "行动", "任务")
# A sentence that ends by introducing what follows: 「给予下列激励政策：」「主要任务如下」.
_LEADS_IN = re.compile(r"(?:[：:]|如下|以下几[个项类方面]*)$")
# An article's opening (「第十五条 …」) and how many paragraphs after a lead-in are its items.
_ARTICLE = re.compile(r"^\s*第[一二三四五六七八九十百零\d]+条")
_ITEMS_MAX = 10
_ITEM_MARK = re.compile(r"^\s*(?:第[\d一二三四五六七八九十]+[年条款项级档类次]|[（(][\d一二三四五六七八九十]+[)）]|"
                        r"\d+[.、．]|[①②③④⑤⑥⑦⑧⑨⑩]|[一二三四五六七八九十]+、)")
# 「会受到哪些管理措施？」: the kind asked, printed after the interrogative.
_KIND_AFTER = re.compile(r"(?:哪些|哪几[个项类种条])([\u4e00-\u9fff]{2,8})[？?]?$")
# 「分成哪几个阶段」「要坚持哪些原则」: the kind of thing listed, as sibling headings end with it.
_ASKED_KIND = re.compile(r"(?:哪几|哪些|几)[个项条类种大]?(?:具体的?)?(?P<kind>[\u4e00-\u9fff]{2,6}?)(?=[？?，,。]|$)")

MAX_QUOTES = 2        # sentences a plain lookup answer quotes
QUOTE_BUDGET = 280    # characters they may take together


class Passages:
    """Answer lines cut from the ranked evidence."""

    def __init__(self, corpus: ClauseCorpus, calibration: Calibration, terms: Sequence[str]) -> None:
        self.corpus = corpus
        self.cal = calibration
        self.terms = list(terms)  # the question's content words, to cut long sentences around
        self.figure = True  # whether the question asks for a figure; set per answer

    def answer(self, ctx: Context, evidence: Sequence[Evidence],
               agencies: dict[str, list[str]]) -> tuple[list[Point], list[str]]:
        """The answer lines, and notes for asked parts no sentence states."""
        self.missing: list[str] = []
        self.figure = asks_figure(ctx)
        points = self._points(ctx.linked, evidence, agencies, figure=self.figure)
        points = self._complete(ctx, self._with_items(self._lifted(points, evidence)))
        return points, [f"{part}：已加载的规划文件未给出。" for part in self.missing]

    def _complete(self, ctx: Context, points: list[Point]) -> list[Point]:
        """A later sentence of the question asking about something else (「…多少个园区？
        新签约多少企业？」) gets a line of its own when the answer so far does not cover it."""
        if ctx.linked.english:
            return points  # its words are English; parts are read from Chinese grammar
        further = further_questions(without_scope(ctx.linked))
        asked = [p.text for p in ctx.plan.parts] or further
        # The parts a later sentence enumerates (「“双一流”高校和其他学校的…」) leave out what
        # the first sentence asked (「…的支持比例是多少？」): that sentence is a part too.
        first = squashed(further[0]) if further else ""
        if ctx.plan.parts and first and not any(first in squashed(p) or squashed(p) in first for p in asked):
            asked = [further[0], *asked]
        # 「松江区能源行动方案里的…」: a word of the named plan's title is where to look.
        titles = [self.corpus.docs[d].title for d in ctx.linked.doc_ids if d in self.corpus.docs]
        asked = [a for a in asked if not (len(a) <= 4 and any(a in t for t in titles))]
        if len(asked) < 2:
            return points
        figure = asks_figure(ctx)
        # A question that names no place asks its parts of the plan the answer comes from:
        # another plan's sentence on the same words is a look-alike, taken only when that
        # plan is silent.
        named = ctx.linked.regions or ctx.linked.doc_ids or ctx.scope_docs
        prefer = frozenset() if named else frozenset(p.clause.doc_id for p in points)
        missing = []
        responsibility = "responsibility" in ctx.linked.intents
        enumerated = {p.text for p in ctx.plan.parts}
        for part in asked:
            said = "".join(p.text for p in points)
            if names_metric(said, part, share=0.6) and (not figure or near_number(said, metric_words(part))) \
                    and attribute_said(said, part) and _words_said(said, part) \
                    and _own_words_said(said, part, [a for a in asked if a != part]):
                continue
            if of_same_subject(part) and attribute_said(said, part):
                continue  # 「纳入门槛是多少」 asks the threshold of what the answer is about
            # 「首次进百强、获批双跨平台这些一次性奖励，由哪些单位负责落实？」: the parts are the
            # tasks, and the task clause whose units the answer names covers those it holds. A
            # sentence of its own (「组长由谁担任？」) asks its own who, said or not.
            if responsibility and part in enumerated \
                    and names_metric("".join(p.clause.text for p in points), part, share=0.5):
                continue
            point = resolve_part(ctx, part, figure, lead=f"{part}：", prefer=prefer)
            if point is not None and not any(_repeats(point.text, p.text) for p in points):
                points.append(point)
            elif point is None:
                missing.append(part)
        self.missing = missing
        return points

    def _lifted(self, points: list[Point], evidence: Sequence[Evidence]) -> list[Point]:
        """The best line is one item of a list its parent introduces (「所得价款按下列顺序分配：」
        over （一）（二）（三）) and the parent answers nearly as well: the parent's line
        stands first, so the whole list follows it."""
        if not points or not evidence:
            return points
        parent = self.corpus.parent(points[0].clause.clause_id)
        if parent is None or not _LEADS_IN.search(parent.text.rstrip()):
            return self._after_lead(points, evidence)
        floor = evidence[0].coverage * 0.8
        lead = next((e for e in evidence[:10] if e.clause.clause_id == parent.clause_id
                     and e.coverage >= floor and _LEADS_IN.search(e.sentence.rstrip())), None)
        if lead is None:
            return points
        return [Point(parent, render(lead, terms=self.terms))]

    def _after_lead(self, points: list[Point], evidence: Sequence[Evidence]) -> list[Point]:
        """The best line is one of the paragraphs printed after an article that introduces
        them (「第十五条 …按以下标准退回补贴资金：」, then 「第1年…」「第2年…」「第3年…」 as
        paragraphs beside it, not under it): that article, then each of its paragraphs."""
        clause = points[0].clause
        siblings = self.corpus.siblings(clause)
        ids = [c.clause_id for c in siblings]
        if clause.clause_id not in ids:
            return points
        at = ids.index(clause.clause_id)
        floor = evidence[0].coverage * 0.8
        for j in range(at - 1, max(-1, at - _ITEMS_MAX - 1), -1):
            if not _LEADS_IN.search(siblings[j].text.rstrip()):
                if _ARTICLE.match(siblings[j].text):
                    return points  # another article: the line is not one of a list
                continue
            lead = next((e for e in evidence[:10] if e.clause.clause_id == siblings[j].clause_id
                         and e.coverage >= floor), None)
            if lead is None:
                return points
            # The list runs while its paragraphs open alike (「第1年…」「第2年…」), up to an article.
            items = [_item_point(c) for c in _opening_alike(siblings[j + 1:], articles=False)]
            return [Point(lead.clause, render(lead, terms=self.terms))] + items if len(items) >= 2 else points
        return points

    def _led_list(self, evidence: Sequence[Evidence]) -> list[Point]:
        """A sentence near the top that ends its clause introducing a list (「需向县住建局提供
        以下申请材料：」) answers a list question with the items printed after it: its
        sub-clauses, or the clauses that follow it under the same parent and open alike
        (「一、…」「二、…」). The best-covered sentence may be one that only mentions the
        items (「并提交相关材料」)."""
        if not evidence:
            return []
        floor = evidence[0].coverage * 0.7
        for e in evidence[:5]:
            sentence = e.sentence.rstrip()
            if e.coverage < floor or not _LEADS_IN.search(sentence) \
                    or not re.sub(r"\s", "", e.clause.text).endswith(re.sub(r"\s", "", sentence)):
                continue
            items = [c for c in self.corpus.children(e.clause.clause_id) if c.kind not in ("footnote", "table_row")]
            if len(items) < 2:
                siblings = self.corpus.siblings(e.clause)
                ids = [c.clause_id for c in siblings]
                after = siblings[ids.index(e.clause.clause_id) + 1:] if e.clause.clause_id in ids else []
                items = _opening_alike(after, articles=True)
            if len(items) >= 2:
                return [Point(e.clause, render(e, terms=self.terms))] + [_item_point(c) for c in items[:_ITEMS_MAX]]
        return []

    def _with_items(self, points: list[Point]) -> list[Point]:
        """A line that ends introducing a list (「…给予下列激励政策：」) is followed by the
        list: the clause's sub-clauses, which is where plans print such items."""
        out: list[Point] = []
        for point in points:
            out.append(point)
            clause = point.clause
            if not _LEADS_IN.search(point.text.rstrip()) or not _LEADS_IN.search(clause.text.rstrip()):
                continue
            items = [c for c in self.corpus.children(clause.clause_id) if c.kind != "footnote"]
            out += [_item_point(c) for c in items[:10] if all(c.clause_id != p.clause.clause_id for p in points)]
        return out

    def _points(self, linked: Linked, evidence: Sequence[Evidence],
                agencies: dict[str, list[str]], figure: bool = False) -> list[Point]:
        best = evidence[0]
        if "responsibility" in linked.intents:
            said = self._duty_said(evidence)
            if said is not None:
                return [said]
            for e in evidence[:10]:
                # The graph's units for the clause, when the clause prints them; else the
                # sentence itself says who (「会同自然资源、住建…等部门」).
                if e.clause.clause_id in agencies and e.coverage >= best.coverage * 0.8 \
                        and any(u in e.clause.text for u in agencies[e.clause.clause_id]):
                    point = self._responsible(e, agencies[e.clause.clause_id])
                    # 「专项资金有多少，由哪个部门牵头？」 asks the figure too, and 「对租金有什么
                    # 支持？由谁来给？」 what the sentence gives.
                    also = figure or _ASKS_WHAT.search(_WHO_ASKED.sub("", linked.raw or ""))
                    return [Point(e.clause, render(e, terms=self.terms, figure=figure)), point] if also else [point]
        if "list" in linked.intents:
            return self._list(linked, evidence)
        if "definition" in linked.intents and not linked.ask.unit:
            return [Point(best.clause, _opening(best))]
        return self._quotes(evidence, linked)

    def _duty_said(self, evidence: Sequence[Evidence]) -> Point | None:
        """「住房建设部门负责加氢站工程项目消防设计审查」: a sentence saying who does the very duty
        asked answers by itself — not the task's list of units, of which it names one."""
        best = evidence[0]
        top = self.terms[:3]
        for e in evidence[:3]:
            if e.coverage < best.coverage * 0.8 or _RESPONSIBLE.search(e.sentence) or len(top) < 2:
                continue
            for chunk in re.split(r"[，,；;。]", e.sentence):
                duty = chunk.find("负责")
                if duty > 0 and sum(t in chunk[duty:] for t in top) >= min(2, len(top)):
                    return Point(e.clause, chunk.strip())
        return None

    def _responsible(self, evidence: Evidence, units: list[str]) -> Point:
        """The task by its title, then its units as the clause prints them (its 责任单位 or
        牵头/配合单位 note), else as the graph names them."""
        clause = evidence.clause
        own = _RESPONSIBLE.findall(evidence.sentence)
        # A clause with several tasks, each with its note: the asked task's own note and words.
        title = (trim(_RESPONSIBLE.sub("", evidence.sentence), must_keep=self.terms, limit=60) if own
                 else task_title(clause) if clause.heading
                 else trim(_RESPONSIBLE.sub("", evidence.sentence), limit=40))
        printed = [re.sub(r"\s", "", p).replace(":", "：") for p in (own or _RESPONSIBLE.findall(clause.text))]
        if printed:
            return Point(clause, f"{title.rstrip('。；，')}——{'；'.join(dict.fromkeys(printed))}")
        # Units named in the text (「由X负责」「省负总责、市县具体负责」): the sentence that names them.
        naming = max(sentences(clause.text) or [clause.text], key=lambda s: sum(u in s for u in units))
        return Point(clause, trim(naming, must_keep=units, limit=140))

    def _list(self, linked: Linked, evidence: Sequence[Evidence]) -> list[Point]:
        """A list: the box line the question names ("重大创新平台：…"), the items of a
        circled enumeration, a clause's named sub-items, or the enumerating sentence."""
        kinds = self._kind_list(linked, evidence)
        if kinds:
            return kinds
        introduced = self._introduced_list(linked, evidence)
        if introduced is not None:
            return [introduced]
        led = self._led_list(evidence)
        if led:
            return led
        headed = self._headed_section(linked, evidence)
        if headed is not None:
            parts = [c for c in self.corpus.children(headed.clause_id) if c.kind not in ("footnote", "table_row")]
            return [Point(headed, f"{task_title(headed)}：", "")] + [Point(c, task_title(c), "· ") for c in parts[:12]]
        best = evidence[0]
        children = self.corpus.children(best.clause.clause_id)
        named = [c for c in children if c.heading and c.heading in linked.focus]
        if named:
            return [Point(named[0], _cap(named[0].text, 400))]
        items = circled_items(best.clause.text)
        named_item = _named_segment(circled_segments(best.clause.text), _focus_words(linked))
        if len(items) >= 3 and named_item:
            return [Point(best.clause, _cap(named_item, 300))]
        if len(items) >= 3:
            intro = best.clause.text.split("①")[0]
            return [Point(best.clause, f"{trim(intro, limit=60)}{'；'.join(items)}")]
        ordinal = _ordinal_items(best.clause.text, best.sentence) or _numbered_items(best.clause.text, best.sentence)
        if ordinal:
            return [Point(best.clause, ordinal)]
        headed = [c for c in children if len(c.heading) >= 2]
        if len(headed) >= 3 and len(best.sentence) <= 40:
            intro = Point(best.clause, best.clause.heading or best.sentence, "")
            return [intro] + [Point(c, c.heading, "· ") for c in headed[:12]]
        enumerations = [e for e in evidence[:6] if _ENUMERATION.search(e.sentence)
                        and e.coverage >= best.coverage * 0.8]
        if best.clause.kind != "table_row" and len(best.clause.text) <= 280 \
                and all(e.clause.clause_id == best.clause.clause_id for e in enumerations):
            # A short task clause that names its items one sentence each (「推动万兆光网…。推进
            # 5G-A…，建设6G…。加快建设国家新型互联网交换中心。」), or lists them in more than one
            # of its sentences: the clause is the list.
            return [Point(best.clause, re.sub(r"\s*\n\s*", "", best.clause.text))]
        noun = _listed_noun(linked.raw or linked.focus)
        # 「基本原则是哪几条」: the enumeration that names what is listed (「按照“政府支持、
        # 企业主导、公共先行”的基本原则」) before one that only has the words around it.
        naming = [e for e in enumerations if noun and noun in e.sentence]
        if noun and noun in best.sentence and _LISTS_ITS.search(best.sentence.split(noun, 1)[1]):
            naming = [best]
        chosen = (naming or enumerations or [best])[0]
        return [Point(chosen.clause, render(chosen, limit=280))]

    def _introduced_list(self, linked: Linked, evidence: Sequence[Evidence]) -> Point | None:
        """「对信用等级为D级的物业企业，给予下列管理措施：」 over its sub-clauses: a sentence naming
        the asked kind (管理措施) and introducing the list is the answer's first line
        (``_with_items`` adds the items)."""
        asked = re.sub(r"\s", "", linked.raw or linked.focus)
        after = _KIND_AFTER.search(asked)
        noun = after.group(1) if after else _listed_noun(asked)
        if not noun:
            return None
        for e in evidence[:5]:
            if e.coverage >= evidence[0].coverage * 0.8 and noun in e.sentence \
                    and _LEADS_IN.search(e.sentence.rstrip()) and self.corpus.children(e.clause.clause_id):
                return Point(e.clause, e.sentence.strip())
        return None

    def _kind_list(self, linked: Linked, evidence: Sequence[Evidence]) -> list[Point]:
        """「分成了哪几个阶段？」: sibling clauses whose headings name that kind of thing
        (「近期…试点示范阶段」「中期…产业链完善阶段」), around the best evidence."""
        asked = _ASKED_KIND.search(re.sub(r"\s", "", linked.raw or linked.focus))
        if not asked:
            return []
        kind = asked.group("kind")[-2:]
        # Words that name stages of a plan are often followed by their dates or aims in the
        # heading (「近期…试点示范阶段（2022—2025年）」); any other noun must end the heading.
        reach = len(kind) + 6 if kind in _STAGE_WORDS else len(kind)
        for e in evidence[:6]:
            # The best sentence may stand in an item of one of the listed sections (「23.
            # 强化…」 under 「（八）实施…工程」): its section's family, then its parent's.
            clause = e.clause
            for _ in range(2):
                parent = self.corpus.parent(clause.clause_id)
                family = self.corpus.children(parent.clause_id) if parent else [clause]
                named = [c for c in family if c.heading and kind in c.heading.rstrip("。；;：: ")[-reach:]]
                # Any other noun may end a heading or two by chance: most of the family must.
                if len(named) >= 2 and (kind in _STAGE_WORDS or len(named) >= 0.6 * len(family)):
                    # The section that holds them is cited too: it names the list (「二、规划布局原则」).
                    intro = [Point(parent, f"{task_title(parent, limit=50)}：")] if parent and parent.heading else []
                    return intro + [Point(c, task_title(c, limit=50), "· " if i or intro else "")
                                    for i, c in enumerate(named[:10])]
                if parent is None:
                    break
                clause = parent
        return []

    def _headed_section(self, linked: Linked, evidence: Sequence[Evidence]) -> ClauseRecord | None:
        """The section the question names by its heading (「生活性服务业数字提升行动具体覆盖
        哪几个产业」): its sub-clauses are the list."""
        asked = re.sub(r"\s", "", linked.focus)
        for e in evidence[:12]:
            heading = re.sub(r"\s|^(?:开展|实施|推进|加快|推动|加强)", "", e.clause.heading)
            if len(heading) >= 6 and heading in asked and len(self.corpus.children(e.clause.clause_id)) >= 2:
                return e.clause
        return None

    def _quotes(self, evidence: Sequence[Evidence], linked: Linked | None = None) -> list[Point]:
        best = evidence[0]
        segments = circled_segments(best.clause.text)
        if linked is not None and "分别" in linked.raw and len(segments) >= 2:
            # 「两芯分别重点布局什么」: every numbered item of the clause, each cut to what it says.
            return [Point(best.clause, trim(seg.strip(), must_keep=self.terms, limit=90), "· " if i else "")
                    for i, seg in enumerate(segments[:8])]
        if linked is not None and re.search(r"分别|各(?:能|可|自|是|为|要)", linked.raw):
            run = parallel_run(best)
            if run:
                # 「报废并更新、只更新、只提前报废…分别补贴多少」: every case the plan prints
                # in the same form, in its order — not the best one and one more.
                return [Point(best.clause, line, "· " if i else "") for i, line in enumerate(run)]
        text = render(best, terms=self.terms, figure=self.figure)
        if linked is not None and "incentive" in linked.intents:
            text += _continuation(best)
        points = [Point(best.clause, text)]
        # Sentences nearly as good may hold what the best one lacks: add them, within a budget.
        used = len(text)
        for other in evidence[1:8]:
            if len(points) >= MAX_QUOTES or other.score < best.score * self.cal.second_point:
                break
            if other.coverage < self.cal.min_coverage or any(other.sentence in p.text or p.text in other.sentence
                                                              for p in points):
                continue
            line = render(other, terms=self.terms, figure=self.figure)
            if used + len(line) > QUOTE_BUDGET:
                break
            points.append(Point(other.clause, line))
            used += len(line)
        return points


def _repeats(line: str, said: str) -> bool:
    """A part's line that quotes what an earlier line quotes (the same sentence, cut
    otherwise): 「首次进入…百强的企业，一次性奖励200万元」 once, not for each way it is asked."""
    pieces = [p for p in re.split(r"…|[，,。；;]", line) if len(p) >= 8]
    return line == said or (bool(pieces) and all(p in said for p in pieces))


def render(evidence: Evidence, limit: int = 160, terms: Sequence[str] = (), figure: bool = True) -> str:
    """The evidence as an answer line: a table row as "metric：value unit", else the sentence
    cut down to the comma-parts that carry the question's terms (or, failing that, numbers;
    a question that asks no figure keeps the parts with its words even when they hold none:
    the 「2020」 of a conference's name is not what 「原文怎么描述的」 asks for)."""
    if evidence.clause.kind == "table_row":
        return render_record(evidence.clause.text)
    if terms:
        sums = _MONEY.findall(evidence.sentence)
        # What a figure question asks for goes in first: the sums and shares an offer pays.
        # A question asking no figure still gets the figure of a part that carries its
        # words (「扣减方式」: 「按每户每年24000元为限额依次扣减」) before parts that only
        # restate who qualifies.
        asked = [*sums, *_SHARE.findall(evidence.sentence)] if figure else _figures_beside(evidence.sentence, terms)
        focused = trim(evidence.sentence, must_keep=[*terms, *sums], limit=min(limit, 140), first=asked)
        if not focused.endswith("…") or re.search(r"\d", focused) or not re.search(r"\d", evidence.sentence):
            return focused
        if not figure and any(t in evidence.sentence for t in terms):
            return focused
    numbers = re.findall(r"\d[\d.,]*\s*[%％万亿个家台条]?", evidence.sentence)
    return trim(evidence.sentence, must_keep=numbers, limit=limit)


def _figures_beside(sentence: str, terms: Sequence[str]) -> list[str]:
    """The sums and shares of the comma-parts of ``sentence`` that hold one of ``terms``."""
    return [figure for part in comma_parts(sentence) if any(t and t in part for t in terms)
            for figure in [*_MONEY.findall(part), *_SHARE.findall(part)]]


def _opening(evidence: Evidence, limit: int = 300) -> str:
    """A definition: the defining sentence and what directly follows, within ``limit``;
    a footnote or box line from its start, since that is where it names its term."""
    clause = evidence.clause
    if clause.kind == "table_row":
        return render(evidence)
    text = clause.text
    start = 0 if clause.kind in ("footnote", "item") else max(text.find(evidence.sentence), 0)
    return _cap(text[start:], limit)


_WHICH = re.compile(rf"(?:是|有|包括|包含|分为)?(?:{WHICH})")


def _listed_noun(question: str) -> str | None:
    """「…遵循的基本原则是哪几条？」 → 「基本原则」: the noun a list question asks the items of."""
    text = re.sub(r"[\s“”\"]", "", question)
    m = _WHICH.search(text)
    if m is None:
        return None
    before = re.split(r"[的，,、：:]", text[:m.start()])[-1]
    noun = re.sub(r"^[^\u4e00-\u9fff]+", "", before)[-6:]
    return noun if len(noun) >= 2 else None


def _cap(body: str, limit: int) -> str:
    if len(body) <= limit:
        return body
    cut = body[:limit]
    end = max(cut.rfind("。"), cut.rfind("；"))
    return cut[: end + 1] if end > 40 else cut + "…"


_ORDINAL_ITEM = re.compile(r"(?:^|(?<=[：:；;。，,]))\s*([一二三四五六七八九十]是)")


def _ordinal_items(text: str, sentence: str) -> str:
    """「主要体现在：一是数字化意识不足、治理体系滞后，在…；二是…」: each 一是/二是 item by its
    first words, after the sentence that introduces them."""
    start = max(text.find(sentence), 0)
    body = text[start:]
    marks = list(_ORDINAL_ITEM.finditer(body))
    if len(marks) < 2 or marks[0].group(1) != "一是":
        return ""
    intro = body[: marks[0].start()].strip()
    items = []
    for mark, following in zip(marks, [*marks[1:], None]):
        item = body[mark.end(): following.start() if following else len(body)]
        items.append(mark.group(1) + cut(re.split(r"[，,；;。]", item.strip())[0], 40))
    return f"{trim(intro, limit=60)}{'；'.join(items)}。"


_INLINE_NUMBER = re.compile(r"[（(]([1-9])[)）]")


def _numbered_items(text: str, sentence: str) -> str:
    """「具备以下资质之一：（1）获得…证书；（2）…；（3）…。」: the items numbered inline after
    the sentence's colon, in their order, each whole up to its 「；」 — sentences split at
    「；」 would keep the first alone."""
    start = max(text.find(sentence), 0)
    body = text[start:].split("。")[0]
    marks = list(_INLINE_NUMBER.finditer(body))
    if len(marks) < 2 or not re.search(r"[：:]\s*$", body[: marks[0].start()]):
        return ""
    if [int(m.group(1)) for m in marks] != list(range(1, len(marks) + 1)):
        return ""
    items = [body[m.start(): (n.start() if n else len(body))].strip().rstrip("；;，,")
             for m, n in zip(marks, [*marks[1:], None])]
    return f"{trim(body[: marks[0].start()].strip(), limit=60)}{'；'.join(cut(i, 60) for i in items)}。"


def circled_segments(text: str) -> list[str]:
    return [p for p in re.split(r"(?=[①②③④⑤⑥⑦⑧⑨⑩])", text)[1:] if p.strip()]


_TIERS_MAX = 3
_RUN_MAX = 6


def parallel_run(evidence: Evidence) -> list[str]:
    """The sentences of ``evidence``'s clause that state a figure in the same form as it
    (「…，平均每辆车补贴8万元；…，平均每辆车补贴3.5万元；…，平均每辆车补贴3万元。」): the form
    is the last comma-part with its figures blanked. Empty unless three or more share it."""
    parts = sentences(evidence.clause.text)
    if evidence.sentence not in parts:
        return []
    form = _figure_form(evidence.sentence)
    if not form:
        return []
    at = parts.index(evidence.sentence)
    start = at
    while start > 0 and _figure_form(parts[start - 1]) == form:
        start -= 1
    end = at + 1
    while end < len(parts) and _figure_form(parts[end]) == form:
        end += 1
    run = [re.sub(r"[（(][^（）()]*(?:牵头|负责|单位)[^（）()]*[）)]\s*$", "", p).strip() for p in parts[start:end]]
    return run[:_RUN_MAX] if len(run) >= 3 else []


def _figure_form(sentence: str) -> str:
    """「平均每辆车补贴#万元」: the closing comma-part of a sentence with its figures blanked,
    when it holds one."""
    body = re.sub(r"[（(][^（）()]*[）)]\s*$", "", sentence.strip()).rstrip("。；;，, ")
    last = re.split(r"[，,：:]", body)[-1]
    if not re.search(r"\d", last):
        return ""
    return re.sub(r"\d[\d.,]*", "#", last)


def _continuation(evidence: Evidence) -> str:
    """The sentences after an offer while they go on with its next tiers or its cap
    (「…5000万元以上的，按5%给予奖补；1亿元以上的，按10%…；…」), up to three."""
    parts = sentences(evidence.clause.text)
    if evidence.sentence not in parts:
        return ""
    at = parts.index(evidence.sentence)
    text, previous = "", evidence.sentence
    for following in parts[at + 1: at + 1 + _TIERS_MAX]:
        if not (_MONEY_OR_SHARE.search(following) and len(following) <= 120
                and (_GOES_ON.match(following) or _same_subject(previous, following))):
            break
        text, previous = text + following, following
    return text


def _same_subject(sentence: str, following: str) -> bool:
    """「对…投资5000万元以上的，按5%…；对…1亿元以上的，按10%…」: the next tier restates the
    subject the offer opened with."""
    opening = re.sub(r"\s|^对于?", "", following)[:12]
    return len(opening) >= 6 and sum(ch in sentence for ch in opening) / len(opening) >= 0.8


def _named_segment(segments: list[str], words: list[str]) -> str | None:
    """The one circled item the question names (「七园里的智能终端产业园」 → ③): the item
    whose opening holds the longest of the question's words, when no other holds it."""
    scored = [(max((len(w) for w in words if len(w) >= 3 and w in seg[:30]), default=0), seg)
              for seg in segments]
    scored.sort(key=lambda p: -p[0])
    if scored and scored[0][0] >= 4 and (len(scored) == 1 or scored[0][0] > scored[1][0]):
        return scored[0][1]
    return None


def _focus_words(linked: Linked) -> list[str]:
    from qa.lexical import tokenize

    return [name for _, name in linked.entities] + tokenize(linked.focus)


def circled_items(text: str) -> list[str]:
    """'①5G+工业互联网产业园，建设…；②云计算产业园，以…' → ['①5G+工业互联网产业园', ...]."""
    parts = re.split(r"(?=[①②③④⑤⑥⑦⑧⑨⑩])", text)
    return [re.split(r"[，,；;。]", p)[0] for p in parts[1:] if p.strip()]


def _words_said(said: str, part: str) -> bool:
    """Most of the part's words of two characters or more are in ``said``: 「车桩增量比」 is not
    said by a sentence holding 车, 桩 and 比 apart; nor 「工作专班的组长」 without its 组长."""
    words = [w for w in metric_words(part) if len(w) >= 2]
    return head_said(said, part) and (not words or words_named(said, words) >= 0.6)


def _own_words_said(said: str, part: str, others: list[str]) -> bool:
    """Whether ``said`` names what sets the part apart from the other parts asked: 「一般补贴
    机具的单机补贴限额」 beside 「挤奶机械和烘干机的单机补贴限额」 is not said by the line on
    挤奶机械, though it shares 单机补贴限额."""
    shared = {w for other in others for w in metric_words(other)}
    own = [w for w in metric_words(part) if len(w) >= 2 and w not in shared]
    # 「1级能效家电」 beside 「2级能效家电」: the grade is what sets it apart.
    # (「省、市级创新平台」 is not said by the 「市级及以上主管部门」 of the line on 国家级 platforms.)
    grades = [g for g in re.findall(GRADE, part) if not any(g in other for other in others)]
    if grades and not any(g in re.sub(r"\s", "", said) for g in grades):
        return False
    return not own or words_named(said, own) > 0


def _item_point(clause: ClauseRecord) -> Point:
    """A list item as an answer shows it: its text run together, cut at 90 characters."""
    return Point(clause, _cap(re.sub(r"\s+", "", clause.text), 90), "· ")


def _opening_alike(after: Sequence[ClauseRecord], *, articles: bool) -> list[ClauseRecord]:
    """The clauses from the first of ``after`` while they open as it does (「一、」「二、」,
    「第1年」「第2年」), at most ``_ITEMS_MAX``; ``articles=False`` stops at an article
    (「第十六条」), which is no item of a list."""
    kind = _item_kind(after[0].text) if after else None
    items = []
    for item in after[:_ITEMS_MAX]:
        if kind is None or _item_kind(item.text) != kind or (not articles and _ARTICLE.match(item.text)):
            break
        items.append(item)
    return items


def _item_kind(text: str) -> str | None:
    """How a list item opens, numbers aside: 「第1年」 and 「第2年」 are one kind."""
    m = _ITEM_MARK.match(text)
    return re.sub(r"[\d一二三四五六七八九十①②③④⑤⑥⑦⑧⑨⑩]+", "N", m.group().strip()) if m else None
