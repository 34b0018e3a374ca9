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
from fastapi.security import APIKeyHeader, OAuth2PasswordBearer
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import HTTPConnection

from backend.api_keys import is_api_key
from backend.auth import InvalidToken, Passwords, Tokens
from backend.chats import ChatAccess, ChatSessions
from backend.checkpointer import PooledPostgresSaver
from backend.context import AppContext, app_context
from backend.errors import ApiError, unauthorized
from backend.locks import SessionLocks
from backend.metrics import Metrics
from backend.readiness import ReadinessProbe
from backend.sessions import AuthenticatedUser, LoginSessions
from backend.settings import Settings
from backend.throttle import AuthThrottle
from backend.turns import TurnService
from backend.users import UserService

TOKEN_URL = "/api/v1/auth/token"
_bearer = OAuth2PasswordBearer(tokenUrl=TOKEN_URL, auto_error=False)
# A personal API key (backend/api_keys.py), the credential LangGraph clients send; also accepted as Bearer.
_api_key_header = APIKeyHeader(name="X-Api-Key", auto_error=False)


async def get_context(conn: HTTPConnection) -> AppContext:
    """The context of the app serving this request or WebSocket (the root of every dependency).

    Every dependency here is `async def`, even the ones that only pick a field: FastAPI runs a plain `def`
    dependency in the thread pool, a hand-off per dependency per request (4 on a turn)."""
    return app_context(conn.app)


ContextDep = Annotated[AppContext, Depends(get_context)]


# --- parts of the context ---------------------------------------------------------------------------


async def get_settings(ctx: ContextDep) -> Settings:
    return ctx.settings


async def get_checkpointer(ctx: ContextDep) -> PooledPostgresSaver:
    return ctx.checkpointer


async def get_locks(ctx: ContextDep) -> SessionLocks:
    return ctx.locks


async def get_turns(ctx: ContextDep) -> TurnService:
    return ctx.turns


async def get_metrics(ctx: ContextDep) -> Metrics:
    return ctx.metrics


async def get_tokens(ctx: ContextDep) -> Tokens:
    return ctx.tokens


async def get_passwords(ctx: ContextDep) -> Passwords:
    return ctx.passwords


async def get_readiness(ctx: ContextDep) -> ReadinessProbe:
    return ctx.readiness


async def get_logins(ctx: ContextDep) -> LoginSessions:
    return ctx.logins


async def get_auth_throttle(ctx: ContextDep) -> AuthThrottle:
    return ctx.auth_throttle


SettingsDep = Annotated[Settings, Depends(get_settings)]
CheckpointerDep = Annotated[PooledPostgresSaver, Depends(get_checkpointer)]
LocksDep = Annotated[SessionLocks, Depends(get_locks)]
TurnsDep = Annotated[TurnService, Depends(get_turns)]
MetricsDep = Annotated[Metrics, Depends(get_metrics)]
TokensDep = Annotated[Tokens, Depends(get_tokens)]
PasswordsDep = Annotated[Passwords, Depends(get_passwords)]
ReadinessDep = Annotated[ReadinessProbe, Depends(get_readiness)]
LoginsDep = Annotated[LoginSessions, Depends(get_logins)]
AuthThrottleDep = Annotated[AuthThrottle, Depends(get_auth_throttle)]


# --- database -----------------------------------------------------------------------------------------


async def get_db(ctx: ContextDep) -> AsyncIterator[AsyncSession]:
    async with ctx.sessions() as session:
        yield session


SessionDep = Annotated[AsyncSession, Depends(get_db)]


async def get_user_service(db: SessionDep, passwords: PasswordsDep) -> UserService:
    return UserService(db, passwords)


async def get_chat_sessions(db: SessionDep) -> ChatSessions:
    return ChatSessions(db)


UserServiceDep = Annotated[UserService, Depends(get_user_service)]
ChatSessionsDep = Annotated[ChatSessions, Depends(get_chat_sessions)]


# --- who is asking, and for which chat ----------------------------------------------------------------


SIGN_IN_AGAIN = "다시 로그인해 주세요. (Please sign in again.)"


def sign_in_again(reason: str) -> ApiError:
    """401 for a token that was fine once: its login session ended or it predates sessions."""
    message = f"로그인이 만료되었거나 종료되었습니다. {SIGN_IN_AGAIN}"
    return ApiError(401, "unauthorized", message, {"reason": reason}, {"WWW-Authenticate": "Bearer"})


async def authenticate(ctx: AppContext, token: str | None) -> AuthenticatedUser:
    """The active user a bearer token names, if the token's login session is live; 401 for no/garbled/
    expired tokens, ended sessions, deleted users and tokens issued before logins were sessions.

    One statement (backend/sessions.py `AUTHENTICATE_SQL`) in a short transaction of its own, so no
    pooled connection stays checked out for the rest of the request (a JSON turn waits seconds).
    """
    if not token:
        raise unauthorized()
    try:
        claims = ctx.tokens.claims(token)
    except InvalidToken:
        raise unauthorized() from None
    if claims.session_id is None:
        raise sign_in_again("token_without_session")
    user = await ctx.logins.authenticate(claims.user_id, claims.session_id)
    if user is None:
        raise sign_in_again("session_ended")
    return user


async def get_session_id(ctx: ContextDep, token: Annotated[str | None, Depends(_bearer)]) -> str:
    """The login session of the request's token (already checked by `CurrentUser` on the same route)."""
    try:
        session_id = ctx.tokens.claims(token or "").session_id
    except InvalidToken:
        raise unauthorized() from None
    if session_id is None:
        raise sign_in_again("token_without_session")
    return session_id


async def chat_access(ctx: AppContext, user: AuthenticatedUser, session_id: uuid.UUID) -> ChatAccess:
    """The user's chat, or 404 (another user's chat is "not found" too). A short session of its own."""
    async with ctx.sessions() as db:
        return await ChatSessions(db).access(user.id, session_id)


async def authenticate_api_key(ctx: AppContext, key: str) -> AuthenticatedUser:
    """The active user owning a personal API key; 401 for an unknown or revoked key."""
    user = await ctx.api_keys.authenticate(key)
    if user is None:
        raise unauthorized("API 키가 올바르지 않거나 삭제되었습니다.")
    return user


async def get_current_user(
    ctx: ContextDep,
    token: Annotated[str | None, Depends(_bearer)],
    api_key: Annotated[str | None, Depends(_api_key_header)],
) -> AuthenticatedUser:
    if api_key:
        return await authenticate_api_key(ctx, api_key)
    if is_api_key(token):
        return await authenticate_api_key(ctx, token or "")
    return await authenticate(ctx, token)


CurrentUser = Annotated[AuthenticatedUser, Depends(get_current_user)]
CurrentSessionId = Annotated[str, Depends(get_session_id)]


async def get_owned_chat(ctx: ContextDep, user: CurrentUser, session_id: uuid.UUID) -> ChatAccess:
    """`session_id` is the path parameter of every route under /chat/sessions/{session_id}."""
    return await chat_access(ctx, user, session_id)


OwnedChat = Annotated[ChatAccess, Depends(get_owned_chat)]


async def get_claimed_chat(user: CurrentUser, session_id: uuid.UUID) -> ChatAccess:
    """For turns only: the chat the path names, owner unchecked here. The turn checks it in its first
    read under the chat lock (backend/turns.py `TURN_START_SQL`), saving a transaction per turn."""
    return ChatAccess(user.id, session_id, checked=False)


ClaimedChat = Annotated[ChatAccess, Depends(get_claimed_chat)]


# --- paging -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    limit: int


async def page_params(settings: SettingsDep, limit: Annotated[int | None, Query(ge=1)] = None) -> Page:
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
