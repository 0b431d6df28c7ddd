"""The served app in headless Chromium (Debian's, driven by Playwright): what a user does
in each tab, with a screenshot of each for the README (docs/screenshots/*.png).

The answers' wording is not checked here (tests/test_qa.py does that): these tests check
what the page does with an answer — marks that open clauses, panels, errors, uploads."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from kg.store import GraphStore
from tests.format_samples import PLAN
from tests.served import Served, served, services  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
SHOTS = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
REWARDS_CLAUSE = "001_c0775bc4c1ef2dcb#4.4"
WAIT = 60_000  # ms; the first question also warms the retrievers
ERROR_PILLS = '[data-testid="status-tracker"] .error'  # what an exception in a handler shows


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


def _ask(page, question: str) -> None:  # type: ignore[no-untyped-def]
    """Ask in the chat and wait for the whole answer (its badge is new)."""
    rows = page.locator("#chatbot .message-row").count()
    badge = page.locator("#answer-badge").inner_text()
    page.fill("#chat-input textarea", question)
    page.click("#chat-send")
    page.wait_for_function(
        "([rows, badge]) => document.querySelectorAll('#chatbot .message-row').length === rows + 2"
        " && document.querySelector('#answer-badge').innerText !== badge", arg=[rows, badge])


def _shown_clause(page, panel: str) -> str:  # type: ignore[no-untyped-def]
    return page.locator(f"{panel} .cv-text").get_attribute("data-clause-id") or ""


# --- chat ------------------------------------------------------------------------------

def test_chat_answer_marks_open_their_clauses(page) -> None:  # type: ignore[no-untyped-def]
    _ask(page, "首次进入全国软件百强能拿多少奖励？谁出钱？")
    answer = page.locator("#chatbot [data-testid=bot]").last
    marks = answer.locator("a.cite")
    marks.first.wait_for()
    n = marks.first.get_attribute("data-n")
    chip = page.locator(f'#citation-chips .citation-chip[data-n="{n}"]')
    clause = chip.get_attribute("data-clause")
    assert "<a" not in (answer.get_attribute("aria-label") or "")  # the answer stays plain text
    assert "抽取式" in page.locator("#answer-badge").inner_text()
    marks.first.click()  # the [n] inside the answer, not only the chip below it
    page.locator(f'#clause-view .cv-text[data-clause-id="{clause}"]').wait_for()
    assert page.locator("#clause-view .cv-text mark").count() >= 1  # the cited passage
    assert len(page.context.pages) == 1  # in the panel, not a new tab
    viewer = page.locator("#clause-view").inner_text()
    assert "上一条" in viewer or "下一条" in viewer
    assert page.locator("#chatbot [data-testid=block-label]").count() == 0  # no label over the text
    page.screenshot(path=str(SHOTS / "chat.png"), full_page=True)


def test_an_earlier_answers_mark_opens_its_own_clause(page) -> None:  # type: ignore[no-untyped-def]
    _ask(page, "获得国家双跨工业互联网平台能拿多少奖励？")
    first = page.locator("#citation-chips .citation-chip").first.get_attribute("data-clause")
    _ask(page, "武汉市2027年高性能算力规模目标是多少？")
    later = page.locator("#citation-chips .citation-chip").first.get_attribute("data-clause")
    assert first != later
    page.locator("#chatbot [data-testid=bot]").first.locator("a.cite").first.click()
    page.locator(f'#clause-view .cv-text[data-clause-id="{first}"]').wait_for()


def test_empty_question_keeps_the_history_and_the_input(page) -> None:  # type: ignore[no-untyped-def]
    _ask(page, "武汉市2027年高性能算力规模目标是多少？")
    rows = page.locator("#chatbot .message-row").count()
    answer = page.locator("#chatbot .message-row").last.inner_text()
    for submit in (lambda: page.click("#chat-send"),
                   lambda: page.press("#chat-input textarea", "Enter")):
        page.fill("#chat-input textarea", "   ")
        submit()
        toast = page.locator(".toast-body", has_text="请输入问题")
        toast.first.wait_for()
        page.wait_for_timeout(500)
        assert page.locator("#chatbot .message-row").count() == rows
        assert page.locator("#chatbot .message-row").last.inner_text() == answer
        assert page.locator("#chat-input textarea").is_visible()
        assert page.locator(ERROR_PILLS).count() == 0
        toast.first.locator("xpath=..").get_by_role("button").first.click()  # close it


def test_not_covered_answer_clears_the_clause_panel(page) -> None:  # type: ignore[no-untyped-def]
    _ask(page, "获得国家双跨工业互联网平台能拿多少奖励？")
    page.locator("#citation-chips .citation-chip").first.click()
    page.locator("#clause-view .cv-text").wait_for()
    _ask(page, "巴黎市对人工智能企业的房租补贴是多少？")  # a place no loaded plan covers
    assert "规划未涉及" in page.locator("#answer-badge").inner_text()
    assert page.locator("#clause-view .cv-text").count() == 0
    assert page.locator("#clause-view .clause-view.empty").is_visible()


def test_follow_up_for_another_region(page) -> None:  # type: ignore[no-untyped-def]
    page.get_by_text("湖北省到2025年数字经济核心产业增加值目标是多少？").click()
    page.locator("#citation-chips .citation-chip").first.wait_for()
    follow = page.locator("#chat-followups button", has_text="武汉市").first
    follow.wait_for()
    follow.click()
    page.locator("#chatbot .message-row", has_text="那武汉市呢").first.wait_for()
    page.locator("#chat-download").wait_for()


# --- incentives and targets ------------------------------------------------------------

def _cells(page, table: str) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return page.evaluate(f"[...document.querySelectorAll('{table} .virtual-row')].map(r => "
                         "[...r.querySelectorAll('[role=gridcell]')].map(c => c.innerText.trim()))")


def _filter(page, keyword: str, amount: str = "") -> None:  # type: ignore[no-untyped-def]
    """Filter the incentives; wait until the count names the filters in force."""
    page.fill("#inc-keyword textarea", keyword)
    page.fill("#inc-amount input", amount)
    page.click("#inc-search")
    wanted = [f"“{keyword}”"] * bool(keyword) + [f"≥{amount}万元"] * bool(amount)
    page.wait_for_function(
        "(wanted) => { const t = document.querySelector('#inc-count').innerText;"
        " return wanted.length ? wanted.every(w => t.includes(w)) : !t.includes('筛选'); }",
        arg=wanted)
    page.wait_for_timeout(300)  # the table renders right after the count


def test_incentive_amounts_ratios_and_eligibility(page) -> None:  # type: ignore[no-untyped-def]
    _open(page, "政策激励 Incentives")
    page.locator("#inc-table .virtual-row").first.wait_for()
    _filter(page, "基金")
    amounts = [row[2] for row in _cells(page, "#inc-table")]
    assert "1000亿元" in amounts and not any("e+" in a for a in amounts)  # not 1e+07
    _filter(page, "招投标")
    (matching,) = _cells(page, "#inc-table")
    assert matching[1:5] == ["配套", "", "30%", "1000万元"]  # the matching ratio, in the table
    _filter(page, "", amount="100")
    kinds = {row[1] for row in _cells(page, "#inc-table")}
    assert kinds and kinds <= {"奖励", "补贴", "配套"}  # funds and budgets are not claimable
    _filter(page, "双跨")
    row = page.locator("#inc-table .virtual-row").first
    assert "500万元" in row.inner_text()
    row.get_by_text("获得国家").click()  # a row shows its clause beside the table
    assert "双跨" in page.locator("#inc-clause .cv-text").inner_text()
    _filter(page, "")
    labels = page.locator("#inc-ticks label")
    assert labels.count() >= 4
    for text in labels.all_inner_texts():
        assert "…" not in text  # whole phrases, not cut mid-word
    clipped = page.evaluate("[...document.querySelectorAll('#inc-ticks label span')]"
                            ".filter(s => s.scrollWidth > s.clientWidth + 1).length")
    assert clipped == 0
    page.locator("#inc-ticks label", has_text="双跨").click()
    claim = page.locator("#inc-claims li").first
    claim.wait_for()
    assert "500万元" in claim.inner_text()
    page.locator("#inc-ticks label", has_text="百强").click()
    page.wait_for_function("document.querySelectorAll('#inc-claims li').length >= 2")
    page.locator("#inc-claims .chip").first.click()  # the clause behind the line
    assert "双跨" in page.locator("#inc-claim-clause .cv-text").inner_text()
    page.screenshot(path=str(SHOTS / "incentives.png"), full_page=True)


CHART_BARS = """[...document.querySelectorAll('#target-chart g.bar')].map(g => {
  const box = (sel) => g.querySelector(sel).getBBox();
  return {level: g.dataset.level, place: g.dataset.place,
          label: g.querySelector('.bar-label').textContent,
          value: g.querySelector('.bar-value').textContent,
          labelEnd: box('.bar-label').x + box('.bar-label').width,
          subEnd: box('.bar-sub').x + box('.bar-sub').width, barStart: box('rect').x};
})"""


def test_targets_chart_groups_by_the_targets_place(page) -> None:  # type: ignore[no-untyped-def]
    _open(page, "发展目标 Targets")
    page.locator("#target-chart svg.bar-chart rect").first.wait_for()
    assert page.locator("#target-chart .chart-card").count() >= 2
    bars = page.evaluate(CHART_BARS)
    names = {"province": "省级", "city": "市级", "district": "区级"}
    for bar in bars:
        assert bar["label"].startswith(names[bar["level"]])
        assert bar["place"] != "武汉市" or bar["level"] == "city"  # Wuhan's target stays Wuhan's
        assert bar["labelEnd"] < bar["barStart"] and bar["subEnd"] < bar["barStart"]
    assert any(bar["value"] == "50家" for bar in bars)  # 家 is not redrawn as 个
    assert "PUE" in page.locator("#target-chart").inner_text()
    assert page.locator("#tgt-table .virtual-row").count() > 5
    page.screenshot(path=str(SHOTS / "targets.png"), full_page=True)


def test_a_table_row_opens_its_clause_here_and_in_its_document(page) -> None:  # type: ignore[no-untyped-def]
    _open(page, "发展目标 Targets")
    page.locator("#tgt-table .virtual-row").first.wait_for()
    page.fill("#tgt-metric textarea", "PUE")
    page.click("#tgt-search")
    page.wait_for_function("document.querySelectorAll('#tgt-table .virtual-row').length <= 3")
    page.locator("#tgt-table .virtual-row").first.get_by_role("gridcell").last.click()
    page.locator("#tgt-clause .cv-text").wait_for()
    clause = _shown_clause(page, "#tgt-clause")
    assert "PUE" in page.locator("#tgt-clause .cv-text").inner_text().upper()
    page.wait_for_timeout(500)
    assert len(page.context.pages) == 1  # the panel, not a new browser tab
    page.locator("#tgt-clause .cv-open a").click()  # show it in its document
    page.locator(f'#doc-clause .cv-text[data-clause-id="{clause}"]').wait_for()
    row = page.locator(f'#doc-tree .tree-row.current[data-clause="{clause}"]')
    row.wait_for()
    _assert_in_view(page, row)


def _assert_in_view(page, row) -> None:  # type: ignore[no-untyped-def]
    """The tree scrolled so that ``row`` is inside its visible part."""
    page.wait_for_timeout(300)
    tree = page.locator("#doc-tree .tree").bounding_box()
    box = row.bounding_box()
    assert tree and box and tree["y"] <= box["y"] and box["y"] + box["height"] <= tree["y"] + tree["height"]


# --- documents and uploads ---------------------------------------------------------------

def test_documents_tree_and_deep_link(page, served: Served) -> None:  # type: ignore  # noqa: F811
    page.goto(f"{served.url}/?clause={quote(REWARDS_CLAUSE, safe='')}")
    text = page.locator("#doc-clause .cv-text")
    text.wait_for()
    assert "双跨" in text.inner_text()
    _assert_in_view(page, page.locator(f'#doc-tree .tree-row.current[data-clause="{REWARDS_CLAUSE}"]'))
    page.locator("#doc-clause .cv-neighbour.next").click()  # the next clause, in place
    page.wait_for_function(
        "document.querySelector('#doc-clause .cv-text').dataset.clauseId.endsWith('#4.5')")
    page.locator('#doc-tree .tree-row.current[data-clause$="#4.5"]').wait_for()  # the tree follows
    page.screenshot(path=str(SHOTS / "documents.png"), full_page=True)
    page.locator("#doc-tree .tree-row").first.click()
    page.wait_for_function(
        "!document.querySelector('#doc-clause .cv-text').dataset.clauseId.includes('#4.')")


def _upload(page, path: Path) -> str:  # type: ignore[no-untyped-def]
    """Choose ``path`` in the upload box, ingest it, return the status message."""
    if not page.locator("#upload-status").count():  # the accordion is closed
        page.get_by_text("上传规划 Upload a plan").click()
    from playwright.sync_api import TimeoutError as Timeout

    before = page.locator("#upload-status").inner_text()
    page.locator("#upload-send").wait_for()
    for attempt in range(3):  # the file box may not listen yet right after the accordion opens
        page.set_input_files("#upload-file input[type=file]", str(path))
        try:
            page.locator("#upload-file", has_text=path.name).wait_for(timeout=15_000)
            break
        except Timeout:
            if attempt == 2:
                raise
    page.click("#upload-send")
    page.wait_for_function("(before) => { const s = document.querySelector('#upload-status').innerText;"
                           " return s !== before && /[✅❌⚠]/.test(s); }", arg=before,
                           timeout=180_000)
    return page.locator("#upload-status").inner_text()


def test_a_bad_upload_keeps_the_document_picker(page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _open(page, "文件 Documents")
    page.locator("#doc-tree .tree-row").first.wait_for()
    picked = page.locator("#doc-select input").input_value()
    tree = page.locator("#doc-tree").inner_text()
    empty = tmp_path / "空白规划.txt"
    empty.write_bytes(b"")
    status = _upload(page, empty)
    assert "空白规划.txt" in status and "uploads" not in status and "/" not in status
    assert page.locator("#doc-select input").input_value() == picked
    assert page.locator("#doc-tree").inner_text() == tree
    assert page.locator(ERROR_PILLS).count() == 0


def test_an_upload_shows_the_new_document(page, services, tmp_path: Path) -> None:  # type: ignore  # noqa: F811
    _open(page, "文件 Documents")
    page.locator("#doc-tree .tree-row").first.wait_for()
    plan = tmp_path / "test_upload_测试市.txt"
    plan.write_text(PLAN.replace("示例市", "测试市"), encoding="utf-8")
    try:
        status = _upload(page, plan)
        assert "✅" in status and "《测试市数字经济发展实施方案》" in status
        assert "doc_" not in status  # the title, not an internal id
        page.wait_for_function("document.querySelector('#doc-select input').value.includes('测试市')")
        assert "测试市" in page.locator("#doc-meta").inner_text()
        assert "建设算力基础设施" in page.locator("#doc-tree").inner_text()  # its clause tree
        page.locator("#doc-tree .tree-row", has_text="建设算力基础设施").click()
        assert "8 EFLOPS" in page.locator("#doc-clause .cv-text").inner_text()
    finally:
        for doc in services.documents.documents():
            if doc["title"] == "测试市数字经济发展实施方案":
                services.uploads.remove(doc["doc_id"])


# --- console ---------------------------------------------------------------------------

NODE_BOXES = """[...document.querySelectorAll('#cy-graph g.node')].map(g => {
  const b = g.getBBox(); return [b.x, b.y, b.x + b.width, b.y + b.height];
})"""


def test_console_rows_and_a_readable_graph(page) -> None:  # type: ignore[no-untyped-def]
    _open(page, "Cypher 控制台 Console")
    page.locator("#schema-panel .chip").first.wait_for()
    page.fill("#cy-query textarea", "MATCH (a:Agency)-[r:RESPONSIBLE_FOR]->(c:Clause) "
                                    "RETURN a, r, c LIMIT 19")
    page.click("#cy-run")
    status = page.locator("#cy-status .status.ok")
    status.wait_for()
    assert "19 行" in status.inner_text()
    assert "(:Agency" in page.locator("#cy-table .virtual-row").first.inner_text()
    page.get_by_role("tab", name="图 Graph").click()
    page.locator("#cy-graph svg.kg-graph circle").first.wait_for()
    boxes = page.evaluate(NODE_BOXES)  # each node: its circle and its caption, as rendered
    assert len(boxes) >= 15
    overlapping = [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                   if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]]
    assert overlapping == []
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
