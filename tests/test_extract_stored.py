"""What the new extraction fields look like once stored: lead/support roles on
RESPONSIBLE_FOR, the incentive terms, one Industry node for a prefix form — against the
real embedded engine, and scored by the evaluation's own comparison functions."""

from __future__ import annotations

import pytest

from ingest.evaluate import _score_responsible, same_incentive
from ingest.extract import RuleExtractor
from ingest.extract.industries import prefix_forms
from kg import facts
from kg.documents import remove_document, save_document
from kg.store import GraphStore
from tests.ingest_fixtures import parse_fragment, parsed_seed

PLAN = """某省支持先进制造业发展若干政策

一、支持措施
（一）支持技术改造。对实施技术改造的企业，按照项目设备购置额的10%给予奖补，最高500万元，分两年拨付。（牵头单位：省工业和信息化厅；配合单位：省财政厅、各市人民政府）
（二）支持智能网联汽车。推动智能网联汽车测试示范。某某数字产业园重点发展云计算、智能终端、智能网联等数字经济核心产业。发展智能网联汽车零部件。
"""


@pytest.fixture
def stored(store: GraphStore):
    doc = parse_fragment(PLAN, region="某省", level="province")
    doc = type(doc)(meta=type(doc.meta)(**{**doc.meta.__dict__, "doc_id": "test_stored"}),
                    clauses=tuple(type(c)(**{**c.__dict__, "doc_id": "test_stored",
                                             "clause_id": c.clause_id.replace("frag#", "test_stored#"),
                                             "parent_id": c.parent_id and c.parent_id.replace(
                                                 "frag#", "test_stored#")})
                                  for c in doc.clauses))
    save_document(store, doc, RuleExtractor().extract(doc))
    yield store
    remove_document(store, "test_stored")


def test_roles_are_stored_on_the_relationship_and_leads_come_first(stored: GraphStore) -> None:
    rows = [r for r in facts.responsibilities(stored) if r["doc_id"] == "test_stored"]
    roles = {r["agency"]: r["role"] for r in rows}
    assert roles == {"省工业和信息化厅": "lead", "省财政厅": "support", "各市人民政府": "support"}
    (clause_id,) = {r["clause_id"] for r in rows}
    assert facts.agencies_of(stored, [clause_id])[clause_id][0] == "省工业和信息化厅"


def test_the_evaluation_scores_units_and_leads(stored: GraphStore) -> None:
    gold = [{"doc_id": "test_stored", "clause": "支持技术改造",
             "agencies": ["省工业和信息化厅", "省财政厅", "各市人民政府"], "lead": ["省工业和信息化厅"]}]
    scores = {s.kind: (s.precision, s.recall) for s in
              _score_responsible(facts.responsibilities(stored), gold, {"test_stored"})}
    assert scores == {"RESPONSIBLE_FOR": (1.0, 1.0), "RESPONSIBLE_FOR lead": (1.0, 1.0)}


def test_incentive_terms_are_stored(stored: GraphStore) -> None:
    (row,) = [r for r in facts.incentives(stored) if r["doc_id"] == "test_stored"]
    i = row["incentive"]
    assert (i["kind"], i["cap_wan"], i["ratio"], i["base"], i["instalments"], i["claimable"]) == (
        "reward", 500.0, 0.1, "项目设备购置额", "分两年拨付", True)
    gold = {"doc_id": "test_stored", "clause": "按照项目设备购置额的10%", "kind": "reward",
            "amount_wan": None, "cap_wan": 500, "ratio": 10, "per_year": False}
    assert same_incentive(gold, {**i, "doc_id": "test_stored", "clause_text": row["clause_text"]})


def test_a_prefix_form_is_an_alias_of_one_industry(stored: GraphStore) -> None:
    industries = {e["name"]: e["aliases"] for e in facts.entities(stored, "Industry")}
    assert "智能网联" in industries.get("智能网联汽车", [])
    assert "智能网联" not in industries


def test_prefix_forms_need_most_uses_to_go_on() -> None:
    assert prefix_forms(["大数据", "大数据计算"], "大数据、大数据平台、大数据中心、大数据计算") == {}
    assert prefix_forms(["智能网联"], "智能网联汽车、智能网联汽车测试、智能网联") == {"智能网联": "智能网联汽车"}


def test_seed_000_has_one_connected_vehicle_industry() -> None:
    from ingest.extract.places import extract_places
    entities = extract_places(parsed_seed("000"))[0]
    names = {e.name: e.aliases for e in entities if e.label == "Industry"}
    assert "智能网联" not in names and "智能网联" in names["智能网联汽车"]
