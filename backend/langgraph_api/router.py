"""Every route of the LangGraph-compatible surface, under one router mounted at the root (backend/app.py)."""

from __future__ import annotations

from fastapi import APIRouter

from backend.langgraph_api import (
    routes_assistants,
    routes_runs,
    routes_store,
    routes_system,
    routes_threads,
)

langgraph_router = APIRouter()
langgraph_router.include_router(routes_system.router)
langgraph_router.include_router(routes_assistants.router)
langgraph_router.include_router(routes_threads.router)
langgraph_router.include_router(routes_runs.router)
langgraph_router.include_router(routes_store.router)
