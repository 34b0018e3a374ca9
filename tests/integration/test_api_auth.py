"""Accounts: register, log in, who am I, and deleting a user erases everything of theirs."""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid

import jwt
import pytest
from sqlalchemy import text

from backend.auth import Tokens
from backend.context import app_context
from tests.integration.api_support import (
    API,
    PASSWORD,
    api_settings,
    assert_error_shape,
    client_for,
    new_session,
    running_app,
    scalar,
    sign_up,
    tables_locked,
    wait_until,
)


@pytest.fixture(scope="module")
async def app(db_url, test_settings, loaded_engine):
    async with running_app(api_settings(test_settings, db_url)) as app:
        yield app


@pytest.fixture
async def client(app):
    async with client_for(app) as client:
        yield client


async def test_register_login_and_me(client):
    account = await sign_up(client, "Minji.Kim@Example.com")
    me = await client.get(f"{API}/users/me", headers=account.headers)
    assert me.status_code == 200
    assert me.json()["email"] == "minji.kim@example.com"
    assert me.json()["id"] == str(account.user_id)
    assert "password" not in me.text


async def test_register_twice_is_409_and_stores_one_user(client, engine):
    account = await sign_up(client)
    again = await client.post(
        f"{API}/auth/register", json={"email": account.email.upper(), "password": PASSWORD}
    )
    assert_error_shape(again, 409, "email_taken")
    assert await scalar(engine, "SELECT count(*) FROM users WHERE email = :e", e=account.email) == 1


async def test_password_is_stored_as_argon2_hash(client, engine):
    account = await sign_up(client)
    stored = await scalar(engine, "SELECT password_hash FROM users WHERE id = :u", u=account.user_id)
    assert stored.startswith("$argon2") and PASSWORD not in stored


async def test_wrong_password_and_unknown_email_are_the_same_401(client):
    account = await sign_up(client)
    wrong = await client.post(
        f"{API}/auth/token", data={"username": account.email, "password": "nope-nope-nope"}
    )
    unknown = await client.post(
        f"{API}/auth/token", data={"username": "ghost@example.com", "password": PASSWORD}
    )
    assert assert_error_shape(wrong, 401) == assert_error_shape(unknown, 401)
    assert wrong.headers["WWW-Authenticate"] == "Bearer"


@pytest.mark.parametrize(
    "body",
    [
        {"email": "not-an-email", "password": PASSWORD},
        {"email": "a@example.com", "password": "short"},
        {"email": "a@example.com", "password": PASSWORD, "admin": True},
        {"email": "a\u0000b@example.com", "password": PASSWORD},
        {"email": "a@example.com"},
        {"email": ["a@example.com"], "password": PASSWORD},
    ],
)
async def test_register_rejects_bad_bodies_without_echoing_them(client, body):
    response = await client.post(f"{API}/auth/register", json=body)
    error = assert_error_shape(response, 422, "validation_error")
    assert PASSWORD not in response.text
    assert all("input" not in e for e in error["details"]["errors"])


async def test_tokens_that_are_missing_tampered_expired_or_for_deleted_users_get_401(client, app):
    account = await sign_up(client)
    tokens: Tokens = app_context(app).tokens
    expired = tokens.issue(account.user_id, now=dt.datetime.now(dt.UTC) - dt.timedelta(days=30))
    tampered = account.token[:-2] + ("AA" if not account.token.endswith("AA") else "BB")
    foreign = jwt.encode(
        {
            "sub": str(account.user_id),
            "typ": "access",
            "iat": dt.datetime.now(dt.UTC),
            "exp": dt.datetime.now(dt.UTC) + dt.timedelta(hours=1),
        },
        "another-secret-of-sufficient-length-123",
        algorithm="HS256",
    )
    ghost = tokens.issue(uuid.uuid4())
    for headers in (
        {},
        {"Authorization": "Bearer"},
        {"Authorization": "Basic abc"},
        *({"Authorization": f"Bearer {t}"} for t in (expired, tampered, foreign, ghost, "x.y.z")),
    ):
        assert_error_shape(await client.get(f"{API}/users/me", headers=headers), 401, "unauthorized")


async def test_delete_me_erases_every_row_and_checkpoint_of_the_user(client, engine):
    account = await sign_up(client)
    other = await sign_up(client)
    session_id = await new_session(client, account)
    other_session = await new_session(client, other)
    for content in ("송파구 2024년 시세", "임대차 계약서 써줘"):
        sent = await client.post(
            f"{API}/chat/sessions/{session_id}/messages", json={"content": content}, headers=account.headers
        )
        assert sent.status_code == 200, sent.text
    await client.post(
        f"{API}/chat/sessions/{other_session}/messages",
        json={"content": "강남구 시세"},
        headers=other.headers,
    )
    assert await scalar(engine, "SELECT count(*) FROM checkpoints WHERE thread_id = :t", t=session_id) > 0

    deleted = await client.delete(f"{API}/users/me", headers=account.headers)
    assert deleted.status_code == 204

    assert await _rows_of(engine, account.user_id, session_id) == {}
    assert await _rows_of(engine, other.user_id, other_session) != {}  # nobody else's data went with it
    assert_error_shape(await client.get(f"{API}/users/me", headers=account.headers), 401)


async def test_deleting_a_user_mid_turn_leaves_no_thread_behind(client, engine, db_url):
    account = await sign_up(client)
    session_id = await new_session(client, account)
    url = f"{API}/chat/sessions/{session_id}/messages"
    # The turn stops at its first trade query; checkpoints stay writable so the delete can run. The
    # question is one no other test here asks: a result already in the tool cache reads no table.
    async with tables_locked(db_url, "apt_trades", "ACCESS EXCLUSIVE"):
        turn = asyncio.create_task(
            client.post(url, json={"content": "강동구 2023년 시세"}, headers=account.headers)
        )
        count = "SELECT count(*) FROM chat_messages WHERE session_id = :s"
        await wait_until(lambda: scalar(engine, count, s=session_id), 1)
        assert (await client.delete(f"{API}/users/me", headers=account.headers)).status_code == 204
    assert_error_shape(await turn, 404, "not_found")
    assert await _rows_of(engine, account.user_id, session_id) == {}


async def _rows_of(engine, user_id: uuid.UUID, session_id: str) -> dict[str, int]:
    """Row counts of every public table with a user_id / session_id / thread_id column for this user."""
    async with engine.connect() as conn:
        columns = (
            await conn.execute(
                text(
                    "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' "
                    "AND column_name IN ('user_id', 'session_id', 'thread_id', 'source_session_id')"
                )
            )
        ).all()
        counts: dict[str, int] = {}
        for table, column in columns:
            value = str(user_id) if column == "user_id" else session_id
            n = (
                await conn.execute(
                    text(f'SELECT count(*) FROM "{table}" WHERE "{column}"::text = :v'), {"v": value}
                )
            ).scalar()
            if n:
                counts[f"{table}.{column}"] = n
        users = (
            await conn.execute(text("SELECT count(*) FROM users WHERE id = :u"), {"u": user_id})
        ).scalar()
        if users:
            counts["users.id"] = users
        return counts
