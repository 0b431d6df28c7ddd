"""发展目标 / Targets: filter the plans' quantified targets; compare one metric across the
province, city and zone plans."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import gradio as gr

from qa.browse import DocumentBrowser, TargetExplorer, TargetRow, targets_csv
from ui.views.charts import comparison_grid
from ui.views.clause import PLACEHOLDER, on_click, on_row
from ui.views.common import CLICK_JS, LEVELS, ROW_HINT, Built, guarded, number, temp_file

HEADERS = ["指标 Metric", "目标 Target", "年份 Year", "范围 Scope", "文件层级 Plan level",
           "文件 Document", "条款 Clause"]


def build(explorer: TargetExplorer, documents: DocumentBrowser) -> Built:
    """Lay out the tab; returns what fills it when the page opens."""
    rows_state = gr.State([])
    with gr.Row():
        doc = gr.Dropdown(label="文件 Document", choices=[("全部 All", "")], value="", scale=3,
                          elem_id="tgt-doc")
        level = gr.Dropdown(label="文件层级 Plan level", value="", scale=1, elem_id="tgt-level",
                            choices=[("全部 All", ""), *[(v, k) for k, v in LEVELS.items()
                                                         if k in ("province", "city", "district")]])
        year = gr.Dropdown(label="年份 Year", choices=[("全部 All", 0)], value=0, scale=1,
                           elem_id="tgt-year")
        metric = gr.Textbox(label="指标 Metric", placeholder="如：增加值、PUE、5G", scale=2,
                            elem_id="tgt-metric")
    with gr.Row():
        search = gr.Button("筛选 Filter", variant="primary", elem_id="tgt-search")
        export = gr.DownloadButton("导出 CSV Export", elem_id="tgt-export")
    count = gr.Markdown("")
    gr.Markdown("### 跨层级对比 Same metric across province, city and zone\n"
                "按目标所指地区归类（区级规划引用的市级目标归市级）。"
                "Grouped by the place a target is set for, whichever plan quotes it.")
    chart = gr.HTML("", elem_id="target-chart")
    with gr.Row(equal_height=False):
        with gr.Column(scale=3):
            table = gr.Dataframe(headers=HEADERS, datatype=["str"] * len(HEADERS), wrap=True,
                                 interactive=False, max_height=520, elem_id="tgt-table",
                                 column_widths=["30%", "13%", "8%", "12%", "8%", "19%", "10%"])
        with gr.Column(scale=2):
            viewer = gr.HTML(PLACEHOLDER, elem_id="tgt-clause", js_on_load=CLICK_JS)

    filters = [doc, level, year, metric]
    outputs = [table, rows_state, count, export, chart]
    search.click(_filter(explorer), filters, outputs)
    metric.submit(_filter(explorer), filters, outputs)
    table.select(on_row(documents), rows_state, viewer)
    viewer.click(on_click(documents), None, viewer)
    return Built((_loader(explorer, documents), [doc, year, *outputs]), (viewer,))


def _loader(explorer: TargetExplorer, documents: DocumentBrowser):  # type: ignore[no-untyped-def]
    @guarded(7)
    def load() -> tuple[Any, ...]:
        docs = [(d["title"], d["doc_id"]) for d in documents.documents() if d.get("level") != "press"]
        years = explorer.years()
        view = _view(explorer.find(), explorer, "")
        return (gr.Dropdown(choices=[("全部 All", ""), *docs]),
                gr.Dropdown(choices=[("全部 All", 0), *[(str(y), y) for y in years]]), *view)
    return load


def _filter(explorer: TargetExplorer):  # type: ignore[no-untyped-def]
    @guarded(5)
    def run(doc_id: str, level: str, year: int | None, metric: str) -> tuple[Any, ...]:
        rows = explorer.find(doc_id or "", level or "", year or None, metric or "")
        return _view(rows, explorer, metric or "")
    return run


def _shown(row: TargetRow) -> str:
    """The target as the plan words it, with its unit when a table cell left it out."""
    text = row.value_text or number(row.value)
    return text if not row.unit or row.unit in text else f"{text} {row.unit}"


def _view(rows: Sequence[TargetRow], explorer: TargetExplorer, metric: str) -> tuple[Any, ...]:
    data = [[r.metric, _shown(r), str(r.year or ""), r.place,
             LEVELS.get(r.level or "other", "").split(" ")[0], r.doc_title, r.clause_label]
            for r in rows]
    return (data, [r.clause_id for r in rows],
            f"共 **{len(rows)}** 项目标 · {len(rows)} targets · {ROW_HINT}",
            temp_file("policykg-targets", ".csv", targets_csv(rows)),
            comparison_grid(explorer.comparable(metric)))

