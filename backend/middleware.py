"""Pure-ASGI middleware: request ids + access logs + metrics + last-resort errors, and the body limit.

Pure ASGI (not BaseHTTPMiddleware) so streaming responses pass straight through and a client that goes
away mid-stream is never turned into an exception inside the app.
"""

from __future__ import annotations

import asyncio
import contextvars
import json
import logging
import re
import time
import uuid
from collections.abc import Mapping
from typing import Any

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from backend.dberrors import is_unavailable
from backend.errors import ApiError, error_response, response_for_unhandled
from backend.metrics import Metrics

REQUEST_ID_HEADER = "X-Request-ID"
_SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._\-]{1,64}$")

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
log = logging.getLogger("budongsan.access")


class JsonLogFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, request id, message, and any `extra` fields."""

    _STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}

    def format(self, record: logging.LogRecord) -> str:
        payload: dict[str, Any] = {
            "ts": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "request_id": request_id_var.get(),
            "msg": record.getMessage(),
        }
        payload.update({k: v for k, v in vars(record).items() if k not in self._STANDARD})
        if record.exc_info:
            payload["exc"] = self.formatException(record.exc_info)
        return json.dumps(payload, ensure_ascii=False, default=str)


class RedactTokens(logging.Filter):
    """Blanks `token=...` query parameters (WebSocket auth) in server log lines: a URL is no place for a
    credential to end up in, and uvicorn logs request paths with their query strings.

    Redacts each argument in place and keeps `args` the same shape: uvicorn's access formatter unpacks
    `args` into (client, method, path, version, status), so emptying them turned every such line into a
    logging traceback. Only a token that is still visible after that (in the template, or split from its
    value as in `"token=%s"`) makes the record be rewritten whole, as its redacted formatted message.
    """

    _TOKEN = re.compile(r"(token=)[^&\s\"']+", re.IGNORECASE)
    _MASK = r"\1***"

    def filter(self, record: logging.LogRecord) -> bool:
        if "token=" not in record.getMessage().lower():
            return True
        if isinstance(record.args, tuple):
            record.args = tuple(self._redact(arg) for arg in record.args)
        elif isinstance(record.args, Mapping):
            record.args = {key: self._redact(value) for key, value in record.args.items()}
        message = record.getMessage()
        redacted = self._TOKEN.sub(self._MASK, message)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True

    def _redact(self, value: object) -> object:
        return self._TOKEN.sub(self._MASK, value) if isinstance(value, str) else value


# Loggers named after their module (`logging.getLogger(__name__)`) live under these packages; without a
# handler of their own their records reached Python's last-resort handler: plain text, WARNING and up,
# no request id or `extra` fields (seen in tests/faults/test_postgres_restart.py's server log).
OUR_LOGGERS = ("budongsan", "backend", "memory", "agents")


def configure_logging(level: str) -> None:
    """Structured logs for our own loggers; idempotent so several apps in one process do not stack."""
    for name in OUR_LOGGERS:
        ours = logging.getLogger(name)
        ours.setLevel(level.upper())
        if not any(isinstance(h.formatter, JsonLogFormatter) for h in ours.handlers):
            handler = logging.StreamHandler()
            handler.setFormatter(JsonLogFormatter())
            ours.addHandler(handler)
            ours.propagate = False
    for name in ("uvicorn.access", "uvicorn.error"):
        server_logger = logging.getLogger(name)
        if not any(isinstance(f, RedactTokens) for f in server_logger.filters):
            server_logger.addFilter(RedactTokens())


def _route_template(scope: Scope) -> str:
    """The matched route with its parameters put back ("/api/v1/chat/sessions/{session_id}"), so metric
    labels stay few; requests that matched no route share one label."""
    if scope.get("route") is None:
        return "unmatched"
    template = scope.get("path", "")
    for name, value in (scope.get("path_params") or {}).items():
        text = str(value)
        at = template.rfind(text) if text else -1
        if at >= 0:
            template = template[:at] + "{" + name + "}" + template[at + len(text) :]
    return template


class RequestContextMiddleware:
    """Request id in and out, one access-log line and metrics per request, JSON 500/503 as last resort."""

    def __init__(self, app: ASGIApp, metrics: Metrics, retry_after_s: int) -> None:
        self.app = app
        self.metrics = metrics
        self.retry_after_s = retry_after_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        incoming = Headers(scope=scope).get(REQUEST_ID_HEADER, "")
        request_id = incoming if _SAFE_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        token = request_id_var.set(request_id)
        scope.setdefault("state", {})["request_id"] = request_id
        status = 500
        started = False
        t0 = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            nonlocal status, started
            if message["type"] == "http.response.start":
                started = True
                status = message["status"]
                MutableHeaders(scope=message)[REQUEST_ID_HEADER] = request_id
            elif message["type"] == "websocket.accept":
                started, status = True, 101
            elif message["type"] == "websocket.close" and not started:
                status = 403
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception as exc:
            if (started or scope["type"] != "http") and is_unavailable(exc):
                # E.g. closing the request's DB session once the response is out, while Postgres
                # restarts: the client already has its answer; a warning, not an error with a traceback.
                log.warning("database unavailable after the response started: %s", type(exc).__name__)
            elif started or scope["type"] != "http":
                log.error("error after the response started", exc_info=exc)
            else:
                await response_for_unhandled(exc, self.retry_after_s)(scope, receive, send_with_id)
        finally:
            self._record(scope, status, time.perf_counter() - t0)
            request_id_var.reset(token)

    def _record(self, scope: Scope, status: int, elapsed: float) -> None:
        method = scope.get("method", "WS")
        route = _route_template(scope)
        self.metrics.requests.labels(method, route, str(status)).inc()
        self.metrics.request_latency.labels(method, route).observe(elapsed)
        log.info(
            "request",
            extra={
                "method": method,
                "route": route,
                "status": status,
                "duration_ms": round(elapsed * 1000, 1),
            },
        )


class PayloadTooLarge(ApiError):
    def __init__(self, limit: int) -> None:
        super().__init__(413, "payload_too_large", "요청 본문이 너무 큽니다.", {"limit_bytes": limit})


class RequestBodyTimeout(ApiError):
    def __init__(self, timeout_s: float) -> None:
        message = "요청 본문이 제시간에 도착하지 않았습니다."
        super().__init__(408, "request_timeout", message, {"timeout_s": timeout_s})


class BodySizeLimitMiddleware:
    """413 before reading when Content-Length is too big; otherwise counts bytes as the app reads them.
    A body that trickles in (a slow or stalled client holding a connection and a worker) is cut off with
    408 once `body_timeout_s` has passed since the app first asked for it; after the last body chunk,
    `receive` is left alone (streaming responses wait on it for the disconnect).

    Raising an ApiError from `receive` lets FastAPI's body parsing re-raise it to our handler, so the
    413 and 408 have the common error shape.
    """

    def __init__(self, app: ASGIApp, max_body_bytes: int, body_timeout_s: float) -> None:
        self.app = app
        self.limit = max_body_bytes
        self.body_timeout_s = body_timeout_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            if declared.isdigit():
                response = error_response(
                    413, "payload_too_large", "요청 본문이 너무 큽니다.", {"limit_bytes": self.limit}
                )
            else:
                response = error_response(400, "bad_request", "Content-Length 헤더가 올바르지 않습니다.")
            await response(scope, receive, send)
            return
        seen = 0
        body_complete = False
        deadline: float | None = None

        async def counting_receive() -> Message:
            nonlocal seen, body_complete, deadline
            if body_complete:
                return await receive()
            if deadline is None:
                deadline = asyncio.get_running_loop().time() + self.body_timeout_s
            try:
                async with asyncio.timeout_at(deadline):
                    message = await receive()
            except TimeoutError:
                raise RequestBodyTimeout(self.body_timeout_s) from None
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise PayloadTooLarge(self.limit)
                body_complete = not message.get("more_body", False)
            return message

        await self.app(scope, counting_receive, send)
