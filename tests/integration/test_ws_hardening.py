"""WebSocket attacks from the hardening run (issue 15, item 6), against a real uvicorn on loopback:
a socket outliving its login, and frames built to hurt the handler. Each ends in an error event in the
common shape and, where the socket cannot go on, a documented close code with the error code as reason."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from sqlalchemy import text
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from backend.routes.ws import MAX_JSON_DEPTH, json_too_deep
from tests.integration.api_support import (
    API,
    Account,
    api_settings,
    assert_error_shape,
    client_for,
    new_session,
    running_app,
    scalar,
    serving_websockets,
    sign_up,
)

FRAME_LIMIT = 64 * 1024  # the default `ws_max_message_bytes`: the attack run's 60 KB frame fits under it


@pytest.fixture(scope="module")
async def app(db_url, test_settings, loaded_engine):
    assert test_settings.ws_max_message_bytes == FRAME_LIMIT
    settings = api_settings(test_settings, db_url, ws_auth_timeout_s=2.0)
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


class _Errors(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def error_logs() -> Iterator[list[logging.LogRecord]]:
    """ERROR records of our loggers (they do not propagate to the root logger, so caplog misses them)."""
    handler = _Errors()
    logger = logging.getLogger("budongsan")
    logger.addHandler(handler)
    yield handler.records
    logger.removeHandler(handler)


async def next_message(ws: ClientConnection) -> dict[str, Any]:
    return json.loads(await asyncio.wait_for(ws.recv(), 30))


async def answer(ws: ClientConnection, content: str) -> dict[str, Any]:
    """Sends a query and returns the final response or the first error event."""
    await ws.send(json.dumps({"type": "query", "content": content}))
    while True:
        message = await next_message(ws)
        if message["type"] in ("final_response", "error"):
            return message


async def closed_with(ws: ClientConnection) -> tuple[int | None, str | None]:
    with pytest.raises(ConnectionClosed):
        await asyncio.wait_for(ws.recv(), 10)
    return ws.close_code, ws.close_reason


def assert_error_event(message: dict[str, Any], code: str) -> dict[str, Any]:
    assert message["type"] == "error", message
    assert set(message["data"]) == {"code", "message", "details"}, message
    assert message["data"]["code"] == code and message["data"]["message"], message
    return message["data"]


async def _message_count(engine, session_id: str) -> int:
    return await scalar(engine, "SELECT count(*) FROM chat_messages WHERE session_id = :s", s=session_id)


# --- a socket is only as good as the login behind it ---------------------------------------------------


async def _log_out(client: httpx.AsyncClient, engine, account: Account, session_id: str) -> None:
    response = await client.post(f"{API}/auth/logout", headers=account.headers)
    assert response.status_code == 204, response.text


async def _let_the_login_expire(client: httpx.AsyncClient, engine, account: Account, session_id: str) -> None:
    """The token's login session reaches its expiry (it lives as long as the token)."""
    async with engine.begin() as conn:
        await conn.execute(
            text("UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = :u"),
            {"u": account.user_id},
        )


async def _delete_the_account(client: httpx.AsyncClient, engine, account: Account, session_id: str) -> None:
    response = await client.delete(f"{API}/users/me", headers=account.headers)
    assert response.status_code == 204, response.text


async def _delete_the_chat(client: httpx.AsyncClient, engine, account: Account, session_id: str) -> None:
    response = await client.delete(f"{API}/chat/sessions/{session_id}", headers=account.headers)
    assert response.status_code == 204, response.text


@pytest.mark.parametrize(
    ("action", "close_code", "error_code"),
    [
        (_log_out, 4401, "unauthorized"),
        (_let_the_login_expire, 4401, "unauthorized"),
        (_delete_the_account, 4401, "unauthorized"),
        (_delete_the_chat, 4404, "not_found"),
    ],
    ids=["logged out", "login expired", "account deleted", "chat deleted"],
)
async def test_an_open_socket_stops_at_its_next_message_once_its_login_or_chat_is_gone(
    client, ws_base, engine, error_logs, action, close_code, error_code
):
    account = await sign_up(client)
    session_id = await new_session(client, account)
    async with connect(f"{ws_base}/{session_id}?token={account.token}") as ws:
        assert (await answer(ws, "송파구 2024년 시세"))["type"] == "final_response"
        stored = await _message_count(engine, session_id)
        await action(client, engine, account, session_id)
        assert_error_event(await answer(ws, "강남구 2024년 시세"), error_code)
        assert await closed_with(ws) == (close_code, error_code)
    assert await _message_count(engine, session_id) in (0, stored)  # nothing stored after the cut
    assert error_logs == []  # an ordinary end of a login, not a server error


async def test_the_http_path_refuses_the_same_token_after_logout(client):
    """The socket and HTTP agree: the token that the socket stopped on is refused over HTTP too."""
    account = await sign_up(client)
    assert (await client.post(f"{API}/auth/logout", headers=account.headers)).status_code == 204
    assert_error_shape(await client.get(f"{API}/users/me", headers=account.headers), 401, "unauthorized")


# --- frames built to hurt the handler ------------------------------------------------------------------


def _nested(kind: str, size: int) -> str:
    if kind == "array":
        depth = size // 2
        return "[" * depth + "]" * depth
    if kind == "object":
        depth = size // 6
        return '{"a":' * depth + "1" + "}" * depth
    # the attack wrapped in a message that is otherwise valid
    depth = size // 2
    return (
        json.dumps({"type": "query", "content": "강남구 시세"})[:-1]
        + ', "turn_id": '
        + "[" * depth
        + "]" * depth
        + "}"
    )


@pytest.mark.parametrize("kind", ["array", "object", "inside a query"])
async def test_deeply_nested_json_is_an_error_event_and_every_socket_keeps_working(
    client, ws_base, error_logs, kind
):
    account = await sign_up(client)
    attacked, bystander = await new_session(client, account), await new_session(client, account)
    attack = _nested(kind, 60_000)  # the attack run's 60 KB frame
    assert len(attack.encode()) <= FRAME_LIMIT  # nesting, not size, is what this frame tries
    async with (
        connect(f"{ws_base}/{attacked}?token={account.token}") as ws,
        connect(f"{ws_base}/{bystander}?token={account.token}") as other,
    ):
        await ws.send(attack)
        error = assert_error_event(await next_message(ws), "json_too_deep")
        assert error["details"] == {"max_depth": MAX_JSON_DEPTH}
        assert (await answer(ws, "송파구 2024년 시세"))["type"] == "final_response"
        assert (await answer(other, "강남구 2024년 시세"))["type"] == "final_response"
    assert error_logs == []


async def test_a_frame_over_the_limit_closes_with_1009_and_the_other_sockets_work_on(
    client, ws_base, error_logs
):
    """An 80 KB frame of brackets: over the frame limit it is refused before parsing and the socket
    closes with 1009 (message too big); the same user's other chat and a new socket work on."""
    account = await sign_up(client)
    attacked, bystander = await new_session(client, account), await new_session(client, account)
    async with connect(f"{ws_base}/{bystander}?token={account.token}") as other:
        async with connect(f"{ws_base}/{attacked}?token={account.token}", max_size=None) as ws:
            await ws.send("[" * 40_000 + "]" * 40_000)
            error = assert_error_event(await next_message(ws), "payload_too_large")
            assert error["details"] == {"limit_bytes": FRAME_LIMIT}
            assert await closed_with(ws) == (1009, "payload_too_large")
        assert (await answer(other, "강남구 2024년 시세"))["type"] == "final_response"
    async with connect(f"{ws_base}/{attacked}?token={account.token}") as again:
        assert (await answer(again, "송파구 2024년 시세"))["type"] == "final_response"
    assert error_logs == []


async def test_the_frame_limit_counts_bytes_not_characters(client, ws_base):
    account = await sign_up(client)
    session_id = await new_session(client, account)
    korean = json.dumps({"type": "query", "content": "가" * 22_000}, ensure_ascii=False)
    assert len(korean) < FRAME_LIMIT < len(korean.encode())
    async with connect(f"{ws_base}/{session_id}?token={account.token}") as ws:
        await ws.send(korean)
        assert_error_event(await next_message(ws), "payload_too_large")
        assert await closed_with(ws) == (1009, "payload_too_large")


async def test_a_nested_first_message_is_no_sign_in(client, ws_base):
    account = await sign_up(client)
    session_id = await new_session(client, account)
    async with connect(f"{ws_base}/{session_id}") as ws:
        await ws.send("[" * 1000 + "]" * 1000)
        assert_error_event(await next_message(ws), "unauthorized")
        assert await closed_with(ws) == (4401, "unauthorized")


async def test_deeply_nested_json_over_http_is_a_4xx_in_the_common_shape(client, engine):
    account = await sign_up(client)
    session_id = await new_session(client, account)
    depth = 30_000
    response = await client.post(
        f"{API}/chat/sessions/{session_id}/messages",
        content='{"content": ' + "[" * depth + "]" * depth + "}",
        headers={**account.headers, "Content-Type": "application/json"},
    )
    assert 400 <= response.status_code < 500
    assert_error_shape(response, response.status_code)
    assert await _message_count(engine, session_id) == 0


@pytest.mark.parametrize(
    ("raw", "too_deep"),
    [
        ('{"a": "[[[[[[[[[[[[[[[[[[[["}', False),  # brackets inside a string do not nest
        ('{"a": "\\"[[[[[[[[[[[[[[[[[[[["}', False),  # nor after an escaped quote
        ("[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH, False),
        ("[" * (MAX_JSON_DEPTH + 1) + "]" * (MAX_JSON_DEPTH + 1), True),
        ("[{" * 5 + "}]" * 5, True),
        ("[]" * 1000, False),  # many brackets, never deep
    ],
)
def test_json_depth_check(raw, too_deep):
    assert json_too_deep(raw, MAX_JSON_DEPTH) is too_deep
