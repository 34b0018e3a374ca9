"""Forks (issue 17, part 3): regenerate and edit an earlier message, driven through `langgraph-sdk` against
a real `budongsan serve`, and the transcript tree through the REST API: a run from an earlier turn's
checkpoint re-runs from there, `values.messages` shows the branch last written, history lists the retained
turn boundaries, a branch can be switched back to and continued, a rolled-back fork leaves no trace, and a
checkpoint outside retention is refused with 409 and nothing stored.

The server keeps FORK_TURNS turns and prunes after every turn, so retention shows within a few turns.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
from langgraph_sdk import get_client

from backend.db import DatabaseUrl
from tests.e2e.conftest import ServerFactory, ServerProcess
from tests.integration.api_support import API, checkpoint_writes_blocked, fetchval, wait_until
from tests.integration.test_langgraph_api import human, new_key, sign_in

pytestmark = pytest.mark.e2e
FORK_TURNS = 4
FIRST = "강남구 아파트 매매 시세 알려줘"
SECOND = "송파구는?"
EDITED = "서초구는?"
THIRD = "연봉 8천에 6억 아파트 대출 얼마나 나와?"


@pytest.fixture(scope="module")
def server(db_url: DatabaseUrl, engine, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    factory = ServerFactory(db_url, tmp_path_factory.mktemp("forks"))
    try:
        yield factory.start(
            "forks",
            fork_turns=str(FORK_TURNS),
            checkpoint_prune_every="1",
            langgraph_run_poll_s="0.05",
        )
    finally:
        factory.stop_all()


@pytest.fixture
async def http(server: ServerProcess) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=server.base_url, timeout=60) as client:
        yield client


@pytest.fixture
async def user(http: httpx.AsyncClient, server: ServerProcess) -> tuple[dict[str, str], Any]:
    """(REST headers, SDK client) of a new account."""
    auth = await sign_in(http)
    key = (await new_key(http, auth))["key"]
    return auth, get_client(url=server.base_url, api_key=key)


def texts(values: dict[str, Any]) -> list[str]:
    return [m["content"] for m in values["messages"] if m["type"] == "human"]


async def ask(client: Any, tid: str, text: str, **fork: Any) -> dict[str, Any]:
    return await client.runs.wait(tid, "budongsan", input={"messages": [human(text)]}, **fork)


async def turn_count(db_url: DatabaseUrl, tid: str, checkpoint_id: str) -> int:
    return await fetchval(
        db_url,
        "SELECT (checkpoint -> 'channel_values' ->> 'turn_count')::int FROM checkpoints "
        "WHERE thread_id = $1 AND checkpoint_ns = '' AND checkpoint_id = $2",
        tid,
        checkpoint_id,
    )


async def refused(call: Any) -> httpx.Response:
    try:
        await call
    except httpx.HTTPStatusError as exc:  # runs.wait raises httpx's error
        return exc.response
    raise AssertionError("the call succeeded")


async def transcript(http: httpx.AsyncClient, auth: dict[str, str], tid: str) -> list[dict[str, Any]]:
    page = await http.get(f"{API}/chat/sessions/{tid}/messages", headers=auth)
    assert page.status_code == 200, page.text
    return page.json()["items"]


async def test_edit_and_regenerate_from_an_earlier_turn_then_switch_back_and_continue(
    user, http: httpx.AsyncClient, db_url: DatabaseUrl
):
    auth, client = user
    tid = (await client.threads.create())["thread_id"]
    await ask(client, tid, FIRST)
    second = await ask(client, tid, SECOND)
    history = await client.threads.get_history(tid)
    assert [len(h["values"]["messages"]) for h in history] == [4, 2]
    first_turn = history[1]["checkpoint"]["checkpoint_id"]
    second_turn = history[0]["checkpoint"]["checkpoint_id"]
    assert history[0]["parent_checkpoint"]["checkpoint_id"] == first_turn

    # edit: new words from the first turn's boundary; the graph continues from that turn's state
    edited = await ask(client, tid, EDITED, checkpoint_id=first_turn)
    assert texts(edited) == [FIRST, EDITED]
    assert edited["messages"][:2] == second["messages"][:2] and edited["messages"][-1]["type"] == "ai"
    state = await client.threads.get_state(tid)
    assert state["values"] == {"messages": edited["messages"]}
    assert state["parent_checkpoint"]["checkpoint_id"] == first_turn
    assert await turn_count(db_url, tid, state["checkpoint"]["checkpoint_id"]) == 2  # not 3: a fork
    # regenerate: the same words again from there (the SDK's `checkpoint` form)
    regenerated = await ask(client, tid, SECOND, checkpoint={"checkpoint_id": first_turn})
    assert texts(regenerated) == [FIRST, SECOND] and regenerated["messages"][-1] != second["messages"][-1]

    history = await client.threads.get_history(tid)
    ids = [h["checkpoint"]["checkpoint_id"] for h in history]
    assert len(ids) == 4 and ids[2:] == [second_turn, first_turn] and ids == sorted(ids, reverse=True)
    assert [h["parent_checkpoint"]["checkpoint_id"] for h in history[:3]] == [first_turn] * 3
    assert [texts(h["values"]) for h in history] == [
        [FIRST, SECOND],
        [FIRST, EDITED],
        [FIRST, SECOND],
        [FIRST],
    ]
    old = await client.threads.get_state(tid, checkpoint_id=second_turn)
    assert old["values"] == {"messages": second["messages"]}

    # the web page's view: the active branch, the question marked as the 3rd of 3
    items = await transcript(http, auth, tid)
    assert [m["content"] for m in items if m["role"] == "user"] == [FIRST, SECOND]
    question = items[2]
    assert question["parent_id"] == items[1]["id"] and items[1]["checkpoint_id"] == first_turn
    assert question["branch"]["index"] == 3 and question["branch"]["count"] == 3
    assert items[0]["branch"] is None and items[3]["checkpoint_id"] == ids[0]

    # switch back to the first alternative, then continue it: the graph follows that branch
    switched = await http.post(
        f"{API}/chat/sessions/{tid}/messages/{question['branch']['siblings'][0]}/activate", headers=auth
    )
    assert switched.status_code == 200, switched.text
    page = switched.json()["items"]
    assert [m["content"] for m in page] == [m["content"] for m in second["messages"]]
    assert page[2]["branch"]["index"] == 1
    assert (await client.threads.get_state(tid))["values"] == {"messages": second["messages"]}
    assert (await client.threads.get(tid))["values"] == {"messages": second["messages"]}
    third = await ask(client, tid, THIRD)
    assert texts(third) == [FIRST, SECOND, THIRD]
    head = await client.threads.get_state(tid)
    assert head["parent_checkpoint"]["checkpoint_id"] == second_turn
    assert await turn_count(db_url, tid, head["checkpoint"]["checkpoint_id"]) == 3
    assert texts((await client.threads.get_history(tid, limit=1))[0]["values"]) == [FIRST, SECOND, THIRD]


async def test_a_fork_outside_retention_is_409_and_bad_ids_are_422_with_nothing_stored(
    user, db_url: DatabaseUrl
):
    _, client = user
    tid = (await client.threads.create())["thread_id"]
    await ask(client, tid, FIRST)
    first_turn = (await client.threads.get_state(tid))["checkpoint"]["checkpoint_id"]
    for _ in range(FORK_TURNS + 1):
        await ask(client, tid, SECOND)

    async def checkpoints() -> int:
        return await fetchval(db_url, "SELECT count(*) FROM checkpoints WHERE thread_id = $1", tid)

    await wait_until(checkpoints, FORK_TURNS)  # the head is the newest turn's boundary
    history = await client.threads.get_history(tid, limit=100)
    assert len(history) == FORK_TURNS and first_turn not in {
        h["checkpoint"]["checkpoint_id"] for h in history
    }
    orphans = await fetchval(
        db_url,
        "SELECT count(*) FROM checkpoint_blobs b WHERE thread_id = $1 AND NOT EXISTS (SELECT 1 FROM checkpoints c,"
        " jsonb_each_text(c.checkpoint -> 'channel_versions') v WHERE c.thread_id = b.thread_id"
        " AND v.key = b.channel AND v.value = b.version)",
        tid,
    )
    assert orphans == 0

    other = (await client.threads.create())["thread_id"]
    await ask(client, other, FIRST)
    elsewhere = (await client.threads.get_state(other))["checkpoint"]["checkpoint_id"]
    messages = await fetchval(
        db_url, "SELECT count(*) FROM chat_messages WHERE session_id = $1", uuid.UUID(tid)
    )
    runs = await fetchval(db_url, "SELECT count(*) FROM runs WHERE thread_id = $1", uuid.UUID(tid))
    for gone in (first_turn, str(uuid.uuid4()), elsewhere):
        response = await refused(ask(client, tid, EDITED, checkpoint_id=gone))
        assert response.status_code == 409, response.text
        error = response.json()["error"]
        assert error["code"] == "checkpoint_not_retained"
        assert f"최근 {FORK_TURNS}개 턴까지만" in error["message"]
    for bad in ("not-a-checkpoint", "1" * 300):
        assert (await refused(ask(client, tid, EDITED, checkpoint_id=bad))).status_code == 422
    shifted = await refused(
        ask(client, tid, EDITED, checkpoint={"checkpoint_id": first_turn, "checkpoint_ns": "x"})
    )
    assert shifted.status_code == 422
    assert (
        await fetchval(db_url, "SELECT count(*) FROM chat_messages WHERE session_id = $1", uuid.UUID(tid))
        == messages
    )
    assert await fetchval(db_url, "SELECT count(*) FROM runs WHERE thread_id = $1", uuid.UUID(tid)) == runs
    # the state of a pruned checkpoint is gone too; a retained one is there
    with pytest.raises(httpx.HTTPStatusError) as missing:
        await client.threads.get_state(tid, checkpoint_id=first_turn)
    assert missing.value.response.status_code == 404
    kept = history[-1]["checkpoint"]["checkpoint_id"]
    assert (await client.threads.get_state(tid, checkpoint={"checkpoint_id": kept}))["checkpoint"][
        "checkpoint_id"
    ] == kept
    # and an update at a retained boundary writes after it, so the next turn from there carries it
    written = await client.threads.update_state(tid, {"summary": "강남 매매를 보는 중"}, checkpoint_id=kept)
    summary = await fetchval(
        db_url,
        "SELECT checkpoint -> 'channel_values' ->> 'summary' FROM checkpoints WHERE thread_id = $1 "
        "AND checkpoint_id = $2",
        tid,
        written["checkpoint"]["checkpoint_id"],
    )
    assert summary == "강남 매매를 보는 중"
    again = await ask(client, tid, EDITED, checkpoint_id=written["checkpoint"]["checkpoint_id"])
    assert len(again["messages"]) == len(history[-1]["values"]["messages"]) + 2


async def test_a_rolled_back_fork_leaves_the_branch_and_the_checkpoints_as_they_were(
    user, http: httpx.AsyncClient, db_url: DatabaseUrl
):
    auth, client = user
    tid = (await client.threads.create())["thread_id"]
    await ask(client, tid, FIRST)
    first_turn = (await client.threads.get_state(tid))["checkpoint"]["checkpoint_id"]
    before = await ask(client, tid, SECOND)
    state = await client.threads.get_state(tid)
    stored = await transcript(http, auth, tid)
    rows = await fetchval(db_url, "SELECT count(*) FROM checkpoints WHERE thread_id = $1", tid)
    async with checkpoint_writes_blocked(db_url):
        run = await client.runs.create(
            tid, "budongsan", input={"messages": [human(EDITED)]}, checkpoint_id=first_turn
        )
        await wait_until(
            lambda: fetchval(db_url, "SELECT status FROM runs WHERE run_id = $1", uuid.UUID(run["run_id"])),
            "running",
        )
        during = await http.get(f"{API}/chat/sessions/{tid}/messages", headers=auth)
        assert [m["content"] for m in during.json()["items"]][-1] == EDITED  # the fork is the branch shown
        switch = await http.post(
            f"{API}/chat/sessions/{tid}/messages/{stored[-1]['id']}/activate", headers=auth
        )
        assert switch.status_code == 409  # not while a turn runs
        await client.runs.cancel(tid, run["run_id"], action="rollback")
    await wait_until(
        lambda: fetchval(db_url, "SELECT count(*) FROM runs WHERE run_id = $1", uuid.UUID(run["run_id"])), 0
    )
    assert await transcript(http, auth, tid) == stored
    after = await client.threads.get_state(tid)
    assert after["values"] == {"messages": before["messages"]}
    assert after["checkpoint"] == state["checkpoint"]
    assert await fetchval(db_url, "SELECT count(*) FROM checkpoints WHERE thread_id = $1", tid) == rows


async def test_switching_branches_is_scoped_to_the_chat_and_validated(user, http: httpx.AsyncClient):
    auth, client = user
    tid = (await client.threads.create())["thread_id"]
    await ask(client, tid, FIRST)
    mine = await transcript(http, auth, tid)
    other_auth, other_client = await _other(http, client)
    theirs = (await other_client.threads.create())["thread_id"]
    await ask(other_client, theirs, FIRST)
    their_message = (await transcript(http, other_auth, theirs))[0]["id"]
    url = f"{API}/chat/sessions/{tid}/messages"
    assert (await http.post(f"{url}/{their_message}/activate", headers=auth)).status_code == 404
    assert (await http.post(f"{url}/{2**62}/activate", headers=auth)).status_code == 404
    assert (await http.post(f"{url}/abc/activate", headers=auth)).status_code == 422
    assert (await http.post(f"{url}/0/activate", headers=auth)).status_code == 422
    assert (
        await http.post(f"{API}/chat/sessions/{theirs}/messages/{mine[0]['id']}/activate", headers=auth)
    ).status_code == 404
    same = await http.post(f"{url}/{mine[0]['id']}/activate", headers=auth)  # the only branch: unchanged
    assert same.status_code == 200 and same.json()["items"] == mine


async def _other(http: httpx.AsyncClient, client: Any) -> tuple[dict[str, str], Any]:
    auth = await sign_in(http)
    key = (await new_key(http, auth))["key"]
    return auth, get_client(url=str(http.base_url).rstrip("/"), api_key=key)


async def test_regenerate_without_input_asks_the_next_question_again(user):
    """agent-chat-ui regenerates an answer by running from the turn boundary before it with no input:
    the question that followed that boundary is asked again, on a new branch."""
    _, client = user
    tid = (await client.threads.create())["thread_id"]
    await ask(client, tid, FIRST)
    second = await ask(client, tid, SECOND)
    first_turn = (await client.threads.get_history(tid))[1]["checkpoint"]["checkpoint_id"]

    again = await client.runs.wait(tid, "budongsan", input=None, checkpoint={"checkpoint_id": first_turn})
    assert texts(again) == [FIRST, SECOND] and again["messages"][-1] != second["messages"][-1]
    assert len(await client.threads.get_history(tid)) == 3

    head = (await client.threads.get_state(tid))["checkpoint"]["checkpoint_id"]
    response = await refused(client.runs.wait(tid, "budongsan", input=None, checkpoint_id=head))
    assert response.status_code == 409 and response.json()["error"]["code"] == "nothing_to_regenerate"
    assert len(await client.threads.get_history(tid)) == 3  # nothing stored
