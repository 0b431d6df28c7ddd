"""English questions name Chinese places in pinyin: 「Lüliang」, 「Xing County」, 「Yandu」.

The glossary knows the provinces and the large cities by their English names; a plan a
user loads may be a county's. ``EnglishPlaces`` reads every region the graph knows in
pinyin (all readings of a polyphone: 盐都 is yán dū, not dōu) and finds them in an English
question, so that the question is scoped to that region's plans as a Chinese one would be.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

# What an English name adds after the place (「Xing County」 is 兴县), as Chinese prints it.
_SUFFIXES = {"province": "省", "city": "市", "county": "县", "district": "区", "prefecture": "州",
             "banner": "旗", "league": "盟", "town": "镇", "township": "乡"}
_ADMIN = re.compile(r"(?:自治区|自治州|自治县|特别行政区|新区|省|市|县|区|州|旗|盟|镇|乡)$")
_READINGS_MAX = 8  # combinations of a polyphonic name's readings kept
_WORD = re.compile(r"[A-Za-zÜüÀ-ɏ'’]+")


class EnglishPlaces:
    """Pinyin spellings of the regions a corpus names → the surface form the linker knows."""

    def __init__(self, forms: Iterable[str], translated: Iterable[str] = ()) -> None:
        """``translated``: English names another glossary already puts in Chinese."""
        self._forms = sorted({f for f in forms if re.fullmatch(r"[\u4e00-\u9fff]{2,12}", f)})
        self._translated = {_plain(w).replace(" ", "") for w in translated}
        self._spellings: dict[str, list[tuple[str, int]]] | None = None

    def annotate(self, question: str) -> str:
        """``question`` followed by the Chinese forms of the places it names in pinyin."""
        found = self.find(question)
        return f"{question} {' '.join(found)}" if found else question

    def find(self, question: str) -> list[str]:
        words = [(m.group(), _plain(m.group())) for m in _WORD.finditer(question)]
        spellings = self._spelled()
        found: list[str] = []
        i = 0
        while i < len(words):
            for n in (3, 2, 1):
                run = words[i:i + n]
                # A place is a proper noun: its English words are capitalised.
                if len(run) < n or not all(w[:1].isupper() for w, _ in run):
                    continue
                spelled = "".join(p for _, p in run)
                forms = spellings.get(spelled)
                suffix = _SUFFIXES.get(words[i + n][1]) if i + n < len(words) else None
                # The glossary reads 「Jilin」 as 吉林 (province and city); 「Jilin City」 says which.
                if not forms or (spelled in self._translated and not suffix):
                    continue
                chosen = _choose(forms, suffix)
                if chosen:
                    found.append(chosen)
                    i += n - 1
                    break
            i += 1
        return list(dict.fromkeys(found))

    def _spelled(self) -> dict[str, list[tuple[str, int]]]:
        # Built on the first English question: pypinyin's dictionary takes a moment to load.
        if self._spellings is None:
            from pypinyin import Style, pinyin

            spellings: dict[str, list[tuple[str, int]]] = {}
            for form in self._forms:
                base = _ADMIN.sub("", form) or form
                if len(base) < 1:
                    continue
                readings = pinyin(base, style=Style.NORMAL, heteronym=True)
                for combo in itertools.islice(itertools.product(*readings), _READINGS_MAX):
                    joined = "".join(combo)
                    for spelled in {joined, joined.replace("v", "u"), joined.replace("v", "yu")}:
                        spellings.setdefault(spelled, []).append((form, len(base)))
            self._spellings = spellings
        return self._spellings


def _choose(forms: list[tuple[str, int]], suffix: str | None) -> str | None:
    """The form an English name means: with the suffix it gives (「Jilin City」 → 吉林市) when
    the corpus has that form; a one-syllable name only with a suffix (「Xing County」)."""
    if suffix:
        exact = [f for f, _ in forms if f.endswith(suffix)]
        if exact:
            return min(exact, key=len)
    long_enough = [f for f, syllables in forms if syllables >= 2]
    if not long_enough:
        return None
    # The bare name (吉林) where the corpus has it, so that every region it names is asked.
    return min(long_enough, key=len)


def _plain(word: str) -> str:
    word = re.sub(r"['’]s$", "", word.lower())  # 「Yandu's policy list」
    return word.replace("'", "").replace("’", "").replace("ü", "v").replace("ǚ", "v")
