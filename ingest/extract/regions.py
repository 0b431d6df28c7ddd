"""Regions: administrative divisions and development zones.

A Region is a province, a city or prefecture, a district, or a development zone
(开发区 / 经开区 / 高新区, 长江新城, 东湖科学城). Canonical names and levels come from
``regions.json`` (武汉 → 武汉市, 东湖高新区 and 东湖新技术产业开发区 → 东湖新技术开发区);
zones it does not list are learned from the text by their suffix, as written: a place
name or a two-to-four-character name right after a list separator or a verb, then
…经开区/…高新区/…开发区 (葛店经开区, 孝感高新区). Not regions: city clusters
(武汉城市圈, “襄十随神”城市群), macro-regions (华中, 中部地区) and countries. A region
named inside another name (国家超算武汉中心, 武汉大学) is not mentioned by the clause.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

from ingest.extract.gazetteer import Entry, Gazetteer, Name
from ingest.extract.lexicon import known_regions, non_entities
from ingest.extract.textspan import Protected, walk_left

_ZONE = re.compile(r"经济技术开发区|高新技术产业开发区|新技术产业开发区|新技术开发区|经济开发区|"
                   r"开发区|经开区|高新区")
_SHORT_ZONE = ("经开区", "高新区")  # the forms a bare local name (葛店, 孝感) takes
_GENERIC_STEM = re.compile(r"^(?:一个|一流|国家级?|全国|各|本|该|首批|省级|市级|区级|全区|全省|全市|"
                           r"这个|再造|八大)|[级批个流]")
_CLUSTER = re.compile(r"城市圈|城市群|都市圈|经济圈")
# Two characters and 市/县 right after a list separator; not 市场, 市民, 全市, 城市 …
_CITY = re.compile(r"(?:(?<=[、，,：:（(“])|^)([\u4e00-\u9fff]{2}[市县])(?![场民政值级直辖容区内域])")
# Nor a function word before a 市 that opens the next noun (「，其中市三院…」, 「对各市」).
_NOT_CITY = re.compile(r"[全各本我该城超都省县区市州乡镇村门级其此另每等与或对在及即]")
# A verb before 市县 that addresses them (「，鼓励市州出台…」, 「组织市县…」, 「配合县里…」), or an
# adjective (自治县): no place is named.
_NOT_CITY_STEM = {"鼓励", "支持", "推动", "推进", "加强", "加快", "组织", "配合", "加入", "引导", "督促", "指导",
                  "要求", "实施", "落实", "开展", "建立", "完善", "自治", "带动", "协调", "统筹", "依托", "围绕",
                  "联合", "会同", "牵头", "相关", "有关", "重点", "部分", "压实", "明确", "参照", "根据", "按照",
                  "依据", "对照", "通过", "经过"}
# An item number a list printed before a zone's name (「2）涪陵高新区」).
_ITEM_NUMBER = re.compile(r"^(?:\d{1,2}|[一二三四五六七八九十]{1,3})[）)、.．]")
_SCHOOL = re.compile(r"大学|学院|职业技术学校|学校|科学院")


def seed_regions(gaz: Gazetteer) -> None:
    """The region gazetteer and the masks that hide place names inside other words."""
    for known in known_regions():
        gaz.add(Entry("Region", known.name, known.level), known.aliases)
    gaz.add(Entry(None, ""), non_entities())


def learn_zones(texts: list[str], gaz: Gazetteer, protected: Protected) -> list[Name]:
    """Development zones the gazetteer does not know, named as the text writes them."""
    found: dict[str, None] = {}
    for text in texts:
        for name in _zones(text, gaz, protected):
            if not gaz.knows(name):
                found[name] = None
    return [Name(Entry("Region", name, "zone")) for name in found]


def learn_cities(texts: list[str], gaz: Gazetteer) -> list[Name]:
    """Cities and counties the gazetteer lacks, in lists: "长沙市、株洲市、湘潭市率先…"."""
    found: dict[str, str] = {}
    for text in texts:
        for m in _CITY.finditer(text):
            name = m.group(1)
            if not gaz.knows(name) and not _NOT_CITY.search(name[:2]) and name[:2] not in _NOT_CITY_STEM \
                    and not _common_word(name[:2]):
                found[name] = "city" if name.endswith("市") else "district"
    return [Name(Entry("Region", name, level)) for name, level in found.items()]


# 「、完成市下达的目标」: a common verb or adverb before 市/县 is the sentence going on, not a
# place. Common by jieba's dictionary: place names it tags as verbs (保定, 正定) are rare words.
_COMMON = 1000
_NOT_NAME_TAGS = ("v", "vd", "d", "ad", "a")


def _common_word(stem: str) -> bool:
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)  # it announces its dictionary load otherwise
    words = list(jieba.posseg.cut(stem, HMM=False))
    return (len(words) == 1 and words[0].flag in _NOT_NAME_TAGS
            and jieba.dt.FREQ.get(stem, 0) >= _COMMON)


def learn_clusters(texts: list[str], gaz: Gazetteer) -> list[Name]:
    """City clusters, learned only to hide the cities in their names (武汉城市圈)."""
    found: dict[str, None] = {}
    for text in texts:
        for m in _CLUSTER.finditer(text):
            stem = text[walk_left(text, m.start(), limit=8):m.start()]
            if stem and gaz.starts_with_known(stem, "Region"):
                found[stem + m.group()] = None
    return [Name(Entry(None, ""), tuple(found))] if found else []


def learn_schools(texts: list[str], protected: Protected) -> list[Name]:
    """Universities and schools (湖北文理学院), learned only to hide the places in them."""
    found: dict[str, None] = {}
    for text in texts:
        for m in _SCHOOL.finditer(text):
            stem = text[walk_left(text, m.start(), limit=10, protected=protected):m.start()]
            if 2 <= len(stem) <= 10:
                found[stem + m.group()] = None
    return [Name(Entry(None, ""), tuple(found))] if found else []


def _zones(text: str, gaz: Gazetteer, protected: Protected) -> Iterator[str]:
    for m in _ZONE.finditer(text):
        start = walk_left(text, m.start(), limit=12, protected=protected)
        stem = text[start:m.start()]
        places = [h for h in gaz.scan(stem) if h.entry.label == "Region"]
        if places:  # 促进武汉经济技术开发区: the zone's name starts at its place
            yield _ITEM_NUMBER.sub("", stem[places[-1].start:]) + m.group()
        elif 2 <= len(bare := _ITEM_NUMBER.sub("", stem)) <= 4 and m.group() in _SHORT_ZONE \
                and not _GENERIC_STEM.search(bare):
            yield bare + m.group()
