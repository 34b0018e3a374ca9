"""Scale-out on Postgres (issue 20, item 3), on real servers this module starts itself:

- a primary (pgserver's binaries, free loopback port, like tests/faults) logging every statement;
- a streaming replica made from it with `pg_basebackup -R`, logging every statement too;
- Debian's PgBouncer 1.18 in transaction mode in front of the primary (no prepared statement support).

The app runs with the pooled role (`database_url`) on PgBouncer, the direct role (session locks, LISTEN)
on the primary, the replica for data reads, and `database_pooler=transaction`. Which server ran the data
queries is read from the servers' own statement logs between two marker statements: exact and
immediate, unlike the statistics views, which a backend flushes up to 10 s late. The shared server at
127.0.0.1:5432 is never touched.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
import uvicorn
from langgraph_sdk import get_client
from pydantic import SecretStr
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from backend.context import app_context
from backend.data_import import load_all
from backend.db import DatabaseUrl, create_engine
from backend.migrate import migrate
from backend.replicas import ReadReplicas, Replica
from backend.settings import Settings
from tests.conftest import create_database, data_dir
from tests.faults.conftest import PG_USER, SERVICE_ACCOUNT, PrivatePostgres
from tests.integration.api_support import API, GENEROUS_AUTH_LIMITS, running_app, wait_until
from tests.integration.test_cli import budongsan

pytestmark = pytest.mark.e2e

DATABASE = "budongsan"
MARKET_QUESTIONS = (
    "분당구 시세",
    "분당구 2024년 아파트 매매가 추이",
    "분당 정자동 전세 5억 이하 30평대",
    "분당구 이매동 매매 59㎡ 8억 이하 있나요",
)
LAW_QUESTION = "계약갱신요구권이 뭐예요?"
DATA_TABLES = re.compile(r"\b(apt_trades|apt_rents|law_articles)\b")
# Every statement in the servers' logs (parameters left out: checkpoints would make the log huge).
LOGGING = "log_statement = 'all'\nlog_parameter_max_length = 0\nlog_line_prefix = '%m [%p] %a: '\n"
PGBOUNCER_MISSING = (
    "pgbouncer is not installed: .ci/run installs it (apt-get install pgbouncer); "
    "tests/integration/test_scale_out.py needs Debian's pgbouncer to test transaction pooling"
)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _service_account() -> pwd.struct_passwd | None:
    """Postgres and PgBouncer refuse to run as root: as root, both run as pgserver's account."""
    if os.geteuid() != 0:
        return None
    from pgserver.utils import ensure_user_exists

    return ensure_user_exists(SERVICE_ACCOUNT)


class LoggedPostgres(PrivatePostgres):
    """A private server whose statement log tells which queries ran on it."""

    def enable_statement_log(self) -> None:
        with (self.pgdata / "postgresql.conf").open("a") as conf:
            conf.write(LOGGING)

    def clone(self, primary: PrivatePostgres) -> None:
        """A streaming replica of `primary`: `pg_basebackup -R` writes standby.signal and primary_conninfo
        (the base backup carries the primary's configuration, statement logging included)."""
        self._account = _service_account()
        if self._account is not None:
            os.chown(self.root, self._account.pw_uid, self._account.pw_gid)
        self._run(
            "pg_basebackup",
            *("-h", "127.0.0.1", "-p", str(primary.port), "-U", PG_USER),
            *("-D", str(self.pgdata), "-R", "-X", "stream", "-c", "fast"),
        )

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace")

    async def mark(self) -> str:
        """A statement that shows in this server's log: what ran after it is logged after it."""
        marker = f"marker-{uuid.uuid4().hex}"
        conn = await asyncpg.connect(self.url(DATABASE).libpq)
        try:
            await conn.execute(f"SELECT '{marker}'")
        finally:
            await conn.close()
        return marker

    def statements_between(self, start: str, end: str) -> list[str]:
        """The logged statements between two markers, one string each (a statement spans lines)."""
        log = self.log_text()
        section = log[log.index(start) : log.index(end)]
        entries = re.split(r"\n(?=\d{4}-\d\d-\d\d )", section)
        return [e for e in entries if re.search(r"LOG:\s+(statement|execute [^:]*):", e)]


class Pgbouncer:
    """Debian's pgbouncer in transaction mode in front of one server, in a directory of its own."""

    def __init__(self, server_port: int) -> None:
        binary = shutil.which("pgbouncer") or shutil.which("pgbouncer", path="/usr/sbin:/usr/bin")
        if binary is None:
            pytest.fail(PGBOUNCER_MISSING)
        self.binary = binary
        self.port = _free_port()
        self.root = Path(tempfile.mkdtemp(prefix="budongsan-pgbouncer-"))
        self.log_path = self.root / "pgbouncer.log"
        self.account = _service_account()
        self.config = self.root / "pgbouncer.ini"
        (self.root / "userlist.txt").write_text(f'"{PG_USER}" ""\n')
        self.config.write_text(
            "[databases]\n"
            f"{DATABASE} = host=127.0.0.1 port={server_port} dbname={DATABASE}\n"
            # Two server connections: the control that named prepared statements fail here.
            f"pair = host=127.0.0.1 port={server_port} dbname={DATABASE} pool_size=2\n"
            "[pgbouncer]\n"
            f"listen_addr = 127.0.0.1\nlisten_port = {self.port}\nunix_socket_dir =\n"
            f"auth_type = trust\nauth_file = {self.root / 'userlist.txt'}\n"
            f"admin_users = {PG_USER}\n"
            "pool_mode = transaction\ndefault_pool_size = 20\nmax_client_conn = 500\n"
            f"logfile = {self.log_path}\npidfile = {self.root / 'pgbouncer.pid'}\n"
        )
        if self.account is not None:
            for path in (self.root, *self.root.iterdir()):
                os.chown(path, self.account.pw_uid, self.account.pw_gid)
        self.proc: subprocess.Popen[bytes] | None = None

    def url(self, database: str = DATABASE) -> DatabaseUrl:
        return DatabaseUrl.parse(f"postgresql://{PG_USER}@127.0.0.1:{self.port}/{database}")

    def start(self) -> None:
        as_user = ["-u", self.account.pw_name] if self.account is not None else []
        self.proc = subprocess.Popen(
            [self.binary, *as_user, str(self.config)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 20
        while True:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port), 0.5):
                return
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"pgbouncer did not start:\n{self.log_tail()}")
            time.sleep(0.05)

    def stop(self) -> None:
        """SIGTERM: PgBouncer's immediate shutdown, every client connection is closed."""
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)

    def show(self, what: str, psql: Path) -> list[dict[str, str]]:
        """`SHOW <what>` on the admin console (simple query protocol only, hence psql)."""
        console = ["-h", "127.0.0.1", "-p", str(self.port), "-U", PG_USER, "-d", "pgbouncer"]
        done = subprocess.run(
            [str(psql), *console, "-A", "-F", "\t", "-P", "footer=off", "-c", f"SHOW {what}"],
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        )
        header, *rows = done.stdout.strip().splitlines()
        names = header.split("\t")
        return [dict(zip(names, row.split("\t"), strict=True)) for row in rows]

    def log_tail(self, chars: int = 3000) -> str:
        with contextlib.suppress(OSError):
            return self.log_path.read_text(errors="replace")[-chars:]
        return ""

    def destroy(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)


def market_subset(folder: Path) -> Path:
    """분당구's sales of 2024–2025, its 2025 rents and the statutes: what the questions ask about."""
    source = data_dir()
    wanted = [
        *sorted((source / "law").glob("*.md")),
        *(source / "transactions" / f"bundang_apt_trade_{year}.csv" for year in (2024, 2025)),
        source / "transactions" / "bundang_apt_rent_2025.csv",
    ]
    for path in wanted:
        link = folder / path.relative_to(source)
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(path)
    return folder


@pytest.fixture(scope="module")
async def primary(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[LoggedPostgres]:
    server = LoggedPostgres()
    try:
        server.init()
        server.enable_statement_log()
        server.start()
        url = await create_database(server.url(), DATABASE)
        engine = create_engine(url, Settings(database_url=None))
        try:
            await migrate(engine, url)  # on the primary itself, as an operator does (README)
            await load_all(engine, market_subset(tmp_path_factory.mktemp("data")), progress=False)
        finally:
            await engine.dispose()
        yield server
    finally:
        server.destroy()


async def rows_of(url: DatabaseUrl, table: str) -> int:
    conn = await asyncpg.connect(url.libpq)
    try:
        return await conn.fetchval(f"SELECT count(*) FROM {table}")
    finally:
        await conn.close()


@pytest.fixture(scope="module")
async def replica(primary: LoggedPostgres) -> AsyncIterator[LoggedPostgres]:
    server = LoggedPostgres()
    try:
        server.clone(primary)
        server.start()
        expected = await rows_of(primary.url(DATABASE), "apt_trades")
        await wait_until(lambda: rows_of(server.url(DATABASE), "apt_trades"), expected)
        yield server
    finally:
        server.destroy()


@pytest.fixture(scope="module")
def bouncer(primary: LoggedPostgres) -> Iterator[Pgbouncer]:
    pooler = Pgbouncer(primary.port)
    try:
        pooler.start()
        yield pooler
    finally:
        pooler.destroy()


@pytest.fixture(scope="module")
async def app(test_settings: Settings, primary: LoggedPostgres, replica: LoggedPostgres, bouncer: Pgbouncer):
    settings = test_settings.model_copy(
        update={
            "database_url": SecretStr(bouncer.url().libpq),
            "direct_database_url": SecretStr(primary.url(DATABASE).libpq),
            "database_replica_urls": SecretStr(replica.url(DATABASE).libpq),
            "database_pooler": "transaction",
            "replica_check_s": 0.2,
            "db_connect_timeout_s": 2.0,
            "tool_cache_entries": 0,  # every market turn queries, so each shows in a log
            "langgraph_run_poll_s": 0.05,
            **GENEROUS_AUTH_LIMITS,
        }
    )
    async with running_app(settings) as app:
        yield app


@pytest.fixture(scope="module")
async def base_url(app: Any) -> AsyncIterator[str]:
    """The app served by uvicorn on a loopback port (the LangGraph SDK speaks HTTP, not ASGI)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, lifespan="off", log_level="warning"))
    task = asyncio.create_task(server.serve(sockets=[sock]))
    try:
        async with asyncio.timeout(30):
            while not server.started:  # noqa: ASYNC110  (uvicorn offers no event to wait on)
                await asyncio.sleep(0.02)
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        await asyncio.wait_for(task, 10)


@pytest.fixture
async def http(base_url: str) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=base_url, timeout=60) as client:
        yield client


async def sign_up(http: httpx.AsyncClient) -> dict[str, str]:
    email = f"scale-{uuid.uuid4().hex[:10]}@example.com"
    password = "correct-horse-battery"
    created = await http.post(f"{API}/auth/register", json={"email": email, "password": password})
    assert created.status_code == 201, created.text
    token = await http.post(f"{API}/auth/token", data={"username": email, "password": password})
    assert token.status_code == 200, token.text
    return {"Authorization": f"Bearer {token.json()['access_token']}"}


async def new_chat(http: httpx.AsyncClient, auth: dict[str, str]) -> str:
    created = await http.post(f"{API}/chat/sessions", json={}, headers=auth)
    assert created.status_code == 201, created.text
    return created.json()["session_id"]


async def ask(http: httpx.AsyncClient, auth: dict[str, str], chat: str, question: str) -> dict[str, Any]:
    """One JSON turn, answered with every plan step completed (a failed tool step is a degraded answer)."""
    response = await http.post(
        f"{API}/chat/sessions/{chat}/messages", json={"content": question}, headers=auth
    )
    assert response.status_code == 200, response.text
    answer = response.json()["assistant_message"]
    assert answer["content"]
    plan = (answer["structured_data"] or {}).get("plan", [])
    assert plan and all(step["status"] == "completed" for step in plan), plan
    return answer


async def user_turns(http: httpx.AsyncClient, questions: tuple[str, ...]) -> list[dict[str, Any]]:
    auth = await sign_up(http)
    chat = await new_chat(http, auth)
    return [await ask(http, auth, chat, q) for q in questions]


async def readiness(http: httpx.AsyncClient) -> dict[str, Any]:
    response = await http.get("/readyz")
    assert response.status_code == 200, response.text
    return response.json()["checks"]


async def langgraph_client(http: httpx.AsyncClient, base_url: str) -> Any:
    auth = await sign_up(http)
    key = await http.post(f"{API}/users/me/api-keys", json={"name": "scale-out"}, headers=auth)
    assert key.status_code == 201, key.text
    return get_client(url=base_url, api_key=key.json()["key"])


def human(content: str) -> dict[str, Any]:
    return {"messages": [{"type": "human", "content": content}]}


def xacts(bouncer: Pgbouncer, psql: Path) -> int:
    return sum(
        int(row["total_xact_count"]) for row in bouncer.show("STATS", psql) if row["database"] == DATABASE
    )


# --- the tests ------------------------------------------------------------------------------------


async def test_turns_chats_runs_and_resumable_streams_work_through_pgbouncer_in_transaction_mode(
    http: httpx.AsyncClient,
    base_url: str,
    bouncer: Pgbouncer,
    primary: LoggedPostgres,
    test_settings: Settings,
):
    psql = primary.bin / "psql"
    assert {row["pool_mode"] for row in bouncer.show("POOLS", psql) if row["database"] == DATABASE} == {
        "transaction"
    }
    before = xacts(bouncer, psql)

    # several chats at once, two turns each
    answers = await asyncio.gather(*(user_turns(http, MARKET_QUESTIONS[i : i + 2]) for i in range(3)))
    assert sum(len(turns) for turns in answers) == 6

    # a LangGraph API run, and a resumable stream joined again from its first event
    client = await langgraph_client(http, base_url)
    thread = (await client.threads.create())["thread_id"]
    waited = await client.runs.wait(thread, "budongsan", input=human(MARKET_QUESTIONS[0]))
    assert waited["messages"][-1]["type"] == "ai" and waited["messages"][-1]["content"]
    created: list[dict[str, Any]] = []
    streamed = [
        part
        async for part in client.runs.stream(
            thread,
            "budongsan",
            input=human(MARKET_QUESTIONS[1]),
            stream_mode=["values", "updates"],
            stream_resumable=True,
            on_run_created=created.append,
        )
    ]
    assert streamed[-1].event == "values" and streamed[-1].data["messages"][-1]["type"] == "ai"
    rejoined = [
        part
        async for part in client.runs.join_stream(
            thread, created[0]["run_id"], stream_mode=["values", "updates"], last_event_id="0"
        )
    ]
    assert [p.event for p in rejoined][-3:] == [p.event for p in streamed][-3:]
    assert rejoined[-1].data == streamed[-1].data

    # all of it went through PgBouncer (the pooled role); nothing was refused there
    assert xacts(bouncer, psql) > before
    assert "prepared statement" not in bouncer.log_tail(100_000)

    # control: the same engine with prepared statements on fails behind this PgBouncer, so the setting is
    # what makes the pooled role work. A statement cached in one transaction is executed again in the
    # next, which PgBouncer gives another server connection (the first is held by someone else).
    assert "prepared statement" in (await _second_execution_error(bouncer, test_settings, "none") or "")
    assert await _second_execution_error(bouncer, test_settings, "transaction") is None


async def _second_execution_error(bouncer: Pgbouncer, settings: Settings, pooler: str) -> str | None:
    """One query run twice on one connection through the two-server pool `pair`, its first server held
    by another client in between: the error of the second run, or None."""
    query = text("SELECT count(*) FROM apt_trades WHERE sigungu_code = :code")
    engine = create_engine(bouncer.url("pair"), settings.model_copy(update={"database_pooler": pooler}))
    holder = await asyncpg.connect(bouncer.url("pair").libpq, statement_cache_size=0)
    try:
        async with engine.connect() as conn:
            await conn.execute(query, {"code": "41135"})
            await conn.commit()  # its server goes back to PgBouncer, the statement stays there
            await holder.execute("BEGIN; SELECT 1")  # that server (reused first) is now held
            try:
                await conn.execute(query, {"code": "41135"})
            except DBAPIError as exc:
                return str(exc.orig)
            return None
    finally:
        await holder.close()
        await engine.dispose()


async def test_market_and_statute_reads_run_on_the_replica_and_writes_on_the_primary(
    app: Any, http: httpx.AsyncClient, primary: LoggedPostgres, replica: LoggedPostgres
):
    replica_name = replica.url(DATABASE).where
    await wait_until(lambda: _reads(http), replica_name)
    start = (await primary.mark(), await replica.mark())
    await user_turns(http, (*MARKET_QUESTIONS[:3], LAW_QUESTION))
    end = (await primary.mark(), await replica.mark())

    on_replica = replica.statements_between(start[1], end[1])
    on_primary = primary.statements_between(start[0], end[0])
    replica_reads = [s for s in on_replica if DATA_TABLES.search(s)]
    assert len([s for s in replica_reads if "apt_" in s]) >= 3, on_replica
    assert any("law_articles" in s for s in replica_reads), on_replica
    assert all("budongsan-replica-read" in s for s in replica_reads)
    # the primary logged this user's writes (so its log works) and not one data read
    assert any("chat_messages" in s for s in on_primary) and any("checkpoint" in s for s in on_primary)
    assert [s for s in on_primary if DATA_TABLES.search(s)] == []
    assert app_context(app).replicas.fallbacks == 0


async def _reads(http: httpx.AsyncClient) -> str:
    return (await readiness(http))["reads"]


async def test_lag_is_measured_by_wal_position_so_an_idle_primary_keeps_its_replica_and_a_paused_one_is_left(
    primary: LoggedPostgres, replica: LoggedPostgres, test_settings: Settings
):
    primary_engine = create_engine(primary.url(DATABASE), test_settings)
    replica_url = replica.url(DATABASE)
    reads = ReadReplicas(
        primary_engine,
        [Replica(replica_url, create_engine(replica_url, test_settings))],
        max_lag_s=0.5,
        check_s=60,  # checked by hand below
        timeout_s=5,
    )
    (standby,) = reads.replicas
    try:
        # nothing committed for longer than the bound: the last replayed commit is old, the replica is not
        await wait_until(lambda: _replay_age_over(replica, 1.0), True)
        await reads.check()
        assert (standby.state, standby.lag_s, reads.chosen()) == ("ok", 0.0, standby)

        # replay paused, a commit on the primary: past the bound it is left, and reads go to the primary
        await _on(replica, "SELECT pg_wal_replay_pause()")
        await _on(primary, "CREATE TABLE lag_probe (id int)")
        await asyncio.sleep(0.6)
        await reads.check()
        assert standby.state == "lagging" and standby.lag_s is not None and standby.lag_s > 0.5
        assert reads.chosen() is None
        async with reads.connect() as conn:
            assert conn.node == "primary"
            assert await conn.scalar(text("SELECT to_regclass('lag_probe') IS NOT NULL"))

        # resumed: caught up again, used again after its rejoin checks (no switching back and forth)
        await _on(replica, "SELECT pg_wal_replay_resume()")
        await wait_until(lambda: rows_of(replica_url, "pg_class WHERE relname = 'lag_probe'"), 1)
        await reads.check()
        assert (standby.state, standby.lag_s, reads.chosen()) == ("ok", 0.0, None)
        await reads.check()
        assert reads.chosen() is standby
        async with reads.connect() as conn:
            assert conn.node == replica_url.where
    finally:
        await _on(replica, "SELECT pg_wal_replay_resume()")
        await _on(primary, "DROP TABLE IF EXISTS lag_probe")
        await reads.stop()
        await primary_engine.dispose()


async def _replay_age_over(server: LoggedPostgres, seconds: float) -> bool:
    age = await _on(server, "SELECT extract(epoch FROM now() - pg_last_xact_replay_timestamp())")
    return age is not None and float(age) > seconds


async def _on(server: LoggedPostgres, sql: str) -> Any:
    conn = await asyncpg.connect(server.url(DATABASE).libpq)
    try:
        return await conn.fetchval(sql)
    finally:
        await conn.close()


async def test_a_replica_failing_mid_query_or_stopping_mid_run_leaves_reads_on_the_primary(
    app: Any, http: httpx.AsyncClient, primary: LoggedPostgres, replica: LoggedPostgres
):
    replica_name = replica.url(DATABASE).where
    await wait_until(lambda: _reads(http), replica_name)
    reads = app_context(app).replicas
    assert reads is not None
    total = await rows_of(primary.url(DATABASE), "apt_trades")

    # users keep asking while the replica goes away
    done: list[dict[str, Any]] = []
    stop = asyncio.Event()

    async def keep_asking(offset: int) -> None:
        auth = await sign_up(http)
        chat = await new_chat(http, auth)
        i = offset
        while not stop.is_set():
            done.append(await ask(http, auth, chat, MARKET_QUESTIONS[i % len(MARKET_QUESTIONS)]))
            i += 1

    users = [asyncio.create_task(keep_asking(i)) for i in range(3)]
    await wait_until(lambda: _at_least(done, 3), True, timeout_s=60)

    # a statement running on the replica when it stops: repeated on the primary, same result
    marker = await primary.mark()
    async with reads.connect() as conn:
        assert conn.node == replica_name
        slow = asyncio.create_task(conn.execute(text("SELECT pg_sleep(5), count(*) FROM apt_trades")))
        await wait_until(lambda: _running_on(replica, "pg_sleep(5)"), True)
        replica.stop("fast")
        assert (await slow).one()[1] == total
        assert conn.node == "primary"
    after_stop = len(done)
    await wait_until(lambda: _at_least(done, after_stop + 6), True, timeout_s=90)
    stop.set()
    await asyncio.gather(*users)  # any failed turn fails the test here

    checks = await readiness(http)  # ready, reading from the primary, the replica reported down
    assert checks["database"] == "ok" and checks["reads"] == "primary"
    assert [(r["replica"], r["state"], r["in_use"]) for r in checks["replicas"]] == [
        (replica_name, "down", False)
    ]
    end = await primary.mark()
    assert any(DATA_TABLES.search(s) for s in primary.statements_between(marker, end))
    assert reads.fallbacks >= 1

    # back, it rejoins after its checks
    replica.start()
    await wait_until(lambda: _reads(http), replica_name, timeout_s=30)


async def _at_least(items: list[Any], n: int) -> bool:
    return len(items) >= n


async def _running_on(server: LoggedPostgres, fragment: str) -> bool:
    conn = await asyncpg.connect(server.url(DATABASE).libpq)
    try:
        return bool(
            await conn.fetchval(
                "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE $1 "
                "AND pid <> pg_backend_pid()",
                f"%{fragment}%",
            )
        )
    finally:
        await conn.close()


async def test_turns_work_again_right_after_pgbouncer_restarts(
    http: httpx.AsyncClient, base_url: str, bouncer: Pgbouncer
):
    """A restart closes every pooled connection. The first turn after it meets the checkpointer pool's
    dead connections: the first failed check sweeps the rest in the background (IdleCheck._sweep), so the
    turn is answered instead of waiting out psycopg_pool's 1 s, 2 s ... backoff per dead connection."""
    auth = await sign_up(http)
    chat = await new_chat(http, auth)
    client = await langgraph_client(http, base_url)
    await ask(http, auth, chat, MARKET_QUESTIONS[0])

    bouncer.stop()
    bouncer.start()

    turn_id = str(uuid.uuid4())
    first = await _post_turn(http, auth, chat, MARKET_QUESTIONS[1], turn_id)
    assert first.status_code == 200, first.text
    for question in MARKET_QUESTIONS[2:]:
        await ask(http, auth, chat, question)
    thread = (await client.threads.create())["thread_id"]
    waited = await client.runs.wait(thread, "budongsan", input=human(MARKET_QUESTIONS[0]))
    assert waited["messages"][-1]["type"] == "ai"
    assert (await readiness(http))["database"] == "ok"


async def _post_turn(
    http: httpx.AsyncClient, auth: dict[str, str], chat: str, question: str, turn_id: str
) -> httpx.Response:
    return await http.post(
        f"{API}/chat/sessions/{chat}/messages", json={"content": question, "turn_id": turn_id}, headers=auth
    )


async def test_the_migration_every_start_runs_can_repeat_through_pgbouncer(bouncer: Pgbouncer):
    """`budongsan serve` migrates at every start over the pooled URL; LangGraph's table setup used to
    prepare statements, so a second process starting behind PgBouncer failed with "_pg3_0 already exists"."""
    url = bouncer.url()
    for _ in range(3):
        engine = create_engine(url, Settings(database_url=None, database_pooler="transaction"))
        try:
            await migrate(engine, url)
        finally:
            await engine.dispose()


async def test_budongsan_db_lists_each_replica_with_its_state_and_lag(
    primary: LoggedPostgres, replica: LoggedPostgres, tmp_path: Path
):
    """The operator's view: `budongsan db` checks the configured replicas once and says where data
    reads would go; one that answers nothing is shown down, never fails the command."""
    urls = f"{replica.url(DATABASE).libpq},postgresql://postgres@127.0.0.1:1/{DATABASE}"
    run = await budongsan(
        "db", database_url=primary.url(DATABASE).libpq, cwd=tmp_path, database_replica_urls=urls
    )
    assert run.code == 0, run.err
    assert re.search(r"^replicas   data reads go to \S+ \(max lag 30 s\)$", run.out, re.M), run.out
    # fresh from pg_basebackup, the replica is either caught up or a few records behind: said either way
    replica_line = rf"^  {re.escape(replica.url(DATABASE).where)}  (ok|lagging), lag (\S+ s|unknown)"
    assert re.search(replica_line, run.out, re.M), run.out
    assert f"  127.0.0.1:1/{DATABASE}  down, lag unknown" in run.out
