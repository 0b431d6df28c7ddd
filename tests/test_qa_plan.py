"""Planning an answer from a question's grammar, and the wording rules, without the graph:
what is asked (parts, lists and their size, sub-questions), how metrics compare, how
figures read. Sentences here are invented in the style of plans, not taken from the seeds."""

from __future__ import annotations

import pytest

from qa.definitions import abbreviation_pattern, asked_term
from qa.link import Linked
from qa.plan import core_phrase, enumerated_parts, further_questions, list_count, make_plan
from qa.strategies.parts import attribute_said
from qa.strategies.refusal import _for_the_year, _ordinals, measured_kind, measured_thing
from qa.strategies.sections import section_names
from qa.strategies.targets import _negated, metric_similarity
from qa.types import ClauseRecord
from qa.wording import focus, render_record, task_title, typeset

PRINTED = "软件和信息技术服务业营业收入；新能源和智能网联汽车"


def known(text: str) -> bool:
    return text in PRINTED


@pytest.mark.parametrize(("question", "parts"), [
    ("5G基站、数据中心机架和算力分别要做到多少？", ["5G基站", "数据中心机架", "算力"]),
    ("规上工业企业关键工序数控化率和数字化研发设计工具普及率，2027年分别要到多少？",
     ["规上工业企业关键工序数控化率", "数字化研发设计工具普及率"]),
    ("计划接入多少市场主体、上架多少数据产品？", ["市场主体", "数据产品"]),
    ("软件和信息技术服务业营业收入目标是多少？", []),          # a name the plans print whole
    ("数字经济核心产业增加值占比是多少？", []),
    # 「省、市级」: one character before 、 shares the next item's suffix (省级 and 市级 together).
    ("对国家级创新平台和省、市级创新平台的配套资助有什么不同？", ["国家级创新平台", "省、市级创新平台的配套资助"]),
    # 「1级和2级能效家电」: the grade alone shares the noun the last grade names.
    ("对购买1级和2级能效家电分别按什么比例补贴？", ["购买1级能效家电", "2级能效家电"]),
])
def test_enumerated_parts(question: str, parts: list[str]) -> None:
    assert enumerated_parts(question, known) == parts


def test_regions_are_sides_not_parts() -> None:
    question = "江苏省和苏州市对数字经济核心产业的目标分别是多少？"
    plan = make_plan(Linked(text=question, focus=question, raw=question, surfaces=("江苏省", "苏州市"),
                            scope_surfaces=("江苏省", "苏州市")), known)
    assert plan.parts == () and plan.core == "数字经济核心产业" and "quantity" in plan.asks


def test_a_date_asked_of_several_things_is_one_date_unless_asked_for_each() -> None:
    def plan_of(question: str):  # type: ignore[no-untyped-def]
        return make_plan(Linked(text=question, focus=question, raw=question), known)
    assert plan_of("农民、大学生和二三孩家庭的购房补贴最晚什么时候之前申报？").parts == ()
    assert len(plan_of("农民、大学生和二三孩家庭的购房补贴分别什么时候之前申报？").parts) == 3
    assert len(plan_of("农民、大学生和二三孩家庭的购房补贴各是多少？").parts) == 3


def test_one_character_items_are_also_searched_run_together() -> None:
    from qa.link import searched_text

    assert "油气氢电" in searched_text("吕梁的油、气、氢、电分别由哪些部门负责？")
    assert searched_text("广东、江苏、浙江的目标") == "广东、江苏、浙江的目标"  # names, not characters


def test_a_follow_up_swaps_the_word_standing_where_its_subject_would() -> None:
    from qa.followup import _swap_counterpart

    assert _swap_counterpart("经开区云计算产业的云服务平台（PaaS）重点发展哪些？", "SaaS") == \
        "经开区云计算产业的SaaS重点发展哪些？"
    assert _swap_counterpart("一孩家庭购房有什么补贴？", "二孩家庭") == "二孩家庭购房有什么补贴？"
    assert _swap_counterpart("汽车以旧换新活动安排了多少财政补贴资金？", "家电") is None
    # A three-character name sharing only its last character; not a longer phrase ending in 的.
    assert _swap_counterpart("经开区工业互联网的软件层重点发展什么？", "安全层") == "经开区工业互联网的安全层重点发展什么？"
    assert _swap_counterpart("企业获批省五星级“上云”企业能拿到多少奖励？", "四星级和三星级的") is None


def test_a_share_asked_is_its_own_ask() -> None:
    def asks(question: str) -> frozenset[str]:
        return make_plan(Linked(text=question, focus=question, raw=question), known).asks
    assert "share" in asks("按费用的多少比例给予补贴？") and "share" in asks("补贴比例是多少？")
    assert "share" not in asks("补贴多少钱？")
    assert {"amount", "money"} <= asks("为服务业数字化转型安排了多少专项资金？")
    assert "money" not in asks("补贴多少钱？")  # a sum, but a share would also answer it


def test_which_ones_is_no_count() -> None:
    def asks(question: str) -> frozenset[str]:
        return make_plan(Linked(text=question, focus=question, raw=question), known).asks
    assert "quantity" not in asks("工业互联网要在哪几个重点行业深化应用？")
    assert "quantity" in asks("要培育几个重点行业平台？")


def test_the_kind_a_list_asks_for_is_no_anchor() -> None:
    from qa.strategies.refusal import _asked_kind

    question = "要落实行业规范条件的再生资源具体包括哪些品类？"
    linked = Linked(text=question, focus=question, raw=question)
    assert _asked_kind(linked, "品类") and not _asked_kind(linked, "再生资源")


def test_ordinals_share_their_measure_word() -> None:
    assert _ordinals("二三孩家庭") == {("二", "孩"), ("三", "孩")}
    assert _ordinals("第二套住房和首次申请") == {("二", "套"), ("首", "套")}


@pytest.mark.parametrize(("question", "expected"), [
    ("开发区“七园”是哪七个园区？", (7, "七园")),
    ("开发区的七园是哪些？", (7, "七园")),
    ("规划里说要打造“四类平台”，具体是哪四类？", (4, "四类平台")),
    ("3大数字新融合指哪三个领域？", (3, "3大数字新融合")),
    ("要争取哪三个国家级平台落地，为“5G+工业互联网”提供支撑？", (3, "国家级平台")),
    ("“双智”试点是指哪两个试点？", (2, "双智")),
    ("“七园”里的智能终端产业园重点布局哪些企业？", (None, None)),  # asks about one of them
    ("“573”工程是什么？", (None, None)),  # a code, not a count
    ("方案提出的数字化转型重点工程是哪两个？", (2, "数字化转型重点工程")),  # nothing after the count
    # Parts of different kinds, each glossed on its own (「“一主”即…，“两副”即…」): no one list.
    ("项目实施地要在“一主两副”区域，“一主两副”具体指什么？", (None, None)),
])
def test_list_count(question: str, expected: tuple[int | None, str | None]) -> None:
    assert list_count(question) == expected


def test_further_questions_ask_their_own_subject() -> None:
    assert further_questions("，每年推广多少北斗农机？农机数字化年作业面积要超过多少？") == [
        "北斗农机", "农机数字化年作业面积"]
    assert further_questions("首次进入全国软件百强能拿多少奖励？谁出钱？") == []  # same subject
    # The measure word after 多少 (辆, 名, 套…) is not part of what is counted.
    assert further_questions("示范项目至少要投放多少辆换电车？全区最多认定几个？") == ["换电车", "全区认定"]
    # A later sentence asking two things at its comma asks each on its own.
    assert further_questions("，对微短剧产业定了什么目标？要建几个省级孵化基地，产值要到多少？") == [
        "微短剧产业", "省级孵化基地", "产值"]
    # 「其中…占比要求是多少」: the measure (占比) is what is asked, 要求 and 其中 are not.
    assert further_questions("，要求全县完成多少托管服务面积？其中服务小农户的面积占比要求是多少？") == [
        "托管服务面积", "服务小农户的面积占比"]
    # 「按照…转载的《…》，」 says where to look: no part.
    assert further_questions("按照，政府网站转载的，,一般补贴机具的单机补贴限额是多少?挤奶机械的单机补贴限额是多少?") == [
        "一般补贴机具的单机补贴限额", "挤奶机械的单机补贴限额"]
    # 「…政策又由谁牵头」: 又 and 由 belong to the question.
    assert further_questions("科技创新政策由哪个部门牵头实施？扩大内需政策又由谁牵头？") == [
        "科技创新政策", "扩大内需政策"]


def test_core_phrase_drops_question_and_document_words() -> None:
    assert core_phrase("，十四五规划对全省服务贸易额有什么目标") == "全省服务贸易额"
    assert core_phrase("用3年把数字经济增加值占GDP比重提到多少") == "数字经济增加值占GDP比重"
    assert core_phrase("人工智能产业规模要达到多少") == "人工智能产业规模"  # 「能」 inside a word stays
    # The unit after 多少 is not what is asked about; a counted noun is.
    assert core_phrase("2025年新型储能装机规模要达到多少万千瓦") == "新型储能装机规模"
    assert core_phrase("氢能产业发展基金的规模是多少亿元") == "氢能产业发展基金"
    assert core_phrase("接入多少市场主体") == "市场主体"
    assert core_phrase("对微短剧产业定了什么目标") == "微短剧产业"  # 定了 sets, it is not set


@pytest.mark.parametrize(("question", "names"), [
    ("苏州设备更新方案的保障措施有哪些？", ["苏州设备更新方案的保障措施", "保障措施"]),
    ("河南规划坚持哪些基本原则？", ["基本原则"]),
    ("大力推进设备更新行动涉及哪些领域？", ["大力推进设备更新行动"]),
    ("这项工作由哪些部门负责？", []),          # agencies are not a section
    ("还支持哪些城市培育消费中心城市？", []),  # nor places
])
def test_section_names(question: str, names: list[str]) -> None:
    assert section_names(question) == names


def test_the_thing_a_figure_counts() -> None:
    assert measured_thing("氢能产业发展基金") == "基金"
    assert measured_thing("新型储能装机规模") == "装机"  # 规模 measures, 装机 is measured
    assert measured_thing("首次入选的奖励") is None  # support goes by many names in the plans
    assert measured_thing("基金") is None  # one word: nothing to tell it from
    # A verb right before the measure word names the thing (jieba tags 首付 a verb), not the
    # noun before it: 商业贷款 would demand a sentence about the loan, not the down payment.
    assert measured_thing("二套房的商业贷款最低首付比例") == "首付"


def test_a_plan_without_a_period_speaks_of_the_year_it_is_issued_in() -> None:
    from qa.corpus import DocInfo

    measures = DocInfo("d", "某省关于做好以旧换新工作的通知", None, "2025-02-08", "province", "某省", None)
    assert _for_the_year(measures, 2025) and not _for_the_year(measures, 2026)
    plan = DocInfo("p", "某市规划", None, "2025-02-08", "city", "某市", "2021—2025")
    assert not _for_the_year(plan, 2025)  # its period says which years it covers


def test_the_kind_of_the_measured_thing_asked() -> None:
    # 「电源总装机容量」 gives another kind's figure than the 光伏 装机 asked.
    assert measured_kind("到十五五末全区光伏装机规模") == "光伏"
    assert measured_kind("新型储能装机规模") == "储能"
    assert measured_kind("全区装机规模") is None  # the plan's own territory is no kind
    assert measured_kind("基金") is None


@pytest.mark.parametrize(("said", "part", "answered"), [
    ("对“双一流”高校支持额度不超过5亿元，其他学校不超过2亿元。", "高校教育设备更新的支持比例", False),
    ("支持比例不超过核定总投资的80%。", "高校教育设备更新的支持比例", True),
    ("按设备购置额的10%给予奖补。", "设备购置的支持比例", True),       # a share printed as a percentage
    ("单个企业最高不超过300万元。", "单个企业的奖补上限", True),       # a cap printed as 最高
    ("给予一次性奖励50万元。", "首次入选的奖励", True),                 # no attribute asked
])
def test_the_attribute_a_part_asks_must_be_given(said: str, part: str, answered: bool) -> None:
    assert attribute_said(said, part) is answered


def test_metric_similarity_counts_qualifiers() -> None:
    asked = "数字经济核心产业增加值占GDP比重"
    assert metric_similarity(None, asked, "数字经济核心产业增加值占全省GDP的比重") > 0.95
    assert metric_similarity(None, asked, "数字经济增加值占GDP比重") < 0.85  # 「核心产业」 missing
    assert metric_similarity(None, "数据中心机架", "数据中心", "万机架") > 0.95  # the unit names it
    # 「各领域」 quantifies; the metric lists the fields
    assert metric_similarity(None, "各领域设备投资规模", "工业、建筑、交通等领域设备投资规模较2023年增长") > 0.9


def test_negated_words_are_ruled_out() -> None:
    assert _negated("到2025年数字经济增加值总量（不只是核心产业）的目标是多少？") == ["核心产业"]


def test_lost_superscripts_are_restored() -> None:
    assert typeset("高性能算力规模达每秒7.2×1018次浮点运算") == "高性能算力规模达每秒7.2×10¹⁸次浮点运算"
    assert typeset("建成5G基站1018个") == "建成5G基站1018个"


def test_focus_keeps_the_parts_with_the_asked_words() -> None:
    sentence = "到2027年，全市网络零售额突破5000亿元，数据流通交易规模达50亿元，建成一批示范项目。"
    assert focus(sentence, ["数据流通交易规模"]) == "到2027年，…数据流通交易规模达50亿元…"
    # The asked phrase printed whole marks its part; its words alone are everywhere.
    long = "本规划基于对发展机遇的把握，积极落实《十四五规划》，明确发展路线，规划期限为2021—2025年，规划范围为全域。"
    assert focus(long, ["规划期", "规划"]) == "规划期限为2021—2025年…"
    # An item's own number is no figure: the sum asked for follows.
    item = "2.主导制定或修订新型储能领域国家标准的企业,一次性给予25万元奖励;"
    assert "25万元" in focus(item, ["国家标准"], figure=True)
    # Nor is a grade (「1级能效」).
    graded = "1级能效或水效标准的产品，补贴标准为产品销售价格的20%。"
    assert "20%" in focus(graded, ["能效"], figure=True)


def test_task_title_expands_a_one_character_heading() -> None:
    clause = ClauseRecord("d#1", "d", "T", None, None, None, "三、（二）", "光",
                          "——光。充分发挥光通信优势，依托创新平台突破一批关键技术。", "item", 1, None)
    assert task_title(clause) == "光（充分发挥光通信优势）"


def test_task_title_goes_on_past_the_comma_its_heading_was_cut_at() -> None:
    clause = ClauseRecord("d#3", "d", "T", None, None, None, "五、3．", "完善规划管理和相应标准",
                          "**3．完善规划管理和相应标准，加大土地支持力度** 鼓励省内各城乡加大充换电设施的建设。",
                          "item", 3, None)
    assert task_title(clause) == "完善规划管理和相应标准，加大土地支持力度"
    long = ClauseRecord("d#4", "d", "T", None, None, None, "五、4．", "简化办电程序",
                        "4．简化办电程序，加快配套电网接入服务并对居民充电桩报装实行一次告知和限时办结制度。",
                        "item", 4, None)
    assert task_title(long) == "简化办电程序"  # a sentence too long for a title keeps the heading


def test_counted_abbreviations_are_spelled_out() -> None:
    pattern = abbreviation_pattern("双跨平台")
    assert pattern is not None and pattern.search("培育跨行业、跨领域的全国性平台").group() == "跨行业、跨领域"
    assert abbreviation_pattern("平台") is None
    assert asked_term("规划里怎么解释“智能终端”这个概念？") == "智能终端"


def test_a_baseline_year_is_not_the_sentences_own_year() -> None:
    from qa.evidence import _states_year
    assert _states_year("到2026年，人均预期寿命达到79.57岁", 2026)
    assert not _states_year("人均预期寿命比2026年增加0.27岁左右", 2026)
    assert not _states_year("设备投资规模较2023年增长30%左右", 2023)
    assert not _states_year("与2020年相比，能耗下降13.5%", 2020)
    assert _states_year("较2023年增长30%，到2027年达到", 2027)


def test_a_district_named_after_its_city_is_linked_by_its_own_name() -> None:
    from qa.link import Gazetteer, Linker

    gaz = Gazetteer(corpus_text="某州市云阳区稳增长措施")
    gaz.add_region("某州市云阳区")
    for question in ("云阳区对购买新能源汽车给予多少补贴？", "云阳对企业有什么奖励？"):
        assert Linker(gaz).link(question).regions == ("某州市云阳区",), question


def test_a_short_form_two_levels_share_names_both_whatever_the_load_order() -> None:
    from qa.link import Gazetteer, Linker

    for order in (("甲林市", "甲林省"), ("甲林省", "甲林市")):
        gaz = Gazetteer(corpus_text="甲林省充电规划。甲林市房地产措施。")
        for name in order:
            gaz.add_region(name)
        linked = Linker(gaz).link("甲林要建多少充电桩？")
        assert linked.regions == ("甲林省", "甲林市") and "comparison" not in linked.intents, order
        assert linked.one_place == linked.regions  # one place spoken of: both scopes, not none
        assert Linker(gaz).link("甲林市的购房补贴有多少？").regions == ("甲林市",), order
        assert Linker(gaz).link("甲林省的充电桩有多少？").regions == ("甲林省",), order
    gaz = Gazetteer(corpus_text="甲市乙经济技术开发区；丙经济技术开发区")
    gaz.add_region("乙经济技术开发区")
    gaz.add_region("丙经济技术开发区")
    assert Linker(gaz).link("经开区的目标是多少？").regions == ("乙经济技术开发区",)


def test_a_documents_name_asks_nothing() -> None:
    """「突破性方案」 names a plan: its 突破 is no target word (「各设了什么」 asks what)."""
    from qa.link import Gazetteer, Linker

    gaz = Gazetteer(corpus_text="甲市突破性发展数字经济实施方案")
    gaz.add_region("甲市")
    gaz.doc_keys["突破性"] = "d1"
    gaz.title_word_keys.add("突破性")
    linked = Linker(gaz).link("在专家智库上，甲市突破性方案设了什么？")
    assert linked.doc_ids == ("d1",) and "target" not in linked.intents
    assert "target" in Linker(gaz).link("甲市要突破多少家？").intents


def test_an_approximate_count_answers_a_count_in_its_unit() -> None:
    from qa.asktype import detect

    ask = detect("一共招引了多少家数创企业？")
    assert ask.prefers("招引落户数创企业20余家。") and ask.prefers("引进企业30多家")
    assert not ask.prefers("建成智算中心1个。")
    # A small count in words: 「分两次兑付」 answers 「分几次」.
    times = detect("补贴资金分几次兑付？")
    assert times.prefers("补贴按照7∶3的比例分两次定额兑付。") and not times.prefers("按程序兑付补贴资金。")


_PROJECT_ROW = ("序号：4；项目名称：石湖荡重型燃机项目；主要建设内容：建设2×450MW级机组；建设地点：石湖荡镇；"
                "计划竣工时间：2029年；总投资（万元）：250000；备注：/")


def test_a_table_row_prints_its_unit_in_the_column_name() -> None:
    """「总投资（万元）：250000」 is a sum in 万元 and a figure next to 总投资."""
    from qa.asktype import detect
    from qa.strategies.base import near_number

    ask = detect("石湖荡重型燃机项目总投资多少万元？")
    assert ask.accepts(_PROJECT_ROW) and ask.prefers(_PROJECT_ROW)
    assert near_number(_PROJECT_ROW, ["总投资"])
    assert not ask.accepts("序号：4；项目名称：石湖荡重型燃机项目；建设地点：石湖荡镇")


def test_a_wide_rows_values_keep_their_column_names() -> None:
    assert render_record(_PROJECT_ROW) == ("石湖荡重型燃机项目：主要建设内容：建设2×450MW级机组；建设地点：石湖荡镇；"
                                           "计划竣工时间：2029年；总投资（万元）：250000")
    # A narrow indicator row still reads "metric：value unit".
    assert render_record("指标：数字经济核心产业增加值占GDP比重；单位：%；目标：10") == "数字经济核心产业增加值占GDP比重：10%"


def test_one_sentence_asking_at_each_comma_asks_each_thing() -> None:
    parts = further_questions("，高速公路服务区充换电设施到2025年要覆盖到什么程度，计划建多少座城际充电站？")
    assert len(parts) == 2 and parts[1] == "城际充电站" and "高速公路服务区充换电设施" in parts[0]
    # 「力争」 before the asking verb is no part of the thing asked.
    assert further_questions("，全省要累计建成多少个充电桩？车桩增量比力争达到多少？") == ["充电桩", "车桩增量比"]
    # A document read 「按这份…实施意见」 is no part either.
    assert further_questions("按，这份充电基础设施实施意见，全省要建成多少个充电桩？车桩增量比是多少？") == [
        "充电桩", "车桩增量比"]


def test_the_plan_a_question_reads_is_no_part_of_it() -> None:
    assert further_questions("，能源行动方案里的石湖荡重型燃机项目建设多大规模的机组？总投资多少万元？") == [
        "石湖荡重型燃机项目建设多大规模的机组", "总投资"]


def test_a_figure_follows_a_metric_written_in_other_case_and_may_have_no_unit() -> None:
    from qa.strategies.base import near_number

    assert near_number("加快存量数据中心绿色改造，新建数据中心 PUE值达到 1.4 以下。", ["数据中心", "pue"])
    assert not near_number("加快存量数据中心绿色改造，推进节能。", ["数据中心", "pue"])


@pytest.mark.parametrize(("question", "word", "asked"), [
    ("武汉要在汉建一个什么5G基地？要成为什么地方？", "地方", True),
    ("湖北要求大数据中心往哪几个“化”的方向建设？", "方向", True),
    ("数据中心的PUE要达到多少？", "PUE", False),
    ("哪些企业可以申请首台套保险补偿？", "保险补偿", False),
])
def test_the_kind_a_question_asks_for_is_no_anchor(question: str, word: str, asked: bool) -> None:
    from qa.strategies.refusal import _asked_kind

    assert _asked_kind(Linked(text=question, raw=question), word) is asked


@pytest.mark.parametrize(("question", "outline"), [
    ("《某市提振消费若干措施》从哪几个方面提出措施？", True),
    ("这份规划分为哪几个部分？", True),
    ("某省鼓励金融机构在哪些方面给企业政策倾斜？", False),
    ("规划的保障措施包括哪些？", False),
])
def test_a_question_about_the_parts_of_a_plan_asks_for_its_outline(question: str, outline: bool) -> None:
    from qa.strategies.sections import _OUTLINE

    assert bool(_OUTLINE.search(question)) is outline


def test_the_noun_a_list_question_asks_the_items_of() -> None:
    from qa.strategies.passages import _listed_noun

    assert _listed_noun("某省这份规划遵循的基本原则是哪几条？") == "基本原则"
    assert _listed_noun("规划里推进建设物流枢纽的有哪些城市？") is None


def test_a_contracted_name_is_found_spelled_out() -> None:
    from qa.strategies.refusal import _says

    assert _says("购买首套住房最低首付比例为30%", "套房")
    assert _says("新建数据中心PUE值达到1.4以下", "PUE")
    assert not _says("购买首套住房最低首付比例为30%", "公寓")


def test_english_vocabulary_of_vehicles_loans_and_drones_reaches_the_chinese_words() -> None:
    from qa.glossary import translate_english

    text = translate_english("What average electricity consumption should new battery-electric passenger cars reach?")
    assert all(w in text for w in ("电耗", "纯电动", "乘用车", "平均")), text
    assert "商业性贷款" in translate_english("How many days after paying off a commercial mortgage can I apply?")
    assert "无人机" in translate_english("How many drones does the low-altitude zone deploy?")


def test_each_side_of_a_comparison_may_ask_its_own_thing() -> None:
    from qa.strategies.comparison import _names, own_questions

    sides = [("甲省", _names("甲省")), ("乙市", _names("乙市"))]
    assert own_questions("两地都提到文旅：甲省发了多少文旅消费券，乙市的A级景区又有什么优惠？", sides) == {
        "甲省": "两地都提到文旅发了多少文旅消费券", "乙市": "两地都提到文旅的A级景区又有什么优惠？"}
    assert own_questions("比较甲省和乙市的数据中心PUE目标", sides) is None  # one thing asked of both
    from qa.link import detect_intents
    assert "comparison" in detect_intents("甲省打的是什么品牌，乙市建的又是什么平台？", 2)
    assert "comparison" not in detect_intents("甲省的品牌是什么？", 1)


@pytest.mark.parametrize(("question", "compares"), [
    ("吕梁市氢能产业中长期发展规划和吕梁市综合能源站专项规划，哪一份印发得更晚？", True),
    ("这两份文件哪个更新？", True),
    ("哪份文件发布的时间更早？", True),
    ("苏州和辽宁谁先印发？", True),
    # 「设备更新」 is a topic, not a date.
    ("湖北和武汉哪个设备更新补贴更高？", False),
    ("苏州和辽宁的设备更新目标分别是多少？", False),
])
def test_two_documents_compared_by_date_only_when_asked_which_is_newer(question: str, compares: bool) -> None:
    from qa.strategies.documents import _NEWER

    assert bool(_NEWER.search(question)) is compares


def test_trim_keeps_the_asked_sums_before_the_words_that_fill_the_room() -> None:
    from qa.evidence import trim

    sentence = ("鼓励在本区域范围内开展的各类新型能源项目，包括钙钛矿等新型光伏组件利用项目、可再生能源制氢项目，"
                "采用液流、钠电池等技术且具有一定产业带动性的新型储能项目，装机规模不低于500千瓦，"
                "按照项目固定资产投资额给予不超过30%的一次性补贴，单个项目补贴金额最高不超过500万元。")
    cut = trim(sentence, must_keep=["新型", "项目"], limit=100, first=["30%", "500万元"])
    assert "30%" in cut and "500万元" in cut and len(cut) <= 110, cut
    assert "30%" not in trim(sentence, must_keep=["新型", "项目"], limit=100)  # in order, the room runs out


def test_a_ratio_is_not_cut_at_its_colon() -> None:
    from qa.evidence import trim
    from qa.wording import chunks

    assert chunks("车桩增量比力争达到2:1，全省建成充电桩40万个：其中") == [
        "车桩增量比力争达到2:1，", "全省建成充电桩40万个：", "其中"]
    assert "2:1" in trim("到2025年，" + "城市公共充电服务网络功能完善，" * 6 + "车桩增量比力争达到2:1。",
                         must_keep=["车桩"], limit=40)


def test_parts_drop_the_asker_and_the_document_read() -> None:
    # 「我们公司今年获批了」 is who asks and when, 「按武汉突破性方案」 the document read.
    assert further_questions("我们公司今年获批了国家双跨工业互联网平台，按突破性方案能拿哪些奖励？钱谁出？") == []
    assert further_questions("我们公司今年获批了国家双跨工业互联网平台，又进了全国互联网百强，能拿哪些奖励？谁出钱？") == [
        "国家双跨工业互联网平台", "又进了全国互联网百强"]


def test_a_period_inside_a_quoted_title_is_no_year_asked() -> None:
    from qa.link import Gazetteer, Linker

    gaz = Gazetteer(corpus_text="某区能源行动方案")
    gaz.add_region("某区")
    linked = Linker(gaz).link("《某区能源行动方案（2026-2030年）》里，供电可靠率的目标值是多少？")
    assert linked.years == ()
    assert Linker(gaz).link("某区到2030年供电可靠率要达到多少？").years == (2030,)


def test_the_terms_a_question_prints_for_a_grant() -> None:
    from qa.strategies.eligible import _terms

    assert _terms("哪些项目可以获得项目建设总投入30%以内、最高不超过1000万元的补助") == (0.3, 1000.0, None)
    assert _terms("哪些企业能拿到最高500万元的资助") == (None, 500.0, None)
    assert _terms("哪些单位能获得一次性50万元奖励") == (None, None, 50.0)


def test_a_heading_fits_a_name_it_opens_before_的_and_two_words_apart() -> None:
    from qa.strategies.sections import _heading_fit

    assert _heading_fit("第十八条氢能示范应用奖励的支持对象、方式、标准", ["氢能示范应用奖励"]) == 1
    assert _heading_fit("保障措施", ["举措来保障实施"]) == 2
    assert _heading_fit("组织实施", ["举措来保障实施"]) is None


def test_an_english_place_with_its_level_names_that_level_only() -> None:
    from qa.link import Gazetteer, Linker

    gaz = Gazetteer(corpus_text="吉林省充电规划。吉林市房地产措施。")
    for name in ("吉林省", "吉林市"):
        gaz.add_region(name)
    assert Linker(gaz).link("What is the document number of Jilin City's housing measures?").regions == ("吉林市",)
    assert set(Linker(gaz).link("How many charging piles will Jilin build?").regions) == {"吉林省", "吉林市"}


def test_a_list_printed_before_its_name_drops_what_it_centres_on() -> None:
    from qa.strategies.lists import _enumeration_before

    text = "探索氢能产业发展，形成了以甲省、乙市为中心的珠三角、长三角、京津冀、山东、环武汉等"
    assert _enumeration_before(text) == ["珠三角", "长三角", "京津冀", "山东", "环武汉"]


def test_a_measure_word_is_not_the_start_of_the_listed_noun() -> None:
    # 「哪两个区」 names no noun of its own (「个区」 is none); the count still stands.
    assert list_count("先行试点的是哪两个区？") == (2, None)
    assert list_count("要培育哪三个国家级平台？") == (3, "国家级平台")


def test_what_把_takes_is_the_section_asked_for() -> None:
    assert "重点任务" in section_names("泰安市支持人工智能OPC发展的实施意见把重点任务分成了哪几个方面？")


def test_a_negated_verb_is_matched_as_plans_print_it() -> None:
    from qa.strategies.lists import _said_printed

    literal, printed = _said_printed("不能享受补贴")
    assert literal == "不享受"
    assert printed.search("已通过验收的项目不享受本文件补贴政策。")
    assert not printed.search("不享受，另行补贴")  # the object is in another phrase
    literal, printed = _said_printed("不允许贷款")  # no modal to drop: printed as asked, or apart
    assert literal == "不允许" and printed.search("不允许贷款") and printed.search("不允许向其贷款")
    assert _said_printed("优先支持")[0] == "优先支持"  # not negated: as asked


def test_a_verb_a_noun_character_makes_a_name_of() -> None:
    from qa.strategies.refusal import _compounded

    assert _compounded("给入驻社区的主体提供多少年的免租期？") == {"免租": "免租期"}
    assert _compounded("补贴额是多少？") == {}


def test_a_case_asked_that_the_sentences_keep_apart_from_theirs() -> None:
    from qa.strategies.refusal import _other_case

    printed = ["凡购买新建商品住房的，每套最高补贴2万元。", "补贴资金由县财政承担。"]
    assert _other_case("购买二手住房每套补贴多少？", printed) == "新建商品住房"
    assert _other_case("购买新建商品住房每套补贴多少？", printed) is None
    # A sentence naming the case asked, or none naming either: nothing to refuse for.
    assert _other_case("购买二手住房补贴多少？", [*printed, "购买二手房的，补贴1万元。"]) is None
    assert _other_case("购买二手住房补贴多少？", ["补贴资金由县财政承担。"]) is None


def test_a_year_printed_as_part_of_a_named_title_is_no_year_asked() -> None:
    from qa.link import Gazetteer, Linker

    gaz = Gazetteer(corpus_text="甲省2025年电力市场化交易工作有关事项的通知。甲市突破性方案。")
    gaz.add_region("甲省")
    gaz.doc_keys["甲省2025年电力市场化交易工作有关事项的通知"] = "d1"
    gaz.doc_keys["甲省2025年电力市场化交易通知"] = "d1"
    linked = Linker(gaz).link("按甲省2025年电力市场化交易通知，哪些发电企业要全电量参与市场化交易？")
    assert linked.doc_ids == ("d1",) and linked.years == ()
    # Asked again outside the title, or as a period, the year is asked.
    again = Linker(gaz).link("按甲省2025年电力市场化交易通知，2025年交易电量规模多少？")
    assert again.years == (2025,)


def test_an_amount_named_in_a_who_question_is_not_asked() -> None:
    from qa.asktype import asks_who_not_amount, detect

    assert asks_who_not_amount("补贴名单和金额由哪个部门审核确定？")
    assert detect("补贴名单和金额由哪个部门审核确定？").kind == ""
    assert detect("补贴金额是多少，由哪个部门审核？").kind == "amount"
    assert detect("总额达到6万亿元左右了吗？").accepts("全省社会物流总额达到6万亿元左右")


def test_two_sides_of_one_measure_are_one_part() -> None:
    from qa.plan import enumerated_parts

    assert enumerated_parts("物流总费用占GDP比率与全国平均水平的差距要缩小到多少以内？", lambda _: False) == []
    assert enumerated_parts("新能源汽车和充电桩分别要达到多少？", lambda _: False) == ["新能源汽车", "充电桩"]


def test_a_sum_asked_in_english_or_as_investment_is_money() -> None:
    """The question is read without its spaces: 「How much investment」 is 「Howmuchinvestment」."""
    from qa.asktype import detect

    for question in ("How much investment has the city budgeted for the link?",
                     "How much money does a firm get?", "这条链路的建设投资多少？"):
        assert detect(question).kind == "amount", question
    assert detect("How many stations will be built?").kind == ""


def test_words_of_asking_are_no_head_and_directions_are_no_place() -> None:
    from qa.link import place_names
    from qa.strategies.parts import head_said

    assert head_said("在3年内按每户每年24000元为限额依次扣减", "企业扩岗税收减免的扣减办法有什么不一样")
    assert not head_said("对新建充电桩给予补贴", "工作专班的组长")
    assert "东西" not in place_names("硬件孵化器能提供哪些东西？")
