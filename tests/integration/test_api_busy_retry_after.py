"""A chat busy with another turn answers 409 with `Retry-After`, on REST and on the LangGraph surface
(multitask_strategy=reject), so a client knows when asking again is worth it."""

from __future__ import annotations

import asyncio
import uuid

import pytest

from backend.langgraph_api.adapter import ASSISTANT_ID
from tests.integration.api_support import (
    API,
    api_settings,
    assert_error_shape,
    checkpoint_writes_blocked,
    client_for,
    fetchval,
    new_session,
    running_app,
    sign_up,
    wait_until,
)

RETRY_AFTER_S = 3


@pytest.fixture(scope="module")
async def app(db_url, test_settings, loaded_engine):
    settings = api_settings(test_settings, db_url, retry_after_s=RETRY_AFTER_S, langgraph_run_poll_s=0.05)
    async with running_app(settings) as app:
        yield app


@pytest.fixture
async def client(app):
    async with client_for(app) as client:
        yield client


def stored(db_url, session_id: str):
    sql = "SELECT count(*) FROM chat_messages WHERE session_id = $1"
    return lambda: fetchval(db_url, sql, uuid.UUID(session_id))


def run_body(text: str) -> dict:
    human = {"type": "human", "content": text, "id": str(uuid.uuid4())}
    return {"assistant_id": ASSISTANT_ID, "input": {"messages": [human]}, "multitask_strategy": "reject"}


async def test_rest_and_langgraph_rejects_carry_retry_after_while_a_rest_turn_runs(client, db_url):
    account = await sign_up(client)
    session_id = await new_session(client, account)
    url = f"{API}/chat/sessions/{session_id}/messages"
    async with checkpoint_writes_blocked(db_url):  # the first turn holds the chat, mid-turn
        first = asyncio.create_task(
            client.post(url, json={"content": "송파구 2024년 시세"}, headers=account.headers)
        )
        await wait_until(stored(db_url, session_id), 1)
        busy = await client.post(url, json={"content": "서초구는?"}, headers=account.headers)
        error = assert_error_shape(busy, 409, "turn_in_progress")
        assert busy.headers["Retry-After"] == str(RETRY_AFTER_S)
        assert error["details"]["retry_after_seconds"] == RETRY_AFTER_S
        run = await client.post(
            f"/threads/{session_id}/runs", json=run_body("강남구는?"), headers=account.headers
        )
        assert run.status_code == 409, run.text
        assert run.headers["Retry-After"] == str(RETRY_AFTER_S)
    assert (await first).status_code == 200


async def test_a_reject_behind_a_running_langgraph_run_carries_retry_after(client, db_url):
    account = await sign_up(client)
    session_id = await new_session(client, account)
    runs = f"/threads/{session_id}/runs"
    async with checkpoint_writes_blocked(db_url):
        running = await client.post(runs, json=run_body("송파구 2024년 시세"), headers=account.headers)
        assert running.status_code == 200, running.text
        rejected = await client.post(runs, json=run_body("서초구는?"), headers=account.headers)
        assert_error_shape(rejected, 409, "thread_busy")
        assert rejected.headers["Retry-After"] == str(RETRY_AFTER_S)
    joined = await client.get(f"{runs}/{running.json()['run_id']}/join", headers=account.headers)
    assert joined.status_code == 200, joined.text
