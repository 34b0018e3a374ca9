"""Migration 0009 (the transcript as a tree) on chats written by the previous version: every chat becomes
one linear branch ending at its newest message, nothing is lost, writers that know nothing of branches
keep chaining, and downgrade gives the rows back."""

from __future__ import annotations

import uuid

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from backend.migrate import run_alembic
from tests.conftest import create_database, drop_database

PREVIOUS = "0008_run_events"
DB_NAME = "budongsan_test_0009"


async def _seed(engine: AsyncEngine) -> dict[str, list[int]]:
    """Two chats of interleaved messages and an empty one, as the 0008 code stored them."""
    chats: dict[str, list[int]] = {}
    async with engine.begin() as conn:
        user = (
            await conn.execute(
                text("INSERT INTO users (email) VALUES (:e) RETURNING id"), {"e": f"{uuid.uuid4().hex}@x.kr"}
            )
        ).scalar_one()
        for name in ("a", "b", "empty"):
            session = (
                await conn.execute(
                    text("INSERT INTO chat_sessions (user_id) VALUES (:u) RETURNING session_id"), {"u": user}
                )
            ).scalar_one()
            chats[name] = [session]  # type: ignore[list-item]
        for turn in range(3):
            for name in ("a", "b"):
                turn_id = uuid.uuid4()
                for role in ("user", "assistant"):
                    message_id = (
                        await conn.execute(
                            text(
                                "INSERT INTO chat_messages (session_id, turn_id, role, content) "
                                "VALUES (:s, :t, :r, :c) RETURNING id"
                            ),
                            {"s": chats[name][0], "t": turn_id, "r": role, "c": f"{name}{turn}-{role}"},
                        )
                    ).scalar_one()
                    chats[name].append(message_id)
    return chats


async def _rows(engine: AsyncEngine, sql: str, **params) -> list[tuple]:
    async with engine.connect() as conn:
        return [tuple(r) for r in await conn.execute(text(sql), params)]


async def test_0009_makes_each_chat_one_branch_keeps_every_message_and_downgrades(server_url, test_settings):
    from backend.db import create_engine

    url = await create_database(server_url, DB_NAME)
    engine = create_engine(url, test_settings)
    try:
        await run_alembic(engine, "upgrade", PREVIOUS)
        chats = await _seed(engine)
        before = await _rows(
            engine, "SELECT id, session_id, turn_id, role, content FROM chat_messages ORDER BY id"
        )
        counts = await _rows(
            engine, "SELECT session_id, message_count, last_message FROM chat_sessions ORDER BY 1"
        )

        await run_alembic(engine, "upgrade", "0009_message_tree")
        assert (
            await _rows(
                engine, "SELECT id, session_id, turn_id, role, content FROM chat_messages ORDER BY id"
            )
            == before
        )
        for name in ("a", "b"):
            session, *ids = chats[name]
            parents = await _rows(
                engine, "SELECT id, parent_id FROM chat_messages WHERE session_id = :s ORDER BY id", s=session
            )
            assert parents == list(zip(ids, [None, *ids[:-1]], strict=True))  # one chain, in stored order
            leaf = await _rows(
                engine, "SELECT active_leaf_id FROM chat_sessions WHERE session_id = :s", s=session
            )
            assert leaf == [(ids[-1],)]
        assert await _rows(
            engine, "SELECT active_leaf_id FROM chat_sessions WHERE session_id = :s", s=chats["empty"][0]
        ) == [(None,)]
        assert (
            await _rows(
                engine, "SELECT session_id, message_count, last_message FROM chat_sessions ORDER BY 1"
            )
            == counts
        )

        # A writer that knows nothing of branches (legacy import, a plain INSERT) continues the chat.
        session, *ids = chats["a"]
        async with engine.begin() as conn:
            added = (
                await conn.execute(
                    text(
                        "INSERT INTO chat_messages (session_id, turn_id, role, content) "
                        "VALUES (:s, gen_random_uuid(), 'user', 'a3-user') RETURNING id, parent_id"
                    ),
                    {"s": session},
                )
            ).one()
        assert added.parent_id == ids[-1]
        assert await _rows(
            engine, "SELECT active_leaf_id FROM chat_sessions WHERE session_id = :s", s=session
        ) == [(added.id,)]

        await run_alembic(engine, "downgrade", PREVIOUS)
        columns = await _rows(
            engine,
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' "
            "AND column_name IN ('parent_id', 'checkpoint_id', 'active_leaf_id') "
            "AND table_name IN ('chat_messages', 'chat_sessions')",
        )
        assert columns == []
        after = await _rows(
            engine, "SELECT id, session_id, turn_id, role, content FROM chat_messages ORDER BY id"
        )
        assert after[: len(before)] == before and len(after) == len(before) + 1
        async with engine.begin() as conn:  # the 0008 trigger works again
            await conn.execute(
                text(
                    "INSERT INTO chat_messages (session_id, turn_id, role, content) "
                    "VALUES (:s, gen_random_uuid(), 'user', 'after downgrade')"
                ),
                {"s": session},
            )
        count = await _rows(
            engine, "SELECT message_count FROM chat_sessions WHERE session_id = :s", s=session
        )
        assert count == [(8,)]
        await run_alembic(engine, "upgrade", "head")
    finally:
        await engine.dispose()
        await drop_database(server_url, DB_NAME)
