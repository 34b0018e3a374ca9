"""Alembic environment. `budongsan migrate` hands in a live connection; the plain `alembic` CLI
builds its own async engine from the settings (BUDONGSAN_DATABASE_URL / DATABASE_URL)."""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy.engine import Connection

from backend import models_ratelimit  # noqa: F401 - registers rate_limit_windows on Base.metadata
from backend.models import Base

target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata, compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


async def _run_with_own_engine() -> None:
    from backend.db import DatabaseUrl, create_engine
    from backend.settings import get_settings

    settings = get_settings()
    if settings.database_url is None:
        raise SystemExit("set DATABASE_URL (or use `budongsan migrate`, which also handles the embedded DB)")
    engine = create_engine(DatabaseUrl.parse(settings.database_url.get_secret_value()), settings)
    async with engine.connect() as conn:
        await conn.run_sync(_run)
        await conn.commit()
    await engine.dispose()


connection = context.config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    asyncio.run(_run_with_own_engine())
