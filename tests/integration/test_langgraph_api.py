"""The LangGraph-compatible surface, driven by the official client (`langgraph_sdk.get_client`) against a real
`budongsan serve` process: assistants, threads, runs (stream, wait, background, join, queue), interrupts and
resume, state updates, the store, personal API keys, CORS, quotas, erasure, and isolation between users on
every route.
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
    PermissionDeniedError,
    RateLimitError,
    UnprocessableEntityError,
)

from backend.db import DatabaseUrl
from backend.langgraph_api.adapter import ASSISTANT_ID
from tests.e2e.conftest import ServerFactory, ServerProcess
from tests.integration.api_support import API, PASSWORD, checkpoint_writes_blocked, fetchval, wait_until

pytestmark = pytest.mark.e2e
QUESTION = "강남구 아파트 매매 시세 알려줘"
CONTRACT = "임대차 계약서 써줘"
STORE_QUOTA = 5
QUEUED_QUOTA = 3
UI_ORIGIN = "http://chat-ui.example"


@pytest.fixture(scope="module")
def server(db_url: DatabaseUrl, engine, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    factory = ServerFactory(db_url, tmp_path_factory.mktemp("lg-servers"))
    try:
        yield factory.start(
            "lg",
            langgraph_run_poll_s="0.05",
            quota_store_items_per_user=str(STORE_QUOTA),
            quota_queued_runs_per_user=str(QUEUED_QUOTA),
            cors_allowed_origins=UI_ORIGIN,
        )
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
        {"input": {"messages": [human(QUESTION)]}, "multitask_strategy": "cancel"},
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


# --- store -------------------------------------------------------------------------------------------


async def test_store_put_get_search_namespaces_delete_and_bad_requests(http, alice):
    auth, _, client = alice
    await client.store.put_item(["prefs", "home"], "budget", {"max_manwon": 60000, "deal": "전세"})
    await client.store.put_item(["prefs", "home"], "region", {"sigungu": "송파구"})
    await client.store.put_item(["notes"], "n1", {"text": "잠실 임장"})
    item = await client.store.get_item(["prefs", "home"], "budget")
    assert item["namespace"] == ["prefs", "home"] and item["value"]["max_manwon"] == 60000
    assert item["created_at"] and item["updated_at"]
    await client.store.put_item(["prefs", "home"], "budget", {"max_manwon": 70000, "deal": "전세"})
    assert (await client.store.get_item(["prefs", "home"], "budget"))["value"]["max_manwon"] == 70000
    found = await client.store.search_items(["prefs"])
    assert sorted(i["key"] for i in found["items"]) == ["budget", "region"]
    assert {tuple(i["namespace"]) for i in found["items"]} == {("prefs", "home")}
    by_filter = await client.store.search_items([], filter={"deal": "전세"})
    assert [i["key"] for i in by_filter["items"]] == ["budget"]
    assert len((await client.store.search_items([], limit=1, offset=1))["items"]) == 1
    spaces = (await client.store.list_namespaces())["namespaces"]
    assert sorted(spaces) == [["notes"], ["prefs", "home"]]
    assert sorted((await client.store.list_namespaces(max_depth=1))["namespaces"]) == [["notes"], ["prefs"]]
    assert (await client.store.list_namespaces(prefix=["prefs"]))["namespaces"] == [["prefs", "home"]]
    await client.store.delete_item(["notes"], "n1")
    with pytest.raises(NotFoundError):
        await client.store.get_item(["notes"], "n1")
    bad_puts: list[dict[str, Any]] = [
        {"namespace": ["a.b"], "key": "k", "value": {}},  # a label with a dot would change the namespace
        {"namespace": [""], "key": "k", "value": {}},
        {"namespace": ["a"], "key": "k", "value": {}, "ttl": 5},
        {"namespace": ["a"], "key": "k", "value": {}, "index": ["text"]},
        {"namespace": ["a"], "key": "k", "value": "not an object"},
        {"namespace": ["a"], "key": "", "value": {}},
    ]
    for body in bad_puts:
        response = await http.put("/store/items", json=body, headers=auth)
        assert response.status_code == 422, (body, response.text)
    too_long = {"namespace_prefix": ["a"], "query": "x" * 1001}  # a text query (no semantic index), ≤ 1000
    for body in (too_long, {"filter": {"x": {"$regex": ".*"}}}):
        response = await http.post("/store/items/search", json=body, headers=auth)
        assert response.status_code == 422, (body, response.text)
    got = await http.get("/store/items", params={"namespace": "a..b", "key": "k"}, headers=auth)
    assert got.status_code == 422
    assert (await http.get("/store/items", params={"namespace": "prefs.home", "key": "k"})).status_code == 401


async def test_store_quota_counts_new_keys_only(alice):
    _, _, client = alice
    for i in range(STORE_QUOTA):
        await client.store.put_item(["q"], f"k{i}", {"i": i})
    with pytest.raises(PermissionDeniedError) as refused_put:
        await client.store.put_item(["q"], "one-more", {"i": 99})
    assert refused_put.value.response.json()["error"]["details"]["quota"] == "store_items_per_user"
    await client.store.put_item(["q"], "k0", {"i": 100})  # replacing an item is not a new one
    await client.store.delete_item(["q"], "k1")
    await client.store.put_item(["q"], "one-more", {"i": 99})  # room again
    assert len((await client.store.search_items(["q"], limit=100))["items"]) == STORE_QUOTA


async def test_a_store_namespace_is_per_user_whatever_the_client_names(http, alice, bob, db_url):
    _, _, mine = alice
    _, _, theirs = bob
    await mine.store.put_item(["shared"], "k", {"owner": "alice"})
    await theirs.store.put_item(["shared"], "k", {"owner": "bob"})
    assert (await mine.store.get_item(["shared"], "k"))["value"] == {"owner": "alice"}
    assert (await theirs.store.get_item(["shared"], "k"))["value"] == {"owner": "bob"}
    alice_id = (await http.get(f"{API}/users/me", headers=alice[0])).json()["id"]
    # naming alice's stored prefix, a wildcard or nothing stays inside bob's own namespace
    for prefix in (["users", str(alice_id)], ["*"], [], ["users"]):
        items = (await theirs.store.search_items(prefix, limit=100))["items"]
        assert all(i["value"].get("owner") != "alice" for i in items), prefix
    spaces = (await theirs.store.list_namespaces(suffix=["shared"]))["namespaces"]
    assert spaces == [["shared"]]
    with pytest.raises(NotFoundError):
        await theirs.store.get_item(["users", str(alice_id), "shared"], "k")
    await theirs.store.delete_item(["shared"], "k")
    assert (await mine.store.get_item(["shared"], "k"))["value"] == {"owner": "alice"}


# --- safety: the user is run context, state writes are declared channels ----------------------------


async def test_the_user_is_never_graph_state_and_only_declared_channels_can_be_written(alice, db_url):
    _, _, client = alice
    tid = (await client.threads.create())["thread_id"]
    await client.runs.wait(tid, "budongsan", input={"messages": [human(QUESTION)]})
    channels = await fetchval(
        db_url,
        "SELECT array_agg(DISTINCT k) FROM (SELECT jsonb_object_keys(checkpoint->'channel_values') AS k "
        "FROM checkpoints WHERE thread_id = $1 UNION SELECT channel FROM checkpoint_blobs WHERE thread_id = $1) c",
        tid,
    )
    assert "query" in channels and "user_id" not in channels
    head = await client.threads.get_state(tid)
    written = await client.threads.update_state(tid, {"summary": "송파구 전세를 찾는 중"})
    assert written["checkpoint"]["checkpoint_id"] != head["checkpoint"]["checkpoint_id"]
    assert (await client.threads.get_state(tid))["next"] == []
    window = [{"role": "user", "content": "송파구 전세"}, {"role": "assistant", "content": "네"}]
    await client.threads.update_state(tid, {"window": window})
    for values in (
        {"user_id": str(uuid.uuid4())},
        {"slots": {}},
        {"messages": []},
        {"window": [{"role": "x"}]},
    ):
        with pytest.raises(UnprocessableEntityError):
            await client.threads.update_state(tid, values)
    with pytest.raises(UnprocessableEntityError):
        await client.threads.update_state(tid, {"summary": "x"}, as_node="planning")
    done = await client.runs.wait(tid, "budongsan", input={"messages": [human("서초구는?")]})
    assert [m["type"] for m in done["messages"]] == ["human", "ai", "human", "ai"]
    paused = (await client.threads.create())["thread_id"]
    await client.runs.wait(paused, "budongsan", input={"messages": [human(CONTRACT)]})
    with pytest.raises(ConflictError):
        await client.threads.update_state(paused, {"summary": "x"})
    fresh = (await client.threads.create())["thread_id"]
    with pytest.raises(ConflictError):
        await client.threads.update_state(fresh, {"summary": "x"})


async def test_another_users_store_items_state_and_memory_cannot_be_reached(http, alice, bob, db_url):
    alice_auth, _, mine = alice
    _, _, theirs = bob
    tid = (await mine.threads.create())["thread_id"]
    await mine.runs.wait(tid, "budongsan", input={"messages": [human("송파구 전세 6억 이하 30평대 찾아줘")]})
    with pytest.raises(NotFoundError):
        await theirs.threads.update_state(tid, {"summary": "남의 대화"})
    own = (await theirs.threads.create())["thread_id"]
    alice_id = (await http.get(f"{API}/users/me", headers=alice_auth)).json()["id"]
    # every field a client could name a user with is refused, on bob's own thread
    smuggled: list[dict[str, Any]] = [
        {"input": {"messages": [human("추천해줘")], "user_id": alice_id}},
        {"input": {"messages": [human("추천해줘")]}, "context": {"user_id": alice_id}},
        {"input": {"messages": [human("추천해줘")]}, "config": {"configurable": {"user_id": alice_id}}},
        {"input": {"messages": [human("추천해줘")]}, "command": {"update": {"user_id": alice_id}}},
    ]
    for kwargs in smuggled:
        assert await refused(theirs.runs.wait(own, "budongsan", **kwargs)) == 422
    with pytest.raises(UnprocessableEntityError):
        await theirs.threads.update_state(own, {"user_id": alice_id})
    # bob's memory routes show none of alice's
    bob_auth = bob[0]
    for path in ("preferences", "entities", "conversations"):
        listed = await http.get(f"{API}/memory/{path}", headers=bob_auth)
        assert listed.status_code == 200 and listed.json()["items"] == [], path


# --- CORS, quotas, erasure ---------------------------------------------------------------------------


async def test_cors_preflight_allows_the_configured_origin_and_exposes_content_location(http, alice):
    _, key, client = alice
    preflight = await http.options(
        "/threads/search",
        headers={
            "Origin": UI_ORIGIN,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type,x-api-key,x-auth-scheme,last-event-id",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == UI_ORIGIN
    allowed = preflight.headers["access-control-allow-headers"].lower()
    assert {"x-api-key", "x-auth-scheme", "last-event-id", "content-type"} <= set(
        allowed.replace(" ", "").split(",")
    )
    tid = (await client.threads.create())["thread_id"]
    run = await http.post(
        f"/threads/{tid}/runs",
        json={"assistant_id": "budongsan", "input": {"messages": [human(QUESTION)]}},
        headers={"Origin": UI_ORIGIN, "X-Api-Key": key["key"]},
    )
    assert run.status_code == 200 and run.headers["content-location"].startswith(f"/threads/{tid}/runs/")
    assert "content-location" in run.headers["access-control-expose-headers"].lower()
    other = await http.options(
        "/threads/search", headers={"Origin": "http://evil.example", "Access-Control-Request-Method": "POST"}
    )
    assert "access-control-allow-origin" not in other.headers
    await client.runs.join(tid, run.json()["run_id"])


async def test_queued_runs_per_user_are_capped(alice, db_url):
    _, _, client = alice
    tid = (await client.threads.create())["thread_id"]
    async with checkpoint_writes_blocked(db_url):
        runs = [await client.runs.create(tid, "budongsan", input={"messages": [human(QUESTION)]})]
        for i in range(QUEUED_QUOTA - 1):  # the cap counts unfinished runs: the running one too
            runs.append(await client.runs.create(tid, "budongsan", input={"messages": [human(f"질문 {i}")]}))
        with pytest.raises(RateLimitError) as too_many:
            await client.runs.create(tid, "budongsan", input={"messages": [human("하나 더")]})
        assert too_many.value.response.headers["retry-after"]
        assert too_many.value.response.json()["error"]["details"]["quota"] == "queued_runs_per_user"
    await client.runs.join(tid, runs[-1]["run_id"])
    assert [r["status"] for r in await client.runs.list(tid)] == ["success"] * QUEUED_QUOTA


async def test_erasure_takes_runs_api_keys_and_store_items_chat_deletion_takes_runs(http, engine, db_url):
    from tests.integration.test_api_erasure import traces

    auth = await sign_in(http)
    key = await new_key(http, auth)
    client = get_client(url=str(http.base_url), api_key=key["key"])
    me = (await http.get(f"{API}/users/me", headers=auth)).json()
    marker = f"zqmark{uuid.uuid4().hex[:10]}"
    kept, gone = (await client.threads.create())["thread_id"], (await client.threads.create())["thread_id"]
    for tid in (kept, gone):  # resumable: their events are kept in run_events (issue 17)
        body = {"messages": [human(f"{QUESTION} {marker}")]}
        [_ async for _ in client.runs.stream(tid, "budongsan", input=body, stream_resumable=True)]
    await client.store.put_item(["notes", marker], "k", {"text": marker})
    needles = [me["id"], me["email"], kept, gone, marker, key["prefix"]]
    before = await traces(engine, needles)
    for table in ("runs", "run_events", "api_keys", "store", "chat_messages", "checkpoint_blobs"):
        assert any(k.startswith(f"{table}.") for k in before), table
    await client.threads.delete(gone)
    assert await traces(engine, [gone]) == {}
    assert await fetchval(db_url, "SELECT count(*) FROM runs WHERE thread_id = $1", uuid.UUID(kept)) == 1
    assert (await http.delete(f"{API}/users/me", headers=auth)).status_code == 204
    assert await traces(engine, needles) == {}
