"""Teams run plan steps. Each team module maps task names to async functions of a StepContext."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass
from typing import Any

from agents.deps import AgentDeps
from agents.domain.slots import Intent, PlanStep, Slots


@dataclass(frozen=True)
class StepContext:
    step: PlanStep
    intent: Intent
    query: str
    slots: Slots
    results: dict[str, Any]  # earlier steps by id: {"task": name, "data": tool result}
    deps: AgentDeps

    def result_of(self, task: str) -> Any:
        """The result of the earlier step that ran `task` (plans name each task at most once)."""
        for result in self.results.values():
            if result.get("task") == task:
                return result.get("data")
        return None


Task = Callable[[StepContext], Awaitable[dict[str, Any]]]


def reads_data_only(task: Task) -> Task:
    """Marks a task whose result depends only on its slots, its step's listing order and the loaded
    data (no query text, no earlier results, no clock), so it is served from the deps' ToolCache
    (agents/tools/cache.py)."""
    return _cached(
        task, lambda ctx: (task.__name__, ctx.intent.value, ctx.step.order, ctx.slots.model_dump_json())
    )


def reads_data_and_query(task: Task) -> Task:
    """Like `reads_data_only` for a task that also reads the question's words (the statute search)."""
    return _cached(
        task, lambda ctx: (task.__name__, ctx.intent.value, ctx.query, ctx.slots.model_dump_json())
    )


def _cached(task: Task, key: Callable[[StepContext], Hashable]) -> Task:
    async def cached(ctx: StepContext) -> dict[str, Any]:
        return await ctx.deps.tool_cache.get_or_compute(key(ctx), lambda: task(ctx))

    cached.__name__ = task.__name__
    return cached
