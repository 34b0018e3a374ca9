"""The lean run path of issue 20: the saver's cache of the blobs it wrote, and the SSE body's writes.

The cache may only ever answer with a value when the row read back is the one written here (same version,
same bytes); the stream's writes may group frames but never change the bytes a client reads.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator
from typing import Any

import ormsgpack
from langchain_core.messages import AIMessage, HumanMessage
from langgraph.checkpoint.serde.jsonplus import JsonPlusSerializer

from backend.checkpointer import BlobCache, CachedBlob, PooledPostgresSaver, msgpack_array_header
from backend.langgraph_api.sse import frame, run_stream
from backend.turns import TurnEvent

KEY = ("thread-a", "", "messages")


def _blob(version: str, value: Any) -> CachedBlob:
    type_, data = JsonPlusSerializer().dumps_typed(value)
    return CachedBlob(version, type_, data, value)


def test_a_blob_is_reused_only_for_the_same_version_and_the_same_bytes() -> None:
    history = [HumanMessage("전세 시세?", id="h1"), AIMessage("3억입니다", id="a1")]
    cache = BlobCache()
    written = _blob("0002.5", history)
    cache.put(KEY, written)

    hit, value = cache.get(KEY, "0002.5", written.type, bytes(written.data))
    assert hit and value == history
    assert value is not history  # a copy of the list: appending to it leaves the cached one alone
    value.append(HumanMessage("더"))
    assert cache.get(KEY, "0002.5", written.type, written.data)[1] == history

    other = _blob("0002.5", [HumanMessage("다른 프로세스", id="h9")])  # same version, other bytes
    assert cache.get(KEY, "0002.5", other.type, other.data) == (False, None)
    assert cache.get(KEY, "0003.1", written.type, written.data) == (False, None)  # a newer version
    assert cache.get(("thread-b", "", "messages"), "0002.5", written.type, written.data) == (False, None)


def test_the_cache_keeps_the_newest_blob_per_channel_and_stays_within_its_bytes() -> None:
    one = _blob("1", ["x" * 100])
    cache = BlobCache(max_bytes=len(one.data) * 4 + 10)
    cache.put(KEY, one)
    two = _blob("2", ["y" * 100])
    cache.put(KEY, two)  # replaces version 1 of the same channel
    assert not cache.get(KEY, "1", one.type, one.data)[0]
    assert cache.get(KEY, "2", two.type, two.data)[0]

    threads = [(f"t{i}", "", "messages") for i in range(6)]
    for key in threads:
        cache.put(key, _blob("1", ["z" * 100]))
    blob = _blob("1", ["z" * 100])
    assert not cache.get(KEY, "2", two.type, two.data)[0]  # the least recently used went first
    assert cache.get(threads[-1], "1", blob.type, blob.data)[0]

    huge = _blob("1", ["w" * 1000])  # over a quarter of the cache: never kept
    cache.put(("big", "", "messages"), huge)
    assert not cache.get(("big", "", "messages"), "1", huge.type, huge.data)[0]


def test_array_headers_are_the_shortest_form_an_encoder_writes() -> None:
    for length in (0, 1, 15, 16, 300, 65535, 65536):
        header = msgpack_array_header(length)
        assert ormsgpack.packb([None] * length).startswith(header), length


async def test_a_grown_message_list_is_encoded_as_its_last_bytes_plus_the_new_messages() -> None:
    saver = PooledPostgresSaver(None)  # encoding needs no connection
    full = JsonPlusSerializer()
    history: list[Any] = []
    for turn in range(12):  # 24 messages: across the array header's 15/16 boundary
        history = [
            *history,
            HumanMessage(f"{turn}번째 질문", id=f"q{turn}"),
            AIMessage(f"답 {turn}", id=f"r{turn}"),
        ]
        last = saver.blobs.peek(("t", "", "messages"))
        rows = saver._dump_blobs(
            "t", "", {"messages": history, "turn": turn}, {"messages": f"{turn}.5", "turn": "1"}
        )
        by_channel = {row[2]: row[4:] for row in rows}
        assert by_channel["messages"] == full.dumps_typed(history)
        if last is not None:  # appended to what was written: only the new messages were encoded
            assert by_channel["messages"][1].endswith(full.dumps_typed(history[-1])[1])
            assert saver._appended(("t", "", "messages"), [*history, AIMessage("x", id="x")]) is not None

    # a message replaced (same id, new object) or removed: the whole list is encoded again, correctly
    edited = [*history[:-1], AIMessage("고친 답", id=history[-1].id)]
    assert saver._appended(("t", "", "messages"), edited) is None
    rows = saver._dump_blobs("t", "", {"messages": edited}, {"messages": "99.1"})
    assert rows[0][4:] == full.dumps_typed(edited)
    assert saver._appended(("t", "", "messages"), edited[:-2]) is None
    # lists that are not messages (the assistant graph's plan, window …) are never appended to
    saver._dump_blobs("t", "", {"plan": [{"tool": "price"}]}, {"plan": "1"})
    assert saver._appended(("t", "", "plan"), [{"tool": "price"}, {"tool": "loan"}]) is None


async def _events(items: list[TurnEvent]) -> AsyncIterator[tuple[int, TurnEvent]]:
    for seq, event in enumerate(items, 1):
        await asyncio.sleep(0)
        yield seq, event


RUN_ID, THREAD_ID = uuid.uuid4(), uuid.uuid4()


async def _body(first_ready: bool, ids: bool, modes: list[str]) -> list[bytes]:
    run_id, thread_id = RUN_ID, THREAD_ID
    answer = {
        "turn_id": str(run_id),
        "content": "송파구 전세는 5억입니다",
        "structured_data": {"intent": "price"},
    }
    events = [TurnEvent("metadata", {}), TurnEvent("token", {"text": "송파"}), TurnEvent("final", answer)]

    async def load() -> dict[str, Any]:
        return {"messages": [{"type": "human", "content": "송파 전세?"}]}

    stream = run_stream(run_id, thread_id, _events(events), modes, load, ids=ids, first_ready=first_ready)
    return [chunk async for chunk in stream]


def _frames(chunks: list[bytes]) -> list[tuple[str | None, str, Any]]:
    """(id, event, data) of every frame, however the frames were grouped into writes."""
    frames = []
    for block in b"".join(chunks).decode().split("\r\n\r\n"):
        fields = dict(line.split(": ", 1) for line in block.split("\r\n") if line)
        if fields:
            frames.append((fields.get("id"), fields["event"], json.loads(fields["data"])))
    return frames


async def test_a_turn_events_frames_go_out_in_one_write_with_the_same_bytes() -> None:
    modes = ["values", "updates", "custom", "messages-tuple"]
    apart = await _body(first_ready=False, ids=True, modes=modes)
    together = await _body(first_ready=True, ids=True, modes=modes)
    assert [f[1] for f in _frames(apart)] == [
        "metadata", "values", "custom", "messages", "updates", "values",
    ]  # fmt: skip
    assert [f[0] for f in _frames(apart)] == [None, "1", "2", "2", "3", "3"]
    # metadata alone, then one write per turn event: the token's two frames share one
    assert len(apart) == 4 and apart[0].startswith(b"event: metadata")
    # an event already there when the body starts: metadata goes with its frames
    assert len(together) == 3 and together[0].count(b"event: ") == 2
    assert b"".join(together) == b"".join(apart)  # the same bytes, in fewer writes


async def test_frames_are_encoded_exactly_as_single_events_are() -> None:
    chunks = await _body(first_ready=True, ids=False, modes=["values"])
    first = chunks[0].split(b"\r\n\r\n")[0] + b"\r\n\r\n"
    data = json.loads(first.split(b"data: ", 1)[1])
    assert first == frame("metadata", data).encode()
    assert [f[1] for f in _frames(chunks)] == ["metadata", "values", "values"]
