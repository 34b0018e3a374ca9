"""Dependencies of the LangGraph-compatible routes: the caller's thread (404 for anyone else's)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends
from sqlalchemy import text

from backend.chats import ChatAccess
from backend.deps import ContextDep, CurrentUser, SessionDep
from backend.errors import not_found
from backend.langgraph_api.threads import Threads, parse_thread_id
from backend.runs import autocommit

OWNED_SQL = text("SELECT 1 FROM chat_sessions WHERE session_id = :session_id AND user_id = :user_id")


async def get_owned_thread(ctx: ContextDep, user: CurrentUser, thread_id: str) -> ChatAccess:
    """`thread_id` is the path parameter of every route under /threads/{thread_id}. The owner check of
    `chat_access`, on a Core connection: every run's stream ends with the SDK asking for the run, and an
    ORM session cost three times the statement (backend/runs.py `engine_of`)."""
    session_id = parse_thread_id(thread_id)
    async with autocommit(ctx.sessions) as conn:
        owned = await conn.scalar(OWNED_SQL, {"session_id": session_id, "user_id": user.id})
    if owned is None:
        raise not_found("chat_session")  # as `ChatSessions.access`: another user's thread is "not found"
    return ChatAccess(user.id, session_id)


async def get_threads(ctx: ContextDep, db: SessionDep) -> Threads:
    return Threads(db, ctx.settings.langgraph_state_messages)


OwnedThread = Annotated[ChatAccess, Depends(get_owned_thread)]
ThreadsDep = Annotated[Threads, Depends(get_threads)]
