"""Enumerations "A、B、C等<category>": the commonest way a plan names things.

"拥有了中国信科、华星光电…九州通等为代表的一批数字经济龙头企业" names firms;
"依托国家信息光电子创新中心、光电国家研究中心等国家级创新平台" names platforms;
"支持我市电子信息、汽车、装备、食品等行业龙头企业" names sectors, not firms. The
category phrase after 等 says what the items are, and ``kind`` reads it:

- ``Enterprise`` when the phrase ends with 企业/公司/龙头/创投机构 and does not speak of
  产业企业 (industries' firms: the items are then industries);
- ``Project`` when it speaks of 平台/中心/载体/项目/实验室/研究院;
- ``Park`` for 园区/产业园;
- nothing when it starts with 领域/方面/方向/环节/技术/产业 (the items are fields).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ingest.extract.textspan import (
    NOTHING, Protected, parts, split_items, starts_with_boundary, walk_left,
)

_QUANTIFIED = re.compile(r"(?:一批|一系列|若干|一些|多个|多家|首批|[\d一二三四五六七八九十两]+[个家项类批大])$")
_LEADING = re.compile(r"^(?:为代表的|为主的)?(?:一批|[\d]+(?:多|余)?家|[\d]+个)?")
_FIELD = re.compile(r"^(?:领域|方面|方向|环节|技术|产业|类|城市)")
_FIRM_END = re.compile(r"(?:企业|公司|龙头|创投机构|投资机构)$")
_PROJECT = re.compile(r"平台|中心|载体|项目|实验室|研究院")
_PARK = re.compile(r"园区|产业园")
_TRAILING_QUOTE = re.compile(r"“[^“”]*”$")
_ETC = re.compile("等")


@dataclass(frozen=True)
class Enumeration:
    items: tuple[str, ...]
    category: str
    quantified: bool  # 一批…: the items are examples of a kind, not names

    @property
    def kind(self) -> str | None:
        phrase = _TRAILING_QUOTE.sub("", self.category)
        if not phrase or _FIELD.match(phrase):
            return None
        if _FIRM_END.search(phrase) and "产业企业" not in phrase:
            return "Enterprise"
        if _PROJECT.search(phrase):
            return "Project"
        return "Park" if _PARK.search(phrase) else None


def enumerations(text: str, protected: Protected = NOTHING) -> Iterator[Enumeration]:
    """Every "A、B等…" in compact ``text``; a lone "A等N家企业" counts too.

    ``protected`` names are never cut by the boundary words inside them (华为, 美的).
    """
    for _, part in parts(text):
        for m in _ETC.finditer(part):
            items = _items_before(part[:m.start()], protected)
            if items:
                first_start = m.start() - len("、".join(items))
                yield Enumeration(tuple(items), _category(part[m.end():]),
                                  bool(_QUANTIFIED.search(part[:first_start])))


def _items_before(text: str, protected: Protected) -> list[str]:
    items: list[str] = []
    for piece in reversed(split_items(text, "、")):
        if "等" in piece:  # the end of an earlier enumeration's category: A等X及B、C等
            items.insert(0, piece[piece.rindex("等") + 1:])
            break
        items.insert(0, piece)
    if items:
        first = items[0]
        items[0] = first[walk_left(first, len(first), limit=40, protected=protected):]
    return [item for item in items if item]


def _category(text: str) -> str:
    text = _LEADING.sub("", text)
    cut = len(text)
    for i in range(2, min(len(text), 25)):
        if text[i] == "或" or starts_with_boundary(text, i):
            cut = i
            break
    return text[:min(cut, 24)]
