"""What /readyz checks: Postgres answers, our schema is at the Alembic head, LangGraph's tables are set up
— and, without failing readiness, whether any data is loaded (`data: missing` is a working server
with an empty product, which an operator must see)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from agents.tools.coverage import CoverageRegistry
from backend.dberrors import is_unavailable
from backend.replicas import ReadReplicas

STATUS_SQL = text(
    """
    SELECT
        (SELECT version_num FROM alembic_version LIMIT 1) AS revision,
        CASE WHEN to_regclass('checkpoint_migrations') IS NULL THEN NULL
             ELSE (SELECT max(v) FROM checkpoint_migrations) END AS checkpoint_version
    """
)


@dataclass(frozen=True)
class Readiness:
    ready: bool
    checks: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ReadinessProbe:
    engine: AsyncEngine
    head_revision: str | None
    timeout_s: float
    coverage: CoverageRegistry | None = None
    # Streaming replicas for data reads (backend/replicas.py): reported as last checked, never failing
    # readiness, since every read falls back to the primary.
    replicas: ReadReplicas | None = None
    checkpoint_version: int = len(AsyncPostgresSaver.MIGRATIONS) - 1

    async def check(self) -> Readiness:
        try:
            async with asyncio.timeout(self.timeout_s), self.engine.connect() as conn:
                revision, checkpoint_version = (await conn.execute(STATUS_SQL)).one()
        except Exception as exc:
            reason = "unreachable" if is_unavailable(exc) else "error"
            return Readiness(False, {"database": reason})
        migrations_ok = revision == self.head_revision
        checkpoints_ok = checkpoint_version is not None and checkpoint_version >= self.checkpoint_version
        checks: dict[str, Any] = {
            "database": "ok",
            "migrations": "ok" if migrations_ok else "behind",
            "checkpoints": "ok" if checkpoints_ok else "missing",
            "revision": revision,
            "head": self.head_revision,
        }
        if migrations_ok and self.coverage is not None:
            checks.update(await self._data_checks())
        if self.replicas is not None:
            checks.update(self.replicas.status())
        return Readiness(migrations_ok and checkpoints_ok, checks)

    async def _data_checks(self) -> dict[str, Any]:
        assert self.coverage is not None
        try:
            async with asyncio.timeout(self.timeout_s):
                coverage = await self.coverage.current()
        except Exception:
            return {"data": "unknown"}
        return {"data": "missing" if coverage.empty else "ok", "coverage": coverage.summary()}
