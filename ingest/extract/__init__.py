"""Rule-based knowledge extraction: clause tree → targets, agencies, incentives, places.

No LLM is needed: patterns, jieba with a domain dictionary, and gazetteers. Each entity
kind has a module of its own; ``RuleExtractor`` runs them all over one document.
"""

from __future__ import annotations

from ingest.extract.pipeline import RuleExtractor

__all__ = ["RuleExtractor"]
