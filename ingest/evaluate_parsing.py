"""Score what parsing stored — document metadata and clause segmentation — against a gold.

Gold format (``tests/data/gold_extraction_newplans/<id>.json``, see the new-plans
specification):

- ``Document``: ``{doc_id, title, doc_number, issued, also_titles?}`` — scored per field:
  a field counts where the gold (recall) or the graph (precision) has a value; it
  matches when both are equal after ``norm``. ``also_titles`` are scored as items.
- ``Clause``: ``{doc_id, start, marker, heading, optional}`` for every unit a reader
  would cite, in document order. A stored clause *holds* a unit when ``norm(start)``
  occurs in its text. A start copied from a table row as printed ("3 | 梳理总结重点")
  is that row's cells in order: it is held by a clause that prints those cells one after
  the other, whatever the rendering puts between them (a stored row reads
  "序号：3；职责清单：梳理总结重点…"). A unit is found when a clause holds it and no other unit — except
  that a heading unit may share its clause with the one unit right after it. Precision
  is the share of stored clauses holding exactly one unit (or heading + next) among all
  stored clauses; clauses holding only optional units are left out, and optional units
  are not counted for recall nor against the clause that holds them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ingest.evaluate import Score, norm

DOCUMENT_FIELDS = ("title", "doc_number", "issued")


def score_documents(stored: Sequence[Mapping[str, Any]], gold: Sequence[Mapping[str, Any]],
                    docs: set[str]) -> list[Score]:
    """One score per metadata field, and one for ``also_titles`` when the gold has them."""
    by_id = {d["doc_id"]: d for d in stored if d["doc_id"] in docs}
    wanted = {g["doc_id"]: g for g in gold if g["doc_id"] in docs}
    scores = [_field_score(field, by_id, wanted) for field in DOCUMENT_FIELDS]
    if any(g.get("also_titles") for g in wanted.values()):
        scores.append(_also_titles_score(by_id, wanted))
    return scores


def _field_score(field: str, stored: Mapping[str, Mapping[str, Any]],
                 gold: Mapping[str, Mapping[str, Any]]) -> Score:
    golds = {doc: g[field] for doc, g in gold.items() if g.get(field)}
    found = {doc: d[field] for doc, d in stored.items() if doc in gold and d.get(field)}
    hits = {doc for doc, value in found.items() if doc in golds and norm(value) == norm(golds[doc])}
    missed = tuple(f"{doc} {field}: {golds[doc]} (stored: {found.get(doc)})"
                   for doc in sorted(golds) if doc not in hits)
    spurious = tuple(f"{doc} {field}: {found[doc]}" for doc in sorted(found) if doc not in hits)
    return Score(f"Document.{field}", len(golds), len(found), len(hits), len(hits), missed, spurious)


def _also_titles_score(stored: Mapping[str, Mapping[str, Any]],
                       gold: Mapping[str, Mapping[str, Any]]) -> Score:
    wanted = [(doc, t) for doc, g in gold.items() for t in g.get("also_titles") or []]
    found = [(doc, t) for doc, d in stored.items() if doc in gold for t in d.get("also_titles") or []]
    free = list(found)
    missed = []
    for doc, title in wanted:
        hit = next((f for f in free if f[0] == doc and norm(f[1]) == norm(title)), None)
        if hit is None:
            missed.append(f"{doc} also: {title}")
        else:
            free.remove(hit)
    matched = len(wanted) - len(missed)
    return Score("Document.also_titles", len(wanted), len(found), matched, matched,
                 tuple(missed), tuple(f"{doc} also: {t}" for doc, t in free))


@dataclass(frozen=True)
class StoredClause:
    """What clause scoring needs of a stored clause."""

    doc_id: str
    label: str
    text: str


def score_clauses(clauses: Sequence[StoredClause], gold: Sequence[Mapping[str, Any]],
                  docs: set[str]) -> Score:
    """Segmentation against the gold units of ``docs`` (see the module docstring)."""
    total = found = predicted = precise = 0
    missed: list[str] = []
    spurious: list[str] = []
    for doc in sorted(docs):
        units = [u for u in gold if u["doc_id"] == doc]
        if not units:
            continue
        result = _score_document([c for c in clauses if c.doc_id == doc], units)
        total += result.gold
        found += result.matched_gold
        predicted += result.predicted
        precise += result.matched_predicted
        missed += result.missed
        spurious += result.spurious
    return Score("Clause", total, predicted, found, precise, tuple(missed), tuple(spurious))


def holds(text: str, start: str) -> bool:
    """Whether a clause's text holds a unit's start (both as ``norm`` leaves them)."""
    if start in text:
        return True
    cells = [cell for cell in start.split("|") if cell]
    if len(cells) < 2:
        return False
    pattern = _CELL_GAP.join(re.escape(cell) for cell in cells)
    boundary = r"(?<![\d.])" if cells[0][0].isdigit() else ""
    return re.search(boundary + pattern, text) is not None


# Between two cells of a stored row: a separator, and the next column's name and colon.
_CELL_GAP = r"(?:[；;｜|,，]|[；;｜|][^；;｜|：:]{0,16}[：:])"


def _score_document(clauses: Sequence[StoredClause], units: Sequence[Mapping[str, Any]]) -> Score:
    keys = [norm(u["start"]) for u in units]
    optional = [bool(u.get("optional")) for u in units]
    following = _next_required(optional)
    found: set[int] = set()
    predicted = precise = 0
    spurious = []
    for clause in clauses:
        text = norm(clause.text)
        held = [i for i, key in enumerate(keys) if key and holds(text, key)]
        visible = [i for i in held if not optional[i]]
        if held and not visible:
            continue  # only optional units (a title line, a signature): not counted
        predicted += 1
        if len(visible) == 1 or (len(visible) == 2 and units[visible[0]].get("heading")
                                 and following[visible[0]] == visible[1]):
            precise += 1
            found.update(visible)
        else:
            starts = "、".join(units[i]["start"][:8] for i in visible[:4]) or "no unit"
            spurious.append(f"{clause.doc_id} {clause.label or '(clause)'}: {clause.text[:24]!r} "
                            f"holds {len(visible)} ({starts})")
    required = [i for i, opt in enumerate(optional) if not opt]
    missed = [f"{units[i]['doc_id']} {units[i].get('marker', '')}{units[i]['start']}"
              for i in required if i not in found]
    hits = len([i for i in required if i in found])
    return Score("Clause", len(required), predicted, hits, precise, tuple(missed), tuple(spurious))


def _next_required(optional: Sequence[bool]) -> list[int | None]:
    """For each unit, the index of the next unit that is not optional."""
    nxt: list[int | None] = [None] * len(optional)
    upcoming = None
    for i in range(len(optional) - 1, -1, -1):
        nxt[i] = upcoming
        if not optional[i]:
            upcoming = i
    return nxt
