"""Question answering on real plans from other regions, ingested beside the seeds: the
tuning documents of the new-plans set must stay at the level reached, and the frozen ones
are scored too (their failures are never printed) so a regression on them also fails.

The plans are ingested into the session's graph (without adding them to the dense index:
BM25 and the graph answer for them) and removed afterwards, so other modules see only the
seeds.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

from ingest.build import Ingestor
from ingest.extract import RuleExtractor
from qa.evaluate import gold_sets, run
from tests.conftest import DATA
from ui.wiring import build_qa

pytestmark = pytest.mark.slow

PLANS = DATA / "new_plans"

# Reached on 2026-11-30 (BENCHMARKS.md); a change that loses questions fails here.
TUNING_FLOOR = 0.75
FROZEN_FLOOR = 0.55


@pytest.fixture(scope="module")
def plans_ingested(store, seeded) -> Iterator[list[str]]:  # type: ignore[no-untyped-def]
    ingestor = Ingestor(store, RuleExtractor())
    files = sorted(p for p in PLANS.iterdir() if p.name.startswith("np"))
    report = ingestor.ingest(files)
    assert not report.failed, report.failed
    doc_ids = [d.doc_id for d in report.documents if d.doc_id]
    yield doc_ids
    for doc_id in doc_ids:
        ingestor.remove(doc_id)


@pytest.fixture(scope="module")
def qa(plans_ingested, store, settings):  # type: ignore[no-untyped-def]
    """One service for the module: each build loads the index, the embedder and the corpus."""
    return build_qa(settings, store)


def test_every_new_plan_is_ingested_whole(plans_ingested: list[str]) -> None:
    questions = next(s for s in gold_sets(DATA) if s.name == "new-plans")
    assert set(questions.documents) <= set(plans_ingested)


def test_new_plans_questions_stay_answered(qa) -> None:  # type: ignore[no-untyped-def]
    new_plans = next(s for s in gold_sets(DATA) if s.name == "new-plans")
    (tune_name, tune), (frozen_name, frozen) = new_plans.parts()
    tuned = run(tune_name, tune, qa.ask)
    passed, total = tuned.rate()
    failures = [(o.gold.id, o.answer[:120]) for o in tuned.outcomes if not o.passed]
    assert passed / total >= TUNING_FLOOR, failures
    tested = run(frozen_name, frozen, qa.ask)
    passed, total = tested.rate()
    assert passed / total >= FROZEN_FLOOR, tested.by_kind()  # aggregate only: it is a test set


# Written 2026-12-01 by a helper that ran no part of the system; first run 9/20 (tuning),
# 8/20 (frozen). Here the new plans have no dense index (BM25 and the graph answer for them):
# 14/22 and 8/18 on a clean clone, against 15/22 and 8/18 with it (BENCHMARKS.md).
LISTS_DOCS_FLOORS = {"lists-docs (tuning)": 0.6, "lists-docs (frozen test)": 0.35}
# docs-2: written 2026-12-01 by a helper that ran no part of the system; first run 6/20 (tuning)
# and 9/20 (frozen), 19/21 and 12/19 after this round's rules (BENCHMARKS.md).
DOCS2_FLOORS = {"docs-2 (tuning)": 0.65, "docs-2 (frozen test)": 0.5}


@pytest.mark.parametrize(("name", "floors"), [("lists-docs", LISTS_DOCS_FLOORS), ("docs-2", DOCS2_FLOORS)])
def test_a_fresh_set_stays_at_its_level(qa, name: str,  # type: ignore[no-untyped-def]
                                        floors: dict[str, float]) -> None:
    gold_set = next(s for s in gold_sets(DATA) if s.name == name)
    for part, questions in gold_set.parts():
        report = run(part, questions, qa.ask)
        passed, total = report.rate()
        # The frozen part's failures are never printed: only its score.
        shown = report.by_kind() if "frozen" in part else [o.gold.id for o in report.outcomes if not o.passed]
        assert passed / total >= floors[part], (part, passed, total, shown)


def test_sources_are_recorded_for_every_plan() -> None:
    sources = (PLANS / "SOURCES.md").read_text(encoding="utf-8")
    for plan in PLANS.iterdir():
        if plan.name.startswith("np"):
            assert Path(plan.name).stem.split("_")[0] in sources, plan.name


@pytest.mark.parametrize(("question", "items"), [
    # No count asked; the plan's sentence gives it (「分为三个阶段」) and the items follow.
    ("吕梁把氢能产业发展目标分成了哪几个阶段？", ["试点示范阶段", "产业链完善阶段", "商业化应用阶段"]),
    # A section asked for by its heading: its sub-sections are the items.
    ("苏州设备更新方案的保障措施有哪些？", ["加强组织领导", "优化金融支持", "加大宣传引导"]),
    # A counted list that is a section of that many items; 「哪四个」 asks which, not how many, and
    # the 计划 of 「行动计划」 names the plan, not a goal.
    ("深圳氢能行动计划的重点任务分为哪四个方面？", ["核心技术策源地", "先进制造集聚地", "多场景应用示范基地", "配套服务体系"]),
    # What the plan sets after the verb asked with, each time it prints it (依托A…。依托B…。依托C…).
    ("深圳市氢能产业创新发展行动计划要依托哪几个园区打造市级氢能产业园区？",
     ["龙华求雨岭氢能产业园", "盐田国际氢能产业园", "龙岗国际低碳城"]),
    # The heading asked for in other words (举措 for 措施, its two words apart) in a named plan.
    ("吉林省电动汽车充换电基础设施发展规划要靠哪些举措来保障实施？",
     ["加强组织领导", "简化办电程序", "强化安全管理"]),
    ("方案提出的服务业数字化转型重点工程是哪两个？", ["平台支撑工程", "新业态新模式培育工程"]),
    # No count, no enumeration: sibling sections whose headings end with the asked noun.
    ("吕梁综合能源站布局要坚持哪些原则？", ["统筹协调原则", "超前布局原则", "利益互补原则", "高标准建设原则"]),
    # The best clause ends introducing its items (「给予下列激励政策：」): its sub-clauses follow.
    ("沈阳连续两年信用等级达到A级的物业企业能享受哪些激励政策？",
     ["创先评优活动中予以优先考虑或推荐", "有相关优惠扶持政策的，予以优先考虑"]),
    # The kind asked for (品类) is the question's word, not the plan's: no refusal for it.
    ("天津要落实行业规范条件的再生资源具体包括哪些品类？", ["废钢铁", "废塑料", "废旧轮胎", "废纸", "废旧动力电池"]),
    # 「哪几个」 asks which, not how many.
    ("工业互联网要在哪几个重点行业深化应用？", ["汽车", "装备制造", "新能源", "新材料"]),
    # 「哪几大行动」: the count stands where the plan prints the set (「…标准提升四大行动」),
    # not in the best-ranked sentences, one of which names 「第七大行动」 (one action).
    ("盐都这份以旧换新行动方案一共部署了哪几大行动？", ["设备更新", "消费品以旧换新", "回收循环利用", "标准提升"]),
    # 「主要任务从哪几个方面」 asks the aspects of a section, not the plan's parts; 「…部分」
    # names the part of the plan, not the heading.
    ("天津行动方案的主要任务是从哪几个方面展开的？", ["强化税费政策支持", "强化金融信贷支持", "强化政策协调联动"]),
    ("天津这份行动方案的组织实施部分提出了哪几项保障要求？", ["加强组织协调", "压实工作责任", "加强运行监测"]),
    # Two quoted lists in one question, each answered; 「围绕“两区”、“三中心”等」 names the
    # lists, it is not the items of one.
    ("湖南规划时重点围绕的“两区”“三中心”分别指什么？", ["居住区", "办公区", "商业中心", "工业中心", "休闲中心"]),
    # Cases that each end 「…的，不允许贷款」, spread over several sections: every one of them.
    ("在台州申请住房公积金贷款，哪些情形不允许贷款？", ["五级分类为次级、可疑、损失的", "列入黑名单",
                                                   "名下有2套及以上住房"]),
])
def test_lists_on_tuning_plans(qa, question: str,  # type: ignore[no-untyped-def]
                               items: list[str]) -> None:
    answer = qa.ask(question)
    assert answer.found and all(item in answer.answer for item in items), answer.answer


def test_parts_one_sentence_answers_are_cut_from_that_sentence(qa) -> None:  # type: ignore[no-untyped-def]
    """Three goals printed in one sentence: that sentence, once, with the three parts as its
    lead — not another sentence of the clause that opens with the same 「到2025年底前，」."""
    answer = qa.ask("湖南计划在2025年底前建成多少个重点充电示范县、示范乡镇和示范村？")
    assert all(f in answer.answer for f in ("14个", "200个", "2000个")), answer.answer
    assert "供电所" not in answer.answer and answer.answer.count("2000个") == 1, answer.answer


def test_a_document_named_by_its_title_words_answers_its_metadata(qa) -> None:  # type: ignore[no-untyped-def]
    """「这份促进房地产消费若干措施」 names no region, but only one loaded title holds its words."""
    answer = qa.ask("这份促进房地产消费若干措施的文号是什么？哪天印发的？")
    assert "吉市政办发〔2023〕11号" in answer.answer and "2023年9月22日" in answer.answer, answer.answer


# Questions about documents, each a rule of ``qa.strategies.documents`` (question, what the answer
# holds, whether it counts as found).
DOCUMENT_QUESTIONS = [
    # One topic word and the genre the title ends in name the plan (「这份氢能规划」).
    ("这份氢能规划的印发文号和成文日期是什么？", ["吕政办发〔2022〕34号", "2022年6月16日"], True),
    # A wrapping notice's title names its plan too (「修订通知」); 哪两个部门发的 asks the issuer.
    ("这份修订通知是哪两个部门发的？哪天发布的？", ["内蒙古自治区交通运输厅、财政厅", "2024-03-25"], True),
    # 「由哪个机关在哪天印发」 reads either way: who issued it, and the office that printed it.
    ("杭州市《关于进一步推动经济高质量发展的若干政策》由哪个机关在哪天印发？",
     ["杭州市人民政府", "2024年2月18日"], True),
    # 「从哪天起施行」: all the clause says of it — when, and for how long.
    ("《南充市支持人工智能OPC创新发展行动计划（2026—2027年）》由哪个单位印发？从哪天起施行？",
     ["南充市人民政府办公室", "有效期2年", "2026年7月31日"], True),
    # The place a page was posted at names it; 「适用于哪几年」 asks its period.
    ("乌达区人民政府网站上的农机购置与应用补贴实施操作要求适用于哪几年，网站发布日期是哪天？",
     ["2024—2026年", "2024-08-22"], True),
    # 哪个机构印发 asks the issuer.
    ("台州这份实施细则由哪个机构印发？", ["台州市住房公积金管理委员会"], True),
    # Whom the issuing notice is sent to, from its cover's addressee line.
    ("苏州设备更新实施方案的主送单位有哪些？", ["各县级市（区）人民政府", "各直属单位"], True),
    # What is looked for, unquoted, after the verb.
    ("库里哪几份材料涉及碳普惠？", ["武汉市加快推进数字经济高质量发展实施方案", "加快建设幸福龙江的意见"], True),
    # The loaded documents on a topic, by their titles (充换电 for 充电).
    ("专门讲充电基础设施建设的规划或意见有哪些？", ["湖南省进一步构建高质量充电基础设施体系", "吉林省电动汽车充换电基础设施"],
     True),
    # Several named plans ordered by date, not the newest of the whole library.
    ("苏州、盐都、辽宁、青海这几份设备更新和以旧换新方案，哪份最早出、哪份最晚？",
     ["最早的是《苏州市", "2024年5月18日", "2024年8月14日"], True),
    # A period as the plan prints it, a title's leftover character (站) asking nothing more.
    ("吕梁市综合能源站专项规划的规划期是哪几年", ["2025-2030年"], True),
    # 「自公布之日起施行」 with the date it was published.
    ("沈阳物业信用信息管理办法什么时候生效？", ["自公布之日起施行", "2025年12月2日"], True),
    # The issuing government named beside the date asked is no further question.
    ("云南2024年进一步推动经济稳进提质的政策措施，省政府是哪天发的？", ["2024年2月18日"], True),
    # Every body that co-signed above the date, not only the first.
    ("河南新能源和可再生能源十四五规划是哪些单位发的", ["河南省发展和改革委员会", "河南省财政厅", "河南省林业局"], True),
    # Who 印发 and when, from the 「…办公室 2024年5月28日印发」 line, as printed.
    ("盐都区推动设备更新和以旧换新的行动方案由哪个部门印发、哪天印发？", ["盐城市盐都区人民政府办公室", "2024年5月28日印发"],
     True),
    # The issuers as the title block prints them; an English question about the record.
    ("《关于坚持以人民为中心的发展思想加快建设幸福龙江的意见》是由哪些机关发布的？", ["中共黑龙江省委 黑龙江省人民政府"], True),
    ("When was the Heilongjiang opinion on building a happy Longjiang issued?", ["2024年7月17日"], True),
    # A date only printed as 「成文日期：2026-03-13」 is quoted so.
    ("《松江区推进能源高质量发展行动方案（2026-2030年）（草案）》由哪个部门发布？成文日期是哪天？", ["2026-03-13"], True),
    # 有效期 asks when it lapses (printed with 施行), not the plan period.
    ("《深圳市光明区支持新型储能产业加快发展扶持计划操作规程》的文号是什么？什么时候签发、什么时候起施行、有效期到哪天？",
     ["深光发改规〔2025〕1号", "2025年2月25日", "2027年9月12日"], True),
    # A field the text does not print: the plans do not say, so the answer is not found.
    ("山东省服务业数字化转型行动方案（2021—2023）的发文字号是什么？", ["未载明文号"], False),
]


@pytest.mark.parametrize(("question", "held", "found"), DOCUMENT_QUESTIONS)
def test_questions_about_documents(qa, question: str,  # type: ignore[no-untyped-def]
                                   held: list[str], found: bool) -> None:
    answer = qa.ask(question)
    assert answer.found is found and all(h in answer.answer for h in held), answer.answer


def test_the_genre_word_naming_a_plan_loosely_is_not_asked_about(qa) -> None:  # type: ignore[no-untyped-def]
    """「深圳氢能行动计划」 names np34 by 行动计划; 「这项任务」 points back at the task."""
    answer = qa.ask("深圳氢能行动计划里建设氢能产业园区这项任务由哪些单位负责？")
    assert answer.found and "龙华区政府" in answer.answer and "市发展改革委" in answer.answer, answer.answer


def test_which_grants_pay_the_terms_a_question_prints(qa) -> None:  # type: ignore[no-untyped-def]
    """The incentives backwards: from a share and a ceiling to what they are paid for."""
    answer = qa.ask(
        "山西数字经济实施方案中，哪些项目可以获得项目建设总投入30%以内、最高不超过1000万元的补助？")
    assert all(f in answer.answer for f in ("“人工智能+”应用示范项目", "省级数字经济园区", "基层慧治示范场景")), answer.answer
    assert len(answer.citations) >= 4, answer.answer


def test_an_item_of_a_list_its_parent_introduces_is_answered_with_the_whole_list(  # type: ignore[no-untyped-def]
        qa) -> None:
    answer = qa.ask("公积金贷款的借款人违约，处理抵押物的价款按什么顺序分配？")
    items = ["处理抵押物的有关费用", "扣除与抵押物有关的税款", "偿还抵押人所欠贷款本息"]
    assert answer.found and all(item in answer.answer for item in items), answer.answer
    assert "下列顺序分配" in answer.answer


def test_an_agencys_tasks_keep_to_the_plan_the_question_names(  # type: ignore[no-untyped-def]
        qa) -> None:
    answer = qa.ask("在贵州这份民间投资方案里，省大数据局负责哪些任务？")
    assert answer.found and answer.citations, answer.answer
    assert {c.doc_id for c in answer.citations} == {"np27_guizhou_private_investment_plan"}, answer.answer


def test_an_offer_in_a_long_sentence_is_quoted_with_its_sums_and_examples_are_no_parts(  # type: ignore[no-untyped-def]
        qa) -> None:
    answer = qa.ask(
        "按《浦东新区节能低碳专项资金管理办法》，新型能源技术开发示范项目（如钙钛矿光伏、可再生能源制氢、新型储能）能拿多少补贴？")
    assert "30%" in answer.answer and "500万元" in answer.answer, answer.answer
    assert "未给出" not in answer.answer, answer.answer  # 「可再生能源制氢」 is an example, not a part


def test_a_figure_asked_with_a_counting_word_comes_from_a_goal_that_counts_so(  # type: ignore[no-untyped-def]
        qa) -> None:
    """「计划新建多少充电桩」: the 7000 piles to build, not the 1万 there will be in 2025."""
    answer = qa.ask("吉林省“十四五”期间计划新建多少充电桩、换电站和充电站？")
    assert all(f in answer.answer for f in ("7000个", "120座", "70座")), answer.answer


def test_cases_printed_in_one_form_are_answered_all_for_a_respectively_question(  # type: ignore[no-untyped-def]
        qa) -> None:
    """Three sentences end 「平均每辆车补贴N万元」: 分别 asks for all three, not the best two."""
    answer = qa.ask(
        "青海省加力推动设备更新实施方案对报废并更新、只更新、只提前报废老旧营运柴油货车分别补贴多少？")
    assert all(f in answer.answer for f in ("8万元", "3.5万元", "3万元")), answer.answer


@pytest.mark.parametrize(("question", "said"), [
    ("《浦东新区节能低碳专项资金管理办法》的文号是什么？哪天起施行？", "自2025年3月1日起施行"),
    ("台州的公积金贷款实施细则从什么时候开始施行？", "自2022年3月25日起开始实施"),
])
def test_when_a_text_takes_effect_is_quoted_from_the_clause_that_says_it(  # type: ignore[no-untyped-def]
        qa, store, question: str, said: str) -> None:
    answer = qa.ask(question)
    assert said in answer.answer, answer.answer
    assert any(said in store.read("MATCH (c:Clause {clause_id: $id}) RETURN c.text AS t", id=c.clause_id)[0]["t"]
               .replace(" ", "") for c in answer.citations), answer.citations


def test_an_english_question_naming_a_county_in_pinyin_is_scoped_to_its_plan(  # type: ignore[no-untyped-def]
        qa) -> None:
    """「Yandu」 is in no glossary: it is read from the regions the graph knows, in pinyin
    (盐都, whose 都 is read dū here), and the answer comes from that district's plan."""
    answer = qa.ask(
        "In Yandu's policy list, what one-off rewards do enterprises get for being named national "
        "or provincial industrial-internet demonstration enterprises?")
    assert "100万元" in answer.answer and "30万元" in answer.answer, answer.answer
    assert {c.doc_id for c in answer.citations} == {"np21_yandu_equipment_renewal_plan"}, answer.answer


@pytest.mark.parametrize(("question", "facts"), [
    # 「上海市」 opens the name of an award (获评上海市…示范单位), not a second side to compare.
    ("在浦东新区，获评上海市绿色制造示范单位和上海市零碳示范单位分别能拿多少奖励？", ["30万元", "50万元"]),
    # 「创建」 is the question's verb, not part of what is asked about (绿色商场).
    ("在浦东新区创建绿色商场和上海市绿色餐厅示范单位，各能拿多少一次性奖励？", ["20万元", "10万元"]),
])
def test_award_names_and_their_verbs_are_not_sides_or_parts(  # type: ignore[no-untyped-def]
        qa, question: str, facts: list[str]) -> None:
    answer = qa.ask(question)
    assert answer.found and all(f in answer.answer for f in facts), answer.answer
    assert {c.doc_id for c in answer.citations} == {"np29_pudong_energy_saving_fund_rules"}, answer.answer


@pytest.mark.parametrize(("question", "facts"), [
    ("台州公积金贷款最长能贷多少年？有什么限制？", ["30年", "50年"]),
    ("换电示范项目至少要一次性投放多少辆换电车？全区最多认定几个？", ["300辆", "12个"]),
])
def test_each_sentence_of_a_question_may_be_answered_by_its_own_sentence(  # type: ignore[no-untyped-def]
        qa, question: str, facts: list[str]) -> None:
    """No plan sentence holds the words of both: the question is not refused for that."""
    answer = qa.ask(question)
    assert answer.found and all(f in answer.answer for f in facts), answer.answer


def test_an_english_questions_own_words_weigh_less_than_their_translations(  # type: ignore[no-untyped-def]
        qa) -> None:
    """「hydrogen」「energy」「stations」 match only the one plan that prints 「Integrated Energy
    Stations」; the glossary's 氢能, 产值, 加氢 find the goals."""
    answer = qa.ask(
        "What total output value does Lüliang target for its hydrogen industry by 2035, and how many "
        "energy stations with hydrogen refuelling should it have by then?")
    assert "3000亿元" in answer.answer and "200座" in answer.answer, answer.answer


def test_an_english_questions_translated_terms_do_not_name_a_document_by_title_words(  # type: ignore[no-untyped-def]
        qa) -> None:
    """「e-bike … plan」 translates to 电动自行车 … 规划, which shares two words with the title of
    吉林's 电动汽车 plan: not a reference to it."""
    answer = qa.ask(
        "Under Qinghai's 2024 plan for equipment renewal and consumer trade-ins, what percentage of the purchase "
        "price is subsidised when a consumer trades in an old e-bike for a new one?")
    assert answer.found and "30%" in answer.answer, answer.answer
    assert {c.doc_id for c in answer.citations} == {"np32_qinghai_equipment_renewal_plan"}, answer.answer


@pytest.mark.parametrize(("question", "answered"), [
    # The 2030 paragraph sets no count; the count stands in the paragraph after 「近期目标
    # （2022－2025）：到2025年…」, which it continues.
    ("到2030年吕梁要建成多少条氢能运输管道示范？", None),
    ("到2025年吕梁要建成多少条氢能运输管道示范？", "5条"),
    # 「到2030年，基本建成…体系」 gives no figure; the figures are 2025's.
    ("按湖南这份实施意见，到2030年全省累计要建成多少个充电桩？", None),
])
def test_a_figure_asked_for_a_year_comes_from_a_sentence_of_that_year(  # type: ignore[no-untyped-def]
        qa, question: str, answered: str | None) -> None:
    answer = qa.ask(question)
    if answered is None:
        assert not answer.found and "2030年" in answer.answer, answer.answer
    else:
        assert answer.found and answered in answer.answer, answer.answer


@pytest.mark.parametrize(("question", "said"), [
    # The plan sets the metric's growth rate (6%), not a sum of money.
    ("天津到2025年工业增加值总量要达到多少亿元？", "金额"),
    # The plan's station subsidy is paid once (一次性), not by the year.
    ("每个充换电站一年的运营补贴最多能拿多少万元？", "一次性"),
    # The plan's sentences about 装机 give the whole power capacity's growth, not 光伏's.
    ("松江区能源高质量发展行动方案要求到“十五五”末全区光伏装机规模达到多少万千瓦？", "数量"),
    # A grant asked; the sentences found speak of a larger loan, not of any grant.
    ("台州对首次用公积金贷款购房的缴存职工发放多少元购房补贴？", "金额"),
])
def test_a_figure_the_plans_give_of_another_unit_period_or_kind_is_not_stated(  # type: ignore[no-untyped-def]
        qa, question: str, said: str) -> None:
    answer = qa.ask(question)
    assert not answer.found and said in answer.answer, answer.answer


def test_each_sentence_of_a_question_gets_the_attribute_it_asks(  # type: ignore[no-untyped-def]
        qa) -> None:
    """The second sentence enumerates 「双一流」高校 and 其他学校; the first asks the 支持比例."""
    answer = qa.ask(
        "青海对高校教育设备更新的支持比例是多少？“双一流”高校和其他学校的支持额度上限各是多少？")
    assert all(f in answer.answer for f in ("80%", "5亿元", "2亿元")), answer.answer


def test_a_term_of_counted_parts_is_defined_part_by_part(qa) -> None:  # type: ignore[no-untyped-def]
    answer = qa.ask(
        "光明区新型储能扶持计划里储能电站项目要求实施地在“一主两副”区域，“一主两副”具体指什么？")
    assert "大科学装置集群" in answer.answer and "科技创新集群" in answer.answer, answer.answer


@pytest.mark.parametrize(("question", "facts"), [
    # One sentence asking at its comma: the coverage and the count, both from one sentence.
    ("吉林高速公路服务区充换电设施到2025年要覆盖到什么程度，计划建多少座城际充电站？", ("100%", "18座")),
    # 「车桩增量比」 is not said by a sentence holding 车, 桩 and 比 apart; the table row's
    # 「总投资（万元）：250000」 is a sum in 万元.
    ("按湖南这份充电基础设施实施意见，到2025年全省要累计建成多少个充电桩？车桩增量比力争达到多少？", ("40万个", "2:1")),
    ("松江区能源行动方案里的石湖荡重型燃机项目建设多大规模的机组？总投资多少万元？", ("2×450MW", "250000")),
])
def test_every_part_asked_is_answered(qa, question: str,  # type: ignore[no-untyped-def]
                                      facts: tuple[str, ...]) -> None:
    answer = qa.ask(question)
    assert answer.found and all(f in answer.answer for f in facts), answer.answer
    assert "未给出" not in answer.answer, answer.answer


def test_a_follow_up_naming_its_own_measure_drops_what_the_last_question_counted(  # type: ignore[no-untyped-def]
        qa) -> None:
    history = [{"role": "user", "content": "山西数字经济实施方案每年要打造多少个公共数据示范场景？"},
               {"role": "assistant", "content": "每年打造10个以上公共数据“跑起来”示范场景。"}]
    answer = qa.ask("那规上工业中小企业的数字化水平呢？", history)
    assert "90%" in answer.answer and "示范场景" not in answer.answer.split("来源")[0], answer.answer


def test_a_sentence_saying_who_does_the_duty_asked_answers_it(qa) -> None:  # type: ignore[no-untyped-def]
    """Not the task's list of five units: the sentence names the one for 消防设计审查."""
    answer = qa.ask("深圳氢能行动计划里加氢站工程项目的消防设计审查由哪个部门负责？")
    assert answer.answer.startswith("住房建设部门负责加氢站工程项目消防设计审查"), answer.answer


def test_the_sentence_saying_it_lists_the_asked_kind_is_the_list(qa) -> None:  # type: ignore[no-untyped-def]
    """「氢的输运方式主要有A、B和C三种方式」 over another plan's 「探索固态、氨氢、深冷高压等储运方式」."""
    answer = qa.ask("氢的输运方式有哪些？")
    assert all(w in answer.answer for w in ("气态输运", "液态输运", "固体输运")), answer.answer


def test_a_sentence_introducing_the_asked_kind_lists_its_items(qa) -> None:  # type: ignore[no-untyped-def]
    """「会受到哪些管理措施」: the article 「…给予下列管理措施：」 and its items, not the grading rule."""
    answer = qa.ask("沈阳物业服务企业信用等级被评为D级的，会受到哪些管理措施？")
    assert "给予下列管理措施" in answer.answer and "限制参加政府采购活动" in answer.answer, answer.answer


def test_paragraphs_printed_after_an_article_that_introduces_them_are_its_list(  # type: ignore[no-untyped-def]
        qa) -> None:
    """「第十五条 …按以下标准退回补贴资金：」 then 第1年/第2年/第3年 as paragraphs beside it:
    all three, and not the unrelated paragraphs after them."""
    answer = qa.ask(
        "内蒙古新能源巡游出租汽车奖补细则规定，充换电站拿到建设补贴后头3年内退出运行的，补贴要按什么比例退回？")
    assert all(f"退还{p}补贴资金" in answer.answer for p in ("100%", "70%", "40%")), answer.answer
    assert "不得再次申请" not in answer.answer, answer.answer



@pytest.mark.parametrize(("question", "facts"), [
    # Another city's 行动计划 shares most title words; the city the question names decides.
    ("深圳氢能产业创新发展行动计划中，加快氢能标准体系建设的责任单位是哪个？", ["市市场监管局"]),
    # The question types a title's full-width brackets as ASCII ones.
    ("《武汉市加快推进数字经济高质量发展实施方案(2025—2027年)》的发文字号是什么？", ["武政办〔2025〕51"]),
])
def test_a_plan_named_loosely_among_many_is_found(qa, question: str,  # type: ignore[no-untyped-def]
                                                  facts: list[str]) -> None:
    answer = qa.ask(question)
    assert answer.found and all(f in answer.answer for f in facts), answer.answer


def test_a_city_its_own_plans_are_silent_on_is_answered_where_another_plan_names_it(  # type: ignore[no-untyped-def]
        qa) -> None:
    """广州 has a plan of its own loaded, but only the province's measures speak of its quotas."""
    answer = qa.ask("2023年广州增加了多少个计划外节能燃油车的增量指标？")
    assert answer.found and "5万个" in answer.answer, answer.answer


def test_each_sentence_asking_who_gets_the_sentence_naming_its_head(qa) -> None:  # type: ignore[no-untyped-def]
    """「工作专班的组长由谁担任？专班办公室设在哪？」: the 专班's office sentence does not say
    who leads it; the clause's sentence naming the 组长 does."""
    answer = qa.ask("无极县农业社会化服务项目工作专班的组长由谁担任？专班办公室设在哪个部门？")
    assert "李龙" in answer.answer and "县农业农村局" in answer.answer, answer.answer


def test_a_part_is_said_only_with_what_sets_it_apart_from_the_other_parts(qa) -> None:  # type: ignore[no-untyped-def]
    """Both parts ask 单机补贴限额; the line on 挤奶机械 does not say the 一般补贴机具's."""
    answer = qa.ask("按照乌达区政府网站转载的《2024—2026年农机购置与应用补贴实施操作要求》，一般补贴机具的单机补贴限额"
                    "是多少？挤奶机械和烘干机的单机补贴限额是多少？")
    assert "5万元" in answer.answer and "12万元" in answer.answer, answer.answer


@pytest.mark.xfail(strict=True, reason=(
    "since np70–np72 joined (2026-12-02, thirteenth session) np21's 「大型联合收割机补贴不超过15万元」 outranks np49's "
    "sentence, with the session's opening code too: 收割机/收割/割机 each count where 甘蔗 counts once, and the English "
    "title names no document the linker can find (BENCHMARKS.md, left)"))
def test_an_english_question_about_a_machine_no_glossary_names_is_answered_from_its_plan(  # type: ignore[no-untyped-def]
        qa) -> None:
    """「sugarcane harvesters」 is read through CC-CEDICT as the plan's 甘蔗收获机."""
    answer = qa.ask("Under the 2024–2026 operating requirements for agricultural machinery purchase and application "
                    "subsidies, what is the per-machine subsidy cap for large sugarcane harvesters?")
    assert "40万元" in answer.answer, answer.answer


# Rules of the tenth session, each from a tuning plan's failure (question, what the answer
# holds, whether it counts as found).
TENTH_SESSION_QUESTIONS = [
    # A sentence ending 「…提供以下申请材料：」 leads the items printed after it (「一、…」「二、…」),
    # though another sentence (「并提交相关材料」) shares more of the question's words.
    ("申请明溪县住房消费补贴需要向县住建局提交哪些材料？",
     ["《明溪县购房补贴申请审批表》", "《商品房买卖合同备案信息表》", "学历证明、职称证明"], True),
    # 「不能享受补贴的情形」 printed 「…的，不享受本措施的补贴政策」: every such case.
    ("明溪县修订后的购房补贴措施规定了哪些不能享受补贴的情形？",
     ["以商品住房产权抵偿个人债务", "解除合同登记备案并重新办理登记备案", "已通过验收的房地产开发项目"], True),
    # 截至 and 截止 are one word; 「什么时间段」 asks for dates, it is not a thing to find.
    ("明溪县购房补贴的申报截止时间是哪天？", ["2023年8月20日"], True),
    ("明溪县购房消费补贴适用于什么时间段内、多大面积以下的新建商品住房？", ["2023年2月20日", "144平方米以下"], True),
    # 「把重点任务分成了哪几个方面」: the section 把 takes, its sub-sections the items.
    ("泰安市支持人工智能OPC发展的实施意见把重点任务分成了哪几个方面？",
     ["优化空间载体", "强化算力支撑", "提升服务效能", "开放应用场景", "强化金融支撑"], True),
    # Who is responsible, and 「哪两个区」 (no 「个区」 list to look for).
    ("泰安市OPC实施意见中“布局建设OPC社区”这项任务由哪些市级部门负责？先行试点的是哪两个区？",
     ["市发展改革委", "市人力资源社会保障局", "泰山区", "岱岳区"], True),
    # 「免租期」 is printed by no plan: a verb a noun makes a name of is the thing asked about.
    ("泰安市支持人工智能OPC发展的实施意见给入驻OPC社区的OPC主体提供多少年的免租期？", ["免租"], False),
    # 二手 and 新建 housing are cases plans keep apart: a rule for one says nothing of the other.
    ("在明溪县购买二手住房，按这份若干措施每套能拿到多少购房补贴？", ["新建商品住房"], False),
    # A place inside the one plan named is a word the answer must print, not the plan's scope.
    ("吕梁综合能源站专项规划在石楼县布局了几个综合能源站？", ["石楼县综合能源站布局3个"], True),
    # 外地 and 异地 are one word.
    ("在外地缴存公积金的职工想在吉林市办公积金异地贷款，这项政策归哪个部门落实？", ["市住房公积金管理中心"], True),
    # A term no plan defines or spells out, described where a plan says what it is to build.
    ("济南推进方案里说的“数字先锋城市”是指什么样的城市？", ["数字产业化、产业数字化、城市数字化协同发展"], True),
    # A plan whose title names no place speaks as 济南 (「我市」, 「济南市…」): its region.
    ("济南《加快数字化高质量发展打造数字先锋城市推进方案》提出，到2025年济南数字经济占GDP比重要超过多少？", ["50%"], True),
    # A plan printing no title is named by its opening sentence; its task found by the quoted heading.
    ("济南先进制造业和数字经济若干政策措施中“积极引进培育行业领先领军企业”的责任单位有哪些？",
     ["市投资促进局", "市经济和信息化委", "市发改委", "市工商局", "市财政局"], True),
    ("济南市促进先进制造业和数字经济发展的若干政策措施中，主营业务收入首次突破1000亿元的法人企业奖励多少？",
     ["1000万元"], True),
]


ELEVENTH_SESSION_QUESTIONS = [
    # Who gives it and what it is: the sentence that gives (「鼓励地方政府及企事业单位…阶段性减免」),
    # not only the task's 责任单位 note.
    ("湖南的文件对充电设施建设场地的租金有什么支持？由谁来给？", ["地方政府及企事业单位", "阶段性减免"], True),
]


TWELFTH_SESSION_QUESTIONS = [
    # A guide's form of fields: the asked field of the kind the question names.
    ("常州车网互动申报指南里聚合互动类按什么标准补贴？", ["聚合互动类", "2元/千瓦时"], True),
    ("常州车网互动申报指南对放电类补贴设了哪些支持条件？", ["放电类", "单独装表计量", "承诺书"], True),
    ("常州车网互动专项资金申报指南的支持范围分哪几类？", ["放电类", "聚合互动类", "智能有序充电试点社区"], True),
    ("光明区对投资建设虚拟电厂资源聚合平台的企业如何资助？", ["10%", "200万元"], True),
    # A field that cannot give what is asked is no answer (no standard there is per kWh discharged).
    ("光明区储能扶持计划对用户侧储能按放电量每千瓦时给多少补贴？", [], False),
    # An amount named, who asked: the deciding unit, not a missing figure.
    ("常州车网互动专项资金的补贴名单和金额由哪个部门审核确定？", ["市发展改革委审核"], True),
    # Co-signers side by side above the notice's date are the issuers.
    ("常州车网互动专项资金申报指南是哪几个部门联合印发的？", ["常州市财政局", "常州市住房和城乡建设局"], True),
    # A deadline asked: the sentence printing one.
    ("常州车网互动专项资金项目最迟什么时候前要完成申报？", ["2025年12月底前"], True),
    # 「6万亿元」 is money; 「A与全国的差距」 is one measure, not two parts.
    ("云南现代物流业三年行动方案里，社会物流总额要达到多少？物流总费用占GDP比率与全国的差距要缩小到多少以内？",
     ["6万亿元", "1个百分点"], True),
    # A threshold asked of the same task is said by 「1000吨标煤以上」.
    ("盐都方案里重点耗能企业节能降碳行动覆盖多少家企业？纳入门槛是多少？", ["24家", "1000吨标煤"], True),
]


THIRTEENTH_SESSION_QUESTIONS = [
    # A PDF whose font printed 「，」「。」 as Yi syllables is read; a question asking no figure
    # still keeps the figure of the comma-part that holds its words.
    # 「扣减办法有什么不一样」 asks how each 扣减s: 办法 is the user's word, not the head to find.
    ("四川支持创业带动就业的措施中，个体经营税收优惠与企业扩岗税收减免的扣减办法有什么不一样？", ["24000", "定额"], True),
]


FOURTEENTH_SESSION_QUESTIONS = [
    # A share asked (「按费用的多少比例」), and the sentence about the thing prints none: refused.
    ("泰安市对OPC主体购买智能算力按费用的多少比例给予补贴？", ["比例"], False),
    # A sum per item asked of one thing (电动自行车): the plan speaks of it and prints no sum
    # for it; another vehicle's sum per vehicle is no answer.
    ("广东2025年以旧换新工作方案中，电动自行车以旧换新每辆补贴多少元？", ["电动自行车"], False),
    # Each grade asked gets its own share; the ceiling after them is kept.
    ("广东2025年以旧换新工作方案对购买1级和2级能效家电分别按什么比例补贴？每件最多补多少？", ["15%", "20%", "2000元"], True),
    # 「哪些领域」: the sentence closing its enumeration with 「等领域」 lists them.
    ("广东2025年大规模设备更新工作方案新增将哪些领域纳入设备更新支持范围？", ["电子信息", "安全生产", "设施农业"], True),
    # 「国家级…和省、市级…有什么不同」: the line on 国家级 platforms mentions 「市级及以上」 in passing;
    # 「省、市级」 is answered by its own line.
    ("光明区新型储能扶持计划对国家级创新平台和省、市级创新平台的配套资助有什么不同？", ["1000万元", "500万元"], True),
    # 「parking」「popularised」 read; 「kWh」 is a word of the question, not an acronym a plan prints.
    ("Which types of integrated parking-and-charging facilities does the Hunan charging infrastructure opinion "
     "say should be popularised?", ["机械式", "立体式", "移动式"], True),
    ("Under Pudong New Area's energy-saving and low-carbon fund rules, how much subsidy per kWh can a company get "
     "for using green electricity from outside Shanghai, and what is the annual cap per company?",
     ["0.05元/千瓦时", "100万元"], True),
    # Money asked (「多少专项资金」) and only shares and counts printed near: refused.
    ("山东为服务业数字化转型安排了多少专项资金？", ["专项资金"], False),
    # 「由哪个单位、在哪天印发」 asks the issuer too.
    ("济南市促进先进制造业和数字经济发展的若干政策措施由哪个单位、在哪天印发？", ["济南市人民政府办公厅"], True),
    # 「how long」 asks a time; 「falsified … barred … special funds」 are the rule's own words, and
    # once the glossary has read the question, retrieval's order no longer outweighs them.
    ("Under Changzhou's 2025 vehicle-grid interaction pilot fund guide, for how long is an applicant found to "
     "have falsified materials barred from applying for Changzhou's fiscal special funds?", ["3年内不得申报"], True),
]


@pytest.mark.parametrize(("question", "holds", "found"),
                         ELEVENTH_SESSION_QUESTIONS + TWELFTH_SESSION_QUESTIONS + THIRTEENTH_SESSION_QUESTIONS
                         + FOURTEENTH_SESSION_QUESTIONS)
def test_later_sessions_rules_on_tuning_plans(qa, question: str,  # type: ignore[no-untyped-def]
                                              holds: list[str], found: bool) -> None:
    answer = qa.ask(question)
    said = unicodedata.normalize("NFKC", answer.answer)
    assert answer.found is found and all(h in said for h in holds), answer.answer
    assert "未给出" not in said, answer.answer  # every asked part is answered


@pytest.mark.parametrize(("question", "holds", "found"), TENTH_SESSION_QUESTIONS)
def test_tenth_session_rules_on_tuning_plans(qa, question: str,  # type: ignore[no-untyped-def]
                                             holds: list[str], found: bool) -> None:
    answer = qa.ask(question)
    said = unicodedata.normalize("NFKC", answer.answer)  # quoted as printed: 「１０００万元」
    assert answer.found is found and all(h in said for h in holds), answer.answer
