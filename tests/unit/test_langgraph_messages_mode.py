"""The `messages` stream mode (backend/langgraph_api/sse.py): metadata once, partials that accumulate, the
stored answer complete; a rejoin after Last-Event-ID still carries the whole answer so far."""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator
from typing import Any

from backend.langgraph_api.adapter import CONTEXT_KEYS, INPUT_KEYS
from backend.langgraph_api.graph_info import graph_schemas, parse_xray
from backend.langgraph_api.sse import run_stream
from backend.turns import TurnEvent

RUN, THREAD = uuid.uuid4(), uuid.uuid4()
ANSWER = {"turn_id": str(RUN), "role": "assistant", "content": "강남 3억", "structured_data": {}}


async def _events(items: list[TurnEvent]) -> AsyncIterator[tuple[int, TurnEvent]]:
    for seq, event in enumerate(items, 1):
        yield seq, event


async def _no_values() -> dict[str, Any]:
    return {"messages": []}


async def frames(items: list[TurnEvent], modes: list[str], skip_through: int = 0) -> list[tuple[str, Any]]:
    body = b"".join(
        [
            chunk
            async for chunk in run_stream(
                RUN, THREAD, _events(items), modes, _no_values, ids=False, skip_through=skip_through
            )
        ]
    )
    out = []
    for block in body.decode().replace("\r\n", "\n").split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.splitlines() if ": " in line)
        if "event" in lines:
            out.append((lines["event"], json.loads(lines["data"])))
    return out


TURN = [
    TurnEvent("metadata", {}),
    TurnEvent("token", {"text": "강남 "}),
    TurnEvent("token", {"text": "3"}),
    TurnEvent("token", {"text": "억"}),
    TurnEvent("final", ANSWER),
]


async def test_metadata_once_then_accumulated_partials_then_the_complete_answer():
    got = await frames(TURN, ["messages"])
    names = [name for name, _ in got]
    assert names == ["metadata", "messages/metadata"] + ["messages/partial"] * 3 + ["messages/complete"]
    assert got[1][1] == {
        f"ai-{RUN}": {"metadata": {"langgraph_node": "respond", "run_id": str(RUN), "thread_id": str(THREAD)}}
    }
    assert [data[0]["content"] for name, data in got if name == "messages/partial"] == [
        "강남 ",
        "강남 3",
        "강남 3억",
    ]
    complete = got[-1][1][0]
    assert complete["type"] == "ai" and complete["id"] == f"ai-{RUN}" and complete["content"] == "강남 3억"


async def test_an_answer_without_tokens_and_an_interrupt_are_complete_messages():
    got = await frames([TurnEvent("metadata", {}), TurnEvent("final", ANSWER)], ["messages"])
    assert [name for name, _ in got] == ["metadata", "messages/metadata", "messages/complete"]
    pending = {"id": "i1", "type": "clarify", "question": "어느 구요?", "payload": {}, "assistant_message": {
        "turn_id": str(RUN), "role": "assistant", "content": "어느 구요?", "structured_data": {}
    }}  # fmt: skip
    got = await frames([TurnEvent("interrupt", pending)], ["messages"])
    assert got[-1][0] == "messages/complete" and got[-1][1][0]["content"] == "어느 구요?"


async def test_a_rejoin_sends_only_later_events_but_the_partial_holds_every_token():
    got = await frames(TURN, ["messages"], skip_through=3)
    assert [name for name, _ in got] == ["metadata", "messages/partial", "messages/complete"]
    assert got[1][1][0]["content"] == "강남 3억"


async def test_messages_tuple_is_unchanged_alongside():
    got = await frames(TURN, ["messages-tuple"])
    assert [d[0]["content"] for name, d in got if name == "messages"] == ["강남 ", "3", "억"]
    assert not any(name.startswith("messages/") for name, _ in got)


def test_schemas_follow_the_input_whitelist_and_xray_parses_like_langgraph():
    schemas = graph_schemas()
    assert set(schemas["input_schema"]["properties"]) == INPUT_KEYS
    assert set(schemas["context_schema"]["properties"]) == CONTEXT_KEYS
    assert [parse_xray(v) for v in (None, "", "false", "True", "3")] == [False, False, False, True, 3]
    for bad in ("0", "-1", "deep"):
        try:
            parse_xray(bad)
        except Exception as exc:
            assert getattr(exc, "status_code", None) == 422
        else:
            raise AssertionError(bad)
