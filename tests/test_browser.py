"""The served app in headless Chromium (Debian's, driven by Playwright): what a user does
in each tab, with a screenshot of each for the README (docs/screenshots/*.png)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from kg.store import GraphStore
from tests.served import Served, served, services  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
SHOTS = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
REWARDS_CLAUSE = "001_c0775bc4c1ef2dcb#4.4"
WAIT = 60_000  # ms; the first question also warms the retrievers


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.skip("no Chromium: `make system-deps` installs Debian's chromium and fonts-noto-cjk")
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, served: Served):  # type: ignore[no-untyped-def]  # noqa: F811
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="zh-CN")
    tab = context.new_page()
    tab.set_default_timeout(WAIT)
    tab.goto(served.url)
    tab.wait_for_selector("#chat-input textarea")
    yield tab
    context.close()


def _open(page, name: str) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("tab", name=name).click()


def test_chat_answer_citation_and_clause(page) -> None:  # type: ignore[no-untyped-def]
    page.fill("#chat-input textarea", "首次进入全国软件百强能拿多少奖励？谁出钱？")
    page.click("#chat-send")
    chip = page.locator("#citation-chips .citation-chip").first
    chip.wait_for()
    answer = page.locator("#chatbot .message-row").last.inner_text()
    assert "200 万元" in answer and "[1]" in answer
    assert "抽取式" in page.locator("#answer-badge").inner_text()
    chip.click()
    marked = page.locator("#clause-view mark").first
    marked.wait_for()
    assert "首次进入" in marked.inner_text()
    viewer = page.locator("#clause-view").inner_text()
    assert "武汉市突破性发展数字经济实施方案" in viewer and "上一条" in viewer and "下一条" in viewer
    page.screenshot(path=str(SHOTS / "chat.png"), full_page=True)


def test_chat_example_question_and_follow_up(page) -> None:  # type: ignore[no-untyped-def]
    page.get_by_text("湖北省到2025年数字经济核心产业增加值目标是多少？").click()
    page.locator("#citation-chips .citation-chip").first.wait_for()
    follow = page.locator("#chat-followups button", has_text="武汉市").first
    follow.wait_for()
    follow.click()
    page.locator("#chatbot .message-row", has_text="那武汉市呢").first.wait_for()
    page.locator("#chat-download").wait_for()


def test_incentives_filter_and_eligibility(page) -> None:  # type: ignore[no-untyped-def]
    _open(page, "政策激励 Incentives")
    page.locator("#inc-table .virtual-row").first.wait_for()
    page.fill("#inc-keyword textarea", "双跨")
    page.click("#inc-search")
    page.wait_for_function("document.querySelectorAll('#inc-table .virtual-row').length === 1")
    row = page.locator("#inc-table .virtual-row").first
    assert "双跨" in row.inner_text() and "500" in row.inner_text()
    row.get_by_text("获得国家").click()  # a row shows its clause beside the table
    assert "双跨" in page.locator("#inc-clause .cv-text").inner_text()
    page.fill("#inc-keyword textarea", "")
    page.click("#inc-search")
    page.locator("#inc-ticks label", has_text="双跨").click()
    claim = page.locator("#inc-claims li").first
    claim.wait_for()
    assert "500 万元" in claim.inner_text()
    page.locator("#inc-ticks label", has_text="百强").click()
    page.wait_for_function("document.querySelectorAll('#inc-claims li').length >= 2")
    page.locator("#inc-claims .chip").first.click()  # the clause behind the line
    assert "双跨" in page.locator("#inc-claim-clause .cv-text").inner_text()
    page.screenshot(path=str(SHOTS / "incentives.png"), full_page=True)


def test_targets_table_and_chart(page) -> None:  # type: ignore[no-untyped-def]
    _open(page, "发展目标 Targets")
    page.locator("#target-chart svg.bar-chart rect").first.wait_for()
    assert page.locator("#target-chart .chart-card").count() >= 2
    assert "PUE" in page.locator("#target-chart").inner_text()
    assert page.locator("#tgt-table .virtual-row").count() > 5
    page.screenshot(path=str(SHOTS / "targets.png"), full_page=True)


def test_console_rows_and_graph(page) -> None:  # type: ignore[no-untyped-def]
    _open(page, "Cypher 控制台 Console")
    page.locator("#schema-panel .chip").first.wait_for()
    page.fill("#cy-query textarea", "MATCH p = (:Document)-[:HAS_CLAUSE]->(:Clause)-[:SETS_TARGET]->"
                                    "(t:Target) WHERE t.unit = '%' RETURN p LIMIT 12")
    page.click("#cy-run")
    status = page.locator("#cy-status .status.ok")
    status.wait_for()
    assert "12 行" in status.inner_text()
    assert "(:Document" in page.locator("#cy-table .virtual-row").first.inner_text()
    page.get_by_role("tab", name="图 Graph").click()
    page.locator("#cy-graph svg.kg-graph circle").first.wait_for()
    assert page.locator("#cy-graph svg.kg-graph line").count() >= 12  # 2 per path, shared
    page.screenshot(path=str(SHOTS / "console.png"), full_page=True)


def test_console_write_shows_its_error(page, store: GraphStore) -> None:  # type: ignore[no-untyped-def]
    before = store.read("MATCH (n) RETURN count(n) AS n")[0]["n"]
    _open(page, "Cypher 控制台 Console")
    page.fill("#cy-query textarea", "MATCH (n) DETACH DELETE n")
    page.click("#cy-run")
    error = page.locator("#cy-status .status.error")
    error.wait_for()
    assert "只读" in error.inner_text() and "refused" in error.inner_text()
    assert store.read("MATCH (n) RETURN count(n) AS n")[0]["n"] == before
    page.screenshot(path=str(SHOTS / "console-refused.png"), full_page=False)


def test_documents_tree_and_deep_link(page, served: Served) -> None:  # type: ignore  # noqa: F811
    page.goto(f"{served.url}/?clause={quote(REWARDS_CLAUSE, safe='')}")
    text = page.locator("#doc-clause .cv-text")
    text.wait_for()
    assert "双跨" in text.inner_text()
    page.locator("#doc-clause .cv-neighbour.next").click()  # the next clause, in place
    page.wait_for_function(
        "document.querySelector('#doc-clause .cv-text').dataset.clauseId.endsWith('#4.5')")
    page.screenshot(path=str(SHOTS / "documents.png"), full_page=True)
    page.locator("#doc-tree .virtual-row").first.get_by_role("gridcell").first.click()
    page.wait_for_function(
        "!document.querySelector('#doc-clause .cv-text').dataset.clauseId.includes('#4.')")
