"""Records of question answering: retrieval hits, graph facts, citations, answers."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class ClauseRecord:
    """A clause with what a citation needs of its document."""

    clause_id: str
    doc_id: str
    doc_title: str
    doc_number: str | None
    level: str | None
    region: str | None
    label: str
    heading: str
    text: str
    kind: str
    ordinal: int
    parent_id: str | None


@dataclass(frozen=True)
class Hit:
    """A clause a retriever found, with its score in that retriever's own scale."""

    clause_id: str
    score: float
    source: str  # vector | bm25 | graph | fused


@dataclass(frozen=True)
class Fact:
    """One statement the graph supports, in words, with the clause that says it."""

    kind: str  # target | incentive | agency | park | project | enterprise | definition | ...
    text: str
    clause_id: str
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Citation:
    n: int
    doc_id: str
    doc_title: str
    clause_id: str
    label: str
    text: str
    doc_number: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if k != "doc_number"}


@dataclass
class Answer:
    question: str
    answer: str
    found: bool
    citations: list[Citation]
    facts: list[Fact]
    mode: str = "extractive"  # extractive | llm
    timings_ms: dict[str, float] = field(default_factory=dict)
    intent: str = ""
    index: dict[str, Any] | None = None  # set while the dense index is still being built

    def as_json(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answer": self.answer,
            "found": self.found,
            "citations": [c.as_json() for c in self.citations],
            "facts": [{"kind": f.kind, "text": f.text, "clause_id": f.clause_id, **_plain(f.data)}
                      for f in self.facts],
            "mode": self.mode,
            "timings_ms": {k: round(v, 1) for k, v in self.timings_ms.items()},
            **({"index": self.index} if self.index else {}),
        }


def _plain(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k not in ("kind", "text", "clause_id")}
