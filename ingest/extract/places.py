"""Projects, parks, enterprises, regions and industries: nodes, mentions and links.

For each document a gazetteer is built over the whole text first — seed resources, then
names learned from the document itself (firms, zones, parks, 专栏 lists, projects) — and
then matched in every clause, leftmost-longest, so that a name learned from a list in one
clause is found wherever else it appears. Agencies found by ``agency_names`` are blanked
first, so 武汉新港委 does not mention 武汉. A firm named inside a project or park
(京东方10.5代线, 中国电子华中数字经济产业园) is mentioned too; a region inside a name is not.
What each kind is: see the ``firms``, ``regions``, ``parks``, ``projects``, ``boxes`` and
``links`` modules; an industry named by a prefix of a longer name the text uses (智能网联
for 智能网联汽车) is one node with the short form as alias (``industries``).

>>> entities, mentions, links = extract_places(doc)  # doc: a ParsedDocument
"""

from __future__ import annotations

import logging
from dataclasses import replace

from ingest.extract.agency_names import find_agencies
from ingest.extract.boxes import box_items, learn_boxes
from ingest.extract.firms import learn_firms
from ingest.extract.gazetteer import Entry, Gazetteer, Hit
from ingest.extract.industries import prefix_forms
from ingest.extract.lexicon import known_enterprises
from ingest.extract.links import Placed, focuses_on, located_in
from ingest.extract.parks import learn_parks, seed_parks
from ingest.extract.projects import learn_projects, project_aliases
from ingest.extract.regions import (
    learn_cities, learn_clusters, learn_schools, learn_zones, seed_regions,
)
from ingest.extract.textspan import Protected, compact
from kg.types import Entity, EntityLink, Mention, ParsedDocument

logger = logging.getLogger(__name__)

_PLACE_LABELS = ("Project", "Park", "Enterprise", "Region")


def extract_places(doc: ParsedDocument) -> tuple[list[Entity], list[Mention], list[EntityLink]]:
    texts = [compact(c.text) for c in doc.clauses]
    gaz = build_gazetteer(texts)
    entries: dict[Entry, None] = {}
    mentions: list[Mention] = []
    links: list[EntityLink] = []
    industries: dict[str, None] = {}
    for clause, text in zip(doc.clauses, texts):
        placed = Placed(clause.clause_id, text, tuple(_hits(text, gaz)))
        for entry in _mentioned(placed, gaz):
            entries[entry] = None
            mentions.append(Mention(clause.clause_id, "MENTIONS", entry.label, entry.name))
        for park, region in located_in(placed, gaz):
            entries[_region_entry(region, gaz)] = None
            links.append(EntityLink("Park", park, "LOCATED_IN", "Region", region, clause.clause_id))
        for park, industry in focuses_on(placed):
            industries[industry] = None
            links.append(EntityLink("Park", park, "FOCUSES_ON", "Industry", industry,
                                    clause.clause_id))
    short = prefix_forms(industries, "\n".join(texts))
    links = [replace(k, to_name=short.get(k.to_name, k.to_name)) if k.to_label == "Industry" else k
             for k in links]
    aliases: dict[str, list[str]] = {short.get(i, i): [] for i in industries}
    for form, full in short.items():
        aliases[full].append(form)
    entities = [_entity(e, gaz) for e in entries]
    entities += [Entity("Industry", name, tuple(forms)) for name, forms in aliases.items()]
    logger.debug("%s: %d places, %d mentions, %d links", doc.meta.doc_id, len(entities),
                 len(mentions), len(links))
    return entities, list(dict.fromkeys(mentions)), _first_per_pair(links)


def build_gazetteer(texts: list[str]) -> Gazetteer:
    """Seed resources, then every name the document teaches, in dependency order."""
    gaz = Gazetteer()
    seed_regions(gaz)
    seed_parks(gaz)
    for known in known_enterprises():
        gaz.add(Entry("Enterprise", known.name), known.aliases)
    gaz.learn(learn_clusters(texts, gaz))
    gaz.learn(learn_schools(texts, _protected(gaz)))
    gaz.learn(learn_firms(texts, gaz, _protected(gaz)))
    gaz.learn(learn_zones(texts, gaz, _protected(gaz)))
    gaz.learn(learn_cities(texts, gaz))
    protected = _protected(gaz)
    gaz.learn(learn_parks(texts, gaz, protected))
    gaz.learn(learn_boxes(texts))
    running = [t for t in texts if not box_items(t)]
    gaz.learn(learn_projects(running, gaz, _protected(gaz)))
    gaz.learn(project_aliases(gaz))
    return gaz


def _protected(gaz: Gazetteer) -> Protected:
    return Protected(s for label in ("Enterprise", "Region") for s in gaz.surfaces(label))


def _hits(text: str, gaz: Gazetteer) -> list[Hit]:
    """Hits in ``text`` with its agencies blanked out."""
    blanked = list(text)
    for agency in find_agencies(text):
        blanked[agency.start:agency.end] = "〇" * (agency.end - agency.start)
    return [h for h in gaz.scan("".join(blanked)) if h.entry.label]


def _mentioned(placed: Placed, gaz: Gazetteer) -> list[Entry]:
    found: dict[Entry, None] = {}
    for hit in placed.hits:
        found[hit.entry] = None
        if hit.entry.label in ("Project", "Park"):
            for inner in gaz.scan_within(hit.surface, "Enterprise"):
                found[inner.entry] = None
    return [e for e in found if e.label in _PLACE_LABELS]


def _region_entry(name: str, gaz: Gazetteer) -> Entry:
    return gaz.get(name) or Entry("Region", name)


def _entity(entry: Entry, gaz: Gazetteer) -> Entity:
    aliases = () if entry.label == "Project" else gaz.aliases_of(entry)
    return Entity(entry.label or "", entry.name, aliases, entry.level, entry.kind)


def _first_per_pair(links: list[EntityLink]) -> list[EntityLink]:
    """One link per fact and document: the first clause that states it."""
    seen: dict[tuple[str, str, str], EntityLink] = {}
    for link in links:
        seen.setdefault((link.from_name, link.rel, link.to_name), link)
    return list(seen.values())
