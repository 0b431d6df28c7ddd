"""Compare retrievers on the dev questions: does a top-k clause hold the gold evidence?

BM25 over jieba tokens, dense retrieval with multilingual-e5-small and with
all-MiniLM-L6-v2 (each its own FAISS index over the same clauses), and the fusion the
service uses. Runs against a data folder `make bench` has already ingested.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def compare_retrievers(data: Path) -> dict[str, dict[str, float]]:
    from kg.embedders import make_embedder
    from kg.vectors import VectorIndex, graph_clause_texts
    from qa.corpus import ClauseCorpus
    from qa.evaluate import squash
    from qa.retrieve import HybridRetriever, LexicalRetriever, VectorRetriever
    from ui.settings import Settings
    from ui.wiring import open_store

    settings = Settings.from_env({**os.environ, "POLICYKG_DATA_DIR": str(data)})
    questions = [json.loads(x) for x in (ROOT / "tests/data/qa_dev.jsonl").read_text(encoding="utf-8").splitlines() if x]
    questions = [q for q in questions if q.get("answerable", True) and q.get("evidence")]
    store = open_store(settings)
    try:
        corpus = ClauseCorpus.load(store)
        texts = graph_clause_texts(store)
        dense = {}
        for name in ("e5-small", "minilm"):
            index = VectorIndex(data / "index", make_embedder(name, data / "models"))
            index.sync(texts)
            dense[name] = VectorRetriever(index)
        lexical = LexicalRetriever(corpus)
        retrievers: dict[str, Any] = {
            "BM25 (jieba)": lexical, "dense e5-small": dense["e5-small"],
            "dense MiniLM": dense["minilm"], "hybrid BM25 + e5 (used)": HybridRetriever(lexical, dense["e5-small"]),
        }
        results = {}
        for name, retriever in retrievers.items():
            hits = {4: 0, 8: 0}
            for q in questions:
                top = [squash(corpus.by_id[h.clause_id].text) for h in retriever.retrieve(q["question"], top_k=8)]
                for k in hits:
                    if all(any(squash(e) in t for t in top[:k]) for e in q["evidence"]):
                        hits[k] += 1
            results[name] = {"hit4": hits[4] / len(questions), "hit8": hits[8] / len(questions)}
        return results
    finally:
        store.close()
