"""Targets in the genres where rules print many numbers that are no goal: a facility layout
plan (site counts), a scoring scheme (thresholds, time limits) and a 稳增长 measures package
(rates a policy sets, lists counted, who qualifies for a grant, budgets).

Each fragment is made up; each test states one rule of ``ingest.extract.targets``.
"""

from __future__ import annotations

from ingest.extract.targets import extract_targets
from kg.types import Target
from tests.ingest_fixtures import parse_fragment

LAYOUT = {"period": "2025—2030", "region": "某市", "title": "某市充电站专项规划（2025—2030年）"}
MEASURES = {"region": "某区", "title": "某区稳住经济增长若干政策措施", "issued": "2022-07-01"}


def targets_of(text: str, entry: dict[str, str]) -> list[Target]:
    return extract_targets(parse_fragment(text, **entry))


def values(targets: list[Target]) -> list[tuple[float, str]]:
    return [(t.value, t.unit) for t in targets]


def test_a_layouts_site_counts_and_their_breakdown_are_no_goal():
    text = ("三、布局方案\n（一）总体布局\n全市共布局56个充电站，其中，高速点数12个，城区点数44个。\n"
            "（二）各县布局\n甲县充电站布局9个。其中，国道上4个，城区5个。")
    assert targets_of(text, LAYOUT) == []


def test_a_layout_count_with_a_build_verb_or_a_goal_year_stays_a_goal():
    text = ("三、布局方案\n在示范线路配套建设约30座充电站，其中，甲公司在干线上进行布局。\n"
            "到2027年，全市布局建成充电站80座。")
    assert values(targets_of(text, LAYOUT)) == [(30, "座"), (80, "座")]


def test_rates_and_ratios_a_policy_sets_are_no_goal():
    text = ("一、稳住市场主体\n1.降低社保费率。单位缴费费率从18%降低到15%，首付款比例下调至25%，"
            "价格扣除比例从5%提高至12%，预留采购份额由25%以上提高至35%以上，提高比例不超过原比例的40%。")
    assert targets_of(text, MEASURES) == []


def test_counts_of_a_list_just_printed_or_of_a_cited_texts_articles_are_no_goal():
    text = ("一、稳住市场主体\n2.落实退税政策。将零售业、住宿业和餐饮业等3个行业纳入退税范围。"
            "落实国家稳外贸12条意见。")
    assert targets_of(text, MEASURES) == []


def test_time_limits_are_no_goal():
    text = ("二、优化服务\n3.压缩审批时间。审批时限原则上不超过5个工作日，企业投资项目审批时间压减至30个工作日以内，"
            "对困难企业设立4个月的费用缓缴期，收到申请后2个月内办结。")
    assert targets_of(text, MEASURES) == []


def test_who_qualifies_for_a_grant_in_the_same_sentence_is_no_goal():
    text = ("七、稳就业\n4.支持吸纳就业。企业吸纳失业人员8人以上，认定为就业基地，给予3万元奖励。"
            "对成批（15人及以上）输送毕业生的院校，按200元/人给予奖励。")
    assert targets_of(text, MEASURES) == []


def test_a_computation_is_no_goal():
    text = ("七、稳就业\n5.兑现岗位补贴。岗位补贴按最低工资标准的30%执行（2021年标准1650*30%=495元/月；"
            "2022年标准1800*30%=540元/月），最长不超过3年。")
    assert targets_of(text, MEASURES) == []


def test_a_fund_the_plan_sets_up_is_a_budget_not_a_goal():
    text = "五、促消费\n6.激发文旅活力。设立文旅发展专项资金2000万元。"
    assert targets_of(text, MEASURES) == []


def test_transfer_revenue_is_a_goal_though_it_says_subsidy():
    (t,) = targets_of("八、要素保障\n7.加快支出进度。力争全年到位上级补助收入20亿元以上。", MEASURES)
    assert (t.value, t.unit, t.comparator) == (20, "亿元", ">=")


def test_the_size_of_an_existing_facility_is_no_goal():
    text = "三、保障粮食\n8.提升储备能力。提升某园区2万吨粮库低温仓储水平。"
    assert targets_of(text, MEASURES) == []
