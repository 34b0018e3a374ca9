"""Eleventh round of reading kinds, each pinned with sentences written for these tests (not the dev sets'):
a housing size said after "N억" and a space, 천/백 compounds in number words, an N평대 said after a size set
aside or replaced, a message sent by mistake, a year pointed at ("그해 1분기만"), the deals asked for again
after a correction, an amount of pay said after a correction, and a home as the object of 살 (bought)."""

from __future__ import annotations

import pytest

from agents.domain.slots import Intent
from agents.domain.units import normalize, parse_area, parse_money, previous_year_offset
from agents.gazetteer import Gazetteer, GazetteerRow
from agents.nlu import parse
from tests.unit.nlu_support import BUNDANG_END, SEOUL_END, TODAY

ROWS = [
    GazetteerRow("11680", "대치동", "은마", "11680-1", 700, SEOUL_END),
    GazetteerRow("11740", "명일동", "삼익그린2차", "11740-1", 500, SEOUL_END),
    GazetteerRow("41135", "구미동", "까치마을1단지", None, 500, BUNDANG_END),
    GazetteerRow("41135", "금곡동", "청솔마을", None, 500, BUNDANG_END),
    GazetteerRow("41135", "백현동", "백현마을2단지", None, 500, BUNDANG_END),
    GazetteerRow("41135", "정자동", "느티마을3단지", None, 800, BUNDANG_END),
    GazetteerRow("41135", "수내동", "양지마을(금호1차)", None, 500, BUNDANG_END),
]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.from_rows(ROWS)


def _amounts(text: str) -> list[int]:
    return [m.manwon for m in parse_money(normalize(text))]


# -- 1. a housing size after "N억" and a space is the size, not part of the amount ---------------------


@pytest.mark.parametrize(
    ("text", "price_max", "area"),
    [
        ("정자동 매매 7억~9억 84 보여줘", 90000, (81.0, 87.0)),
        ("수내동 전세 5억 이하 59 매물 있어?", 50000, (56.0, 62.0)),
        ("분당 10억 이하 114 거래 보여줘", 100000, (111.0, 117.0)),
        ("정자동 8억 이하 84타입 거래", 80000, (81.0, 87.0)),
        ("수내동 8억 이하 국평 거래 보여줘", 80000, (81.0, 87.0)),
    ],
)
def test_a_size_after_an_amount_is_the_size(
    gaz: Gazetteer, text: str, price_max: int, area: tuple[float, float]
) -> None:
    slots = parse(text, gaz, TODAY).slots
    assert slots.price_max_manwon == price_max
    assert (slots.area_min_m2, slots.area_max_m2) == area


@pytest.mark.parametrize(
    ("text", "amounts"),
    [
        ("8억 5000 이하", [85000]),
        ("8억5천 이하", [85000]),
        ("8억 5 정도", [85000]),
        ("8억 500", [80500]),
        ("3억84", [30084]),  # glued: still one amount
    ],
)
def test_an_amount_after_eok_stays_an_amount(text: str, amounts: list[int]) -> None:
    assert _amounts(text) == amounts


def test_a_deposit_tail_is_no_size(gaz: Gazetteer) -> None:
    slots = parse("정자동 보증금 1억 50 월세", gaz, TODAY).slots
    assert slots.area_min_m2 is None and slots.deposit_manwon == 10000


# -- 2. 천/백 compounds in number words ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "income"),
    [
        ("연봉 오천오백이요", 5500),
        ("연봉 육천이백이에요", 6200),
        ("연봉은 삼천오백 정도요", 3500),
        ("연봉 이천삼백인데 대출 가능해요?", 2300),
        ("남편 연봉 칠천오백만원이고 대출 얼마나 나와요", 7500),
    ],
)
def test_thousands_and_hundreds_in_words_add_up(gaz: Gazetteer, text: str, income: int) -> None:
    assert parse(text, gaz, TODAY).slots.annual_income_manwon == income


@pytest.mark.parametrize(
    ("text", "amounts"),
    [("칠억오천", [75000]), ("삼천오백만원", [3500]), ("사천이백", [4200]), ("3천5백", [3500])],
)
def test_spoken_amounts_with_hundreds(text: str, amounts: list[int]) -> None:
    assert _amounts(text) == amounts


# -- 3. N평대 after a size set aside or replaced --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "band"),
    [
        ("아 30평 이상 말고 20평대로 다시요", (66.12, 99.17)),
        ("25평 아니 30평대로 보여줘", (99.17, 132.23)),
        ("20평대 이하 말고 30평대에서 볼게요", (99.17, 132.23)),
        ("20평 30평대로 다시요", (99.17, 132.23)),  # what the planning node leaves of "20평 이하 말고 …"
        ("84㎡에서 59㎡로 바꿔줘", (56.0, 62.0)),
    ],
)
def test_the_size_asked_after_one_set_aside(text: str, band: tuple[float, float]) -> None:
    areas = parse_area(normalize(text))
    assert len(areas) == 1 and (areas[0].min_m2, areas[0].max_m2) == band


def test_two_bounds_still_combine() -> None:
    areas = parse_area(normalize("59㎡ 이상 84㎡ 이하"))
    assert [(a.min_m2, a.max_m2) for a in areas] == [(59.0, None), (None, 84.0)]


# -- 4. a message sent by mistake is UNCLEAR --------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "ㅋㅋ 잘못 눌렀네요",
        "아 잘못 보냈어요",
        "실수로 보냄 ㅠ",
        "오타요",
        "oops wrong chat",
        "sorry, sent that by mistake",
    ],
)
def test_a_mis_sent_message_is_unclear(gaz: Gazetteer, text: str) -> None:
    assert parse(text, gaz, TODAY).intent is Intent.UNCLEAR


def test_a_wrong_thing_asked_about_is_not_a_mis_send(gaz: Gazetteer) -> None:
    assert parse("잘못된 계약서 어떻게 해요", gaz, TODAY).intent is not Intent.UNCLEAR


# -- 5. a year pointed at --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "offset"),
    [
        ("그해 1분기만", 0),
        ("그 해 상반기는?", 0),
        ("그 년도 3월만", 0),
        ("that year Q1 only", 0),
        ("그 전 해 하반기", -1),
        ("이듬해 상반기는", 1),
        ("그 해결책은요", None),
        ("2020년 1분기", None),
    ],
)
def test_a_year_pointed_at_is_reported(gaz: Gazetteer, text: str, offset: int | None) -> None:
    assert previous_year_offset(text) == offset
    assert parse(text, gaz, TODAY).previous_year_offset == offset


# -- 6. the deals asked again, pay said after a correction, a home bought ---------------------------


@pytest.mark.parametrize(
    "text",
    ["구미동이요, 거래만 다시", "정자동 거래만요", "수내동 거래 내역만 다시 부탁해요", "분당 거래 다시"],
)
def test_the_deals_asked_again_are_a_search(gaz: Gazetteer, text: str) -> None:
    assert parse(text, gaz, TODAY).intent is Intent.PROPERTY_SEARCH


@pytest.mark.parametrize(
    ("text", "income"),
    [("아 잠깐 연봉 잘못말했다 6500이요", 6500), ("연봉 잘못 썼네요 7200입니다", 7200)],
)
def test_pay_said_after_a_correction(gaz: Gazetteer, text: str, income: int) -> None:
    assert parse(text, gaz, TODAY).slots.annual_income_manwon == income


@pytest.mark.parametrize(
    ("text", "deal"),
    [
        ("신혼집 살 건데 5억 이하로 어디가 좋을까요", "매매"),
        ("아파트 살 생각인데 분당 7억 이하 추천", "매매"),
        ("집 살려는데 분당 추천해줘", "매매"),
        ("서울에서 살 집 추천해줘", None),  # a place to live: no deal named
        ("전세로 살 집 추천해줘", "전세"),
    ],
)
def test_a_home_as_the_object_of_sal_is_bought(gaz: Gazetteer, text: str, deal: str | None) -> None:
    assert parse(text, gaz, TODAY).slots.deal_type == deal
