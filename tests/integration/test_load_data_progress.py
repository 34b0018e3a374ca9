"""`budongsan load-data` tells a person at a terminal what it is doing: each file as it loads (name, rows,
seconds) and one summary at the end; `--quiet` prints nothing, and piped output is only the summary."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pexpect
import pytest

from backend.db import DatabaseUrl, create_engine
from backend.migrate import run_alembic
from backend.settings import Settings
from tests.conftest import create_database, data_dir, drop_database

CLI = Path(sys.executable).with_name("budongsan")
ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]")
TRADE_ROWS = 40
LAW_FILE = "law/주택임대차보호법_법률.md"
TRADE_FILE = "transactions/bundang_apt_trade_2024.csv"


@pytest.fixture
async def database(server_url: DatabaseUrl, test_settings: Settings) -> AsyncIterator[DatabaseUrl]:
    name = f"budongsan_test_progress_{uuid.uuid4().hex[:8]}"
    url = await create_database(server_url, name)
    engine = create_engine(url, test_settings)
    try:
        await run_alembic(engine, "upgrade", "head")
        yield url
    finally:
        await engine.dispose()
        await drop_database(server_url, name)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A statute and the first rows of a real trade CSV, in the layout of ../shared/data."""
    root = tmp_path / "data"
    (root / "law").mkdir(parents=True)
    (root / "transactions").mkdir()
    (root / LAW_FILE).write_bytes((data_dir() / LAW_FILE).read_bytes())
    lines = (data_dir() / TRADE_FILE).read_text(encoding="utf-8").splitlines(keepends=True)
    (root / TRADE_FILE).write_text("".join(lines[: TRADE_ROWS + 1]), encoding="utf-8")
    return root


def environment(database: DatabaseUrl) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BUDONGSAN_") and k != "DATABASE_URL"}
    return env | {"BUDONGSAN_DATABASE_URL": database.libpq, "TERM": "xterm-256color"}


def on_a_terminal(database: DatabaseUrl, folder: Path, *args: str) -> tuple[int, str]:
    """Runs the CLI in a pseudo-terminal; (exit code, what the screen shows, line by line)."""
    child = pexpect.spawn(
        str(CLI), ["load-data", str(folder), *args], env=environment(database), encoding="utf-8", timeout=120
    )
    child.expect(pexpect.EOF)
    child.close()
    raw = str(child.before)
    # A carriage return puts the cursor back: keep what the line finally shows.
    screen = "\n".join(
        ANSI.sub("", line.rsplit("\r", 1)[-1]) for line in raw.replace("\r\n", "\n").split("\n")
    )
    return child.exitstatus or 0, screen.strip()


def test_a_terminal_sees_each_file_with_rows_and_seconds_then_one_summary(database, folder, tmp_path):
    code, screen = on_a_terminal(database, folder)
    assert code == 0, screen
    lines = screen.splitlines()
    assert re.fullmatch(rf"\[1/2\] {LAW_FILE} → law_articles: \d+ rows loaded in \d+\.\ds", lines[0]), lines
    assert re.fullmatch(
        rf"\[2/2\] {TRADE_FILE} → apt_trades: {TRADE_ROWS} rows loaded in \d+\.\ds", lines[1]
    ), lines
    summaries = [line for line in lines if line.startswith("load-data ")]
    assert len(summaries) == 1, screen  # once, not once per stream
    assert f"2 files (2 loaded); rows apt_trades +{TRADE_ROWS}" in summaries[0]
    assert re.search(r"; \d+\.\ds$", summaries[0])

    code, screen = on_a_terminal(database, folder, "--quiet")
    assert (code, screen) == (0, "")

    piped = subprocess.run(
        [str(CLI), "load-data", str(folder)],
        env=environment(database),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout.strip().startswith("load-data ") and "2 files (2 unchanged)" in piped.stdout
    assert "[1/2]" not in piped.stdout + piped.stderr
