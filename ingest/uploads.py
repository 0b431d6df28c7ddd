"""Plans uploaded through the app or the API: saved into the data folder, then ingested.

An upload is written under ``<data>/uploads/`` with a sanitised name, ingested by the same
``Ingestor`` the CLI uses (one transaction, index synced after), and kept there as the
document's source. A file ingestion refuses is deleted again and its reason raised, so a
bad upload leaves nothing behind. One upload is ingested at a time.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable
from pathlib import Path

from ingest.build import DocReport, Ingestor
from ingest.loaders import supported_suffixes
from kg.errors import InputError, NotFound, UnsupportedFormat

logger = logging.getLogger(__name__)

_UNSAFE = re.compile(r"[^\w.\-\u4e00-\u9fff]+")


class FileTooLarge(InputError):
    """An upload over the configured size limit."""


def safe_name(filename: str) -> str:
    """The upload's base name with anything but letters, digits, CJK, '.', '-', '_' replaced:
    no directories, no hidden files."""
    base = re.split(r"[\\/]", filename or "")[-1]
    stem, dot, suffix = base.rpartition(".")
    stem = _UNSAFE.sub("_", stem if dot else base).strip("._") or "upload"
    return f"{stem[:80]}.{suffix.lower()}" if dot else stem[:80]


class UploadService:
    """Adds and removes documents on behalf of the app's users."""

    def __init__(self, ingestor: Ingestor, folder: Path, max_bytes: int,
                 on_change: Callable[[], None] = lambda: None) -> None:
        self.ingestor = ingestor
        self.folder = Path(folder)
        self.max_bytes = max_bytes
        self.on_change = on_change
        self._lock = threading.Lock()

    def add(self, filename: str, content: bytes, user: str = "app") -> DocReport:
        name = safe_name(filename)
        suffix = "." + name.rpartition(".")[2] if "." in name else ""
        if suffix not in supported_suffixes():
            raise UnsupportedFormat(f"{filename}: unsupported file type {suffix or '(none)'!r}; "
                                    f"PolicyKG reads {', '.join(supported_suffixes())}")
        if len(content) > self.max_bytes:
            raise FileTooLarge(f"{filename}: {len(content) / 1e6:.1f} MB is over the "
                               f"{self.max_bytes / 1e6:.0f} MB limit (POLICYKG_MAX_FILE_MB)")
        with self._lock:
            return self._ingest(name, content, user)

    def remove(self, doc_id: str) -> None:
        with self._lock:
            if not self.ingestor.remove(doc_id):
                raise NotFound(f"no document {doc_id!r} is stored")
            for stale in self.folder.glob(f"{doc_id}.*"):
                stale.unlink()
        self.on_change()

    def _ingest(self, name: str, content: bytes, user: str) -> DocReport:
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / name
        previous = path.read_bytes() if path.exists() else None
        path.write_bytes(content)
        report = self.ingestor.ingest([path])
        outcome = report.documents[0]
        if outcome.status == "failed":
            _restore(path, previous)
            raise InputError(outcome.error or f"{name}: could not be ingested")
        logger.info("upload by %s: %s %s (%d clauses)", user, outcome.status, outcome.doc_id,
                    outcome.clauses)
        self.on_change()
        return outcome


def _restore(path: Path, previous: bytes | None) -> None:
    if previous is None:
        path.unlink(missing_ok=True)
    else:
        path.write_bytes(previous)
