"""Two `budongsan serve` processes on one database, driven through `langgraph-sdk`: a run created on one is
read and joined from the other, and a queued run whose process was killed (SIGKILL) is claimed and run by
the surviving process (backend/runs.py: stale heartbeats).
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
from langgraph_sdk import get_client

from backend.db import DatabaseUrl
from tests.e2e.conftest import ServerFactory, ServerProcess
from tests.integration.api_support import checkpoint_writes_blocked, fetchval
from tests.integration.test_langgraph_api import QUESTION, human, new_key, sign_in

pytestmark = pytest.mark.e2e
HEARTBEAT_S = 0.3  # a run is stale after three missed marks: ~1 s
FAST = {"langgraph_run_poll_s": "0.05", "langgraph_run_heartbeat_s": str(HEARTBEAT_S)}


@pytest.fixture(scope="module")
def factory(db_url: DatabaseUrl, engine, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerFactory]:
    servers = ServerFactory(db_url, tmp_path_factory.mktemp("lg-multi"))
    try:
        yield servers
    finally:
        servers.stop_all()


@pytest.fixture(scope="module")
def server_a(factory: ServerFactory) -> ServerProcess:
    return factory.start("a", **FAST)


@pytest.fixture(scope="module")
def server_b(factory: ServerFactory) -> ServerProcess:
    return factory.start("b", **FAST)


@pytest.fixture
async def key(server_a: ServerProcess) -> AsyncIterator[str]:
    async with httpx.AsyncClient(base_url=server_a.base_url, timeout=60) as http:
        yield (await new_key(http, await sign_in(http)))["key"]


async def run_status(db_url: DatabaseUrl, run_id: str) -> str:
    return await fetchval(db_url, "SELECT status FROM runs WHERE run_id = $1", uuid.UUID(run_id))


async def test_a_run_created_on_one_process_is_read_and_joined_from_the_other(
    server_a: ServerProcess, server_b: ServerProcess, key: str, db_url: DatabaseUrl
):
    on_a = get_client(url=server_a.base_url, api_key=key)
    on_b = get_client(url=server_b.base_url, api_key=key)
    tid = (await on_a.threads.create())["thread_id"]
    async with checkpoint_writes_blocked(db_url):
        first = await on_a.runs.create(tid, "budongsan", input={"messages": [human(QUESTION, "m1")]})
        second = await on_a.runs.create(tid, "budongsan", input={"messages": [human("서초구는?", "m2")]})
        assert (await on_b.runs.get(tid, first["run_id"]))["status"] == "running"
        assert (await on_b.runs.get(tid, second["run_id"]))["status"] == "pending"
        assert (await on_b.threads.get(tid))["status"] == "busy"
    joined = await on_b.runs.join(tid, second["run_id"])
    assert [m["id"] for m in joined["messages"] if m["type"] == "human"] == ["m1", "m2"]
    rejoined = [part async for part in on_b.runs.join_stream(tid, first["run_id"])]
    assert rejoined[0].event == "metadata" and rejoined[-1].data["messages"] == joined["messages"]
    assert (await on_a.runs.join(tid, second["run_id"]))["messages"] == joined["messages"]


async def test_a_queued_run_of_a_killed_process_is_started_by_the_other(
    factory: ServerFactory, server_b: ServerProcess, key: str, db_url: DatabaseUrl
):
    doomed = factory.start("doomed", **FAST)
    on_doomed = get_client(url=doomed.base_url, api_key=key)
    on_b = get_client(url=server_b.base_url, api_key=key)
    tid = (await on_doomed.threads.create())["thread_id"]
    async with checkpoint_writes_blocked(db_url):
        cut = await on_doomed.runs.create(tid, "budongsan", input={"messages": [human(QUESTION, "cut")]})
        queued = await on_doomed.runs.create(tid, "budongsan", input={"messages": [human("서초구는?", "q")]})
        assert queued["status"] == "pending"
        doomed.kill_9()
    started = time.monotonic()
    # nobody asks about the thread: the surviving process's sweep finds the run by its stale heartbeat
    while await run_status(db_url, queued["run_id"]) == "pending":
        assert time.monotonic() - started < 30, "the queued run was never claimed"
        await asyncio.sleep(0.05)
    joined = await on_b.runs.join(tid, queued["run_id"])
    assert (await on_b.runs.get(tid, queued["run_id"]))["status"] == "success"
    assert joined["messages"][-2]["id"] == "q" and joined["messages"][-1]["type"] == "ai"
    died = await on_b.runs.get(tid, cut["run_id"])
    assert died["status"] == "error"
    assert (await on_b.runs.join(tid, cut["run_id"]))["__error__"]["error"] == "process_died"
