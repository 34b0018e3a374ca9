"""Exhausted connection pools: requests get 503 + Retry-After after the pool timeout, all at once, not a
queue that grows with the load; the service is fine once the connections come back.

Two pools bound the work of one process: the API's (`db_pool_size`, waited on `db_pool_timeout_s`) and
the turn slots (`max_concurrent_turns` lock connections, waited on `turn_queue_timeout_s`). Each test
shrinks one to a single connection, holds that connection busy behind a table lock, and fires a burst.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from backend.db import DatabaseUrl
from tests.integration.api_support import (
    API,
    Account,
    api_settings,
    assert_error_shape,
    checkpoint_writes_blocked,
    client_for,
    fetchval,
    new_session,
    running_app,
    sign_up,
    tables_locked,
)

POOL_TIMEOUT_S = 0.5
BURST = 20
# Each refused request waits one pool timeout; the margin is for a busy CI runner. A queue would need
# BURST x POOL_TIMEOUT_S = 10 s.
REFUSED_WITHIN_S = POOL_TIMEOUT_S + 2.0


async def backends_waiting_on_a_lock(db_url: DatabaseUrl, application: str) -> int:
    return await fetchval(
        db_url,
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
        "AND application_name = $1 AND wait_event_type = 'Lock'",
        application,
    )


async def until_waiting(db_url: DatabaseUrl, application: str) -> None:
    deadline = time.monotonic() + 15
    while not await backends_waiting_on_a_lock(db_url, application):
        assert time.monotonic() < deadline, f"no {application} connection is waiting on the lock"
        await asyncio.sleep(0.05)


async def timed(request: Any) -> tuple[httpx.Response, float]:
    started = time.monotonic()
    response = await request
    return response, time.monotonic() - started


def assert_refused_fast(results: list[tuple[httpx.Response, float]], wall_s: float) -> None:
    for response, elapsed in results:
        error = assert_error_shape(response, 503, "service_unavailable")
        assert int(response.headers["Retry-After"]) >= 1
        assert error["details"] == {"reason": "database_unavailable"}
        assert POOL_TIMEOUT_S * 0.8 <= elapsed < REFUSED_WITHIN_S, elapsed
    assert wall_s < REFUSED_WITHIN_S, f"{len(results)} requests took {wall_s:.1f}s: they queued"


@pytest.fixture(scope="module")
async def small_pool_app(db_url, test_settings, loaded_engine) -> AsyncIterator[Any]:
    """One API connection; no memory worker, which would otherwise take it now and then."""
    settings = api_settings(
        test_settings,
        db_url,
        db_pool_size=1,
        db_pool_timeout_s=POOL_TIMEOUT_S,
        memory_worker_enabled=False,
    )
    async with running_app(settings) as app:
        yield app


@pytest.fixture(scope="module")
async def one_slot_app(db_url, test_settings, loaded_engine) -> AsyncIterator[Any]:
    """One turn at a time in this process; a turn waits POOL_TIMEOUT_S for the slot."""
    settings = api_settings(
        test_settings, db_url, max_concurrent_turns=1, turn_queue_timeout_s=POOL_TIMEOUT_S
    )
    async with running_app(settings) as app:
        yield app


async def test_exhausted_api_pool_refuses_a_burst_with_503_at_once(small_pool_app, db_url) -> None:
    async with client_for(small_pool_app) as client:
        account = await sign_up(client)
        me = f"{API}/users/me"
        async with tables_locked(db_url, "users", "ACCESS EXCLUSIVE"):
            # Loading the caller's user waits on the lock while holding the pool's only connection.
            holder = asyncio.create_task(client.get(me, headers=account.headers))
            await until_waiting(db_url, "budongsan")
            started = time.monotonic()
            results = await asyncio.gather(
                *(timed(client.get(f"{API}/chat/sessions", headers=account.headers)) for _ in range(BURST))
            )
            wall_s = time.monotonic() - started
            assert not holder.done()
        assert (await holder).status_code == 200
        assert_refused_fast(results, wall_s)
        await assert_serves_again(client, account, [f"{API}/chat/sessions", me])
        print(
            f"\nAPI pool exhausted: {BURST} requests refused in {wall_s:.2f}s "
            f"(pool timeout {POOL_TIMEOUT_S}s)"
        )


async def test_exhausted_turn_slots_refuse_a_burst_with_503_at_once(one_slot_app, db_url) -> None:
    async with client_for(one_slot_app) as client:
        account = await sign_up(client)
        chats = [await new_session(client, account) for _ in range(BURST + 1)]
        ask = {"content": "송파구 시세"}
        async with checkpoint_writes_blocked(db_url):
            # An acknowledged turn that cannot finish yet keeps the only slot (its lock connection).
            holder = asyncio.create_task(
                client.post(f"{API}/chat/sessions/{chats[0]}/messages", json=ask, headers=account.headers)
            )
            await until_waiting(db_url, "budongsan-checkpointer")
            started = time.monotonic()
            results = await asyncio.gather(
                *(
                    timed(
                        client.post(f"{API}/chat/sessions/{chat}/messages", json=ask, headers=account.headers)
                    )
                    for chat in chats[1:]
                )
            )
            wall_s = time.monotonic() - started
            assert not holder.done()
        assert (await holder).status_code == 200
        assert_refused_fast(results, wall_s)
        for chat in chats[1:]:  # a refused turn stored nothing
            assert await transcript(client, account, chat) == []
        for chat in chats[1:4]:  # and the chats answer normally now
            sent = await client.post(
                f"{API}/chat/sessions/{chat}/messages", json=ask, headers=account.headers
            )
            assert sent.status_code == 200, sent.text
            assert len(await transcript(client, account, chat)) == 2
        print(
            f"\nturn slots exhausted: {BURST} turns refused in {wall_s:.2f}s "
            f"(queue timeout {POOL_TIMEOUT_S}s)"
        )


async def transcript(client: httpx.AsyncClient, account: Account, chat: str) -> list[dict[str, Any]]:
    response = await client.get(f"{API}/chat/sessions/{chat}/messages", headers=account.headers)
    assert response.status_code == 200, response.text
    return response.json()["items"]


async def assert_serves_again(client: httpx.AsyncClient, account: Account, paths: list[str]) -> None:
    for path in paths * 3:
        response, elapsed = await timed(client.get(path, headers=account.headers))
        assert response.status_code == 200 and elapsed < REFUSED_WITHIN_S, (path, response.text)
