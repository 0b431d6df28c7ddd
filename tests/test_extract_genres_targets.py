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


def test_what_a_rule_allows_and_the_term_of_a_relief_are_no_goal():
    text = ("二、放宽准入\n3.民营企业股权占比原则上不低于35%，单个项目支持额度不超过项目投资额的15%。"
            "中小企业社保费缓缴期限继续延长6个月。到2025年，民间投资占比达到60%。")
    assert values(targets_of(text, MEASURES)) == [(60, "%")]


def test_support_ratios_and_who_qualifies_for_support_are_no_goal():
    text = ("三、支持方向\n1.单体项目总投资不低于2000万元，支持比例不超过核定总投资的15%，"
            "省级资金额外再给予不超过5%的配套支持。用能设备更新改造项目年节能量须不低于50万千瓦时。"
            "到2027年，全省规模以上工业企业设备更新改造投资增长25%，绿色工厂占比应达到40%。")
    assert values(targets_of(text, MEASURES)) == [(25, "%"), (40, "%")]  # 「应达到」 states a goal


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


def test_a_goals_yearly_shares_measure_the_goal_for_each_year():
    text = ("一、重点任务\n1.更新设备。到2027年改造老旧管网60公里，其中2025年20公里、2026年15公里、"
            "2027年25公里；到2026年逐步淘汰120辆老旧货车，其中2025年70辆。")
    found = [(t.metric, t.value, t.year) for t in targets_of(text, LAYOUT)]
    assert found == [("改造老旧管网", 60, 2027), ("改造老旧管网（当年）", 20, 2025),
                     ("改造老旧管网（当年）", 15, 2026), ("改造老旧管网（当年）", 25, 2027),
                     ("老旧货车", 120, 2026), ("老旧货车（当年）", 70, 2025)]


def test_goals_within_n_years_count_from_the_plans_first_year_and_set_its_horizon():
    text = ("一、扩大就业\n（一）稳就业。每年城镇新增就业50万人以上。\n"
            "（二）促消费。三年内培育美食体验店300家。力争三年内全市离境退税商店达到150家。"
            "对培育网货产业带的区县给予最高30万元支持。\n（三）促养老。三年内城区养老服务设施覆盖率达到80%。")
    found = [(t.metric, t.value, t.year) for t in targets_of(text, MEASURES | {"issued": "2025-07-01"})]
    assert found == [("每年城镇新增就业", 50, 2027), ("美食体验店", 300, 2027), ("离境退税商店", 150, 2027),
                     ("城区养老服务设施覆盖率", 80, 2027)]


def test_a_forecast_is_no_goal_unless_it_pledges_or_builds():
    text = ("二、需求预测\n（一）保有量预测\n预计2025年全市电动公交车保有量为1.2万辆。"
            "充电需求预测将达3亿千瓦时。预计到2025年建设500个直流充电桩。力争到2025年计划建设12座城际充电站。")
    assert values(targets_of(text, LAYOUT)) == [(500, "个"), (12, "座")]


def test_what_a_scoring_rule_scores_is_no_goal():
    text = ("三、考评内容\n（一）河长履职（20分）。河长按要求巡河，每月不少于1次，得5分；未按要求的，每少1次扣1分。\n"
            "（二）水质达标（30分）。断面水质达标率达到90%以上的，得30分；低于80%的不得分。")
    scheme = {"region": "某县", "title": "某县河长制工作考评办法", "issued": "2023-03-01"}
    assert targets_of(text, scheme) == []


def test_a_goal_reached_with_daoda_names_its_subject():
    text = "一、发展目标\n到2025年，全省将建成充换电站300座，充电桩到达1万个以上。"
    assert [(t.metric, t.value) for t in targets_of(text, LAYOUT)] == [("充换电站", 300), ("充电桩", 1)]


def test_an_indicator_table_under_an_empty_header_row_and_a_dash_unit():
    text = ("一、发展目标\n到2030年，能源保障能力显著增强。\n\n表1 能源核心指标表\n\n"
            "|     |     |     |     |     |\n| --- | --- | --- | --- | --- |\n"
            "| **序号** | **指标名称** | **单位** | **属性**<br>**（预期性** **/约束性）** | **“十五五”目标值** |\n"
            "| 1 | 220千伏容载比 | —— | 预期性 | 1.86 |\n| 2 | 供电可靠率 | % | 预期性 | 99.999 |\n")
    found = [(t.metric, t.value, t.unit or None, t.year) for t in targets_of(text, LAYOUT)]
    assert ("220千伏容载比", 1.86, None, 2030) in found and ("供电可靠率", 99.999, "%", 2030) in found, found


def test_a_policy_for_the_year_in_hand_dates_its_yearless_goals_by_it():
    """「2024年，抓好…」 opening sentences set the year in hand; goals printed without a year
    (「全年新增公共领域充电设施3000个」) are that year's."""
    text = ("一、扩大有效投资\n2024年，推进市重点项目800个左右，完成投资2200亿元以上。\n"
            "（一）强化要素保障。2024年，全市计划供应建设用地6万亩。\n"
            "（二）扩大消费。2024年，新增社区商业网点100个。\n（三）完善设施。全年新增公共领域充电设施3000个。")
    found = [(t.metric, t.value, t.year) for t in targets_of(text, MEASURES | {"issued": "2024-02-18"})]
    assert ("新增公共领域充电设施", 3000, 2024) in found, found  # 全年 is the year, 新增 what is counted


def test_a_goal_table_by_place_gives_each_place_its_goals():
    text = ("三、发展目标\n（三）区域目标\n表3-1 “十四五”充换电设施分区域发展目标\n\n"
            "| 地区 | 充电站(座) | 换电站(座) | 核心区服务半径 |\n| --- | --- | --- | --- |\n"
            "| 甲市 | 9 | 7 | 1.5公里 |\n| 乙州 | 5 | 6 | 2.0公里 |\n| 总计 | 14 | 13 |  |\n")
    found = {(t.scope, t.metric, t.value, t.unit, t.year) for t in targets_of(text, LAYOUT)}
    assert found == {("甲市", "充电站", 9, "座", 2030), ("甲市", "换电站", 7, "座", 2030),
                     ("甲市", "核心区服务半径", 1.5, "公里", 2030), ("乙州", "充电站", 5, "座", 2030),
                     ("乙州", "换电站", 6, "座", 2030), ("乙州", "核心区服务半径", 2.0, "公里", 2030)}


def test_a_table_by_place_that_states_the_present_sets_no_goal():
    text = ("二、发展现状\n（一）建设情况\n表2-1 各地充电设施现状\n\n"
            "| 地区 | 充电站(座) | 充电桩(根) |\n| --- | --- | --- |\n| 甲市 | 9 | 700 |\n")
    assert targets_of(text, LAYOUT) == []


def test_a_lead_naming_the_measure_gives_each_listed_place_its_goal():
    text = ("一、实施区域\n全县区域计划作业面积依次为：甲乡0.9万亩、乙镇0.7万亩、丙镇0.7万亩。")
    found = [(t.metric, t.scope, t.value) for t in targets_of(text, MEASURES | {"title": "某县农业社会化服务项目实施方案"})]
    assert found == [("计划作业面积", "甲乡", 0.9), ("计划作业面积", "乙镇", 0.7),
                     ("计划作业面积", "丙镇", 0.7)]


def test_a_rate_of_a_base_a_quota_a_budget_line_and_a_look_back_window_are_no_goal():
    text = ("一、支持创新\n竞争类重点科研项目按不超过实际投入额的20%给予补助。"
            "每年遴选不超过10个标杆项目给予支持。\n"
            "二、资金安排\n其中，用于市属学校、公立医院等民生设施建设资金22亿元。\n"
            "三、贷款办理\n月收入根据近12个月的缴存明细认定，可在以后5个纳税年度结转。"
            "当个贷率处于85%以上高位运行时，停止办理。")
    assert targets_of(text, MEASURES) == []


def test_a_year_on_year_pledge_is_a_goal_and_a_year_on_year_report_is_not():
    text = ("一、工业\n2024年，力争规上工业增加值同比增长5.5%。"
            "1—9月，规上工业增加值同比增长12%。")
    assert values(targets_of(text, MEASURES | {"issued": "2024-02-18"})) == [(5.5, "%")]


def test_bonds_are_no_voucher_and_buildings_are_counted():
    text = ("一、争取资金\n2024年，全市争取储备专项债资金需求300亿元以上。"
            "新开工改造城镇老旧小区260个、2542栋。")
    assert values(targets_of(text, MEASURES | {"issued": "2024-02-18"})) == [
        (300, "亿元"), (260, "个"), (2542, "栋")]


def test_a_scoring_weight_and_an_estimate_are_no_goal():
    text = ("一、服务环节\n耕（36%权重）、种（27%权重）。\n"
            "二、投资规模测算\n公用充换电站投资约为7.16亿元，约占总投资的60%。")
    assert targets_of(text, LAYOUT) == []


def test_around_what_exists_is_no_goal_but_around_a_goal_is():
    assert targets_of("一、数字化转型\n围绕37条产业链和40个产业集群，支持链主企业制定路线图。", LAYOUT) == []
    assert values(targets_of("一、总体目标\n围绕实现数字经济增加值超千亿一个核心目标，推进发展。", LAYOUT)) == [
        (1000, "亿")]


PLAN = {"period": "2025—2027", "region": "某省", "title": "某省设备更新行动方案（2025—2027年）"}


def test_prices_and_restated_bounds_are_no_goals():
    """A price a rule sets or computes (「基准价为420.7元/兆瓦时」, 「即210.35元/兆瓦时」) and a bound
    said again in brackets (「144平方米以下（不含144平方米）」) are no goals."""
    text = ("一、价格机制\n燃煤发电基准价现行标准为420.7元/兆瓦时，峰段上浮价格为基准价×0.5，即210.35元/兆瓦时。\n"
            "二、购房支持\n购买商品住房面积在144平方米以下（不含144平方米）的，给予契税补贴。\n"
            "三、目标\n到2027年，全省新建充电桩1万个以上。")
    found = [(t.metric, t.value, t.unit) for t in targets_of(text, PLAN)]
    assert found == [("充电桩", 1.0, "万个")], found


def test_a_unit_with_several_alternative_count_words_and_a_metric_after_a_conjunction():
    """「2000艘（台、套）以上」 is one unit with its bound; 「省监测中心和14个驻市监测机构实验室」 counts the
    thing after the number; 「且经营性收入50万元以上」 measures 经营性收入."""
    text = ("一、目标\n到2027年，完成淘汰木质老旧渔船（设备）2000艘（台、套）以上。\n"
            "到2027年，基本完成省监测中心和14个驻市监测机构实验室仪器更新。\n"
            "2027年，全省行政村基本实现集体经济总收入80万元且经营性收入50万元以上。")
    found = [(t.metric, t.value, t.unit, t.comparator) for t in targets_of(text, PLAN)]
    assert ("淘汰木质老旧渔船", 2000.0, "艘（台、套）", ">=") in found, found
    assert any(m.startswith("驻市监测机构实验室") and v == 14 for m, v, _, _ in found), found
    assert ("经营性收入", 50.0, "万元", ">=") in found, found
