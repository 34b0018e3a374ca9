"""Personal API keys: long-lived credentials for scripts and LangGraph clients (agent-chat-ui sends only
an `X-Api-Key`), each scoped to the user who created it.

A key is shown once, when it is created. It is 256 random bits, so its SHA-256 is all that is stored: a
fast hash is enough when there is nothing to guess, and it lets a request find its key with one indexed
lookup. Deleting a key revokes it at once (the next request carrying it gets 401). Keys are rows of
`api_keys` with ON DELETE CASCADE from users, so account erasure takes them along.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass

from sqlalchemy import column, delete, func, select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from backend.chats import LOCK_USER_FOR_NEW_CHAT
from backend.errors import ApiError, not_found
from backend.models import ApiKey
from backend.sessions import AuthenticatedUser, autocommit_engine

KEY_PREFIX = "bds_"
PREFIX_SHOWN_CHARS = 12  # "bds_" + 8 characters: enough to tell keys apart, useless for guessing

# The key's user if it is active; marks the key used at most once a minute (one statement, so it runs in
# autocommit: no BEGIN/COMMIT round trips; its result columns named, so SQLAlchemy caches their metadata).
AUTHENTICATE_KEY_SQL = text(
    """
    WITH found AS (
        SELECT k.id, k.user_id FROM api_keys k WHERE k.key_hash = :key_hash
    ), touched AS (
        UPDATE api_keys k SET last_used_at = now()
        FROM found
        WHERE k.id = found.id AND (k.last_used_at IS NULL OR k.last_used_at < now() - interval '60 seconds')
        RETURNING k.id
    )
    SELECT u.id, u.email, u.type, u.is_active, u.legacy_id, u.created_at
    FROM users u JOIN found ON found.user_id = u.id
    WHERE u.is_active
    """
).columns(*(column(name) for name in ("id", "email", "type", "is_active", "legacy_id", "created_at")))


def is_api_key(credential: str | None) -> bool:
    """Whether a credential has our key's shape (so a Bearer value can be told from a JWT)."""
    return bool(credential) and credential.startswith(KEY_PREFIX)  # type: ignore[union-attr]


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@dataclass(frozen=True)
class CreatedKey:
    record: ApiKey
    key: str  # the secret itself: returned once, never stored


class ApiKeys:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], *, per_user: int) -> None:
        self._sessions = sessions
        self._per_user = per_user
        self._autocommit = autocommit_engine(sessions)

    async def create(self, user_id: uuid.UUID, name: str) -> CreatedKey:
        """A new key for the user; 403 `quota_exceeded` beyond `api_keys_per_user` (0: no limit)."""
        key = KEY_PREFIX + secrets.token_urlsafe(32)
        async with self._sessions() as db, db.begin():
            if self._per_user:
                await db.execute(LOCK_USER_FOR_NEW_CHAT, {"user_id": user_id})  # counts one at a time
                held = await db.scalar(
                    select(func.count()).select_from(ApiKey).where(ApiKey.user_id == user_id)
                )
                if (held or 0) >= self._per_user:
                    raise ApiError(
                        403,
                        "quota_exceeded",
                        f"API 키는 최대 {self._per_user}개까지 만들 수 있습니다. 쓰지 않는 키를 지운 뒤 다시 시도해 주세요.",
                        {"quota": "api_keys_per_user", "limit": self._per_user},
                    )
            record = ApiKey(
                user_id=user_id, name=name, prefix=key[:PREFIX_SHOWN_CHARS], key_hash=hash_key(key)
            )
            db.add(record)
            await db.flush()
            await db.refresh(record)
        return CreatedKey(record, key)

    async def owned(self, user_id: uuid.UUID) -> list[ApiKey]:
        async with self._sessions() as db:
            rows = await db.scalars(
                select(ApiKey).where(ApiKey.user_id == user_id).order_by(ApiKey.created_at, ApiKey.id)
            )
            return list(rows.all())

    async def revoke(self, user_id: uuid.UUID, key_id: uuid.UUID) -> None:
        """Deletes the user's key; another user's key id is "not found" too."""
        async with self._sessions() as db, db.begin():
            gone = await db.scalar(
                delete(ApiKey).where(ApiKey.id == key_id, ApiKey.user_id == user_id).returning(ApiKey.id)
            )
        if gone is None:
            raise not_found("api_key")

    async def authenticate(self, key: str) -> AuthenticatedUser | None:
        """The active user owning `key`, or None (unknown, revoked, or the user is gone)."""
        if not is_api_key(key):
            return None
        # Every LangGraph request's check: a Core connection, one statement that commits by itself (an ORM
        # session and its BEGIN/COMMIT cost more CPU than the statement: bench/README.md "The LangGraph run,
        # fifth pass").
        async with self._autocommit.connect() as conn:
            row = (await conn.execute(AUTHENTICATE_KEY_SQL, {"key_hash": hash_key(key)})).one_or_none()
        if row is None:
            return None
        return AuthenticatedUser(row.id, row.email, row.type, row.is_active, row.legacy_id, row.created_at)
