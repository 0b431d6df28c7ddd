"""The domain resources under ``ingest/resources/``, loaded once per process.

Every list is data, not code: a user adding plans from another province extends
``regions.json`` or ``enterprises.json`` and changes nothing here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class Known:
    """One entry of a gazetteer resource: its canonical name, spellings and level."""

    label: str
    name: str
    aliases: tuple[str, ...] = ()
    level: str | None = None


def _text(name: str) -> str:
    return resources.files("ingest").joinpath("resources", name).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def load_json(name: str) -> dict[str, Any]:
    return json.loads(_text(name))


@lru_cache(maxsize=None)
def load_words(name: str) -> tuple[str, ...]:
    """Whitespace-separated words of a ``.txt`` resource; ``#`` starts a comment line."""
    words: list[str] = []
    for line in _text(name).splitlines():
        if not line.lstrip().startswith("#"):
            words.extend(line.split())
    return tuple(dict.fromkeys(words))


@lru_cache(maxsize=None)
def known_regions() -> tuple[Known, ...]:
    return tuple(Known("Region", name, tuple(aliases), level)
                 for name, level, aliases in load_json("regions.json")["regions"])


@lru_cache(maxsize=None)
def known_enterprises() -> tuple[Known, ...]:
    return tuple(Known("Enterprise", name, tuple(aliases))
                 for name, aliases in load_json("enterprises.json")["enterprises"].items())


@lru_cache(maxsize=None)
def guards() -> dict[str, tuple[str, str]]:
    """Spelling -> (characters that may not follow it, characters that may not precede it)."""
    table = load_json("enterprises.json").get("guards", {})
    return {s: (g.get("not_before", ""), g.get("not_after", "")) for s, g in table.items()}


@lru_cache(maxsize=None)
def known_parks() -> tuple[Known, ...]:
    return tuple(Known("Park", name, tuple(aliases))
                 for name, aliases in load_json("parks.json")["parks"].items())


@lru_cache(maxsize=None)
def boundary_words() -> tuple[str, ...]:
    """Left-boundary words, longest first."""
    return tuple(sorted(load_words("boundary_words.txt"), key=len, reverse=True))


@lru_cache(maxsize=None)
def domain_terms() -> frozenset[str]:
    return frozenset(load_words("domain_terms.txt"))


@lru_cache(maxsize=None)
def non_entities() -> tuple[str, ...]:
    return load_words("non_entities.txt")
