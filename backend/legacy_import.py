"""`budongsan import-sqlite`: bring the old SQLite system's sessions and chat threads into Postgres.

Nothing is lost: every legacy session is kept (expired ones too), and every LangGraph thread is
copied checkpoint by checkpoint through the real savers (SqliteSaver reads, AsyncPostgresSaver
writes), so history, pending writes and pending interrupts survive and a paused thread resumes from
Postgres exactly where it stopped. Both files are checked completely before the first row is
written, and every write is an upsert or guarded by an existence check, so running twice is safe.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import json
import re
import sqlite3
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path
from typing import Any, TypeVar

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage
from langchain_core.runnables import RunnableConfig
from langgraph.checkpoint.base import CheckpointTuple
from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver
from langgraph.checkpoint.sqlite import SqliteSaver
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from backend.db import DatabaseUrl
from backend.models import ChatMessage, ChatSession, Session, User

# Fixed forever: chat ids derived from non-UUID legacy thread ids must be the same on every run.
LEGACY_NAMESPACE = uuid.UUID("884f617c-4932-4b5d-9077-794edc50cbed")
UNOWNED = "__unowned__"
LEGACY_USER_TYPE = "legacy"
_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
_SQLITE_HEADER = b"SQLite format 3\x00"
_BATCH = 1000
T = TypeVar("T")

SESSIONS_SCHEMA = {
    "sessions": (
        "session_id",
        "user_id",
        "metadata",
        "created_at",
        "expires_at",
        "last_activity",
        "request_count",
    )
}
CHECKPOINTS_SCHEMA = {
    "checkpoints": (
        "thread_id",
        "checkpoint_ns",
        "checkpoint_id",
        "parent_checkpoint_id",
        "type",
        "checkpoint",
        "metadata",
    ),
    "writes": ("thread_id", "checkpoint_ns", "checkpoint_id", "task_id", "idx", "channel", "type", "value"),
}


class LegacyImportError(Exception):
    """A legacy file that cannot be imported; nothing from that file has been written."""


# ---------------------------------------------------------------------------------------------
# Report


@dataclass
class Tally:
    imported: int = 0
    present: int = 0

    def add(self, other: Tally) -> None:
        self.imported += other.imported
        self.present += other.present


@dataclass
class ImportReport:
    users: Tally = field(default_factory=Tally)
    sessions: Tally = field(default_factory=Tally)
    expired_sessions: int = 0
    threads: Tally = field(default_factory=Tally)
    checkpoints: Tally = field(default_factory=Tally)
    pending_writes: int = 0
    chats: Tally = field(default_factory=Tally)
    chat_messages: int = 0

    def summary(self) -> str:
        lines = [
            ("legacy users", self.users, ""),
            ("sessions", self.sessions, f" ({self.expired_sessions} of them expired, kept)"),
            ("chat threads", self.threads, ""),
            ("checkpoints", self.checkpoints, f" (+{self.pending_writes} pending writes)"),
            ("chat sessions", self.chats, f" (+{self.chat_messages} transcript messages)"),
        ]
        return "\n".join(
            f"{name:<14} {t.imported:>6} imported, {t.present:>6} already present{extra}"
            for name, t, extra in lines
        )


# ---------------------------------------------------------------------------------------------
# Reading the legacy files (synchronous sqlite3; called through asyncio.to_thread)


@dataclass(frozen=True, slots=True)
class LegacySession:
    session_id: str
    user_id: str
    metadata: dict[str, Any]
    created_at: dt.datetime
    expires_at: dt.datetime
    last_activity: dt.datetime
    request_count: int


@dataclass(frozen=True, slots=True)
class ThreadSummary:
    thread_id: str
    first_ts: dt.datetime | None
    user_id: str | None  # the `user_id` the old app put in the run config (copied into metadata)


@dataclass(frozen=True, slots=True)
class LegacyWrite:
    task_id: str
    task_path: str
    idx: int
    channel: str
    value: Any


@dataclass(frozen=True, slots=True)
class LegacyCheckpoint:
    tuple: CheckpointTuple
    writes: list[LegacyWrite]

    @property
    def ns(self) -> str:
        return self.tuple.config["configurable"]["checkpoint_ns"]

    @property
    def id(self) -> str:
        return self.tuple.config["configurable"]["checkpoint_id"]


def _describe(schema: dict[str, tuple[str, ...]]) -> str:
    return " and ".join(f"{table}({', '.join(cols)})" for table, cols in schema.items())


def _connect_readonly(path: Path, what: str, schema: dict[str, tuple[str, ...]]) -> sqlite3.Connection:
    """Opens `path` read-only after checking it is an SQLite file with the tables and columns we need."""
    expected = f"expected {what}: an SQLite database with {_describe(schema)}"
    if not path.is_file():
        raise LegacyImportError(f"{path}: file not found ({expected})")
    with path.open("rb") as fh:
        if fh.read(len(_SQLITE_HEADER)) != _SQLITE_HEADER:
            raise LegacyImportError(f"{path}: not an SQLite database ({expected})")
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
    try:
        _check_schema(conn, path, expected, schema)
    except BaseException:
        conn.close()
        raise
    return conn


def _check_schema(
    conn: sqlite3.Connection, path: Path, expected: str, schema: dict[str, tuple[str, ...]]
) -> None:
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        for table, columns in schema.items():
            if table not in tables:
                found = ", ".join(sorted(tables)) or "none"
                raise LegacyImportError(
                    f"{path}: table '{table}' missing ({expected}; found tables: {found})"
                )
            have = {r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')}
            if missing := [c for c in columns if c not in have]:
                raise LegacyImportError(
                    f"{path}: table '{table}' lacks column(s) {', '.join(missing)} ({expected})"
                )
    except sqlite3.DatabaseError as exc:
        raise LegacyImportError(f"{path}: cannot be read as SQLite: {exc} ({expected})") from exc


def _timestamp(value: Any) -> dt.datetime:
    """Legacy timestamps: ISO text (naive means UTC) or Unix seconds."""
    if isinstance(value, int | float):
        return dt.datetime.fromtimestamp(value, dt.UTC)
    if not isinstance(value, str):
        raise ValueError(f"not a timestamp: {value!r}")
    parsed = dt.datetime.fromisoformat(value.strip())
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def _session_metadata(raw: Any) -> dict[str, Any]:
    """The stored JSON object; anything else is kept verbatim under one key rather than dropped."""
    if raw is None or raw == "":
        return {}
    try:
        value = json.loads(raw)
    except (TypeError, ValueError):
        return {"legacy_metadata_raw": str(raw)}
    return value if isinstance(value, dict) else {"legacy_metadata": value}


def _legacy_session(path: Path, row: sqlite3.Row) -> LegacySession:
    try:
        created = _timestamp(row["created_at"])
        return LegacySession(
            session_id=str(row["session_id"]),
            user_id=UNOWNED if row["user_id"] is None else str(row["user_id"]),
            metadata=_session_metadata(row["metadata"]),
            created_at=created,
            expires_at=_timestamp(row["expires_at"]),
            last_activity=created if row["last_activity"] is None else _timestamp(row["last_activity"]),
            request_count=int(row["request_count"] or 0),
        )
    except (TypeError, ValueError) as exc:
        raise LegacyImportError(f"{path}: session {row['session_id']!r} is malformed: {exc}") from exc


def read_sessions(path: Path) -> list[LegacySession]:
    """Every row of a legacy SessionManager database, fully parsed."""
    with closing(_connect_readonly(path, "a legacy SessionManager sessions.db", SESSIONS_SCHEMA)) as conn:
        conn.row_factory = sqlite3.Row
        rows = conn.execute("SELECT * FROM sessions ORDER BY created_at, session_id").fetchall()
    sessions = [_legacy_session(path, row) for row in rows]
    if not all(s.session_id for s in sessions):
        raise LegacyImportError(f"{path}: a session has an empty session_id")
    return sessions


def _open_saver(path: Path) -> SqliteSaver:
    """A SqliteSaver on a read-only connection to a file whose schema we have already checked.

    `SqliteSaver.setup()` would write to the file (journal mode, CREATE/ALTER TABLE), which fails on
    a read-only connection and must not happen to a legacy file anyway; so we mark it as set up and
    tell it whether the file predates the `task_path` column, as its own setup would have.
    """
    conn = _connect_readonly(
        path, "a LangGraph checkpoint database (langgraph-checkpoint-sqlite)", CHECKPOINTS_SCHEMA
    )
    saver = SqliteSaver(conn)
    saver.is_setup = True
    saver._has_task_path = _has_task_path(conn)
    return saver


def _metadata_user(metadata: dict[str, Any]) -> str | None:
    user = metadata.get("user_id")
    return str(user) if isinstance(user, str | int) and str(user) else None


def survey_checkpoints(path: Path) -> list[ThreadSummary]:
    """Reads (deserializes) every checkpoint and pending write once, so a broken file fails here.

    Keeps only a small summary per thread; threads are read again one at a time when copied, which
    keeps memory bounded by the largest thread rather than the whole file.
    """
    saver = _open_saver(path)
    threads: dict[str, ThreadSummary] = {}
    try:
        for item in saver.list(None):  # deserializes the checkpoint and its pending writes
            threads[item.config["configurable"]["thread_id"]] = _merge_summary(
                threads.get(item.config["configurable"]["thread_id"]), item
            )
    except Exception as exc:  # sqlite3 or serializer errors: the file is not what it claims to be
        raise LegacyImportError(f"{path}: a checkpoint cannot be read: {type(exc).__name__}: {exc}") from exc
    finally:
        saver.conn.close()
    return list(threads.values())


def _merge_summary(seen: ThreadSummary | None, item: CheckpointTuple) -> ThreadSummary:
    """`list` yields newest first, so the first user id seen is the latest one."""
    ts = _checkpoint_ts(item)
    if seen is None:
        return ThreadSummary(item.config["configurable"]["thread_id"], ts, _metadata_user(item.metadata))
    first = min((t for t in (seen.first_ts, ts) if t is not None), default=None)
    return ThreadSummary(seen.thread_id, first, seen.user_id or _metadata_user(item.metadata))


def _checkpoint_ts(item: CheckpointTuple) -> dt.datetime | None:
    try:
        return _timestamp(item.checkpoint["ts"])
    except (KeyError, ValueError):
        return None


_WRITES_SQL = (
    "SELECT task_id, {task_path}, idx, channel, type, value FROM writes "
    "WHERE thread_id = ? AND checkpoint_ns = ? AND checkpoint_id = ?"
)


def read_thread(path: Path, thread_id: str) -> list[LegacyCheckpoint]:
    """All checkpoints of one thread, oldest first, each with its raw pending writes.

    Writes are read from the table rather than from `CheckpointTuple.pending_writes` because the
    tuple drops `task_path`, which Postgres stores and uses to order a super-step's writes.
    """
    saver = _open_saver(path)
    try:
        items = list(saver.list({"configurable": {"thread_id": thread_id}}))
        items.reverse()
        sql = _WRITES_SQL.format(task_path="task_path" if _has_task_path(saver.conn) else "''")
        return [LegacyCheckpoint(item, _writes(saver, sql, thread_id, item)) for item in items]
    finally:
        saver.conn.close()


def _has_task_path(conn: sqlite3.Connection) -> bool:
    return any(r[1] == "task_path" for r in conn.execute("PRAGMA table_info(writes)"))


def _writes(saver: SqliteSaver, sql: str, thread_id: str, item: CheckpointTuple) -> list[LegacyWrite]:
    cfg = item.config["configurable"]
    rows = saver.conn.execute(sql, (thread_id, cfg["checkpoint_ns"], cfg["checkpoint_id"])).fetchall()
    return [
        LegacyWrite(task_id, task_path, idx, channel, saver.serde.loads_typed((type_, value)))
        for task_id, task_path, idx, channel, type_, value in rows
    ]


# ---------------------------------------------------------------------------------------------
# Mapping legacy data to ours (pure)


def chat_id_for(thread_id: str) -> uuid.UUID:
    """The chat session id of a legacy thread: the thread id itself when it is a UUID."""
    try:
        return uuid.UUID(thread_id)
    except ValueError:
        return uuid.uuid5(LEGACY_NAMESPACE, thread_id)


def legacy_email(legacy_id: str) -> str:
    """`legacy-<id>@legacy.invalid`; ids that would not make a plain address are hashed instead."""
    local = (
        legacy_id if _SAFE_ID.match(legacy_id) else "h-" + hashlib.sha256(legacy_id.encode()).hexdigest()[:24]
    )
    return f"legacy-{local}@legacy.invalid"


def positioned_writes(writes: Sequence[LegacyWrite]) -> list[tuple[str, Any]]:
    """One task's writes in an order that makes `aput_writes` assign the original `idx` values.

    `aput_writes` numbers a call's writes by position, except special channels (interrupt, resume,
    error, scheduled), which get fixed negative indexes. The legacy call had those specials in the
    gaps between the regular indexes, so they are put back there.
    """
    regular = sorted((w for w in writes if w.idx >= 0), key=lambda w: w.idx)
    spare = iter([w for w in writes if w.idx < 0])
    placed: list[LegacyWrite] = []
    for write in regular:
        while len(placed) < write.idx and (filler := next(spare, None)) is not None:
            placed.append(filler)
        placed.append(write)
    placed.extend(spare)
    return [(w.channel, w.value) for w in placed]


@dataclass(frozen=True, slots=True)
class TranscriptLine:
    turn_id: uuid.UUID
    role: str
    content: str
    created_at: dt.datetime | None


def transcript(thread_id: str, checkpoints: Sequence[LegacyCheckpoint]) -> list[TranscriptLine]:
    """The chat as the user saw it, from the latest root checkpoint's `messages` channel.

    A human message opens a turn; the assistant's text messages until the next human message are
    joined into that turn's one answer. Each message is dated by the first checkpoint holding it.
    """
    root = [cp for cp in checkpoints if cp.ns == ""]
    if not root:
        return []
    first_seen = _first_seen(root)
    lines: list[TranscriptLine] = []
    turn = -1
    for message in _messages(root[-1]):
        if isinstance(message, HumanMessage) or turn < 0:
            turn += 1
        role = "user" if isinstance(message, HumanMessage) else "assistant"
        text = message.text.strip()
        if not text:
            continue
        turn_id = uuid.uuid5(LEGACY_NAMESPACE, f"{thread_id}#turn{turn}")
        when = first_seen.get(message.id or "")
        if lines and lines[-1].turn_id == turn_id and lines[-1].role == role:
            lines[-1] = TranscriptLine(turn_id, role, f"{lines[-1].content}\n\n{text}", lines[-1].created_at)
        else:
            lines.append(TranscriptLine(turn_id, role, text, when))
    return lines


def _messages(cp: LegacyCheckpoint) -> list[BaseMessage]:
    value = cp.tuple.checkpoint["channel_values"].get("messages")
    if not isinstance(value, list):
        return []
    return [m for m in value if isinstance(m, HumanMessage | AIMessage)]


def _first_seen(root: Iterable[LegacyCheckpoint]) -> dict[str, dt.datetime]:
    seen: dict[str, dt.datetime] = {}
    for cp in root:
        ts = _checkpoint_ts(cp.tuple)
        for message in _messages(cp):
            if message.id and ts is not None:
                seen.setdefault(message.id, ts)
    return seen


# ---------------------------------------------------------------------------------------------
# Writing to Postgres


def _chunks(items: Sequence[T]) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), _BATCH):
        yield items[start : start + _BATCH]


async def _ensure_users(db: AsyncSession, legacy_ids: set[str]) -> tuple[dict[str, uuid.UUID], Tally]:
    """`users` rows for legacy ids, created once (type 'legacy', no password) and looked up after."""
    ids = sorted(legacy_ids)
    created = 0
    for chunk in _chunks(ids):
        rows = [{"email": legacy_email(i), "type": LEGACY_USER_TYPE, "legacy_id": i} for i in chunk]
        stmt = insert(User).values(rows).on_conflict_do_nothing().returning(User.id)
        created += len((await db.execute(stmt)).all())
    found = await db.execute(select(User.legacy_id, User.id).where(User.legacy_id.in_(ids)))
    users = {legacy_id: user_id for legacy_id, user_id in found if legacy_id is not None}
    if missing := [i for i in ids if i not in users]:
        raise LegacyImportError(f"cannot create users for legacy id(s) {missing[:5]}: their e-mail is taken")
    return users, Tally(imported=created, present=len(ids) - created)


async def _import_sessions(
    db: AsyncSession, sessions: Sequence[LegacySession], users: dict[str, uuid.UUID]
) -> Tally:
    imported = 0
    for chunk in _chunks(sessions):
        rows = [
            {
                "session_id": s.session_id,
                "user_id": users[s.user_id],
                "meta": s.metadata,
                "created_at": s.created_at,
                "expires_at": s.expires_at,
                "last_activity": s.last_activity,
                "request_count": s.request_count,
            }
            for s in chunk
        ]
        stmt = insert(Session).values(rows).on_conflict_do_nothing().returning(Session.session_id)
        imported += len((await db.execute(stmt)).all())
    return Tally(imported=imported, present=len(sessions) - imported)


async def _owners_in_postgres(db: AsyncSession, session_ids: list[str]) -> dict[str, uuid.UUID]:
    """Owners of already imported sessions, for threads imported without their sessions.db."""
    owners: dict[str, uuid.UUID] = {}
    for chunk in _chunks(session_ids):
        found = await db.execute(
            select(Session.session_id, Session.user_id).where(Session.session_id.in_(chunk))
        )
        owners.update((sid, uid) for sid, uid in found)
    return owners


_STORED_CHECKPOINTS_SQL = "SELECT checkpoint_ns, checkpoint_id FROM checkpoints WHERE thread_id = %s"


@dataclass(frozen=True, slots=True)
class ThreadCopy:
    checkpoints: Tally
    writes: int


async def copy_thread(
    saver: AsyncPostgresSaver, thread_id: str, checkpoints: Sequence[LegacyCheckpoint]
) -> ThreadCopy:
    """Copies the checkpoints Postgres lacks, with their pending writes, in one transaction.

    One transaction means a checkpoint row is only ever stored together with its blobs and writes,
    so "the checkpoint exists" is a safe test for "already imported".
    """
    cur = await saver.conn.execute(_STORED_CHECKPOINTS_SQL, (thread_id,))
    stored = {(r["checkpoint_ns"], r["checkpoint_id"]) for r in await cur.fetchall()}
    tally, writes = Tally(), 0
    async with saver.conn.transaction():
        for cp in checkpoints:
            if (cp.ns, cp.id) in stored:
                tally.present += 1
                continue
            await _put_checkpoint(saver, thread_id, cp)
            tally.imported += 1
            writes += len(cp.writes)
    return ThreadCopy(tally, writes)


async def _put_checkpoint(saver: AsyncPostgresSaver, thread_id: str, cp: LegacyCheckpoint) -> None:
    parent = cp.tuple.parent_config["configurable"]["checkpoint_id"] if cp.tuple.parent_config else None
    config: RunnableConfig = {"configurable": {"thread_id": thread_id, "checkpoint_ns": cp.ns}}
    if parent:
        config["configurable"]["checkpoint_id"] = parent
    # Every channel version counts as new: Postgres stores each (channel, version) blob once.
    saved = await saver.aput(
        config, cp.tuple.checkpoint, cp.tuple.metadata, cp.tuple.checkpoint["channel_versions"]
    )
    by_task = sorted(cp.writes, key=lambda w: (w.task_path, w.task_id))
    for (task_path, task_id), group in groupby(by_task, key=lambda w: (w.task_path, w.task_id)):
        await saver.aput_writes(saved, positioned_writes(list(group)), task_id, task_path)


async def _import_chat(
    db: AsyncSession,
    chat_id: uuid.UUID,
    owner: uuid.UUID,
    thread: ThreadSummary,
    lines: Sequence[TranscriptLine],
) -> int | None:
    """The chat_sessions row and its transcript; None when the chat was already imported."""
    started = thread.first_ts or dt.datetime.now(dt.UTC)
    chat = {
        "session_id": chat_id,
        "user_id": owner,
        "created_at": started,
        "updated_at": started,
        "meta": {"legacy_thread_id": thread.thread_id, "imported_from": "langgraph-sqlite"},
    }
    stmt = insert(ChatSession).values(chat).on_conflict_do_nothing().returning(ChatSession.session_id)
    if (await db.execute(stmt)).first() is None:
        return None
    rows = [
        {
            "session_id": chat_id,
            "turn_id": line.turn_id,
            "role": line.role,
            "content": line.content,
            "created_at": line.created_at or started,
        }
        for line in lines
    ]
    if rows:
        await db.execute(insert(ChatMessage).on_conflict_do_nothing(), rows)
    return len(rows)


@dataclass(frozen=True, slots=True)
class _Plan:
    sessions: list[LegacySession]
    threads: list[ThreadSummary]


async def _read_inputs(sessions_db: Path | None, checkpoints_db: Path | None) -> _Plan:
    sessions = await asyncio.to_thread(read_sessions, sessions_db) if sessions_db else []
    threads = await asyncio.to_thread(survey_checkpoints, checkpoints_db) if checkpoints_db else []
    return _Plan(sessions, threads)


def _thread_owner_keys(plan: _Plan, imported_owners: dict[str, uuid.UUID]) -> dict[str, str | uuid.UUID]:
    """Per thread: a legacy user id to resolve, or the uuid of an already imported owner."""
    by_session = {s.session_id: s.user_id for s in plan.sessions}
    owners: dict[str, str | uuid.UUID] = {}
    for t in plan.threads:
        if t.thread_id in by_session:
            owners[t.thread_id] = by_session[t.thread_id]
        elif t.thread_id in imported_owners:
            owners[t.thread_id] = imported_owners[t.thread_id]
        else:
            owners[t.thread_id] = t.user_id or UNOWNED
    return owners


async def import_legacy(
    engine: AsyncEngine, url: DatabaseUrl, *, sessions_db: Path | None, checkpoints_db: Path | None
) -> ImportReport:
    """Imports either or both legacy files; see the module docstring for the guarantees."""
    plan = await _read_inputs(sessions_db, checkpoints_db)
    report = ImportReport(
        expired_sessions=sum(s.expires_at <= dt.datetime.now(dt.UTC) for s in plan.sessions)
    )
    maker = async_sessionmaker(engine, expire_on_commit=False)
    async with maker.begin() as db:
        imported_owners = await _owners_in_postgres(db, [t.thread_id for t in plan.threads])
        owner_keys = _thread_owner_keys(plan, imported_owners)
        legacy_ids = {s.user_id for s in plan.sessions} | {
            k for k in owner_keys.values() if isinstance(k, str)
        }
        users, report.users = await _ensure_users(db, legacy_ids)
        report.sessions = await _import_sessions(db, plan.sessions, users)
    if plan.threads:
        assert checkpoints_db is not None
        owners = {tid: key if isinstance(key, uuid.UUID) else users[key] for tid, key in owner_keys.items()}
        await _import_threads(maker, url, checkpoints_db, plan.threads, owners, report)
    return report


async def _import_threads(
    maker: async_sessionmaker[AsyncSession],
    url: DatabaseUrl,
    path: Path,
    threads: Sequence[ThreadSummary],
    owners: dict[str, uuid.UUID],
    report: ImportReport,
) -> None:
    async with AsyncPostgresSaver.from_conn_string(url.libpq) as saver:
        for thread in threads:
            checkpoints = await asyncio.to_thread(read_thread, path, thread.thread_id)
            chat_id = chat_id_for(thread.thread_id)
            copied = await copy_thread(saver, str(chat_id), checkpoints)
            report.checkpoints.add(copied.checkpoints)
            report.pending_writes += copied.writes
            report.threads.add(Tally(imported=1) if copied.checkpoints.imported else Tally(present=1))
            lines = transcript(str(chat_id), checkpoints)
            async with maker.begin() as db:
                added = await _import_chat(db, chat_id, owners[thread.thread_id], thread, lines)
            report.chats.add(Tally(imported=1) if added is not None else Tally(present=1))
            report.chat_messages += added or 0
