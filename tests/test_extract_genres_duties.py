"""Responsibility in a measures package and in a 管理办法: 「（牵头责任单位：A；责任单位：B）」
parentheses, a rule's 主管部门 as the responsible department, and 「由A审核」 sentences.

Each fragment is made up; each test states one rule of ``ingest.extract`` (duty_lists,
agency_names, duties).
"""

from __future__ import annotations

from ingest.extract.agency_names import find_agencies
from ingest.extract.duties import clause_duties
from ingest.extract.textspan import compact


def duties(text: str) -> list[tuple[str, str | None]]:
    return [(d.surface, d.role) for d in clause_duties(compact(text))[0]]


def test_a_lead_responsible_unit_label_makes_its_units_lead():
    assert duties("落实退税政策。（牵头责任单位：区财政局、区税务局；责任单位：区商务局、各镇（街道））") == [
        ("区财政局", "lead"), ("区税务局", "lead"), ("区商务局", "support"), ("各镇（街道）", "support")]


def test_a_rules_competent_department_is_an_agency():
    text = ("第五条　市住房主管部门负责制定标准；各区住房主管部门负责督促落实；由项目所在地住房主管部门予以核实，"
            "会同同级财政主管部门做好拨付。市场主管部门依法监管。")
    assert [h.surface for h in find_agencies(compact(text))] == [
        "市住房主管部门", "各区住房主管部门", "项目所在地住房主管部门", "同级财政主管部门"]


def test_an_autonomous_regions_department_is_an_agency():
    assert [h.surface for h in find_agencies("由自治区交通运输厅认定并公示")] == ["自治区交通运输厅"]


def test_a_unit_after_by_and_before_an_act_of_office_is_responsible():
    assert duties("补助资金由属地交通运输主管部门审核后拨付。") == [("属地交通运输主管部门", None)]
    assert duties("基本信息由项目所在地住房主管部门依据备案情况予以核实。") == [("项目所在地住房主管部门", None)]
    assert duties("第六条　市住房主管部门负责制定信用标准。") == [("市住房主管部门", None)]
    assert duties("项目由企业自主实施，所需资金由企业自筹。") == []
