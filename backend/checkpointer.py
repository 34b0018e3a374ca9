"""The LangGraph Postgres checkpointer as the product uses it.

Three changes to the stock `AsyncPostgresSaver`, all measured in bench/ (issue: bounded memory):
- With a connection pool, every call already gets its own connection, so the saver-wide
  `asyncio.Lock` (langgraph #7259) only serializes unrelated threads. We take it only when
  the saver runs on a single shared connection, where it is still needed.
- Blobs this process wrote are not decoded again: the values handed to `aput` are kept per thread and
  channel (newest version only, bounded by `CACHED_BLOB_BYTES`) and given back when a load returns that
  same version with the same bytes; and a message list that only grew since is encoded as the bytes
  written then plus its new messages. Decoding and encoding the whole list is what grows with a stock
  ever-growing `messages` channel (1,000 messages: tens of ms of pydantic work per turn, bench/README.md),
  and the next turn of a thread loads and extends exactly what its previous turn wrote.
- Retention for forks: every few turns a thread is pruned to its head plus the turn-boundary
  checkpoints of its newest `fork_turns` turns (`retain`), so a run can restart from any of them
  (regenerate / edit an earlier message) while a thread's checkpoint rows stay flat instead of growing
  with every turn. A turn boundary is the checkpoint a turn ended on, as its answer records it
  (`chat_messages.checkpoint_id`); a paused thread's interrupt lives on its own checkpoint (the head, or
  the boundary its question records), so what resuming needs is kept too.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections import OrderedDict
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import psycopg
from langchain_core.messages import BaseMessage
from langchain_core.runnables import RunnableConfig
from langgraph.checkpoint.base import (
    ChannelVersions,
    Checkpoint,
    CheckpointMetadata,
    CheckpointTuple,
    get_checkpoint_id,
)
from langgraph.checkpoint.postgres import _ainternal
from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver
from langgraph.checkpoint.serde.jsonplus import JsonPlusSerializer
from psycopg import AsyncConnection, AsyncCursor
from psycopg.rows import DictRow, dict_row
from psycopg_pool import AsyncConnectionPool

from backend.pool_health import IdleCheck
from backend.settings import Settings

log = logging.getLogger(__name__)


WRITE_KEY = "checkpoint_ns || ':' || checkpoint_id || ':' || task_id || ':' || idx"
DEFAULT_FORK_TURNS: int = Settings.model_fields["fork_turns"].default
HEAD_SQL = (
    "SELECT checkpoint_id FROM checkpoints WHERE thread_id = %s AND checkpoint_ns = '' "
    "ORDER BY checkpoint_id DESC LIMIT 1"
)
EXISTS_SQL = "SELECT 1 FROM checkpoints WHERE thread_id = %s AND checkpoint_ns = '' AND checkpoint_id = %s"
# One statement (one snapshot): keep the head and the boundaries of the newest `turns` turns; delete the
# rest of the root namespace's checkpoints with their writes, forget parents that are gone, and delete
# the blobs only deleted checkpoints used. A run writing meanwhile is safe: its new rows are not in the
# snapshot, and it starts from the head or a kept boundary, whose blobs stay.
RETAIN_SQL = """
WITH kept AS (
    SELECT head.checkpoint_id FROM (
        SELECT checkpoint_id FROM checkpoints
        WHERE thread_id = %(thread)s AND checkpoint_ns = '' ORDER BY checkpoint_id DESC LIMIT 1
    ) AS head
    UNION
    SELECT turn.checkpoint_id FROM (
        SELECT checkpoint_id FROM chat_messages
        WHERE session_id = CAST(%(thread)s AS uuid) AND checkpoint_id IS NOT NULL
        ORDER BY id DESC LIMIT %(turns)s
    ) AS turn
), gone AS (
    DELETE FROM checkpoints c
    WHERE c.thread_id = %(thread)s AND c.checkpoint_ns = ''
      AND c.checkpoint_id NOT IN (SELECT checkpoint_id FROM kept)
    RETURNING c.checkpoint_id, c.checkpoint -> 'channel_versions' AS versions
), writes AS (
    DELETE FROM checkpoint_writes w
    WHERE w.thread_id = %(thread)s AND w.checkpoint_ns = ''
      AND w.checkpoint_id IN (SELECT checkpoint_id FROM gone)
), orphans AS (
    UPDATE checkpoints c SET parent_checkpoint_id = NULL
    WHERE c.thread_id = %(thread)s AND c.checkpoint_ns = ''
      AND c.checkpoint_id IN (SELECT checkpoint_id FROM kept)
      AND c.parent_checkpoint_id IN (SELECT checkpoint_id FROM gone)
), freed AS (
    SELECT v.key AS channel, v.value AS version
    FROM gone CROSS JOIN LATERAL jsonb_each_text(gone.versions) AS v
    EXCEPT
    SELECT v.key, v.value
    FROM checkpoints c CROSS JOIN LATERAL jsonb_each_text(c.checkpoint -> 'channel_versions') AS v
    WHERE c.thread_id = %(thread)s AND c.checkpoint_ns = ''
      AND c.checkpoint_id IN (SELECT checkpoint_id FROM kept)
)
DELETE FROM checkpoint_blobs b USING freed
WHERE b.thread_id = %(thread)s AND b.checkpoint_ns = '' AND b.channel = freed.channel
  AND b.version = freed.version
"""


# The stock load's statement, except that a blob this process holds in `BlobCache` (the same channel,
# version and length, `BlobCache.known`) comes back as NULL instead of its bytes: the load reuses the value
# kept here. A long thread's ever-growing `messages` blob (~170 KB at 1,000 messages) is then neither
# decompressed by Postgres nor sent and compared on every turn. The length is read from the stored value's
# header (no decompression). The statement is derived from the stock one, so both stay the same otherwise.
_STOCK_BLOB = "array[bl.channel::bytea, bl.type::bytea, bl.blob]"
_KNOWN_BLOB = (
    "array[bl.channel::bytea, bl.type::bytea, CASE WHEN (bl.channel, bl.version, octet_length(bl.blob)) IN "
    "(SELECT * FROM unnest(%s::text[], %s::text[], %s::int[])) THEN NULL ELSE bl.blob END]"
)
KNOWN_BLOBS_SQL = (
    AsyncPostgresSaver.SELECT_SQL.replace(_STOCK_BLOB, _KNOWN_BLOB)
    if AsyncPostgresSaver.SELECT_SQL.count(_STOCK_BLOB) == 1
    else None  # another checkpoint-postgres release: its own load, unchanged
)

WRITTEN_HEADS_MAX = 10_000  # threads remembered at once (`written_head`); more and the oldest are dropped


CACHED_BLOB_BYTES = 16 * 1024 * 1024  # encoded size of the blobs `BlobCache` keeps at once (LRU beyond)


def msgpack_array_header(length: int) -> bytes:
    """The header of a msgpack array of `length` items, in its shortest form (as encoders write it)."""
    if length < 16:
        return bytes([0x90 | length])
    if length < 1 << 16:
        return b"\xdc" + length.to_bytes(2, "big")
    return b"\xdd" + length.to_bytes(4, "big")


def msgpack_array_header_size(data: bytes, length: int) -> int | None:
    """The size of the header `data` starts with when it is the array header of `length` items, else None."""
    header = msgpack_array_header(length)
    return len(header) if data.startswith(header) else None


@dataclass(frozen=True)
class CachedBlob:
    version: str
    type: str
    data: bytes  # what was written: a load reuses `value` only when the row holds exactly these bytes
    value: Any


class BlobCache:
    """The newest blob this process wrote per (thread, namespace, channel), with the value it encodes.

    A hit needs the version *and* the bytes a load read from Postgres to be the ones written here, so
    another process's write, a rewind or a pruned version can only miss, never return a wrong value.
    Containers are given back as shallow copies; the objects inside are shared with the run that wrote
    them, as LangGraph shares them between the steps of one run (state changes by returned updates,
    never in place). `_dump_blobs` runs in a worker thread, hence the lock."""

    def __init__(self, max_bytes: int = CACHED_BLOB_BYTES) -> None:
        self.max_bytes = max_bytes
        self._entries: OrderedDict[tuple[str, str, str], CachedBlob] = OrderedDict()
        self._channels: dict[tuple[str, str], set[str]] = {}  # (thread, namespace) → channels held
        self._bytes = 0
        self._lock = threading.Lock()

    def put(self, key: tuple[str, str, str], blob: CachedBlob) -> None:
        with self._lock:
            self._drop(key)
            if len(blob.data) > self.max_bytes // 4:  # one huge thread would flush everyone else's
                return
            self._entries[key] = blob
            self._channels.setdefault(key[:2], set()).add(key[2])
            self._bytes += len(blob.data)
            while self._bytes > self.max_bytes:
                self._drop(next(iter(self._entries)))

    def _drop(self, key: tuple[str, str, str]) -> None:
        old = self._entries.pop(key, None)
        if old is None:
            return
        self._bytes -= len(old.data)
        channels = self._channels.get(key[:2])
        if channels is not None:
            channels.discard(key[2])
            if not channels:
                del self._channels[key[:2]]

    def known(self, thread_id: str, checkpoint_ns: str) -> tuple[list[str], list[str], list[int]]:
        """The channels, versions and byte lengths of the blobs held for a thread (`KNOWN_BLOBS_SQL`)."""
        with self._lock:
            held = [
                (channel, self._entries[(thread_id, checkpoint_ns, channel)])
                for channel in self._channels.get((thread_id, checkpoint_ns), ())
            ]
        return [c for c, _ in held], [b.version for _, b in held], [len(b.data) for _, b in held]

    def value(self, key: tuple[str, str, str], version: str, type_: str, size: int) -> tuple[bool, Any]:
        """(True, a copy of the value) for a blob Postgres did not send back because it is the one
        written here: the same version (LangGraph's versions carry a random part: one version, one
        content), type and length; else (False, None)."""
        with self._lock:
            blob = self._entries.get(key)
            if blob is None or blob.version != version or blob.type != type_ or len(blob.data) != size:
                return False, None
            self._entries.move_to_end(key)
        return True, _copied(blob.value)

    def peek(self, key: tuple[str, str, str]) -> CachedBlob | None:
        """The newest blob written for the key, its value not copied (`PooledPostgresSaver._appended`)."""
        with self._lock:
            return self._entries.get(key)

    def get(self, key: tuple[str, str, str], version: str, type_: str, data: bytes) -> tuple[bool, Any]:
        """(True, a copy of the value) when the row read is the one written here, else (False, None)."""
        with self._lock:
            blob = self._entries.get(key)
            if blob is None or blob.version != version or blob.type != type_ or blob.data != data:
                return False, None
            self._entries.move_to_end(key)
        return True, _copied(blob.value)


def _copied(value: Any) -> Any:
    if isinstance(value, list):
        return list(value)
    if isinstance(value, dict):
        return dict(value)
    return value


class _NotKept(Exception):
    """A blob left out of a load as known here was evicted meanwhile: load again, blobs included."""


class PooledPostgresSaver(AsyncPostgresSaver):
    """AsyncPostgresSaver without the global lock when backed by a pool, that remembers the newest root
    checkpoint it wrote per thread, so a turn learns where its graph ended without asking, and the blobs
    it wrote, so it neither decodes them again nor encodes a grown message list whole (issue 20)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._written: dict[str, str] = {}
        self.blobs = BlobCache()

    def _dump_blobs(
        self, thread_id: str, checkpoint_ns: str, values: dict[str, Any], versions: ChannelVersions
    ) -> list[tuple[str, str, str, str, str, bytes | None]]:
        thread = str(thread_id)
        appended: dict[str, bytes] = {}
        for channel in versions:
            if channel in values:
                data = self._appended((thread, checkpoint_ns, channel), values[channel])
                if data is not None:
                    appended[channel] = data
        rest = {k: v for k, v in versions.items() if k not in appended}
        rows = super()._dump_blobs(thread_id, checkpoint_ns, values, rest)
        rows += [(thread_id, checkpoint_ns, k, str(versions[k]), "msgpack", d) for k, d in appended.items()]
        for _, _, channel, version, type_, data in rows:
            if data is not None:
                self.blobs.put(
                    (thread, checkpoint_ns, channel), CachedBlob(str(version), type_, data, values[channel])
                )
        return rows

    def _appended(self, key: tuple[str, str, str], value: Any) -> bytes | None:
        """The encoding of a message list that only grew since this process last wrote the channel: the
        bytes written then with the new messages' appended, equal to encoding the whole list again (a
        msgpack array is its header and its items, each encoded on its own). None when that does not
        hold: another list, a message replaced or removed, a serializer of another kind. Like LangGraph's
        own `add_messages`, it takes a written message to stay as it was: state changes by updates a node
        returns, never by changing a message in place."""
        if not isinstance(value, list) or type(self.serde).dumps_typed is not JsonPlusSerializer.dumps_typed:
            return None
        last = self.blobs.peek(key)
        if last is None or last.type != "msgpack" or not isinstance(last.value, list):
            return None
        before = last.value
        header = msgpack_array_header_size(last.data, len(before))
        if not before or header is None or len(value) < len(before):
            return None
        if any(new is not old for new, old in zip(value, before, strict=False)):
            return None
        if not all(isinstance(m, BaseMessage) for m in value):
            return None
        added = [self.serde.dumps_typed(m) for m in value[len(before) :]]
        if any(type_ != "msgpack" for type_, _ in added):
            return None
        return b"".join([msgpack_array_header(len(value)), last.data[header:], *(d for _, d in added)])

    async def _load_checkpoint_tuple(self, value: DictRow) -> CheckpointTuple:
        """The stock load, minus decoding the blobs this process wrote (`BlobCache`)."""
        rows = value["channel_values"]
        if not rows:
            return await super()._load_checkpoint_tuple(value)
        versions = value["checkpoint"].get("channel_versions") or {}
        thread_id, checkpoint_ns = str(value["thread_id"]), value["checkpoint_ns"]
        cached: dict[str, Any] = {}
        rest = []
        sizes = value.get("known_sizes") or {}
        for row in rows:
            channel = row[0].decode()
            key = (thread_id, checkpoint_ns, channel)
            version = str(versions.get(channel))
            if row[2] is None and row[1] != b"empty":  # left out as known here (`KNOWN_BLOBS_SQL`)
                hit, found = self.blobs.value(key, version, row[1].decode(), sizes.get(channel, -1))
                if not hit:
                    raise _NotKept(channel)
            else:
                hit, found = self.blobs.get(key, version, row[1].decode(), row[2])
            if hit:
                cached[channel] = found
            else:
                rest.append(row)
        if not cached:
            return await super()._load_checkpoint_tuple(value)
        loaded = await super()._load_checkpoint_tuple({**value, "channel_values": rest})
        loaded.checkpoint["channel_values"].update(cached)
        return loaded

    async def aget_tuple(self, config: RunnableConfig) -> CheckpointTuple | None:
        """The stock load, without the bytes of the blobs this process wrote and still holds
        (`KNOWN_BLOBS_SQL`). Anything unusual — a checkpoint of an older format, a blob evicted meanwhile,
        nothing held for the thread — takes the stock load."""
        configurable = config["configurable"]
        thread_id, checkpoint_ns = str(configurable["thread_id"]), configurable.get("checkpoint_ns", "")
        channels, versions, sizes = self.blobs.known(thread_id, checkpoint_ns)
        if KNOWN_BLOBS_SQL is None or not channels:
            return await super().aget_tuple(config)
        checkpoint_id = get_checkpoint_id(config)
        args: tuple[Any, ...] = (channels, versions, sizes, thread_id, checkpoint_ns)
        where = "WHERE thread_id = %s AND checkpoint_ns = %s ORDER BY checkpoint_id DESC LIMIT 1"
        if checkpoint_id:
            args += (checkpoint_id,)
            where = "WHERE thread_id = %s AND checkpoint_ns = %s AND checkpoint_id = %s"
        async with self._cursor() as cur:
            await cur.execute(KNOWN_BLOBS_SQL + where, args, binary=True)
            value = await cur.fetchone()
        if value is None:
            return None
        if value["checkpoint"]["v"] < 4 and value["parent_checkpoint_id"]:
            return await super().aget_tuple(config)  # pending sends to migrate: the stock path does it
        try:
            return await self._load_checkpoint_tuple(
                {**value, "known_sizes": dict(zip(channels, sizes, strict=True))}
            )
        except _NotKept:
            return await super().aget_tuple(config)

    async def aput(
        self,
        config: RunnableConfig,
        checkpoint: Checkpoint,
        metadata: CheckpointMetadata,
        new_versions: ChannelVersions,
    ) -> RunnableConfig:
        written = await super().aput(config, checkpoint, metadata, new_versions)
        configurable = config["configurable"]
        if not configurable.get("checkpoint_ns"):
            thread_id = str(configurable["thread_id"])
            known = self._written.pop(thread_id, None)  # re-inserted: the newest thread last
            if len(self._written) >= WRITTEN_HEADS_MAX:
                del self._written[next(iter(self._written))]
            # Checkpoint ids are time-ordered (uuid6): with `durability="async"` puts may finish out of order.
            self._written[thread_id] = max(known, checkpoint["id"]) if known else checkpoint["id"]
        return written

    def written_head(self, thread_id: str) -> str | None:
        """The newest root checkpoint this process wrote for the thread since `forget_head`: the
        thread's head while its chat lock is held (no other run writes it meanwhile)."""
        return self._written.get(thread_id)

    def forget_head(self, thread_id: str) -> None:
        """Called when a turn lets go of the thread: what another process writes next is not seen here."""
        self._written.pop(thread_id, None)

    @contextlib.asynccontextmanager
    async def _cursor(self, *, pipeline: bool = False) -> AsyncIterator[AsyncCursor[DictRow]]:
        if not isinstance(self.conn, AsyncConnectionPool) or self.pipe is not None:
            async with super()._cursor(pipeline=pipeline) as cur:
                yield cur
            return
        async with _ainternal.get_connection(self.conn) as conn:
            if pipeline and self.supports_pipeline:
                async with conn.pipeline(), conn.cursor(binary=True, row_factory=dict_row) as cur:
                    yield cur
            elif pipeline:
                async with conn.transaction(), conn.cursor(binary=True, row_factory=dict_row) as cur:
                    yield cur
            else:
                async with conn.cursor(binary=True, row_factory=dict_row) as cur:
                    yield cur

    async def write_keys(self, thread_id: str, head_id: str) -> list[str]:
        """The pending writes recorded up to the head, in every namespace (subgraphs too), so a rewind
        can tell them from the ones a later run adds: a resumed task's results land on the checkpoint
        it was paused at, not on a new one."""
        async with self._cursor() as cur:
            await cur.execute(
                f"SELECT {WRITE_KEY} AS key FROM checkpoint_writes WHERE thread_id = %s AND checkpoint_id <= %s",
                (thread_id, head_id),
            )
            return [row["key"] for row in await cur.fetchall()]

    async def rewind(self, thread_id: str, head_id: str | None, head_writes: list[str] | None) -> None:
        """Back to `head_id` (nothing, when None): drops the checkpoints a rolled-back run wrote after
        it and the writes it added to it (its resume answer and resumed tasks' results; `head_writes`
        are the ones that were there before, None: only the resume answer), so a paused thread waits
        on its question again. Checkpoint ids are time-ordered (uuid6), as the saver's listing relies on."""
        if head_id is None:
            await self.adelete_thread(thread_id)
            return
        async with self._cursor() as cur, cur.connection.transaction():
            # A write the cancelled graph had in flight may still be queued on the server: wait for it
            # (the lock queue is first come, first served) so the deletes below see it. Rare, brief.
            await cur.execute("LOCK TABLE checkpoints, checkpoint_writes IN SHARE ROW EXCLUSIVE MODE")
            await cur.execute(
                "DELETE FROM checkpoint_writes WHERE thread_id = %s AND checkpoint_id > %s",
                (thread_id, head_id),
            )
            if head_writes is None:
                await cur.execute(
                    "DELETE FROM checkpoint_writes WHERE thread_id = %s AND checkpoint_id = %s "
                    "AND channel = '__resume__'",
                    (thread_id, head_id),
                )
            else:
                await cur.execute(
                    "DELETE FROM checkpoint_writes WHERE thread_id = %s AND checkpoint_id <= %s "
                    f"AND {WRITE_KEY} <> ALL(%s)",
                    (thread_id, head_id, head_writes),
                )
            await cur.execute(
                "DELETE FROM checkpoints WHERE thread_id = %s AND checkpoint_id > %s", (thread_id, head_id)
            )

    async def head_id(self, thread_id: str) -> str | None:
        """The thread's newest checkpoint (what a run without a checkpoint continues), or None."""
        async with self._cursor() as cur:
            await cur.execute(HEAD_SQL, (thread_id,))
            row = await cur.fetchone()
        return row["checkpoint_id"] if row else None

    async def has_checkpoint(self, thread_id: str, checkpoint_id: str) -> bool:
        async with self._cursor() as cur:
            await cur.execute(EXISTS_SQL, (thread_id, checkpoint_id))
            return await cur.fetchone() is not None

    async def retain(self, thread_id: str, turns: int) -> None:
        """Prunes the thread to its head plus the boundaries of its newest `turns` turns (module doc)."""
        async with self._cursor() as cur:
            await cur.execute(RETAIN_SQL, {"thread": thread_id, "turns": turns})

    async def prune_thread(self, thread_id: str, turns: int = DEFAULT_FORK_TURNS) -> None:
        """`retain`, as housekeeping: it never fails the caller's turn."""
        try:
            await self.retain(thread_id, turns)
        except Exception:  # pruning is housekeeping: a failure leaves extra rows, nothing else
            log.warning("pruning checkpoints of thread %s failed", thread_id, exc_info=True)


async def fast_toast_compression(conn: AsyncConnection[Any]) -> None:
    """New values this connection writes are compressed with lz4 instead of pglz, where the server has
    it (PostgreSQL ≥ 14 built with lz4, as Debian's). A long thread writes its ever-growing `messages`
    blob every turn (~200 KB at 1,000 messages): pglz took 3.5–3.9 ms of the server's CPU for it, lz4
    0.8–1.9 ms, to the same size (48 KB). Stored values of either kind are read alike; nothing else changes."""
    try:
        await conn.execute("SET default_toast_compression = 'lz4'")
    except psycopg.Error:  # a server without lz4 keeps its default
        log.info("lz4 TOAST compression unavailable; checkpoints keep the server's default")


# psycopg_pool retries a failed connect with doubling delays (1, 2, 4, ... s) for `reconnect_timeout`
# (default 5 min): after a 40 s outage the next attempt came ~20 s after Postgres was back, and every
# turn got 503 meanwhile (tests/faults/test_postgres_restart.py). Giving up after a few seconds keeps
# the delays short; the next request that needs a connection starts a fresh attempt at once.
RECONNECT_GIVE_UP_S = 5.0


def checkpointer_pool(conninfo: str, settings: Settings) -> AsyncConnectionPool:
    """A pool set up the way the saver expects (autocommit, dict rows, statements prepared on first
    use, as its own `from_conn_string` does). Connections that sat idle are checked on checkout
    (backend/pool_health.py) and reconnect attempts stay frequent, so the pool recovers by itself
    within seconds of a Postgres restart. Open it with `await pool.open()`."""
    idle_check = IdleCheck(settings.db_ping_idle_s)
    # Behind PgBouncer in transaction mode a session setting would stick to whichever server connection ran it.
    configure = None if settings.database_pooler == "transaction" else fast_toast_compression
    pool: AsyncConnectionPool = AsyncConnectionPool(
        conninfo,
        min_size=1,
        max_size=settings.checkpoint_pool_size,
        open=False,
        timeout=settings.db_pool_timeout_s,
        check=idle_check.check,
        reset=idle_check.reset,
        configure=configure,
        reconnect_timeout=RECONNECT_GIVE_UP_S,
        name="checkpointer",
        kwargs={
            "autocommit": True,
            # Behind PgBouncer in transaction mode nothing may be prepared (README "Running several nodes").
            "prepare_threshold": None if settings.database_pooler == "transaction" else 0,
            "row_factory": dict_row,
            "connect_timeout": max(1, int(settings.db_connect_timeout_s)),
            "application_name": "budongsan-checkpointer",
        },
    )
    idle_check.pool = pool  # one dead connection sweeps the rest (IdleCheck._sweep)
    return pool
