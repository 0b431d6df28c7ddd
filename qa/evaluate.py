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


LOOKUP_CHARS = 300  # the longest a lookup's answer should read (issue 14)


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

    def short_lookups(self, limit: int = LOOKUP_CHARS) -> tuple[int, int]:
        """Lookup answers (without their sources) of at most ``limit`` characters, of all
        lookups answered: a figure or a date asked for, not a pasted paragraph."""
        lengths = [len(o.answer.split("\n\n来源：")[0]) for o in self.outcomes
                   if o.gold.kind == "lookup" and o.found]
        return sum(n <= limit for n in lengths), len(lengths)

    def latency(self) -> tuple[float, float]:
        times = sorted(o.ms for o in self.outcomes)
        if not times:
            return 0.0, 0.0
        p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
        return statistics.median(times), p95


@dataclass(frozen=True)
class GoldSet:
    """A question set with its frozen test part (never tuned on) beside its tuning part."""

    name: str
    questions: tuple[GoldQuestion, ...]
    frozen: frozenset[str]  # question ids
    documents: tuple[str, ...] = ()  # doc ids the set needs in the graph (empty: the seeds)

    def parts(self) -> list[tuple[str, list[GoldQuestion]]]:
        tune = [q for q in self.questions if q.id not in self.frozen]
        test = [q for q in self.questions if q.id in self.frozen]
        return [(f"{self.name} (tuning)", tune), (f"{self.name} (frozen test)", test)]


def gold_sets(data: Path) -> list[GoldSet]:
    """The question sets of ``tests/data``: the dev set, the second to fourth seeds sets, the
    lists-and-documents set and the documents set, each split by a list of frozen ids, and the new plans,
    split by frozen documents."""
    sets = []
    for name, file, ids in (("dev", "qa_dev.jsonl", "qa_dev_frozen_ids.txt"),
                            ("seeds-2", "qa_seeds2.jsonl", "qa_seeds2_frozen_ids.txt"),
                            ("seeds-3", "qa_seeds3.jsonl", "qa_seeds3_frozen_ids.txt"),
                            ("seeds-4", "qa_seeds4.jsonl", "qa_seeds4_frozen_ids.txt"),
                            ("seeds-5", "qa_seeds5.jsonl", "qa_seeds5_frozen_ids.txt"),
                            ("seeds-6", "qa_seeds6.jsonl", "qa_seeds6_frozen_ids.txt"),
                            # Lists and questions about documents, over the seeds and the
                            # new plans' tuning documents: needs the new plans ingested.
                            ("lists-docs", "qa_listsdocs.jsonl", "qa_listsdocs_frozen_ids.txt"),
                            # Questions about documents only (metadata, mentions, citations,
                            # newer/older), over the same documents.
                            ("docs-2", "qa_docs2.jsonl", "qa_docs2_frozen_ids.txt")):
        if (data / file).exists():
            sets.append(GoldSet(name, tuple(load_gold(data / file)), frozenset(_listed(data / ids))))
    plans = sorted((data / "qa_newplans").glob("*.jsonl")) if (data / "qa_newplans").is_dir() else []
    if plans:
        frozen_docs = _listed(data / "qa_newplans_frozen_docs.txt")
        questions = [q for p in plans for q in load_gold(p)]
        frozen = frozenset(q.id for q in questions if q.id.split("_")[0].split("-")[0] in frozen_docs)
        sets.append(GoldSet("new-plans", tuple(questions), frozen, tuple(p.stem for p in plans)))
    return sets


def _listed(path: Path) -> set[str]:
    if not path.exists():
        return set()
    return {line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")}


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
