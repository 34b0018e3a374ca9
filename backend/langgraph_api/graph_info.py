"""What LangGraph clients read about the assistant's graph (`/assistants/{id}/graph|schemas|subgraphs`):
the drawable graph of the compiled graph the app serves, as the LangGraph server answers it
(`get_graph(xray).to_json()`, node `data.id` — a Python import path — removed), and JSON schemas of what a
client may send and read here, not of the graph's internal channels:

- input: the run input whitelist (adapter.human_input): one human message and `use_memory`;
- output / state: `values` as this server shows them — `{"messages": [...]}` built from the transcript;
- config: nothing (`config.configurable` is refused); context: `use_memory` (adapter.CONTEXT_KEYS).
"""

from __future__ import annotations

from typing import Any

from backend.langgraph_api.adapter import GRAPH_ID, MAX_CLIENT_ID_CHARS, bad_request

_TEXT_BLOCK: dict[str, Any] = {
    "type": "object",
    "properties": {"type": {"const": "text"}, "text": {"type": "string"}},
    "required": ["type", "text"],
}
_HUMAN_MESSAGE: dict[str, Any] = {
    "title": "HumanMessage",
    "type": "object",
    "properties": {
        "type": {"enum": ["human", "user"]},
        "content": {
            "anyOf": [
                {"type": "string", "minLength": 1},
                {"type": "array", "items": {"anyOf": [{"type": "string"}, _TEXT_BLOCK]}, "minItems": 1},
            ]
        },
        "id": {"type": "string", "minLength": 1, "maxLength": MAX_CLIENT_ID_CHARS},
    },
    "required": ["type", "content"],
}
_MESSAGE: dict[str, Any] = {
    "title": "Message",
    "description": "A transcript message: `human` (id: the client's, else human-<run_id>) or `ai` "
    "(id: ai-<run_id>; response_metadata.structured_data holds the answer's data).",
    "type": "object",
    "properties": {
        "type": {"enum": ["human", "ai"]},
        "id": {"type": "string"},
        "content": {"type": "string"},
        "additional_kwargs": {"type": "object"},
        "response_metadata": {"type": "object"},
        "name": {"type": ["string", "null"]},
    },
    "required": ["type", "id", "content"],
}
_USE_MEMORY: dict[str, Any] = {
    "type": "boolean",
    "default": True,
    "description": "Recall the user's memories for this turn (the memory job still learns from the answer).",
}


def input_schema() -> dict[str, Any]:
    return {
        "title": "BudongsanInput",
        "description": "One run asks one question: exactly one human message (tool messages are ignored).",
        "type": "object",
        "properties": {
            "messages": {"type": "array", "items": _HUMAN_MESSAGE, "minItems": 1},
            "use_memory": _USE_MEMORY,
        },
        "required": ["messages"],
        "additionalProperties": False,
    }


def values_schema(title: str) -> dict[str, Any]:
    return {
        "title": title,
        "description": "The thread's values: the newest messages of its active branch, from the transcript.",
        "type": "object",
        "properties": {"messages": {"type": "array", "items": _MESSAGE}},
        "required": ["messages"],
    }


def graph_schemas() -> dict[str, Any]:
    """`GET /assistants/{id}/schemas` (langgraph_sdk.schema.GraphSchema)."""
    return {
        "graph_id": GRAPH_ID,
        "input_schema": input_schema(),
        "output_schema": values_schema("BudongsanOutput"),
        "state_schema": values_schema("BudongsanState"),
        "config_schema": {
            "title": "Configurable",
            "description": "config.configurable is not accepted: the user comes from authentication.",
            "type": "object",
            "properties": {},
            "additionalProperties": False,
        },
        "context_schema": {
            "title": "Context",
            "type": "object",
            "properties": {"use_memory": _USE_MEMORY},
            "additionalProperties": False,
        },
    }


def parse_xray(raw: str | None) -> bool | int:
    """`xray` as the LangGraph server reads it: true/false, or a depth ≥ 1; 422 otherwise."""
    if not raw or raw in ("false", "False"):
        return False
    if raw in ("true", "True"):
        return True
    try:
        depth = int(raw)
    except ValueError:
        depth = 0
    if depth <= 0:
        raise bad_request("invalid_xray", "xray는 true, false 또는 1 이상의 정수입니다.")
    return depth


async def drawable_graph(graph: Any, xray: bool | int) -> dict[str, Any]:
    """`GET /assistants/{id}/graph`: `{nodes, edges}` of the compiled graph."""
    drawn = (await graph.aget_graph(xray=xray)).to_json()
    for node in drawn.get("nodes", []):
        data = node.get("data")
        if isinstance(data, dict):
            data.pop("id", None)  # an import path, as the LangGraph server leaves it out
    return drawn


async def subgraphs(graph: Any, namespace: str | None, recurse: bool) -> dict[str, Any]:
    """`GET /assistants/{id}/subgraphs[/{namespace}]`: the compiled graph's subgraphs by namespace (the
    served graph nests none: `{}`). A subgraph would take no client input of its own, so it would be
    listed with the assistant's schemas (what a client may send and read), never its internal channels."""
    found: dict[str, Any] = {}
    async for ns, _subgraph in graph.aget_subgraphs(namespace=namespace, recurse=recurse):
        found[ns] = graph_schemas()
    return found
