"""Sign-in and registration throttling: per account first, per client address second.

The account limit holds however many addresses an attacker uses (it counts failed logins for one email,
so a victim's own correct login still passes until the window is full of failures); the address limit
bounds what one client can try across many accounts and how many accounts it can create. Both are
Postgres fixed windows (backend/ratelimit.py), so every API process shares them.

Behind a reverse proxy every client arrives from the proxy's address, so `X-Forwarded-For` is read,
but only when the peer is one of `BUDONGSAN_TRUSTED_PROXIES`: the header is walked from the right (the
entries trusted proxies appended) to the first address that is not a trusted proxy. Anyone else's
header is ignored, or a client could name a fresh address on every attempt.
"""

from __future__ import annotations

import contextlib
import ipaddress
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from starlette.requests import HTTPConnection

from backend.ratelimit import KeyedRateLimiter, Limit, RateLimited, hashed_key
from backend.settings import Settings

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
IPV6_CLIENT_PREFIX = 64  # one IPv6 client usually holds a whole /64

_LOGIN = (
    "로그인 시도가 너무 많습니다. {retry_after}초 후 다시 시도해 주세요. "
    "(Too many sign-in attempts; try again in {retry_after} s.)"
)
_REGISTER = (
    "가입 요청이 너무 많습니다. {retry_after}초 후 다시 시도해 주세요. "
    "(Too many sign-up attempts; try again in {retry_after} s.)"
)
_PASSWORD = (
    "현재 비밀번호를 너무 여러 번 틀렸습니다. {retry_after}초 후 다시 시도해 주세요. "
    "(Too many wrong current passwords; try again in {retry_after} s.)"
)


def parse_trusted_proxies(spec: str) -> tuple[Network, ...]:
    """`"127.0.0.1, 10.0.0.0/8"` → networks; raises ValueError naming the entry that is not one."""
    networks = []
    for entry in (part.strip() for part in spec.split(",")):
        if not entry:
            continue
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            raise ValueError(
                f"BUDONGSAN_TRUSTED_PROXIES: {entry!r} is not an IP address or network"
            ) from None
    return tuple(networks)


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        address = ipaddress.ip_address(text.strip().strip("[]"))
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def client_address(peer: str | None, forwarded_for: Sequence[str], trusted: Sequence[Network]) -> str:
    """The address a request counts against: the peer, or, when the peer is a trusted proxy, the
    right-most `X-Forwarded-For` entry that is not a trusted proxy (a malformed entry stops the walk
    at the last address a trusted proxy vouched for)."""
    candidate = _address(peer) if peer else None
    if candidate is None:
        return peer or "unknown"

    def is_trusted(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
        return any(address in network for network in trusted)

    if is_trusted(candidate):
        hops = [hop for header in forwarded_for for hop in header.split(",")]
        for hop in reversed(hops):
            address = _address(hop)
            if address is None:
                break
            candidate = address
            if not is_trusted(address):
                break
    if isinstance(candidate, ipaddress.IPv6Address):
        return str(ipaddress.IPv6Network((candidate, IPV6_CLIENT_PREFIX), strict=False))
    return str(candidate)


@dataclass(frozen=True)
class AuthThrottle:
    limiter: KeyedRateLimiter
    trusted: tuple[Network, ...]
    login_account: Limit
    login_ip: Limit
    register_account: Limit
    register_ip: Limit
    password_account: Limit

    @classmethod
    def from_settings(cls, limiter: KeyedRateLimiter, settings: Settings) -> AuthThrottle:
        s = settings
        return cls(
            limiter=limiter,
            trusted=parse_trusted_proxies(s.trusted_proxies),
            login_account=Limit(
                "login_account", s.login_failures_per_account, s.login_account_window_s, _LOGIN
            ),
            login_ip=Limit("login_ip", s.login_attempts_per_ip, s.login_ip_window_s, _LOGIN),
            register_account=Limit(
                "register_account", s.register_attempts_per_account, s.register_window_s, _REGISTER
            ),
            register_ip=Limit("register_ip", s.register_attempts_per_ip, s.register_window_s, _REGISTER),
            password_account=Limit(
                "password_account", s.login_failures_per_account, s.login_account_window_s, _PASSWORD
            ),
        )

    def client(self, conn: HTTPConnection) -> str:
        peer = conn.client.host if conn.client else None
        return client_address(peer, conn.headers.getlist("x-forwarded-for"), self.trusted)

    async def before_login(self, email: str, client: str) -> None:
        """429 when this account's failures or this client's attempts fill their window."""
        await self.limiter.check(self.login_account, hashed_key("email", email))
        await self.limiter.hit(self.login_ip, hashed_key("ip", client))

    async def login_failed(self, email: str) -> None:
        """Counts a failure against the account; the attempt itself still answers 401."""
        with contextlib.suppress(RateLimited):
            await self.limiter.hit(self.login_account, hashed_key("email", email))

    async def before_register(self, email: str, client: str) -> None:
        await self.limiter.hit(self.register_account, hashed_key("email", email))
        await self.limiter.hit(self.register_ip, hashed_key("ip", client))

    async def before_password_check(self, user_id: uuid.UUID) -> None:
        await self.limiter.check(self.password_account, hashed_key("user", str(user_id)))

    async def password_check_failed(self, user_id: uuid.UUID) -> None:
        with contextlib.suppress(RateLimited):
            await self.limiter.hit(self.password_account, hashed_key("user", str(user_id)))
