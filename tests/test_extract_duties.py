"""Responsibility: labelled lists, 由X负责 / X负责 sentences, duty-only lines, annex table
columns, unlabelled duty brackets, and lead versus supporting roles."""

from __future__ import annotations

import pytest

from ingest.extract.agencies import extract_agencies
from ingest.extract.duties import clause_duties, duty_only
from ingest.extract.textspan import compact
from kg.types import Clause, DocumentMeta, ParsedDocument, clause_id_for
from tests.ingest_fixtures import parse_fragment


def duties(text: str) -> list[tuple[str, str | None]]:
    return [(d.name, d.role) for d in clause_duties(compact(text))[0]]


def responsible(doc: ParsedDocument) -> dict[str, set[tuple[str, str | None]]]:
    out: dict[str, set[tuple[str, str | None]]] = {}
    for m in extract_agencies(doc)[1]:
        if m.rel == "RESPONSIBLE_FOR":
            out.setdefault(doc.clause(m.clause_id).text[:12], set()).add((m.name, m.role))
    return out


@pytest.mark.parametrize("text, expected", [
    ("建设算力中心。（责任单位：市发展改革委、市数据局）",
     [("市发展改革委", None), ("市数据局", None)]),
    ("建设平台。（牵头单位：市经信局；配合单位：市财政局、各区人民政府）",
     [("市经信局", "lead"), ("市财政局", "support"), ("各区人民政府", "support")]),
    ("优化审批。（10分，牵头考核单位：市审批服务局）", [("市审批服务局", "lead")]),
    ("推进上云。（牵头单位：省卫生健康委，参加单位：省大数据局）",
     [("省卫生健康委", "lead"), ("省大数据局", "support")]),
    ("推进改革。（责任单位：市经信局牵头，市财政局、市科技局配合）",
     [("市经信局", "lead"), ("市财政局", "support"), ("市科技局", "support")]),
    ("推进改革。责任单位：市发展改革委（牵头）、市经信局，各区按职责分工负责",
     [("市发展改革委", "lead"), ("市经信局", "support"), ("各区", "support")]),
    ("建设平台。（责任单位：各县（市、区）人民政府）", [("各县（市、区）人民政府", None)]),
    ("建设平台。（主管部门：市商务局）", [("市商务局", None)]),
    ("延链补链。（省工业和信息化厅牵头，省发展改革委、省财政厅和各州、市人民政府配合。以下均需各州、"
     "市人民政府落实，不再列出）", [("省工业和信息化厅", "lead"), ("省发展改革委", "support"),
                                  ("省财政厅", "support"), ("各州、市人民政府", "support")]),
])
def test_labelled_lists(text: str, expected: list) -> None:
    assert duties(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("支持电力设备更新。（省工业和信息化厅、省国资委分工负责）", [("省工业和信息化厅", None), ("省国资委", None)]),
    ("文旅设备更新。（省文化和旅游厅、省电影局按职能分别负责）", [("省文化和旅游厅", None), ("省电影局", None)]),
])
def test_brackets_of_units_sharing_a_task(text: str, expected: list) -> None:
    assert duties(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("县商务局负责新建重点产业项目相关工作。", [("县商务局", None)]),
    ("由市发展改革委负责统筹协调，市财政局配合。", [("市发展改革委", None), ("市财政局", "support")]),
    ("由市数据局牵头、各区参与。", [("市数据局", "lead")]),
    ("市经信局、市商务局按职责分工负责。", [("市经信局", None), ("市商务局", None)]),
    ("由县人民政府负责组织实施。", [("县人民政府", None)]),
    ("由市发展改革委、市经信局等部门负责推进。", [("市发展改革委", None), ("市经信局", None)]),
    ("市发展改革委：负责综合协调。", [("市发展改革委", None)]),
    ("全省建立省负总责、市县具体负责的工作机制。", [("省", "lead"), ("市县", "support")]),
    ("会同自然资源、住建等部门开展资源勘查。", [("自然资源部门", None), ("住建部门", None)]),
    # 会同 joins two departments; it is part of neither name.
    ("区发改委会同区财政局负责专项资金的统筹管理。", [("区发改委", None), ("区财政局", None)]),
])
def test_sentences_that_make_a_unit_responsible(text: str, expected: list) -> None:
    assert duties(text) == expected


@pytest.mark.parametrize("text", [
    "市经信局负责人表示将加大支持力度。",
    "领导小组办公室设在市发改委，负责日常工作。",
    "鼓励各区参与国家试点。",
    "明确牵头单位、责任单位和完成时限。",
])
def test_no_duty_where_no_unit_is_made_responsible(text: str) -> None:
    assert duties(text) == []


def test_an_unlabelled_duty_bracket_shares_the_level_of_the_unit_before():
    text = "推动电子产品升级。（各地级以上市人民政府，省工业和信息化厅、民政厅，省总工会按职责分工负责）"
    assert duties(text) == [("各地级以上市人民政府", None), ("省工业和信息化厅", None),
                            ("省民政厅", None), ("省总工会", None)]
    assert [d.surface for d in clause_duties(compact(text))[0]][2] == "民政厅"
    assert duties("（省发展改革委牵头，省有关部门配合）") == [("省发展改革委", "lead"),
                                                         ("省有关部门", "support")]
    assert duties("支持平台建设（北方）。推动（市、区）协同。") == []


def test_a_table_row_names_its_units_by_column():
    assert duties("序号：1；任务：建设工业互联网平台；牵头单位：市经信局；配合单位：市财政局、"
                  "市科技局；完成时限：2025年底") == [
        ("市经信局", "lead"), ("市财政局", "support"), ("市科技局", "support")]


def test_a_duty_line_alone_belongs_to_the_task_above_it():
    meta = DocumentMeta(doc_id="d", title="某市实施方案", source="d.txt", sha256="0" * 64,
                        level="city", region="某市")
    texts = [("1", "section", "一、重点任务"), ("1.1", "item", "1.建设城市算力中心，新增机架5000个。"),
             ("1.2", "paragraph", "（责任单位：市发展改革委、市数据局）"),
             ("1.3", "item", "2.培育数据企业。"), ("1.4", "paragraph", "责任单位：市经信局")]
    clauses = tuple(Clause(clause_id_for("d", p), "d", p, p, "", t, k_i, kind,
                           None if p == "1" else clause_id_for("d", "1"), 0 if p == "1" else 1)
                    for k_i, (p, kind, t) in enumerate(texts))
    found = responsible(ParsedDocument(meta, clauses))
    assert found == {"1.建设城市算力中心，新": {("市发展改革委", None), ("市数据局", None)},
                     "2.培育数据企业。": {("市经信局", None)}}
    assert duty_only(compact(texts[2][2])) and not duty_only(compact(texts[1][2]))


def test_a_plan_that_says_the_first_unit_leads():
    doc = parse_fragment("某市实施方案\n\n一、重点任务\n（一）建设平台。（责任单位：市经信局、市财政局）\n"
                         "二、保障措施\n（一）明确责任。各项任务列第一位的为牵头单位。\n",
                         region="某市", level="city")
    assert responsible(doc)["（一）建设平台。（责任单"] == {("市经信局", "lead"), ("市财政局", "support")}


def test_a_printed_spelling_is_kept_as_an_alias_of_the_full_name():
    doc = parse_fragment("某省若干措施\n\n一、措施\n（一）促进消费。（省商务厅、财政厅按职责分工负责）\n",
                         region="某省", level="province")
    agencies = {e.name: e.aliases for e in extract_agencies(doc)[0]}
    assert "财政厅" in agencies["省财政厅"]


def test_each_task_of_a_clause_keeps_its_own_units():
    text = compact("（二）发展设施农业。落实各项政策措施。（省发展改革委、省农业农村厅牵头）"
                   "对新增设施农业投资的，给予一次性奖补。（省农业农村厅、省财政厅按职责分工负责）")
    found = clause_duties(text)[0]
    tasks = {d.name: text[d.task[0]:d.task[1]] for d in found if d.name != "省农业农村厅"}
    assert tasks["省发展改革委"].startswith("（二）发展设施农业")
    assert tasks["省财政厅"].startswith("对新增设施农业投资")
    assert {(d.name, d.role) for d in found} == {
        ("省发展改革委", "lead"), ("省农业农村厅", "lead"), ("省农业农村厅", None), ("省财政厅", None)}


@pytest.mark.parametrize("text, expected", [
    # Units alone in a bracket after the task's last sentence, in （） or 〔〕 (a （市） inside).
    ("推动G5617临勐高速等项目开工建设。（省交通运输厅、省发展改革委）",
     [("省交通运输厅", None), ("省发展改革委", None)]),
    ("加快推进大理铁路枢纽等项目建设。〔省交通运输厅、省外办、中国铁路昆明局集团，有关州（市）人民政府〕"
     "〔以下分工均涉及有关州（市）人民政府，不再列出〕",
     [("省交通运输厅", None), ("省外办", None), ("中国铁路昆明局集团", None), ("有关州（市）人民政府", None)]),
    # A labelled bracket a PDF broke after its colon.
    ("按照高可靠性供电费用收取标准的70%执行。（责任单位：\n市发改委、国网杭州供电公司）",
     [("市发改委", None), ("国网杭州供电公司", None)]),
    # Places after a sentence, or units inside one, are no list of the task's units.
    ("在有条件的地区开展试点。（昆明市、玉溪市）", []),
    ("由各地（省发展改革委、省财政厅指导）组织实施", []),
])
def test_unlabelled_units_after_a_task(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert duties(text) == expected
