"""One error shape for every failure: `{"error": {"code", "message", "details"}}`.

Clients branch on `code` (stable, English snake_case); `message` is for people (Korean); `details` is
structured and never echoes raw request input or internals (no stack traces, no SQL, no values).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping, Sequence
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


# --- validation messages in Korean --------------------------------------------------------------------
# pydantic writes English ("String should have at least 8 characters"); people read the Korean `msg` of
# each error, clients keep branching on `loc` and `type`. Labels name the fields people fill in; other
# (protocol) fields keep their JSON name.

_FIELD_LABELS = {
    "email": "이메일",
    "username": "이메일",
    "password": "비밀번호",
    "current_password": "현재 비밀번호",
    "new_password": "새 비밀번호",
    "title": "채팅 이름",
    "content": "메시지",
    "feedback": "답변 내용",
    "q": "검색어",
    "value": "값",
    "key": "항목",
    "sigungu": "시군구",
    "sigungu_code": "시군구 코드",
    "dong": "법정동",
    "min_m2": "최소 면적",
    "max_m2": "최대 면적",
    "action": "동작(action)",
    "turn_id": "질문 식별자(turn_id)",
    "interrupt_id": "질문 식별자(interrupt_id)",
    "session_id": "대화 식별자",
    "thread_id": "대화 식별자(thread_id)",
    "login_session_id": "로그인 세션 식별자",
    "pref_id": "선호 식별자",
    "use_memory": "기억 사용 여부(use_memory)",
    "limit": "개수(limit)",
    "offset": "시작 위치(offset)",
    "before": "기준 메시지(before)",
    "cursor": "페이지 커서(cursor)",
}
_WHOLE = {"body": "요청 본문", "query": "쿼리 매개변수", "path": "경로", "header": "헤더", "cookie": "쿠키"}
_HANGUL_FIRST, _HANGUL_LAST = 0xAC00, 0xD7A3


def _particle(word: str, with_final: str, without_final: str) -> str:
    """The particle that fits the word's last syllable (비밀번호는, 이메일은); `은(는)` when unknown."""
    base = re.sub(r"\([^()]*\)$", "", word) or word  # "개수(limit)" is read as "개수"
    last = base[-1]
    if _HANGUL_FIRST <= ord(last) <= _HANGUL_LAST:
        return with_final if (ord(last) - _HANGUL_FIRST) % 28 else without_final
    return f"{with_final}({without_final})"


def _field_label(loc: Sequence[Any]) -> tuple[str, str]:
    """(label, raw name): the innermost named part of `loc`, in Korean when it is a field people fill in."""
    names = [str(item)[:_LOC_ITEM_MAX] for item in loc if not isinstance(item, int)]
    if len(names) <= 1:
        where = names[0] if names else "body"
        return _WHOLE.get(where, where), where
    name = names[-1]
    return _FIELD_LABELS.get(name, name), name


def _is(label: str) -> str:
    return label + _particle(label, "은", "는")


_Reason = Callable[[str, re.Match[str]], str]
# The reasons our own validators give (backend/schemas.py, memory/preferences.py, the LangGraph schemas).
_VALUE_REASONS: tuple[tuple[re.Pattern[str], _Reason], ...] = tuple(
    (re.compile(pattern), reason)
    for pattern, reason in (
        (r"must not contain NUL characters", lambda lb, m: f"{lb}에 NUL 문자를 넣을 수 없습니다."),
        (r"must be valid Unicode text", lambda lb, m: f"{_is(lb)} 올바른 유니코드 문자열이어야 합니다."),
        (
            r"must not be blank",
            lambda lb, m: f"{lb}{_particle(lb, '을', '를')} 입력해 주세요 (공백만은 안 됩니다).",
        ),
        (
            r"feedback is required when action is 'answer'",
            lambda lb, m: "질문에 답할 때(action=answer)는 답변 내용(feedback)이 필요합니다.",
        ),
        (r"must be an integer", lambda lb, m: f"{_is(lb)} 정수여야 합니다."),
        (r"must be false", lambda lb, m: f"{_is(lb)} false만 지원합니다."),
        (
            r"must be between (\S{1,32}) and (\S{1,32})(?: (㎡))?",
            lambda lb, m: f"{_is(lb)} {m[1]}~{m[2]}{m[3] or ''} 사이여야 합니다.",
        ),
        (r"must be a number of ㎡", lambda lb, m: f"{_is(lb)} ㎡ 단위의 숫자여야 합니다."),
        (r"must not exceed max_m2", lambda lb, m: "최소 면적이 최대 면적보다 클 수 없습니다."),
        (r"must be a 법정동 name", lambda lb, m: f"{_is(lb)} 잠실동처럼 법정동 이름이어야 합니다."),
        (r"must be one of (.{1,64})", lambda lb, m: f"{_is(lb)} 다음 중 하나여야 합니다: {m[1]}"),
        (
            r"must be an object with (\w{1,40}) and/or (\w{1,40})",
            lambda lb, m: f"{_is(lb)} {m[1]} 또는 {m[2]}를 담은 객체여야 합니다.",
        ),
        (r"needs (\w{1,40}) or (\w{1,40})", lambda lb, m: f"{lb}에 {m[1]} 또는 {m[2]} 중 하나가 필요합니다."),
        (r"unknown 시군구 code", lambda lb, m: "알 수 없는 시군구 코드입니다."),
        (r"unknown 시군구", lambda lb, m: "알 수 없는 시군구입니다."),
        (r"does not match sigungu", lambda lb, m: "시군구 코드가 시군구와 맞지 않습니다."),
        (r"unknown preference key", lambda lb, m: "알 수 없는 선호 항목입니다."),
        (r"unknown field", lambda lb, m: "알 수 없는 항목입니다."),
    )
)


def _value_error(label: str, error: Mapping[str, Any]) -> str:
    cause = (error.get("ctx") or {}).get("error")
    reason = str(cause) if cause is not None else str(error.get("msg") or "")
    for pattern, translate in _VALUE_REASONS:
        if match := pattern.search(reason):
            return translate(label, match)
    return f"{label} 값이 올바르지 않습니다."


def _length(label: str, error: Mapping[str, Any], bound: str, ending: str) -> str:
    """string_too_short/too_long and the generic too_short/too_long (a str constrained after a validator)."""
    limit = (error.get("ctx") or {}).get(bound)
    unit = (
        "자" if error.get("type", "").startswith("string_") or isinstance(error.get("input"), str) else "개"
    )
    if limit is None:
        return f"{label}의 길이가 올바르지 않습니다."
    if bound == "min_length" and limit == 1 and unit == "자":
        return f"{label}{_particle(label, '을', '를')} 입력해 주세요."
    return f"{_is(label)} {limit}{unit} {ending}"


def _expected(error: Mapping[str, Any]) -> str:
    return str((error.get("ctx") or {}).get("expected", "")).replace(" or ", ", ")


_BY_TYPE: dict[str, Callable[[str, Mapping[str, Any]], str]] = {
    "missing": lambda lb, e: f"{lb}{_particle(lb, '이', '가')} 필요합니다.",
    "string_too_short": lambda lb, e: _length(lb, e, "min_length", "이상이어야 합니다."),
    "too_short": lambda lb, e: _length(lb, e, "min_length", "이상이어야 합니다."),
    "string_too_long": lambda lb, e: _length(lb, e, "max_length", "이하여야 합니다."),
    "too_long": lambda lb, e: _length(lb, e, "max_length", "이하여야 합니다."),
    "string_pattern_mismatch": lambda lb, e: f"{lb} 형식이 올바르지 않습니다.",
    "string_type": lambda lb, e: f"{_is(lb)} 문자열이어야 합니다.",
    "string_unicode": lambda lb, e: f"{_is(lb)} 올바른 유니코드 문자열이어야 합니다.",
    "int_type": lambda lb, e: f"{_is(lb)} 정수여야 합니다.",
    "int_parsing": lambda lb, e: f"{_is(lb)} 정수여야 합니다.",
    "int_from_float": lambda lb, e: f"{_is(lb)} 정수여야 합니다.",
    "int_parsing_size": lambda lb, e: f"{_is(lb)} 너무 큰 수입니다.",
    "float_type": lambda lb, e: f"{_is(lb)} 숫자여야 합니다.",
    "float_parsing": lambda lb, e: f"{_is(lb)} 숫자여야 합니다.",
    "finite_number": lambda lb, e: f"{_is(lb)} 유한한 숫자여야 합니다.",
    "bool_type": lambda lb, e: f"{_is(lb)} true 또는 false여야 합니다.",
    "bool_parsing": lambda lb, e: f"{_is(lb)} true 또는 false여야 합니다.",
    "uuid_type": lambda lb, e: f"{_is(lb)} UUID 형식이어야 합니다.",
    "uuid_parsing": lambda lb, e: f"{_is(lb)} UUID 형식이어야 합니다.",
    "uuid_version": lambda lb, e: f"{_is(lb)} UUID 형식이어야 합니다.",
    "date_type": lambda lb, e: f"{_is(lb)} 날짜(YYYY-MM-DD)여야 합니다.",
    "date_parsing": lambda lb, e: f"{_is(lb)} 날짜(YYYY-MM-DD)여야 합니다.",
    "datetime_type": lambda lb, e: f"{_is(lb)} ISO 8601 날짜·시각이어야 합니다.",
    "datetime_parsing": lambda lb, e: f"{_is(lb)} ISO 8601 날짜·시각이어야 합니다.",
    "greater_than": lambda lb, e: f"{_is(lb)} {e.get('ctx', {}).get('gt')}보다 커야 합니다.",
    "greater_than_equal": lambda lb, e: f"{_is(lb)} {e.get('ctx', {}).get('ge')} 이상이어야 합니다.",
    "less_than": lambda lb, e: f"{_is(lb)} {e.get('ctx', {}).get('lt')}보다 작아야 합니다.",
    "less_than_equal": lambda lb, e: f"{_is(lb)} {e.get('ctx', {}).get('le')} 이하여야 합니다.",
    "literal_error": lambda lb, e: f"{_is(lb)} 다음 중 하나여야 합니다: {_expected(e)}",
    "enum": lambda lb, e: f"{_is(lb)} 다음 중 하나여야 합니다: {_expected(e)}",
    "extra_forbidden": lambda lb, e: f"알 수 없는 항목입니다: {lb}",
    "list_type": lambda lb, e: f"{_is(lb)} 배열이어야 합니다.",
    "tuple_type": lambda lb, e: f"{_is(lb)} 배열이어야 합니다.",
    "set_type": lambda lb, e: f"{_is(lb)} 배열이어야 합니다.",
    "dict_type": lambda lb, e: f"{_is(lb)} JSON 객체여야 합니다.",
    "mapping_type": lambda lb, e: f"{_is(lb)} JSON 객체여야 합니다.",
    "model_type": lambda lb, e: f"{_is(lb)} JSON 객체여야 합니다.",
    "model_attributes_type": lambda lb, e: f"{_is(lb)} JSON 객체여야 합니다.",
    "json_invalid": lambda lb, e: "JSON 본문을 해석할 수 없습니다.",
    "json_type": lambda lb, e: f"{_is(lb)} JSON 문자열이어야 합니다.",
    "union_tag_invalid": lambda lb, e: (
        f"{lb}의 종류(type)가 올바르지 않습니다: {_expected(e)} 중 하나여야 합니다."
    ),
    "union_tag_not_found": lambda lb, e: f"{lb}에 종류(type)가 없습니다.",
    "url_parsing": lambda lb, e: f"{_is(lb)} 올바른 URL이어야 합니다.",
    "url_type": lambda lb, e: f"{_is(lb)} 올바른 URL이어야 합니다.",
    "url_scheme": lambda lb, e: f"{_is(lb)} 올바른 URL이어야 합니다.",
    "value_error": _value_error,
    "assertion_error": _value_error,
}


def korean_message(error: Mapping[str, Any]) -> str:
    """One pydantic (or pydantic-shaped) error as a Korean sentence naming the field, never its input."""
    label, _ = _field_label(error.get("loc", ()))
    translate = _BY_TYPE.get(str(error.get("type")))
    return translate(label, error) if translate else f"{label} 값이 올바르지 않습니다."


def validation_details(errors: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Where (`loc`) and what (`type`, for programs; `msg`, Korean, for people), without the offending
    input: `input` and `ctx` are dropped on purpose, and `msg` names only the field and the rule."""
    return [
        {"loc": _safe_loc(e.get("loc", ())), "type": e.get("type"), "msg": korean_message(e)} for e in errors
    ]


def validation_message(details: Sequence[Mapping[str, Any]], lead: str = _MESSAGE_BY_STATUS[422]) -> str:
    """The top-level message: what is wrong first, so a client that shows only `message` helps too."""
    if not details:
        return lead
    first = str(details[0]["msg"]).rstrip(".")
    more = f" (외 {len(details) - 1}건)" if len(details) > 1 else ""
    return f"{lead.rstrip('.')}: {first}{more}."


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
    details = validation_details(errors)
    return error_response(422, "validation_error", validation_message(details), {"errors": details})


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
