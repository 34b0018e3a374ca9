"""Every route of the LangGraph-compatible surface, under one router mounted at the root (backend/app.py)."""

from __future__ import annotations

from fastapi import APIRouter

from backend.langgraph_api import (
    routes_assistants,
    routes_runs,
    routes_stateless,
    routes_store,
    routes_system,
    routes_threads,
)
from backend.schemas import error_responses

# Every route may refuse a request in the common error shape: a malformed body (400), no or a revoked
# credential (401), a quota (403), another user's or an unknown id (404), a busy thread (409), a
# schema-valid but unusable value (422), a limit (429), the database away (503).
langgraph_router = APIRouter(responses=error_responses(400, 401, 403, 404, 409, 422, 429, 503))
# Runs first: FastAPI matches a request against the routes in order (twice: to pick the router, then
# within it), and runs are what clients call most; no other path here starts with /threads/{id}/runs.
langgraph_router.include_router(routes_runs.router)
langgraph_router.include_router(routes_system.router)
langgraph_router.include_router(routes_assistants.router)
langgraph_router.include_router(routes_threads.router)
langgraph_router.include_router(routes_store.router)
langgraph_router.include_router(routes_stateless.router)
