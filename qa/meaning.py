"""How close a sentence is in meaning to a question, by the multilingual embedder.

An English question matches the plans' Chinese sentences by words only through a
glossary, which cannot know every plan's subject (「elderly-care」, 「provident fund」). The
embedder reads both languages: its cosine between the question and each candidate
sentence says which one answers, whatever words the glossary lacked. Sentences are
embedded as passages, on demand, and kept (a sentence recurs across questions).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

import numpy as np

_KEPT = 20_000  # sentence vectors kept: a few MB, every sentence of many questions

# e5-small's cosines sit in a narrow band: unrelated Chinese sentences score about 0.78
# against an English question, sentences on its subject 0.84-0.89 — close enough to tell
# the subject, not which of its sentences gives the asked figure. Mapped onto the 0..1
# scale of word coverage, below what the words of a matching sentence reach (CEILING), so
# that meaning lifts a sentence the glossary could not read but never outranks one whose
# words match.
UNRELATED = 0.78
ANSWERING = 0.88
CEILING = 0.7


class SentenceMeaning:
    def __init__(self, embedder: Any) -> None:
        self.embedder = embedder
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def coverage(self, question: str, sentences: Sequence[str]) -> list[float]:
        """For each sentence, its closeness to ``question`` on the 0..1 scale of coverage."""
        if not sentences:
            return []
        query = np.asarray(self.embedder.embed_query(question), dtype=np.float32)
        vectors = self._sentence_vectors(sentences)
        cosines = vectors @ query
        return (CEILING * np.clip((cosines - UNRELATED) / (ANSWERING - UNRELATED), 0.0, 1.0)).tolist()

    def _sentence_vectors(self, sentences: Sequence[str]) -> np.ndarray:
        with self._lock:
            missing = [s for s in dict.fromkeys(sentences) if s not in self._vectors]
        if missing:
            fresh = np.asarray(self.embedder.embed_array(missing), dtype=np.float32)
            with self._lock:
                for sentence, vector in zip(missing, fresh):
                    self._vectors[sentence] = vector
                while len(self._vectors) > _KEPT:
                    self._vectors.popitem(last=False)
        with self._lock:
            return np.stack([self._vectors[s] for s in sentences])
