"""The incentive grammar on invented fragments in the style of real 若干政策 and 实施意见:
sums, caps, ratios of a base, tiers, per-year caps, staged payment, payers, kinds."""

from __future__ import annotations

import pytest

from ingest.extract.incentives import extract_incentives
from ingest.extract.instruments import granted_instruments
from ingest.extract.offers import split_offers
from ingest.extract.terms import read_terms
from kg.types import Incentive
from tests.ingest_fixtures import parse_fragment

PLAN = {"period": "2022—2025", "region": "某省", "title": "某省支持制造业高质量发展若干政策"}


def incentives_of(text: str, **entry: str) -> list[Incentive]:
    return extract_incentives(parse_fragment("一、支持措施\n" + text, **{**PLAN, **entry}))


def money(i: Incentive) -> tuple:
    return (i.kind, i.amount_wan, i.cap_wan, i.ratio)


def test_a_cap_in_the_next_phrase_and_the_level_that_pays():
    (i,) = incentives_of("（一）对新开工的重大产业项目，省级给予奖补，最高3000万元。")
    assert money(i) == ("reward", None, 3000, None)
    assert (i.payer, i.condition, i.claimable) == ("省级", "新开工的重大产业项目", True)


def test_a_ratio_of_a_base_with_a_cap():
    (i,) = incentives_of("（一）对实施技术改造的企业，按照项目设备购置额的10%给予奖补，最高500万元。")
    assert money(i) == ("reward", None, 500, 0.1)
    assert i.base == "项目设备购置额"


def test_tiers_give_one_incentive_each_with_their_own_names():
    found = incentives_of("（一）对首次认定为国家级、省级、市级专精特新企业的，分别给予一次性奖补50万元、"
                          "100万元、150万元。")
    assert [money(i) for i in found] == [("reward", 50, None, None), ("reward", 100, None, None),
                                         ("reward", 150, None, None)]
    assert [i.condition for i in found] == ["首次认定为国家级专精特新企业的", "省级专精特新企业的",
                                            "市级专精特新企业的"]


def test_tiered_ceilings_and_tiered_ratios():
    caps = incentives_of("（一）对获评国家级、省级绿色工厂的企业，分别给予最高100万元、50万元奖励。")
    assert [money(i) for i in caps] == [("reward", None, 100, None), ("reward", None, 50, None)]
    ratios = incentives_of("（一）对购置首台（套）装备的企业，分别按售价的20%、10%给予补助，单个企业最高200万元。")
    assert [money(i) for i in ratios] == [("subsidy", None, 200, 0.2), ("subsidy", None, 200, 0.1)]


def test_contract_share_with_a_per_firm_cap_paid_in_instalments():
    (i,) = incentives_of("（一）对企业购买工业软件和云服务的，按软件合同金额的30%给予补助，单个企业最高"
                         "300万元，分三年拨付。")
    assert money(i) == ("subsidy", None, 300, 0.3)
    assert (i.base, i.instalments, i.per_year) == ("软件合同金额", "分三年拨付", False)


def test_per_year_caps():
    (i,) = incentives_of("（一）对研发投入增长的企业，按研发投入增量的5%给予奖励，每家企业每年最高100万元。")
    assert money(i) == ("reward", None, 100, 0.05) and i.per_year


def test_two_offers_in_one_sentence_and_sums_that_are_conditions():
    found = incentives_of("（一）对年度设备投资200万元至500万元的技改项目，按设备投资额的10%给予奖励，"
                          "对其中的绿色改造项目，按设备投资额的12%给予奖励。")
    assert [money(i) for i in found] == [("reward", None, None, 0.1), ("reward", None, None, 0.12)]


def test_local_fiscal_contribution_and_interest_subsidies():
    found = incentives_of("（一）项目投产后3年内，按其对地方财政贡献的50%给予奖励。"
                          "对企业技术改造贷款，按同期贷款市场报价利率的50%给予贴息，单个项目每年贴息不超过200万元。")
    assert [money(i) for i in found] == [("reward", None, None, 0.5), ("subsidy", None, 200, 0.5)]
    assert found[0].base == "地方财政贡献" and found[1].per_year


def test_fund_sizes_and_budgets_are_not_claimable():
    found = incentives_of("（一）设立规模100亿元的制造业高质量发展基金。省级财政每年安排专项资金5亿元。")
    assert [money(i) for i in found] == [("fund", 1_000_000, None, None), ("fund", 50_000, None, None)]
    assert not any(i.claimable for i in found)


def test_instruments_without_sums_and_listed_instruments():
    found = incentives_of("（一）落实车辆购置税减免优惠政策，鼓励有条件的地区对消费者购置新能源汽车给予补贴。"
                          "对实行两部制电价的充电设施免收需量电费。支持有条件的地市采取补贴、积分奖励等方式促进绿色消费。"
                          "对入选项目优先给予宣传推介和政策支持。")
    assert [i.kind for i in found] == ["subsidy", "subsidy", "subsidy", "subsidy", "reward",
                                       "programme"]


def test_talk_about_money_that_gives_none_is_not_an_incentive():
    assert incentives_of("（一）严厉打击骗取补贴行为。加大对企业的支持力度。开展科技成果转化奖励试点。") == []


def test_press_reports_offer_nothing():
    assert incentives_of("（一）给予奖补，最高3000万元。", level="press") == []


@pytest.mark.parametrize("sentence, n", [
    ("对A类企业，给予50万元奖励，对B类企业，给予30万元奖励", 2),
    ("对认定的企业，每家奖励200万元，由市区两级各承担50%", 1),
    ("按国拨资金30%给予配套，单个项目封顶1000万元，市区各承担50%", 1),
])
def test_offers_split_at_each_grant_and_keep_their_terms(sentence: str, n: int) -> None:
    assert len(split_offers(sentence)) == n


def test_terms_read_the_giving_part_only():
    t = read_terms("对投资500万元以上的项目，给予最高可达200万元的一次性补助")
    assert (t.amount_wan, t.cap_wan) == (None, 200)
    t = read_terms("每家奖励200万元，由市区两级各承担50%")
    assert (t.amount_wan, t.ratio, t.cost_sharing) == (200, None, "由市区两级各承担50%")


@pytest.mark.parametrize(("offer", "amount", "cap", "ratio"), [
    ("只报废老旧船舶的，按1000元/总吨予以补贴", 0.1, None, None),  # a rate per unit is paid at 按
    ("单台最高报废补贴额1500元", None, 0.15, None),                # 最高…补贴额: a ceiling
    ("单体项目总投资不低于2000万元，支持额度不超过2亿元", None, 20000, None),  # who qualifies
    ("按市级补贴金额，给予不超过1:0.5的一次性区级资金匹配，最高不超过300万元", None, 300, 0.5),
    ("市区按1:1比例承担", None, None, None),                      # a cost share, not a match
])
def test_rates_ceilings_floors_and_matched_proportions(offer: str, amount: float | None,
                                                       cap: float | None, ratio: float | None) -> None:
    t = read_terms(offer)
    assert (t.amount_wan, t.cap_wan, t.ratio) == (amount, cap, ratio)


def test_an_enumeration_grants_one_instrument_per_kind():
    assert [i.kind for i in granted_instruments("给予补贴、积分奖励或贴息支持")] == [
        "subsidy", "reward"]
    assert [i.kind for i in granted_instruments("落实车辆购置税减免优惠政策")] == ["subsidy"]


def test_support_with_money_behind_it_is_a_subsidy_and_funds_allocated_one_each():
    found = incentives_of("（一）对新认定的企业，给予最高100万元支持。省级财政对新认定的重点实验室给予支持。"
                          "对首次升规的企业予以支持。用好6亿元省级制造业发展专项资金，重点支持技术改造。"
                          "省级财政安排5亿元支持口岸建设，安排2亿元支持自贸试验区建设。")
    assert [money(i) for i in found] == [
        ("subsidy", None, 100, None), ("subsidy", None, None, None), ("programme", None, None, None),
        ("fund", 60_000, None, None), ("fund", 50_000, None, None), ("fund", 20_000, None, None)]


def test_relief_steering_and_a_heading_line():
    found = incentives_of("（一）持续开展减税降费。对月销售额未超过10万元的小规模纳税人免征增值税；"
                          "减按1%征收率征收增值税。各类培训补贴向产教融合项目倾斜。")
    assert [money(i) for i in found] == [("subsidy", None, None, None), ("subsidy", None, None, None),
                                         ("programme", None, None, None)]


def test_a_per_mille_share_and_a_named_interest_ratio():
    found = incentives_of("（一）对招商引资到位资金5000万元以上的项目，按照实际到位资金的0.5‰给予奖励，"
                          "单个项目最高奖励100万元。省级财政按贴息比例不高于同期LPR的70%，单个主体、单个年度"
                          "不超过200万元的规定予以贴息。")
    assert [money(i) for i in found] == [("reward", None, 100, 0.0005), ("subsidy", None, 200, 0.7)]
    assert found[1].per_year
