"""Turn boundaries found by checkpoint id without reading the whole chat (issue 20)

A fork's parent (`FORK_PARENT_SQL`), regenerate's question (`QUESTION_AFTER_SQL`) and the thread's
history (`CHECKPOINTS_SQL`) look answers up by (session, checkpoint id). With only the (session_id, id)
and (session_id, turn_id, role) indexes Postgres read every answer of the chat to find one: on a chat of
500 turns ~480 buffers a lookup, growing with the thread. A partial index over the answers that recorded
a boundary makes each lookup a few buffers at any length (bench/README.md "The HTTP turn").

Revision ID: 0010_checkpoint_lookup
Revises: 0009_message_tree
Create Date: 2026-12-07 04:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0010_checkpoint_lookup"
down_revision: str | None = "0009_message_tree"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(
        "CREATE INDEX ix_chat_messages_session_checkpoint ON chat_messages (session_id, checkpoint_id) "
        "WHERE checkpoint_id IS NOT NULL"
    )


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_chat_messages_session_checkpoint")
