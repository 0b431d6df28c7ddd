"""The read-only console against the real engine: refusals write nothing, limits hold,
a runaway query is stopped and the engine keeps answering; and the second lock, the
engine's read-only console account, refuses every write sent straight to it."""

from __future__ import annotations

import stat
from collections.abc import Iterator

import pytest
from neo4j import exceptions as neo4j_errors

from kg.console import CypherConsole
from kg.engine_errors import clean_message, translate
from kg.errors import QueryInvalid, QueryRefused, QueryTimeout
from kg.store import GraphStore
from ui.settings import Settings
from tests.console_tck import graph_state


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


# --- the engine's read-only console account, with the guard skipped ---------------------

PROBE_DOC = "test_console_probe"
# Each writes something the engine's schema or records would keep: a node of a known
# label, a new label, a new relationship type, properties, labels, deletions, indexes,
# constraints, users. They go to the engine as they are, without the guard.
STRAIGHT_WRITES = [
    "CREATE (:Document {doc_id: 'test_console_pwned'})",
    "CREATE (:Pwned {x: 1})",
    "MERGE (:PwnedMerge {x: 1})",
    "MATCH (d:Document {doc_id: $doc}) CREATE (d)-[:PWNED_REL]->(d)",
    "MATCH (d:Document {doc_id: $doc}), (c:Clause {doc_id: $doc}) CREATE (d)-[:HAS_CLAUSE]->(c)",
    "MATCH (d:Document {doc_id: $doc}) SET d.title = 'pwned'",
    "MATCH (d:Document {doc_id: $doc}) SET d += {pwned: true}",
    "MATCH (d:Document {doc_id: $doc}) SET d:PwnedLabel",
    "MATCH (d:Document {doc_id: $doc}) REMOVE d.title",
    "MATCH (c:Clause {doc_id: $doc}) DETACH DELETE c",
    "MATCH (:Document {doc_id: $doc})-[r:HAS_CLAUSE]->() DELETE r",
    "MATCH (d:Document {doc_id: $doc}) FOREACH (i IN [1] | CREATE (:PwnedForeach))",
    "CREATE INDEX pwned_index IF NOT EXISTS FOR (n:Document) ON (n.pwned)",
    "CREATE INDEX pwned_new_label FOR (n:PwnedIndexed) ON (n.x)",
    "CREATE CONSTRAINT pwned_unique FOR (n:Clause) REQUIRE n.pwned IS UNIQUE",
    "DROP INDEX clause_doc",
    "DROP CONSTRAINT clause_id",
    "CREATE USER pwned SET PASSWORD 'pwned-password'",
]


@pytest.fixture(scope="module")
def probe(store: GraphStore) -> Iterator[str]:
    """A document and a clause of this module's own, for the writes to aim at."""
    store.write([(
        "MERGE (d:Document {doc_id: $doc}) SET d.title = 'probe' "
        "MERGE (c:Clause {clause_id: $doc + '#1'}) SET c.doc_id = $doc, c.text = 'probe' "
        "MERGE (d)-[:HAS_CLAUSE]->(c)", {"doc": PROBE_DOC})])
    yield PROBE_DOC
    store.write([("MATCH (n) WHERE n.doc_id = $doc DETACH DELETE n", {"doc": PROBE_DOC})])


def _straight(store: GraphStore, query: str, doc: str, how: str) -> Exception | None:
    """Run ``query`` as the console account, skipping the guard, and commit it: as an
    auto-commit query, or in a transaction committed (or, as the console does, rolled
    back) by the client. Return what the engine raised."""
    try:
        with store.console_session() as session:
            if how == "autocommit":
                session.run(query, doc=doc).consume()
                return None
            tx = session.begin_transaction()
            try:
                tx.run(query, doc=doc).consume()
                if how == "commit":
                    tx.commit()
            finally:
                tx.close()
    except neo4j_errors.Neo4jError as exc:
        return exc
    return None


@pytest.mark.parametrize("query", STRAIGHT_WRITES)
def test_the_console_account_cannot_write_even_without_the_guard(
        store: GraphStore, probe: str, query: str) -> None:
    """The engine refuses each write, whether sent to commit at once or committed after;
    record updates are refused at commit, so in the console's own transaction (always
    rolled back) they are simply never kept. Nothing is left behind either way."""
    before = graph_state(store)
    for how in ("autocommit", "commit"):
        error = _straight(store, query, probe, how)
        assert isinstance(error, neo4j_errors.Neo4jError), f"the engine ran {query!r} ({how})"
        assert "Forbidden" in (error.code or ""), (how, error.code, error.message)
        refused = translate(error, timeout_s=3)
        assert isinstance(refused, QueryRefused) and str(refused).startswith("refused: ")
    _straight(store, query, probe, "rollback")
    # ArcadeDB creates labels and types outside the transaction: check the schema itself
    assert graph_state(store) == before
    doc = store.read("MATCH (d:Document {doc_id: $doc})-[:HAS_CLAUSE]->(c) "
                     "RETURN d {.*} AS d, labels(d) AS l, c.text AS t", doc=probe)
    assert doc == [{"d": {"doc_id": probe, "title": "probe"}, "l": ["Document"], "t": "probe"}]


def test_the_console_account_reads_everything_the_writer_sees(
        store: GraphStore, console: CypherConsole, probe: str) -> None:
    query = "MATCH (n) RETURN labels(n)[0] AS label, count(*) AS n ORDER BY label"
    assert console.run(query).rows == [[r["label"], r["n"]] for r in store.read(query)][:50]
    labels = console.run("CALL db.labels() YIELD label RETURN label ORDER BY label").rows
    assert [r[0] for r in labels] == graph_state(store)["labels"][:50]


def test_a_write_that_passed_the_guard_would_still_be_refused(store: GraphStore, probe: str,
                                                              settings: Settings) -> None:
    """The console's own error path when the engine, not the guard, says no."""
    before = graph_state(store)
    error = _straight(store, "MATCH (d:Document {doc_id: $doc}) SET d.title = 'x'", probe,
                      "commit")
    assert isinstance(error, neo4j_errors.Neo4jError)
    message = str(translate(error, timeout_s=settings.query_timeout_s))
    assert message.startswith("refused: the query tries to write") and "arcadedb" not in message
    assert graph_state(store) == before


@pytest.mark.parametrize("query", [
    "MATCH (d:Document {doc_id: 'test_console_probe'}) SET d.title = 'pwned' RETURN d",
    "MATCH (d:Document {doc_id: 'test_console_probe'}) REMOVE d.title",
    "MATCH (d:Document {doc_id: 'test_console_probe'}) SET d += {pwned: true}",
])
def test_the_console_refuses_what_its_own_transaction_changed(
        console: CypherConsole, store: GraphStore, probe: str, query: str) -> None:
    """The console's transaction, guard skipped: the engine refuses a record update only
    at commit, which the console never asks for; the summary's counters still show the
    change, so the query is refused (403) rather than answered, and nothing is kept."""
    before = graph_state(store)
    with pytest.raises(QueryRefused, match=r"^refused: the query writes \(.*nothing kept\)"):
        console._fetch(query, 5)
    assert graph_state(store) == before
    assert store.read("MATCH (d:Document {doc_id: $doc}) RETURN d.title AS t", doc=probe) == [
        {"t": "probe"}]


def test_the_console_password_is_private_and_not_root(settings: Settings, store: GraphStore) -> None:
    secret = settings.data_dir / "engine" / "reader.secret"
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    assert store.endpoint.reader is not None
    user, password = store.endpoint.reader
    assert user != store.endpoint.user and password == secret.read_text(encoding="utf-8").strip()
    assert password != store.endpoint.password and len(password) >= 24


# --- what the engine says, as the user reads it ------------------------------------------


@pytest.mark.parametrize(("query", "named"), [
    ("RETURN size(range(1, 100000000)) AS n", "range"),
    ("RETURN $missing AS x", "parameters the console cannot send"),
    ("MATCH (n RETURN n", "unbalanced brackets"),
])
def test_engine_limits_read_without_tuning_advice(console: CypherConsole, query: str,
                                                  named: str) -> None:
    with pytest.raises(QueryInvalid) as caught:
        console.run(query)
    message = str(caught.value)
    assert named in message
    for leak in ("arcadedb", "queryMax", "set arcadedb", "raise the limit", "com.arcadedb"):
        assert leak not in message, message


# What ArcadeDB 26.10 said to such queries, word for word: its advice goes, the fault stays.
ENGINE_MESSAGES = [
    ("Limit of allowed elements for in-heap collect() in a single query exceeded (500000). You "
     "can set arcadedb.queryMaxHeapElementsAllowedPerOp to increase this limit",
     "Limit of allowed elements for in-heap collect() in a single query exceeded (500000)"),
    ("Query heap budget exceeded: the in-heap ORDER BY needs 16.25KB more. Reduce what the query "
     "buffers in heap (a LIMIT, a more selective filter) or set arcadedb.queryMaxHeapRAM to "
     "increase the budget",
     "Query heap budget exceeded: the in-heap ORDER BY needs 16.25KB more. Reduce what the "
     "query buffers in heap (a LIMIT, a more selective filter)"),
    ("range(1, 20000000, 1) would produce 20000000 elements, exceeding the maximum of 1677721 "
     "allowed by the setting `arcadedb.queryMaxRangeSize`: use a smaller range or raise the "
     "limit (a negative value disables it)",
     "range(1, 20000000, 1) would produce 20000000 elements, exceeding the maximum of 1677721 "
     "allowed by the graph engine: use a smaller range"),
    ("Syntax error at line 1:8 - extraneous input ',', expected: one of ESCAPED_SYMBOLIC_NAME, "
     "ACCESS, ACTIVE, ACYCLIC, ADD, ADMIN, ADMINISTRATOR, ALIAS or 303 more",
     "Syntax error at line 1:8 - extraneous input ','"),
    ("UndefinedVariable: Variable 'c' not defined", "UndefinedVariable: Variable 'c' not defined"),
]


@pytest.mark.parametrize(("message", "clean"), ENGINE_MESSAGES)
def test_engine_messages_lose_their_tuning_advice(message: str, clean: str) -> None:
    assert clean_message(message) == clean


@pytest.mark.slow
def test_a_timeout_names_the_limit_not_the_setting(console: CypherConsole, settings: Settings) -> None:
    runaway = ("UNWIND range(1, 6000) AS a UNWIND range(1, 6000) AS b "
               "WITH a, b WHERE a * b = -1 RETURN count(*) AS n")
    with pytest.raises(QueryTimeout) as caught:
        console.run(runaway)
    message = str(caught.value)
    assert f"longer than {settings.query_timeout_s:g} s" in message and "arcadedb" not in message
