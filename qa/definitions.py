"""Where the plans define a term: "算力：算力是…", "数字经济产业社区指…", "简称工业 APP",
"“573”工程，即5大数字新基建、…", and what a numbered abbreviation stands for.

A definition question ("什么是未来智慧工厂？", "工业APP指的是什么？") names its term;
the clauses that open with that term and a defining word, or gloss it with 即/也就是/是指
right after it, are the answer, even when retrieval ranks a clause that merely uses the
term higher. Chinese policy writing abbreviates by counting what repeats: 「双跨」 is
「跨行业、跨领域」, 「两化」 two things ending in 化 — when the plans never define such a
term, the sentence that spells the repeated parts out is its meaning.
"""

from __future__ import annotations

import re

from qa.corpus import ClauseCorpus
from qa.lexical import tokenize
from qa.textscan import JoinedTexts

_ASKED = (
    re.compile(r"什么(?:是|叫)[“\"]?(?P<t>[^”\"？?，,。]{2,20})"),
    re.compile(r"[“\"]?(?P<t>[^”\"？?，,。]{2,20}?)[”\"]?(?:具体)?(?:是什么|指的是什么|是指什么|指什么|的定义|的含义|是怎么界定|怎么界定|如何界定)"),
    re.compile(r"(?:怎么|如何)(?:定义|界定|解释|理解)[“\"]?(?P<t>[^”\"？?，,。]{2,20}?)[”\"]?(?:这个|这一)?(?:概念|词|提法)?(?:的)?[？?]?$"),
    re.compile(r"[“\"](?P<t>[^”\"]{2,20})[”\"](?:这个|这一)?(?:概念|词|提法)"),
)
_LEADING = re.compile(r"^(规划中的|规划里的|规划脚注里|脚注里|文件中的|经开区的|湖北的|武汉的)")
_DEFINES = r"(?:[：:]|是指|指|即|是|简称)"


def asked_term(question: str) -> str | None:
    text = re.sub(r"\s", "", question)
    if not any(p.search(text) for p in _ASKED):
        return None
    quoted = re.findall(r"[“\"]([^”\"]{2,20})[”\"]", text)
    if quoted:
        return quoted[0]
    for pattern in _ASKED:
        match = pattern.search(text)
        if match:
            term = _LEADING.sub("", match.group("t")).strip("“”\"")
            # 「条件是什么」「要求是什么」 ask an attribute of something, not what a term means.
            return term if len(term) >= 2 and not _ATTRIBUTE.search(term) else None
    return None


_ATTRIBUTE = re.compile(r"(?:^|[，,？?的])(?:条件|要求|标准|内容|依据|原因|目的|区别|流程|程序|范围|期限|对象|方式|"
                        r"措施|重点|任务|目标|政策|办法|规定|时间|金额|比例)$")


_GLOSS = r"[”\"]?[^，,。；;]{0,8}?[，,（(：:]?\s*(?:即|也就是|是指|指的是|主要指|简称)"
# A term made of counted parts: 「一主两副」, 「一核两翼」, 「一核两芯七园」.
_COUNTED_PARTS = re.compile(r"[一二两三四五六七八九十双][\u4e00-\u9fff]")
_COUNTS = {"双": 2, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def abbreviation_pattern(term: str) -> re.Pattern[str] | None:
    """「双跨」 → a pattern for 「跨X、跨Y」; 「两化」 → 「X化、Y化」 (prefix or suffix repeated)."""
    if len(term) < 2 or term[0] not in _COUNTS or not "\u4e00" <= term[1] <= "\u9fff":
        return None
    n, char = _COUNTS[term[0]], re.escape(term[1])
    item, end = r"[\u4e00-\u9fff]{1,3}?", r"(?=[的之，,。；;、和与及等]|$)"
    prefix = rf"{char}{item}{end}(?:[、和与及]{char}{item}{end}){{{n - 1}}}"
    suffix = rf"(?<![\u4e00-\u9fff]){item}{char}(?:[、和与及]{item}{char}){{{n - 1}}}{end}"
    return re.compile(f"(?:{prefix})|(?:{suffix})")


def _around(text: str, word: str, width: int = 40) -> str:
    at = text.find(word)
    return text[max(0, at - width): at + len(word) + width] if at >= 0 else ""


class DefinitionIndex:
    def __init__(self, corpus: ClauseCorpus) -> None:
        self.corpus = corpus
        self._squashed = [(c.clause_id, re.sub(r"\s", "", c.text)) for c in corpus]
        self._texts = JoinedTexts([text for _, text in self._squashed])

    def lookup(self, question: str, limit: int = 3) -> list[str]:
        term = asked_term(question)
        if not term:
            return []
        squashed = re.sub(r"\s", "", term)
        pattern = re.compile(rf"(?:^|[。；\n])[“\"]?{re.escape(squashed)}[”\"]?{_DEFINES}|简称{re.escape(squashed)}")
        # Both patterns hold the term itself: the regexes run on the few clauses that print it.
        holding = [self._squashed[i] for i in self._texts.rows_holding(squashed).tolist()]
        found = [cid for cid, text in holding if pattern.search(text)]
        glossed = re.compile(re.escape(squashed) + _GLOSS)
        found += [cid for cid, text in holding if cid not in found and glossed.search(text)]
        parts = _COUNTED_PARTS.findall(squashed)
        if len(parts) >= 2 and "".join(parts) == squashed:
            # 「一主两副」 glossed part by part: 「“一主”即大科学装置集群，“两副”即…」.
            each = [re.compile(re.escape(p) + r"[”\"]?\s*(?:即|是指|指|为)") for p in parts]
            found += [cid for cid, text in holding
                      if cid not in found and all(p.search(text) for p in each)]
        return found[:limit]

    def expansions(self, term: str, limit: int = 2) -> list[tuple[str, str]]:
        """(clause id, spelled-out form) where the plans spell out a counted abbreviation,
        those whose words are the words the abbreviation is used with first (「双跨」 goes
        with 工业互联网平台: 「跨行业、跨领域的…工业互联网平台」, not 「跨领域、跨区域的…创新」)."""
        squashed = re.sub(r"[\s“”\"]", "", term)
        pattern = abbreviation_pattern(squashed)
        if pattern is None:
            return []
        short = squashed[:2]
        unquoted = (re.sub(r"[“”\"]", "", self._squashed[i][1])
                    for i in self._texts.rows_holding(short[:1]).tolist())
        usage = {w for text in unquoted if short in text
                 for w in tokenize(_around(text, short)) if len(w) >= 2}
        usage |= {w for w in tokenize(squashed[2:]) if len(w) >= 2}
        found = []
        counted = squashed[1]  # 「跨」 of 「双跨」: every spelled-out form prints it
        for i in self._texts.rows_holding(counted).tolist():
            cid, text = self._squashed[i]
            match = pattern.search(text)
            if match:
                near = set(tokenize(_around(text, match.group())))
                found.append((len(near & usage), cid, match.group()))
        found.sort(key=lambda f: -f[0])
        return [(cid, form) for _, cid, form in found[:limit]]
