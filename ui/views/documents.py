"""文件 / Documents: documents → clause tree → text, with the clause's linked entities;
uploading a plan (``ui.views.upload``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import gradio as gr

from ingest.loaders import supported_suffixes
from ingest.uploads import UploadService
from qa.browse import DocumentBrowser, TreeNode
from ui.views.clause import PLACEHOLDER, clause_html, clicked, on_click
from ui.views.common import CLICK_JS, LEVELS, esc, guarded
from ui.views.upload import uploader

# The tree and the clause beside it stay in step: whichever changes, the row of the clause
# shown is marked and scrolled into the middle of the tree (the page itself does not move).
MARK_JS = """
window.policykgMarkTree = window.policykgMarkTree || function () {
  const tree = document.querySelector('#doc-tree .tree');
  const shown = document.querySelector('#doc-clause .cv-text');
  if (!tree) return;
  tree.querySelectorAll('.tree-row.current').forEach((r) => r.classList.remove('current'));
  const row = shown && [...tree.querySelectorAll('.tree-row')]
    .find((r) => r.dataset.clause === shown.dataset.clauseId);
  if (!row) return;
  row.classList.add('current');
  tree.scrollTop = row.offsetTop - tree.clientHeight / 3;
};
watch('value', () => requestAnimationFrame(window.policykgMarkTree));
requestAnimationFrame(window.policykgMarkTree);
"""


@dataclass(frozen=True)
class DocumentsTab:
    """The components that show one document; a deep link (``?clause=…``), an upload and
    "show in its document" fill them."""

    doc: gr.Dropdown
    meta: gr.HTML
    tree: gr.HTML
    viewer: gr.HTML

    @property
    def outputs(self) -> list[Any]:
        return [self.doc, self.meta, self.tree, self.viewer]


def build(documents: DocumentBrowser, uploads: UploadService) -> DocumentsTab:
    """Lay out the tab; ``landing`` fills it when the page opens."""
    with gr.Row(equal_height=False):
        with gr.Column(scale=2, min_width=380):
            doc = gr.Dropdown(label="文件 Document", choices=[], elem_id="doc-select")
            with gr.Accordion("上传规划 Upload a plan", open=False, elem_id="upload"):
                upload = gr.File(label="TXT / MD / PDF / DOCX / HTML", elem_id="upload-file",
                                 file_types=list(supported_suffixes()), type="filepath")
                send = gr.Button("导入 Ingest", elem_id="upload-send", size="sm")
                status = gr.Markdown("", elem_id="upload-status")
            meta = gr.HTML("", elem_id="doc-meta")
            tree = gr.HTML("", elem_id="doc-tree", js_on_load=CLICK_JS + MARK_JS)
        with gr.Column(scale=3):
            viewer = gr.HTML(PLACEHOLDER, elem_id="doc-clause", js_on_load=CLICK_JS + MARK_JS)
    tab = DocumentsTab(doc, meta, tree, viewer)
    show = lambda doc_id: showing(documents, doc_id)  # noqa: E731
    send.click(uploader(documents, uploads, show, len(tab.outputs)), upload,
               [status, *tab.outputs])
    doc.input(_opener(documents), doc, [meta, tree, viewer])
    for panel in (tree, viewer):
        panel.click(on_click(documents, openable=False), None, viewer)
    return tab


def _opener(documents: DocumentBrowser):  # type: ignore[no-untyped-def]
    @guarded(3)
    def open_doc(doc_id: str | None) -> tuple[Any, ...]:
        if not doc_id:
            return "", "", PLACEHOLDER
        meta, tree = document_view(documents, doc_id)
        return meta, tree, PLACEHOLDER
    return open_doc


def document_view(documents: DocumentBrowser, doc_id: str) -> tuple[str, str]:
    """(meta HTML, clause tree HTML) of one document."""
    nodes = documents.tree(doc_id)
    return _meta(documents.document(doc_id) or {}, len(nodes)), tree_html(nodes)


def tree_html(nodes: Sequence[TreeNode]) -> str:
    """The clause tree, one row per clause, indented by depth; a click shows the clause."""
    rows = "".join(
        f'<div class="tree-row depth-{min(n.depth, 5)}" data-clause="{esc(n.clause_id)}" '
        f'title="{esc(n.preview)}"><b>{esc(n.label or n.kind)}</b> {esc(n.heading or n.preview)}</div>'
        for n in nodes)
    return f'<div class="tree" role="tree">{rows}</div>' if rows else ""


def showing(documents: DocumentBrowser, doc_id: str, clause_id: str | None = None) -> tuple[Any, ...]:
    """The tab's outputs for one document, with one of its clauses open (or none)."""
    choices = [(_doc_choice(d), d["doc_id"]) for d in documents.documents()]
    if not doc_id:
        return gr.Dropdown(choices=choices, value=None), "", "", PLACEHOLDER
    meta, tree = document_view(documents, doc_id)
    viewer = clause_html(documents.clause(clause_id), openable=False) if clause_id else PLACEHOLDER
    return gr.Dropdown(choices=choices, value=doc_id), meta, tree, viewer


def landing(documents: DocumentBrowser, clause_id: str | None) -> tuple[Any, ...]:
    """The tab as the page opens: the first document, or the linked clause in its own."""
    if clause_id:
        return showing(documents, documents.clause(clause_id).doc["doc_id"], clause_id)
    docs = documents.documents()
    return showing(documents, docs[0]["doc_id"] if docs else "")


def open_clause(documents: DocumentBrowser):  # type: ignore[no-untyped-def]
    """Handler for "show in its document" (``data-open``) in another tab's clause panel:
    the 文件 tab, that document, the clause open and its row in view."""
    @guarded(5)
    def open_it(evt: gr.EventData) -> tuple[Any, ...]:
        clause_id = clicked(evt, "open")
        if not clause_id:
            return tuple(gr.skip() for _ in range(5))
        return (gr.Tabs(selected="documents"), *landing(documents, clause_id))
    return open_it


def _doc_choice(doc: dict[str, Any]) -> str:
    level = LEVELS.get(doc.get("level") or "other", "").split(" ")[0]
    return f"{doc['title']}（{level}）"


def _meta(doc: dict[str, Any], clauses: int) -> str:
    facts = [("发布机构 Issuer", doc.get("issuer")), ("文号 Number", doc.get("doc_number")),
             ("日期 Issued", doc.get("issued")), ("规划期 Period", doc.get("period")),
             ("地区 Region", doc.get("region")),
             ("层级 Level", LEVELS.get(doc.get("level") or "other")), ("条款 Clauses", clauses),
             ("覆盖率 Coverage", f"{doc['coverage']:.1%}" if doc.get("coverage") is not None else None)]
    cells = "".join(f"<div><span>{k}</span><b>{esc(v)}</b></div>" for k, v in facts if v)
    cited = doc.get("cited_titles") or []
    refs = (f'<details><summary>引用文件 Cites {len(cited)}</summary><ul>'
            + "".join(f"<li>《{esc(t)}》</li>" for t in cited) + "</ul></details>") if cited else ""
    return f'<div class="doc-meta"><div class="doc-facts">{cells}</div>{refs}</div>'
