"""Preference merge rules, history, user corrections and deletion, against real Postgres."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from agents.domain.slots import Intent, Slots
from memory import conversation, entities, preferences
from memory.extract import extract_facts
from memory.preferences import Fact, PreferenceValidationError, Provenance
from memory.recall import RecallBudget, recall_for_planning

SONGPA = {"sigungu": "송파구", "sigungu_code": "11710", "dong": None}
GANGNAM = {"sigungu": "강남구", "sigungu_code": "11680", "dong": None}


async def new_user(engine: AsyncEngine) -> uuid.UUID:
    async with engine.begin() as conn:
        sql = text("INSERT INTO users (email) VALUES (:email) RETURNING id")
        return (await conn.execute(sql, {"email": f"{uuid.uuid4().hex}@example.kr"})).scalar_one()


async def new_chat_with_message(
    engine: AsyncEngine, user_id: uuid.UUID, content: str
) -> tuple[uuid.UUID, int]:
    async with engine.begin() as conn:
        chat = text("INSERT INTO chat_sessions (user_id) VALUES (:u) RETURNING session_id")
        session_id = (await conn.execute(chat, {"u": user_id})).scalar_one()
        msg = text(
            "INSERT INTO chat_messages (session_id, turn_id, role, content) "
            "VALUES (:s, gen_random_uuid(), 'user', :c) RETURNING id"
        )
        message_id = (await conn.execute(msg, {"s": session_id, "c": content})).scalar_one()
    return session_id, message_id


async def apply(engine: AsyncEngine, user_id: uuid.UUID, *facts: Fact, message_id: int | None = None):
    async with engine.begin() as conn:
        return await preferences.apply_facts(conn, user_id, list(facts), Provenance(message_id=message_id))


async def rows(engine: AsyncEngine, user_id: uuid.UUID, key: str) -> list[dict]:
    sql = text(
        "SELECT id, value, valid_to, source, confidence, mention_count FROM user_preferences "
        "WHERE user_id = :u AND key = :k ORDER BY id"
    )
    async with engine.connect() as conn:
        return [dict(r) for r in (await conn.execute(sql, {"u": user_id, "k": key})).mappings()]


def budget(manwon: int, confidence: float = 0.8) -> Fact:
    return Fact.of("budget_max_manwon", manwon, confidence)


async def test_new_budget_closes_the_old_row_and_keeps_it_as_history(engine: AsyncEngine) -> None:
    user = await new_user(engine)
    await apply(engine, user, budget(60000))
    changes = await apply(engine, user, budget(80000, 0.9))

    assert [c.kind for c in changes] == ["replaced"]
    assert changes[0].previous_value == 60000
    assert changes[0].preference_id == (await rows(engine, user, "budget_max_manwon"))[0]["id"]
    stored = await rows(engine, user, "budget_max_manwon")
    assert [(r["value"], r["valid_to"] is None) for r in stored] == [(60000, False), (80000, True)]
    async with engine.connect() as conn:
        current = await preferences.list_current(conn, user)
        history = await preferences.list_history(conn, user, "budget_max_manwon")
    assert [(p.key, p.value) for p in current] == [("budget_max_manwon", 80000)]
    assert [p.value for p in history] == [80000, 60000]
    assert history[1].valid_to is not None and not history[1].is_current
    assert current[0].label == "예산: 8억 이하"


async def test_same_value_again_bumps_count_and_confidence(engine: AsyncEngine) -> None:
    user = await new_user(engine)
    await apply(engine, user, Fact.of("deal_type", "전세", 0.5))
    changes = await apply(engine, user, Fact.of("deal_type", "전세", 0.8))

    assert [c.kind for c in changes] == ["confirmed"]
    [row] = await rows(engine, user, "deal_type")
    assert row["mention_count"] == 2
    assert row["confidence"] == pytest.approx(0.85)


async def test_regions_accumulate_one_current_row_per_value(engine: AsyncEngine) -> None:
    user = await new_user(engine)
    await apply(engine, user, Fact.of("region", SONGPA, 0.8))
    await apply(engine, user, Fact.of("region", GANGNAM, 0.5))
    await apply(engine, user, Fact.of("region", "송파구", 0.5))

    stored = await rows(engine, user, "region")
    assert [(r["value"]["sigungu"], r["mention_count"], r["valid_to"]) for r in stored] == [
        ("송파구", 2, None),
        ("강남구", 1, None),
    ]


async def test_a_search_does_not_replace_a_stated_preference(engine: AsyncEngine) -> None:
    user = await new_user(engine)
    await apply(engine, user, Fact.of("deal_type", "전세", 0.8))
    changes = await apply(engine, user, Fact.of("deal_type", "매매", 0.5))

    assert changes[0].kind == "kept"
    assert [(r["value"], r["valid_to"]) for r in await rows(engine, user, "deal_type")] == [("전세", None)]


async def test_provenance_is_stored(engine: AsyncEngine) -> None:
    user = await new_user(engine)
    session_id, message_id = await new_chat_with_message(engine, user, "전세 찾고 있어요")
    async with engine.begin() as conn:
        await preferences.apply_facts(
            conn,
            user,
            [Fact.of("deal_type", "전세", 0.8)],
            Provenance(session_id=session_id, message_id=message_id),
        )
        [pref] = await preferences.list_current(conn, user)
    assert (pref.source, pref.source_session_id, pref.source_message_id) == (
        "extracted",
        session_id,
        message_id,
    )


async def test_user_correction_closes_old_row_and_inserts_user_row(engine: AsyncEngine) -> None:
    user = await new_user(engine)
    [change] = await apply(engine, user, budget(60000))
    async with engine.begin() as conn:
        updated = await preferences.update(conn, user, change.preference_id, 70000)

    assert updated is not None
    assert (updated.value, updated.source, updated.confidence) == (70000, "user", 1.0)
    assert updated.id == change.preference_id  # a corrected preference keeps its id
    stored = await rows(engine, user, "budget_max_manwon")
    assert [(r["value"], r["source"], r["valid_to"] is None) for r in stored] == [
        (60000, "extracted", False),
        (70000, "user", True),
    ]


async def test_user_correction_beats_a_later_search(engine: AsyncEngine) -> None:
    user = await new_user(engine)
    [change] = await apply(engine, user, budget(60000))
    async with engine.begin() as conn:
        await preferences.update(conn, user, change.preference_id, 70000)
    [kept] = await apply(engine, user, budget(90000, 0.5))
    assert kept.kind == "kept"


@pytest.mark.parametrize(
    ("key", "value", "field"),
    [
        ("budget_max_manwon", -30000, "value"),
        ("budget_max_manwon", 20_000_000, "value"),
        ("budget_max_manwon", "lots", "value"),
        ("area", {"min_m2": 5, "max_m2": 30}, "value.min_m2"),
        ("area", {"min_m2": 100, "max_m2": 3305}, "value.max_m2"),
        ("region", {"sigungu": "없는구"}, "value.sigungu"),
        ("region", {"sigungu": "송파구", "dong": "!!"}, "value.dong"),
        ("rooms", 15, "value"),
        ("deal_type", "반전세", "value"),
    ],
)
async def test_invalid_correction_names_the_field(
    engine: AsyncEngine, key: str, value: object, field: str
) -> None:
    user = await new_user(engine)
    start = {"region": SONGPA, "area": {"min_m2": 84, "max_m2": 100}, "rooms": 3, "deal_type": "전세"}
    [change] = await apply(engine, user, Fact.of(key, start.get(key, 60000), 0.8))
    async with engine.begin() as conn:
        with pytest.raises(PreferenceValidationError) as raised:
            await preferences.update(conn, user, change.preference_id, value)
    assert raised.value.field == field
    assert raised.value.errors()[0]["loc"][0] == "body"
    assert len(await rows(engine, user, key)) == 1  # nothing changed


async def test_update_and_delete_are_owner_scoped(engine: AsyncEngine) -> None:
    owner, stranger = await new_user(engine), await new_user(engine)
    [change] = await apply(engine, owner, budget(60000))
    async with engine.begin() as conn:
        assert await preferences.update(conn, stranger, change.preference_id, 70000) is None
        assert await preferences.delete(conn, stranger, change.preference_id) is False
        assert await preferences.list_current(conn, stranger) == []
    assert [r["value"] for r in await rows(engine, owner, "budget_max_manwon")] == [60000]


async def test_delete_removes_the_preference_and_its_history_and_recall_forgets_it(
    engine: AsyncEngine,
) -> None:
    user = await new_user(engine)
    [first] = await apply(engine, user, budget(60000))
    await apply(engine, user, budget(80000))
    await apply(engine, user, budget(60000))  # 6억 again: three versions of one preference
    await apply(engine, user, Fact.of("region", SONGPA, 0.8))
    [oldest, *_] = await rows(engine, user, "budget_max_manwon")

    async with engine.begin() as conn:
        assert await preferences.delete(conn, user, oldest["id"]) is True  # a closed version's id
        assert await preferences.get(conn, user, first.preference_id) is None
    assert await rows(engine, user, "budget_max_manwon") == []
    async with engine.connect() as conn:
        recall = await recall_for_planning(
            conn, user, "추천해줘", Slots(), wants_previous=False, budget=RecallBudget()
        )
    assert recall.slots_from_memory.price_max_manwon is None
    assert all(item.data["key"] != "budget_max_manwon" for item in recall.preferences)
    assert recall.slots_from_memory.sigungu == "송파구"


async def test_delete_all_memory_keeps_chats(engine: AsyncEngine) -> None:
    user = await new_user(engine)
    session_id, message_id = await new_chat_with_message(engine, user, "송파구 전세 찾고 있어요")
    await apply(engine, user, budget(60000))
    async with engine.begin() as conn:
        await conversation.add(
            conn, user, session_id, message_id, "송파구 전세", "요약", Intent.PROPERTY_SEARCH, None, []
        )
        await entities.upsert_mentions(conn, user, [{"type": "sigungu", "id": "11710", "name": "송파구"}])
        await conn.execute(
            text("INSERT INTO memory_jobs (user_id, session_id, payload) VALUES (:u, :s, '{}')"),
            {"u": user, "s": session_id},
        )
        counts = await preferences.delete_all_memory(conn, user)

    assert counts == {
        "memory_jobs": 1,
        "user_preferences": 1,
        "conversation_memories": 1,
        "entity_memories": 1,
    }
    count_sql = "SELECT (SELECT count(*) FROM {t} WHERE {c} = :v)"
    async with engine.connect() as conn:
        for table in ("user_preferences", "conversation_memories", "entity_memories", "memory_jobs"):
            assert (
                await conn.execute(text(count_sql.format(t=table, c="user_id")), {"v": user})
            ).scalar() == 0
        for table in ("chat_sessions", "chat_messages"):
            count = (
                await conn.execute(text(count_sql.format(t=table, c="session_id")), {"v": session_id})
            ).scalar()
            assert count == 1


async def test_absurd_statements_are_not_stored(engine: AsyncEngine) -> None:
    user = await new_user(engine)
    statements = [
        ("예산 -3억", Slots(price_max_manwon=30000)),
        ("1000평 원룸 찾고 있어요", Slots(rooms=1, area_min_m2=3305.8)),
        ("예산은 2000억이에요", Slots()),
        ("방 15개짜리 찾고 있어요", Slots(rooms=15)),
    ]
    for query, slots in statements:
        await apply(engine, user, *extract_facts(query, slots, Intent.PROPERTY_SEARCH))
    async with engine.connect() as conn:
        assert await preferences.list_history(conn, user) == []
