"""Question vectors embedded ahead of the search that needs them.

A question's dense search needs its vector, and embedding it is the largest single cost of
an answer; the question's graph lookups and BM25 do not need it. ``QueryVectors.prefetch``
starts the embedding on a worker thread as soon as the question text is known (torch
releases the GIL), and ``vector`` collects it — or embeds on the spot when nothing was
prefetched for that text. Several requests may be in flight at once: each text has its
own pending result, and the oldest are dropped past a few.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

_PENDING = 8  # questions in flight at once, more than the server's workers answer together


class QueryVectors:
    def __init__(self, embed: Callable[[str], Any]) -> None:
        self._embed = embed
        self._pool: ThreadPoolExecutor | None = None
        self._pending: OrderedDict[str, Future[Any]] = OrderedDict()
        self._lock = threading.Lock()

    def prefetch(self, text: str) -> None:
        with self._lock:
            if text in self._pending:
                return
            if self._pool is None:
                # One worker: the embedder runs one forward at a time anyway.
                self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="query-vector")
            self._pending[text] = self._pool.submit(self._embed, text)
            while len(self._pending) > _PENDING:
                self._pending.popitem(last=False)

    def vector(self, text: str) -> Any:
        with self._lock:
            future = self._pending.pop(text, None)
        return future.result() if future is not None else self._embed(text)

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
            self._pending.clear()
        if pool is not None:
            pool.shutdown(wait=True)
