"""The JSON API against the real server: every route, its 4xx on bad input, and a server
that keeps serving afterwards."""

from __future__ import annotations

import json
from collections.abc import Iterator
from urllib.parse import quote

import httpx
import pytest

from tests.conftest import run_cli
from kg.store import GraphStore
from tests.served import Served, served, served_with_login, services  # noqa: F401

SOFTWARE = "首次进入全国软件百强能拿多少奖励？谁出钱？"
REWARDS_CLAUSE = "001_c0775bc4c1ef2dcb#4.4"  # the city plan's 鼓励企业“拔尖” rewards


@pytest.fixture(scope="module")
def client(served: Served) -> Iterator[httpx.Client]:  # noqa: F811
    with httpx.Client(base_url=served.url, timeout=120) as http:
        yield http


def _nodes(store: GraphStore) -> int:
    return store.read("MATCH (n) RETURN count(n) AS n")[0]["n"]


# --- /api/ask ----------------------------------------------------------------------

def test_ask_answers_with_citations_like_the_cli_json(client: httpx.Client) -> None:
    reply = client.post("/api/ask", json={"question": SOFTWARE})
    assert reply.status_code == 200
    body = reply.json()
    assert set(body) == {"question", "answer", "found", "citations", "facts", "mode", "timings_ms"}
    assert body["found"] and "200" in body["answer"] and body["mode"] == "extractive"
    assert body["citations"][0]["clause_id"] == REWARDS_CLAUSE
    assert set(body["citations"][0]) == {"n", "doc_id", "doc_title", "clause_id", "label", "text"}


@pytest.mark.slow
def test_ask_is_the_same_json_as_policykg_ask(client: httpx.Client, env: dict[str, str]) -> None:
    cli = run_cli(env, "ask", "--json", SOFTWARE)
    assert cli.returncode == 0, cli.stderr
    expected = json.loads(cli.stdout)
    got = client.post("/api/ask", json={"question": SOFTWARE}).json()
    for timed in (expected, got):
        timed.pop("timings_ms")
    assert got == expected


def test_ask_takes_a_history_for_follow_ups(client: httpx.Client) -> None:
    history = [{"role": "user", "content": "湖北省到2025年数字经济核心产业增加值目标是多少？"},
               {"role": "assistant", "content": "≥6000亿元[1]"}]
    reply = client.post("/api/ask", json={"question": "那武汉市呢？", "history": history})
    assert reply.status_code == 200
    assert reply.json()["question"] == "那武汉市呢？"


@pytest.mark.parametrize("body", [
    {},
    {"question": ""},
    {"question": "   "},
    {"question": "问" * 1001},
    {"question": 42},
    {"question": "ok", "history": "not a list"},
    {"question": "ok", "unexpected": 1},
])
def test_ask_rejects_bad_input_with_422(client: httpx.Client, body: dict) -> None:
    reply = client.post("/api/ask", json=body)
    assert reply.status_code == 422
    assert reply.json()["error"]


def test_ask_rejects_malformed_json_with_422(client: httpx.Client) -> None:
    reply = client.post("/api/ask", content=b"{not json", headers={"content-type": "application/json"})
    assert reply.status_code == 422
    assert "JSON" in reply.json()["error"]


def test_oversized_body_is_413(client: httpx.Client) -> None:
    reply = client.post("/api/ask", json={"question": "问", "history": [{"x": "y" * 100_000}]})
    assert reply.status_code == 413
    assert "KiB" in reply.json()["error"]


def test_oversized_streamed_body_is_413(client: httpx.Client) -> None:
    def chunks() -> Iterator[bytes]:  # no Content-Length: the router counts what arrives
        yield b'{"question": "' + b"a" * 40_000
        yield b"a" * 40_000 + b'"}'
    reply = client.post("/api/ask", content=chunks(), headers={"content-type": "application/json"})
    assert reply.status_code == 413


# --- /api/cypher -------------------------------------------------------------------

def test_cypher_returns_columns_and_rows(client: httpx.Client) -> None:
    reply = client.post("/api/cypher", json={"query": "MATCH (d:Document) RETURN d.doc_id AS id "
                                                      "ORDER BY id", "limit": 2})
    assert reply.status_code == 200
    assert reply.json() == {"columns": ["id"], "rows": [["000_f35491fae98ad5ee"],
                                                        ["001_c0775bc4c1ef2dcb"]]}


def test_cypher_refuses_writes_with_403_and_writes_nothing(client: httpx.Client,
                                                           store: GraphStore) -> None:
    before = _nodes(store)
    reply = client.post("/api/cypher", json={"query": "MATCH (n) DETACH DELETE n"})
    assert reply.status_code == 403
    assert reply.json()["error"].startswith("refused:")
    assert _nodes(store) == before


def test_cypher_invalid_query_is_400(client: httpx.Client) -> None:
    reply = client.post("/api/cypher", json={"query": "RETURN no_such_function(1) AS x"})
    assert reply.status_code == 400
    assert reply.json()["error"]


@pytest.mark.parametrize("body", [{"query": ""}, {"query": "RETURN 1", "limit": 0},
                                  {"query": "x" * 10_001}, {"limit": 3}])
def test_cypher_bad_input_is_422(client: httpx.Client, body: dict) -> None:
    assert client.post("/api/cypher", json=body).status_code == 422


@pytest.mark.slow
def test_runaway_cypher_is_408_and_the_engine_recovers(client: httpx.Client) -> None:
    runaway = ("UNWIND range(1, 6000) AS a UNWIND range(1, 6000) AS b "
               "WITH a, b WHERE a * b = -1 RETURN count(*) AS n")
    reply = client.post("/api/cypher", json={"query": runaway})
    assert reply.status_code == 408
    assert "LIMIT" in reply.json()["error"]
    assert client.post("/api/cypher", json={"query": "RETURN 1 AS ok"}).json()["rows"] == [[1]]


# --- incentives, targets, documents, clauses, schema ------------------------------

def test_incentives_list_and_filters(client: httpx.Client) -> None:
    everything = client.get("/api/incentives").json()["incentives"]
    assert everything and all(i["clause_id"] and i["doc_title"] for i in everything)
    shuangkua = client.get("/api/incentives", params={"keyword": "双跨"}).json()["incentives"]
    assert [(i["amount_wan"], i["clause_id"]) for i in shuangkua] == [(500.0, REWARDS_CLAUSE)]
    big = client.get("/api/incentives", params={"min_amount": 300}).json()["incentives"]
    assert big and all(max(i["amount_wan"] or 0, i["cap_wan"] or 0) >= 300 for i in big)
    matching = client.get("/api/incentives", params={"kind": "matching"}).json()["incentives"]
    assert matching and {i["kind"] for i in matching} == {"matching"}


def test_incentive_conditions_and_eligibility(client: httpx.Client) -> None:
    conditions = client.get("/api/incentives/conditions").json()["conditions"]
    label = next(c["label"] for c in conditions if "双跨" in c["label"])
    reply = client.post("/api/incentives/eligible", json={"conditions": [label]})
    assert reply.status_code == 200
    claims = reply.json()["incentives"]
    assert [(c["amount_wan"], c["clause_id"]) for c in claims] == [(500.0, REWARDS_CLAUSE)]
    assert "500万元" in claims[0]["benefit"]  # amounts read as one word: 500万元, 1000亿元


@pytest.mark.parametrize("path, params", [
    ("/api/incentives", {"min_amount": -1}), ("/api/incentives", {"min_amount": "lots"}),
    ("/api/incentives", {"keyword": "x" * 201}), ("/api/targets", {"year": "soon"}),
    ("/api/targets", {"year": 99999}),
])
def test_bad_filters_are_422(client: httpx.Client, path: str, params: dict) -> None:
    reply = client.get(path, params=params)
    assert reply.status_code == 422 and reply.json()["error"]


def test_eligible_bad_body_is_422(client: httpx.Client) -> None:
    assert client.post("/api/incentives/eligible", json={"conditions": "all"}).status_code == 422


def test_targets_filters(client: httpx.Client) -> None:
    province = client.get("/api/targets", params={"level": "province"}).json()["targets"]
    assert province and {t["level"] for t in province} == {"province"}
    in_2027 = client.get("/api/targets", params={"year": 2027}).json()["targets"]
    assert in_2027 and {t["year"] for t in in_2027} == {2027}
    pue = client.get("/api/targets", params={"metric": "PUE"}).json()["targets"]
    assert pue and all("PUE" in t["metric"] for t in pue)
    one_doc = client.get("/api/targets", params={"doc_id": "002_733fef4de3600b88"}).json()["targets"]
    assert one_doc and {t["doc_id"] for t in one_doc} == {"002_733fef4de3600b88"}


def test_comparable_targets_span_levels(client: httpx.Client) -> None:
    groups = client.get("/api/targets/comparable").json()["groups"]
    assert groups and all(len(g["levels"]) >= 2 for g in groups)
    pue = client.get("/api/targets/comparable", params={"metric": "PUE"}).json()["groups"]
    assert pue and {p["level"] for p in pue[0]["points"]} >= {"city", "district"}


def test_documents_and_clause_tree(client: httpx.Client) -> None:
    docs = client.get("/api/documents").json()["documents"]
    assert len(docs) == 5 and {d["level"] for d in docs} >= {"province", "city", "district"}
    tree = client.get("/api/documents/001_c0775bc4c1ef2dcb/clauses").json()["clauses"]
    assert REWARDS_CLAUSE in [c["clause_id"] for c in tree]
    assert client.get("/api/documents/no_such_doc/clauses").status_code == 404


def test_clause_with_document_and_neighbours(client: httpx.Client) -> None:
    reply = client.get(f"/api/clauses/{quote(REWARDS_CLAUSE, safe='')}")
    assert reply.status_code == 200
    body = reply.json()
    assert body["clause"]["clause_id"] == REWARDS_CLAUSE and "500 万元" in body["clause"]["text"]
    assert body["doc"]["title"].startswith("武汉市突破性发展数字经济实施方案")
    assert body["prev"]["clause_id"] and body["next"]["clause_id"]
    assert [a["label"] for a in body["ancestors"]] == ["四、"]
    assert len(body["links"]["incentives"]) >= 4


def test_unknown_clause_is_404(client: httpx.Client) -> None:
    reply = client.get(f"/api/clauses/{quote('nope#1', safe='')}")
    assert reply.status_code == 404
    assert "nope#1" in reply.json()["error"]


def test_schema(client: httpx.Client) -> None:
    body = client.get("/api/schema").json()
    assert body["labels"]["Document"] == 5 and body["relationships"]["HAS_CLAUSE"] > 0
    assert "clause_id" in body["node_keys"]["Clause"] and "PolicyKGMeta" not in body["labels"]


def test_openapi_docs_list_every_route(client: httpx.Client) -> None:
    assert client.get("/docs").status_code == 200
    paths = set(client.get("/openapi.json").json()["paths"])
    assert paths >= {"/api/ask", "/api/cypher", "/api/incentives", "/api/incentives/conditions",
                     "/api/incentives/eligible", "/api/targets", "/api/targets/comparable",
                     "/api/documents", "/api/documents/{doc_id}/clauses",
                     "/api/clauses/{clause_id}", "/api/schema", "/api/health"}


def test_the_app_is_served_beside_the_api(client: httpx.Client) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "<html" in page.text.lower()


def test_server_keeps_serving_after_the_bad_requests(client: httpx.Client) -> None:
    # last in this module on purpose: everything above threw bad input at the server
    assert client.get("/api/health").json() == {"status": "ok"}
    assert client.post("/api/ask", json={"question": SOFTWARE}).json()["found"]
    assert client.get("/").status_code == 200


# --- login -------------------------------------------------------------------------

def test_login_protects_the_api_and_the_app(served_with_login: Served) -> None:  # noqa: F811
    with httpx.Client(base_url=served_with_login.url, timeout=60) as http:
        assert http.get("/api/health").status_code == 401
        assert http.get("/api/health", auth=("staff", "wrong")).status_code == 401
        assert http.get("/api/health", auth=("staff", "pa55:word")).json() == {"status": "ok"}
        assert http.get("/openapi.json").status_code == 401
        assert http.get("/config").status_code == 401  # the app's own config needs the login
        login = http.post("/login", data={"username": "staff", "password": "pa55:word"})
        assert login.status_code == 200
        assert http.get("/config").status_code == 200
