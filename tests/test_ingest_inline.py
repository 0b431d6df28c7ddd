"""A body on one long line is cut at its own structure; PDF-copy spaces are repaired
without gluing real words."""

from __future__ import annotations

from tests.ingest_fixtures import DATA, SEED_FILES, SEEDS, parse_fragment

from ingest.clean import clean
from ingest.inline import LONG_LINE, split_long_lines, split_merged_items
from ingest.parse import parse_file
from ingest.spacing import is_damaged, repair_line, repair_spacing

FRAGMENTS = DATA / "fragments"


def test_a_portal_page_on_one_line_after_a_breadcrumb_is_segmented() -> None:
    doc = parse_file(FRAGMENTS / "portal_one_line.txt")
    sections = [c.label for c in doc.clauses if c.kind == "section"]
    assert sections[:5] == ["一、", "一、（一）", "一、（二）", "二、", "二、（一）"]
    assert "二、（一）1." in sections and "二、（二）2." in sections and "三、（三）" in sections
    assert max(len(c.text) for c in doc.clauses) < 150
    assert doc.meta.coverage == 1.0
    assert not [c for c in doc.clauses if "当前位置" in c.text or "扫一扫" in c.text]
    meta = doc.meta
    assert (meta.title, meta.issued) == ("某市数字经济高质量发展实施意见", "2022-06-08")
    assert meta.also_titles == ("某市人民政府办公室关于印发某市数字经济高质量发展实施意见的通知",)


def test_inline_numbering_splits_only_in_sequence_and_never_at_a_reference() -> None:
    line = ("为推进工作，制定本办法。 第一条 为规范管理，依据第三条规定执行。 第二条 本办法适用于全市，"
            "统一、规范推进。 第三条 按照（二）所列办理。") * 10
    assert len(line) > LONG_LINE
    pieces = split_long_lines([line])
    assert all(not p.startswith(("第三条规定", "（二）所列", "一、规范")) for p in pieces)
    assert sum(1 for p in pieces if p.startswith("第二条")) == 10


def test_short_lines_are_split_only_where_two_items_of_a_list_merged() -> None:
    lines = ["一、总体要求（一）指导思想。坚持创新。", "到2025年，达到2.5亿元。 二、任务",
             "（一）做好统筹；（三）另见下文", "（二）按照第（三）项执行", "1）企业；2）园区"]
    assert split_long_lines(lines) == lines
    merged = "（六）其他行政机关推送或者共享获取的信息；（七）人民法院相关判决、裁决；（七）重复"
    assert split_long_lines([merged]) == ["（六）其他行政机关推送或者共享获取的信息；",
                                          "（七）人民法院相关判决、裁决；（七）重复"]
    assert split_long_lines(["1.加强统筹。2.推进建设；3．完善机制"]) == ["1.加强统筹。", "2.推进建设；", "3．完善机制"]


def test_merged_items_become_clauses_of_their_own() -> None:
    text = ("第十条 市房产主管部门主要从以下渠道归集信用信息：\n（五）物业企业的自行申报；\n"
            "（六）其他行政机关推送的信息；（七）人民法院、仲裁委员会相关判决、裁决；\n（八）其他渠道。\n")
    labels = [c.label for c in parse_fragment(text).clauses]
    assert any(label.endswith("（七）") for label in labels), labels


def test_pdf_copy_spaces_in_numbers_and_markers_are_repaired() -> None:
    assert repair_line("第 1 0 条 为了规范管理") == "第10条 为了规范管理"
    assert repair_line("第 十 条 本办法") == "第十条 本办法"
    assert repair_line("单个项目最高 2 0 0 万元") == "单个项目最高200万元"
    assert repair_line("到 2 0 2 5 年") == "到2025年"


def test_real_words_and_spaced_numbers_stay_readable() -> None:
    for text in ("支持 Wi-Fi 6 网络建设", "建设 5G 基站", "2021 2022 年度", "到 2027 年,增长 10%", "iPhone 15 Pro"):
        assert repair_line(text) == text
    assert repair_line("建设 5G 基站", damaged=True) == "建设 5G 基站"
    assert repair_line("Wi-Fi 6 网络", damaged=True) == "Wi-Fi 6 网络"


def test_spaces_inside_chinese_words_are_removed_only_where_the_copy_is_damaged() -> None:
    damaged = ["加快 推进 数字 经济 发展，到 2025 年 全省 数字 经济 规模 达到 200 万元。"] * 3
    assert is_damaged(damaged)
    assert repair_spacing(damaged)[0] == "加快推进数字经济发展，到 2025年全省数字经济规模达到 200万元。"
    titles = ["抢先布局 武汉数字产业竞相涌现", "正文一句话。" * 30]
    assert not is_damaged(titles) and repair_spacing(titles) == titles


def test_a_damaged_copy_parses_its_articles() -> None:
    text = "\n\n".join(["第 一 章 总 则", "第 1 条 为 规 范 专 项 资 金 管 理 ， 制 定 本 办 法 。",
                       "第 2 条 本 办 法 适 用 于 全 市 。", "第 3 条 本 办 法 自 发 布 之 日 起 施 行 。"])
    doc = parse_fragment(text)
    assert [c.label for c in doc.clauses] == ["第一章", "第一章第1条", "第一章第2条", "第一章第3条"]
    assert doc.clauses[1].text == "第1条为规范专项资金管理，制定本办法。"


def test_the_seeds_keep_their_spacing() -> None:
    text = (SEEDS / SEED_FILES["002"]).read_text(encoding="utf-8")
    assert "到 2027 年" in " ".join(clean(text).lines)


def test_the_next_item_after_a_note_closing_a_sentence_splits():
    # 「…给予扶持。（责任单位：…）１０．…」: a lost break after the note of responsibility.
    line = "９．支持建设研发机构。对新获批的给予扶持。（责任单位：市科技局、市发改委）１０．大力培育平台型企业。对认定的给予奖励。"
    assert [p[:3] for p in split_merged_items(line)] == ["９．支", "１０．"]
    # A parenthesis that is no note of a sentence end, and a reference, do not split.
    assert len(split_merged_items("1．按（责任单位）2．执行。")) == 1
    assert len(split_merged_items("1．支持研发。按照第（2）项执行。")) == 1
