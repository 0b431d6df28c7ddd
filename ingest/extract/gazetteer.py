"""A gazetteer of surface forms and a leftmost-longest scanner over clause text.

Each surface form maps to an entity (label, canonical name) or to nothing at all: a
*mask* such as 武汉大学 or 江汉朝宗, which exists only so that the 武汉 and 江汉 inside it
are not read as places. Scanning takes, at each position, the longest surface that
starts there, so 武汉经济技术开发区 never also yields 武汉.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from ingest.extract.lexicon import guards

# When two extractors claim the same surface, the more specific reading wins.
PRIORITY = {"Agency": 6, "Project": 5, "Park": 4, "Enterprise": 3, "Region": 2, None: 1}


@dataclass(frozen=True)
class Entry:
    label: str | None  # None: a mask, which hides what it contains
    name: str
    level: str | None = None
    kind: str | None = None


@dataclass(frozen=True)
class Name:
    """A name learned from a document: its entry and every spelling that denotes it."""

    entry: Entry
    surfaces: tuple[str, ...] = ()


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    surface: str
    entry: Entry


class Gazetteer:
    """Surface form → entry, scanned leftmost-longest.

    >>> g = Gazetteer(); g.add(Entry("Region", "武汉市"), ["武汉", "武汉市"])
    >>> [h.entry.name for h in g.scan("支持武汉建设")]
    ['武汉市']
    """

    def __init__(self) -> None:
        self._entries: dict[str, Entry] = {}
        self._canonical: dict[tuple[str | None, str], Entry] = {}
        # Lengths of the surfaces that start with two characters, longest first: at one
        # position only one surface of each length can match, so the longest hit is
        # found by a dictionary look-up per length instead of a comparison per surface.
        self._lengths: dict[str, list[int]] = defaultdict(list)
        self._firsts: set[str] = set()  # first characters of surfaces
        self._seconds: set[str] = set()  # second characters of surfaces
        self._starts: re.Pattern[str] | None = None  # where a surface may start; None: stale
        self._by_entry: dict[Entry, list[str]] | None = None  # surfaces per entry; None: stale
        self._guards = guards()

    def add(self, entry: Entry, surfaces: list[str] | tuple[str, ...]) -> None:
        if entry.label:  # one entry per node: the first reading of a name keeps its kind
            entry = self._canonical.setdefault((entry.label, entry.name), entry)
        for surface in sorted({entry.name, *surfaces} if entry.label else set(surfaces)):
            if len(surface) < 2:
                continue
            old = self._entries.get(surface)
            if old is not None and PRIORITY[old.label] >= PRIORITY[entry.label]:
                continue
            if old is None:
                self._index(surface)
            self._entries[surface] = entry
            self._by_entry = None

    def learn(self, names: list[Name]) -> None:
        for name in names:
            self.add(name.entry, name.surfaces)

    def knows(self, surface: str, *labels: str | None) -> bool:
        entry = self._entries.get(surface)
        return entry is not None and (not labels or entry.label in labels)

    def starts_with_known(self, text: str, *labels: str | None) -> Hit | None:
        """The longest known surface at the very start of ``text``, if any."""
        hit = self._longest_at(text, 0, len(text)) if text else None
        return hit if hit and (not labels or hit.entry.label in labels) else None

    def get(self, surface: str) -> Entry | None:
        return self._entries.get(surface)

    def surfaces(self, label: str) -> list[str]:
        return [s for s, e in self._entries.items() if e.label == label]

    def entries(self) -> list[Entry]:
        return list(dict.fromkeys(e for e in self._entries.values() if e.label))

    def scan(self, text: str, start: int = 0, end: int | None = None) -> list[Hit]:
        """Non-overlapping hits in ``text[start:end]``, masks included."""
        return self._walk(text, start, len(text) if end is None else end)

    def scan_within(self, name: str, label: str | None = None) -> list[Hit]:
        """Hits inside a name, the name itself excluded: 京东方 in 京东方10.5代线;
        with ``label``, only surfaces of that label count."""
        return self._walk(name, 0, len(name), whole=False, label=label)

    def _walk(self, text: str, start: int, end: int, **match: Any) -> list[Hit]:
        """Longest hit at each position, then continue after it."""
        hits: list[Hit] = []
        if not self._entries:
            return hits  # and there is no character class to search with
        starts = self._start_pattern()
        i = start
        # Positions where no surface can start are skipped by the regex engine: most
        # characters of a clause start none, and stepping over them one by one in
        # Python was most of the scanning time.
        while (m := starts.search(text, i, end)) is not None:
            i = m.start()
            hit = self._longest_at(text, i, end, **match)
            if hit is None:
                i += 1
            else:
                hits.append(hit)
                i = hit.end
        return hits

    def aliases_of(self, entry: Entry) -> tuple[str, ...]:
        if self._by_entry is None:  # one pass for all entries, not one per entry asked for
            self._by_entry = defaultdict(list)
            for surface, known in self._entries.items():
                self._by_entry[known].append(surface)
        return tuple(sorted(s for s in self._by_entry.get(entry, ()) if s != entry.name))

    def _longest_at(self, text: str, i: int, end: int, whole: bool = True,
                    label: str | None = None) -> Hit | None:
        limit = min(end, len(text))
        for n in self._lengths.get(text[i:i + 2], ()):
            j = i + n
            if j > limit or not (whole or n < len(text)):
                continue
            surface = text[i:j]
            entry = self._entries.get(surface)
            if entry is not None and (label is None or entry.label == label) \
                    and self._guarded(text, i, j, surface):
                return Hit(i, j, surface, entry)
        return None

    def _index(self, surface: str) -> None:
        if surface[0] not in self._firsts or surface[1] not in self._seconds:
            self._firsts.add(surface[0])
            self._seconds.add(surface[1])
            self._starts = None
        lengths = self._lengths[surface[:2]]
        if len(surface) not in lengths:
            lengths.append(len(surface))
            lengths.sort(reverse=True)

    def _start_pattern(self) -> re.Pattern[str]:
        """A first character of a surface followed by a second character of one: not
        exact (``_longest_at`` looks the pair up), but it rules out most positions and is
        cheap to compile again each time a document teaches new names."""
        if self._starts is None:
            self._starts = re.compile(f"[{_chars(self._firsts)}](?=[{_chars(self._seconds)}])")
        return self._starts

    def _guarded(self, text: str, i: int, j: int, surface: str) -> bool:
        not_before, not_after = self._guards.get(surface, ("", ""))
        if j < len(text) and text[j] in not_before:
            return False
        return not (i > 0 and text[i - 1] in not_after)


def _chars(chars: set[str]) -> str:
    return "".join(map(re.escape, sorted(chars)))
