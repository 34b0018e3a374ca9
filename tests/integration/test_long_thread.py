"""A long chat through the API: the state stays bounded, the checkpoints stay pruned, the transcript keeps
everything, and the first turn's apartment is still known many turns later: in the same chat (its slots
outlive the window) and in a new chat (through EntityMemory). bench/checkpoint_bench.py drives 1,000 turns."""

from __future__ import annotations

import pytest

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

TURNS = 30
FIRST = "헬리오시티 84㎡ 2024년 시세"
# Later turns name no apartment, so nothing newer can stand in for the first one.
LATER = ["연봉 8천에 6억 아파트 대출 얼마나 나와?", "전세 갱신요구권 몇 번 쓸 수 있어?"]


@pytest.fixture(scope="module")
async def app(db_url, test_settings, loaded_engine):
    async with running_app(api_settings(test_settings, db_url, checkpoint_prune_every=10)) as app:
        yield app


async def test_many_turns_later_the_first_apartment_is_still_known_and_nothing_is_lost(app, engine):
    async with client_for(app) as client:
        account = await sign_up(client)
        session_id = await new_session(client, account)
        url = f"{API}/chat/sessions/{session_id}/messages"
        first = await client.post(url, json={"content": FIRST}, headers=account.headers)
        assert first.status_code == 200, first.text
        first_slots = first.json()["assistant_message"]["structured_data"]["slots"]
        assert first_slots["complex"] == "헬리오시티"
        for i in range(TURNS - 1):
            sent = await client.post(url, json={"content": LATER[i % 2]}, headers=account.headers)
            assert sent.status_code == 200, (i, sent.text)

        await wait_until(
            lambda: scalar(
                engine,
                "SELECT count(*) FROM memory_jobs WHERE session_id = :s AND done_at IS NULL",
                s=session_id,
            ),
            0,
            timeout_s=120,
        )
        later = await client.post(
            url, json={"content": "지난번에 물어본 그 아파트 시세 다시 알려줘"}, headers=account.headers
        )
        assert later.status_code == 200, later.text
        answer = later.json()["assistant_message"]
        assert answer["structured_data"]["slots"]["complex"] == "헬리오시티"
        assert "헬리오시티" in answer["content"]

        # A new chat starts with empty slots: only long-term memory can name the apartment.
        other_url = f"{API}/chat/sessions/{await new_session(client, account)}/messages"
        recalled = await client.post(
            other_url, json={"content": "지난번에 물어본 그 아파트 시세 다시 알려줘"}, headers=account.headers
        )
        assert recalled.status_code == 200, recalled.text
        recalled_answer = recalled.json()["assistant_message"]
        assert recalled_answer["structured_data"]["slots"]["complex"] == "헬리오시티"
        assert any(
            "헬리오시티" in item["label"] for item in recalled_answer["structured_data"]["used_memory"]
        )

        # The transcript endpoint still returns every message, oldest first once the pages are joined.
        pages, before = [], None
        while True:
            params = {"limit": 100, **({"before": before} if before else {})}
            page = (await client.get(url, params=params, headers=account.headers)).json()
            pages = page["items"] + pages
            before = page["next_before"]
            if before is None:
                break
        assert len(pages) == 2 * (TURNS + 1)
        assert pages[0]["content"] == FIRST and pages[-2]["content"].startswith("지난번에")

    # Checkpoints: the retention rule keeps a handful of rows, not one per step of 1,001 turns.
    checkpoint_rows = await scalar(
        engine, "SELECT count(*) FROM checkpoints WHERE thread_id = :t", t=session_id
    )
    assert checkpoint_rows <= 12, checkpoint_rows
    checkpoint_bytes = await scalar(
        engine,
        "SELECT (SELECT coalesce(sum(pg_column_size(c.*)), 0) FROM checkpoints c WHERE thread_id = :t)"
        " + (SELECT coalesce(sum(pg_column_size(b.*)), 0) FROM checkpoint_blobs b WHERE thread_id = :t)"
        " + (SELECT coalesce(sum(pg_column_size(w.*)), 0) FROM checkpoint_writes w WHERE thread_id = :t)",
        t=session_id,
    )
    assert checkpoint_bytes < 2_000_000, checkpoint_bytes
