"""Ingestion's fast paths give what the plain reading they replace gives.

Each speed-up of parsing and extraction (a look-up per length instead of a comparison
per name, a regex to skip where nothing can start, a translation table filled once per
character) is checked here against the straightforward code it stands for, on random
text over small alphabets where every case — overlaps, text ends, truncated slices —
comes up often.
"""

from __future__ import annotations

import random
import unicodedata

import pytest

from ingest.coverage import body_chars
from ingest.extract.agency_names import _pattern, _search, find_agencies
from ingest.extract.gazetteer import Entry, Gazetteer, Hit
from ingest.extract.lexicon import boundary_words
from ingest.extract.numbers import _TABLE, _SPLIT_DECIMAL, find_quantities, normalize
from ingest.extract.textspan import (
    Protected, compact, compact_map, ends_with_boundary, starts_with_boundary,
)
from ingest.loaders import _checked
from ingest.reflow import display_width
from kg.errors import EncodingError

# Few characters, so that names overlap and nest; none makes a guarded name (美的, 东风 …).
ALPHABET = "武汉市光谷区a"
LABELS = ("Region", "Park", "Enterprise", None)


def _texts(rng: random.Random, alphabet: str, n: int, longest: int) -> list[str]:
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, longest))) for _ in range(n)]


def _naive_scan(gaz: Gazetteer, text: str, whole: bool = True, label: str | None = None) -> list[Hit]:
    """Leftmost-longest by trying every known surface at every position."""
    surfaces = sorted({s for lab in LABELS for s in gaz.surfaces(lab)}, key=len, reverse=True)
    hits, i = [], 0
    while i < len(text):
        for surface in surfaces:
            j = i + len(surface)
            entry = gaz.get(surface)
            if text.startswith(surface, i) and (whole or len(surface) < len(text)) \
                    and entry is not None and (label is None or entry.label == label):
                hits.append(Hit(i, j, surface, entry))
                i = j
                break
        else:
            i += 1
    return hits


def test_gazetteer_scan_is_leftmost_longest() -> None:
    rng = random.Random(1)
    for _ in range(200):
        gaz = Gazetteer()
        for surface in _texts(rng, ALPHABET, rng.randint(1, 25), 5):
            gaz.add(Entry(rng.choice(LABELS), surface or "武汉"), [surface])
        for text in _texts(rng, ALPHABET, 20, 20):
            assert gaz.scan(text) == _naive_scan(gaz, text)
            assert gaz.scan_within(text, "Park") == _naive_scan(gaz, text, whole=False, label="Park")
            first = gaz.starts_with_known(text)
            naive = [h for h in _naive_scan(gaz, text) if h.start == 0]
            assert first == (naive[0] if naive else None)


def test_gazetteer_learns_between_scans() -> None:
    gaz = Gazetteer()
    gaz.add(Entry("Region", "武汉市"), ["武汉"])
    assert [h.surface for h in gaz.scan("支持光谷科技园和武汉建设")] == ["武汉"]
    gaz.add(Entry("Park", "光谷科技园"), [])  # a new first character: the scan must see it
    assert [h.surface for h in gaz.scan("支持光谷科技园和武汉建设")] == ["光谷科技园", "武汉"]
    assert gaz.aliases_of(Entry("Region", "武汉市")) == ("武汉",)


def test_protected_names_are_the_longest_ending_there() -> None:
    rng = random.Random(2)
    for _ in range(300):
        names = _texts(rng, ALPHABET, rng.randint(0, 20), 5)
        protected = Protected(names)
        longest_first = sorted({n for n in names if len(n) > 1}, key=len, reverse=True)
        for text in _texts(rng, ALPHABET, 10, 15):
            for i in range(1, len(text) + 1):
                naive = next((n for n in longest_first if text.startswith(n, i - len(n))
                              and i >= len(n)), None)
                assert protected.ending_at(text, i) == naive


def test_boundary_words_as_sliced() -> None:
    rng = random.Random(3)
    words = set(boundary_words())
    alphabet = "".join({c for w in words for c in w}) + "中国ab"
    for text in _texts(rng, alphabet, 3000, 8):
        for i in range(-2, len(text) + 3):
            assert ends_with_boundary(text, i) == any(
                text[i - n:i] in words for n in range(4, 0, -1) if n <= i)
            assert starts_with_boundary(text, i) == any(text[i:i + n] in words for n in (4, 3, 2))


def test_compact_map_points_at_the_printed_characters() -> None:
    rng = random.Random(4)
    for text in _texts(rng, "数字a《》 \n\t\u3000\r", 5000, 20):
        compacted, where = compact_map(text)
        assert compacted == compact(text)
        assert len(where) == len(compacted) and where == sorted(set(where))
        assert all(text[k] == ch for k, ch in zip(where, compacted))


def test_body_chars_per_character_is_nfkc_of_the_whole() -> None:
    rng = random.Random(5)
    marks = "\u0301\u0308\u3099\u309a\u0e31"
    pool = "数字１２③㈠㎡ｶﾞ\uf900\u2f00か\u304bが" + marks + "a1 ，。"
    for text in _texts(rng, pool, 3000, 12):
        whole = unicodedata.normalize("NFKC", text)
        assert body_chars(text) == "".join(
            ch for ch in whole if "\u3400" <= ch <= "\u4dbf" or "\u4e00" <= ch <= "\u9fff"
            or "\uf900" <= ch <= "\ufaff" or ch in "0123456789")


@pytest.mark.parametrize("text", ["", "abc", "数字经济", "（２０２５年）ＡＢ", "ｶﾞ½\u3000", "𠀀x"])
def test_display_width_counts_wide_characters_twice(text: str) -> None:
    assert display_width(text) == sum(
        2 if unicodedata.east_asian_width(ch) in "WFA" else 1 for ch in text)


def test_normalize_and_quantities_without_digits() -> None:
    for text in ("建设数字经济", "增长１５％，达到7. 2亿元", "①建设\u3000基地"):
        assert normalize(text) == _SPLIT_DECIMAL.sub(".", text.translate(_TABLE))
    # No digit at all: an amount in Chinese numerals is still read.
    (q,) = find_quantities("产值突破五千亿元")
    assert (q.value, q.unit, q.text) == (5000.0, "亿元", "突破五千亿元")


def test_agency_search_skips_only_where_no_match_starts() -> None:
    text = "由市经信局牵头，武汉市数据局、东湖高新区管委会和中共武汉市委网信办配合，城市更新局面"
    for pos in range(len(text)):
        expected = _pattern().search(text, pos)
        found = _search(text, pos)
        assert (found and found.span()) == (expected and expected.span())
    assert find_agencies(text) is not find_agencies(text)  # a fresh list each time


def test_control_characters_counted() -> None:
    assert _checked("正文\n\t\r\f\v" * 10, "x") == "正文\n\t\r\f\v" * 10
    with pytest.raises(EncodingError):
        _checked("正文" + "\x00\x1f" * 5, "x")
