"""The FAISS index of clauses, content-addressed and kept in step with the graph.

A clause's vector is its text's (label, heading and up to 480 characters) plus 0.3 times
its document title's, normalised. Chosen by measurement (BENCHMARKS.md): embedding the
title inside every clause text made each clause of every plan a distinct text; apart,
a clause repeated across plans and a plan's title are each embedded once, and retrieval
on the dev set came out at least as good. Text vectors are stored once per distinct text,
keyed by digest (``kg.textvectors``). ``sync`` compares the clauses the graph holds with
what is stored, embeds only texts no vector exists for, and checkpoints every few
seconds (``kg.vectorfiles``), so a run killed mid-way keeps what it embedded and the
next run completes it.

The index records the embedder's fingerprint and the embedded-text recipe: one built
with another model is detected when it is opened and rebuilt rather than searched with
vectors of a different model. Until it is complete (``status()``), retrieval uses BM25
and the graph alone.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from kg.progress import Meter, Snapshot
from kg.queryvectors import QueryVectors
from kg.textvectors import TextVectors
from kg.vectorfiles import FORMAT, IndexBusy, IndexFiles

logger = logging.getLogger(__name__)

_MAX_CHARS = 480  # e5-small reads 512 tokens; Chinese runs about a token a character
TITLE_WEIGHT = 0.3  # measured with 0.3 and 0.5: the same hit@4 on the dev set
TEXT_RECIPE = f"label-heading-text-{_MAX_CHARS}+title*{TITLE_WEIGHT}"
_CHUNK = 512  # texts per embedding call: length-sorted batches, progress in between
_CHECKPOINT_S = 20.0
_CLUSTERED_FROM = 20_000


@dataclass(frozen=True)
class ClauseText:
    """What gets embedded for one clause: its text and (apart) its document's title."""

    clause_id: str
    doc_id: str
    text: str
    title: str = ""

    @property
    def digest(self) -> str:
        return digest(self.text)

    @property
    def title_digest(self) -> str:
        return digest(self.title) if self.title else ""


def digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def embedding_text(label: str, heading: str, text: str) -> str:
    """Label and heading first, so a question naming a section finds its clauses."""
    return f"{label} {heading}\n{text}"[:_MAX_CHARS]


@dataclass(frozen=True)
class SyncReport:
    added: int  # distinct texts embedded
    removed: int  # clauses no longer indexed
    kept: int  # clauses whose vector was already there
    seconds: float
    deferred: bool = False  # another process was writing the index: it will catch up
    ahead: int = 0  # of ``added``, texts embedded while the graph was being written


@dataclass(frozen=True)
class IndexStatus:
    """``ready`` (every clause searchable), ``building`` (embedding now, with progress) or
    ``pending`` (clauses wait for the next pass)."""

    state: str
    clauses: int
    indexed: int
    progress: Snapshot | None = None

    @property
    def ready(self) -> bool:
        return self.state == "ready"

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"state": self.state, "clauses": self.clauses, "indexed": self.indexed}
        if self.progress is not None:
            out["texts"] = self.progress.as_json()
        return out


class VectorIndex:
    """Dense retrieval over clauses.

    >>> index = VectorIndex(Path("data/index"), E5Embeddings())
    >>> index.sync(clause_texts)
    >>> index.search("首次进入软件百强奖励", k=8)   # [(clause_id, score), ...]
    """

    def __init__(self, root: Path, embedder: Any) -> None:
        self.embedder = embedder
        self.queries = QueryVectors(embedder.embed_query)
        self.folder = Path(root) / embedder.name.replace("/", "__")
        self.files = IndexFiles(self.folder)
        self._lock = threading.RLock()
        self._meter: Meter | None = None
        # From this many clauses on, searches go through clusters (``_cluster``); below
        # it the exact scan costs a millisecond or less.
        self.clustered_from = _CLUSTERED_FROM
        self._reset()
        self._load()

    def __len__(self) -> int:
        """Clauses that can be found now."""
        return self._indexed

    @property
    def complete(self) -> bool:
        return self._indexed == len(self._clauses)

    def indexed(self, clause_id: str) -> bool:
        """Can this clause be found now?"""
        pair = self._clauses.get(clause_id)
        return pair is not None and self._ready(pair)

    def status(self) -> IndexStatus:
        meter = self._meter
        if meter is not None:
            return IndexStatus("building", len(self._clauses), self._indexed, meter.snapshot())
        return IndexStatus("ready" if self.complete else "pending", len(self._clauses), self._indexed)

    def reload(self) -> None:
        """Re-read the index if another process checkpointed it since we last looked."""
        with self._lock:
            if self._meter is None and self.files.stamp() != self._stamp:
                self._reset()
                self._load()

    def prefetch(self, query: str) -> None:
        """Start embedding ``query`` for a ``search`` to come (``kg.queryvectors``)."""
        if self._indexed:
            self.queries.prefetch(query)

    def search(self, query: str, k: int = 8) -> list[tuple[str, float]]:
        if not self._indexed:
            return []
        vector = np.asarray(self.queries.vector(query), dtype=np.float32)[None, :]
        with self._lock:
            if self._search_ids is None:
                self._build_search()
            scores, rows = self._faiss.search(vector, min(k, len(self._search_ids or ())))
            ids = self._search_ids or []
            return [(ids[r], float(s)) for s, r in zip(scores[0], rows[0]) if r >= 0]

    def holds(self, digest: str) -> bool:
        """Is this text's vector stored?"""
        return digest in self._texts

    def sync(self, clauses: Sequence[ClauseText], progress: Callable[[Snapshot], None] | None = None,
             wait_s: float = 0.0, ahead: Mapping[str, np.ndarray] | None = None) -> SyncReport:
        """Make the index hold exactly ``clauses``; embed what is missing, but for the
        texts ``ahead`` has vectors for (digest → vector, by this index's embedder). If
        another process or thread is writing the index for more than ``wait_s`` seconds,
        return a ``deferred`` report: that writer's next pass takes these clauses in."""
        started = time.perf_counter()
        try:
            with self.files.writer(wait_s):
                self.reload()
                return self._sync(clauses, progress, started, ahead or {})
        except IndexBusy:
            logger.info("the vector index in %s is being written by another process; "
                        "it will take these clauses in on its next pass", self.folder)
            return SyncReport(0, 0, 0, time.perf_counter() - started, deferred=True)

    def _sync(self, clauses: Sequence[ClauseText], progress: Callable[[Snapshot], None] | None,
              started: float, ahead: Mapping[str, np.ndarray]) -> SyncReport:
        wanted = {c.clause_id: (c.digest, c.title_digest) for c in clauses}
        removed = sum(1 for cid, d in self._clauses.items() if wanted.get(cid) != d)
        changed = wanted != self._clauses
        with self._lock:
            self._set_clauses(wanted)
        kept = self._indexed
        texts = {d: t for c in clauses for d, t in ((c.digest, c.text), (c.title_digest, c.title))
                 if d and d not in self._texts}
        done = [d for d in texts if d in ahead]
        if done:
            with self._lock:
                self._texts.add(done, np.vstack([ahead[d] for d in done]))
                self._count()
        missing = [(d, t) for d, t in texts.items() if d not in ahead]
        if missing:
            self._embed(missing, progress)
        if texts or changed or self.files.stamp() is None:
            self._finish()
        report = SyncReport(len(texts), removed, kept, time.perf_counter() - started, ahead=len(done))
        logger.info("vector index %s: %d texts embedded, %d clauses dropped, %d kept, in %.1f s",
                    self.embedder.name, report.added, report.removed, report.kept, report.seconds)
        return report

    def _embed(self, items: list[tuple[str, str]], progress: Callable[[Snapshot], None] | None) -> None:
        meter = self._meter = Meter(len(items))
        last_checkpoint = time.monotonic()
        try:
            for start in range(0, len(items), _CHUNK):
                chunk = items[start:start + _CHUNK]

                def moved(n: int, base: int = start) -> None:
                    meter.set(base + n)
                    if progress is not None:
                        progress(meter.snapshot())

                vectors = self.embedder.embed_array([text for _, text in chunk], moved)
                moved(len(chunk))
                with self._lock:
                    self._texts.add([d for d, _ in chunk], vectors)
                    self._count()
                if time.monotonic() - last_checkpoint > _CHECKPOINT_S:
                    self._checkpoint()
                    last_checkpoint = time.monotonic()
        finally:
            self._meter = None

    def _finish(self) -> None:
        with self._lock:
            live = {d for pair in self._clauses.values() for d in pair if d}
            garbage = self._texts.garbage(live)
            if garbage and garbage * 4 > len(self._texts):
                self._meta = self._texts.compact(live, self._manifest())
                self._stamp = self.files.stamp()
                self._count()
            else:
                self._checkpoint()

    def _checkpoint(self) -> None:
        with self._lock:
            self._meta = self._texts.checkpoint(self._manifest())
            self._stamp = self.files.stamp()

    def _manifest(self) -> dict[str, Any]:
        return {"format": FORMAT, "embedder": self.embedder.name,
                "fingerprint": getattr(self.embedder, "fingerprint", self.embedder.name),
                "text": TEXT_RECIPE, "dim": self.embedder.dim,
                "segments": self._meta.get("segments", []),
                "clauses": {cid: list(pair) for cid, pair in self._clauses.items()}}

    def _ready(self, pair: tuple[str, str]) -> bool:
        return pair[0] in self._texts and (not pair[1] or pair[1] in self._texts)

    def _count(self) -> None:
        self._indexed = sum(1 for pair in self._clauses.values() if self._ready(pair))
        self._search_ids = None  # the search index is rebuilt on the next search
        self.version += 1  # what it can find changed: readers re-check their coverage

    def _build_search(self) -> None:
        """Each findable clause's vector: its text's plus TITLE_WEIGHT × its title's."""
        import faiss  # imported late: loading it costs a second that `cypher` never needs

        # One question is searched at a time; faiss's OpenMP threads only wait on torch's
        # (the question's vector is embedded on another thread): 9 ms per search at ×1
        # with them, well under one without.
        faiss.omp_set_num_threads(1)

        ready = [(cid, pair) for cid, pair in self._clauses.items() if self._ready(pair)]
        vectors = self._texts.get([pair[0] for _, pair in ready]) if ready else \
            np.zeros((0, self.embedder.dim), dtype=np.float32)
        titled = [i for i, (_, pair) in enumerate(ready) if pair[1]]
        if titled:
            vectors = vectors.copy()
            vectors[titled] += TITLE_WEIGHT * self._texts.get([ready[i][1][1] for i in titled])
        vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
        # Vectors kept as float16: a question reads half the memory (45,800 clauses at ×100:
        # 2.5 ms against 7 ms for float32), and the top 16 came out the same on those.
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        self._faiss = faiss.IndexScalarQuantizer(self.embedder.dim, faiss.ScalarQuantizer.QT_fp16,
                                                 faiss.METRIC_INNER_PRODUCT)
        self._faiss.add(vectors)
        self._search_ids = [cid for cid, _ in ready]
        if len(ready) >= self.clustered_from:
            # The exact scan answers at once; a clustered copy replaces it when trained.
            built = self._faiss
            threading.Thread(target=self._cluster, args=(vectors, built), daemon=True,
                             name="vector-clusters").start()

    def _cluster(self, vectors: np.ndarray, exact: Any) -> None:
        """Swap the exact index ``exact`` for an inverted-file one over the same vectors,
        unless the index was rebuilt meanwhile. At ×100 (45,800 clauses) the exact float16
        scan is ~3 ms of a question's ~30; with ~2.4·√n lists and a tenth of them probed,
        a search reads ~6 % of the vectors (0.4 ms), and on the benchmark's 166 questions
        its top 4 matched the exact scan's for every question and its top 16 for 99 %.
        Training on 40 vectors a list takes ~2 s there, on a thread (faiss releases the
        GIL), so a start does not wait for it."""
        import faiss

        try:
            lists = max(16, round(2.4 * len(vectors) ** 0.5))
            sample = vectors[np.random.default_rng(0).permutation(len(vectors))[:40 * lists]]
            clustered = faiss.IndexIVFScalarQuantizer(faiss.IndexFlatIP(self.embedder.dim), self.embedder.dim,
                                                      lists, faiss.ScalarQuantizer.QT_fp16,
                                                      faiss.METRIC_INNER_PRODUCT)
            clustered.cp.niter = 10
            clustered.train(sample)
            clustered.add(vectors)
            clustered.nprobe = max(8, lists // 10)
        except Exception:  # noqa: BLE001 - the exact index keeps answering; say why it stays
            logger.exception("clustering the vector index failed; searching it exactly")
            return
        with self._lock:
            if self._faiss is exact:
                self._faiss = clustered
                logger.info("vector index clustered: %d vectors in %d lists, %d probed",
                            len(vectors), lists, clustered.nprobe)

    def _set_clauses(self, clauses: dict[str, tuple[str, str]]) -> None:
        self._clauses = clauses
        self._count()

    def _reset(self) -> None:
        self.version = getattr(self, "version", 0) + 1
        self._texts = TextVectors(self.files, self.embedder.dim)
        self._faiss: Any = None
        self._search_ids: list[str] | None = None
        self._meta: dict[str, Any] = {}
        self._stamp: tuple[int, int] | None = None
        self._clauses: dict[str, tuple[str, str]] = {}
        self._indexed = 0

    def _load(self) -> None:
        meta = self.files.read_meta()
        if meta is None:
            return
        mismatch = self._mismatch(meta)
        if mismatch:
            logger.warning("the vector index in %s was built %s; it is rebuilt for %s",
                           self.folder, mismatch, self.embedder.name)
            self.files.clear()
            return
        try:
            self._texts.load(meta)
        except (OSError, EOFError, KeyError, ValueError) as exc:
            logger.warning("the vector index in %s cannot be read (%s); it is rebuilt", self.folder, exc)
            self._reset()
            self.files.clear()
            return
        self._meta, self._stamp = meta, self.files.stamp()
        self._set_clauses({cid: (pair[0], pair[1]) for cid, pair in meta.get("clauses", {}).items()})

    def _mismatch(self, meta: dict[str, Any]) -> str | None:
        fingerprint = getattr(self.embedder, "fingerprint", self.embedder.name)
        if meta.get("format") != FORMAT:
            return "in an older format"
        if meta.get("fingerprint") != fingerprint or meta.get("dim") != self.embedder.dim:
            return f"with another embedder ({meta.get('fingerprint')}, dimension {meta.get('dim')})"
        if meta.get("text") != TEXT_RECIPE:
            return f"from other clause texts ({meta.get('text')})"
        return None


def graph_clause_texts(store: Any) -> list[ClauseText]:
    """Every clause the graph holds, as the text the index embeds."""
    from kg import cypher

    return [_clause_text(r) for r in store.read(cypher.CORPUS_CLAUSES)]


def document_clause_texts(store: Any, doc_id: str) -> list[ClauseText]:
    """One document's clauses, as the text the index embeds."""
    from kg import cypher

    return [_clause_text(r) for r in store.read(cypher.DOCUMENT_CLAUSE_TEXTS, doc_id=doc_id)]


def _clause_text(row: dict[str, Any]) -> ClauseText:
    clause = row["clause"]
    return ClauseText(
        clause["clause_id"], clause["doc_id"],
        embedding_text(clause.get("label") or "", clause.get("heading") or "", clause.get("text") or ""),
        row["doc_title"] or "",
    )


class IndexSync:
    """Keeps a ``VectorIndex`` in step with the graph after each ingestion (``IndexUpdater``),
    in the foreground: ``policykg ingest`` waits for it, with ``progress`` reported. While
    the graph is written, the clauses of the documents already saved are embedded on the
    cores it leaves idle (``kg.ahead``); ``ahead=False`` leaves all the embedding to the end."""

    def __init__(self, index: VectorIndex, progress: Callable[[Snapshot], None] | None = None,
                 wait_s: float = 120.0, ahead: bool = True) -> None:
        self.index = index
        self.progress = progress
        self.wait_s = wait_s  # a server's pass over an upload or two ends well within this
        self.last: SyncReport | None = None
        self._ahead = ahead
        self._embedder: Any = None  # an AheadEmbedder once a document was saved

    def saved(self, store: Any, doc_id: str) -> None:
        """A document committed: start embedding its clauses."""
        if not self._ahead:
            return
        if self._embedder is None:
            from kg.ahead import AheadEmbedder

            self._embedder = AheadEmbedder(self.index)
        self._embedder.add(document_clause_texts(store, doc_id))

    def update(self, store: Any, changed: Sequence[str], removed: Sequence[str]) -> None:
        ahead, self._embedder = self._embedder, None
        vectors = ahead.finish() if ahead is not None else {}
        self.last = self.index.sync(graph_clause_texts(store), self.progress, self.wait_s, vectors)
