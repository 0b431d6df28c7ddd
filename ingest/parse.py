"""File → ``ParsedDocument``: load, clean, read metadata, segment into clauses.

>>> manifest = load_manifest(Path("seeds"))
>>> doc = parse_file(Path("seeds/002_733fef4de3600b88.txt"), manifest)
>>> doc.meta.doc_number, doc.clauses[4].label
('武政办〔2025〕51号', '二、（一）1.')
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Mapping
from pathlib import Path

from ingest.clean import clean
from ingest.loaders import load_text
from ingest.metadata import Manifest, doc_id_for, document_meta
from ingest.segment import segment
from kg.errors import EmptyDocument
from kg.types import ParsedDocument

logger = logging.getLogger(__name__)


def parse_file(path: Path, manifest: Manifest | None = None) -> ParsedDocument:
    """Parse one plan file; ``manifest`` supplies what the text does not print."""
    path = Path(path)
    text, sha256 = load_text(path)
    entry = manifest.entry_for(path.name, sha256) if manifest is not None else None
    doc_id = doc_id_for(path, sha256, entry)
    return parse_text(text, doc_id=doc_id, source=str(path), sha256=sha256, manifest_entry=entry)


def parse_text(text: str, *, doc_id: str, source: str, sha256: str,
               manifest_entry: Mapping[str, str] | None = None) -> ParsedDocument:
    """Parse already-decoded text (tests, and formats whose loader yields text)."""
    cleaned = clean(text)
    if not cleaned.blocks:
        raise EmptyDocument(f"{source}: no plan text left after removing page furniture")
    meta = document_meta(cleaned, doc_id=doc_id, source=source, sha256=sha256,
                         entry=manifest_entry)
    clauses = segment(cleaned, doc_id, title=meta.title)
    if not clauses:
        raise EmptyDocument(f"{source}: no clauses found in the text")
    kinds = Counter(clause.kind for clause in clauses)
    logger.info("parsed %s: %d clauses (%s)", doc_id, len(clauses),
                ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))
    return ParsedDocument(meta=meta, clauses=tuple(clauses), warnings=cleaned.warnings)
