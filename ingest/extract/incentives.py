"""Incentives: money or support a firm or person can get from a plan, and on what terms.

A sentence of a plan (never of a press report, nor of a background section) is an
incentive when it names a concrete instrument, judged in this order:

- ``reward``: 奖励 given (每家/一次性奖励 N 万元, 给予…奖励) — not "奖励试点";
- ``matching``: 配套 in proportion (按国拨资金 30% 给予配套, 配套资金);
- ``subsidy``: 补贴, 补助, 津贴, 资助, 贴息, 减免 or vouchers (算力券);
- ``fund``: a pool of money the plan sets up or sizes (设立/做大/形成…基金, 专项资金, 资金包,
  专项贷款) or money it allocates (统筹安排 8 亿元, 安排…资金) — merely 发挥 an existing
  fund's 作用 is not one;
- ``programme``: a support policy for firms or talent (出台/制定…专项/扶持…政策 naming 企业 or
  人才), 给予优先支持 / 予以重点支持 / 给予政策倾斜, 减税降费.

Vague support ("加大…支持力度", "政策扶持") is not an incentive. A sentence with several
"对…，奖励…" offers is split into one incentive per offer.

>>> [(i.amount_wan, i.cost_sharing) for i in extract_incentives(doc_001) if i.kind == "reward"]
[(200.0, '由市区两级各承担50%'), (200.0, '市区各承担50%'), (100.0, '市区各承担50%'), ...]
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace

from ingest.extract.numbers import NUM, Quantity, find_quantities, is_money, normalize, to_wan
from ingest.extract.targets import plan_clauses, sentence_spans
from kg.types import Clause, Incentive, ParsedDocument

logger = logging.getLogger(__name__)

_FUND_NOUN = r"(?:基金|专项资金|资金包|专项贷款|引导资金)"
_KINDS = (
    ("reward", re.compile(r"奖励\s*\d|一次性奖励|每家奖励|给予[^，,。；;]{0,20}?奖励")),
    ("matching", re.compile(rf"{NUM}\s*%[^，,。；;]{{0,6}}配套|给予(?:资金)?配套|配套资金|资金配套")),
    ("subsidy", re.compile(r"补贴|补助|津贴|资助|贴息|减免|(?:(?![证债])[\u4e00-\u9fff])券")),
    ("fund", re.compile(
        rf"(?:设立|设置|发起|组建|建设|建立|做大|形成|落实|成立|扩大)[^，,。；;]{{0,20}}?{_FUND_NOUN}|"
        rf"安排[^，,。；;]{{0,12}}?(?:{NUM}\s*(?:万亿|亿|千万|万)?元|资金)")),
    ("programme", re.compile(
        r"(?:出台|制定)[^。；;]{0,30}?(?:专项|扶持|支持|促进|激励)[^。；;，,]{0,6}政策|"
        r"(?:给予|予以)(?:优先|重点)支持|给予政策倾斜|减税降费|税收优惠")),
)
_NEEDS_BENEFICIARY = re.compile(r"企业|人才")
_RESPONSIBLE = re.compile(r"[（(](?:责任单位|责任部门|牵头单位)[：:][^）)]*[）)]")
_OFFER = re.compile(r"(?<=[，,；;])(?=对(?:于)?)")
_CONDITION = re.compile(r"对(?:于)?(?P<c>[^。；;]+?)[，,]?\s*(?:每家|每个|一次性|按|给予|予以|奖励|补贴)")
_RATIO = re.compile(rf"(?:按|以)[^，,。；;]{{0,16}}?(?P<r>{NUM})\s*%"
                    rf"[^，,。；;%]{{0,20}}?(?:配套|补贴|补助|资助|奖励)")
_CAP = re.compile(r"(?:封顶|最高不超过|最高|上限为?|不超过)\s*$")
_COST_SHARING = re.compile(rf"(?:由)?[\u4e00-\u9fff]{{1,6}}各承担\s*{NUM}\s*%")
_BENEFICIARY = re.compile(r"(企业或项目|企业|项目|单位|联合体|人才|平台|团队|机构|园区)的?$")
_CHUNK = re.compile(r"[，,；;。：:！!？?]")


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
    found = []
    for start, end in sentence_spans(text):
        for offer in _offers(text[start:end]):
            incentive = _incentive(clause, offer.strip())
            if incentive is not None:
                found.append(incentive)
    return found


def _offers(sentence: str) -> list[str]:
    """A sentence offering several rewards ("对A…奖励…，对B…奖励…") split per offer."""
    money_offers = sum(len(p.findall(sentence)) for k, p in _KINDS if k in ("reward", "matching"))
    return _OFFER.split(sentence) if money_offers > 1 else [sentence]


def _incentive(clause: Clause, sentence: str) -> Incentive | None:
    for kind, pattern in _KINDS:
        m = pattern.search(sentence)
        if m and (kind != "programme" or _NEEDS_BENEFICIARY.search(sentence)
                  or not m.group().endswith("政策")):
            break
    else:
        return None
    quantities = find_quantities(sentence)
    condition = _condition(sentence, m, kind)
    return Incentive(
        incentive_id="", clause_id=clause.clause_id, kind=kind, condition=condition,
        amount_wan=_amount(sentence, quantities, kind, m.start()),
        cap_wan=_cap(sentence, quantities), ratio=_ratio(sentence),
        cost_sharing=_cost_sharing(sentence), beneficiary=_beneficiary(condition, sentence),
        text=sentence)


def _is_cap(sentence: str, q: Quantity) -> bool:
    return q.comparator == "<=" or bool(_CAP.search(sentence[:q.start]))


def _money(sentence: str, quantities: list[Quantity]) -> list[tuple[Quantity, float]]:
    """Money amounts in 万元, without ceilings (封顶…, 不超过…)."""
    return [(q, to_wan(q.value, q.unit)) for q in quantities
            if is_money(q.unit) and not q.quoted and not _is_cap(sentence, q)]


def _amount(sentence: str, quantities: list[Quantity], kind: str, at: int) -> float | None:
    money = _money(sentence, quantities)
    if kind in ("reward", "subsidy"):
        money = [(q, v) for q, v in money if q.start >= at] or money
        return money[0][1] if money else None
    if kind == "fund":
        return max((v for _, v in money), default=None)
    return None


def _cap(sentence: str, quantities: list[Quantity]) -> float | None:
    caps = [to_wan(q.value, q.unit) for q in quantities
            if is_money(q.unit) and _is_cap(sentence, q)]
    return caps[0] if caps else None


def _ratio(sentence: str) -> float | None:
    """The share paid: 0.3 for "按国拨资金 30% 给予配套" (cost shares are not it)."""
    m = _RATIO.search(sentence)
    return round(float(m.group("r")) / 100, 6) if m else None


def _cost_sharing(sentence: str) -> str | None:
    m = _COST_SHARING.search(sentence)
    return re.sub(r"\s+", "", m.group()) if m else None


def _condition(sentence: str, m: re.Match[str], kind: str) -> str:
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
