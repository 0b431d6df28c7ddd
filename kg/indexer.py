"""Keep the vector index in step with the graph from a background thread of the server.

Embedding is the slow part of ingestion (seconds for a plan, minutes for hundreds), and
the graph alone already answers questions through BM25 and Cypher. So the serving
process writes the graph in the foreground and lets this thread embed: it starts with a
pass that completes whatever an earlier run left (a crash, ``ingest --defer-index``), is
woken after every upload, and looks at the graph every ``poll_s`` seconds for documents
another process (``policykg ingest``) added. ``VectorIndex.status()`` tells the chat how
far it is.

    indexer = BackgroundIndexer(index, store).start()
    ingestor = Ingestor(store, extractor, indexer)   # uploads wake it
    ...
    indexer.stop()
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence
from typing import Any

from kg import cypher
from kg.errors import PolicyKGError
from kg.vectors import IndexStatus, VectorIndex, graph_clause_texts

logger = logging.getLogger(__name__)


class BackgroundIndexer:
    """An ``IndexUpdater`` that embeds in a thread instead of making the caller wait."""

    def __init__(self, index: VectorIndex, store: Any, poll_s: float = 10.0) -> None:
        self.index = index
        self.store = store
        self.poll_s = poll_s
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._idle = threading.Event()
        self._synced: str | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> BackgroundIndexer:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="policykg-indexer", daemon=True)
            self._thread.start()
        return self

    def saved(self, store: Any, doc_id: str) -> None:
        """A document committed: nothing yet; the pass after ``update`` embeds it."""

    def update(self, store: Any, changed: Sequence[str], removed: Sequence[str]) -> None:
        """After an ingestion or a removal committed: index it soon, don't wait."""
        self._idle.clear()
        self._wake.set()

    def status(self) -> IndexStatus:
        return self.index.status()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the index has caught up with the graph (or ``timeout``)."""
        return self._idle.wait(timeout)

    def stop(self, timeout: float = 10.0) -> None:
        self._stopping.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stopping.is_set():
            woken = self._wake.is_set()
            self._wake.clear()
            try:
                self._pass(force=woken)
            except PolicyKGError as exc:
                if self._stopping.is_set():
                    return
                logger.warning("background indexing paused: %s", exc)
            except Exception as exc:  # a failed pass must not kill the thread: retried later
                if self._stopping.is_set():
                    return
                logger.error("background indexing failed (%s: %s); retrying in %.0f s",
                             type(exc).__name__, exc, self.poll_s)
            self._wake.wait(self.poll_s)

    def _pass(self, force: bool) -> None:
        signature = _signature(self.store)
        if force or signature != self._synced or not self.index.complete:
            started = time.monotonic()
            report = self.index.sync(graph_clause_texts(self.store))
            if report.deferred:
                return
            self._synced = signature
            if report.added:
                logger.info("background index: %d texts embedded in %.0f s",
                            report.added, time.monotonic() - started)
        if not self._wake.is_set():
            self._idle.set()


def _signature(store: Any) -> str:
    rows = store.read(cypher.DOCUMENT_HASHES)
    return "|".join(sorted(f"{r['doc_id']}:{r['sha256']}" for r in rows))
