"""Health checks for pooled connections that cost a round trip only when a connection can be stale.

Checking every connection on checkout is what lets the pools heal by themselves after a Postgres
restart, but it was the largest single cost in a turn's persistence (bench/checkpoint_bench.py):
psycopg's check is one round trip and SQLAlchemy's asyncpg pre-ping three (BEGIN, `;`, ROLLBACK),
and a turn checks out four to six connections.

When Postgres goes away (restart, crash, a proxy dropping connections) the server side closes every
socket, and the client learns of it without asking: the socket turns readable (EOF or RST). So a
connection is pinged only when
- its socket shows the peer closed it or sent something unasked (no round trip to find out), or
- it sat idle longer than `idle_s`: the one case a socket cannot tell, a peer that vanished
  silently (a network partition, a firewall dropping idle flows).
Anything else was working a moment ago and nothing has happened on its socket since.
"""

from __future__ import annotations

import asyncio
import select
import time
import weakref
from typing import Any

from psycopg import AsyncConnection
from psycopg_pool import AsyncConnectionPool
from sqlalchemy import event
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import AsyncEngine

_PEER_ACTIVITY = select.POLLIN | select.POLLERR | select.POLLHUP | select.POLLNVAL


def socket_has_news(fd: int) -> bool:
    """True when an idle connection's socket is readable or broken: for Postgres that means the
    server closed it or sent an unsolicited message (e.g. FATAL 57P01 at shutdown). Zero-timeout poll."""
    if fd < 0:
        return True
    poller = select.poll()
    poller.register(fd, _PEER_ACTIVITY)
    return bool(poller.poll(0))


class IdleCheck:
    """`check` and `reset` callbacks for a psycopg pool (see the module docstring for the rule)."""

    def __init__(self, idle_s: float) -> None:
        self.idle_s = idle_s
        self._returned: weakref.WeakKeyDictionary[AsyncConnection[Any], float] = weakref.WeakKeyDictionary()
        self.pool: AsyncConnectionPool[Any] | None = None  # set by the pool's owner, for `_sweep`
        self._sweeping: asyncio.Task[None] | None = None

    async def reset(self, conn: AsyncConnection[Any]) -> None:
        self._returned[conn] = time.monotonic()

    async def check(self, conn: AsyncConnection[Any]) -> None:
        idle = time.monotonic() - self._returned.get(conn, float("-inf"))
        if idle > self.idle_s or conn.closed or socket_has_news(conn.pgconn.socket):
            try:
                await AsyncConnectionPool.check_connection(conn)
            except Exception:
                self._sweep()
                raise

    def _sweep(self) -> None:
        """One dead connection means its siblings died with it (a restart, a pooler bounce): check them
        all at once in the background, instead of letting each checkout find one and back off (psycopg_pool
        waits 1 s, 2 s, … between failed checkouts, which outlasts a turn's wait for a connection)."""
        if self.pool is None or (self._sweeping is not None and not self._sweeping.done()):
            return
        self._sweeping = asyncio.get_running_loop().create_task(self.pool.check(), name="pool-sweep")


def ping_idle_connections(engine: AsyncEngine, idle_s: float) -> None:
    """The same rule for a SQLAlchemy engine created without `pool_pre_ping`.

    asyncpg's connections are read by the event loop even while idle, so a peer that closed one has
    already marked it closed (`is_closed()`); no poll is needed. Raising DisconnectionError from a
    checkout listener makes the pool replace the connection and try again, as its own pre-ping does."""
    pool = engine.sync_engine.pool

    @event.listens_for(pool, "checkin")
    def _stamp(dbapi_connection: Any, record: Any) -> None:
        record.info["returned_at"] = time.monotonic()

    @event.listens_for(pool, "checkout")
    def _ping_if_stale(dbapi_connection: Any, record: Any, proxy: Any) -> None:
        idle = time.monotonic() - record.info.get("returned_at", float("-inf"))
        if idle <= idle_s and not dbapi_connection.driver_connection.is_closed():
            return
        try:
            dbapi_connection.ping()
        except Exception as error:
            raise DisconnectionError("connection failed its health check") from error
