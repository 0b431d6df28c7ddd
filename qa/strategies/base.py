"""What every answering strategy works from, and what it returns.

A strategy looks at one linked, planned question and either answers it — a ``Draft``
whose every line is cut from a clause it cites — or returns None to let the next one try.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from qa.compose import Point, compose
from qa.corpus import ClauseCorpus
from qa.definitions import DefinitionIndex
from qa.evidence import Evidence, EvidenceRanker
from qa.graphfacts import GraphFacts, GraphFindings
from qa.lexical import tokenize
from qa.link import Linked
from qa.plan import Plan
from qa.retrieve import LexicalRetriever
from qa.types import Citation

# A sentence answers a part when it carries this share of the part's own weighted terms.
PART_COVERAGE = 0.6


@dataclass(frozen=True)
class Calibration:
    """Evidence thresholds, set on the tuning questions (see BENCHMARKS.md)."""

    min_coverage: float = 0.5       # below: the plans do not answer
    group_coverage: float = 0.35    # one side of a comparison
    second_point: float = 0.75      # quote another sentence when this close to the best


@dataclass(frozen=True)
class Draft:
    text: str
    found: bool
    citations: list[Citation]

    @classmethod
    def of(cls, points: Sequence[Point], notes: Sequence[str] = (), intro: str = "") -> Draft:
        text, citations = compose(points, notes=notes, intro=intro)
        return cls(text, True, citations)


@dataclass
class Context:
    question: str
    linked: Linked
    plan: Plan
    corpus: ClauseCorpus
    ranker: EvidenceRanker
    lexical: LexicalRetriever
    graph: GraphFacts
    findings: GraphFindings
    evidence: list[Evidence]
    candidates: list[str]
    terms: dict[str, float]
    region_docs: dict[str, list[str]]
    scope_docs: frozenset[str] = field(default_factory=frozenset)  # empty: every document
    definitions: DefinitionIndex | None = None
    known: Callable[[str], bool] = lambda text: False  # whether the plans print ``text``
    metric_vocabulary: str = ""  # every target's metric name, joined: the words goals use
    # The hybrid retriever (BM25 + dense), clause ids best first: a side of a comparison
    # searched as its own question. None: BM25 alone.
    search: Callable[[str, int], list[str]] | None = None

    def in_scope(self, doc_id: str) -> bool:
        return not self.scope_docs or doc_id in self.scope_docs

    def part_terms(self, text: str) -> dict[str, float]:
        """A part's own content terms, weighted by rarity."""
        terms = {}
        for token in tokenize(text):
            weight = self.lexical.index.idf(token)
            if weight > 0:
                terms[token] = max(weight, 0.5)
        return terms

    def part_evidence(self, text: str, *, needs_number: bool, docs: frozenset[str] | None = None,
                      future: bool = True) -> list[Evidence]:
        """Sentences answering one part: candidates of the whole question plus what BM25
        finds for the part itself (with the question's scope), ranked by the part's terms."""
        terms = self.part_terms(text)
        if not terms:
            return []
        allowed = self.scope_docs if docs is None else docs
        query = tokenize(f"{text} {' '.join(self.linked.surfaces)}")
        found = [h.clause_id for h in self.lexical.retrieve_tokens(query, top_k=40)]
        ids = [c for c in dict.fromkeys([*self.candidates, *found])
               if not allowed or self.corpus.by_id[c].doc_id in allowed]
        ranked = self.ranker.rank(self.linked, ids, needs_number=needs_number, terms=terms)
        ask = self.linked.ask
        accepted = [e for e in ranked if ask.accepts(e.sentence, future=future)]
        # A sentence printing the part as asked (「规划期」 in 「规划期限为…」) before one that
        # only shares its words.
        spelled = re.sub(r"\s", "", text)
        return sorted(accepted, key=lambda e: (e.coverage < PART_COVERAGE,
                                               spelled not in re.sub(r"\s", "", e.sentence)))


# A quantity as plans print it, in text with its white space removed: 3万个, 10%, 500P, 2倍,
# or a unitless ratio (「PUE值达到1.4以下」).
FIGURE = re.compile(r"\d[\d.,]*(?:[%％万亿千个家项台条座套所人次户元倍]|[A-Za-z]{1,6})|"
                    r"\d+\.\d+(?=以[上下内]|左右|[，,。；;）)]|$)|"
                    # a table cell under a column naming its unit: 「总投资（万元）：250000」
                    r"[（(]\s*[千百万亿]*(?:元|个|家|项|台|座|套|人|户|吨|千瓦|兆瓦|公里|亩|辆|[%％]|[A-Za-z]{1,4})\s*[)）]\s*[:：]\s*\d")


def near_number(sentence: str, words: Sequence[str]) -> bool:
    """Whether a quantity follows one of ``words`` within the same comma-part or the next
    (case-blind: the question's words may come lower-cased, 「pue」 for 「PUE」)."""
    squashed = re.sub(r"\s", "", sentence).lower()
    for word in words:
        start = squashed.find(re.sub(r"\s", "", word).lower())
        if start < 0:
            continue
        window = re.split(r"[。；;]", squashed[start:])[0][:40]
        if FIGURE.search(window):
            return True
    return False
