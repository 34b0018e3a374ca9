"""Postgres restarts under live traffic: fast 503s during the outage, recovery without an API restart,
and nothing that was acknowledged is lost or changed.

A private Postgres (tests/faults/conftest.py) is stopped for real three times while several users keep
registering, creating chats, asking questions (JSON turns) and reading sessions and transcripts against
one real `budongsan serve` process: a restart (`pg_ctl stop -m fast`, start at once), a 4 s outage
(`-m fast`: sessions are terminated, clean shutdown) and a 20 s one (`-m immediate`: no shutdown at
all, like a crash; WAL recovery on start).

Clients behave as documented: a turn that was not acknowledged (503) is retried with the same
`turn_id` until it is. One turn is deliberately caught mid-turn (question stored, answer not yet) by the
4 s outage, so the "retry re-runs an interrupted turn exactly once" path is always exercised.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest

from backend.data_import import load_all
from backend.db import DatabaseUrl, create_engine
from backend.migrate import migrate
from backend.settings import Settings
from tests.conftest import create_database, data_dir
from tests.e2e.conftest import ServerFactory, ServerProcess
from tests.faults.conftest import PrivatePostgres, StopMode
from tests.integration.api_support import API, PASSWORD

pytestmark = pytest.mark.e2e

USERS = 4
# About 분당구: the test loads only its files (see `market_subset`).
QUESTIONS = (
    "분당구 시세",
    "분당구 2024년 아파트 매매가 추이",
    "분당 정자동 전세 5억 이하 30평대",
    "분당구 이매동 매매 59㎡ 8억 이하 있나요",
)
WARMUP_S = 2.0
AFTER_S = 2.0
FAST_S = 5.0  # every response while Postgres is down comes back within this (fail fast)
HANG_S = 15.0  # no response at all takes longer, even while Postgres is starting up again
# /readyz and a real turn succeed within this after Postgres is back (typically 0.1 s and 1-2 s; a
# turn itself takes up to ~2 s on a busy 2-CPU runner). The second outage is long on purpose: the
# checkpointer pool's reconnect delays double (1, 2, 4, 8, 16 s ...) unless capped, as
# backend/checkpointer.py does; uncapped, recovery took up to the length of the outage again.
RECOVERY_LIMIT_S = 10.0
DRAIN_LIMIT_S = 30.0  # clients finish retrying their last turns within this once traffic stops
SERVER_SETTINGS = {"db_pool_timeout_s": "1", "db_connect_timeout_s": "2", "retry_after_s": "1"}


# --- what the clients saw ---------------------------------------------------------------------------


@dataclass(frozen=True)
class AckedTurn:
    """A turn the API acknowledged with 200: what the user sent and the answer it was given."""

    session_id: str
    turn_id: str
    content: str
    user_message_id: int
    assistant_message_id: int
    answer: str
    paused: bool
    failed_steps: int  # plan steps the answer reports as failed (a degraded answer)


@dataclass(frozen=True)
class Call:
    op: str
    sent: float  # time.monotonic()
    elapsed: float
    status: int
    code: str | None = None
    details: dict[str, Any] | None = None
    retry_after: str | None = None
    error_shape_ok: bool = True
    request_id: str | None = None  # the server's X-Request-ID, to find the call in its log


@dataclass
class Traffic:
    calls: list[Call] = field(default_factory=list)
    turns: list[AckedTurn] = field(default_factory=list)
    retried_turns: int = 0  # turns acknowledged only after one or more 503s
    sessions: set[str] = field(default_factory=set)  # acknowledged with 201
    emails: set[str] = field(default_factory=set)  # acknowledged with 201


class Client:
    """One user's HTTP calls, each recorded with its status, latency and error details."""

    def __init__(self, http: httpx.AsyncClient, base_url: str, traffic: Traffic) -> None:
        self.http = http
        self.base = base_url
        self.traffic = traffic
        self.auth: dict[str, str] = {}

    async def call(self, op: str, method: str, path: str, **kwargs: Any) -> httpx.Response | None:
        started = time.monotonic()
        try:
            response = await self.http.request(method, f"{self.base}{path}", headers=self.auth, **kwargs)
        except httpx.HTTPError:  # a hang (timeout) or a dropped connection: recorded as status 0
            self.traffic.calls.append(Call(op, started, time.monotonic() - started, 0))
            return None
        elapsed = time.monotonic() - started
        code, details, shape_ok = None, None, True
        if response.status_code >= 400:
            try:
                body = response.json()
                error = body["error"]
                shape_ok = set(body) == {"error"} and set(error) == {"code", "message", "details"}
                code, details = error["code"], error["details"]
            except (ValueError, KeyError, TypeError):
                shape_ok = False
        self.traffic.calls.append(
            Call(
                op,
                started,
                elapsed,
                response.status_code,
                code,
                details,
                response.headers.get("Retry-After"),
                shape_ok,
                response.headers.get("X-Request-ID"),
            )
        )
        return response

    async def sign_up(self) -> bool:
        email = f"fault-{uuid.uuid4().hex[:12]}@example.com"
        body = {"email": email, "password": PASSWORD}
        created = await self.call("register", "POST", f"{API}/auth/register", json=body)
        if created is None or created.status_code != 201:
            return False
        self.traffic.emails.add(email)
        token = await self.call(
            "token", "POST", f"{API}/auth/token", data={"username": email, "password": PASSWORD}
        )
        if token is None or token.status_code != 200:
            return False
        self.auth = {"Authorization": f"Bearer {token.json()['access_token']}"}
        return True

    async def new_chat(self) -> str | None:
        created = await self.call("create_chat", "POST", f"{API}/chat/sessions", json={})
        if created is None or created.status_code != 201:
            return None
        session_id = created.json()["session_id"]
        self.traffic.sessions.add(session_id)
        return session_id

    async def turn(self, session_id: str, turn_id: str, content: str) -> int:
        """One attempt; its status (0: no response). A 200 is recorded as an acknowledged turn."""
        path = f"{API}/chat/sessions/{session_id}/messages"
        sent = await self.call("turn", "POST", path, json={"content": content, "turn_id": turn_id})
        if sent is None or sent.status_code != 200:
            return 0 if sent is None else sent.status_code
        body = sent.json()
        user, assistant = body["user_message"], body["assistant_message"]
        assert body["turn_id"] == turn_id and user["content"] == content, body
        self.traffic.turns.append(
            AckedTurn(
                session_id,
                turn_id,
                content,
                user["id"],
                assistant["id"],
                assistant["content"],
                body["interrupt"] is not None,
                sum(
                    step.get("status") == "failed"
                    for step in (assistant["structured_data"] or {}).get("plan", [])
                ),
            )
        )
        return 200

    async def read_around(self, session_id: str) -> None:
        await self.call("list_sessions", "GET", f"{API}/chat/sessions")
        await self.call("transcript", "GET", f"{API}/chat/sessions/{session_id}/messages?limit=100")


async def user_loop(client: Client, session_id: str, stop: asyncio.Event) -> None:
    """Ask, read, now and then open a new chat or sign up a new user; retry an unacknowledged turn
    with the same turn_id until it is acknowledged, even after `stop` (a client never drops one)."""
    pending: tuple[str, str, str] | None = None  # (session_id, turn_id, content)
    attempts = 0
    for n in itertools.count():
        if pending is None:
            if stop.is_set():
                return
            pending, attempts = (session_id, str(uuid.uuid4()), QUESTIONS[n % len(QUESTIONS)]), 0
        attempts += 1
        if await client.turn(*pending) == 200:
            client.traffic.retried_turns += attempts > 1
            pending = None
        await client.read_around(session_id)
        if pending is None and n % 5 == 4:
            session_id = await client.new_chat() or session_id
        if n % 10 == 9:  # argon2 hashing is costly on purpose: sign-ups are the rare call
            await Client(client.http, client.base, client.traffic).sign_up()
        await asyncio.sleep(0.05)


async def readyz_loop(client: Client, stop: asyncio.Event) -> None:
    while not stop.is_set():
        await client.call("readyz", "GET", "/readyz")
        await asyncio.sleep(0.2)


# --- fixtures ---------------------------------------------------------------------------------------


def market_subset(folder: Path) -> Path:
    """분당구's sales, its latest rents and the statutes, linked from the data folder. The faults do not
    depend on how much market data there is; the full load (Seoul's 22 MB) took 45 s on a busy runner."""
    source = data_dir()
    wanted = [
        *sorted((source / "law").glob("*.md")),
        *sorted((source / "transactions").glob("bundang_apt_trade_*.csv")),
        source / "transactions" / "bundang_apt_rent_2025.csv",
    ]
    for path in wanted:
        link = folder / path.relative_to(source)
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(path)
    return folder


@pytest.fixture(scope="module")
async def fault_db(
    private_pg: PrivatePostgres, test_settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> DatabaseUrl:
    """The private server's database, migrated and loaded with a slice of the real data."""
    url = await create_database(private_pg.url(), "budongsan")
    engine = create_engine(url, test_settings)
    try:
        await migrate(engine, url)
        await load_all(engine, market_subset(tmp_path_factory.mktemp("data")), progress=False)
    finally:
        await engine.dispose()
    # Like a database that has been up for a while: the bulk load's WAL is checkpointed, so crash
    # recovery after `-m immediate` replays the traffic's writes, not 200 MB of data import (5 s).
    conn = await asyncpg.connect(url.libpq)
    try:
        await conn.execute("CHECKPOINT")
    finally:
        await conn.close()
    return url


@pytest.fixture(scope="module")
def server(fault_db: DatabaseUrl, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    factory = ServerFactory(fault_db, tmp_path_factory.mktemp("fault-servers"))
    try:
        yield factory.start("api", **SERVER_SETTINGS)
    finally:
        factory.stop_all()


@contextlib.asynccontextmanager
async def checkpoint_writes_held(url: DatabaseUrl) -> AsyncIterator[None]:
    """Holds LangGraph's tables so a turn stops at its checkpoint write: question stored, answer not.
    The holder dies with the server in the outage, so errors on the way out are expected."""
    conn = await asyncpg.connect(url.libpq)
    try:
        await conn.execute("BEGIN")
        await conn.execute("LOCK TABLE checkpoints, checkpoint_blobs, checkpoint_writes IN EXCLUSIVE MODE")
        yield
    finally:
        with contextlib.suppress(Exception):
            await conn.close(timeout=2)


async def stored_turn_rows(url: DatabaseUrl, turn_id: str) -> list[tuple[str, int]]:
    conn = await asyncpg.connect(url.libpq)
    try:
        rows = await conn.fetch(
            "SELECT role, id FROM chat_messages WHERE turn_id = $1 ORDER BY id", uuid.UUID(turn_id)
        )
    finally:
        await conn.close()
    return [(r["role"], r["id"]) for r in rows]


# --- the test ---------------------------------------------------------------------------------------


@dataclass
class Outage:
    mode: StopMode
    seconds: float  # 0: a plain restart (`pg_ctl restart`)
    mid_turn: bool = False  # catch one turn between its question and its answer
    stopping_at: float = 0.0  # pg_ctl stop is about to run
    down_at: float = 0.0  # pg_ctl stop returned: Postgres is gone
    up_at: float = 0.0  # pg_ctl start is about to run
    started_at: float = 0.0  # pg_ctl start returned: Postgres accepts connections
    ready_after_s: float = 0.0
    turn_after_s: float = 0.0
    turn_refusals: int = 0  # 503s the recovery probe got before its turn was answered


async def test_postgres_restart_under_traffic(
    private_pg: PrivatePostgres, fault_db: DatabaseUrl, server: ServerProcess
) -> None:
    test_started = time.monotonic()
    pid = server.pid
    traffic = Traffic()
    stop = asyncio.Event()
    async with httpx.AsyncClient(timeout=httpx.Timeout(HANG_S * 2, connect=FAST_S)) as http:
        clients = [Client(http, server.base_url, traffic) for _ in range(USERS)]
        chats = []
        for client in clients:
            assert await client.sign_up()
            chats.append(await client.new_chat())
        probe = Client(http, server.base_url, traffic)  # measures recovery: /readyz and a turn of its own
        assert await probe.sign_up()
        probe_chat = await probe.new_chat()
        workers = [asyncio.create_task(user_loop(c, s, stop)) for c, s in zip(clients, chats, strict=True)]
        workers.append(asyncio.create_task(readyz_loop(probe, stop)))

        # The mid-turn victim: its own user and chat, held at the checkpoint write when Postgres stops.
        victim = Client(http, server.base_url, traffic)
        assert await victim.sign_up()
        victim_chat = await victim.new_chat()
        victim_turn = (victim_chat, str(uuid.uuid4()), "분당구 시세")

        outages = [Outage("fast", 0.0), Outage("fast", 4.0, mid_turn=True), Outage("immediate", 20.0)]
        try:
            await asyncio.sleep(WARMUP_S)
            for outage in outages:
                victim_task: asyncio.Task[int] | None = None
                outage.stopping_at = time.monotonic()
                if outage.mid_turn:
                    async with checkpoint_writes_held(fault_db):
                        victim_task = asyncio.create_task(victim.turn(*victim_turn))
                        await wait_for_user_message(fault_db, victim_turn[1])
                        await asyncio.to_thread(private_pg.stop, outage.mode)
                else:
                    await asyncio.to_thread(private_pg.stop, outage.mode)
                outage.down_at = time.monotonic()
                await asyncio.sleep(outage.seconds)
                if victim_task is not None:
                    assert await victim_task == 503, "the interrupted turn is not acknowledged"
                outage.up_at = time.monotonic()
                await asyncio.to_thread(private_pg.start)
                outage.started_at = time.monotonic()
                outage.ready_after_s, (outage.turn_after_s, outage.turn_refusals) = await asyncio.gather(
                    seconds_until_ready(probe, outage.started_at),
                    seconds_until_turn(probe, probe_chat, outage.started_at),
                )
                await asyncio.sleep(AFTER_S)
        finally:
            stop.set()
            done, late = await asyncio.wait(workers, timeout=DRAIN_LIMIT_S)
            for task in late:
                task.cancel()
        for task in done:
            task.result()  # a worker that crashed fails the test here
        assert not late, "clients could not get their last turns acknowledged after recovery"

        # The interrupted turn, retried after recovery with the same turn_id: the stored question is
        # re-run (not stored again) and answered exactly once; a second retry replays that answer.
        stored = await stored_turn_rows(fault_db, victim_turn[1])
        assert [role for role, _ in stored] == ["user"], stored
        assert await victim.turn(*victim_turn) == 200
        retried = traffic.turns[-1]
        assert retried.user_message_id == stored[0][1]
        assert [role for role, _ in await stored_turn_rows(fault_db, victim_turn[1])] == ["user", "assistant"]
        assert await victim.turn(*victim_turn) == 200
        assert traffic.turns[-1] == retried

    assert server.proc.poll() is None and server.pid == pid, "the API process must not restart"
    report = check_responses(traffic, outages)
    await check_database(fault_db, traffic)
    errors = check_server_log(server.log_tail(100_000_000))
    print(
        f"\n{report}\nacknowledged turns {len({t.turn_id for t in traffic.turns})} "
        f"(retried across an outage: {traffic.retried_turns}), calls {len(traffic.calls)}, "
        f"degraded answers (a failed step) {sum(t.failed_steps > 0 for t in traffic.turns)}, "
        f"server ERROR log lines {errors}, test body {time.monotonic() - test_started:.1f}s"
    )


def check_server_log(log: str) -> dict[str, int]:
    """No request ended in an unhandled error (the 500 paths log these messages); returns the ERROR
    lines by logger (expected: failed memory-worker polls and plan steps while Postgres was away)."""
    unhandled = {"unhandled error", "turn failed", "error after the response started"}
    errors: dict[str, int] = {}
    for line in log.splitlines():
        assert "Exception in ASGI application" not in line, line
        try:
            record = json.loads(line)
        except ValueError:
            continue
        assert record.get("msg") not in unhandled and record.get("status") != 500, line
        if record.get("level") in ("ERROR", "CRITICAL"):
            errors[record["logger"]] = errors.get(record["logger"], 0) + 1
    return errors


async def wait_for_user_message(url: DatabaseUrl, turn_id: str) -> None:
    deadline = time.monotonic() + 10
    while not await stored_turn_rows(url, turn_id):
        assert time.monotonic() < deadline, "the victim turn's question was never stored"
        await asyncio.sleep(0.05)


async def seconds_until_ready(probe: Client, since: float) -> float:
    """Polls /readyz on the same process until it says ready again."""
    while True:
        response = await probe.call("readyz", "GET", "/readyz")
        if response is not None and response.status_code == 200:
            return time.monotonic() - since
        assert time.monotonic() - since < RECOVERY_LIMIT_S, "/readyz did not recover"
        await asyncio.sleep(0.1)


async def seconds_until_turn(probe: Client, session_id: str, since: float) -> tuple[float, int]:
    """Asks (and retries with the same turn_id, as clients do) until a turn is acknowledged; returns
    how long that took and how many attempts were refused first."""
    turn = (session_id, str(uuid.uuid4()), "분당구 시세")
    refused = 0
    while await probe.turn(*turn) != 200:
        refused += 1
        assert time.monotonic() - since < RECOVERY_LIMIT_S, "no turn succeeded after Postgres came back"
        await asyncio.sleep(0.1)
    return time.monotonic() - since, refused


def check_responses(traffic: Traffic, outages: list[Outage]) -> str:
    """Every response: an expected status and the error shape, never a hang. While Postgres is down:
    only 503 (409 at most), each fast, /readyz saying the database is unreachable. Returns the report."""
    for call in traffic.calls:
        assert call.status in (200, 201, 409, 503), call
        assert call.elapsed < HANG_S, call
        if call.status == 409:
            assert call.code == "turn_in_progress", call
        if call.status == 503:
            assert call.error_shape_ok and call.retry_after and int(call.retry_after) >= 1, call
            if call.op == "readyz":
                assert call.code == "not_ready", call
            else:
                assert call.code == "service_unavailable", call
                assert call.details == {"reason": "database_unavailable"}, call
    assert any(c.op == "turn" and c.status == 200 and c.sent > outages[-1].started_at for c in traffic.calls)
    ends = [o.stopping_at for o in outages[1:]] + [max(c.sent + c.elapsed for c in traffic.calls)]
    return "\n".join(outage_report(traffic, o, end) for o, end in zip(outages, ends, strict=True))


def outage_report(traffic: Traffic, outage: Outage, end: float) -> str:
    line = f"pg_ctl stop -m {outage.mode}"
    if outage.seconds:
        inside = [c for c in traffic.calls if c.sent >= outage.down_at and c.sent + c.elapsed <= outage.up_at]
        assert len({c.op for c in inside}) >= 4 and any(c.op == "turn" for c in inside), inside
        for call in inside:
            assert call.status in (503, 409) and call.elapsed < FAST_S, call
        readyz = [c for c in inside if c.op == "readyz"]
        assert readyz and all(c.details == {"checks": {"database": "unreachable"}} for c in readyz), readyz
        mean = sum(c.elapsed for c in inside) / len(inside)
        ops = sorted({c.op for c in inside})
        slowest = ", ".join(f"{op} {max(c.elapsed for c in inside if c.op == op) * 1000:.0f}" for op in ops)
        line += (
            f", {outage.seconds:.0f}s down: {len(inside)} responses meanwhile, all 503/409, "
            f"mean {mean * 1000:.0f} ms, slowest by call ({slowest} ms)"
        )
    else:
        line += " then start at once (a restart)"
    # Calls sent once Postgres was back (and over before the next stop): any 503 among them is a
    # stale pooled connection found on first use.
    after = [
        c
        for c in traffic.calls
        if c.sent >= outage.started_at and c.sent + c.elapsed < end and c.op != "readyz"
    ]
    refused = [c for c in after if c.status == 503]
    return (
        f"{line}; pg_ctl start {outage.started_at - outage.up_at:.2f}s, then /readyz 200 in "
        f"{outage.ready_after_s:.2f}s and a turn answered in {outage.turn_after_s:.2f}s "
        f"({outage.turn_refusals} attempt(s) refused first); of {len(after)} API calls sent after the "
        f"start {len(refused)} got 503"
    )


async def check_database(url: DatabaseUrl, traffic: Traffic) -> None:
    """By SQL: every acknowledged thing is stored exactly as acknowledged, once; nothing else is."""
    conn = await asyncpg.connect(url.libpq)
    try:
        rows = await conn.fetch(
            "SELECT id, session_id::text, turn_id::text, role, content, "
            "structured_data -> 'interrupt' IS NOT NULL AS paused FROM chat_messages"
        )
        by_turn: dict[str, dict[str, Any]] = {}
        for row in rows:
            roles = by_turn.setdefault(row["turn_id"], {})
            assert row["role"] not in roles, f"turn {row['turn_id']} has two {row['role']} messages"
            roles[row["role"]] = row
        # Clients retried every turn until acknowledged, so every stored turn is complete and acked.
        acked = {t.turn_id: t for t in traffic.turns}
        assert set(by_turn) == set(acked), set(by_turn) ^ set(acked)
        for turn_id, turn in acked.items():
            user, assistant = by_turn[turn_id].get("user"), by_turn[turn_id].get("assistant")
            assert user is not None and assistant is not None, turn
            assert (user["id"], user["session_id"], user["content"]) == (
                turn.user_message_id,
                turn.session_id,
                turn.content,
            )
            assert (assistant["id"], assistant["content"], assistant["paused"]) == (
                turn.assistant_message_id,
                turn.answer,
                turn.paused,
            )
        miscounted = await conn.fetch(
            "SELECT s.session_id, s.message_count, count(m.id) AS actual FROM chat_sessions s "
            "LEFT JOIN chat_messages m ON m.session_id = s.session_id "
            "GROUP BY s.session_id HAVING s.message_count <> count(m.id)"
        )
        assert not miscounted, miscounted
        # The answer and its memory job commit together: exactly one job per final answer.
        jobs = await conn.fetch(
            "SELECT (payload ->> 'assistant_message_id')::bigint AS id, count(*) AS n "
            "FROM memory_jobs GROUP BY 1"
        )
        finals = {t.assistant_message_id for t in acked.values() if not t.paused}
        assert {r["id"]: r["n"] for r in jobs} == dict.fromkeys(finals, 1)
        sessions = {r["s"] for r in await conn.fetch("SELECT session_id::text AS s FROM chat_sessions")}
        assert traffic.sessions <= sessions, traffic.sessions - sessions
        emails = {r["email"] for r in await conn.fetch("SELECT email FROM users")}
        assert traffic.emails <= emails, traffic.emails - emails
    finally:
        await conn.close()
