"""Write the extractive answer: the direct answer first, facts marked [n], then the sources.

Every sentence of an answer is cut from a clause it cites, so every number it states
is in that clause. Citations are numbered in order of first use.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from qa.types import Citation, ClauseRecord

NOT_FOUND = "已加载的规划文件中没有找到能回答这个问题的内容。"
NOT_FOUND_EN = "The loaded plans do not answer this question."


@dataclass(frozen=True)
class Point:
    """One line of an answer: optional lead ("湖北省："), a text cut from ``clause``."""

    clause: ClauseRecord
    text: str
    lead: str = ""


class CitationBook:
    """Numbers clauses in order of first citation."""

    def __init__(self) -> None:
        self._order: dict[str, int] = {}
        self._clauses: list[ClauseRecord] = []

    def cite(self, clause: ClauseRecord) -> int:
        if clause.clause_id not in self._order:
            self._order[clause.clause_id] = len(self._order) + 1
            self._clauses.append(clause)
        return self._order[clause.clause_id]

    def citations(self) -> list[Citation]:
        return [
            Citation(n=i + 1, doc_id=c.doc_id, doc_title=c.doc_title, clause_id=c.clause_id,
                     label=c.label, text=c.text, doc_number=c.doc_number)
            for i, c in enumerate(self._clauses)
        ]


def compose(points: Sequence[Point], *, intro: str = "", separator: str = "\n",
            notes: Sequence[str] = ()) -> tuple[str, list[Citation]]:
    """The answer text and its citations; ``notes`` say what the plans do not cover."""
    book = CitationBook()
    lines = [intro] if intro else []
    for point in points:
        n = book.cite(point.clause)
        text = point.text.rstrip()
        lines.append(f"{point.lead}{text}[{n}]")
    lines += list(notes)
    citations = book.citations()
    return f"{separator.join(lines)}\n\n{sources(citations)}", citations


def sources(citations: Sequence[Citation]) -> str:
    lines = ["来源："]
    for c in citations:
        number = f"（{c.doc_number}）" if c.doc_number else ""
        lines.append(f"[{c.n}] 《{c.doc_title}》{number} {c.label}".rstrip())
    return "\n".join(lines)
