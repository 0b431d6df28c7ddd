"""HTML (a whole page or a fragment) → plain text lines, one line per block element.

Browsers break lines at block elements (<p>, <div>, <li>, <tr>, <br> …) and nowhere
else; a paragraph whose words sit in several <span>s is one line, and a line break in
the page source between two Chinese characters is no space. Tables: a data table (rows
with two or more filled cells) becomes markdown rows, which segmentation turns into one
clause per row; a layout table (one cell per row, or a cell holding a whole article, or
a table holding tables) is unwrapped into its cells' text; a page's metadata table
(索引号 | … | 文号 | …) becomes "文号：…" field lines. Scripts, styles, navigation,
headers, footers and form controls are dropped; the page's ``<meta>`` title and date are
kept as "名称："/"发布日期：" field lines for ``ingest.webpage``.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import Comment, Doctype, ProcessingInstruction

from ingest.htmltable import grid, title_rows
from ingest.webpage import is_field_name

# <head>'s own tags, not <head>: a page that opens with <style> (a static site's page
# after its front matter) has its body parsed into <head> by lxml.
_DROP = ("script", "style", "nav", "header", "footer", "noscript", "iframe", "select", "button",
         "input", "textarea", "object", "svg", "template", "title", "meta", "link", "base")
_BLOCKS = frozenset({
    "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
    "table", "tbody", "thead", "section", "article", "blockquote", "pre", "center", "hr",
    "form", "main", "aside", "figure", "figcaption", "caption", "address", "body", "html", "td",
    "th", "tfoot",
})
_LABEL_NOISE = re.compile(r"[\s：:【】]")
_BR = "\ue000"  # a <br> while whitespace is collapsed (a private-use character)
_LAYOUT_CELL_CHARS = 300  # a cell this long in a table of few rows is page layout
_PAGE_CELL_CHARS = 1500  # and in any table
_HAN_BREAK = re.compile(r"(?<=[\u4e00-\u9fff，。、；：！？“”（）《》])\s*\n\s*(?=[\u4e00-\u9fff，。、；：！？“”（）《》])")
_HAN_SPACE = re.compile(r"(?<=[\u4e00-\u9fff，。、；：！？）》”]) (?=[\u4e00-\u9fff，。、；：！？（《“])")
_META_FIELDS = {"articletitle": "名称", "pubdate": "发布日期"}


def html_to_text(markup: str) -> str:
    """The visible text of ``markup``, one block per line, tables as markdown rows."""
    soup = BeautifulSoup(markup, "lxml")
    fields = _meta_fields(soup)
    for tag in soup(list(_DROP)):
        tag.decompose()
    for node in soup.find_all(string=lambda s: isinstance(s, (Comment, Doctype, ProcessingInstruction))):
        node.extract()
    for table in reversed(soup.find_all("table")):  # innermost first
        _replace_table(soup, table)
    lines = _block_lines(soup)
    return "\n".join(fields + lines)


def _meta_fields(soup: BeautifulSoup) -> list[str]:
    """Field lines from the page's <meta> tags, and its <title> as "网页标题"."""
    found = []
    if soup.title is not None and soup.title.get_text(strip=True):
        found.append(f"网页标题：{' '.join(soup.title.get_text().split())}")
    for meta in soup.find_all("meta"):
        name = str(meta.get("name", "")).lower()
        content = " ".join(str(meta.get("content", "")).split())
        if name in _META_FIELDS and content:
            found.append(f"{_META_FIELDS[name]}：{content}")
    return found


def _block_lines(soup: BeautifulSoup) -> list[str]:
    """Walk the tree, collecting inline text and breaking at block elements and <br>."""
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        text = _inline_text("".join(current))
        current.clear()
        lines.extend(part for part in text.split("\n"))

    def walk(node: Tag) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                current.append(str(child))
            elif isinstance(child, Tag):
                name = child.name.lower()
                if name == "br":
                    current.append(_BR)
                elif name in _BLOCKS:
                    flush()
                    walk(child)
                    flush()
                else:
                    walk(child)

    walk(soup)
    flush()
    return [line.strip() for line in lines]


def _inline_text(text: str) -> str:
    """Inline text as a reader sees it: a source line break between Chinese is nothing,
    other runs of whitespace are one space; <br> (``_BR``) breaks the line."""
    text = _HAN_BREAK.sub("", text)
    text = re.sub(r"[ \t\n\r\f\v]+", " ", text)
    return text.replace(_BR, "\n")


def _replace_table(soup: BeautifulSoup, table: Tag) -> None:
    titles, rows = title_rows(grid(table, _cell_text))
    filled = [row for row in rows if len({cell for cell in row if cell.strip()}) >= 2]
    if table.find("table") is not None or len(filled) < 2 or _holds_page(rows):
        table.unwrap()  # page layout, not data
        return
    fields = _field_lines(rows)
    block = soup.new_tag("div")
    if fields:
        block.string = _BR.join(fields)
    else:
        from ingest.formats import markdown_table

        block.string = _BR.join([*titles, markdown_table(rows).replace("\n", _BR)])
    table.replace_with(block)


def _holds_page(rows: list[list[str]]) -> bool:
    """A cell with a whole article in it: the table lays out a page. Long cells in a
    table of many rows are data (an annex's 评分标准)."""
    longest = max((len(cell) for row in rows for cell in row), default=0)
    return longest > _PAGE_CELL_CHARS or (longest > _LAYOUT_CELL_CHARS and len(rows) <= 3)


def _field_lines(rows: list[list[str]]) -> list[str]:
    """A page's metadata table (索引号 | … | 文号 | …) as "label：value" lines, or []."""
    cells = [cell for row in rows for cell in row]
    if sum(1 for cell in cells if is_field_name(cell)) < 2:
        return []
    lines = []
    for row in rows:
        for i, cell in enumerate(row):
            if is_field_name(cell):
                value = row[i + 1] if i + 1 < len(row) and not is_field_name(row[i + 1]) else ""
                lines.append(f"{_LABEL_NOISE.sub('', cell)}：{value}")
    return lines


def _cell_text(cell: Tag) -> str:
    text = cell.get_text(" ", strip=True)
    return _HAN_SPACE.sub("", " ".join(text.split()))
