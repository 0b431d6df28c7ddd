"""Incentives: money or support a firm or person can get from a plan, and on what terms.

A sentence of a plan (never of a press report, nor of a background section, nor a
section's own heading line) is cut into offers (``offers``: one per grant, one per tier of
a 分别 list). An offer is an incentive of the kind of the instrument it grants
(``instruments``: the first granted one, and each other kind listed with it —
「采取补贴、积分奖励等方式」 is a subsidy and a reward):

- ``reward``: 奖励, 奖补 given (每家/一次性奖励 N 万元, 给予…奖补, 实行奖补政策) — not "奖励试点";
- ``matching``: 配套 money or a share (按国拨资金 30% 给予配套, 配套资金);
- ``subsidy``: 补贴, 补助, 津贴, 资助, 贴息, tax and fee relief (减免, 免征, 减按…征收,
  加计扣除, 税收优惠政策), vouchers (消费券, 算力券), and 给予支持 backed by money (财政…给予支持);
- ``fund``: a pool of money the plan sets up or sizes (设立/做大/形成…基金, 专项资金, 资金包,
  专项贷款), uses (用好6亿元…专项资金) or allocates (统筹安排 8 亿元, 安排…资金) — merely 发挥
  an existing fund's 作用 is not one; printed before the instrument it pays, the fund wins;
- ``programme``: a support policy for firms or talent (出台/制定…专项/扶持…政策 naming 企业 or
  人才, 实行扶持政策), 优先支持, 给予政策倾斜, 纳入…支持范围, 在…方面提供便利, 减税降费, and
  money steered to a purpose (培训补贴向产教融合项目倾斜).

Rewards, subsidies and matching are what a firm can claim (``Incentive.claimable``); a
fund's amount is its size or budget. Vague support ("加大…支持力度", "政策扶持") and talk
about money that gives none (骗取补贴, 依托就业补助资金, 明确减免…的措施) are not
incentives. The terms of each offer — fixed sum, ceiling, ratio of a base, per year,
staged payment, who pays — are read by ``terms``.

>>> [(i.amount_wan, i.cost_sharing) for i in extract_incentives(doc_001) if i.kind == "reward"]
[(200.0, '由市区两级各承担50%'), (200.0, '市区各承担50%'), (100.0, '市区各承担50%'), ...]
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace

from ingest.extract.numbers import NUM, money_in, normalize, to_wan
from ingest.extract.instruments import FUND as _FUND
from ingest.extract.instruments import (
    GRANT, NOT_GIVEN, STEERED, granted_instruments, instruments, priority_without_support,
)
from ingest.extract.offers import NOT_A_COUNT, Offer, split_offers
from ingest.extract.targets import plan_clauses, sentence_spans
from ingest.extract.terms import is_cap, read_terms
from kg.types import Clause, Incentive, ParsedDocument

logger = logging.getLogger(__name__)

_MATCHING = re.compile(rf"{NUM}\s*%[^，,。；;]{{0,6}}配套|给予(?:资金)?配套|配套资金|资金配套")
_KINDS = (
    ("reward", re.compile(r"奖(?:励|补)\s*\d|一次性(?:奖励|奖补)|每[家个项户人](?:奖励|奖补)|"
                          r"(?:给予|予以)[^，,。；;]{0,24}?(?:奖励|奖补)(?!试点)")),
    ("matching", _MATCHING),
    ("subsidy", re.compile(r"(?:(?![证债])[\u4e00-\u9fff])券")),
    ("fund", _FUND),
    ("programme", re.compile(
        r"(?:出台|制定)[^。；;]{0,30}?(?:专项|扶持|支持|促进|激励)[^。；;，,]{0,6}政策|"
        r"(?:给予|予以)(?:优先|重点)支持|给予政策倾斜|减税降费|税收优惠")),
)
_NEEDS_BENEFICIARY = re.compile(r"企业|人才")
# A duty parenthetical names who carries the task out, not who gets money.
_RESPONSIBLE = re.compile(r"[（(][^（）()]{0,30}?(?:责任|牵头|配合|参与)(?:考核)?(?:单位|部门)[：:][^）)]*[）)]|"
                          r"[（(][^（）()]{2,160}?(?:牵头|负责|配合)[^（）()]{0,40}[）)]")
_PAYER_TAIL = re.compile(r"^\s*\d+[.、．]\s*|[，,]?\s*(?:由)?(?:省|市|区|县|州)(?:本级)?(?:级财政|财政|级)$")
_HEADING = re.compile(r"^\s*[（(]?[一二三四五六七八九十\d]{1,3}[)）.、．]\s*[^，,\d]{2,24}[。.]?\s*$")
_CONDITION = re.compile(r"对(?:于)?(?P<c>[^。；;]+?)[，,]?\s*(?:每家|每个|一次性|按|给予|予以|奖励|补贴|分别)")
_BENEFICIARY = re.compile(r"(企业或项目|企业|项目|单位|联合体|人才|平台|团队|机构|园区)的?$")
_CHUNK = re.compile(r"[，,；;。：:！!？?]")
_CLAIMABLE = ("reward", "subsidy", "matching")
_NO_MORE = re.compile(r"不再(?!增收|收取)")
_FUND_RULE = re.compile(r"[^，,。；;]{0,8}?(?:制度|清理|监管|管理办法)")


def extract_incentives(doc: ParsedDocument) -> list[Incentive]:
    if doc.meta.level == "press":
        return []  # a report on results offers nothing
    incentives: list[Incentive] = []
    for clause in plan_clauses(doc):
        if clause.kind == "footnote":
            continue
        found = _clause_incentives(clause)
        incentives += [replace(i, incentive_id=f"{clause.clause_id}/i{k}")
                       for k, i in enumerate(found)]
    logger.info("incentives in %s: %d", doc.meta.doc_id, len(incentives))
    return incentives


def _clause_incentives(clause: Clause) -> list[Incentive]:
    text = _RESPONSIBLE.sub("", normalize(clause.text))
    sentences: list[list[Incentive]] = []  # each sentence's incentives
    for k, (start, end) in enumerate(sentence_spans(text)):
        if k == 0 and _HEADING.match(text[start:end]) and end < len(text.rstrip()):
            continue  # 「（十七）持续开展减税降费。」 names the section; its body says what
        shared = _shared_cap(text[start:end])
        if shared is not None and any(i.kind in _CLAIMABLE for own in sentences for i in own):
            sentences = [[replace(i, cap_wan=shared) if i.cap_wan is None and i.kind in _CLAIMABLE
                          else i for i in own] for own in sentences]
            continue
        own = [i for offer in split_offers(text[start:end]) for i in _incentives(clause, offer)]
        cap = None if own else _cap_sentence(text[start:end])
        if cap is None:
            sentences.append(own)
        elif sentences:
            sentences[-1] = [replace(i, cap_wan=cap) if i.cap_wan is None and i.amount_wan is None
                             and i.kind in _CLAIMABLE else i for i in sentences[-1]]
    return [i for own in sentences for i in own]


# 「单个项目补贴金额最高不超过300万元。」 after the clause's grants: one ceiling for each of them,
# not a grant of its own.
_SHARED_CAP = re.compile(r"^\s*(?:[，,]?\s*(?:同一项目从优不重复|从优不重复)[，,]\s*)?"
                         r"(?:单个|单家|每个|每家|同一|单一|每一|每位|每名)[^，,。；;]{0,12}?"
                         r"(?:项目|企业|单位|主体|机构|个人|家庭|消费者)")


def _shared_cap(sentence: str) -> float | None:
    """The ceiling a sentence sets on every grant before it in its clause, when that is all
    it does: it opens with whom the ceiling is per (单个项目, 每家企业) and grants nothing."""
    if not _SHARED_CAP.match(sentence) or re.search(rf"给予|予以|奖励\s*\d{NOT_A_COUNT}|补贴\s*\d{NOT_A_COUNT}", sentence):
        return None
    return _sole_cap(sentence)


def _cap_sentence(sentence: str) -> float | None:
    """A sentence that only caps the grants of the one before it: 「单体项目支持资金原则上不超过
    1亿元。」 after 「…支持比例不超过核定总投资的70%，其余六州原则上全额补助。」."""
    if len(sentence) > 40 or instruments(sentence):
        return None
    return _sole_cap(sentence)


def _sole_cap(sentence: str) -> float | None:
    """The ceiling (万元) of a sentence printing one sum, when that sum is a ceiling."""
    money = money_in(sentence)
    if len(money) != 1 or not is_cap(sentence, money[0]):
        return None
    return to_wan(money[0].value, money[0].unit)


def _incentives(clause: Clause, offer: Offer) -> list[Incentive]:
    """The incentives of one offer: one per instrument it grants (补贴、积分奖励 are two),
    else one of the kind its wording says (a fund, a programme)."""
    reading = offer.reading.strip()
    if STEERED.search(reading) and instruments(reading):
        m = STEERED.search(reading)
        return [_incentive(clause, offer, reading, "programme", m.start(), m.end())]
    kinds = [k for k in _granted_kinds(reading) if not priority_without_support(reading, reading[k[1]:k[2]])]
    if kinds and _NO_MORE.search(reading[:kinds[0][1]]):
        return []  # 「…不再对购置新能源巡游车，以及…进行补贴」: the support ends
    fund = _FUND.search(reading)
    if fund and _FUND_RULE.match(reading, fund.end()):
        if not kinds:
            return []  # 「落实财政资金“三项清理”制度」: a rule about money, not a fund
        fund = None
    if fund and (not kinds or fund.start() < kinds[0][1]):
        kinds = [("fund", fund.start(), fund.end())]  # 设立…专项贷款, whatever follows
    if not kinds:
        kind, m = _kind(reading)
        if kind is None:
            return []
        kinds = [(kind, m.start(), m.end())]
    return [_incentive(clause, offer, reading, kind, start, end) for kind, start, end in kinds]


def _granted_kinds(reading: str) -> list[tuple[str, int, int]]:
    """(kind, start, end) of the instruments the offer's first granting phrase gives."""
    for start, chunk in _phrases(reading):
        granted = granted_instruments(chunk)
        if granted:
            return [(_matching(chunk, i.kind), start + i.start, start + i.end) for i in granted]
    return []


def _verb_before(reading: str, at: int) -> int:
    """Where the giving of an instrument starts: its grant verb in the same phrase
    (给予政策奖励), else the instrument itself."""
    phrase = max([0] + [m.end() for m in _CHUNK.finditer(reading, 0, at)])
    verbs = [m.start() for m in GRANT.finditer(reading, phrase, at)]
    return verbs[-1] if verbs else at


def _phrases(reading: str) -> list[tuple[int, str]]:
    bounds = [0] + [m.end() for m in _CHUNK.finditer(reading)] + [len(reading)]
    return [(a, reading[a:b]) for a, b in zip(bounds, bounds[1:]) if reading[a:b].strip()]


def _matching(chunk: str, kind: str) -> str:
    """A share of another grant paid on top (按国拨资金30%给予配套) is matching."""
    return "matching" if kind != "programme" and _MATCHING.search(chunk) else kind


def _kind(reading: str) -> tuple[str | None, re.Match[str] | None]:
    for kind, pattern in _KINDS:
        m = pattern.search(reading)
        if not m or NOT_GIVEN.search(reading[:m.start()]):
            continue  # 骗取补贴: talk about money, none given
        if kind != "programme" or _NEEDS_BENEFICIARY.search(reading) or not m.group().endswith("政策"):
            return kind, m
    return None, None


def _incentive(clause: Clause, offer: Offer, reading: str, kind: str, start: int,
               end: int) -> Incentive:
    terms = read_terms(reading)
    amount, cap = terms.amount_wan, terms.cap_wan
    if kind == "fund":
        amount, cap = _fund_size(reading), None
    elif kind == "programme" or (kind == "matching" and terms.ratio is not None):
        amount, cap = None, (None if kind == "programme" else cap)
    trigger = _Trigger(_verb_before(reading, start), end)
    condition = _PAYER_TAIL.sub("", offer.tier_name or _condition(reading, trigger, kind))
    return Incentive(
        incentive_id="", clause_id=clause.clause_id, kind=kind, condition=condition,
        amount_wan=amount, cap_wan=cap, ratio=terms.ratio if kind != "programme" else None,
        cost_sharing=terms.cost_sharing, beneficiary=_beneficiary(condition, reading),
        text=offer.text.strip(), base=terms.base if terms.ratio is not None else None,
        per_year=terms.per_year, instalments=terms.instalments, payer=terms.payer)


class _Trigger:
    """Where the instrument word sits, for reading the condition around it."""

    def __init__(self, start: int, end: int) -> None:
        self._span = (start, end)

    def start(self) -> int:
        return self._span[0]

    def end(self) -> int:
        return self._span[1]


def _fund_size(reading: str) -> float | None:
    """The size of a fund or budget: the largest sum printed with it."""
    sums = [to_wan(q.value, q.unit) for q in money_in(reading)]
    return max((s for s in sums if s is not None), default=None)


def _condition(sentence: str, m: re.Match[str] | _Trigger, kind: str) -> str:
    """What one must be or do to get it: the 对… phrase, else the phrase around the trigger."""
    if kind in ("reward", "matching", "subsidy"):
        c = _CONDITION.search(sentence[:m.end()])
        if c:
            return c.group("c").strip(" ，,")
    starts = [x.end() for x in _CHUNK.finditer(sentence, 0, m.start())]
    chunk_start = starts[-1] if starts else 0
    end = _CHUNK.search(sentence, m.end())
    chunk = sentence[chunk_start:end.start() if end else len(sentence)]
    lead = sentence[chunk_start:m.start()].strip()
    if kind in ("reward", "matching") and len(lead) >= 4:
        return lead
    if len(chunk) < 12 and len(starts) > 1:
        chunk = sentence[starts[-2]:chunk_start] + chunk  # "3 年统筹安排 8 亿元": say for what
    return chunk.strip(" ，,")


def _beneficiary(condition: str, sentence: str) -> str | None:
    m = _BENEFICIARY.search(condition)
    if m:
        return m.group(1)
    for word, who in (("揭榜", "揭榜单位"), ("人才", "人才"), ("企业", "企业"), ("项目", "项目")):
        if word in sentence:
            return who
    return None
