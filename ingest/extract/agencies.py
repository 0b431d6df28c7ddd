"""Agencies: who is responsible for a clause, and which agencies a clause mentions.

- ``RESPONSIBLE_FOR``: every unit ``duties`` reads — labelled lists （责任单位：…）,
  （牵头单位：…；配合单位：…）, 牵头考核单位, annex table columns, and 由X负责 / X负责 /
  X牵头 sentences — districts (各区, 新洲区), zones (东湖新技术开发区) and companies
  (武汉地铁集团) included when a list names them, because the plan makes them responsible.
  The relationship carries the unit's ``role`` (lead / support) when the plan says.
  A list belongs to the clause whose text holds it; a clause that is nothing but a list
  (a 责任单位 line set as its own paragraph) gives its units to the task above it.
- ``MENTIONS``: any other agency the clause names (see ``agency_names`` for what an agency
  is), e.g. 委员会办公室设在市经信局.

One node per agency across documents: names are canonicalised by rule
(``agency_names.canonical_agency``) and every other spelling is kept as an alias.

>>> entities, mentions = extract_agencies(doc)  # doc: a ParsedDocument
>>> mentions[0]
Mention(clause_id='001_…#3.1.i1', rel='RESPONSIBLE_FOR', label='Agency', name='市经信局', role=None)
"""

from __future__ import annotations

import logging
import re

from ingest.extract.agency_names import agency_level, canonical_agency, find_agencies
from ingest.extract.duties import FIRST_IS_LEAD, clause_duties, duty_only
from ingest.extract.lexicon import known_regions
from ingest.extract.textspan import compact, compact_map
from kg.types import Clause, Entity, Mention, ParsedDocument

logger = logging.getLogger(__name__)

# Cells of a table row are often split by spaces alone: 「市经信局 市财政局」 is two units.
_CELL_SPACE = re.compile(r"(?<=[\u4e00-\u9fff）)])[ \t\u3000]+(?=[\u4e00-\u9fff（(])")


def extract_agencies(doc: ParsedDocument) -> tuple[list[Entity], list[Mention]]:
    """Agency nodes with their aliases and level, and the clauses they are tied to."""
    region = doc.meta.region
    level = _region_level(region)
    first_is_lead = any(FIRST_IS_LEAD.search(c.text) for c in doc.clauses)
    spellings: dict[str, dict[str, None]] = {}
    mentions: list[Mention] = []
    task: Clause | None = None
    for clause in doc.clauses:
        text, where = _text(clause)
        found = find_agencies(text)
        duties, spans = clause_duties(text, first_is_lead, found)
        owner = task if task is not None and duty_only(text) else clause
        hits = [h for h in found if not any(a <= h.start < b for a, b in spans)]
        links = [(d.surface, d.name, "RESPONSIBLE_FOR", d.role, owner,
                  _printed(clause, where, d.task) if owner is clause else "") for d in duties]
        links += [(h.surface, h.surface, "MENTIONS", None, clause, "") for h in dict.fromkeys(hits)]
        for surface, full, rel, role, target, printed in links:
            name = canonical_agency(full, region, level)
            spellings.setdefault(name, {})[surface] = None
            spellings[name][full] = None
            mentions.append(Mention(target.clause_id, rel, "Agency", name, role, printed))
        if owner is clause:
            task = clause
    entities = [Entity("Agency", name, tuple(s for s in seen if s != name), agency_level(name))
                for name, seen in spellings.items()]
    logger.debug("%s: %d agencies, %d agency links", doc.meta.doc_id, len(entities), len(mentions))
    return entities, _one_per_pair(mentions)


def responsible_units(text: str) -> list[str]:
    """The units ``text`` makes responsible, as written."""
    return [d.surface for d in clause_duties(compact(text))[0]]


def _text(clause: Clause) -> tuple[str, list[int]]:
    """The compact text, and where each of its characters is in ``clause.text``."""
    if clause.kind != "table_row":
        return compact_map(clause.text)
    # A run of spaces becomes 、 and spaces that compact drops: offsets stay those printed.
    return compact_map(_CELL_SPACE.sub(lambda m: "、" + m.group()[1:], clause.text))


def _printed(clause: Clause, where: list[int], task: tuple[int, int] | None) -> str:
    """A task's span of the compact text, as the clause prints it."""
    if task is None or task[1] <= task[0]:
        return ""
    return clause.text[where[task[0]]:where[task[1] - 1] + 1].strip()


def _one_per_pair(mentions: list[Mention]) -> list[Mention]:
    """One link per (clause, relationship, agency, task): a unit listed twice for the
    same task, once as lead, leads."""
    rank = {"lead": 2, "support": 1, None: 0}
    best: dict[tuple[str, str, str, str], Mention] = {}
    for m in mentions:
        key = (m.clause_id, m.rel, m.name, m.task)
        if key not in best or rank[m.role] > rank[best[key].role]:
            best[key] = m
    return list(best.values())


def _region_level(region: str | None) -> str | None:
    for known in known_regions():
        if region and region in (known.name, *known.aliases):
            return known.level
    return None
