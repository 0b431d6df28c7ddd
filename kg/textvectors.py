"""Vectors of distinct texts, keyed by the text's digest, checkpointed to segment files.

A text is embedded once however many clauses hold it (the same clause in two plans, the
same plan title over all its clauses). ``kg.vectors.VectorIndex`` decides what to embed
and builds the clause vectors it searches from these.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from kg.vectorfiles import IndexFiles


class TextVectors:
    """digest → vector, with what is not yet on disk kept apart for the next checkpoint."""

    def __init__(self, files: IndexFiles, dim: int) -> None:
        self.files = files
        self.dim = dim
        self.keys: list[str] = []
        self.rows: dict[str, int] = {}
        self._matrix = np.zeros((0, dim), dtype=np.float32)
        self._unsaved: list[tuple[list[str], np.ndarray]] = []

    def __contains__(self, digest: object) -> bool:
        return digest in self.rows

    def __len__(self) -> int:
        return len(self.keys)

    def load(self, meta: dict[str, Any]) -> None:
        digests, vectors = self.files.read_segments(meta, self.dim)
        self.add(digests, vectors)
        self._unsaved = []

    def add(self, digests: Sequence[str], vectors: np.ndarray) -> None:
        vectors = np.asarray(vectors, dtype=np.float32).reshape(-1, self.dim)
        for d in digests:
            self.rows[d] = len(self.keys)
            self.keys.append(d)
        self._matrix = np.vstack([self._matrix, vectors]) if len(self._matrix) else vectors.copy()
        self._unsaved.append((list(digests), vectors))

    def get(self, digests: Sequence[str]) -> np.ndarray:
        return self._matrix[[self.rows[d] for d in digests]]

    def checkpoint(self, manifest: dict[str, Any]) -> dict[str, Any]:
        """Write what was added since the last checkpoint; returns the published manifest."""
        digests = [d for part, _ in self._unsaved for d in part]
        vectors = (np.vstack([v for _, v in self._unsaved]) if self._unsaved
                   else np.zeros((0, self.dim), dtype=np.float32))
        meta = self.files.checkpoint(manifest, digests, vectors)
        self._unsaved = []
        return meta

    def compact(self, live: set[str], manifest: dict[str, Any]) -> dict[str, Any]:
        """Keep only ``live`` texts, in one segment: after many clauses were removed."""
        keep = [i for i, d in enumerate(self.keys) if d in live]
        digests = [self.keys[i] for i in keep]
        vectors = self._matrix[keep] if keep else np.zeros((0, self.dim), dtype=np.float32)
        meta = self.files.rewrite(manifest, digests, vectors)
        self.keys, self.rows = digests, {d: i for i, d in enumerate(digests)}
        self._matrix, self._unsaved = vectors, []
        return meta

    def garbage(self, live: set[str]) -> int:
        return sum(1 for d in self.keys if d not in live)
