"""Where the console's graph view puts each node, so that a result of a few dozen nodes
reads at a glance: no node on top of another, no caption over another caption.

Each connected piece is laid out on its own with Fruchterman–Reingold in pixels (an edge
is about one caption long whatever the node count, instead of everything squeezed into
a fixed canvas), the pieces are packed in rows like words on a page, and a last pass
pushes apart any two nodes whose boxes (circle and caption) still overlap.

>>> pos = layout(["a", "b"], [("a", "b")], {"a": Box(40, 16, 30), "b": Box(40, 16, 30)})
>>> sorted(pos.points) == ["a", "b"]
True
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

GAP = 10.0  # px between two node boxes, and around the packed pieces
ROW_WIDTH = 900.0  # px a row of packed pieces may take before the next row starts


@dataclass(frozen=True)
class Box:
    """What a node covers around its centre: half its width, and how far up and down."""

    half_width: float
    up: float
    down: float


@dataclass(frozen=True)
class Placement:
    """Node centres in pixels, and the size of the drawing that holds every box."""

    points: dict[str, tuple[float, float]]
    width: float
    height: float


def layout(nodes: Sequence[str], edges: Sequence[tuple[str, str]],
           boxes: Mapping[str, Box]) -> Placement:
    """Deterministic: the same nodes and edges are drawn the same way."""
    if not nodes:
        return Placement({}, 0.0, 0.0)
    pieces = [_piece(part, edges, boxes) for part in _components(nodes, edges)]
    return _pack(pieces, boxes)


def _components(nodes: Sequence[str], edges: Sequence[tuple[str, str]]) -> list[list[str]]:
    """Connected pieces, largest first; ties keep the order the result listed the nodes in."""
    parent = {n: n for n in nodes}

    def root(n: str) -> str:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for a, b in edges:
        if a in parent and b in parent:
            parent[root(a)] = root(b)
    groups: dict[str, list[str]] = {}
    for n in nodes:
        groups.setdefault(root(n), []).append(n)
    return sorted(groups.values(), key=len, reverse=True)


def _piece(part: list[str], edges: Sequence[tuple[str, str]],
           boxes: Mapping[str, Box]) -> dict[str, np.ndarray]:
    index = {n: i for i, n in enumerate(part)}
    links = [(index[a], index[b]) for a, b in edges if a in index and b in index and a != b]
    size = np.array([[2 * boxes[n].half_width, boxes[n].up + boxes[n].down] for n in part])
    ideal = float(np.mean(size[:, 0])) + 2 * GAP
    xy = _spring(len(part), links, ideal)
    # Repulsion summed over many nodes spreads a piece far wider than its captions need:
    # scale it so that a node's nearest neighbour is about a caption away (a little less
    # down than across, to suit a wide page); the separation pass then restores the room
    # any caption still lacks.
    if len(part) > 1:
        xy = _level(xy)
        gaps = np.hypot(*(xy[:, None, :] - xy[None, :, :]).transpose(2, 0, 1))
        np.fill_diagonal(gaps, np.inf)
        xy *= ideal / max(float(np.median(gaps.min(axis=1))), 1e-6) * np.array([1.0, 0.75])
    shift = np.array([boxes[n].up - boxes[n].down for n in part]) / 2
    radius = np.array([boxes[n].up for n in part])
    xy = _untangle(xy, size, shift, links, radius)
    if np.ptp(xy[:, 0]) + size[:, 0].max() > ROW_WIDTH:  # too long to lie flat: stand it up
        xy = _untangle(xy[:, ::-1].copy(), size, shift, links, radius)
    return {n: xy[i] for n, i in index.items()}


def _untangle(xy: np.ndarray, size: np.ndarray, shift: np.ndarray,
              links: list[tuple[int, int]], radius: np.ndarray) -> np.ndarray:
    for _ in range(4):  # moving a node off an edge may make boxes overlap again, and back
        xy = _separate(xy, size, shift)
        if not _clear_edges(xy, links, radius):
            break
    return xy


def _level(xy: np.ndarray) -> np.ndarray:
    """Turn a piece so that its long side runs across the page (a chain lies flat)."""
    centred = xy - xy.mean(axis=0)
    _, vectors = np.linalg.eigh(centred.T @ centred)
    major = vectors[:, -1]
    turn = np.array([[major[0], major[1]], [-major[1], major[0]]])
    return centred @ turn.T


def _clear_edges(xy: np.ndarray, links: list[tuple[int, int]], radius: np.ndarray) -> bool:
    """Move each node that an edge not its own runs through sideways, off that edge.
    True when any node moved."""
    moved = False
    for a, b in links:
        start, along = xy[a], xy[b] - xy[a]
        length2 = float(along @ along)
        if length2 < 1e-6:
            continue
        for i in range(len(xy)):
            if i in (a, b):
                continue
            t = float((xy[i] - start) @ along) / length2
            if not 0.0 < t < 1.0:
                continue
            off = xy[i] - (start + t * along)
            dist = float(np.hypot(*off))
            need = radius[i] + GAP / 2
            if dist < need:
                normal = off / dist if dist > 1e-6 else np.array([-along[1], along[0]]) / np.sqrt(length2)
                xy[i] += normal * (need - dist + 0.5)
                moved = True
    return moved


def _spring(n: int, links: list[tuple[int, int]], ideal: float, steps: int = 240) -> np.ndarray:
    """Fruchterman–Reingold: every pair repels, linked nodes attract; seeded start."""
    if n == 1:
        return np.zeros((1, 2))
    rng = np.random.default_rng(7)
    side = ideal * np.sqrt(n)
    xy = rng.uniform(-side / 2, side / 2, size=(n, 2))
    xy[:, 1] *= 0.7  # the canvas is wider than tall
    heat = side / 4
    ends = np.array(links, dtype=int).reshape(-1, 2)
    for _ in range(steps):
        delta = xy[:, None, :] - xy[None, :, :]
        dist = np.maximum(np.hypot(delta[..., 0], delta[..., 1]), 1e-3)
        np.fill_diagonal(dist, np.inf)
        move = (delta / dist[..., None] * (ideal * ideal / dist)[..., None]).sum(axis=1)
        if len(ends):
            d = xy[ends[:, 0]] - xy[ends[:, 1]]
            length = np.maximum(np.hypot(d[:, 0], d[:, 1]), 1e-3)[:, None]
            pull = d / length * (length * length / ideal)
            np.add.at(move, ends[:, 0], -pull)
            np.add.at(move, ends[:, 1], pull)
        norm = np.maximum(np.hypot(move[:, 0], move[:, 1]), 1e-9)[:, None]
        xy += move / norm * np.minimum(norm, heat)
        heat = max(ideal / 50, heat * 0.97)
    return xy


def _separate(xy: np.ndarray, size: np.ndarray, shift: np.ndarray,
              rounds: int = 400) -> np.ndarray:
    """Push apart any two boxes that overlap (with ``GAP``), along the axis where they
    overlap least, until none does. ``shift`` moves a box's centre off the node's centre
    (the caption hangs below the circle)."""
    n = len(xy)
    if n < 2:
        return xy
    xy = xy.copy()
    need = (size[:, None, :] + size[None, :, :]) / 2 + GAP
    upper = np.triu(np.ones((n, n), dtype=bool), 1)
    for _ in range(rounds):
        centre = xy + np.stack([np.zeros(n), -shift], axis=1)
        delta = centre[:, None, :] - centre[None, :, :]
        overlap = need - np.abs(delta)
        hits = (overlap > 0).all(axis=2) & upper
        if not hits.any():
            break
        for i, j in zip(*np.nonzero(hits)):
            axis = 0 if overlap[i, j, 0] / need[i, j, 0] < overlap[i, j, 1] / need[i, j, 1] else 1
            sign = 1.0 if delta[i, j, axis] > 0 else -1.0 if delta[i, j, axis] < 0 else (1.0 if i % 2 else -1.0)
            step = overlap[i, j, axis] / 2 + 0.5
            xy[i, axis] += sign * step
            xy[j, axis] -= sign * step
    return xy


def _pack(pieces: list[dict[str, np.ndarray]], boxes: Mapping[str, Box]) -> Placement:
    """Pieces in rows, left to right, a new row when the row is full."""
    points: dict[str, tuple[float, float]] = {}
    x = y = row_height = width = 0.0
    for piece in pieces:
        left = min(p[0] - boxes[n].half_width for n, p in piece.items())
        right = max(p[0] + boxes[n].half_width for n, p in piece.items())
        top = min(p[1] - boxes[n].up for n, p in piece.items())
        bottom = max(p[1] + boxes[n].down for n, p in piece.items())
        if x > 0 and x + right - left > ROW_WIDTH:
            x, y, row_height = 0.0, y + row_height + 2 * GAP, 0.0
        for n, p in piece.items():
            points[n] = (float(p[0] - left + x + GAP), float(p[1] - top + y + GAP))
        x += right - left + 2 * GAP
        width = max(width, x)
        row_height = max(row_height, bottom - top)
    return Placement(points, float(width + GAP), float(y + row_height + 2 * GAP))
