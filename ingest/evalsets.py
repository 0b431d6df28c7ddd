"""Extraction scores per gold set, and per split of a set (tuning vs frozen documents).

The seeds' gold is one set; the new plans' gold another, whose documents are split into
tuning documents (their failures may be read while changing code) and frozen test
documents (only their aggregate numbers may be looked at). The split is a text file
listing the frozen documents, one per line ("#" starts a comment; the set's other
documents are its tuning part), or a JSON file ``{"tuning": [ids], "frozen": [ids]}``;
an id may be a prefix up to an underscore ("np02" for "np02_dongguan_q1_growth_measures").

>>> sets = evaluate_sets(store, [Path("tests/data/gold_extraction")], split={})
>>> sets[0].groups["all"][0].kind
'Target'
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ingest.evaluate import Score, evaluate_extraction, load_gold, strict_table_rows
from kg.documents import list_documents
from kg.errors import InputError
from kg.store import GraphStore

HIDDEN_GROUPS = frozenset({"frozen"})  # per-item output is never shown for these


@dataclass(frozen=True)
class EvalSet:
    """One gold set's scores, per group of its documents ("all" when it has no split)."""

    name: str
    groups: dict[str, list[Score]]
    members: dict[str, list[str]]
    not_ingested: tuple[str, ...] = ()
    strict: tuple[int, int] = (0, 0)
    hidden: frozenset[str] = field(default=HIDDEN_GROUPS)


def load_split(path: Path | None) -> dict[str, list[str]]:
    """The split file's groups, or {} when there is none."""
    if path is None or not Path(path).is_file():
        return {}
    try:
        text = Path(path).read_text(encoding="utf-8")
        if Path(path).suffix.lower() != ".json":
            lines = (line.split("#", 1)[0].strip() for line in text.splitlines())
            return {"frozen": [line for line in lines if line]}
        data = json.loads(text)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: not a readable split file ({exc})") from exc
    if not isinstance(data, dict) or not all(isinstance(v, list) for v in data.values()):
        raise InputError(f'{path}: expected {{"tuning": [doc ids], "frozen": [doc ids]}}')
    return {str(k): [str(d) for d in v] for k, v in data.items()}


def _listed(doc_id: str, ids: Sequence[str]) -> bool:
    """Whether the split lists ``doc_id``, by its id or its prefix ("np01" for "np01_x")."""
    return any(doc_id == i or doc_id.startswith(f"{i}_") for i in ids)


def evaluate_sets(store: GraphStore, golds: Sequence[Path],
                  split: Mapping[str, list[str]]) -> list[EvalSet]:
    """Score every gold set; a set whose documents the split covers is scored per group."""
    stored = {d["doc_id"] for d in list_documents(store)}
    results = []
    for path in golds:
        documents = load_gold(path)["documents"]
        members = {name: [d for d in documents if _listed(d, ids)] for name, ids in split.items()}
        if "tuning" not in split and members.get("frozen"):  # the rest is the tuning part
            members = {"tuning": [d for d in documents if d not in members["frozen"]], **members}
        members = {name: ids for name, ids in members.items() if ids}
        if not members or sum(len(ids) for ids in members.values()) < len(documents):
            members = {"all": list(documents)}
        groups = {name: evaluate_extraction(store, path, only=ids) for name, ids in members.items()}
        results.append(EvalSet(
            name=str(path), groups=groups, members=members,
            not_ingested=tuple(d for d in documents if d not in stored),
            strict=strict_table_rows(store, path),
        ))
    return results
