"""A clause shown inside its document: title, number, date, path, neighbours, the cited
text highlighted, and what the graph links to it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import gradio as gr

from qa.browse import ClauseView, DocumentBrowser, highlight_spans
from ui.views.common import LEVELS, esc, guarded

PLACEHOLDER = ('<div class="clause-view empty">点击引用或表格中的条款，在此查看原文。'
               '<br><span class="muted">Click a citation or a clause to read it in its document.</span></div>')


def clause_html(view: ClauseView, passages: Sequence[str] = (), openable: bool = True) -> str:
    """The clause panel; ``openable`` adds "show in its document" (the 文件 tab, with the
    clause tree), for panels outside that tab."""
    doc, clause = view.doc, view.clause
    text = clause.get("text") or ""
    body = _marked(text, highlight_spans(text, passages)) if passages else esc(text)
    parts = [
        '<div class="clause-view">',
        _doc_header(doc),
        _path(view),
        _neighbour("prev", "↑ 上一条 Previous", view.prev),
        f'<div class="cv-text" data-clause-id="{esc(clause.get("clause_id"))}">{body}</div>',
        _neighbour("next", "↓ 下一条 Next", view.next),
        _children(view.children),
        _links(view.links),
        _open_link(clause.get("clause_id")) if openable else "",
        "</div>",
    ]
    return "".join(p for p in parts if p)


def _open_link(clause_id: str | None) -> str:
    return (f'<div class="cv-open"><a data-open="{esc(clause_id)}" role="button">'
            '在文件中查看 Show in its document →</a></div>') if clause_id else ""


def _doc_header(doc: dict) -> str:
    meta = [doc.get("doc_number"), doc.get("issued"), doc.get("issuer"),
            LEVELS.get(doc.get("level") or "", None), doc.get("period") and f"规划期 {doc['period']}"]
    return (f'<div class="cv-doc"><div class="cv-title">《{esc(doc.get("title"))}》</div>'
            f'<div class="cv-meta">{" · ".join(esc(m) for m in meta if m)}</div></div>')


def _path(view: ClauseView) -> str:
    steps = [f'<a data-clause="{esc(a["clause_id"])}">{esc(a.get("label"))} {esc(a.get("heading"))}</a>'
             for a in view.ancestors]
    clause = view.clause
    steps.append(f'<b>{esc(clause.get("label"))} {esc(clause.get("heading"))}</b>')
    return (f'<div class="cv-path">位置 Path：{" › ".join(steps)} '
            f'<code>{esc(clause.get("path"))}</code></div>')


def _neighbour(kind: str, title: str, other: dict | None) -> str:
    if not other:
        return ""
    snippet = " ".join((other.get("text") or other.get("heading") or "").split())[:80]
    return (f'<div class="cv-neighbour {kind}" data-clause="{esc(other["clause_id"])}">'
            f'<span class="cv-nlabel">{title} · {esc(other.get("label"))}</span> {esc(snippet)}…</div>')


def _children(children: Iterable[dict]) -> str:
    chips = [f'<a class="chip small" data-clause="{esc(c["clause_id"])}">{esc(c.get("label"))} '
             f'{esc(c.get("heading"))}</a>' for c in children]
    return f'<div class="cv-children">下级条款 Sub-clauses：{"".join(chips)}</div>' if chips else ""


def _links(links: dict) -> str:
    rows = []
    if links.get("agencies"):
        rows.append(_tags("责任单位 Agencies", links["agencies"]))
    mentions = links.get("mentions") or []
    if mentions:
        rows.append(_tags("提及 Mentions", [f'{m["name"]}（{m["label"]}）' for m in mentions]))
    targets = [f'{t.get("metric")}：{t.get("value_text")}' + (f'（{t["year"]}年）' if t.get("year") else "")
               for t in links.get("targets") or []]
    if targets:
        rows.append(_tags("目标 Targets", targets))
    incentives = [i.get("condition") or i.get("text") for i in links.get("incentives") or []]
    if incentives:
        rows.append(_tags("激励 Incentives", incentives))
    return f'<div class="cv-links">{"".join(rows)}</div>' if rows else ""


def _tags(title: str, values: Iterable[str]) -> str:
    tags = "".join(f'<span class="tag">{esc(v)}</span>' for v in values)
    return f'<div class="cv-linkrow"><span class="cv-linktitle">{title}</span>{tags}</div>'


def _marked(text: str, spans: list[tuple[int, int]]) -> str:
    out, at = [], 0
    for start, end in spans:
        if start < at:
            continue  # overlapping passages: the first one marks the text
        out += [esc(text[at:start]), f"<mark>{esc(text[start:end])}</mark>"]
        at = end
    out.append(esc(text[at:]))
    return "".join(out)


def on_row(documents: DocumentBrowser) -> Callable[..., str]:
    """Handler: a click on a table row shows that row's clause (ids kept in a State)."""
    @guarded(1)
    def show(clause_ids: list[str], evt: gr.SelectData) -> str:
        row = evt.index[0] if isinstance(evt.index, (list, tuple)) else evt.index
        if not isinstance(row, int) or not 0 <= row < len(clause_ids):
            return gr.skip()
        return clause_html(documents.clause(clause_ids[row]))
    return show


def on_click(documents: DocumentBrowser, openable: bool = True) -> Callable[..., str]:
    """Handler: a click on anything with data-clause (see ``CLICK_JS``) shows that clause."""
    @guarded(1)
    def show(evt: gr.EventData) -> str:
        clause_id = clicked(evt, "clause")
        if not clause_id:
            return gr.skip()
        return clause_html(documents.clause(clause_id), openable=openable)
    return show


def clicked(evt: gr.EventData, key: str) -> str:
    """What ``CLICK_JS`` reported of the element clicked: its data-clause, data-n …"""
    data = evt._data if isinstance(evt._data, dict) else {}
    return str(data.get(key) or "")
