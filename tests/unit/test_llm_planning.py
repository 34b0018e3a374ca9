"""The LLM planner's reading, merged into the offline NLU's shape (agents/llm_planning.py)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

from agents.domain.slots import Intent, Slots
from agents.llm_planning import (
    CONTEXT_MESSAGE_CHARS,
    CONTEXT_MESSAGES,
    CONTEXT_SUMMARY_CHARS,
    IMPLIED_TASK_CONFIDENCE,
    NAMED_TASK_CONFIDENCE,
    LlmPlan,
    merge_plan,
    planner_messages,
)
from agents.nlu import NluResult

SONGPA = {"sigungu": "송파구", "sigungu_code": "11710"}
YEAR_2024 = {"period_from": "2024-01-01", "period_to": "2024-12-31"}


def plan(intent: Intent, names_task: bool = False, **slots: Any) -> LlmPlan:
    return LlmPlan(intent=intent, slots=Slots(**slots), names_task=names_task)


def test_agreeing_reading_keeps_the_offline_confidence_and_flags() -> None:
    offline = NluResult(
        intent=Intent.MARKET_INQUIRY,
        confidence=0.9,
        slots=Slots(**SONGPA, **YEAR_2024),
        wants_recent=True,
        recent_months=12,
        unknown_regions=["부산"],
    )
    merged = merge_plan(plan(Intent.MARKET_INQUIRY, deal_type="매매"), offline)
    assert merged.confidence == 0.9 and merged.wants_recent and merged.recent_months == 12
    assert merged.unknown_regions == ["부산"]
    assert merged.slots == Slots(**SONGPA, **YEAR_2024, deal_type="매매")


def test_places_come_only_from_the_gazetteer_match() -> None:
    offline = NluResult(intent=Intent.MARKET_INQUIRY, confidence=0.9, slots=Slots(**SONGPA))
    merged = merge_plan(plan(Intent.MARKET_INQUIRY, sigungu="강남구", complex="없는단지"), offline)
    assert (merged.slots.sigungu, merged.slots.complex) == ("송파구", None)


def test_a_data_relative_recent_period_stays_the_nlus() -> None:
    offline = NluResult(
        intent=Intent.MARKET_INQUIRY, confidence=0.9, slots=Slots(**SONGPA, **YEAR_2024), wants_recent=True
    )
    merged = merge_plan(
        plan(Intent.MARKET_INQUIRY, period_from="2025-11-21", period_to="2026-11-21"), offline
    )
    assert (merged.slots.period_from, merged.slots.period_to) == ("2024-01-01", "2024-12-31")


def test_a_task_read_from_the_context_is_not_a_named_task() -> None:
    """ "그럼 재작년은?": the model sees the thread and says 시세; the message named no task, so the
    dialogue layer still reads it as a follow-up (confidence below the strong cue)."""
    offline = NluResult(intent=Intent.IRRELEVANT, confidence=0.5, fragment_slots=Slots(**YEAR_2024))
    merged = merge_plan(
        plan(Intent.MARKET_INQUIRY, period_from="2022-01-01", period_to="2022-12-31"), offline
    )
    assert merged.intent is Intent.MARKET_INQUIRY
    assert merged.confidence == IMPLIED_TASK_CONFIDENCE
    assert (merged.slots.period_from, merged.slots.period_to) == ("2022-01-01", "2022-12-31")


def test_a_task_the_message_names_is_strong() -> None:
    offline = NluResult(intent=Intent.UNCLEAR, confidence=0.1)
    merged = merge_plan(plan(Intent.LOAN_CONSULT, names_task=True, annual_income_manwon=8000), offline)
    assert merged.confidence == NAMED_TASK_CONFIDENCE
    assert merged.slots.annual_income_manwon == 8000


def test_a_weak_reading_carries_its_values_as_fragments() -> None:
    offline = NluResult(intent=Intent.MARKET_INQUIRY, confidence=0.5, slots=Slots(**SONGPA))
    merged = merge_plan(plan(Intent.UNCLEAR, names_task=True, deal_type="전세"), offline)
    assert merged.intent is Intent.UNCLEAR and merged.confidence == IMPLIED_TASK_CONFIDENCE
    assert merged.slots == Slots()
    assert merged.fragment_slots == Slots(**SONGPA, deal_type="전세")


def test_prompt_holds_today_and_the_bounded_context() -> None:
    deps: Any = SimpleNamespace(today=lambda: dt.date(2026, 11, 21))
    window = [
        {"role": "user" if i % 2 == 0 else "assistant", "content": f"message {i} " + "가" * 1000}
        for i in range(10)
    ]
    summary = "오래된 요약 " * 400 + "최근 요약 끝"
    system, human = planner_messages("그럼 재작년은?", deps, window, summary)
    assert human.content == "그럼 재작년은?"
    text = str(system.content)
    assert "Today is 2026-11-21." in text
    assert "최근 요약 끝" in text and summary not in text
    shown = [line for line in text.splitlines() if line.startswith(("user: ", "assistant: "))]
    assert [line.split()[2] for line in shown] == [str(i) for i in range(10 - CONTEXT_MESSAGES, 10)]
    assert all(len(line) <= len("assistant: ") + CONTEXT_MESSAGE_CHARS for line in shown)
    summary_line = text.split("Earlier in this chat (summary):\n", 1)[1].split("\n", 1)[0]
    assert len(summary_line) <= CONTEXT_SUMMARY_CHARS


def test_without_context_the_prompt_is_the_message_alone() -> None:
    deps: Any = SimpleNamespace(today=lambda: dt.date(2026, 11, 21))
    system, human = planner_messages("송파구 시세", deps)
    assert "conversation" not in str(system.content) and human.content == "송파구 시세"
