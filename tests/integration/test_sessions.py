"""SessionManager against real Postgres: the seed's six checks, expiry, atomic touch, cleanup."""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid

import pytest
from sqlalchemy import func, insert, select, text

from backend.db import session_factory
from backend.models import ChatMessage, ChatSession, User
from backend.sessions import SessionManager, SessionState, UnknownUserError

EXPIRED = dt.timedelta(seconds=-1)


@pytest.fixture
def manager(engine) -> SessionManager:
    return SessionManager(session_factory(engine))


async def _new_user(engine) -> uuid.UUID:
    async with engine.begin() as conn:
        email = f"session-test-{uuid.uuid4().hex}@example.com"
        return (await conn.execute(insert(User).values(email=email).returning(User.id))).scalar_one()


@pytest.fixture
async def user_id(engine) -> uuid.UUID:
    return await _new_user(engine)


async def test_connects_to_postgres(engine):
    async with engine.connect() as conn:
        assert (await conn.execute(text("SELECT 1"))).scalar_one() == 1


async def test_sessions_table_exists(engine):
    async with engine.connect() as conn:
        found = await conn.execute(text("SELECT to_regclass('public.sessions') IS NOT NULL"))
        assert found.scalar_one() is True


async def test_create_returns_a_fresh_session(manager, user_id):
    before = dt.datetime.now(dt.UTC)
    info = await manager.create(user_id, {"device": "web"}, ttl=dt.timedelta(hours=1))

    assert info.user_id == user_id
    assert info.metadata == {"device": "web"}
    assert info.request_count == 0
    assert not info.is_expired
    assert info.expires_at.tzinfo is not None
    assert info.expires_at - before > dt.timedelta(minutes=59)
    assert len(info.session_id) >= 32


async def test_create_without_ttl_uses_the_default(engine, user_id):
    manager = SessionManager(session_factory(engine), default_ttl=dt.timedelta(days=2))
    info = await manager.create(user_id)
    assert info.metadata == {}
    assert dt.timedelta(days=1) < info.expires_at - info.created_at <= dt.timedelta(days=2)


async def test_validate_reports_a_live_session_as_valid(manager, user_id):
    info = await manager.create(user_id, ttl=dt.timedelta(minutes=5))
    status = await manager.validate(info.session_id)
    assert status.state is SessionState.VALID
    assert status.is_valid
    assert status.session == info


async def test_get_returns_the_stored_session(manager, user_id):
    info = await manager.create(user_id, {"ip": "127.0.0.1"}, ttl=dt.timedelta(minutes=5))
    assert await manager.get(info.session_id) == info


async def test_count_active_counts_only_unexpired_sessions(manager, user_id):
    before = await manager.count_active()
    await manager.create(user_id, ttl=dt.timedelta(minutes=5))
    await manager.create(user_id, ttl=dt.timedelta(minutes=5))
    await manager.create(user_id, ttl=EXPIRED)
    assert await manager.count_active() == before + 2


async def test_expired_session_is_reported_as_expired(manager, user_id):
    info = await manager.create(user_id, ttl=EXPIRED)
    assert info.is_expired

    status = await manager.validate(info.session_id)
    assert status.state is SessionState.EXPIRED
    assert not status.is_valid
    assert status.session is not None and status.session.is_expired


async def test_session_expires_when_its_ttl_runs_out(manager, user_id):
    info = await manager.create(user_id, ttl=dt.timedelta(milliseconds=200))
    assert (await manager.validate(info.session_id)).state is SessionState.VALID
    await asyncio.sleep(0.3)
    assert (await manager.validate(info.session_id)).state is SessionState.EXPIRED


async def test_get_includes_expired_sessions_flagged_as_expired(manager, user_id):
    info = await manager.create(user_id, ttl=EXPIRED)
    found = await manager.get(info.session_id)
    assert found is not None and found.is_expired


@pytest.mark.parametrize("bad_id", ["no-such-session", "", "x" * 10_000, "nul\x00byte", None, 42])
async def test_unknown_or_malformed_ids_are_missing_not_errors(manager, bad_id):
    assert (await manager.validate(bad_id)).state is SessionState.MISSING
    assert await manager.get(bad_id) is None
    assert await manager.touch(bad_id) is None
    assert await manager.delete(bad_id) is False


async def test_touch_counts_a_request_and_moves_last_activity(manager, user_id):
    info = await manager.create(user_id, ttl=dt.timedelta(minutes=5))
    touched = await manager.touch(info.session_id)
    assert touched is not None
    assert touched.request_count == 1
    assert touched.last_activity >= info.last_activity


async def test_touch_leaves_an_expired_session_alone(manager, user_id):
    info = await manager.create(user_id, ttl=EXPIRED)
    assert await manager.touch(info.session_id) is None
    after = await manager.get(info.session_id)
    assert after is not None
    assert after.request_count == 0
    assert after.last_activity == info.last_activity


async def test_hundred_concurrent_touches_count_exactly_hundred(manager, user_id):
    info = await manager.create(user_id, ttl=dt.timedelta(minutes=5))

    results = await asyncio.gather(*(manager.touch(info.session_id) for _ in range(100)))

    assert all(r is not None for r in results)
    assert sorted(r.request_count for r in results if r) == list(range(1, 101))
    final = await manager.get(info.session_id)
    assert final is not None and final.request_count == 100


async def test_cleanup_deletes_expired_sessions_and_keeps_chat_history(engine, manager, user_id):
    await manager.cleanup_expired()  # start from a table without expired rows
    chat_id = await _chat_with_one_message(engine, user_id)
    live = [await manager.create(user_id, ttl=dt.timedelta(minutes=5)) for _ in range(2)]
    dead = [await manager.create(user_id, ttl=EXPIRED) for _ in range(3)]

    assert await manager.cleanup_expired() == 3

    for info in dead:
        assert (await manager.validate(info.session_id)).state is SessionState.MISSING
    for info in live:
        assert (await manager.validate(info.session_id)).state is SessionState.VALID
    async with engine.connect() as conn:
        chats = await conn.execute(select(func.count()).where(ChatSession.session_id == chat_id))
        messages = await conn.execute(select(func.count()).where(ChatMessage.session_id == chat_id))
        assert (chats.scalar_one(), messages.scalar_one()) == (1, 1)


async def test_cleanup_with_nothing_expired_returns_zero(manager):
    await manager.cleanup_expired()
    assert await manager.cleanup_expired() == 0


async def test_delete_removes_the_session(manager, user_id):
    info = await manager.create(user_id, ttl=dt.timedelta(minutes=5))
    assert await manager.delete(info.session_id) is True
    assert (await manager.validate(info.session_id)).state is SessionState.MISSING
    assert await manager.delete(info.session_id) is False


async def test_deleting_the_user_deletes_their_sessions(engine, manager):
    owner = await _new_user(engine)
    info = await manager.create(owner, ttl=dt.timedelta(minutes=5))
    async with engine.begin() as conn:
        await conn.execute(User.__table__.delete().where(User.id == owner))
    assert await manager.get(info.session_id) is None


@pytest.mark.parametrize("owner", [uuid.UUID(int=0), "not-a-uuid"])
async def test_create_for_an_unknown_user_says_so(manager, owner):
    with pytest.raises(UnknownUserError, match="user"):
        await manager.create(owner)


async def _chat_with_one_message(engine, user_id: uuid.UUID) -> uuid.UUID:
    async with engine.begin() as conn:
        chat_id = (
            await conn.execute(insert(ChatSession).values(user_id=user_id).returning(ChatSession.session_id))
        ).scalar_one()
        await conn.execute(
            insert(ChatMessage).values(session_id=chat_id, turn_id=uuid.uuid4(), role="user", content="안녕")
        )
    return chat_id
