"""The app's views without a browser: the graph layout, citation marks, error handling,
upload messages, chart labels. What only a browser can tell (rendered sizes, clicks) is
in tests/test_browser.py."""

from __future__ import annotations

import itertools
import math
import random
import re
from pathlib import Path

import gradio as gr
import pytest

from ingest.build import DocReport
from kg.errors import InputError
from kg.store import GraphStore
from qa.browse import TargetExplorer
from qa.types import Answer, Citation
from ui.api import upload_message, uploaded
from ui.settings import Settings
from ui.views.charts import bar_chart
from ui.views.chat import _cited, resolve
from ui.views.common import fit, guarded, number, text_width
from ui.views.graph import caption, graph_svg
from ui.views.layout import Box, Placement, layout
from ui.wiring import build_console

CAPTION = "数字经济核心产业增…"  # ten characters, as wide as a caption gets
BOX = Box(text_width(CAPTION, 11) / 2, 14, 31)


def _overlaps(pos: Placement, boxes: dict[str, Box]) -> list[tuple[str, str]]:
    def rect(n: str) -> tuple[float, float, float, float]:
        (x, y), b = pos.points[n], boxes[n]
        return x - b.half_width, y - b.up, x + b.half_width, y + b.down
    return [(a, b) for a, b in itertools.combinations(pos.points, 2)
            if (ra := rect(a))[0] < (rb := rect(b))[2] and rb[0] < ra[2]
            and ra[1] < rb[3] and rb[1] < ra[3]]


def _edges_through_nodes(pos: Placement, edges: list[tuple[str, str]], radius: float) -> list[str]:
    hits = []
    for a, b in edges:
        (x1, y1), (x2, y2) = pos.points[a], pos.points[b]
        length2 = (x2 - x1) ** 2 + (y2 - y1) ** 2
        for n, (x, y) in pos.points.items():
            if n in (a, b) or length2 == 0:
                continue
            t = ((x - x1) * (x2 - x1) + (y - y1) * (y2 - y1)) / length2
            if 0 < t < 1 and math.hypot(x - x1 - t * (x2 - x1), y - y1 - t * (y2 - y1)) < radius:
                hits.append(f"{a}->{b} through {n}")
    return hits


def _shapes(n: int = 20) -> dict[str, list[tuple[str, str]]]:
    ids = [str(i) for i in range(n)]
    rng = random.Random(3)
    return {
        "star": [("0", i) for i in ids[1:]],
        "pairs": [(ids[i], ids[i + 1]) for i in range(0, n, 2)],  # clause → incentive, ×10
        "chain": list(zip(ids, ids[1:])),
        "two hubs": [("0", i) for i in ids[2:11]] + [("1", i) for i in ids[11:]] + [("0", "1")],
        "random": [(a, b) for a, b in itertools.combinations(ids, 2) if rng.random() < 0.12],
        "no edges": [],
    }


@pytest.mark.parametrize("shape", list(_shapes()))
def test_a_20_node_result_lays_out_without_overlaps(shape: str) -> None:
    edges = _shapes()[shape]
    nodes = [str(i) for i in range(20)]
    boxes = {n: BOX for n in nodes}
    pos = layout(nodes, edges, boxes)
    assert _overlaps(pos, boxes) == []  # no stacked nodes, no caption over another
    assert _edges_through_nodes(pos, edges, 14) == []
    assert pos == layout(nodes, edges, boxes)  # the same result draws the same way
    assert all(0 <= x <= pos.width and 0 <= y <= pos.height for x, y in pos.points.values())
    assert pos.width <= 1100  # pieces wrap into rows rather than run off the page


def test_the_graph_view_of_real_results_has_no_overlaps(seeded, store: GraphStore,  # type: ignore[no-untyped-def]
                                                       settings: Settings) -> None:
    console = build_console(settings, store)
    for query in ("MATCH (c:Clause)-[r:OFFERS]->(i:Incentive) RETURN c, r, i LIMIT 10",
                  "MATCH (a:Agency)-[r:RESPONSIBLE_FOR]->(c:Clause) RETURN a, r, c LIMIT 19",
                  "MATCH p = (:Document)-[:CITES]->() RETURN p LIMIT 20"):
        rows = console.run(query, limit=100, with_ids=True, user="test").rows
        svg = graph_svg(rows)
        circles = svg.count("<circle")
        assert 10 <= circles <= 30, query
        centres = [tuple(map(float, pair)) for pair in
                   re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)"', svg)]
        closest = min(math.dist(a, b) for a, b in itertools.combinations(centres, 2))
        assert closest > 2 * 14, query  # no node drawn on another


def test_captions_are_cut_with_an_ellipsis() -> None:
    assert caption({"labels": ["Target"], "properties": {"metric": "数字经济核心产业增加值占GDP比重"}}) == CAPTION
    assert caption({"labels": ["Agency"], "properties": {"name": "市经信局"}}) == "市经信局"
    assert caption({"labels": ["Clause"], "properties": {}}) == "Clause"
    assert fit("武汉经济技术开发区数字经济产业发展规划", 100, 10) == "武汉经济技术开发区…"
    assert number(10000000.0) == "10000000" and number(1.4) == "1.4" and number(None) == ""


def test_a_citation_mark_finds_its_answer_and_clause() -> None:
    first = Answer("q1", "奖励 200 万元。[1]", True, [Citation(1, "d", "甲", "d#4.4", "四、", "…")], [])
    second = Answer("q2", "目标 10%[1][2]", True, [Citation(1, "d", "甲", "d#2", "二、", "…"),
                                                  Citation(2, "e", "乙", "e#3", "三、", "…")], [])
    cited = [_cited(first), _cited(second)]
    assert resolve(cited, "", "0", "1") == ("d#4.4", "奖励 200 万元。[1]")  # an earlier answer's [1]
    assert resolve(cited, "", "1", "2") == ("e#3", "目标 10%[1][2]")
    assert resolve(cited, "", "1", "7") == ("", "目标 10%[1][2]")  # no citation 7: nothing opens
    assert resolve(cited, "", "5", "1") == ("", "")  # an answer still being written
    assert resolve(cited, "d#2", "", "1") == ("d#2", "目标 10%[1][2]")  # a chip: the last answer


def test_a_handler_error_is_a_message_and_leaves_outputs_alone() -> None:
    @guarded(3)
    def handler(evt: gr.EventData) -> tuple[str, str, str]:
        raise InputError("plan.txt: no sentences found")

    with pytest.warns(UserWarning, match="plan.txt: no sentences found"):
        result = handler(None)
    assert isinstance(result, tuple) and len(result) == 3
    assert all(isinstance(r, type(gr.skip())) for r in result)

    @guarded(1)
    def single() -> str:
        raise RuntimeError("bug")

    with pytest.warns(UserWarning, match="Internal error"):
        assert isinstance(single(), type(gr.skip()))


def test_upload_messages_never_show_the_server_path(tmp_path: Path) -> None:
    folder = tmp_path / "data" / "uploads"
    stored = folder / "规划_v2.txt"
    for shown in (str(stored), str(stored.resolve())):
        message = upload_message(f"{shown}: no sentences found", folder, "规划 v2.txt")
        assert message == "规划 v2.txt: no sentences found"
        assert "uploads" not in message
    report = DocReport(str(stored), "added", "doc_1", "abc", 12, 3, 1, 40)
    body = uploaded(report, "规划 v2.txt", {"title": "示例市数字经济发展实施方案"})
    assert body["title"] == "示例市数字经济发展实施方案" and body["doc_id"] == "doc_1"
    assert "path" not in body and str(folder) not in str(body)


def test_chart_bars_carry_their_place_level_and_printed_unit(seeded, store: GraphStore) -> None:  # type: ignore[no-untyped-def]
    groups = {g.key: g for g in TargetExplorer(store).comparable()}
    svg = bar_chart(groups["企业级工业互联网平台"])
    assert "≥100个" in svg and ("50家" in svg)  # 家 stays 家
    assert 'data-level="province" data-place="湖北省"' in svg
    assert 'data-level="city" data-place="武汉市"' in svg
