"""Incentives (placeholder until the incentive extractor lands)."""

from __future__ import annotations

from kg.types import Incentive, ParsedDocument


def extract_incentives(doc: ParsedDocument) -> list[Incentive]:
    return []
