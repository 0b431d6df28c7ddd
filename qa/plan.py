"""Plan an answer: what a question asks, part by part.

A question may ask several things at once — 「5G基站、数据中心机架和算力分别要做到多少？」 asks
three figures, 「首次进入全国软件百强能拿多少奖励？谁出钱？」 an amount and who pays,
「经开区“七园”是哪七个园区？」 a list of seven. The plan names each asked part (an entity
or metric in the user's words), the attributes asked of them, and how many items a list
question expects, so that composition can cover every part or say which one the plans
leave open. Everything here reads Chinese question grammar; nothing names a document.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from qa.asktype import asks_who_not_amount
from qa.link import Linked

_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9, "十": 10}
_COUNT = r"(?P<n>\d{1,2}|十[一二三四五六七八九]?|[一二两三四五六七八九])"
# 「哪七个园区」「哪四类」「哪几项」 and 「七园是哪」「3大数字新融合指哪」「四类平台具体是」.
_LIST_COUNT = (
    re.compile(rf"哪{_COUNT}\s*(?P<unit>[个类项大家条种方面所座园区])"),
    re.compile(rf"{_COUNT}\s*(?P<unit>[个类项大家条种])(?P<noun>[\u4e00-\u9fffA-Za-z0-9]{{0,10}}?)"
               r"[”\"]?(?:是哪|指哪|分别是|分别指|具体是|具体指|包括|有哪|都是|是指|是什么|指什么)"),
    re.compile(rf"(?:(?<=[的“\"，,\s是])|^)(?P<key>{_COUNT}[\u4e00-\u9fff]{{1,6}}?)"
               r"(?:是哪|指哪|分别是|分别指|具体是|包括哪|包含哪|有哪|都有哪)"),
    re.compile(rf"[“\"](?P<key>[^”\"\d]{{0,4}}(?<!\d){_COUNT}(?P<unit>[\u4e00-\u9fff])[^”\"]{{0,6}})[”\"]"
               r"\s*[，,]?\s*(?:具体|到底|究竟)?(?:是|指|包括|包含|分别|有哪|都有)"),
)

# 「…重点工程是哪两个？」: the subject before the count names the list.
_BEFORE_WHICH = re.compile(rf"(?P<subject>[^，,。？?]{{2,30}}?)(?:具体|分别|都)?(?:是|为|有|包括|指)哪{_COUNT}\s*"
                           r"[个类项大家条种方面所座]?[？?。]?$")

# Attributes a question asks of its parts.
_ASKS = {
    "payer": re.compile(r"谁出钱|谁(来)?承担|谁(来)?出|哪级财政|分担|承担比例|资金来源|由谁出资"),
    "cap": re.compile(r"封顶|最高|上限|最多"),
    "amount": re.compile(r"多少钱|多少奖励|奖励多少|补贴多少|补助多少|多少万|多少元|金额|能拿多少|给多少|奖多少|资金规模|"
                         r"多少[\u4e00-\u9fff]{0,4}?(?:资金|经费)"),
    # 「安排了多少专项资金」: a sum of money, which a share or a count does not give.
    "money": re.compile(r"多少[\u4e00-\u9fff]{0,4}?(?:资金|经费|预算|投资)|(?:资金|经费|预算|投资)(?:是|有|为)?多少"),
    # 「按费用的多少比例补贴」: a share of a base.
    "share": re.compile(r"多少比例|比例(?:是|为|有)?多少|比例多大|多大比例|百分之几|百分之多少|几成|什么比例"),
    "when": re.compile(r"什么时候|何时|哪一?年|截止|期限|时间"),
    "who": re.compile(r"由谁|谁负责|谁牵头|哪些部门|哪个部门|哪些单位|哪个单位|责任单位|牵头单位|配合单位|负责单位"),
    # 「哪几个行业」 asks which, not how many.
    "quantity": re.compile(r"多少|(?<!哪)几[个家项条台座所]|多大|什么水平|多高|比重|占比|增速|增长率"),
}

_EACH = re.compile(r"分别|各自|各是")
_COUNT_CHAR = re.compile(r"(?:\d{1,2}|[一二两三四五六七八九十双])[\u4e00-\u9fff]")
# (The measure word is taken whole: 「哪两个区」 names no noun of two characters, not 「个区」.)
_AFTER_WHICH = re.compile(rf"哪{_COUNT}\s*[个类项大家条种所座]?+(?P<noun>[\u4e00-\u9fffA-Za-z0-9+]{{2,12}}?)"
                          r"(?=[，,。？?]|$|落地|要|需要|是|被|由|在|和|与)")
_ENUM_SEP = re.compile(r"、|以及|及|和|与|跟|或")
_SPAN = re.compile(r"[^，,。；;？?！!：:\s]+")
# Words around an enumerated item that belong to the question, not to the item.
_LEAD = re.compile(r"^(?:用\d+年(?:时间)?|其中|如果|假如|若|力争|争取|预计|请问|请|比较|对比|那么|那|对于|关于|对|在|把|将|让|使|计划|打算|要求|规划里|规划中|方案里|方案中|文件里|"
                   r"文件中|里|中|说|提到|提出|创建|争创|获评|评为|入选|获得|获批了?|"
                   r"我们公司|我公司|我司|我们企业|我们|本公司|本企业|今年|去年|明年|刚刚|已经)+")
# Where the asked thing ends and the question begins. Only unambiguous sequences: a
# single 能/要/将 would cut 「人工智能」「数据要素」; those count only at the very end.
_TAIL = re.compile(r"(?:分别|各自|由谁|谁来|谁负责|谁牵头|哪个部门|哪些部门|哪个单位|哪些单位|是多少|多少|几[个家项条台座所类种]?|的目标|目标(?:是|为|值)?|"
                   r"(?:设定|制定|确定|提出|定|设)了?(?:什么|哪些|怎样的)|(?:要|能|将|需要|应该|计划)"
                   r"(?:达到|做到|实现|完成|超过|突破|提高|提升|增加|增长|建成|拿|获得|到)|达到|做到|提到|提高到|提升到|"
                   r"增加到|增长到|要超过|要突破|是?什么|是?哪|有哪些|有什么|是?怎么|是?如何|的规模|规模目标).*$"
                   r"|(?:呢|吗|要|将|能|可以|需要|都|各|(?:要|将)?(?:比|较))$")
_ASKED_NOUN = re.compile(r"(?:多少|几)(?:[个家项条台座所类种辆艘根套间名户张批])?(?P<noun>[\u4e00-\u9fffA-Za-z0-9]{2,})$")
# 「多少万千瓦」「多少亿元」: what follows the question word is the unit, not the thing asked.
_UNIT = re.compile(r"[万亿千百十]*(?:元|千瓦时?|兆瓦|吉瓦|瓦|吨|平方米|立方米|平方公里|公里|千米|米|辆|台|座|"
                   r"个?百分点|人次|人|户|家|件|亩|公顷|标准箱|小时|天|年|个|项|倍)")
# What relates the two sides a 与/和 joins: one measure, not two parts.
_RELATION = re.compile(r"^[^、，,]{1,16}?(?:的差距|之间|相比|的比值|之比|持平|同步|一致|的差)")
# 「缩小到多少以内」「达到多少以上」: a bound on the figure asked, no thing asked about.
_BOUND = re.compile(r"(?:万|亿)?(?:以|之)(?:内|上|下)|左右|上下")
# 「湖北十四五规划对…」「新方案里…」: the document a question reads, not what it asks about.
_DOC_LEAD = re.compile(r"^[^，,。？?]{0,16}?(?:规划|方案|意见|措施|若干政策|办法|文件|计划|纲要)(?:里|中|对|提出的?|提到的?|说的?|明确的?|规定的?|要求的?|的)|"
                       r"^(?:按照?|根据|依照)[^，,。？?]{0,16}?(?:规划|方案|意见|措施|若干政策|办法|细则|文件|计划|纲要)")
# 「（不只是核心产业）」: what the question rules out is not what it asks about.
_RULED_OUT = re.compile(r"[（(]?(?:不只是|不仅是|不是|不含|不包括|而非)[^）)，,。？?]{1,12}[）)]?")
_ASKING = re.compile(r"多少|几|什么|哪|谁|怎么|如何|是否|吗|呢")
_SOURCE = re.compile(r"^(?:按照|根据|依照|依据)[^？?。多几什哪谁怎如]{0,30}?的[，,\s]+(?=\S)")
# A stretch that says only how a figure stands (「2024年实际完成了多少家」), not of what.
_HOLLOW = re.compile(r"(?:实际|已经|已|目前|现在|当前|累计|一共|总共|共|真正)*(?:完成|实现|达到|做到|建成|建设|新增|有|做)?了?")
_DOC_REFERENCE = re.compile(r"(?:规划|方案|意见|措施|办法|通知|文件|细则|纲要)(?:里|中)?$")
_TOPIC = re.compile(r"(?:方面|领域|这一块|这块|板块|工作)$|^(?:的)?(?:规划|方案|文件|政策|意见|措施)$|"
                    r"^[\u4e00-\u9fff]{2,12}(?:方案|规划|纲要|细则|办法)$|"  # 「按突破性方案」: the document read
                    r"^(?:这份|这个|该|本)[\u4e00-\u9fff]{0,12}(?:意见|措施|计划|通知|政策)$")  # 「按这份…实施意见」
_QUESTION_WORDS = re.compile(r"多少|几|是什么|有哪些|哪些|什么|如何|怎么|怎样|吗|呢|分别|要求|要|能|可以|请问|了")
_MEASURE = re.compile(r"比重|占比|增速|增长率")
_YEAR_PHRASE = re.compile(r"(?:到|至|截至|截止|在|于)?\s*20\d\d\s*年(?:底|末|前|以前|之前)?(?:时|的)?")


@dataclass(frozen=True)
class Part:
    """One thing asked about, in the user's words (「数据中心机架」)."""

    text: str


@dataclass(frozen=True)
class Plan:
    parts: tuple[Part, ...] = ()        # two or more when the question enumerates
    asks: frozenset[str] = field(default_factory=frozenset)  # payer, cap, amount, money, share, when, who, quantity
    count: int | None = None            # a list question's expected number of items
    list_key: str | None = None         # the phrase that names the list (「七园」「四类平台」)
    core: str = ""                      # what is asked about, without scope and question words

    @property
    def several(self) -> bool:
        return len(self.parts) >= 2


def make_plan(linked: Linked, known: Callable[[str], bool]) -> Plan:
    """``known(text)``: whether the corpus contains ``text`` (white space removed) — joined
    phrases the plans print whole (「软件和信息技术服务业」) are one part, not two."""
    text = without_scope(linked)
    asked = linked.raw or linked.focus
    asks = frozenset(name for name, pattern in _ASKS.items() if pattern.search(asked))
    if asks_who_not_amount(asked):
        asks -= {"amount"}
    count, key = list_count(asked)
    # 「（如钙钛矿光伏、可再生能源制氢、新型储能）」 gives examples of what is asked, not parts.
    examples = re.sub(r"[（(](?:如|例如|比如|包括)[^）)]*[）)]", "", text)
    # 「除了电商和物流指标，还要…」: what is set aside is not asked.
    examples = _SET_ASIDE.sub("", examples)
    parts = [] if linked.english else enumerated_parts(examples, known)
    if asks == {"when"} and not _EACH.search(asked):
        parts = []  # 「A、B和C的补贴最晚何时申报」: one deadline for them all, unless asked 分别
    return Plan(tuple(Part(p) for p in dict.fromkeys(parts)), asks, count, key, core_phrase(text))


_SET_ASIDE = re.compile(r"除(?:了|去)?[^，,。；;？?]{1,30}?(?:以外|之外|外)?(?=[，,])")


def further_questions(text: str) -> list[str]:
    """What the second and later sentences of a question ask about on their own
    (「…多少个园区？新签约多少企业？」 → 「新签约企业」); a sentence that only asks another thing
    of the same subject (「谁出钱？」「最高多少？」) adds no part."""
    sentences = [s for s in re.split(r"[？?；;！!。]", text) if s.strip()]
    if len(sentences) == 1:
        # 「…到2025年要覆盖到什么程度，计划建多少座城际充电站？」: one sentence asking at
        # each of its commas asks each thing on its own.
        pieces = [p for p in re.split(r"[，,]", sentences[0]) if p.strip()]
        if len(pieces) >= 2 and all(_ASKING.search(p) for p in pieces[-2:]):
            sentences = [",".join(pieces[:-1]), pieces[-1]]
    if len(sentences) < 2:
        return []
    # 「松江区能源行动方案里的…」: the document read is no part asked.
    opening = _DOC_LEAD.sub("", sentences[0].lstrip("，, "))
    # 「按照乌达区政府网站转载的《…》，」: a stretch saying where to look asks nothing (its
    # place and title may already be blanked to commas).
    opening = _SOURCE.sub("", opening)
    first = enumerated_parts(opening, lambda _: False) or [
        c for c in map(_clean, _SPAN.findall(opening)) if len(c) >= 2 and not _TOPIC.search(c)]
    found = [p for p in first if p]
    for sentence in sentences[1:]:
        # 「要建几个省级孵化基地，产值要到多少」: each comma part that asks is a question of its own.
        pieces = [p for p in re.split(r"[，,]", sentence) if p.strip()]
        asking = [p for p in pieces if _ASKING.search(p)]
        for piece in (asking if len(asking) >= 2 else [sentence]):
            rest = _clean(piece)
            for pattern in _ASKS.values():
                # 「占比」「增速」 ask a quantity and name the measure asked: they stay.
                rest = pattern.sub(lambda m: m.group() if _MEASURE.fullmatch(m.group()) else "", rest)
            rest = _QUESTION_WORDS.sub("", _YEAR_PHRASE.sub("", rest))
            if len(re.sub(r"[^\u4e00-\u9fffA-Za-z0-9]", "", rest)) >= 2:
                found.append(rest.strip("，, "))
    return found if len(found) >= 2 else []


def subject_of(text: str) -> str:
    """What a question is about, as its first stretch that names something
    (「换电示范项目除了其他奖补，还能额外拿多少」 → 「换电示范项目」)."""
    from qa.lexical import pos_cut

    for span in _SPAN.findall(text):
        cleaned = _clean(span)
        if len(cleaned) >= 2 and not _TOPIC.search(cleaned) and not _DOC_REFERENCE.search(cleaned) \
                and any(flag.startswith(("n", "vn", "eng")) for _, flag in pos_cut(cleaned)):
            return re.sub(r"(?:除了|除)[\u4e00-\u9fff]*$", "", cleaned) or cleaned
    return ""


def core_phrase(text: str) -> str:
    """The longest stretch of the question left once scope and question words are gone
    (「湖北省到2025年数字经济核心产业增加值目标是多少」 → 「数字经济核心产业增加值」); a stretch
    naming a document (「按幸福龙江的意见」) is where to look, not what is asked."""
    spans = [(_ASKING.search(s) is not None, _clean(s)) for s in _SPAN.findall(text)]
    spans = [(asking, c) for asking, c in spans
             if c and not _DOC_REFERENCE.search(c) and not _HOLLOW.fullmatch(c)]
    if not spans:
        return ""
    return max(spans, key=lambda p: (len(p[1]) >= 4 and p[0], len(p[1])))[1]


_PARTS_COUNTED = re.compile(r"[一二两三四五六七八九十双][\u4e00-\u9fff]")


def list_count(question: str) -> tuple[int | None, str | None]:
    """(expected number of items, the phrase naming the list) of a list question: a quoted
    name holding the count (「“七园”」), else the counted noun (「3大数字新融合」), else the
    noun after 「哪N个」 (「哪三个国家级平台」 → 「国家级平台」)."""
    text = re.sub(r"\s", "", question)
    n = key = None
    for pattern in _LIST_COUNT:
        match = pattern.search(text)
        if match:
            n = n or count_of(match.group("n"))
            if match.groupdict().get("key"):
                key = key or match.group("key")
            elif match.groupdict().get("noun"):
                key = key or f"{match.group('n')}{match.group('unit')}{match.group('noun')}"
    if n is None:
        return None, None
    quoted = [q for q in re.findall(r"[“\"]([^”\"]{2,12})[”\"]", text) if _COUNT_CHAR.search(q)]
    if quoted and "哪" not in text and len(_PARTS_COUNTED.findall(quoted[0])) >= 2 \
            and "".join(_PARTS_COUNTED.findall(quoted[0])) == quoted[0]:
        # 「“一主两副”指什么」: parts of different kinds, each glossed on its own — no one list.
        return None, None
    if quoted:
        return n, quoted[0]
    after = _AFTER_WHICH.search(text)
    if key or after:
        return n, key or after.group("noun")
    # 「…重点工程是哪两个？」: nothing follows the count; the list is what is asked about.
    before = _BEFORE_WHICH.search(text)
    return n, (_clean(before.group("subject")) or None) if before else None


def enumerated_parts(text: str, known: Callable[[str], bool]) -> list[str]:
    """The items of the longest enumeration in ``text`` (「A、B和C」), each stripped of the
    question's own words; [] when nothing is enumerated."""
    best: list[str] = []
    for span in _SPAN.findall(text):
        pieces = _split(span, known)
        items = [_clean(p) for p in pieces]
        items = [i for i in items if len(i) >= 2]
        if len(items) >= 2 and len(items) == len(pieces) and len(items) > len(best):
            best = _shared_tails(items)
    return best


_GRADE = r"[\d一二三四五六七八九十]+\s*[级类星档等]"
# What sets one of several parts apart: 「1级」 beside 「2级」, 「国家级」 beside 「省、市级」.
GRADE = rf"{_GRADE}|(?:(?:国家|省|市|区|县)[、和及]?)*(?:国家|省|市|区|县)级"


def _shared_tails(items: list[str]) -> list[str]:
    """「1级和2级能效家电」: a grade alone shares the noun the last grade names."""
    last = re.match(rf"{_GRADE}(?P<tail>[\u4e00-\u9fff]{{2,}})$", items[-1])
    if not last:
        return items
    return [f"{i}{last.group('tail')}" if re.search(rf"{_GRADE}$", i) else i for i in items]


def _split(span: str, known: Callable[[str], bool]) -> list[str]:
    """``span`` cut at its conjunctions — as words (jieba), so the 及 of 「普及率」 or the 与
    of 「参与」 never cuts — except where the plans print the joined phrase whole."""
    words = _words(span)
    pieces: list[str] = []
    current = ""
    for i, word in enumerate(words):
        if _ENUM_SEP.fullmatch(word):
            if word == "、" and len(re.sub(r"^[对和与及]", "", current)) == 1:
                current += word  # 「省、市级平台」: one character shares the next item's suffix
                continue
            right = "".join(words[i + 1:])
            joined = current[-4:] + word + right[:4]
            if word != "、" and _RELATION.search(right):
                current += word  # 「A与全国平均水平的差距」: one measure between two things
                continue
            if word == "、" or not known(joined):
                pieces.append(current)
                current = ""
                continue
        current += word
    pieces.append(current)
    return pieces if len(pieces) >= 2 else [span]


def _words(text: str) -> list[str]:
    from qa.lexical import _jieba_lock, jieba_module

    jieba = jieba_module()
    with _jieba_lock:
        return list(jieba.cut(text, HMM=False))


def _clean(item: str) -> str:
    item = _YEAR_PHRASE.sub("", item)
    item = _DOC_LEAD.sub("", item)
    # 「接入多少市场主体」 asks about what follows the question word.
    asked = _ASKED_NOUN.search(item)
    # 「重点耗能企业节能降碳行动覆盖多少家企业」 named its 企业 more closely before.
    if asked and len(asked.group("noun")) >= 2 and not _UNIT.fullmatch(asked.group("noun")) \
            and not _BOUND.fullmatch(asked.group("noun")) and asked.group("noun") not in item[:asked.start()]:
        item = asked.group("noun")
    item = _LEAD.sub("", item)
    tail = _TAIL.search(item)
    if tail:
        # 「车桩增量比力争达到多少」 loses 「达到多少」, then the 「力争」 before it; 「…政策由谁」
        # and 「…政策又由谁」 their 由 and 又.
        item = re.sub(r"(?:力争|努力|又由|由|又|还|也)$", "", item[: tail.start()])
    return item.strip("的“”\"《》（）() ")


def without_scope(linked: Linked) -> str:
    """The question with its regions and documents blanked out: 「湖北省和武汉市」 are the
    sides of a comparison, not two parts of one."""
    text = re.sub(r"[“”\"《》]", "", linked.raw or linked.focus)
    text = _RULED_OUT.sub("，", text)
    for surface in sorted(linked.scope_surfaces, key=len, reverse=True):
        text = text.replace(surface, "，")
    return _YEAR_PHRASE.sub("，", text)


def count_of(token: str) -> int | None:
    """「七」 → 7, 「十二」 → 12, 「3」 → 3: a count as plans and questions write it."""
    if token.isdigit():
        return int(token)
    if token.startswith("十"):
        return 10 + _CN_DIGITS.get(token[1:], 0) if len(token) > 1 else 10
    return _CN_DIGITS.get(token)
