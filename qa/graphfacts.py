"""Graph facts for a linked question: targets, incentives, responsible units, mentions.

Every fact comes from a parameterised query in ``kg.facts`` and carries the clause that
states it; the clauses become retrieval candidates, the facts go into the answer's JSON.
"""

from __future__ import annotations

import itertools
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from kg import facts
from kg.store import GraphStore
from qa.lexical import tokenize
from qa.link import INTENT_WORDS, Linked
from qa.textscan import JoinedTexts
from qa.types import Fact

# "市经信局负责哪些任务？": the clauses an agency is responsible for, not who is responsible.
_ASKS_TASKS = re.compile(r"(负责|牵头|承担)了?(哪些|什么|哪几?项|哪个)|(哪些|什么|哪几?项)(任务|工作|事项)")

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

    def _incentives_table(self) -> _Table:
        return self._table("incentives", facts.incentives,
                           lambda r: (r["incentive"].get("condition") or "") + "\n"
                           + (r["incentive"].get("text") or ""))

    def incentives_matching(self, terms: Sequence[str]) -> list[dict[str, Any]]:
        """Incentives whose condition or text holds any of ``terms``."""
        return self._incentives_table().best_matches(terms)

    def incentives_with(self, *, ratio: float | None = None, cap_wan: float | None = None,
                        amount_wan: float | None = None) -> list[dict[str, Any]]:
        """Incentives whose terms are those given (a ratio as a fraction, sums in 万元)."""
        wanted = {"ratio": ratio, "cap_wan": cap_wan, "amount_wan": amount_wan}
        return [r for r in self._incentives_table().rows if all(
            v is None or (r["incentive"].get(k) is not None and abs(float(r["incentive"][k]) - v) < 1e-6)
            for k, v in wanted.items())]

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
    """Rows read from the graph, searched by the words of the text ``text_of`` gives each
    (9,000 targets at ×100, several searches per question: ``qa.textscan``)."""

    def __init__(self, rows: list[dict[str, Any]], text_of: Callable[[dict[str, Any]], str]) -> None:
        self.rows = rows
        self.texts = JoinedTexts([text_of(r) for r in rows])

    def best_matches(self, terms: Sequence[str],
                     keep: Callable[[dict[str, Any]], bool] = lambda row: True) -> list[dict[str, Any]]:
        """The rows ``keep`` accepts whose text holds any term, those holding the most
        terms first (stable: reading order among equals), at most ``_MATCHES``."""
        held = [self.texts.rows_holding(t) for t in terms if t]
        if not held:
            return []
        counts = np.bincount(np.concatenate(held), minlength=len(self.rows))
        found = np.flatnonzero(counts)
        ranked = found[np.lexsort((found, -counts[found]))]
        return list(itertools.islice((self.rows[i] for i in ranked.tolist() if keep(self.rows[i])), _MATCHES))
