"""The clauses of every stored document, held in memory for ranking and citing.

Loaded once from the graph when the QA service starts, and again after ingestion
changes the graph (``ClauseCorpus.signature`` tells whether it did).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from kg import cypher
from kg.documents import list_documents
from kg.store import GraphStore
from qa.types import ClauseRecord


@dataclass(frozen=True)
class DocInfo:
    doc_id: str
    title: str
    doc_number: str | None
    issued: str | None
    level: str | None
    region: str | None
    period: str | None


class ClauseCorpus:
    """Clauses by id, in reading order per document, with their documents."""

    def __init__(self, clauses: list[ClauseRecord], docs: dict[str, DocInfo], signature: str) -> None:
        self.clauses = clauses
        self.by_id = {c.clause_id: c for c in clauses}
        self.docs = docs
        self.signature = signature
        self._children: dict[str, list[str]] = {}
        for c in clauses:
            if c.parent_id:
                self._children.setdefault(c.parent_id, []).append(c.clause_id)

    @classmethod
    def load(cls, store: GraphStore) -> ClauseCorpus:
        stored = list_documents(store)
        docs = {d["doc_id"]: DocInfo(d["doc_id"], d.get("title") or d["doc_id"], d.get("doc_number"),
                                     d.get("issued"), d.get("level"), d.get("region"), d.get("period"))
                for d in stored}
        clauses = [_record(r) for r in store.read(cypher.CORPUS_CLAUSES)]
        signature = signature_of({d["doc_id"]: d.get("sha256") or "" for d in stored})
        return cls(clauses, docs, signature)

    def __iter__(self) -> Iterator[ClauseRecord]:
        return iter(self.clauses)

    def __len__(self) -> int:
        return len(self.clauses)

    def children(self, clause_id: str) -> list[ClauseRecord]:
        return [self.by_id[c] for c in self._children.get(clause_id, [])]

    def parent(self, clause_id: str) -> ClauseRecord | None:
        parent_id = self.by_id[clause_id].parent_id
        return self.by_id.get(parent_id) if parent_id else None


def docs_hashes(store: GraphStore) -> dict[str, str]:
    return {r["doc_id"]: r["sha256"] or "" for r in store.read(cypher.DOCUMENT_HASHES)}


def signature_of(hashes: dict[str, str]) -> str:
    return "|".join(f"{k}:{v}" for k, v in sorted(hashes.items()))


def _record(row: dict) -> ClauseRecord:  # type: ignore[type-arg]
    c = row["clause"]
    return ClauseRecord(
        clause_id=c["clause_id"], doc_id=c["doc_id"], doc_title=row["doc_title"] or c["doc_id"],
        doc_number=row.get("doc_number"), level=row.get("level"), region=row.get("region"),
        label=c.get("label") or "", heading=c.get("heading") or "", text=c.get("text") or "",
        kind=c.get("kind") or "", ordinal=int(c.get("ordinal") or 0), parent_id=row.get("parent_id"),
    )
