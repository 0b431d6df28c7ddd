"""Deciding that the plans do not answer: ``found=False`` instead of a look-alike.

Each check reads the question against the best evidence, in plan language terms:
- a place no plan covers; too little of the question covered by any sentence;
- the question's most specific name (「PUE」) in no answering sentence;
- a count in a unit (「多少条」) or an ordinal (「第二套」) the sentences do not give —
  they speak of 「首套」;
- a year the answering sentences and their sections do not reach (「到2030年」 asked, the
  sentences under 「近期（2022–2025年）」).
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable, Sequence

from qa.asktype import WHICH
from qa.compose import NOT_FOUND, NOT_FOUND_EN
from qa.corpus import ClauseCorpus, DocInfo
from qa.evidence import ABSENT_WEIGHT, SYNONYMS, Evidence, canonical, is_name
from qa.lexical import pos_cut, tokenize
from qa.link import Linked
from qa.strategies.base import Calibration, Context

_FIGURE = re.compile(r"(?<![A-Za-z\d])\d+(?:\.\d+)?(?![A-Za-z\d])")  # a quantity, not the 5 of 「5G」
_GENERIC_MEASURES = {"规模", "数量", "数", "总量", "总额", "金额", "额度", "目标", "标准", "门槛", "水平", "比例", "比重",
                     "占比", "上限", "最多", "最高", "多少", "指标", "情况", "要求"}
_BOUNDS = {"门槛", "上限", "下限"}
# Plans name what an enterprise gets in many words (「奖励」 asked, 「给予一次性补助」 printed):
# none of them tells one support measure from another.
_SUPPORT = {"奖励", "补贴", "补助", "奖补", "资助", "支持", "扶持", "奖金", "补偿", "贴息", "激励", "优惠"}
# 「二三孩」 is 二孩 and 三孩: a run of ordinals shares its measure word.
_ORDINAL = re.compile(r"((?:首|第[一二三四]|[二三四])+)(套|次|孩|批)")
_ORDINAL_KIND = {"次": "套"}  # 「首次购房」 is the 首套; a 孩 or a 批 is another kind of count
_MONEY = re.compile(r"\d[\d.,]*\s*(?:[万亿千百]\s*)?元")
_SUM = re.compile(_MONEY.pattern + r"|\d+(?:\.\d+)?\s*(?:[%％倍]|个?百分点)|\d[\d.,]*\s*[万亿]")
# What a sentence that grants something prints: a support word or the verb that pays.
_GRANT = re.compile("|".join(sorted(_SUPPORT)) + r"|给予|发放|兑现|享受|减免|免收|减半")
_SHARE = re.compile(r"\d+(?:\.\d+)?\s*[%％‰]|百分之|分之[一二三四五六七八九十]|[一二三四五六七八九十两]成|\d+\s*[:：]\s*\d+|"
                    r"个百分点|全额|\d+\s*倍")
_YEARLY = re.compile(r"每年|一年的|年度|每一年|按年")
_ONE_OFF = re.compile(r"一次性")
_YEAR = re.compile(r"(20\d\d)\s*年?(?:\s*[—–\-－~至到]\s*(20\d\d))?")


_HOW_MANY = re.compile(r"\bhow\s+(?:many|much)\b", re.I)
_CHINESE_NAME = re.compile(r"[（(“\"「]\s*([^（）()“”\"「」]*?[\u4e00-\u9fff]{2,}[^（）()“”\"「」]*?)\s*[）)”\"」]")


def _chinese_names(question: str) -> list[str]:
    """The Chinese names an English question quotes or glosses in brackets."""
    return [re.sub(r"\s", "", m) for m in _CHINESE_NAME.findall(question) if len(re.sub(r"\s", "", m)) >= 3]


class Refusal:
    def __init__(self, corpus: ClauseCorpus, calibration: Calibration) -> None:
        self.corpus = corpus
        self.cal = calibration

    def reason(self, ctx: Context, evidence: Sequence[Evidence]) -> str | None:
        """Why the plans do not answer, or None when the evidence can."""
        linked = ctx.linked
        english = f" ({NOT_FOUND_EN})" if linked.english else ""
        if linked.unknown_places:
            return f"已加载的规划文件没有涉及{'、'.join(linked.unknown_places)}的内容，无法回答。{english}"
        # 「…最长能贷多少年？有什么限制？」: each sentence of a question may be answered by its
        # own sentence of the plan; the whole question's words are in none of them.
        alone = self._a_sentence_answered(ctx, evidence)
        if not evidence or (max(e.coverage for e in evidence[:3]) < self.cal.min_coverage and not alone):
            return NOT_FOUND_EN if linked.english else NOT_FOUND
        top = [e for e in evidence[:10] if e.coverage >= self.cal.min_coverage]
        name = None if linked.english else anchor(ctx.terms, linked, ctx.known)
        # A sentence a little below the bar still shows the plans speak of the anchor when it
        # is nearly as well covered as the best one (``qa.answerer`` then answers with it).
        best = max(e.coverage for e in evidence[:3])
        near = [e for e in evidence[:10] if e.coverage >= min(self.cal.min_coverage,
                                                              max(self.cal.min_coverage * 0.8, best * 0.75))]
        if name and not _asked_kind(linked, name) \
                and not any(_says(e.sentence, name) or name in e.clause.heading for e in near):
            return f"已加载的规划文件中没有找到关于“{name}”的相应内容。"
        counted = ctx.plan.asks & {"quantity", "amount"}
        # An English question naming its thing in Chinese (「5G full-connection factories
        # (5G全连接工厂)」) names it exactly: a figure asked of it comes from a sentence printing
        # that name and a figure, or the plans do not give it.
        for named in (_chinese_names(ctx.question) if linked.english else []):
            if not ctx.known(named):
                return f"已加载的规划文件中没有找到关于“{named}”的相应内容。{english}"
            if (counted or _HOW_MANY.search(ctx.question)) and not any(
                    named in re.sub(r"\s", "", e.sentence) and _FIGURE.search(e.sentence) for e in evidence[:10]):
                return f"已加载的规划文件没有给出“{named}”的数量。{english}"
        measured = measured_thing(ctx.plan.core) if counted else None
        kind = measured_kind(ctx.plan.core) if measured else None
        if alone:
            # What one sentence of the question asks that the plans do not give is said of
            # that part (「纳入门槛：…未给出」), not of the whole question.
            measured = kind = None
        if measured and not any(_FIGURE.search(e.sentence) and self._names_measured(e, measured)
                                and (not kind or self._names_measured(e, kind)) for e in near[:8]):
            return f"已加载的规划文件没有给出“{ctx.plan.core}”的数量。{english}"
        # 「发放多少元购房补贴」 answered by 「最高可贷款额度上浮20%」: a grant asked, and no
        # sentence near the top speaks of any grant.
        if "amount" in counted and not alone and near and any(w in ctx.plan.core for w in _SUPPORT) \
                and not any(_GRANT.search(" ".join([e.sentence, *self._headings(e)])) for e in near[:5]):
            return f"已加载的规划文件没有给出“{ctx.plan.core}”的金额。{english}"
        # 「工业增加值总量要达到多少亿元」 answered by 「工业增加值年均增长6%以上」: a sum of
        # money asked, and the sentences that speak of the measured thing print none.
        if measured and linked.ask.unit == "元":
            carrying = [e for e in near[:8] if self._names_measured(e, measured)]
            if carrying and not any(linked.ask.prefers(e.sentence) for e in carrying):
                return f"已加载的规划文件没有给出“{ctx.plan.core}”的金额。{english}"
        # 「一年的运营补贴最多多少」 answered by 「一次性给予补贴」: a yearly sum asked, a one-off
        # printed, and no sentence of that plan near the top gives anything by the year (another
        # plan's yearly grant for something else is no answer either).
        if "amount" in ctx.plan.asks and _YEARLY.search(linked.raw) and near \
                and _ONE_OFF.search(near[0].sentence) \
                and not any(_YEARLY.search(e.sentence) for e in near[:8] if e.clause.doc_id == near[0].clause.doc_id):
            return f"已加载的规划文件只给出一次性的金额，没有按年给出。{english}"
        # 「按费用的多少比例给予补贴」 answered by 「支持…购买智能算力」: a share asked, and no
        # sentence near the top prints any.
        if "share" in ctx.plan.asks and not alone and near \
                and not any(_SHARE.search(e.sentence) or _SHARE.search(e.clause.text) for e in near[:5]):
            return f"已加载的规划文件没有给出所问的比例。{english}"
        # 「电动自行车以旧换新每辆补贴多少元」 answered by 「…公交车…每辆车补贴额…8万元」: a sum per
        # item asked of one thing; the plans speak of it, but no sentence naming it prints a sum.
        owner = self._per_item_owner(ctx) if linked.ask.per_unit and "amount" in ctx.plan.asks and not alone else None
        if owner and near and any(owner in e.sentence for e in ctx.evidence[:30]) \
                and not any(owner in e.sentence and _SUM.search(e.sentence) for e in near[:8]):
            return f"已加载的规划文件没有给出“{owner}”的具体金额。{english}"
        # 「安排了多少专项资金」 answered by 「贡献达到60%以上」: money asked, a share printed.
        if {"amount", "money"} <= ctx.plan.asks and near and not alone \
                and not any(_MONEY.search(e.clause.text) for e in near[:5]):
            return f"已加载的规划文件没有给出“{ctx.plan.core}”的金额。{english}"
        # 「给多少落户奖励」 answered by 「引进一批重大项目」: a sum asked, none printed where the
        # answer would come from.
        if "amount" in ctx.plan.asks and near and not alone and not any(_SUM.search(e.clause.text) for e in near[:5]):
            return f"已加载的规划文件没有给出“{ctx.plan.core}”的金额。{english}"
        if linked.ask.unit and not alone and not any(linked.ask.prefers(e.sentence) for e in top[:5]):
            return f"已加载的规划文件没有给出所问的数量（以“{linked.ask.unit}”计）。{english}"
        asked = _ordinals(linked.raw)
        kinds = {kind for _, kind in asked}
        said = [{o for o in _ordinals(e.sentence) if o[1] in kinds} for e in top[:5]]
        # The best sentence speaks of another ordinal of the same kind (「首次申请…」 for 「第二套
        # 房」), and so does every other one that names one: the plans cover only that case.
        if asked and said and said[0] and all(not s & asked for s in said if s):
            cases = sorted({''.join(o) for s in said for o in s})
            return f"已加载的规划文件只说到{'、'.join(cases)}的情形。{english}"
        # 「购买二手住房…补贴多少」 answered by 「购买新建商品住房的…」: the case asked is one of
        # a pair plans keep apart, and the sentences near the top speak only of the other.
        other = _other_case(linked.raw, [e.sentence for e in top[:5]])
        if other:
            return f"已加载的规划文件只说到{other}的情形。{english}"
        if linked.years and not self._year_supported(ctx, top or evidence[:1], measured):
            years = "、".join(f"{y}年" for y in linked.years)
            if ctx.plan.asks & {"quantity", "amount"} and ctx.plan.core:
                return f"已加载的规划文件没有给出{years}“{ctx.plan.core}”的数量。{english}"
            return f"已加载的规划文件没有关于{years}的相应内容。{english}"
        return None

    @staticmethod
    def _per_item_owner(ctx: Context) -> str | None:
        """What a per-item sum is asked of (「电动自行车」 in 「电动自行车每辆补贴多少」): the
        question's weightiest name that is neither the item nor a support word."""
        names = [(w, t) for t, w in ctx.terms.items()
                 if len(t) >= 2 and w != ABSENT_WEIGHT and t in (ctx.linked.focus or "") and not t.startswith("每")
                 and t not in _SUPPORT and t not in _GENERIC_MEASURES and is_name(t)]
        if not names:
            return None
        owner, focus = max(names)[1], ctx.linked.focus or ""
        # Named whole: 「电动」 before 「自行车」 is part of the name.
        words = [t for t in ctx.terms if len(t) >= 2 and t not in _SUPPORT and not t.startswith("每")]
        grown = True
        while grown:
            grown = False
            for t in words:
                if t + owner in focus and t not in owner:
                    owner, grown = t + owner, True
        return owner

    def _a_sentence_answered(self, ctx: Context, evidence: Sequence[Evidence]) -> bool:
        """A question of two or more sentences one of which a plan sentence covers by itself:
        its own words, weighted as in the whole question, mostly in that sentence, its
        heading or its document's title. A sentence naming what no plan mentions is not."""
        asked = [s for s in re.split(r"[？?；;！!。]", ctx.linked.raw or "") if s.strip()]
        if len(asked) < 2 or ctx.linked.english:
            return False
        for sentence in asked:
            own = {t: w for t, w in ctx.terms.items() if t in sentence}
            if len(own) < 2 or ABSENT_WEIGHT in own.values():
                continue
            total = sum(own.values())
            for e in evidence[:10]:
                doc = self.corpus.docs.get(e.clause.doc_id)
                text = f"{e.sentence}{e.clause.heading}{doc.title if doc else ''}"
                if sum(w for t, w in own.items() if t in text) >= self.cal.min_coverage * total:
                    return True
        return False

    def _year_supported(self, ctx: Context, evidence: Sequence[Evidence], measured: str | None) -> bool:
        """A year is reached by a sentence that names it (or a range holding it), else by
        the sentences before it in its paragraph, its section headings, or the opening of
        the paragraph before it (「近期目标（2022－2025）：到2025年…」 followed by a paragraph
        of further figures), else by its document's period.

        When a figure is asked, only a sentence that gives one can reach the year: a figure
        (not a year) in the asked unit, of the measured thing. 「到2030年累计建成多少个充电桩」
        is not answered by 「到2030年，基本建成…体系」 beside 「到2025年…建成2000个」.
        ``measured``: what the figure counts (``measured_thing``), as ``reason`` found it."""
        linked = ctx.linked
        evidence = evidence[:8]
        if ctx.plan.asks & {"quantity", "amount"}:
            # With no sentence giving such a figure, which year one belongs to is unknown:
            # every sentence may still reach the year (the other checks judge the figure).
            evidence = [e for e in evidence if self._gives_figure(e, linked, measured)] or evidence
        for e in evidence:
            said = (_years(e.sentence) or self._earlier_years(e) or _years(" ".join(self._headings(e)))
                    or self._lead_years(e))
            if said:
                if any(y in said for y in linked.years):
                    return True
                continue
            doc = self.corpus.docs.get(e.clause.doc_id)
            if doc is not None and any(str(y) in (doc.period or "") or y in _years(doc.period or "")
                                       or y in _years(doc.title) or _for_the_year(doc, y)
                                       for y in linked.years):
                return True
            if any(str(y) in e.clause.text for y in linked.years):
                return True
        return False

    def _gives_figure(self, e: Evidence, linked: Linked, measured: str | None) -> bool:
        if not (_FIGURE.search(_YEAR.sub("", e.sentence)) or _WORDED_FIGURE.search(e.sentence)):
            return False
        if e.clause.kind == "table_row":
            return True  # a row's unit and measured thing may stand in its table's header
        if linked.ask.unit and not linked.ask.prefers(e.sentence):
            return False
        return not measured or self._names_measured(e, measured)

    def _names_measured(self, e: Evidence, measured: str) -> bool:
        """What a figure counts may be named by the sentence or by the sections it stands in
        (「奖励」 in the heading above 「给予50万元」)."""
        return measured in e.sentence or measured in canonical_text(" ".join([e.sentence, *self._headings(e)]))

    @staticmethod
    def _earlier_years(e: Evidence) -> set[int]:
        """The goal years of the nearest sentence before ``e``'s in its clause that sets
        one (「到2025年，…」); a year that dates a fact (「2020年，全市…」) is no goal's."""
        before = e.clause.text.split(e.sentence, 1)[0] if e.sentence in e.clause.text else ""
        for sentence in reversed(re.split(r"(?<=[。；;！!？?])", before)):
            if years := _goal_years(sentence):
                return years
        return set()

    def _lead_years(self, e: Evidence) -> set[int]:
        """The years opening the paragraph right before ``e``'s clause, under the same
        parent: a dated lead (「近期目标（2022－2025）：到2025年，…」) covers the undated
        paragraph that continues its list of figures."""
        siblings = self.corpus.siblings(e.clause)
        ids = [c.clause_id for c in siblings]
        if e.clause.clause_id not in ids:
            return set()
        at = ids.index(e.clause.clause_id)
        if at == 0:
            return set()
        opening = re.split(r"[。；;]", siblings[at - 1].text, maxsplit=1)[0]
        return _goal_years(opening[:40])

    def _headings(self, evidence: Evidence) -> list[str]:
        headings, clause = [evidence.clause.heading], self.corpus.parent(evidence.clause.clause_id)
        while clause is not None and len(headings) < 4:
            headings.append(clause.heading)
            clause = self.corpus.parent(clause.clause_id)
        return headings


_WHICH_KIND = re.compile(r"哪(?:些|几[个项类种条大]?)(?:具体的?)?([\u4e00-\u9fff]{1,6}?)(?=[？?，,。]|$)")


# The words right after an interrogative, up to the punctuation that ends the question:
# 「要成为什么地方？」, 「往哪几个“化”的方向建设？」.
_ASKED_SPAN = re.compile(rf"(?:{WHICH})([^？?，,。；;]{{1,10}})(?=[？?，,。；;]|$)")


def _says(sentence: str, name: str) -> bool:
    """``name`` printed, or spelled out with one character between two of its own
    (「套房」 in 「首套住房」): a question often contracts what plans print in full."""
    if name in sentence:
        return True
    return len(name) >= 2 and re.search(".?".join(map(re.escape, name)), sentence) is not None


def _asked_kind(linked: Linked, name: str) -> bool:
    """「包括哪些品类」, 「要成为什么地方」: the kind of item a question asks for is the
    question's word (品类, 领域, 地方, 方向); the plan names the items without it. The kind
    ends the question but for a verb or a particle (「…的方向建设？」)."""
    asked = re.sub(r"\s", "", linked.raw or linked.focus)
    if any(name in kind for kind in _WHICH_KIND.findall(asked)):
        return True
    # 「哪些情形不允许贷款」: the noun right after the interrogative is the kind asked for,
    # whatever the question says of it next (the plan prints 「下列情形」 or only the cases).
    # So is the noun after 什么 (「什么时间段内」: the plan prints the dates, never 时间段).
    if re.search(rf"(?:哪些|哪几[个项类种条大]?|哪[类种]|什么)(?:具体的?)?{re.escape(name)}", asked):
        return True
    # 「部署了哪几大工程」「提出了哪些措施」: the verb that asks for the members is phrasing.
    if re.search(rf"{re.escape(name)}了?(?:哪些|哪几)", asked):
        return True
    return any(name in span and len(span) - span.rindex(name) - len(name) <= 2
               for span in _ASKED_SPAN.findall(asked))


def anchor(weights: dict[str, float], linked: Linked,
           printed: Callable[[str], bool] | None = None) -> str | None:
    """The question's most specific word — far rarer in the plans than its other words
    (「PUE」 beside 「数据中心」「新建」): an answer that never mentions it answers
    something else. Only a name (「PUE」「所得税」): a rare verb or time word is phrasing."""
    # A bound asked of the thing (「纳入门槛」「补贴上限」) is printed as phrasing (「1000吨标煤
    # 以上」「最高500万元」), seldom as the word: never the thing asked about.
    own = sorted(((w, t) for t, w in weights.items()
                  if t in linked.focus and w != ABSENT_WEIGHT and len(t) >= 2 and not t.isdigit()
                  and t not in _BOUNDS),
                 reverse=True)
    if len(own) < 3:
        return None
    median = statistics.median(w for w, _ in own)
    weight, term = own[0]
    compound = _compounded(linked.raw or linked.focus).get(term)
    # A verb named so is the thing asked about only when no plan prints the name (「免租期」;
    # 「消费券」「实施期」 are printed, and answered without the verb), and not of a list,
    # whose items seldom repeat the question's verb.
    named = is_name(term) or (compound is not None and printed is not None and "list" not in linked.intents
                              and not printed(compound))
    return term if weight >= 1.6 * median and weight >= 3.0 and named else None


def _compounded(question: str) -> dict[str, str]:
    """Verbs a one-character noun makes a name of in the question, with the name (「免租期」
    cut 免租 + 期)."""
    words = [(w, flag) for w, flag in pos_cut(re.sub(r"\s", "", question)) if w.strip()]
    return {w: w + after for (w, flag), (after, after_flag) in zip(words, words[1:])
            if flag.startswith("v") and len(w) >= 2 and len(after) == 1 and after_flag == "n"}


def measured_thing(core: str) -> str | None:
    """The noun a figure asked about must count (「氢能产业发展基金」 → 「基金」, 「新型储能
    装机规模」 → 「装机」): the core's last noun that is not a generic measure word (规模,
    数量, 标准…). None when the core is a single word — nothing to tell it from."""
    words = [(SYNONYMS.get(w, w), flag) for w, flag in pos_cut(core) if w.strip()]
    after_measure = False
    while words and (words[-1][0] in _GENERIC_MEASURES or not words[-1][1].startswith(("n", "vn"))):
        if after_measure and words[-1][1].startswith("v") and len(words[-1][0]) >= 2:
            break  # 「首付比例」「投资规模」: what stands right before the measure word is measured
        after_measure = words[-1][0] in _GENERIC_MEASURES
        words.pop()
    if len(words) < 2 or len(words[-1][0]) < 2 or words[-1][0] in _SUPPORT:
        return None
    return words[-1][0]


def measured_kind(core: str) -> str | None:
    """The noun that says which kind of the measured thing is asked (「光伏装机规模」 →
    「光伏」 before 「装机」): a sentence giving another kind's figure (「电源总装机容量」)
    answers something else. None when the word before the measured noun is a verb, a
    place, the plan's own territory (全区) or a measure word."""
    measured = measured_thing(core)
    words = [(SYNONYMS.get(w, w), flag) for w, flag in pos_cut(core) if w.strip()]
    at = [i for i, (w, _) in enumerate(words) if w == measured]
    if not at or at[-1] == 0:
        return None
    word, flag = words[at[-1] - 1]
    if flag not in ("n", "nz", "j") or len(word) < 2 or word in _GENERIC_MEASURES or word in _SUPPORT \
            or re.fullmatch(r"[全本我各][省市区县州]|[省市区县]级?", word):
        return None
    return word


def canonical_text(text: str) -> str:
    """``text`` with each word in the form the question's words are compared in."""
    return "".join(canonical(tokenize(text)))


# Cases policy language keeps apart: a rule for one says nothing of the other.
_CASE_PAIRS = ((("二手房", "二手住房", "存量住房", "二手"), ("新建商品住房", "新建商品房", "新房", "一手房")),
               (("国有企业", "国企"), ("民营企业", "民企")))


def _other_case(question: str, sentences: Sequence[str]) -> str | None:
    """The other case of a pair when the question asks one and every sentence that names
    either names only the other; None otherwise."""
    text = re.sub(r"\s", "", question)
    for pair in _CASE_PAIRS:
        for asked, other in (pair, pair[::-1]):
            if not any(w in text for w in asked) or any(w in text for w in other):
                continue
            naming = [s for s in sentences if any(w in s for w in (*asked, *other))]
            if naming and not any(w in s for s in naming for w in asked):
                return next(w for w in other if any(w in s for s in naming))
    return None


def _ordinals(text: str) -> set[tuple[str, str]]:
    """(number, kind) of each ordinal printed: 首 for 第一, 套 for 次."""
    found = set()
    for numbers, unit in _ORDINAL.findall(re.sub(r"\s", "", text)):
        for number in re.findall(r"首|第[一二三四]|[二三四]", numbers):
            found.add(({"第一": "首", "第二": "二", "第三": "三", "第四": "四"}.get(number, number),
                       _ORDINAL_KIND.get(unit, unit)))
    return found


# Figures plans write in words: 「翻一番」, 「全覆盖」, 「百分之百」, 「三千家」.
_WORDED_FIGURE = re.compile(r"翻[一两二三]番|全覆盖|百分之|[一二两三四五六七八九十百千万亿]{2,}[个家座条项台辆所名人户元倍]")
_GOAL_YEAR = re.compile(r"(?:到|至|截至|截止)\s*(20\d\d)\s*年|(20\d\d)\s*年?\s*[—–\-－~至到]\s*(20\d\d)")


def _for_the_year(doc: DocInfo, year: int) -> bool:
    """A plan with no period of its own (若干措施, 实施细则) speaks of the year it is issued in."""
    return not doc.period and bool(doc.issued) and str(doc.issued).startswith(str(year))


def _goal_years(text: str) -> set[int]:
    """Years a text sets goals for: 「到2025年」, a period 「（2022－2025）」."""
    years: set[int] = set()
    for by, start, end in _GOAL_YEAR.findall(text):
        years |= {int(by)} if by else set(range(int(start), int(end) + 1))
    return years


def _years(text: str) -> set[int]:
    years: set[int] = set()
    for start, end in _YEAR.findall(text):
        years |= set(range(int(start), int(end or start) + 1))
    return years
