"""``ExtractiveAnswerer``: turn ranked evidence and graph facts into a short, cited answer.

The strategy follows the intent: a comparison answers side by side per region, document
or year; a responsibility question names the units the graph links to the clause; a
list question lists a clause's items; a definition quotes the defining sentences;
anything else quotes the best sentence(s). When the evidence covers too little of the
question, or cannot supply what it asks for (a date, an amount, a procedure), the answer
says the plans do not cover it (``found=False``) instead of quoting look-alike text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from qa.compose import NOT_FOUND, NOT_FOUND_EN, Point, compose
from qa.corpus import ClauseCorpus
from qa.evidence import Evidence, sentences, trim
from qa.glossary import is_english
from qa.link import Linked
from qa.types import Citation, ClauseRecord

_ENUMERATION = re.compile(r"[①②③④⑤⑥⑦⑧⑨⑩]|(?:、[^、]{1,30}){2,}")
_RESPONSIBLE = re.compile(r"[（(]\s*责任(单位|部门)\s*[:：]([^）)]+)[）)]")
# Amounts and shares: what an incentive answer must keep even when the question's words
# ("谁出钱", "怎么分担") are not in the sentence.
_MONEY = re.compile(r"\d[\d.,]*\s*(?:万|亿)?元|各承担\s*\d+\s*%|封顶[^，。；]*")
_ROW_PAIR = re.compile(r"([^｜；：]+)：([^；]*)")


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
    citations: list[Citation]


class ExtractiveAnswerer:
    def __init__(self, corpus: ClauseCorpus, calibration: Calibration | None = None) -> None:
        self.corpus = corpus
        self.cal = calibration or Calibration()

    def answer(self, question: str, linked: Linked, evidence: Sequence[Evidence],
               agencies: dict[str, list[str]] | None = None,
               terms: Sequence[str] = (), tasks: Sequence[str] = ()) -> Draft:
        """``terms``: the question's content words, to cut long sentences around;
        ``tasks``: clause ids the agency the question names is responsible for."""
        self.terms = list(terms)
        if tasks and not linked.unknown_places:
            text, citations = compose(self._tasks(linked, tasks))
            return Draft(text, True, citations)
        usable = [e for e in evidence if linked.ask.accepts(e.sentence)]
        groups = self._groups(linked)
        if "comparison" in linked.intents and len(groups) >= 2 and not linked.unknown_places:
            # One side may ask what was done, the other what is planned: no future filter.
            either = [e for e in evidence if linked.ask.accepts(e.sentence, future=False)]
            points, notes = self._side_by_side(groups, either)
            if points:
                text, citations = compose(points, notes=notes)
                return Draft(text, True, citations)
        if "document" in linked.intents and linked.doc_ids:
            text, citations = compose([self._document(d) for d in linked.doc_ids[:2]])
            return Draft(text, True, citations)
        refusal = self._refusal(question, linked, usable)
        if refusal:
            return Draft(refusal, False, [])
        text, citations = compose(self._points(linked, usable, agencies or {}))
        return Draft(text, True, citations)

    # --- deciding that the plans do not answer ---------------------------------------

    def _refusal(self, question: str, linked: Linked, evidence: Sequence[Evidence]) -> str | None:
        english = f" ({NOT_FOUND_EN})" if is_english(question) else ""
        if linked.unknown_places:
            return f"已加载的规划文件没有涉及{'、'.join(linked.unknown_places)}的内容，无法回答。{english}"
        if not evidence or evidence[0].coverage < self.cal.min_coverage:
            return NOT_FOUND_EN if is_english(question) else NOT_FOUND
        if linked.ask.unit and not any(linked.ask.prefers(e.sentence) for e in evidence[:5]
                                       if e.coverage >= self.cal.min_coverage):
            return f"已加载的规划文件没有给出所问的数量（以“{linked.ask.unit}”计）。{english}"
        if linked.years and not self._year_supported(linked, evidence):
            years = "、".join(f"{y}年" for y in linked.years)
            return f"已加载的规划文件没有关于{years}的相应内容。{english}"
        return None

    def _year_supported(self, linked: Linked, evidence: Sequence[Evidence]) -> bool:
        top = [e for e in evidence[:8] if e.coverage >= self.cal.min_coverage] or evidence[:1]
        if any(str(y) in e.clause.text for y in linked.years for e in top):
            return True
        periods = [self.corpus.docs[e.clause.doc_id].period or "" for e in top
                   if e.clause.doc_id in self.corpus.docs]
        return any(str(y) in p for y in linked.years for p in periods)

    # --- comparisons -----------------------------------------------------------------

    def _groups(self, linked: Linked) -> list[tuple[str, str]]:
        """The sides of a comparison: named regions, else named documents, else years."""
        regions = [r for r in linked.regions if any(d.region == r for d in self.corpus.docs.values())]
        if len(regions) >= 2:
            return [("region", r) for r in regions]
        if len(linked.doc_ids) >= 2:
            return [("doc", d) for d in linked.doc_ids]
        if regions and linked.doc_ids:
            return [("region", regions[0])] + [("doc", d) for d in linked.doc_ids
                                               if self.corpus.docs[d].region != regions[0]]
        return [("year", str(y)) for y in linked.years] if len(linked.years) >= 2 else []

    def _in_group(self, evidence: Evidence, kind: str, key: str) -> bool:
        clause = evidence.clause
        if kind == "region":
            return clause.region == key
        if kind == "doc":
            return clause.doc_id == key
        period = self.corpus.docs[clause.doc_id].period or "" if clause.doc_id in self.corpus.docs else ""
        return key in evidence.sentence or period == key

    def _side_by_side(self, groups: list[tuple[str, str]],
                      evidence: Sequence[Evidence]) -> tuple[list[Point], list[str]]:
        points, notes = [], []
        for kind, key in groups:
            inside = [e for e in evidence if self._in_group(e, kind, key)]
            lead = self._lead(kind, key)
            if inside and inside[0].coverage >= self.cal.group_coverage:
                points.append(Point(inside[0].clause, render(inside[0], terms=self.terms), f"{lead}："))
            else:
                notes.append(f"{lead}：已加载的规划文件未提及。")
        return points, notes

    def _lead(self, kind: str, key: str) -> str:
        if kind == "doc":
            return f"《{self.corpus.docs[key].title}》"
        return f"{key}年" if kind == "year" else key

    def _tasks(self, linked: Linked, tasks: Sequence[str]) -> list[Point]:
        """An agency's tasks: each clause it is responsible for, by heading, in plan order."""
        agency = next(name for label, name in linked.entities if label == "Agency")
        clauses = [self.corpus.by_id[cid] for cid in tasks if cid in self.corpus.by_id]
        # No count in the text: every number an answer states must be in a clause it cites.
        more = "（部分）" if len(clauses) > 12 else ""
        intro = Point(clauses[0], f"{agency}列为责任单位的任务{more}：“{_title(clauses[0])}”")
        return [intro] + [Point(c, f"“{_title(c)}”", "· ") for c in clauses[1:12]]

    def _document(self, doc_id: str) -> Point:
        """What a document is, from its metadata, citing its opening clause."""
        doc = self.corpus.docs[doc_id]
        parts = [f"《{doc.title}》"]
        if doc.doc_number:
            parts.append(f"文号{doc.doc_number}")
        if doc.issued:
            parts.append(f"发文日期{_chinese_date(doc.issued)}")
        if doc.period:
            parts.append(f"期限{doc.period}")
        first = min((c for c in self.corpus.clauses if c.doc_id == doc_id), key=lambda c: c.ordinal)
        return Point(first, "，".join(parts))

    # --- everything else -------------------------------------------------------------

    def _points(self, linked: Linked, evidence: Sequence[Evidence],
                agencies: dict[str, list[str]]) -> list[Point]:
        best = evidence[0]
        if "responsibility" in linked.intents:
            for e in evidence[:10]:
                if e.clause.clause_id in agencies and e.coverage >= best.coverage * 0.8:
                    return [self._responsible(e, agencies[e.clause.clause_id])]
        if "list" in linked.intents:
            return self._list(linked, evidence)
        if "definition" in linked.intents and not linked.ask.unit:
            return [Point(best.clause, _opening(best))]
        return self._quotes(evidence)

    def _responsible(self, evidence: Evidence, units: list[str]) -> Point:
        """The units as the clause prints them (its 责任单位 note), else as the graph names them."""
        heading = evidence.clause.heading or trim(evidence.sentence, limit=40)
        printed = _RESPONSIBLE.findall(evidence.clause.text)
        listed = "；".join(p[1].strip() for p in printed) if printed else "、".join(units)
        kind = printed[0][0] if printed else "单位"
        return Point(evidence.clause, f"“{heading}”的责任{kind}：{listed}")

    def _list(self, linked: Linked, evidence: Sequence[Evidence]) -> list[Point]:
        """A list: the box line the question names ("重大创新平台：…"), the items of a
        circled enumeration, a clause's named sub-items, or the enumerating sentence."""
        best = evidence[0]
        children = self.corpus.children(best.clause.clause_id)
        named = [c for c in children if c.heading and c.heading in linked.focus]
        if named:
            return [Point(named[0], _cap(named[0].text, 400))]
        items = circled_items(best.clause.text)
        named_item = [seg for seg in circled_segments(best.clause.text)
                      if any(len(w) >= 3 and w in seg[:30] for w in _focus_words(linked))]
        if len(items) >= 3 and len(named_item) == 1:
            return [Point(best.clause, _cap(named_item[0], 300))]
        if len(items) >= 3:
            intro = best.clause.text.split("①")[0]
            return [Point(best.clause, f"{trim(intro, limit=60)}{'；'.join(items)}")]
        headed = [c for c in children if len(c.heading) >= 2]
        if len(headed) >= 3 and len(best.sentence) <= 40:
            intro = Point(best.clause, best.clause.heading or best.sentence, "")
            return [intro] + [Point(c, c.heading, "· ") for c in headed[:12]]
        enumerations = [e for e in evidence[:6] if _ENUMERATION.search(e.sentence)
                        and e.coverage >= best.coverage * 0.8]
        chosen = enumerations[0] if enumerations else best
        return [Point(chosen.clause, render(chosen, limit=400))]

    def _quotes(self, evidence: Sequence[Evidence]) -> list[Point]:
        best = evidence[0]
        points = [Point(best.clause, render(best, terms=self.terms))]
        for other in evidence[1:6]:
            if other.score < best.score * self.cal.second_point:
                break
            if other.sentence != best.sentence and other.coverage >= self.cal.min_coverage:
                points.append(Point(other.clause, render(other, terms=self.terms)))
                break
        return points


def render(evidence: Evidence, limit: int = 160, terms: Sequence[str] = ()) -> str:
    """The evidence as an answer line: a table row as "metric：value unit", else the sentence
    cut down to the comma-parts that carry the question's terms (or, failing that, numbers)."""
    if evidence.clause.kind == "table_row":
        return render_row(evidence.clause.text)
    if terms:
        focused = trim(evidence.sentence, must_keep=[*terms, *_MONEY.findall(evidence.sentence)],
                       limit=min(limit, 140))
        if not focused.endswith("…") or re.search(r"\d", focused) or not re.search(r"\d", evidence.sentence):
            return focused
    numbers = re.findall(r"\d[\d.,]*\s*[%％万亿个家台条]?", evidence.sentence)
    return trim(evidence.sentence, must_keep=numbers, limit=limit)


def render_row(text: str) -> str:
    """'总体｜指标：X；单位：%；目标：≥10' → 'X：≥10%' (column names kept by the parser)."""
    pairs = [(k.strip(), v.strip()) for k, v in _ROW_PAIR.findall(text.split("｜")[-1])]
    if not pairs:
        return text
    unit = next((v for k, v in pairs if re.sub(r"\s", "", k) == "单位"), "")
    values = [v for k, v in pairs if re.sub(r"\s", "", k) != "单位"]
    if len(values) < 2:
        return text
    return f"{values[0]}：{'；'.join(values[1:])}{unit}"


def _title(clause: ClauseRecord) -> str:
    return clause.heading or trim(sentences(clause.text)[0] if sentences(clause.text) else clause.text, limit=30)


def _chinese_date(iso: str) -> str:
    parts = [int(p) for p in iso.split("-")]
    return "".join(f"{v}{u}" for v, u in zip(parts, ("年", "月", "日")))


def _opening(evidence: Evidence, limit: int = 300) -> str:
    """A definition: the defining sentence and what directly follows, within ``limit``;
    a footnote or box line from its start, since that is where it names its term."""
    clause = evidence.clause
    if clause.kind == "table_row":
        return render(evidence)
    text = clause.text
    start = 0 if clause.kind in ("footnote", "item") else max(text.find(evidence.sentence), 0)
    return _cap(text[start:], limit)


def _cap(body: str, limit: int) -> str:
    if len(body) <= limit:
        return body
    cut = body[:limit]
    end = max(cut.rfind("。"), cut.rfind("；"))
    return cut[: end + 1] if end > 40 else cut + "…"


def circled_segments(text: str) -> list[str]:
    return [p for p in re.split(r"(?=[①②③④⑤⑥⑦⑧⑨⑩])", text)[1:] if p.strip()]


def _focus_words(linked: Linked) -> list[str]:
    from qa.lexical import tokenize

    return [name for _, name in linked.entities] + tokenize(linked.focus)


def circled_items(text: str) -> list[str]:
    """'①5G+工业互联网产业园，建设…；②云计算产业园，以…' → ['①5G+工业互联网产业园', ...]."""
    parts = re.split(r"(?=[①②③④⑤⑥⑦⑧⑨⑩])", text)
    return [re.split(r"[，,；;。]", p)[0] for p in parts[1:] if p.strip()]
