"""Which PDF text extractor reads Chinese plans best? (`python -m bench.pdf_extractors`)

Each seed plan's opening is typeset into a PDF with Debian's Noto CJK font; PDFium
(pypdfium2), pdfplumber (pdfminer) and pypdf then extract it, and the result is compared
with the original (white space ignored). The chosen extractor is in ingest/formats.py.
"""

from __future__ import annotations

import difflib
import re
import tempfile
import time
from pathlib import Path

from bench.run import replace_section
from tests.format_samples import make_pdf

ROOT = Path(__file__).resolve().parent.parent


def extract_pdfium(path: Path) -> str:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def extract_pdfplumber(path: Path) -> str:
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def extract_pypdf(path: Path) -> str:
    import pypdf

    return "\n".join(page.extract_text() or "" for page in pypdf.PdfReader(str(path)).pages)


def main() -> None:
    extractors = {"PDFium (pypdfium2)": extract_pdfium, "pdfplumber": extract_pdfplumber,
                  "pypdf": extract_pypdf}
    scores: dict[str, list[tuple[float, float]]] = {name: [] for name in extractors}
    with tempfile.TemporaryDirectory() as tmp:
        for seed in sorted((ROOT / "seeds").glob("*.txt")):
            text = seed.read_text(encoding="utf-8")[:4000]
            pdf = make_pdf(Path(tmp) / f"{seed.stem}.pdf", text)
            reference = re.sub(r"\s", "", text)
            for name, extract in extractors.items():
                started = time.perf_counter()
                try:
                    got = extract(pdf)
                except Exception:  # a crashing extractor scores zero
                    got = ""
                seconds = time.perf_counter() - started
                ratio = difflib.SequenceMatcher(None, reference, re.sub(r"\s", "", got)).ratio()
                scores[name].append((ratio, seconds))
    lines = ["PDF text extraction on CJK PDFs typeset from the five seeds' openings (similarity to the original text, white space ignored):", "",
             "| extractor | mean similarity | worst | seconds per PDF |", "|---|---|---|---|"]
    for name, rows in scores.items():
        ratios = [r for r, _ in rows]
        lines.append(f"| {name} | {sum(ratios) / len(ratios):.3f} | {min(ratios):.3f} | {sum(s for _, s in rows) / len(rows):.3f} |")
    body = "\n".join(lines)
    replace_section(ROOT / "BENCHMARKS.md", body, name="pdf")
    print(body)


if __name__ == "__main__":
    main()
