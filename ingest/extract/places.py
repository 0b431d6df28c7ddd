"""Projects, parks, enterprises, regions (placeholder until the extractor lands)."""

from __future__ import annotations

from kg.types import Entity, EntityLink, Mention, ParsedDocument


def extract_places(doc: ParsedDocument) -> tuple[list[Entity], list[Mention], list[EntityLink]]:
    return [], [], []
