"""``GraphStore``: the one place PolicyKG talks to the graph, over Bolt with the neo4j driver.

With no ``uri`` configured it starts (or joins) the embedded ArcadeDB engine of the data
folder; with one it connects to that Neo4j. Both are the same code path from here on.

Staff's console queries go through a second driver, logged in as a read-only account
(``console_session``), so that the engine refuses a write even if the console's parser
were fooled: the embedded engine's ``reader`` (see ``kg.engine``), or on Neo4j the
optional reader user of ``GraphConfig`` — without one, Neo4j's READ access mode.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import neo4j
from neo4j import GraphDatabase
from neo4j import exceptions as neo4j_errors

from kg import cypher
from kg.engine import EmbeddedEngine, EngineOptions, Endpoint
from kg.engine_errors import clean_message
from kg.errors import GraphUnavailable, QueryInvalid, SchemaError

logger = logging.getLogger(__name__)

WriteFn = Callable[[neo4j.ManagedTransaction], None]


@dataclass(frozen=True)
class GraphConfig:
    """Where the graph lives. ``uri=None`` means the embedded engine in ``data_dir``."""

    data_dir: Path
    uri: str | None = None
    user: str = "neo4j"
    password: str = ""
    database: str = "neo4j"
    query_timeout_s: float = 10.0
    pool_size: int = 32
    engine: EngineOptions = field(default_factory=EngineOptions)
    reader: tuple[str, str] | None = None  # Neo4j only: the console's (user, password)


@dataclass(frozen=True)
class GraphStats:
    labels: dict[str, int]
    relationships: dict[str, int]
    endpoint: str


class GraphStore:
    """Reads and writes the policy graph.

    >>> store = GraphStore.open(GraphConfig(data_dir=Path("data")))
    >>> store.ensure_schema()
    >>> store.read(cypher.LIST_DOCUMENTS)
    >>> store.close()
    """

    def __init__(self, driver: neo4j.Driver, endpoint: Endpoint, config: GraphConfig,
                 engine: EmbeddedEngine | None = None) -> None:
        self._driver = driver
        self.endpoint = endpoint
        self.config = config
        self._engine = engine
        self._reader_driver: neo4j.Driver | None = None
        self._reader_lock = threading.Lock()

    @classmethod
    def open(cls, config: GraphConfig) -> GraphStore:
        engine = None
        if config.uri:
            endpoint = Endpoint(config.uri, config.user, config.password, config.database, False,
                                reader=config.reader)
        else:
            engine = EmbeddedEngine(config.data_dir, config.engine)
            endpoint = engine.start_or_find()
        try:
            driver = _connect(endpoint, config.pool_size)
        except BaseException:
            if engine is not None:
                engine.stop()
            raise
        return cls(driver, endpoint, config, engine)

    @property
    def embedded(self) -> bool:
        return self.endpoint.embedded

    def close(self) -> None:
        """Close the driver, then the engine if this process owns it (order matters:
        an open Bolt connection keeps the JVM from exiting)."""
        try:
            try:
                if self._reader_driver is not None:
                    self._reader_driver.close()
            finally:
                self._driver.close()
        finally:
            if self._engine is not None:
                self._engine.stop()

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- schema ------------------------------------------------------------------

    def ensure_schema(self) -> None:
        """Create constraints and indexes once; refuse a graph from a newer schema."""
        with self._session() as session:
            for statement in cypher.SCHEMA:
                session.run(statement).consume()
            record = session.run(cypher.READ_SCHEMA_VERSION).single()
            stored = record["version"] if record else None
            if stored is not None and stored > cypher.SCHEMA_VERSION:
                raise SchemaError(
                    f"the graph at {self.endpoint.uri} has schema v{stored}, this PolicyKG "
                    f"knows v{cypher.SCHEMA_VERSION}; upgrade PolicyKG or use another data folder"
                )
            session.run(cypher.WRITE_SCHEMA_VERSION, version=cypher.SCHEMA_VERSION).consume()

    # --- reads and writes ----------------------------------------------------------

    def read(self, query: str, **params: Any) -> list[dict[str, Any]]:
        """Run one of the named read statements of ``kg.cypher`` and return its rows."""
        def work(tx: neo4j.ManagedTransaction) -> list[dict[str, Any]]:
            return [record.data() for record in tx.run(query, params)]

        with self._session(read=True) as session:
            return self._translate(lambda: session.execute_read(work), query)

    def write(self, steps: Iterable[tuple[str, dict[str, Any]]]) -> None:
        """Run the statements in one transaction: all of them land, or none."""
        steps = list(steps)

        def work(tx: neo4j.ManagedTransaction) -> None:
            for statement, params in steps:
                tx.run(statement, params).consume()

        with self._session() as session:
            self._translate(lambda: session.execute_write(work), steps[0][0] if steps else "")

    def stats(self) -> GraphStats:
        labels = {r["label"]: r["n"] for r in self.read(cypher.COUNT_LABELS) if r["label"]}
        rels = {r["type"]: r["n"] for r in self.read(cypher.COUNT_RELATIONSHIPS)}
        labels.pop("PolicyKGMeta", None)
        return GraphStats(labels, rels, self.endpoint.uri)

    @contextmanager
    def session(self, *, read: bool = True) -> Iterator[neo4j.Session]:
        """A raw session for ``kg`` modules that stream results (the console)."""
        with self._session(read=read) as session:
            yield session

    @contextmanager
    def console_session(self) -> Iterator[neo4j.Session]:
        """A READ session as the read-only console account, for queries staff type.

        The embedded engine always has that account; on Neo4j without a configured reader
        the session is the main user's, and Neo4j's READ access mode refuses writes.
        """
        driver = self._console_driver()
        with driver.session(database=self.endpoint.database,
                            default_access_mode=neo4j.READ_ACCESS) as session:
            yield session

    def _console_driver(self) -> neo4j.Driver:
        if self.endpoint.reader is None:
            if self.embedded:  # never fall back to root: that is what the account is for
                raise GraphUnavailable("the embedded engine gave no read-only console account")
            return self._driver
        with self._reader_lock:
            if self._reader_driver is None:
                user, password = self.endpoint.reader
                reader = Endpoint(self.endpoint.uri, user, password, self.endpoint.database,
                                  self.embedded)
                self._reader_driver = _connect(reader, max(4, self.config.pool_size // 2))
            return self._reader_driver

    def _session(self, *, read: bool = False) -> neo4j.Session:
        mode = neo4j.READ_ACCESS if read else neo4j.WRITE_ACCESS
        return self._driver.session(database=self.endpoint.database, default_access_mode=mode)

    def _translate(self, call: Callable[[], Any], query: str) -> Any:
        try:
            return call()
        except neo4j_errors.ServiceUnavailable as exc:
            raise GraphUnavailable(
                f"the graph engine at {self.endpoint.uri} stopped answering: {exc}"
            ) from exc
        except neo4j_errors.ClientError as exc:
            raise QueryInvalid(f"{_first_line(query)}: {clean_message(exc.message)}") from exc


def _connect(endpoint: Endpoint, pool_size: int) -> neo4j.Driver:
    driver = GraphDatabase.driver(
        endpoint.uri,
        auth=(endpoint.user, endpoint.password),
        max_connection_pool_size=pool_size,
        connection_acquisition_timeout=30.0,
    )
    try:
        _wait_until_ready(driver, endpoint)
    except BaseException:
        driver.close()  # a driver left open keeps the JVM (and the process) alive
        raise
    return driver


def _wait_until_ready(driver: neo4j.Driver, endpoint: Endpoint, tries: int = 20) -> None:
    for attempt in range(tries):
        try:
            with driver.session(database=endpoint.database) as session:
                session.run("RETURN 1").consume()
            return
        except neo4j_errors.AuthError as exc:
            fix = ("restart the process that runs the engine" if endpoint.embedded
                   else "check NEO4J_USERNAME and NEO4J_PASSWORD (POLICYKG_NEO4J_READER for "
                   "the console's reader)")
            raise GraphUnavailable(
                f"{endpoint.uri} refused the credentials of user {endpoint.user!r}; {fix}"
            ) from exc
        except (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired, OSError) as exc:
            if attempt == tries - 1:
                hint = "" if endpoint.embedded else "; unset NEO4J_URI to use the embedded engine"
                raise GraphUnavailable(f"no graph engine at {endpoint.uri}{hint}: {exc}") from exc
            time.sleep(0.5)
        except neo4j_errors.ClientError as exc:
            raise GraphUnavailable(f"{endpoint.uri}: {exc.message}") from exc


def _first_line(query: str) -> str:
    line = query.strip().splitlines()[0] if query.strip() else ""
    return line[:120]
