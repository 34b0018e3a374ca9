"""The terminal client's login tokens, one per server URL, in the user's config folder.

A token signs in as its user until it expires or its session is ended, so the file is written only
ever with mode 0600 (inside a 0700 folder), atomically: it appears whole or not at all.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

FILE_NAME = "chat-credentials.json"


def default_path() -> Path:
    """`~/.config/budongsan/chat-credentials.json` on Linux (XDG_CONFIG_HOME respected)."""
    return platformdirs.user_config_path("budongsan", appauthor=False) / FILE_NAME


@dataclass(frozen=True)
class Login:
    email: str
    token: str


class CredentialStore:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_path()

    def get(self, server: str) -> Login | None:
        entry = self._read().get(server)
        if not isinstance(entry, dict) or not entry.get("token"):
            return None
        return Login(str(entry.get("email", "")), str(entry["token"]))

    def put(self, server: str, login: Login) -> None:
        servers = self._read()
        servers[server] = {"email": login.email, "token": login.token}
        self._write(servers)

    def forget(self, server: str) -> None:
        servers = self._read()
        if servers.pop(server, None) is not None:
            self._write(servers)

    def _read(self) -> dict[str, object]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError, OSError):
            return {}  # no file, or one we cannot use: sign in again
        servers = data.get("servers") if isinstance(data, dict) else None
        return dict(servers) if isinstance(servers, dict) else {}

    def _write(self, servers: dict[str, object]) -> None:
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump({"servers": servers}, out, ensure_ascii=False, indent=1)
            os.chmod(temporary, 0o600)  # O_CREAT's mode is masked by umask; this is not
            os.replace(temporary, self.path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                temporary.unlink()
            raise
