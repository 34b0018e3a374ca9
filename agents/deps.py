"""What the graph needs from the outside world, passed into `build_graph` (no globals)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine

from agents.domain.slots import Slots
from agents.gazetteer import Gazetteer, load_gazetteer
from agents.tools.cache import ToolCache, data_version
from agents.tools.coverage import CoverageRegistry

# (user_id, query, slots, wants_previous) -> memory.recall.Recall, injected by backend/
RecallFn = Callable[[str, str, Slots, bool], Awaitable[Any]]


@dataclass
class AgentDeps:
    engine: AsyncEngine
    gazetteer: Gazetteer
    tool_cache: ToolCache
    coverage: CoverageRegistry
    recall: RecallFn | None = None
    window_messages: int = 12
    summary_chars: int = 1500
    today: Callable[[], dt.date] = field(default=dt.date.today)


async def create_agent_deps(
    engine: AsyncEngine,
    *,
    recall: RecallFn | None,
    window_messages: int = 12,
    tool_cache_entries: int = 2048,
    data_version_check_s: float = 5.0,
) -> AgentDeps:
    """Loads the gazetteer and the data coverage once (server start) and sets up the tool cache.

    `recall` is long-term memory, built by the caller (backend/recall.py): agents/ never imports
    memory/; None turns it off."""
    gazetteer = await load_gazetteer(engine)
    version = data_version(engine)
    cache = ToolCache(version, max_entries=tool_cache_entries, version_check_s=data_version_check_s)
    coverage = CoverageRegistry(engine, version, version_check_s=data_version_check_s)
    await coverage.current()  # loaded at start like the gazetteer, so the first turn does not pay for it
    return AgentDeps(
        engine=engine,
        gazetteer=gazetteer,
        tool_cache=cache,
        coverage=coverage,
        recall=recall,
        window_messages=window_messages,
    )
