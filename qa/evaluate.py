"""Score question answering on a gold set, and a plain LangChain baseline beside it.

A gold line: ``{"id", "question", "kind", "history", "answerable", "facts", "evidence"}``.
Comparison is NFKC-normalised, case- and whitespace-insensitive. An answerable question
passes when the answer is found, holds every fact, and every evidence string is in some
cited clause; an unanswerable one passes when ``found`` is false.
"""

from __future__ import annotations

import json
import re
import statistics
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qa.types import Answer


def squash(text: str) -> str:
    return re.sub(r"\s", "", unicodedata.normalize("NFKC", text or "")).lower()


@dataclass(frozen=True)
class GoldQuestion:
    id: str
    question: str
    kind: str
    answerable: bool
    facts: tuple[str, ...]
    evidence: tuple[str, ...]
    history: tuple[dict[str, str], ...] = ()


@dataclass(frozen=True)
class Outcome:
    gold: GoldQuestion
    passed: bool
    found: bool
    missing_facts: tuple[str, ...]
    missing_evidence: tuple[str, ...]
    ms: float
    answer: str


@dataclass
class Report:
    name: str
    outcomes: list[Outcome] = field(default_factory=list)

    def rate(self, select: Callable[[Outcome], bool] = lambda o: True) -> tuple[int, int]:
        chosen = [o for o in self.outcomes if select(o)]
        return sum(o.passed for o in chosen), len(chosen)

    def by_kind(self) -> dict[str, tuple[int, int]]:
        kinds: dict[str, list[Outcome]] = defaultdict(list)
        for o in self.outcomes:
            kinds[o.gold.kind].append(o)
        return {k: (sum(o.passed for o in v), len(v)) for k, v in sorted(kinds.items())}

    def latency(self) -> tuple[float, float]:
        times = sorted(o.ms for o in self.outcomes)
        if not times:
            return 0.0, 0.0
        p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
        return statistics.median(times), p95


def load_gold(path: Path) -> list[GoldQuestion]:
    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            g = json.loads(line)
            items.append(GoldQuestion(g["id"], g["question"], g.get("kind", ""),
                                      bool(g.get("answerable", True)), tuple(g.get("facts", [])),
                                      tuple(g.get("evidence", [])), tuple(g.get("history", []))))
    return items


def judge(gold: GoldQuestion, answer: Answer) -> Outcome:
    ms = answer.timings_ms.get("total", 0.0)
    if not gold.answerable:
        return Outcome(gold, not answer.found, answer.found, (), (), ms, answer.answer)
    body = squash(answer.answer.split("\n\n来源：")[0])
    cited = [squash(c.text) for c in answer.citations]
    missing_facts = tuple(f for f in gold.facts if squash(f) not in body)
    missing_ev = tuple(e for e in gold.evidence if not any(squash(e) in c for c in cited))
    passed = answer.found and not missing_facts and not missing_ev
    return Outcome(gold, passed, answer.found, missing_facts, missing_ev, ms, answer.answer)


def run(name: str, gold: Iterable[GoldQuestion], ask: Callable[[str, Sequence[Any]], Answer]) -> Report:
    report = Report(name)
    for g in gold:
        report.outcomes.append(judge(g, ask(g.question, list(g.history))))
    return report
