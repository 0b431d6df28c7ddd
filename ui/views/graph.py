"""The console's graph view: the nodes, relationships and paths a query returned, drawn as
SVG laid out here (``ui.views.layout``; no JavaScript library, no CDN)."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ui.views.common import esc, text_width
from ui.views.layout import Box, layout

MAX_NODES = 120
_R, _FONT, _EDGE_FONT = 14, 11, 9
PALETTE = ("#1d4ed8", "#b91c1c", "#0f766e", "#a16207", "#7c3aed", "#be185d", "#4d7c0f",
           "#0e7490", "#c2410c", "#475569", "#15803d", "#9333ea")
_CAPTION_KEYS = ("name", "title", "metric", "condition", "label", "heading", "clause_id", "key")


@dataclass
class Drawing:
    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    edges: dict[str, dict[str, Any]] = field(default_factory=dict)


def collect(rows: Iterable[Iterable[Any]]) -> Drawing:
    """Every node and relationship anywhere in the rows (inside paths and lists too)."""
    drawing = Drawing()
    for row in rows:
        for value in row:
            _walk(value, drawing)
    for edge in drawing.edges.values():  # an edge whose ends were not returned: stub nodes
        for end in (edge.get("start"), edge.get("end")):
            if end and end not in drawing.nodes:
                drawing.nodes[end] = {"id": end, "labels": [], "properties": {}}
    return drawing


def _walk(value: Any, drawing: Drawing) -> None:
    if isinstance(value, list):
        for item in value:
            _walk(item, drawing)
    elif isinstance(value, dict):
        if "labels" in value and "id" in value:
            drawing.nodes.setdefault(value["id"], value)
        elif "type" in value and "start" in value and "id" in value:
            drawing.edges.setdefault(value["id"], value)
        else:
            for item in value.values():
                if isinstance(item, (list, dict)):
                    _walk(item, drawing)


def graph_svg(rows: Iterable[Iterable[Any]]) -> str:
    drawing = collect(rows)
    if not drawing.nodes:
        return '<div class="graph-empty">结果中没有节点或关系。The result has no nodes or relationships to draw.</div>'
    ids = list(drawing.nodes)[:MAX_NODES]
    kept = set(ids)
    edges = [e for e in drawing.edges.values() if e.get("start") in kept and e.get("end") in kept]
    captions = {i: caption(drawing.nodes[i]) for i in ids}
    boxes = {i: Box(max(_R, text_width(captions[i], _FONT) / 2), _R, _R + _FONT + 6) for i in ids}
    placed = layout(ids, [(e["start"], e["end"]) for e in edges], boxes)
    pos = placed.points
    colors = _colors(drawing.nodes[i] for i in ids)
    lines = [_edge(e, pos) for e in edges]
    circles = [_node(drawing.nodes[i], captions[i], pos[i], colors) for i in ids]
    note = (f'<div class="muted">只画出前 {MAX_NODES} 个节点 (first {MAX_NODES} nodes drawn)。</div>'
            if len(drawing.nodes) > MAX_NODES else "")
    legend = "".join(f'<span class="legend-item"><i style="background:{c}"></i>{esc(label)}</span>'
                     for label, c in colors.items())
    width, height = max(placed.width, 600.0), max(placed.height, 160.0)
    return (f'<div class="chart-legend">{legend}</div><div class="kg-graph-wrap">'
            f'<svg class="kg-graph" viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" '
            f'height="{height:.0f}" role="img" aria-label="graph">'
            '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
            'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#94a3b8"/>'
            f'</marker></defs>{"".join(lines)}{_edge_labels(edges, pos, boxes)}{"".join(circles)}'
            f'</svg></div><div class="muted">{len(ids)} 个节点 nodes · {len(edges)} 条关系 relationships'
            f'（悬停看属性 hover for properties）</div>{note}')


def caption(node: dict[str, Any], width: int = 10) -> str:
    """What a node is called under its circle: its name, title, metric … cut to ``width``."""
    label = (node.get("labels") or ["?"])[0]
    props = node.get("properties") or {}
    text = " ".join(next((str(props[k]) for k in _CAPTION_KEYS if props.get(k)), label).split())
    return text if len(text) <= width else text[:width - 1] + "…"


def _colors(nodes: Iterable[dict[str, Any]]) -> dict[str, str]:
    labels = sorted({(n.get("labels") or ["?"])[0] for n in nodes})
    return {label: PALETTE[i % len(PALETTE)] for i, label in enumerate(labels)}


def _edge(edge: dict[str, Any], pos: dict[str, tuple[float, float]]) -> str:
    (x1, y1), (x2, y2) = pos[edge["start"]], pos[edge["end"]]
    dist = max(0.01, math.hypot(x2 - x1, y2 - y1))
    # stop the line at the circle's rim so the arrowhead shows
    ex, ey = x2 - (x2 - x1) / dist * (_R + 2), y2 - (y2 - y1) / dist * (_R + 2)
    return (f'<g class="edge"><title>{esc(edge.get("type"))}</title><line x1="{x1:.1f}" '
            f'y1="{y1:.1f}" x2="{ex:.1f}" y2="{ey:.1f}" marker-end="url(#arrow)"/></g>')


def _edge_labels(edges: list[dict[str, Any]], pos: dict[str, tuple[float, float]],
                 boxes: dict[str, Box]) -> str:
    """Relationship types at their edges' middles, leaving out any that would cover a node,
    its caption or another type (the edge's tooltip still names it)."""
    taken = [(x - b.half_width, y - b.up, x + b.half_width, y + b.down)
             for n, b in boxes.items() for x, y in [pos[n]]]
    out = []
    for edge in edges:
        (x1, y1), (x2, y2) = pos[edge["start"]], pos[edge["end"]]
        text = str(edge.get("type") or "")
        half = text_width(text, _EDGE_FONT) / 2 + 2
        mx, my = (x1 + x2) / 2, (y1 + y2) / 2
        box = (mx - half, my - _EDGE_FONT, mx + half, my + 3)
        if math.hypot(x2 - x1, y2 - y1) < 2 * half or any(_overlaps(box, t) for t in taken):
            continue
        taken.append(box)
        out.append(f'<text class="edge-label" x="{mx:.1f}" y="{my - 2:.1f}">{esc(text)}</text>')
    return "".join(out)


def _overlaps(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _node(node: dict[str, Any], text: str, xy: tuple[float, float], colors: dict[str, str]) -> str:
    label = (node.get("labels") or ["?"])[0]
    props = node.get("properties") or {}
    detail = "\n".join(f"{k}: {str(v)[:120]}" for k, v in props.items())
    x, y = xy
    return (f'<g class="node"><title>:{esc(label)}\n{esc(detail)}</title>'
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{_R}" fill="{colors.get(label, "#64748b")}"/>'
            f'<text x="{x:.1f}" y="{y + _R + _FONT + 2:.1f}">{esc(text)}</text></g>')
