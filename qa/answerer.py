"""``ExtractiveAnswerer``: turn ranked evidence and graph facts into a short, cited answer.

The strategy follows the intent: a comparison answers side by side per region or
document; a responsibility question names the units the graph links to the clause; a
list question lists a clause's items; everything else quotes the best sentence(s).
When the best evidence covers too little of the question, the answer says the plans do
not cover it (``found=False``) instead of quoting look-alike text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from qa.compose import NOT_FOUND, NOT_FOUND_EN, Point, compose
from qa.corpus import ClauseCorpus
from qa.evidence import Evidence, trim
from qa.glossary import is_english
from qa.link import Linked
from qa.types import ClauseRecord


@dataclass(frozen=True)
class Calibration:
    """Evidence thresholds, set on the dev gold set (see BENCHMARKS.md)."""

    min_coverage: float = 0.5       # below: the plans do not answer
    group_coverage: float = 0.35    # one side of a comparison
    second_point: float = 0.9       # add a second sentence when this close to the best


@dataclass(frozen=True)
class Draft:
    text: str
    found: bool
    cited: tuple[str, ...]  # clause ids in citation order
    citations: list  # type: ignore[type-arg]


class ExtractiveAnswerer:
    def __init__(self, corpus: ClauseCorpus, calibration: Calibration | None = None) -> None:
        self.corpus = corpus
        self.cal = calibration or Calibration()

    def answer(self, question: str, linked: Linked, evidence: Sequence[Evidence],
               agencies: dict[str, list[str]] | None = None) -> Draft:
        refusal = self._refusal(question, linked, evidence)
        if refusal:
            return Draft(refusal, False, (), [])
        points = self._points(linked, evidence, agencies or {})
        if not points:
            return Draft(self._not_found(question), False, (), [])
        text, citations = compose(points)
        return Draft(text, True, tuple(c.clause_id for c in citations), citations)

    # --- deciding that the plans do not answer ---------------------------------------

    def _refusal(self, question: str, linked: Linked, evidence: Sequence[Evidence]) -> str | None:
        if linked.unknown_places:
            places = "、".join(linked.unknown_places)
            return f"已加载的规划文件没有涉及{places}的内容，无法回答。" + (
                f" ({NOT_FOUND_EN})" if is_english(question) else "")
        if not evidence or evidence[0].coverage < self.cal.min_coverage:
            return self._not_found(question)
        if linked.years and not self._year_supported(linked, evidence):
            years = "、".join(f"{y}年" for y in linked.years)
            return f"已加载的规划文件没有关于{years}的相应内容。" + (
                f" ({NOT_FOUND_EN})" if is_english(question) else "")
        return None

    def _year_supported(self, linked: Linked, evidence: Sequence[Evidence]) -> bool:
        top = evidence[:8]
        if any(str(y) in e.sentence or str(y) in e.clause.text for y in linked.years for e in top):
            return True
        periods = [self.corpus.docs[e.clause.doc_id].period or "" for e in top
                   if e.clause.doc_id in self.corpus.docs]
        return any(str(y) in p for y in linked.years for p in periods)

    def _not_found(self, question: str) -> str:
        return NOT_FOUND_EN if is_english(question) else NOT_FOUND

    # --- building the answer -------------------------------------------------------

    def _points(self, linked: Linked, evidence: Sequence[Evidence],
                agencies: dict[str, list[str]]) -> list[Point]:
        groups = self._groups(linked)
        if "comparison" in linked.intents and len(groups) >= 2:
            return self._side_by_side(groups, evidence)
        best = evidence[0]
        if "responsibility" in linked.intents and best.clause.clause_id in agencies:
            return [self._responsible(best, agencies[best.clause.clause_id])]
        if "list" in linked.intents or "definition" in linked.intents:
            listed = self._list(best)
            if listed:
                return listed
        return self._quotes(linked, evidence)

    def _groups(self, linked: Linked) -> list[tuple[str, str]]:
        """(kind, key) per side of a comparison: regions first, then named documents."""
        groups = [("region", r) for r in linked.regions]
        groups += [("doc", d) for d in linked.doc_ids
                   if self.corpus.docs.get(d) and self.corpus.docs[d].region not in linked.regions]
        return groups

    def _side_by_side(self, groups: list[tuple[str, str]], evidence: Sequence[Evidence]) -> list[Point]:
        points = []
        for kind, key in groups:
            inside = [e for e in evidence if (e.clause.region == key if kind == "region"
                                              else e.clause.doc_id == key)]
            if inside and inside[0].coverage >= self.cal.group_coverage:
                lead = key if kind == "region" else f"《{self.corpus.docs[key].title}》"
                points.append(Point(inside[0].clause, _snippet(inside[0]), f"{lead}："))
        return points

    def _responsible(self, best: Evidence, units: list[str]) -> Point:
        heading = best.clause.heading or trim(best.sentence, limit=40)
        return Point(best.clause, f"“{heading}”的责任单位：{'、'.join(units)}")

    def _list(self, best: Evidence) -> list[Point]:
        children = self.corpus.children(best.clause.clause_id)
        named = [c for c in children if c.heading]
        if len(named) >= 3 and len(best.sentence) < 60:
            return [Point(c, c.heading) for c in named[:12]]
        return [Point(best.clause, _snippet(best, limit=400))]

    def _quotes(self, linked: Linked, evidence: Sequence[Evidence]) -> list[Point]:
        best = evidence[0]
        points = [Point(best.clause, _snippet(best))]
        for other in evidence[1:6]:
            if other.score < best.score * self.cal.second_point:
                break
            if other.sentence != best.sentence and other.coverage >= self.cal.min_coverage:
                points.append(Point(other.clause, _snippet(other)))
                break
        return points


def _snippet(evidence: Evidence, limit: int = 160) -> str:
    return trim(evidence.sentence, must_keep=_keywords(evidence), limit=limit)


def _keywords(evidence: Evidence) -> list[str]:
    # Keep the comma-parts holding numbers: those are what a target question asks for.
    import re

    return re.findall(r"\d[\d.,]*\s*[%％万亿个家台条]?", evidence.sentence)


def clause_label(clause: ClauseRecord) -> str:
    return f"《{clause.doc_title}》{clause.label}"
