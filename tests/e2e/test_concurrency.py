"""Two real server processes on one database, many clients at once.

- many users chatting at once, each chat's turns alternating between the processes;
- the same chat hit at the same moment through both processes (JSON, SSE, WebSocket): one turn wins,
  every other request gets 409 `turn_in_progress` and stores nothing.

Afterwards SQL must show each chat holding exactly the answered turns, in answer order, and
`message_count` equal to the transcript length in every session of the database
(bench/http_bench.py's `check_transcripts`).

A "round" is made deterministic by holding LangGraph's checkpoint tables (see test_multiprocess.py):
the winner's turn cannot finish while the others are refused, so exactly one request per round wins.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from websockets.asyncio.client import ClientConnection, connect

from backend.db import DatabaseUrl
from bench.http_bench import Answer, TranscriptCheck, check_transcripts, run_load
from tests.e2e.conftest import ServerFactory, ServerProcess
from tests.e2e.test_multiprocess import acknowledged_stream, new_chat, send, sign_up, until
from tests.integration.api_support import (
    API,
    assert_error_shape,
    checkpoint_writes_blocked,
    fetchval,
    parse_sse,
)

pytestmark = pytest.mark.e2e
SSE = {"Accept": "text/event-stream"}
WAIT_S = 30


@pytest.fixture(scope="module")
def pair(servers: ServerFactory) -> tuple[ServerProcess, ServerProcess]:
    return servers.start("p1"), servers.start("p2")


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(timeout=httpx.Timeout(60, connect=5)) as client:
        yield client


def assert_clean(check: TranscriptCheck, chats: int) -> None:
    assert check.chats == chats
    assert check.mismatched == 0, check.summary()
    assert check.miscounted == 0, check.summary()


async def test_many_users_at_once_with_turns_alternating_between_processes(
    pair: tuple[ServerProcess, ServerProcess], db_url: DatabaseUrl
):
    users, turns = 12, 4
    report = await run_load([server.base_url for server in pair], users, turns, timeout_s=60)
    assert report.transport_errors == 0 and report.errors == {}, report.summary()
    assert [len(answers) for answers in report.answers.values()] == [turns] * users
    assert_clean(await check_transcripts(db_url, report.answers), users)


# --- the same chat from both processes at once ------------------------------------------------------


def answer_of(response: httpx.Response, turn_id: str) -> Answer:
    """The assistant message id a winning JSON or SSE response carried."""
    assert response.status_code == 200, response.text
    if response.headers["content-type"].startswith("text/event-stream"):
        events = parse_sse(response.text)
        assert events[0][0] == "metadata" and events[-1][0] == "final", events
        return Answer(turn_id, events[-1][1]["id"])
    return Answer(turn_id, response.json()["assistant_message"]["id"])


async def test_simultaneous_sends_through_both_processes_one_wins_the_rest_get_409(
    pair: tuple[ServerProcess, ServerProcess], db_url: DatabaseUrl, http: httpx.AsyncClient
):
    a, b = pair
    auth = await sign_up(http, a)
    session_id = await new_chat(http, a, auth)
    answers: list[Answer] = []
    for round_ in range(4):
        # Two JSON and one SSE request to each process, all at the same moment.
        shots = [(server, sse) for server in (a, b) for sse in (False, True, False)]
        turn_ids = [str(uuid.uuid4()) for _ in shots]
        async with checkpoint_writes_blocked(db_url):
            tasks = [
                asyncio.create_task(
                    http.post(
                        f"{server.base_url}{API}/chat/sessions/{session_id}/messages",
                        json={"content": f"송파구 {2020 + round_}년 시세 ({i})", "turn_id": turn_id},
                        headers={**auth, **SSE} if sse else auth,
                    )
                )
                for i, ((server, sse), turn_id) in enumerate(zip(shots, turn_ids, strict=True))
            ]
            # Every loser answers at once; the winner cannot finish while the checkpoints are held
            # (two accepted turns would both hang here and fail the round).
            pending: set[asyncio.Task[httpx.Response]] = set(tasks)
            async with asyncio.timeout(WAIT_S):
                while len(pending) > 1:
                    _, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
            await asyncio.sleep(0.3)
            assert len(pending) == 1 and not any(task.done() for task in pending), f"round {round_}"
            done = set(tasks) - pending
        losers = [i for i, task in enumerate(tasks) if task in done]
        for i in losers:
            error = assert_error_shape(tasks[i].result(), 409, "turn_in_progress")
            assert error["details"]["session_id"] == session_id
            assert tasks[i].result().headers["Retry-After"] == str(error["details"]["retry_after_seconds"])
        assert {shots[i][0].name for i in losers} == {a.name, b.name}  # refused in-process and across
        (winner,) = (i for i, task in enumerate(tasks) if task in pending)
        answers.append(answer_of(await asyncio.wait_for(tasks[winner], WAIT_S), turn_ids[winner]))

    # Unheld rounds: real timing, several turns may win one after another, but never two at once.
    for round_ in range(3):
        shots = [a, b, a, b]
        turn_ids = [str(uuid.uuid4()) for _ in shots]
        responses = await asyncio.gather(
            *(
                send(http, server, auth, session_id, f"강남구 {2021 + round_}년 시세 ({i})", turn_id=turn_id)
                for i, (server, turn_id) in enumerate(zip(shots, turn_ids, strict=True))
            )
        )
        won = [
            Answer(turn_id, r.json()["assistant_message"]["id"])
            for r, turn_id in zip(responses, turn_ids, strict=True)
            if r.status_code == 200
        ]
        assert won, [r.status_code for r in responses]
        for r in responses:
            if r.status_code != 200:
                assert_error_shape(r, 409, "turn_in_progress")
        answers.extend(sorted(won, key=lambda answer: answer.assistant_id))

    assert_clean(await check_transcripts(db_url, {session_id: answers}), 1)


# --- WebSocket on one process against HTTP on the other -----------------------------------------------


def ws_url(server: ServerProcess, session_id: str, auth: dict[str, str]) -> str:
    token = auth["Authorization"].removeprefix("Bearer ")
    return f"ws://127.0.0.1:{server.port}{API}/chat/ws/{session_id}?token={token}"


async def ws_query(ws: ClientConnection, content: str, turn_id: str) -> dict[str, Any]:
    """Sends a query and returns the first reply: `metadata` (acknowledged) or `error` (refused)."""
    await ws.send(json.dumps({"type": "query", "content": content, "turn_id": turn_id}))
    async with asyncio.timeout(WAIT_S):
        return json.loads(await ws.recv())


async def ws_final(ws: ClientConnection) -> dict[str, Any]:
    async with asyncio.timeout(WAIT_S):
        while (message := json.loads(await ws.recv()))["type"] not in ("final_response", "error"):
            pass
    assert message["type"] == "final_response", message
    return message["data"]


def assert_ws_busy(message: dict[str, Any], session_id: str) -> None:
    assert message["type"] == "error", message
    assert set(message["data"]) == {"code", "message", "details"}
    assert message["data"]["code"] == "turn_in_progress"
    assert message["data"]["details"]["session_id"] == session_id


async def stored_answer(db_url: DatabaseUrl, session_id: str, turn_id: str) -> Answer:
    """Waits for the answer of an acknowledged turn whose client has gone."""

    async def answered() -> int | None:
        return await fetchval(
            db_url,
            "SELECT id FROM chat_messages WHERE session_id = $1::uuid AND turn_id = $2::uuid "
            "AND role = 'assistant'",
            session_id,
            turn_id,
        )

    return Answer(turn_id, await until(answered, within_s=WAIT_S))


async def test_websocket_and_http_on_one_chat_from_two_processes(
    pair: tuple[ServerProcess, ServerProcess], db_url: DatabaseUrl, http: httpx.AsyncClient
):
    a, b = pair
    auth = await sign_up(http, a)
    session_id = await new_chat(http, a, auth)
    answers: list[Answer] = []
    for ws_server, http_server in ((a, b), (b, a)):
        async with connect(ws_url(ws_server, session_id, auth)) as ws:
            # The WebSocket turn is running: HTTP on the other process is refused.
            ws_turn = str(uuid.uuid4())
            async with checkpoint_writes_blocked(db_url):
                assert (await ws_query(ws, "송파구 2024년 시세", ws_turn))["type"] == "metadata"
                busy = await send(http, http_server, auth, session_id, "강남구 2024년 시세")
                assert_error_shape(busy, 409, "turn_in_progress")
            answers.append(Answer(ws_turn, (await ws_final(ws))["id"]))

            # The HTTP turn is running: the WebSocket on the other process is refused.
            http_turn = str(uuid.uuid4())
            body = {"content": "서초구 2024년 시세", "turn_id": http_turn}
            async with (
                checkpoint_writes_blocked(db_url),
                acknowledged_stream(http, http_server, auth, session_id, body),
            ):
                assert_ws_busy(await ws_query(ws, "마포구 2024년 시세", str(uuid.uuid4())), session_id)
            answers.append(await stored_answer(db_url, session_id, http_turn))

            # Both at the same moment: whichever wins, the other is refused.
            http_turn, ws_turn = str(uuid.uuid4()), str(uuid.uuid4())
            async with checkpoint_writes_blocked(db_url):
                post = asyncio.create_task(
                    send(http, http_server, auth, session_id, "용산구 2024년 시세", turn_id=http_turn)
                )
                first = await ws_query(ws, "성동구 2024년 시세", ws_turn)
                if first["type"] == "metadata":
                    assert_error_shape(await asyncio.wait_for(post, WAIT_S), 409, "turn_in_progress")
                else:
                    assert_ws_busy(first, session_id)
                    await asyncio.sleep(0.5)
                    assert not post.done(), "the HTTP turn finished while the checkpoints were held"
            if first["type"] == "metadata":
                answers.append(Answer(ws_turn, (await ws_final(ws))["id"]))
            else:
                answers.append(answer_of(await asyncio.wait_for(post, WAIT_S), http_turn))

    assert_clean(await check_transcripts(db_url, {session_id: answers}), 1)
