"""`policykg ingest` reports progress with counts and time left, and starts quietly: no
faiss AVX-512 notice, no JVM incubator warning, no traceback."""

from __future__ import annotations

import io

import pytest

from ingest.build import DocReport
from kg.progress import Meter, Snapshot, clock
from tests.conftest import SEEDS, run_cli
from ui.progress import ProgressPrinter, render

NOISE = ("Using incubator modules", "AVX512", "ModuleNotFoundError", "Traceback")


def test_a_line_has_counts_share_rate_and_time_left() -> None:
    line = render("index", "texts", Snapshot(done=120, total=454, seconds=10.0, rate=12.0, eta_s=27.8))
    assert line.startswith("index  120/454 texts") and "26%" in line
    assert "12.0 texts/s" in line and "about 28 s left" in line


def test_the_last_line_says_how_long_it_took() -> None:
    line = render("ingest", "files", Snapshot(5, 5, 75.0, 0.07, 0.0), "added 004")
    assert "5/5 files" in line and "done in 1 min 15 s" in line and line.endswith("· added 004")


def test_clock_reads_like_people_write() -> None:
    assert [clock(s) for s in (None, 4.4, 65, 3725)] == ["?", "4 s", "1 min 05 s", "1 h 02 min"]


def test_meter_rate_and_time_left() -> None:
    meter = Meter(total=100, started=0.0)  # as if started long ago: a measurable rate
    meter.set(25)
    snap = meter.snapshot()
    assert snap.done == 25 and snap.rate and snap.eta_s == pytest.approx(75 / snap.rate)


def test_into_a_file_lines_are_throttled_but_first_and_last_always_shown() -> None:
    out = io.StringIO()
    printer = ProgressPrinter(out, every_s=3600)
    for done in range(1, 6):
        printer.files(done, 5, DocReport(f"f{done}.txt", "added", f"doc{done}"))
    lines = out.getvalue().splitlines()
    assert len(lines) == 2 and "1/5 files" in lines[0] and "5/5 files" in lines[1]
    printer.embedding(Snapshot(454, 454, 30.0, 15.0, 0.0))
    printer.embedding(Snapshot(454, 454, 30.0, 15.0, 0.0))  # the same end reported twice
    assert out.getvalue().count("454/454 texts") == 1


@pytest.mark.slow
def test_ingest_shows_progress_and_starts_quietly(env, tmp_path) -> None:  # type: ignore[no-untyped-def]
    own = {**env, "POLICYKG_DATA_DIR": str(tmp_path / "data"), "POLICYKG_LOG_LEVEL": "INFO"}
    first, second = sorted(SEEDS.glob("*.txt"))[1:3]
    deferred = run_cli(own, "ingest", "--defer-index", str(first))
    assert deferred.returncode == 0, deferred.stderr
    assert "1/1 files" in deferred.stderr and "left to `policykg serve`" in deferred.stdout
    done = run_cli(own, "ingest", str(first), str(second))
    assert done.returncode == 0, done.stderr
    assert "ingest 1/2 files" in done.stderr and "ingest 2/2 files" in done.stderr
    index_lines = [line for line in done.stderr.splitlines() if line.startswith("index ")]
    assert index_lines and "texts" in index_lines[-1] and "done in" in index_lines[-1]
    assert "texts embedded" in done.stdout  # the deferred file's clauses are indexed now too
    for output in (deferred.stderr, done.stderr):
        assert not [noise for noise in NOISE if noise in output], output
