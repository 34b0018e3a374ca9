"""The product's saver (pool-backed, no global lock, pruning) against LangGraph's conformance suite."""

from __future__ import annotations

import asyncio
import uuid

from langgraph.checkpoint.conformance import checkpointer_test, validate
from langgraph.types import Command

from backend.checkpointer import PooledPostgresSaver, checkpointer_pool
from tests.conftest import create_database, drop_database


async def test_pooled_saver_passes_the_checkpoint_conformance_suite(server_url, test_settings):
    name = f"budongsan_test_conf_{uuid.uuid4().hex[:8]}"

    @checkpointer_test(name="PooledPostgresSaver")
    async def pooled_saver():
        url = await create_database(server_url, name)
        pool = checkpointer_pool(url.libpq, test_settings)
        await pool.open()
        saver = PooledPostgresSaver(pool)
        await saver.setup()
        try:
            yield saver
        finally:
            await pool.close()
            await drop_database(server_url, name)

    report = await validate(pooled_saver)
    failures = {cap: r.failures for cap, r in report.results.items() if r.passed is False}
    assert report.passed_all_base(), failures
    assert not failures


async def test_concurrent_writes_to_many_threads_all_land(db_url, test_settings):
    """Without the global lock, 40 threads write at once through one saver; each lands in its own thread."""
    pool = checkpointer_pool(db_url.libpq, test_settings)
    await pool.open()
    try:
        saver = PooledPostgresSaver(pool)
        from langgraph.checkpoint.base import empty_checkpoint

        async def write(thread: str) -> None:
            config = {"configurable": {"thread_id": thread, "checkpoint_ns": ""}}
            await saver.aput(config, empty_checkpoint(), {"source": "input", "step": -1}, {})

        threads = [str(uuid.uuid4()) for _ in range(40)]
        await asyncio.gather(*(write(t) for t in threads))
        for t in threads:
            assert await saver.aget_tuple({"configurable": {"thread_id": t}}) is not None
    finally:
        await pool.close()


async def test_pruned_thread_resumes_and_keeps_its_pending_interrupt(loaded_engine, db_url, test_settings):
    from agents.deps import create_agent_deps
    from agents.graph import build_graph
    from tests.integration.test_graph import ask, run

    pool = checkpointer_pool(db_url.libpq, test_settings)
    await pool.open()
    try:
        saver = PooledPostgresSaver(pool)
        graph = build_graph(saver, await create_agent_deps(loaded_engine, recall=None))
        thread = str(uuid.uuid4())
        for _ in range(3):
            await run(graph, thread, ask("송파구 2024년 시세"))
        paused = await run(graph, thread, ask("임대차 계약서 써줘"))
        assert paused.interrupts
        await saver.prune_thread(thread)
        rows = [c async for c in saver.alist({"configurable": {"thread_id": thread}})]
        assert len(rows) <= 2
        resumed = await run(graph, thread, Command(resume={"action": "approve"}))
        assert "체크리스트" in resumed.final["content"]
        state = await graph.aget_state({"configurable": {"thread_id": thread}})
        assert state.values["turn_count"] == 4
    finally:
        await pool.close()
