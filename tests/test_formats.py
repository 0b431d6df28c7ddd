"""PDF, DOCX and HTML plans go through the same cleaning and segmentation as TXT."""

from __future__ import annotations

import pytest

from ingest.loaders import load_text
from ingest.parse import parse_file
from kg.errors import EmptyDocument, InputError
from tests.format_samples import NOTO_CJK, make_docx, make_html, make_pdf, make_scanned_pdf

needs_cjk_font = pytest.mark.skipif(not NOTO_CJK.exists(), reason="fonts-noto-cjk not installed (make system-deps)")


def _texts(path):  # type: ignore[no-untyped-def]
    return [c.text for c in parse_file(path).clauses]


@needs_cjk_font
def test_pdf_text_layer_is_segmented(tmp_path) -> None:  # type: ignore[no-untyped-def]
    texts = _texts(make_pdf(tmp_path / "plan.pdf"))
    joined = "".join(t.replace(" ", "") for t in texts)
    assert "一次性奖励200万元" in joined and "（责任单位：市数据局、市经信局）" in joined
    assert any(t.startswith("1. 建设算力基础设施") for t in texts)


def test_scanned_pdf_is_refused_with_the_reason(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = make_scanned_pdf(tmp_path / "scan.pdf")
    with pytest.raises(EmptyDocument, match=r"scan\.pdf.*no text layer"):
        load_text(path)


def test_broken_pdf_is_refused(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n this is not really a pdf")
    with pytest.raises(InputError, match="broken.pdf"):
        load_text(path)


def test_docx_paragraphs_and_table_rows(tmp_path) -> None:  # type: ignore[no-untyped-def]
    doc = parse_file(make_docx(tmp_path / "plan.docx"))
    rows = [c for c in doc.clauses if c.kind == "table_row"]
    assert len(rows) == 2 and "单位：家" in rows[0].text.replace(" ", "")
    assert any("网络零售额突破 5000 亿元" in c.text for c in doc.clauses)


def test_html_drops_chrome_and_keeps_the_table(tmp_path) -> None:  # type: ignore[no-untyped-def]
    doc = parse_file(make_html(tmp_path / "plan.html"))
    texts = " ".join(c.text for c in doc.clauses)
    assert "首页" not in texts and "网站标识码" not in texts and "var x" not in texts
    assert "一次性奖励 200 万元" in texts
    assert len([c for c in doc.clauses if c.kind == "table_row"]) == 2


def test_corrupt_docx_is_refused(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bad.docx"
    path.write_bytes(b"PK\x03\x04 not a zip really")
    with pytest.raises(InputError, match="bad.docx"):
        load_text(path)
