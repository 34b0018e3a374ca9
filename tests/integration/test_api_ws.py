"""The WebSocket chat against a real uvicorn server on loopback (in this process, this event loop)."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from tests.integration.api_support import (
    API,
    api_settings,
    checkpoint_writes_blocked,
    client_for,
    new_session,
    running_app,
    scalar,
    serving_websockets,
    sign_up,
    wait_until,
)


@pytest.fixture(scope="module")
async def app(db_url, test_settings, loaded_engine):
    async with running_app(api_settings(test_settings, db_url, ws_auth_timeout_s=2.0)) as app:
        yield app


@pytest.fixture(scope="module")
async def ws_base(app):
    async with serving_websockets(app) as base:
        yield base


@pytest.fixture
async def client(app):
    async with client_for(app) as client:
        yield client


async def receive_until(ws, *types: str) -> list[dict[str, Any]]:
    messages = []
    async with asyncio.timeout(30):
        while True:
            message = json.loads(await ws.recv())
            messages.append(message)
            if message["type"] in types:
                return messages


async def test_query_with_token_in_the_url_streams_the_seed_event_names(client, ws_base):
    account = await sign_up(client)
    session_id = await new_session(client, account)
    async with connect(f"{ws_base}/{session_id}?token={account.token}") as ws:
        await ws.send(json.dumps({"type": "query", "content": "송파구 2024년 시세"}))
        messages = await receive_until(ws, "final_response", "error")
    types = [m["type"] for m in messages]
    assert types[0] == "metadata" and types[1] == "plan_ready" and types[-1] == "final_response"
    assert "todo_updated" in types and "token" in types
    final = messages[-1]["data"]
    assert final["role"] == "assistant" and final["content"]
    transcript = (
        await client.get(f"{API}/chat/sessions/{session_id}/messages", headers=account.headers)
    ).json()
    assert transcript["items"][-1]["id"] == final["id"]


async def test_first_message_auth_then_interrupt_and_interrupt_response(client, ws_base):
    account = await sign_up(client)
    session_id = await new_session(client, account)
    async with connect(f"{ws_base}/{session_id}") as ws:
        await ws.send(json.dumps({"type": "auth", "token": account.token}))
        await ws.send(json.dumps({"type": "query", "content": "임대차 계약서 써줘"}))
        paused = (await receive_until(ws, "workflow_interrupted", "error"))[-1]
        assert paused["type"] == "workflow_interrupted"
        assert paused["data"]["type"] == "contract_approval" and paused["data"]["question"]
        await ws.send(json.dumps({"type": "interrupt_response", "action": "approve"}))
        assert (await receive_until(ws, "final_response"))[-1]["data"]["content"]


async def test_bad_messages_get_an_error_and_the_socket_stays_usable(client, ws_base):
    account = await sign_up(client)
    session_id = await new_session(client, account)
    async with connect(f"{ws_base}/{session_id}?token={account.token}") as ws:
        for raw in (
            "not json",
            json.dumps({"type": "query"}),
            json.dumps({"type": "dance"}),
            json.dumps({"type": "query", "content": "a\u0000"}),
            json.dumps({"type": "query", "content": "x" * 5000}),
        ):
            await ws.send(raw)
            error = json.loads(await ws.recv())
            assert error["type"] == "error", error
            assert error["data"]["code"] in ("validation_error", "message_too_long"), error
            assert "\u0000" not in json.dumps(error)
        await ws.send(json.dumps({"type": "query", "content": "강남구 시세"}))
        assert (await receive_until(ws, "final_response"))[-1]["type"] == "final_response"


@pytest.mark.parametrize("case", ["bad_token", "no_auth", "other_users_session", "bad_session_id"])
async def test_unauthorized_or_foreign_sessions_are_closed(client, ws_base, case):
    owner, intruder = await sign_up(client), await sign_up(client)
    session_id = await new_session(client, owner)
    url, expected = {
        "bad_token": (f"{ws_base}/{session_id}?token=garbage", 4401),
        "no_auth": (f"{ws_base}/{session_id}", 4401),
        "other_users_session": (f"{ws_base}/{session_id}?token={intruder.token}", 4404),
        "bad_session_id": (f"{ws_base}/not-a-uuid?token={owner.token}", 4404),
    }[case]
    async with connect(url) as ws:
        error = json.loads(await asyncio.wait_for(ws.recv(), 10))
        assert error["type"] == "error"
        with pytest.raises(ConnectionClosed):
            await asyncio.wait_for(ws.recv(), 10)
        assert ws.close_code == expected


async def test_busy_session_is_an_error_event_not_a_second_turn(client, ws_base, db_url, engine):
    account = await sign_up(client)
    session_id = await new_session(client, account)
    async with checkpoint_writes_blocked(db_url):
        first = asyncio.create_task(
            client.post(
                f"{API}/chat/sessions/{session_id}/messages",
                json={"content": "송파구 시세"},
                headers=account.headers,
            )
        )
        await wait_until(lambda: _message_count(engine, session_id), 1)
        async with connect(f"{ws_base}/{session_id}?token={account.token}") as ws:
            await ws.send(json.dumps({"type": "query", "content": "강남구 시세"}))
            error = json.loads(await asyncio.wait_for(ws.recv(), 10))
        assert error["type"] == "error" and error["data"]["code"] == "turn_in_progress"
    assert (await first).status_code == 200


async def test_closing_the_socket_mid_turn_does_not_lose_the_answer(client, ws_base, db_url, engine):
    account = await sign_up(client)
    session_id = await new_session(client, account)
    async with (
        checkpoint_writes_blocked(db_url),
        connect(f"{ws_base}/{session_id}?token={account.token}") as ws,
    ):
        await ws.send(json.dumps({"type": "query", "content": "송파구 2023년 시세"}))
        metadata = (await receive_until(ws, "metadata"))[-1]["data"]
        assert metadata["user_message"]["content"] == "송파구 2023년 시세"
    # The socket closed while the turn was stuck at its first checkpoint write; it still finishes.
    await wait_until(lambda: _message_count(engine, session_id), 2)


async def _message_count(engine, session_id: str) -> int:
    return await scalar(engine, "SELECT count(*) FROM chat_messages WHERE session_id = :s", s=session_id)
