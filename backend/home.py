"""Where budongsan keeps its own files (`BUDONGSAN_HOME`): the embedded Postgres (`<home>/pg`, users' chats
live there) and the generated signing secret (`<home>/jwt_secret`).

The home never depends on the folder a command is run from, so `budongsan db` in another folder finds
the same database as `budongsan serve`:

- `BUDONGSAN_HOME` when set;
- else `./.budongsan` when it holds a cluster: earlier versions kept the home there, and stranding it
  would hide every chat (`budongsan serve` prints a one-line notice);
- else, for a normal user, the platform's user data folder (`~/.local/share/budongsan` on Linux);
- else, as root, `/var/lib/budongsan`. Started by root, the embedded Postgres runs as its own account
  (`pgserver`), and pgserver opens every folder above the data directory for others to enter
  (`chmod o+rx`); under /root that would open root's home, under /var/lib nothing private.
"""

from __future__ import annotations

import contextlib
import os
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Literal

import platformdirs

APP_NAME = "budongsan"
LEGACY_HOME = Path(".budongsan")
SYSTEM_HOME = Path("/var/lib/budongsan")

Origin = Literal["setting", "legacy", "default"]


def has_cluster(home: Path) -> bool:
    """An initialized embedded Postgres lives under `home` (initdb writes PG_VERSION)."""
    return (home / "pg" / "PG_VERSION").is_file()


def platform_home(*, euid: int | None = None) -> Path:
    """The default home when nothing else applies: per user, or /var/lib/budongsan for root."""
    uid = os.geteuid() if euid is None else euid
    if uid == 0:
        return SYSTEM_HOME
    return platformdirs.user_data_path(APP_NAME, appauthor=False)


@dataclass(frozen=True)
class Home:
    path: Path
    origin: Origin

    def describe(self) -> str:
        """The start-up line: where the data lives and why there."""
        where = self.path.resolve()
        if self.origin == "setting":
            return f"home: {where} (BUDONGSAN_HOME)"
        if self.origin == "legacy":
            return (
                f"home: {where} (found ./.budongsan from an earlier version: using it; "
                f"set BUDONGSAN_HOME={where} to use it from any folder)"
            )
        return f"home: {where}"


def default_home(cwd: Path | None = None, *, euid: int | None = None) -> Home:
    """The home when `BUDONGSAN_HOME` is not set (rules in the module docstring)."""
    legacy = (cwd or Path.cwd()) / LEGACY_HOME
    if has_cluster(legacy):
        return Home(legacy.absolute(), "legacy")
    return Home(platform_home(euid=euid), "default")


def default_home_path() -> Path:
    """Settings' default for `home` (a factory, so nothing is resolved at import time)."""
    return default_home().path


def settings_home(home: Path, explicitly_set: bool) -> Home:
    """The Home behind a Settings' `home`: explicitly configured, or the default resolved again."""
    if explicitly_set:
        return Home(home, "setting")
    resolved = default_home()
    return resolved if resolved.path == home else Home(home, "default")


def where_we_looked(home: Home, cwd: Path | None = None) -> str:
    """For `budongsan db` when there is no database yet: every place the home could have been."""
    places = [str(home.path.resolve() / "pg")]
    legacy = ((cwd or Path.cwd()) / LEGACY_HOME / "pg").absolute()
    if home.origin != "setting" and str(legacy) not in places:
        places.append(str(legacy))
    return " and ".join(places)


@contextlib.contextmanager
def _quiet_runtime_dir() -> Iterator[None]:
    """pgserver asks platformdirs for a runtime folder when it is imported (for its lock file); without
    XDG_RUNTIME_DIR (containers, cron, su) platformdirs warns and falls back to /tmp/runtime-<uid>, which
    serves that lock file just as well. The warning told users nothing they could act on."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r".*XDG_RUNTIME_DIR", category=UserWarning)
        yield


def import_pgserver() -> ModuleType:
    """The `pgserver` module (heavy: only when the embedded server is used), without the warning."""
    with _quiet_runtime_dir():
        import pgserver

    return pgserver
