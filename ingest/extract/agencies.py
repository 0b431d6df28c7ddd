"""Agencies (placeholder until the agency extractor lands)."""

from __future__ import annotations

from kg.types import Entity, Mention, ParsedDocument


def extract_agencies(doc: ParsedDocument) -> tuple[list[Entity], list[Mention]]:
    return [], []
