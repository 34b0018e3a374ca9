"""Accounts: register, authenticate, and erase a user with everything of theirs."""

from __future__ import annotations

import logging
import uuid

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from backend.auth import InvalidEmail, Passwords, email_problem, legacy_email, normalize_email
from backend.chats import LOCK_USER_FOR_ERASURE, delete_threads, erase_in_one_transaction
from backend.errors import ApiError
from backend.langgraph_api.store import delete_user_items
from backend.models import ChatSession, Session, User

log = logging.getLogger(__name__)


class UserService:
    def __init__(self, db: AsyncSession, passwords: Passwords) -> None:
        self.db = db
        self.passwords = passwords

    async def register(self, email: str, password: str) -> User:
        """A new account under the normalized address; 422 for an invalid address or a weak password,
        409 `email_taken` when the address has an account (README "Accounts and sign-in": kept, since
        sign-up is throttled per address and per client)."""
        address = normalize_email(email)
        if (problem := email_problem(address)) is not None:
            raise InvalidEmail(problem)
        await self.passwords.check_strength(password, address)
        user = User(email=address, password_hash=await self.passwords.hash(password))
        self.db.add(user)
        try:
            await self.db.commit()
        except IntegrityError:
            await self.db.rollback()
            raise ApiError(409, "email_taken", "이미 가입된 이메일입니다.") from None
        await self.db.refresh(user)
        return user

    async def authenticate(self, email: str, password: str) -> User | None:
        """The active user with this email and password. Looked up by the normalized address, and by
        the old spelling for accounts stored before normalization (migration 0005 lists them)."""
        address, legacy = normalize_email(email), legacy_email(email)
        found = (await self.db.scalars(select(User).where(User.email.in_({address, legacy})))).all()
        user = next((u for u in found if u.email == address), found[0] if found else None)
        # No connection is held while hashing, nor while the caller starts the login session on its own
        # connection (with a pool of one that would wait for itself): detach the row, end the read.
        self.db.expunge_all()
        await self.db.rollback()
        ok = await self.passwords.verify(password, user.password_hash if user else None)
        return user if ok and user is not None and user.is_active else None

    async def change_password(
        self, user_id: uuid.UUID, current: str, new: str, keep_session: str
    ) -> int | None:
        """Sets a new password and ends every other login session of the user in one transaction;
        returns how many sessions ended, or None (nothing changed) when `current` is wrong.

        No connection is held while hashing (which may wait for a slot); the update applies only if
        the stored hash is still the one verified, so two concurrent changes cannot both win."""
        row = (
            await self.db.execute(select(User.email, User.password_hash).where(User.id == user_id))
        ).one_or_none()
        await self.db.rollback()
        if row is None or not await self.passwords.verify(current, row.password_hash):
            return None
        await self.passwords.check_strength(new, row.email)
        new_hash = await self.passwords.hash(new)
        changed = await self.db.execute(
            update(User)
            .where(User.id == user_id, User.password_hash == row.password_hash)
            .values(password_hash=new_hash)
            .execution_options(synchronize_session=False)
        )
        if changed.rowcount != 1:
            await self.db.rollback()
            return None
        ended = await self.db.execute(
            delete(Session)
            .where(Session.user_id == user_id, Session.session_id != keep_session)
            .execution_options(synchronize_session=False)
        )
        await self.db.commit()
        return ended.rowcount

    async def erase(self, user_id: uuid.UUID) -> None:
        """Deletes the user with everything of theirs in one transaction: the LangGraph checkpoints of
        their chats and their LangGraph store items, then the user row, from which every table of ours
        cascades. All or nothing: the user row is locked first (the order the memory worker follows too),
        and a deadlock or serialization failure retries the whole transaction (backend/chats.py). A turn still running for the user
        notices its chat vanished when it stores the answer and deletes the thread it wrote."""

        async def erase() -> int:
            if await self.db.scalar(LOCK_USER_FOR_ERASURE, {"user_id": user_id}) is None:
                return 0  # already gone (a concurrent deletion won)
            chats = (
                await self.db.scalars(select(ChatSession.session_id).where(ChatSession.user_id == user_id))
            ).all()
            await delete_threads(self.db, chats)
            await delete_user_items(self.db, user_id)  # the LangGraph store has no foreign key to cascade
            await self.db.execute(delete(User).where(User.id == user_id))
            return len(chats)

        threads = await erase_in_one_transaction(self.db, erase)
        log.info("user erased", extra={"user_id": str(user_id), "threads": threads})
