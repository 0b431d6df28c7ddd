"""What a plain-text file really holds: HTML, Markdown or text — whatever its extension.

Users save web pages as .txt, paste HTML fragments (``<p>``, ``<span>``, ``&nbsp;``,
``&mdash;``) into text files and keep Markdown with YAML front matter. ``plain_text``
turns each into the plain text the cleaning passes expect:

* HTML (a page, or tags on many lines, or a fragment on one line) goes through
  ``ingest.htmltext`` like an .html file;
* HTML entities left in plain text are decoded;
* YAML front matter ("---" … "---" at the top) becomes the page-field lines
  ``ingest.webpage`` reads ("标题：…", "发布日期：…"); keys it does not know are dropped;
* Markdown needs nothing here: ``ingest.clean`` removes its syntax and reads its tables.

>>> plain_text("<p>一、总体要求</p><p>到2025年，建成&nbsp;100&nbsp;个。</p>" * 3)[1]
'html'
"""

from __future__ import annotations

import html
import re

from ingest.htmltext import html_to_text

_TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*>")
_KNOWN_TAGS = frozenset({
    "p", "span", "div", "br", "font", "strong", "b", "a", "table", "tr", "td", "th", "img",
    "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "em", "section", "article", "center",
    "tbody", "u", "i", "sup", "sub",
})
_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{2,6}|#x[0-9a-fA-F]{2,5});")
_MARKDOWN = re.compile(r"^(?:#{1,6}\s|\|.*\|\s*$|[-*+]\s+\S|>\s)|\*\*[^*]+\*\*|\]\([^)]*\)")
_YAML_LINE = re.compile(r"^\s*([A-Za-z_\u4e00-\u9fff][\w\u4e00-\u9fff -]{0,30}?)\s*:\s*(.*?)\s*$")
_YAML_FIELDS = {
    "title": "标题", "name": "标题", "标题": "标题", "名称": "标题",
    "date": "发布日期", "published": "发布日期", "publish_date": "发布日期", "pubdate": "发布日期",
    "issued": "成文日期", "成文日期": "成文日期", "发文日期": "发文日期", "发布日期": "发布日期",
    "doc_number": "文号", "文号": "文号", "发文字号": "文号", "official_number": "文号",
    "document_number": "文号", "doc_no": "文号",
    "issuer": "发文机关", "发文机关": "发文机关", "发布机构": "发布机构", "source": "来源",
    "url": "来源", "link": "来源", "来源": "来源",
}
_SITE = re.compile(r"www\.|https?://|\.(?:gov|com|org|net)(?:\.cn)?\b", re.I)
_MIN_TAGS = 5
_TAGGED_SHARE = 0.2  # of the non-table lines, for a fragment pasted on few lines


def plain_text(text: str) -> tuple[str, str]:
    """``(text, format)``: the text as plain text, and what it was (html|markdown|text)."""
    fields, body = _front_matter(text)
    if looks_like_html(body):
        return _joined(fields, html_to_text(body)), "html"
    if _ENTITY.search(body):
        body = html.unescape(body)
    return _joined(fields, body), "markdown" if looks_like_markdown(body) else "text"


def html_page(text: str) -> str:
    """An .html file as plain text; a static site's page (Jekyll, Hugo) opens with YAML
    front matter before its markup, and that front matter names the page's title."""
    fields, body = _front_matter(text)
    return _joined(fields, html_to_text(body))


def _joined(fields: list[str], body: str) -> str:
    return "\n".join([*fields, body]) if fields else body


def looks_like_html(text: str) -> bool:
    """A page (<html>, <body>, <!DOCTYPE>), or known tags on five lines or on a fifth of
    the lines (a fragment pasted on one line). Lines of a markdown table do not count:
    their cells may hold <br> or <p>."""
    head = text[:4000].lower()
    if re.search(r"<!doctype\s+html|<html[\s>]|<body[\s>]", head):
        return True
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("|")]
    counts = [_known_tags(line) for line in lines]
    tagged = sum(1 for n in counts if n)
    if sum(counts) < _MIN_TAGS:
        return False
    return tagged >= _MIN_TAGS or tagged >= _TAGGED_SHARE * max(1, len(lines))


def looks_like_markdown(text: str) -> bool:
    lines = [line for line in text.splitlines()[:400] if line.strip()]
    return sum(1 for line in lines if _MARKDOWN.search(line)) >= 3


def _front_matter(text: str) -> tuple[list[str], str]:
    """The page-field lines of the YAML front matter at the top of ``text``, and the rest."""
    lines = text.lstrip("\ufeff").split("\n")
    if not lines or lines[0].strip() != "---":
        return [], text
    end = next((i for i in range(1, min(len(lines), 60)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        return [], text
    fields = []
    key = ""
    for line in lines[1:end]:
        m = _YAML_LINE.match(line)
        if m and key == "region" and line[:1].isspace() and m.group(1).strip() == "name":
            fields.append(f"地区：{m.group(2).strip()}")  # 「region:\n  name: 乌海市乌达区」
            continue
        if m and not line[:1].isspace():  # a top-level key: nested ones are not the plan's
            key = m.group(1).strip().lower()
            value = m.group(2).strip().strip("'\"")
        elif key and line.lstrip().startswith("- ") and not line[:1].isspace():
            value = line.lstrip()[2:].strip().strip("'\"")  # the first item of a list value
        else:
            key = "" if not line[:1].isspace() else key
            continue
        if key in _YAML_FIELDS and value:
            # 「issuer: 政府门户.www.wuda.gov.cn」: a web site posted it; it names no issuer.
            if not (_YAML_FIELDS[key] == "发文机关" and _SITE.search(value)):
                fields.append(f"{_YAML_FIELDS[key]}：{value}")
            key = ""
    return fields, "\n".join(lines[end + 1:])


def _known_tags(line: str) -> int:
    return sum(1 for m in _TAG.finditer(line) if m.group(1).lower() in _KNOWN_TAGS)
