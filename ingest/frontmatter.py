"""Official-document wrapping around a plan: the cover letter, signature and 抄送 footer.

A plan issued by a government office usually arrives inside a notice ("…关于印发X的通知",
addressees, a sentence, the issuer and the signing date) and ends with a distribution
footer ("抄送：…", "… 2025 年 3 月 31 日印发"). None of that is plan text, but it is where
the document number, issuer and date are printed, so it is handed to
``ingest.metadata`` as front matter instead of being discarded.

The body starts at the line(s) repeating the title the notice names; without a notice,
or when the title is never repeated, the text is left as it is.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

_NOTICE = re.compile(r"关于(?:印发|发布|转发|公布)《?(.{4,80}?)》?的通知")
_FOOTER = re.compile(r"^\s*(?:抄送|抄报|主送)\s*[：:]")
_PRINTED = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*印发")
_PUBLIC = re.compile(r"^\s*[（(]此件.{0,12}[）)]\s*$")
_DATE_LINE = re.compile(r"^\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$")
_ORG_LINE = re.compile(
    r"^[\u4e00-\u9fff（）()]{2,30}(?:政府|办公厅|办公室|委员会|管委会|局|厅|部|院|中心)$"
)
_KEY_NOISE = re.compile(r"[\s《》〈〉“”\"'‘’]")
_HEAD_LINES = 60  # the notice sits in the first lines of the file
_TITLE_WINDOW = 3  # a repeated title may be broken over this many lines
_TAIL_SHARE = 0.6  # a lone "…印发" line lives in the last 40% of the text
_FOOTER_LINES = 12  # a 抄送 footer is the last few lines, never pages of text


@dataclass
class FrontParts:
    """The plan body, the wrapping lines taken off it, and the title the notice names."""

    lines: list[str]
    front: list[str] = field(default_factory=list)
    title: str | None = None


def title_key(text: str) -> str:
    """A comparison key for titles: width-folded, without spaces, quotes or 《》."""
    return _KEY_NOISE.sub("", unicodedata.normalize("NFKC", text))


def split_front_matter(lines: list[str], fields: dict[str, str] | None = None) -> FrontParts:
    """Take the cover letter, distribution footer and trailing signature off ``lines``."""
    parts = FrontParts(lines=list(lines))
    _strip_cover(parts, fields or {})
    _strip_footer(parts)
    _strip_signature(parts)
    return parts


def notice_title(lines: list[str], fields: dict[str, str]) -> str | None:
    """The plan title named by a "关于印发…的通知" line, if there is one."""
    head = "".join(line.strip() for line in lines[:_HEAD_LINES])
    for text in (fields.get("名称", ""), fields.get("标题", ""), re.sub(r"\s+", "", head)):
        m = _NOTICE.search(re.sub(r"\s+", "", text))
        if m:
            return m.group(1)
    return None


def _strip_cover(parts: FrontParts, fields: dict[str, str]) -> None:
    title = notice_title(parts.lines, fields)
    if not title:
        return
    wanted = title_key(title)
    lines = parts.lines
    for i in range(min(len(lines), _HEAD_LINES * 2)):
        if not lines[i].strip() or "的通知" in lines[i]:
            continue
        window = [line.strip() for line in lines[i:i + _TITLE_WINDOW * 2] if line.strip()]
        for size in range(1, _TITLE_WINDOW + 1):
            joined = "".join(window[:size])
            if title_key(joined) == wanted:
                parts.front.extend(line.strip() for line in lines[:i] if line.strip())
                parts.title = " ".join(window[:size])
                parts.lines = _after(lines, i, size)
                return


def _after(lines: list[str], start: int, nonblank: int) -> list[str]:
    """Lines after the ``nonblank``-th non-blank line counted from ``start``."""
    seen = 0
    for j in range(start, len(lines)):
        if lines[j].strip():
            seen += 1
            if seen == nonblank:
                return lines[j + 1:]
    return []


def _strip_footer(parts: FrontParts) -> None:
    lines = parts.lines
    start = int(len(lines) * _TAIL_SHARE)
    for i, line in enumerate(lines):
        tail = [rest.strip() for rest in lines[i:] if rest.strip()]
        if _FOOTER.match(line) and len(tail) <= _FOOTER_LINES:
            parts.front.extend(tail)
            parts.lines = lines = lines[:i]
            break
    kept = []
    for i, line in enumerate(lines):
        if i >= start and (_PRINTED.search(line) or _PUBLIC.match(line)):
            parts.front.append(line.strip())
        else:
            kept.append(line)
    parts.lines = kept


def _strip_signature(parts: FrontParts) -> None:
    """A plan ending with "issuer / date" lines: those are a signature, not a clause."""
    body = [i for i, line in enumerate(parts.lines) if line.strip()]
    if not body or not _DATE_LINE.match(parts.lines[body[-1]]):
        return
    cut = body[-1]
    if len(body) > 1 and _ORG_LINE.match(parts.lines[body[-2]].strip()):
        cut = body[-2]
    parts.front.extend(line.strip() for line in parts.lines[cut:] if line.strip())
    parts.lines = parts.lines[:cut]
