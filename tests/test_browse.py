"""qa.browse, the logic behind the app's tabs, against the seeded graph; and the pure
helpers (labels, metric names, citations, CSV, the console's graph view)."""

from __future__ import annotations

import csv
import io

import pytest

from ingest.build import IngestReport
from kg.errors import NotFound
from kg.store import GraphStore
from qa.browse import (DocumentBrowser, IncentiveFinder, SchemaInfo, TargetExplorer,
                       cited_passages, condition_label, highlight_spans, incentives_csv,
                       normalise_metric, suggest_followups, targets_csv)
from qa.types import Answer, Citation, Fact
from ui.views.graph import collect, graph_svg, layout

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
     "承担国家制造业与互联网融合等国家级…"),
    ("国家高质量发展重大招投标项目", "国家高质量发展重大招投标项目"),
    ("揭榜后经考核认定实施成功的", "揭榜后经考核认定实施成功"),
    ("对于入库企业，给予优先支持", "入库企业"),
])
def test_condition_labels_are_short_and_keep_the_key_phrase(condition: str, label: str) -> None:
    assert condition_label(condition) == label
    assert len(condition_label(condition)) <= 18


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


def test_follow_ups_swap_the_region_and_ask_the_next_question() -> None:
    fact = Fact("target", "湖北省到2025年…", "c1")
    cite = Citation(1, "d", "湖北省规划", "c1", "二、", "…")
    answer = Answer("湖北省数字经济核心产业增加值目标是多少", "≥6000亿元[1]", True, [cite], [fact])
    follow = suggest_followups(answer, ["湖北省", "武汉市", "武汉经济技术开发区"])
    assert follow == ["那武汉市呢？", "那武汉经济技术开发区呢？", "由哪些单位负责？"]
    assert suggest_followups(Answer("x", "未涉及", False, [], []), ["湖北省"]) == []
    zone = Answer("武汉经开区数字经济规模目标是多少", "超千亿[1]", True, [cite], [])
    assert suggest_followups(zone, ["湖北省", "武汉市", "武汉经济技术开发区"]) == [
        "那湖北省呢？", "那武汉市呢？"]  # 武汉经开区 names the zone, not the city


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
    pos = layout(list(drawing.nodes), [("a", "b"), ("a", "z")])
    assert pos == layout(list(drawing.nodes), [("a", "b"), ("a", "z")])  # same input, same drawing
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
    assert all(max(r.amount_wan or 0, r.cap_wan or 0) >= 150 for r in finder.find(min_amount=150))
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
    assert claims[0].benefit == "奖励 200 万元，市区各承担50%"
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
