"""Sample plan files in other formats, built by the tests themselves from seed text."""

from __future__ import annotations

from pathlib import Path

NOTO_CJK = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")

PLAN = """示例市数字经济发展实施方案

一、总体要求
到 2027 年，全市数字经济核心产业增加值年均增长 10%，网络零售额突破 5000 亿元。
二、主要任务
1. 建设算力基础设施。到 2027 年，高性能算力规模达到 8 EFLOPS。（责任单位：市数据局、市经信局）
2. 培育数据产业。到 2027 年，培育规模以上数据企业 1000 家。
三、支持政策
对首次进入全国软件百强的企业，一次性奖励 200 万元，市区各承担 50%。
"""

TABLE = [["指标", "单位", "目标"], ["数据企业", "家", "≥1000"], ["网络零售额", "亿元", "≥5000"]]


def make_pdf(path: Path, text: str = PLAN) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("noto", fname=str(NOTO_CJK), collection_font_number=2)
    pdf.set_font("noto", size=11)
    pdf.multi_cell(0, 7, text)
    pdf.output(str(path))
    return path


def make_scanned_pdf(path: Path) -> Path:
    """A PDF with only a drawing: what a scan without OCR looks like to a text extractor."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")
    pdf.output(str(path))
    return path


def make_docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    for line in PLAN.strip().splitlines():
        document.add_paragraph(line)
    table = document.add_table(rows=len(TABLE), cols=3)
    for r, row in enumerate(TABLE):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.save(str(path))
    return path


def make_html(path: Path) -> Path:
    body = "".join(f"<p>{line}</p>" for line in PLAN.strip().splitlines())
    rows = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in TABLE)
    path.write_text(
        "<html><head><style>p{color:red}</style><script>var x=1;</script></head><body>"
        "<nav><a href='#'>首页</a><a href='#'>政务公开</a></nav>"
        f"{body}<table>{rows}</table><footer>网站标识码 12345</footer></body></html>",
        encoding="utf-8")
    return path
