"""Threads are chat sessions: the same rows, seen the way LangGraph clients expect (backend/chats.py owns
them; this module only reads them and creates them with a client-chosen id and metadata).

A thread's status comes from what is stored: `busy` while a run of it is pending or running, `interrupted`
when the last message of its active branch is a question the assistant waits on, `error` when its last
run failed, else `idle`. Its `values.messages` are its active branch (backend/chats.py).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import column as result_column
from sqlalchemy import func, select, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from backend.chats import LOCK_USER_FOR_NEW_CHAT, ChatAccess, branch_to
from backend.errors import ApiError, not_found
from backend.langgraph_api.adapter import StoredMessage, interrupt_json, stored_interrupt, values_json
from backend.models import ChatMessage, ChatSession
from backend.quotas import quota_exceeded

STATUS_SQL = """
    CASE
      WHEN EXISTS (SELECT 1 FROM runs r WHERE r.thread_id = c.session_id AND r.status IN ('pending', 'running'))
        THEN 'busy'
      WHEN coalesce((SELECT m.role = 'assistant' AND m.structured_data ? 'interrupt' FROM chat_messages m
                     WHERE m.id = c.active_leaf_id AND m.session_id = c.session_id), false)
        THEN 'interrupted'
      WHEN coalesce((SELECT r.status = 'error' FROM runs r WHERE r.thread_id = c.session_id
                     ORDER BY r.created_at DESC LIMIT 1), false)
        THEN 'error'
      ELSE 'idle'
    END
"""
# The thread's retained checkpoints (root namespace), newest first, each with the newest answer that ended
# on it (NULL: not a turn boundary — the head of a chat from before boundaries were recorded, or a
# step a `sync` durability run saved mid-turn).
CHECKPOINTS_SQL = text(
    """
    SELECT c.checkpoint_id, max(m.id) AS message_id
    FROM checkpoints c
    LEFT JOIN chat_messages m ON m.session_id = :session_id AND m.role = 'assistant'
     AND m.checkpoint_id = c.checkpoint_id
    WHERE c.thread_id = :thread_id AND c.checkpoint_ns = ''
    GROUP BY c.checkpoint_id
    ORDER BY c.checkpoint_id DESC
    """
)
REPOINT_SQL = text(
    "UPDATE chat_messages SET checkpoint_id = :checkpoint_id WHERE id = :message_id AND session_id = :session_id"
)
_COLUMNS = [column.name for column in ChatMessage.__table__.c]
# The newest :limit messages of each thread's active branch, oldest first (the rows of chats.py's
# ACTIVE_BRANCHES_SQL): the walk up from the leaf carries each message's row, one primary-key lookup a
# step (the LIMIT keeps the lookup a parameterized index scan), instead of joining the ids back to
# `chat_messages` afterwards, which the planner answered with a scan of the whole table, and on a small
# table with a scan per step (100 messages: 7.6 ms at 5,000 messages on the server, growing with every
# chat; this, 1.0–1.6 ms whatever the table holds).
VALUES_SQL = text(
    f"""
    WITH RECURSIVE branch AS (
        SELECT {", ".join(f"m.{c}" for c in _COLUMNS)}, 1 AS depth
        FROM chat_sessions s JOIN chat_messages m ON m.session_id = s.session_id AND m.id = coalesce(
            s.active_leaf_id, (SELECT max(x.id) FROM chat_messages x WHERE x.session_id = s.session_id)
        )
        WHERE s.session_id = ANY(CAST(:session_ids AS uuid[]))
        UNION ALL
        SELECT {", ".join(f"p.{c}" for c in _COLUMNS)}, branch.depth + 1
        FROM branch CROSS JOIN LATERAL (SELECT * FROM chat_messages p WHERE p.id = branch.parent_id LIMIT 1) p
        WHERE branch.depth < :limit
    )
    SELECT {", ".join(_COLUMNS)} FROM branch ORDER BY session_id, id
    """
    # every column, in order: SQLAlchemy caches the result's metadata instead of matching names each time
).columns(*(result_column(c, JSONB if c == "structured_data" else None) for c in _COLUMNS))
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
    def __init__(self, db: AsyncSession | AsyncConnection, state_messages: int) -> None:
        """`db`: a session, or a Core connection for the reads a run's values need (backend/runs.py `autocommit`)."""
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

    async def update_metadata(
        self, chat: ChatAccess, metadata: dict[str, Any], *, if_new: bool = False
    ) -> None:
        """Merges `metadata` into the thread's (as LangGraph servers do). `if_new`: nothing is written when
        the thread has it already (every run merges the same graph and assistant ids: no row version,
        no WAL once they are there)."""
        await self.db.execute(
            text(
                "UPDATE chat_sessions SET metadata = metadata || CAST(:metadata AS jsonb), updated_at = now() "
                "WHERE session_id = :session_id AND user_id = :user_id "
                "AND NOT (CAST(:if_new AS boolean) AND metadata @> CAST(:metadata AS jsonb))"
            ),
            {
                "metadata": _json(metadata),
                "session_id": chat.session_id,
                "user_id": chat.user_id,
                "if_new": if_new,
            },
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

    async def count(self, user_id: uuid.UUID, *, metadata: dict[str, Any], status: str | None) -> int:
        """How many of the user's threads `search` would find with these filters."""
        sql = "SELECT count(*) FROM chat_sessions c WHERE c.user_id = :user_id"
        sql += " AND c.metadata @> CAST(:metadata AS jsonb)"
        if status is not None:
            sql += f" AND ({STATUS_SQL}) = :status"
        params = {"user_id": user_id, "metadata": _json(metadata), "status": status}
        return int(await self.db.scalar(text(sql), params) or 0)

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

    async def messages(self, thread_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[StoredMessage]]:
        """The newest `state_messages` messages of each thread's active branch, oldest first, as plain
        rows: values only read them, and building ORM objects cost more than the query (every run's
        result and stream read up to `state_messages` of them)."""
        if not thread_ids or self.state_messages <= 0:
            return {}
        params = {"session_ids": [str(t) for t in thread_ids], "limit": self.state_messages}
        found: dict[uuid.UUID, list[StoredMessage]] = {}
        for row in (await self.db.execute(VALUES_SQL, params)).all():
            found.setdefault(row.session_id, []).append(cast("StoredMessage", row))
        return found

    async def branch_to(self, chat: ChatAccess, message_id: int) -> list[ChatMessage]:
        """The newest `state_messages` messages of the branch ending at `message_id`."""
        return await branch_to(self.db, chat, message_id, self.state_messages)

    async def turn_states(self, chat: ChatAccess) -> list[tuple[str, int | None]]:
        """(checkpoint id, the answer that ended on it or None for the head) of the states a client may
        read and fork from, newest first: the retained turn boundaries, and the head whatever it is."""
        rows = (
            await self.db.execute(
                CHECKPOINTS_SQL, {"session_id": chat.session_id, "thread_id": str(chat.session_id)}
            )
        ).all()
        return [(r.checkpoint_id, r.message_id) for i, r in enumerate(rows) if i == 0 or r.message_id]

    async def repoint(self, chat: ChatAccess, message_id: int, checkpoint_id: str) -> None:
        """The answer now stands on `checkpoint_id` (a state write made a new checkpoint after its own)."""
        params = {"checkpoint_id": checkpoint_id, "message_id": message_id, "session_id": chat.session_id}
        await self.db.execute(REPOINT_SQL, params)
        await self.db.commit()

    async def values(self, thread_id: uuid.UUID) -> dict[str, Any]:
        return values_json((await self.messages([thread_id])).get(thread_id, []))


def thread_json(row: ThreadRow, messages: Sequence[StoredMessage]) -> dict[str, Any]:
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
