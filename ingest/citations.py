"""Resolve the titles a plan names in 《…》 to the documents of the corpus.

Titles are compared after dropping quotes, brackets, spaces and draft markers such as
（征求意见稿）, so 《湖北省数字经济发展"十四五"规划》 finds the document titled
湖北省数字经济发展“十四五”规划. A title no loaded document carries becomes an
``ExternalDocument``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

_DRAFT = re.compile(r"[（(](征求意见稿|试行|草案|送审稿)[)）]")
_NOISE = re.compile(r"[\s《》〈〉“”\"'‘’「」『』]")


def normalize_title(title: str) -> str:
    text = unicodedata.normalize("NFKC", title)
    text = _DRAFT.sub("", text)
    return _NOISE.sub("", text)


def resolve_citations(
    documents: Iterable[Mapping[str, Any]],
) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Split every document's ``cited_titles`` into internal and external citations."""
    docs = list(documents)
    by_title = {normalize_title(d["title"]): d["doc_id"] for d in docs if d.get("title")}
    internal: list[dict[str, str]] = []
    external: list[dict[str, str]] = []
    for doc in docs:
        for title in doc.get("cited_titles") or []:
            target = _match(normalize_title(title), by_title)
            if target == doc["doc_id"]:
                continue
            if target:
                internal.append({"src": doc["doc_id"], "dst": target, "title": title})
            else:
                external.append({"src": doc["doc_id"], "title": title})
    return internal, external


def _match(title: str, by_title: Mapping[str, str]) -> str | None:
    if title in by_title:
        return by_title[title]
    # A cited title may drop the period in brackets the document's own title carries.
    for known, doc_id in by_title.items():
        shorter, longer = sorted((title, known), key=len)
        if len(shorter) >= 8 and longer.startswith(shorter) and len(shorter) / len(longer) >= 0.75:
            return doc_id
    return None
