"""Boxes and tables in the clause tree: 专栏 boxes with one clause per line (or per entry
a converter put on one line), tables with one clause per row.

A box ends at the next heading, caption or table, or when a line no longer has the box's
shape: label lines ("重点建设项目：…"), lines numbered on in the box's own rank, or plain
paragraphs. ``BoxBuilder`` is a part of ``ingest.segment``'s tree builder.
"""

from __future__ import annotations

import re

from ingest.blocks import Block
from ingest.markers import Marker, lead_of, title_of
from ingest.tables import render_rows

_BOX_LABEL_LINE = re.compile(r"^[^，。；：:、]{2,16}[：:]")
_BOX_ENTRY = re.compile(r"(?<=[。；])\s*(?=(?!其中|包括|主要|重点|具体)[^\s，。；：:、“”]{3,16}[：:])")


class BoxBuilder:
    """Box and table handling of the tree builder (it supplies ``_container``, ``_count``,
    ``_new``, ``top`` and ``box``)."""

    def _open_box(self, block: Block, marker: Marker) -> None:
        container = self._container()
        container.absorb = 0
        path = container.child_path(f"box{marker.number}")
        heading = marker.rest.lstrip("：: ").strip()
        self.box = self._new("box", container, path, marker.printed, heading, block.text)
        self.box.container = True
        self.box_shape, self.box_last = "", 0
        self.top = self.box

    def _box_line(self, block: Block, marker: Marker | None) -> bool:
        """Add ``block`` to the open box if it has the box's shape; else False."""
        box = self.box
        unnumbered_title = block.kind == "heading" and (marker is None or marker.kind != "number")
        if block.kind == "caption" or unnumbered_title or self._ends_box(marker):
            return False
        shape = self._shape(block, marker)
        if self.box_shape and shape != self.box_shape:
            return False
        numbered = shape.startswith("numbered")  # with its rank: a box's own numbering
        if numbered and marker.number != self.box_last + 1:
            return False
        self.box_shape = shape
        if numbered:
            self.box_last = marker.number
            heading = title_of(marker.rest)
        elif shape == "label":
            heading = re.split(r"[：:]", block.text, maxsplit=1)[0].strip()
        else:
            heading = lead_of(block.text)
        entries = _BOX_ENTRY.split(block.text) if shape == "label" else [block.text]
        for entry in entries:  # "A：…。 B：…。" — entries a converter put on one line
            if entry is not entries[0]:
                heading = re.split(r"[：:]", entry, maxsplit=1)[0].strip()
            k = self._count(box, "line")
            self._new("item", box, f"{box.path}.{k}", f"{box.label}第{k}条", heading, entry)
        return True

    @staticmethod
    def _ends_box(marker: Marker | None) -> bool:
        if marker is None:
            return False
        return marker.kind != "number" or marker.rank <= 2

    @staticmethod
    def _shape(block: Block, marker: Marker | None) -> str:
        if marker is not None and marker.kind == "number":
            return f"numbered{marker.rank}"
        if _BOX_LABEL_LINE.match(block.text):
            return "label"
        return "free"

    def _close_box(self) -> None:
        if self.box is not None:
            self.top = self.box.parent
            self.box = None

    def _table(self, block: Block) -> None:
        container = self._container()
        container.absorb = 0
        table = block.table
        k = self._count(container, "t")
        heading = table.caption or f"表{k}"
        rows = render_rows(table)
        columns = "｜".join(name for name in table.header if name)
        # The rows are clauses of their own. A table with neither caption nor column names
        # (a 专栏 set as a table) would say nothing: it lists its rows' names instead.
        summary = "" if table.caption or table.named else "、".join(r.heading for r in rows if r.heading)
        text = "\n".join(part for part in (heading, columns and f"（{columns}）", summary) if part)
        label = f"{container.label}表{k}"
        node = self._new("box", container, container.child_path(f"t{k}"), label, heading, text)
        for i, row in enumerate(rows, 1):
            self._new("table_row", node, f"{node.path}.r{i}", f"{label}第{i}行", row.heading,
                      row.text)
        self.top = container

