"""The FAISS index of clause texts, through LangChain's vector store, kept in step with the graph.

The index lives in ``<data>/index/<embedder>/`` with a ``meta.json`` recording the
embedder, its dimension and a hash of every clause's embedded text. ``sync`` compares
that record with the clauses the graph holds, embeds only what is new or changed,
deletes what is gone, and replaces the files atomically. Because it reconciles against
the graph rather than replaying a log, a run killed mid-way is completed by the next.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from langchain_community.vectorstores import FAISS
from langchain_community.vectorstores.utils import DistanceStrategy

from kg.errors import SchemaError

logger = logging.getLogger(__name__)

_MAX_CHARS = 480  # e5-small reads 512 tokens; Chinese runs about a token a character


@dataclass(frozen=True)
class ClauseText:
    """What gets embedded for one clause."""

    clause_id: str
    doc_id: str
    text: str

    @property
    def digest(self) -> str:
        return hashlib.sha1(self.text.encode("utf-8")).hexdigest()[:16]


def embedding_text(doc_title: str, label: str, heading: str, text: str) -> str:
    """Title and label first, so a question naming a plan or a section finds its clauses."""
    return f"{doc_title} {label} {heading}\n{text}"[:_MAX_CHARS]


@dataclass(frozen=True)
class SyncReport:
    added: int
    removed: int
    kept: int
    seconds: float


class VectorIndex:
    """Dense retrieval over clauses.

    >>> index = VectorIndex(Path("data/index"), E5Embeddings())
    >>> index.sync(clause_texts)
    >>> index.search("首次进入软件百强奖励", k=8)   # [(clause_id, score), ...]
    """

    def __init__(self, root: Path, embedder: Any) -> None:
        self.embedder = embedder
        self.folder = Path(root) / embedder.name.replace("/", "__")
        self._lock = threading.Lock()
        self._store: FAISS | None = None
        self._digests: dict[str, str] = {}
        self._load()

    def __len__(self) -> int:
        return len(self._digests)

    def reload(self) -> None:
        """Re-read the index from disk: another process's ingestion may have changed it."""
        with self._lock:
            self._store, self._digests = None, {}
            self._load()

    def search(self, query: str, k: int = 8) -> list[tuple[str, float]]:
        store = self._store
        if store is None or not self._digests:
            return []
        vector = self.embedder.embed_query(query)
        hits = store.similarity_search_with_score_by_vector(vector, k=min(k, len(self._digests)))
        return [(doc.metadata["clause_id"], float(score)) for doc, score in hits]

    def sync(self, clauses: Sequence[ClauseText]) -> SyncReport:
        started = time.perf_counter()
        with self._lock:
            wanted = {c.clause_id: c for c in clauses}
            stale = [cid for cid, digest in self._digests.items()
                     if cid not in wanted or wanted[cid].digest != digest]
            fresh = [c for cid, c in wanted.items() if self._digests.get(cid) != c.digest]
            if stale or fresh:
                store = self._store
                if store is not None and stale:
                    store.delete(stale)
                store = self._add(store, fresh)
                gone = set(stale)
                digests = {cid: d for cid, d in self._digests.items() if cid not in gone}
                digests.update({c.clause_id: c.digest for c in fresh})
                self._save(store, digests)
                self._store, self._digests = store, digests
        report = SyncReport(len(fresh), len(stale), len(wanted) - len(fresh), time.perf_counter() - started)
        logger.info("vector index %s: +%d -%d (%d kept) in %.1f s", self.embedder.name,
                    report.added, report.removed, report.kept, report.seconds)
        return report

    def _add(self, store: FAISS | None, fresh: Sequence[ClauseText]) -> FAISS | None:
        if not fresh:
            return store
        texts = [c.text for c in fresh]
        vectors = self.embedder.embed_documents(texts)
        pairs = list(zip(texts, vectors))
        metas = [{"clause_id": c.clause_id, "doc_id": c.doc_id} for c in fresh]
        ids = [c.clause_id for c in fresh]
        if store is None:
            return FAISS.from_embeddings(pairs, self.embedder, metadatas=metas, ids=ids,
                                         distance_strategy=DistanceStrategy.MAX_INNER_PRODUCT)
        store.add_embeddings(pairs, metadatas=metas, ids=ids)
        return store

    def _save(self, store: FAISS | None, digests: dict[str, str]) -> None:
        tmp = self.folder.with_name(self.folder.name + ".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        if store is not None and digests:
            store.save_local(str(tmp))
        meta = {"embedder": self.embedder.name, "dim": self.embedder.dim, "clauses": digests}
        (tmp / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        old = self.folder.with_name(self.folder.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if self.folder.exists():
            os.replace(self.folder, old)
        os.replace(tmp, self.folder)
        shutil.rmtree(old, ignore_errors=True)

    def _load(self) -> None:
        meta_path = self.folder / "meta.json"
        old = self.folder.with_name(self.folder.name + ".old")
        if not meta_path.exists() and old.exists():  # killed between the renames of _save
            os.replace(old, self.folder)
        if not meta_path.exists():
            return
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if meta.get("dim") != self.embedder.dim:
            raise SchemaError(
                f"the vector index in {self.folder} has dimension {meta.get('dim')}, the "
                f"embedder {self.embedder.name} gives {self.embedder.dim}; delete the folder "
                "to rebuild it"
            )
        self._digests = dict(meta.get("clauses", {}))
        if self._digests:
            self._store = FAISS.load_local(
                str(self.folder), self.embedder, allow_dangerous_deserialization=True,
                distance_strategy=DistanceStrategy.MAX_INNER_PRODUCT,
            )


def graph_clause_texts(store: Any) -> list[ClauseText]:
    """Every clause the graph holds, as the text the index embeds."""
    from kg import cypher

    rows = store.read(cypher.CORPUS_CLAUSES)
    return [
        ClauseText(
            r["clause"]["clause_id"], r["clause"]["doc_id"],
            embedding_text(r["doc_title"] or "", r["clause"].get("label") or "",
                           r["clause"].get("heading") or "", r["clause"].get("text") or ""),
        )
        for r in rows
    ]


class IndexSync:
    """Keeps a ``VectorIndex`` in step with the graph after each ingestion (``IndexUpdater``)."""

    def __init__(self, index: VectorIndex) -> None:
        self.index = index
        self.last: SyncReport | None = None

    def update(self, store: Any, changed: Sequence[str], removed: Sequence[str]) -> None:
        self.last = self.index.sync(graph_clause_texts(store))
