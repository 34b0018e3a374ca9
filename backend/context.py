"""The application context: every long-lived object a request needs, typed, built once by the lifespan.

It is the only thing the app keeps on `app.state`. Routes reach it through `backend.deps` (FastAPI
dependencies over `HTTPConnection`, so HTTP and WebSocket routes share them); tests and tools holding the
app use `app_context(app)`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from starlette.applications import Starlette
from starlette.requests import HTTPConnection

from backend.api_keys import ApiKeys
from backend.auth import Passwords, Tokens
from backend.checkpointer import PooledPostgresSaver
from backend.langgraph_api.store import UserStore
from backend.locks import SessionLocks
from backend.metrics import Metrics
from backend.ratelimit import RateLimiter
from backend.readiness import ReadinessProbe
from backend.replicas import ReadReplicas
from backend.runs import RunService
from backend.sessions import LoginSessions
from backend.settings import Settings
from backend.throttle import AuthThrottle
from backend.turns import TurnService
from memory.worker import MemoryWorker

if TYPE_CHECKING:  # agents/ is imported when the graph is built, not when the app module loads
    from agents.graph import AgentGraph


@dataclass(frozen=True)
class AppContext:
    settings: Settings
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    checkpointer: PooledPostgresSaver
    graph: AgentGraph
    locks: SessionLocks
    tokens: Tokens
    passwords: Passwords
    rate_limiter: RateLimiter
    logins: LoginSessions  # login sessions: what a token's `sid` names (backend/sessions.py)
    auth_throttle: AuthThrottle  # sign-in/registration limits (backend/throttle.py)
    readiness: ReadinessProbe
    turns: TurnService
    metrics: Metrics
    memory_worker: MemoryWorker | None  # None when this process leaves the outbox to others
    api_keys: ApiKeys  # personal API keys (backend/api_keys.py)
    runs: RunService  # LangGraph API runs over `turns` (backend/runs.py)
    store: UserStore  # each user's LangGraph store (backend/langgraph_api/store.py)
    # Where the data tools read (backend/replicas.py); None: no replicas configured, all on `engine`.
    replicas: ReadReplicas | None = None


def install_context(app: Starlette, context: AppContext) -> None:
    app.state.context = context


def app_context(app: Starlette) -> AppContext:
    context = getattr(app.state, "context", None)
    if not isinstance(context, AppContext):
        raise RuntimeError("the app context is built by the lifespan, which has not run")
    return context


def get_context(conn: HTTPConnection) -> AppContext:
    """The context of the app serving this request or WebSocket (the root of every dependency)."""
    return app_context(conn.app)
