"""rate limit windows

Revision ID: 0002_rate_limits
Revises: 0001
Create Date: 2026-11-22 12:00:00

Per-user fixed-window counters for the API rate limiter, shared by every API process. UNLOGGED: no WAL
for hot counters; after a Postgres crash the table comes back empty, which only forgives a minute.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002_rate_limits"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(
        """
        CREATE UNLOGGED TABLE rate_limit_windows (
            user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
            bucket text NOT NULL,
            window_start timestamptz NOT NULL,
            hits integer NOT NULL,
            CONSTRAINT pk_rate_limit_windows PRIMARY KEY (user_id, bucket, window_start)
        )
        """
    )


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS rate_limit_windows")
