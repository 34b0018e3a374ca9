"""The LangGraph run path's fifth pass (issue 20, bench/README.md "The LangGraph run, fifth pass"): what
its cuts rely on, checked without a database."""

from __future__ import annotations

import asyncio
import dataclasses

from backend.api_keys import AUTHENTICATE_KEY_SQL
from backend.app import coalesced
from backend.langgraph_api.routes_runs import _Answer
from backend.langgraph_api.threads import VALUES_SQL
from backend.models import ChatMessage, Run
from backend.runs import _RUN_COLUMNS, INSERT_RUN_SQL, RUN_COLUMNS, SET_STATUS_SQL, RunRow


def test_a_run_row_has_the_models_attributes_in_its_column_order() -> None:
    assert [f.name for f in dataclasses.fields(RunRow)] == [a.key for a in Run.__mapper__.column_attrs]
    assert [name for _, name in _RUN_COLUMNS] == RUN_COLUMNS == [c.name for c in Run.__table__.c]


def _result_names(statement) -> list[str]:
    return [c.name for c in statement.selected_columns]


def test_the_hot_statements_name_every_result_column_in_order() -> None:
    # Positional result columns let SQLAlchemy cache the result metadata with the compiled statement.
    assert _result_names(SET_STATUS_SQL) == RUN_COLUMNS
    assert _result_names(INSERT_RUN_SQL) == ["queued", "active", "claimed", *RUN_COLUMNS]
    assert _result_names(VALUES_SQL) == [c.name for c in ChatMessage.__table__.c]
    assert _result_names(AUTHENTICATE_KEY_SQL) == [
        "id",
        "email",
        "type",
        "is_active",
        "legacy_id",
        "created_at",
    ]
    for statement in (SET_STATUS_SQL, INSERT_RUN_SQL, VALUES_SQL, AUTHENTICATE_KEY_SQL):
        assert statement.compile()._textual_ordered_columns
    assert "RETURNING *" not in str(SET_STATUS_SQL) and "run.*" not in str(INSERT_RUN_SQL)
    typed = {c.name: type(c.type).__name__ for c in SET_STATUS_SQL.selected_columns}
    assert typed["metadata"] == typed["kwargs"] == typed["error"] == "JSONB"


def test_an_answer_from_its_event_reads_like_the_stored_row() -> None:
    data = {"turn_id": "t1", "role": "assistant", "content": "echo", "structured_data": {"a": 1}, "id": 5}
    answer = _Answer.of(data)
    assert (answer.turn_id, answer.role, answer.content, answer.structured_data) == (
        "t1",
        "assistant",
        "echo",
        {"a": 1},
    )
    assert answer.client_message_id is None


async def test_wakes_made_together_reach_the_worker_once_after_the_delay() -> None:
    calls: list[float] = []
    loop = asyncio.get_running_loop()
    wake = coalesced(lambda: calls.append(loop.time()), 0.05)
    started = loop.time()
    for _ in range(5):
        wake()
    await asyncio.sleep(0)
    assert calls == []  # not at once
    await asyncio.sleep(0.15)
    assert len(calls) == 1 and calls[0] - started >= 0.045
    wake()  # a later one is a new wake-up
    await asyncio.sleep(0.15)
    assert len(calls) == 2


def test_no_delay_wakes_at_once() -> None:
    calls: list[int] = []

    def call() -> None:
        calls.append(1)

    assert coalesced(call, 0) is call
