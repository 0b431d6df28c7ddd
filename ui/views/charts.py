"""Hand-drawn SVG bar charts: one small chart per metric set for places of several levels.

Each bar is a place (the target's scope — a city's target quoted in its zone's plan is
the city's bar), labelled with its level and name, the plan that states it and the year;
the value is printed as the plan states it (50家 stays 50家), while bar lengths compare
values converted to one unit.

No plotting library and no CDN: the machine serving the app may have no internet, and
plain SVG renders the same in every browser and in screenshots."""

from __future__ import annotations

from collections.abc import Sequence

from qa.browse import ComparableGroup, TargetRow
from ui.views.common import LEVELS, esc, fit, number

COLORS = {"province": "#b91c1c", "city": "#1d4ed8", "district": "#0f766e", "other": "#6b7280"}
_SYMBOL = {">=": "≥", "<=": "≤", ">": ">", "<": "<"}
_BAR_H, _GAP, _LABEL_W, _BAR_W, _VALUE_W, _PAD = 20, 34, 220, 230, 110, 8
_LABEL_FONT, _SUB_FONT = 13, 11


def comparison_grid(groups: Sequence[ComparableGroup], limit: int = 12) -> str:
    if not groups:
        return ('<div class="chart-empty">没有可跨层级比较的指标（需省、市、区设定同一指标）。'
                'No metric is set for places of two or more levels.</div>')
    cards = "".join(_card(g) for g in groups[:limit])
    more = (f'<div class="muted">另有 {len(groups) - limit} 个指标未显示；用“指标”筛选。</div>'
            if len(groups) > limit else "")
    legend = "".join(f'<span class="legend-item"><i style="background:{COLORS[k]}"></i>{esc(LEVELS[k])}</span>'
                     for k in ("province", "city", "district"))
    return f'<div class="chart-legend">{legend}</div><div class="chart-grid">{cards}</div>{more}'


def _card(group: ComparableGroup) -> str:
    return (f'<div class="chart-card"><div class="chart-title">{esc(group.metric)}</div>'
            f'{bar_chart(group)}</div>')


def bar_chart(group: ComparableGroup) -> str:
    top = max((v for _, v in group.points), default=0) or 1
    height = _PAD * 2 + len(group.points) * (_BAR_H + _GAP) - _GAP + 16
    rows = [_bar(target, value, top, _PAD + i * (_BAR_H + _GAP))
            for i, (target, value) in enumerate(group.points)]
    width = _LABEL_W + _BAR_W + _VALUE_W
    return (f'<svg class="bar-chart" viewBox="0 0 {width} {height}" width="100%" '
            f'role="img" aria-label="{esc(group.metric)}">{"".join(rows)}</svg>')


def _bar(target: TargetRow, value: float, top: float, y: int) -> str:
    """One place's bar: level · place over the plan and year on the left, the bar, the
    value as printed. Texts are cut to their column so none runs under the bar."""
    length = max(2.0, _BAR_W * value / top)
    color = COLORS.get(target.scope_level or "other", COLORS["other"])
    level = LEVELS.get(target.scope_level or "other", "").split(" ")[0]
    label = fit(f"{level} · {target.place}", _LABEL_W - 10, _LABEL_FONT)
    quoted = "引自" if target.region and target.region != target.place else ""
    year = f"{target.year}年 · " if target.year else ""
    sub = fit(f"{year}{quoted}《{target.doc_title}》", _LABEL_W - 10, _SUB_FONT)
    shown = f"{_SYMBOL.get(target.comparator, '')}{number(target.value)}{target.unit}"
    return (f'<g class="bar" data-level="{esc(target.scope_level or "other")}" '
            f'data-place="{esc(target.place)}"><title>{esc(target.doc_title)} '
            f'{esc(target.clause_label)}：{esc(target.metric)} {esc(target.value_text)}'
            f'（{esc(target.place)} {target.year or ""}）</title>'
            f'<text x="0" y="{y + 13}" class="bar-label">{esc(label)}</text>'
            f'<text x="0" y="{y + 30}" class="bar-sub">{esc(sub)}</text>'
            f'<rect x="{_LABEL_W}" y="{y + 2}" width="{length:.1f}" height="{_BAR_H}" rx="3" '
            f'fill="{color}"/><text x="{_LABEL_W + length + 6:.1f}" y="{y + 17}" '
            f'class="bar-value">{esc(shown)}</text></g>')
