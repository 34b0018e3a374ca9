"""Runs on a thread: stream (SSE), wait, create in the background, join, get, list, join a stream.

Every run is a turn started through `TurnService` (backend/runs.py), so it shares the chat lock, the rate
limit and the transcript with the REST and WebSocket turns. Responses name the run in `Content-Location`
(`/threads/{t}/runs/{r}`); a stream also sets `Location` to its rejoin URL.
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, replace
from functools import partial
from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Response, status
from fastapi.responses import JSONResponse
from sse_starlette import EventSourceResponse

from backend.chats import ChatAccess
from backend.context import AppContext
from backend.deps import ContextDep, CurrentUser, chat_access
from backend.errors import ApiError, not_found
from backend.langgraph_api.adapter import (
    ASSISTANT_ID,
    CONTEXT_KEYS,
    GRAPH_ID,
    StoredMessage,
    bad_request,
    check_decision,
    fork_checkpoint,
    human_id,
    human_input,
    interrupt_json,
    message_json,
    resolve_assistant,
    resume_choice,
    stored_interrupt,
    values_json,
)
from backend.langgraph_api.deps import OwnedThread
from backend.langgraph_api.schemas import STREAM_MODES, RunCreate
from backend.langgraph_api.sse import cancelling_on_close, error_json, frame, run_stream
from backend.langgraph_api.threads import Threads, parse_thread_id
from backend.models import Run
from backend.runs import ACTIVE, LiveRun, RunRow, RunSpec, autocommit
from backend.sessions import AuthenticatedUser
from backend.turns import PendingInterrupt, TurnEvent

router = APIRouter(prefix="/threads/{thread_id}/runs", tags=["langgraph"])
CONFIG_KEYS = frozenset({"configurable", "tags", "metadata", "recursion_limit", "run_name"})
ANSWER_FIELDS = ("turn_id", "role", "content", "structured_data")  # what an answer's message_json needs


@dataclass(frozen=True, slots=True)
class _Answer:
    """An answer as its final (or interrupt) event carries it, as much as `message_json` reads: a plain
    object, not an ORM `ChatMessage` (whose instance state cost ~40 µs to build, once a run)."""

    turn_id: Any
    role: str
    content: str
    structured_data: dict[str, Any] | None
    client_message_id: str | None = None

    @classmethod
    def of(cls, data: dict[str, Any]) -> _Answer:
        return cls(*(data.get(k) for k in ANSWER_FIELDS))


# --- what a run request means ---------------------------------------------------------------------


def stream_modes(requested: str | list[str] | None) -> list[str]:
    modes = [requested] if isinstance(requested, str) else list(requested or ["values"])
    unknown = sorted(set(modes) - set(STREAM_MODES))
    if unknown:
        raise bad_request(
            "unsupported_stream_mode",
            "지원하지 않는 stream_mode입니다.",
            {"modes": unknown[:10], "supported": list(STREAM_MODES)},
        )
    return modes


def run_spec(body: RunCreate) -> RunSpec:
    """The request checked against what this server honours; 422 for anything it would ignore."""
    resolve_assistant(body.assistant_id)
    if body.interrupt_before or body.interrupt_after:
        raise bad_request("unsupported_option", "interrupt_before/interrupt_after는 지원하지 않습니다.")
    config = body.config or {}
    if set(config) - CONFIG_KEYS or config.get("configurable"):
        raise bad_request(
            "config_not_allowed",
            "config.configurable은 받지 않습니다: 사용자와 대화는 인증과 경로에서 정해집니다. 옵션은 context로 보내 주세요.",
            {"context_keys": sorted(CONTEXT_KEYS)},
        )
    context = body.context or {}
    unknown = sorted(set(context) - CONTEXT_KEYS)
    if unknown or not isinstance(context.get("use_memory", True), bool):
        raise bad_request(
            "context_field_not_allowed",
            "context에는 use_memory(true/false)만 보낼 수 있습니다.",
            {"fields": unknown[:10], "allowed": sorted(CONTEXT_KEYS)},
        )
    checkpoint_id = fork_checkpoint(body.checkpoint_id, body.checkpoint)
    resume = body.command.resume if body.command is not None else None
    if body.command is not None and resume is None:
        raise bad_request("invalid_command", "command에는 resume만 보낼 수 있습니다.")
    has_input = bool(body.input)
    if resume is not None and has_input:
        raise bad_request("invalid_command", "input과 command.resume은 함께 보낼 수 없습니다.")
    if resume is None and not has_input and checkpoint_id is None:
        raise bad_request("nothing_to_run", "input.messages 또는 command.resume이 필요합니다.")
    kwargs = {
        "stream_mode": stream_modes(body.stream_mode),
        "context": context,
        "resumable": body.stream_resumable,
        "on_disconnect": body.on_disconnect,
    }
    common = {
        "assistant_id": ASSISTANT_ID,
        "checkpoint_id": checkpoint_id,
        "multitask_strategy": body.multitask_strategy,
        "metadata": body.metadata or {},
        "kwargs": kwargs,
    }
    if resume is not None:
        return RunSpec(content=None, resume=resume_choice(resume), **common)  # type: ignore[arg-type]
    if not has_input:  # regenerate: the question that followed the checkpoint is asked again (_start)
        return RunSpec(content=None, use_memory=context.get("use_memory", True), **common)  # type: ignore[arg-type]
    text, client_id, use_memory = human_input(body.input)
    if use_memory is None:
        use_memory = context.get("use_memory", True)
    return RunSpec(content=text, client_message_id=client_id, use_memory=use_memory, **common)  # type: ignore[arg-type]


async def _thread_for_run(
    ctx: AppContext, user: AuthenticatedUser, raw_id: str, body: RunCreate, *, check: bool
) -> ChatAccess:
    """The caller's thread; with `if_not_exists: create` a missing one is created under this id. Unless
    `check` or creating, the owner is left to the run's own first statement (backend/runs.py)."""
    thread_id = parse_thread_id(raw_id)
    if not check and body.if_not_exists != "create":
        return ChatAccess(user.id, thread_id, checked=False)
    try:
        return await chat_access(ctx, user, thread_id)
    except ApiError as exc:
        if exc.status_code != 404 or body.if_not_exists != "create":
            raise
    async with ctx.sessions() as db:
        threads = Threads(db, ctx.settings.langgraph_state_messages)
        await threads.create(user.id, thread_id, {}, quota=ctx.settings.quota_chats_per_user)
    return ChatAccess(user.id, thread_id)


async def _start(ctx: AppContext, user: AuthenticatedUser, raw_id: str, body: RunCreate):
    spec = run_spec(body)
    forked = spec.checkpoint_id is not None or body.command is not None
    chat = await _thread_for_run(ctx, user, raw_id, body, check=forked)
    if forked:
        # A fork outside retention is refused here, before a run is stored (409; the turn checks again
        # under the chat lock, where it counts), and a decision is checked against the question waiting
        # where the run starts.
        base = await ctx.turns.locate(chat, spec.checkpoint_id)
        if spec.content is None and spec.resume is None:
            spec = replace(spec, content=await ctx.turns.question_after(chat, spec.checkpoint_id))
        if body.command is not None:
            config = base.config({"configurable": {"thread_id": str(chat.session_id)}})
            state = await ctx.graph.aget_state(config)
            pending = PendingInterrupt.from_graph(state.interrupts[0]) if state.interrupts else None
            check_decision(body.command.resume, pending)
    ids = {"graph_id": GRAPH_ID, "assistant_id": ASSISTANT_ID}  # agent-chat-ui lists threads by these
    try:
        row, live = await ctx.runs.create(chat, spec, thread_metadata=ids)
    except ApiError as exc:  # a busy thread (reject) or a full queue clears by itself: say when to retry
        if exc.code in ("thread_busy", "run_queue_full") and not (exc.headers or {}).get("Retry-After"):
            exc.headers = {**(exc.headers or {}), "Retry-After": str(ctx.settings.retry_after_s)}
        raise
    return chat, row, live, spec


# --- what a run looks like ------------------------------------------------------------------------


def run_json(row: Run | RunRow) -> dict[str, Any]:
    return {
        "run_id": str(row.run_id),
        "thread_id": str(row.thread_id),
        "assistant_id": row.assistant_id,
        "created_at": row.created_at.isoformat(),
        "updated_at": row.updated_at.isoformat(),
        "status": row.status,
        "metadata": row.meta or {},
        "multitask_strategy": row.multitask_strategy,
        "kwargs": {k: v for k, v in (row.kwargs or {}).items() if k != "turn"},  # "turn": our restart data
    }


def _location(row: Run | RunRow) -> str:
    return f"/threads/{row.thread_id}/runs/{row.run_id}"


async def run_result(
    ctx: AppContext, chat: ChatAccess, row: Run | RunRow, *, at_run_end: bool = False
) -> dict[str, Any]:
    """What wait/join return: the thread's values (with `__interrupt__` when paused), or `__error__`.
    `at_run_end` (wait, like the last `values` event of the run's own stream): the values as this run left
    them, without what a run queued behind it has stored since."""
    if row.status == "error":
        return {"__error__": error_json(row.error or {})}
    async with autocommit(ctx.sessions) as db:
        threads = Threads(db, ctx.settings.langgraph_state_messages)
        messages = (await threads.messages([chat.session_id])).get(chat.session_id, [])
    own = [i for i, m in enumerate(messages) if str(m.turn_id) == str(row.run_id)] if at_run_end else []
    if own:
        messages = messages[: own[-1] + 1]
    values = values_json(messages)
    pending = stored_interrupt(messages[-1] if messages else None)
    if row.status == "interrupted" and pending is not None:
        values["__interrupt__"] = [interrupt_json(pending)]
    return values


def _values_loader(ctx: AppContext, chat: ChatAccess):
    async def load() -> dict[str, Any]:
        async with autocommit(ctx.sessions) as db:
            return await Threads(db, ctx.settings.langgraph_state_messages).values(chat.session_id)

    return load


class _RunValues:
    """The values along the stream of a run that asks a new question: read once, when its question is
    stored (the `metadata` event), and at its end that read plus its own answer, so the end costs no
    second read (and shows none of what a run queued behind it stored since, as `runs.wait` answers).
    Read afresh unless that read ended with the run's question (a reader that fell behind the run, a
    replayed answer)."""

    def __init__(self, ctx: AppContext, chat: ChatAccess, question_id: str) -> None:
        self._read = _values_loader(ctx, chat)
        self._limit = ctx.settings.langgraph_state_messages
        self._question_id = question_id  # the run's human message, as values show it
        self._messages: list[dict[str, Any]] | None = None
        self._answer: dict[str, Any] | None = None  # the stored answer, as its final/interrupt event has it

    async def follow(
        self, events: AsyncIterator[tuple[int, TurnEvent]]
    ) -> AsyncIterator[tuple[int, TurnEvent]]:
        async for seq, event in events:
            if event.type == "final":
                self._answer = event.data
            elif event.type == "interrupt":
                self._answer = event.data.get("assistant_message")
            yield seq, event

    async def load(self) -> dict[str, Any]:
        if self._messages and self._answer is not None and self._messages[-1]["id"] == self._question_id:
            answer = message_json(_Answer.of(self._answer))
            if all(m["id"] != answer["id"] for m in self._messages):
                return {"messages": [*self._messages, answer][-self._limit :]}
        values = await self._read()
        if self._messages is None:
            self._messages = values["messages"]
        return values


def _sse(
    ctx: AppContext, body, headers: dict[str, str], on_disconnect: Callable[[], None] | None = None
) -> EventSourceResponse:
    """`on_disconnect` runs as soon as the client leaves: a stream waiting on a blocked run has no frame
    to fail on, and its generator's own cleanup may run only when it is finalized."""

    async def client_left(_message: object) -> None:
        if on_disconnect is not None:
            on_disconnect()

    return EventSourceResponse(
        body,
        ping=ctx.settings.sse_ping_s,
        shutdown_grace_period=ctx.settings.shutdown_grace_s,
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no", **headers},
        client_close_handler_callable=client_left if on_disconnect is not None else None,
    )


# --- routes ---------------------------------------------------------------------------------------


@router.post("/stream", summary="Start a run and stream its events (SSE)")
async def stream_run(
    ctx: ContextDep, user: CurrentUser, thread_id: str, body: RunCreate
) -> EventSourceResponse:
    chat, row, live, spec = await _start(ctx, user, thread_id, body)
    headers = {"Content-Location": _location(row), "Location": f"{_location(row)}/stream"}
    modes = spec.kwargs["stream_mode"]
    if spec.content is not None and spec.resume is None and spec.checkpoint_id is None:
        # a new question on the active branch: its answer follows it
        values = _RunValues(ctx, chat, human_id(live.run_id, spec.client_message_id))
        events = run_stream(
            live.run_id,
            live.thread_id,
            values.follow(live.follow()),
            modes,
            values.load,
            ids=live.resumable,
            first_ready=live.started,
        )
    else:
        events = _live_stream(ctx, chat, live, modes, 0)
    if body.on_disconnect == "cancel":
        cancel = partial(ctx.runs.cancel_soon, chat, row.run_id, "interrupt")
        return _sse(ctx, cancelling_on_close(events, cancel), headers, on_disconnect=cancel)
    return _sse(ctx, events, headers)


def _live_stream(ctx: AppContext, chat: ChatAccess, live: LiveRun, modes: list[str], after: int):
    load = _values_loader(ctx, chat)
    start = 0 if "messages" in modes else after  # `messages` accumulates the answer from its first token
    events = live.follow(start)
    return run_stream(
        live.run_id, live.thread_id, events, modes, load, ids=live.resumable, skip_through=after
    )


async def _messages_now(ctx: AppContext, chat: ChatAccess) -> list[StoredMessage]:
    async with autocommit(ctx.sessions) as db:
        threads = Threads(db, ctx.settings.langgraph_state_messages)
        return (await threads.messages([chat.session_id])).get(chat.session_id, [])


def _answered_values(
    messages: list[StoredMessage], done: Run | RunRow, live: LiveRun, limit: int
) -> dict[str, Any] | None:
    """What `run_result(at_run_end=True)` answers for a run that succeeded, from the messages read while
    it ran (ending with its question: nothing else is stored on the thread until its turn is over) and
    the answer its final event carries. None when that read cannot stand for it: `run_result` reads."""
    last = messages[-1] if messages else None
    final = live.events[-1] if live.events else None
    if (
        done.status != "success"
        or last is None
        or last.role != "user"
        or str(last.turn_id) != str(live.run_id)
        or final is None
        or final.type != "final"
    ):
        return None
    answer = _Answer.of(final.data)
    return values_json([*messages, answer][-limit:])


@router.post("/wait", summary="Start a run and answer with the thread's values once it is over")
async def wait_run(ctx: ContextDep, user: CurrentUser, thread_id: str, body: RunCreate) -> JSONResponse:
    chat, row, live, spec = await _start(ctx, user, thread_id, body)
    early: asyncio.Task[list[StoredMessage]] | None = None
    if live.started and spec.content is not None and spec.resume is None and spec.checkpoint_id is None:
        # a new question, stored by now: the thread's messages are read while the graph runs, not after
        early = asyncio.create_task(_messages_now(ctx, chat))
    try:
        done = await ctx.runs.outcome(chat, live)
        result = None
        if early is not None:
            with contextlib.suppress(Exception):  # the read failed: read again, as without it
                result = _answered_values(await early, done, live, ctx.settings.langgraph_state_messages)
        if result is None:
            result = await run_result(ctx, chat, done, at_run_end=True)
    finally:
        if early is not None and not early.done():
            early.cancel()
        elif early is not None and not early.cancelled():
            early.exception()  # retrieved: a failed read was answered by reading again, not logged at exit
    return JSONResponse(result, headers={"Content-Location": _location(row)})


@router.post("", summary="Start a run in the background (queued behind the thread's current one)")
async def create_run(ctx: ContextDep, user: CurrentUser, thread_id: str, body: RunCreate) -> JSONResponse:
    _, row, _, _ = await _start(ctx, user, thread_id, body)
    return JSONResponse(run_json(row), headers={"Content-Location": _location(row)})


@router.get("", summary="The thread's runs, newest first")
async def list_runs(
    ctx: ContextDep,
    chat: OwnedThread,
    limit: Annotated[int, Query(ge=1, le=1000)] = 10,
    offset: Annotated[int, Query(ge=0)] = 0,
    status: Annotated[str | None, Query(pattern="^(pending|running|success|error|interrupted)$")] = None,
) -> list[dict[str, Any]]:
    return [run_json(r) for r in await ctx.runs.page(chat, limit, offset, status)]


def _run_id(raw: str) -> uuid.UUID:
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise not_found("run") from None


@router.get("/{run_id}", summary="One run")
async def get_run(ctx: ContextDep, chat: OwnedThread, run_id: str) -> dict[str, Any]:
    return run_json(await ctx.runs.get(chat, _run_id(run_id)))


@router.get("/{run_id}/join", summary="Wait for the run, then the thread's values")
async def join_run(ctx: ContextDep, chat: OwnedThread, run_id: str) -> dict[str, Any]:
    done = await ctx.runs.join(chat, _run_id(run_id))
    return await run_result(ctx, chat, done)


@router.post(
    "/{run_id}/cancel",
    summary="Cancel a pending or running run, from any process (interrupt keeps it, rollback undoes it)",
    responses={409: {"description": "The run is already over"}},
)
async def cancel_run(
    ctx: ContextDep,
    chat: OwnedThread,
    run_id: str,
    wait: Annotated[bool, Query()] = False,
    action: Annotated[str, Query(pattern="^(interrupt|rollback)$")] = "interrupt",
) -> Response:
    rid = _run_id(run_id)
    await ctx.runs.cancel(chat, rid, action, wait=wait)  # type: ignore[arg-type]
    if not wait:
        return Response(status_code=status.HTTP_202_ACCEPTED)
    row = await ctx.runs.settled(rid)
    if row is None:  # rolled back: the run is gone with everything it wrote
        return Response(status_code=status.HTTP_204_NO_CONTENT)
    return JSONResponse(run_json(row))


def _last_event_id(raw: str | None) -> int:
    if not raw:
        return 0
    try:
        seq = int(raw.strip())
    except ValueError:
        raise bad_request(
            "invalid_last_event_id", "Last-Event-ID는 이 서버가 보낸 이벤트 번호여야 합니다."
        ) from None
    if seq < 0:
        raise bad_request("invalid_last_event_id", "Last-Event-ID는 0 이상의 정수입니다.")
    return seq


@router.get(
    "/{run_id}/stream",
    summary="Rejoin a run's stream: a resumable run's events after Last-Event-ID, from any process",
    responses={410: {"description": "The stream's events were purged (langgraph_stream_retention_s)"}},
)
async def join_stream(
    ctx: ContextDep,
    chat: OwnedThread,
    run_id: str,
    stream_mode: Annotated[list[str] | None, Query()] = None,
    cancel_on_disconnect: Annotated[bool, Query()] = False,
    last_event_id: Annotated[str | None, Header()] = None,
) -> Response:
    row = await ctx.runs.get(chat, _run_id(run_id))
    asked = [m for m in stream_mode or [] if m]  # the SDK sends `stream_mode=` when it names none
    modes = stream_modes(asked or row.kwargs.get("stream_mode") or ["values"])
    after = _last_event_id(last_event_id)
    live = ctx.runs.live(row.run_id)
    headers = {"Content-Location": _location(row)}
    resumable = bool(row.kwargs.get("resumable"))
    if live is not None:
        events = _live_stream(ctx, chat, live, modes, after)
    elif resumable:
        if row.status not in ACTIVE and await ctx.runs.events.count(row.run_id) == 0:
            raise ApiError(
                410,
                "stream_expired",
                "이 실행의 스트림은 보관 기간이 지나 다시 받을 수 없습니다. 결과는 thread의 상태에서 확인해 주세요.",
                {"retention_seconds": ctx.settings.langgraph_stream_retention_s},
            )
        load = _values_loader(ctx, chat)
        replayed = ctx.runs.replay(row.run_id, 0 if "messages" in modes else after)
        events = run_stream(row.run_id, row.thread_id, replayed, modes, load, ids=True, skip_through=after)
    else:
        events = None
    if events is not None:
        if cancel_on_disconnect:
            cancel = partial(ctx.runs.cancel_soon, chat, row.run_id, "interrupt")
            return _sse(ctx, cancelling_on_close(events, cancel), headers, on_disconnect=cancel)
        return _sse(ctx, events, headers)

    async def finished():  # driven by another process: its end state, once it is over
        yield frame("metadata", {"run_id": str(row.run_id), "attempt": 1})
        done = await ctx.runs.join(chat, row.run_id)
        result = await run_result(ctx, chat, done)
        if "__error__" in result:
            yield frame("error", result["__error__"])
        elif "values" in modes:
            yield frame("values", result)

    return _sse(ctx, finished(), headers)
