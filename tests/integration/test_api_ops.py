"""Operations: health, readiness, metrics, request ids, OpenAPI, and 503 + Retry-After while Postgres is away."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Iterator

import pytest
from pydantic import SecretStr

from backend.db import DatabaseUrl
from backend.middleware import JsonLogFormatter
from tests.integration.api_support import (
    API,
    PASSWORD,
    api_settings,
    assert_error_shape,
    client_for,
    new_session,
    running_app,
    sign_up,
)

DB_PASSWORD = "db-pw-that-must-not-leak"
METRICS_TOKEN = "ops-metrics-token-" + "k3" * 16


class PgProxy:
    """A loopback TCP proxy in front of Postgres that can drop every connection and refuse new ones.

    The upstream is what the test database URL names: a TCP host and port, or (the embedded server)
    the Unix socket in the directory given by `?host=`.
    """

    def __init__(self, upstream: DatabaseUrl) -> None:
        url = upstream.url
        socket_dir = url.query.get("host")
        port = url.port or 5432
        self.unix_path = f"{socket_dir}/.s.PGSQL.{port}" if isinstance(socket_dir, str) else None
        self.target = (url.host or "127.0.0.1", port)
        self.port = 0
        self._server: asyncio.Server | None = None
        self._pipes: set[asyncio.Task] = set()
        self._writers: set[asyncio.StreamWriter] = set()

    async def up(self) -> None:
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", self.port)
        self.port = self._server.sockets[0].getsockname()[1]

    async def down(self) -> None:
        assert self._server is not None
        self._server.close()
        for writer in list(self._writers):
            writer.transport.abort()
        for task in list(self._pipes):
            task.cancel()
        await self._server.wait_closed()
        self._server = None

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if self.unix_path is not None:
            up_reader, up_writer = await asyncio.open_unix_connection(self.unix_path)
        else:
            up_reader, up_writer = await asyncio.open_connection(*self.target)
        self._writers |= {writer, up_writer}
        for src, dst in ((reader, up_writer), (up_reader, writer)):
            task = asyncio.create_task(self._pipe(src, dst))
            self._pipes.add(task)
            task.add_done_callback(self._pipes.discard)

    @staticmethod
    async def _pipe(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
        with contextlib.suppress(Exception):
            while data := await src.read(65536):
                dst.write(data)
                await dst.drain()
        with contextlib.suppress(Exception):
            dst.close()


@pytest.fixture(scope="module")
async def proxy(db_url: DatabaseUrl):
    proxy = PgProxy(db_url)
    await proxy.up()
    yield proxy
    with contextlib.suppress(Exception):
        await proxy.down()


class _Collect(logging.Handler):
    """Keeps every log line (formatted as shipped) of our loggers and uvicorn's during this module."""

    def __init__(self, sink: list[str]) -> None:
        super().__init__()
        self.sink = sink
        self.setFormatter(JsonLogFormatter())

    def emit(self, record: logging.LogRecord) -> None:
        self.sink.append(self.format(record))


@pytest.fixture(scope="module")
def logs() -> Iterator[list[str]]:
    sink: list[str] = []
    handler = _Collect(sink)
    loggers = [
        logging.getLogger(name) for name in ("budongsan", "uvicorn", "uvicorn.error", "uvicorn.access")
    ]
    for logger in loggers:
        logger.addHandler(handler)
    yield sink
    for logger in loggers:
        logger.removeHandler(handler)


@pytest.fixture(scope="module")
async def app(db_url, test_settings, loaded_engine, proxy, logs):
    # The local test server trusts any password; the point is that this one never shows up anywhere.
    through = db_url.url.difference_update_query(["host"]).set(host="127.0.0.1", port=proxy.port)
    via_proxy = DatabaseUrl(through.set(password=DB_PASSWORD))
    settings = api_settings(
        test_settings,
        via_proxy,
        db_pool_timeout_s=1.0,
        db_connect_timeout_s=2.0,
        metrics_token=SecretStr(METRICS_TOKEN),  # /metrics is off without one (test_api_holes.py)
    )
    async with running_app(settings) as app:
        yield app


@pytest.fixture
async def client(app):
    async with client_for(app) as client:
        yield client


async def test_healthz_and_readyz(client):
    assert (await client.get("/healthz")).json() == {"status": "ok"}
    ready = await client.get("/readyz")
    assert ready.status_code == 200, ready.text
    checks = ready.json()["checks"]
    assert checks["database"] == checks["migrations"] == checks["checkpoints"] == "ok"


async def test_request_id_is_echoed_or_generated(client):
    echoed = await client.get("/healthz", headers={"X-Request-ID": "abc-123"})
    assert echoed.headers["X-Request-ID"] == "abc-123"
    hostile = await client.get("/healthz", headers={"X-Request-ID": "a\tb<script>" * 10})
    assert (
        hostile.headers["X-Request-ID"] != "a\tb<script>" * 10 and len(hostile.headers["X-Request-ID"]) == 32
    )
    assert (await client.get("/nope")).headers["X-Request-ID"]


async def test_metrics_count_requests_by_route_template_and_turns_by_intent(client):
    account = await sign_up(client)
    session_id = await new_session(client, account)
    await client.post(
        f"{API}/chat/sessions/{session_id}/messages", json={"content": "송파구 시세"}, headers=account.headers
    )
    body = (await client.get("/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"})).text
    assert 'route="/api/v1/chat/sessions/{session_id}/messages"' in body
    assert session_id not in body
    assert 'budongsan_turn_duration_seconds_count{intent="MARKET_INQUIRY",outcome="final"}' in body
    assert "budongsan_active_streams" in body


async def test_unknown_routes_and_methods_use_the_error_shape(client):
    assert_error_shape(await client.get("/api/v1/nope"), 404, "not_found")
    assert_error_shape(await client.put("/healthz"), 405, "method_not_allowed")


async def test_openapi_documents_every_route_with_examples(client):
    spec = (await client.get("/openapi.json")).json()
    paths = spec["paths"]
    for path in (
        "/api/v1/auth/register",
        "/api/v1/auth/token",
        "/api/v1/users/me",
        "/api/v1/chat/sessions",
        "/api/v1/chat/sessions/{session_id}",
        "/api/v1/chat/sessions/{session_id}/messages",
        "/api/v1/chat/sessions/{session_id}/resume",
        "/healthz",
        "/readyz",
        "/metrics",
    ):
        assert path in paths, path
    schemas = spec["components"]["schemas"]
    for name in (
        "RegisterRequest",
        "SessionCreate",
        "SessionUpdate",
        "MessageCreate",
        "ResumeRequest",
        "TurnResult",
        "SessionOut",
        "MessageOut",
        "ErrorResponse",
        "UserOut",
        "TokenResponse",
    ):
        assert schemas[name].get("examples"), name
    messages = paths["/api/v1/chat/sessions/{session_id}/messages"]["post"]["responses"]
    assert "text/event-stream" in messages["200"]["content"]
    assert "409" in messages and "429" in messages
    assert (await client.get("/docs")).status_code == 200


async def test_database_outage_gives_fast_503_with_retry_after_and_recovers_by_itself(client, proxy):
    account = await sign_up(client)
    session_id = await new_session(client, account)
    url = f"{API}/chat/sessions/{session_id}/messages"
    await proxy.down()
    try:
        for request in (
            client.get("/readyz"),
            client.get(f"{API}/users/me", headers=account.headers),
            client.get(f"{API}/chat/sessions", headers=account.headers),
        ):
            started = time.monotonic()
            response = await request
            assert time.monotonic() - started < 8
            error = assert_error_shape(response, 503)
            assert int(response.headers["Retry-After"]) >= 1
            assert "password" not in response.text.lower() and "postgres" not in response.text.lower()
            assert error["code"] in ("service_unavailable", "not_ready")
    finally:
        await proxy.up()
    deadline = time.monotonic() + 20
    while (await client.get("/readyz")).status_code != 200:
        assert time.monotonic() < deadline, "did not recover"
        await asyncio.sleep(0.2)
    sent = await client.post(url, json={"content": "송파구 시세"}, headers=account.headers)
    assert sent.status_code == 200, sent.text


async def test_no_password_ever_reaches_logs_or_error_bodies(client, logs):
    account = await sign_up(client)
    wrong = await client.post(
        f"{API}/auth/token", data={"username": account.email, "password": "wrong-" + PASSWORD}
    )
    bad = await client.post(
        f"{API}/auth/register", json={"email": "x", "password": PASSWORD, "extra": PASSWORD}
    )
    for response in (wrong, bad):
        assert PASSWORD not in response.text and DB_PASSWORD not in response.text
    assert any('"route": "/api/v1/auth/token"' in line for line in logs)
    assert any("ready" in line for line in logs)
    for line in logs:
        assert PASSWORD not in line and DB_PASSWORD not in line
