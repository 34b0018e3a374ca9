"""Scores an evaluation set (tests/eval/*.json) against the real product, driven the way a user does.

One user (long-term memory on) talks through the HTTP API in-process: every conversation is a new
chat session, every turn is `POST /chat/sessions/{id}/messages` (also while a question is pending:
the product decides what such a message means). The graph is the product graph with `today` fixed
to the set's `today`, offline planner; the memory outbox is drained after every turn so the result
does not depend on the background worker's timing.

Usage:
    python -m tests.eval.harness tests/eval/dev.json [--database-url URL] [--failures N] [--json out.json]
    (--no-memory: a diagnostic run with long-term recall off)

A set whose name starts with `heldout` (heldout, heldout2, …) is held back: only aggregate scores are
ever printed or written for it.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import re
import secrets
import sys
import tempfile
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

import httpx
from pydantic import SecretStr
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from agents.domain.slots import PUBLIC_SLOTS
from backend.app import agent_deps
from backend.db import DatabaseUrl, EmbeddedPostgres, create_engine
from backend.migrate import migrate
from backend.settings import Settings
from memory.worker import process_pending
from tests.conftest import create_database, data_dir, drop_database
from tests.integration.api_support import API, api_settings, client_for, new_session, running_app, sign_up

HELDOUT = "heldout"


def is_held_back(name: str) -> bool:
    """Held-back sets (heldout, heldout2, …) are scored, never shown case by case."""
    return name.startswith(HELDOUT)


FLOAT_TOLERANCE = 0.005
FIGURE_KEYS = ("count", "median_manwon", "min_manwon", "max_manwon")
# Quoted spans are examples ('잠실엘스 84㎡ 25억 적정해?'), not questions to the user.
QUOTED = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"|‘[^’\n]*’|“[^”\n]*”")

Asked = Literal["clarify_interrupt", "question_mark", "not_understood"]
Source = Literal["structured_data", "graph_state", "none"]


# --- the set file ----------------------------------------------------------------------------------


def load_set(path: Path) -> dict[str, Any]:
    """The set document; fails with one sentence when the file or its shape is wrong."""
    if not path.is_file():
        raise FileNotFoundError(f"evaluation set {path} does not exist")
    doc = json.loads(path.read_text(encoding="utf-8"))
    for key in ("name", "today", "conversations"):
        if key not in doc:
            raise ValueError(f"evaluation set {path} has no '{key}'")
    dt.date.fromisoformat(doc["today"])
    return doc


# --- what the product said in one turn ------------------------------------------------------------


@dataclass
class Observed:
    """One turn's outcome as a client sees it, plus the full slots where the product exposes them.

    `slots` are the ten public slots (structured_data); `full_slots` also hold the extra slots, read
    from the turn's memory job payload (answers) or the paused graph state (contract approval).
    """

    status: int
    content: str = ""
    structured: dict[str, Any] = field(default_factory=dict)
    interrupt: dict[str, Any] | None = None
    intent: str | None = None
    slots: dict[str, Any] | None = None
    full_slots: dict[str, Any] | None = None
    source: Source = "none"
    used_memory: list[str] = field(default_factory=list)  # slots long-term memory filled


@dataclass
class Probe:
    """What the harness reads besides HTTP answers: its own engine (memory jobs) and the graph."""

    engine: AsyncEngine
    graph: Any


async def observe(
    client: httpx.AsyncClient, probe: Probe, headers: dict[str, str], session_id: str, user_text: str
) -> Observed:
    """Send one user message (JSON) and collect what the answer states."""
    response = await client.post(
        f"{API}/chat/sessions/{session_id}/messages", json={"content": user_text}, headers=headers
    )
    if response.status_code != 200:
        return Observed(status=response.status_code, content=response.text[:500])
    body = response.json()
    message = body["assistant_message"]
    obs = Observed(
        status=200,
        content=message.get("content") or "",
        structured=message.get("structured_data") or {},
        interrupt=body.get("interrupt"),
    )
    if obs.interrupt is None:
        obs.intent = obs.structured.get("intent")
        obs.slots = obs.structured.get("slots")
        obs.full_slots = {**(obs.slots or {}), **await _job_slots(probe.engine, message["id"])}
        obs.source = "structured_data"
        obs.used_memory = [
            f"{m.get('label')} -> {', '.join(m.get('slots') or [])}"
            for m in obs.structured.get("used_memory") or []
        ]
    elif obs.interrupt.get("type") == "contract_approval":
        # Planning finished before the draft paused for approval: its intent and slots are in the
        # graph state, not in any structured_data.
        state = await probe.graph.aget_state({"configurable": {"thread_id": session_id}})
        obs.intent = state.values.get("intent")
        full = state.values.get("slots") or {}
        obs.slots = {k: full.get(k) for k in PUBLIC_SLOTS}
        obs.full_slots = full
        obs.source = "graph_state"
    return obs


async def _job_slots(engine: AsyncEngine, assistant_message_id: int) -> dict[str, Any]:
    """The answer's full slots (extras included), as its memory job carries them."""
    sql = text(
        "SELECT payload -> 'slots' FROM memory_jobs "
        "WHERE (payload ->> 'assistant_message_id')::bigint = :id ORDER BY id LIMIT 1"
    )
    async with engine.connect() as conn:
        value = (await conn.execute(sql, {"id": assistant_message_id})).scalar()
    return value or {}


# --- scoring one turn -----------------------------------------------------------------------------


@dataclass
class TurnScore:
    """Each check is True/False, or None when it does not apply (or cannot be observed)."""

    conversation: str
    index: int
    user: str
    expect: str
    intent_ok: bool
    slots_ok: bool | None
    figures_ok: bool | None
    right: bool
    asked: Asked | None = None
    numbers_out_of_data: bool = False
    source: Source = "none"
    status: int = 200
    used_memory: list[str] = field(default_factory=list)
    diffs: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def same_value(expected: Any, got: Any) -> bool:
    numbers = (int, float)
    if isinstance(expected, numbers) and isinstance(got, numbers) and not isinstance(expected, bool):
        return abs(float(expected) - float(got)) <= FLOAT_TOLERANCE
    return expected == got


def asked_question(obs: Observed) -> Asked | None:
    """A clarify interrupt, or an answer with no figures whose own words (not examples) ask something."""
    if obs.interrupt is not None and obs.interrupt.get("type") == "clarify":
        return "clarify_interrupt"
    if obs.interrupt is None and not has_figures(obs.structured):
        unquoted = QUOTED.sub("", obs.content)
        if "?" in unquoted or "？" in unquoted:
            return "question_mark"
        if obs.intent == "UNCLEAR":
            return "not_understood"  # the honest "이해하지 못했어요" with examples (issue 13, bad input)
    return None


def has_figures(structured: dict[str, Any]) -> bool:
    stats = structured.get("stats") or {}
    return bool((stats.get("count") or 0) > 0 or structured.get("rows"))


def score_turn(conversation: str, index: int, turn: dict[str, Any], obs: Observed) -> TurnScore:
    expect = turn.get("expect") or "answer"
    diffs: dict[str, tuple[Any, Any]] = {}
    notes: list[str] = []
    if obs.status != 200:
        notes.append(f"HTTP {obs.status}: {obs.content[:200]}")
    if obs.interrupt is not None:
        notes.append(f"{obs.interrupt.get('type')} interrupt: {obs.content[:160]}")

    asked = asked_question(obs)
    if expect == "clarify":
        intent_ok = asked is not None
        if not intent_ok:
            diffs["clarify"] = ("a question", obs.intent or _interrupt_type(obs))
    else:
        intent_ok = obs.intent == turn["intent"]
        if not intent_ok:
            diffs["intent"] = (turn["intent"], obs.intent or _interrupt_type(obs))

    slots_ok = _score_slots(turn, obs, expect, diffs, notes)
    figures_ok, out_of_data = _score_figures(turn, obs, expect, diffs, notes)
    right = intent_ok and slots_ok is not False and figures_ok is not False
    return TurnScore(
        conversation=conversation,
        index=index,
        user=turn["user"],
        expect=expect,
        intent_ok=intent_ok,
        slots_ok=slots_ok,
        figures_ok=figures_ok,
        right=right,
        asked=asked,
        numbers_out_of_data=out_of_data,
        source=obs.source,
        status=obs.status,
        used_memory=obs.used_memory,
        diffs=diffs,
        notes=notes,
    )


def _interrupt_type(obs: Observed) -> str | None:
    return f"<{obs.interrupt.get('type')} interrupt>" if obs.interrupt else None


def _score_slots(
    turn: dict[str, Any], obs: Observed, expect: str, diffs: dict[str, tuple[Any, Any]], notes: list[str]
) -> bool | None:
    """Ten public slots (unlisted = null) plus the extras the turn lists; None when unobservable."""
    expected = turn.get("slots") or {}
    if obs.slots is None:
        if expect == "clarify":
            return None  # the question was asked before any slots were decided
        # No answer came (an unexpected question or an error): wrong when the turn names slots.
        listed = {k: v for k, v in expected.items() if v is not None}
        for name, want in listed.items():
            diffs[f"slots.{name}"] = (want, "<no answer>")
        return False if listed else None
    ok = True
    for name in PUBLIC_SLOTS:
        want, got = expected.get(name), obs.slots.get(name)
        if not same_value(want, got):
            diffs[f"slots.{name}"] = (want, got)
            ok = False
    for name in sorted(set(expected) - set(PUBLIC_SLOTS)):
        full = obs.full_slots or {}
        if name not in full:
            notes.append(f"extra slot {name} is not exposed; not compared")
            continue
        if not same_value(expected[name], full[name]):
            diffs[f"slots.{name}"] = (expected[name], full[name])
            ok = False
    return ok


def _score_figures(
    turn: dict[str, Any], obs: Observed, expect: str, diffs: dict[str, tuple[Any, Any]], notes: list[str]
) -> tuple[bool | None, bool]:
    """(figures right or None when not scored, out-of-data answered with numbers)."""
    if expect == "decline":
        numbers = has_figures(obs.structured)
        if numbers:
            stats = obs.structured.get("stats") or {}
            diffs["figures"] = (
                "none",
                f"count={stats.get('count')} rows={len(obs.structured.get('rows') or [])}",
            )
        return not numbers, numbers
    if expect == "clarify":
        if has_figures(obs.structured):
            diffs["figures"] = ("none (clarify)", (obs.structured.get("stats") or {}).get("count"))
            return False, False
        return None, False
    want = turn.get("figures")
    if not want:
        return None, False
    stats = obs.structured.get("stats") or {}
    ok = True
    for key in FIGURE_KEYS:
        if key in want and stats.get(key) != want[key]:
            diffs[f"figures.{key}"] = (want[key], stats.get(key))
            ok = False
    if "monthly_median_manwon" in want:
        notes.append("monthly_median_manwon is not in structured_data.stats; not compared")
    return ok, False


# --- a whole set ----------------------------------------------------------------------------------


@dataclass
class SetScore:
    name: str
    turns: list[TurnScore]
    conversations: dict[str, bool]  # id -> every turn right
    multi_turn: dict[str, bool]  # the same, conversations with >= 2 turns
    pending_memory_jobs: int = 0

    @staticmethod
    def _rate(values: list[bool | None]) -> float:
        scored = [v for v in values if v is not None]
        return sum(scored) / len(scored) if scored else 1.0

    def aggregates(self) -> dict[str, Any]:
        t = self.turns
        return {
            "name": self.name,
            "turns": len(t),
            "conversations": len(self.conversations),
            "intent": self._rate([s.intent_ok for s in t]),
            "slots": self._rate([s.slots_ok for s in t]),
            "slots_scored": sum(s.slots_ok is not None for s in t),
            "figures": self._rate([s.figures_ok for s in t]),
            "figures_scored": sum(s.figures_ok is not None for s in t),
            "turns_right": self._rate([s.right for s in t]),
            "conversations_right": self._rate(list(self.conversations.values())),
            "multi_turn_conversations": len(self.multi_turn),
            "multi_turn_right": self._rate(list(self.multi_turn.values())),
            "out_of_data_with_numbers": sum(s.numbers_out_of_data for s in t),
            "http_errors": sum(s.status != 200 for s in t),
            "memory_filled_turns": sum(bool(s.used_memory) for s in t),
            "memory_filled_wrong_turns": sum(bool(s.used_memory) and not s.right for s in t),
            "clarify_asked": {
                kind: sum(s.asked == kind for s in t if s.expect == "clarify")
                for kind in ("clarify_interrupt", "question_mark")
            },
            "pending_memory_jobs": self.pending_memory_jobs,
        }


class FixedTodayGraph:
    """A GraphFactory: the product graph (backend/app.py) with the deps' clock fixed to `today` and
    the offline planner. Keeps the graph it built, to read a paused turn's state. `memory=False`
    turns long-term recall off (a diagnostic: how much of the score memory costs or earns)."""

    def __init__(self, today: dt.date, memory: bool = True) -> None:
        self.today = today
        self.memory = memory
        self.graph: Any = None

    async def __call__(self, engine: AsyncEngine, checkpointer: Any, settings: Settings) -> Any:
        from agents.graph import build_graph

        deps = await agent_deps(engine, settings)
        deps.today = lambda: self.today
        if not self.memory:
            deps.recall = None
        self.graph = build_graph(checkpointer, deps, None)
        return self.graph


Progress = Callable[[int, int], None]


async def score_set(
    doc: dict[str, Any],
    db_url: DatabaseUrl,
    base: Settings,
    progress: Progress | None = None,
    *,
    memory: bool = True,
) -> SetScore:
    """Runs every conversation of the set as one new user against a migrated, loaded database."""
    settings = api_settings(
        base,
        db_url,
        memory_worker_enabled=False,  # drained after every turn instead (process_pending)
        rate_limit_per_minute=0,
        llm_provider="offline",
        jwt_secret=SecretStr(secrets.token_urlsafe(48)),  # the harness is its own, only client
        log_level="WARNING",  # no access log line per turn
    )
    factory = FixedTodayGraph(dt.date.fromisoformat(doc["today"]), memory)
    engine = create_engine(db_url, settings)
    try:
        async with running_app(settings, graph_factory=factory) as app, client_for(app) as client:
            turns, pending = await _converse(doc, client, Probe(engine, factory.graph), progress)
    finally:
        await engine.dispose()
    by_conv: dict[str, list[TurnScore]] = {}
    for s in turns:
        by_conv.setdefault(s.conversation, []).append(s)
    conversations = {cid: all(s.right for s in ts) for cid, ts in by_conv.items()}
    multi = {cid: ok for cid, ok in conversations.items() if len(by_conv[cid]) >= 2}
    return SetScore(doc["name"], turns, conversations, multi, pending)


async def _converse(
    doc: dict[str, Any], client: httpx.AsyncClient, probe: Probe, progress: Progress | None
) -> tuple[list[TurnScore], int]:
    """One user, one new chat per conversation; memory drained after every turn. Returns the
    scored turns and how many of the user's memory jobs are still not done at the end."""
    total = sum(len(c["turns"]) for c in doc["conversations"])
    turns: list[TurnScore] = []
    account = await sign_up(client, f"eval-{doc['name']}-{uuid.uuid4().hex[:8]}@example.com")
    for conv in doc["conversations"]:
        session_id = await new_session(client, account, title=str(conv["id"]))
        for index, turn in enumerate(conv["turns"], start=1):
            obs = await observe(client, probe, account.headers, session_id, turn["user"])
            await process_pending(probe.engine)
            turns.append(score_turn(str(conv["id"]), index, turn, obs))
            if progress is not None:
                progress(len(turns), total)
    sql = text("SELECT count(*) FROM memory_jobs WHERE user_id = :u AND done_at IS NULL")
    async with probe.engine.connect() as conn:
        pending = (await conn.execute(sql, {"u": account.user_id})).scalar()
    return turns, int(pending or 0)


# --- reporting ------------------------------------------------------------------------------------


def format_aggregates(agg: dict[str, Any]) -> str:
    def pct(key: str) -> str:
        return f"{100 * agg[key]:5.1f}%"

    asked = agg["clarify_asked"]
    lines = [
        f"eval set '{agg['name']}': {agg['turns']} turns, {agg['conversations']} conversations",
        f"  intent                         {pct('intent')}",
        f"  slots                          {pct('slots')}  ({agg['slots_scored']} turns scored)",
        f"  figures                        {pct('figures')}  ({agg['figures_scored']} turns scored)",
        f"  turns right                    {pct('turns_right')}",
        f"  conversations fully right      {pct('conversations_right')}",
        f"  multi-turn conversations right {pct('multi_turn_right')}  (of {agg['multi_turn_conversations']})",
        f"  out-of-data answered with numbers: {agg['out_of_data_with_numbers']}",
        f"  turns where long-term memory filled slots: {agg['memory_filled_turns']}"
        f" ({agg['memory_filled_wrong_turns']} of them wrong)",
        f"  clarify asked by interrupt / by question mark: "
        f"{asked['clarify_interrupt']} / {asked['question_mark']}",
    ]
    if agg["http_errors"]:
        lines.append(f"  turns answered with an HTTP error: {agg['http_errors']}")
    if agg["pending_memory_jobs"]:
        lines.append(f"  memory jobs not done: {agg['pending_memory_jobs']}")
    return "\n".join(lines)


def format_failures(score: SetScore, limit: int) -> str:
    """The first `limit` wrong turns, field by field; refuses for the held-back set."""
    if is_held_back(score.name):
        raise ValueError("a held-back set's cases are never printed")
    wrong = [s for s in score.turns if not s.right][:limit]
    lines = [f"first {len(wrong)} failure(s):"] if wrong else []
    for s in wrong:
        lines.append(f"- {s.conversation} turn {s.index} [{s.expect}, via {s.source}]: {s.user}")
        for name, (want, got) in s.diffs.items():
            lines.append(f"    {name}: expected {want!r}, got {got!r}")
        if s.used_memory:
            lines.append(f"    note: long-term memory filled: {', '.join(s.used_memory)}")
        lines += [f"    note: {n}" for n in s.notes]
    return "\n".join(lines)


def report(score: SetScore, failures: int) -> str:
    text_ = format_aggregates(score.aggregates())
    if not is_held_back(score.name) and failures > 0:
        text_ += "\n" + format_failures(score, failures)
    return text_


def json_report(score: SetScore) -> dict[str, Any]:
    out: dict[str, Any] = {"aggregates": score.aggregates()}
    if not is_held_back(score.name):
        out["turns"] = [asdict(s) for s in score.turns]
    return out


# --- CLI ------------------------------------------------------------------------------------------


def harness_settings() -> Settings:
    """Like the test fixtures' settings (tests/conftest.py test_settings), with a random secret."""
    return Settings(database_url=None, jwt_secret=secrets.token_urlsafe(48), rate_limit_per_minute=0)


async def fresh_loaded_database(server: DatabaseUrl, settings: Settings) -> tuple[DatabaseUrl, str]:
    """A new database on `server`, migrated and loaded with the data folder; returns (url, name)."""
    name = f"budongsan_eval_{uuid.uuid4().hex[:10]}"
    url = await create_database(server, name)
    engine = create_engine(url, settings)
    try:
        from backend.data_import import load_all

        await migrate(engine, url)
        await load_all(engine, data_dir(), progress=False)
    except BaseException:
        await engine.dispose()
        await drop_database(server, name)  # a failed load leaves nothing behind
        raise
    await engine.dispose()
    return url, name


async def run(doc: dict[str, Any], server: DatabaseUrl, memory: bool = True) -> SetScore:
    """Fresh database on `server`, the set scored against it, the database dropped."""
    settings = harness_settings()
    print(f"loading the data into a fresh database on {server.redacted} ...", file=sys.stderr)
    url, name = await fresh_loaded_database(server, settings)

    def progress(done: int, total: int) -> None:
        if done % 25 == 0 or done == total:
            print(f"  {done}/{total} turns", file=sys.stderr)

    try:
        return await score_set(doc, url, settings, progress, memory=memory)
    finally:
        await drop_database(server, name)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Score an evaluation set against the product over HTTP.")
    ap.add_argument("set", type=Path, help="evaluation set JSON (tests/eval/dev.json)")
    ap.add_argument("--database-url", help="server where a fresh database is created (default: embedded)")
    ap.add_argument("--failures", type=int, default=10, help="print the first N failures (never for heldout)")
    ap.add_argument("--json", type=Path, dest="json_out", help="write scores (and per-turn detail) here")
    ap.add_argument(
        "--no-memory", action="store_true", help="diagnostic: long-term memory recall off (default on)"
    )
    args = ap.parse_args(argv)
    doc = load_set(args.set)
    if args.database_url:
        score = asyncio.run(run(doc, DatabaseUrl.parse(args.database_url), not args.no_memory))
    else:
        with tempfile.TemporaryDirectory(prefix="budongsan-eval-pg-") as tmp:
            embedded = EmbeddedPostgres(Path(tmp))
            try:
                score = asyncio.run(run(doc, embedded.url, not args.no_memory))
            finally:
                embedded.stop()
    print(report(score, args.failures))
    if args.json_out is not None:
        out = json.dumps(json_report(score), ensure_ascii=False, indent=1)
        args.json_out.write_text(out + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
