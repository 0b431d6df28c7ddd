"""Quantified targets: what a plan commits to reach, by when, for which region.

A number is a target when it is a future-oriented goal a plan states: in a plan document
(not a press report, unless it names a year still ahead of it), outside the plan's
background sections (发展基础/现状/形势 …), in a sentence that is not retrospective (no
year before the plan period, no 已/截至), not leaning on what exists (依托…), and not part
of an incentive (奖励/补贴/配套/各承担 amounts, money 安排-ed) or of a name (inside “…” or 《…》, except the “1000+” goal form).
Every-year commitments (每年新增5万个) are targets too; their year, like that of any target
without a "到 YYYY 年" before it in its clause, is the plan period's end, and the metric
keeps the 每年/年均 to say so. Indicator-table rows (指标/单位/目标 cells) are read cell by cell.

>>> [(t.metric, t.value, t.unit, t.year) for t in extract_targets(doc_002)]
[('数字经济核心产业增加值年均增长', 10.0, '%', 2027), ('规上工业企业关键工序数控化率', 80.0, '%', 2027), ...]
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from ingest.extract.numbers import (
    ANY_YEAR, NUM, Quantity, comparator, find_quantities, five_year_plan_end, is_money,
    normalize, period_end, period_start, target_years,
)
from kg.types import Clause, ParsedDocument, Target

logger = logging.getLogger(__name__)

_SENTENCE = re.compile(r"[^。；;！!？?\n]+[。；;！!？?]?")
_DELIMS = "，,；;。：:！!？?、—\n"
_COMMA = re.compile(r"[，,；;。：:！!？?\n]")
# Top-level sections that describe the past or the context rather than the plan.
_BACKGROUND = re.compile(r"基础|现状|形势|趋势|背景|回顾|成就|成效|环境|挑战")
_NOT_BACKGROUND = re.compile(r"目标|任务|措施|保障|要求|思路|路径|布局")
_PAST = re.compile(r"已(?:经|达|有|建成|实现|具备|形成|完成|累计|突破|超过)|截至|截止|此前|去年|上年|同比")
_INCENTIVE = re.compile(r"奖励|补贴|补助|资助|贴息|封顶|给予配套|配套资金|\d\s*%\s*配套|各承担|承担\s*\d")
# A phrase that leans on something existing ("依托全市12个国家级开发区") counts it, not a goal.
_LEANING = re.compile(r"^\s*(?:依托|基于|立足|借助|凭借|利用)")
_GENERIC = re.compile(r"领域|方面|环节|行业|方向|部门|层级|维度|类|大类|种类|阶段|步骤")
# Catalogue lines of a 专栏 ("重点培育企业：…") list what to support, not goals.
_CATALOGUE = re.compile(r"^\s*重[点大][\u4e00-\u9fff]{0,6}(?:企业|项目|平台|单位|城市|园区|方向|工程|群)\s*[：:]")
_PROVINCES = ("黑龙江省", "内蒙古自治区", "广西壮族自治区", "西藏自治区", "宁夏回族自治区",
              "新疆维吾尔自治区", "北京市", "天津市", "上海市", "重庆市", "河北省", "山西省",
              "辽宁省", "吉林省", "江苏省", "浙江省", "安徽省", "福建省", "江西省", "山东省",
              "河南省", "湖北省", "湖南省", "广东省", "海南省", "四川省", "贵州省", "云南省",
              "陕西省", "甘肃省", "青海省")
_OWN = ("全省", "全市", "全区", "我省", "我市", "我区", "本省", "本市", "本区", "各州市", "各市州")
_CITY = r"(?:(?<=[及和与、，,在对为将是：:\s“(（])|^)[\u4e00-\u9fff]{2}市(?![场民政值级直辖容])"
_REGION = re.compile("|".join([*_PROVINCES, *_OWN, _CITY]))
# Words that open a goal phrase without naming what is measured; _KEEP ones change what
# is counted, so the metric keeps them.
_KEEP = ("新增", "累计", "每年", "年均")
_HEAD = sorted((
    "力争", "重点", "积极", "加快", "大力", "全面", "进一步", "着力", "持续", "努力", "共同",
    "其中", "同时", "并且", "并", "以及", "和", "及", "实现", "推动", "推进", "支持", "鼓励",
    "引导", "带动", "确保", "使", "让", "将", "要", "建设", "建成", "打造", "培育", "成长",
    "壮大", "发展", "新引进", "引进", "引培", "引入", "招引", "新建", "建立", "设立", "形成",
    "推广", "接入", "上架", "完成", "部署", "遴选", "发布", "举办", "开展", "创建", "争创",
    "孵化", "集聚", "聚集", "吸引", "引育", "输出", "认定", "提供", "贯彻", "落实", "瞄准",
    "围绕", "构建", "组建", "实施", "培养", "安排", "提升", "达到", "期间", "即", "各", *_OWN,
    *_KEEP), key=len, reverse=True)
_TAIL = re.compile(r"(?:达到|达|突破|超过|超|不少于|不低于|不超过|降至|提高到|提高至|提升至|提升到|"
                   r"增至|增长到|为|约|共|共计|累计达|总计|合计|要|在)+$")
_LAST_VERB = re.compile(r"(?:达到|达|突破|超过|提高到|提升至)(?=.{0,3}$)")
_TIME = re.compile(r"(?:力争)?(?:(?<![截直])(?:到|至)\s*)?(?<![较比与])(?:19|20)\d{2}\s*年(?:底|末)?前?|"
                   r"“?十[二三四五]五”?(?:期间|时期|末)?|(?<![\d较比与])\d{1,2}\s*年(?:时间|内)?")
_PAIRED = re.compile(r"(?P<names>[^，,；;。：:！!？?]+?)分别(?:达到|达|为|超过|突破|提高到|提升至|增至)?\s*$")
_CELL = re.compile(r"([^｜|；;：:]+)[：:]([^｜|；;]*)")
_CELL_VALUE = re.compile(rf"(?P<pre>≥|≤|>=|<=|>|<)?\s*(?P<v>{NUM})"
                         rf"(?:\s*(?:—|–|~|-|至)\s*(?P<v2>{NUM}))?\s*(?P<post>以上|以下|左右)?")
_METRIC_KEY = re.compile(r"(?:指标|名称)$")
_TARGET_KEY = re.compile(r"目标|预期值|规划值|(?:19|20)\d{2}")


@dataclass(frozen=True)
class _Context:
    """What every clause of one document is read against."""

    region: str | None
    end_year: int | None
    ref_year: int | None  # years before this one are the past
    press: bool


def extract_targets(doc: ParsedDocument) -> list[Target]:
    ctx = _context(doc)
    targets: list[Target] = []
    for clause in plan_clauses(doc):
        if clause.kind == "footnote" or _CATALOGUE.match(clause.text):
            continue  # a footnote defines a term; a catalogue line lists items
        found = _table_row(clause, ctx)
        if found is None:
            found = _clause_targets(clause, ctx)
        targets += [replace(t, target_id=f"{clause.clause_id}/t{k}")
                    for k, t in enumerate(_dedupe(found))]
    logger.info("targets in %s: %d", doc.meta.doc_id, len(targets))
    return targets


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
    issued = int(doc.meta.issued[:4]) if doc.meta.issued else None
    start = period_start(doc.meta.period)
    ref = max(y for y in (start, issued, 0) if y is not None) or None
    return _Context(doc.meta.region, period_end(doc.meta.period) or issued, ref,
                    doc.meta.level == "press")


def _clause_targets(clause: Clause, ctx: _Context) -> list[Target]:
    text = normalize(clause.text)
    years = _year_marks(text, ctx)
    found: list[Target] = []
    for start, end in sentence_spans(text):
        sentence = text[start:end]
        if _retrospective(sentence, ctx) or (ctx.press and not _future(sentence, ctx)):
            continue
        earlier = [(p - start, y) for p, y in years if p < end]
        found += _sentence_targets(clause, sentence, earlier, ctx)
    return found


def _year_marks(text: str, ctx: _Context) -> list[tuple[int, int]]:
    """(position, year) of every goal year in a clause: "到 2027 年", or a bare year after
    the plan's start that is not part of a title ("《…2035年远景目标纲要》")."""
    titles = [m.span() for m in re.finditer(r"《[^》]*》", text)]
    marks = target_years(text) + [
        (m.start(), int(m.group("y"))) for m in ANY_YEAR.finditer(text)
        if ctx.ref_year and int(m.group("y")) > ctx.ref_year
        and not any(s <= m.start() < e for s, e in titles)]
    return sorted(marks)


def _retrospective(sentence: str, ctx: _Context) -> bool:
    """Past statistics: 已/截至 …, or a year before the plan not introduced by 到 (a goal)
    or 较/比 (a baseline: "较2020年翻一番")."""
    bare = re.sub(r"《[^》]*》", "", sentence)
    if _PAST.search(bare):
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
    paired = _paired_metrics(sentence, quantities)
    targets: list[Target] = []
    previous_end, previous_metric = None, None
    for i, q in enumerate(quantities):
        if _is_goal(sentence, q, previous_end):
            metric = paired.get(i) or _metric(sentence, q, previous_end or 0, previous_metric, ctx)
            if metric:
                earlier = [y for p, y in years if p < q.start]
                year = earlier[-1] if earlier else five_year_plan_end(sentence) or ctx.end_year
                targets.append(Target(
                    target_id="", clause_id=clause.clause_id, metric=metric, value=q.value,
                    unit=q.unit, comparator=q.comparator, value_text=q.text, year=year,
                    value_max=q.value_max, scope=_scope(sentence, q, ctx)))
                previous_metric = metric
        previous_end = q.end
    return targets


def _is_goal(sentence: str, q: Quantity, previous_end: int | None) -> bool:
    if q.quoted and q.unit:
        return False  # a number inside a name: “15 分钟便民服务圈”, 《…2019-2022年》
    chunk = _comma_chunk(sentence, q.start)
    if _LEANING.match(chunk):
        return False
    if _INCENTIVE.search(chunk) or (is_money(q.unit) and (
            "安排" in chunk or _INCENTIVE.search(sentence))):
        return False  # an incentive's amount or ceiling, not a goal
    after, of = _after(sentence, q.end)
    if _GENERIC.fullmatch(after):
        return False  # "4个领域": counts the items just listed
    if of and previous_end is not None and not _COMMA.search(sentence, previous_end, q.start):
        return False  # "10家以上营收超百亿元的龙头企业": qualifies the number before it
    return not (q.value == 1 and q.comparator == "=" and q.unit in ("个", "家", "项"))


def _comma_chunk(sentence: str, pos: int) -> str:
    starts = [m.end() for m in _COMMA.finditer(sentence, 0, pos)]
    end = _COMMA.search(sentence, pos)
    return sentence[starts[-1] if starts else 0:end.start() if end else len(sentence)]


def _metric(sentence: str, q: Quantity, previous_end: int, previous: str | None,
            ctx: _Context) -> str:
    """The noun phrase naming what ``q`` measures: before it ("网络零售额突破…"), or after
    it when only verbs precede ("培育50家企业级工业互联网平台")."""
    cut = max([previous_end] + [i + 1 for i, ch in enumerate(sentence[:q.start]) if ch in _DELIMS])
    before = _TIME.sub("", re.sub(r"\s+", "", sentence[cut:q.start]))
    before = re.sub(r"[（(][^）)]*[）)]", "", before)
    for m in _REGION.finditer(before):
        if before[m.start() - 1:m.start()] != "占" and m.end() < len(before):
            before = before[m.end():]
    before = _strip_tail(before)
    prefix, core = _strip_head(before, ctx.region)
    if _GENERIC.fullmatch(core):
        core = ""  # "8个行业1000家中小企业": the metric follows the second number
    after, of = _after(sentence, q.end)
    if re.search(r"每年|年均", prefix):
        metric = before + ("" if core else after)  # keep the verb: 每年推广北斗农机
    elif core and of:
        metric = after + prefix + core  # "总规模1000亿元以上的产业基金群" → 产业基金群总规模
    elif core:
        metric = prefix + core
    else:
        metric = prefix + after
    if metric.startswith(("占", "较", "比")) and previous:
        metric = previous + metric
    return metric or before


def _strip_tail(text: str) -> str:
    m = _LAST_VERB.search(text)
    if m and m.start() > 0:
        text = text[:m.start()]
    return _TAIL.sub("", text)


def _strip_head(text: str, region: str | None = None) -> tuple[str, str]:
    """Leading verbs, adverbs and own-region words off a phrase; the ones that change
    what is counted (新增, 累计, 每年, 年均) are returned apart as a prefix."""
    heads = (region, *_HEAD) if region else _HEAD
    prefix, changed = "", True
    while changed and text:
        changed = False
        for word in heads:
            if text.startswith(word):
                prefix += word if word in _KEEP else ""
                text, changed = text[len(word):], True
                break
    return prefix, text.strip("，,、的")


def _after(sentence: str, end: int) -> tuple[str, bool]:
    """The noun phrase right after a quantity, and whether it is joined by 的."""
    rest = re.sub(r"^\s*(?:以上|以下|以内|左右)", "", sentence[end:])
    rest = re.sub(r"[（(][^）)]*[）)]", "", rest).lstrip()
    of = rest.startswith("的")
    stop = re.compile(r"[，,；;。：:！!？?、\d的（(]")
    body = rest[1:] if of else rest
    m = stop.search(body)
    if m and body[m.start()] == "的" and find_quantities(body[:m.start()]):
        m = stop.search(body, m.end())  # "营收超百亿元的龙头企业": one noun phrase
        while m and body[m.start()].isdigit():
            m = stop.search(body, m.end())
    phrase = body[:m.start() if m else len(body)]
    if len(phrase) <= 1 and m and body[m.start()] == "、":
        tail = re.search(r"[，,；;。：:！!？?\d]", body)
        phrase = body[:tail.start() if tail else len(body)]
    return re.sub(r"\s+", "", phrase)[:24], of


def _paired_metrics(sentence: str, quantities: list[Quantity]) -> dict[int, str]:
    """"A、B分别达80%、95%": pair each value with its metric, in order."""
    paired: dict[int, str] = {}
    for i, q in enumerate(quantities):
        m = _PAIRED.search(sentence[:q.start])
        if not m or i in paired:
            continue
        run = [i]
        while run[-1] + 1 < len(quantities) and re.fullmatch(
                r"\s*[、和及]\s*", sentence[quantities[run[-1]].end:quantities[run[-1] + 1].start]):
            run.append(run[-1] + 1)
        names = [re.sub(r"\s+", "", n) for n in m.group("names").split("、")]
        if len(names) == len(run) > 1:
            names[0] = "".join(_strip_head(_TIME.sub("", names[0])))
            paired.update(zip(run, names))
    return paired


def _scope(sentence: str, q: Quantity, ctx: _Context) -> str | None:
    """The region whose target it is: the last region named before ``q`` in its phrase."""
    chunk_start = max([0] + [m.end() for m in _COMMA.finditer(sentence, 0, q.start)])
    named = [m.group() for m in _REGION.finditer(sentence, chunk_start, q.start)
             if sentence[m.start() - 1:m.start()] != "占"]
    return named[-1] if named and named[-1] not in _OWN else ctx.region


def _table_row(clause: Clause, ctx: _Context) -> list[Target] | None:
    """A row of an indicator table ("指标：…；单位：…；目标：≥6000"), or None if not one."""
    if clause.kind != "table_row":
        return None
    cells = {k.strip(): v.strip() for k, v in _CELL.findall(clause.text)}
    metric = next((v for k, v in cells.items() if _METRIC_KEY.search(k) and v), None)
    keys = [k for k in cells if _TARGET_KEY.search(k) and not _METRIC_KEY.search(k)]
    unit = next((v for k, v in cells.items() if "单位" in k), "")
    if metric is None or not keys:
        return None
    key = max(keys, key=lambda k: ("目标" in k, k))
    cell = re.sub(r"[（(\[][^）)\]]*[）)\]]", "", normalize(cells[key])).strip()
    m = _CELL_VALUE.fullmatch(cell)
    quantities = [] if m else find_quantities(cell)
    if not m and len(quantities) != 1:
        return []
    key_year = re.search(r"(?:19|20)\d{2}", key)
    year = int(key_year.group()) if key_year else ctx.end_year
    common = dict(target_id="", clause_id=clause.clause_id, metric=metric, value_text=cells[key],
                  year=year, scope=ctx.region)
    if m:
        return [Target(**common, value=float(m.group("v")), unit=unit,
                       comparator=comparator(m.group("pre"), m.group("post")),
                       value_max=float(m.group("v2")) if m.group("v2") else None)]
    q = quantities[0]
    return [Target(**common, value=q.value, unit=q.unit, comparator=q.comparator,
                   value_max=q.value_max)]


def _dedupe(targets: list[Target]) -> list[Target]:
    """One target per goal in a clause: a heading restated in its body counts once."""
    seen, kept = set(), []
    for t in targets:
        key = (t.value, t.unit) if not t.unit else (t.metric, t.value, t.unit, t.year)
        if key not in seen:
            seen.add(key)
            kept.append(t)
    return kept
