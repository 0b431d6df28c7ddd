"""Uploading a plan from the 文件 tab: ingest it, then show it; a refused file is named
with its reason (never the server's path) and leaves the tab as it was."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ingest.build import DocReport
from ingest.uploads import UploadService
from kg.errors import PolicyKGError
from qa.browse import DocumentBrowser
from ui.api import upload_message, uploaded
from ui.views.common import esc, unchanged, warn
from ui.views.indexing import after_upload

Show = Callable[[str], tuple[Any, ...]]  # doc_id → what the tab shows of that document


def uploader(documents: DocumentBrowser, uploads: UploadService, show: Show,
             shown: int) -> Callable[..., Iterator[tuple[Any, ...]]]:
    """Handler: (status message, *``show(doc_id)``) for the chosen file; on a refused file
    the message says why and the ``shown`` outputs stay as they were."""
    def ingest_upload(path: str | None) -> Iterator[tuple[Any, ...]]:
        if not path:
            yield ("⚠️ 请先选择文件 Choose a file first.", *unchanged_all(shown))
            return
        name = Path(path).name  # Gradio keeps the user's file name in its temp path
        try:
            report = uploads.add(name, Path(path).read_bytes())
            view = show(report.doc_id or "")
        except PolicyKGError as exc:
            reason = upload_message(str(exc), uploads.folder, name)
            yield (f"❌ **未导入 Not ingested**：{esc(reason)}", *unchanged_all(shown))
            return
        except Exception as exc:  # noqa: BLE001 - a message for the user, the trace in the log
            warn(exc)
            yield ("❌ 导入失败 The upload failed.", *unchanged_all(shown))
            return
        note = _note(report, uploaded(report, name, documents.document(report.doc_id or "")))
        yield (note, *view)
        if report.status != "unchanged":  # counts and time left while its clauses are embedded
            for line in after_upload(uploads.ingestor.index):
                yield (f"{note}\n\n{line}", *unchanged_all(shown))
    return ingest_upload


def unchanged_all(count: int) -> tuple[Any, ...]:
    skipped = unchanged(count)
    return skipped if isinstance(skipped, tuple) else (skipped,)


def _note(report: DocReport, doc: dict[str, Any]) -> str:
    verb = {"added": "已导入 Added", "updated": "已更新 Updated",
            "unchanged": "未变化 Unchanged"}.get(report.status, report.status)
    counts = ("" if report.status == "unchanged" else
              f"：{report.clauses} 条款 clauses · {report.targets} 目标 targets · "
              f"{report.incentives} 激励 incentives")
    return f"✅ {verb}《{esc(doc['title'])}》{counts}"
