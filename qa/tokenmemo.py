"""Tokens of texts, by text digest, kept in one ``.npz`` between starts.

jieba's cut is most of what BM25 and sentence ranking cost: at ×100 the clause texts take
most of a minute to tokenise, and so do their sentences. Both depend only on the text and
on the domain words jieba was taught, so a ``TokenMemo`` keeps them by text digest with
the words they were cut under. A text holding a word added or dropped since is cut again.

The file holds one token vocabulary, the texts' tokens as indices into it (``flat``, with
``ends``), the texts' digests, the words, and a ``key`` the owner chooses (the corpus it
was last filled for), so that a start over an unchanged corpus knows it has nothing to do.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np

VERSION = "bm25-1"  # bump when tokenize() changes


def digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


class TokenMemo:
    """``get(text)``: ``tokenize(text)``, from the file when it holds the text. ``fill``
    cuts what is missing and rewrites the file; any unreadable file counts as empty."""

    def __init__(self, path: Path, words: set[str], tokenize: Callable[[str], list[str]]) -> None:
        self.path = Path(path)
        self.words = set(words)
        self._tokenize = tokenize
        self._vocab: list[str] = []
        self._flat = np.zeros(0, dtype=np.int32)
        self._starts = np.zeros(0, dtype=np.int64)
        self._ends = np.zeros(0, dtype=np.int64)
        self._rows: dict[str, int] = {}
        self._fresh: dict[str, list[str]] = {}
        self.key = ""
        self.cut = 0  # texts tokenised by this memo (not read from its file)
        old_words = self._load()
        self._touched = _matcher(self.words.symmetric_difference(old_words)) if self._rows else _never

    def get(self, text: str) -> list[str]:
        key = digest(text)
        row = self._rows.get(key)
        if row is not None and not self._touched(text):
            return [self._vocab[j] for j in self._flat[self._starts[row]:self._ends[row]].tolist()]
        tokens = self._fresh.get(key)
        if tokens is None:
            tokens = self._fresh[key] = self._tokenize(text)
            self.cut += 1
        return tokens

    def fill(self, texts: Iterable[str], key: str) -> int:
        """Hold exactly ``texts`` in the file, tagged ``key``; a no-op when the file was
        last filled under the same ``key`` (``texts`` is then not even iterated).
        Returns how many texts were tokenised."""
        if key and key == self.key and not self._fresh:
            return 0
        before = self.cut
        kept: dict[str, list[str]] = {}
        for text in texts:
            d = digest(text)
            if d not in kept:
                kept[d] = self.get(text)
        self._save(kept, key)
        return self.cut - before

    def _load(self) -> set[str]:
        try:
            with np.load(self.path, allow_pickle=False) as saved:
                if str(saved["version"]) != VERSION:
                    return set()
                vocab = saved["vocab"].tolist()
                flat, ends = saved["flat"], saved["ends"]
                keys = saved["digests"].tolist()
                words = set(saved["words"].tolist())
                key = str(saved["key"]) if "key" in saved.files else ""
        except (OSError, EOFError, KeyError, ValueError):
            return set()
        self._hold(vocab, flat, ends, keys)
        self.key = key
        return words

    def _save(self, tokens: dict[str, list[str]], key: str) -> None:
        vocab: dict[str, int] = {}
        flat = np.fromiter((vocab.setdefault(t, len(vocab)) for toks in tokens.values() for t in toks),
                           dtype=np.int32)
        ends = np.cumsum([len(t) for t in tokens.values()], dtype=np.int64)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        atomic_savez(self.path, version=np.array(VERSION), vocab=strings(vocab), flat=flat,
                      ends=ends, digests=strings(tokens), words=strings(self.words), key=np.array(key))
        # What was saved is what this memo now holds: the next fill under this key is free.
        self._hold(list(vocab), flat, ends, list(tokens))
        self._fresh = {}
        self._touched = _never
        self.key = key

    def _hold(self, vocab: list[str], flat: np.ndarray, ends: np.ndarray, keys: list[str]) -> None:
        """Tokens of ``keys[i]``: ``vocab`` at ``flat[ends[i-1]:ends[i]]``."""
        self._vocab, self._flat, self._ends = vocab, flat, ends
        self._starts = np.concatenate([[0], ends[:-1]]).astype(np.int64) if len(ends) else ends
        self._rows = {k: i for i, k in enumerate(keys)}


def _never(text: str) -> bool:
    return False


def _matcher(words: set[str]) -> Callable[[str], bool]:
    """Does a text hold any of ``words`` (whose tokenisation a changed dictionary alters)?"""
    if not words:
        return _never
    pattern = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
    return lambda text: pattern.search(text) is not None


def strings(items: Iterable[str]) -> np.ndarray:
    values = list(items)
    return np.array(values, dtype=str) if values else np.array([], dtype="U1")


def atomic_savez(path: Path, **arrays: np.ndarray) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "wb") as fh:
        np.savez(fh, **arrays)
    os.replace(tmp, path)
