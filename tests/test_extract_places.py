"""Projects, parks, enterprises, regions and industries: gazetteer, patterns, links."""

from __future__ import annotations

import json
from collections import defaultdict

import pytest

from ingest.evaluate import Score, _match, norm
from ingest.extract.boxes import box_items
from ingest.extract.places import build_gazetteer, extract_places
from ingest.extract.textspan import compact
from kg.types import ParsedDocument
from tests.ingest_fixtures import ROOT, parse_fragment, parsed_seed

SEEDS = ("000", "001", "002", "003", "004")
GOLD = json.loads((ROOT / "tests/data/gold_extraction/entities.json").read_text(encoding="utf-8"))


def _mentions(doc: ParsedDocument) -> dict[str, dict[str, set[str]]]:
    """clause path -> label -> names."""
    out: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for m in extract_places(doc)[1]:
        out[m.clause_id.split("#")[1]][m.label].add(m.name)
    return out


def _names(text: str, label: str) -> list[str]:
    gaz = build_gazetteer([compact(text)])
    return [h.entry.name for h in gaz.scan(compact(text)) if h.entry.label == label]


# --- 专栏 catalogue lines ----------------------------------------------------------------------

def test_box_items_keep_brackets_whole_and_drop_scope() -> None:
    line = ("重点建设项目：千兆光网应用示范项目（武汉、襄阳、宜昌等市）、武汉航天产业基地“行云”工程、"
            "三大城市群“北斗+5G”协同应用示范项目（武汉城市圈、“襄十随神”城市群）。")
    assert [item for item, _ in box_items(line)] == [
        "千兆光网应用示范项目", "武汉航天产业基地“行云”工程", "三大城市群“北斗+5G”协同应用示范项目"]


def test_box_items_split_on_commas_first() -> None:
    line = "重点建设项目：省市两级人口、法人和空间地理基础库，交通、环保等重要领域主题库，省域时空平台、省级共享平台等。"
    assert [item for item, _ in box_items(line)] == [
        "省市两级人口、法人和空间地理基础库", "交通、环保等重要领域主题库", "省域时空平台", "省级共享平台"]


def test_box_kinds_and_juxtaposed_quotes() -> None:
    assert box_items("重大创新平台：湖北光谷实验室、国家智能网联汽车质量监督检验中心(湖北)等。") == [
        ("湖北光谷实验室", "platform"), ("国家智能网联汽车质量监督检验中心(湖北)", "platform")]
    assert [i for i, _ in box_items("重点建设项目：高端人才团队建设项目、“楚才引领计划”“联百校、转千果”科惠行动。")] \
        == ["高端人才团队建设项目", "楚才引领计划", "“联百校、转千果”科惠行动"]
    assert box_items("重点培育单位：武汉大学、华中科技大学等。") == []


def test_box_projects_and_the_places_in_their_scope() -> None:
    doc = parse_fragment("专栏 1 信息基础设施\n\n重点建设项目：千兆光网应用示范项目（武汉、襄阳、宜昌等市）、"
                         "国家卫星通信网组网工程。\n\n重大创新平台：湖北光谷实验室、国家信息光电子创新中心。\n\n"
                         "三、任务\n\n加快推进光谷实验室建设，提升信息光电子创新中心能力。",
                         region="湖北省", level="province")
    found = {(e.label, e.name, e.kind) for e in extract_places(doc)[0]}
    assert {("Project", "千兆光网应用示范项目", "project"), ("Project", "国家卫星通信网组网工程", "project"),
            ("Project", "湖北光谷实验室", "platform")} <= found
    assert {("Region", n, "city") for n in ("武汉市", "襄阳市", "宜昌市")} <= {
        (e.label, e.name, e.level) for e in extract_places(doc)[0]}
    later = [m.name for m in extract_places(doc)[1] if "加快推进" in doc.clause(m.clause_id).text]
    assert sorted(later) == ["国家信息光电子创新中心", "湖北光谷实验室"]  # short spellings


# --- firms ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, firms", [
    ("拥有了中国信科、华星光电、美的、九州通等为代表的一批数字经济龙头企业", ["中国信科", "华星光电", "美的", "九州通"]),
    ("涌现出烽火通信、长飞光纤、光迅科技、锐科等行业领军企业", ["烽火通信", "长飞光纤", "光迅科技", "锐科激光"]),
    ("联合东风领航、悦享、岚图等自动驾驶企业", ["东风领航", "悦享", "岚图汽车"]),
    ("大唐互联等 4家企业入选资源池", ["大唐互联"]),
    ("支持我市电子信息、汽车、装备、食品等行业龙头企业牵头", []),
    ("吸引工业机器人、服务机器人、VR/AR 设备等智能终端龙头和高成长企业落地", []),
    ("新引进20家以上数字经济百强、软件百强等企业", []),
    ("集聚了 T3 出行华中总部、东风出行总部等一批企业，小米武汉第二总部", ["T3出行", "东风出行", "小米"]),
    ("武汉云计算科技有限公司董事长介绍，葛洲坝供应链公司签约。", ["武汉云计算科技有限公司", "葛洲坝供应链公司"]),
    ("由市供电公司负责，探索建立国有数据资产专业运营公司", []),
    ("东风公司积极推动数字化，东风通信建设的二级节点投入使用", ["东风汽车", "东风通信"]),
])
def test_firms(text: str, firms: list[str]) -> None:
    assert _names(text, "Enterprise") == firms


# --- regions ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, regions", [
    ("武汉经济技术开发区是全市工业经济主战场", ["武汉经济技术开发区"]),  # not also 武汉市
    ("武汉东湖新技术产业开发区与东湖高新区、东湖新技术开发区", ["东湖新技术开发区"] * 3),
    ("辐射带动葛店经开区、孝感高新区等园区", ["葛店经开区", "孝感高新区"]),
    ("再造一个经开区，打造全国经开区序列一流开发区", []),
    ("打造东湖、黄鹤楼、江汉朝宗等智慧景区，支持湖北文理学院", []),
    ("建设武汉城市圈，含武汉、黄石等城市", ["武汉市", "黄石市"]),
    ("落实《湖北省数字经济发展“十四五”规划》", []),
    ("武昌做强软件服务，江汉重点布局", ["武昌区", "江汉区"]),
    # A function word before the 市 of the next noun is no city (「其中市三院」 is 其中 + 市三院).
    ("改造病房276间，其中市三院188间；宜都市、枝江市同步推进", ["宜都市", "枝江市"]),
    # A verb addressing 市县 names no place (「鼓励市州出台…」); an item number is no part of a name.
    ("，鼓励市州出台支持政策，组织市县开展评估；宜都市、枝江市同步推进", ["宜都市", "枝江市"]),
    ("2）云岭高新区", ["云岭高新区"]),
    # A common verb before 市 is the sentence going on (「、完成市下达的任务」); a place name jieba
    # happens to tag as a verb (保定) is rare, and stays a place.
    ("指标名称：单位生产总值能耗下降、完成市下达目标，保定市、辛集市同步推进", ["保定市", "辛集市"]),
])
def test_regions(text: str, regions: list[str]) -> None:
    assert _names(text, "Region") == regions


def test_an_agency_hides_the_place_in_its_name() -> None:
    doc = parse_fragment("一、任务\n\n建设新港。（责任单位：武汉新港委、新洲区）", region="武汉市", level="city")
    assert {m.name for m in extract_places(doc)[1] if m.label == "Region"} == {"新洲区"}


# --- projects ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text, projects", [
    ("推进京东方 10.5 代线顺利达产、华星光电 t4 项目满产、天马 G6 二期满产、康宁玻璃基板项目达产",
     ["京东方10.5代线", "华星光电t4项目", "天马G6二期", "康宁玻璃基板项目"]),
    ("完成城市大脑（一期）建设并运营。建成国家超算武汉中心，新布局一批 AI 算力中心。",
     ["城市大脑（一期）", "国家超算武汉中心"]),
    ("依托国家信息光电子创新中心、光电国家研究中心等国家级创新平台", ["国家信息光电子创新中心", "光电国家研究中心"]),
    ("推动国家存储器基地一期项目尽早达产", ["国家存储器基地"]),
    ("建成长江大数据中心、地铁数据平台、教育大数据中心等一批面向垂直应用领域的数据中心",
     ["长江大数据中心", "地铁数据平台", "教育大数据中心"]),
    ("与高校共建实训基地、产业学院、联合实验室等数字经济产教融合平台", []),
    ("美的获批国家智能制造试点示范项目，建成一批重点实验室、技术创新中心", []),
    ("推动“汉融通”平台建设，加快建设“车谷云”计算数据中心", ["汉融通", "“车谷云”计算数据中心"]),
    ("武汉被誉为“中国经济地理中心”", []),
])
def test_projects(text: str, projects: list[str]) -> None:
    assert _names(text, "Project") == projects


def test_a_firm_named_in_a_project_is_mentioned_too() -> None:
    doc = parse_fragment("——屏。推进京东方 10.5 代线顺利达产。", region="武汉市", level="city")
    mentioned = {(m.label, m.name) for m in extract_places(doc)[1]}
    assert {("Project", "京东方10.5代线"), ("Enterprise", "京东方")} <= mentioned


# --- parks and their links --------------------------------------------------------------------

PARKS = """六、产业承载体系

以智慧生态城为武汉经济技术开发区数字经济产业核心承载区，以先进制造产业园区、商务城为重要拓展区。

“七园”：在武汉经济技术开发区已开园和建设中的产业园基础上，其中：①云计算产业园，聚焦云计算核心产业环节；②智能终端产业园，重点布局智能网联汽车、VR/AR 设备等智能终端产业企业和嵌入式软件企业；③南太子湖创新谷，聚焦 5G+工业互联网、人工智能等数字经济核心产业。

今年以来，一批人工智能产业园、科创产业园、软件园陆续开园招商，新建数字经济产业园区 10 个。

江汉重点布局数字内容产业。圈外数字创意产业园以区块链、大数据计算两大产业为方向。推动襄阳软件园建设，重点发展新能源汽车。
"""


@pytest.fixture(scope="module")
def parks() -> tuple:
    return extract_places(parse_fragment(PARKS, region="武汉经济技术开发区", level="district"))


def test_parks_named_not_counted(parks: tuple) -> None:
    found = {e.name for e in parks[0] if e.label == "Park"}
    assert found == {"智慧生态城", "先进制造产业园区", "商务城", "云计算产业园", "智能终端产业园",
                     "南太子湖创新谷", "圈外数字创意产业园", "襄阳软件园"}


def test_located_in_where_the_text_says(parks: tuple) -> None:
    located = {(link.from_name, link.to_name) for link in parks[2] if link.rel == "LOCATED_IN"}
    zone = "武汉经济技术开发区"
    assert located == {("智慧生态城", zone), ("云计算产业园", zone), ("智能终端产业园", zone),
                       ("南太子湖创新谷", zone), ("圈外数字创意产业园", "江汉区"), ("襄阳软件园", "襄阳市")}


def test_focuses_on_what_follows_the_park(parks: tuple) -> None:
    focus = defaultdict(set)
    for link in parks[2]:
        if link.rel == "FOCUSES_ON":
            focus[link.from_name].add(link.to_name)
    assert focus == {"云计算产业园": {"云计算"},
                     "智能终端产业园": {"智能网联汽车", "VR/AR设备", "嵌入式软件"},
                     "南太子湖创新谷": {"5G+工业互联网", "人工智能"},
                     "圈外数字创意产业园": {"区块链", "大数据计算"}}


# --- the seed plans ---------------------------------------------------------------------------

def test_seed_parks_and_links() -> None:
    doc = parsed_seed("004")
    entities, _, links = extract_places(doc)
    assert {(link.from_name, link.to_name) for link in links} >= {
        ("汉江湾人工智能产业园", "武汉市"), ("圈外数字创意产业园", "江汉区")}
    assert {e.name for e in entities if e.label == "Park"} >= {"汉江湾人工智能产业园", "武汉滨江数创大走廊"}
    seven = {link.from_name for link in extract_places(parsed_seed("000"))[2]
             if link.rel == "LOCATED_IN" and link.to_name == "武汉经济技术开发区"}
    assert {"5G+工业互联网产业园", "中国电子数字经济产业园", "新能源与智能网联汽车创新产业园"} <= seven


def test_extraction_is_deterministic() -> None:
    doc = parsed_seed("003")
    assert extract_places(doc) == extract_places(doc)


def _scores() -> list[Score]:
    """The gold set scored against the extraction, without a graph: nodes merged by
    name over the five seeds, mentions in the gold clauses, links per fact."""
    places = {p: extract_places(parsed_seed(p)) for p in SEEDS}
    names = defaultdict(set)
    for entities, _, _ in places.values():
        for e in entities:
            names[e.label].add(e.name)
    same = lambda g, p: norm(g) == norm(p)  # noqa: E731
    scores = [_match(label, [g["name"] for g in GOLD[label]], sorted(names[label]), same, str)
              for label in ("Project", "Park", "Enterprise", "Region", "Industry")]
    wanted, found = [], []
    for g in GOLD["MENTIONS"]:
        if g["label"] == "Agency":
            continue
        doc = parsed_seed(g["doc_id"][:3])
        clauses = {c.clause_id for c in doc.clauses if norm(g["clause"]) in norm(c.text)}
        wanted += [(g["clause"], n) for n in g["names"]]
        found += [(g["clause"], m.name) for m in places[g["doc_id"][:3]][1]
                  if m.clause_id in clauses and m.label == g["label"]]
    scores.append(_match("MENTIONS", wanted, found, lambda a, b: a == b, str))
    for rel in ("LOCATED_IN", "FOCUSES_ON"):
        links = {(link.from_name, link.to_name) for _, _, found_links in places.values()
                 for link in found_links if link.rel == rel}
        scores.append(_match(rel, [(g["src"], g["dst"]) for g in GOLD[rel]], sorted(links),
                             lambda a, b: a == b, str))
    return scores


@pytest.mark.parametrize("score", _scores(), ids=lambda s: s.kind)
def test_gold_precision_and_recall(score: Score) -> None:
    assert score.precision >= 0.9 and score.recall >= 0.9, (score.missed, score.spurious)
