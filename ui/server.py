"""`policykg serve`: the Gradio app at ``/`` and the JSON API at ``/api`` on one server.

    serve(Settings.from_env(), "127.0.0.1", 7860)

The services are built once, from one graph store, and shared by the app and the API;
the store is closed when the server stops (an open Bolt driver keeps the engine's JVM
alive). OpenAPI docs are at ``/docs``.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass

import gradio as gr
import uvicorn
from fastapi import FastAPI
from fastapi_offline import FastAPIOffline

from ingest.uploads import UploadService
from kg.console import CypherConsole
from kg.indexer import BackgroundIndexer
from kg.store import GraphStore
from qa.browse import DocumentBrowser, IncentiveFinder, SchemaInfo, TargetExplorer
from qa.service import QAService
from ui import api
from ui.app import CSS, THEME, build_blocks
from ui.settings import Settings
from ui.wiring import build_console, build_index, build_indexer, build_ingestor, build_qa, open_store

logger = logging.getLogger(__name__)

CONCURRENCY = 16  # questions answered at once; more wait in Gradio's queue
QUEUE_SIZE = 256
_MB = 1024 * 1024


@dataclass(frozen=True)
class Services:
    """Everything the app and the API call; built once per server."""

    qa: QAService
    console: CypherConsole
    incentives: IncentiveFinder
    targets: TargetExplorer
    documents: DocumentBrowser
    schema: SchemaInfo
    uploads: UploadService
    indexer: BackgroundIndexer | None = None  # embeds in the background; None without an index

    def close(self) -> None:
        """Stop the background work before the store it reads is closed."""
        if self.indexer is not None:
            self.indexer.stop()


def build_services(settings: Settings, store: GraphStore, qa: QAService | None = None,
                   start_indexing: bool = True) -> Services:
    """The services, with the vector index kept up to date by a background thread: the
    chat answers from BM25 and the graph while it catches up (after a crash, a deferred
    ingest, an upload). ``start_indexing=False``: the caller starts it (``serve`` does,
    once the server listens, so that embedding does not slow the start down)."""
    qa = qa or build_qa(settings, store, build_index(settings, warm=start_indexing))
    indexer = build_indexer(store, qa.index) if qa.index is not None else None
    if indexer is not None and start_indexing:
        indexer.start()
    ingestor = build_ingestor(settings, store, qa.index, updater=indexer, defer_index=indexer is None)
    uploads = UploadService(ingestor, settings.data_dir / "uploads",
                            settings.max_file_mb * 1_000_000, on_change=lambda: qa.refresh(force=True))
    return Services(
        qa=qa,
        uploads=uploads,
        indexer=indexer,
        console=build_console(settings, store),
        incentives=IncentiveFinder(store),
        targets=TargetExplorer(store),
        documents=DocumentBrowser(store),
        schema=SchemaInfo(store),
    )


def create_app(settings: Settings, services: Services) -> FastAPI:
    """The API routes first, then the Gradio app mounted at ``/`` behind them."""
    # FastAPIOffline serves the /docs page's scripts itself: no CDN is reachable here.
    app = FastAPIOffline(
        title="PolicyKG API",
        description="Question answering, incentives, targets, clauses and a read-only Cypher "
                    "console over Chinese regional economic-policy plans.",
        version="0.1.0",
        # the whole server's bound; /api has a much smaller one of its own
        max_body_size=(settings.max_file_mb + 1) * _MB,
    )
    api.install(app, services, settings.auth, max_file_mb=settings.max_file_mb)
    blocks = build_blocks(services)
    blocks.queue(default_concurrency_limit=CONCURRENCY, max_size=QUEUE_SIZE)
    return gr.mount_gradio_app(
        app, blocks, path="/", auth=settings.auth,
        auth_message="PolicyKG：请登录 Please log in",
        theme=THEME, css_paths=[CSS], ssr_mode=False, footer_links=["settings"],
        max_file_size=f"{settings.max_file_mb}mb", show_error=True,
    )


def serve(settings: Settings, host: str, port: int) -> None:
    """Run until interrupted; the store closes however the server stops."""
    store = open_store(settings)
    services = None
    try:
        services = build_services(settings, store, start_indexing=False)
        app = create_app(settings, services)
        login = " with login" if settings.auth else ""
        logger.info("serving PolicyKG on http://%s:%d%s (API docs at /docs)", host, port, login)
        server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, timeout_graceful_shutdown=3,
                                               log_level=settings.log_level.lower()))
        threading.Thread(target=_index_once_serving, args=(server, services), daemon=True).start()
        server.run()
    finally:
        if services is not None:
            services.close()
        store.close()


def _index_once_serving(server: uvicorn.Server, services: Services) -> None:
    """Start the background indexer when the server accepts requests: the first answer
    (from BM25 and the graph) comes sooner when embedding does not compete with start-up."""
    while not server.started and not server.should_exit:
        time.sleep(0.1)
    if services.indexer is not None and not server.should_exit:
        services.indexer.start()
