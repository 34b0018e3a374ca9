"""Long-term memory recall as the planning agent calls it: the one place memory/ meets agents/.

agents/ never imports memory/, so the backend (the composition root) builds this function and
passes it to `agents.deps.create_agent_deps(recall=...)`.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine

from agents.deps import RecallFn
from agents.domain.slots import Slots
from memory.recall import RecallBudget, recall_for_planning


def engine_recall(engine: AsyncEngine) -> RecallFn:
    """Recall over a connection of `engine` per call, with one budget shared by all calls."""
    budget = RecallBudget()

    async def recall(user_id: str, query: str, slots: Slots, wants_previous: bool) -> Any:
        async with engine.connect() as conn:
            return await recall_for_planning(
                conn, user_id, query, slots, wants_previous=wants_previous, budget=budget
            )

    return recall
