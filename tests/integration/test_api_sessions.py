"""Chat sessions: CRUD, newest-first keyset pagination, titles, delete, and owner isolation."""

from __future__ import annotations

import uuid

import pytest

from tests.integration.api_support import (
    API,
    api_settings,
    assert_error_shape,
    client_for,
    new_session,
    running_app,
    scalar,
    sign_up,
)


@pytest.fixture(scope="module")
async def app(db_url, test_settings, loaded_engine):
    async with running_app(api_settings(test_settings, db_url, page_limit_max=50)) as app:
        yield app


@pytest.fixture
async def client(app):
    async with client_for(app) as client:
        yield client


async def test_create_returns_201_with_the_session_fields(client):
    account = await sign_up(client)
    response = await client.post(f"{API}/chat/sessions", json={}, headers=account.headers)
    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"session_id", "title", "created_at", "updated_at", "last_message", "message_count"}
    assert body["title"] == "새 대화" and body["message_count"] == 0 and body["last_message"] is None
    no_body = await client.post(f"{API}/chat/sessions", headers=account.headers)
    assert no_body.status_code == 201


async def test_title_comes_from_the_first_question_unless_renamed(client):
    account = await sign_up(client)
    auto = await new_session(client, account)
    renamed = await new_session(client, account)
    patched = await client.patch(
        f"{API}/chat/sessions/{renamed}", json={"title": "내 제목"}, headers=account.headers
    )
    assert patched.status_code == 200 and patched.json()["title"] == "내 제목"
    for session_id in (auto, renamed):
        sent = await client.post(
            f"{API}/chat/sessions/{session_id}/messages",
            json={"content": "  송파구   2024년 시세  "},
            headers=account.headers,
        )
        assert sent.status_code == 200, sent.text
    auto_body = (await client.get(f"{API}/chat/sessions/{auto}", headers=account.headers)).json()
    assert auto_body["title"] == "송파구 2024년 시세"
    assert auto_body["message_count"] == 2
    assert auto_body["last_message"]
    assert (await client.get(f"{API}/chat/sessions/{renamed}", headers=account.headers)).json()[
        "title"
    ] == "내 제목"


async def test_list_is_newest_first_and_keyset_pages_cover_everything_once(client):
    account = await sign_up(client)
    created = [await new_session(client, account, f"대화 {i}") for i in range(7)]
    # Activity moves an old chat to the top.
    await client.post(
        f"{API}/chat/sessions/{created[0]}/messages", json={"content": "강남구 시세"}, headers=account.headers
    )
    seen, cursor, pages = [], None, 0
    while True:
        params = {"limit": 3} | ({"cursor": cursor} if cursor else {})
        page = await client.get(f"{API}/chat/sessions", params=params, headers=account.headers)
        assert page.status_code == 200, page.text
        seen += [item["session_id"] for item in page.json()["items"]]
        pages += 1
        cursor = page.json()["next_cursor"]
        if cursor is None:
            break
    assert pages == 3
    assert seen == [created[0], *reversed(created[1:])]


async def test_pagination_bounds_and_bad_cursors_are_422(client):
    account = await sign_up(client)
    for params in (
        {"limit": 0},
        {"limit": 51},
        {"limit": "many"},
        {"cursor": "not-a-cursor"},
        {"cursor": "W10"},
        {"cursor": "x" * 500},
    ):
        response = await client.get(f"{API}/chat/sessions", params=params, headers=account.headers)
        assert_error_shape(response, 422)


async def test_rename_validates_the_title(client):
    account = await sign_up(client)
    session_id = await new_session(client, account)
    for body in (
        {"title": ""},
        {"title": "   "},
        {"title": "x" * 101},
        {"title": "a\u0000"},
        {},
        {"title": "ok", "pinned": True},
        {"title": 5},
    ):
        response = await client.patch(f"{API}/chat/sessions/{session_id}", json=body, headers=account.headers)
        assert_error_shape(response, 422)
    assert (await client.get(f"{API}/chat/sessions/{session_id}", headers=account.headers)).json()[
        "title"
    ] == "새 대화"


async def test_delete_removes_transcript_and_langgraph_thread(client, engine):
    account = await sign_up(client)
    session_id = await new_session(client, account)
    await client.post(
        f"{API}/chat/sessions/{session_id}/messages", json={"content": "송파구 시세"}, headers=account.headers
    )
    assert await scalar(engine, "SELECT count(*) FROM checkpoints WHERE thread_id = :t", t=session_id) > 0
    response = await client.delete(f"{API}/chat/sessions/{session_id}", headers=account.headers)
    assert response.status_code == 204
    assert_error_shape(await client.get(f"{API}/chat/sessions/{session_id}", headers=account.headers), 404)
    for table, column in (
        ("chat_messages", "session_id"),
        ("chat_sessions", "session_id"),
        ("checkpoints", "thread_id"),
        ("checkpoint_blobs", "thread_id"),
        ("checkpoint_writes", "thread_id"),
    ):
        assert (
            await scalar(engine, f"SELECT count(*) FROM {table} WHERE {column}::text = :s", s=session_id) == 0
        )


def _routes(session_id: str) -> list[tuple[str, str, dict | None]]:
    base = f"{API}/chat/sessions/{session_id}"
    return [
        ("GET", base, None),
        ("PATCH", base, {"title": "가로채기"}),
        ("POST", f"{base}/messages", {"content": "송파구 시세"}),
        ("GET", f"{base}/messages", None),
        ("POST", f"{base}/resume", {"action": "approve"}),
        ("DELETE", base, None),
    ]


async def test_isolation_matrix_another_users_ids_are_404_and_nothing_changes(client, engine):
    owner, intruder = await sign_up(client), await sign_up(client)
    session_id = await new_session(client, owner, "비밀 대화")
    await client.post(
        f"{API}/chat/sessions/{session_id}/messages", json={"content": "송파구 시세"}, headers=owner.headers
    )
    before = (await client.get(f"{API}/chat/sessions/{session_id}", headers=owner.headers)).json()
    for method, url, body in _routes(session_id):
        response = await client.request(method, url, json=body, headers=intruder.headers)
        assert_error_shape(response, 404, "not_found")
        assert "비밀" not in response.text
    listing = await client.get(f"{API}/chat/sessions", headers=intruder.headers)
    assert listing.json()["items"] == []
    assert (await client.get(f"{API}/chat/sessions/{session_id}", headers=owner.headers)).json() == before
    assert await scalar(engine, "SELECT count(*) FROM chat_messages WHERE session_id = :s", s=session_id) == 2


async def test_every_route_needs_a_valid_token(client):
    owner = await sign_up(client)
    session_id = await new_session(client, owner)
    routes = [
        *_routes(session_id),
        ("GET", f"{API}/chat/sessions", None),
        ("POST", f"{API}/chat/sessions", {}),
        ("GET", f"{API}/users/me", None),
        ("DELETE", f"{API}/users/me", None),
    ]
    for headers in ({}, {"Authorization": "Bearer not-a-jwt"}):
        for method, url, body in routes:
            response = await client.request(method, url, json=body, headers=headers)
            assert_error_shape(response, 401, "unauthorized")


@pytest.mark.parametrize("bad_id", ["123", "not-a-uuid", "..%2F..%2Fetc%2Fpasswd", "' OR 1=1 --", "%00"])
async def test_malformed_session_ids_are_422(client, bad_id):
    account = await sign_up(client)
    response = await client.get(f"{API}/chat/sessions/{bad_id}", headers=account.headers)
    assert response.status_code in (404, 422)
    assert_error_shape(response, response.status_code)


async def test_unknown_session_is_404(client):
    account = await sign_up(client)
    response = await client.get(f"{API}/chat/sessions/{uuid.uuid4()}", headers=account.headers)
    assert_error_shape(response, 404, "not_found")
