"""Per-user rate limit shared by every API process: a fixed-window counter in Postgres.

One upsert per checked request (`rate_limit_windows`, UNLOGGED). The window boundaries come from the
database clock, so processes on different hosts agree. A fixed window lets a client burst up to twice the
limit across a window boundary; for "turns per minute" that is an acceptable, predictable trade-off for
one statement per request. The same statement drops the user's expired windows, so the table stays tiny.

`KeyedRateLimiter` is the same counter for callers that are not (yet) a user: sign-in and registration
attempts per email and per client address (backend/throttle.py), in `rate_limit_keys` (UNLOGGED too).
Keys are hashed before they are stored, so the table holds no emails or addresses; its windows carry
their own expiry and are swept periodically (`sweep_expired`), since an attacker's key is never hit again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from backend.errors import ApiError
from backend.models_ratelimit import RateLimitWindow  # noqa: F401  (registers the table's ORM mirror)

HIT_SQL = text(
    """
    WITH params AS (
        SELECT CAST(:user_id AS uuid) AS user_id, CAST(:bucket AS text) AS bucket,
               CAST(:window_s AS integer) AS window_s
    ), bounds AS (
        SELECT p.*, to_timestamp(floor(extract(epoch FROM now()) / p.window_s) * p.window_s) AS window_start
        FROM params p
    ), expired AS (
        DELETE FROM rate_limit_windows w USING bounds b
        WHERE w.user_id = b.user_id AND w.bucket = b.bucket AND w.window_start < b.window_start
    )
    INSERT INTO rate_limit_windows AS w (user_id, bucket, window_start, hits)
    SELECT user_id, bucket, window_start, 1 FROM bounds
    ON CONFLICT (user_id, bucket, window_start) DO UPDATE SET hits = w.hits + 1
    RETURNING w.hits, w.window_start, now() AS db_now
    """
)


KEYED_HIT_SQL = text(
    """
    WITH params AS (
        SELECT CAST(:key AS text) AS key, CAST(:bucket AS text) AS bucket,
               CAST(:window_s AS integer) AS window_s
    ), bounds AS (
        SELECT p.*, to_timestamp(floor(extract(epoch FROM now()) / p.window_s) * p.window_s) AS window_start
        FROM params p
    ), expired AS (
        DELETE FROM rate_limit_keys k USING bounds b
        WHERE k.key = b.key AND k.bucket = b.bucket AND k.window_start < b.window_start
    )
    INSERT INTO rate_limit_keys AS k (key, bucket, window_start, expires_at, hits)
    SELECT key, bucket, window_start, window_start + make_interval(secs => window_s), 1 FROM bounds
    ON CONFLICT (key, bucket, window_start) DO UPDATE SET hits = k.hits + 1
    RETURNING k.hits, k.window_start, now() AS db_now
    """
)
KEYED_PEEK_SQL = text(
    """
    WITH bounds AS (
        SELECT to_timestamp(floor(extract(epoch FROM now()) / CAST(:window_s AS integer))
                            * CAST(:window_s AS integer)) AS window_start
    )
    SELECT coalesce((SELECT k.hits FROM rate_limit_keys k
                     WHERE k.key = CAST(:key AS text) AND k.bucket = CAST(:bucket AS text)
                       AND k.window_start = b.window_start), 0) AS hits,
           b.window_start, now() AS db_now
    FROM bounds b
    """
)
SWEEP_KEYS_SQL = text("DELETE FROM rate_limit_keys WHERE expires_at <= now()")


class RateLimited(ApiError):
    def __init__(self, limit: int, window_s: int, retry_after_s: int, message: str | None = None) -> None:
        super().__init__(
            429,
            "rate_limited",
            message
            or f"요청이 너무 많습니다. {window_s}초에 {limit}번까지 질문할 수 있습니다. "
            f"{retry_after_s}초 후 다시 시도해 주세요.",
            {"limit": limit, "window_seconds": window_s, "retry_after_seconds": retry_after_s},
            headers={"Retry-After": str(retry_after_s)},
        )


def _retry_after(window_start: dt.datetime, window_s: int, db_now: dt.datetime) -> int:
    remaining = (window_start + dt.timedelta(seconds=window_s) - db_now).total_seconds()
    return max(1, math.ceil(remaining))


@dataclass(frozen=True)
class RateLimiter:
    engine: AsyncEngine
    limit: int  # hits per window; 0 disables the limiter
    window_s: int = 60
    bucket: str = "turns"

    async def hit(self, user_id: uuid.UUID) -> None:
        """Counts one request; raises RateLimited (429 + Retry-After) once the window is full."""
        if self.limit <= 0:
            return
        params = {"user_id": user_id, "bucket": self.bucket, "window_s": self.window_s}
        async with self.engine.begin() as conn:
            hits, window_start, db_now = (await conn.execute(HIT_SQL, params)).one()
        if hits > self.limit:
            raise RateLimited(self.limit, self.window_s, _retry_after(window_start, self.window_s, db_now))


@dataclass(frozen=True)
class Limit:
    """`limit` hits per `window_s` in `bucket` (0 turns the check off); `message` says what was limited
    and takes `{retry_after}`."""

    bucket: str
    limit: int
    window_s: int
    message: str

    def refused(self, retry_after_s: int) -> RateLimited:
        text_ = self.message.format(retry_after=retry_after_s)
        return RateLimited(self.limit, self.window_s, retry_after_s, text_)


def hashed_key(kind: str, value: str) -> str:
    """What is stored for `value` (an email, an address): a digest, so the counters hold no PII."""
    return f"{kind}:{hashlib.sha256(value.encode()).hexdigest()[:40]}"


@dataclass(frozen=True)
class KeyedRateLimiter:
    engine: AsyncEngine

    async def hit(self, limit: Limit, key: str) -> None:
        """Counts one attempt; raises RateLimited (429 + Retry-After) once the window is over the limit."""
        if limit.limit <= 0:
            return
        row = await self._one(KEYED_HIT_SQL, limit, key)
        if row.hits > limit.limit:
            raise limit.refused(_retry_after(row.window_start, limit.window_s, row.db_now))

    async def check(self, limit: Limit, key: str) -> None:
        """Raises RateLimited when the window is already full; counts nothing (for limits on failures)."""
        if limit.limit <= 0:
            return
        row = await self._one(KEYED_PEEK_SQL, limit, key)
        if row.hits >= limit.limit:
            raise limit.refused(_retry_after(row.window_start, limit.window_s, row.db_now))

    async def sweep_expired(self) -> int:
        async with self.engine.begin() as conn:
            return (await conn.execute(SWEEP_KEYS_SQL)).rowcount

    async def _one(self, sql: Any, limit: Limit, key: str) -> Any:
        params = {"key": key, "bucket": limit.bucket, "window_s": limit.window_s}
        async with self.engine.begin() as conn:
            return (await conn.execute(sql, params)).one()
