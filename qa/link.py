"""Link a question to the graph: regions, documents, years, named entities, and intents.

The gazetteer is built from what the graph holds (entity names and aliases, document
titles, numbers and regions), plus the standard Chinese abbreviations of administrative
names (湖北省 → 湖北, 武汉经济技术开发区 → 武汉经开区 / 经开区), so it grows with the
corpus and is never written for particular files.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from qa.asktype import WHICH, AskType, detect
from qa.bilingual import EnglishWords
from qa.glossary import ENGLISH_PLACES, english_terms, is_english, translate_english
from qa.placenames import EnglishPlaces

YEAR = re.compile(r"(20\d{2})\s*年?")
# Major places outside any one corpus: a question naming one the plans never mention is
# about somewhere else, and must be refused rather than answered from look-alike text.
_WELL_KNOWN_PLACES = (
    "北京 上海 天津 重庆 广州 深圳 杭州 南京 苏州 成都 西安 长沙 郑州 合肥 南昌 济南 青岛 "
    "厦门 福州 沈阳 大连 长春 哈尔滨 昆明 贵阳 南宁 海口 太原 石家庄 呼和浩特 兰州 西宁 银川 "
    "乌鲁木齐 拉萨 香港 澳门 台湾 广东 浙江 江苏 四川 湖南 河南 安徽 江西 山东 福建 辽宁 "
    "吉林 黑龙江 云南 贵州 广西 海南 山西 河北 内蒙古 甘肃 青海 宁夏 新疆 西藏 陕西"
).split()

# A place the plans name this often is one they say something about (襄阳 in a provincial
# plan); one or two mentions (上海 as a benchmark) are not coverage.
_COVERED_MENTIONS = 3
_SPECIFIC_MENTIONS = 30
_CACHED_WORDS = 50_000

INTENT_WORDS: dict[str, tuple[str, ...]] = {
    "incentive": ("奖励", "补贴", "补助", "资助", "扶持", "配套", "奖金", "能拿", "可以拿", "能获得",
                  "出钱", "承担", "封顶", "基金", "资金", "政策支持", "申请", "兑现", "多少钱"),
    "responsibility": ("由谁", "谁负责", "谁来", "谁牵头", "哪些部门", "哪个部门", "哪些单位",
                       "哪个单位", "责任单位", "责任部门", "牵头单位", "牵头部门", "负责单位"),
    "target": ("目标", "达到", "达", "规模", "比重", "占比", "增长", "增速", "突破", "超过", "力争",
               "多少", "几个", "几家", "多大", "覆盖率", "普及率"),
    "definition": ("什么是", "是什么意思", "指什么", "指的是什么", "是指", "定义", "含义", "何谓",
                   "界定", "具体是什么", "是怎么回事", "怎么解释", "如何解释", "如何理解", "这个概念"),
    "list": ("哪些", "有哪些", "包括", "列出", "列举", "分别是什么", "都有", "哪几"),
    "comparison": ("分别", "对比", "比较", "相比", "异同", "区别", "和", "与", "及"),
    "park": ("园区", "产业园", "园", "一核两芯七园", "创新谷"),
    "project": ("项目", "平台", "工程", "中心"),
    "enterprise": ("企业", "公司", "龙头"),
    "document": ("文号", "发文日期", "印发日期", "落款", "签发", "是什么文件", "哪个单位印发",
                 "谁印发", "何时印发", "什么时候印发", "发布日期"),
}


# Words that say what kind of answer is wanted rather than what it is about.
QUESTION_FILLERS = frozenset(
    "负责 部门 单位 牵头 责任 主要 具体 相关 实际 情况 内容 要求 规定 提到 提出 说 讲 打算 准备 "
    "概念 解释 意思 说法 提法 含义 问题 方面 这块 一块 东西 之间 安排 不同 差别 差异 "
    # 「有没有容错的办法」: how a user asks for a measure, not the plan's word (便利 is
    # printed: 「在子女入学等方面提供便利」).
    "办法 方法 做法 途径 "
    # 「各有什么抓手」 asks for the measures; a sentence 「以…为抓手」 is not one by that word.
    "抓手 着力点 举措 "
    # 「除了电商和物流指标，还要建成哪两个…地方」: 除了 sets aside what is not asked; 地方 is
    # the user's word for a place of any kind.
    "除了 除此之外 之外 以外 地方".split())

# Phrases that only make a question ("多大规模" would match 大规模定制); removed from
# what is searched, kept for intent detection.
# 「这项任务由哪些单位负责」: 这项任务 points back at the task the question names.
_QUESTION_PHRASES = re.compile(r"多大规模|多大|什么水平|什么样|哪些方面|是多少|有多少|多少|(?:这|该|此)[项条个](?:任务|工作|措施|事项)")


@dataclass(frozen=True)
class Linked:
    """What a question refers to."""

    @property
    def one_place(self) -> tuple[str, ...]:
        """The regions of a question that names one place: one region, or the several a
        shared short form names (吉林); empty when it names none or several places."""
        return self.regions if len(self.regions) == 1 or len(self.region_forms) == 1 else ()

    text: str  # the question as searched (English translated, follow-up context appended)
    focus: str = ""  # the user's own words (a follow-up without the context it borrows)
    raw: str = ""    # the question as typed (NFKC), question words kept
    english: bool = False
    guessed: tuple[str, ...] = ()  # an English question's words only the dictionary read
    ask: AskType = field(default_factory=AskType)
    regions: tuple[str, ...] = ()
    doc_ids: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    entities: tuple[tuple[str, str], ...] = ()  # (label, canonical name)
    unknown_places: tuple[str, ...] = ()
    surfaces: tuple[str, ...] = ()  # how the question spelled its regions and documents
    region_forms: tuple[str, ...] = ()  # how it spelled its regions (吉林: 吉林省 and 吉林市)
    region_named: tuple[tuple[str, str], ...] = ()  # (form, region): 经开区 → 武汉经济技术开发区
    scope_surfaces: tuple[str, ...] = ()  # of those, the regions and whole titles or numbers
    intents: frozenset[str] = field(default_factory=frozenset)


@dataclass
class Gazetteer:
    """Surface form → canonical name, per kind; built from the graph."""

    regions: dict[str, str] = field(default_factory=dict)
    entities: dict[str, tuple[str, str]] = field(default_factory=dict)  # alias → (label, name)
    doc_keys: dict[str, str] = field(default_factory=dict)  # title / number / alias → doc_id
    plan_regions: set[str] = field(default_factory=set)  # surface forms of regions with plans
    shared: dict[str, list[str]] = field(default_factory=dict)  # short form → every region it names
    title_words: dict[str, dict[str, float]] = field(default_factory=dict)  # doc_id → word → weight
    title_word_keys: set[str] = field(default_factory=set)  # doc keys that are one title word
    doc_regions: dict[str, str] = field(default_factory=dict)  # doc_id → the region it governs
    corpus_text: str = ""  # every clause's text, white space removed
    # Scanning ``corpus_text`` is milliseconds per word at ×100; questions ask about the same
    # places and words again and again, and the text changes only with a new gazetteer.
    _mentions: dict[str, int] = field(default_factory=dict, repr=False, compare=False)

    def mentions(self, word: str) -> int:
        """How often ``word`` occurs in the corpus text."""
        count = self._mentions.get(word)
        if count is None:
            if len(self._mentions) > _CACHED_WORDS:
                self._mentions.clear()
            count = self._mentions[word] = self.corpus_text.count(word)
        return count

    def holds(self, text: str) -> bool:
        """``text`` occurs in the corpus text (white space removed)."""
        return self.mentions(text) > 0

    def add_region(self, name: str, aliases: Iterable[str] = ()) -> None:
        for form in {name, *aliases, *region_abbreviations(name)}:
            if len(form) < 2:
                continue
            known = self.regions.get(form)
            if known is not None and known != name and form not in (known, name) \
                    and _level(known) != _level(name):
                # A short form a province and a city share (吉林 of 吉林省 and 吉林市) names
                # both, the higher first, as Chinese writers most often mean it; a generic
                # short form of one level (经开区) names the region that came first.
                both = sorted({*self.shared.get(form, [known]), name}, key=_level)
                self.shared[form] = both
                self.regions[form] = both[0]
            elif known is None or form == name:
                self.regions[form] = name

    def add_entity(self, label: str, name: str, aliases: Iterable[str] = ()) -> None:
        for form in {name, *aliases}:
            if len(form) >= 2:
                self.entities.setdefault(form, (label, name))

    def words(self) -> list[str]:
        return [*self.regions, *self.entities]


def _level(name: str) -> int:
    return 0 if name.endswith(("省", "自治区")) else 1 if name.endswith("市") else 2


def region_abbreviations(name: str) -> list[str]:
    """The short forms Chinese writers use for an administrative name."""
    forms = []
    if name.endswith("经济技术开发区"):
        stem = name[: -len("经济技术开发区")]
        forms += [stem + "经开区", "经开区", stem + "开发区"]
    if name.endswith("新技术开发区") or name.endswith("新技术产业开发区"):
        stem = name.split("新技术")[0]
        forms += [stem + "高新区", stem + "新技术开发区", stem + "新技术产业开发区"]
    for suffix in ("省", "市"):
        if name.endswith(suffix) and len(name) >= 3:
            forms.append(name[:-1])
    district = re.match(r"^.{2,6}?市(.{2,4}[区县旗])$", name)
    if district:  # 巴中市恩阳区 is 恩阳区, and 恩阳
        forms += [district.group(1)] + ([district.group(1)[:-1]] if len(district.group(1)) >= 3 else [])
    return forms


class Linker:
    """Finds regions, documents, years, entities and intents in a question."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.g = gazetteer
        self._region_forms = _Forms(gazetteer.regions)
        self._entity_forms = _Forms(gazetteer.entities)
        self._doc_forms = _Forms(gazetteer.doc_keys)
        self._english_places = EnglishPlaces(gazetteer.regions, translated=ENGLISH_PLACES)
        self.english_words = EnglishWords(gazetteer.mentions)

    def link(self, question: str, context: str = "") -> Linked:
        """Link ``question``; ``context`` is the earlier question a follow-up leans on."""
        if is_english(question):
            # 「the Lvliang plan … in Xing County」 read as 吕梁 and 兴县: scoped like Chinese.
            question = self._english_places.annotate(question)
        text = unicodedata.normalize("NFKC", question).strip()
        translated, guessed = english_terms(text, self.english_words)
        focus = _QUESTION_PHRASES.sub(" ", translated)
        searched = _searched(focus, context, self.english_words)
        squashed = re.sub(r"[\s“”\"'《》]", "", searched)
        squashed = re.sub(r"(20\d\d)年?[-–~至到](20\d\d)", r"\1—\2", squashed)  # periods as titles print them
        region_hits = [(form, region) for form, region in _longest_matches(squashed, self._region_forms)
                       if not _names_an_honour(squashed, form)]
        entities = [v for _, v in _longest_matches(squashed, self._entity_forms)]
        doc_hits = [(form, doc) for form, doc in _longest_matches(squashed, self._doc_forms)
                    if form not in self.g.title_word_keys or _names_document_after(squashed, form)]
        named = [v for _, v in region_hits]
        # A short form two levels share (吉林) names only the one the question also spells
        # out (「Jilin City」 → 吉林市), when it does.
        spelled_out = {v for form, v in region_hits if form not in self.g.shared}
        regions = [r for form, v in region_hits
                   for r in ([x for x in self.g.shared[form] if x in spelled_out] or self.g.shared[form]
                             if form in self.g.shared else [v])]
        # An English question's Chinese is a bag of glossary terms, not a title's words in order.
        docs = [v for _, v in doc_hits] or ([] if is_english(question) else self._titled(squashed, regions))
        # A document named loosely (「深圳氢能行动计划」): the word naming it (行动计划) is scope,
        # not something asked about.
        loose = self._genre_words(squashed, docs) if docs and not doc_hits else []
        # A period printed in a title the question names (「《…（2026-2030年）》」) dates the
        # plan, not what is asked.
        years = tuple(dict.fromkeys(int(y) for y in YEAR.findall(_TITLED.sub(" ", searched))))
        if docs:
            years = self._beside_titles(years, docs, _TITLED.sub(" ", searched))
        # What the question asks is in its own words; borrowed context lends only topic.
        # A document's name (「突破性方案」) is where to look: its words ask nothing.
        intents = detect_intents(_without(re.sub(r"[\s“”\"'《》]", "", translated), [form for form, _ in doc_hits]),
                                 len(set(named)) + len(set(docs)), len(years))
        return Linked(
            text=searched,
            focus=focus,
            raw=translated,
            english=is_english(text),
            guessed=tuple(guessed),
            ask=detect(text),
            regions=tuple(dict.fromkeys(regions)),
            doc_ids=tuple(dict.fromkeys(docs)),
            years=years,
            entities=tuple(dict.fromkeys(entities)),
            unknown_places=self._unknown_places(text),
            surfaces=tuple(dict.fromkeys(form for form, _ in region_hits + doc_hits)),
            region_forms=tuple(dict.fromkeys(form for form, _ in region_hits)),
            region_named=tuple(dict.fromkeys((form, r) for form, v in region_hits
                                             for r in self.g.shared.get(form, [v]))),
            # A title word (「可再生能源」) names a document but is also what is asked about.
            scope_surfaces=tuple(dict.fromkeys(
                [form for form, region in region_hits
                 if "comparison" in intents or self._scopes(form, region, docs, named)] + loose
                + [form for form, _ in doc_hits if _WHOLE_NAME.search(form) or len(form) >= 10]
                # Plans compared are sides, like places: within each, the words naming it
                # (「突破性方案」「十四五规划」) pick no sentence.
                + ([form for form, _ in doc_hits] + self._genre_words(squashed, docs)
                   if "comparison" in intents and len(set(docs)) > 1 else []))),
            intents=intents,
        )

    def _scopes(self, form: str, region: str, docs: list[str], named: list[str]) -> bool:
        """Whether a place the question names is where to look, not what to find: the
        region of the plan it names, or any place unless it names one plan and one place
        inside it (「吕梁…规划在石楼县布局了几个…」), which is a word its answer must print.
        (Places compared are sides, each a scope: the caller keeps them.)"""
        if len(set(docs)) != 1:
            return True
        home = self.g.doc_regions.get(docs[0])
        if region == home or len({r for r in named if r != home}) != 1:
            return True
        return form in "".join(key for key, doc in self.g.doc_keys.items() if doc == docs[0])

    def _beside_titles(self, years: tuple[int, ...], docs: list[str], text: str) -> tuple[int, ...]:
        """Without a year printed once, as part of the title of a document the question
        names (「按广西2025年电力市场化交易通知，…」: 「2025年电力」 is in the title): that year
        names the plan. 「武汉2020年的突破性方案」 dates the plan it compares."""
        keys = [key for key, doc in self.g.doc_keys.items() if doc in docs]
        squashed = re.sub(r"\s", "", text)
        titled = set()
        for m in YEAR.finditer(squashed):
            # Words, not a period (「2025—2027年的方案」 asks of the period's plan).
            before, after = squashed[max(0, m.start() - 2):m.start()], squashed[m.end():m.end() + 2]
            named = [f"{before}{m.group()}" if _WORDS.fullmatch(before) else None,
                     f"{m.group()}{after}" if _WORDS.fullmatch(after) else None]
            if any(n and n in key for n in named for key in keys):
                titled.add(int(m.group(1)))
        return tuple(y for y in years if y not in titled or len(re.findall(str(y), squashed)) > 1)

    def _genre_words(self, squashed: str, docs: list[str]) -> list[str]:
        """The genre words (行动计划, 实施方案) by which the question names ``docs``."""
        titles = "".join(k for k, v in self.g.doc_keys.items() if v in docs)
        return [m.group() for m in _DOC_GENRE.finditer(squashed) if m.group() in titles]

    def _titled(self, squashed: str, regions: Sequence[str] = ()) -> list[str]:
        """A document the question names loosely (「广东提振消费措施」 for 「广东省进一步提振和扩大
        消费的若干措施」): the one whose distinctive title words the question shares most,
        clearly ahead of any other — or, among close ones, the only plan of the region the
        question names (「深圳氢能…行动计划」, not another city's 行动计划)."""
        if not _NAMES_A_DOCUMENT.search(squashed):
            return []
        # Title words count where they stand next to what names the document (「氢能规划」), not
        # anywhere in the question (「…四大行动」 is no 「行动方案」).
        near = "".join(squashed[max(0, m.start() - 12): m.end()] for m in _NAMES_A_DOCUMENT.finditer(squashed))
        scores = sorted(((sum(w for word, w in words.items() if word in near),
                          sum(word in near for word in words), doc_id)
                         for doc_id, words in self.g.title_words.items()), reverse=True)
        # Two title words at least: one shared word (「高质量」) is a topic, not a title.
        if not scores or scores[0][0] < 2 or scores[0][1] < 2:
            return []
        if len(scores) > 1 and scores[0][0] < 2 * scores[1][0]:
            close = [doc_id for score, _n, doc_id in scores if 2 * score > scores[0][0]]
            local = [doc_id for doc_id in close if self.g.doc_regions.get(doc_id) in regions]
            return local if len(local) == 1 and local[0] == scores[0][2] else []
        return [scores[0][2]]

    def _spoken_of(self, place: str, question: str) -> bool:
        """A place a plan names once, but next to what the question asks about (「安排5亿元
        支持磨憨…河口和瑞丽…」), is covered there; a benchmark named in passing is not."""
        from qa.lexical import tokenize

        text = self.g.corpus_text
        # Specific words only: 「数字经济」 sits next to every place a plan names.
        words = [w for w in dict.fromkeys(tokenize(question.replace(place, " ")))
                 if len(w) >= 2 and 0 < self.g.mentions(w) <= _SPECIFIC_MENTIONS][:10]
        start = text.find(place)
        while start >= 0:
            window = text[max(0, start - 60): start + 60]
            if sum(w in window for w in words) >= 2:
                return True
            start = text.find(place, start + 1)
        return False

    def _part_of_known_name(self, text: str, place: str) -> bool:
        """江城 in “江城百臻” names a brand the plans know, not a city they do not."""
        squashed = re.sub(r"\s", "", text)
        i = squashed.find(place)
        extended = squashed[i:i + len(place) + 2]
        return i >= 0 and len(extended) > len(place) and self.g.holds(extended)

    def _unknown_places(self, text: str) -> tuple[str, ...]:
        """Places the question names that no document covers: neither a plan's region nor a
        place the plans speak of repeatedly. Passing mentions (a plan naming 上海 as a
        benchmark, which extraction may still record as a Region) are not coverage."""
        lowered = text.lower()
        found = set(place_names(text)) | {p for p in _WELL_KNOWN_PLACES if p in text}
        found |= {zh for en, zh in ENGLISH_PLACES.items() if re.search(rf"\b{en}\b", lowered)}
        unknown = []
        for place in found:
            if self._part_of_known_name(text, place):
                continue
            core = re.sub(r"(省|自治区|市|州|县|区)$", "", place)
            planned = any(core in form or form in place for form in self.g.plan_regions)
            if not planned and self.g.mentions(core) < _COVERED_MENTIONS \
                    and not self._spoken_of(core, text):
                unknown.append(place)
        return tuple(sorted(unknown))


def searched_text(question: str, context: str = "", english: EnglishWords | None = None) -> str:
    """What retrieval searches for ``question``: English translated (``english``: the
    dictionary for the words the glossary lacks), question phrases blanked, a follow-up's
    context appended (``Linked.text``). Cheap, so that the question's vector can be
    started before linking."""
    text = unicodedata.normalize("NFKC", question).strip()
    return _searched(_QUESTION_PHRASES.sub(" ", translate_english(text, english)), context, english)


def _searched(focus: str, context: str, english: EnglishWords | None) -> str:
    """``searched_text`` from the question's focus, which ``Linker.link`` has translated already."""
    focus = _RUN_TOGETHER.sub(lambda m: f"{m.group()} {m.group().replace('、', '')}", focus)
    return f"{focus} {translate_english(context, english)}".strip() if context else focus


# 「油、气、氢、电」: one-character items, which plans print run together (「油气氢电」).
_RUN_TOGETHER = re.compile(r"[\u4e00-\u9fff](?:、[\u4e00-\u9fff](?=、))+、[\u4e00-\u9fff]")


def place_names(text: str) -> list[str]:
    """Place names jieba tags ``ns`` in the Chinese parts of ``text``."""
    import jieba.posseg

    from qa.lexical import _jieba_lock, jieba_module

    jieba_module()
    names = []
    for run in re.findall(r"[\u4e00-\u9fff]+", text):
        with _jieba_lock:
            pairs = list(jieba.posseg.cut(run, HMM=False))
        names += [p.word for p in pairs if p.flag == "ns" and len(p.word) >= 2
                  and not _DIRECTIONS.fullmatch(p.word)]
    return names


# Words of direction jieba may tag as places: 「哪些东西」 asks for things, not somewhere.
_DIRECTIONS = re.compile(r"[东西南北中内外上下前后]+")


_WHOLE_NAME = re.compile(r"〔|规划|方案|措施|意见|办法|计划|政策|细则|通知|纲要|\d{4}—\d{4}")
_TITLED = re.compile(r"《[^《》]*》")
_WORDS = re.compile(r"[\u4e00-\u9fff]{2}")
_NAMES_A_DOCUMENT = re.compile(r"规划|方案|措施|意见|办法|行动计划|细则|通知|纲要|决定|条例")
# The genre words a title ends with, as a question may use them to name it.
_DOC_GENRE = re.compile(r"(?:行动|工作|实施|专项|发展)?(?:计划|方案|规划)|若干措施|政策措施|实施意见|指导意见|"
                        r"管理办法|实施细则|操作规程")
_LIST_ASK = re.compile(r"哪[几一二三四五六七八九十\d]+[项个类大种条家方面处座所]|[\d一二三四五六七八九十几]+大[\u4e00-\u9fff]{0,8}(是什么|指什么|分别|包括)")


def _names_document_after(text: str, word: str) -> bool:
    """「突破性方案」「十四五规划里」: a title word followed closely by what a document is."""
    at = text.find(word)
    return at >= 0 and bool(_NAMES_A_DOCUMENT.search(text[at + len(word): at + len(word) + 10]))


def _without(text: str, forms: Sequence[str]) -> str:
    for form in sorted(forms, key=len, reverse=True):
        text = text.replace(form, "，")
    return text


def detect_intents(text: str, n_refs: int, n_years: int = 0) -> frozenset[str]:
    intents = {name for name, words in INTENT_WORDS.items() if any(w in text for w in words)}
    if n_years >= 2 and len(re.findall(r"多少|几", text)) >= 2:
        intents.add("comparison")  # "2024年完成了多少，2027年目标是多少"
    if n_refs >= 2 and len(re.findall(rf"多少|几|{WHICH}", text)) >= 2:
        intents.add("comparison")  # 「湖北省打的是什么品牌，经开区建的又是什么平台」: one question per place
    if _LIST_ASK.search(text):
        intents.add("list")
    if re.search(r"由.{1,24}负责|负责.{0,4}的是|(?:哪|谁|什么).{0,8}(?:负责|牵头|承担|落实)|"
                 r"(?:负责|牵头)(?:的|单位|部门)*(?:是|为)?(?:谁|哪个?(?:部门|单位))", text) \
            and not re.search(r"(?:负责|承担|落实)了?(?:哪些|什么)(?:工作|任务|事项|内容)", text):
        intents.add("responsibility")
    if re.search(r"是什么[？?]?$", text) and "list" not in intents \
            and not re.search(r"(?:条件|要求|标准|内容|依据|原因|目的|区别|流程|范围|期限|对象|方式|时间)是什么[？?]?$", text):
        intents.add("definition")
    if "comparison" in intents and n_refs < 2 and n_years < 2 and "分别" not in text and "对比" not in text \
            and "比较" not in text:
        intents.discard("comparison")  # "和" joins two things only when two things are named
    if "incentive" in intents:
        intents.discard("target")  # "多少" about money is an incentive question
    if "list" in intents and re.search(r"哪几|哪些", text) and not re.search(r"多少|目标", text):
        intents.discard("target")  # 「覆盖哪几个产业」 asks which, not how many
    return frozenset(intents)


class _Forms:
    """A gazetteer's surface forms, longest first, indexed by their first two characters:
    a question meets only the few forms that start with one of its own character pairs, not
    the thousands a large corpus names."""

    def __init__(self, table: Mapping[str, Any]) -> None:
        self.table = table
        self.forms = sorted(table, key=len, reverse=True)
        self._by_start: dict[str, list[int]] = {}
        for rank, form in enumerate(self.forms):
            self._by_start.setdefault(form[:2], []).append(rank)

    def candidates(self, text: str) -> list[str]:
        """The forms that may occur in ``text``, in their longest-first order."""
        ranks: set[int] = set()
        for i in range(len(text)):
            ranks.update(self._by_start.get(text[i:i + 2], ()))
            ranks.update(self._by_start.get(text[i], ()))  # one-character forms
        return [self.forms[r] for r in sorted(ranks)]


# 「获评上海市零碳示范单位」「创建…和上海市绿色餐厅示范单位」: the place is part of the title an
# award confers, not a place the question is about.
_HONOUR_VERB = re.compile(r"(?:获评|评为|评定为|认定为|命名为|入选|创建|争创|荣获|获得)[^，,。；;？?]{0,16}$")
_HONOUR_NAME = re.compile(r"^[\u4e00-\u9fff]{0,12}?(?:示范|标杆|称号|先进|名单|奖)")


def _names_an_honour(text: str, form: str) -> bool:
    """Every mention of ``form`` in ``text`` opens the name of an award or title."""
    starts = [m.start() for m in re.finditer(re.escape(form), text)]
    return bool(starts) and all(_HONOUR_VERB.search(text[:at]) and _HONOUR_NAME.match(text[at + len(form):])
                                for at in starts)


def _longest_matches(text: str, forms: _Forms) -> list[tuple[str, Any]]:
    """(surface form, value) of non-overlapping matches, longest forms first, in text order."""
    taken = [False] * len(text)
    found = []
    for form in forms.candidates(text):
        start = text.find(form)
        while start >= 0:
            end = start + len(form)
            if not any(taken[start:end]):
                taken[start:end] = [True] * len(form)
                found.append((start, form, forms.table[form]))
            start = text.find(form, end)
    return [(form, value) for _, form, value in sorted(found, key=lambda p: p[0])]
