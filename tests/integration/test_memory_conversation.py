"""Conversation memories (keyword search over Korean text) and entity memories."""

from __future__ import annotations

import uuid

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from agents.domain.slots import Intent, Slots
from memory import conversation, entities


async def new_user(engine: AsyncEngine) -> uuid.UUID:
    async with engine.begin() as conn:
        sql = text("INSERT INTO users (email) VALUES (:email) RETURNING id")
        return (await conn.execute(sql, {"email": f"{uuid.uuid4().hex}@example.kr"})).scalar_one()


async def remember(engine: AsyncEngine, user_id: uuid.UUID, query: str, summary: str = "답변 요약") -> int:
    async with engine.begin() as conn:
        return await conversation.add(
            conn, user_id, None, None, query, summary, Intent.MARKET_INQUIRY, Slots(sigungu="송파구"), []
        )


async def test_add_stores_compact_slots_and_entities(engine: AsyncEngine) -> None:
    user = await new_user(engine)
    async with engine.begin() as conn:
        await conversation.add(
            conn,
            user,
            uuid.uuid4(),
            7,
            "헬리오시티 시세",
            "최근 3개월 평균 18억",
            Intent.MARKET_INQUIRY,
            Slots(complex="헬리오시티", sigungu="송파구"),
            [{"type": "complex", "id": "11710-1", "name": "헬리오시티"}],
        )
        [memory] = await conversation.recent(conn, user, 5)
    assert memory.slots == {"complex": "헬리오시티", "sigungu": "송파구"}
    assert memory.entities[0]["name"] == "헬리오시티"
    assert (memory.intent, memory.message_id) == ("MARKET_INQUIRY", 7)


async def test_search_matches_words_with_korean_particles(engine: AsyncEngine) -> None:
    user = await new_user(engine)
    songpa = await remember(engine, user, "송파구에서 전세 찾고 있어요")
    await remember(engine, user, "강남구 매매 시세")

    async with engine.connect() as conn:
        by_stem = await conversation.search(conn, user, "송파구")
        by_inflected = await conversation.search(conn, user, "송파구는 어땠지")
    assert [m.id for m in by_stem] == [songpa]
    assert [m.id for m in by_inflected] == [songpa]


async def test_search_falls_back_to_substring_for_compounds(engine: AsyncEngine) -> None:
    user = await new_user(engine)
    target = await remember(engine, user, "잠실엘스아파트 실거래가", "잠실엘스 84㎡ 최근 거래")
    await remember(engine, user, "분당구 전세")

    async with engine.connect() as conn:
        found = await conversation.search(conn, user, "엘스")
    assert [m.id for m in found] == [target]


async def test_search_and_recent_are_owner_scoped(engine: AsyncEngine) -> None:
    owner, stranger = await new_user(engine), await new_user(engine)
    await remember(engine, owner, "송파구 전세 시세")
    async with engine.connect() as conn:
        assert await conversation.search(conn, stranger, "송파구") == []
        assert await conversation.recent(conn, stranger, 10) == []
        assert await conversation.search(conn, owner, "???") == []  # no words: no query at all


async def test_recent_is_newest_first_and_delete_is_scoped(engine: AsyncEngine) -> None:
    user, stranger = await new_user(engine), await new_user(engine)
    first = await remember(engine, user, "첫 질문")
    second = await remember(engine, user, "두번째 질문")
    async with engine.begin() as conn:
        assert [m.id for m in await conversation.recent(conn, user, 10)] == [second, first]
        assert await conversation.delete(conn, stranger, first) is False
        assert await conversation.delete(conn, user, first) is True
        assert [m.id for m in await conversation.recent(conn, user, 10)] == [second]


async def test_entity_mentions_count_and_recency(engine: AsyncEngine) -> None:
    user = await new_user(engine)
    helio = {"type": "complex", "id": "11710-1", "name": "헬리오시티", "context": {"sigungu": "송파구"}}
    els = {"type": "complex", "id": "11710-2", "name": "잠실엘스"}
    async with engine.begin() as conn:
        assert await entities.upsert_mentions(conn, user, [helio, helio]) == 1  # deduplicated per turn
        await entities.upsert_mentions(conn, user, [els])
        await entities.upsert_mentions(conn, user, [{**helio, "context": {"dong": "가락동"}}])
        listed = await entities.list(conn, user)
        latest = await entities.most_recent(conn, user, "complex")
    assert [(e.name, e.mention_count) for e in listed] == [("헬리오시티", 2), ("잠실엘스", 1)]
    assert latest is not None and latest.context == {"sigungu": "송파구", "dong": "가락동"}
    assert latest.label == "관심 단지: 헬리오시티 (송파구 가락동, 2회 언급)"


async def test_malformed_entity_mentions_are_skipped(engine: AsyncEngine) -> None:
    user = await new_user(engine)
    async with engine.begin() as conn:
        count = await entities.upsert_mentions(
            conn, user, [{"type": "planet", "id": "x", "name": "x"}, {"type": "dong", "name": "no id"}]
        )
        assert count == 0
        assert await entities.list(conn, user) == []


async def test_entities_are_owner_scoped(engine: AsyncEngine) -> None:
    owner, stranger = await new_user(engine), await new_user(engine)
    async with engine.begin() as conn:
        await entities.upsert_mentions(conn, owner, [{"type": "dong", "id": "잠실동", "name": "잠실동"}])
        [entity] = await entities.list(conn, owner)
        assert await entities.list(conn, stranger) == []
        assert await entities.most_recent(conn, stranger, "dong") is None
        assert await entities.delete(conn, stranger, entity.id) is False
        assert await entities.delete(conn, owner, entity.id) is True
        assert await entities.list(conn, owner) == []
