"""Hot statements on the asyncpg connection under SQLAlchemy: the few every turn sends (issue 20).

Through SQLAlchemy a statement costs ~0.1-0.2 ms of CPU besides the driver's (the execution context, and
for a `text()` its result metadata built again on every execution); a turn sends five (login check, lock,
start, answer, unlock). A `DriverStatement` is the same `text()` compiled once for asyncpg and run with the
driver's own `fetchrow`: same SQL, same typed bind casts and bind processors (e.g. JSONB's encoding), and
the same values back — asyncpg's, which is what SQLAlchemy returns for an untyped `text()` column. The
connection still comes from, and goes back to, SQLAlchemy's pool (its health checks, its limits).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import asyncpg
from sqlalchemy import TextClause
from sqlalchemy.dialects.postgresql.asyncpg import dialect as asyncpg_dialect
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

_DIALECT = asyncpg_dialect()


class DriverStatement:
    """A `text()` statement compiled once for asyncpg (`$n` parameters in `names` order)."""

    __slots__ = ("names", "processors", "sql")

    def __init__(self, statement: TextClause) -> None:
        compiled = statement.compile(dialect=_DIALECT)
        self.sql = str(compiled)
        self.names = tuple(compiled.positiontup or ())
        self.processors = {name: p for name, p in compiled._bind_processors.items() if p is not None}

    def args(self, params: Mapping[str, Any]) -> list[Any]:
        return [p(params[name]) if (p := self.processors.get(name)) else params[name] for name in self.names]

    async def fetchrow(self, driver: asyncpg.Connection, params: Mapping[str, Any]) -> asyncpg.Record | None:
        """The first row, or None. A constraint violation is raised as SQLAlchemy's IntegrityError (its
        `orig` carries the sqlstate), as `AsyncConnection.execute` raises it."""
        try:
            return await driver.fetchrow(self.sql, *self.args(params))
        except asyncpg.IntegrityConstraintViolationError as exc:
            raise IntegrityError(self.sql, dict(params), exc) from exc


async def driver_of(conn: AsyncConnection) -> asyncpg.Connection:
    """The asyncpg connection under a SQLAlchemy connection (checked out, no transaction begun)."""
    return (await conn.get_raw_connection()).driver_connection  # type: ignore[return-value]
