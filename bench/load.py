"""Many users at once: N threads POST /api/ask for S seconds against a served app.

    python -m bench.load [--users 16] [--seconds 30]   # serves ./data's graph itself

Each user asks the dev questions in turn, waiting for each answer before the next.
Reports requests, errors, throughput and latency percentiles; the concurrency test in
tests/ runs the same function against the test session's server.
"""

from __future__ import annotations

import argparse
import json
import statistics
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class LoadResult:
    users: int
    seconds: float
    latencies_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def requests(self) -> int:
        return len(self.latencies_ms) + len(self.errors)

    def percentile(self, q: float) -> float:
        times = sorted(self.latencies_ms)
        return times[min(len(times) - 1, int(round(q * (len(times) - 1))))] if times else 0.0

    def summary(self) -> str:
        return (f"{self.users} users × {self.seconds:.0f} s: {self.requests} requests, "
                f"{len(self.errors)} errors, {len(self.latencies_ms) / self.seconds:.1f} answers/s, "
                f"p50 {statistics.median(self.latencies_ms or [0]):.0f} ms, p95 {self.percentile(0.95):.0f} ms")


def questions() -> list[str]:
    lines = (ROOT / "tests" / "data" / "qa_dev.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["question"] for line in lines if line.strip()]


def hammer(url: str, asks: list[str], users: int = 16, seconds: float = 30.0,
           auth: tuple[str, str] | None = None) -> LoadResult:
    result = LoadResult(users, seconds)
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def user(k: int) -> None:
        with httpx.Client(base_url=url, timeout=60.0, auth=auth) as client:
            i = k
            while time.monotonic() < deadline:
                question = asks[i % len(asks)]
                i += users
                started = time.perf_counter()
                try:
                    response = client.post("/api/ask", json={"question": question})
                    ok = response.status_code == 200 and "found" in response.json()
                    problem = None if ok else f"{response.status_code}: {response.text[:200]}"
                except (httpx.HTTPError, ValueError) as exc:
                    problem = f"{type(exc).__name__}: {exc}"
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    if problem:
                        result.errors.append(problem)
                    else:
                        result.latencies_ms.append(elapsed)

    threads = [threading.Thread(target=user, args=(k,)) for k in range(users)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=30.0)
    args = parser.parse_args()
    from tests.served import start
    from ui.server import build_services
    from ui.settings import Settings
    from ui.wiring import open_store

    settings = Settings.from_env()
    store = open_store(settings)
    try:
        server = start(settings, build_services(settings, store))
        try:
            result = hammer(server.url, questions(), args.users, args.seconds)
        finally:
            server.stop()
    finally:
        store.close()
    print(result.summary())


if __name__ == "__main__":
    main()
