"""The `data_slices` record: one owner per (region, month, kind) of the transaction tables.

A slice is a 시군구's contract month of sales ('trade', apt_trades) or 전월세 ('rent', apt_rents).
`load-data` records the slices its files fill as source 'snapshot'; `sync-molit` replaces a slice
with MOLIT's current answer in one transaction and records it as 'molit-api'. From then on the API
owns it: a later `load-data` drops the snapshot's rows for that slice before COPYing a file, and a
re-sync replaces the slice again (amended and cancelled reports come in this way).

Both hold the same advisory lock, so a sync and a load never interleave. A synced slice is also a
`data_files` row (path `molit-api/<kind>/<code>/<YYYYMM>`, sha256 of its rows): that table is the data
version every process watches (agents/tools/cache.py), so running servers drop their caches and
reload coverage and places within `data_version_check_s`, and an unchanged re-sync changes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import asyncpg
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from backend.data_import.base import ParsedFile
from backend.data_import.molit import RENT_COLUMNS, TRADE_COLUMNS

Kind = Literal["trade", "rent"]
SYNC_SOURCE = "molit-api"
SNAPSHOT_SOURCE = "snapshot"
# Serialises loaders and syncs (e.g. several `serve` processes starting at once, a cron sync).
LOAD_LOCK_KEY = 0x62756E64_6C6F6164  # "bundload"

KIND_TABLE: dict[Kind, str] = {"trade": "apt_trades", "rent": "apt_rents"}
TABLE_KIND: dict[str, Kind] = {table: kind for kind, table in KIND_TABLE.items()}
KIND_COLUMNS: dict[Kind, tuple[str, ...]] = {"trade": TRADE_COLUMNS, "rent": RENT_COLUMNS}

LOCK = text("SELECT pg_advisory_xact_lock(:key)")
_SLICE = text(
    "SELECT source, rows FROM data_slices WHERE sigungu_code = :code AND month = :month AND kind = :kind"
)
_FILE_SHA = text("SELECT sha256 FROM data_files WHERE path = :path")
_TOUCH = text(
    "UPDATE data_slices SET synced_at = now() WHERE sigungu_code = :code AND month = :month AND kind = :kind"
)
_DELETE = {
    table: text(
        f"DELETE FROM {table} WHERE sigungu_code = :code AND contract_date >= :start AND contract_date < :end"
    )
    for table in TABLE_KIND
}
_UPSERT_SYNCED = text(
    "INSERT INTO data_slices (sigungu_code, month, kind, source, rows, loaded_at, synced_at) "
    "VALUES (:code, :month, :kind, 'molit-api', :rows, now(), now()) "
    "ON CONFLICT (sigungu_code, month, kind) DO UPDATE SET source = 'molit-api', rows = EXCLUDED.rows, "
    "loaded_at = now(), synced_at = now()"
)
_RECORD_FILE = text(
    "INSERT INTO data_files (path, sha256, target_table, rows) VALUES (:path, :sha, :table, :rows) "
    "ON CONFLICT (path) DO UPDATE SET sha256 = EXCLUDED.sha256, target_table = EXCLUDED.target_table, "
    "rows = EXCLUDED.rows, loaded_at = now()"
)
_SYNCED_MONTHS = text(
    "SELECT sigungu_code, month FROM data_slices WHERE kind = :kind AND source = 'molit-api'"
)
_SYNCED_CODES = text("SELECT DISTINCT sigungu_code FROM data_slices WHERE source = 'molit-api'")
_SNAPSHOT_SLICES = {
    table: text(
        "INSERT INTO data_slices (sigungu_code, month, kind, source, rows, loaded_at) "
        f"SELECT sigungu_code, date_trunc('month', contract_date)::date, '{kind}', 'snapshot', count(*), now() "
        f"FROM {table} WHERE source_file = :name GROUP BY 1, 2 "
        "ON CONFLICT (sigungu_code, month, kind) DO UPDATE SET rows = EXCLUDED.rows, loaded_at = now() "
        "WHERE data_slices.source = 'snapshot'"
    )
    for table, kind in TABLE_KIND.items()
}
# A complex keeps one id: rows without one (the rt.molit exports have none) take the id most rows of
# the same (시군구, 동, 단지명, 지번) carry, in either table.
_BACKFILL = {
    table: text(
        f"""
        WITH counted AS (
            SELECT sigungu_code, dong, complex_name, jibun, complex_id, count(*) AS n FROM (
                SELECT sigungu_code, dong, complex_name, jibun, complex_id FROM apt_trades
                WHERE sigungu_code = ANY(:codes) AND complex_id IS NOT NULL
                UNION ALL
                SELECT sigungu_code, dong, complex_name, jibun, complex_id FROM apt_rents
                WHERE sigungu_code = ANY(:codes) AND complex_id IS NOT NULL
            ) AS withid GROUP BY 1, 2, 3, 4, 5
        ), ids AS (
            SELECT DISTINCT ON (sigungu_code, dong, complex_name, jibun) * FROM counted
            ORDER BY sigungu_code, dong, complex_name, jibun, n DESC, complex_id
        )
        UPDATE {table} AS t SET complex_id = ids.complex_id FROM ids
        WHERE t.complex_id IS NULL AND t.sigungu_code = ANY(:codes) AND t.sigungu_code = ids.sigungu_code
          AND t.dong = ids.dong AND t.complex_name = ids.complex_name AND t.jibun IS NOT DISTINCT FROM ids.jibun
        """
    )
    for table in TABLE_KIND
}
_SOURCES = text(
    """
    SELECT source, kind, array_agg(DISTINCT sigungu_code ORDER BY sigungu_code) AS codes,
           min(month) AS first, max(month) AS last, sum(rows)::bigint AS rows,
           max(loaded_at) AS loaded_at, max(synced_at) AS synced_at
    FROM data_slices GROUP BY source, kind ORDER BY source DESC, kind DESC
    """
)


@dataclass(frozen=True)
class SliceKey:
    code: str
    month: dt.date  # first day of the contract month
    kind: Kind

    @property
    def table(self) -> str:
        return KIND_TABLE[self.kind]

    @property
    def path(self) -> str:
        """data_files path and source_file of the synced rows."""
        return f"{SYNC_SOURCE}/{self.kind}/{self.code}/{self.month:%Y%m}"

    @property
    def end(self) -> dt.date:
        return (self.month + dt.timedelta(days=32)).replace(day=1)


@dataclass(frozen=True)
class SliceResult:
    key: SliceKey
    rows: int  # rows the slice holds now
    replaced: int  # rows it held before (snapshot or an earlier sync)
    status: Literal["synced", "unchanged"]


@dataclass(frozen=True)
class SourceSummary:
    """One line of `budongsan db`: what one source holds of one kind."""

    source: str
    kind: Kind
    codes: tuple[str, ...]
    first: dt.date
    last: dt.date
    rows: int
    loaded_at: dt.datetime | None
    synced_at: dt.datetime | None


def fingerprint(rows: Sequence[tuple[Any, ...]]) -> str:
    """Same rows, same hash: a re-sync that brings nothing new writes nothing."""
    digest = hashlib.sha256()
    for row in rows:
        digest.update(repr(row).encode())
        digest.update(b"\n")
    return digest.hexdigest()


async def replace_slice(engine: AsyncEngine, key: SliceKey, rows: Sequence[tuple[Any, ...]]) -> SliceResult:
    """The slice becomes exactly `rows` (plus source_file/line), all in one transaction."""
    sha = fingerprint(rows)
    async with engine.begin() as conn:
        await conn.execute(LOCK, {"key": LOAD_LOCK_KEY})
        params = {"code": key.code, "month": key.month, "kind": key.kind}
        before = (await conn.execute(_SLICE, params)).first()
        owned = before is not None and before.source == SYNC_SOURCE
        if owned and await conn.scalar(_FILE_SHA, {"path": key.path}) == sha:
            await conn.execute(_TOUCH, params)
            return SliceResult(key, len(rows), before.rows, "unchanged")
        deleted = await conn.execute(
            _DELETE[key.table], {"code": key.code, "start": key.month, "end": key.end}
        )
        records = [(*row, key.path, line) for line, row in enumerate(rows, start=1)]
        await copy_records(conn, key.table, KIND_COLUMNS[key.kind], records)
        await conn.execute(_UPSERT_SYNCED, {**params, "rows": len(rows)})
        await conn.execute(
            _RECORD_FILE, {"path": key.path, "sha": sha, "table": key.table, "rows": len(rows)}
        )
        await backfill_complex_ids(conn, [key.code])
    return SliceResult(key, len(rows), deleted.rowcount, "synced")


async def copy_records(
    conn: AsyncConnection, table: str, columns: Sequence[str], records: list[tuple[Any, ...]]
) -> None:
    """COPY on the asyncpg connection underneath, inside the transaction SQLAlchemy has open."""
    if not records:
        return
    raw = await conn.get_raw_connection()
    driver: asyncpg.Connection = raw.driver_connection  # type: ignore[assignment]
    await driver.copy_records_to_table(table, records=records, columns=list(columns))


async def synced_months(conn: AsyncConnection, table: str) -> set[tuple[str, dt.date]]:
    """(시군구 code, month) pairs of `table` the API owns."""
    rows = await conn.execute(_SYNCED_MONTHS, {"kind": TABLE_KIND[table]})
    return {(r.sigungu_code, r.month) for r in rows}


def without_synced(parsed: ParsedFile, synced: set[tuple[str, dt.date]]) -> ParsedFile:
    """The file's records minus those of slices the API owns (load-data never brings them back)."""
    if not synced:
        return parsed
    code_at, date_at = parsed.columns.index("sigungu_code"), parsed.columns.index("contract_date")
    kept = [r for r in parsed.records if (r[code_at], r[date_at].replace(day=1)) not in synced]
    return ParsedFile(parsed.table, parsed.columns, parsed.layout, kept)


async def after_snapshot_copy(conn: AsyncConnection, parsed: ParsedFile, name: str) -> None:
    """Records the snapshot slices a file filled and gives its rows the complex ids synced rows carry."""
    await conn.execute(_SNAPSHOT_SLICES[parsed.table], {"name": name})
    synced_codes = set((await conn.execute(_SYNCED_CODES)).scalars())
    code_at = parsed.columns.index("sigungu_code")
    touched = {r[code_at] for r in parsed.records} & synced_codes
    if touched:
        await backfill_complex_ids(conn, touched)


async def backfill_complex_ids(conn: AsyncConnection, codes: Iterable[str]) -> None:
    wanted = sorted(set(codes))
    for table in TABLE_KIND:
        await conn.execute(_BACKFILL[table], {"codes": wanted})


async def source_summaries(engine: AsyncEngine) -> list[SourceSummary]:
    async with engine.connect() as conn:
        rows = (await conn.execute(_SOURCES)).all()
    return [
        SourceSummary(
            r.source, r.kind, tuple(r.codes), r.first, r.last, int(r.rows), r.loaded_at, r.synced_at
        )
        for r in rows
    ]
