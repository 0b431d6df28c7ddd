"""The optional LLM path against a tiny OpenAI-compatible server started here: a good
rewrite is used, a sentence with an unsupported number is dropped, and errors or
timeouts fall back to the extractive answer."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from qa.llm import LLMConfig, check_against_evidence, make_rewriter
from qa.service import QAService
from qa.types import Citation
from ui.wiring import build_index

pytestmark = pytest.mark.slow

QUESTION = "首次进入全国软件百强能拿多少奖励？谁出钱？"


class FakeOpenAI(BaseHTTPRequestHandler):
    """Answers /v1/chat/completions with whatever the test put in ``reply``."""

    reply: dict = {"content": "", "status": 200, "delay": 0.0}
    requests: list = []

    def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
        length = int(self.headers.get("Content-Length", 0))
        FakeOpenAI.requests.append(json.loads(self.rfile.read(length)))
        time.sleep(self.reply["delay"])
        body = json.dumps({
            "id": "chatcmpl-test", "object": "chat.completion", "created": int(time.time()),
            "model": "test-model",
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": self.reply["content"]}}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        }).encode()
        self.send_response(self.reply["status"])
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FakeOpenAI)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def llm_qa(store, settings, seeded, server) -> QAService:  # type: ignore[no-untyped-def]
    rewriter = make_rewriter(LLMConfig("openai", "test-model", 2.0, server, "test-key"))
    return QAService(store, build_index(settings), rewriter=rewriter)


def _reply(content: str, status: int = 200, delay: float = 0.0) -> None:
    FakeOpenAI.reply = {"content": content, "status": status, "delay": delay}


def test_llm_rewrite_is_used_and_sees_the_evidence(llm_qa: QAService) -> None:
    _reply("首次进入全国软件百强的企业可获一次性奖励200万元，由市、区各承担50%[1]。")
    answer = llm_qa.ask(QUESTION)
    assert answer.mode == "llm"
    assert "一次性奖励200万元" in answer.answer and "来源：" in answer.answer
    prompt = json.dumps(FakeOpenAI.requests[-1], ensure_ascii=False)
    assert "软件百强" in prompt and "[1]" in prompt


def test_sentence_with_unsupported_number_is_dropped(llm_qa: QAService) -> None:
    _reply("可获奖励200万元[1]。另有配套资金300万元[1]。")
    answer = llm_qa.ask(QUESTION)
    assert answer.mode == "llm"
    assert "200万元" in answer.answer and "300万元" not in answer.answer


def test_invalid_marker_falls_back(llm_qa: QAService) -> None:
    _reply("奖励200万元[7]。")
    answer = llm_qa.ask(QUESTION)
    assert answer.mode == "extractive" and "200 万元" in answer.answer


@pytest.mark.parametrize("status, delay", [(500, 0.0), (200, 3.0)])
def test_error_or_timeout_falls_back(llm_qa: QAService, status: int, delay: float) -> None:
    _reply("奖励200万元[1]。", status=status, delay=delay)
    answer = llm_qa.ask(QUESTION)
    assert answer.mode == "extractive" and answer.found


def test_check_against_evidence_rules() -> None:
    cites = [Citation(1, "d", "t", "d#1", "一、", "到 2027 年，数据产品达到 2000 个。")]
    assert check_against_evidence("数据产品达到2000个[1]。", cites) == "数据产品达到2000个[1]。"
    assert check_against_evidence("数据产品达到3000个[1]。", cites) == ""
    assert check_against_evidence("数据产品达到2000个。", cites) == ""  # a number needs a source
    assert check_against_evidence("这是总体要求[1]。", cites) == "这是总体要求[1]。"
