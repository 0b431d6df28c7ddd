"""Staff's read-only Cypher console: the same rules for the CLI, the API and the app.

Two locks, either of which holds alone. A query is parsed by ``kg.guard`` and refused
unless it is one read-only statement; what passes runs in a read transaction as the
engine's read-only console account (``GraphStore.console_session``), which the engine
refuses every write, so a query that fooled the parser still changes nothing. That
transaction is never committed, and one whose summary counts any change is refused as
well. Rows are capped and time is bounded: on the embedded engine by its command
timeout (``kg.engine``), on Neo4j by the transaction timeout sent with the query.

Errors come out as three kinds: ``QueryRefused`` (it writes or administers: 403, exit 2),
``QueryInvalid`` (it is not valid Cypher or the engine cannot run it: 400, exit 1) and
``QueryTimeout`` (408).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Any

from neo4j import exceptions as neo4j_errors

from kg.engine_errors import translate
from kg.errors import GraphUnavailable, PolicyKGError, QueryRefused
from kg.guard import check_read_only
from kg.records import to_plain
from kg.store import GraphStore

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class QueryResult:
    """Rows of a console query. ``truncated`` when the row cap cut the result."""

    columns: list[str]
    rows: list[list[Any]]
    truncated: bool
    elapsed_ms: float

    def as_json(self) -> dict[str, Any]:
        return {"columns": self.columns, "rows": self.rows}


class CypherConsole:
    """Runs staff queries safely.

    >>> console = CypherConsole(store, row_limit=1000, timeout_s=10)
    >>> console.run("MATCH (d:Document) RETURN d.title", limit=5).rows
    """

    def __init__(self, store: GraphStore, *, row_limit: int, timeout_s: float) -> None:
        self.store = store
        self.row_limit = row_limit
        self.timeout_s = timeout_s

    def run(self, query: str, *, limit: int | None = None, with_ids: bool = False,
            user: str = "cli") -> QueryResult:
        limit = max(1, min(limit or self.row_limit, self.row_limit))
        started = time.perf_counter()
        outcome = "failed"
        try:
            checked = check_read_only(query)
            columns, records, truncated = self._fetch(checked.text, limit)
            outcome = f"{len(records)} rows"
        except PolicyKGError as exc:
            outcome = f"{type(exc).__name__}: {exc}"
            raise
        finally:
            elapsed = (time.perf_counter() - started) * 1000
            logger.info("console query by %s, %.0f ms, %s: %s", user, elapsed, outcome,
                        " ".join(query.split())[:500])
        rows = [[to_plain(v, with_ids=with_ids) for v in record] for record in records]
        return QueryResult(columns, rows, truncated, elapsed)

    def _fetch(self, text: str, limit: int) -> tuple[list[str], list[list[Any]], bool]:
        try:
            with self.store.console_session() as session:
                tx = session.begin_transaction(timeout=self.timeout_s)
                try:
                    result = tx.run(text)
                    columns = list(result.keys())
                    records = [list(r.values()) for _, r in zip(range(limit + 1), result)]
                    counters = result.consume().counters
                finally:
                    tx.close()  # never committed: rolled back, whatever it did
        except neo4j_errors.ServiceUnavailable as exc:
            raise GraphUnavailable(f"graph engine stopped answering: {exc}") from exc
        except neo4j_errors.Neo4jError as exc:
            error = translate(exc, timeout_s=self.timeout_s)
            if isinstance(error, QueryRefused):
                _missed(text, "the engine refused it")
            raise error from exc
        if counters.contains_updates or counters.contains_system_updates:
            # The engine checks record updates at commit; the console never commits, so
            # nothing was kept, but a write is still a refused query, not a result.
            _missed(text, "it changed the graph inside its rolled-back transaction")
            raise QueryRefused(f"refused: the query writes ({_changes(counters)}; rolled back, "
                               "nothing kept); the console is read-only")
        return columns, records[:limit], len(records) > limit


def _missed(text: str, what: str) -> None:
    """A write the guard passed: the second lock held, but the guard needs a look."""
    logger.warning("the console's guard passed a write, %s: %s", what, " ".join(text.split())[:500])


def _changes(counters: Any) -> str:
    changes = [f"{value} {name.replace('_', ' ')}" for name in _COUNTERS
               if (value := getattr(counters, name, 0))]
    return ", ".join(changes) or "a system update"


_COUNTERS = ("nodes_created", "nodes_deleted", "relationships_created", "relationships_deleted",
             "properties_set", "labels_added", "labels_removed", "indexes_added",
             "indexes_removed", "constraints_added", "constraints_removed", "system_updates")
