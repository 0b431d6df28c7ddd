"""The plan's title as printed, and the other titles a file prints.

* the body's title line a "关于印发…的通知" cover names (``CleanText.title``);
* a page's 名称/标题 field — the plan a notice field names; a field cut short with "…"
  or carrying the site's name after "_" completed from the head of the text;
* the page's <title> (网页标题), when a head line prints it or no head line looks like
  a title;
* the title lines at the head of the text (a line ending like a title preferred; a notice
  line gives the plan it wraps); a title among the header lines a page took off.

Issuers printed before "关于" on a line of their own ("中共某省委 某省人民政府") are not the
title; a 文号 printed at the end of the title line ("…的通知（某政发〔2023〕5号）") neither.
"""

from __future__ import annotations

import re

from ingest.clean import CleanText
from ingest.frontmatter import NOTICE_OPENING, NOTICE_VERBS, title_key
from ingest.markers import read_marker
from ingest.reflow import ends_sentence

# 「关于印发《X》的通知」, and a page's 「省人民政府办公厅印发《X》」 without 关于…的通知.
_NOTICE = re.compile(rf"{NOTICE_OPENING}《?(.{{4,80}}?)》?的通知|(?:{NOTICE_VERBS})《([^《》]{{4,80}})》$")
_PLAN_WORD = re.compile(r"规划|方案|计划|意见|纲要|办法|规定|条例|措施|政策|战略|行动|决定|通知")
_CJK_SPACE = re.compile(r"(?<=[\u4e00-\u9fff（）()〔〕“”\d])\s+(?=[\u4e00-\u9fff（）()〔〕“”])"
                        r"|(?<=[\u4e00-\u9fff（）()〔〕“”])\s+(?=[\u4e00-\u9fff（）()〔〕“”\d])")
_TITLE_END = re.compile(r"(?:规划|方案|计划|意见|纲要|办法|规定|条例|细则|措施|政策|决定|通知)"
                        r"(?:[（(][^（()）]{1,16}[）)])?$")
# "中共某省委 某省人民政府 关于…的意见": the issuers printed above or before the title.
_ISSUER_PREFIX = re.compile(r"^(?:[\u4e00-\u9fff]{2,24}(?:委员会|省委|市委|区委|县委|政府|办公厅|办公室|局|厅)\s+)+"
                            r"(?=关于)")
_TRUNCATED = re.compile(r"\s*(?:\.{3,}|…+)\s*$")
_GENRE_WORD = re.compile(r"(?:规划|方案|计划|意见|纲要|办法|规定|条例|细则|措施|政策|决定|通知|指南)"
                         r"(?:[（(][^（()）]{1,16}[）)])?")
_NOTICE_BLOCKS = 40  # a wrapping notice's lines and signature come before the plan's title
HEAD_BLOCKS = 12  # the head of a text, where its title and date lines stand
# "…的通知（临政发〔2023〕5号）": a title line carrying the document's number at its end.
TRAILING_NUMBER = re.compile(r"\s*[（(]\s*[\u4e00-\u9fff]{1,12}\s*[〔［\[【]\s*\d{4}\s*[〕］\]】]"
                             r"\s*第?\s*\d{1,4}\s*号\s*[）)]\s*$")


def also_titles(cleaned: CleanText, title: str) -> tuple[str, ...]:
    """Other titles the file prints: the wrapping notice's (from the cover, else from a
    page field that names a notice), and attached plans' titles."""
    fields = cleaned.header_fields
    named = [_site_free(fields.get(k) or "") for k in ("名称", "标题", "网页标题")]
    named += [tidy_title(c) for c in _head_titles(cleaned)]
    notices = [cleaned.notice, *(t for t in named if _NOTICE.search(re.sub(r"\s+", "", t)))]
    notice = next((n for n in notices if n), None)
    found = [tidy_title(t) for t in (notice, *cleaned.attached) if t]
    key = title_key(title)
    return tuple(dict.fromkeys(t for t in found if title_key(t) != key))


def _unquoted(title: str) -> str:
    """「《X》」 → 「X」, and a lone bracket at either end dropped; the 《Y》 a title names
    (「…印发《Y》」) is kept whole."""
    if title.startswith("《") and title.endswith("》") and "《" not in title[1:-1] and "》" not in title[1:-1]:
        return title[1:-1]
    while title.endswith("》") and title.count("》") > title.count("《"):
        title = title[:-1]
    while title.startswith("《") and title.count("《") > title.count("》"):
        title = title[1:]
    return title


def _wrapped(notice: re.Match[str]) -> str:
    """The title of the plan a notice line wraps."""
    return notice.group(1) or notice.group(2)


def _site_free(value: str) -> str:
    """A page title without the site's name after "_", "|" or " - "."""
    return re.split(r"\s*(?:[_｜|]|\s-\s|——)\s*", value)[0].strip()


def tidy_title(title: str) -> str:
    """"实施方案(2025—2027 年)" → "实施方案（2025—2027年）": no stray spaces, CJK brackets."""
    title = TRAILING_NUMBER.sub("", title.replace("**", "").strip().lstrip("#").strip())
    title = re.sub(r"^附件\s*\d{0,2}\s*[：:]\s*", "", title)  # 「附件:《X》」 on a cover names X
    title = re.sub(r"\s+", " ", _unquoted(title.strip()))
    title = _CJK_SPACE.sub("", title)
    return re.sub(r"\(([^()]*[\u4e00-\u9fff\d][^()]*)\)", r"（\1）", title)


def infer_title(cleaned: CleanText) -> str | None:
    """The plan's own title as printed: the body title a cover notice names, the page's
    名称/标题 field (the plan a notice field names; a field cut short with "…" or carrying
    the site's name after "_" completed from the head of the text), or the head lines."""
    if cleaned.title:
        return tidy_title(cleaned.title)
    for key in ("名称", "标题"):
        value = re.split(r"\s*[_｜|]\s*", cleaned.header_fields.get(key) or "")[0]
        if not value:
            continue
        m = _NOTICE.search(re.sub(r"\s+", "", value))
        if m:
            return tidy_title(_wrapped(m))
        if not _TRUNCATED.search(value):
            return tidy_title(value)
        completed = _completed_title(cleaned, _TRUNCATED.sub("", value))
        if completed:
            return tidy_title(_ISSUER_PREFIX.sub("", completed))
    candidates = _head_titles(cleaned)
    page_title = _page_title(cleaned, candidates)
    if page_title:
        return page_title
    if not candidates:
        return _front_title(cleaned)
    ending = [c for c in candidates if _TITLE_END.search(TRAILING_NUMBER.sub("", c))]
    planned = [c for c in candidates if _PLAN_WORD.search(c)]
    chosen = (ending or planned or candidates[-1:])[0]
    if _TRUNCATED.search(chosen):
        chosen = _completed_notice(cleaned, chosen) or chosen
    m = _NOTICE.search(re.sub(r"\s+", "", chosen))
    return tidy_title(_wrapped(m) if m else chosen)  # a notice line names the plan it wraps


def _page_title(cleaned: CleanText, candidates: list[str]) -> str | None:
    """The page's <title> (its site name after "_" or "|" cut off; a notice's plan): the
    head line that prints it, or itself when no head line ends like a title."""
    value = _site_free(cleaned.header_fields.get("网页标题") or "")
    if not value:
        return None
    m = _NOTICE.search(re.sub(r"\s+", "", value))
    named = _wrapped(m) if m else value
    for candidate in candidates:
        if title_key(candidate) == title_key(named):
            return tidy_title(candidate)
    if any(_TITLE_END.search(c) for c in candidates):
        return None
    return tidy_title(named)


def _front_title(cleaned: CleanText) -> str | None:
    """A title line among the lines taken off the head (a database or page header)."""
    for line in cleaned.front_matter[:HEAD_BLOCKS]:
        text = line.strip()
        if 6 <= len(text) <= 80 and _TITLE_END.search(text) and not re.search(r"[。；：:，]", text):
            m = _NOTICE.search(re.sub(r"\s+", "", text))
            return tidy_title(_wrapped(m) if m else text)
    return None


def _completed_title(cleaned: CleanText, prefix: str) -> str | None:
    """The head line (or two lines) a title cut short with "…" starts."""
    wanted = title_key(prefix)
    texts = [b.text for b in cleaned.blocks[:HEAD_BLOCKS]
             if len(b.text) <= 80 and not re.search(r"\.{3}|…", b.text)]
    for i, text in enumerate(texts):
        for joined in (text, f"{text} {texts[i + 1]}" if i + 1 < len(texts) else text):
            key = title_key(joined)
            if len(key) > len(wanted) and key.startswith(wanted):
                return joined
    return None


def _completed_notice(cleaned: CleanText, cut: str) -> str | None:
    """A head line cut short with "…" (「关于印发《2025年常州市…试点城市 ...」): the plan it
    names, printed whole further down (under the notice's signature, before its body)."""
    stem = _TRUNCATED.sub("", cut)
    wanted = title_key(stem.split("《", 1)[1] if "《" in stem else stem)
    if len(wanted) < 6:
        return None
    for block in cleaned.blocks[:_NOTICE_BLOCKS]:
        if not title_key(block.text).startswith(wanted) or _TRUNCATED.search(block.text[:80]):
            continue
        # The title line may run into the paragraph after it (「…申报指南为推动…」): it ends
        # at the first genre word past what the cut line printed.
        for m in _GENRE_WORD.finditer(block.text, 0, 80):
            if len(title_key(block.text[:m.end()])) > len(wanted):
                return block.text[:m.end()]
    return None


def _head_titles(cleaned: CleanText) -> list[str]:
    """Title-like lines before the first sentence; a "（征求意见稿）" under a title line, or
    the second half of a title broken over two lines, joined to the line above."""
    found: list[str] = []
    for block in cleaned.blocks[:HEAD_BLOCKS]:
        text = block.text
        if found and re.fullmatch(r"[（(][^（()）]{1,12}[）)]", text):
            found[-1] += text  # "（征求意见稿）" under the title line
            continue
        if found and _continues_title(found[-1], text):
            found[-1] = f"{found[-1]}{text}"
            continue
        if block.kind not in ("heading", "paragraph") or ends_sentence(text):
            break
        if read_marker(text) is not None or len(text) > 60:
            break
        if len(re.sub(r"\s", "", text)) > 4:  # not 前言, 目录
            found.append(text)
    return found


def _continues_title(above: str, text: str) -> bool:
    """"某州关于加强政务数据" + "共享应用的若干措施": one title over two lines — the line
    above does not end like a title, the joined one does, and it starts a title."""
    joined = f"{above}{text}"
    return (not _TITLE_END.search(above) and bool(_TITLE_END.search(joined))
            and len(joined) <= 60 and not re.search(r"[，。；：:]", joined)
            and bool(re.search(r"关于|[省市县区州盟旗]", above)))
