"""The new plans (real plans from other regions, tests/data/new_plans/) ingested by the real
engine and scored against their gold: metadata and segmentation must hold what they reach
on the tuning documents, and no plan may lose body text. The frozen test documents are
scored too, but only their aggregate numbers exist here (see the split file)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.conftest import DATA

from ingest.build import IngestReport
from ingest.coverage import WARN_BELOW
from ingest.evalsets import EvalSet, evaluate_sets, load_split
from ui.wiring import build_ingestor

pytestmark = pytest.mark.slow
PLANS = DATA / "new_plans"
GOLD = DATA / "gold_extraction_newplans"
SPLIT = DATA / "qa_newplans_frozen_docs.txt"
# What the tuning documents reach today; a change that scores lower is a regression.
# np21–np24 joined the tuning set on 2026-12-01 and lowered three of them: np22 is a draft
# whose gold keeps 「（征求意见稿）」 out of the title (the parser keeps it in, as for the seeds'
# draft), and np21 is a PDF conversion whose annex tables the gold does not split into units.
# np25–np28 joined on the same day; np26 prints only a 发布日期, which the parser stores as
# an inferred issue date and the gold leaves empty.
# np33–np36 joined on 2026-12-01 (sixth session): np33's gold keeps 「（草案）」 in its title (np22's
# keeps 「（征求意见稿）」 out) and np36's wants the title without its period among the also-titles:
# the title floors are the level measured with them.
TUNING_FLOORS = {
    # np61's gold takes the page's issuing table's full title (「…能源局 …监管局关于2025年广西…的通知」);
    # the heading the page prints, and the stored title, is the short one (33 of 36 right).
    "Document.title": (0.91, 0.91), "Document.doc_number": (1.0, 1.0),
    # np50's gold dates it 2026-06-29 where it prints 2025年6月29日 (a misprint its helper
    # corrected from the text's own citations); the stored date is the printed one.
    "Document.issued": (0.92, 0.96), "Document.also_titles": (0.95, 0.86),
    "Clause": (0.92, 0.98),
}


def _plan_files() -> list[Path]:
    # SOURCES.md sits beside the plans and is not one of them.
    return sorted(p for p in PLANS.glob("np*") if p.is_file())


@pytest.fixture(scope="module")
def ingested(store, settings) -> Iterator[IngestReport]:  # type: ignore[no-untyped-def]
    ingestor = build_ingestor(settings, store, defer_index=True)
    report = ingestor.ingest(_plan_files())
    yield report
    for doc in report.documents:
        if doc.doc_id:
            ingestor.remove(doc.doc_id)


@pytest.fixture(scope="module")
def scored(store, ingested) -> EvalSet:  # type: ignore[no-untyped-def]
    return evaluate_sets(store, [GOLD], load_split(SPLIT))[0]


def test_every_new_plan_is_stored_with_its_body(ingested) -> None:  # type: ignore[no-untyped-def]
    assert len(ingested.documents) == len(_plan_files()) >= 10
    assert not ingested.failed, [d.error for d in ingested.failed]
    low = {d.doc_id: d.coverage for d in ingested.documents if (d.coverage or 0) < WARN_BELOW}
    assert not low, low


def test_tuning_documents_keep_their_metadata_and_segmentation_scores(scored) -> None:  # type: ignore[no-untyped-def]
    assert set(scored.groups) == {"tuning", "frozen"}
    assert not scored.not_ingested
    tuning = {s.kind: s for s in scored.groups["tuning"]}
    weak = {kind: (round(tuning[kind].precision, 3), round(tuning[kind].recall, 3))
            for kind, (p, r) in TUNING_FLOORS.items()
            if tuning[kind].precision < p or tuning[kind].recall < r}
    assert not weak, weak


def test_frozen_documents_are_scored_on_the_same_types(scored) -> None:  # type: ignore[no-untyped-def]
    frozen = {s.kind for s in scored.groups["frozen"]}
    assert {"Document.title", "Document.doc_number", "Document.issued", "Clause"} <= frozen


def test_the_eval_command_shows_tuning_and_frozen_side_by_side(env, ingested) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import run_cli

    done = run_cli(env, "eval", "extraction", "-v", "--gold", str(GOLD), "--split", str(SPLIT))
    assert done.returncode == 0, done.stderr
    header = next(line for line in done.stdout.splitlines() if line.startswith("type"))
    assert "tuning gold" in header and "frozen gold" in header
    assert "Clause" in done.stdout and "Document.title" in done.stdout
    assert "[frozen]" not in done.stdout  # per-item output only for tuning documents
