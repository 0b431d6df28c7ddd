"""A ``str.translate`` table computed per character, on first sight.

Measuring or filtering text character by character in Python (``east_asian_width``,
NFKC per character) is most of the cost on long plans; a table that fills itself lets
``str.translate`` do the walk at C speed, paying the Python call once per distinct
character instead of once per occurrence.
"""

from __future__ import annotations

from collections.abc import Callable


class CharTable(dict[int, "str | None"]):
    """``text.translate(CharTable(rule))`` gives each character ``rule(ch)``: its
    replacement (a string, possibly empty), or None to delete it."""

    def __init__(self, rule: Callable[[str], str | None]) -> None:
        super().__init__()
        self._rule = rule

    def __missing__(self, code: int) -> str | None:
        self[code] = value = self._rule(chr(code))
        return value
