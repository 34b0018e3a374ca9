"""LangGraph runs across processes: cancel requests, interrupt/rollback strategies, resumable streams

* `runs.cancel`: the action a client asked for (`interrupt` | `rollback`) on a running run. Whichever
  process drives the run learns it through LISTEN/NOTIFY, or on its next heartbeat when a notification
  was missed (backend/runs.py).
* `runs.multitask_strategy` may now be `interrupt` or `rollback` too.
* `run_events`: the turn events of runs created with `stream_resumable`, numbered per run, kept for
  `langgraph_stream_retention_s` so a client rejoins a stream (`Last-Event-ID`) on any process. They go
  with their run (ON DELETE CASCADE), so chat and account erasure take them along.

Revision ID: 0008_run_events
Revises: 0007_data_slices
Create Date: 2026-12-07 18:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0008_run_events"
down_revision: str | None = "0007_data_slices"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("ALTER TABLE runs ADD COLUMN cancel text")
    op.execute(
        "ALTER TABLE runs ADD CONSTRAINT ck_runs_cancel CHECK (cancel IS NULL OR cancel IN ('interrupt', 'rollback'))"
    )
    op.execute("ALTER TABLE runs DROP CONSTRAINT ck_runs_multitask_strategy")
    op.execute(
        "ALTER TABLE runs ADD CONSTRAINT ck_runs_multitask_strategy "
        "CHECK (multitask_strategy IN ('reject', 'enqueue', 'interrupt', 'rollback'))"
    )
    op.execute(
        """
        CREATE TABLE run_events (
            run_id uuid NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
            seq integer NOT NULL,
            event text NOT NULL,
            data jsonb NOT NULL,
            created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
            CONSTRAINT pk_run_events PRIMARY KEY (run_id, seq)
        )
        """
    )
    op.execute("CREATE INDEX ix_run_events_created_at ON run_events (created_at)")


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS run_events")
    op.execute("DELETE FROM runs WHERE multitask_strategy IN ('interrupt', 'rollback')")
    op.execute("ALTER TABLE runs DROP CONSTRAINT ck_runs_multitask_strategy")
    op.execute(
        "ALTER TABLE runs ADD CONSTRAINT ck_runs_multitask_strategy "
        "CHECK (multitask_strategy IN ('reject', 'enqueue'))"
    )
    op.execute("ALTER TABLE runs DROP CONSTRAINT IF EXISTS ck_runs_cancel")
    op.execute("ALTER TABLE runs DROP COLUMN IF EXISTS cancel")
