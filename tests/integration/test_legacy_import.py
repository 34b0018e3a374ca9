"""import-sqlite: legacy files written by the real SqliteSaver and a real graph survive the move intact."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import operator
import sqlite3
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, closing
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, TypedDict

import pytest
from langchain_core.messages import AIMessage, AnyMessage, HumanMessage
from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver
from langgraph.checkpoint.sqlite import SqliteSaver
from langgraph.graph import END, START, StateGraph
from langgraph.graph.message import add_messages
from langgraph.graph.state import CompiledStateGraph
from langgraph.types import Command, interrupt
from sqlalchemy import select, text

from backend.db import session_factory
from backend.legacy_import import (
    UNOWNED,
    LegacyImportError,
    chat_id_for,
    import_legacy,
    legacy_email,
)
from backend.models import ChatMessage, ChatSession, User
from backend.sessions import SessionManager, SessionState

COUNTED_TABLES = (
    "users",
    "sessions",
    "chat_sessions",
    "chat_messages",
    "checkpoints",
    "checkpoint_blobs",
    "checkpoint_writes",
)
NOW = dt.datetime.now(dt.UTC)

# --- a small real graph: parallel lookup + a clarifying interrupt, then an answer -----------------


class State(TypedDict):
    messages: Annotated[list[AnyMessage], add_messages]
    notes: Annotated[list[str], operator.add]


LOOKUPS: list[str] = []


def lookup(state: State) -> dict[str, Any]:
    LOOKUPS.append(state["messages"][-1].content)
    return {"notes": [f"조회: {state['messages'][-1].content}"]}


def clarify(state: State) -> dict[str, Any]:
    budget = interrupt({"type": "clarify", "question": "예산은 얼마인가요?"})
    return {"notes": [f"예산: {budget}"]}


def respond(state: State) -> dict[str, Any]:
    return {"messages": [AIMessage(" / ".join(state["notes"][-2:]))]}


def build_graph(checkpointer: Any) -> CompiledStateGraph:
    builder = StateGraph(State)
    builder.add_node(lookup)
    builder.add_node(clarify)
    builder.add_node(respond)
    builder.add_edge(START, "lookup")
    builder.add_edge(START, "clarify")
    builder.add_edge(["lookup", "clarify"], "respond")
    builder.add_edge("respond", END)
    return builder.compile(checkpointer=checkpointer)


def review(state: State) -> dict[str, Any]:
    choice = interrupt({"type": "contract_approval", "question": "계약서를 검토할까요?"})
    return {"messages": [AIMessage(f"검토: {choice}")]}


def build_team_graph(checkpointer: Any) -> CompiledStateGraph:
    """A parent graph whose node is a subgraph that pauses: its checkpoints live in a namespace."""
    team = StateGraph(State)
    team.add_node(review)
    team.add_edge(START, "review")
    team.add_edge("review", END)
    parent = StateGraph(State)
    parent.add_node("team", team.compile())
    parent.add_edge(START, "team")
    parent.add_edge("team", END)
    return parent.compile(checkpointer=checkpointer)


# --- legacy files --------------------------------------------------------------------------------

SESSIONS_DDL = """
CREATE TABLE sessions (
    session_id TEXT PRIMARY KEY, user_id TEXT NOT NULL, metadata TEXT,
    created_at TIMESTAMP NOT NULL, expires_at TIMESTAMP NOT NULL,
    last_activity TIMESTAMP, request_count INTEGER DEFAULT 0
)
"""


@dataclass(frozen=True)
class Legacy:
    """One legacy installation: ids are unique per test because the test database is shared."""

    dir: Path
    alice: str  # legacy user id (text)
    bob: str  # legacy user id seen only in a thread's run config
    carol: int  # legacy user id stored as INTEGER
    paused: str  # UUID thread = alice's session id: two turns, the second paused at the interrupt
    finished: str  # non-UUID thread of bob's, answered
    orphan: str  # non-UUID thread without any owner
    team: str  # thread of the subgraph graph, paused inside the subgraph
    expired: str  # carol's expired session id

    @property
    def sessions_db(self) -> Path:
        return self.dir / "sessions.db"

    @property
    def checkpoints_db(self) -> Path:
        return self.dir / "checkpoints.db"

    def config(self, thread_id: str) -> dict[str, Any]:
        return {"configurable": {"thread_id": thread_id}}


def _write_sessions_db(legacy: Legacy) -> None:
    naive = "%Y-%m-%d %H:%M:%S"
    rows = [
        (legacy.paused, legacy.alice, json.dumps({"device": "web"}), NOW - dt.timedelta(hours=1),
         NOW + dt.timedelta(days=1), NOW, 7),
        (legacy.expired, legacy.carol, None, NOW - dt.timedelta(days=40),
         NOW - dt.timedelta(days=10), NOW - dt.timedelta(days=11), 3),
    ]  # fmt: skip
    with closing(sqlite3.connect(legacy.sessions_db)) as conn, conn:
        conn.execute(SESSIONS_DDL)
        for sid, user, meta, created, expires, last, count in rows:
            created_text = created.replace(tzinfo=None).strftime(naive)  # naive text means UTC
            conn.execute(
                "INSERT INTO sessions VALUES (?, ?, ?, ?, ?, ?, ?)",
                (sid, user, meta, created_text, expires.isoformat(), last.isoformat(), count),
            )


def _write_checkpoints_db(legacy: Legacy) -> None:
    """Runs the graphs on SqliteSaver as the old app did.

    durability="sync" makes the file deterministic: with the default "async" mode SqliteSaver may
    serialize a checkpoint after the running step has mutated a join channel in place, so the
    stored value disagrees with its channel version. Postgres keys values by version, so such a
    file imports with the version's value (what a live Postgres saver would have stored), and
    an exact-equality test would flake.
    """
    with SqliteSaver.from_conn_string(str(legacy.checkpoints_db)) as saver:
        graph, team = build_graph(saver), build_team_graph(saver)
        alice = legacy.config(legacy.paused)
        bob = {"configurable": {"thread_id": legacy.finished, "user_id": legacy.bob}}
        runs = [
            (graph, {"messages": [HumanMessage("분당 아파트 시세 알려줘")]}, alice),
            (graph, Command(resume="10억"), alice),
            (graph, {"messages": [HumanMessage("정자동은 어때?")]}, alice),
            (graph, {"messages": [HumanMessage("전세 매물 있어?")]}, bob),
            (graph, Command(resume="5억"), bob),
            (graph, {"messages": [HumanMessage("익명 질문")]}, legacy.config(legacy.orphan)),
            (team, {"messages": [HumanMessage("계약서 봐줘")]}, legacy.config(legacy.team)),
        ]
        for runner, graph_input, config in runs:
            runner.invoke(graph_input, config, durability="sync")


@pytest.fixture
def legacy(tmp_path: Path) -> Legacy:
    tag = uuid.uuid4().hex[:8]
    made = Legacy(
        dir=tmp_path,
        alice=f"alice-{tag}",
        bob=f"bob-{tag}",
        carol=int(uuid.uuid4().int % 10**9),
        paused=str(uuid.uuid4()),
        finished=f"kakao-chat-{tag}",
        orphan=f"orphan-{tag}",
        team=str(uuid.uuid4()),
        expired=f"expired-{tag}",
    )
    _write_sessions_db(made)
    _write_checkpoints_db(made)
    return made


@asynccontextmanager
async def postgres_graph(db_url) -> AsyncIterator[CompiledStateGraph]:
    async with AsyncPostgresSaver.from_conn_string(db_url.libpq) as saver:
        yield build_graph(saver)


@asynccontextmanager
async def sqlite_graph(path: Path) -> AsyncIterator[CompiledStateGraph]:
    with SqliteSaver.from_conn_string(str(path)) as saver:
        yield build_graph(saver)


async def _import(engine, db_url, legacy: Legacy, **files: Path | None):
    chosen = files or {"sessions_db": legacy.sessions_db, "checkpoints_db": legacy.checkpoints_db}
    return await import_legacy(
        engine, db_url, sessions_db=chosen.get("sessions_db"), checkpoints_db=chosen.get("checkpoints_db")
    )


async def _row_counts(engine) -> dict[str, int]:
    async with engine.connect() as conn:
        return {
            t: (await conn.execute(text(f"SELECT count(*) FROM {t}"))).scalar_one() for t in COUNTED_TABLES
        }


async def _user_id(engine, legacy_id: str) -> uuid.UUID:
    async with engine.connect() as conn:
        return (await conn.execute(select(User.id).where(User.legacy_id == legacy_id))).scalar_one()


def _pg(thread_id: str) -> dict[str, Any]:
    return {"configurable": {"thread_id": str(chat_id_for(thread_id))}}


# --- round trip -----------------------------------------------------------------------------------


async def test_every_thread_has_the_same_state_in_postgres(engine, db_url, legacy):
    await _import(engine, db_url, legacy)

    async with sqlite_graph(legacy.checkpoints_db) as old, postgres_graph(db_url) as new:
        for thread_id in (legacy.paused, legacy.finished, legacy.orphan, legacy.team):
            before = old.get_state(legacy.config(thread_id))
            after = await new.aget_state(_pg(thread_id))
            assert after.values == before.values
            assert after.next == before.next
            assert after.interrupts == before.interrupts
            assert after.metadata == before.metadata
            history_before = list(old.get_state_history(legacy.config(thread_id)))
            history_after = [s async for s in new.aget_state_history(_pg(thread_id))]
            assert len(history_after) == len(history_before)
            assert [s.values for s in history_after] == [s.values for s in history_before]


async def test_checkpoint_tuples_are_copied_exactly(engine, db_url, legacy):
    await _import(engine, db_url, legacy)

    with SqliteSaver.from_conn_string(str(legacy.checkpoints_db)) as old:
        async with AsyncPostgresSaver.from_conn_string(db_url.libpq) as new:
            for thread_id in (legacy.paused, legacy.finished):
                olds = list(old.list(legacy.config(thread_id)))
                news = [t async for t in new.alist(_pg(thread_id))]
                assert [t.config["configurable"]["checkpoint_id"] for t in news] == [
                    t.config["configurable"]["checkpoint_id"] for t in olds
                ]
                for a, b in zip(olds, news, strict=True):
                    assert b.checkpoint == a.checkpoint
                    assert b.metadata == a.metadata
                    assert b.pending_writes == a.pending_writes
                    assert _parent_id(b) == _parent_id(a)


def _parent_id(item) -> str | None:
    return item.parent_config["configurable"]["checkpoint_id"] if item.parent_config else None


async def test_paused_thread_resumes_from_postgres_as_it_would_have_in_sqlite(engine, db_url, legacy):
    await _import(engine, db_url, legacy)
    pending = await _pending_interrupt_value(db_url, legacy.paused)
    assert pending == {"type": "clarify", "question": "예산은 얼마인가요?"}

    LOOKUPS.clear()
    async with postgres_graph(db_url) as new:
        resumed = await new.ainvoke(Command(resume="12억"), _pg(legacy.paused))
    assert LOOKUPS == []  # the lookup's result was a pending write: it is not run again

    expected = await asyncio.to_thread(_resume_in_sqlite, legacy, "12억")
    assert [m.content for m in resumed["messages"]] == [m.content for m in expected["messages"]]
    assert resumed["notes"] == expected["notes"]
    assert resumed["messages"][-1].content == "예산: 12억 / 조회: 정자동은 어때?"


async def _pending_interrupt_value(db_url, thread_id: str) -> Any:
    async with postgres_graph(db_url) as new:
        state = await new.aget_state(_pg(thread_id))
    assert state.next == ("clarify",)
    (only,) = state.interrupts
    return only.value


def _resume_in_sqlite(legacy: Legacy, answer: str) -> dict[str, Any]:
    with SqliteSaver.from_conn_string(str(legacy.checkpoints_db)) as saver:
        return build_graph(saver).invoke(Command(resume=answer), legacy.config(legacy.paused))


async def test_subgraph_checkpoints_keep_their_namespace_and_resume(engine, db_url, legacy):
    await _import(engine, db_url, legacy)
    config = legacy.config(legacy.team)

    with SqliteSaver.from_conn_string(str(legacy.checkpoints_db)) as saver:
        before = build_team_graph(saver).get_state(config, subgraphs=True)
    async with AsyncPostgresSaver.from_conn_string(db_url.libpq) as saver:
        graph = build_team_graph(saver)
        after = await graph.aget_state(config, subgraphs=True)
        assert after.tasks[0].state.values == before.tasks[0].state.values
        assert after.tasks[0].state.next == before.tasks[0].state.next == ("review",)
        assert after.interrupts == before.interrupts
        resumed = await graph.ainvoke(Command(resume="승인"), config)
    assert [m.content for m in resumed["messages"]] == ["계약서 봐줘", "검토: 승인"]


async def test_pending_writes_keep_task_path_and_index(engine, db_url, legacy):
    await _import(engine, db_url, legacy)
    sql = (
        "SELECT checkpoint_ns, checkpoint_id, task_id, task_path, idx, channel FROM {table} "
        "WHERE thread_id = {p}"
    )
    with closing(sqlite3.connect(legacy.checkpoints_db)) as conn:
        old = set(conn.execute(sql.format(table="writes", p="?"), (legacy.paused,)))
    async with engine.connect() as conn:
        rows = await conn.execute(text(sql.format(table="checkpoint_writes", p=":t")), {"t": legacy.paused})
        new = {tuple(r) for r in rows}
    assert any(idx < 0 for *_, idx, _ in old)  # interrupts and resumes are among them
    assert new == old


# --- chats, owners, sessions ---------------------------------------------------------------------


async def test_each_thread_becomes_a_chat_of_its_owner_with_the_transcript(engine, db_url, legacy):
    await _import(engine, db_url, legacy)
    alice = await _user_id(engine, legacy.alice)

    chat, messages = await _chat(engine, uuid.UUID(legacy.paused))
    assert chat.user_id == alice
    assert chat.title == "분당 아파트 시세 알려줘"
    assert chat.message_count == 3
    assert [(m.role, m.content) for m in messages] == [
        ("user", "분당 아파트 시세 알려줘"),
        ("assistant", "예산: 10억 / 조회: 분당 아파트 시세 알려줘"),
        ("user", "정자동은 어때?"),
    ]
    assert messages[0].turn_id == messages[1].turn_id != messages[2].turn_id
    assert chat.created_at <= messages[0].created_at <= dt.datetime.now(dt.UTC)  # the legacy times


async def test_non_uuid_thread_gets_a_derived_chat_id_and_keeps_its_legacy_id(engine, db_url, legacy):
    await _import(engine, db_url, legacy)

    chat_id = chat_id_for(legacy.finished)
    assert chat_id == uuid.uuid5(chat_id.__class__("884f617c-4932-4b5d-9077-794edc50cbed"), legacy.finished)
    chat, messages = await _chat(engine, chat_id)
    assert chat.meta["legacy_thread_id"] == legacy.finished
    assert chat.user_id == await _user_id(engine, legacy.bob)  # from the run config's user_id
    assert [m.role for m in messages] == ["user", "assistant"]


async def test_thread_without_owner_goes_to_the_unowned_user(engine, db_url, legacy):
    await _import(engine, db_url, legacy)
    chat, _ = await _chat(engine, chat_id_for(legacy.orphan))
    assert chat.user_id == await _user_id(engine, UNOWNED)


async def test_legacy_users_are_created_without_password(engine, db_url, legacy):
    await _import(engine, db_url, legacy)
    async with engine.connect() as conn:
        rows = await conn.execute(
            select(User).where(User.legacy_id.in_([legacy.alice, legacy.bob, str(legacy.carol)]))
        )
        users = {u.legacy_id: u for u in rows}
    assert set(users) == {legacy.alice, legacy.bob, str(legacy.carol)}
    for legacy_id, user in users.items():
        assert (user.type, user.password_hash, user.is_active) == ("legacy", None, True)
        assert user.email == legacy_email(legacy_id) == f"legacy-{legacy_id}@legacy.invalid"


async def test_expired_legacy_sessions_are_kept_as_expired(engine, db_url, legacy):
    report = await _import(engine, db_url, legacy)
    manager = SessionManager(session_factory(engine))

    expired = await manager.validate(legacy.expired)
    assert expired.state is SessionState.EXPIRED
    assert expired.session is not None
    assert expired.session.request_count == 3
    assert expired.session.user_id == await _user_id(engine, str(legacy.carol))
    assert abs(expired.session.expires_at - (NOW - dt.timedelta(days=10))) < dt.timedelta(seconds=1)

    live = await manager.validate(legacy.paused)
    assert live.state is SessionState.VALID
    assert live.session is not None
    assert live.session.metadata == {"device": "web"}
    assert live.session.created_at == (NOW - dt.timedelta(hours=1)).replace(microsecond=0)
    assert report.sessions.imported == 2
    assert report.expired_sessions == 1


async def test_threads_alone_find_owners_from_sessions_imported_earlier(engine, db_url, legacy):
    await _import(engine, db_url, legacy, sessions_db=legacy.sessions_db)
    await _import(engine, db_url, legacy, checkpoints_db=legacy.checkpoints_db)
    chat, _ = await _chat(engine, uuid.UUID(legacy.paused))
    assert chat.user_id == await _user_id(engine, legacy.alice)


async def _chat(engine, chat_id: uuid.UUID) -> tuple[ChatSession, list[ChatMessage]]:
    maker = session_factory(engine)
    async with maker() as db:
        chat = (await db.execute(select(ChatSession).where(ChatSession.session_id == chat_id))).scalar_one()
        messages = await db.execute(
            select(ChatMessage).where(ChatMessage.session_id == chat_id).order_by(ChatMessage.id)
        )
        return chat, list(messages.scalars())


# --- idempotency and refusal ----------------------------------------------------------------------


async def test_second_import_adds_nothing(engine, db_url, legacy):
    first = await _import(engine, db_url, legacy)
    counts = await _row_counts(engine)

    second = await _import(engine, db_url, legacy)

    assert await _row_counts(engine) == counts
    assert (first.threads.imported, first.sessions.imported, first.chat_messages) == (4, 2, 7)
    assert first.checkpoints.imported > 0 and first.pending_writes > 0
    for tally in (second.users, second.sessions, second.threads, second.checkpoints, second.chats):
        assert tally.imported == 0
    assert (second.threads.present, second.sessions.present, second.chat_messages) == (4, 2, 0)
    assert "0 imported" in second.summary()


@pytest.fixture
def bad_files(tmp_path: Path) -> Iterator[dict[str, Path]]:
    text_file = tmp_path / "notes.txt"
    text_file.write_text("this is not a database\n", encoding="utf-8")
    other = tmp_path / "other.db"
    with closing(sqlite3.connect(other)) as conn, conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
    thin = tmp_path / "thin_sessions.db"
    with closing(sqlite3.connect(thin)) as conn, conn:
        conn.execute("CREATE TABLE sessions (session_id TEXT PRIMARY KEY, user_id TEXT)")
    yield {"text": text_file, "other": other, "thin": thin, "missing": tmp_path / "nope.db"}


@pytest.mark.parametrize(
    ("which", "bad", "expected"),
    [
        ("sessions_db", "text", "not an SQLite database"),
        ("checkpoints_db", "text", "not an SQLite database"),
        ("sessions_db", "other", "table 'sessions' missing"),
        ("checkpoints_db", "other", "table 'checkpoints' missing"),
        ("sessions_db", "thin", "lacks column(s) metadata, created_at, expires_at"),
        ("checkpoints_db", "missing", "file not found"),
    ],
)
async def test_bad_file_is_refused_and_nothing_is_written(
    engine, db_url, legacy, bad_files, which, bad, expected
):
    """The good file given alongside is not imported either: both are checked before any write."""
    files = {"sessions_db": legacy.sessions_db, "checkpoints_db": legacy.checkpoints_db}
    files[which] = bad_files[bad]
    counts = await _row_counts(engine)

    with pytest.raises(LegacyImportError) as caught:
        await _import(engine, db_url, legacy, **files)

    message = str(caught.value)
    assert str(bad_files[bad]) in message
    assert expected in message
    assert "expected" in message
    assert await _row_counts(engine) == counts


async def test_checkpoint_db_given_as_sessions_db_is_refused(engine, db_url, legacy):
    with pytest.raises(
        LegacyImportError, match=r"table 'sessions' missing .* found tables: checkpoints, writes"
    ):
        await _import(engine, db_url, legacy, sessions_db=legacy.checkpoints_db)


async def test_legacy_files_are_not_modified(engine, db_url, legacy):
    before = {p: p.read_bytes() for p in (legacy.sessions_db, legacy.checkpoints_db)}
    await _import(engine, db_url, legacy)
    assert {p: p.read_bytes() for p in before} == before
