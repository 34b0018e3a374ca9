"""Dialogue state through the real graph: follow-ups inherit the previous frame and change only what
they name; corrections replace; new questions start fresh; a place outside the data is never swapped."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver
from langgraph.types import Command

from agents.deps import create_agent_deps
from agents.graph import build_graph
from backend.recall import engine_recall
from tests.integration.test_graph import ask, run

TODAY = dt.date(2026, 11, 21)


@pytest.fixture(scope="module")
async def graph(loaded_engine, db_url):
    deps = await create_agent_deps(loaded_engine, recall=engine_recall(loaded_engine))
    deps.today = lambda: TODAY
    async with AsyncPostgresSaver.from_conn_string(db_url.libpq) as saver:
        yield build_graph(saver, deps)


class Chat:
    def __init__(self, graph: Any) -> None:
        self.graph = graph
        self.thread = str(uuid.uuid4())

    async def say(self, text: str) -> dict[str, Any]:
        turn = await run(self.graph, self.thread, ask(text))
        return turn.data | {"content": turn.final["content"]}


def public(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data["slots"].items() if v is not None}


async def test_follow_up_changes_only_the_period_and_says_what_it_carried(graph) -> None:
    chat = Chat(graph)
    first = await chat.say("강남구 2023년 84㎡ 매매 시세")
    assert first["act"] == "new"
    second = await chat.say("그럼 재작년은?")
    assert second["act"] == "follow_up"
    assert second["intent"] == "MARKET_INQUIRY"
    assert public(second) == public(first) | {"period_from": "2024-01-01", "period_to": "2024-12-31"}
    assert "앞 질문의 조건(강남구, 매매, 84㎡)을 이어서 봤어요." in second["content"]
    assert "sigungu" not in second["content"]


async def test_bare_size_and_place_fragments_keep_the_rest(graph) -> None:
    chat = Chat(graph)
    first = await chat.say("마포구 2024년 매매 84 시세 알려줘")
    size = await chat.say("59는?")
    assert size["act"] == "follow_up"
    assert public(size) == public(first) | {"area_min_m2": 56.0, "area_max_m2": 62.0}
    place = await chat.say("서초구는?")
    assert place["slots"]["sigungu"] == "서초구"
    assert place["slots"]["dong"] is None
    assert (place["slots"]["period_from"], place["slots"]["area_min_m2"]) == ("2024-01-01", 56.0)


async def test_year_before_counts_from_the_previous_period(graph) -> None:
    chat = Chat(graph)
    await chat.say("송파구 2022년 아파트 매매 거래량")
    before = await chat.say("what about the year before?")
    assert before["act"] == "follow_up"
    assert (before["slots"]["period_from"], before["slots"]["period_to"]) == ("2021-01-01", "2021-12-31")
    assert before["slots"]["sigungu"] == "송파구"


async def test_correction_replaces_the_negated_place(graph) -> None:
    chat = Chat(graph)
    await chat.say("서초구 2024년 매매 시세")
    fixed = await chat.say("아니 서초구 말고 강남구")
    assert fixed["act"] == "correction"
    assert fixed["slots"]["sigungu"] == "강남구"
    assert fixed["slots"]["period_from"] == "2024-01-01"


async def test_deal_type_follow_up_in_bundang(graph) -> None:
    chat = Chat(graph)
    await chat.say("분당 정자동 2025년 매매 시세")
    rent = await chat.say("매매 말고 전세는?")
    assert rent["slots"]["deal_type"] == "전세"
    assert (rent["slots"]["dong"], rent["slots"]["period_from"]) == ("정자동", "2025-01-01")
    assert rent["stats"]["count"] > 0


async def test_a_complete_new_question_starts_fresh(graph) -> None:
    chat = Chat(graph)
    await chat.say("강남구 2023년 84㎡ 매매 시세")
    fresh = await chat.say("분당구 전세 시세 알려줘")
    assert fresh["act"] == "new"
    assert fresh["slots"]["area_min_m2"] is None
    assert fresh["slots"]["sigungu"] == "분당구"


async def test_a_place_outside_the_data_is_never_replaced_by_the_previous_one(graph) -> None:
    chat = Chat(graph)
    await chat.say("마포구 2024년 매매 시세")
    outside = await chat.say("부산 해운대구 시세")
    assert outside["slots"]["sigungu"] == "해운대구"  # the place asked about, never 마포구
    assert not outside["stats"] or not outside["stats"].get("count")
    assert not outside["rows"]
    assert "데이터에 없습니다" in outside["content"]
    then = await chat.say("그럼 전세는?")  # a follow-up about the outside place is declined too
    assert then["slots"]["sigungu"] == "해운대구"
    assert not then["rows"] and not (then["stats"] or {}).get("count")


# --- a message while the assistant waits ------------------------------------------------------------


async def reply(chat: Chat, text: str) -> Any:
    return await run(chat.graph, chat.thread, Command(resume={"action": "answer", "feedback": text}))


async def test_new_question_while_a_draft_waits_is_answered_and_the_draft_stays_pending(graph) -> None:
    chat = Chat(graph)
    drafting = await run(graph, chat.thread, ask("전세 계약서 작성해줘 보증금 3억"))
    assert [i["type"] for i in drafting.interrupts] == ["contract_approval"]

    aside = await reply(chat, "분당구 전세 시세 알려줘")
    assert aside.data["intent"] == "MARKET_INQUIRY"
    assert aside.data["pending"] == "kept"
    assert aside.data["stats"]["count"] > 0
    assert [i["type"] for i in aside.interrupts] == ["contract_approval"]
    assert "아직 승인을 기다리고" in aside.interrupts[0]["question"]

    approved = await run(graph, chat.thread, Command(resume={"action": "approve"}))
    assert approved.data["intent"] == "CONTRACT_CREATION"
    assert approved.data["pending"] is None
    assert not approved.interrupts


async def test_modify_words_while_a_draft_waits_edit_the_draft_until_approved(graph) -> None:
    chat = Chat(graph)
    await run(graph, chat.thread, ask("월세 계약서 초안 만들어줘"))
    edited = await reply(chat, "특약에 반려동물 허용 추가해줘")
    assert edited.final is None
    assert "반려동물" in " ".join(edited.interrupts[0]["payload"]["special_terms"])
    terms = await reply(chat, "보증금 4억이고 금곡동 청솔마을 주공9단지야")
    assert terms.interrupts[0]["payload"]["terms"]["deposit_manwon"] == 40000
    approved = await reply(chat, "좋아 이대로 승인할게")
    assert approved.data["intent"] == "CONTRACT_CREATION"
    assert approved.data["slots"]["dong"] == "금곡동"
    assert "반려동물" in approved.final["content"]
    assert not approved.interrupts


async def test_new_question_while_a_clarifying_question_waits_drops_it(graph) -> None:
    chat = Chat(graph)
    asked = await run(graph, chat.thread, ask("시세 알려줘"))
    assert [i["type"] for i in asked.interrupts] == ["clarify"]
    loan = await reply(chat, "연봉 8천에 6억 아파트 대출 얼마나 나와?")
    assert loan.data["intent"] == "LOAN_CONSULT"
    assert loan.data["pending"] == "dropped"
    assert not loan.data["stats"]
    assert not loan.interrupts


async def test_answer_to_a_clarifying_question_fills_the_place_and_anchors_recent_on_it(graph) -> None:
    chat = Chat(graph)
    await run(graph, chat.thread, ask("요즘 전세 시세 어때?"))
    answered = await reply(chat, "분당 정자동")
    assert answered.data["act"] == "answer"
    assert (answered.data["slots"]["dong"], answered.data["slots"]["deal_type"]) == ("정자동", "전세")
    assert (answered.data["slots"]["period_from"], answered.data["slots"]["period_to"]) == (
        "2025-01-01",
        "2025-12-31",
    )


async def test_answer_naming_a_place_outside_the_data_is_said_to_be_outside(graph) -> None:
    chat = Chat(graph)
    await run(graph, chat.thread, ask("아파트 시세 알려줘"))
    outside = await reply(chat, "부산 해운대구")
    assert "데이터에 없습니다" in outside.final["content"]
    assert not outside.data["stats"] and not outside.data["rows"]


async def test_a_dong_the_data_splits_is_answered_for_all_its_parts(graph, loaded_engine) -> None:
    from sqlalchemy import text

    data = await Chat(graph).say("성수동 아파트 매매 2023년 거래 몇 건이야")
    assert (data["slots"]["sigungu"], data["slots"]["dong"]) == ("성동구", "성수동")
    async with loaded_engine.connect() as conn:
        expected = await conn.scalar(
            text(
                "SELECT count(*) FROM apt_trades WHERE sigungu_code = '11200' "
                "AND dong IN ('성수동1가', '성수동2가') AND contract_date BETWEEN '2023-01-01' AND '2023-12-31' "
                "AND cancelled IS NOT TRUE"
            )
        )
    assert data["stats"]["count"] == expected > 0


async def test_seoul_as_a_whole_is_answered_over_its_25_gu_and_seoul_rent_is_said_to_be_missing(
    graph, loaded_engine
) -> None:
    from sqlalchemy import text

    data = await Chat(graph).say("서울 아파트 2023년 매매 거래 몇 건이야")
    async with loaded_engine.connect() as conn:
        expected = await conn.scalar(
            text(
                "SELECT count(*) FROM apt_trades WHERE sigungu_code LIKE '11%' "
                "AND contract_date BETWEEN '2023-01-01' AND '2023-12-31' AND cancelled IS NOT TRUE"
            )
        )
    assert data["stats"]["count"] == expected > 30000
    rent = await Chat(graph).say("서울 전셋값 요즘 어때")
    assert not rent["rows"] and not (rent["stats"] or {}).get("count")
    assert "서울" in rent["content"] and "없습니다" in rent["content"]
