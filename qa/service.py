"""``QAService.ask(question, history) -> Answer``: the one entry point of question answering.

    link → retrieve (BM25 + dense + graph, fused) → rank sentences → answer (extractive,
    optionally rewritten by an LLM and checked) → Answer with citations and timings.
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
import time
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

from kg import facts
from kg.store import GraphStore
from kg.vectors import VectorIndex
from qa.answerer import Calibration, ExtractiveAnswerer
from qa.corpus import ClauseCorpus, StartupCache, docs_hashes, signature_of
from qa.definitions import DefinitionIndex
from qa.evidence import EvidenceRanker
from qa.followup import previous_question, resolve
from qa.graphfacts import GraphFacts, GraphFindings
from qa.lexcache import LexicalCache
from qa.lexical import jieba_module, taught_words, tokenize
from qa.link import Gazetteer, Linked, Linker, region_abbreviations, searched_text
from qa.meaning import SentenceMeaning
from qa.plan import make_plan
from qa.strategies.base import Context
from qa.tokenmemo import TokenMemo
from qa.retrieve import HybridRetriever, LexicalRetriever, VectorRetriever, fuse, index_notice
from qa.types import Answer, Hit

logger = logging.getLogger(__name__)

_REFRESH_CHECK_S = 5.0


class Rewriter(Protocol):
    """An optional LLM pass over the extractive answer (``qa.llm``)."""

    def rewrite(self, question: str, answer: Answer) -> Answer: ...


class _Engine:
    """Everything derived from one state of the corpus; rebuilt when the corpus changes."""

    def __init__(self, store: GraphStore, index: VectorIndex | None, cal: Calibration,
                 cache_dir: Path | None = None) -> None:
        # With cache_dir, clause rows, entity names and BM25 come from files while no
        # document changed: at ×100 reading them from the graph is most of a start.
        startup = StartupCache(cache_dir / "corpus") if cache_dir else None
        self.corpus = ClauseCorpus.load(store, startup)
        self.gazetteer = build_gazetteer(store, self.corpus, startup)
        self.linker = Linker(self.gazetteer)
        self.lexical = LexicalRetriever(self.corpus, self.gazetteer.words(),
                                        LexicalCache(cache_dir / "bm25") if cache_dir else None)
        # Used once the index covers every clause; until then BM25 and the graph answer.
        vector = VectorRetriever(index, [c.clause_id for c in self.corpus]) if index is not None else None
        self.retriever = HybridRetriever(self.lexical, vector)
        # The ranker's sentences are cut once per corpus, not by a user's first questions
        # (at ×100 that cut had cost a question ~6 ms at p50 and a minute in total).
        units = TokenMemo(cache_dir / "bm25" / "units.npz", set(taught_words()), tokenize) \
            if cache_dir else None
        self.ranker = EvidenceRanker(self.corpus, self.lexical.index.idf,
                                     SentenceMeaning(index.embedder) if index is not None else None,
                                     units.get if units else tokenize)
        if units is not None:
            started = time.perf_counter()
            # Keyed by the documents and the parser that made them, and jieba's words: a
            # start over the same corpus does not even list the sentences. (A sentence the
            # key does not foresee, after a change to the splitter, is cut when first met.)
            key = hashlib.sha256("\x00".join([self.corpus.key, *sorted(taught_words())]).encode()).hexdigest()
            cut = units.fill(self.ranker.units(), key)
            if cut:
                logger.info("%d sentences tokenised for ranking in %.1f s", cut, time.perf_counter() - started)
        self.answerer = ExtractiveAnswerer(self.corpus, cal)
        self.definitions = DefinitionIndex(self.corpus)
        self.metric_vocabulary = re.sub(r"\s", "", "|".join(facts.target_metrics(store))).lower()
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
                 rewriter: Rewriter | None = None, calibration: Calibration | None = None,
                 cache_dir: Path | None = None) -> None:
        self.store = store
        self.index = index
        self.cache_dir = cache_dir  # what start-up computes, kept between starts
        self.rewriter = rewriter
        self.cal = calibration or Calibration()
        self.graph = GraphFacts(store)
        self._lock = threading.Lock()
        self._engine = _Engine(store, index, self.cal, cache_dir)
        self._checked = time.monotonic()


    def refresh(self, force: bool = False) -> None:
        """Rebuild the in-memory indexes if ingestion changed the graph since they were built."""
        if not force and time.monotonic() - self._checked < _REFRESH_CHECK_S:
            return
        self._checked = time.monotonic()
        if force or signature_of(docs_hashes(self.store)) != self._engine.corpus.signature:
            with self._lock:
                self.graph.reset()
                if self.index is not None:
                    self.index.reload()
                self._engine = _Engine(self.store, self.index, self.cal, self.cache_dir)
            logger.info("question answering reloaded %d clauses", len(self._engine.corpus))

    def ask(self, question: str, history: Sequence[Any] = ()) -> Answer:
        timings: dict[str, float] = {}
        started = time.perf_counter()
        self.refresh()
        engine = self._engine
        # The question's vector is embedded while it is linked and the graph is read; a
        # first question is searched as asked, so its vector can start at once.
        if not previous_question(history):
            engine.retriever.prefetch(searched_text(question, english=engine.linker.english_words))
        resolution = _timed(timings, "link", lambda: resolve(question, history, engine.linker))
        engine.retriever.prefetch(searched_text(resolution.question, resolution.context,
                                                 engine.linker.english_words))
        linked = engine.linker.link(resolution.question, resolution.context)
        findings = _timed(timings, "graph", lambda: self.graph.find(linked, engine.region_docs))
        hits = _timed(timings, "retrieve", lambda: self._retrieve(engine, linked, findings))
        answer = _timed(timings, "compose", lambda: self._compose(engine, question, linked, hits, findings))
        if resolution.carried:
            answer.answer = f"{resolution.carried}\n{answer.answer}"
        if self.rewriter is not None and answer.found:
            answer = _timed(timings, "llm", lambda: self.rewriter.rewrite(question, answer))
        timings["total"] = (time.perf_counter() - started) * 1000
        answer.timings_ms = timings
        answer.index = index_notice(engine.retriever.vector)  # the dense index catching up, if it is
        logger.info("asked %r: found=%s, %d citations, %.0f ms", question[:80], answer.found,
                    len(answer.citations), timings["total"])
        return answer

    def _retrieve(self, engine: _Engine, linked: Linked, findings: GraphFindings) -> list[Hit]:
        # Comparisons and scoped questions filter candidates afterwards: fetch deeper.
        deep = "comparison" in linked.intents or bool(linked.regions)
        text_hits = engine.retriever.retrieve(linked.text, top_k=48 if deep else 16, dense_first=linked.english)
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
        if linked.one_place and not linked.doc_ids and (not evidence or evidence[0].coverage < _OWN_SILENT):
            # 「2023年广州增加了多少个…指标」: a city's own plans may not speak of what a
            # province's plan says of it; clauses elsewhere naming the city then answer.
            named = self._naming_place(engine, linked, [h.clause_id for h in hits], exclude=set(candidates))
            elsewhere = engine.ranker.rank(linked, named, needs_number=needs_number, terms=weights)
            if elsewhere and elsewhere[0].coverage >= _ELSEWHERE_SAYS:
                candidates, evidence = named, elsewhere
        agencies = {}
        if "responsibility" in linked.intents and evidence:
            agencies = self.graph.responsible_units([e.clause.clause_id for e in evidence[:10]])
        scope_docs = self._scope_docs(engine, linked)
        # 「贵州这份方案里，省大数据局负责哪项任务」: an agency's tasks in the asked plans only.
        tasks = [row["clause_id"] for row in findings.agency_tasks
                 if not scope_docs or row["clause_id"] in engine.corpus.by_id
                 and engine.corpus.by_id[row["clause_id"]].doc_id in scope_docs]
        known = engine.gazetteer.holds
        ctx = Context(question=question, linked=linked, plan=make_plan(linked, known), known=known,
                      corpus=engine.corpus, ranker=engine.ranker, lexical=engine.lexical,
                      graph=self.graph, findings=findings, evidence=evidence, candidates=candidates,
                      terms=weights, region_docs=engine.region_docs,
                      scope_docs=scope_docs, definitions=engine.definitions,
                      metric_vocabulary=engine.metric_vocabulary,
                      search=lambda text, k: [h.clause_id for h in engine.retriever.retrieve(text, top_k=k)])
        draft = engine.answerer.answer(ctx, agencies, tasks)
        cited = {c.clause_id for c in draft.citations}
        kept = [f for f in findings.facts if f.clause_id in cited]
        return Answer(question=question, answer=draft.text, found=draft.found,
                      citations=draft.citations, facts=kept, intent=",".join(sorted(linked.intents)))

    @staticmethod
    def _scope_docs(engine: _Engine, linked: Linked) -> frozenset[str]:
        """The documents a question is confined to: those it names, else the own plans of
        the one region it names; empty when it is open to every document."""
        if linked.doc_ids:
            return frozenset(linked.doc_ids)
        # also 「吉林市首套房和二套房…分别」: two things, one place
        return frozenset(d for region in linked.one_place for d in engine.region_docs.get(region, []))

    @staticmethod
    def _scope(engine: _Engine, linked: Linked, clause_ids: list[str]) -> list[str]:
        """A question about one document or one region that has plans of its own is answered
        from those plans: a city's reward is not the zone's. A comparison of two things in one
        place is still about that place; a comparison naming a document is not scoped."""
        places = linked.one_place
        if "comparison" in linked.intents and (linked.doc_ids or not places):
            return clause_ids
        if linked.doc_ids:
            return [cid for cid in clause_ids if engine.corpus.by_id[cid].doc_id in linked.doc_ids]
        if not places:
            return clause_ids
        own = {d for region in places for d in engine.region_docs.get(region, [])}
        if own:
            return [cid for cid in clause_ids if engine.corpus.by_id[cid].doc_id in own]
        # A region without plans of its own (a district a city plan names): only clauses
        # that speak of it can say anything about it.
        return QAService._naming_place(engine, linked, clause_ids)

    @staticmethod
    def _naming_place(engine: _Engine, linked: Linked, clause_ids: list[str],
                      exclude: set[str] | frozenset[str] = frozenset()) -> list[str]:
        """The clauses that name the question's place, in any of its forms."""
        forms = [f for f, name in engine.gazetteer.regions.items() if name in linked.one_place]
        return [cid for cid in clause_ids
                if cid not in exclude and any(f in engine.corpus.by_id[cid].text for f in forms)]


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


# Below this share of the question's weighted words, a region's own plans say nothing to it;
# a clause of another plan naming the region then answers only when it says most of them.
_OWN_SILENT = 0.25
_ELSEWHERE_SAYS = 0.75


def build_gazetteer(store: GraphStore, corpus: ClauseCorpus, cache: StartupCache | None = None) -> Gazetteer:
    gaz = Gazetteer(corpus_text=re.sub(r"\s", "", "".join(c.text for c in corpus)))
    for doc in corpus.docs.values():
        if doc.region:
            gaz.add_region(doc.region)
            gaz.plan_regions |= {doc.region, *region_abbreviations(doc.region)}
    for key, doc_id in document_keys(corpus).items():
        gaz.doc_keys[key] = doc_id
    gaz.title_word_keys = title_word_keys(corpus, gaz.doc_keys)
    gaz.doc_regions = {d.doc_id: d.region for d in corpus.docs.values() if d.region}
    gaz.title_words = title_words(corpus, gaz)
    rows = (cache.read("entities", corpus.key, lambda: facts.entity_names(store))
            if cache is not None and corpus.key else facts.entity_names(store))
    for row in rows:
        if row["label"] == "Region":
            gaz.add_region(row["name"], row["aliases"])
        else:
            gaz.add_entity(row["label"], row["name"], row["aliases"])
    return gaz


def title_words(corpus: ClauseCorpus, gaz: Gazetteer) -> dict[str, dict[str, float]]:
    """Each document's title words, weighted by length and by how few titles share them:
    「提振」 in one title says more than 「发展」 in all of them. Region names are left to the
    region linker."""
    jieba = jieba_module()
    per_doc: dict[str, set[str]] = {}
    for doc in corpus.docs.values():
        per_doc[doc.doc_id] = set()
        for name in (doc.title, *doc.also_titles):  # also the notice that printed it
            title = re.sub(r"[“”\"'《》（）()\s]|关于|印发|通知", "", name)
            per_doc[doc.doc_id] |= {w for w in jieba.cut_for_search(title)
                                    if len(w) >= 2 and not w.isdigit() and w not in gaz.regions}
    df: dict[str, int] = {}
    for words in per_doc.values():
        for word in words:
            df[word] = df.get(word, 0) + 1
    return {d: {w: len(w) / df[w] for w in words} for d, words in per_doc.items()}


def document_keys(corpus: ClauseCorpus) -> dict[str, str]:
    """Ways a question names one document: its title, number, period, or a word of its
    title no other title has (突破性, 征求意见稿, 十四五) that is not a region's name."""
    jieba = jieba_module()
    keys: dict[str, str] = {}
    words: dict[str, set[str]] = {}
    for doc in corpus.docs.values():
        title = _title_key(doc.title)
        keys[title] = doc.doc_id
        for other in doc.also_titles:  # the notice that printed it, a plan attached to it
            keys.setdefault(_title_key(other), doc.doc_id)
        if doc.doc_number:
            keys[doc.doc_number] = doc.doc_id
        for word in jieba.cut(re.sub(r"[（）()]", " ", title)):
            # A year names no one document: 「2025」 is in many periods and questions.
            if (len(word.strip()) >= 3 and not word.strip().isdigit()) or word in ("十四五", "十五五"):
                words.setdefault(word.strip(), set()).add(doc.doc_id)
    periods: dict[str, set[str]] = {}
    for doc in corpus.docs.values():
        if doc.period and "—" in doc.period:
            periods.setdefault(doc.period, set()).add(doc.doc_id)
    for word, ids in [*words.items(), *periods.items()]:
        if len(ids) == 1 and not _is_region_word(word, corpus) and word not in _GENERIC_TITLE_WORDS:
            keys.setdefault(word, next(iter(ids)))
    return keys


def title_word_keys(corpus: ClauseCorpus, keys: dict[str, str]) -> set[str]:
    """The keys that are one word of a title (「突破性」「新能源」), not a whole title, number or
    period: they name the document only when a question says so (「突破性方案」), since the
    same word is also a topic (「新能源装机」)."""
    whole = {_title_key(t) for d in corpus.docs.values() for t in (d.title, *d.also_titles)}
    whole |= {d.doc_number for d in corpus.docs.values() if d.doc_number}
    whole |= {d.period for d in corpus.docs.values() if d.period}
    return {k for k in keys if k not in whole}


def _title_key(title: str) -> str:
    """A title as a question is read: width-folded (questions are, so 「（2025—2027年）」 is
    typed 「(2025—2027年)」), without quotes and 《》."""
    return re.sub(r"[“”\"'《》]", "", unicodedata.normalize("NFKC", title))


_GENERIC_TITLE_WORDS = {"数字经济", "实施方案", "发展规划", "产业发展", "高质量"}


def _is_region_word(word: str, corpus: ClauseCorpus) -> bool:
    return any(word in (d.region or "") or (d.region or "x") in word for d in corpus.docs.values())


def _timed(timings: dict[str, float], name: str, call: Callable[[], Any]) -> Any:
    started = time.perf_counter()
    try:
        return call()
    finally:
        timings[name] = (time.perf_counter() - started) * 1000
