"""Plain-text renderings for the terminal."""

from __future__ import annotations

import json
import unicodedata
from typing import Any

from ingest.build import IngestReport
from kg.store import GraphStats
from qa.evaluate import LOOKUP_CHARS


def ingest_report(report: IngestReport) -> str:
    lines = []
    for doc in report.documents:
        if doc.status == "failed":
            lines.append(f"failed     {doc.error}")
        elif doc.status == "unchanged":
            lines.append(f"unchanged  {doc.doc_id}  coverage {_coverage(doc.coverage)}  ({doc.path})")
        else:
            lines.append(
                f"{doc.status:<10} {doc.doc_id}  {doc.clauses} clauses, {doc.targets} targets, "
                f"{doc.incentives} incentives, {doc.entities} entities, coverage "
                f"{_coverage(doc.coverage)}  ({doc.path}, {doc.seconds:.2f} s)"
            )
            lines += [f"  warning: {w}" for w in doc.warnings]
    counts = {s: sum(1 for d in report.documents if d.status == s)
              for s in ("added", "updated", "unchanged", "failed")}
    summary = ", ".join(f"{n} {s}" for s, n in counts.items())
    lines.append(f"{len(report.documents)} files: {summary} in {report.seconds:.1f} s")
    return "\n".join(lines)


def _coverage(share: float | None) -> str:
    return "—" if share is None else f"{share:.1%}"


def stats(graph: GraphStats) -> str:
    lines = [f"graph: {graph.endpoint}", "nodes:"]
    lines += [f"  {label:<18} {n}" for label, n in sorted(graph.labels.items())]
    lines.append("relationships:")
    lines += [f"  {rel:<18} {n}" for rel, n in sorted(graph.relationships.items())]
    return "\n".join(lines)


def table(columns: list[str], rows: list[list[Any]], max_width: int = 60) -> str:
    cells = [[_cell(v, max_width) for v in row] for row in rows]
    widths = [max([_width(c)] + [_width(r[i]) for r in cells]) for i, c in enumerate(columns)]
    def line(values: list[str]) -> str:
        return " | ".join(v + " " * (w - _width(v)) for v, w in zip(values, widths))
    out = [line(columns), "-+-".join("-" * w for w in widths)]
    out += [line(r) for r in cells]
    out.append(f"({len(rows)} rows)")
    return "\n".join(out)


def _cell(value: Any, max_width: int) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = " ".join(text.split())
    if _width(text) <= max_width:
        return text
    text = text[:max_width]
    while _width(text) > max_width - 1:
        text = text[:-1]
    return text + "…"


def _width(text: str) -> int:
    # CJK characters take two columns in a terminal.
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def extraction_scores(scores: list[Any], verbose: bool = False) -> str:
    lines = [f"{'type':<18} {'gold':>5} {'found':>6} {'precision':>10} {'recall':>7}"]
    for s in scores:
        lines.append(f"{s.kind:<18} {s.gold:>5} {s.predicted:>6} {s.precision:>10.3f} {s.recall:>7.3f}")
        if verbose:
            lines += [f"    missed:   {m}" for m in s.missed]
            lines += [f"    spurious: {m}" for m in s.spurious]
    return "\n".join(lines)


def eval_sets(sets: list[Any], verbose: bool = False) -> str:
    """Each gold set's scores; a split set's groups (tuning, frozen) side by side."""
    out = []
    for result in sets:
        names = list(result.groups)
        members = "; ".join(f"{n}: {' '.join(ids)}" for n, ids in result.members.items())
        out.append(f"== {result.name} ({members})")
        if result.not_ingested:
            out.append(f"   not ingested: {' '.join(result.not_ingested)}")
        header = f"{'type':<22}" + "".join(f" | {n + ' gold':>11} {'found':>5} {'P':>6} {'R':>6}" for n in names)
        out.append(header)
        kinds = list(dict.fromkeys(s.kind for n in names for s in result.groups[n]))
        for kind in kinds:
            row = f"{kind:<22}"
            for n in names:
                s = next((s for s in result.groups[n] if s.kind == kind), None)
                row += (f" | {s.gold:>11} {s.predicted:>5} {s.precision:>6.3f} {s.recall:>6.3f}"
                        if s else f" | {'':>11} {'':>5} {'':>6} {'':>6}")
            out.append(row)
        if result.strict[1]:
            out.append(f"strict rows exact: {result.strict[0]}/{result.strict[1]}")
        if verbose:
            for n in names:
                if n in result.hidden:
                    continue
                for s in result.groups[n]:
                    out += [f"    [{n}] {s.kind} missed:   {m}" for m in s.missed]
                    out += [f"    [{n}] {s.kind} spurious: {m}" for m in s.spurious]
    return "\n".join(out)


def answer(ans: Any) -> str:
    mode = "LLM" if ans.mode == "llm" else "extractive"
    return f"{ans.answer}\n\n({mode}, {ans.timings_ms.get('total', 0):.0f} ms)"


def qa_reports(reports: list[Any], verbose: bool = False, show: set[str] | None = None) -> str:
    """Pass rates per report and kind; with ``verbose``, the failures of the reports named
    in ``show`` (all when None) — a frozen test part's failures are never printed."""
    lines = []
    for report in reports:
        passed, total = report.rate()
        ans = report.rate(lambda o: o.gold.answerable)
        una = report.rate(lambda o: not o.gold.answerable)
        p50, p95 = report.latency()
        short, lookups = report.short_lookups()
        lines.append(f"== {report.name}: pass {passed}/{total} = {passed / max(total, 1):.1%}; "
                     f"answerable {ans[0]}/{ans[1]}; unanswerable refused {una[0]}/{una[1]}; "
                     f"lookups ≤{LOOKUP_CHARS} chars {short}/{lookups}; p50 {p50:.0f} ms, p95 {p95:.0f} ms")
        for kind, (ok, n) in report.by_kind().items():
            lines.append(f"   {kind:<16} {ok:>3}/{n:<3} {ok / max(n, 1):.0%}")
        if verbose and (show is None or report.name in show):
            for o in report.outcomes:
                if not o.passed:
                    lines.append(f"   FAIL {o.gold.id} [{o.gold.kind}] {o.gold.question}")
                    lines.append(f"        found={o.found} missing facts={list(o.missing_facts)} "
                                 f"evidence={list(o.missing_evidence)}")
                    lines.append("        " + o.answer.split("\n\n来源：")[0].replace("\n", " / ")[:300])
    return "\n".join(lines)
