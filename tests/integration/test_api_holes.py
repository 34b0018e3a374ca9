"""The smaller holes of the hardening run (issue 15, item 6) over HTTP, each attack as it was tried: a token
in a logged URL, /docs pulling scripts from a CDN, public /metrics, and slow clients never timed out.

Servers here are real uvicorn instances on loopback in this process (built from the options `budongsan
serve` uses), so uvicorn's own logging, keep-alive and concurrency limit are what is tested."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import socket
import sys
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
import uvicorn
from pydantic import SecretStr
from uvicorn.logging import AccessFormatter, DefaultFormatter
from websockets.asyncio.client import connect

from backend.cli import uvicorn_options
from backend.settings import Settings
from tests.integration.api_support import (
    API,
    api_settings,
    assert_error_shape,
    checkpoint_writes_blocked,
    client_for,
    new_session,
    parse_sse,
    running_app,
    sign_up,
    wait_until,
)

METRICS_TOKEN = "scrape-me-" + "x7Qp" * 8
BODY_TIMEOUT_S = 0.5


@pytest.fixture(scope="module")
async def app(db_url, test_settings, loaded_engine):
    """Metrics on (with a token) and a short body timeout."""
    settings = api_settings(
        test_settings,
        db_url,
        metrics_token=SecretStr(METRICS_TOKEN),
        request_body_timeout_s=BODY_TIMEOUT_S,
        server_limit_concurrency=3,
        server_timeout_keep_alive_s=1,
    )
    async with running_app(settings) as app:
        yield app


@pytest.fixture(scope="module")
async def default_app(db_url, test_settings, loaded_engine):
    """Every setting of this issue at its default."""
    async with running_app(api_settings(test_settings, db_url)) as app:
        yield app


@pytest.fixture
async def client(app):
    async with client_for(app) as client:
        yield client


@contextlib.asynccontextmanager
async def served(app: Any, **config: Any) -> AsyncIterator[int]:
    """The app (lifespan already running) on a loopback port with uvicorn's `config`; yields the port."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, **{"lifespan": "off", "log_level": "warning", **config}))
    task = asyncio.create_task(server.serve(sockets=[sock]))
    try:
        async with asyncio.timeout(30):
            while not server.started:  # noqa: ASYNC110  (uvicorn offers no event to wait on)
                await asyncio.sleep(0.02)
        yield sock.getsockname()[1]
    finally:
        server.should_exit = True
        await asyncio.wait_for(task, 10)


def serve_options(app: Any) -> dict[str, Any]:
    """What `budongsan serve` passes to uvicorn for this app's settings."""
    return uvicorn_options(app.state.context.settings)


# --- 1. a token in a URL is masked, and the access log still works ---------------------------------------


class _Lines(logging.Handler):
    """Formats as uvicorn's own handlers do; a record that fails to format is kept as a failure
    (the default `handleError` prints a traceback to stderr and carries on)."""

    def __init__(self, formatter: logging.Formatter) -> None:
        super().__init__()
        self.setFormatter(formatter)
        self.lines: list[str] = []
        self.failures: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.lines.append(self.format(record))
        except Exception as exc:
            self.failures.append(repr(exc))

    def handleError(self, record: logging.LogRecord) -> None:
        self.failures.append(repr(sys.exc_info()[1]))


@contextlib.contextmanager
def uvicorn_lines() -> Iterator[tuple[_Lines, _Lines]]:
    access = _Lines(AccessFormatter('%(client_addr)s - "%(request_line)s" %(status_code)s', use_colors=False))
    error = _Lines(DefaultFormatter("%(levelname)s %(message)s", use_colors=False))
    pairs = [(logging.getLogger("uvicorn.access"), access), (logging.getLogger("uvicorn.error"), error)]
    for logger, handler in pairs:
        logger.addHandler(handler)
    try:
        yield access, error
    finally:
        for logger, handler in pairs:
            logger.removeHandler(handler)


async def test_a_token_in_the_url_is_masked_and_the_access_log_line_still_formats(app, client):
    account = await sign_up(client)
    session_id = await new_session(client, account)
    async with served(app, log_level="info", access_log=True) as port:
        with uvicorn_lines() as (access, error):
            async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http:
                response = await http.get(f"/healthz?token={account.token}&x=1")
                assert response.status_code == 200
            url = f"ws://127.0.0.1:{port}{API}/chat/ws/{session_id}?token={account.token}"
            async with connect(url):
                pass
    assert access.failures == [] and error.failures == []
    assert any('"GET /healthz?token=***&x=1 HTTP/1.1" 200' in line for line in access.lines), access.lines
    assert any(f"/chat/ws/{session_id}?token=***" in line for line in error.lines), error.lines
    assert all(account.token not in line for line in access.lines + error.lines)


# --- 4. /docs is served from this origin only -------------------------------------------------------------


_EXTERNAL = re.compile(r"(?:https?:)?//[a-z0-9.-]+", re.IGNORECASE)


async def test_docs_load_nothing_from_another_host_and_every_asset_is_served(client):
    page = await client.get("/docs")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    policy = page.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy and "style-src 'self'" in policy
    assert not _EXTERNAL.search(policy) and "unsafe-inline" not in policy and "*" not in policy
    assert not _EXTERNAL.search(page.text), "the page names another host"
    assert "<script>" not in page.text, "inline script (the CSP would block it)"
    referenced = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert {url.rsplit("/", 1)[1] for url in referenced} == {
        "favicon.png",
        "swagger-ui.css",
        "swagger-ui-bundle.js",
        "init.js",
    }
    types = {"js": "javascript", "css": "text/css", "png": "image/png"}
    for url in referenced:
        asset = await client.get(url)
        assert asset.status_code == 200, url
        assert types[url.rsplit(".", 1)[1]] in asset.headers["content-type"], url
        assert asset.headers["content-security-policy"] == policy
        revalidated = await client.get(url, headers={"If-None-Match": asset.headers["etag"]})
        assert revalidated.status_code == 304, url
    assert "SwaggerUIBundle" in (await client.get("/docs/assets/swagger-ui-bundle.js")).text
    openapi_url = re.search(r'data-openapi-url="([^"]+)"', page.text)
    assert openapi_url and (await client.get(openapi_url.group(1))).json()["paths"]


@pytest.mark.parametrize(
    "name", ["redoc.standalone.js", "..%2F..%2Fsettings.py", "index.html", "swagger-ui.css.map"]
)
async def test_only_the_listed_docs_assets_are_served(client, name):
    assert_error_shape(await client.get(f"/docs/assets/{name}"), 404, "not_found")


async def test_docs_can_be_turned_off(db_url, test_settings, loaded_engine):
    settings = api_settings(test_settings, db_url, docs_enabled=False)
    async with running_app(settings) as app, client_for(app) as client:
        assert_error_shape(await client.get("/docs"), 404, "not_found")
        assert_error_shape(await client.get("/docs/assets/swagger-ui-bundle.js"), 404, "not_found")
        assert_error_shape(await client.get("/openapi.json"), 404, "not_found")


# --- 5. /metrics is off by default, else needs its bearer token -------------------------------------------


async def test_metrics_are_off_by_default(default_app):
    async with client_for(default_app) as client:
        error = assert_error_shape(await client.get("/metrics"), 404, "not_found")
        assert "BUDONGSAN_METRICS_TOKEN" in error["message"]
        with_some_token = await client.get("/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"})
        assert_error_shape(with_some_token, 404, "not_found")


@pytest.mark.parametrize(
    "authorization",
    [None, "", "Bearer", "Bearer wrong", f"Basic {METRICS_TOKEN}", f"Bearer {METRICS_TOKEN}x"],
    ids=["none", "empty", "no token", "wrong token", "wrong scheme", "longer token"],
)
async def test_metrics_refuse_a_missing_or_wrong_token(client, authorization):
    headers = {} if authorization is None else {"Authorization": authorization}
    response = await client.get("/metrics", headers=headers)
    assert_error_shape(response, 401, "unauthorized")
    assert response.headers["www-authenticate"] == "Bearer"
    assert "budongsan_http_requests" not in response.text


async def test_metrics_answer_their_bearer_token(client):
    await client.get("/healthz")
    response = await client.get("/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/plain")
    assert 'budongsan_http_requests_total{method="GET",route="/healthz",status="200"}' in response.text
    assert METRICS_TOKEN not in response.text


# --- 6. slow clients ----------------------------------------------------------------------------------


def test_serve_passes_the_slow_client_settings_to_uvicorn():
    settings = Settings(
        server_timeout_keep_alive_s=7, server_limit_concurrency=33, ws_max_message_bytes=12_345
    )
    config = uvicorn.Config("backend.app:create_app", factory=True, **uvicorn_options(settings))
    assert config.timeout_keep_alive == 7
    assert config.limit_concurrency == 33
    assert config.ws_max_size == 12_345
    assert config.proxy_headers is False
    unlimited = uvicorn.Config(
        "backend.app:create_app", **uvicorn_options(Settings(server_limit_concurrency=0))
    )
    assert unlimited.limit_concurrency is None
    defaults = uvicorn.Config("backend.app:create_app", **uvicorn_options(Settings()))
    assert (defaults.timeout_keep_alive, defaults.limit_concurrency) == (5, 1000)


async def _request(port: int, head: bytes) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(head)
    await writer.drain()
    return reader, writer


async def _status_line(reader: asyncio.StreamReader) -> bytes:
    async with asyncio.timeout(10):
        return await reader.readline()


async def test_an_idle_keep_alive_connection_is_closed(app):
    """`server_timeout_keep_alive_s=1`: the server closes the idle connection by itself (bounded wait)."""
    async with served(app, **serve_options(app)) as port:
        reader, writer = await _request(port, b"GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n")
        assert (await _status_line(reader)).startswith(b"HTTP/1.1 200")
        async with asyncio.timeout(10):
            while await reader.read(65536):  # the response, then EOF once the server hangs up
                pass
        writer.close()


async def _status(http: httpx.AsyncClient, path: str) -> int:
    return (await http.get(path)).status_code


async def test_connections_beyond_the_limit_get_503_and_service_resumes(app):
    """`server_limit_concurrency=3`: with two idle connections held open, a third client's request is
    refused with 503 instead of queueing behind them; once they go, requests are served again."""
    async with served(app, **serve_options(app)) as port:
        idle = [await asyncio.open_connection("127.0.0.1", port) for _ in range(2)]
        await asyncio.sleep(0.1)  # let the server accept them (no assertion on time)
        reader, writer = await _request(port, b"GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n")
        assert (await _status_line(reader)).startswith(b"HTTP/1.1 503")
        writer.close()
        for _, idle_writer in idle:
            idle_writer.close()
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http:
            await wait_until(lambda: _status(http, "/healthz"), 200, timeout_s=10)


async def test_a_body_that_stalls_is_answered_408_in_the_common_shape(app, client):
    """A client announces 100 bytes, sends 10 and stalls: after `request_body_timeout_s` it gets 408."""
    account = await sign_up(client)
    session_id = await new_session(client, account)
    async with served(app, **serve_options(app)) as port:
        head = (
            f"POST {API}/chat/sessions/{session_id}/messages HTTP/1.1\r\nHost: t\r\n"
            f"Authorization: Bearer {account.token}\r\nContent-Type: application/json\r\n"
            "Content-Length: 100\r\n\r\n"
        ).encode()
        reader, writer = await _request(port, head + b'{"content"')
        async with asyncio.timeout(10):
            response = await reader.read(65536)
        writer.close()
    status, _, rest = response.partition(b"\r\n")
    assert status.startswith(b"HTTP/1.1 408"), response
    body = httpx.Response(408, content=rest.split(b"\r\n\r\n", 1)[1])
    error = assert_error_shape(body, 408, "request_timeout")
    assert error["details"] == {"timeout_s": BODY_TIMEOUT_S}
    messages = await client.get(f"{API}/chat/sessions/{session_id}/messages", headers=account.headers)
    assert messages.json()["items"] == []


async def test_a_streaming_response_is_not_cut_by_the_body_timeout(app, client, db_url):
    """Once the whole body arrived, a response may take longer than `request_body_timeout_s` (SSE waits on
    the connection for the disconnect meanwhile): that is not a slow body. The turn is held at its
    checkpoint write for twice the timeout."""
    account = await sign_up(client)
    session_id = await new_session(client, account)
    async with served(app, **serve_options(app)) as port, httpx.AsyncClient(timeout=30) as http:
        async with checkpoint_writes_blocked(db_url):
            streaming = asyncio.create_task(
                http.post(
                    f"http://127.0.0.1:{port}{API}/chat/sessions/{session_id}/messages",
                    json={"content": "송파구 2024년 시세"},
                    headers={**account.headers, "Accept": "text/event-stream"},
                )
            )
            await asyncio.sleep(BODY_TIMEOUT_S * 2)
            assert not streaming.done()
        response = await streaming
    assert response.status_code == 200
    assert parse_sse(response.text)[-1][0] == "final"
