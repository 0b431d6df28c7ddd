"""Store, replace and remove whole documents: each in one transaction.

A document owns its clauses, targets and incentives; it shares agencies, projects,
parks, enterprises, regions and industries with other documents. Replacing a document
deletes what it owns and its links, writes the new version, and drops shared entities
no document mentions any more — so re-ingesting the same text yields the same graph.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from kg import cypher
from kg.store import GraphStore
from kg.types import Clause, Extraction, Mention, ParsedDocument

Step = tuple[str, dict[str, Any]]
_BATCH = 500


def save_document(store: GraphStore, doc: ParsedDocument, extraction: Extraction,
                  pipeline: str = "", replacing: bool = True) -> None:
    """Replace everything stored for ``doc.meta.doc_id`` with this version, atomically.
    ``pipeline`` identifies the code that parsed and extracted it (see ``ingest.build``).
    ``replacing=False`` says no version of the document is stored: there is nothing of
    it to delete and no entity it held can be left orphaned, so the deletes and the
    orphan sweeps — scans that grow with the whole graph — are skipped."""
    doc_id = doc.meta.doc_id
    props = _clean(doc.meta.props()) | {"doc_id": doc_id}
    props["cited_titles"] = list(extraction.cited_titles)
    props["pipeline"] = pipeline
    steps: list[Step] = [*(_delete_owned(doc_id) if replacing else []),
                         (cypher.UPSERT_DOCUMENT, {"doc_id": doc_id, "props": props})]
    steps += _clause_steps(doc_id, doc.clauses)
    steps += _extraction_steps(doc_id, extraction)
    if replacing:
        steps += [(cypher.DELETE_ORPHAN_ENTITIES, {}), (cypher.DELETE_ORPHAN_EXTERNAL, {})]
    store.write(steps)


def remove_document(store: GraphStore, doc_id: str) -> bool:
    """Delete a document and all it owns; ``False`` when no such document is stored."""
    if doc_id not in stored_hashes(store):
        return False
    store.write([
        *_delete_owned(doc_id),
        (cypher.DELETE_DOCUMENT, {"doc_id": doc_id}),
        (cypher.DELETE_ORPHAN_ENTITIES, {}),
        (cypher.DELETE_ORPHAN_EXTERNAL, {}),
    ])
    return True


def stored_hashes(store: GraphStore) -> dict[str, str]:
    return {r["doc_id"]: r["sha256"] for r in store.read(cypher.DOCUMENT_HASHES)}


def list_documents(store: GraphStore) -> list[dict[str, Any]]:
    return [r["doc"] for r in store.read(cypher.LIST_DOCUMENTS)]


def relink_citations(store: GraphStore, internal: list[dict[str, str]],
                     external: list[dict[str, str]]) -> None:
    """Rewrite every CITES edge: ``internal`` rows {src, dst, title}, ``external`` {src, title}."""
    steps: list[Step] = [(cypher.DELETE_ALL_CITES, {})]
    steps += _batched(cypher.CITE_DOCUMENTS, internal)
    steps += _batched(cypher.CITE_EXTERNAL, external)
    steps.append((cypher.DELETE_ORPHAN_EXTERNAL, {}))
    store.write(steps)


def _delete_owned(doc_id: str) -> list[Step]:
    params = {"doc_id": doc_id}
    return [
        (cypher.DELETE_DOC_TARGETS, params),
        (cypher.DELETE_DOC_INCENTIVES, params),
        (cypher.DELETE_DOC_LINKS, params),
        (cypher.DELETE_DOC_CITES, params),
        (cypher.DELETE_DOC_CLAUSES, params),
    ]


def _clause_steps(doc_id: str, clauses: tuple[Clause, ...]) -> list[Step]:
    rows = [c.props() for c in clauses]
    children = [{"parent": c.parent_id, "child": c.clause_id} for c in clauses if c.parent_id]
    ordered = sorted(clauses, key=lambda c: c.ordinal)
    nexts = [{"parent": a.clause_id, "child": b.clause_id} for a, b in zip(ordered, ordered[1:])]
    steps = [(cypher.CREATE_CLAUSES, {"doc_id": doc_id, "rows": batch}) for batch in _chunks(rows)]
    return steps + _batched(cypher.LINK_CHILDREN, children) + _batched(cypher.LINK_NEXT, nexts)


def _extraction_steps(doc_id: str, ex: Extraction) -> list[Step]:
    targets = [{"clause_id": t.clause_id, "props": _clean({**t.props(), "doc_id": doc_id})}
               for t in ex.targets]
    incentives = [{"clause_id": i.clause_id, "props": _clean({**i.props(), "doc_id": doc_id})}
                  for i in ex.incentives]
    steps = _batched(cypher.CREATE_TARGETS, targets) + _batched(cypher.CREATE_INCENTIVES, incentives)
    by_label: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for entity in ex.entities:
        by_label[entity.label].append({"name": entity.name, **entity.props()})
    for label, rows in sorted(by_label.items()):
        steps += _batched(cypher.MERGE_ENTITIES[label], rows)
    steps += _mention_steps(ex)
    links: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for link in ex.links:
        links[(link.from_label, link.rel, link.to_label)].append(
            {"from_name": link.from_name, "to_name": link.to_name,
             "clause_id": link.clause_id, "doc_id": doc_id})
    for key, rows in sorted(links.items()):
        steps += _batched(cypher.ENTITY_LINKS[key], rows)
    return steps


def _mention_steps(ex: Extraction) -> list[Step]:
    responsible = _responsibilities([m for m in ex.mentions if m.rel == "RESPONSIBLE_FOR"])
    mentions: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for m in ex.mentions:
        if m.rel == "MENTIONS":
            mentions[m.label].append({"name": m.name, "clause_id": m.clause_id})
    steps = _batched(cypher.RESPONSIBLE_FOR, responsible)
    for label, rows in sorted(mentions.items()):
        steps += _batched(cypher.MENTIONS[label], rows)
    return steps


def _responsibilities(mentions: list[Mention]) -> list[dict[str, Any]]:
    """One row per agency and clause: every task it is responsible for there, each with
    its role, and the strongest role ("lead" over "support") for simple queries."""
    rank = {"lead": 2, "support": 1, None: 0}
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for m in mentions:
        row = rows.setdefault((m.name, m.clause_id), {"name": m.name, "clause_id": m.clause_id,
                                                      "role": None, "tasks": [], "roles": []})
        row["tasks"].append(m.task)
        row["roles"].append(m.role or "")
        if rank[m.role] > rank[row["role"]]:
            row["role"] = m.role
    return list(rows.values())


def _batched(statement: str, rows: list[dict[str, Any]]) -> list[Step]:
    return [(statement, {"rows": batch}) for batch in _chunks(rows)]


def _chunks(rows: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    return [rows[i:i + _BATCH] for i in range(0, len(rows), _BATCH)]


def _clean(props: dict[str, Any]) -> dict[str, Any]:
    # Neo4j drops null properties on SET n = map; ArcadeDB stores them. Send neither.
    return {k: v for k, v in props.items() if v is not None}
