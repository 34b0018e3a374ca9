"""WebSocket chat: the same turns as the HTTP routes, with the event names the seeds' UI expects.

Auth: `?token=<jwt>` or a first message `{"type": "auth", "token": "..."}`. Client messages:
`{"type": "query", "content", "turn_id"?, "use_memory"?}` and `{"type": "interrupt_response", "action", "feedback"?}`.
Server messages: `{"type": <event>, "data": <the SSE event's data>}` with types metadata, plan_ready,
todo_updated, token, workflow_interrupted, final_response and error (data: `{code, message, details}`).
Turns on one socket run one after another; a closed socket never cancels a running turn.

The checks are the HTTP routes' own (backend/deps.py): `authenticate` and `chat_access` when the socket
opens and again before every message (a token past its expiry, a login session that ended — logout,
password change, erasure — or a chat deleted meanwhile stops the socket at its next message, exactly as the
next HTTP request would be refused), the rate limit inside `TurnService.start`, and `expected_error` for
what a failure means. Refusals close the socket with the HTTP status's close code (`CLOSE_CODES`: 4401 sign
in again, 4404 chat not found, 1013 try again later) after an error event; the close reason is the error
code. A frame over `ws_max_message_bytes` closes with 1009; JSON nested deeper than `MAX_JSON_DEPTH` (the
parser would recurse on it) is an error event like any malformed message; a bug closes with 1011.
"""

from __future__ import annotations

import asyncio
import json
import logging
import uuid
from typing import Annotated, Any, Literal

from fastapi import APIRouter, WebSocket
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, model_validator
from starlette.websockets import WebSocketDisconnect, WebSocketState

from backend.chats import ChatAccess
from backend.context import AppContext
from backend.deps import ContextDep, authenticate, chat_access
from backend.errors import ApiError, expected_error, not_found, validation_details
from backend.schemas import (
    FeedbackStr,
    InterruptIdStr,
    NonBlankStr,
    ResumeAction,
    require_feedback_for_answer,
)
from backend.turns import ResumeChoice, Turn, TurnRequest

router = APIRouter(tags=["websocket"])

WS_EVENT_TYPES = {
    "metadata": "metadata",
    "plan": "plan_ready",
    "step": "todo_updated",
    "token": "token",
    "interrupt": "workflow_interrupted",
    "final": "final_response",
    "error": "error",
}
CLOSE_CODES = {401: 4401, 404: 4404, 413: 1009, 503: 1013}  # 1009: message too big; 1013: try later
CLOSE_INTERNAL_ERROR = 1011
# Client messages are flat objects; anything nested deeper is refused before json.loads recurses into it.
MAX_JSON_DEPTH = 8

log = logging.getLogger("budongsan.ws")


class _WsMessage(BaseModel):
    model_config = ConfigDict(extra="forbid")


class WsAuth(_WsMessage):
    type: Literal["auth"]
    token: Annotated[str, Field(max_length=4096)]


class WsQuery(_WsMessage):
    type: Literal["query"]
    content: NonBlankStr
    turn_id: uuid.UUID | None = None
    use_memory: bool = True


class WsInterruptResponse(_WsMessage):
    type: Literal["interrupt_response"]
    action: ResumeAction
    feedback: FeedbackStr | None = None
    turn_id: uuid.UUID | None = None
    interrupt_id: InterruptIdStr | None = None

    @model_validator(mode="after")
    def _answer_needs_feedback(self) -> WsInterruptResponse:
        require_feedback_for_answer(self.action, self.feedback)
        return self


ClientMessage = TypeAdapter(Annotated[WsAuth | WsQuery | WsInterruptResponse, Field(discriminator="type")])


class _Closed(Exception):
    """The client went away; the turn (if any) carries on without it."""


class FrameTooLarge(ApiError):
    def __init__(self, limit: int) -> None:
        super().__init__(413, "payload_too_large", "메시지가 너무 큽니다.", {"limit_bytes": limit})


class JsonTooDeep(ApiError):
    def __init__(self, limit: int) -> None:
        message = "메시지의 JSON이 너무 깊게 중첩되어 있습니다."
        super().__init__(422, "json_too_deep", message, {"max_depth": limit})


def json_too_deep(raw: str, limit: int) -> bool:
    """Whether brackets outside strings nest deeper than `limit`: a flat message costs two C-level counts;
    only a frame with many brackets is walked character by character."""
    if raw.count("[") + raw.count("{") <= limit:
        return False
    depth, in_string, escaped = 0, False, False
    for char in raw:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > limit:
                return True
        elif char in "]}":
            depth -= 1
    return False


class ChatSocket:
    """One connected client: authenticate, check the chat is theirs, then serve turns in order."""

    def __init__(self, websocket: WebSocket, ctx: AppContext, session_id: str) -> None:
        self.ws = websocket
        self.ctx = ctx
        self.raw_session_id = session_id

    async def serve(self) -> None:
        await self.ws.accept()
        try:
            token = await self._token()
            await self._authorize(token)
            while True:
                message = await self._next_message()
                if message is not None:
                    chat = await self._authorize(token)
                    await self._run_turn(chat, message)
        except (_Closed, WebSocketDisconnect):
            return
        except Exception as exc:
            error = expected_error(exc, self.ctx.settings.retry_after_s)
            if error is None:
                log.error("websocket chat failed", exc_info=exc)
                error = ApiError(500, "internal_error", "서버 내부 오류가 발생했습니다.")
            await self._close_with(error, CLOSE_CODES.get(error.status_code, CLOSE_INTERNAL_ERROR))

    async def _authorize(self, token: str | None) -> ChatAccess:
        """The HTTP path's checks, on opening and before each message: a token that stopped being good
        (expired, its login session ended, its user erased) or a chat deleted meanwhile raises 401/404."""
        user = await authenticate(self.ctx, token)
        return await chat_access(self.ctx, user, self._session_id())

    # connection setup ----------------------------------------------------------------------------

    async def _token(self) -> str | None:
        """`?token=` or the first message; None (then 401) when neither arrives in time."""
        token = self.ws.query_params.get("token")
        if token is not None:
            return token
        try:
            first = await asyncio.wait_for(self._receive_json(), self.ctx.settings.ws_auth_timeout_s)
            return WsAuth.model_validate(first).token
        except (TimeoutError, ValueError, JsonTooDeep):
            return None

    def _session_id(self) -> uuid.UUID:
        """The path's id; not a UUID is "not found" here (HTTP answers 422, but a socket has no body)."""
        try:
            return uuid.UUID(self.raw_session_id)
        except ValueError:
            raise not_found("chat_session") from None

    # turns ---------------------------------------------------------------------------------------

    async def _next_message(self) -> WsQuery | WsInterruptResponse | None:
        try:
            message = ClientMessage.validate_python(await self._receive_json())
        except JsonTooDeep as exc:
            await self._send_error(exc)
            return None
        except ValueError as exc:
            details = {"errors": validation_details(exc.errors())} if isinstance(exc, ValidationError) else {}
            await self._send_error(
                ApiError(422, "validation_error", "메시지 형식이 올바르지 않습니다.", details)
            )
            return None
        if isinstance(message, WsAuth):
            return None  # already authenticated; a repeated auth message is harmless
        return message

    async def _run_turn(self, chat: ChatAccess, message: WsQuery | WsInterruptResponse) -> None:
        """A refused turn (429, 409, 422, 503 …) is an error event; the socket stays open."""
        try:
            turn = await self.ctx.turns.start(self._turn_request(chat, message))
        except Exception as exc:
            error = expected_error(exc, self.ctx.settings.retry_after_s)
            if error is None:
                raise
            await self._send_error(error)
            return
        await self._forward(turn)

    @staticmethod
    def _turn_request(chat: ChatAccess, message: WsQuery | WsInterruptResponse) -> TurnRequest:
        if isinstance(message, WsQuery):
            return TurnRequest(
                chat, message.content, message.turn_id or uuid.uuid4(), use_memory=message.use_memory
            )
        choice = ResumeChoice(message.action, message.feedback, message.interrupt_id)
        return TurnRequest.resuming(chat, choice, message.turn_id)

    async def _forward(self, turn: Turn) -> None:
        gauge = self.ctx.metrics.active_streams.labels("websocket")
        gauge.inc()
        try:
            async for event in turn.events():
                await self._send({"type": WS_EVENT_TYPES[event.type], "data": event.data})
        finally:
            gauge.dec()

    # wire ----------------------------------------------------------------------------------------

    async def _receive_json(self) -> Any:
        message = await self.ws.receive()
        if message["type"] == "websocket.disconnect":
            raise _Closed
        raw = message.get("text")
        if raw is None:
            raw_bytes = message.get("bytes") or b""
            try:
                raw = raw_bytes.decode("utf-8")
            except UnicodeDecodeError:
                raise ValueError("not UTF-8") from None
        limit = self.ctx.settings.ws_max_message_bytes
        if len(raw) > limit or len(raw.encode("utf-8")) > limit:  # chars first: no copy for huge frames
            raise FrameTooLarge(limit)
        if json_too_deep(raw, MAX_JSON_DEPTH):
            raise JsonTooDeep(MAX_JSON_DEPTH)
        return json.loads(raw)

    async def _send(self, payload: dict[str, Any]) -> None:
        if self.ws.application_state != WebSocketState.CONNECTED:
            raise _Closed
        try:
            await self.ws.send_json(payload)
        except (WebSocketDisconnect, RuntimeError, OSError):
            raise _Closed from None

    async def _send_error(self, error: ApiError) -> None:
        await self._send(
            {
                "type": "error",
                "data": {"code": error.code, "message": error.message, "details": error.details},
            }
        )

    async def _close_with(self, error: ApiError, code: int) -> None:
        """Error event, then a close frame whose reason is the error code (a client may see only one)."""
        try:
            await self._send_error(error)
            await self.ws.close(code=code, reason=error.code)
        except (_Closed, RuntimeError, OSError):
            pass


@router.websocket("/chat/ws/{session_id}")
async def chat_websocket(websocket: WebSocket, session_id: str, ctx: ContextDep) -> None:
    await ChatSocket(websocket, ctx, session_id).serve()
