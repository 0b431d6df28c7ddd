"""Helpers every view shares: error display, click delegation, escaping, deep links."""

from __future__ import annotations

import hashlib
import html
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import gradio as gr

from kg.errors import PolicyKGError

# What a tab fills when the page opens: a function and the components it returns values for.
Loader = tuple[Callable[..., tuple[object, ...]], list[gr.components.Component]]

# gr.HTML runs this once per component: any element with data-clause (a citation chip, a
# neighbouring clause) or data-query (a schema label) reports its value to the server.
CLICK_JS = """
element.addEventListener('click', (event) => {
  const hit = event.target.closest('[data-clause],[data-query]');
  if (!hit) return;
  event.preventDefault();
  trigger('click', {clause: hit.dataset.clause || '', query: hit.dataset.query || '',
                    n: hit.dataset.n || ''});
});
"""

LEVELS = {"province": "省级 Province", "city": "市级 City", "district": "区级 Zone",
          "press": "报道 Press", "other": "其他 Other"}


@contextmanager
def shown_errors() -> Iterator[None]:
    """A PolicyKGError becomes a message in the browser, never a traceback."""
    try:
        yield
    except PolicyKGError as exc:
        raise gr.Error(str(exc)) from exc


def esc(value: object) -> str:
    return html.escape("" if value is None else str(value))


def clause_link(clause_id: str, label: str) -> str:
    """A markdown link that opens the clause in the 文件 tab (see ``app.open_deep_link``)."""
    return f"[{label or clause_id}](?clause={quote(clause_id, safe='')})"


def number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


_FILES = Path(tempfile.gettempdir()) / "policykg-files"


def temp_file(prefix: str, suffix: str, text: str) -> str:
    """Write a download (CSV, Markdown) where Gradio may serve it from; named by content,
    so asking twice for the same rows writes one file."""
    _FILES.mkdir(parents=True, exist_ok=True)
    path = _FILES / f"{prefix}-{hashlib.sha1(text.encode()).hexdigest()[:12]}{suffix}"
    path.write_text(text, encoding="utf-8")
    return str(path)
