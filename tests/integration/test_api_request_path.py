"""One request path: HTTP and the WebSocket refuse the same request with the same error, because both go
through backend/deps.py (auth, chat ownership), TurnService.start (rate limit) and one failure mapping
(database away → 503)."""

from __future__ import annotations

import asyncio
import json
import socket
import time
import uuid
from typing import Any

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from backend.context import app_context
from backend.db import DatabaseUrl
from backend.routes.ws import CLOSE_CODES
from tests.integration.api_support import (
    API,
    api_settings,
    assert_error_shape,
    client_for,
    new_session,
    running_app,
    serving_websockets,
    sign_up,
)

RATE_LIMIT = 2


@pytest.fixture(scope="module")
async def app(db_url, test_settings, loaded_engine):
    settings = api_settings(test_settings, db_url, rate_limit_per_minute=RATE_LIMIT, ws_auth_timeout_s=2.0)
    async with running_app(settings) as app:
        yield app


@pytest.fixture(scope="module")
async def ws_base(app):
    async with serving_websockets(app) as base:
        yield base


@pytest.fixture
async def client(app):
    async with client_for(app) as client:
        yield client


async def ws_refusal(url: str) -> tuple[dict[str, Any], int | None]:
    """The error a socket gets before its first turn, and the code it is then closed with."""
    async with connect(url) as ws:
        message = json.loads(await asyncio.wait_for(ws.recv(), 10))
        with pytest.raises(ConnectionClosed):
            await asyncio.wait_for(ws.recv(), 10)
    assert message["type"] == "error", message
    return message["data"], ws.close_code


async def ws_turn(ws: Any, content: str) -> dict[str, Any]:
    """Sends a question; returns the last message of the turn (final_response or error)."""
    await ws.send(json.dumps({"type": "query", "content": content}))
    async with asyncio.timeout(30):
        while True:
            message = json.loads(await ws.recv())
            if message["type"] in ("final_response", "error"):
                return message


@pytest.mark.parametrize(
    "case, status, code",
    [("bad_token", 401, "unauthorized"), ("other_users_chat", 404, "not_found")],
)
async def test_a_bad_token_or_another_users_chat_is_the_same_error_over_http_and_websocket(
    client, ws_base, case, status, code
):
    owner, intruder = await sign_up(client), await sign_up(client)
    session_id = await new_session(client, owner)
    token = {"bad_token": "garbage", "other_users_chat": intruder.token}[case]
    http = await client.post(
        f"{API}/chat/sessions/{session_id}/messages",
        json={"content": "송파구 시세"},
        headers={"Authorization": f"Bearer {token}"},
    )
    http_error = assert_error_shape(http, status, code)
    ws_error, close_code = await ws_refusal(f"{ws_base}/{session_id}?token={token}")
    assert ws_error == http_error
    assert close_code == CLOSE_CODES[status]


async def test_the_rate_limit_is_one_budget_and_one_error_across_http_and_websocket(client, ws_base):
    account = await sign_up(client)
    session_id = await new_session(client, account)
    url = f"{API}/chat/sessions/{session_id}/messages"
    # Windows are whole minutes of the database clock (the same host's clock here): start well inside
    # one, so the four turns share it (a boundary crossed mid-test reset the count once).
    second = time.time() % 60
    if second > 40:
        await asyncio.sleep(61 - second)
    assert (
        await client.post(url, json={"content": "송파구 시세"}, headers=account.headers)
    ).status_code == 200
    async with connect(f"{ws_base}/{session_id}?token={account.token}") as ws:
        assert (await ws_turn(ws, "강남구 시세"))["type"] == "final_response"  # the second of RATE_LIMIT
        http = await client.post(url, json={"content": "서초구 시세"}, headers=account.headers)
        refused = await ws_turn(ws, "마포구 시세")
    http_error = assert_error_shape(http, 429, "rate_limited")
    assert refused["type"] == "error"
    ws_error = refused["data"]
    assert ws_error["code"] == http_error["code"]
    assert ws_error["details"]["limit"] == http_error["details"]["limit"] == RATE_LIMIT
    assert set(ws_error["details"]) == set(http_error["details"])


def _closed_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def _no_graph(*_: Any) -> Any:
    return None  # no turn runs here: every request is refused before it would reach the graph


async def test_the_database_away_is_the_same_503_over_http_and_websocket(db_url, test_settings):
    nowhere = DatabaseUrl(
        db_url.url.difference_update_query(["host"]).set(host="127.0.0.1", port=_closed_port())
    )
    settings = api_settings(test_settings, nowhere, memory_worker_enabled=False, db_connect_timeout_s=2.0)
    async with (
        running_app(settings, graph_factory=_no_graph) as app,
        client_for(app) as client,
        serving_websockets(app) as ws_base,
    ):
        # Well signed, with a login session: the session and user lookup needs the database.
        token = app_context(app).tokens.issue(uuid.uuid4(), session_id="a-login-session")
        session_id = uuid.uuid4()
        http = await client.post(
            f"{API}/chat/sessions/{session_id}/messages",
            json={"content": "송파구 시세"},
            headers={"Authorization": f"Bearer {token}"},
        )
        http_error = assert_error_shape(http, 503, "service_unavailable")
        assert int(http.headers["Retry-After"]) >= 1
        ws_error, close_code = await ws_refusal(f"{ws_base}/{session_id}?token={token}")
    assert ws_error == http_error
    assert close_code == CLOSE_CODES[503]
