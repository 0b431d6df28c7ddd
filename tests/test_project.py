"""The project's promises about itself: documented settings, a sound compose file, the CLI's
exit codes on bad input, and the two-command Makefile."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from kg.errors import ConfigError
from tests.conftest import ROOT, SEEDS as SEEDS_DIR, run_cli
from ui.settings import SETTINGS, Settings


def test_every_setting_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [s.name for s in SETTINGS if f"`{s.name}`" not in readme]
    assert not missing, f"README lacks {missing}"


@pytest.mark.parametrize("env, message", [
    ({"POLICYKG_QUERY_TIMEOUT": "soon"}, "POLICYKG_QUERY_TIMEOUT"),
    ({"POLICYKG_LLM_PROVIDER": "gpt"}, "POLICYKG_LLM_PROVIDER"),
    ({"POLICYKG_AUTH": "nopassword"}, "POLICYKG_AUTH"),
    ({"POLICYKG_ROW_LIMIT": "0"}, "POLICYKG_ROW_LIMIT"),
])
def test_bad_settings_name_themselves(env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Settings.from_env(env)


def test_defaults_are_safe() -> None:
    settings = Settings.from_env({})
    assert settings.host == "127.0.0.1" and settings.auth is None
    assert settings.data_dir == Path("./data") and settings.llm_provider == "none"


def test_compose_runs_neo4j_and_the_app_against_it() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    neo4j, app = compose["services"]["neo4j"], compose["services"]["app"]
    assert neo4j["image"].startswith("neo4j:5")
    assert "NEO4J_AUTH" in neo4j["environment"] and "healthcheck" in neo4j
    assert any(v.endswith(":/data") for v in neo4j["volumes"])
    assert app["build"] == "."
    assert app["environment"]["NEO4J_URI"] == "bolt://neo4j:7687"
    assert app["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert all(p.startswith("127.0.0.1:") for s in (neo4j, app) for p in s["ports"])
    assert (ROOT / "Dockerfile").exists()


def test_makefile_has_the_two_commands_and_ci_calls_test() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("install:", "run:", "test:", "bench:"):
        assert re.search(rf"^{target}", makefile, re.M), target
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_cli_refuses_a_write_with_exit_2(env) -> None:  # type: ignore[no-untyped-def]
    done = run_cli(env, "cypher", "MATCH (n) DETACH DELETE n")
    assert done.returncode == 2 and "refused" in done.stderr and "DELETE" in done.stderr


def test_cli_cypher_json_shape(env, seeded) -> None:  # type: ignore[no-untyped-def]
    done = run_cli(env, "cypher", "--json", "--limit", "2",
                   "MATCH (d:Document)-[r:HAS_CLAUSE]->(c) RETURN d, r, c.label AS label")
    assert done.returncode == 0, done.stderr
    import json

    result = json.loads(done.stdout)
    assert result["columns"] == ["d", "r", "label"] and len(result["rows"]) == 2
    node, rel, _ = result["rows"][0]
    assert set(node) == {"labels", "properties"} and node["labels"] == ["Document"]
    assert set(rel) == {"type", "properties"} and rel["type"] == "HAS_CLAUSE"


def test_cli_ingest_bad_files_exit_non_zero_and_keep_the_graph(env, seeded, tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    before = run_cli(env, "stats", "--json").stdout
    done = run_cli(env, "ingest", str(tmp_path))
    assert done.returncode == 1
    assert "empty.txt" in done.stdout and "binary.txt" in done.stdout
    assert run_cli(env, "stats", "--json").stdout == before


def test_cli_reingest_changes_nothing(env, seeded) -> None:  # type: ignore[no-untyped-def]
    before = run_cli(env, "stats", "--json").stdout
    done = run_cli(env, "ingest")
    assert done.returncode == 0, done.stderr
    assert "5 unchanged" in done.stdout
    assert run_cli(env, "stats", "--json").stdout == before


def test_documents_made_by_other_code_are_reingested(store, settings, seeded, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from ui.wiring import build_ingestor

    doc = SEEDS_DIR / "004_79baf6cec914b5a1.txt"
    store.write([("MATCH (d:Document {doc_id: $id}) SET d.pipeline = 'older'", {"id": doc.stem})])
    report = build_ingestor(settings, store).ingest([doc])
    assert [d.status for d in report.documents] == ["updated"]
    again = build_ingestor(settings, store).ingest([doc])
    assert [d.status for d in again.documents] == ["unchanged"]
