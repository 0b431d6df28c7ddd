"""Question answering on the ingested seeds: each intent, refusals, follow-ups, the JSON
contract, and the rule that every number an answer states is in a clause it cites."""

from __future__ import annotations

import json
import re
import unicodedata

import pytest

from qa.service import QAService
from qa.types import Answer
from tests.conftest import run_cli
from ui.wiring import build_qa

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def qa(store, settings, seeded) -> QAService:  # type: ignore[no-untyped-def]
    return build_qa(settings, store)


def squash(text: str) -> str:
    return re.sub(r"\s", "", unicodedata.normalize("NFKC", text))


def body(answer: Answer) -> str:
    return squash(answer.answer.split("\n\n来源：")[0])


def assert_numbers_cited(answer: Answer) -> None:
    """Every number in the answer's body appears in one of the clauses it cites. (A
    document's title is a name, printed in the sources below: 「（2025—2027年）」 in it
    states no figure.)"""
    cited = "".join(squash(c.text) for c in answer.citations)
    text = re.sub(r"\[\d+\]|《[^《》]*》", "", body(answer))
    for number in re.findall(r"\d+(?:\.\d+)?", text):
        assert number in cited, f"{number} is not in any cited clause: {answer.answer}"


def test_incentive_amount_and_who_pays(qa: QAService) -> None:
    answer = qa.ask("首次进入全国软件百强能拿多少奖励？谁出钱？")
    assert answer.found and "200万元" in body(answer) and "市区各承担50%" in body(answer)
    assert answer.citations[0].doc_id.startswith("001")
    assert_numbers_cited(answer)


def test_target_comparison_side_by_side(qa: QAService) -> None:
    answer = qa.ask("湖北省和武汉市对数字经济核心产业的目标分别是多少？")
    text = body(answer)
    assert answer.found and "湖北省：" in answer.answer and "武汉市：" in answer.answer
    assert "6000亿元" in text or "≥6000" in text
    assert {c.doc_id[:3] for c in answer.citations} >= {"003"}
    assert_numbers_cited(answer)


def test_responsibility_lists_units(qa: QAService) -> None:
    answer = qa.ask("卫星互联超前部署由哪些单位负责？")
    assert answer.found
    for unit in ("市经信局", "新洲区", "武汉新港委"):
        assert unit in body(answer)


def test_list_of_parks(qa: QAService) -> None:
    answer = qa.ask("经开区的七园是哪些？")
    assert answer.found
    for park in ("南太子湖创新谷", "云计算产业园", "中国电子数字经济产业园"):
        assert park in body(answer)


def test_definition_from_footnote(qa: QAService) -> None:
    answer = qa.ask("什么是未来智慧工厂？")
    assert answer.found and answer.citations[0].label.startswith("注")


def test_document_lookup(qa: QAService) -> None:
    answer = qa.ask("武政办〔2025〕51号是什么文件？")
    assert answer.found and "武汉市加快推进数字经济高质量发展实施方案" in body(answer)


def test_english_question(qa: QAService) -> None:
    answer = qa.ask("What is Hubei's target for the digital economy core industry's share of GDP by 2025?")
    assert answer.found and "10" in body(answer)
    assert_numbers_cited(answer)


@pytest.mark.parametrize("question", [
    "上海市的数字经济核心产业目标是多少？",
    "首次进入软件百强的200万元奖励怎么申报？申报截止日期是什么时候？",
    "武汉市数据局局长是谁？",
    "What is Shenzhen's target for the digital economy's share of GDP by 2025?",
])
def test_questions_the_plans_do_not_answer_are_refused(qa: QAService, question: str) -> None:
    answer = qa.ask(question)
    assert not answer.found and not answer.citations


def test_follow_up_swaps_the_region(qa: QAService) -> None:
    history = [{"role": "user", "content": "武汉经开区数字经济核心产业增加值占GDP比重的目标是多少？"},
               {"role": "assistant", "content": "超过10%"}]
    answer = qa.ask("那湖北省呢？", history)
    assert answer.found and answer.citations[0].doc_id.startswith("003")
    assert "10" in body(answer)


def test_answers_are_concise_and_cited(qa: QAService) -> None:
    answer = qa.ask("到2027年武汉市网络零售额目标是多少？")
    assert answer.found and "5000亿元" in body(answer)
    assert len(answer.answer.split("\n\n来源：")[0]) <= 300
    assert "来源：" in answer.answer and "[1]" in answer.answer


def test_ask_json_file_contract(env, seeded, tmp_path) -> None:  # type: ignore[no-untyped-def]
    questions = ["首次进入全国软件百强能拿多少奖励？", "上海市的数字经济目标是多少？"]
    path = tmp_path / "q.txt"
    path.write_text("\n".join(questions) + "\n", encoding="utf-8")
    done = run_cli(env, "ask", "--json", "--file", str(path))
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [line["question"] for line in lines] == questions
    first = lines[0]
    assert set(first) >= {"question", "answer", "found", "citations", "facts", "mode", "timings_ms"}
    assert first["found"] is True and first["mode"] == "extractive" and "total" in first["timings_ms"]
    citation = first["citations"][0]
    assert set(citation) == {"n", "doc_id", "doc_title", "clause_id", "label", "text"}
    assert "200 万元" in citation["text"] or "200万元" in citation["text"]
    assert lines[1]["found"] is False and lines[1]["citations"] == []


# Floors per question set, reached on 2026-11-30 (BENCHMARKS.md): a change that loses
# questions fails here. The frozen parts are scored, never printed question by question.
FLOORS = {"dev (tuning)": 0.9, "dev (frozen test)": 0.85,
          "seeds-2 (tuning)": 0.8, "seeds-2 (frozen test)": 0.5,
          "seeds-3 (tuning)": 0.8, "seeds-3 (frozen test)": 0.6,  # seeds-3: 2026-12-01
          "seeds-4 (tuning)": 0.6, "seeds-4 (frozen test)": 0.6,  # seeds-4: 2026-12-01, second session
          # seeds-5: 2026-12-02, thirteenth session; first run 30/40 and 23/40, then 35 and 24
          "seeds-5 (tuning)": 0.8, "seeds-5 (frozen test)": 0.5,
          # seeds-6: 2026-12-02, fourteenth session; first run 30/40 and 25/40, then 32 and 25
          "seeds-6 (tuning)": 0.7, "seeds-6 (frozen test)": 0.5}


@pytest.mark.parametrize("name", ["dev", "seeds-2", "seeds-3", "seeds-4", "seeds-5", "seeds-6"])
def test_question_sets_stay_at_their_level(qa: QAService, name: str) -> None:
    from qa.evaluate import gold_sets, run
    from tests.conftest import DATA

    gold_set = next(s for s in gold_sets(DATA) if s.name == name)
    for part, questions in gold_set.parts():
        report = run(part, questions, qa.ask)
        passed, total = report.rate()
        refused, unanswerable = report.rate(lambda o: not o.gold.answerable)
        shown = [o.gold.id for o in report.outcomes if not o.passed] if "tuning" in part else report.by_kind()
        assert passed / total >= FLOORS[part], shown
        if name == "dev":
            assert refused / unanswerable >= 0.85, shown


def test_an_agencys_tasks_come_from_the_graph(qa: QAService) -> None:
    answer = qa.ask("市经信局负责哪些任务？")
    assert answer.found and "连接网络高速智能" in answer.answer and len(answer.citations) >= 5
    assert all("市经信局" in c.text for c in answer.citations)
    assert_numbers_cited(answer)


def test_a_plan_ingested_while_serving_is_answered_from_the_graph(qa: QAService, store, settings,  # type: ignore[no-untyped-def]
                                                                 tmp_path) -> None:
    """Targets, incentives and mentions are searched in memory; ingestion must reach them."""
    from tests.format_samples import PLAN
    from ui.wiring import build_ingestor

    question = "测验市到2027年高性能算力规模要达到多少？"
    assert "8 EFLOPS" not in qa.ask(question).answer  # warms the in-memory tables first
    plan = tmp_path / "测验市数字经济发展实施方案.txt"
    plan.write_text(PLAN.replace("示例市", "测验市").replace("8 EFLOPS", "9 EFLOPS"), encoding="utf-8")
    ingestor = build_ingestor(settings, store)
    report = ingestor.ingest([plan])
    try:
        qa.refresh(force=True)
        answer = qa.ask(question)
        assert answer.found and "9 EFLOPS" in answer.answer
        assert any(c.doc_id == report.documents[0].doc_id for c in answer.citations)
        # The graph's own fact, not only the sentence retrieval finds.
        assert any(f.kind == "target" and f.data.get("metric") == "高性能算力规模"
                   and f.clause_id.startswith(report.documents[0].doc_id) for f in answer.facts)
    finally:
        for doc in report.documents:
            ingestor.remove(doc.doc_id)
        qa.refresh(force=True)
    assert "9 EFLOPS" not in qa.ask(question).answer


@pytest.mark.parametrize(("question", "context"), [
    ("首次进入全国软件百强能拿多少奖励？", ""),
    ("What is the PUE target for new data centers in Wuhan?", ""),
    ("那武汉市呢？", "湖北省数字经济核心产业增加值占GDP比重目标是多少？"),
])
def test_the_vector_started_before_linking_is_the_one_retrieval_searches(qa: QAService, question: str,
                                                                          context: str) -> None:
    from qa.link import searched_text

    assert qa._engine.linker.link(question, context).text == searched_text(question, context)
