"""The FastAPI application: `create_app()` (uvicorn factory) and the lifespan that owns every resource.

Nothing is created at import time. The lifespan opens, in order: the SQLAlchemy engine (our tables), the
lock engine (one connection per running turn, see backend/locks.py), the psycopg pool behind LangGraph's
AsyncPostgresSaver, the compiled agent graph and the memory worker (drains the memory_jobs outbox), and
puts them together in the typed app context (backend/context.py) that every route reaches through
backend/deps.py. On shutdown it stops admitting turns, waits for the running ones (bounded by
`shutdown_grace_s`), stops the memory worker, then closes the pools.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from functools import partial
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from langgraph.store.postgres.aio import AsyncPostgresStore
from sqlalchemy.ext.asyncio import AsyncEngine

from agents.tools.cache import data_version
from agents.tools.coverage import CoverageRegistry
from backend.api_keys import ApiKeys
from backend.auth import Passwords, Tokens
from backend.checkpointer import PooledPostgresSaver, checkpointer_pool
from backend.context import AppContext, install_context
from backend.db import DatabaseUrl, create_engine, session_factory
from backend.errors import install_error_handlers
from backend.langgraph_api.router import langgraph_router
from backend.langgraph_api.store import UserStore
from backend.locks import SessionLocks, create_lock_engine
from backend.metrics import Metrics
from backend.middleware import BodySizeLimitMiddleware, RequestContextMiddleware, configure_logging
from backend.migrate import head_revision
from backend.quotas import Quotas
from backend.ratelimit import KeyedRateLimiter, RateLimiter
from backend.readiness import ReadinessProbe
from backend.replicas import ReadReplicas
from backend.routes import api_router
from backend.routes.docs import docs_router
from backend.routes.health import router as health_router
from backend.routes.ui import router as ui_router
from backend.runs import RunService
from backend.schemas import document_setting_limits
from backend.sessions import LoginSessions, PeriodicSweep
from backend.settings import Settings, get_settings
from backend.startup import log_data_coverage
from backend.throttle import AuthThrottle
from backend.turns import TurnRunner, TurnService
from memory.extract import LlmExtractor, StructuredLlmExtractor
from memory.worker import MemoryWorker

if TYPE_CHECKING:  # agents/ is imported when the graph is built, not when this module loads
    from langchain_core.language_models import BaseChatModel

    from agents.graph import AgentGraph

log = logging.getLogger("budongsan.app")

GraphFactory = Callable[[AsyncEngine, PooledPostgresSaver, Settings], Awaitable["AgentGraph"]]

API_DESCRIPTION = """
Korean real-estate chat assistant. Sign up, log in (`/api/v1/auth/token`, OAuth2 password form) and send
the bearer token with every call. Every chat belongs to one user: another user's ids answer 404.

Errors always look like `{"error": {"code", "message", "details"}}`. 409 `turn_in_progress`: one turn
at a time per chat; 429 and 503 carry `Retry-After`.
"""


async def agent_deps(engine: AsyncEngine, settings: Settings, reads: ReadReplicas | None = None) -> Any:
    """The graph's deps as the settings configure them, long-term memory recall included (also used by
    bench/stock_server.py). With `reads` the data tools read from the replicas (backend/replicas.py);
    memory recall stays on the primary, which it must read its own writes from."""
    from agents.graph import create_agent_deps
    from backend.recall import engine_recall

    return await create_agent_deps(
        reads if reads is not None else engine,
        recall=engine_recall(engine),
        window_messages=settings.window_messages,
        tool_cache_entries=settings.tool_cache_entries,
        data_version_check_s=settings.data_version_check_s,
        version=reads.data_version if reads is not None else None,
    )


def configured_llm(settings: Settings) -> BaseChatModel | None:
    """The chat model the settings name; None offline (the default: rules and templates only)."""
    from agents.llm import LlmConfig, make_llm

    return make_llm(
        LlmConfig(
            provider=settings.llm_provider,
            model=settings.llm_model,
            base_url=settings.llm_base_url,
            api_key=settings.llm_api_key.get_secret_value() if settings.llm_api_key else None,
            temperature=settings.llm_temperature,
        )
    )


def memory_extractor(llm: BaseChatModel | None) -> LlmExtractor | None:
    """With a chat model, memory extraction uses it (falling back to the rules when it fails);
    None leaves the worker on its default, the offline rules."""
    return StructuredLlmExtractor(llm) if llm is not None else None


def build_memory_worker(engine: AsyncEngine, settings: Settings, llm: BaseChatModel | None) -> MemoryWorker:
    """The memory worker as the settings configure it, the same in the API process (the lifespan) and
    alone (`budongsan memory-worker`): the chat model extracts when one is configured, else the rules."""
    return MemoryWorker(
        engine,
        poll_interval_s=settings.memory_poll_s,
        batch_size=settings.memory_batch_size,
        extractor=memory_extractor(llm),
        limits=Quotas.from_settings(settings).memory,
        job_retention=dt.timedelta(days=settings.memory_job_retention_days),
        purge_every_s=settings.memory_purge_every_s,
    )


async def build_agent_graph(
    engine: AsyncEngine,
    checkpointer: PooledPostgresSaver,
    settings: Settings,
    llm: BaseChatModel | None = None,
    reads: ReadReplicas | None = None,
) -> AgentGraph:
    """The product graph (agents/graph.py) with its deps and the configured LLM (offline by default).
    The lifespan passes the model it built for the memory worker too, so the process holds one."""
    from agents.graph import build_graph

    deps = await agent_deps(engine, settings, reads)
    return build_graph(checkpointer, deps, llm if llm is not None else configured_llm(settings))


async def build_echo_graph(
    engine: AsyncEngine, checkpointer: PooledPostgresSaver, settings: Settings
) -> AgentGraph:
    """Bench only (`BUDONGSAN_GRAPH=echo`): agents/echo_graph.py on the product's saver, behind the same
    request path, so bench/peer_bench.py measures this server against others on one graph."""
    from agents.echo_graph import build_echo_graph as build

    del engine, settings  # the echo graph reads no data
    return build(checkpointer)


def _database_url(settings: Settings) -> DatabaseUrl:
    if settings.database_url is None:
        raise RuntimeError(
            "BUDONGSAN_DATABASE_URL is not set: start the server with `budongsan serve` "
            "(which also handles the embedded Postgres) or set the URL"
        )
    return DatabaseUrl.parse(settings.database_url.get_secret_value())


def _lifespan(settings: Settings, metrics: Metrics, graph_factory: GraphFactory | None):
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        tokens = Tokens.from_settings(settings)  # a weak or missing secret refuses before any I/O
        llm = configured_llm(settings)  # one chat model for planning, answers and memory extraction
        url = _database_url(settings)
        engine = create_engine(url, settings)
        direct = settings.direct_database_url  # session locks and LISTEN: never through a pooler
        lock_engine = create_lock_engine(
            DatabaseUrl.parse(direct.get_secret_value()) if direct is not None else url, settings
        )
        pool = checkpointer_pool(url.libpq, settings)
        reads = ReadReplicas.from_settings(engine, settings)  # None without replicas: all on the primary
        runner = TurnRunner()
        memory_worker = build_memory_worker(engine, settings, llm)
        factory = graph_factory or (
            build_echo_graph if settings.graph == "echo" else partial(build_agent_graph, llm=llm, reads=reads)
        )
        sweep: PeriodicSweep | None = None
        context: AppContext | None = None
        try:
            await pool.open(wait=False)
            if reads is not None:
                await reads.start()
            checkpointer = PooledPostgresSaver(pool)
            graph = await factory(engine, checkpointer, settings)
            worker = memory_worker if settings.memory_worker_enabled else None
            context = _build_context(
                settings, metrics, tokens, engine, lock_engine, checkpointer, graph, runner, worker, reads
            )
            install_context(app, context)
            sweep = _periodic_sweep(context)
            sweep.start()
            context.runs.start()  # claims queued LangGraph runs of processes that died
            if worker is not None:
                await worker.start()
            await log_data_coverage(context.readiness.coverage)  # loud when no data is loaded
            log.info("ready", extra={"database": url.redacted})
            yield
        finally:
            if context is not None:
                await context.runs.stop()
            await runner.drain(settings.shutdown_grace_s)
            if sweep is not None:
                await sweep.stop()
            await memory_worker.stop()  # after the turns: their jobs are committed; pending ones wait
            if reads is not None:
                await reads.stop()
            await pool.close()
            await lock_engine.dispose()
            await engine.dispose()

    return lifespan


def _periodic_sweep(context: AppContext) -> PeriodicSweep:
    """Expired login sessions and sign-in throttling windows, deleted every `session_sweep_s`."""
    jobs = [
        ("sessions", context.logins.sweep_expired),
        ("rate_limit_keys", context.auth_throttle.limiter.sweep_expired),
    ]
    return PeriodicSweep(jobs, context.settings.session_sweep_s)


def coalesced(call: Callable[[], None], delay_s: float) -> Callable[[], None]:
    """`call` once, `delay_s` after the first of any number of calls made meanwhile (on the running event
    loop); `call` itself when `delay_s` is 0. The memory worker's wake-up: every turn stores a job, and
    a pass that finds several claims and commits them together (memory/worker.py `process_batch`)."""
    if delay_s <= 0:
        return call
    pending: list[asyncio.TimerHandle] = []

    def fire() -> None:
        pending.clear()
        call()

    def wake() -> None:
        if not pending:
            pending.append(asyncio.get_running_loop().call_later(delay_s, fire))

    return wake


def _build_context(
    settings: Settings,
    metrics: Metrics,
    tokens: Tokens,
    engine: AsyncEngine,
    lock_engine: AsyncEngine,
    checkpointer: PooledPostgresSaver,
    graph: AgentGraph,
    runner: TurnRunner,
    memory_worker: MemoryWorker | None,
    reads: ReadReplicas | None = None,
) -> AppContext:
    sessions = session_factory(engine)
    locks = SessionLocks(lock_engine)
    rate_limiter = RateLimiter(engine, settings.rate_limit_per_minute)
    turns = TurnService(
        sessions=sessions,
        locks=locks,
        graph=graph,
        checkpointer=checkpointer,
        rate_limiter=rate_limiter,
        runner=runner,
        settings=settings,
        metrics=metrics,
        on_memory_job=coalesced(memory_worker.wake, settings.memory_wake_delay_s)
        if memory_worker is not None
        else None,
    )
    return AppContext(
        settings=settings,
        engine=engine,
        sessions=sessions,
        checkpointer=checkpointer,
        graph=graph,
        locks=locks,
        tokens=tokens,
        passwords=Passwords.from_settings(settings),
        rate_limiter=rate_limiter,
        logins=LoginSessions(
            sessions,
            ttl=dt.timedelta(minutes=settings.jwt_ttl_minutes),  # a login lives as long as its token
            touch_interval_s=settings.session_touch_s,
        ),
        auth_throttle=AuthThrottle.from_settings(KeyedRateLimiter(engine), settings),
        readiness=ReadinessProbe(
            engine,
            head_revision(),
            settings.db_connect_timeout_s,
            coverage=CoverageRegistry(reads, reads.data_version)
            if reads is not None
            else CoverageRegistry(engine, data_version(engine)),
            replicas=reads,
        ),
        turns=turns,
        metrics=metrics,
        memory_worker=memory_worker,
        api_keys=ApiKeys(sessions, per_user=settings.api_keys_per_user),
        runs=RunService(sessions=sessions, turns=turns, settings=settings, direct_engine=lock_engine),
        replicas=reads,
        store=UserStore(
            AsyncPostgresStore(checkpointer.conn),  # LangGraph's store, on the checkpointer's pool
            sessions,
            per_user=settings.quota_store_items_per_user,
        ),
    )


def _openapi_with_setting_limits(app: FastAPI, settings: Settings) -> None:
    """`/openapi.json` states this process's message and page limits (see document_setting_limits)."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        spec = generate()  # FastAPI's cached document; writing the limits again is a no-op
        document_setting_limits(
            spec, max_message_chars=settings.max_message_chars, page_limit_max=settings.page_limit_max
        )
        return spec

    app.openapi = openapi  # type: ignore[method-assign]


# What browser clients of the LangGraph surface send (agent-chat-ui, LangGraph Studio) and must read.
CORS_REQUEST_HEADERS = ["authorization", "content-type", "x-api-key", "x-auth-scheme", "last-event-id"]
CORS_EXPOSED_HEADERS = ["content-location", "location", "retry-after", "x-request-id"]


def _allow_cors(app: FastAPI, settings: Settings) -> None:
    """CORS for the origins in `cors_allowed_origins` (none by default: no CORS headers at all). Added
    last, so it is the outermost middleware and answers preflights before anything else runs."""
    origins = [o.strip() for o in settings.cors_allowed_origins.split(",") if o.strip()]
    if origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=origins,
            allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
            allow_headers=CORS_REQUEST_HEADERS,
            expose_headers=CORS_EXPOSED_HEADERS,
            allow_credentials=False,
            max_age=600,
        )


def create_app(settings: Settings | None = None, *, graph_factory: GraphFactory | None = None) -> FastAPI:
    settings = settings or get_settings()
    configure_logging(settings.log_level)
    metrics = Metrics()  # before the lifespan: the middleware counts requests from the first one
    app = FastAPI(
        title="budongsan API",
        version="1.0.0",
        description=API_DESCRIPTION,
        lifespan=_lifespan(settings, metrics, graph_factory),
        docs_url=None,  # Swagger UI from this origin instead of a CDN: backend/routes/docs.py
        redoc_url=None,
        openapi_url="/openapi.json" if settings.docs_enabled else None,
    )
    install_error_handlers(app)
    app.add_middleware(
        BodySizeLimitMiddleware,
        max_body_bytes=settings.max_body_bytes,
        body_timeout_s=settings.request_body_timeout_s,
    )
    app.add_middleware(RequestContextMiddleware, metrics=metrics, retry_after_s=settings.retry_after_s)
    _allow_cors(app, settings)
    app.include_router(health_router)
    app.include_router(api_router)
    app.include_router(langgraph_router)  # root paths the LangGraph SDKs call (/threads, /assistants …)
    app.include_router(ui_router)
    if settings.docs_enabled:
        app.include_router(docs_router(app.title, "/openapi.json"))
    _openapi_with_setting_limits(app, settings)
    return app
