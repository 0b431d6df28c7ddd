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

from kg.errors import PolicyKGError, QueryRefused
from kg.store import GraphStore
from ui import render
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
@click.pass_obj
def ingest(settings: Settings, paths: tuple[Path, ...], if_empty: bool) -> None:
    """Ingest plan files or folders (default: the seeds folder)."""
    targets = list(paths) or [settings.seeds_dir]
    with store_for(settings) as store, errors_to_exit():
        if if_empty and store.stats().labels.get("Document"):
            click.echo("the graph already holds documents; nothing to ingest")
            return
        report = build_ingestor(settings, store).ingest(targets)
    click.echo(render.ingest_report(report))
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


@main.command()
@click.argument("query")
@click.option("--json", "as_json", is_flag=True, help="Print {\"columns\", \"rows\"} as JSON.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Most rows to return.")
@click.pass_obj
def cypher(settings: Settings, query: str, as_json: bool, limit: int | None) -> None:
    """Run one read-only Cypher QUERY; writes and administration are refused (exit 2)."""
    with store_for(settings) as store, errors_to_exit():
        result = build_console(settings, store).run(query, limit=limit)
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
@click.option("--gold", type=click.Path(exists=True, path_type=Path),
              default=Path("tests/data/gold_extraction"), show_default=True,
              help="A gold JSON file or a folder of them.")
@click.option("--verbose", "-v", is_flag=True, help="List missed and spurious items.")
@click.pass_obj
def eval_extraction(settings: Settings, gold: Path, verbose: bool) -> None:
    """Precision and recall per node and relationship type on the ingested graph."""
    from ingest.evaluate import evaluate_extraction, strict_table_rows

    with store_for(settings) as store, errors_to_exit():
        scores = evaluate_extraction(store, gold)
        exact, strict = strict_table_rows(store, gold)
    click.echo(render.extraction_scores(scores, verbose))
    if strict:
        click.echo(f"strict rows exact: {exact}/{strict}")


@main.command()
@click.argument("question", required=False)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per answer.")
@click.option("--file", "questions_file", type=click.File("r", encoding="utf-8"),
              help="Answer one question per line of this file, in order.")
@click.pass_obj
def ask(settings: Settings, question: str | None, as_json: bool, questions_file: Any) -> None:
    """Answer QUESTION (or every line of --file) from the ingested plans, with citations."""
    questions = [line.strip() for line in questions_file] if questions_file else [question or ""]
    questions = [q for q in questions if q]
    if not questions:
        raise click.UsageError("give a QUESTION or --file with one question per line")
    with store_for(settings) as store, errors_to_exit():
        qa = build_qa(settings, store)
        for q in questions:
            answer = qa.ask(q)
            if as_json:
                click.echo(json.dumps(answer.as_json(), ensure_ascii=False))
            else:
                click.echo(render.answer(answer))


@evaluate.command(name="qa")
@click.option("--gold", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=Path("tests/data/qa_dev.jsonl"), show_default=True)
@click.option("--baseline/--no-baseline", default=True, show_default=True,
              help="Also score the plain LangChain chunk baseline.")
@click.option("--verbose", "-v", is_flag=True, help="Show every failed question.")
@click.pass_obj
def eval_qa(settings: Settings, gold: Path, baseline: bool, verbose: bool) -> None:
    """Pass rate per question kind, refusals, latency; the baseline beside it."""
    from qa.evaluate import load_gold, run

    questions = load_gold(gold)
    with store_for(settings) as store, errors_to_exit():
        qa = build_qa(settings, store)
        reports = [run("policykg", questions, qa.ask)]
        if baseline:
            reports.append(run("baseline", questions, build_baseline(settings, qa.index).ask))
    click.echo(render.qa_reports(reports, verbose))
