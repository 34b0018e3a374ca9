"""Every 시도/시군구 of Korea: the table (codes valid for the months they applied, same names told
apart by 시도) and, through the gazetteer built from the loaded data, places outside the data named
as outside while the data's own 중구 and 강서구 stay ours."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

import pytest

from agents.domain.places_kr import places
from agents.gazetteer import Gazetteer, load_gazetteer
from agents.nlu import parse

TODAY = date(2026, 11, 21)

# 시군 (and 자치구) per 시도, 구 of a 시 not counted: public counts as of 2024-08-01.
TOP_LEVEL_COUNTS = {
    "서울특별시": 25, "부산광역시": 16, "대구광역시": 9, "인천광역시": 10, "광주광역시": 5, "대전광역시": 5,
    "울산광역시": 5, "세종특별자치시": 1, "경기도": 31, "강원특별자치도": 18, "충청북도": 11, "충청남도": 15,
    "전북특별자치도": 14, "전라남도": 22, "경상북도": 22, "경상남도": 18, "제주특별자치도": 2,
}  # fmt: skip


def test_all_seventeen_sido_and_their_sigungu_are_in_force() -> None:
    in_force = places().in_force()
    assert sorted(p.sido for p in in_force if p.is_sido) == sorted(TOP_LEVEL_COUNTS)
    counts = Counter(p.sido for p in in_force if not p.is_sido and " " not in p.name)
    assert counts == TOP_LEVEL_COUNTS
    assert 250 <= len(in_force) <= 300  # 시도 + 시군구 + 구 of 시: a few hundred rows


def test_gunwi_moved_to_daegu_on_2023_07_01() -> None:
    table = places()
    before, after = date(2023, 6, 30), date(2023, 7, 1)
    assert table.by_code("47720", before).full_name == "경상북도 군위군"
    assert table.by_code("47720", after) is None
    assert table.by_code("27720", before) is None
    assert table.by_code("27720", after).full_name == "대구광역시 군위군"
    assert [p.code for p in table.candidates("군위군", before)] == ["47720"]
    assert [p.code for p in table.candidates("군위군", after)] == ["27720"]


def test_codes_that_changed_are_valid_for_their_months() -> None:
    table = places()
    assert table.by_code("41195", date(2015, 1, 1)).full_name == "경기도 부천시 원미구"  # 구 until 2016
    assert table.by_code("41195", date(2020, 1, 1)) is None
    assert table.by_code("41192", date(2020, 1, 1)) is None  # 부천 had no 구 2016-07-04 … 2023-12-31
    assert table.by_code("41192", date(2024, 1, 1)).full_name == "경기도 부천시 원미구"
    assert table.by_code("42110", date(2023, 6, 10)).sido == "강원도"
    assert table.by_code("51110", date(2023, 6, 11)).sido == "강원특별자치도"
    assert [p.code for p in table.candidates("강원도")] == ["51000"]  # the old name still finds it


def test_the_six_junggu_are_told_apart_by_sido() -> None:
    table = places()
    assert len(table.candidates("중구")) == 6
    for sido, code in [
        ("서울", "11140"), ("부산", "26110"), ("대구", "27110"), ("인천", "28110"), ("대전", "30140"),
        ("울산", "31110"), ("incheon", "28110"), ("부산광역시", "26110"),
    ]:  # fmt: skip
        resolved = table.resolve([sido, "중구"])
        assert [p.code for p in resolved[1].places] == [code], sido
    assert len(table.resolve(["중구"])[0].places) == 6  # alone it stays ambiguous here


def test_gangseo_seoul_and_busan() -> None:
    table = places()
    assert {p.code for p in table.candidates("강서구")} == {"11500", "26440"}
    assert [p.code for p in table.resolve(["서울", "강서구"])[1].places] == ["11500"]
    assert [p.code for p in table.resolve(["busan", "강서구"])[1].places] == ["26440"]


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["해운대"], "부산광역시 해운대구"),
        (["수원"], "경기도 수원시"),
        (["영통"], "경기도 수원시 영통구"),
        (["경기", "광주"], "경기도 광주시"),
        (["광주"], "광주광역시"),
        (["포항", "남구"], "경상북도 포항시 남구"),
        (["동탄"], "경기도 화성시"),
    ],
)
def test_short_forms_resolve_when_unambiguous(names: list[str], expected: str) -> None:
    resolved = places().resolve(names)
    assert [p.full_name for p in resolved[-1].places] == [expected]


def test_no_place_is_left_out() -> None:
    assert places().resolve(["아파트", "시세"]) == []


# -- through the gazetteer of the loaded data ---------------------------------------------------


@pytest.fixture(scope="module")
async def gazetteer(loaded_engine: Any) -> Gazetteer:
    return await load_gazetteer(loaded_engine)


@pytest.mark.parametrize(
    ("text", "outside"),
    [
        ("부산 해운대구 시세", "부산광역시 해운대구"),
        ("대구 수성구", "대구광역시 수성구"),
        ("수원 영통구", "경기도 수원시 영통구"),
        ("부산 중구", "부산광역시 중구"),
        ("인천 서구", "인천광역시 서구"),
        ("부산 강서구 아파트 전세", "부산광역시 강서구"),
        ("성남 중원구 아파트 실거래가", "경기도 성남시 중원구"),
        ("haeundae apartment prices", "부산광역시 해운대구"),
        ("진주 아파트 시세", "경상남도 진주시"),  # a city before a complex of that name …
    ],
)
async def test_outside_places_are_named_and_fill_no_slot(
    gazetteer: Gazetteer, text: str, outside: str
) -> None:
    result = parse(text, gazetteer, TODAY)
    assert result.unknown_regions == [outside]
    assert result.slots.sigungu is None and result.slots.sigungu_code is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("중구 아파트 시세", "11140"),
        ("서울 중구 아파트 시세", "11140"),
        ("서울 강서구", "11500"),
        ("강서구 전세", "11500"),
        ("경기도 성남시 분당구 시세", "41135"),
    ],
)
async def test_places_of_the_data_stay_ours(gazetteer: Gazetteer, text: str, code: str) -> None:
    result = parse(text, gazetteer, TODAY)
    assert result.slots.sigungu_code == code
    assert result.unknown_regions == []


async def test_a_complex_named_like_a_city_is_the_complex_inside_our_place(gazetteer: Gazetteer) -> None:
    result = parse("잠실 진주 아파트 시세", gazetteer, TODAY)  # … but 잠실's 진주 is the complex
    assert (result.slots.sigungu_code, result.slots.complex) == ("11710", "진주")
    assert result.unknown_regions == []
