"""Runs of the LangGraph-compatible surface: durable rows over the one turn engine (backend/turns.py).

A run is one turn of its thread (a chat session), started through `TurnService.start` with the run id as
its turn id, so it takes the same per-chat lock, rate limit, quotas and zero-loss transcript as a REST turn.
What a run adds is a row in `runs` (pending → running → success | error | interrupted) and a queue:

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
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from sqlalchemy import delete, func, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from backend.chats import LOCK_USER_FOR_NEW_CHAT, ChatAccess
from backend.errors import ApiError, expected_error, not_found
from backend.models import Run
from backend.quotas import quota_exceeded
from backend.settings import Settings
from backend.turns import TERMINAL_EVENTS, ResumeChoice, Turn, TurnEvent, TurnRequest, TurnService

log = logging.getLogger(__name__)

RunStatus = Literal["pending", "running", "success", "error", "interrupted"]
MultitaskStrategy = Literal["reject", "enqueue"]
ACTIVE = ("pending", "running")
STATUS_BY_EVENT: dict[str, RunStatus] = {"final": "success", "interrupt": "interrupted", "error": "error"}
KEEP_FINISHED_S = 60.0  # a finished run's events stay replayable in its process this long

# :thread_id NULL: every thread (the periodic sweep).
EXPIRE_STALE_SQL = text(
    """
    UPDATE runs SET status = 'error', updated_at = clock_timestamp(),
        error = '{"code": "process_died", "message": "이 실행을 맡은 서버 프로세스가 중단되었습니다."}'::jsonb
    WHERE (CAST(:thread_id AS uuid) IS NULL OR thread_id = :thread_id) AND status = 'running'
      AND heartbeat_at < clock_timestamp() - make_interval(secs => :stale_s)
    """
)
CLAIM_STALE_SQL = text(
    """
    UPDATE runs SET heartbeat_at = clock_timestamp()
    WHERE (CAST(:thread_id AS uuid) IS NULL OR thread_id = :thread_id) AND status = 'pending'
      AND heartbeat_at < clock_timestamp() - make_interval(secs => :stale_s)
    RETURNING run_id
    """
)


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
            multitask_strategy=row.multitask_strategy,  # type: ignore[arg-type]
            metadata=row.meta or {},
            kwargs=row.kwargs or {},
        )

    def turn_request(self, chat: ChatAccess, run_id: uuid.UUID) -> TurnRequest:
        if self.resume is not None:
            return TurnRequest.resuming(chat, self.resume, run_id, self.client_message_id)
        return TurnRequest(
            chat,
            self.content or "",
            run_id,
            use_memory=self.use_memory,
            client_message_id=self.client_message_id,
        )


class LiveRun:
    """A run driven by this process: its events so far (replayable) and a wake-up for readers."""

    def __init__(self, row: Run) -> None:
        self.run_id = row.run_id
        self.thread_id = row.thread_id
        self.events: list[TurnEvent] = []
        self.finished = False
        self._wake = asyncio.Event()

    def publish(self, event: TurnEvent) -> None:
        self.events.append(event)
        self._notify()

    def finish(self) -> None:
        self.finished = True
        self._notify()

    def _notify(self) -> None:
        woken, self._wake = self._wake, asyncio.Event()
        woken.set()

    async def follow(self) -> AsyncIterator[TurnEvent]:
        """Every event from the first, then new ones as they come, until the run is over."""
        seen = 0
        while True:
            while seen < len(self.events):
                seen += 1
                yield self.events[seen - 1]
            if self.finished:
                return
            await self._wake.wait()

    async def wait(self) -> None:
        while not self.finished:
            await self._wake.wait()


class RunService:
    def __init__(
        self, *, sessions: async_sessionmaker[AsyncSession], turns: TurnService, settings: Settings
    ) -> None:
        self._sessions = sessions
        self._turns = turns
        self._settings = settings
        self._live: dict[uuid.UUID, LiveRun] = {}
        self._sweeper: asyncio.Task[None] | None = None

    @property
    def _stale_s(self) -> float:
        return 3 * self._settings.langgraph_run_heartbeat_s

    # create ------------------------------------------------------------------------------------------

    async def create(self, chat: ChatAccess, spec: RunSpec) -> tuple[Run, LiveRun]:
        """Records the run and starts it, or queues it behind the thread's current turn (enqueue).
        A refusal (409 busy with reject, a bad resume, rate limit, message too long …) raises ApiError
        and leaves no row behind."""
        run_id = uuid.uuid4()
        request = spec.turn_request(chat, run_id)
        row, waiting = await self._insert(chat, spec, run_id)
        live = LiveRun(row)
        self._live[run_id] = live
        turn: Turn | None = None
        counted = False
        try:
            if not waiting:
                try:
                    turn = await self._turns.start(request)
                except ApiError as exc:
                    if exc.code != "turn_in_progress" or spec.multitask_strategy == "reject":
                        raise
                counted = True
        except BaseException:
            await self._discard(run_id)
            raise
        if turn is not None:
            row = await self._set_status(run_id, "running") or row
        self._turns.runner.spawn(self._drive(live, request, turn, counted), name=f"run-{run_id}")
        return row, live

    async def _insert(self, chat: ChatAccess, spec: RunSpec, run_id: uuid.UUID) -> tuple[Run, bool]:
        """The run's row; whether older runs of the thread are still pending or running."""
        await self._recover_stale(chat.session_id)
        async with self._sessions() as db, db.begin():
            await db.execute(LOCK_USER_FOR_NEW_CHAT, {"user_id": chat.user_id})  # counts one at a time
            queued_limit = self._settings.quota_queued_runs_per_user
            queued = await db.scalar(
                select(func.count())
                .select_from(Run)
                .where(Run.user_id == chat.user_id, Run.status == "pending")
            )
            if queued_limit and (queued or 0) >= queued_limit:
                raise quota_exceeded(
                    "queued_runs_per_user", queued_limit, retry_after_s=self._settings.retry_after_s
                )
            active = await db.scalar(
                select(func.count())
                .select_from(Run)
                .where(Run.thread_id == chat.session_id, Run.status.in_(ACTIVE))
            )
            if active and spec.multitask_strategy == "reject":
                raise thread_busy(chat.session_id)
            bound = self._settings.langgraph_queued_runs_per_thread
            if bound and (active or 0) >= bound:
                raise ApiError(
                    409,
                    "run_queue_full",
                    f"이 대화에는 이미 {bound}개의 실행이 기다리고 있습니다. 앞의 실행이 끝난 뒤 다시 시도해 주세요.",
                    {"thread_id": str(chat.session_id), "limit": bound},
                )
            row = Run(
                run_id=run_id,
                thread_id=chat.session_id,
                user_id=chat.user_id,
                assistant_id=spec.assistant_id,
                status="pending",
                multitask_strategy=spec.multitask_strategy,
                meta=spec.metadata,
                kwargs={**spec.kwargs, "turn": spec.turn_json()},
            )
            db.add(row)
            await db.flush()
            await db.refresh(row)
        return row, bool(active)

    async def _discard(self, run_id: uuid.UUID) -> None:
        self._live.pop(run_id, None)
        async with self._sessions() as db, db.begin():
            await db.execute(delete(Run).where(Run.run_id == run_id))

    # drive -------------------------------------------------------------------------------------------

    async def _drive(self, live: LiveRun, request: TurnRequest, turn: Turn | None, counted: bool) -> None:
        heartbeat = asyncio.get_running_loop().create_task(self._heartbeat(live.run_id))
        try:
            if turn is None:
                turn = await self._wait_for_thread(live, request, counted)
            async for event in turn.events():
                if event.type in TERMINAL_EVENTS:
                    error = event.data if event.type == "error" else None
                    await self._set_status(live.run_id, STATUS_BY_EVENT[event.type], error)
                live.publish(event)
        except RunLost:
            log.warning("queued run started by another process", extra={"run_id": str(live.run_id)})
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
                await self._set_status(live.run_id, "error", data)
            live.publish(TurnEvent("error", data))
        finally:
            heartbeat.cancel()
            live.finish()
            asyncio.get_running_loop().call_later(KEEP_FINISHED_S, self._live.pop, live.run_id, None)

    async def _wait_for_thread(self, live: LiveRun, request: TurnRequest, counted: bool) -> Turn:
        """A queued run: starts when it is the oldest waiting run of its thread and the chat is free.
        It is marked running first (only if still pending), so no other process starts it too; a start
        refused because the chat is busy puts it back to pending."""
        while True:
            if await self._first_in_line(live):
                if await self._move(live.run_id, "pending", "running") is None:
                    raise RunLost()
                try:
                    return await self._turns.start(request, counted=counted)
                except ApiError as exc:
                    await self._move(live.run_id, "running", "pending")
                    if exc.code != "turn_in_progress":
                        raise
                counted = True
            await asyncio.sleep(self._settings.langgraph_run_poll_s)

    async def _first_in_line(self, live: LiveRun) -> bool:
        await self._recover_stale(live.thread_id)
        async with self._sessions() as db:
            status = await db.scalar(select(Run.status).where(Run.run_id == live.run_id))
            if status != "pending":
                raise RunLost()  # started elsewhere (or the thread is gone)
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

    async def _heartbeat(self, run_id: uuid.UUID) -> None:
        while True:
            await asyncio.sleep(self._settings.langgraph_run_heartbeat_s)
            with contextlib.suppress(Exception):  # a missed mark is retried; three make the run stale
                async with self._sessions() as db, db.begin():
                    await db.execute(
                        update(Run).where(Run.run_id == run_id).values(heartbeat_at=func.clock_timestamp())
                    )

    async def _set_status(
        self, run_id: uuid.UUID, status: RunStatus, error: dict[str, Any] | None = None
    ) -> Run | None:
        async with self._sessions() as db, db.begin():
            return await db.scalar(
                update(Run)
                .where(Run.run_id == run_id)
                .values(
                    status=status,
                    error=error,
                    updated_at=func.clock_timestamp(),
                    heartbeat_at=func.clock_timestamp(),
                )
                .returning(Run)
            )

    async def _recover_stale(self, thread_id: uuid.UUID | None) -> None:
        """Runs of dead processes (of one thread, or all): running ones failed, pending ones claimed
        and driven here."""
        params = {"thread_id": thread_id, "stale_s": self._stale_s}
        async with self._sessions() as db, db.begin():
            await db.execute(EXPIRE_STALE_SQL, params)
            claimed = (await db.scalars(CLAIM_STALE_SQL, params)).all()
        for run_id in claimed:
            await self._adopt(run_id)

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
        """The periodic claim of dead processes' runs (every `langgraph_run_heartbeat_s`)."""
        self._sweeper = asyncio.get_running_loop().create_task(self._sweep(), name="runs-sweep")

    async def stop(self) -> None:
        if self._sweeper is not None:
            self._sweeper.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._sweeper

    async def _sweep(self) -> None:
        while True:
            await asyncio.sleep(self._settings.langgraph_run_heartbeat_s)
            try:
                await self._recover_stale(None)
            except Exception:  # a database outage: the next pass tries again
                log.warning("claiming stale runs failed", exc_info=True)

    # read --------------------------------------------------------------------------------------------

    def live(self, run_id: uuid.UUID) -> LiveRun | None:
        return self._live.get(run_id)

    async def get(self, chat: ChatAccess, run_id: uuid.UUID) -> Run:
        """The run of this (already owned) thread; 404 for any other."""
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

    async def join(self, chat: ChatAccess, run_id: uuid.UUID) -> Run:
        """Waits until the run is over, whichever process drives it (polling the row elsewhere)."""
        row = await self.get(chat, run_id)
        while row.status in ACTIVE:
            live = self._live.get(run_id)
            if live is not None:
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


def thread_busy(thread_id: uuid.UUID) -> ApiError:
    return ApiError(
        409,
        "thread_busy",
        "이 대화에서 다른 실행이 진행 중이거나 기다리고 있습니다 (multitask_strategy=reject).",
        {"thread_id": str(thread_id)},
    )
