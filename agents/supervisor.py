"""Supervisor: routes a turn to planning, then fans ready plan steps out to the teams in parallel
(LangGraph `Send`), wave by wave in plan order, and finally to respond."""

from __future__ import annotations

import logging
from typing import Any

from langgraph.config import get_stream_writer
from langgraph.errors import GraphBubbleUp
from langgraph.types import Send

from agents.approval import awaiting_step
from agents.deps import AgentDeps
from agents.domain.slots import Intent, PlanStep, Slots
from agents.state import AgentState
from agents.teams import StepContext, Task, analysis, document, search

log = logging.getLogger(__name__)

TEAM_TASKS: dict[str, dict[str, Task]] = {
    "search": search.TASKS,
    "analysis": analysis.TASKS,
    "document": document.TASKS,
}
DONE = ("completed", "failed", "skipped")


def team_node_name(team: str) -> str:
    return f"{team}_team"


async def supervisor(state: AgentState) -> dict[str, Any]:
    """Routing happens in `route`; the node itself only marks where a turn re-enters."""
    return {}


async def route(state: AgentState) -> str | list[Send]:
    """Async although it awaits nothing: LangGraph runs a sync edge function in a worker thread, and that
    hand-off (three times a turn) showed up in the profile of bench/checkpoint_bench.py."""
    if state.get("planned_turn_id") != state.get("turn_id"):
        return "planning"
    status = state.get("step_status") or {}
    ready = [
        step
        for step in state.get("plan") or []
        if step["id"] not in status and all(status.get(dep) in DONE for dep in step["depends_on"])
    ]
    if not ready:
        return "approval" if awaiting_step(state) else "respond"
    context = {
        "query": state["query"],
        "intent": state["intent"],
        "slots": state["slots"],
        "results": state.get("results") or {},
        "status": status,
    }
    return [Send(team_node_name(step["team"]), {**context, "step": step}) for step in ready]


def make_team_node(team: str, deps: AgentDeps):
    tasks = TEAM_TASKS[team]

    async def run_team_step(payload: dict[str, Any]) -> dict[str, Any]:
        step = PlanStep.model_validate(payload["step"])
        write = get_stream_writer()
        if any(payload["status"].get(dep) != "completed" for dep in step.depends_on):
            return _finish(step, "skipped", {"reason": "선행 단계가 완료되지 않았습니다."}, write)
        write({"type": "step", "step": step.model_copy(update={"status": "in_progress"}).model_dump()})
        ctx = StepContext(
            step=step,
            intent=Intent(payload["intent"]),
            query=payload["query"],
            slots=Slots.model_validate({**payload["slots"], **step.variant}),
            results=payload["results"],
            deps=deps,
        )
        try:
            data = await tasks[step.task](ctx)
        except GraphBubbleUp:  # interrupt() inside a step pauses the graph; it is not a failure
            raise
        except Exception:
            log.exception("step %s (%s) failed", step.id, step.task)
            return _finish(step, "failed", {"error": "이 단계를 처리하지 못했습니다."}, write)
        return _finish(step, "completed", data, write)

    run_team_step.__name__ = team_node_name(team)
    return run_team_step


def _finish(step: PlanStep, status: str, data: dict[str, Any], write: Any) -> dict[str, Any]:
    write({"type": "step", "step": step.model_copy(update={"status": status}).model_dump()})
    return {
        "step_status": {step.id: status},
        "results": {step.id: {"task": step.task, "data": data}},
    }
