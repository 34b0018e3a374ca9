"""Threads: create, read, search, update, delete, state and history. A thread is a chat session, so a chat
made in the web page is a thread here and a thread made here is a chat there; deleting either erases both.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from typing import Any

from fastapi import APIRouter, Response, status
from langgraph.types import StateSnapshot

from backend.chats import ChatAccess, ChatSessions
from backend.deps import ContextDep, CurrentUser, LocksDep, SessionDep
from backend.errors import ApiError, not_found
from backend.langgraph_api.adapter import bad_request, interrupt_json, state_update, values_json
from backend.langgraph_api.deps import OwnedThread, ThreadsDep
from backend.langgraph_api.schemas import (
    HistoryRequest,
    ThreadCreate,
    ThreadPatch,
    ThreadSearch,
    ThreadStateUpdate,
)
from backend.langgraph_api.threads import Threads, parse_thread_id, thread_exists, thread_json
from backend.models import ChatMessage
from backend.turns import PendingInterrupt

router = APIRouter(prefix="/threads", tags=["langgraph"])
CHECKPOINT_METADATA_KEYS = ("source", "step")  # the rest names server internals (configurable keys)


async def _thread(threads: Threads, chat: ChatAccess) -> dict[str, Any]:
    row = await threads.one(chat)
    messages = (await threads.messages([chat.session_id])).get(chat.session_id, [])
    return thread_json(row, messages)


@router.post("", summary="Create a thread (a new chat)")
async def create_thread(
    ctx: ContextDep, user: CurrentUser, body: ThreadCreate, threads: ThreadsDep
) -> dict[str, Any]:
    thread_id = parse_thread_id(body.thread_id) if body.thread_id is not None else None
    if thread_id is not None:
        owned = await threads.search(
            user.id, metadata={}, ids=[thread_id], status=None, limit=1, offset=0,
            sort_by="updated_at", sort_order="desc",
        )  # fmt: skip
        if owned and body.if_exists == "do_nothing":
            return await _thread(threads, ChatAccess(user.id, thread_id))
        if owned:
            raise thread_exists(thread_id)
    chat = await threads.create(
        user.id, thread_id, body.metadata or {}, quota=ctx.settings.quota_chats_per_user
    )
    return await _thread(threads, ChatAccess(user.id, chat.session_id))


@router.post("/search", summary="Search the caller's threads (metadata filter, status, sort, paging)")
async def search_threads(user: CurrentUser, body: ThreadSearch, threads: ThreadsDep) -> list[dict[str, Any]]:
    ids = [_search_id(i) for i in body.ids] if body.ids is not None else None
    rows = await threads.search(
        user.id,
        metadata=body.metadata or {},
        ids=[i for i in ids if i is not None] if ids is not None else None,
        status=body.status,
        limit=body.limit,
        offset=body.offset,
        sort_by=body.sort_by or "updated_at",
        sort_order=body.sort_order or "desc",
    )
    messages = await threads.messages([r.session_id for r in rows])
    return [thread_json(r, messages.get(r.session_id, [])) for r in rows]


def _search_id(raw: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(raw)
    except ValueError:
        return None  # matches nothing


@router.get("/{thread_id}", summary="A thread with its values (messages from the transcript)")
async def get_thread(chat: OwnedThread, threads: ThreadsDep) -> dict[str, Any]:
    return await _thread(threads, chat)


@router.patch("/{thread_id}", summary="Merge metadata into the thread")
async def update_thread(chat: OwnedThread, body: ThreadPatch, threads: ThreadsDep) -> dict[str, Any]:
    if body.metadata:
        await threads.update_metadata(chat, body.metadata)
    return await _thread(threads, chat)


@router.delete(
    "/{thread_id}", status_code=status.HTTP_204_NO_CONTENT, summary="Delete the thread (= the chat)"
)
async def delete_thread(chat: OwnedThread, db: SessionDep, locks: LocksDep) -> Response:
    await ChatSessions(db).delete(chat.user_id, chat.session_id, locks)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/{thread_id}/state", summary="The thread's current state")
async def get_state(ctx: ContextDep, chat: OwnedThread, threads: ThreadsDep) -> dict[str, Any]:
    snapshot = await ctx.graph.aget_state(_config(chat))
    messages = (await threads.messages([chat.session_id])).get(chat.session_id, [])
    return state_json(chat, snapshot, messages)


@router.post("/{thread_id}/state", summary="Write the thread's declared channels (summary, window)")
async def update_state(
    ctx: ContextDep, chat: OwnedThread, locks: LocksDep, body: ThreadStateUpdate
) -> dict[str, Any]:
    """Only `summary` and `window` (adapter.WRITABLE_CHANNELS) may be written, on an idle thread's
    head, as the graph's last node: the transcript, the user and every other channel stay the server's."""
    if body.as_node is not None:
        raise bad_request("unsupported_option", "as_node는 지원하지 않습니다.")
    update = state_update(body.values, ctx.settings.max_message_chars)
    lease = await locks.acquire(chat.session_id)  # 409 turn_in_progress while a turn runs
    try:
        if await ctx.runs.busy_threads([chat.session_id]):
            raise ApiError(409, "thread_busy", "이 대화의 실행이 끝난 뒤 다시 시도해 주세요.")
        head = await ctx.graph.aget_state(_config(chat))
        head_id = _checkpoint_id(head)
        wanted = body.checkpoint_id or (body.checkpoint.checkpoint_id if body.checkpoint else None)
        if wanted and wanted != head_id:
            raise bad_request("checkpoint_not_head", "대화의 마지막 상태만 바꿀 수 있습니다.")
        if head_id is None:
            raise ApiError(409, "no_state", "아직 대화 상태가 없습니다. 첫 실행 뒤에 바꿀 수 있습니다.")
        if head.next or head.interrupts:
            raise ApiError(
                409,
                "interrupt_pending",
                "응답을 기다리는 질문이 있습니다. 먼저 답해 주세요 (command.resume).",
            )
        config = await ctx.graph.aupdate_state(_config(chat), update, as_node="respond")
    finally:
        await lease.release()
    return {"checkpoint": _checkpoint(chat, config)}


@router.get("/{thread_id}/state/{checkpoint_id}", summary="The thread's state at one checkpoint")
async def get_state_at(
    ctx: ContextDep, chat: OwnedThread, threads: ThreadsDep, checkpoint_id: str
) -> dict[str, Any]:
    history = await _history(ctx, chat, threads, limit=None, before=None)
    for state in history:
        if state["checkpoint"]["checkpoint_id"] == checkpoint_id:
            return state
    raise not_found("checkpoint")


@router.post("/{thread_id}/history", summary="Past states, newest first")
async def get_history(
    ctx: ContextDep, chat: OwnedThread, threads: ThreadsDep, body: HistoryRequest
) -> list[dict[str, Any]]:
    if body.metadata or body.select or (body.checkpoint and body.checkpoint.checkpoint_ns):
        raise ApiError(
            422,
            "unsupported_history_filter",
            "history는 limit과 before만 지원합니다.",
            {"supported": ["limit", "before"]},
        )
    before = body.before.checkpoint_id if body.before else None
    return await _history(ctx, chat, threads, limit=body.limit, before=before)


async def _history(
    ctx: Any, chat: ChatAccess, threads: Threads, *, limit: int | None, before: str | None
) -> list[dict[str, Any]]:
    before_config = None
    if before:
        before_config = {
            "configurable": {"thread_id": str(chat.session_id), "checkpoint_ns": "", "checkpoint_id": before}
        }
    snapshots = [
        s async for s in ctx.graph.aget_state_history(_config(chat), limit=limit, before=before_config)
    ]
    head = await ctx.graph.aget_state(_config(chat))
    head_id = _checkpoint_id(head)
    messages = (await threads.messages([chat.session_id])).get(chat.session_id, [])
    states = []
    newer: StateSnapshot | None = None
    for snapshot in snapshots:
        if _checkpoint_id(snapshot) == head_id:
            shown = messages
        else:
            shown = _messages_before(messages, newer) if newer is not None else messages
        states.append(state_json(chat, snapshot, shown))
        newer = snapshot
    return states


def _messages_before(messages: Sequence[ChatMessage], newer: StateSnapshot) -> list[ChatMessage]:
    """The transcript as it stood at an older checkpoint: what was stored before the next checkpoint,
    without the question that started that next turn."""
    cutoff = dt.datetime.fromisoformat(newer.created_at) if newer.created_at else None
    shown = [m for m in messages if cutoff is None or m.created_at < cutoff]
    while shown and shown[-1].role == "user":
        shown.pop()
    return shown


def _config(chat: ChatAccess) -> dict[str, Any]:
    return {"configurable": {"thread_id": str(chat.session_id)}}


def _checkpoint_id(snapshot: StateSnapshot | None) -> str | None:
    if snapshot is None or not snapshot.config:
        return None
    return snapshot.config.get("configurable", {}).get("checkpoint_id")


def _checkpoint(chat: ChatAccess, config: dict[str, Any] | None) -> dict[str, Any] | None:
    if not config:
        return None
    return {
        "thread_id": str(chat.session_id),
        "checkpoint_ns": "",
        "checkpoint_id": config.get("configurable", {}).get("checkpoint_id"),
        "checkpoint_map": None,
    }


def state_json(chat: ChatAccess, snapshot: StateSnapshot, messages: Sequence[ChatMessage]) -> dict[str, Any]:
    """A LangGraph ThreadState whose values are the transcript (never the graph's internal channels)."""
    checkpoint = _checkpoint(chat, snapshot.config) or {
        "thread_id": str(chat.session_id), "checkpoint_ns": "", "checkpoint_id": None, "checkpoint_map": None
    }  # fmt: skip
    metadata = {k: v for k, v in (snapshot.metadata or {}).items() if k in CHECKPOINT_METADATA_KEYS}
    interrupts = [interrupt_json(PendingInterrupt.from_graph(i)) for i in snapshot.interrupts]
    tasks = [
        {
            "id": task.id,
            "name": task.name,
            "error": "task failed" if task.error else None,
            "interrupts": [interrupt_json(PendingInterrupt.from_graph(i)) for i in task.interrupts],
            "checkpoint": None,
            "state": None,
            "result": None,
        }
        for task in snapshot.tasks
    ]
    return {
        "values": values_json(messages),
        "next": list(snapshot.next),
        "checkpoint": checkpoint,
        "metadata": metadata,
        "created_at": snapshot.created_at,
        "parent_checkpoint": _checkpoint(chat, snapshot.parent_config),
        "tasks": tasks,
        "interrupts": interrupts,
    }
