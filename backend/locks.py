"""One turn at a time per chat session, across every process: a Postgres advisory lock.

Why an advisory lock on a dedicated connection rather than `SELECT ... FOR UPDATE NOWAIT` on the
chat_sessions row:
- the row lock would need a transaction open for the whole turn (seconds), holding back vacuum, and
- the turn itself writes chat_messages, whose trigger UPDATEs that very chat_sessions row from another
  connection: it would block on our own row lock.
A session-level advisory lock needs no open transaction, and when a process dies (even kill -9) its
connection closes and Postgres releases the lock at once, so the next process can take over.

The lock connections come from their own small pool (`max_concurrent_turns`), which also caps how many
turns one process runs; when it is exhausted a turn waits up to `turn_queue_timeout_s` for a slot,
then gets a pool timeout, which the API maps to 503.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

from sqlalchemy import CursorResult, Executable, column, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from backend.db import DatabaseUrl
from backend.pool_health import ping_idle_connections
from backend.settings import Settings

log = logging.getLogger(__name__)

# Named result columns (`.columns`): SQLAlchemy then caches the result's metadata with the compiled
# statement instead of rebuilding it from the cursor description on every execution (two per turn).
TRY_LOCK_SQL = text("SELECT pg_try_advisory_lock(:key) AS got").columns(column("got"))
UNLOCK_SQL = text("SELECT pg_advisory_unlock(:key) AS released").columns(column("released"))


class SessionBusy(Exception):
    """Another turn (in this or another process) holds the session."""


def lock_key(session_id: uuid.UUID) -> int:
    """The session's 128-bit id folded into the signed 64-bit key space of advisory locks."""
    folded = int.from_bytes(session_id.bytes[:8], "big") ^ int.from_bytes(session_id.bytes[8:], "big")
    return folded - (1 << 64) if folded >= (1 << 63) else folded


def create_lock_engine(url: DatabaseUrl, settings: Settings) -> AsyncEngine:
    """The lock connections' pool. A connection is pinged on checkout only when it can be stale (closed
    by the server, or idle past `db_ping_idle_s`: backend/pool_health.py), as the pooled role's are: a
    ping on every checkout was a round trip per turn. Every statement still goes through SQLAlchemy, so a
    statement cut off mid-flight (a cancelled turn, a lost server) invalidates its connection instead of
    returning it to the pool in the middle of an operation. Last in, first out: the connection a turn
    takes is the one that just came back, not the one idle longest (past the ping's bound, with eight
    connections taken in turn and turns of a few hundred milliseconds)."""
    engine = create_async_engine(
        url.sqlalchemy,
        pool_size=settings.max_concurrent_turns,
        max_overflow=0,
        pool_timeout=settings.turn_queue_timeout_s,
        pool_use_lifo=True,
        isolation_level="AUTOCOMMIT",
        connect_args={
            "timeout": settings.db_connect_timeout_s,
            "server_settings": {"application_name": "budongsan-turn-lock"},
        },
    )
    ping_idle_connections(engine, settings.db_ping_idle_s)
    return engine


class SessionLease:
    """A held session lock. `release()` is idempotent and never raises.

    The lock's connection is the turn's own for as long as it holds the lock, in autocommit: a turn's
    one-statement reads and writes run on it (`execute`), each its own transaction, with no pool
    checkout and no BEGIN / COMMIT round trips (issue 20: the HTTP turn as lean as the graph)."""

    def __init__(self, conn: AsyncConnection, key: int) -> None:
        self._conn: AsyncConnection | None = conn
        self._key = key

    async def execute(self, statement: Executable, params: dict[str, Any] | None = None) -> CursorResult[Any]:
        """One statement, committed on its own (atomic as a whole: data-modifying CTEs included)."""
        if self._conn is None:
            raise RuntimeError("the session lock was released")
        return await self._conn.execute(statement, params)

    async def release(self) -> None:
        conn, self._conn = self._conn, None
        if conn is None:
            return
        try:
            await conn.execute(UNLOCK_SQL, {"key": self._key})
        except Exception:
            # A connection we cannot unlock on must not go back to the pool still holding the lock.
            log.warning("advisory unlock failed; discarding the connection", exc_info=True)
            await conn.invalidate()
        finally:
            await conn.close()


class SessionLocks:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def acquire(self, session_id: uuid.UUID) -> SessionLease:
        key = lock_key(session_id)
        conn = await self._engine.connect()
        try:
            got = (await conn.execute(TRY_LOCK_SQL, {"key": key})).scalar_one()
        except BaseException:
            await conn.close()
            raise
        if not got:
            await conn.close()
            raise SessionBusy(str(session_id))
        return SessionLease(conn, key)
