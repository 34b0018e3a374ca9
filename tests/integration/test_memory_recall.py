"""recall_for_planning: what memory hands planning, under its budget, in one round trip."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncEngine

from agents.domain.slots import Intent, Slots
from memory import conversation, entities, preferences
from memory.extract import extract_facts
from memory.preferences import Fact, Provenance
from memory.recall import Recall, RecallBudget, mentions_previous, recall_for_planning

STATEMENT = "송파구에서 전세 6억 이하 30평대 찾고 있어요"
STATEMENT_SLOTS = Slots(
    sigungu="송파구",
    sigungu_code="11710",
    deal_type="전세",
    price_max_manwon=60000,
    area_min_m2=99.17,
    area_max_m2=132.23,
)


async def new_user(engine: AsyncEngine) -> uuid.UUID:
    async with engine.begin() as conn:
        sql = text("INSERT INTO users (email) VALUES (:email) RETURNING id")
        return (await conn.execute(sql, {"email": f"{uuid.uuid4().hex}@example.kr"})).scalar_one()


async def state(engine: AsyncEngine, user: uuid.UUID, query: str, slots: Slots, intent: Intent) -> None:
    """What the worker stores for one user message."""
    async with engine.begin() as conn:
        await preferences.apply_facts(conn, user, extract_facts(query, slots, intent), Provenance())
        await conversation.add(conn, user, None, None, query, "요약", intent, slots, [])
        await entities.upsert_mentions(conn, user, entities.mentions_from_slots(slots))


async def recall(
    engine: AsyncEngine,
    user: uuid.UUID | str,
    query: str,
    slots: Slots | None = None,
    *,
    wants_previous: bool = False,
    budget: RecallBudget | None = None,
) -> Recall:
    async with engine.connect() as conn:
        return await recall_for_planning(
            conn,
            user,
            query,
            slots or Slots(),
            wants_previous=wants_previous,
            budget=budget or RecallBudget(),
        )


async def test_stated_preferences_fill_a_new_chats_recommendation(engine: AsyncEngine) -> None:
    user = await new_user(engine)
    await state(engine, user, STATEMENT, STATEMENT_SLOTS, Intent.PROPERTY_SEARCH)

    result = await recall(engine, str(user), "추천해줘")  # the graph passes user ids as strings
    filled, names = Slots().missing_filled_from(result.slots_from_memory)

    assert (filled.sigungu, filled.sigungu_code, filled.deal_type) == ("송파구", "11710", "전세")
    assert filled.price_max_manwon == 60000
    assert (filled.area_min_m2, filled.area_max_m2) == (99.2, 132.2)
    used = result.used_items(names)
    labels = {u["label"] for u in used}
    assert {"선호 지역: 송파구", "거래 유형: 전세", "전세 보증금: 6억 이하"} <= labels
    assert all(u["id"].startswith("preference:") for u in used)
    assert sorted(s for u in used for s in u["slots"]) == sorted(names)


async def test_budget_update_is_what_later_turns_use(engine: AsyncEngine) -> None:
    user = await new_user(engine)
    await state(engine, user, STATEMENT, STATEMENT_SLOTS, Intent.PROPERTY_SEARCH)
    await state(engine, user, "예산이 8억으로 늘었어", Slots(), Intent.UNCLEAR)

    result = await recall(engine, user, "추천해줘")
    assert result.slots_from_memory.price_max_manwon == 80000
    assert "전세 보증금: 8억 이하" in [p.label for p in result.preferences]


async def test_memory_fills_only_what_fits_the_message(engine: AsyncEngine) -> None:
    user = await new_user(engine)
    await state(engine, user, STATEMENT, STATEMENT_SLOTS, Intent.PROPERTY_SEARCH)

    result = await recall(engine, user, "강남구 매매 추천", Slots(sigungu="강남구", deal_type="매매"))
    suggested = result.slots_from_memory
    assert suggested.dong is None and suggested.sigungu_code is None  # no 송파구 parts mixed into 강남구
    assert suggested.price_max_manwon is None  # a 전세 budget is not a 매매 budget
    assert (suggested.area_min_m2, suggested.area_max_m2) == (99.2, 132.2)


async def test_previous_complex_is_resolved_from_entity_memory(engine: AsyncEngine) -> None:
    user = await new_user(engine)
    asked = Slots(
        complex="헬리오시티", complex_id="11710-1", sigungu="송파구", sigungu_code="11710", dong="가락동"
    )
    await state(engine, user, "헬리오시티 시세 알려줘", asked, Intent.MARKET_INQUIRY)
    await state(engine, user, "대출 한도가 궁금해", Slots(), Intent.LOAN_CONSULT)

    query = "지난번에 물어본 그 아파트 요즘 시세는?"
    assert mentions_previous(query)
    result = await recall(engine, user, query, wants_previous=True)

    assert result.referenced is not None and result.referenced.data["name"] == "헬리오시티"
    filled, names = Slots().missing_filled_from(result.slots_from_memory)
    assert (filled.complex, filled.complex_id, filled.sigungu, filled.dong) == (
        "헬리오시티",
        "11710-1",
        "송파구",
        "가락동",
    )
    assert [u["id"] for u in result.used_items(names)] == [result.referenced.id]
    assert result.referenced.id not in [e.id for e in result.entities]


async def test_relevant_conversation_first_else_most_recent(engine: AsyncEngine) -> None:
    user = await new_user(engine)
    await state(engine, user, "헬리오시티 84㎡ 실거래가", Slots(), Intent.MARKET_INQUIRY)
    for i in range(4):
        await state(engine, user, f"대출 질문 {i}", Slots(), Intent.LOAN_CONSULT)

    relevant = await recall(engine, user, "헬리오시티는 어때?")
    assert [c.data["query"] for c in relevant.conversations] == ["헬리오시티 84㎡ 실거래가"]
    nothing_matches = await recall(engine, user, "안녕")
    assert [c.data["query"] for c in nothing_matches.conversations] == [
        "대출 질문 3",
        "대출 질문 2",
        "대출 질문 1",
    ]
    assert nothing_matches.conversations[0].label.startswith("지난 대화(")


async def test_budget_is_respected(engine: AsyncEngine) -> None:
    user = await new_user(engine)
    await state(engine, user, STATEMENT, STATEMENT_SLOTS, Intent.PROPERTY_SEARCH)
    for name in ("강남구", "서초구", "마포구", "용산구"):
        async with engine.begin() as conn:
            await preferences.apply_facts(conn, user, [Fact.of("region", name, 0.8)], Provenance())
    for i in range(6):
        await state(engine, user, f"송파구 전세 질문 {i} " + "길게 " * 40, Slots(), Intent.PROPERTY_SEARCH)

    budget = RecallBudget(max_items=6, max_chars=200, conversation_chars=80)
    result = await recall(engine, user, "송파구 전세", budget=budget)
    items = result.items()
    assert len(items) <= 6
    assert sum(len(i.label) for i in items) <= 200
    assert result.truncated
    assert all(len(c.label) <= 80 for c in result.conversations)
    filled_from = set(result.slot_sources.values())
    assert filled_from <= {i.id for i in items}  # every suggested slot traces to a shown item


async def test_owner_scoping(engine: AsyncEngine) -> None:
    owner, stranger = await new_user(engine), await new_user(engine)
    asked = Slots(complex="헬리오시티", sigungu="송파구", sigungu_code="11710")
    await state(engine, owner, STATEMENT, STATEMENT_SLOTS, Intent.PROPERTY_SEARCH)
    await state(engine, owner, "헬리오시티 시세", asked, Intent.MARKET_INQUIRY)

    result = await recall(engine, stranger, "송파구 헬리오시티", wants_previous=True)
    assert result.items() == []
    assert result.slots_from_memory == Slots()


async def test_recall_is_one_round_trip(engine: AsyncEngine) -> None:
    user = await new_user(engine)
    await state(engine, user, STATEMENT, STATEMENT_SLOTS, Intent.PROPERTY_SEARCH)
    statements: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany) -> None:
        statements.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", count)
    try:
        async with engine.connect() as conn:
            statements.clear()
            await recall_for_planning(
                conn, user, "송파구 추천", Slots(), wants_previous=True, budget=RecallBudget()
            )
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", count)
    assert len(statements) == 1


@pytest.mark.parametrize("query", ["", "???", "'; DROP TABLE users; --", "a:* & !b"])
async def test_odd_queries_are_harmless(engine: AsyncEngine, query: str) -> None:
    user = await new_user(engine)
    await state(engine, user, STATEMENT, STATEMENT_SLOTS, Intent.PROPERTY_SEARCH)
    result = await recall(engine, user, query)
    assert result.slots_from_memory.sigungu == "송파구"
    assert len(result.conversations) == 1
