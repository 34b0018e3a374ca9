"""Real `budongsan serve` processes on loopback, sharing the test database.

Every process is started in its own process group and killed (SIGKILL) in `finally`, whatever happens.
Servers run with `--no-load`: the `loaded_engine` fixture has already loaded the data.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from backend.db import DatabaseUrl
from tests.integration.api_support import GENEROUS_AUTH_LIMITS

CLI = Path(sys.executable).with_name("budongsan")
STARTUP_TIMEOUT_S = 90


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class ServerProcess:
    name: str
    proc: subprocess.Popen
    port: int
    log_path: Path
    _log: object = field(repr=False, default=None)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int:
        return self.proc.pid

    def log_tail(self, chars: int = 3000) -> str:
        return self.log_path.read_text(errors="replace")[-chars:]

    def kill_9(self) -> None:
        """SIGKILL the whole process group: no cleanup code of ours runs, exactly like a crash."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)

    def terminate(self) -> None:
        self.proc.send_signal(signal.SIGTERM)


class ServerFactory:
    def __init__(self, db_url: DatabaseUrl, workdir: Path) -> None:
        self.db_url = db_url
        self.workdir = workdir
        self.jwt_secret = secrets.token_urlsafe(48)  # shared: a token from one server works on the others
        self.started: list[ServerProcess] = []

    def start(self, name: str, *, cli_args: Sequence[str] = (), **settings: str) -> ServerProcess:
        """`cli_args` go to `budongsan serve` (e.g. `--workers 2`); `settings` become BUDONGSAN_* variables."""
        port = _free_port()
        home = self.workdir / name
        home.mkdir(parents=True, exist_ok=True)
        env = {k: v for k, v in os.environ.items() if not k.startswith("BUDONGSAN_") and k != "DATABASE_URL"}
        env |= {
            "BUDONGSAN_DATABASE_URL": self.db_url.libpq,
            "BUDONGSAN_JWT_SECRET": self.jwt_secret,
            "BUDONGSAN_RATE_LIMIT_PER_MINUTE": "0",
            "BUDONGSAN_HOME": str(home),
            "BUDONGSAN_LOG_LEVEL": "INFO",
            # many accounts from 127.0.0.1: generous sign-in limits, set explicitly
            **{f"BUDONGSAN_{k.upper()}": str(v) for k, v in GENEROUS_AUTH_LIMITS.items()},
            **{f"BUDONGSAN_{k.upper()}": v for k, v in settings.items()},
        }
        log_path = home / "server.log"
        log = log_path.open("wb")
        proc = subprocess.Popen(
            [str(CLI), "serve", "--host", "127.0.0.1", "--port", str(port), "--no-load", *cli_args],
            cwd=home,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        server = ServerProcess(name, proc, port, log_path, log)
        self.started.append(server)
        self._wait_ready(server)
        return server

    @staticmethod
    def _wait_ready(server: ServerProcess) -> None:
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while time.monotonic() < deadline:
            if server.proc.poll() is not None:
                raise RuntimeError(
                    f"{server.name} exited with {server.proc.returncode}:\n{server.log_tail()}"
                )
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{server.base_url}/readyz", timeout=2).status_code == 200:
                    return
            time.sleep(0.2)
        raise RuntimeError(f"{server.name} not ready after {STARTUP_TIMEOUT_S}s:\n{server.log_tail()}")

    def stop_all(self) -> None:
        for server in self.started:
            if server.proc.poll() is None:
                server.kill_9()
            if server._log is not None:
                server._log.close()  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def servers(
    db_url: DatabaseUrl, loaded_engine, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ServerFactory]:
    factory = ServerFactory(db_url, tmp_path_factory.mktemp("servers"))
    try:
        yield factory
    finally:
        factory.stop_all()
