"""问答 / Chat: streamed answers, numbered citation chips, the cited clause in its document,
a badge for the answer's mode, example questions per persona, follow-ups, copy and
download."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import gradio as gr

from qa.browse import DocumentBrowser, cited_passages, suggest_followups
from qa.service import QAService
from qa.types import Answer
from ui.api import MAX_QUESTION_CHARS
from ui.views.clause import PLACEHOLDER, clause_html
from ui.views.common import CLICK_JS, esc, shown_errors, temp_file

EXAMPLES = {
    "官员 Officials": [
        "湖北省到2025年数字经济核心产业增加值目标是多少？",
        "武汉市2027年高性能算力规模目标是多少？",
        "比较湖北省、武汉市和武汉经开区的数据中心PUE目标",
        "智能化改造由哪些单位负责？",
    ],
    "投资者 Investors": [
        "首次进入全国软件百强能拿多少奖励？谁出钱？",
        "获得国家双跨工业互联网平台能拿多少奖励？",
        "国家重大招投标项目的配套资金封顶多少？",
        "揭榜挂帅攻关成功有什么奖励？",
    ],
    "工作人员 Staff": [
        "武汉市突破性发展数字经济实施方案引用了哪些文件？",
        "什么是双跨平台？",
        "武汉经开区数字经济规模目标是多少？",
    ],
}
_STREAM_STEP = 24  # characters revealed per streamed update


def build(qa: QAService, documents: DocumentBrowser) -> None:
    turns = gr.State([])  # plain {"role", "content": str} turns for the follow-up resolver
    cited = gr.State({})  # the last answer: its text and citations, for the chips
    with gr.Row(equal_height=False):
        with gr.Column(scale=3, min_width=420):
            persona = gr.Radio(list(EXAMPLES), value=next(iter(EXAMPLES)), label="角色 Persona",
                               elem_id="persona")
            examples = gr.Dataset(components=["textbox"], samples=_samples(next(iter(EXAMPLES))),
                                  label="示例问题 Example questions", elem_id="chat-examples")
            chatbot = gr.Chatbot(height=440, label="问答 Chat", elem_id="chatbot",
                                 buttons=["copy", "copy_all"], feedback_options=None,
                                 placeholder="请输入关于区域经济政策规划的问题。\n"
                                             "Ask about the regional economic-policy plans.")
            with gr.Row():
                question = gr.Textbox(placeholder="例如：首次进入全国软件百强能拿多少奖励？",
                                      show_label=False, scale=5, elem_id="chat-input",
                                      max_length=MAX_QUESTION_CHARS, autofocus=True)
                send = gr.Button("提问 Ask", variant="primary", scale=1, elem_id="chat-send")
            badge = gr.HTML("", elem_id="answer-badge")
            chips = gr.HTML("", elem_id="citation-chips", js_on_load=CLICK_JS)
            followups = gr.Dataset(components=["textbox"], samples=[], label="追问 Follow-up questions",
                                   elem_id="chat-followups", visible=False)
            with gr.Row():
                download = gr.DownloadButton("下载答案及出处 Download (.md)", visible=False, size="sm",
                                             elem_id="chat-download")
                clear = gr.Button("清空 Clear", size="sm")
        with gr.Column(scale=2, min_width=360):
            viewer = gr.HTML(PLACEHOLDER, elem_id="clause-view", js_on_load=CLICK_JS)

    outputs = [chatbot, question, turns, cited, badge, chips, followups, download]
    ask = _asker(qa, documents)
    send.click(ask, [question, turns], outputs)
    question.submit(ask, [question, turns], outputs)
    examples.click(_pick, examples, question).then(ask, [question, turns], outputs)
    followups.click(_pick, followups, question).then(ask, [question, turns], outputs)
    persona.change(lambda p: gr.Dataset(samples=_samples(p)), persona, examples)
    chips.click(_chip_viewer(documents), cited, viewer)
    viewer.click(_chip_viewer(documents), cited, viewer)
    clear.click(lambda: ([], "", [], {}, "", "", gr.Dataset(samples=[], visible=False),
                         gr.DownloadButton(visible=False), PLACEHOLDER),
                None, [*outputs, viewer])


def _samples(persona: str) -> list[list[str]]:
    return [[q] for q in EXAMPLES.get(persona, [])]


def _pick(sample: list[str] | str) -> str:
    return sample[0] if isinstance(sample, list) else sample


def _asker(qa: QAService, documents: DocumentBrowser):  # type: ignore[no-untyped-def]
    def ask(question: str, turns: list[dict[str, str]]) -> Iterator[tuple[Any, ...]]:
        question = (question or "").strip()
        if not question:
            raise gr.Error("请输入问题 Please type a question.")
        if len(question) > MAX_QUESTION_CHARS:
            raise gr.Error(f"问题过长（最多 {MAX_QUESTION_CHARS} 字）Question too long.")
        shown = [*turns, {"role": "user", "content": question},
                 {"role": "assistant", "content": "正在检索条款… Searching the plans…"}]
        skip = [gr.skip()] * 6
        yield shown, "", *skip
        with shown_errors():
            answer = qa.ask(question, turns)
        for end in range(_STREAM_STEP, len(answer.answer), _STREAM_STEP):
            shown[-1] = {"role": "assistant", "content": answer.answer[:end]}
            yield shown, "", *skip
            time.sleep(0.02)
        shown[-1] = {"role": "assistant", "content": answer.answer}
        follow = suggest_followups(answer, documents.regions())
        yield (shown, "", shown, _cited(answer), _badge(answer), _chips(answer),
               gr.Dataset(samples=[[f] for f in follow], visible=bool(follow)),
               gr.DownloadButton(value=_download(answer), visible=True))
    return ask


def _chip_viewer(documents: DocumentBrowser):  # type: ignore[no-untyped-def]
    def show(cited: dict[str, Any], evt: gr.EventData) -> str:
        clause_id = evt._data.get("clause") if isinstance(evt._data, dict) else None
        if not clause_id:
            return gr.skip()
        n = evt._data.get("n")
        passages = cited_passages(cited.get("answer", ""), int(n)) if n and n.isdigit() else []
        with shown_errors():
            return clause_html(documents.clause(clause_id), passages)
    return show


def _cited(answer: Answer) -> dict[str, Any]:
    return {"answer": answer.answer, "citations": [c.as_json() for c in answer.citations]}


def _badge(answer: Answer) -> str:
    mode = ("llm", "大模型改写 LLM") if answer.mode == "llm" else ("extractive", "抽取式 Extractive")
    found = "" if answer.found else '<span class="badge notfound">规划未涉及 Not covered</span>'
    total = answer.timings_ms.get("total", 0)
    return (f'<span class="badge {mode[0]}" title="answer mode">{mode[1]}</span>{found}'
            f'<span class="muted"> {total:.0f} ms · {len(answer.citations)} 条出处</span>')


def _chips(answer: Answer) -> str:
    if not answer.citations:
        return ""
    chips = "".join(
        f'<a class="chip citation-chip" data-clause="{esc(c.clause_id)}" data-n="{c.n}" '
        f'title="{esc(c.doc_title)} {esc(c.label)}"><b>[{c.n}]</b> {esc(_short(c.doc_title))} '
        f'{esc(c.label)}</a>' for c in answer.citations)
    return f'<div class="chips"><span class="muted">出处 Sources：</span>{chips}</div>'


def _short(title: str, width: int = 14) -> str:
    return title if len(title) <= width else title[:width] + "…"


def _download(answer: Answer) -> str:
    """The answer and the full text of every cited clause, as a Markdown file."""
    lines = [f"# {answer.question}", "", answer.answer, "", "## 出处全文 Sources", ""]
    for c in answer.citations:
        number = f"（{c.doc_number}）" if c.doc_number else ""
        lines += [f"### [{c.n}] 《{c.doc_title}》{number} {c.label}", "", c.text, ""]
    return temp_file("policykg-answer", ".md", "\n".join(lines))
