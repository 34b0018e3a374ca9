"""Where BUDONGSAN_HOME is (backend/home.py), and `budongsan db` / `budongsan serve` telling the truth about it:
an earlier version's ./.budongsan is found and used, `db` never creates a second, empty cluster, pgserver's
XDG_RUNTIME_DIR warning is gone, and a server with no data says so loudly at start."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx
import pytest

from backend.home import SYSTEM_HOME, default_home, has_cluster, platform_home, where_we_looked
from backend.settings import Settings
from tests.conftest import create_database, drop_database
from tests.e2e.conftest import _free_port

CLI = Path(sys.executable).with_name("budongsan")


def clean_env(**settings: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BUDONGSAN_") and k != "DATABASE_URL"}
    env.pop("XDG_RUNTIME_DIR", None)  # as under cron, su or in a container: pgserver must stay quiet
    return env | {f"BUDONGSAN_{k.upper()}": v for k, v in settings.items()}


def budongsan(*args: str, cwd: Path, **settings: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CLI), *args], cwd=cwd, env=clean_env(**settings), capture_output=True, text=True, timeout=180
    )


# --- the rule, without processes ------------------------------------------------------------------


def test_the_default_home_is_per_user_or_var_lib_as_root_never_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert platform_home(euid=1000) == tmp_path / "data" / "budongsan"
    # Started by root, the embedded Postgres runs as its own account and pgserver opens every folder
    # above its data for others: /var/lib, not /root/.local/share.
    assert platform_home(euid=0) == SYSTEM_HOME == Path("/var/lib/budongsan")
    home = default_home(tmp_path / "anywhere", euid=1000)
    assert (home.path, home.origin) == (tmp_path / "data" / "budongsan", "default")


def test_an_earlier_versions_dot_budongsan_with_a_cluster_is_used(tmp_path):
    (tmp_path / ".budongsan" / "pg").mkdir(parents=True)
    assert default_home(tmp_path, euid=1000).origin == "default"  # an empty folder is no cluster
    (tmp_path / ".budongsan" / "pg" / "PG_VERSION").write_text("16\n")
    home = default_home(tmp_path, euid=1000)
    assert (home.path, home.origin) == (tmp_path / ".budongsan", "legacy")
    assert "found ./.budongsan from an earlier version: using it" in home.describe()


def test_a_configured_home_is_said_to_be_configured(tmp_path):
    settings = Settings(home=tmp_path / "mine")
    assert settings.home_explained().describe() == f"home: {tmp_path / 'mine'} (BUDONGSAN_HOME)"
    assert settings.pg_home == tmp_path / "mine" / "pg"


# --- real commands ------------------------------------------------------------------------------


def test_db_where_no_cluster_exists_creates_none_and_says_where_it_looked(tmp_path):
    home = tmp_path / "home"
    run = budongsan("db", cwd=tmp_path, home=str(home))
    assert run.returncode == 1
    (line,) = run.stderr.strip().splitlines()
    assert f"no embedded database at {home / 'pg'}" in line and "budongsan serve" in line
    assert not home.exists() and "Traceback" not in run.stderr
    home_explained = Settings(home=home).home_explained()
    assert str(home / "pg") in where_we_looked(home_explained, tmp_path)


def test_an_earlier_dot_budongsan_cluster_is_found_from_its_folder_and_nothing_else_is_created(tmp_path):
    legacy = tmp_path / ".budongsan"
    made = budongsan("migrate", cwd=tmp_path, home=str(legacy))  # as an earlier version left it
    assert made.returncode == 0, made.stderr
    assert has_cluster(legacy)

    run = budongsan("db", cwd=tmp_path)  # BUDONGSAN_HOME not set: the old folder is found
    assert run.returncode == 0, run.stderr
    assert f"home: {legacy} (found ./.budongsan from an earlier version: using it" in run.stdout
    assert "up to date" in run.stdout
    assert "XDG_RUNTIME_DIR" not in run.stderr + run.stdout  # pgserver's platformdirs warning


# --- serve: start-up lines -------------------------------------------------------------------------


@pytest.fixture
async def empty_database(server_url):
    """A database with nothing in it: `serve` migrates it and finds no data to answer from."""
    name = f"budongsan_test_empty_{uuid.uuid4().hex[:8]}"
    url = await create_database(server_url, name)
    try:
        yield url
    finally:
        await drop_database(server_url, name)


def test_serve_with_an_empty_database_and_data_folder_warns_loudly_prints_the_urls_and_logs_once(
    empty_database, tmp_path
):
    empty = tmp_path / "data"
    empty.mkdir()
    port = _free_port()
    log = tmp_path / "serve.log"
    secret = uuid.uuid4().hex + uuid.uuid4().hex
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [str(CLI), "serve", "--port", str(port)],
            cwd=tmp_path,
            env=clean_env(database_url=empty_database.libpq, jwt_secret=secret, data_dir=str(empty)),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        ready = _wait_ready(proc, port, log)
        assert ready["checks"]["data"] == "missing"
        for _ in range(3):
            assert httpx.get(f"http://127.0.0.1:{port}/healthz").status_code == 200
        time.sleep(0.5)
        output = log.read_text()
        assert f"WARNING: data folder {empty} holds no transaction CSVs or statutes" in output
        assert "no transaction data loaded" in output
        assert f"chat: http://127.0.0.1:{port}/  ·  API docs: http://127.0.0.1:{port}/docs" in output
        # One line per request: the app's JSON line, and no uvicorn access line besides it.
        assert output.count('"route": "/healthz"') == 3
        assert "GET /healthz" not in output
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


def _wait_ready(proc: subprocess.Popen, port: int, log: Path) -> dict:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"serve exited with {proc.returncode}:\n{log.read_text()[-3000:]}")
        try:
            response = httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=2)
            if response.status_code == 200:
                return response.json()
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    pytest.fail(f"serve not ready:\n{log.read_text()[-3000:]}")
