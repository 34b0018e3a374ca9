"""Assistants: budongsan serves one graph, `budongsan`, as one read-only assistant."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from backend.deps import CurrentUser
from backend.langgraph_api.adapter import GRAPH_ID, assistant_json, resolve_assistant
from backend.langgraph_api.schemas import AssistantSearch

router = APIRouter(prefix="/assistants", tags=["langgraph"])


@router.post("/search", summary="Search assistants (the one `budongsan` assistant)")
async def search_assistants(user: CurrentUser, body: AssistantSearch) -> list[dict[str, Any]]:
    assistant = assistant_json()
    matches = (
        (body.graph_id in (None, GRAPH_ID))
        and (body.name in (None, assistant["name"]))
        and all(assistant["metadata"].get(k) == v for k, v in (body.metadata or {}).items())
    )
    return [assistant] if matches and body.offset == 0 else []


@router.get("/{assistant_id}", summary="The assistant, by its id or by the graph id `budongsan`")
async def get_assistant(user: CurrentUser, assistant_id: str) -> dict[str, Any]:
    resolve_assistant(assistant_id)
    return assistant_json()
