"""How facts read in an answer: the part of a sentence that answers, figures as printed.

Every function here only cuts or re-typesets text taken from a clause — it never adds a
number — so an answer keeps stating only what the clauses it cites state.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from qa.evidence import sentences
from qa.types import ClauseRecord

_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
# PDF text loses superscripts: 「7.2×1018次」 is 7.2×10¹⁸. A power of ten written after a
# mantissa with a decimal point is always an exponent in plan prose.
_LOST_POWER = re.compile(r"(\d\.\d+\s*[×xX]\s*10)(-?\d{1,2})(?![\d.])")
_CHUNK = re.compile(r"(?<=[，,；;：。])|(?<=\D:)")  # not inside a ratio: 2:1
_YEAR_LEAD = re.compile(r"^\s*(?:到|至|力争到?|预计到?|截至)\s*20\d\d\s*年")
_ITEM_NUMBER = re.compile(r"^[（(]?\d{1,2}[.、．)）]")
_ROW_PAIR = re.compile(r"([^｜；：]+)：([^；]*)")
_GRADE = re.compile(r"\d+\s*[级类星档]")
NUMBER = re.compile(r"\d[\d.,]*\s*(?:[%％‰]|万亿|亿|万|千|百)?\s*(?:[\u4e00-\u9fff]{0,2}|[A-Za-z]{1,6})")


def typeset(text: str) -> str:
    """Figures as a reader expects them: 「7.2×1018」 → 「7.2×10¹⁸」."""
    return _LOST_POWER.sub(lambda m: m.group(1) + m.group(2).translate(_SUPERSCRIPT), text)


def chunks(sentence: str) -> list[str]:
    return [c for c in _CHUNK.split(sentence) if c.strip()]


def focus(sentence: str, keep: Sequence[str], *, limit: int = 120, figure: bool = False) -> str:
    """The comma-parts of ``sentence`` that hold any of ``keep`` (and the 「到2027年，」 that
    opens it, which dates them), joined with 「…」 where parts were left out; with
    ``figure``, also the first part after them that holds a number when they hold none
    (「第2年退出正常运行的，」 → 「…退还70%补贴资金」)."""
    parts = chunks(sentence)
    keys = [k for k in map(_squash, keep) if k]
    # The asked phrase printed whole (「规划期」 in 「规划期限为2021—2025年」) marks the part
    # that answers; its words alone (「规划」) are in many parts that do not.
    whole = [i for i, p in enumerate(parts) if keys and len(keys[0]) >= 3 and keys[0] in _squash(p)]
    chosen = whole or [i for i, p in enumerate(parts) if any(k in _squash(p) for k in keys)]
    if not chosen:
        return cut(sentence, limit)
    # A digit of an asked word (「第1年」) is not the figure asked for.
    # Nor is an item's number (「2.主导制定…国家标准的企业,」).
    # Nor a grade (「1级能效」).
    if figure and not any(re.search(r"\d", _GRADE.sub("", _without(_ITEM_NUMBER.sub("", _squash(parts[i])), keys)))
                          for i in chosen):
        after = next((i for i in range(chosen[-1] + 1, len(parts)) if re.search(r"\d", parts[i])), None)
        if after is not None:
            chosen.append(after)
    if _YEAR_LEAD.match(parts[0]) and 0 not in chosen:
        chosen = [0, *chosen]
    text, last = "", -1
    for i in chosen:
        if text and len(text) + len(parts[i]) > limit:
            break
        text += ("…" if last >= 0 and i != last + 1 else "") + parts[i]
        last = i
    text = text.rstrip("，,；;：:")
    return text if text.endswith("。") or last == len(parts) - 1 else text + "…"


def _without(text: str, words: Sequence[str]) -> str:
    for word in sorted(words, key=len, reverse=True):
        text = text.replace(word, "")
    return text


def cut(text: str, limit: int) -> str:
    """``text`` up to ``limit`` characters, ending at a sentence or clause break when one is near."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    end = max(head.rfind("。"), head.rfind("；"))
    return head[: end + 1] if end > limit // 3 else head.rstrip("，,；;") + "…"


_NUMBERING = re.compile(r"^(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d+[.、．])\s*")


def task_title(clause: ClauseRecord, limit: int = 40) -> str:
    """What a task clause is called: its heading, or — when the heading is a single
    character such as 「光」 that reads as nothing alone — the heading with its opening."""
    heading = clause.heading.strip()
    if len(heading) >= 4:
        # 「（三）完善规划管理和相应标准，加大土地支持力度。」: a heading cut at its comma
        # goes on to the end of its sentence when that is short.
        body = _NUMBERING.sub("", re.sub(r"^[*\s]+|\*", "", clause.text.strip()))
        if body.startswith((heading + "，", heading + ",")):
            # Up to the end of its sentence, or the space a bold heading leaves before its body.
            whole = heading + body[len(heading)] + re.split(r"[。；;\s]", body[len(heading) + 1:])[0]
            if len(whole) <= min(limit, 30):
                return whole
        return cut(heading, limit)
    rest = re.sub(r"^[—\-\s]*" + re.escape(heading) + r"[。．.、:：\s]*", "",
                  _NUMBERING.sub("", clause.text.strip())) if heading else clause.text
    first = sentences(rest)
    opening = cut(re.split(r"[，,]", first[0])[0] if first else "", limit)
    return f"{heading}（{opening}）" if heading and opening else heading or opening


def has_number(text: str) -> bool:
    return bool(re.search(r"\d", text))


def _squash(text: str) -> str:
    return re.sub(r"\s", "", text)


_SERIAL = re.compile(r"序号|编号|No\.?", re.I)
_EMPTY_CELL = re.compile(r"[/／\-—–]*")


def render_record(text: str) -> str:
    """A row of a wide table (a project list: 项目名称、建设内容、地点、开工时间、总投资…) as
    "first cell：column：value；…": with this many fields a bare value (「2029年」, 「250000」) says
    nothing without its column's name (「计划竣工时间」, 「总投资（万元）」). Narrow rows (指标、单位、
    目标) read as ``render_row``; serial numbers and empty cells are left out."""
    pairs = [(re.sub(r"\s", "", k), v.strip()) for k, v in _ROW_PAIR.findall(text.split("｜")[-1])]
    pairs = [(k, v) for k, v in pairs if not _SERIAL.fullmatch(k)]
    if len([k for k, _ in pairs if k != "单位"]) <= 3:
        return render_row(text)
    named = [f"{k}：{v}" for k, v in pairs[1:] if not _EMPTY_CELL.fullmatch(v)]
    return f"{pairs[0][1]}：{'；'.join(named)}"


def render_row(text: str) -> str:
    """'总体｜指标：X；单位：%；目标：≥10' → 'X：≥10%' (column names kept by the parser)."""
    pairs = [(k.strip(), v.strip()) for k, v in _ROW_PAIR.findall(text.split("｜")[-1])]
    if not pairs:
        return text
    unit = next((v for k, v in pairs if re.sub(r"\s", "", k) == "单位"), "")
    values = [v for k, v in pairs if re.sub(r"\s", "", k) != "单位"]
    if len(values) < 2:
        return text
    return f"{values[0]}：{'；'.join(values[1:])}{unit}"
