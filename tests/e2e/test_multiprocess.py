"""Two real server processes on one database: chats move between them, survive kill -9, shut down gracefully.

"Mid-turn" is made deterministic without any test hook in the server: the test holds LangGraph's
checkpoint tables (LOCK TABLE ... IN EXCLUSIVE MODE), so a turn that has been acknowledged (its question
committed, the `metadata` event sent) stops at its first checkpoint write until the test lets go.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from typing import Any

import asyncpg
import httpx
import pytest

from backend.db import DatabaseUrl
from tests.e2e.conftest import ServerFactory, ServerProcess
from tests.integration.api_support import API, PASSWORD, checkpoint_writes_blocked, fetchval, tables_locked

pytestmark = pytest.mark.e2e
SSE = {"Accept": "text/event-stream"}


@pytest.fixture(scope="module")
def server_b(servers: ServerFactory) -> ServerProcess:
    return servers.start("b")


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(timeout=httpx.Timeout(60, connect=5)) as client:
        yield client


async def sign_up(http: httpx.AsyncClient, server: ServerProcess) -> dict[str, str]:
    email = f"e2e-{uuid.uuid4().hex[:10]}@example.com"
    created = await http.post(
        f"{server.base_url}{API}/auth/register", json={"email": email, "password": PASSWORD}
    )
    assert created.status_code == 201, created.text
    token = await http.post(
        f"{server.base_url}{API}/auth/token", data={"username": email, "password": PASSWORD}
    )
    return {"Authorization": f"Bearer {token.json()['access_token']}"}


async def new_chat(http: httpx.AsyncClient, server: ServerProcess, auth: dict[str, str]) -> str:
    response = await http.post(f"{server.base_url}{API}/chat/sessions", json={}, headers=auth)
    assert response.status_code == 201, response.text
    return response.json()["session_id"]


async def send(
    http, server: ServerProcess, auth, session_id: str, content: str, **extra: Any
) -> httpx.Response:
    url = f"{server.base_url}{API}/chat/sessions/{session_id}/messages"
    return await http.post(url, json={"content": content, **extra}, headers=auth)


async def transcript(http, server: ServerProcess, auth, session_id: str) -> list[dict[str, Any]]:
    url = f"{server.base_url}{API}/chat/sessions/{session_id}/messages"
    response = await http.get(url, params={"limit": 100}, headers=auth)
    assert response.status_code == 200, response.text
    return response.json()["items"]


@asynccontextmanager
async def acknowledged_stream(http, server: ServerProcess, auth, session_id: str, body: dict[str, Any]):
    """Starts an SSE turn and yields the `metadata` event: from then on the question is stored."""
    url = f"{server.base_url}{API}/chat/sessions/{session_id}/messages"
    async with http.stream("POST", url, json=body, headers={**auth, **SSE}) as response:
        assert response.status_code == 200
        event, data = None, None
        async for line in response.aiter_lines():
            if line.startswith("event:"):
                event = line.split(":", 1)[1].strip()
            elif line.startswith("data:") and event == "metadata":
                data = json.loads(line.split(":", 1)[1])
                break
        assert data is not None, "no metadata event"
        yield data


async def drop_lock_waiters(db_url: DatabaseUrl) -> None:
    """A killed host's blocked queries die with its TCP connections; on loopback we end them ourselves."""
    conn = await asyncpg.connect(db_url.libpq)
    try:
        await conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
        )
    finally:
        await conn.close()


async def until(probe, within_s: float = 30, interval: float = 0.1) -> Any:
    deadline = time.monotonic() + within_s
    while True:
        value = await probe()
        if value:
            return value
        assert time.monotonic() < deadline, "condition not reached in time"
        await asyncio.sleep(interval)


def assert_consistent(messages: list[dict[str, Any]]) -> None:
    """One question and at most one answer per turn, in order, answers right after their question."""
    seen: set[tuple[str, str]] = set()
    for m in messages:
        key = (m["turn_id"], m["role"])
        assert key not in seen, f"duplicate {key}"
        seen.add(key)
    ids = [m["id"] for m in messages]
    assert ids == sorted(ids)
    for prev, cur in itertools.pairwise(messages):
        if cur["role"] == "assistant":
            assert prev["role"] == "user" and prev["turn_id"] == cur["turn_id"]


async def test_chat_moves_between_processes_and_survives_kill_9_mid_turn(
    servers: ServerFactory, server_b: ServerProcess, db_url: DatabaseUrl, http: httpx.AsyncClient
):
    server_a = servers.start("a")
    auth = await sign_up(http, server_a)
    session_id = await new_chat(http, server_a, auth)

    first = await send(http, server_a, auth, session_id, "송파구 아파트 2024년 평균 매매가 추이")
    assert first.status_code == 200, first.text
    second = await send(http, server_b, auth, session_id, "강남구는?")  # same chat, other process
    assert second.status_code == 200, second.text
    assert len(await transcript(http, server_a, auth, session_id)) == 4

    turn_id = str(uuid.uuid4())
    question = "대치동 은마아파트 84㎡ 최근 실거래가"
    async with checkpoint_writes_blocked(db_url):
        async with acknowledged_stream(
            http, server_a, auth, session_id, {"content": question, "turn_id": turn_id}
        ):
            busy = await send(http, server_b, auth, session_id, "송파구 시세")
            assert busy.status_code == 409 and busy.json()["error"]["code"] == "turn_in_progress"
            server_a.kill_9()
        await drop_lock_waiters(db_url)

    messages = await transcript(http, server_b, auth, session_id)
    assert [(m["turn_id"], m["role"]) for m in messages if m["turn_id"] == turn_id] == [(turn_id, "user")]
    assert messages[-1]["content"] == question  # acknowledged, therefore stored

    await retried_once_answered(http, server_b, auth, session_id, question, turn_id)

    messages = await transcript(http, server_b, auth, session_id)
    assert_consistent(messages)
    assert len(messages) == 6
    chat = (await http.get(f"{server_b.base_url}{API}/chat/sessions/{session_id}", headers=auth)).json()
    assert chat["message_count"] == 6


async def turn_waits_on_a_lock(db_url: DatabaseUrl, tables: str) -> bool:
    """True once a server's query that names one of `tables` waits on a lock: the turn stands there."""
    waiting = await fetchval(
        db_url,
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
        "AND wait_event_type = 'Lock' AND application_name = 'budongsan' AND query ~ ANY($1::text[])",
        [name.strip() for name in tables.split(",")],
    )
    return bool(waiting)


async def retried_once_answered(
    http: httpx.AsyncClient, server: ServerProcess, auth, session_id: str, question: str, turn_id: str
) -> httpx.Response:
    """Retries a turn whose first process died until the dead process's lock is gone; the answer
    must carry data (rows, or recommended complexes) or, for an open-ended request that memory could
    not complete, the question back for the missing place; retrying once more must replay that same
    answer, not make another."""

    async def retried() -> httpx.Response | None:
        response = await send(http, server, auth, session_id, question, turn_id=turn_id)
        return None if response.status_code == 409 else response

    retry = await until(retried, within_s=20, interval=0.3)
    assert retry.status_code == 200, retry.text
    data = retry.json()["assistant_message"]["structured_data"]
    assert (
        data.get("rows")
        or any(s["title"] == "추천 단지" for s in data.get("sections", []))
        or (data.get("interrupt", {}).get("payload", {}).get("missing") == ["region"])
    ), data
    again = await send(http, server, auth, session_id, question, turn_id=turn_id)
    assert again.json()["assistant_message"]["id"] == retry.json()["assistant_message"]["id"]
    return retry


# Where a turn is when its process dies, the tables that hold it there and a question that stops there:
# planning recalls memory for an open-ended request, a tool call reads the transactions. (At the
# checkpoint write, after streaming: the test above.) Fresh processes: no question is in a tool cache.
KILL_POINTS = {
    "planning": "user_preferences, conversation_memories, entity_memories",
    "tool_call": "apt_trades",
}
KILL_QUESTIONS = {
    "planning": "아파트 추천해줘",  # open-ended: no place, budget or size, so memory is recalled
    "tool_call": "잠실동 리센츠 84㎡ 2023년 실거래가",
}


@pytest.mark.parametrize("phase", sorted(KILL_POINTS))
async def test_kill_9_during_planning_or_a_tool_call_then_one_retry_gives_exactly_one_answer(
    servers: ServerFactory, server_b: ServerProcess, db_url: DatabaseUrl, http: httpx.AsyncClient, phase: str
):
    server_a = servers.start(f"a-{phase}")
    auth = await sign_up(http, server_a)
    session_id = await new_chat(http, server_a, auth)
    turn_id = str(uuid.uuid4())
    question = KILL_QUESTIONS[phase]
    async with tables_locked(db_url, KILL_POINTS[phase], "ACCESS EXCLUSIVE"):
        async with acknowledged_stream(
            http, server_a, auth, session_id, {"content": question, "turn_id": turn_id}
        ):
            await until(lambda: turn_waits_on_a_lock(db_url, KILL_POINTS[phase]), within_s=20)
            server_a.kill_9()
        await drop_lock_waiters(db_url)

    stored = await transcript(http, server_b, auth, session_id)
    assert [(m["turn_id"], m["role"]) for m in stored] == [(turn_id, "user")]

    await retried_once_answered(http, server_b, auth, session_id, question, turn_id)

    messages = await transcript(http, server_b, auth, session_id)
    assert [m["role"] for m in messages] == ["user", "assistant"]
    assert_consistent(messages)
    chat = (await http.get(f"{server_b.base_url}{API}/chat/sessions/{session_id}", headers=auth)).json()
    assert chat["message_count"] == 2


async def test_kill_9_between_the_answer_and_its_memory_job_loses_no_memory(
    servers: ServerFactory, server_b: ServerProcess, db_url: DatabaseUrl, http: httpx.AsyncClient
):
    """The answer and its memory job commit together; the job is worked on off the request path. Memory
    tables held against writes (reads still work, so the turn itself finishes) keep A's worker inside
    the job when A dies; B's worker must then do it, exactly once."""
    server_a = servers.start("a-memory")
    auth = await sign_up(http, server_a)
    session_id = await new_chat(http, server_a, auth)
    async with tables_locked(db_url, KILL_POINTS["planning"], "EXCLUSIVE"):
        answered = await send(http, server_a, auth, session_id, "송파구 전세 5억 이하 84㎡ 찾아줘")
        assert answered.status_code == 200, answered.text
        await until(lambda: turn_waits_on_a_lock(db_url, KILL_POINTS["planning"]), within_s=20)  # in the job
        server_a.kill_9()
        await drop_lock_waiters(db_url)

    async def job_done() -> bool:
        return bool(
            await fetchval(
                db_url,
                "SELECT bool_and(done_at IS NOT NULL) FROM memory_jobs WHERE session_id = $1",
                uuid.UUID(session_id),
            )
        )

    await until(job_done, within_s=30, interval=0.2)  # B's worker picked it up
    conn = await asyncpg.connect(db_url.libpq)
    try:
        user_id = await conn.fetchval(
            "SELECT user_id FROM chat_sessions WHERE session_id = $1", uuid.UUID(session_id)
        )
        current = await conn.fetch(
            "SELECT key, count(*) AS n FROM user_preferences WHERE user_id = $1 AND valid_to IS NULL "
            "GROUP BY key",
            user_id,
        )
        memories = await conn.fetchval(
            "SELECT count(*) FROM conversation_memories WHERE user_id = $1", user_id
        )
    finally:
        await conn.close()
    assert {row["key"] for row in current} >= {"region", "deal_type"}, current
    assert all(row["n"] == 1 for row in current), current
    assert memories == 1


async def test_paused_contract_resumes_on_another_process_after_kill_9(
    servers: ServerFactory, server_b: ServerProcess, http: httpx.AsyncClient
):
    server_a = servers.start("a2")
    auth = await sign_up(http, server_a)
    session_id = await new_chat(http, server_a, auth)
    paused = await send(http, server_a, auth, session_id, "임대차 계약서 써줘")
    assert paused.json()["interrupt"]["type"] == "contract_approval"
    server_a.kill_9()

    url = f"{server_b.base_url}{API}/chat/sessions/{session_id}/resume"
    resumed = await http.post(url, json={"action": "approve"}, headers=auth)
    assert resumed.status_code == 200, resumed.text
    assert resumed.json()["interrupt"] is None
    assert "체크리스트" in resumed.json()["assistant_message"]["content"]
    messages = await transcript(http, server_b, auth, session_id)
    assert [m["role"] for m in messages] == ["user", "assistant", "user", "assistant"]
    assert_consistent(messages)


async def test_client_that_disconnects_mid_stream_still_gets_its_answer_stored(
    server_b: ServerProcess, db_url: DatabaseUrl, http: httpx.AsyncClient
):
    auth = await sign_up(http, server_b)
    session_id = await new_chat(http, server_b, auth)
    body = {"content": "송파구 2023년 시세"}
    async with checkpoint_writes_blocked(db_url), acknowledged_stream(http, server_b, auth, session_id, body):
        pass  # leaving the block closes the connection mid-turn (before the checkpoint tables are let go)
    messages = await until(
        lambda: _answered(http, server_b, auth, session_id),
        within_s=30,
    )
    assert [m["role"] for m in messages] == ["user", "assistant"]


async def _answered(http, server, auth, session_id) -> list[dict[str, Any]] | None:
    messages = await transcript(http, server, auth, session_id)
    return messages if len(messages) == 2 else None


async def test_sigterm_waits_for_the_running_turn(
    servers: ServerFactory, db_url: DatabaseUrl, http: httpx.AsyncClient
):
    server_c = servers.start("c")
    auth = await sign_up(http, server_c)
    session_id = await new_chat(http, server_c, auth)
    async with checkpoint_writes_blocked(db_url):
        request = asyncio.create_task(send(http, server_c, auth, session_id, "송파구 2022년 시세"))
        await until(lambda: _has_messages(http, server_c, auth, session_id))
        server_c.terminate()
        await asyncio.sleep(1.0)
        assert server_c.proc.poll() is None, "exited while a turn was running"
    response = await asyncio.wait_for(request, 30)
    assert response.status_code == 200, response.text
    for _ in range(300):
        if server_c.proc.poll() is not None:
            break
        await asyncio.sleep(0.1)
    assert server_c.proc.returncode in (0, 143), server_c.log_tail()  # 143: exit status for SIGTERM
    assert "Application shutdown complete" in server_c.log_tail(20_000)
    messages = response.json()
    assert (
        messages["assistant_message"]["content"]
        and messages["user_message"]["content"] == "송파구 2022년 시세"
    )


async def _has_messages(http, server, auth, session_id) -> bool:
    with suppress(httpx.HTTPError):
        return bool(await transcript(http, server, auth, session_id))
    return False
