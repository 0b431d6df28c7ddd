"""The place a plan speaks for, read from its body when its title and issuer name none.

A plan without a printed title (a cell of a spreadsheet, a page whose heading was lost)
or with one that names no place (「加快数字化高质量发展打造数字先锋城市推进方案」) still
speaks as its region: it says 「我市」「全市」 and names the city now and then (「设立济南市
…专项资金」, 「济南高新区」). The level comes from how the plan calls itself; the place is
the one of that level it names most, when it names it far more than any other.

>>> body_region(["我市将设立济南市专项资金。", "全市推进济南高新区建设，学习青岛经验。", "济南要…"])
'济南市'
>>> body_region(["在明溪县城市规划区内购房的，我县给予补贴。"]) is None
True
>>> body_region(["在明溪县城市规划区内购房的，我县给予补贴。", "全县…明溪县…园区…", "明溪县…"])
'明溪县'
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from ingest.extract.lexicon import known_regions

# How a plan calls its own territory, by level.
_SELF = {"province": re.compile(r"[我全本]省|全区(?=各族)"), "city": re.compile(r"[我全本]市"),
         "county": re.compile(r"[我全本]县"), "district": re.compile(r"[我本]区")}
_MIN_SELF = 2
_MIN_NAMED = 2
_LEAD = 2.0  # the place must be named this many times more often than the next one
# Words ending in 区/县 that are not a district's name (「成都市社区…」「武汉市城区…」).
NOT_DISTRICT = ("社区", "园区", "城区", "景区", "片区", "市区", "辖区", "街区", "小区", "山区", "矿区",
                "灾区", "老区", "牧区", "郊区", "农区", "湖区", "库区", "示范区", "试验区", "功能区",
                "自贸区", "保税区", "集聚区", "先行区", "核心区", "主城区", "中心城区", "各区", "全区", "全县",
                "各县", "区县", "市县", "郡县")
_DETERMINERS = "各全本我该每其两三四五六七八九十"
_COUNTY_NAME = re.compile(r"(?=([\u4e00-\u9fff]{2}[县区旗]))")


def body_region(texts: Iterable[str]) -> str | None:
    """The region a plan's body speaks for, or None when it does not say clearly."""
    body = "".join(texts)
    level, said = max(((lvl, len(p.findall(body))) for lvl, p in _SELF.items()), key=lambda x: x[1])
    if said < _MIN_SELF:
        return None
    counts: Counter[str] = Counter()
    if level in ("province", "city"):
        for known in known_regions():
            if known.level == level or (level == "province" and known.level is None):
                spellings = sorted({known.name, *known.aliases}, key=len, reverse=True)
                counts[known.name] = len(re.findall("|".join(map(re.escape, spellings)), body))
    else:
        counts.update(name for name in (m.group(1) for m in _COUNTY_NAME.finditer(body))
                      if name[0] not in _DETERMINERS and name not in NOT_DISTRICT and name[1:] not in NOT_DISTRICT)
    ranked = counts.most_common(2) + [("", 0)]
    (best, n), (_, runner) = ranked[0], ranked[1]
    return best if n >= _MIN_NAMED and n >= _LEAD * runner else None
