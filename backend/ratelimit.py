"""Per-user rate limit shared by every API process: a fixed-window counter in Postgres.

One upsert per checked request (`rate_limit_windows`, UNLOGGED). The window boundaries come from the
database clock, so processes on different hosts agree. A fixed window lets a client burst up to twice the
limit across a window boundary; for "turns per minute" that is an acceptable, predictable trade-off for
one statement per request. The same statement drops the user's expired windows, so the table stays tiny.
"""

from __future__ import annotations

import datetime as dt
import math
import uuid
from dataclasses import dataclass

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


class RateLimited(ApiError):
    def __init__(self, limit: int, window_s: int, retry_after_s: int) -> None:
        super().__init__(
            429,
            "rate_limited",
            f"요청이 너무 많습니다. {window_s}초에 {limit}번까지 질문할 수 있습니다. "
            f"{retry_after_s}초 후 다시 시도해 주세요.",
            {"limit": limit, "window_seconds": window_s, "retry_after_seconds": retry_after_s},
            headers={"Retry-After": str(retry_after_s)},
        )


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
            remaining = (window_start + dt.timedelta(seconds=self.window_s) - db_now).total_seconds()
            raise RateLimited(self.limit, self.window_s, max(1, math.ceil(remaining)))
