"""SessionManager: login/device sessions in the `sessions` table (not chats; see chat_sessions).

Every time comparison uses the database clock (`now()`), so any number of API processes agree on
whether a session has expired even when their own clocks drift.

`LoginSessions` makes a row of this table the server-side record of one login: the access token names
it (`sid`), every authenticated request checks it in the same statement that loads the user, and
logout, a password change or erasing the account delete it, which takes effect on the next request.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import secrets
import time
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, column, delete, func, insert, select, text, update
from sqlalchemy.engine import Row
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from backend.models import Session, User

log = logging.getLogger("budongsan.sessions")

DEFAULT_TTL = dt.timedelta(days=30)
MAX_SESSION_ID_CHARS = 256
LOGIN_KIND = "login"
MAX_USER_AGENT_CHARS = 200


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


# The user a token names, if its login session is live; the same statement writes the session's
# activity when this process's counter says it is due (`:touch`), so a request costs one round trip.
AUTHENTICATE_SQL = text(
    """
    WITH live AS (
        SELECT s.session_id FROM sessions s
        WHERE s.session_id = CAST(:sid AS text) AND s.user_id = CAST(:uid AS uuid) AND s.expires_at > now()
    ), touched AS (
        UPDATE sessions s
        SET last_activity = now(), request_count = s.request_count + CAST(:requests AS integer)
        FROM live
        WHERE CAST(:touch AS boolean) AND s.session_id = live.session_id
        RETURNING s.session_id
    )
    SELECT u.id, u.email, u.type, u.is_active, u.legacy_id, u.created_at
    FROM users u JOIN live ON true
    WHERE u.id = CAST(:uid AS uuid) AND u.is_active
    """
).columns(*(column(name) for name in ("id", "email", "type", "is_active", "legacy_id", "created_at")))


class ActivityCounter:
    """Requests per login session seen by this process, written at most once per `interval_s`.

    `request_count` and `last_activity` stay useful without a write per request: each process adds its
    own count when it next writes. A process that stops loses at most one interval of counts.
    """

    def __init__(self, interval_s: float, max_entries: int = 100_000) -> None:
        self._interval_s = interval_s
        self._max_entries = max_entries
        self._entries: dict[str, list[float]] = {}  # sid -> [pending requests, last write (monotonic)]

    def take(self, session_id: str) -> int | None:
        """Counts one request; returns the count to write now, or None when the last write is recent."""
        now = time.monotonic()
        entry = self._entries.get(session_id)
        if entry is None:
            if len(self._entries) >= self._max_entries:
                self._evict(now)
            entry = self._entries[session_id] = [0, -float("inf")]
        entry[0] += 1
        if now - entry[1] < self._interval_s:
            return None
        count, entry[0], entry[1] = int(entry[0]), 0, now
        return count

    def give_back(self, session_id: str, count: int) -> None:
        """The write failed: count these requests again next time."""
        if (entry := self._entries.get(session_id)) is not None:
            entry[0] += count
            entry[1] = -float("inf")

    def forget(self, session_id: str) -> None:
        self._entries.pop(session_id, None)

    def _evict(self, now: float) -> None:
        stale = [sid for sid, (_, written) in self._entries.items() if now - written >= self._interval_s]
        for sid in stale or list(self._entries):
            del self._entries[sid]


@dataclass(frozen=True, slots=True)
class AuthenticatedUser:
    """What a live login session's check loads about its user (never the password hash)."""

    id: uuid.UUID
    email: str
    type: str
    is_active: bool
    legacy_id: str | None
    created_at: dt.datetime


def autocommit_engine(sessionmaker: async_sessionmaker[AsyncSession]) -> AsyncEngine:
    """The session factory's engine (its pool, its connection checks) with every statement committing by
    itself. The per-request check runs on a Core connection of it: an ORM session's bookkeeping around a
    one-statement read cost more CPU than the statement (bench/README.md "The HTTP turn")."""
    bind = sessionmaker.kw.get("bind")
    if not isinstance(bind, AsyncEngine):
        raise TypeError("authentication needs a session factory bound to an AsyncEngine")
    return bind.execution_options(isolation_level="AUTOCOMMIT")


class LoginSessions:
    """Logins as rows of `sessions` (metadata.kind = "login"), living as long as their token."""

    def __init__(
        self,
        sessionmaker: async_sessionmaker[AsyncSession],
        *,
        ttl: dt.timedelta,
        touch_interval_s: float = 60.0,
    ) -> None:
        self._sessionmaker = sessionmaker
        self._manager = SessionManager(sessionmaker, default_ttl=ttl)
        self._activity = ActivityCounter(touch_interval_s)
        self._autocommit = autocommit_engine(sessionmaker)

    async def start(self, user_id: uuid.UUID, client: str, user_agent: str | None) -> SessionInfo:
        """A new login session; its id goes into the token as `sid`."""
        metadata = {
            "kind": LOGIN_KIND,
            "client": client,
            "user_agent": (user_agent or "")[:MAX_USER_AGENT_CHARS],
        }
        return await self._manager.create(user_id, metadata)

    async def authenticate(self, user_id: uuid.UUID, session_id: str) -> AuthenticatedUser | None:
        """The active user when `session_id` is a live session of theirs, else None; one statement."""
        if _well_formed(session_id) is None:
            return None
        due = self._activity.take(session_id)
        params = {"sid": session_id, "uid": user_id, "touch": due is not None, "requests": due or 0}
        try:
            async with self._autocommit.connect() as conn:  # one statement: no BEGIN/COMMIT round trips
                row = (await conn.execute(AUTHENTICATE_SQL, params)).one_or_none()
        except BaseException:
            if due is not None:
                self._activity.give_back(session_id, due)
            raise
        if row is None:
            self._activity.forget(session_id)
            return None
        return AuthenticatedUser(row.id, row.email, row.type, row.is_active, row.legacy_id, row.created_at)

    async def live(self, user_id: uuid.UUID) -> list[SessionInfo]:
        """The user's live sessions, most recently used first."""
        stmt = (
            select(*_COLUMNS, _is_expired())
            .where(Session.user_id == user_id, Session.expires_at > func.now())
            .order_by(Session.last_activity.desc(), Session.created_at.desc())
        )
        async with self._sessionmaker() as db:
            return [_info(row) for row in (await db.execute(stmt)).all()]

    async def end(self, user_id: uuid.UUID, session_id: str) -> bool:
        """Ends one of the user's sessions; False when they have no such session."""
        if (sid := _well_formed(session_id)) is None:
            return False
        return bool(await self._delete(Session.user_id == user_id, Session.session_id == sid))

    async def end_others(self, user_id: uuid.UUID, keep: str) -> int:
        """Ends every session of the user but `keep` ("다른 기기에서 로그아웃"); returns how many."""
        return await self._delete(Session.user_id == user_id, Session.session_id != keep)

    async def sweep_expired(self) -> int:
        return await self._manager.cleanup_expired()

    async def _delete(self, *where: ColumnElement[bool]) -> int:
        stmt = delete(Session).where(*where).execution_options(synchronize_session=False)
        async with self._sessionmaker.begin() as db:
            return (await db.execute(stmt)).rowcount


class PeriodicSweep:
    """Runs cleanup jobs every `interval_s` in the background of a server process (expired login
    sessions, expired throttling windows). Each job is one idempotent DELETE, so several processes
    sweeping at once only repeat each other's work; a failure is logged and retried next time."""

    def __init__(self, jobs: Sequence[tuple[str, Callable[[], Awaitable[int]]]], interval_s: float) -> None:
        self._jobs = tuple(jobs)
        self._interval_s = interval_s
        self._task: asyncio.Task[None] | None = None

    async def run_once(self) -> dict[str, int]:
        done: dict[str, int] = {}
        for name, job in self._jobs:
            try:
                done[name] = await job()
            except Exception:  # the database may be briefly away; the next round tries again
                log.warning("sweep %s failed", name, exc_info=True)
        return done

    def start(self) -> None:
        if self._interval_s > 0 and self._task is None:
            self._task = asyncio.create_task(self._run(), name="periodic-sweep")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _run(self) -> None:
        while True:
            removed = await self.run_once()
            if any(removed.values()):
                log.info("swept", extra={"removed": removed})
            await asyncio.sleep(self._interval_s)
