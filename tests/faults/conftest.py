"""A private Postgres server that a fault test may stop and start at will.

The shared test cluster must never be restarted (other tests use it), so fault tests get a server of
their own: `initdb` + `pg_ctl` in a fresh temporary directory, listening on a free loopback port only,
with its unix socket in that directory.

Binaries: pgserver's (a dependency of the project and what the embedded default runs), not the
distro's, so the test works wherever the project is installed, whatever OS package or path Postgres
has there. Postgres refuses to run as root; as root we run it as the unprivileged `pgserver` account,
created the way pgserver itself does when root starts the embedded server.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

import pytest

from backend.db import DatabaseUrl

PG_USER = "postgres"  # the database superuser that initdb creates
SERVICE_ACCOUNT = "pgserver"  # the OS account the server runs as when we are root
StopMode = Literal["fast", "immediate"]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PrivatePostgres:
    """One Postgres server in a temporary directory; `stop()` then `start()` is a real restart."""

    def __init__(self) -> None:
        from pgserver._commands import POSTGRES_BIN_PATH  # heavy import, only for fault tests

        self.bin = POSTGRES_BIN_PATH
        self.port = _free_port()
        self.root = Path(tempfile.mkdtemp(prefix="budongsan-faults-pg-"))
        self.pgdata = self.root / "data"
        self.log_path = self.root / "server.log"
        self._account: pwd.struct_passwd | None = None

    def init(self) -> None:
        if os.geteuid() == 0:
            from pgserver.utils import ensure_user_exists

            self._account = ensure_user_exists(SERVICE_ACCOUNT)
            os.chown(self.root, self._account.pw_uid, self._account.pw_gid)
        self._run("initdb", "-D", str(self.pgdata), "-U", PG_USER, "--auth=trust", "--encoding=UTF8")

    def url(self, database: str = "postgres") -> DatabaseUrl:
        return DatabaseUrl.parse(f"postgresql://{PG_USER}@127.0.0.1:{self.port}/{database}")

    def start(self) -> None:
        """Starts the server and returns once it accepts connections."""
        # fsync=off: a stopped or crashed Postgres (not a crashed OS) loses nothing either way, since
        # committed WAL is in the page cache; it keeps crash recovery quick on a busy CI disk.
        options = f"-h 127.0.0.1 -p {self.port} -k {self.root} -c fsync=off"
        self._run(
            "pg_ctl",
            "start",
            "-w",
            "-t",
            "30",
            "-D",
            str(self.pgdata),
            "-l",
            str(self.log_path),
            "-o",
            options,
        )

    def stop(self, mode: StopMode) -> None:
        """`fast`: sessions are terminated, then a clean shutdown. `immediate`: no shutdown at all,
        like a crash; the next start runs crash recovery from the WAL."""
        self._run("pg_ctl", "stop", "-w", "-t", "30", "-D", str(self.pgdata), "-m", mode)

    def destroy(self) -> None:
        """Stops the server however it can, then removes its directory; never raises."""
        if (self.pgdata / "postmaster.pid").exists():
            try:
                self.stop("immediate")
            except Exception:  # pg_ctl failed: end the postmaster we started, by its pid
                with contextlib.suppress(Exception):
                    pid = int((self.pgdata / "postmaster.pid").read_text().split()[0])
                    if str(self.pgdata) in Path(f"/proc/{pid}/cmdline").read_text(errors="replace"):
                        os.kill(pid, signal.SIGKILL)
        shutil.rmtree(self.root, ignore_errors=True)

    def log_tail(self, chars: int = 3000) -> str:
        with contextlib.suppress(OSError):
            return self.log_path.read_text(errors="replace")[-chars:]
        return ""

    def _run(self, program: str, *args: str) -> None:
        as_account: dict[str, object] = {}
        if self._account is not None:
            as_account = {"user": self._account.pw_uid, "group": self._account.pw_gid, "extra_groups": []}
        # Output to a file, not a pipe: the server that pg_ctl starts inherits it and keeps it open.
        with tempfile.TemporaryFile() as out:
            done = subprocess.run(
                [str(self.bin / program), *args],
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                cwd=self.root,
                timeout=60,
                check=False,
                **as_account,  # type: ignore[arg-type]
            )
            if done.returncode != 0:
                out.seek(0)
                output = out.read().decode(errors="replace")
                command = " ".join((program, *args))
                raise RuntimeError(f"{command} failed ({done.returncode}):\n{output}\n{self.log_tail()}")


@pytest.fixture(scope="module")
def private_pg() -> Iterator[PrivatePostgres]:
    """A started private server, always stopped and removed afterwards."""
    server = PrivatePostgres()
    try:
        server.init()
        server.start()
        yield server
    finally:
        server.destroy()
