"""WebSocket chat: the same turns as the HTTP routes, with the event names the seeds' UI expects.

Auth: `?token=<jwt>` or a first message `{"type": "auth", "token": "..."}`. Client messages:
`{"type": "query", "content", "turn_id"?}` and `{"type": "interrupt_response", "action", "feedback"?}`.
Server messages: `{"type": <event>, "data": <the SSE event's data>}` with types metadata, plan_ready,
todo_updated, token, workflow_interrupted, final_response and error (data: `{code, message, details}`).
Turns on one socket run one after another; a closed socket never cancels a running turn.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from typing import Annotated, Any, Literal

from fastapi import APIRouter, WebSocket
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, model_validator
from starlette.websockets import WebSocketDisconnect, WebSocketState

from backend.chats import ChatSessions
from backend.dberrors import is_unavailable
from backend.deps import user_from_token
from backend.errors import ApiError, unavailable, validation_details
from backend.models import User
from backend.schemas import (
    FeedbackStr,
    InterruptIdStr,
    NonBlankStr,
    ResumeAction,
    require_feedback_for_answer,
)
from backend.turns import ResumeChoice, Turn, TurnRequest
from backend.users import UserService

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
CLOSE_UNAUTHORIZED = 4401
CLOSE_NOT_FOUND = 4404
CLOSE_TRY_AGAIN_LATER = 1013


class _WsMessage(BaseModel):
    model_config = ConfigDict(extra="forbid")


class WsAuth(_WsMessage):
    type: Literal["auth"]
    token: Annotated[str, Field(max_length=4096)]


class WsQuery(_WsMessage):
    type: Literal["query"]
    content: NonBlankStr
    turn_id: uuid.UUID | None = None


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


class ChatSocket:
    """One connected client: authenticate, check the chat is theirs, then serve turns in order."""

    def __init__(self, websocket: WebSocket, session_id: str) -> None:
        self.ws = websocket
        self.state = websocket.app.state
        self.raw_session_id = session_id

    async def serve(self) -> None:
        await self.ws.accept()
        try:
            user = await self._authenticate()
            if user is None:
                return
            session_id = await self._owned_session(user)
            if session_id is None:
                return
            while True:
                message = await self._next_message()
                if message is not None:
                    await self._run_turn(user, session_id, message)
        except (_Closed, WebSocketDisconnect):
            return
        except Exception as exc:
            if not is_unavailable(exc):
                raise
            await self._close_with(unavailable(self.state.settings.retry_after_s), CLOSE_TRY_AGAIN_LATER)

    # connection setup ----------------------------------------------------------------------------

    async def _authenticate(self) -> User | None:
        token = self.ws.query_params.get("token")
        if token is None:
            try:
                first = await asyncio.wait_for(self._receive_json(), self.state.settings.ws_auth_timeout_s)
                token = WsAuth.model_validate(first).token
            except (TimeoutError, ValidationError, ValueError):
                token = None
        try:
            async with self.state.sessions() as db:
                return await user_from_token(token, self.state.tokens, UserService(db, self.state.passwords))
        except ApiError as exc:
            await self._close_with(exc, CLOSE_UNAUTHORIZED)
            return None

    async def _owned_session(self, user: User) -> uuid.UUID | None:
        try:
            session_id = uuid.UUID(self.raw_session_id)
            async with self.state.sessions() as db:
                await ChatSessions(db).get(user.id, session_id)
            return session_id
        except (ValueError, ApiError):
            await self._close_with(
                ApiError(404, "not_found", "요청한 항목을 찾을 수 없습니다."), CLOSE_NOT_FOUND
            )
            return None

    # turns ---------------------------------------------------------------------------------------

    async def _next_message(self) -> WsQuery | WsInterruptResponse | None:
        try:
            message = ClientMessage.validate_python(await self._receive_json())
        except ValueError as exc:
            details = {"errors": validation_details(exc.errors())} if isinstance(exc, ValidationError) else {}
            await self._send_error(
                ApiError(422, "validation_error", "메시지 형식이 올바르지 않습니다.", details)
            )
            return None
        if isinstance(message, WsAuth):
            return None  # already authenticated; a repeated auth message is harmless
        return message

    async def _run_turn(
        self, user: User, session_id: uuid.UUID, message: WsQuery | WsInterruptResponse
    ) -> None:
        try:
            await self.state.rate_limiter.hit(user.id)
            turn = await self.state.turns.start(self._turn_request(user, session_id, message))
        except ApiError as exc:
            await self._send_error(exc)
            return
        except Exception as exc:
            if not is_unavailable(exc):
                raise
            await self._send_error(unavailable(self.state.settings.retry_after_s))
            return
        await self._forward(turn)

    @staticmethod
    def _turn_request(
        user: User, session_id: uuid.UUID, message: WsQuery | WsInterruptResponse
    ) -> TurnRequest:
        if isinstance(message, WsQuery):
            return TurnRequest(user.id, session_id, message.content, message.turn_id or uuid.uuid4())
        choice = ResumeChoice(message.action, message.feedback, message.interrupt_id)
        return TurnRequest.resuming(user.id, session_id, choice, message.turn_id)

    async def _forward(self, turn: Turn) -> None:
        gauge = self.state.metrics.active_streams.labels("websocket")
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
        if len(raw) > self.state.settings.max_body_bytes:
            raise ValueError("message too large")
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
        try:
            await self._send_error(error)
            await self.ws.close(code=code)
        except _Closed:
            pass


@router.websocket("/chat/ws/{session_id}")
async def chat_websocket(websocket: WebSocket, session_id: str) -> None:
    await ChatSocket(websocket, session_id).serve()
