"""qa.browse, the logic behind the app's tabs, against the seeded graph; and the pure
helpers (labels, metric names, citations, CSV, the console's graph view)."""

from __future__ import annotations

import csv
import io

import pytest

from ingest.build import IngestReport
from kg.errors import NotFound
from kg.store import GraphStore
from qa.browse import (CLAIMABLE_KINDS, Coverage, DocumentBrowser, FollowUps, IncentiveFinder,
                       SchemaInfo, TargetExplorer, cited_passages, condition_label, format_ratio,
                       format_wan, highlight_spans, incentives_csv, normalise_metric,
                       region_level, suggest_followups, targets_csv)
from qa.types import Answer, Citation, Fact
from ui.views.graph import collect, graph_svg
from ui.views.layout import Box, layout

REWARDS_CLAUSE = "001_c0775bc4c1ef2dcb#4.4"


@pytest.fixture(scope="module")
def finder(seeded: IngestReport, store: GraphStore) -> IncentiveFinder:
    return IncentiveFinder(store)


@pytest.fixture(scope="module")
def explorer(seeded: IngestReport, store: GraphStore) -> TargetExplorer:
    return TargetExplorer(store)


@pytest.fixture(scope="module")
def browser(seeded: IngestReport, store: GraphStore) -> DocumentBrowser:
    return DocumentBrowser(store)


# --- pure helpers --------------------------------------------------------------------

@pytest.mark.parametrize("condition, label", [
    ("首次进入权威机构发布的国内外数字经济百强、全国软件百强、全国互联网百强的企业", "首次进入国内外数字经济百强等"),
    ("获得国家“双跨”工业互联网平台的企业", "获得国家“双跨”工业互联网平台"),
    ("承担国家制造业与互联网融合、工业互联网、大数据等国家级数字经济试点示范的企业或项目",
     "承担国家制造业与互联网融合等国家级数字经济试点示范"),
    ("优先遴选一批更具示范带动效应且由本地企业承接的项目给予政策支持", "优先遴选一批更具示范带动效应且由本地企业承接"),
    # too long even so: cut where a word ends, never inside one
    ("联合知名创投机构或由经济技术开发区联合本地金融机构发起设立智能终端创投基金",
     "联合知名创投机构…"),
    ("国家高质量发展重大招投标项目", "国家高质量发展重大招投标项目"),
    ("揭榜后经考核认定实施成功的", "揭榜后经考核认定实施成功"),
    ("对于入库企业，给予优先支持", "入库企业"),
])
def test_condition_labels_are_short_and_keep_the_key_phrase(condition: str, label: str) -> None:
    assert condition_label(condition) == label
    assert len(condition_label(condition)) <= 28


@pytest.mark.parametrize("a, b", [
    ("数字经济核心产业增加值占全省 GDP 比重", "数字经济核心产业增加值占全区GDP的比重"),
    ("电子商务交易额（按卖方口径）", "电子商务交易额按卖方口径"),
    ("行政村 5G 网络通达比例", "行政村5G网络通达比例"),
    ("数据中心pue值", "数据中心PUE值"),
])
def test_metric_spellings_normalise_to_one(a: str, b: str) -> None:
    assert normalise_metric(a) == normalise_metric(b)


def test_cited_passages_and_their_place_in_the_clause() -> None:
    answer = "对于获得双跨平台的企业，一次性奖励 500 万元。[1]\n数字经济：≥10%[2]\n\n来源：\n[1] 《甲》 四、"
    assert cited_passages(answer, 1) == ["对于获得双跨平台的企业，一次性奖励 500 万元。"]
    assert cited_passages(answer, 2) == ["数字经济：≥10%"]
    assert cited_passages(answer, 3) == []
    clause = "（四）鼓励。对于获得双跨平台的企业，一次性奖励 500 万元。其余。"
    start = clause.index("对于")
    assert highlight_spans(clause, cited_passages(answer, 1)) == [(start, clause.index("其余"))]
    assert highlight_spans(clause, ["not in the clause"]) == [(0, len(clause))]


def test_follow_ups_offer_only_regions_whose_plans_set_the_cited_metric() -> None:
    fact = Fact("target", "湖北省到2025年…", "c1", {"metric": "数字经济核心产业增加值"})
    cite = Citation(1, "d", "湖北省规划", "c1", "二、", "…")
    answer = Answer("湖北省数字经济核心产业增加值目标是多少", "≥6000亿元[1]", True, [cite], [fact])
    regions = ["武汉经济技术开发区", "湖北省", "武汉市", "示例市"]
    coverage = Coverage({"湖北省": frozenset({"数字经济核心产业增加值"}),
                         "武汉市": frozenset({"数字经济核心产业增加值年均增长"}),
                         "武汉经济技术开发区": frozenset({"数字经济核心产业增加值占GDP比重"}),
                         "示例市": frozenset({"高性能算力规模"})}, frozenset({"c1"}),
                        {"c1": frozenset({"数字经济核心产业增加值"})})
    # provinces first, then cities, then zones; 示例市's plans say nothing of the metric
    assert suggest_followups(answer, regions, coverage) == [
        "那武汉市呢？", "那武汉经济技术开发区呢？", "由哪些单位负责？"]
    assert suggest_followups(answer, regions, Coverage({})) == []  # nothing to follow up
    assert suggest_followups(Answer("x", "未涉及", False, [], []), regions, coverage) == []
    zone = Answer("武汉经开区数字经济核心产业增加值目标是多少", "[1]", True, [cite], [fact])
    assert suggest_followups(zone, regions, coverage)[:2] == [
        "那湖北省呢？", "那武汉市呢？"]  # 武汉经开区 names the zone, not the city
    uncited = Answer(answer.question, "≥6000亿元", True, [], [fact])
    assert suggest_followups(uncited, regions, coverage) == []  # a fact no citation backs
    no_facts = Answer(answer.question, "≥6000亿元[1]", True, [cite], [])  # what c1 sets, then
    assert suggest_followups(no_facts, regions, coverage) == suggest_followups(answer, regions, coverage)


def test_amounts_read_as_the_plans_write_them() -> None:
    assert [format_wan(a) for a in (200, 1000.0, 80000, 10000000, 130000000, 0.5, None)] == [
        "200万元", "1000万元", "8亿元", "1000亿元", "1.3万亿元", "0.5万元", ""]
    assert (format_ratio(0.3), format_ratio(0.125), format_ratio(None)) == ("30%", "12.5%", "")


def test_region_levels_from_the_plans_or_the_name() -> None:
    assert region_level("武汉经济技术开发区") == "district"
    assert region_level("湖北省") == "province" and region_level("宁夏回族自治区") == "province"
    assert region_level("示例市") == "city" and region_level("某某县") == "district"
    assert region_level("全国") is None and region_level(None) is None
    assert region_level("雄安", {"雄安": "district"}) == "district"


def test_csv_has_a_bom_and_chinese_headers(finder: IncentiveFinder, explorer: TargetExplorer) -> None:
    text = incentives_csv(finder.find(keyword="双跨"))
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert rows[0][0] == "条件 condition" and len(rows) == 2 and rows[1][-1] == REWARDS_CLAUSE
    assert "500" in rows[1][2]
    targets = list(csv.reader(io.StringIO(targets_csv(explorer.find(metric="PUE"))[1:])))
    assert targets[0][0] == "指标 metric" and len(targets) >= 3


def test_graph_view_collects_nodes_edges_and_paths() -> None:
    a = {"id": "a", "labels": ["Clause"], "properties": {"label": "四、"}}
    b = {"id": "b", "labels": ["Incentive"], "properties": {"condition": "双跨"}}
    rel = {"id": "r", "type": "OFFERS", "properties": {}, "start": "a", "end": "b"}
    dangling = {"id": "r2", "type": "NEXT", "properties": {}, "start": "a", "end": "z"}
    drawing = collect([[{"nodes": [a, b], "relationships": [rel]}, [dangling], "text", 3]])
    assert set(drawing.nodes) == {"a", "b", "z"} and set(drawing.edges) == {"r", "r2"}
    boxes = {n: Box(40, 14, 30) for n in drawing.nodes}
    pos = layout(list(drawing.nodes), [("a", "b"), ("a", "z")], boxes)
    assert pos == layout(list(drawing.nodes), [("a", "b"), ("a", "z")], boxes)  # same drawing
    svg = graph_svg([[a, rel, b]])
    assert svg.count("<circle") == 2 and "OFFERS" in svg and "双跨" in svg
    assert "<svg" not in graph_svg([["just text", 1]])


# --- against the seeded graph ----------------------------------------------------------

def test_incentives_carry_their_clause_and_document(finder: IncentiveFinder) -> None:
    rows = finder.find()
    assert rows and all(r.clause_id.startswith(r.doc_id + "#") and r.doc_title for r in rows)
    shuangkua = finder.find(keyword="双跨")
    assert [(r.amount_wan, r.cost_sharing, r.clause_label) for r in shuangkua] == [
        (500.0, "市区各承担50%", "四、（四）")]


def test_incentive_filters_combine(finder: IncentiveFinder) -> None:
    assert {r.kind for r in finder.find(kind="reward")} == {"reward"}
    big = finder.find(min_amount=150)
    assert big and all(max(r.amount_wan or 0, r.cap_wan or 0) >= 150 for r in big)
    matching = finder.find(condition="招投标")
    assert [(r.kind, r.cap_wan, r.ratio) for r in matching] == [("matching", 1000.0, 0.3)]
    assert finder.find(keyword="双跨", kind="fund") == []


def test_eligibility_conditions_come_from_the_stored_incentives(finder: IncentiveFinder) -> None:
    conditions = finder.conditions()
    labels = [c.label for c in conditions]
    assert len(labels) == len(set(labels))
    assert any("百强" in label for label in labels) and any("双跨" in label for label in labels)
    assert not any(r.kind == "fund" for r in finder.eligible(labels))  # a fund is not claimed
    top100 = next(c for c in conditions if "百强" in c.label)
    claims = finder.eligible([top100.label])
    assert [(c.amount_wan, c.clause_id) for c in claims] == [(200.0, REWARDS_CLAUSE)]
    assert claims[0].benefit == "奖励200万元，市区各承担50%"
    assert finder.eligible([]) == []


def test_targets_filter_by_document_level_year_metric(explorer: TargetExplorer) -> None:
    assert {t.level for t in explorer.find(level="province")} == {"province"}
    assert {t.year for t in explorer.find(year=2027)} == {2027}
    assert {t.doc_id for t in explorer.find(doc_id="003_aeef80c6ae2ec51c")} == {"003_aeef80c6ae2ec51c"}
    share = explorer.find(metric="核心产业增加值占全省GDP比重")  # spelled as no plan spells it
    assert {t.level for t in share} >= {"province", "district"}
    assert 2025 in explorer.years()


def test_comparable_groups_share_a_metric_across_levels(explorer: TargetExplorer) -> None:
    groups = explorer.comparable()
    assert groups and all(len(g.levels) >= 2 for g in groups)
    for group in groups:
        assert len({t.key for t, _ in group.points}) == 1
        assert "press" not in group.levels
    keys = [g.key for g in groups]
    assert "数据中心PUE值" in keys and "数字经济核心产业增加值占GDP比重" in keys
    platforms = next(g for g in groups if g.key == "企业级工业互联网平台")
    assert sorted(v for _, v in platforms.points) == [50.0, 100.0]  # 家 and 个 are both counts
    assert {t.unit for t, _ in platforms.points} == {"家", "个"}  # each as its plan prints it


def test_min_amount_counts_only_what_a_firm_can_claim(finder: IncentiveFinder) -> None:
    funds = [r for r in finder.find(kind="fund") if (r.amount_wan or 0) >= 100]
    assert funds, "the seeds set up funds of 亿元 sizes"
    claimable = finder.find(min_amount=100)
    assert claimable and {r.kind for r in claimable} <= set(CLAIMABLE_KINDS)
    assert not {r.incentive_id for r in funds} & {r.incentive_id for r in claimable}
    assert any(r.kind == "matching" and r.cap_wan == 1000 for r in finder.find(min_amount=1000))
    assert not any(r.claimable for r in finder.all() if r.kind in ("fund", "programme"))


def test_incentives_without_an_amount_come_last(finder: IncentiveFinder) -> None:
    named = [r.amount is not None for r in finder.find()]
    assert named[0] and not named[-1]
    assert named == sorted(named, reverse=True)
    assert "1000亿元" in [format_wan(r.amount_wan) for r in finder.find(kind="fund")]


def test_targets_belong_to_the_place_they_are_set_for(explorer: TargetExplorer) -> None:
    zone_plan = explorer.find(doc_id="000_f35491fae98ad5ee")
    quoted = [t for t in zone_plan if t.scope == "武汉市"]
    assert quoted and {t.scope_level for t in quoted} == {"city"}  # the city's, in the zone's plan
    assert {t.level for t in quoted} == {"district"}  # the plan itself is the zone's
    for group in explorer.comparable():
        for target, _ in group.points:
            assert target.scope_level == region_level(target.place, {"武汉经济技术开发区": "district"})
        places = [(t.place, t.year, v) for t, v in group.points]
        assert len(places) == len(set(places))  # a target quoted twice is one bar


def test_a_target_printed_in_text_and_table_is_listed_once(explorer: TargetExplorer) -> None:
    rows = explorer.find(doc_id="003_aeef80c6ae2ec51c", metric="企业级工业互联网平台")
    assert len(rows) == 1 and rows[0].value == 50
    every = explorer.find()
    assert len(every) < len(explorer.all())
    keys = [(r.doc_id, r.place, r.key, r.year, r.value, r.unit) for r in every]
    assert len(keys) == len(set(keys))


def test_follow_ups_against_the_graph(explorer: TargetExplorer, browser: DocumentBrowser) -> None:
    compute = next(t for t in explorer.find(metric="高性能算力规模") if t.place == "武汉市")
    fact = Fact("target", "…", compute.clause_id, {"metric": compute.metric})
    cite = Citation(1, compute.doc_id, compute.doc_title, compute.clause_id, compute.clause_label, "…")
    follow = FollowUps(explorer, browser).suggest(
        Answer("武汉市2027年高性能算力规模目标是多少？", "[1]", True, [cite], [fact]))
    assert not any("湖北省" in f or "武汉经济技术开发区" in f for f in follow)  # their plans are silent
    share = next(t for t in explorer.find(metric="核心产业增加值占全省GDP") if t.place == "湖北省")
    fact = Fact("target", "…", share.clause_id, {"metric": share.metric})
    cite = Citation(1, share.doc_id, share.doc_title, share.clause_id, share.clause_label, "…")
    follow = FollowUps(explorer, browser).suggest(
        Answer("湖北省数字经济核心产业增加值占GDP比重目标是多少？", "[1]", True, [cite], [fact]))
    assert "那武汉经济技术开发区呢？" in follow


def test_documents_tree_and_clause_context(browser: DocumentBrowser) -> None:
    docs = browser.documents()
    assert {d["level_name"] for d in docs} >= {"省级", "市级", "区级"}
    tree = browser.tree("001_c0775bc4c1ef2dcb")
    ids = [n.clause_id for n in tree]
    assert REWARDS_CLAUSE in ids
    node = tree[ids.index(REWARDS_CLAUSE)]
    assert node.depth == 1 and node.parent_id == "001_c0775bc4c1ef2dcb#4"
    view = browser.clause(REWARDS_CLAUSE)
    assert view.doc["doc_id"] == "001_c0775bc4c1ef2dcb"
    assert [a["clause_id"] for a in view.ancestors] == ["001_c0775bc4c1ef2dcb#4"]
    assert view.prev["clause_id"] == "001_c0775bc4c1ef2dcb#4.3"
    assert view.next["clause_id"] == "001_c0775bc4c1ef2dcb#4.5"
    assert len(view.links["incentives"]) >= 4
    assert browser.regions()[:3] and "武汉市" in browser.regions()


def test_unknown_ids_raise_not_found(browser: DocumentBrowser) -> None:
    with pytest.raises(NotFound, match="no_such"):
        browser.tree("no_such")
    with pytest.raises(NotFound, match="no_such#1"):
        browser.clause("no_such#1")


def test_schema_lists_labels_types_keys_and_counts(seeded: IngestReport, store: GraphStore) -> None:
    schema = SchemaInfo(store).summary()
    assert schema.labels["Document"] == 5 and schema.labels["Clause"] > 100
    assert "PolicyKGMeta" not in schema.labels and "PolicyKGMeta" not in schema.node_keys
    assert {"HAS_CLAUSE", "HAS_CHILD", "NEXT", "OFFERS", "SETS_TARGET"} <= set(schema.relationships)
    assert "doc_id" in schema.node_keys["Document"]
    assert schema.relationship_keys.get("CITES") == ["title"]
