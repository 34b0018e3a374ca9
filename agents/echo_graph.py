"""Bench-only echo graph in the stock LangGraph `messages` pattern (BUDONGSAN_GRAPH=echo).

bench/peer_bench.py serves this same graph from budongsan and from the servers people would pick instead
(Aegra, `langgraph dev`), so their per-turn difference is server overhead, not graph work. It imports only
langgraph and langchain_core: the peers load this file by path in virtualenvs of their own.

One node appends the user's message (when it came as budongsan's `query` input; the peers send it in
`messages`) and a reply echoing it to an ever-growing `messages` channel (`add_messages`), exactly as a
stock chat graph does. The reply carries the turn's number as the node counted it from the history it
read: two runs that ran at once on the same history (interleaved, one update lost) show the same number.
For budongsan's turn engine it also writes the `final` custom event that the engine stores as the answer
(backend/turns.py); elsewhere nobody reads that event.
"""

from __future__ import annotations

from typing import Annotated, Any, TypedDict

from langchain_core.messages import AIMessage, AnyMessage, HumanMessage
from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.config import get_stream_writer
from langgraph.graph import START, StateGraph
from langgraph.graph.message import add_messages
from langgraph.graph.state import CompiledStateGraph


class EchoState(TypedDict, total=False):
    messages: Annotated[list[AnyMessage], add_messages]
    query: str  # budongsan's turn input (backend/turns.py); its other input keys are not channels here


def _text(message: AnyMessage) -> str:
    content = message.content
    if isinstance(content, str):
        return content
    return "".join(part.get("text", "") for part in content if isinstance(part, dict))


async def echo(state: EchoState) -> dict[str, Any]:
    messages = list(state.get("messages") or [])
    added: list[AnyMessage] = []
    query = state.get("query")
    if query is not None:  # budongsan: the question arrives as `query`, the transcript lives elsewhere
        added.append(HumanMessage(query))
        said = query
    else:
        said = next((_text(m) for m in reversed(messages) if m.type == "human"), "")
    turn = (len(messages) + len(added) + 1) // 2  # this turn's number, from the history it ran on
    reply = f"echo {turn}: {said}"
    added.append(AIMessage(reply))
    get_stream_writer()(
        {"type": "final", "turn": turn, "content": reply, "structured_data": {"intent": "echo"}}
    )
    return {"messages": added}


def build_echo_graph(checkpointer: BaseCheckpointSaver | None = None) -> CompiledStateGraph:
    builder = StateGraph(EchoState)
    builder.add_node("echo", echo)
    builder.add_edge(START, "echo")
    return builder.compile(checkpointer=checkpointer)
