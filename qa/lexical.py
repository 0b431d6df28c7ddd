"""BM25 over jieba tokens, with the graph's entity names as a domain dictionary.

A sparse inverted index (term → postings) keeps scoring linear in the postings of the
query's terms, not in the size of the corpus, so it stays fast at 100× the seeds.
"""

from __future__ import annotations

import functools
import logging
import re
import threading
import unicodedata
from collections.abc import Iterable, Sequence

import numpy as np

logger = logging.getLogger(__name__)

_jieba_lock = threading.Lock()
_jieba_words: set[str] = set()

# Function words and question words carry no topic; keeping them lets "多少" match
# every clause that says 多少.
STOPWORDS = frozenset(
    "的 了 和 与 及 等 对 在 是 为 将 把 被 由 从 以 于 其 并 或 也 都 而 之 中 上 下 个 "
    "年 到 要 有 我 我们 你 你们 他们 该 这 那 这些 那些 哪些 哪个 哪 什么 多少 几 几个 "
    "怎么 怎样 如何 是否 吗 呢 吧 啊 请问 请 关于 方面 分别 一下 可以 能 能够 会 "
    "谁 哪里 哪儿 为什么 多 少 时候 什么样 有没有 有哪些 the a an of to in and or for "
    "is are what which who how much many does do by on at be with its it".split()
)
_TOKEN = re.compile(r"[a-z0-9]+(?:[.+\-][a-z0-9]+)*%?|[\u4e00-\u9fff]+")


def add_words(words: Iterable[str]) -> None:
    """Teach jieba domain terms (agency, park, programme names) so they stay whole."""
    jieba = jieba_module()

    with _jieba_lock:
        for word in words:
            word = word.strip()
            if 2 <= len(word) <= 30 and word not in _jieba_words:
                jieba.add_word(word, freq=20000)
                _jieba_words.add(word)


def taught_words() -> frozenset[str]:
    """Every domain word jieba has been taught in this process (tokens depend on them)."""
    with _jieba_lock:
        return frozenset(_jieba_words)


def dictionary_size() -> int:
    """How many domain words jieba has been taught: words are only ever added, so a cut
    cached under this number stays right until the dictionary grows."""
    with _jieba_lock:
        return len(_jieba_words)


def tokenize(text: str) -> list[str]:
    """Search tokens: jieba's search-mode words of CJK runs, lower-cased Latin words and
    numbers, plus bigrams that glue runs of single characters jieba left apart (七园,
    双跨), which would otherwise be lost as stop-characters."""
    text = unicodedata.normalize("NFKC", text).lower()
    tokens: list[str] = []
    for piece in _TOKEN.findall(text):
        if piece[0] >= "\u4e00":
            words = _cut(piece, dictionary_size())
            tokens += [w for w in words if w not in STOPWORDS and (len(w) > 1 or _keep_char(w))]
            tokens += _single_char_bigrams(words)
        elif piece not in STOPWORDS:
            tokens.append(piece)
    return tokens


def pos_cut(text: str) -> list[tuple[str, str]]:
    """(word, part-of-speech flag) pairs of ``text`` by jieba's dictionary."""
    import jieba.posseg

    jieba_module()
    with _jieba_lock:
        return [(p.word, p.flag) for p in jieba.posseg.cut(text, HMM=False)]


@functools.lru_cache(maxsize=1)
def jieba_module():  # type: ignore[no-untyped-def]
    import jieba

    # jieba announces its dictionary load on stderr, at a level it sets on import.
    jieba.setLogLevel(logging.WARNING)
    return jieba


@functools.lru_cache(maxsize=1 << 17)
def _cut(piece: str, _dictionary: int) -> tuple[str, ...]:
    """jieba's accurate-mode words, then the dictionary's 2- and 3-character words inside
    them that are not words already — what ``cut_for_search`` adds, derived from one cut
    instead of cutting the text a second time (the cut is most of a ranking's cost).

    Cached by piece (a run of CJK characters) under the dictionary's size: a start cuts
    each clause for BM25 and then each of its sentences for ranking, the same pieces."""
    jieba = jieba_module()
    with _jieba_lock:
        words = list(jieba.cut(piece, HMM=False))
        freq = jieba.dt.FREQ
        seen = set(words)
        extra = [gram for w in words if len(w) > 2
                 for n in (2, 3) if len(w) > n
                 for gram in (w[i:i + n] for i in range(len(w) - n + 1))
                 if freq.get(gram) and gram not in seen]
    return (*words, *extra)


def _single_char_bigrams(words: Sequence[str]) -> list[str]:
    out = []
    for a, b in zip(words, words[1:]):
        if len(a) == 1 and len(b) == 1 and a not in STOPWORDS and b not in STOPWORDS:
            out.append(a + b)
    return out


def _keep_char(char: str) -> bool:
    # Single characters that still mean something on their own in these plans.
    return char in "光芯屏端网云智数链"


class BM25Index:
    """Okapi BM25 (k1=1.5, b=0.75) over pre-tokenised documents, as compressed postings:
    for term j, ``idx[ptr[j]:ptr[j+1]]`` are the documents that hold it and ``weights``
    the same slice of their precomputed BM25 term weights.

    >>> index = BM25Index(["c1", "c2"], [tokenize("数据中心"), tokenize("人工智能")])
    >>> index.search(tokenize("人工智能产业"), k=1)
    [('c2', 1.2...)]
    """

    def __init__(self, ids: Sequence[str], docs: Sequence[Sequence[str]],
                 k1: float = 1.5, b: float = 0.75) -> None:
        self.ids = list(ids)
        self.k1, self.b = k1, b
        vocab: dict[str, int] = {}
        flat = np.fromiter((vocab.setdefault(t, len(vocab)) for doc in docs for t in doc), dtype=np.int64)
        lengths = np.array([len(d) for d in docs], dtype=np.int64)
        self.terms = vocab
        self.ptr, self.idx, self.weights, self.idfs = _postings(flat, lengths, len(vocab), k1, b)

    @classmethod
    def from_arrays(cls, ids: Sequence[str], terms: Sequence[str], arrays: dict[str, np.ndarray],
                    k1: float = 1.5, b: float = 0.75) -> BM25Index:
        """The index as ``arrays()`` saved it (``qa.lexcache``): nothing recomputed."""
        index = cls.__new__(cls)
        index.ids, index.k1, index.b = list(ids), k1, b
        index.terms = {t: j for j, t in enumerate(terms)}
        index.ptr, index.idx = arrays["ptr"], arrays["idx"]
        index.weights, index.idfs = arrays["weights"], arrays["idfs"]
        return index

    def arrays(self) -> dict[str, np.ndarray]:
        return {"ptr": self.ptr, "idx": self.idx, "weights": self.weights, "idfs": self.idfs}

    def idf(self, term: str) -> float:
        j = self.terms.get(term)
        return float(self.idfs[j]) if j is not None else 0.0

    def scores(self, query: Sequence[str]) -> np.ndarray:
        acc = np.zeros(len(self.ids), dtype=np.float32)
        for term in set(query):
            j = self.terms.get(term)
            if j is not None:
                lo, hi = self.ptr[j], self.ptr[j + 1]
                acc[self.idx[lo:hi]] += self.weights[lo:hi]  # a term's postings hold each document once
        return acc

    def search(self, query: Sequence[str], k: int = 10) -> list[tuple[str, float]]:
        acc = self.scores(query)
        k = min(k, int(np.count_nonzero(acc)))
        if k <= 0:
            return []
        top = np.argpartition(-acc, k - 1)[:k]
        top = top[np.argsort(-acc[top])]
        return [(self.ids[i], float(acc[i])) for i in top]


def _postings(flat: np.ndarray, lengths: np.ndarray, n_terms: int, k1: float,
              b: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Term frequencies by sorting (term, document) keys: linear in the tokens, in numpy."""
    n = len(lengths)
    avgdl = float(lengths.mean()) if n else 1.0
    norm = k1 * (1 - b + b * lengths / max(avgdl, 1e-9))
    docs = np.repeat(np.arange(n, dtype=np.int64), lengths)
    keys, tf = np.unique(flat * max(n, 1) + docs, return_counts=True)
    term, doc = keys // max(n, 1), keys % max(n, 1)
    ptr = np.searchsorted(term, np.arange(n_terms + 1)).astype(np.int64)
    df = np.diff(ptr)
    idfs = np.log(1 + (n - df + 0.5) / (df + 0.5)).astype(np.float32)
    tf = tf.astype(np.float32)
    weights = (idfs[term] * tf * (k1 + 1) / (tf + norm[doc])).astype(np.float32)
    return ptr, doc.astype(np.int32), weights, idfs
