"""The intermediate form between cleaning and segmentation: blocks of reflowed text.

A ``Block`` is one paragraph, heading candidate, figure caption or table, in reading
order. Its ``kind`` is a hint from layout alone; ``ingest.segment`` makes the final call
from numbering and sequence.
"""

from __future__ import annotations

from dataclasses import dataclass

BLOCK_KINDS = frozenset({"heading", "paragraph", "caption", "table"})


@dataclass(frozen=True)
class Table:
    """A table: column names (whitespace removed, "" when unnamed) and cell rows."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str | None = None

    @property
    def named(self) -> bool:
        return any(self.header)


@dataclass(frozen=True)
class Block:
    """A paragraph of joined text with a layout hint; tables carry their parsed cells."""

    kind: str
    text: str
    table: Table | None = None
