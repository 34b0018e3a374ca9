"""What crosses processes for LangGraph runs: cancel signals and the events of resumable streams.

Connection roles (docs/CONTRACTS.md "Connection roles"): a notification needs a session of its own that
stays put, which a transaction-mode pooler does not give, so `RunSignals` LISTENs on one dedicated
connection of the *direct* role (the URL of the session locks, `direct_database_url`). NOTIFY is sent
inside an ordinary transaction on the pooled engine: Postgres delivers it at commit. A notification
missed while the listener reconnects is caught by the heartbeat of the run's driver, which reads the
row's `cancel` column (backend/runs.py), so the signal is a shortcut, never the only path.

`RunEventLog` keeps the turn events of runs created with `stream_resumable` (table `run_events`,
numbered per run from 1), written in small batches while the run goes, read by a stream rejoined on any
process and purged after `langgraph_stream_retention_s`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import delete, func, select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.pool import NullPool

from backend.models import RunEvent
from backend.turns import TurnEvent

log = logging.getLogger(__name__)

CHANNEL = "budongsan_runs"
NOTIFY_SQL = text("SELECT pg_notify(:channel, :payload)")
LISTENER_CHECK_S = 30.0  # a silent listener connection is checked this often
RECONNECT_S = 1.0

Signal = Callable[[uuid.UUID, str], None]


async def notify(db: AsyncSession, run_id: uuid.UUID, action: str) -> None:
    """Within the caller's transaction: delivered to every listening process when it commits."""
    await db.execute(NOTIFY_SQL, {"channel": CHANNEL, "payload": f"{run_id}:{action}"})


class RunSignals:
    """One LISTEN connection per process; calls `on_signal(run_id, action)` for each notification."""

    def __init__(self, direct_engine: AsyncEngine, on_signal: Signal) -> None:
        self._url = direct_engine.url
        self._on_signal = on_signal
        self._task: asyncio.Task[None] | None = None
        self.listening = asyncio.Event()

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._listen(), name="run-signals")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _listen(self) -> None:
        engine = create_async_engine(
            self._url,
            poolclass=NullPool,  # one connection, held for as long as the process listens
            connect_args={"server_settings": {"application_name": "budongsan-run-signals"}},
        )
        try:
            while True:
                try:
                    async with engine.connect() as conn:
                        raw = (await conn.get_raw_connection()).driver_connection
                        await raw.add_listener(CHANNEL, self._received)
                        self.listening.set()
                        while True:
                            await asyncio.sleep(LISTENER_CHECK_S)
                            await raw.fetchval("SELECT 1")  # a dead connection raises: reconnect
                except asyncio.CancelledError:
                    raise
                except Exception:
                    self.listening.clear()
                    log.warning(
                        "run notifications lost; reconnecting (heartbeats cover the gap)", exc_info=True
                    )
                    await asyncio.sleep(RECONNECT_S)
        finally:
            await engine.dispose()

    def _received(self, _conn: Any, _pid: int, _channel: str, payload: str) -> None:
        run_id, _, action = payload.partition(":")
        try:
            parsed = uuid.UUID(run_id)
        except ValueError:
            return
        self._on_signal(parsed, action)


class RunEventLog:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], retention_s: float) -> None:
        self._sessions = sessions
        self._retention_s = retention_s

    async def write(self, run_id: uuid.UUID, events: Sequence[tuple[int, TurnEvent]]) -> None:
        if not events:
            return
        async with self._sessions() as db, db.begin():
            await self.write_in(db, run_id, events)

    @staticmethod
    async def write_in(
        db: AsyncSession | AsyncConnection, run_id: uuid.UUID, events: Sequence[tuple[int, TurnEvent]]
    ) -> None:
        """The events in the caller's transaction: a run's last event commits with its final status,
        so a rejoining reader that sees the run over also sees how it ended."""
        rows = [{"run_id": run_id, "seq": seq, "event": e.type, "data": e.data} for seq, e in events]
        await db.execute(insert(RunEvent).values(rows).on_conflict_do_nothing())

    async def after(self, run_id: uuid.UUID, seq: int, limit: int = 500) -> list[tuple[int, TurnEvent]]:
        async with self._sessions() as db:
            rows = await db.execute(
                select(RunEvent.seq, RunEvent.event, RunEvent.data)
                .where(RunEvent.run_id == run_id, RunEvent.seq > seq)
                .order_by(RunEvent.seq)
                .limit(limit)
            )
            return [(s, TurnEvent(e, d)) for s, e, d in rows.all()]  # type: ignore[arg-type]

    async def count(self, run_id: uuid.UUID) -> int:
        async with self._sessions() as db:
            return int(
                await db.scalar(select(func.count()).select_from(RunEvent).where(RunEvent.run_id == run_id))
                or 0
            )

    async def purge(self) -> None:
        async with self._sessions() as db, db.begin():
            await db.execute(
                delete(RunEvent).where(
                    RunEvent.created_at
                    < func.clock_timestamp() - func.make_interval(0, 0, 0, 0, 0, 0, self._retention_s)
                )
            )


class EventWriter:
    """A run's events on their way to `run_events`: added as they come, written by one background
    flush at a time (a token is not a round trip), and `flush()` waits for everything added so far."""

    def __init__(self, log_: RunEventLog, run_id: uuid.UUID) -> None:
        self._log = log_
        self._run_id = run_id
        self._buffer: list[tuple[int, TurnEvent]] = []
        self._task: asyncio.Task[None] | None = None

    def add(self, seq: int, event: TurnEvent) -> None:
        self._buffer.append((seq, event))
        if self._task is None or self._task.done():
            self._task = asyncio.get_running_loop().create_task(self._drain())

    async def _drain(self) -> None:
        while self._buffer:
            batch, self._buffer = self._buffer, []
            try:
                await self._log.write(self._run_id, batch)
            except Exception:  # a lost batch costs a rejoining reader those events, not the run
                log.warning("writing run events failed", exc_info=True, extra={"run_id": str(self._run_id)})

    async def flush(self) -> None:
        while self._task is not None and not self._task.done():
            await self._task
        if self._buffer:
            await self._drain()
