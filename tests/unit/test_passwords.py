"""Account rules without a database: email normalization, weak passwords, bounded hashing, client
addresses behind proxies, and how often a login session's activity is written."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest

from backend.auth import Passwords, PasswordsBusy, WeakPassword, email_problem, normalize_email
from backend.sessions import ActivityCounter
from backend.throttle import client_address, parse_trusted_proxies

EMAIL = "minji@example.com"


@pytest.mark.parametrize(
    "raw",
    [
        "minji@example.com",
        "MINJI@Example.COM",
        "  minji@example.com ",
        "ｍｉｎｊｉ@ｅｘａｍｐｌｅ.ｃｏｍ",  # full-width
        "min\u200bji@example.com",  # zero-width space
        "\ufeffminji@exa\u200dmple.com",  # BOM, zero-width joiner
        "min\u00adji@example.com",  # soft hyphen
        "minji\u3164@example.com",  # Hangul filler
        "minji＠example.com",  # full-width at sign
    ],
)
def test_look_alike_spellings_normalize_to_one_address(raw):
    assert normalize_email(raw) == EMAIL
    assert email_problem(normalize_email(raw)) is None


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("\u0430dmin@example.com", "not_ascii"),  # Cyrillic а
        ("adm\u03bfn@example.com", "not_ascii"),  # Greek ο
        ("admin\u0336@example.com", "not_ascii"),  # combining long stroke overlay
        ("a..b@example.com", "format"),
        ("a@example", "format"),
        ("a@-example.com", "format"),
        ("a@b@example.com", "format"),
        ("@example.com", "format"),
        ("a@example.c0m", "format"),
    ],
)
def test_addresses_that_cannot_register(raw, reason):
    assert email_problem(normalize_email(raw)) == reason


def test_internationalized_domains_register_in_their_ascii_form():
    assert email_problem("minji@xn--3e0b707e.kr") is None


@pytest.fixture
def passwords() -> Passwords:
    return Passwords(min_score=3)


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        (" " * 8, "too_few_visible_characters"),
        ("\u200b" * 8, "too_few_visible_characters"),
        ("\u3164" * 12, "too_few_visible_characters"),
        ("ab\u200bcd\u200bef\u200b", "too_few_visible_characters"),
        ("password", "too_guessable"),
        ("12345678", "too_guessable"),
        ("qwerty123", "too_guessable"),
        ("P@ssw0rd!", "too_guessable"),
        ("minji@example.com", "contains_email"),
        ("MINJI@example.com!!", "contains_email"),
        ("minji-1990-seoul", "contains_email"),
    ],
)
async def test_weak_passwords_are_refused_with_a_reason(passwords, password, reason):
    with pytest.raises(WeakPassword) as refused:
        await passwords.check_strength(password, EMAIL)
    assert refused.value.status_code == 422 and refused.value.code == "weak_password"
    assert refused.value.details["reason"] == reason
    assert set(refused.value.details) <= {"reason", "score", "min_score"}  # never the password itself


@pytest.mark.parametrize(
    "password",
    ["correct-horse-battery", "sajfh3498sdf", "전세 계약 꼭 확인하기 2025!", "a long passphrase " * 5],
)
async def test_strong_passwords_pass(passwords, password):
    await passwords.check_strength(password, EMAIL)


class SlowHasher:
    """Stands in for argon2's cost: records how many hashes run at once."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.running = 0
        self.most = 0
        self.lock = threading.Lock()

    def _work(self) -> None:
        with self.lock:
            self.running += 1
            self.most = max(self.most, self.running)
        time.sleep(self.seconds)
        with self.lock:
            self.running -= 1

    def hash(self, password: str) -> str:
        self._work()
        return "hash:" + password

    def verify(self, password: str, hashed: str) -> bool:
        self._work()
        return hashed == "hash:" + password


async def test_hashing_runs_at_most_the_configured_number_at_once():
    hasher = SlowHasher(0.05)
    passwords = Passwords(hasher, concurrency=2, wait_s=10)  # type: ignore[arg-type]
    await asyncio.gather(*(passwords.verify("pw", "hash:pw") for _ in range(8)))
    assert hasher.most == 2


async def test_a_cancelled_login_keeps_its_slot_until_its_hash_finishes():
    hasher = SlowHasher(0.2)
    passwords = Passwords(hasher, concurrency=1, wait_s=10)  # type: ignore[arg-type]
    first = asyncio.create_task(passwords.hash("a"))
    await asyncio.sleep(0.05)
    first.cancel()  # the client went away; its thread is still hashing
    second = asyncio.create_task(passwords.hash("b"))
    assert await second == "hash:b"
    assert hasher.most == 1


async def test_a_full_hashing_queue_answers_503_with_retry_after():
    hasher = SlowHasher(0.3)
    passwords = Passwords(hasher, concurrency=1, wait_s=0.05, retry_after_s=3)  # type: ignore[arg-type]
    busy = asyncio.create_task(passwords.hash("a"))
    await asyncio.sleep(0.02)
    with pytest.raises(PasswordsBusy) as refused:
        await passwords.hash("b")
    assert refused.value.status_code == 503 and refused.value.headers == {"Retry-After": "3"}
    await busy


PROXIES = parse_trusted_proxies("10.0.0.1, 192.168.0.0/16")


@pytest.mark.parametrize(
    ("peer", "forwarded", "client"),
    [
        ("203.0.113.5", [], "203.0.113.5"),
        ("203.0.113.5", ["198.51.100.7"], "203.0.113.5"),  # not a proxy: its header is ignored
        ("10.0.0.1", ["198.51.100.7"], "198.51.100.7"),
        ("10.0.0.1", ["1.1.1.1, 198.51.100.7"], "198.51.100.7"),  # the left entry is the client's word
        ("10.0.0.1", ["198.51.100.7, 192.168.3.4"], "198.51.100.7"),  # through two proxies
        ("10.0.0.1", ["1.1.1.1", "198.51.100.7"], "198.51.100.7"),  # repeated header lines
        ("10.0.0.1", ["garbage, 198.51.100.7"], "198.51.100.7"),
        ("10.0.0.1", ["198.51.100.7, garbage"], "10.0.0.1"),  # a proxy wrote nonsense: stop at it
        ("10.0.0.1", [], "10.0.0.1"),
        ("2001:db8:1:2:3:4:5:6", [], "2001:db8:1:2::/64"),
        ("::ffff:203.0.113.5", [], "203.0.113.5"),
    ],
)
def test_client_address_believes_forwarded_for_only_from_trusted_proxies(peer, forwarded, client):
    assert client_address(peer, forwarded, PROXIES) == client


def test_a_trusted_proxy_setting_that_is_not_an_address_stops_the_start():
    with pytest.raises(ValueError, match="BUDONGSAN_TRUSTED_PROXIES"):
        parse_trusted_proxies("10.0.0.1, proxy.internal")


def test_session_activity_is_written_at_most_once_per_interval_with_every_request_counted():
    counter = ActivityCounter(interval_s=3600)
    assert counter.take("s") == 1  # first sight in this process: written now
    assert [counter.take("s") for _ in range(5)] == [None] * 5
    counter.give_back("s", 0)  # a failed write makes the next request write again
    assert counter.take("s") == 6
