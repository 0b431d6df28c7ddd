"""Make ×N corpora from the seeds: every copy a distinct document.

Copy k of a plan has its region names, years and numbers rewritten (湖北 → 云川, 武汉 →
川云, 2025 → 2026, 200 → 203 …), so no two files share a hash, a title or a target, yet each
keeps the seeds' structure and their extraction damage — what ingestion must cope with.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

_FIRST = "云青临安嘉德宁泰景和"
_SECOND = "川州阳江山平原海林峰"
_NUMBER = re.compile(r"(?<![\d.])(\d{2,})(?![\d.])")


def names(k: int) -> tuple[str, str]:
    """(province, city) names for copy ``k``; 100 distinct pairs."""
    a, b = _FIRST[k % 10], _SECOND[(k // 10) % 10]
    return a + b, b + a


def rewrite(text: str, k: int) -> str:
    province, city = names(k)
    text = text.replace("湖北", province).replace("武汉", city).replace("鄂", province[0])

    def shift(match: re.Match[str]) -> str:
        value = int(match.group(1))
        if 2000 <= value <= 2100:
            return str(value + k % 7)  # years stay years
        return str(value + k)

    return _NUMBER.sub(shift, text)


def make_corpus(seeds: Path, out: Path, scale: int) -> Path:
    """``out`` holds the seeds plus ``scale - 1`` rewritten copies of each (UTF-8 text)."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for path in sorted(seeds.glob("*.txt")):
        shutil.copy(path, out / path.name)
        text = path.read_text(encoding="utf-8")
        for k in range(1, scale):
            (out / f"{path.stem}_x{k:03d}.txt").write_text(rewrite(text, k), encoding="utf-8")
    if (seeds / "manifest.json").exists():
        shutil.copy(seeds / "manifest.json", out / "manifest.json")
    return out
