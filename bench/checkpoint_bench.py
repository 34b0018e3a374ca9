"""Persistence benchmark: the stock LangGraph pattern vs ours, same agent graph, same workload, one run.

stock: the product graph plus an unbounded `messages` channel (add_messages), the stock
       AsyncPostgresSaver on one connection (its global lock), default durability, no pruning.
ours : the product graph (bounded window + summary + slots), PooledPostgresSaver on a pool,
       durability="exit", keep_latest pruning every --prune-every turns (the product's default).

Both write the transcript to chat_messages as the product does. Prints a table of ratios.

    python bench/checkpoint_bench.py [--turns 1000] [--throughput-turns 1024] [--thread-turns 16]
    BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres (default)
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import asyncpg
from langchain_core.messages import AIMessage, AnyMessage, HumanMessage
from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver
from langgraph.graph.message import add_messages

from agents.deps import AgentDeps, create_agent_deps
from agents.graph import build_graph
from agents.respond import make_respond_node
from agents.state import AgentState
from backend.checkpointer import PooledPostgresSaver, checkpointer_pool
from backend.data_import import load_all
from backend.db import DatabaseUrl, create_engine
from backend.migrate import migrate
from backend.settings import Settings

# Cheap tools on purpose: the point is what persistence costs, not how fast the SQL tools are.
QUERIES = ["연봉 8천에 6억 아파트 대출 얼마나 나와?", "대치동 은마 84㎡ 2024년 시세"]
DB_NAME = "budongsan_bench_checkpoint"
RESET_BENCH_STATE_SQL = (
    "TRUNCATE checkpoints, checkpoint_blobs, checkpoint_writes, users, chat_sessions, sessions CASCADE"
)


class StockState(AgentState, total=False):
    messages: Annotated[list[AnyMessage], add_messages]


def build_stock_graph(checkpointer: Any, deps: AgentDeps) -> Any:
    """The same nodes as agents/graph.py, plus the ever-growing messages list of MessagesState."""
    respond = make_respond_node(deps, None)

    async def respond_and_append(state: StockState) -> dict[str, Any]:
        out = await respond(state)
        answer = out["window"][-1]["content"]
        return {**out, "messages": [HumanMessage(state["query"]), AIMessage(answer)]}

    return build_graph(checkpointer, deps, state_schema=StockState, respond=respond_and_append)


@dataclass
class Variant:
    name: str
    graph: Any
    durability: str | None
    after_turn: Callable[[str], Awaitable[None]]


async def run_turn(variant: Variant, conn: asyncpg.Connection, thread: str, query: str) -> float:
    started = time.perf_counter()
    config = {"configurable": {"thread_id": thread}}
    payload = {"query": query, "turn_id": str(uuid.uuid4())}
    kwargs = {"durability": variant.durability} if variant.durability else {}
    final = None
    async for mode, chunk in variant.graph.astream(payload, config, stream_mode=["custom"], **kwargs):
        del mode
        if chunk["type"] == "final":
            final = chunk
    assert final is not None
    turn_id = uuid.UUID(payload["turn_id"])
    await conn.executemany(
        "INSERT INTO chat_messages (session_id, turn_id, role, content) VALUES ($1, $2, $3, $4)",
        [
            (uuid.UUID(thread), turn_id, "user", query),
            (uuid.UUID(thread), turn_id, "assistant", final["content"]),
        ],
    )
    answered = time.perf_counter() - started
    # Housekeeping after the answer (our pruning): the product runs it in the background once the
    # answer is stored, so it is not part of the turn's latency; it still runs before this worker's
    # next turn, so its cost stays inside the throughput figures.
    await variant.after_turn(thread)
    return answered


async def new_chat(conn: asyncpg.Connection, user_id: uuid.UUID) -> str:
    return str(
        await conn.fetchval("INSERT INTO chat_sessions (user_id) VALUES ($1) RETURNING session_id", user_id)
    )


async def thread_bytes(conn: asyncpg.Connection, thread: str) -> tuple[int, int]:
    checkpoint = 0
    for table in ("checkpoints", "checkpoint_blobs", "checkpoint_writes"):
        checkpoint += await conn.fetchval(
            f"SELECT coalesce(sum(pg_column_size(t.*)), 0) FROM {table} t WHERE thread_id = $1", thread
        )
    transcript = await conn.fetchval(
        "SELECT coalesce(sum(pg_column_size(m.*)), 0) FROM chat_messages m WHERE session_id = $1",
        uuid.UUID(thread),
    )
    return checkpoint, transcript


def around(latencies: list[float], turn: int) -> float:
    window = latencies[max(0, turn - 5) : turn]
    return statistics.median(window) * 1000


async def growth(variant: Variant, conn: asyncpg.Connection, user: uuid.UUID, turns: int) -> dict[str, float]:
    thread = await new_chat(conn, user)
    latencies = [await run_turn(variant, conn, thread, QUERIES[i % len(QUERIES)]) for i in range(turns)]
    t0 = time.perf_counter()
    for _ in range(5):
        await variant.graph.aget_state({"configurable": {"thread_id": thread}})
    get_state_ms = (time.perf_counter() - t0) / 5 * 1000
    checkpoint, transcript = await thread_bytes(conn, thread)
    marks = [m for m in (10, 100, 500, 1000) if m <= turns]
    return {
        **{f"turn {m} ms": around(latencies, m) for m in marks},
        "aget_state ms": get_state_ms,
        "checkpoint MB/thread": checkpoint / 1e6,
        "total MB/thread": (checkpoint + transcript) / 1e6,
    }


async def throughput(
    variant: Variant,
    conn_pool: asyncpg.Pool,
    user: uuid.UUID,
    concurrency: int,
    total: int,
    turns_per_thread: int,
) -> dict[str, float]:
    """`total` turns over chats of `turns_per_thread` turns each, whatever the concurrency, so every
    point measures the same thread lengths. Each worker owns its chats: one turn at a time per chat,
    as the product's per-chat lock guarantees."""
    chats = max(concurrency, total // turns_per_thread)
    async with conn_pool.acquire() as conn:
        threads = [await new_chat(conn, user) for _ in range(chats)]
    latencies: list[float] = []
    queue: asyncio.Queue[int] = asyncio.Queue()
    for i in range(total):
        queue.put_nowait(i)

    async def worker(slot: int) -> None:
        own = threads[slot::concurrency]
        turn = 0
        async with conn_pool.acquire() as conn:
            while not queue.empty():
                i = queue.get_nowait()
                thread = own[turn % len(own)]
                turn += 1
                latencies.append(await run_turn(variant, conn, thread, QUERIES[i % len(QUERIES)]))

    started = time.perf_counter()
    await asyncio.gather(*(worker(s) for s in range(concurrency)))
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "turns/s": total / elapsed,
        "p50 ms": latencies[len(latencies) // 2] * 1000,
        "p99 ms": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000,
    }


async def prepare_database(server: DatabaseUrl, settings: Settings) -> DatabaseUrl:
    admin = await asyncpg.connect(server.libpq)
    try:
        exists = await admin.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", DB_NAME)
        if not exists:
            await admin.execute(f'CREATE DATABASE "{DB_NAME}"')
    finally:
        await admin.close()
    url = server.with_database(DB_NAME)
    engine = create_engine(url, settings)
    await migrate(engine, url)
    await load_all(engine, Path(os.environ.get("BUDONGSAN_DATA_DIR", "../shared/data")), progress=False)
    await engine.dispose()
    conn = await asyncpg.connect(url.libpq)
    try:
        # Every run starts from the same state: an earlier run's 1,000-turn stock thread alone leaves
        # ~530 MB behind, and its bloat and vacuuming skewed the next run's figures. The data stays.
        await conn.execute(RESET_BENCH_STATE_SQL)
    finally:
        await conn.close()
    return url


def print_table(
    title: str, stock: dict[str, float], ours: dict[str, float], higher_is_better: set[str]
) -> None:
    print(f"\n{title}")
    print(f"{'metric':<24}{'stock':>12}{'ours':>12}{'ratio':>16}")
    for key in stock:
        s, o = stock[key], ours[key]
        if key in higher_is_better:
            ratio = f"{o / s:.2f}x more" if s else "-"
        else:
            ratio = f"{s / o:.2f}x less" if o else "-"
        print(f"{key:<24}{s:>12.2f}{o:>12.2f}{ratio:>16}")


async def main(args: argparse.Namespace) -> None:
    settings = Settings(db_pool_size=16)
    server = DatabaseUrl.parse(
        os.environ.get("BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
    )
    url = await prepare_database(server, settings)
    engine = create_engine(url, settings)
    deps = await create_agent_deps(engine, recall=None)
    conn_pool = await asyncpg.create_pool(url.libpq, min_size=2, max_size=34)
    async with conn_pool.acquire() as conn:
        user = await conn.fetchval(
            "INSERT INTO users (email) VALUES ($1) RETURNING id",
            f"bench-{uuid.uuid4().hex[:8]}@bench.invalid",
        )

    async with AsyncPostgresSaver.from_conn_string(url.libpq) as stock_saver:
        pool = checkpointer_pool(url.libpq, Settings(checkpoint_pool_size=16, db_pool_timeout_s=10))
        await pool.open()
        ours_saver = PooledPostgresSaver(pool)

        async def nothing(thread: str) -> None:
            return None

        turns_seen: dict[str, int] = {}

        prune_every = args.prune_every

        async def prune_sometimes(thread: str) -> None:
            turns_seen[thread] = turns_seen.get(thread, 0) + 1
            if turns_seen[thread] % prune_every == 0:
                await ours_saver.prune_thread(thread)

        stock = Variant("stock", build_stock_graph(stock_saver, deps), None, nothing)
        ours = Variant("ours", build_graph(ours_saver, deps), "exit", prune_sometimes)

        async with conn_pool.acquire() as conn:
            g_stock = await growth(stock, conn, user, args.turns)
            g_ours = await growth(ours, conn, user, args.turns)
        print_table(f"growth: one thread, {args.turns} turns", g_stock, g_ours, set())

        for concurrency in (1, 8, 32):
            t_stock = await throughput(
                stock, conn_pool, user, concurrency, args.throughput_turns, args.thread_turns
            )
            t_ours = await throughput(
                ours, conn_pool, user, concurrency, args.throughput_turns, args.thread_turns
            )
            print_table(
                f"throughput: concurrency {concurrency}, {args.throughput_turns} turns, "
                f"{args.thread_turns} per chat",
                t_stock,
                t_ours,
                {"turns/s"},
            )

        for durability in ("sync", "async", "exit"):
            variant = Variant(f"ours-{durability}", ours.graph, durability, prune_sometimes)
            result = await throughput(variant, conn_pool, user, 8, args.throughput_turns, args.thread_turns)
            print(
                f"durability={durability:<6} concurrency 8: "
                + ", ".join(f"{k} {v:.1f}" for k, v in result.items())
            )
        await pool.close()
    await conn_pool.close()
    await engine.dispose()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--turns", type=int, default=1000)
    parser.add_argument("--throughput-turns", type=int, default=1024)
    parser.add_argument("--thread-turns", type=int, default=16, help="turns per chat in the throughput runs")
    parser.add_argument(
        "--prune-every",
        type=int,
        default=Settings().checkpoint_prune_every,
        help="ours: keep_latest every N turns",
    )
    asyncio.run(main(parser.parse_args()))
