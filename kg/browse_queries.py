"""Read statements the browsing views need (documents, clauses, schema), by name.

Values travel as parameters; nothing here is built from user input. Each function is a
thin ``store.read`` so that ``qa.browse`` never writes Cypher of its own.
"""

from __future__ import annotations

from typing import Any

from kg import cypher
from kg.store import GraphStore

DOCUMENT = "MATCH (d:Document {doc_id: $doc_id}) RETURN d {.*} AS doc"
CLAUSE_ANCESTORS = (
    "MATCH (a:Clause)-[:HAS_CHILD*1..12]->(c:Clause {clause_id: $clause_id}) "
    "RETURN a.clause_id AS clause_id, a.label AS label, a.heading AS heading "
    "ORDER BY a.depth"
)
CLAUSE_MENTIONS = (
    "MATCH (c:Clause {clause_id: $clause_id})-[:MENTIONS]->(e) "
    "RETURN labels(e)[0] AS label, e.name AS name ORDER BY label, name"
)
CLAUSE_AGENCIES = (
    "MATCH (a:Agency)-[:RESPONSIBLE_FOR]->(c:Clause {clause_id: $clause_id}) "
    "RETURN a.name AS name ORDER BY name"
)
CLAUSE_TARGETS = (
    "MATCH (c:Clause {clause_id: $clause_id})-[:SETS_TARGET]->(t:Target) "
    "RETURN t {.*} AS target ORDER BY t.target_id"
)
CLAUSE_INCENTIVES = (
    "MATCH (c:Clause {clause_id: $clause_id})-[:OFFERS]->(i:Incentive) "
    "RETURN i {.*} AS incentive ORDER BY i.incentive_id"
)
INCENTIVE_INDUSTRIES = (
    "MATCH (c:Clause)-[:OFFERS]->(i:Incentive) MATCH (c)-[:MENTIONS]->(n:Industry) "
    "RETURN i.incentive_id AS incentive_id, collect(DISTINCT n.name) AS industries"
)
INDUSTRIES = (
    "MATCH (n:Industry) RETURN n.name AS name, coalesce(n.aliases, []) AS aliases ORDER BY name"
)
# ArcadeDB has no db.propertyKeys() that answers and no APOC: read the keys off the data.
NODE_KEYS = (
    "MATCH (n) UNWIND keys(n) AS k "
    "RETURN labels(n)[0] AS label, collect(DISTINCT k) AS keys ORDER BY label"
)
RELATIONSHIP_KEYS = (
    "MATCH ()-[r]->() UNWIND keys(r) AS k "
    "RETURN type(r) AS type, collect(DISTINCT k) AS keys ORDER BY type"
)


def document(store: GraphStore, doc_id: str) -> dict[str, Any] | None:
    rows = store.read(DOCUMENT, doc_id=doc_id)
    return rows[0]["doc"] if rows else None


def document_clauses(store: GraphStore, doc_id: str) -> list[dict[str, Any]]:
    return store.read(cypher.DOCUMENT_CLAUSES, doc_id=doc_id)


def clause_context(store: GraphStore, clause_id: str) -> dict[str, Any] | None:
    rows = store.read(cypher.CLAUSE_CONTEXT, clause_id=clause_id)
    return rows[0] if rows else None


def ancestors(store: GraphStore, clause_id: str) -> list[dict[str, Any]]:
    return store.read(CLAUSE_ANCESTORS, clause_id=clause_id)


def clause_links(store: GraphStore, clause_id: str) -> dict[str, list[Any]]:
    """What the graph links to one clause: mentioned entities, responsible agencies,
    the targets it sets and the incentives it offers."""
    return {
        "mentions": store.read(CLAUSE_MENTIONS, clause_id=clause_id),
        "agencies": [r["name"] for r in store.read(CLAUSE_AGENCIES, clause_id=clause_id)],
        "targets": [r["target"] for r in store.read(CLAUSE_TARGETS, clause_id=clause_id)],
        "incentives": [r["incentive"] for r in store.read(CLAUSE_INCENTIVES, clause_id=clause_id)],
    }


def incentive_industries(store: GraphStore) -> dict[str, list[str]]:
    return {r["incentive_id"]: r["industries"] for r in store.read(INCENTIVE_INDUSTRIES)}


def industries(store: GraphStore) -> list[dict[str, Any]]:
    return store.read(INDUSTRIES)


def node_keys(store: GraphStore) -> dict[str, list[str]]:
    return {r["label"]: sorted(r["keys"]) for r in store.read(NODE_KEYS) if r["label"]}


def relationship_keys(store: GraphStore) -> dict[str, list[str]]:
    return {r["type"]: sorted(r["keys"]) for r in store.read(RELATIONSHIP_KEYS)}
