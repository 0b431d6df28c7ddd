"""Quantified targets (placeholder until the target extractor lands)."""

from __future__ import annotations

from kg.types import ParsedDocument, Target


def extract_targets(doc: ParsedDocument) -> list[Target]:
    return []
