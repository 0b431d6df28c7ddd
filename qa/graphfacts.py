"""Graph facts for a linked question: targets, incentives, responsible units, mentions.

Every fact comes from a parameterised query in ``kg.facts`` and carries the clause that
states it; the clauses become retrieval candidates, the facts go into the answer's JSON.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

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


class GraphFacts:
    def __init__(self, store: GraphStore) -> None:
        self.store = store

    def find(self, linked: Linked, region_docs: dict[str, list[str]]) -> GraphFindings:
        found = GraphFindings()
        terms = self.metric_terms(linked)
        if "target" in linked.intents or "comparison" in linked.intents:
            self._targets(linked, terms, region_docs, found)
        if "incentive" in linked.intents:
            self._incentives(terms, found)
        names = [name for _, name in linked.entities]
        for row in facts.clauses_mentioning(self.store, names):
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
        rows = facts.targets_matching(self.store, terms, list(linked.years), doc_ids)
        scored = sorted(rows, key=lambda r: -sum(t in r["target"]["metric"] for t in terms))
        for row in scored[:12]:
            t = row["target"]
            _add(found.clause_ids, row["clause_id"])
            found.facts.append(Fact("target", _target_text(t), row["clause_id"], {
                k: t.get(k) for k in ("metric", "value", "value_max", "unit", "comparator",
                                      "year", "scope", "value_text")}))

    def _incentives(self, terms: list[str], found: GraphFindings) -> None:
        rows = facts.incentives_matching(self.store, terms)
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
