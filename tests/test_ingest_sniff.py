"""A .txt or .md that really holds HTML (a page or a fragment) or Markdown with YAML front
matter is read as what it is, not stored as one clause of markup."""

from __future__ import annotations

import shutil

from tests.ingest_fixtures import DATA, body, header, parse_fragment

from ingest.htmltext import html_to_text
from ingest.loaders import load_text
from ingest.parse import parse_file
from ingest.sniff import looks_like_html, plain_text
from ingest.webpage import strip_page

FRAGMENTS = DATA / "fragments"


def test_an_html_fragment_saved_as_txt_is_segmented_like_html(tmp_path) -> None:
    doc = parse_file(FRAGMENTS / "html_fragment.txt")
    texts = [c.text for c in doc.clauses]
    assert not any("<" in t or "&nbsp" in t or "&mdash" in t for t in texts)
    assert [c.label for c in doc.clauses if c.kind == "section"] == ["一、", "二、", "三、"]
    assert "给予一次性奖励10万元——分两年拨付" in texts[2]
    assert max(len(t) for t in texts) < 200
    assert doc.meta.title == "临江县关于支持重点产业加快发展的若干措施"
    assert (doc.meta.issued, doc.meta.issuer) == ("2022-03-15", "临江县人民政府")
    # The same bytes as .html read the same way.
    html = tmp_path / "html_fragment.html"
    shutil.copy(FRAGMENTS / "html_fragment.txt", html)
    assert [c.text for c in parse_file(html).clauses] == texts


def test_a_whole_page_saved_as_txt_loses_its_chrome() -> None:
    page = ("<!DOCTYPE html><html><head><title>x</title><script>var a=1;</script></head><body>"
            "<div class='nav'><a href='/'>首页</a></div><table><tr><td>"
            "<p>为加快发展，制定本方案。</p><p>一、总体目标</p><p>到2025年，建成基站<span>100</span>个。</p>"
            "<p>二、重点任务</p><p>（一）建设网络。推进<span>5G</span>网络覆盖。</p>"
            "</td></tr></table><footer>网站标识码 1234</footer></body></html>")
    text, kind = plain_text(page)
    assert kind == "html"
    assert "var a" not in text and "网站标识码" not in text
    assert "到2025年，建成基站100个。" in text.splitlines()


def test_inline_elements_do_not_break_lines_but_blocks_and_br_do() -> None:
    text = html_to_text("<p>到2025年，<span>全省</span>建成\n基站<b>100</b>个。<br>二、任务</p><div>三、保障</div>")
    assert [line for line in text.splitlines() if line] == ["到2025年，全省建成基站100个。", "二、任务", "三、保障"]


def test_a_layout_table_is_unwrapped_and_a_data_table_kept() -> None:
    long_cell = "为加快发展，制定本方案。" * 40
    text = html_to_text(f"<table><tr><td>{long_cell}</td><td>侧栏</td></tr></table>"
                        "<table><tr><th>指标</th><th>目标</th></tr><tr><td>基站</td><td>100</td></tr>"
                        "<tr><td>企业</td><td>5</td></tr></table>")
    assert long_cell in text.splitlines()
    assert "| 基站 | 100 |" in text.splitlines()


def test_markdown_with_tags_in_table_cells_stays_markdown() -> None:
    markdown = ("# 某市规划\n\n一、总体要求\n\n| 产业 | 方向 |\n|---|---|\n| 光电子 | <p>巩固</p><br>提升 |\n"
                "| 集成电路 | <p>突破</p> |\n| 人工智能 | <p>培育</p> |\n\n二、任务\n\n正文。\n")
    assert not looks_like_html(markdown)
    assert plain_text(markdown)[1] == "markdown"


def test_yaml_front_matter_becomes_page_fields() -> None:
    text, _ = plain_text("---\ntitle: 某市规划\nofficial_number: 某政发〔2023〕1号\nissuer:\n- 某市政府\n"
                         "date: '2023-04-17'\ntags: [a]\n---\n\n正文。")
    assert text.splitlines()[:4] == ["标题：某市规划", "文号：某政发〔2023〕1号", "发文机关：某市政府",
                                     "发布日期：2023-04-17"]
    doc = parse_file(FRAGMENTS / "yaml_front_matter.md")
    meta = doc.meta
    assert (meta.title, meta.doc_number, meta.issued) == ("东川市智能制造发展行动方案", "东政办发〔2023〕21号", "2023-07-20")
    assert meta.also_titles == ("关于印发《东川市智能制造发展行动方案》的通知",)
    assert not [c for c in doc.clauses if "official_number" in c.text or "---" in c.text]
    assert [c.label for c in doc.clauses if c.kind == "section"] == ["一、", "二、", "二、（一）"]


def test_a_crawlers_site_is_no_issuer_and_its_region_field_places_a_plan_naming_none(tmp_path) -> None:
    """「issuer: - 政府门户.www.…gov.cn」 names the site that posted the page; 「region: name: …」
    places a reposted text whose title names no place; a title opening with its years is
    its period."""
    text = ("---\ntitle: 2024—2026年农机购置与应用补贴实施操作要求_实施情况_某区人民政府\nissuer:\n"
            "- 政府门户.www.mouqu.gov.cn\ndate: '2024-08-22'\nregion:\n  level: 区\n  name: 某市某区\n---\n\n"
            "# 2024—2026年农机购置与应用补贴实施操作要求\n\n一、补贴范围\n\n补贴机具种类范围为25大类。\n")
    assert plain_text(text)[0].splitlines()[:3] == [
        "标题：2024—2026年农机购置与应用补贴实施操作要求_实施情况_某区人民政府", "发布日期：2024-08-22", "地区：某市某区"]
    path = tmp_path / "reposted.md"
    path.write_text(text, encoding="utf-8")
    meta = parse_file(path).meta
    assert (meta.issuer, meta.region, meta.period) == (None, "某市某区", "2024—2026")


def test_a_static_sites_page_keeps_its_front_matter_title_and_its_body(tmp_path) -> None:
    """A Jekyll page: YAML front matter, then <style> before the markup (which lxml then
    parses into <head>). The front matter's title is the plan's; the body is all kept."""
    style = "<style>\n" + "".join(f"  .c{i} {{ color: #{i:06d}; }}\n" for i in range(40)) + "</style>\n"
    page = ("---\nlayout: default\ntitle: 某市人民政府办公室关于支持人工智能OPC发展的实施意见\n---\n" + style
            + '<article class="policy"><p>某政办发〔2026〕1号</p><p>各县、市、区人民政府：</p>'
            + "<h3>一、发展目标</h3><p>到2028年年底，全市人工智能OPC数量突破100家。</p>"
            + "<h3>二、重点任务</h3><p>1.布局建设OPC社区。支持符合条件的OPC社区申报集聚区。（责任单位：市科技局）</p>"
            + "</article>")
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    doc = parse_file(path)
    assert (doc.meta.title, doc.meta.doc_number) == ("某市人民政府办公室关于支持人工智能OPC发展的实施意见", "某政办发〔2026〕1号")
    text = "".join(c.text for c in doc.clauses)
    assert "突破100家" in text and "市科技局" in text and "color" not in text


def test_a_pages_fields_after_many_blank_lines_of_markup_are_still_its_header() -> None:
    """A portal's navigation leaves a blank line per tag: the header's length is counted in
    printed lines, so the 文号 printed after 100 blank lines is still read."""
    lines = ["网站首页", *[""] * 100, "索 引 号：SM0-2022-00023", "", "备注/文号：某政规〔2022〕6号", "",
             "发布机构：县政府", "", "公文生成日期：2022-11-26", "", "某县人民政府关于印发某县若干措施的通知",
             "各乡（镇）人民政府：", "现将《某县若干措施》印发给你们，请认真贯彻执行。"]
    parts = strip_page(lines)
    assert parts.fields.get("索引号") == "SM0-2022-00023" and parts.fields.get("发布机构") == "县政府"
    assert "网站首页" not in "".join(parts.lines)


def test_a_metadata_table_of_a_page_becomes_fields() -> None:
    page = ("<html><body><table><tr><td>索引号：</td><td>1/2023</td><td>发文字号：</td><td>东府办〔2023〕5号</td></tr>"
            "<tr><td>成文日期：</td><td>2023年3月1日</td><td>名　　称：</td><td>东城市智慧园区建设方案</td></tr></table>"
            "<p>东城市智慧园区建设方案</p><p>为加快智慧园区建设，制定本方案。</p><p>一、总体目标</p>"
            "<p>到2025年，建成智慧园区10个。</p></body></html>")
    doc = parse_fragment(plain_text(page)[0])
    assert (doc.meta.title, doc.meta.doc_number, doc.meta.issued) == (
        "东城市智慧园区建设方案", "东府办〔2023〕5号", "2023-03-01")
    assert not [c for c in body(doc) if "索引号" in c.text or c.kind == "table_row"]
    assert "发文字号：东府办〔2023〕5号" in header(doc).text  # the fields are the header clause


def test_entities_in_plain_text_are_decoded(tmp_path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text("一、总体要求\n\n到2025年，建成&nbsp;100&nbsp;个基站&mdash;&mdash;全面覆盖。\n", encoding="utf-8")
    text, _ = load_text(path)
    assert "&nbsp;" not in text and "——全面覆盖" in text


def test_plain_text_with_a_stray_angle_bracket_is_not_html() -> None:
    assert not looks_like_html("一、总体要求\n\n数据量<100万条的，按简易程序。\n\n二、任务\n")
    assert parse_fragment("一、总体要求\n\n数据量<100万条的，按简易程序。\n").clauses[0].text.startswith("一、")


def test_a_county_page_with_a_metadata_table_a_cover_and_an_annex_table() -> None:
    doc = parse_file(FRAGMENTS / "county_page.html")
    meta = doc.meta
    assert (meta.title, meta.doc_number, meta.issued) == ("东岭县河湖长制工作考核办法", "东府办字〔2023〕27号", "2023-05-08")
    assert meta.also_titles == ("东岭县人民政府办公室关于印发东岭县河湖长制工作考核办法的通知",)
    labels = [c.label for c in doc.clauses]
    assert labels[:7] == ["第一条", "第二条", "第三条", "第三条（一）", "第三条（二）", "第四条", "第五条"]
    assert labels[7:] == ["附件", "附件表1", "附件表1第1行", "附件表1第2行", "附件表1第3行", "文件信息"]
    rows = [c.text for c in doc.clauses if c.kind == "table_row"]
    assert rows[2] == "序号：3；考核内容：跨界断面水质达标率达到100%；分值：20；牵头考核单位：市生态环境局东岭分局"
    assert not [c for c in body(doc) if "索引号" in c.text or "浏览次数" in c.text or "网站标识码" in c.text]
    assert not [c for c in doc.clauses if "浏览次数" in c.text or "网站标识码" in c.text]


def test_merged_cells_of_an_html_table_fill_every_row() -> None:
    text = html_to_text("<table><tr><td colspan=3>考核细则</td></tr><tr><th>类别</th><th>内容</th><th>分值</th></tr>"
                        "<tr><td rowspan=2>组织</td><td>建立体系</td><td>5</td></tr><tr><td>巡河制度</td><td>10</td></tr>"
                        "<tr><td>水质</td><td>断面达标</td><td>20</td></tr></table>")
    lines = [line for line in text.splitlines() if line]
    assert lines[0] == "考核细则"
    assert "| 组织 | 巡河制度 | 10 |" in lines


def test_a_title_blocks_issuers_and_date_and_a_footer_set_as_a_table_row_are_the_header() -> None:
    text = ("中共某某省委 某某省人民政府\n\n关于加快建设幸福某某的意见\n\n（2024年7月17日）\n\n"
            "为民造福是本质要求，现提出如下意见。\n\n一、总体要求\n\n到2027年，建成示范县10个。\n\n"
            "二、保障措施\n\n加强组织领导，压实工作责任。\n\n"
            "| 抄送：区委办公室，区人大常委会办公室。 |  |\n| 某某区人民政府办公室 | 2024年5月28日印发 |\n")
    doc = parse_fragment(text)
    head = header(doc).text
    assert all(line in head for line in ("中共某某省委 某某省人民政府", "关于加快建设幸福某某的意见", "（2024年7月17日）")), head
    assert "抄送：区委办公室" in head and "2024年5月28日印发" in head, head
    assert not [c for c in body(doc) if "抄送" in c.text]
