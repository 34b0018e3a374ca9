"""`budongsan load-data`: parse each data file completely, then COPY it in one transaction.

Per file: hash it; skip it when data_files already holds that hash (a second run adds nothing); otherwise
parse all of it (a bad row stops the file before anything is written), then in one transaction delete the
rows an earlier version of the file left, COPY the new ones and record the hash. Files are independent:
a bad file is rolled back and reported, the others still load.

Slices (시군구 × month × kind) that `sync-molit` owns (backend/data_import/slices.py) are left out of
every file: loading the snapshot again never brings its rows back over fresher API data.
"""

from __future__ import annotations

import asyncio
import hashlib
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import asyncpg
from sqlalchemy import Row, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from backend.data_import.base import DataFileError, ParsedFile
from backend.data_import.molit import parse_molit_csv
from backend.data_import.slices import (
    LOAD_LOCK_KEY,
    TABLE_KIND,
    after_snapshot_copy,
    synced_months,
    without_synced,
)
from backend.data_import.statutes import parse_statute

DATA_TABLES = ("apt_trades", "apt_rents", "law_articles")
STATUTE_FOLDER = "law"

_SELECT_KNOWN = text("SELECT path, sha256, target_table, rows FROM data_files")
_SELECT_ONE = text("SELECT path, sha256, target_table, rows FROM data_files WHERE path = :path")
_LOCK = text("SELECT pg_advisory_xact_lock(:key)")
_RECORD = text(
    "INSERT INTO data_files (path, sha256, target_table, rows) VALUES (:path, :sha, :table, :rows) "
    "ON CONFLICT (path) DO UPDATE SET sha256 = EXCLUDED.sha256, target_table = EXCLUDED.target_table, "
    "rows = EXCLUDED.rows, loaded_at = now()"
)
_DELETE_ROWS = {table: text(f"DELETE FROM {table} WHERE source_file = :name") for table in DATA_TABLES}
_ALL_EMPTY = text("SELECT " + " AND ".join(f"NOT EXISTS (SELECT 1 FROM {table})" for table in DATA_TABLES))

Status = Literal["loaded", "replaced", "unchanged", "failed"]
_STATUSES: tuple[Status, ...] = ("loaded", "replaced", "unchanged", "failed")
_COPY_LINE = re.compile(r"COPY \w{1,63}, line (\d+)")  # Postgres names are at most 63 characters


@dataclass(frozen=True)
class Recorded:
    """A data_files row: what an earlier run loaded from one path."""

    sha256: str
    table: str
    rows: int


@dataclass(frozen=True)
class FileResult:
    path: str
    table: str | None
    rows: int
    status: Status
    seconds: float


@dataclass
class LoadReport:
    """What one `load_all` run did, file by file; `summary()` is the line the CLI prints."""

    folder: Path
    files: list[FileResult] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def rows_by_file(self) -> dict[str, int]:
        """Rows each file holds in the database after this run (unchanged files included)."""
        return {f.path: f.rows for f in self.files}

    @property
    def rows_added(self) -> dict[str, int]:
        """Rows written by this run per table (a replaced file counts its new rows)."""
        added: Counter[str] = Counter()
        for f in self.files:
            if f.status in ("loaded", "replaced") and f.table is not None:
                added[f.table] += f.rows
        return {table: added[table] for table in DATA_TABLES}

    def summary(self) -> str:
        status = Counter(f.status for f in self.files)
        counts = ", ".join(f"{status[s]} {s}" for s in _STATUSES if status[s])
        added = ", ".join(f"{table} +{rows:,}" for table, rows in self.rows_added.items())
        plural = "" if len(self.files) == 1 else "s"
        files = f"{len(self.files)} file{plural} ({counts or 'none'})"
        return f"load-data {self.folder}: {files}; rows {added}; {self.seconds:.1f}s"


def find_data_files(folder: Path) -> list[Path]:
    """Every *.csv below `folder`, and the *.md statutes inside a `law` folder (not README/SOURCES.md)."""
    csvs = [p for p in folder.rglob("*.csv") if p.is_file()]
    statutes = [p for p in folder.rglob("*.md") if p.is_file() and p.parent.name == STATUTE_FOLDER]
    return sorted(csvs + statutes, key=lambda p: p.relative_to(folder).as_posix())


def decode(name: str, data: bytes) -> str:
    """UTF-8 (our data); CP949 is what rt.molit.go.kr hands out when a user downloads a CSV directly."""
    for encoding in ("utf-8-sig", "cp949"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DataFileError(name, "is neither UTF-8 nor CP949 text")


def parse_file(path: Path, data: bytes) -> ParsedFile:
    """The file's records; the suffix picks the parser, the header picks the CSV layout."""
    content = decode(path.name, data)
    if path.suffix.lower() == ".md":
        return parse_statute(path.name, content)
    return parse_molit_csv(path.name, content)


async def tables_are_empty(engine: AsyncEngine) -> bool:
    """True when apt_trades, apt_rents and law_articles are all empty (`serve` loads the data then)."""
    async with engine.connect() as conn:
        return bool(await conn.scalar(_ALL_EMPTY))


async def load_all(engine: AsyncEngine, folder: Path, progress: bool) -> LoadReport:
    """Loads every data file below `folder`; raises the first DataFileError after trying all files.

    `progress` (for a terminal) shows each file on stderr as it starts and, on the same line, its rows and
    seconds when done; the summary is the caller's to print (`LoadReport.summary`).
    """
    started = time.perf_counter()
    report = LoadReport(folder)
    files = find_data_files(folder)
    _reject_duplicate_names(folder, files)
    async with engine.connect() as conn:
        known = {row.path: _recorded(row) for row in await conn.execute(_SELECT_KNOWN)}
    failures: list[DataFileError] = []
    for number, path in enumerate(files, start=1):
        if progress:
            _print_started(number, len(files), _relative(folder, path))
        try:
            result = await _load_file(engine, folder, path, known)
        except DataFileError as exc:
            failures.append(exc)
            result = _failed(_relative(folder, path), known)
        except BaseException:
            if progress:
                print(file=sys.stderr, flush=True)  # end the "started" line before the error is shown
            raise
        report.files.append(result)
        if progress:
            _print_progress(number, len(files), result)
    await _analyze_changed(engine, report)
    report.seconds = time.perf_counter() - started
    if failures:
        raise failures[0].with_others(failures[1:])
    return report


async def _analyze_changed(engine: AsyncEngine, report: LoadReport) -> None:
    """Planner statistics for the tables a load changed. Until autovacuum gets to them, a freshly
    loaded table has none and some data queries (recommendations) get plans that run for minutes."""
    tables = sorted({f.table for f in report.files if f.status in ("loaded", "replaced") and f.table})
    if not tables:
        return
    async with engine.connect() as conn:
        await conn.execution_options(isolation_level="AUTOCOMMIT")
        for table in tables:
            await conn.execute(text(f'ANALYZE "{table}"'))


def _failed(relative: str, known: dict[str, Recorded]) -> FileResult:
    """A failed file keeps what an earlier run stored from it (its transaction was rolled back)."""
    before = known.get(relative)
    if before is None:
        return FileResult(relative, None, 0, "failed", 0.0)
    return FileResult(relative, before.table, before.rows, "failed", 0.0)


def _recorded(row: Row[Any]) -> Recorded:
    return Recorded(row.sha256, row.target_table, row.rows)


def _relative(folder: Path, path: Path) -> str:
    return path.relative_to(folder).as_posix()


def _reject_duplicate_names(folder: Path, files: list[Path]) -> None:
    """Rows remember their file by name (source_file), so two files may not share one."""
    seen: dict[str, Path] = {}
    for path in files:
        if path.name in seen:
            raise DataFileError(
                _relative(folder, path), f"has the same file name as {_relative(folder, seen[path.name])}"
            )
        seen[path.name] = path


def _read(path: Path) -> tuple[bytes, str]:
    data = path.read_bytes()
    return data, hashlib.sha256(data).hexdigest()


async def _load_file(engine: AsyncEngine, folder: Path, path: Path, known: dict[str, Recorded]) -> FileResult:
    started = time.perf_counter()
    relative = _relative(folder, path)
    data, sha = await asyncio.to_thread(_read, path)
    before = known.get(relative)
    if before is not None and before.sha256 == sha:
        return FileResult(relative, before.table, before.rows, "unchanged", time.perf_counter() - started)
    parsed = await asyncio.to_thread(parse_file, path, data)
    async with engine.begin() as conn:
        await conn.execute(_LOCK, {"key": LOAD_LOCK_KEY})
        row = (await conn.execute(_SELECT_ONE, {"path": relative})).first()
        previous = _recorded(row) if row is not None else None
        if previous is not None and previous.sha256 == sha:  # another loader got here first
            return FileResult(
                relative, previous.table, previous.rows, "unchanged", time.perf_counter() - started
            )
        if parsed.table in TABLE_KIND:
            parsed = without_synced(parsed, await synced_months(conn, parsed.table))
        await _delete_rows(conn, path.name, parsed.table, previous.table if previous else None)
        await _copy(conn, path.name, parsed)
        if parsed.table in TABLE_KIND:
            await after_snapshot_copy(conn, parsed, path.name)
        rows = len(parsed.records)
        await conn.execute(_RECORD, {"path": relative, "sha": sha, "table": parsed.table, "rows": rows})
    status: Status = "replaced" if previous is not None else "loaded"
    return FileResult(relative, parsed.table, rows, status, time.perf_counter() - started)


async def _delete_rows(conn: AsyncConnection, name: str, table: str, previous_table: str | None) -> None:
    """Removes what an earlier version of the file stored (also when it went to another table)."""
    targets = {table} if previous_table is None else {table, previous_table}
    for target in sorted(targets & _DELETE_ROWS.keys()):
        await conn.execute(_DELETE_ROWS[target], {"name": name})


async def _copy(conn: AsyncConnection, name: str, parsed: ParsedFile) -> None:
    """COPY on the asyncpg connection underneath, inside the transaction SQLAlchemy has open."""
    if not parsed.records:
        return
    raw = await conn.get_raw_connection()
    driver: asyncpg.Connection = raw.driver_connection  # type: ignore[assignment]
    try:
        await driver.copy_records_to_table(parsed.table, records=parsed.records, columns=parsed.columns)
    except asyncpg.PostgresError as exc:
        raise DataFileError(name, f"rejected by the database: {exc}", _line_of(exc, parsed)) from exc


def _line_of(exc: asyncpg.PostgresError, parsed: ParsedFile) -> int | None:
    """Postgres names the failing COPY record ("COPY apt_trades, line 7"); map it back to the file."""
    match = _COPY_LINE.search(str(getattr(exc, "context", "") or ""))
    if match is None or "source_line" not in parsed.columns:
        return None
    index = int(match.group(1)) - 1
    if not 0 <= index < len(parsed.records):
        return None
    line = parsed.records[index][parsed.columns.index("source_line")]
    return int(line)


def _head(number: int, total: int, path: str) -> str:
    return f"[{number:>{len(str(total))}}/{total}] {path}"


def _print_started(number: int, total: int, path: str) -> None:
    """The file being loaded, so a big one (the Seoul CSV takes seconds) is not a silent pause."""
    print(f"{_head(number, total, path)} …", end="", file=sys.stderr, flush=True)


def _print_progress(number: int, total: int, result: FileResult) -> None:
    head = f"\r\x1b[2K{_head(number, total, result.path)}"  # over the "started" line
    if result.status == "unchanged":
        line = f"{head}: unchanged, skipped"
    elif result.status == "failed":
        line = f"{head}: FAILED, nothing stored"
    else:
        line = f"{head} → {result.table}: {result.rows:,} rows {result.status} in {result.seconds:.1f}s"
    print(line, file=sys.stderr, flush=True)
