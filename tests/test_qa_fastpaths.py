"""Question answering's fast paths give what the plain scans they replace give.

At ×100 a question's words are looked up in 45,000 clauses and thousands of names; the
look-ups run over one joined string, or only over the names that start with one of the
question's character pairs. Each is checked here against the straightforward scan on
random text over a small alphabet, where overlaps, nesting and text ends come up often.
"""

from __future__ import annotations

import random

import pytest

from qa.graphfacts import _MATCHES, _Table
from qa.link import Gazetteer, _Forms, _longest_matches
from qa.textscan import JoinedTexts

# Few characters, so that words overlap and nest; texts also hold the separator character.
ALPHABET = "数据中心算力湖北\x00"


def _texts(rng: random.Random, n: int, longest: int, alphabet: str = ALPHABET) -> list[str]:
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, longest))) for _ in range(n)]


def _words(rng: random.Random, n: int) -> list[str]:
    return _texts(rng, n, 3, ALPHABET.replace("\x00", ""))


def _naive_longest(text: str, table: dict[str, str]) -> list[tuple[str, str]]:
    taken = [False] * len(text)
    found = []
    for form in sorted(table, key=len, reverse=True):
        start = text.find(form)
        while start >= 0:
            end = start + len(form)
            if not any(taken[start:end]):
                taken[start:end] = [True] * len(form)
                found.append((start, form, table[form]))
            start = text.find(form, end)
    return [(form, value) for _, form, value in sorted(found, key=lambda p: p[0])]


@pytest.mark.parametrize("seed", range(20))
def test_joined_texts_find_the_texts_that_hold_a_word(seed: int) -> None:
    rng = random.Random(seed)
    texts = _texts(rng, rng.randint(0, 30), 12)
    joined = JoinedTexts(texts)
    for word in _words(rng, 30):
        wanted = [i for i, t in enumerate(texts) if word and word in t.replace("\x00", " ")]
        assert joined.rows_holding(word).tolist() == wanted
        assert joined.rows_holding(word).tolist() == wanted  # and again, from the cache


@pytest.mark.parametrize("seed", range(20))
def test_target_table_ranks_rows_by_terms_held_then_reading_order(seed: int) -> None:
    rng = random.Random(seed)
    rows = [{"metric": t, "n": i} for i, t in enumerate(_texts(rng, rng.randint(1, 40), 10))]
    table = _Table(rows, lambda r: r["metric"])
    terms = _words(rng, rng.randint(0, 4))
    keep = (lambda r: r["n"] % 3 != 0) if seed % 2 else (lambda r: True)
    counts = [(sum(bool(t) and t in r["metric"].replace("\x00", " ") for t in terms), r["n"]) for r in rows]
    wanted = [rows[n] for c, n in sorted(counts, key=lambda p: (-p[0], p[1])) if c and keep(rows[n])]
    assert table.best_matches(terms, keep) == wanted[:_MATCHES]


@pytest.mark.parametrize("seed", range(20))
def test_forms_index_finds_the_longest_matches_a_full_scan_finds(seed: int) -> None:
    rng = random.Random(seed)
    table = {form: f"v{i}" for i, form in enumerate(_words(rng, 25)) if form}
    forms = _Forms(table)
    for text in _texts(rng, 20, 16):
        assert _longest_matches(text, forms) == _naive_longest(text, table)


def test_gazetteer_counts_mentions_once_per_word() -> None:
    gaz = Gazetteer(corpus_text="数据中心数据湖北数据")
    assert gaz.mentions("数据") == 3
    assert gaz.holds("湖北") and not gaz.holds("武汉")
    assert Gazetteer(corpus_text="数据").mentions("数据") == 1
