"""Tenth round of dialogue kinds (sentences written for these tests, not the dev sets'): a price
judgement naming no lease at a place whose data holds sales only (Seoul) judges a sale price, whether
the home came in the question or in the answer to "어느 단지?"; "X 거래만 보여줘" right after a filtered look
at X's 구 narrows that look to X, its price cap and period kept; while a contract draft waits, a
question about what to put in it is answered as a question, never added verbatim as a clause, and
"그걸로 다시 정리해주세요" after a new sum asks for the draft again with it (an edit)."""

from __future__ import annotations

import asyncio
from datetime import date
from types import SimpleNamespace
from typing import Any

import pytest

import agents.planning as planning_module
from agents.dialogue import asks_about_draft, is_new_question
from agents.domain.slots import Intent
from agents.gazetteer import Gazetteer, GazetteerRow
from agents.nlu import parse
from agents.planning import _asks_about_waiting_draft, _sales_only_deal, make_planning_node, strip_negated
from agents.tools.coverage import Coverage, Span
from tests.unit.nlu_support import BUNDANG_END, SEOUL_END, TODAY, talk

ROWS = [
    GazetteerRow("11710", "가락동", "헬리오시티", "11710-8865", 900, SEOUL_END),
    GazetteerRow("11710", "신천동", "파크리오", "11710-6266", 900, SEOUL_END),
    GazetteerRow("11350", "상계동", "상계주공7", "11350-41", 900, SEOUL_END),
    GazetteerRow("11350", "중계동", "중계그린1단지", "11350-120", 900, SEOUL_END),
    GazetteerRow("11350", "중계동", "청구3차", "11350-121", 900, SEOUL_END),
    GazetteerRow("11440", "공덕동", "공덕자이", "11440-300", 900, SEOUL_END),
    GazetteerRow("41135", "정자동", "느티마을3단지", None, 800, BUNDANG_END),
]
START = date(2020, 1, 1)
COVERAGE = Coverage(
    spans=(
        Span("11710", "매매", START, SEOUL_END, 9000),
        Span("11350", "매매", START, SEOUL_END, 9000),
        Span("11440", "매매", START, SEOUL_END, 7000),
        Span("41135", "매매", START, BUNDANG_END, 8000),
        Span("41135", "전세", START, BUNDANG_END, 9000),
        Span("41135", "월세", START, BUNDANG_END, 6000),
    )
)


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.from_rows(ROWS)


# -- a price judgement keeps the deal type as said (the written sets disagree on inferring 매매) ------


def judged_deal(gaz: Gazetteer, text: str) -> str | None:
    nlu = parse(strip_negated(text), gaz, TODAY)
    assert nlu.intent is Intent.PRICE_EVALUATION
    return _sales_only_deal(nlu.slots, nlu, nlu.intent, COVERAGE).deal_type


@pytest.mark.parametrize(
    "text",
    [
        "헬리오시티 59 12억 부르는데 적당해요?",
        "공덕자이 국평 15억이면 싼 편인가",
        "Is 2 billion a fair price for Park Rio 84?",
        "상계동 6억이면 괜찮은 가격이에요?",
    ],
)
def test_a_judgement_at_a_sales_only_place_infers_no_deal_type(gaz: Gazetteer, text: str) -> None:
    assert judged_deal(gaz, text) is None


@pytest.mark.parametrize(
    ("text", "deal"),
    [
        ("정자동 느티마을3단지 8억 괜찮나요", None),  # 분당 has leases too: nothing to infer
        ("헬리오시티 전세 9억이면 괜찮아?", "전세"),  # a lease said stays (and is declined for Seoul)
        ("헬리오시티 보증금 1억에 월 200이면 비싼가요?", None),  # a rent stated: no sale
    ],
)
def test_a_judgement_elsewhere_keeps_what_was_said(gaz: Gazetteer, text: str, deal: str | None) -> None:
    assert judged_deal(gaz, text) == deal


class _Coverage:
    async def current(self) -> Coverage:
        return COVERAGE


def _run_with_answer(gaz: Gazetteer, question: str, answer: str, monkeypatch: Any) -> dict[str, Any]:
    """The planning node on `question`, its clarifying question answered with `answer`."""
    asked: list[dict[str, Any]] = []

    def fake_interrupt(value: dict[str, Any]) -> dict[str, str]:
        asked.append(value)
        return {"action": "answer", "feedback": answer}

    monkeypatch.setattr(planning_module, "interrupt", fake_interrupt)
    monkeypatch.setattr(planning_module, "get_stream_writer", lambda: lambda _event: None)
    deps = SimpleNamespace(gazetteer=gaz, today=lambda: TODAY, coverage=_Coverage(), recall=None)
    node = make_planning_node(deps, None)  # type: ignore[arg-type]
    state = {"query": question, "turn_id": "t1"}
    update = asyncio.run(node(state, SimpleNamespace(context=None)))  # type: ignore[arg-type]
    assert [a["type"] for a in asked] == ["clarify"]
    return update


@pytest.mark.parametrize(
    ("question", "answer", "complex_"),
    [
        ("12억에 나왔다는데 이 가격 괜찮아요?", "헬리오시티 84요", "헬리오시티"),
        ("Is 1.9 billion a reasonable price?", "Park Rio, the 84s", "파크리오"),
        ("6억 호가면 적당한 편이에요?", "상계주공7이요", "상계주공7"),
    ],
)
def test_a_home_named_in_the_answer_is_the_judged_home(
    gaz: Gazetteer, question: str, answer: str, complex_: str, monkeypatch: Any
) -> None:
    update = _run_with_answer(gaz, question, answer, monkeypatch)
    assert update["intent"] == "PRICE_EVALUATION" and update["act"] == "answer"
    assert update["slots"]["complex"] == complex_ and update["slots"]["deal_type"] is None


def test_a_place_named_in_answer_to_a_look_keeps_the_question_as_asked(
    gaz: Gazetteer, monkeypatch: Any
) -> None:
    # (no apartment named: "아파트 요즘 얼마 정도 해요?" asks what apartments sell for, 매매 — round 11)
    update = _run_with_answer(gaz, "요즘 시세 어때요?", "공덕동", monkeypatch)
    assert update["slots"]["dong"] == "공덕동" and update["slots"]["deal_type"] is None


# -- "X 거래만 보여줘" after a filtered look at X's 구 -----------------------------------------------------


@pytest.mark.parametrize(
    ("turns", "complex_", "cap", "year"),
    [
        (
            ["노원구 2023년 아파트 거래 보여줘", "6억 이하만", "청구3차 거래만 보여줘"],
            "청구3차",
            60000,
            "2023",
        ),
        (
            ["송파구 재작년 거래 목록", "15억 이하로", "헬리오시티 매물만 보여주세요"],
            "헬리오시티",
            150000,
            "2024",
        ),
        (
            ["중계동 22년 거래 보여줘", "5억 이하 거래만", "중계그린1단지 거래만요"],
            "중계그린1단지",
            50000,
            "2022",
        ),
    ],
)
def test_a_complex_s_deals_only_narrow_the_filtered_look(
    gaz: Gazetteer, turns: list[str], complex_: str, cap: int, year: str
) -> None:
    frame = talk(gaz, turns)[-1]
    assert frame.intent is Intent.PROPERTY_SEARCH and frame.slots.complex == complex_
    assert frame.slots.price_max_manwon == cap
    assert (frame.slots.period_from, frame.slots.period_to) == (f"{year}-01-01", f"{year}-12-31")


def test_a_complex_of_another_gu_with_only_starts_fresh(gaz: Gazetteer) -> None:
    frame = talk(gaz, ["노원구 2023년 아파트 거래 보여줘", "6억 이하만", "헬리오시티 거래만 보여줘"])[-1]
    assert frame.slots.complex == "헬리오시티" and frame.slots.price_max_manwon is None


# -- a question about the waiting draft is a question ------------------------------------------------


def _while_draft_waits(gaz: Gazetteer, text: str) -> bool:
    nlu = parse(strip_negated(text), gaz, TODAY)
    return is_new_question(
        text,
        nlu.intent,
        strong_intent=nlu.confidence >= 0.7,
        pending="contract_approval",
        pending_intent=Intent.CONTRACT_CREATION,
    )


@pytest.mark.parametrize(
    "text",
    [
        "특약엔 보통 뭘 넣어요? 집주인이 이사 전에 집 팔면 어떡하죠",
        "특약 조항은 어떤 걸 써 두는 게 좋을까요",
        "관리비 특약은 어떻게 적어야 돼요?",
        "what should I add as special terms?",
    ],
)
def test_a_question_about_the_draft_is_answered_as_a_question(gaz: Gazetteer, text: str) -> None:
    assert asks_about_draft(text)
    assert _while_draft_waits(gaz, text)
    nlu = parse(strip_negated(text), gaz, TODAY)
    if nlu.intent in (Intent.CONTRACT_CREATION, Intent.COMPREHENSIVE):
        assert _asks_about_waiting_draft(nlu, text)  # read as a question of law by planning


@pytest.mark.parametrize(
    "text",
    [
        "반려동물 허용 특약 넣어줘",
        "특약에 관리비는 임차인 부담으로 추가해 주세요",
        "월세 90으로 바꿔줘",
        "보증금 2억5천으로?",
        "중도 해지 조항 빼줄래?",
        "please add a clause allowing pets",
    ],
)
def test_a_change_named_stays_an_edit(gaz: Gazetteer, text: str) -> None:
    assert not asks_about_draft(text)
    assert not _while_draft_waits(gaz, text)


@pytest.mark.parametrize(
    "text",
    [
        "보증금을 5천으로 올려달래요 그걸로 다시 작성해 주세요",
        "집주인이 월세 70으로 내려준대요 반영해주세요",
        "관리비 포함 조건이래요 그렇게 다시 정리해줄래?",
    ],
)
def test_the_draft_asked_for_again_with_what_was_said_is_an_edit(gaz: Gazetteer, text: str) -> None:
    assert not asks_about_draft(text)
    assert not _while_draft_waits(gaz, text)
