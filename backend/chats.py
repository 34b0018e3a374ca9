"""Chat sessions and their transcripts, always scoped to their owner (another user's id is "not found").

The chat_messages trigger keeps message_count / last_message / updated_at / the first-question title in
step; nothing here writes those columns.

Erasure is all or nothing: a chat (and an account, backend/users.py) is deleted in one transaction that
includes its LangGraph checkpoints, its conversation memories and its memory jobs, and that takes the user
row first — the lock order every writer of a user's rows follows (memory/worker.py) — so it cannot
deadlock with the memory worker; a deadlock or serialization failure with anything else retries the whole
transaction (`erase_in_one_transaction`).

A transcript is a tree (forks: regenerate / edit an earlier message, migration 0009): every message has
a parent, and a chat shows one branch, the path from its active leaf (`chat_sessions.active_leaf_id`,
the message last written unless a branch was switched to since) up to its first message. Parents are
older than their children, so a branch read in id order runs from the first message to the leaf.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import logging
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import func, select, text, tuple_, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from backend.errors import ApiError, not_found
from backend.locks import SessionBusy, SessionLocks
from backend.models import ChatMessage, ChatSession
from backend.quotas import quota_exceeded

log = logging.getLogger(__name__)
T = TypeVar("T")

# The user row, locked before anything else of the user's (see the module docstring). FOR NO KEY UPDATE
# serializes chat creation per user (the quota count) without blocking foreign-key checks.
LOCK_USER_FOR_ERASURE = text("SELECT id FROM users WHERE id = :user_id FOR UPDATE")
LOCK_USER_SHARED = text("SELECT id FROM users WHERE id = :user_id FOR KEY SHARE")
LOCK_USER_FOR_NEW_CHAT = text("SELECT id FROM users WHERE id = :user_id FOR NO KEY UPDATE")
# LangGraph's tables keyed by thread_id (a thread is a chat); what AsyncPostgresSaver.adelete_thread
# deletes, here inside our own transaction.
CHECKPOINT_TABLES = ("checkpoint_writes", "checkpoint_blobs", "checkpoints")
DELETE_THREADS = tuple(
    text(f"DELETE FROM {table} WHERE thread_id = ANY(CAST(:thread_ids AS text[]))")
    for table in CHECKPOINT_TABLES
)
# What a chat leaves outside its own rows: its memory jobs (pending and finished: they hold the
# exchange's text), its conversation memories, and provenance of preferences stated in it (the
# preferences themselves are the user's and stay).
DELETE_CHAT_JOBS = text("DELETE FROM memory_jobs WHERE user_id = :user_id AND session_id = :session_id")
DELETE_CHAT_MEMORIES = text(
    "DELETE FROM conversation_memories WHERE user_id = :user_id AND session_id = :session_id"
)
FORGET_CHAT_PROVENANCE = text(
    "UPDATE user_preferences SET source_session_id = NULL, source_message_id = NULL "
    "WHERE user_id = :user_id AND source_session_id = :session_id"
)
DELETE_CHAT = text("DELETE FROM chat_sessions WHERE session_id = :session_id AND user_id = :user_id")

# The chat's active leaf; a chat that never recorded one (nothing since migration 0009 cleared it) shows
# its newest message.
ACTIVE_LEAF = (
    "SELECT coalesce(c.active_leaf_id, (SELECT max(x.id) FROM chat_messages x WHERE x.session_id = c.session_id))"
    " FROM chat_sessions c WHERE c.session_id = {session}"
)
# One page of a branch, oldest first: up to :limit messages older than :before on the way up from the
# message :before itself (a page boundary, on whichever branch it is) or, when :before names no message
# of this chat, from the active leaf. Each step is a primary-key lookup.
BRANCH_PAGE_SQL = text(
    f"""
    WITH RECURSIVE branch(id, parent_id, taken) AS (
        SELECT m.id, m.parent_id, CASE WHEN m.id < :before THEN 1 ELSE 0 END
        FROM chat_messages m
        WHERE m.session_id = :session_id AND m.id = coalesce(
            (SELECT b.id FROM chat_messages b WHERE b.id = :before AND b.session_id = :session_id),
            ({ACTIVE_LEAF.format(session=":session_id")})
        )
        UNION ALL
        SELECT p.id, p.parent_id, branch.taken + CASE WHEN p.id < :before THEN 1 ELSE 0 END
        FROM branch JOIN chat_messages p ON p.id = branch.parent_id
        WHERE branch.taken < :limit
    )
    SELECT m.* FROM chat_messages m JOIN branch ON branch.id = m.id WHERE m.id < :before ORDER BY m.id
    """
)
# The newest :limit messages of the branch ending at message :message_id, oldest first.
BRANCH_TO_SQL = text(
    """
    WITH RECURSIVE branch(id, parent_id, depth) AS (
        SELECT m.id, m.parent_id, 1 FROM chat_messages m WHERE m.id = :message_id AND m.session_id = :session_id
        UNION ALL
        SELECT p.id, p.parent_id, branch.depth + 1
        FROM branch JOIN chat_messages p ON p.id = branch.parent_id
        WHERE branch.depth < :limit
    )
    SELECT m.* FROM chat_messages m JOIN branch ON branch.id = m.id ORDER BY m.id
    """
)
# The newest :limit messages of each chat's active branch (LangGraph `values.messages`).
ACTIVE_BRANCHES_SQL = text(
    """
    WITH RECURSIVE branch(id, parent_id, depth) AS (
        SELECT m.id, m.parent_id, 1
        FROM chat_sessions c JOIN chat_messages m ON m.session_id = c.session_id AND m.id = coalesce(
            c.active_leaf_id, (SELECT max(x.id) FROM chat_messages x WHERE x.session_id = c.session_id)
        )
        WHERE c.session_id = ANY(CAST(:session_ids AS uuid[]))
        UNION ALL
        SELECT p.id, p.parent_id, branch.depth + 1
        FROM branch JOIN chat_messages p ON p.id = branch.parent_id
        WHERE branch.depth < :limit
    )
    SELECT m.* FROM chat_messages m JOIN branch ON branch.id = m.id ORDER BY m.session_id, m.id
    """
)
# The user messages that share a parent with one of :parents (a fork's alternatives), oldest first.
SIBLINGS_SQL = text(
    "SELECT id, parent_id FROM chat_messages WHERE session_id = :session_id AND role = 'user' "
    "AND parent_id = ANY(CAST(:parents AS bigint[])) ORDER BY id"
)
# Switching branches: the newest message under the chosen one becomes the active leaf (a newest message
# has no children, so it is a leaf, and the branch through the chosen message is the one last written).
ACTIVATE_SQL = text(
    """
    WITH RECURSIVE subtree(id) AS (
        SELECT id FROM chat_messages WHERE id = :message_id AND session_id = :session_id
        UNION ALL
        SELECT c.id FROM chat_messages c JOIN subtree s ON c.parent_id = s.id
    )
    UPDATE chat_sessions SET active_leaf_id = leaf.id, last_message = left(leaf.content, 200)
    FROM (SELECT m.id, m.content FROM chat_messages m WHERE m.id = (SELECT max(id) FROM subtree)) AS leaf
    WHERE session_id = :session_id AND user_id = :user_id
    RETURNING leaf.id
    """
)
NO_BEFORE = 2**63 - 1

RETRIED_SQLSTATES = frozenset({"40P01", "40001"})  # deadlock detected, serialization failure
ERASE_ATTEMPTS = 4


async def erase_in_one_transaction(db: AsyncSession, work: Callable[[], Awaitable[T]]) -> T:
    """Runs `work` in one transaction and commits; on a deadlock or serialization failure the whole
    transaction is rolled back and run again, so an erasure never stops halfway."""
    for attempt in range(1, ERASE_ATTEMPTS + 1):
        await db.rollback()
        try:
            result = await work()
            await db.commit()
            return result
        except DBAPIError as exc:
            await db.rollback()
            if getattr(exc.orig, "sqlstate", None) not in RETRIED_SQLSTATES or attempt == ERASE_ATTEMPTS:
                raise
            log.warning("erasure retried after a lock conflict", extra={"attempt": attempt})
    raise AssertionError("unreachable")


async def delete_threads(db: AsyncSession, thread_ids: Sequence[uuid.UUID]) -> None:
    """The chats' LangGraph checkpoints, in the caller's transaction."""
    if thread_ids:
        ids = [str(t) for t in thread_ids]
        for statement in DELETE_THREADS:
            await db.execute(statement, {"thread_ids": ids})


def turn_in_progress(session_id: uuid.UUID, retry_after_s: int | None = None) -> ApiError:
    """409: another turn holds the chat. With `retry_after_s`, `Retry-After` (and the same number in
    details, for WebSocket clients) says when asking again is worth it; the turn itself goes on."""
    details: dict[str, object] = {"session_id": str(session_id)}
    if retry_after_s is not None:
        details["retry_after_seconds"] = retry_after_s
    return ApiError(
        409,
        "turn_in_progress",
        "이 대화에서 이전 질문에 대한 답변이 아직 진행 중입니다. 답변이 끝난 뒤 다시 시도해 주세요.",
        details,
        headers={"Retry-After": str(retry_after_s)} if retry_after_s is not None else None,
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
    instead of a bare id, so the one ownership check happens before them, once per request or socket.

    `checked=False`: a chat only claimed by the signed-in user (a REST turn, backend/deps.py
    `ClaimedChat`): the turn checks ownership in the statement it reads the chat with anyway (issue 20),
    and answers 404 before anything else for a chat that is not the user's."""

    user_id: uuid.UUID
    session_id: uuid.UUID
    checked: bool = True


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

    async def create(self, user_id: uuid.UUID, title: str | None, *, limit: int = 0) -> ChatSession:
        """A new chat; 403 `quota_exceeded` when the user already has `limit` chats (0: no limit).
        The user row lock makes concurrent creations count one after another, so the cap holds."""
        if limit:
            await self.db.execute(LOCK_USER_FOR_NEW_CHAT, {"user_id": user_id})
            count = await self.db.scalar(
                select(func.count()).select_from(ChatSession).where(ChatSession.user_id == user_id)
            )
            if (count or 0) >= limit:
                await self.db.rollback()
                raise quota_exceeded("chats_per_user", limit)
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

    async def delete(self, user_id: uuid.UUID, session_id: uuid.UUID, locks: SessionLocks) -> None:
        """Erases the chat in one transaction: its memory jobs, conversation memories, checkpoints and
        row (the transcript cascades). Holds the turn lock, so a running turn is never cut in half and
        no new job of this chat can appear meanwhile."""
        await self.get(user_id, session_id)
        await self.db.rollback()
        try:
            lease = await locks.acquire(session_id)
        except SessionBusy:
            raise turn_in_progress(session_id) from None
        params = {"user_id": user_id, "session_id": session_id}

        async def erase() -> None:
            await self.db.execute(LOCK_USER_SHARED, {"user_id": user_id})
            # Waits for a memory job of this chat that a worker is running, then deletes its memory too.
            await self.db.execute(DELETE_CHAT_JOBS, params)
            await self.db.execute(DELETE_CHAT_MEMORIES, params)
            await self.db.execute(FORGET_CHAT_PROVENANCE, params)
            await delete_threads(self.db, [session_id])
            await self.db.execute(DELETE_CHAT, params)

        try:
            await erase_in_one_transaction(self.db, erase)
        finally:
            await lease.release()

    async def transcript(self, chat: ChatAccess, limit: int, before: int | None) -> MessagePageResult:
        """A page of the active branch ending just before message `before` (the newest page when None);
        a `before` on another branch (a page loaded before a switch) pages on up that branch."""
        params = {"session_id": chat.session_id, "before": before or NO_BEFORE, "limit": limit + 1}
        rows = list(
            (await self.db.scalars(select(ChatMessage).from_statement(BRANCH_PAGE_SQL), params)).all()
        )
        more = len(rows) > limit
        items = rows[-limit:] if more else rows
        return MessagePageResult(items, items[0].id if more and items else None)

    async def siblings(self, chat: ChatAccess, messages: Sequence[ChatMessage]) -> dict[int, list[int]]:
        """For each user message in `messages` that has alternatives (other questions asked from the
        same point), the ids of all of them, oldest first."""
        parents = sorted({m.parent_id for m in messages if m.role == "user" and m.parent_id is not None})
        if not parents:
            return {}
        rows = (
            await self.db.execute(SIBLINGS_SQL, {"session_id": chat.session_id, "parents": parents})
        ).all()
        by_parent: dict[int, list[int]] = {}
        for row in rows:
            by_parent.setdefault(row.parent_id, []).append(row.id)
        return {
            m.id: by_parent[m.parent_id]
            for m in messages
            if m.role == "user" and len(by_parent.get(m.parent_id or 0, ())) > 1
        }

    async def activate(self, chat: ChatAccess, message_id: int) -> int:
        """Makes the branch through `message_id` the one the chat shows (its newest message becomes the
        active leaf); 404 when the message is not this chat's. The caller holds the chat's turn lock."""
        leaf = await self.db.scalar(
            ACTIVATE_SQL,
            {"message_id": message_id, "session_id": chat.session_id, "user_id": chat.user_id},
        )
        if leaf is None:
            await self.db.rollback()
            raise not_found("message")
        await self.db.commit()
        return leaf


async def active_branches(
    db: AsyncSession, session_ids: Sequence[uuid.UUID], limit: int
) -> dict[uuid.UUID, list[ChatMessage]]:
    """The newest `limit` messages of each chat's active branch, oldest first."""
    if not session_ids or limit <= 0:
        return {}
    params = {"session_ids": [str(s) for s in session_ids], "limit": limit}
    found: dict[uuid.UUID, list[ChatMessage]] = {}
    for message in (await db.scalars(select(ChatMessage).from_statement(ACTIVE_BRANCHES_SQL), params)).all():
        found.setdefault(message.session_id, []).append(message)
    return found


async def branch_to(db: AsyncSession, chat: ChatAccess, message_id: int, limit: int) -> list[ChatMessage]:
    """The newest `limit` messages of the branch that ends at `message_id`, oldest first (the transcript
    as it stood when that message was written)."""
    if limit <= 0:
        return []
    params = {"session_id": chat.session_id, "message_id": message_id, "limit": limit}
    return list((await db.scalars(select(ChatMessage).from_statement(BRANCH_TO_SQL), params)).all())
