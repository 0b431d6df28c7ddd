"""Progress of long work (ingesting files, embedding clauses): counts, rate, time left.

    meter = Meter(total=454)
    meter.advance(32)
    meter.snapshot()   # Snapshot(done=32, total=454, rate=12.5, eta_s=33.8)
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Snapshot:
    done: int
    total: int
    seconds: float
    rate: float | None  # items per second; None until something is done
    eta_s: float | None  # seconds left at that rate

    def as_json(self) -> dict[str, float | int | None]:
        return {"done": self.done, "total": self.total,
                "rate_per_s": round(self.rate, 1) if self.rate else None,
                "eta_s": round(self.eta_s) if self.eta_s is not None else None}


Listener = Callable[[str, Snapshot], None]  # (what, snapshot) — e.g. ("files", ...)


class Meter:
    """A thread-safe counter that knows how fast it moves."""

    def __init__(self, total: int, done: int = 0, started: float | None = None) -> None:
        self.total = total
        self._start_done = done
        self._done = done
        self._started = time.monotonic() if started is None else started
        self._lock = threading.Lock()

    def advance(self, n: int = 1) -> None:
        with self._lock:
            self._done = min(self.total, self._done + n)

    def set(self, done: int) -> None:
        with self._lock:
            self._done = min(self.total, max(done, self._done))

    def snapshot(self) -> Snapshot:
        with self._lock:
            done = self._done
        seconds = time.monotonic() - self._started
        moved = done - self._start_done
        rate = moved / seconds if moved > 0 and seconds > 0 else None
        eta = (self.total - done) / rate if rate else None
        return Snapshot(done, self.total, seconds, rate, eta)


def clock(seconds: float | None) -> str:
    """A short duration for people: 45 s, 3 min 5 s, 1 h 2 min."""
    if seconds is None:
        return "?"
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min {seconds % 60:02d} s"
    return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min"
