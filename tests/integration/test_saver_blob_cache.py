"""The saver does not decode again what it wrote itself (backend/checkpointer.py `BlobCache`), and a load
still returns exactly what Postgres holds: another process's newer write, or a thread rewound."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from langgraph.checkpoint.serde.jsonplus import JsonPlusSerializer

from agents.echo_graph import build_echo_graph
from backend.checkpointer import PooledPostgresSaver, checkpointer_pool


class CountingSerde(JsonPlusSerializer):
    """Counts what a saver decodes from a `msgpack` blob (the `messages` channel)."""

    def __init__(self) -> None:
        super().__init__()
        self.decoded = 0

    def loads_typed(self, data: tuple[str, bytes]) -> Any:
        if data[0] == "msgpack":
            self.decoded += 1
        return super().loads_typed(data)


def _said(state: Any) -> list[str]:
    return [m.content for m in state.values["messages"]]


@pytest.fixture
async def pool(db_url, test_settings):
    pool = checkpointer_pool(db_url.libpq, test_settings)
    await pool.open()
    try:
        yield pool
    finally:
        await pool.close()


async def test_the_next_turn_reuses_what_the_last_wrote_and_reads_another_writers_turn(pool) -> None:
    ours_serde, theirs_serde = CountingSerde(), CountingSerde()
    ours = PooledPostgresSaver(pool, serde=ours_serde)  # two processes on one database
    theirs = PooledPostgresSaver(pool, serde=theirs_serde)
    here, there = build_echo_graph(ours), build_echo_graph(theirs)
    config = {"configurable": {"thread_id": str(uuid.uuid4())}}

    for word in ("매매", "전세", "월세"):
        await here.ainvoke({"messages": [{"role": "user", "content": word}]}, config)
    decoded = ours_serde.decoded
    await here.ainvoke({"messages": [{"role": "user", "content": "청약"}]}, config)
    assert ours_serde.decoded == decoded  # its own last write: loaded without decoding
    expected = [
        "매매",
        "echo 1: 매매",
        "전세",
        "echo 2: 전세",
        "월세",
        "echo 3: 월세",
        "청약",
        "echo 4: 청약",
    ]
    assert _said(await here.aget_state(config)) == expected

    # the other process answers next: ours must read that turn, not its own cached history
    await there.ainvoke({"messages": [{"role": "user", "content": "분양"}]}, config)
    assert theirs_serde.decoded >= 1
    state = await here.aget_state(config)
    assert _said(state) == [*expected, "분양", "echo 5: 분양"]
    assert _said(await there.aget_state(config)) == _said(state)

    # an earlier checkpoint (a fork) is decoded from its own blob, not answered from the newest
    earlier = [s async for s in here.aget_state_history(config)][-3]
    assert _said(earlier) == expected[: len(_said(earlier))]


async def test_a_rewound_thread_loads_the_checkpoint_it_went_back_to(pool) -> None:
    serde = CountingSerde()
    saver = PooledPostgresSaver(pool, serde=serde)
    graph = build_echo_graph(saver)
    thread_id = str(uuid.uuid4())
    config = {"configurable": {"thread_id": thread_id}}
    await graph.ainvoke({"messages": [{"role": "user", "content": "하나"}]}, config)
    head = await saver.head_id(thread_id)
    await graph.ainvoke({"messages": [{"role": "user", "content": "둘"}]}, config)
    await saver.rewind(thread_id, head, None)  # a rolled-back run (backend/turns.py)
    assert _said(await graph.aget_state(config)) == ["하나", "echo 1: 하나"]
    await graph.ainvoke({"messages": [{"role": "user", "content": "셋"}]}, config)
    assert _said(await graph.aget_state(config)) == ["하나", "echo 1: 하나", "셋", "echo 2: 셋"]
