"""文件 / Documents: documents → clause tree → text, with the clause's linked entities."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import gradio as gr

from ingest.loaders import supported_suffixes
from ingest.uploads import UploadService
from qa.browse import DocumentBrowser
from ui.views.clause import PLACEHOLDER, clause_html, on_click, on_row
from ui.views.common import CLICK_JS, LEVELS, esc, shown_errors

HEADERS = ["条款 Clause", "标题 / 摘要 Heading or opening"]


@dataclass(frozen=True)
class DocumentsTab:
    """The components a deep link (``?clause=…``) fills."""

    doc: gr.Dropdown
    meta: gr.HTML
    tree: gr.Dataframe
    ids: gr.State
    viewer: gr.HTML

    @property
    def outputs(self) -> list[Any]:
        return [self.doc, self.meta, self.tree, self.ids, self.viewer]


def build(documents: DocumentBrowser, uploads: UploadService) -> DocumentsTab:
    """Lay out the tab; ``landing`` fills it when the page opens."""
    ids = gr.State([])
    with gr.Row(equal_height=False):
        with gr.Column(scale=2, min_width=380):
            doc = gr.Dropdown(label="文件 Document", choices=[], elem_id="doc-select")
            with gr.Accordion("上传规划 Upload a plan", open=False, elem_id="upload"):
                upload = gr.File(label="TXT / MD / PDF / DOCX / HTML", elem_id="upload-file",
                                 file_types=list(supported_suffixes()), type="filepath")
                send = gr.Button("导入 Ingest", elem_id="upload-send", size="sm")
                status = gr.Markdown("", elem_id="upload-status")
            meta = gr.HTML("", elem_id="doc-meta")
            tree = gr.Dataframe(headers=HEADERS, interactive=False, wrap=True, max_height=620,
                                elem_id="doc-tree", column_widths=["34%", "66%"])
        with gr.Column(scale=3):
            viewer = gr.HTML(PLACEHOLDER, elem_id="doc-clause", js_on_load=CLICK_JS)
    tab = DocumentsTab(doc, meta, tree, ids, viewer)
    send.click(_uploader(documents, uploads), upload, [status, doc])
    doc.input(_opener(documents), doc, [meta, tree, ids, viewer])
    tree.select(on_row(documents), ids, viewer)
    viewer.click(on_click(documents), None, viewer)
    return tab


def _uploader(documents: DocumentBrowser, uploads: UploadService):  # type: ignore[no-untyped-def]
    def ingest_upload(path: str | None) -> tuple[str, Any]:
        if not path:
            return "请先选择文件 Choose a file first.", gr.skip()
        with shown_errors():
            report = uploads.add(Path(path).name, Path(path).read_bytes())
        choices = [(_doc_choice(d), d["doc_id"]) for d in documents.documents()]
        note = (f"✅ {report.status} `{report.doc_id}`: {report.clauses} 条款 clauses, "
                f"{report.targets} 目标 targets, {report.incentives} 激励 incentives")
        return note, gr.Dropdown(choices=choices, value=report.doc_id)
    return ingest_upload


def _doc_choice(doc: dict[str, Any]) -> str:
    level = LEVELS.get(doc.get("level") or "other", "").split(" ")[0]
    return f"{doc['title']}（{level}）"


def _opener(documents: DocumentBrowser):  # type: ignore[no-untyped-def]
    def open_doc(doc_id: str | None) -> tuple[Any, ...]:
        if not doc_id:
            return "", [], [], PLACEHOLDER
        with shown_errors():
            return document_view(documents, doc_id) + (PLACEHOLDER,)
    return open_doc


def document_view(documents: DocumentBrowser, doc_id: str) -> tuple[Any, ...]:
    """(meta HTML, tree rows, clause ids) of one document."""
    nodes = documents.tree(doc_id)
    doc = next((d for d in documents.documents() if d["doc_id"] == doc_id), {})
    rows = [["\u3000" * n.depth + (n.label or n.kind), n.heading or n.preview] for n in nodes]
    return _meta(doc, len(nodes)), rows, [n.clause_id for n in nodes]


def landing(documents: DocumentBrowser, clause_id: str | None) -> tuple[Any, ...]:
    """The tab as the page opens: the document list, and the linked clause if any."""
    docs = documents.documents()
    choices = [(_doc_choice(d), d["doc_id"]) for d in docs]
    if not clause_id:
        if not docs:
            return gr.Dropdown(choices=[]), "", [], [], PLACEHOLDER
        meta, rows, ids = document_view(documents, docs[0]["doc_id"])
        return gr.Dropdown(choices=choices, value=docs[0]["doc_id"]), meta, rows, ids, PLACEHOLDER
    view = documents.clause(clause_id)
    meta, rows, ids = document_view(documents, view.doc["doc_id"])
    return gr.Dropdown(choices=choices, value=view.doc["doc_id"]), meta, rows, ids, clause_html(view)


def _meta(doc: dict[str, Any], clauses: int) -> str:
    facts = [("发布机构 Issuer", doc.get("issuer")), ("文号 Number", doc.get("doc_number")),
             ("日期 Issued", doc.get("issued")), ("规划期 Period", doc.get("period")),
             ("地区 Region", doc.get("region")),
             ("层级 Level", LEVELS.get(doc.get("level") or "other")), ("条款 Clauses", clauses)]
    cells = "".join(f"<div><span>{k}</span><b>{esc(v)}</b></div>" for k, v in facts if v)
    cited = doc.get("cited_titles") or []
    refs = (f'<details><summary>引用文件 Cites {len(cited)}</summary><ul>'
            + "".join(f"<li>《{esc(t)}》</li>" for t in cited) + "</ul></details>") if cited else ""
    return f'<div class="doc-meta"><div class="doc-facts">{cells}</div>{refs}</div>'
