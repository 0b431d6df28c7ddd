"""Target extraction: number patterns on small plan fragments, then the five seed plans.

The gold comparison mirrors ``policykg eval extraction`` (same matching rules) without a
graph, so a regression shows up here before anyone re-ingests.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from tests.ingest_fixtures import parse_fragment, parsed_seed
from ingest.evaluate import _match, _metric_like, _same, load_gold, norm
from ingest.extract.numbers import find_quantities, normalize, period_end, to_wan
from ingest.extract.targets import extract_targets
from kg.types import Target

GOLD = Path(__file__).resolve().parent / "data" / "gold_extraction" / "targets_incentives.json"
PLAN = {"period": "2021—2025", "region": "某市", "title": "某市数字经济发展规划"}


def targets_of(text: str, **entry: str) -> list[Target]:
    return extract_targets(parse_fragment(text, **{**PLAN, **entry}))


def brief(targets: list[Target]) -> list[tuple]:
    return [(t.value, t.value_max, t.unit, t.comparator, t.year) for t in targets]


# --- numbers ---------------------------------------------------------------------------

def test_damaged_scientific_number_prefers_the_bracketed_unit():
    text = normalize("高性能算力规模达每秒7. 2×1018 浮点运算次数(7. 2EFLOPS)。")
    (q,) = find_quantities(text)
    assert (q.value, q.unit, q.text) == (7.2, "EFLOPS", "7.2EFLOPS")


def test_superscript_lost_without_a_restatement_is_still_read():
    (q,) = find_quantities(normalize("每秒 3×1015 次"))
    assert (q.value, q.unit) == (3e15, "次")


def test_split_decimal_is_joined_but_list_markers_are_not():
    assert normalize("达到 1. 3万亿元") == "达到 1.3万亿元"
    assert normalize("1. 构建数据基础制度体系") == "1. 构建数据基础制度体系"


@pytest.mark.parametrize("printed, value, value_max", [
    ("培育3至5家企业", 3, 5), ("目标 3—5 家", 3, 5), ("遴选 5 至 8 个市", 5, 8)])
def test_ranges_keep_both_bounds(printed, value, value_max):
    (q,) = find_quantities(normalize(printed))
    assert (q.value, q.value_max, q.comparator) == (value, value_max, "=")


@pytest.mark.parametrize("printed, comparator", [
    ("10 万机架以上", ">="), ("不少于 3 万个", ">="), ("突破 5000 亿元", ">="), ("超 15%", ">="),
    ("1.4 以下", "<="), ("降至 2 毫秒", "<="), ("不超过300万元", "<="), ("129亿美元左右", "="),
    ("≥6000亿元", ">=")])
def test_comparators(printed, comparator):
    quantities = find_quantities(normalize(printed)) or find_quantities(normalize("达到" + printed))
    assert quantities[0].comparator == comparator


def test_money_in_wan_and_period_end():
    assert (to_wan(8, "亿元"), to_wan(1000, "亿元"), to_wan(100, "万"), to_wan(3, "个")) == \
        (80000, 10_000_000, 100, None)
    assert (period_end("2021—2025"), period_end("2024"), period_end(None)) == (2025, 2024, None)


def test_names_years_dates_and_phones_are_not_amounts():
    text = normalize("“15 分钟便民服务圈”，《纲要（2019-2022年）》，2025年3月28日，电话027-85551234，第6版")
    assert [q for q in find_quantities(text) if not q.quoted] == []


# --- targets on fragments --------------------------------------------------------------

def test_paired_metrics_with_fenbie():
    targets = targets_of("一、总体要求\n到 2027 年，规上工业企业关键工序数控化率、数字化研发设计工具"
                         "普及率分别达 80%、95%，网络零售额突破 5000 亿元。")
    assert [(t.metric, t.value) for t in targets[:2]] == [
        ("规上工业企业关键工序数控化率", 80), ("数字化研发设计工具普及率", 95)]
    assert brief(targets[2:]) == [(5000, None, "亿元", ">=", 2027)]


def test_each_target_takes_the_nearest_year_before_it():
    targets = targets_of("二、发展目标\n到 2023 年，建成5G基站2万个。到 2025 年，建成5G基站5万个，"
                         "数据中心达到 10 万机架以上。")
    assert [(t.value, t.year) for t in targets] == [(2, 2023), (5, 2025), (10, 2025)]


def test_implicit_year_is_the_period_end_and_every_year_goals_say_so():
    (t,) = targets_of("（一）物联感知\n每年新增5万个新能源汽车充电桩。", period="2020—2022")
    assert (t.metric, t.value, t.unit, t.year) == ("每年新增新能源汽车充电桩", 5, "万个", 2022)


def test_metric_after_the_number_when_only_verbs_precede_it():
    targets = targets_of("二、发展目标\n重点培育成长5家以上独角兽企业，新增1万家企业上云，"
                         "建设 10 个数字经济领域产业创新联合实验室。")
    assert [(t.metric, t.comparator) for t in targets] == [
        ("独角兽企业", ">="), ("新增企业上云", "="), ("数字经济领域产业创新联合实验室", "=")]


def test_a_gloss_in_brackets_does_not_cut_the_metric():
    """「（即…，以下简称OPC）」 defines a word inside the phrase; its comma ends nothing."""
    targets = targets_of("一、发展目标\n到2028年年底，全市人工智能OPC（即依托个人或微型团队，独立完成研发、"
                         "运营全流程的新型创业组织，以下简称OPC）数量突破100家；建成OPC社区不少于5个。")
    assert [(t.metric, t.value, t.year) for t in targets] == [("人工智能OPC数量", 100, 2028), ("OPC社区", 5, 2028)]


def test_share_of_the_previous_metric_and_chinese_numerals():
    targets = targets_of("二、主要目标\n到2025年，数字经济核心产业增加值超过6000亿元，占全省GDP的比重"
                         "超过10%。未来产业营业收入规模突破千亿元。", region="某省")
    assert [(t.metric, t.value, t.unit) for t in targets] == [
        ("数字经济核心产业增加值", 6000, "亿元"), ("数字经济核心产业增加值占全省GDP的比重", 10, "%"),
        ("未来产业营业收入规模", 1000, "亿元")]
    assert {t.scope for t in targets} == {"某省"}


def test_scope_is_another_region_only_when_named():
    targets = targets_of("二、发展目标\n到2023年，全市新建5G基站1万个，襄阳市建成5G基站5000个。")
    assert [t.scope for t in targets] == ["某市", "襄阳市"]


def test_past_statistics_background_and_incentive_amounts_are_not_targets():
    targets = targets_of(
        "一、发展现状\n2020年全市数字经济增加值达到3000亿元。\n二、发展目标\n"
        "2019年全市数字经济增加值占GDP比重达到40%左右。截至2020年底共有企业184家。"
        "到2025年，软件业务收入较2020年增长50%。在4个领域，每年发布10个重点任务，对揭榜成功的，"
        "每家奖励 200 万元，由市区两级各承担 50%。3 年统筹安排 8 亿元。")
    assert [(t.metric, t.value) for t in targets] == [
        ("软件业务收入较2020年增长", 50), ("每年发布重点任务", 10)]


def test_counts_of_what_a_plan_leans_on_or_qualifies_are_not_targets():
    targets = targets_of("二、主要任务\n依托全市12个国家级开发区，建设30个数字经济园区。"
                         "力争到2025年，培育10家以上营收超百亿元的龙头企业，推进 8 个行业 1000 家中小企业数字化转型。")
    assert [(t.metric, t.value) for t in targets] == [
        ("数字经济园区", 30), ("营收超百亿元的龙头企业", 10), ("中小企业数字化转型", 1000)]


def test_quoted_goal_counts_but_quoted_names_do_not():
    targets = targets_of("二、发展目标\n——引培“1000+”数字经济标杆企业。形成“1000+”数字经济标杆企业，"
                         "建成社保卡业务“15 分钟便民服务圈”。")
    assert [(t.metric, t.value, t.unit, t.comparator) for t in targets] == [
        ("数字经济标杆企业", 1000, "", ">=")]


def test_indicator_table_rows_are_read_cell_by_cell():
    targets = targets_of("| | 指 标 | 单 位 | 2020年 | 2025年 | 属 性 |\n|---|---|---|---|---|---|\n"
                         "| 总体 | 数字经济核心产业增加值 | 亿元 | 1500 | 3000 | 预期性 |\n"
                         "| | 5G基站 | 万个 | 1.2 | ≥5 | 预期性 |\n"
                         "| | 头部企业 | 家 | 1 | 3—5 | 预期性 |")
    assert [(t.metric,) + brief([t])[0] for t in targets] == [
        ("数字经济核心产业增加值", 3000, None, "亿元", "=", 2025),
        ("5G基站", 5, None, "万个", ">=", 2025), ("头部企业", 3, 5, "家", "=", 2025)]


def test_press_reports_give_no_targets_unless_a_future_year_is_named():
    report = ("武汉打造数字经济发展新高地\n今年新建数字经济产业园区10个，授信融资额1.26亿元。"
              "打造智能体应用60个。到2027年，打造高质量数据集200个。")
    doc = parse_fragment(report, level="press", period="2024", issued="2024-12", region="武汉市")
    assert doc.meta.level == "press"
    assert brief(extract_targets(doc)) == [(200, None, "个", "=", 2027)]


def test_a_metric_that_is_only_a_verb_takes_the_thing_after_the_number():
    # 「完善」 names nothing measured; the 16 count 州、市专区功能.
    (t,) = targets_of("到2025年，迭代完善融信服平台，完善16个州、市专区功能。")
    assert t.metric.endswith("专区功能") and t.value == 16
    # Nothing after the number names a thing either: no target at all.
    assert targets_of("到2025年，全长5千米。") == []


# --- the five seed plans ---------------------------------------------------------------

SEEDS = ("000", "001", "002", "003", "004")


@pytest.fixture(scope="module")
def seed_targets() -> dict[str, list[Target]]:
    return {prefix: extract_targets(parsed_seed(prefix)) for prefix in SEEDS}


def test_003_indicator_table_is_exact(seed_targets):
    gold = [g for g in json.loads(GOLD.read_text(encoding="utf-8"))["Target"] if g.get("strict")]
    rows = [t for t in seed_targets["003"] if ".t1.r" in t.clause_id and "#2.3." in t.clause_id]
    assert len(gold) == len(rows) == 13
    fields = ("metric", "value", "value_max", "unit", "comparator", "year")
    for g in gold:
        assert any(all(_same(g[f], getattr(t, f)) for f in fields) for t in rows), g["metric"]


def test_002_headline_targets(seed_targets):
    got = {(t.value, t.unit, t.comparator) for t in seed_targets["002"] if t.year == 2027}
    assert {(80, "%", "="), (95, "%", "="), (5000, "亿元", ">="), (50, "亿元", "="),
            (7.2, "EFLOPS", "="), (42, "个", "="), (2, "毫秒", "<="), (100, "家", ">=")} <= got
    (base_stations,) = [t for t in seed_targets["002"] if t.value == 42]
    assert "5G基站" in base_stations.metric and base_stations.scope == "武汉市"


def test_no_targets_from_the_press_report(seed_targets):
    assert seed_targets["004"] == []


def test_every_target_number_is_printed_in_its_clause(seed_targets):
    for prefix, targets in seed_targets.items():
        doc = parsed_seed(prefix)
        for t in targets:
            assert norm(t.value_text) in norm(doc.clause(t.clause_id).text), t
            printed = normalize(unicodedata.normalize("NFKC", t.value_text))
            assert any(abs(q.value - t.value) < 1e-9 for q in find_quantities(printed)) or \
                str(t.value).rstrip("0").rstrip(".") in printed, t


def test_ids_are_unique_and_stable(seed_targets):
    again = {prefix: extract_targets(parsed_seed(prefix)) for prefix in SEEDS}
    assert again == seed_targets
    ids = [t.target_id for targets in seed_targets.values() for t in targets]
    assert len(ids) == len(set(ids))


def test_agrees_with_the_gold_set(seed_targets):
    gold = load_gold(GOLD)
    predicted = [t.props() | {"doc_id": parsed_seed(p).meta.doc_id}
                 for p, targets in seed_targets.items() for t in targets]

    def same(g, p):
        return (g["doc_id"] == p["doc_id"] and _same(g.get("value"), p.get("value"))
                and norm(g.get("unit")) == norm(p.get("unit")) and g.get("year") == p.get("year")
                and _metric_like(g["metric"], p["metric"]))

    score = _match("Target", gold["Target"], predicted, same, str)
    assert score.precision >= 0.9 and score.recall >= 0.9, (score.missed, score.spurious)
