"""Background indexing: the chat answers from BM25 and the graph before the dense index is
complete, says so with its progress, and uses the index once it is ready."""

from __future__ import annotations

import time

import pytest

from kg.embedders import make_embedder
from kg.indexer import BackgroundIndexer
from kg.vectors import VectorIndex
from qa.retrieve import VectorRetriever
from qa.service import QAService
from qa.types import Answer
from ui.views.chat import _badge

pytestmark = pytest.mark.slow

QUESTION = "首次进入全国软件百强能拿多少奖励？谁出钱？"


def test_answers_before_the_index_is_complete_and_says_so(seeded, store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    index = VectorIndex(tmp_path / "index", make_embedder("e5-small", tmp_path))
    qa = QAService(store, index, cache_dir=tmp_path / "qa")
    before = qa.ask(QUESTION)
    assert before.found and "200" in before.answer  # BM25 and the graph, at once
    assert before.as_json()["index"]["state"] == "pending"
    assert VectorRetriever(index).retrieve(QUESTION) == []

    indexer = BackgroundIndexer(index, store, poll_s=1.0).start()
    try:
        building = _while_building(qa)
        assert building.found
        progress = building.as_json()["index"]
        assert progress["state"] == "building"
        assert 0 <= progress["texts"]["done"] < progress["texts"]["total"]
        assert "向量索引建立中" in _badge(building) and f"/{progress['texts']['total']}" in _badge(building)
        assert indexer.wait(timeout=900), "the background index did not catch up"
        done = len(index)
        indexer.update(store, ["after-an-upload"], [])  # what an upload does: wake it
        assert indexer.wait(timeout=120) and len(index) == done
    finally:
        indexer.stop()
    after = qa.ask(QUESTION)
    assert "index" not in after.as_json() and index.complete and after.found
    assert VectorRetriever(index).retrieve(QUESTION)  # the dense index is used now
    assert "向量索引" not in _badge(after)


def _while_building(qa: QAService) -> Answer:
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        answer = qa.ask(QUESTION)
        if answer.index and answer.index["state"] == "building" and answer.index.get("texts"):
            return answer
        time.sleep(0.05)
    raise AssertionError("the index never reported progress")
