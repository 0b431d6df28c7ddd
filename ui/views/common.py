"""Helpers every view shares: error display, click delegation, escaping, numbers, text widths."""

from __future__ import annotations

import functools
import hashlib
import html
import logging
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import gradio as gr

from kg.errors import PolicyKGError
from qa.browse import plain

logger = logging.getLogger(__name__)
Handler = TypeVar("Handler", bound=Callable[..., Any])

# What a tab fills when the page opens: a function and the components it returns values for.
Loader = tuple[Callable[..., tuple[object, ...]], list[gr.components.Component]]

# gr.HTML runs this once per component: any element with data-clause (a citation chip, a
# neighbouring clause), data-open ("show in its document") or data-query (a schema label)
# reports its value to the server.
CLICK_JS = """
element.addEventListener('click', (event) => {
  const hit = event.target.closest('[data-clause],[data-query],[data-open]');
  if (!hit) return;
  event.preventDefault();
  trigger('click', {clause: hit.dataset.clause || '', query: hit.dataset.query || '',
                    open: hit.dataset.open || '', n: hit.dataset.n || ''});
});
"""


@dataclass(frozen=True)
class Built:
    """What app.py wires after every tab exists: what fills the tab when the page opens,
    and the clause panels whose "show in its document" opens the 文件 tab."""

    loader: Loader | None = None
    panels: tuple[gr.HTML, ...] = ()


ROW_HINT = "点击一行，在右侧查看其条款 Click a row to read its clause"

LEVELS = {"province": "省级 Province", "city": "市级 City", "district": "区级 Zone",
          "press": "报道 Press", "other": "其他 Other"}


def unchanged(count: int) -> Any:
    """What a handler returns to leave its ``count`` outputs as they are."""
    return gr.skip() if count == 1 else tuple(gr.skip() for _ in range(count))


def warn(exc: Exception) -> None:
    """Show an error as a message beside the page. Raising into a handler's outputs would
    turn each of them into a red "Error" pill and hide what they showed."""
    if isinstance(exc, PolicyKGError):
        logger.info("shown to the user: %s", exc)
        gr.Warning(str(exc), title="出错 Error")
    else:
        logger.exception("unexpected error in the app")
        gr.Warning("内部错误，服务器日志有详情。Internal error; the server log has the details.",
                   title="出错 Error")


def guarded(count: int) -> Callable[[Handler], Handler]:
    """A handler whose error shows as a message (``warn``) and leaves its ``count``
    outputs as they were. The signature is kept: Gradio reads it for gr.Request,
    gr.EventData and gr.SelectData."""
    def wrap(fn: Handler) -> Handler:
        @functools.wraps(fn)
        def run(*args: Any, **kwargs: Any) -> Any:
            try:
                return fn(*args, **kwargs)
            except Exception as exc:  # noqa: BLE001 - every error becomes a message
                warn(exc)
                return unchanged(count)
        return run  # type: ignore[return-value]
    return wrap


def esc(value: object) -> str:
    return html.escape("" if value is None else str(value))


def number(value: float | None) -> str:
    """A number as people write it: no exponent, no trailing zeros (1e+07 → 10000000)."""
    return "" if value is None else plain(value)


def text_width(text: str, font: float) -> float:
    """Rendered width in px, near enough: CJK characters and punctuation (…) are square
    in a CJK font, Latin letters and digits about half as wide."""
    return sum(font if ord(ch) >= 0x2000 else font * 0.6 for ch in text)


def fit(text: str, width: float, font: float) -> str:
    """``text`` cut with … so that it renders within ``width`` px."""
    if text_width(text, font) <= width:
        return text
    while text and text_width(text + "…", font) > width:
        text = text[:-1]
    return text + "…"


_FILES = Path(tempfile.gettempdir()) / "policykg-files"


def temp_file(prefix: str, suffix: str, text: str) -> str:
    """Write a download (CSV, Markdown) where Gradio may serve it from; named by content,
    so asking twice for the same rows writes one file."""
    _FILES.mkdir(parents=True, exist_ok=True)
    path = _FILES / f"{prefix}-{hashlib.sha1(text.encode()).hexdigest()[:12]}{suffix}"
    path.write_text(text, encoding="utf-8")
    return str(path)
