"""The real `budongsan` console script in a subprocess: `db` status, bad URLs, `import-sqlite`, `serve`
refusing a weak signing secret."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import sys
import uuid
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import text

from backend.db import DatabaseUrl
from tests.conftest import create_database, drop_database

CLI = Path(sys.executable).with_name("budongsan")
FAKE_PASSWORD = "s3cretpw"  # the local test server trusts every password; the point is to never print it


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


async def budongsan(*args: str, database_url: str, cwd: Path, **settings: str) -> Run:
    """Runs the installed CLI with only our database URL and `settings` (as BUDONGSAN_* variables)
    configured (no .env: cwd is a temp dir)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("BUDONGSAN_") and k != "DATABASE_URL"}
    env["BUDONGSAN_DATABASE_URL"] = database_url
    env |= {f"BUDONGSAN_{name.upper()}": value for name, value in settings.items()}
    proc = await asyncio.create_subprocess_exec(
        str(CLI), *args, env=env, cwd=cwd, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    out, err = await asyncio.wait_for(proc.communicate(), timeout=120)
    assert proc.returncode is not None
    return Run(proc.returncode, out.decode(), err.decode())


def with_password(url: DatabaseUrl) -> tuple[str, str]:
    """The URL as an operator would write it, with a password, and that password."""
    secret = url.url.password or FAKE_PASSWORD
    return url.url.set(password=secret).render_as_string(hide_password=False), secret


def _count_line(output: str, table: str) -> int:
    (line,) = [ln for ln in output.splitlines() if ln.split()[:1] == [table]]
    return int(line.split()[1].replace(",", ""))


# --- budongsan db -------------------------------------------------------------------------------


async def test_db_shows_the_url_without_password_the_revision_and_row_counts(engine, db_url, tmp_path):
    url, secret = with_password(db_url)

    run = await budongsan("db", database_url=url, cwd=tmp_path)

    assert run.code == 0, run.err
    assert secret not in run.out + run.err
    assert db_url.url.set(password=secret).render_as_string(hide_password=True) in run.out
    assert db_url.url.database in run.out
    assert "up to date" in run.out
    async with engine.connect() as conn:
        for table in ("users", "sessions", "chat_messages", "checkpoints", "checkpoint_writes"):
            expected = (await conn.execute(text(f"SELECT count(*) FROM {table}"))).scalar_one()
            assert _count_line(run.out, table) == expected


async def test_db_on_an_empty_database_says_to_migrate(server_url, tmp_path):
    name = f"budongsan_test_empty_{uuid.uuid4().hex[:8]}"
    empty = await create_database(server_url, name)
    try:
        run = await budongsan("db", database_url=with_password(empty)[0], cwd=tmp_path)
    finally:
        await drop_database(server_url, name)

    assert run.code == 0, run.err
    assert "none (head" in run.out
    assert "run `budongsan migrate`" in run.out
    assert "missing" in run.out


def _bad_urls() -> list[tuple[str, str, str]]:
    """(case, URL, what the one error line must name)."""
    db = "budongsan_nowhere"
    return [
        ("unreachable port", f"postgresql://postgres:{FAKE_PASSWORD}@127.0.0.1:1/{db}", f"127.0.0.1:1/{db}"),
        (
            "not a postgres scheme",
            f"mysql://root:{FAKE_PASSWORD}@db.example.com:3306/shop",
            "db.example.com:3306/shop",
        ),
        ("not a url", f"{FAKE_PASSWORD} is not a url", "not a valid URL"),
    ]


@pytest.mark.parametrize(("case", "url", "named"), _bad_urls(), ids=[c for c, _, _ in _bad_urls()])
async def test_wrong_database_url_gives_one_line_without_password(case, url, named, tmp_path):
    run = await budongsan("db", database_url=url, cwd=tmp_path)
    _assert_one_clean_error_line(run, named, FAKE_PASSWORD)


async def test_nonexistent_database_gives_one_line_naming_it(server_url, tmp_path):
    missing = server_url.with_database(f"budongsan_missing_{uuid.uuid4().hex[:8]}")
    url, secret = with_password(missing)
    run = await budongsan("db", database_url=url, cwd=tmp_path)
    _assert_one_clean_error_line(run, f"{missing.where}: database does not exist", secret)


def _assert_one_clean_error_line(run: Run, named: str, secret: str) -> None:
    assert run.code != 0
    assert run.out == ""
    lines = run.err.strip().splitlines()
    assert len(lines) == 1, run.err
    assert named in lines[0]
    assert secret not in run.err
    assert "Traceback" not in run.err


# --- budongsan import-sqlite -------------------------------------------------------------------


def _legacy_sessions_db(path: Path, session_id: str) -> Path:
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute(
            "CREATE TABLE sessions (session_id TEXT PRIMARY KEY, user_id TEXT, metadata TEXT, "
            "created_at TEXT, expires_at TEXT, last_activity TEXT, request_count INTEGER)"
        )
        conn.execute(
            "INSERT INTO sessions VALUES (?, ?, '{}', '2024-01-01T00:00:00', '2024-02-01T00:00:00', NULL, 5)",
            (session_id, f"cli-user-{session_id}"),
        )
    return path


async def test_import_sqlite_prints_counts_and_is_idempotent(db_url, tmp_path):
    legacy = _legacy_sessions_db(tmp_path / "sessions.db", f"cli-{uuid.uuid4().hex[:8]}")
    url, secret = with_password(db_url)

    first = await budongsan("import-sqlite", "--sessions-db", str(legacy), database_url=url, cwd=tmp_path)
    second = await budongsan("import-sqlite", "--sessions-db", str(legacy), database_url=url, cwd=tmp_path)

    assert (first.code, second.code) == (0, 0), first.err + second.err
    assert _summary_line(first.out, "sessions").startswith("sessions 1 imported, 0 already present")
    assert _summary_line(second.out, "sessions").startswith("sessions 0 imported, 1 already present")
    assert "1 of them expired, kept" in first.out
    assert secret not in first.out + first.err


def _summary_line(output: str, name: str) -> str:
    (line,) = [" ".join(ln.split()) for ln in output.splitlines() if ln.startswith(name)]
    return line


async def test_import_sqlite_refuses_a_text_file_in_one_line(db_url, tmp_path):
    bogus = tmp_path / "sessions.db"
    bogus.write_text("id,user\n1,2\n", encoding="utf-8")

    run = await budongsan(
        "import-sqlite", "--sessions-db", str(bogus), database_url=with_password(db_url)[0], cwd=tmp_path
    )

    _assert_one_clean_error_line(run, f"{bogus}: not an SQLite database", FAKE_PASSWORD)
    assert "expected" in run.err


# --- budongsan serve: the signing secret ---------------------------------------------------------

# Nothing listens here: a refusal must come before the database is touched.
NO_DATABASE = "postgresql://postgres@127.0.0.1:1/budongsan_nowhere"


@pytest.mark.parametrize(
    ("secret", "reason"),
    [
        ("dev-insecure-change-me", "contains the published development default"),
        ("x", "is 1 bytes long"),
        ("", "is empty"),
    ],
    ids=["old dev default", "1 character", "empty"],
)
async def test_serve_refuses_a_weak_secret_in_one_line_outside_dev_mode(secret, reason, tmp_path):
    run = await budongsan("serve", database_url=NO_DATABASE, cwd=tmp_path, jwt_secret=secret)
    _assert_refused_secret(run, f"BUDONGSAN_JWT_SECRET {reason}")
    assert "BUDONGSAN_JWT_SECRET=$(python -c 'import secrets; print(secrets.token_urlsafe(48))')" in run.err
    assert "BUDONGSAN_DEV_MODE=1" in run.err


async def test_serve_refuses_to_start_without_a_secret_when_a_database_is_configured(tmp_path):
    run = await budongsan("serve", database_url=NO_DATABASE, cwd=tmp_path)
    _assert_refused_secret(run, "no secret to sign access tokens with is configured")


async def test_serve_refuses_a_home_secret_other_users_can_read(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    (home / "jwt_secret").write_text("a" * 64)
    (home / "jwt_secret").chmod(0o644)
    run = await budongsan(
        "serve", database_url=NO_DATABASE, cwd=tmp_path, jwt_secret_file=str(home / "jwt_secret")
    )
    _assert_refused_secret(run, "is open to other users (mode 0o644): run chmod 600")


def _assert_refused_secret(run: Run, named: str) -> None:
    assert run.code == 1
    assert run.out == ""
    lines = run.err.strip().splitlines()
    assert len(lines) == 1, run.err
    assert named in lines[0]
    assert "Traceback" not in run.err and "budongsan_nowhere" not in run.err
