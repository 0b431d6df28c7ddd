"""English words the glossary lacks, read through CC-CEDICT and the loaded plans' own words."""

from __future__ import annotations

from qa.bilingual import EnglishWords
from qa.glossary import translate_english

# What a small corpus prints: how often each word occurs decides between the dictionary's
# readings of an English word.
PRINTED = ("大型甘蔗收获机单机补贴限额不超过40万元。" + "落实政策。" * 5 + "贯彻方针。"
           + "对购买科技保险产品的企业给予保费补贴。")


def words() -> EnglishWords:
    return EnglishWords(PRINTED.count)


def test_a_word_is_read_as_what_the_plans_print_for_it() -> None:
    """「sugarcane」 is CC-CEDICT's 「sugar cane」 too; 收割机 is no word these plans print."""
    assert words().chinese(["large", "sugarcane", "harvesters"]) == ["大型", "甘蔗"]


def test_a_reading_the_plans_print_far_less_is_left_out() -> None:
    """方针 also means 「policy」, but beside 政策 it is a reading, not the plans' word."""
    assert words().chinese(["policies"]) == ["政策"]


def test_phrasing_words_are_not_looked_up() -> None:
    assert words().chinese(["how", "much", "can", "they", "get", "have"]) == []


def test_the_glossary_reads_its_phrases_first_and_the_dictionary_the_words_left() -> None:
    """「subsidy」 is the glossary's (补贴); 「insurance」 and 「sugarcane」 are the dictionary's.
    Without the dictionary only the glossary's terms are added."""
    question = "What subsidy do large sugarcane harvesters and insurance products get?"
    translated = translate_english(question, words())
    assert translated.startswith(question)
    added = translated[len(question):].split()
    assert {"补贴", "甘蔗", "保险", "产品"} <= set(added), added
    assert "甘蔗" not in translate_english(question)


def test_a_chinese_question_is_left_as_it_is() -> None:
    assert translate_english("甘蔗收获机补贴多少？", words()) == "甘蔗收获机补贴多少？"



def test_the_words_of_an_application_rule_and_how_long_are_read() -> None:
    from qa.asktype import detect

    question = "For how long is an applicant found to have falsified materials barred from applying for special funds?"
    text = translate_english(question)
    assert all(zh in text for zh in ("申报", "弄虚作假", "不得", "专项资金"))
    assert detect(question).kind == "date" and detect("When was the park inaugurated?").kind == "date"
    assert translate_english("vehicle-grid interaction pilots").count("车网互动") == 1
