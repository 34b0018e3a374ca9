"""The data-tool cache on the real data: a repeated question is answered from the cache with the same
figures, and a load-data (a change in data_files) is what empties it."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import text

from agents.deps import create_agent_deps
from agents.graph import build_graph
from agents.tools.cache import data_version

QUESTION = "대치동 은마 84㎡ 2024년 시세"


async def final_answer(graph, query: str) -> dict[str, Any]:
    config = {"configurable": {"thread_id": str(uuid.uuid4())}}
    payload = {"query": query, "turn_id": str(uuid.uuid4())}
    async for chunk in graph.astream(payload, config, stream_mode="custom"):
        if chunk["type"] == "final":
            return chunk
    raise AssertionError("no final answer")


async def test_a_repeated_question_is_served_from_the_cache_with_the_same_figures(loaded_engine):
    # the data version is looked up once for the whole test: a re-check between the two runs (every 5 s
    # by default; a slow CI machine can pass that) would tie the counts to other tests' timing
    cached_deps = await create_agent_deps(loaded_engine, recall=None, data_version_check_s=3600)
    uncached_deps = await create_agent_deps(loaded_engine, recall=None, tool_cache_entries=0)
    cached, uncached = build_graph(None, cached_deps), build_graph(None, uncached_deps)

    first = await final_answer(cached, QUESTION)
    misses = cached_deps.tool_cache.misses
    assert misses >= 1 and cached_deps.tool_cache.hits == 0
    second = await final_answer(cached, QUESTION)
    assert cached_deps.tool_cache.misses == misses and cached_deps.tool_cache.hits == misses
    reference = await final_answer(uncached, QUESTION)

    for answer in (second, reference):
        assert answer["content"] == first["content"]
        assert answer["structured_data"]["rows"] == first["structured_data"]["rows"]
    assert first["structured_data"]["rows"], "the question must reach the data tools"


async def test_the_data_version_changes_when_load_data_records_a_file(loaded_engine):
    version = data_version(loaded_engine)
    before = await version()
    async with loaded_engine.begin() as conn:
        path, loaded_at = (await conn.execute(text("SELECT path, loaded_at FROM data_files LIMIT 1"))).one()
        await conn.execute(text("UPDATE data_files SET loaded_at = now() WHERE path = :path"), {"path": path})
    try:
        assert await version() != before
    finally:
        async with loaded_engine.begin() as conn:
            await conn.execute(
                text("UPDATE data_files SET loaded_at = :at WHERE path = :path"),
                {"at": loaded_at, "path": path},
            )
    assert await version() == before
