"""The vector index's files: a manifest and append-only segments, written atomically.

    <root>/<embedder>/meta.json        format, embedder fingerprint, dimension, segment list,
                                       and the clause → text-digest map the index serves
    <root>/<embedder>/seg-*.npz        digests and float32 vectors, never changed once written
    <root>/<embedder>.lock             held by the one process that writes the index

A checkpoint writes a new segment, then replaces ``meta.json`` (``os.replace`` is atomic),
so a process killed at any point leaves the previous checkpoint readable and the next
run embeds only what no segment holds yet.
"""

from __future__ import annotations

import fcntl
import json
import os
import secrets
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

FORMAT = 2


class IndexBusy(Exception):
    """Another process is writing this index."""


class IndexFiles:
    """Reads and writes one index folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.meta_path = self.folder / "meta.json"
        self._lock_path = self.folder.with_name(self.folder.name + ".lock")

    def stamp(self) -> tuple[int, int] | None:
        """Changes whenever a checkpoint is written (by any process)."""
        try:
            st = self.meta_path.stat()
        except FileNotFoundError:
            return None
        return st.st_mtime_ns, st.st_size

    def read_meta(self) -> dict[str, Any] | None:
        try:
            return json.loads(self.meta_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except ValueError:
            return {}  # unreadable: treated as an index of another format, rebuilt

    def read_segments(self, meta: dict[str, Any], dim: int) -> tuple[list[str], np.ndarray]:
        digests: list[str] = []
        parts = []
        for name in meta.get("segments", []):
            with np.load(self.folder / name, allow_pickle=False) as seg:
                digests += seg["digests"].tolist()
                parts.append(seg["vectors"].astype(np.float32, copy=False))
        vectors = np.vstack(parts) if parts else np.zeros((0, dim), dtype=np.float32)
        return digests, vectors

    def checkpoint(self, meta: dict[str, Any], digests: list[str], vectors: np.ndarray) -> dict[str, Any]:
        """Append a segment (if there are new vectors) and publish the manifest."""
        meta = dict(meta)
        if digests:
            meta["segments"] = [*meta.get("segments", []), self._write_segment(digests, vectors)]
        self._write_meta(meta)
        return meta

    def rewrite(self, meta: dict[str, Any], digests: list[str], vectors: np.ndarray) -> dict[str, Any]:
        """Replace every segment by one holding only ``digests`` (compaction)."""
        old = list(meta.get("segments", []))
        meta = {**meta, "segments": [self._write_segment(digests, vectors)] if digests else []}
        self._write_meta(meta)
        for name in old:
            (self.folder / name).unlink(missing_ok=True)
        return meta

    def clear(self) -> None:
        """Remove an index built by another embedder or an older format."""
        shutil.rmtree(self.folder, ignore_errors=True)
        for stale in (self.folder.with_name(self.folder.name + s) for s in (".tmp", ".old")):
            shutil.rmtree(stale, ignore_errors=True)

    @contextmanager
    def writer(self, wait_s: float = 0.0) -> Iterator[None]:
        """Exclusive right to write, across processes and index objects; ``IndexBusy`` if
        another holder keeps it for more than ``wait_s`` seconds."""
        self.folder.parent.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + wait_s
        with open(self._lock_path, "a+") as handle:
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise IndexBusy(str(self.folder)) from None
                    time.sleep(0.2)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _write_segment(self, digests: list[str], vectors: np.ndarray) -> str:
        self.folder.mkdir(parents=True, exist_ok=True)
        name = f"seg-{secrets.token_hex(6)}.npz"
        tmp = self.folder / f".{name}.tmp"
        with open(tmp, "wb") as fh:
            np.savez(fh, digests=np.array(digests, dtype="U32"), vectors=vectors.astype(np.float32))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.folder / name)
        return name

    def _write_meta(self, meta: dict[str, Any]) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self.folder / ".meta.json.tmp"
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(meta, fh, ensure_ascii=False)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.meta_path)
