"""Third round of reading kinds, each pinned with sentences written for these tests (not the dev
sets'): a price judgement of a home pointed at, unit conversions, a price given as a loan's input,
where to get a defined paper, where-to-buy questions, a data request beside a definition, bare
amounts after 보증금/월세 in a contract, English complex names, two-digit year ranges and the
clarifying-question and memory rules of a price judgement."""

from __future__ import annotations

import asyncio
from datetime import date
from types import SimpleNamespace
from typing import Any

import pytest

from agents.domain.slots import Intent, Slots
from agents.domain.units import normalize, parse_money, parse_period
from agents.gazetteer import Gazetteer, GazetteerRow, family_stem
from agents.nlu import parse
from agents.planning import _memory_fill
from tests.unit.nlu_support import BUNDANG_END, SEOUL_END, TODAY

ROWS = [
    GazetteerRow("11710", "방이동", "올림픽선수기자촌1단지", "11710-101", 300, SEOUL_END),
    GazetteerRow("11710", "방이동", "올림픽선수기자촌2단지", "11710-102", 280, SEOUL_END),
    GazetteerRow("11470", "목동", "목동신시가지5", "11470-5", 380, SEOUL_END),
    GazetteerRow("11470", "신정동", "목동신시가지11", "11470-11", 200, SEOUL_END),
    GazetteerRow("11710", "가락동", "헬리오시티", "11710-8865", 957, SEOUL_END),
    GazetteerRow("11710", "잠실동", "리센츠", "11710-6249", 615, SEOUL_END),
    GazetteerRow("11650", "반포동", "반포자이", "11650-300", 500, SEOUL_END),
    GazetteerRow("41135", "정자동", "파크뷰", None, 1340, BUNDANG_END),
]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.from_rows(ROWS)


# -- 6. a home pointed at, judged; memory never fills a price judgement -------------------------


@pytest.mark.parametrize(
    "text",
    [
        "이 집 사려고 하는데 적정한 가격인지 봐줄래?",
        "그 아파트 비싼 건지 평가 좀",
        "여기 사도 될까요 적정가 궁금해요",
    ],
)
def test_a_judgement_of_a_home_pointed_at_is_a_price_evaluation(gaz: Gazetteer, text: str) -> None:
    result = parse(text, gaz, TODAY)
    assert result.intent is Intent.PRICE_EVALUATION
    assert "complex" in result.missing


def test_a_ranking_is_still_no_judgement(gaz: Gazetteer) -> None:
    assert parse("이 동네 제일 비싼 아파트 어디야", gaz, TODAY).intent is not Intent.PRICE_EVALUATION


@pytest.mark.parametrize("text", ["파크뷰 84 15억이에요", "헬리오시티 59 13억5천"])
def test_an_answer_read_in_the_pending_judgements_roles(gaz: Gazetteer, text: str) -> None:
    result = parse(text, gaz, TODAY, as_intent=Intent.PRICE_EVALUATION)
    assert result.intent is Intent.PRICE_EVALUATION
    assert result.slots.complex is not None and result.slots.asking_price_manwon is not None
    assert result.slots.area_min_m2 is not None


def test_memory_never_fills_the_home_of_a_price_judgement(gaz: Gazetteer) -> None:
    called: list[Any] = []

    async def recall(*args: Any) -> None:
        called.append(args)

    deps = SimpleNamespace(recall=recall)
    nlu = parse("이 집 적정가인지 봐주세요", gaz, TODAY)
    state = {"query": "이 집 적정가인지 봐주세요", "context_intent": None}
    slots, used = asyncio.run(_memory_fill(state, "u1", nlu.slots, nlu, deps, nlu.intent))  # type: ignore[arg-type]
    assert (slots, used, called) == (nlu.slots, [], [])


# -- 7. intent cues ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "59㎡면 몇 평이에요?",
        "전용 114는 몇 평이야",
        "25평이면 대략 몇 제곱미터야?",
        "How many pyeong is 59 square meters?",
    ],
)
def test_a_unit_conversion_is_a_definition(gaz: Gazetteer, text: str) -> None:
    result = parse(text, gaz, TODAY)
    assert result.intent is Intent.TERM_DEFINITION
    assert result.slots == Slots()


@pytest.mark.parametrize(
    "text",
    [
        "아파트값 9억이면 LTV 적용해서 얼마 빌릴 수 있어?",
        "집값이 6억5천이면 대출 한도 얼마야",
        "매매가 7억이면 주담대 얼마까지 돼요",
    ],
)
def test_a_price_given_as_the_loans_input_is_no_market_question(gaz: Gazetteer, text: str) -> None:
    result = parse(text, gaz, TODAY)
    assert result.intent is Intent.LOAN_CONSULT
    assert result.slots.asking_price_manwon is not None


@pytest.mark.parametrize(
    "text",
    [
        "건축물대장 말고 등기부등본이 뭔지랑 어떻게 발급받는지",
        "확정일자가 뭐야? 어디서 받아?",
        "전입신고가 뭔데 어떻게 신청해",
    ],
)
def test_what_and_where_of_one_term_is_a_definition(gaz: Gazetteer, text: str) -> None:
    assert parse(text, gaz, TODAY).intent is Intent.TERM_DEFINITION


@pytest.mark.parametrize(
    "text",
    [
        "실거주용으로 분당 어디 사면 좋을까",
        "예산 9억인데 서울 어디에 집 사는 게 나을까?",
        "신혼집 어디로 이사 가면 괜찮을까 예산 6억",
    ],
)
def test_where_to_buy_is_a_recommendation(gaz: Gazetteer, text: str) -> None:
    assert parse(text, gaz, TODAY).intent is Intent.PROPERTY_RECOMMENDATION


@pytest.mark.parametrize(
    "text",
    ["헬리오시티 2023년 시세랑 용적률이 뭔지도 알려줘", "파크뷰 84 작년 실거래가랑 대지지분이 뭔지도 같이"],
)
def test_a_data_request_beside_a_definition_is_comprehensive(gaz: Gazetteer, text: str) -> None:
    result = parse(text, gaz, TODAY)
    assert result.intent is Intent.COMPREHENSIVE
    assert Intent.TERM_DEFINITION in result.sub_intents
    assert result.slots.complex is not None and result.slots.period_from is not None


def test_two_terms_asked_together_stay_a_definition(gaz: Gazetteer) -> None:
    assert parse("전세권이랑 확정일자 차이가 뭐야", gaz, TODAY).intent is Intent.TERM_DEFINITION


# -- 8. bare amounts after 보증금 / 월세 -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "deposit", "rent"),
    [
        ("월세 계약서 써주세요 보증금 2000 월세 70", 2000, 70),
        ("보증금 500 월세 45로 월세 계약서 초안 만들어줘", 500, 45),
        ("반전세 계약서 작성해줘 보증금 5000 월 90", 5000, 90),
    ],
)
def test_bare_amounts_after_deposit_and_rent_words_are_manwon(
    gaz: Gazetteer, text: str, deposit: int, rent: int
) -> None:
    result = parse(text, gaz, TODAY)
    assert result.intent is Intent.CONTRACT_CREATION
    assert (result.slots.deposit_manwon, result.slots.monthly_rent_manwon) == (deposit, rent)


def test_a_month_or_year_after_a_deposit_is_still_no_money() -> None:
    money = parse_money(normalize("보증금 3000 월세 50 2년 계약"))
    assert [(m.manwon, m.role) for m in money] == [(3000, "deposit"), (50, "monthly")]


# -- 9. complexes said in English ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "complex_"),
    [
        ("Mokdong Complex 5 prices in 2023", "목동신시가지5"),
        ("how much did mokdong complex 11 sell for in 2022", "목동신시가지11"),
        ("Olympic Village complex 2 sales in 2023", "올림픽선수기자촌2단지"),
        ("Is 1.4 billion fair for Olympic Village 1?", "올림픽선수기자촌1단지"),
        ("Helio City median price 2024", "헬리오시티"),
    ],
)
def test_english_complex_names(gaz: Gazetteer, text: str, complex_: str) -> None:
    assert parse(text, gaz, TODAY).slots.complex == complex_


def test_family_stem() -> None:
    assert family_stem("목동신시가지14") == "목동신시가지"
    assert family_stem("올림픽선수기자촌3단지") == "올림픽선수기자촌"
    assert family_stem("헬리오시티") == ""


# -- two-digit year ranges ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [("21~22년 거래", 2021, 2022), ("20-23년 합쳐서", 2020, 2023), ("22년부터 24년까지", 2022, 2024)],
)
def test_two_digit_year_ranges(text: str, start: int, end: int) -> None:
    period = parse_period(normalize(text), TODAY)
    assert period is not None
    assert (period.start, period.end) == (date(start, 1, 1), date(end, 12, 31))


def test_the_first_year_of_a_range_is_no_size(gaz: Gazetteer) -> None:
    result = parse("헬리오시티 21~22년 시세", gaz, TODAY)
    assert (result.slots.area_min_m2, result.slots.period_from) == (None, "2021-01-01")
