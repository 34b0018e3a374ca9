"""Threads: create, read, search, update, delete, state and history. A thread is a chat session, so a chat
made in the web page is a thread here and a thread made here is a chat there; deleting either erases both.

States are turn boundaries (forks): the retained checkpoints an answer ended on, plus the head. A state's
`values.messages` are the transcript branch up to that answer; the current state is the one the chat's
active branch stands on, which a run without a checkpoint continues.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from fastapi import APIRouter, Response, status
from langgraph.types import StateSnapshot

from backend.chats import ChatAccess, ChatSessions
from backend.deps import ContextDep, CurrentUser, LocksDep, SessionDep
from backend.errors import ApiError, not_found
from backend.langgraph_api.adapter import (
    StoredMessage,
    bad_request,
    fork_checkpoint,
    interrupt_json,
    state_update,
    values_json,
)
from backend.langgraph_api.deps import OwnedThread, ThreadsDep
from backend.langgraph_api.schemas import (
    HistoryRequest,
    StateAtCheckpoint,
    ThreadCount,
    ThreadCreate,
    ThreadPatch,
    ThreadSearch,
    ThreadStateUpdate,
)
from backend.langgraph_api.threads import Threads, parse_thread_id, thread_exists, thread_json
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


@router.post("/count", summary="Count the caller's threads (the filters of search)")
async def count_threads(user: CurrentUser, body: ThreadCount, threads: ThreadsDep) -> int:
    """A `values` filter is refused by the schema (values are built from the transcript)."""
    return await threads.count(user.id, metadata=body.metadata or {}, status=body.status)


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


@router.get("/{thread_id}/state", summary="The thread's current state (where its active branch stands)")
async def get_state(ctx: ContextDep, chat: OwnedThread, threads: ThreadsDep) -> dict[str, Any]:
    snapshot = await ctx.graph.aget_state(_config(chat, await ctx.turns.active_checkpoint(chat)))
    messages = (await threads.messages([chat.session_id])).get(chat.session_id, [])
    return state_json(chat, snapshot, messages)


@router.post("/{thread_id}/state", summary="Write the thread's declared channels (summary, window)")
async def update_state(
    ctx: ContextDep, chat: OwnedThread, locks: LocksDep, threads: ThreadsDep, body: ThreadStateUpdate
) -> dict[str, Any]:
    """Only `summary` and `window` (adapter.WRITABLE_CHANNELS) may be written, on an idle state, as the
    graph's last node: the transcript, the user and every other channel stay the server's. The state is
    the active branch's (or the retained turn boundary `checkpoint_id` names, 409 outside retention); the
    new checkpoint follows it, and the answer that ended there now stands on the new one, so the next turn
    from that answer carries what was written."""
    if body.as_node is not None:
        raise bad_request("unsupported_option", "as_node는 지원하지 않습니다.")
    update = state_update(body.values, ctx.settings.max_message_chars)
    wanted = fork_checkpoint(body.checkpoint_id, body.checkpoint)
    lease = await locks.acquire(chat.session_id)  # 409 turn_in_progress while a turn runs
    try:
        if await ctx.runs.busy_threads([chat.session_id]):
            raise ApiError(409, "thread_busy", "이 대화의 실행이 끝난 뒤 다시 시도해 주세요.")
        base = await ctx.turns.locate(chat, wanted)
        if base.checkpoint_id is None:
            raise ApiError(409, "no_state", "아직 대화 상태가 없습니다. 첫 실행 뒤에 바꿀 수 있습니다.")
        config = _config(chat, base.fork_checkpoint_id)
        state = await ctx.graph.aget_state(config)
        if state.next or state.interrupts:
            raise ApiError(
                409,
                "interrupt_pending",
                "응답을 기다리는 질문이 있습니다. 먼저 답해 주세요 (command.resume).",
            )
        written = await ctx.graph.aupdate_state(config, update, as_node="respond")
        written_id = (written or {}).get("configurable", {}).get("checkpoint_id")
        if base.boundary_message_id is not None and written_id:
            await threads.repoint(chat, base.boundary_message_id, written_id)
    finally:
        await lease.release()
    return {"checkpoint": _checkpoint(chat, written)}


@router.get("/{thread_id}/state/{checkpoint_id}", summary="The thread's state at one retained checkpoint")
async def get_state_at(
    ctx: ContextDep, chat: OwnedThread, threads: ThreadsDep, checkpoint_id: str
) -> dict[str, Any]:
    return await _state_at(ctx, chat, threads, checkpoint_id)


@router.post("/{thread_id}/state/checkpoint", summary="The thread's state at one retained checkpoint")
async def post_state_at(
    ctx: ContextDep, chat: OwnedThread, threads: ThreadsDep, body: StateAtCheckpoint
) -> dict[str, Any]:
    if body.select or body.subgraphs:
        raise bad_request("unsupported_option", "select와 subgraphs는 지원하지 않습니다.")
    wanted = fork_checkpoint(None, body.checkpoint)
    if wanted is None:
        raise bad_request("invalid_checkpoint_id", "checkpoint.checkpoint_id가 필요합니다.")
    return await _state_at(ctx, chat, threads, wanted)


async def _state_at(ctx: Any, chat: ChatAccess, threads: Threads, checkpoint_id: str) -> dict[str, Any]:
    """A retained turn boundary (or the head) with the branch up to its answer; 404 for anything else."""
    for found, message_id in await threads.turn_states(chat):
        if found == checkpoint_id:
            return await _state(ctx, chat, threads, found, message_id)
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
    ctx: Any, chat: ChatAccess, threads: Threads, *, limit: int, before: str | None
) -> list[dict[str, Any]]:
    """The retained turn boundaries and the head, newest first (checkpoint ids are time-ordered)."""
    states = [(c, m) for c, m in await threads.turn_states(chat) if before is None or c < before]
    return [await _state(ctx, chat, threads, c, m) for c, m in states[:limit]]


async def _state(
    ctx: Any, chat: ChatAccess, threads: Threads, checkpoint_id: str, message_id: int | None
) -> dict[str, Any]:
    """The state at a checkpoint; its values: the branch up to the answer that ended there (for a head
    that no answer recorded, the active branch)."""
    snapshot = await ctx.graph.aget_state(_config(chat, checkpoint_id))
    if message_id is not None:
        messages = await threads.branch_to(chat, message_id)
    else:
        messages = (await threads.messages([chat.session_id])).get(chat.session_id, [])
    return state_json(chat, snapshot, messages)


def _config(chat: ChatAccess, checkpoint_id: str | None = None) -> dict[str, Any]:
    configurable = {"thread_id": str(chat.session_id)}
    if checkpoint_id is not None:
        configurable["checkpoint_id"] = checkpoint_id
    return {"configurable": configurable}


def _checkpoint(chat: ChatAccess, config: dict[str, Any] | None) -> dict[str, Any] | None:
    if not config:
        return None
    return {
        "thread_id": str(chat.session_id),
        "checkpoint_ns": "",
        "checkpoint_id": config.get("configurable", {}).get("checkpoint_id"),
        "checkpoint_map": None,
    }


def state_json(
    chat: ChatAccess, snapshot: StateSnapshot, messages: Sequence[StoredMessage]
) -> dict[str, Any]:
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
