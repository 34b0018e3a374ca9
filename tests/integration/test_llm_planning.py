"""With a chat model configured: planning reads the conversation, the memory worker extracts with the
model, and figures still come from the tools. Scripted fake models only (tests/integration/scripted_llm.py)."""

from __future__ import annotations

import uuid

import pytest
from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver

import backend.app
from agents.deps import create_agent_deps
from agents.graph import build_graph
from agents.nlu import parse
from tests.integration.api_support import (
    API,
    api_settings,
    client_for,
    new_session,
    running_app,
    scalar,
    sign_up,
    wait_until,
)
from tests.integration.scripted_llm import ScriptedChatModel
from tests.integration.test_graph import ask, run

FOLLOW_UP = "그럼 재작년은?"
YEAR_2024 = {"period_from": "2024-01-01", "period_to": "2024-12-31"}


@pytest.fixture(scope="module")
async def deps(loaded_engine):
    return await create_agent_deps(loaded_engine, recall=None)


@pytest.fixture(scope="module")
async def saver(db_url):
    async with AsyncPostgresSaver.from_conn_string(db_url.libpq) as saver:
        yield saver


def offline_reader(deps):
    return lambda text: parse(text, deps.gazetteer, deps.today())


async def test_planning_sees_the_window_and_the_model_reading_flows_into_the_frame(saver, deps):
    # The model reads the follow-up against the thread: 시세, two years before the previous year. It
    # also copies the earlier place (and misnames it): places come only from the gazetteer match.
    reading = {
        "intent": "MARKET_INQUIRY",
        "slots": {"sigungu": "강남구", "period_from": "2022-01-01", "period_to": "2022-12-31"},
        "names_task": False,
    }
    llm = ScriptedChatModel(read=offline_reader(deps), plans={FOLLOW_UP: reading})
    graph = build_graph(saver, deps, llm)
    tid = str(uuid.uuid4())
    first = await run(graph, tid, ask("송파구 2024년 시세"))
    second = await run(graph, tid, ask(FOLLOW_UP))

    planner_calls = llm.of_kind("planning")
    assert len(planner_calls) == 2
    assert "Recent messages" not in str(planner_calls[0][0].content)  # a new chat has no context
    system, human = planner_calls[1][0], planner_calls[1][1]
    assert human.content == FOLLOW_UP
    assert "user: 송파구 2024년 시세" in str(system.content)
    answer_start = " ".join(first.final["content"].split())[:40]
    assert f"assistant: {answer_start}" in str(system.content)

    data = second.data
    assert (data["intent"], data["slots"]["sigungu"]) == ("MARKET_INQUIRY", "송파구")  # carried over
    assert (data["slots"]["period_from"], data["slots"]["period_to"]) == ("2022-01-01", "2022-12-31")
    assert data["act"] == "follow_up"
    assert data["stats"]["count"] > 0  # figures from the tools, for the model's reading
    lead, _, rest = second.final["content"].partition("\n\n")
    assert lead.startswith("송파구 2022년") and rest.startswith("앞 질문의 조건(송파구")  # answer first


async def test_planning_sees_the_summary_of_older_turns(saver, deps):
    llm = ScriptedChatModel(read=offline_reader(deps))
    graph = build_graph(saver, deps, llm)
    tid = str(uuid.uuid4())
    turns = deps.window_messages // 2 + 1  # one turn more than the window holds: it is summarized
    for year in range(2020, 2020 + turns):
        await run(graph, tid, ask(f"송파구 {year}년 시세"))
    await run(graph, tid, ask(FOLLOW_UP))
    system = str(llm.of_kind("planning")[-1][0].content)
    assert "Earlier in this chat (summary):\n- Q: 송파구 2020년 시세" in system
    assert "user: 송파구 2020년 시세" not in system  # the window holds only the latest messages


async def test_a_failing_model_leaves_planning_to_the_offline_nlu(saver, deps):
    llm = ScriptedChatModel(read=offline_reader(deps), plans={"송파구 2024년 시세": {"intent": "nonsense"}})
    turn = await run(build_graph(saver, deps, llm), str(uuid.uuid4()), ask("송파구 2024년 시세"))
    assert (turn.data["intent"], turn.data["slots"]["sigungu"]) == ("MARKET_INQUIRY", "송파구")


async def test_the_app_wires_one_model_into_planning_answers_and_the_memory_worker(
    db_url, test_settings, loaded_engine, engine, monkeypatch
):
    # What the model extracts is not in the message's words, so only the LLM extractor can store it.
    reading = {"intent": "MARKET_INQUIRY", "slots": YEAR_2024, "names_task": True}
    llm = ScriptedChatModel(
        plans={"송파구 2024년 시세": reading},
        preferences={"kind": "statement", "regions": ["마포구"], "budget_max_manwon": 70000},
    )
    monkeypatch.setattr(backend.app, "configured_llm", lambda settings: llm)
    settings = api_settings(test_settings, db_url, memory_poll_s=0.05)
    async with running_app(settings) as app, client_for(app) as client:
        me = await sign_up(client)
        chat = await new_session(client, me)
        response = await client.post(
            f"{API}/chat/sessions/{chat}/messages", json={"content": "송파구 2024년 시세"}, headers=me.headers
        )
        assert response.status_code == 200, response.text
        data = response.json()["assistant_message"]["structured_data"]
        assert data["stats"]["count"] > 0
        pending = "SELECT count(*) FROM memory_jobs WHERE user_id = :u AND done_at IS NULL"
        await wait_until(lambda: scalar(engine, pending, u=me.user_id), 0)
        items = (await client.get(f"{API}/memory/preferences", headers=me.headers)).json()["items"]
    assert {item["key"]: item["value"] for item in items} == {
        "region": {"sigungu": "마포구", "sigungu_code": "11440", "dong": None},
        "budget_max_manwon": 70000,
    }
    assert [kind for kind, _ in llm.calls] == ["planning", "answer", "memory"]
