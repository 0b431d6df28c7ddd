"""Money and counts as the plans write them: 200万元, 8亿元, 1000亿元, 1.3万亿元 — never 1e+07.

>>> format_wan(200), format_wan(80000), format_wan(10000000), format_wan(130000000)
('200万元', '8亿元', '1000亿元', '1.3万亿元')
"""

from __future__ import annotations

_YI = 10_000  # 万元 in one 亿元
_WAN_YI = 100_000_000  # 万元 in one 万亿元


def plain(value: float) -> str:
    """A number without exponent or trailing zeros: 10000000.0 → '10000000', 0.38 → '0.38'."""
    if value == int(value):
        return str(int(value))
    return f"{value:.6f}".rstrip("0").rstrip(".")


def format_wan(amount_wan: float | None) -> str:
    """An amount stored in 万元, in the largest unit that keeps it a readable number."""
    if amount_wan is None:
        return ""
    if abs(amount_wan) >= _WAN_YI:
        return f"{plain(amount_wan / _WAN_YI)}万亿元"
    if abs(amount_wan) >= _YI:
        return f"{plain(amount_wan / _YI)}亿元"
    return f"{plain(amount_wan)}万元"


def format_ratio(ratio: float | None) -> str:
    """A share stored as a fraction, as a percentage: 0.3 → '30%'."""
    return "" if ratio is None else f"{plain(round(ratio * 100, 4))}%"
