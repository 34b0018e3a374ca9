"""Helpers shared by the HTTP API tests: a running app + client, accounts, SSE parsing, DB probes."""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import asyncpg
import httpx
import uvicorn
from pydantic import SecretStr
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from backend.app import GraphFactory, create_app
from backend.db import DatabaseUrl
from backend.settings import Settings

API = "/api/v1"
PASSWORD = "correct-horse-battery"


# Tests sign up and log in many accounts from one address (the in-process client is 127.0.0.1), so they
# set the sign-in limits explicitly and generously; tests/integration/test_api_login_throttle.py sets
# small ones to test them.
GENEROUS_AUTH_LIMITS: dict[str, Any] = {
    "register_attempts_per_ip": 100_000,
    "register_attempts_per_account": 100,
    "login_attempts_per_ip": 100_000,
    "login_failures_per_account": 100,
}


def api_settings(base: Settings, db_url: DatabaseUrl, **overrides: Any) -> Settings:
    update = {"database_url": SecretStr(db_url.libpq), **GENEROUS_AUTH_LIMITS, **overrides}
    return base.model_copy(update=update)


@contextlib.asynccontextmanager
async def running_app(settings: Settings, graph_factory: GraphFactory | None = None) -> AsyncIterator[Any]:
    """The app with its lifespan running (ASGITransport does not run lifespans by itself)."""
    app = create_app(settings, graph_factory=graph_factory)
    async with app.router.lifespan_context(app):
        yield app


def client_for(app: Any) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver", timeout=60)


@dataclass
class Account:
    email: str
    user_id: uuid.UUID
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


async def sign_up(client: httpx.AsyncClient, email: str | None = None) -> Account:
    email = email or f"user-{uuid.uuid4().hex[:12]}@example.com"
    created = await client.post(f"{API}/auth/register", json={"email": email, "password": PASSWORD})
    assert created.status_code == 201, created.text
    token = await client.post(f"{API}/auth/token", data={"username": email, "password": PASSWORD})
    assert token.status_code == 200, token.text
    return Account(email, uuid.UUID(created.json()["id"]), token.json()["access_token"])


async def new_session(client: httpx.AsyncClient, account: Account, title: str | None = None) -> str:
    body = {"title": title} if title else {}
    response = await client.post(f"{API}/chat/sessions", json=body, headers=account.headers)
    assert response.status_code == 201, response.text
    return response.json()["session_id"]


def parse_sse(body: str) -> list[tuple[str, Any]]:
    """(event, data) pairs of an SSE body; comments (pings) are skipped."""
    events = []
    for block in body.replace("\r\n", "\n").split("\n\n"):
        name, data = "message", []
        for line in block.split("\n"):
            if line.startswith("event:"):
                name = line[len("event:") :].strip()
            elif line.startswith("data:"):
                data.append(line[len("data:") :].lstrip())
        if data:
            events.append((name, json.loads("\n".join(data))))
    return events


def assert_error_shape(response: httpx.Response, status: int, code: str | None = None) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}, body
    assert set(body["error"]) == {"code", "message", "details"}, body
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    if code is not None:
        assert body["error"]["code"] == code, body
    assert "Traceback" not in response.text
    return body["error"]


async def scalar(engine: AsyncEngine, sql: str, **params: Any) -> Any:
    async with engine.connect() as conn:
        return (await conn.execute(text(sql), params)).scalar()


async def fetchval(db_url: DatabaseUrl, sql: str, *args: Any) -> Any:
    """One value from a connection of its own: for probes that run while the servers hold theirs."""
    conn = await asyncpg.connect(db_url.libpq)
    try:
        return await conn.fetchval(sql, *args)
    finally:
        await conn.close()


@contextlib.asynccontextmanager
async def tables_locked(db_url: DatabaseUrl, tables: str, mode: str) -> AsyncIterator[None]:
    """Holds `LOCK TABLE <tables> IN <mode> MODE` in a transaction of its own until the block ends."""
    conn = await asyncpg.connect(db_url.libpq)
    tx = conn.transaction()
    await tx.start()
    try:
        await conn.execute(f"LOCK TABLE {tables} IN {mode} MODE")
        yield
    finally:
        await tx.rollback()
        await conn.close()


def checkpoint_writes_blocked(db_url: DatabaseUrl) -> contextlib.AbstractAsyncContextManager[None]:
    """Holds LangGraph's tables so every graph run stops at its first checkpoint write (reads still work).

    A turn started inside is deterministically "mid-turn": acknowledged, lock held, answer not stored.
    """
    return tables_locked(db_url, "checkpoints, checkpoint_blobs, checkpoint_writes", "EXCLUSIVE")


async def wait_until(probe: Callable[[], Awaitable[Any]], expected: Any, timeout_s: float = 30) -> None:
    deadline = time.monotonic() + timeout_s
    while (value := await probe()) != expected:
        assert time.monotonic() < deadline, f"waited for {expected!r}, still {value!r}"
        await asyncio.sleep(0.05)


@contextlib.asynccontextmanager
async def serving_websockets(app: Any) -> AsyncIterator[str]:
    """The app (its lifespan already running) served by uvicorn on a loopback port; yields the
    WebSocket chat URL without the session id (httpx's in-process transport speaks no WebSocket)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, lifespan="off", log_level="warning"))
    task = asyncio.create_task(server.serve(sockets=[sock]))
    try:
        async with asyncio.timeout(30):
            while not server.started:  # noqa: ASYNC110  (uvicorn offers no event to wait on)
                await asyncio.sleep(0.02)
        yield f"ws://127.0.0.1:{sock.getsockname()[1]}{API}/chat/ws"
    finally:
        server.should_exit = True
        await asyncio.wait_for(task, 10)
