"""Agencies: responsibility lists, 牵头, mentions, one canonical name, level."""

from __future__ import annotations

import json

import pytest

from tests.ingest_fixtures import ROOT, parse_fragment, parsed_seed
from ingest.extract.agencies import extract_agencies, responsible_units
from ingest.extract.pipeline import plan_body
from ingest.extract.agency_names import agency_level, canonical_agency, find_agencies
from kg.types import ParsedDocument

GOLD = json.loads((ROOT / "tests/data/gold_extraction/entities.json").read_text(encoding="utf-8"))

PLAN = """武汉市数字经济实施方案

一、主要任务

（一）发展新基建

——连接网络高速智能。建成全市域连续覆盖的 5G 网络。

（责任单位：市经信局、市通信管理局、
市委网信办）

——数据中心存算一体。建成国家超算武汉中心。(责任单位:市政府服务和大数据管理局,市科技局)

——物联感知。建设城市物联感知体系。（责任部门：市政务服务局和大数据管理局；各区、武汉地铁集团）

——工业互联。支持我市电子信息、汽车等行业龙头企业牵头建设工业互联网平台。（责任单位：市政务服务和大数据管理局、东湖新技术开发区、新洲区）

二、保障措施

成立武汉市数字经济发展委员会，委员会主任由市委、市政府主要领导担任，委员会办公室设在市经信局。健全由市数据局牵头、各区参与的工作机制。依托国家信息光电子创新中心，争取工信部支持。
"""


def _links(doc: ParsedDocument, rel: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for m in extract_agencies(doc)[1]:
        if m.rel == rel:
            out.setdefault(m.clause_id.split("#")[1], set()).add(m.name)
    return out


@pytest.fixture(scope="module")
def plan() -> ParsedDocument:
    return parse_fragment(PLAN, region="武汉市", level="city")


def test_a_trailing_duty_line_belongs_to_the_item_before_it(plan: ParsedDocument) -> None:
    item = next(c for c in plan.clauses if "连接网络高速智能" in c.text)
    assert "（责任单位：市经信局、市通信管理局、市委网信办）" in item.text


@pytest.mark.parametrize("path, units", [
    ("1.1.i1", {"市经信局", "市通信管理局", "市委网信办"}),  # full-width, broken over lines
    ("1.1.i2", {"市政务服务和大数据管理局", "市科技局"}),  # ASCII brackets, colon and comma
    ("1.1.i3", {"市政务服务和大数据管理局", "各区", "武汉地铁集团"}),  # 责任部门, ；
    ("1.1.i4", {"市政务服务和大数据管理局", "东湖新技术开发区", "新洲区"}),  # zones, districts
])
def test_every_listed_unit_is_responsible(plan: ParsedDocument, path: str, units: set[str]) -> None:
    assert _links(plan, "RESPONSIBLE_FOR")[path] == units


def test_three_spellings_are_one_agency_under_the_official_name(plan: ParsedDocument) -> None:
    agencies = {e.name: e for e in extract_agencies(plan)[0]}
    office = agencies["市政务服务和大数据管理局"]
    assert set(office.aliases) == {"市政府服务和大数据管理局", "市政务服务局和大数据管理局"}
    assert office.level == "市"
    assert not {"市政府服务和大数据管理局", "市政务服务局和大数据管理局"} & set(agencies)


def test_lead_agency_is_responsible_but_leading_firms_are_not(plan: ParsedDocument) -> None:
    responsible = _links(plan, "RESPONSIBLE_FOR")
    assert responsible["2"] == {"市数据局"}
    assert "1.1.i4" in responsible and not {"电子信息", "汽车"} & responsible["1.1.i4"]


def test_mentions_are_departments_not_governments_or_platforms(plan: ParsedDocument) -> None:
    mentioned = _links(plan, "MENTIONS")["2"]
    assert {"市数字经济发展委员会", "市经信局", "市数据局", "工业和信息化部"} <= mentioned
    assert not {"市委", "市政府", "国家信息光电子创新中心"} & mentioned


def test_names_inside_a_duty_list_are_not_also_mentions(plan: ParsedDocument) -> None:
    assert "1.1.i1" not in _links(plan, "MENTIONS")


def test_combined_lead_and_duty_lists_with_brackets_inside() -> None:
    text = "推动建设。（牵头单位：市经信局；责任单位：市发改委、各县（市、区）人民政府、襄阳高新区管委会）"
    assert responsible_units(text) == ["市经信局", "市发改委", "各县（市、区）人民政府", "襄阳高新区管委会"]


@pytest.mark.parametrize("name, region, level, canonical", [
    ("武汉市数据局", "武汉市", "city", "市数据局"),  # a city plan abbreviates its own city
    ("武汉市数据局", "湖北省", "province", "武汉市数据局"),  # a provincial plan does not
    ("湖北省经信厅", "湖北省", "province", "省经信厅"),
    ("市政府服务和大数据管理局", None, None, "市政务服务和大数据管理局"),
    ("工信部", "武汉市", "city", "工业和信息化部"),
    ("国家标准委", None, None, "国家标准化管理委员会"),
])
def test_canonical_names(name: str, region: str | None, level: str | None, canonical: str) -> None:
    assert canonical_agency(name, region, level) == canonical


@pytest.mark.parametrize("name, level", [
    ("国家数据局", "国家"), ("工业和信息化部", "国家"), ("交通运输部", "国家"), ("省经信厅", "省"),
    ("市经信局", "市"), ("武汉新港委", "市"), ("区科经局", "区"), ("各区", "区"), ("洪山区", "区"),
    ("东湖新技术开发区", "区"), ("东湖高新区城市运行管理中心", "区"), ("数字湖北建设领导小组", None),
])
def test_levels(name: str, level: str | None) -> None:
    assert agency_level(name) == level


@pytest.mark.parametrize("text, found", [
    ("委员会办公室设在区科经局，下设工作专班", ["区科经局"]),
    ("中共武汉市委十四届九次全体会议提出", []),
    ("在全市构建数字经济发展格局", []),
    ("加强对各区、市直各部门的领导", []),
    ("武汉入选国家数据局发布的第1批试点", ["国家数据局"]),
    ("发挥数字湖北建设领导小组及专项协调机制作用", ["数字湖北建设领导小组"]),
    ("这架无人机，来自东湖高新区城市运行管理中心。", ["东湖高新区城市运行管理中心"]),
    ("住建部与工信部“双智”试点", ["住建部", "工信部"]),
    ("联合国人居署中国办公室国家官员", []),
])
def test_what_counts_as_an_agency_in_running_text(text: str, found: list[str]) -> None:
    assert [h.surface for h in find_agencies(text)] == found


# --- the seed plans --------------------------------------------------------------------------

def test_each_001_item_has_exactly_its_listed_units() -> None:
    doc = parsed_seed("001")
    by_clause: dict[str, set[str]] = {}
    for m in extract_agencies(doc)[1]:
        if m.rel == "RESPONSIBLE_FOR":
            by_clause.setdefault(m.clause_id, set()).add(m.name)
    for entry in (g for g in GOLD["RESPONSIBLE_FOR"] if g["doc_id"] == doc.meta.doc_id):
        clause = next(c for c in doc.clauses if entry["clause"] in c.text)
        assert by_clause.pop(clause.clause_id) == set(entry["agencies"]), entry["clause"]
    assert not by_clause, f"responsibility outside the gold clauses: {by_clause}"


def test_one_node_per_agency_across_the_seeds() -> None:
    names = {}
    for prefix in ("000", "001", "002", "003", "004"):
        for entity in extract_agencies(parsed_seed(prefix))[0]:
            names.setdefault(entity.name, set()).update(entity.aliases)
    assert names["市政务服务和大数据管理局"] == {"市政府服务和大数据管理局", "市政务服务局和大数据管理局"}
    assert names["市数据局"] == {"武汉市数据局"}  # 002 writes 市数据局, 004 武汉市数据局
    assert "市数字经济发展委员会" in names and "武汉市数字经济发展委员会" not in names
    assert {"区科经局", "国家统计局", "国家数据局", "工业和信息化部"} <= set(names)


def test_the_seeds_agency_nodes_match_the_gold_set() -> None:
    found = {e.name for p in ("000", "001", "002", "003", "004")
             for e in extract_agencies(plan_body(parsed_seed(p)))[0]}
    assert found == {g["name"] for g in GOLD["Agency"]}
