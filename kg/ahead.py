"""Embed the clauses of plans already written to the graph while the next ones are written.

``policykg ingest`` writes the graph first and syncs the vector index after, so that the
index holds exactly what the graph committed. Writing the graph keeps a little over one
core busy (parsing and extraction in Python, the engine's writes in its JVM: 181 CPU
seconds in 154 s for the ×100 corpus on two cores), so a thread held to the cores left
embeds each saved document's clause texts meanwhile, and the sync embeds only what it did
not reach, with every core. The vectors stay in memory until the sync takes them: a run
that fails in the graph stage loses them, never anything stored.

    ahead = AheadEmbedder(index)
    ahead.add(document_clause_texts(store, doc_id))   # after each document commits
    index.sync(graph_clause_texts(store), ahead=ahead.finish())
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Sequence

import numpy as np

from kg.vectors import ClauseText, VectorIndex

logger = logging.getLogger(__name__)

# Texts per embedding call: enough for length-sorted batches with little padding, few
# enough that ``finish`` waits seconds, not minutes, for the call under way.
_CALL = 64
_POLL_S = 1.0


class AheadEmbedder:
    """A worker thread embedding queued clause texts with ``threads`` of the model's threads
    (default: half the CPUs, at least one)."""

    def __init__(self, index: VectorIndex, threads: int | None = None) -> None:
        self.index = index
        self.threads = threads or max(1, (os.cpu_count() or 2) // 2)
        self._pending: dict[str, str] = {}  # digest → text
        self._vectors: dict[str, np.ndarray] = {}
        self._calling: set[str] = set()  # the digests of the call under way (empty: idle)
        self._cond = threading.Condition()
        self._stopping = False
        self._failed = False
        self._thread: threading.Thread | None = None

    def add(self, clauses: Sequence[ClauseText]) -> None:
        """Queue these clauses' texts and titles, but those the index or this worker holds."""
        with self._cond:
            if self._stopping:
                return
            for c in clauses:
                for d, text in ((c.digest, c.text), (c.title_digest, c.title)):
                    if d and d not in self._vectors and d not in self._calling and not self.index.holds(d):
                        self._pending.setdefault(d, text)
            if self._thread is None and self._pending:
                # Not a daemon: torch aborts the process if it is torn down mid-call in one.
                # The worker ends itself when the main thread has ended (see _run).
                self._thread = threading.Thread(target=self._run, name="policykg-embed-ahead")
                self._thread.start()
            self._cond.notify()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until every queued text is embedded (or ``timeout``, or the worker failed)."""
        with self._cond:
            return self._cond.wait_for(
                lambda: not self._calling and (not self._pending or self._failed), timeout)

    def finish(self) -> dict[str, np.ndarray]:
        """Stop after the call under way; the vectors embedded so far, by digest."""
        with self._cond:
            self._stopping = True
            self._cond.notify()
        if self._thread is not None:
            self._thread.join()
        return self._vectors

    def _run(self) -> None:
        _yield_cpu()
        main = threading.main_thread()
        while True:
            with self._cond:
                while not self._pending and not self._stopping and main.is_alive():
                    self._cond.wait(_POLL_S)
                if self._stopping or not main.is_alive():
                    return
                call = [self._pending.popitem() for _ in range(min(_CALL, len(self._pending)))]
                self._calling = {d for d, _ in call}
            try:
                vectors = self.index.embedder.embed_array([text for _, text in call],
                                                          threads=self.threads)
            except Exception as exc:  # the sync meets the same failure and reports it
                logger.info("embedding ahead of the index sync stopped (%s: %s)",
                            type(exc).__name__, exc)
                with self._cond:
                    self._failed, self._calling = True, set()
                    self._cond.notify_all()
                return
            with self._cond:
                self._vectors.update(zip((d for d, _ in call), vectors))
                self._calling = set()
                self._cond.notify_all()


def _yield_cpu() -> None:
    """Lower this thread's priority to the least (nice 19): it should take only the CPU
    the graph stage leaves idle, not share a core with it. With one torch thread the
    model runs in the calling thread, so this covers its kernels too. Linux only; a
    platform without per-thread priorities embeds ahead at the normal one."""
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
    except (AttributeError, OSError) as exc:
        logger.debug("embedding ahead at normal priority: %s", exc)
