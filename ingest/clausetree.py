"""The clause tree's nodes, and their conversion to ``kg.types.Clause`` records.

``ingest.segment`` grows a tree of ``Node``s while reading blocks; ``to_clauses`` turns it
into clauses in reading order with ids derived from the paths alone.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from kg.types import Clause, clause_id_for

LEAF_RANK = 99  # items, paragraphs and other clauses without a numbering rank


@dataclass(eq=False)
class Node:
    kind: str
    path: str
    label: str
    heading: str
    parent: Node | None
    parts: list[str] = field(default_factory=list)
    rank: float = LEAF_RANK
    container: bool = False  # accepts children
    absorb: int = 0  # how many of the paragraphs that follow are its own intro text
    counters: Counter = field(default_factory=Counter)
    numbers: dict[float, int] = field(default_factory=dict)  # last child number per rank

    @property
    def text(self) -> str:
        return "\n".join(self.parts)

    @property
    def depth(self) -> int:
        depth, node = 0, self.parent
        while node is not None and node.kind != "root":
            depth, node = depth + 1, node.parent
        return depth

    def child_path(self, step: str) -> str:
        return f"{self.path}.{step}" if self.path else step


def footnote_nodes(nodes: list[Node], root: Node,
                   footnotes: Iterable[tuple[int, str]]) -> dict[int, list[Node]]:
    """Footnote nodes keyed by the index of the node citing them (-1: none cites them)."""
    attached: dict[int, list[Node]] = {}
    for number, text in footnotes:
        index = next((i for i, node in enumerate(nodes) if f"[注{number}]" in node.text), -1)
        parent = nodes[index] if index >= 0 else root
        term = re.split(r"[：:]", text, maxsplit=1)[0]
        heading = term if len(term) <= 20 and term != text else ""
        node = Node("footnote", f"fn{number}", f"注{number}", heading, parent, parts=[text])
        attached.setdefault(index, []).append(node)
    return attached


def to_clauses(nodes: list[Node], footnotes: dict[int, list[Node]], doc_id: str) -> list[Clause]:
    """Clauses in reading order, each footnote right after the clause citing it."""
    ordered: list[Node] = []
    for i, node in enumerate(nodes):
        ordered.append(node)
        ordered.extend(footnotes.get(i, []))
    ordered.extend(footnotes.get(-1, []))
    paths = _unique_paths(ordered)
    ids = {id(node): clause_id_for(doc_id, paths[id(node)]) for node in ordered}
    clauses = []
    for ordinal, node in enumerate(ordered):
        parent = node.parent if node.parent is not None and node.parent.kind != "root" else None
        clauses.append(Clause(
            clause_id=ids[id(node)], doc_id=doc_id, path=paths[id(node)], label=node.label,
            heading=node.heading, text=node.text, ordinal=ordinal, kind=node.kind,
            parent_id=ids[id(parent)] if parent is not None else None, depth=node.depth,
        ))
    return clauses


def _unique_paths(nodes: list[Node]) -> dict[int, str]:
    """Each node's path; a repeated path (a document that restarts its numbering in
    the same section) gets a "-2", "-3" suffix in reading order."""
    seen: Counter = Counter()
    paths: dict[int, str] = {}
    for node in nodes:
        parent_path = paths.get(id(node.parent)) if node.parent is not None else None
        path = node.path
        if parent_path is not None and node.parent.path and not node.kind == "footnote":
            path = parent_path + node.path[len(node.parent.path):]
        seen[path] += 1
        if seen[path] > 1:
            path = f"{path}-{seen[path]}"
        paths[id(node)] = path
    return paths
