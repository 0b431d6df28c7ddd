"""BM25 over the clauses, persisted, so that starting the QA service does not re-tokenise.

Tokenising 45,000 clauses with jieba takes most of a minute; the result depends only on
the clause texts and on the domain words jieba was taught. ``<data>/index/bm25/`` keeps

- ``tokens.npz``: each distinct text's tokens (by text digest) and the domain words used
  (``qa.tokenmemo``);
- ``bm25.npz``: the postings of the last corpus, with that corpus's key.

A start over an unchanged corpus loads the postings as they are. After a change only new
texts — and texts holding a domain word added or dropped since — are tokenised again; the
postings are rebuilt from the tokens in numpy (a second at ×100).
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from qa.lexical import BM25Index
from qa.tokenmemo import VERSION, TokenMemo, atomic_savez, digest, strings

logger = logging.getLogger(__name__)


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
        memo = TokenMemo(self.folder / "tokens.npz", words, tokenize)
        fresh = memo.fill(texts, key)
        index = BM25Index(ids, [memo.get(t) for t in texts])
        self._save(key, index)
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

    def _save(self, key: str, index: BM25Index) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        atomic_savez(self.folder / "bm25.npz", key=np.array(key), terms=strings(index.terms),
                      **index.arrays())


def _key(ids: Sequence[str], texts: Sequence[str], words: set[str]) -> str:
    h = hashlib.sha256(VERSION.encode())
    for cid, text in zip(ids, texts):
        h.update(cid.encode())
        h.update(digest(text).encode())
    h.update("\x00".join(sorted(words)).encode())
    return h.hexdigest()
