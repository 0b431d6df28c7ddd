"""Titles of other plans a document names in 《…》."""

from __future__ import annotations

import re

from kg.types import ParsedDocument

_TITLE = re.compile(r"《([^《》]{4,80})》")
# Only plans and programmes count as citations; 《…报告》 or 《…倡议》 are not plans.
_PLAN_WORDS = ("规划", "方案", "纲要", "意见", "计划", "政策", "办法", "通知", "条例")


def extract_cited_titles(doc: ParsedDocument) -> list[str]:
    """Distinct plan titles in order of first mention, excluding the document's own."""
    seen: dict[str, None] = {}
    own = _squash(doc.meta.title)
    for clause in doc.clauses:
        for match in _TITLE.finditer(clause.text):
            title = " ".join(match.group(1).split())
            if any(w in title for w in _PLAN_WORDS) and _squash(title) != own:
                seen.setdefault(title, None)
    return list(seen)


def _squash(text: str) -> str:
    return re.sub(r"\s", "", text)
