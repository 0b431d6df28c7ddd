"""Staff's read-only Cypher console: the same rules for the CLI, the API and the app.

A query is parsed by ``kg.guard`` and refused unless it is one read-only statement; it
then runs in a read transaction with a row cap and a time limit. The embedded engine
enforces neither read-only sessions nor Bolt transaction timeouts, so writes are
refused here and time is bounded by the engine's command timeout (``kg.engine``);
on Neo4j the transaction timeout sent with the query does the same.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Any

from neo4j import exceptions as neo4j_errors

from kg.errors import GraphUnavailable, PolicyKGError, QueryInvalid, QueryTimeout
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
            with self.store.session(read=True) as session:
                tx = session.begin_transaction(timeout=self.timeout_s)
                try:
                    result = tx.run(text)
                    columns = list(result.keys())
                    records = [list(r.values()) for _, r in zip(range(limit + 1), result)]
                finally:
                    tx.close()  # read-only: nothing to commit; frees the cursor
        except neo4j_errors.ServiceUnavailable as exc:
            raise GraphUnavailable(f"graph engine stopped answering: {exc}") from exc
        except neo4j_errors.Neo4jError as exc:
            raise _translate(exc, self.timeout_s) from exc
        return columns, records[:limit], len(records) > limit


def _translate(exc: neo4j_errors.Neo4jError, timeout_s: float) -> PolicyKGError:
    code = exc.code or ""
    if "TimedOut" in code or "Terminated" in code:
        return QueryTimeout(
            f"the query ran longer than {timeout_s:g} s and was stopped; "
            "add a LIMIT or a narrower MATCH"
        )
    return QueryInvalid(f"the graph engine rejected the query: {exc.message or code}")
