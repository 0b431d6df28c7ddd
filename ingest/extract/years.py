"""Which year a goal is for, when its own sentence does not say.

Plans state the deadline once and list the goals under it:

    二、发展目标
    到2025年，全市数字经济发展取得显著成效。        ← the section's intro
    ——产业规模持续壮大。核心产业增加值达到500亿元。    ← 2025, not the plan's end year

So a clause without a goal year of its own before a number inherits one, nearest first:

1. from a preceding sibling paragraph (unnumbered) that opens with a goal year
   (「到2025年，…」, 「力争到2025年…」, 「“十四五”期间…」) — until a later one opens with another;
2. from its parent's own text (the heading and intro of the section or item it sits in),
   the last goal year printed there, else the year its heading names for the stage
   (「（一）2024年工作目标」, 「近期（2022–2025年）」 → 2025); then from the grandparent, and
   so on.

A paragraph that opens with a stage of the plan (「近期目标（2022－2025）：…」, 「2025－2030年，…」)
scopes its siblings to the stage's last year, like one opening with 「到2025年，」.

A goal year is 到/至 YYYY 年, YYYY 年(底)前, or a five-year plan's name (“十四五” → 2025);
a year inside a cited title (《…2035年远景目标纲要》) is none. The plan period's end is the
caller's fallback.

「三年内」 / 「用3年时间」 count from the plan's first year as the first of them
(``within_years``), and a plan that prints no period works towards the goal year its text
names most (``horizon``).

>>> scope = YearScope(doc.clauses)
>>> scope.inherited(item)   # an item under 「到2025年，…」
2025
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.extract.conditions import ancestors
from ingest.extract.numbers import FIVE_YEAR_PLANS, normalize, target_years
from kg.types import Clause, ParsedDocument

_TITLE = re.compile(r"《[^》]*》")
_Y = r"(?:19|20)\d{2}"
# A stage of the plan named by its years: 「近期目标（2022－2025）：」, 「近期（2022–2025年）」,
# 「2025－2030年，」; the stage ends in the last year.
_RANGE = rf"{_Y}\s*年?\s*[－—–\-~～至到]\s*(?P<end>{_Y})\s*年?"
_STAGE = re.compile(rf"^\s*(?:[\u4e00-\u9fff]{{0,6}}\s*[（(]\s*)?{_RANGE}\s*[）)]?\s*[：:，,]")
_OPENS = re.compile(r"^\s*(?:[（(]?[一二三四五六七八九十\d]+[)）.、．]\s*)?(?:力争|预计|计划)?\s*"
                    r"(?:(?:到|至)\s*(?:19|20)\d{2}\s*年|(?:19|20)\d{2}\s*年(?:底)?前|“?十[二三四五]五”?(?:期间|时期|末))")
# A heading that names the year of the goals or tasks under it: 「（一）2024年工作目标」,
# 「近期（2022–2025年）」, 「2024年重点任务」.
_HEADING_YEAR = re.compile(rf"^(?:[（(]?[一二三四五六七八九十\d]+[)）.、．]\s*)?[\u4e00-\u9fff]{{0,6}}?"
                           rf"(?:[（(]\s*{_RANGE}\s*[）)]|(?P<single>{_Y})\s*年(?!底|末|前|以来))")
_FIVE = re.compile("|".join(FIVE_YEAR_PLANS))
_UNNUMBERED = frozenset({"paragraph", "preamble"})


def goal_years(text: str) -> list[tuple[int, int]]:
    """(position, year) of every goal year in normalized ``text``, titles excepted."""
    titles = [m.span() for m in _TITLE.finditer(text)]
    marks = target_years(text) + [(m.start(), FIVE_YEAR_PLANS[m.group()])
                                  for m in _FIVE.finditer(text)]
    return sorted((p, y) for p, y in marks if not any(s <= p < e for s, e in titles))


class YearScope:
    """The goal year each clause of one document inherits (see the module docstring)."""

    def __init__(self, clauses: Sequence[Clause]) -> None:
        self._by_id = {c.clause_id: c for c in clauses}
        self._own: dict[str, int | None] = {}
        self._sibling: dict[str, int | None] = {}
        current: dict[str | None, int | None] = {}
        for clause in sorted(clauses, key=lambda c: c.ordinal):
            self._sibling[clause.clause_id] = current.get(clause.parent_id)
            opening = self._opening_year(clause)
            if opening is not None:
                current[clause.parent_id] = opening

    def inherited(self, clause: Clause) -> int | None:
        """The goal year ``clause`` sits under, or None when no ancestor states one."""
        year = self._sibling.get(clause.clause_id)
        if year is not None:
            return year
        for parent in ancestors(clause, self._by_id):
            year = self._own_year(parent)
            if year is not None:
                return year
            year = self._sibling.get(parent.clause_id)
            if year is not None:
                return year
        return None

    def _own_year(self, clause: Clause) -> int | None:
        if clause.clause_id not in self._own:
            marks = goal_years(normalize(clause.text))
            self._own[clause.clause_id] = marks[-1][1] if marks else heading_year(clause)
        return self._own[clause.clause_id]

    def _opening_year(self, clause: Clause) -> int | None:
        """The year an unnumbered paragraph opens with, which scopes the siblings after it."""
        text = normalize(clause.text)
        if clause.kind not in _UNNUMBERED:
            return None
        stage = _STAGE.match(text)
        if stage:
            rest = goal_years(text[stage.end():stage.end() + 12])
            return rest[0][1] if rest else int(stage.group("end"))
        if not _OPENS.match(text):
            return None
        marks = goal_years(text)
        return marks[0][1] if marks else None


def heading_year(clause: Clause) -> int | None:
    """The year a section's heading gives the goals under it (「（一）2024年工作目标」,
    「近期（2022–2025年）」), or None."""
    heading = _TITLE.sub("", normalize(clause.heading or ""))
    m = _HEADING_YEAR.search(heading) if len(heading) <= 40 else None
    if m is None:
        return None
    return int(m.group("single") or m.group("end"))


# 「三年内」, 「用3年时间」: a goal year counted from the plan's start.
_WITHIN_YEARS = re.compile(r"(?<![十\d])(?P<n>\d{1,2}|[一二两三四五六七八九十])\s*年(?:时间|内)")
_CN_COUNT = {c: k for k, c in enumerate("一二三四五六七八九十", 1)} | {"两": 2}


def within_years(text: str, ref: int | None) -> list[tuple[int, int]]:
    """(position, year) of each 「三年内」/「用3年时间」, counted from the plan's first year
    (its period's start, else its issue year) as the first of them: a plan issued in 2025
    that aims 「三年内」 aims at 2027."""
    if ref is None:
        return []
    marks = []
    for m in _WITHIN_YEARS.finditer(text):
        n = int(m.group("n")) if m.group("n").isdigit() else _CN_COUNT[m.group("n")]
        if 1 <= n <= 10:
            marks.append((m.start(), ref + n - 1))
    return marks


_YEAR_LEAD = re.compile(r"(?:^|[。；;：:\n])\s*(?P<y>20\d\d)\s*年\s*[，,]")


def horizon(doc: ParsedDocument, ref: int | None) -> int | None:
    """The year a plan that prints no period works towards: the goal year (「到2027年」, or
    the year in hand opening a sentence: 「2024年，…」) its text names at least three times
    and more often than all others together; None when no year dominates (a plan that
    names one year here and another there has no horizon)."""
    counts: dict[int, int] = {}
    for clause in doc.clauses:
        text = normalize(clause.text)
        # 「2024年，抓好…」: a sentence opening with the year in hand sets that year's goals.
        leads = [(m.start(), int(m.group("y"))) for m in _YEAR_LEAD.finditer(text)]
        for _, year in target_years(text) + within_years(text, ref) + leads:
            if ref is None or year >= ref:
                counts[year] = counts.get(year, 0) + 1
    top = max(counts, key=lambda y: (counts[y], y)) if counts else None
    if top is None or counts[top] < 3 or 2 * counts[top] <= sum(counts.values()):
        return None
    return top
