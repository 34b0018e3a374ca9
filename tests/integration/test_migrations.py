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
