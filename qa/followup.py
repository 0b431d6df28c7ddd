"""Resolve an elliptical follow-up ("那湖北省呢？") against the conversation so far."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from qa.link import Linked, Linker

_FOLLOWUP_START = re.compile(r"^(那|那么|还有|另外|以及|而|and\b|what about|how about)", re.I)
_FOLLOWUP_END = re.compile(r"(呢|如何|怎么样|怎样)[？?]?$")


def previous_question(history: Sequence[Any]) -> str | None:
    """The last user turn; history items are {"role", "content"} maps or (user, bot) pairs."""
    for turn in reversed(list(history or [])):
        if isinstance(turn, dict) and turn.get("role") == "user" and turn.get("content"):
            return str(turn["content"])
        if isinstance(turn, (list, tuple)) and turn and turn[0]:
            return str(turn[0])
    return None


def is_followup(question: str, linked: Linked) -> bool:
    q = question.strip()
    if _FOLLOWUP_START.search(q) or _FOLLOWUP_END.search(q):
        return True
    return len(re.sub(r"[\s？?。！!]", "", q)) <= 8 and not linked.intents - {"comparison"}


def resolve(question: str, history: Sequence[Any], linker: Linker) -> tuple[str, str]:
    """(question to answer, context it borrows). A follow-up naming a new region or year is
    the previous question with that swapped in; one naming a new subject ("那双跨平台呢？")
    keeps its own words as the focus and the previous question as weaker context."""
    previous = previous_question(history)
    current = linker.link(question)
    if not previous or not is_followup(question, current):
        return question, ""
    before = linker.link(previous)
    merged = previous
    if current.regions and before.regions:
        merged = _replace_forms(merged, before.regions, current.regions, linker)
    if current.years and before.years:
        for old, new in zip(before.years, current.years):
            merged = merged.replace(str(old), str(new))
    if merged != previous:
        return merged, ""
    subject = re.sub(_FOLLOWUP_START, "", question).strip()
    subject = re.sub(_FOLLOWUP_END, "", subject).strip(" ，,？?")
    if current.years and not before.years:
        return f"{previous} {subject}", ""
    return (subject or previous), (previous if subject else "")


def _replace_forms(text: str, old: Sequence[str], new: Sequence[str], linker: Linker) -> str:
    forms = linker.g.regions
    for old_name, new_name in zip(old, new):
        surfaces = sorted((f for f, n in forms.items() if n == old_name and f in text), key=len, reverse=True)
        if surfaces:
            text = text.replace(surfaces[0], new_name)
    if len(new) > len(old):
        text = "、".join(new[len(old):]) + "和" + text
    return text
