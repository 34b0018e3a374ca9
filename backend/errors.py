"""One error shape for every failure: `{"error": {"code", "message", "details"}}`.

Clients branch on `code` (stable, English snake_case); `message` is for people (Korean); `details` is
structured and never echoes raw request input or internals (no stack traces, no SQL, no values).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from fastapi import FastAPI, Request, routing
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import compile_path, get_route_path

from backend.dberrors import is_unavailable

log = logging.getLogger("budongsan.errors")

_CODE_BY_STATUS = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    429: "rate_limited",
    500: "internal_error",
    503: "service_unavailable",
}
_MESSAGE_BY_STATUS = {
    400: "요청을 처리할 수 없습니다.",
    401: "로그인이 필요합니다.",
    404: "찾을 수 없습니다.",
    405: "허용되지 않는 메서드입니다.",
    413: "요청 본문이 너무 큽니다.",
    422: "요청 형식이 올바르지 않습니다.",
    500: "서버 내부 오류가 발생했습니다.",
    503: "일시적으로 서비스를 사용할 수 없습니다. 잠시 후 다시 시도해 주세요.",
}
_LOC_ITEM_MAX = 64


class ApiError(StarletteHTTPException):
    """An expected failure with a stable machine-readable code."""

    def __init__(
        self,
        status_code: int,
        code: str,
        message: str,
        details: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(status_code=status_code, detail=message, headers=dict(headers or {}) or None)
        self.code = code
        self.message = message
        self.details = dict(details or {})


def not_found(what: str = "resource") -> ApiError:
    return ApiError(404, "not_found", "요청한 항목을 찾을 수 없습니다.", {"resource": what})


def unauthorized(message: str = "인증 정보가 없거나 유효하지 않습니다.") -> ApiError:
    return ApiError(401, "unauthorized", message, headers={"WWW-Authenticate": "Bearer"})


def unavailable(retry_after_s: int, reason: str = "database_unavailable") -> ApiError:
    return ApiError(
        503,
        "service_unavailable",
        _MESSAGE_BY_STATUS[503],
        {"reason": reason},
        headers={"Retry-After": str(retry_after_s)},
    )


def error_body(code: str, message: str, details: Mapping[str, Any] | None = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "details": dict(details or {})}}


def error_response(
    status_code: int,
    code: str,
    message: str,
    details: Mapping[str, Any] | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    return JSONResponse(error_body(code, message, details), status_code=status_code, headers=headers)


def expected_error(exc: BaseException, retry_after_s: int) -> ApiError | None:
    """The ApiError a failure stands for: itself, or 503 + Retry-After when Postgres is away (retryable);
    None for a bug. The one mapping every surface uses: HTTP (the middleware), the WebSocket, detached turns.
    """
    if isinstance(exc, ApiError):
        return exc
    if is_unavailable(exc):
        return unavailable(retry_after_s)
    return None


def response_for_unhandled(exc: BaseException, retry_after_s: int) -> JSONResponse:
    """The expected error's response (503 when the database is away), otherwise a generic 500."""
    error = expected_error(exc, retry_after_s)
    if error is None:
        log.error("unhandled error", exc_info=exc)
        return error_response(500, "internal_error", _MESSAGE_BY_STATUS[500])
    if error is not exc:
        log.warning("database unavailable: %s", type(exc).__name__)
    return error_response(error.status_code, error.code, error.message, error.details, error.headers)


def _safe_loc(loc: Sequence[Any]) -> list[str | int]:
    return [item if isinstance(item, int) else str(item)[:_LOC_ITEM_MAX] for item in loc]


def validation_details(errors: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Where and what, without the offending input (`input`/`ctx` are dropped on purpose)."""
    return [{"loc": _safe_loc(e.get("loc", ())), "type": e.get("type"), "msg": e.get("msg")} for e in errors]


async def _api_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return error_response(exc.status_code, exc.code, exc.message, exc.details, exc.headers)


def _allowed_methods(request: Request) -> str | None:
    """Every method the requested path supports, for the `Allow` of a 405 (RFC 9110 §15.5.6).

    Starlette names only the methods of the first route whose path matched, but one path often has
    several routes (GET and DELETE /users/me), so the header would hide the others.
    """
    # Newer FastAPI keeps included routers nested and offers this walk; older versions list flat routes.
    iter_routes = getattr(routing, "iter_route_contexts", None)
    routes = iter_routes(request.app.routes) if iter_routes is not None else request.app.routes
    path = get_route_path(request.scope)
    methods: set[str] = set()
    for route in routes:
        route_path, route_methods = getattr(route, "path", None), getattr(route, "methods", None)
        if route_path and route_methods and compile_path(route_path)[0].match(path):
            methods |= route_methods
    return ", ".join(sorted(methods)) or None


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    status = exc.status_code
    code = _CODE_BY_STATUS.get(status, "error" if status < 500 else "internal_error")
    message = _MESSAGE_BY_STATUS.get(status) or (exc.detail if isinstance(exc.detail, str) else code)
    headers = dict(exc.headers or {})
    if status == 405 and (allowed := _allowed_methods(request)):
        headers["Allow"] = allowed
    return error_response(status, code, message, headers=headers or None)


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = exc.errors()
    if any(e.get("type") == "json_invalid" for e in errors):
        return error_response(400, "malformed_json", "JSON 본문을 해석할 수 없습니다.")
    return error_response(
        422, "validation_error", _MESSAGE_BY_STATUS[422], {"errors": validation_details(errors)}
    )


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
