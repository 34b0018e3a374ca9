"""Turns (send a message, resume a paused one) and the transcript of one chat.

A turn answers as Server-Sent Events when the client sends `Accept: text/event-stream`, otherwise as one
JSON document once the turn is over. Either way the turn itself runs detached from this request.

The transcript is a tree (forks made through the LangGraph API: regenerate / edit an earlier message);
the listing shows the chat's active branch, and `…/messages/{id}/activate` switches to another one.
"""

from __future__ import annotations

import json
import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from sse_starlette import EventSourceResponse, ServerSentEvent

from backend.chats import ChatAccess, ChatSessions, MessagePageResult, turn_in_progress
from backend.deps import ChatSessionsDep, ClaimedChat, ContextDep, LocksDep, OwnedChat, PageDep
from backend.locks import SessionBusy
from backend.metrics import Metrics
from backend.schemas import (
    BODY_ERRORS,
    DB_ERRORS,
    InterruptOut,
    MessageBranch,
    MessageCreate,
    MessageOut,
    MessagePage,
    ResumeRequest,
    TranscriptMessageOut,
    TurnResult,
    error_responses,
)
from backend.settings import Settings
from backend.turns import ResumeChoice, Turn, TurnRequest

router = APIRouter(prefix="/chat/sessions/{session_id}", tags=["messages"])

SSE_EXAMPLE = (
    'event: metadata\ndata: {"session_id": "…", "turn_id": "…", "user_message": {…}}\n\n'
    'event: plan\ndata: {"intent": "MARKET_INQUIRY", "steps": [{"id": "s1", "team": "search", …}]}\n\n'
    'event: step\ndata: {"step": {"id": "s1", "status": "completed", …}}\n\n'
    'event: token\ndata: {"text": "최근 6개월 "}\n\n'
    'event: final\ndata: {"id": 42, "role": "assistant", "content": "…", "structured_data": {…}, …}\n\n'
)
TURN_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "JSON turn result, or with `Accept: text/event-stream` a stream of events: metadata, "
        "plan, step, token, interrupt, final, error (plus `: ping` comments while idle).",
        "content": {"text/event-stream": {"schema": {"type": "string"}, "example": SSE_EXAMPLE}},
    },
    # 504: the turn ran longer than `turn_timeout_s`.
    **error_responses(*BODY_ERRORS, 401, 403, 404, 409, 429, *DB_ERRORS, 504),
}


def _wants_event_stream(request: Request) -> bool:
    return "text/event-stream" in request.headers.get("accept", "").lower()


def _event_stream(turn: Turn, settings: Settings, metrics: Metrics) -> EventSourceResponse:
    async def events():
        gauge = metrics.active_streams.labels("sse")
        gauge.inc()
        try:
            async for event in turn.events():
                yield ServerSentEvent(data=json.dumps(event.data, ensure_ascii=False), event=event.type)
        finally:
            gauge.dec()

    return EventSourceResponse(
        events(),
        ping=settings.sse_ping_s,
        shutdown_grace_period=settings.shutdown_grace_s,
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )


async def _turn_result(turn: Turn) -> TurnResult:
    outcome = await turn.outcome()
    if outcome.error is not None:
        raise outcome.error
    assert outcome.assistant_message is not None
    interrupt = outcome.interrupt
    return TurnResult(
        turn_id=turn.turn_id,
        user_message=MessageOut.model_validate(outcome.user_message),
        assistant_message=MessageOut.model_validate(outcome.assistant_message),
        interrupt=InterruptOut(
            id=interrupt.id, type=interrupt.type, question=interrupt.question, payload=interrupt.payload
        )
        if interrupt
        else None,
    )


async def _respond(request: Request, turn: Turn, settings: Settings, metrics: Metrics) -> Any:
    if _wants_event_stream(request):
        return _event_stream(turn, settings, metrics)
    return await _turn_result(turn)


@router.post(
    "/messages",
    response_model=TurnResult,
    responses=TURN_RESPONSES,
    summary="Ask a question in this chat (JSON, or SSE with Accept: text/event-stream)",
)
async def send_message(chat: ClaimedChat, body: MessageCreate, request: Request, ctx: ContextDep) -> Any:
    # The app context as one dependency rather than turns, settings and metrics as three: FastAPI resolves
    # every dependency of a request anew (cache keys, scopes), and this is the hottest route.
    turn = await ctx.turns.start(
        TurnRequest(chat, body.content, body.turn_id or uuid.uuid4(), use_memory=body.use_memory)
    )
    return await _respond(request, turn, ctx.settings, ctx.metrics)


@router.post(
    "/resume",
    response_model=TurnResult,
    responses=TURN_RESPONSES,
    summary="Answer the paused assistant (approve / modify / reject a contract draft, or answer a question)",
)
async def resume_turn(chat: ClaimedChat, body: ResumeRequest, request: Request, ctx: ContextDep) -> Any:
    choice = ResumeChoice(body.action, body.feedback, body.interrupt_id)
    turn = await ctx.turns.start(TurnRequest.resuming(chat, choice, body.turn_id))
    return await _respond(request, turn, ctx.settings, ctx.metrics)


@router.get(
    "/messages",
    response_model=MessagePage,
    responses=error_responses(401, 404, 422, *DB_ERRORS),
    summary="The transcript, one page at a time (oldest → newest within a page; page back with `before`)",
)
async def list_messages(
    chat: OwnedChat,
    chats: ChatSessionsDep,
    page: PageDep,
    before: Annotated[
        int | None, Query(ge=1, le=2**63 - 1, description="`next_before` of the newer page")
    ] = None,
) -> MessagePage:
    return await _page(chats, chat, await chats.transcript(chat, page.limit, before))


@router.post(
    "/messages/{message_id}/activate",
    response_model=MessagePage,
    responses=error_responses(401, 404, 409, 422, *DB_ERRORS),
    summary="Show the branch through this message (its newest message becomes the chat's active leaf); "
    "answers with the newest page of that branch",
)
async def activate_branch(
    chat: OwnedChat,
    chats: ChatSessionsDep,
    locks: LocksDep,
    page: PageDep,
    message_id: Annotated[int, Path(ge=1, le=2**63 - 1)],
) -> MessagePage:
    try:  # not while a turn runs: it decides which branch its question follows
        lease = await locks.acquire(chat.session_id)
    except SessionBusy:
        raise turn_in_progress(chat.session_id) from None
    try:
        await chats.activate(chat, message_id)
    finally:
        await lease.release()
    return await _page(chats, chat, await chats.transcript(chat, page.limit, None))


async def _page(chats: ChatSessions, chat: ChatAccess, result: MessagePageResult) -> MessagePage:
    """The page, each question with alternatives marked with where it stands among them."""
    siblings = await chats.siblings(chat, result.items)
    items = []
    for message in result.items:
        out = TranscriptMessageOut.model_validate(message)
        ids = siblings.get(message.id)
        if ids:
            out.branch = MessageBranch(index=ids.index(message.id) + 1, count=len(ids), siblings=ids)
        items.append(out)
    return MessagePage(items=items, next_before=result.next_before)
