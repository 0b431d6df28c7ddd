"""Score what extraction stored in the graph against a hand-written gold set.

The gold set (the JSON files in ``tests/data/gold_extraction/``, merged) lists, for the documents it names,
every node of each type and every relationship, exhaustively, so that precision means
something. Clauses are named by a snippet of their text (``"clause"``) rather than by
label, so the gold set survives changes to labels. Format, by key:

- ``Target``: ``{doc_id, clause, metric, value, value_max, unit, comparator, year, scope}``
- ``Incentive``: ``{doc_id, clause, kind, amount_wan, cap_wan, ratio}``
- ``Agency``: ``{name, aliases}``; ``Project``/``Park``/``Enterprise``/``Region``/
  ``Industry``: ``{name}``; ``ExternalDocument``: ``{title}``
- ``RESPONSIBLE_FOR``: ``{doc_id, clause, agencies: [...]}`` — every clause with units
- ``MENTIONS``: ``{doc_id, clause, label, names: [...]}`` — exhaustive for that clause and label
- ``LOCATED_IN`` / ``FOCUSES_ON``: ``{src, dst}``; ``CITES``: ``{src, dst}`` (doc id or title)
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg import facts
from kg.store import GraphStore
from kg.types import ENTITY_LABELS


@dataclass(frozen=True)
class Score:
    kind: str
    gold: int
    predicted: int
    matched_gold: int
    matched_predicted: int
    missed: tuple[str, ...] = ()
    spurious: tuple[str, ...] = ()

    @property
    def precision(self) -> float:
        return self.matched_predicted / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched_gold / self.gold if self.gold else 1.0


def norm(text: Any) -> str:
    return re.sub(r"\s", "", unicodedata.normalize("NFKC", str(text or ""))).lower()


def load_gold(path: Path) -> dict[str, Any]:
    """One gold file, or every ``*.json`` of a folder merged (lists concatenated)."""
    files = sorted(path.glob("*.json")) if path.is_dir() else [path]
    merged: dict[str, Any] = {"documents": []}
    for file in files:
        part = json.loads(file.read_text(encoding="utf-8"))
        for key, value in part.items():
            if isinstance(value, list):
                merged.setdefault(key, []).extend(v for v in value if v not in merged.get(key, []))
    return merged


def evaluate_extraction(store: GraphStore, gold_path: Path) -> list[Score]:
    gold = load_gold(gold_path)
    docs = set(gold["documents"])
    scores = [_score_targets(store, gold, docs), _score_incentives(store, gold, docs)]
    for label in (*ENTITY_LABELS, "ExternalDocument"):
        if label in gold:
            scores.append(_score_names(store, gold, label))
    scores += _score_relationships(store, gold, docs)
    return scores


def strict_table_rows(store: GraphStore, gold_path: Path) -> tuple[int, int]:
    """How many gold targets marked ``"strict": true`` are stored with every field exact."""
    gold = load_gold(gold_path)
    strict = [g for g in gold.get("Target", []) if g.get("strict")]
    stored = [r["target"] | {"doc_id": r["doc_id"]} for r in facts.targets(store)]
    fields = ("metric", "value", "value_max", "unit", "comparator", "year")
    exact = sum(any(g["doc_id"] == t["doc_id"] and all(_same(g.get(f), t.get(f)) for f in fields)
                    for t in stored) for g in strict)
    return exact, len(strict)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) <= 1e-6 * max(1.0, abs(a))
    return norm(a) == norm(b) if (a or b) else True


def _match(kind: str, gold: Sequence[Any], predicted: Sequence[Any],
           same: Callable[[Any, Any], bool], show: Callable[[Any], str]) -> Score:
    """Greedy one-to-one matching; each gold item can be claimed once."""
    free = list(range(len(predicted)))
    matched_gold = 0
    missed = []
    for g in gold:
        hit = next((i for i in free if same(g, predicted[i])), None)
        if hit is None:
            missed.append(show(g))
        else:
            free.remove(hit)
            matched_gold += 1
    spurious = tuple(show(predicted[i]) for i in free)
    return Score(kind, len(gold), len(predicted), matched_gold, len(predicted) - len(free),
                 tuple(missed), spurious)


def _metric_like(a: str, b: str) -> bool:
    a, b = norm(a), norm(b)
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    common = len(set(a) & set(b))
    return common / max(len(set(a)), len(set(b))) >= 0.6


def _score_targets(store: GraphStore, gold: dict[str, Any], docs: set[str]) -> Score:
    predicted = [r["target"] | {"doc_id": r["doc_id"], "clause_text": r["clause_text"]}
                 for r in facts.targets(store) if r["doc_id"] in docs]

    def same(g: dict[str, Any], p: dict[str, Any]) -> bool:
        return (g["doc_id"] == p["doc_id"] and _same(g.get("value"), p.get("value"))
                and norm(g.get("unit")) == norm(p.get("unit")) and g.get("year") == p.get("year")
                and _metric_like(g["metric"], p["metric"]))

    def show(t: dict[str, Any]) -> str:
        return f"{t['doc_id'][:3]} {t['metric']} {t.get('comparator', '')}{t.get('value')}{t.get('unit')} ({t.get('year')})"

    return _match("Target", gold.get("Target", []), predicted, same, show)


def _score_incentives(store: GraphStore, gold: dict[str, Any], docs: set[str]) -> Score:
    predicted = [r["incentive"] | {"doc_id": r["doc_id"], "clause_text": r["clause_text"]}
                 for r in facts.incentives(store) if r["doc_id"] in docs]

    def same(g: dict[str, Any], p: dict[str, Any]) -> bool:
        return (g["doc_id"] == p["doc_id"] and g.get("kind") == p.get("kind")
                and all(_same(g.get(f), p.get(f)) for f in ("amount_wan", "cap_wan", "ratio"))
                and norm(g["clause"]) in norm(p["clause_text"]))

    def show(i: dict[str, Any]) -> str:
        return f"{i['doc_id'][:3]} {i.get('kind')} {i.get('amount_wan')}万 cap={i.get('cap_wan')} ratio={i.get('ratio')}"

    return _match("Incentive", gold.get("Incentive", []), predicted, same, show)


def _score_names(store: GraphStore, gold: dict[str, Any], label: str) -> Score:
    key = "title" if label == "ExternalDocument" else "name"
    predicted = [e[key] for e in facts.entities(store, label)]
    wanted = [g[key] for g in gold[label]]
    return _match(label, wanted, predicted, lambda g, p: norm(g) == norm(p), str)


def _score_relationships(store: GraphStore, gold: dict[str, Any], docs: set[str]) -> list[Score]:
    scores = []
    if "RESPONSIBLE_FOR" in gold:
        pairs = [(r["doc_id"], r["clause_text"], r["agency"]) for r in facts.responsibilities(store)
                 if r["doc_id"] in docs]
        wanted = [(g["doc_id"], g["clause"], a) for g in gold["RESPONSIBLE_FOR"] for a in g["agencies"]]
        scores.append(_match("RESPONSIBLE_FOR", wanted, pairs, _clause_pair, _show_pair))
    if "MENTIONS" in gold:
        scores.append(_score_mentions(store, gold["MENTIONS"]))
    for rel in ("LOCATED_IN", "FOCUSES_ON"):
        if rel in gold:
            # A link stated by two documents is one fact, stored once per document.
            links = list(dict.fromkeys((r["src"], r["dst"]) for r in facts.entity_links(store)
                                       if r["rel"] == rel))
            wanted = [(g["src"], g["dst"]) for g in gold[rel]]
            scores.append(_match(rel, wanted, links, _same_pair, str))
    if "CITES" in gold:
        cites = [(r["src"], r["dst"]) for r in facts.citations(store) if r["src"] in docs]
        scores.append(_match("CITES", [(g["src"], g["dst"]) for g in gold["CITES"]], cites,
                             _same_pair, str))
    return scores


def _score_mentions(store: GraphStore, gold: Iterable[dict[str, Any]]) -> Score:
    gold = list(gold)
    stored = facts.mentions(store)
    wanted, predicted = [], []
    for g in gold:
        snippet = norm(g["clause"])
        wanted += [(g["doc_id"], g["clause"], n) for n in g["names"]]
        predicted += [(m["doc_id"], m["clause_text"], m["name"]) for m in stored
                      if m["doc_id"] == g["doc_id"] and m["label"] == g["label"]
                      and snippet in norm(m["clause_text"])]
    return _match("MENTIONS", wanted, predicted, _clause_pair, _show_pair)


def _clause_pair(g: tuple[str, str, str], p: tuple[str, str, str]) -> bool:
    return g[0] == p[0] and norm(g[2]) == norm(p[2]) and norm(g[1]) in norm(p[1])


def _show_pair(t: tuple[str, str, str]) -> str:
    return f"{t[0][:3]} [{t[1][:16]}…] {t[2]}"


def _same_pair(g: tuple[str, str], p: tuple[str, str]) -> bool:
    return norm(g[0]) == norm(p[0]) and norm(g[1]) == norm(p[1])
