"""A run killed mid-way leaves a consistent graph that the next run completes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg import cypher
from kg.store import GraphConfig, GraphStore
from kg.vectors import VectorIndex
from tests.conftest import ROOT, SEEDS, run_cli

pytestmark = pytest.mark.slow


def _documents(data: Path) -> int:
    with GraphStore.open(GraphConfig(data_dir=data)) as store:
        return len(store.read(cypher.LIST_DOCUMENTS))


def test_killed_ingest_is_completed_by_the_next_run(env, tmp_path) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "data"
    own_env = {**env, "POLICYKG_DATA_DIR": str(data)}
    proc = subprocess.Popen([sys.executable, "-m", "ui", "ingest", str(SEEDS)], env=own_env,
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            if (data / "engine" / "engine.json").exists() and _documents(data) >= 2:
                break
            time.sleep(0.3)
        assert proc.poll() is None, "ingestion finished before it could be interrupted"
    finally:
        os.kill(proc.pid, signal.SIGKILL)  # no clean shutdown: the engine dies with it
        proc.wait()

    done = run_cli(own_env, "ingest", str(SEEDS))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "5 files" in done.stdout and "failed" not in done.stdout.split("5 files")[0]
    with GraphStore.open(GraphConfig(data_dir=data)) as store:
        docs = store.read(cypher.LIST_DOCUMENTS)
        clauses = store.read("MATCH (c:Clause) RETURN count(c) AS n")[0]["n"]
        orphans = store.read("MATCH (c:Clause) WHERE NOT (:Document)-[:HAS_CLAUSE]->(c) "
                             "RETURN count(c) AS n")[0]["n"]
    assert len(docs) == 5 and orphans == 0
    from kg.embedders import make_embedder

    index = VectorIndex(data / "index", make_embedder("e5-small", data / "models"))
    assert len(index) == clauses  # the index caught up with the graph
