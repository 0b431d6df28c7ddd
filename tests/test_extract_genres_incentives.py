"""Incentives of a 稳增长 measures package and of a scoring scheme: per-head standards, tiers
printed without 分别, tax and fee relief in its many wordings, procurement preferences, and
what only looks like a grant (a lender's terms, a past event, the end of support).

Each fragment is made up; each test states one rule of ``ingest.extract`` (incentives,
offers, terms, instruments).
"""

from __future__ import annotations

from ingest.extract.incentives import extract_incentives
from kg.types import Incentive
from tests.ingest_fixtures import parse_fragment

MEASURES = {"region": "某区", "title": "某区稳住经济增长若干政策措施", "issued": "2022-07-01"}


def incentives_of(text: str) -> list[Incentive]:
    return extract_incentives(parse_fragment(text, **MEASURES))


def money(i: Incentive) -> tuple:
    return (i.kind, i.amount_wan, i.cap_wan, i.ratio)


def test_a_per_head_standard_is_the_amount_and_a_per_year_one_says_so():
    found = incentives_of("七、稳就业\n1.支持招工。对人力资源机构组织人员就业的，按400元/人的标准给予就业服务补助；"
                          "给予企业3000元/人/年的用工补助；按每10人2万元的标准给予一次性奖补，最高不超过10万元；"
                          "按每招引1人（签订劳动合同，并参加社保）600元的标准，给予招引补贴。")
    assert [money(i) for i in found] == [("subsidy", 0.04, None, None), ("subsidy", 0.3, None, None),
                                         ("reward", 2, 10, None), ("subsidy", 0.06, None, None)]
    assert [i.per_year for i in found] == [False, True, False, False]


def test_tiers_printed_without_fenbie():
    found = incentives_of(
        "四、促进工业\n2.培育企业。对首次评为国家级、省级示范企业给予一次性奖补20万元、8万元。"
        "对验收合格的单位，按首年2万元、巩固年6000元的标准兑现奖补资金。"
        "对取得证书的，按以下标准给予培训补贴：初级3000元、中级4000元，高级5000元。"
        "对多孩家庭补助100元/每平方米，二孩家庭补贴不超过1万，三孩家庭补贴不超过2万。")
    assert [money(i) for i in found] == [
        ("reward", 20, None, None), ("reward", 8, None, None),
        ("reward", 2, None, None), ("reward", 0.6, None, None),
        ("subsidy", 0.3, None, None), ("subsidy", 0.4, None, None), ("subsidy", 0.5, None, None),
        ("subsidy", 0.01, 1, None), ("subsidy", 0.01, 2, None)]
    assert found[0].beneficiary == found[1].beneficiary == "企业"


def test_rates_listed_after_fenbie_are_not_tiers_and_a_rate_cut_spelled_out_is_one_relief():
    found = incentives_of("一、稳住市场主体\n3.降低社保费率。对各类企业继续降低社保费率，养老保险单位费率从18%降低到15%，"
                          "失业保险单位费率从1.5%降低到1%，工伤保险分别按一至三类执行基准费率0.5%、0.9%、1.3%。")
    assert [money(i) for i in found] == [("subsidy", None, None, None)]


def test_tax_and_fee_relief_in_its_wordings():
    found = incentives_of(
        "一、稳住市场主体\n4.减轻企业负担。缓缴期间免收滞纳金。不计罚息，不纳入征信记录。"
        "全面取消投标保证金。由区政府按80元/人/年的标准为其代缴养老保险费。"
        "中小企业宽带资费再降5%。对困难群众发放一次性临时救助金。"
        "大型企业按上年度实际缴纳失业保险费的40%返还。")
    assert [money(i) for i in found] == [
        ("subsidy", None, None, None), ("subsidy", None, None, None), ("subsidy", None, None, None),
        ("subsidy", 0.008, None, None), ("subsidy", None, None, None), ("subsidy", None, None, None),
        ("subsidy", None, None, 0.4)]


def test_a_relief_starts_the_grant_so_a_condition_before_it_is_no_cap():
    (relief,) = incentives_of("五、促消费\n5.促进汽车消费。对单车价格不超过25万元的乘用车，落实减半征收车辆购置税政策。")
    assert money(relief) == ("subsidy", None, None, None)


def test_ratios_printed_after_a_ratio_word_or_after_the_instrument():
    found = incentives_of(
        "四、促进工业\n6.支持技术改造。按项目设备投资额6%的比例，最高给予150万元奖补。"
        "岗位补贴按上年度最低工资标准的20%执行。对购买商业用房补贴总价的2%，不超过5万。"
        "继续分别按8%和12%加计抵减应纳税额。")
    assert [money(i) for i in found] == [
        ("reward", None, 150, 0.06), ("subsidy", None, None, 0.2), ("subsidy", None, 5, 0.02),
        ("subsidy", None, None, 0.08), ("subsidy", None, None, 0.12)]


def test_more_grant_verbs():
    found = incentives_of("三、助力农业\n7.稳定生产。养殖户连续亏损时，启动临时性救助补贴。对物流费、展位费等进行补贴。"
                          "返乡创业人员可凭车票领取一次性交通补助。")
    assert [i.kind for i in found] == ["subsidy", "subsidy", "subsidy"]


def test_procurement_preferences_and_priority_with_support_in_view_are_programmes():
    found = incentives_of(
        "一、稳住市场主体\n8.支持中小企业。政府采购项目面向小微企业的价格扣除比例从6%提高至15%，"
        "非预留项目给予小微企业评审优惠。对守法企业在兑现惠企政策等方面优先考虑。"
        "对获奖企业在各类评优活动中予以优先考虑。")
    assert [i.kind for i in found] == ["programme", "programme", "programme"]


def test_what_only_looks_like_a_grant():
    found = incentives_of(
        "八、要素保障\n9.加强金融支持。引导国有银行对出租人给予优惠利率质押贷款等支持。"
        "鼓励小额贷款公司对小微企业缓收或减免利息。"
        "上年度某部门联合印发意见，为我区产业发展提供了政策支持。"
        "资金支出完毕后，区财政不再对新购车辆，以及新建站点进行补贴。"
        "此前已产生的逾期不在政策支持范围内。"
        "第1年退出运营的，退还80%补贴资金。")
    assert found == []


def test_money_that_says_which_cases_a_relief_covers_is_no_amount():
    found = incentives_of("八、要素保障\n10.降低担保费率。落实融资担保降费奖补政策，其中单户担保金额300万元及以下的，"
                          "担保费率降至1%。")
    assert [i.amount_wan for i in found] == [None] * len(found) and found


def test_funds_used_or_allocated_without_a_sum_and_rules_about_funds():
    found = incentives_of("七、民生保障\n11.用好资金。用好农业转移人口市民化奖励资金。"
                          "按人口不低于3元标准下拨临时救助备用金。落实财政资金“三项清理”制度。")
    assert [i.kind for i in found] == ["fund", "fund"]


def test_a_measures_heading_sentence_of_up_to_24_characters_names_it():
    found = incentives_of("一、稳住市场主体\n12.落实中小微企业设备器具所得税税前扣除政策。"
                          "企业新购置的设备，落实一次性税前扣除政策。")
    assert len(found) == 1


def test_a_grants_size_stated_by_its_limit_words_is_an_incentive_with_its_share():
    found = incentives_of(
        "三、设备更新\n6.支持技术改造。支持再制造项目建设，补助额度原则上为项目投资额的5%，单个项目补助上限为800万元。"
        "推动重点行业节能改造，单个项目支持额度不超过项目投资额的12%。"
        "对超低排放改造项目给予补助，原则上不超过合同总额的25%。")
    assert [money(i) for i in found] == [("subsidy", None, 800, 0.05), ("subsidy", None, None, 0.12),
                                         ("subsidy", None, None, 0.25)]


def test_a_range_pays_up_to_its_upper_bound_and_a_list_may_repeat_the_instrument():
    found = incentives_of(
        "五、促消费\n7.农机报废补贴。报废拖拉机补贴800-9000元。"
        "对个人消费者购买新能源乘用车补贴8000元、购买符合条件的燃油乘用车补贴5000元。")
    assert [money(i) for i in found] == [("subsidy", None, 0.9, None), ("subsidy", 0.8, None, None),
                                         ("subsidy", 0.5, None, None)]


def test_an_instrument_in_the_condition_of_a_grant_is_not_what_is_granted():
    (reward,) = incentives_of("五、促消费\n8.开展促销。对发放消费券的企业给予不超过100万元的资金奖励。")
    assert money(reward) == ("reward", None, 100, None)


def test_a_support_share_named_by_its_ratio_word_is_a_subsidy():
    found = incentives_of(
        "二、设备更新\n3.电网改造。设备更新项目应为存量项目，单体项目总投资不低于2000万元，支持比例不超过核定总投资的15%。"
        "对购买新车的个人消费者，根据实际购买价格的30%进行补贴，单台补贴不超过1000元。"
        "支持老旧农机报废更新，单台最高报废补贴额1500元。")
    assert [money(i) for i in found] == [("subsidy", None, None, 0.15), ("subsidy", None, 0.1, 0.3),
                                         ("subsidy", None, 0.15, None)]


def test_paying_in_full_and_interest_points_are_shares_and_a_cap_sentence_caps_the_one_before():
    found = incentives_of(
        "四、回收利用\n1.设施改造。甲市、乙市资金支持比例不超过项目核定总投资的70%，其余各县原则上全额补助。"
        "单体项目支持资金原则上不超过1亿元。"
        "对纳入清单的项目，财政贴息1.5个百分点，贴息期限2年。公益性项目可按照核定总投资予以全额支持。")
    assert [money(i) for i in found] == [("subsidy", None, 10000, 0.7), ("subsidy", None, 10000, 1.0),
                                         ("subsidy", None, None, 0.015), ("subsidy", None, None, 1.0)]


def test_a_share_chunk_before_its_grant_and_a_ceiling_after_it_are_one_offer():
    found = incentives_of(
        "三、创新平台\n1.支持平台建设。对经国家级主管部门认定的创新平台，按获得市级及以上主管部门实际资助金额的50%，给予最高1000万元资助；"
        "对符合条件的储能电站项目按实际投资的20%，给予最高500万元资助。"
        "按照平台当年度收取服务费用的10%补贴，给予每年最高100万元资助。")
    assert [money(i) for i in found] == [("subsidy", None, 1000, 0.5), ("subsidy", None, 500, 0.2),
                                         ("subsidy", None, 100, 0.1)]


def test_a_share_given_within_a_limit_and_capped_in_the_same_phrase():
    (grant,) = incentives_of("四、园区\n13.建设园区。支持建设省级园区，对园区实施的公共服务平台等项目给予建设总投入的30%以内、"
                             "最高不超过1000万元补助。")
    assert money(grant) == ("subsidy", None, 1000, 0.3)


def test_a_sum_raised_from_one_figure_to_another_grants_the_new_one():
    found = incentives_of("二、加力更新\n（七）提高公交车更新补贴标准。更新车龄8年及以上的城市公交车，"
                          "平均每辆车补贴额由6万元提高至8万元。")
    assert [money(i) for i in found] == [("subsidy", 8, None, None)]


def test_per_item_grants_listed_with_figures_in_their_names_and_parallel_ceilings_are_one_offer_each():
    found = incentives_of("二、加力更新\n（十一）扩大汽车报废更新支持范围。个人消费者报废旧车，并购买新能源乘用车单台补贴2万元、"
                          "2.0升及以下排量燃油乘用车单台补贴1.5万元。\n"
                          "（十二）继续支持汽车置换更新。个人消费者购买乘用车新车的，给予置换更新补贴支持，"
                          "购买新能源乘用车单台补贴最高不超过1.5万元，购买燃油乘用车单台补贴最高不超过1.3万元。")
    assert [money(i) for i in found] == [("subsidy", 2, None, None), ("subsidy", 1.5, None, None),
                                         ("subsidy", None, 1.5, None), ("subsidy", None, 1.3, None)]


def test_a_standard_stated_as_a_share_and_a_per_person_item_limit_keep_the_ceiling_after_them():
    found = incentives_of("二、加力更新\n（十三）支持家电以旧换新。个人消费者购买2级能效产品，补贴标准为产品销售价格的15%；"
                          "1级能效产品，补贴标准为产品销售价格的20%。每位消费者每类产品可补贴1件，每件补贴不超过2000元。\n"
                          "（十四）实施数码产品购新补贴。对个人消费者购买手机等数码产品，按产品销售价格的15%给予补贴，"
                          "每位消费者每类产品可补贴1件，每件补贴不超过500元。")
    assert [money(i) for i in found] == [("subsidy", None, 0.2, 0.15), ("subsidy", None, 0.2, 0.2),
                                         ("subsidy", None, 0.05, 0.15)]
