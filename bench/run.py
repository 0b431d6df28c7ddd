"""`make bench`: speed and memory of PolicyKG at ×1, ×10 and ×100 the seeds.

    python -m bench.run [--scales 1,10,100] [--out BENCHMARKS.md] [--retrieval]

For each scale: a fresh data folder, the engine's start-up, ingestion (graph and vector
index apart), the index's size, the QA service's load time, warm `ask` p50/p95 over the
dev questions, and the process's resident memory (the embedded JVM included). With
``--retrieval`` it also compares retrievers on the dev set (evidence in the top 4).
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
    parser.add_argument("--scales", default="1,10")
    parser.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument("--retrieval", action="store_true", help="also compare retrievers")
    parser.add_argument("--embedder", default=os.environ.get("POLICYKG_EMBEDDER", "e5-small"),
                        help="POLICYKG_EMBEDDER for these runs (e5-small, none, …)")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a child run: one scale
    args = parser.parse_args()
    os.environ["POLICYKG_EMBEDDER"] = args.embedder
    if args.one:
        print(json.dumps(bench_scale(args.one) | {"embedder": args.embedder}))
        return
    # Each scale in a process of its own: its own engine, and a resident size of its own.
    results = remember([run_child(int(s), args.embedder) for s in args.scales.split(",")])
    retrieval = None
    if args.retrieval:
        from bench.retrieval import compare_retrievers

        retrieval = compare_retrievers(WORK / "data-x1")
    write_report(args.out, results, retrieval)
    print(json.dumps(results, ensure_ascii=False, indent=1))


def bench_scale(scale: int) -> dict[str, Any]:
    # Imported here so that the settings below are in place before anything reads them.
    from ui.settings import Settings
    from ui.wiring import build_index, build_ingestor, build_qa, open_store

    corpus = ROOT / "seeds" if scale == 1 else make_corpus(ROOT / "seeds", WORK / f"corpus-x{scale}", scale)
    data = WORK / f"data-x{scale}"
    shutil.rmtree(data, ignore_errors=True)
    env = {**os.environ, "POLICYKG_DATA_DIR": str(data), "POLICYKG_LOG_LEVEL": "WARNING"}
    settings = Settings.from_env(env)
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
        qa = build_qa(settings, store, index)
        qa_load_s = time.perf_counter() - started
        p50, p95 = ask_latency(qa)
        rss = psutil.Process().memory_info().rss
    finally:
        store.close()
    files = sorted(p for p in corpus.glob("*.txt"))
    return {
        "scale": scale, "documents": len(files),
        "corpus_mb": round(sum(p.stat().st_size for p in files) / 1e6, 2),
        "clauses": sum(d.clauses for d in report.documents),
        "failed": len(report.failed),
        "engine_start_s": round(engine_s, 2),
        "ingest_s": round(ingest_s, 1),
        "index_s": round(sync.seconds, 1) if sync else None,
        "graph_s": round(ingest_s - (sync.seconds if sync else 0), 1),
        "extract_s": round(sum(d.seconds for d in report.documents), 2),
        "index_mb": round(folder_mb(data / "index"), 1),
        "graph_mb": round(folder_mb(data / "engine"), 1),
        "qa_load_s": round(qa_load_s, 1),
        "ask_p50_ms": round(p50, 1), "ask_p95_ms": round(p95, 1),
        "rss_mb": round(rss / 1e6),
    }


def run_child(scale: int, embedder: str) -> dict[str, Any]:
    done = subprocess.run([sys.executable, "-m", "bench.run", "--one", str(scale), "--embedder", embedder],
                          cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"bench at ×{scale} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def remember(new: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Merge these runs into bench/out/results.json (one row per scale and embedder), so
    that scales measured in separate runs share one table."""
    path = WORK / "results.json"
    old = json.loads(path.read_text(encoding="utf-8")) if path.exists() else []
    keys = {(r["scale"], r["embedder"]) for r in new}
    merged = [r for r in old if (r["scale"], r["embedder"]) not in keys] + new
    merged.sort(key=lambda r: (r["embedder"] != "e5-small", r["scale"]))
    WORK.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(merged, ensure_ascii=False, indent=1), encoding="utf-8")
    return merged


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


def write_report(path: Path, results: list[dict[str, Any]], retrieval: dict[str, Any] | None) -> None:
    lines = [f"Measured {date.today().isoformat()} on {machine()} by `make bench`.", "",
             "| scale | embedder | docs | corpus MB | clauses | engine start s | ingest s (graph + index) | index MB | graph MB | QA load s | ask p50 ms | ask p95 ms | RSS MB |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        lines.append(
            f"| ×{r['scale']} | {r.get('embedder', 'e5-small')} | {r['documents']} | {r['corpus_mb']} | {r['clauses']} | {r['engine_start_s']} "
            f"| {r['ingest_s']} ({r['graph_s']} + {r['index_s'] if r['index_s'] is not None else '—'}) | {r['index_mb']} | {r['graph_mb']} "
            f"| {r['qa_load_s']} | {r['ask_p50_ms']} | {r['ask_p95_ms']} | {r['rss_mb']} |")
    if retrieval:
        lines += ["", "Retrieval on the dev set (answerable questions; hit = the gold evidence is in the top 4):", "",
                  "| retriever | hit@4 | hit@8 |", "|---|---|---|"]
        lines += [f"| {name} | {v['hit4']:.1%} | {v['hit8']:.1%} |" for name, v in retrieval.items()]
    replace_section(path, "\n".join(lines))


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
