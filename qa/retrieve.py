"""Retrievers over clauses: dense (FAISS), lexical (BM25 over jieba tokens), and their fusion."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from kg.vectors import VectorIndex
from qa.corpus import ClauseCorpus
from qa.lexical import BM25Index, add_words, tokenize
from qa.types import Hit


class Retriever(Protocol):
    def retrieve(self, question: str, *, top_k: int = 8) -> list[Hit]: ...


class VectorRetriever:
    """Dense retrieval with the configured embedder."""

    def __init__(self, index: VectorIndex) -> None:
        self.index = index

    def retrieve(self, question: str, *, top_k: int = 8) -> list[Hit]:
        return [Hit(cid, score, "vector") for cid, score in self.index.search(question, k=top_k)]


class LexicalRetriever:
    """BM25 over clause text with its heading, label and document title."""

    def __init__(self, corpus: ClauseCorpus, domain_words: Sequence[str] = ()) -> None:
        add_words(domain_words)
        self.corpus = corpus
        docs = [tokenize(f"{c.doc_title} {c.heading} {c.text}") for c in corpus]
        self.index = BM25Index([c.clause_id for c in corpus], docs)

    def retrieve(self, question: str, *, top_k: int = 8) -> list[Hit]:
        return self.retrieve_tokens(tokenize(question), top_k=top_k)

    def retrieve_tokens(self, tokens: Sequence[str], *, top_k: int = 8) -> list[Hit]:
        return [Hit(cid, score, "bm25") for cid, score in self.index.search(tokens, k=top_k)]


def fuse(rankings: Sequence[tuple[Sequence[Hit], float]], *, k: int = 60, top_k: int = 10) -> list[Hit]:
    """Weighted reciprocal-rank fusion: robust to retrievers whose scores are not comparable."""
    scores: dict[str, float] = {}
    for hits, weight in rankings:
        for rank, hit in enumerate(hits):
            scores[hit.clause_id] = scores.get(hit.clause_id, 0.0) + weight / (k + rank + 1)
    best = sorted(scores.items(), key=lambda kv: -kv[1])[:top_k]
    return [Hit(cid, score, "fused") for cid, score in best]


class HybridRetriever:
    """BM25 and dense retrieval fused; BM25 weighs more (it measured better on these plans)."""

    def __init__(self, lexical: LexicalRetriever, vector: VectorRetriever | None,
                 lexical_weight: float = 1.0, vector_weight: float = 0.7) -> None:
        self.lexical = lexical
        self.vector = vector
        self.weights = (lexical_weight, vector_weight)

    def retrieve(self, question: str, *, top_k: int = 8) -> list[Hit]:
        pool = max(top_k * 3, 20)
        rankings: list[tuple[Sequence[Hit], float]] = [
            (self.lexical.retrieve(question, top_k=pool), self.weights[0])]
        if self.vector is not None:
            rankings.append((self.vector.retrieve(question, top_k=pool), self.weights[1]))
        return fuse(rankings, top_k=top_k)
