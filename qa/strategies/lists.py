"""Lists: 「“七园”是哪七个园区？」 answered with the seven, not the sentence that names them.

A list question names its list (a quoted name, or a counted noun such as 「四类平台」) and
often says how many items it expects. Plans print a list in a few ways, all read here:
circled items after the name (「“七园”：…其中：①…；②…」), an enumeration right before or
after the name (「打造“A、B、C、D”四类平台」, 「三大任务：A、B、C」), or child clauses whose
headings are the items. The enumeration whose size matches the expected count wins.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from qa.compose import Point
from qa.corpus import ClauseCorpus
from qa.plan import count_of
from qa.strategies.base import Context, Draft
from qa.textscan import JoinedTexts
from qa.types import ClauseRecord
from qa.wording import cut, focus, task_title

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮"
_QUOTES = re.compile(r"[“”\"'‘’「」『』]")
_AFTER = re.compile(r"^[）)]?\s*(?:[：:]|[，,（(]?\s*(?:即|包括|包含|分别是|分别为|主要有|主要包括|是指|指))\s*[：:]?")
_ITEM_MAX = 24
# 「哪几个阶段」「哪些方面」: the noun whose items are asked for.
_ASKED_NOUN = re.compile(r"哪(?:几|些)(?P<measure>[个项类条种大]?)(?P<noun>[\u4e00-\u9fff]{2,6}?)(?=[？?，,。]|$)")
_NUMERAL = r"(\d{1,2}|十[一二三四五六七八九]?|[一二两三四五六七八九])"
_COUNTED = re.compile(_NUMERAL + r"\s*([个类项大家条种])")


@dataclass(frozen=True)
class Found:
    items: tuple[str, ...]
    clause: ClauseRecord
    children: tuple[ClauseRecord, ...] = ()


def answer_list(ctx: Context) -> Draft | None:
    cases = _cases(ctx) or _suffixed(ctx) or _verb_objects(ctx)
    if cases is not None:
        return cases
    several = _several_lists(ctx)
    if several is not None:
        return several
    plan = ctx.plan
    key, count = plan.list_key, plan.count
    if count is None and "list" in ctx.linked.intents:
        key, count = _counted_by_the_plan(ctx)
    if not key or count is None:
        return None
    found = find_list(ctx, key, count)
    if found is None:
        return None
    name = key
    if found.children:
        printed = _printed_together(found)
        intro = Point(found.clause, f"{name}（{printed}）：" if printed else f"{name}：")
        titles = [task_title(c) for c in found.children]
        return Draft.of([intro] + [Point(c, t, "· ") for c, t in zip(found.children, titles)])
    return Draft.of([Point(found.clause, f"{name}：{'、'.join(found.items)}")])


# 「要依托哪几个园区打造…」: what a plan sets after the verb the question asks with, each
# time it prints it (「依托A，…。依托B，…。依托C，…」).
_VERB_ASKED = re.compile(r"(?P<verb>依托|围绕|聚焦|依靠|借助|面向|立足|联合|携手)(?:哪几个|哪几家|哪些|哪[一二两三四五六七八九十\d]+[个家])")
_OBJECT_MAX = 20


def _verb_objects(ctx: Context) -> Draft | None:
    asked = _VERB_ASKED.search(re.sub(r"\s", "", ctx.linked.raw or ctx.question))
    if not asked:
        return None
    after = re.compile(asked.group("verb") + r"([^，,。；;：:、]{2,%d})[，,。；;]" % _OBJECT_MAX)
    for evidence in ctx.evidence[:5]:
        clause = evidence.clause
        objects = list(dict.fromkeys(m.group(1) for m in after.finditer(re.sub(r"\s", "", clause.text))))
        if len(objects) >= 2 and ctx.in_scope(clause.doc_id):
            return Draft.of([Point(clause, f"{asked.group('verb')}：{'、'.join(objects)}")])
    return None


# 「哪些情形不允许贷款」: the kind of case, then what the plan says of each case.
_CASES_ASKED = (re.compile(r"(?:哪些|哪几种|哪几类|什么)(?:情形|情况|行为|条件)(?:下|时)?(?:会|将|要|可以|可)?"
                           r"(?P<said>[\u4e00-\u9fff]{3,10})(?=[？?，,。]|$)"),
                # 「规定了哪些不能享受补贴的情形」: what is said of the cases comes first.
                re.compile(r"(?:哪些|哪几种|哪几类)(?P<said>[\u4e00-\u9fff]{3,10}?)的(?:情形|情况|行为)"))
# 「不能享受补贴」 is printed 「不享受本措施的补贴政策」: a negated verb, then its object a few
# words on.
_NEGATED = re.compile(r"^(?P<verb>[不未](?:能|可以|可|得|会)?(?P<bare>[\u4e00-\u9fff]{2}))(?P<rest>[\u4e00-\u9fff]{2,})$")
_CASES_MAX = 10


def _cases(ctx: Context) -> Draft | None:
    """A question asking which cases lead to what the plan prints after each of them
    (「…的，不允许贷款」 closing seven items under several sections): every sentence in
    the plans in scope that says it, in plan order. Only when the plans in scope say it
    in two or more sentences, and only in those plans."""
    question = re.sub(r"\s", "", ctx.linked.raw or ctx.question)
    asked = next((m for m in (p.search(question) for p in _CASES_ASKED) if m), None)
    if not asked or not ctx.scope_docs:
        return None
    said = asked.group("said")  # looked for as asked: 「不予贷款」 printed would escape it
    literal, printed = _said_printed(said)
    plain = _plain_corpus(ctx.corpus)
    points = []
    for i in sorted(set(plain.texts.rows_holding(literal).tolist())):
        clause = plain.rows[i][0]
        if not ctx.in_scope(clause.doc_id):
            continue
        for sentence in re.split(r"(?<=[。；;])", clause.text):
            if printed.search(re.sub(r"\s", "", sentence)):
                points.append(Point(clause, cut(sentence.strip(), 90)))
    if len(points) < 2:
        return None
    points.sort(key=lambda p: (p.clause.doc_id, p.clause.ordinal))
    # No count in the text: every number an answer states must be in a clause it cites.
    more = "（部分）" if len(points) > _CASES_MAX else ""
    # Quoted only when printed so (「不能享受补贴」 is printed 「不享受本措施的补贴政策」).
    told = f"写明“{said}”" if literal == said else said
    return Draft.of(points[:_CASES_MAX], intro=f"规划文件{told}的情形{more}：")


def _said_printed(said: str) -> tuple[str, re.Pattern[str]]:
    """What a sentence must print to say ``said``, and a literal every such sentence holds:
    a negated verb as plans print it (「不能享受补贴」 → 「不享受…补贴」), else ``said`` as asked."""
    negated = _NEGATED.match(said)
    if negated is None:
        return said, re.compile(re.escape(said))
    verb = said[0] + negated.group("bare")
    return verb, re.compile(re.escape(verb) + r"[^，,。；;：:]{0,10}?" + re.escape(negated.group("rest")))


# 「往哪几个“化”的方向建设」: the quoted word is what every item ends with.
_SUFFIX_ASKED = re.compile(r"哪(?:几|些)[个种类项大]?[“\"‘「](?P<suffix>[\u4e00-\u9fff]{1,2})[”\"’」]")
_SUFFIX_EVIDENCE = 12


def _suffixed(ctx: Context) -> Draft | None:
    """A list asked by the word its items share (「哪几个“化”」, 「哪些“中心”」): the first
    enumeration of three or more items ending in that word, in the clauses of the best
    evidence, quoted with the words around it."""
    asked = _SUFFIX_ASKED.search(re.sub(r"\s", "", ctx.linked.raw or ctx.question))
    if not asked:
        return None
    suffix = re.escape(asked.group("suffix"))
    item = rf"[\u4e00-\u9fffA-Za-z0-9]{{1,8}}?{suffix}"
    sep = r"(?:[、，,]?(?:和|及|以及|与)|[、，,])"
    run = re.compile(rf"{item}(?:{sep}{item}){{2,}}")
    seen: set[str] = set()
    for evidence in ctx.evidence[:_SUFFIX_EVIDENCE]:
        clause = evidence.clause
        if clause.clause_id in seen:
            continue
        seen.add(clause.clause_id)
        for sentence in re.split(r"(?<=[。；;])", clause.text):
            match = run.search(_plain(sentence))
            if match is None:
                continue
            items = re.split(sep, match.group())
            if len(items) >= 3:
                return Draft.of([Point(clause, focus(sentence.strip(), [items[1]], limit=120))])
    return None


# The count a list's name opens with: 「两区」, 「三中心」, 「一核两芯七园」's 一.
_NAME_COUNT = re.compile("^" + _NUMERAL + r"[\u4e00-\u9fff]")


def _several_lists(ctx: Context) -> Draft | None:
    """「“两区”“三中心”分别指什么」: each quoted counted name is a list of its own; every
    one is answered, or the question is left to the other strategies."""
    text = re.sub(r"\s", "", ctx.linked.raw or ctx.question)
    quoted = [(q, _NAME_COUNT.match(q)) for q in dict.fromkeys(re.findall(r"[“\"]([^”\"]{2,12})[”\"]", text))]
    keys = [(q, count_of(m.group(1))) for q, m in quoted if m]
    if len(keys) < 2:
        return None
    points = []
    for key, count in keys:
        found = find_list(ctx, key, count) if count else None
        if found is None or found.children:
            return None
        points.append(Point(found.clause, f"{key}：{'、'.join(found.items)}"))
    return Draft.of(points)


def find_list(ctx: Context, key: str, count: int) -> Found | None:
    """The enumeration of ``count`` items the plans give for ``key``: first under a section
    whose heading is the list's name (its sub-sections are the items), then where the
    name is printed as the question spells it, then where it is printed more loosely."""
    pattern = _key_pattern(key)
    exact, bare = _plain(key), _uncounted(_plain(key))
    ranked = {e.clause.clause_id: i for i, e in enumerate(ctx.evidence)}
    plain = _plain_corpus(ctx.corpus)
    # Every match of the pattern prints its first words (``_key_literal``): the regex runs on
    # the few clauses that do, not on all of them.
    rows = set(plain.texts.rows_holding(_key_literal(key)).tolist())
    if bare:
        rows.update(plain.headings.rows_holding(bare).tolist())
    clauses = [c for c, text, heading in (plain.rows[i] for i in sorted(rows)) if ctx.in_scope(c.doc_id)
               and (pattern.search(text) or (bare and bare in heading))]
    counted = re.compile(r"(?:\d{1,2}|十[一二三四五六七八九]?|[一二两三四五六七八九])[个类项大家条种]?" + re.escape(exact))
    clauses.sort(key=lambda c: (not (bare and bare in _plain(c.heading)),
                                not counted.search(_plain(c.text)),
                                exact not in _plain(f"{c.heading}{c.text}"),
                                ranked.get(c.clause_id, 10_000), c.doc_id, c.ordinal))
    for clause in clauses[:40]:
        for found in _enumerations(ctx, clause, pattern):
            # 「围绕“两区”、“三中心”等区域」 lists the names, not the items of one.
            if len(found.items) == count and not any(exact in _plain(i) for i in found.items):
                return found
    return _counted_in_evidence(ctx, count)


def _counted_by_the_plan(ctx: Context) -> tuple[str | None, int | None]:
    """「分成了哪几个阶段？」 says no number, but the sentence that answers it does
    (「发展目标分为三个阶段」): that count, with the counted noun as the list's name."""
    asked = _ASKED_NOUN.search(re.sub(r"\s", "", ctx.linked.raw or ctx.question))
    if not asked:
        return None, None
    # (Not an ordinal: 「第七大行动」 is one action, not a set of seven.)
    counted = re.compile(r"(?<!第)" + _COUNTED.pattern + r"?\s*" + re.escape(asked.group("noun")))
    for evidence in ctx.evidence[:5]:
        match = counted.search(_plain(evidence.sentence))
        if match:
            return match.group(), count_of(match.group(1))
    # 「一共部署了哪几大行动」: a measure word as distinctive as 大 names the set wherever
    # the plans in scope print it (「实施A、B、C、D四大行动」), best-ranked clauses first.
    measure = asked.group("measure")
    if measure not in ("大", "类") or not ctx.scope_docs:
        return None, None
    literal = measure + asked.group("noun")
    counted = re.compile(r"(?<!第)" + _COUNTED.pattern.replace("[个类项大家条种]", re.escape(measure))
                         + re.escape(asked.group("noun")))
    plain = _plain_corpus(ctx.corpus)
    ranked = {e.clause.clause_id: i for i, e in enumerate(ctx.evidence)}
    holding = [plain.rows[i] for i in sorted(set(plain.texts.rows_holding(literal).tolist()))]
    holding.sort(key=lambda row: (ranked.get(row[0].clause_id, 10_000), row[0].doc_id, row[0].ordinal))
    for clause, text, _ in holding:
        match = counted.search(text) if ctx.in_scope(clause.doc_id) else None
        if match:
            return match.group(), count_of(match.group(1))
    return None, None


def _counted_in_evidence(ctx: Context, count: int) -> Found | None:
    """No list printed under its name: an enumeration of exactly ``count`` items in one of
    the sentences that answer the question best (「推动A、B、C落地」 for 「哪三个平台」)."""
    best = ctx.evidence[0].coverage if ctx.evidence else 0.0
    for evidence in ctx.evidence[:8]:
        if evidence.coverage < max(0.5, best * 0.8):
            break
        for piece in re.split(r"[。；;，,：:]", _plain(evidence.sentence)):
            body = re.sub(r"^.{0,6}?(?:推动|推进|打造|建设|建立|培育|引进|争取|形成|包括|聚焦|围绕|实施)", "", piece, count=1)
            body = re.sub(r"在[^、]{2,16}(?:落地|建设|布局|集聚)$|(?:等)?(?:落地|建设|发展|为主|为重点)$", "", body)
            items = _items(body)
            if len(items) == count:
                return Found(tuple(items), evidence.clause)
    return None


def _uncounted(key: str) -> str:
    """「四类产业赋能平台」 → 「产业赋能平台」: the name a section heading would use."""
    rest = _COUNTED.sub("", key, count=1)
    return rest if len(rest) >= 4 and rest != key else ""


def _enumerations(ctx: Context, clause: ClauseRecord, pattern: re.Pattern[str]) -> Iterator[Found]:
    text = _plain(clause.text.replace("\n", "。"))  # a heading line ends where its text begins
    for match in pattern.finditer(text):
        circled = _circled_after(text[match.end():])
        if circled:
            yield Found(tuple(circled), clause)
        after = _enumeration_after(text[match.end():])
        if after:
            yield Found(tuple(after), clause)
        before = _enumeration_before(text[:match.start()])
        if before:
            yield Found(tuple(before), clause)
    children = [c for c in ctx.corpus.children(clause.clause_id)
                if c.heading.strip() and c.kind not in ("footnote", "table_row")]
    if children:
        yield Found(tuple(cut(c.heading.strip(), _ITEM_MAX + 6) for c in children), clause, tuple(children))


def _circled_after(text: str) -> list[str]:
    parts = re.split(f"(?=[{_CIRCLED}])", text)[1:]
    items = [re.split(r"[，,；;。：:（(]", p[1:])[0].strip() for p in parts]
    return [i for i in items if 2 <= len(i) <= _ITEM_MAX * 2]


def _enumeration_after(text: str) -> list[str]:
    bracketed = re.match(r"^[（(]([^）)]{4,200})[）)]", text)
    if bracketed:  # 「4个领域（A、B、C、D）」
        return _items(bracketed.group(1))
    lead = _AFTER.match(text)
    if not lead:
        return []
    body = re.split(r"[。；;，,]", text[lead.end():])[0]
    return _items(body)


def _enumeration_before(text: str) -> list[str]:
    body = re.split(r"[。；;，,：:]", text)[-1]
    body = re.sub(r"^.{0,4}?(?:打造|建设|形成|实施|构建|培育|发展|推进|推动|聚焦|围绕|包括|开展|落实|创建|争创|申报)(?:以|了)?", "",
                  body, count=1)
    # 「以广东、上海、北京为中心的珠三角、长三角…」: what the items centre on is not one of them.
    body = re.sub(r"^以[^的]{2,30}?为(?:中心|核心|重点|主体|引领|龙头|依托|支撑)的", "", body)
    body = re.sub(r"(?:为主的|为重点的|等|的|即|也就是|简称|统称|合称|并称)$", "", body)
    body = re.sub(r"(?:\d{1,2}|十[一二三四五六七八九]?|[一二两三四五六七八九])[个类项大家条种]$", "", body)
    return _items(body)


def _items(body: str) -> list[str]:
    body = re.sub(r"等$", "", body.strip())
    body = re.sub(r"^(?:分别是|分别为|即|包括|主要有|主要包括)[：:]?", "", body)  # lead-in, not an item
    parts = re.split(r"、", body)
    if len(parts) < 2:
        parts = re.split(r"和|与|及", body)  # a pair: 「A和B」
        if len(parts) != 2:
            return []
    last = re.split(r"(?:和|及|以及|与)", parts[-1])
    parts = parts[:-1] + last if len(last) == 2 and all(len(x) >= 2 for x in last) else parts
    items = [p.strip() for p in parts]
    return items if all(2 <= len(i) <= _ITEM_MAX and _name_like(i) for i in items) else []


def _name_like(item: str) -> bool:
    """A list item names something; a clause fragment (「…的影响力」「提升其作为…」) does not."""
    return not re.search(r"的[\u4e00-\u9fff]{2,}$|^(?:提升|提高|加强|推动|推进|作为|实现|支持|鼓励|引导|促进)", item)


def _key_pattern(key: str) -> re.Pattern[str]:
    """The list's name as plans print it: quotes and spaces ignored, and a counted noun may
    have words between the count and the noun (「四类平台」 ~ 「四类产业赋能平台」)."""
    plain = _plain(key)
    head = _key_literal(key)
    if head != plain:
        noun = plain[len(head):]
        return re.compile(re.escape(head) + r"[^，,。；;：:、]{0,8}?" + re.escape(noun[-2:] if len(noun) > 2 else noun))
    return re.compile(re.escape(plain))


def _key_literal(key: str) -> str:
    """What every match of ``_key_pattern(key)`` starts with: the count and its measure word
    of a counted name followed by a noun (「四类」), else the whole name."""
    plain = _plain(key)
    counted = _COUNTED.search(plain)
    return plain[: counted.end()] if counted and counted.end() < len(plain) else plain


def _printed_together(found: Found) -> str:
    """Items of a character or two are often printed run together as the list's name
    (「光芯屏端网云智」): say it that way too when the clause does."""
    if not all(len(i) <= 2 for i in found.items):
        return ""
    joined = "".join(found.items)
    return joined if joined in _plain(f"{found.clause.heading}{found.clause.text}") else ""


@dataclass(frozen=True)
class _PlainCorpus:
    rows: list[tuple[ClauseRecord, str, str]]  # clause, heading + text, heading
    texts: JoinedTexts
    headings: JoinedTexts


@functools.lru_cache(maxsize=2)
def _plain_corpus(corpus: ClauseCorpus) -> _PlainCorpus:
    """Each clause with its heading and text, and its heading alone, as ``_plain`` reads
    them: made once per loaded corpus, not on every list question (45,000 clauses at ×100)."""
    rows = [(c, _plain(f"{c.heading}{c.text}"), _plain(c.heading)) for c in corpus]
    return _PlainCorpus(rows, JoinedTexts([r[1] for r in rows]), JoinedTexts([r[2] for r in rows]))


def _plain(text: str) -> str:
    """Text to find a list in: spaces and quotes gone, but 「“A”“B”“C”」 kept apart as A、B、C."""
    text = re.sub(r"\s", "", text)
    text = re.sub(r"[”\"」』]\s*[“\"「『]", "、", text)
    return _QUOTES.sub("", text)
