"""Per-user quotas: caps a normal user never reaches, so one account cannot fill the database or the server.

Two kinds (README "Quotas"):
- stored amounts (chats per user, messages per chat): refused with 403 `quota_exceeded`; waiting does not
  help, deleting something does;
- work in flight (turns running at once per user, in this process): refused with 429 `quota_exceeded`
  and `Retry-After`, since it clears by itself.
Long-term memory is capped without refusing anything: the memory worker drops the oldest items
(memory/worker.py `MemoryLimits`). A limit of 0 turns that check off.
LangGraph store items are a stored amount (403); LangGraph runs waiting in queues are work in flight
(429 + Retry-After), counted across processes from the `runs` table.
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass

from backend.errors import ApiError
from backend.settings import Settings
from memory.worker import MemoryLimits

QUOTA_MESSAGES = {
    "chats_per_user": "대화는 최대 {limit}개까지 만들 수 있습니다. 쓰지 않는 대화를 지운 뒤 다시 시도해 주세요.",
    "messages_per_chat": "한 대화에는 메시지를 최대 {limit}개까지 저장할 수 있습니다. 새 대화에서 이어서 물어봐 주세요.",
    "running_turns_per_user": "동시에 답변을 만들 수 있는 대화는 최대 {limit}개입니다. 진행 중인 답변이 끝난 뒤 다시 시도해 주세요.",
    "store_items_per_user": "저장 항목은 최대 {limit}개까지 만들 수 있습니다. 쓰지 않는 항목을 지운 뒤 다시 시도해 주세요.",
    "queued_runs_per_user": "끝나지 않은 실행은 최대 {limit}개까지 둘 수 있습니다. 앞의 실행이 끝난 뒤 다시 시도해 주세요.",
}


def quota_exceeded(quota: str, limit: int, *, retry_after_s: int | None = None) -> ApiError:
    """The common error shape, naming the limit (`details.quota`, `details.limit`)."""
    headers = {"Retry-After": str(retry_after_s)} if retry_after_s is not None else None
    return ApiError(
        429 if retry_after_s is not None else 403,
        "quota_exceeded",
        QUOTA_MESSAGES[quota].format(limit=limit),
        {"quota": quota, "limit": limit},
        headers=headers,
    )


@dataclass(frozen=True)
class Quotas:
    chats_per_user: int
    messages_per_chat: int
    running_turns_per_user: int
    memory: MemoryLimits

    @classmethod
    def from_settings(cls, settings: Settings) -> Quotas:
        return cls(
            chats_per_user=settings.quota_chats_per_user,
            messages_per_chat=settings.quota_messages_per_chat,
            running_turns_per_user=settings.quota_running_turns_per_user,
            memory=MemoryLimits(
                conversations=settings.quota_conversation_memories_per_user,
                entities=settings.quota_entities_per_user,
                preference_versions=settings.quota_preference_history_per_user,
            ),
        )


class RunningTurns:
    """Turns of each user running in this process. A per-process count (no round trip), so with N
    processes a user may run up to N × the limit; the point is that one user cannot take every turn slot
    (`max_concurrent_turns`) of a process."""

    def __init__(self, limit: int, retry_after_s: int) -> None:
        self._limit = limit
        self._retry_after_s = retry_after_s
        self._running: Counter[uuid.UUID] = Counter()

    def admit(self, user_id: uuid.UUID) -> None:
        """Counts the turn in, or raises 429 `quota_exceeded`; pair with `done`."""
        if self._limit and self._running[user_id] >= self._limit:
            raise quota_exceeded("running_turns_per_user", self._limit, retry_after_s=self._retry_after_s)
        self._running[user_id] += 1

    def done(self, user_id: uuid.UUID) -> None:
        self._running[user_id] -= 1
        if self._running[user_id] <= 0:
            del self._running[user_id]
