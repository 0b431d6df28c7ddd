"""Numbers as Chinese plans print them: values, ranges, units, comparators, years, money.

Extractors work on ``normalize(text)``, which repairs what PDF extraction does to numbers
but keeps Chinese punctuation, so the spans it returns can be shown to readers as printed.

>>> [(q.value, q.unit, q.comparator, q.text) for q in find_quantities("网络零售额突破 5000 亿元")]
[(5000.0, '亿元', '>=', '突破 5000 亿元')]
>>> to_wan(8, "亿元"), period_end("2021—2025")
(80000.0, 2025)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

# Full-width digits, letters and number signs become ASCII; Chinese punctuation is kept
# (it is what readers see, and the extractors split on it).
_WIDE = {chr(c): chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)}
_WIDE.update({chr(c): chr(c - 0xFEE0) for c in (*range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B))})
_WIDE.update({"％": "%", "．": ".", "＋": "+", "－": "-", "～": "~", "＜": "<", "＞": ">",
              "＝": "=", "\u3000": " ", "\xa0": " "})
# ①②… enumerate list items; read as digits they would glue onto the next word.
_WIDE.update({chr(c): " " for c in (*range(0x2460, 0x2474), *range(0x2776, 0x2794))})
_TABLE = str.maketrans(_WIDE)
# Few texts hold any of them, and finding none is far quicker than translating
# character by character through a table.
_TO_NARROW = re.compile("[" + "".join(map(re.escape, sorted(_WIDE))) + "]")

# "7. 2" is a decimal whose point lost its neighbour to a line break; a list marker ("1. 建设")
# never has a digit after the space, and one at the start of a line is left alone.
_SPLIT_DECIMAL = re.compile(r"(?<=\d)(?<!^\d)(?<!\n\d)\.[ \t]+(?=\d(?!\d{3}\s*年))")

NUM = r"\d+(?:\.\d+)?"
_MAGNITUDE = r"(?:万亿|千万|百万|亿|万)"
_BASE_UNITS = (
    "美元", "元", "台套", "人次", "亩次", "家次", "批次", "户次", "平方公里", "平方米", "立方米",
    "吨标准煤", "吨标煤", "微克/立方米", "公里", "千米",
    "机架", "个百分点", "百分点", "个月", "个工作日", "工作日", "千瓦时", "千瓦", "兆瓦", "毫秒", "小时", "家", "个", "项", "条",
    "台", "套", "座", "所", "款", "名", "户", "辆", "艘", "架", "次", "件", "张", "篇", "场", "种", "处", "根",
    "栋", "幢", "株", "盏", "笔", "宗", "支", "组", r"头(?!部)", "吨", "亩", "倍", "秒", "间", "斤", "岁",
    r"人(?![工才口民员群类们力大])", "EFLOPS", "PFLOPS", "TFLOPS", "FLOPS", "Gbps", "Mbps",
    r"P(?![A-Za-z])", "%", "‰",
)
COUNT_UNITS = frozenset("个家项座所台套辆艘架件张篇场种处条名户间款批根栋幢株盏笔宗支组头")
# A unit is printed as plans print it: a per-unit suffix (万吨／年, 元/千瓦, 5000元/辆) and a
# bracketed alternative count word (台（套）, 万套（间）, 艘（台、套）) belong to it.
_COUNT = "套|台|个|家|座|间|处|件|辆|艘|架|部|所|项|张"
_PER = (r"\s*[/／]\s*(?:年|月|日|天|小时|人|户|辆|台|套|千瓦时|千瓦|兆瓦时|兆瓦|kWh|kW|MWh|MW|百公里|公斤|吨|平方米|"
        r"立方米|亩|次|个)(?![\u4e00-\u9fff]{0,1}[/／])")
_ALTERNATIVE = rf"[（(](?:{_COUNT})(?:、(?:{_COUNT}))*[）)]"  # 艘（台、套）
_PLAIN_UNIT = rf"(?:{_MAGNITUDE}?(?:{'|'.join(_BASE_UNITS)})|{_MAGNITUDE}(?![\u4e00-\u9fff]))"
UNIT = rf"(?:{_PLAIN_UNIT}(?:(?<=[{_COUNT}]){_ALTERNATIVE})?(?:{_PER})?|[:：]1(?!\d))"
_GE = ("≥", ">=", "不少于", "不低于", "超过", "高于", "突破", "超", "以上", "余", "多", "+", ">")
_LE = ("≤", "<=", "不超过", "不高于", "低于", "降至", "降到", "降低到", "降低至", "控制在",
       "以下", "以内", "<")
_PRE = "|".join(sorted({*_GE[:8], *_LE[:10]}, key=len, reverse=True))
_QUANTITY = re.compile(
    rf"(?P<pre>{_PRE})?\s*(?<![\d.A-Za-z第])(?P<v>{NUM})"
    rf"(?:\s*[×xX]\s*10(?P<exp>\d{{1,2}}))?"
    rf"(?:\s*(?:至|到|—|–|~|-)\s*(?P<v2>{NUM}))?"
    rf"\s*(?P<approx>余|多)?(?P<unit>{UNIT})\s*(?P<post>以上|以下|以内|左右)?")
# A scientific number that lost its superscript, restated with a unit in brackets:
# "7.2×1018 浮点运算次数(7.2EFLOPS)" — the bracketed form is the one to keep.
_RESTATED = re.compile(rf"(?<![\d.]){NUM}\s*[×xX]\s*10\d{{1,2}}[^()（），,。；;]{{0,12}}[(（]")
_UNITLESS = re.compile(rf"(?P<pre>达到|达|降至|降到|低于|控制在)\s*(?P<v>{NUM})\s*(?P<post>以上|以下|以内)")
_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_SCALES = {"十": 10, "百": 100, "千": 1000}
_CHINESE = re.compile(r"(?P<pre>超过|超|突破|达到|达)(?P<cn>[一二两三四五六七八九十百千]+)"
                      r"(?P<unit>万亿元|亿元|万元|万亿|亿)")
_PLUS = re.compile(r"“(?P<v>\d+)\+”")
_QUOTED = re.compile(r"“[^“”]{0,30}”|《[^《》]*》")
_DIGIT = re.compile(r"\d")

TARGET_YEAR = re.compile(r"(?<![截直])(?:到|至)\s*(?P<y>(?:19|20)\d{2})\s*年|"
                         r"(?P<y2>(?:19|20)\d{2})\s*年(?:年?底)?前")
ANY_YEAR = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*年")
FIVE_YEAR_PLANS = {"十二五": 2015, "十三五": 2020, "十四五": 2025, "十五五": 2030}
_WAN_PER_UNIT = {"元": 1e-4, "万元": 1.0, "万": 1.0, "百万元": 100.0, "千万元": 1e3,
                 "亿元": 1e4, "亿": 1e4, "万亿元": 1e8, "万亿": 1e8}


@dataclass(frozen=True)
class Quantity:
    """One printed amount: ``value`` (lower bound of a range) and ``unit`` as printed.

    ``start``/``end`` cover the whole printed construct (a restated scientific number
    included), ``text`` the form a reader should see ("超过6000亿元", "7.2EFLOPS").
    """

    value: float
    unit: str
    comparator: str
    text: str
    start: int
    end: int
    value_max: float | None = None
    quoted: bool = False  # inside “…” or 《…》: part of a name, not an amount


def normalize(text: str) -> str:
    """Full-width digits to ASCII, enumerator circles out, split decimals rejoined."""
    if _TO_NARROW.search(text):
        text = text.translate(_TABLE)
    return _SPLIT_DECIMAL.sub(".", text)


def comparator(*words: str | None) -> str:
    """">=", "<=" or "=" from the words printed around a number (以上, 不超过, ≥ …)."""
    for word in words:
        if word in _GE:
            return ">="
        if word in _LE:
            return "<="
    return "="


def chinese_number(text: str) -> float | None:
    """"五千" → 5000, "十二" → 12, "千" → 1000; None when ``text`` is not a numeral."""
    total, digit = 0, None
    for ch in text:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch in _CN_SCALES:
            total += (1 if digit is None else digit) * _CN_SCALES[ch]
            digit = None
        else:
            return None
    total += digit or 0
    return float(total) if total else None


def find_quantities(text: str) -> list[Quantity]:
    """Every amount in normalized ``text``, in reading order; years and ordinals are not
    amounts (年 and 第 are never units), so they are not returned."""
    if _DIGIT.search(text) is None:
        # Most phrases a plan is cut into hold no digit, and every pattern but the
        # Chinese numerals' needs one: the slow scans would find nothing.
        return _in_words(text)
    quoted = [m.span() for m in _QUOTED.finditer(text)]
    restated = [m.span() for m in _RESTATED.finditer(text)]
    found = [_from_match(m, quoted, restated) for m in _QUANTITY.finditer(text)]
    found = [q for q in found if q is not None]
    found += _extra(text, found, quoted)
    return sorted(found, key=lambda q: q.start)


def _from_match(m: re.Match[str], quoted: list[tuple[int, int]],
                restated: list[tuple[int, int]]) -> Quantity | None:
    start = m.start("pre") if m.group("pre") else m.start("v")
    if any(s <= m.start("v") < e for s, e in restated):
        return None  # the bracketed restatement that follows is kept instead
    value = float(m.group("v")) * (10 ** int(m.group("exp")) if m.group("exp") else 1)
    anchor = next((s for s, e in restated if e == m.start("v") - 1 or e == m.start("v")), None)
    if anchor is not None:
        start = anchor
    v2 = m.group("v2")
    return Quantity(
        value=value, unit=m.group("unit"), value_max=float(v2) if v2 else None,
        comparator=comparator(m.group("pre"), m.group("post"), m.group("approx")),
        text=m.group(0).strip(), start=start, end=m.end(),
        quoted=any(s <= m.start("v") < e for s, e in quoted))


def _extra(text: str, found: list[Quantity], quoted: list[tuple[int, int]]) -> list[Quantity]:
    """Amounts the main pattern cannot see: 超千亿, “1000+”, and unitless 达到1.4以下."""
    taken = [(q.start, q.end) for q in found]
    free = lambda s, e: not any(a < e and s < b for a, b in taken)  # noqa: E731
    extra = _in_words(text, free)
    for m in _PLUS.finditer(text):
        extra.append(Quantity(float(m.group("v")), "", ">=", m.group(0)[1:-1], m.start(), m.end(),
                              quoted=True))
    for m in _UNITLESS.finditer(text):
        inside = any(s <= m.start("v") < e for s, e in quoted)
        if free(*m.span()) and not inside:
            cmp = comparator(m.group("pre"), m.group("post"))
            extra.append(Quantity(float(m.group("v")), "", cmp, m.group(0), m.start(), m.end()))
    return extra


def _in_words(text: str, free: Callable[[int, int], bool] = lambda s, e: True) -> list[Quantity]:
    """Amounts in Chinese numerals (超千亿, 突破五千亿元) where ``free`` allows."""
    found = []
    for m in _CHINESE.finditer(text):
        value = chinese_number(m.group("cn"))
        if value and free(*m.span()):
            found.append(Quantity(value, m.group("unit"), comparator(m.group("pre")),
                                  m.group(0), m.start(), m.end()))
    return found


def to_wan(value: float | None, unit: str) -> float | None:
    """An amount of money in 万元 (8 亿元 → 80000, 100 元/千瓦 → 0.01 per kW); None for
    other units."""
    unit = per_unit(unit)[0]
    if value is None or unit not in _WAN_PER_UNIT:
        return None
    return round(value * _WAN_PER_UNIT[unit], 6)


def is_money(unit: str) -> bool:
    unit = per_unit(unit)[0]
    return unit.endswith("元") and unit != "美元" or unit in ("万", "亿", "万亿")


def money_in(text: str) -> list[Quantity]:
    """The sums of money ``text`` prints, those inside a quoted name aside."""
    return [q for q in find_quantities(text) if is_money(q.unit) and not q.quoted]


def per_unit(unit: str) -> tuple[str, str]:
    """"元/千瓦" → ("元", "千瓦"); a unit without a per-unit suffix → (unit, "")."""
    parts = re.split(r"[/／]", re.sub(r"[（(][^）)]*[）)]", "", unit), maxsplit=1)
    return parts[0].strip(), parts[1].strip() if len(parts) > 1 else ""


def years_of(period: str | None) -> list[int]:
    return [int(y) for y in re.findall(r"(?:19|20)\d{2}", period or "")]


def period_end(period: str | None) -> int | None:
    """"2021—2025" → 2025, "2024" → 2024, None when no year is given."""
    years = years_of(period)
    return max(years) if years else None


def period_start(period: str | None) -> int | None:
    years = years_of(period)
    return min(years) if years else None


def target_years(text: str) -> list[tuple[int, int]]:
    """(position, year) of every "到 2027 年" / "2025年前" in ``text``."""
    return [(m.start(), int(m.group("y") or m.group("y2"))) for m in TARGET_YEAR.finditer(text)]


def five_year_plan_end(text: str) -> int | None:
    """The end year of a five-year plan the text names ("十四五" → 2025)."""
    for name, year in FIVE_YEAR_PLANS.items():
        if name in text:
            return year
    return None
