"""Quantified targets: what a plan commits to reach, by when, for which region.

A number is a target when it is a future-oriented goal a plan states: in a plan document
(not a press report, unless it names a year still ahead of it), outside the plan's
background sections (发展基础/现状/形势 …), in a sentence that is not retrospective (no
year before the plan period, no 已/截至), not leaning on what exists (依托…), and not part
of an incentive (奖励/补贴/配套/各承担 amounts, money 安排-ed or 用好-ed), of a name (inside
“…” or 《…》, except the “1000+” goal form), nor a rule's threshold (对…5000万元以上的企业,
标的金额超过1000万元的，…) or a count of places just named (印发昆明、曲靖2个园区规划).
A goal's yearly shares (「…5218台，其中2024年850台、2025年1200台」) are goals of their year
(metric 「…（当年）」); 「三年内」 counts from the plan's first year; a forecast (预计, a 需求预测
section) is no goal unless it pledges or builds.
Every-year commitments (每年新增5万个) are targets too; their year, like that of any target
without a "到 YYYY 年" before it in its clause, is the plan period's end (for a plan that
prints no period, the goal year its text names most, when one dominates: 「到2027年」
throughout), and
the metric keeps the 每年/年均 to say so. A clause without a goal year of its own inherits the one
its section or intro paragraph states (``years``: 「到2025年，…」 above a list of goals).
Indicator-table rows (指标/单位/目标 or year cells) are read by ``indicators``.

Nor is a number a goal when it lays out sites (「全市共布局138个综合能源站，其中，高速点数34个」: a
layout plan's site counts, unless a goal year or a goal verb makes them one), sets a policy's
rate or ratio (「养老保险单位费率从19%降低到16%」, 「首付款比例下调至20%」) or a price (「基准价为420.7元/兆瓦时」),
restates a bound in brackets (「（不含144平方米）」), counts a list just
printed (「住宿和餐饮业等7个行业」) or a cited text's articles (「外贸保稳提质13条意见」), is a time
limit (「7个工作日」, 「3个月内」), says who qualifies for a grant the same sentence makes
(「吸纳脱贫劳动力10人以上，…给予5万元奖励」), sits in a computation (「1970*30%=591元/月」), or
is what a scoring rule scores (「每月不少于1次，得5分」) or weighs (「耕（36%权重）」). Nor is a rate of a
base a rule applies (「按不超过实际投入额的20%」), a cap on how many a programme picks (「每年遴选
不超过10个」), money a sentence grants or a budget line spends (「其中，用于…建设资金22亿元」), a
window a rule looks back on or a period it allows (「近12个月」, 「以后5个纳税年度」), the state that
triggers a rule (「当个贷率处于85%以上…时」), a class (「超千亿级」), what exists a phrase works
around (「围绕37条产业链」, unless around a goal), a measure that says which things a rule is for
(「单台机组容量小于1500千瓦的风电场」), or an estimate under a 测算/估算 heading. 「同比」 reports a
statistic unless the sentence pledges (「力争…同比增长5.5%」). A lead naming the measure before a
list of places (「计划作业面积依次为：甲乡0.9万亩、乙镇0.7万亩」) gives each place its goal.

>>> [(t.metric, t.value, t.unit, t.year) for t in extract_targets(doc_002)]
[('数字经济核心产业增加值年均增长', 10.0, '%', 2027), ('规上工业企业关键工序数控化率', 80.0, '%', 2027), ...]
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from ingest.extract.conditions import ancestors, condition_clause, intro_clauses, rule_number
from ingest.extract.indicators import goal_table, header_cells, place_row_targets, table_row_targets
from ingest.extract.metrics import (
    GENERIC, KNOWN, OWN, REGION, each_metric, metric_of, noun_after, paired_metrics,
)
from ingest.extract.numbers import (
    ANY_YEAR, COUNT_UNITS, Quantity, find_quantities, five_year_plan_end, is_money, normalize,
    per_unit, period_end, period_start, target_years,
)
from ingest.extract.years import YearScope, goal_years, horizon, within_years
from kg.types import Clause, ParsedDocument, Target

logger = logging.getLogger(__name__)

_SENTENCE = re.compile(r"[^。；;！!？?\n]+[。；;！!？?]?")
_COMMA = re.compile(r"[，,；;。：:！!？?\n]")
# Top-level sections that describe the past or the context rather than the plan.
_BACKGROUND = re.compile(r"基础|现状|形势|趋势|背景|回顾|成就|成效|环境|挑战")
# A forecast (「预计2025年电动公交车保有量为1.25万辆」, a 需求预测 section's tables) is what the
# plan expects, not what it commits to — unless it pledges or builds (「预计到2025年建设765个」).
_FORECAST = re.compile(r"预计|预测|预期")
# An estimate a heading announces (「投资规模测算」, 「投资估算」) is a forecast too.
_ESTIMATE_HEADING = re.compile(_FORECAST.pattern + r"|测算|估算")
_PLEDGE = re.compile(r"力争|计划|确保|目标|建设|新建|建成|改造|培育")
# A heading that sets about changing it (优化营商环境, 夯实发展基础) is a task, not background.
_NOT_BACKGROUND = re.compile(r"目标|任务|措施|保障|要求|思路|路径|布局|"
                             r"^(?:[一二三四五六七八九十]+、)?(?:优化|营造|改善|打造|提升|加强|完善|强化|"
                             r"推进|建设|构建|创新|培育|夯实|筑牢|健全)")
_PAST = re.compile(r"已(?:经|达|有|建成|实现|具备|形成|完成|累计|突破|超过)|截至|截止|此前|去年|上年")
# 「1-9月…同比增长12%」 reports; 「力争规上工业增加值同比增长5.5%」 pledges.
_YEAR_ON_YEAR = re.compile(r"同比")
_PLEDGED = re.compile(r"力争|确保|目标|争取|保持|实现|达到")
_INCENTIVE = re.compile(r"奖励|奖补|补贴(?!收入)|补助(?!收入)|资助|贴息|津贴|封顶|给予配套|配套资金|\d\s*%\s*配套|各承担|承担\s*\d|"
                        r"减按|减征|免征|免收|减免|征收率|[\u4e00-\u9fff](?<![债证])券")
_BUDGET = re.compile(r"(?:用好|统筹|安排|设立|设置|下拨|筹集|整合)[^，,；;。]{0,24}?(?:专项资金|基金|资金|预算|备用金)")
# Site counts of a layout: 「全市共布局138个综合能源站，其中，高速点数34个」, 「布局点数77个」.
_LAYOUT = re.compile(r"布局|布点|布设|点位|点数")
_BUILD = re.compile(r"建设|建成|新建|新增|改建|扩建")
_BREAKDOWN = re.compile(r"^\s*其中")  # 「…布局27个。其中，高速2个…」: the same sites, by kind
# A rate or ratio a policy sets (a fee, a tax, a down payment, a share to return or reserve):
# the term of a relief or a rule, not a result to reach.
_POLICY_RATE = re.compile(r"费率|税率|利率|征收率|资费|(?:扣除|首付款?|返还|预付款?|替代|配建|发放|缴存|缴费|"
                          r"贷款|担保)比例|原比例|预留[^，,；;。]{0,16}份额|税前扣除|加计(?:抵减|扣除)|应纳税额|裁员率")
# A rule's wording (「股权占比原则上不低于35%」, 「单个项目支持额度不超过投资额的15%」, 「支持比例
# 不超过核定总投资的15%」), who qualifies (「单体项目总投资不低于2000万元」, 「年节能量须不低于…」)
# and the term of a relief (「缓缴期限继续延长6个月」): what a policy allows, not a result to reach.
_RULE_WORDING = re.compile(r"原则上|(?:支持|补助|奖补|补贴|资助|贷款|授信)(?:额度|比例|标准)|配套支持|资金匹配|"
                           r"项目(?:总|固定资产)?投资(?:额)?(?:须|需|应)?(?:不低于|不少于|达到|在)|"
                           r"总投资(?:额)?(?:须|需|应)?(?:不低于|不少于)|"
                           r"(?:须|需|应当)(?:不低于|不少于|达到)")  # 「应达到」 may state a goal
_RELIEF_TERM = re.compile(r"延长|缓缴|延缓|延期|顺延")
# A rate of a base a rule applies (「按不超过实际投入额的20%」, 「按照…余额增量的1%提供激励资金」,
# 「不超过本省年度中央财政资金总规模的15%」): how a sum is computed, not a result to reach.
_RATE_OF_BASE = re.compile(r"(?:按|按照|不超过|不高于)[^，,；;。]{0,30}?"
                           r"(?:额|规模|投资|投入|成本|费用|资金|标准|价格|增量|余额|收入)的?\s*$")
# A cap on how many a programme picks (「每年遴选不超过10个」, 「各省年度总数量不超过10个」).
_QUOTA = re.compile(r"遴选|评选|评定|择优|总量|数量|名额|限额")
# Money a sentence grants (「给予符合条件的OPC最高不超过200万元入股支持」) or a programme spends
# (「其中，用于…民生设施建设资金22亿元」) — unless a goal verb raises or invests it.
_GRANTS = re.compile(r"给予|予以|提供")
_GRANT_CAP = re.compile(r"最高|不超过|一次性")
_FUNDS = re.compile(r"资金|经费|预算")
_RAISES = re.compile(r"争取|力争|撬动|带动|吸引|拉动|完成|实现|达到|突破|超过|投资|融资|规模")
# A time window a rule looks back on (「近12个月的缴存明细」, 「连续缴存6个月」) or a period it
# allows (「可在以后5个纳税年度结转」).
_WINDOW = re.compile(r"(?:近|最近|连续|满|以后|之后)\s*$")
_PERIOD_AFTER = re.compile(r"^\s*[\u4e00-\u9fff]{0,4}?(?:年度|工作日|季度)")
# 「当…个贷率处于85%以上高位运行…时」: the state that triggers a rule.
_WHEN = re.compile(r"^\s*当")
# A number that names a class (「超千亿级支柱产业」, 「百亿级集群」), not an amount.
_CLASS = re.compile(r"^\s*级")
_WEIGHT = re.compile(r"^\s*的?(?:权重|分值|系数)")  # 「耕（36%权重）」: a scoring weight
# A measure that says which things a rule is for: 「单台机组容量小于1500千瓦的风电场」.
_COMPARED = re.compile(r"(?:小于|大于|低于|高于|超过|不足|不到)\s*$")
# A number that counts the list printed just before it: 「文化、体育和娱乐业等7个行业」.
_LISTED = re.compile(r"等\s*$")
# The articles of a text cited by its short name: 「落实国家推动外贸保稳提质13条意见」.
_ARTICLES = re.compile(r"^\s*(?:意见|措施|举措|政策|规定|要求)")
# A time limit or a period, not a goal: 「7个工作日」, 「3个月内」, 「6个月的费用缓缴期」.
_TIME_LIMIT = re.compile(r"^\s*(?:以)?内|^\s*的[^，,；;。]{0,8}期|^\s*(?:（含[^）]*）)?(?:以上|以下)?(?:时|后)")
_SCORED = re.compile(r"[^。；;]{0,20}?(?:(?:得|扣|加|记|计)\s*\d+(?:\.\d+)?\s*分|不得分|不计分)")
_GIVEN_SUM = re.compile(r"(?:给予|予以)(?:一次性)?(?:最高|不超过)?\s*$")  # 「给予最高40万元支持」
_GRANTED = re.compile(r"(?:给予|予以|发放|兑现)[^。；;]{0,30}?(?:奖励|奖补|补贴|补助|资助|贴息|救助|经费)")
_YEAR_SHARE = re.compile(r"[，,、；;]\s*(?:其中[，,：:\s]*)?20\d\d\s*年[度底末]?\s*$")
_SHARE_MARK = "（当年）"
_CONDITIONAL = re.compile(r"对|凡|针对|给予|予以")
_GOAL_VERB = re.compile(r"形成|达到|突破|超过|力争|建成|打造|培育|引进|实现|新建|创建")
# Money that qualifies what follows: 5000万元以上的企业, 1000万元以下（含1000万元）的项目.
_QUALIFIER = re.compile(r"\s*(?:以上|以下|以内|及以上)?\s*(?:[（(][^）)]{0,12}[）)])?\s*的")
_COUNTED = re.compile(r"(?<![\d.])(?:[\u4e00-\u9fff]{2,6}、)+[\u4e00-\u9fff]{2,6}\s*$|(?:上述|以上|前述|这|该)\s*$")
# A phrase that leans on something existing ("依托全市12个国家级开发区") counts it, not a goal.
_LEANING = re.compile(r"^\s*(?:在[\u4e00-\u9fff]{1,8}?)?(?:依托|基于|立足|借助|凭借|利用|(?:充分)?发挥)")
# 「围绕37条产业链和40个产业集群，…」 works around what exists — unless it is around a goal
# (「围绕实现数字经济增加值超千亿一个核心目标」).
_AROUND = re.compile(r"^\s*(?:围绕|聚焦|针对|面向)")
# What a number of a measure unit sizes: a project (「年产13万吨高纯氢、180万吨甲醇项目」,
# 「支撑性电源项目730万千瓦机组建设」), or a class of things it qualifies (「1.5兆瓦以下、叶轮
# 直径相对较小的风电机组」) — neither is a goal.
_PROJECT_AFTER = re.compile(r"(?!支持|用于|投向|投入|带动|撬动|推动|保障)(?:[^，,；;。、]{1,10}、[^，,；;。、]{1,16}?)?"
                            r"[^，,；;。、]{0,16}?项目(?:建设)?\s*(?:[，,；;。]|$)")
_PROJECT_BEFORE = re.compile(r"项目\s*$")
_QUALIFYING = re.compile(r"\s*、[^，,；;。]{1,24}?的")
# A facility a measure sizes: 「3万吨粮库」, 「35千伏变电站」, 「年产5万吨生产线」.
_FACILITY_AFTER = re.compile(r"\s*[\u4e00-\u9fff]{0,2}?(?:库|仓|厂|站|码头|生产线|机组)(?![\u4e00-\u9fff]{0,1}(?:建设|规模))")
# Catalogue lines of a 专栏 ("重点培育企业：…") list what to support, not goals.
_CATALOGUE = re.compile(r"^\s*重[点大][\u4e00-\u9fff]{0,6}(?:企业|项目|平台|单位|城市|园区|方向|工程|群)\s*[：:]")
@dataclass(frozen=True)
class _Context:
    """What every clause of one document is read against."""

    region: str | None
    end_year: int | None
    ref_year: int | None  # years before this one are the past
    press: bool
    table_ref: int | None = None  # a table column of this year or before is a base
    scope: YearScope | None = None
    forecast: bool = False  # the clause stands under a forecasting heading


def extract_targets(doc: ParsedDocument) -> list[Target]:
    ctx = _context(doc)
    targets: list[Target] = []
    headers: dict[str | None, list[str]] = {}
    by_id = {c.clause_id: c for c in doc.clauses}
    required = intro_clauses(list(doc.clauses))
    forecasts = _under_forecast(doc)
    for clause in plan_clauses(doc):
        if clause.kind == "footnote" or _CATALOGUE.match(clause.text):
            continue  # a footnote defines a term; a catalogue line lists items
        if clause.clause_id in required or condition_clause(clause, by_id):
            continue  # conditions and standards a claimant must meet
        header = header_cells(clause)
        if header is not None:
            headers[clause.parent_id] = header
            continue
        forecast = clause.clause_id in forecasts
        by_place = place_row_targets(clause, end_year=ctx.end_year)
        if by_place is not None:
            # Its caption first, then the headings above it.
            if not forecast and goal_table([a.heading or "" for a in ancestors(clause, by_id)]):
                targets += [replace(t, target_id=f"{clause.clause_id}/t{k}")
                            for k, t in enumerate(by_place)]
            continue
        found = table_row_targets(clause, region=ctx.region, end_year=ctx.end_year,
                                  ref_year=ctx.table_ref, header=headers.get(clause.parent_id))
        if found is not None and forecast:
            found = []  # a forecast table's rows
        if found is None:
            found = _clause_targets(clause, replace(ctx, forecast=forecast))
        targets += [replace(t, target_id=f"{clause.clause_id}/t{k}")
                    for k, t in enumerate(_dedupe(found))]
    logger.info("targets in %s: %d", doc.meta.doc_id, len(targets))
    return targets


def _under_forecast(doc: ParsedDocument) -> set[str]:
    """The clauses under a heading that forecasts or estimates (「充换电设施发展需求预测」,
    「2．预测结果」, 「投资规模测算」).
    Clauses come in reading order, a parent before its children: one pass suffices."""
    found: set[str] = set()
    for clause in doc.clauses:
        if _ESTIMATE_HEADING.search(clause.heading or "") or clause.parent_id in found:
            found.add(clause.clause_id)
    return found


def plan_clauses(doc: ParsedDocument) -> Iterator[Clause]:
    """Clauses outside background sections (发展基础, 现状, 形势 …), in reading order."""
    by_id = {c.clause_id: c for c in doc.clauses}
    for clause in doc.clauses:
        top = clause
        while top.parent_id in by_id:
            top = by_id[top.parent_id]
        heading = top.heading if top.kind == "section" else ""
        if not (len(heading) <= 14 and _BACKGROUND.search(heading)
                and not _NOT_BACKGROUND.search(heading)):
            yield clause


def sentence_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _SENTENCE.finditer(text) if m.group().strip()]


def _context(doc: ParsedDocument) -> _Context:
    """The plan's end year: its period's, else the five-year plan or the years its title
    names; a plan that states none (若干措施 for the year in hand) has none."""
    issued = int(doc.meta.issued[:4]) if doc.meta.issued else None
    start = period_start(doc.meta.period)
    ref = max(y for y in (start, issued, 0) if y is not None) or None
    title = re.sub(r"《[^》]*》", "", doc.meta.title or "")
    end = period_end(doc.meta.period) or five_year_plan_end(title) or period_end(title) \
        or horizon(doc, ref)
    return _Context(doc.meta.region, end, ref, doc.meta.level == "press",
                    start or issued, YearScope(doc.clauses))


def _clause_targets(clause: Clause, ctx: _Context) -> list[Target]:
    text = normalize(clause.text)
    years = _year_marks(text, ctx)
    inherited = ctx.scope.inherited(clause) if ctx.scope else None
    if inherited is not None:
        ctx = replace(ctx, end_year=inherited)
    found: list[Target] = []
    laid_out = False
    for start, end in sentence_spans(text):
        sentence = text[start:end]
        if _retrospective(sentence, ctx) or (ctx.press and not _future(sentence, ctx)):
            continue
        if (ctx.forecast or _FORECAST.search(sentence)) and not _PLEDGE.search(sentence):
            continue
        earlier = [(p - start, y) for p, y in years if p < end]
        if inherited is None and not earlier and (
                _lays_out(sentence) or (laid_out and _BREAKDOWN.match(sentence))):
            laid_out = True
            continue  # the sites a layout plan places, with no year to reach them by
        laid_out = False
        found += _sentence_targets(clause, sentence, earlier, ctx)
    return found


def _lays_out(sentence: str) -> bool:
    """「离石区综合能源站布局21个，其中，高速8个，国道上8个」: a layout's site counts — where
    the sites go, not a quantity to reach — unless a verb says to build or reach them. The
    first count of the sentence decides, by the words of its own phrase."""
    if not _LAYOUT.search(sentence):
        return False
    quantities = find_quantities(sentence)
    if not quantities:
        return False
    chunk = _comma_chunk(sentence, quantities[0].start)
    return bool(_LAYOUT.search(chunk)) and not (_GOAL_VERB.search(chunk) or _BUILD.search(chunk))


def _year_marks(text: str, ctx: _Context) -> list[tuple[int, int]]:
    """(position, year) of every goal year in a clause: "到 2027 年", or a bare year from
    the plan's start on that is neither part of a title ("《…2035年远景目标纲要》") nor a
    baseline ("比2026年提高")."""
    titles = [m.span() for m in re.finditer(r"《[^》]*》", text)]
    marks = goal_years(text) + [
        (m.start(), int(m.group("y"))) for m in ANY_YEAR.finditer(text)
        if ctx.ref_year and int(m.group("y")) >= ctx.ref_year
        and not any(s <= m.start() < e for s, e in titles)
        and not re.search(r"(?:比|较|与|同)\s*$", text[max(0, m.start() - 2):m.start()])]
    return sorted(marks + within_years(text, ctx.table_ref))


def _retrospective(sentence: str, ctx: _Context) -> bool:
    """Past statistics: 已/截至 …, or a year before the plan not introduced by 到 (a goal)
    or 较/比 (a baseline: "较2020年翻一番")."""
    bare = re.sub(r"《[^》]*》", "", sentence)
    if _PAST.search(bare) or (_YEAR_ON_YEAR.search(bare) and not _PLEDGED.search(bare)):
        return True
    for m in ANY_YEAR.finditer(bare):
        led = re.search(r"(?:到|至|较|比|与)\s*$", bare[max(0, m.start() - 3):m.start()])
        if not led and ctx.ref_year and int(m.group("y")) < ctx.ref_year:
            return True
    return False


def _future(sentence: str, ctx: _Context) -> bool:
    return any(y > (ctx.ref_year or 0) for _, y in target_years(sentence))


def _sentence_targets(clause: Clause, sentence: str, years: list[tuple[int, int]],
                      ctx: _Context) -> list[Target]:
    """``years``: the clause's goal years, positioned relative to ``sentence``."""
    quantities = find_quantities(sentence)
    paired = paired_metrics(sentence, quantities)
    targets: list[Target] = []
    previous_end, previous_metric, previous_unit = None, None, None
    for i, q in enumerate(quantities):
        if _is_goal(sentence, q, previous_end):
            metric = paired.get(i) or _same_subject(sentence, q, previous_end, previous_metric) \
                or _year_share(sentence, q, previous_metric, previous_unit) \
                or metric_of(sentence, q, previous_end or 0, previous_metric, ctx.region)
            scope = _scope(sentence, q, ctx)
            place_item = _place_item(sentence, metric)
            if place_item is not None:
                metric, scope = place_item
            elif metric and not _names_a_thing(metric):
                metric = _thing_after(sentence, q, metric)
            if metric:
                earlier = [y for p, y in years if p < q.start]
                year = earlier[-1] if earlier else ctx.end_year
                for each in each_metric(metric, sentence, q):
                    targets.append(Target(
                        target_id="", clause_id=clause.clause_id, metric=each, value=q.value,
                        unit=q.unit, comparator=q.comparator, value_text=q.text, year=year,
                        value_max=q.value_max, scope=scope))
                previous_metric, previous_unit = metric, q.unit
        previous_end = q.end
    return targets


# A metric that is only a verb or a place word names nothing measured: 「完善16个」, 「开展」,
# 「、扩建2座」, 「中心城区50千米」 — the phrase around the number did not say what it counts.
_NO_THING = re.compile(r"(?:完善|开展|建有|满足|增长|实现|达到|完成|推动|推进|建设|扩建|新建|改建|改造|提升|提高|"
                       r"更新|开通|投产|覆盖|保持|确保|年产|全长|可|将|需|要|中心城区|城区|全区|全市|全省)+")


def _names_a_thing(metric: str) -> bool:
    bare = re.sub(r"[^\u4e00-\u9fffA-Za-z0-9]", "", metric)
    return len(re.findall(r"[\u4e00-\u9fff]", bare)) >= 2 and not _NO_THING.fullmatch(bare)


def _thing_after(sentence: str, q: Quantity, verb: str) -> str | None:
    """「、扩建2座220千伏变电站」: what a verb-only metric's number counts is the noun after it,
    kept with the verb (扩建220千伏变电站); None when nothing there names a thing either."""
    after, _ = noun_after(sentence, q.end)
    if not _names_a_thing(after):
        return None
    bare = re.sub(r"[^\u4e00-\u9fffA-Za-z0-9]", "", verb)
    return (bare if _NO_THING.fullmatch(bare) and len(bare) <= 4 else "") + after


# 「全县区域计划作业面积依次为：郝庄乡0.94万亩、北苏镇0.7万亩…」: a lead that names the
# measure, then one place per item.
_PLACE_LEAD = re.compile(r"(?P<lead>[^，,；;。：:]+?)(?:依次|分别)?(?:为|是)?\s*[：:]")
_PLACE_NAME = re.compile(r"[\u4e00-\u9fff]{1,6}(?:省|市|州|盟|县|区|旗|乡|镇|街道)")


def _place_item(sentence: str, metric: str | None) -> tuple[str, str] | None:
    """(measure, place) when ``metric`` is only a place's name in a list of places that a
    lead before a colon says what is measured; None otherwise."""
    if not metric or not (_PLACE_NAME.fullmatch(metric) or REGION.fullmatch(metric)):
        return None
    lead = _PLACE_LEAD.match(sentence)
    if lead is None or metric not in sentence[lead.end():]:
        return None
    measure = re.sub(r"^(?:全省|全市|全区|全县|全乡|全镇)?(?:区域|范围|范围内)?", "",
                     re.sub(r"\s+", "", lead.group("lead")))
    return (measure, KNOWN.get(metric, metric)) if _names_a_thing(measure) else None


def _same_subject(sentence: str, q: Quantity, previous_end: int | None,
                  previous: str | None) -> str | None:
    """「改造煤电机组16台980万千瓦以上」, 「改造老旧小区260个、2542栋」: a second measure printed
    right after the first, in another unit, measures the same thing."""
    if previous and previous_end is not None and sentence[previous_end:q.start].strip() in ("", "、"):
        return previous  # 「…老旧小区260个、2542栋」 too
    return None


def _year_share(sentence: str, q: Quantity, previous: str | None,
                previous_unit: str | None) -> str | None:
    """「到2027年更新老旧设备5218台，其中2024年850台、2025年1200台」: a number labelled only by
    a year, after a goal in the same unit, is that goal's share for the year."""
    if not previous or q.unit != previous_unit or not _YEAR_SHARE.search(sentence, 0, q.start):
        return None
    return previous if previous.endswith(_SHARE_MARK) else previous + _SHARE_MARK


def _is_goal(sentence: str, q: Quantity, previous_end: int | None) -> bool:
    if q.quoted and q.unit:
        return False  # a number inside a name: “15 分钟便民服务圈”, 《…2019-2022年》
    chunk = _comma_chunk(sentence, q.start)
    if _LEANING.match(chunk) or (_AROUND.match(chunk) and not _GOAL_VERB.search(chunk)
                                 and "目标" not in chunk):
        return False
    if _INCENTIVE.search(chunk) or (is_money(q.unit) and (
            "安排" in chunk or _INCENTIVE.search(sentence) or _GIVEN_SUM.search(sentence[:q.start]))):
        return False  # an incentive's amount or ceiling, not a goal
    if _threshold(sentence, q, chunk):
        return False  # 用好6亿元专项资金; 对年营业收入5000万元以上的企业: a budget, a threshold
    if rule_number(sentence, q.start, q.end):
        return False  # 「…6个月（含）以上的，」, 「首付款比例不低于20%」 after 「…的，」
    if q.unit == "岁" and q.comparator != "=":
        return False  # 3岁以下婴幼儿: an age group
    if _sizes_or_qualifies(sentence, q):
        return False
    if _policy_setting(sentence, q, chunk):
        return False
    after, of = noun_after(sentence, q.end)
    if after and _COUNTED.search(sentence[:q.start]) and not _GOAL_VERB.search(
            _comma_chunk(sentence, q.start)[:max(0, q.start - _chunk_start(sentence, q.start))]):
        return False  # "印发昆明、曲靖2个园区规划", "上述5个园区": counts items already named
    if GENERIC.fullmatch(after):
        return False  # "4个领域": counts the items just listed
    if of and previous_end is not None and not _COMMA.search(sentence, previous_end, q.start):
        return False  # "10家以上营收超百亿元的龙头企业": qualifies the number before it
    return not (q.value == 1 and q.comparator == "=" and q.unit in ("个", "家", "项"))


def _policy_setting(sentence: str, q: Quantity, chunk: str) -> bool:
    """A number a rule or a relief sets, not a goal (see the module docstring): a rate or
    ratio a policy fixes, a count of the list just printed or of a cited text's articles,
    a time limit, who qualifies for a grant the sentence makes, a computation."""
    before, after = sentence[:q.start], sentence[q.end:]
    if _POLICY_RATE.search(chunk) or _RULE_WORDING.search(chunk):
        return True
    unit, per = per_unit(q.unit)
    if per and is_money(unit) and "价" in sentence and not _PLEDGED.search(chunk):
        return True  # 「基准价现行标准为420.7元/兆瓦时」: a price a rule sets or computes
    if re.search(r"[（(]\s*不?含\s*$", before):
        return True  # 「144平方米以下（不含144平方米）」: the bound again, said exactly
    chunk_before = sentence[_chunk_start(sentence, q.start):q.start]
    if unit in ("%", "‰") and (_RATE_OF_BASE.search(chunk_before)
                               or ("允许" in sentence and "比例" in chunk)):
        return True
    if q.comparator == "<=" and unit[-1:] in COUNT_UNITS and _QUOTA.search(chunk):
        return True
    if unit in ("个月", "年", "天", "日", "个") and (
            _WINDOW.search(before) or _PERIOD_AFTER.match(after)):
        return True
    if _WHEN.match(chunk) and "时" in sentence[q.end:q.end + 30]:
        return True
    if _CLASS.match(after) or _WEIGHT.match(after):
        return True
    if unit in ("个月", "年", "天", "日") and _RELIEF_TERM.search(chunk):
        return True
    if _LISTED.search(before) and not _GOAL_VERB.search(chunk):
        return True  # 「住宿和餐饮业等7个行业」
    if q.unit in ("条", "项") and _ARTICLES.match(after):
        return True  # 「外贸保稳提质13条意见」
    if unit in ("个工作日", "工作日") or (unit in ("个月", "天", "小时") and _TIME_LIMIT.match(after)):
        return True  # 「审批时限不超过7个工作日」, 「3个月内」, 「6个月的费用缓缴期」
    if re.search(r"[*×=＝]\s*$", before) or re.match(r"\s*[*×=＝]", after):
        return True  # 「1970*30%=591元/月」
    if _SCORED.match(after):
        return True  # 「每月不少于1次，得5分」, 「低于80%的不得分」: what a scoring rule scores
    grant = _GRANTED.search(sentence, q.end)
    return bool(grant and not _GOAL_VERB.search(chunk) and not target_years(sentence))


def _sizes_or_qualifies(sentence: str, q: Quantity) -> bool:
    """A measure (not a count) that sizes a project or qualifies the things it names."""
    base = per_unit(q.unit)[0]
    if not base or base[-1:] in COUNT_UNITS or base in ("%", "‰"):
        return False
    if not ANY_YEAR.search(sentence, 0, q.start) and (
            _PROJECT_AFTER.match(sentence, q.end)
            or _PROJECT_BEFORE.search(sentence, _chunk_start(sentence, q.start), q.start)):
        return True  # with a year before it, building the project is the goal
    if _FACILITY_AFTER.match(sentence, q.end) and not _GOAL_VERB.search(_comma_chunk(sentence, q.start)) \
            and not _BUILD.search(_comma_chunk(sentence, q.start)):
        return True  # 「提升柳林食品工业园3万吨粮库绿色低温仓储科技水平」: an existing facility's size
    if _COMPARED.search(sentence, _chunk_start(sentence, q.start), q.start) \
            and re.match(r"\s*(?:以上|以下)?的", sentence[q.end:]) \
            and not _GOAL_VERB.search(sentence, _chunk_start(sentence, q.start), q.start):
        return True
    return bool(re.search(r"以[上下内]$", q.text) and _QUALIFYING.match(sentence, q.end))


def _threshold(sentence: str, q: Quantity, chunk: str) -> bool:
    """A budget allocated or a budget line, a sum granted, or a sum that says which firms or
    projects a rule is for: "对…金额1000万元以下（含1000万元）的项目", "标的金额超过1000万元的，…"."""
    if not is_money(q.unit):
        return False
    if _BUDGET.search(chunk) or re.search(r"[（(]含\s*$", sentence[:q.start]):
        return True
    if not _RAISES.search(chunk) and (
            (_GRANTS.search(sentence, 0, q.start)
             and _GRANT_CAP.search(sentence, _chunk_start(sentence, q.start), q.start))
            or _FUNDS.search(chunk) or (q.comparator == "<=" and _RULE_WORDING.search(sentence))):
        return True  # 「给予…最高不超过200万元入股支持」, 「其中，用于…建设资金22亿元」
    qualifier = _QUALIFIER.match(sentence, q.end)
    if not qualifier:
        return False
    if re.match(r"[，,]", sentence[qualifier.end():]):
        return True  # "…的，": the condition of a rule
    return bool(_CONDITIONAL.search(sentence[:q.start])) or not _GOAL_VERB.search(chunk)


def _chunk_start(sentence: str, pos: int) -> int:
    return max([0] + [m.end() for m in _COMMA.finditer(sentence, 0, pos)])


def _comma_chunk(sentence: str, pos: int) -> str:
    starts = [m.end() for m in _COMMA.finditer(sentence, 0, pos)]
    end = _COMMA.search(sentence, pos)
    return sentence[starts[-1] if starts else 0:end.start() if end else len(sentence)]


def _scope(sentence: str, q: Quantity, ctx: _Context) -> str | None:
    """The region whose target it is: the last region named before ``q`` in its phrase."""
    chunk_start = max([0] + [m.end() for m in _COMMA.finditer(sentence, 0, q.start)])
    named = [m.group() for m in REGION.finditer(sentence, chunk_start, q.start)
             if sentence[m.start() - 1:m.start()] != "占"]
    return KNOWN.get(named[-1], named[-1]) if named and named[-1] not in OWN else ctx.region


def _dedupe(targets: list[Target]) -> list[Target]:
    """One target per goal in a clause: a heading restated in its body counts once."""
    seen, kept = set(), []
    for t in targets:
        key = (t.value, t.unit) if not t.unit else (t.metric, t.value, t.unit, t.year, t.scope)
        if key not in seen:
            seen.add(key)
            kept.append(t)
    return kept
