"""Punctuation a PDF's font mapped to the wrong characters.

Some government PDFs are typeset with fonts whose character map gives a GB2312 code where
Unicode belongs: the full-width punctuation of GB2312's row A3 comes out of the text layer
as the Yi syllables U+A3A1…U+A3FE (「人民政府ꎬ省政府各部门」, 「请认真贯彻落实ꎮ」), and the same
fonts print 《》 as «» and a decimal point as a private-use character. Left alone, such a
text has no sentence ends and no titles.

The repair runs only when the text shows the damage — several of those syllables next to
Chinese characters — so a text that really prints Yi is left as it is. Each syllable becomes
the GB2312 character of its code (U+A3AC → 「，」); the one for a full stop becomes 「。」 except
between digits, where it is a decimal point. «» around Chinese text become 《》, and a
private-use character between two digits becomes a decimal point.
"""

from __future__ import annotations

import re

_HAN = "\u4e00-\u9fff"
_YI_ROW = "\ua3a1-\ua3fe"
_DAMAGE = re.compile(rf"(?<=[{_HAN}\d])[{_YI_ROW}]|[{_YI_ROW}](?=[{_HAN}])")
DAMAGE_MIN = 3  # syllables beside Chinese text: one could be a quotation of Yi
_FULL_STOP = "\ua3ae"
_DECIMAL_STOP = re.compile(rf"(?<=\d){_FULL_STOP}(?=\d)")
_GUILLEMETS = re.compile(rf"«([^«»\n]*[{_HAN}][^«»\n]*)»")
_PRIVATE_DECIMAL = re.compile(r"(?<=\d) ?[\ue000-\uf8ff\U000f0000-\U0010fffd] ?(?=\d)")


def repair_glyphs(text: str) -> str:
    """``text`` with the punctuation of a GB2312-mapped font restored; unchanged when
    it shows no such damage."""
    if len(_DAMAGE.findall(text)) < DAMAGE_MIN:
        return text
    return restore(text)


def restore(text: str) -> str:
    """The repair itself, whatever the text shows: also for a snippet quoted from a damaged
    text (an extraction gold written from the text as printed)."""
    text = _DECIMAL_STOP.sub(".", text).replace(_FULL_STOP, "。")
    text = re.sub(f"[{_YI_ROW}]", lambda m: chr(ord(m.group()) - 0xA3A1 + 0xFF01), text)
    text = _GUILLEMETS.sub(r"《\1》", text)
    return _PRIVATE_DECIMAL.sub(".", text)
