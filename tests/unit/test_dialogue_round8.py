"""Eighth round of dialogue kinds (sentences written for these tests, not the dev sets'): months or a
part of a year said without a year take the year in force, or the place's latest year of data; after
another kind of home, "아파트로" asks the same question for apartments (answered, not declined); a loan
question pointing at the price in play ("그 가격대", "그 정도 집") goes on with that home or search; a
size said with 위주/중심 is a size; a 월세 offer is judged by its deposit and rent; a fragment opening a
chat carries no slots."""

from __future__ import annotations

import pytest

from agents.dialogue import (
    Act,
    Frame,
    switches_to_apartments,
    year_part_months,
)
from agents.domain.slots import Intent, Slots
from agents.gazetteer import Gazetteer, GazetteerRow
from agents.planning import _part_of_latest_year, missing_required
from tests.unit.nlu_support import BUNDANG_END, SEOUL_END, talk

ROWS = [
    GazetteerRow("41135", "서현동", "시범한양", None, 900, BUNDANG_END),
    GazetteerRow("41135", "수내동", "양지마을(한양)", None, 900, BUNDANG_END),
    GazetteerRow("41135", "정자동", "느티마을3단지", None, 800, BUNDANG_END),
    GazetteerRow("11350", "상계동", "상계주공7", "11350-1", 900, SEOUL_END),
    GazetteerRow("11440", "아현동", "마포래미안푸르지오", "11440-2", 900, SEOUL_END),
    GazetteerRow("11710", "가락동", "헬리오시티", "11710-1", 900, SEOUL_END),
]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.from_rows(ROWS)


def period(frame: Frame) -> tuple[str | None, str | None]:
    return frame.slots.period_from, frame.slots.period_to


# -- months and parts of a year said without a year -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10월부터 12월까지는?", ("2023-10-01", "2023-12-31")),
        ("그럼 4~6월은요", ("2023-04-01", "2023-06-30")),
        ("7월만", ("2023-07-01", "2023-07-31")),
        ("11월 이후로는요?", ("2023-11-01", "2023-12-31")),
        ("하반기만 보면?", ("2023-07-01", "2023-12-31")),
        ("what about sept to nov?", ("2023-09-01", "2023-11-30")),
        ("and Q2?", ("2023-04-01", "2023-06-30")),
        ("from March to May?", ("2023-03-01", "2023-05-31")),
        ("3월~5월 사이는?", ("2023-03-01", "2023-05-31")),
        ("just february", ("2023-02-01", "2023-02-28")),
    ],
)
def test_months_without_a_year_take_the_year_in_force(
    gaz: Gazetteer, text: str, expected: tuple[str, str]
) -> None:
    frame = talk(gaz, ["서현동 2023년 매매 시세 알려줘", text])[1]
    assert frame.intent is Intent.MARKET_INQUIRY and frame.act is Act.FOLLOW_UP
    assert frame.slots.dong == "서현동" and frame.slots.deal_type == "매매"
    assert period(frame) == expected


def test_months_after_a_range_of_months_stay_in_its_year(gaz: Gazetteer) -> None:
    first = "수내동 2025년 2월부터 5월까지 전세 중위가"
    frame = talk(gaz, [first, "6월에서 9월은"])[1]
    assert frame.slots.deal_type == "전세" and period(frame) == ("2025-06-01", "2025-09-30")


@pytest.mark.parametrize(
    ("first", "text", "expected"),
    [
        ("상계동 매매 시세 어때요", "하반기는?", ("2024-07-01", "2024-12-31")),
        ("정자동 전세 시세 알려줘", "1분기만요", ("2025-01-01", "2025-03-31")),
        ("상계주공7 실거래가 보여줘", "3월부터 5월은", ("2024-03-01", "2024-05-31")),
    ],
)
def test_with_no_period_in_force_the_latest_year_of_the_data(
    gaz: Gazetteer, first: str, text: str, expected: tuple[str, str]
) -> None:
    frame = talk(gaz, [first, text])[1]
    assert frame.act is Act.FOLLOW_UP and period(frame) == expected


def test_a_part_of_a_year_named_relative_to_today_keeps_that_year(gaz: Gazetteer) -> None:
    frame = talk(gaz, ["정자동 2025년 전세 시세", "재작년 하반기랑 비교하면?"])[1]
    assert period(frame) == ("2024-07-01", "2024-12-31")


def test_a_new_question_with_a_half_and_no_year_reads_the_latest_year(gaz: Gazetteer) -> None:
    slots = Slots(sigungu="노원구", sigungu_code="11350")
    assert _part_of_latest_year(slots, "노원구 상반기 매매 시세", gaz) == {
        "period_from": "2024-01-01",
        "period_to": "2024-06-30",
    }
    assert _part_of_latest_year(slots, "노원구 2023년 상반기 시세", gaz) is None


@pytest.mark.parametrize(
    "text",
    [
        "월세는요?",
        "6개월로 늘려줘",
        "월 200이면?",
        "23년 9월부터 12월은",  # a year said: the NLU reads it
        "작년 하반기는요?",
        "last year's Q3?",
        "5월에 전세 계약했는데 집주인이 보증금 올려달라고 하면 어떻게 해요?",  # a month in a story
        "market prices to date",
    ],
)
def test_no_months_where_none_are_asked(text: str) -> None:
    assert year_part_months(text) is None


# -- apartments after another kind of home ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["오피스텔 없으면 아파트는요?", "그럼 아파트로 봐줘", "빌라 안 되면 아파트로", "apartments instead"],
)
def test_apartments_after_another_home_is_the_same_question(gaz: Gazetteer, text: str) -> None:
    frame = talk(gaz, ["상계동 오피스텔 매매 2024년 시세 얼마예요", text])[1]
    assert frame.intent is Intent.MARKET_INQUIRY and frame.act is Act.FOLLOW_UP
    assert frame.slots.dong == "상계동" and frame.slots.deal_type == "매매"
    assert period(frame) == ("2024-01-01", "2024-12-31")
    assert switches_to_apartments(text) or "아파트" not in text


def test_apartments_then_keeps_the_bounds(gaz: Gazetteer) -> None:
    frame = talk(gaz, ["정자동 빌라 전세 3억 이하 있어?", "apartments then"])[1]
    assert frame.act is Act.FOLLOW_UP and frame.intent is Intent.PROPERTY_SEARCH
    assert frame.slots.dong == "정자동" and frame.slots.deal_type == "전세"
    assert frame.slots.price_max_manwon == 30000


@pytest.mark.parametrize(
    ("text", "switches"),
    [
        ("빌라는 안되면 아파트로요", True),
        ("오피스텔 말고 아파트 시세", True),
        ("no villas then, apartments", True),
        ("아파트로요", True),
        ("빌라랑 아파트 시세 비교해줘", False),
        ("빌라 시세 알려줘", False),
        ("officetel prices", False),
    ],
)
def test_which_messages_set_another_home_aside(text: str, switches: bool) -> None:
    assert switches_to_apartments(text) is switches


# -- a loan pointing at the price in play ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "연봉 9천이면 그 가격대 집 사는데 대출은 얼마나 나와요?",
        "그 정도 집 사려면 대출 한도가 어떻게 돼요? 연봉 9천",
        "그런 집 살 때 대출 얼마까지 받을 수 있어요? 연봉 9천이에요",
        "How much could I borrow for a place like that? My salary is 90 million won",
    ],
)
def test_a_loan_pointing_at_the_price_in_play_keeps_the_home(gaz: Gazetteer, text: str) -> None:
    frame = talk(gaz, ["상계주공7 59 2024년 매매 실거래 얼마예요", text])[1]
    assert frame.intent is Intent.LOAN_CONSULT and frame.act is Act.FOLLOW_UP
    assert frame.slots.complex == "상계주공7" and frame.slots.area_min_m2 == 56.0
    assert period(frame) == ("2024-01-01", "2024-12-31")
    assert frame.slots.annual_income_manwon == 9000 and frame.slots.asking_price_manwon is None


def test_a_loan_naming_the_complex_just_looked_at_keeps_its_size_and_period(gaz: Gazetteer) -> None:
    turns = ["헬리오시티 59 2024년 실거래 알려줘", "헬리오시티를 15억에 산다 치면 연봉 1억인데 대출 한도는?"]
    frame = talk(gaz, turns)[1]
    assert frame.intent is Intent.LOAN_CONSULT and frame.act is Act.FOLLOW_UP
    assert frame.slots.complex == "헬리오시티" and frame.slots.area_min_m2 == 56.0
    assert period(frame) == ("2024-01-01", "2024-12-31")
    assert (frame.slots.asking_price_manwon, frame.slots.annual_income_manwon) == (150000, 10000)


def test_a_loan_pointing_at_a_searchs_budget_keeps_the_bound(gaz: Gazetteer) -> None:
    first = "아현동 8억 이하 매매 2024년 거래 보여줘"
    frame = talk(gaz, [first, "그 가격대 사려면 대출은 얼마나 돼요? 연봉 6천"])[1]
    assert frame.intent is Intent.LOAN_CONSULT and frame.act is Act.FOLLOW_UP
    assert frame.slots.dong == "아현동" and frame.slots.price_max_manwon == 80000
    assert frame.slots.annual_income_manwon == 6000
    assert missing_required(frame.intent, frame.slots) == []


# -- a size said with 위주 / 중심 ----------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["84 위주로요", "84타입 위주로 보여줘", "84 중심으로", "84 정도로만"])
def test_a_size_said_as_a_focus_narrows_the_size(gaz: Gazetteer, text: str) -> None:
    frame = talk(gaz, ["상계동 2024년 매매 거래 보여줘", text])[1]
    assert frame.intent is Intent.PROPERTY_SEARCH and frame.act is Act.FOLLOW_UP
    assert (frame.slots.area_min_m2, frame.slots.area_max_m2) == (81.0, 87.0)
    assert frame.slots.dong == "상계동" and period(frame) == ("2024-01-01", "2024-12-31")


# -- a 월세 offer judged --------------------------------------------------------------------------------------


def test_a_rent_offer_is_judged_by_its_deposit_and_rent(gaz: Gazetteer) -> None:
    turns = [
        "느티마을3단지 월세 2025년 시세 알려줘",
        "보증금 5천에 월 150 부르는데 괜찮은 건가요?",
        "월 130이면요?",
    ]
    judged, again = talk(gaz, turns)[1:]
    for frame in (judged, again):
        assert frame.intent is Intent.PRICE_EVALUATION and frame.act is Act.FOLLOW_UP
        assert frame.slots.complex == "느티마을3단지" and frame.slots.deal_type == "월세"
        assert frame.slots.deposit_manwon == 5000 and frame.slots.monthly_rent_max_manwon is None
        assert frame.slots.asking_price_manwon is None
        assert missing_required(frame.intent, frame.slots) == []
    assert (judged.slots.monthly_rent_manwon, again.slots.monthly_rent_manwon) == (150, 130)


def test_a_sale_judgement_still_needs_its_price() -> None:
    slots = Slots(sigungu="분당구", sigungu_code="41135", deal_type="매매")
    assert missing_required(Intent.PRICE_EVALUATION, slots) == ["asking_price"]


# -- a fragment opening a chat ----------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["전세?", "84요", "2023년은?"])
def test_a_fragment_opening_a_chat_carries_no_slots(gaz: Gazetteer, text: str) -> None:
    frame = talk(gaz, [text])[0]
    assert frame.intent in (Intent.UNCLEAR, Intent.IRRELEVANT)
    assert {k: v for k, v in frame.slots if v is not None} == {}
