"""The openCypher TCK as a corpus for the read-only console, and the disguises a writer
would try on it.

``tests/data/cypher-tck/tck_queries.jsonl`` (a copy of the shared corpus, so that a clean
clone runs it) holds every query of the TCK labelled ``write`` / ``read`` / ``error``
(its README says how, and under which licence). Each rewrite below keeps what a
query does to the graph and changes only how it looks to a parser: a type predicate
right before the write, comments between all tokens, random letter case, a ``CALL { }``
around it, or all of these at once. ``graph_state`` is what must not change.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.cypher_lexer import WORD, Token, tokenize
from kg.guard_reasons import WRITES
from kg.store import GraphStore

CORPUS = Path(__file__).resolve().parent / "data" / "cypher-tck" / "tck_queries.jsonl"
_SAMPLE_SEED = 20_260_320

# Types a predicate can test, from the plain to the two-word, generic, union and non-null.
TYPES = (
    "LIST<INTEGER>", "INTEGER!", "ANY<INTEGER | STRING> NOT NULL", "ZONED DATETIME",
    "LIST<LIST<FLOAT NOT NULL>>!", "TIME WITHOUT TIME ZONE", "LOCAL DATETIME",
    "STRING LIST NOT NULL", "ANY VALUE", "PROPERTY VALUE", "TIMESTAMP WITH TIME ZONE",
    "BOOLEAN | NULL", "MAP NOT NULL", "LOCAL TIME!", "NODE | RELATIONSHIP", "PATH",
)
PREDICATES = ("{x} :: {t}", "{x} IS :: {t}", "{x} IS TYPED {t}", "{x} IS NOT TYPED {t}",
              "{x} IS NOT :: {t}")
_GAPS = (" /* x */ ", "/**/", " // note\n", "\n", "\t", " /* CREATE (m) */ ", "\r\n ")


@dataclass(frozen=True)
class TckQuery:
    file: str
    scenario: str
    query: str
    truth: str  # write | read | error


def load_corpus() -> list[TckQuery]:
    with CORPUS.open(encoding="utf-8") as handle:
        return [TckQuery(**json.loads(line)) for line in handle if line.strip()]


def of_truth(corpus: list[TckQuery], truth: str) -> list[TckQuery]:
    return [q for q in corpus if q.truth == truth]


def distinct(queries: list[TckQuery]) -> list[str]:
    return sorted({q.query for q in queries})


def sample(items: list[Any], n: int) -> list[Any]:
    """The same ``n`` items on every run, spread over the whole list."""
    return random.Random(_SAMPLE_SEED).sample(items, min(n, len(items)))


def is_test_procedure(query: str) -> bool:
    """The TCK's own test procedures (test.my.proc ...), which no real engine has."""
    return "CALL test." in query or "call test." in query.lower()


# --- disguises -------------------------------------------------------------------------


def _predicate(rng: random.Random, subject: str) -> str:
    return rng.choice(PREDICATES).format(x=subject, t=rng.choice(TYPES))


def _first_write(tokens: list[Token]) -> Token | None:
    """The first write word standing where a clause starts (not a key, label or alias)."""
    for k, tok in enumerate(tokens):
        before = tokens[k - 1] if k else None
        if tok.upper in WRITES and not (
            before is not None and (before.text in (".", ":", "$") or before.upper == "AS")
        ):
            return tok
    return None


def type_predicate(query: str, rng: random.Random) -> str:
    """A type predicate ends right before the first write: ``... WHERE x :: T CREATE``."""
    tokens = tokenize(query)
    write = _first_write(tokens)
    pred = _predicate(rng, "tck_d")
    if write is None or write is tokens[0]:
        return f"UNWIND [1] AS tck_d WITH * WHERE {pred} {query}"
    return f"{query[:write.start]}WITH * WHERE {_predicate(rng, 'true')} {query[write.start:]}"


def type_prefix(query: str, rng: random.Random) -> str:
    """``MATCH (n) WHERE n.x :: LIST<INTEGER>`` in front of the whole query."""
    return f"OPTIONAL MATCH (tck_n) WHERE {_predicate(rng, 'tck_n.x')} {query}"


def comments(query: str, rng: random.Random) -> str:
    """A comment or odd whitespace between every two tokens."""
    tokens = tokenize(query)
    out = []
    for k, tok in enumerate(tokens):
        out.append(query[tok.start : tok.end])
        if k + 1 < len(tokens):
            gap = rng.choice(_GAPS)
            if gap[0] == "/" and (tok.text[-1:] in "/*" or tokens[k + 1].text[:1] in "/*"):
                gap = " " + gap  # "/" then "/**/" would open a // comment
            out.append(gap)
    return "".join(out)


def letter_case(query: str, rng: random.Random) -> str:
    """Every bare word in random letter case (strings and `names` untouched)."""
    out, last = [], 0
    for tok in tokenize(query):
        if tok.kind == WORD:
            out.append(query[last : tok.start])
            out.append("".join(c.upper() if rng.random() < 0.5 else c.lower() for c in tok.text))
            last = tok.end
    return "".join(out) + query[last:]


def call_wrapped(query: str, rng: random.Random) -> str:
    """Inside a CALL { } subquery, nested once or twice, or after a read."""
    return rng.choice((
        "CALL {{ {q} }}",
        "CALL {{ CALL {{ {q} }} }}",
        "MATCH (tck_n) CALL (tck_n) {{ {q} }}",
        "OPTIONAL CALL {{ {q} }}",
        "UNWIND [1] AS tck_u CALL {{ WITH tck_u {q} }}",
    )).format(q=query)


def everything(query: str, rng: random.Random) -> str:
    return letter_case(comments(call_wrapped(type_predicate(query, rng), rng), rng), rng)


DISGUISES: dict[str, Callable[[str, random.Random], str]] = {
    "type-predicate": type_predicate,
    "type-prefix": type_prefix,
    "comments": comments,
    "letter-case": letter_case,
    "call-wrapped": call_wrapped,
    "all-at-once": everything,
}


def disguised(query: str, kind: str, seed: int = 0) -> str:
    return DISGUISES[kind](query, random.Random(f"{kind}:{seed}:{query}"))


# --- what must not change -------------------------------------------------------------


def graph_state(store: GraphStore) -> dict[str, Any]:
    """Counts, labels, relationship types, property keys, indexes and constraints, read
    as the writer (root) account. ArcadeDB creates a label or type outside the
    transaction that names it, so labels and types are read from the schema
    (``db.labels()``), not from the nodes that carry them."""
    rows = store.read
    return {
        "nodes": rows("MATCH (n) RETURN count(n) AS n")[0]["n"],
        "relationships": rows("MATCH ()-[r]->() RETURN count(r) AS n")[0]["n"],
        "labels": sorted(r["label"] for r in rows("CALL db.labels() YIELD label RETURN label")),
        "types": sorted(r["t"] for r in rows(
            "CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType AS t")),
        "keys": sorted(r["k"] for r in rows(
            "CALL db.propertyKeys() YIELD propertyKey RETURN propertyKey AS k")),
        "indexes": sorted(json.dumps(r, sort_keys=True, default=str) for r in rows(
            "SHOW INDEXES YIELD name, labelsOrTypes, properties "
            "RETURN name, labelsOrTypes, properties")),
        "constraints": sorted(json.dumps(r, sort_keys=True, default=str) for r in rows(
            "SHOW CONSTRAINTS YIELD name, labelsOrTypes, properties "
            "RETURN name, labelsOrTypes, properties")),
    }
