"""Facts between places: (:Park)-[:LOCATED_IN]->(:Region), (:Park)-[:FOCUSES_ON]->(:Industry).

LOCATED_IN is recorded only where the text places the park, tried in this order:

1. the park's own name holds a region: 中电（武汉）数字经济产业园 → 武汉市, 江夏通用汽车产业园
   → 江夏区, 苏州工业园区 → 苏州市;
2. a region earlier in the same comma-delimited part ("武汉首批市级…产业园区——汉江湾人工智能
   产业园"), or after it in "以P为R…承载区";
3. a sentence that opens the scope with 在R ("在武汉经济技术开发区已开园和建设中的产业园基础上，
   …①5G+工业互联网产业园…");
4. the clause's topic: its first sentence after the heading starts with the region
   ("江汉重点布局…。圈外数字创意产业园…").

FOCUSES_ON reads what follows the park, up to the next park or the end of the sentence:
"重点发展/重点布局/重点集聚/聚焦 A、B、C等…" and "以A、B两大产业为方向". Each listed item is
an Industry, named as written less the words that only say it is one (…产业企业, …核心产业环节);
the phrase after 等 ("数字经济核心产业") is not an industry.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ingest.extract.gazetteer import Gazetteer, Hit
from ingest.extract.textspan import parts, sentences, split_items


@dataclass(frozen=True)
class Placed:
    """One clause's compact text and the names found in it, positions included."""

    clause_id: str
    text: str
    hits: tuple[Hit, ...]


_FOCUS = re.compile(r"(?:重点发展|重点布局|重点集聚|重点培育|聚焦)([^，。；：,;\n]+)")
_DIRECTION = re.compile(r"以([^，。；：,;\n]+?)(?:[两三四五六七八九十\d]+大)?产业为(?:重点)?方向")
_ITEM_TAIL = re.compile(r"(?:相关产业企业|产业企业|核心产业环节|产业环节|核心产业|企业)$")
_NOT_INDUSTRY = re.compile(r"^(?:产业|数字经济|相关|各类|重点)")


def located_in(placed: Placed, gaz: Gazetteer) -> Iterator[tuple[str, str]]:
    """(park, region) pairs the clause states."""
    topic = _topic(placed)
    for hit in placed.hits:
        if hit.entry.label != "Park":
            continue
        region = (_embedded(hit, gaz) or _same_part(placed, hit) or _scope(placed, hit)
                  or topic)
        if region:
            yield hit.entry.name, region


def _embedded(hit: Hit, gaz: Gazetteer) -> str | None:
    inner = gaz.scan_within(hit.surface, "Region")
    return inner[0].entry.name if inner else None


def _same_part(placed: Placed, park: Hit) -> str | None:
    for start, part in parts(placed.text, "、"):
        end = start + len(part)
        if not start <= park.start < end:
            continue
        regions = [h for h in placed.hits if h.entry.label == "Region" and start <= h.start < end]
        before = [h for h in regions if h.end <= park.start]
        if before:
            return before[-1].entry.name
        after = [h for h in regions if h.start >= park.end]
        if part.startswith("以") and after and "为" in placed.text[park.end:after[0].start]:
            return after[0].entry.name
    return None


def _scope(placed: Placed, park: Hit) -> str | None:
    for start, sentence in sentences(placed.text, "。！!？?\n"):
        if start <= park.start < start + len(sentence):
            scoped = [h for h in placed.hits if h.entry.label == "Region" and start < h.start
                      < park.start and placed.text[h.start - 1] == "在"]
            return scoped[-1].entry.name if scoped else None
    return None


def _topic(placed: Placed) -> str | None:
    lines = placed.text.split("\n")
    body_start = len(lines[0]) + 1 if len(lines) > 1 and len(lines[0]) <= 40 else 0
    for hit in placed.hits:
        if hit.start == body_start:
            return hit.entry.name if hit.entry.label == "Region" else None
    return None


def focuses_on(placed: Placed) -> Iterator[tuple[str, str]]:
    """(park, industry) pairs: what the clause says each park concentrates on.

    A park that opens its part of the sentence ("①云计算产业园，…聚焦…", "光谷科技创新大走廊
    重点发展…") is the subject of what follows up to the next park or the sentence's end;
    a park named elsewhere ("推动襄阳软件园建设，重点发展…") only of its own comma part.
    """
    parks = [h for h in placed.hits if h.entry.label == "Park"]
    for i, park in enumerate(parks):
        later = [p for p in parks[i + 1:] if p.entry != park.entry]
        stop = later[0].start if later else len(placed.text)
        ends = "。；;\n" + ("" if _opens_part(placed.text, park.start) else "，,：:")
        segment = _segment(placed.text, park.end, stop, ends)
        for industry in _industries(segment):
            yield park.entry.name, industry


def _opens_part(text: str, start: int) -> bool:
    before = text[:start].rstrip("①②③④⑤⑥⑦⑧⑨⑩“”")
    return not before or before[-1] in "，,。；;：:\n—"


def _segment(text: str, start: int, stop: int, ends: str) -> str:
    found = (i for i in (text.find(c, start) for c in ends) if i >= 0)
    return text[start:min(stop, *found, len(text))]


def _industries(segment: str) -> list[str]:
    found: list[str] = []
    for m in (*_FOCUS.finditer(segment), *_DIRECTION.finditer(segment)):
        for item in _items(m.group(1)):
            if item not in found:
                found.append(item)
    return found


def _items(listed: str) -> list[str]:
    items: list[str] = []
    for piece in split_items(listed, "、"):
        head, _, tail = piece.partition("等")
        candidates = [head] + ([tail.rsplit("和", 1)[1]] if "和" in tail else [])
        if not tail and "和" in head and _ITEM_TAIL.search(head.split("和")[0]):
            candidates = head.split("和")
        for candidate in candidates:
            candidate = _ITEM_TAIL.sub("", candidate)
            if 2 <= len(candidate) <= 16 and not _NOT_INDUSTRY.match(candidate):
                items.append(candidate)
    return items
