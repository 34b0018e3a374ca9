"""Does any message stall a worker? /healthz latency while pathological messages are parsed.

Starts `budongsan serve --workers 1` on loopback against its own database (created on the server of
`--database-url`, migrated and loaded with the data folder), signs up one user, then sends normal
messages and then pathological ones (digit runs after "예산", "84" repeated, "억" alternations,
Hangul without spaces …, each at most the 4,000 characters the API accepts) one after another,
while a poller calls /healthz back to back. A regex that goes quadratic runs inside the event loop
(or holds the GIL in a thread), so /healthz waits for it: the worst /healthz latency during the
pathological messages over the worst during the normal ones is the figure (1.0 = no stall).

    python bench/redos_bench.py [--database-url URL] [--rounds 3] [--server-root DIR] [--keep]

`--server-root` runs the server from another checkout (e.g. an unpacked `git archive HEAD`) to
measure before/after a change with the same bench.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import secrets
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from backend.db import DatabaseUrl
from bench.http_bench import LOAD_AUTH_LIMITS, describe_auth_limits, free_port, wait_ready

REPO_ROOT = Path(__file__).resolve().parent.parent
API = "/api/v1"
DB_NAME = "budongsan_redos_bench"
PASSWORD = "redos-bench-pw-1"
MAX_CHARS = 4000  # BUDONGSAN_MAX_MESSAGE_CHARS default: longer messages get a 422, never parsed
SETTLE_S = 1.5  # keep polling after each phase: the memory worker extracts after the answer

NORMAL = [
    "대치동 은마 84㎡ 2024년 시세",
    "연봉 8천에 6억 아파트 대출 얼마나 나와?",
    "송파구 전세 6억 이하 30평대 찾고 있어요",
    "전세 갱신요구권 몇 번 쓸 수 있어?",
    "예산 9억으로 바꿨어, 강남구 매매 84타입",
]
PATHOLOGICAL = [
    "예산 " + "9" * (MAX_CHARS - 3),
    "84" * (MAX_CHARS // 2),
    "억1" * (MAX_CHARS // 2),
    "가" * MAX_CHARS,
    "1." * (MAX_CHARS // 2),
    "전용 " + "8" * (MAX_CHARS - 3),
    "제" + "6" * (MAX_CHARS - 1),
    "2024" + " " * (MAX_CHARS - 8) + "2025",
    "what does " * (MAX_CHARS // 10),
    "(" * MAX_CHARS,
]


@dataclass
class Phase:
    name: str
    started: float = 0.0
    ended: float = 0.0
    turn_s: list[float] = field(default_factory=list)
    statuses: list[int] = field(default_factory=list)


@dataclass
class Poll:
    started: float
    latency_s: float


async def poll_health(client: httpx.AsyncClient, base: str, polls: list[Poll], stop: asyncio.Event) -> None:
    while not stop.is_set():
        started = time.perf_counter()
        with contextlib.suppress(httpx.TransportError):
            await client.get(f"{base}/healthz", timeout=60)
        polls.append(Poll(started, time.perf_counter() - started))
        await asyncio.sleep(0.005)


async def sign_up(client: httpx.AsyncClient, base: str) -> dict[str, str]:
    email = f"redos-{uuid.uuid4().hex[:10]}@bench.invalid"
    created = await client.post(f"{base}{API}/auth/register", json={"email": email, "password": PASSWORD})
    login = await client.post(f"{base}{API}/auth/token", data={"username": email, "password": PASSWORD})
    if created.status_code != 201 or login.status_code != 200:
        raise RuntimeError(f"sign-up failed: {created.status_code} / {login.status_code}")
    return {"Authorization": f"Bearer {login.json()['access_token']}"}


async def send(
    client: httpx.AsyncClient, base: str, headers: dict[str, str], text: str, phase: Phase
) -> None:
    """One turn in a new chat (a pending clarifying question must not turn the next one into an answer)."""
    chat = await client.post(f"{base}{API}/chat/sessions", json={}, headers=headers)
    chat.raise_for_status()
    url = f"{base}{API}/chat/sessions/{chat.json()['session_id']}/messages"
    started = time.perf_counter()
    response = await client.post(url, json={"content": text, "turn_id": str(uuid.uuid4())}, headers=headers)
    phase.turn_s.append(time.perf_counter() - started)
    phase.statuses.append(response.status_code)


async def run_phase(
    client: httpx.AsyncClient, base: str, headers: dict[str, str], name: str, messages: list[str], rounds: int
) -> Phase:
    phase = Phase(name, started=time.perf_counter())
    for _ in range(rounds):
        for text in messages:
            await send(client, base, headers, text, phase)
    await asyncio.sleep(SETTLE_S)
    phase.ended = time.perf_counter()
    return phase


def worst_ms(polls: list[Poll], phase: Phase) -> tuple[float, float, int]:
    """(worst, median) /healthz latency of the polls started during the phase, and their count."""
    inside = sorted(p.latency_s for p in polls if phase.started <= p.started < phase.ended)
    if not inside:
        return 0.0, 0.0, 0
    return inside[-1] * 1000, inside[len(inside) // 2] * 1000, len(inside)


async def prepare_database(server: DatabaseUrl) -> DatabaseUrl:
    from bench.loaded_db import prepare_database as prepare

    return await prepare(server, DB_NAME)


async def drop_database(server: DatabaseUrl) -> None:
    from bench.loaded_db import drop_database as drop

    await drop(server, DB_NAME)


async def measure(url: DatabaseUrl, args: argparse.Namespace) -> tuple[Phase, Phase, list[Poll]]:
    port = free_port()
    env = {
        **os.environ,
        "BUDONGSAN_DATABASE_URL": url.libpq,
        "BUDONGSAN_RATE_LIMIT_PER_MINUTE": "0",
        "BUDONGSAN_JWT_SECRET": secrets.token_urlsafe(48),
        "BUDONGSAN_LOG_LEVEL": "WARNING",
        **LOAD_AUTH_LIMITS,
    }
    print(describe_auth_limits())
    cmd = [sys.executable, "-m", "backend.cli", "serve", "--port", str(port), "--workers", "1", "--no-load"]
    log_path = Path("/tmp/budongsan_redos_bench.log")
    with log_path.open("w") as log:  # noqa: ASYNC230 - once, before the load
        proc = subprocess.Popen(cmd, env=env, cwd=args.server_root, stdout=log, stderr=subprocess.STDOUT)  # noqa: ASYNC220 - once, before the load
    base = f"http://127.0.0.1:{port}"
    polls: list[Poll] = []
    stop = asyncio.Event()
    try:
        await wait_ready(base)
        async with httpx.AsyncClient(timeout=120) as client, httpx.AsyncClient() as health_client:
            headers = await sign_up(client, base)
            await run_phase(client, base, headers, "warm-up", NORMAL, 1)
            poller = asyncio.create_task(poll_health(health_client, base, polls, stop))
            normal = await run_phase(client, base, headers, "normal", NORMAL, args.rounds)
            pathological = await run_phase(client, base, headers, "pathological", PATHOLOGICAL, args.rounds)
            stop.set()
            await poller
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
    return normal, pathological, polls


async def main(args: argparse.Namespace) -> int:
    server = DatabaseUrl.parse(args.database_url)
    url = await prepare_database(server)
    try:
        normal, pathological, polls = await measure(url, args)
    finally:
        if not args.keep:
            await drop_database(server)
    rows = []
    for phase in (normal, pathological):
        worst, median, count = worst_ms(polls, phase)
        slowest_turn = max(phase.turn_s) * 1000
        statuses = sorted(set(phase.statuses))
        rows.append((phase.name, len(phase.turn_s), statuses, slowest_turn, count, median, worst))
    print(f"\nserver from {args.server_root}, 1 worker, {args.rounds} round(s) per phase")
    print(
        f"{'phase':<14}{'turns':>6}  {'statuses':<12}{'slowest turn':>14}{'polls':>7}{'p50 ms':>9}{'worst ms':>10}"
    )
    for name, turns, statuses, slowest, count, median, worst in rows:
        print(
            f"{name:<14}{turns:>6}  {statuses!s:<12}{slowest:>11.0f} ms{count:>7}{median:>9.1f}{worst:>10.1f}"
        )
    normal_worst, patho_worst = rows[0][6], rows[1][6]
    print(f"\nworst /healthz, pathological / normal: {patho_worst / normal_worst:.2f}x")
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres"),
        help="a server where the bench may create (and drop) its own database",
    )
    parser.add_argument("--rounds", type=int, default=3, help="times each message list is sent")
    parser.add_argument("--server-root", type=Path, default=REPO_ROOT, help="checkout the server runs from")
    parser.add_argument("--keep", action="store_true", help="keep the bench database for the next run")
    sys.exit(asyncio.run(main(parser.parse_args())))
