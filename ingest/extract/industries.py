"""One Industry node per industry a plan names, however short the form it uses.

Plans shorten an industry to a prefix of its name: 「重点发展云计算、智能终端、智能网联等产业」
beside forty mentions of 智能网联汽车. An industry name X is a *prefix form* of a longer
name Y — another industry the same document names, or a domain term
(``resources/domain_terms.txt``) — when Y starts with X and at least half of the
document's uses of X go on as Y. X is then merged into Y and kept as its alias. A name
that mostly stands on its own is a different industry (大数据 beside 大数据计算 stays).

>>> prefix_forms(["智能网联", "智能网联汽车"], "智能网联汽车…智能网联汽车…重点发展智能网联")
{'智能网联': '智能网联汽车'}
"""

from __future__ import annotations

from collections.abc import Iterable

from ingest.extract.lexicon import domain_terms

_MAJORITY = 0.5


def prefix_forms(names: Iterable[str], text: str) -> dict[str, str]:
    """Industry name → the longer name it is short for in ``text``."""
    names = list(dict.fromkeys(names))
    longer = set(names) | set(domain_terms())
    merged: dict[str, str] = {}
    for short in names:
        uses = text.count(short)
        if not uses:
            continue
        best, best_uses = None, 0
        for full in longer:
            if full != short and full.startswith(short):
                count = text.count(full)
                if count > best_uses or (count == best_uses and best and len(full) > len(best)):
                    best, best_uses = full, count
        if best and best_uses / uses >= _MAJORITY:
            merged[short] = best
    return {short: _final(full, merged) for short, full in merged.items()}


def _final(name: str, merged: dict[str, str]) -> str:
    seen = {name}
    while name in merged and merged[name] not in seen:
        name = merged[name]
        seen.add(name)
    return name
