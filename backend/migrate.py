"""`budongsan migrate`: our Alembic head plus LangGraph's checkpoint and store tables, all idempotent."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import psycopg
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver
from langgraph.store.postgres.aio import AsyncPostgresStore
from psycopg.rows import DictRow, dict_row
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from backend.db import DatabaseUrl


def alembic_config() -> Config:
    here = Path(str(files("migrations")))
    cfg = Config(str(here / "alembic.ini"))
    cfg.set_main_option("script_location", str(here))
    return cfg


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


async def current_revision(engine: AsyncEngine) -> str | None:
    def _read(conn: Connection) -> str | None:
        return MigrationContext.configure(conn).get_current_revision()

    async with engine.connect() as conn:
        return await conn.run_sync(_read)


async def run_alembic(engine: AsyncEngine, action: str, target: str) -> None:
    """`action` is "upgrade" or "downgrade", run on a connection of ours (no nested event loop)."""
    cfg = alembic_config()

    def _run(conn: Connection) -> None:
        cfg.attributes["connection"] = conn
        getattr(command, action)(cfg, target)

    async with engine.begin() as conn:
        await conn.run_sync(_run)


async def _unprepared(url: DatabaseUrl) -> psycopg.AsyncConnection[DictRow]:
    """A connection that prepares nothing: the library's `from_conn_string` prepares every statement,
    which a transaction-mode PgBouncer rejects when a second process runs the setup."""
    return await psycopg.AsyncConnection.connect(
        url.libpq, autocommit=True, prepare_threshold=None, row_factory=dict_row
    )


async def setup_checkpointer(url: DatabaseUrl) -> None:
    async with await _unprepared(url) as conn:
        await AsyncPostgresSaver(conn).setup()


async def setup_store(url: DatabaseUrl) -> None:
    """LangGraph's store tables (`store`, `store_migrations`), behind the LangGraph API's /store routes."""
    async with await _unprepared(url) as conn:
        await AsyncPostgresStore(conn).setup()


async def migrate(engine: AsyncEngine, url: DatabaseUrl) -> None:
    await run_alembic(engine, "upgrade", "head")
    await setup_checkpointer(url)
    await setup_store(url)
