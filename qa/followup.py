"""Resolve an elliptical follow-up ("那湖北省呢？") against the conversation so far."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from qa.link import Linked, Linker
from qa.plan import core_phrase, subject_of, without_scope

_FOLLOWUP_START = re.compile(r"^(那|那么|还有|另外|以及|而|and\b|what about|how about)", re.I)
_ANAPHOR = re.compile(r"^(?:这个|这项|这些|这一|该|此|它|其(?![中他余实])|上述)(?!规划|方案|文件|意见|措施|办法|政策|份|部)"
                      r"(?:任务|工作|目标|指标|项目|事项|平台|工程|行动)?")
_DOCUMENT_ANAPHOR = re.compile(r"^(?:这份|这个|该|此|这部|本)(?:规划|方案|文件|意见|措施|办法|政策)")
_ASKS_ITSELF = re.compile(r"多少|几|什么|哪|谁|怎么|如何|是否|吗|目标|要求|规定")
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


@dataclass(frozen=True)
class Resolution:
    question: str      # what to answer
    context: str = ""  # earlier words it borrows, weighed less than its own
    carried: str = ""  # what it keeps from the previous question, to say so in the answer


def resolve(question: str, history: Sequence[Any], linker: Linker) -> Resolution:
    """A follow-up naming a new region or year is the previous question with that swapped
    in — keeping the previous metric and year unless it changes them, which the answer
    says; one naming only a new subject ("那双跨平台呢？") is the previous question asked of
    that subject; one asking a question of its own keeps its own words as the focus and
    the previous question as weaker context."""
    previous = previous_question(history)
    if not previous:
        return Resolution(question)
    current = linker.link(question)
    previous = re.sub(r"[“”\"]", "", previous)  # so what was asked is found in it as printed
    before = linker.link(previous)
    asked = core_phrase(without_scope(before))
    anaphor = _ANAPHOR.match(question.strip())
    if _DOCUMENT_ANAPHOR.match(question.strip()):
        return Resolution(question, previous)  # 「该规划的文号…」: the previous question's document
    topic = subject_of(without_scope(before)) or asked
    if anaphor and topic:
        # 「这个由谁负责？」「该目标是多少？」: the words point back at what was just asked about.
        return Resolution(topic + question.strip()[anaphor.end():],
                          carried=f"（“{anaphor.group()}”指上一问的“{topic}”）")
    if not is_followup(question, current):
        if asked and _asks_without_subject(current):
            # 「到2027年的目标是多少？」 names no subject of its own: the previous one's.
            return Resolution(f"{asked}{question}", carried=f"（沿用上一问的“{asked}”）")
        return Resolution(question)
    subject = re.sub(_FOLLOWUP_END, "", re.sub(_FOLLOWUP_START, "", question.strip())).strip(" ，,？?")
    subject = named_by_pointing(subject, linker.g.corpus_text) or subject
    predicate = predicate_of(previous)
    swapped = _swap_counterpart(previous, subject) if not _ASKS_ITSELF.search(subject) else None
    if swapped and not (current.regions or current.years or current.doc_ids):
        # 「那SaaS呢？」 after 「…云服务平台（PaaS）重点发展哪些？」: the same question with its
        # counterpart swapped, every other word kept (and PaaS not searched for any more).
        return Resolution(swapped, carried=f"（按上一问的问法，问“{subject}”）")
    if (not _ASKS_ITSELF.search(subject) and not (current.regions or current.years or current.doc_ids)
            and _MEASURED.search(subject) and _COUNTED_AFTER.search(predicate)):
        # 「那规上工业中小企业的数字化水平呢？」 after 「…每年要打造多少个公共数据示范场景？」: the
        # new subject names its own measure; the thing the previous one counted is not asked.
        scope = " ".join(before.surfaces)
        return Resolution(f"{scope}{subject}要达到多少？", previous,
                          carried=f"（按上一问的问法，问“{subject}”的目标）")
    if (not _ASKS_ITSELF.search(subject) and not (current.regions or current.years or current.doc_ids)
            and len(subject) >= 2 and predicate):
        # 「那服务业数字化标准规范呢？」 after 「健全服务业统计制度由谁牵头？」, 「那家电呢？」 after
        # 「汽车以旧换新活动安排了多少财政补贴资金？」: the previous question asked of a new subject.
        return Resolution(f"{subject}{predicate}", previous, carried=f"（按上一问的问法，问“{subject}”）")
    if _own_words(question, current) > 3:
        # 「那2025—2027年的方案里，每年要培育提升多少家？」 asks a question of its own; the
        # previous one lends its topic, not its scope when this one names its own.
        context = previous
        if current.regions or current.doc_ids:
            for surface in sorted(before.surfaces, key=len, reverse=True):
                context = context.replace(surface, " ")
        return Resolution(question, context)
    merged = previous
    if current.regions and before.regions:
        merged = _replace_forms(merged, before.regions, current.regions, linker)
    if current.years and before.years:
        for old, new in zip(before.years, current.years):
            merged = merged.replace(str(old), str(new))
    if merged != previous:
        return Resolution(merged, carried=carried_over(before, current))
    if current.years and not before.years:
        return Resolution(f"{previous} {subject}")
    return Resolution(subject or previous, previous if subject else "")


_QUESTION_WORD = re.compile(r"多少|几|什么|哪|谁|吗|怎么|如何")
# A subject naming its own measure (「…的数字化水平」, 「…占比」) and a predicate counting a
# thing after its question word (「打造多少个公共数据示范场景」).
_MEASURED = re.compile(r"(?:水平|比例|比重|占比|规模|总量|增速|增长率|覆盖率|普及率|渗透率|达标率)$")
_COUNTED_AFTER = re.compile(r"(?:多少|几)[个家项条台座所类种辆套]?[\u4e00-\u9fff]{2,}")
_VERB = re.compile(r"由|要|需|能|可|将|安排|给予|补贴|奖励|支持|达到|实现|建成|负责|牵头|提出|包括|设在|设|有|是")
_FRAME = re.compile(r"(?:目标|指标|标准|比例|规模|金额|额度|数量)$")


def predicate_of(question: str) -> str:
    """What a question asks of its subject: from the verb nearest before its question word
    to the end (「…活动安排了多少财政补贴资金？」 → 「安排了多少财政补贴资金？」), with a
    word that frames it (「…零售额目标是多少？」 → 「目标是多少？」)."""
    last = re.split(r"[，,。；;]", question.strip())[-1]
    asking = _QUESTION_WORD.search(last)
    if not asking:
        return ""
    verbs = [m for m in _VERB.finditer(last, 0, asking.start()) if asking.start() - m.start() <= 8]
    start = verbs[-1].start() if verbs else max(0, asking.start() - 2)
    framed = _FRAME.search(last[:start])
    start = framed.start() if framed else start
    return last[start:] if 0 < start < len(last) else ""


_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9+\-]*")


# 「汉江那条带」「沿长江那个带」: a thing named by a word of its name and the kind it is.
_POINTING = re.compile(r"(?P<word>[\u4e00-\u9fff]{2,8}?)(?:的)?(?:那|这)(?:条|个|项|块|类|家|座|片|张)(?P<kind>[\u4e00-\u9fff]{1,4})")


def named_by_pointing(subject: str, corpus_text: str) -> str | None:
    """The name the plans print for 「汉江那条带」: the one most often printed that runs from
    the word to the kind (「汉江数字经济连绵带」), None when the subject points at nothing
    or no plan prints such a name."""
    m = _POINTING.fullmatch(subject)
    if not m:
        return None
    found = Counter(re.findall(re.escape(m.group("word")) + r"[\u4e00-\u9fff]{0,8}?" + re.escape(m.group("kind")),
                               corpus_text))
    return found.most_common(1)[0][0] if found else None


def _swap_counterpart(previous: str, subject: str) -> str | None:
    """The previous question with the word that stands where ``subject`` would swapped for
    it: a Latin term sharing its ending (PaaS → SaaS), or a Chinese one ending in the same
    two characters (一孩家庭 → 二孩家庭). None when there is no single such word."""
    if _LATIN.fullmatch(subject):
        found = {t for t in _LATIN.findall(previous)
                 if t.lower() != subject.lower() and t[-2:].lower() == subject[-2:].lower()}
    elif len(subject) >= 3 and re.fullmatch(r"[\u4e00-\u9fff]+", subject):
        # Words of the subject's length that end where the subject ends (「…家庭」), else — a
        # three-character name — in its last character (软件层 → 安全层).
        found = _same_ending(previous, subject, 2)
        if not found and len(subject) == 3 and subject[-1] not in _FUNCTION_CHARS:
            found = _same_ending(previous, subject, 1)
    else:
        return None
    if len(found) != 1:
        return None
    old = found.pop()
    # 「云服务平台（PaaS）」: the Chinese name the abbreviation glosses goes with it.
    glossed = re.search(rf"([\u4e00-\u9fff]{{1,8}})([（(]\s*{re.escape(old)}\s*[）)])", previous)
    if glossed:
        name = re.split(r"[的和与及、]", glossed.group(1))[-1]
        return previous.replace(name + glossed.group(2), subject)
    return previous.replace(old, subject)


_FUNCTION_CHARS = set("的了呢吗和与及之等们")


def _same_ending(previous: str, subject: str, shared: int) -> set[str]:
    ends = [m.end() for m in re.finditer(re.escape(subject[-shared:]), previous)]
    found = {previous[end - len(subject): end] for end in ends if end >= len(subject)}
    return {f for f in found if f != subject and re.fullmatch(r"[\u4e00-\u9fff]+", f)}


def _asks_without_subject(current: Linked) -> bool:
    """A question whose only words are scope and question words (「到2027年的目标是多少？」)."""
    rest = re.sub(r"目标|指标|规划|方案|要求|计划|的|是|多少|什么|哪些|几|吗|呢|要|达到|[\s，,？?。]", "",
                  without_scope(current))
    return len(rest) < 2


def _own_words(question: str, current: Linked) -> int:
    """How many characters a follow-up says beyond its markers, scope and years."""
    rest = _FOLLOWUP_END.sub("", _FOLLOWUP_START.sub("", question.strip()))
    for surface in current.surfaces:
        rest = rest.replace(surface, "")
    rest = re.sub(r"20\d\d\s*年?|[—\-~至到]|的目标|目标|的|呢|吗|[\s，,？?。]", "", rest)
    return len(rest)


def carried_over(before: Linked, current: Linked) -> str:
    """「沿用上一问的指标“…”、2025年」: what a follow-up keeps without saying it."""
    kept = []
    metric = core_phrase(without_scope(before))
    if len(metric) >= 2:
        kept.append(f"指标“{metric}”")
    if before.years and not current.years:
        kept.append("、".join(f"{y}年" for y in before.years))
    if before.regions and not current.regions:
        kept.append("、".join(before.regions))
    return f"（沿用上一问的{'、'.join(kept)}）" if kept else ""


def _replace_forms(text: str, old: Sequence[str], new: Sequence[str], linker: Linker) -> str:
    forms = linker.g.regions
    for old_name, new_name in zip(old, new):
        surfaces = sorted((f for f, n in forms.items() if n == old_name and f in text), key=len, reverse=True)
        if surfaces:
            text = text.replace(surfaces[0], new_name)
    if len(new) > len(old):
        text = "、".join(new[len(old):]) + "和" + text
    return text
