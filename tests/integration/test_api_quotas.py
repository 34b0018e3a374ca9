"""Per-user quotas: a clear 4xx naming the limit, and SQL shows nothing stored was lost or added.

The app runs with tiny quotas so the tests reach them in a few requests; the defaults (README "Quotas")
are far above what a person does.
"""

from __future__ import annotations

import asyncio
import uuid

import pytest
from sqlalchemy import text

from memory import preferences
from memory.worker import MemoryLimits
from tests.integration.api_support import (
    API,
    Account,
    api_settings,
    assert_error_shape,
    checkpoint_writes_blocked,
    client_for,
    new_session,
    running_app,
    scalar,
    sign_up,
    wait_until,
)

CHATS, MESSAGES, RUNNING, CONVERSATIONS, ENTITIES = 3, 4, 1, 2, 2


@pytest.fixture(scope="module")
async def app(db_url, test_settings, loaded_engine):
    settings = api_settings(
        test_settings,
        db_url,
        memory_poll_s=0.05,
        quota_chats_per_user=CHATS,
        quota_messages_per_chat=MESSAGES,
        quota_running_turns_per_user=RUNNING,
        quota_conversation_memories_per_user=CONVERSATIONS,
        quota_entities_per_user=ENTITIES,
        quota_preference_history_per_user=1,
    )
    async with running_app(settings) as app:
        yield app


@pytest.fixture
async def client(app):
    async with client_for(app) as client:
        yield client


def assert_quota(response, status: int, quota: str, limit: int) -> None:
    error = assert_error_shape(response, status, "quota_exceeded")
    assert error["details"] == {"quota": quota, "limit": limit}
    assert str(limit) in error["message"]


async def send(client, account: Account, session_id: str, content: str, **extra):
    return await client.post(
        f"{API}/chat/sessions/{session_id}/messages",
        json={"content": content, **extra},
        headers=account.headers,
    )


async def chat_count(engine, user_id: uuid.UUID) -> int:
    return await scalar(engine, "SELECT count(*) FROM chat_sessions WHERE user_id = :u", u=user_id)


async def test_a_chat_beyond_the_quota_gets_403_and_nothing_is_stored(client, engine):
    me = await sign_up(client)
    chats = [await new_session(client, me) for _ in range(CHATS)]

    refused = await client.post(f"{API}/chat/sessions", json={"title": "하나 더"}, headers=me.headers)

    assert_quota(refused, 403, "chats_per_user", CHATS)
    assert await chat_count(engine, me.user_id) == CHATS
    await new_session(client, await sign_up(client))  # another account is not affected
    assert (await client.delete(f"{API}/chat/sessions/{chats[0]}", headers=me.headers)).status_code == 204
    await new_session(client, me)  # deleting one makes room again
    assert await chat_count(engine, me.user_id) == CHATS


async def test_concurrent_creations_never_exceed_the_chat_quota(client, engine):
    me = await sign_up(client)
    responses = await asyncio.gather(
        *(client.post(f"{API}/chat/sessions", json={}, headers=me.headers) for _ in range(CHATS + 5))
    )
    assert sorted(r.status_code for r in responses) == [201] * CHATS + [403] * 5
    assert await chat_count(engine, me.user_id) == CHATS


async def test_a_message_beyond_the_chat_quota_gets_403_and_changes_nothing(client, engine):
    me = await sign_up(client)
    chat = await new_session(client, me)
    first = await send(client, me, chat, "강남구 2024년 시세")
    turn_id = str(uuid.uuid4())
    second = await send(client, me, chat, "서초구 2024년 시세", turn_id=turn_id)
    assert first.status_code == 200 and second.status_code == 200, second.text
    stored = "SELECT count(*) FROM chat_messages WHERE session_id = :s"
    jobs = "SELECT count(*) FROM memory_jobs WHERE session_id = :s"

    assert_quota(await send(client, me, chat, "송파구 2024년 시세"), 403, "messages_per_chat", MESSAGES)

    assert await scalar(engine, stored, s=chat) == MESSAGES
    assert (
        await scalar(engine, "SELECT message_count FROM chat_sessions WHERE session_id = :s", s=chat)
        == MESSAGES
    )
    assert await scalar(engine, jobs, s=chat) == 2
    replay = await send(
        client, me, chat, "서초구 2024년 시세", turn_id=turn_id
    )  # a retry is not a new message
    assert replay.status_code == 200
    assert replay.json()["assistant_message"]["id"] == second.json()["assistant_message"]["id"]
    assert await scalar(engine, stored, s=chat) == MESSAGES
    assert (await send(client, me, await new_session(client, me), "송파구 2024년 시세")).status_code == 200


async def test_a_turn_beyond_the_running_quota_gets_429_with_retry_after(client, engine, db_url):
    me = await sign_up(client)
    busy, other = await new_session(client, me), await new_session(client, me)
    stored = "SELECT count(*) FROM chat_messages WHERE session_id = :s"
    async with checkpoint_writes_blocked(db_url):  # the first turn stays mid-turn, holding its slot
        running = asyncio.create_task(send(client, me, busy, "마포구 2023년 시세"))
        await wait_until(lambda: scalar(engine, stored, s=busy), 1)

        refused = await send(client, me, other, "용산구 2023년 시세")

        assert_quota(refused, 429, "running_turns_per_user", RUNNING)
        assert refused.headers["Retry-After"].isdigit()
        assert await scalar(engine, stored, s=other) == 0
        stranger = await sign_up(client)  # the quota is per user: another account's turn is admitted
        theirs = await new_session(client, stranger)
        admitted = asyncio.create_task(send(client, stranger, theirs, "노원구 2023년 시세"))
        await wait_until(lambda: scalar(engine, stored, s=theirs), 1)
    assert (await running).status_code == 200
    assert (await admitted).status_code == 200
    assert (await send(client, me, other, "용산구 2023년 시세")).status_code == 200


async def jobs_pending(engine, user_id: uuid.UUID) -> int:
    return await scalar(
        engine, "SELECT count(*) FROM memory_jobs WHERE user_id = :u AND done_at IS NULL", u=user_id
    )


async def test_memory_beyond_its_caps_drops_the_oldest_and_never_fails_a_turn(client, engine):
    me = await sign_up(client)
    questions = ["강남구 2024년 시세", "서초구 2024년 시세", "송파구 2024년 시세"]
    for question in questions:  # one turn per chat, so the message quota stays out of the way
        assert (await send(client, me, await new_session(client, me), question)).status_code == 200
        await wait_until(lambda: jobs_pending(engine, me.user_id), 0)

    listed = await client.get(f"{API}/memory/conversations", headers=me.headers)
    assert [m["query"] for m in listed.json()["items"]] == questions[:0:-1]  # the newest two, newest first
    entities = await scalar(engine, "SELECT count(*) FROM entity_memories WHERE user_id = :u", u=me.user_id)
    assert 0 < entities <= ENTITIES
    failed = (
        "SELECT count(*) FROM memory_jobs WHERE user_id = :u AND (attempts > 0 OR last_error IS NOT NULL)"
    )
    assert await scalar(engine, failed, u=me.user_id) == 0


async def test_corrections_beyond_the_history_cap_drop_old_versions_but_keep_the_id(client, engine):
    me = await sign_up(client)
    assert (
        await send(client, me, await new_session(client, me), "송파구에서 전세 6억 이하 30평대 찾고 있어요")
    ).status_code == 200
    await wait_until(lambda: jobs_pending(engine, me.user_id), 0)
    items = (await client.get(f"{API}/memory/preferences", headers=me.headers)).json()["items"]
    budget = next(p for p in items if p["key"] == "budget_max_manwon")

    for value in (65000, 70000, 75000, 80000):
        corrected = await client.put(
            f"{API}/memory/preferences/{budget['id']}", json={"value": value}, headers=me.headers
        )
        assert corrected.status_code == 200, corrected.text

    detail = await client.get(f"{API}/memory/preferences/{budget['id']}", headers=me.headers)
    assert detail.status_code == 200 and detail.json()["value"] == 80000
    values = "SELECT array_agg(value::int ORDER BY id) FROM user_preferences WHERE user_id = :u AND key = :k"
    # the first version (its id is the preference's), the newest replaced one, the current one
    assert await scalar(engine, values, u=me.user_id, k="budget_max_manwon") == [60000, 75000, 80000]


async def test_memory_limits_trim_history_but_never_a_current_value_or_an_identity_row(engine):
    me = uuid.uuid4()
    async with engine.begin() as conn:
        await conn.execute(
            text("INSERT INTO users (id, email) VALUES (:u, :e)"), {"u": me, "e": f"{me}@example.kr"}
        )
        for value in (50000, 60000, 70000, 80000):
            fact = preferences.Fact(key="budget_max_manwon", value=value, confidence=1.0)
            await preferences.apply_facts(conn, me, [fact], preferences.Provenance(), deal_type="매매")
        fact = preferences.Fact(key="rooms", value=3, confidence=1.0)
        await preferences.apply_facts(conn, me, [fact], preferences.Provenance())

        await MemoryLimits(preference_versions=1).enforce(conn, me)

        rows = (
            await conn.execute(
                text(
                    "SELECT key, value, valid_to IS NULL AS current FROM user_preferences WHERE user_id = :u ORDER BY id"
                ),
                {"u": me},
            )
        ).all()
    assert [(r.key, r.value, r.current) for r in rows] == [
        ("budget_max_manwon", 50000, False),
        ("budget_max_manwon", 70000, False),
        ("budget_max_manwon", 80000, True),
        ("rooms", 3, True),
    ]
