"""The one request path: typed dependencies over the app context (backend/context.py).

Every surface goes through the same checks. HTTP routes (JSON and SSE) declare the aliases below; the
WebSocket, which must accept before it can read a first-message token, calls the functions they wrap
(`authenticate`, `chat_access`). The rate limit is part of starting a turn (`TurnService.start`), and a
database outage becomes 503 in one place (`backend.errors.expected_error`).
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Query
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy.ext.asyncio import AsyncSession

from backend.auth import InvalidToken, Passwords, Tokens
from backend.chats import ChatAccess, ChatSessions
from backend.checkpointer import PooledPostgresSaver
from backend.context import AppContext, get_context
from backend.errors import ApiError, unauthorized
from backend.locks import SessionLocks
from backend.metrics import Metrics
from backend.models import User
from backend.readiness import ReadinessProbe
from backend.settings import Settings
from backend.turns import TurnService
from backend.users import UserService

TOKEN_URL = "/api/v1/auth/token"
_bearer = OAuth2PasswordBearer(tokenUrl=TOKEN_URL, auto_error=False)

ContextDep = Annotated[AppContext, Depends(get_context)]


# --- parts of the context ---------------------------------------------------------------------------


def get_settings(ctx: ContextDep) -> Settings:
    return ctx.settings


def get_checkpointer(ctx: ContextDep) -> PooledPostgresSaver:
    return ctx.checkpointer


def get_locks(ctx: ContextDep) -> SessionLocks:
    return ctx.locks


def get_turns(ctx: ContextDep) -> TurnService:
    return ctx.turns


def get_metrics(ctx: ContextDep) -> Metrics:
    return ctx.metrics


def get_tokens(ctx: ContextDep) -> Tokens:
    return ctx.tokens


def get_passwords(ctx: ContextDep) -> Passwords:
    return ctx.passwords


def get_readiness(ctx: ContextDep) -> ReadinessProbe:
    return ctx.readiness


SettingsDep = Annotated[Settings, Depends(get_settings)]
CheckpointerDep = Annotated[PooledPostgresSaver, Depends(get_checkpointer)]
LocksDep = Annotated[SessionLocks, Depends(get_locks)]
TurnsDep = Annotated[TurnService, Depends(get_turns)]
MetricsDep = Annotated[Metrics, Depends(get_metrics)]
TokensDep = Annotated[Tokens, Depends(get_tokens)]
PasswordsDep = Annotated[Passwords, Depends(get_passwords)]
ReadinessDep = Annotated[ReadinessProbe, Depends(get_readiness)]


# --- database -----------------------------------------------------------------------------------------


async def get_db(ctx: ContextDep) -> AsyncIterator[AsyncSession]:
    async with ctx.sessions() as session:
        yield session


SessionDep = Annotated[AsyncSession, Depends(get_db)]


def get_user_service(db: SessionDep, passwords: PasswordsDep) -> UserService:
    return UserService(db, passwords)


def get_chat_sessions(db: SessionDep) -> ChatSessions:
    return ChatSessions(db)


UserServiceDep = Annotated[UserService, Depends(get_user_service)]
ChatSessionsDep = Annotated[ChatSessions, Depends(get_chat_sessions)]


# --- who is asking, and for which chat ----------------------------------------------------------------


async def authenticate(ctx: AppContext, token: str | None) -> User:
    """The active user a bearer token names; 401 for no/garbled/expired tokens and deleted users.

    A short session of its own, so no pooled connection stays checked out for the rest of the request
    (a JSON turn waits seconds for its answer).
    """
    if not token:
        raise unauthorized()
    try:
        user_id = ctx.tokens.user_id(token)
    except InvalidToken:
        raise unauthorized() from None
    async with ctx.sessions() as db:
        user = await UserService(db, ctx.passwords).get_active(user_id)
    if user is None:
        raise unauthorized()
    return user


async def chat_access(ctx: AppContext, user: User, session_id: uuid.UUID) -> ChatAccess:
    """The user's chat, or 404 (another user's chat is "not found" too). A short session of its own."""
    async with ctx.sessions() as db:
        return await ChatSessions(db).access(user.id, session_id)


async def get_current_user(ctx: ContextDep, token: Annotated[str | None, Depends(_bearer)]) -> User:
    return await authenticate(ctx, token)


CurrentUser = Annotated[User, Depends(get_current_user)]


async def get_owned_chat(ctx: ContextDep, user: CurrentUser, session_id: uuid.UUID) -> ChatAccess:
    """`session_id` is the path parameter of every route under /chat/sessions/{session_id}."""
    return await chat_access(ctx, user, session_id)


OwnedChat = Annotated[ChatAccess, Depends(get_owned_chat)]


# --- paging -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    limit: int


def page_params(settings: SettingsDep, limit: Annotated[int | None, Query(ge=1)] = None) -> Page:
    """`limit` within 1..page_limit_max (a setting, so checked here rather than in the signature)."""
    if limit is None:
        return Page(min(settings.page_limit_default, settings.page_limit_max))
    if limit > settings.page_limit_max:
        raise ApiError(
            422,
            "limit_out_of_range",
            f"limit은 1 이상 {settings.page_limit_max} 이하여야 합니다.",
            {"max": settings.page_limit_max},
        )
    return Page(limit)


PageDep = Annotated[Page, Depends(page_params)]
