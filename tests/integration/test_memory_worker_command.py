"""`budongsan memory-worker` (the memory worker alone, beside API processes that run without theirs) and
the batched passes it runs: several users' jobs claimed and committed in one transaction, never two jobs
of one user, failures recorded per job, a crash leaving the whole batch pending, the budget and a stop
handing the untouched jobs back, a user being erased skipped.

The command is the installed console script in a subprocess against the session's test database; the
jobs it processes were written by real turns of an in-process app whose own worker is off.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import asyncpg
import pytest
from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncEngine

from agents.domain.slots import Intent, Slots
from backend.db import DatabaseUrl, create_engine
from memory import conversation, preferences
from memory.extract import RuleExtractor
from memory.preferences import Fact
from memory.worker import ClaimSize, MemoryWorker, Pass, process_batch, process_one, process_pending
from tests.conftest import create_database, drop_database
from tests.integration.api_support import (
    API,
    api_settings,
    client_for,
    new_session,
    running_app,
    scalar,
    sign_up,
    wait_until,
)

CLI = Path(sys.executable).with_name("budongsan")


# --- the command ----------------------------------------------------------------------------------


def _env(tmp_path: Path, database_url: str | None, **settings: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BUDONGSAN_") and k != "DATABASE_URL"}
    env |= {"BUDONGSAN_HOME": str(tmp_path / "home"), "BUDONGSAN_LOG_LEVEL": "INFO"}
    if database_url is not None:
        env["BUDONGSAN_DATABASE_URL"] = database_url
    return env | {f"BUDONGSAN_{k.upper()}": v for k, v in settings.items()}


@pytest.fixture
def start_worker(db_url: DatabaseUrl, tmp_path: Path) -> Iterator[Any]:
    """Starts `budongsan memory-worker` processes (own process group, killed at the end whatever happens)
    and waits for their start line."""
    started: list[tuple[subprocess.Popen, Path]] = []

    def start(name: str = "worker", **settings: str) -> tuple[subprocess.Popen, Path]:
        log_path = tmp_path / f"{name}.log"
        with log_path.open("wb") as log:
            proc = subprocess.Popen(
                [str(CLI), "memory-worker"],
                cwd=tmp_path,
                env=_env(tmp_path, db_url.libpq, memory_poll_s="0.1", **settings),
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        started.append((proc, log_path))
        deadline = time.monotonic() + 60
        while "memory worker started" not in log_path.read_text(errors="replace"):
            assert proc.poll() is None, log_path.read_text(errors="replace")
            assert time.monotonic() < deadline, log_path.read_text(errors="replace")
            time.sleep(0.05)
        return proc, log_path

    try:
        yield start
    finally:
        for proc, _ in started:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)


def _log_lines(log_path: Path) -> list[dict[str, Any]]:
    lines = log_path.read_text(errors="replace").splitlines()
    return [json.loads(line) for line in lines if line.startswith("{")]


@pytest.fixture(scope="module")
async def app(db_url, test_settings, engine):
    """The API as operators run it beside memory-worker processes: its own worker off."""
    settings = api_settings(test_settings, db_url, memory_worker_enabled=False)
    async with running_app(settings) as app:
        yield app


@pytest.fixture
async def client(app):
    async with client_for(app) as client:
        yield client


async def _pending_jobs(engine: AsyncEngine, user_id: uuid.UUID) -> int:
    sql = "SELECT count(*) FROM memory_jobs WHERE user_id = :u AND done_at IS NULL"
    return await scalar(engine, sql, u=user_id)


async def test_the_command_processes_the_jobs_turns_left_and_stops_on_sigterm(
    client, engine, db_url, start_worker
):
    me = await sign_up(client)
    chat = await new_session(client, me)
    for content in ("송파구에서 전세 6억 이하 30평대 찾고 있어요", "예산이 8억으로 늘었어"):
        response = await client.post(
            f"{API}/chat/sessions/{chat}/messages", json={"content": content}, headers=me.headers
        )
        assert response.status_code == 200, response.text
    assert await _pending_jobs(engine, me.user_id) == 2  # the API's own worker is off

    proc, log_path = start_worker()
    await wait_until(lambda: _pending_jobs(engine, me.user_id), 0)
    async with engine.connect() as conn:
        current = {p.key: p.value for p in await preferences.list_current(conn, me.user_id)}
        remembered = [m.query for m in await conversation.recent(conn, me.user_id, 5)]
    assert current["budget_max_manwon"] == 80000  # the later turn's budget, processed after the first
    assert remembered == ["예산이 8억으로 늘었어", "송파구에서 전세 6억 이하 30평대 찾고 있어요"]

    proc.send_signal(signal.SIGTERM)
    assert await asyncio.to_thread(proc.wait, 30) == 0
    started, stopped = (
        next(line for line in _log_lines(log_path) if line["msg"] == msg)
        for msg in ("memory worker started", "memory worker stopped")
    )
    assert started["extractor"] == "rules" and started["batch_size"] == 20
    # the redacted URL names the database (the embedded server's adds its socket as a query)
    assert f"/{db_url.url.database}" in started["database"]
    assert stopped["processed"] >= 2


async def test_ctrl_c_stops_it_too_and_a_job_written_while_it_waits_is_picked_up(
    client, engine, start_worker
):
    proc, log_path = start_worker("interactive", memory_batch_size="3")
    me = await sign_up(client)
    chat = await new_session(client, me)
    response = await client.post(
        f"{API}/chat/sessions/{chat}/messages", json={"content": "강남구 매매 10억 이하"}, headers=me.headers
    )
    assert response.status_code == 200, response.text
    await wait_until(lambda: _pending_jobs(engine, me.user_id), 0)  # found by polling, no wake-up

    proc.send_signal(signal.SIGINT)
    assert await asyncio.to_thread(proc.wait, 30) == 0
    assert [line["msg"] for line in _log_lines(log_path)][-1] == "memory worker stopped"
    assert next(ln for ln in _log_lines(log_path) if ln["msg"] == "memory worker started")["batch_size"] == 3


def _run_cli(tmp_path: Path, database_url: str | None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CLI), "memory-worker"],
        cwd=tmp_path,
        env=_env(tmp_path, database_url),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_without_a_database_url_it_refuses_in_one_sentence_and_starts_no_embedded_postgres(tmp_path):
    run = _run_cli(tmp_path, None)

    assert run.returncode == 1
    assert run.stdout == ""
    assert run.stderr.strip().count("\n") == 0, run.stderr
    assert "BUDONGSAN_DATABASE_URL" in run.stderr and "budongsan serve" in run.stderr
    assert not (tmp_path / "home" / "pg").exists()


async def test_on_a_database_without_our_schema_it_says_to_migrate(server_url, tmp_path):
    name = f"budongsan_test_bare_{uuid.uuid4().hex[:8]}"
    bare = await create_database(server_url, name)
    try:
        run = await asyncio.to_thread(_run_cli, tmp_path, bare.libpq)
    finally:
        await drop_database(server_url, name)
    assert run.returncode == 1
    assert run.stderr.strip().count("\n") == 0, run.stderr
    assert "budongsan migrate" in run.stderr and name in run.stderr


async def test_an_unreachable_database_is_one_line_naming_it(tmp_path):
    run = await asyncio.to_thread(_run_cli, tmp_path, "postgresql://nobody@127.0.0.1:1/nowhere")
    assert run.returncode == 1
    assert run.stderr.strip().count("\n") == 0, run.stderr
    assert "cannot connect to database 127.0.0.1:1/nowhere" in run.stderr


# --- batched passes -------------------------------------------------------------------------------


async def _user_and_chat(engine: AsyncEngine) -> tuple[uuid.UUID, uuid.UUID]:
    async with engine.begin() as conn:
        users = text("INSERT INTO users (email) VALUES (:email) RETURNING id")
        user = (await conn.execute(users, {"email": f"{uuid.uuid4().hex}@example.kr"})).scalar_one()
        chats = text("INSERT INTO chat_sessions (user_id) VALUES (:u) RETURNING session_id")
        return user, (await conn.execute(chats, {"u": user})).scalar_one()


async def _job(engine: AsyncEngine, user: uuid.UUID, session: uuid.UUID, query: str) -> int:
    body = {"query": query, "answer": "알겠습니다.", "intent": Intent.UNCLEAR.value, "slots": {}}
    sql = text(
        "INSERT INTO memory_jobs (user_id, session_id, payload) VALUES (:u, :s, CAST(:p AS jsonb)) RETURNING id"
    )
    async with engine.begin() as conn:
        params = {"u": user, "s": session, "p": json.dumps(body, ensure_ascii=False)}
        return (await conn.execute(sql, params)).scalar_one()


async def _state(engine: AsyncEngine, job_id: int) -> tuple[bool, int]:
    sql = "SELECT done_at IS NOT NULL, attempts FROM memory_jobs WHERE id = :id"
    async with engine.connect() as conn:
        return tuple((await conn.execute(text(sql), {"id": job_id})).one())  # type: ignore[return-value]


async def _budget(engine: AsyncEngine, user: uuid.UUID) -> Any:
    async with engine.connect() as conn:
        return {p.key: p.value for p in await preferences.list_current(conn, user)}.get("budget_max_manwon")


@pytest.fixture
async def quiet_queue(engine: AsyncEngine) -> AsyncEngine:
    """Nothing ready but what the test writes: earlier tests' leftovers processed first."""
    await process_pending(engine)
    return engine


@pytest.fixture
async def counted(db_url: DatabaseUrl, test_settings) -> AsyncIterator[tuple[AsyncEngine, dict[str, int]]]:
    """An engine of its own that counts its commits and the statements it sends (no idle pings)."""
    own = create_engine(db_url, test_settings.model_copy(update={"db_ping_idle_s": 3600.0}))
    counts = {"commits": 0, "statements": 0}

    def committed(*_: Any) -> None:
        counts["commits"] += 1

    def sent(*_: Any, **__: Any) -> None:
        counts["statements"] += 1

    event.listen(own.sync_engine, "commit", committed)
    event.listen(own.sync_engine, "before_cursor_execute", sent)
    try:
        yield own, counts
    finally:
        await own.dispose()


async def test_one_pass_claims_several_users_jobs_and_commits_them_once(quiet_queue, counted):
    engine = quiet_queue
    own, counts = counted

    async def five_jobs() -> tuple[list[uuid.UUID], list[int]]:
        users = [await _user_and_chat(engine) for _ in range(5)]
        jobs = [await _job(engine, u, s, f"예산이 {n + 1}억이야") for n, (u, s) in enumerate(users)]
        return [u for u, _ in users], jobs

    users, jobs = await five_jobs()
    result = await process_batch(own, RuleExtractor(), limit=20)
    batched = dict(counts)

    assert (result.claimed, result.outcomes, result.more) == (5, ["done"] * 5, False)
    assert batched["commits"] == 1
    assert [await _state(engine, j) for j in jobs] == [(True, 0)] * 5
    assert [await _budget(engine, u) for u in users] == [10000, 20000, 30000, 40000, 50000]

    # the same five jobs one transaction each: four more claims, four more "done" updates, five commits
    counts.update(commits=0, statements=0)
    users, jobs = await five_jobs()
    assert [await process_one(own, RuleExtractor()) for _ in range(5)] == ["done"] * 5
    assert counts["commits"] == 5
    assert counts["statements"] - batched["statements"] == 8
    assert [await _budget(engine, u) for u in users] == [10000, 20000, 30000, 40000, 50000]


async def test_a_batch_never_holds_two_jobs_of_one_user_and_keeps_each_users_order(quiet_queue):
    engine = quiet_queue
    (a, sa), (b, sb) = await _user_and_chat(engine), await _user_and_chat(engine)
    for step in range(3):
        await _job(engine, a, sa, f"예산이 {step + 1}억으로 바뀌었어")
    await _job(engine, b, sb, "예산이 9억이야")

    passes: list[Pass] = []
    while not passes or passes[-1].more:
        passes.append(await process_batch(engine, RuleExtractor(), limit=20))
        assert len(passes) < 10

    # a's later jobs become ready only once the earlier one is committed: one of a's per pass
    assert [p.claimed for p in passes] == [2, 1, 1]
    assert [p.more for p in passes] == [True, True, False]
    async with engine.connect() as conn:
        history = await preferences.list_history(conn, a, "budget_max_manwon")
    assert [p.value for p in history if p.is_current] == [30000] and len(history) == 3
    assert await _budget(engine, b) == 90000


class FailsOn:
    """Rules, except that a query containing `word` raises (a model that is down for that one)."""

    def __init__(self, word: str, error: BaseException | None = None) -> None:
        self.word = word
        self.error = error or RuntimeError("model unavailable")

    async def extract(self, query: str, slots: Slots, intent: Intent) -> list[Fact]:
        if self.word in query:
            raise self.error
        return await RuleExtractor().extract(query, slots, intent)


async def test_a_failing_job_is_recorded_for_retry_while_the_rest_of_its_batch_is_done(quiet_queue):
    engine = quiet_queue
    users = [await _user_and_chat(engine) for _ in range(3)]
    jobs = [
        await _job(engine, u, s, q)
        for (u, s), q in zip(users, ["예산 3억", "예산 4억 고장", "예산 5억"], strict=True)
    ]

    result = await process_batch(engine, FailsOn("고장"), limit=20)

    assert result.outcomes == ["done", "retry", "done"]
    assert [await _state(engine, j) for j in jobs] == [(True, 0), (False, 1), (True, 0)]
    assert await _budget(engine, users[1][0]) is None  # its savepoint rolled its partial work back
    assert await _budget(engine, users[2][0]) == 50000


class Crash(BaseException):
    """The process dying mid-batch (not an error of the job: nothing can record it)."""


async def test_a_crash_mid_batch_leaves_every_job_of_the_batch_pending_and_nothing_written(quiet_queue):
    engine = quiet_queue
    users = [await _user_and_chat(engine) for _ in range(3)]
    jobs = [
        await _job(engine, u, s, q)
        for (u, s), q in zip(users, ["예산 3억", "예산 4억", "예산 5억 펑"], strict=True)
    ]

    with pytest.raises(Crash):
        await process_batch(engine, FailsOn("펑", Crash()), limit=20)

    assert [await _state(engine, j) for j in jobs] == [(False, 0)] * 3
    assert [await _budget(engine, u) for u, _ in users] == [None, None, None]
    assert await process_pending(engine) == 3  # the next worker to start does them all
    assert [await _budget(engine, u) for u, _ in users] == [30000, 40000, 50000]


class Slow:
    def __init__(self, delay_s: float) -> None:
        self.delay_s = delay_s

    async def extract(self, query: str, slots: Slots, intent: Intent) -> list[Fact]:
        await asyncio.sleep(self.delay_s)
        return await RuleExtractor().extract(query, slots, intent)


async def test_past_its_budget_a_pass_hands_the_untouched_jobs_back_and_the_next_claims_fewer(quiet_queue):
    engine = quiet_queue
    users = [await _user_and_chat(engine) for _ in range(5)]
    jobs = [await _job(engine, u, s, f"예산 {n + 1}억") for n, (u, s) in enumerate(users)]

    size = ClaimSize(20)
    result = await process_batch(engine, Slow(0.2), limit=size.current, budget_s=0.3)
    size.after(result)

    assert result.claimed == 5 and result.outcomes == ["done", "done"] and result.more
    assert size.current == 2
    assert [(await _state(engine, j))[0] for j in jobs] == [True, True, False, False, False]
    # released at the commit: another worker's claim takes them at once
    rest = await process_batch(engine, RuleExtractor(), limit=20)
    assert rest.outcomes == ["done"] * 3
    size.after(rest)
    assert size.current == 4  # doubling back towards batch_size


class Gated:
    def __init__(self) -> None:
        self.entered = asyncio.Event()
        self.release = asyncio.Event()

    async def extract(self, query: str, slots: Slots, intent: Intent) -> list[Fact]:
        self.entered.set()
        await self.release.wait()
        return await RuleExtractor().extract(query, slots, intent)


async def test_stopping_finishes_and_commits_the_job_in_hand_and_leaves_the_rest_pending(quiet_queue):
    engine = quiet_queue
    users = [await _user_and_chat(engine) for _ in range(3)]
    jobs = [await _job(engine, u, s, f"예산 {n + 1}억") for n, (u, s) in enumerate(users)]
    gate = Gated()
    worker = MemoryWorker(engine, poll_interval_s=0.05, batch_size=20, extractor=gate)
    await worker.start()
    await asyncio.wait_for(gate.entered.wait(), 30)  # the first job is in hand

    stopping = asyncio.create_task(worker.stop(timeout_s=30))
    await asyncio.sleep(0.1)
    gate.release.set()
    await stopping

    assert [await _state(engine, j) for j in jobs] == [(True, 0), (False, 0), (False, 0)]
    assert worker.processed == 1 and not worker.running
    assert await process_pending(engine) == 2


async def test_a_user_being_erased_is_left_out_of_the_batch_and_the_others_are_done(quiet_queue, db_url):
    engine = quiet_queue
    (erased, se), (other, so) = await _user_and_chat(engine), await _user_and_chat(engine)
    skipped = await _job(engine, erased, se, "예산 2억")
    kept = await _job(engine, other, so, "예산 7억")
    conn = await asyncpg.connect(db_url.libpq)  # the erasure's first step: the user row, FOR UPDATE
    try:
        async with conn.transaction():
            await conn.execute("SELECT id FROM users WHERE id = $1 FOR UPDATE", erased)
            result = await asyncio.wait_for(process_batch(engine, RuleExtractor(), limit=20), 30)
    finally:
        await conn.close()

    assert result.claimed == 1 and result.outcomes == ["done"]
    assert await _state(engine, skipped) == (False, 0)  # skipped, not counted as a failure
    assert await _state(engine, kept) == (True, 0)
