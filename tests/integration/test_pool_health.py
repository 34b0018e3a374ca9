"""Idle-only health checks: a connection the server dropped while it sat idle is replaced on checkout,
for both pools, and a connection handed back a moment ago is reused without a ping."""

from __future__ import annotations

import asyncio

from sqlalchemy import text

from backend.checkpointer import checkpointer_pool
from backend.db import create_engine

IDLE_S = 0.2


async def _terminate(engine, pid: int) -> None:
    async with engine.connect() as conn:
        await conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})


async def test_psycopg_pool_replaces_a_connection_killed_while_idle(db_url, test_settings, engine):
    settings = test_settings.model_copy(update={"db_ping_idle_s": IDLE_S, "checkpoint_pool_size": 1})
    pool = checkpointer_pool(db_url.libpq, settings)
    await pool.open()
    try:
        async with pool.connection() as conn:
            first_pid = (await (await conn.execute("SELECT pg_backend_pid() AS pid")).fetchone())["pid"]
        async with pool.connection() as conn:  # back a moment ago: no ping, the same connection
            assert (await (await conn.execute("SELECT pg_backend_pid() AS pid")).fetchone())[
                "pid"
            ] == first_pid
        await _terminate(engine, first_pid)
        await asyncio.sleep(IDLE_S * 2)
        async with pool.connection() as conn:
            pid = (await (await conn.execute("SELECT pg_backend_pid() AS pid")).fetchone())["pid"]
        assert pid != first_pid
    finally:
        await pool.close()


async def test_sqlalchemy_engine_replaces_a_connection_killed_while_idle(db_url, test_settings, engine):
    settings = test_settings.model_copy(update={"db_ping_idle_s": IDLE_S, "db_pool_size": 1})
    own = create_engine(db_url, settings)
    try:
        async with own.connect() as conn:
            first_pid = (await conn.execute(text("SELECT pg_backend_pid()"))).scalar_one()
        async with own.connect() as conn:
            assert (await conn.execute(text("SELECT pg_backend_pid()"))).scalar_one() == first_pid
        await _terminate(engine, first_pid)
        await asyncio.sleep(IDLE_S * 2)
        async with own.connect() as conn:
            pid = (await conn.execute(text("SELECT pg_backend_pid()"))).scalar_one()
        assert pid != first_pid
    finally:
        await own.dispose()
