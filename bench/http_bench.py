"""End-to-end load through the HTTP API: N users × M turns against `budongsan serve --workers W`.

Starts the server itself on loopback (BENCH_DATABASE_URL's server, a bench database with the data
loaded by bench/checkpoint_bench.py's preparation), registers users, each in its own chat, and
prints throughput, p50/p99 and error counts. Pass condition: zero 5xx, zero transport errors and zero
lost messages (checked by SQL: every chat holds exactly the answered turns, in the order they were
answered, and message_count matches the transcript in every session of the database).

    python bench/http_bench.py [--users 50] [--turns 20] [--workers 2] [--variants stock ours]
                               [--memory-worker in-process|separate]

By default it runs the same workload twice, first against the stock LangGraph pattern served by the
same app (bench/stock_server.py), then against ours, and prints the ratios. `--memory-worker separate`
turns the API processes' own memory worker off and runs one `budongsan memory-worker` beside them
(README "Running several nodes"); either way the bench waits for the memory jobs to drain after the
turns and prints the CPU per turn of the API processes and of the memory worker until then.

`run_load` and `check_transcripts` are importable: tests/e2e/test_load.py runs a smaller workload in CI.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import secrets
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import asyncpg
import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from backend.db import DatabaseUrl
from backend.settings import Settings
from bench.checkpoint_bench import prepare_database

REPO_ROOT = Path(__file__).resolve().parent.parent
API = "/api/v1"
PASSWORD = "load-test-pw-1"
QUERIES = [
    "대치동 은마 84㎡ 2024년 시세",
    "연봉 8천에 6억 아파트 대출 얼마나 나와?",
    "전세 갱신요구권 몇 번 쓸 수 있어?",
]


@dataclass(frozen=True)
class Answer:
    """One answered turn as the client saw it; the stored transcript must contain exactly these."""

    turn_id: str
    assistant_id: int


@dataclass
class LoadReport:
    users: int
    turns: int
    sign_up_s: float = 0.0  # accounts and chats, before the clock starts
    elapsed_s: float = 0.0  # the turns
    latencies_s: list[float] = field(default_factory=list)
    errors: dict[int, int] = field(default_factory=dict)  # HTTP status → count (non-200 responses)
    transport_errors: int = 0  # no HTTP response at all (refused, reset, timed out)
    answers: dict[str, list[Answer]] = field(default_factory=dict)  # session_id → answers, in order
    server_cpu_s: float | None = None  # the server processes' CPU during the turns (`cpu_probe`)
    load_average: float | None = None  # the machine's 1-minute load average when the turns ended

    @property
    def requests(self) -> int:
        return len(self.latencies_s)

    @property
    def server_errors(self) -> int:
        return sum(count for status, count in self.errors.items() if status >= 500)

    @property
    def throughput(self) -> float:
        return self.requests / self.elapsed_s if self.elapsed_s else 0.0

    def percentile_ms(self, p: float) -> float:
        """Nearest-rank percentile of the request latencies."""
        ordered = sorted(self.latencies_s)
        return ordered[max(math.ceil(p / 100 * len(ordered)) - 1, 0)] * 1000 if ordered else 0.0

    def summary(self) -> str:
        cpu = ""
        if self.server_cpu_s is not None and self.requests:
            cpu = f"  server CPU {self.server_cpu_s * 1000 / self.requests:.1f} ms/turn"
        if self.load_average is not None:
            cpu += f"  load {self.load_average:.1f}"
        return (
            f"{self.users} users × {self.turns} turns: {self.requests} requests in {self.elapsed_s:.1f} s "
            f"(sign-up before: {self.sign_up_s:.1f} s)\n"
            f"turns/s {self.throughput:.1f}  p50 {self.percentile_ms(50):.0f} ms  "
            f"p99 {self.percentile_ms(99):.0f} ms{cpu}\n"
            f"errors by status: {self.errors or 'none'}; 5xx: {self.server_errors}; "
            f"transport errors: {self.transport_errors}"
        )


@dataclass(frozen=True)
class TranscriptCheck:
    chats: int
    mismatched: int  # chats whose stored transcript is not exactly the answered turns, in order
    miscounted: int  # sessions anywhere in the database whose message_count ≠ their transcript length

    @property
    def ok(self) -> bool:
        return self.mismatched == 0 and self.miscounted == 0

    def summary(self) -> str:
        return (
            f"chats with lost/extra/out-of-order messages: {self.mismatched} of {self.chats}; "
            f"sessions with a wrong message_count: {self.miscounted}"
        )


def process_tree_cpu_s(pid: int) -> float:
    """User + system CPU seconds of a process and its live descendants (Linux /proc; 0 elsewhere).

    The figure a shared machine disturbs least: wall-clock throughput follows whatever else runs on the
    cores, the server's CPU per turn mostly does not (bench/README.md)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return 0.0
    own = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return own + sum(process_tree_cpu_s(int(child)) for child in children)


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


async def sign_up(
    client: httpx.AsyncClient, base: str, gate: asyncio.Semaphore
) -> tuple[dict[str, str], str]:
    """Accounts are made before the clock starts, a few at a time (argon2 is deliberately slow)."""
    email = f"load-{uuid.uuid4().hex[:10]}@bench.invalid"
    async with gate:
        created = await client.post(f"{base}{API}/auth/register", json={"email": email, "password": PASSWORD})
        login = await client.post(f"{base}{API}/auth/token", data={"username": email, "password": PASSWORD})
        if created.status_code != 201 or login.status_code != 200:
            raise RuntimeError(f"sign-up failed: {created.status_code} / {login.status_code}")
        headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
        chat = await client.post(f"{base}{API}/chat/sessions", json={}, headers=headers)
        if chat.status_code != 201:
            raise RuntimeError(f"new chat failed: {chat.status_code} {chat.text[:300]}")
    return headers, chat.json()["session_id"]


async def chat_turns(
    client: httpx.AsyncClient,
    bases: Sequence[str],
    headers: dict[str, str],
    session_id: str,
    report: LoadReport,
) -> None:
    """One user's turns, one after another; turn i goes to bases[i % len(bases)]."""
    answers = report.answers.setdefault(session_id, [])
    for i in range(report.turns):
        turn_id = str(uuid.uuid4())
        url = f"{bases[i % len(bases)]}{API}/chat/sessions/{session_id}/messages"
        started = time.perf_counter()
        try:
            response = await client.post(
                url, json={"content": QUERIES[i % len(QUERIES)], "turn_id": turn_id}, headers=headers
            )
        except httpx.TransportError:
            report.transport_errors += 1
            continue
        finally:
            report.latencies_s.append(time.perf_counter() - started)
        if response.status_code == 200:
            answers.append(Answer(turn_id, response.json()["assistant_message"]["id"]))
        else:
            report.errors[response.status_code] = report.errors.get(response.status_code, 0) + 1


async def run_load(
    bases: Sequence[str],
    users: int,
    turns: int,
    *,
    sign_up_concurrency: int = 4,
    timeout_s: float = 60,
    cpu_probe: Callable[[], float] | None = None,
) -> LoadReport:
    """`users` users, each in a chat of their own, all sending `turns` JSON turns at once.

    Several base URLs (separate server processes) are used round-robin, so one chat's turns move
    between processes. Only the turns are timed; sign-up happens first. `cpu_probe`: the server's CPU
    seconds so far, read before and after the turns.
    """
    report = LoadReport(users, turns)
    limits = httpx.Limits(max_connections=users + sign_up_concurrency)
    async with httpx.AsyncClient(limits=limits, timeout=timeout_s) as client:
        gate = asyncio.Semaphore(sign_up_concurrency)
        signing_up = time.perf_counter()
        accounts = await asyncio.gather(*(sign_up(client, bases[i % len(bases)], gate) for i in range(users)))
        cpu_before = cpu_probe() if cpu_probe else 0.0
        started = time.perf_counter()
        report.sign_up_s = started - signing_up
        await asyncio.gather(
            *(chat_turns(client, bases, headers, session_id, report) for headers, session_id in accounts)
        )
        report.elapsed_s = time.perf_counter() - started
        if cpu_probe:
            report.server_cpu_s = cpu_probe() - cpu_before
        report.load_average = os.getloadavg()[0]
    return report


async def check_transcripts(db_url: DatabaseUrl, answers: Mapping[str, Sequence[Answer]]) -> TranscriptCheck:
    """Compares what is stored with what the clients were answered, by SQL.

    Each chat must hold (user, assistant) per answered turn, in answer order, with the answered ids, and
    nothing else: a refused turn (409/503) stores nothing, so any orphan question or duplicate shows up.
    """
    conn = await asyncpg.connect(db_url.libpq)
    try:
        rows = await conn.fetch(
            "SELECT session_id::text AS session_id, id, role, turn_id::text AS turn_id FROM chat_messages "
            "WHERE session_id = ANY($1::uuid[]) ORDER BY session_id, id",
            list(answers),
        )
        miscounted = await conn.fetchval(
            "SELECT count(*) FROM chat_sessions s WHERE s.message_count <> "
            "(SELECT count(*) FROM chat_messages m WHERE m.session_id = s.session_id)"
        )
    finally:
        await conn.close()
    stored: dict[str, list[tuple[str, str, int | None]]] = {session_id: [] for session_id in answers}
    for row in rows:
        stored[row["session_id"]].append(
            (row["role"], row["turn_id"], row["id"] if row["role"] == "assistant" else None)
        )
    mismatched = 0
    for session_id, answered in answers.items():
        expected = [
            item
            for a in answered
            for item in (("user", a.turn_id, None), ("assistant", a.turn_id, a.assistant_id))
        ]
        mismatched += stored[session_id] != expected
    return TranscriptCheck(len(answers), mismatched, miscounted)


# Every simulated user signs up and logs in from 127.0.0.1: the sign-in limits (README "Accounts and
# sign-in") are set for the load explicitly and printed with the results.
LOAD_AUTH_LIMITS = {
    "BUDONGSAN_REGISTER_ATTEMPTS_PER_IP": "100000",
    "BUDONGSAN_LOGIN_ATTEMPTS_PER_IP": "100000",
    "BUDONGSAN_PASSWORD_HASH_WAIT_S": "120",
}


def describe_auth_limits() -> str:
    return "sign-in limits for the load: " + ", ".join(f"{k}={v}" for k, v in LOAD_AUTH_LIMITS.items())


def server_command(variant: str, port: int, workers: int) -> tuple[list[str], dict[str, str]]:
    """`budongsan serve` for ours; for stock, the same app with the stock graph (bench/stock_server.py),
    LangGraph's default durability and no pruning."""
    if variant == "ours":
        cmd = ["-m", "backend.cli", "serve", "--port", str(port), "--workers", str(workers), "--no-load"]
        return [sys.executable, *cmd], {}
    cmd = ["-m", "uvicorn", "bench.stock_server:create_stock_app", "--factory", "--port", str(port)]
    env = {"BUDONGSAN_DURABILITY": "async", "BUDONGSAN_CHECKPOINT_PRUNE_EVERY": "0"}
    return [sys.executable, *cmd, "--workers", str(workers), "--log-level", "warning"], env


class CpuSplit:
    """The probe `run_load` reads (the API processes plus the memory worker process, if any) that also
    remembers each one's CPU at its first reading, for the figures up to the memory jobs' drain."""

    def __init__(self, api_pid: int, worker_pid: int | None) -> None:
        self.pids = (api_pid, worker_pid)
        self.start: tuple[float, float] | None = None

    def read(self) -> tuple[float, float]:
        api, worker = self.pids
        return process_tree_cpu_s(api), process_tree_cpu_s(worker) if worker is not None else 0.0

    def __call__(self) -> float:
        now = self.read()
        if self.start is None:
            self.start = now
        return sum(now)

    def since_start(self) -> tuple[float, float]:
        (api, worker), (api0, worker0) = self.read(), self.start or (0.0, 0.0)
        return api - api0, worker - worker0


PENDING_JOBS_SQL = "SELECT count(*) FROM memory_jobs WHERE done_at IS NULL AND attempts < 5"


async def wait_jobs_drained(db_url: DatabaseUrl, timeout_s: float = 300) -> float:
    """Seconds until no memory job is left to process."""
    started = time.monotonic()
    conn = await asyncpg.connect(db_url.libpq)
    try:
        while time.monotonic() - started < timeout_s:
            if not await conn.fetchval(PENDING_JOBS_SQL):
                break
            await asyncio.sleep(0.1)
    finally:
        await conn.close()
    return time.monotonic() - started


def memory_worker_command() -> list[str]:
    return [sys.executable, "-m", "backend.cli", "memory-worker"]


def _stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()


async def run_variant(
    variant: str, url: DatabaseUrl, args: argparse.Namespace
) -> tuple[LoadReport, TranscriptCheck, str]:
    port = free_port()
    cmd, extra_env = server_command(variant, port, args.workers)
    separate = args.memory_worker == "separate"
    env = {
        **os.environ,
        "BUDONGSAN_DATABASE_URL": url.libpq,
        "BUDONGSAN_RATE_LIMIT_PER_MINUTE": "0",
        "BUDONGSAN_JWT_SECRET": secrets.token_urlsafe(48),
        "BUDONGSAN_LOG_LEVEL": "WARNING",
        "BUDONGSAN_MEMORY_WORKER_ENABLED": "false" if separate else "true",
        **LOAD_AUTH_LIMITS,
        **extra_env,
    }
    log_path = Path(os.environ.get("BENCH_SERVER_LOG", f"/tmp/budongsan_http_bench_{variant}.log"))
    proc = subprocess.Popen(cmd, env=env, cwd=REPO_ROOT, stdout=log_path.open("w"), stderr=subprocess.STDOUT)  # noqa: ASYNC220, ASYNC230 - once, before the load
    worker = None
    if separate:
        worker_log = log_path.with_name(f"{log_path.stem}_memory_worker.log")
        worker = subprocess.Popen(  # noqa: ASYNC220 - once, before the load
            memory_worker_command(),
            env=env,
            cwd=REPO_ROOT,
            stdout=worker_log.open("w"),
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    cpu = CpuSplit(proc.pid, worker.pid if worker is not None else None)
    try:
        await wait_ready(base)
        report = await run_load([base], args.users, args.turns, cpu_probe=cpu)
        drain_s = await wait_jobs_drained(url)
        api_s, worker_s = cpu.since_start()
        check = await check_transcripts(url, report.answers)
    finally:
        _stop(proc)
        if worker is not None:
            _stop(worker)
    turns = max(report.requests, 1)
    where = "one `budongsan memory-worker` process" if separate else "in the API processes"
    memory = (
        f"memory worker: {args.memory_worker} ({where}); jobs drained {drain_s:.1f} s after the last turn; "
        f"CPU ms/turn until then: API {api_s * 1000 / turns:.1f}"
        + (f" + memory worker {worker_s * 1000 / turns:.1f}" if separate else "")
    )
    return report, check, memory


async def main(args: argparse.Namespace) -> int:
    server = DatabaseUrl.parse(
        os.environ.get("BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
    )
    url = await prepare_database(server, Settings())
    print(describe_auth_limits())
    print(f"memory worker: {args.memory_worker}")
    results = {variant: await run_variant(variant, url, args) for variant in args.variants}
    passed = True
    for variant, (report, check, memory) in results.items():
        print(f"\n{variant}: HTTP end to end, {args.workers} workers: {report.summary()}")
        print(memory)
        print(check.summary())
        passed &= check.ok and report.server_errors == 0 and report.transport_errors == 0
    if {"stock", "ours"} <= results.keys():
        stock, ours = results["stock"][0], results["ours"][0]
        print(f"\n{'metric':<12}{'stock':>10}{'ours':>10}{'ratio':>16}")
        print(
            f"{'turns/s':<12}{stock.throughput:>10.1f}{ours.throughput:>10.1f}"
            f"{ours.throughput / stock.throughput:>11.2f}x more"
        )
        for p in (50, 99):
            s_ms, o_ms = stock.percentile_ms(p), ours.percentile_ms(p)
            print(f"{f'p{p} ms':<12}{s_ms:>10.0f}{o_ms:>10.0f}{s_ms / o_ms:>11.2f}x less")
    print("PASS" if passed else "FAIL")
    return 0 if passed else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--turns", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--variants",
        nargs="+",
        choices=["stock", "ours"],
        default=["stock", "ours"],
        help="both (default) print the ratios; the pass condition applies to each",
    )
    parser.add_argument(
        "--memory-worker",
        choices=["in-process", "separate"],
        default="in-process",
        help="separate: the API processes' own memory worker off, one `budongsan memory-worker` beside them",
    )
    sys.exit(asyncio.run(main(parser.parse_args())))
