"""Targets from the graph: one metric by scope and year, and comparisons side by side.

A target question is answered from ``Target`` nodes whose metric matches what was asked
(``metric_similarity``), in the asked scope and year, each cited to the clause that sets
it. A comparison answers every side — a region (by the target's own scope, so a city's
goal quoted in a zone's plan counts for the city), a document or a year — with its target,
or says that side sets none (「未设定该指标目标」) rather than filling in a look-alike figure,
and says when the sides measure different things.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from qa.wording import render_row
from qa.compose import Point
from qa.evidence import SYNONYMS, sentences
from qa.lexical import _jieba_lock, dictionary_size, jieba_module, pos_cut, tokenize
from qa.strategies.base import FIGURE, Context
from qa.types import ClauseRecord
from qa.wording import chunks, focus, typeset

MATCH = 0.6     # least weighted share of the asked words a metric must carry
_NEAR = 0.08    # metrics this close to the best one are answers too (增加值 and 占比)
# 「各领域」「所有」 quantify what is measured rather than name it.
_FUNCTION = frozenset("的 和 与 及 等 之 在 对 为 年 到 达 达到 要 全省 全市 全区 全县 各 各类 各个 各项 所有 全部".split())
# Words that frame a goal rather than name what is measured.
_FRAMING = frozenset("每年 年均 平均 累计 新增 总 总量 总额 规模 数量 个数 水平 目标 指标 建设 发展 实现 完成 "
                     "计划 规划 方案 十四五 要求 提出 有 什么 多少 升级 打造 培育 建成 达到".split())
_NOUNISH = re.compile(r"^(?:n|eng|vn|j|l|i)")
_OWN_SCOPE = re.compile(r"^(?:全省|全市|全区|全县|我省|我市|我区|本省|本市|本区)")


@dataclass(frozen=True)
class TargetRow:
    metric: str
    value_text: str
    unit: str
    year: int | None
    scope: str
    clause: ClauseRecord
    similarity: float


@dataclass(frozen=True)
class Side:
    kind: str  # region | doc | year
    key: str
    label: str


def metric_similarity(ctx: Context | None, asked: str, metric: str, unit: str = "") -> float:
    """Share of the asked words the metric carries, tempered by how much else it says.
    Every content word counts alike: a qualifier such as 「核心产业」 is what separates
    「数字经济核心产业增加值」 from 「数字经济增加值」, however common it is in the plans.
    Words that only frame a goal (每年, 目标, 规模 …) and words no target's metric uses
    (the question's own phrasing) do not count."""
    want = _wanted(asked, None if ctx is None else ctx.metric_vocabulary, dictionary_size())
    have = [w for w in metric_words(_OWN_SCOPE.sub("", metric)) if w not in _FRAMING]
    if not want or not have:
        return 0.0
    metric_text = _squash(metric + unit)
    asked_text = _squash(asked)
    cover = sum(1 for w in want if w in metric_text) / len(want)
    precision = sum(1 for w in have if w in asked_text) / len(have)
    return 0.9 * cover + 0.1 * precision


@functools.lru_cache(maxsize=256)
def _wanted(asked: str, vocabulary: str | None, _dictionary: int) -> list[str]:
    """The asked words a metric must carry (cached: one question is compared with every
    candidate target's metric; ``vocabulary`` is the same string object throughout)."""
    return [w for w, flag in asked_words(asked)
            if w not in _FRAMING and (vocabulary is None or _measures(vocabulary, w, flag))]


def _measures(vocabulary: str, word: str, flag: str) -> bool:
    """Whether goals in the plans are measured in this word (「核心」 in 「数字经济核心产业
    增加值」), or it names something (「九州医药」): the phrasing of a question (「提到」「用」)
    is neither."""
    return word in vocabulary or (not word.isdigit() and _NOUNISH.match(flag) is not None)


def asked_words(text: str) -> list[tuple[str, str]]:
    """The words of an asked metric with their parts of speech, without function words."""
    return list(_asked_cut(text, dictionary_size()))


def metric_words(text: str) -> list[str]:
    """The words of a metric name (jieba's precise cut), without function words."""
    return list(_metric_cut(text, dictionary_size()))


# A question is compared with every candidate target's metric, and metrics repeat across
# plans: both sides' cuts are cached until jieba learns new words.
@functools.lru_cache(maxsize=512)
def _asked_cut(text: str, _dictionary: int) -> tuple[tuple[str, str], ...]:
    seen: dict[str, str] = {}
    for word, flag in pos_cut(_squash(text)):
        if word not in _FUNCTION and word.strip():
            seen.setdefault(word, flag)
    return tuple(seen.items())


@functools.lru_cache(maxsize=50_000)
def _metric_cut(text: str, _dictionary: int) -> tuple[str, ...]:
    jieba = jieba_module()
    with _jieba_lock:
        words = list(jieba.cut(_squash(text), HMM=False))
    return tuple(w for w in dict.fromkeys(words) if w not in _FUNCTION and w.strip())


@functools.lru_cache(maxsize=50_000)
def _squash(text: str) -> str:
    """Compared form: no spaces or quotes, and one word for each thing (「网上」 reads 「网络」)."""
    text = re.sub(r"[\s“”\"]", "", unicodedata.normalize("NFKC", text)).lower()
    for variant, word in SYNONYMS.items():
        text = text.replace(variant, word)
    return text


def matching_targets(ctx: Context, asked: str, years: Sequence[int] = ()) -> list[TargetRow]:
    excluded = _negated(ctx.linked.raw or ctx.linked.focus)
    terms = [t for t in tokenize(asked) if len(t) >= 2 and not t.isdigit()]
    rows = ctx.graph.targets_matching(terms, years) if terms else []
    found = []
    for row in rows:
        t, clause = row["target"], ctx.corpus.by_id.get(row["clause_id"])
        if clause is None:
            continue
        sim = metric_similarity(ctx, asked, t.get("metric") or "", t.get("unit") or "")
        if sim >= MATCH and not any(x in _squash(t.get("metric") or "") for x in excluded):
            found.append(TargetRow(t.get("metric") or "", t.get("value_text") or "", t.get("unit") or "",
                                   t.get("year"), t.get("scope") or row.get("region") or "", clause, sim))
    return sorted(found, key=lambda r: (-r.similarity, not _headline(ctx, r.clause), r.clause.ordinal))


def _headline(ctx: Context, clause: ClauseRecord) -> bool:
    """A goal the plan states under its 目标 section (总体目标, 发展目标): among goals that
    match a question alike, the plan's headline one answers it before a task's."""
    node: ClauseRecord | None = clause
    while node is not None:
        if "目标" in node.heading:
            return True
        node = ctx.corpus.parent(node.clause_id)
    return False


def _negated(question: str) -> list[str]:
    """Words the question rules out: 「（不只是核心产业）」「不含…」「而非…」."""
    found = re.findall(r"(?:不只是|不仅是|不是|不含|不包括|而非|除了?)([\u4e00-\u9fffA-Za-z0-9]{2,10}?)(?:[）)，,。？?]|以外|之外|外|$)",
                       re.sub(r"\s", "", question))
    return [_squash(f) for f in found]


def best_rows(rows: Sequence[TargetRow], limit: int = 2) -> list[TargetRow]:
    """The closest metrics (distinct, printed once: a table row repeating prose is one)."""
    if not rows:
        return []
    top = rows[0].similarity
    chosen: list[TargetRow] = []
    for row in rows:
        if row.similarity < top - _NEAR or len(chosen) >= limit:
            break
        if any(_same_target(row, c) for c in chosen):
            continue
        chosen.append(row)
    return chosen


def target_point(row: TargetRow, lead: str = "") -> Point:
    return Point(row.clause, typeset(dated(targets_text([row]), [row])), lead)


def grouped_points(rows: Sequence[TargetRow], lead: str) -> list[Point]:
    """One line per clause: targets a clause sets together read as its one sentence."""
    by_clause: dict[str, list[TargetRow]] = {}
    for row in rows:
        by_clause.setdefault(row.clause.clause_id, []).append(row)
    return [Point(group[0].clause, typeset(dated(targets_text(group), group)),
                  lead if i == 0 else lead.replace("：", "（另）："))
            for i, group in enumerate(by_clause.values())]


def dated(text: str, rows: Sequence[TargetRow]) -> str:
    """Say the target year when the clause prints it but the cut text lost it."""
    year = rows[0].year
    if not year or str(year) in text or str(year) not in rows[0].clause.text:
        return text
    return f"{text}（{year}年）"


def targets_text(rows: Sequence[TargetRow]) -> str:
    """Targets of one clause as it prints them: a table row as 「指标：值单位」, prose as the
    comma-parts that hold each value (with the part before when that one names the metric,
    and the 「到2027年，」 that dates them)."""
    clause = rows[0].clause
    if clause.kind == "table_row":
        return render_row(clause.text)
    for sentence in sentences(clause.text) or [clause.text]:
        parts = _fine_chunks(sentence)
        chosen: set[int] = set()
        for row in rows:
            value = re.sub(r"\s", "", row.value_text)
            at = next((i for i, p in enumerate(parts) if value and value in re.sub(r"\s", "", p)), None)
            if at is None:
                continue
            chosen.add(at)
            if at > 0 and not names_metric(parts[at], row.metric):
                chosen.add(at - 1)
        if chosen:
            if re.match(r"^\s*(?:到|至|力争到?)\s*20\d\d\s*年", parts[0]):
                chosen.add(0)
            return _joined(parts, sorted(chosen))
    return focus(clause.text, [rows[0].value_text, *_metric_words(rows[0].metric)], limit=110)


def _fine_chunks(sentence: str) -> list[str]:
    """Comma-parts, with a long part cut again at 、 (a run of goals listed with 、)."""
    out: list[str] = []
    for part in chunks(sentence):
        out += re.split(r"(?<=、)", part) if len(part) > 60 else [part]
    return [p for p in out if p.strip()]


def _joined(parts: list[str], chosen: list[int]) -> str:
    text, last = "", -1
    for i in chosen:
        text += ("…" if last >= 0 and i != last + 1 else "") + parts[i]
        last = i
    text = text.rstrip("，,；;：:、")
    return text if text.endswith("。") else text + ("…" if last < len(parts) - 1 else "")


def sides(ctx: Context) -> list[Side]:
    """The sides of a comparison: regions named (plans of their own or targets scoped to
    them), else documents, else years."""
    linked = ctx.linked
    if _VERSIONS.search(linked.raw or linked.focus) and len(linked.regions) <= 1 and len(linked.doc_ids) < 2:
        versions = _plan_versions(ctx)
        if len(versions) >= 2:
            return versions
    if len(linked.years) >= 2 and len(linked.regions) <= 1:
        by_year = _documents_by_year(ctx)
        if by_year:
            return by_year
    if len(linked.regions) >= 2:
        return [Side("region", r, r) for r in linked.regions]
    if len(linked.doc_ids) >= 2:
        return [Side("doc", d, f"《{ctx.corpus.docs[d].title}》") for d in linked.doc_ids]
    if linked.regions and linked.doc_ids:
        region = linked.regions[0]
        return [Side("region", region, region)] + [
            Side("doc", d, f"《{ctx.corpus.docs[d].title}》") for d in linked.doc_ids
            if ctx.corpus.docs[d].region != region]
    if len(linked.years) >= 2:
        return [Side("year", str(y), f"{y}年") for y in linked.years]
    return []


_VERSIONS = re.compile(r"两版|两个(?:版本|方案|规划|文件)|两份|前后|新旧|新老|先后")


def _plan_versions(ctx: Context) -> list[Side]:
    """「武汉前后两版方案」: the region's plans (not press reports), oldest first."""
    ids = ctx.region_docs.get(ctx.linked.regions[0], []) if ctx.linked.regions else list(ctx.corpus.docs)
    docs = [ctx.corpus.docs[d] for d in ids if ctx.corpus.docs[d].level != "press"]
    docs.sort(key=lambda d: (d.period or d.issued or "", d.issued or ""))
    return [Side("doc", d.doc_id, f"《{d.title}》") for d in docs[-3:]]


def _documents_by_year(ctx: Context) -> list[Side]:
    """「2020年的方案和2025年的新方案」: each year names the one plan (of the region asked
    about) whose period starts, or whose issue date falls, in it."""
    docs = [ctx.corpus.docs[d] for d in (ctx.region_docs.get(ctx.linked.regions[0], [])
                                         if ctx.linked.regions else ctx.corpus.docs)]
    sides_: list[Side] = []
    for year in ctx.linked.years:
        hits = [d for d in docs if (d.period or "").startswith(str(year)) or (d.issued or "").startswith(str(year))]
        if len(hits) != 1 or any(s.key == hits[0].doc_id for s in sides_):
            return []
        sides_.append(Side("doc", hits[0].doc_id, f"{year}年《{hits[0].title}》"))
    return sides_


def on_side(ctx: Context, row: TargetRow, side: Side) -> bool:
    if side.kind == "region":
        return row.scope == side.key or (not row.scope and row.clause.region == side.key)
    if side.kind == "doc":
        return row.clause.doc_id == side.key
    return str(row.year) == side.key


def own_first(ctx: Context, rows: list[TargetRow], side: Side) -> list[TargetRow]:
    """A region's own plans speak for it before another plan quoting it."""
    if side.kind != "region":
        return rows
    own = set(ctx.region_docs.get(side.key, []))
    return sorted(rows, key=lambda r: (r.clause.doc_id not in own, -r.similarity, r.clause.ordinal))


def compare_targets(ctx: Context, asked: str, parts: Sequence[Side]) -> tuple[list[Point], list[str]] | None:
    """Each side's target for ``asked``; None when no side has one (not a target question)."""
    # Years that pick the sides (「2020年的方案和2025年的新方案」) do not filter the goals.
    years = list(ctx.linked.years) if parts[0].kind == "region" else []
    rows = matching_targets(ctx, asked, years)
    points: list[Point] = []
    notes: list[str] = []
    metrics: dict[str, str] = {}
    for side in parts:
        mine = own_first(ctx, [r for r in rows if on_side(ctx, r, side)], side)
        chosen = best_rows(mine) if mine and mine[0].similarity >= max(r.similarity for r in mine) - _NEAR else []
        if not chosen:
            found = _year_status(ctx, asked, side) if side.kind == "year" else _stated_goal(ctx, asked, side)
            if found is not None:
                points.append(found)
                metrics[side.label] = found.text
            else:
                notes.append(f"{side.label}：已加载的规划文件未设定该指标目标。")
            continue
        metrics[side.label] = chosen[0].metric
        points += grouped_points(chosen, f"{side.label}：")
    if not points:
        return None
    distinct = {_plain_metric(m) for m in metrics.values()}
    if len(distinct) >= 2:
        said = "；".join(f"{k}为“{v}”" for k, v in metrics.items())
        notes.append(f"注意：各方的指标口径不同（{said}），不能直接比较。")
    return points, notes


def names_metric(text: str, metric: str, share: float = 0.6) -> bool:
    """Whether ``text`` carries most of the metric's words (the subject of a comma-part
    such as 「占全省GDP的比重超过10%」 is in the part before it)."""
    words = metric_words(metric)
    return bool(words) and words_named(text, words) >= share


def words_named(text: str, words: Sequence[str]) -> float:
    """The share of ``words`` (metric words, in their compared form) that ``text`` carries."""
    squashed = _squash(text)
    return sum(w in squashed for w in words) / len(words) if words else 0.0


def names_metric_at_figure(text: str, metric: str, share: float = 0.6) -> bool:
    """Whether the comma-part holding one of ``text``'s figures, with the part before it,
    carries most of the metric's words: in 「…产业集群，产值规模达到1.3万亿元，…人工智能、卫星
    导航等新兴产业蓬勃发展」 the figure sizes 产值规模, not the 人工智能 named two parts later."""
    parts = re.split(r"[，,；;。：:]", _squash(text))
    return any(FIGURE.search(part) and names_metric(before + part, metric, share)
               for before, part in zip(["", *parts], parts))


def _stated_goal(ctx: Context, asked: str, side: Side) -> Point | None:
    """A side whose goal extraction missed: a sentence of the side's own plans stating a
    goal (not a result) with most of the asked words and a figure next to them."""
    docs = frozenset(ctx.region_docs.get(side.key, [])) if side.kind == "region" else frozenset({side.key})
    if not docs:
        return None
    for evidence in ctx.part_evidence(asked, needs_number=True, docs=docs, future=True)[:8]:
        if _GOAL_SAID.search(evidence.sentence) and names_metric(evidence.sentence, asked, share=0.6) \
                and not _RESULT_SAID.search(evidence.sentence):
            words = [w for w in metric_words(asked) if w in _squash(evidence.sentence)]
            return Point(evidence.clause, typeset(focus(evidence.sentence, words, limit=110)), f"{side.label}：")
    return None


_GOAL_SAID = re.compile(r"到\s*20\d\d|力争|达到|突破|超过|以上|不低于|不少于|新增|打造|建成|培育")
_RESULT_SAID = re.compile(r"截至|截止|已经|已有|累计达到|较上年|同比")


def _year_status(ctx: Context, asked: str, side: Side) -> Point | None:
    """A year asked beside a goal may be one already past: what the plans say was reached
    that year (「2024年…完成7家」) answers that side."""
    for evidence in ctx.part_evidence(asked, needs_number=True, future=False)[:12]:
        doc = ctx.corpus.docs.get(evidence.clause.doc_id)
        of_year = side.key in evidence.sentence or (doc is not None and (doc.period or "") == side.key)
        if of_year and names_metric(evidence.sentence, asked, share=0.5):
            return Point(evidence.clause, typeset(focus(evidence.sentence, [side.key, *metric_words(asked)],
                                                        limit=110)), f"{side.label}：")
    return None


def _metric_words(metric: str) -> list[str]:
    return [t for t in tokenize(metric) if len(t) >= 2][:6]


def _plain_metric(metric: str) -> str:
    return re.sub(r"[\s的]|全省|全市|全区|全县", "", _OWN_SCOPE.sub("", metric)).lower()


def _same_target(a: TargetRow, b: TargetRow) -> bool:
    def number(text: str) -> str:
        return "".join(re.findall(r"[\d.]+", text))
    return _plain_metric(a.metric) == _plain_metric(b.metric) and number(a.value_text) == number(b.value_text) \
        and a.year == b.year
