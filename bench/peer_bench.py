"""budongsan against the servers people would pick instead, driven by one client: `langgraph-sdk`.

One run drives, on loopback and one PostgreSQL server, each of these; every workload step takes each server in
turn, one process at a time (started, warmed up, measured, stopped):

- **budongsan** (`budongsan serve`, its LangGraph surface; API key auth on, rate limits and throttles off);
- **Aegra** (`aegra-api` from PyPI, in its own virtualenv; auth off by default, local executor, Postgres);
- **`langgraph dev`** (`langgraph-cli[inmem]`, its own virtualenv; in-memory: not a production server).

Two series. **Same graph**: all three serve agents/echo_graph.py (one node, stock `messages` pattern;
budongsan with `BUDONGSAN_GRAPH=echo`), so the difference is server overhead. **Real workload**: budongsan's
own assistant graph (planning, data tools over Postgres, templated answer, memory job) against the peers'
echo figures of the same run — budongsan's turn does far more there.

Workloads (each on fresh threads): N users each in their own thread × M turns at concurrency 1 / 8 / 32, with
`runs.wait` and with `runs.stream`; one long thread (latency at turn 10 / 100 / 500, checkpoint bytes); double
texting (two runs started at once on one thread, with the default strategy and with `reject`: interleaved,
409 or queued). A peer that fails to start or errors is reported and skipped, never fatal.

    python bench/peer_bench.py --aegra-python /tmp/peerbench/aegra/bin/python \\
        --langgraph /tmp/peerbench/lgdev/bin/langgraph

The peers' virtualenvs are made by hand (bench/README.md, "Against other servers"); without one, that peer is skipped.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import os
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import asyncpg
import httpx
from langgraph_sdk import get_client
from langgraph_sdk.client import LangGraphClient

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from backend.db import DatabaseUrl
from bench.loaded_db import drop_database, prepare_database

REPO_ROOT = Path(__file__).resolve().parent.parent
ECHO_GRAPH = REPO_ROOT / "bench" / "echo_peer_graph.py"
DB_PREFIX = "bench_peer_"
PASSWORD = "peer-bench-pw-1"
REAL_QUERIES = [
    "대치동 은마 84㎡ 2024년 시세",
    "연봉 8천에 6억 아파트 대출 얼마나 나와?",
    "전세 갱신요구권 몇 번 쓸 수 있어?",
]
ECHO_REPLY = re.compile(r"^echo (\d+): ")
STARTUP_TIMEOUT_S = 120

# budongsan's limits for the bench, set explicitly and printed: no rate limit, no sign-in throttles; the
# quotas stay at values this load never reaches.
BUDONGSAN_BENCH_SETTINGS = {
    "BUDONGSAN_RATE_LIMIT_PER_MINUTE": "0",
    "BUDONGSAN_LOGIN_FAILURES_PER_ACCOUNT": "0",
    "BUDONGSAN_LOGIN_ATTEMPTS_PER_IP": "0",
    "BUDONGSAN_REGISTER_ATTEMPTS_PER_ACCOUNT": "0",
    "BUDONGSAN_REGISTER_ATTEMPTS_PER_IP": "0",
    "BUDONGSAN_PASSWORD_HASH_WAIT_S": "120",
    "BUDONGSAN_QUOTA_RUNNING_TURNS_PER_USER": "4",
    "BUDONGSAN_QUOTA_QUEUED_RUNS_PER_USER": "20",
    "BUDONGSAN_QUOTA_MESSAGES_PER_CHAT": "10000",
    "BUDONGSAN_LOG_LEVEL": "WARNING",
}


class PeerError(RuntimeError):
    """A server that did not start or stopped answering: reported, and the bench goes on."""


# --- servers -----------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def package_versions(python: str, names: list[str]) -> str:
    """Installed versions in another interpreter (the peers' virtualenvs)."""
    code = (
        "import importlib.metadata as m, sys\n"
        f"names = {names!r}\n"
        "print(sys.version.split()[0], *[n + ' ' + m.version(n) for n in names], sep=', ')"
    )
    done = subprocess.run([python, "-c", code], capture_output=True, text=True, timeout=60)
    return done.stdout.strip() if done.returncode == 0 else f"unknown ({done.stderr.strip()[-200:]})"


@dataclass
class Server:
    """One running server process (its own process group) and how to talk to it."""

    name: str
    label: str
    graph: str  # "echo" | "assistant"
    assistant_id: str
    port: int
    proc: subprocess.Popen
    log_path: Path
    ready_path: str
    fairness: dict[str, str]
    database: DatabaseUrl | None  # None: in-memory
    api_keys: list[str | None] = field(default_factory=list)  # one per simulated user

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def client(self, user: int) -> LangGraphClient:
        key = self.api_keys[user] if user < len(self.api_keys) else None
        return get_client(url=self.base_url, api_key=key, timeout=httpx.Timeout(120, connect=10))

    def log_tail(self, lines: int = 3) -> str:
        """The log's last unindented lines: a traceback's exception, not its frames."""
        text = self.log_path.read_text(errors="replace").splitlines()
        return " | ".join([line for line in text if line.strip() and not line[0].isspace()][-lines:])

    async def wait_ready(self) -> None:
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        async with httpx.AsyncClient(timeout=3) as http:
            while time.monotonic() < deadline:
                if self.proc.poll() is not None:
                    raise PeerError(f"{self.name} exited with {self.proc.returncode}: {self.log_tail()}")
                with contextlib.suppress(httpx.HTTPError):
                    if (await http.get(f"{self.base_url}{self.ready_path}")).status_code == 200:
                        return
                await asyncio.sleep(0.3)
        raise PeerError(f"{self.name} not ready after {STARTUP_TIMEOUT_S} s: {self.log_tail()}")

    def stop(self) -> None:
        """SIGTERM the process group, SIGKILL what is left after 15 s."""
        for sig, wait_s in ((signal.SIGTERM, 15), (signal.SIGKILL, 10)):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, sig)
            try:
                self.proc.wait(timeout=wait_s)
                return
            except subprocess.TimeoutExpired:
                continue

    async def checkpoint_bytes(self, thread_id: str) -> int | None:
        """LangGraph's checkpoint tables for one thread (both Postgres servers use the stock tables)."""
        if self.database is None:
            return None
        conn = await asyncpg.connect(self.database.libpq)
        try:
            total = 0
            for table in ("checkpoints", "checkpoint_blobs", "checkpoint_writes"):
                total += await conn.fetchval(
                    f"SELECT coalesce(sum(pg_column_size(t.*)), 0) FROM {table} t WHERE thread_id = $1",
                    thread_id,
                )
            return int(total)
        finally:
            await conn.close()

    async def transcript_bytes(self, thread_id: str) -> int | None:
        """budongsan keeps the transcript in chat_messages, beside the checkpoints."""
        if self.name != "budongsan" or self.database is None:
            return None
        conn = await asyncpg.connect(self.database.libpq)
        try:
            return int(
                await conn.fetchval(
                    "SELECT coalesce(sum(pg_column_size(m.*)), 0) FROM chat_messages m WHERE session_id = $1",
                    uuid.UUID(thread_id),
                )
            )
        finally:
            await conn.close()


def _spawn(cmd: list[str], env: dict[str, str], cwd: Path, log_path: Path) -> subprocess.Popen:
    with log_path.open("wb") as log:
        return subprocess.Popen(
            cmd, env=env, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )


def _clean_env() -> dict[str, str]:
    drop = ("BUDONGSAN_", "DATABASE_URL", "LANGGRAPH_", "LANGSMITH_", "LANGCHAIN_", "AEGRA_", "POSTGRES_")
    return {k: v for k, v in os.environ.items() if not k.startswith(drop)}


async def start_budongsan(url: DatabaseUrl, graph: str, workers: int, workdir: Path) -> Server:
    port = free_port()
    home = workdir / f"budongsan-{graph}"
    home.mkdir(parents=True, exist_ok=True)
    env = _clean_env() | BUDONGSAN_BENCH_SETTINGS
    env |= {
        "BUDONGSAN_DATABASE_URL": url.libpq,
        "BUDONGSAN_JWT_SECRET": secrets.token_urlsafe(48),
        "BUDONGSAN_HOME": str(home),
        "BUDONGSAN_GRAPH": graph,
    }
    cli = Path(sys.executable).with_name("budongsan")
    cmd = [
        str(cli),
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--no-load",
    ]
    fairness = {
        "auth": "on (a personal API key per user, X-Api-Key)",
        "limits": ", ".join(
            f"{k.removeprefix('BUDONGSAN_').lower()}={v}" for k, v in BUDONGSAN_BENCH_SETTINGS.items()
        ),
        "workers": f"{workers} uvicorn worker(s); memory worker on; durability exit, prune every 25 turns",
        "persistence": "PostgreSQL (checkpoints + chat_messages transcript + runs table)",
        "versions": f"budongsan {metadata.version('budongsan')}, Python {sys.version.split()[0]}, "
        f"langgraph {metadata.version('langgraph')}, langgraph-checkpoint-postgres "
        f"{metadata.version('langgraph-checkpoint-postgres')}",
    }
    server = Server(
        "budongsan", f"budongsan ({graph} graph)", graph, "budongsan", port,
        _spawn(cmd, env, home, home / "server.log"), home / "server.log", "/readyz", fairness, url,
    )  # fmt: skip
    await server.wait_ready()
    return server


async def start_aegra(python: str, url: DatabaseUrl, workers: int, workdir: Path) -> Server:
    port = free_port()
    home = workdir / "aegra"
    home.mkdir(parents=True, exist_ok=True)
    config = home / "aegra.json"
    config.write_text(json.dumps({"graphs": {"echo": f"{ECHO_GRAPH}:graph"}}))
    env = _clean_env() | {
        "AEGRA_CONFIG": str(config),
        "DATABASE_URL": url.libpq,
        "LOG_LEVEL": "WARNING",
        "AUTH_TYPE": "noop",
    }
    cmd = [python, "-m", "uvicorn", "aegra_api.main:app", "--host", "127.0.0.1", "--port", str(port)]
    cmd += ["--workers", str(workers), "--log-level", "warning"]
    fairness = {
        "auth": "off (AUTH_TYPE=noop, Aegra's default)",
        "limits": "none (Aegra has no rate limit)",
        "workers": f"{workers} uvicorn worker(s); local asyncio executor, no Redis; LangGraph's default durability",
        "persistence": "PostgreSQL (same server, own database)",
        "versions": package_versions(python, ["aegra-api", "langgraph", "langgraph-checkpoint-postgres"]),
    }
    log_path = home / "server.log"
    server = Server(
        "aegra",
        "Aegra",
        "echo",
        "echo",
        port,
        _spawn(cmd, env, home, log_path),
        log_path,
        "/health",
        fairness,
        url,
    )
    await server.wait_ready()
    return server


async def start_langgraph_dev(langgraph: str, jobs: int, workdir: Path) -> Server:
    port = free_port()
    home = workdir / "langgraph-dev"
    home.mkdir(parents=True, exist_ok=True)
    config = home / "langgraph.json"
    config.write_text(json.dumps({"dependencies": ["."], "graphs": {"echo": f"{ECHO_GRAPH}:graph"}}))
    env = _clean_env() | {"LANGGRAPH_CLI_NO_ANALYTICS": "1", "LANGSMITH_TRACING": "false"}
    cmd = [langgraph, "dev", "--config", str(config), "--no-browser", "--no-reload", "--host", "127.0.0.1"]
    cmd += ["--port", str(port), "--n-jobs-per-worker", str(jobs), "--server-log-level", "WARNING"]
    python = str(Path(langgraph).with_name("python"))
    fairness = {
        "auth": "off (none in langgraph dev)",
        "limits": "none",
        "workers": f"1 process, --n-jobs-per-worker {jobs}",
        "persistence": "IN-MEMORY (langgraph-runtime-inmem): not a production server, nothing on Postgres",
        "versions": package_versions(
            python, ["langgraph-cli", "langgraph-api", "langgraph-runtime-inmem", "langgraph"]
        ),
    }
    log_path = home / "server.log"
    server = Server(
        "langgraph-dev", "langgraph dev (in-memory)", "echo", "echo", port,
        _spawn(cmd, env, home, log_path), log_path, "/ok", fairness, None,
    )  # fmt: skip
    await server.wait_ready()
    return server


async def create_budongsan_users(server: Server, users: int) -> None:
    """Accounts and personal API keys, made before any clock starts (argon2 is slow on purpose)."""
    api = f"{server.base_url}/api/v1"
    async with httpx.AsyncClient(timeout=60) as http:

        async def one() -> str:
            email = f"peer-{uuid.uuid4().hex[:12]}@bench.invalid"
            created = await http.post(f"{api}/auth/register", json={"email": email, "password": PASSWORD})
            token = await http.post(f"{api}/auth/token", data={"username": email, "password": PASSWORD})
            if created.status_code != 201 or token.status_code != 200:
                raise PeerError(
                    f"sign-up failed: {created.status_code} {token.status_code} {token.text[:200]}"
                )
            auth = {"Authorization": f"Bearer {token.json()['access_token']}"}
            key = await http.post(f"{api}/users/me/api-keys", json={"name": "peer-bench"}, headers=auth)
            if key.status_code != 201:
                raise PeerError(f"api key failed: {key.status_code} {key.text[:200]}")
            return key.json()["key"]

        gate = asyncio.Semaphore(4)

        async def gated() -> str:
            async with gate:
                return await one()

        server.api_keys = list(await asyncio.gather(*(gated() for _ in range(users))))


# --- one turn ----------------------------------------------------------------------------------------


def human(text: str) -> dict[str, Any]:
    return {"messages": [{"type": "human", "content": text}]}


def answer_in(values: Any, text: str, echo: bool) -> str | None:
    """This run's answer in the values a run returned. The echo graph's reply names the question it
    answers; budongsan's `wait` values are the transcript as the response is sent, which may already hold
    the question of a run queued behind this one, so the echo reply is looked for by its question."""
    messages = values.get("messages") if isinstance(values, dict) else None
    for message in reversed(messages or []):
        if message.get("type") != "ai":
            continue
        content = message.get("content")
        if isinstance(content, list):
            content = "".join(p.get("text", "") for p in content if isinstance(p, dict))
        if not echo or str(content).endswith(f": {text}"):
            return str(content)
    return None


def describe_error(exc: BaseException) -> str:
    if isinstance(exc, httpx.HTTPStatusError):
        return str(exc.response.status_code)
    status = getattr(getattr(exc, "response", None), "status_code", None)
    return str(status) if status else type(exc).__name__


async def run_turn(
    client: LangGraphClient, server: Server, thread_id: str, text: str, mode: str, **kwargs: Any
) -> str:
    """One run to its end; returns the answer's text. Raises on an HTTP error or an answer missing."""
    if mode == "wait":
        values = await client.runs.wait(thread_id, server.assistant_id, input=human(text), **kwargs)
        if isinstance(values, dict) and "__error__" in values:
            raise PeerError(f"run failed: {values['__error__']}")
    else:
        values = None
        async for part in client.runs.stream(
            thread_id, server.assistant_id, input=human(text), stream_mode="values", **kwargs
        ):
            if part.event == "error":
                raise PeerError(f"run failed: {part.data}")
            if part.event == "values":
                values = part.data
    answer = answer_in(values, text, server.graph == "echo")
    if not answer:
        raise PeerError("the run ended without an answer")
    return answer


def query_for(server: Server, i: int) -> str:
    return REAL_QUERIES[i % len(REAL_QUERIES)] if server.graph == "assistant" else f"hello {i}"


# --- workloads ---------------------------------------------------------------------------------------


@dataclass
class Point:
    concurrency: int
    mode: str
    latencies_s: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    elapsed_s: float = 0.0
    chats: int = 0
    cpu_s: float | None = None  # the server's processes, user + system, over the point (Linux /proc)
    load: float | None = None  # the machine's 1-minute load average at the point's end

    @property
    def cpu_ms_per_turn(self) -> float:
        if self.cpu_s is None or not self.latencies_s:
            return math.nan
        return self.cpu_s / len(self.latencies_s) * 1000

    @property
    def throughput(self) -> float:
        return len(self.latencies_s) / self.elapsed_s if self.elapsed_s else 0.0

    def pct_ms(self, p: float) -> float:
        ordered = sorted(self.latencies_s)
        return ordered[max(math.ceil(p / 100 * len(ordered)) - 1, 0)] * 1000 if ordered else math.nan

    def row(self) -> str:
        errors = ",".join(f"{k}:{v}" for k, v in sorted(self.errors.items())) or "0"
        return (
            f"{self.mode:<7}{self.concurrency:>5}{len(self.latencies_s):>7}{self.chats:>6}{self.elapsed_s:>8.1f}"
            f"{self.throughput:>9.1f}{self.pct_ms(50):>9.0f}{self.pct_ms(99):>9.0f}"
            f"{self.cpu_ms_per_turn:>10.1f}{self.load if self.load is not None else math.nan:>6.1f}  {errors}"
        )


POINT_HEADER = (
    f"{'mode':<7}{'conc':>5}{'turns':>7}{'chats':>6}{'secs':>8}{'turns/s':>9}{'p50 ms':>9}{'p99 ms':>9}"
    f"{'cpu ms/t':>10}{'load':>6}  errors"
)


def group_cpu_s(pgid: int) -> float | None:
    """CPU seconds (user + system) of the live processes of a process group (a server and its workers),
    from /proc; None where there is no /proc. Children that exited are not counted: none do mid-point."""
    proc = Path("/proc")
    if not proc.is_dir():
        return None
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for stat in proc.glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid:  # pgrp; utime and stime follow at 11 and 12
            total += int(fields[11]) + int(fields[12])
    return total / ticks


async def throughput(server: Server, concurrency: int, mode: str, args: argparse.Namespace) -> Point:
    """`concurrency` users, each in threads of its own of `args.turns` turns, until `args.point_turns` turns
    are done or `args.point_seconds` have passed (a chat already started is finished)."""
    point = Point(concurrency, mode)
    chats_per_user = max(1, math.ceil(args.point_turns / (concurrency * args.turns)))
    clients = [server.client(u) for u in range(concurrency)]
    threads = [
        [(await clients[u].threads.create())["thread_id"] for _ in range(chats_per_user)]
        for u in range(concurrency)
    ]
    deadline = time.monotonic() + args.point_seconds

    async def user(u: int) -> None:
        for thread_id in threads[u]:
            if time.monotonic() > deadline:
                return
            point.chats += 1
            for i in range(args.turns):
                started = time.perf_counter()
                try:
                    await run_turn(clients[u], server, thread_id, query_for(server, i), mode)
                except Exception as exc:
                    key = describe_error(exc)
                    point.errors[key] = point.errors.get(key, 0) + 1
                    continue
                point.latencies_s.append(time.perf_counter() - started)

    started, cpu_before = time.perf_counter(), group_cpu_s(server.proc.pid)
    try:
        await asyncio.gather(*(user(u) for u in range(concurrency)))
        point.elapsed_s = time.perf_counter() - started
        cpu_after = group_cpu_s(server.proc.pid)
        if cpu_before is not None and cpu_after is not None:
            point.cpu_s = cpu_after - cpu_before
        point.load = os.getloadavg()[0]
    finally:
        await asyncio.gather(*(c.aclose() for c in clients))
    return point


@dataclass
class LongThread:
    turns_done: int
    elapsed_s: float
    latency_ms: dict[int, float]  # turn → median of the 10 turns ending there
    checkpoint_bytes: int | None
    transcript_bytes: int | None
    error: str | None = None

    def row(self, marks: list[int]) -> str:
        lat = "".join(f"{self.latency_ms.get(m, math.nan):>10.1f}" for m in marks)
        first, last = self.latency_ms.get(marks[0]), self.latency_ms.get(marks[-1])
        ratio = f"{last / first:>9.2f}x" if first and last else f"{'n/a':>10}"
        cp = (
            f"{self.checkpoint_bytes / 1e6:>11.2f}"
            if self.checkpoint_bytes is not None
            else f"{'in-memory':>11}"
        )
        tr = f"{self.transcript_bytes / 1e6:>8.2f}" if self.transcript_bytes is not None else f"{'-':>8}"
        note = f"  stopped at turn {self.turns_done} after {self.elapsed_s:.0f} s" if self.error else ""
        return f"{lat}{ratio}{cp}{tr}{note}{' (' + self.error + ')' if self.error else ''}"


async def long_thread(server: Server, args: argparse.Namespace) -> LongThread:
    latencies: list[float] = []
    error = None
    async with server.client(0) as client:
        thread_id = (await client.threads.create())["thread_id"]
        started = time.monotonic()
        for i in range(args.long_turns):
            if time.monotonic() - started > args.long_seconds:
                error = f"time cap {args.long_seconds:.0f} s"
                break
            t0 = time.perf_counter()
            try:
                await run_turn(client, server, thread_id, query_for(server, i), "wait")
            except Exception as exc:
                error = f"turn {i + 1}: {describe_error(exc)}"
                break
            latencies.append(time.perf_counter() - t0)
    elapsed = time.monotonic() - started
    marks = {
        m: statistics.median(latencies[m - 10 : m]) * 1000 for m in args.long_marks if len(latencies) >= m
    }
    await asyncio.sleep(1.0)  # budongsan prunes in the background right after a turn; let it finish
    return LongThread(
        len(latencies), elapsed, marks, await server.checkpoint_bytes(thread_id),
        await server.transcript_bytes(thread_id), error,
    )  # fmt: skip


@dataclass
class DoubleTexting:
    strategy: str
    outcomes: dict[str, int] = field(default_factory=dict)  # interleaved | 409 | queued | error:<x>

    def add(self, outcome: str) -> None:
        self.outcomes[outcome] = self.outcomes.get(outcome, 0) + 1

    @property
    def interleaved(self) -> int:
        return self.outcomes.get("interleaved", 0)

    def row(self) -> str:
        rest = {k: v for k, v in self.outcomes.items() if k not in ("interleaved", "409", "queued")}
        extra = "  " + ", ".join(f"{k} {v}" for k, v in sorted(rest.items())) if rest else ""
        counts = "".join(f"{self.outcomes.get(k, 0):>13}" for k in ("interleaved", "409", "queued"))
        return f"{self.strategy:<10}{counts}{extra}"


async def double_texting(server: Server, strategy: str | None, trials: int) -> DoubleTexting:
    """Two runs sent at once on one thread. Both answered with the same turn number (the echo graph counts
    the history it ran on), or a transcript that is not question/answer in turn: they interleaved."""
    result = DoubleTexting(strategy or "default")
    kwargs = {"multitask_strategy": strategy} if strategy else {}
    async with server.client(0) as client:
        for trial in range(trials):
            thread_id = (await client.threads.create())["thread_id"]
            text = query_for(server, trial)

            async def send(tag: str, tid: str = thread_id, text: str = text) -> str | BaseException:
                try:
                    return await run_turn(client, server, tid, f"{text} {tag}", "wait", **kwargs)
                except Exception as exc:
                    return exc

            first, second = await asyncio.gather(send("a"), send("b"))
            answers = [r for r in (first, second) if isinstance(r, str)]
            failures = [describe_error(r) for r in (first, second) if isinstance(r, BaseException)]
            if len(answers) == 2:
                result.add("interleaved" if await _interleaved(client, thread_id, answers) else "queued")
            elif len(answers) == 1 and failures == ["409"]:
                result.add("409")
            else:
                result.add("error:" + "/".join(failures))
    return result


async def _interleaved(client: LangGraphClient, thread_id: str, answers: list[str]) -> bool:
    numbers = [m.group(1) for a in answers if (m := ECHO_REPLY.match(a))]
    if len(numbers) == 2:
        return numbers[0] == numbers[1]
    state = await client.threads.get_state(thread_id)  # the real graph: the transcript must alternate
    kinds = [m.get("type") for m in (state.get("values") or {}).get("messages", [])]
    return kinds != ["human", "ai", "human", "ai"]


# --- one server, all workloads -------------------------------------------------------------------------


@dataclass
class Report:
    server: str
    label: str
    fairness: dict[str, str] = field(default_factory=dict)
    points: list[Point] = field(default_factory=list)
    long: LongThread | None = None
    double: list[DoubleTexting] = field(default_factory=list)
    error: str | None = None

    def point(self, concurrency: int, mode: str = "wait") -> Point | None:
        return next((p for p in self.points if p.concurrency == concurrency and p.mode == mode), None)

    @property
    def interleaved(self) -> int:
        return sum(d.interleaved for d in self.double)

    @property
    def trials(self) -> int:
        return sum(sum(d.outcomes.values()) for d in self.double)


Starter = tuple[str, Callable[[], Awaitable[Server]], int]  # name, start, simulated users to sign up
Work = Callable[["Report", Server], Awaitable[None]]


async def settle(server: Server) -> None:
    """Before the next server's turn: budongsan's memory worker finishes the jobs its load queued (≤ 30 s),
    so that work is charged to budongsan's own points, not to whichever server comes next."""
    if server.name != "budongsan" or server.database is None:
        return
    conn = await asyncpg.connect(server.database.libpq)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if not await conn.fetchval("SELECT count(*) FROM memory_jobs WHERE done_at IS NULL"):
                return
            await asyncio.sleep(0.2)
    finally:
        await conn.close()


async def measure_all(starters: list[Starter], args: argparse.Namespace) -> list[Report]:
    """Each workload step runs on each server in turn (so a change in the shared machine's load falls on
    all of them alike), one server process at a time: started, warmed up, measured, stopped. Only one
    holds Postgres connections at once (the server allows 100, shared with everything else on it). A
    server that fails to start, or fails a step, is recorded in its report and left out of what follows."""
    reports = [Report(name, name) for name, _, _ in starters]
    keys: dict[str, list[str | None]] = {}  # budongsan's users and API keys outlive a server process

    async def session(
        report: Report, start: Callable[[], Awaitable[Server]], users: int, what: str, work
    ) -> None:
        server: Server | None = None
        try:
            server = await start()
            report.label, report.fairness = server.label, server.fairness
            if users and report.server not in keys:
                await create_budongsan_users(server, users)
                keys[report.server] = server.api_keys
            server.api_keys = keys.get(report.server, [])
            async with server.client(0) as warm:
                warm_thread = (await warm.threads.create())["thread_id"]
                for i in range(args.warmup):
                    await run_turn(warm, server, warm_thread, query_for(server, i), "wait")
            await settle(server)
            await work(report, server)
            await settle(server)
        except Exception as exc:
            _failed(report, exc, what)
        finally:
            if server is not None:
                server.stop()

    async def each(what: str, work: Work) -> None:
        for report, (_, start, users) in zip(reports, starters, strict=True):
            if not report.error:
                await session(report, start, users, what, work)

    for concurrency in args.concurrency:
        for mode in ("wait", "stream"):

            async def point(report: Report, server: Server, c: int = concurrency, m: str = mode) -> None:
                report.points.append(await throughput(server, c, m, args))
                print(f"   {report.label:<28}{report.points[-1].row()}", flush=True)

            await each(f"{mode} at concurrency {concurrency}", point)
    if args.long_turns:

        async def long(report: Report, server: Server) -> None:
            report.long = await long_thread(server, args)
            done = report.long
            print(
                f"   {report.label:<28}long thread: {done.turns_done} turns in {done.elapsed_s:.0f} s",
                flush=True,
            )

        await each("long thread", long)
    if args.dt_trials:

        async def double(report: Report, server: Server) -> None:
            for strategy in (None, "reject"):
                report.double.append(await double_texting(server, strategy, args.dt_trials))
                print(f"   {report.label:<28}double texting {report.double[-1].row()}", flush=True)

        await each("double texting", double)
    return reports


def _failed(report: Report, exc: BaseException, during: str = "start") -> None:
    report.error = f"{during}: {type(exc).__name__}: {str(exc)[:400]}"
    print(f"   {report.label} failed ({report.error})", flush=True)


# --- printing ----------------------------------------------------------------------------------------


def print_series(title: str, reports: list[Report], args: argparse.Namespace) -> None:
    print(f"\n#### {title}")
    for r in reports:
        print(f"\n{r.label}")
        for k, v in r.fairness.items():
            print(f"  {k:<12}{v}")
        if r.error:
            print(f"  NOT (fully) MEASURED: {r.error}")
        if r.points:
            print(f"  {POINT_HEADER}")
            for p in r.points:
                print(f"  {p.row()}")
    marks = args.long_marks
    print("\nlong thread (runs.wait, one thread; ms = median of the 10 turns ending at that turn)")
    head = "".join(f"{'turn ' + str(m):>10}" for m in marks)
    print(f"  {'server':<30}{head}{f'{marks[-1]}/{marks[0]}':>10}{'ckpt MB':>11}{'chat MB':>8}")
    for r in reports:
        print(f"  {r.label:<30}{r.long.row(marks) if r.long else '  not measured'}")
    print(f"\ndouble texting (two runs at once on one thread, {args.dt_trials} trials per strategy)")
    print(f"  {'server':<30}{'strategy':<10}{'interleaved':>13}{'409':>13}{'queued':>13}")
    for r in reports:
        for d in r.double:
            print(f"  {r.label:<30}{d.row()}")


def ratio_line(ours: Report, peer: Report, name: str, concurrency: int) -> str:
    a, b = ours.point(concurrency), peer.point(concurrency)
    if a is None or b is None or not a.latencies_s or not b.latencies_s:
        return f"vs {name}: not measured ({peer.error or ours.error or 'no data'})"
    return (
        f"vs {name}: throughput {a.throughput / b.throughput:.2f}×, p99 {b.pct_ms(99) / a.pct_ms(99):.2f}× lower, "
        f"interleaved runs budongsan {ours.interleaved} / {name} {peer.interleaved}"
    )


def print_targets(ours: Report, peers: dict[str, Report], args: argparse.Namespace) -> None:
    c = 8 if 8 in args.concurrency else args.concurrency[0]
    print(f"\ntargets (same graph, runs.wait at concurrency {c}):")
    wanted = {"aegra": 3.0, "langgraph-dev": 1.5}
    a = ours.point(c)
    for name, factor in wanted.items():
        b = peers[name].point(c) if name in peers else None
        if a is None or b is None or not a.latencies_s or not b.latencies_s:
            print(f"  ≥ {factor}× {name}: not measured")
            continue
        got, lower = a.throughput / b.throughput, a.pct_ms(99) < b.pct_ms(99)
        ok = got >= factor and (lower or name != "aegra")
        print(f"  ≥ {factor}× {name}'s throughput{' with lower p99' if name == 'aegra' else ''}: "
              f"{got:.2f}×, p99 {a.pct_ms(99):.0f} vs {b.pct_ms(99):.0f} ms — {'met' if ok else 'NOT met'}")  # fmt: skip
    if ours.long and len(args.long_marks) >= 2:
        first, last = (
            ours.long.latency_ms.get(args.long_marks[0]),
            ours.long.latency_ms.get(args.long_marks[-1]),
        )
        if first and last:
            verdict = "met" if last <= 1.3 * first else "NOT met"
            print(
                f"  turn {args.long_marks[-1]} ≤ 1.3× turn {args.long_marks[0]}: {last / first:.2f}× — {verdict}"
            )
    print(
        f"  0 interleaved runs: {ours.interleaved} of {ours.trials} — {'met' if ours.interleaved == 0 else 'NOT met'}"
    )


# --- main ----------------------------------------------------------------------------------------------


async def main(args: argparse.Namespace) -> int:
    server_url = DatabaseUrl.parse(args.database_url)
    ours_db, aegra_db = f"{DB_PREFIX}budongsan", f"{DB_PREFIX}aegra"
    workdir = Path(tempfile.mkdtemp(prefix="peer_bench_"))
    users = max(args.concurrency)
    print(
        f"peer bench: concurrency {args.concurrency}, {args.turns} turns per thread, ≥{args.point_turns} turns "
        f"or {args.point_seconds:.0f} s per point, long thread {args.long_turns} turns (cap {args.long_seconds:.0f} s), "
        f"double texting {args.dt_trials} trials × 2 strategies, {args.warmup} warm-up turns; machine: "
        f"{os.cpu_count()} cores (shared with PostgreSQL), logs in {workdir}"
    )
    try:
        url = await prepare_database(server_url, ours_db)  # migrated, data loaded (the real series reads it)
        starters: list[Starter] = []
        if "same" in args.series:
            starters.append(("budongsan", lambda: start_budongsan(url, "echo", args.workers, workdir), users))
            if args.aegra_python:
                await drop_database(server_url, aegra_db)
                admin = await asyncpg.connect(server_url.libpq)
                try:
                    await admin.execute(f'CREATE DATABASE "{aegra_db}"')
                finally:
                    await admin.close()
                aegra_url = server_url.with_database(aegra_db)
                starters.append(
                    ("aegra", lambda: start_aegra(args.aegra_python, aegra_url, args.workers, workdir), 0)
                )
            else:
                print("== Aegra: skipped (no --aegra-python)")
            if args.langgraph:
                jobs = max(args.concurrency)
                starters.append(
                    ("langgraph-dev", lambda: start_langgraph_dev(args.langgraph, jobs, workdir), 0)
                )
            else:
                print("== langgraph dev: skipped (no --langgraph)")
        if "real" in args.series:
            real_start = lambda: start_budongsan(url, "assistant", args.workers, workdir)  # noqa: E731
            starters.append(("budongsan-assistant", real_start, users))
        reports = await measure_all(starters, args)
        real = [r for r in reports if r.server == "budongsan-assistant"]
        same = [r for r in reports if r.server != "budongsan-assistant"]
        if same and same[0].server != "budongsan":
            same = []  # the same-graph series needs budongsan's echo server
        if same:
            print_series("same graph: agents/echo_graph.py served by each", same, args)
        if real:
            peers_echo = [r for r in same if r.server != "budongsan"]
            print_series(
                "real workload: budongsan's assistant graph (planning, data tools on Postgres, answer, memory job) "
                "vs the peers' echo graph above — budongsan's turn does far more",
                real + peers_echo,
                args,
            )
        if same:
            ours, peers = same[0], {r.server: r for r in same[1:]}
            print_targets(ours, peers, args)
            c = 8 if 8 in args.concurrency else args.concurrency[0]
            if real and real[0].point(c):
                print(
                    f"\nreal workload (budongsan's assistant graph vs the peer's echo graph), concurrency {c}:"
                )
                for name, peer in peers.items():
                    print(ratio_line(real[0], peer, name, c))
            print(f"\nsame graph, runs.wait at concurrency {c}:")  # the headline: one line per peer, last
            for name, peer in peers.items():
                print(ratio_line(ours, peer, name, c))
    finally:
        if not args.keep:
            for name in (ours_db, aegra_db):
                with contextlib.suppress(Exception):
                    await drop_database(server_url, name)
    return 0


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres"),
    )
    p.add_argument("--aegra-python", help="python of a virtualenv with aegra-api installed (skipped without)")
    p.add_argument(
        "--langgraph", help="`langgraph` of a virtualenv with langgraph-cli[inmem] (skipped without)"
    )
    p.add_argument("--series", nargs="+", choices=["same", "real"], default=["same", "real"])
    p.add_argument("--concurrency", nargs="+", type=int, default=[1, 8, 32])
    p.add_argument("--turns", type=int, default=16, help="turns per thread (M)")
    p.add_argument("--point-turns", type=int, default=256, help="turns per throughput point, at least")
    p.add_argument("--point-seconds", type=float, default=30.0, help="no new thread starts after this")
    p.add_argument("--long-turns", type=int, default=500)
    p.add_argument("--long-marks", nargs="+", type=int, default=[10, 100, 500])
    p.add_argument("--long-seconds", type=float, default=300.0, help="the long thread stops here")
    p.add_argument("--dt-trials", type=int, default=20)
    p.add_argument("--warmup", type=int, default=5)
    p.add_argument("--workers", type=int, default=1, help="server processes for budongsan and Aegra")
    p.add_argument("--keep", action="store_true", help=f"keep the {DB_PREFIX}* databases")
    return p.parse_args(argv)


if __name__ == "__main__":
    sys.exit(asyncio.run(main(parse_args())))
