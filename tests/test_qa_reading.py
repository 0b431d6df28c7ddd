"""How the question-answering side reads text: its sentences and the keys naming documents."""

from __future__ import annotations

from qa.corpus import ClauseCorpus, DocInfo
from qa.evidence import sentences
from qa.service import document_keys


def test_a_one_sentence_breakdown_is_read_with_the_total_before_it() -> None:
    text = ("市财政2024年预算安排112.1亿元。其中，支持平台建设资金54.2亿元，人才资金47.9亿元。"
            "下一句另说一事。")
    assert sentences(text)[0] == "市财政2024年预算安排112.1亿元。其中，支持平台建设资金54.2亿元，人才资金47.9亿元。"


def test_a_breakdown_running_over_semicolon_items_stays_apart() -> None:
    text = "政府每套补贴1万元。其中，商业贷款购买90平方米以下的补贴10%；90-144平方米的补贴15%。"
    assert sentences(text) == ["政府每套补贴1万元。", "其中，商业贷款购买90平方米以下的补贴10%；",
                               "90-144平方米的补贴15%。"]


def test_a_long_sentence_keeps_its_breakdown_apart() -> None:
    long = "自2023年1月1日至2023年12月31日，" + "购买首套新建商品住房的" * 5 + "政府每套补贴1万元。"
    assert len(sentences(long + "其中，农民补贴0.6万元。")) == 2


def test_a_title_is_keyed_as_questions_are_typed() -> None:
    title = "武汉市加快推进数字经济高质量发展实施方案（2025—2027年）"
    doc = DocInfo(doc_id="d1", title=title, doc_number=None, issued=None, level=None,
                  region=None, period=None)
    keys = document_keys(ClauseCorpus([], {"d1": doc}, "sig"))
    assert keys["武汉市加快推进数字经济高质量发展实施方案(2025—2027年)"] == "d1"


def test_the_noun_a_de_heads_must_be_said() -> None:
    from qa.strategies.parts import head_said

    assert not head_said("工作专班下设办公室，办公室设在县农业农村局", "工作专班的组长")
    assert head_said("成立工作专班，组长由副县长担任", "工作专班的组长")
    assert head_said("任何句子", "数据中心机架")  # no 的: nothing to check
    assert head_said("给予最高500万元资助", "创新平台的配套资助")  # a 配套资助 is a 资助


def test_items_numbered_inline_after_a_colon_are_the_list() -> None:
    from qa.strategies.passages import _numbered_items

    text = "常规机具必须是补贴范围内的产品，同时还应具备以下资质之一：（1）获得鉴定证书；（2）获得强制性认证证书；（3）获得自愿性认证证书。补贴机具另行公布。"
    listed = _numbered_items(text, "常规机具必须是补贴范围内的产品，同时还应具备以下资质之一：（1）获得鉴定证书；")
    assert all(item in listed for item in ("（1）获得鉴定证书", "（2）获得强制性认证证书", "（3）获得自愿性认证证书"))
    assert "另行公布" not in listed
    assert _numbered_items("按（2）办理；（3）另议。", "按（2）办理；") == ""  # no list opened by a colon
