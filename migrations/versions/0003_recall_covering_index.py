"""recall: covering index over a user's newest memories (bench/README.md "Recall")

Revision ID: 0003_recall_index
Revises: 0002_rate_limits
Create Date: 2026-11-22 01:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_recall_index"
down_revision: str | None = "0002_rate_limits"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_conversation_memories_user_recent_search",
        "conversation_memories",
        ["user_id", sa.literal_column("created_at DESC"), sa.literal_column("id DESC")],
        postgresql_include=["search"],
    )
    op.drop_index("ix_conversation_memories_user_created", table_name="conversation_memories")
    # Insert-mostly table: keep the visibility map current so index-only scans stay index-only.
    op.execute("ALTER TABLE conversation_memories SET (autovacuum_vacuum_insert_scale_factor = 0.01)")


def downgrade() -> None:
    op.execute("ALTER TABLE conversation_memories RESET (autovacuum_vacuum_insert_scale_factor)")
    op.create_index(
        "ix_conversation_memories_user_created",
        "conversation_memories",
        ["user_id", sa.literal_column("created_at DESC")],
    )
    op.drop_index("ix_conversation_memories_user_recent_search", table_name="conversation_memories")
