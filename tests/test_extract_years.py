"""Target years and indicator tables: 「到2025年」 scoping a section's list, 十四五, base
versus target columns, ranges, and plans that state no period."""

from __future__ import annotations

from ingest.extract.numbers import find_quantities
from ingest.extract.targets import extract_targets
from kg.types import Target
from tests.ingest_fixtures import parse_fragment

ACTION_PLAN = """某市数字经济发展行动计划（2023—2027年）

一、发展目标
到2025年，全市数字经济发展取得显著成效。
——产业规模持续壮大。数字经济核心产业增加值达到500亿元。
——创新能力显著增强。研发投入强度达到3%。
到2027年，数字经济核心产业增加值达到800亿元，占地区生产总值比重达到12%。
二、重点任务
（一）壮大核心产业。力争到2026年，培育规上软件企业100家，集成电路产业规模突破200亿元；新增上云企业1000家。
1.培育龙头企业。新增营收超十亿元企业10家。
（二）“十四五”期间，累计建成5G基站2万个。
| 指标 | 单位 | 2022年 | 2025年 | 2027年 | 属性 |
| --- | --- | --- | --- | --- | --- |
| 数字经济核心产业增加值 | 亿元 | 300 | 500 | 800 | 预期性 |
| 单位GDP能耗下降 | % | — | 13.5 | — | 约束性 |
| 工业互联网平台（个） | | 20 | 50—60 | | 预期性 |
"""


def targets_of(text: str, **entry: str) -> list[Target]:
    return extract_targets(parse_fragment(text, **{"region": "某市", **entry}))


def by_value(targets: list[Target]) -> dict[tuple[float | None, int | None], Target]:
    return {(t.value, t.year): t for t in targets}


def test_an_intro_year_scopes_the_goals_listed_under_it():
    found = by_value(targets_of(ACTION_PLAN, period="2023—2027"))
    assert found[(500.0, 2025)].metric == "数字经济核心产业增加值"
    assert found[(3.0, 2025)].metric == "研发投入强度"
    assert {(800.0, 2027), (12.0, 2027)} <= set(found)


def test_a_clause_year_and_its_parent_year():
    found = by_value(targets_of(ACTION_PLAN, period="2023—2027"))
    assert {(100.0, 2026), (200.0, 2026), (1000.0, 2026)} <= set(found)
    assert found[(10.0, 2026)].metric.endswith("企业")  # the item under （一）力争到2026年


def test_the_five_year_plan_names_its_end():
    found = by_value(targets_of(ACTION_PLAN, period="2023—2027"))
    assert found[(2.0, 2025)].unit == "万个"


def test_indicator_table_target_columns_not_the_base():
    table = {(t.metric, t.value, t.value_max, t.unit, t.year)
             for t in targets_of(ACTION_PLAN, period="2023—2027") if ".r" in t.clause_id}
    assert ("数字经济核心产业增加值", 500.0, None, "亿元", 2025) in table
    assert ("数字经济核心产业增加值", 800.0, None, "亿元", 2027) in table
    assert ("单位GDP能耗下降", 13.5, None, "%", 2025) in table
    assert ("工业互联网平台", 50.0, 60.0, "个", 2025) in table
    assert not any(value in (300.0, 20.0) for _, value, *_ in table)


def test_without_a_period_the_base_is_the_earliest_year_column():
    table = """某市若干措施

一、目标
| 主要指标 | 单位 | 2020年基期值 | 2025年目标值 |
| --- | --- | --- | --- |
| 高新技术企业 | 家 | 800 | ≥1500 |
"""
    (t,) = [t for t in targets_of(table) if ".r" in t.clause_id]
    assert (t.metric, t.value, t.comparator, t.year) == ("高新技术企业", 1500.0, ">=", 2025)


def test_a_plan_without_a_period_leaves_undated_goals_undated():
    found = targets_of("某省若干措施\n\n一、措施\n（一）2023年新增保障性租赁住房不少于22万套。\n"
                       "（二）评选4家省级示范机构。\n", issued="2023-11-13", region="某省")
    assert {(t.value, t.unit, t.year) for t in found} == {(22.0, "万套", 2023), (4.0, "家", None)}


def test_a_heading_that_improves_an_environment_is_not_background():
    found = targets_of("某市方案\n\n一、优化消费环境\n（一）2025年新增放心消费承诺单位8000家。\n",
                       period="2024—2025")
    assert [(t.value, t.unit) for t in found] == [(8000.0, "家")]


def test_units_plans_count_in():
    assert [q.unit for q in find_quantities("抽检不少于9000批次，节目时长3000小时，客房1万间，参展1万家次")] == [
        "批次", "小时", "万间", "万家次"]


def test_each_of_two_parallel_goals_and_named_sites_counted():
    found = targets_of("某省若干措施（2024年）\n\n一、措施\n（一）年内开工和投产新能源项目各1600万千瓦。"
                       "到2024年底，建成郑州、开封、周口3个地热供暖示范区。\n", region="某省")
    assert {(t.metric, t.value) for t in found} == {
        ("开工新能源项目", 1600.0), ("投产新能源项目", 1600.0), ("地热供暖示范区", 3.0)}


def test_thresholds_and_counts_of_named_places_are_not_goals():
    found = targets_of("某市措施\n\n一、措施\n（一）对年营业收入5000万元以上的企业给予支持。"
                       "标的金额超过1000万元的，推广保函替代保证金。\n（二）印发昆明、曲靖2个园区建设规划。"
                       "用好6亿元专项资金。\n", period="2024—2025")
    assert found == []


def test_a_header_row_names_the_cells_of_rows_that_lost_theirs():
    from ingest.extract.indicators import header_cells, table_row_targets
    from kg.types import Clause
    header = Clause("d#1.t1.r1", "d", "1.t1.r1", "", "", "类别：单位；2020年；2025年；属性", 0, "table_row")
    row = Clause("d#1.t1.r2", "d", "1.t1.r2", "", "", "1.3 可再生能源发电装机：万千瓦；3251；5500；预期性",
                 1, "table_row")
    cells = header_cells(header)
    (t,) = table_row_targets(row, region="某省", end_year=2025, ref_year=2021, header=cells)
    assert (t.metric, t.value, t.unit, t.year) == ("可再生能源发电装机", 5500.0, "万千瓦", 2025)
    assert header_cells(row) is None


def test_a_layout_table_row_sites_a_facility_and_sets_no_goal():
    from ingest.extract.indicators import table_row_targets
    from kg.types import Clause
    row = Clause("d#2.t1.r3", "d", "2.t1.r3", "", "",
                 "序号：3；名称：某某综合能源站；位置：某镇某路口；规划规模：加氢500千克/日；建设时序：2025年前",
                 2, "table_row")
    assert table_row_targets(row, region="某区", end_year=2030, ref_year=2022) == []
    indicator = Clause("d#2.t2.r1", "d", "2.t2.r1", "", "", "指标：综合能源站数量（座）；2025年目标：12",
                       3, "table_row")
    (t,) = table_row_targets(indicator, region="某区", end_year=2030, ref_year=2022)
    assert (t.metric, t.value, t.year) == ("综合能源站数量", 12.0, 2025)
