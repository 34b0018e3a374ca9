"""Erasure is all or nothing: deleting an account or a chat leaves no trace of it in any column of any table.

The check is table-driven (`traces`): every text-like column of every table in the public schema, read from
information_schema, is searched for the user's id, email, chat ids and a marker the test wrote. A table added
later is covered without anyone remembering it. The race with the memory worker is made deterministic by
holding the worker's transaction open inside a gated extractor and waiting until Postgres reports the deleting
request as waiting for a lock (never by sleeping).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import uuid
from collections.abc import Iterable

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from agents.domain.slots import Intent, Slots
from backend.db import DatabaseUrl
from memory.extract import RuleExtractor
from memory.preferences import Fact
from memory.worker import MemoryWorker, process_one, process_pending, purge_finished_jobs
from tests.integration.api_support import (
    API,
    Account,
    api_settings,
    client_for,
    fetchval,
    new_session,
    running_app,
    scalar,
    sign_up,
    tables_locked,
    wait_until,
)

# Column types that can hold an id or a piece of text; bytea covers LangGraph's msgpack blobs.
SCANNED_TYPES = ("text", "character varying", "character", "jsonb", "json", "uuid", "bytea", "tsvector")

COLUMNS_SQL = text(
    "SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c "
    "JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name "
    "WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.data_type = ANY(:types) "
    "ORDER BY c.table_name, c.ordinal_position"
)


def _match(column: str, data_type: str, param: str) -> str:
    if data_type == "bytea":
        return f"position(convert_to(:{param}, 'UTF8') in \"{column}\") > 0"
    return f'strpos("{column}"::text, :{param}) > 0'


async def traces(engine: AsyncEngine, needles: Iterable[str]) -> dict[str, int]:
    """{"table.column ∋ needle": rows} for every scanned column holding a needle (one scan per table)."""
    needles = list(needles)
    params = {f"n{i}": n for i, n in enumerate(needles)}
    found: dict[str, int] = {}
    async with engine.connect() as conn:
        by_table: dict[str, list[tuple[str, str]]] = {}
        for table, column, data_type in (
            await conn.execute(COLUMNS_SQL, {"types": list(SCANNED_TYPES)})
        ).all():
            by_table.setdefault(table, []).append((column, data_type))
        for table, columns in by_table.items():
            labels, counts = [], []
            for column, data_type in columns:
                for i, needle in enumerate(needles):
                    labels.append(f"{table}.{column} ∋ {needle}")
                    counts.append(f"count(*) FILTER (WHERE {_match(column, data_type, f'n{i}')})")
            row = (await conn.execute(text(f'SELECT {", ".join(counts)} FROM "{table}"'), params)).one()
            found.update({label: n for label, n in zip(labels, row, strict=True) if n})
    return found


@pytest.fixture(scope="module")
async def app(db_url, test_settings, engine):
    # The worker is driven by the tests (process_pending / process_one) so each step is deterministic.
    settings = api_settings(test_settings, db_url, memory_worker_enabled=False)
    async with running_app(settings) as app:
        yield app


@pytest.fixture
async def client(app):
    async with client_for(app) as client:
        yield client


def new_marker() -> str:
    return f"zqmark{uuid.uuid4().hex[:10]}"


async def say(client, account: Account, session_id: str, content: str) -> None:
    response = await client.post(
        f"{API}/chat/sessions/{session_id}/messages", json={"content": content}, headers=account.headers
    )
    assert response.status_code == 200, response.text


async def remembered_marker(engine: AsyncEngine, user_id: uuid.UUID, marker: str) -> None:
    """A preference and an entity carrying the marker, as extraction could store them."""
    async with engine.begin() as conn:
        await conn.execute(
            text(
                "INSERT INTO user_preferences (user_id, key, value, source) "
                "VALUES (:u, 'rooms', CAST(:v AS jsonb), 'test')"
            ),
            {"u": user_id, "v": json.dumps({"note": marker})},
        )
        await conn.execute(
            text(
                "INSERT INTO entity_memories (user_id, entity_type, entity_id, name) "
                "VALUES (:u, 'complex', :id, :name)"
            ),
            {"u": user_id, "id": f"test:{marker}", "name": f"{marker}아파트"},
        )


async def account_with_history(client, engine: AsyncEngine) -> tuple[Account, list[str], str]:
    """A user with two chats, answered turns, processed memories and one still-pending memory job."""
    account = await sign_up(client)
    marker = new_marker()
    chats = [await new_session(client, account), await new_session(client, account, f"{marker} 제목")]
    await say(client, account, chats[0], f"송파구 2024년 시세 {marker}")
    await say(client, account, chats[1], f"분당구 전세 6억 이하 {marker}")
    await process_pending(engine)
    await say(client, account, chats[0], f"강남구 2023년 시세 {marker}")  # its job stays pending
    await remembered_marker(engine, account.user_id, marker)
    return account, chats, marker


def needles_of(account: Account, chats: list[str], marker: str) -> list[str]:
    return [str(account.user_id), account.email, *chats, marker]


async def test_deleting_an_account_leaves_no_trace_in_any_column_of_any_table(client, engine):
    me, my_chats, my_marker = await account_with_history(client, engine)
    other, other_chats, other_marker = await account_with_history(client, engine)
    mine, theirs = needles_of(me, my_chats, my_marker), needles_of(other, other_chats, other_marker)
    before_mine, before_theirs = await traces(engine, mine), await traces(engine, theirs)
    # The scan sees the data where it lives: transcript, chats, memories, jobs and LangGraph's blobs.
    for table in (
        "chat_messages",
        "chat_sessions",
        "conversation_memories",
        "memory_jobs",
        "checkpoint_blobs",
    ):
        assert any(key.startswith(f"{table}.") and my_marker in key for key in before_mine), table

    assert (await client.delete(f"{API}/users/me", headers=me.headers)).status_code == 204

    assert await traces(engine, mine) == {}
    assert await traces(engine, theirs) == before_theirs  # nobody else lost anything


async def test_deleting_a_chat_removes_its_memories_and_memory_jobs(client, engine):
    me, (gone, kept), _ = await account_with_history(client, engine)
    gone_marker = new_marker()
    await say(client, me, gone, f"마포구 2022년 시세 {gone_marker}")
    await process_pending(engine)
    await say(client, me, gone, f"서초구 2022년 시세 {gone_marker}")  # a pending job of this chat
    done_jobs = "SELECT count(*) FROM memory_jobs WHERE session_id = :s AND done_at IS NOT NULL"
    assert await scalar(engine, done_jobs, s=gone) >= 2
    listed = await client.get(f"{API}/memory/conversations", params={"q": gone_marker}, headers=me.headers)
    assert listed.json()["items"], "the question is searchable before the chat is deleted"
    before_kept = await traces(engine, [kept])

    assert (await client.delete(f"{API}/chat/sessions/{gone}", headers=me.headers)).status_code == 204

    assert await traces(engine, [gone, gone_marker]) == {}
    listed = await client.get(f"{API}/memory/conversations", params={"q": gone_marker}, headers=me.headers)
    assert listed.json()["items"] == []
    assert await traces(engine, [kept]) == before_kept  # the other chat and its memories stay
    assert await scalar(engine, "SELECT count(*) FROM users WHERE id = :u", u=me.user_id) == 1


class GatedExtractor(RuleExtractor):
    """Stops inside the worker's transaction (job claimed, nothing written yet) until released."""

    def __init__(self) -> None:
        self.entered = asyncio.Event()
        self.release = asyncio.Event()

    async def extract(self, query: str, slots: Slots, intent: Intent) -> list[Fact]:
        self.entered.set()
        await self.release.wait()
        return await super().extract(query, slots, intent)


async def lock_waiters(db_url: DatabaseUrl) -> int:
    return await fetchval(
        db_url,
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
    )


async def test_deleting_an_account_while_its_memory_job_runs_erases_everything(client, engine, db_url):
    me = await sign_up(client)
    chat = await new_session(client, me)
    marker = new_marker()
    await process_pending(engine)  # other tests' leftovers: the next job the worker claims is ours
    await say(client, me, chat, f"송파구 전세 6억 이하 30평대 {marker}")
    gate = GatedExtractor()
    worker = asyncio.create_task(process_one(engine, gate))
    await asyncio.wait_for(gate.entered.wait(), 30)  # the worker's transaction holds the job now

    deleting = asyncio.create_task(client.delete(f"{API}/users/me", headers=me.headers))
    await wait_until(lambda: lock_waiters(db_url), 1)  # the deletion waits for the worker's transaction
    gate.release.set()  # the worker now writes preferences, the memory and entities, then commits

    assert (await deleting).status_code == 204
    assert await worker in ("done", None)
    assert await traces(engine, needles_of(me, [chat], marker)) == {}


async def test_memory_job_of_a_user_being_deleted_is_skipped_not_failed(client, engine, db_url):
    me = await sign_up(client)
    chat = await new_session(client, me)
    await process_pending(engine)  # other tests' leftovers: the only pending job is ours
    await say(client, me, chat, "송파구 전세 6억 이하 30평대")
    job_id = await scalar(engine, "SELECT id FROM memory_jobs WHERE session_id = :s", s=chat)
    # The deletion holds the user row and waits for LangGraph's tables: mid-erasure, deterministically.
    async with tables_locked(db_url, "checkpoints, checkpoint_blobs, checkpoint_writes", "EXCLUSIVE"):
        deleting = asyncio.create_task(client.delete(f"{API}/users/me", headers=me.headers))
        await wait_until(lambda: lock_waiters(db_url), 1)
        assert await asyncio.wait_for(process_one(engine, RuleExtractor()), 30) is None
        attempts = await fetchval(db_url, "SELECT attempts FROM memory_jobs WHERE id = $1", job_id)
        assert attempts == 0  # skipped, not counted as a failure
    assert (await deleting).status_code == 204
    assert await scalar(engine, "SELECT count(*) FROM memory_jobs WHERE id = :id", id=job_id) == 0


async def _job(engine: AsyncEngine, user_id: uuid.UUID, **columns: object) -> int:
    sets = ", ".join(f"{k} = :{k}" for k in columns)
    async with engine.begin() as conn:
        job_id = (
            await conn.execute(
                text(
                    'INSERT INTO memory_jobs (user_id, payload) VALUES (:u, \'{"query": "q"}\') RETURNING id'
                ),
                {"u": user_id},
            )
        ).scalar_one()
        if sets:
            await conn.execute(
                text(f"UPDATE memory_jobs SET {sets} WHERE id = :id"), {"id": job_id, **columns}
            )
    return job_id


async def test_finished_memory_jobs_are_purged_after_the_retention(client, engine):
    me = await sign_up(client)
    now = dt.datetime.now(dt.UTC)
    old_done = await _job(engine, me.user_id, done_at=now - dt.timedelta(days=8))
    recent_done = await _job(engine, me.user_id, done_at=now - dt.timedelta(days=1))
    old_dead = await _job(engine, me.user_id, attempts=5, created_at=now - dt.timedelta(days=8))
    old_pending = await _job(
        engine, me.user_id, run_after=now + dt.timedelta(days=1), created_at=now - dt.timedelta(days=30)
    )
    alive = "SELECT array_agg(id ORDER BY id) FROM memory_jobs WHERE user_id = :u"

    purged = await purge_finished_jobs(engine, retention=dt.timedelta(days=7), max_attempts=5)

    assert purged >= 2  # old_done and old_dead (other tests' old jobs may go too)
    assert await scalar(engine, alive, u=me.user_id) == sorted([recent_done, old_pending])
    assert {old_done, old_dead}.isdisjoint(await scalar(engine, alive, u=me.user_id))


async def test_the_worker_purges_on_its_periodic_pass(client, engine):
    me = await sign_up(client)
    old_done = await _job(engine, me.user_id, done_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=2))
    worker = MemoryWorker(
        engine, poll_interval_s=0.05, job_retention=dt.timedelta(days=1), purge_every_s=0.05
    )
    await worker.start()
    try:
        await wait_until(
            lambda: scalar(engine, "SELECT count(*) FROM memory_jobs WHERE id = :i", i=old_done), 0
        )
    finally:
        await worker.stop()


# Types that cannot hold an id or text; any other type makes the guard below fail until it is classified.
UNSCANNED_TYPES = (
    "bigint",
    "integer",
    "smallint",
    "numeric",
    "real",
    "double precision",
    "boolean",
    "date",
    "timestamp with time zone",
    "timestamp without time zone",
    "interval",
)


async def test_the_scan_knows_every_column_type_in_the_schema(engine):
    """A column of a new type (an array, citext, ...) must be classified, so the scan never misses it."""
    sql = (
        "SELECT DISTINCT c.data_type FROM information_schema.columns c JOIN information_schema.tables t "
        "ON t.table_schema = c.table_schema AND t.table_name = c.table_name "
        "WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'"
    )
    async with engine.connect() as conn:
        types = set((await conn.execute(text(sql))).scalars())
    assert types - set(SCANNED_TYPES) - set(UNSCANNED_TYPES) == set()
