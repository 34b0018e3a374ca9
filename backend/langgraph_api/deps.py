"""Dependencies of the LangGraph-compatible routes: the caller's thread (404 for anyone else's)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from backend.chats import ChatAccess
from backend.deps import ContextDep, CurrentUser, SessionDep, chat_access
from backend.langgraph_api.threads import Threads, parse_thread_id


async def get_owned_thread(ctx: ContextDep, user: CurrentUser, thread_id: str) -> ChatAccess:
    """`thread_id` is the path parameter of every route under /threads/{thread_id}."""
    return await chat_access(ctx, user, parse_thread_id(thread_id))


def get_threads(ctx: ContextDep, db: SessionDep) -> Threads:
    return Threads(db, ctx.settings.langgraph_state_messages)


OwnedThread = Annotated[ChatAccess, Depends(get_owned_thread)]
ThreadsDep = Annotated[Threads, Depends(get_threads)]
