"""Hand-written attempts to get a write past the console, against the guard, against
``POST /api/cypher`` on the served app, and straight against the engine's console account.

Each attempt is a write (or an administration command) in disguise: type predicates,
Unicode look-alikes and escapes, backticks, string and comment tricks, nested subqueries,
write procedures, LOAD CSV, USE, several statements, EXPLAIN / PROFILE, long input, NUL
bytes. ``refused`` ones must be refused as writes (403); ``invalid`` ones are not Cypher
to the engine either (400); none may ever write. The one ``accepted`` is a read that only
looks like a write (its CREATE is inside a string).
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Iterator

import httpx
import pytest
from neo4j import exceptions as neo4j_errors

from kg.errors import QueryInvalid, QueryRefused
from kg.guard import check_read_only
from kg.store import GraphStore
from tests.console_tck import graph_state
from tests.served import Served, served, services  # noqa: F401

logger = logging.getLogger(__name__)
R, I, A = "refused", "invalid", "accepted"
U = "unsendable"  # a lone surrogate: the guard refuses it, the API cannot even decode it
_PAD = "/* " + "x" * 60 + " */ "

BYPASSES: list[tuple[str, str]] = [
    # a write right after a whole type
    ("MATCH (n) WHERE n.x :: LIST<INTEGER> CREATE (m:Pwned)", R),
    ("MATCH (n) WHERE n.x IS TYPED LIST<INTEGER> SET n.pwned = true", R),
    ("UNWIND [1] AS x WITH x WHERE x :: INTEGER! CREATE (m:Pwned)", R),
    ("MATCH (n) WHERE n.x :: LIST<INTEGER> FOREACH (i IN [1] | CREATE (m:Pwned))", R),
    ("MATCH (n) WHERE n.x :: ANY<LIST<INTEGER!>|MAP>! MERGE (m:Pwned)", R),
    ("MATCH (n) WHERE n.x IS NOT TYPED ZONED DATETIME DETACH DELETE n", R),
    ("MATCH (n) WHERE n.x IS :: TIME WITHOUT TIME ZONE REMOVE n.title", R),
    ("MATCH (n) WHERE n.x IS NOT :: STRING LIST NOT NULL SET n:Pwned", R),
    ("MATCH (n) WHERE n.x :: INTEGER NOT NULL INSERT (m:Pwned)", R),
    ("RETURN 1 :: INTEGER! AS x CREATE (m:Pwned)", R),
    ("MATCH (n) WHERE n.x :: PROPERTY VALUE | NULL CREATE (m:Pwned)", R),
    # other places an expression ends
    ("MATCH (n) WHERE n.x IS NOT NULL CREATE (m:Pwned)", R),
    ("MATCH (n) WHERE n.x IS NFKC NORMALIZED SET n.x = 1", R),
    ("MATCH (n) WHERE n:Document|Clause SET n.pwned = 1", R),
    ("MATCH (n) WHERE n:!Clause&!Target SET n.pwned = 1", R),
    ("MATCH (n) WHERE n IS Document SET n.pwned = 1", R),
    ("MATCH (n:%) SET n.pwned = 1", R),
    ("MATCH ((a)-->(b)){1,3} CREATE (m:Pwned)", R),
    ("MATCH ((a)-->(b))+ CREATE (m:Pwned)", R),
    ("MATCH p = ANY SHORTEST (a)-[*]-(b) DELETE p", R),
    ("MATCH (n) RETURN n ORDER BY n.x DESC SET n.x = 1", R),
    ("RETURN CASE WHEN true THEN 1 END AS x CREATE (m:Pwned)", R),
    ("MATCH (n) WITH n {.*} AS m CREATE (k:Pwned)", R),
    ("MATCH (n) WITH n * 1 AS x SET n.x = 1", R),
    ("MATCH (n) WITH n LIMIT 1 MERGE (m:Pwned)", R),
    ("MATCH (n) USING SCAN n:Document SET n.pwned = 1", R),
    ("WITH 1 AS distinct WITH distinct CREATE (m:Pwned)", R),
    ("WITH 1 AS create CREATE (m:Pwned)", R),
    ("WITH 1 AS a RETURN a * return set", R),
    ("MATCH (n) WHERE NOT set (n).x = 1", R),
    # Unicode look-alikes, odd spaces and escapes
    ("MATCH (n) ＤＥＴＡＣＨ ＤＥＬＥＴＥ n", R),
    ("MATCH (n) ſet n.pwned = 1", R),
    ("MATCH (n) ﬁnd CREATE (m:Pwned)", R),
    ("MATCH\u00a0(n)\u00a0DETACH\u00a0DELETE\u00a0n", R),
    ("MATCH\u3000(n)\u3000SET\u3000n.pwned\u3000=\u30001", R),
    ("MATCH (n)\u2003\u2028DELETE n", R),
    ("\ufeffCREATE (m:Pwned)", R),
    ("MATCH (n)\x0bDETACH\x0cDELETE n", R),
    ("MATCH (n) СREATE (m:Pwned)", I),  # Cyrillic С: to the engine a name, not CREATE
    ("MATCH (n) CRE\u200bATE (m:Pwned)", I),
    ("MATCH (n) CRE\u200dATE (m:Pwned)", I),
    ("MATCH (n) CRE\u00adATE (m:Pwned)", I),
    ("MATCH (n) \u202eETAERC (m:Pwned)", I),
    ("MATCH (n) \\u0043REATE (m:Pwned)", I),
    ("MATCH (n) CREATE\u0301 (m:Pwned)", I),
    # backticks
    ("MATCH (n) `SET` n.pwned = 1", I),
    ("`CREATE` (m:Pwned)", I),
    ("MATCH (n:`Document`) SET n.pwned = 1", R),
    ("MATCH (n) WITH n AS `x``y` SET `x``y`.pwned = 1", R),
    ("MATCH (`n`) RETURN `n` UNION MATCH (n) DETACH DELETE n RETURN n", R),
    # strings and comments
    ("RETURN 'a\\' CREATE (m:Pwned) //'", A),  # one string: \' does not end it
    ("RETURN 'a\\\\' CREATE (m:Pwned) //'", R),
    ('RETURN "\\"" CREATE (m:Pwned)', R),
    ("RETURN '' CREATE (m:Pwned)", R),
    ("RETURN 1 // a comment\rCREATE (m:Pwned)", R),
    ("RETURN 1 // a comment\u2028CREATE (m:Pwned)", R),
    ("RETURN 1 /* /* */ CREATE (m:Pwned) */", R),
    ("RETURN 1 /* ' */ CREATE (m:Pwned) // '", R),
    ("MATCH (n) DE/**/TACH DELETE n", R),
    ("MATCH (n) DETACH/**/DELETE n", R),
    ("MATCH (n)/*\n*/SET/*\n*/n.pwned/**/=/**/1", R),
    ("/*/ CREATE (m:Pwned) /*/", I),
    ("RETURN 'x' + \"y\" + 'CREATE' AS s CREATE (m:Pwned)", R),
    # nested subqueries
    ("CALL { CALL { CALL { CREATE (m:Pwned) } } }", R),
    ("MATCH (n) CALL (n) { SET n.pwned = 1 }", R),
    ("MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 1 ROW", R),
    ("CALL { CREATE (m:Pwned) } IN CONCURRENT TRANSACTIONS", R),
    ("OPTIONAL CALL { MERGE (m:Pwned) RETURN m } RETURN m", R),
    ("CALL { MATCH (n) RETURN n UNION CREATE (n:Pwned) RETURN n } RETURN n", R),
    ("MATCH (n) WHERE EXISTS { CREATE (m:Pwned) } RETURN n", R),
    ("RETURN COUNT { MATCH (n) SET n.pwned = 1 RETURN n } AS c", R),
    ("RETURN COLLECT { MERGE (m:Pwned) RETURN m } AS c", R),
    ("RETURN [x IN [1] | COUNT { CREATE (m:Pwned) }] AS l", R),
    # procedures and functions that write
    ("CALL db.createLabel('Pwned')", R),
    ("CALL db.createRelationshipType('PWNED')", R),
    ("CALL db.createProperty('pwned')", R),
    ("CALL db.index.fulltext.createNodeIndex('pwned', ['Clause'], ['text'])", R),
    ("CALL db.clearQueryCaches()", R),
    ("CALL dbms.setConfigValue('db.logs.query.enabled', 'off')", R),
    ("CALL dbms.security.createUser('pwned', 'pwned', false)", R),
    ("CALL apoc.create.node(['Pwned'], {})", R),
    ("CALL apoc.cypher.doIt('CREATE (m:Pwned)', {})", R),
    ("CALL `db`.`createLabel`('Pwned')", R),
    ("CALL db . /* x */ createLabel('Pwned')", R),
    ("CALL db.labels() YIELD label CALL apoc.merge.node([label], {}) YIELD node RETURN node", R),
    ("CALL db.labels() YIELD label CREATE (:Pwned {l: label})", R),
    ("RETURN apoc.create.uuid() AS id", R),
    # files, databases, administration
    ("LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line", R),
    ("load csv with headers from 'https://example.org/x.csv' AS row CREATE (:Pwned)", R),
    ("USING PERIODIC COMMIT 10 LOAD CSV FROM 'file:///x' AS r CREATE (:Pwned)", R),
    ("WITH 1 AS x LOAD CSV FROM 'file:///x' AS r RETURN r", R),
    ("CALL { LOAD CSV FROM 'file:///x' AS r RETURN r } RETURN r", R),
    ("USE system SHOW USERS", R),
    ("USE policykg MATCH (n) RETURN n", R),
    ("CALL { USE other MATCH (n) RETURN n } RETURN n", R),
    ("SHOW USERS", R),
    ("CREATE USER pwned SET PASSWORD 'pwned'", R),
    ("ALTER CURRENT USER SET PASSWORD FROM 'a' TO 'b'", R),
    ("GRANT ROLE admin TO reader", R),
    ("DROP DATABASE policykg", R),
    ("CREATE OR REPLACE DATABASE policykg", R),
    ("STOP DATABASE policykg", R),
    ("TERMINATE TRANSACTIONS 'x'", R),
    ("CREATE INDEX pwned FOR (n:Clause) ON (n.pwned)", R),
    ("CREATE CONSTRAINT pwned FOR (n:Clause) REQUIRE n.x IS UNIQUE", R),
    ("DROP INDEX clause_doc", R),
    # several statements
    ("RETURN 1; CREATE (m:Pwned)", R),
    ("RETURN ';'; CREATE (m:Pwned)", R),
    ("RETURN 1 /* ; */ ; DETACH DELETE n", R),
    ("RETURN 1;/**/CREATE (m:Pwned)", R),
    (";CREATE (m:Pwned)", R),
    ("MATCH (n) RETURN n;\n\nMATCH (n) DETACH DELETE n;", R),
    # EXPLAIN, PROFILE
    ("EXPLAIN CREATE (m:Pwned)", R),
    ("PROFILE MATCH (n) DETACH DELETE n", R),
    ("PROFILE CALL { CREATE (m:Pwned) }", R),
    ("EXPLAIN PROFILE CREATE (m:Pwned)", R),
    # numbers and parameters running into keywords
    ("MATCH (n) WITH n LIMIT 1CREATE (m:Pwned)", R),
    ("MATCH (n) WITH n LIMIT 1.CREATE (m:Pwned)", R),
    ("RETURN 0x1CREATE (m:Pwned)", R),
    ("RETURN 1e1CREATE (m:Pwned)", R),
    ("MATCH (n) WITH n SKIP $1CREATE (m:Pwned)", R),
    ("MATCH (n) SET n = $props", R),
    ("MATCH (n) SET n:$('Pwned')", R),
    ("CREATE (n:$($label))", R),
    # GQL spellings
    ("INSERT (m:Pwned)", R),
    ("MATCH (n) NODETACH DELETE n", R),
    ("MATCH (n) FILTER n.x = 1 SET n.pwned = 1", R),
    ("MATCH (n) LET x = 1 CREATE (m:Pwned)", R),
    ("MATCH (n) RETURN n NEXT CREATE (m:Pwned)", R),
    ("MATCH (n) WHERE n.x = 1 FINISH CREATE (m:Pwned)", R),
    # the engine's other languages
    ("INSERT INTO Document SET doc_id = 'pwned'", R),
    ("UPDATE Document SET title = 'pwned'", R),
    ("DELETE FROM Document", R),
    ("SELECT FROM Document", I),
    ("CREATE VERTEX Pwned", R),
    ("g.V().drop()", I),
    # long input and NUL bytes
    ("MATCH (n) " + _PAD * 120 + "DETACH DELETE n", R),
    ("RETURN " + "[" * 120 + "1" + "]" * 120 + " AS x CREATE (m:Pwned)", R),
    ("MATCH (n) WHERE " + " OR ".join(["n.x = 1"] * 900) + " SET n.pwned = 1", R),
    ("CREATE\x00(m:Pwned)", R),
    ("MATCH (n)\x00DETACH DELETE n", R),
    ("RETURN '\x00' AS x CREATE (m:Pwned)", R),
    ("RETURN 1 //\x00\nCREATE (m:Pwned)", R),
    ("MATCH (n) DETACH DELETE n \ud800", U),
]


def _verdict(query: str) -> str:
    try:
        check_read_only(query)
    except QueryRefused:
        return R
    except QueryInvalid:
        return I
    return A


@pytest.mark.parametrize(("query", "expected"), BYPASSES)
def test_the_guard_stops_each_attempt(query: str, expected: str) -> None:
    assert _verdict(query) == (R if expected == U else expected)


@pytest.fixture(scope="module")
def client(served: Served) -> Iterator[httpx.Client]:  # noqa: F811
    with httpx.Client(base_url=served.url, timeout=60) as http:
        yield http


def test_no_attempt_runs_through_the_api(client: httpx.Client, store: GraphStore) -> None:
    before = graph_state(store)
    statuses = {}
    for query, expected in BYPASSES:
        # json.dumps escapes what UTF-8 cannot carry (a lone surrogate) as an escape
        reply = client.post("/api/cypher", content=json.dumps({"query": query}),
                            headers={"content-type": "application/json"})
        statuses[query] = reply.status_code
        assert reply.status_code == {R: 403, I: 400, A: 200, U: 422}[expected], (query, reply.text)
        if expected in (R, I):
            message = reply.json()["error"]
            assert message.startswith("refused: " if expected == R else "invalid query: ")
    assert graph_state(store) == before
    assert list(statuses.values()).count(200) == sum(e == A for _, e in BYPASSES)


@pytest.mark.slow
def test_no_attempt_writes_through_the_console_account(store: GraphStore, seeded: object) -> None:
    """The attempts sent to the engine as they are, guard skipped, and committed: those
    the engine can run at all change nothing; the rest are not Cypher to it."""
    before = graph_state(store)
    outcomes = {}
    for query, _ in BYPASSES:
        outcomes[query] = _straight(store, query)
    assert graph_state(store) == before
    logger.info("bypass attempts straight to the console account: %s", Counter(outcomes.values()))
    ran = [q for q, outcome in outcomes.items() if outcome == "ran"]
    # what "ran" found nothing to change or is a read to this engine (e.g. SHOW INDEXES)
    assert len(ran) < len(BYPASSES) // 4, ran


def _straight(store: GraphStore, query: str) -> str:
    try:
        with store.console_session() as session:
            tx = session.begin_transaction()
            try:
                tx.run(query).consume()
                tx.commit()
            finally:
                tx.close()
    except neo4j_errors.Neo4jError as exc:
        return "forbidden" if "Forbidden" in (exc.code or "") else "error"
    except (ValueError, UnicodeError):  # the driver will not send a lone surrogate
        return "unsendable"
    return "ran"
