"""What the app shows of the vector index while it catches up: a note under an answer
(BM25 and the graph answered; the dense index has n of m texts) and an upload's progress,
with counts and time left, until the new plan's clauses are embedded."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

from kg.progress import clock
from qa.types import Answer
from ui.views.common import esc

_POLL_S = 0.5


def index_note(answer: Answer) -> str:
    """HTML for the badge row; empty when the dense index is complete."""
    status = answer.index
    if not status:
        return ""
    texts = status.get("texts") or {}
    if texts:
        left = f"，约剩 {clock(texts['eta_s'])}" if texts.get("eta_s") is not None else ""
        detail = f"{texts['done']}/{texts['total']} 段{left}"
    else:
        detail = f"{status.get('indexed', 0)}/{status.get('clauses', 0)} 条"
    title = ("Answered from BM25 and the graph; the dense (vector) index is still being built "
             "and is used once it is complete.")
    return (f'<span class="badge indexing" title="{esc(title)}">向量索引建立中 Indexing '
            f'{esc(detail)}</span>')


def after_upload(updater: Any, timeout_s: float = 900.0) -> Iterator[str]:
    """Lines for an upload's status while the background indexer embeds the new plan's
    clauses — counts and time left — ending with one that says it is done. The plan is
    already searchable through BM25 and the graph while this runs. Nothing without a
    background indexer (``POLICYKG_EMBEDDER=none``)."""
    if not hasattr(updater, "wait"):
        return
    deadline = time.monotonic() + timeout_s
    while not updater.wait(_POLL_S):
        snap = updater.status().progress
        if snap is not None and snap.total:
            left = f"，约剩 {clock(snap.eta_s)} left" if snap.eta_s is not None else ""
            yield (f"⏳ 向量索引 Indexing {snap.done}/{snap.total} 段 texts{left}"
                   "（问答已可使用 the chat already answers from it）")
        else:
            yield "⏳ 向量索引排队中 Waiting to index…（问答已可使用 the chat already answers from it）"
        if time.monotonic() > deadline:
            return
    yield "🔎 向量索引已更新 Indexed"
