"""Graph facts for a linked question: targets, incentives, responsible units, mentions.

Every fact comes from a parameterised query in ``kg.facts`` and carries the clause that
states it; the clauses become retrieval candidates, the facts go into the answer's JSON.
"""

from __future__ import annotations

import bisect
import itertools
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from kg import facts
from kg.store import GraphStore
from qa.lexical import tokenize
from qa.link import INTENT_WORDS, Linked
from qa.types import Fact

# "市经信局负责哪些任务？": the clauses an agency is responsible for, not who is responsible.
_ASKS_TASKS = re.compile(r"(负责|牵头|承担)(哪些|什么|了哪些)|(哪些|什么)(任务|工作|事项)")

_GENERIC = {w for words in INTENT_WORDS.values() for w in words} | {
    "数字", "经济", "数字经济", "发展", "建设", "推进", "全省", "全市", "全区", "规划", "方案"}


@dataclass
class GraphFindings:
    facts: list[Fact] = field(default_factory=list)
    clause_ids: list[str] = field(default_factory=list)  # ranked, best first
    agencies: dict[str, list[str]] = field(default_factory=dict)
    agency_tasks: list[dict] = field(default_factory=list)  # type: ignore[type-arg]


_MATCHES = 200  # rows a term search returns, those holding most of the terms first


class GraphFacts:
    """Graph facts for questions. Targets and incentives are read from the graph once and
    searched in memory: every question searches them several times (each part, each side
    of a comparison), and a term scan over Bolt costs tens of milliseconds per search on
    a large corpus. ``reset`` drops them when ingestion changed the graph."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self._tables: dict[str, _Table] = {}
        self._lock = threading.Lock()

    def reset(self) -> None:
        with self._lock:
            self._tables.clear()

    def _table(self, name: str, read: Callable[[GraphStore], list[dict[str, Any]]],
               text_of: Callable[[dict[str, Any]], str]) -> _Table:
        with self._lock:
            if name not in self._tables:
                self._tables[name] = _Table(read(self.store), text_of)
            return self._tables[name]

    def targets_matching(self, terms: Sequence[str], years: Sequence[int] = (),
                         doc_ids: Sequence[str] = ()) -> list[dict[str, Any]]:
        """Targets whose metric holds any of ``terms``, in the given years and documents
        (none given: all)."""
        wanted_years, wanted_docs = set(years), set(doc_ids)
        table = self._table("targets", facts.targets, lambda r: r["target"].get("metric") or "")
        return table.best_matches(terms, lambda r: (
            (not wanted_years or r["target"].get("year") in wanted_years)
            and (not wanted_docs or r["doc_id"] in wanted_docs)))

    def incentives_matching(self, terms: Sequence[str]) -> list[dict[str, Any]]:
        """Incentives whose condition or text holds any of ``terms``."""
        table = self._table("incentives", facts.incentives,
                            lambda r: (r["incentive"].get("condition") or "") + "\n"
                            + (r["incentive"].get("text") or ""))
        return table.best_matches(terms)

    def find(self, linked: Linked, region_docs: dict[str, list[str]]) -> GraphFindings:
        found = GraphFindings()
        terms = self.metric_terms(linked)
        if "target" in linked.intents or "comparison" in linked.intents:
            self._targets(linked, terms, region_docs, found)
        if "incentive" in linked.intents:
            self._incentives(terms, found)
        for row in facts.clauses_mentioning(self.store, list(linked.entities)):
            _add(found.clause_ids, row["clause_id"])
        agencies = [name for label, name in linked.entities if label == "Agency"]
        if agencies and _ASKS_TASKS.search(linked.focus):
            found.agency_tasks = facts.clauses_of_agency(self.store, agencies[0])
        return found

    def responsible_units(self, clause_ids: list[str]) -> dict[str, list[str]]:
        return facts.agencies_of(self.store, clause_ids)

    @staticmethod
    def metric_terms(linked: Linked) -> list[str]:
        region_words = set(linked.regions)
        return [t for t in dict.fromkeys(tokenize(linked.text))
                if len(t) >= 2 and t not in _GENERIC and t not in region_words and not t.isdigit()]

    def _targets(self, linked: Linked, terms: list[str], region_docs: dict[str, list[str]],
                 found: GraphFindings) -> None:
        doc_ids = [d for r in linked.regions for d in region_docs.get(r, [])] + list(linked.doc_ids)
        rows = self.targets_matching(terms, linked.years, doc_ids)
        scored = sorted(rows, key=lambda r: -sum(t in r["target"]["metric"] for t in terms))
        for row in scored[:12]:
            t = row["target"]
            _add(found.clause_ids, row["clause_id"])
            found.facts.append(Fact("target", _target_text(t), row["clause_id"], {
                k: t.get(k) for k in ("metric", "value", "value_max", "unit", "comparator",
                                      "year", "scope", "value_text")}))

    def _incentives(self, terms: list[str], found: GraphFindings) -> None:
        rows = self.incentives_matching(terms)
        scored = sorted(rows, key=lambda r: -sum(t in (r["incentive"].get("condition") or "")
                                                 for t in terms))
        for row in scored[:8]:
            i = row["incentive"]
            _add(found.clause_ids, row["clause_id"])
            found.facts.append(Fact("incentive", i.get("text") or i.get("condition") or "",
                                    row["clause_id"], {k: i.get(k) for k in (
                                        "kind", "condition", "amount_wan", "cap_wan", "ratio",
                                        "cost_sharing", "beneficiary")}))


def _target_text(t: dict) -> str:  # type: ignore[type-arg]
    year = f"到{t['year']}年，" if t.get("year") else ""
    scope = f"{t['scope']}" if t.get("scope") else ""
    return f"{scope}{year}{t.get('metric', '')}{t.get('value_text', '')}"


def _add(ids: list[str], clause_id: str) -> None:
    if clause_id not in ids:
        ids.append(clause_id)


class _Table:
    """Rows read from the graph, with the text of each that a term search reads, kept as
    one string: a term is found with ``str.find`` over all rows at once rather than by a
    test per row and term (9,000 targets at ×100, several searches per question)."""

    def __init__(self, rows: list[dict[str, Any]], text_of: Callable[[dict[str, Any]], str]) -> None:
        self.rows = rows
        # A separator no term holds, so that no match spans two rows.
        texts = [text_of(r).replace("\x00", " ") for r in rows]
        self.starts = list(itertools.accumulate((len(t) + 1 for t in texts[:-1]), initial=0))
        self.joined = "\x00".join(texts)

    def best_matches(self, terms: Sequence[str],
                     keep: Callable[[dict[str, Any]], bool] = lambda row: True) -> list[dict[str, Any]]:
        """The rows ``keep`` accepts whose text holds any term, those holding the most
        terms first (stable: reading order among equals), at most ``_MATCHES``."""
        counts: dict[int, int] = {}
        for term in terms:
            if not term:
                continue
            at = self.joined.find(term)
            while at != -1:
                row = bisect.bisect_right(self.starts, at) - 1
                counts[row] = counts.get(row, 0) + 1
                # Each term counts once per row: go on from the next row.
                at = self.joined.find(term, self.starts[row + 1]) if row + 1 < len(self.starts) else -1
        ranked = sorted(counts.items(), key=lambda p: (-p[1], p[0]))
        return [self.rows[i] for i, _ in ranked if keep(self.rows[i])][:_MATCHES]
