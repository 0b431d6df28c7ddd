"""Recognise the marker a block starts with: 一、 （一） 1. （1） ① —— ◆ 专栏N.

Only the start of a block is read; numbers inside sentences are never markers. A
"1." followed by a digit ("7. 2×1018", "1.3万亿") is a broken decimal, not a marker.

Ranks, outermost first: 0 第一章 · 0.5 第一节 · 0.75 第一条 · 1 一、 · 2 （一） · 3 1. / 1、
· 4 （1） · 5 ①.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9, "两": 2}
_CN = "一二三四五六七八九十"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

_CHAPTER = re.compile(rf"^第\s*([{_CN}]{{1,3}}|\d{{1,2}})\s*([章节部篇])\s*")
# 第十条, 第一百零二条: an article of a 办法/条例; numbering runs on across chapters.
_ARTICLE = re.compile(rf"^第\s*([{_CN}百零〇两]{{1,6}}|\d{{1,3}})\s*条(?![件例款])\s*")
_RANK1 = re.compile(rf"^([{_CN}]{{1,3}})\s*[、．.]\s*")
_RANK1_LIST = re.compile(rf"^[{_CN}]、[{_CN}]、")  # "一、二、三产业" is a list, not a title
_RANK2 = re.compile(rf"^[（(]\s*([{_CN}]{{1,3}})\s*[）)]\s*")
_RANK3 = re.compile(r"^(\d{1,2})\s*([.．、])\s*")
_RANK4 = re.compile(r"^(?:[（(]\s*(\d{1,2})\s*[）)]|(\d{1,2})[）)](?!\s*[、，。]))\s*")  # （1） or 1）
_RANK5 = re.compile(rf"^([{_CIRCLED}])\s*")
_ITEM = re.compile(r"^(?:——|－－|--)\s*")
_BULLET = re.compile(r"^([◆◇●■▪•])\s*")
_BOX = re.compile(r"^专栏\s*(\d{1,2})\s*[：:．.、]?\s*")


@dataclass(frozen=True)
class Marker:
    """A block's leading marker: its kind, rank, number, printed form and the rest."""

    kind: str  # number | item | bullet | box
    rank: float  # numbering depth (0 章, 0.5 节, 1-5); 6 for items, bullets and boxes
    number: int
    printed: str  # normalised for labels: "二、" "（二）" "6." "（1）" "①" "——" "◆" "专栏1"
    rest: str


def cn_number(text: str) -> int:
    """Chinese numerals up to 999: 一 → 1, 十 → 10, 十二 → 12, 二十三 → 23, 一百零二 → 102."""
    if text.isdigit():
        return int(text)
    hundreds = 0
    if "百" in text:
        head, _, text = text.partition("百")
        hundreds = (_CN_DIGITS.get(head, 0) if head else 1) * 100
        text = text.lstrip("零〇")
    if "十" not in text:
        return hundreds + _CN_DIGITS.get(text, 0)
    tens, _, ones = text.partition("十")
    return hundreds + (_CN_DIGITS.get(tens, 0) if tens else 1) * 10 + (
        _CN_DIGITS.get(ones, 0) if ones else 0)


def read_marker(text: str) -> Marker | None:
    """The marker ``text`` starts with, or None when it starts with plain prose."""
    text = text.strip().lstrip("#").strip().lstrip("*").strip()  # markdown "## **一、…"
    for reader in (_read_box, _read_item, _read_numbered):
        marker = reader(text)
        if marker is not None:
            return marker
    return None


def _read_box(text: str) -> Marker | None:
    m = _BOX.match(text)
    if m:
        return Marker("box", 6, int(m.group(1)), f"专栏{int(m.group(1))}", text[m.end():].strip())
    return None


def _read_item(text: str) -> Marker | None:
    m = _ITEM.match(text)
    if m and len(text) > m.end():
        return Marker("item", 6, 0, "——", text[m.end():].strip())
    m = _BULLET.match(text)
    if m and len(text) > m.end():
        return Marker("bullet", 6, 0, m.group(1), text[m.end():].strip())
    return None


def _read_numbered(text: str) -> Marker | None:
    if _RANK1_LIST.match(text):
        return None
    candidates = (
        (_CHAPTER, 0, lambda m: f"第{m.group(1)}{m.group(2)}"),  # 第一节: rank 0.5, below
        (_ARTICLE, 0.75, lambda m: f"第{m.group(1)}条"),
        (_RANK2, 2, lambda m: f"（{m.group(1)}）"),
        (_RANK4, 4, lambda m: f"（{int(m.group(1) or m.group(2))}）"),
        (_RANK1, 1, lambda m: f"{m.group(1)}、"),
        (_RANK3, 3, lambda m: f"{int(m.group(1))}{'、' if m.group(2) == '、' else '.'}"),
        (_RANK5, 5, lambda m: m.group(1)),
    )
    for pattern, rank, printed in candidates:
        m = pattern.match(text)
        if not m:
            continue
        rest = text[m.end():].strip()
        if not rest or rest[0] in "%％.．" or _is_decimal(text, m, rank):
            return None  # "7. 2×1018", "1.3万亿": a number, not a marker
        raw = m.group(1) or m.group(2)
        number = _CIRCLED.index(raw) + 1 if rank == 5 else cn_number(raw)
        if rank == 0 and m.group(2) == "节":
            rank = 0.5  # 第一节 sits inside 第一章
        return Marker("number", rank, number, printed(m), rest)
    return None


_SENTENCE_END = re.compile(r"[。！？!?]")
_NOTE_REF = re.compile(r"\[注\d+\]")  # footnote references are not part of a title
_TITLE_LINE_MAX = 60  # an unpunctuated line after a marker is a title up to this length
_TERMINATED_TITLE_MAX = 40
_CLAUSE_BREAK = re.compile(r"[，,：:；;]")
TITLE_MAX = 40  # a numbered clause's title: the phrase before its first 。
LEAD_MAX = 26  # an unnumbered paragraph's lead phrase counts as its title up to this
_SHORT_LEAD = 20  # fallback: the phrase before the first comma, for definitions


def is_heading_only(rest: str) -> bool:
    """Whether the text after a marker is a bare title ("发展基础。"), not a paragraph.

    A title may end with 。 ("（一）发展基础。") but is then short; a longer line ending
    with 。 is a one-sentence clause ("1.数字战略管理人才，主要是指…等。")."""
    rest = rest.strip()
    core = rest.rstrip("。：:")
    limit = _TERMINATED_TITLE_MAX if rest.endswith("。") else _TITLE_LINE_MAX
    return bool(core) and len(core) <= limit and not _SENTENCE_END.search(core)


def _is_decimal(text: str, m: re.Match, rank: float) -> bool:
    """After "7." a digit means a decimal ("1.3万亿", "7. 2×1018"), except "1. 5G…" and a
    year ("1.2025年底前")."""
    if rank != 3 or m.group(2) == "、":
        return False
    after = text[m.end():]
    if not after[:1].isdigit():
        return False
    if re.match(r"\d{4}\s*年", after):
        return False  # "1.2025年底前…": a year after the marker
    if not text[m.start(2) + 1:m.end()]:
        return True  # no space: "1.3"
    return not re.match(r"\d+[A-Za-z]", after)


def title_of(rest: str) -> str:
    """A numbered clause's or item's title: "构建数据基础制度体系" from "构建…体系。围绕…"."""
    rest = _NOTE_REF.sub("", rest).strip()
    if is_heading_only(rest):
        return rest.rstrip("。：:；;，,")
    m = _SENTENCE_END.search(rest)
    if m and 0 < m.start() <= TITLE_MAX:
        return rest[: m.start()]
    m = _CLAUSE_BREAK.search(rest)
    if m and 0 < m.start() <= _SHORT_LEAD:
        return rest[: m.start()]
    return ""


def lead_of(text: str) -> str:
    """An unnumbered paragraph's lead title ("加快推动5G网络建设应用"), or ""."""
    text = _NOTE_REF.sub("", text)
    m = _SENTENCE_END.search(text)
    if m and 2 <= m.start() <= LEAD_MAX and text[m.end():].strip():
        return text[: m.start()]
    return ""
