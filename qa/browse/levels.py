"""Plan levels, in the order the views list them, and the level of a place a target names."""

from __future__ import annotations

from collections.abc import Mapping

LEVEL_NAMES = {"province": "省级", "city": "市级", "district": "区级", "press": "报道", "other": "其他"}
LEVEL_ORDER = {name: i for i, name in enumerate(LEVEL_NAMES)}

_NATIONAL = ("全国", "国家", "中国")


def region_level(region: str | None, known: Mapping[str, str] | None = None) -> str | None:
    """The level of a region: as the loaded plans of that region give it, else from how
    Chinese place names end (…省/自治区 province, …市/州/盟 city, …区/县/旗/开发区 district).

    >>> region_level("武汉经济技术开发区"), region_level("湖北省"), region_level("全国")
    ('district', 'province', None)
    """
    if not region or region.startswith(_NATIONAL):
        return None
    if known and known.get(region) in LEVEL_ORDER:
        return known[region]
    if region.endswith(("省", "自治区")):
        return "province"
    if region.endswith(("市", "州", "盟")):
        return "city"
    if region.endswith(("区", "县", "旗", "园", "新城")):
        return "district"
    return None
