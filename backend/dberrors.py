"""Recognising "the database is not there" errors, for one-line CLI messages and HTTP 503s."""

from __future__ import annotations

import asyncio

import asyncpg
import psycopg
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

from backend.db import DatabaseUrl

_UNAVAILABLE_SQLSTATES = {"57P01", "57P02", "57P03", "08000", "08001", "08003", "08004", "08006", "53300"}


def _root(exc: BaseException) -> BaseException:
    seen = exc
    while True:
        nxt = getattr(seen, "orig", None) or seen.__cause__
        if nxt is None or nxt is seen:
            return seen
        seen = nxt


def is_unavailable(exc: BaseException) -> bool:
    """True when the error means Postgres cannot be reached right now (retry later), not a bug."""
    if isinstance(exc, PoolTimeoutError):
        return True
    root = _root(exc)
    if isinstance(root, OSError | ConnectionError | asyncio.TimeoutError | TimeoutError):
        return True
    if isinstance(root, asyncpg.exceptions.InterfaceError | asyncpg.exceptions.ConnectionDoesNotExistError):
        return True
    if isinstance(root, psycopg.OperationalError):
        return True
    sqlstate = getattr(root, "sqlstate", None) or getattr(root, "pgcode", None)
    if sqlstate in _UNAVAILABLE_SQLSTATES:
        return True
    return isinstance(exc, OperationalError | InterfaceError) or (
        isinstance(exc, DBAPIError) and exc.connection_invalidated
    )


def connect_error_message(url: DatabaseUrl, exc: BaseException) -> str | None:
    """One line naming host and database (never the password), or None if `exc` is not a connect error."""
    root = _root(exc)
    if isinstance(root, asyncpg.exceptions.InvalidCatalogNameError):
        return f"cannot connect to database {url.where}: database does not exist"
    if isinstance(
        root, asyncpg.exceptions.InvalidAuthorizationSpecificationError | asyncpg.InvalidPasswordError
    ):
        return f"cannot connect to database {url.where}: authentication failed"
    if not is_unavailable(exc):
        return None
    reason = " ".join(str(root).split())  # libpq messages span lines; the CLI prints one
    reason = reason.replace(str(url.url.password or "\0"), "***") or type(root).__name__
    return f"cannot connect to database {url.where}: {reason}"
