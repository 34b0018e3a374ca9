"""Turns over HTTP: JSON and SSE answers, interrupts and resume, retries, one turn at a time, transcript."""

from __future__ import annotations

import asyncio
import uuid

import pytest

from tests.integration.api_support import (
    API,
    api_settings,
    assert_error_shape,
    checkpoint_writes_blocked,
    client_for,
    new_session,
    parse_sse,
    running_app,
    scalar,
    sign_up,
)

SSE = {"Accept": "text/event-stream"}


@pytest.fixture(scope="module")
async def app(db_url, test_settings, loaded_engine):
    async with running_app(api_settings(test_settings, db_url, sse_ping_s=0.2)) as app:
        yield app


@pytest.fixture
async def client(app):
    async with client_for(app) as client:
        yield client


@pytest.fixture
async def chat(client):
    account = await sign_up(client)
    return account, await new_session(client, account)


def messages_url(session_id: str) -> str:
    return f"{API}/chat/sessions/{session_id}/messages"


async def test_json_turn_returns_both_stored_messages(client, chat, engine):
    account, session_id = chat
    response = await client.post(
        messages_url(session_id),
        json={"content": "송파구 아파트 2024년 평균 매매가 추이"},
        headers=account.headers,
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["interrupt"] is None
    assert body["user_message"]["role"] == "user" and body["assistant_message"]["role"] == "assistant"
    assert body["assistant_message"]["content"]
    assert body["assistant_message"]["structured_data"]["intent"] == "MARKET_INQUIRY"
    assert set(body["assistant_message"]) == {
        "id",
        "turn_id",
        "role",
        "content",
        "structured_data",
        "created_at",
    }
    stored = await scalar(engine, "SELECT count(*) FROM chat_messages WHERE session_id = :s", s=session_id)
    assert stored == 2


async def test_the_answer_and_its_memory_job_are_written_together(client, chat, engine):
    account, session_id = chat
    body = (
        await client.post(
            messages_url(session_id), json={"content": "송파구 2024년 시세"}, headers=account.headers
        )
    ).json()
    async with engine.connect() as conn:
        from sqlalchemy import text

        job = (
            await conn.execute(
                text("SELECT user_id, payload FROM memory_jobs WHERE session_id = :s"), {"s": session_id}
            )
        ).one()
    assert job.user_id == account.user_id
    assert job.payload["user_message_id"] == body["user_message"]["id"]
    assert job.payload["assistant_message_id"] == body["assistant_message"]["id"]
    assert job.payload["query"] == "송파구 2024년 시세"
    assert job.payload["answer"] == body["assistant_message"]["content"]
    assert set(job.payload) == {
        "user_message_id",
        "assistant_message_id",
        "query",
        "answer",
        "intent",
        "slots",
        "entities",
    }


async def test_sse_turn_streams_metadata_plan_steps_tokens_then_the_stored_final(client, chat):
    account, session_id = chat
    response = await client.post(
        messages_url(session_id),
        json={"content": "대치동 은마아파트 84㎡ 최근 실거래가"},
        headers={**account.headers, **SSE},
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    events = parse_sse(response.text)
    names = [name for name, _ in events]
    assert names[0] == "metadata" and names[1] == "plan" and names[-1] == "final"
    assert "step" in names and names.count("final") == 1 and "error" not in names
    metadata, final = events[0][1], events[-1][1]
    assert metadata["session_id"] == session_id and metadata["user_message"]["role"] == "user"
    transcript = (await client.get(messages_url(session_id), headers=account.headers)).json()["items"]
    assert [m["id"] for m in transcript] == [metadata["user_message"]["id"], final["id"]]
    assert transcript[-1]["content"] == final["content"]


async def test_sse_sends_heartbeat_comments_while_the_turn_is_busy(client, chat, db_url):
    account, session_id = chat
    async with checkpoint_writes_blocked(db_url):
        request = asyncio.create_task(
            client.post(
                messages_url(session_id), json={"content": "송파구 시세"}, headers={**account.headers, **SSE}
            )
        )
        await asyncio.sleep(1.0)  # five ping intervals with nothing to say
    response = await request
    assert ": ping" in response.text
    assert [name for name, _ in parse_sse(response.text)][-1] == "final"


async def test_contract_interrupt_then_resume_and_resume_with_nothing_pending_is_409(client, chat):
    account, session_id = chat
    paused = await client.post(
        messages_url(session_id), json={"content": "임대차 계약서 써줘"}, headers=account.headers
    )
    assert paused.status_code == 200, paused.text
    interrupt = paused.json()["interrupt"]
    assert interrupt["type"] == "contract_approval" and interrupt["question"]
    assert paused.json()["assistant_message"]["content"] == interrupt["question"]

    resumed = await client.post(
        f"{API}/chat/sessions/{session_id}/resume",
        json={"action": "approve"},
        headers={**account.headers, **SSE},
    )
    names = [name for name, _ in parse_sse(resumed.text)]
    assert names[0] == "metadata" and names[-1] == "final"

    again = await client.post(
        f"{API}/chat/sessions/{session_id}/resume", json={"action": "approve"}, headers=account.headers
    )
    assert_error_shape(again, 409, "no_pending_interrupt")
    transcript = (await client.get(messages_url(session_id), headers=account.headers)).json()["items"]
    assert [m["role"] for m in transcript] == ["user", "assistant", "user", "assistant"]
    assert transcript[2]["structured_data"] == {"resume": {"action": "approve", "feedback": None}}


async def test_resume_on_a_fresh_chat_is_409_and_stores_nothing(client, chat, engine):
    account, session_id = chat
    response = await client.post(
        f"{API}/chat/sessions/{session_id}/resume", json={"action": "reject"}, headers=account.headers
    )
    assert_error_shape(response, 409, "no_pending_interrupt")
    assert await scalar(engine, "SELECT count(*) FROM chat_messages WHERE session_id = :s", s=session_id) == 0


async def test_resume_naming_a_question_that_is_not_pending_is_409_and_stores_nothing(client, chat, engine):
    account, session_id = chat
    resume_url = f"{API}/chat/sessions/{session_id}/resume"
    paused = await client.post(
        messages_url(session_id), json={"content": "임대차 계약서 써줘"}, headers=account.headers
    )
    interrupt_id = paused.json()["interrupt"]["id"]
    assert interrupt_id

    stale = await client.post(
        resume_url, json={"action": "approve", "interrupt_id": "0" * 32}, headers=account.headers
    )
    error = assert_error_shape(stale, 409, "interrupt_not_pending")
    assert error["details"]["pending_interrupt_id"] == interrupt_id
    count = "SELECT count(*) FROM chat_messages WHERE session_id = :s"
    assert await scalar(engine, count, s=session_id) == 2

    answered = await client.post(
        resume_url, json={"action": "approve", "interrupt_id": interrupt_id}, headers=account.headers
    )
    assert answered.status_code == 200, answered.text
    again = await client.post(
        resume_url, json={"action": "approve", "interrupt_id": interrupt_id}, headers=account.headers
    )
    assert_error_shape(again, 409, "no_pending_interrupt")
    malformed = await client.post(
        resume_url, json={"action": "approve", "interrupt_id": "../../etc"}, headers=account.headers
    )
    assert_error_shape(malformed, 422)
    assert await scalar(engine, count, s=session_id) == 4


async def test_a_message_sent_while_paused_answers_the_question(client, chat):
    account, session_id = chat
    paused = (
        await client.post(
            messages_url(session_id), json={"content": "아파트 시세 알려줘"}, headers=account.headers
        )
    ).json()
    assert paused["interrupt"]["type"] == "clarify"
    answered = await client.post(
        messages_url(session_id), json={"content": "송파구"}, headers=account.headers
    )
    assert answered.status_code == 200, answered.text
    assert answered.json()["interrupt"] is None
    assert answered.json()["assistant_message"]["structured_data"]["slots"]["sigungu"] == "송파구"


async def test_retrying_a_turn_id_returns_the_stored_answer_without_duplicates(client, chat, engine):
    account, session_id = chat
    turn_id = str(uuid.uuid4())
    body = {"content": "송파구 2024년 시세", "turn_id": turn_id}
    first = await client.post(messages_url(session_id), json=body, headers=account.headers)
    second = await client.post(messages_url(session_id), json=body, headers={**account.headers, **SSE})
    assert first.status_code == second.status_code == 200
    events = parse_sse(second.text)
    assert [name for name, _ in events] == ["metadata", "final"]
    assert events[-1][1]["id"] == first.json()["assistant_message"]["id"]
    assert await scalar(engine, "SELECT count(*) FROM chat_messages WHERE session_id = :s", s=session_id) == 2
    assert await scalar(engine, "SELECT count(*) FROM memory_jobs WHERE session_id = :s", s=session_id) == 1
    reused = await client.post(
        messages_url(session_id), json={"content": "다른 질문", "turn_id": turn_id}, headers=account.headers
    )
    assert_error_shape(reused, 409, "turn_id_reused")


async def test_concurrent_sends_to_one_chat_give_exactly_one_200_and_409s(client, chat, db_url, engine):
    account, session_id = chat
    contents = [f"송파구 {2020 + i}년 시세" for i in range(6)]
    async with checkpoint_writes_blocked(db_url):  # the winner's turn cannot finish while we look
        tasks = [
            asyncio.create_task(
                client.post(messages_url(session_id), json={"content": c}, headers=account.headers)
            )
            for c in contents
        ]
        done: set[asyncio.Task] = set()
        while len(done) < len(tasks) - 1:
            finished, _ = await asyncio.wait(
                set(tasks) - done, timeout=30, return_when=asyncio.FIRST_COMPLETED
            )
            assert finished, "requests hung"
            done |= finished
        for task in done:
            error = assert_error_shape(task.result(), 409, "turn_in_progress")
            assert "진행 중" in error["message"]
    winner = await next(t for t in tasks if t not in done)
    assert winner.status_code == 200, winner.text
    transcript = (await client.get(messages_url(session_id), headers=account.headers)).json()["items"]
    assert len(transcript) == 2 and transcript[0]["content"] == winner.json()["user_message"]["content"]
    count = await scalar(
        engine, "SELECT message_count FROM chat_sessions WHERE session_id = :s", s=session_id
    )
    assert count == 2


async def test_transcript_pages_back_in_order(client, chat):
    account, session_id = chat
    questions = [f"송파구 {2020 + i}년 시세" for i in range(3)]
    for question in questions:
        assert (
            await client.post(messages_url(session_id), json={"content": question}, headers=account.headers)
        ).status_code == 200
    newest = (await client.get(messages_url(session_id), params={"limit": 4}, headers=account.headers)).json()
    assert [m["role"] for m in newest["items"]] == ["user", "assistant", "user", "assistant"]
    assert newest["items"][0]["content"] == questions[1]
    older = (
        await client.get(
            messages_url(session_id),
            params={"limit": 4, "before": newest["next_before"]},
            headers=account.headers,
        )
    ).json()
    assert older["items"][0]["content"] == questions[0]
    assert older["next_before"] is None
    ids = [m["id"] for m in older["items"] + newest["items"]]
    assert ids == sorted(ids) and len(ids) == 6
    for params in ({"limit": 0}, {"limit": 1000}, {"before": 0}, {"before": "abc"}):
        assert_error_shape(
            await client.get(messages_url(session_id), params=params, headers=account.headers), 422
        )


async def test_message_count_matches_the_transcript_in_every_session(engine):
    mismatched = await scalar(
        engine,
        "SELECT count(*) FROM chat_sessions s WHERE message_count <> "
        "(SELECT count(*) FROM chat_messages m WHERE m.session_id = s.session_id)",
    )
    assert mismatched == 0
