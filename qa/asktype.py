"""What kind of answer a question asks for, and whether a sentence can give it.

"怎么申报？" needs a procedure, "截止日期" a date, "局长是谁" a person, "多少条" a
number counted in 条. A sentence that matches the question's topic but cannot supply
that kind of answer is not evidence — this is what lets the service refuse "奖励怎么
申报" instead of quoting the amount again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_UNITS = "个|家|条|台|公里|元|人|项|所|座|套|倍|亩|架|次|名|款|场|批|类|处|张|辆|千米|平方公里"
# The words that ask which thing or what (not how many): 「什么地方」, 「哪几条」, 「何种」.
WHICH = "什么|哪些|哪几|哪个|哪一|哪类|哪种|何种"
_ASKED_UNIT = re.compile(rf"(?<!哪)(?:多少|几)(万|亿)?({_UNITS})")
_KINDS: tuple[tuple[str, re.Pattern[str], re.Pattern[str]], ...] = (
    ("procedure",
     re.compile(r"(怎么|如何|怎样)(申报|申请|办理|兑现|领取|认定)|(申报|申请)(流程|材料|程序|方式|入口|渠道)|提交哪些|需要什么材料|"
                r"走什么流程|什么流程|哪些手续|什么手续"),
     re.compile(r"申报|申请|提交|办理|流程|程序|受理")),
    ("date",
     re.compile(r"截止|什么时候|何时|哪天|哪一天|几月|日期|哪年|哪一年|什么时间|多久|多长时间|到账|"
                r"(?i:howlong|^when(?:was|did|will|is|does|do)|fromwhatdate|bywhatdate)"),
     re.compile(r"\d{4}\s*年|\d{1,2}\s*月|\d{1,2}\s*日|年底|年初|\d{4}-\d{2}|"
                r"\d+\s*个?(?:月|年|日|天|周|小时|工作日)(?:内|以上|以内|之内)?|当年|次年|期间")),
    ("person",
     re.compile(r"(局长|主任|书记|市长|省长|区长|部长|厅长|负责人)(是谁|叫什么|是哪位)|谁(是|担任)"),
     re.compile(r"(局长|主任|书记|市长|省长|区长)[\u4e00-\u9fff]{2,3}")),
    ("people",
     re.compile(r"多少(名|人)|从业人员|员工|就业人数|人员规模"),
     re.compile(r"\d[\d.,]*\s*(万|亿)?\s*(人|名)")),
    ("amount",
     # Spaces are out of the question by then: 「How much investment」 reads 「Howmuchinvestment」.
     re.compile(r"多少钱|金额|奖金|补贴标准|资助标准|奖励标准|标准是多少|多少万|多少元|总额|资金规模|多少资金|补贴多少|奖励多少|"
                r"投资多少|多少投资|预算多少|多少预算|"
                r"(?i:howmuch(?:money|investment|funding|capital|subsid|budget)|budgeted|howmanyyuan)"),
     # A table row prints the unit in its column's name: 「总投资（万元）：250000」.
     re.compile(r"\d[\d.,]*\s*(万亿|万|亿|千)?\s*元|\d+\s*%|国拨资金|[（(]\s*(万|亿)?元\s*[)）]\s*[:：]\s*\d")),
)
_FUTURE_ASK = re.compile(r"要达到|目标是|目标为|计划|力争|到\s*20\d\d\s*年|将达到|预计")
_FUTURE_SAY = re.compile(r"到\s*20\d\d|力争|目标|以上|不少于|不低于|超过|突破|年均|建成|新增|培育|打造|达到")
# A sentence opening with a year states what happened then (「2020年人工智能产业规模约350亿元」)
# unless it goes on to say what is to be reached.
_PAST_SAY = re.compile(r"截至|截止|已建成|已经|累计(达到|实现)|20[01]\d\s*年(全区|全省|全市)?(实现|新建|完成)")
_PER_ASK = re.compile(r"每(?:一)?(?:台|辆|家|个|户|人|平方米|千瓦|套|座|站|项|吨|亩)")
_PER_SAY = re.compile(r"每|/|／|单个|单台|单车|单户|一台|一辆|一次性给予|标准")
_YEAR_OPENING = re.compile(r"^\s*[◆●■\-—]*\s*20\d\d\s*年(?!前|底前|以前)")
_PLAINLY_AHEAD = re.compile(r"到\s*20\d\d|力争|目标|将|预计|计划|要")


@dataclass(frozen=True)
class AskType:
    kind: str = ""          # procedure | date | person | people | amount | "" (anything)
    unit: str | None = None  # the counting unit after 多少/几, e.g. "条"
    future: bool = False     # asks what a plan aims for, not what happened
    per_unit: bool = False   # asks a figure per item (「每台最高补贴多少」): a total does not answer

    def accepts(self, sentence: str, future: bool = True) -> bool:
        """Whether ``sentence`` can carry this kind of answer (``future=False``: never mind
        whether it states a plan or a result)."""
        for kind, _, supply in _KINDS:
            if kind == self.kind and not supply.search(sentence):
                return False
        if future and self.future and _PAST_SAY.search(sentence) and not _FUTURE_SAY.search(
                _PAST_SAY.sub("", sentence)):
            return False
        if future and self.future and _YEAR_OPENING.search(sentence) and not _PLAINLY_AHEAD.search(sentence):
            return False  # 「2020年…突破500亿元」 reports a year gone by
        if self.per_unit and not _PER_SAY.search(sentence):
            return False
        return True

    def prefers(self, sentence: str) -> bool:
        """A stronger match: the asked unit right after a number (an approximate one too:
        「20余家」, 「30多个」; a small one in words: 「分两次兑付」)."""
        if not self.unit:
            return False
        unit = re.escape(self.unit)
        return bool(re.search(rf"\d[\d.,]*\s*(?:余|多)?\s*[千百万亿]*\s*{unit}|"
                              rf"(?<![一二两三四五六七八九十])[一二两三四五六七八九十]{{1,2}}{unit}|"
                              rf"[（(]\s*[千百万亿]*{unit}\s*[)）]\s*[:：]\s*\d", sentence))


# 「补贴名单和金额由哪个部门审核确定」 names an amount but asks who decides it.
_ASKS_WHO = re.compile(r"由谁|谁(?:负责|牵头|来|审核|确定|批准)|哪(?:个|些|几个|家)(?:部门|单位|机构|机关)")
_ASKS_HOW_MUCH = re.compile(r"多少|(?<!哪)几|how much", re.I)


def asks_who_not_amount(question: str) -> bool:
    """「补贴名单和金额由哪个部门审核确定」: an amount named, who asked, no figure asked."""
    text = re.sub(r"\s", "", question)
    return bool(_ASKS_WHO.search(text)) and not _ASKS_HOW_MUCH.search(text)


def detect(question: str) -> AskType:
    text = re.sub(r"\s", "", question)
    kind = next((k for k, ask, _ in _KINDS if ask.search(text)), "")
    if kind == "amount" and asks_who_not_amount(text):
        kind = ""
    unit = _ASKED_UNIT.search(text)
    future = bool(_FUTURE_ASK.search(text)) and bool(re.search(r"多少|几|什么水平|哪些", text))
    per_unit = bool(_PER_ASK.search(text)) and bool(re.search(r"多少|几", text))
    return AskType(kind, unit.group(2) if unit else None, future, per_unit)
