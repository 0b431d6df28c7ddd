"""The five seed plans, parsed end to end: what every answer will cite."""

from __future__ import annotations

import re

import pytest
from tests.ingest_fixtures import SEED_FILES, SEEDS, by_path, children, containing, of_kind, parsed_seed

from ingest.metadata import load_manifest
from ingest.parse import parse_file
from kg.types import CLAUSE_KINDS


@pytest.mark.parametrize("prefix", sorted(SEED_FILES))
def test_every_seed_parses_into_a_well_formed_tree(prefix):
    doc = parsed_seed(prefix)
    ids = {c.clause_id for c in doc.clauses}
    assert len(ids) == len(doc.clauses) > 20
    assert [c.ordinal for c in doc.clauses] == list(range(len(doc.clauses)))
    by_id = {c.clause_id: c for c in doc.clauses}
    for clause in doc.clauses:
        assert clause.kind in CLAUSE_KINDS
        assert clause.text.strip(), clause
        assert re.fullmatch(r"[A-Za-z0-9.\-]+", clause.path)
        assert clause.parent_id is None or clause.parent_id in by_id
        assert "**" not in clause.text and "](#)" not in clause.text
        assert len(clause.heading) <= 60
    assert doc.warnings == ()


@pytest.mark.parametrize("prefix", sorted(SEED_FILES))
def test_parsing_twice_gives_the_same_ids_and_text(prefix):
    manifest = load_manifest(SEEDS)
    first = parse_file(SEEDS / SEED_FILES[prefix], manifest)
    second = parse_file(SEEDS / SEED_FILES[prefix], manifest)
    assert first == second


def test_002_has_25_numbered_tasks():
    doc = parsed_seed("002")
    tasks = [c for c in doc.clauses if c.kind == "section" and c.depth == 2]
    assert [c.label.rsplit("）", 1)[-1] for c in tasks] == [f"{n}." for n in range(1, 26)]
    assert all(len(task.text) <= 400 for task in tasks)
    assert tasks[0].heading == "构建数据基础制度体系"
    assert tasks[4].path == "2.2.5"  # numbering runs on into （二）
    assert "7.2×1018 浮点运算次数(7.2EFLOPS)" in tasks[5].text
    assert "推动“东数西算中用”" in tasks[5].text
    assert tasks[6].heading == "打造可信流通的数据基础设施"
    assert "到 2027 年,全市数字经济核心产业增加值年均增长 10%" in by_path(doc, "1").text
    assert not containing(doc, "抄送") and not containing(doc, "武政办")


def test_001_dash_items_and_main_paths_are_clauses_with_their_units_and_amounts():
    doc = parsed_seed("001")
    items = of_kind(doc, "item")
    assert len(items) == 18
    headings = [c.heading for c in items]
    assert {"连接网络高速智能", "工业互联节点成网", "光", "智", "农业数字化转型"} <= set(headings)
    assert all("责任单位" in c.text for c in items if c.path.startswith("3."))
    paths = [by_path(doc, f"4.{n}") for n in range(1, 9)]
    assert [c.heading for c in paths] == ["推行揭榜挂帅", "开放应用场景", "推广数字化改造", "鼓励企业“拔尖”",
                                          "分步开放数据", "提升政产学研成效", "推进全域协同发展", "强化金融支撑"]
    assert all("责任单位" in c.text for c in paths)
    assert "对揭榜后经考核认定实施成功的，每家奖励 200 万元" in paths[0].text
    for amount in ("200 万元", "100 万", "500 万元", "1000 万元"):
        assert amount in paths[3].text
    assert paths[2].text.endswith("（责任单位：市发改委、市经信局、市城乡建设局、市农业农村局、市商务局、市财政局、各区）")
    assert "超过50%" in by_path(doc, "2.2").text


def test_003_indicator_table_boxes_and_no_page_chrome():
    doc = parsed_seed("003")
    table = [c for c in of_kind(doc, "box") if c.heading == "湖北省数字经济发展“十四五”主要目标"]
    rows = children(doc, table[0])
    assert len(rows) == 13 and all(r.kind == "table_row" for r in rows)
    assert rows[0].text == "总体｜指标：数字经济核心产业增加值；单位：亿元；目标：≥6000"
    assert rows[-1].text.startswith("产业数字化｜指标：电子商务网上零售额和实物商品网上零售额年均增速")
    boxes = [c for c in of_kind(doc, "box") if c.label.startswith("专栏")]
    assert [c.label for c in boxes] == [f"专栏{n}" for n in range(1, 7)]
    assert [c.heading for c in children(doc, boxes[0])] == ["重点建设项目", "重大创新平台"]
    for chrome in ("首页", "字体大小", "网站标识码", "扫一扫", "ICP", "索引号", "相关解读", "微信公众号"):
        assert not containing(doc, chrome), chrome
    assert not [c for c in doc.clauses if c.text.startswith(("目录", "- ("))]  # the contents list
    assert by_path(doc, "3.1.p1").heading == "加快推动5G网络建设应用"
    principles = children(doc, by_path(doc, "2.2"))
    assert [c.heading for c in principles] == ["数据赋能、创新发展", "突出优势、协同发展",
                                               "市场主导、开放发展", "包容审慎、安全发展"]
    optics = children(doc, by_path(doc, "4.1.t1"))
    assert optics[0].text.startswith("光电子信息产业：巩固武汉国家光电子信息产业基地") and "<p>" not in optics[0].text


def test_000_page_numbers_footnotes_and_boxes():
    doc = parsed_seed("000")
    assert containing(doc, "引入中国电子·清华大学数据创新实验室")
    assert not [c for c in doc.clauses if re.search(r"(^|\n)\s*\d{1,3}\s*(\n|$)", c.text)]
    assert containing(doc, "将数字经济领域人才纳入“车谷人才计划”，鼓励人才立足本地产业开展融合创新")
    notes = of_kind(doc, "footnote")
    assert [c.label for c in notes] == [f"注{n}" for n in range(1, 7)]
    by_id = {c.clause_id: c for c in doc.clauses}
    for note in notes:
        assert f"[{note.label}]" in by_id[note.parent_id].text
    assert notes[1].heading == "未来智慧工厂" and notes[1].text.endswith("引领新智造发展的现代化工厂。")
    talent = by_path(doc, "5.4.box1")
    assert talent.heading == "数字经济人才分类界定" and len(children(doc, talent)) == 4
    assert by_path(doc, "5.4.1").heading == "打造数字经济产教融合平台"
    assert [c.heading for c in of_kind(doc, "preamble")] == ["前言"] * 3
    captions = containing(doc, "图 4.1 5G+工业互联网产业全景")
    assert captions and "图 4.1" in captions[0].text.splitlines()[-2]


def test_004_bullets_and_sections():
    doc = parsed_seed("004")
    printed = (SEEDS / SEED_FILES["004"]).read_text(encoding="utf-8").count("◆")
    bullets = of_kind(doc, "bullet")
    assert len(bullets) == printed == 12
    assert bullets[0].text == "◆ 武汉入选国家数据局发布的第1批“数据流通利用建设试点示范城市”。"
    sections = [c.heading for c in of_kind(doc, "section")]
    assert sections == ["抢先布局 武汉数字产业竞相涌现", "乘势而上 产业数字化赋能高质量发展",
                        "探索创新 全域数字化转型助力超大城市治理", "奋楫破浪 数据要素配置改革激发新质生产力"]
    assert containing(doc, "汉江湾人工智能产业园")
