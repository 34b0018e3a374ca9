"""Read-only data queries on streaming replicas; the primary whenever no replica is fit (issue 20, item 3).

What goes to a replica: the queries of the data tools (apartment trades and rents, statutes), the
gazetteer and coverage loads and the data version: tables that only `load-data` and `sync-molit` write.
Everything else (chats, checkpoints, memory, the LangGraph surface) stays on the primary, which it must
read its own writes from. `ReadReplicas.connect()` is what the agents get as their `engine` (agents/
never imports backend/: it only calls `connect()` and, on the connection, `execute` and `scalar`).

Which replica: each process keeps to one (the first fit one in an order rotated by its pid, so N
processes spread over the replicas), so the data version the tool cache keys on and the data come from
the same node. The version carries the node's name: after a switch (a replica fails, or rejoins) the
cache is emptied and the coverage and gazetteer reloaded, never filled with one node's rows under the
other's version.

Fit: it answers, is still in recovery, and is at most `replica_max_lag_s` behind. How far behind: each
check reads the primary's flushed WAL position first, then asks the replica whether it has replayed that
far. If it has, it held everything the primary had at the moment of the first read: lag 0, and that
moment is remembered. If not, the lag is the smaller of two upper bounds on how stale its data can be:
the time since it was last seen caught up, and `now() - pg_last_xact_replay_timestamp()` (every commit
it lacks came after the last one it replayed). The replay timestamp alone is wrong on an idle primary:
with nothing committed for an hour a replica is fully caught up, yet its last replayed commit is an hour
old, and it would be dropped for no reason. (It also compares two hosts' clocks; the WAL position does
not.) Each process checks every `replica_check_s`: one query per replica and one on the primary.

Failures: a replica that cannot be reached at checkout, or fails mid-query, is left at once and that
statement runs again on the primary (a data read is side-effect free, so repeating it is safe); the rest
of that connection's statements stay on the primary. The replica rejoins after `REJOIN_CHECKS` fit checks
in a row, so a flapping one does not make the process switch (and reload) on every check.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Hashable
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from agents.tools.cache import DATA_VERSION_SQL
from backend.db import DatabaseUrl, create_engine, replica_urls
from backend.dberrors import is_unavailable
from backend.settings import Settings

log = logging.getLogger(__name__)

T = TypeVar("T")
State = Literal["unknown", "ok", "lagging", "down", "not_replica"]

PRIMARY = "primary"
REJOIN_CHECKS = 2
# What a replica connection can fail with; the statement is then repeated on the primary.
_READ_FAILURES = (DBAPIError, PoolTimeoutError, OSError, TimeoutError)

PRIMARY_LSN_SQL = text("SELECT CAST(pg_current_wal_flush_lsn() AS text)")
REPLICA_SQL = text(
    """
    SELECT pg_is_in_recovery() AS in_recovery,
           pg_last_wal_replay_lsn() >= CAST(CAST(:primary_lsn AS text) AS pg_lsn) AS caught_up,
           pg_wal_lsn_diff(CAST(CAST(:primary_lsn AS text) AS pg_lsn), pg_last_wal_replay_lsn()) AS behind,
           extract(epoch FROM now() - pg_last_xact_replay_timestamp()) AS replay_age_s
    """
)


@dataclass(eq=False)
class Replica:
    """One replica and what the last check found."""

    url: DatabaseUrl
    engine: AsyncEngine
    state: State = "unknown"
    lag_s: float | None = None
    behind_bytes: int | None = None
    caught_up_at: float | None = None  # monotonic time it was last seen holding all the primary had
    usable: bool = False
    rejoin_in: int = 0  # fit checks still needed before it is used again after a failure

    @property
    def name(self) -> str:
        return self.url.where  # host:port/db, never the password


class ReadReplicas:
    """Routes data reads to a fit replica or the primary; see the module docstring."""

    def __init__(
        self,
        primary: AsyncEngine,
        replicas: list[Replica],
        *,
        max_lag_s: float,
        check_s: float,
        timeout_s: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.primary = primary
        self.replicas = replicas
        self.max_lag_s = max_lag_s
        self.check_s = check_s
        self.timeout_s = timeout_s
        self._clock = clock
        offset = os.getpid() % len(replicas) if replicas else 0
        self._order = replicas[offset:] + replicas[:offset]
        self._task: asyncio.Task[None] | None = None
        self.fallbacks = 0  # statements or checkouts moved from a replica to the primary

    @classmethod
    def from_settings(cls, primary: AsyncEngine, settings: Settings) -> ReadReplicas | None:
        """None when no replica is configured: the caller then reads from the primary engine as before."""
        urls = replica_urls(settings)
        if not urls:
            return None
        replicas = [
            Replica(url, create_engine(url, settings, application_name="budongsan-replica-read"))
            for url in urls
        ]
        return cls(
            primary,
            replicas,
            max_lag_s=settings.replica_max_lag_s,
            check_s=settings.replica_check_s,
            timeout_s=settings.db_connect_timeout_s,
        )

    async def start(self) -> None:
        """Checks once (a replica is used only once checked), then every `check_s` in the background."""
        await self.check()
        self._task = asyncio.get_running_loop().create_task(self._check_forever(), name="replica-checks")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        for replica in self.replicas:
            await replica.engine.dispose()

    async def _check_forever(self) -> None:
        while True:
            await asyncio.sleep(self.check_s)
            try:
                await self.check()
            except Exception:  # a check must never end the loop
                log.warning("replica check failed", exc_info=True)

    # --- routing ------------------------------------------------------------------------------------

    def chosen(self) -> Replica | None:
        """The replica this process reads from now; None: the primary."""
        return next((r for r in self._order if r.usable), None)

    @contextlib.asynccontextmanager
    async def connect(self) -> AsyncIterator[ReadConnection]:
        """A connection for data reads, like `AsyncEngine.connect()` (closed when the block ends)."""
        replica = self.chosen()
        conn: AsyncConnection | None = None
        if replica is not None:
            try:
                conn = await replica.engine.connect()
            except _READ_FAILURES as exc:
                self.left(replica, exc)
                replica = None
        if conn is None:
            conn = await self.primary.connect()
        read = ReadConnection(self, replica, conn)
        try:
            yield read
        finally:
            await read.close()

    async def data_version(self) -> Hashable:
        """The data version as read on the node the data now comes from, with that node's name."""
        async with self.connect() as conn:
            row = (await conn.execute(DATA_VERSION_SQL)).one()
            return (conn.node, *row)

    def left(self, replica: Replica, exc: BaseException) -> None:
        """A read on `replica` failed and moved to the primary. A replica that is gone is not used again
        until it has passed `REJOIN_CHECKS` checks; other errors (e.g. a query cancelled by a recovery
        conflict) only move that one statement."""
        self.fallbacks += 1
        down = is_unavailable(exc) and not isinstance(exc, PoolTimeoutError)
        log.warning(
            "data read on replica %s failed (%s); read from the primary%s",
            replica.name,
            type(exc).__name__,
            " and the replica left until it passes its checks" if down else "",
        )
        if down:
            self._mark(replica, "down", usable=False)

    # --- checks -------------------------------------------------------------------------------------

    async def check(self) -> None:
        """One round: the primary's WAL position, then every replica against it, concurrently."""
        read_at = self._clock()
        primary_lsn: str | None = None
        try:
            async with asyncio.timeout(self.timeout_s), self.primary.connect() as conn:
                primary_lsn = (await conn.execute(PRIMARY_LSN_SQL)).scalar_one()
        except Exception as exc:  # the replicas are still judged, by their replay timestamps alone
            log.debug("primary WAL position not read: %s", type(exc).__name__)
        await asyncio.gather(*(self._check_one(r, primary_lsn, read_at) for r in self.replicas))

    async def _check_one(self, replica: Replica, primary_lsn: str | None, read_at: float) -> None:
        try:
            async with asyncio.timeout(self.timeout_s), replica.engine.connect() as conn:
                row = (await conn.execute(REPLICA_SQL, {"primary_lsn": primary_lsn})).one()
        except Exception:
            self._mark(replica, "down", usable=False)
            return
        if not row.in_recovery:  # promoted, or not a replica at all: its data may have forked
            self._mark(replica, "not_replica", usable=False)
            return
        replica.behind_bytes = int(row.behind) if row.behind is not None else None
        if row.caught_up:
            replica.caught_up_at = read_at
        bounds = [max(0.0, float(row.replay_age_s))] if row.replay_age_s is not None else []
        if replica.caught_up_at is not None:
            bounds.append(max(0.0, self._clock() - replica.caught_up_at))
        replica.lag_s = 0.0 if row.caught_up else (min(bounds) if bounds else None)
        if replica.lag_s is None or replica.lag_s > self.max_lag_s:
            self._mark(replica, "lagging", usable=False)
            return
        replica.rejoin_in = max(0, replica.rejoin_in - 1)
        self._mark(replica, "ok", usable=replica.usable or replica.rejoin_in == 0)

    def _mark(self, replica: Replica, state: State, *, usable: bool) -> None:
        if replica.usable and not usable:
            replica.rejoin_in = REJOIN_CHECKS
            log.warning("replica %s not used for reads: %s (lag %s s)", replica.name, state, replica.lag_s)
        elif usable and not replica.usable:
            log.info("replica %s used for reads (lag %s s)", replica.name, replica.lag_s)
        if state == "down":
            replica.lag_s = None
        replica.state = state
        replica.usable = usable

    def status(self) -> dict[str, Any]:
        """For /readyz: where reads go and each replica as last checked (never fails readiness)."""
        chosen = self.chosen()
        return {
            "reads": chosen.name if chosen is not None else PRIMARY,
            "replicas": [
                {
                    "replica": r.name,
                    "state": r.state,
                    "in_use": r is chosen,
                    "lag_s": round(r.lag_s, 3) if r.lag_s is not None else None,
                }
                for r in self.replicas
            ],
        }


class ReadConnection:
    """A data-read connection on a replica or the primary. When a statement fails on a replica it runs
    again on a primary connection, which the rest of the block then uses."""

    def __init__(self, owner: ReadReplicas, replica: Replica | None, conn: AsyncConnection) -> None:
        self._owner = owner
        self._replica = replica
        self._conn = conn

    @property
    def node(self) -> str:
        """Where the statements now run: a replica's host:port/db, or "primary"."""
        return self._replica.name if self._replica is not None else PRIMARY

    async def execute(self, *args: Any, **kwargs: Any) -> Any:
        return await self._run(lambda conn: conn.execute(*args, **kwargs))

    async def scalar(self, *args: Any, **kwargs: Any) -> Any:
        return await self._run(lambda conn: conn.scalar(*args, **kwargs))

    async def _run(self, call: Callable[[AsyncConnection], Awaitable[T]]) -> T:
        if self._replica is None:
            return await call(self._conn)
        try:
            return await call(self._conn)
        except _READ_FAILURES as exc:
            self._owner.left(self._replica, exc)
            await _close_quietly(self._conn)
            self._replica = None
            self._conn = await self._owner.primary.connect()
        return await call(self._conn)

    async def close(self) -> None:
        await _close_quietly(self._conn)


async def _close_quietly(conn: AsyncConnection) -> None:
    """Back to its pool (or discarded, when its server is gone); a failure here never reaches a turn."""
    try:
        await conn.close()
    except Exception:
        log.debug("closing a data-read connection failed", exc_info=True)
