"""Incentive extraction: instruments on small plan fragments, then the five seed plans."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from tests.ingest_fixtures import parse_fragment, parsed_seed
from ingest.evaluate import _match, _same, load_gold, norm
from ingest.extract.incentives import extract_incentives
from ingest.extract.numbers import find_quantities, normalize, to_wan
from kg.types import Incentive

GOLD = Path(__file__).resolve().parent / "data" / "gold_extraction" / "targets_incentives.json"
PLAN = {"period": "2021—2025", "region": "某市", "title": "某市数字经济发展规划"}


def incentives_of(text: str, **entry: str) -> list[Incentive]:
    return extract_incentives(parse_fragment(text, **{**PLAN, **entry}))


def money(i: Incentive) -> tuple:
    return (i.kind, i.amount_wan, i.cap_wan, i.ratio)


def test_rewards_with_amounts_and_cost_sharing():
    (reward,) = incentives_of(
        "四、主要路径\n（一）推行揭榜挂帅。每年各发布10个重点任务，对揭榜后经考核认定实施成功的，"
        "每家奖励 200 万元，由市区两级各承担 50%。")
    assert money(reward) == ("reward", 200, None, None)
    assert reward.cost_sharing == "由市区两级各承担50%"
    assert (reward.condition, reward.beneficiary) == ("揭榜后经考核认定实施成功的", "揭榜单位")


def test_a_ceiling_printed_right_after_the_instrument_grants_it():
    found = incentives_of("（四）农机报废更新。大型联合收割机补贴不超过15万元，烘干机单机补贴限额不超过12万元。")
    assert [money(i) for i in found] == [("subsidy", None, 15, None), ("subsidy", None, 12, None)]


def test_matching_share_with_a_ceiling():
    (matching,) = incentives_of("三、保障措施\n对国家高质量发展重大招投标项目，按国拨资金 30% 给予配套，"
                                "单个项目封顶 1000 万元，市区各承担 50%。")
    assert money(matching) == ("matching", None, 1000, 0.3)
    assert (matching.beneficiary, matching.cost_sharing) == ("项目", "市区各承担50%")


def test_a_ceiling_per_project_after_the_grants_caps_each_of_them():
    found = incentives_of("（3）节能产品应用。改造项目按照不超过设备采购金额的20%给予补贴;"
                          "新建(扩建)项目按照不超过设备采购金额的10%给予补贴。单个项目补贴总额不超过300万元。")
    assert [money(i) for i in found] == [("subsidy", None, 300, 0.2), ("subsidy", None, 300, 0.1)]


def test_one_sentence_with_several_offers_gives_one_incentive_each():
    offers = incentives_of("三、保障措施\n对获评国家级示范工厂的企业，一次性给予100万元奖励；"
                           "对首次入选的，每家奖励50万元，对其他项目给予30万元奖励。")
    assert [money(i) for i in offers] == [("reward", 100, None, None), ("reward", 50, None, None),
                                          ("reward", 30, None, None)]


def test_funds_in_wan_and_money_allocations():
    found = incentives_of("三、保障措施\n3 年统筹安排 8 亿元，实现规上工业企业数字化诊断全覆盖。"
                          "做大数字经济领域产业基金，到 2027 年，基金总规模超 1000 亿元。"
                          "发挥财政专项资金的激励作用。")
    assert [money(i) for i in found] == [("fund", 80000, None, None),
                                         ("fund", 10_000_000, None, None)]


def test_subsidies_vouchers_and_programmes():
    found = incentives_of(
        "三、保障措施\n对企业购置研发设备的，按实际投资额的20%给予补贴，最高不超过300万元。"
        "加大“算力券”支持力度。出台中小企业上云专项政策。对入库企业给予优先支持。"
        "加大资金、信贷、人才等方面支持力度。有序推进证券化试点。开展科技成果转化奖励试点。")
    assert [money(i) for i in found] == [
        ("subsidy", None, 300, 0.2), ("subsidy", None, None, None),
        ("programme", None, None, None), ("programme", None, None, None)]
    assert found[0].condition == "企业购置研发设备的"


def test_ceilings_shares_and_in_kind_support():
    found = incentives_of("三、保障措施\n对新落户的数字经济企业，按其实际到位资金的5%给予最高1000万元的"
                          "落户奖励。对符合条件的企业给予不超过50万元的一次性补助。对入驻企业给予三年房租减免。")
    assert [money(i) for i in found] == [("reward", None, 1000, 0.05), ("subsidy", None, 50, None),
                                         ("subsidy", None, None, None)]
    assert [i.beneficiary for i in found] == ["企业", "企业", "企业"]


def test_background_and_press_offer_nothing():
    assert incentives_of("一、发展基础\n政府数字经济引导基金作用需要加强，已设立产业基金。") == []
    assert incentives_of("武汉打造数字经济新高地\n数据大模型精准融资助企超3000亿元，发放算力券。",
                         level="press", period="2024") == []


# --- the five seed plans ---------------------------------------------------------------

SEEDS = ("000", "001", "002", "003", "004")


@pytest.fixture(scope="module")
def seed_incentives() -> dict[str, list[Incentive]]:
    return {prefix: extract_incentives(parsed_seed(prefix)) for prefix in SEEDS}


def test_001_path_four_gives_exactly_its_four_incentives(seed_incentives):
    four = [i for i in seed_incentives["001"] if "鼓励企业“拔尖”" in
            parsed_seed("001").clause(i.clause_id).text]
    assert [money(i) for i in four] == [("reward", 200, None, None), ("reward", 100, None, None),
                                        ("reward", 500, None, None), ("matching", None, 1000, 0.3)]
    assert {i.cost_sharing for i in four} == {"市区各承担50%"}
    assert [i.beneficiary for i in four] == ["企业", "企业或项目", "企业", "项目"]
    assert four[0].condition == ("首次进入权威机构发布的国内外数字经济百强、全国软件百强、全国互联网百强、"
                                 "全国电子信息百强、全国区块链百强的企业")


def test_001_and_002_funds(seed_incentives):
    funds = {i.amount_wan for p in ("001", "002") for i in seed_incentives[p] if i.kind == "fund"}
    assert {80000, 10_000_000} <= funds
    assert any(i.kind == "subsidy" and "算力券" in i.text for i in seed_incentives["002"])


def test_every_amount_is_printed_in_its_clause(seed_incentives):
    for prefix, incentives in seed_incentives.items():
        doc = parsed_seed(prefix)
        for i in incentives:
            clause = doc.clause(i.clause_id).text
            assert norm(i.text) in norm(clause), i
            printed = find_quantities(normalize(unicodedata.normalize("NFKC", i.text)))
            for amount in (i.amount_wan, i.cap_wan):
                if amount is not None:
                    assert any(to_wan(q.value, q.unit) == amount for q in printed), i
            if i.ratio is not None:
                assert any(q.unit == "%" and abs(q.value / 100 - i.ratio) < 1e-9 for q in printed)


def test_no_incentives_from_the_press_report(seed_incentives):
    assert seed_incentives["004"] == []


def test_ids_are_unique_and_stable(seed_incentives):
    again = {prefix: extract_incentives(parsed_seed(prefix)) for prefix in SEEDS}
    assert again == seed_incentives
    ids = [i.incentive_id for incentives in seed_incentives.values() for i in incentives]
    assert len(ids) == len(set(ids))


def test_agrees_with_the_gold_set(seed_incentives):
    gold = load_gold(GOLD)
    predicted = [i.props() | {"doc_id": parsed_seed(p).meta.doc_id,
                              "clause_text": parsed_seed(p).clause(i.clause_id).text}
                 for p, incentives in seed_incentives.items() for i in incentives]

    def same(g, p):
        return (g["doc_id"] == p["doc_id"] and g.get("kind") == p.get("kind")
                and all(_same(g.get(f), p.get(f)) for f in ("amount_wan", "cap_wan", "ratio"))
                and norm(g["clause"]) in norm(p["clause_text"]))

    score = _match("Incentive", gold["Incentive"], predicted, same, str)
    assert score.precision >= 0.9 and score.recall >= 0.9, (score.missed, score.spurious)
