"""Footnotes and page numbers that PDF extraction drops into the running text.

A PDF page with footnotes ends with a rule (a line of spaces or underscores), then the
footnote bodies ("1 数字经济产业：…" or "2" on its own line followed by the body), and
the next page resumes the interrupted sentence, usually on a line with a leading space.
The footnote *marker* is a bare number on its own line between two pieces of a sentence
("未来智慧工厂\\n2\\n。建成"). A bare number whose footnote body exists is a marker and
becomes "[注N]" right after the word it annotates; any other bare 1–3 digit line is a
page number and is dropped.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

logger = logging.getLogger(__name__)

_RULE = re.compile(r"^(?:\s{20,}|\s*[_＿]{10,}\s*)$")
_BARE_NUMBER = re.compile(r"^\s*(\d{1,3})\s*$")
# Printed page numbers that are never footnote markers: "— 3 —", "- 12 -", "第 3 页", "3/20".
_PAGE_NUMBER = re.compile(r"^\s*(?:[-－—–]\s*\d{1,3}\s*[-－—–]|第\s*\d{1,3}\s*页(?:\s*[，,]?\s*共\s*\d{1,3}\s*页)?"
                          r"|\d{1,3}\s*/\s*\d{1,3})\s*$")
_NOTE_START = re.compile(r"^\s*(\d{1,3})(?:\s+(\S.*?))?\s*$")
_TOP_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)])")
_LATIN = re.compile(r"[A-Za-z0-9%+]")
_MAX_NOTE_LINES = 40  # a footnote area never runs longer than a page


@dataclass
class Lifted:
    """Text lines with footnote areas and page numbers removed."""

    lines: list[str]
    footnotes: dict[int, str] = field(default_factory=dict)
    page_numbers: int = 0
    markers: int = 0


def lift_footnotes(lines: list[str]) -> Lifted:
    """Move footnote bodies out of the text, mark their references, drop page numbers."""
    kept, notes = _remove_areas(lines)
    result = Lifted(lines=[], footnotes=notes)
    _mark_references(kept, result)
    if notes:
        logger.debug("lifted %d footnotes, dropped %d page numbers", len(notes), result.page_numbers)
    return result


def _remove_areas(lines: list[str]) -> tuple[list[str], dict[int, str]]:
    kept: list[str] = []
    notes: dict[int, str] = {}
    i = 0
    while i < len(lines):
        if _RULE.match(lines[i]):
            end, found = _read_area(lines, i + 1)
            if found:
                notes.update(found)
                i = end
                continue
        kept.append(lines[i])
        i += 1
    return kept, notes


def _read_area(lines: list[str], start: int) -> tuple[int, dict[int, str]]:
    """Footnotes after a rule at ``start - 1``: returns (index after the area, notes)."""
    found: dict[int, list[str]] = {}
    current: int | None = None
    expect_body = False
    end = start
    for end in range(start, min(len(lines), start + _MAX_NOTE_LINES)):
        line = lines[end]
        if not line.strip():
            continue
        start_match = _NOTE_START.match(line)
        if start_match and _opens_note(start_match, current):
            current = int(start_match.group(1))
            found[current] = [start_match.group(2)] if start_match.group(2) else []
            expect_body = start_match.group(2) is None
            continue
        if current is None:
            return start, {}  # a rule that does not open a footnote area
        resumes = line[0].isspace() and not expect_body
        if resumes or _TOP_HEADING.match(line):
            return end, _joined(found)
        found[current].append(line.strip())
        expect_body = False
    else:
        end = min(len(lines), start + _MAX_NOTE_LINES)
    return end, _joined(found)


def _opens_note(m: re.Match, current: int | None) -> bool:
    """A footnote number: the next one, or any higher one standing alone on its line
    (a body line may start with a number: "10 个重点行业…")."""
    number = int(m.group(1))
    if current is None or number == current + 1:
        return True
    return m.group(2) is None and number > current


def _joined(found: dict[int, list[str]]) -> dict[int, str]:
    notes = {}
    for number, parts in found.items():
        text = ""
        for part in parts:
            sep = " " if text and _LATIN.match(text[-1]) and _LATIN.match(part[0]) else ""
            text = f"{text}{sep}{part}"
        if text:
            notes[number] = text.strip()
    return notes


def _mark_references(lines: list[str], result: Lifted) -> None:
    out = result.lines
    used: set[int] = set()
    i = 0
    while i < len(lines):
        if _PAGE_NUMBER.match(lines[i]):
            result.page_numbers += 1
            i += 1
            continue
        m = _BARE_NUMBER.match(lines[i])
        if not m:
            out.append(lines[i])
            i += 1
            continue
        number = int(m.group(1))
        after = lines[i + 1] if i + 1 < len(lines) else ""
        glued = bool(out and out[-1].strip() and after.strip())
        if number in result.footnotes and number not in used and glued:
            out[-1] = f"{out[-1].rstrip()}[注{number}]{after.lstrip()}"
            used.add(number)
            result.markers += 1
            i += 2
            continue
        result.page_numbers += 1  # a page number: drop the line
        i += 1
