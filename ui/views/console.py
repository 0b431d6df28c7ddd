"""Cypher 控制台 / Console (staff): read-only queries, the schema, results as a table and
as a graph; refused and invalid queries explained."""

from __future__ import annotations

import json
from typing import Any

import gradio as gr

from kg.console import CypherConsole
from kg.errors import GraphUnavailable, PolicyKGError, QueryInvalid, QueryRefused, QueryTimeout
from qa.browse import Schema, SchemaInfo
from ui.views.common import CLICK_JS, Loader, esc
from ui.views.graph import graph_svg

EXAMPLES = {
    "文件列表 Documents":
        "MATCH (d:Document)\nRETURN d.title AS title, d.level AS level, d.issued AS issued\n"
        "ORDER BY d.doc_id",
    "激励与条款 Incentives and clauses":
        "MATCH (c:Clause)-[r:OFFERS]->(i:Incentive)\nRETURN c, r, i LIMIT 25",
    "目标路径 Target paths":
        "MATCH p = (d:Document)-[:HAS_CLAUSE]->(:Clause)-[:SETS_TARGET]->(t:Target)\n"
        "WHERE t.unit = '%'\nRETURN p LIMIT 20",
    "文件引用 Citations": "MATCH p = (:Document)-[:CITES]->()\nRETURN p",
    "节点计数 Counts by label":
        "MATCH (n)\nRETURN labels(n)[0] AS label, count(*) AS n\nORDER BY n DESC",
    "责任单位 Agencies":
        "MATCH (a:Agency)-[:RESPONSIBLE_FOR]->(c:Clause)\n"
        "RETURN a.name AS agency, count(c) AS clauses\nORDER BY clauses DESC LIMIT 20",
    "园区与产业 Parks and industries":
        "MATCH p = (:Park)-[:FOCUSES_ON]->(:Industry)\nRETURN p LIMIT 40",
}
_CELL_KEYS = ("name", "title", "metric", "condition", "label", "clause_id", "key")


def build(console: CypherConsole, schema: SchemaInfo) -> Loader:
    """Lay out the tab; returns what fills the schema panel when the page opens."""
    with gr.Row(equal_height=False):
        with gr.Column(scale=1, min_width=260):
            gr.Markdown("### 图谱结构 Schema")
            schema_html = gr.HTML("", elem_id="schema-panel", js_on_load=CLICK_JS)
        with gr.Column(scale=3):
            example = gr.Dropdown(list(EXAMPLES), value=None, label="示例查询 Example queries",
                                  elem_id="cy-examples")
            query = gr.Textbox(value=next(iter(EXAMPLES.values())), lines=5, max_lines=14,
                               label="Cypher（只读 read-only）", elem_id="cy-query",
                               elem_classes="mono")
            with gr.Row():
                limit = gr.Slider(1, console.row_limit, value=min(100, console.row_limit), step=1,
                                  label="最多行数 Row limit", scale=3, elem_id="cy-limit")
                gr.Markdown(f"超时 Timeout：**{console.timeout_s:g} 秒**<br>写入与管理语句会被拒绝。"
                            "Writes are refused.", elem_classes="cy-note")
                run = gr.Button("运行 Run", variant="primary", scale=1, elem_id="cy-run")
            status = gr.HTML("", elem_id="cy-status")
            with gr.Tabs():
                with gr.Tab("表格 Table"):
                    table = gr.Dataframe(value=[], headers=["结果 Results"], interactive=False,
                                         wrap=True, max_height=460, elem_id="cy-table")
                with gr.Tab("图 Graph"):
                    graph = gr.HTML("", elem_id="cy-graph")

    example.change(lambda name: EXAMPLES.get(name, gr.skip()), example, query)
    schema_html.click(_schema_query, None, query)
    outputs = [status, table, graph]
    run.click(_runner(console), [query, limit], outputs)
    return (lambda: (_schema_html(schema.summary()),)), [schema_html]


def _runner(console: CypherConsole):  # type: ignore[no-untyped-def]
    def run(query: str, limit: float, request: gr.Request) -> tuple[Any, ...]:
        user = getattr(request, "username", None) or "app"
        try:
            result = console.run(query or "", limit=int(limit), with_ids=True, user=user)
        except PolicyKGError as exc:
            return _error(exc), gr.Dataframe(value=[], headers=["—"]), ""
        cut = "（已截断 truncated）" if result.truncated else ""
        status = (f'<div class="status ok">✓ {len(result.rows)} 行 rows{cut} · '
                  f'{result.elapsed_ms:.0f} ms</div>')
        rows = [[_cell(v) for v in row] for row in result.rows]
        return (status, gr.Dataframe(value=rows, headers=result.columns or ["—"]),
                graph_svg(result.rows))
    return run


_ERROR_TITLES = (
    (QueryRefused, "refused", "已拒绝：控制台只读 Refused: the console is read-only"),
    (QueryInvalid, "invalid", "查询无效 Invalid query"),
    (QueryTimeout, "timeout", "超时 Timed out"),
    (GraphUnavailable, "unavailable", "图数据库无响应 Graph engine unavailable"),
)


def _error(exc: PolicyKGError) -> str:
    """The error's kind as a title (the API's 403 / 400 / 408 / 503), then its message."""
    kind, title = next(((k, t) for cls, k, t in _ERROR_TITLES if isinstance(exc, cls)),
                       ("error", "出错 Error"))
    return (f'<div class="status error" data-kind="{kind}"><b>{title}</b><br>'
            f'{esc(exc)}</div>')


def _cell(value: Any) -> str:
    """A node as (:Label caption), a relationship as [:TYPE], a path as its steps."""
    if isinstance(value, dict) and "labels" in value:
        props = value.get("properties") or {}
        caption = next((str(props[k]) for k in _CELL_KEYS if props.get(k)), "")
        return f"(:{':'.join(value['labels'])} {caption[:60]})"
    if isinstance(value, dict) and "type" in value and "properties" in value:
        return f"[:{value['type']}]"
    if isinstance(value, dict) and "nodes" in value and "relationships" in value:
        nodes = [_cell(n) for n in value["nodes"]]
        rels = [_cell(r) for r in value["relationships"]]
        return "".join(n + (f"-{r}->" if r else "") for n, r in zip(nodes, [*rels, ""]))
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def _schema_query(evt: gr.EventData) -> str:
    query = evt._data.get("query") if isinstance(evt._data, dict) else None
    return query or gr.skip()


def _schema_html(schema: Schema) -> str:
    labels = "".join(
        f'<a class="chip small" data-query="MATCH (n:{esc(name)}) RETURN n LIMIT 25" '
        f'title="{esc(", ".join(schema.node_keys.get(name, [])))}">:{esc(name)} <b>{n}</b></a>'
        for name, n in schema.labels.items())
    rels = "".join(
        f'<a class="chip small rel" data-query="MATCH p = ()-[:{esc(name)}]->() RETURN p LIMIT 25">'
        f':{esc(name)} <b>{n}</b></a>' for name, n in schema.relationships.items())
    keys = "".join(f'<details><summary>:{esc(label)}</summary><code>{esc(", ".join(ks))}</code></details>'
                   for label, ks in schema.node_keys.items())
    keys += "".join(f'<details><summary>[:{esc(t)}]</summary><code>{esc(", ".join(ks))}</code></details>'
                    for t, ks in schema.relationship_keys.items())
    return (f'<div class="schema"><div class="schema-title">节点标签 Labels</div>{labels}'
            f'<div class="schema-title">关系类型 Relationship types</div>{rels}'
            f'<div class="schema-title">属性键 Property keys</div>{keys}'
            '<div class="muted">点击标签或关系插入查询。Click one to query it.</div></div>')
