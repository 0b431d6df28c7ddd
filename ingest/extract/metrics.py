"""What a target measures: the noun phrase a plan's goal sentence puts around a number.

The metric is read before the number ("网络零售额突破5000亿元"), after it when only verbs
precede ("培育50家企业级工业互联网平台", "在2026年年底前合作建成3个国家区域医疗中心"), from the
subject of the phrase before a bare verb ("服务业对经济增长的贡献显著增强，达到60%以上"), paired
in order with a 分别 list ("A、B分别达80%、95%"), and split for 各 ("开工和投产新能源项目各
1600万千瓦" is two goals). Leading verbs, adverbs, time words and the plan's own region are
dropped; words that change what is counted (新增, 累计, 每年, 年均) are kept.
"""

from __future__ import annotations

import re

from ingest.extract.lexicon import known_regions
from ingest.extract.numbers import Quantity, find_quantities

DELIMS = "，,；;。：:！!？?、—\n"
# Nouns that count the parts of a list or of a territory (4个领域, 16个州、市), not goals.
GENERIC = re.compile(r"领域|方面|环节|行业|方向|部门|层级|维度|类|大类|种类|阶段|步骤|"
                     r"省|州|市|县|区|乡|镇|乡镇|地市|州市|市州|县区|区县|县市区")

_PROVINCES = ("黑龙江省", "内蒙古自治区", "广西壮族自治区", "西藏自治区", "宁夏回族自治区",
              "新疆维吾尔自治区", "北京市", "天津市", "上海市", "重庆市", "河北省", "山西省",
              "辽宁省", "吉林省", "江苏省", "浙江省", "安徽省", "福建省", "江西省", "山东省",
              "河南省", "湖北省", "湖南省", "广东省", "海南省", "四川省", "贵州省", "云南省",
              "陕西省", "甘肃省", "青海省")
OWN = ("全省", "全市", "全区", "我省", "我市", "我区", "本省", "本市", "本区", "各州市", "各市州")
_CITY = r"(?:(?<=[及和与、，,在对为将是：:\s“(（])|^)[\u4e00-\u9fff]{2}市(?![场民政值级直辖容])"
# Regions a plan names bare (广州, 湖北) as well as in full; scope gives the full name.
KNOWN = {alias: k.name for k in known_regions() for alias in (k.name, *k.aliases) if len(alias) >= 2}
REGION = re.compile("|".join([*_PROVINCES, *OWN, _CITY,
                               *sorted(map(re.escape, KNOWN), key=len, reverse=True)]))
# Words that open a goal phrase without naming what is measured; _KEEP ones change what
# is counted, so the metric keeps them.
_KEEP = ("新增", "累计", "每年", "年均")
_HEAD = sorted((
    "力争", "重点", "积极", "加快", "逐步", "大力", "全面", "进一步", "着力", "持续", "努力", "共同",
    "其中", "同时", "并且", "并", "以及", "和", "及", "实现", "推动", "推进", "支持", "鼓励",
    "引导", "带动", "确保", "使", "让", "将", "要", "建设", "建成", "打造", "培育", "成长",
    "壮大", "发展", "新引进", "引进", "引培", "引入", "招引", "新建", "建立", "设立", "形成",
    "推广", "接入", "上架", "完成", "部署", "遴选", "发布", "举办", "开展", "创建", "争创",
    "孵化", "集聚", "聚集", "吸引", "引育", "输出", "认定", "提供", "贯彻", "落实", "瞄准",
    "围绕", "构建", "组建", "实施", "培养", "安排", "提升", "达到", "期间", "即", "各", "派发",
    "组织", "评选", "增加", "发放", "优选", "再", "在", "合作", "布局", "预计", "计划", "争取", "全年",
    "且", *OWN,
    *_KEEP), key=len, reverse=True)
_TAIL = re.compile(r"(?:达到|到达|达|突破|超过|超|不少于|不低于|不超过|降至|提高到|提高至|提升至|提升到|"
                   r"增至|增长到|增长至|上升至|上升到|为|约|共|共计|累计达|总计|合计|要|在|各|将)+$")
# A phrase that ends in the verb of the goal names no thing: the noun after the number does
# (「预计在引领区建成30万吨／年制氢能力」, 「配套建设约40座氢能综合能源站」).
_END_VERB = re.compile(r"(?:建成|形成|建设|打造|培育|引进|新建|开通|部署|投放|推广|开工|投产|创建|"
                       r"实现|完成|组织实施|实施|改造|更新|淘汰|更换|配套建设|布局|分阶段建成|配备|新增)$")
# The predicate a goal's subject carries before 「，达到…」: 显著增强, 稳步提升, 进一步提高.
_PREDICATE = re.compile(r"(?:显著|明显|稳步|大幅|持续|不断|进一步|全面|快速|有效|大幅度)?"
                        r"(?:增强|提升|提高|增长|扩大|改善|加快|优化|增加)$")
_BARE_VERB = re.compile(r"(?:达到|达|超过|突破|提高到|提升至|保持在?)?")
_LAST_VERB = re.compile(r"(?:到达|达到|达|突破|超过|提高到|提升至)(?=.{0,3}$)")
_TIME = re.compile(r"(?:力争)?(?:在)?(?:(?<![截直])(?:到|至)\s*)?(?<![较比与])(?:19|20)\d{2}\s*年(?:年?底|年?末)?前?|"
                   r"(?<![\d较比与])(?:19|20)\d{2}(?=[\u4e00-\u9fff])|"
                   r"“?十[二三四五]五”?(?:期间|时期|末)?|(?<![\d较比与])\d{1,2}\s*年(?:时间|内)?|"
                   r"(?<![十较比与])[一二两三四五六七八九十]\s*年(?:时间|内)|"
                   r"(?:今|当|本)?年内")
_GLOSS = re.compile(r"[（(][^（()）]*[）)]")
_PAIRED = re.compile(r"(?P<names>[^，,；;。：:！!？?]+?)分别(?:达到|达|为|超过|突破|提高到|提升至|增至)?\s*$")


def each_metric(metric: str, sentence: str, q: Quantity) -> list[str]:
    """「开工和投产新能源项目各1600万千瓦」: one goal for each of two parallel verbs."""
    if not re.search(r"各\s*$", sentence[:q.start]):
        return [metric]
    for n in (2, 3, 4):
        if metric[n:n + 1] in ("和", "及", "与") and len(metric) > 2 * n + 2:
            return [metric[:n] + metric[2 * n + 1:], metric[n + 1:]]
    return [metric]



def metric_of(sentence: str, q: Quantity, previous_end: int, previous: str | None,
              region: str | None) -> str:
    """The noun phrase naming what ``q`` measures: before it ("网络零售额突破…"), or after
    it when only verbs precede ("培育50家企业级工业互联网平台")."""
    # A gloss in brackets (「OPC（即…，以下简称OPC）数量」) is no break in the phrase.
    unglossed = _GLOSS.sub(lambda m: "_" * len(m.group()), sentence[:q.start])
    cut = max([previous_end] + [i + 1 for i, ch in enumerate(unglossed) if ch in DELIMS])
    before = _TIME.sub("", re.sub(r"\s+", "", sentence[cut:q.start]))
    before = re.sub(r"[（(][^）)]*[）)]|^(?:\d{1,2}[.、]|[（(]\d{1,2}[)）])", "", before)
    for m in REGION.finditer(before):
        if before[m.start() - 1:m.start()] != "占" and m.end() < len(before):
            before = before[m.end():]
    before = _strip_tail(before)
    prefix, core = _strip_head(before, region)
    if GENERIC.fullmatch(core) or re.search(r"(?:和|及|与|或|以及)$", core) \
            or (sentence[cut - 1:cut] == "、" and len(core) <= 6
                and not (previous_end and previous_end >= cut - 3)):
        core = ""  # "8个行业1000家中小企业", "机票和1万间客房", "郑州、周口4个示范区"
    after, of = noun_after(sentence, q.end)
    if after and _END_VERB.search(core) and not of:
        core = ""  # 「在引领区建成」 names no thing; 「30万吨／年制氢能力」 does
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
    if not metric and not previous_end:
        metric = _subject_before(sentence, cut, q.start)  # "…的贡献显著增强，达到60%以上"
    return metric or before



def _subject_before(sentence: str, cut: int, start: int) -> str:
    """The subject of the phrase before a bare "，达到60%": "服务业对经济增长的贡献显著增强"
    → "服务业对经济增长的贡献"; "" when the number's own phrase says more than the verb."""
    lead = re.sub(r"\s+", "", sentence[cut:start])
    if cut == 0 or not _BARE_VERB.fullmatch(lead):
        return ""
    starts = [i + 1 for i, ch in enumerate(sentence[:cut - 1]) if ch in DELIMS]
    phrase = re.sub(r"\s+", "", sentence[starts[-1] if starts else 0:cut - 1])
    subject = _PREDICATE.sub("", phrase)
    return "" if subject == phrase else subject



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



def noun_after(sentence: str, end: int) -> tuple[str, bool]:
    """The noun phrase right after a quantity, and whether it is joined by 的."""
    rest = re.sub(r"^\s*(?:以上|以下|以内|左右)", "", sentence[end:])
    rest = re.sub(r"[（(][^）)]*[）)]", "", rest).lstrip()
    of = rest.startswith("的")
    stop = re.compile(r"[，,；;。：:！!？?、的（(]|(?<![\dA-Za-z.])\d+(?:\.\d+)?(?![\dA-Za-z])")
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



def paired_metrics(sentence: str, quantities: list[Quantity]) -> dict[int, str]:
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
