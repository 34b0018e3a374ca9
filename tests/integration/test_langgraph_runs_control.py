"""Runs across processes (issue 17), driven through `langgraph-sdk` against two real `budongsan serve`
processes on one database: cancel with interrupt and rollback, the interrupt/rollback multitask
strategies, resumable streams rejoined on the other process (`Last-Event-ID`) and `on_disconnect`.

The heartbeat of servers a and b is slow (30 s), so a cancel that reaches a run on the other process in
a few seconds came through LISTEN/NOTIFY; server c has a fast heartbeat and shows the poll fallback.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
from langgraph_sdk import get_client
from langgraph_sdk.errors import ConflictError, NotFoundError, UnprocessableEntityError

from backend.db import DatabaseUrl
from tests.e2e.conftest import ServerFactory, ServerProcess
from tests.integration.api_support import checkpoint_writes_blocked, fetchval, wait_until
from tests.integration.test_langgraph_api import QUESTION, human, new_key, sign_in

pytestmark = pytest.mark.e2e
SLOW_HEARTBEAT = {"langgraph_run_poll_s": "0.05", "langgraph_run_heartbeat_s": "30"}
MODES = ["values", "updates", "messages-tuple", "custom"]


@pytest.fixture(scope="module")
def factory(db_url: DatabaseUrl, engine, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerFactory]:
    servers = ServerFactory(db_url, tmp_path_factory.mktemp("lg-control"))
    try:
        yield servers
    finally:
        servers.stop_all()


@pytest.fixture(scope="module")
def server_a(factory: ServerFactory) -> ServerProcess:
    return factory.start("a", **SLOW_HEARTBEAT)


@pytest.fixture(scope="module")
def server_b(factory: ServerFactory) -> ServerProcess:
    return factory.start("b", **SLOW_HEARTBEAT)


@pytest.fixture
async def key(server_a: ServerProcess) -> AsyncIterator[str]:
    async with httpx.AsyncClient(base_url=server_a.base_url, timeout=60) as http:
        yield (await new_key(http, await sign_in(http)))["key"]


def clients(key: str, *servers: ServerProcess) -> list[Any]:
    return [get_client(url=s.base_url, api_key=key) for s in servers]


async def run_status(db_url: DatabaseUrl, run_id: str) -> str | None:
    return await fetchval(db_url, "SELECT status FROM runs WHERE run_id = $1", uuid.UUID(run_id))


async def human_ids(client: Any, tid: str) -> list[str]:
    state = await client.threads.get_state(tid)
    return [m["id"] for m in state["values"]["messages"] if m["type"] == "human"]


async def chat_row(db_url: DatabaseUrl, tid: str, column: str) -> Any:
    return await fetchval(db_url, f"SELECT {column} FROM chat_sessions WHERE session_id = $1", uuid.UUID(tid))


async def test_cancel_interrupt_from_the_other_process_keeps_the_question(
    server_a: ServerProcess, server_b: ServerProcess, key: str, db_url: DatabaseUrl
):
    on_a, on_b = clients(key, server_a, server_b)
    tid = (await on_a.threads.create())["thread_id"]
    async with checkpoint_writes_blocked(db_url):
        run = await on_a.runs.create(tid, "budongsan", input={"messages": [human(QUESTION, "kept")]})
        assert (await on_b.runs.get(tid, run["run_id"]))["status"] == "running"
        started = time.monotonic()
        cancelled = await on_b.runs.cancel(tid, run["run_id"], wait=True, action="interrupt")
        assert time.monotonic() - started < 10  # the heartbeat is 30 s: the notification did it
    assert cancelled["status"] == "interrupted"
    assert (await on_a.runs.get(tid, run["run_id"]))["status"] == "interrupted"
    assert await human_ids(on_b, tid) == ["kept"]  # acknowledged means stored, also when interrupted
    assert (await on_b.threads.get(tid))["status"] != "busy"
    joined = await on_a.runs.join(tid, run["run_id"])  # the thread as the interrupt left it
    assert "__interrupt__" not in joined and joined["messages"][0]["id"] == "kept"
    partial = joined["messages"][1:]  # the answer as far as it was streamed, marked, if any was
    assert all(m["response_metadata"]["structured_data"] == {"cancelled": "interrupt"} for m in partial)
    after = await on_b.runs.wait(tid, "budongsan", input={"messages": [human("서초구는?", "next")]})
    assert after["messages"][-1]["type"] == "ai"
    # a finished run cannot be cancelled; an unknown action is refused
    with pytest.raises(ConflictError):
        await on_a.runs.cancel(tid, run["run_id"])
    with pytest.raises(UnprocessableEntityError):
        await on_a.runs.cancel(tid, run["run_id"], action="undo")  # type: ignore[arg-type]


async def test_cancel_rollback_from_the_other_process_leaves_no_trace(
    server_a: ServerProcess, server_b: ServerProcess, key: str, db_url: DatabaseUrl
):
    on_a, on_b = clients(key, server_a, server_b)
    tid = (await on_a.threads.create())["thread_id"]
    before = await on_a.runs.wait(tid, "budongsan", input={"messages": [human(QUESTION, "first")]})
    head = (await on_a.threads.get_state(tid))["checkpoint"]["checkpoint_id"]
    count, last = await chat_row(db_url, tid, "message_count"), await chat_row(db_url, tid, "last_message")
    jobs = await fetchval(db_url, "SELECT count(*) FROM memory_jobs WHERE session_id = $1", uuid.UUID(tid))
    async with checkpoint_writes_blocked(db_url):
        run = await on_a.runs.create(tid, "budongsan", input={"messages": [human("서초구는?", "undone")]})
        await wait_until(lambda: run_status(db_url, run["run_id"]), "running")
        assert await human_ids(on_b, tid) == ["first", "undone"]
        await on_b.runs.cancel(tid, run["run_id"], action="rollback")
    await wait_until(lambda: run_status(db_url, run["run_id"]), None)
    with pytest.raises(NotFoundError):
        await on_b.runs.get(tid, run["run_id"])
    state = await on_b.threads.get_state(tid)
    assert state["values"]["messages"] == before["messages"]  # as if the run never happened
    assert state["checkpoint"]["checkpoint_id"] == head
    assert await chat_row(db_url, tid, "message_count") == count
    assert await chat_row(db_url, tid, "last_message") == last
    jobs_after = await fetchval(
        db_url, "SELECT count(*) FROM memory_jobs WHERE session_id = $1", uuid.UUID(tid)
    )
    assert jobs_after == jobs
    again = await on_b.runs.wait(tid, "budongsan", input={"messages": [human("서초구는?", "again")]})
    assert [m["id"] for m in again["messages"] if m["type"] == "human"] == ["first", "again"]


async def test_rolling_back_a_resume_puts_the_question_back(
    server_a: ServerProcess, server_b: ServerProcess, key: str, db_url: DatabaseUrl
):
    on_a, on_b = clients(key, server_a, server_b)
    tid = (await on_a.threads.create())["thread_id"]
    paused = await on_a.runs.wait(tid, "budongsan", input={"messages": [human("임대차 계약서 써줘")]})
    question = paused["__interrupt__"][0]
    async with checkpoint_writes_blocked(db_url):
        resume = await on_a.runs.create(
            tid, "budongsan", command={"resume": {"decisions": [{"type": "approve"}]}}
        )
        await wait_until(lambda: run_status(db_url, resume["run_id"]), "running")
        await on_b.runs.cancel(tid, resume["run_id"], action="rollback")
    await wait_until(lambda: run_status(db_url, resume["run_id"]), None)
    state = await on_b.threads.get_state(tid)
    assert state["interrupts"][0]["id"] == question["id"]
    assert (await on_b.threads.get(tid))["status"] == "interrupted"
    done = await on_b.runs.wait(tid, "budongsan", command={"resume": {"decisions": [{"type": "approve"}]}})
    assert "__interrupt__" not in done


@pytest.mark.parametrize("strategy", ["interrupt", "rollback"])
async def test_multitask_interrupt_and_rollback_replace_the_running_run(
    strategy: str, server_a: ServerProcess, server_b: ServerProcess, key: str, db_url: DatabaseUrl
):
    on_a, on_b = clients(key, server_a, server_b)
    tid = (await on_a.threads.create())["thread_id"]
    async with checkpoint_writes_blocked(db_url):
        old = await on_a.runs.create(tid, "budongsan", input={"messages": [human(QUESTION, "old")]})
        await wait_until(lambda: run_status(db_url, old["run_id"]), "running")
        queued = await on_a.runs.create(tid, "budongsan", input={"messages": [human("마포구는?", "queued")]})
        new = await on_b.runs.create(
            tid, "budongsan", input={"messages": [human("서초구는?", "new")]}, multitask_strategy=strategy
        )
        assert new["status"] == "pending" and new["multitask_strategy"] == strategy
        if strategy == "interrupt":  # the cancelled graph stops while the tables are still locked
            await wait_until(lambda: run_status(db_url, old["run_id"]), "interrupted")
    done = await on_b.runs.join(tid, new["run_id"])
    assert (await on_b.runs.get(tid, new["run_id"]))["status"] == "success"
    humans = [m["id"] for m in done["messages"] if m["type"] == "human"]
    if strategy == "interrupt":
        assert humans == ["old", "new"]
        assert await run_status(db_url, queued["run_id"]) == "interrupted"
    else:
        assert humans == ["new"]
        assert await run_status(db_url, old["run_id"]) is None
        assert await run_status(db_url, queued["run_id"]) is None


async def test_a_cancel_flag_missed_by_notification_is_read_on_the_heartbeat(
    factory: ServerFactory, key: str, db_url: DatabaseUrl
):
    fast = factory.start("c", langgraph_run_poll_s="0.05", langgraph_run_heartbeat_s="0.3")
    (on_c,) = clients(key, fast)
    tid = (await on_c.threads.create())["thread_id"]
    async with checkpoint_writes_blocked(db_url):
        run = await on_c.runs.create(tid, "budongsan", input={"messages": [human(QUESTION, "q")]})
        await wait_until(lambda: run_status(db_url, run["run_id"]), "running")
        # the flag alone, no NOTIFY: the driver's next heartbeat finds it
        await fetchval(
            db_url, "UPDATE runs SET cancel = 'interrupt' WHERE run_id = $1", uuid.UUID(run["run_id"])
        )
        await wait_until(lambda: run_status(db_url, run["run_id"]), "interrupted", timeout_s=10)
    fast.kill_9()  # its 0.3 s heartbeat would judge the 30 s heartbeats of a and b stale


async def test_a_resumable_stream_is_rejoined_on_the_other_process_after_the_last_event(
    server_a: ServerProcess, server_b: ServerProcess, key: str, db_url: DatabaseUrl
):
    on_a, on_b = clients(key, server_a, server_b)
    tid = (await on_a.threads.create())["thread_id"]
    created: list[dict[str, Any]] = []
    seen: list[Any] = []
    async with checkpoint_writes_blocked(db_url):
        stream = on_a.runs.stream(
            tid,
            "budongsan",
            input={"messages": [human(QUESTION, "resumed")]},
            stream_mode=MODES,
            stream_resumable=True,
            on_run_created=created.append,
        )
        async for part in stream:
            seen.append(part)
            if part.event == "values":  # the acknowledged question: leave here (the run continues)
                break
        await stream.aclose()
        run_id = created[0]["run_id"]
        assert await run_status(db_url, run_id) == "running"  # on_disconnect: continue
        last_id = str(
            await fetchval(db_url, "SELECT min(seq) FROM run_events WHERE run_id = $1", uuid.UUID(run_id))
        )
        rest_task = asyncio.create_task(
            collect(on_b.runs.join_stream(tid, run_id, stream_mode=MODES, last_event_id=last_id))
        )
        await asyncio.sleep(0.5)
    rest = await rest_task
    assert rest[0].event == "metadata"
    assert all(p.event != "values" or p.data["messages"][-1]["type"] == "ai" for p in rest[1:])
    final = [p for p in rest if p.event == "values"][-1].data["messages"]
    assert [m["id"] for m in final if m["type"] == "human"] == ["resumed"]
    assert any(p.event == "updates" for p in rest)
    # from the start, on either process, once it is over: the same events
    again_b = await collect(on_b.runs.join_stream(tid, run_id, stream_mode=MODES, last_event_id="0"))
    again_a = await collect(on_a.runs.join_stream(tid, run_id, stream_mode=MODES, last_event_id="0"))
    assert [p.event for p in again_b] == [p.event for p in again_a]
    assert [p.event for p in again_b][-len(rest) + 1 :] == [p.event for p in rest][1:]
    # a stream whose events were purged is gone, with a message; a bad Last-Event-ID is refused
    async with httpx.AsyncClient(base_url=server_b.base_url, headers={"X-Api-Key": key}) as http:
        bad = await http.get(f"/threads/{tid}/runs/{run_id}/stream", headers={"Last-Event-ID": "x"})
        assert bad.status_code == 422
        await fetchval(db_url, "DELETE FROM run_events WHERE run_id = $1", uuid.UUID(run_id))
        expired = await http.get(f"/threads/{tid}/runs/{run_id}/stream", headers={"Last-Event-ID": "3"})
        assert expired.status_code == 410 and expired.json()["error"]["code"] == "stream_expired"


async def test_on_disconnect_cancel_stops_the_run_and_continue_does_not(
    server_a: ServerProcess, key: str, db_url: DatabaseUrl
):
    (on_a,) = clients(key, server_a)
    tid = (await on_a.threads.create())["thread_id"]
    created: list[dict[str, Any]] = []
    async with checkpoint_writes_blocked(db_url):
        stream = on_a.runs.stream(
            tid,
            "budongsan",
            input={"messages": [human(QUESTION, "leaving")]},
            on_disconnect="cancel",
            on_run_created=created.append,
        )
        async for part in stream:
            if part.event == "values":
                break
        await stream.aclose()
        await wait_until(lambda: run_status(db_url, created[0]["run_id"]), "interrupted", timeout_s=10)
    assert await human_ids(on_a, tid) == ["leaving"]


async def collect(stream: AsyncIterator[Any]) -> list[Any]:
    return [part async for part in stream]


async def test_hitl_clarify_is_an_edit_only_decision_and_disallowed_decisions_store_nothing(
    server_a: ServerProcess, key: str, db_url: DatabaseUrl
):
    (on_a,) = clients(key, server_a)
    tid = (await on_a.threads.create())["thread_id"]
    paused = await on_a.runs.wait(tid, "budongsan", input={"messages": [human("아파트 시세 알려줘")]})
    value = paused["__interrupt__"][0]["value"]
    assert value["type"] == "clarify" and value["question"]
    assert value["action_requests"] == [
        {"name": "clarify", "args": {"answer": ""}, "description": value["question"]}
    ]
    assert value["review_configs"] == [{"action_name": "clarify", "allowed_decisions": ["edit"]}]
    count = await chat_row(db_url, tid, "message_count")
    not_allowed = [
        {"decisions": [{"type": "approve"}]},
        {"decisions": [{"type": "edit", "edited_action": {"name": "contract_draft", "args": {}}}]},
        {"decisions": [{"type": "edit", "edited_action": {"name": "clarify", "args": {"answer": " "}}}]},
    ]
    for resume in not_allowed:
        with pytest.raises(UnprocessableEntityError):
            await on_a.runs.create(tid, "budongsan", command={"resume": resume})
    assert await chat_row(db_url, tid, "message_count") == count
    assert len(await on_a.runs.list(tid)) == 1
    answer = {
        "decisions": [{"type": "edit", "edited_action": {"name": "clarify", "args": {"answer": "송파구"}}}]
    }
    answered = await on_a.runs.wait(tid, "budongsan", command={"resume": answer})
    assert "__interrupt__" not in answered
    assert answered["messages"][-1]["response_metadata"]["structured_data"]["slots"]["sigungu"] == "송파구"
    # plain resume values keep working: a string answers the next clarifying question
    paused = await on_a.runs.wait(tid, "budongsan", input={"messages": [human("아파트 시세 알려줘")]})
    if "__interrupt__" in paused:
        assert "__interrupt__" not in await on_a.runs.wait(tid, "budongsan", command={"resume": "마포구"})
