"""Document metadata from the text, completed and overridden by the manifest."""

from __future__ import annotations

import json

import pytest
from tests.ingest_fixtures import SEED_FILES, SEEDS, body, header, parse_fragment, parsed_seed

from ingest.clean import clean
from ingest.metadata import (
    Manifest,
    doc_id_for,
    infer_doc_number,
    infer_issued,
    infer_level,
    infer_period,
    infer_region,
    load_manifest,
    parse_date,
    tidy_title,
)
from ingest.parse import parse_file
from kg.errors import InputError


def test_doc_numbers_are_normalised():
    for printed in ("武政办〔2025〕51 号", "武政办 〔 2025 〕 51号", "武政办[2025]51号", "武政办（2025）51号"):
        cleaned = clean(f"{printed}\n\n一、总体要求\n\n正文。\n")
        assert infer_doc_number(cleaned) == "武政办〔2025〕51号"


def test_doc_numbers_cited_in_the_text_are_not_the_documents_own():
    cleaned = clean("根据《国务院关于印发“十四五”数字经济发展规划的通知》（国发〔2021〕29号），制定本方案。\n\n"
                    "一、总体要求\n\n正文。\n")
    assert infer_doc_number(cleaned) is None


def test_dates_prefer_the_signing_date_over_the_printing_date():
    assert parse_date("2025 年 3 月 28 日") == "2025-03-28"
    assert parse_date("发布时间：2021-11-19 08:47") == "2021-11-19"
    cover = ("市人民政府办公厅关于印发武汉市数据工作方案的通知\n\n各区人民政府:\n\n现印发给你们。\n\n"
             "武汉市人民政府办公厅\n\n2025 年 3 月 28 日\n\n武汉市数据工作方案\n\n一、总体要求\n\n正文。\n"
             " 抄送: 市委办公厅。\n\n武汉市人民政府办公厅 2025 年 3 月 31 日印发\n")
    assert infer_issued(clean(cover)) == "2025-03-28"
    printed_only = "一、总体要求\n\n正文。\n\n抄送：市委办公厅。\n\n武汉市人民政府办公厅 2025 年 3 月 31 日印发\n"
    assert infer_issued(clean(printed_only)) == "2025-03-31"


def test_titles_are_tidied():
    assert tidy_title("武汉市加快推进数字经济高质量发展 实施方案(2025—2027 年)") == (
        "武汉市加快推进数字经济高质量发展实施方案（2025—2027年）")
    assert tidy_title("《湖北省数字经济发展“十四五”规划》") == "湖北省数字经济发展“十四五”规划"
    assert tidy_title("Digital Economy Plan (draft)") == "Digital Economy Plan (draft)"


def test_a_crawlers_source_line_does_not_hide_the_title_below_it():
    doc = parse_fragment("来源：https://fzgg.tj.gov.cn/xxfb/tzggx/202204/W020220414627847426485.docx\n\n附件\n\n"
                         "天津市促进工业经济平稳增长的行动方案\n\n（征求意见稿）\n\n为贯彻要求，制定以下行动方案。\n\n"
                         "一、总体要求\n\n正文。\n")
    assert doc.meta.title == "天津市促进工业经济平稳增长的行动方案（征求意见稿）"
    assert doc.meta.region == "天津市"
    assert not any("https://" in c.text for c in doc.clauses)


def test_the_issuers_masthead_is_a_header_line_an_answer_can_cite():
    doc = parse_fragment("武汉市人民政府办公厅文件\n\n武政办〔2025〕51号\n\n市人民政府办公厅关于印发武汉市某某实施方案的通知\n\n"
                         "各区人民政府：\n\n经研究同意，现将《武汉市某某实施方案》印发给你们，请认真组织实施。\n\n"
                         "武汉市人民政府办公厅\n\n2025年3月28日\n\n武汉市某某实施方案\n\n一、总体要求\n\n正文。\n")
    assert "武汉市人民政府办公厅文件" in header(doc).text
    assert "各区人民政府：" in header(doc).text  # whom the notice is sent to


def test_a_cover_names_its_attachment_without_the_attachment_label():
    from ingest.titles import tidy_title

    assert tidy_title("附件:湖南省进一步构建高质量充电基础设施体系的实施意见") == "湖南省进一步构建高质量充电基础设施体系的实施意见"
    assert tidy_title("附件2：盐都区重点任务清单") == "盐都区重点任务清单"


def test_a_head_title_cut_short_is_completed_by_the_plan_it_names_further_down():
    # A page heading cut with 「 ...」; the guide's own title runs into its first paragraph.
    doc = parse_fragment("关于印发《2025年某市发展改革（车网互动试点城市 ...\n\n各有关单位：\n\n"
                         "现制定《2025年某市发展改革（车网互动试点城市建设）专项资金项目申报指南》，现印发给你们。\n\n"
                         "某市发展和改革委员会\n\n2025年10月24日\n\n"
                         "2025年某市发展改革（车网互动试点城市建设）专项资金项目申报指南为推动试点建设，现制定本指南。\n\n"
                         "一、支持范围\n\n正文。\n")
    assert doc.meta.title == "2025年某市发展改革（车网互动试点城市建设）专项资金项目申报指南"


def test_title_from_head_lines_keeps_the_draft_marker():
    doc = parse_fragment("武汉市突破性发展数字经济实施方案\n\n(征求意见稿)\n\n为贯彻部署，现提出如下实施方案。\n\n"
                         "一、发展现状\n\n正文。\n")
    assert doc.meta.title == "武汉市突破性发展数字经济实施方案（征求意见稿）"
    assert [c.text for c in doc.clauses][0] == "为贯彻部署，现提出如下实施方案。"  # title lines are no clause


def test_period_region_and_level():
    assert infer_period("武汉市加快推进数字经济高质量发展实施方案（2025—2027年）", clean("正文。")) == "2025—2027"
    assert infer_period("湖北省数字经济发展“十四五”规划", clean("正文。")) == "2021—2025"
    assert infer_period("某区规划", clean("本规划规划期限为 2021—2025年，范围为全域。")) == "2021—2025"
    assert infer_period("某区规划", clean("正文。")) is None
    assert infer_region("湖北省数字经济发展“十四五”规划", None) == "湖北省"
    assert infer_region("武汉市加快推进数字经济高质量发展实施方案", None) == "武汉市"
    assert infer_region("武汉经济技术开发区数字经济产业发展规划", None) == "武汉经济技术开发区"
    assert infer_region("数字经济规划", "武汉市人民政府") == "武汉市"
    # A title opening with what is done names its place after it, not with it.
    assert infer_region("加快构建某某省高质量充电基础设施体系实施方案", None) == "某某省"
    # A district or county named after its city is the region; a 社区 or 城区 is not one.
    assert infer_region("某州市云阳区进一步稳住经济增长若干政策措施", None) == "某州市云阳区"
    assert infer_region("关于印发方案的通知", "某州市云阳县人民政府") == "某州市云阳县"
    assert infer_region("成都市社区发展治理规划", None) == "成都市"
    assert infer_region("武汉市中心城区更新方案", None) == "武汉市"
    assert [infer_level(r) for r in ("湖北省", "武汉市", "武汉经济技术开发区", "汉南区", None)] == [
        "province", "city", "district", "district", None]


def test_manifest_fills_what_the_text_lacks_and_explicit_values_win():
    text = "一、总体要求\n\n到 2025 年，力争实现目标。\n"
    assert parse_fragment(text).meta.title == "fragment"  # nothing printed: the file name
    meta = parse_fragment(text, title="某开发区数字经济规划", issuer="某开发区管委会", period="2021—2025").meta
    assert (meta.title, meta.issuer, meta.period, meta.level) == (
        "某开发区数字经济规划", "某开发区管委会", "2021—2025", "district")
    printed = "武汉市数据工作方案（2025—2027年）\n\n一、总体要求\n\n正文。\n"
    assert parse_fragment(printed).meta.period == "2025—2027"
    assert parse_fragment(printed, period="2025—2026", level="other").meta.period == "2025—2026"


def test_load_manifest(tmp_path):
    assert load_manifest(tmp_path) == Manifest()
    manifest = load_manifest(SEEDS)
    entry = manifest.entry_for(SEED_FILES["004"])
    assert entry["level"] == "press"
    renamed = manifest.entry_for("renamed.txt", entry["sha256"])
    assert renamed == entry
    assert manifest.entry_for("unknown.txt", "f" * 64) is None


@pytest.mark.parametrize("content, message", [
    ("{not json", "not a readable JSON"),
    (json.dumps({"docs": {}}), "expected"),
    (json.dumps({"documents": {"a.txt": {"titel": "x"}}}), "unknown field"),
    (json.dumps({"documents": {"a.txt": {"level": "county"}}}), "level"),
    (json.dumps({"documents": {"a.txt": {"issued": "2024/12"}}}), "ISO date"),
])
def test_bad_manifests_name_the_file_and_the_problem(tmp_path, content, message):
    (tmp_path / "manifest.json").write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=rf"manifest\.json.*{message}"):
        load_manifest(tmp_path)


def test_doc_ids(tmp_path):
    sha = "ab" * 32
    assert doc_id_for(tmp_path / "002_733fef4de3600b88.txt", sha) == "002_733fef4de3600b88"
    assert doc_id_for(tmp_path / "武汉规划.txt", sha) == "doc_abababababab"
    assert doc_id_for(tmp_path / "plan.txt", sha, {"doc_id": "wuhan-2025"}) == "wuhan-2025"
    path = tmp_path / "武汉规划.txt"
    path.write_text("一、总体要求\n\n正文。\n", encoding="utf-8")
    assert parse_file(path, None).meta.doc_id.startswith("doc_")


def test_seed_metadata():
    m2, m3 = parsed_seed("002").meta, parsed_seed("003").meta
    assert (m2.title, m2.doc_number, m2.issued, m2.issuer, m2.level, m2.period, m2.region) == (
        "武汉市加快推进数字经济高质量发展实施方案（2025—2027年）", "武政办〔2025〕51号", "2025-03-28",
        "武汉市人民政府办公厅", "city", "2025—2027", "武汉市")
    assert (m3.title, m3.doc_number, m3.issued, m3.issuer, m3.level, m3.period, m3.region) == (
        "湖北省数字经济发展“十四五”规划", "鄂政发〔2021〕24号", "2021-10-17", "湖北省人民政府",
        "province", "2021—2025", "湖北省")
    m0 = parsed_seed("000").meta
    assert (m0.title, m0.level, m0.period, m0.region) == (
        "武汉经济技术开发区数字经济产业发展规划", "district", "2021—2025", "武汉经济技术开发区")
    m1 = parsed_seed("001").meta
    assert (m1.title, m1.level, m1.doc_number) == ("武汉市突破性发展数字经济实施方案（征求意见稿）", "city", None)
    m4 = parsed_seed("004").meta
    assert (m4.title, m4.level, m4.issued) == ("武汉打造数字经济发展新高地", "press", "2024-12")


def test_seed_manifest_only_holds_what_the_text_does_not_print():
    manifest = json.loads((SEEDS / "manifest.json").read_text(encoding="utf-8"))["documents"]
    assert set(manifest) == set(SEED_FILES.values())
    printed = {"002": {"doc_number", "issued", "title", "period"}, "003": {"doc_number", "issued", "title"}}
    for prefix, fields in printed.items():
        assert not fields & set(manifest[SEED_FILES[prefix]])


# -- titles, numbers and dates wherever they are printed, with their sources ---------

from tests.ingest_fixtures import DATA  # noqa: E402

FRAGMENTS = DATA / "fragments"


def test_a_notice_wrapping_two_plans_keeps_both_findable():
    doc = parse_file(FRAGMENTS / "notice_two_plans.txt")
    meta = doc.meta
    assert meta.title == "江南省支持工业软件发展若干政策"
    assert meta.also_titles == (
        "江南省人民政府办公厅关于印发《江南省支持工业软件发展若干政策》和《江南省工业软件产业发展行动计划"
        "（2023—2025年）》的通知", "江南省工业软件产业发展行动计划（2023—2025年）")
    assert (meta.doc_number, meta.issued, meta.issuer) == ("江政办秘〔2023〕15号", "2023-05-06", "江南省人民政府办公厅")
    second = [c for c in doc.clauses if c.path.startswith("a2")]
    assert second[0].label == "《江南省工业软件产业发展行动计划（2023—2025年）》"
    assert second[0].text == "附件2 江南省工业软件产业发展行动计划（2023—2025年）"
    assert [c.label.split("》")[1] for c in second if c.kind == "section"][1:] == ["一、", "二、", "二、（一）", "二、（二）"]
    first = [c.label for c in doc.clauses if c.kind == "section" and not c.path.startswith("a")]
    assert first == ["一、", "二、"]
    assert not [c for c in body(doc) if "现印发给你们" in c.text]


def test_a_database_header_gives_fields_and_is_no_clause():
    meta = parse_file(FRAGMENTS / "database_header.txt").meta
    assert (meta.title, meta.doc_number, meta.issued, meta.issuer) == (
        "南湖省人民政府办公厅关于加快发展数字贸易的实施意见", "南政办发〔2022〕87号", "2022-09-02", "南湖省人民政府办公厅")
    clauses = parse_file(FRAGMENTS / "database_header.txt").clauses
    assert not [c for c in clauses if "法宝" in c.text or "原文链接" in c.text or "【" in c.text]


def test_a_number_under_the_title_in_parentheses_is_the_documents_own():
    doc = parse_fragment("滨海市数字化转型专项资金管理办法\n\n（滨政规〔2023〕4号）\n\n第一章 总则\n\n"
                         "第一条 为规范资金管理，依据《某省资金管理办法》（某财规〔2020〕9号），制定本办法。\n")
    assert doc.meta.doc_number == "滨政规〔2023〕4号"
    assert doc.meta.doc_number_source == "printed"
    printed = parse_fragment("京东区经信局文件\n\n京经信发〔2022〕87号\n\n关于推进算力建设的通知\n\n一、总体要求\n\n正文。\n")
    assert printed.meta.doc_number == "京经信发〔2022〕87号"


def test_the_date_under_the_signature_is_the_issue_date():
    text = ("为推进工作，制定本方案。\n\n一、总体要求\n\n到2025年，完成目标。\n\n某市人民政府办公室\n\n2021年9月2日\n")
    meta = parse_fragment(text).meta
    assert (meta.issued, meta.issued_source) == ("2021-09-02", "printed")
    han = parse_fragment(text.replace("2021年9月2日", "二〇二一年九月二日")).meta
    assert han.issued == "2021-09-02"
    assert parse_date("二〇二三年十二月三十一日") == "2023-12-31"


def test_sources_say_manifest_printed_or_inferred():
    text = "某市数据条例实施方案\n\n发布日期：2024-01-05\n\n一、总体要求\n\n正文。\n"
    meta = parse_fragment(text).meta
    assert (meta.title_source, meta.doc_number_source) == ("printed", None)
    bare = parse_fragment("一、总体要求\n\n正文。\n").meta
    assert (bare.title, bare.title_source) == ("fragment", "inferred")
    given = parse_fragment(text, title="某市数据方案", doc_number="某政〔2024〕1号").meta
    assert (given.title, given.title_source, given.doc_number_source) == ("某市数据方案", "manifest", "manifest")


def test_a_published_date_is_inferred_not_printed():
    page = "索引号：1/2024\n发布日期：2024-01-05\n某市数据方案\n\n一、总体要求\n\n到2025年，完成目标。\n"
    meta = parse_fragment(page).meta
    assert (meta.issued, meta.issued_source) == ("2024-01-05", "inferred")
    signed = parse_fragment(page.replace("发布日期", "成文日期")).meta
    assert (signed.issued, signed.issued_source) == ("2024-01-05", "printed")


def test_a_page_title_cut_short_or_with_the_site_name_is_completed_from_the_text():
    page = ("标题：中共某省委某省人民政府关于加快建设幸福某省的 ...\n索引号：1/2024\n"
            "中共某省委 某省人民政府\n\n关于加快建设幸福某省的意见\n\n（2024年7月17日）\n\n为民造福，现提出如下意见。\n\n"
            "一、总体要求\n\n正文。\n")
    meta = parse_fragment(page).meta
    assert (meta.title, meta.issued, meta.issued_source) == ("关于加快建设幸福某省的意见", "2024-07-17", "printed")
    assert infer_region(meta.title, "中共江北省委、江北省人民政府") == "江北省"  # not 「中共江北省」
    site = ("标题：某省人民政府关于印发2024年稳增长政策措施的通知_某省发展和改革委员会\n索引号：1/2024\n"
            "各市人民政府：\n\n现将《2024年稳增长政策措施》印发给你们，请认真贯彻执行。\n\n某省人民政府\n\n2024年2月18日\n\n"
            "**2024年稳增长政策措施**\n\n**一、支持产业发展**\n\n（一）支持技术改造。对项目给予补助。\n")
    meta = parse_fragment(site).meta
    assert (meta.title, meta.issued) == ("2024年稳增长政策措施", "2024-02-18")
    assert meta.also_titles == ("某省人民政府关于印发2024年稳增长政策措施的通知",)


def test_a_title_broken_over_two_lines_or_carrying_its_number_is_read_whole():
    doc = parse_fragment("阿坝州关于加强政务数据\n\n共享应用的若干措施\n\n为加强政务数据共享，制定以下措施。\n\n一、总体要求\n\n正文。\n")
    assert doc.meta.title == "阿坝州关于加强政务数据共享应用的若干措施"
    assert doc.clauses[0].text == "为加强政务数据共享，制定以下措施。"
    numbered = parse_fragment("临沧市人民政府关于印发临沧市数字经济发展三年行动方案的通知（临政发〔2023〕5号）\n\n"
                              "各县（区）人民政府：\n\n现将方案印发给你们。\n\n一、总体要求\n\n到2025年，完成目标。\n").meta
    assert (numbered.title, numbered.doc_number) == ("临沧市数字经济发展三年行动方案", "临政发〔2023〕5号")
    assert numbered.also_titles == ("临沧市人民政府关于印发临沧市数字经济发展三年行动方案的通知",)


def test_a_date_not_yet_reached_is_no_issue_date():
    page = "索引号：1/2024\n发布日期：2099-01-01\n某市数据方案\n\n一、总体要求\n\n到2025年，完成目标。\n"
    assert parse_fragment(page).meta.issued is None


def test_a_page_line_that_issues_a_plan_names_it_as_a_notice_would():
    page = ("# 省人民政府办公厅印发《某省扩大民间投资三年行动方案》\n\n为激发民间投资活力，制定本方案。\n\n"
            "一、总体要求\n\n到2027年，民间投资占比达到40%。\n")
    meta = parse_fragment(page).meta
    assert meta.title == "某省扩大民间投资三年行动方案" and meta.issuer.endswith("省人民政府办公厅")
    assert meta.also_titles == ("省人民政府办公厅印发《某省扩大民间投资三年行动方案》",)


def test_a_notice_title_cut_short_still_wraps_its_plan_and_the_notice_signature_is_the_issuer() -> None:
    page = ("---\ntitle: 关于印发某某省推进数字经济全面发展实施方案（2026—2028年）的 ...\nissuer:\n- 某某省发展和改革委员会\n"
            "date: '2025-12-31'\n---\n\n# 关于印发某某省推进数字经济全面发展实施方案（2026—2028年）的 ...\n\n"
            "各市、县人民政府，省人民政府各委、办、厅、局：\n\n"
            "《某某省推进数字经济全面发展实施方案（2026—2028年）》已经省人民政府同意，现印发给你们，请认真贯彻执行。\n\n"
            "某某省人民政府办公厅\n\n2025年12月31日\n\n**某某省推进数字经济全面发展实施方案**\n\n**（2026—2028年）**\n\n"
            "为加快数字经济发展，制定本方案。\n\n一、总体要求\n\n到2028年，数字经济增加值占比达到50%。\n")
    meta = parse_fragment(page).meta
    assert meta.title == "某某省推进数字经济全面发展实施方案（2026—2028年）", meta.title
    # The page lists who posted it; the notice is signed by who issued it.
    assert meta.issuer == "某某省人民政府办公厅", meta.issuer


def test_co_signers_printed_side_by_side_above_the_date_are_the_issuers_together() -> None:
    page = ("# 关于印发《2025年某市专项资金项目申报指南 ...\n\n"
            "各区发改委、工信局、财政局，有关单位：\n\n"
            "为发挥财政专项资金的激励作用，制定《2025年某市专项资金项目申报指南》，现印发给你们，请遵照执行。\n\n"
            "某市发展和改革委员会 某市工业和信息化局\n\n某市财政局 某市住房和城乡建设局\n\n2025年10月24日\n\n"
            "（此件公开发布）\n\n2025年某市专项资金项目申报指南\n\n一、支持范围\n\n1.放电类\n\n"
            "（1）支持标准。补贴标准不超过4元/千瓦时。\n")
    meta = parse_fragment(page).meta
    assert meta.issuer == "某市发展和改革委员会、某市工业和信息化局、某市财政局、某市住房和城乡建设局", meta.issuer
    assert meta.issued == "2025-10-24"


@pytest.mark.parametrize(("page", "title", "notice"), [
    # 「某市人民政府印发关于…的通知」: no 「关于印发」, the issuer's name before 印发.
    ("某市人民政府文件\n某政函〔2024〕16号\n某市人民政府印发关于进一步推动\n经济高质量发展若干政策的通知\n"
     "各区、县（市）人民政府，市政府各部门：\n现将《关于进一步推动经济高质量发展的若干政策》印发给你们，"
     "请结合实际认真组织实施。\n某市人民政府\n2024年2月18日\n关于进一步推动经济高质量发展的若干政策\n"
     "为推动高质量发展，制定以下政策。\n一、扩大有效投资政策\n2024年，完成投资800亿元以上。\n",
     "关于进一步推动经济高质量发展的若干政策", "某市人民政府印发关于进一步推动经济高质量发展若干政策的通知"),
    # A PDF prints 「某省人民政府办公厅」 on a line of its own above 「关于印发《…》的通知」.
    ("某省人民政府办公厅\n关于印发《支持创业带动就业的\n若干政策措施》的通知\n某办规〔2025〕6号\n"
     "各市人民政府，省政府各部门：\n《支持创业带动就业的若干政策措施》已经省政府同意，现印发给你们。\n"
     "某省人民政府办公厅\n2025年4月30日\n支持创业带动就业的若干政策措施\n"
     "为促进就业，制定以下政策措施。\n一、强化财政支持\n（一）加大信贷支持。个人贷款额度提高至50万元。\n",
     "支持创业带动就业的若干政策措施", "某省人民政府办公厅关于印发《支持创业带动就业的若干政策措施》的通知"),
])
def test_a_notices_issuer_before_its_verb_or_on_the_line_above_is_in_its_title(page: str, title: str,
                                                                                 notice: str) -> None:
    meta = parse_fragment(page).meta
    assert meta.title == title, meta.title
    assert meta.also_titles == (notice,), meta.also_titles


def test_a_notice_title_is_not_read_across_a_cut_or_with_the_number_before_it() -> None:
    page = ("---\ntitle: 某政办〔2025〕3号关于印发《某县2025年农业社会化服务 ...\ndate: '2025-03-14'\n---\n\n"
            "# 某政办〔2025〕3号关于印发《某县2025年农业社会化服务 ...\n\n## 政策原文\n\n"
            "某政办〔2025〕3号关于印发《某县2025年农业社会化服务项目实施方案》的通知\n\n某县人民政府办公室\n\n"
            "关于印发《某县2025年农业社会化服务项目实施方案》的通知\n\n各乡镇人民政府：\n\n"
            "《某县2025年农业社会化服务项目实施方案》已经县政府研究同意，现印发给你们。\n\n某县人民政府办公室\n\n"
            "2025年3月14日\n\n某县2025年农业社会化服务项目实施方案\n\n为做好项目实施工作，制定本方案。\n\n"
            "一、目标任务\n\n完成托管服务面积4.5万亩。\n")
    meta = parse_fragment(page).meta
    assert meta.title == "某县2025年农业社会化服务项目实施方案", meta.title
    assert meta.also_titles == ("关于印发《某县2025年农业社会化服务项目实施方案》的通知",), meta.also_titles


def test_the_body_names_the_place_a_plan_speaks_for():
    from ingest.bodyplace import body_region

    body = ["我市设立济南市先进制造业专项资金。", "全市推进济南高新区建设，学习青岛经验。", "支持济南新旧动能转换起步区。"]
    assert body_region(body) == "济南市"
    # Speaking as a city but naming two as often: no place is clear.
    assert body_region(["我市学习济南经验。", "全市对标青岛。"]) is None
    # Never calling itself 我市/全市: a news article that names a city is not that city's plan.
    assert body_region(["济南发布新政策。", "济南企业受益。"]) is None
    # A county's plan: the county it names most, not 县城 or 全县.
    county = ["在明溪县城市规划区内购房的，我县给予补贴。", "全县推进，县城扩容。", "明溪县住建局负责。"]
    assert body_region(county) == "明溪县"


def test_a_plan_printing_no_title_is_named_by_its_opening_sentence():
    from ingest.opening import opening_title

    opening = "为大力发展先进制造业，促进我市先进制造业和数字经济高端高质高效发展，结合我市实际，制定若干政策措施如下。"
    assert opening_title([opening, "一、培育壮大市场主体"], "济南市") == "济南市促进先进制造业和数字经济发展的若干政策措施"
    assert opening_title(["为推动全县文旅产业高质量发展，制定本方案。"], None) == "推动文旅产业发展方案"
    assert opening_title(["一、总体要求", "（一）指导思想"], "济南市") is None


def test_an_untitled_plan_takes_its_place_and_name_from_its_body(tmp_path):
    text = ("为深入贯彻落实制造强国战略，促进我市先进制造业高质量发展，结合我市实际，制定若干政策措施如下。\n"
            "一、培育壮大市场主体\n"
            "１．支持优势骨干企业做强。对主营业务收入首次突破１００亿元的法人企业，给予１００万元的奖励。（责任单位：市工信局）\n"
            "二、强化保障\n"
            "２．设立济南市先进制造业发展专项资金，全市统筹使用，济南高新区配套支持。\n")
    path = tmp_path / "untitled_measures.txt"
    path.write_text(text, encoding="utf-8")
    meta = parse_file(path).meta
    assert (meta.region, meta.level) == ("济南市", "city")
    assert meta.title == "济南市促进先进制造业发展的若干政策措施" and meta.title_source == "inferred"
