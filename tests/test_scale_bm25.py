"""BM25 persisted with the index: reloaded as it is when the corpus has not changed, and
rebuilt — tokenising only what changed — when a document changes."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from qa.corpus import ClauseCorpus
from qa.lexcache import LexicalCache
from qa.lexical import BM25Index, add_words, tokenize
from qa.retrieve import LexicalRetriever
from qa.service import QAService
from qa.tokenmemo import TokenMemo


class CountingTokenizer:
    """The real tokenizer, counting its calls."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, text: str) -> list[str]:
        self.calls += 1
        return tokenize(text)


TEXTS = ["湖北省数字经济核心产业增加值占GDP比重达到10%", "首次进入全国软件百强的企业一次性奖励200万元",
         "数据中心PUE降至1.25以下", "由市经信局、市发改委负责推进智能化改造"]
IDS = [f"c{i}" for i in range(len(TEXTS))]


def _same(a: BM25Index, b: BM25Index, query: str) -> bool:
    return a.search(tokenize(query), k=4) == b.search(tokenize(query), k=4)


def test_unchanged_corpus_is_loaded_not_tokenised(tmp_path) -> None:  # type: ignore[no-untyped-def]
    cache, count = LexicalCache(tmp_path), CountingTokenizer()
    built = cache.build(IDS, TEXTS, set(), count)
    assert count.calls == 4
    loaded = LexicalCache(tmp_path).build(IDS, TEXTS, set(), count)
    assert count.calls == 4  # nothing tokenised on the second start
    fresh = BM25Index(IDS, [tokenize(t) for t in TEXTS])
    for query in ("软件百强奖励", "PUE", "智能化改造谁负责"):
        assert _same(loaded, fresh, query) and _same(built, fresh, query)
    assert loaded.idf("奖励") == pytest.approx(fresh.idf("奖励"))


def test_a_changed_document_retokenises_only_its_text(tmp_path) -> None:  # type: ignore[no-untyped-def]
    cache, count = LexicalCache(tmp_path), CountingTokenizer()
    cache.build(IDS, TEXTS, set(), count)
    changed = [*TEXTS[:3], "由市数据局负责推进数据要素市场化"]
    index = LexicalCache(tmp_path).build(IDS, changed, set(), count)
    assert count.calls == 4 + 1
    fresh = BM25Index(IDS, [tokenize(t) for t in changed])
    assert _same(index, fresh, "数据要素") and index.search(tokenize("智能化改造"), k=1) == []


def test_a_new_domain_word_retokenises_the_texts_that_hold_it(tmp_path) -> None:  # type: ignore[no-untyped-def]
    cache, count = LexicalCache(tmp_path), CountingTokenizer()
    cache.build(IDS, TEXTS, set(), count)
    add_words(["市经信局"])
    LexicalCache(tmp_path).build(IDS, TEXTS, {"市经信局"}, count)
    assert count.calls == 4 + 1  # only the clause that says 市经信局


def test_an_unreadable_cache_is_rebuilt(tmp_path) -> None:  # type: ignore[no-untyped-def]
    LexicalCache(tmp_path).build(IDS, TEXTS, set(), tokenize)
    (tmp_path / "bm25.npz").write_bytes(b"not numpy")
    (tmp_path / "tokens.npz").write_bytes(b"")
    count = CountingTokenizer()
    index = LexicalCache(tmp_path).build(IDS, TEXTS, set(), count)
    assert count.calls == 4 and index.search(tokenize("PUE"), k=1)[0][0] == "c2"


@pytest.mark.slow
def test_the_qa_service_reuses_bm25_across_starts(seeded, store, tmp_path, caplog) -> None:  # type: ignore[no-untyped-def]
    with caplog.at_level("INFO"):
        first = QAService(store, None, cache_dir=tmp_path)
        assert "BM25 over" in caplog.text and "built" in caplog.text
        assert "sentences tokenised for ranking" in caplog.text
        caplog.clear()
        second = QAService(store, None, cache_dir=tmp_path)
        assert "loaded (corpus unchanged)" in caplog.text
        assert "sentences tokenised" not in caplog.text
        assert "clauses loaded from" in caplog.text  # the clause rows too: no graph query
    question = "首次进入全国软件百强能拿多少奖励？"
    assert first.ask(question).answer == second.ask(question).answer
    corpus = ClauseCorpus.load(store)
    plain = LexicalRetriever(corpus)
    cached = second._engine.lexical
    assert np.array_equal(plain.index.scores(tokenize(question)), cached.index.scores(tokenize(question)))


def test_a_changed_clause_changes_the_corpus_key(tmp_path) -> None:  # type: ignore[no-untyped-def]
    corpus = [dataclasses.replace(_record(i, t)) for i, t in enumerate(TEXTS)]
    cache, count = LexicalCache(tmp_path), CountingTokenizer()
    ids = [c.clause_id for c in corpus]
    cache.build(ids, [c.text for c in corpus], set(), count)
    cache.build(ids[::-1], [c.text for c in corpus][::-1], set(), count)  # same texts, moved
    assert count.calls == 4  # the tokens are reused; only the postings are rebuilt


def _record(i: int, text: str):  # type: ignore[no-untyped-def]
    from qa.types import ClauseRecord

    return ClauseRecord(f"c{i}", "d", "文件", None, None, None, "", "", text, "paragraph", i, None)


def test_a_token_memo_keeps_tokens_between_starts_and_skips_an_unchanged_corpus(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path, count = tmp_path / "units.npz", CountingTokenizer()
    assert TokenMemo(path, set(), count).fill(TEXTS, "corpus-1") == 4
    again = TokenMemo(path, set(), count)

    def listed():  # type: ignore[no-untyped-def]
        raise AssertionError("an unchanged corpus's texts need not be listed")
        yield ""

    assert again.fill(listed(), "corpus-1") == 0
    assert [again.get(t) for t in TEXTS] == [tokenize(t) for t in TEXTS] and count.calls == 4
    assert again.get("数字经济核心产业") == tokenize("数字经济核心产业") and count.calls == 5  # not in the file
    add_words(["市发改委"])
    taught = TokenMemo(path, {"市发改委"}, count)
    taught.get(TEXTS[3])  # holds the new word: cut again
    taught.get(TEXTS[0])
    assert count.calls == 6
