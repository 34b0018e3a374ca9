"""Third round of follow-up kinds, each pinned with sentences written for these tests (not the dev
sets'): a sibling complex named by its number, one bound of a range moved, a value corrected by
another of its kind, a partner's pay added to the income in force, and a pointer back to the last
data question past a side question."""

from __future__ import annotations

import pytest

from agents.dialogue import returns_to_data
from agents.domain.slots import Intent
from agents.gazetteer import Gazetteer, GazetteerRow
from tests.unit.nlu_support import BUNDANG_END, SEOUL_END, TODAY, converse

ROWS = [
    GazetteerRow("11710", "방이동", "올림픽선수기자촌1단지", "11710-101", 300, SEOUL_END),
    GazetteerRow("11710", "방이동", "올림픽선수기자촌2단지", "11710-102", 280, SEOUL_END),
    GazetteerRow("11710", "방이동", "올림픽선수기자촌3단지", "11710-103", 260, SEOUL_END),
    GazetteerRow("11470", "목동", "목동신시가지7", "11470-7", 400, SEOUL_END),
    GazetteerRow("11470", "신정동", "목동신시가지12", "11470-12", 200, SEOUL_END),
    GazetteerRow("11470", "신정동", "목동신시가지14", "11470-14", 220, SEOUL_END),
    GazetteerRow("11710", "가락동", "헬리오시티", "11710-8865", 957, SEOUL_END),
    GazetteerRow("11710", "잠실동", "리센츠", "11710-6249", 615, SEOUL_END),
    GazetteerRow("41135", "정자동", "파크뷰", None, 1340, BUNDANG_END),
    GazetteerRow("41135", "야탑동", "장미마을(현대)", None, 500, BUNDANG_END),
    GazetteerRow("41135", "서현동", "시범한양", None, 600, BUNDANG_END),
]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.from_rows(ROWS)


# -- 1. a sibling complex named by its number --------------------------------------------------


@pytest.mark.parametrize(
    ("first", "then", "complex_", "dong"),
    [
        ("올림픽선수기자촌1단지 2023년 매매 시세", "3단지는요?", "올림픽선수기자촌3단지", "방이동"),
        (
            "올림픽선수기자촌 2단지 작년 거래 몇 건",
            "그럼 1단지도 똑같이 봐줘",
            "올림픽선수기자촌1단지",
            "방이동",
        ),
        ("목동 7단지 2022년 시세 알려줘", "신시가지 12단지는?", "목동신시가지12", "신정동"),
        ("목동신시가지7 2023 실거래", "14단지도 같은 조건으로", "목동신시가지14", "신정동"),
    ],
)
def test_another_number_of_the_family_is_the_sibling_complex(
    gaz: Gazetteer, first: str, then: str, complex_: str, dong: str
) -> None:
    before, after = converse(gaz, [first, then])
    assert after.slots.complex == complex_
    assert after.slots.dong == dong  # the sibling's own 동, from the data
    assert after.slots.period_from == before.slots.period_from  # the rest carried


def test_a_number_of_no_sibling_keeps_the_complex(gaz: Gazetteer) -> None:
    _, after = converse(gaz, ["올림픽선수기자촌1단지 2023년 시세", "9단지는?"])
    assert after.slots.complex == "올림픽선수기자촌1단지"


def test_a_complex_without_a_number_has_no_sibling(gaz: Gazetteer) -> None:
    _, after = converse(gaz, ["헬리오시티 2023년 시세", "2단지는?"])
    assert after.slots.complex == "헬리오시티"


# -- 2. one bound of a range moved, the other kept ---------------------------------------------


@pytest.mark.parametrize(
    ("then", "low", "high"),
    [
        ("위로 13억까지 늘려서 다시 봐줘", 80000, 130000),
        ("최대 12억까지 올려서 보여줘", 80000, 120000),
        ("아래로 7억까지 넓혀줘", 70000, 110000),
        ("밑으로 6억까지 내려서 다시", 60000, 110000),
    ],
)
def test_moving_one_price_bound_keeps_the_other(gaz: Gazetteer, then: str, low: int, high: int) -> None:
    _, after = converse(gaz, ["분당 정자동 8억~11억 매매 작년 거래된 거 보여줘", then])
    assert (after.slots.price_min_manwon, after.slots.price_max_manwon) == (low, high)
    assert after.slots.dong == "정자동"


def test_widening_a_size_band_reaches_the_new_band(gaz: Gazetteer) -> None:
    _, after = converse(gaz, ["분당 서현동 20평대 매매 작년 시세", "30평대까지 넓혀서 봐줘"])
    assert (after.slots.area_min_m2, after.slots.area_max_m2) == (66.12, 132.23)


def test_moving_an_area_bound_keeps_the_other(gaz: Gazetteer) -> None:
    _, after = converse(gaz, ["분당 서현동 60㎡ 이상 100㎡ 이하 매매 작년 시세", "위로 120까지 늘려서 다시"])
    assert (after.slots.area_min_m2, after.slots.area_max_m2) == (60.0, 120.0)


# -- 3. a value corrected by another of its kind -----------------------------------------------


@pytest.mark.parametrize(
    ("first", "then", "slot", "value"),
    [
        ("분당 전세 3억 이하 찾아줘", "아 3억 말고 3억5천", "price_max_manwon", 35000),
        ("분당 매매 7억 이상 작년 거래 보여줘", "7억 말고 9억이요", "price_min_manwon", 90000),
        ("연봉 6천인데 8억 집 대출 얼마나 나와?", "아니 연봉 6천 말고 7천", "annual_income_manwon", 7000),
        ("연봉 6천인데 8억 집 대출 얼마나 나와?", "8억 말고 7억5천이요", "asking_price_manwon", 75000),
    ],
)
def test_a_corrected_amount_takes_the_slot_of_the_one_it_replaces(
    gaz: Gazetteer, first: str, then: str, slot: str, value: int
) -> None:
    before, after = converse(gaz, [first, then])
    assert getattr(after.slots, slot) == value
    for other in ("price_min_manwon", "price_max_manwon", "asking_price_manwon", "annual_income_manwon"):
        if other != slot:
            assert getattr(after.slots, other) == getattr(before.slots, other)


@pytest.mark.parametrize(
    ("then", "low", "high"),
    [("84 말고 59로", 56.0, 62.0), ("아 59 말고 84요", 81.0, 87.0)],
)
def test_a_corrected_size(gaz: Gazetteer, then: str, low: float, high: float) -> None:
    first = "분당 정자동 전세 59 작년 시세" if then.startswith("아 59") else "분당 정자동 전세 84 작년 시세"
    _, after = converse(gaz, [first, then])
    assert (after.slots.area_min_m2, after.slots.area_max_m2) == (low, high)
    assert after.slots.deal_type == "전세"


@pytest.mark.parametrize(("then", "year"), [("작년 말고 재작년", "2024"), ("2023년 말고 2022년으로", "2022")])
def test_a_corrected_period(gaz: Gazetteer, then: str, year: str) -> None:
    first = "분당 정자동 전세 2023년 시세" if then.startswith("2023") else "분당 정자동 전세 작년 시세"
    _, after = converse(gaz, [first, then])
    assert (after.slots.period_from, after.slots.period_to) == (f"{year}-01-01", f"{year}-12-31")


# -- 4. a partner's pay added to the income in force -------------------------------------------


@pytest.mark.parametrize(
    ("then", "income"),
    [
        ("남편 월급 250도 합치면 얼마나 돼?", 6000 + 3000),
        ("아내 연봉 4천 더하면?", 6000 + 4000),
        ("맞벌이로 합산하면 와이프 월급 200 추가요", 6000 + 2400),
        ("신랑도 연봉 3500 버는데 합쳐서 계산해줘", 6000 + 3500),
    ],
)
def test_a_partners_pay_is_added(gaz: Gazetteer, then: str, income: int) -> None:
    _, after = converse(gaz, ["연봉 6천이고 8억 아파트 사려면 대출 얼마나 돼요", then])
    assert after.intent is Intent.LOAN_CONSULT
    assert after.slots.annual_income_manwon == income
    assert after.slots.asking_price_manwon == 80000


@pytest.mark.parametrize("then", ["맞벌이라 합치면 1억 1천이에요", "와이프랑 합산하면 1억 1천"])
def test_a_total_replaces_the_income(gaz: Gazetteer, then: str) -> None:
    _, after = converse(gaz, ["연봉 6천이고 8억 아파트 사려면 대출 얼마나 돼요", then])
    assert after.slots.annual_income_manwon == 11000


# -- 5. back to the last data question past a side question ------------------------------------


@pytest.mark.parametrize(
    "then",
    ["아까 그거 84로 다시 보여줘", "아까 거 59로 다시 알려줘요", "방금 그거 2023년으로 다시 봐줘"],
)
def test_a_pointer_back_with_a_change_continues_the_data_question(gaz: Gazetteer, then: str) -> None:
    frames = converse(
        gaz, ["분당 정자동 전세 59 작년 시세 알려줘", "근데 확정일자는 언제 받아야 돼요?", then]
    )
    assert frames[1].intent is Intent.LEGAL_INQUIRY
    last = frames[2]
    assert last.intent is Intent.MARKET_INQUIRY
    assert last.slots.dong == "정자동" and last.slots.deal_type == "전세"


def test_a_pointer_back_needs_a_change_and_a_request() -> None:
    assert returns_to_data("아까 그거 84로 다시 보여줘", TODAY)
    assert not returns_to_data("아까 그거 무슨 말이에요?", TODAY)
    assert not returns_to_data("84로 해줘", TODAY)
