"""More of the LangGraph Platform API, driven by `langgraph-sdk` against the app in this process (ASGI):
the assistant's graph, schemas and subgraphs, assistant and thread counts, the `messages` stream mode,
stateless runs (a temporary thread, removed afterwards unless `on_completion: keep`) and the store's text
query. The same calls a LangGraph server answers; our answers keep our error shape.
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from langgraph_sdk.client import LangGraphClient
from langgraph_sdk.errors import AuthenticationError, NotFoundError, UnprocessableEntityError

from backend.langgraph_api.adapter import ASSISTANT_ID, CONTEXT_KEYS, INPUT_KEYS
from tests.integration.api_support import api_settings, client_for, running_app, wait_until
from tests.integration.test_langgraph_api import QUESTION, human, new_key, sign_in

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
async def app(db_url, test_settings, loaded_engine) -> AsyncIterator[Any]:
    async with running_app(api_settings(test_settings, db_url, langgraph_run_poll_s=0.05)) as app:
        yield app


@pytest.fixture
async def http(app: Any) -> AsyncIterator[httpx.AsyncClient]:
    async with client_for(app) as client:
        yield client


@pytest.fixture
async def client(app: Any, http: httpx.AsyncClient) -> AsyncIterator[LangGraphClient]:
    key = (await new_key(http, await sign_in(http)))["key"]
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://testserver", headers={"X-Api-Key": key}, timeout=60
    ) as raw:
        yield LangGraphClient(raw)


async def thread_ids(client: LangGraphClient) -> set[str]:
    return {t["thread_id"] for t in await client.threads.search(limit=1000)}


# --- assistants: graph, schemas, subgraphs, count --------------------------------------------------


async def test_the_drawable_graph_is_the_served_graph(client: LangGraphClient, http: httpx.AsyncClient):
    for name in ("budongsan", ASSISTANT_ID):
        drawn = await client.assistants.get_graph(name)
        nodes = {n["id"] for n in drawn["nodes"]}
        assert {"__start__", "__end__", "planning", "respond", "approval", "supervisor"} <= nodes
        assert all(
            "id" not in (n.get("data") or {}) for n in drawn["nodes"] if isinstance(n.get("data"), dict)
        )
        assert {"source": "__start__", "target": "planning", "conditional": True} in [
            {k: e[k] for k in ("source", "target", "conditional") if k in e} for e in drawn["edges"]
        ]
        edges = {(e["source"], e["target"]) for e in drawn["edges"]}
        assert edges and all(s in nodes and t in nodes for s, t in edges)
    assert {n["id"] for n in (await client.assistants.get_graph("budongsan", xray=True))["nodes"]} >= nodes
    assert (await client.assistants.get_graph("budongsan", xray=2))["nodes"]
    bad = await client.http.client.get("/assistants/budongsan/graph", params={"xray": "deep"})
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "invalid_xray"
    assert (
        await client.http.client.get("/assistants/budongsan/graph", params={"xray": "0"})
    ).status_code == 422
    with pytest.raises(NotFoundError):
        await client.assistants.get_graph(str(uuid.uuid4()))
    assert (await http.get("/assistants/budongsan/graph")).status_code == 401  # no credential


async def test_schemas_say_what_a_client_may_send(client: LangGraphClient):
    schemas = await client.assistants.get_schemas("budongsan")
    assert set(schemas) == {
        "graph_id", "input_schema", "output_schema", "state_schema", "config_schema", "context_schema"
    }  # fmt: skip
    assert schemas["graph_id"] == "budongsan"
    given = schemas["input_schema"]
    assert set(given["properties"]) == INPUT_KEYS and given["additionalProperties"] is False
    assert given["required"] == ["messages"]
    message = given["properties"]["messages"]["items"]
    assert message["properties"]["type"]["enum"] == ["human", "user"]
    assert set(schemas["context_schema"]["properties"]) == CONTEXT_KEYS
    assert schemas["config_schema"]["properties"] == {}
    for key in ("output_schema", "state_schema"):
        assert set(schemas[key]["properties"]) == {"messages"}
    assert "user_id" not in str(schemas)  # the user is authentication, never input or state
    assert await client.assistants.get_subgraphs("budongsan") == {}  # the served graph nests none
    assert isinstance(
        await client.assistants.get_subgraphs("budongsan", namespace="nope", recurse=True), dict
    )
    with pytest.raises(NotFoundError):
        await client.assistants.get_schemas("other")


async def test_assistant_count_and_search_use_the_same_filters(client: LangGraphClient):
    assert await client.assistants.count() == 1
    assert await client.assistants.count(graph_id="budongsan") == 1
    assert await client.assistants.count(graph_id="other") == 0
    assert await client.assistants.count(name="DONG") == 1  # a case-insensitive substring, as the SDK says
    assert await client.assistants.count(name="zzz") == 0
    assert await client.assistants.count(metadata={"created_by": "system"}) == 1
    assert await client.assistants.count(metadata={"created_by": "user"}) == 0
    assert [a["assistant_id"] for a in await client.assistants.search(name="Budong")] == [ASSISTANT_ID]


async def test_thread_count_has_the_filters_of_search(client: LangGraphClient):
    marker = uuid.uuid4().hex
    for _ in range(2):
        await client.threads.create(metadata={"batch": marker})
    await client.threads.create(metadata={"batch": "other"})
    assert await client.threads.count(metadata={"batch": marker}) == 2
    assert await client.threads.count(metadata={"batch": marker}, status="idle") == 2
    assert await client.threads.count(metadata={"batch": marker}, status="busy") == 0
    assert await client.threads.count() == len(await thread_ids(client)) == 3
    with pytest.raises(UnprocessableEntityError) as refused:
        await client.threads.count(values={"messages": []})
    assert "values" in refused.value.response.text  # our error shape names the field
    with pytest.raises(UnprocessableEntityError):
        await client.threads.count(status="sleeping")  # type: ignore[arg-type]


# --- the `messages` stream mode ----------------------------------------------------------------------


async def test_messages_mode_sends_metadata_partials_and_the_complete_answer(client: LangGraphClient):
    tid = (await client.threads.create())["thread_id"]
    created: list[Any] = []
    events = [
        part
        async for part in client.runs.stream(
            tid,
            "budongsan",
            input={"messages": [human(QUESTION)]},
            stream_mode=["messages", "messages-tuple", "values"],
            on_run_created=created.append,
        )
    ]
    answer_id = f"ai-{created[0]['run_id']}"
    names = [e.event for e in events]
    assert names.count("messages/metadata") == 1 and names.count("messages/complete") == 1
    first = names.index("messages/metadata")
    assert all(n != "messages/partial" for n in names[:first])  # metadata before the first partial
    assert events[first].data[answer_id]["metadata"]["langgraph_node"] == "respond"
    partials = [e.data[0] for e in events if e.event == "messages/partial"]
    tuples = "".join(e.data[0]["content"] for e in events if e.event == "messages")
    texts = [p["content"] for p in partials]
    assert all(p["id"] == answer_id and p["type"] == "AIMessageChunk" for p in partials)
    assert all(b.startswith(a) for a, b in itertools.pairwise(texts))  # accumulated
    assert (texts[-1] if texts else "") == tuples  # the partial is every token so far
    complete = next(e.data[0] for e in events if e.event == "messages/complete")
    final = [e for e in events if e.event == "values"][-1].data["messages"][-1]
    assert complete["id"] == final["id"] == answer_id and complete["type"] == "ai"
    assert complete["content"] == final["content"]

    with pytest.raises(UnprocessableEntityError) as refused:
        [
            _
            async for _ in client.runs.stream(
                tid, "budongsan", input={"messages": [human("x")]}, stream_mode="debug"
            )
        ]
    body = refused.value.response.json()["error"]
    assert body["code"] == "unsupported_stream_mode" and "messages" in body["details"]["supported"]


async def test_messages_mode_on_a_rejoined_resumable_stream_carries_the_whole_answer(client: LangGraphClient):
    tid = (await client.threads.create())["thread_id"]
    created: list[Any] = []
    first = [
        part
        async for part in client.runs.stream(
            tid,
            "budongsan",
            input={"messages": [human(QUESTION)]},
            stream_mode="messages",
            stream_resumable=True,
            on_run_created=created.append,
        )
    ]
    run_id = created[0]["run_id"]
    whole = next(e.data[0]["content"] for e in first if e.event == "messages/complete")
    again = [
        part async for part in client.runs.join_stream(tid, run_id, stream_mode="messages", last_event_id="1")
    ]
    partials = [e.data[0]["content"] for e in again if e.event == "messages/partial"]
    assert all(whole.startswith(p) for p in partials)
    assert [e.data[0]["content"] for e in again if e.event == "messages/complete"] == [whole]


# --- stateless runs ------------------------------------------------------------------------------------


async def test_stateless_wait_and_stream_leave_no_thread(client: LangGraphClient):
    before = await thread_ids(client)
    result = await client.runs.wait(None, "budongsan", input={"messages": [human(QUESTION, "q1")]})
    assert [m["type"] for m in result["messages"]] == ["human", "ai"]
    assert result["messages"][0]["id"] == "q1"
    events = [
        part
        async for part in client.runs.stream(
            None, "budongsan", input={"messages": [human(QUESTION)]}, stream_mode=["values", "messages"]
        )
    ]
    assert events[0].event == "metadata"
    assert [m["type"] for m in [e for e in events if e.event == "values"][-1].data["messages"]] == [
        "human",
        "ai",
    ]
    assert any(e.event == "messages/complete" for e in events)
    await wait_until(lambda: thread_ids(client), before)


async def test_a_stateless_background_run_is_removed_when_it_ends(client: LangGraphClient):
    run = await client.runs.create(None, "budongsan", input={"messages": [human(QUESTION)]})
    assert run["status"] in ("pending", "running", "success")

    async def gone() -> bool:
        try:
            await client.threads.get(run["thread_id"])
        except NotFoundError:
            return True
        return False

    await wait_until(gone, True)


async def test_a_stateless_run_kept_on_completion_stays_a_thread(client: LangGraphClient):
    created: list[Any] = []
    result = await client.runs.wait(
        None,
        "budongsan",
        input={"messages": [human(QUESTION)]},
        on_completion="keep",
        on_run_created=created.append,
    )
    tid = created[0]["thread_id"] if created else None
    threads = await client.threads.search(limit=1000)
    kept = [t for t in threads if t["values"]["messages"] == result["messages"]]
    assert len(kept) == 1 and (tid is None or kept[0]["thread_id"] == tid)
    assert kept[0]["metadata"]["graph_id"] == "budongsan"


async def test_stateless_runs_refuse_what_needs_a_thread_and_need_a_credential(
    client: LangGraphClient, http: httpx.AsyncClient
):
    before = await thread_ids(client)
    for extra in ({"command": {"resume": "네"}}, {"checkpoint_id": str(uuid.uuid4())}):
        response = await client.http.client.post("/runs/wait", json={"assistant_id": "budongsan", **extra})
        assert response.status_code == 422 and response.json()["error"]["code"] == "thread_required"
    bad_input = {"assistant_id": "budongsan", "input": {"messages": [human("x")], "user_id": "u"}}
    assert (await client.http.client.post("/runs/wait", json=bad_input)).status_code == 422
    other = {"assistant_id": "other", "input": {"messages": [human("x")]}}
    assert (await client.http.client.post("/runs/stream", json=other)).status_code == 404
    assert await thread_ids(client) == before  # nothing created by a refusal
    body = {"assistant_id": "budongsan", "input": {"messages": [human("x")]}}
    for path in ("/runs", "/runs/wait", "/runs/stream"):
        assert (await http.post(path, json=body)).status_code == 401
    with pytest.raises(httpx.HTTPStatusError) as unauthorized:  # runs.wait raises httpx's error
        await LangGraphClient(http).runs.wait(None, "budongsan", input={"messages": [human("x")]})
    assert unauthorized.value.response.status_code == 401
    with pytest.raises(AuthenticationError):
        await LangGraphClient(http).assistants.count()


# --- the store's text query ---------------------------------------------------------------------------


async def test_store_search_query_matches_the_values_text(client: LangGraphClient):
    await client.store.put_item(["notes"], "a", {"text": "Gangnam apartment near the station"})
    await client.store.put_item(["notes"], "b", {"text": "서초구 빌라", "tags": ["villa"]})
    await client.store.put_item(["notes", "deep"], "c", {"text": "gangnam office", "kind": "office"})
    await client.store.put_item(["other"], "d", {"text": "gangnam"})

    async def keys(**kwargs: Any) -> list[str]:
        found = await client.store.search_items(["notes"], **kwargs)
        return sorted(i["key"] for i in found["items"])

    assert await keys(query="GANGNAM") == ["a", "c"]  # case-insensitive, under the prefix only
    assert await keys(query="apartment gangnam") == ["a"]  # every word, in any order
    assert await keys(query="빌라") == ["b"]
    assert await keys(query="villa") == ["b"]  # the value's JSON text: nested values too
    assert await keys(query="nowhere") == []
    assert await keys(query="gangnam", filter={"kind": "office"}) == ["c"]
    assert await keys(query="gangnam", limit=1, offset=1) in (["a"], ["c"])
    assert len(await keys(query="gangnam", limit=1)) == 1
    assert await keys(query="   ") == ["a", "b", "c"]  # no words: no text filter
