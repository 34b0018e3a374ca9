"""The assistant's graph: supervisor → planning → teams (parallel, in plan order) → respond.

Built by one factory; persistence is whatever checkpointer the caller passes (the product uses
AsyncPostgresSaver with thread_id = chat session_id, so a paused turn resumes on any process).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeAlias

from langchain_core.language_models import BaseChatModel
from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph

from agents.approval import make_approval_node
from agents.deps import AgentDeps, create_agent_deps
from agents.planning import make_planning_node
from agents.respond import make_respond_node
from agents.state import AgentState, RunContext
from agents.supervisor import TEAM_TASKS, make_team_node, route, supervisor, team_node_name

__all__ = ["AgentDeps", "AgentGraph", "build_graph", "create_agent_deps"]

# What `build_graph` returns, named so that code holding the graph (backend/) leads back here.
AgentGraph: TypeAlias = CompiledStateGraph


def after_respond(state: AgentState) -> str:
    return "approval" if state.get("pending_approval") else END


def build_graph(
    checkpointer: BaseCheckpointSaver | None,
    deps: AgentDeps,
    llm: BaseChatModel | None = None,
    *,
    state_schema: type = AgentState,
    respond: Callable[..., Awaitable[dict[str, Any]]] | None = None,
) -> AgentGraph:
    """`state_schema` and `respond` exist for bench/checkpoint_bench.py, which runs these same nodes
    with the stock ever-growing `messages` channel to measure what bounding the state buys."""
    builder = StateGraph(state_schema, context_schema=RunContext)
    builder.add_node("supervisor", supervisor)
    builder.add_node("planning", make_planning_node(deps, llm))
    builder.add_node("respond", respond or make_respond_node(deps, llm), destinations=("planning",))
    teams = [team_node_name(team) for team in TEAM_TASKS]
    for team in TEAM_TASKS:
        builder.add_node(team_node_name(team), make_team_node(team, deps))

    # The supervisor's routing runs as an edge out of the three single places a turn can stand at:
    # the start, after planning, and at the join after a wave of team steps. Never out of the team
    # nodes themselves: parallel branches each see only their own writes and would fan out twice.
    # Routing as an edge instead of a node saves two supersteps per turn (bench/checkpoint_bench.py).
    builder.add_node(
        "approval", make_approval_node(deps, llm), destinations=("planning", "respond", "approval")
    )
    targets = ["planning", "respond", "approval", *teams]
    builder.add_conditional_edges(START, route, targets)
    builder.add_conditional_edges("planning", route, targets)
    builder.add_conditional_edges("supervisor", route, targets)
    for node in teams:
        builder.add_edge(node, "supervisor")
    # A contract draft kept pending while another question was answered pauses again after the answer.
    builder.add_conditional_edges("respond", after_respond, ["approval", END])
    return builder.compile(checkpointer=checkpointer)
