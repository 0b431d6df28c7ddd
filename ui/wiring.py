"""Build the services once, from settings, for the CLI, the app and the tests.

Each builder takes what it needs and nothing more, so ``policykg cypher`` never loads
an embedding model and ``policykg ingest`` never loads the chat's retrievers.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from ingest.build import FileProgress, IndexUpdater, Ingestor
from ingest.extract import RuleExtractor
from kg.console import CypherConsole
from kg.embedders import make_embedder
from kg.engine import EngineOptions
from kg.store import GraphConfig, GraphStore
from kg.indexer import BackgroundIndexer
from kg.progress import Snapshot
from kg.vectors import IndexSync, VectorIndex
from kg.errors import ConfigError
from qa.llm import LLMConfig
from qa.service import QAService
from ui.settings import Settings

if TYPE_CHECKING:
    from qa.baseline import ChunkBaseline


def configure_logging(settings: Settings) -> None:
    logging.basicConfig(
        level=settings.log_level,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    # faiss.loader reports at INFO that it could not load its AVX-512 build (these CPUs
    # have none) with a ModuleNotFoundError: it reads like a failure and is not one.
    for noisy in ("neo4j", "httpx", "urllib3", "jieba", "faiss", "faiss.loader"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def graph_config(settings: Settings) -> GraphConfig:
    return GraphConfig(
        data_dir=settings.data_dir,
        uri=settings.neo4j_uri,
        user=settings.neo4j_user,
        password=settings.neo4j_password,
        database=settings.neo4j_database,
        reader=settings.neo4j_reader,
        query_timeout_s=settings.query_timeout_s,
        engine=EngineOptions(heap=settings.engine_heap, command_timeout_s=settings.query_timeout_s),
    )


def open_store(settings: Settings) -> GraphStore:
    """Open the graph and make sure its schema is in place (fail at start-up, not later)."""
    store = GraphStore.open(graph_config(settings))
    try:
        store.ensure_schema()
    except BaseException:
        store.close()
        raise
    return store


def build_console(settings: Settings, store: GraphStore) -> CypherConsole:
    return CypherConsole(store, row_limit=settings.row_limit, timeout_s=settings.query_timeout_s)


def build_index(settings: Settings, warm: bool = True) -> VectorIndex | None:
    """The FAISS index of the configured embedder; None with POLICYKG_EMBEDDER=none
    (retrieval is then BM25 and the graph). ``warm``: start loading the model at once
    (the server leaves it to its background indexer, once it is serving)."""
    if settings.embedder == "none":
        return None
    embedder = make_embedder(settings.embedder, settings.data_dir / "models", warm)
    return VectorIndex(settings.data_dir / "index", embedder)


def build_ingestor(settings: Settings, store: GraphStore, index: VectorIndex | None = None, *,
                   updater: IndexUpdater | None = None, defer_index: bool = False,
                   on_file: FileProgress | None = None,
                   on_embed: Callable[[Snapshot], None] | None = None) -> Ingestor:
    """The ingestion pipeline. After the graph commits, the vector index is synced in the
    foreground (``on_embed`` told the progress), or by ``updater`` (the server's
    ``BackgroundIndexer``), or — ``defer_index`` — left to the next ``policykg serve``."""
    if updater is None and not defer_index:
        # The model loads when there is something to embed: an ingest that fails, or finds
        # every file unchanged, ends without waiting for it.
        index = index or build_index(settings, warm=False)
        updater = IndexSync(index, on_embed) if index is not None else None
    return Ingestor(store, RuleExtractor(), updater, max_file_mb=settings.max_file_mb, on_file=on_file)


def build_indexer(store: GraphStore, index: VectorIndex) -> BackgroundIndexer:
    """The server's background indexing thread (started by the caller)."""
    return BackgroundIndexer(index, store)


def build_qa(settings: Settings, store: GraphStore, index: VectorIndex | None = None) -> QAService:
    """Question answering; the optional LLM only when a provider is configured."""
    from qa.llm import make_rewriter  # LangChain chat models load only when asked for

    return QAService(store, index or build_index(settings), rewriter=make_rewriter(llm_config(settings)),
                     cache_dir=settings.data_dir / "index" / "qa")


def llm_config(settings: Settings) -> LLMConfig | None:
    if settings.llm_provider == "none":
        return None
    if not settings.llm_model:
        raise ConfigError(f"POLICYKG_LLM_PROVIDER={settings.llm_provider} needs POLICYKG_LLM_MODEL")
    base_url = settings.ollama_url if settings.llm_provider == "ollama" else settings.openai_base_url
    return LLMConfig(settings.llm_provider, settings.llm_model, settings.llm_timeout_s,
                     base_url, settings.openai_api_key)


def build_baseline(settings: Settings, index: VectorIndex | None) -> "ChunkBaseline":
    """The plain LangChain chunk baseline over the seed files, with the same embedder."""
    from qa.baseline import ChunkBaseline

    index = index or build_index(settings)
    embedder = index.embedder if index is not None else make_embedder("e5-small", settings.data_dir / "models")
    files = sorted(p for p in settings.seeds_dir.glob("*.txt"))
    return ChunkBaseline(files, embedder, settings.data_dir / "index")
