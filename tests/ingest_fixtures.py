"""Shared helpers for the ingestion tests: the seed plans, cached parses, fragments."""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # lets these tests run before the project is installed
    sys.path.insert(0, str(ROOT))

from ingest.metadata import load_manifest  # noqa: E402
from ingest.parse import parse_file, parse_text  # noqa: E402
from kg.types import Clause, ParsedDocument  # noqa: E402

SEEDS = ROOT / "seeds"
DATA = ROOT / "tests" / "data"
SEED_FILES = {
    "000": "000_f35491fae98ad5ee.txt",
    "001": "001_c0775bc4c1ef2dcb.txt",
    "002": "002_733fef4de3600b88.txt",
    "003": "003_aeef80c6ae2ec51c.txt",
    "004": "004_79baf6cec914b5a1.txt",
}
FOOTNOTE_RULE = " " * 51  # the run of spaces a PDF extractor prints above footnotes


@lru_cache(maxsize=None)
def parsed_seed(prefix: str) -> ParsedDocument:
    """The seed plan whose file name starts with ``prefix``, parsed once per session."""
    return parse_file(SEEDS / SEED_FILES[prefix], load_manifest(SEEDS))


def parse_fragment(text: str, **entry: str) -> ParsedDocument:
    """Parse a small piece of plan text, with ``entry`` as its manifest entry."""
    return parse_text(text, doc_id="frag", source="fragment.txt", sha256="0" * 64,
                      manifest_entry=entry or None)


def by_path(doc: ParsedDocument, path: str) -> Clause:
    matches = [c for c in doc.clauses if c.path == path]
    assert matches, f"no clause at {path}; paths: {[c.path for c in doc.clauses]}"
    return matches[0]


def of_kind(doc: ParsedDocument, kind: str) -> list[Clause]:
    return [c for c in doc.clauses if c.kind == kind]


def children(doc: ParsedDocument, clause: Clause) -> list[Clause]:
    return [c for c in doc.clauses if c.parent_id == clause.clause_id]


def containing(doc: ParsedDocument, text: str) -> list[Clause]:
    """Body clauses holding ``text``; the header clause (文件信息) holds the lines that
    print the document's number, issuer and dates on purpose."""
    return [c for c in body(doc) if text in c.text]


def body(doc: ParsedDocument) -> list[Clause]:
    """The clauses of the plan's body: all but the header clause."""
    return [c for c in doc.clauses if c.kind != "header"]


def header(doc: ParsedDocument) -> Clause | None:
    return next((c for c in doc.clauses if c.kind == "header"), None)
