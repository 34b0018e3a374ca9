"""Passwords (argon2 via pwdlib) and bearer tokens (HS256 JWT via pyjwt, with expiry).

Hashing is CPU-bound (~tens of ms by design), so it runs in a worker thread to keep the event loop free.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import uuid
from dataclasses import dataclass

import jwt
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

from backend.settings import Settings
from backend.signing import signing_secret

log = logging.getLogger("budongsan.auth")

_ALGORITHM = "HS256"
_TOKEN_TYPE = "access"
# Clock difference tolerated between the server processes that issue and check a token.
LEEWAY = dt.timedelta(seconds=5)


class InvalidToken(Exception):
    """The token is missing, malformed, tampered with or expired (the reason is not shown to clients)."""


class Passwords:
    """argon2 hashing; verification of an unknown user still hashes, so timing does not reveal emails."""

    def __init__(self, hasher: PasswordHash | None = None) -> None:
        self.hasher = hasher or PasswordHash((Argon2Hasher(),))
        self._dummy_hash: str | None = None

    async def hash(self, password: str) -> str:
        return await asyncio.to_thread(self.hasher.hash, password)

    async def verify(self, password: str, password_hash: str | None) -> bool:
        if password_hash is None:
            await asyncio.to_thread(self.hasher.verify, password, await self._dummy())
            return False
        return await asyncio.to_thread(self.hasher.verify, password, password_hash)

    async def _dummy(self) -> str:
        if self._dummy_hash is None:
            self._dummy_hash = await self.hash(uuid.uuid4().hex)
        return self._dummy_hash


@dataclass(frozen=True)
class Tokens:
    """Issues and checks access tokens. A token must also fit this server's rules, not only carry a valid
    signature: a lifetime longer than `ttl` or an issue time in the future means it was not minted here."""

    secret: str
    ttl: dt.timedelta

    @classmethod
    def from_settings(cls, settings: Settings) -> Tokens:
        """Raises `backend.signing.SecretRefused` on a missing or weak secret outside development mode,
        and logs which mode runs (loudly in development)."""
        secret = signing_secret(settings)
        log.log(logging.WARNING if secret.mode == "development" else logging.INFO, secret.describe())
        return cls(secret.value, dt.timedelta(minutes=settings.jwt_ttl_minutes))

    def issue(self, user_id: uuid.UUID, now: dt.datetime | None = None) -> str:
        issued = now or dt.datetime.now(dt.UTC)
        claims = {"sub": str(user_id), "typ": _TOKEN_TYPE, "iat": issued, "exp": issued + self.ttl}
        return jwt.encode(claims, self.secret, algorithm=_ALGORITHM)

    def user_id(self, token: str) -> uuid.UUID:
        try:
            claims = jwt.decode(
                token,
                self.secret,
                algorithms=[_ALGORITHM],
                options={"require": ["exp", "sub", "iat"]},
                leeway=LEEWAY,
            )
            if claims.get("typ") != _TOKEN_TYPE:
                raise InvalidToken
            self._check_times(int(claims["iat"]), int(claims["exp"]))
            return uuid.UUID(claims["sub"])
        except (jwt.PyJWTError, ValueError, TypeError) as exc:
            raise InvalidToken from exc

    def _check_times(self, iat: int, exp: int) -> None:
        leeway = LEEWAY.total_seconds()
        if iat > dt.datetime.now(dt.UTC).timestamp() + leeway:
            raise InvalidToken("issued in the future")
        if exp - iat > self.ttl.total_seconds() + leeway:
            raise InvalidToken("lives longer than this server issues tokens for")
