"""The outbox worker: crash recovery, retries, ordering and multi-worker safety."""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from agents.domain.slots import Intent, Slots
from backend.db import create_engine
from memory import conversation, entities, preferences
from memory.extract import RuleExtractor
from memory.preferences import Fact
from memory.worker import MemoryWorker, backoff_seconds, process_pending

STATEMENT = "송파구에서 전세 6억 이하 30평대 찾고 있어요"


async def new_user_and_chat(engine: AsyncEngine) -> tuple[uuid.UUID, uuid.UUID]:
    async with engine.begin() as conn:
        users = text("INSERT INTO users (email) VALUES (:email) RETURNING id")
        user = (await conn.execute(users, {"email": f"{uuid.uuid4().hex}@example.kr"})).scalar_one()
        chats = text("INSERT INTO chat_sessions (user_id) VALUES (:u) RETURNING session_id")
        return user, (await conn.execute(chats, {"u": user})).scalar_one()


def payload(
    query: str, slots: Slots | None = None, intent: Intent = Intent.PROPERTY_SEARCH, **extra: Any
) -> dict:
    return {
        "user_message_id": 1,
        "assistant_message_id": 2,
        "query": query,
        "answer": "송파구 전세 6억 이하 30평대 매물을 찾았어요. " * 20,
        "intent": intent.value,
        "slots": (slots or Slots()).public(),
        "entities": [],
        **extra,
    }


async def insert_job(engine: AsyncEngine, user: uuid.UUID, session: uuid.UUID, body: dict) -> int:
    """What the turn's transaction commits; nothing processes it yet (as if the server crashed)."""
    sql = text("INSERT INTO memory_jobs (user_id, session_id, payload) VALUES (:u, :s, :p) RETURNING id")
    async with engine.begin() as conn:
        return (
            await conn.execute(sql.bindparams(), {"u": user, "s": session, "p": _json(body)})
        ).scalar_one()


def _json(body: dict) -> str:
    import json

    return json.dumps(body, ensure_ascii=False)


async def job(engine: AsyncEngine, job_id: int) -> dict:
    sql = text(
        "SELECT attempts, last_error, done_at, run_after > now() AS delayed FROM memory_jobs WHERE id = :id"
    )
    async with engine.connect() as conn:
        return dict((await conn.execute(sql, {"id": job_id})).mappings().one())


STATEMENT_SLOTS = Slots(
    sigungu="송파구",
    sigungu_code="11710",
    deal_type="전세",
    price_max_manwon=60000,
    area_min_m2=99.17,
    area_max_m2=132.23,
)


async def test_job_left_by_a_crash_is_processed_at_next_start(engine: AsyncEngine) -> None:
    user, session = await new_user_and_chat(engine)
    job_id = await insert_job(engine, user, session, payload(STATEMENT, STATEMENT_SLOTS))

    await process_pending(engine)  # a fresh process starting up

    assert (await job(engine, job_id))["done_at"] is not None
    async with engine.connect() as conn:
        prefs = {p.key: p for p in await preferences.list_current(conn, user)}
        memories = await conversation.recent(conn, user, 5)
        known = await entities.list(conn, user)
    assert prefs["budget_max_manwon"].value == 60000
    assert prefs["region"].source_session_id == session and prefs["region"].source_message_id == 1
    assert [m.query for m in memories] == [STATEMENT]
    assert memories[0].response_summary.endswith("…") and len(memories[0].response_summary) <= 200
    assert [(e.entity_type, e.name) for e in known] == [("sigungu", "송파구")]


async def test_started_worker_processes_leftovers_and_new_jobs(engine: AsyncEngine) -> None:
    user, session = await new_user_and_chat(engine)
    await insert_job(engine, user, session, payload(STATEMENT, STATEMENT_SLOTS))
    worker = MemoryWorker(engine, poll_interval_s=0.05, batch_size=5, extractor=RuleExtractor())
    await worker.start()
    try:
        await insert_job(engine, user, session, payload("예산이 8억으로 늘었어", intent=Intent.UNCLEAR))
        worker.wake()
        for _ in range(100):
            async with engine.connect() as conn:
                prefs = {p.key: p.value for p in await preferences.list_current(conn, user)}
            if prefs.get("budget_max_manwon") == 80000:
                break
            await asyncio.sleep(0.05)
    finally:
        await worker.stop()
    assert prefs["budget_max_manwon"] == 80000
    assert not worker.running


class FlakyExtractor:
    def __init__(self, failures: int) -> None:
        self.failures = failures

    async def extract(self, query: str, slots: Slots, intent: Intent) -> list[Fact]:
        if self.failures > 0:
            self.failures -= 1
            raise RuntimeError("model unavailable")
        return await RuleExtractor().extract(query, slots, intent)


async def _make_due(engine: AsyncEngine, job_id: int) -> None:
    async with engine.begin() as conn:
        await conn.execute(text("UPDATE memory_jobs SET run_after = now() WHERE id = :id"), {"id": job_id})


async def test_failure_is_recorded_with_backoff_then_retried(engine: AsyncEngine) -> None:
    user, session = await new_user_and_chat(engine)
    job_id = await insert_job(engine, user, session, payload(STATEMENT, STATEMENT_SLOTS))
    extractor = FlakyExtractor(failures=1)

    await process_pending(engine, extractor=extractor)
    failed = await job(engine, job_id)
    assert (failed["attempts"], failed["done_at"], failed["delayed"]) == (1, None, True)
    assert "model unavailable" in failed["last_error"]
    async with engine.connect() as conn:  # the savepoint rolled the partial work back
        assert await conversation.recent(conn, user, 5) == []

    await _make_due(engine, job_id)
    await process_pending(engine, extractor=extractor)
    done = await job(engine, job_id)
    assert done["done_at"] is not None and done["last_error"] is None
    assert backoff_seconds(0) < backoff_seconds(3) <= 600


async def test_gives_up_after_max_attempts_and_keeps_the_error(engine: AsyncEngine) -> None:
    user, session = await new_user_and_chat(engine)
    job_id = await insert_job(engine, user, session, payload(STATEMENT))
    extractor = FlakyExtractor(failures=10)
    for _ in range(3):
        await process_pending(engine, extractor=extractor, max_attempts=3)
        await _make_due(engine, job_id)
    dead = await job(engine, job_id)
    assert (dead["attempts"], dead["done_at"]) == (3, None)
    assert "model unavailable" in dead["last_error"]
    # A dead job no longer blocks the user's later jobs.
    later = await insert_job(engine, user, session, payload(STATEMENT))
    await process_pending(engine, max_attempts=3)
    assert (await job(engine, later))["done_at"] is not None


async def test_malformed_payload_is_dropped_without_retries(engine: AsyncEngine) -> None:
    user, session = await new_user_and_chat(engine)
    job_id = await insert_job(engine, user, session, {"answer": "no query"})
    await process_pending(engine)
    dead = await job(engine, job_id)
    assert dead["done_at"] is None and "malformed payload" in dead["last_error"]
    assert dead["attempts"] >= 5


async def test_bad_slot_values_in_a_payload_are_ignored(engine: AsyncEngine) -> None:
    user, session = await new_user_and_chat(engine)
    body = payload("전세 찾고 있어요", intent=Intent.PROPERTY_SEARCH)
    body["slots"] = {"deal_type": "전세", "price_max_manwon": "lots", "unknown": 1}
    job_id = await insert_job(engine, user, session, body)
    await process_pending(engine)
    assert (await job(engine, job_id))["done_at"] is not None
    async with engine.connect() as conn:
        assert [(p.key, p.value) for p in await preferences.list_current(conn, user)] == [
            ("deal_type", "전세")
        ]


async def test_slots_filled_from_memory_do_not_confirm_themselves(engine: AsyncEngine) -> None:
    user, session = await new_user_and_chat(engine)
    await insert_job(engine, user, session, payload(STATEMENT, STATEMENT_SLOTS))
    # "추천해줘" arrives with the slots planning filled from memory.
    await insert_job(
        engine, user, session, payload("추천해줘", STATEMENT_SLOTS, Intent.PROPERTY_RECOMMENDATION)
    )
    await process_pending(engine)
    async with engine.connect() as conn:
        counts = {p.key: p.mention_count for p in await preferences.list_current(conn, user)}
    assert set(counts.values()) == {1}


class CountingExtractor:
    def __init__(self, seen: Counter[str], delay_s: float) -> None:
        self.seen = seen
        self.delay_s = delay_s

    async def extract(self, query: str, slots: Slots, intent: Intent) -> list[Fact]:
        self.seen[query] += 1
        await asyncio.sleep(self.delay_s)
        return await RuleExtractor().extract(query, slots, intent)


async def test_two_workers_never_process_a_job_twice_and_keep_user_order(
    engine: AsyncEngine, db_url, test_settings
) -> None:
    users = [await new_user_and_chat(engine) for _ in range(4)]
    for n, (user, session) in enumerate(users):
        for step in range(6):  # budgets 1억..6억, in order: the last one must end up current
            query = f"예산이 {step + 1}억으로 바뀌었어 #{n}-{step}"
            await insert_job(engine, user, session, payload(query, intent=Intent.UNCLEAR))

    seen: Counter[str] = Counter()
    other_engine = create_engine(db_url, test_settings)  # a second process's pool
    workers = [
        MemoryWorker(engine, poll_interval_s=0.02, batch_size=3, extractor=CountingExtractor(seen, 0.005)),
        MemoryWorker(
            other_engine, poll_interval_s=0.02, batch_size=3, extractor=CountingExtractor(seen, 0.005)
        ),
    ]
    try:
        for worker in workers:
            await worker.start()
        for _ in range(400):
            if sum(seen.values()) >= 24:
                break
            await asyncio.sleep(0.025)
    finally:
        for worker in workers:
            await worker.stop()
        await other_engine.dispose()

    mine = {q: c for q, c in seen.items() if q.startswith("예산이")}
    assert len(mine) == 24 and set(mine.values()) == {1}
    assert all(w.processed > 0 for w in workers)  # both took part
    async with engine.connect() as conn:
        for user, _ in users:
            history = await preferences.list_history(conn, user, "budget_max_manwon")
            assert [p.value for p in history if p.is_current] == [60000]
            assert len(history) == 6
            assert len(await conversation.recent(conn, user, 10)) == 6
