"""Web-page chrome around a plan copied from a government site.

Kept aside, not thrown away: the page's metadata lines (索引号, 发文日期, 文号, 名称 …,
and a legal database's 【发文字号】 【发布日期】 … header) become ``fields`` for
``ingest.metadata``. Dropped: the site header and navigation up to the last metadata
line, link-only lines ("- [首页](#)"), 【字体大小】 and similar widgets, a database's
【法宝引证码】 and 原文链接 lines, a crawler's timestamp stamp and markdown rules, the table
of contents after a 目录 line, and the page's footer and sidebar lists after the plan
(``ingest.pagetail``). Field lines in any shape a page prints them are read by
``ingest.pagefields``; a value printed as absent (「（无）」) fills nothing. A
breadcrumb (当前位置：首页 > …) is dropped, but text that follows it on its line is split
off first (``split_breadcrumbs``): some portals hold the whole plan on that line. Every
dropped line is listed in ``removed`` with the reason, for the coverage check. Nothing
here knows a particular site; it goes by line shapes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest import pagefields, pagetail


def is_field_name(text: str) -> bool:
    """Whether ``text`` is a page-field label ("文 号：", "【发文字号】", "成文日期")."""
    return pagefields.is_field_name(text)


_DATABASE_LINE = re.compile(r"^\s*(?:【法宝引证码】|【?原文链接】?\s*[：:]|【?本篇引用】?|【?全文】?\s*$)")
_BREADCRUMB = re.compile(
    r"^\s*(?:当前位置|您的位置|您现在的位置|所在位置)\s*[：:]\s*"
    r"(?:[^\s>»＞→/]{1,20}\s*[>»＞→/]+\s*)*[^\s>»＞→/]{1,20}"
)
_BREADCRUMB_REST = 10  # more text than this after a breadcrumb is text of its own
_LINK = r"\[(?:\\.|[^\]\\])*\]\((?:#[^)]*|javascript:[^)]*)?\)"
_LINK_ONLY = re.compile(rf"^\s*(?:[-*+]\s*)?(?:{_LINK}\s*)+$")
_WIDGET = re.compile(
    r"^\s*(?:【[^】]*(?:字体|打印|关闭|收藏|分享)[^】]*】\s*)+$"
    r"|^\s*(?:搜索|分享到.*|扫一扫.*|(?:https?://|www\.)\S+)\s*$"
    # 「来源：https://…」: where the crawler took the page from, a link and nothing else.
    r"|^\s*(?:\*\*)?(?:来源|原文地址|链接|网址|source|url)(?:\*\*)?\s*[：:]\s*\[?(?:https?://|www\.)\S+\s*$"
    r"|^\s*\d{4}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*(?:来源|作者|浏览|点击)[^。]{0,30}$"
    r"|^\s*[*【]*\s*[大中小]\s*[*】]*\s*$"
    r"|^[^。；]{0,40}\d{4}-\d{2}-\d{2}T\d{2}:\d{2}[^。；]{0,60}$"  # a crawler's ISO timestamp stamp
    r"|^\s*([-*_])\1{2,}\s*$",  # a markdown rule
    re.IGNORECASE,
)
_TOC_TITLE = re.compile(r"^\s*目\s*录\s*$")
_TOC_ENTRY_PREFIX = re.compile(r"^\s*[-*+]\s+")
_TOC_PAGE = re.compile(r"[.·…\s]*\d{1,3}\s*$")
_HEAD_LIMIT = 80  # the page header never runs longer than this many printed lines
_VALUE_MAX = 60  # a field's value printed on the line under its label
_BODY_LINE = re.compile(r"^.{15,}$")
_SECTION_START = re.compile(r"^(?:第[一二三四五六七八九十\d]{1,3}[章条]|[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)])")
_TOC_ENTRY_MAX = 40


@dataclass
class PageParts:
    """The plan's lines with the page around it taken off."""

    lines: list[str]
    fields: dict[str, str] = field(default_factory=dict)
    dropped: list[str] = field(default_factory=list)  # header lines that were not fields
    removed: list[tuple[str, str]] = field(default_factory=list)  # (reason, line)


def strip_page(lines: list[str]) -> PageParts:
    """Remove web-page chrome, keeping the page's metadata fields."""
    parts = PageParts(lines=list(lines))
    _strip_header(parts)
    # The footer first: its share and QR-code widgets are where it starts.
    parts.lines, footer = pagetail.strip_footer(parts.lines)
    parts.lines, sidebar = pagetail.strip_sidebar(parts.lines)
    parts.removed += [("page footer", line) for line in footer]
    parts.removed += [("page sidebar", line) for line in sidebar]
    kept = []
    for line in parts.lines:
        if _is_chrome(line):
            parts.removed.append(("navigation", line.strip()))
        else:
            kept.append(line)
    parts.lines = kept
    _strip_toc(parts)
    return parts


def split_breadcrumbs(lines: list[str]) -> list[str]:
    """A line that starts with a breadcrumb and goes on with text becomes two lines."""
    out = []
    for line in lines:
        m = _BREADCRUMB.match(line)
        rest = line[m.end():].strip() if m else ""
        if m is None or len(rest) < _BREADCRUMB_REST:
            out.append(line)
        else:
            out += [line[: m.end()].strip(), rest]
    return out


def _is_chrome(line: str) -> bool:
    if _BREADCRUMB.match(line):
        return True
    return bool(_LINK_ONLY.match(line) or _WIDGET.match(line) or _DATABASE_LINE.match(line))


def _head_end(lines: list[str]) -> int:
    """Where the body starts: the first sentence, or the first top-level section marker."""
    printed = 0  # blank lines (an HTML page's markup leaves many) count for nothing
    for i, line in enumerate(lines):
        text = line.strip()
        if ("。" in text and _BODY_LINE.match(text)) or _SECTION_START.match(text):
            return i
        printed += bool(text)
        if printed > _HEAD_LIMIT:
            return i
    return len(lines)


def _strip_header(parts: PageParts) -> None:
    _take_page_title(parts)
    lines = parts.lines
    end = _head_end(lines)
    last_chrome = -1
    fields: dict[str, str] = {}
    values: set[int] = set()  # lines that are the value of the label line above them
    for i, line in enumerate(lines[:end]):
        if i in values:
            continue
        pairs = pagefields.field_pairs(line)
        if len(pairs) == 1 and not pairs[0][1]:
            below = _value_below(lines, i, end)
            if below is not None:
                pairs = [(pairs[0][0], pagefields.field_value(lines[below]))]
                values.add(below)
                i = below
        for name, value in pairs:
            if not fields.get(name):  # the first printed value; one printed as absent is none
                fields[name] = value
        if pairs or _is_chrome(line):
            last_chrome = i
    # One field is a plan's own line (「名称：…」) unless it opens the text, where only a
    # page's header prints it (a static site's front matter gives the title alone).
    opening = next((line for line in lines if line.strip()), "")
    if len(fields) < 2 and not (fields and pagefields.field_pairs(opening)):
        return  # not a web page: leave the head to the cover-letter pass
    parts.fields.update(fields)
    for i, line in enumerate(lines[: last_chrome + 1]):
        if not line.strip():
            continue
        if i not in values and not pagefields.field_pairs(line) and not _is_chrome(line):
            parts.dropped.append(line.strip())
        parts.removed.append(("page header", line.strip()))
    parts.lines = lines[last_chrome + 1:]


def _value_below(lines: list[str], i: int, end: int) -> int | None:
    """The line holding the value of a label printed alone ("文　　号：" / "苏府〔2024〕33号"):
    the next non-blank line, when it is short, no sentence, no label and no chrome."""
    j = next((k for k in range(i + 1, end) if lines[k].strip()), None)
    if j is None:
        return None
    text = lines[j].strip()
    if len(text) > _VALUE_MAX or "。" in text or pagefields.field_pairs(text) or _is_chrome(text):
        return None
    return j


def _take_page_title(parts: PageParts) -> None:
    """The page's <title> line (``ingest.htmltext`` writes it first) is a field, always."""
    for i, line in enumerate(parts.lines[:5]):
        pairs = pagefields.field_pairs(line)
        if pairs and pairs[0][0] == "网页标题":
            parts.fields["网页标题"] = pairs[0][1]
            parts.removed.append(("page header", line.strip()))
            parts.lines = parts.lines[:i] + parts.lines[i + 1:]
            return


def _strip_toc(parts: PageParts) -> None:
    lines = parts.lines
    limit = max(1, int(len(lines) * 0.4))
    start = next((i for i, line in enumerate(lines[:limit]) if _TOC_TITLE.match(line)), None)
    if start is None:
        return
    seen: set[str] = set()
    end = start + 1
    for end in range(start + 1, len(lines) + 1):
        if end == len(lines):
            break
        line = lines[end]
        if not line.strip():
            continue
        key = _toc_key(line)
        if key in seen or not _is_toc_entry(line):
            break
        seen.add(key)
    if len(seen) >= 2:
        parts.removed += [("contents", line.strip()) for line in lines[start:end] if line.strip()]
        parts.lines = lines[:start] + lines[end:]


def _toc_key(line: str) -> str:
    text = _TOC_ENTRY_PREFIX.sub("", line)
    return re.sub(r"\s+", "", _TOC_PAGE.sub("", text)).rstrip("。")


def _is_toc_entry(line: str) -> bool:
    text = _TOC_ENTRY_PREFIX.sub("", line).strip()
    return 0 < len(text) <= _TOC_ENTRY_MAX and "。" not in text  # entries are not sentences
