"""The clauses of every stored document, held in memory for ranking and citing.

Loaded once from the graph when the QA service starts, and again after ingestion
changes the graph (``ClauseCorpus.signature`` tells whether it did). With a
``StartupCache`` the clause rows are read from a file instead when no document changed
since they were saved: at ×100 the graph query for 45,000 clauses is most of a start.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg import cypher
from kg.documents import list_documents
from kg.store import GraphStore
from qa.types import ClauseRecord

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class DocInfo:
    doc_id: str
    title: str
    doc_number: str | None
    issued: str | None
    level: str | None
    region: str | None
    period: str | None
    issuer: str | None = None
    also_titles: tuple[str, ...] = ()  # a wrapping notice's title, a second attached plan's


class ClauseCorpus:
    """Clauses by id, in reading order per document, with their documents."""

    def __init__(self, clauses: list[ClauseRecord], docs: dict[str, DocInfo], signature: str,
                 key: str = "") -> None:
        self.clauses = clauses
        self.key = key  # corpus_key of the documents, when loaded from a store
        self.by_id = {c.clause_id: c for c in clauses}
        self.docs = docs
        self.signature = signature
        self._children: dict[str, list[str]] = {}
        self._by_doc: dict[str, list[ClauseRecord]] = {}
        for c in clauses:
            if c.parent_id:
                self._children.setdefault(c.parent_id, []).append(c.clause_id)
            self._by_doc.setdefault(c.doc_id, []).append(c)

    @classmethod
    def load(cls, store: GraphStore, cache: StartupCache | None = None) -> ClauseCorpus:
        stored = list_documents(store)
        docs = {d["doc_id"]: DocInfo(d["doc_id"], d.get("title") or d["doc_id"], d.get("doc_number"),
                                     d.get("issued"), d.get("level"), d.get("region"), d.get("period"),
                                     d.get("issuer"), tuple(d.get("also_titles") or ()))
                for d in stored}
        rows = (cache.read("clauses", corpus_key(stored), lambda: store.read(cypher.CORPUS_CLAUSES))
                if cache is not None else store.read(cypher.CORPUS_CLAUSES))
        clauses = [_record(r) for r in rows]
        signature = signature_of({d["doc_id"]: d.get("sha256") or "" for d in stored})
        return cls(clauses, docs, signature, corpus_key(stored))

    def __iter__(self) -> Iterator[ClauseRecord]:
        return iter(self.clauses)

    def __len__(self) -> int:
        return len(self.clauses)

    def of_document(self, doc_id: str) -> list[ClauseRecord]:
        """One document's clauses in reading order."""
        return self._by_doc.get(doc_id, [])

    def children(self, clause_id: str) -> list[ClauseRecord]:
        return [self.by_id[c] for c in self._children.get(clause_id, [])]

    def siblings(self, clause: ClauseRecord) -> list[ClauseRecord]:
        """The clauses beside ``clause`` in reading order, itself included: its parent's
        children, or its document's clauses when it has no parent."""
        return self.children(clause.parent_id) if clause.parent_id else self.of_document(clause.doc_id)

    def parent(self, clause_id: str) -> ClauseRecord | None:
        parent_id = self.by_id[clause_id].parent_id
        return self.by_id.get(parent_id) if parent_id else None


class StartupCache:
    """Rows the QA service reads from the graph at start, saved as JSON under a key that
    changes whenever any document is added, removed, changed or re-parsed."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def read(self, name: str, key: str, load: Callable[[], list[dict[str, Any]]]) -> list[dict[str, Any]]:
        path = self.folder / f"{name}.json"
        try:
            saved = json.loads(path.read_text(encoding="utf-8"))
            if saved.get("key") == key:
                logger.info("%s loaded from %s (no document changed)", name, path)
                return list(saved["rows"])
        except (OSError, ValueError, KeyError, AttributeError):
            pass  # absent or unreadable: read the graph
        rows = load()
        try:
            text = json.dumps({"key": key, "rows": rows}, ensure_ascii=False)
        except TypeError:  # a value JSON cannot hold: read the graph next time too
            return rows
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
        return rows


def corpus_key(documents: list[dict[str, Any]]) -> str:
    """Every document's id, content hash and the code that parsed it."""
    parts = sorted(f"{d['doc_id']}:{d.get('sha256')}:{d.get('pipeline')}" for d in documents)
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


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
