"""What the graph needs from the outside world, passed into `build_graph` (no globals)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine

from agents.gazetteer import Gazetteer, load_gazetteer
from agents.slots import Slots
from agents.tools.cache import ToolCache, data_version

# (user_id, query, slots, wants_previous) -> memory.recall.Recall (or None when memory is off)
RecallFn = Callable[[str, str, Slots, bool], Awaitable[Any]]


@dataclass
class AgentDeps:
    engine: AsyncEngine
    gazetteer: Gazetteer
    tool_cache: ToolCache
    recall: RecallFn | None = None
    window_messages: int = 12
    summary_chars: int = 1500
    today: Callable[[], dt.date] = field(default=dt.date.today)


async def create_agent_deps(
    engine: AsyncEngine,
    *,
    memory: bool = True,
    window_messages: int = 12,
    tool_cache_entries: int = 2048,
    data_version_check_s: float = 5.0,
) -> AgentDeps:
    """Loads the gazetteer once (server start) and wires long-term memory recall and the tool cache."""
    gazetteer = await load_gazetteer(engine)
    recall = _engine_recall(engine) if memory else None
    cache = ToolCache(
        data_version(engine), max_entries=tool_cache_entries, version_check_s=data_version_check_s
    )
    return AgentDeps(
        engine=engine, gazetteer=gazetteer, tool_cache=cache, recall=recall, window_messages=window_messages
    )


def _engine_recall(engine: AsyncEngine) -> RecallFn:
    from memory.recall import RecallBudget, recall_for_planning

    budget = RecallBudget()

    async def recall(user_id: str, query: str, slots: Slots, wants_previous: bool) -> Any:
        async with engine.connect() as conn:
            return await recall_for_planning(
                conn, user_id, query, slots, wants_previous=wants_previous, budget=budget
            )

    return recall
