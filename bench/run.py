"""`make bench`: speed and memory of PolicyKG at ×1, ×10 and ×100 the seeds.

    python -m bench.run [--scales 1,10,100] [--out BENCHMARKS.md] [--retrieval] [--first-run]

For each scale, two processes over a fresh data folder. The first ingests — the graph,
then the vector index in the foreground, so that the two can be timed apart — and starts
the QA service once (which tokenises and persists BM25). The second starts as
`policykg serve` does — the engine, the QA service with the index and BM25 loaded from
disk — then asks the dev questions warm and reports its resident memory (the embedded
JVM included). The machine's load average is recorded beside each row: the machine is
shared, and a busy one makes every number slower. ``--retrieval`` compares retrievers
and embedders on the dev and new-plans sets; ``--first-run`` times a fresh `make run`.
``--serve-only`` re-measures only the serving process over each scale's existing data
folder (after a change to question answering, without ingesting ×100 again); the ingest
columns and the retrieval and first-run results of earlier runs are kept.
Results are written into BENCHMARKS.md between markers, with the machine and date.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

import psutil

from bench.synth import make_corpus

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ROOT / "tests" / "data" / "qa_dev.jsonl"
WORK = ROOT / "bench" / "out"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scales", default="1,10,100")
    parser.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument("--retrieval", action="store_true", help="also compare retrievers")
    parser.add_argument("--first-run", action="store_true", help="also time a fresh `make run`")
    parser.add_argument("--embedder", default=os.environ.get("POLICYKG_EMBEDDER", "e5-small"),
                        help="POLICYKG_EMBEDDER for these runs (e5-small, none, …)")
    parser.add_argument("--serve-only", action="store_true",
                        help="re-measure serving over the data folders of an earlier run")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a child run: ingest one scale
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)  # a child run: serve it
    args = parser.parse_args()
    os.environ["POLICYKG_EMBEDDER"] = args.embedder
    if args.one or args.serve:
        result = bench_scale(args.one) if args.one else bench_serving(args.serve)
        print(json.dumps(result | {"embedder": args.embedder}), flush=True)
        # The result is out: skip interpreter teardown, where the JVM's and torch's native
        # threads have been seen to abort ("terminate called without an active exception").
        os._exit(0)
    # Each scale in processes of its own: its own engine, and a resident size of its own.
    steps = ("--serve",) if args.serve_only else ("--one", "--serve")
    results = remember([run_child(int(s), args.embedder, steps) for s in args.scales.split(",")])
    if args.retrieval:
        from bench.retrieval import compare_retrievers

        saved("retrieval", compare_retrievers(WORK / "retrieval"))
    if args.first_run:
        from bench.firstrun import time_first_run

        saved("first-run", time_first_run(WORK / "first-run"))
    write_report(args.out, results, saved("retrieval"), saved("first-run"))
    print(json.dumps(results, ensure_ascii=False, indent=1))


def bench_scale(scale: int) -> dict[str, Any]:
    """Ingest ×scale into a fresh data folder: graph, then the index in the foreground."""
    # Imported here so that the settings below are in place before anything reads them.
    from ui.wiring import build_index, build_ingestor, build_qa, open_store

    corpus = ROOT / "seeds" if scale == 1 else make_corpus(ROOT / "seeds", WORK / f"corpus-x{scale}", scale)
    data = WORK / f"data-x{scale}"
    shutil.rmtree(data, ignore_errors=True)
    settings = scale_settings(scale)
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    store = open_store(settings)
    engine_s = time.perf_counter() - started
    try:
        index = build_index(settings)
        ingestor = build_ingestor(settings, store, index)
        started = time.perf_counter()
        report = ingestor.ingest([corpus])
        ingest_s = time.perf_counter() - started
        sync = ingestor.index.last if ingestor.index is not None else None  # type: ignore[union-attr]
        started = time.perf_counter()
        build_qa(settings, store, index)  # the first start: tokenises, persists BM25
        qa_first_s = time.perf_counter() - started
    finally:
        store.close()
    files = sorted(p for p in corpus.glob("*.txt"))
    return {
        "scale": scale, "documents": len(files),
        "corpus_mb": round(sum(p.stat().st_size for p in files) / 1e6, 2),
        "clauses": sum(d.clauses for d in report.documents),
        "texts": sync.added if sync else 0,
        "texts_ahead": sync.ahead if sync else 0,  # of these, embedded during the graph stage
        "failed": len(report.failed),
        "engine_start_s": round(engine_s, 2),
        "ingest_s": round(ingest_s, 1),
        "index_s": round(sync.seconds, 1) if sync else None,
        "graph_s": round(ingest_s - (sync.seconds if sync else 0), 1),
        "extract_s": round(sum(d.seconds for d in report.documents), 2),
        "index_mb": round(folder_mb(data / "index"), 1),
        "graph_mb": round(folder_mb(data / "engine"), 1),
        "qa_first_s": round(qa_first_s, 1),
        "load_ingest": round((load_before + os.getloadavg()[0]) / 2, 1),
    }


def bench_serving(scale: int) -> dict[str, Any]:
    """A new process over the ingested folder, as `policykg serve` starts: the engine, the
    QA service (index and BM25 loaded from disk), warm asks, resident memory."""
    from ui.wiring import build_qa, open_store

    settings = scale_settings(scale)
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    store = open_store(settings)
    engine_s = time.perf_counter() - started
    try:
        started = time.perf_counter()
        qa = build_qa(settings, store)
        qa_load_s = time.perf_counter() - started  # answering from here (BM25 and the graph)
        if qa.index is not None and hasattr(qa.index.embedder, "model"):
            qa.index.embedder.model()  # loaded in the background meanwhile; wait for it
        model_s = time.perf_counter() - started  # dense retrieval from here
        dense = qa.index is not None and qa.index.complete
        p50, p95 = ask_latency(qa)
        rss = psutil.Process().memory_info().rss
    finally:
        store.close()
    return {"serve_engine_s": round(engine_s, 2), "qa_load_s": round(qa_load_s, 1),
            "model_s": round(model_s, 1), "dense": dense,
            "ask_p50_ms": round(p50, 1), "ask_p95_ms": round(p95, 1), "rss_mb": round(rss / 1e6),
            "load_serve": round((load_before + os.getloadavg()[0]) / 2, 1)}


def scale_settings(scale: int) -> Any:
    from ui.settings import Settings

    env = {**os.environ, "POLICYKG_DATA_DIR": str(WORK / f"data-x{scale}"), "POLICYKG_LOG_LEVEL": "WARNING"}
    return Settings.from_env(env)


def run_child(scale: int, embedder: str, steps: tuple[str, ...] = ("--one", "--serve")) -> dict[str, Any]:
    result: dict[str, Any] = {"date": date.today().isoformat()}
    if "--one" not in steps:  # serving again: the ingest columns stay those of the last run
        earlier = [r for r in _results() if (r["scale"], r["embedder"]) == (scale, embedder)]
        if not earlier:
            raise SystemExit(f"no earlier run at ×{scale} to serve again: run without --serve-only")
        result = earlier[0] | {"serve_date": date.today().isoformat()}
    for step in steps:
        done = subprocess.run([sys.executable, "-m", "bench.run", step, str(scale), "--embedder", embedder],
                              cwd=ROOT, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise SystemExit(f"bench at ×{scale} ({step}) failed:\n{done.stderr[-3000:]}")
        result |= json.loads(done.stdout.strip().splitlines()[-1])
        print(f"×{scale} {step}: {result}", file=sys.stderr, flush=True)
    return result


def remember(new: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Merge these runs into bench/out/results.json (one row per scale and embedder), so
    that scales measured in separate runs share one table."""
    keys = {(r["scale"], r["embedder"]) for r in new}
    merged = [r for r in _results() if (r["scale"], r["embedder"]) not in keys] + new
    merged.sort(key=lambda r: (r["embedder"] != "e5-small", r["scale"]))
    return saved("results", merged)


def ask_latency(qa: Any) -> tuple[float, float]:
    questions = [json.loads(line) for line in QUESTIONS.read_text(encoding="utf-8").splitlines() if line]
    for q in questions[:5]:
        qa.ask(q["question"])  # warm: caches, jieba, the model
    times = []
    for q in questions:
        started = time.perf_counter()
        qa.ask(q["question"], q.get("history", []))
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[int(round(0.95 * (len(times) - 1)))]


def folder_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6 if path.exists() else 0.0


def machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = psutil.virtual_memory().total / 2**30
    return f"{cpu}, {os.cpu_count()} cores, {mem:.0f} GiB RAM, Python {platform.python_version()}, {platform.system()}"


def _results() -> list[dict[str, Any]]:
    return saved("results") or []


def saved(name: str, value: Any = None) -> Any:
    """Keep ``value`` as the latest ``name`` result (results, retrieval, first-run) in
    bench/out/, or read it back (None when there is none)."""
    path = WORK / f"{name}.json"
    if value is not None:
        WORK.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(value, ensure_ascii=False, indent=1), encoding="utf-8")
        return value
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def write_report(path: Path, results: list[dict[str, Any]], retrieval: dict[str, Any] | None,
                 first: dict[str, Any] | None = None) -> None:
    lines = [f"Measured by `make bench` on {machine()}; each row's date and the machine's load "
             "(1-minute load average, 2 cores: 2.0 is fully busy) while it ran.", "",
             "| scale | embedder | docs | clauses | texts embedded | ingest s (graph + index) | index MB "
             "| QA start s (first / again (dense)) | ask p50 ms | ask p95 ms | serving RSS MB | date, load |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        index_s = r["index_s"] if r.get("index_s") is not None else "—"
        lines.append(
            f"| ×{r['scale']} | {r.get('embedder', 'e5-small')} | {r['documents']} | {r['clauses']} "
            f"| {r.get('texts', '—')} | {r['ingest_s']} ({r['graph_s']} + {index_s}) | {r['index_mb']} "
            f"| {r.get('qa_first_s', '—')} / {r['qa_load_s']} ({r.get('model_s', '—')}) "
            f"| {r['ask_p50_ms']} | {r['ask_p95_ms']} "
            f"| {r['rss_mb']} | {r.get('date', '')}, {r.get('load_ingest', '?')} / {r.get('load_serve', '?')} |")
    if first:
        lines += ["", f"A fresh `make run` at ×1 (after the install step, {first['date']}, load "
                      f"{first['load']}): the engine up and the seeds' graph written in "
                      f"{first['ingest_s']} s; the chat's first answer {first['answer_s']} s after the "
                      f"start (BM25 and the graph); the dense index complete after {first['dense_s']} s."]
    if retrieval:
        lines += ["", "Retrieval (answerable questions; hit = every gold evidence string in the top k):", "",
                  "| retriever | dev hit@4 | dev hit@8 | new plans hit@4 | new plans hit@8 |",
                  "|---|---|---|---|---|"]
        lines += [f"| {name} | {_pct(v, 'dev', 4)} | {_pct(v, 'dev', 8)} | {_pct(v, 'new', 4)} "
                  f"| {_pct(v, 'new', 8)} |" for name, v in retrieval.items()]
    replace_section(path, "\n".join(lines))


def _pct(scores: dict[str, Any], split: str, k: int) -> str:
    by_k = scores.get(split, {})
    value = by_k.get(k, by_k.get(str(k)))  # read back from JSON, the keys are strings
    return "—" if value is None else f"{value:.1%}"


def replace_section(path: Path, body: str, name: str = "bench") -> None:
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    text = path.read_text(encoding="utf-8") if path.exists() else f"# Benchmarks\n\n{start}\n{end}\n"
    if start not in text:
        text += f"\n{start}\n{end}\n"
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    path.write_text(f"{head}{start}\n{body}\n{end}{tail}", encoding="utf-8")


if __name__ == "__main__":
    main()
