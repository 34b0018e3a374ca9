"""What the graph needs from the outside world, passed into `build_graph` (no globals)."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine

from agents.domain.slots import Slots
from agents.gazetteer import Gazetteer, load_gazetteer
from agents.tools.cache import ToolCache, VersionFn, data_version
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
    version: VersionFn | None = None,
) -> AgentDeps:
    """Loads the gazetteer and the data coverage once (server start) and sets up the tool cache.

    All three follow the data version (a load-data or sync-molit in any process): the cache empties,
    the coverage and the gazetteer reload. `recall` is long-term memory, built by the caller
    (backend/recall.py): agents/ never imports memory/; None turns it off. `engine` is where the data
    reads go; with read replicas the caller passes a router that only needs `connect()`, and its `version`,
    read on the node the data comes from (default: `data_version(engine)`)."""
    refresh = _GazetteerRefresh(engine, version or data_version(engine))
    gazetteer = await refresh.load()
    cache = ToolCache(refresh.version, max_entries=tool_cache_entries, version_check_s=data_version_check_s)
    coverage = CoverageRegistry(engine, refresh.version, version_check_s=data_version_check_s)
    await coverage.current()  # loaded at start like the gazetteer, so the first turn does not pay for it
    deps = AgentDeps(
        engine=engine,
        gazetteer=gazetteer,
        tool_cache=cache,
        coverage=coverage,
        recall=recall,
        window_messages=window_messages,
    )
    refresh.deps = deps
    return deps


class _GazetteerRefresh:
    """The data version as the tool cache and the coverage registry read it (at most every
    `data_version_check_s` each); when it moves, the gazetteer is rebuilt once (~1 s on the full data)
    and swapped into the deps, so 동 and 단지 of newly loaded or synced data are recognised without a
    restart. No query of its own: it rides on the version checks that already happen."""

    def __init__(self, engine: AsyncEngine, version: VersionFn) -> None:
        self._engine = engine
        self._version = version
        self._seen: Hashable = None
        self._lock = asyncio.Lock()
        self.deps: AgentDeps | None = None

    async def load(self) -> Gazetteer:
        self._seen = await self._version()  # read first: a change during the load is caught later
        return await load_gazetteer(self._engine)

    async def version(self) -> Hashable:
        current = await self._version()
        if current != self._seen and self.deps is not None:
            async with self._lock:
                if current != self._seen:
                    self.deps.gazetteer = await load_gazetteer(self._engine)
                    self._seen = current
        return current
