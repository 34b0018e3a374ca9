"""A run's turn events as LangGraph stream events (docs/CONTRACTS.md, "LangGraph API mapping").

    metadata (first)  {run_id, attempt}
    turn metadata  →  values   (the transcript with the new human message)
    plan / step    →  custom   ({"type": "plan" | "step", ...}: what the graph writes)
    token          →  custom   ({"type": "token", "text"}) and messages ([AIMessageChunk, metadata],
                                the chunk's id is the id the stored answer gets)
    final          →  updates  ({"respond": {"messages": [answer]}}) and values (the transcript)
    interrupt      →  updates  ({"__interrupt__": [...]}) and values (the transcript + "__interrupt__")
    error          →  error    ({"error": code, "message"})

Each event is sent only for the modes the client asked (the `messages` event for `messages-tuple`). Mode
`messages` sends, from the same token and final events, `messages/metadata` (once), `messages/partial`
(the AI message accumulated so far) and `messages/complete` (the stored answer, or an interrupt's question).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Collection
from typing import Any

from sse_starlette import ServerSentEvent

from backend.langgraph_api.adapter import ai_id, interrupt_json, token_chunk
from backend.turns import PendingInterrupt, TurnEvent

ValuesLoader = Callable[[], Awaitable[dict[str, Any]]]


def frame(event: str, data: Any) -> ServerSentEvent:
    return ServerSentEvent(data=json.dumps(data, ensure_ascii=False, default=str), event=event)


def answer_json(run_id: uuid.UUID, data: dict[str, Any]) -> dict[str, Any]:
    """The stored answer of a `final`/`interrupt` event as the AI message of `values.messages`."""
    return {
        "type": "ai",
        "id": ai_id(run_id),
        "content": data.get("content", ""),
        "additional_kwargs": {},
        "response_metadata": {"structured_data": data.get("structured_data") or {}},
        "name": None,
        "tool_calls": [],
        "invalid_tool_calls": [],
        "usage_metadata": None,
    }


def error_json(data: dict[str, Any]) -> dict[str, Any]:
    return {"error": data.get("code", "run_failed"), "message": data.get("message", "")}


class AnswerSoFar:
    """`messages` mode: the run's AI message as streamed so far (`messages/partial` carries it whole, as
    the LangGraph server accumulates chunks); `started` once its `messages/metadata` went out."""

    def __init__(self) -> None:
        self.text = ""
        self.started = False

    def add(self, token: str) -> bool:
        """Adds a token; True when it is the message's first (its metadata is due)."""
        first, self.started = not self.started, True
        self.text += token
        return first


def _message_frames(
    run_id: uuid.UUID, thread_id: uuid.UUID, event: TurnEvent, so_far: AnswerSoFar
) -> list[ServerSentEvent]:
    """`messages` mode (the LangGraph server's `messages/metadata`, `messages/partial`, `messages/complete`)
    from the events `messages-tuple` uses: tokens are the partial AI message, the stored answer (or the
    question an interrupt stored) is the complete one, under the same id."""
    kind, data = event.type, event.data
    meta = {"langgraph_node": "respond", "run_id": str(run_id), "thread_id": str(thread_id)}
    head = [frame("messages/metadata", {ai_id(run_id): {"metadata": meta}})]
    if kind == "token":
        first = so_far.add(str(data.get("text", "")))
        return [*(head if first else []), frame("messages/partial", [token_chunk(run_id, so_far.text)])]
    answer = data if kind == "final" else data.get("assistant_message") if kind == "interrupt" else None
    if not isinstance(answer, dict):
        return []
    first, so_far.started = not so_far.started, True
    return [*(head if first else []), frame("messages/complete", [answer_json(run_id, answer)])]


async def translate(
    run_id: uuid.UUID,
    thread_id: uuid.UUID,
    event: TurnEvent,
    modes: Collection[str],
    load: ValuesLoader,
    so_far: AnswerSoFar | None = None,
) -> AsyncIterator[ServerSentEvent]:
    """The LangGraph events one turn event becomes, for the requested modes (`so_far`: the `messages`
    mode's state, kept by the stream)."""
    kind, data = event.type, event.data
    if so_far is not None and "messages" in modes and kind in ("token", "final", "interrupt"):
        for out in _message_frames(run_id, thread_id, event, so_far):
            yield out
    if kind == "metadata":
        if "values" in modes:
            yield frame("values", await load())
    elif kind in ("plan", "step"):
        if "custom" in modes:
            yield frame("custom", {"type": kind, **data})
    elif kind == "token":
        if "custom" in modes:
            yield frame("custom", {"type": "token", **data})
        if "messages-tuple" in modes:
            meta = {"langgraph_node": "respond", "run_id": str(run_id), "thread_id": str(thread_id)}
            yield frame("messages", [token_chunk(run_id, str(data.get("text", ""))), meta])
    elif kind == "final":
        if "updates" in modes:
            yield frame("updates", {"respond": {"messages": [answer_json(run_id, data)]}})
        if "values" in modes:
            yield frame("values", await load())
    elif kind == "interrupt":
        pending = interrupt_json(PendingInterrupt.from_stored(data))
        if "updates" in modes:
            yield frame("updates", {"__interrupt__": [pending]})
        if "values" in modes:
            yield frame("values", {**await load(), "__interrupt__": [pending]})
    elif kind == "error":
        yield frame("error", error_json(data))


async def run_stream(
    run_id: uuid.UUID,
    thread_id: uuid.UUID,
    events: AsyncIterator[tuple[int, TurnEvent]],
    modes: Collection[str],
    load: ValuesLoader,
    *,
    ids: bool,
    first_ready: bool = False,
    skip_through: int = 0,
) -> AsyncIterator[bytes]:
    """The whole SSE body of a run: `metadata` first, then the translated events to the end. With `ids`
    (a resumable run) every frame carries its turn event's number, which `Last-Event-ID` resumes after.
    The frames of one turn event go out in one write, and `first_ready` (the first event is on its way:
    the request started the run's turn, which has stored its question) sends `metadata` in the write of
    that event's frames. The bytes are the frames' own: a client reads the same events either way.
    Events numbered up to `skip_through` (a rejoin after Last-Event-ID that reads from the first, for
    `messages` mode's accumulated message) send nothing."""
    pending = frame("metadata", {"run_id": str(run_id), "attempt": 1}).encode()
    if not first_ready:
        yield pending
        pending = b""
    so_far = AnswerSoFar() if "messages" in modes else None
    async for seq, event in events:
        if seq <= skip_through:
            if so_far is not None and event.type == "token":
                so_far.add(str(event.data.get("text", "")))
            continue
        chunk = [pending] if pending else []
        pending = b""
        async for out in translate(run_id, thread_id, event, modes, load, so_far):
            if ids:
                out.id = str(seq)
            chunk.append(out.encode())
        if chunk:
            yield b"".join(chunk)
    if pending:
        yield pending


async def cancelling_on_close(body: AsyncIterator[bytes], cancel: Callable[[], None]) -> AsyncIterator[bytes]:
    """`on_disconnect: cancel`: a client that leaves before the stream's end cancels the run (the
    default, `continue`, never does)."""
    ended = False
    try:
        async for out in body:
            yield out
        ended = True
    finally:
        if not ended:
            cancel()
