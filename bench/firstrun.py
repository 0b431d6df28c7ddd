"""Time a fresh `make run` after the install step: how long until the chat answers.

    python -m bench.firstrun

Runs what the Makefile's ``run`` target runs — ``policykg ingest --if-empty --defer-index``
then ``policykg serve`` — over an empty data folder, and asks ``/api/ask`` until an answer
comes back; then waits until answers no longer say that the dense index is catching up.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
QUESTION = "首次进入全国软件百强能拿多少奖励？谁出钱？"


def time_first_run(data: Path, timeout_s: float = 900.0) -> dict[str, Any]:
    shutil.rmtree(data, ignore_errors=True)
    port = _free_port()
    env = {**os.environ, "POLICYKG_DATA_DIR": str(data), "POLICYKG_PORT": str(port),
           "POLICYKG_LOG_LEVEL": "WARNING"}
    cli = [sys.executable, "-m", "ui"]
    load = os.getloadavg()[0]
    started = time.monotonic()
    subprocess.run([*cli, "ingest", "--if-empty", "--defer-index"], env=env, cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ingest_s = time.monotonic() - started
    server = subprocess.Popen([*cli, "serve"], env=env, cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        answer_s = _until(lambda body: body.get("found") is True, port, started, timeout_s)
        dense_s = _until(lambda body: "index" not in body, port, started, timeout_s)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {"date": date.today().isoformat(), "load": round((load + os.getloadavg()[0]) / 2, 1),
            "ingest_s": round(ingest_s, 1), "answer_s": round(answer_s, 1), "dense_s": round(dense_s, 1)}


def _until(done: Any, port: int, started: float, timeout_s: float) -> float:
    """Seconds from ``started`` until an answer satisfies ``done``."""
    while time.monotonic() - started < timeout_s:
        try:
            response = httpx.post(f"http://127.0.0.1:{port}/api/ask", json={"question": QUESTION},
                                  timeout=30)
            if response.status_code == 200 and done(response.json()):
                return time.monotonic() - started
        except httpx.HTTPError:
            pass  # not listening yet
        time.sleep(0.5)
    raise SystemExit(f"no answer within {timeout_s:.0f} s")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


if __name__ == "__main__":
    print(json.dumps(time_first_run(ROOT / "bench" / "out" / "first-run"), indent=1))
