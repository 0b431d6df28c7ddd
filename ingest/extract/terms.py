"""The money terms of one incentive offer: amount, ceiling, ratio of a base, who pays.

An offer is one grant a sentence makes (see ``offers``). Its terms are read from its
normalized text, positions relative to it:

- **grant start**: where the giving begins — the first 给予/予以, a 按… ratio phrase, a
  standard it is paid at (按300元/人的标准, 按每10人1万元的标准), or the instrument word itself
  (每家奖励 200 万元). Money printed before it is a condition (投资 500 万元以上的项目, 200 万元至
  500 万元的技改项目), never the amount; so is money that says which cases it covers (单户担保金额
  500万元及以下).
- **amount**: the first sum after the grant start that is not a ceiling.
- **cap**: a sum after 最高/上限/封顶/不超过/最多 (最高可达, 最高奖励, 总额最高不超过 …), or
  before 封顶/以内; a range's upper bound (补贴1000-12000元).
- **ratio**: the share of a base paid, as a fraction (0.1 for 10 %): 按(照)<base>的 10 %,
  给予<base> 10 % 的补助, 补助比例(不超过) 30 %, and after the grant 原则上不超过<base>的 30 %
  — a cost share (各承担 50 %) is not one; 支持比例不超过<base>的 15 % and 根据<base>的 30 % 进行补贴
  too; 全额补助 is 1.0, and 贴息 1.5 个百分点 0.015 (points of the loan's rate).
  ``base`` is what the share is of, as printed (项目设备购置额, 软件合同金额).
- **per_year**: the amount or cap is per year (每年最高…, 年度补助金额最高…, 2000元/人/年).
- **instalments**: staged payment as printed (分三年拨付, 分期兑现, 按进度拨付).
- **payer**: the level of government that pays when the text says (省级给予…, 由市财政…,
  区级财政按… → 省级, 市级, 区级); ``cost_sharing`` the split when two share it (市区各承担50%).

>>> t = read_terms("按照项目设备购置额的10%给予奖补，最高500万元")
>>> (t.amount_wan, t.cap_wan, t.ratio, t.base)
(None, 500.0, 0.1, '项目设备购置额')
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.extract.numbers import NUM, Quantity, find_quantities, is_money, to_wan

GRANT_VERB = re.compile(r"给予|予以")
# Relief is granted by its own verb: money before 免征/减按 is a condition (月销售额未超过10万元的).
_RELIEF = re.compile(r"免征|免收|减征|减按|减免|免[于予]收取|减半征收|加计(?:抵减|扣除)|退还|返还|代缴|税前扣除")
_INSTRUMENT = r"奖励|奖补|补贴|补助|资助|贴息|津贴|配套|加计抵减|加计扣除|返还"
# A sum a grant is paid at, per head or per unit: 「按300元/人的标准给予…补助」,
# 「按每10人1万元的标准给予一次性奖补」, 「500元的标准，给予人才招引工作补贴」.
_STANDARD = re.compile(rf"(?:按(?:照)?[^，,。；;]{{0,16}}?)?(?<![\d.]){NUM}\s*(?:万亿|亿|千万|万)?元"
                       rf"[^，,。；;]{{0,10}}?的?标准")
# A rate per unit a grant is paid at: 「按1000元/总吨予以补贴」.
_RATE_BY = re.compile(rf"按(?:照)?\s*(?<![\d.]){NUM}\s*(?:万)?元\s*[/／]")
# Money that says which cases a rule is for: 「单户担保金额500万元及以下」, 「单体项目总投资不低于
# 2000万元」.
_SCOPE_BEFORE = re.compile(r"(?:金额|额度|投资额|销售额|营业收入|营收|规模)\s*$")
_FLOOR_BEFORE = re.compile(r"(?:投资|投资额|金额|销售额|营业收入|营收|规模|产值)(?:须|需|应)?(?P<verb>不低于|不少于|达到|超过|在)?\s*$")
_OWN_VERB = re.compile(rf"(?:{_INSTRUMENT})\s*(?={NUM})")  # 奖励200万元: the word gives
_RATIO_BY = re.compile(rf"(?:按(?:照)?|根据|依据)(?:不超过|不高于)?(?P<base>[^，,。；;]{{0,40}}?)的?\s*"
                       rf"(?:不超过|不高于|最高)?\s*(?P<r>{NUM})\s*(?P<unit>%|‰)"
                       rf"(?=(?:的比例)?[，,]?[^，,。；;]{{0,20}}?(?:给予|予以|{_INSTRUMENT}|支持))")
# The share printed after the instrument it pays: 「岗位补贴按上年度全市最低工资标准的30%执行」,
# 「对购买商业用房补贴总价的1.5%」.
_RATIO_AFTER = re.compile(rf"(?:{_INSTRUMENT})(?:资金)?(?:按(?:照)?)?(?P<base>[^，,。；;%‰\d]{{1,16}}?)的\s*"
                          rf"(?P<r>{NUM})\s*(?P<unit>%|‰)")
_RATIO_GIVEN = re.compile(rf"(?:给予|予以)(?:其)?(?P<base>[^，,。；;%]{{0,24}}?)(?P<r>{NUM})\s*(?P<unit>%|‰)\s*的?"
                          rf"(?:[^，,。；;]{{0,8}}?|(?:以内|以下)[^，,。；;]{{0,20}}?)(?:{_INSTRUMENT})")
_RATIO_NAMED = re.compile(rf"(?:{_INSTRUMENT}|支持)(?:资金)?比例[^，,。；;%‰\d]{{0,16}}?"
                          rf"(?P<r>{NUM})\s*(?P<unit>%|‰)")
# 「贷款实际利率50%的财政贴息」: the share printed before the instrument it pays.
_RATIO_BEFORE = re.compile(rf"(?P<base>[\u4e00-\u9fff]{{2,12}}?)(?P<r>{NUM})\s*(?P<unit>%|‰)的"
                           rf"[\u4e00-\u9fff]{{0,6}}?(?:{_INSTRUMENT})")
# A ceiling set as a share, after the grant: 「给予补助，原则上不超过合同总额的30%」,
# 「补助额度原则上为项目投资额的5%」.
_RATIO_LIMIT = re.compile(rf"(?:原则上)?(?:不超过|不高于|最高为?|为)(?P<base>[^，,。；;%‰\d]{{2,16}}?)的\s*"
                          rf"(?P<r>{NUM})\s*(?P<unit>%|‰)")
# The whole cost paid (「其余六州原则上全额补助」, 「予以全额支持」) and an interest subsidy in
# percentage points of the loan (「中央财政贴息1.5个百分点」): shares without a % sign.
_RATIO_FULL = re.compile(rf"全额(?:{_INSTRUMENT}|支持)")
_RATIO_POINTS = re.compile(rf"贴息\s*(?P<r>{NUM})\s*个百分点")
# A share matched to another grant, written as a proportion: 「给予不超过1:0.5的一次性区级资金匹配」.
_RATIO_MATCHED = re.compile(rf"(?:不超过|按(?:照)?)?\s*1\s*[:：比]\s*(?P<r>{NUM})(?:的比例)?的?[^，,。；;]{{0,12}}?(?:匹配|配套)")
_CAP_BEFORE = re.compile(
    r"(?:最高|最多|上限|封顶|不超过|不高于|累计不超过)(?:为|可|不超过|可达|达到|达)?"
    r"(?:给予|奖励|奖补|补助|补贴|资助|支持|获得|可获得)?(?:金额|总额|资金)?(?:为|可达|达)?\s*$|"
    r"最高[\u4e00-\u9fff]{0,6}?(?:奖励|奖补|补助|补贴|资助)(?:额|金额|标准)?(?:为|可达|达)?\s*$")  # 最高报废补贴额1500元
_CAP_AFTER = re.compile(r"^\s*(?:封顶|以内|为限)")
_PER_YEAR = re.compile(r"每年|年度|每一年|一年内|年均")
_INSTALMENTS = re.compile(
    r"分[一二两三四五六七八九十\d]+(?:年|期|次|个年度)(?:等额)?(?:拨付|兑现|发放|支付|到位|给予)?|"
    r"分(?:期|年度?)(?:拨付|兑现|发放|支付|到位)|按(?:工程|项目|建设)?进度(?:分期)?拨付")
_PAYER = re.compile(r"(?P<lv>省|市|区|县|州)(?:本级)?(?:级财政|财政|级)(?:资金)?"
                    r"(?=给予|予以|按|奖励|奖补|补助|补贴|资助|安排|一次性|再|分|对|承担|负担|统筹)")
_COST_SHARING = re.compile(rf"(?:由)?[\u4e00-\u9fff]{{1,6}}各(?:承担|负担)\s*{NUM}\s*%")
_CHUNK = re.compile(r"[，,；;。：:]")


@dataclass(frozen=True)
class Terms:
    """What one offer pays, and how; every field may be None when the text does not say."""

    amount_wan: float | None = None
    cap_wan: float | None = None
    ratio: float | None = None
    base: str | None = None
    per_year: bool = False
    instalments: str | None = None
    payer: str | None = None
    cost_sharing: str | None = None


def read_terms(offer: str, quantities: list[Quantity] | None = None) -> Terms:
    """The terms of one offer's normalized text."""
    qs = find_quantities(offer) if quantities is None else quantities
    start = grant_start(offer)
    amount = cap = None
    per_year = False
    for q in qs:
        if not is_money(q.unit) or q.quoted or q.start < start or _is_share(offer, q):
            continue
        if _SCOPE_BEFORE.search(offer, 0, q.start) and re.match(r"\s*及?以[上下]", offer[q.end:]):
            continue  # 「单户担保金额500万元及以下」: the cases it covers
        if _RAISED_FROM.match(offer, q.end):
            continue  # 「由6万元提高至8万元」: the sum it was, not the one granted
        floor = _FLOOR_BEFORE.search(offer, 0, q.start)
        if floor and (floor.group("verb") or q.comparator == ">="):
            continue  # 「单体项目总投资不低于2000万元」: which projects qualify
        wan = to_wan(q.value, q.unit)
        if q.value_max is not None:  # 「补贴1000-12000元」: up to the upper bound, no fixed sum
            wan = to_wan(q.value_max, q.unit)
        if q.value_max is not None or is_cap(offer, q):
            if cap is None:
                cap, per_year = wan, per_year or _yearly(offer, q)
        elif amount is None:
            amount, per_year = wan, per_year or _yearly(offer, q)
    ratio, base = read_ratio(offer)
    instalments = _INSTALMENTS.search(offer)
    return Terms(amount, cap, ratio, base, per_year,
                 instalments.group() if instalments else None, payer(offer), cost_sharing(offer))


_RAISED_FROM = re.compile(r"\s*(?:提高|提升|上调|调高|调整|增加|降低|下调|调低)(?:至|到|为)\s*\d")


def grant_start(offer: str) -> int:
    """Where the giving begins: money before it is a condition of the offer."""
    starts = [m.start() for m in (GRANT_VERB.search(offer), _OWN_VERB.search(offer),
                                  _RATIO_BY.search(offer), _RATIO_NAMED.search(offer),
                                  _RELIEF.search(offer), _STANDARD.search(offer),
                                  _RATE_BY.search(offer)) if m]
    return min(starts) if starts else 0


def is_cap(text: str, q: Quantity) -> bool:
    """A ceiling: 不超过/以内 printed with it, 最高…/上限… before it, 封顶 after it."""
    if q.comparator == "<=":
        return True
    chunk_start = max([0] + [m.end() for m in _CHUNK.finditer(text, 0, q.start)])
    return bool(_CAP_BEFORE.search(text[chunk_start:q.start]) or _CAP_AFTER.match(text[q.end:]))


def read_ratio(offer: str) -> tuple[float | None, str | None]:
    """The share of a base paid (0.1 for 10 %) and the base as printed."""
    for pattern in (_RATIO_BY, _RATIO_GIVEN, _RATIO_NAMED, _RATIO_BEFORE, _RATIO_AFTER, _RATIO_LIMIT):
        for m in pattern.finditer(offer):
            if _is_share(offer, m.start("r"), m.end()) or (
                    pattern is _RATIO_LIMIT and m.start() < grant_start(offer)):
                continue
            scale = 1000 if m.group("unit") == "‰" else 100
            return round(float(m.group("r")) / scale, 8), _clean_base(m.groupdict().get("base"))
    points = _RATIO_POINTS.search(offer)
    if points:
        return round(float(points.group("r")) / 100, 8), None
    if _RATIO_FULL.search(offer):
        return 1.0, None
    matched = _RATIO_MATCHED.search(offer)
    if matched and not _is_share(offer, matched.start(), matched.end()):
        return float(matched.group("r")), None  # 1:0.5 of the grant it matches
    return None, None


def payer(offer: str) -> str | None:
    m = _PAYER.search(offer)
    return f"{m.group('lv')}级" if m else None


def cost_sharing(offer: str) -> str | None:
    m = _COST_SHARING.search(offer)
    return re.sub(r"\s+", "", m.group()) if m else None


def _is_share(text: str, q: Quantity | int, end: int | None = None) -> bool:
    """A cost share (市区各承担 50 %, 按 1:1 比例负担), not a payment."""
    start, stop = (q.start, q.end) if isinstance(q, Quantity) else (q, end or q)
    before, after = text[max(0, start - 6):start], text[stop:stop + 6]
    return bool(re.search(r"各(?:承担|负担)\s*$|承担\s*$", before)
                or re.match(r"\s*(?:的比例)?(?:承担|负担|分担)", after))


def _yearly(text: str, q: Quantity) -> bool:
    """Per year: 每年/年度 before it, or 「2000元/人/年」 — a per-year rate printed after it."""
    chunk_start = max([0] + [m.end() for m in _CHUNK.finditer(text, 0, q.start)])
    return bool(_PER_YEAR.search(text[chunk_start:q.start])
                or re.match(r"\s*(?:[/／]\s*[\u4e00-\u9fff]{1,2}\s*)?[/／]\s*年", text[q.end:q.end + 8])
                or re.search(r"[/／]\s*年$", q.unit))


def _clean_base(base: str | None) -> str | None:
    if not base:
        return None
    base = re.sub(r"^(?:其|企业|单位)?对?", "", base.strip()).strip("的 ")
    return base or None
