"""LangGraph Platform API: durable runs, personal API keys, the client's id of a human message

* `runs`: every run started through the LangGraph-compatible surface (backend/runs.py), one row per run,
  owned by its thread (a chat session) and its user, so chat and account erasure take them along
  (ON DELETE CASCADE). `heartbeat_at` is touched by the process driving a pending or running run; a
  row whose heartbeat stopped belongs to a process that died.
* `api_keys`: personal API keys. Only a SHA-256 of the key is stored (the key is 256 random bits, so a
  fast hash is enough: there is nothing to guess); `prefix` is the visible start, for telling keys apart.
* `chat_messages.client_message_id`: the id a LangGraph client gave its human message, returned as that
  message's id in thread state (agent-chat-ui matches messages by it).

Revision ID: 0006_langgraph_runs
Revises: 0005_account_sessions
Create Date: 2026-12-07 12:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0006_langgraph_runs"
down_revision: str | None = "0005_account_sessions"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("ALTER TABLE chat_messages ADD COLUMN client_message_id text")
    op.execute(
        """
        CREATE TABLE runs (
            run_id uuid PRIMARY KEY,
            thread_id uuid NOT NULL REFERENCES chat_sessions (session_id) ON DELETE CASCADE,
            user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
            assistant_id text NOT NULL,
            status text NOT NULL DEFAULT 'pending',
            multitask_strategy text NOT NULL DEFAULT 'enqueue',
            metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
            kwargs jsonb NOT NULL DEFAULT '{}'::jsonb,
            error jsonb,
            created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
            updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
            heartbeat_at timestamptz NOT NULL DEFAULT clock_timestamp(),
            CONSTRAINT ck_runs_status CHECK (status IN ('pending', 'running', 'success', 'error', 'interrupted')),
            CONSTRAINT ck_runs_multitask_strategy CHECK (multitask_strategy IN ('reject', 'enqueue'))
        )
        """
    )
    op.execute("CREATE INDEX ix_runs_thread_created ON runs (thread_id, created_at DESC, run_id DESC)")
    op.execute("CREATE INDEX ix_runs_user_id ON runs (user_id)")
    op.execute(
        "CREATE INDEX ix_runs_thread_active ON runs (thread_id, created_at) "
        "WHERE status IN ('pending', 'running')"
    )
    op.execute(
        """
        CREATE TABLE api_keys (
            id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
            user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
            name text NOT NULL,
            prefix text NOT NULL,
            key_hash text NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now(),
            last_used_at timestamptz,
            CONSTRAINT uq_api_keys_key_hash UNIQUE (key_hash)
        )
        """
    )
    op.execute("CREATE INDEX ix_api_keys_user_id ON api_keys (user_id, created_at)")


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS api_keys")
    op.execute("DROP TABLE IF EXISTS runs")
    op.execute("ALTER TABLE chat_messages DROP COLUMN IF EXISTS client_message_id")
