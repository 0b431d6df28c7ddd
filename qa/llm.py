"""Optional LLM pass: rewrite the extractive answer fluently, then check it against the evidence.

The model (any OpenAI-compatible endpoint, or Ollama, through LangChain) sees the question,
the cited clauses numbered as in the extractive answer, and that answer. What it writes
is checked before anyone sees it: every [n] must name a cited clause, and a sentence whose
numbers are not all in the clauses it cites is dropped. On any error, timeout, or when
nothing checkable is left, the extractive answer stands.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass, replace
from typing import Any

from qa.compose import sources
from qa.types import Answer, Citation

logger = logging.getLogger(__name__)

SYSTEM = (
    "你是区域经济政策问答助手。只根据给出的规划条款回答，简洁准确。"
    "每个事实后用 [n] 标注所依据的条款编号；不要编造任何条款中没有的数字。"
    "如果条款不足以回答，就说明规划文件未提及。用提问所用的语言回答。"
)
_MARKER = re.compile(r"\[(\d+)\]")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]?")


@dataclass(frozen=True)
class LLMConfig:
    provider: str  # openai | ollama
    model: str
    timeout_s: float
    base_url: str = ""
    api_key: str = ""


class LLMRewriter:
    def __init__(self, chat_model: Any) -> None:
        self.chat = chat_model

    def rewrite(self, question: str, answer: Answer) -> Answer:
        try:
            reply = self.chat.invoke(self._messages(question, answer))
            text = str(getattr(reply, "content", reply)).strip()
        except Exception as exc:  # network, timeout, provider errors: never fatal
            logger.warning("LLM failed (%s: %s); keeping the extractive answer",
                           type(exc).__name__, exc)
            return answer
        checked = check_against_evidence(text, answer.citations)
        if not checked:
            logger.warning("LLM answer had nothing checkable; keeping the extractive answer")
            return answer
        return replace(answer, answer=f"{checked}\n\n{sources(answer.citations)}", mode="llm")

    @staticmethod
    def _messages(question: str, answer: Answer) -> list[tuple[str, str]]:
        clauses = "\n".join(f"[{c.n}] 《{c.doc_title}》{c.label}：{c.text}" for c in answer.citations)
        draft = answer.answer.split("\n\n来源：")[0]
        user = f"问题：{question}\n\n条款：\n{clauses}\n\n参考答案（摘录）：\n{draft}\n\n请给出最终回答："
        return [("system", SYSTEM), ("human", user)]


def check_against_evidence(text: str, citations: list[Citation]) -> str:
    """Keep the sentences whose markers are valid and whose numbers their clauses contain."""
    by_n = {c.n: _squash(c.text) for c in citations}
    kept = []
    for sentence in _SENTENCE.findall(text):
        sentence = sentence.strip()
        if not sentence:
            continue
        marks = [int(m) for m in _MARKER.findall(sentence)]
        if any(m not in by_n for m in marks):
            continue
        numbers = _NUMBER.findall(_MARKER.sub("", sentence))
        if numbers:
            sources_text = "".join(by_n[m] for m in marks)
            if not marks or not all(n in sources_text for n in numbers):
                continue
        kept.append(sentence)
    return "".join(kept).strip()


def _squash(text: str) -> str:
    return re.sub(r"\s", "", unicodedata.normalize("NFKC", text))


def make_rewriter(config: LLMConfig | None) -> LLMRewriter | None:
    if config is None or config.provider == "none":
        return None
    if config.provider == "ollama":
        from langchain_ollama import ChatOllama

        model = ChatOllama(model=config.model, base_url=config.base_url,
                           client_kwargs={"timeout": config.timeout_s}, temperature=0)
    else:
        from langchain_openai import ChatOpenAI

        model = ChatOpenAI(model=config.model, base_url=config.base_url or None,
                           api_key=config.api_key or "not-needed", timeout=config.timeout_s,
                           max_retries=0, temperature=0)
    return LLMRewriter(model)
