"""Progress of `policykg ingest` on stderr: files, then clause texts embedded, with counts,
rate and time left, so a long first run never looks hung.

On a terminal one line per stage is redrawn in place; into a file or a pipe a line is
written at the start, every ``every_s`` seconds and at the end.

    ingest   3/5 files  60%  1.9 files/s  about 1 s left  · added 002_733fef4de3600b88
    index  200/454 texts  44%  14.2 texts/s  about 18 s left
"""

from __future__ import annotations

import sys
import time
from typing import IO

from ingest.build import DocReport
from kg.progress import Meter, Snapshot, clock
from kg.vectors import SyncReport


class ProgressPrinter:
    def __init__(self, stream: IO[str] | None = None, every_s: float = 5.0) -> None:
        self.stream = stream or sys.stderr
        self.every_s = every_s
        self.live = self.stream.isatty()
        self._started = time.monotonic()  # the files' rate counts from here, not the first file
        self._files: Meter | None = None
        self._last: dict[str, float] = {}
        self._finished: set[tuple[str, int]] = set()

    def files(self, done: int, total: int, report: DocReport) -> None:
        """``Ingestor``'s ``on_file``: one more file parsed, extracted and committed."""
        if self._files is None or self._files.total != total:
            self._files = Meter(total, started=self._started)
        self._files.set(done)
        note = f"{report.status} {report.doc_id or report.path}"
        self._show("ingest", "files", self._files.snapshot(), note)

    def embedding(self, snap: Snapshot) -> None:
        """``VectorIndex.sync``'s progress: distinct clause texts embedded so far."""
        self._show("index", "texts", snap)

    def note(self, text: str) -> None:
        self._end_line()
        print(text, file=self.stream, flush=True)

    def _show(self, stage: str, unit: str, snap: Snapshot, note: str = "") -> None:
        last = self._last.get(stage)
        final = snap.done >= snap.total
        now = time.monotonic()
        if final and (stage, snap.total) in self._finished:
            return
        if not self.live and last is not None and not final and now - last < self.every_s:
            return
        if final:
            self._finished.add((stage, snap.total))
        self._last[stage] = now
        line = render(stage, unit, snap, note)
        if self.live:
            print(f"\r\x1b[2K{line}", end="\n" if final else "", file=self.stream, flush=True)
        else:
            print(line, file=self.stream, flush=True)

    def _end_line(self) -> None:
        if self.live:
            print(file=self.stream, flush=True)


def index_outcome(updater: object, deferred_by_flag: bool) -> str:
    """The vector index's line in `policykg ingest`'s report."""
    if deferred_by_flag:
        return "vector index: left to `policykg serve`, which builds it in the background"
    last: SyncReport | None = getattr(updater, "last", None)
    if updater is None:
        return "vector index: none (POLICYKG_EMBEDDER=none)"
    if last is None:
        return "vector index: unchanged"
    if last.deferred:
        return ("vector index: another process (a running `policykg serve`?) is writing it; "
                "it takes these documents in on its next pass")
    return (f"vector index: {last.added} texts embedded, {last.kept} clauses kept, "
            f"{last.removed} dropped in {clock(last.seconds)}")


def render(stage: str, unit: str, snap: Snapshot, note: str = "") -> str:
    width = len(str(snap.total))
    share = f"{snap.done / snap.total:4.0%}" if snap.total else " 100%"
    parts = [f"{stage:<6} {snap.done:>{width}}/{snap.total} {unit}", share]
    if snap.done >= snap.total:
        parts.append(f"done in {clock(snap.seconds)}")
    elif snap.rate:
        parts += [f"{snap.rate:.1f} {unit}/s", f"about {clock(snap.eta_s)} left"]
    line = "  ".join(parts)
    return f"{line}  · {note}" if note else line
