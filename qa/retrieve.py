"""Retrievers over clauses: dense (FAISS), lexical (BM25 over jieba tokens), and their fusion."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from kg.vectors import VectorIndex
from qa.corpus import ClauseCorpus
from qa.lexcache import LexicalCache
from qa.lexical import BM25Index, add_words, taught_words, tokenize
from qa.types import Hit


class Retriever(Protocol):
    def retrieve(self, question: str, *, top_k: int = 8) -> list[Hit]: ...


class VectorRetriever:
    """Dense retrieval with the configured embedder, once its index covers every clause of
    the corpus (``clause_ids``): a half-built index would favour the clauses embedded first."""

    def __init__(self, index: VectorIndex, clause_ids: Sequence[str] = ()) -> None:
        self.index = index
        self.clause_ids = list(clause_ids)
        self._checked: tuple[int, int] | None = None  # (index version, clauses it lacks)

    def missing(self) -> int:
        """Clauses of the corpus the index cannot find yet (re-counted when it changes)."""
        version = self.index.version
        if self._checked is None or self._checked[0] != version:
            lacking = sum(1 for cid in self.clause_ids if not self.index.indexed(cid))
            self._checked = (version, lacking if self.clause_ids else (0 if self.index.complete else 1))
        return self._checked[1]

    def ready(self) -> bool:
        """The index covers the corpus (the first question then waits for the model, if it
        is still loading: a few seconds, once)."""
        return len(self.index) > 0 and self.missing() == 0

    def prefetch(self, question: str) -> None:
        if self.ready():
            self.index.prefetch(question)

    def retrieve(self, question: str, *, top_k: int = 8) -> list[Hit]:
        if not self.ready():
            return []
        return [Hit(cid, score, "vector") for cid, score in self.index.search(question, k=top_k)]


class LexicalRetriever:
    """BM25 over clause text with its heading, label and document title; with a
    ``cache``, the tokens and postings persist between starts (``qa.lexcache``)."""

    def __init__(self, corpus: ClauseCorpus, domain_words: Sequence[str] = (),
                 cache: LexicalCache | None = None) -> None:
        add_words(domain_words)
        self.corpus = corpus
        ids = [c.clause_id for c in corpus]
        texts = [f"{c.doc_title} {c.heading} {c.text}" for c in corpus]
        if cache is not None:
            self.index = cache.build(ids, texts, set(taught_words()), tokenize)
        else:
            self.index = BM25Index(ids, [tokenize(t) for t in texts])

    def retrieve(self, question: str, *, top_k: int = 8) -> list[Hit]:
        return self.retrieve_tokens(tokenize(question), top_k=top_k)

    def retrieve_tokens(self, tokens: Sequence[str], *, top_k: int = 8) -> list[Hit]:
        return [Hit(cid, score, "bm25") for cid, score in self.index.search(tokens, k=top_k)]


def index_notice(vector: VectorRetriever | None) -> dict[str, Any] | None:
    """What an answer says about a dense index that does not cover the corpus yet: its
    state and progress (``VectorIndex.status``); None when there is none or it is ready."""
    if vector is None or vector.ready():
        return None
    status = vector.index.status()
    notice = status.as_json()
    if status.ready:  # complete for what it was last given, but the corpus has more
        total = len(vector.clause_ids)
        notice |= {"state": "pending", "clauses": total, "indexed": total - vector.missing()}
    return notice


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

    def prefetch(self, question: str) -> None:
        """Start embedding ``question`` while the caller does other work."""
        if self.vector is not None:
            self.vector.prefetch(question)

    def retrieve(self, question: str, *, top_k: int = 8, dense_first: bool = False) -> list[Hit]:
        """``dense_first``: the question is in another language than the plans (English):
        the multilingual dense retriever leads, BM25 over its glossary terms follows."""
        pool = max(top_k * 3, 20)
        lexical_weight, vector_weight = self.weights[::-1] if dense_first else self.weights
        rankings: list[tuple[Sequence[Hit], float]] = [
            (self.lexical.retrieve(question, top_k=pool), lexical_weight)]
        if self.vector is not None:
            # The index may still hold a plan removed a moment ago, until its next pass.
            known = self.lexical.corpus.by_id
            dense = [h for h in self.vector.retrieve(question, top_k=pool) if h.clause_id in known]
            rankings.append((dense, vector_weight))
        return fuse(rankings, top_k=top_k)
