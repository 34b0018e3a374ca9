"""The secret that signs access tokens: where it comes from, and the rule that refuses a weak one.

Whoever knows the secret can mint a token for any user id, so outside development mode no process
starts on a missing, published or guessable secret. Three modes (README "Configuration", SECURITY.md):

- production: `BUDONGSAN_JWT_SECRET` (or a file named by `BUDONGSAN_JWT_SECRET_FILE`), checked by `weakness`;
- embedded: `budongsan serve` without a database URL or a secret generates one once and keeps it in
  `<home>/jwt_secret` next to the embedded database, so restarts keep tokens valid; its workers read
  the same file;
- development (`BUDONGSAN_DEV_MODE=1`): a weak secret, or none (a built-in one), is accepted and
  logged loudly.
"""

from __future__ import annotations

import os
import secrets
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from backend.settings import Settings

# The default of earlier versions: published in the source, so it must never sign a real token.
DEV_SECRET = "dev-insecure-change-me"
MIN_BYTES = 32
MIN_DISTINCT_CHARS = 8
HOME_FILE_NAME = "jwt_secret"
GENERATE = "python -c 'import secrets; print(secrets.token_urlsafe(48))'"
HOW_TO_FIX = f"set BUDONGSAN_JWT_SECRET=$({GENERATE}), or BUDONGSAN_DEV_MODE=1 for local play"

Mode = Literal["production", "embedded", "development"]


class SecretRefused(Exception):
    """The secret cannot sign tokens; the message is one sentence that says how to fix it."""


@dataclass(frozen=True)
class SigningSecret:
    value: str = field(repr=False)
    mode: Mode
    source: str
    file: Path | None = None  # set when the secret lives in a file (workers are pointed at it)

    def describe(self) -> str:
        return f"mode: {self.mode} ({self.source})"


def weakness(secret: str) -> str | None:
    """Why `secret` is too weak to sign tokens, or None when it passes.

    The rule: at least 32 bytes (UTF-8), not containing the old development default, at least 8
    different characters, and no character making up more than a third of it. It catches
    placeholders and padding ("x" * 40, "my-secret" + "0" * 30), not every guessable secret; a random
    secret (`secrets.token_urlsafe(48)`) always passes.
    """
    if not secret:
        return "is empty"
    if DEV_SECRET in secret.lower():
        return f"contains the published development default {DEV_SECRET!r}"
    size = len(secret.encode())
    if size < MIN_BYTES:
        return f"is {size} bytes long where at least {MIN_BYTES} are needed"
    counts = Counter(secret)
    if len(counts) < MIN_DISTINCT_CHARS:
        return f"uses only {len(counts)} different characters where at least {MIN_DISTINCT_CHARS} are needed"
    if max(counts.values()) * 3 > len(secret):
        return "is mostly one repeated character"
    return None


def home_secret_path(settings: Settings) -> Path:
    return settings.home / HOME_FILE_NAME


def signing_secret(settings: Settings) -> SigningSecret:
    """The secret a server process signs with: `jwt_secret`, else `jwt_secret_file`, else the built-in
    one in development mode. Never creates anything (see `serve_secret` for the embedded start)."""
    if settings.jwt_secret is not None:
        return _checked(settings.jwt_secret.get_secret_value(), "BUDONGSAN_JWT_SECRET", settings)
    if settings.jwt_secret_file is not None:
        return _from_file(settings.jwt_secret_file, settings)
    if settings.dev_mode:
        return SigningSecret(
            DEV_SECRET, "development", "insecure built-in secret: anyone can sign in as anyone"
        )
    raise SecretRefused(f"no secret to sign access tokens with is configured: {HOW_TO_FIX}")


def serve_secret(settings: Settings) -> SigningSecret:
    """The secret for `budongsan serve`: the zero-config embedded start (no database URL, no secret)
    keeps a generated one in `<home>/jwt_secret`; every other start resolves like a server process."""
    configured = settings.jwt_secret is not None or settings.jwt_secret_file is not None
    if configured or settings.database_url is not None:
        return signing_secret(settings)
    path = home_secret_path(settings)
    if not path.exists():
        _create_secret_file(path)
    return _from_file(path, settings)


def _checked(
    value: str, origin: str, settings: Settings, mode: Mode = "production", file: Path | None = None
) -> SigningSecret:
    problem = weakness(value)
    if problem is None:
        where = f"secret kept in {origin}" if mode == "embedded" else f"secret from {origin}"
        return SigningSecret(value, mode, where, file)
    if settings.dev_mode and value:  # an empty key cannot sign at all, not even in development
        return SigningSecret(value, "development", f"insecure secret from {origin}, which {problem}", file)
    fix = (
        f"delete it to let `budongsan serve` generate one, or {HOW_TO_FIX}"
        if mode == "embedded"
        else HOW_TO_FIX
    )
    raise SecretRefused(f"{origin} {problem}: {fix}")


def _from_file(path: Path, settings: Settings) -> SigningSecret:
    try:
        mode_bits = path.stat().st_mode
        if mode_bits & 0o077:
            raise SecretRefused(
                f"{path} is open to other users (mode {oct(mode_bits & 0o777)}): run chmod 600 {path}"
            )
        value = path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        raise SecretRefused(f"{path} (BUDONGSAN_JWT_SECRET_FILE) does not exist: {HOW_TO_FIX}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SecretRefused(f"cannot read the secret in {path}: {exc}") from None
    embedded = path.resolve() == home_secret_path(settings).resolve()
    return _checked(value, str(path), settings, "embedded" if embedded else "production", path.resolve())


def _create_secret_file(path: Path) -> None:
    """Writes a random secret readable only by us. Atomic: it appears whole under its name or not at
    all, and never replaces a file that a concurrent start created first (that one wins)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = path.with_name(f".{path.name}.{secrets.token_hex(8)}")
    fd = os.open(staging, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.fchmod(fd, 0o600)  # whatever the umask
        os.write(fd, (secrets.token_urlsafe(48) + "\n").encode())
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        os.link(staging, path)
    except FileExistsError:
        pass
    finally:
        staging.unlink()
