"""Accounts: register, authenticate, and erase a user with everything of theirs."""

from __future__ import annotations

import logging
import uuid

from langgraph.checkpoint.base import BaseCheckpointSaver
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from backend.auth import Passwords
from backend.errors import ApiError
from backend.models import ChatSession, User

log = logging.getLogger(__name__)


def normalize_email(email: str) -> str:
    return email.strip().lower()


class UserService:
    def __init__(self, db: AsyncSession, passwords: Passwords) -> None:
        self.db = db
        self.passwords = passwords

    async def register(self, email: str, password: str) -> User:
        user = User(email=normalize_email(email), password_hash=await self.passwords.hash(password))
        self.db.add(user)
        try:
            await self.db.commit()
        except IntegrityError:
            await self.db.rollback()
            raise ApiError(409, "email_taken", "이미 가입된 이메일입니다.") from None
        await self.db.refresh(user)
        return user

    async def authenticate(self, email: str, password: str) -> User | None:
        user = await self.db.scalar(select(User).where(User.email == normalize_email(email)))
        ok = await self.passwords.verify(password, user.password_hash if user else None)
        return user if ok and user is not None and user.is_active else None

    async def get_active(self, user_id: uuid.UUID) -> User | None:
        user = await self.db.get(User, user_id)
        # End the read transaction: the request session would otherwise hold a pooled connection
        # for the whole request, e.g. while a JSON turn waits seconds for its answer. The user is
        # detached first so the rollback does not expire it.
        if user is not None:
            self.db.expunge(user)
        await self.db.rollback()
        return user if user is not None and user.is_active else None

    async def erase(self, user_id: uuid.UUID, checkpointer: BaseCheckpointSaver) -> None:
        """Deletes the user's LangGraph threads, then the user row; every table of ours cascades from it.

        Threads go first: if the second step fails, a retry finds the user and finishes the job, whereas
        the other order could leave checkpoints behind that nothing points at any more. A turn that is
        still running for this user notices its session vanished and deletes its thread itself.
        """
        session_ids = (
            await self.db.scalars(select(ChatSession.session_id).where(ChatSession.user_id == user_id))
        ).all()
        await self.db.rollback()  # no transaction held open across the checkpoint deletes
        for session_id in session_ids:
            await checkpointer.adelete_thread(str(session_id))
        await self.db.execute(delete(User).where(User.id == user_id))
        await self.db.commit()
        log.info("user erased", extra={"user_id": str(user_id), "threads": len(session_ids)})
