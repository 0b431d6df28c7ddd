"""``Ingestor``: files → parsed documents → extraction → graph (→ vector index).

One transaction per document: a file that fails leaves the graph as it was for that
file. Unchanged files (same sha256 under the same doc id) are skipped, so running
ingestion twice changes nothing. The vector index, when there is one, is updated only
after the graph has committed.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from ingest.citations import resolve_citations
from ingest.loaders import supported_suffixes
from ingest.metadata import Manifest, load_manifest
from ingest.parse import parse_file
from kg.documents import list_documents, relink_citations, remove_document, save_document
from kg.errors import DuplicateDocument, InputError, PolicyKGError
from kg.store import GraphStore
from kg.types import Extraction, ParsedDocument

logger = logging.getLogger(__name__)

# A folder of plans may carry its own notes: they are not plans.
_SKIP_NAMES = {"manifest.json", "readme.md", "readme.txt", "sources.md", "sources.txt", "license", "license.md",
               "license.txt"}


def pipeline_version() -> str:
    """A digest of the code and resources that turn a file into graph nodes (the graph
    writer's included: how a document is stored changes what is stored). A stored
    document made by other code is re-ingested even if its file is unchanged, so an
    upgrade of PolicyKG's cleaning or extraction reaches documents already stored."""
    root = Path(__file__).resolve().parent
    writer = [root.parent / "kg" / name for name in ("documents.py", "cypher.py", "types.py")]
    digest = hashlib.sha256()
    for path in sorted([*root.glob("*.py"), *root.glob("extract/*.py"), *root.glob("resources/*"), *writer]):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class Extractor(Protocol):
    def extract(self, doc: ParsedDocument) -> Extraction: ...


class FileProgress(Protocol):
    def __call__(self, done: int, total: int, report: DocReport) -> None: ...


class IndexUpdater(Protocol):
    def saved(self, store: GraphStore, doc_id: str) -> None:
        """One document committed (more may follow before ``update``)."""

    def update(self, store: GraphStore, changed: Sequence[str], removed: Sequence[str]) -> None:
        """An ingestion or a removal committed: bring the index in step."""


@dataclass(frozen=True)
class DocReport:
    path: str
    status: str  # added | updated | unchanged | failed
    doc_id: str | None = None
    sha256: str | None = None
    clauses: int = 0
    targets: int = 0
    incentives: int = 0
    entities: int = 0
    error: str | None = None
    seconds: float = 0.0
    coverage: float | None = None  # share of the body text stored in clauses
    warnings: tuple[str, ...] = ()  # what parsing dropped or could not structure


@dataclass
class IngestReport:
    documents: list[DocReport] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def failed(self) -> list[DocReport]:
        return [d for d in self.documents if d.status == "failed"]

    @property
    def changed(self) -> list[str]:
        return [d.doc_id for d in self.documents if d.status in ("added", "updated") and d.doc_id]


class Ingestor:
    """Ingests plan files into the graph.

    >>> report = Ingestor(store, RuleExtractor()).ingest([Path("seeds")])
    """

    def __init__(self, store: GraphStore, extractor: Extractor,
                 index: IndexUpdater | None = None, max_file_mb: int = 50,
                 on_file: FileProgress | None = None) -> None:
        self.on_file = on_file  # told after each file: (files done, files in all, its report)
        self.store = store
        self.extractor = extractor
        self.index = index
        self.max_bytes = max_file_mb * 1_000_000
        self.pipeline = pipeline_version()
        self._current: set[str] = set()

    def ingest(self, paths: Iterable[Path]) -> IngestReport:
        started = time.perf_counter()
        report = IngestReport()
        files = discover(paths)
        documents = list_documents(self.store)
        stored = {d["doc_id"]: d.get("sha256") for d in documents}
        # A document made by other code counts as changed: it is re-parsed and re-extracted.
        self._current = {d["doc_id"] for d in documents if d.get("pipeline") == self.pipeline}
        for path, manifest in files:
            doc_report = self._ingest_file(path, manifest, stored)
            report.documents.append(doc_report)
            if self.on_file is not None:
                self.on_file(len(report.documents), len(files), doc_report)
            if doc_report.doc_id and doc_report.status != "failed":
                stored[doc_report.doc_id] = doc_report.sha256
                self._current.add(doc_report.doc_id)
            if doc_report.status in ("added", "updated") and doc_report.doc_id and self.index is not None:
                self.index.saved(self.store, doc_report.doc_id)
        if report.changed:
            self._relink_citations()
        if self.index is not None:
            self.index.update(self.store, report.changed, [])
        report.seconds = time.perf_counter() - started
        return report

    def remove(self, doc_id: str) -> bool:
        removed = remove_document(self.store, doc_id)
        if removed:
            self._relink_citations()
            if self.index is not None:
                self.index.update(self.store, [], [doc_id])
        return removed

    def _ingest_file(self, path: Path, manifest: Manifest, stored: dict[str, str | None]) -> DocReport:
        started = time.perf_counter()
        try:
            self._check_size(path)
            doc = parse_file(path, manifest)
            _check_structure(path, doc)
            meta = doc.meta
            if stored.get(meta.doc_id) == meta.sha256 and meta.doc_id in self._current:
                return DocReport(str(path), "unchanged", meta.doc_id, meta.sha256,
                                 coverage=meta.coverage)
            _refuse_duplicate(path, meta.doc_id, meta.sha256, stored)
            extraction = self.extractor.extract(doc)
            save_document(self.store, doc, extraction, self.pipeline, replacing=meta.doc_id in stored)
        except InputError as exc:
            logger.warning("%s", exc)
            return DocReport(str(path), "failed", error=str(exc))
        except PolicyKGError as exc:
            logger.error("%s: %s", path, exc)
            return DocReport(str(path), "failed", error=f"{path}: {exc}")
        status = "updated" if meta.doc_id in stored else "added"
        logger.info("%s %s (%d clauses, coverage %.2f)", status, meta.doc_id, len(doc.clauses),
                    meta.coverage or 0.0)
        for warning in doc.warnings:
            logger.warning("%s: %s", path, warning)
        return DocReport(
            str(path), status, meta.doc_id, meta.sha256, len(doc.clauses), len(extraction.targets),
            len(extraction.incentives), len(extraction.entities),
            seconds=time.perf_counter() - started, coverage=meta.coverage, warnings=doc.warnings,
        )

    def _check_size(self, path: Path) -> None:
        size = path.stat().st_size
        if size > self.max_bytes:
            raise InputError(
                f"{path}: {size / 1e6:.1f} MB is larger than the {self.max_bytes / 1e6:.0f} MB limit "
                "(POLICYKG_MAX_FILE_MB); a plan's text is rarely over a few MB — split the file "
                "or raise the limit"
            )

    def _relink_citations(self) -> None:
        internal, external = resolve_citations(list_documents(self.store))
        relink_citations(self.store, internal, external)


def discover(paths: Iterable[Path]) -> list[tuple[Path, Manifest]]:
    """Files to ingest, each with the manifest of its folder; folders are walked in name order."""
    found: list[tuple[Path, Manifest]] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            manifest = load_manifest(path)
            for file in sorted(p for p in path.rglob("*") if p.is_file()):
                if file.name.lower() not in _SKIP_NAMES and file.suffix.lower() in supported_suffixes():
                    found.append((file, manifest))
        elif path.exists():
            found.append((path, load_manifest(path.parent)))
        else:
            raise InputError(f"{path}: no such file or folder")
    return found


def _check_structure(path: Path, doc: ParsedDocument) -> None:
    """Refuse files that hold text but not a plan: no sentences, or mostly symbols and digits."""
    text = "".join(c.text for c in doc.clauses)
    letters = sum(1 for ch in text if ch.isalpha())
    visible = sum(1 for ch in text if not ch.isspace()) or 1
    ends = sum(text.count(p) for p in "。！？；.!?;")
    if letters / visible < 0.3:
        raise InputError(f"{path}: mostly digits and symbols ({letters / visible:.0%} letters); "
                         "not the text of a plan")
    if len(text) > 300 and ends == 0:
        raise InputError(f"{path}: no sentences found (no sentence-ending punctuation in "
                         f"{len(text)} characters); not the text of a plan")


def _refuse_duplicate(path: Path, doc_id: str, sha256: str, stored: dict[str, str | None]) -> None:
    for other_id, other_sha in stored.items():
        if other_sha == sha256 and other_id != doc_id:
            raise DuplicateDocument(
                f"{path}: same content as the stored document {other_id}; "
                f"remove it first (policykg remove {other_id}) or skip this file"
            )

