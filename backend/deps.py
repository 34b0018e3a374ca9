"""Typed dependency aliases for routes. Everything hangs off `app.state`, built in the lifespan."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Query, Request
from fastapi.security import OAuth2PasswordBearer
from langgraph.checkpoint.base import BaseCheckpointSaver
from sqlalchemy.ext.asyncio import AsyncSession

from backend.auth import InvalidToken, Passwords, Tokens
from backend.chats import ChatSessions
from backend.errors import ApiError, unauthorized
from backend.locks import SessionLocks
from backend.metrics import Metrics
from backend.models import User
from backend.ratelimit import RateLimiter
from backend.settings import Settings
from backend.turns import TurnService
from backend.users import UserService

TOKEN_URL = "/api/v1/auth/token"
_bearer = OAuth2PasswordBearer(tokenUrl=TOKEN_URL, auto_error=False)


def _state(request: Request) -> Any:
    return request.app.state


def get_settings(request: Request) -> Settings:
    return _state(request).settings


async def get_db(request: Request) -> AsyncIterator[AsyncSession]:
    async with _state(request).sessions() as session:
        yield session


SettingsDep = Annotated[Settings, Depends(get_settings)]
SessionDep = Annotated[AsyncSession, Depends(get_db)]
TokenDep = Annotated[str | None, Depends(_bearer)]


def get_checkpointer(request: Request) -> BaseCheckpointSaver:
    return _state(request).checkpointer


def get_locks(request: Request) -> SessionLocks:
    return _state(request).locks


def get_turns(request: Request) -> TurnService:
    return _state(request).turns


def get_rate_limiter(request: Request) -> RateLimiter:
    return _state(request).rate_limiter


def get_metrics(request: Request) -> Metrics:
    return _state(request).metrics


def get_tokens(request: Request) -> Tokens:
    return _state(request).tokens


def get_passwords(request: Request) -> Passwords:
    return _state(request).passwords


CheckpointerDep = Annotated[BaseCheckpointSaver, Depends(get_checkpointer)]
LocksDep = Annotated[SessionLocks, Depends(get_locks)]
TurnsDep = Annotated[TurnService, Depends(get_turns)]
RateLimiterDep = Annotated[RateLimiter, Depends(get_rate_limiter)]
MetricsDep = Annotated[Metrics, Depends(get_metrics)]
TokensDep = Annotated[Tokens, Depends(get_tokens)]
PasswordsDep = Annotated[Passwords, Depends(get_passwords)]


def get_user_service(db: SessionDep, passwords: PasswordsDep) -> UserService:
    return UserService(db, passwords)


def get_chat_sessions(db: SessionDep) -> ChatSessions:
    return ChatSessions(db)


UserServiceDep = Annotated[UserService, Depends(get_user_service)]
ChatSessionsDep = Annotated[ChatSessions, Depends(get_chat_sessions)]


async def user_from_token(token: str | None, tokens: Tokens, users: UserService) -> User:
    """The active user a bearer token names; 401 for no/garbled/expired tokens and deleted users."""
    if not token:
        raise unauthorized()
    try:
        user_id = tokens.user_id(token)
    except InvalidToken:
        raise unauthorized() from None
    user = await users.get_active(user_id)
    if user is None:
        raise unauthorized()
    return user


async def get_current_user(token: TokenDep, tokens: TokensDep, users: UserServiceDep) -> User:
    return await user_from_token(token, tokens, users)


CurrentUser = Annotated[User, Depends(get_current_user)]


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
