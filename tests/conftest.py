"""Shared fixtures: one embedded graph engine per test session, with the seeds ingested.

Tests that change the graph use documents of their own (ids starting with ``test_``) and
remove them afterwards, so the seeded corpus stays as every other test expects it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from ingest.build import IngestReport
from kg.store import GraphStore
from ui.settings import Settings
from ui.wiring import build_ingestor, open_store

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("policykg-data")


@pytest.fixture(scope="session")
def env(data_dir: Path) -> dict[str, str]:
    """The environment a `policykg` subprocess of this session runs with."""
    clean = {k: v for k, v in os.environ.items()
             if not k.startswith(("POLICYKG_", "NEO4J_", "OPENAI_"))}
    return {**clean, "POLICYKG_DATA_DIR": str(data_dir), "POLICYKG_SEEDS_DIR": str(SEEDS),
            "POLICYKG_LOG_LEVEL": "WARNING", "POLICYKG_QUERY_TIMEOUT": "3"}


@pytest.fixture(scope="session")
def settings(env: dict[str, str]) -> Settings:
    return Settings.from_env(env)


@pytest.fixture(scope="session")
def store(settings: Settings) -> Iterator[GraphStore]:
    graph = open_store(settings)
    yield graph
    graph.close()


@pytest.fixture(scope="session")
def seeded(store: GraphStore, settings: Settings) -> IngestReport:
    report = build_ingestor(settings, store).ingest([SEEDS])
    assert not report.failed, report.failed
    return report


def run_cli(env: dict[str, str], *args: str, stdin: str | None = None,
            timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run `policykg ARGS` as a user would, joining this session's engine."""
    return subprocess.run(
        [sys.executable, "-m", "ui", *args], env=env, input=stdin, text=True,
        capture_output=True, timeout=timeout, cwd=ROOT,
    )


_exit_status = 0


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    global _exit_status
    _exit_status = int(exitstatus)


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    """Leave without interpreter finalisation. By now the session's fixtures have stopped
    the engine and the servers and pytest has written its report; what is left is JPype
    tearing the JVM down while native threads (OpenMP's pool, Gradio's and uvicorn's
    daemons) still exist, which can crash *after* a green run (seen once in CI-like runs)."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(_exit_status)
