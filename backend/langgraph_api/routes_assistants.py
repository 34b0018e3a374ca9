"""Assistants: budongsan serves one graph, `budongsan`, as one read-only assistant: search, count, get,
and its graph, schemas and subgraphs (backend/langgraph_api/graph_info.py)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from backend.deps import ContextDep, CurrentUser
from backend.langgraph_api import graph_info
from backend.langgraph_api.adapter import GRAPH_ID, assistant_json, resolve_assistant
from backend.langgraph_api.schemas import AssistantCount, AssistantSearch

router = APIRouter(prefix="/assistants", tags=["langgraph"])


def _matches(filters: AssistantCount) -> bool:
    """The SDK's filters: `graph_id` exactly, `name` as a case-insensitive substring, `metadata` by
    each key's exact value."""
    assistant = assistant_json()
    return (
        (filters.graph_id in (None, GRAPH_ID))
        and (filters.name is None or filters.name.casefold() in assistant["name"].casefold())
        and all(assistant["metadata"].get(k) == v for k, v in (filters.metadata or {}).items())
    )


@router.post("/search", summary="Search assistants (the one `budongsan` assistant)")
async def search_assistants(user: CurrentUser, body: AssistantSearch) -> list[dict[str, Any]]:
    filters = AssistantCount(metadata=body.metadata, graph_id=body.graph_id, name=body.name)
    return [assistant_json()] if _matches(filters) and body.offset == 0 else []


@router.post("/count", summary="Count assistants (0 or 1) with the filters of search")
async def count_assistants(user: CurrentUser, body: AssistantCount) -> int:
    return int(_matches(body))


@router.get("/{assistant_id}", summary="The assistant, by its id or by the graph id `budongsan`")
async def get_assistant(user: CurrentUser, assistant_id: str) -> dict[str, Any]:
    resolve_assistant(assistant_id)
    return assistant_json()


@router.get("/{assistant_id}/graph", summary="The assistant's drawable graph ({nodes, edges})")
async def get_assistant_graph(
    ctx: ContextDep,
    user: CurrentUser,
    assistant_id: str,
    xray: Annotated[str | None, Query(max_length=20)] = None,
) -> dict[str, Any]:
    resolve_assistant(assistant_id)
    return await graph_info.drawable_graph(ctx.graph, graph_info.parse_xray(xray))


@router.get("/{assistant_id}/schemas", summary="JSON schemas of the input, output, state and context")
async def get_assistant_schemas(user: CurrentUser, assistant_id: str) -> dict[str, Any]:
    resolve_assistant(assistant_id)
    return graph_info.graph_schemas()


@router.get("/{assistant_id}/subgraphs", summary="The graph's subgraphs by namespace")
async def get_assistant_subgraphs(
    ctx: ContextDep, user: CurrentUser, assistant_id: str, recurse: bool = False
) -> dict[str, Any]:
    resolve_assistant(assistant_id)
    return await graph_info.subgraphs(ctx.graph, None, recurse)


@router.get("/{assistant_id}/subgraphs/{namespace}", summary="The graph's subgraphs under a namespace")
async def get_assistant_subgraphs_in(
    ctx: ContextDep, user: CurrentUser, assistant_id: str, namespace: str, recurse: bool = False
) -> dict[str, Any]:
    resolve_assistant(assistant_id)
    return await graph_info.subgraphs(ctx.graph, namespace, recurse)  # {} when none, as LangGraph
