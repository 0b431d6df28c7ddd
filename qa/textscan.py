"""Which of many texts hold a word, found in one pass over them all.

A question's words are looked up in every clause, target or incentive of the corpus (45,000
clauses at ×100). A test per text costs a Python step each; the texts kept as one string
cost one ``str.find`` per occurrence, and a word asked once is usually asked again.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence

import numpy as np

_CACHED_WORDS = 4096
_SEPARATOR = "\x00"  # in no word, so no match spans two texts


class JoinedTexts:
    """``rows_holding(word)``: the indexes of the texts that hold ``word``, in order.

    >>> JoinedTexts(["数据中心", "算力中心", "数据"]).rows_holding("数据").tolist()
    [0, 2]
    """

    def __init__(self, texts: Sequence[str]) -> None:
        texts = [t.replace(_SEPARATOR, " ") for t in texts]
        self.size = len(texts)
        self.starts = list(itertools.accumulate((len(t) + 1 for t in texts[:-1]), initial=0))
        self.joined = _SEPARATOR.join(texts)
        self._rows: dict[str, np.ndarray] = {}

    def rows_holding(self, word: str) -> np.ndarray:
        rows = self._rows.get(word)
        if rows is None:
            found: list[int] = []
            at = self.joined.find(word) if word else -1
            while at != -1:
                row = bisect.bisect_right(self.starts, at) - 1
                found.append(row)
                # Each text once: go on from the next one.
                at = self.joined.find(word, self.starts[row + 1]) if row + 1 < len(self.starts) else -1
            if len(self._rows) > _CACHED_WORDS:
                self._rows.clear()
            rows = self._rows[word] = np.array(found, dtype=np.int64)
        return rows
