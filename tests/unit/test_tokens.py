"""Access tokens (backend/auth.py `Tokens`): only tokens this server could have issued are accepted."""

from __future__ import annotations

import datetime as dt
import secrets
import uuid

import jwt
import pytest

from backend.auth import LEEWAY, InvalidToken, Tokens

TTL = dt.timedelta(minutes=60)


@pytest.fixture
def tokens() -> Tokens:
    return Tokens(secrets.token_urlsafe(48), TTL)


def forged(tokens: Tokens, *, iat: dt.datetime, exp: dt.datetime, user_id: uuid.UUID) -> str:
    """A token with the right secret but claims of our choosing (what a leaked secret would allow)."""
    claims = {"sub": str(user_id), "typ": "access", "iat": iat, "exp": exp}
    return jwt.encode(claims, tokens.secret, algorithm="HS256")


def test_an_issued_token_names_its_user(tokens):
    user = uuid.uuid4()
    assert tokens.user_id(tokens.issue(user)) == user


def test_a_token_living_longer_than_the_configured_lifetime_is_refused(tokens):
    now = dt.datetime.now(dt.UTC)
    user = uuid.uuid4()
    too_long = forged(tokens, iat=now, exp=now + TTL + dt.timedelta(minutes=1), user_id=user)
    within_leeway = forged(tokens, iat=now, exp=now + TTL + LEEWAY, user_id=user)

    with pytest.raises(InvalidToken):
        tokens.user_id(too_long)
    assert tokens.user_id(within_leeway) == user


def test_a_token_issued_in_the_future_is_refused(tokens):
    now = dt.datetime.now(dt.UTC)
    user = uuid.uuid4()
    later = now + dt.timedelta(minutes=5)
    skewed = now + LEEWAY / 2  # another server's clock slightly ahead

    with pytest.raises(InvalidToken):
        tokens.user_id(forged(tokens, iat=later, exp=later + TTL, user_id=user))
    assert tokens.user_id(forged(tokens, iat=skewed, exp=skewed + TTL, user_id=user)) == user


def test_a_shorter_lifetime_refuses_tokens_issued_under_a_longer_one():
    """Lowering BUDONGSAN_JWT_TTL_MINUTES takes effect for tokens already out there."""
    secret = secrets.token_urlsafe(48)
    user = uuid.uuid4()
    long_lived = Tokens(secret, dt.timedelta(days=30)).issue(user)
    with pytest.raises(InvalidToken):
        Tokens(secret, TTL).user_id(long_lived)


def test_expired_and_foreign_tokens_are_refused(tokens):
    user = uuid.uuid4()
    expired = tokens.issue(user, now=dt.datetime.now(dt.UTC) - TTL - dt.timedelta(minutes=1))
    foreign = Tokens(secrets.token_urlsafe(48), TTL).issue(user)
    for token in (expired, foreign):
        with pytest.raises(InvalidToken):
            tokens.user_id(token)
