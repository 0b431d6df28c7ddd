"""Answers planned part by part on the ingested seeds: the app's example questions, lists,
several facts at once, comparisons with a side that sets nothing, questions about the
documents, follow-ups that keep the asked metric, and the wording of figures and tasks."""

from __future__ import annotations

import pytest

from qa.service import QAService
from qa.strategies.comparison import own_questions
from tests.test_qa import assert_numbers_cited, body, squash
from ui.views.chat import EXAMPLES
from ui.wiring import build_qa

pytestmark = pytest.mark.slow

# What a correct answer to each example question in the app holds (squashed text).
EXAMPLE_FACTS = {
    "湖北省到2025年数字经济核心产业增加值目标是多少？": ["6000亿元"],
    "武汉市2027年高性能算力规模目标是多少？": ["7.2EFLOPS", "7.2×1018"],  # printed 7.2×10¹⁸
    "比较湖北省、武汉市和武汉经开区的数据中心PUE目标": ["武汉市：", "1.4以下", "湖北省：已加载的规划文件未设定"],
    "智能化改造由哪些单位负责？": ["市经信局", "市财政局"],
    "首次进入全国软件百强能拿多少奖励？谁出钱？": ["200万元", "市区各承担50%"],
    "获得国家双跨工业互联网平台能拿多少奖励？": ["500万元"],
    "国家重大招投标项目的配套资金封顶多少？": ["1000万元"],
    "揭榜挂帅攻关成功有什么奖励？": ["200万元"],
    "武汉市突破性发展数字经济实施方案引用了哪些文件？": ["《湖北省数字经济发展纲要"],
    "什么是双跨平台？": ["跨行业、跨领域"],
    "武汉经开区数字经济规模目标是多少？": ["超千亿"],
}


@pytest.fixture(scope="module")
def qa(store, settings, seeded) -> QAService:  # type: ignore[no-untyped-def]
    return build_qa(settings, store)


def test_every_example_question_has_an_expected_answer() -> None:
    examples = {q for questions in EXAMPLES.values() for q in questions}
    assert examples == set(EXAMPLE_FACTS), "an example in the app has no check here, or a check no example"


@pytest.mark.parametrize("question", sorted(EXAMPLE_FACTS))
def test_example_question(qa: QAService, question: str) -> None:
    answer = qa.ask(question)
    assert answer.found, answer.answer
    for fact in EXAMPLE_FACTS[question]:
        assert squash(fact) in body(answer), f"{fact!r} missing from {answer.answer}"
    assert_numbers_cited(answer)


@pytest.mark.parametrize(("question", "items"), [
    ("经开区“七园”是哪七个园区？", ["5G+工业互联网产业园", "云计算产业园", "南太子湖创新谷",
                                    "新能源与智能网联汽车创新产业园"]),
    ("规划里说要打造“四类平台”，具体是哪四类？", ["数字化转型促进", "数字技术创新", "数据创新应用", "数字人才"]),
    ("3大数字新融合指哪三个领域？", ["制造业数字化改造", "服务业数字化提升", "农业数字化转型"]),
    ("湖北要建设哪三大新型智慧城市群？", ["武汉城市圈", "襄十随神", "宜荆荆恩"]),
    # No 「八大工程」 printed: the sibling sections whose headings end with 工程, found from
    # an item inside one of them; 「部署了」 is the question's verb, not a refusal anchor.
    ("武汉市加快推进数字经济高质量发展实施方案（2025—2027年）部署了哪几大工程？",
     ["数据要素价值激活工程", "人工智能价值引领工程", "平台经济促进工程"]),
    # The quoted word is what every item ends with; no sentence names the list.
    ("湖北要求大数据中心往哪几个“化”的方向建设？", ["规模化", "算力化", "智能化", "协同化", "绿色化"]),
    # 「哪四个层面」: the count and the kind are the question's words, not the plan's.
    ("经开区5G+工业互联网重点引进哪四个层面的企业？", ["平台层", "软件层", "应用层", "安全层"]),
])
def test_a_list_answers_with_its_items(qa: QAService, question: str, items: list[str]) -> None:
    answer = qa.ask(question)
    assert answer.found and all(item in body(answer) for item in items), answer.answer


def test_a_quote_asked_for_keeps_the_words_asked_about_not_the_figures(qa: QAService) -> None:
    """The sentence is long and its first figure (「2020中国5G+…大会」) is no answer to
    「原文怎么描述的」: the part that prints the quoted name is what is quoted."""
    answer = qa.ask("湖北规划里要构建的“国家数字经济中部脊梁”，原文怎么描述的？")
    assert answer.found and "立足中国" in answer.answer and "中部脊梁" in answer.answer, answer.answer


def test_an_investor_naming_two_honours_gets_each_reward_once(qa: QAService) -> None:
    answer = qa.ask("我们公司今年获批了国家“双跨”工业互联网平台，又第一次进了全国互联网百强，"
                    "按武汉突破性方案能拿哪些奖励？钱谁出？")
    text = body(answer)
    assert "500" in text and "200" in text and "各承担" in text, answer.answer
    assert text.count("全国互联网百强") == 1 and "未给出" not in text, answer.answer


def test_a_section_asked_for_without_a_count_answers_with_its_items(qa: QAService) -> None:
    answer = qa.ask("湖北省数字经济规划的保障措施有哪些？")
    items = ["强化统筹领导和组织保障", "建立第三方评估督导模式", "畅通数字经济投融资渠道",
             "健全多元参与的激励机制", "加强数字化人才队伍建设", "夯实数字经济的安全保障"]
    assert answer.found and all(item in body(answer) for item in items), answer.answer
    assert len(answer.citations) >= len(items)  # each item cites its own clause


def test_the_parts_a_plan_is_made_of_are_its_top_level_sections(qa: QAService) -> None:
    answer = qa.ask("湖北省数字经济发展“十四五”规划从哪几个方面部署？")
    items = ["发展基础与形势", "总体要求", "布局九大主要任务", "实施十大先导工程", "推进六大保障措施"]
    assert answer.found and all(item in body(answer) for item in items), answer.answer
    assert len(answer.citations) == len(items)
    assert_numbers_cited(answer)


def test_a_figure_of_something_no_plan_counts_is_refused(qa: QAService) -> None:
    # The plan names the fund but gives no size; sizes of other things are no answer.
    answer = qa.ask("湖北的5G产业发展基金规模是多少亿元？")
    assert not answer.found, answer.answer
    # A fund whose size is printed is answered with it.
    answer = qa.ask("到2027年武汉市数字经济领域产业基金总规模要达到多少亿元？")
    assert answer.found and "1000" in body(answer), answer.answer


def test_several_figures_in_one_question(qa: QAService) -> None:
    answer = qa.ask("5G基站、数据中心机架和算力分别要做到多少？")
    for fact in ("5G基站：", "3万个", "10万机架", "500P"):
        assert squash(fact) in body(answer), answer.answer
    assert_numbers_cited(answer)


def test_two_figures_of_one_city_come_from_its_plans_and_a_missing_one_is_said(qa: QAService) -> None:
    # 分别 asks two things of one place: the province's plan does not answer for the city,
    # and the part the city's plans set is not dropped for the one they do not.
    answer = qa.ask("武汉市数字经济核心产业增加值和软件业务收入分别是多少？")
    assert answer.found and "10%" in body(answer), answer.answer
    assert squash("软件业务收入：武汉市的规划未给出") in squash(answer.answer), answer.answer
    assert answer.citations and all(c.doc_title.startswith("武汉市") for c in answer.citations), answer.answer
    assert_numbers_cited(answer)


def test_comparison_says_when_the_sides_measure_different_things(qa: QAService) -> None:
    answer = qa.ask("湖北省和武汉市对数字经济核心产业的目标分别是多少？")
    assert "湖北省：" in answer.answer and "武汉市：" in answer.answer
    assert "口径不同" in answer.answer and "6000亿元" in body(answer) and "10%" in body(answer)


def test_a_past_year_beside_a_goal_year_reads_the_result(qa: QAService) -> None:
    answer = qa.ask("数据资产入表：2024年实际完成了多少家，2027年目标是多少家？")
    assert "2024年：" in answer.answer and "7家" in body(answer) and "100家" in body(answer)


def test_two_plans_of_one_city_by_year(qa: QAService) -> None:
    answer = qa.ask("武汉2020年的突破性方案和2025年的新方案，对5G基站的目标有什么不同？")
    assert "3万个" in body(answer) and "42个" in body(answer)
    assert {c.doc_id[:3] for c in answer.citations} == {"001", "002"}


def test_follow_up_keeps_the_metric_and_says_so(qa: QAService) -> None:
    first = "湖北省数字经济核心产业增加值占GDP比重2025年目标是多少？"
    history = [{"role": "user", "content": first}, {"role": "assistant", "content": qa.ask(first).answer}]
    answer = qa.ask("那武汉市呢？", history)
    assert "沿用上一问" in answer.answer and "核心产业增加值占GDP比重" in answer.answer
    # Wuhan's plans set a neighbouring metric only: said as such, never as the answer.
    assert answer.found is False and "未设定" in answer.answer


def test_follow_up_with_a_new_subject_asks_the_same_of_it(qa: QAService) -> None:
    first = "卫星互联超前部署由哪些单位负责？"
    history = [{"role": "user", "content": first}, {"role": "assistant", "content": qa.ask(first).answer}]
    answer = qa.ask("那数据中心存算一体呢？", history)
    assert answer.found and "市经信局" in body(answer) and "数据中心" in body(answer)


def test_follow_up_swaps_the_counterpart_it_names(qa: QAService) -> None:
    first = "经开区云计算产业的云服务平台（PaaS）重点发展哪些？"
    history = [{"role": "user", "content": first}, {"role": "assistant", "content": qa.ask(first).answer}]
    answer = qa.ask("那SaaS呢？", history)
    assert "工业云软件" in body(answer) and "工业云平台" not in body(answer), answer.answer


def test_follow_up_swaps_a_counterpart_sharing_only_its_last_character(qa: QAService) -> None:
    """软件层 → 安全层: the previous question asked of the new layer, not the old one kept as
    context (whose words would rank the sentence naming every layer first)."""
    first = "经开区5G+工业互联网的软件层重点发展什么？"
    history = [{"role": "user", "content": first}, {"role": "assistant", "content": qa.ask(first).answer}]
    answer = qa.ask("安全层呢？", history)
    assert "工控安全芯片" in body(answer), answer.answer


def test_a_responsibility_question_naming_its_tasks_gets_no_false_not_given_notes(qa: QAService) -> None:
    answer = qa.ask("首次进百强、获批双跨平台这些一次性奖励，由哪些单位负责落实？")
    assert "市经信局" in body(answer) and "未给出" not in answer.answer, answer.answer


def test_items_numbered_one_is_two_is(qa: QAService) -> None:
    answer = qa.ask("湖北自己承认数字经济有哪些短板弱项？")
    assert all(item in body(answer) for item in ("一是数字化意识不足", "二是龙头型明星企业缺乏", "四是")), answer.answer


def test_a_short_task_clause_naming_its_items_one_sentence_each_is_the_list(qa: QAService) -> None:
    answer = qa.ask("2025—2027年方案里，网络基础设施这块具体要推进哪些网络建设？")
    assert all(item in body(answer) for item in ("万兆光网", "5G-A", "6G", "国家新型互联网交换中心")), answer.answer


def test_which_documents_mention_a_quoted_term(qa: QAService) -> None:
    answer = qa.ask("手头这几份材料里，哪些提到了“揭榜挂帅”？")
    assert len({c.doc_id for c in answer.citations}) >= 4
    assert all("揭榜挂帅" in c.text for c in answer.citations)


def test_metadata_asked_in_other_words(qa: QAService) -> None:
    issuer = qa.ask("武汉2025—2027年数字经济实施方案是以哪个机关的名义印发的？")
    assert "武汉市人民政府办公厅" in body(issuer), issuer.answer
    field = qa.ask("湖北数字经济十四五规划在省政府网站上的索引号是多少？")
    assert "011043102/2021-62728" in body(field), field.answer


def test_a_sum_no_answering_sentence_prints_is_not_given(qa: QAService) -> None:
    answer = qa.ask("武汉2025—2027年方案对新引进的数字经济重大项目给多少落户奖励？")
    assert answer.found is False and "金额" in answer.answer


def test_a_goal_another_plan_sets_is_not_this_plans(qa: QAService) -> None:
    answer = qa.ask("湖北十四五规划提出2025年全省人工智能产业规模要达到多少？")
    assert answer.found is False and "未设定" in answer.answer


def test_documents_a_plan_cites(qa: QAService) -> None:
    answer = qa.ask("经开区数字经济产业发展规划引用了哪些文件？")
    assert "《湖北省数字经济发展“十四五”规划》（已收录）" in answer.answer
    assert all(c.doc_id.startswith("000") for c in answer.citations)


def test_the_newest_plan(qa: QAService) -> None:
    answer = qa.ask("哪个规划最新？")
    assert answer.found and "武汉市加快推进数字经济高质量发展实施方案" in answer.answer
    assert "2025年3月28日" in answer.answer


def test_which_plans_mention_something(qa: QAService) -> None:
    answer = qa.ask("哪几份文件提到了“汉融通”？")
    assert {c.doc_id[:3] for c in answer.citations} == {"001", "002"}
    assert all("汉融通" in c.text for c in answer.citations)


def test_a_one_character_task_heading_is_readable(qa: QAService) -> None:
    answer = qa.ask("市经信局负责哪些任务？")
    assert "“光”" not in answer.answer and "光（" in answer.answer


def test_an_agencys_tasks_asked_as_which_task_it_leads(qa: QAService) -> None:
    """「牵头负责哪项工作」 asks the agency's tasks as 「负责哪些任务」 does."""
    one, all_ = qa.ask("市经信局牵头负责哪项工作？"), qa.ask("市经信局负责哪些任务？")
    assert "列为责任单位的任务" in one.answer
    assert [c.clause_id for c in one.citations] == [c.clause_id for c in all_.citations]


def test_a_circled_list_item_the_question_names(qa: QAService) -> None:
    answer = qa.ask("“七园”里的智能终端产业园，重点布局哪些企业？")
    assert "工业机器人" in body(answer) and "云计算产业园" not in body(answer)


def test_lookups_are_short(qa: QAService) -> None:
    for question in ("2024年武汉新建和优化提升了多少个数字经济产业园区？新签约多少企业？",
                     "湖北十四五规划对全省服务贸易额有什么目标？"):
        answer = qa.ask(question)
        assert answer.found and len(answer.answer.split("\n\n来源：")[0]) <= 300, answer.answer


def test_ask_file_answers_a_conversation(env, seeded) -> None:  # type: ignore[no-untyped-def]
    import json

    from tests.conftest import run_cli

    lines = "\n".join([
        "首次进入全国软件百强能拿多少奖励？",
        json.dumps({"conversation": ["湖北省数字经济核心产业增加值占GDP比重2025年目标是多少？", "那武汉市呢？"]},
                   ensure_ascii=False),
        json.dumps({"question": "那2027年呢？", "history": [
            {"role": "user", "content": "武汉市高性能算力规模目标是多少？"},
            {"role": "assistant", "content": "7.2EFLOPS"}]}, ensure_ascii=False),
    ])
    result = run_cli(env, "ask", "--json", "--file", "-", stdin=lines)
    assert result.returncode == 0, result.stderr
    answers = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(answers) == 4
    assert "conversation" not in answers[0] and "200" in answers[0]["answer"]
    assert [(a["conversation"], a["turn"]) for a in answers[1:3]] == [(2, 1), (2, 2)]
    assert "沿用上一问" in answers[2]["answer"]
    bad = run_cli(env, "ask", "--json", "--file", "-", stdin='{"conversation": 3}')
    assert bad.returncode == 2 and "line 1" in bad.stderr


def test_eval_qa_reports_tuning_and_frozen_parts_apart(env, seeded) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import run_cli

    result = run_cli(env, "eval", "qa", "--set", "dev", "-v", timeout=900)
    assert result.returncode == 0, result.stderr
    assert "== dev (tuning)" in result.stdout and "== dev (frozen test)" in result.stdout
    frozen = result.stdout.split("== dev (frozen test)")[1]
    assert "FAIL" not in frozen  # a frozen part's failures are never shown


def test_a_documents_record_and_its_page_fields_in_one_answer(qa: QAService) -> None:
    """「文号…？现在还有效吗？」: the record's 文号 and the page's 效力状态 line, both cited;
    「由哪些机关发布」 asks the issuer."""
    answer = qa.ask("湖北省数字经济发展“十四五”规划的文号是什么？现在还有效吗？")
    assert "鄂政发〔2021〕24号" in answer.answer and "效力状态：有效" in answer.answer, answer.answer
    answer = qa.ask("湖北省数字经济发展“十四五”规划是由哪些机关发布的？")
    assert "发文机关" in answer.answer and "湖北省人民政府" in answer.answer, answer.answer


def test_two_documents_named_by_their_titles_compared_by_date(qa: QAService) -> None:
    answer = qa.ask("湖北省数字经济发展“十四五”规划和武汉市加快推进数字经济高质量发展实施方案，哪份印发得更晚？")
    assert answer.answer.startswith("较新的是《武汉市加快推进数字经济高质量发展实施方案"), answer.answer
    assert "2021年10月17日" in answer.answer and len(answer.citations) == 2, answer.answer
    assert_numbers_cited(answer)


def test_how_a_user_asks_for_a_measure_is_not_a_word_to_find(qa: QAService) -> None:
    """「有没有容错的办法」: 办法 is the user's way of asking, not the plan's word for it."""
    answer = qa.ask("数字经济企业在武汉万一有轻微违规，监管上有没有容错的办法？")
    assert answer.found and "免罚清单" in answer.answer, answer.answer


@pytest.mark.parametrize(("question", "holds"), [
    # Each side of a comparison found by the question asked of that side alone; 「基础信息库」
    # is printed with a modifier inside (「基础信息资源库」, 「信用信息等基础库」).
    ("经开区和湖北省分别打算建哪些基础信息库？", ["经济运行", "公共信用", "宏观经济", "信用信息"]),
    # 「东西」 is no place, and 「A和B、C等」 is a list of three.
    ("经开区的智能终端硬件孵化器给入驻团队提供什么东西？", ["电子元器件", "样机生产设备"]),
    # 「之间」「安排」 are how the user asks, not words the plan must print.
    ("企业之间的数字经济纠纷，武汉2025—2027年实施方案对仲裁有何安排？", ["仲裁规则"]),
])
def test_thirteenth_session_rules_on_the_seeds(qa: QAService, question: str, holds: list[str]) -> None:
    answer = qa.ask(question)
    assert answer.found and all(h in body(answer) for h in holds), answer.answer


@pytest.mark.parametrize(("question", "holds"), [
    # Two plans compared: the words naming them (「突破性方案」「十四五规划」) pick no sentence, and
    # a region's side is the plan the question names, not every plan of that region.
    ("在专家智库上，武汉突破性方案和湖北十四五规划各设了什么？", ["数字经济专家委员会", "数字经济专家库"]),
    # 「按经开区规划的说法」 names whose plan says it: no comparison of 经开区 and 武汉市.
    ("按经开区规划的说法，武汉市近年密集出台了哪些数字经济规划和方案？",
     ["武汉市北斗产业发展行动计划", "武汉市促进线上经济发展实施方案"]),
    # 「城市电网」 printed as one phrase speaks of the city grid; 「城市」 and 「电网」 apart may not.
    ("城市电网方面，武汉突破性方案和2025—2027年方案的提法分别是什么？", ["世界一流城市电网", "智能电网"]),
    # A name holding 「+」 is looked for whole, not as the shorter entity inside it.
    ("中国5G+工业互联网大会在哪几份文件里出现过？", ["湖北省数字经济发展“十四五”规划", "武汉打造数字经济发展新高地"]),
    # 「各自重点发展哪些」: the sentence printing 「重点发展」 before its enumeration.
    ("智能终端产品，湖北规划和经开区规划各自重点发展哪些？有什么不一样？", ["智能手机", "服务机器人"]),
    # 「除了电商和物流指标」 sets those aside: no part of the answer; 「地方」 is the user's word.
    ("湖北的全国数字商贸物流中心，除了电商和物流指标，还要建成哪两个“重要”的地方？",
     ["国际顶级创新要素的重要汇聚地", "国家数字服务的重要出口基地"]),
])
def test_fourteenth_session_comparisons_on_the_seeds(qa: QAService, question: str, holds: list[str]) -> None:
    answer = qa.ask(question)
    assert answer.found and all(h in body(answer) for h in holds), answer.answer


def test_each_place_a_name_is_printed_is_cited(qa: QAService) -> None:
    answer = qa.ask("中国5G+工业互联网大会在哪几份文件里出现过？")
    assert any("办好中国5G+工业互联网大会" in c.text for c in answer.citations), answer.answer
    assert "未给出" not in answer.answer


def test_an_english_question_naming_its_thing_in_chinese_gets_that_things_figure_or_none(qa: QAService) -> None:
    """「(5G全连接工厂)」: the plan says to build them and gives no number."""
    answer = qa.ask("How many 5G full-connection factories (5G全连接工厂) does Hubei aim to have by 2025?")
    assert not answer.found and "5G全连接工厂" in answer.answer, answer.answer


def test_a_side_named_by_its_short_form_asks_its_own_part(qa: QAService) -> None:
    """「经开区建的又是什么平台」: the zone, named by its short form, asks its own question."""
    linked = qa._engine.linker.link("推动企业上云，湖北省打的是什么品牌，经开区建的又是什么平台？")
    assert ("经开区", "武汉经济技术开发区") in linked.region_named
    assert own_questions(linked.raw, [("湖北省", ["湖北省"]), ("武汉经济技术开发区", ["经开区"])]) == {
        "湖北省": "推动企业上云打的是什么品牌", "武汉经济技术开发区": "推动企业上云建的又是什么平台?"}


def test_a_follow_up_pointing_at_a_thing_by_a_word_of_its_name_asks_of_that_thing(qa: QAService) -> None:
    """「沿长江那条带呢？」: the belt the plan names 「沿长江数字经济连绵带」, asked as before."""
    history = [{"role": "user", "content": "湖北“汉江数字经济连绵带”要发挥哪个城市的副中心作用？"},
               {"role": "assistant", "content": "发挥襄阳省域副中心城市作用。"}]
    answer = qa.ask("沿长江那条带呢？", history)
    assert "沿长江数字经济连绵带" in answer.answer and "宜昌" in body(answer), answer.answer


def test_asking_for_levers_is_no_word_a_sentence_must_print(qa: QAService) -> None:
    """「各有什么抓手」 asks for the measures; 「以…为抓手」 is not one by that word."""
    linked = qa._engine.linker.link("文旅数字化，武汉突破性方案和2025—2027年方案各有什么抓手？")
    terms = qa._engine.ranker.terms(linked)
    assert terms.get("抓手", 0) < terms["文旅"] / 4  # a question word weighs a fifth of itself


def test_documents_by_the_year_their_period_ends_or_runs_through(qa: QAService) -> None:
    answer = qa.ask("库里哪些规划的规划期到2025年？")
    assert "武汉经济技术开发区数字经济产业发展规划" in answer.answer, answer.answer
    assert "湖北省数字经济发展“十四五”规划" in answer.answer, answer.answer
    assert "2025—2027" not in answer.answer.split("来源")[0], answer.answer
    answer = qa.ask("哪几份方案的实施期限覆盖2026年？")
    assert "（2025—2027年）" in answer.answer and "十四五" not in answer.answer.split("来源")[0], answer.answer
    assert_numbers_cited(answer)


def test_a_follow_up_on_a_park_quotes_the_sentence_about_it(qa: QAService) -> None:
    """「④人工智能科技园，重点集聚…打造国家级人工智能产业众创基地」 is about the park; sentences listing
    it among other carriers (「加快推动人工智能科技园、…等数字经济载体建设」) only name it."""
    history = [{"role": "user", "content": "七园当中的中国电子数字经济产业园，要建成什么样的区？"},
               {"role": "assistant", "content": "打造国家级产业数字化升级引领区。"}]
    answer = qa.ask("那人工智能科技园呢？", history)
    assert answer.found and "众创基地" in body(answer), answer.answer


def test_an_english_question_about_conferences_reads_them_as_the_plans_print_them(qa: QAService) -> None:
    """「conference」 is the plans' 大会, not CC-CEDICT's 会议."""
    answer = qa.ask("To lift its standing in AI applications, which two conferences will the Wuhan Economic and "
                    "Technological Development Zone hold?")
    assert "国际智能网联汽车大会" in body(answer) and "中国智能家居大会" in body(answer), answer.answer
