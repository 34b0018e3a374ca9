"""`budongsan db`: where the data lives, whether the schema is current, and how much is in it.

Tables are listed from the live schema (so a table added by any migration shows up without code
changes here) plus the ones our models expect, which are flagged when missing.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select, table, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from agents.domain.places_kr import places
from agents.tools.coverage import Coverage, load_coverage, month
from backend.data_import.slices import SourceSummary, source_summaries
from backend.db import DatabaseUrl
from backend.migrate import current_revision, head_revision
from backend.models import Base

LANGGRAPH_TABLES = ("checkpoints", "checkpoint_blobs", "checkpoint_writes", "checkpoint_migrations")
_NOT_DATA = {"alembic_version"}
_TABLES_SQL = text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")


@dataclass(frozen=True, slots=True)
class TableCount:
    name: str
    rows: int | None  # None: the table does not exist


@dataclass(frozen=True, slots=True)
class DbStatus:
    url: str  # already redacted
    server_version: str
    revision: str | None
    head: str | None
    ours: tuple[TableCount, ...]
    langgraph: tuple[TableCount, ...]
    coverage: Coverage | None = None  # None when the data tables are not there yet
    sources: tuple[SourceSummary, ...] = ()  # data_slices by source and kind (load-data, sync-molit)

    @property
    def up_to_date(self) -> bool:
        return self.revision == self.head and all(t.rows is not None for t in self.ours + self.langgraph)

    def render(self) -> str:
        lines = [
            f"database   {self.url}",
            f"server     PostgreSQL {self.server_version}",
            f"migration  {self._migration_line()}",
            "tables (ours)",
            *_table_lines(self.ours),
            "tables (LangGraph checkpointer)",
            *_table_lines(self.langgraph),
            *_coverage_lines(self.coverage),
            *_source_lines(self.sources),
        ]
        return "\n".join(lines)

    def _migration_line(self) -> str:
        current = self.revision or "none"
        if self.up_to_date:
            return f"{current} (head {self.head}, up to date)"
        return f"{current} (head {self.head}): run `budongsan migrate`"


def _coverage_lines(coverage: Coverage | None) -> list[str]:
    """What answers can cover: region × deal type with first and last month (agents/tools/coverage.py)."""
    if coverage is None:
        return []
    if coverage.empty:
        return ["data       none loaded: run `budongsan load-data <folder>`"]
    lines = ["data (apartments)"]
    width = max(len(s.place) for s in coverage.spans)
    lines += [
        f"  {s.place:<{width}}  {s.deal_type}  {month(s.first)} – {month(s.last)}  {s.rows:>9,}건"
        for s in coverage.spans
    ]
    lines.append(
        f"statutes   {len(coverage.laws)} laws" + (f": {', '.join(coverage.laws)}" if coverage.laws else "")
    )
    return lines


def _source_lines(sources: tuple[SourceSummary, ...]) -> list[str]:
    """Per source (snapshot files, MOLIT OpenAPI) and kind: regions, first/last month, last load or sync."""
    if not sources:
        return []
    lines = ["sources (data_slices)"]
    for s in sources:
        regions = (
            ", ".join(_full_name(c) for c in s.codes) if len(s.codes) <= 3 else f"{len(s.codes)} regions"
        )
        kind = "매매" if s.kind == "trade" else "전월세"
        when = (
            f"last sync {s.synced_at:%Y-%m-%d %H:%M}"
            if s.synced_at
            else f"loaded {s.loaded_at:%Y-%m-%d %H:%M}"
        )
        lines.append(
            f"  {s.source:<9}  {kind:<3}  {regions}  {month(s.first)} – {month(s.last)}  {s.rows:>9,}건  {when}"
        )
    return lines


def _full_name(code: str) -> str:
    """'부산광역시 중구', not '중구': sources may hold any region of Korea."""
    found = places().by_code(code)
    return found.full_name if found is not None else code


def _table_lines(tables: tuple[TableCount, ...]) -> list[str]:
    width = max((len(t.name) for t in tables), default=0)
    return [f"  {t.name:<{width}}  {'missing' if t.rows is None else f'{t.rows:>10,}'}" for t in tables]


async def _count(conn: AsyncConnection, name: str, present: set[str]) -> TableCount:
    if name not in present:
        return TableCount(name, None)
    rows = (await conn.execute(select(func.count()).select_from(table(name)))).scalar_one()
    return TableCount(name, rows)


async def read_status(engine: AsyncEngine, url: DatabaseUrl) -> DbStatus:
    """One read-only pass; works on an empty or half-migrated database too."""
    revision = await current_revision(engine)
    async with engine.connect() as conn:
        version = (await conn.execute(text("SHOW server_version"))).scalar_one()
        present = set((await conn.execute(_TABLES_SQL)).scalars())
        ours_names = sorted((present | set(Base.metadata.tables)) - set(LANGGRAPH_TABLES) - _NOT_DATA)
        ours = tuple([await _count(conn, name, present) for name in ours_names])
        langgraph = tuple([await _count(conn, name, present) for name in LANGGRAPH_TABLES])
    data_tables = {"apt_trades", "apt_rents", "law_articles"}
    coverage = await load_coverage(engine) if data_tables <= present else None
    sources = tuple(await source_summaries(engine)) if "data_slices" in present else ()
    return DbStatus(url.redacted, str(version), revision, head_revision(), ours, langgraph, coverage, sources)
