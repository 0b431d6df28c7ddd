"""The clause tree: numbering, items, boxes, bullets, tables, footnotes, paths and labels."""

from __future__ import annotations

import re

from tests.ingest_fixtures import FOOTNOTE_RULE, by_path, children, containing, of_kind, parse_fragment

from ingest.markers import lead_of
from kg.types import clause_id_for

TASKS = """为加快推进数字经济高质量发展,制订本方案。

一、总体要求

全面贯彻落实重要讲话精神,夯实数据基础资源。

到 2027 年,全市数字经济核心产业增加值年均增长 10%。

二、主要任务

(一)实施数据要素价值激活工程

1. 构建数据基础制度体系。 围绕数据采存算管用全生命周期,制定数据登记确权等制度。

2. 建立一体化数字资源管理体系。 依托城市数字公共基础设施建设全市一体化数字资源体系。

(二)实施数字基础设施提升工程

3. 打造集约高效的算力基础设施。 完善“通算+智算+超算”多元算力供给体系。 到 2027 年,高性能算力规模达每秒

7. 2×1018 浮点运算次数(7. 2EFLOPS)。

推动“东数西算中用”,加大“算力券”支持力度。

4. 打造可信流通的数据基础设施。 推动隐私保护计算国家试点任务。

三、工作要求

发挥市推进新型工业化领导小组统筹协调作用。
"""


def test_numbered_tasks_run_on_across_subsections():
    doc = parse_fragment(TASKS)
    assert [(c.path, c.label, c.heading) for c in of_kind(doc, "section")] == [
        ("1", "一、", "总体要求"),
        ("2", "二、", "主要任务"),
        ("2.1", "二、（一）", "实施数据要素价值激活工程"),
        ("2.1.1", "二、（一）1.", "构建数据基础制度体系"),
        ("2.1.2", "二、（一）2.", "建立一体化数字资源管理体系"),
        ("2.2", "二、（二）", "实施数字基础设施提升工程"),
        ("2.2.3", "二、（二）3.", "打造集约高效的算力基础设施"),
        ("2.2.4", "二、（二）4.", "打造可信流通的数据基础设施"),
        ("3", "三、", "工作要求"),
    ]


def test_a_broken_decimal_never_opens_a_clause():
    task = by_path(parse_fragment(TASKS), "2.2.3")
    assert "算力规模达每秒7.2×1018 浮点运算次数(7.2EFLOPS)。" in task.text
    assert task.text.endswith("推动“东数西算中用”,加大“算力券”支持力度。")


def test_a_titled_section_keeps_its_intro_paragraphs_as_its_own_text():
    doc = parse_fragment(TASKS)
    assert by_path(doc, "1").text == ("一、总体要求\n全面贯彻落实重要讲话精神,夯实数据基础资源。\n"
                                      "到 2027 年,全市数字经济核心产业增加值年均增长 10%。")
    assert [(c.kind, c.path, c.label, c.parent_id) for c in of_kind(doc, "preamble")] == [
        ("preamble", "p0", "开头第1段", None)]


def test_tree_fields_are_consistent():
    doc = parse_fragment(TASKS)
    ids = {c.clause_id: c for c in doc.clauses}
    assert len(ids) == len(doc.clauses)
    assert [c.ordinal for c in doc.clauses] == list(range(len(doc.clauses)))
    for clause in doc.clauses:
        assert clause.clause_id == clause_id_for("frag", clause.path)
        assert re.fullmatch(r"[A-Za-z0-9.\-]+", clause.path)
        parent = ids.get(clause.parent_id)
        assert clause.depth == (parent.depth + 1 if parent else 0)
        assert parent is None or parent.ordinal < clause.ordinal


ITEMS = """（二）发展目标

力争用3年时间，数字经济增加值占GDP比重超过50%。

——**引培“1000+”数字经济标杆企业**。重点培育成长5家以上独角兽企业。

——工业互联节点成网。推进工业互联网标识解析顶级节点（武汉）建设运营。（责任单位：市经信局、各区）

——**屏**。推进京东方 10.5 代线顺利达产。（责任单位：市经信局、东湖

新技术开发区、临空港经济技术开发区)

四、主要路径

（一）推行揭榜挂帅。围绕产业链关键领域，对揭榜

后经考核认定实施成功的，每家奖励 200 万元，由市区两级各承担 50%。（责任单位：市经信局、各区）

（二）推广数字化改造。3 年统筹安排 8 亿元，建设一批标杆示范项目。

（责任单位：市经信局、市财政局）探索推行全市“四上”企业数字化改造全覆盖。

（责任单位：市发改委、各区）

（三）鼓励企业“拔尖”。首次进入百强的企业，一次性奖励 200 万元。
"""


def test_dash_items_are_clauses_with_their_responsible_units():
    doc = parse_fragment(ITEMS)
    items = of_kind(doc, "item")
    assert [(c.path, c.heading) for c in items] == [
        ("2.i1", "引培“1000+”数字经济标杆企业"), ("2.i2", "工业互联节点成网"), ("2.i3", "屏")]
    assert items[0].label == "（二）——引培“1000+”数字经济标杆企业"
    assert items[0].text == "——引培“1000+”数字经济标杆企业。重点培育成长5家以上独角兽企业。"
    assert items[2].text.endswith("（责任单位：市经信局、东湖新技术开发区、临空港经济技术开发区)")
    assert "力争用3年时间" in by_path(doc, "2").text


def test_numbered_paths_rejoin_split_sentences_and_keep_lone_responsibility_lines():
    doc = parse_fragment(ITEMS)
    first = by_path(doc, "4.1")
    assert first.heading == "推行揭榜挂帅"
    assert "对揭榜后经考核认定实施成功的，每家奖励 200 万元" in first.text
    second = by_path(doc, "4.2")
    assert second.text.splitlines()[-1] == "（责任单位：市发改委、各区）"
    assert "（责任单位：市经信局、市财政局）探索推行" in second.text
    assert by_path(doc, "4.3").heading == "鼓励企业“拔尖”"


BOXES = """（一）夯实数字基础。

加快推动5G网络建设应用。以交通枢纽等人流密集区域为重点，加强全省5G基站建设布局。

构建信息安全体系。树立网络安全底线思维。

专栏 1 信息基础设施

重点建设项目：千兆光网应用示范项目（武汉、襄阳、宜昌等市）。

重大创新平台：湖北省域时空大数据平台。

（二）激活数据价值。

（四）数字人才引培平台

围绕数字经济发展需求，建设高水平数字经济人才引培平台。

专栏 1：数字经济人才分类界定

1.数字战略管理人才，主要是指数字化转型领导者、数字化商业模型战略引导者、数字战略顾问等。

2.数字研发分析人才，主要是指互联网、区块链、大数据、人工智能等领域的产品经理、算法工程师等。

1.打造数字经济产教融合平台。支持江汉大学等高校加快推进面向数字经济的新学科建设。

2.建设数字经济人才发展平台。深入落实院士专家引领十大高端产业发展行动计划。
"""


def test_boxes_hold_their_lines_and_end_where_the_shape_changes():
    doc = parse_fragment(BOXES)
    first = by_path(doc, "1.box1")
    assert (first.kind, first.label, first.heading) == ("box", "专栏1", "信息基础设施")
    assert [(c.path, c.heading) for c in children(doc, first)] == [
        ("1.box1.1", "重点建设项目"), ("1.box1.2", "重大创新平台")]
    assert by_path(doc, "2").heading == "激活数据价值"
    talent = by_path(doc, "4.box1")
    assert [c.heading for c in children(doc, talent)] == ["数字战略管理人才", "数字研发分析人才"]
    assert by_path(doc, "4.1").heading == "打造数字经济产教融合平台"  # numbering restarted: box over
    assert by_path(doc, "4.2").parent_id == by_path(doc, "4").clause_id


def test_unnumbered_paragraphs_with_a_lead_title_are_paragraph_clauses():
    doc = parse_fragment(BOXES)
    assert [(c.path, c.label, c.heading) for c in of_kind(doc, "paragraph")] == [
        ("1.p1", "（一）第1段", "加快推动5G网络建设应用"), ("1.p2", "（一）第2段", "构建信息安全体系")]
    assert "围绕数字经济发展需求" in by_path(doc, "4").text


def test_a_plain_box_ends_at_a_caption_which_stays_in_its_section():
    doc = parse_fragment("""（二）产业新社区

深入贯彻战略布局，形成“一核两芯七园”格局。

专栏 2：数字经济产业社区

数字经济产业社区指以数字经济相关产业为基础的新型产业集聚区。

一是注重产业链式发展和产业生态的打造。数字经济产业社区不仅是集聚。

图 6.1 武汉经济技术开发区数字经济产业空间布局

“一核”：智慧生态城数字经济产业集聚核，重点发展云计算。
""")
    box = by_path(doc, "2.box2")
    assert len(children(doc, box)) == 2
    assert "图 6.1 武汉经济技术开发区数字经济产业空间布局" in by_path(doc, "2").text.splitlines()
    assert by_path(doc, "2.p1").text.startswith("“一核”")


PRESS = """ 下好创新驱动“先手棋”打好数字化转型“主动仗”

武汉打造数字经济发展新高地

武汉市数据局于今年2月29日正式挂牌成立，统筹推进数字经济创新发展。
 ◆ 武汉入选国家数据局发布的第1批“数据流通利用
建设试点示范城市”。

◆ 7家在汉企业完成数据资产“入表+融资”试点，授信

融资额1.26亿元。
◆“i武汉”城市码累计上线民生服务事项200项。

抢先布局 武汉数字产业竞相涌现
11 月 27 日，赛迪顾问发布2024数字经济百强市，其中武汉位

列第十位，较上年前进一位。

以“数”促“链”。畅通数据要素供需渠道，带动投资达180亿元。
"""


def test_bullets_and_press_sections():
    doc = parse_fragment(PRESS)
    assert doc.meta.title == "武汉打造数字经济发展新高地"
    bullets = of_kind(doc, "bullet")
    assert [(c.path, c.label) for c in bullets] == [("b1", "◆1"), ("b2", "◆2"), ("b3", "◆3")]
    assert bullets[0].text == "◆ 武汉入选国家数据局发布的第1批“数据流通利用建设试点示范城市”。"
    assert bullets[1].text.endswith("授信融资额1.26亿元。")
    section = by_path(doc, "s1")
    assert (section.kind, section.heading) == ("section", "抢先布局 武汉数字产业竞相涌现")
    assert [(c.path, c.heading) for c in children(doc, section)] == [("s1.p1", ""), ("s1.p2", "以“数”促“链”")]
    assert "武汉位列第十位" in by_path(doc, "s1.p1").text


def test_table_rows_are_children_of_a_table_clause():
    doc = parse_fragment("""（三）主要目标。

到2025年，全省数据要素资源体系基本建成。

湖北省数字经济发展“十四五”主要目标

| | 指 标 | 单 位 | 目 标 |
|---|---|---|---|
| 总体 | 数字经济核心产业增加值 | 亿元 | ≥6000 |
| | 数字经济全球知名企业 | 家 | 3—5 |
""")
    table = by_path(doc, "3.t1")
    assert (table.kind, table.heading, table.label) == ("box", "湖北省数字经济发展“十四五”主要目标", "（三）表1")
    rows = children(doc, table)
    assert [(r.kind, r.path, r.label, r.heading) for r in rows] == [
        ("table_row", "3.t1.r1", "（三）表1第1行", "数字经济核心产业增加值"),
        ("table_row", "3.t1.r2", "（三）表1第2行", "数字经济全球知名企业"),
    ]
    assert rows[1].text == "总体｜指标：数字经济全球知名企业；单位：家；目标：3—5"


def test_footnotes_hang_under_the_clause_citing_them():
    doc = parse_fragment("一、发展目标\n\n培育一批未来智慧工厂\n2\n。建成华中产业云平台；将数字经济领域人才纳入\n\n"
                         + FOOTNOTE_RULE + "\n2\n 未来智慧工厂：指广泛应用数字孪生等技术的现代化工厂。 \n"
                         "3\n 孤立注释：正文没有引用。 \n “车谷人才计划”。 \n")
    note = by_path(doc, "fn2")
    assert (note.kind, note.label, note.heading) == ("footnote", "注2", "未来智慧工厂")
    citing = containing(doc, "未来智慧工厂[注2]。建成")
    assert [c.path for c in citing] == ["1"] and citing[0].clause_id == note.parent_id
    assert "纳入“车谷人才计划”" in citing[0].text
    assert lead_of(citing[0].text.splitlines()[1]) == "培育一批未来智慧工厂"  # "[注2]" is no title
    orphan = by_path(doc, "fn3")
    assert orphan.parent_id is None and orphan.ordinal == len(doc.clauses) - 1


def test_numbers_inside_sentences_never_split_clauses():
    doc = parse_fragment("一、发展目标\n\n到 2025 年，实现以下目标：1.3万亿元产值，\n2. 5倍增长。\n\n二、保障措施\n")
    assert [c.path for c in doc.clauses] == ["1", "2"]
    assert containing(doc, "1.3万亿元产值") and containing(doc, "2.5倍增长")


def test_parsing_twice_gives_identical_clauses():
    assert parse_fragment(BOXES).clauses == parse_fragment(BOXES).clauses


def test_chapters_sections_and_printed_page_numbers():
    doc = parse_fragment("""某市数字经济发展规划（2023—2025年）
第一章 发展基础
第一节 发展现状
近年来，我市数字经济快速发展。
第二节 面临形势
一、机遇
数字技术加速创新。
— 3 —
第二章 重点任务
一、建设数字基础设施
（一）推进5G建设。到2025年，建成5G基站1万个。
第 4 页
（二）建设数据中心。新建数据中心机架5000个。
""")
    assert [(c.path, c.label) for c in doc.clauses] == [
        ("1", "第一章"), ("1.1", "第一章第一节"), ("1.2", "第一章第二节"), ("1.2.1", "第一章第二节一、"),
        ("2", "第二章"), ("2.1", "第二章一、"), ("2.1.1", "第二章一、（一）"), ("2.1.2", "第二章一、（二）")]
    assert not containing(doc, "3 —") and not containing(doc, "第 4 页")
    assert doc.meta.period == "2023—2025"


def test_markdown_headings_and_bold_titles():
    doc = parse_fragment("# 某区数字经济三年行动方案\n\n## 一、总体要求\n\n到2025年，核心产业增加值突破200亿元。\n\n"
                         "### （一）壮大数字产业\n\n1. **培育龙头企业**。支持企业做大做强。\n")
    assert doc.meta.title == "某区数字经济三年行动方案"
    assert [(c.path, c.heading) for c in doc.clauses] == [
        ("1", "总体要求"), ("1.1", "壮大数字产业"), ("1.1.1", "培育龙头企业")]
    assert by_path(doc, "1.1.1").text == "1. 培育龙头企业。支持企业做大做强。"


# -- structures of plans from other regions ----------------------------------------

from tests.ingest_fixtures import DATA  # noqa: E402

from ingest.parse import parse_file  # noqa: E402

FRAGMENTS = DATA / "fragments"


def test_articles_are_clauses_under_their_chapters_and_number_on_across_them():
    doc = parse_file(FRAGMENTS / "articles.txt")
    labels = [c.label for c in doc.clauses]
    assert labels == ["第一章", "第一章第1条", "第一章第2条", "第二章", "第二章第3条", "第二章第3条（一）",
                      "第二章第3条（二）", "第二章第3条（三）", "第二章第4条", "第二章第5条"]
    assert by_path(doc, "2.4").text == "第4条 对企业数字化改造项目，按照项目软硬件投资额的20%给予补助，单个项目最高200万元。"
    chinese = parse_fragment("第一章 总则\n\n第一条 为规范管理，制定本办法。\n\n第二条 本办法适用于全市。\n\n"
                             "第二章 附则\n\n第三条 依据第一条的规定执行。\n\n第十一条 本办法自发布之日起施行。\n")
    assert [c.label for c in chinese.clauses] == ["第一章", "第一章第一条", "第一章第二条", "第二章", "第二章第三条"]
    assert containing(chinese, "第十一条 本办法自发布之日起施行。")  # a jump of eight is no next article


def test_a_guiding_opinions_sub_sections_boxes_and_annex_table_are_clauses_of_their_own():
    doc = parse_file(FRAGMENTS / "guiding_opinion.txt")
    assert [c.label for c in doc.clauses if c.path.startswith("1")] == ["一、", "一、（一）", "一、（二）", "一、（三）"]
    box = by_path(doc, "2.4.box1")
    assert [c.text[:7] for c in children(doc, box)] == ["（1）5G精品", "（2）算力枢纽"]
    task3 = by_path(doc, "2.4.3")
    assert task3.text == "3．建设工业互联网平台。培育市级工业互联网平台20个。\n（责任单位：市工信局、市科技局）"
    annex = by_path(doc, "x1")
    assert annex.label == "附件"
    rows = of_kind(doc, "table_row")
    assert [r.text for r in rows] == ["序号：1；重点任务：建成5G基站2万个；牵头单位：市通信管理局；完成时限：2025年底前",
                                      "序号：2；重点任务：培育市级工业互联网平台20个；牵头单位：市工信局；完成时限：2024年12月底前"]
    assert max(len(c.text) for c in doc.clauses) < 120


WEB_ITEMS = "\n\n".join([
    "为推进工作，制定以下措施。" * 4,
    "一、稳定汽车消费",
    "（一）优化汽车购买使用管理。各地区不得新增汽车限购措施，扩大私家车新车上牌免查验试点，鼓励在银行增设机动车登记服务站。"
    "（各地级以上市人民政府，省公安厅按职责分工负责）",
    "（二）扩大新能源汽车消费。积极开展新能源汽车下乡活动，落实新能源汽车车辆购置税减免优惠政策，降低新能源汽车用电成本。",
    "各有关部门要强化政策协同联动，加强督促落实，结合实际细化出台工作方案和配套政策，切实推动各项措施落地见效。",
])


def test_in_web_text_a_closing_paragraph_is_not_more_of_the_last_item():
    doc = parse_fragment(WEB_ITEMS)
    last = doc.clauses[-1]
    assert last.kind == "paragraph" and last.text.startswith("各有关部门要强化政策协同联动")
    assert by_path(doc, "1.2").text.endswith("降低新能源汽车用电成本。")


def test_box_entries_a_converter_put_on_one_line_are_one_clause_each():
    text = ("三、重点任务\n\n（一）推动太阳能利用。推进分布式光伏发电开发建设，鼓励工商业厂房屋顶发展分布式光伏。\n\n"
            "专栏1 光伏重大工程 |\n"
            "屋顶分布式光伏：加快整县屋顶光伏开发试点建设，到2025年，公共建筑光伏安装率达到20%。 "
            "复合型光伏基地：推动各地结合土地修复和生态治理建设大型光伏基地。其中：农光互补项目10个。 |\n\n"
            "（二）提升风电开发利用水平。加快风能资源规模化开发利用。\n")
    doc = parse_fragment(text)
    box = [c for c in doc.clauses if c.kind == "box"][0]
    assert box.text == "专栏1 光伏重大工程"
    assert [c.heading for c in children(doc, box)] == ["屋顶分布式光伏", "复合型光伏基地"]
    assert children(doc, box)[1].text.endswith("其中：农光互补项目10个。")


def test_a_table_whose_separator_row_was_lost_keeps_its_column_names():
    text = ("表2 主要目标\n\n类别 | 单位 | 2020年 | 2025年 | 属性 |\n"
            "1.1 可再生能源发电装机 | 万千瓦 | 3251 | 5500 | 预期性 |\n"
            "1.2 可再生能源发电量 | 亿千瓦时 | 442.3 | 1000 | 预期性 |\n")
    rows = of_kind(parse_fragment(text), "table_row")
    assert [r.text for r in rows] == [
        "类别：1.1 可再生能源发电装机；单位：万千瓦；2020年：3251；2025年：5500；属性：预期性",
        "类别：1.2 可再生能源发电量；单位：亿千瓦时；2020年：442.3；2025年：1000；属性：预期性"]


def test_a_heading_above_the_preamble_is_printed_with_its_first_paragraph():
    doc = parse_fragment("前 言\n\n“十四五”时期是能源转型的关键时期。\n\n本规划明确了发展目标。\n\n一、发展基础\n\n正文。\n")
    preamble = of_kind(doc, "preamble")
    assert [c.text for c in preamble] == ["前言\n“十四五”时期是能源转型的关键时期。", "本规划明确了发展目标。"]


def test_a_title_line_repeating_its_siblings_number_opens_a_new_sibling():
    text = ("一、支持范围\n\n1.试点社区\n\n（1）支持对象。经认定的试点社区。\n\n（2）支持条件。\n\n"
            "①社区应加强有序充电宣传。\n\n②社区应积极参与聚合互动。\n\n（2）支持标准。\n\n"
            "①每个社区奖励金额不超过5万元。\n\n②按每个桩不超过1000元的标准予以补助。\n\n（3）申报材料。\n")
    doc = parse_fragment(text)
    [standard] = containing(doc, "支持标准")
    assert standard.kind == "section" and standard.label.endswith("（2）")
    assert [c.text for c in children(doc, standard)] == [
        "①每个社区奖励金额不超过5万元。", "②按每个桩不超过1000元的标准予以补助。"]
    assert containing(doc, "申报材料")[0].label.endswith("（3）")


def test_an_item_after_a_loose_paragraph_continues_its_list_inside_the_article():
    text = "\n\n".join([  # web text: lines longer than a page, each a paragraph
        "第四章 贷款", "第十九条 贷款额度按以下规定确定：",
        "（一）最高额度为60万元，" + "贷款额度按职工账户月平均余额与规定倍数确定，" * 3 + "不得超过最高额度；",
        "（二）月还款额不超过月收入的50%，" + "共同申请人的收入可合并计算，" * 4 + "按月等额还款。",
        "同一职工只能享受一次贷款优惠，" + "已使用过住房公积金贷款的职工再次申请的，" * 3 + "按规定执行。",
        "（三）贷款额度可根据还款能力调整。", "第二十条 贷款期限最长30年。"])
    doc = parse_fragment(text)
    [article] = containing(doc, "第十九条")
    assert [c.text[:3] for c in children(doc, article) if c.kind == "section"] == ["（一）", "（二）", "（三）"]
