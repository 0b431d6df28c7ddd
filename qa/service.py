"""``QAService.ask(question, history) -> Answer``: the one entry point of question answering.

    link → retrieve (BM25 + dense + graph, fused) → rank sentences → answer (extractive,
    optionally rewritten by an LLM and checked) → Answer with citations and timings.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from kg import facts
from kg.store import GraphStore
from kg.vectors import VectorIndex
from qa.answerer import Calibration, ExtractiveAnswerer
from qa.corpus import ClauseCorpus, docs_hashes, signature_of
from qa.evidence import EvidenceRanker
from qa.followup import resolve
from qa.graphfacts import GraphFacts, GraphFindings
from qa.link import Gazetteer, Linked, Linker
from qa.retrieve import HybridRetriever, LexicalRetriever, VectorRetriever, fuse
from qa.types import Answer, Hit

logger = logging.getLogger(__name__)

_REFRESH_CHECK_S = 5.0


class Rewriter(Protocol):
    """An optional LLM pass over the extractive answer (``qa.llm``)."""

    def rewrite(self, question: str, answer: Answer) -> Answer: ...


class _Engine:
    """Everything derived from one state of the corpus; rebuilt when the corpus changes."""

    def __init__(self, store: GraphStore, index: VectorIndex | None, cal: Calibration) -> None:
        self.corpus = ClauseCorpus.load(store)
        self.gazetteer = build_gazetteer(store, self.corpus)
        self.linker = Linker(self.gazetteer)
        self.lexical = LexicalRetriever(self.corpus, self.gazetteer.words())
        vector = VectorRetriever(index) if index is not None and len(index) else None
        self.retriever = HybridRetriever(self.lexical, vector)
        self.ranker = EvidenceRanker(self.corpus, self.lexical.index.idf)
        self.answerer = ExtractiveAnswerer(self.corpus, cal)
        self.region_docs: dict[str, list[str]] = {}
        for doc in self.corpus.docs.values():
            if doc.region:
                self.region_docs.setdefault(doc.region, []).append(doc.doc_id)


class QAService:
    """Answers questions over whatever the graph holds now.

    >>> qa = QAService(store, index)
    >>> qa.ask("首次进入全国软件百强能拿多少奖励？谁出钱？").answer
    """

    def __init__(self, store: GraphStore, index: VectorIndex | None = None,
                 rewriter: Rewriter | None = None, calibration: Calibration | None = None) -> None:
        self.store = store
        self.index = index
        self.rewriter = rewriter
        self.cal = calibration or Calibration()
        self.graph = GraphFacts(store)
        self._lock = threading.Lock()
        self._engine = _Engine(store, index, self.cal)
        self._checked = time.monotonic()

    @property
    def corpus(self) -> ClauseCorpus:
        return self._engine.corpus

    def refresh(self, force: bool = False) -> None:
        """Rebuild the in-memory indexes if ingestion changed the graph since they were built."""
        if not force and time.monotonic() - self._checked < _REFRESH_CHECK_S:
            return
        self._checked = time.monotonic()
        if force or signature_of(docs_hashes(self.store)) != self._engine.corpus.signature:
            with self._lock:
                if self.index is not None:
                    self.index.reload()
                self._engine = _Engine(self.store, self.index, self.cal)
            logger.info("question answering reloaded %d clauses", len(self._engine.corpus))

    def ask(self, question: str, history: Sequence[Any] = ()) -> Answer:
        timings: dict[str, float] = {}
        started = time.perf_counter()
        self.refresh()
        engine = self._engine
        resolved = _timed(timings, "link", lambda: resolve(question, history, engine.linker))
        linked = engine.linker.link(resolved)
        findings = _timed(timings, "graph", lambda: self.graph.find(linked, engine.region_docs))
        hits = _timed(timings, "retrieve", lambda: self._retrieve(engine, linked, findings))
        answer = _timed(timings, "compose", lambda: self._compose(engine, question, linked, hits, findings))
        if self.rewriter is not None and answer.found:
            answer = _timed(timings, "llm", lambda: self.rewriter.rewrite(question, answer))
        timings["total"] = (time.perf_counter() - started) * 1000
        answer.timings_ms = timings
        logger.info("asked %r: found=%s, %d citations, %.0f ms", question[:80], answer.found,
                    len(answer.citations), timings["total"])
        return answer

    def _retrieve(self, engine: _Engine, linked: Linked, findings: GraphFindings) -> list[Hit]:
        text_hits = engine.retriever.retrieve(linked.text, top_k=16)
        graph_hits = [Hit(cid, 1.0, "graph") for cid in findings.clause_ids]
        return fuse([(text_hits, 1.0), (graph_hits, 0.8)], top_k=24)

    def _compose(self, engine: _Engine, question: str, linked: Linked, hits: list[Hit],
                 findings: GraphFindings) -> Answer:
        needs_number = bool(linked.intents & {"target", "incentive"})
        evidence = engine.ranker.rank(linked, [h.clause_id for h in hits], needs_number=needs_number)
        agencies = {}
        if "responsibility" in linked.intents and evidence:
            agencies = self.graph.responsible_units([e.clause.clause_id for e in evidence[:3]])
        draft = engine.answerer.answer(question, linked, evidence, agencies)
        cited = set(draft.cited)
        kept = [f for f in findings.facts if f.clause_id in cited]
        return Answer(question=question, answer=draft.text, found=draft.found,
                      citations=draft.citations, facts=kept, intent=",".join(sorted(linked.intents)))


def build_gazetteer(store: GraphStore, corpus: ClauseCorpus) -> Gazetteer:
    gaz = Gazetteer(corpus_text="".join(c.text for c in corpus))
    for doc in corpus.docs.values():
        if doc.region:
            gaz.add_region(doc.region)
        gaz.doc_keys[doc.title] = doc.doc_id
        if doc.doc_number:
            gaz.doc_keys[doc.doc_number] = doc.doc_id
    for row in facts.entity_names(store):
        if row["label"] == "Region":
            gaz.add_region(row["name"], row["aliases"])
        else:
            gaz.add_entity(row["label"], row["name"], row["aliases"])
    return gaz


def _timed(timings: dict[str, float], name: str, call: Callable[[], Any]) -> Any:
    started = time.perf_counter()
    try:
        return call()
    finally:
        timings[name] = (time.perf_counter() - started) * 1000
