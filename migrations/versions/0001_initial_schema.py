"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-22 00:57:41.642190

All of our tables, plus the trigger that keeps chat_sessions' bookkeeping (message_count,
last_message, updated_at, and the title from the first question) right for every writer.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


CHAT_BOOKKEEPING_FN = """
CREATE FUNCTION chat_messages_bookkeeping() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE chat_sessions SET
        message_count = message_count + 1,
        last_message = left(NEW.content, 200),
        updated_at = greatest(updated_at, NEW.created_at),
        title = CASE
            WHEN NEW.role = 'user' AND NOT title_is_custom AND title = '새 대화'
                 AND btrim(NEW.content) <> ''
            THEN left(regexp_replace(btrim(NEW.content), '\\s+', ' ', 'g'), 40)
            ELSE title
        END
    WHERE session_id = NEW.session_id;
    RETURN NEW;
END
$$
"""

CHAT_BOOKKEEPING_TRIGGER = """
CREATE TRIGGER chat_messages_bookkeeping AFTER INSERT ON chat_messages
FOR EACH ROW EXECUTE FUNCTION chat_messages_bookkeeping()
"""


def upgrade() -> None:
    op.create_table(
        "apt_rents",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("sigungu_code", sa.Text(), nullable=False),
        sa.Column("sigungu_name", sa.Text(), nullable=False),
        sa.Column("dong", sa.Text(), nullable=False),
        sa.Column("complex_name", sa.Text(), nullable=False),
        sa.Column("complex_id", sa.Text(), nullable=True),
        sa.Column("jibun", sa.Text(), nullable=True),
        sa.Column("area_m2", sa.Numeric(precision=9, scale=4), nullable=False),
        sa.Column("floor", sa.SmallInteger(), nullable=True),
        sa.Column("build_year", sa.SmallInteger(), nullable=True),
        sa.Column("contract_date", sa.Date(), nullable=False),
        sa.Column("rent_type", sa.Text(), nullable=False),
        sa.Column("deposit_manwon", sa.Integer(), nullable=False),
        sa.Column("monthly_rent_manwon", sa.Integer(), nullable=False),
        sa.Column("contract_term", sa.Text(), nullable=True),
        sa.Column("contract_kind", sa.Text(), nullable=True),
        sa.Column("renewal_right_used", sa.Boolean(), nullable=True),
        sa.Column("prev_deposit_manwon", sa.Integer(), nullable=True),
        sa.Column("prev_monthly_rent_manwon", sa.Integer(), nullable=True),
        sa.Column("source_file", sa.Text(), nullable=False),
        sa.Column("source_line", sa.Integer(), nullable=False),
        sa.CheckConstraint("rent_type IN ('전세', '월세')", name="ck_apt_rents_rent_type"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("source_file", "source_line", name="uq_apt_rents_source"),
    )
    op.create_index("ix_apt_rents_complex_date", "apt_rents", ["complex_name", "contract_date"], unique=False)
    op.create_index(
        "ix_apt_rents_region_date", "apt_rents", ["sigungu_code", "dong", "contract_date"], unique=False
    )
    op.create_index("ix_apt_rents_sigungu_date", "apt_rents", ["sigungu_code", "contract_date"], unique=False)
    op.create_table(
        "apt_trades",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("sigungu_code", sa.Text(), nullable=False),
        sa.Column("sigungu_name", sa.Text(), nullable=False),
        sa.Column("dong", sa.Text(), nullable=False),
        sa.Column("complex_name", sa.Text(), nullable=False),
        sa.Column("complex_id", sa.Text(), nullable=True),
        sa.Column("jibun", sa.Text(), nullable=True),
        sa.Column("area_m2", sa.Numeric(precision=9, scale=4), nullable=False),
        sa.Column("floor", sa.SmallInteger(), nullable=True),
        sa.Column("build_year", sa.SmallInteger(), nullable=True),
        sa.Column("contract_date", sa.Date(), nullable=False),
        sa.Column("price_manwon", sa.Integer(), nullable=False),
        sa.Column("cancelled", sa.Boolean(), nullable=True),
        sa.Column("cancel_date", sa.Date(), nullable=True),
        sa.Column("trade_kind", sa.Text(), nullable=True),
        sa.Column("registration_date", sa.Date(), nullable=True),
        sa.Column("source_file", sa.Text(), nullable=False),
        sa.Column("source_line", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("source_file", "source_line", name="uq_apt_trades_source"),
    )
    op.create_index(
        "ix_apt_trades_complex_date", "apt_trades", ["complex_name", "contract_date"], unique=False
    )
    op.create_index(
        "ix_apt_trades_region_date", "apt_trades", ["sigungu_code", "dong", "contract_date"], unique=False
    )
    op.create_index(
        "ix_apt_trades_sigungu_date", "apt_trades", ["sigungu_code", "contract_date"], unique=False
    )
    op.create_table(
        "data_files",
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("sha256", sa.Text(), nullable=False),
        sa.Column("target_table", sa.Text(), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("loaded_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.PrimaryKeyConstraint("path"),
    )
    op.create_table(
        "law_articles",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("law_name", sa.Text(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("article_no", sa.Integer(), nullable=False),
        sa.Column("article_sub", sa.Integer(), server_default="0", nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("chapter", sa.Text(), nullable=True),
        sa.Column("effective_date", sa.Date(), nullable=True),
        sa.Column("promulgated_date", sa.Date(), nullable=True),
        sa.Column("source_url", sa.Text(), nullable=True),
        sa.Column("source_file", sa.Text(), nullable=False),
        sa.Column(
            "search",
            postgresql.TSVECTOR(),
            sa.Computed(
                "to_tsvector('simple', law_name || ' ' || coalesce(title, '') || ' ' || body)", persisted=True
            ),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("law_name", "kind", "article_no", "article_sub", name="uq_law_articles_article"),
    )
    op.create_index(
        "ix_law_articles_search", "law_articles", ["search"], unique=False, postgresql_using="gin"
    )
    op.create_table(
        "users",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("email", sa.Text(), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=True),
        sa.Column("type", sa.Text(), server_default="user", nullable=False),
        sa.Column("is_active", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column("legacy_id", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("email"),
        sa.UniqueConstraint("legacy_id"),
    )
    op.create_table(
        "chat_sessions",
        sa.Column("session_id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("user_id", sa.UUID(), nullable=False),
        sa.Column("title", sa.Text(), server_default="새 대화", nullable=False),
        sa.Column("title_is_custom", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("last_message", sa.Text(), nullable=True),
        sa.Column("message_count", sa.Integer(), server_default="0", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("is_active", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column(
            "metadata",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'{}'::jsonb"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("session_id"),
    )
    op.create_index(
        "ix_chat_sessions_user_updated",
        "chat_sessions",
        ["user_id", sa.literal_column("updated_at DESC"), sa.literal_column("session_id DESC")],
        unique=False,
    )
    op.create_table(
        "conversation_memories",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("user_id", sa.UUID(), nullable=False),
        sa.Column("session_id", sa.UUID(), nullable=True),
        sa.Column("message_id", sa.BigInteger(), nullable=True),
        sa.Column("query", sa.Text(), nullable=False),
        sa.Column("response_summary", sa.Text(), nullable=False),
        sa.Column("intent", sa.Text(), nullable=True),
        sa.Column(
            "slots",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'{}'::jsonb"),
            nullable=False,
        ),
        sa.Column(
            "entities",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'[]'::jsonb"),
            nullable=False,
        ),
        sa.Column(
            "search",
            postgresql.TSVECTOR(),
            sa.Computed("to_tsvector('simple', query || ' ' || response_summary)", persisted=True),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_conversation_memories_search",
        "conversation_memories",
        ["search"],
        unique=False,
        postgresql_using="gin",
    )
    op.create_index(
        "ix_conversation_memories_user_created",
        "conversation_memories",
        ["user_id", sa.literal_column("created_at DESC")],
        unique=False,
    )
    op.create_table(
        "entity_memories",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("user_id", sa.UUID(), nullable=False),
        sa.Column("entity_type", sa.Text(), nullable=False),
        sa.Column("entity_id", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("mention_count", sa.Integer(), server_default="1", nullable=False),
        sa.Column(
            "first_mentioned_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False
        ),
        sa.Column(
            "last_mentioned_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False
        ),
        sa.Column(
            "context",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'{}'::jsonb"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("user_id", "entity_type", "entity_id", name="uq_entity_memories_user_entity"),
    )
    op.create_index(
        "ix_entity_memories_user_last",
        "entity_memories",
        ["user_id", sa.literal_column("last_mentioned_at DESC")],
        unique=False,
    )
    op.create_table(
        "memory_jobs",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("user_id", sa.UUID(), nullable=False),
        sa.Column("session_id", sa.UUID(), nullable=True),
        sa.Column("payload", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("attempts", sa.SmallInteger(), server_default="0", nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("run_after", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_memory_jobs_pending",
        "memory_jobs",
        ["run_after"],
        unique=False,
        postgresql_where=sa.text("done_at IS NULL"),
    )
    op.create_index("ix_memory_jobs_user_id", "memory_jobs", ["user_id"], unique=False)
    op.create_table(
        "sessions",
        sa.Column("session_id", sa.Text(), nullable=False),
        sa.Column("user_id", sa.UUID(), nullable=False),
        sa.Column(
            "metadata",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'{}'::jsonb"),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "last_activity", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False
        ),
        sa.Column("request_count", sa.Integer(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("session_id"),
    )
    op.create_index("ix_sessions_expires_at", "sessions", ["expires_at"], unique=False)
    op.create_index("ix_sessions_user_id", "sessions", ["user_id"], unique=False)
    op.create_table(
        "user_preferences",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("user_id", sa.UUID(), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("value", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("confidence", sa.Float(), server_default="1.0", nullable=False),
        sa.Column("mention_count", sa.Integer(), server_default="1", nullable=False),
        sa.Column("source", sa.Text(), server_default="extracted", nullable=False),
        sa.Column("source_session_id", sa.UUID(), nullable=True),
        sa.Column("source_message_id", sa.BigInteger(), nullable=True),
        sa.Column("valid_from", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("valid_to", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("confidence >= 0 AND confidence <= 1", name="ck_user_preferences_confidence"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_user_preferences_user_key", "user_preferences", ["user_id", "key", "valid_from"], unique=False
    )
    op.create_index(
        "uq_user_preferences_current",
        "user_preferences",
        ["user_id", "key", "value"],
        unique=True,
        postgresql_where=sa.text("valid_to IS NULL"),
    )
    op.create_table(
        "chat_messages",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("session_id", sa.UUID(), nullable=False),
        sa.Column("turn_id", sa.UUID(), nullable=False),
        sa.Column("role", sa.Text(), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("structured_data", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("clock_timestamp()"),
            nullable=False,
        ),
        sa.CheckConstraint("role IN ('user', 'assistant')", name="ck_chat_messages_role"),
        sa.ForeignKeyConstraint(["session_id"], ["chat_sessions.session_id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("session_id", "turn_id", "role", name="uq_chat_messages_turn_role"),
    )
    op.create_index("ix_chat_messages_session_id_id", "chat_messages", ["session_id", "id"], unique=False)
    op.execute(CHAT_BOOKKEEPING_FN)
    op.execute(CHAT_BOOKKEEPING_TRIGGER)


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS chat_messages_bookkeeping ON chat_messages")
    op.execute("DROP FUNCTION IF EXISTS chat_messages_bookkeeping()")
    op.drop_index("ix_chat_messages_session_id_id", table_name="chat_messages")
    op.drop_table("chat_messages")
    op.drop_index(
        "uq_user_preferences_current",
        table_name="user_preferences",
        postgresql_where=sa.text("valid_to IS NULL"),
    )
    op.drop_index("ix_user_preferences_user_key", table_name="user_preferences")
    op.drop_table("user_preferences")
    op.drop_index("ix_sessions_user_id", table_name="sessions")
    op.drop_index("ix_sessions_expires_at", table_name="sessions")
    op.drop_table("sessions")
    op.drop_index("ix_memory_jobs_user_id", table_name="memory_jobs")
    op.drop_index(
        "ix_memory_jobs_pending", table_name="memory_jobs", postgresql_where=sa.text("done_at IS NULL")
    )
    op.drop_table("memory_jobs")
    op.drop_index("ix_entity_memories_user_last", table_name="entity_memories")
    op.drop_table("entity_memories")
    op.drop_index("ix_conversation_memories_user_created", table_name="conversation_memories")
    op.drop_index(
        "ix_conversation_memories_search", table_name="conversation_memories", postgresql_using="gin"
    )
    op.drop_table("conversation_memories")
    op.drop_index("ix_chat_sessions_user_updated", table_name="chat_sessions")
    op.drop_table("chat_sessions")
    op.drop_table("users")
    op.drop_index("ix_law_articles_search", table_name="law_articles", postgresql_using="gin")
    op.drop_table("law_articles")
    op.drop_table("data_files")
    op.drop_index("ix_apt_trades_sigungu_date", table_name="apt_trades")
    op.drop_index("ix_apt_trades_region_date", table_name="apt_trades")
    op.drop_index("ix_apt_trades_complex_date", table_name="apt_trades")
    op.drop_table("apt_trades")
    op.drop_index("ix_apt_rents_sigungu_date", table_name="apt_rents")
    op.drop_index("ix_apt_rents_region_date", table_name="apt_rents")
    op.drop_index("ix_apt_rents_complex_date", table_name="apt_rents")
    op.drop_table("apt_rents")
