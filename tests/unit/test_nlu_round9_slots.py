"""Ninth round of slot-reading kinds, each pinned with sentences written for these tests (not the dev
sets'): a story's 동 beside a question naming only its 구, an outside place said in English, English
"past year" windows and "deals from <year>", a spoken monthly-rent cap, a landmark to be near beside
the place offered, a two-part message whose legal part names a lease, deals and buying within a price
with no lease named, an everyday English word that spells a Latin-letter complex name, and an English
size follow-up ("and the 84s?")."""

from __future__ import annotations

import pytest

from agents.domain.units import normalize
from agents.gazetteer import Gazetteer, GazetteerRow, outside_sigungu
from agents.nlu import parse
from tests.unit.nlu_support import BUNDANG_END, SEOUL_END, TODAY, talk

ROWS = [
    GazetteerRow("11710", "잠실동", "리센츠", "11710-1", 900, SEOUL_END),
    GazetteerRow("11710", "신천동", "파크리오", "11710-2", 900, SEOUL_END),
    GazetteerRow("11710", "가락동", "헬리오시티", "11710-3", 900, SEOUL_END),
    GazetteerRow("11680", "대치동", "은마", "11680-1", 700, SEOUL_END),
    GazetteerRow("11650", "반포동", "아크로리버파크", "11650-1", 400, SEOUL_END),
    GazetteerRow("11650", "서초동", "서초그랑자이", "11650-2", 300, SEOUL_END),
    GazetteerRow("11500", "화곡동", "SPACE(920-5)", "11500-1", 6, SEOUL_END),
    GazetteerRow("11410", "홍은동", "Elleville", "11410-1", 20, SEOUL_END),
    GazetteerRow("11440", "아현동", "마포래미안푸르지오", "11440-1", 900, SEOUL_END),
    GazetteerRow("41135", "서현동", "시범한양", None, 900, BUNDANG_END),
    GazetteerRow("41135", "야탑동", "장미마을(현대)", None, 700, BUNDANG_END),
    GazetteerRow("41135", "정자동", "느티마을3단지", None, 800, BUNDANG_END),
]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.from_rows(ROWS)


def _slots(gaz: Gazetteer, text: str) -> dict[str, object]:
    return parse(text, gaz, TODAY).slots.model_dump()


# -- 1. the story's 동 is not the question's place ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "sigungu"),
    [
        ("대치동에서 이십년 살았는데요 강남구 84 작년 실거래 중간값 알려줘", "강남구"),
        ("반포 살다가 애들 다 커서 줄여갈까 하는데 서초구 59 최근 시세 얼마예요", "서초구"),
        ("잠실 집 팔고 이사갈까 하는데 송파구 국평 2023년 거래가 알려줘", "송파구"),
    ],
)
def test_a_story_dong_does_not_narrow_the_asked_gu(gaz: Gazetteer, text: str, sigungu: str) -> None:
    slots = _slots(gaz, text)
    assert (slots["sigungu"], slots["dong"], slots["complex"]) == (sigungu, None, None)


def test_a_story_dong_still_places_a_complex_named_in_the_question(gaz: Gazetteer) -> None:
    slots = _slots(gaz, "잠실 사는데요 리센츠 84 작년 시세 알려줘")
    assert (slots["dong"], slots["complex"]) == ("잠실동", "리센츠")


# -- 2. an outside place said in English names its 시군구 as the Korean name does -----------------


@pytest.mark.parametrize(
    ("text", "sigungu"),
    [
        ("and what about apartment prices in Suwon?", "수원시"),
        ("how much do apartments go for in Haeundae, Busan", "해운대구"),
        ("Yongin Suji 84 sale prices", "수지구"),
        ("수원 아파트 매매가 얼마예요", "수원시"),
        ("용인 수지 84 시세", "수지구"),
        ("Daegu apartment prices", None),  # a 시도 alone names no 시군구
        ("apartment prices in Incheon Songdo", None),  # an area said, not its 구 (연수구)
    ],
)
def test_an_outside_place_fills_the_sigungu_it_names(gaz: Gazetteer, text: str, sigungu: str | None) -> None:
    nlu = parse(text, gaz, TODAY)
    assert nlu.unknown_regions
    assert outside_sigungu(nlu.unknown_regions[0], normalize(text)) == sigungu


def test_one_syllable_outside_gu_in_english_names_nothing() -> None:
    assert outside_sigungu("부산광역시 중구", "Jung-gu in Busan") is None  # too many places share it
    assert outside_sigungu("경기도 수원시", "Suwon-si apartment prices") == "수원시"


# -- 3. English recent windows and a year said with "from" --------------------------------------------


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("Seohyeon-dong 84 sale prices over the past year", ("2025-01-01", "2025-12-31")),
        ("what did Jamsil-dong 84s sell for this past year?", ("2024-01-01", "2024-12-31")),
        ("Bundang jeonse in the last twelve months", ("2025-01-01", "2025-12-31")),
        ("Jeongja-dong jeonse deposits over the last six months", ("2025-07-01", "2025-12-31")),
        ("Songpa deals in the past 3 months", ("2024-10-01", "2024-12-31")),
    ],
)
def test_english_recent_windows_end_with_the_places_data(
    gaz: Gazetteer, text: str, period: tuple[str, str]
) -> None:
    slots = _slots(gaz, text)
    assert (slots["period_from"], slots["period_to"]) == period


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("show me Seocho 84 deals from 2023", ("2023-01-01", "2023-12-31")),
        ("any Bundang sales from 2024 under 1 billion?", ("2024-01-01", "2024-12-31")),
        ("Seocho prices from 2021 onwards", ("2021-01-01", None)),
        ("Seocho prices since 2021", ("2021-01-01", None)),
        ("last year Seocho sales", ("2025-01-01", "2025-12-31")),  # "last year" alone is 작년
    ],
)
def test_a_year_said_with_from_is_that_year(
    gaz: Gazetteer, text: str, period: tuple[str, str | None]
) -> None:
    slots = _slots(gaz, text)
    assert (slots["period_from"], slots["period_to"]) == period


# -- 4. a monthly-rent cap said in number words --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rent", "deposit"),
    [
        ("정자동 월세 보증금 삼천 이하 월 백 이하로 찾아줘", 100, 3000),
        ("서현동 월세 보증금 1억 이하 월 이백 이하 매물", 200, 10000),
        ("야탑동 월세 백오십만원 이하로 보여줘", 150, None),
        ("서현동 월세 보증금 오천 월 팔십 이하 거래", 80, 5000),
    ],
)
def test_a_spoken_monthly_rent_cap_is_read(gaz: Gazetteer, text: str, rent: int, deposit: int | None) -> None:
    slots = _slots(gaz, text)
    assert (slots["deal_type"], slots["monthly_rent_max_manwon"], slots["price_max_manwon"]) == (
        "월세",
        rent,
        deposit,
    )


def test_a_date_is_no_monthly_rent() -> None:
    assert "이십일" in normalize("6월 이십일에 계약했어요")


# -- 5. a place to be near is a landmark, the place offered is asked ---------------------------------------


@pytest.mark.parametrize(
    ("text", "sigungu"),
    [
        ("somewhere near Gangnam, maybe Seocho? 84 prices", "서초구"),
        ("강남 근처 아니면 송파 어때요 국평 시세", "송파구"),
        ("강남이랑 가까운 데 혹시 서초는 어때 59 시세", "서초구"),
    ],
)
def test_a_landmark_beside_the_offered_place_is_not_asked(gaz: Gazetteer, text: str, sigungu: str) -> None:
    assert _slots(gaz, text)["sigungu"] == sigungu


def test_a_landmark_alone_or_within_its_gu_stays(gaz: Gazetteer) -> None:
    assert _slots(gaz, "강남 근처 아파트 시세")["sigungu"] == "강남구"
    slots = _slots(gaz, "송파구 잠실동 근처 84 시세")
    assert (slots["sigungu"], slots["dong"]) == ("송파구", "잠실동")


# -- 6. the legal part of a two-part message names no deal type for the data part --------------------


@pytest.mark.parametrize(
    "text",
    [
        "헬리오시티 59 작년 실거래랑 전세 확정일자 받는 법도 알려줘",
        "리센츠 84 2023년 거래가 알려주고, 월세 계약갱신청구권 몇 번 쓸 수 있는지도",
        "은마 국평 재작년 실거래 그리고 전세 묵시적갱신 되면 어떻게 되는지도",
    ],
)
def test_a_lease_in_the_legal_part_is_not_the_deals_deal_type(gaz: Gazetteer, text: str) -> None:
    assert _slots(gaz, text)["deal_type"] == "매매"


def test_a_lease_asked_in_the_data_part_stays(gaz: Gazetteer) -> None:
    assert _slots(gaz, "정자동 전세 시세 그리고 확정일자 뭔지도")["deal_type"] == "전세"


# -- 7. deals and buying within a price, no lease named ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "deal"),
    [
        ("show me 84m2 deals in Bundang under 1.2 billion", "매매"),
        ("Mapo 84 transactions in 2023", "매매"),
        ("분당에서 10억 이하로 살만한 동네 추천해줘", "매매"),
        ("서울에서 8억 안쪽으로 살만한 동네 어디예요", "매매"),
        ("show me Bundang jeonse deals under 5억", "전세"),
        ("Bundang deals with a deposit under 300 million", None),  # a lease said in English
        ("분당 살기 좋은 동네 추천해줘", None),  # a place to live, no price, no purchase
    ],
)
def test_deals_or_buying_within_a_price_are_sales(gaz: Gazetteer, text: str, deal: str | None) -> None:
    assert _slots(gaz, text)["deal_type"] == deal


# -- 8. an everyday English word is no Latin-letter complex ------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "We rent a small office space. Can the landlord raise the rent by 10%?",
        "we need more storage space, any cheap apartments in Mapo?",
        "Is there space for a piano in an 84 sqm unit in Mapo?",
    ],
)
def test_an_english_word_is_no_complex(gaz: Gazetteer, text: str) -> None:
    slots = _slots(gaz, text)
    assert slots["complex"] is None
    assert slots["sigungu"] in (None, "마포구")


def test_a_latin_letter_complex_is_still_found(gaz: Gazetteer) -> None:
    assert _slots(gaz, "SPACE 84 prices in Hwagok-dong")["complex"] == "SPACE(920-5)"
    assert _slots(gaz, "How much did Elleville sell for in 2023?")["complex"] == "Elleville"


# -- 9. an English size follow-up ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("follow_up", "band"),
    [
        ("what about 84s", (81.0, 87.0)),
        ("the 59s?", (56.0, 62.0)),
        ("how about the 59 ones?", (56.0, 62.0)),
        ("and 84 sqm ones?", (81.0, 87.0)),
    ],
)
def test_an_english_size_follow_up_replaces_the_size(
    gaz: Gazetteer, follow_up: str, band: tuple[float, float]
) -> None:
    first = (
        "Acro River Park 59 sale prices in 2023" if band[0] > 80 else "Acro River Park 84 sale prices in 2023"
    )
    frames = talk(gaz, [first, follow_up])
    slots = frames[1].slots
    assert (slots.area_min_m2, slots.area_max_m2) == band
    assert (slots.complex, slots.period_from) == ("아크로리버파크", "2023-01-01")
