"""Passwords (argon2 via pwdlib, strength by zxcvbn) and bearer tokens (HS256 JWT via pyjwt, with expiry).

Hashing is CPU- and memory-bound (~tens of ms and ~64 MiB by design), so it runs in a worker thread, at
most `password_hash_concurrency` at once per process: a burst of logins queues for a slot instead of
taking every core from the signed-in users' requests. A token names its login session (`sid`), the
server-side record that logout and password changes end (backend/sessions.py).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import re
import threading
import unicodedata
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import jwt
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

from backend.errors import ApiError, unavailable
from backend.settings import Settings
from backend.signing import signing_secret

T = TypeVar("T")

log = logging.getLogger("budongsan.auth")

_ALGORITHM = "HS256"
_TOKEN_TYPE = "access"
# Clock difference tolerated between the server processes that issue and check a token.
LEEWAY = dt.timedelta(seconds=5)


class InvalidToken(Exception):
    """The token is missing, malformed, tampered with or expired (the reason is not shown to clients)."""


PASSWORD_MIN_VISIBLE_CHARS = 8
# zxcvbn refuses longer input (and its cost grows with length); a longer password is judged by its start.
ZXCVBN_MAX_CHARS = 72
# Characters that render as nothing: format characters (Cf: zero-width space/joiners, BOM, soft hyphen,
# bidi marks) plus the default-ignorable letters and marks Unicode lists outside Cf (Hangul fillers,
# combining grapheme joiner, variation selectors, Mongolian free variation selectors).
_INVISIBLE_EXTRA = frozenset(
    "\u034f\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180f\u3164\uffa0"
    + "".join(chr(c) for c in range(0xFE00, 0xFE10))
)


def is_invisible(char: str) -> bool:
    code = ord(char)
    return unicodedata.category(char) == "Cf" or char in _INVISIBLE_EXTRA or 0xE0100 <= code <= 0xE01EF


def visible_chars(text: str) -> str:
    """`text` without whitespace and characters that render as nothing."""
    return "".join(c for c in text if not c.isspace() and not is_invisible(c))


EMAIL_MAX_CHARS = 254
_LOCAL_PART = re.compile(r"[a-z0-9!#$%&'*+/=?^_`{|}~-]+")
_DOMAIN_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
_TOP_LEVEL = re.compile(r"[a-z]{2,63}|xn--[a-z0-9-]{1,59}")


def normalize_email(raw: str) -> str:
    """The one spelling an address is stored and looked up under: NFKC (full-width and compatibility
    forms become plain ones), characters that render as nothing removed, outer whitespace stripped,
    lower case. `ｍｉｎｊｉ@example.com` and `min\u200bji@Example.com` are both `minji@example.com`."""
    text = unicodedata.normalize("NFKC", raw)
    return "".join(c for c in text if not is_invisible(c)).strip().lower()


def legacy_email(raw: str) -> str:
    """How addresses were stored before normalization (migration 0005): such rows still sign in."""
    return raw.strip().lower()


def email_problem(email: str) -> str | None:
    """Why a normalized address cannot register, or None. Only ASCII addresses are accepted: look-alike
    letters from other scripts (Cyrillic а, Greek ο) and combining marks would otherwise make a second
    account that reads like the first. Internationalized domains are accepted in their xn-- form."""
    if len(email) > EMAIL_MAX_CHARS or email.count("@") != 1:
        return "format"
    if not email.isascii():
        return "not_ascii"
    local, domain = email.split("@")
    parts, labels = local.split("."), domain.split(".")
    if not 0 < len(local) <= 64 or not all(_LOCAL_PART.fullmatch(p) for p in parts):
        return "format"
    if len(labels) < 2 or not all(_DOMAIN_LABEL.fullmatch(label) for label in labels[:-1]):
        return "format"
    return None if _TOP_LEVEL.fullmatch(labels[-1]) else "format"


class InvalidEmail(ApiError):
    def __init__(self, reason: str) -> None:
        super().__init__(
            422,
            "invalid_email",
            "이메일 주소가 올바르지 않습니다. 영문·숫자로 된 주소(예: minji@example.com)를 입력해 주세요. "
            "(Enter a valid email address; only ASCII addresses are accepted.)",
            {"reason": reason},
        )


class WeakPassword(ApiError):
    def __init__(self, reason: str, message: str, details: dict[str, Any] | None = None) -> None:
        super().__init__(422, "weak_password", message, {"reason": reason, **(details or {})})


class PasswordsBusy(ApiError):
    """Every hashing slot stayed busy for `password_hash_wait_s`: retry shortly (503 + Retry-After)."""

    def __init__(self, retry_after_s: int) -> None:
        error = unavailable(retry_after_s, "password_hashing_busy")
        super().__init__(error.status_code, error.code, error.message, error.details, error.headers)


class Passwords:
    """argon2 hashing; verification of an unknown user still hashes, so timing does not reveal emails.

    Every hash and verify takes one of `concurrency` slots and runs in a thread. A slot is given back
    when the thread finishes, even if the request that asked was cancelled, so the bound holds.
    """

    def __init__(
        self,
        hasher: PasswordHash | None = None,
        *,
        concurrency: int = 2,
        wait_s: float = 10.0,
        min_score: int = 3,
        retry_after_s: int = 2,
    ) -> None:
        self.hasher = hasher or PasswordHash((Argon2Hasher(),))
        self._dummy_hash: str | None = None
        self._slots = asyncio.Semaphore(max(1, concurrency))
        self._wait_s = wait_s
        self._retry_after_s = retry_after_s
        self.min_score = min_score
        # zxcvbn keeps the user inputs of the current call in a module-level dict: one call at a time.
        self._zxcvbn_lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings: Settings) -> Passwords:
        return cls(
            concurrency=settings.password_hash_concurrency,
            wait_s=settings.password_hash_wait_s,
            min_score=settings.password_min_score,
            retry_after_s=settings.retry_after_s,
        )

    async def hash(self, password: str) -> str:
        return await self._in_slot(self.hasher.hash, password)

    async def verify(self, password: str, password_hash: str | None) -> bool:
        if password_hash is None:
            await self._in_slot(self.hasher.verify, password, await self._dummy())
            return False
        return await self._in_slot(self.hasher.verify, password, password_hash)

    async def check_strength(self, password: str, email: str) -> None:
        """Raises WeakPassword (422) for a password that is blank or invisible, contains the account's
        email (or its name part), or that zxcvbn scores below `min_score` (common words, keyboard rows,
        repeats, dates). The message never repeats the password."""
        if len(visible_chars(password)) < PASSWORD_MIN_VISIBLE_CHARS:
            raise WeakPassword(
                "too_few_visible_characters",
                f"비밀번호에는 공백이나 보이지 않는 문자가 아닌 글자가 {PASSWORD_MIN_VISIBLE_CHARS}자 이상 "
                "있어야 합니다. (A password needs at least 8 visible characters.)",
            )
        folded = password.casefold()
        local = email.split("@", 1)[0]
        if email in folded or (len(local) >= 4 and local in folded):
            raise WeakPassword(
                "contains_email",
                "비밀번호에 이메일 주소를 넣을 수 없습니다. (A password must not contain your email.)",
            )
        score = await asyncio.to_thread(self._score, password, email)
        if score < self.min_score:
            raise WeakPassword(
                "too_guessable",
                "너무 흔하거나 추측하기 쉬운 비밀번호입니다. 단어 여러 개를 섞거나 더 길게 만들어 주세요. "
                "(This password is too common or easy to guess.)",
                {"score": score, "min_score": self.min_score},
            )

    def _score(self, password: str, email: str) -> int:
        import zxcvbn  # ~0.1 s and ~13 MB on first use (README "Accounts and sign-in")

        with self._zxcvbn_lock:
            result = zxcvbn.zxcvbn(password[:ZXCVBN_MAX_CHARS], user_inputs=[email, email.split("@")[0]])
        return int(result["score"])

    async def _in_slot(self, work: Callable[..., T], *args: Any) -> T:
        try:
            await asyncio.wait_for(self._slots.acquire(), self._wait_s)
        except TimeoutError:
            raise PasswordsBusy(self._retry_after_s) from None
        done = asyncio.get_running_loop().run_in_executor(None, work, *args)
        done.add_done_callback(lambda _: self._slots.release())
        return await asyncio.shield(done)

    async def _dummy(self) -> str:
        if self._dummy_hash is None:
            self._dummy_hash = await asyncio.to_thread(self.hasher.hash, uuid.uuid4().hex)
        return self._dummy_hash


@dataclass(frozen=True, slots=True)
class TokenClaims:
    user_id: uuid.UUID
    session_id: str | None  # None: issued before logins were sessions; such tokens are refused


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

    def issue(self, user_id: uuid.UUID, now: dt.datetime | None = None, session_id: str | None = None) -> str:
        issued = now or dt.datetime.now(dt.UTC)
        claims: dict[str, Any] = {
            "sub": str(user_id),
            "typ": _TOKEN_TYPE,
            "iat": issued,
            "exp": issued + self.ttl,
        }
        if session_id is not None:
            claims["sid"] = session_id
        return jwt.encode(claims, self.secret, algorithm=_ALGORITHM)

    def user_id(self, token: str) -> uuid.UUID:
        return self.claims(token).user_id

    def claims(self, token: str) -> TokenClaims:
        """The user and login session a valid token names; raises InvalidToken otherwise."""
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
            sid = claims.get("sid")
            if sid is not None and not isinstance(sid, str):
                raise InvalidToken("sid is not a string")
            return TokenClaims(uuid.UUID(claims["sub"]), sid)
        except (jwt.PyJWTError, ValueError, TypeError) as exc:
            raise InvalidToken from exc

    def _check_times(self, iat: int, exp: int) -> None:
        leeway = LEEWAY.total_seconds()
        if iat > dt.datetime.now(dt.UTC).timestamp() + leeway:
            raise InvalidToken("issued in the future")
        if exp - iat > self.ttl.total_seconds() + leeway:
            raise InvalidToken("lives longer than this server issues tokens for")
