"""SQLAlchemy tables. Alembic (migrations/) owns the schema; these mirror it for queries.

LangGraph's own tables (checkpoints, checkpoint_blobs, checkpoint_writes, checkpoint_migrations)
are created by `AsyncPostgresSaver.setup()` and are not modelled here.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, ClassVar

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Computed,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Identity,
    Index,
    Integer,
    Numeric,
    SmallInteger,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, TSVECTOR, UUID
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

DEFAULT_CHAT_TITLE = "새 대화"


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        dict[str, Any]: JSONB,
        dt.datetime: DateTime(timezone=True),
    }


def _now() -> Any:
    return mapped_column(DateTime(timezone=True), server_default=func.now(), nullable=False)


def _user_fk() -> Any:
    return mapped_column(UUID(as_uuid=True), ForeignKey("users.id", ondelete="CASCADE"), nullable=False)


class User(Base):
    __tablename__ = "users"

    id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), primary_key=True, server_default=text("gen_random_uuid()")
    )
    email: Mapped[str] = mapped_column(Text, unique=True)
    password_hash: Mapped[str | None] = mapped_column(Text)
    type: Mapped[str] = mapped_column(Text, server_default="user")
    is_active: Mapped[bool] = mapped_column(Boolean, server_default=text("true"))
    legacy_id: Mapped[str | None] = mapped_column(Text, unique=True)
    created_at: Mapped[dt.datetime] = _now()


class Session(Base):
    """SessionManager rows: login/device sessions, not chats."""

    __tablename__ = "sessions"
    __table_args__ = (Index("ix_sessions_expires_at", "expires_at"), Index("ix_sessions_user_id", "user_id"))

    session_id: Mapped[str] = mapped_column(Text, primary_key=True)
    user_id: Mapped[uuid.UUID] = _user_fk()
    meta: Mapped[dict[str, Any]] = mapped_column("metadata", JSONB, server_default=text("'{}'::jsonb"))
    created_at: Mapped[dt.datetime] = _now()
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    last_activity: Mapped[dt.datetime] = _now()
    request_count: Mapped[int] = mapped_column(Integer, server_default="0")


class ChatSession(Base):
    __tablename__ = "chat_sessions"
    __table_args__ = (
        Index("ix_chat_sessions_user_updated", "user_id", text("updated_at DESC"), text("session_id DESC")),
    )

    session_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), primary_key=True, server_default=text("gen_random_uuid()")
    )
    user_id: Mapped[uuid.UUID] = _user_fk()
    title: Mapped[str] = mapped_column(Text, server_default=DEFAULT_CHAT_TITLE)
    title_is_custom: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    last_message: Mapped[str | None] = mapped_column(Text)
    message_count: Mapped[int] = mapped_column(Integer, server_default="0")
    created_at: Mapped[dt.datetime] = _now()
    updated_at: Mapped[dt.datetime] = _now()
    is_active: Mapped[bool] = mapped_column(Boolean, server_default=text("true"))
    meta: Mapped[dict[str, Any]] = mapped_column("metadata", JSONB, server_default=text("'{}'::jsonb"))
    # The last message of the branch the chat shows (migration 0009): set by the insert trigger, by a
    # branch switch and by a rollback; no foreign key (backend/chats.py reads it).
    active_leaf_id: Mapped[int | None] = mapped_column(BigInteger)


class ChatMessage(Base):
    """Append-only transcript, a tree since forks (migration 0009): each message follows its parent, and
    the chat shows the branch from its active leaf up to the root. Triggers keep chat_sessions'
    bookkeeping in step and give a message stored without a parent the active leaf as parent."""

    __tablename__ = "chat_messages"
    __table_args__ = (
        CheckConstraint("role IN ('user', 'assistant')", name="ck_chat_messages_role"),
        UniqueConstraint("session_id", "turn_id", "role", name="uq_chat_messages_turn_role"),
        Index("ix_chat_messages_session_id_id", "session_id", "id"),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    session_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("chat_sessions.session_id", ondelete="CASCADE")
    )
    turn_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True))
    role: Mapped[str] = mapped_column(Text)
    content: Mapped[str] = mapped_column(Text)
    structured_data: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.clock_timestamp()
    )
    # The id a LangGraph client gave its human message (migration 0006); None for other surfaces.
    client_message_id: Mapped[str | None] = mapped_column(Text)
    parent_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("chat_messages.id", ondelete="CASCADE"), index=True
    )
    # An answer's (or waiting question's) turn-boundary checkpoint: where a fork from it restarts.
    checkpoint_id: Mapped[str | None] = mapped_column(Text)


class ConversationMemory(Base):
    __tablename__ = "conversation_memories"
    __table_args__ = (
        # Covering: recall's keyword match is an index-only scan of one user's newest memories.
        Index(
            "ix_conversation_memories_user_recent_search",
            "user_id",
            text("created_at DESC"),
            text("id DESC"),
            postgresql_include=["search"],
        ),
        Index("ix_conversation_memories_search", "search", postgresql_using="gin"),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    user_id: Mapped[uuid.UUID] = _user_fk()
    # Provenance only (no FK): a memory outlives the chat it came from until the user deletes it.
    session_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    message_id: Mapped[int | None] = mapped_column(BigInteger)
    query: Mapped[str] = mapped_column(Text)
    response_summary: Mapped[str] = mapped_column(Text)
    intent: Mapped[str | None] = mapped_column(Text)
    slots: Mapped[dict[str, Any]] = mapped_column(JSONB, server_default=text("'{}'::jsonb"))
    entities: Mapped[dict[str, Any]] = mapped_column(JSONB, server_default=text("'[]'::jsonb"))
    search: Mapped[Any] = mapped_column(
        TSVECTOR,
        Computed("to_tsvector('simple', query || ' ' || response_summary)", persisted=True),
    )
    created_at: Mapped[dt.datetime] = _now()


class UserPreference(Base):
    """One version of a preference: its value and validity window. Versions of one preference share
    `preference_id` (the id the API hands out); closed versions are its history."""

    __tablename__ = "user_preferences"
    __table_args__ = (
        Index(
            "uq_user_preferences_one_current",
            "preference_id",
            unique=True,
            postgresql_where=text("valid_to IS NULL"),
        ),
        Index(
            "uq_user_preferences_current_region",
            "user_id",
            "value",
            unique=True,
            postgresql_where=text("valid_to IS NULL AND key = 'region'"),
        ),
        Index("ix_user_preferences_user_key", "user_id", "key", "valid_from"),
        Index("ix_user_preferences_user_preference", "user_id", "preference_id"),
        CheckConstraint("confidence >= 0 AND confidence <= 1", name="ck_user_preferences_confidence"),
        CheckConstraint(
            "(key IN ('budget_max_manwon', 'budget_min_manwon', 'monthly_rent_max_manwon')) = (deal_type IS NOT NULL) "
            "AND (deal_type IS NULL OR deal_type IN ('매매', '전세', '월세', 'unknown'))",
            name="ck_user_preferences_deal_type",
        ),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    # Set to the row's own id by a trigger when omitted (a new preference); see migration 0004.
    preference_id: Mapped[int] = mapped_column(BigInteger)
    user_id: Mapped[uuid.UUID] = _user_fk()
    key: Mapped[str] = mapped_column(Text)
    deal_type: Mapped[str | None] = mapped_column(Text)  # budgets only: 매매 | 전세 | 월세 | unknown
    value: Mapped[Any] = mapped_column(JSONB)
    confidence: Mapped[float] = mapped_column(Float, server_default="1.0")
    mention_count: Mapped[int] = mapped_column(Integer, server_default="1")
    source: Mapped[str] = mapped_column(Text, server_default="extracted")
    # Provenance only (no FK), like conversation_memories.session_id.
    source_session_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    source_message_id: Mapped[int | None] = mapped_column(BigInteger)
    valid_from: Mapped[dt.datetime] = _now()
    valid_to: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[dt.datetime] = _now()


class EntityMemory(Base):
    __tablename__ = "entity_memories"
    __table_args__ = (
        UniqueConstraint("user_id", "entity_type", "entity_id", name="uq_entity_memories_user_entity"),
        Index("ix_entity_memories_user_last", "user_id", text("last_mentioned_at DESC")),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    user_id: Mapped[uuid.UUID] = _user_fk()
    entity_type: Mapped[str] = mapped_column(Text)
    entity_id: Mapped[str] = mapped_column(Text)
    name: Mapped[str] = mapped_column(Text)
    mention_count: Mapped[int] = mapped_column(Integer, server_default="1")
    first_mentioned_at: Mapped[dt.datetime] = _now()
    last_mentioned_at: Mapped[dt.datetime] = _now()
    context: Mapped[dict[str, Any]] = mapped_column(JSONB, server_default=text("'{}'::jsonb"))


class MemoryJob(Base):
    """Outbox: committed with the turn, processed by the background worker, retried after a crash."""

    __tablename__ = "memory_jobs"
    __table_args__ = (
        Index("ix_memory_jobs_pending", "run_after", postgresql_where=text("done_at IS NULL")),
        Index("ix_memory_jobs_user_id", "user_id"),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    user_id: Mapped[uuid.UUID] = _user_fk()
    session_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    payload: Mapped[dict[str, Any]] = mapped_column(JSONB)
    attempts: Mapped[int] = mapped_column(SmallInteger, server_default="0")
    last_error: Mapped[str | None] = mapped_column(Text)
    run_after: Mapped[dt.datetime] = _now()
    created_at: Mapped[dt.datetime] = _now()
    done_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class AptTrade(Base):
    """One MOLIT apartment sale. Prices are 만원 integers everywhere in the product."""

    __tablename__ = "apt_trades"
    __table_args__ = (
        UniqueConstraint("source_file", "source_line", name="uq_apt_trades_source"),
        Index("ix_apt_trades_region_date", "sigungu_code", "dong", "contract_date"),
        Index("ix_apt_trades_sigungu_date", "sigungu_code", "contract_date"),
        Index("ix_apt_trades_complex_date", "complex_name", "contract_date"),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    sigungu_code: Mapped[str] = mapped_column(Text)
    sigungu_name: Mapped[str] = mapped_column(Text)
    dong: Mapped[str] = mapped_column(Text)
    complex_name: Mapped[str] = mapped_column(Text)
    complex_id: Mapped[str | None] = mapped_column(Text)
    jibun: Mapped[str | None] = mapped_column(Text)
    area_m2: Mapped[float] = mapped_column(Numeric(9, 4))
    floor: Mapped[int | None] = mapped_column(SmallInteger)
    build_year: Mapped[int | None] = mapped_column(SmallInteger)
    contract_date: Mapped[dt.date] = mapped_column(Date)
    price_manwon: Mapped[int] = mapped_column(Integer)
    cancelled: Mapped[bool | None] = mapped_column(Boolean)
    cancel_date: Mapped[dt.date | None] = mapped_column(Date)
    trade_kind: Mapped[str | None] = mapped_column(Text)
    registration_date: Mapped[dt.date | None] = mapped_column(Date)
    source_file: Mapped[str] = mapped_column(Text)
    source_line: Mapped[int] = mapped_column(Integer)


class AptRent(Base):
    """One MOLIT 전월세 contract (전세 when monthly_rent_manwon = 0)."""

    __tablename__ = "apt_rents"
    __table_args__ = (
        UniqueConstraint("source_file", "source_line", name="uq_apt_rents_source"),
        CheckConstraint("rent_type IN ('전세', '월세')", name="ck_apt_rents_rent_type"),
        Index("ix_apt_rents_region_date", "sigungu_code", "dong", "contract_date"),
        Index("ix_apt_rents_sigungu_date", "sigungu_code", "contract_date"),
        Index("ix_apt_rents_complex_date", "complex_name", "contract_date"),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    sigungu_code: Mapped[str] = mapped_column(Text)
    sigungu_name: Mapped[str] = mapped_column(Text)
    dong: Mapped[str] = mapped_column(Text)
    complex_name: Mapped[str] = mapped_column(Text)
    complex_id: Mapped[str | None] = mapped_column(Text)
    jibun: Mapped[str | None] = mapped_column(Text)
    area_m2: Mapped[float] = mapped_column(Numeric(9, 4))
    floor: Mapped[int | None] = mapped_column(SmallInteger)
    build_year: Mapped[int | None] = mapped_column(SmallInteger)
    contract_date: Mapped[dt.date] = mapped_column(Date)
    rent_type: Mapped[str] = mapped_column(Text)
    deposit_manwon: Mapped[int] = mapped_column(Integer)
    monthly_rent_manwon: Mapped[int] = mapped_column(Integer)
    contract_term: Mapped[str | None] = mapped_column(Text)
    contract_kind: Mapped[str | None] = mapped_column(Text)
    renewal_right_used: Mapped[bool | None] = mapped_column(Boolean)
    prev_deposit_manwon: Mapped[int | None] = mapped_column(Integer)
    prev_monthly_rent_manwon: Mapped[int | None] = mapped_column(Integer)
    source_file: Mapped[str] = mapped_column(Text)
    source_line: Mapped[int] = mapped_column(Integer)


class LawArticle(Base):
    __tablename__ = "law_articles"
    __table_args__ = (
        UniqueConstraint("law_name", "kind", "article_no", "article_sub", name="uq_law_articles_article"),
        Index("ix_law_articles_search", "search", postgresql_using="gin"),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    law_name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(Text)
    article_no: Mapped[int] = mapped_column(Integer)
    article_sub: Mapped[int] = mapped_column(Integer, server_default="0")
    title: Mapped[str | None] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    chapter: Mapped[str | None] = mapped_column(Text)
    effective_date: Mapped[dt.date | None] = mapped_column(Date)
    promulgated_date: Mapped[dt.date | None] = mapped_column(Date)
    source_url: Mapped[str | None] = mapped_column(Text)
    source_file: Mapped[str] = mapped_column(Text)
    search: Mapped[Any] = mapped_column(
        TSVECTOR,
        Computed(
            "to_tsvector('simple', law_name || ' ' || coalesce(title, '') || ' ' || body)", persisted=True
        ),
    )


class DataFile(Base):
    """Which source files `load-data` has loaded (by content hash), so a second run adds nothing."""

    __tablename__ = "data_files"

    path: Mapped[str] = mapped_column(Text, primary_key=True)
    sha256: Mapped[str] = mapped_column(Text)
    target_table: Mapped[str] = mapped_column(Text)
    rows: Mapped[int] = mapped_column(Integer)
    loaded_at: Mapped[dt.datetime] = _now()


# --- LangGraph Platform API (migration 0006; backend/runs.py, backend/api_keys.py) -------------------


class Run(Base):
    """One run of the LangGraph-compatible surface: a turn of its thread (= chat session), durable."""

    __tablename__ = "runs"
    __table_args__ = (
        CheckConstraint(
            "status IN ('pending', 'running', 'success', 'error', 'interrupted')", name="ck_runs_status"
        ),
        CheckConstraint(
            "multitask_strategy IN ('reject', 'enqueue', 'interrupt', 'rollback')",
            name="ck_runs_multitask_strategy",
        ),
        CheckConstraint("cancel IS NULL OR cancel IN ('interrupt', 'rollback')", name="ck_runs_cancel"),
        Index("ix_runs_thread_created", "thread_id", text("created_at DESC"), text("run_id DESC")),
        Index("ix_runs_user_id", "user_id"),
        Index(
            "ix_runs_thread_active",
            "thread_id",
            "created_at",
            postgresql_where=text("status IN ('pending', 'running')"),
        ),
    )

    run_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    thread_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("chat_sessions.session_id", ondelete="CASCADE")
    )
    user_id: Mapped[uuid.UUID] = _user_fk()
    assistant_id: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(Text, server_default="pending")
    multitask_strategy: Mapped[str] = mapped_column(Text, server_default="enqueue")
    meta: Mapped[dict[str, Any]] = mapped_column("metadata", JSONB, server_default=text("'{}'::jsonb"))
    kwargs: Mapped[dict[str, Any]] = mapped_column(JSONB, server_default=text("'{}'::jsonb"))
    error: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.clock_timestamp()
    )
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.clock_timestamp()
    )
    heartbeat_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.clock_timestamp()
    )
    cancel: Mapped[str | None] = mapped_column(Text)  # a requested cancel (migration 0008)


class ApiKey(Base):
    """A personal API key: only its SHA-256 is kept; `prefix` is the visible start of the key."""

    __tablename__ = "api_keys"
    __table_args__ = (
        UniqueConstraint("key_hash", name="uq_api_keys_key_hash"),
        Index("ix_api_keys_user_id", "user_id", "created_at"),
    )

    id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), primary_key=True, server_default=text("gen_random_uuid()")
    )
    user_id: Mapped[uuid.UUID] = _user_fk()
    name: Mapped[str] = mapped_column(Text)
    prefix: Mapped[str] = mapped_column(Text)
    key_hash: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = _now()
    last_used_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


# --- MOLIT sync (migration 0007; backend/data_import/slices.py) ---------------------------------------


class DataSlice(Base):
    """Who owns one (시군구, contract month, kind) of apt_trades/apt_rents: the loaded snapshot or the
    MOLIT OpenAPI (`sync-molit`); load-data never writes over a 'molit-api' slice."""

    __tablename__ = "data_slices"
    __table_args__ = (
        CheckConstraint("kind IN ('trade', 'rent')", name="ck_data_slices_kind"),
        CheckConstraint("source IN ('snapshot', 'molit-api')", name="ck_data_slices_source"),
        CheckConstraint("extract(day FROM month) = 1", name="ck_data_slices_month"),
    )

    sigungu_code: Mapped[str] = mapped_column(Text, primary_key=True)
    month: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    kind: Mapped[str] = mapped_column(Text, primary_key=True)
    source: Mapped[str] = mapped_column(Text)
    rows: Mapped[int] = mapped_column(Integer)
    loaded_at: Mapped[dt.datetime] = _now()
    synced_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


# --- resumable run streams (migration 0008; backend/run_events.py) ----------------------------------


class RunEvent(Base):
    """One turn event of a run created with `stream_resumable`, kept for a bounded time so a client can
    rejoin the stream from any process (`Last-Event-ID` = `seq`)."""

    __tablename__ = "run_events"
    __table_args__ = (Index("ix_run_events_created_at", "created_at"),)

    run_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("runs.run_id", ondelete="CASCADE"), primary_key=True
    )
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    event: Mapped[str] = mapped_column(Text)
    data: Mapped[dict[str, Any]] = mapped_column(JSONB)
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.clock_timestamp()
    )
