"""``ExtractiveAnswerer``: route a planned question to the strategy that answers it, or
say that the plans do not.

Graph-first strategies come first (documents, comparisons, lists, several parts, one
goal, definitions — ``qa.strategies``); the general path quotes the best sentences
(``qa.strategies.passages``). When the evidence covers too little of the question, misses
its most specific name, or cannot supply what it asks for (a date, an amount, a
procedure), the answer says the plans do not cover it (``found=False``) instead of
quoting look-alike text.
"""

from __future__ import annotations

from collections.abc import Sequence

from qa.compose import NOT_FOUND, Point
from qa.corpus import ClauseCorpus
from qa.evidence import Evidence
from qa.link import Linked
from qa.strategies.base import Calibration, Context, Draft
from qa.strategies.comparison import Comparison
from qa.strategies.definitions import answer_definition
from qa.strategies.documents import answer_document, chinese_date
from qa.strategies.eligible import answer_eligible
from qa.strategies.fields import answer_field
from qa.strategies.lists import answer_list
from qa.strategies.sections import answer_outline, answer_section_list
from qa.strategies.parts import answer_parts, answer_target
from qa.strategies.passages import Passages
from qa.strategies.refusal import Refusal, anchor
from qa.wording import task_title

__all__ = ["Calibration", "ExtractiveAnswerer"]


class ExtractiveAnswerer:
    def __init__(self, corpus: ClauseCorpus, calibration: Calibration | None = None) -> None:
        self.corpus = corpus
        self.cal = calibration or Calibration()

    def answer(self, ctx: Context, agencies: dict[str, list[str]] | None = None,
               tasks: Sequence[str] = ()) -> Draft:
        """``tasks``: clause ids the agency the question names is responsible for."""
        linked, evidence = ctx.linked, ctx.evidence
        self.terms = [t for t, w in sorted(ctx.terms.items(), key=lambda kv: -kv[1])
                      if len(t) >= 2 and w >= 1.0]
        refusal = Refusal(self.corpus, self.cal)
        if linked.unknown_places:
            return Draft(refusal.reason(ctx, evidence) or NOT_FOUND, False, [])
        if tasks:
            return Draft.of(self._tasks(linked, tasks))
        compare = Comparison(self.corpus, self.cal, self.terms).answer
        for strategy in (answer_document, compare, answer_eligible, answer_field, answer_outline, answer_list, answer_section_list, answer_parts,
                         answer_target, answer_definition):
            draft = strategy(ctx)
            if draft is not None:
                return draft
        if "document" in linked.intents and linked.doc_ids:
            return Draft.of([self._document(d) for d in linked.doc_ids[:2]])
        usable = [e for e in evidence if linked.ask.accepts(e.sentence)]
        reason = refusal.reason(ctx, usable)
        if reason:
            # Nothing answers the whole question, but the graph may hold some of its parts.
            return answer_parts(ctx, partial=True) or Draft(reason, False, [])
        points, notes = Passages(self.corpus, self.cal, self.terms).answer(ctx, _anchored(ctx, usable),
                                                                         agencies or {})
        return Draft.of(points, notes)

    def _tasks(self, linked: Linked, tasks: Sequence[str]) -> list[Point]:
        """An agency's tasks: each clause it is responsible for, by heading, in plan order."""
        agency = next(name for label, name in linked.entities if label == "Agency")
        clauses = [self.corpus.by_id[cid] for cid in tasks if cid in self.corpus.by_id]
        # No count in the text: every number an answer states must be in a clause it cites.
        more = "（部分）" if len(clauses) > 12 else ""
        intro = Point(clauses[0], f"{agency}列为责任单位的任务{more}：“{task_title(clauses[0])}”")
        return [intro] + [Point(c, f"“{task_title(c)}”", "· ") for c in clauses[1:12]]

    def _document(self, doc_id: str) -> Point:
        """What a document is, from its metadata, citing its opening clause."""
        doc = self.corpus.docs[doc_id]
        parts = [f"《{doc.title}》"]
        if doc.doc_number:
            parts.append(f"文号{doc.doc_number}")
        if doc.issued:
            parts.append(f"发文日期{chinese_date(doc.issued)}")
        if doc.period:
            parts.append(f"期限{doc.period}")
        first = self.corpus.of_document(doc_id)[0]
        return Point(first, "，".join(parts))


def _anchored(ctx: Context, evidence: list[Evidence]) -> list[Evidence]:
    """The best sentence that prints the question's most specific word (「索引号」 of a page
    field) goes first when the top one does not and it is nearly as well covered."""
    name = None if ctx.linked.english or not evidence else anchor(ctx.terms, ctx.linked, ctx.known)
    if not name or name in evidence[0].sentence or name in evidence[0].clause.heading:
        return evidence
    floor = evidence[0].coverage * 0.75
    holding = next((e for e in evidence[1:8] if e.coverage >= floor and name in e.sentence), None)
    return [holding, *(e for e in evidence if e is not holding)] if holding else evidence
