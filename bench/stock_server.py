"""The product's HTTP API serving the stock LangGraph pattern, for bench/http_bench.py's comparison.

Same app, routes, tools and transcript; only the graph's persistence differs: an ever-growing
`messages` channel (bench/checkpoint_bench.py's StockState) and the stock AsyncPostgresSaver on one
connection, the way `AsyncPostgresSaver.from_conn_string` sets it up. The bench starts it with
LangGraph's default durability and no pruning:

    BUDONGSAN_DURABILITY=async BUDONGSAN_CHECKPOINT_PRUNE_EVERY=0 \\
        uvicorn bench.stock_server:create_stock_app --factory --workers 2
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver
from psycopg import AsyncConnection
from psycopg.rows import dict_row
from sqlalchemy.ext.asyncio import AsyncEngine

from backend.app import agent_deps, create_app
from backend.db import DatabaseUrl
from backend.settings import Settings
from bench.checkpoint_bench import build_stock_graph


async def stock_graph(engine: AsyncEngine, checkpointer: Any, settings: Settings) -> Any:
    del checkpointer  # the product's pooled saver; the stock pattern brings its own
    assert settings.database_url is not None
    url = DatabaseUrl.parse(settings.database_url.get_secret_value())
    # Lives as long as the worker process, like the saver of a from_conn_string block around the app.
    conn = await AsyncConnection.connect(
        url.libpq, autocommit=True, prepare_threshold=0, row_factory=dict_row
    )
    return build_stock_graph(AsyncPostgresSaver(conn), await agent_deps(engine, settings))


def create_stock_app() -> FastAPI:
    return create_app(graph_factory=stock_graph)
