"""The read-only console against the real engine: refusals write nothing, limits hold,
a runaway query is stopped and the engine keeps answering."""

from __future__ import annotations

import pytest

from kg.console import CypherConsole
from kg.errors import QueryInvalid, QueryRefused, QueryTimeout
from kg.store import GraphStore


@pytest.fixture(scope="module")
def console(store: GraphStore, settings) -> CypherConsole:  # type: ignore[no-untyped-def]
    return CypherConsole(store, row_limit=50, timeout_s=settings.query_timeout_s)


def _nodes(store: GraphStore) -> int:
    return store.read("MATCH (n) RETURN count(n) AS n")[0]["n"]


@pytest.mark.parametrize("query", [
    "CREATE (:Evil {x: 1})",
    "MATCH (n) DETACH DELETE n",
    "match (n) /* hide */ detach\n delete n",
    "MERGE (a:Agency {name: 'x'}) RETURN a",
    "MATCH (n) SET n.x = 1",
    "MATCH (n) RETURN n; MATCH (m) DELETE m",
    "CALL { CREATE (:Evil) } RETURN 1",
    "CALL apoc.periodic.iterate('MATCH (n) RETURN n', 'DELETE n', {})",
    "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
    "DROP CONSTRAINT clause_id",
])
def test_writes_are_refused_and_nothing_changes(console: CypherConsole, store: GraphStore,
                                                query: str) -> None:
    before = _nodes(store)
    with pytest.raises(QueryRefused) as refused:
        console.run(query)
    assert str(refused.value).startswith("refused:")
    assert _nodes(store) == before


def test_literal_holding_a_keyword_is_allowed(console: CypherConsole) -> None:
    result = console.run("RETURN 'CREATE (n) DELETE n' AS s, 1 AS `SET`")
    assert result.columns == ["s", "SET"]
    assert result.rows == [["CREATE (n) DELETE n", 1]]


def test_row_limit_caps_and_flags(console: CypherConsole) -> None:
    result = console.run("UNWIND range(1, 500) AS i RETURN i", limit=7)
    assert [r[0] for r in result.rows] == list(range(1, 8))
    assert result.truncated
    capped = console.run("UNWIND range(1, 500) AS i RETURN i", limit=10_000)
    assert len(capped.rows) == 50  # never above the configured cap


def test_nodes_relationships_and_paths_are_plain(console: CypherConsole, store: GraphStore) -> None:
    result = console.run("MATCH (m:PolicyKGMeta) RETURN m, labels(m) AS l")
    node = result.rows[0][0]
    assert node["labels"] == ["PolicyKGMeta"] and node["properties"]["key"] == "schema"


def test_invalid_query_is_reported(console: CypherConsole) -> None:
    with pytest.raises(QueryInvalid):
        console.run("RETURN no_such_function(1) AS x")


@pytest.mark.slow
def test_runaway_query_is_stopped_and_engine_keeps_working(store: GraphStore) -> None:
    quick = CypherConsole(store, row_limit=10, timeout_s=store.config.query_timeout_s)
    runaway = ("UNWIND range(1, 6000) AS a UNWIND range(1, 6000) AS b "
               "WITH a, b WHERE a * b = -1 RETURN count(*) AS n")
    with pytest.raises(QueryTimeout):
        quick.run(runaway)
    assert quick.run("RETURN 1 AS ok").rows == [[1]]
