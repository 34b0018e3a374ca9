"""One router per resource; `api_router` mounts them under /api/v1."""

from __future__ import annotations

from fastapi import APIRouter

from backend.langgraph_api import routes_api_keys
from backend.routes import auth, memory, messages, sessions, users, ws

api_router = APIRouter(prefix="/api/v1")
api_router.include_router(auth.router)
api_router.include_router(users.router)
api_router.include_router(routes_api_keys.router)
api_router.include_router(sessions.router)
api_router.include_router(messages.router)
api_router.include_router(ws.router)
api_router.include_router(memory.router)
