"""Pick the sentences that answer a question, out of the clauses retrieval found.

Sentences are scored by the idf-weighted share of the question's terms they contain
(``coverage``), with small boosts for what a question of that intent needs — a number
for a target or incentive question, the asked year, the asked region's document.
Coverage is also what decides whether the plans answer the question at all.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from qa.corpus import ClauseCorpus
from qa.lexical import pos_cut, tokenize
from qa.link import INTENT_WORDS, QUESTION_FILLERS, Linked
from qa.meaning import SentenceMeaning
from qa.types import ClauseRecord

_NOTE_ONLY = re.compile(r"[（(][^（）()]*(?:牵头|责任|配合|参加|参与|协同|主责)[^（）()]*[）)][。；;]?")
_SENTENCE_END = re.compile(r"(?<=[。！？；;!?])|\n+")
# A quantity, not any digit: "5G" or "4G" is a name.
_NUMBER = re.compile(r"\d[\d.,]*\s*(?:[%％万亿千百个家元公条台项倍座套所亩架次人名批类]|EFLOPS|毫秒|P(?![A-Za-z]))")
_OTHER_YEAR = re.compile(r"(到|至|力争)\s*20\d\d")
_BASELINE_BEFORE = re.compile(r"[比较]\s*$")
_BASELINE_AFTER = re.compile(r"\s*年?(?:底|末)?\s*(?:相比|的?基础上|水平上)")
_DEFINES = re.compile(r"[：:]\s*(指|是指)|是指|主要是指|即[：:“]|简称")
_MAX_SNIPPET = 160
_SAYS_WHO = re.compile(r"由[^，,。；;]{2,24}(?:负责|牵头|认定|组织|审核|审定|实施|统筹|会同)|牵头单位|责任单位|"
                       r"责任部门|配合单位|[局厅委办]负责|[局厅委办]牵头")
_DEADLINE = re.compile(r"(?:截止|截至|之前|以前|前)[^，。；;]{0,12}\d{4}\s*年\s*\d{1,2}\s*月|"
                       r"\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日|底|末)?[^，。；;]{0,4}(?:前|截止|为止)")
_ASKS_DEADLINE = re.compile(r"最晚|最迟|截止|截至|(?:之|以)?前(?:要|需|必须|应)|deadline", re.I)
_ASKS_BODY = re.compile(r"(?:什么|哪个|哪些|哪一?)(?:机构|组织|机制|平台|载体)")
_BODY = re.compile(r"领导小组|委员会|联席会议|办公室|工作专班|指挥部|中心|联盟|协会")
_MEANING_CLAUSES = 10  # clauses whose sentences an English question is compared with by meaning
_MEANING_SENTENCES = 40  # at most, in retrieval order: each costs an embedding (~20 ms)
_GUESSED = 0.5  # the weight of a dictionary's reading of an English word, against a glossary term
_WORDS_BREAK_TIES = 0.3  # of a sentence's word coverage, kept when meaning lifts it
_WORDS_SUFFICE = 0.75  # a sentence matching this share of the question's words needs no meaning
RANK_PRIOR = 0.08  # what retrieval's order adds to a sentence's score, at the top clause


@dataclass(frozen=True)
class Evidence:
    clause: ClauseRecord
    sentence: str
    coverage: float  # idf-weighted share of question terms present, 0..1
    score: float     # coverage plus intent boosts and retrieval prior


def sentences(text: str) -> list[str]:
    parts = [p.strip() for p in _SENTENCE_END.split(text)]
    out: list[str] = []
    for part in parts:
        # 「（牵头单位：省商务厅，参加单位：…）」 closes the sentence before it, even when a line
        # break put it in front of the next one; alone it is no evidence.
        note = _NOTE_ONLY.match(part)
        if out and note:
            out[-1] += note.group()
            part = part[note.end():].strip()
        # 「…预算安排112.1亿元。其中，A 54.2亿元，B 10亿元…。」: a one-sentence breakdown of the
        # figure a short sentence totals is read with it, or an answer keeps one and drops
        # the other. A breakdown running on over 「；」 items stays apart (each item answers).
        if out and _BREAKDOWN.match(part) and not part.endswith(("；", ";")) \
                and len(out[-1]) <= _TOTAL_MAX and not out[-1].endswith(("；", ";")):
            out[-1] += part
        elif len(out) == 1 and _LEAD_LINE.fullmatch(out[0]) and len(parts) > 2:
            # 「培育“汉江数字经济连绵带”。充分利用…」, 「——屏。到2022年…」: a paragraph's opening
            # words name what the sentences after them are about; the first of those is read
            # with them, or an answer quotes the name alone.
            out[0] += part
        elif len(part) >= 4:
            out.append(part)
    return out


_BREAKDOWN = re.compile(r"其中\s*[，,：:]")
# A paragraph's short lead naming its subject, no figure, no numbering: 「——屏。」, 「培育“X”。」.
_LEAD_LINE = re.compile(r"[—－\-\s]*(?:[\u4e00-\u9fff]{0,4}[“\"][^”\"\d]{1,14}[”\"]|[\u4e00-\u9fff]{1,4})\s*[。.]")
_TOTAL_MAX = 60  # a sentence that states a total is short; a long one says more than its figure
_ABSENT_WORD = re.compile(r"[\u4e00-\u9fff]{2,}")
ABSENT_WEIGHT = 2.0
_QUESTION_WORDS = {w for words in INTENT_WORDS.values() for w in words} | QUESTION_FILLERS


_WHICH_COUNTED = re.compile(r"哪(?P<count>[一二两三四五六七八九十\d]{1,2}[个类项大家条种])"
                            r"(?P<kind>[\u4e00-\u9fff]{2}(?=的|[？?，,。]|$))?")


def question_terms(linked: Linked, idf: Callable[[str], float]) -> dict[str, float]:
    """Content terms of the question with their weights: rare terms weigh more; the words
    that make it a question (目标, 多少, 哪些) weigh little, since an answer need not repeat
    them; words a follow-up borrows from the previous question weigh less than its own;
    region and document names are left to the scoping boosts (an answer about 经开区
    rarely says 经开区)."""
    dropped = set()
    for form in linked.scope_surfaces:
        dropped |= set(tokenize(form))
    own = set(canonical(tokenize(linked.focus or linked.text)))
    # An English question's own words match a Chinese plan only where it prints English
    # (「Integrated Energy Stations」); its glossary terms carry it. Acronyms (GDP, PUE) stay.
    english_words = ({w.lower() for w in re.findall(r"\b[A-Za-z][A-Za-z-]{2,}\b", linked.raw or "") if not w.isupper()}
                     if linked.english else set())  # 「kWh」 is a word like 「subsidy」; 「PUE」 an acronym
    # 「哪四个层面的企业」: the count asked for is no word of the answer, and the kind of item
    # (层面) is the question's word for what the plan lists without it.
    # A word the dictionary guessed (and each piece jieba cuts it into) is a reading of the
    # user's word that may not be the plans' own: it counts for less than a glossary term.
    guessed = set(canonical(tokenize(" ".join(linked.guessed)))) if linked.guessed else set()
    which = _WHICH_COUNTED.search(re.sub(r"\s", "", linked.raw or ""))
    counted = {which.group("count")} if which else set()
    kind = {which.group("kind")} if which and which.group("kind") else set()
    terms = {}
    for token in canonical(tokenize(linked.text)):
        weight = idf(token)
        # A lone Latin letter is an English question's 「Yandu's」 or an initial, not a word.
        if token in dropped or token in counted or (len(token) == 1 and token.isascii() and token.isalpha()):
            continue
        if weight <= 0:
            # A thing the user names that no plan mentions (「所得税」) is something the plans
            # cannot speak to: it counts against every sentence. Only nouns: other words a
            # question uses (「每天」「到账」) are phrasing the plans put otherwise.
            if token in own and _ABSENT_WORD.fullmatch(token) and token not in _QUESTION_WORDS \
                    and _is_noun(token):
                terms[token] = ABSENT_WEIGHT
            continue
        weight = max(weight, 0.5)
        if token in _QUESTION_WORDS or token in kind or (english_words and token in english_words):
            weight *= 0.2
        if token not in own:
            weight *= 0.35
        if token in guessed:
            weight *= _GUESSED
        terms[token] = weight
    return terms


# Words plans and questions use for one thing (「网上零售额」「网络零售额」, 「每天」「日」):
# compared as one when a question is matched against sentences.
SYNONYMS = {"网上": "网络", "线上": "网络", "在线": "网络", "每年": "年均", "每天": "日", "每日": "日",
            "日均": "日", "占比": "比重", "比例": "比重", "公司": "企业", "奖金": "奖励", "补助": "补贴",
            "分成": "分为", "截至": "截止", "外地": "异地"}


def canonical(tokens: Sequence[str]) -> list[str]:
    return [SYNONYMS.get(t, t) for t in tokens]


def _is_noun(word: str) -> bool:
    pairs = pos_cut(word)
    return len(pairs) == 1 and pairs[0][1].startswith("n")


def is_name(word: str) -> bool:
    """A noun or a Latin acronym (「PUE」): a word that names a thing rather than phrases a question."""
    return bool(re.fullmatch(r"[a-z][a-z0-9+\-]*", word)) or _is_noun(word)


def clause_sentences(clause: ClauseRecord) -> list[str]:
    """A table row is one statement; anything else splits into sentences."""
    if clause.kind == "table_row":
        return [clause.text]
    return sentences(clause.text) or [clause.text]


# A sentence that opens with the thing the question is about speaks of it; one listing it
# among others (「加快推动A、B、C等载体建设」) only names it.
_SUBJECT_BOOST = 0.12
_LEADING_MARK = re.compile(r"^\s*(?:[①②③④⑤⑥⑦⑧⑨⑩]|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[.、．]|[一二三四五六七八九十]{1,3}、)?\s*")


def _subject(terms: dict[str, float]) -> str | None:
    """The question's most specific name (the weightiest term of four characters or more),
    when it has one."""
    named = [(w, t) for t, w in terms.items() if len(t) >= 4 and w != ABSENT_WEIGHT]
    return max(named)[1] if named else None


def _gapped(terms: dict[str, float]) -> list[tuple[re.Pattern[str], float]]:
    """A compound the question names that no plan prints (「信息库」) as plans print it
    with a modifier inside (「信息资源库」, 「信息等基础库」): half its weight for a sentence
    that has its parts in order, a few characters apart."""
    return [(re.compile(re.escape(t[:2]) + r"[\u4e00-\u9fff]{1,3}" + re.escape(t[2:])), w)
            for t, w in terms.items()
            if w == ABSENT_WEIGHT and len(t) >= 3 and re.fullmatch(r"[\u4e00-\u9fff]+", t)]


# 「哪些领域纳入…」: a sentence closing an enumeration with the kind asked (「A、B、C等领域」)
# lists what is asked, though a question word weighs little.
_WHICH_KIND = re.compile(r"哪(?:些|几[个类项种])(?P<kind>[\u4e00-\u9fff]{2})")
_LISTED_KIND_BOOST = 0.15  # the kind closing an enumeration: the list itself, whatever else the question says
_LISTING_BOOST = 0.1  # the asked verb phrase before an enumeration
_ASKED_VERB = re.compile(r"(?:要|将|还|都|各自|分别|主要)?(?P<verb>[\u4e00-\u9fff]{4})(?:哪些|哪几[个类项种]?)")


def _listing_after(linked: Linked) -> re.Pattern[str] | None:
    """「重点发展哪些」: a sentence printing the same four-character verb phrase with an
    enumeration right after it (「重点发展A、B、C」) lists what is asked."""
    m = _ASKED_VERB.search(re.sub(r"\s", "", linked.raw or ""))
    if not m or m.group("verb").startswith(("要", "将", "还", "都", "各自", "分别")):
        return None
    return re.compile(re.escape(m.group("verb")) + r"[^，,。；;]{0,12}?[\u4e00-\u9fffA-Za-z/]{2,}、")
# 「城市电网方面」: a sentence printing the question's two words as the one phrase
# (「世界一流城市电网」) speaks of that thing; one with 「城市」 here and 「电网」 there may not.
_PHRASE_BOOST = 0.01  # breaks ties: the words' weights already count
_PHRASE_WORD = 1.5  # each word specific (「电网」, 「城市」), not question words (「发展」「目标」)


def _phrases(terms: dict[str, float], question: str) -> list[str]:
    """Two of the question's terms it prints side by side, as one phrase."""
    text = re.sub(r"\s", "", question)
    named = [t for t, w in terms.items()
             if w != ABSENT_WEIGHT and w >= _PHRASE_WORD and re.fullmatch(r"[\u4e00-\u9fff]{2,}", t)]
    return [a + b for a in named for b in named if a != b and a + b in text and a + b not in terms]


class EvidenceRanker:
    """Scores every sentence of the candidate clauses against one question."""

    def __init__(self, corpus: ClauseCorpus, idf: Callable[[str], float],
                 meaning: SentenceMeaning | None = None,
                 tokens: Callable[[str], list[str]] = tokenize) -> None:
        """``tokens``: ``tokenize`` or a memo of it (``qa.tokenmemo``) that ``units``
        fills once per corpus, so a first question's candidates are not cut on the spot."""
        self.corpus = corpus
        self.idf = idf
        self.meaning = meaning  # for English questions (``qa.meaning``); None: words only
        self._tokenize = tokens
        # Tokenising is most of the cost of ranking; a clause's tokens never change while
        # this corpus is loaded, so they are cut once (bounded, for large corpora).
        self._tokens = functools.lru_cache(maxsize=50_000)(self._clause_tokens)
        # Clauses of one section share their context (title and headings).
        self._context_tokens = functools.lru_cache(maxsize=20_000)(
            lambda text: frozenset(canonical(self._tokenize(text))))

    def units(self) -> Iterator[str]:
        """Every text this ranker tokenises over the corpus: sentences and contexts."""
        for clause in self.corpus:
            yield self._context(clause)
            yield from clause_sentences(clause)

    def _clause_tokens(self, clause_id: str) -> tuple[frozenset[str], tuple[tuple[str, frozenset[str]], ...]]:
        clause = self.corpus.by_id[clause_id]
        context = self._context_tokens(self._context(clause))
        return context, tuple((s, frozenset(canonical(self._tokenize(s)))) for s in clause_sentences(clause))

    def terms(self, linked: Linked) -> dict[str, float]:
        return question_terms(linked, self.idf)

    def rank(self, linked: Linked, clause_ids: Sequence[str], *, needs_number: bool = False,
             terms: dict[str, float] | None = None) -> list[Evidence]:
        """``terms``: the question's weighted terms, when the caller has them already."""
        terms = self.terms(linked) if terms is None else terms
        total = sum(terms.values()) or 1.0
        # The question's own most specific words: a figure asked for should sit next to them.
        keys = [t for t, w in sorted(terms.items(), key=lambda kv: -kv[1])
                if len(t) >= 2 and w != ABSENT_WEIGHT][:3] if needs_number else []
        out: list[Evidence] = []
        extras: list[float] = []  # the English question's share of each score's retrieval prior
        # An English question matches Chinese sentences only through a glossary: the
        # retrievers' order (the dense one reads English) counts for more.
        weight = RANK_PRIOR * (5 if linked.english else 1)
        gapped = _gapped(terms)
        subject = _subject(terms)
        phrases = _phrases(terms, linked.raw or linked.text)
        kind = _WHICH_KIND.search(re.sub(r"\s", "", linked.raw or "")) if "list" in linked.intents else None
        closing = f"等{kind.group('kind')}" if kind else None
        listing = _listing_after(linked) if "list" in linked.intents else None
        for rank, cid in enumerate(clause_ids):
            clause = self.corpus.by_id.get(cid)
            if clause is None:
                continue
            prior = weight / (1 + rank)
            context, tokenized = self._tokens(cid)
            previous: frozenset[str] = frozenset()
            for sentence, own in tokenized:
                found = own | context
                # A term only in the sentence before still counts for half: "该平台…"
                # continues the sentence that named the platform.
                coverage = (sum(w if t in found else w / 2 if t in previous else 0.0
                                for t, w in terms.items())
                            + sum(w / 2 for pattern, w in gapped if pattern.search(sentence))) / total
                score = coverage + prior + self._boosts(linked, clause, sentence, needs_number, keys)
                # The substring test first: the regex runs only on the few sentences naming it.
                if subject and subject in sentence and _LEADING_MARK.sub("", sentence).startswith(subject):
                    score += _SUBJECT_BOOST  # 「④人工智能科技园，重点集聚…」 is about it
                if phrases and any(p in sentence for p in phrases):
                    score += _PHRASE_BOOST
                if closing and closing in sentence:
                    score += _LISTED_KIND_BOOST  # 「哪些领域」: 「电子信息、安全生产、设施农业等领域」
                elif listing and listing.search(sentence):
                    score += _LISTING_BOOST  # 「重点发展哪些」: 「重点发展A、B、C」
                out.append(Evidence(clause, sentence, coverage, score))
                if linked.english:
                    extras.append((weight - RANK_PRIOR) / (1 + rank))
                previous = found - context
        if linked.english and out and max(e.coverage for e in out) >= _WORDS_SUFFICE:
            # The glossary read the question (「falsified … barred」 → 弄虚作假、不得): its words
            # decide, and retrieval's order counts as for a Chinese question.
            out = [Evidence(e.clause, e.sentence, e.coverage, e.score - extra) for e, extra in zip(out, extras)]
        if linked.english and self.meaning is not None:
            out = self._by_meaning(linked, clause_ids, out)
        return sorted(out, key=lambda e: -e.score)

    def _by_meaning(self, linked: Linked, clause_ids: Sequence[str], ranked: list[Evidence]) -> list[Evidence]:
        """An English question's coverage of a sentence of the best clauses is at least the
        embedder's closeness between them: the glossary knows few of a plan's words."""
        near = set(clause_ids[:_MEANING_CLAUSES])
        judged = [i for i, e in enumerate(ranked) if e.clause.clause_id in near]
        if max((ranked[i].coverage for i in judged), default=0.0) >= _WORDS_SUFFICE:
            return ranked  # the glossary read the question: embedding sentences adds only time
        judged = judged[:_MEANING_SENTENCES]
        assert self.meaning is not None
        closeness = self.meaning.coverage(linked.text, [ranked[i].sentence for i in judged])
        out = list(ranked)
        for i, meant in zip(judged, closeness):
            e = out[i]
            if meant > e.coverage:
                # The embedder's closeness saturates on the question's subject: among the
                # sentences it finds as close, the one sharing more of the words comes first.
                out[i] = Evidence(e.clause, e.sentence, meant,
                                  e.score + meant - e.coverage + _WORDS_BREAK_TIES * e.coverage)
        return out

    def _context(self, clause: ClauseRecord) -> str:
        """Words a sentence inherits from where it stands: its document and the headings
        of its clause and two ancestors ("2、产业发展目标" under "人工智能产业集群")."""
        headings = [clause.heading]
        parent = self.corpus.parent(clause.clause_id)
        for _ in range(2):
            if parent is None:
                break
            headings.append(parent.heading)
            parent = self.corpus.parent(parent.clause_id)
        return " ".join([clause.doc_title, *headings])

    def _boosts(self, linked: Linked, clause: ClauseRecord, sentence: str,
                needs_number: bool, keys: Sequence[str] = ()) -> float:
        boost = 0.0
        if needs_number:
            boost += 0.12 if _NUMBER.search(sentence) else -0.15
            if keys and _figure_follows(sentence, keys):
                boost += 0.08
        if linked.ask.prefers(sentence):
            boost += 0.2
        if not linked.ask.accepts(sentence):
            boost -= 0.5
        if linked.years:
            if any(_states_year(sentence, y) for y in linked.years):
                boost += 0.2
            elif _OTHER_YEAR.search(sentence):
                boost -= 0.1  # "到2025年" does not answer a question about 2023
        if linked.regions and clause.region in linked.regions:
            boost += 0.06
        if linked.doc_ids and clause.doc_id in linked.doc_ids:
            boost += 0.1
        if "definition" in linked.intents and _DEFINES.search(sentence):
            boost += 0.15
        if _ASKS_BODY.search(linked.raw) and _BODY.search(sentence):
            boost += 0.15  # 「靠什么机构统筹」: a sentence naming a body answers it
        if "responsibility" in linked.intents and _SAYS_WHO.search(sentence):
            boost += 0.15  # 「由自治区交通运输厅认定」 says who
        if linked.ask.kind == "date" and _DEADLINE.search(sentence):
            boost += 0.15  # 「申报…截止时间为2024年6月30日」
            if _ASKS_DEADLINE.search(linked.raw):
                boost += 0.15  # 「最迟什么时候前要完成申报」 asks for nothing else
        if clause.heading and re.sub(r"\s", "", clause.heading) in _quoted(linked.raw):
            boost += 0.3  # 「“积极引进培育行业领先领军企业”的责任单位」: the task by its heading
        return boost


@functools.lru_cache(maxsize=256)
def _quoted(question: str) -> frozenset[str]:
    """What a question quotes, of four characters or more (a task, a heading)."""
    return frozenset(q for q in re.findall(r"[“\"‘「]([^”\"’」]{4,40})[”\"’」]", re.sub(r"\s", "", question)))


def _states_year(sentence: str, year: int) -> bool:
    """``year`` printed as the sentence's own time, not as a baseline (「比2026年增加0.27岁」,
    「较2023年增长」, 「与2020年相比」 are about a later year)."""
    for match in re.finditer(str(year), sentence):
        if _BASELINE_BEFORE.search(sentence[max(0, match.start() - 2): match.start()]) \
                or _BASELINE_AFTER.match(sentence, match.end()):
            continue
        return True
    return False


def _figure_follows(sentence: str, words: Sequence[str]) -> bool:
    """A quantity within a few characters after one of ``words`` (「人均地区生产总值达到6万元」)."""
    squashed = re.sub(r"\s", "", sentence).lower()
    for word in words:
        at = squashed.find(word)
        if at >= 0 and _NUMBER.search(re.split(r"[，,。；;]", squashed[at + len(word):])[0][:24]):
            return True
    return False


# Where a comma-part ends: not inside a ratio (「车桩增量比力争达到2:1」).
_PART_END = re.compile(r"(?<=[，,：])|(?<=\D:)")


def comma_parts(sentence: str) -> list[str]:
    """A sentence cut after each comma or colon: the pieces ``trim`` keeps or drops."""
    return re.split(_PART_END, sentence)


def trim(sentence: str, must_keep: Sequence[str] = (), limit: int = _MAX_SNIPPET,
         first: Sequence[str] = ()) -> str:
    """Shorten a long sentence to the comma-separated parts that carry the answer; the parts
    holding one of ``first`` (the sums an incentive question asks for) are kept before the
    others, which fill what room is left, in the sentence's order."""
    if len(sentence) <= limit:
        return sentence
    parts = comma_parts(sentence)
    keep = [i for i, p in enumerate(parts) if any(k and k in p for k in [*must_keep, *first])]
    if not keep:
        return sentence[:limit] + "…"
    chosen = sorted({0, *keep}) if re.match(r"^(到|力争|至)\s*20\d\d", parts[0]) else keep
    ahead = [i for i in chosen if any(k and k in parts[i] for k in first)]
    taken: set[int] = set()
    size = 0
    for i in [*ahead, *(i for i in chosen if i not in ahead)]:
        if size + len(parts[i]) > limit and taken:
            if i in ahead:
                continue
            break
        taken.add(i)
        size += len(parts[i])
    text, last = "", -1
    for i in sorted(taken):
        text += ("…" if last >= 0 and i != last + 1 else "") + parts[i]
        last = i
    return text.rstrip("，,") + ("" if text.endswith(("。", "；")) else "…")
