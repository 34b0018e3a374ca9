"""Money, area, rooms and period expressions: the conventions every other part relies on."""

from __future__ import annotations

from datetime import date

import pytest

from agents.domain.units import (
    area_band,
    normalize,
    parse_area,
    parse_money,
    parse_period,
    parse_rooms,
    pyeong_to_m2,
    recent_window,
)

TODAY = date(2026, 11, 21)


def money(text: str) -> list[tuple[int, str, str]]:
    return [(m.manwon, m.bound, m.role) for m in parse_money(normalize(text))]


def area(text: str) -> list[tuple[float | None, float | None]]:
    return [(a.min_m2, a.max_m2) for a in parse_area(normalize(text))]


def period(text: str) -> tuple[date | None, date | None, int | None] | None:
    found = parse_period(normalize(text), TODAY)
    return None if found is None else (found.start, found.end, found.recent_months)


# -- money -------------------------------------------------------------------------------------


def test_five_eok_five_cheon_is_55000_manwon() -> None:
    assert money("5억 5천") == [(55000, "exact", "price")]


def test_eok_followed_by_digits_counts_the_digits_as_manwon() -> None:
    assert money("3억5000") == [(35000, "exact", "price")]


def test_decimal_eok_is_scaled() -> None:
    assert money("2.5억") == [(25000, "exact", "price")]


def test_cheon_alone_is_thousands_of_manwon() -> None:
    assert money("8천") == [(8000, "exact", "price")]
    assert money("5천만원") == [(5000, "exact", "price")]


def test_spoken_single_digit_after_eok_means_cheon() -> None:
    assert money("2억5") == [(25000, "exact", "price")]


def test_cheon_baek_combination() -> None:
    assert money("연봉 7천 5백인데") == [(7500, "exact", "income")]


def test_manwon_amounts_are_taken_as_written() -> None:
    assert money("월세 80만원 이하") == [(80, "max", "monthly")]
    assert money("55,000만원") == [(55000, "exact", "price")]


def test_hangul_numerals_before_eok() -> None:
    assert money("십억 이하") == [(100000, "max", "price")]


@pytest.mark.parametrize(
    ("text", "manwon"),
    [
        ("1 billion won", 100000),
        ("1.5 billion", 150000),
        ("500 million", 50000),
        ("800,000,000원", 80000),
        ("₩800,000,000", 80000),
    ],
)
def test_english_and_won_amounts_convert_to_manwon(text: str, manwon: int) -> None:
    assert [m[0] for m in money(text)] == [manwon]


def test_month_prefix_makes_a_bare_number_a_monthly_rent() -> None:
    assert money("월 100") == [(100, "exact", "monthly")]


def test_salary_prefix_makes_a_bare_number_an_income() -> None:
    assert money("연봉 8000") == [(8000, "exact", "income")]


def test_monthly_salary_is_annualised() -> None:
    assert money("월급 400인데") == [(4800, "exact", "income")]


def test_deposit_keyword_gives_the_deposit_role() -> None:
    assert money("보증금 5천 이하 월 100 이하") == [(5000, "max", "deposit"), (100, "max", "monthly")]


def test_a_role_word_does_not_reach_past_the_previous_amount() -> None:
    assert money("연봉 8천에 6억 아파트") == [(8000, "exact", "income"), (60000, "exact", "price")]


@pytest.mark.parametrize(
    ("text", "bound"),
    [("5억 이하", "max"), ("5억 미만", "max"), ("5억까지", "max"), ("under 500 million", "max")],
)
def test_upper_bound_words(text: str, bound: str) -> None:
    assert money(text)[0][1] == bound


@pytest.mark.parametrize(
    ("text", "bound"), [("10억 이상", "min"), ("30억 넘는", "min"), ("over 1 billion", "min")]
)
def test_lower_bound_words(text: str, bound: str) -> None:
    assert money(text)[0][1] == bound


@pytest.mark.parametrize(
    "text",
    ["3억에서 5억 사이", "3억~5억", "3~5억", "3억부터 5억까지", "between 300 million and 500 million won"],
)
def test_ranges_give_a_min_and_a_max(text: str) -> None:
    assert [(m[0], m[1]) for m in money(text)] == [(30000, "min"), (50000, "max")]


def test_eok_decade_is_a_range_of_one_eok() -> None:
    (mention,) = parse_money(normalize("5억대"))
    assert (mention.manwon, mention.upper_manwon) == (50000, 59999)


@pytest.mark.parametrize("text", ["-5억", "마이너스 3억", "0억", "99999999억"])
def test_negative_zero_and_absurd_amounts_are_dropped(text: str) -> None:
    assert money(text) == []


def test_numbers_followed_by_other_units_are_not_money() -> None:
    assert money("5억 30평대 2024년") == [(50000, "exact", "price")]
    assert money("3억 원룸") == [(30000, "exact", "price")]


# -- area --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["84㎡", "84m2", "84 m²", "84제곱미터", "84제곱", "전용 59", "84 square meters", "84타입"]
)
def test_one_stated_size_is_a_band_of_plus_minus_3_m2(text: str) -> None:
    value = 59.0 if "59" in text else 84.0
    assert area(text) == [(value - 3, value + 3)]


def test_pyeong_is_converted_then_banded() -> None:
    assert pyeong_to_m2(30) == 99.17
    assert area("30평") == [(96.17, 102.17)]
    assert area("30 pyeong") == [(96.17, 102.17)]


def test_pyeong_decade_is_thirty_to_forty_pyeong() -> None:
    assert area("30평대") == [(99.17, 132.23)]
    assert area("30평때") == [(99.17, 132.23)]  # a common typo


def test_national_size_is_84() -> None:
    assert area("국민평형") == [area_band(84.0)]
    assert area("국평") == [area_band(84.0)]


def test_bounds_are_exact_not_banded() -> None:
    assert area("85㎡ 이하") == [(None, 85.0)]
    assert area("40평 이상") == [(132.23, None)]


def test_area_ranges_take_the_outer_band_edges() -> None:
    assert area("59~84㎡") == [(56.0, 87.0)]


def test_average_is_not_pyeong() -> None:
    assert area("2024년 평균") == []


# -- rooms -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rooms"),
    [
        ("방 3개", 3),
        ("방3개", 3),
        ("쓰리룸", 3),
        ("투룸", 2),
        ("원룸", 1),
        ("3 bedrooms", 3),
        ("two-bedroom", 2),
    ],
)
def test_room_counts(text: str, rooms: int) -> None:
    found = parse_rooms(normalize(text))
    assert found is not None and found.rooms == rooms


# -- periods -----------------------------------------------------------------------------------


def test_a_year_is_the_whole_calendar_year() -> None:
    assert period("2023년") == (date(2023, 1, 1), date(2023, 12, 31), None)


def test_halves_quarters_and_months() -> None:
    assert period("2024년 상반기") == (date(2024, 1, 1), date(2024, 6, 30), None)
    assert period("23년 하반기") == (date(2023, 7, 1), date(2023, 12, 31), None)
    assert period("2021년 1분기") == (date(2021, 1, 1), date(2021, 3, 31), None)
    assert period("2021년 3월") == (date(2021, 3, 1), date(2021, 3, 31), None)
    assert period("first half of 2024") == (date(2024, 1, 1), date(2024, 6, 30), None)


def test_relative_years_follow_today() -> None:
    assert period("작년") == (date(2025, 1, 1), date(2025, 12, 31), None)
    assert period("올해") == (date(2026, 1, 1), date(2026, 12, 31), None)
    assert period("작년 하반기") == (date(2025, 7, 1), date(2025, 12, 31), None)
    assert period("last year") == (date(2025, 1, 1), date(2025, 12, 31), None)


def test_year_ranges() -> None:
    expected = (date(2021, 1, 1), date(2023, 12, 31), None)
    assert period("2021년부터 2023년까지") == expected
    assert period("2021~2023") == expected
    assert period("2020년 대비 2024년")[:2] == (date(2020, 1, 1), date(2024, 12, 31))


def test_since_is_open_ended() -> None:
    assert period("2022년 이후") == (date(2022, 1, 1), None, None)
    assert period("since 2021") == (date(2021, 1, 1), None, None)


def test_recent_words_are_data_relative_windows() -> None:
    assert period("최근") == (None, None, 12)
    assert period("요즘") == (None, None, 12)
    assert period("recent") == (None, None, 12)
    assert period("최근 3개월") == (None, None, 3)
    assert period("최근 2년") == (None, None, 24)
    assert period("last 6 months") == (None, None, 6)


def test_recent_window_is_whole_months_ending_with_the_latest_month() -> None:
    assert recent_window(date(2024, 12, 30), 12) == (date(2024, 1, 1), date(2024, 12, 31))
    assert recent_window(date(2025, 12, 31), 3) == (date(2025, 10, 1), date(2025, 12, 31))
    assert recent_window(date(2024, 2, 10), 3) == (date(2023, 12, 1), date(2024, 2, 29))


def test_thirty_year_old_building_is_not_a_period() -> None:
    assert period("30년 된 아파트") is None
