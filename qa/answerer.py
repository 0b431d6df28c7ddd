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

import statistics
from collections.abc import Sequence

from qa.compose import NOT_FOUND, NOT_FOUND_EN, Point
from qa.corpus import ClauseCorpus
from qa.evidence import ABSENT_WEIGHT, Evidence, is_name
from qa.glossary import is_english
from qa.link import Linked
from qa.strategies.base import Calibration, Context, Draft
from qa.strategies.comparison import Comparison
from qa.strategies.definitions import answer_definition
from qa.strategies.documents import answer_document, chinese_date
from qa.strategies.lists import answer_list
from qa.strategies.parts import answer_parts, answer_target
from qa.strategies.passages import Passages
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
        self.weights = ctx.terms
        self.terms = [t for t, w in sorted(ctx.terms.items(), key=lambda kv: -kv[1])
                      if len(t) >= 2 and w >= 1.0]
        if linked.unknown_places:
            return Draft(self._refusal(ctx.question, linked, evidence) or NOT_FOUND, False, [])
        if tasks:
            return Draft.of(self._tasks(linked, tasks))
        compare = Comparison(self.corpus, self.cal, self.terms).answer
        for strategy in (answer_document, compare, answer_list, answer_parts, answer_target, answer_definition):
            draft = strategy(ctx)
            if draft is not None:
                return draft
        if "document" in linked.intents and linked.doc_ids:
            return Draft.of([self._document(d) for d in linked.doc_ids[:2]])
        usable = [e for e in evidence if linked.ask.accepts(e.sentence)]
        refusal = self._refusal(ctx.question, linked, usable)
        if refusal:
            return Draft(refusal, False, [])
        points, notes = Passages(self.corpus, self.cal, self.terms).answer(ctx, usable, agencies or {})
        return Draft.of(points, notes)

    # --- deciding that the plans do not answer ---------------------------------------

    def _refusal(self, question: str, linked: Linked, evidence: Sequence[Evidence]) -> str | None:
        english = f" ({NOT_FOUND_EN})" if is_english(question) else ""
        if linked.unknown_places:
            return f"已加载的规划文件没有涉及{'、'.join(linked.unknown_places)}的内容，无法回答。{english}"
        if not evidence or max(e.coverage for e in evidence[:3]) < self.cal.min_coverage:
            return NOT_FOUND_EN if is_english(question) else NOT_FOUND
        anchor = self._anchor(linked)
        if anchor and not any(anchor in e.sentence or anchor in e.clause.heading for e in evidence[:10]
                              if e.coverage >= self.cal.min_coverage):
            return f"已加载的规划文件中没有找到关于“{anchor}”的相应内容。{english}"
        if linked.ask.unit and not any(linked.ask.prefers(e.sentence) for e in evidence[:5]
                                       if e.coverage >= self.cal.min_coverage):
            return f"已加载的规划文件没有给出所问的数量（以“{linked.ask.unit}”计）。{english}"
        if linked.years and not self._year_supported(linked, evidence):
            years = "、".join(f"{y}年" for y in linked.years)
            return f"已加载的规划文件没有关于{years}的相应内容。{english}"
        return None

    def _anchor(self, linked: Linked) -> str | None:
        """The question's most specific word — far rarer in the plans than its other words
        (「PUE」 beside 「数据中心」「新建」): an answer that never mentions it answers
        something else."""
        own = sorted(((w, t) for t, w in self.weights.items()
                      if t in linked.focus and w != ABSENT_WEIGHT and len(t) >= 2 and not t.isdigit()),
                     reverse=True)
        if len(own) < 3:
            return None
        median = statistics.median(w for w, _ in own)
        weight, term = own[0]
        # Only a name (「PUE」「所得税」): a rare verb or time word (「获批」「每年」) is phrasing.
        return term if weight >= 1.6 * median and weight >= 3.0 and is_name(term) else None

    def _year_supported(self, linked: Linked, evidence: Sequence[Evidence]) -> bool:
        top = [e for e in evidence[:8] if e.coverage >= self.cal.min_coverage] or evidence[:1]
        if any(str(y) in e.clause.text for y in linked.years for e in top):
            return True
        periods = [self.corpus.docs[e.clause.doc_id].period or "" for e in top
                   if e.clause.doc_id in self.corpus.docs]
        return any(str(y) in p for y in linked.years for p in periods)

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
