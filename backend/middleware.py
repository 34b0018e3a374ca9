"""Pure-ASGI middleware: request ids + access logs + metrics + last-resort errors, and the body limit.

Pure ASGI (not BaseHTTPMiddleware) so streaming responses pass straight through and a client that goes
away mid-stream is never turned into an exception inside the app.
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
import time
import uuid
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
    credential to end up in, and uvicorn logs request paths with their query strings."""

    _TOKEN = re.compile(r"(token=)[^&\s\"']+", re.IGNORECASE)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "token=" in message.lower():
            record.msg, record.args = self._TOKEN.sub(r"\1***", message), ()
        return True


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


class BodySizeLimitMiddleware:
    """413 before reading when Content-Length is too big; otherwise counts bytes as the app reads them.

    Raising an ApiError from `receive` lets FastAPI's body parsing re-raise it to our handler, so the
    413 has the common error shape.
    """

    def __init__(self, app: ASGIApp, max_body_bytes: int) -> None:
        self.app = app
        self.limit = max_body_bytes

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

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise PayloadTooLarge(self.limit)
            return message

        await self.app(scope, counting_receive, send)
