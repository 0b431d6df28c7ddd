"""Hand-drawn SVG bar charts: one small chart per metric that plans of several levels set.

No plotting library and no CDN: the machine serving the app may have no internet, and
plain SVG renders the same in every browser and in screenshots."""

from __future__ import annotations

from collections.abc import Sequence

from qa.browse import ComparableGroup
from ui.views.common import LEVELS, esc

COLORS = {"province": "#b91c1c", "city": "#1d4ed8", "district": "#0f766e", "other": "#6b7280"}
_SYMBOL = {">=": "≥", "<=": "≤", ">": ">", "<": "<"}
_BAR_H, _GAP, _LABEL_W, _BAR_W, _PAD = 22, 30, 190, 250, 8


def comparison_grid(groups: Sequence[ComparableGroup], limit: int = 12) -> str:
    if not groups:
        return ('<div class="chart-empty">没有可跨层级比较的指标（需省、市、区规划设定同一指标）。'
                'No metric is set by plans of two or more levels.</div>')
    cards = "".join(_card(g) for g in groups[:limit])
    more = (f'<div class="muted">另有 {len(groups) - limit} 个指标未显示；用“指标”筛选。</div>'
            if len(groups) > limit else "")
    legend = "".join(f'<span class="legend-item"><i style="background:{COLORS[k]}"></i>{esc(LEVELS[k])}</span>'
                     for k in ("province", "city", "district"))
    return f'<div class="chart-legend">{legend}</div><div class="chart-grid">{cards}</div>{more}'


def _card(group: ComparableGroup) -> str:
    unit = f"（{group.unit}）" if group.unit else ""
    return (f'<div class="chart-card"><div class="chart-title">{esc(group.metric)}{esc(unit)}</div>'
            f'{bar_chart(group)}</div>')


def bar_chart(group: ComparableGroup) -> str:
    top = max((v for _, v in group.points), default=0) or 1
    height = _PAD * 2 + len(group.points) * (_BAR_H + _GAP)
    width = _LABEL_W + _BAR_W + 90
    rows = []
    for i, (target, value) in enumerate(group.points):
        y = _PAD + i * (_BAR_H + _GAP)
        length = max(2.0, _BAR_W * value / top)
        color = COLORS.get(target.level or "other", COLORS["other"])
        level = LEVELS.get(target.level or "other", "").split(" ")[0]
        shown = f"{_SYMBOL.get(target.comparator, '')}{value:g}{group.unit}"
        rows.append(
            f'<g class="bar"><title>{esc(target.doc_title)} {esc(target.clause_label)}：'
            f'{esc(target.metric)} {esc(target.value_text)}</title>'
            f'<text x="0" y="{y + 15}" class="bar-label">{esc(level)} · {esc(target.region or "")}</text>'
            f'<text x="0" y="{y + 31}" class="bar-sub">{esc(_short(target.doc_title))} · {target.year or ""}</text>'
            f'<rect x="{_LABEL_W}" y="{y + 2}" width="{length:.1f}" height="{_BAR_H}" rx="3" fill="{color}"/>'
            f'<text x="{_LABEL_W + length + 6:.1f}" y="{y + 18}" class="bar-value">{esc(shown)}</text></g>')
    return (f'<svg class="bar-chart" viewBox="0 0 {width} {height}" width="100%" '
            f'role="img" aria-label="{esc(group.metric)}">{"".join(rows)}</svg>')


def _short(title: str, width: int = 16) -> str:
    return title if len(title) <= width else title[:width] + "…"
