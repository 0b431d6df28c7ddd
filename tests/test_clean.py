"""Loading and cleaning: encodings, extraction damage, web chrome, cover letters, tables."""

from __future__ import annotations

import hashlib

import pytest
from tests.ingest_fixtures import FOOTNOTE_RULE

from ingest.clean import clean, normalise, tidy
from ingest.loaders import load_text, supported_suffixes
from ingest.parse import parse_file, parse_text
from ingest.tables import parse_table, render_rows
from kg.errors import EmptyDocument, EncodingError, UnsupportedFormat

PLAN = "一、总体要求\n\n到 2027 年，全市数字经济核心产业增加值年均增长 10%。\n"


def texts(cleaned) -> list[str]:
    return [block.text for block in cleaned.blocks]


# -- loaders ------------------------------------------------------------------------


@pytest.mark.parametrize("name, data", [
    ("utf8.txt", PLAN.encode("utf-8")),
    ("bom.txt", b"\xef\xbb\xbf" + PLAN.encode("utf-8")),
    ("gb18030.txt", PLAN.encode("gb18030")),
    ("gbk.md", PLAN.encode("gbk")),
    ("utf16.txt", PLAN.encode("utf-16")),
])
def test_load_text_detects_the_encoding(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    text, sha256 = load_text(path)
    assert text == PLAN  # no BOM left, nothing garbled
    assert sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize("data", [b"\x00\x01\x02PK\x03\x04" * 50, bytes(range(1, 32)) * 30])
def test_binary_files_are_encoding_errors_naming_the_file(tmp_path, data):
    path = tmp_path / "scan.txt"
    path.write_bytes(data)
    with pytest.raises(EncodingError, match="scan.txt"):
        load_text(path)


@pytest.mark.parametrize("data", [b"", b" \n\t\r\n", "\u3000\n".encode("utf-16")])
def test_empty_files_are_empty_documents_naming_the_file(tmp_path, data):
    path = tmp_path / "blank.txt"
    path.write_bytes(data)
    with pytest.raises(EmptyDocument, match="blank.txt"):
        load_text(path)


def test_unknown_extension_names_file_and_supported_ones(tmp_path):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(b"PK\x03\x04")
    with pytest.raises(UnsupportedFormat, match=r"plan\.xlsx.*\.docx, \.htm, \.html, \.md, \.pdf, \.txt"):
        load_text(path)
    assert supported_suffixes() == (".docx", ".htm", ".html", ".md", ".pdf", ".txt")


# -- normalising and tidying --------------------------------------------------------


def test_normalise_strips_bom_and_unifies_line_ends_and_spaces():
    assert normalise("\ufeff前言\r\n第一段\u3000正文\r第二行") == ["前言", "第一段 正文", "第二行"]


def test_punctuation_a_pdf_font_printed_as_yi_syllables_is_restored():
    # Made-up fragment in the style of a GB2312-mapped government PDF: 「，」「。」「；」 come
    # out as U+A3AC, U+A3AE, U+A3BB, 《》 as «», and a decimal point as a private-use glyph.
    damaged = ("关于印发«支持创业的若干措施»的通知\n各市(州)人民政府\ua3ac省政府各部门\ua3ac请认真贯彻落实\ua3ae\n"
               "对用工减少低于 5\U001001b0 5％ 的企业给予优惠\ua3bb补贴标准提高至1\ua3ae5万元\ua3ae")
    lines = normalise(damaged)
    assert lines[0] == "关于印发《支持创业的若干措施》的通知"
    assert lines[1] == "各市(州)人民政府，省政府各部门，请认真贯彻落实。"
    assert lines[2] == "对用工减少低于 5.5％ 的企业给予优惠；补贴标准提高至1.5万元。"
    # Too few to be damage: a text quoting one Yi syllable keeps it.
    assert normalise("彝文「\ua3ac」一字")[0] == "彝文「\ua3ac」一字"
    # A gold quoting the damaged text as printed matches the repaired clause.
    from ingest.evaluate import norm
    assert norm("（一）加大创业信贷支持力度\ua3ae") == norm("（一）加大创业信贷支持力度。")


def test_tidy_keeps_numbers_and_latin_spacing_but_repairs_extraction():
    assert tidy("产值 2972 亿元，建设 5G 基站") == "产值 2972 亿元，建设 5G 基站"
    assert tidy("算力规模达每秒7. 2×1018 浮点运算次数(7. 2EFLOPS)。") == (
        "算力规模达每秒7.2×1018 浮点运算次数(7.2EFLOPS)。")
    assert tidy("7. 打造可信流通的数据基础设施") == "7. 打造可信流通的数据基础设施"
    assert tidy("前  言") == "前言"
    assert tidy("——**连接网络高速智能**。编制规划。 推动部署") == "——连接网络高速智能。编制规划。推动部署"
    assert tidy("建设 “汉数通 ” 平台") == "建设 “汉数通” 平台"


# -- reflow -------------------------------------------------------------------------


def test_paragraph_split_mid_word_is_rejoined_without_space():
    cleaned = clean("——建成数字经济基础设施。构建\n\n“5G+AI+IoT”的数字经济底层。\n\n"
                    "1.数字基建实力领跑中部地区。出省带宽达到20T，光\n\n纤渗透率超过95%。\n")
    assert texts(cleaned) == ["——建成数字经济基础设施。构建“5G+AI+IoT”的数字经济底层。",
                              "1.数字基建实力领跑中部地区。出省带宽达到20T，光纤渗透率超过95%。"]


def test_latin_runs_keep_one_space_and_continuation_punctuation_joins():
    cleaned = clean("推进北斗系统在农作物生长环境监测\n\n、智能灌溉等环节应用，集成 Intel\n\nCPU 与 GPU。\n")
    assert texts(cleaned) == ["推进北斗系统在农作物生长环境监测、智能灌溉等环节应用，集成 Intel CPU 与 GPU。"]


def test_pdf_lines_rejoin_until_a_sentence_ends_and_headings_stay_apart():
    raw = ("（一）产业现状 \n\n1、优势数字产业集群引领发展 \n\n依托雄厚的工业基础，数字经济产业\n\n"
           "集群初具规模。 \n\n2、“数字+”新业态加快培育 \n\n聚焦“数字+”场景挖掘。 \n")
    assert texts(clean(raw)) == ["（一）产业现状", "1、优势数字产业集群引领发展",
                                 "依托雄厚的工业基础，数字经济产业集群初具规模。",
                                 "2、“数字+”新业态加快培育", "聚焦“数字+”场景挖掘。"]


def test_page_number_inside_a_sentence_is_removed():
    spaced = clean("数据日益成为重要战略资源，引入中国电\n\n\n\n40 \n\n \n\n子·清华大学数据创新实验室等平台。\n")
    tight = clean("数据日益成为重要战略资源，引入中国电\n40\n子·清华大学数据创新实验室等平台。\n")
    for cleaned in (spaced, tight):
        assert texts(cleaned) == ["数据日益成为重要战略资源，引入中国电子·清华大学数据创新实验室等平台。"]


def test_footnotes_are_lifted_out_and_marked_where_they_were_cited():
    raw = ("累计培育一批“5G+工业互联网”未来智慧工厂\n2\n。建成华中产业云平台；征集工业 APP\n3\n"
           "典型案例；将数字经济领域人才纳入\n\n" + FOOTNOTE_RULE + "\n2\n 未来智慧工厂：指广泛应用"
           "数字孪生等技术革新生产方式，\n\n引领新智造发展的现代化工厂。 \n3\n 工业互联网 APP：简称工业"
           " APP。 \n “车谷人才计划”，鼓励人才立足本地产业开展融合创新。 \n")
    cleaned = clean(raw)
    assert texts(cleaned) == ["累计培育一批“5G+工业互联网”未来智慧工厂[注2]。建成华中产业云平台；征集工业 "
                              "APP[注3]典型案例；将数字经济领域人才纳入“车谷人才计划”，鼓励人才立足本地产业"
                              "开展融合创新。"]
    assert cleaned.footnotes == (
        (2, "未来智慧工厂：指广泛应用数字孪生等技术革新生产方式，引领新智造发展的现代化工厂。"),
        (3, "工业互联网 APP：简称工业 APP。"),
    )


def test_footnote_body_on_the_number_line_runs_to_the_next_page():
    raw = ("勾勒出数字经济产业\n1\n发展目标蓝图，规划期限为 2021—2025年。 \n\n  \n\n" + FOOTNOTE_RULE +
           "\n\n1 数字经济产业：根据党中央决策部署，\n\n数字经济产业范围执行国家相关文件。 \n 一、发展基础 \n")
    cleaned = clean(raw)
    assert texts(cleaned) == ["勾勒出数字经济产业[注1]发展目标蓝图，规划期限为 2021—2025年。", "一、发展基础"]
    assert cleaned.footnotes == ((1, "数字经济产业：根据党中央决策部署，数字经济产业范围执行国家相关文件。"),)


def test_a_footnote_nobody_cites_is_reported():
    cleaned = clean("正文一句。\n\n" + FOOTNOTE_RULE + "\n7 孤立注释：没有引用它的正文。 \n 二、下一节 \n")
    assert cleaned.footnotes == ((7, "孤立注释：没有引用它的正文。"),)
    assert any("7" in warning for warning in cleaned.warnings)


def test_figure_captions_stay_lines_of_their_own():
    raw = ("护产品，如工控安全芯片、主动防御系统等。 \n  图 4.1 5G+工业互联网产业全景及重点发力细分环节 \n\n"
           "注：建议武汉经济技术开发区重点发展虚线框内细分产业 \n\n2、产业发展目标 \n")
    cleaned = clean(raw)
    assert [(b.kind, b.text) for b in cleaned.blocks] == [
        ("paragraph", "护产品，如工控安全芯片、主动防御系统等。"),
        ("caption", "图 4.1 5G+工业互联网产业全景及重点发力细分环节"),
        ("caption", "注：建议武汉经济技术开发区重点发展虚线框内细分产业"),
        ("heading", "2、产业发展目标"),
    ]


# -- web pages and cover letters ----------------------------------------------------

WEB_PAGE = """

湖北省人民政府

WWW.HUBEI.GOV.CN

搜索

- [首页](#)
- [登录](#) [注册](#)

当前位置：鄂政发

索引号：011043102/2021-62728

发布机构：省人民政府

发文日期：2021年10月17日

名称：省人民政府关于印发湖北省数字经济发展“十四五”规划的通知

文号：鄂政发〔2021〕24号

发布时间：2021-11-19 08:47
 来源：省人民政府
 【字体大小：大 中 小】

各市、州、县人民政府，省政府各部门：

现将《湖北省数字经济发展“十四五”规划》印发给你们，请结合工作实际，认真贯彻执行。

2021年10月17日

湖北省数字经济发展“十四五”规划

目录

一、总体要求

(一) 指导思想

- (二) 基本原则

发展数字经济是湖北省抢抓新一轮科技革命和产业变革机遇的关键支撑，制定本规划。

一、总体要求

(一) 指导思想。

坚持以推动数字化改革为抓手。

相关解读：

[\\[解读\\]](#)

扫一扫在手机上查看当前页面

政府网站标识码：4200000093 鄂ICP备05011090号-1 鄂公网安备42010602000665号

[网站声明](#) [专题归档](#) [网站地图](#)

微信公众号
"""


def test_web_page_chrome_goes_and_its_metadata_fields_stay():
    cleaned = clean(WEB_PAGE)
    assert texts(cleaned) == ["发展数字经济是湖北省抢抓新一轮科技革命和产业变革机遇的关键支撑，制定本规划。",
                              "一、总体要求", "(一) 指导思想。", "坚持以推动数字化改革为抓手。"]
    assert cleaned.header_fields["文号"] == "鄂政发〔2021〕24号"
    assert cleaned.header_fields["发文日期"] == "2021年10月17日"
    assert cleaned.header_fields["发布机构"] == "省人民政府"
    assert cleaned.title == "湖北省数字经济发展“十四五”规划"
    assert "2021年10月17日" in cleaned.front_matter


COVER = """
武汉市人民政府办公厅文件
武政办〔2025〕51 号

市人民政府办公厅关于印发武汉市加快推进

数字经济高质量发展实施方案

(2025—2027 年)的通知

各区人民政府,市人民政府各部门:

《武汉市加快推进数字经济高质量发展实施方案(2025—2027

年)》已经市人民政府同意,现印发给你们,请认真组织实施。

武汉市人民政府办公厅

2025 年 3 月 28 日
 武汉市加快推进数字经济高质量发展

实施方案(2025—2027 年)

为加快推进数字经济高质量发展,制订本方案。

一、总体要求

全面贯彻落实重要讲话精神。
 抄送: 市纪委监委机关,市委办公厅,各民

主党派。

　 武汉市人民政府办公厅 2025 年 3 月 31 日印发　
"""


def test_cover_letter_and_distribution_footer_become_front_matter():
    cleaned = clean(COVER)
    assert texts(cleaned) == ["为加快推进数字经济高质量发展,制订本方案。", "一、总体要求", "全面贯彻落实重要讲话精神。"]
    assert cleaned.title == "武汉市加快推进数字经济高质量发展 实施方案(2025—2027 年)"
    front = " ".join(cleaned.front_matter)
    assert "武政办〔2025〕51 号" in front and "2025 年 3 月 28 日" in front
    assert "抄送" in front and "3 月 31 日印发" in front


def test_text_without_a_cover_keeps_its_head():
    cleaned = clean("武汉市突破性发展数字经济实施方案\n\n(征求意见稿)\n\n为贯彻工作部署，现提出如下实施方案。\n")
    assert texts(cleaned) == ["武汉市突破性发展数字经济实施方案", "(征求意见稿)", "为贯彻工作部署，现提出如下实施方案。"]
    assert cleaned.front_matter == () and cleaned.title is None


# -- tables -------------------------------------------------------------------------

INDICATORS = """建成全国数字商贸物流中心。

湖北省数字经济发展“十四五”主要目标

| | 指 标 | 单 位 | 目 标 |
|-------|-------------------------|-----|-------|
| 总体 | 数字经济核心产业增加值 | 亿元 | ≥6000 |
| | 数字经济全球知名企业 | 家 | 3—5 |
| 基础设施 | 主城区 5G 网络覆盖率 | % | 100 |
| | 行政村 5G 网络通达比例 | % |
"""


def test_indicator_table_rows_keep_column_names_and_carry_the_category_down():
    cleaned = clean(INDICATORS)
    table = cleaned.blocks[-1].table
    assert table.caption == "湖北省数字经济发展“十四五”主要目标"
    assert table.header == ("", "指标", "单位", "目标")
    assert [row.text for row in render_rows(table)] == [
        "总体｜指标：数字经济核心产业增加值；单位：亿元；目标：≥6000",
        "总体｜指标：数字经济全球知名企业；单位：家；目标：3—5",
        "基础设施｜指标：主城区 5G 网络覆盖率；单位：%；目标：100",
        "基础设施｜指标：行政村 5G 网络通达比例；单位：%",  # a ragged row
    ]


def test_headerless_table_strips_html_and_merges_continuation_rows():
    table = parse_table([
        "| | |", "|---------|---|",
        "| 集成电路产业 | <p>统筹布局全省集成电路产业。<br>推进鄂州发展新型显示模组</p> |",
        "| | “5G+智慧医疗”。加快 5G 技术示范应用。 |",
        "|---------|---|",
        "| 区块链产业 | <p>建设区块链关键技术研发与应用平台&amp;生态。</p> | 多余的格 |",
    ])
    rows = render_rows(table)
    assert [(row.heading, row.text) for row in rows] == [
        ("集成电路产业", "集成电路产业：统筹布局全省集成电路产业。推进鄂州发展新型显示模组 “5G+智慧医疗”。"
                        "加快 5G 技术示范应用。"),
        ("区块链产业", "区块链产业：建设区块链关键技术研发与应用平台&生态。；多余的格"),
    ]


def test_a_table_split_by_a_blank_line_is_one_table():
    cleaned = clean("| | |\n|---|---|\n| 光电子信息产业 | 巩固引领地位。 |\n|---|---|\n\n"
                    "| | |\n|---|--|\n| 集成电路产业 | 统筹布局。 |\n")
    assert len(cleaned.blocks) == 1
    assert [row.heading for row in render_rows(cleaned.blocks[0].table)] == ["光电子信息产业", "集成电路产业"]


def test_malformed_tables_do_not_crash():
    for lines in (["|"], ["| a |", "| b | c | d |"], ["|---|", "|---|"], ["| | |", "|--|--|"]):
        render_rows(parse_table(lines))


def test_a_page_with_nothing_but_chrome_is_an_empty_document():
    chrome = "索引号：011043102/2021-62728\n\n发文日期：2021年10月17日\n\n- [首页](#)\n\n 【字体大小：大 中 小】\n"
    with pytest.raises(EmptyDocument, match="page.md"):
        parse_text(chrome, doc_id="page", source="page.md", sha256="0" * 64)


def test_parse_file_reports_undecodable_files_by_name(tmp_path):
    path = tmp_path / "规划.txt"
    path.write_bytes(b"\x00\x00\x00\x01" * 100)
    with pytest.raises(EncodingError, match="规划.txt"):
        parse_file(path, None)


def test_a_row_of_page_buttons_after_the_plan_goes_with_what_follows_it():
    body = "\n".join(f"{i}.推进第{i}项重点工作，落实各项任务，确保取得实效。" for i in range(1, 9))
    for buttons in ("打印 关闭", "【打印】【关闭窗口】", "分享文章到：分享到微信 分享到打印 分享到复制网址"):
        cleaned = clean(f"{body}\n{buttons}\nProduced By 大汉网络 大汉版通发布系统\n")
        assert texts(cleaned)[-1] == "8.推进第8项重点工作，落实各项任务，确保取得实效。", buttons
    kept = clean(f"{body}\n中小企业\n9.支持中小企业发展，落实各项扶持政策，确保取得实效。\n")
    assert texts(kept)[-1].startswith("9.支持中小企业")


def test_an_empty_header_row_above_the_real_one_and_a_broken_column_name() -> None:
    lines = ["|     |     |     |     |", "| --- | --- | --- | --- |",
             "| **序号** | **指标名称** | **属性**<br>**（预期性** **/约束性）** | **“十五五”目标值** |",
             "| 1 | 供电可靠率 | 预期性 | 99.999 |"]
    table = parse_table(lines)
    assert table.header == ("序号", "指标名称", "属性（预期性/约束性）", "“十五五”目标值"), table.header
    assert [list(r) for r in table.rows] == [["1", "供电可靠率", "预期性", "99.999"]]


def test_a_header_row_naming_two_things_in_one_column_is_still_a_header() -> None:
    lines = ["|     |     |     |     |", "| --- | --- | --- | --- |",
             "| **序号** | **项目名称** | **开工时间** **/计划开工时间** | **备注** |",
             "| 1 | 某某110kV输变电工程 | 2024年5月 | 续建 |"]
    assert parse_table(lines).header == ("序号", "项目名称", "开工时间/计划开工时间", "备注")


def test_a_table_printed_one_cell_per_line_is_rebuilt_as_rows() -> None:
    """A converter's column of cells (「名称 |」, empty cells as 「|||」, each row closed by a
    bar) is a table again: one row per line, the header's width fixing each row's."""
    cells = ("|\n序号 |\n作物\n名称 |\n服务环节 |\n申报资金（万元） |\n|\n"
             "1 |\n玉米 |\n秸秆还田 |\n107.9 |\n|\n"
             "2.种 |\n|||\n|\n"
             "全县小计 |\n370 |\n")
    cleaned = clean("附件：资金任务测算表\n\n" + cells + "\n注：平衡关系见上表。\n")
    table = next(b.table for b in cleaned.blocks if b.table)
    assert table.header == ("序号", "作物名称", "服务环节", "申报资金（万元）")
    assert table.rows[0] == ("1", "玉米", "秸秆还田", "107.9")
    assert table.rows[1][0] == "2.种" and table.rows[-1][:2] == ("全县小计", "370")


def test_short_lines_ending_in_a_bar_without_row_ends_stay_text() -> None:
    text = "专栏1 光伏重大工程 |\n建设分布式光伏 |\n" * 8
    assert not any(b.table for b in clean(text).blocks)
