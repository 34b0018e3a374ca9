"""Chat sessions and their transcripts, always scoped to their owner (another user's id is "not found").

The chat_messages trigger keeps message_count / last_message / updated_at / the first-question title in
step; nothing here writes those columns.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import uuid
from dataclasses import dataclass

from langgraph.checkpoint.base import BaseCheckpointSaver
from sqlalchemy import and_, delete, select, tuple_, update
from sqlalchemy.ext.asyncio import AsyncSession

from backend.errors import ApiError, not_found
from backend.locks import SessionBusy, SessionLocks
from backend.models import ChatMessage, ChatSession


def turn_in_progress(session_id: uuid.UUID) -> ApiError:
    return ApiError(
        409,
        "turn_in_progress",
        "이 대화에서 이전 질문에 대한 답변이 아직 진행 중입니다. 답변이 끝난 뒤 다시 시도해 주세요.",
        {"session_id": str(session_id)},
    )


@dataclass(frozen=True)
class SessionCursor:
    """Position after the last item of a page: (updated_at, session_id), newest first."""

    updated_at: dt.datetime
    session_id: uuid.UUID

    def encode(self) -> str:
        raw = json.dumps([self.updated_at.isoformat(), str(self.session_id)]).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @classmethod
    def decode(cls, token: str) -> SessionCursor:
        try:
            raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
            stamp, session_id = json.loads(raw)
            updated_at = dt.datetime.fromisoformat(stamp)
            if updated_at.tzinfo is None:
                raise ValueError("naive timestamp")
            return cls(updated_at, uuid.UUID(session_id))
        except (binascii.Error, ValueError, TypeError, UnicodeDecodeError):
            raise ApiError(422, "invalid_cursor", "페이지 커서가 올바르지 않습니다.") from None


@dataclass(frozen=True)
class ChatAccess:
    """A chat its owner is using, as `ChatSessions.access` found it. Turns and transcripts take this
    instead of a bare id, so the one ownership check happens before them, once per request or socket."""

    user_id: uuid.UUID
    session_id: uuid.UUID


@dataclass(frozen=True)
class SessionPageResult:
    items: list[ChatSession]
    next_cursor: str | None


@dataclass(frozen=True)
class MessagePageResult:
    items: list[ChatMessage]
    next_before: int | None


class ChatSessions:
    def __init__(self, db: AsyncSession) -> None:
        self.db = db

    async def create(self, user_id: uuid.UUID, title: str | None) -> ChatSession:
        chat = ChatSession(user_id=user_id)
        if title is not None:
            chat.title, chat.title_is_custom = title.strip(), True
        self.db.add(chat)
        await self.db.commit()
        await self.db.refresh(chat)
        return chat

    async def get(self, user_id: uuid.UUID, session_id: uuid.UUID) -> ChatSession:
        chat = await self.db.scalar(
            select(ChatSession).where(ChatSession.session_id == session_id, ChatSession.user_id == user_id)
        )
        if chat is None:
            raise not_found("chat_session")
        return chat

    async def access(self, user_id: uuid.UUID, session_id: uuid.UUID) -> ChatAccess:
        """Proof that the chat exists and is the user's (one indexed lookup); 404 otherwise."""
        found = await self.db.scalar(
            select(ChatSession.session_id).where(
                ChatSession.session_id == session_id, ChatSession.user_id == user_id
            )
        )
        if found is None:
            raise not_found("chat_session")
        return ChatAccess(user_id, session_id)

    async def page(self, user_id: uuid.UUID, limit: int, cursor: str | None) -> SessionPageResult:
        query = select(ChatSession).where(ChatSession.user_id == user_id)
        if cursor is not None:
            after = SessionCursor.decode(cursor)
            query = query.where(
                tuple_(ChatSession.updated_at, ChatSession.session_id)
                < tuple_(after.updated_at, after.session_id)
            )
        query = query.order_by(ChatSession.updated_at.desc(), ChatSession.session_id.desc()).limit(limit + 1)
        rows = list((await self.db.scalars(query)).all())
        items, more = rows[:limit], len(rows) > limit
        last = items[-1] if more else None
        return SessionPageResult(
            items, SessionCursor(last.updated_at, last.session_id).encode() if last else None
        )

    async def rename(self, user_id: uuid.UUID, session_id: uuid.UUID, title: str) -> ChatSession:
        chat = await self.db.scalar(
            update(ChatSession)
            .where(ChatSession.session_id == session_id, ChatSession.user_id == user_id)
            .values(title=title.strip(), title_is_custom=True)
            .returning(ChatSession)
        )
        if chat is None:
            raise not_found("chat_session")
        await self.db.commit()
        return chat

    async def delete(
        self,
        user_id: uuid.UUID,
        session_id: uuid.UUID,
        locks: SessionLocks,
        checkpointer: BaseCheckpointSaver,
    ) -> None:
        """Removes the LangGraph thread, then the row (the transcript cascades), holding the turn lock so a
        running turn is never cut in half; thread first so a failure never strands an orphan checkpoint."""
        await self.get(user_id, session_id)
        await self.db.rollback()
        try:
            lease = await locks.acquire(session_id)
        except SessionBusy:
            raise turn_in_progress(session_id) from None
        try:
            await checkpointer.adelete_thread(str(session_id))
            await self.db.execute(
                delete(ChatSession).where(
                    ChatSession.session_id == session_id, ChatSession.user_id == user_id
                )
            )
            await self.db.commit()
        finally:
            await lease.release()

    async def transcript(self, chat: ChatAccess, limit: int, before: int | None) -> MessagePageResult:
        """A page of the transcript ending just before message id `before` (newest page when None)."""
        conditions = [ChatMessage.session_id == chat.session_id]
        if before is not None:
            conditions.append(ChatMessage.id < before)
        rows = list(
            (
                await self.db.scalars(
                    select(ChatMessage)
                    .where(and_(*conditions))
                    .order_by(ChatMessage.id.desc())
                    .limit(limit + 1)
                )
            ).all()
        )
        items, more = rows[:limit], len(rows) > limit
        items.reverse()
        return MessagePageResult(items, items[0].id if more and items else None)
