"""Official-document wrapping around a plan: the cover letter, signature and 抄送 footer.

A plan issued by a government office usually arrives inside a notice ("…关于印发X的通知",
addressees, a sentence, the issuer and the signing date) and ends with a distribution
footer ("抄送：…", "… 2025 年 3 月 31 日印发"). None of that is plan text, but it is where
the document number, issuer and date are printed, so it is handed to
``ingest.metadata`` as front matter instead of being discarded.

The body starts at the line(s) printing a title the notice names — each 《…》 of the
notice's title or of its "现将《X》印发给你们" sentence, compared loosely (notices drop 的,
a period such as （2021—2023年）, a （试行）; "附件1" may stand before it). Further plans
the notice names and the text prints later are ``attached``. Without a notice, or when no
named title is printed, the text is left as it is.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# A notice that issues a plan, or a revised version of one ("关于修订《X》的通知").
NOTICE_VERBS = "印发|发布|转发|公布|下发|修订|修改"
# 「…关于印发X的通知」, or the issuer's name straight before the verb: 「杭州市人民政府印发关于…
# 若干政策的通知」 (X then keeps its own 关于).
NOTICE_OPENING = rf"(?:关于(?:{NOTICE_VERBS})|(?<=[府厅局委室会院部办])(?:印发|转发|发布))"
_NOTICE = re.compile(rf"{NOTICE_OPENING}《?(.{{4,120}}?)》?的通知")
# Its issuers may be printed with a space between them ("X厅 Y厅关于…"), or on a line of their
# own above it ("四川省人民政府办公厅⏎关于印发…").
# The title runs on to 的通知 across line breaks, never across a page's 「...」 cut.
_NOTICE_LINE = re.compile(rf"(?:[\u4e00-\u9fff（）()]{{2,40}}[府厅局委室会院部办]\n(?=关于))?"
                          rf"(?:[^\s。，；：:《》]{{2,40}} )?[^\s。，；：:《》]{{0,40}}{NOTICE_OPENING}"
                          r"(?:(?!\.\.\.)[^。；：:…]){4,160}?的通知")
# 「无政办〔2025〕3号关于印发…」: the number a page prints before the notice's title.
_LEADING_NUMBER = re.compile(r"^[\u4e00-\u9fff]{1,12}[〔［\[【]\d{4}[〕］\]】]第?\d{1,4}号")
_CUT_NOTICE = re.compile(rf"(关于(?:{NOTICE_VERBS})[^\n。；：:]{{4,160}}?的)\s*(?:\.{{3,}}|…+)\s*$", re.M)
_CITED_NOTICE = re.compile(r"《[^《》]{0,200}?的通知[^《》]{0,20}》")  # a notice the text cites
_ANNEX = re.compile(r"^附\s*件\s*\d{0,2}\s*[:：.．、]?\s*(?=\S{4})")
_SUFFIX = re.compile(r"[（(](?:试行|暂行|修订|修订稿|征求意见稿|送审稿|草案)[）)]$")  # "…办法（试行）"
_PERIOD = re.compile(r"[（(]\d{4}[^（()）]{0,10}[）)]")  # "（2021—2023年）" after a title
_FOOTER = re.compile(r"^\s*\|?\s*(?:抄送|抄报|主送)\s*[：:]")  # 「| 抄送：… |」: a footer set as a table row
_PRINTED = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*印发")
_PUBLIC = re.compile(r"^\s*[（(]此件.{0,12}[）)]\s*$")
_DATE_LINE = re.compile(r"^\s*(?:\d{4}|[〇零○一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月"
                        r"\s*[\d一二三四五六七八九十]{1,3}\s*日\s*$")
_ORG_LINE = re.compile(
    r"^[\u4e00-\u9fff（）()]{2,30}(?:政府|办公厅|办公室|委员会|管委会|局|厅|部|院|中心)$"
)
_KEY_NOISE = re.compile(r"[\s《》〈〉“”\"'‘’*#_]")
_HEAD_LINES = 60  # the notice sits in the first lines of the file
_TITLE_WINDOW = 3  # a repeated title may be broken over this many lines
_TAIL_SHARE = 0.6  # a lone "…印发" line lives in the last 40% of the text
_FOOTER_LINES = 12  # a 抄送 footer is the last few lines, never pages of text


@dataclass
class FrontParts:
    """The plan body, the wrapping lines taken off it, and the titles the notice names."""

    lines: list[str]
    front: list[str] = field(default_factory=list)
    title: str | None = None  # the plan's own title line(s), as printed
    notice: str | None = None  # the wrapping notice's title ("…关于印发…的通知")
    attached: list[str] = field(default_factory=list)  # further plans' titles, in order


def title_key(text: str) -> str:
    """A comparison key for titles: width-folded, without spaces, quotes or 《》."""
    return _KEY_NOISE.sub("", unicodedata.normalize("NFKC", text))


def same_title(printed: str, named: str) -> bool:
    """Whether a printed title line is the title a notice names. Notices shorten titles:
    "…扩大消费若干措施" names "…扩大消费的若干措施"; brackets and 的/之 may differ."""
    a, b = _loose_key(printed), _loose_key(named)
    return len(a) >= 4 and a == b


def _loose_key(text: str) -> str:
    key = _SUFFIX.sub("", _PERIOD.sub("", title_key(text))).replace("的", "").replace("之", "")
    return re.sub(r"[()（）〔〕\[\]—–\-－~～]", "", key)


def split_front_matter(lines: list[str], fields: dict[str, str] | None = None,
                       header: list[str] | None = None) -> FrontParts:
    """Take the cover letter, distribution footer and trailing signature off ``lines``;
    ``header`` holds the lines a page header took off before (a title among them)."""
    parts = FrontParts(lines=list(lines))
    _strip_cover(parts, fields or {}, header or [])
    _strip_footer(parts)
    _strip_signature(parts)
    return parts


def notice_title(lines: list[str], fields: dict[str, str],
                 header: list[str] | None = None) -> str | None:
    """The full title of a wrapping notice ("X关于印发Y的通知"), if there is one: from a
    page field, the page's <title>, the lines a page header took, or the head of the text."""
    head = "\n".join(line.strip() for line in [*(header or []), *lines[:_HEAD_LINES]])
    head = _CITED_NOTICE.sub("", head)
    page_title = re.split(r"\s*[_｜|]\s*", fields.get("网页标题", ""))[0]
    for text in (fields.get("名称", ""), fields.get("标题", ""), page_title, head):
        # 「关于印发X的 ...」: a notice title a page cut short is still the notice's.
        text = _CUT_NOTICE.sub(r"\1通知", text)
        m = _NOTICE_LINE.search(text)
        if m:
            return _LEADING_NUMBER.sub("", re.sub(r"\s+", "", m.group(0)))
    return None


def named_titles(lines: list[str], notice: str) -> list[str]:
    """The plan titles a notice names, in order: each 《…》 of its title, else the title
    between 印发 and 的通知; then the 《…》 of the notice's "现将《X》印发给你们" sentence."""
    m = _NOTICE.search(notice)
    inner = m.group(1) if m else ""
    titles = re.findall(r"《([^《》]{4,80})》", inner) or ([inner] if inner else [])
    head = "".join(line.strip() for line in lines[:_HEAD_LINES])
    for sentence in re.findall(r"[^。]*印发[^。]*。", head):
        titles += [t for t in re.findall(r"《([^《》]{4,80})》", sentence) if t not in titles]
    return titles


def _strip_cover(parts: FrontParts, fields: dict[str, str], header: list[str]) -> None:
    notice = notice_title(parts.lines, fields, header)
    if not notice:
        return
    titles = named_titles(parts.lines, notice)
    variants = _with_issuers(titles, notice)
    lines = parts.lines
    for i in range(min(len(lines), _HEAD_LINES * 2)):
        if not lines[i].strip() or "的通知" in lines[i]:
            continue
        size = _title_at(lines, i, [v for vs in variants.values() for v in vs])
        if size:
            window = [line.strip() for line in lines[i:] if line.strip()][:size]
            parts.front.extend(line.strip() for line in lines[:i] if line.strip())
            parts.title = " ".join(window)
            parts.notice = notice
            parts.lines = _after(lines, i, size)
            named = "".join(window)
            parts.attached = [t for t in dict.fromkeys(titles)
                              if not any(same_title(named, v) for v in variants[t])
                              and _printed_later(parts.lines, t)]
            return


def _with_issuers(titles: list[str], notice: str) -> dict[str, list[str]]:
    """Each named title, and the same title with the notice's issuers in front: a plan
    may print its issuers before the title the notice names ("X厅 Y厅“十四五”…细则"
    for "《“十四五”…细则》" in "X厅 Y厅关于修订《“十四五”…细则》的通知")."""
    issuers = re.sub(r"\s", "", notice.split("关于", 1)[0]) if "关于" in notice else ""
    return {t: [t, issuers + t] if len(issuers) >= 2 else [t] for t in titles}


def _title_at(lines: list[str], i: int, titles: list[str]) -> int:
    """How many non-blank lines from ``i`` spell one of ``titles`` (0: none); "附件1"
    before the title on its line does not count. The longest spelling wins: a period
    printed on the line under the title ("（2022－2035）") belongs to it."""
    window = [_ANNEX.sub("", line.strip()) for line in lines[i:i + _TITLE_WINDOW * 2] if line.strip()]
    for size in range(min(_TITLE_WINDOW, len(window)), 0, -1):
        joined = "".join(window[:size])
        if any(same_title(joined, title) for title in titles):
            return size
    return 0


def _printed_later(lines: list[str], title: str) -> bool:
    return any(_title_at(lines, i, [title]) for i, line in enumerate(lines)
               if line.strip() and len(line.strip()) <= 80)


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
        if not _FOOTER.match(line):
            continue
        tail = [rest.strip() for rest in lines[i:] if rest.strip()]
        if len(tail) <= _FOOTER_LINES:
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
