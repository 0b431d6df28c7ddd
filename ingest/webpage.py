"""Web-page chrome around a plan copied from a government site.

Kept aside, not thrown away: the page's metadata lines (索引号, 发文日期, 文号, 名称 …,
and a legal database's 【发文字号】 【发布日期】 … header) become ``fields`` for
``ingest.metadata``. Dropped: the site header and navigation up to the last metadata
line, link-only lines ("- [首页](#)"), 【字体大小】 and similar widgets, a database's
【法宝引证码】 and 原文链接 lines, the table of contents after a 目录 line, and the footer
from 相关解读 / 网站标识码 / ICP onwards when nothing after it reads like a sentence. A
breadcrumb (当前位置：首页 > …) is dropped, but text that follows it on its line is split
off first (``split_breadcrumbs``): some portals hold the whole plan on that line. Every
dropped line is listed in ``removed`` with the reason, for the coverage check. Nothing
here knows a particular site; it goes by line shapes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_FIELD_NAMES = (r"网页标题|索引号|主题分类|分类|发布机构|发布部门|发文机关|制定机关|成文日期|发文日期|发布日期"
                r"|公布日期|名称|标题|文号|发文字号|效力状态|有效性|时效性|效力级别|法规类别|主题词"
                r"|来源|发布时间|实施日期|施行日期")
# "文　　号：" is 文号 letter-spaced.
_SPACED_NAMES = "|".join(r"\s*".join(name) for name in _FIELD_NAMES.split("|"))
_FIELD = re.compile(
    rf"^\s*(?:[-*]\s*)?(?:({_SPACED_NAMES})\s*[：:]|【\s*({_SPACED_NAMES})\s*】\s*[：:]?)\s*(.*?)\s*$"
)
_FIELD_NAME = re.compile(rf"(?:{_FIELD_NAMES})")


def is_field_name(text: str) -> bool:
    """Whether ``text`` is a page-field label ("文 号：", "【发文字号】", "成文日期")."""
    return bool(_FIELD_NAME.fullmatch(re.sub(r"[\s：:【】]", "", text)))
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
    r"|^\s*\d{4}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*(?:来源|作者|浏览|点击)[^。]{0,30}$"
    r"|^\s*[*【]*\s*[大中小]\s*[*】]*\s*$",
    re.IGNORECASE,
)
_FOOTER_START = re.compile(
    r"^\s*(?:相关解读|相关稿件|相关链接|相关文件|相关阅读|相关新闻|扫一扫|政府网站标识码|网站标识码"
    r"|网站声明|网站地图|主办单位|.*ICP备|.*公网安备|图解\s*$|一图读懂|(?:部门|媒体|政策|专家|视频|图文)解读\s*$"
    r"|打印本页|关闭窗口|解读链接)"
)
_TOC_TITLE = re.compile(r"^\s*目\s*录\s*$")
_TOC_ENTRY_PREFIX = re.compile(r"^\s*[-*+]\s+")
_TOC_PAGE = re.compile(r"[.·…\s]*\d{1,3}\s*$")
_HEAD_LIMIT = 80  # the page header never runs longer than this
_BODY_LINE = re.compile(r"^.{15,}$")
_SECTION_START = re.compile(r"^(?:第[一二三四五六七八九十\d]{1,3}[章条]|[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)])")
_FOOTER_LINE_MAX = 80
# A footer line is never a sentence of 30 characters: text like that is body, kept.
_SENTENCE = re.compile(r"[\u4e00-\u9fff].{28,}[。；！？]")
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
    kept = []
    for line in parts.lines:
        if _is_chrome(line):
            parts.removed.append(("navigation", line.strip()))
        else:
            kept.append(line)
    parts.lines = kept
    _strip_footer(parts)
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
    for i, line in enumerate(lines[:_HEAD_LIMIT]):
        text = line.strip()
        if ("。" in text and _BODY_LINE.match(text)) or _SECTION_START.match(text):
            return i
    return min(len(lines), _HEAD_LIMIT)


def _strip_header(parts: PageParts) -> None:
    _take_page_title(parts)
    lines = parts.lines
    end = _head_end(lines)
    last_chrome = -1
    fields: dict[str, str] = {}
    for i, line in enumerate(lines[:end]):
        m = _FIELD.match(line)
        if m and len(line.strip()) <= 120:
            fields.setdefault(re.sub(r"\s", "", m.group(1) or m.group(2)), m.group(3))
            last_chrome = i
        elif _is_chrome(line):
            last_chrome = i
    if len(fields) < 2:
        return  # not a web page: leave the head to the cover-letter pass
    parts.fields.update(fields)
    for line in lines[: last_chrome + 1]:
        if not line.strip():
            continue
        if not _FIELD.match(line) and not _is_chrome(line):
            parts.dropped.append(line.strip())
        parts.removed.append(("page header", line.strip()))
    parts.lines = lines[last_chrome + 1:]


def _take_page_title(parts: PageParts) -> None:
    """The page's <title> line (``ingest.htmltext`` writes it first) is a field, always."""
    for i, line in enumerate(parts.lines[:5]):
        m = _FIELD.match(line)
        if m and (m.group(1) or m.group(2)) == "网页标题":
            parts.fields["网页标题"] = m.group(3)
            parts.removed.append(("page header", line.strip()))
            parts.lines = parts.lines[:i] + parts.lines[i + 1:]
            return


def _strip_footer(parts: PageParts) -> None:
    lines = parts.lines
    for i in range(len(lines) // 2, len(lines)):
        if not _FOOTER_START.match(lines[i]):
            continue
        tail = [line for line in lines[i:] if line.strip()]
        if all(len(line.strip()) <= _FOOTER_LINE_MAX and not _SENTENCE.search(line) for line in tail):
            parts.removed += [("page footer", line.strip()) for line in tail]
            parts.lines = lines[:i]
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
