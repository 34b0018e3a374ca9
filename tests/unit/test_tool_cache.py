"""ToolCache: bounded, copies out, and emptied when the data version changes (checked at most every N s)."""

from __future__ import annotations

from typing import Any

from agents.tools.cache import ToolCache


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class Versions:
    def __init__(self) -> None:
        self.current = 1
        self.asked = 0

    async def __call__(self) -> int:
        self.asked += 1
        return self.current


def computing(value: Any, calls: list[str]):
    async def compute() -> dict[str, Any]:
        calls.append("computed")
        return {"value": value, "rows": [1, 2]}

    return compute


async def test_second_call_is_a_hit_and_callers_cannot_change_the_cached_result():
    cache = ToolCache(Versions(), clock=Clock())
    calls: list[str] = []
    first = await cache.get_or_compute("k", computing(1, calls))
    first["rows"].append(99)
    second = await cache.get_or_compute("k", computing(2, calls))
    assert calls == ["computed"]
    assert second == {"value": 1, "rows": [1, 2]}
    second["rows"].clear()
    assert (await cache.get_or_compute("k", computing(3, calls)))["rows"] == [1, 2]
    assert (cache.hits, cache.misses) == (2, 1)


async def test_least_recently_used_entries_leave_first():
    cache = ToolCache(Versions(), max_entries=2, clock=Clock())
    calls: list[str] = []
    await cache.get_or_compute("a", computing("a", calls))
    await cache.get_or_compute("b", computing("b", calls))
    await cache.get_or_compute("a", computing("a", calls))  # a is now the most recent
    await cache.get_or_compute("c", computing("c", calls))  # evicts b
    assert len(cache) == 2
    assert (await cache.get_or_compute("a", computing("x", calls)))["value"] == "a"
    assert (await cache.get_or_compute("b", computing("b2", calls)))["value"] == "b2"


async def test_a_new_data_version_empties_the_cache_once_the_check_interval_passed():
    clock, versions = Clock(), Versions()
    cache = ToolCache(versions, version_check_s=5.0, clock=clock)
    calls: list[str] = []
    await cache.get_or_compute("k", computing("old", calls))
    versions.current = 2  # load-data ran in another process
    clock.now = 4.0
    assert (await cache.get_or_compute("k", computing("new", calls)))["value"] == "old"
    assert versions.asked == 1  # not asked again inside the interval
    clock.now = 5.5
    assert (await cache.get_or_compute("k", computing("new", calls)))["value"] == "new"
    assert versions.asked == 2
    clock.now = 11.0  # asked again, same version: entries stay
    assert (await cache.get_or_compute("k", computing("newer", calls)))["value"] == "new"


async def test_zero_entries_turns_the_cache_off():
    versions = Versions()
    cache = ToolCache(versions, max_entries=0, clock=Clock())
    calls: list[str] = []
    await cache.get_or_compute("k", computing(1, calls))
    await cache.get_or_compute("k", computing(1, calls))
    assert calls == ["computed", "computed"] and len(cache) == 0 and versions.asked == 0
