"""Planning rules over the understood turn (issue 13): the deal type a sales-only place implies, when
long-term memory may fill a recommendation, how an outside place is named, and "the last year with
data". Sentences are written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from agents.domain.slots import Intent, Slots
from agents.gazetteer import Gazetteer, GazetteerRow, outside_sigungu
from agents.nlu import parse
from agents.planning import _latest_data_year, _sales_only_deal, _states_conditions
from agents.tools.coverage import Coverage, Span
from tests.unit.nlu_support import BUNDANG_END, SEOUL_END, TODAY

ROWS = [
    GazetteerRow("11710", "가락동", "헬리오시티", "11710-8865", 957, SEOUL_END),
    GazetteerRow("11440", "공덕동", "공덕자이", "11440-300", 150, SEOUL_END),
    GazetteerRow("41135", "정자동", "파크뷰", None, 1340, BUNDANG_END),
]
START = date(2020, 1, 1)
COVERAGE = Coverage(
    spans=(
        Span("11710", "매매", START, SEOUL_END, 9000),
        Span("11440", "매매", START, SEOUL_END, 7000),
        Span("41135", "매매", START, BUNDANG_END, 8000),
        Span("41135", "전세", START, BUNDANG_END, 9000),
        Span("41135", "월세", START, BUNDANG_END, 6000),
    )
)


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.from_rows(ROWS)


def deal_after_planning(gaz: Gazetteer, text: str) -> str | None:
    nlu = parse(text, gaz, TODAY)
    return _sales_only_deal(nlu.slots, nlu, nlu.intent, COVERAGE).deal_type


@pytest.mark.parametrize(
    "text",
    ["헬리오시티 요즘 얼마해?", "공덕동 2023년 중간값", "공덕자이 최근 거래", "가락동 2022년 거래 몇 건"],
)
def test_a_price_question_about_a_sales_only_place_is_about_sales(gaz: Gazetteer, text: str) -> None:
    assert deal_after_planning(gaz, text) == "매매"


@pytest.mark.parametrize(
    ("text", "deal"),
    [
        ("정자동 요즘 얼마해?", None),  # 분당 has rents too: nothing to infer
        ("공덕동 아파트", None),  # a place said alone names no deal type
        ("공덕자이 84 15억이면 어때", None),  # a price judgement keeps what was said
    ],
)
def test_no_deal_type_is_inferred_elsewhere(gaz: Gazetteer, text: str, deal: str | None) -> None:
    assert deal_after_planning(gaz, text) == deal


@pytest.mark.parametrize(
    ("slots", "states"),
    [
        (Slots(), False),
        (Slots(deal_type="전세"), True),
        (Slots(sigungu="마포구", sigungu_code="11440"), True),
        (Slots(price_max_manwon=70000), True),
        (Slots(area_min_m2=56, area_max_m2=62), True),
        (Slots(period_from="2024-01-01", period_to="2024-12-31"), False),
    ],
)
def test_memory_fills_only_a_recommendation_that_states_nothing(slots: Slots, states: bool) -> None:
    assert _states_conditions(slots) is states


@pytest.mark.parametrize(
    ("place", "query", "named"),
    [
        ("부산광역시 해운대구", "부산 해운대 전세 시세", "해운대구"),
        ("경기도 수원시 영통구", "수원 영통구 집값", "영통구"),
        ("인천광역시 연수구", "인천 송도 매매 시세", None),  # said as a 동, not as its 구
        ("경기도 수원시", "Suwon apartment prices", "수원시"),
        ("대구광역시", "대구 아파트값", None),
    ],
)
def test_an_outside_place_is_named_as_said(place: str, query: str, named: str | None) -> None:
    assert outside_sigungu(place, query) == named


@pytest.mark.parametrize(
    ("query", "slots", "year"),
    [
        ("그럼 자료 있는 마지막 해로 보여줘", Slots(sigungu="마포구", sigungu_code="11440"), "2024"),
        ("데이터가 있는 가장 마지막 연도 기준", Slots(sigungu="분당구", sigungu_code="41135"), "2025"),
        ("what about the latest year with data", Slots(sigungu="송파구", sigungu_code="11710"), "2024"),
    ],
)
def test_the_last_year_with_data_is_the_places_own(
    gaz: Gazetteer, query: str, slots: Slots, year: str
) -> None:
    assert _latest_data_year(slots, query, gaz) == {
        "period_from": f"{year}-01-01",
        "period_to": f"{year}-12-31",
    }


def test_without_the_phrase_the_period_is_left_alone(gaz: Gazetteer) -> None:
    assert _latest_data_year(Slots(sigungu_code="11440"), "마지막으로 하나만 더", gaz) is None


def test_intents_are_unchanged_by_the_planning_rules(gaz: Gazetteer) -> None:
    nlu = parse("공덕동 아파트", gaz, TODAY)
    assert _sales_only_deal(nlu.slots, nlu, Intent.PROPERTY_SEARCH, COVERAGE) == nlu.slots
