from sqlalchemy import text

from backend.migrate import current_revision, head_revision, migrate, run_alembic
from tests.conftest import create_database, drop_database

OUR_TABLES = {
    "users",
    "sessions",
    "chat_sessions",
    "chat_messages",
    "conversation_memories",
    "user_preferences",
    "entity_memories",
    "memory_jobs",
    "apt_trades",
    "apt_rents",
    "law_articles",
    "data_files",
}
LANGGRAPH_TABLES = {"checkpoints", "checkpoint_blobs", "checkpoint_writes", "checkpoint_migrations"}


async def _tables(engine) -> set[str]:
    async with engine.connect() as conn:
        rows = await conn.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"))
        return {r[0] for r in rows}


async def test_migrate_creates_every_table_at_head(engine):
    assert await _tables(engine) >= OUR_TABLES | LANGGRAPH_TABLES
    assert await current_revision(engine) == head_revision()


async def test_migrate_twice_changes_nothing(engine, db_url):
    before = await _schema_fingerprint(engine)
    await migrate(engine, db_url)
    assert await _schema_fingerprint(engine) == before


async def test_downgrade_base_then_upgrade_again(server_url, test_settings):
    from backend.db import create_engine

    url = await create_database(server_url, "budongsan_test_updown")
    engine = create_engine(url, test_settings)
    try:
        await migrate(engine, url)
        await run_alembic(engine, "downgrade", "base")
        assert not (await _tables(engine)) & OUR_TABLES
        await run_alembic(engine, "upgrade", "head")
        assert await _tables(engine) >= OUR_TABLES
    finally:
        await engine.dispose()
        await drop_database(server_url, "budongsan_test_updown")


async def _schema_fingerprint(engine) -> list[tuple]:
    async with engine.connect() as conn:
        rows = await conn.execute(
            text(
                "SELECT table_name, column_name, data_type FROM information_schema.columns "
                "WHERE table_schema = 'public' ORDER BY 1, 2"
            )
        )
        idx = await conn.execute(
            text("SELECT indexname FROM pg_indexes WHERE schemaname='public' ORDER BY 1")
        )
        return [tuple(r) for r in rows] + [tuple(r) for r in idx]


async def test_0005_reports_look_alike_emails_and_keeps_every_account(server_url, test_settings, caplog):
    """Accounts stored before emails were normalized: collisions are logged by user id, never merged,
    rewritten or dropped; downgrade removes only the throttling table."""
    from backend.db import create_engine

    url = await create_database(server_url, "budongsan_test_0005")
    engine = create_engine(url, test_settings)
    users = [
        ("minji@example.com", "hash-1"),
        ("ｍｉｎｊｉ@example.com", "hash-2"),  # full-width: collides with the first
        ("min\u200bji@example.com", "hash-3"),  # zero-width space: collides too
        ("\u0430dmin@example.com", "hash-4"),  # Cyrillic: its own address, but not one that registers today
        ("solo@example.com", "hash-5"),
    ]
    try:
        await run_alembic(engine, "upgrade", "0004_preference_identity")
        async with engine.begin() as conn:
            ids = [
                (
                    await conn.execute(
                        text("INSERT INTO users (email, password_hash) VALUES (:e, :h) RETURNING id"),
                        {"e": e, "h": h},
                    )
                ).scalar_one()
                for e, h in users
            ]
            await conn.execute(
                text("INSERT INTO sessions (session_id, user_id, expires_at) VALUES ('s1', :u, now())"),
                {"u": ids[0]},
            )
        before = await _users(engine)

        with caplog.at_level("WARNING", logger="budongsan.migrations"):
            await run_alembic(engine, "upgrade", "0005_account_sessions")
        assert await _users(engine) == before
        collision = [r.getMessage() for r in caplog.records if "email collision" in r.getMessage()]
        assert len(collision) == 1 and all(str(i) in collision[0] for i in ids[:3])
        assert not any(str(ids[4]) in r.getMessage() for r in caplog.records)  # a normal account: silent
        assert any(
            str(ids[3]) in r.getMessage() and "would not register" in r.getMessage() for r in caplog.records
        )
        assert "minji@" not in caplog.text  # ids only, no addresses in the log
        assert "rate_limit_keys" in await _tables(engine)

        await run_alembic(engine, "downgrade", "0004_preference_identity")
        assert "rate_limit_keys" not in await _tables(engine)
        assert await _users(engine) == before
        async with engine.connect() as conn:
            assert (await conn.execute(text("SELECT count(*) FROM sessions"))).scalar() == 1
    finally:
        await engine.dispose()
        await drop_database(server_url, "budongsan_test_0005")


async def _users(engine) -> list[tuple]:
    async with engine.connect() as conn:
        return [
            tuple(r)
            for r in await conn.execute(text("SELECT id, email, password_hash FROM users ORDER BY id"))
        ]
