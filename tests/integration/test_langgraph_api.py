"""The LangGraph-compatible surface, driven by the official client (`langgraph_sdk.get_client`) against a real
`budongsan serve` process: assistants, threads, runs (stream, wait, background, join, queue), interrupts and
resume, personal API keys, and isolation between users on every route.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
from langgraph_sdk import get_client
from langgraph_sdk.errors import (
    AuthenticationError,
    ConflictError,
    NotFoundError,
    UnprocessableEntityError,
)

from backend.db import DatabaseUrl
from backend.langgraph_api.adapter import ASSISTANT_ID
from tests.e2e.conftest import ServerFactory, ServerProcess
from tests.integration.api_support import API, PASSWORD, checkpoint_writes_blocked, fetchval, wait_until

pytestmark = pytest.mark.e2e
QUESTION = "강남구 아파트 매매 시세 알려줘"
CONTRACT = "임대차 계약서 써줘"


@pytest.fixture(scope="module")
def server(db_url: DatabaseUrl, engine, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    factory = ServerFactory(db_url, tmp_path_factory.mktemp("lg-servers"))
    try:
        yield factory.start("lg", BUDONGSAN_LANGGRAPH_RUN_POLL_S="0.05")
    finally:
        factory.stop_all()


@pytest.fixture
async def http(server: ServerProcess) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=server.base_url, timeout=60) as client:
        yield client


async def sign_in(http: httpx.AsyncClient) -> dict[str, str]:
    email = f"lg-{uuid.uuid4().hex[:10]}@example.com"
    created = await http.post(f"{API}/auth/register", json={"email": email, "password": PASSWORD})
    assert created.status_code == 201, created.text
    token = await http.post(f"{API}/auth/token", data={"username": email, "password": PASSWORD})
    return {"Authorization": f"Bearer {token.json()['access_token']}"}


async def new_key(http: httpx.AsyncClient, auth: dict[str, str], name: str = "sdk") -> dict[str, Any]:
    created = await http.post(f"{API}/users/me/api-keys", json={"name": name}, headers=auth)
    assert created.status_code == 201, created.text
    return created.json()


@pytest.fixture
async def alice(http: httpx.AsyncClient, server: ServerProcess):
    auth = await sign_in(http)
    key = await new_key(http, auth)
    return auth, key, get_client(url=server.base_url, api_key=key["key"])


@pytest.fixture
async def bob(http: httpx.AsyncClient, server: ServerProcess):
    auth = await sign_in(http)
    key = await new_key(http, auth)
    return auth, key, get_client(url=server.base_url, api_key=key["key"])


async def refused(call: Any) -> int:
    """The status a call was refused with (runs.wait/join raise httpx's error, the rest the SDK's)."""
    try:
        await call
    except httpx.HTTPStatusError as exc:
        return exc.response.status_code
    raise AssertionError("the call succeeded")


def human(text: str, message_id: str | None = None) -> dict[str, Any]:
    return {
        "id": message_id or str(uuid.uuid4()),
        "type": "human",
        "content": [{"type": "text", "text": text}],
    }


# --- keys, info, assistants ----------------------------------------------------------------------------


async def test_api_key_is_shown_once_listed_without_secret_works_as_bearer_and_revokes(http, alice):
    auth, key, client = alice
    assert key["key"].startswith("bds_") and key["prefix"] == key["key"][:12]
    listed = await http.get(f"{API}/users/me/api-keys", headers=auth)
    assert [k["id"] for k in listed.json()] == [key["id"]] and "key" not in listed.json()[0]
    as_bearer = await http.get(f"{API}/users/me", headers={"Authorization": f"Bearer {key['key']}"})
    assert as_bearer.status_code == 200
    # a key cannot mint keys: that needs a signed-in session
    minted = await http.post(
        f"{API}/users/me/api-keys", json={"name": "x"}, headers={"X-Api-Key": key["key"]}
    )
    assert minted.status_code == 401
    assert (await client.assistants.search())[0]["assistant_id"] == ASSISTANT_ID
    assert (await http.delete(f"{API}/users/me/api-keys/{key['id']}", headers=auth)).status_code == 204
    with pytest.raises(AuthenticationError):
        await client.assistants.search()
    assert (await http.get(f"{API}/users/me", headers={"X-Api-Key": "bds_unknown"})).status_code == 401


async def test_info_ok_and_the_one_assistant_by_id_or_graph_name(http, alice):
    _, _, client = alice
    assert (await http.get("/info")).status_code == 200 and (await http.get("/ok")).json() == {"ok": True}
    found = await client.assistants.search(graph_id="budongsan")
    assert [a["assistant_id"] for a in found] == [ASSISTANT_ID]
    assert await client.assistants.search(graph_id="other") == []
    assert (await client.assistants.get("budongsan"))["assistant_id"] == ASSISTANT_ID
    assert (await client.assistants.get(ASSISTANT_ID))["graph_id"] == "budongsan"
    with pytest.raises(NotFoundError):
        await client.assistants.get(str(uuid.uuid4()))


# --- threads -----------------------------------------------------------------------------------------


async def test_thread_create_if_exists_get_search_update_and_the_web_chat_list(http, alice):
    auth, _, client = alice
    thread = await client.threads.create(metadata={"topic": "lg-test"})
    tid = thread["thread_id"]
    assert thread["status"] == "idle" and thread["values"] == {"messages": []}
    assert (await client.threads.create(thread_id=tid, if_exists="do_nothing"))["thread_id"] == tid
    with pytest.raises(ConflictError):
        await client.threads.create(thread_id=tid)
    fixed = str(uuid.uuid4())
    assert (await client.threads.create(thread_id=fixed))["thread_id"] == fixed
    assert (await client.threads.get(tid))["metadata"] == {"topic": "lg-test"}
    assert [t["thread_id"] for t in await client.threads.search(metadata={"topic": "lg-test"})] == [tid]
    updated = await client.threads.update(tid, metadata={"color": "blue"})
    assert updated["metadata"] == {"topic": "lg-test", "color": "blue"}
    newest = await client.threads.search(limit=1)
    assert [t["thread_id"] for t in newest] == [tid]  # updated last: first by updated_at desc
    assert [t["thread_id"] for t in await client.threads.search(limit=1, offset=1)] == [fixed]
    oldest = await client.threads.search(sort_by="created_at", sort_order="asc", limit=1)
    assert oldest[0]["thread_id"] == tid
    # one truth: the thread is a chat of the web page, and a web chat is a thread
    chats = (await http.get(f"{API}/chat/sessions", headers=auth)).json()["items"]
    assert {c["session_id"] for c in chats} == {tid, fixed}
    web = (await http.post(f"{API}/chat/sessions", json={}, headers=auth)).json()["session_id"]
    assert web in {t["thread_id"] for t in await client.threads.search(limit=10)}
    await client.threads.delete(fixed)
    assert (await http.get(f"{API}/chat/sessions/{fixed}/messages", headers=auth)).status_code == 404
    with pytest.raises(NotFoundError):
        await client.threads.get(fixed)
    with pytest.raises(UnprocessableEntityError):
        await client.threads.create(ttl=5)


# --- runs --------------------------------------------------------------------------------------------


async def test_stream_metadata_first_tokens_carry_the_final_answer_id_and_client_message_id_survives(alice):
    _, _, client = alice
    thread = await client.threads.create()
    tid = thread["thread_id"]
    created: list[Any] = []
    events = [
        part
        async for part in client.runs.stream(
            tid,
            "budongsan",
            input={"messages": [human(QUESTION, "client-msg-1")]},
            stream_mode=["values", "updates", "messages-tuple", "custom"],
            on_run_created=created.append,
        )
    ]
    assert events[0].event == "metadata" and events[0].data["run_id"] == created[0]["run_id"]
    kinds = {e.event for e in events}
    assert {"values", "updates", "custom"} <= kinds
    final = [e for e in events if e.event == "values"][-1].data["messages"]
    assert [m["type"] for m in final] == ["human", "ai"]
    assert final[0]["id"] == "client-msg-1" and final[0]["content"] == QUESTION
    chunks = [e.data for e in events if e.event == "messages"]
    if chunks:  # the offline answer streams its text as tokens
        assert {c[0]["id"] for c in chunks} == {final[1]["id"]}
        assert all(c[0]["type"] == "AIMessageChunk" for c in chunks)
    assert any(e.data.get("type") == "plan" for e in events if e.event == "custom")
    state = await client.threads.get_state(tid)
    assert state["values"] == {"messages": final} and state["next"] == []
    assert state["checkpoint"]["checkpoint_id"]
    runs = await client.runs.list(tid)
    assert [(r["run_id"], r["status"]) for r in runs] == [(created[0]["run_id"], "success")]
    thread = await client.threads.get(tid)
    assert thread["metadata"]["graph_id"] == "budongsan" and thread["status"] == "idle"
    found = await client.threads.search(metadata={"graph_id": "budongsan"}, limit=100)
    assert tid in {t["thread_id"] for t in found}


async def test_wait_interrupt_then_hitl_resume_and_history_newest_first(alice):
    _, _, client = alice
    tid = (await client.threads.create())["thread_id"]
    paused = await client.runs.wait(tid, "budongsan", input={"messages": [human(CONTRACT)]})
    interrupt = paused["__interrupt__"][0]
    assert interrupt["value"]["type"] == "contract_approval"
    assert interrupt["value"]["review_configs"][0]["allowed_decisions"] == ["approve", "edit", "reject"]
    assert (await client.threads.get(tid))["status"] == "interrupted"
    state = await client.threads.get_state(tid)
    assert state["interrupts"][0]["id"] == interrupt["id"] and state["next"]
    for bad in ({"goto": "respond"}, {"update": {"query": "x"}}, {"resume": 42}):
        assert await refused(client.runs.wait(tid, "budongsan", command=bad)) == 422  # type: ignore[arg-type]
    edited = await client.runs.wait(
        tid,
        "budongsan",
        input={},
        command={
            "resume": {
                "decisions": [
                    {
                        "type": "edit",
                        "edited_action": {"name": "contract_draft", "args": {"deposit_manwon": 20000}},
                    }
                ]
            }
        },
    )
    assert edited["__interrupt__"][0]["value"]["type"] == "contract_approval"
    done = await client.runs.wait(tid, "budongsan", command={"resume": {"decisions": [{"type": "approve"}]}})
    assert "__interrupt__" not in done and done["messages"][-1]["type"] == "ai"
    nothing_waits = client.runs.wait(tid, "budongsan", command={"resume": "승인"})
    assert await refused(nothing_waits) == 409
    history = await client.threads.get_history(tid, limit=10)
    assert len(history) >= 2
    stamps = [h["created_at"] for h in history]
    assert stamps == sorted(stamps, reverse=True)
    assert history[0]["values"]["messages"] == done["messages"]
    assert history[0]["parent_checkpoint"]["checkpoint_id"] == history[1]["checkpoint"]["checkpoint_id"]
    assert len(await client.threads.get_history(tid, limit=1)) == 1
    statuses = [r["status"] for r in await client.runs.list(tid, limit=10)]
    assert statuses == ["success", "interrupted", "interrupted"]


async def test_bad_run_requests_are_422_and_store_nothing(alice, db_url):
    _, _, client = alice
    tid = (await client.threads.create())["thread_id"]
    bad: list[dict[str, Any]] = [
        {"input": {"messages": [human(QUESTION)], "user_id": str(uuid.uuid4())}},
        {"input": {"messages": [human(QUESTION)]}, "stream_mode": ["debug"]},
        {"input": {"messages": [human(QUESTION)]}, "config": {"configurable": {"user_id": "x"}}},
        {"input": {"messages": [human(QUESTION)]}, "context": {"user_id": "x"}},
        {"input": {"messages": [human(QUESTION)]}, "multitask_strategy": "rollback"},
        {"input": {"messages": [{"type": "ai", "content": "hi"}]}},
        {"input": None},
    ]
    for kwargs in bad:
        with pytest.raises(UnprocessableEntityError):
            await client.runs.create(tid, "budongsan", **kwargs)
    with pytest.raises(NotFoundError):
        await client.runs.create(tid, "no-such-graph", input={"messages": [human(QUESTION)]})
    with pytest.raises(NotFoundError):
        await client.runs.create(str(uuid.uuid4()), "budongsan", input={"messages": [human(QUESTION)]})
    assert await fetchval(db_url, "SELECT count(*) FROM runs WHERE thread_id = $1", uuid.UUID(tid)) == 0
    assert (
        await fetchval(db_url, "SELECT count(*) FROM chat_messages WHERE session_id = $1", uuid.UUID(tid))
        == 0
    )


async def test_background_runs_enqueue_in_order_reject_when_busy_and_join(http, alice, db_url):
    auth, _, client = alice
    tid = (await client.threads.create())["thread_id"]
    async with checkpoint_writes_blocked(db_url):  # the first run is held mid-turn
        first = await client.runs.create(tid, "budongsan", input={"messages": [human(QUESTION, "q1")]})
        second = await client.runs.create(tid, "budongsan", input={"messages": [human("서초구는?", "q2")]})
        assert first["status"] == "running" and second["status"] == "pending"
        with pytest.raises(ConflictError):
            await client.runs.create(
                tid, "budongsan", input={"messages": [human("x")]}, multitask_strategy="reject"
            )
        # the REST surface keeps its 409 while the run holds the chat
        busy = await http.post(f"{API}/chat/sessions/{tid}/messages", json={"content": "y"}, headers=auth)
        assert busy.status_code == 409
        assert (await client.threads.get(tid))["status"] == "busy"
    joined = await client.runs.join(tid, second["run_id"])
    assert [m["id"] for m in joined["messages"] if m["type"] == "human"] == ["q1", "q2"]
    assert [m["type"] for m in joined["messages"]] == ["human", "ai", "human", "ai"]
    for run in (first, second):
        assert (await client.runs.get(tid, run["run_id"]))["status"] == "success"
    assert (await client.runs.join(tid, first["run_id"]))["messages"] == joined["messages"]
    rejoined = [p async for p in client.runs.join_stream(tid, second["run_id"])]
    assert rejoined[0].event == "metadata" and rejoined[-1].data["messages"] == joined["messages"]


async def test_a_run_queued_behind_a_rest_turn_runs_after_it(http, alice, db_url):
    auth, _, client = alice
    tid = (await client.threads.create())["thread_id"]
    url = f"{http.base_url}{API}/chat/sessions/{tid}/messages"
    async with checkpoint_writes_blocked(db_url):
        rest = asyncio.create_task(http.post(url, json={"content": QUESTION}, headers=auth))
        await wait_until(
            lambda: fetchval(
                db_url, "SELECT count(*) FROM chat_messages WHERE session_id = $1", uuid.UUID(tid)
            ),
            1,
        )
        run = await client.runs.create(
            tid, "budongsan", input={"messages": [human("서초구는?", "after-rest")]}
        )
        assert run["status"] == "pending"
    assert (await rest).status_code == 200
    joined = await client.runs.join(tid, run["run_id"])
    assert [m["content"] for m in joined["messages"] if m["type"] == "human"] == [QUESTION, "서초구는?"]


# --- isolation ---------------------------------------------------------------------------------------


async def test_another_users_thread_and_run_are_404_on_every_route(http, alice, bob, db_url):
    _, _, mine = alice
    bob_auth, _, theirs = bob
    tid = (await mine.threads.create(metadata={"owner": "alice"}))["thread_id"]
    run = await mine.runs.wait(tid, "budongsan", input={"messages": [human(QUESTION)]})
    run_id = (await mine.runs.list(tid))[0]["run_id"]
    body = {"messages": [human("남의 대화")]}
    calls = [
        theirs.threads.get(tid),
        theirs.threads.update(tid, metadata={"x": 1}),
        theirs.threads.delete(tid),
        theirs.threads.get_state(tid),
        theirs.threads.get_history(tid),
        theirs.runs.list(tid),
        theirs.runs.get(tid, run_id),
        theirs.runs.join(tid, run_id),
        theirs.runs.create(tid, "budongsan", input=body),
        theirs.runs.wait(tid, "budongsan", input=body),
        theirs.runs.wait(tid, "budongsan", command={"resume": "승인"}),
    ]
    for call in calls:
        assert await refused(call) == 404
    with pytest.raises(NotFoundError):
        async for _ in theirs.runs.stream(tid, "budongsan", input=body):
            pass
    with pytest.raises(NotFoundError):
        async for _ in theirs.runs.join_stream(tid, run_id):
            pass
    with pytest.raises(ConflictError):  # the id is taken; nothing of it is shown
        await theirs.threads.create(thread_id=tid, if_exists="do_nothing")
    assert await theirs.threads.search(metadata={"owner": "alice"}) == []
    assert await theirs.threads.search(ids=[tid]) == []
    # bob's own thread id with alice's run id is not found either
    own = (await theirs.threads.create())["thread_id"]
    with pytest.raises(NotFoundError):
        await theirs.runs.get(own, run_id)
    alice_keys = [k["id"] for k in (await http.get(f"{API}/users/me/api-keys", headers=alice[0])).json()]
    gone = await http.delete(f"{API}/users/me/api-keys/{alice_keys[0]}", headers=bob_auth)
    assert gone.status_code == 404
    # alice's thread is untouched
    assert (await mine.threads.get(tid))["values"]["messages"] == run["messages"]
    await mine.threads.delete(tid)
    assert await fetchval(db_url, "SELECT count(*) FROM runs WHERE thread_id = $1", uuid.UUID(tid)) == 0
