"""English place names in pinyin, read against the regions a corpus knows (real pypinyin)."""

from __future__ import annotations

import pytest

from qa.glossary import translate_english
from qa.placenames import EnglishPlaces

FORMS = ["吕梁市", "吕梁", "兴县", "盐都区", "盐都", "吉林省", "吉林市", "吉林", "涪陵区", "涪陵", "西安市"]


@pytest.mark.parametrize(("question", "places"), [
    ("How many sites does the Lvliang plan lay out in Xing County?", ["吕梁", "兴县"]),
    ("What does Lüliang target by 2035?", ["吕梁"]),
    ("In Yandu's policy list, what rewards?", ["盐都"]),  # 都 read dū, the possessive dropped
    ("What does Jilin City offer?", ["吉林市"]),          # the suffix chooses the form
    ("What does Jilin offer?", ["吉林"]),                 # none: the bare name, every region it names
    ("Fuling District plan", ["涪陵区"]),
    ("Xi'an city", ["西安市"]),
    # One syllable needs its suffix; a lower-case word is not a name.
    ("Xing is a word here", []),
    ("the lvliang plan", []),
])
def test_places_are_found_by_their_pinyin(question: str, places: list[str]) -> None:
    assert EnglishPlaces(FORMS).find(question) == places


def test_names_another_glossary_translates_are_left_to_it() -> None:
    assert EnglishPlaces(FORMS, translated=["jilin", "xi'an"]).find("Jilin and Xi'an and Lvliang") == ["吕梁"]


def test_annotate_appends_the_chinese_forms_and_leaves_chinese_alone() -> None:
    places = EnglishPlaces(FORMS)
    assert places.annotate("Yandu rewards") == "Yandu rewards 盐都"
    assert places.annotate("盐都的奖励") == "盐都的奖励"


def test_glossary_phrases_match_when_written_with_hyphens() -> None:
    translated = translate_english("Who leads the provincial elderly-care service platform?")
    assert "养老" in translated and "服务" in translated
    assert "以旧换新" in translate_english("What trade-in subsidies are there?")


def test_the_glossary_knows_the_words_of_equipment_renewal_and_energy_saving() -> None:
    translated = translate_english("How much for trading in an old e-bike, or for using green electricity?")
    assert "电动自行车" in translated and "绿色电力" in translated
