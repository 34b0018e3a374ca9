"""Fifth round of understanding kinds, follow-ups (sentences written for these tests, not the dev sets'):
a condition taken away by its kind keeps the rest of the frame, a follow-up changes only what it names
(a bare year is no size, a size after a short complex name or "what about" replaces the band, a
quarter without a year is one of the year in force and ends on its month's last day), and N평 is
rounded as the conventions round it."""

from __future__ import annotations

import pytest

from agents.dialogue import dropped_groups, strip_negated
from agents.domain.units import area_band, pyeong_to_m2
from agents.gazetteer import Gazetteer, GazetteerRow
from tests.unit.nlu_support import BUNDANG_END, SEOUL_END, converse

ROWS = [
    GazetteerRow("11650", "반포동", "래미안퍼스티지", "11650-1", 900, SEOUL_END),
    GazetteerRow("11650", "반포동", "반포자이", "11650-2", 800, SEOUL_END),
    GazetteerRow("11350", "월계동", "미륭", "11350-1", 900, SEOUL_END),
    GazetteerRow("11350", "하계동", "청구", "11350-2", 900, SEOUL_END),
    GazetteerRow("11530", "개봉동", "한진", "11530-1", 900, SEOUL_END),
    GazetteerRow("11530", "고척동", "벽산", "11530-2", 900, SEOUL_END),
    GazetteerRow("11500", "가양동", "가양", "11500-1", 900, SEOUL_END),
    GazetteerRow("11500", "등촌동", "주공", "11500-3", 900, SEOUL_END),
    GazetteerRow("11215", "자양동", "아크로리버하임", "11215-1", 600, SEOUL_END),
    GazetteerRow("41135", "서현동", "시범한양", None, 600, BUNDANG_END),
    GazetteerRow("41135", "이매동", "이매촌한신", None, 600, BUNDANG_END),
]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.from_rows(ROWS)


# -- a condition taken away by its kind ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("예산 조건은 빼주세요", "price"),
        ("가격 제한 없이 다시", "price"),
        ("5억 이하 조건 지워줘", "price"),
        ("면적은 상관없이 봐줘", "area"),
        ("평형 조건 풀어줘", "area"),
        ("월세 상한은 없애고", "monthly_cap"),
        ("기간 조건 빼고요", "period"),
        ("drop the size filter", "area"),
    ],
)
def test_a_condition_is_named_by_its_kind(text: str, group: str) -> None:
    assert dropped_groups(text) == {group}


def test_a_kind_dropped_keeps_the_rest_of_a_rent_search(gaz: Gazetteer) -> None:
    frames = converse(
        gaz, ["이매동 월세 보증금 3000 이하 월세 80 이하 2025년 거래 찾아줘", "보증금 조건은 없애줘"]
    )
    slots = frames[1].slots
    assert frames[1].intent is frames[0].intent
    assert slots.price_max_manwon is None and slots.monthly_rent_max_manwon == 80
    assert slots.dong == "이매동" and slots.deal_type == "월세" and slots.period_from == "2025-01-01"


@pytest.mark.parametrize("drop", ["면적 조건은 빼줘", "아니 평수는 상관없이", "크기 제한 없이요"])
def test_dropping_the_size_keeps_price_and_period(gaz: Gazetteer, drop: str) -> None:
    frames = converse(gaz, ["서현동 전세 3억~4억 사이 2025년 거래 찾아줘", "30평 이하만", drop])
    slots = frames[2].slots
    assert slots.area_min_m2 is None and slots.area_max_m2 is None
    assert (slots.price_min_manwon, slots.price_max_manwon) == (30000, 40000)
    assert slots.dong == "서현동" and slots.deal_type == "전세" and slots.period_to == "2025-12-31"


def test_a_bound_dropped_by_its_amount_leaves_the_rest_of_the_message(gaz: Gazetteer) -> None:
    frames = converse(gaz, ["개봉동 2023년 매매 5억 이하 거래 보여줘", "3억 초과 조건 지우고 고척동 59만"])
    slots = frames[1].slots
    assert slots.price_min_manwon is None and slots.price_max_manwon is None
    assert (slots.area_min_m2, slots.area_max_m2) == (56.0, 62.0) and slots.dong == "고척동"
    assert " 고척동 59만" in strip_negated("3억 초과 조건 지우고 고척동 59만")


# -- a follow-up changes only what it names ------------------------------------------------------


@pytest.mark.parametrize("year", ["2019?", "2021", "2022?"])
def test_a_bare_four_digit_year_is_no_size(gaz: Gazetteer, year: str) -> None:
    frames = converse(gaz, ["아크로리버하임 84 2024 매매 시세", year])
    slots = frames[1].slots
    assert (slots.area_min_m2, slots.area_max_m2) == (81.0, 87.0)
    assert slots.period_from == f"{year[:4]}-01-01"


@pytest.mark.parametrize("text", ["what about 59?", "how about 59", "and 59?"])
def test_an_english_follow_up_replaces_the_size(gaz: Gazetteer, text: str) -> None:
    frames = converse(gaz, ["아크로리버하임 84 2024 매매 시세", text])
    assert (frames[1].slots.area_min_m2, frames[1].slots.area_max_m2) == (56.0, 62.0)


@pytest.mark.parametrize("text", ["퍼스티지 59는?", "퍼스티지 114는요"])
def test_a_size_after_a_short_complex_name_replaces_the_band(gaz: Gazetteer, text: str) -> None:
    frames = converse(gaz, ["반포자이 2023 국평 매매 알려줘", "래미안퍼스티지도", text])
    slots = frames[2].slots
    size = float(text.split()[1].rstrip("는요?"))
    assert slots.complex == "래미안퍼스티지" and (slots.area_min_m2, slots.area_max_m2) == area_band(size)
    assert slots.period_from == "2023-01-01" and slots.deal_type == "매매"


@pytest.mark.parametrize(("part", "months"), [("3분기", ("07-01", "09-30")), ("상반기", ("01-01", "06-30"))])
def test_a_place_and_a_year_part_follow_the_year_in_force(gaz: Gazetteer, part: str, months: tuple) -> None:
    frames = converse(gaz, ["월계동 22년 4분기 매매 몇 건", f"하계동 {part}"])
    slots = frames[1].slots
    assert slots.dong == "하계동" and slots.deal_type == "매매"
    assert (slots.period_from, slots.period_to) == (f"2022-{months[0]}", f"2022-{months[1]}")


@pytest.mark.parametrize(
    ("text", "end"),
    [("가양동 1분기는?", "2023-03-31"), ("4분기는", "2023-12-31"), ("등촌동 2분기", "2023-06-30")],
)
def test_a_quarter_ends_on_its_last_day(gaz: Gazetteer, text: str, end: str) -> None:
    frames = converse(gaz, ["가양동 2023년 3분기 매매 몇 건?", text])
    assert frames[1].slots.period_to == end


# -- 평 as the conventions round it ---------------------------------------------------------------


@pytest.mark.parametrize(("pyeong", "m2"), [(25, 82.64), (15, 49.59), (35, 115.7), (24, 79.34)])
def test_pyeong_rounds_with_pythons_round(pyeong: int, m2: float) -> None:
    assert pyeong_to_m2(pyeong) == m2


def test_a_pyeong_band_follows_the_rounded_size(gaz: Gazetteer) -> None:
    frames = converse(gaz, ["서현동 전세 2025년 시세", "25평 정도만"])
    assert (frames[1].slots.area_min_m2, frames[1].slots.area_max_m2) == (79.64, 85.64)
