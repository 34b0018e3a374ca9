"""Database URLs, the async engine and the embedded Postgres that stands in when no URL is set."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.engine import URL, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from backend.pool_health import ping_idle_connections
from backend.settings import Settings

log = logging.getLogger(__name__)

_DRIVERLESS = "postgresql"


class DatabaseConfigError(RuntimeError):
    """A database URL that cannot be used; the message never contains the password."""


@dataclass(frozen=True)
class DatabaseUrl:
    """One Postgres location, rendered for each client library that needs it."""

    url: URL

    @classmethod
    def parse(cls, raw: str) -> DatabaseUrl:
        try:
            url = make_url(raw.strip())
        except Exception as exc:  # sqlalchemy raises ArgumentError with the raw text; hide it
            raise DatabaseConfigError("DATABASE_URL is not a valid URL (expected postgresql://...)") from exc
        if url.get_backend_name() not in ("postgresql", "postgres"):
            raise DatabaseConfigError(
                f"DATABASE_URL must point at PostgreSQL, got backend '{url.get_backend_name()}'"
            )
        return cls(url.set(drivername=_DRIVERLESS))

    @property
    def sqlalchemy(self) -> str:
        """For SQLAlchemy's async engine (asyncpg driver, which calls libpq's `sslmode` `ssl`)."""
        url = self.url.set(drivername="postgresql+asyncpg")
        if "sslmode" in url.query:
            url = url.difference_update_query(["sslmode"]).update_query_dict({"ssl": url.query["sslmode"]})
        return url.render_as_string(hide_password=False)

    @property
    def libpq(self) -> str:
        """For psycopg / libpq (the LangGraph checkpointer)."""
        return self.url.render_as_string(hide_password=False)

    @property
    def redacted(self) -> str:
        """Safe to print or log."""
        return self.url.render_as_string(hide_password=True)

    @property
    def where(self) -> str:
        """Host and database name, for one-line error messages."""
        host = self.url.host or self.url.query.get("host") or "localhost"
        port = f":{self.url.port}" if self.url.port else ""
        return f"{host}{port}/{self.url.database or ''}"

    def with_database(self, name: str) -> DatabaseUrl:
        return DatabaseUrl(self.url.set(database=name))


class EmbeddedPostgres:
    """A real Postgres (the `pgserver` wheel) under a data directory of ours.

    pgserver does not stop its server when the parent gets SIGTERM, so the owner calls `stop()`.
    """

    def __init__(self, pgdata: Path) -> None:
        from backend.home import import_pgserver

        pgserver = import_pgserver()  # heavy import; only when the embedded server is used
        pgdata.mkdir(parents=True, exist_ok=True)
        self._server = pgserver.get_server(pgdata.resolve(), cleanup_mode="stop")
        self.url = DatabaseUrl.parse(self._server.get_uri())

    def stop(self) -> None:
        self._server.cleanup()


@contextlib.contextmanager
def database_url(settings: Settings) -> Iterator[DatabaseUrl]:
    """The configured database, or an embedded one that lives as long as the context."""
    if settings.database_url is not None:
        yield DatabaseUrl.parse(settings.database_url.get_secret_value())
        return
    embedded = EmbeddedPostgres(settings.pg_home)
    log.info("started embedded Postgres at %s", embedded.url.redacted)
    try:
        yield embedded.url
    finally:
        embedded.stop()


def replica_urls(settings: Settings) -> list[DatabaseUrl]:
    """`database_replica_urls` parsed, in order (empty: no replicas)."""
    if settings.database_replica_urls is None:
        return []
    raw = settings.database_replica_urls.get_secret_value()
    return [DatabaseUrl.parse(part) for part in raw.split(",") if part.strip()]


def _unnamed_statement() -> str:
    """asyncpg's name for the statements SQLAlchemy prepares: "" is the unnamed statement, which asyncpg
    re-parses in the same message as the execution when its cache is off (a pooler may hand that
    execution to another server connection, where a named statement would not exist or collide)."""
    return ""


def pooler_connect_args(settings: Settings) -> dict[str, Any]:
    """asyncpg arguments for a connection that goes through `database_pooler`: behind PgBouncer in
    transaction mode (1.18 has no prepared statement support) nothing may be prepared under a name.
    Costs one round trip per statement (Parse/Describe, then Parse/Bind/Execute)."""
    if settings.database_pooler != "transaction":
        return {}
    return {
        "statement_cache_size": 0,  # asyncpg's own cache
        "prepared_statement_cache_size": 0,  # SQLAlchemy's
        "prepared_statement_name_func": _unnamed_statement,
    }


def create_engine(
    url: DatabaseUrl, settings: Settings, *, application_name: str = "budongsan"
) -> AsyncEngine:
    """The pooled role's engine (also a replica's): through `database_pooler` when one is configured."""
    engine = create_async_engine(
        url.sqlalchemy,
        pool_size=settings.db_pool_size,
        max_overflow=0,
        pool_timeout=settings.db_pool_timeout_s,
        connect_args={
            "timeout": settings.db_connect_timeout_s,
            "server_settings": {"application_name": application_name},
            **pooler_connect_args(settings),
        },
    )
    ping_idle_connections(engine, settings.db_ping_idle_s)
    return engine


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


@contextlib.asynccontextmanager
async def engine_scope(url: DatabaseUrl, settings: Settings) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(url, settings)
    try:
        yield engine
    finally:
        await engine.dispose()
