"""Tenth round of reading kinds, each pinned with sentences written for these tests (not the dev sets'):
two-digit years said in number words ("이십삼년도", glued into a name, or alone as a follow-up), an English
dong named with its 구 beside words that spell no complex ("deals up to"), a lease story told before a
price question, a lease kind asked about as a word, and an English "<complex> sales in <year>"."""

from __future__ import annotations

import pytest

from agents.domain.slots import Intent
from agents.domain.units import normalize, parse_period
from agents.gazetteer import Gazetteer, GazetteerRow
from agents.nlu import parse
from tests.unit.nlu_support import BUNDANG_END, SEOUL_END, TODAY, converse

ROWS = [
    GazetteerRow("11710", "가락동", "헬리오시티", "11710-1", 900, SEOUL_END),
    GazetteerRow("11710", "잠실동", "리센츠", "11710-2", 900, SEOUL_END),
    GazetteerRow("11680", "대치동", "은마", "11680-1", 700, SEOUL_END),
    GazetteerRow("11545", "시흥동", "관악산벽산타운5", "11545-1", 300, SEOUL_END),
    GazetteerRow("11530", "구로동", "다울숲", "11530-1", 40, SEOUL_END),
    GazetteerRow("11530", "구로동", "수내힐", "11530-2", 40, SEOUL_END),
    GazetteerRow("41135", "구미동", "하얀마을(5단지)(주공)", None, 500, BUNDANG_END),
    GazetteerRow("41135", "수내동", "양지마을(금호1차)", None, 500, BUNDANG_END),
    GazetteerRow("41135", "정자동", "느티마을3단지", None, 800, BUNDANG_END),
    GazetteerRow("41135", "서현동", "시범한양", None, 900, BUNDANG_END),
]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.from_rows(ROWS)


def _period(gaz: Gazetteer, text: str) -> tuple[object, object]:
    slots = parse(text, gaz, TODAY).slots
    return slots.period_from, slots.period_to


# -- 1. a two-digit year in number words -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("은마 이십이년도 실거래 알려줘", 2022),
        ("헬리오시티이십일년에몇건거래됐어", 2021),
        ("리센츠 이십년 매매 시세", 2020),
        ("관악산벽산타운5이십삼년에몇건팔렸어", 2023),
    ],
)
def test_a_year_in_number_words_is_that_year(gaz: Gazetteer, text: str, year: int) -> None:
    assert _period(gaz, text) == (f"{year}-01-01", f"{year}-12-31")


def test_a_year_glued_after_a_name_keeps_the_name(gaz: Gazetteer) -> None:
    slots = parse("관악산벽산타운5이십이년도거래가격좀", gaz, TODAY).slots
    assert (slots.complex, slots.period_from) == ("관악산벽산타운5", "2022-01-01")


@pytest.mark.parametrize(
    "text",
    [
        "이십억 이하 아파트",
        "이십평대 아파트",
        "삼년 전에 샀어요",
        "이십년 된 아파트",
        "오십년 넘은 집",
        "이십년 살았어요",
    ],
)
def test_amounts_sizes_and_durations_are_no_year(text: str) -> None:
    assert parse_period(normalize(text), TODAY) is None


def test_number_words_of_amounts_and_sizes_stay_as_they_were() -> None:
    assert "이십억" in normalize("이십억 이하")
    assert normalize("이십평대") == "20평대"


@pytest.mark.parametrize(
    ("first", "then", "year"),
    [
        ("은마 이십삼년도 실거래가 알려줘", "이십이년", 2022),
        ("헬리오시티 2023년 시세", "그럼 이십사년은", 2024),
        ("리센츠이십일년에몇건팔렸어", "이십이년도", 2022),
    ],
)
def test_a_year_in_number_words_alone_changes_the_year(
    gaz: Gazetteer, first: str, then: str, year: int
) -> None:
    frames = converse(gaz, [first, then])
    assert frames[1].intent is Intent.MARKET_INQUIRY
    assert frames[1].slots.complex == frames[0].slots.complex
    assert frames[1].slots.period_from == f"{year}-01-01"


# -- 2. an English dong with its 구, and no complex guessed from common words ----------------------


@pytest.mark.parametrize(
    ("text", "dong"),
    [
        (
            "Searching for a jeonse in Sunae-dong, Bundang. Show me jeonse deals up to 500 million from 2024",
            "수내동",
        ),
        ("Any wolse deals up to 300 million deposit in Gumi-dong, Bundang?", "구미동"),
        ("Looking for a flat in Jeongja-dong, Bundang. What deals up to 9억 were there last year?", "정자동"),
    ],
)
def test_an_english_dong_with_its_gu_is_that_dong_and_no_complex(
    gaz: Gazetteer, text: str, dong: str
) -> None:
    slots = parse(text, gaz, TODAY).slots
    assert (slots.sigungu, slots.dong, slots.complex) == ("분당구", dong, None)


def test_a_misspelt_english_name_outside_the_named_dong_needs_a_near_exact_score(gaz: Gazetteer) -> None:
    slots = parse("Gumi-dong, Bundang jeonse, dealsup please", gaz, TODAY).slots
    assert (slots.dong, slots.complex) == ("구미동", None)


# -- 3a. a lease story before a price question -----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "수내동 살고 있는데 계약 끝나가서 ㅠㅠ 수내동 전세 시세 얼마예요",
        "전세 만기가 다가와서 요즘 정자동 전세 시세 어떤지 궁금해요",
        "서현동 사는데 전세 만기가 곧이라 ㅜㅜ 서현동 전세 요즘 얼마해요?",
        "My jeonse contract ends next year. What are jeonse prices like in Jeongja-dong these days?",
    ],
)
def test_a_lease_story_before_a_price_question_is_a_market_question(gaz: Gazetteer, text: str) -> None:
    frames = converse(gaz, [text, "월세는?"])
    assert [f.intent for f in frames] == [Intent.MARKET_INQUIRY, Intent.MARKET_INQUIRY]
    assert frames[1].slots.deal_type == "월세"


def test_a_lease_trouble_is_still_a_question_of_law(gaz: Gazetteer) -> None:
    assert (
        parse("전세 만기가 내년인데 집주인이 안 돌려주면 어떡해요?", gaz, TODAY).intent
        is Intent.LEGAL_INQUIRY
    )


# -- 3b. a lease kind asked about as a word ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "역전세는 또 뭐야",
        "반전세는 또 뭐예요?",
        "what actually is wolse? my landlord offered it",
        "So what is a jeonse deposit exactly? everyone talks about it",
        "전세가 정확히 뭐예요? 끝나면 보증금 다 돌려받는 거 맞아요?",
        "wait, what exactly is banjeonse? Do I still get the deposit back?",
    ],
)
def test_a_lease_kind_asked_about_is_a_definition(gaz: Gazetteer, text: str) -> None:
    assert parse(text, gaz, TODAY).intent is Intent.TERM_DEFINITION


@pytest.mark.parametrize(
    "text",
    [
        "전세가 뭐야? 집주인이 보증금 안 돌려주면 어떡해",
        "what is jeonse? and how do I get my deposit back if the landlord refuses",
    ],
)
def test_a_definition_beside_a_trouble_asks_both(gaz: Gazetteer, text: str) -> None:
    result = parse(text, gaz, TODAY)
    assert result.intent is Intent.COMPREHENSIVE
    assert set(result.sub_intents) == {Intent.TERM_DEFINITION, Intent.LEGAL_INQUIRY}


# -- 3c. an English "<complex> sales in <year>" ------------------------------------------------------


@pytest.mark.parametrize(
    ("turns", "complex_name"),
    [
        (["Helio City deals in 2024?", "only 84", "2023?"], "헬리오시티"),
        (["Recentz (리센츠) sales in 2022 please", "just the 59s", "and 2023"], "리센츠"),
    ],
)
def test_an_english_complex_sales_in_a_year_is_a_market_question(
    gaz: Gazetteer, turns: list[str], complex_name: str
) -> None:
    frames = converse(gaz, turns)
    assert [f.intent for f in frames] == [Intent.MARKET_INQUIRY] * 3
    assert frames[2].slots.complex == complex_name


@pytest.mark.parametrize(
    "text",
    [
        "Show me Helio City sales in 2024",
        "Helio City sales under 2 billion in 2024",
        "Helio City recent deals?",
    ],
)
def test_english_sales_shown_bounded_or_recent_stay_a_search(gaz: Gazetteer, text: str) -> None:
    assert parse(text, gaz, TODAY).intent is Intent.PROPERTY_SEARCH
