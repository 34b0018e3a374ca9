"""A named benchmark database with the data loaded, made once and reused, dropped on request."""

from __future__ import annotations

import os
from pathlib import Path

import asyncpg

from backend.data_import import load_all
from backend.db import DatabaseUrl, create_engine
from backend.migrate import migrate
from backend.settings import Settings

REPO_ROOT = Path(__file__).resolve().parent.parent


async def prepare_database(server: DatabaseUrl, name: str) -> DatabaseUrl:
    """Creates `name` on `server` when missing, migrates it and loads the data folder (idempotent:
    unchanged files are skipped, so a second run starts at once)."""
    admin = await asyncpg.connect(server.libpq)
    try:
        if not await admin.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name):
            await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    url = server.with_database(name)
    engine = create_engine(url, Settings())
    try:
        await migrate(engine, url)
        data_dir = Path(os.environ.get("BUDONGSAN_DATA_DIR", REPO_ROOT.parent / "shared" / "data"))
        await load_all(engine, data_dir, progress=False)
    finally:
        await engine.dispose()
    return url


async def drop_database(server: DatabaseUrl, name: str) -> None:
    admin = await asyncpg.connect(server.libpq)
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()
