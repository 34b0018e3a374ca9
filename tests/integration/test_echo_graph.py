"""The bench-only echo graph (agents/echo_graph.py, `BUDONGSAN_GRAPH=echo`): in the stock `messages` pattern
the peers serve, and answered by a real `budongsan serve` through the LangGraph surface with the product's
request path (API key, runs, transcript, one run at a time per thread).
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator

import httpx
import pytest
from langgraph.checkpoint.memory import InMemorySaver
from langgraph_sdk import get_client

from agents.echo_graph import build_echo_graph
from backend.db import DatabaseUrl
from tests.e2e.conftest import ServerFactory, ServerProcess
from tests.integration.api_support import API, PASSWORD


async def test_echo_graph_in_the_peers_shape_counts_turns_from_its_history():
    graph = build_echo_graph(InMemorySaver())
    config = {"configurable": {"thread_id": "peer"}}
    await graph.ainvoke({"messages": [{"role": "user", "content": "one"}]}, config)
    state = await graph.ainvoke({"messages": [{"role": "user", "content": "two"}]}, config)
    assert [(m.type, m.content) for m in state["messages"]] == [
        ("human", "one"),
        ("ai", "echo 1: one"),
        ("human", "two"),
        ("ai", "echo 2: two"),
    ]


@pytest.fixture(scope="module")
def echo_server(
    db_url: DatabaseUrl, engine, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ServerProcess]:
    factory = ServerFactory(db_url, tmp_path_factory.mktemp("echo-servers"))
    try:
        yield factory.start("echo", graph="echo")
    finally:
        factory.stop_all()


async def api_key(base_url: str) -> str:
    async with httpx.AsyncClient(base_url=base_url, timeout=60) as http:
        email = f"echo-{uuid.uuid4().hex[:10]}@example.com"
        assert (
            await http.post(f"{API}/auth/register", json={"email": email, "password": PASSWORD})
        ).status_code == 201
        token = await http.post(f"{API}/auth/token", data={"username": email, "password": PASSWORD})
        auth = {"Authorization": f"Bearer {token.json()['access_token']}"}
        created = await http.post(f"{API}/users/me/api-keys", json={"name": "echo"}, headers=auth)
        assert created.status_code == 201, created.text
        return created.json()["key"]


@pytest.mark.e2e
async def test_echo_server_answers_through_the_langgraph_surface_one_run_at_a_time(
    echo_server: ServerProcess,
):
    key = await api_key(echo_server.base_url)
    async with get_client(url=echo_server.base_url, api_key=key) as client:
        thread = (await client.threads.create())["thread_id"]
        waited = await client.runs.wait(
            thread, "budongsan", input={"messages": [{"type": "human", "content": "hi"}]}
        )
        assert [(m["type"], m["content"]) for m in waited["messages"]] == [
            ("human", "hi"),
            ("ai", "echo 1: hi"),
        ]
        streamed = [
            part
            async for part in client.runs.stream(
                thread,
                "budongsan",
                input={"messages": [{"type": "human", "content": "again"}]},
                stream_mode="values",
            )
        ]
        assert streamed[-1].data["messages"][-1]["content"] == "echo 2: again"

        # two runs at once on one thread: queued behind each other (enqueue), never on the same history
        both = await asyncio.gather(
            *(
                client.runs.wait(thread, "budongsan", input={"messages": [{"type": "human", "content": t}]})
                for t in ("a", "b")
            )
        )
        replies = sorted(r["messages"][-1]["content"] for r in both)
        assert [r.split(":")[0] for r in replies] == ["echo 3", "echo 4"]
        runs = await client.runs.list(thread)
        assert len(runs) == 4 and {r["status"] for r in runs} == {"success"}

    async with httpx.AsyncClient(base_url=echo_server.base_url, headers={"X-Api-Key": key}) as http:
        transcript = (await http.get(f"{API}/chat/sessions/{thread}/messages")).json()
    contents = [m["content"] for m in transcript["items"]]
    assert contents[:4] == ["hi", "echo 1: hi", "again", "echo 2: again"] and len(contents) == 8
