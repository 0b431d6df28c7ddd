"""Embedding ahead: the clauses of documents already written are embedded while the graph
stage goes on, and the index sync takes those vectors instead of embedding them again —
with the real model, FAISS and (for the ingest) the embedded engine."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from kg.ahead import AheadEmbedder
from kg.embedders import make_embedder
from kg.vectors import ClauseText, IndexSync, VectorIndex, graph_clause_texts
from tests.conftest import ROOT, SEEDS

pytestmark = pytest.mark.slow


def _clauses(n: int, doc: str = "d", title: str = "") -> list[ClauseText]:
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    lines = [line.strip() for line in text.splitlines() if len(line.strip()) > 20]
    return [ClauseText(f"{doc}#{i}", doc, lines[i][:200], title) for i in range(n)]


@pytest.fixture(scope="module")
def embedder():  # type: ignore[no-untyped-def]
    return make_embedder("e5-small", SEEDS)


def test_the_sync_takes_vectors_embedded_ahead_instead_of_embedding_again(embedder, tmp_path) -> None:  # type: ignore[no-untyped-def]
    clauses = _clauses(40, title="某市数字经济发展规划")
    index = VectorIndex(tmp_path, embedder)
    ahead = AheadEmbedder(index, threads=1)
    ahead.add(clauses[:30])
    assert ahead.wait(120)
    vectors = ahead.finish()
    assert len(vectors) == 31  # 30 texts and the title, each once
    report = index.sync(clauses, ahead=vectors)
    assert (report.added, report.ahead) == (41, 31) and index.complete
    # The same vectors as embedded in the sync (batch-mates shift int8 scales a little).
    fresh = embedder.embed_array([c.text for c in clauses[:30]])
    ahead_rows = np.vstack([vectors[c.digest] for c in clauses[:30]])
    assert float((fresh * ahead_rows).sum(1).min()) > 0.99
    assert index.search(clauses[7].text, k=1)[0][0] == "d#7"


def test_texts_the_index_holds_are_not_embedded_ahead(embedder, tmp_path) -> None:  # type: ignore[no-untyped-def]
    clauses = _clauses(12)
    index = VectorIndex(tmp_path, embedder)
    index.sync(clauses[:8])
    ahead = AheadEmbedder(index, threads=1)
    ahead.add([ClauseText(f"e#{i}", "e", c.text) for i, c in enumerate(clauses)])  # a copy
    assert ahead.wait(120)
    assert set(ahead.finish()) == {c.digest for c in clauses[8:]}


def test_a_run_that_ends_without_finishing_exits_promptly() -> None:
    # As when the graph stage raises: nobody calls finish(), and the worker is no daemon.
    script = (
        "from pathlib import Path\n"
        "from kg.ahead import AheadEmbedder\n"
        "from kg.embedders import make_embedder\n"
        "from kg.vectors import ClauseText, VectorIndex\n"
        "import sys, tempfile\n"
        "index = VectorIndex(Path(tempfile.mkdtemp()), make_embedder('e5-small', Path('.')))\n"
        "AheadEmbedder(index, threads=1).add([ClauseText(f'd#{i}', 'd', '数字经济' * (i + 5))"
        " for i in range(800)])\n"
        "sys.exit(3)\n"
    )
    # 800 texts take minutes on one thread; the worker stops after its call under way, so
    # the process exits in seconds — not a speed check: a worker that ran on hangs past this.
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 3, done.stderr[-2000:]


def test_ingest_embeds_ahead_and_leaves_the_index_in_step_with_the_graph(store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from bench.synth import rewrite
    from ingest.build import Ingestor
    from ingest.extract import RuleExtractor

    index = VectorIndex(tmp_path, make_embedder("e5-small", SEEDS, warm=False))
    sync = IndexSync(index)
    scratch = tmp_path / "plans"
    scratch.mkdir()
    for path in sorted(SEEDS.glob("*.txt"))[:2]:  # distinct plans: the seeds are stored already
        (scratch / f"{path.stem}_ahead.txt").write_text(rewrite(path.read_text(encoding="utf-8"), 57),
                                                        encoding="utf-8")
    report = Ingestor(store, RuleExtractor(), sync).ingest([scratch])
    try:
        assert not report.failed
        wanted = {c.clause_id for c in graph_clause_texts(store)}
        assert sync.last is not None and index.complete and len(index) == len(wanted)
        assert sync.last.added >= sync.last.ahead  # what was embedded ahead counts as added
    finally:
        for doc in report.documents:
            if doc.doc_id:
                Ingestor(store, RuleExtractor()).remove(doc.doc_id)
