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
from dataclasses import replace
from pathlib import Path

from ingest.clean import clean
from ingest.coverage import Coverage, measure, refusal_for, warnings_for
from ingest.header import header_clause
from ingest.loaders import load_document
from ingest.metadata import Manifest, doc_id_for, document_meta, metadata_lines
from ingest.segment import segment
from kg.errors import EmptyDocument, InputError
from kg.types import ParsedDocument

logger = logging.getLogger(__name__)


def parse_file(path: Path, manifest: Manifest | None = None) -> ParsedDocument:
    """Parse one plan file; ``manifest`` supplies what the text does not print."""
    path = Path(path)
    loaded = load_document(path)
    entry = manifest.entry_for(path.name, loaded.sha256) if manifest is not None else None
    doc_id = doc_id_for(path, loaded.sha256, entry)
    return parse_text(loaded.text, doc_id=doc_id, source=str(path), sha256=loaded.sha256,
                      manifest_entry=entry, paragraph_lines=loaded.paragraph_lines)


def parse_text(text: str, *, doc_id: str, source: str, sha256: str,
               manifest_entry: Mapping[str, str] | None = None,
               paragraph_lines: bool = False) -> ParsedDocument:
    """Parse already-decoded text (tests, and formats whose loader yields text);
    ``paragraph_lines``: each line is a whole paragraph (text from HTML or DOCX)."""
    cleaned = clean(text, paragraph_lines=paragraph_lines)
    if not cleaned.blocks:
        raise EmptyDocument(f"{source}: no plan text left after removing page furniture")
    meta = document_meta(cleaned, doc_id=doc_id, source=source, sha256=sha256,
                         entry=manifest_entry)
    clauses = segment(cleaned, doc_id, title=meta.title)
    if not clauses:
        raise EmptyDocument(f"{source}: no clauses found in the text")
    clauses = [*clauses, *header_clause(cleaned, doc_id, len(clauses))]
    printed_meta = [meta.title, *meta.also_titles, *metadata_lines(cleaned)]
    coverage = measure(cleaned, clauses, titles=printed_meta, raw_text=text)
    _refuse_unsegmented(source, coverage)
    meta = replace(meta, coverage=round(coverage.share, 4))
    kinds = Counter(clause.kind for clause in clauses)
    logger.info("parsed %s: %d clauses (%s), %s", doc_id, len(clauses),
                ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())), coverage.summary())
    warnings = cleaned.warnings + tuple(warnings_for(coverage))
    return ParsedDocument(meta=meta, clauses=tuple(clauses), warnings=warnings)


def _refuse_unsegmented(source: str, coverage: Coverage) -> None:
    reason = refusal_for(coverage)
    if reason:
        raise InputError(f"{source}: {reason}; nothing was stored")
