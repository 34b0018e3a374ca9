"""Stateless runs (`POST /runs/stream`, `/runs/wait`, `/runs`): a run without a thread, as the LangGraph
server runs it: on a new temporary thread of the caller, removed once the run is over unless
`on_completion: "keep"` (the server's default for a stateless run is `delete`).

The run is the threaded routes' own (backend/langgraph_api/routes_runs.py) on that thread, created with
`if_not_exists: create`: the same validation, authentication, chat quota, rate limit and turn engine.
The thread is removed like any deleted chat (`ChatSessions.delete`: its transcript, checkpoints, memory
jobs and the memories learned from it, its runs) once its run has settled and the request's own reader
(a wait's result, a stream's last frame) is done with it. A process that dies mid-run leaves the thread
(its run is marked `process_died`), to be deleted like any chat.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable

from fastapi import APIRouter, Response
from sse_starlette import EventSourceResponse

from backend.chats import ChatAccess, ChatSessions
from backend.context import AppContext
from backend.deps import ContextDep, CurrentUser
from backend.errors import ApiError
from backend.langgraph_api import routes_runs
from backend.langgraph_api.adapter import bad_request, resolve_assistant
from backend.langgraph_api.schemas import RunCreate
from backend.sessions import AuthenticatedUser

log = logging.getLogger(__name__)
router = APIRouter(prefix="/runs", tags=["langgraph"])
READER_GRACE_S = 30.0  # how long the removal waits for the stream's reader once the run is over
REMOVE_ATTEMPTS = 20

Start = Callable[[AppContext, AuthenticatedUser, str, RunCreate], Awaitable[Response]]


def _temporary(body: RunCreate) -> RunCreate:
    """The request as a run on a new thread; what needs an existing thread is refused (422)."""
    resolve_assistant(body.assistant_id)  # 404 first, as on a thread
    if body.command is not None or body.checkpoint_id or body.checkpoint is not None:
        raise bad_request(
            "thread_required",
            "command.resume과 checkpoint에는 thread가 필요합니다: /threads/{thread_id}/runs로 보내 주세요.",
        )
    return body.model_copy(update={"if_not_exists": "create"})


def _run_id(response: Response) -> uuid.UUID | None:
    location = response.headers.get("content-location", "")
    with contextlib.suppress(ValueError):
        return uuid.UUID(location.rsplit("/", 1)[-1])
    return None


async def _remove(
    ctx: AppContext, chat: ChatAccess, run_id: uuid.UUID | None, reader: asyncio.Event | None
) -> None:
    """Deletes the temporary thread once its run has settled (and its reader is done, or gone for
    `READER_GRACE_S`)."""
    try:
        if run_id is not None:
            await ctx.runs.settled(run_id)
        poll = max(ctx.settings.langgraph_run_poll_s, 0.05)
        for _ in range(int(ctx.settings.turn_timeout_s / poll) + 100):  # a run the request did not name
            if not await ctx.runs.busy_threads([chat.session_id]):
                break
            await asyncio.sleep(poll)
        if reader is not None:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(reader.wait(), READER_GRACE_S)
        for attempt in range(REMOVE_ATTEMPTS):
            try:
                async with ctx.sessions() as db:
                    await ChatSessions(db).delete(chat.user_id, chat.session_id, ctx.locks)
                return
            except ApiError as exc:
                if exc.status_code == 404:  # never created (a refused request), or deleted already
                    return
                if exc.code != "turn_in_progress":
                    raise
            await asyncio.sleep(0.1 * (attempt + 1))
        log.warning("temporary thread still busy: kept", extra={"thread_id": str(chat.session_id)})
    except Exception:
        log.warning("removing a temporary thread failed", exc_info=True)


async def _stateless(
    ctx: AppContext, user: AuthenticatedUser, body: RunCreate, start: Start, *, streams: bool
) -> Response:
    request = _temporary(body)
    chat = ChatAccess(user.id, uuid.uuid4())
    keep = body.on_completion == "keep"
    reader = asyncio.Event() if streams and not keep else None
    try:
        response = await start(ctx, user, str(chat.session_id), request)
    except BaseException:
        if not keep:  # created the thread, then refused the run (rate limit, quota …): no thread stays
            ctx.turns.runner.spawn(_remove(ctx, chat, None, None), name=f"remove-{chat.session_id}")
        raise
    if keep:
        return response
    if reader is not None and isinstance(response, EventSourceResponse):
        response.body_iterator = _then(response.body_iterator, reader.set)
    remove = _remove(ctx, chat, _run_id(response), reader)
    ctx.turns.runner.spawn(remove, name=f"remove-{chat.session_id}")
    return response


async def _then(body: AsyncIterator[bytes], done: Callable[[], None]) -> AsyncIterator[bytes]:
    try:
        async for chunk in body:
            yield chunk
    finally:
        done()


@router.post("/stream", summary="A stateless run: a temporary thread, one turn, streamed (SSE)")
async def stream_stateless(ctx: ContextDep, user: CurrentUser, body: RunCreate) -> Response:
    return await _stateless(ctx, user, body, routes_runs.stream_run, streams=True)


@router.post("/wait", summary="A stateless run: a temporary thread, one turn, its values at the end")
async def wait_stateless(ctx: ContextDep, user: CurrentUser, body: RunCreate) -> Response:
    return await _stateless(ctx, user, body, routes_runs.wait_run, streams=False)


@router.post("", summary="A stateless run in the background (its thread is removed when it ends)")
async def create_stateless(ctx: ContextDep, user: CurrentUser, body: RunCreate) -> Response:
    return await _stateless(ctx, user, body, routes_runs.create_run, streams=False)
