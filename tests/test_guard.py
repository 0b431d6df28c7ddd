"""The console's read-only guard: real Cypher in, a verdict and an exact reason out.

Three verdicts: accepted, refused (it writes or administers: 403, exit 2) and invalid
(not Cypher: 400, exit 1). The TCK corpus and its disguises are in test_console_tck.py,
hand-written bypass attempts in test_console_bypass.py.
"""

from __future__ import annotations

import random

import pytest

from kg.errors import QueryInvalid, QueryRefused
from kg.guard import READ_PROCEDURES, ReadOnlyQuery, check_read_only

ALLOWED = [
    "MATCH (n) WHERE n.text CONTAINS 'CREATE' RETURN n",
    "match (n) where n.text contains \"DELETE n\" return n",
    "MATCH (n) RETURN n LIMIT 5;",
    "MATCH (n)\n// DETACH DELETE n\nRETURN n",
    "MATCH (n) /* ; DELETE n */ RETURN n",
    "RETURN 'a; b' AS s",
    "RETURN 'it\\'s; MERGE (x)' AS s, \"say \\\"SET\\\"; go\" AS t",
    "MATCH (n:Set) WHERE n:Create RETURN n",
    "MATCH (n:`CREATE`) RETURN n.`DELETE` AS `SET`",
    "MATCH (n) RETURN n.set AS set",
    "MATCH (n) RETURN n.create, n.delete, n.merge, n.remove, n.drop",
    "WITH 1 AS set RETURN set",
    "MATCH (n) RETURN {delete: 1, set: n.set, create: [1, 2]} AS m",
    "MATCH (n) RETURN n {.name, .*} AS props",
    "MATCH (n) RETURN n {.name, delete: n.x, set} AS props",
    "MATCH (n) WHERE n.x = $delete RETURN n",
    "MATCH (c:Clause) WHERE c.text CONTAINS '碳达峰' RETURN c.名称 AS 名称",
    "MATCH (规划:Plan) RETURN 规划.标题 LIMIT 3",
    "MATCH (a)-[r:CITES]->(b) WITH a, count(r) AS n MATCH (a)<-[:HAS]-(d) RETURN d, n",
    "OPTIONAL MATCH (n)-[r]->(m) RETURN n, r, m",
    "MATCH (n:A) RETURN n.x AS x UNION MATCH (m:B) RETURN m.x AS x",
    "MATCH (n:A) RETURN n.x AS x UNION ALL MATCH (m:B) RETURN m.x AS x",
    "UNWIND [1, 2, 3] AS x RETURN x * 2 AS y",
    "MATCH (a) RETURN [(a)-->(b) WHERE b.x > 1 | b.name] AS names",
    "RETURN [x IN range(1, 10) WHERE x % 2 = 0 | x * 2] AS evens",
    "RETURN reduce(s = 0, x IN [1, 2] | s + x) AS total",
    "MATCH (n) WHERE EXISTS { MATCH (n)-->(m) WHERE m.x = 1 } RETURN n",
    "MATCH (n) WHERE COUNT { (n)-->() } > 1 RETURN n",
    "MATCH (n) RETURN COLLECT { MATCH (n)-->(m) RETURN m.name } AS names",
    "MATCH (n) WHERE exists((n)-[:CITES]->()) RETURN n",
    "RETURN CASE WHEN 1 > 0 THEN 'a' ELSE 'b' END AS x",
    "MATCH (n) RETURN CASE n.kind WHEN 'item' THEN {set: 1} ELSE {} END AS m",
    "MATCH (n) CALL { WITH n MATCH (n)-->(m) RETURN m } RETURN m",
    "MATCH (n) CALL (n) { MATCH (n)-->(m) RETURN count(m) AS c } RETURN c",
    "CALL db.labels",
    "CALL db.labels() YIELD label RETURN label ORDER BY label",
    "call DB.RelationshipTypes()",
    "CALL db.schema.visualization()",
    "CALL dbms.components() YIELD name, versions, edition RETURN name",
    "EXPLAIN MATCH (n) RETURN n",
    "PROFILE MATCH (n) RETURN count(*)",
    "MATCH (n) WHERE n.name STARTS WITH 'CREATE' AND n.x ENDS WITH 'SET' RETURN n",
    "MATCH (n) WHERE n.x IS NOT NULL AND NOT n:Draft RETURN n",
    "MATCH (a)-[:R*1..3]->(b) RETURN count(*)",
    "MATCH p = shortestPath((a)-[*]-(b)) RETURN length(p)",
    "MATCH ((a)-->(b)){1,3} RETURN a",
    "MATCH (n) RETURN n ORDER BY n.x DESC SKIP 1 LIMIT 2",
    "MATCH (n) WITH * RETURN *",
    "MATCH (n) RETURN toLower(n.title), count(DISTINCT n) AS c",
    "MATCH (n) WHERE n.title =~ '(?i).*create.*' RETURN n",
    "RETURN apocalypse.x AS y",
    "MATCH (n) RETURN n // trailing note",
    "MATCH (n) RETURN n;;",
    "MATCH ((a)-->(b))+ RETURN a",
    "MATCH p = ANY SHORTEST (a)-[:R]->+(b) RETURN p",
    "MATCH (n:%) WHERE n:A|B RETURN n",
    "RETURN 2 * 3 + 4 % 2 - -1 AS x",
    "MATCH (n) WHERE n.x IS :: INTEGER NOT NULL OR n.y IS NOT TYPED STRING RETURN n",
    "MATCH (n) WHERE n.id IN $ids RETURN n.id AS id",
    # whole types after ::, IS TYPED, IS ::, IS NOT TYPED, then an operator or a clause
    "MATCH (n) WHERE n.x :: LIST<INTEGER> RETURN n",
    "MATCH (n) WHERE n.x IS TYPED ZONED DATETIME RETURN n",
    "MATCH (n) WHERE n.x IS :: LOCAL TIME AND n.y IS NOT TYPED TIME WITHOUT TIME ZONE RETURN n",
    "MATCH (n) WHERE n.x :: ANY<INTEGER | STRING> NOT NULL OR n.y :: LIST<LIST<FLOAT!>>! RETURN n",
    "RETURN 1 :: INTEGER! AS a, [1] :: INTEGER LIST NOT NULL AS b, {} :: MAP AS c",
    "RETURN 'x' IS NOT :: PROPERTY VALUE AS a, null :: NOTHING | NULL AS b",
    "UNWIND [1] AS x WITH x WHERE x :: INTEGER! RETURN x",
    "RETURN [x IN [1, 'a'] WHERE x :: INTEGER | x] AS ints",
    "MATCH (n) WHERE n.ts IS TYPED TIMESTAMP WITH TIME ZONE RETURN n ORDER BY n.ts",
    "MATCH (n) WHERE n.name IS NFC NORMALIZED AND n.x IS NOT NULL RETURN n",
    # planner hints
    "MATCH (c:Clause) USING INDEX c:Clause(doc_id) WHERE c.doc_id = 'x' RETURN c",
    "MATCH (c:Clause) USING TEXT INDEX c:Clause(text) WHERE c.text CONTAINS '数字' RETURN c",
    "MATCH (c:Clause) USING RANGE INDEX SEEK c:Clause(doc_id, path) RETURN c",
    "MATCH (a:Agency)-->(c:Clause) USING SCAN a:Agency USING JOIN ON c WHERE a.name = 'x' RETURN c",
    # a write word as a name where nothing can have ended before it
    "WITH 1 AS start RETURN start + 1 AS next",
    "MATCH (n) WHERE n.year > start OR n.x = set RETURN n",
    "RETURN ＣＲＥＡＴＥ AS x",
]

REFUSED = [
    ("MATCH (n) /* x */ dEtAcH dElEtE n", "DETACH DELETE at line 1, column 19"),
    ("MATCH (n)\nDETACH /* gap */\n// more\nDELETE n", "DETACH DELETE"),
    ("MATCH (n) DELETE n", "writes (DELETE at line 1, column 11)"),
    ("CREATE (n:X)", "CREATE"),
    ("create (n:X {id: 1})", "CREATE"),
    ("MERGE (n:X {id: 1}) ON CREATE SET n.t = 1", "MERGE"),
    ("MATCH (n) SET n.x = 1", "SET"),
    ("MATCH (n) SET n:Label", "SET"),
    ("MATCH (n) REMOVE n.x", "REMOVE"),
    ("MATCH (n) WITH n AS set SET set.x = 1", "SET at line 1, column 25"),
    ("MATCH (n) WITH * SET n.x = 1", "SET"),
    ("UNWIND [1] AS x CREATE (:N {v: x})", "CREATE"),
    ("FOREACH (x IN [1] | CREATE (n))", "FOREACH"),
    ("LOAD CSV FROM 'file:///x.csv' AS row RETURN row", "LOAD CSV"),
    ("INSERT (n:X)", "INSERT"),
    ("DROP INDEX foo", "DROP INDEX"),
    ("CREATE INDEX foo FOR (n:X) ON (n.y)", "CREATE INDEX"),
    ("CREATE CONSTRAINT c FOR (n:X) REQUIRE n.id IS UNIQUE", "CREATE CONSTRAINT"),
    ("CREATE USER bob SET PASSWORD 'x'", "CREATE USER"),
    ("CREATE OR REPLACE DATABASE foo", "CREATE OR REPLACE"),
    ("ALTER USER bob SET PASSWORD 'x'", "ALTER USER"),
    ("GRANT ROLE admin TO bob", "GRANT ROLE"),
    ("DENY READ {*} ON GRAPH * TO bob", "DENY"),
    ("REVOKE ROLE admin FROM bob", "REVOKE ROLE"),
    ("SHOW DATABASES", "SHOW DATABASES"),
    ("show users", "SHOW USERS"),
    ("START DATABASE foo", "START DATABASE"),
    ("STOP DATABASE foo", "STOP DATABASE"),
    ("TERMINATE TRANSACTIONS 'neo4j-transaction-1'", "TERMINATE TRANSACTIONS"),
    ("USE system MATCH (n) RETURN n", "USE"),
    ("PROFILE MATCH (n) SET n.x = 1", "SET"),
    ("EXPLAIN CREATE (n)", "CREATE"),
    ("MATCH (n) RETURN n; MATCH (m) RETURN m", "2 statements; send one at a time"),
    ("RETURN 1; RETURN 2; RETURN 3", "3 statements"),
    ("MATCH (n) RETURN n; DETACH DELETE n", "2 statements"),
    ("CALL { MATCH (n) RETURN n } IN TRANSACTIONS RETURN 1", "IN TRANSACTIONS"),
    ("MATCH (n) CALL { WITH n DELETE n } IN TRANSACTIONS OF 10 ROWS", "IN TRANSACTIONS"),
    ("MATCH (n) CALL { WITH n DETACH DELETE n }", "DETACH DELETE"),
    ("MATCH (n) CALL (n) { SET n.x = 1 } RETURN n", "SET"),
    ("OPTIONAL CALL { CREATE (x) }", "CREATE"),
    ("CALL { CALL { MERGE (x:X) } RETURN 1 AS one } RETURN one", "MERGE"),
    ("MATCH (n) WHERE EXISTS { MATCH (n)-->(m) DELETE m } RETURN n", "DELETE"),
    ("MATCH (n) RETURN COUNT { MATCH (n)-->(m) SET m.x = 1 } AS c", "SET"),
    ("CALL apoc.periodic.iterate('MATCH (n) RETURN n', 'DELETE n', {})",
     "procedure apoc.periodic.iterate is not on the read-only allow-list"),
    ("CALL apoc.cypher.runMany('CREATE (n)', {})", "apoc.cypher.runMany"),
    ("CALL db.createLabel('X')", "db.createLabel"),
    ("CALL dbms.security.listUsers()", "dbms.security.listUsers"),
    ("CALL gds.pageRank.stream('g') YIELD nodeId RETURN nodeId", "gds.pageRank.stream"),
    ("CALL db.labels() YIELD label CALL apoc.meta.stats() YIELD x RETURN x", "apoc.meta.stats"),
    ("RETURN apoc.text.join(['a'], ',') AS s", "function apoc.text.join"),
    ("MATCH (n) RETURN APOC.coll.sum([1]) AS s", "function APOC.coll.sum"),
    ("MATCH (n) WITH n LIMIT 1CREATE (m)", "a number runs into a name"),
    ("MATCH (n) WITH n LIMIT $1CREATE (m)", "a parameter number runs into a name"),
    ("WITH 1 AS in WITH in CREATE (n)", "CREATE"),
    ("WITH 1 AS distinct WITH distinct CREATE (n)", "CREATE"),
    ("MATCH (n) RETURN n UNION ALL MATCH (m) DETACH DELETE m", "DETACH DELETE"),
    ("MATCH ((a)-->(b))+ CREATE (x)", "CREATE"),
    ("MATCH (n) WHERE n:% SET n.x = 1", "SET"),
    ("MATCH (n) WHERE n.x IS NULL DELETE n", "DELETE"),
    ("MATCH (n) RETURN n ORDER BY n.x DESC REMOVE n.x", "REMOVE"),
    ("MATCH (n) NODETACH DELETE n", "NODETACH DELETE"),
    ("CALL db.labels() YIELD label CREATE (:L {name: label})", "CREATE"),
    ("WITH 1 AS case WITH case, 1 AS x WHEN true THEN CREATE (n)", "CREATE"),
    ("MATCH (n) RETURN n // x\u2028DETACH DELETE n", "unusual line break (U+2028)"),
    ("MATCH (n) WITH n LIMIT 1.CREATE (m)", "a number runs into a name"),
    # the type-predicate bypasses: a write right after a whole type
    ("MATCH (n) WHERE n.x :: LIST<INTEGER> CREATE (m:Pwned)", "writes (CREATE at line 1, column 38)"),
    ("MATCH (n) WHERE n.x IS TYPED LIST<INTEGER> SET n.pwned = true", "writes (SET"),
    ("UNWIND [1] AS x WITH x WHERE x :: INTEGER! CREATE (m:Pwned)", "writes (CREATE"),
    ("MATCH (n) WHERE n.x :: LIST<INTEGER> FOREACH (i IN [1] | CREATE (m:Pwned))", "FOREACH"),
    ("MATCH (n) WHERE n.x :: LIST<INTEGER> MERGE (m:Pwned)", "MERGE"),
    ("MATCH (n) WHERE n.x :: LIST<INTEGER> INSERT (m:Pwned)", "INSERT"),
    ("MATCH (n) WHERE n.x IS TYPED ZONED DATETIME DETACH DELETE n", "DETACH DELETE"),
    ("MATCH (n) WHERE n.x IS NOT TYPED TIME WITHOUT TIME ZONE REMOVE n.x", "REMOVE"),
    ("MATCH (n) WHERE n.x IS :: ANY<INTEGER | STRING> NOT NULL SET n.y = 1", "SET"),
    ("MATCH (n) WHERE n.x IS NOT :: LOCAL DATETIME! CREATE (m)", "CREATE"),
    ("MATCH (n) RETURN n.x :: INTEGER LIST NOT NULL CREATE (m)", "CREATE"),
    ("MATCH (n) CALL (n) { WITH n WHERE n.x :: INTEGER! SET n.y = 1 }", "SET"),
    ("MATCH (n) WHERE EXISTS { MATCH (n) WHERE n.x :: PATH CREATE (m) } RETURN n", "CREATE"),
    # other spots where an operand has ended
    ("MATCH (n) WHERE n.x IS NOT NULL CREATE (m)", "CREATE"),
    ("MATCH (n) WHERE n.x IS NFKC NORMALIZED CREATE (m)", "CREATE"),
    ("MATCH (n) WHERE n IS Person SET n.x = 1", "SET"),
    ("MATCH (n) WHERE n:!A SET n.x = 1", "SET"),
    ("MATCH (n) WHERE n:A|B DELETE n", "DELETE"),
    ("MATCH p = ANY SHORTEST (a)-->+(b) CREATE (m)", "CREATE"),
    ("MATCH (n) USING INDEX n:Person(name) CREATE (m)", "CREATE"),
    ("USING PERIODIC COMMIT LOAD CSV FROM 'f' AS r CREATE (n)", "USING PERIODIC COMMIT"),
    # a write word that could be a name or a clause: the doubt is refused
    ("WITH 1 AS a RETURN a * return set", "SET"),
    ("MATCH (n) WITH n * RETURN SET (n).x = 1", "SET"),
    ("MATCH (n) WHERE NOT create (m)", "CREATE"),
    ("MATCH (n) ＣＲＥＡＴＥ (m)", "writes (CREATE"),
    ("MATCH (n) ſet n.x = 1", "writes (SET"),
    # not valid Cypher, but a write where a clause could start: refused, and said so
    ("CREATE (n", "writes (CREATE at line 1, column 1)"),
    ("MATCH (n) FROB CREATE (m)", "not valid Cypher: unexpected FROB"),
    ("RETURN 1\x00CREATE (n)", "CREATE"),
]

INVALID = [
    ("", "it is empty"),
    ("   \n\t ", "it is empty"),
    ("// just a note\n/* and another */", "it is empty"),
    (";", "it is empty"),
    ("RETURN 'unterminated", "unterminated string starting at line 1, column 8"),
    ('RETURN "also unterminated', "unterminated string"),
    ("MATCH (n) RETURN n /* open", "unterminated /* comment"),
    ("MATCH (n:`Open) RETURN n", "unterminated `quoted name`"),
    ("MATCH (n RETURN n", "unbalanced brackets: '(' at line 1, column 7 is never closed"),
    ("MATCH (n)) RETURN n", "unbalanced brackets"),
    ("MATCH (n) RETURN n（", "unexpected character"),
    ("MATCH (n) RETURN n\x00", "unexpected character '\\x00' (U+0000)"),
    ("MATCH (n) CALL { MATCH (m) RETURN m; } RETURN n", "';' inside brackets"),
    ("(n) RETURN n", "unexpected ("),
    ("CALL (x)", "cannot tell what CALL"),
    ("HELLO (n) RETURN n", "unexpected HELLO"),
    ("MATCH (n) FROB n RETURN n", "unexpected FROB"),
    ("MATCH (n) СREATE (m)", "unexpected СREATE"),  # a Cyrillic С: a name, not CREATE
    ("MATCH (n) CRE/**/ATE (m)", "unexpected CRE"),
    ("MATCH (n) WHERE n.x :: FOO RETURN n", "expected a type"),
    ("MATCH (n) WHERE n.x :: LIST RETURN n", "LIST needs its element type"),
    ("MATCH (n) WHERE n.x :: LIST<INTEGER RETURN n", "expected > closing the type"),
    ("MATCH (n) USING FOO n:A RETURN n", "expected INDEX, SCAN or JOIN ON"),
    ("MATCH (n) USING INDEX n:A RETURN n", "expected the indexed (key, ..)"),
    ("MATCH (n) WHERE n.text CONTAINS 'CREATE' RETURN n (", "unbalanced brackets"),
]


@pytest.mark.parametrize("query", ALLOWED)
def test_allows_read_only_queries(query: str) -> None:
    assert isinstance(check_read_only(query), ReadOnlyQuery)


@pytest.mark.parametrize(("query", "named"), REFUSED)
def test_refuses_with_a_reason_naming_the_culprit(query: str, named: str) -> None:
    with pytest.raises(QueryRefused) as caught:
        check_read_only(query)
    reason = str(caught.value)
    assert reason.startswith("refused: ")
    assert named in reason


@pytest.mark.parametrize(("query", "named"), INVALID)
def test_invalid_query_says_where_it_stops_being_cypher(query: str, named: str) -> None:
    with pytest.raises(QueryInvalid) as caught:
        check_read_only(query)
    reason = str(caught.value)
    assert reason.startswith("invalid query: ") and "refused" not in reason
    assert named in reason


def test_reason_reads_as_documented() -> None:
    with pytest.raises(QueryRefused, match=r"^refused: the query writes \(DELETE at line 1, "
                       r"column 24\); the console is read-only$"):
        check_read_only("MATCH (n:Clause {x:1}) DELETE n")


def test_procedure_refusal_lists_the_allow_list() -> None:
    with pytest.raises(QueryRefused) as caught:
        check_read_only("CALL apoc.periodic.iterate('a', 'b', {})")
    assert f"(allowed: {', '.join(READ_PROCEDURES)})" in str(caught.value)


def test_deep_nesting_is_invalid_not_a_crash() -> None:
    with pytest.raises(QueryInvalid, match="nested deeper than"):
        check_read_only("RETURN " + "[" * 5000 + "]" * 5000)


@pytest.mark.parametrize("size", [10_000, 200_000])
def test_long_queries_are_read_whole(size: int) -> None:
    """A write at the very end of a long query is still found; a long read passes."""
    read = "MATCH (n) WHERE " + " OR ".join(["n.x = 'a'"] * (size // 12)) + " RETURN n"
    assert isinstance(check_read_only(read), ReadOnlyQuery)
    with pytest.raises(QueryRefused, match="SET"):
        check_read_only(read[: -len(" RETURN n")] + " SET n.x = 1")
    with pytest.raises(QueryRefused, match="DELETE"):
        check_read_only("MATCH (n) " + "/* pad */ " * (size // 10) + "DELETE n")


def test_position_counts_lines_and_columns() -> None:
    with pytest.raises(QueryRefused, match="MERGE at line 3, column 3"):
        check_read_only("MATCH (n)\nWITH n\n  MERGE (m:X)")


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("MATCH (n) RETURN n;", "MATCH (n) RETURN n"),
        ("  MATCH (n)\n RETURN n ;  \n", "MATCH (n)\n RETURN n"),
        ("MATCH (n) /* keep */ RETURN n", "MATCH (n) /* keep */ RETURN n"),
        ("RETURN 'a;b';", "RETURN 'a;b'"),
    ],
)
def test_text_drops_the_trailing_semicolon(query: str, text: str) -> None:
    assert check_read_only(query).text == text


@pytest.mark.parametrize(
    ("query", "has_limit"),
    [
        ("MATCH (n) RETURN n LIMIT 5", True),
        ("MATCH (n) RETURN n ORDER BY n.x SKIP 2 LIMIT $n", True),
        ("MATCH (n) RETURN n", False),
        ("MATCH (n) WITH n LIMIT 5 RETURN n", False),
        ("CALL { MATCH (n) RETURN n LIMIT 5 } RETURN n", False),
        ("MATCH (n) RETURN [x IN n.l | x][0..3] AS firsts", False),
        ("RETURN 1 AS x LIMIT 1 UNION RETURN 2 AS x", False),
        ("RETURN 1 AS x LIMIT 1 UNION RETURN 2 AS x LIMIT 1", True),
        ("CALL db.labels()", False),
    ],
)
def test_has_limit_reports_a_top_level_limit(query: str, has_limit: bool) -> None:
    assert check_read_only(query).has_limit is has_limit


# Every word the guard must refuse at a clause position, with a query fragment that makes
# it one; the fuzz tests below hide each inside strings, comments and names instead.
WRITES = {
    "CREATE": "CREATE (m:X)",
    "MERGE": "MERGE (m:X)",
    "SET": "SET n.x = 1",
    "DELETE": "DELETE n",
    "DETACH DELETE": "DETACH DELETE n",
    "REMOVE": "REMOVE n.x",
    "FOREACH": "FOREACH (x IN [1] | SET n.x = x)",
    "LOAD CSV": "LOAD CSV FROM 'f' AS row",
    "DROP": "DROP INDEX i",
}


def _mixed_case(word: str, rng: random.Random) -> str:
    return "".join(c.upper() if rng.random() < 0.5 else c.lower() for c in word)


def _quoted(text: str, quote: str) -> str:
    escaped = text.replace("\\", "\\\\").replace(quote, "\\" + quote)
    return f"{quote}{escaped}{quote}"


def _hidden(keyword: str, rng: random.Random) -> list[str]:
    """Queries where ``keyword`` appears only as data or a name, never as a clause."""
    kw, frag = _mixed_case(keyword, rng), WRITES[keyword]
    single, double = _quoted(f"{frag}; {kw}", "'"), _quoted(f'{kw} " {frag}', '"')
    queries = [
        f"MATCH (n) WHERE n.text = {single} RETURN n",
        f"MATCH (n) WHERE n.text = {double} OR n.text = {single} RETURN n",
        f"MATCH (n:`{kw}`) RETURN n.`{frag}` AS `{kw}`",
        f"MATCH (n) // {frag}\nRETURN n",
        f"MATCH (n) /* {kw}\n {frag} */ RETURN n",
    ]
    if " " not in keyword:
        queries += [
            f"MATCH (n) RETURN n.{kw} AS {kw}",
            f"MATCH (n:{kw}) WHERE n:{kw} RETURN n",
            f"MATCH (n) RETURN {{{kw}: 1, x: n.{kw}}} AS m, n {{.{kw}}} AS p",
            f"MATCH (n) WHERE n.x = ${kw} RETURN n",
            f"MATCH (n) WITH n AS {kw} RETURN {kw}",
            f"MATCH ({kw}) RETURN {kw}.x",
        ]
    return queries


@pytest.mark.parametrize("keyword", sorted(WRITES))
def test_fuzz_hidden_write_words_are_allowed(keyword: str) -> None:
    rng = random.Random(keyword)
    for _ in range(5):
        for query in _hidden(keyword, rng):
            assert isinstance(check_read_only(query), ReadOnlyQuery), query


@pytest.mark.parametrize("keyword", sorted(WRITES))
def test_fuzz_write_words_at_clause_positions_are_refused(keyword: str) -> None:
    rng = random.Random(keyword)
    gaps = [" ", "\n", "\t", " /* x */ ", " // note\n", "\r\n  "]
    for _ in range(10):
        gap = rng.choice(gaps)
        frag = gap.join(_mixed_case(word, rng) for word in WRITES[keyword].split(" ", 1))
        first = keyword.split()[0]
        for query in (f"MATCH (n){gap}{frag}", f"MATCH (n) WITH n{gap}{frag}", frag):
            with pytest.raises(QueryRefused, match=first):
                check_read_only(query)
