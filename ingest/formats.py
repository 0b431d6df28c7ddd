"""Loaders for PDF, DOCX and HTML plans: each turns the file into plain text that the same
cleaning and segmentation then handle as they handle TXT.

- PDF: the text layer through PDFium (``pypdfium2``). Measured on a CJK PDF made from a
  seed plan (`python -m bench.pdf_extractors`): PDFium reproduced the text exactly,
  pypdf garbled half of it and took 200× longer, pdfplumber returned nothing for the
  CID-keyed font. A PDF without a text layer (a scan) is refused: run OCR first.
- DOCX: paragraphs in order; tables as markdown rows, which segmentation turns into one
  clause per row.
- HTML: ``ingest.htmltext``: the page's text, one line per block element, without
  scripts, styles, navigation, headers and footers; data tables as markdown rows.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from kg.errors import EmptyDocument, InputError

# Below this many visible characters per page, a PDF has no usable text layer.
_MIN_CHARS_PER_PAGE = 20


def load_pdf(path: Path, raw: bytes) -> str:
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(raw)
    except pypdfium2.PdfiumError as exc:
        raise InputError(f"{path}: not a readable PDF ({exc})") from exc
    try:
        pages = [page.get_textpage().get_text_range() for page in document]
    finally:
        document.close()
    text = "\n".join(p.replace("\r\n", "\n").replace("\r", "\n") for p in pages)
    visible = len(re.sub(r"\s", "", text))
    if visible < _MIN_CHARS_PER_PAGE * max(1, len(pages)):
        raise EmptyDocument(
            f"{path}: the PDF has no text layer ({visible} characters on {len(pages)} pages); "
            "it is probably scanned — run OCR and ingest the result"
        )
    return text


def load_docx(path: Path, raw: bytes) -> str:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(raw))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError(f"{path}: not a readable DOCX file ({exc})") from exc
    blocks: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            blocks.append("".join(node.text or "" for node in child.iter() if node.tag.endswith("}t")))
        elif tag == "tbl":
            blocks.append(_docx_table(child))
    return "\n\n".join(b for b in blocks if b.strip())


def _docx_table(table) -> str:  # type: ignore[no-untyped-def]
    rows = []
    for tr in table.iter():
        if tr.tag.endswith("}tr"):
            cells = ["".join(t.text or "" for t in tc.iter() if t.tag.endswith("}t"))
                     for tc in tr if tc.tag.endswith("}tc")]
            rows.append(cells)
    return markdown_table(rows)


def load_html(path: Path, raw: bytes) -> str:
    from ingest.loaders import decode_text
    from ingest.sniff import html_page

    return html_page(decode_text(raw, name=str(path)))


def markdown_table(rows: list[list[str]]) -> str:
    """Rows of cells as markdown table lines, the first row as the header."""
    rows = [[" ".join(c.split()).replace("|", "｜") for c in r] for r in rows if any(c.strip() for c in r)]
    if not rows:
        return ""
    width = max(len(r) for r in rows)
    lines = ["| " + " | ".join(r + [""] * (width - len(r))) + " |" for r in rows]
    lines.insert(1, "|" + "---|" * width)
    return "\n".join(lines)
