"""Read a plan file into text, one loader per file extension.

Plain-text plans arrive in whatever encoding the user's tools wrote: UTF-8 with or
without a BOM, UTF-16 with a BOM, or GB18030/GBK from older Windows tools. Detection
order matters: strict UTF-8 first (GBK bytes are almost never valid UTF-8), then strict
GB18030, and only then charset-normalizer's guess.

>>> text, sha256 = load_text(Path("seeds/002_733fef4de3600b88.txt"))

A .txt or .md file is sniffed (``ingest.sniff``): HTML saved as text goes through the
HTML reader, YAML front matter becomes page fields. New formats (PDF, DOCX, HTML) plug in
by adding a function to ``LOADERS``.
"""

from __future__ import annotations

import codecs
import hashlib
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kg.errors import EmptyDocument, EncodingError, UnsupportedFormat

logger = logging.getLogger(__name__)

# Share of control characters above which decoded "text" is really binary data.
_MAX_CONTROL_SHARE = 0.05
_ALLOWED_CONTROLS = frozenset("\n\r\t\f\v")
_CONTROL = re.compile("[" + "".join(chr(c) for c in range(32) if chr(c) not in _ALLOWED_CONTROLS) + "]")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: its BOM starts the same way
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


# Each loader returns the text and whether its lines are whole paragraphs: HTML and DOCX
# put one paragraph on a line; a PDF's or a text file's lines may be wrapped print lines.
Loaded = tuple[str, bool]


def _load_plain_text(path: Path, raw: bytes) -> Loaded:
    from ingest.sniff import plain_text

    text, kind = plain_text(decode_text(raw, name=str(path)))
    if kind != "text":
        logger.info("%s: read as %s", path, kind)
    return text, kind == "html"


def _load_pdf(path: Path, raw: bytes) -> Loaded:
    from ingest.formats import load_pdf  # imported on use: PDFium is only needed for PDFs

    return load_pdf(path, raw), False


def _load_docx(path: Path, raw: bytes) -> Loaded:
    from ingest.formats import load_docx

    return load_docx(path, raw), True


def _load_html(path: Path, raw: bytes) -> Loaded:
    from ingest.formats import load_html

    return load_html(path, raw), True


LOADERS: dict[str, Callable[[Path, bytes], Loaded]] = {
    ".txt": _load_plain_text,
    ".md": _load_plain_text,
    ".pdf": _load_pdf,
    ".docx": _load_docx,
    ".html": _load_html,
    ".htm": _load_html,
}


@dataclass(frozen=True)
class LoadedText:
    """A file's text, the sha256 of its bytes, and whether each line is a paragraph."""

    text: str
    sha256: str
    paragraph_lines: bool = False


def supported_suffixes() -> tuple[str, ...]:
    """File extensions ingestion can read, e.g. ``(".md", ".txt")``."""
    return tuple(sorted(LOADERS))


def load_text(path: Path) -> tuple[str, str]:
    """Return the file's text and the sha256 of its raw bytes (see ``load_document``)."""
    loaded = load_document(path)
    return loaded.text, loaded.sha256


def load_document(path: Path) -> LoadedText:
    """Read a plan file.

    Raises ``UnsupportedFormat`` for an extension without a loader, ``EncodingError``
    for bytes that are not text, ``EmptyDocument`` for a file without visible text.
    """
    path = Path(path)
    loader = LOADERS.get(path.suffix.lower())
    if loader is None:
        raise UnsupportedFormat(
            f"{path}: unsupported file type {path.suffix or '(none)'!r}; "
            f"PolicyKG reads {', '.join(supported_suffixes())}"
        )
    raw = path.read_bytes()
    sha256 = hashlib.sha256(raw).hexdigest()
    if not raw.strip():
        raise EmptyDocument(f"{path}: the file is empty (no bytes but whitespace)")
    text, paragraph_lines = loader(path, raw)
    if not text.strip():
        raise EmptyDocument(f"{path}: the file holds only whitespace")
    logger.debug("loaded %s (%d chars)", path, len(text))
    return LoadedText(text, sha256, paragraph_lines)


def decode_text(raw: bytes, *, name: str) -> str:
    """Decode ``raw`` as text, detecting the encoding; ``name`` goes into error messages."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return _checked(_decode(raw, encoding, name), name)
    if b"\x00" in raw:
        raise EncodingError(f"{name}: binary data (NUL bytes) and no UTF-16 byte-order mark; "
                            "save the plan as UTF-8 text")
    for encoding in ("utf-8", "gb18030"):
        try:
            return _checked(raw.decode(encoding), name)
        except UnicodeDecodeError:
            continue
    return _checked(_guess(raw, name), name)


def _decode(raw: bytes, encoding: str, name: str) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise EncodingError(f"{name}: not valid {encoding} despite its byte-order mark "
                            f"({exc.reason} at byte {exc.start})") from exc


def _guess(raw: bytes, name: str) -> str:
    from charset_normalizer import from_bytes  # only needed for unusual encodings

    best = from_bytes(raw).best()
    if best is None:
        raise EncodingError(f"{name}: cannot detect the text encoding; save the plan as UTF-8")
    logger.info("%s: decoded as %s (detected)", name, best.encoding)
    return str(best)


def _checked(text: str, name: str) -> str:
    """Reject decoded text that is mostly control characters (binary data)."""
    if not text:
        return text
    controls = len(_CONTROL.findall(text))
    if controls / len(text) > _MAX_CONTROL_SHARE:
        raise EncodingError(f"{name}: looks like binary data ({controls} control characters), "
                            "not text; save the plan as UTF-8 text")
    return text
