"""Calculators and contract drafts end to end on the real data: the user's numbers reach the answer,
a 수정 is applied as structured changes, and approval/rejection shape what is shown."""

from __future__ import annotations

import re
import statistics

import pytest
from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver
from langgraph.types import Command
from sqlalchemy import text

from agents.deps import create_agent_deps
from agents.formatting import won
from agents.graph import build_graph
from tests.integration.test_graph import ask, run, thread


@pytest.fixture(scope="module")
async def graph(loaded_engine, db_url):
    deps = await create_agent_deps(loaded_engine, recall=None)
    async with AsyncPostgresSaver.from_conn_string(db_url.libpq) as saver:
        yield build_graph(saver, deps)


RAW = re.compile(r"(?<![\d.])0\.\d+(?![\d]*%)|\b(?:True|False|None)\b|(?<![\d,.\-])\d{5,}(?!\d)|\*\*|\\\.")


def lead(content: str) -> str:
    """The answer's first sentence line (after a section heading, if the text has one)."""
    lines = [ln for ln in content.splitlines() if ln.strip() and not ln.lstrip().startswith(("#", "■"))]
    return lines[0]


async def test_roi_uses_the_users_price_deposit_and_rent(graph):
    turn = await run(graph, thread(), ask("10억짜리 아파트 보증금 3억 월세 150 받으면 수익률?"))
    assert turn.data["intent"] == "ROI_CALCULATION"
    gross = round(150 * 12 / (100000 - 30000) * 100, 2)
    first = lead(turn.final["content"])
    assert "보증금 3억원·월세 150만원" in first and f"표면 수익률은 연 {gross}%" in first
    assert not RAW.search(turn.final["content"])


async def test_roi_takes_the_market_median_only_for_what_was_left_open(graph, loaded_engine):
    turn = await run(graph, thread(), ask("분당구 9억 아파트 월세 놓으면 수익률 얼마야?"))
    async with loaded_engine.connect() as conn:
        latest = await conn.scalar(text("SELECT max(contract_date) FROM apt_rents WHERE rent_type = '월세'"))
        rows = (
            await conn.execute(
                text(
                    "SELECT deposit_manwon, monthly_rent_manwon FROM apt_rents WHERE rent_type = '월세' "
                    "AND contract_date > :start"
                ),
                {"start": latest.replace(year=latest.year - 1)},
            )
        ).all()
    monthly = round(statistics.median(r.monthly_rent_manwon for r in rows))
    content = turn.final["content"]
    assert f"월세 {won(monthly)}" in lead(content)
    assert "매입가 말씀하신 값" in content and "월세 실거래 월세 중위값" in content


async def test_contradictory_roi_inputs_get_an_explanation(graph):
    turn = await run(graph, thread(), ask("보증금 12억 월세 100 10억 아파트 수익률"))
    content = turn.final["content"]
    assert "보증금(12억원)이 매입가(10억원)보다 크거나 같아서" in content
    assert "수익률은 연" not in content


async def test_english_loan_amounts_by_role(graph):
    turn = await run(
        graph,
        thread(),
        ask("80 million won salary for a 900 million won apartment in Mapo, how much can I borrow?"),
    )
    assert turn.data["intent"] == "LOAN_CONSULT"
    content = turn.final["content"]
    # an English question gets the English answer, amounts in their Korean units
    assert "a home price of 9억원" in content and "an annual income of 8,000만원" in content
    assert "the estimated maximum loan is 3억 6,000만원." in content  # 규제지역 LTV 40% of 9억
    assert not RAW.search(content)


async def test_loan_counts_existing_debt(graph):
    debt = await run(graph, thread(), ask("연봉 6천 기존 대출 월 50만원 갚고 있는데 대출 얼마나 돼?"))
    first = lead(debt.final["content"])
    assert "연 소득 6,000만원" in first and "기존 대출 연 원리금 600만원" in first
    # no place: treated as 규제지역 (DSR 40% at 4% + 3%p stress over 30 years), by hand:
    i = 0.07 / 12
    room = (6000 * 0.4 - 600) / 12
    expected = int(room * (1 - (1 + i) ** -360) / i)
    assert f"예상 최대 대출은 {won(expected)}입니다" in first


async def test_contract_draft_carries_terms_and_edits_until_approved(graph):
    tid = thread()
    first = await run(graph, tid, ask("임대차 계약서 작성해줘. 보증금 3억, 2년, 서울 마포구 공덕동 123"))
    paused = first.interrupts[0]
    assert paused["payload"]["terms"]["deposit_manwon"] == 30000
    assert paused["payload"]["terms"]["term_months"] == 24
    assert paused["payload"]["terms"]["address"] == "서울 마포구 공덕동 123"
    assert "승인 / 수정 / 거절" in paused["question"] and not re.search(r"[A-Za-z]", paused["question"])

    async def say(words: str):
        return await run(graph, tid, Command(resume={"action": "answer", "feedback": words}))

    edited = await say("수정: 보증금 2억으로")
    assert edited.interrupts[0]["payload"]["terms"]["deposit_manwon"] == 20000
    assert "보증금 3억원 → 2억원" in edited.interrupts[0]["question"]
    clause = await say("반려동물 허용 특약 추가해줘")
    assert clause.interrupts[0]["payload"]["special_terms"] == ["반려동물 허용"]
    structured = await run(
        graph,
        tid,
        Command(resume={"action": "modify", "edit": {"monthly_rent_manwon": 50, "term_months": 12}}),
    )
    assert structured.interrupts[0]["payload"]["terms"]["monthly_rent_manwon"] == 50
    nothing = await say("음 잘 모르겠어")
    assert "바꿀 내용을 찾지 못했어요" in nothing.interrupts[0]["question"]

    approved = await say("승인")
    content = approved.final["content"]
    assert "추가해줘" not in content
    assert "보증금 2억원" in content and "월세 50만원" in content and "서울 마포구 공덕동 123" in content
    assert content.index("계약 조건") < content.index("「주택임대차보호법」 제6조의3")  # document first
    assert [s["task"] for s in approved.data["plan"]] == ["contract_draft", "law_search"]


async def test_rejected_contract_shows_no_document_and_no_statutes(graph):
    tid = thread()
    await run(graph, tid, ask("전세 계약서 작성해줘 보증금 3억"))
    rejected = await run(graph, tid, Command(resume={"action": "answer", "feedback": "거절"}))
    content = rejected.final["content"]
    assert "취소" in content and "체크리스트" not in content and "「" not in content
    assert not [s for s in rejected.data["sources"] if s["type"] == "law"]


async def test_sale_request_gets_a_sale_checklist(graph):
    tid = thread()
    first = await run(graph, tid, ask("아파트 매매 계약서 체크리스트 만들어줘"))
    payload = first.interrupts[0]["payload"]
    assert payload["kind"] == "sale" and payload["title"].startswith("아파트 매매")
    approved = await run(graph, tid, Command(resume={"action": "approve"}))
    content = approved.final["content"]
    assert "부동산 거래신고" in content and "계약금" in content
    assert "전입신고" not in content.split("근거 조문")[0]
