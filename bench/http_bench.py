"""End-to-end load through the HTTP API: N users × M turns against `budongsan serve --workers W`.

Starts the server itself on loopback (BENCH_DATABASE_URL's server, a bench database with the data
loaded by bench/checkpoint_bench.py's preparation), registers users, each in its own chat, and
prints throughput, p50/p99 and error counts. Pass condition: zero 5xx and zero lost messages
(checked by SQL: every chat has 2 × turns messages and message_count matches).

    python bench/http_bench.py [--users 50] [--turns 20] [--workers 2]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import asyncpg
import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from backend.db import DatabaseUrl
from backend.settings import Settings
from bench.checkpoint_bench import prepare_database

QUERIES = [
    "대치동 은마 84㎡ 2024년 시세",
    "연봉 8천에 6억 아파트 대출 얼마나 나와?",
    "전세 갱신요구권 몇 번 쓸 수 있어?",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def wait_ready(base: str, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    async with httpx.AsyncClient() as client:
        while time.monotonic() < deadline:
            try:
                if (await client.get(f"{base}/readyz")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.3)
    raise TimeoutError("server did not become ready")


async def sign_up(client: httpx.AsyncClient, gate: asyncio.Semaphore) -> tuple[dict[str, str], str]:
    """Accounts are made before the clock starts, a few at a time (argon2 is deliberately slow)."""
    email = f"load-{uuid.uuid4().hex[:10]}@bench.invalid"
    async with gate:
        created = await client.post(
            "/api/v1/auth/register", json={"email": email, "password": "load-test-pw-1"}
        )
        login = await client.post(
            "/api/v1/auth/token", data={"username": email, "password": "load-test-pw-1"}
        )
        if created.status_code != 201 or login.status_code != 200:
            raise RuntimeError(f"sign-up failed: {created.status_code} / {login.status_code}")
        headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
        chat = await client.post("/api/v1/chat/sessions", json={}, headers=headers)
        if chat.status_code != 201:
            raise RuntimeError(f"new chat failed: {chat.status_code} {chat.text[:300]}")
    return headers, chat.json()["session_id"]


async def chat_turns(
    client: httpx.AsyncClient,
    headers: dict[str, str],
    session_id: str,
    turns: int,
    latencies: list[float],
    errors: dict[int, int],
) -> None:
    for i in range(turns):
        started = time.perf_counter()
        response = await client.post(
            f"/api/v1/chat/sessions/{session_id}/messages",
            json={"content": QUERIES[i % len(QUERIES)]},
            headers=headers,
            timeout=60,
        )
        latencies.append(time.perf_counter() - started)
        if response.status_code != 200:
            errors[response.status_code] = errors.get(response.status_code, 0) + 1


async def main(args: argparse.Namespace) -> None:
    server = DatabaseUrl.parse(
        os.environ.get("BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
    )
    url = await prepare_database(server, Settings())
    port = free_port()
    env = {
        **os.environ,
        "BUDONGSAN_DATABASE_URL": url.libpq,
        "BUDONGSAN_RATE_LIMIT_PER_MINUTE": "0",
        "BUDONGSAN_JWT_SECRET": "bench-" + "x" * 40,
        "BUDONGSAN_LOG_LEVEL": "WARNING",
    }
    cmd = [
        sys.executable,
        "-m",
        "backend.cli",
        "serve",
        "--port",
        str(port),
        "--workers",
        str(args.workers),
        "--no-load",
    ]
    log_path = Path(os.environ.get("BENCH_SERVER_LOG", "/tmp/budongsan_http_bench.log"))
    proc = subprocess.Popen(cmd, env=env, stdout=log_path.open("w"), stderr=subprocess.STDOUT)  # noqa: ASYNC220, ASYNC230 - once, before the load
    base = f"http://127.0.0.1:{port}"
    try:
        await wait_ready(base)
        latencies: list[float] = []
        errors: dict[int, int] = {}
        limits = httpx.Limits(max_connections=args.users)
        async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:
            gate = asyncio.Semaphore(4)
            accounts = await asyncio.gather(*(sign_up(client, gate) for _ in range(args.users)))
            sessions = [session_id for _, session_id in accounts]
            started = time.perf_counter()
            await asyncio.gather(
                *(chat_turns(client, h, s, args.turns, latencies, errors) for h, s in accounts)
            )
            elapsed = time.perf_counter() - started
        latencies.sort()
        conn = await asyncpg.connect(url.libpq)
        try:
            ids = [uuid.UUID(s) for s in sessions]
            lost = await conn.fetchval(
                "SELECT count(*) FROM chat_sessions c WHERE c.session_id = ANY($1) AND (c.message_count <> $2 "
                "OR c.message_count <> (SELECT count(*) FROM chat_messages m WHERE m.session_id = c.session_id))",
                ids,
                2 * args.turns,
            )
        finally:
            await conn.close()
        total = args.users * args.turns
        print(f"HTTP end to end: {args.users} users × {args.turns} turns, {args.workers} workers")
        print(
            f"turns/s {total / elapsed:.1f}  p50 {latencies[len(latencies) // 2] * 1000:.0f} ms  "
            f"p99 {latencies[int(len(latencies) * 0.99) - 1] * 1000:.0f} ms"
        )
        print(
            f"errors by status: {errors or 'none'}; 5xx: {sum(v for k, v in errors.items() if k >= 500)}; "
            f"chats with lost/extra messages: {lost}"
        )
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--turns", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    asyncio.run(main(parser.parse_args()))
