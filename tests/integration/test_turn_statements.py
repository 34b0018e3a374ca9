"""How many statements and transactions one turn costs, REST or a LangGraph run (`runs.wait`, `runs.stream`)
(issue 20: the HTTP turn as lean as the graph).

Every statement the app sends is counted on the client side: SQLAlchemy's engines (the pooled role and
the turn lock) through their `before_cursor_execute` event, the LangGraph checkpointer's psycopg cursors
by wrapping `execute` / `executemany` (one statement per parameter set, as the server runs them). Each is
tagged with who sent it: the graph's own data reads (agents/), the checkpointer, or the turn around them.
The bounds are counts, never timings: a change that adds round trips to every turn fails here.

`pytest -s` prints the statements of one steady-state turn in order (what bench/README.md lists).
"""

from __future__ import annotations

import asyncio
import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import psycopg
import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine

from tests.integration.api_support import (
    API,
    Account,
    api_settings,
    assert_error_shape,
    checkpoint_writes_blocked,
    client_for,
    new_session,
    parse_sse,
    running_app,
    scalar,
    sign_up,
    wait_until,
)

QUERIES = ("강남구 아파트 매매 시세 알려줘", "송파구는?", "서초구는?")
HOUSEKEEPING = re.compile(r"DELETE FROM run_events")
# What the turn itself touches; anything else the pooled role reads during a turn is the graph's data.
TURN_TABLES = re.compile(
    r"\b(chat_sessions|chat_messages|sessions|users|api_keys|memory_jobs|runs|run_events|threads)\b|advisory"
)
# One steady-state turn around the graph: auth, lock, decide + store the question (one statement that also
# checks the owner), store the answer with its memory job, unlock; and the transactions it opens. Before
# issue 20's cuts: 12 statements plus 3 checkpointer reads besides the graph's own, 11 transactions
# (bench/README.md "The HTTP turn").
MAX_TURN_STATEMENTS = 5
MAX_TURN_TRANSACTIONS = 5
# A steady LangGraph run (issue 20): the REST turn's five, plus the thread's owner check under its user's
# lock and the run's row (admission counts, stale runs, thread metadata: one statement) in one transaction,
# the final status, and the one read of the values it answers (`runs.stream`: when its question is stored;
# the end adds its answer to them). Before: wait 19 statements in 15 transactions, stream 16 in 12 (an
# owner check, a metadata write, stale-run recovery and queue counts of their own, a `running` update,
# `runs.join`'s recovery and run-row read before and after the run, the stream's second values read).
MAX_RUN_STATEMENTS = 9
MAX_RUN_TRANSACTIONS = 8


@dataclass
class Statement:
    origin: str  # turn | graph | checkpointer
    sql: str
    transaction: str = ""  # "auto": a transaction of its own; "begin": the first of a BEGIN ... COMMIT


@dataclass
class Recorder:
    statements: list[Statement] = field(default_factory=list)
    transactions: int = 0  # explicit BEGINs, statements run in autocommit, pipelines (one Sync each)
    active: bool = False
    pipelines: dict[int, Any] = field(default_factory=dict)  # psycopg pipelines counted (kept alive)
    _began: bool = False

    def add(self, origin: str, sql: str, count: int = 1, *, transactions: int = 0) -> None:
        if not self.active:
            return
        flat = re.sub(r"\s+", " ", sql).strip()
        if HOUSEKEEPING.search(flat):
            return  # the purge of old stream events on the runs sweep (backend/runs.py), not the turn's
        if origin != "checkpointer" and not TURN_TABLES.search(flat):
            origin = "graph"  # the graph's data reads (listings, prices, statutes)
        opened, self._began = self._began, False
        mark = "auto" if transactions else "begin" if opened else ""
        self.statements.append(Statement(origin, flat, mark))
        self.statements.extend(Statement(origin, flat) for _ in range(count - 1))
        self.transactions += transactions

    def begin(self) -> None:
        if self.active:
            self.transactions += 1
            self._began = True

    def count(self, origin: str) -> int:
        return sum(1 for s in self.statements if s.origin == origin)

    @contextlib.contextmanager
    def recording(self) -> Iterator[None]:
        self.statements.clear()
        self.pipelines.clear()
        self.transactions = 0
        self.active = True
        try:
            yield
        finally:
            self.active = False


@pytest.fixture
def recorder(monkeypatch: pytest.MonkeyPatch) -> Iterator[Recorder]:
    recorder = Recorder()

    def on_execute(conn: Any, cursor: Any, statement: str, params: Any, context: Any, many: bool) -> None:
        recorder.add("turn", statement, transactions=int(_autocommit(conn)))

    def on_begin(conn: Any) -> None:
        if not _autocommit(conn):
            recorder.begin()

    event.listen(Engine, "before_cursor_execute", on_execute)
    event.listen(Engine, "begin", on_begin)

    execute, executemany = psycopg.AsyncCursor.execute, psycopg.AsyncCursor.executemany

    async def counted_execute(self: psycopg.AsyncCursor[Any], query: Any, *args: Any, **kwargs: Any) -> Any:
        recorder.add("checkpointer", _psycopg_sql(query), transactions=_psycopg_transactions(recorder, self))
        return await execute(self, query, *args, **kwargs)

    async def counted_executemany(
        self: psycopg.AsyncCursor[Any], query: Any, params_seq: Any, *args: Any, **kwargs: Any
    ) -> Any:
        params = list(params_seq)
        transactions = _psycopg_transactions(recorder, self)
        recorder.add("checkpointer", _psycopg_sql(query), len(params), transactions=transactions)
        return await executemany(self, query, params, *args, **kwargs)

    monkeypatch.setattr(psycopg.AsyncCursor, "execute", counted_execute)
    monkeypatch.setattr(psycopg.AsyncCursor, "executemany", counted_executemany)
    try:
        yield recorder
    finally:
        event.remove(Engine, "before_cursor_execute", on_execute)
        event.remove(Engine, "begin", on_begin)


def _psycopg_sql(query: Any) -> str:
    return query if isinstance(query, str) else str(getattr(query, "_obj", query))


def _autocommit(conn: Any) -> bool:
    """SQLAlchemy's asyncpg adapter runs AUTOCOMMIT connections (the turn lock's) without BEGIN."""
    return bool(getattr(conn.connection.dbapi_connection, "autocommit", False))


def _psycopg_transactions(recorder: Recorder, cursor: psycopg.AsyncCursor[Any]) -> int:
    """A statement outside a transaction block is a transaction of its own, but in a pipeline, where
    everything up to the pipeline's Sync is one (how the saver writes a checkpoint)."""
    conn = cursor.connection
    if not conn.autocommit or conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
        return 0
    pipeline = conn._pipeline
    if pipeline is None:
        return 1
    if id(pipeline) in recorder.pipelines:
        return 0
    recorder.pipelines[id(pipeline)] = pipeline
    return 1


@pytest.fixture(scope="module")
async def app(db_url, test_settings, loaded_engine):
    # No memory worker: its jobs are drained off the turn, by another process in production.
    # The runs heartbeat and sweep (backend/runs.py) every few seconds are not the turn's: pushed past the
    # test, so the stale-run checks a run request makes itself are counted.
    settings = api_settings(
        test_settings, db_url, memory_worker_enabled=False, langgraph_run_heartbeat_s=600.0
    )
    async with running_app(settings) as app:
        yield app


async def test_a_steady_rest_turn_stays_within_its_statement_budget(app, recorder: Recorder) -> None:
    async with client_for(app) as client:
        account = await sign_up(client)
        session_id = await new_session(client, account)
        url = f"{API}/chat/sessions/{session_id}/messages"
        for query in QUERIES[:2]:  # warm up: the chat has a history and a checkpoint to continue
            response = await client.post(url, json={"content": query}, headers=account.headers)
            assert response.status_code == 200, response.text
        with recorder.recording():
            response = await client.post(url, json={"content": QUERIES[2]}, headers=account.headers)
        assert response.status_code == 200, response.text
        assert response.json()["assistant_message"]["content"]
    _check_budget(recorder, MAX_TURN_STATEMENTS, MAX_TURN_TRANSACTIONS)


async def test_a_steady_runs_wait_stays_within_its_statement_budget(app, recorder: Recorder) -> None:
    async with client_for(app) as client:
        account = await sign_up(client)
        url = await _new_thread_runs(client, account)
        for query in QUERIES[:2]:  # warm up, as for the REST turn
            response = await client.post(f"{url}/wait", json=_run_body(query), headers=account.headers)
            assert response.status_code == 200, response.text
        with recorder.recording():
            response = await client.post(f"{url}/wait", json=_run_body(QUERIES[2]), headers=account.headers)
        assert response.status_code == 200, response.text
        messages = response.json()["messages"]
        assert [m["type"] for m in messages] == ["human", "ai"] * 3 and messages[-2]["content"] == QUERIES[2]
    _check_budget(recorder, MAX_RUN_STATEMENTS, MAX_RUN_TRANSACTIONS)


async def test_a_steady_runs_stream_stays_within_its_statement_budget(app, recorder: Recorder) -> None:
    async with client_for(app) as client:
        account = await sign_up(client)
        url = await _new_thread_runs(client, account)
        for query in QUERIES[:2]:
            response = await client.post(f"{url}/stream", json=_run_body(query), headers=account.headers)
            assert response.status_code == 200, response.text
        with recorder.recording():
            response = await client.post(f"{url}/stream", json=_run_body(QUERIES[2]), headers=account.headers)
        assert response.status_code == 200, response.text
        values = [data for event, data in parse_sse(response.text) if event == "values"]
        assert [m["type"] for m in values[0]["messages"]] == ["human", "ai"] * 2 + ["human"]
        assert [m["type"] for m in values[-1]["messages"]] == ["human", "ai"] * 3
        state = await client.get(f"{url.removesuffix('/runs')}/state", headers=account.headers)
        assert state.json()["values"] == values[-1]
    _check_budget(recorder, MAX_RUN_STATEMENTS, MAX_RUN_TRANSACTIONS)


async def _new_thread_runs(client: httpx.AsyncClient, account: Account) -> str:
    created = await client.post("/threads", json={}, headers=account.headers)
    assert created.status_code == 200, created.text
    return f"/threads/{created.json()['thread_id']}/runs"


def _run_body(query: str) -> dict[str, Any]:
    return {"assistant_id": "budongsan", "input": {"messages": [{"type": "human", "content": query}]}}


def _check_budget(recorder: Recorder, max_statements: int, max_transactions: int) -> None:
    """Prints the turn's statements in order (`pytest -s`), then holds it to its bounds."""
    opened = [s for s in recorder.statements if s.origin == "turn" and s.transaction]
    print(
        f"\nstatements: turn {recorder.count('turn')} in {len(opened)} transactions, checkpointer "
        f"{recorder.count('checkpointer')}, graph {recorder.count('graph')}; transactions {recorder.transactions}"
    )
    for number, statement in enumerate(recorder.statements, 1):
        print(f"{number:3d} {statement.origin:12s} {statement.transaction:5s} {statement.sql[:140]}")
    checkpointer_reads = [
        s
        for s in recorder.statements
        if s.origin == "checkpointer" and not s.sql.upper().startswith("INSERT")
    ]
    assert len(checkpointer_reads) == 1, checkpointer_reads  # the graph loading its state, nothing else
    assert recorder.count("turn") <= max_statements
    assert len(opened) <= max_transactions


async def test_another_users_chat_is_404_even_mid_turn_and_nothing_is_stored(app, db_url, engine) -> None:
    """The REST turn checks the owner in its first read under the chat lock, not before it: someone
    else's chat must still be 404 (never 409 `turn_in_progress`, which would tell it exists), busy or not."""
    async with client_for(app) as client:
        owner, intruder = await sign_up(client), await sign_up(client)
        session_id = await new_session(client, owner)
        url = f"{API}/chat/sessions/{session_id}/messages"
        resume = f"{API}/chat/sessions/{session_id}/resume"
        idle = await client.post(url, json={"content": QUERIES[0]}, headers=intruder.headers)
        assert_error_shape(idle, 404, "not_found")
        async with checkpoint_writes_blocked(db_url):
            mid_turn = asyncio.create_task(
                client.post(url, json={"content": QUERIES[0]}, headers=owner.headers)
            )
            await wait_until(lambda: _stored(engine, session_id), 1)
            busy = await client.post(url, json={"content": QUERIES[1]}, headers=intruder.headers)
            assert_error_shape(busy, 404, "not_found")
            paused = await client.post(resume, json={"action": "approve"}, headers=intruder.headers)
            assert_error_shape(paused, 404, "not_found")
            own = await client.post(url, json={"content": QUERIES[1]}, headers=owner.headers)
            assert_error_shape(own, 409, "turn_in_progress")
        assert (await mid_turn).status_code == 200
    assert await _stored(engine, session_id) == 2  # the owner's question and answer only


async def _stored(engine, session_id: str) -> int:
    return await scalar(engine, "SELECT count(*) FROM chat_messages WHERE session_id = :s", s=session_id)
