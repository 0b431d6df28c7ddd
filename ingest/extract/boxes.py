"""Catalogue lines of 专栏 boxes: "重点建设项目：A、B、C。", "重大创新平台：…".

Every item is a Project named as the plan writes it, because the plan itself lists it as
a project or a platform. Items are split on the list's top-level separators, never inside
brackets or quotes ("千兆光网应用示范项目（武汉、襄阳、宜昌等市）" is one item); a list
separated by "，" keeps its "、" inside items ("交通、环保、民生等重要领域主题库") unless every
piece names a thing of its own. A trailing bracket that lists places or cases is scope,
not name. Lines listing firms or units ("重点培育企业：…", "重点培育单位：武汉大学…")
name firms, universities or kinds of firm; they are left to the other extractors.
"""

from __future__ import annotations

import re

from ingest.extract.gazetteer import Entry, Name
from ingest.extract.projects import HEAD_END, canonical_project
from ingest.extract.textspan import split_items, strip_quotes

_LINE = re.compile(r"^(?:\d+[.、．]?)?(重点建设项目|重点项目|重大项目|重大工程|重点工程|重大创新平台|重点平台|"
                   r"创新平台)[：:](.+)$")
_KIND = {"重大创新平台": "platform", "重点平台": "platform", "创新平台": "platform"}
_BRACKETS = re.compile(r"[（(][^（()）]*[）)]$")
_QUALIFIER = re.compile(r"[（(]([^（()）]{1,10})[）)]$")
_PHASE = re.compile(r"^[一二三四五六七八九十\d]+期$")
_SCOPE = re.compile(r"[（(][^（()）]*[、，,等][^（()）]*[）)]$")
_ITEM_HEAD = re.compile(f"(?:{HEAD_END.pattern[:-1]}|工程|计划|行动|竞赛|集群|试点|网|节点|联盟|"
                        r"农科院|主题库|基础库)$")


def box_items(text: str) -> list[tuple[str, str]]:
    """(item, kind) for a catalogue line; [] for any other text."""
    m = _LINE.match(text)
    if not m:
        return []
    kind = _KIND.get(m.group(1), "project")
    items: list[tuple[str, str]] = []
    listed = m.group(2).rstrip("。.；;").replace("”“", "”、“")
    for part in split_items(listed, "，,；;"):
        pieces = split_items(part, "、")
        if len(pieces) > 1 and not all(_ITEM_HEAD.search(_BRACKETS.sub("", _name(p)))
                                       for p in pieces):
            pieces = [part]
        items += [(_surface(p), kind) for p in pieces if len(_name(p)) >= 2]
    return items


def learn_boxes(texts: list[str]) -> list[Name]:
    found: dict[str, tuple[str, set[str]]] = {}
    for text in texts:
        for surface, kind in box_items(text):
            name = canonical_project(_name(surface))
            found.setdefault(name, (kind, set()))[1].update({name, surface})
    return [Name(Entry("Project", name, kind=kind), tuple(sorted(surfaces)))
            for name, (kind, surfaces) in found.items()]


def _surface(item: str) -> str:
    """The item as the text writes it, less a trailing 等 and a scope bracket."""
    item = re.sub(r"等$", "", item.strip())
    return strip_quotes(re.sub(r"等$", "", _SCOPE.sub("", item)))


def _name(item: str) -> str:
    """The item's name: its surface less a qualifier bracket such as (湖北)."""
    surface = _surface(item)
    m = _QUALIFIER.search(surface)
    return surface[:m.start()] if m and not _PHASE.match(m.group(1)) else surface
