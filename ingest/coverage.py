"""How much of a document's body text ended up in its clauses — nothing lost silently.

Body text is counted as CJK characters and digits (punctuation, spaces and markup vary
with repairs; words do not). Cleaning may drop page furniture — navigation, page fields,
a cover letter, a signature, a 抄送 footer, a table of contents — and such lines are not
body. But a dropped line that reads like body text (at least ``BODY_LINE_CHARS``
characters with a sentence end; ``COVER_LINE_CHARS`` in a cover letter) is counted as
body whatever the reason it was dropped, so a misjudged line lowers the figure instead
of vanishing.

``share`` is the multiset overlap of body characters with the characters of the clauses
(and the title, which is metadata); ``dropped`` names the body lines found in no clause.

>>> cov = measure(cleaned, clauses, titles=["某市数字经济发展规划"])
>>> cov.share, cov.dropped
(1.0, ())
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ingest.chartable import CharTable
from ingest.clean import CleanText
from kg.types import Clause

WARN_BELOW = 0.95  # ingestion warns and names the dropped lines below this share
REFUSE_BELOW = 0.5  # and refuses the file below this one: most of it would be lost
OVERSIZED_CLAUSE = 3000  # body characters: a clause this long was not segmented
UNSEGMENTED_SHARE = 0.8  # one clause holding this much of a long text: refused
BODY_LINE_CHARS = 30
COVER_LINE_CHARS = 120  # a notice's "现将《…》印发给你们" paragraph is shorter than this
_BODY = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff0-9]")
_SENTENCE_END = re.compile(r"[。；！？]")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_URL = re.compile(r"(?:https?://|www\.)[^\s)\]<>\"'“”「」]+", re.IGNORECASE)
_PAGE_NUMBER = re.compile(r"[^\d\u4e00-\u9fff]{0,3}\d{1,3}[^\d\u4e00-\u9fff]{0,3}")  # "12", "— 3 —"
_SHOWN = 40  # characters of a dropped line shown in a warning
_SHOWN_LINES = 5


@dataclass(frozen=True)
class Coverage:
    """Body characters in clauses, of all body characters, and the lines that were lost."""

    share: float
    body_chars: int
    kept_chars: int
    dropped: tuple[str, ...] = ()
    largest_clause: int = 0  # body characters of the longest clause

    def summary(self) -> str:
        """"coverage 97.0% (8,412 of 8,671 characters)": one decimal, so that a share just
        under a threshold never reads as the threshold itself."""
        return f"coverage {self.share:.1%} ({self.kept_chars:,} of {self.body_chars:,} characters)"


# Body characters are starters that canonical composition never joins to a neighbour (no
# composition pair holds one), so normalizing character by character keeps the same ones,
# in the same order, as normalizing the whole text.
_BODY_OF = CharTable(lambda ch: "".join(_BODY.findall(unicodedata.normalize("NFKC", ch))))


def body_chars(text: str) -> str:
    """The CJK characters and digits of ``text``, width-folded; a URL or a markdown link's
    target is an address, not text ("[申请表.docx](https://…/P0207.docx)" counts 申请表)."""
    return _URL.sub("", _LINK_TARGET.sub("]", text)).translate(_BODY_OF)


def measure(cleaned: CleanText, clauses: Sequence[Clause], titles: Iterable[str] = (),
            raw_text: str | None = None) -> Coverage:
    """Coverage of ``clauses`` over the body of ``cleaned``; ``titles`` are metadata the
    head of the text printed (they are no clause but nothing was lost). ``raw_text`` is
    the text before cleaning: counted from it, a line a repair lost is still body."""
    furniture_lines = _furniture_lines(cleaned)
    furniture = Counter(furniture_lines)
    body_lines = []
    for line in cleaned.source_lines:
        key = line.strip()
        if furniture[key] > 0:
            furniture[key] -= 1
        elif not _page_number(line):
            body_lines.append(line)
    if raw_text is None:
        body = Counter(body_chars("\n".join(body_lines)))
    else:
        numbers = "".join(line for line in raw_text.splitlines() if _page_number(line))
        body = Counter(body_chars(raw_text))
        body.subtract(Counter(body_chars(numbers + "\n".join(furniture_lines))))
        body = +body  # drop what furniture took below zero
    stream = body_chars("\n".join([c.text for c in clauses] + [t for t in titles if t]))
    have = Counter(stream)
    total = sum(body.values())
    kept = sum(min(n, have[ch]) for ch, n in body.items())
    share = kept / total if total else 1.0
    # Naming the lost lines costs a search per line: only when there is something to name.
    dropped = tuple(_lost_lines(body_lines, stream)) if share < WARN_BELOW else ()
    largest = max((len(body_chars(c.text)) for c in clauses), default=0)
    return Coverage(share=share, body_chars=total, kept_chars=kept, dropped=dropped,
                    largest_clause=largest)


def _page_number(line: str) -> bool:
    return bool(_PAGE_NUMBER.fullmatch(line.strip()))


def _furniture_lines(cleaned: CleanText) -> list[str]:
    """Dropped lines that are page furniture; a dropped line that reads like body is not."""
    return [line.strip() for reason, line in cleaned.removed if not _reads_like_body(reason, line)]


def _reads_like_body(reason: str, line: str) -> bool:
    """A long sentence is body text — except a cover letter's, which may run longer."""
    limit = COVER_LINE_CHARS if reason == "front matter" else BODY_LINE_CHARS
    return len(body_chars(line)) >= limit and bool(_SENTENCE_END.search(line))


def _lost_lines(lines: list[str], stream: str) -> list[str]:
    """Body lines whose text is in no clause (table lines: any cell in none)."""
    lost = []
    position = 0
    for line in lines:
        pieces = [c for c in line.strip().strip("|").split("|")] if line.lstrip().startswith("|") else [line]
        for piece in pieces:
            key = body_chars(piece)
            if len(key) < 4:
                continue
            found = stream.find(key, position)
            if found < 0:
                found = stream.find(key)
            if found < 0 and key[:1].isdigit():  # "1 数字经济产业：…": a footnote's number
                key = key.lstrip("0123456789")
                found = stream.find(key) if len(key) >= 4 else 0
            if found < 0:
                lost.append(line.strip())
                break
            position = found + len(key)
    return lost


def refusal_for(coverage: Coverage) -> str | None:
    """Why a document must not be stored, or None: most of its body would be lost, or
    one clause would hold nearly all of a long text (no structure was found)."""
    if coverage.share < REFUSE_BELOW:
        shown = "; ".join(_short(line) for line in coverage.dropped[:_SHOWN_LINES])
        return (f"only {coverage.summary()} of the body text would reach a clause, below "
                f"{REFUSE_BELOW:.0%}; lost: {shown or '(scattered text)'}")
    if (coverage.body_chars > 2 * OVERSIZED_CLAUSE
            and coverage.largest_clause > UNSEGMENTED_SHARE * coverage.body_chars):
        return (f"cannot be segmented: one clause would hold {coverage.largest_clause:,} of "
                f"{coverage.body_chars:,} characters (no paragraphs or numbering found)")
    return None


def warnings_for(coverage: Coverage) -> list[str]:
    """What ingestion tells the user about this coverage: dropped lines, oversized clauses."""
    notes = []
    if coverage.share < WARN_BELOW:
        shown = "; ".join(_short(line) for line in coverage.dropped[:_SHOWN_LINES])
        more = len(coverage.dropped) - _SHOWN_LINES
        extra = f" and {more} more line(s)" if more > 0 else ""
        notes.append(f"{coverage.summary()} is below {WARN_BELOW:.0%}: dropped "
                     f"{shown or '(scattered text)'}{extra}")
    if coverage.largest_clause > OVERSIZED_CLAUSE:
        notes.append(f"one clause holds {coverage.largest_clause:,} characters: the text has no "
                     "structure segmentation could find")
    return notes


def _short(line: str) -> str:
    return f"「{line[:_SHOWN]}…」" if len(line) > _SHOWN else f"「{line}」"
