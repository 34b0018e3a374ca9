"""Cheap health checks: a connection handed back a moment ago is reused without a ping, and one the server
dropped is replaced on checkout, for both pools: after a long idle (pinged) and a moment after it was
handed back (its socket shows the close)."""

from __future__ import annotations

import asyncio

from sqlalchemy import text

from backend.checkpointer import checkpointer_pool
from backend.db import create_engine
from backend.pool_health import socket_has_news

IDLE_S = 0.2
LONG_IDLE_S = 60.0  # longer than any test: only the socket can tell


async def _pool_pid(pool) -> int:
    """The backend pid of the connection the psycopg pool hands out next."""
    async with pool.connection() as conn:
        return (await (await conn.execute("SELECT pg_backend_pid() AS pid")).fetchone())["pid"]


async def _engine_pid(engine) -> int:
    async with engine.connect() as conn:
        return (await conn.execute(text("SELECT pg_backend_pid()"))).scalar_one()


async def _terminate(engine, pid: int) -> None:
    async with engine.connect() as conn:
        await conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})


async def test_psycopg_pool_replaces_a_connection_killed_while_idle(db_url, test_settings, engine):
    settings = test_settings.model_copy(update={"db_ping_idle_s": IDLE_S, "checkpoint_pool_size": 1})
    pool = checkpointer_pool(db_url.libpq, settings)
    await pool.open()
    try:
        first_pid = await _pool_pid(pool)
        assert await _pool_pid(pool) == first_pid  # back a moment ago: no ping, the same connection
        await _terminate(engine, first_pid)
        await asyncio.sleep(IDLE_S * 2)
        assert await _pool_pid(pool) != first_pid
    finally:
        await pool.close()


async def test_sqlalchemy_engine_replaces_a_connection_killed_while_idle(db_url, test_settings, engine):
    settings = test_settings.model_copy(update={"db_ping_idle_s": IDLE_S, "db_pool_size": 1})
    own = create_engine(db_url, settings)
    try:
        first_pid = await _engine_pid(own)
        assert await _engine_pid(own) == first_pid
        await _terminate(engine, first_pid)
        await asyncio.sleep(IDLE_S * 2)
        assert await _engine_pid(own) != first_pid
    finally:
        await own.dispose()


async def _socket_shows_close(check) -> None:
    """A terminated backend's FATAL + FIN reach the client within a moment; poll until it has."""
    for _ in range(50):
        if await check():
            return
        await asyncio.sleep(0.02)


async def test_psycopg_pool_replaces_a_connection_killed_a_moment_ago(db_url, test_settings, engine):
    settings = test_settings.model_copy(update={"db_ping_idle_s": LONG_IDLE_S, "checkpoint_pool_size": 1})
    pool = checkpointer_pool(db_url.libpq, settings)
    await pool.open()
    try:
        async with pool.connection() as conn:
            first_pid = (await (await conn.execute("SELECT pg_backend_pid() AS pid")).fetchone())["pid"]
            fd = conn.pgconn.socket
        assert not socket_has_news(fd)
        await _terminate(engine, first_pid)

        async def closed() -> bool:
            return socket_has_news(fd)

        await _socket_shows_close(closed)
        assert await _pool_pid(pool) != first_pid
    finally:
        await pool.close()


async def test_sqlalchemy_engine_replaces_a_connection_killed_a_moment_ago(db_url, test_settings, engine):
    settings = test_settings.model_copy(update={"db_ping_idle_s": LONG_IDLE_S, "db_pool_size": 1})
    own = create_engine(db_url, settings)
    try:
        async with own.connect() as conn:
            first_pid = (await conn.execute(text("SELECT pg_backend_pid()"))).scalar_one()
            driver = (await conn.get_raw_connection()).driver_connection
        await _terminate(engine, first_pid)

        async def closed() -> bool:
            return driver.is_closed()

        await _socket_shows_close(closed)
        assert await _engine_pid(own) != first_pid
    finally:
        await own.dispose()
