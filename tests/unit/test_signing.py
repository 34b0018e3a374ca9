"""The signing-secret rule and modes (backend/signing.py), on real files in a temp home."""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

import pytest
from pydantic import SecretStr

from backend.settings import Settings
from backend.signing import (
    DEV_SECRET,
    SecretRefused,
    serve_secret,
    signing_secret,
    weakness,
)

STRONG = secrets.token_urlsafe(48)


def settings(
    home: Path,
    *,
    secret: str | None = None,
    secret_file: Path | None = None,
    dev_mode: bool = False,
    database_url: str | None = None,
) -> Settings:
    """Every field the secret depends on given explicitly, so the caller's environment plays no part."""
    return Settings(
        home=home,
        jwt_secret=None if secret is None else SecretStr(secret),
        jwt_secret_file=secret_file,
        dev_mode=dev_mode,
        database_url=None if database_url is None else SecretStr(database_url),
    )


# --- the rule -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "secret",
    [
        secrets.token_urlsafe(48),
        secrets.token_urlsafe(32),
        secrets.token_hex(16),  # 32 hex characters: the shortest random secret that passes
        secrets.token_hex(32),
        "부동산-비밀-" + secrets.token_urlsafe(12),  # Korean counts in bytes: 3 per syllable
    ],
)
def test_random_secrets_pass(secret):
    assert weakness(secret) is None


@pytest.mark.parametrize(
    ("secret", "reason"),
    [
        ("", "is empty"),
        ("x", "1 bytes long"),
        (DEV_SECRET, "development default"),
        (DEV_SECRET.upper() + secrets.token_urlsafe(32), "development default"),
        (secrets.token_urlsafe(23)[:31], "31 bytes long"),
        ("x" * 64, "only 1 different characters"),
        ("abcabcab" * 8, "only 3 different characters"),
        ("test-secret-" + "x" * 32, "only 7 different characters"),
        ("e2e-secret-" + "y" * 32, "mostly one repeated character"),
        ("my-company-key:" + "0" * 30, "mostly one repeated character"),
    ],
)
def test_weak_secrets_are_refused_with_the_reason(secret, reason):
    problem = weakness(secret)
    assert problem is not None and reason in problem


# --- production and development -------------------------------------------------------------------


def test_a_strong_secret_runs_in_production_mode(tmp_path):
    resolved = signing_secret(settings(tmp_path, secret=STRONG))
    assert (resolved.value, resolved.mode) == (STRONG, "production")
    assert resolved.describe() == "mode: production (secret from BUDONGSAN_JWT_SECRET)"
    assert STRONG not in repr(resolved)


@pytest.mark.parametrize("weak", [DEV_SECRET, "x", ""])
def test_outside_dev_mode_a_weak_secret_is_refused_in_one_sentence_that_says_how_to_fix_it(tmp_path, weak):
    with pytest.raises(SecretRefused) as refused:
        signing_secret(settings(tmp_path, secret=weak, database_url="postgresql://db/x"))
    message = str(refused.value)
    assert message.startswith("BUDONGSAN_JWT_SECRET ")
    assert "\n" not in message
    assert "secrets.token_urlsafe(48)" in message and "BUDONGSAN_DEV_MODE=1" in message


def test_no_secret_at_all_is_refused_outside_dev_mode(tmp_path):
    with pytest.raises(SecretRefused, match="no secret"):
        signing_secret(settings(tmp_path, database_url="postgresql://db/x"))


def test_dev_mode_accepts_a_weak_secret_or_none_and_says_so(tmp_path):
    weak = signing_secret(settings(tmp_path, secret="x", dev_mode=True))
    builtin = signing_secret(settings(tmp_path, dev_mode=True))
    assert (weak.value, weak.mode) == ("x", "development")
    assert (builtin.value, builtin.mode) == (DEV_SECRET, "development")
    assert builtin.describe().startswith("mode: development (insecure")


def test_dev_mode_still_refuses_an_empty_secret(tmp_path):
    with pytest.raises(SecretRefused, match="is empty"):
        signing_secret(settings(tmp_path, secret="", dev_mode=True))


# --- embedded: <home>/jwt_secret -------------------------------------------------------------------


def test_embedded_start_creates_the_home_secret_with_mode_0600_and_reuses_it(tmp_path):
    home = tmp_path / "home"
    first = serve_secret(settings(home))
    path = home / "jwt_secret"

    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert first.mode == "embedded" and first.file == path.resolve()
    assert first.describe() == f"mode: embedded (secret kept in {path})"
    assert weakness(first.value) is None
    assert [p.name for p in home.iterdir()] == ["jwt_secret"]  # no staging file left behind

    assert serve_secret(settings(home)).value == first.value  # a restart keeps tokens valid


def test_workers_pointed_at_the_home_file_sign_with_the_same_secret(tmp_path):
    """`budongsan serve` hands its workers BUDONGSAN_JWT_SECRET_FILE (and a database URL)."""
    home = tmp_path / "home"
    parent = serve_secret(settings(home))
    assert parent.file is not None

    worker = signing_secret(settings(home, secret_file=parent.file, database_url="postgresql://db/x"))

    assert (worker.value, worker.mode) == (parent.value, "embedded")


@pytest.mark.parametrize("mode", [0o640, 0o604, 0o644, 0o660])
def test_a_home_secret_open_to_other_users_is_refused(tmp_path, mode):
    path = tmp_path / "jwt_secret"
    path.write_text(STRONG)
    path.chmod(mode)
    with pytest.raises(SecretRefused, match="chmod 600") as refused:
        serve_secret(settings(tmp_path))
    assert "\n" not in str(refused.value)


def test_an_empty_home_secret_is_refused(tmp_path):
    path = tmp_path / "jwt_secret"
    path.touch()
    path.chmod(0o600)
    with pytest.raises(SecretRefused, match="is empty: delete it"):
        serve_secret(settings(tmp_path))


def test_a_configured_secret_or_database_means_no_home_file(tmp_path):
    assert serve_secret(settings(tmp_path, secret=STRONG)).mode == "production"
    with pytest.raises(SecretRefused):
        serve_secret(settings(tmp_path, database_url="postgresql://db/x"))
    assert not (tmp_path / "jwt_secret").exists()


def test_a_missing_secret_file_is_refused(tmp_path):
    with pytest.raises(SecretRefused, match="does not exist"):
        signing_secret(settings(tmp_path, secret_file=tmp_path / "nope"))


def test_a_secret_file_elsewhere_is_production(tmp_path):
    path = tmp_path / "mounted"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    os.write(fd, (STRONG + "\n").encode())
    os.close(fd)
    resolved = signing_secret(settings(tmp_path / "home", secret_file=path))
    assert (resolved.value, resolved.mode) == (STRONG, "production")
