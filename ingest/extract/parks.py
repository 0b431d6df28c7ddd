"""Parks: named industrial parks, innovation valleys and industrial corridors.

A Park is a named place where firms of an industry are gathered: a name ending in
产业园 / 科技园 / 工业园 / 软件园 / 园区 / 创新谷 / 大走廊 with a modifier of its own
(人工智能科技园, 汉江湾人工智能产业园, 光谷科技创新大走廊). Corridors are parks, not
regions: the plans give them industries to focus on (光谷科技创新大走廊重点发展光电子信息…),
which is what ``FOCUSES_ON`` records. Also parks: the places a plan makes the carriers of
an industry — "以智慧生态城为…核心承载区，以先进制造产业园区、商务城为…拓展区" — and the
items of a ①…②… list of such places. Not parks: kinds of park (数字经济产业园区, 物流园区,
智慧园区, 5G产业园区), parks counted rather than named ("一批人工智能产业园、科创产业园",
"首批市级…产业园区", 八大园区), and 产业基地 (a Project of kind base).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ingest.extract.gazetteer import Entry, Gazetteer, Name
from ingest.extract.lexicon import known_parks
from ingest.extract.textspan import Protected, split_items, walk_left

_SUFFIX = re.compile(r"产业园区|工业园区|产业园|科技园|工业园|软件园|园区|创新谷|大走廊")
_GENERIC_CORE = {"", "数字经济", "产业", "工业", "物流", "智慧", "5G", "大学", "软件", "科创",
                 "街区", "特色", "专业", "标杆", "数字经济专业", "数字经济标杆", "数字经济特色",
                 "入驻", "人工智能培育"}
_COUNTED = re.compile(r"首批|一批|若干|各类|各|全省|全市|全区|级|[\d一二三四五六七八九十两]+[大个家]")
_QUANTIFIER_BEFORE = re.compile(r"(?:一批|若干|一些|多个|首批|[\d一二三四五六七八九十两]+[个家])$")
_CARRIER = re.compile(r"以([^，。；,;]{2,40}?)为[^，。；,;]{0,25}?(?:承载区|拓展区|集聚区|核心区)")
_CIRCLED = re.compile(r"[①②③④⑤⑥⑦⑧⑨⑩]([^，,；;。：:]{2,30})")
_CIRCLED_END = re.compile(r"具有|重点|将|以|聚焦|建设|打造|位于|是")


def seed_parks(gaz: Gazetteer) -> None:
    for known in known_parks():
        gaz.add(Entry("Park", known.name), known.aliases)


def learn_parks(texts: list[str], gaz: Gazetteer, protected: Protected) -> list[Name]:
    found: dict[str, None] = {}
    for text in texts:
        for name in (*_suffixed(text, gaz, protected), *_carriers(text), *_circled(text)):
            if not gaz.knows(name) and not _known_tail(name, gaz):
                found[name] = None
    return [Name(Entry("Park", name)) for name in found]


def _suffixed(text: str, gaz: Gazetteer, protected: Protected) -> Iterator[str]:
    for m in _SUFFIX.finditer(text):
        start = walk_left(text, m.start(), protected=protected)
        core = text[start:m.start()]
        if core in _GENERIC_CORE or core.endswith("物流") or _COUNTED.search(core) \
                or "的" in core or _counted_list(text, start):
            continue
        if len(core) < 3 and not gaz.knows(core, "Region", "Enterprise"):
            continue  # 数字产业园, 软件园: a kind of park, unless a place or firm names it
        yield core + m.group()


def _known_tail(name: str, gaz: Gazetteer) -> bool:
    """万亿级车谷产业创新大走廊 is 车谷产业创新大走廊 with an epithet."""
    return any(name.endswith(s) and s != name for s in gaz.surfaces("Park"))


def _counted_list(text: str, start: int) -> bool:
    """Whether the list this item belongs to is quantified: 一批A、B、C."""
    while start > 0 and text[start - 1] == "、":
        start = walk_left(text, start - 1)
    return bool(_QUANTIFIER_BEFORE.search(text[:start]))


def _carriers(text: str) -> Iterator[str]:
    for m in _CARRIER.finditer(text):
        for item in split_items(m.group(1), "、和"):
            if 2 <= len(item) <= 12 and not _COUNTED.search(item):
                yield item


def _circled(text: str) -> Iterator[str]:
    for m in _CIRCLED.finditer(text):
        name = _CIRCLED_END.split(m.group(1), maxsplit=1)[0]
        if 2 <= len(name) <= 16 and (_SUFFIX.search(name) or name.endswith("城")):
            yield name
