"""Build the services once, from settings, for the CLI, the app and the tests.

Each builder takes what it needs and nothing more, so ``policykg cypher`` never loads
an embedding model and ``policykg ingest`` never loads the chat's retrievers.
"""

from __future__ import annotations

import logging

from ingest.build import Ingestor
from ingest.extract import RuleExtractor
from kg.console import CypherConsole
from kg.engine import EngineOptions
from kg.store import GraphConfig, GraphStore
from ui.settings import Settings


def configure_logging(settings: Settings) -> None:
    logging.basicConfig(
        level=settings.log_level,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    for noisy in ("neo4j", "httpx", "urllib3", "jieba"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def graph_config(settings: Settings) -> GraphConfig:
    return GraphConfig(
        data_dir=settings.data_dir,
        uri=settings.neo4j_uri,
        user=settings.neo4j_user,
        password=settings.neo4j_password,
        database=settings.neo4j_database,
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


def build_ingestor(settings: Settings, store: GraphStore) -> Ingestor:
    return Ingestor(store, RuleExtractor())
