"""Place and complex resolution: nicknames, derived spellings, 구/동 typos and places that are no
complex (a small hand-made gazetteer; names as the data spells them)."""

from __future__ import annotations

from datetime import date

import pytest

from agents.domain.nicknames import NICKNAMES
from agents.gazetteer import Gazetteer, GazetteerRow
from agents.nlu import NluResult, parse

TODAY = date(2026, 11, 21)
SEOUL, BUNDANG = date(2024, 12, 30), date(2025, 12, 31)


def row(code: str, dong: str, name: str, rows: int, latest: date = SEOUL) -> GazetteerRow:
    return GazetteerRow(code, dong, name, None if code == "41135" else f"{code}-{name}", rows, latest)


ROWS = [
    row("11650", "반포동", "아크로리버파크", 274),
    row("11650", "반포동", "반포자이", 300),
    row("11650", "반포동", "래미안퍼스티지", 280),
    row("11320", "창동", "창동주공1단지", 60),
    row("11320", "창동", "주공17단지", 40),
    row("11320", "창동", "창동주공18단지", 50),
    row("11680", "대치동", "래미안대치팰리스", 121),
    row("11680", "대치동", "은마", 369),
    row("11710", "가락동", "헬리오시티", 957),
    row("11710", "잠실동", "잠실엘스", 509),
    row("11710", "잠실동", "리센츠", 615),
    row("11710", "잠실동", "트리지움", 363),
    row("11710", "잠실동", "주공아파트 5단지", 375),
    row("11680", "개포동", "개포주공5단지", 91),
    row("11710", "문정동", "문정동아", 40),
    row("11710", "문정동", "올림픽훼밀리타운", 500),
    row("11590", "흑석동", "흑석동양아파트", 20),
    row("11590", "흑석동", "아크로리버하임", 160),
    row("11545", "독산동", "독산동아아파트", 30),
    row("11410", "충정로3가", "미동아파트", 5),
    row("11440", "아현동", "마포래미안푸르지오1단지", 97),
    row("11440", "아현동", "마포래미안푸르지오3단지", 125),
    row("11470", "목동", "목동신시가지7", 212),
    row("11470", "신정동", "목동신시가지9", 197),
    row("11230", "전농동", "전농SK", 299),
    row("11290", "종암동", "종암에스케이", 187),
    row("11410", "북아현동", "e편한세상신촌1단지", 155),
    row("11200", "성수동1가", "트리마제", 812),
    row("11200", "성수동2가", "롯데캐슬파크", 389),
    row("41135", "삼평동", "봇들마을3단지(주공)", 1053, BUNDANG),
    row("41135", "삼평동", "봇들마을9단지(금호어울림)", 707, BUNDANG),
    row("41135", "구미동", "무지개(12단지)(주공뜨란체)", 1320, BUNDANG),
    row("41135", "구미동", "까치마을(1단지)(대우롯데선경)", 1286, BUNDANG),
    row("41135", "수내동", "푸른마을(쌍용)", 1173, BUNDANG),
    row("41135", "정자동", "상록마을(우성)1", 2039, BUNDANG),
    row("41135", "금곡동", "청솔마을(주공9단지)", 2327, BUNDANG),
    row("41135", "백현동", "판교알파리움1단지", 437, BUNDANG),
    row("41135", "백현동", "판교알파리움2단지", 621, BUNDANG),
]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.from_rows(ROWS)


def run(gaz: Gazetteer, text: str) -> NluResult:
    return parse(text, gaz, TODAY)


def places(result: NluResult) -> tuple[str | None, str | None, str | None]:
    return result.slots.sigungu, result.slots.dong, result.slots.complex


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("아리팍 84 시세", ("서초구", "반포동", "아크로리버파크")),
        ("헬리오 84 요즘 얼마에 팔려?", ("송파구", "가락동", "헬리오시티")),
        ("래대팰 84 24년 하반기 매매가", ("강남구", "대치동", "래미안대치팰리스")),
        ("마래푸 3단지 84 시세", ("마포구", "아현동", "마포래미안푸르지오3단지")),
        ("잠실주공5단지 요즘 매매가", ("송파구", "잠실동", "주공아파트 5단지")),
        ("엘리트 중에 엘스 84 시세", ("송파구", "잠실동", "잠실엘스")),  # a named member beats the group
        ("엘스 84 시세", ("송파구", "잠실동", "잠실엘스")),
        ("반자 매매 35억 괜찮은 가격임?", ("서초구", "반포동", "반포자이")),
        ("반래퍼 시세", ("서초구", "반포동", "래미안퍼스티지")),
        ("트리마제 시세", ("성동구", "성수동1가", "트리마제")),
        ("아리하 시세", ("동작구", "흑석동", "아크로리버하임")),
    ],
)
def test_nicknames_name_their_complex(gaz: Gazetteer, text: str, expected: tuple[str, str, str]) -> None:
    assert places(run(gaz, text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("봇들3단지 59 시세", ("분당구", "삼평동", "봇들마을3단지(주공)")),  # 마을 dropped
        ("봇들 9단지 시세", ("분당구", "삼평동", "봇들마을9단지(금호어울림)")),
        ("무지개12단지 시세", ("분당구", "구미동", "무지개(12단지)(주공뜨란체)")),  # (N단지)
        ("푸른마을 쌍용 시세", ("분당구", "수내동", "푸른마을(쌍용)")),
        ("상록마을 우성1 시세", ("분당구", "정자동", "상록마을(우성)1")),
        ("청솔마을 주공9단지 시세", ("분당구", "금곡동", "청솔마을(주공9단지)")),
        ("전농에스케이 시세", ("동대문구", "전농동", "전농SK")),  # brand letters spelt in Hangul
        ("종암SK 시세", ("성북구", "종암동", "종암에스케이")),
        ("이편한세상 신촌 1단지 시세", ("서대문구", "북아현동", "e편한세상신촌1단지")),
        ("잠실 5단지 매매 시세", ("송파구", "잠실동", "주공아파트 5단지")),  # place + N단지
        ("목동 7단지 매매 시세", ("양천구", "목동", "목동신시가지7")),
        ("목동 9단지 매매 시세", ("양천구", "신정동", "목동신시가지9")),  # named after 목동, in 신정동
        ("Pangyo Alpharium 1 jeonse price", ("분당구", "백현동", "판교알파리움1단지")),
    ],
)
def test_derived_names(gaz: Gazetteer, text: str, expected: tuple[str, str, str]) -> None:
    assert places(run(gaz, text)) == expected


@pytest.mark.parametrize(
    ("text", "sigungu"),
    [
        ("송퍄구 15억 이하 84 매매 거래 좀 뽑아줘", "송파구"),
        ("강넘구 아파트 시세", "강남구"),
        ("서쵸구 아파트 매매 시세", "서초구"),
        ("마포그 아파트 시세", "마포구"),
        ("송파 아파트 시세", "송파구"),
        ("Songpa apartment prices", "송파구"),
        ("송퍄구에서 거래된 아파트 시세", "송파구"),
    ],
)
def test_typo_or_short_sigungu_is_the_sigungu(gaz: Gazetteer, text: str, sigungu: str) -> None:
    assert places(run(gaz, text)) == (sigungu, None, None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("문정동 10억 이하 매매", ("송파구", "문정동", None)),
        ("흑석동 전용 84 시세", ("동작구", "흑석동", None)),
        ("금천구 독산동 아파트 매매가 흐름", ("금천구", "독산동", None)),
        ("분당 구미동 전세 시세 최근", ("분당구", "구미동", None)),
        ("독산동아 아파트 시세", ("금천구", "독산동", "독산동아아파트")),  # the complex said in full
        ("흑석동만 보여줘", ("동작구", "흑석동", None)),  # 동 + particle is the 동, not 흑석동양
        ("흑석동은 어때", ("동작구", "흑석동", None)),
        ("흑석동도 보여줘", ("동작구", "흑석동", None)),
        ("흑석동이랑 비교해줘", ("동작구", "흑석동", None)),
    ],
)
def test_a_place_and_the_next_word_are_no_complex(
    gaz: Gazetteer, text: str, expected: tuple[str, str, str | None]
) -> None:
    assert places(run(gaz, text)) == expected


@pytest.mark.parametrize(
    ("text", "complex_name"),
    [
        ("도봉구 창동 주공17단지 매매대금 4억8천", "주공17단지"),  # 17 is not 1 (no prefix match)
        ("창동주공17단지 시세", "주공17단지"),
        ("창동 17단지 시세", "주공17단지"),
        ("창동주공1단지 시세", "창동주공1단지"),
        ("창동주공1 4억에 사면 수익률", "창동주공1단지"),  # a number after a space is another number
        ("창동 주공18단지 시세", "창동주공18단지"),
    ],
)
def test_numbered_names_match_the_whole_number(gaz: Gazetteer, text: str, complex_name: str) -> None:
    assert places(run(gaz, text)) == ("도봉구", "창동", complex_name)


def test_a_misspelt_name_keeps_its_number(gaz: Gazetteer) -> None:
    assert gaz.fuzzy_complex("창동주공17딘지") is None  # close in letters to 창동주공1단지, not in number
    found = gaz.fuzzy_complex("창동주공18딘지")
    assert found is not None and gaz.complexes[found.targets[0].index].name == "창동주공18단지"


def test_a_short_name_outside_the_named_sigungu_is_not_taken(gaz: Gazetteer) -> None:
    assert places(run(gaz, "송파구 은마 시세")) == ("송파구", None, None)


def test_seongnam_with_another_gu_is_not_bundang(gaz: Gazetteer) -> None:
    result = run(gaz, "성남 중원구 아파트 실거래가")
    assert result.slots.sigungu is None
    assert "경기도 성남시 중원구" in result.unknown_regions


def test_one_letter_typo_must_be_unambiguous_and_long_enough(gaz: Gazetteer) -> None:
    assert run(gaz, "중국 아파트 시세").slots.sigungu is None  # 2 letters: no typo matching


def test_every_nickname_is_compact_and_lower_case() -> None:
    for n in NICKNAMES:
        assert n.nickname == n.nickname.lower().replace(" ", "")
        assert "(" not in n.data_prefix and " " not in n.data_prefix
        assert n.dong.endswith(("동", "가"))
