"""Drop known harmless lines that native code writes straight to the process's stderr.

The embedded engine's JVM prints "WARNING: Using incubator modules: jdk.incubator.vector"
to file descriptor 2 when it starts (ArcadeDB always loads that module); it reads like a
failure on every start. Python's ``sys.stderr`` never sees it, so the filter works at the
descriptor: fd 2 is pointed at a pipe while the JVM starts, and every other line is
passed on unchanged.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager


def is_jvm_noise(line: str) -> bool:
    return "Using incubator modules" in line


@contextmanager
def filtered_stderr(drop: Callable[[str], bool] = is_jvm_noise) -> Iterator[None]:
    """Within the block, lines written to fd 2 for which ``drop`` is true are discarded."""
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError):  # no real stderr (embedded interpreter): nothing to filter
        yield
        return
    read_end, write_end = os.pipe()
    os.dup2(write_end, 2)
    os.close(write_end)
    pump = threading.Thread(target=_pump, args=(read_end, saved, drop), daemon=True)
    pump.start()
    try:
        yield
    finally:
        sys.stderr.flush()
        os.dup2(saved, 2)  # the pipe's last writer closes: the pump reads to the end and stops
        pump.join(timeout=5)
        os.close(saved)


def _pump(read_end: int, out: int, drop: Callable[[str], bool]) -> None:
    with os.fdopen(read_end, "rb") as source:
        for line in source:
            if not drop(line.decode("utf-8", errors="replace")):
                os.write(out, line)
