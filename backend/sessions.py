"""SessionManager: login/device sessions in the `sessions` table (not chats; see chat_sessions).

Every time comparison uses the database clock (`now()`), so any number of API processes agree on
whether a session has expired even when their own clocks drift.
"""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, delete, func, insert, select, update
from sqlalchemy.engine import Row
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from backend.models import Session, User

DEFAULT_TTL = dt.timedelta(days=30)
MAX_SESSION_ID_CHARS = 256


class SessionState(StrEnum):
    VALID = "valid"
    EXPIRED = "expired"
    MISSING = "missing"


class UnknownUserError(ValueError):
    """`create` was given a user id that is malformed or has no `users` row."""


@dataclass(frozen=True, slots=True)
class SessionInfo:
    session_id: str
    user_id: uuid.UUID
    metadata: dict[str, Any]
    created_at: dt.datetime
    expires_at: dt.datetime
    last_activity: dt.datetime
    request_count: int
    is_expired: bool


@dataclass(frozen=True, slots=True)
class SessionStatus:
    """What `validate` found; `session` is set for valid and expired sessions alike."""

    state: SessionState
    session: SessionInfo | None = None

    @property
    def is_valid(self) -> bool:
        return self.state is SessionState.VALID


def _is_expired() -> ColumnElement[bool]:
    return (Session.expires_at <= func.now()).label("is_expired")


_COLUMNS = (
    Session.session_id,
    Session.user_id,
    Session.meta,
    Session.created_at,
    Session.expires_at,
    Session.last_activity,
    Session.request_count,
)


def _info(row: Row[Any]) -> SessionInfo:
    return SessionInfo(
        session_id=row.session_id,
        user_id=row.user_id,
        metadata=dict(row.meta or {}),
        created_at=row.created_at,
        expires_at=row.expires_at,
        last_activity=row.last_activity,
        request_count=row.request_count,
        is_expired=row.is_expired,
    )


def _well_formed(session_id: object) -> str | None:
    """The id if it could be stored at all, else None: such ids simply do not exist.

    Checked before querying because Postgres rejects NUL bytes in text with an error, and
    absurdly long ids are never ours.
    """
    if not isinstance(session_id, str) or not 0 < len(session_id) <= MAX_SESSION_ID_CHARS:
        return None
    return None if "\x00" in session_id else session_id


def _user_uuid(user_id: uuid.UUID | str) -> uuid.UUID:
    if isinstance(user_id, uuid.UUID):
        return user_id
    try:
        return uuid.UUID(str(user_id))
    except ValueError:
        raise UnknownUserError(f"user id {user_id!r} is not a UUID") from None


def new_session_id() -> str:
    """Unguessable: a session id is presented by clients and works like a bearer secret."""
    return secrets.token_urlsafe(32)


class SessionManager:
    """Creates, checks and expires sessions; every method is one short transaction."""

    def __init__(
        self, sessionmaker: async_sessionmaker[AsyncSession], *, default_ttl: dt.timedelta = DEFAULT_TTL
    ) -> None:
        self._sessionmaker = sessionmaker
        self._default_ttl = default_ttl

    async def create(
        self,
        user_id: uuid.UUID | str,
        metadata: dict[str, Any] | None = None,
        ttl: dt.timedelta | None = None,
    ) -> SessionInfo:
        """A new session for an existing user; a zero or negative `ttl` gives an already expired one."""
        owner = _user_uuid(user_id)
        stmt = (
            insert(Session)
            .values(
                session_id=new_session_id(),
                user_id=owner,
                meta=metadata or {},
                expires_at=func.now() + (self._default_ttl if ttl is None else ttl),
            )
            .returning(*_COLUMNS, _is_expired())
        )
        try:
            async with self._sessionmaker.begin() as db:
                return _info((await db.execute(stmt)).one())
        except IntegrityError as exc:
            if await self._user_exists(owner):
                raise
            raise UnknownUserError(f"user {owner} does not exist") from exc

    async def validate(self, session_id: str) -> SessionStatus:
        """Valid, expired (still stored, reported as such) or missing (never existed or deleted)."""
        info = await self.get(session_id)
        if info is None:
            return SessionStatus(SessionState.MISSING)
        return SessionStatus(SessionState.EXPIRED if info.is_expired else SessionState.VALID, info)

    async def get(self, session_id: str) -> SessionInfo | None:
        """The stored session, expired ones included (see `SessionInfo.is_expired`)."""
        if (sid := _well_formed(session_id)) is None:
            return None
        stmt = select(*_COLUMNS, _is_expired()).where(Session.session_id == sid)
        async with self._sessionmaker() as db:
            row = (await db.execute(stmt)).one_or_none()
        return None if row is None else _info(row)

    async def touch(self, session_id: str) -> SessionInfo | None:
        """Counts one request, atomically, and returns the updated session.

        Returns None, and changes nothing, when the session is missing or expired; callers that must
        tell those apart (404 vs 410) ask `validate` on that rare path.
        """
        if (sid := _well_formed(session_id)) is None:
            return None
        stmt = (
            update(Session)
            .where(Session.session_id == sid, Session.expires_at > func.now())
            .values(request_count=Session.request_count + 1, last_activity=func.now())
            .returning(*_COLUMNS, _is_expired())
            .execution_options(synchronize_session=False)
        )
        async with self._sessionmaker.begin() as db:
            row = (await db.execute(stmt)).one_or_none()
        return None if row is None else _info(row)

    async def delete(self, session_id: str) -> bool:
        """True when a session was deleted, False when there was none."""
        if (sid := _well_formed(session_id)) is None:
            return False
        stmt = (
            delete(Session)
            .where(Session.session_id == sid)
            .returning(Session.session_id)
            .execution_options(synchronize_session=False)
        )
        async with self._sessionmaker.begin() as db:
            return (await db.execute(stmt)).one_or_none() is not None

    async def cleanup_expired(self) -> int:
        """Deletes expired sessions and returns how many. Chat history lives elsewhere and stays."""
        stmt = (
            delete(Session)
            .where(Session.expires_at <= func.now())
            .execution_options(synchronize_session=False)
        )
        async with self._sessionmaker.begin() as db:
            result = await db.execute(stmt)
        return result.rowcount

    async def count_active(self) -> int:
        stmt = select(func.count()).select_from(Session).where(Session.expires_at > func.now())
        async with self._sessionmaker() as db:
            return (await db.execute(stmt)).scalar_one()

    async def _user_exists(self, user_id: uuid.UUID) -> bool:
        async with self._sessionmaker() as db:
            found = await db.execute(select(User.id).where(User.id == user_id))
            return found.first() is not None
