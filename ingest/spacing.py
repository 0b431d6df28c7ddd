"""Spaces a PDF copy put inside words and numbers: 「第 1 0 条」, 「数 字 经 济」, 「200 万元」.

Copying text out of a PDF viewer often yields a space wherever the layout engine placed
glyphs apart: between the digits of one number, inside 第…条 markers, and — in damaged
copies — between Chinese characters of one word. Repairs, from safest to most careful:

* a run of single digits separated by single spaces, next to Chinese text or at a line
  start ("第 1 0 条", "2 0 2 5 年") is one number: "1 0" → "10"; "Wi-Fi 6", "2021 2022",
  "5G 基站" have no such run and stay;
* spaces inside a 第…章/节/条 marker go ("第 十 条" → "第十条");
* spaces between two Chinese characters go only when the document shows the damage — a
  space between Chinese characters more often than ``DAMAGE_SHARE`` of them — because
  careful typesetting uses single spaces between title parts ("抢先布局 武汉数字产业")
  (and at least ``DAMAGE_MIN`` such spaces);
  in such a document a space between a number and the Chinese unit after it goes too
  ("200 万元" → "200万元"). Latin words and their spaces are never touched.
"""

from __future__ import annotations

import re

_HAN = "\u4e00-\u9fff"
DAMAGE_SHARE = 0.004  # spaces between Chinese characters per Chinese character
DAMAGE_MIN = 8  # and at least this many of them: a short text with one spaced title is fine
_HAN_GAP = re.compile(rf"(?<=[{_HAN}]) (?=[{_HAN}])")
# A spaced digit run, with the single spaces that set it off from Chinese on either side.
_DIGIT_RUN = re.compile(rf"(?:(?<=^)|(?<=[{_HAN}（(：:，、 ]))(?:(?<=[{_HAN}]) )?(\d(?: \d)+)"
                        rf"(?: (?=[{_HAN}]))?(?=$|[ {_HAN}%％.．、）)])")
_NUMERAL = r"[\d一二三四五六七八九十百零〇两]"
_MARKER = re.compile(rf"第\s+{_NUMERAL}{{1,6}}\s*[章节条]|第{_NUMERAL}{{1,6}}\s+[章节条]")
_LEADING_MARKER = re.compile(r"^(?:第\s*[\d一二三四五六七八九十百零〇两]{1,6}\s*[章节条]|[一二三四五六七八九十]{1,3}、"
                             r"|[（(][一二三四五六七八九十\d]{1,3}[）)])\s*")
_NUMBER_UNIT = re.compile(rf"(?<=\d) (?=[万亿千百元个家项条户台套座%％年月日倍][{_HAN}%％]?)")


def is_damaged(lines: list[str]) -> bool:
    """Whether spaces between Chinese characters are copy damage, not typesetting."""
    # The space after a leading "第一条" or "一、" and the spaces of short lines (titles,
    # signatures) are typesetting; damage shows inside running text.
    text = "\n".join(_LEADING_MARKER.sub("", line.strip()) for line in lines if len(line.strip()) > 20)
    han = len(re.findall(rf"[{_HAN}]", text))
    gaps = len(_HAN_GAP.findall(text))
    return gaps >= DAMAGE_MIN and gaps / han > DAMAGE_SHARE


def repair_spacing(lines: list[str]) -> list[str]:
    """``lines`` with copy-damage spaces removed; see the module docstring."""
    damaged = is_damaged(lines)
    return [repair_line(line, damaged=damaged) for line in lines]


def repair_line(line: str, *, damaged: bool = False) -> str:
    """One line's repair; ``damaged`` enables the Chinese-character and unit repairs."""
    if " " not in line.strip():
        return line
    lead = line[: len(line) - len(line.lstrip())]
    body = line.strip()
    body = _DIGIT_RUN.sub(lambda m: m.group(1).replace(" ", ""), body)
    body = _MARKER.sub(_join_marker, body)
    if damaged:
        body = _HAN_GAP.sub("", body)
        body = _NUMBER_UNIT.sub("", body)
    trail = line[len(line.rstrip()):]
    return lead + body + trail


def _join_marker(m: re.Match) -> str:
    return re.sub(r"\s+", "", m.group(0))
