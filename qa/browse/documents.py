"""Documents → clause tree → clause in context (neighbours, place, linked entities); the schema."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from kg import browse_queries as q
from kg import facts
from kg.documents import list_documents
from kg.errors import NotFound
from kg.store import GraphStore
from qa.browse.levels import LEVEL_NAMES


@dataclass(frozen=True)
class TreeNode:
    clause_id: str
    label: str
    heading: str
    depth: int
    kind: str
    parent_id: str | None
    preview: str


@dataclass(frozen=True)
class ClauseView:
    """A clause inside its document: where it sits, its neighbours, what it links to."""

    doc: dict[str, Any]
    clause: dict[str, Any]
    ancestors: list[dict[str, Any]]
    prev: dict[str, Any] | None
    next: dict[str, Any] | None
    children: list[dict[str, Any]]
    links: dict[str, list[Any]]

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


class DocumentBrowser:
    """Documents → clause tree → clause text, with what the graph links to each clause."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store

    def documents(self) -> list[dict[str, Any]]:
        return [{**d, "level_name": LEVEL_NAMES.get(d.get("level") or "other", "其他")}
                for d in list_documents(self.store)]

    def document(self, doc_id: str) -> dict[str, Any] | None:
        """One stored document's properties, or None."""
        return next((d for d in self.documents() if d["doc_id"] == doc_id), None)

    def tree(self, doc_id: str) -> list[TreeNode]:
        if q.document(self.store, doc_id) is None:
            raise NotFound(f"no document {doc_id!r} is stored; GET /api/documents lists them")
        return [TreeNode(c["clause_id"], c.get("label") or "", c.get("heading") or "",
                         int(c.get("depth") or 0), c.get("kind") or "", r["parent_id"],
                         _preview(c.get("text") or ""))
                for r in q.document_clauses(self.store, doc_id) for c in [r["clause"]]]

    def clause(self, clause_id: str) -> ClauseView:
        ctx = q.clause_context(self.store, clause_id)
        if ctx is None:
            raise NotFound(f"no clause {clause_id!r} is stored; clause ids look like DOC_ID#4.4")
        return ClauseView(doc=ctx["doc"], clause=ctx["clause"],
                          ancestors=q.ancestors(self.store, clause_id), prev=ctx["prev"],
                          next=ctx["next"], children=[c for c in ctx["children"] if c],
                          links=q.clause_links(self.store, clause_id))

    def responsible(self, clause_ids: list[str]) -> dict[str, list[str]]:
        """The agencies responsible for each of the clauses (those with any)."""
        return facts.agencies_of(self.store, clause_ids)

    def regions(self) -> list[str]:
        return list(dict.fromkeys(d["region"] for d in self.documents()
                                  if d.get("region") and d.get("level") != "press"))


def _preview(text: str, width: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width] + "…"


@dataclass(frozen=True)
class Schema:
    labels: dict[str, int]
    relationships: dict[str, int]
    node_keys: dict[str, list[str]]
    relationship_keys: dict[str, list[str]]

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


class SchemaInfo:
    """Labels, relationship types, property keys and counts, with plain Cypher."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store

    def summary(self) -> Schema:
        stats = self.store.stats()
        labels = {r["label"]: 0 for r in self.store.read("CALL db.labels()")}
        rels = {r["relationshipType"]: 0 for r in self.store.read("CALL db.relationshipTypes()")}
        labels.update(stats.labels)
        rels.update(stats.relationships)
        labels.pop("PolicyKGMeta", None)
        keys = q.node_keys(self.store)
        keys.pop("PolicyKGMeta", None)
        return Schema(dict(sorted(labels.items())), dict(sorted(rels.items())), keys,
                      q.relationship_keys(self.store))
