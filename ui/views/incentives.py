"""政策激励 / Incentives: filter what the plans offer, check eligibility, export CSV."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import gradio as gr

from qa.browse import (DocumentBrowser, IncentiveFinder, IncentiveRow, format_ratio, format_wan,
                       incentives_csv)
from ui.views.clause import PLACEHOLDER, on_click, on_row
from ui.views.common import CLICK_JS, ROW_HINT, Built, esc, guarded, temp_file

HEADERS = ["条件 Condition", "类型 Kind", "金额 Amount", "比例 Ratio", "封顶 Cap",
           "谁出钱 Who pays", "文件 Document", "条款 Clause"]
KINDS = {"": "全部 All", "reward": "奖励 Reward", "matching": "配套 Matching",
         "subsidy": "补贴 Subsidy", "fund": "基金/资金 Fund", "programme": "政策 Programme"}


def build(finder: IncentiveFinder, documents: DocumentBrowser) -> Built:
    """Lay out the tab; returns what fills it when the page opens."""
    rows_state = gr.State([])  # clause ids of the rows on screen, for row clicks
    keyword, industry, condition, kind, amount = _filter_row()
    with gr.Row():
        search = gr.Button("筛选 Filter", variant="primary", elem_id="inc-search")
        export = gr.DownloadButton("导出 CSV Export", elem_id="inc-export")
    count = gr.Markdown("", elem_id="inc-count")
    with gr.Row(equal_height=False):
        with gr.Column(scale=3):
            table = gr.Dataframe(headers=HEADERS, datatype=["str"] * len(HEADERS), wrap=True,
                                 interactive=False, elem_id="inc-table", max_height=520,
                                 column_widths=["30%", "8%", "9%", "7%", "9%", "12%", "15%", "10%"])
        with gr.Column(scale=2):
            viewer = gr.HTML(PLACEHOLDER, elem_id="inc-clause", js_on_load=CLICK_JS)
    ticks, claims, claim_viewer = _eligibility_row()

    filters = [keyword, industry, condition, amount, kind]
    shown = [table, rows_state, count, export]
    search.click(_filter(finder), filters, shown)
    keyword.submit(_filter(finder), filters, shown)
    amount.submit(_filter(finder), filters, shown)
    for choice in (industry, condition, kind):
        choice.input(_filter(finder), filters, shown)
    table.select(on_row(documents), rows_state, viewer)
    ticks.change(_eligible(finder), ticks, claims)
    for panel, target in ((viewer, viewer), (claims, claim_viewer), (claim_viewer, claim_viewer)):
        panel.click(on_click(documents), None, target)
    return Built((_loader(finder), [industry, condition, ticks, table, rows_state, count, export]),
                 (viewer, claim_viewer))


def _filter_row() -> tuple[Any, ...]:
    with gr.Row():
        keyword = gr.Textbox(label="关键词 Keyword", placeholder="如：百强、双跨、配套", scale=2,
                             elem_id="inc-keyword")
        industry = gr.Dropdown(label="产业 Industry", choices=[("全部 All", "")], value="", scale=1,
                               elem_id="inc-industry")
        condition = gr.Dropdown(label="条件 Condition", choices=[("全部 All", "")], value="",
                                scale=2, elem_id="inc-condition")
        kind = gr.Dropdown(label="类型 Kind", choices=[(v, k) for k, v in KINDS.items()], value="",
                           scale=1, elem_id="inc-kind")
        amount = gr.Number(label="最低金额(万元) Min amount", value=None, minimum=0, scale=1,
                           elem_id="inc-amount",
                           info="只计企业可申请的奖励、补贴、配套 Claimable rewards, subsidies, matching")
    return keyword, industry, condition, kind, amount


def _eligibility_row() -> tuple[Any, ...]:
    with gr.Row(equal_height=False, elem_classes="eligibility"):
        with gr.Column(scale=3):
            gr.Markdown("### 资格自查 Eligibility helper\n勾选符合贵企业的情形，查看可申请的支持及依据条款。"
                        "Tick what applies to you: what you can claim, and the clause behind each line.")
            ticks = gr.CheckboxGroup(label="适用情形 What applies to you", choices=[],
                                     elem_id="inc-ticks")
            claims = gr.HTML("", elem_id="inc-claims", js_on_load=CLICK_JS)
        with gr.Column(scale=2):
            claim_viewer = gr.HTML(PLACEHOLDER, elem_id="inc-claim-clause", js_on_load=CLICK_JS)
    return ticks, claims, claim_viewer


def _loader(finder: IncentiveFinder):  # type: ignore[no-untyped-def]
    """Fill the filter choices and the table when the page opens (the graph may have changed)."""
    @guarded(7)
    def load() -> tuple[Any, ...]:
        conditions = finder.conditions()
        rows = finder.find()
        industries = finder.industries()
        return (gr.Dropdown(choices=[("全部 All", ""), *[(i, i) for i in industries]]),
                gr.Dropdown(choices=[("全部 All", ""), *[(c.label, c.label) for c in conditions]]),
                gr.CheckboxGroup(choices=[(c.label, c.label) for c in conditions]),
                *_table(rows))
    return load


def _filter(finder: IncentiveFinder):  # type: ignore[no-untyped-def]
    @guarded(4)
    def run(keyword: str, industry: str, condition: str, amount: float | None,
            kind: str) -> tuple[Any, ...]:
        rows = finder.find(keyword or "", industry or "", condition or "", amount, kind or "")
        return _table(rows, _applied(keyword, industry, condition, amount, kind))
    return run


def _applied(keyword: str, industry: str, condition: str, amount: float | None, kind: str) -> str:
    """The filters in force, in words, so the count says what it counts."""
    parts = [f"关键词“{keyword.strip()}”" if keyword and keyword.strip() else "",
             f"产业“{industry}”" if industry else "", f"条件“{condition}”" if condition else "",
             KINDS.get(kind, kind).split(" ")[0] if kind else "",
             f"可申请金额≥{format_wan(amount)}" if amount else ""]
    shown = "，".join(p for p in parts if p)
    return f"（筛选 filtered：{shown}）" if shown else ""


def _table(rows: Sequence[IncentiveRow], applied: str = "") -> tuple[Any, ...]:
    data = [[r.condition, KINDS.get(r.kind, r.kind).split(" ")[0], format_wan(r.amount_wan),
             format_ratio(r.ratio), format_wan(r.cap_wan), r.cost_sharing or "",
             r.doc_title, r.clause_label] for r in rows]
    return (data, [r.clause_id for r in rows],
            f"共 **{len(rows)}** 条激励 · {len(rows)} incentives{applied} · {ROW_HINT}",
            temp_file("policykg-incentives", ".csv", incentives_csv(rows)))


def _eligible(finder: IncentiveFinder):  # type: ignore[no-untyped-def]
    @guarded(1)
    def run(ticked: list[str]) -> str:
        return _claims_html(finder.eligible(ticked)) if ticked else ""
    return run


def _claims_html(rows: Sequence[IncentiveRow]) -> str:
    if not rows:
        return '<div class="claims empty">所选情形没有对应的激励条款。No incentive matches.</div>'
    fixed = sum(r.amount_wan or 0 for r in rows)
    items = "".join(
        f'<li><div class="claim-benefit">{esc(r.benefit)}</div>'
        f'<div class="claim-condition">{esc(r.condition)}</div>'
        f'<a class="chip small" data-clause="{esc(r.clause_id)}">《{esc(r.doc_title)}》'
        f'{esc(r.clause_label)}</a></li>' for r in rows)
    total = (f'<div class="claims-total">明确金额合计 Stated amounts: <b>{format_wan(fixed)}</b>'
             f'（另有按比例配套或金额未定的条款 plus matching or unspecified amounts）</div>')
    return f'<div class="claims"><ul>{items}</ul>{total}</div>'
