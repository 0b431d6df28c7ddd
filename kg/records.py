"""Turn Bolt values (nodes, relationships, paths, temporal types) into plain JSON data.

The console contract: a node is ``{"labels", "properties"}``, a relationship
``{"type", "properties"}``, a path ``{"nodes": [...], "relationships": [...]}``. With
``with_ids`` the graph view also gets ``id`` on nodes and ``id``/``start``/``end`` on
relationships so it can draw the edges between the nodes it was given.
"""

from __future__ import annotations

import math
from typing import Any

from neo4j.graph import Node, Path, Relationship


def to_plain(value: Any, *, with_ids: bool = False) -> Any:
    """Recursively convert one value returned by the driver."""
    if isinstance(value, Node):
        return _node(value, with_ids)
    if isinstance(value, Relationship):
        return _relationship(value, with_ids)
    if isinstance(value, Path):
        return {
            "nodes": [_node(n, with_ids) for n in value.nodes],
            "relationships": [_relationship(r, with_ids) for r in value.relationships],
        }
    if isinstance(value, (list, tuple)):
        return [to_plain(v, with_ids=with_ids) for v in value]
    if isinstance(value, dict):
        return {str(k): to_plain(v, with_ids=with_ids) for k, v in value.items()}
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)  # JSON has no NaN/Infinity
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)  # dates, durations, spatial points


def _node(node: Node, with_ids: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "labels": sorted(node.labels),
        "properties": to_plain(dict(node.items())),
    }
    if with_ids:
        out["id"] = node.element_id
    return out


def _relationship(rel: Relationship, with_ids: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"type": rel.type, "properties": to_plain(dict(rel.items()))}
    if with_ids:
        out["id"] = rel.element_id
        out["start"] = rel.start_node.element_id if rel.start_node is not None else None
        out["end"] = rel.end_node.element_id if rel.end_node is not None else None
    return out
