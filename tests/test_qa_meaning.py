"""English questions and Chinese sentences compared by meaning (``qa.meaning``) with the
default embedder: a question whose words the glossary does not know still finds the
sentence on its subject, and never outranks a sentence its words match."""

from __future__ import annotations

import pytest

from kg.embedders import make_embedder
from qa.corpus import ClauseCorpus, DocInfo
from qa.evidence import EvidenceRanker
from qa.glossary import translate_english
from qa.link import Linked
from qa.meaning import CEILING, SentenceMeaning
from qa.types import ClauseRecord
from tests.conftest import SEEDS

pytestmark = pytest.mark.slow

# Invented in the style of a provincial plan.
TEXTS = [
    "建设省级养老服务管理平台，做好与户籍、医疗、社会保险等信息资源对接。（牵头单位：省民政厅）",
    "加快发展跨境电子商务，培育一批跨境电商产业园区。（牵头单位：省商务厅）",
    "推进煤矿智能化改造，建设一批智能化示范煤矿。（牵头单位：省能源局）",
]


def _corpus() -> ClauseCorpus:
    clauses = [ClauseRecord(f"p#{i}", "p", "某省服务业数字化转型行动方案", None, "province", "某省",
                            f"{i + 1}.", "", text, "item", i, None) for i, text in enumerate(TEXTS)]
    return ClauseCorpus(clauses, {"p": DocInfo("p", "某省服务业数字化转型行动方案", None, None,
                                               "province", "某省", None)}, "sig")


def _linked(question: str) -> Linked:
    searched = translate_english(question)
    return Linked(text=searched, focus=searched, raw=searched, english=True)


@pytest.fixture(scope="module")
def meaning() -> SentenceMeaning:
    return SentenceMeaning(make_embedder("e5-small", SEEDS))


def test_a_subject_the_glossary_lacks_is_found_by_meaning(meaning: SentenceMeaning) -> None:
    corpus = _corpus()
    question = _linked("Which agency leads the pension-services management system for seniors?")
    ids = [c.clause_id for c in corpus]
    by_words = EvidenceRanker(corpus, lambda term: 1.0).rank(question, ids)
    by_meaning = EvidenceRanker(corpus, lambda term: 1.0, meaning).rank(question, ids)
    assert by_meaning[0].clause.clause_id == "p#0", [(e.sentence[:12], e.coverage) for e in by_meaning]
    words_only = next(e for e in by_words if e.clause.clause_id == "p#0")
    assert by_meaning[0].coverage > words_only.coverage
    assert all(e.coverage <= max(CEILING, w.coverage) + 1e-9 for e, w in zip(
        sorted(by_meaning, key=lambda e: e.clause.clause_id), sorted(by_words, key=lambda e: e.clause.clause_id)))


def test_a_chinese_question_is_ranked_by_its_words_alone(meaning: SentenceMeaning) -> None:
    corpus = _corpus()
    linked = Linked(text="跨境电商产业园区", focus="跨境电商产业园区", raw="跨境电商产业园区")
    ids = [c.clause_id for c in corpus]
    plain = EvidenceRanker(corpus, lambda term: 1.0).rank(linked, ids)
    with_meaning = EvidenceRanker(corpus, lambda term: 1.0, meaning).rank(linked, ids)
    assert [(e.sentence, e.coverage) for e in plain] == [(e.sentence, e.coverage) for e in with_meaning]
