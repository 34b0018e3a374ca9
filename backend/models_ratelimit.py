"""The rate limiters' counters (mirror migrations 0002 and 0005; kept apart from models.py, which is shared)."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import DateTime, ForeignKey, Index, Integer, PrimaryKeyConstraint, Text
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import Mapped, mapped_column

from backend.models import Base


class RateLimitWindow(Base):
    """Hits per user, bucket and fixed time window. UNLOGGED: counters need no crash safety or WAL."""

    __tablename__ = "rate_limit_windows"
    __table_args__ = (
        PrimaryKeyConstraint("user_id", "bucket", "window_start", name="pk_rate_limit_windows"),
        {"prefixes": ["UNLOGGED"]},
    )

    user_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("users.id", ondelete="CASCADE"), nullable=False
    )
    bucket: Mapped[str] = mapped_column(Text, nullable=False)
    window_start: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    hits: Mapped[int] = mapped_column(Integer, nullable=False)


class RateLimitKey(Base):
    """Attempts per hashed key (an email, a client address), bucket and window (migration 0005)."""

    __tablename__ = "rate_limit_keys"
    __table_args__ = (
        PrimaryKeyConstraint("key", "bucket", "window_start", name="pk_rate_limit_keys"),
        Index("ix_rate_limit_keys_expires_at", "expires_at"),
        {"prefixes": ["UNLOGGED"]},
    )

    key: Mapped[str] = mapped_column(Text, nullable=False)
    bucket: Mapped[str] = mapped_column(Text, nullable=False)
    window_start: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    hits: Mapped[int] = mapped_column(Integer, nullable=False)
