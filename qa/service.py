"""``QAService.ask(question, history) -> Answer``: the one entry point of question answering.

    link → retrieve (BM25 + dense + graph, fused) → rank sentences → answer (extractive,
    optionally rewritten by an LLM and checked) → Answer with citations and timings.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from kg import facts
from kg.store import GraphStore
from kg.vectors import VectorIndex
from qa.answerer import Calibration, ExtractiveAnswerer
from qa.corpus import ClauseCorpus, docs_hashes, signature_of
from qa.definitions import DefinitionIndex
from qa.evidence import EvidenceRanker
from qa.followup import resolve
from qa.graphfacts import GraphFacts, GraphFindings
from qa.lexical import jieba_module
from qa.link import Gazetteer, Linked, Linker, region_abbreviations
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
        self.definitions = DefinitionIndex(self.corpus)
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
        focus, context = _timed(timings, "link", lambda: resolve(question, history, engine.linker))
        linked = engine.linker.link(focus, context)
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
        # Comparisons and scoped questions filter candidates afterwards: fetch deeper.
        deep = "comparison" in linked.intents or bool(linked.regions)
        text_hits = engine.retriever.retrieve(linked.text, top_k=48 if deep else 16)
        graph_hits = [Hit(cid, 1.0, "graph") for cid in findings.clause_ids]
        defined = [Hit(cid, 1.0, "definition") for cid in engine.definitions.lookup(linked.focus)]
        boxes = [Hit(cid, 1.0, "label") for cid in _boxes_named(engine, linked)]
        return fuse([(text_hits, 1.0), (graph_hits, 0.8), (defined, 1.2), (boxes, 1.5)],
                    top_k=60 if deep else 24)

    def _compose(self, engine: _Engine, question: str, linked: Linked, hits: list[Hit],
                 findings: GraphFindings) -> Answer:
        needs_number = bool(linked.intents & {"target", "incentive"}) or bool(linked.ask.unit)
        candidates = self._scope(engine, linked, [h.clause_id for h in hits])
        weights = engine.ranker.terms(linked)
        evidence = engine.ranker.rank(linked, candidates, needs_number=needs_number, terms=weights)
        agencies = {}
        if "responsibility" in linked.intents and evidence:
            agencies = self.graph.responsible_units([e.clause.clause_id for e in evidence[:10]])
        terms = [t for t, w in sorted(weights.items(), key=lambda kv: -kv[1])
                 if len(t) >= 2 and w >= 1.0]
        tasks = [row["clause_id"] for row in findings.agency_tasks]
        draft = engine.answerer.answer(question, linked, evidence, agencies, terms, tasks)
        cited = {c.clause_id for c in draft.citations}
        kept = [f for f in findings.facts if f.clause_id in cited]
        return Answer(question=question, answer=draft.text, found=draft.found,
                      citations=draft.citations, facts=kept, intent=",".join(sorted(linked.intents)))


    @staticmethod
    def _scope(engine: _Engine, linked: Linked, clause_ids: list[str]) -> list[str]:
        """A question about one region that has plans of its own is answered from those
        plans: a city's reward is not the zone's."""
        if "comparison" in linked.intents or len(linked.regions) != 1:
            return clause_ids
        region = linked.regions[0]
        own = set(engine.region_docs.get(region, []))
        if own:
            return [cid for cid in clause_ids if engine.corpus.by_id[cid].doc_id in own]
        # A region without plans of its own (a district a city plan names): only clauses
        # that speak of it can say anything about it.
        forms = [f for f, name in engine.gazetteer.regions.items() if name == region]
        return [cid for cid in clause_ids
                if any(f in engine.corpus.by_id[cid].text for f in forms)]


_BOX = re.compile(r"专栏\s*(\d+)")


def _boxes_named(engine: _Engine, linked: Linked) -> list[str]:
    """"专栏1" in a question: that box of the named documents, and its lines."""
    numbers = _BOX.findall(linked.focus)
    if not numbers:
        return []
    found = []
    for clause in engine.corpus:
        if clause.kind != "box" or (linked.doc_ids and clause.doc_id not in linked.doc_ids):
            continue
        label = re.sub(r"\s", "", f"{clause.label}{clause.heading}")
        if any(re.search(rf"专栏{n}(?!\d)", label) for n in numbers):
            found.append(clause.clause_id)
            found += [c.clause_id for c in engine.corpus.children(clause.clause_id)]
    return found


def build_gazetteer(store: GraphStore, corpus: ClauseCorpus) -> Gazetteer:
    gaz = Gazetteer(corpus_text=re.sub(r"\s", "", "".join(c.text for c in corpus)))
    for doc in corpus.docs.values():
        if doc.region:
            gaz.add_region(doc.region)
            gaz.plan_regions |= {doc.region, *region_abbreviations(doc.region)}
    for key, doc_id in document_keys(corpus).items():
        gaz.doc_keys[key] = doc_id
    for row in facts.entity_names(store):
        if row["label"] == "Region":
            gaz.add_region(row["name"], row["aliases"])
        else:
            gaz.add_entity(row["label"], row["name"], row["aliases"])
    return gaz


def document_keys(corpus: ClauseCorpus) -> dict[str, str]:
    """Ways a question names one document: its title, number, period, or a word of its
    title no other title has (突破性, 征求意见稿, 十四五) that is not a region's name."""
    jieba = jieba_module()
    keys: dict[str, str] = {}
    words: dict[str, set[str]] = {}
    for doc in corpus.docs.values():
        title = re.sub(r"[“”\"'《》]", "", doc.title)
        keys[title] = doc.doc_id
        if doc.doc_number:
            keys[doc.doc_number] = doc.doc_id
        for word in jieba.cut(re.sub(r"[（）()]", " ", title)):
            if len(word.strip()) >= 3 or word in ("十四五", "十五五"):
                words.setdefault(word.strip(), set()).add(doc.doc_id)
    periods: dict[str, set[str]] = {}
    for doc in corpus.docs.values():
        if doc.period and "—" in doc.period:
            periods.setdefault(doc.period, set()).add(doc.doc_id)
    for word, ids in [*words.items(), *periods.items()]:
        if len(ids) == 1 and not _is_region_word(word, corpus) and word not in _GENERIC_TITLE_WORDS:
            keys.setdefault(word, next(iter(ids)))
    return keys


_GENERIC_TITLE_WORDS = {"数字经济", "实施方案", "发展规划", "产业发展", "高质量"}


def _is_region_word(word: str, corpus: ClauseCorpus) -> bool:
    return any(word in (d.region or "") or (d.region or "x") in word for d in corpus.docs.values())


def _timed(timings: dict[str, float], name: str, call: Callable[[], Any]) -> Any:
    started = time.perf_counter()
    try:
        return call()
    finally:
        timings[name] = (time.perf_counter() - started) * 1000
