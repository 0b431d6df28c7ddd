"""The Gradio app: five tabs over the same services the CLI and the API use.

    问答 Chat · 政策激励 Incentives · 发展目标 Targets · Cypher 控制台 Console · 文件 Documents

Each tab is one module of ``ui.views``. ``?clause=DOC_ID%23PATH`` opens a clause in the
文件 tab, with its row of the clause tree in view; so does "show in its document" in any
other tab's clause panel.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import gradio as gr

from qa.browse import FollowUps
from ui.views import chat, console, documents, incentives, targets
from ui.views.common import Built, guarded

if TYPE_CHECKING:
    from ui.server import Services

STATIC = Path(__file__).resolve().parent / "static"
CSS = STATIC / "app.css"
THEME = gr.themes.Soft(
    primary_hue="blue", secondary_hue="slate", neutral_hue="slate",
    font=["Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "system-ui", "sans-serif"],
    font_mono=["Noto Sans Mono CJK SC", "ui-monospace", "monospace"],
)


def build_blocks(services: Services) -> gr.Blocks:
    with gr.Blocks(title="PolicyKG 区域经济政策问答", analytics_enabled=False,
                   fill_width=True) as blocks:
        gr.HTML('<div class="app-header"><div class="app-title">PolicyKG · 区域经济政策知识图谱</div>'
                '<div class="app-sub">区域经济政策规划的问答、激励、目标与原文 · '
                'Questions, incentives, targets and sources of regional economic-policy plans</div></div>')
        with gr.Tabs(selected="chat", elem_id="tabs") as tabs:
            with gr.Tab("问答 Chat", id="chat"):
                built = [chat.build(services.qa, services.documents,
                                    FollowUps(services.targets, services.documents))]
            with gr.Tab("政策激励 Incentives", id="incentives"):
                built.append(incentives.build(services.incentives, services.documents))
            with gr.Tab("发展目标 Targets", id="targets"):
                built.append(targets.build(services.targets, services.documents))
            with gr.Tab("Cypher 控制台 Console", id="console"):
                built.append(Built(console.build(services.console, services.schema)))
            with gr.Tab("文件 Documents", id="documents"):
                doc_tab = documents.build(services.documents, services.uploads)
        opener = documents.open_clause(services.documents)
        for tab in built:
            if tab.loader:
                blocks.load(tab.loader[0], None, tab.loader[1])
            for panel in tab.panels:
                panel.click(opener, None, [tabs, *doc_tab.outputs], show_progress="hidden")
        blocks.load(_landing(services), None, [tabs, *doc_tab.outputs])
    return blocks


def _landing(services: Services):  # type: ignore[no-untyped-def]
    """Fill the 文件 tab; with ``?clause=`` open that clause there."""
    @guarded(5)
    def land(request: gr.Request) -> tuple[Any, ...]:
        clause_id = request.query_params.get("clause") if request else None
        shown = documents.landing(services.documents, clause_id)
        return (gr.Tabs(selected="documents") if clause_id else gr.skip(), *shown)
    return land
