"""Ninth round of dialogue kinds (sentences written for these tests, not the dev sets'): a yield question
keeps the home looked at but not the look's period; a loan question stating its own price and income
and pointing at nothing starts fresh, whatever opener ("그럼", "and") it has; a thanks while a contract
draft waits is a closing remark answered on its own, never an edit of the draft; a changed amount after
a side question returns to the loan or yield before it; an English size in the plural ("the 84s")
replaces the size band."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from agents.dialogue import (
    DATA_FRAME_INTENTS,
    Act,
    Frame,
    calc_frame_update,
    is_new_question,
    request_part,
)
from agents.domain.slots import Intent
from agents.gazetteer import Gazetteer, GazetteerRow
from agents.nlu import parse
from agents.planning import CLOSING_NOTE, _closing, frame_of, strip_negated
from agents.teams.document import decide
from tests.unit.nlu_support import BUNDANG_END, SEOUL_END, TODAY, talk

ROWS = [
    GazetteerRow("41135", "서현동", "시범한양", None, 900, BUNDANG_END),
    GazetteerRow("41135", "수내동", "양지마을(한양)", None, 900, BUNDANG_END),
    GazetteerRow("41135", "정자동", "느티마을3단지", None, 800, BUNDANG_END),
    GazetteerRow("11350", "상계동", "상계주공7", "11350-1", 900, SEOUL_END),
    GazetteerRow("11710", "가락동", "헬리오시티", "11710-1", 900, SEOUL_END),
    GazetteerRow("11710", "신천동", "파크리오", "11710-2", 900, SEOUL_END),
]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.from_rows(ROWS)


def period(frame: Frame) -> tuple[str | None, str | None]:
    return frame.slots.period_from, frame.slots.period_to


# -- a yield question keeps the home, not the look's period ---------------------------------------------


@pytest.mark.parametrize(
    ("turns", "dong"),
    [
        (
            [
                "서현동 2024년 84 매매 시세 알려줘",
                "서현동 84 10억에 사서 보증금 1억 월세 250 받으면 수익률 얼마예요",
                "보증금 2억이면?",
            ],
            "서현동",
        ),
        (
            [
                "수내동 전세 요즘 얼마예요",
                "거기 9억에 사서 보증금 5천에 월 200 받으면 수익률은?",
                "월세 220으로 올리면요?",
            ],
            "수내동",
        ),
        (
            [
                "시범한양 재작년 실거래 보여줘",
                "그중 하나 8억에 사서 보증금 3천 월세 180이면 연 수익률은요?",
                "and if I buy it for 750 million?",
            ],
            "서현동",
        ),
    ],
)
def test_a_yield_keeps_the_home_but_not_the_period(gaz: Gazetteer, turns: list[str], dong: str) -> None:
    frames = talk(gaz, turns)
    assert period(frames[0]) != (None, None)
    for frame in frames[1:]:
        assert frame.intent is Intent.ROI_CALCULATION
        assert frame.slots.dong == dong and period(frame) == (None, None)
        assert frame.slots.deal_type is None and frame.slots.asking_price_manwon


def test_a_yield_keeps_the_size_of_the_home_looked_at(gaz: Gazetteer) -> None:
    turns = ["정자동 국평 월세 작년 시세", "12억에 사서 보증금 1억 월 300 받으면 수익률은 몇 프로예요"]
    frame = talk(gaz, turns)[1]
    assert (frame.slots.area_min_m2, frame.slots.area_max_m2) == (81.0, 87.0)
    assert period(frame) == (None, None) and frame.slots.monthly_rent_manwon == 300


# -- a loan with its own price and income, and no pointer, starts fresh ---------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "그럼 연봉 9천에 12억짜리 사면 대출 얼마나 돼요?",
        "그러면 남편 연봉 1억이고 15억 아파트면 대출 한도가 어떻게 돼요",
        "and if I earn 90 million a year and buy a 1.2 billion apartment, how much can I borrow?",
    ],
)
def test_a_loan_with_its_own_numbers_after_a_look_starts_fresh(gaz: Gazetteer, text: str) -> None:
    loan, again = talk(gaz, ["헬리오시티 59 23년 실거래 알려줘", text, "10억이면?"])[1:]
    assert loan.intent is Intent.LOAN_CONSULT and loan.act is Act.NEW
    assert loan.slots.complex is None and loan.slots.dong is None
    assert loan.slots.area_min_m2 is None and period(loan) == (None, None)
    assert loan.slots.asking_price_manwon and loan.slots.annual_income_manwon
    assert again.intent is Intent.LOAN_CONSULT and again.slots.complex is None
    assert again.slots.asking_price_manwon == 100000
    assert again.slots.annual_income_manwon == loan.slots.annual_income_manwon


@pytest.mark.parametrize(
    "text",
    [
        "그럼 거기 12억에 사면 연봉 9천이면 대출 얼마나 돼요?",
        "그럼 그 단지 13억짜리 사면 연봉 1억으로 대출 얼마까지 나와요?",
    ],
)
def test_a_loan_pointing_at_the_home_after_then_keeps_it(gaz: Gazetteer, text: str) -> None:
    frame = talk(gaz, ["헬리오시티 59 23년 실거래 알려줘", text])[1]
    assert frame.intent is Intent.LOAN_CONSULT and frame.act is Act.FOLLOW_UP
    assert frame.slots.complex == "헬리오시티"


# -- a thanks while a contract draft waits ---------------------------------------------------------------


def _while_draft_waits(gaz: Gazetteer, text: str) -> tuple[str, bool]:
    nlu = parse(strip_negated(text), gaz, TODAY)
    action, _ = decide({"action": "answer", "feedback": text})
    new = is_new_question(
        text,
        nlu.intent,
        strong_intent=nlu.confidence >= 0.7,
        pending="contract_approval",
        pending_intent=Intent.CONTRACT_CREATION,
    )
    return action, new


@pytest.mark.parametrize(
    "text", ["감사합니다~", "초안 잘 봤어요 고마워요", "thanks, that's helpful", "수고 많으셨어요 ㅎㅎ"]
)
def test_a_thanks_while_a_draft_waits_is_no_edit(gaz: Gazetteer, text: str) -> None:
    action, new = _while_draft_waits(gaz, text)
    assert action == "modify" and new  # answered as a turn of its own; the draft keeps waiting
    frame = talk(gaz, ["수내동 전세 계약서 초안 만들어 주세요", text])[1]
    assert frame.intent is Intent.UNCLEAR and not any(v is not None for _, v in frame.slots)
    assert _closing(text, parse(strip_negated(text), gaz, TODAY))


@pytest.mark.parametrize(
    "text", ["고마워요 근데 보증금 3억으로 바꿔 주세요", "감사해요, 반려동물 특약 추가해줘"]
)
def test_a_thanks_with_a_change_still_edits_the_draft(gaz: Gazetteer, text: str) -> None:
    action, new = _while_draft_waits(gaz, text)
    assert action == "modify" and not new


def test_a_closing_is_answered_with_a_short_reply() -> None:
    assert CLOSING_NOTE.startswith("천만에요") and "?" not in CLOSING_NOTE


# -- a changed amount after a side question returns to the calculation ----------------------------------


def chat(gaz: Gazetteer, turns: list[str], last_as: Intent | None = None) -> list[Frame]:
    """Turns read as planning reads them, the graph state keeping the calculation frame as well
    (`calc_frame_update`); `last_as` reads the last turn in that task (what the NLU is to say)."""
    deps = SimpleNamespace(gazetteer=gaz, today=lambda: TODAY)
    state: dict[str, Any] = {}
    frames: list[Frame] = []
    for i, text in enumerate(turns):
        query = request_part(text)
        as_intent = last_as if i == len(turns) - 1 else None
        nlu = parse(strip_negated(query), gaz, TODAY, as_intent=as_intent)
        frame = frame_of({**state, "query": query}, nlu, deps)  # type: ignore[arg-type]
        frames.append(frame)
        slots = {k: v for k, v in frame.slots if v is not None}
        if frame.intent in (Intent.UNCLEAR, Intent.IRRELEVANT) and not slots:
            continue
        context = {**slots, "_recent_months": frame.recent_months}
        state["context_slots"], state["context_intent"] = context, frame.intent.value
        if frame.intent in DATA_FRAME_INTENTS:
            state["data_context_slots"], state["data_context_intent"] = context, frame.intent.value
        state |= calc_frame_update(frame.intent, context)
    return frames


LOAN = ["연봉 8천이고 9억 아파트 사면 대출 얼마나 나와요?", "월급 650이면요?"]


@pytest.mark.parametrize(
    ("side", "text", "as_intent", "price"),
    [
        ("LTV가 무슨 뜻이에요?", "집값을 7억으로 낮추면 대출 얼마까지 돼요?", None, 70000),
        ("스트레스 DSR이 뭐예요?", "8억짜리로 내리면 한도가 얼마예요", Intent.LOAN_CONSULT, 80000),
        ("what does DSR stand for?", "what if the house is 800 million, how much can I borrow?", None, 80000),
    ],
)
def test_a_new_price_after_a_word_redoes_the_loan_with_the_income(
    gaz: Gazetteer, side: str, text: str, as_intent: Intent | None, price: int
) -> None:
    frames = chat(gaz, [*LOAN, side, text], as_intent)
    assert frames[1].slots.annual_income_manwon == 7800
    loan = frames[-1]
    assert loan.intent is Intent.LOAN_CONSULT and loan.act is Act.FOLLOW_UP
    assert loan.slots.asking_price_manwon == price and loan.slots.annual_income_manwon == 7800


def test_a_new_rent_after_a_law_question_redoes_the_yield(gaz: Gazetteer) -> None:
    turns = ["6억에 사서 보증금 4천 월세 130 받으면 수익률?", "임대소득 세금은 어떻게 내요?", "월세 160이면?"]
    frame = chat(gaz, turns)[-1]
    assert frame.intent is Intent.ROI_CALCULATION and frame.act is Act.FOLLOW_UP
    assert (frame.slots.asking_price_manwon, frame.slots.deposit_manwon) == (60000, 4000)
    assert frame.slots.monthly_rent_manwon == 160


def test_a_look_at_the_data_ends_the_calculation_frame(gaz: Gazetteer) -> None:
    assert calc_frame_update(Intent.TERM_DEFINITION, {"x": 1}) == {}
    ended = calc_frame_update(Intent.MARKET_INQUIRY, {"dong": "상계동"})
    assert ended == {"calc_context_slots": {}, "calc_context_intent": ""}
    assert set(ended) == {"calc_context_slots", "calc_context_intent"}
    frames = chat(gaz, [LOAN[0], "상계동 2024년 시세", "LTV가 뭐예요?", "연봉 1억이면 대출 얼마까지 돼요?"])
    assert frames[-1].intent is Intent.LOAN_CONSULT
    assert frames[-1].slots.asking_price_manwon is None  # the loan before the look is not taken up


# -- an English size in the plural -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "band"),
    [
        ("and the 59s?", (56.0, 62.0)),
        ("what about the 114 ones?", (111.0, 117.0)),
        ("how about 84s only", (81.0, 87.0)),
    ],
)
def test_a_plural_size_replaces_the_band(gaz: Gazetteer, text: str, band: tuple[float, float]) -> None:
    first = "What did 101m2 units at Helio City sell for in 2023?"
    frame = talk(gaz, [first, text])[1]
    assert frame.act is Act.FOLLOW_UP and frame.slots.complex == "헬리오시티"
    assert (frame.slots.area_min_m2, frame.slots.area_max_m2) == band
    assert period(frame) == ("2023-01-01", "2023-12-31")


def test_an_age_in_the_plural_is_no_size(gaz: Gazetteer) -> None:
    frame = talk(gaz, ["What did 84m2 units at Helio City sell for in 2023?", "we're in our 30s btw"])[1]
    assert frame.slots.area_min_m2 in (None, 81.0)
