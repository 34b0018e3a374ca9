"""Results of the data tools, kept per process until the data changes.

The market tools are aggregates over a few hundred thousand rows that change only when `budongsan
load-data` runs, and people ask about the same complexes again and again. So a result is a pure
function of (tool, arguments, data version); the data version is the `data_files` bookkeeping that
load-data writes, looked up at most every `version_check_s`. A load in another process is therefore
seen within that many seconds, and then every cached result is dropped at once.

What is cached is the tool's JSON-ready dict, kept as JSON text: every caller gets a fresh copy (so
nothing one turn does to a result reaches the next turn's), and decoding JSON costs a fraction of a
`copy.deepcopy` of the same rows (deepcopy was 4% of a turn in bench/checkpoint_bench.py's profile).
"""

from __future__ import annotations

import json
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

DATA_VERSION_SQL = text("SELECT count(*), max(loaded_at), sum(rows) FROM data_files")

VersionFn = Callable[[], Awaitable[Hashable]]


def data_version(engine: AsyncEngine) -> VersionFn:
    """What changes whenever load-data adds, replaces or removes a file."""

    async def version() -> Hashable:
        async with engine.connect() as conn:
            return tuple((await conn.execute(DATA_VERSION_SQL)).one())

    return version


class ToolCache:
    """A bounded LRU of tool results, emptied when the data version changes. `max_entries=0` turns it off."""

    def __init__(
        self,
        version: VersionFn,
        *,
        max_entries: int = 2048,
        version_check_s: float = 5.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._version = version
        self.max_entries = max_entries
        self.version_check_s = version_check_s
        self._clock = clock
        self._entries: OrderedDict[Hashable, str] = OrderedDict()
        self._seen_version: Hashable = None
        self._checked_at = float("-inf")
        self.hits = 0
        self.misses = 0

    async def get_or_compute(
        self, key: Hashable, compute: Callable[[], Awaitable[dict[str, Any]]]
    ) -> dict[str, Any]:
        if self.max_entries <= 0:
            return await compute()
        await self._drop_if_data_changed()
        if key in self._entries:
            self._entries.move_to_end(key)
            self.hits += 1
            return json.loads(self._entries[key])
        self.misses += 1
        result = await compute()
        self._entries[key] = json.dumps(result, ensure_ascii=False)
        while len(self._entries) > self.max_entries:
            self._entries.popitem(last=False)
        return result

    async def _drop_if_data_changed(self) -> None:
        now = self._clock()
        if now - self._checked_at < self.version_check_s:
            return
        self._checked_at = now  # set first: turns arriving meanwhile do not all check again
        version = await self._version()
        if version != self._seen_version:
            self._entries.clear()
            self._seen_version = version

    def __len__(self) -> int:
        return len(self._entries)
