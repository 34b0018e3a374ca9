"""bench/http_bench.py's workload, bounded for CI: 20 users × 5 turns against `budongsan serve --workers 2`.

Pass condition (the same as the script's): zero 5xx, zero transport errors, every response a 200, and by
SQL every chat holds exactly the answered turns in answer order, with message_count right in every session.
"""

from __future__ import annotations

import time

import pytest

from backend.db import DatabaseUrl
from bench.http_bench import check_transcripts, run_load
from tests.e2e.conftest import ServerFactory

pytestmark = pytest.mark.e2e

USERS = 20
TURNS = 5
BUDGET_S = 90  # the turns alone; ~5 s on the 2-core development machine


async def test_bounded_load_over_two_workers_loses_nothing(servers: ServerFactory, db_url: DatabaseUrl):
    starting = time.monotonic()
    server = servers.start("load", cli_args=["--workers", "2"], log_level="WARNING")
    print(f"\nserver with 2 workers ready in {time.monotonic() - starting:.1f} s")
    started = time.monotonic()
    report = await run_load([server.base_url], USERS, TURNS, timeout_s=BUDGET_S)
    check = await check_transcripts(db_url, report.answers)
    print(f"\nload, 2 workers: {report.summary()}\n{check.summary()}")

    assert time.monotonic() - started < BUDGET_S
    assert report.transport_errors == 0
    assert report.server_errors == 0
    assert report.errors == {}, (
        report.errors
    )  # nothing refused either: one user = one chat = one turn at a time
    assert report.requests == USERS * TURNS
    assert sum(len(a) for a in report.answers.values()) == USERS * TURNS
    assert check.chats == USERS
    assert check.mismatched == 0
    assert check.miscounted == 0
