"""Legal answers read as a person reads them, through the real graph on the loaded statutes: the first
sentence answers with the right rule and number, the quoted 항 are plain text (no `**`, no `1\\.`),
sources list the governing article first, an English question gets an English lead, and a question
nothing answers says so and offers issues to choose from — never an unrelated article."""

from __future__ import annotations

import re
import uuid

import pytest
from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver

from agents.deps import create_agent_deps
from agents.graph import build_graph
from tests.integration.test_graph import ask, run

MARKUP = re.compile(r"\*\*|\\[.\-*_()]")
RAW_VALUES = re.compile(r"\b(?:True|False|None)\b|issue_key|article_no|housing_\w+|civil_\w+")


@pytest.fixture(scope="module")
async def graph(loaded_engine, db_url):
    deps = await create_agent_deps(loaded_engine, recall=None)
    async with AsyncPostgresSaver.from_conn_string(db_url.libpq) as saver:
        yield build_graph(saver, deps)


async def answer(graph, question: str) -> tuple[str, str, list[dict]]:
    """(first sentence of the legal answer, whole text, law sources)."""
    turn = await run(graph, str(uuid.uuid4()), ask(question))
    content = turn.final["content"]
    laws = [s for s in turn.data["sources"] if s["type"] == "law"]
    body = [
        line for line in content.splitlines() if line.strip() and not line.lstrip().startswith(("#", "■"))
    ]
    return (body[0] if body else ""), content, laws


def clean(content: str) -> None:
    assert not MARKUP.search(content), f"statute markup in the answer: {content[:300]}"
    assert not RAW_VALUES.search(content), f"an internal value in the answer: {content[:300]}"


async def test_deposit_not_returned_is_answered_first_with_the_rule(graph):
    lead, content, laws = await answer(
        graph, "전세 계약 끝났는데 집주인이 보증금을 안 돌려줘요. 어떻게 해야 하나요?"
    )
    assert "보증금을 돌려받을 때까지" in lead and "제4조" in lead  # the answer, not an article dump
    assert (laws[0]["law_name"], laws[0]["article"]) == ("주택임대차보호법", "제4조")
    assert "임차권등기명령" in content and "다음 단계" in content  # a step a loaded article backs
    assert "일반 안내" in content  # 지급명령·반환보증 are guidance, not rules
    assert "법률 자문이 아닌 일반 정보입니다" in content
    assert "제6조의3" not in lead  # the renewal article is not the answer
    clean(content)


async def test_renewal_right_states_once_and_two_years(graph):
    lead, content, laws = await answer(graph, "전세 계약 갱신요구권 몇 번 쓸 수 있어?")
    assert "1회" in lead and "2년" in lead and "제6조의3" in lead
    assert laws[0]["article"] == "제6조의3"
    assert "1회에 한하여" in content  # the quoted 항 says it
    clean(content)


async def test_boiler_repair_cites_the_landlords_repair_duty(graph):
    lead, content, laws = await answer(graph, "보일러 고장났는데 수리비 누가 내?")
    assert "관련 조문을 찾지 못했습니다" not in content
    assert (laws[0]["law_name"], laws[0]["article"]) == ("민법", "제623조")
    assert "임대인" in lead or "집주인" in lead
    clean(content)


async def test_shop_lease_renewal_is_the_commercial_act(graph):
    lead, content, laws = await answer(graph, "가게 계약 갱신 요구 몇 년까지 돼요?")
    assert laws[0]["law_name"] == "상가건물 임대차보호법" and laws[0]["article"] == "제10조"
    assert "10년" in lead
    clean(content)


async def test_english_question_gets_an_english_lead_and_korean_quotes(graph):
    lead, content, laws = await answer(graph, "How many times can a tenant use the lease renewal right?")
    assert not re.search(r"[가-힣]", lead.split("(")[0]), lead
    assert "1 time" in lead and "2 years" in lead
    assert laws[0]["article"] == "제6조의3"
    assert "1회에 한하여" in content  # the statute text stays Korean
    assert "not legal advice" in content
    clean(content)


async def test_a_question_the_statutes_do_not_cover_says_where_the_answer_lives(graph):
    lead, content, laws = await answer(graph, "아파트 9억에 매매하면 복비 최대 얼마까지 내야돼요?")
    assert "법령 자료에 없" in lead and "조례" in lead
    assert laws == []  # no article is presented as the answer
    clean(content)


async def test_a_question_nothing_answers_offers_issues_not_an_unrelated_article(graph):
    lead, content, laws = await answer(graph, "법적으로 우리 동네 분위기 어때?")
    assert lead.startswith("관련 조문을 찾지 못했습니다")
    assert laws == []
    assert len([line for line in content.splitlines() if line.startswith("- ")]) == 3
    clean(content)


async def test_a_named_article_is_quoted_plainly(graph):
    lead, content, laws = await answer(graph, "주택임대차보호법 제3조의6 알려줘")
    assert laws[0]["article"] == "제3조의6"
    assert "제3조의6" in lead
    clean(content)


@pytest.mark.parametrize(
    "question",
    [
        "청주 외곽 단독주택에 보증금 6천으로 사는데 저도 소액임차인으로 보호받아요?",
        "Busan studio, deposit 50 million won. Am I protected as a small-deposit tenant?",
    ],
)
async def test_a_question_of_law_naming_a_place_outside_the_data_is_still_answered(graph, question):
    """The statute is the same everywhere: a place we hold no deals for declines data, never the law."""
    _, content, laws = await answer(graph, question)
    assert "데이터에 없습니다" not in content and laws, content[:300]


async def test_a_duty_about_the_contract_is_a_question_of_law_not_a_draft(graph):
    turn = await run(graph, str(uuid.uuid4()), ask("매매 계약서 쓸 때 드는 비용은 원래 누가 부담해요?"))
    assert not turn.interrupts  # no draft waiting for approval
    assert [s for s in turn.data["sources"] if s["type"] == "law"]
