"""问答 / Chat: streamed answers whose [n] marks open the cited clause, numbered citation
chips, the cited clause in its document, a badge for the answer's mode, example questions
per persona, follow-ups the plans can answer, copy and download."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import gradio as gr

from qa.browse import DocumentBrowser, FollowUps, cited_passages
from qa.service import QAService
from qa.types import Answer
from ui.api import MAX_QUESTION_CHARS
from ui.views.clause import PLACEHOLDER, clause_html, clicked
from ui.views.common import CLICK_JS, Built, esc, guarded, temp_file, unchanged, warn
from ui.views.indexing import index_note

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


# The [n] marks inside an answer become links to their clauses in the browser, so that the
# answer itself stays plain text (what the copy buttons copy and a screen reader reads). A
# click reports the mark and which answer it is in; the chips' component listens for it,
# since a Chatbot cannot trigger events.
CITE_JS = CLICK_JS + r"""
const wrap = (chat) => chat.querySelectorAll('[data-testid="bot"] .md').forEach((md) => {
  const walker = document.createTreeWalker(md, NodeFilter.SHOW_TEXT);
  const found = [];
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    if (/\[\d+\]/.test(t.nodeValue) && !t.parentElement.closest('a, code')) found.push(t);
  }
  found.forEach((t) => {
    const parts = t.nodeValue.split(/(\[\d+\])/);
    t.replaceWith(...parts.map((part) => {
      const m = part.match(/^\[(\d+)\]$/);
      if (!m) return part;
      const a = document.createElement('a');
      a.className = 'cite';
      a.dataset.n = m[1];
      a.setAttribute('role', 'button');
      a.textContent = part;
      return a;
    }));
  });
});
const watchChat = () => {
  const chat = document.querySelector('#chatbot');
  if (!chat) return setTimeout(watchChat, 200);
  let queued = false;
  new MutationObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; wrap(chat); });
  }).observe(chat, {childList: true, subtree: true, characterData: true});
  wrap(chat);
};
watchChat();
document.addEventListener('click', (event) => {
  const mark = event.target.closest('#chatbot a.cite');
  if (!mark) return;
  event.preventDefault();
  const answers = [...document.querySelectorAll('#chatbot [data-testid="bot"]')];
  const turn = answers.indexOf(mark.closest('[data-testid="bot"]'));
  trigger('click', {clause: '', query: '', open: '', n: mark.dataset.n, turn: String(turn)});
}, true);
"""


def build(qa: QAService, documents: DocumentBrowser, followups: FollowUps) -> Built:
    turns = gr.State([])  # {"role", "content": str} turns, for the follow-up resolver
    cited = gr.State([])  # per answer in the chat: its text and n → clause id (``_cited``)
    with gr.Row(equal_height=False):
        with gr.Column(scale=3, min_width=420):
            persona = gr.Radio(list(EXAMPLES), value=next(iter(EXAMPLES)), label="角色 Persona",
                               elem_id="persona")
            examples = gr.Dataset(components=["textbox"], samples=_samples(next(iter(EXAMPLES))),
                                  label="示例问题 Example questions", elem_id="chat-examples")
            chatbot = gr.Chatbot(height=440, show_label=False, elem_id="chatbot",
                                 buttons=["copy", "copy_all"], feedback_options=None,
                                 placeholder="请输入关于区域经济政策规划的问题。\n"
                                             "Ask about the regional economic-policy plans.")
            with gr.Row():
                question = gr.Textbox(placeholder="例如：首次进入全国软件百强能拿多少奖励？",
                                      show_label=False, scale=5, elem_id="chat-input",
                                      max_length=MAX_QUESTION_CHARS, autofocus=True)
                send = gr.Button("提问 Ask", variant="primary", scale=1, elem_id="chat-send")
            badge = gr.HTML("", elem_id="answer-badge")
            chips = gr.HTML("", elem_id="citation-chips", js_on_load=CITE_JS)
            follow = gr.Dataset(components=["textbox"], samples=[], label="追问 Follow-up questions",
                                elem_id="chat-followups", visible=False)
            with gr.Row():
                download = gr.DownloadButton("下载答案及出处 Download (.md)", visible=False, size="sm",
                                             elem_id="chat-download")
                clear = gr.Button("清空 Clear", size="sm")
        with gr.Column(scale=2, min_width=360):
            viewer = gr.HTML(PLACEHOLDER, elem_id="clause-view", js_on_load=CLICK_JS)

    outputs = [chatbot, question, turns, cited, badge, chips, follow, download, viewer]
    ask = _asker(qa, followups, len(outputs))
    send.click(ask, [question, turns, cited], outputs)
    question.submit(ask, [question, turns, cited], outputs)
    examples.click(_pick, examples, question).then(ask, [question, turns, cited], outputs)
    follow.click(_pick, follow, question).then(ask, [question, turns, cited], outputs)
    persona.change(lambda p: gr.Dataset(samples=_samples(p)), persona, examples)
    chips.click(_chip_viewer(documents), cited, viewer)
    viewer.click(_chip_viewer(documents), cited, viewer)
    clear.click(_cleared, None, outputs)
    return Built(panels=(viewer,))


def _cleared() -> tuple[Any, ...]:
    return ([], "", [], [], "", "", gr.Dataset(samples=[], visible=False),
            gr.DownloadButton(visible=False), PLACEHOLDER)


def _samples(persona: str) -> list[list[str]]:
    return [[q] for q in EXAMPLES.get(persona, [])]


def _pick(sample: list[str] | str) -> str:
    return sample[0] if isinstance(sample, list) else sample


def _asker(qa: QAService, followups: FollowUps, count: int):  # type: ignore[no-untyped-def]
    """The chat's handler. A question it cannot take, or an answer that fails, is a
    message beside the page: the history, the input and the panels stay as they were."""
    def ask(question: str, turns: list[dict[str, str]],
            cited: list[dict[str, Any]]) -> Iterator[tuple[Any, ...]]:
        question = (question or "").strip()
        problem = _problem(question)
        if problem:
            gr.Warning(problem, title="提问 Question")
            yield unchanged(count)
            return
        shown = [*turns, {"role": "user", "content": question},
                 {"role": "assistant", "content": "正在检索条款… Searching the plans…"}]
        skip = [gr.skip()] * (count - 3)
        yield shown, "", *skip, PLACEHOLDER
        try:
            answer = qa.ask(question, turns)
            follow = followups.suggest(answer)
        except Exception as exc:  # noqa: BLE001 - a message, and the chat as it was
            warn(exc)
            yield turns, question, *skip, gr.skip()
            return
        for end in range(_STREAM_STEP, len(answer.answer), _STREAM_STEP):
            shown[-1] = {"role": "assistant", "content": answer.answer[:end]}
            yield shown, "", *skip, gr.skip()
            time.sleep(0.02)
        shown[-1] = {"role": "assistant", "content": answer.answer}
        yield (shown, "", shown, [*cited, _cited(answer)], _badge(answer), _chips(answer),
               gr.Dataset(samples=[[f] for f in follow], visible=bool(follow)),
               gr.DownloadButton(value=_download(answer), visible=True), gr.skip())
    return ask


def _problem(question: str) -> str:
    if not question:
        return "请输入问题 Please type a question."
    if len(question) > MAX_QUESTION_CHARS:
        return f"问题过长（最多 {MAX_QUESTION_CHARS} 字）Question too long (at most {MAX_QUESTION_CHARS} characters)."
    return ""


def _chip_viewer(documents: DocumentBrowser):  # type: ignore[no-untyped-def]
    """Handler: a chip or an ``[n]`` mark shows its clause, the cited passage marked."""
    @guarded(1)
    def show(cited: list[dict[str, Any]], evt: gr.EventData) -> str:
        clause_id, text = resolve(cited, clicked(evt, "clause"), clicked(evt, "turn"),
                                  clicked(evt, "n"))
        if not clause_id:
            return gr.skip()
        n = clicked(evt, "n")
        passages = cited_passages(text, int(n)) if n.isdigit() else []
        return clause_html(documents.clause(clause_id), passages)
    return show


def resolve(cited: list[dict[str, Any]], clause_id: str, turn: str, n: str) -> tuple[str, str]:
    """(clause id, answer text) for a click: a chip names its clause (of the last answer);
    an [n] mark names its answer's place in the chat and its number."""
    if clause_id:
        return clause_id, cited[-1]["answer"] if cited else ""
    if turn.isdigit() and int(turn) < len(cited):
        answer = cited[int(turn)]
        return answer["clauses"].get(n, ""), answer["answer"]
    return "", ""


def _cited(answer: Answer) -> dict[str, Any]:
    return {"answer": answer.answer, "clauses": {str(c.n): c.clause_id for c in answer.citations}}


def _badge(answer: Answer) -> str:
    mode = ("llm", "大模型改写 LLM") if answer.mode == "llm" else ("extractive", "抽取式 Extractive")
    found = "" if answer.found else '<span class="badge notfound">规划未涉及 Not covered</span>'
    total = answer.timings_ms.get("total", 0)
    return (f'<span class="badge {mode[0]}" title="answer mode">{mode[1]}</span>{found}'
            f'<span class="muted"> {total:.0f} ms · {len(answer.citations)} 条出处</span>'
            f'{index_note(answer)}')


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
