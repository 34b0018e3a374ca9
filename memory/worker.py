"""The memory worker: processes the `memory_jobs` outbox off the request's critical path.

The turn commits its answer and a job row together, so a crash never loses a memory: whatever is
pending is processed by the next worker to start (`process_pending`). Jobs are claimed with
`FOR UPDATE SKIP LOCKED`, so any number of workers in any number of processes share the queue and
no job is processed twice. A user's jobs run strictly in order (a job waits while an older job of
the same user is pending), so "예산 6억" then "예산 8억" can never end with 6억 current.

Each job runs in its own transaction; its work sits in a savepoint so that a failure can still be
recorded on the locked row (attempts, last_error, run_after for backoff) before committing. After
`max_attempts` failures the job is left with its last_error for an operator to look at.

Lock order, shared with account erasure (backend/users.py): the user row first, then the job. The claim
takes the user row (FOR KEY SHARE, what the memory inserts' foreign keys take anyway) together with the
job, skipping both when locked, so a job of a user being erased is left to the erasure (which deletes
it) instead of waiting on it and deadlocking. Memory stays within `MemoryLimits`: a write beyond a cap
drops the user's oldest items rather than failing. Finished jobs hold the exchange's text, so the
periodic pass purges them after a retention (`purge_finished_jobs`).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import time
import uuid
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from agents.domain.slots import Intent, Slots
from memory import conversation, entities, preferences
from memory.extract import LlmExtractor, RuleExtractor

log = logging.getLogger(__name__)

DEFAULT_MAX_ATTEMPTS = 5
BACKOFF_BASE_S = 2.0
BACKOFF_MAX_S = 600.0
ERROR_CHARS = 2000

CLAIM_JOB = text(
    """
SELECT j.id, j.user_id, j.session_id, j.payload, j.attempts
FROM memory_jobs j JOIN users u ON u.id = j.user_id
WHERE j.done_at IS NULL AND j.run_after <= now() AND j.attempts < :max_attempts
  AND NOT EXISTS (
      SELECT 1 FROM memory_jobs older
      WHERE older.user_id = j.user_id AND older.id < j.id
        AND older.done_at IS NULL AND older.attempts < :max_attempts)
ORDER BY j.run_after, j.id
LIMIT 1
FOR UPDATE OF j SKIP LOCKED
FOR KEY SHARE OF u SKIP LOCKED
"""
)
MARK_DONE = text("UPDATE memory_jobs SET done_at = now(), last_error = NULL WHERE id = :id")
MARK_FAILED = text(
    "UPDATE memory_jobs SET attempts = attempts + 1, last_error = :error, "
    "run_after = now() + make_interval(secs => :delay) WHERE id = :id"
)
MARK_DEAD = text("UPDATE memory_jobs SET attempts = :max_attempts, last_error = :error WHERE id = :id")
# Done jobs after the retention; given-up ones too (counted from creation), so no text stays forever.
PURGE_FINISHED_JOBS = text(
    "DELETE FROM memory_jobs WHERE (done_at IS NOT NULL AND done_at < now() - make_interval(secs => :keep_s)) "
    "OR (done_at IS NULL AND attempts >= :max_attempts AND created_at < now() - make_interval(secs => :keep_s))"
)
# Replaced preference versions beyond the cap, oldest first; never a preference's first row (its id
# is the preference's id, which must keep resolving) and never a current value.
TRIM_PREFERENCE_HISTORY = text(
    "DELETE FROM user_preferences WHERE id IN ("
    "  SELECT id FROM user_preferences"
    "  WHERE user_id = :user_id AND valid_to IS NOT NULL AND id <> preference_id"
    "  ORDER BY valid_to DESC, id DESC OFFSET :keep)"
)
TRIM_ENTITIES = text(
    "DELETE FROM entity_memories WHERE id IN ("
    "  SELECT id FROM entity_memories WHERE user_id = :user_id"
    "  ORDER BY last_mentioned_at DESC, id DESC OFFSET :keep)"
)


@dataclass(frozen=True)
class MemoryLimits:
    """Per-user caps on long-term memory (0: none). Beyond a cap the oldest items are dropped, so a
    memory write never fails a turn: conversation memories by age, entities by last mention,
    preferences only in their replaced versions (history)."""

    conversations: int = 0
    entities: int = 0
    preference_versions: int = 0

    async def enforce(self, conn: AsyncConnection, user_id: uuid.UUID) -> None:
        if self.conversations:
            await conversation.trim(conn, user_id, keep=self.conversations)
        if self.entities:
            await conn.execute(TRIM_ENTITIES, {"user_id": user_id, "keep": self.entities})
        if self.preference_versions:
            await conn.execute(
                TRIM_PREFERENCE_HISTORY, {"user_id": user_id, "keep": self.preference_versions}
            )


class PermanentJobError(ValueError):
    """A job that can never succeed (malformed payload): no retries."""


class JobPayload(BaseModel):
    """docs/CONTRACTS.md "Memory jobs". `slots` may include values planning filled from memory;
    extraction only keeps what the query text itself grounds (see memory.extract.candidates)."""

    model_config = ConfigDict(extra="ignore")

    user_message_id: int | None = None
    assistant_message_id: int | None = None
    query: str
    answer: str = ""
    intent: str | None = None
    slots: dict[str, Any] = Field(default_factory=dict)
    entities: list[dict[str, Any]] = Field(default_factory=list)


@dataclass(frozen=True)
class Job:
    id: int
    user_id: uuid.UUID
    session_id: uuid.UUID | None
    payload: JobPayload
    attempts: int


Outcome = Literal["done", "retry", "dead"]


def parse_slots(raw: dict[str, Any]) -> Slots:
    """Slots from a payload; unknown keys and invalid values are dropped, not fatal."""
    known = {k: v for k, v in raw.items() if k in Slots.model_fields and v is not None}
    try:
        return Slots.model_validate(known)
    except ValidationError:
        good: dict[str, Any] = {}
        for key, value in known.items():
            with contextlib.suppress(ValidationError):
                Slots.model_validate({key: value})
                good[key] = value
        return Slots.model_validate(good)


def parse_intent(raw: str | None) -> Intent:
    try:
        return Intent(raw) if raw else Intent.UNCLEAR
    except ValueError:
        return Intent.UNCLEAR


async def handle_job(
    conn: AsyncConnection, job: Job, extractor: LlmExtractor, limits: MemoryLimits | None = None
) -> None:
    """Extract and store one exchange's memories: preferences, the conversation, its entities; then
    drop what exceeds the user's caps."""
    p = job.payload
    slots, intent = parse_slots(p.slots), parse_intent(p.intent)
    facts = await extractor.extract(p.query, slots, intent)
    provenance = preferences.Provenance(session_id=job.session_id, message_id=p.user_message_id)
    await preferences.apply_facts(conn, job.user_id, facts, provenance, deal_type=slots.deal_type)
    mentions = entities.coerce_mentions(p.entities) or entities.mentions_from_slots(slots)
    mentions = [entities.with_place(m, slots) for m in mentions]
    if intent is not Intent.IRRELEVANT:  # small talk is not worth recalling
        summary = conversation.summarize(p.answer)
        dumped = [m.model_dump() for m in mentions]
        await conversation.add(
            conn, job.user_id, job.session_id, p.user_message_id, p.query, summary, intent, slots, dumped
        )
    await entities.upsert_mentions(conn, job.user_id, mentions)
    if limits is not None:
        await limits.enforce(conn, job.user_id)


def backoff_seconds(attempts: int) -> float:
    return min(BACKOFF_MAX_S, BACKOFF_BASE_S * 2**attempts)


async def _claim(conn: AsyncConnection, max_attempts: int) -> tuple[Job | None, dict[str, Any] | None]:
    row = (await conn.execute(CLAIM_JOB, {"max_attempts": max_attempts})).mappings().first()
    if row is None:
        return None, None
    try:
        payload = JobPayload.model_validate(row["payload"])
    except ValidationError as exc:
        return None, {"id": row["id"], "error": f"malformed payload: {exc}"[:ERROR_CHARS]}
    return Job(row["id"], row["user_id"], row["session_id"], payload, row["attempts"]), None


async def process_one(
    engine: AsyncEngine,
    extractor: LlmExtractor,
    *,
    max_attempts: int = DEFAULT_MAX_ATTEMPTS,
    limits: MemoryLimits | None = None,
) -> Outcome | None:
    """Claim and process one job in its own transaction; None when nothing is ready (a job whose user
    is being erased is not ready: the erasure deletes it)."""
    async with engine.begin() as conn:
        job, malformed = await _claim(conn, max_attempts)
        if malformed is not None:
            log.error("memory job %s dropped: %s", malformed["id"], malformed["error"])
            await conn.execute(MARK_DEAD, {**malformed, "max_attempts": max_attempts})
            return "dead"
        if job is None:
            return None
        try:
            async with conn.begin_nested():
                await handle_job(conn, job, extractor, limits)
        except Exception as exc:
            return await _record_failure(conn, job, exc, max_attempts)
        await conn.execute(MARK_DONE, {"id": job.id})
        return "done"


async def _record_failure(conn: AsyncConnection, job: Job, exc: Exception, max_attempts: int) -> Outcome:
    error = f"{type(exc).__name__}: {exc}"[:ERROR_CHARS]
    if job.attempts + 1 >= max_attempts:
        log.error("memory job %s gave up after %d attempts: %s", job.id, job.attempts + 1, error)
        await conn.execute(MARK_DEAD, {"id": job.id, "error": error, "max_attempts": max_attempts})
        return "dead"
    log.warning("memory job %s failed (attempt %d), will retry: %s", job.id, job.attempts + 1, error)
    await conn.execute(MARK_FAILED, {"id": job.id, "error": error, "delay": backoff_seconds(job.attempts)})
    return "retry"


async def process_pending(
    engine: AsyncEngine,
    *,
    extractor: LlmExtractor | None = None,
    max_jobs: int | None = None,
    max_attempts: int = DEFAULT_MAX_ATTEMPTS,
    limits: MemoryLimits | None = None,
) -> int:
    """Process every job that is ready now (e.g. leftovers of a crash); returns how many succeeded."""
    extractor = extractor or RuleExtractor()
    done = handled = 0
    while max_jobs is None or handled < max_jobs:
        outcome = await process_one(engine, extractor, max_attempts=max_attempts, limits=limits)
        if outcome is None:
            break
        handled += 1
        done += outcome == "done"
    return done


async def purge_finished_jobs(
    engine: AsyncEngine, *, retention: dt.timedelta, max_attempts: int = DEFAULT_MAX_ATTEMPTS
) -> int:
    """Delete jobs done (or given up) longer than `retention` ago; returns how many."""
    params = {"keep_s": retention.total_seconds(), "max_attempts": max_attempts}
    async with engine.begin() as conn:
        return (await conn.execute(PURGE_FINISHED_JOBS, params)).rowcount  # type: ignore[attr-defined]


class MemoryWorker:
    """Background task in the server process: drains the outbox, then polls (or is woken)."""

    def __init__(
        self,
        engine: AsyncEngine,
        *,
        poll_interval_s: float = 1.0,
        batch_size: int = 20,
        extractor: LlmExtractor | None = None,
        max_attempts: int = DEFAULT_MAX_ATTEMPTS,
        limits: MemoryLimits | None = None,
        job_retention: dt.timedelta = dt.timedelta(days=7),
        purge_every_s: float = 3600.0,
    ) -> None:
        self._engine = engine
        self._poll_interval_s = poll_interval_s
        self._batch_size = batch_size
        self._extractor = extractor or RuleExtractor()
        self._max_attempts = max_attempts
        self._limits = limits
        self._job_retention = job_retention
        self._purge_every_s = purge_every_s
        self._next_purge = 0.0  # monotonic time; the first pass purges
        self._wake = asyncio.Event()
        self._stopping = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self.processed = 0

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    async def start(self) -> None:
        """Start the loop; its first pass processes whatever a previous run left pending."""
        if self.running:
            return
        self._stopping.clear()
        self._task = asyncio.create_task(self._run(), name="memory-worker")

    async def stop(self, timeout_s: float = 10.0) -> None:
        """Finish the job in hand, then stop; a job cut off by the timeout stays pending."""
        if self._task is None:
            return
        self._stopping.set()
        self._wake.set()
        try:
            await asyncio.wait_for(self._task, timeout_s)
        except TimeoutError:
            log.warning("memory worker did not stop within %.1fs; cancelled", timeout_s)
        finally:
            self._task = None

    def wake(self) -> None:
        """Call after committing a job (same process) to process it without waiting for the poll."""
        self._wake.set()

    async def run_batch(self) -> int:
        """Up to batch_size jobs, each in its own transaction; returns how many were handled."""
        handled = 0
        while handled < self._batch_size and not self._stopping.is_set():
            outcome = await process_one(
                self._engine, self._extractor, max_attempts=self._max_attempts, limits=self._limits
            )
            if outcome is None:
                break
            handled += 1
            self.processed += outcome == "done"
        return handled

    async def purge_if_due(self) -> None:
        """The periodic retention pass: at start, then every `purge_every_s` (any process may run it;
        the DELETE is idempotent)."""
        if time.monotonic() < self._next_purge:
            return
        self._next_purge = time.monotonic() + self._purge_every_s
        purged = await purge_finished_jobs(
            self._engine, retention=self._job_retention, max_attempts=self._max_attempts
        )
        if purged:
            log.info("purged finished memory jobs", extra={"jobs": purged})

    async def _run(self) -> None:
        while not self._stopping.is_set():
            self._wake.clear()  # before the pass: a wake() during it must not be lost
            try:
                await self.purge_if_due()
                handled = await self.run_batch()
            except Exception:  # the database may be briefly unavailable; try again next poll
                log.exception("memory worker pass failed")
                handled = 0
            if handled >= self._batch_size:
                continue  # more may be waiting
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self._poll_interval_s)
