"""The console's graph view: the nodes, relationships and paths a query returned, drawn as
SVG with a small force-directed layout computed here (no JavaScript library, no CDN)."""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ui.views.common import esc

MAX_NODES = 120
_W, _H, _R = 900, 520, 16
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


def layout(nodes: list[str], edges: list[tuple[str, str]],
           steps: int = 160) -> dict[str, tuple[float, float]]:
    """Fruchterman–Reingold with a pull to the centre (so separate pieces stay together),
    from a seeded start so the same result draws the same way; scaled to the canvas."""
    rng = random.Random(7)
    pos = {n: [rng.uniform(-1.6, 1.6), rng.uniform(-1, 1)] for n in nodes}
    k = 1.6 / math.sqrt(max(1, len(nodes)))
    heat = 0.3
    for _ in range(steps):
        move = {n: [-1.5 * k * p[0], -2.4 * k * p[1]] for n, p in pos.items()}  # gravity
        for i, a in enumerate(nodes):
            for b in nodes[i + 1:]:
                _push(pos, move, a, b, lambda d: k * k / d)
        for a, b in edges:
            if a != b:
                _push(pos, move, a, b, lambda d: -d * d / k)
        for n in nodes:
            dx, dy = move[n]
            dist = max(1e-9, math.hypot(dx, dy))
            pos[n][0] += dx / dist * min(dist, heat)
            pos[n][1] += dy / dist * min(dist, heat)
        heat = max(0.005, heat * 0.96)
    return _fit(pos)


def _push(pos: dict[str, list[float]], move: dict[str, list[float]], a: str, b: str,
          force: Callable[[float], float]) -> None:
    """Move a and b apart by ``force(distance)`` (negative: together)."""
    dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
    dist = max(0.01, math.hypot(dx, dy))
    f = force(dist)
    move[a][0] += dx / dist * f
    move[a][1] += dy / dist * f
    move[b][0] -= dx / dist * f
    move[b][1] -= dy / dist * f


def _fit(pos: dict[str, list[float]]) -> dict[str, tuple[float, float]]:
    xs = [p[0] for p in pos.values()] or [0.0]
    ys = [p[1] for p in pos.values()] or [0.0]
    span_x, span_y = max(xs) - min(xs) or 1.0, max(ys) - min(ys) or 1.0
    margin_x, margin_y = 70, 36
    return {n: (margin_x + (p[0] - min(xs)) / span_x * (_W - 2 * margin_x) if len(pos) > 1 else _W / 2,
                margin_y + (p[1] - min(ys)) / span_y * (_H - 2 * margin_y) if len(pos) > 1 else _H / 2)
            for n, p in pos.items()}


def graph_svg(rows: Iterable[Iterable[Any]]) -> str:
    drawing = collect(rows)
    if not drawing.nodes:
        return '<div class="graph-empty">结果中没有节点或关系。The result has no nodes or relationships to draw.</div>'
    ids = list(drawing.nodes)[:MAX_NODES]
    kept = set(ids)
    edges = [e for e in drawing.edges.values() if e.get("start") in kept and e.get("end") in kept]
    pos = layout(ids, [(e["start"], e["end"]) for e in edges])
    colors = _colors(drawing.nodes[i] for i in ids)
    lines = [_edge(e, pos) for e in edges]
    circles = [_node(drawing.nodes[i], pos[i], colors) for i in ids]
    note = (f'<div class="muted">只画出前 {MAX_NODES} 个节点 (first {MAX_NODES} nodes drawn)。</div>'
            if len(drawing.nodes) > MAX_NODES else "")
    legend = "".join(f'<span class="legend-item"><i style="background:{c}"></i>{esc(label)}</span>'
                     for label, c in colors.items())
    return (f'<div class="chart-legend">{legend}</div>'
            f'<svg class="kg-graph" viewBox="0 0 {_W} {_H}" width="100%" role="img" aria-label="graph">'
            '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
            'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#94a3b8"/>'
            f'</marker></defs>{"".join(lines)}{"".join(circles)}</svg>'
            f'<div class="muted">{len(ids)} 个节点 nodes · {len(edges)} 条关系 relationships</div>{note}')


def _colors(nodes: Iterable[dict[str, Any]]) -> dict[str, str]:
    labels = sorted({(n.get("labels") or ["?"])[0] for n in nodes})
    return {label: PALETTE[i % len(PALETTE)] for i, label in enumerate(labels)}


def _edge(edge: dict[str, Any], pos: dict[str, tuple[float, float]]) -> str:
    (x1, y1), (x2, y2) = pos[edge["start"]], pos[edge["end"]]
    dist = max(0.01, math.hypot(x2 - x1, y2 - y1))
    # stop the line at the circle's rim so the arrowhead shows
    ex, ey = x2 - (x2 - x1) / dist * (_R + 2), y2 - (y2 - y1) / dist * (_R + 2)
    return (f'<g class="edge"><line x1="{x1:.1f}" y1="{y1:.1f}" x2="{ex:.1f}" y2="{ey:.1f}" '
            f'marker-end="url(#arrow)"/><text x="{(x1 + x2) / 2:.1f}" y="{(y1 + y2) / 2 - 3:.1f}">'
            f'{esc(edge.get("type"))}</text></g>')


def _node(node: dict[str, Any], xy: tuple[float, float], colors: dict[str, str]) -> str:
    label = (node.get("labels") or ["?"])[0]
    props = node.get("properties") or {}
    caption = next((str(props[k]) for k in _CAPTION_KEYS if props.get(k)), label)
    detail = "\n".join(f"{k}: {str(v)[:120]}" for k, v in props.items())
    x, y = xy
    return (f'<g class="node"><title>:{esc(label)}\n{esc(detail)}</title>'
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{_R}" fill="{colors.get(label, "#64748b")}"/>'
            f'<text x="{x:.1f}" y="{y + _R + 13:.1f}">{esc(caption[:10])}</text></g>')
