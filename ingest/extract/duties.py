"""Who is responsible for a task: the units a plan names, which of them leads, and for
which task of the clause.

Read from a clause's compact text (see ``textspan.compact``), in these forms:

- **lists** (``duty_lists``): labelled （责任单位：A、B）, （牵头单位：A；配合单位：B、C）,
  （…，牵头考核单位：A）, 「责任单位：A，B」 lines, annex table rows with 牵头单位/责任单位/配合单位
  columns, and unlabelled brackets of units with their verb （A，B、C按职责分工负责）.
- **sentences**: 「由A负责…」, 「A负责…」, 「A、B按职责分工负责」, 「由A、B等部门负责」, 「A：负责…」,
  「由A牵头，B配合」, 「A为牵头单位」, and 由 with an act of office (「由A审核」, 「由A认定并公示」,
  「由A、B组织」)
  (「B参与」 in running text describes a mechanism, not a duty) — here a unit is a
  government department (``agency_names``) or a government (县人民政府, 各区, 各县（市、区））,
  and it must be followed by the verb at once (「A负责人」 is a person, 「设在A，负责…」 an
  office); 「省负总责、市县具体负责」 names levels of government; 「会同A、B等部门」 names the
  departments a task is shared with.

Roles: 牵头/主责/主办 labels, 「A牵头」, 「A（牵头）」, 「省负总责」 and, where the plan says so
once (「列第一位的为牵头单位」), the first unit of every list lead; 配合/参与/参加/协办/协同/协助
labels and 「B配合」 support; the other units of a task that has a lead support it; a plan that
draws no line gives no role.

Tasks: a list printed after a task names the units of that task — the text from the
previous list (or the clause's start) up to it — so a clause of several tasks, each with
its own list, ties each unit to its own task (``Duty.task``, a span of the compact text;
None for the whole clause). A sentence duty's task is its sentence. A clause that holds
nothing but a list is not a task: ``duty_only`` tells the caller to give its units to the
task above it.

>>> [(d.surface, d.role) for d in clause_duties("（牵头单位：市经信局；配合单位：市财政局、各区）")[0]]
[('市经信局', 'lead'), ('市财政局', 'support'), ('各区', 'support')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ingest.extract.agency_names import AgencyHit, find_agencies
from ingest.extract.duty_lists import bracketed, labelled
from ingest.extract.textspan import split_items, walk_left

FIRST_IS_LEAD = re.compile(r"(?:列|排|放)(?:在)?(?:第一|首)(?:位|个)?的?(?:单位)?(?:为|是)牵头|"
                           r"第一(?:个|家)?(?:单位)?为牵头单位|首位(?:单位)?为牵头单位")
# Every lower-level government, or one government as a whole, named as a responsible unit.
_EVERY = re.compile(r"各(?:县（市、区）|县\(市、区\)|县市区|市州|区县|县区|区|县|市|乡镇（街道）|乡镇|街道)"
                    r"(?:人民政府|政府)?")
_GOVERNMENT = re.compile(r"人民政府|政府")
_VERB = re.compile(r"(?:等(?:有关|相关)?(?:部门|单位))?[：:]?(?:按照?(?:职责|职能)(?:分工)?|分工|分别|共同|具体|统一)*"
                   r"(?:(?P<v>(?:负责)?牵头|负责|配合|协助)(?!人|同志|制(?![定订])|性|意识|单位)|(?:作)?为牵头单位)")
_JOINER = re.compile(r"^(?:、|和|与|及|会同|联合|以及)$")
# 「由A审核」, 「由A、B认定并公示」, 「由A依据…予以核实」: 由 names who acts, an act of office in
# the same phrase.
_BY = re.compile(r"由\s*$")
_PHRASE_END = re.compile(r"[，,。；;]")
_ACTS = re.compile(r"(?:负责|审核|审批|审定|认定|核实|核查|核定|组织|下达|拨付|发放|统筹|实施|制定|解释|评定|公布|受理|办理|"
                   r"监督|管理|指导|协调|确定|备案)")
_LEVELS = re.compile(r"(?P<unit>省|市|县|区|市县|县区|区县|省市县|市州|县市区)(?:级)?"
                     r"(?P<v>负总责|具体负责|抓落实|负主体责任)")
_TOGETHER = re.compile(r"会同(?P<list>[\u4e00-\u9fff、]{2,40}?)等(?P<noun>部门|单位)")
_SENTENCE = re.compile(r"[^。；;！!？?\n]+")
_EMPTY = re.compile(r"^[\W\d_（）()【】\[\]]*$")


@dataclass(frozen=True)
class Duty:
    """One responsible unit as printed, its role ("lead", "support" or None), its full
    name when the plan left out its level (民政厅 after 省工业和信息化厅 is 省民政厅), and the
    span of the task it is responsible for (None: the whole clause)."""

    surface: str
    role: str | None = None
    full: str | None = None
    task: tuple[int, int] | None = None

    @property
    def name(self) -> str:
        return self.full or self.surface


def clause_duties(text: str, first_is_lead: bool = False, hits: list[AgencyHit] | None = None,
                  ) -> tuple[list[Duty], list[tuple[int, int]]]:
    """The units ``text`` makes responsible, and the spans of its lists (names inside them
    are duties, not mentions); ``hits``: ``find_agencies(text)`` when the caller has it."""
    listed = labelled(text, first_is_lead)
    spans = _merge([x.span for x in listed])
    listed += bracketed(text, spans)
    spans = _merge([x.span for x in listed])
    duties = [Duty(x.surface, x.role, x.full, _task_before(text, spans, x.span)) for x in listed]
    duties += _sentence_duties(text, spans, hits)
    return _with_roles(duties), spans


def duty_only(text: str) -> bool:
    """Whether ``text`` is nothing but a responsibility list (a line after a task)."""
    listed = labelled(text, False)
    listed += bracketed(text, _merge([x.span for x in listed]))
    if not listed:
        return False
    spans = _merge([x.span for x in listed])
    rest = "".join(ch for i, ch in enumerate(text) if not any(a <= i < b for a, b in spans))
    return bool(_EMPTY.match(rest))


def _task_before(text: str, spans: list[tuple[int, int]], span: tuple[int, int],
                 ) -> tuple[int, int] | None:
    """The task a list belongs to: the text between the list before it and it."""
    own = next(k for k, (a, b) in enumerate(spans) if a <= span[0] < b)
    start = spans[own - 1][1] if own else 0
    if own == 0 and len(spans) == 1:
        return None  # one list in the clause: the whole clause is its task
    return (start, spans[own][0]) if not _EMPTY.match(text[start:spans[own][0]]) else None


def _sentence_duties(text: str, spans: list[tuple[int, int]],
                     hits: list[AgencyHit] | None = None) -> list[Duty]:
    """「由A负责」, 「A、B牵头」, 「A为牵头单位」, 「B配合」 beside them, 「省负总责」, 「会同A、B等部门」."""
    duties = _levels(text) + _together(text, spans)
    if not _VERB.search(text) and "由" not in text:
        return duties
    units = _units(text, spans, find_agencies(text) if hits is None else hits)
    found: list[Duty] = []
    for i, unit in enumerate(units):
        verb = _VERB.match(text, unit.end)
        if not verb:
            phrase_end = m.start() if (m := _PHRASE_END.search(text, unit.end)) else len(text)
            if _BY.search(text, 0, unit.start) and _ACTS.search(text, unit.end, phrase_end):
                run = [unit]  # 「由属地交通运输主管部门审核」: the unit that does it
                for prev in reversed(units[:i]):
                    if not _JOINER.match(text[prev.end:run[0].start]):
                        break
                    run.insert(0, prev)
                if _BY.search(text, 0, run[0].start):
                    found += [Duty(u.surface, None, task=_sentence_at(text, u.start)) for u in run]
            continue
        run = [unit]
        for prev in reversed(units[:i]):
            if not _JOINER.match(text[prev.end:run[0].start]):
                break
            run.insert(0, prev)
        word = verb.group("v") or "牵头"
        role = "lead" if "牵头" in word else None if word == "负责" else "support"
        found += [Duty(u.surface, role, task=_sentence_at(text, u.start)) for u in run]
    if found and all(d.role == "support" for d in found):
        found = []  # 配合 with nobody to support is no duty
    return duties + found


def _levels(text: str) -> list[Duty]:
    """「省负总责、市县具体负责」: levels of government and their share of a task."""
    return [Duty(m.group("unit"), "lead" if m.group("v") == "负总责" else None,
                 task=_sentence_at(text, m.start())) for m in _LEVELS.finditer(text)]


def _together(text: str, spans: list[tuple[int, int]]) -> list[Duty]:
    """「会同自然资源、住建、气象等部门」: departments named by their field share the task."""
    duties = []
    for m in _TOGETHER.finditer(text):
        if any(a <= m.start() < b for a, b in spans):
            continue
        items = split_items(m.group("list"), "、")
        task = _sentence_at(text, m.start())
        for k, item in enumerate(items):
            printed = item + ("等" + m.group("noun") if k == len(items) - 1 else "")
            duties.append(Duty(printed, None, item + m.group("noun"), task))
    return duties


def _sentence_at(text: str, pos: int) -> tuple[int, int] | None:
    for m in _SENTENCE.finditer(text):
        if m.start() <= pos < m.end():
            return m.span()
    return None


def _units(text: str, spans: list[tuple[int, int]], hits: list[AgencyHit]) -> list[AgencyHit]:
    """Departments, and governments: 各区, 各县（市、区）人民政府, 县人民政府."""
    hits = list(hits)
    found = [(m.start(), m.end()) for m in _EVERY.finditer(text)]
    found += [(start, m.end()) for m in _GOVERNMENT.finditer(text)
              if m.start() - (start := walk_left(text, m.start(), 10)) >= 1]
    for start, end in found:
        if not any(h.start < end and start < h.end for h in hits):
            hits.append(AgencyHit(start, end, text[start:end]))
    return sorted((h for h in hits if not any(a <= h.start < b for a, b in spans)),
                  key=lambda h: h.start)


def _with_roles(duties: list[Duty]) -> list[Duty]:
    """One duty per unit and task, the strongest role kept; in a task with a lead, every
    unit without a role supports it."""
    rank = {"lead": 2, "support": 1, None: 0}
    best: dict[tuple[str, tuple[int, int] | None], Duty] = {}
    for d in duties:
        key = (d.name, d.task)
        if key not in best or rank[d.role] > rank[best[key].role]:
            best[key] = d
    led = {d.task for d in best.values() if d.role == "lead"}
    return [replace(d, role=d.role or ("support" if d.task in led else None)) for d in best.values()]


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged
