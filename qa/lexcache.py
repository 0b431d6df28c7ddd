"""BM25 over the clauses, persisted, so that starting the QA service does not re-tokenise.

Tokenising 45,000 clauses with jieba takes most of a minute; the result depends only on
the clause texts and on the domain words jieba was taught. ``<data>/index/bm25/`` keeps

- ``tokens.npz``: each distinct text's tokens (by text digest) and the domain words used;
- ``bm25.npz``: the postings of the last corpus, with that corpus's key.

A start over an unchanged corpus loads the postings as they are. After a change only new
texts — and texts holding a domain word added or dropped since — are tokenised again; the
postings are rebuilt from the tokens in numpy (a second at ×100).
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from qa.lexical import BM25Index

logger = logging.getLogger(__name__)

VERSION = "bm25-1"  # bump when tokenize() changes


def digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


class LexicalCache:
    """Tokens and postings in one folder; any unreadable file is treated as absent."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def build(self, ids: Sequence[str], texts: Sequence[str], words: set[str],
              tokenize: Callable[[str], list[str]]) -> BM25Index:
        key = _key(ids, texts, words)
        loaded = self._load_index(key, ids)
        if loaded is not None:
            return loaded
        started = time.perf_counter()
        tokens, fresh = self._tokens(texts, words, tokenize)
        index = BM25Index(ids, tokens)
        self._save(key, index, texts, tokens, words)
        logger.info("BM25 over %d clauses built in %.1f s (%d texts tokenised, the rest reused)",
                    len(ids), time.perf_counter() - started, fresh)
        return index

    def _load_index(self, key: str, ids: Sequence[str]) -> BM25Index | None:
        try:
            with np.load(self.folder / "bm25.npz", allow_pickle=False) as saved:
                if str(saved["key"]) != key:
                    return None
                arrays = {name: saved[name] for name in ("ptr", "idx", "weights", "idfs")}
                terms = saved["terms"].tolist()
        except (OSError, EOFError, KeyError, ValueError):
            return None
        logger.info("BM25 over %d clauses loaded (corpus unchanged)", len(ids))
        return BM25Index.from_arrays(ids, terms, arrays)

    def _tokens(self, texts: Sequence[str], words: set[str],
                tokenize: Callable[[str], list[str]]) -> tuple[list[list[str]], int]:
        cached, old_words = self._load_tokens()
        changed = words.symmetric_difference(old_words)
        touched = _matcher(changed)
        out, fresh = [], 0
        for text in texts:
            hit = cached.get(digest(text))
            if hit is None or touched(text):
                hit = tokenize(text)
                fresh += 1
            out.append(hit)
        return out, fresh

    def _load_tokens(self) -> tuple[dict[str, list[str]], set[str]]:
        try:
            with np.load(self.folder / "tokens.npz", allow_pickle=False) as saved:
                if str(saved["version"]) != VERSION:
                    return {}, set()
                vocab = saved["vocab"].tolist()
                flat, ends = saved["flat"], saved["ends"]
                keys = saved["digests"].tolist()
                words = set(saved["words"].tolist())
        except (OSError, EOFError, KeyError, ValueError):
            return {}, set()
        tokens = [vocab[j] for j in flat.tolist()]
        starts = [0, *ends.tolist()[:-1]]
        return {k: tokens[a:b] for k, a, b in zip(keys, starts, ends.tolist())}, words

    def _save(self, key: str, index: BM25Index, texts: Sequence[str],
              tokens: Sequence[list[str]], words: set[str]) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        unique: dict[str, list[str]] = {}
        for text, toks in zip(texts, tokens):
            unique.setdefault(digest(text), toks)
        vocab: dict[str, int] = {}
        flat = np.fromiter((vocab.setdefault(t, len(vocab)) for toks in unique.values() for t in toks),
                           dtype=np.int32)
        ends = np.cumsum([len(t) for t in unique.values()], dtype=np.int64)
        _atomic_savez(self.folder / "tokens.npz", version=np.array(VERSION), vocab=_strings(vocab),
                      flat=flat, ends=ends, digests=_strings(unique), words=_strings(words))
        _atomic_savez(self.folder / "bm25.npz", key=np.array(key), terms=_strings(index.terms),
                      **index.arrays())


def _key(ids: Sequence[str], texts: Sequence[str], words: set[str]) -> str:
    h = hashlib.sha256(VERSION.encode())
    for cid, text in zip(ids, texts):
        h.update(cid.encode())
        h.update(digest(text).encode())
    h.update("\x00".join(sorted(words)).encode())
    return h.hexdigest()


def _matcher(words: set[str]) -> Callable[[str], bool]:
    """Does a text hold any of ``words`` (whose tokenisation a changed dictionary alters)?"""
    if not words:
        return lambda text: False
    pattern = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
    return lambda text: pattern.search(text) is not None


def _strings(items: object) -> np.ndarray:
    values = list(items)  # type: ignore[call-overload]
    return np.array(values, dtype=str) if values else np.array([], dtype="U1")


def _atomic_savez(path: Path, **arrays: np.ndarray) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "wb") as fh:
        np.savez(fh, **arrays)
    os.replace(tmp, path)
