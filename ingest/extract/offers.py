"""One sentence, several offers: where a plan sentence grants more than one thing.

A sentence is cut at its commas into chunks, and each chunk read as one of

- **grant**: it gives — an instrument (``instruments``: 奖励, 奖补, 补贴, 补助, 贴息, 配套,
  减免, 消费券, 扶持政策 …) granted by a verb, with a sum or a ratio: 「省级给予奖补」,
  「按设备购置额的10%给予奖补」, 「每家奖励200万元」, 「落实车辆购置税减免优惠政策」;
- **term**: it only qualifies the grant before it — a ceiling (「最高500万元」, 「单个企业最高300万元」),
  staged payment (「分三年拨付」) or a cost share (「市区各承担50%」);
- **condition**: anything else (「对新认定的专精特新企业」), and the share a following grant
  pays (「按获得…实际资助金额的50%」 before 「给予最高1000万元资助」).

A grant that only sets a ceiling (「给予每年最高100万元资助」) right after a grant without one
is that grant's term.

An offer is a grant chunk with the condition chunks before it and the term chunks after
it; a condition chunk that follows a grant's terms opens the next offer. So
「对A，给予50万元奖励，对B，按合同金额的30%给予补助，最高300万元」 is two offers.

A **tiered** offer — 「分别给予一次性奖补50万元、100万元、150万元」, 「分别按10%、20%给予补助」,
「分别给予最高100万元、50万元奖励」 — becomes one offer per tier: the other tiers' values are
blanked out of its text (``Offer.reading``), and the tier's own name is kept when the
sentence lists as many names before 分别 (「国家级、省级、市级专精特新企业」).

>>> [(o.tier_name, o.reading.replace(_BLANK, "_")) for o in split_offers("对国家级、省级企业，分别给予100万元、50万元奖励")]
[('国家级企业', '对国家级、省级企业，分别给予100万元、____奖励'), ('省级企业', '对国家级、省级企业，分别给予______50万元奖励')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.extract.instruments import FUND, instruments, is_granted
from ingest.extract.numbers import Quantity, find_quantities, is_money, money_in
from ingest.extract.terms import GRANT_VERB, grant_start, is_cap

# After 「补贴1」: a count of what is subsidised (「每类产品可补贴1件」), no sum.
NOT_A_COUNT = r"(?![\d.]*\s*(?:件|台|辆|次|套|个|项))"
_AMOUNTED = re.compile(rf"(?:奖励|奖补|补贴|补助|资助|贴息)\s*\d{NOT_A_COUNT}|"
                       r"每[家个项人户][^，,；;]{0,6}?(?:奖励|奖补|补助|补贴)")
_RATIO = re.compile(r"\d\s*%")
_TERM = re.compile(r"^(?:单个|每个|每家|每户|每人|单家|单项|单户|累计|总额|合计|年度|每年|其中)?"
                   r"[^，,；;]{0,12}?(?:最高|最多|上限|封顶|不超过)|"
                   r"分[一二两三四五六七八九十\d]+(?:年|期|次|个年度)|分(?:期|年度?)(?:拨付|兑现|发放|支付)|"
                   r"各(?:承担|负担)|^(?:由)?[\u4e00-\u9fff]{1,8}(?:承担|负担)|"
                   # 「每位消费者每类产品可补贴1件」: how many items one person may claim for
                   r"可(?:补贴|补助|申请|享受)[^，,；;]{0,4}?\d+\s*(?:件|台|辆|次|套)")
_CHUNK_END = re.compile(r"[，,：:]")
_TIER_RUN = re.compile(r"分别")
_JOIN = re.compile(r"^\s*(?:、|和|及|或|，|,)\s*(?:最高|不超过)?\s*$")
_BLANK = "\u3000"  # a full-width space keeps offsets; normalize() reads it as a space
# Between two tiers of a list: a 、 or a comma, and the next tier's short name (四级（中级工）,
# 巩固提升年, 三孩家庭补贴不超过), or a longer name that repeats the instrument (「购买新能源
# 乘用车补贴10000元、购买燃油乘用车补贴7000元」).
_LISTED_GAP = re.compile(r"^\s*[、，,和]\s*(?:(?:[^，,。；;、：:\d]|[（(][^）)]{0,6}[）)]){0,12}?|"
                         r"[^，,。；;、：:]{0,24}?(?:补贴|补助|奖励|奖补))$")
_GRANT_AT = re.compile(r"给予|予以|(?:奖励|奖补|补贴|补助|资助)")
_RATES = re.compile(r"费率|税率|利率")
_SUM_HINT = re.compile(r"\d\s*(?:万亿|亿|千万|万)?元|\d\s*万(?![\u4e00-\u9fff])")
# A rate cut spelled out after the grant of it: 「继续降低社保费率，养老保险单位费率从19%降低到16%，…」.
_RATE_CUT = re.compile(r"费率[^，,；;]{0,4}从[^，,；;]{0,12}(?:降低|下调|降)")


@dataclass(frozen=True)
class Offer:
    """One offer: ``text`` as printed (a slice of the sentence), ``reading`` the same text
    with other tiers' values blanked, ``condition`` a tier's own name when known."""

    text: str
    reading: str
    tier_name: str | None = None


def split_offers(sentence: str) -> list[Offer]:
    """The offers of one normalized sentence, in reading order."""
    offers: list[Offer] = []
    for part in _by_grants(sentence):
        offers += _tiers(part)
    return offers


def _chunks(sentence: str) -> list[str]:
    cuts = [m.end() for m in _CHUNK_END.finditer(sentence)]
    bounds = [0, *cuts, len(sentence)]
    return [sentence[a:b] for a, b in zip(bounds, bounds[1:]) if sentence[a:b]]


def chunk_role(chunk: str, after_grant: bool) -> str:
    """"grant", "term" or "condition" (see the module docstring); ``after_grant``: the
    chunk right before this one is a grant or a term."""
    body = chunk.rstrip("，,：: ")
    quantities = [q for q in find_quantities(body) if not q.quoted]
    if after_grant and (_is_term(body, quantities) or _RATE_CUT.search(body)):
        return "term"
    if _SHARE_FIRST.search(body):
        return "condition"  # 「按获得…实际资助金额的50%，给予最高1000万元资助」: the share of the grant after it
    found = instruments(body)
    if found and (any(is_granted(body, i) for i in found) or _AMOUNTED.search(body)
                  or _RATIO.search(body)):
        return "grant"
    if FUND.search(body) and any(is_money(q.unit) for q in quantities):
        return "grant"  # 安排4亿元…，安排2亿元…: each sum its own fund
    return "condition"


# A chunk that is only the share a following grant pays: 「按获得国家实际资助金额的25%」.
_SHARE_FIRST = re.compile(r"^\s*(?:[（(]?\d{1,2}[)）.、．]\s*)?(?:[\u4e00-\u9fff]{2,6}[：:])?(?:对[^，,。；;]*?)?"
                          r"按(?:照)?(?:不超过|不高于)?[^，,。；;]{2,40}?的\s*\d+(?:\.\d+)?\s*%\s*$")
# A grant that gives only a ceiling: 「给予单家企业每年最高100万元资助」.
_CAP_GRANT = re.compile(r"^\s*(?:给予|予以)[^，,。；;]{0,12}?(?:最高|不超过|上限)")


def _cap_grant(chunk: str) -> bool:
    body = chunk.rstrip("，,：:；; ")
    money = money_in(body)
    return bool(_CAP_GRANT.match(body)) and bool(money) and all(is_cap(body, q) for q in money) \
        and not _RATIO.search(body)


def _own_cap(chunk: str) -> bool:
    """A chunk naming its instrument and a ceiling on it (「购买燃油乘用车单台补贴最高不超过1.3万元」)."""
    body = chunk.rstrip("，,：:；; ")
    money = money_in(body)
    return bool(money) and bool(instruments(body)) and all(is_cap(body, q) for q in money)


def _is_term(body: str, quantities: list[Quantity]) -> bool:
    if GRANT_VERB.search(body) or body.startswith("按"):
        return False
    money = [q for q in quantities if is_money(q.unit)]
    if money and all(is_cap(body, q) for q in money):
        return True
    return bool(_TERM.search(body))


def _by_grants(sentence: str) -> list[str]:
    """Cut before the condition chunks of every grant after the first."""
    parts: list[str] = []
    current: list[str] = []
    closed = 0  # chunks of ``current`` up to its grant and that grant's terms
    seen_grant, last = False, "condition"
    for chunk in _chunks(sentence):
        role = chunk_role(chunk, last in ("grant", "term") and seen_grant)
        if role == "grant" and last == "grant" and _cap_grant(chunk) and not any(_cap_grant(c) for c in current):
            role = "term"  # 「按…服务费用的10%补贴，给予每年最高100万元资助」: the cap of that grant
        if role == "term" and _own_cap(chunk) and any(_own_cap(c) for c in current[:closed]) \
                and all(_own_cap(c) for c in current[:closed] if money_in(c)):
            # 「给予置换补贴支持，购买新能源车单台补贴最高1.5万元，购买燃油车单台补贴最高1.3万元」:
            # two grants, each its own ceiling (after a sum, 「补助100元，二孩…不超过1万，三孩…
            # 不超过2万」, the ceilings are tiers of that sum).
            role = "grant"
        if role == "grant" and seen_grant:
            parts.append("".join(current[:closed]))
            current, closed = current[closed:], 0
        current.append(chunk)
        if role == "grant" or (role == "term" and seen_grant):
            closed = len(current)
            seen_grant = True
        last = role
    if current:
        parts.append("".join(current))
    return [p for p in parts if p.strip()]


def _tiers(part: str) -> list[Offer]:
    """One offer per tier of a 分别 list of two or more sums or ratios; without 分别, one
    per tier of a list of sums the grant pays, each sum after its tier's name or right after
    the one before (see ``_listed``)."""
    m = _TIER_RUN.search(part)
    if not m:
        run, names = _listed(part)
        if len(run) < 2:
            return [Offer(part, part)]
        return _tier_offers(part, run, names)
    run = _run(part, m.end())
    if len(run) < 2 or _RATES.search(part, m.end(), run[0].start):
        return [Offer(part, part)]  # 「分别按一类至八类执行行业基准费率0.6%、1.0%…」: rates, not tiers
    return _tier_offers(part, run, _tier_names(part[:m.start()], len(run)))


def _tier_offers(part: str, run: list[Quantity], names: list[str] | None) -> list[Offer]:
    offers = []
    for k in range(len(run)):
        reading = part
        for j, other in enumerate(run):
            if j != k:  # blank the other tier and the joiner after it
                end = run[j + 1].start if j + 1 < len(run) else other.end
                reading = reading[:other.start] + _BLANK * (end - other.start) + reading[end:]
        offers.append(Offer(part, reading, names[k] if names else None))
    return offers


def _listed(part: str) -> tuple[list[Quantity], list[str] | None]:
    """Tiers a grant lists without 分别: sums after the grant starts, one after another with
    at most a short tier name between them, all amounts or all ceilings —
    「对首次评为国家级、省级专精特新企业给予一次性奖补10万元、5万元」 (the names before it),
    「按首年1万元、巩固提升年5000元的标准兑现」, 「按以下标准给予培训补贴：五级4000元、四级5000元，…」,
    「二孩家庭补贴不超过2万，三孩家庭补贴不超过3万」. Returns the run and, when as many names
    precede the grant, their names."""
    if len(_SUM_HINT.findall(part)) < 2:
        return [], None  # most offers print one sum or none: no list to read
    start = grant_start(part)
    money = [q for q in money_in(part) if q.start >= start]
    best: list[Quantity] = []
    run: list[Quantity] = []
    for q in money:
        if run and _LISTED_GAP.match(part[run[-1].end:q.start]) and is_cap(part, q) == is_cap(part, run[-1]):
            run.append(q)
        else:
            run = [q]
        if len(run) > len(best):
            best = list(run)
    if len(best) < 2:
        return [], None
    verb = next((m.start() for m in (_GRANT_AT.search(part),) if m and m.start() <= best[0].start), None)
    names = _tier_names(part[:verb], len(best)) if verb is not None else None
    return best, names


def _run(part: str, start: int) -> list[Quantity]:
    """The sums or ratios listed one after another after 分别 (、 和 及 between them)."""
    quantities = [q for q in find_quantities(part) if q.start >= start and not q.quoted]
    run: list[Quantity] = []
    for q in quantities:
        if run and not (_JOIN.match(part[run[-1].end:q.start]) and _same_kind(run[-1], q)):
            break
        run.append(q)
    return run


def _same_kind(a: Quantity, b: Quantity) -> bool:
    return (is_money(a.unit) and is_money(b.unit)) or a.unit == b.unit


def _tier_names(before: str, n: int) -> list[str] | None:
    """"对国家级、省级、市级专精特新企业" → the n names the tiers belong to, or None."""
    chunk = re.split(r"[，,；;]", before.rstrip("，, "))[-1]
    chunk = re.sub(r"^\s*(?:[（(]?[\d一二三四五六七八九十]+[.、．)）]\s*)?(?:对于|对|经|凡)?", "", chunk)
    names = [n.strip() for n in re.split(r"、|和|及|或", chunk) if n.strip()]
    if len(names) != n:
        return None
    tail = re.match(r"^(?:国家|省|市|区|县)?级?", names[-1])
    shared = names[-1][tail.end():] if tail and tail.end() else ""
    return [name if name == names[-1] else name + shared for name in names]
