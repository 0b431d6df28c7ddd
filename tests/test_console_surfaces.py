"""The console's three surfaces with TCK queries: ``policykg cypher`` in a subprocess,
``POST /api/cypher`` on the served app, and the app's Cypher console in Chromium. Each
refuses writes (plain and disguised) with 403 / exit 2 naming what writes, reports an
invalid query as 400 / exit 1 and a timeout as 408 / exit 1, and leaves the graph and
its schema as they were. The guard takes the whole corpus in test_console_tck.py; the
slow surfaces take samples here.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from kg.store import GraphStore
from tests.conftest import run_cli
from tests.console_tck import DISGUISES, disguised, distinct, graph_state, is_test_procedure
from tests.console_tck import load_corpus, of_truth, sample
from tests.served import Served, served, services  # noqa: F401
from ui.api import MAX_QUERY_CHARS

CORPUS = load_corpus()
WRITES = distinct(of_truth(CORPUS, "write"))
READS = distinct([q for q in of_truth(CORPUS, "read") if not is_test_procedure(q.query)])
KINDS = ["plain", *sorted(DISGUISES)]
RUNAWAY = ("UNWIND range(1, 6000) AS a UNWIND range(1, 6000) AS b "
           "WITH a, b WHERE a * b = -1 RETURN count(*) AS n")
DISGUISED_WRITE = "MATCH (n) WHERE n.x :: LIST<INTEGER> CREATE (m:Pwned)"


def _disguised_sample(n: int) -> list[str]:
    return [text if KINDS[k % len(KINDS)] == "plain" else disguised(text, KINDS[k % len(KINDS)], k)
            for k, text in enumerate(sample(WRITES, n))]


# --- policykg cypher -------------------------------------------------------------------


@pytest.mark.parametrize(("query", "code", "kind", "named"), [
    (DISGUISED_WRITE, 2, "refused", "writes (CREATE at line 1, column 38)"),
    ("MATCH (n RETURN n", 1, "invalid", "invalid query: unbalanced brackets"),
    ("RETURN no_such_function(1) AS x", 1, "invalid", "the graph engine rejected the query"),
])
def test_cli_json_prints_an_error_object_with_the_exit_code(
        env: dict[str, str], store: GraphStore, query: str, code: int, kind: str,
        named: str) -> None:
    before = graph_state(store)
    done = run_cli(env, "cypher", "--json", query)
    assert done.returncode == code, done.stderr
    error = json.loads(done.stdout)
    assert error["kind"] == kind and named in error["error"], error
    assert set(error) == {"error", "kind"}
    assert graph_state(store) == before


def test_cli_without_json_says_it_on_stderr(env: dict[str, str]) -> None:
    done = run_cli(env, "cypher", "MATCH (n RETURN n")
    assert done.returncode == 1 and not done.stdout
    assert "invalid query: unbalanced brackets" in done.stderr and "refused" not in done.stderr


@pytest.mark.slow
def test_cli_timeout_is_exit_1_with_a_timeout_object(env: dict[str, str]) -> None:
    done = run_cli(env, "cypher", "--json", RUNAWAY)
    assert done.returncode == 1
    error = json.loads(done.stdout)
    assert error["kind"] == "timeout" and "arcadedb" not in error["error"]


@pytest.mark.slow
@pytest.mark.parametrize("n", range(4))
def test_cli_refuses_a_sample_of_tck_writes(env: dict[str, str], store: GraphStore,
                                            n: int) -> None:
    query = _disguised_sample(4)[n]
    before = graph_state(store)
    done = run_cli(env, "cypher", "--json", query)
    assert done.returncode == 2, (query, done.stdout, done.stderr)
    assert json.loads(done.stdout)["kind"] == "refused"
    assert graph_state(store) == before


# --- POST /api/cypher ------------------------------------------------------------------


@pytest.fixture(scope="module")
def client(served: Served) -> Iterator[httpx.Client]:  # noqa: F811
    with httpx.Client(base_url=served.url, timeout=60) as http:
        yield http


def test_api_refuses_a_sample_of_tck_writes_with_403(client: httpx.Client,
                                                     store: GraphStore) -> None:
    """A disguise can make a query longer than the API takes: that one is turned away
    (413 / 422) before the console sees it."""
    before = graph_state(store)
    for query in _disguised_sample(300):
        reply = client.post("/api/cypher", json={"query": query})
        if len(query) > MAX_QUERY_CHARS:
            assert reply.status_code in (413, 422), (query, reply.text)
            continue
        assert reply.status_code == 403, (query, reply.text)
        assert reply.json()["error"].startswith("refused: ")
    assert graph_state(store) == before


def test_api_never_refuses_a_tck_read(client: httpx.Client, store: GraphStore) -> None:
    """A read may be 200, or 400 / 408 for the engine's own reasons: never 403."""
    before = graph_state(store)
    statuses = []
    for query in sample(READS, 60):
        reply = client.post("/api/cypher", json={"query": query, "limit": 5})
        assert reply.status_code in (200, 400, 408), (query, reply.text)
        statuses.append(reply.status_code)
    assert statuses.count(200) > len(statuses) // 2
    assert graph_state(store) == before


@pytest.mark.parametrize(("query", "status", "named"), [
    (DISGUISED_WRITE, 403, "writes (CREATE"),
    ("MATCH (n) WHERE n.x IS TYPED ZONED DATETIME RETURN count(n) AS n", 200, ""),
    ("MATCH (c:Clause) USING INDEX c:Clause(doc_id) WHERE c.doc_id = 'x' RETURN c", 200, ""),
    ("MATCH (n RETURN n", 400, "invalid query"),
    ("RETURN size(range(1, 100000000)) AS n", 400, "range"),
])
def test_api_error_classes(client: httpx.Client, query: str, status: int, named: str) -> None:
    reply = client.post("/api/cypher", json={"query": query})
    assert reply.status_code == status, reply.text
    if status != 200:
        assert named in reply.json()["error"] and "arcadedb" not in reply.json()["error"]


# --- the app's console, in a browser, once ------------------------------------------------

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.mark.browser
@pytest.mark.slow
def test_the_app_console_shows_a_refused_and_an_invalid_query(served: Served,  # noqa: F811
                                                               store: GraphStore) -> None:
    if not Path(CHROMIUM).exists():
        pytest.skip("no Chromium: `make system-deps` installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    before = graph_state(store)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM,
                                    args=["--headless", "--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page()
            page.set_default_timeout(60_000)
            page.goto(served.url)
            page.get_by_role("tab", name="Cypher 控制台 Console").click()
            shown = {}
            for query in (disguised(sample(WRITES, 1)[0], "all-at-once"), "MATCH (n RETURN n"):
                page.fill("#cy-query textarea", query)
                page.click("#cy-run")
                status = page.locator("#cy-status .status.error")
                status.wait_for()
                shown[status.get_attribute("data-kind")] = status.inner_text()
                page.fill("#cy-query textarea", "RETURN 1 AS ok")
                page.click("#cy-run")
                page.locator("#cy-status .status.ok").wait_for()
        finally:
            browser.close()
    assert set(shown) == {"refused", "invalid"}
    assert "只读" in shown["refused"] and "refused: " in shown["refused"]
    assert "查询无效" in shown["invalid"] and "unbalanced brackets" in shown["invalid"]
    assert graph_state(store) == before
