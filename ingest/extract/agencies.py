"""Agencies: who is responsible for a clause, and which agencies a clause mentions.

- ``RESPONSIBLE_FOR``: every unit listed in a （责任单位：…）/（责任部门：…）/（牵头单位：…）
  parenthetical, full-width or ASCII, split on 、，,； — districts (各区, 新洲区), zones
  (东湖新技术开发区) and companies (武汉地铁集团) included, because the plan makes them
  responsible; plus an agency the text says leads: 由市数据局牵头 / 市经信局牵头. A
  parenthetical belongs to the clause whose text contains it.
- ``MENTIONS``: any other agency the clause names (see ``agency_names`` for what an agency
  is), e.g. 委员会办公室设在市经信局.

One node per agency across documents: names are canonicalised by rule
(``agency_names.canonical_agency``) and every other spelling is kept as an alias.

>>> entities, mentions = extract_agencies(doc)  # doc: a ParsedDocument
>>> mentions[0]
Mention(clause_id='001_…#3.1.i1', rel='RESPONSIBLE_FOR', label='Agency', name='市经信局')
"""

from __future__ import annotations

import logging
import re

from ingest.extract.agency_names import AgencyHit, agency_level, canonical_agency, find_agencies
from ingest.extract.lexicon import known_regions
from ingest.extract.textspan import compact, split_items
from kg.types import Entity, Mention, ParsedDocument

logger = logging.getLogger(__name__)

_LABEL = r"(?:牵头|责任|配合|参与)(?:单位|部门)|责任主体"
_DUTY = re.compile(f"[（(](?=(?:{_LABEL})[：:])")
_LABELS = re.compile(f"(?:{_LABEL})[：:]")
_LEAD = re.compile(r"^(?:负责)?牵头")


def extract_agencies(doc: ParsedDocument) -> tuple[list[Entity], list[Mention]]:
    """Agency nodes with their aliases and level, and the clauses they are tied to."""
    region = doc.meta.region
    level = _region_level(region)
    spellings: dict[str, dict[str, None]] = {}
    mentions: list[Mention] = []
    for clause in doc.clauses:
        text = compact(clause.text)
        units, spans = _duty_units(text)
        hits = [h for h in find_agencies(text) if not any(a <= h.start < b for a, b in spans)]
        for rel, surfaces in (("RESPONSIBLE_FOR", units + _leads(text, hits)),
                              ("MENTIONS", [h.surface for h in hits])):
            for surface in dict.fromkeys(surfaces):
                name = canonical_agency(surface, region, level)
                spellings.setdefault(name, {})[surface] = None
                mentions.append(Mention(clause.clause_id, rel, "Agency", name))
    entities = [Entity("Agency", name, tuple(s for s in seen if s != name), agency_level(name))
                for name, seen in spellings.items()]
    logger.debug("%s: %d agencies, %d agency links", doc.meta.doc_id, len(entities), len(mentions))
    return entities, list(dict.fromkeys(mentions))


def responsible_units(text: str) -> list[str]:
    """The units listed in ``text``'s 责任单位 parentheticals, as written."""
    return _duty_units(compact(text))[0]


def _duty_units(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    """Units of every （牵头单位：…；责任单位：…） parenthetical, brackets inside allowed:
    各县（市、区）人民政府 is one unit."""
    units: list[str] = []
    spans = []
    for m in _DUTY.finditer(text):
        end = _closing(text, m.start())
        spans.append((m.start(), end))
        for listed in _LABELS.split(text[m.start() + 1:end - 1])[1:]:
            for item in split_items(listed, "、，,；;"):
                item = item.strip().rstrip("等。.")
                if len(item) >= 2:
                    units.append(item)
    return units, spans


def _closing(text: str, start: int) -> int:
    """End of the bracket opened at ``start`` (the text's end if it is never closed)."""
    depth = 0
    for i in range(start, len(text)):
        if text[i] in "（(":
            depth += 1
        elif text[i] in "）)":
            depth -= 1
            if depth == 0:
                return i + 1
    return len(text)


def _leads(text: str, hits: list[AgencyHit]) -> list[str]:
    """Agencies the text says lead: 由市数据局牵头, 市经信局、市财政局牵头."""
    leads: list[str] = []
    following = None
    for hit in reversed(hits):
        if _LEAD.match(text[hit.end:]) or (following is not None and following.start == hit.end + 1
                                           and text[hit.end] == "、"):
            leads.insert(0, hit.surface)
            following = hit
        else:
            following = None
    return leads


def _region_level(region: str | None) -> str | None:
    for known in known_regions():
        if region and region in (known.name, *known.aliases):
            return known.level
    return None
