"""Migration 0010 on a chat written by 0009: the answers' turn boundaries get an index of their own, so a
lookup by checkpoint id reads the one answer instead of every answer of the chat; nothing else changes,
and downgrade drops the index."""

from __future__ import annotations

import json
import uuid

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from backend.migrate import run_alembic
from tests.conftest import create_database, drop_database

PREVIOUS = "0009_message_tree"
DB_NAME = "budongsan_test_0010"
TURNS = 300
INDEX = "ix_chat_messages_session_checkpoint"
FORK_PARENT = (
    "SELECT id FROM chat_messages WHERE session_id = :s AND role = 'assistant' "
    "AND checkpoint_id = :c ORDER BY id DESC LIMIT 1"
)


async def _seed(engine: AsyncEngine) -> tuple[uuid.UUID, str]:
    """One long chat as 0009 stores it (each answer on its checkpoint); returns it and an older boundary."""
    async with engine.begin() as conn:
        user = (
            await conn.execute(
                text("INSERT INTO users (email) VALUES (:e) RETURNING id"), {"e": f"{uuid.uuid4().hex}@x.kr"}
            )
        ).scalar_one()
        session = (
            await conn.execute(
                text("INSERT INTO chat_sessions (user_id) VALUES (:u) RETURNING session_id"), {"u": user}
            )
        ).scalar_one()
        await conn.execute(
            text(
                "INSERT INTO chat_messages (session_id, turn_id, role, content, checkpoint_id) "
                "SELECT :s, gen_random_uuid(), r.role, r.role || t, "
                "CASE WHEN r.role = 'assistant' THEN 'ckpt-' || lpad(t::text, 5, '0') END "
                "FROM generate_series(1, :turns) AS t CROSS JOIN (VALUES (1, 'user'), (2, 'assistant')) AS r(n, role) "
                "ORDER BY t, r.n"
            ),
            {"s": session, "turns": TURNS},
        )
        await conn.execute(text("ANALYZE chat_messages"))
    return session, f"ckpt-{TURNS - 3:05d}"


async def _rows(engine: AsyncEngine, sql: str, **params) -> list[tuple]:
    async with engine.connect() as conn:
        return [tuple(r) for r in await conn.execute(text(sql), params)]


async def _plan(engine: AsyncEngine, sql: str, **params) -> str:
    async with engine.connect() as conn:
        rows = await conn.execute(text(f"EXPLAIN (FORMAT JSON) {sql}"), params)
        return json.dumps(rows.scalar_one())


async def test_0010_indexes_turn_boundaries_and_downgrades(server_url, test_settings):
    from backend.db import create_engine

    url = await create_database(server_url, DB_NAME)
    engine = create_engine(url, test_settings)
    try:
        await run_alembic(engine, "upgrade", PREVIOUS)
        session, boundary = await _seed(engine)
        before = await _rows(engine, "SELECT * FROM chat_messages ORDER BY id")
        found = await _rows(engine, FORK_PARENT, s=session, c=boundary)
        assert INDEX not in await _plan(engine, FORK_PARENT, s=session, c=boundary)

        await run_alembic(engine, "upgrade", "0010_checkpoint_lookup")
        assert await _rows(engine, "SELECT * FROM chat_messages ORDER BY id") == before
        assert await _rows(engine, FORK_PARENT, s=session, c=boundary) == found and len(found) == 1
        assert INDEX in await _plan(engine, FORK_PARENT, s=session, c=boundary)

        await run_alembic(engine, "downgrade", PREVIOUS)
        assert await _rows(engine, "SELECT indexname FROM pg_indexes WHERE indexname = :i", i=INDEX) == []
        assert await _rows(engine, "SELECT * FROM chat_messages ORDER BY id") == before
    finally:
        await engine.dispose()
        await drop_database(server_url, DB_NAME)
