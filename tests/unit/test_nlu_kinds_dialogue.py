"""Kinds of follow-ups and answers the dialogue state reads (issue 13), with sentences written for these
tests: what a turn inherits, which task it continues, and what a pending draft lets through."""

from __future__ import annotations

import pytest

from agents.dialogue import Act, PreviousFrame, is_new_question
from agents.domain.slots import Intent, Slots
from agents.gazetteer import Gazetteer, GazetteerRow
from agents.nlu import parse
from tests.unit.nlu_support import BUNDANG_END, SEOUL_END, TODAY, Chat

ROWS = [
    GazetteerRow("11680", "대치동", "은마", "11680-218", 369, SEOUL_END),
    GazetteerRow("11710", "가락동", "헬리오시티", "11710-8865", 957, SEOUL_END),
    GazetteerRow("11710", "잠실동", "리센츠", "11710-6249", 615, SEOUL_END),
    GazetteerRow("11440", "공덕동", "공덕자이", "11440-300", 150, SEOUL_END),
    GazetteerRow("41135", "정자동", "파크뷰", None, 1340, BUNDANG_END),
    GazetteerRow("41135", "수내동", "양지마을(금호)", None, 900, BUNDANG_END),
]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.from_rows(ROWS)


def test_a_count_keeps_the_search_it_counts(gaz: Gazetteer) -> None:
    chat = Chat(gaz)
    chat.say("공덕동 10억 이하 매매 2024년 거래 보여줘")
    frame = chat.say("8억 아래로 하면 몇 개나 돼요?")
    assert (frame.intent, frame.act) == (Intent.PROPERTY_SEARCH, Act.FOLLOW_UP)
    assert (frame.slots.dong, frame.slots.price_max_manwon) == ("공덕동", 80000)


def test_asking_for_the_deals_after_a_price_level_turns_to_a_search(gaz: Gazetteer) -> None:
    chat = Chat(gaz)
    chat.say("정자동 전세 요즘 얼마 정도 해?")
    frame = chat.say("6억 넘는 거래만 보여줄래요")
    assert (frame.intent, frame.slots.dong, frame.slots.price_min_manwon) == (
        Intent.PROPERTY_SEARCH,
        "정자동",
        60000,
    )
    assert chat.say("최근 3개월로 좁히면?").intent == Intent.PROPERTY_SEARCH


def test_a_market_question_after_a_price_judgement_keeps_complex_and_size(gaz: Gazetteer) -> None:
    chat = Chat(gaz)
    chat.say("헬리오시티 84를 19억에 사면 비싼 거야?")
    frame = chat.say("2023년 실거래는 어땠어요?")
    assert (frame.intent, frame.act) == (Intent.MARKET_INQUIRY, Act.FOLLOW_UP)
    assert (frame.slots.complex, frame.slots.area_min_m2, frame.slots.period_from) == (
        "헬리오시티",
        81.0,
        "2023-01-01",
    )


def test_one_part_of_a_two_part_question_goes_on_with_its_conditions(gaz: Gazetteer) -> None:
    chat = Chat(gaz)
    chat.say("리센츠 요즘 시세랑 연봉 9천이면 대출 얼마 나오는지 같이 알려줘")
    frame = chat.say("우선 시세만요, 59 기준으로")
    assert (frame.intent, frame.act) == (Intent.MARKET_INQUIRY, Act.FOLLOW_UP)
    assert frame.slots.complex == "리센츠"
    assert frame.slots.period_from == "2024-01-01"  # the latest year of Seoul's data, carried
    assert frame.slots.annual_income_manwon is None  # the loan part's income is not a market filter


def test_a_weak_data_question_after_a_mixed_question_picks_the_data_part(gaz: Gazetteer) -> None:
    chat = Chat(gaz)
    chat.say("은마 84 2024년 매매가랑 계약갱신요구권 요건도 알려줘")
    frame = chat.say("대치동 59는 얼마였나요?")
    assert frame.intent == Intent.MARKET_INQUIRY


def test_a_correction_said_twice_for_emphasis(gaz: Gazetteer) -> None:
    chat = Chat(gaz)
    chat.say("리센츠 59 2023년에 얼마였어?")
    frame = chat.say("아니요 59 말고 84요 84")
    assert (frame.intent, frame.act) == (Intent.MARKET_INQUIRY, Act.CORRECTION)
    assert (frame.slots.area_min_m2, frame.slots.area_max_m2) == (81.0, 87.0)
    assert frame.slots.complex == "리센츠"
    assert chat.say("그 다음 해는요?").slots.area_min_m2 == 81.0


def test_filling_in_what_a_recommendation_left_open(gaz: Gazetteer) -> None:
    chat = Chat(gaz)
    chat.say("전세로 신혼집 어디가 좋을까요?")
    frame = chat.say("수내동이요. 예산은 5억이고요")
    assert (frame.intent, frame.act) == (Intent.PROPERTY_RECOMMENDATION, Act.FOLLOW_UP)
    assert (frame.slots.deal_type, frame.slots.dong, frame.slots.price_max_manwon) == (
        "전세",
        "수내동",
        50000,
    )


def test_how_a_defined_word_works_is_a_question_of_law(gaz: Gazetteer) -> None:
    chat = Chat(gaz)
    chat.say("전입신고가 뭐야?")
    assert chat.say("그건 어디서 하는데").intent == Intent.LEGAL_INQUIRY


def test_a_bound_added_to_the_one_in_force(gaz: Gazetteer) -> None:
    chat = Chat(gaz)
    chat.say("분당 매매 60제곱미터 이상 12억 이하 2025년")
    frame = chat.say("면적 85 이하도 추가해줘")
    assert (frame.slots.area_min_m2, frame.slots.area_max_m2) == (60.0, 85.0)
    assert frame.slots.price_max_manwon == 120000


def test_a_bound_said_instead_replaces_the_old_one(gaz: Gazetteer) -> None:
    chat = Chat(gaz)
    chat.say("공덕동 매매 15억 이상 2024년")
    frame = chat.say("아니 반대로 15억 미만으로")
    assert (frame.slots.price_min_manwon, frame.slots.price_max_manwon) == (None, 149999)


def test_a_conditional_question_of_law_is_a_new_question(gaz: Gazetteer) -> None:
    chat = Chat(gaz)
    chat.say("정자동 전세 최근 거래 보여줘")
    frame = chat.say("근데 확정일자 받으면 언제부터 보호돼?")
    assert frame.act is Act.NEW
    assert frame.slots.deal_type is None


@pytest.mark.parametrize(
    "text",
    ["정자동 전세는 요즘 얼마 정도 해요?", "공덕동 2024년 거래 몇 건이에요?"],
)
def test_a_data_question_while_a_draft_waits_is_new(gaz: Gazetteer, text: str) -> None:
    nlu = parse(text, gaz, TODAY)
    assert is_new_question(
        text,
        nlu.intent,
        strong_intent=nlu.confidence >= 0.7,
        pending="contract_approval",
        pending_intent=Intent.CONTRACT_CREATION,
    )


@pytest.mark.parametrize("text", ["보증금 3억으로 바꿔줘", "월세 90으로", "승인"])
def test_edits_and_approvals_answer_the_draft(gaz: Gazetteer, text: str) -> None:
    nlu = parse(text, gaz, TODAY)
    assert not is_new_question(
        text,
        nlu.intent,
        strong_intent=nlu.confidence >= 0.7,
        pending="contract_approval",
        pending_intent=Intent.CONTRACT_CREATION,
    )


def test_previous_frame_keeps_the_slots_it_was_given() -> None:
    frame = PreviousFrame(Intent.MARKET_INQUIRY, Slots(sigungu="마포구", sigungu_code="11440"))
    assert frame.slots.sigungu == "마포구"
