"""The openCypher TCK against the console: every write refused, plain and disguised; no
read refused as a write; and, on the real engine, nothing changed afterwards.

Three layers, cheapest first: the guard alone takes the whole corpus (4,835 queries) and
every write in six disguises; the console object runs every distinct write and a sample
of reads against the engine; and the engine's read-only console account is sent every
distinct write with the guard skipped, to show the second lock holds on its own.
"""

from __future__ import annotations

import logging
from collections import Counter

import pytest
from neo4j import exceptions as neo4j_errors

from kg.console import CypherConsole
from kg.errors import QueryInvalid, QueryRefused, QueryTimeout
from kg.guard import check_read_only
from kg.store import GraphStore
from tests.console_tck import DISGUISES, disguised, distinct, graph_state
from tests.console_tck import is_test_procedure, load_corpus, of_truth, sample

logger = logging.getLogger(__name__)
CORPUS = load_corpus()
WRITES = of_truth(CORPUS, "write")
READS = of_truth(CORPUS, "read")


def _verdict(query: str) -> str:
    try:
        check_read_only(query)
    except QueryRefused:
        return "refused"
    except QueryInvalid:
        return "invalid"
    return "accepted"


def test_the_corpus_is_the_one_the_readme_describes() -> None:
    truths = Counter(q.truth for q in CORPUS)
    assert truths == {"write": 1190, "read": 3045, "error": 600}


def test_every_write_is_refused() -> None:
    verdicts = Counter(_verdict(q.query) for q in WRITES)
    assert verdicts == {"refused": len(WRITES)}


@pytest.mark.parametrize("kind", sorted(DISGUISES))
def test_every_disguised_write_is_refused(kind: str) -> None:
    missed = [text for text in (disguised(q.query, kind, n) for n, q in enumerate(WRITES))
              if _verdict(text) != "refused"]
    assert not missed, f"{len(missed)} of {len(WRITES)} got through, e.g. {missed[:3]}"


def test_no_read_is_refused_or_called_invalid() -> None:
    """Only the TCK's own test procedures (test.my.proc ...) are refused: no real engine
    has them, and the console calls only procedures on its allow-list."""
    wrong = [(q.query, _verdict(q.query)) for q in READS if not is_test_procedure(q.query)]
    wrong = [(text, verdict) for text, verdict in wrong if verdict != "accepted"]
    assert not wrong, wrong[:5]
    procedures = [q for q in READS if is_test_procedure(q.query)]
    assert len(procedures) == 36
    assert all(_verdict(q.query) == "refused" for q in procedures)


@pytest.mark.parametrize("kind", sorted(DISGUISES))
def test_disguised_reads_are_still_reads(kind: str) -> None:
    reads = sample([q for q in READS if not is_test_procedure(q.query)], 500)
    wrong = [text for text in (disguised(q.query, kind, n) for n, q in enumerate(reads))
             if _verdict(text) != "accepted"]
    assert not wrong, f"{len(wrong)} of {len(reads)}, e.g. {wrong[:3]}"


# --- against the engine -----------------------------------------------------------------


@pytest.fixture(scope="module")
def console(store: GraphStore, settings) -> CypherConsole:  # type: ignore[no-untyped-def]
    return CypherConsole(store, row_limit=20, timeout_s=settings.query_timeout_s)


def test_the_console_refuses_every_write_and_nothing_changes(
        console: CypherConsole, store: GraphStore, seeded: object) -> None:
    before = graph_state(store)
    kinds = ["plain", *sorted(DISGUISES)]
    texts = distinct(WRITES)
    for n, text in enumerate(texts):
        kind = kinds[n % len(kinds)]
        query = text if kind == "plain" else disguised(text, kind, n)
        with pytest.raises(QueryRefused):
            console.run(query, user="tck")
    assert graph_state(store) == before


@pytest.mark.slow
def test_the_console_runs_reads_as_reads(console: CypherConsole, store: GraphStore,
                                         seeded: object) -> None:
    """Reads meet the engine as the console account: none is refused as a write (which
    would mean the account lacks a read right); a read may fail for the engine's own
    reasons (the TCK's graphs are not ours) or run out of time."""
    before = graph_state(store)
    outcomes: Counter[str] = Counter()
    reads = sample(distinct([q for q in READS if not is_test_procedure(q.query)]), 250)
    for text in reads:
        try:
            console.run(text, user="tck")
            outcomes["rows"] += 1
        except QueryRefused as exc:
            pytest.fail(f"a read was refused: {text!r}: {exc}")
        except QueryInvalid:
            outcomes["invalid"] += 1
        except QueryTimeout:
            outcomes["timeout"] += 1
    logger.info("TCK reads through the console: %s", dict(outcomes))
    assert outcomes["rows"] > len(reads) * 0.6
    assert graph_state(store) == before


@pytest.mark.slow
def test_the_console_account_alone_refuses_every_tck_write(store: GraphStore,
                                                           seeded: object) -> None:
    """Every distinct TCK write sent straight to the engine as the console account, the
    guard skipped, and committed. A write that finds nothing to change may succeed (it
    changed nothing); one that would change anything is refused, and the graph and its
    schema stay put."""
    before = graph_state(store)
    outcomes: Counter[str] = Counter()
    for text in distinct(WRITES):
        outcomes[_straight(store, text)] += 1
    logger.info("TCK writes straight to the console account: %s", dict(outcomes))
    assert graph_state(store) == before
    assert outcomes["forbidden"] > len(distinct(WRITES)) * 0.7


def _straight(store: GraphStore, text: str) -> str:
    try:
        with store.console_session() as session:
            tx = session.begin_transaction()
            try:
                tx.run(text).consume()
                tx.commit()  # record updates are refused when committed
            finally:
                tx.close()
    except neo4j_errors.Neo4jError as exc:
        code = exc.code or ""
        if "Forbidden" in code:
            return "forbidden"
        return "timeout" if "TimedOut" in code or "timeout" in (exc.message or "") else "error"
    return "ran"

