"""Rules, not goals: numbers that state a condition, a requirement or a rule's parameter.

Plans and the rules that go with them (实施细则, 管理办法, 若干措施) print many numbers that
no one commits to reach. A number is a rule's, not a goal's, when:

- its clause sits under a heading that names conditions or standards — one ending in
  技术条件, 申报条件, 支持条件, 补贴标准, 奖补标准, 考核标准, 资格, 门槛, but not a task about
  them that starts with its verb (完善认定标准) — or under an intro that announces them
  (「换电示范项目满足以下要求：」, 「应当符合下列条件：」);
- it belongs to a conditional sentence: the comma phrase holding it, or one before it in
  the sentence, ends in 的 (「缴存住房公积金6个月（含）以上的，即可申请贷款」,
  「首次申请住房公积金贷款的，首付款比例不低于20%」, 「面积在90平方米以上的，每套补贴1万元」),
  or opens with 对/对于/凡 and names whom the rule is for (「对于贷款购买商品住房的居民家庭，…」);
- it marks an inclusive bound (「300辆（含）」, 「90平方米（含90平方米）以下」): goals are
  never printed with （含）;
- a prohibition, a cap or a calculation rule frames it: 「不得高于…的10倍」, 「最高贷款额度为
  50万元」, 「按3万元计算」.

>>> rule_number("缴存住房公积金6个月（含）以上的，即可申请贷款", 8, 11)
True
>>> rule_number("到2025年，新建5G基站1万个", 13, 16)
False
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from kg.types import Clause

_COMMA = re.compile(r"[，,；;：:]")
# Headings that name what a claimant must meet, not what the plan will reach: they end in
# 条件/资格/门槛 or a standard of support (补贴标准); a task about standards (参与技术标准研制,
# 完善认定标准) starts with its verb.
_CONDITION_HEADING = re.compile(
    r"(?:条件|资格|门槛|(?:补贴|奖补|奖励|补助|资助|扶持|考核|认定|申报|评分|计分)标准)[。.：:]?$")
_TASK_VERB = re.compile(r"^(?:[（(]?[一二三四五六七八九十\d]+[)）.、．]\s*)?(?:制定|制修订|完善|建立|健全|提高|"
                        r"提升|推动|推进|加强|参与|优化|统一|规范|研究|研制|放宽|降低|调整)")
# An intro that announces a list of requirements: 「…满足以下要求：」.
_INTRO = re.compile(r"(?:满足|符合|具备|达到|遵守|具有)(?:以下|下列|如下)[^。；;：:]{0,6}"
                    r"(?:条件|要求|标准|规定)[^。；;：:]{0,4}[：:]\s*$")
# A comma phrase that names whom a rule is for: 「对于贷款购买商品住房的居民家庭」.
_FOR_WHOM = re.compile(r"^(?:对于|凡|对(?![标接照外口比内上下象]))[^，,；;]*的[\u4e00-\u9fff]{0,8}$")
_INCLUSIVE = re.compile(r"^\s*(?:以上|以下)?\s*[（(]\s*含[^）)]{0,12}[）)]")
_FRAMED = re.compile(r"不得(?:高于|低于|超过|少于)|(?:最高|最低|上限|下限)[^，,；;。]{0,12}为\s*$|按\s*$")
_CALCULATED = re.compile(r"^\s*(?:以上|以下)?\s*计算")


def ancestors(clause: Clause, by_id: Mapping[str, Clause]) -> Iterator[Clause]:
    """The clauses above ``clause``, its parent first."""
    node = by_id.get(clause.parent_id or "")
    while node is not None:
        yield node
        node = by_id.get(node.parent_id or "")


def condition_clause(clause: Clause, by_id: Mapping[str, Clause]) -> bool:
    """Whether ``clause`` lists conditions or standards: its own or an ancestor's heading
    names them, or its parent, or the paragraph before it under the same parent, ends by
    announcing them."""
    for node in (clause, *ancestors(clause, by_id)):
        heading = (node.heading or "").strip()
        if _CONDITION_HEADING.search(heading) and not _TASK_VERB.match(heading):
            return True
        if node is not clause and _INTRO.search(node.text):
            return True
    return False


def intro_clauses(clauses: list[Clause]) -> set[str]:
    """Ids of clauses that follow, under the same parent, an unnumbered paragraph or item
    ending with 「…以下要求：」 — the requirements it announces."""
    scoped: set[str] = set()
    announced: dict[str | None, bool] = {}
    for clause in sorted(clauses, key=lambda c: c.ordinal):
        if announced.get(clause.parent_id):
            scoped.add(clause.clause_id)
        if _INTRO.search(clause.text):
            announced[clause.parent_id] = True
    return scoped


def rule_number(sentence: str, start: int, end: int) -> bool:
    """Whether the quantity at ``sentence[start:end]`` is a rule's condition or parameter
    (see the module docstring)."""
    if _INCLUSIVE.match(sentence, end) or re.search(r"[（(]\s*含\s*$", sentence[:start]):
        return True
    cuts = [0] + [m.end() for m in _COMMA.finditer(sentence)] + [len(sentence) + 1]
    k = max(i for i, c in enumerate(cuts) if c <= start)
    phrases = [sentence[cuts[i]:cuts[i + 1] - 1].strip() for i in range(k + 1)]
    if any(p.endswith("的") or _FOR_WHOM.match(p) for p in phrases):
        return True
    own = sentence[cuts[k]:start]
    return bool(_FRAMED.search(own) or _CALCULATED.match(sentence, end))
