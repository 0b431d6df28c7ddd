"""Web-page chrome around a plan copied from a government site.

Kept aside, not thrown away: the page's metadata lines (索引号, 发文日期, 文号, 名称 …)
become ``fields`` for ``ingest.metadata``. Dropped: the site header and navigation up to
the last metadata line, link-only lines ("- [首页](#)"), 【字体大小】 and similar widgets,
the table of contents after a 目录 line, and the footer from 相关解读 / 网站标识码 / ICP
onwards. Nothing here knows a particular site; it goes by line shapes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_FIELD = re.compile(
    r"^\s*(?:[-*]\s*)?(索引号|主题分类|分类|发布机构|发文机关|成文日期|发文日期|发布日期|名称|标题"
    r"|文号|发文字号|效力状态|有效性|主题词|来源|发布时间)\s*[：:]\s*(.*?)\s*$"
)
_LINK = r"\[(?:\\.|[^\]\\])*\]\((?:#[^)]*|javascript:[^)]*)?\)"
_LINK_ONLY = re.compile(rf"^\s*(?:[-*+]\s*)?(?:{_LINK}\s*)+$")
_WIDGET = re.compile(
    r"^\s*(?:【[^】]*(?:字体|打印|关闭|收藏|分享)[^】]*】\s*)+$"
    r"|^\s*(?:当前位置|您的位置|您现在的位置)\s*[：:]"
    r"|^\s*(?:搜索|分享到.*|扫一扫.*|(?:https?://|www\.)\S+)\s*$",
    re.IGNORECASE,
)
_FOOTER_START = re.compile(
    r"^\s*(?:相关解读|相关稿件|相关链接|相关文件|扫一扫|政府网站标识码|网站标识码|网站声明|网站地图"
    r"|主办单位|.*ICP备|.*公网安备)"
)
_TOC_TITLE = re.compile(r"^\s*目\s*录\s*$")
_TOC_ENTRY_PREFIX = re.compile(r"^\s*[-*+]\s+")
_TOC_PAGE = re.compile(r"[.·…\s]*\d{1,3}\s*$")
_HEAD_LIMIT = 80  # the page header never runs longer than this
_BODY_LINE = re.compile(r"^.{40,}$")
_FOOTER_LINE_MAX = 80
_TOC_ENTRY_MAX = 40


@dataclass
class PageParts:
    """The plan's lines with the page around it taken off."""

    lines: list[str]
    fields: dict[str, str] = field(default_factory=dict)
    dropped: list[str] = field(default_factory=list)  # header lines that were not fields


def strip_page(lines: list[str]) -> PageParts:
    """Remove web-page chrome, keeping the page's metadata fields."""
    parts = PageParts(lines=list(lines))
    _strip_header(parts)
    parts.lines = [line for line in parts.lines if not _is_chrome(line)]
    _strip_footer(parts)
    _strip_toc(parts)
    return parts


def _is_chrome(line: str) -> bool:
    return bool(_LINK_ONLY.match(line) or _WIDGET.match(line))


def _head_end(lines: list[str]) -> int:
    for i, line in enumerate(lines[:_HEAD_LIMIT]):
        if "。" in line and _BODY_LINE.match(line.strip()):
            return i
    return min(len(lines), _HEAD_LIMIT)


def _strip_header(parts: PageParts) -> None:
    lines = parts.lines
    end = _head_end(lines)
    last_chrome = -1
    for i, line in enumerate(lines[:end]):
        m = _FIELD.match(line)
        if m and len(line.strip()) <= 120:
            parts.fields.setdefault(m.group(1), m.group(2))
            last_chrome = i
        elif _is_chrome(line):
            last_chrome = i
    if len(parts.fields) < 2:
        return  # not a web page: leave the head to the cover-letter pass
    for line in lines[: last_chrome + 1]:
        if line.strip() and not _FIELD.match(line) and not _is_chrome(line):
            parts.dropped.append(line.strip())
    parts.lines = lines[last_chrome + 1:]


def _strip_footer(parts: PageParts) -> None:
    lines = parts.lines
    for i in range(len(lines) // 2, len(lines)):
        if not _FOOTER_START.match(lines[i]):
            continue
        tail = [line for line in lines[i:] if line.strip()]
        if all(len(line.strip()) <= _FOOTER_LINE_MAX for line in tail):
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
        parts.lines = lines[:start] + lines[end:]


def _toc_key(line: str) -> str:
    text = _TOC_ENTRY_PREFIX.sub("", line)
    return re.sub(r"\s+", "", _TOC_PAGE.sub("", text)).rstrip("。")


def _is_toc_entry(line: str) -> bool:
    text = _TOC_ENTRY_PREFIX.sub("", line).strip()
    return 0 < len(text) <= _TOC_ENTRY_MAX and "。" not in text  # entries are not sentences
