"""Where the plans define a term: "算力：算力是…", "数字经济产业社区指…", "简称工业 APP".

A definition question ("什么是未来智慧工厂？", "工业APP指的是什么？") names its term;
the clauses that open with that term and a defining word are the answer, even when
retrieval ranks a clause that merely uses the term higher.
"""

from __future__ import annotations

import re

from qa.corpus import ClauseCorpus

_ASKED = (
    re.compile(r"什么(?:是|叫)[“\"]?(?P<t>[^”\"？?，,。]{2,20})"),
    re.compile(r"[“\"]?(?P<t>[^”\"？?，,。]{2,20}?)[”\"]?(?:具体)?(?:是什么|指的是什么|是指什么|指什么|的定义|的含义|是怎么界定|怎么界定|如何界定)"),
    re.compile(r"(?:怎么|如何)(?:定义|界定)[“\"]?(?P<t>[^”\"？?，,。]{2,20})"),
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
            return term if len(term) >= 2 else None
    return None


class DefinitionIndex:
    def __init__(self, corpus: ClauseCorpus) -> None:
        self.corpus = corpus
        self._squashed = [(c.clause_id, re.sub(r"\s", "", c.text)) for c in corpus]

    def lookup(self, question: str, limit: int = 3) -> list[str]:
        term = asked_term(question)
        if not term:
            return []
        squashed = re.sub(r"\s", "", term)
        pattern = re.compile(rf"(?:^|[。；\n])[“\"]?{re.escape(squashed)}[”\"]?{_DEFINES}|简称{re.escape(squashed)}")
        found = [cid for cid, text in self._squashed if pattern.search(text[:400])]
        return found[:limit]
