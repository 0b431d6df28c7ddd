"""The ``policykg`` command line. Each command parses, calls one service, prints.

Exit codes: 0 success; 1 an error (bad file, engine down, invalid query); 2 a refused
Cypher query or a usage error.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click

from kg.errors import GraphUnavailable, PolicyKGError, QueryInvalid, QueryRefused, QueryTimeout
from kg.documents import list_documents
from kg.store import GraphStore
from ui import render
from ui.progress import ProgressPrinter, index_outcome
from ui.settings import Settings
from ui.wiring import (build_baseline, build_console, build_ingestor, build_qa, configure_logging,
                       open_store)

F = TypeVar("F", bound=Callable[..., Any])


class RefusedError(click.ClickException):
    exit_code = 2


@contextmanager
def errors_to_exit() -> Iterator[None]:
    """A PolicyKGError becomes a one-line message and a non-zero exit, never a traceback."""
    try:
        yield
    except QueryRefused as exc:
        raise RefusedError(str(exc)) from exc
    except PolicyKGError as exc:
        raise click.ClickException(str(exc)) from exc


@contextmanager
def store_for(settings: Settings) -> Iterator[GraphStore]:
    with errors_to_exit():
        store = open_store(settings)
    try:
        yield store
    finally:
        store.close()


@click.group()
@click.pass_context
def main(ctx: click.Context) -> None:
    """PolicyKG: question answering over Chinese regional policy plans."""
    with errors_to_exit():
        settings = Settings.from_env()
    configure_logging(settings)
    ctx.obj = settings


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--if-empty", is_flag=True, help="Do nothing when the graph already holds documents.")
@click.option("--defer-index", is_flag=True,
              help="Write the graph only; `policykg serve` builds the vector index in the "
                   "background and the chat answers from BM25 and the graph meanwhile.")
@click.pass_obj
def ingest(settings: Settings, paths: tuple[Path, ...], if_empty: bool, defer_index: bool) -> None:
    """Ingest plan files or folders (default: the seeds folder); progress goes to stderr."""
    targets = list(paths) or [settings.seeds_dir]
    progress = ProgressPrinter()
    with store_for(settings) as store, errors_to_exit():
        if if_empty and store.stats().labels.get("Document"):
            click.echo("the graph already holds documents; nothing to ingest")
            return
        ingestor = build_ingestor(settings, store, defer_index=defer_index,
                                  on_file=progress.files, on_embed=progress.embedding)
        report = ingestor.ingest(targets)
    click.echo(render.ingest_report(report))
    click.echo(index_outcome(ingestor.index, defer_index))
    if report.failed:
        sys.exit(1)


@main.command()
@click.argument("doc_id")
@click.pass_obj
def remove(settings: Settings, doc_id: str) -> None:
    """Remove one document, its clauses, facts and vectors."""
    with store_for(settings) as store, errors_to_exit():
        removed = build_ingestor(settings, store).remove(doc_id)
    if not removed:
        raise click.ClickException(f"no document {doc_id!r} is stored; see `policykg stats`")
    click.echo(f"removed {doc_id}")


@contextmanager
def cypher_errors(as_json: bool) -> Iterator[None]:
    """As errors_to_exit; with --json the error is printed on stdout as
    {"error": message, "kind": "refused" | "invalid" | "timeout" | "unavailable" | "error"}."""
    try:
        yield
    except PolicyKGError as exc:
        refused = isinstance(exc, QueryRefused)
        if not as_json:
            raise (RefusedError if refused else click.ClickException)(str(exc)) from exc
        kind = next((k for cls, k in _CYPHER_ERRORS if isinstance(exc, cls)), "error")
        click.echo(json.dumps({"error": str(exc), "kind": kind}, ensure_ascii=False))
        sys.exit(2 if refused else 1)


_CYPHER_ERRORS = ((QueryRefused, "refused"), (QueryInvalid, "invalid"),
                  (QueryTimeout, "timeout"), (GraphUnavailable, "unavailable"))


@main.command()
@click.argument("query")
@click.option("--json", "as_json", is_flag=True,
              help="Print {\"columns\", \"rows\"} as JSON; an error as {\"error\", \"kind\"}.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Most rows to return.")
@click.pass_obj
def cypher(settings: Settings, query: str, as_json: bool, limit: int | None) -> None:
    """Run one read-only Cypher QUERY: a write or administration is refused (exit 2), an
    invalid query or a timeout is an error (exit 1)."""
    with cypher_errors(as_json):
        store = open_store(settings)
        try:
            result = build_console(settings, store).run(query, limit=limit)
        finally:
            store.close()
    if as_json:
        click.echo(json.dumps(result.as_json(), ensure_ascii=False))
    else:
        click.echo(render.table(result.columns, result.rows))
        if result.truncated:
            click.echo(f"(cut at {len(result.rows)} rows; use --limit)", err=True)


@main.command()
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def stats(settings: Settings, as_json: bool) -> None:
    """Count the graph's nodes by label and relationships by type."""
    with store_for(settings) as store, errors_to_exit():
        graph = store.stats()
    if as_json:
        click.echo(json.dumps({"labels": graph.labels, "relationships": graph.relationships},
                              ensure_ascii=False))
    else:
        click.echo(render.stats(graph))


@main.command()
@click.option("--host", default=None, help="Address to bind (default POLICYKG_HOST).")
@click.option("--port", type=int, default=None, help="Port (default POLICYKG_PORT).")
@click.pass_obj
def serve(settings: Settings, host: str | None, port: int | None) -> None:
    """Serve the chat app and the JSON API."""
    from ui.server import serve as run_server  # imports Gradio: only when serving

    with errors_to_exit():
        run_server(settings, host or settings.host, port or settings.port)


@main.group(name="eval")
def evaluate() -> None:
    """Score extraction or question answering against a gold set."""


@evaluate.command(name="extraction")
@click.option("--gold", "golds", type=click.Path(exists=True, path_type=Path), multiple=True,
              help="A gold JSON file or a folder of them; repeat for several sets "
                   "[default: tests/data/gold_extraction, and tests/data/gold_extraction_newplans "
                   "when it exists].")
@click.option("--split", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("tests/data/qa_newplans_frozen_docs.txt"), show_default=True,
              help="The frozen test documents, one id (or id prefix) per line, or JSON "
                   '{"tuning": [...], "frozen": [...]}: a set they belong to is scored as tuning '
                   "and frozen documents side by side.")
@click.option("--verbose", "-v", is_flag=True,
              help="List missed and spurious items (never for frozen documents).")
@click.pass_obj
def eval_extraction(settings: Settings, golds: tuple[Path, ...], split: Path, verbose: bool) -> None:
    """Precision and recall per node and relationship type on the ingested graph."""
    from ingest.evalsets import evaluate_sets, load_split

    paths = list(golds) or [p for p in (Path("tests/data/gold_extraction"),
                                        Path("tests/data/gold_extraction_newplans"))
                            if p.exists() and any(p.glob("*.json") if p.is_dir() else [p])]
    with store_for(settings) as store, errors_to_exit():
        sets = evaluate_sets(store, paths, load_split(split))
    click.echo(render.eval_sets(sets, verbose))


@main.command()
@click.argument("question", required=False)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per answer.")
@click.option("--file", "questions_file", type=click.File("r", encoding="utf-8"),
              help="Answer every line of this file, in order: a question, or a JSON object "
                   '{"question": …, "history": […]} or {"conversation": ["…", "…"]} (see README).')
@click.pass_obj
def ask(settings: Settings, question: str | None, as_json: bool, questions_file: Any) -> None:
    """Answer QUESTION (or every line of --file) from the ingested plans, with citations."""
    try:
        turns = conversation_lines(questions_file) if questions_file else [[(question or "", [])]]
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    turns = [c for c in turns if c and all(q for q, _ in c)]
    if not turns:
        raise click.UsageError("give a QUESTION or --file with one question per line")
    with store_for(settings) as store, errors_to_exit():
        qa = build_qa(settings, store)
        for number, conversation in enumerate(turns, start=1):
            history: list[dict[str, str]] = []
            for turn, (q, given) in enumerate(conversation, start=1):
                answer = qa.ask(q, given or history)
                history = [*(given or history), {"role": "user", "content": q},
                           {"role": "assistant", "content": answer.answer}]
                if as_json:
                    extra = {"conversation": number, "turn": turn} if len(conversation) > 1 else {}
                    click.echo(json.dumps({**answer.as_json(), **extra}, ensure_ascii=False))
                else:
                    click.echo(render.answer(answer))


def conversation_lines(lines: Any) -> list[list[tuple[str, list[dict[str, str]]]]]:
    """The file of `ask --file` as conversations of (question, history) turns: a plain line
    is one question; a JSON line is a question string, {"question", "history"} or
    {"conversation": [questions…]} whose turns see the answers before them."""
    conversations = []
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            continue
        if not line.startswith(("{", "\"")):
            conversations.append([(line, [])])
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"line {number} of --file is not valid JSON: {exc.msg}") from exc
        if isinstance(item, str):
            conversations.append([(item, [])])
        elif isinstance(item, dict) and isinstance(item.get("conversation"), list):
            conversations.append([(str(q), []) for q in item["conversation"]])
        elif isinstance(item, dict) and isinstance(item.get("question"), str):
            conversations.append([(item["question"], list(item.get("history") or []))])
        else:
            raise ValueError(f'line {number} of --file: expected a question, {{"question": …}} '
                             'or {"conversation": […]}')
    return conversations


@evaluate.command(name="qa")
@click.option("--gold", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Score this one JSONL file instead of the question sets in --data.")
@click.option("--data", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=Path("tests/data"), show_default=True, help="Folder of the question sets.")
@click.option("--set", "only", help="Only this set: dev, seeds-2, seeds-3, seeds-4, seeds-5, seeds-6, lists-docs, docs-2 or new-plans.")
@click.option("--baseline", is_flag=True, help="Also score the plain LangChain chunk baseline (seeds).")
@click.option("--verbose", "-v", is_flag=True,
              help="Show every failed question of the tuning parts (never of a frozen test part).")
@click.pass_obj
def eval_qa(settings: Settings, gold: Path | None, data: Path, only: str | None, baseline: bool,
            verbose: bool) -> None:
    """Pass rate per question kind for each set, its tuning part beside its frozen test part."""
    from qa.evaluate import GoldSet, gold_sets, load_gold, run

    sets = [GoldSet(gold.stem, tuple(load_gold(gold)), frozenset())] if gold else gold_sets(data)
    sets = [s for s in sets if not only or s.name == only]
    if not sets:
        raise click.UsageError(f"no question set {only!r} in {data}")
    with store_for(settings) as store, errors_to_exit():
        qa = build_qa(settings, store)
        stored = {d["doc_id"] for d in list_documents(store)}
        reports, notes = [], []
        for gold_set in sets:
            missing = [d for d in gold_set.documents if d not in stored]
            if missing:
                notes.append(f"{gold_set.name}: skipped, {len(missing)} of its documents are not ingested "
                             f"(policykg ingest {data / 'new_plans'})")
                continue
            for name, questions in gold_set.parts():
                if questions:
                    reports.append((run(name, questions, qa.ask), "frozen" not in name))
        if baseline:
            dev = load_gold(gold) if gold else list(next(s for s in sets if s.name == "dev").questions)
            reports.append((run("baseline", dev, build_baseline(settings, qa.index).ask), True))
    click.echo(render.qa_reports([r for r, _ in reports], verbose, show={r.name for r, ok in reports if ok}))
    for note in notes:
        click.echo(note)
