"""One chat turn, in the order it happens (DESIGN.md §1):

    admit    → within the user's rate limit, the message fits, nobody else is mid-turn in this chat (lock),
               the user runs no more than `quota_running_turns_per_user` turns here (backend/quotas.py);
               that the chat is the caller's was settled before (a `ChatAccess`, see backend/deps.py)
    decide   → a retry of a turn we already know? where does it start (the active branch, or a fork from an
               earlier turn's checkpoint)? a paused graph waiting for this answer?
    store    → the question is committed before the graph runs: acknowledged means stored (within the
               chat's message quota)
    run      → graph.astream(...) in a task of its own, forwarding plan/step/token events to a queue
    finish   → the answer and its memory job commit together; or the interrupt question is stored

The task is detached from the HTTP request, so a client that disconnects does not cancel the turn; SSE,
WebSocket and JSON responses are just readers of the turn's queue / outcome. The session lock (see
backend/locks.py) is held from admission until the turn's last write.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
import uuid
from collections.abc import AsyncIterator, Callable, Coroutine
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any, Literal

from langgraph.types import Command, Interrupt
from sqlalchemy import BigInteger, Boolean, Integer, Row, Text, bindparam, column, func, select, text
from sqlalchemy.dialects.postgresql import UUID, insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from backend.chats import ACTIVE_LEAF, LOCK_USER_SHARED, ChatAccess, ChatSessions, turn_in_progress
from backend.checkpointer import PooledPostgresSaver
from backend.errors import ApiError, expected_error, not_found, unavailable
from backend.locks import SessionBusy, SessionLease, SessionLocks
from backend.metrics import Metrics
from backend.models import DEFAULT_CHAT_TITLE, ChatMessage
from backend.quotas import RunningTurns, quota_exceeded
from backend.ratelimit import RateLimiter
from backend.schemas import MessageOut
from backend.settings import Settings

if TYPE_CHECKING:  # agents/ is imported when the graph is built, not when this module loads
    from agents.graph import AgentGraph

log = logging.getLogger(__name__)

EventType = Literal["metadata", "plan", "step", "token", "interrupt", "final", "error"]
CancelAction = Literal["interrupt", "rollback"]
ROLLBACK_SETTLE_S = 0.5  # how long a rollback waits for a cancelled graph's last write before rewinding again
TERMINAL_EVENTS = frozenset({"final", "interrupt", "error"})
RESUME_LABELS = {"approve": "승인", "modify": "수정 요청", "reject": "거절", "answer": "답변"}

# A rolled-back turn's rows, as if it never happened: its messages (the chat's bookkeeping undone with
# them; a DELETE in a CTE is not visible to its siblings, hence `NOT IN gone`) and any memory job. The
# chat shows again the branch it showed before (:previous_leaf; unknown for a retried turn: the branch
# the question followed).
ROLL_BACK_TURN_SQL = text(
    """
    WITH gone AS (
        DELETE FROM chat_messages WHERE session_id = :session_id AND turn_id = :turn_id
        RETURNING id, role, parent_id
    ), jobs AS (
        DELETE FROM memory_jobs WHERE session_id = :session_id
          AND (payload ->> 'user_message_id')::bigint IN (SELECT id FROM gone)
    )
    UPDATE chat_sessions SET
        message_count = message_count - (SELECT count(*) FROM gone),
        active_leaf_id = CASE WHEN active_leaf_id IN (SELECT id FROM gone)
            THEN coalesce(CAST(:previous_leaf AS bigint), (SELECT parent_id FROM gone WHERE role = 'user'))
            ELSE active_leaf_id END,
        last_message = (
            SELECT left(content, 200) FROM chat_messages
            WHERE session_id = :session_id AND id NOT IN (SELECT id FROM gone) ORDER BY id DESC LIMIT 1
        ),
        title = CASE WHEN NOT title_is_custom AND message_count = (SELECT count(*) FROM gone)
                     THEN :default_title ELSE title END
    WHERE session_id = :session_id
    """
)

MESSAGE_COLUMNS = tuple(ChatMessage.__table__.c)
ACTIVE_LEAF_SQL = text(ACTIVE_LEAF.format(session=":session_id"))
# The answer that ended on a checkpoint (a fork point named by its checkpoint id).
FORK_PARENT_SQL = text(
    "SELECT id FROM chat_messages WHERE session_id = :session_id AND role = 'assistant' "
    "AND checkpoint_id = :checkpoint_id ORDER BY id DESC LIMIT 1"
)
# The question that followed a turn boundary (regenerate): newest branch first.
QUESTION_AFTER_SQL = text(
    "SELECT q.content FROM chat_messages q JOIN chat_messages a ON q.parent_id = a.id "
    "WHERE a.session_id = :session_id AND a.role = 'assistant' AND a.checkpoint_id = :checkpoint_id "
    "AND q.role = 'user' ORDER BY q.id DESC LIMIT 1"
)
# The turn boundary a message's branch stands on: its own checkpoint, else its nearest ancestor's (a
# failed or cut-off turn records none). Chats from before checkpoints were recorded have none: their
# turns continue the thread's head, as they always did.
BOUNDARY_SQL = text(
    """
    WITH RECURSIVE up(id, parent_id, checkpoint_id, depth) AS (
        SELECT id, parent_id, checkpoint_id, 1 FROM chat_messages WHERE id = :message_id AND session_id = :session_id
        UNION ALL
        SELECT p.id, p.parent_id, p.checkpoint_id, up.depth + 1 FROM up JOIN chat_messages p ON p.id = up.parent_id
        WHERE up.checkpoint_id IS NULL AND up.depth < 50
    )
    SELECT id, checkpoint_id FROM up WHERE checkpoint_id IS NOT NULL
    """
)

# The statements every turn runs name their result columns (`.columns`): SQLAlchemy then keeps the result's
# metadata with the compiled statement instead of rebuilding it from the cursor description each time.
TURN_START_COLUMNS = (
    "message_count",
    "leaf",
    "boundary_id",
    "boundary_checkpoint_id",
    "boundary_interrupt",
    "head_id",
    "retried",
    "boundary_retained",
    "question_id",
    "question_created_at",
)
# Everything a turn decides on, read in one statement once the chat lock is held (issue 20): the chat's
# message count (quota) and active leaf, the boundary that leaf's branch stands on with the question it
# left waiting (what the checkpoint's pending interrupt is: the answer recorded it when it ended there)
# and whether that checkpoint is still retained, the thread's head checkpoint, and whether this turn_id
# was seen before (a retry takes the long way). With :ask (a new message on the active branch) the same
# statement stores the question when nothing refuses it: not a retry, the boundary retained, room in the
# quota. No row: the chat is gone, or is not the user's (a REST turn's owner check is this).
TURN_START_SQL = (
    text(
        f"""
    WITH RECURSIVE chat AS (
        SELECT s.message_count, ({ACTIVE_LEAF.format(session=":session_id")}) AS leaf
        FROM chat_sessions s WHERE s.session_id = :session_id AND s.user_id = :user_id
    ), up(id, parent_id, checkpoint_id, depth) AS (
        SELECT m.id, m.parent_id, m.checkpoint_id, 1 FROM chat_messages m JOIN chat ON m.id = chat.leaf
        WHERE m.session_id = :session_id
        UNION ALL
        SELECT p.id, p.parent_id, p.checkpoint_id, up.depth + 1 FROM up JOIN chat_messages p ON p.id = up.parent_id
        WHERE up.checkpoint_id IS NULL AND up.depth < 50
    ), start AS (
        SELECT chat.message_count, chat.leaf, b.id AS boundary_id, b.checkpoint_id AS boundary_checkpoint_id,
            b.structured_data -> 'interrupt' AS boundary_interrupt,
            (SELECT checkpoint_id FROM checkpoints WHERE thread_id = :thread_id AND checkpoint_ns = ''
             ORDER BY checkpoint_id DESC LIMIT 1) AS head_id,
            EXISTS (SELECT 1 FROM chat_messages t WHERE t.session_id = :session_id AND t.turn_id = :turn_id) AS retried
        FROM chat LEFT JOIN chat_messages b ON b.id = (SELECT id FROM up WHERE checkpoint_id IS NOT NULL LIMIT 1)
    ), checked AS (
        SELECT start.*, (
            start.boundary_checkpoint_id IS NULL OR start.boundary_checkpoint_id = start.head_id
            OR EXISTS (SELECT 1 FROM checkpoints k WHERE k.thread_id = :thread_id AND k.checkpoint_ns = ''
                       AND k.checkpoint_id = start.boundary_checkpoint_id)
        ) AS boundary_retained
        FROM start
    ), question AS (
        INSERT INTO chat_messages (session_id, turn_id, role, content, client_message_id, parent_id)
        SELECT :session_id, :turn_id, 'user', :content, :client_message_id, checked.leaf FROM checked
        WHERE :ask AND NOT checked.retried AND checked.boundary_retained
          AND (:quota = 0 OR checked.message_count + 2 <= :quota)
        RETURNING id, created_at
    )
    SELECT checked.*, question.id AS question_id, question.created_at AS question_created_at
    FROM checked LEFT JOIN question ON true
    """
    )
    .bindparams(
        bindparam("session_id", type_=UUID(as_uuid=True)),
        bindparam("user_id", type_=UUID(as_uuid=True)),
        bindparam("turn_id", type_=UUID(as_uuid=True)),
        bindparam("thread_id", type_=Text()),
        bindparam("content", type_=Text()),
        bindparam("client_message_id", type_=Text()),
        bindparam("ask", type_=Boolean()),
        bindparam("quota", type_=Integer()),
    )
    .columns(*(column(name) for name in TURN_START_COLUMNS))
)
# The answer, the user row locked first (erasure's lock order: the insert reads it, so it is taken before
# the chat row the message trigger updates) and the answer's memory job, in one statement: both or neither
# survive a crash. No row: the user is gone.
STORE_ANSWER_SQL = (
    text(
        f"""
    WITH owner AS (
        SELECT id FROM users WHERE id = :user_id FOR KEY SHARE
    ), answer AS (
        INSERT INTO chat_messages (session_id, turn_id, role, content, structured_data, parent_id, checkpoint_id)
        SELECT :session_id, :turn_id, 'assistant', :content, CAST(:structured AS jsonb), :parent_id, :checkpoint_id
        FROM owner
        RETURNING {", ".join(c.name for c in MESSAGE_COLUMNS)}
    ), job AS (
        INSERT INTO memory_jobs (user_id, session_id, payload)
        SELECT :user_id, :session_id, CAST(:payload AS jsonb) || jsonb_build_object('assistant_message_id', answer.id)
        FROM answer
    )
    SELECT * FROM answer
    """
    )
    .bindparams(
        bindparam("user_id", type_=UUID(as_uuid=True)),
        bindparam("session_id", type_=UUID(as_uuid=True)),
        bindparam("turn_id", type_=UUID(as_uuid=True)),
        bindparam("content", type_=Text()),
        bindparam("structured", type_=Text()),  # JSON text, encoded once (`_json_text`)
        bindparam("parent_id", type_=BigInteger()),
        bindparam("checkpoint_id", type_=Text()),
        bindparam("payload", type_=Text()),
    )
    .columns(*(column(c.name) for c in MESSAGE_COLUMNS))
)

INTERRUPT_SHOWN_SQL = text(
    "SELECT EXISTS (SELECT 1 FROM chat_messages WHERE session_id = :session_id AND role = 'assistant' "
    "AND structured_data -> 'interrupt' ->> 'id' = :interrupt_id)"
)


# --- what a turn is made of -------------------------------------------------------------------------


@dataclass(frozen=True)
class ResumeChoice:
    action: str  # approve | modify | reject | answer
    feedback: str | None = None
    interrupt_id: str | None = None  # the question the client answers; None: whatever is pending
    edit: dict[str, Any] | None = None  # a ContractEdit (docs/CONTRACTS.md) with action "modify"

    def as_dict(self) -> dict[str, Any]:
        if self.edit is None:  # the shape stored before edits existed, so retries still match
            return {"action": self.action, "feedback": self.feedback}
        return {"action": self.action, "feedback": self.feedback, "edit": self.edit}


@dataclass(frozen=True)
class TurnRequest:
    chat: ChatAccess
    content: str
    turn_id: uuid.UUID = field(default_factory=uuid.uuid4)
    resume: ResumeChoice | None = None  # None: a new message
    use_memory: bool = True  # False: answer without long-term memory (a run option)
    client_message_id: str | None = None  # a LangGraph client's id for the human message
    # A fork: the turn-boundary checkpoint to restart from (regenerate / edit an earlier message); the
    # question then follows the answer that ended there. None: continue the chat's active branch.
    fork_checkpoint_id: str | None = None

    @classmethod
    def resuming(
        cls,
        chat: ChatAccess,
        choice: ResumeChoice,
        turn_id: uuid.UUID | None = None,
        client_message_id: str | None = None,
    ) -> TurnRequest:
        content = (
            choice.feedback if choice.feedback and choice.feedback.strip() else RESUME_LABELS[choice.action]
        )
        return cls(chat, content, turn_id or uuid.uuid4(), choice, client_message_id=client_message_id)

    @property
    def user_id(self) -> uuid.UUID:
        return self.chat.user_id

    @property
    def session_id(self) -> uuid.UUID:
        return self.chat.session_id

    @property
    def config(self) -> dict[str, Any]:
        return {"configurable": {"thread_id": str(self.session_id), "user_id": str(self.user_id)}}


@dataclass(frozen=True)
class TurnBase:
    """Where a turn starts: the message its question follows and the checkpoint its graph continues."""

    parent_id: int | None  # None: the chat's first question
    fork_checkpoint_id: str | None  # an older turn boundary to restart from; None: the thread's head
    head_id: str | None  # the thread's newest checkpoint (what a rolled-back turn returns to)
    previous_leaf: int | None  # the chat's active leaf before this turn (None for a retried turn)
    boundary_message_id: int | None = None  # the answer that recorded the checkpoint the turn starts from

    @property
    def checkpoint_id(self) -> str | None:
        """The checkpoint the graph starts from."""
        return self.fork_checkpoint_id or self.head_id

    def config(self, config: dict[str, Any]) -> dict[str, Any]:
        """The graph config: with a checkpoint id, LangGraph loads that checkpoint and writes the new
        ones after it (a fork); the thread's head stays where it was on the other branch."""
        if self.fork_checkpoint_id is None:
            return config
        return {"configurable": {**config["configurable"], "checkpoint_id": self.fork_checkpoint_id}}


@dataclass(frozen=True)
class TurnStart:
    """What `TURN_START_SQL` read under the chat lock."""

    message_count: int
    leaf: int | None  # the chat's active leaf
    boundary_id: int | None  # the answer that recorded the checkpoint the leaf's branch stands on
    boundary_checkpoint_id: str | None
    boundary_interrupt: dict[str, Any] | None  # the question that answer left waiting, if any
    head_id: str | None  # the thread's newest checkpoint
    retried: bool  # this turn_id was stored before
    boundary_retained: bool  # the boundary's checkpoint is still there (always, when it is the head)
    question_id: int | None  # the question this statement stored (a new message on the active branch)
    question_created_at: Any

    @classmethod
    def from_row(cls, row: Row[Any]) -> TurnStart:
        return cls(
            row.message_count,
            row.leaf,
            row.boundary_id,
            row.boundary_checkpoint_id,
            row.boundary_interrupt,
            row.head_id,
            row.retried,
            row.boundary_retained,
            row.question_id,
            row.question_created_at,
        )


def checkpoint_not_retained(fork_turns: int, checkpoint_id: str) -> ApiError:
    return ApiError(
        409,
        "checkpoint_not_retained",
        f"이 체크포인트에서는 다시 실행할 수 없습니다: 최근 {fork_turns}개 턴까지만 되돌아가 다시 실행할 수 있습니다.",
        {"checkpoint_id": checkpoint_id, "fork_turns": fork_turns},
    )


def check_checkpoint_id(checkpoint_id: str) -> None:
    """A LangGraph checkpoint id is a UUID; anything else is a malformed request (422)."""
    try:
        uuid.UUID(checkpoint_id)
    except ValueError:
        raise ApiError(
            422,
            "invalid_checkpoint_id",
            "checkpoint_id 형식이 올바르지 않습니다.",
            {"checkpoint_id": checkpoint_id[:100]},
        ) from None


@dataclass(frozen=True)
class PendingInterrupt:
    id: str
    type: str
    question: str
    payload: dict[str, Any]

    @classmethod
    def from_graph(cls, interrupt: Interrupt) -> PendingInterrupt:
        value = interrupt.value if isinstance(interrupt.value, dict) else {"question": str(interrupt.value)}
        return cls(
            id=str(interrupt.id),
            type=str(value.get("type", "clarify")),
            question=str(value.get("question", "")),
            payload=dict(value.get("payload") or {}),
        )

    @classmethod
    def from_stored(cls, data: dict[str, Any]) -> PendingInterrupt:
        return cls(str(data["id"]), str(data["type"]), str(data["question"]), dict(data.get("payload") or {}))

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "type": self.type, "question": self.question, "payload": self.payload}


@dataclass(frozen=True)
class TurnEvent:
    type: EventType
    data: dict[str, Any]


@dataclass(frozen=True)
class _LaterEvent:
    """An event whose data is built only if someone reads the turn's events: a JSON turn never does, and
    the messages in its metadata and final events would be serialized for nothing."""

    type: EventType
    make: Callable[[], dict[str, Any]]

    def built(self) -> TurnEvent:
        return TurnEvent(self.type, self.make())


@dataclass(frozen=True)
class TurnOutcome:
    user_message: ChatMessage
    assistant_message: ChatMessage | None = None
    interrupt: PendingInterrupt | None = None
    error: ApiError | None = None


def message_json(message: ChatMessage) -> dict[str, Any]:
    return MessageOut.model_validate(message).model_dump(mode="json")


class TurnCancelled(Exception):
    """The turn's graph was stopped on request (`Turn.cancel`)."""


class Turn:
    """A turn as its readers see it: one event queue (one reader) and one outcome (any number)."""

    def __init__(self, request: TurnRequest, user_message: ChatMessage) -> None:
        self.request = request
        self.user_message = user_message
        self.base_checkpoint_id: str | None = None  # the thread's head before this turn (rollback)
        self.base_writes: list[str] | None = None  # the head's pending writes then (a resumed turn)
        self.base: TurnBase | None = None  # where the graph starts (a fork restarts an older checkpoint)
        self.partial: list[str] = []  # the answer's text streamed so far
        self.cancel_action: CancelAction | None = None
        self._graph: asyncio.Task[None] | None = None
        self._queue: asyncio.Queue[TurnEvent | _LaterEvent] = asyncio.Queue()
        self._outcome: asyncio.Future[TurnOutcome] = asyncio.get_running_loop().create_future()
        self._emit_later("metadata", self._metadata)

    @property
    def turn_id(self) -> uuid.UUID:
        return self.request.turn_id

    def cancel(self, action: CancelAction) -> bool:
        """Stops the graph (a LangGraph run's cancel). False when it is too late: the graph is over and
        its outcome is stored, or being stored, as usual."""
        if self._outcome.done() or (self._graph is not None and self._graph.done()):
            return False
        self.cancel_action = self.cancel_action or action
        if self._graph is not None:
            self._graph.cancel()
        return True

    def emit(self, type_: EventType, data: dict[str, Any]) -> None:
        self._queue.put_nowait(TurnEvent(type_, data))

    def _emit_later(self, type_: EventType, make: Callable[[], dict[str, Any]]) -> None:
        self._queue.put_nowait(_LaterEvent(type_, make))

    def _metadata(self) -> dict[str, Any]:
        return {
            "session_id": str(self.request.session_id),
            "turn_id": str(self.request.turn_id),
            "user_message": message_json(self.user_message),
        }

    def answered(self, assistant: ChatMessage) -> None:
        self._emit_later("final", partial(message_json, assistant))
        self._settle(TurnOutcome(self.user_message, assistant))

    def paused(self, assistant: ChatMessage, interrupt: PendingInterrupt) -> None:
        self._emit_later(
            "interrupt", lambda: {**interrupt.as_dict(), "assistant_message": message_json(assistant)}
        )
        self._settle(TurnOutcome(self.user_message, assistant, interrupt))

    def failed(self, error: ApiError) -> None:
        self.emit("error", {"code": error.code, "message": error.message, "details": error.details})
        self._settle(TurnOutcome(self.user_message, error=error))

    def replayed(self, assistant: ChatMessage) -> None:
        stored = (assistant.structured_data or {}).get("interrupt")
        if stored:
            self.paused(assistant, PendingInterrupt.from_stored(stored))
        else:
            self.answered(assistant)

    def _settle(self, outcome: TurnOutcome) -> None:
        if not self._outcome.done():
            self._outcome.set_result(outcome)

    async def events(self) -> AsyncIterator[TurnEvent]:
        """Events up to and including the terminal one (final, interrupt or error)."""
        while True:
            queued = await self._queue.get()
            event = queued.built() if isinstance(queued, _LaterEvent) else queued
            yield event
            if event.type in TERMINAL_EVENTS:
                return

    async def outcome(self) -> TurnOutcome:
        """Waits for the end; cancelling the waiter (client gone) does not cancel the turn."""
        return await asyncio.shield(self._outcome)


# --- running turns in the background ----------------------------------------------------------------


class TurnRunner:
    """Owns the detached turn tasks so that shutdown can wait for them."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[None]] = set()
        self.accepting = True

    @property
    def running(self) -> int:
        return len(self._tasks)

    def spawn(self, work: Coroutine[Any, Any, None], name: str) -> None:
        task = asyncio.get_running_loop().create_task(work, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def drain(self, grace_s: float) -> None:
        """Stop admitting turns, let the running ones finish for up to `grace_s`, then cancel the rest."""
        self.accepting = False
        if not self._tasks:
            return
        log.info("waiting for running turns", extra={"turns": len(self._tasks)})
        _, late = await asyncio.wait(set(self._tasks), timeout=grace_s)
        for task in late:
            task.cancel()
        if late:
            log.warning("cancelled turns at shutdown", extra={"turns": len(late)})
            await asyncio.wait(late, timeout=5)


@dataclass
class _GraphEnding:
    final: dict[str, Any] | None = None
    interrupt: PendingInterrupt | None = None
    intent: str = "unknown"


@dataclass(frozen=True)
class _EarlierAttempt:
    user_message: ChatMessage
    assistant_message: ChatMessage | None


# --- the service ------------------------------------------------------------------------------------


class TurnService:
    def __init__(
        self,
        *,
        sessions: async_sessionmaker[AsyncSession],
        locks: SessionLocks,
        graph: AgentGraph,
        checkpointer: PooledPostgresSaver,
        rate_limiter: RateLimiter,
        runner: TurnRunner,
        settings: Settings,
        metrics: Metrics,
        on_memory_job: Callable[[], None] | None = None,
    ) -> None:
        self.on_memory_job = on_memory_job  # e.g. wakes the in-process memory worker
        self.sessions = sessions
        self.locks = locks
        self.graph = graph
        self.checkpointer = checkpointer
        self.rate_limiter = rate_limiter
        self.runner = runner
        self.settings = settings
        self.metrics = metrics
        self.running_turns = RunningTurns(settings.quota_running_turns_per_user, settings.retry_after_s)

    async def start(self, request: TurnRequest, *, counted: bool = False) -> Turn:
        """Admits and acknowledges a turn, then runs it in the background. Raises ApiError when refused.

        Every surface (JSON, SSE, WebSocket) starts turns here, so the rate limit lives here too: it counts
        turns, and only requests that got as far as a valid message (never a 422 body). `counted`: this
        turn was counted by an earlier attempt (a queued LangGraph run trying again for the chat lock)."""
        if not counted:
            await self.rate_limiter.hit(request.user_id)
        self._check_accepting()
        self._check_length(request)
        lease = await self._lock(request.chat)
        try:
            self.running_turns.admit(request.user_id)
        except ApiError:
            await lease.release()
            raise
        try:
            turn, graph_input = await self._prepare(request, lease)
        except BaseException:
            self.running_turns.done(request.user_id)
            await lease.release()
            raise
        if graph_input is None:  # answered from what is already stored
            self.running_turns.done(request.user_id)
            await lease.release()
            return turn
        self.runner.spawn(self._run(turn, graph_input, lease), name=f"turn-{request.turn_id}")
        return turn

    # admit ---------------------------------------------------------------------------------------

    def _check_accepting(self) -> None:
        if not self.runner.accepting:
            raise unavailable(self.settings.retry_after_s, reason="shutting_down")

    def _check_length(self, request: TurnRequest) -> None:
        limit = self.settings.max_message_chars
        if len(request.content) > limit:
            raise ApiError(
                422,
                "message_too_long",
                f"메시지는 최대 {limit}자까지 보낼 수 있습니다.",
                {"max_chars": limit, "length": len(request.content)},
            )

    async def _lock(self, chat: ChatAccess) -> SessionLease:
        try:
            return await self.locks.acquire(chat.session_id)
        except SessionBusy:
            if not chat.checked:  # someone else's chat is "not found", busy or not
                async with self.sessions() as db:
                    await ChatSessions(db).access(chat.user_id, chat.session_id)
            self.metrics.turns_rejected.labels("busy").inc()
            raise turn_in_progress(chat.session_id, self.settings.retry_after_s) from None

    # decide and store ----------------------------------------------------------------------------

    async def _prepare(
        self, request: TurnRequest, lease: SessionLease
    ) -> tuple[Turn, Command | dict[str, Any] | None]:
        """The turn plus what to feed the graph; no graph input when the outcome is already known.

        A new message on the active branch (nearly every turn) is decided and stored by one statement
        on the lock's connection (`TURN_START_SQL`); resumes, retries and forks take the long way
        (`_earlier_attempt`, `locate`, `_store_user_message`)."""
        ask = request.resume is None and request.fork_checkpoint_id is None
        quota = self.settings.quota_messages_per_chat
        params = {
            "session_id": request.session_id,
            "user_id": request.user_id,
            "thread_id": str(request.session_id),
            "turn_id": request.turn_id,
            "content": request.content,
            "client_message_id": request.client_message_id,
            "ask": ask,
            "quota": quota,
        }
        try:
            row = (await lease.execute(TURN_START_SQL, params)).first()
        except IntegrityError as exc:
            if _is_foreign_key_violation(exc):  # deleted meanwhile
                raise not_found("chat_session") from None
            raise
        if row is None:  # not the user's, or deleted since the owner check
            raise not_found("chat_session")
        start = TurnStart.from_row(row)
        earlier = await self._earlier_attempt(request) if start.retried else None
        if earlier is not None and earlier.assistant_message is not None:
            turn = Turn(request, earlier.user_message)
            turn.replayed(earlier.assistant_message)
            return turn, None
        if earlier is None and request.fork_checkpoint_id is None:
            base = self._continue(start)
        else:
            base = await self.locate(
                request.chat,
                request.fork_checkpoint_id,
                follows=earlier.user_message if earlier else None,
            )
        pending = await self._pending(request, base, start if earlier is None else None)
        if (
            earlier is not None
            and pending is not None
            and not await self._interrupt_was_shown(request, pending)
        ):
            # A crashed attempt of this very turn got as far as pausing: show that question now.
            turn = Turn(request, earlier.user_message)
            stored = await self._store_interrupt(request, earlier.user_message, pending, lease)
            turn.paused(stored, pending)
            return turn, None
        graph_input = self._graph_input(request, pending)
        if earlier is not None:
            user_message = earlier.user_message
        elif start.question_id is not None:  # stored by TURN_START_SQL
            user_message = self._asked(request, base, start)
        else:
            user_message = await self._store_user_message(request, base, start.message_count, lease)
        turn = Turn(request, user_message)
        turn.base = base
        turn.base_checkpoint_id = base.head_id
        if pending is not None and base.head_id is not None:
            # A resume adds writes to the checkpoint it was paused at (the head, or a fork's base, which
            # is older than the head): remember every write up to the head.
            turn.base_writes = await self.checkpointer.write_keys(str(request.session_id), base.head_id)
        return turn, graph_input

    @staticmethod
    def _asked(request: TurnRequest, base: TurnBase, start: TurnStart) -> ChatMessage:
        """The question `TURN_START_SQL` stored, as the row it wrote."""
        return ChatMessage(
            id=start.question_id,
            session_id=request.session_id,
            turn_id=request.turn_id,
            role="user",
            content=request.content,
            structured_data=None,
            created_at=start.question_created_at,
            client_message_id=request.client_message_id,
            parent_id=base.parent_id,
            checkpoint_id=None,
        )

    def _continue(self, start: TurnStart) -> TurnBase:
        """`locate` for a new message on the active branch, from what `TURN_START_SQL` read."""
        boundary, head = start.boundary_checkpoint_id, start.head_id
        fork = boundary if boundary is not None and boundary != head else None
        if fork is not None and not start.boundary_retained:
            raise checkpoint_not_retained(self.settings.fork_turns, fork)
        return TurnBase(start.leaf, fork, head, start.leaf, start.boundary_id)

    async def locate(
        self, chat: ChatAccess, fork_checkpoint_id: str | None = None, *, follows: ChatMessage | None = None
    ) -> TurnBase:
        """Where a turn of this chat starts. By default its question follows the active leaf and the
        graph continues that branch's last turn boundary — the thread's head, unless another branch was
        switched to. `fork_checkpoint_id` names an earlier turn boundary (409 when it is not one of this
        chat's retained ones, 422 when malformed); `follows`: a retried turn's stored question."""
        if fork_checkpoint_id is not None:
            check_checkpoint_id(fork_checkpoint_id)
        thread_id = str(chat.session_id)
        params: dict[str, Any] = {"session_id": chat.session_id}
        async with self.sessions() as db:
            leaf = await db.scalar(ACTIVE_LEAF_SQL, params)
            parent = follows.parent_id if follows is not None else leaf
            named = None
            if fork_checkpoint_id is not None and follows is None:
                named = await db.scalar(FORK_PARENT_SQL, {**params, "checkpoint_id": fork_checkpoint_id})
                parent = named if named is not None else parent
            found = None
            if parent is not None:
                found = (await db.execute(BOUNDARY_SQL, {**params, "message_id": parent})).first()
        boundary = found.checkpoint_id if found is not None else None
        head = await self.checkpointer.head_id(thread_id)
        if fork_checkpoint_id is not None and named is None and fork_checkpoint_id != head:
            raise checkpoint_not_retained(self.settings.fork_turns, fork_checkpoint_id)
        fork = boundary if boundary is not None and boundary != head else None
        if fork is not None and not await self.checkpointer.has_checkpoint(thread_id, fork):
            raise checkpoint_not_retained(self.settings.fork_turns, fork_checkpoint_id or fork)
        return TurnBase(
            parent, fork, head, leaf if follows is None else None, found.id if found is not None else None
        )

    async def question_after(self, chat: ChatAccess, checkpoint_id: str | None) -> str:
        """Regenerate (a run from a checkpoint with no input, as agent-chat-ui sends it): the question
        asked next after that turn boundary, newest branch first. 409 when no question followed it."""
        async with self.sessions() as db:
            text_ = await db.scalar(
                QUESTION_AFTER_SQL, {"session_id": chat.session_id, "checkpoint_id": checkpoint_id}
            )
        if text_ is None:
            raise ApiError(
                409,
                "nothing_to_regenerate",
                "이 체크포인트 다음에 보낸 질문이 없어 다시 실행할 수 없습니다. input.messages로 질문을 보내 주세요.",
            )
        return text_

    async def active_checkpoint(self, chat: ChatAccess) -> str | None:
        """The older turn boundary the chat's active branch stands on, when another branch than the
        thread's head was switched to; None: the head (what get_state shows without a checkpoint id)."""
        try:
            return (await self.locate(chat)).fork_checkpoint_id
        except ApiError as exc:  # the branch's boundary is no longer retained: show it as it is
            if exc.code != "checkpoint_not_retained":
                raise
            return str(exc.details["checkpoint_id"])

    async def _earlier_attempt(self, request: TurnRequest) -> _EarlierAttempt | None:
        """What a previous attempt with this turn_id stored (a client retry after an error or a crash)."""
        async with self.sessions() as db:
            rows = (
                await db.scalars(
                    select(ChatMessage).where(
                        ChatMessage.session_id == request.session_id, ChatMessage.turn_id == request.turn_id
                    )
                )
            ).all()
            by_role = {m.role: m for m in rows}
            user_message = by_role.get("user")
            if user_message is None:
                return None
            stored_resume = (user_message.structured_data or {}).get("resume")
            wanted_resume = request.resume.as_dict() if request.resume else None
            if user_message.content != request.content or stored_resume != wanted_resume:
                raise ApiError(
                    409,
                    "turn_id_reused",
                    "이 turn_id는 이미 다른 메시지에 사용되었습니다.",
                    {"turn_id": str(request.turn_id)},
                )
            assistant = by_role.get("assistant")
            if assistant is None:
                latest = await db.scalar(
                    select(func.max(ChatMessage.id)).where(
                        ChatMessage.session_id == request.session_id, ChatMessage.role == "user"
                    )
                )
                if latest != user_message.id:
                    raise ApiError(
                        409,
                        "turn_superseded",
                        "이후에 다른 질문이 이어져서 이 질문은 다시 실행할 수 없습니다.",
                        {"turn_id": str(request.turn_id)},
                    )
        return _EarlierAttempt(user_message, assistant)

    async def _pending(
        self, request: TurnRequest, base: TurnBase, start: TurnStart | None = None
    ) -> PendingInterrupt | None:
        """The question a paused graph waits on where this turn starts. It lives in the checkpoint, and
        the answer that ended on that checkpoint recorded it (`start`, for a new question on the active
        branch): no checkpoint read then. A chat from before boundaries were recorded, a retry and a
        fork read the checkpoint."""
        if start is not None and base.checkpoint_id is None:
            return None  # the chat's first turn: nothing to wait on
        if start is not None and start.boundary_id is not None:
            stored = start.boundary_interrupt
            return PendingInterrupt.from_stored(stored) if stored else None
        state = await self.graph.aget_state(base.config(request.config))
        return PendingInterrupt.from_graph(state.interrupts[0]) if state.interrupts else None

    async def _interrupt_was_shown(self, request: TurnRequest, pending: PendingInterrupt) -> bool:
        async with self.sessions() as db:
            params = {"session_id": request.session_id, "interrupt_id": pending.id}
            return bool(await db.scalar(INTERRUPT_SHOWN_SQL, params))

    @staticmethod
    def _graph_input(request: TurnRequest, pending: PendingInterrupt | None) -> Command | dict[str, Any]:
        if request.resume is not None:
            if pending is None:
                raise ApiError(
                    409,
                    "no_pending_interrupt",
                    "이 대화에는 응답을 기다리는 질문이 없습니다.",
                    {"session_id": str(request.session_id)},
                )
            expected = request.resume.interrupt_id
            if expected is not None and expected != pending.id:
                raise ApiError(
                    409,
                    "interrupt_not_pending",
                    "이 질문은 이미 답변되었거나 더 이상 기다리는 질문이 아닙니다. 대화를 새로 불러와 주세요.",
                    {"interrupt_id": expected, "pending_interrupt_id": pending.id},
                )
            return Command(resume=request.resume.as_dict())
        if pending is not None:
            return Command(resume={"action": "answer", "feedback": request.content})
        # The user is not part of the input: it reaches the graph as run context (`_stream_graph`).
        return {
            "query": request.content,
            "turn_id": str(request.turn_id),
            "pending_outcome": None,
            "use_memory": request.use_memory,
            "memory_retried": False,
        }

    async def _store_user_message(
        self, request: TurnRequest, base: TurnBase, message_count: int, lease: SessionLease
    ) -> ChatMessage:
        """One INSERT on the lock's connection (its own transaction): acknowledged means stored."""
        limit = self.settings.quota_messages_per_chat
        if limit and message_count + 2 > limit:  # room for the question and its answer (the lock is held)
            raise quota_exceeded("messages_per_chat", limit)
        values: dict[str, Any] = {
            "session_id": request.session_id,
            "turn_id": request.turn_id,
            "role": "user",
            "content": request.content,
            "client_message_id": request.client_message_id,
            "parent_id": base.parent_id,
        }
        if request.resume is not None:  # otherwise SQL NULL, not JSON null
            values["structured_data"] = {"resume": request.resume.as_dict()}
        try:
            row = (await lease.execute(insert(ChatMessage).values(values).returning(*MESSAGE_COLUMNS))).one()
        except IntegrityError as exc:
            if _is_foreign_key_violation(exc):  # deleted since the owner check (or the socket opened)
                raise not_found("chat_session") from None
            raise
        return ChatMessage(**row._mapping)

    # run -----------------------------------------------------------------------------------------

    async def _run(self, turn: Turn, graph_input: Command | dict[str, Any], lease: SessionLease) -> None:
        started = time.monotonic()
        ending = _GraphEnding()
        outcome = "error"
        shutting_down = unavailable(self.settings.retry_after_s, reason="shutting_down")
        announce: Callable[[], None] = partial(turn.failed, shutting_down)  # if cancelled at shutdown
        self.metrics.running_turns.inc()
        try:
            await self._graph_to_end(turn, graph_input, ending)
            announce, outcome = await self._finish(turn, ending, lease)
        except TurnCancelled:
            announce, outcome = await self._cancelled(turn), "cancelled"
        except Exception as exc:
            announce = partial(turn.failed, self._error_for(exc, turn))
        finally:
            # Unlock before telling the client, so its next message never meets its own finished turn.
            await lease.release()
            self.checkpointer.forget_head(str(turn.request.session_id))
            self.running_turns.done(turn.request.user_id)
            self.metrics.running_turns.dec()
            self.metrics.turn_latency.labels(ending.intent, outcome).observe(time.monotonic() - started)
            announce()
            self._maybe_prune(turn, ending)

    async def _head_id(self, request: TurnRequest) -> str | None:
        """The checkpoint the finished graph ended on (the newest: a fork's too), recorded on the answer
        as the turn's boundary. The chat lock is still held, so no other run has written since: the
        checkpoint this process last wrote for the thread is the head (no query), else ask."""
        thread_id = str(request.session_id)
        written = self.checkpointer.written_head(thread_id)
        return written if written is not None else await self.checkpointer.head_id(thread_id)

    def _maybe_prune(self, turn: Turn, ending: _GraphEnding) -> None:
        """Every Nth finished turn, trim the thread's checkpoints in the background (never paused
        threads: their interrupt needs the checkpoint it was raised from)."""
        every = self.settings.checkpoint_prune_every
        turn_number = int((ending.final or {}).get("turn") or 0)
        if every and turn_number and turn_number % every == 0:
            thread_id = str(turn.request.session_id)
            prune = self.checkpointer.prune_thread(thread_id, self.settings.fork_turns)
            self.runner.spawn(prune, name=f"prune-{thread_id}")

    async def _graph_to_end(
        self, turn: Turn, graph_input: Command | dict[str, Any], ending: _GraphEnding
    ) -> None:
        """The graph in a task of its own, so `Turn.cancel` stops it and nothing after it (storing the
        outcome is never cut in half). TimeoutError past `turn_timeout_s`, TurnCancelled on a cancel."""
        if turn.cancel_action is not None:
            raise TurnCancelled()
        graph = asyncio.get_running_loop().create_task(self._stream_graph(turn, graph_input, ending))
        turn._graph = graph
        try:
            done, _ = await asyncio.wait({graph}, timeout=self.settings.turn_timeout_s)
        except BaseException:  # this turn is cancelled itself (shutdown): take the graph along
            graph.cancel()
            raise
        if not done:
            graph.cancel()
            await asyncio.wait({graph})
            raise TimeoutError()
        if turn.cancel_action is not None:  # Turn.cancel said yes while the graph still ran
            raise TurnCancelled()
        graph.result()

    async def _cancelled(self, turn: Turn) -> Callable[[], None]:
        """A stopped turn (under the chat lock still). `interrupt`: the question stays, with the answer as
        far as it was streamed (no memory job: memory learns from whole answers). `rollback`: the turn is
        undone as if it never happened: its messages, any memory job and every checkpoint it wrote."""
        request = turn.request
        details = {"turn_id": str(request.turn_id)}
        if turn.cancel_action == "rollback":
            async with self.sessions() as db, db.begin():
                await db.execute(LOCK_USER_SHARED, {"user_id": request.user_id})  # erasure's lock order
                await db.execute(
                    ROLL_BACK_TURN_SQL,
                    {
                        "session_id": request.session_id,
                        "turn_id": request.turn_id,
                        "default_title": DEFAULT_CHAT_TITLE,
                        "previous_leaf": turn.base.previous_leaf if turn.base else None,
                    },
                )
            await self.checkpointer.rewind(str(request.session_id), turn.base_checkpoint_id, turn.base_writes)
            # A checkpoint write the cancelled graph had not yet sent can still land (seen under load):
            # rewind once more, still under the chat lock so no other run's writes can be touched.
            await asyncio.sleep(ROLLBACK_SETTLE_S)
            await self.checkpointer.rewind(str(request.session_id), turn.base_checkpoint_id, turn.base_writes)
            message = "실행이 취소되고 되돌려졌습니다: 이 질문과 답변은 대화에 남지 않습니다."
            return partial(turn.failed, ApiError(409, "run_rolled_back", message, details))
        text_so_far = "".join(turn.partial).strip()
        if text_so_far:
            async with self.sessions() as db, db.begin():
                # No checkpoint: the turn did not end on a boundary; the next one continues from the
                # boundary before it.
                cut = {"cancelled": "interrupt"}
                await self._insert_assistant(db, request, turn.user_message, text_so_far, cut, None)
        message = "실행이 중단되었습니다: 질문과 그때까지의 답변은 대화에 남습니다."
        return partial(turn.failed, ApiError(409, "run_cancelled", message, details))

    async def _stream_graph(
        self, turn: Turn, graph_input: Command | dict[str, Any], ending: _GraphEnding
    ) -> None:
        base = turn.base
        stream = self.graph.astream(
            graph_input,
            base.config(turn.request.config) if base is not None else turn.request.config,
            context={"user_id": str(turn.request.user_id)},  # agents/state.py RunContext
            stream_mode=["custom", "updates"],
            durability=self.settings.durability,
        )
        async for mode, chunk in stream:
            if mode == "custom" and isinstance(chunk, dict):
                self._forward(turn, chunk, ending)
            elif mode == "updates" and isinstance(chunk, dict) and chunk.get("__interrupt__"):
                ending.interrupt = PendingInterrupt.from_graph(chunk["__interrupt__"][0])

    @staticmethod
    def _forward(turn: Turn, chunk: dict[str, Any], ending: _GraphEnding) -> None:
        kind = chunk.get("type")
        if kind == "plan":
            ending.intent = str(chunk.get("intent") or ending.intent)
            turn.emit("plan", {"intent": chunk.get("intent"), "steps": chunk.get("steps", [])})
        elif kind == "step":
            turn.emit("step", {"step": chunk.get("step")})
        elif kind == "token":
            turn.partial.append(str(chunk.get("text", "")))
            turn.emit("token", {"text": chunk.get("text", "")})
        elif kind == "final":
            ending.final = chunk  # forwarded once it is stored

    # finish --------------------------------------------------------------------------------------

    async def _finish(
        self, turn: Turn, ending: _GraphEnding, lease: SessionLease
    ) -> tuple[Callable[[], None], str]:
        """Stores how the turn ended; returns how to announce it (after the lock is released)."""
        if ending.final is not None:
            assistant = await self._store_answer(turn, ending.final, ending, lease)
            if ending.interrupt is not None:  # answered, and an earlier question still waits ("kept")
                return partial(turn.paused, assistant, ending.interrupt), "final"
            return partial(turn.answered, assistant), "final"
        if ending.interrupt is not None:
            assistant = await self._store_interrupt(turn.request, turn.user_message, ending.interrupt, lease)
            return partial(turn.paused, assistant, ending.interrupt), "interrupt"
        raise RuntimeError("the graph ended without a final answer or an interrupt")

    async def _store_answer(
        self, turn: Turn, final: dict[str, Any], ending: _GraphEnding, lease: SessionLease
    ) -> ChatMessage:
        """The answer and its memory job in one statement (`STORE_ANSWER_SQL`) on the lock's connection."""
        request = turn.request
        structured = dict(final.get("structured_data") or {})
        if ending.interrupt is not None:
            # The answer is also where the still-waiting question is shown (and found on reload).
            structured["interrupt"] = ending.interrupt.as_dict()
        ending.intent = str(structured.get("intent") or ending.intent)
        content = str(final.get("content", ""))
        boundary = await self._head_id(request)
        params = {
            "user_id": request.user_id,
            "session_id": request.session_id,
            "turn_id": request.turn_id,
            "content": content,
            "structured": _json_text(structured),
            "parent_id": turn.user_message.id,
            "checkpoint_id": boundary,
            "payload": _json_text(_memory_job_payload(turn.user_message, content, structured, final)),
        }
        try:
            row = (await lease.execute(STORE_ANSWER_SQL, params)).first()
        except IntegrityError as exc:
            await self._forget_vanished_session(request, exc)
            raise
        if row is None:  # the user was deleted mid-turn (and with them the chat)
            await self.checkpointer.adelete_thread(str(request.session_id))
            raise not_found("chat_session")
        if self.on_memory_job is not None:
            self.on_memory_job()
        return ChatMessage(**row._mapping)

    async def _store_interrupt(
        self, request: TurnRequest, user_message: ChatMessage, pending: PendingInterrupt, lease: SessionLease
    ) -> ChatMessage:
        """The paused graph's question joins the transcript, so a reload (or another server) shows it."""
        boundary = await self._head_id(request)
        structured = {"interrupt": _jsonable(pending.as_dict())}
        try:
            row = (
                await lease.execute(
                    _assistant_insert(request, user_message, pending.question, structured, boundary)
                )
            ).one()
        except IntegrityError as exc:
            await self._forget_vanished_session(request, exc)
            raise
        return ChatMessage(**row._mapping)

    @staticmethod
    async def _insert_assistant(
        db: AsyncSession,
        request: TurnRequest,
        user_message: ChatMessage,
        content: str,
        structured: dict[str, Any],
        checkpoint_id: str | None,
    ) -> ChatMessage:
        """The answer follows its question; `checkpoint_id` is the turn boundary it ended on."""
        row = (
            await db.execute(_assistant_insert(request, user_message, content, structured, checkpoint_id))
        ).one()
        return ChatMessage(**row._mapping)

    async def _forget_vanished_session(self, request: TurnRequest, exc: IntegrityError) -> None:
        """The user (and so the session) was deleted mid-turn: drop the thread the turn just wrote."""
        if _is_foreign_key_violation(exc):
            await self.checkpointer.adelete_thread(str(request.session_id))

    def _error_for(self, exc: Exception, turn: Turn) -> ApiError:
        if isinstance(exc, IntegrityError) and _is_foreign_key_violation(exc):
            return not_found("chat_session")
        if (error := expected_error(exc, self.settings.retry_after_s)) is not None:
            if error is not exc:
                log.warning("turn failed: database unavailable", extra={"turn_id": str(turn.turn_id)})
            return error
        if isinstance(exc, TimeoutError):
            log.warning("turn timed out", extra={"turn_id": str(turn.turn_id)})
            return ApiError(
                504,
                "turn_timeout",
                "답변을 만드는 데 시간이 너무 오래 걸렸습니다. 다시 시도해 주세요.",
                {"timeout_seconds": self.settings.turn_timeout_s},
            )
        log.error("turn failed", exc_info=exc, extra={"turn_id": str(turn.turn_id)})
        return ApiError(500, "turn_failed", "답변을 만드는 중 오류가 발생했습니다. 다시 시도해 주세요.")


def _assistant_insert(
    request: TurnRequest,
    user_message: ChatMessage,
    content: str,
    structured: dict[str, Any],
    checkpoint_id: str | None,
) -> Any:
    return (
        insert(ChatMessage)
        .values(
            session_id=request.session_id,
            turn_id=request.turn_id,
            role="assistant",
            content=content,
            structured_data=structured,
            parent_id=user_message.id,
            checkpoint_id=checkpoint_id,
        )
        .returning(*MESSAGE_COLUMNS)
    )


def _is_foreign_key_violation(exc: IntegrityError) -> bool:
    return getattr(exc.orig, "sqlstate", None) == "23503"


def _jsonable(data: dict[str, Any]) -> dict[str, Any]:
    """What JSONB will store: dates and decimals as strings, tuples as lists."""
    return json.loads(_json_text(data))


def _json_text(data: dict[str, Any]) -> str:
    """`data` as the JSON text JSONB stores (dates and decimals as strings, tuples as lists): encoded once
    and cast by the statement, instead of made JSON-safe first (`_jsonable`) and encoded again by the
    bind parameter's type (three encodings of the answer's structured data per turn)."""
    return json.dumps(data, ensure_ascii=False, default=str)


def _memory_job_payload(
    user_message: ChatMessage, answer: str, structured: dict[str, Any], final: dict[str, Any]
) -> dict[str, Any]:
    """The outbox payload of docs/CONTRACTS.md ("Memory jobs") but the answer's id, which
    `STORE_ANSWER_SQL` adds as it inserts the answer; the graph's final event carries the full slots
    and the entities with their data ids. Not yet JSON-safe: `_json_text` encodes it."""
    memory = final.get("memory") or {}
    return {
        "user_message_id": user_message.id,
        "query": user_message.content,
        "answer": answer,
        "intent": structured.get("intent"),
        "slots": memory.get("slots") or structured.get("slots") or {},
        "entities": memory.get("entities") or [],
    }
