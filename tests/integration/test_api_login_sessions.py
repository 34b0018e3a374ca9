"""Logins are sessions: every token names a row of `sessions`; logout, password change, "sign out
elsewhere" and erasure end them at once; old tokens without a session are refused with "다시 로그인";
accounts refuse weak passwords and look-alike emails."""

from __future__ import annotations

import datetime as dt
import uuid

import httpx
import jwt
import pytest
from sqlalchemy import text

from backend.context import app_context
from tests.integration.api_support import (
    API,
    PASSWORD,
    Account,
    api_settings,
    assert_error_shape,
    client_for,
    running_app,
    scalar,
    sign_up,
)

NEW_PASSWORD = "another-quiet-harbor-27"


@pytest.fixture(scope="module")
async def app(db_url, test_settings, loaded_engine):
    async with running_app(api_settings(test_settings, db_url)) as app:
        yield app


@pytest.fixture
async def client(app):
    async with client_for(app) as client:
        yield client


async def log_in(
    client: httpx.AsyncClient, email: str, password: str = PASSWORD, agent: str = "test"
) -> Account:
    response = await client.post(
        f"{API}/auth/token", data={"username": email, "password": password}, headers={"User-Agent": agent}
    )
    assert response.status_code == 200, response.text
    me = await client.get(
        f"{API}/users/me", headers={"Authorization": f"Bearer {response.json()['access_token']}"}
    )
    return Account(email, uuid.UUID(me.json()["id"]), response.json()["access_token"])


def sid(account: Account) -> str:
    return jwt.decode(account.token, options={"verify_signature": False})["sid"]


def assert_signed_out(response: httpx.Response, reason: str) -> None:
    error = assert_error_shape(response, 401, "unauthorized")
    assert "다시 로그인해 주세요" in error["message"] and "sign in again" in error["message"]
    assert error["details"] == {"reason": reason}


async def test_each_login_is_a_session_named_by_its_token(client, engine):
    account = await sign_up(client)
    stored = await scalar(
        engine,
        "SELECT metadata->>'kind' FROM sessions WHERE session_id = :s AND user_id = :u AND expires_at > now()",
        s=sid(account),
        u=account.user_id,
    )
    assert stored == "login"


async def test_logout_ends_the_session_at_once(client, engine):
    account = await sign_up(client)
    other_device = await log_in(client, account.email)
    assert (await client.post(f"{API}/auth/logout", headers=account.headers)).status_code == 204
    assert_signed_out(await client.get(f"{API}/users/me", headers=account.headers), "session_ended")
    assert_signed_out(await client.post(f"{API}/auth/logout", headers=account.headers), "session_ended")
    assert (await client.get(f"{API}/users/me", headers=other_device.headers)).status_code == 200
    assert await scalar(engine, "SELECT count(*) FROM sessions WHERE session_id = :s", s=sid(account)) == 0


async def test_a_token_from_before_sessions_is_refused_with_sign_in_again(client, app):
    account = await sign_up(client)
    old_style = app_context(app).tokens.issue(account.user_id)  # no sid: how tokens looked before
    response = await client.get(f"{API}/users/me", headers={"Authorization": f"Bearer {old_style}"})
    assert_signed_out(response, "token_without_session")
    assert response.headers["WWW-Authenticate"] == "Bearer"


async def test_a_session_id_of_another_user_does_not_authenticate(client, app):
    mine, theirs = await sign_up(client), await sign_up(client)
    forged = app_context(app).tokens.issue(mine.user_id, session_id=sid(theirs))
    assert_signed_out(
        await client.get(f"{API}/users/me", headers={"Authorization": f"Bearer {forged}"}), "session_ended"
    )


async def test_an_expired_session_is_refused_and_swept(client, app, engine):
    account = await sign_up(client)
    await _expire(engine, sid(account))
    assert_signed_out(await client.get(f"{API}/users/me", headers=account.headers), "session_ended")
    removed = await app_context(app).logins.sweep_expired()
    assert removed >= 1
    assert await scalar(engine, "SELECT count(*) FROM sessions WHERE session_id = :s", s=sid(account)) == 0


async def test_users_list_their_sessions_and_end_one(client):
    account = await sign_up(client)
    phone = await log_in(client, account.email, agent="phone-browser")
    listed = await client.get(f"{API}/users/me/sessions", headers=account.headers)
    assert listed.status_code == 200
    sessions = {s["session_id"]: s for s in listed.json()}
    assert set(sessions) == {sid(account), sid(phone)}
    assert sessions[sid(account)]["current"] and not sessions[sid(phone)]["current"]
    assert sessions[sid(phone)]["user_agent"] == "phone-browser"
    assert sessions[sid(phone)]["client"] == "127.0.0.1"

    ended = await client.delete(f"{API}/users/me/sessions/{sid(phone)}", headers=account.headers)
    assert ended.status_code == 204
    assert_signed_out(await client.get(f"{API}/users/me", headers=phone.headers), "session_ended")
    assert (await client.get(f"{API}/users/me", headers=account.headers)).status_code == 200


async def test_another_users_session_id_is_not_found_and_stays(client):
    mine, theirs = await sign_up(client), await sign_up(client)
    response = await client.delete(f"{API}/users/me/sessions/{sid(theirs)}", headers=mine.headers)
    assert_error_shape(response, 404, "not_found")
    assert (await client.get(f"{API}/users/me", headers=theirs.headers)).status_code == 200
    too_long = await client.delete(f"{API}/users/me/sessions/{'x' * 300}", headers=mine.headers)
    assert_error_shape(too_long, 422)


async def test_sign_out_everywhere_else_keeps_only_this_session(client):
    account = await sign_up(client)
    others = [await log_in(client, account.email) for _ in range(3)]
    ended = await client.delete(f"{API}/users/me/sessions", headers=account.headers)
    assert ended.status_code == 200 and ended.json() == {"sessions_ended": 3}
    for other in others:
        assert_signed_out(await client.get(f"{API}/users/me", headers=other.headers), "session_ended")
    listed = await client.get(f"{API}/users/me/sessions", headers=account.headers)
    assert [s["session_id"] for s in listed.json()] == [sid(account)]


async def test_password_change_needs_the_current_password_and_ends_the_other_sessions(client, engine):
    account = await sign_up(client)
    other = await log_in(client, account.email)
    hash_before = await scalar(engine, "SELECT password_hash FROM users WHERE id = :u", u=account.user_id)
    url = f"{API}/users/me/password"

    wrong = await client.post(
        url,
        json={"current_password": "nope-" + PASSWORD, "new_password": NEW_PASSWORD},
        headers=account.headers,
    )
    assert_error_shape(wrong, 403, "wrong_password")
    weak = await client.post(
        url, json={"current_password": PASSWORD, "new_password": "password1"}, headers=account.headers
    )
    assert_error_shape(weak, 422, "weak_password")
    assert (
        await scalar(engine, "SELECT password_hash FROM users WHERE id = :u", u=account.user_id)
        == hash_before
    )
    assert (await client.get(f"{API}/users/me", headers=other.headers)).status_code == 200

    changed = await client.post(
        url, json={"current_password": PASSWORD, "new_password": NEW_PASSWORD}, headers=account.headers
    )
    assert changed.status_code == 200 and changed.json() == {"sessions_ended": 1}
    assert_signed_out(await client.get(f"{API}/users/me", headers=other.headers), "session_ended")
    assert (await client.get(f"{API}/users/me", headers=account.headers)).status_code == 200
    old = await client.post(f"{API}/auth/token", data={"username": account.email, "password": PASSWORD})
    assert_error_shape(old, 401)
    await log_in(client, account.email, NEW_PASSWORD)


async def test_erasing_the_account_ends_its_sessions(client, engine):
    account = await sign_up(client)
    other = await log_in(client, account.email)
    assert (await client.delete(f"{API}/users/me", headers=account.headers)).status_code == 204
    assert await scalar(engine, "SELECT count(*) FROM sessions WHERE user_id = :u", u=account.user_id) == 0
    assert_signed_out(await client.get(f"{API}/users/me", headers=other.headers), "session_ended")


async def test_activity_is_recorded_without_a_write_per_request(client, engine):
    account = await sign_up(client)
    for _ in range(5):
        assert (await client.get(f"{API}/users/me", headers=account.headers)).status_code == 200
    count = "SELECT request_count FROM sessions WHERE session_id = :s"
    # The first request of this process wrote at once; the next four wait for the next write (a minute).
    assert await scalar(engine, count, s=sid(account)) == 1
    await _age_last_write(client, account)
    assert (await client.get(f"{API}/users/me", headers=account.headers)).status_code == 200
    assert await scalar(engine, count, s=sid(account)) == 6


# --- accounts ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("        ", "too_few_visible_characters"),
        ("\u200b" * 8, "too_few_visible_characters"),
        ("password", "too_guessable"),
        ("12345678", "too_guessable"),
        (None, "contains_email"),
    ],
)
async def test_weak_passwords_are_refused_and_nothing_is_stored(client, engine, password, reason):
    email = f"weak-{uuid.uuid4().hex[:8]}@example.com"
    response = await client.post(f"{API}/auth/register", json={"email": email, "password": password or email})
    error = assert_error_shape(response, 422, "weak_password")
    assert error["details"]["reason"] == reason
    assert (password or email) not in response.text.replace("password", "")
    assert await scalar(engine, "SELECT count(*) FROM users WHERE email = :e", e=email) == 0


@pytest.mark.parametrize(
    "look_alike",
    [
        lambda e: (
            "".join(chr(ord(c) + 0xFEE0) if c.isalnum() else c for c in e.split("@")[0])
            + "@"
            + e.split("@")[1]
        ),
        lambda e: e[:3] + "\u200b" + e[3:],
        lambda e: e[:3] + "\u00ad" + e[3:],
        lambda e: "\ufeff" + e.upper(),
    ],
)
async def test_look_alike_emails_are_the_same_account(client, engine, look_alike):
    account = await sign_up(client)
    again = await client.post(
        f"{API}/auth/register", json={"email": look_alike(account.email), "password": PASSWORD}
    )
    assert_error_shape(again, 409, "email_taken")
    assert await scalar(engine, "SELECT count(*) FROM users WHERE email = :e", e=account.email) == 1
    await log_in(client, look_alike(account.email))  # and they sign in to it


@pytest.mark.parametrize(
    "email",
    [
        "\u0430dmin-{n}@example.com",
        "adm\u03bfn-{n}@example.com",
        "admin\u0336-{n}@example.com",
        "a..b{n}@example.com",
    ],
)
async def test_look_alike_letters_from_other_scripts_are_refused(client, engine, email):
    email = email.format(n=uuid.uuid4().hex[:6])
    response = await client.post(f"{API}/auth/register", json={"email": email, "password": PASSWORD})
    assert_error_shape(response, 422, "invalid_email")
    assert await scalar(engine, "SELECT count(*) FROM users WHERE email = :e", e=email) == 0


async def test_an_account_stored_before_normalization_still_signs_in(client, engine, app):
    legacy = f"ｌｅｇａｃｙ-{uuid.uuid4().hex[:6]}@example.com"  # full-width, as an old server stored it
    password_hash = await app_context(app).passwords.hash(PASSWORD)
    async with engine.begin() as conn:
        await conn.execute(
            text("INSERT INTO users (email, password_hash) VALUES (:e, :h)"),
            {"e": legacy, "h": password_hash},
        )
    await log_in(client, legacy)


async def _expire(engine, session_id: str) -> None:
    async with engine.begin() as conn:
        await conn.execute(
            text("UPDATE sessions SET expires_at = now() - interval '1 second' WHERE session_id = :s"),
            {"s": session_id},
        )


async def _age_last_write(client: httpx.AsyncClient, account: Account) -> None:
    """Moves this process's last write for the session an interval back (a minute passing)."""
    app = client._transport.app  # type: ignore[attr-defined]
    counter = app_context(app).logins._activity
    counter._entries[sid(account)][1] -= dt.timedelta(minutes=2).total_seconds()
