"""The LangGraph store of each user: LangGraph's own `AsyncPostgresStore` (tables `store` and
`store_migrations`, created by `budongsan migrate`), behind a namespace prefix the client never sees.

Every namespace a client names is stored under `("users", "<user id>", *namespace)` and every namespace
it reads back has those two labels removed. A client's labels are only ever appended to its own prefix
(the store matches prefixes on whole, escaped labels), so no namespace, filter or wildcard reaches
another user's items. Items count against `quota_store_items_per_user`; account erasure deletes the
user's prefix (backend/users.py, `delete_user_items`).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from langgraph.store.base import Item
from langgraph.store.postgres.aio import AsyncPostgresStore
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from backend.chats import LOCK_USER_FOR_NEW_CHAT
from backend.errors import not_found, unauthorized
from backend.quotas import quota_exceeded

ROOT = "users"
SCAN_PAGE = 500  # items read at a time by a text query
COUNT_SQL = text("SELECT count(*) FROM store WHERE prefix = :root OR prefix LIKE :below")
EXISTS_SQL = text("SELECT 1 FROM store WHERE prefix = :prefix AND key = :key")
DELETE_USER_SQL = text("DELETE FROM store WHERE prefix = :root OR prefix LIKE :below")


def user_root(user_id: uuid.UUID) -> tuple[str, str]:
    return (ROOT, str(user_id))


def _root_params(user_id: uuid.UUID) -> dict[str, str]:
    root = ".".join(user_root(user_id))  # a uuid holds no LIKE wildcard
    return {"root": root, "below": f"{root}.%"}


async def delete_user_items(db: AsyncSession, user_id: uuid.UUID) -> None:
    """Every store item of the user, inside the caller's transaction (account erasure)."""
    await db.execute(DELETE_USER_SQL, _root_params(user_id))


@dataclass(frozen=True)
class StoredItem:
    namespace: list[str]
    key: str
    value: dict[str, Any]
    created_at: str
    updated_at: str

    def json(self) -> dict[str, Any]:
        return {
            "namespace": self.namespace,
            "key": self.key,
            "value": self.value,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        }


class UserStore:
    """The store as one user sees it."""

    def __init__(
        self, store: AsyncPostgresStore, sessions: async_sessionmaker[AsyncSession], *, per_user: int
    ) -> None:
        self._store = store
        self._sessions = sessions
        self._per_user = per_user

    def _full(self, user_id: uuid.UUID, namespace: Sequence[str]) -> tuple[str, ...]:
        return (*user_root(user_id), *namespace)

    def _item(self, item: Item) -> StoredItem:
        return StoredItem(
            namespace=list(item.namespace[2:]),
            key=item.key,
            value=item.value,
            created_at=item.created_at.isoformat(),
            updated_at=item.updated_at.isoformat(),
        )

    async def put(
        self, user_id: uuid.UUID, namespace: Sequence[str], key: str, value: dict[str, Any]
    ) -> None:
        """Inserts or replaces an item. A new key beyond the quota is refused (403); replacing an item is
        always allowed. The user row is locked meanwhile, so a user's puts are counted one at a time and
        an account erasure either precedes the put (401) or deletes what it wrote."""
        full = self._full(user_id, namespace)
        async with self._sessions() as db, db.begin():
            if await db.scalar(LOCK_USER_FOR_NEW_CHAT, {"user_id": user_id}) is None:
                raise unauthorized()
            if self._per_user:
                exists = await db.scalar(EXISTS_SQL, {"prefix": ".".join(full), "key": key})
                held = 0 if exists else await db.scalar(COUNT_SQL, _root_params(user_id))
                if not exists and (held or 0) >= self._per_user:
                    raise quota_exceeded("store_items_per_user", self._per_user)
            await self._store.aput(full, key, value, index=False)

    async def get(self, user_id: uuid.UUID, namespace: Sequence[str], key: str) -> StoredItem:
        item = await self._store.aget(self._full(user_id, namespace), key)
        if item is None:
            raise not_found("store_item")
        return self._item(item)

    async def delete(self, user_id: uuid.UUID, namespace: Sequence[str], key: str) -> None:
        await self._store.adelete(self._full(user_id, namespace), key)

    async def search(
        self,
        user_id: uuid.UUID,
        prefix: Sequence[str],
        *,
        filter: dict[str, Any] | None,
        limit: int,
        offset: int,
        query: str | None = None,
    ) -> list[StoredItem]:
        """Items under `prefix`, newest first. `query` (no semantic index here): only the items whose
        value, as JSON text, holds every whitespace-separated word of it, case-insensitively; the
        user's items are scanned in pages (at most `quota_store_items_per_user` of them)."""
        full = self._full(user_id, prefix)
        words = [w.casefold() for w in (query or "").split()]
        if not words:
            found = await self._store.asearch(full, filter=filter, limit=limit, offset=offset)
            return [self._item(item) for item in found]
        matched: list[StoredItem] = []
        skip, scanned = offset, 0
        while len(matched) < limit:
            page = await self._store.asearch(full, filter=filter, limit=SCAN_PAGE, offset=scanned)
            scanned += len(page)
            for item in page:
                text_ = json.dumps(item.value, ensure_ascii=False).casefold()
                if all(w in text_ for w in words):
                    if skip:
                        skip -= 1
                    elif len(matched) < limit:
                        matched.append(self._item(item))
            if len(page) < SCAN_PAGE:
                break
        return matched

    async def namespaces(
        self,
        user_id: uuid.UUID,
        *,
        prefix: Sequence[str],
        suffix: Sequence[str] | None,
        max_depth: int | None,
        limit: int,
        offset: int,
    ) -> list[list[str]]:
        found = await self._store.alist_namespaces(
            prefix=self._full(user_id, prefix),
            suffix=tuple(suffix) if suffix else None,
            max_depth=max_depth + 2 if max_depth is not None else None,
            limit=limit,
            offset=offset,
        )
        return [list(ns[2:]) for ns in found]
