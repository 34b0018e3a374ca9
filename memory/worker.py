"""The memory worker: processes the `memory_jobs` outbox off the request's critical path.

The turn commits its answer and a job row together, so a crash never loses a memory: whatever is
pending is processed by the next worker to start (`process_pending`). Jobs are claimed with
`FOR UPDATE SKIP LOCKED`, so any number of workers in any number of processes share the queue and
no job is processed twice. A user's jobs run strictly in order (a job waits while an older job of
the same user is pending), so "예산 6억" then "예산 8억" can never end with 6억 current.

A pass claims up to `batch_size` jobs in one statement and one transaction (`process_batch`): the claim
only ever sees a user's oldest unfinished job, so a batch holds at most one job per user and a user's
next job waits for the commit. Each job's work sits in a savepoint so that a failure can still be
recorded on the locked row (attempts, last_error, run_after for backoff) before committing; the jobs
done are marked in one statement and committed together. A crash before the commit leaves the whole
batch pending, nothing half-written. A pass stops taking up its claimed jobs after `batch_budget_s` (or
when the worker is stopping) and commits what it did: the rest go back to the queue at the commit, so
locks are never held much longer than one slow job (an LLM extractor), and the worker then claims
as many as it managed in that time. After `max_attempts` failures the job is left with its last_error
for an operator to look at.

Lock order, shared with account erasure (backend/users.py): the user row first, then the job. The claim
takes the user row (FOR KEY SHARE, what the memory inserts' foreign keys take anyway) together with the
job, skipping both when locked, so a job of a user being erased is left to the erasure (which deletes
it) instead of waiting on it and deadlocking. A batch locks several users' rows at the claim, without
waiting, and each job then writes only its own user's rows, so batching adds no lock cycle; an erasure
that comes after the claim waits for the batch's commit (about `batch_budget_s` at most). Memory stays within `MemoryLimits`: a write beyond a cap
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
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy import BigInteger, bindparam, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from agents.domain.slots import Intent, Slots
from memory import conversation, entities, preferences
from memory.extract import LlmExtractor, RuleExtractor

log = logging.getLogger(__name__)

DEFAULT_MAX_ATTEMPTS = 5
DEFAULT_BATCH_SIZE = 20
DEFAULT_BATCH_BUDGET_S = 1.0
BACKOFF_BASE_S = 2.0
BACKOFF_MAX_S = 600.0
ERROR_CHARS = 2000

# A user's oldest unfinished job only (the NOT EXISTS), so a batch holds at most one job per user; `more`
# says whether that user has a later one, which becomes ready at this batch's commit.
CLAIM_JOBS = text(
    """
WITH claimed AS MATERIALIZED (
    SELECT j.id, j.user_id, j.session_id, j.payload, j.attempts, j.run_after
    FROM memory_jobs j JOIN users u ON u.id = j.user_id
    WHERE j.done_at IS NULL AND j.run_after <= now() AND j.attempts < :max_attempts
      AND NOT EXISTS (
          SELECT 1 FROM memory_jobs older
          WHERE older.user_id = j.user_id AND older.id < j.id
            AND older.done_at IS NULL AND older.attempts < :max_attempts)
    ORDER BY j.run_after, j.id
    LIMIT :limit
    FOR UPDATE OF j SKIP LOCKED
    FOR KEY SHARE OF u SKIP LOCKED
)
SELECT c.id, c.user_id, c.session_id, c.payload, c.attempts,
       EXISTS (SELECT 1 FROM memory_jobs later
               WHERE later.user_id = c.user_id AND later.id > c.id
                 AND later.done_at IS NULL AND later.attempts < :max_attempts) AS more
FROM claimed c
ORDER BY c.run_after, c.id
"""
)
MARK_DONE = text("UPDATE memory_jobs SET done_at = now(), last_error = NULL WHERE id = ANY(:ids)").bindparams(
    bindparam("ids", type_=ARRAY(BigInteger()))
)
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


@dataclass(frozen=True)
class Claimed:
    """A claimed row: its job, or why its payload can never be processed; `more`: its user has a later job."""

    id: int
    job: Job | None
    more: bool
    malformed: str | None = None


@dataclass
class Pass:
    """What one pass did: the `outcomes` of the jobs it took up (in claim order), how many it `claimed`,
    and whether `more` may be ready right after its commit (the batch was full, it was cut short, or a
    claimed user has a later job, ready once this one is done)."""

    outcomes: list[Outcome] = field(default_factory=list)
    claimed: int = 0
    more: bool = False


async def _claim(conn: AsyncConnection, limit: int, max_attempts: int) -> list[Claimed]:
    params = {"limit": limit, "max_attempts": max_attempts}
    claimed = []
    for row in (await conn.execute(CLAIM_JOBS, params)).mappings():
        try:
            payload = JobPayload.model_validate(row["payload"])
        except ValidationError as exc:
            claimed.append(Claimed(row["id"], None, row["more"], f"malformed payload: {exc}"[:ERROR_CHARS]))
            continue
        job = Job(row["id"], row["user_id"], row["session_id"], payload, row["attempts"])
        claimed.append(Claimed(row["id"], job, row["more"]))
    return claimed


def _never() -> bool:
    return False


async def process_batch(
    engine: AsyncEngine,
    extractor: LlmExtractor,
    *,
    limit: int = DEFAULT_BATCH_SIZE,
    max_attempts: int = DEFAULT_MAX_ATTEMPTS,
    limits: MemoryLimits | None = None,
    budget_s: float = DEFAULT_BATCH_BUDGET_S,
    stopping: Callable[[], bool] = _never,
) -> Pass:
    """Claim up to `limit` ready jobs (at most one per user; a job whose user is being erased is not
    ready: the erasure deletes it) and process them in one transaction, each in its own savepoint; the
    jobs done are marked in one statement and committed with the failures recorded. Once `budget_s` has
    passed since the claim, or `stopping()` says so, no further claimed job is taken up: the rest stay
    pending, their locks released by the commit (the first one is always taken up unless stopping)."""
    result = Pass()
    async with engine.begin() as conn:
        claimed = await _claim(conn, limit, max_attempts)
        result.claimed = len(claimed)
        deadline = time.monotonic() + budget_s
        done: list[int] = []
        for item in claimed:
            if stopping() or (result.outcomes and time.monotonic() >= deadline):
                result.more = True  # the rest are ready: the next pass takes them
                break
            outcome = await _process_claimed(conn, item, extractor, max_attempts, limits)
            if outcome == "done":
                done.append(item.id)
            result.outcomes.append(outcome)
        if done:
            await conn.execute(MARK_DONE, {"ids": done})
    result.more = result.more or len(claimed) >= limit or any(c.more for c in claimed)
    return result


async def _process_claimed(
    conn: AsyncConnection,
    item: Claimed,
    extractor: LlmExtractor,
    max_attempts: int,
    limits: MemoryLimits | None,
) -> Outcome:
    if item.job is None:
        log.error("memory job %s dropped: %s", item.id, item.malformed)
        await conn.execute(MARK_DEAD, {"id": item.id, "error": item.malformed, "max_attempts": max_attempts})
        return "dead"
    try:
        async with conn.begin_nested():
            await handle_job(conn, item.job, extractor, limits)
    except Exception as exc:
        return await _record_failure(conn, item.job, exc, max_attempts)
    return "done"


async def process_one(
    engine: AsyncEngine,
    extractor: LlmExtractor,
    *,
    max_attempts: int = DEFAULT_MAX_ATTEMPTS,
    limits: MemoryLimits | None = None,
) -> Outcome | None:
    """Claim and process one job in its own transaction (a batch of one); None when nothing is ready."""
    result = await process_batch(engine, extractor, limit=1, max_attempts=max_attempts, limits=limits)
    return result.outcomes[0] if result.outcomes else None


async def _record_failure(conn: AsyncConnection, job: Job, exc: Exception, max_attempts: int) -> Outcome:
    error = f"{type(exc).__name__}: {exc}"[:ERROR_CHARS]
    if job.attempts + 1 >= max_attempts:
        log.error("memory job %s gave up after %d attempts: %s", job.id, job.attempts + 1, error)
        await conn.execute(MARK_DEAD, {"id": job.id, "error": error, "max_attempts": max_attempts})
        return "dead"
    log.warning("memory job %s failed (attempt %d), will retry: %s", job.id, job.attempts + 1, error)
    await conn.execute(MARK_FAILED, {"id": job.id, "error": error, "delay": backoff_seconds(job.attempts)})
    return "retry"


class ClaimSize:
    """How many jobs the next pass claims: `batch_size`, or after a pass its budget cut short, as many as
    that pass managed (at least one), so a slow extractor does not keep jobs locked away from other
    workers; it doubles back after each pass that took up everything it claimed."""

    def __init__(self, batch_size: int) -> None:
        self.batch_size = max(1, batch_size)
        self.current = self.batch_size

    def after(self, result: Pass) -> None:
        if len(result.outcomes) < result.claimed:
            self.current = max(1, len(result.outcomes))
        else:
            self.current = min(self.batch_size, self.current * 2)


async def process_pending(
    engine: AsyncEngine,
    *,
    extractor: LlmExtractor | None = None,
    max_jobs: int | None = None,
    max_attempts: int = DEFAULT_MAX_ATTEMPTS,
    limits: MemoryLimits | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> int:
    """Process every job that is ready now (e.g. leftovers of a crash), in batches; returns how many
    succeeded."""
    extractor = extractor or RuleExtractor()
    size = ClaimSize(batch_size)
    done = handled = 0
    while max_jobs is None or handled < max_jobs:
        limit = size.current if max_jobs is None else min(size.current, max_jobs - handled)
        result = await process_batch(engine, extractor, limit=limit, max_attempts=max_attempts, limits=limits)
        size.after(result)
        handled += len(result.outcomes)
        done += result.outcomes.count("done")
        if not result.more:
            break
    return done


async def purge_finished_jobs(
    engine: AsyncEngine, *, retention: dt.timedelta, max_attempts: int = DEFAULT_MAX_ATTEMPTS
) -> int:
    """Delete jobs done (or given up) longer than `retention` ago; returns how many."""
    params = {"keep_s": retention.total_seconds(), "max_attempts": max_attempts}
    async with engine.begin() as conn:
        return (await conn.execute(PURGE_FINISHED_JOBS, params)).rowcount  # type: ignore[attr-defined]


class MemoryWorker:
    """Background task: drains the outbox, then polls (or is woken). In the API process, or alone in
    `budongsan memory-worker` (backend/cli.py)."""

    def __init__(
        self,
        engine: AsyncEngine,
        *,
        poll_interval_s: float = 1.0,
        batch_size: int = DEFAULT_BATCH_SIZE,
        batch_budget_s: float = DEFAULT_BATCH_BUDGET_S,
        extractor: LlmExtractor | None = None,
        max_attempts: int = DEFAULT_MAX_ATTEMPTS,
        limits: MemoryLimits | None = None,
        job_retention: dt.timedelta = dt.timedelta(days=7),
        purge_every_s: float = 3600.0,
    ) -> None:
        self._engine = engine
        self._poll_interval_s = poll_interval_s
        self._claim_size = ClaimSize(batch_size)
        self._batch_budget_s = batch_budget_s
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
        """Finish the job in hand and commit its batch (the batch's other jobs stay pending), then stop;
        a batch cut off by the timeout is rolled back and stays pending."""
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

    async def run_pass(self) -> Pass:
        """One batch in one transaction: up to batch_size jobs (fewer after a pass its budget cut short);
        when stopping, the job in hand is finished and the rest of the batch left pending."""
        result = await process_batch(
            self._engine,
            self._extractor,
            limit=self._claim_size.current,
            max_attempts=self._max_attempts,
            limits=self._limits,
            budget_s=self._batch_budget_s,
            stopping=self._stopping.is_set,
        )
        self._claim_size.after(result)
        self.processed += result.outcomes.count("done")
        return result

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
                more = (await self.run_pass()).more
            except Exception:  # the database may be briefly unavailable; try again next poll
                log.exception("memory worker pass failed")
                more = False
            if more:
                continue  # ready now: the rest of a full or cut-short batch, or a claimed user's next job
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self._poll_interval_s)
