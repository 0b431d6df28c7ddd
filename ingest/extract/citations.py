"""Titles of other plans a document names in 《…》.

A cited title counts when it names a policy document: a plan, programme, opinion, notice,
rules, guideline or statistical classification (规划, 方案, 纲要, 意见, 计划, 政策, 办法,
通知, 条例, 措施, 细则, 指南, 统计分类). Reports (《…报告》), white papers, initiatives
(《…倡议》) and foreign strategies are context, not citations.

Titles are stored as one spelling per document: spaces that PDF extraction puts between
Chinese characters and digits are dropped (《… 2035 年远景目标纲要》 is
《…2035年远景目标纲要》 wherever it is cited), and two spellings one character apart in
the same document (a dropped 年) are one title, written the way the document writes it
most often, the longer on a tie.
"""

from __future__ import annotations

import re
from collections import Counter

from kg.types import ParsedDocument

_TITLE = re.compile(r"《([^《》]{4,80})》")
_PLAN_WORDS = ("规划", "方案", "纲要", "意见", "计划", "政策", "办法", "通知", "条例", "措施",
               "细则", "指南", "统计分类")
# Whitespace is kept only between two Latin letters ("Made in China").
_SPACE = re.compile(r"(?<![A-Za-z])\s+|\s+(?![A-Za-z])")


def extract_cited_titles(doc: ParsedDocument) -> list[str]:
    """Distinct policy titles in order of first mention, excluding the document's own."""
    own = _squash(doc.meta.title)
    counts: Counter[str] = Counter()
    for clause in doc.clauses:
        for match in _TITLE.finditer(clause.text):
            title = _SPACE.sub("", match.group(1).strip())
            if any(w in title for w in _PLAN_WORDS) and _squash(title) != own:
                counts[title] += 1
    return _merge_variants(counts)


def _merge_variants(counts: Counter[str]) -> list[str]:
    """One spelling per title: variants one character apart become the commoner one."""
    chosen: dict[str, str] = {}  # first spelling seen -> spelling to keep
    for title in counts:
        twin = next((first for first in chosen if _one_apart(first, title)), None)
        if twin is None:
            chosen[title] = title
        elif (counts[title], len(title)) > (counts[chosen[twin]], len(chosen[twin])):
            chosen[twin] = title
    return list(chosen.values())


def _one_apart(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) != 1 or min(len(a), len(b)) < 10:
        return False
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def _squash(text: str) -> str:
    return re.sub(r"\s", "", text)
