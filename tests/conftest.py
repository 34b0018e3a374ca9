"""Shared fixtures: a fresh, migrated Postgres database per test session.

`TEST_DATABASE_URL` points at a server where we may create databases (CI uses the local
Postgres on 127.0.0.1:5432); without it the embedded Postgres (pgserver) is started.
"""

from __future__ import annotations

import os
import secrets
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncpg
import pytest

from backend.db import DatabaseUrl, EmbeddedPostgres, create_engine
from backend.migrate import migrate
from backend.settings import Settings

REPO = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    configured = os.environ.get("BUDONGSAN_DATA_DIR")
    folder = Path(configured) if configured else REPO.parent / "shared" / "data"
    if not folder.is_dir():
        raise RuntimeError(f"test data folder not found: {folder} (set BUDONGSAN_DATA_DIR)")
    return folder


@pytest.fixture(scope="session")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DatabaseUrl]:
    raw = os.environ.get("TEST_DATABASE_URL")
    if raw:
        yield DatabaseUrl.parse(raw)
        return
    embedded = EmbeddedPostgres(tmp_path_factory.mktemp("pg"))
    try:
        yield embedded.url
    finally:
        embedded.stop()


async def create_database(server: DatabaseUrl, name: str) -> DatabaseUrl:
    conn = await asyncpg.connect(server.libpq)
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    return server.with_database(name)


async def drop_database(server: DatabaseUrl, name: str) -> None:
    conn = await asyncpg.connect(server.libpq)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


@pytest.fixture(scope="session")
def test_settings() -> Settings:
    return Settings(database_url=None, jwt_secret=secrets.token_urlsafe(48), rate_limit_per_minute=0)


@pytest.fixture(scope="session")
async def db_url(server_url: DatabaseUrl, test_settings: Settings) -> AsyncIterator[DatabaseUrl]:
    """A fresh database for this test session, migrated to head (ours + LangGraph's)."""
    name = f"budongsan_test_{uuid.uuid4().hex[:10]}"
    url = await create_database(server_url, name)
    engine = create_engine(url, test_settings)
    try:
        await migrate(engine, url)
    finally:
        await engine.dispose()
    try:
        yield url
    finally:
        await drop_database(server_url, name)


@pytest.fixture(scope="session")
async def engine(db_url: DatabaseUrl, test_settings: Settings):
    engine = create_engine(db_url, test_settings)
    yield engine
    await engine.dispose()


@pytest.fixture(scope="session")
async def loaded_engine(engine):
    """The session database with the real ../shared/data loaded (once per test session)."""
    from backend.data_import import load_all

    await load_all(engine, data_dir(), progress=False)
    return engine
