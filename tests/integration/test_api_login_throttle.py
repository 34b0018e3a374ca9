"""Sign-in and sign-up throttling over HTTP: per account first, per client address second (behind a
trusted proxy, by X-Forwarded-For), 429 + Retry-After in the common error shape, nothing stored changed.

The app trusts 127.0.0.1 (the in-process client's address) as a proxy, so each test picks the client
address it plays with X-Forwarded-For; other peers' headers are ignored (checked with a 2nd client)."""

from __future__ import annotations

import uuid

import httpx
import pytest

from tests.integration.api_support import (
    API,
    PASSWORD,
    api_settings,
    assert_error_shape,
    client_for,
    running_app,
    scalar,
)

LOGIN_FAILURES = 3
LOGIN_PER_IP = 8
REGISTER_PER_IP = 3
REGISTER_PER_ACCOUNT = 2


@pytest.fixture(scope="module")
async def app(db_url, test_settings, loaded_engine):
    settings = api_settings(
        test_settings,
        db_url,
        login_failures_per_account=LOGIN_FAILURES,
        login_attempts_per_ip=LOGIN_PER_IP,
        register_attempts_per_ip=REGISTER_PER_IP,
        register_attempts_per_account=REGISTER_PER_ACCOUNT,
        trusted_proxies="127.0.0.1",
    )
    async with running_app(settings) as app:
        yield app


@pytest.fixture
async def client(app):
    async with client_for(app) as client:
        yield client


def from_ip() -> dict[str, str]:
    """A fresh client address, as the trusted proxy (127.0.0.1) reports it."""
    return {"X-Forwarded-For": f"198.51.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}"}


async def register(client: httpx.AsyncClient, email: str, headers: dict[str, str]) -> httpx.Response:
    return await client.post(
        f"{API}/auth/register", json={"email": email, "password": PASSWORD}, headers=headers
    )


async def login(
    client: httpx.AsyncClient, email: str, password: str, headers: dict[str, str]
) -> httpx.Response:
    return await client.post(
        f"{API}/auth/token", data={"username": email, "password": password}, headers=headers
    )


def assert_throttled(response: httpx.Response) -> dict:
    error = assert_error_shape(response, 429, "rate_limited")
    retry = int(response.headers["Retry-After"])
    assert retry >= 1 and error["details"]["retry_after_seconds"] == retry
    assert "다시 시도" in error["message"]
    return error


async def sign_up_from(client: httpx.AsyncClient) -> str:
    email = f"throttle-{uuid.uuid4().hex[:10]}@example.com"
    assert (await register(client, email, from_ip())).status_code == 201
    return email


async def test_wrong_passwords_for_one_account_are_limited_whatever_the_address(client):
    email = await sign_up_from(client)
    for _ in range(LOGIN_FAILURES):
        assert_error_shape(await login(client, email, "wrong-" + PASSWORD, from_ip()), 401)
    # A new address changes nothing: the account's window is full, even for the right password.
    assert_throttled(await login(client, email, "wrong-" + PASSWORD, from_ip()))
    assert_throttled(await login(client, email, PASSWORD, from_ip()))


async def test_an_account_that_does_not_exist_is_limited_the_same_way(client):
    ghost = f"ghost-{uuid.uuid4().hex[:8]}@example.com"
    for _ in range(LOGIN_FAILURES):
        assert_error_shape(await login(client, ghost, PASSWORD, from_ip()), 401)
    assert_throttled(await login(client, ghost, PASSWORD, from_ip()))


async def test_look_alike_spellings_of_an_email_share_its_limit(client):
    email = await sign_up_from(client)
    local, domain = email.split("@")
    spellings = [email.upper(), f"{local[:3]}\u200b{local[3:]}@{domain}", email.replace("t", "ｔ")]
    for spelling in spellings:
        assert_error_shape(await login(client, spelling, "wrong-" + PASSWORD, from_ip()), 401)
    assert_throttled(await login(client, email, PASSWORD, from_ip()))


async def test_correct_logins_do_not_fill_the_account_window(client):
    email = await sign_up_from(client)
    for _ in range(LOGIN_FAILURES + 2):
        assert (await login(client, email, PASSWORD, from_ip())).status_code == 200


async def test_one_address_is_limited_across_many_accounts(client, engine):
    ip = from_ip()
    emails = [await sign_up_from(client) for _ in range(LOGIN_PER_IP + 1)]
    answers = [await login(client, email, "wrong-" + PASSWORD, ip) for email in emails]
    assert [a.status_code for a in answers[:LOGIN_PER_IP]] == [401] * LOGIN_PER_IP
    assert_throttled(answers[LOGIN_PER_IP])
    assert (await login(client, emails[-1], PASSWORD, from_ip())).status_code == 200  # others unaffected


async def test_one_address_cannot_create_accounts_in_bulk(client, engine):
    ip = from_ip()
    before = await scalar(engine, "SELECT count(*) FROM users")
    answers = [
        await register(client, f"bulk-{uuid.uuid4().hex[:10]}@example.com", ip)
        for _ in range(REGISTER_PER_IP + 2)
    ]
    assert [a.status_code for a in answers[:REGISTER_PER_IP]] == [201] * REGISTER_PER_IP
    for refused in answers[REGISTER_PER_IP:]:
        assert_throttled(refused)
    assert await scalar(engine, "SELECT count(*) FROM users") == before + REGISTER_PER_IP


async def test_probing_whether_one_email_is_registered_is_limited(client):
    email = await sign_up_from(client)  # the first of REGISTER_PER_ACCOUNT attempts for this email
    for _ in range(REGISTER_PER_ACCOUNT - 1):
        assert_error_shape(await register(client, email, from_ip()), 409, "email_taken")
    assert_throttled(await register(client, email, from_ip()))
    assert_throttled(await register(client, email.upper(), from_ip()))


async def test_forwarded_for_from_an_untrusted_peer_is_ignored(app, engine):
    """A client that is not a configured proxy cannot pick a new address per attempt."""
    transport = httpx.ASGITransport(app=app, client=("203.0.113.77", 40000))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as direct:
        before = await scalar(engine, "SELECT count(*) FROM users")
        answers = [
            await register(direct, f"spoof-{uuid.uuid4().hex[:10]}@example.com", from_ip())
            for _ in range(REGISTER_PER_IP + 1)
        ]
    assert [a.status_code for a in answers[:REGISTER_PER_IP]] == [201] * REGISTER_PER_IP
    assert_throttled(answers[REGISTER_PER_IP])
    assert await scalar(engine, "SELECT count(*) FROM users") == before + REGISTER_PER_IP


async def test_counters_hold_no_emails_or_addresses(client, engine):
    email = await sign_up_from(client)
    await login(client, email, "wrong-" + PASSWORD, {"X-Forwarded-For": "198.51.100.99"})
    found = await scalar(
        engine,
        "SELECT count(*) FROM rate_limit_keys WHERE key LIKE :e OR key LIKE '%198.51.100.99%'",
        e=f"%{email}%",
    )
    assert found == 0
    assert await scalar(engine, "SELECT count(*) FROM rate_limit_keys WHERE expires_at > now()") > 0
