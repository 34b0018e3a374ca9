"""`/info` and `/ok`: what clients probe before they connect (agent-chat-ui needs a 2xx from /info)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

router = APIRouter(tags=["langgraph"])


@router.get("/info", summary="Server information for LangGraph clients")
async def info() -> dict[str, Any]:
    return {
        "version": "budongsan",
        "flags": {"assistants": True, "crons": False, "langsmith": False, "store": True},
    }


@router.get("/ok", summary="Liveness for LangGraph clients (no dependencies checked)")
async def ok() -> dict[str, bool]:
    return {"ok": True}
