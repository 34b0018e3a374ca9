"""Threads are chat sessions: the same rows, seen the way LangGraph clients expect (backend/chats.py owns
them; this module only reads them and creates them with a client-chosen id and metadata).

A thread's status comes from what is stored: `busy` while a run of it is pending or running, `interrupted`
when its last message is a question the assistant waits on, `error` when its last run failed, else `idle`.
"""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from backend.chats import LOCK_USER_FOR_NEW_CHAT, ChatAccess
from backend.errors import ApiError, not_found
from backend.langgraph_api.adapter import interrupt_json, stored_interrupt, values_json
from backend.models import ChatMessage, ChatSession
from backend.quotas import quota_exceeded

STATUS_SQL = """
    CASE
      WHEN EXISTS (SELECT 1 FROM runs r WHERE r.thread_id = c.session_id AND r.status IN ('pending', 'running'))
        THEN 'busy'
      WHEN coalesce((SELECT m.role = 'assistant' AND m.structured_data ? 'interrupt' FROM chat_messages m
                     WHERE m.session_id = c.session_id ORDER BY m.id DESC LIMIT 1), false)
        THEN 'interrupted'
      WHEN coalesce((SELECT r.status = 'error' FROM runs r WHERE r.thread_id = c.session_id
                     ORDER BY r.created_at DESC LIMIT 1), false)
        THEN 'error'
      ELSE 'idle'
    END
"""
SORT_COLUMNS = {"thread_id": "c.session_id", "status": "status", "created_at": "c.created_at"}
SEARCH_SQL = """
    SELECT c.session_id, c.created_at, c.updated_at, c.metadata, ({status}) AS status
    FROM chat_sessions c
    WHERE c.user_id = :user_id AND c.metadata @> CAST(:metadata AS jsonb)
      AND (CAST(:ids AS uuid[]) IS NULL OR c.session_id = ANY(CAST(:ids AS uuid[])))
"""


@dataclass(frozen=True)
class ThreadRow:
    session_id: uuid.UUID
    created_at: Any
    updated_at: Any
    metadata: dict[str, Any]
    status: str


def parse_thread_id(raw: str) -> uuid.UUID:
    """A thread id is a chat session's uuid; anything else names no thread (404)."""
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise not_found("thread") from None


class Threads:
    def __init__(self, db: AsyncSession, state_messages: int) -> None:
        self.db = db
        self.state_messages = state_messages

    async def create(
        self, user_id: uuid.UUID, thread_id: uuid.UUID | None, metadata: dict[str, Any], *, quota: int
    ) -> ChatSession:
        """A new chat with this id and metadata; 409 when the id is taken (by anyone)."""
        if quota:
            await self.db.execute(LOCK_USER_FOR_NEW_CHAT, {"user_id": user_id})
            count = await self.db.scalar(
                select(func.count()).select_from(ChatSession).where(ChatSession.user_id == user_id)
            )
            if (count or 0) >= quota:
                await self.db.rollback()
                raise quota_exceeded("chats_per_user", quota)
        chat = ChatSession(user_id=user_id, meta=metadata)
        if thread_id is not None:
            chat.session_id = thread_id
        self.db.add(chat)
        try:
            await self.db.commit()
        except IntegrityError:
            await self.db.rollback()
            raise thread_exists(thread_id) from None
        await self.db.refresh(chat)
        return chat

    async def update_metadata(self, chat: ChatAccess, metadata: dict[str, Any]) -> None:
        """Merges `metadata` into the thread's (as LangGraph servers do)."""
        await self.db.execute(
            text(
                "UPDATE chat_sessions SET metadata = metadata || CAST(:metadata AS jsonb), updated_at = now() "
                "WHERE session_id = :session_id AND user_id = :user_id"
            ),
            {"metadata": _json(metadata), "session_id": chat.session_id, "user_id": chat.user_id},
        )
        await self.db.commit()

    async def search(
        self,
        user_id: uuid.UUID,
        *,
        metadata: dict[str, Any],
        ids: Sequence[uuid.UUID] | None,
        status: str | None,
        limit: int,
        offset: int,
        sort_by: str,
        sort_order: str,
    ) -> list[ThreadRow]:
        order = "DESC" if sort_order == "desc" else "ASC"
        column = SORT_COLUMNS.get(sort_by, "c.updated_at")
        sql = SEARCH_SQL.format(status=STATUS_SQL)
        if status is not None:
            sql += f" AND ({STATUS_SQL}) = :status"
        sql += f" ORDER BY {column} {order}, c.session_id {order} LIMIT :limit OFFSET :offset"
        params = {
            "user_id": user_id,
            "metadata": _json(metadata),
            "ids": [str(i) for i in ids] if ids is not None else None,
            "status": status,
            "limit": limit,
            "offset": offset,
        }
        rows = (await self.db.execute(text(sql), params)).all()
        return [
            ThreadRow(r.session_id, r.created_at, r.updated_at, dict(r.metadata or {}), r.status)
            for r in rows
        ]

    async def one(self, chat: ChatAccess) -> ThreadRow:
        rows = await self.search(
            chat.user_id,
            metadata={},
            ids=[chat.session_id],
            status=None,
            limit=1,
            offset=0,
            sort_by="updated_at",
            sort_order="desc",
        )
        if not rows:
            raise not_found("thread")
        return rows[0]

    async def messages(self, thread_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[ChatMessage]]:
        """The newest `state_messages` transcript messages of each thread, oldest first."""
        if not thread_ids:
            return {}
        ranked = (
            select(
                ChatMessage.id,
                func.row_number()
                .over(partition_by=ChatMessage.session_id, order_by=ChatMessage.id.desc())
                .label("rank"),
            )
            .where(ChatMessage.session_id.in_(list(thread_ids)))
            .subquery()
        )
        rows = await self.db.scalars(
            select(ChatMessage)
            .join(ranked, ranked.c.id == ChatMessage.id)
            .where(ranked.c.rank <= self.state_messages)
            .order_by(ChatMessage.session_id, ChatMessage.id)
        )
        found: dict[uuid.UUID, list[ChatMessage]] = defaultdict(list)
        for message in rows.all():
            found[message.session_id].append(message)
        return found

    async def values(self, thread_id: uuid.UUID) -> dict[str, Any]:
        return values_json((await self.messages([thread_id])).get(thread_id, []))


def thread_json(row: ThreadRow, messages: Sequence[ChatMessage]) -> dict[str, Any]:
    pending = stored_interrupt(messages[-1] if messages else None)
    return {
        "thread_id": str(row.session_id),
        "created_at": row.created_at.isoformat(),
        "updated_at": row.updated_at.isoformat(),
        "metadata": row.metadata,
        "status": row.status,
        "values": values_json(messages),
        "interrupts": {pending.id: [interrupt_json(pending)]} if pending else {},
    }


def thread_exists(thread_id: uuid.UUID | None) -> ApiError:
    return ApiError(409, "thread_exists", "이 thread_id는 이미 사용 중입니다.", {"thread_id": str(thread_id)})


def _json(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)
