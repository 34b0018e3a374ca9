"""Chat sessions (GPT-style conversations) of the signed-in user."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from backend.deps import ChatSessionsDep, CurrentUser, LocksDep, PageDep, SettingsDep
from backend.schemas import (
    BODY_ERRORS,
    DB_ERRORS,
    SessionCreate,
    SessionOut,
    SessionPage,
    SessionUpdate,
    error_responses,
)

router = APIRouter(prefix="/chat/sessions", tags=["chat sessions"])


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=SessionOut,
    responses=error_responses(*BODY_ERRORS, 401, 403, *DB_ERRORS),
    summary="Start a new chat (the title comes from the first question unless given here; "
    "403 quota_exceeded beyond BUDONGSAN_QUOTA_CHATS_PER_USER)",
)
async def create_session(
    user: CurrentUser, chats: ChatSessionsDep, settings: SettingsDep, body: SessionCreate | None = None
) -> SessionOut:
    title = body.title if body else None
    return SessionOut.model_validate(await chats.create(user.id, title, limit=settings.quota_chats_per_user))


@router.get(
    "",
    response_model=SessionPage,
    responses=error_responses(401, 422, *DB_ERRORS),
    summary="My chats, most recently active first (keyset pagination)",
)
async def list_sessions(
    user: CurrentUser,
    chats: ChatSessionsDep,
    page: PageDep,
    cursor: Annotated[
        str | None, Query(max_length=200, description="`next_cursor` of the previous page")
    ] = None,
) -> SessionPage:
    result = await chats.page(user.id, page.limit, cursor)
    return SessionPage(
        items=[SessionOut.model_validate(c) for c in result.items], next_cursor=result.next_cursor
    )


@router.get(
    "/{session_id}",
    response_model=SessionOut,
    responses=error_responses(401, 404, 422, *DB_ERRORS),
    summary="One chat",
)
async def read_session(session_id: uuid.UUID, user: CurrentUser, chats: ChatSessionsDep) -> SessionOut:
    return SessionOut.model_validate(await chats.get(user.id, session_id))


@router.patch(
    "/{session_id}",
    response_model=SessionOut,
    responses=error_responses(*BODY_ERRORS, 401, 404, *DB_ERRORS),
    summary="Rename a chat (a renamed chat keeps its title)",
)
async def rename_session(
    session_id: uuid.UUID, body: SessionUpdate, user: CurrentUser, chats: ChatSessionsDep
) -> SessionOut:
    return SessionOut.model_validate(await chats.rename(user.id, session_id, body.title))


@router.delete(
    "/{session_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(401, 404, 409, 422, *DB_ERRORS),
    summary="Delete a chat, its transcript and its LangGraph thread",
)
async def delete_session(
    session_id: uuid.UUID, user: CurrentUser, chats: ChatSessionsDep, locks: LocksDep
) -> Response:
    await chats.delete(user.id, session_id, locks)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
