"""Comparisons side by side, per region, document or year.

When a figure is asked, each side's target for the asked metric (``targets``); otherwise
each side's best sentence, ranked by the whole question within that side's own plans.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from qa.compose import Point
from qa.corpus import ClauseCorpus
from qa.evidence import Evidence
from qa.strategies.base import PART_COVERAGE, Calibration, Context, Draft
from qa.strategies.parts import asks_figure
from qa.strategies.passages import render
from qa.strategies.targets import compare_targets, sides


class Comparison:
    def __init__(self, corpus: ClauseCorpus, calibration: Calibration, terms: Sequence[str]) -> None:
        self.corpus = corpus
        self.cal = calibration
        self.terms = list(terms)

    def answer(self, ctx: Context) -> Draft | None:
        """Side by side: each side's target for the asked metric when a figure is asked,
        else each side's best sentence."""
        linked = ctx.linked
        if "comparison" not in linked.intents:
            return None
        groups = sides(ctx)
        if len(groups) < 2 or _cited_as_source(linked.raw or linked.focus, linked.region_named):
            return None
        own = own_questions(linked.raw or linked.focus,
                            [(g.key, _names(g.key) + [f for f, r in linked.region_named if r == g.key])
                             for g in groups])
        if (asks_figure(ctx) or "target" in linked.intents) and own is None:
            compared = compare_targets(ctx, ctx.plan.core or linked.focus, groups)
            if compared is not None:
                return Draft.of(*compared)
        # One side may ask what was done, the other what is planned: no future filter.
        either = [e for e in ctx.evidence if linked.ask.accepts(e.sentence, future=False)]
        points, notes = self._side_by_side([(g.kind, g.key) for g in groups], either, ctx, own or {})
        return Draft.of(points, notes) if points else None


    def _in_group(self, evidence: Evidence, kind: str, key: str) -> bool:
        clause = evidence.clause
        if kind == "region":
            return clause.region == key
        if kind == "doc":
            return clause.doc_id == key
        period = self.corpus.docs[clause.doc_id].period or "" if clause.doc_id in self.corpus.docs else ""
        return key in evidence.sentence or period == key

    def _side_by_side(self, groups: list[tuple[str, str]], evidence: Sequence[Evidence],
                      ctx: Context | None = None, own: dict[str, str] | None = None,
                      ) -> tuple[list[Point], list[str]]:
        """Each side's best sentence — ranked by what is asked (the question without the
        sides' names, or the side's own sub-question when each side asks its own thing),
        among that side's own plans."""
        points, notes = [], []
        for kind, key in groups:
            inside = [e for e in evidence if self._in_group(e, kind, key)]
            if ctx is not None and kind in ("region", "doc"):
                docs = self._side_docs(ctx, kind, key)
                asked = (own or {}).get(key)
                if asked:
                    inside = [e for e in ctx.part_evidence(asked, needs_number=asks_figure(ctx),
                                                           docs=frozenset(docs), future=False)
                              if e.coverage >= PART_COVERAGE] or inside
                else:
                    inside = self._side_evidence(ctx, docs, key if kind == "region" else "") or inside
            lead = self._lead(kind, key)
            if inside and inside[0].coverage >= self.cal.group_coverage:
                points.append(Point(inside[0].clause, render(inside[0], terms=self.terms), f"{lead}："))
            else:
                notes.append(f"{lead}：已加载的规划文件未提及。")
        return points, notes

    @staticmethod
    def _side_evidence(ctx: Context, docs: Sequence[str], name: str = "") -> list[Evidence]:
        """The sentences of one side's plans, found by the question asked of that side
        alone (the other sides' names out, ``name``, the side's own, in), then the whole
        question's: the best overall hits may all sit on the other side, and a sentence of
        one side naming another (the zone's plan recalling 「湖北省先后出台了…」) answers
        neither."""
        allowed = set(docs)
        if not allowed:
            return []
        asked = ctx.linked.text
        for surface in sorted(ctx.linked.scope_surfaces, key=len, reverse=True):
            asked = asked.replace(surface, " ")
        asked = f"{name} {asked}"
        if ctx.search is not None:
            found = [c for c in ctx.search(asked, 80) if ctx.corpus.by_id[c].doc_id in allowed][:20]
        else:
            found = [h.clause_id for h in ctx.lexical.retrieve(asked, top_k=80)
                     if ctx.corpus.by_id[h.clause_id].doc_id in allowed][:20]
        ids = list(dict.fromkeys([*found, *(c for c in ctx.candidates if ctx.corpus.by_id[c].doc_id in allowed)]))
        ranked = ctx.ranker.rank(ctx.linked, ids, terms=ctx.terms)
        return [e for e in ranked if ctx.linked.ask.accepts(e.sentence, future=False)]

    @staticmethod
    def _side_docs(ctx: Context, kind: str, key: str) -> list[str]:
        """A side's plans: a region's, or only those of them the question names
        (「武汉突破性方案和湖北十四五规划」 compares two plans, not all of Wuhan's)."""
        if kind != "region":
            return [key]
        own = ctx.region_docs.get(key, [])
        named = [d for d in ctx.linked.doc_ids if d in own]
        return named or own

    def _lead(self, kind: str, key: str) -> str:
        if kind == "doc":
            return f"《{self.corpus.docs[key].title}》"
        return f"{key}年" if kind == "year" else key


def own_questions(question: str, named: Sequence[tuple[str, Sequence[str]]]) -> dict[str, str] | None:
    """「广东发了多少文旅消费券，东莞的国有A级景区又有什么优惠？」: each side asks its own thing
    in its own comma-part. The part of each side (``named``: a side's key and the names it
    goes by), its names taken out and the parts naming no side put before it; None unless
    every side has one part of its own."""
    parts = [p for p in re.split(r"[，,；;：:。]", re.sub(r"\s", "", question)) if p]
    naming = {p: {key for key, names in named if any(n in p for n in names)} for p in parts}
    own: dict[str, str] = {}
    for key, names in named:
        holding = [p for p in parts if naming[p] == {key}]  # a part naming several sides is shared
        if len(holding) != 1:
            return None
        text = holding[0]
        for n in sorted(names, key=len, reverse=True):
            text = text.replace(n, "")
        own[key] = text
    if len(set(own.values())) != len(own):
        return None
    # What no side names is asked of both: 「推动企业上云，湖北省打的是什么品牌，…」.
    shared = "".join(p for p in parts if not naming[p])
    return {key: f"{shared}{text}" for key, text in own.items()}


# 「按经开区规划的说法，武汉市…」: a place named as whose plan says it, not a side.
_SOURCE = re.compile(r"(?:^|[，,；;])(?:按|按照|据|根据|依照|依据)(?P<name>[^，,；;]{2,12}?)(?:的)?(?:规划|方案|文件|材料|报道)"
                     r"(?:的)?(?:说法|所说|表述|提法|来看|里|中|上)?(?=[，,；;]|$)")


def _cited_as_source(question: str, named: Sequence[tuple[str, str]]) -> bool:
    """Whether the question names one of its places only as the plan it quotes."""
    text = re.sub(r"\s", "", question)
    return any(m.group("name") in {form for form, _ in named} for m in _SOURCE.finditer(text))


def _names(key: str) -> list[str]:
    """A region as questions name it: 广东省 and 广东."""
    short = re.sub(r"(?:省|市|自治区|区|县)$", "", key)
    return [key, short] if len(short) >= 2 else [key]
