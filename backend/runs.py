"""Runs of the LangGraph-compatible surface: durable rows over the one turn engine (backend/turns.py).

A run is one turn of its thread (a chat session), started through `TurnService.start` with the run id as
its turn id, so it takes the same per-chat lock, rate limit, quotas and zero-loss transcript as a REST turn.
What a run adds is a row in `runs` (pending → running → success | error | interrupted; a run with nothing
ahead of it is written `running` and started by the request itself) and a queue:

    reject   → the thread has a pending/running run, or its lock is held (a REST turn): 409, nothing stored
    enqueue  → the run waits (pending) until it is the oldest waiting run of its thread and the chat lock
               is free; at most `langgraph_queued_runs_per_thread` wait per thread. A REST turn still
               gets its 409 when a run holds the chat, and a run queued behind a REST turn starts after it.

The process that starts a run drives it: it relays the turn's events to any number of readers in this
process (`LiveRun.follow`), writes the final status *before* the last event goes out (so a client that
sees the stream end and asks for the run finds it finished) and keeps a heartbeat on the row. Another
process reads the row: `join` there polls it. A row whose heartbeat stopped (three missed marks) belonged
to a process that died:
    running  → recorded as failed (`process_died`): its turn was cut off mid-way, like a killed REST turn;
    pending  → claimed by another process (the row carries what the turn needs, `kwargs.turn`), which
               queues and starts it. Claims happen on the next request that touches the thread and on a
               sweep every `langgraph_run_heartbeat_s` in every process, so a dead process's queued run
               starts within about 4 × `langgraph_run_heartbeat_s` of its last mark.
A queued run moves pending → running in one conditional UPDATE right before its turn starts, so of two
processes that both believe they drive it, only one starts the turn.

Cancelling (`cancel`, and the `interrupt`/`rollback` multitask strategies) works from any process. A
pending run is stopped by the request itself, with a conditional UPDATE (interrupt → `interrupted`) or
DELETE (rollback); a running one gets `cancel` set on its row and a NOTIFY (backend/run_events.py); its
driver stops the turn's graph (`Turn.cancel`), and the turn is then kept as far as it went (interrupt,
status `interrupted`) or undone and its row deleted (rollback). A driver that missed the notification
reads `cancel` on its next heartbeat. A cancel that arrives once the graph is over is too late: the run
ends as it would have.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import datetime as dt
import json
import logging
import uuid
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from sqlalchemy import Row, column, delete, func, select, text, update
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker

from backend.chats import ChatAccess
from backend.errors import ApiError, expected_error, not_found
from backend.models import Run
from backend.quotas import quota_exceeded
from backend.run_events import EventWriter, RunEventLog, RunSignals, notify
from backend.settings import Settings
from backend.turns import (
    TERMINAL_EVENTS,
    CancelAction,
    ResumeChoice,
    Turn,
    TurnEvent,
    TurnRequest,
    TurnService,
)

log = logging.getLogger(__name__)

RunStatus = Literal["pending", "running", "success", "error", "interrupted"]
MultitaskStrategy = Literal["reject", "enqueue", "interrupt", "rollback"]
ACTIVE = ("pending", "running")
STATUS_BY_EVENT: dict[str, RunStatus] = {"final": "success", "interrupt": "interrupted", "error": "error"}
CANCELLED = "run_cancelled"  # the error code of a run stopped by an interrupt (status interrupted)
ROLLED_BACK = "run_rolled_back"  # … and of one rolled back (its row is deleted)
CANCEL_MESSAGES = {
    CANCELLED: "실행이 중단되었습니다.",
    ROLLED_BACK: "실행이 취소되고 되돌려졌습니다: 이 실행은 대화에 남지 않습니다.",
}
KEEP_FINISHED_S = 60.0  # a finished run's events stay replayable in its process this long

PROCESS_DIED = '{"code": "process_died", "message": "이 실행을 맡은 서버 프로세스가 중단되었습니다."}'
# :thread_id NULL: every thread (the periodic sweep). One statement: running runs of dead processes fail,
# pending ones are claimed (returned) to be driven here.
RECOVER_STALE_SQL = text(
    """
    WITH expired AS (
        UPDATE runs SET status = 'error', updated_at = clock_timestamp(), error = CAST(:died AS jsonb)
        WHERE (CAST(:thread_id AS uuid) IS NULL OR thread_id = :thread_id) AND status = 'running'
          AND heartbeat_at < clock_timestamp() - make_interval(secs => :stale_s)
    )
    UPDATE runs SET heartbeat_at = clock_timestamp()
    WHERE (CAST(:thread_id AS uuid) IS NULL OR thread_id = :thread_id) AND status = 'pending'
      AND heartbeat_at < clock_timestamp() - make_interval(secs => :stale_s)
    RETURNING run_id
    """
)
# A `runs` row as the statements below return it: every column named, in order, with its type where the
# row needs one, so SQLAlchemy caches the result's metadata with the compiled statement instead of matching
# names against the cursor on every execution (`RETURNING *` with some columns typed did that).
RUN_COLUMNS = [c.name for c in Run.__table__.c]
_RUN_RESULT = [
    column(name, JSONB if name in ("metadata", "kwargs", "error") else None) for name in RUN_COLUMNS
]

# A new run's first statement: the caller's thread (nothing: not theirs, 404) and the lock on its user
# under which runs are counted and admitted one at a time. The count needs a statement of its own after
# the lock: a statement sees the rows committed when it began, not those committed while it waited.
CLAIM_THREAD_SQL = text(
    """
    SELECT c.session_id FROM chat_sessions c JOIN users u ON u.id = c.user_id
    WHERE c.session_id = :thread_id AND c.user_id = :user_id
    FOR NO KEY UPDATE OF u
    """
)
# … and its second, everything else in one round trip: the thread's runs of dead processes (as
# RECOVER_STALE_SQL), the counts the run is admitted by, its row when admitted (`running` when nothing
# is ahead of it: the request starts its turn right away, so it never sits pending where another process
# could claim it) and the ids every run merges into its thread's metadata (written once). The counts
# leave out the runs this statement fails: a statement does not see its own changes.
INSERT_RUN_SQL = text(
    f"""
    WITH expired AS (
        UPDATE runs SET status = 'error', updated_at = clock_timestamp(), error = CAST(:died AS jsonb)
        WHERE thread_id = :thread_id AND status = 'running'
          AND heartbeat_at < clock_timestamp() - make_interval(secs => :stale_s)
        RETURNING run_id
    ), claimed AS (
        UPDATE runs SET heartbeat_at = clock_timestamp()
        WHERE thread_id = :thread_id AND status = 'pending'
          AND heartbeat_at < clock_timestamp() - make_interval(secs => :stale_s)
        RETURNING run_id
    ), active AS (
        SELECT run_id, created_at FROM runs
        WHERE thread_id = :thread_id AND status IN ('pending', 'running')
          AND run_id NOT IN (SELECT run_id FROM expired)
    ), counts AS (
        SELECT (SELECT count(*) FROM active) AS active,
               (SELECT count(*) FROM runs WHERE user_id = :user_id AND status IN ('pending', 'running')
                  AND run_id NOT IN (SELECT run_id FROM expired)) AS queued
    ), run AS (
        INSERT INTO runs (run_id, thread_id, user_id, assistant_id, status, multitask_strategy, metadata, kwargs)
        SELECT CAST(:run_id AS uuid), CAST(:thread_id AS uuid), CAST(:user_id AS uuid), CAST(:assistant_id AS text),
               CASE WHEN counts.active = 0 THEN 'running' ELSE 'pending' END,
               CAST(:strategy AS text), CAST(:metadata AS jsonb), CAST(:kwargs AS jsonb)
        FROM counts
        WHERE NOT (CAST(:queued_limit AS integer) > 0 AND counts.queued >= CAST(:queued_limit AS integer))
          AND NOT (CAST(:reject AS boolean) AND counts.active > 0)
          AND NOT (CAST(:queue_bound AS integer) > 0 AND counts.active >= CAST(:queue_bound AS integer))
        RETURNING *
    ), thread AS (
        UPDATE chat_sessions SET metadata = metadata || CAST(:thread_metadata AS jsonb), updated_at = now()
        WHERE session_id = :thread_id AND NOT metadata @> CAST(:thread_metadata AS jsonb)
          AND EXISTS (SELECT 1 FROM run)
    )
    SELECT counts.queued, ARRAY(SELECT run_id FROM active ORDER BY created_at, run_id) AS active,
           ARRAY(SELECT run_id FROM claimed) AS claimed, {", ".join(f"run.{c}" for c in RUN_COLUMNS)}
    FROM counts LEFT JOIN run ON true
    """
).columns(column("queued"), column("active"), column("claimed"), *_RUN_RESULT)


# A run's end (`_set_status`): one statement built once, on a Core connection (an ORM `update()` built per
# call cost 2.6–3.0 ms of CPU where this costs 1.4, bench/README.md "Against other servers").
SET_STATUS_SQL = text(
    f"""
    UPDATE runs SET status = :status, error = CAST(:error AS jsonb), updated_at = clock_timestamp(),
        heartbeat_at = clock_timestamp()
    WHERE run_id = :run_id
    RETURNING {", ".join(RUN_COLUMNS)}
    """
).columns(*_RUN_RESULT)


class RunLost(Exception):
    """Another process started this queued run (it believed this process dead): stop driving it."""


@dataclass(frozen=True)
class RunSpec:
    """A validated run request, as the turn engine needs it (the HTTP adapter builds it)."""

    assistant_id: str
    content: str | None  # the new human message; None when the run only resumes
    client_message_id: str | None = None
    resume: ResumeChoice | None = None
    use_memory: bool = True
    checkpoint_id: str | None = None  # a fork: the earlier turn boundary the run restarts from
    multitask_strategy: MultitaskStrategy = "enqueue"
    metadata: dict[str, Any] = field(default_factory=dict)
    kwargs: dict[str, Any] = field(default_factory=dict)  # what the client asked, kept on the row

    def turn_json(self) -> dict[str, Any]:
        """What starting the turn needs, kept on the row so another process can start a queued run."""
        resume = self.resume
        return {
            "content": self.content,
            "client_message_id": self.client_message_id,
            "use_memory": self.use_memory,
            "checkpoint_id": self.checkpoint_id,
            "resume": None
            if resume is None
            else {"action": resume.action, "feedback": resume.feedback, "edit": resume.edit},
        }

    @classmethod
    def from_row(cls, row: Run) -> RunSpec:
        turn = (row.kwargs or {}).get("turn") or {}
        resume = turn.get("resume")
        return cls(
            assistant_id=row.assistant_id,
            content=turn.get("content"),
            client_message_id=turn.get("client_message_id"),
            resume=ResumeChoice(resume["action"], resume.get("feedback"), edit=resume.get("edit"))
            if resume
            else None,
            use_memory=bool(turn.get("use_memory", True)),
            checkpoint_id=turn.get("checkpoint_id"),
            multitask_strategy=row.multitask_strategy,  # type: ignore[arg-type]
            metadata=row.meta or {},
            kwargs=row.kwargs or {},
        )

    def turn_request(self, chat: ChatAccess, run_id: uuid.UUID) -> TurnRequest:
        if self.resume is not None:
            resuming = TurnRequest.resuming(chat, self.resume, run_id, self.client_message_id)
            return dataclasses.replace(resuming, fork_checkpoint_id=self.checkpoint_id)
        return TurnRequest(
            chat,
            self.content or "",
            run_id,
            use_memory=self.use_memory,
            client_message_id=self.client_message_id,
            fork_checkpoint_id=self.checkpoint_id,
        )


class LiveRun:
    """A run driven by this process: its events so far (replayable) and a wake-up for readers."""

    def __init__(self, row: Run | RunRow) -> None:
        self.run_id = row.run_id
        self.thread_id = row.thread_id
        self.resumable = bool((row.kwargs or {}).get("resumable"))
        self.events: list[TurnEvent] = []  # event n has the stream id n + 1
        self.finished = False
        self.turn: Turn | None = None  # once started
        self.started = False  # by the request that created it: its first event (the question) is queued
        self.cancel_action: CancelAction | None = None  # asked for before the turn existed
        # the row as its driver recorded the end (None: rolled back, lost)
        self.final: Run | RunRow | None = None
        self._wake = asyncio.Event()

    def cancel(self, action: CancelAction) -> None:
        self.cancel_action = self.cancel_action or action
        if self.turn is not None:
            self.turn.cancel(self.cancel_action)

    def publish(self, event: TurnEvent) -> None:
        self.events.append(event)
        self._notify()

    def finish(self) -> None:
        self.finished = True
        self._notify()

    def _notify(self) -> None:
        woken, self._wake = self._wake, asyncio.Event()
        woken.set()

    async def follow(self, after: int = 0) -> AsyncIterator[tuple[int, TurnEvent]]:
        """(stream id, event) from id `after` + 1, then new ones as they come, until the run is over."""
        seen = after
        while True:
            while seen < len(self.events):
                seen += 1
                yield seen, self.events[seen - 1]
            if self.finished:
                return
            await self._wake.wait()

    async def wait(self) -> None:
        while not self.finished:
            await self._wake.wait()


class RunService:
    def __init__(
        self,
        *,
        sessions: async_sessionmaker[AsyncSession],
        turns: TurnService,
        settings: Settings,
        direct_engine: AsyncEngine,
    ) -> None:
        self._sessions = sessions
        self._turns = turns
        self._settings = settings
        self._live: dict[uuid.UUID, LiveRun] = {}
        self._sweeper: asyncio.Task[None] | None = None
        # per thread, what its runs queued here wait on besides the poll: set when a run of it ends here
        self._freed: dict[uuid.UUID, asyncio.Event] = {}
        self.signals = RunSignals(direct_engine, self._on_signal)
        self.events = RunEventLog(sessions, settings.langgraph_stream_retention_s)

    @property
    def _stale_s(self) -> float:
        return 3 * self._settings.langgraph_run_heartbeat_s

    # create ------------------------------------------------------------------------------------------

    async def create(
        self, chat: ChatAccess, spec: RunSpec, thread_metadata: dict[str, Any] | None = None
    ) -> tuple[Run | RunRow, LiveRun]:
        """Records the run and starts it, or queues it behind the thread's current turn (enqueue).
        `chat` may be unchecked: the run's first statement checks the owner (404). A refusal (409 busy
        with reject, a bad resume, rate limit, message too long …) raises ApiError and leaves no row
        behind. `thread_metadata` is merged into the thread's metadata with the run's row."""
        run_id = uuid.uuid4()
        chat = ChatAccess(chat.user_id, chat.session_id)  # checked by `_insert` before the turn sees it
        request = spec.turn_request(chat, run_id)
        row, others = await self._insert(chat, spec, run_id, thread_metadata or {})
        live = LiveRun(row)
        self._live[run_id] = live
        if others and spec.multitask_strategy in ("interrupt", "rollback"):
            await self._request_cancel(others, spec.multitask_strategy)  # type: ignore[arg-type]
        turn: Turn | None = None
        counted = False
        try:
            if row.status == "running":  # nothing ahead of it: started now, by this request
                counted = True
                try:
                    turn = await self._turns.start(request)
                except ApiError as exc:
                    if exc.code != "turn_in_progress" or spec.multitask_strategy == "reject":
                        raise
                    # a REST turn holds the chat: queued behind it, like a run behind another run
                    row = await self._move(run_id, "running", "pending") or row
        except BaseException:
            await self._discard(run_id)
            raise
        live.started = turn is not None
        self._turns.runner.spawn(self._drive(live, request, turn, counted), name=f"run-{run_id}")
        return row, live

    async def _insert(
        self, chat: ChatAccess, spec: RunSpec, run_id: uuid.UUID, thread_metadata: dict[str, Any]
    ) -> tuple[RunRow, list[uuid.UUID]]:
        """The run's row (`CLAIM_THREAD_SQL`, `INSERT_RUN_SQL`: two statements in one transaction); the
        thread's older runs still pending or running (it waits behind them)."""
        strategy = spec.multitask_strategy
        replaces = strategy in ("interrupt", "rollback")  # the others are cancelled
        bound = self._settings.langgraph_queued_runs_per_thread
        queued_limit = self._settings.quota_queued_runs_per_user
        params = {
            "thread_id": chat.session_id,
            "user_id": chat.user_id,
            "run_id": run_id,
            "assistant_id": spec.assistant_id,
            "strategy": strategy,
            "metadata": _json(spec.metadata),
            "kwargs": _json({**spec.kwargs, "turn": spec.turn_json()}),
            "thread_metadata": _json(thread_metadata),
            "queued_limit": queued_limit,
            "reject": strategy == "reject",
            "queue_bound": 0 if replaces else bound,
            "died": PROCESS_DIED,
            "stale_s": self._stale_s,
        }
        async with engine_of(self._sessions).begin() as conn:  # Core: no ORM session to keep
            owned = await conn.scalar(
                CLAIM_THREAD_SQL, {"thread_id": chat.session_id, "user_id": chat.user_id}
            )
            if owned is None:
                raise not_found("chat_session")
            try:
                found = (await conn.execute(INSERT_RUN_SQL, params)).one()
            except IntegrityError:  # the chat was deleted since the claim
                raise not_found("chat_session") from None
            if found.run_id is None:
                raise self._refusal(chat, strategy, found.queued, len(found.active), bound)
        for stale_id in found.claimed:
            await self._adopt(stale_id)
        return _run(found), list(found.active)

    def _refusal(self, chat: ChatAccess, strategy: str, queued: int, active: int, bound: int) -> ApiError:
        """Why `INSERT_RUN_SQL` admitted no run, checked in the order it checks them."""
        queued_limit = self._settings.quota_queued_runs_per_user
        if queued_limit and queued >= queued_limit:
            # pending and running: a queued run flips to running and back while it waits for the lock
            return quota_exceeded(
                "queued_runs_per_user", queued_limit, retry_after_s=self._settings.retry_after_s
            )
        if active and strategy == "reject":
            return thread_busy(chat.session_id)
        return ApiError(
            409,
            "run_queue_full",
            f"이 대화에는 이미 {bound}개의 실행이 기다리고 있습니다. 앞의 실행이 끝난 뒤 다시 시도해 주세요.",
            {"thread_id": str(chat.session_id), "limit": bound},
        )

    async def _discard(self, run_id: uuid.UUID) -> None:
        self._live.pop(run_id, None)
        async with self._sessions() as db, db.begin():
            await db.execute(delete(Run).where(Run.run_id == run_id))

    # drive -------------------------------------------------------------------------------------------

    async def _drive(self, live: LiveRun, request: TurnRequest, turn: Turn | None, counted: bool) -> None:
        heartbeat = asyncio.get_running_loop().create_task(self._heartbeat(live))
        writer = EventWriter(self.events, live.run_id) if live.resumable else None
        started_here = turn is not None  # started by the request itself, before anyone could cancel it
        try:
            if turn is None:
                turn = await self._wait_for_thread(live, request, counted)
            live.turn = turn
            if live.cancel_action is None and not started_here:  # a queued run: flagged as it started?
                live.cancel_action = await self._cancel_flag(live.run_id)
            if live.cancel_action is not None:  # asked for while the turn was starting
                turn.cancel(live.cancel_action)
            async for event in turn.events():
                seq = len(live.events) + 1
                if event.type in TERMINAL_EVENTS:
                    if writer is not None:
                        await writer.flush()
                    await self._record_end(live, event, seq if writer is not None else None)
                elif writer is not None:
                    writer.add(seq, event)
                live.publish(event)
        except RunLost:
            await self._lost(live)
        except Exception as exc:
            error = expected_error(exc, self._settings.retry_after_s)
            if error is None:
                log.error("run failed", exc_info=exc, extra={"run_id": str(live.run_id)})
            data = {
                "code": error.code if error else "run_failed",
                "message": error.message if error else "실행 중 오류가 발생했습니다.",
                "details": error.details if error else {},
            }
            with contextlib.suppress(Exception):
                live.final = await self._set_status(live.run_id, "error", data)
            live.publish(TurnEvent("error", data))
        finally:
            heartbeat.cancel()
            live.finish()
            asyncio.get_running_loop().call_later(KEEP_FINISHED_S, self._live.pop, live.run_id, None)
            freed = self._freed.pop(live.thread_id, None)
            if freed is not None:  # a run queued here behind this one looks again now, not at its next poll
                freed.set()

    async def _record_end(self, live: LiveRun, event: TurnEvent, seq: int | None) -> None:
        """The run's final status, before its last event goes out live; a resumable run's last event
        (number `seq`) is stored in the same transaction. A rolled-back run leaves no row."""
        code = event.data.get("code") if event.type == "error" else None
        if code == ROLLED_BACK:
            async with self._sessions() as db, db.begin():
                await db.execute(delete(Run).where(Run.run_id == live.run_id))
            return
        status: RunStatus = "interrupted" if code == CANCELLED else STATUS_BY_EVENT[event.type]
        error = event.data if event.type == "error" else None
        last = [(seq, event)] if seq is not None else []
        live.final = await self._set_status(live.run_id, status, error, last)

    async def _cancel_flag(self, run_id: uuid.UUID) -> CancelAction | None:
        async with self._sessions() as db:
            flag = await db.scalar(select(Run.cancel).where(Run.run_id == run_id))
        return flag if flag in ("interrupt", "rollback") else None  # type: ignore[return-value]

    async def _lost(self, live: LiveRun) -> None:
        """A queued run that will not start here: cancelled while it waited, or started elsewhere."""
        async with self._sessions() as db:
            row = await db.scalar(select(Run).where(Run.run_id == live.run_id))
        code = (
            ROLLED_BACK if row is None else CANCELLED if row.cancel and row.status == "interrupted" else None
        )
        if code is None:
            log.warning("queued run started by another process", extra={"run_id": str(live.run_id)})
            return
        event = TurnEvent("error", {"code": code, "message": CANCEL_MESSAGES[code], "details": {}})
        if live.resumable and row is not None:
            await self.events.write(live.run_id, [(len(live.events) + 1, event)])
        live.publish(event)

    async def _wait_for_thread(self, live: LiveRun, request: TurnRequest, counted: bool) -> Turn:
        """A queued run: starts when it is the oldest waiting run of its thread and the chat is free.
        It is marked running first (only if still pending), so no other process starts it too; a start
        refused because the chat is busy puts it back to pending."""
        while True:
            if await self._first_in_line(live):
                moved = await self._move(live.run_id, "pending", "running")
                if moved is None:
                    raise RunLost()
                # flagged since it was last seen pending (or the notice came while it was briefly
                # running, which the canceller's stop of pending runs missed): it never starts
                flag = moved.cancel or live.cancel_action
                if flag:
                    await self._move(live.run_id, "running", "pending")
                    await self._cancel_pending([live.run_id], flag)
                    raise RunLost()
                try:
                    return await self._turns.start(request, counted=counted)
                except ApiError as exc:
                    await self._move(live.run_id, "running", "pending")
                    if exc.code != "turn_in_progress":
                        raise
                counted = True
            await self._until_freed(live.thread_id, self._settings.langgraph_run_poll_s)

    async def _until_freed(self, thread_id: uuid.UUID, timeout_s: float) -> None:
        """The poll's pause: up to `timeout_s`, less when a run of the thread that this process drives
        ends first (its chat lock is free and its status written by then). Runs that other processes
        drive, and REST turns, are seen by the poll."""
        freed = self._freed.setdefault(thread_id, asyncio.Event())
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(freed.wait(), timeout_s)

    async def _first_in_line(self, live: LiveRun) -> bool:
        await self._recover_stale(live.thread_id)
        async with self._sessions() as db:
            found = (
                await db.execute(select(Run.status, Run.cancel).where(Run.run_id == live.run_id))
            ).first()
        if found is not None and found.status == "pending" and found.cancel:
            # a cancel that reached it while it was briefly running: stop it as a pending run
            await self._cancel_pending([live.run_id], found.cancel)
            raise RunLost()
        async with self._sessions() as db:
            status = found.status if found is not None else None
            if status != "pending":
                raise RunLost()  # started elsewhere, cancelled (or the thread is gone)
            # a run of the thread still running holds the chat: trying now would only flip this one to
            # running and back, and a reader in between would see a queued run as started
            ahead = await db.scalar(
                select(Run.run_id).where(Run.thread_id == live.thread_id, Run.status == "running").limit(1)
            )
            if ahead is not None:
                return False
            first = await db.scalar(
                select(Run.run_id)
                .where(Run.thread_id == live.thread_id, Run.status == "pending")
                .order_by(Run.created_at, Run.run_id)
                .limit(1)
            )
        return first == live.run_id

    async def _move(self, run_id: uuid.UUID, was: RunStatus, status: RunStatus) -> Run | None:
        async with self._sessions() as db, db.begin():
            return await db.scalar(
                update(Run)
                .where(Run.run_id == run_id, Run.status == was)
                .values(status=status, updated_at=func.clock_timestamp(), heartbeat_at=func.clock_timestamp())
                .returning(Run)
            )

    async def _heartbeat(self, live: LiveRun) -> None:
        """Marks the run alive, and reads a cancel request whose notification this process missed."""
        while True:
            await asyncio.sleep(self._settings.langgraph_run_heartbeat_s)
            with contextlib.suppress(Exception):  # a missed mark is retried; three make the run stale
                async with self._sessions() as db, db.begin():
                    cancel = await db.scalar(
                        update(Run)
                        .where(Run.run_id == live.run_id)
                        .values(heartbeat_at=func.clock_timestamp())
                        .returning(Run.cancel)
                    )
                if cancel in ("interrupt", "rollback") and live.turn is not None:
                    live.cancel(cancel)

    # cancel ------------------------------------------------------------------------------------------

    async def cancel(self, chat: ChatAccess, run_id: uuid.UUID, action: CancelAction, *, wait: bool) -> None:
        """Stops a pending or running run of this thread, from any process (409 once it is over)."""
        row = await self.get(chat, run_id)
        if row.status not in ACTIVE:
            raise ApiError(
                409,
                "run_not_active",
                f"이미 끝난 실행은 취소할 수 없습니다 (상태: {row.status}).",
                {"run_id": str(run_id), "status": row.status},
            )
        await self._request_cancel([run_id], action)
        if wait:
            await self.settled(run_id)

    async def _request_cancel(self, run_ids: Sequence[uuid.UUID], action: CancelAction) -> None:
        """Every active one is flagged and its driver notified first (a queued run flips to running and
        back while it waits for the chat lock: the flag is seen in either state); then the ones still
        pending are stopped here."""
        async with self._sessions() as db, db.begin():
            flagged = (
                await db.scalars(
                    update(Run)
                    .where(Run.run_id.in_(list(run_ids)), Run.status.in_(ACTIVE))
                    .values(cancel=action, updated_at=func.clock_timestamp())
                    .returning(Run.run_id)
                )
            ).all()
            for run_id in flagged:
                await notify(db, run_id, action)
        for run_id in flagged:  # driven here: no need to wait for the notification
            self._on_signal(run_id, action)
        await self._cancel_pending(flagged, action)

    async def _cancel_pending(self, run_ids: Sequence[uuid.UUID], action: str) -> None:
        ids = list(run_ids)
        async with self._sessions() as db, db.begin():
            if action == "rollback":
                stopped = (
                    await db.scalars(
                        delete(Run).where(Run.run_id.in_(ids), Run.status == "pending").returning(Run.run_id)
                    )
                ).all()
            else:
                error = {"code": CANCELLED, "message": CANCEL_MESSAGES[CANCELLED], "details": {}}
                stopped = (
                    await db.scalars(
                        update(Run)
                        .where(Run.run_id.in_(ids), Run.status == "pending")
                        .values(
                            status="interrupted",
                            cancel=action,
                            error=error,
                            updated_at=func.clock_timestamp(),
                        )
                        .returning(Run.run_id)
                    )
                ).all()
            for run_id in stopped:
                await notify(db, run_id, action)

    def _on_signal(self, run_id: uuid.UUID, action: str) -> None:
        live = self._live.get(run_id)
        if live is not None and not live.finished and action in ("interrupt", "rollback"):
            live.cancel(action)  # type: ignore[arg-type]

    async def settled(self, run_id: uuid.UUID) -> Run | None:
        """Waits until the run is over (None: rolled back, its row gone), whichever process drives it."""
        while True:
            async with self._sessions() as db:
                row = await db.scalar(select(Run).where(Run.run_id == run_id))
            if row is None or row.status not in ACTIVE:
                return row
            live = self._live.get(run_id)
            if live is not None and not live.finished:
                await live.wait()
            else:
                await asyncio.sleep(max(self._settings.langgraph_run_poll_s, 0.05))

    async def _set_status(
        self,
        run_id: uuid.UUID,
        status: RunStatus,
        error: dict[str, Any] | None = None,
        last_events: Sequence[tuple[int, TurnEvent]] = (),
    ) -> RunRow | None:
        params = {"run_id": run_id, "status": status, "error": _json(error)}  # None: JSON null, as before
        if not last_events:
            async with autocommit(self._sessions) as conn:
                found = (await conn.execute(SET_STATUS_SQL, params)).first()
        else:
            async with engine_of(self._sessions).begin() as conn:  # the last events commit with the status
                await self.events.write_in(conn, run_id, last_events)
                found = (await conn.execute(SET_STATUS_SQL, params)).first()
        return _run(found) if found is not None else None

    async def _recover_stale(self, thread_id: uuid.UUID | None) -> None:
        """Runs of dead processes (of one thread, or all): running ones failed, pending ones claimed
        and driven here."""
        async with self._sessions() as db, db.begin():
            claimed = await self._stale_runs(db, thread_id)
        for run_id in claimed:
            await self._adopt(run_id)

    async def _stale_runs(self, db: AsyncSession, thread_id: uuid.UUID | None) -> list[uuid.UUID]:
        """`RECOVER_STALE_SQL` in the caller's transaction: the pending runs it claimed."""
        params = {"thread_id": thread_id, "stale_s": self._stale_s, "died": PROCESS_DIED}
        return list((await db.scalars(RECOVER_STALE_SQL, params)).all())

    async def _adopt(self, run_id: uuid.UUID) -> None:
        async with self._sessions() as db:
            row = await db.scalar(select(Run).where(Run.run_id == run_id))
        if row is None or row.status != "pending":
            return
        spec = RunSpec.from_row(row)
        live = LiveRun(row)
        self._live[run_id] = live
        request = spec.turn_request(ChatAccess(row.user_id, row.thread_id), run_id)
        log.info("claimed a queued run of a stopped process", extra={"run_id": str(run_id)})
        # counted: its rate-limit hit was taken when it was created
        self._turns.runner.spawn(self._drive(live, request, None, True), name=f"run-{run_id}")

    # sweep -------------------------------------------------------------------------------------------

    def start(self) -> None:
        """The periodic claim of dead processes' runs (every `langgraph_run_heartbeat_s`), the purge
        of old stream events, and the cancel notifications."""
        self._sweeper = asyncio.get_running_loop().create_task(self._sweep(), name="runs-sweep")
        self.signals.start()

    async def stop(self) -> None:
        await self.signals.stop()
        if self._sweeper is not None:
            self._sweeper.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._sweeper

    async def _sweep(self) -> None:
        while True:
            await asyncio.sleep(self._settings.langgraph_run_heartbeat_s)
            try:
                await self._recover_stale(None)
                await self.events.purge()
            except Exception:  # a database outage: the next pass tries again
                log.warning("claiming stale runs failed", exc_info=True)

    def cancel_soon(self, chat: ChatAccess, run_id: uuid.UUID, action: CancelAction) -> None:
        """A cancel in a task of its own (the stream whose client left is being torn down)."""

        async def go() -> None:
            with contextlib.suppress(ApiError):  # already over: nothing to cancel
                await self.cancel(chat, run_id, action, wait=False)

        self._turns.runner.spawn(go(), name=f"cancel-{run_id}")

    # read --------------------------------------------------------------------------------------------

    async def replay(self, run_id: uuid.UUID, after: int) -> AsyncIterator[tuple[int, TurnEvent]]:
        """A resumable run's events after stream id `after`, from `run_events`, following the run to its
        end whichever process drives it. A run that ended without a stored last event (its process
        died) ends with its recorded error."""
        seq = after
        while True:
            batch = await self.events.after(run_id, seq)
            for seq, event in batch:
                yield seq, event
                if event.type in TERMINAL_EVENTS:
                    return
            if batch:
                continue
            async with self._sessions() as db:
                row = await db.scalar(select(Run).where(Run.run_id == run_id))
            if row is None or row.status not in ACTIVE:
                batch = await self.events.after(run_id, seq)  # the last one committed with the status
                for seq, event in batch:
                    yield seq, event
                if not batch and row is not None and row.status == "error" and row.error:
                    yield seq + 1, TurnEvent("error", row.error)
                return
            await asyncio.sleep(max(self._settings.langgraph_run_poll_s, 0.05))

    def live(self, run_id: uuid.UUID) -> LiveRun | None:
        return self._live.get(run_id)

    async def get(self, chat: ChatAccess, run_id: uuid.UUID) -> Run | RunRow:
        """The run of this (already owned) thread; 404 for any other. A run this process drove to its
        end is answered with the row its driver wrote (`LiveRun.final`; a finished row never changes
        again): the Python SDK asks for the run after every stream that had a `Location` and ended
        without an `end` event, as ours do, so that question costs no statement. Dead processes' runs
        of the thread are still recovered by the next request that writes to it and by the sweep."""
        live = self._live.get(run_id)
        final = live.final if live is not None and live.finished else None
        if final is not None and final.thread_id == chat.session_id and final.user_id == chat.user_id:
            return final
        await self._recover_stale(chat.session_id)
        async with self._sessions() as db:
            row = await db.scalar(
                select(Run).where(
                    Run.run_id == run_id, Run.thread_id == chat.session_id, Run.user_id == chat.user_id
                )
            )
        if row is None:
            raise not_found("run")
        return row

    async def page(
        self, chat: ChatAccess, limit: int, offset: int, status: str | None = None
    ) -> Sequence[Run]:
        """The thread's runs, newest first."""
        await self._recover_stale(chat.session_id)
        query = select(Run).where(Run.thread_id == chat.session_id, Run.user_id == chat.user_id)
        if status is not None:
            query = query.where(Run.status == status)
        query = query.order_by(Run.created_at.desc(), Run.run_id.desc()).limit(limit).offset(offset)
        async with self._sessions() as db:
            return (await db.scalars(query)).all()

    async def outcome(self, chat: ChatAccess, live: LiveRun) -> Run | RunRow:
        """A run this process drives, once over: the row its driver wrote at the end, not read back.
        A run that ended without one (rolled back, started by another process) is read as `join` does."""
        await live.wait()
        return live.final or await self.join(chat, live.run_id)

    async def join(self, chat: ChatAccess, run_id: uuid.UUID) -> Run | RunRow:
        """Waits until the run is over, whichever process drives it (polling the row elsewhere)."""
        row = await self.get(chat, run_id)
        while row.status in ACTIVE:
            live = self._live.get(run_id)
            if live is not None and not live.finished:
                await live.wait()
            else:
                await asyncio.sleep(max(self._settings.langgraph_run_poll_s, 0.05) * 2)
            row = await self.get(chat, run_id)
        return row

    async def busy_threads(self, thread_ids: Sequence[uuid.UUID]) -> set[uuid.UUID]:
        """Which of these threads have a pending or running run."""
        if not thread_ids:
            return set()
        async with self._sessions() as db:
            rows = await db.scalars(
                select(Run.thread_id)
                .where(Run.thread_id.in_(list(thread_ids)), Run.status.in_(ACTIVE))
                .distinct()
            )
            return set(rows.all())


def engine_of(sessions: async_sessionmaker[AsyncSession]) -> AsyncEngine:
    """The engine a session factory binds: the hot statements of a run go through Core connections,
    since an ORM session's bookkeeping costs more CPU than the statement itself (about 2.4 vs 0.8 ms a
    statement, bench/README.md "Against other servers")."""
    bind = sessions.kw.get("bind")
    if not isinstance(bind, AsyncEngine):
        raise TypeError("the run service needs a session factory bound to an AsyncEngine")
    return bind


@contextlib.asynccontextmanager
async def autocommit(sessions: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncConnection]:
    """A Core connection whose statements each commit by themselves: no BEGIN and COMMIT round trips,
    no ORM session. Rows come back as rows (`_run` makes a `Run` of a `runs` row)."""
    async with engine_of(sessions).connect() as conn:
        await conn.execution_options(isolation_level="AUTOCOMMIT")
        yield conn


def thread_busy(thread_id: uuid.UUID) -> ApiError:
    return ApiError(
        409,
        "thread_busy",
        "이 대화에서 다른 실행이 진행 중이거나 기다리고 있습니다 (multitask_strategy=reject).",
        {"thread_id": str(thread_id)},
    )


def _json(value: dict[str, Any] | None) -> str:
    return json.dumps(value, ensure_ascii=False)


@dataclass(slots=True)
class RunRow:
    """A `runs` row as a statement on a Core connection returned it (`INSERT_RUN_SQL`, `SET_STATUS_SQL`):
    the model's attributes, read the same way, without the ORM's instance state. Building a `Run` for it
    cost ~85 µs of CPU, twice a run (bench/README.md "The LangGraph run, fifth pass"); this, ~5."""

    run_id: uuid.UUID
    thread_id: uuid.UUID
    user_id: uuid.UUID
    assistant_id: str
    status: str
    multitask_strategy: str
    meta: dict[str, Any]
    kwargs: dict[str, Any]
    error: dict[str, Any] | None
    created_at: dt.datetime
    updated_at: dt.datetime
    heartbeat_at: dt.datetime
    cancel: str | None


# (attribute, column) of the model, in RunRow's field order: a test keeps the two in step.
_RUN_COLUMNS = tuple((attr.key, attr.columns[0].name) for attr in Run.__mapper__.column_attrs)


def _run(found: Row[Any]) -> RunRow:
    """The `runs` columns of a row a statement returned (`RETURNING` a run on a Core connection)."""
    values = found._mapping
    return RunRow(**{key: values[name] for key, name in _RUN_COLUMNS})
