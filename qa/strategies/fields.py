"""Labelled fields of an application guide: 「（1）支持对象。…（2）支持条件。…（3）支持标准。…」.

A 申报指南 or 实施细则 describes each kind of support as the same set of fields, one
clause each, under the kind's heading (「1.放电类」). A question names the kind by what its
object clause says (「对参与规模化放电活动的车主…」) and asks another field (「按什么标准
补贴」): the best-matching sentence is then the object field, and the answer is its sibling
field of the asked name — under the kind the question names, not the first kind that has
such a field.
"""

from __future__ import annotations

import re

from qa.compose import Point
from qa.corpus import ClauseCorpus
from qa.strategies.base import Context, Draft
from qa.types import ClauseRecord
from qa.wording import task_title

# The fields, by the word their heading ends with; the heading may lead with what is given.
_FIELD = re.compile(r"^(?:具体)?(?:支持|申报|补贴|补助|奖励|奖补|资助|扶持|申请|兑现)?"
                    r"(?P<field>对象|条件|标准|方式|材料|内容|主体|程序|流程)$")
_SAME = {"主体": "对象", "流程": "程序"}
# What a question asks, in the field's words or in the words of its content.
_ASKED = (
    ("标准", re.compile(r"标准|多少钱|补贴多少|奖励多少|补助多少|资助多少|(?:怎么|如何|怎样)(?:补|资助|奖励|扶持)|"
                      r"按什么|补多少|how much", re.I)),
    ("条件", re.compile(r"条件|要求|门槛|满足|符合什么|conditions?|requirements?", re.I)),
    ("材料", re.compile(r"材料|提交什么|提供什么|提交哪些|提供哪些|documents", re.I)),
    ("方式", re.compile(r"方式|拨付|兑付|发放|怎么给|如何给|怎么拿", re.I)),
    ("程序", re.compile(r"程序|流程|步骤", re.I)),
    ("对象", re.compile(r"对象|谁可以|哪些主体|谁能|who (?:can|is eligible)", re.I)),
)
_MIN_FIELDS = 3  # siblings with field headings that make a form
_NEAR = 0.8  # a form's field among the best evidence: this share of the best coverage
_COVERED = 0.5  # of the question's term weight the chosen field, its kind and the title carry
_BUDGET = 300  # characters of a field's items an answer quotes


def field_of(clause: ClauseRecord) -> str | None:
    # 「支持对象：投资建设…的企业」: a short field keeps its value in the heading.
    label = re.split(r"[：:。．]", clause.heading or "", maxsplit=1)[0]
    found = _FIELD.match(re.sub(r"[\s.]", "", label))
    return _SAME.get(found.group("field"), found.group("field")) if found else None


def asked_field(question: str) -> str | None:
    """The one field a question asks (none when it names several: that is no field lookup)."""
    asked = [name for name, words in _ASKED if words.search(question)]
    return asked[0] if len(asked) == 1 else None


def answer_field(ctx: Context) -> Draft | None:
    """The asked field of the kind the question names (of each kind, when its parts name
    several: 「放电类和聚合互动类的补贴标准」), when the best evidence is a field of a form."""
    question = ctx.linked.raw or ctx.question
    asked = asked_field(question)
    if not asked or not ctx.evidence:
        return None
    floor = ctx.evidence[0].coverage * _NEAR
    form = next((f for e in ctx.evidence[:3] if e.coverage >= floor
                 for f in (_form_of(ctx.corpus, e.clause),) if f is not None), None)
    if form is None:
        return None
    candidates = [c for c in _forms(ctx.corpus, form.doc_id) if field_of(c) == asked]
    if not candidates:
        return None
    title = ctx.corpus.docs[form.doc_id].title if form.doc_id in ctx.corpus.docs else ""
    chosen: list[ClauseRecord] = []
    for said in [p.text for p in ctx.plan.parts] or [question]:
        scores = {c.clause_id: _kind_score(ctx.corpus, c, said, title) for c in candidates}
        best = max(candidates, key=lambda c: (scores[c.clause_id], c.parent_id == form.clause_id))
        score = scores[best.clause_id]
        # The kind must be one the question names, and its field able to give what is
        # asked (「按放电量每千瓦时补贴多少」 is not answered by a share of the investment).
        text = _field_text(ctx.corpus, best)
        if score == 0 or not ctx.linked.ask.accepts(text) \
                or _covered(ctx.terms, text + _kind_text(ctx.corpus, best) + title) < _COVERED:
            return None
        if best not in chosen:
            chosen.append(best)
    return Draft.of([point for field in chosen for point in _render(ctx.corpus, field)])


def _field_text(corpus: ClauseCorpus, field: ClauseRecord) -> str:
    return "".join([field.text, *(c.text for c in corpus.children(field.clause_id))])


def _kind_text(corpus: ClauseCorpus, field: ClauseRecord) -> str:
    """The kind's heading and its object field: what the question names the kind by."""
    kind = corpus.parent(field.clause_id)
    return kind.text + _objects(corpus, kind) if kind is not None else ""


def _objects(corpus: ClauseCorpus, kind: ClauseRecord) -> str:
    """The text of a kind's 支持对象 field."""
    return "".join(c.text for c in corpus.children(kind.clause_id) if field_of(c) == "对象")


def _covered(terms: dict[str, float], text: str) -> float:
    """The share of the question's term weight the text carries (「按放电量每千瓦时补贴多少元」
    is not answered by a standard that never speaks of 放电 or 千瓦时)."""
    total = sum(terms.values())
    return sum(w for t, w in terms.items() if t in text) / total if total else 0.0


def _form_of(corpus: ClauseCorpus, clause: ClauseRecord) -> ClauseRecord | None:
    """The kind's clause when ``clause`` is one of its fields (or an item of one)."""
    for node in (clause, corpus.parent(clause.clause_id)):
        if node is None or field_of(node) is None or node.parent_id is None:
            continue
        if _is_form(corpus, node.parent_id):
            return corpus.parent(node.clause_id)
    return None


def _is_form(corpus: ClauseCorpus, clause_id: str) -> bool:
    return sum(field_of(c) is not None for c in corpus.children(clause_id)) >= _MIN_FIELDS


def _forms(corpus: ClauseCorpus, doc_id: str) -> list[ClauseRecord]:
    """Every field clause of a form in the document."""
    return [c for c in corpus.of_document(doc_id)
            if c.parent_id is not None and field_of(c) is not None and _is_form(corpus, c.parent_id)]


def _kind_score(corpus: ClauseCorpus, field: ClauseRecord, question: str, title: str) -> int:
    """How well a field's kind fits the question: the question's word pairs (not those that
    name the plan) in the kind's heading, which count double, and in its object field."""
    kind = corpus.parent(field.clause_id)
    if kind is None:
        return 0
    pairs = {question[i:i + 2] for i in range(len(question) - 1)}
    pairs = {p for p in pairs if re.fullmatch(r"[\u4e00-\u9fff]{2}", p) and p not in title}
    heading = kind.heading or kind.text[:40]
    objects = _objects(corpus, kind)
    return sum(2 * (p in heading) + (p in objects) for p in pairs)


def _render(corpus: ClauseCorpus, field: ClauseRecord) -> list[Point]:
    """The field's own text, then its items when the heading stands alone (「（2）支持条件。」
    over ①②③)."""
    kind = corpus.parent(field.clause_id)
    lead = f"{task_title(kind)}——" if kind is not None else ""
    points = [Point(field, lead + re.sub(r"^\s*[（(]?\d+[)）.．、]?\s*", "", field.text.strip()))]
    used = len(points[0].text)
    for item in corpus.children(field.clause_id):
        if item.kind == "footnote" or used + len(item.text) > _BUDGET:
            break
        points.append(Point(item, item.text.strip(), "· "))
        used += len(item.text)
    return points
