"""Score what extraction stored in the graph against a hand-written gold set.

The gold set (the JSON files in ``tests/data/gold_extraction/``, merged) lists, for the documents it names,
every node of each type and every relationship, exhaustively, so that precision means
something. Clauses are named by a snippet of their text (``"clause"``) rather than by
label, so the gold set survives changes to labels. Format, by key:

- ``Target``: ``{doc_id, clause, metric, value, value_max, unit, comparator, year, scope}``
- ``Incentive``: ``{doc_id, clause, kind, amount_wan, cap_wan, ratio, per_year?}`` (ratio
  as a fraction or as a percentage)
- ``Agency``: ``{name, aliases}``; ``Project``/``Park``/``Enterprise``/``Region``/
  ``Industry``: ``{name}``; ``ExternalDocument``: ``{title}``
- ``RESPONSIBLE_FOR``: ``{doc_id, clause, agencies: [...], lead?: [...]}`` — every clause
  with units, each as printed
- ``MENTIONS``: ``{doc_id, clause, label, names: [...]}`` — exhaustive for that clause and label
- ``Document``: ``{doc_id, title, doc_number, issued, also_titles?}`` and ``Clause``:
  ``{doc_id, start, marker, heading, optional}`` — scored by ``ingest.evaluate_parsing``
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

from ingest.glyphs import restore
from kg import cypher, facts
from kg.documents import list_documents
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
    # A gold quotes a damaged PDF as printed (「支持力度ꎮ」); ingestion stores it repaired.
    return re.sub(r"\s", "", unicodedata.normalize("NFKC", restore(str(text or "")))).lower()


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


def evaluate_extraction(store: GraphStore, gold_path: Path,
                        only: Iterable[str] | None = None) -> list[Score]:
    """Scores per type; ``only`` restricts the gold to these documents (a split)."""
    gold = load_gold(gold_path)
    if only is not None:
        gold = subset_gold(gold, set(only))
    docs = set(gold["documents"])
    scores = _score_parsing(store, gold, docs)
    scores += [_score_targets(store, gold, docs), _score_incentives(store, gold, docs)]
    for label in (*ENTITY_LABELS, "ExternalDocument"):
        if label in gold:
            scores.append(_score_names(store, gold, label, docs))
    scores += _score_relationships(store, gold, docs)
    return scores


def subset_gold(gold: dict[str, Any], docs: set[str]) -> dict[str, Any]:
    """The part of ``gold`` about ``docs``: per-document items filtered by ``doc_id``."""
    kept: dict[str, Any] = {"documents": [d for d in gold["documents"] if d in docs]}
    for key, items in gold.items():
        if key != "documents" and isinstance(items, list):
            kept[key] = [i for i in items if not isinstance(i, dict) or "doc_id" not in i
                         or i["doc_id"] in docs]
    return kept


def _score_parsing(store: GraphStore, gold: dict[str, Any], docs: set[str]) -> list[Score]:
    """Document metadata and Clause segmentation, when the gold has them."""
    from ingest.evaluate_parsing import StoredClause, score_clauses, score_documents

    scores = []
    if gold.get("Document"):
        scores += score_documents(list_documents(store), gold["Document"], docs)
    if gold.get("Clause"):
        # The header clause records metadata; segmentation is about the body.
        stored = [StoredClause(doc, r["clause"].get("label") or "", r["clause"].get("text") or "")
                  for doc in sorted(docs) for r in store.read(cypher.DOCUMENT_CLAUSES, doc_id=doc)
                  if r["clause"].get("kind") != "header"]
        scores.append(score_clauses(stored, gold["Clause"], docs))
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
        return f"{t['doc_id'].split('_')[0]} {t['metric']} {t.get('comparator', '')}{t.get('value')}{t.get('unit')} ({t.get('year')})"

    return _match("Target", gold.get("Target", []), predicted, same, show)


def _score_incentives(store: GraphStore, gold: dict[str, Any], docs: set[str]) -> Score:
    predicted = [r["incentive"] | {"doc_id": r["doc_id"], "clause_text": r["clause_text"]}
                 for r in facts.incentives(store) if r["doc_id"] in docs]
    return _match("Incentive", gold.get("Incentive", []), predicted, same_incentive,
                  _show_incentive)


def same_incentive(g: dict[str, Any], p: dict[str, Any]) -> bool:
    """Same document, kind, sums and clause; a ratio written as a percentage in the gold
    (10 for 10 %) is the stored fraction (0.1) too; ``per_year`` compared when the gold
    says."""
    return (g["doc_id"] == p["doc_id"] and g.get("kind") == p.get("kind")
            and all(_same(g.get(f), p.get(f)) for f in ("amount_wan", "cap_wan"))
            and _same_ratio(g.get("ratio"), p.get("ratio"))
            and ("per_year" not in g or bool(g["per_year"]) == bool(p.get("per_year")))
            and norm(g["clause"]) in norm(p["clause_text"]))


def _same_ratio(gold: Any, stored: Any) -> bool:
    """The stored ratio is a fraction; a gold one may be written as a percentage."""
    if isinstance(gold, (int, float)) and isinstance(stored, (int, float)):
        return _same(gold, stored) or _same(gold, stored * 100)
    return _same(gold, stored)


def _show_incentive(i: dict[str, Any]) -> str:
    return (f"{i['doc_id'][:4]} {i.get('kind')} {i.get('amount_wan')}万 cap={i.get('cap_wan')} "
            f"ratio={i.get('ratio')} [{str(i.get('clause') or i.get('text') or '')[:24]}]")


def _score_names(store: GraphStore, gold: dict[str, Any], label: str,
                 docs: set[str] | None = None) -> Score:
    key = "title" if label == "ExternalDocument" else "name"
    predicted = [e[key] for e in facts.entities(store, label)]
    if docs is not None:  # entities of other documents in the graph are not this gold's
        linked = _names_linked_to(store, label, docs)
        predicted = [name for name in predicted if name in linked]
    wanted = [g[key] for g in gold[label]]
    return _match(label, wanted, predicted, lambda g, p: norm(g) == norm(p), str)


def _names_linked_to(store: GraphStore, label: str, docs: set[str]) -> set[str]:
    """Names of the shared entities that clauses of ``docs`` mention, are linked to, or cite."""
    if label == "ExternalDocument":
        return {r["dst"] for r in facts.citations(store) if r["src"] in docs}
    names = {m["name"] for m in facts.mentions(store) if m["doc_id"] in docs and m["label"] == label}
    if label == "Agency":
        names |= {r["agency"] for r in facts.responsibilities(store) if r["doc_id"] in docs}
    for link in facts.entity_links(store):
        if link["doc_id"] in docs:
            names |= {link["src"], link["dst"]}
    return names


def _score_relationships(store: GraphStore, gold: dict[str, Any], docs: set[str]) -> list[Score]:
    scores = []
    if "RESPONSIBLE_FOR" in gold:
        scores += _score_responsible(facts.responsibilities(store), gold["RESPONSIBLE_FOR"], docs)
    if "MENTIONS" in gold:
        scores.append(_score_mentions(store, gold["MENTIONS"]))
    for rel in ("LOCATED_IN", "FOCUSES_ON"):
        if rel in gold:
            # A link stated by two documents is one fact, stored once per document.
            links = list(dict.fromkeys((r["src"], r["dst"]) for r in facts.entity_links(store)
                                       if r["rel"] == rel and r["doc_id"] in docs))
            wanted = [(g["src"], g["dst"]) for g in gold[rel]]
            scores.append(_match(rel, wanted, links, _same_pair, str))
    if "CITES" in gold:
        cites = [(r["src"], r["dst"]) for r in facts.citations(store) if r["src"] in docs]
        scores.append(_match("CITES", [(g["src"], g["dst"]) for g in gold["CITES"]], cites,
                             _same_pair, str))
    return scores


def _score_responsible(stored: list[dict[str, Any]], gold: list[dict[str, Any]],
                       docs: set[str]) -> list[Score]:
    """Responsible units per clause. A unit matches the stored agency by its name or any
    alias (the gold writes units as printed, the graph keeps one canonical name). The
    graph holds one relationship per agency and clause (its ``tasks`` say which parts of
    the clause), so a gold unit is found when its clause has that agency, and a stored
    relationship is right when the gold names that agency for its clause — a gold that
    lists one agency for two tasks of a clause is one fact here. When the gold marks
    leads, "RESPONSIBLE_FOR lead" scores the relationships whose role is lead."""
    rows = [r for r in stored if r["doc_id"] in docs]
    pairs = [(r["doc_id"], r["clause_text"], r["agency"], *r.get("aliases", [])) for r in rows]
    wanted = [(g["doc_id"], g["clause"], a) for g in gold for a in g["agencies"]]
    scores = [_match_facts("RESPONSIBLE_FOR", wanted, pairs, _unit_pair, _show_pair)]
    if any(g.get("lead") for g in gold):
        leads = [p for p, r in zip(pairs, rows) if r.get("role") == "lead"]
        wanted = [(g["doc_id"], g["clause"], a) for g in gold for a in g.get("lead", [])]
        scores.append(_match_facts("RESPONSIBLE_FOR lead", wanted, leads, _unit_pair, _show_pair))
    return scores


def _match_facts(kind: str, gold: Sequence[Any], predicted: Sequence[Any],
                 same: Callable[[Any, Any], bool], show: Callable[[Any], str]) -> Score:
    """Matching by existence, not one to one: a gold item is found when some prediction
    states it, a prediction is right when some gold item states it."""
    found = [any(same(g, p) for p in predicted) for g in gold]
    right = [any(same(g, p) for g in gold) for p in predicted]
    return Score(kind, len(gold), len(predicted), sum(found), sum(right),
                 tuple(show(g) for g, f in zip(gold, found) if not f),
                 tuple(show(p) for p, r in zip(predicted, right) if not r))


def _unit_pair(g: tuple[str, ...], p: tuple[str, ...]) -> bool:
    return (g[0] == p[0] and norm(g[1]) in norm(p[1])
            and any(norm(g[2]) == norm(name) for name in p[2:]))


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
