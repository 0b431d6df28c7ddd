"""Nothing lost silently: every document's coverage is measured, stored and printed; a
file that loses body text is reported with what it lost, and one that would lose most of
it (or cannot be segmented at all) is refused and nothing of it is stored."""

from __future__ import annotations

import re

import pytest
from tests.conftest import run_cli
from tests.ingest_fixtures import DATA, parse_fragment

from ingest.clean import clean
from ingest.coverage import REFUSE_BELOW, WARN_BELOW, body_chars, measure, refusal_for
from ingest.parse import parse_text
from kg.documents import list_documents
from kg.errors import InputError
from ui.wiring import build_ingestor

PLAN = """某市数据要素市场化配置改革方案

为加快培育数据要素市场，制定本方案。

一、总体要求

到2025年，全市数据交易规模达到50亿元，培育数据商100家。

二、主要任务

（一）推进公共数据授权运营。建立公共数据授权运营机制，开展授权运营试点。

（二）培育数据交易市场。支持数据交易机构建设，打造数据交易服务体系。
"""
# A notice whose own paragraph is long: the cover is taken off as front matter, and a
# paragraph that long is body it would lose — what the coverage check is there to catch.
NOTICE = """某市人民政府办公室关于印发某市数据要素市场化配置改革方案的通知

各区人民政府，市政府各部门：

《某市数据要素市场化配置改革方案》已经市人民政府同意，现印发给你们。{extra}

某市人民政府办公室

2023年6月1日

"""
LONG = ("为做好方案实施工作，各区要建立健全数据要素市场化配置改革工作推进机制，明确牵头部门和责任分工，"
        "结合本地实际制定具体实施细则，加强公共数据资源统筹管理，推动公共数据授权运营试点，培育数据要素市场主体，"
        "完善数据交易规则和监管制度，强化数据安全保障，加大财政资金支持力度，加强数据人才队伍建设，"
        "营造良好改革氛围，定期报送工作进展情况，确保各项改革任务落地见效、取得实效。")


MORE = "\n\n".join(["三、保障措施",
                    "（一）加强组织领导。成立市数据要素市场化配置改革工作领导小组，统筹推进改革各项工作，研究解决重大问题。",
                    "（二）加大资金支持。市财政每年安排数据要素市场培育专项资金，支持公共数据授权运营和数据交易平台建设。",
                    "（三）强化人才支撑。依托高校和科研院所培养数据要素领域专业人才，引进一批数据治理和数据安全高端人才。"])


def _with_cover(extra: str) -> str:
    return NOTICE.format(extra=extra) + PLAN


def _lossy() -> str:
    """A plan that keeps most of its body but loses its cover's long paragraph."""
    return _with_cover("\n\n" + LONG) + "\n" + MORE + "\n"


def test_body_chars_are_cjk_and_digits() -> None:
    assert body_chars("到 2025 年，建成 5G 基站（100个）。") == "到2025年建成5基站100个"


def test_a_clean_plan_keeps_all_of_its_body() -> None:
    doc = parse_fragment(PLAN)
    assert doc.meta.coverage == 1.0 and doc.warnings == ()


def test_lost_body_lines_lower_the_coverage_and_are_named() -> None:
    doc = parse_fragment(_lossy())
    assert doc.meta.title == "某市数据要素市场化配置改革方案"
    assert doc.meta.coverage < WARN_BELOW
    warning = " ".join(doc.warnings)
    assert "为做好方案实施工作，各区要建立健全数据要素市场化" in warning and "is below 95%" in warning


def test_a_file_that_would_lose_most_of_its_body_is_refused() -> None:
    text = _with_cover("\n\n" + "\n\n".join([LONG] * 4))
    with pytest.raises(InputError, match=r"plan\.txt: only coverage \d+\.\d% .* lost: 「为做好方案实施工作"):
        parse_text(text, doc_id="x", source="plan.txt", sha256="0" * 64)


def test_cleaning_keeps_sentences_after_a_footer_like_line() -> None:
    tail = ["（三）完善数据基础制度。探索建立数据产权登记制度，推进数据资产入表，完善数据收益分配机制。",
            "（四）强化数据安全保障。建立数据分类分级保护制度，落实数据安全主体责任，加强数据安全监测预警。"]
    doc = parse_fragment(PLAN + "\n相关链接：\n\n" + "\n\n".join(tail) + "\n")
    assert doc.meta.coverage == 1.0
    assert [c.label for c in doc.clauses[-2:]] == ["二、（三）", "二、（四）"]


def test_a_long_text_without_any_structure_is_refused() -> None:
    blob = "推进数据要素市场化配置改革，加快培育数据交易市场，完善数据基础制度体系。" * 300
    with pytest.raises(InputError, match="cannot be segmented: one clause would hold"):
        parse_text(blob, doc_id="x", source="blob.txt", sha256="0" * 64)


def test_page_furniture_is_not_body() -> None:
    page = ("首页 > 政务公开 > 政策文件\n索引号：1/2023\n发布机构：某市人民政府\n" + PLAN
            + "\n相关解读\n扫一扫在手机打开当前页\n网站标识码：1234\n")
    cleaned = clean(page)
    doc = parse_fragment(page)
    assert doc.meta.coverage == 1.0
    coverage = measure(cleaned, doc.clauses, titles=[doc.meta.title])
    assert coverage.dropped == () and refusal_for(coverage) is None
    assert REFUSE_BELOW < WARN_BELOW


def test_share_buttons_images_and_attachment_links_before_a_footer_are_page_furniture() -> None:
    page = (PLAN + "\n分享：\n\n[![](https://example.gov.cn/a.png)](https://example.gov.cn/b)\n\n"
            "[plan2408.pdf](https://example.gov.cn/plan2408.pdf \"plan2408.pdf\")\n\n#### 相关稿件\n\n"
            "- [一图读懂某市数据要素市场化配置改革方案](https://example.gov.cn/c.html)\n")
    doc = parse_text(page, doc_id="x", source="page.md", sha256="0" * 64)
    texts = " ".join(c.text for c in doc.clauses)
    assert "分享" not in texts and "pdf" not in texts and "一图读懂" not in texts
    assert doc.meta.coverage == 1.0


def test_a_ranking_list_after_the_plan_is_a_sidebar() -> None:
    headlines = "\n\n".join(f"- _0{k}_\n\n## [某市发布第{k}批政策解读](https://example.gov.cn/{k}.html)\n\n2026-04-2{k}"
                              for k in range(1, 4))
    plan = PLAN + "\n" + MORE
    doc = parse_text(plan + "\n排行榜\n\n" + headlines + "\n", doc_id="x", source="page.md", sha256="0" * 64)
    texts = " ".join(c.text for c in doc.clauses)
    assert "排行榜" not in texts and "政策解读" not in texts
    assert doc.clauses[-1].text == parse_text(plan, doc_id="y", source="plan.md", sha256="0" * 64).clauses[-1].text


@pytest.mark.slow
def test_ingestion_stores_coverage_reports_losses_and_refuses_a_lost_body(
        store, settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "test_cov_ok.txt").write_text(PLAN, encoding="utf-8")
    (tmp_path / "test_cov_lossy.txt").write_text(_lossy(), encoding="utf-8")
    blob = "推进数据要素市场化配置改革，加快培育数据交易市场，完善数据基础制度体系。" * 300
    (tmp_path / "test_cov_blob.txt").write_text(blob, encoding="utf-8")
    ingestor = build_ingestor(settings, store, defer_index=True)
    try:
        report = ingestor.ingest([tmp_path])
        by_id = {d.path.rsplit("/", 1)[-1]: d for d in report.documents}
        assert by_id["test_cov_ok.txt"].status == "added" and by_id["test_cov_ok.txt"].coverage == 1.0
        lossy = by_id["test_cov_lossy.txt"]
        assert lossy.status == "added" and lossy.coverage < WARN_BELOW
        assert any("为做好方案实施工作" in w for w in lossy.warnings)
        blob_report = by_id["test_cov_blob.txt"]
        assert blob_report.status == "failed" and "cannot be segmented" in blob_report.error
        stored = {d["doc_id"]: d for d in list_documents(store)}
        assert stored["test_cov_ok"]["coverage"] == 1.0
        assert stored["test_cov_ok"]["title_source"] == "printed"
        assert "test_cov_blob" not in stored
    finally:
        for doc_id in ("test_cov_ok", "test_cov_lossy", "test_cov_blob"):
            ingestor.remove(doc_id)


@pytest.mark.slow
def test_the_ingest_command_prints_coverage_and_what_was_dropped(env, store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "test_cov_cli.txt"
    path.write_text(_lossy(), encoding="utf-8")
    env = {**env, "POLICYKG_EMBEDDER": "none"}
    try:
        done = run_cli(env, "ingest", str(path))
        assert done.returncode == 0, done.stderr
        line = next(line for line in done.stdout.splitlines() if "test_cov_cli" in line)
        assert line.startswith("added") and re.search(r"coverage \d\d\.\d%", line)
        assert "warning: coverage" in done.stdout and "为做好方案实施工作" in done.stdout
        refused = tmp_path / "test_cov_refused.txt"
        refused.write_text("推进数据要素市场化配置改革，完善数据基础制度体系。" * 400, encoding="utf-8")
        done = run_cli(env, "ingest", str(refused))
        assert done.returncode == 1 and "failed" in done.stdout and "test_cov_refused.txt" in done.stdout
    finally:
        run_cli(env, "remove", "test_cov_cli")


def test_fragment_fixtures_all_keep_their_body() -> None:
    from ingest.parse import parse_file

    for path in sorted((DATA / "fragments").iterdir()):
        assert parse_file(path).meta.coverage >= 0.99, path.name
