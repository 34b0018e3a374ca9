"""Sixth round of understanding kinds (sentences written for these tests, not the dev sets'): a round
ten 억대 read as the conventions read N억대, a home on the market is one for sale, words of loan repayment
and commercial lease asked as words, shows and the assistant itself are off topic, a part payment is no
price, the year in force pointed at, a past price beside a judgement, English bounds on deals, and a
size after a year in a follow-up."""

from __future__ import annotations

import pytest

from agents.domain.slots import Intent
from agents.domain.units import parse_money
from agents.gazetteer import Gazetteer, GazetteerRow
from agents.nlu import parse
from tests.unit.nlu_support import BUNDANG_END, SEOUL_END, TODAY, converse

ROWS = [
    GazetteerRow("11650", "반포동", "반포자이", "11650-2", 800, SEOUL_END),
    GazetteerRow("11140", "신당동", "남산타운", "11140-1", 900, SEOUL_END),
    GazetteerRow("11290", "돈암동", "한신한진", "11290-2", 900, SEOUL_END),
    GazetteerRow("11440", "아현동", "마포래미안푸르지오", "11440-1", 900, SEOUL_END),
    GazetteerRow("41135", "정자동", "상록우성", None, 600, BUNDANG_END),
    GazetteerRow("11560", "여의도동", "시범", "11560-1", 900, SEOUL_END),
]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.from_rows(ROWS)


def test_ten_eok_decade_is_one_eok_wide() -> None:
    """A round ten: "10억대" is 10억 ≤ x < 11억 like "5억대"; "20억대" stays the twenties."""
    (ten,) = parse_money("10억대 매매")
    assert (ten.manwon, ten.upper_manwon) == (100000, 109999)
    (twenty,) = parse_money("20억대 아파트")
    assert (twenty.manwon, twenty.upper_manwon) == (200000, 299999)


@pytest.mark.parametrize(
    "text",
    ["분당 20평대 매물 9억 이하로 보여줘", "정자동 매물 중에 8억 이하 있어?", "마포구 30평대 매물 리스트"],
)
def test_a_home_on_the_market_is_for_sale(gaz: Gazetteer, text: str) -> None:
    assert parse(text, gaz, TODAY).slots.deal_type == "매매"


@pytest.mark.parametrize("text", ["분당 전세 매물 4억 이하", "정자동 월세 매물 보증금 5천 이하"])
def test_a_lease_named_beside_the_listing_wins(gaz: Gazetteer, text: str) -> None:
    assert parse(text, gaz, TODAY).slots.deal_type in ("전세", "월세")


@pytest.mark.parametrize(
    ("turns", "expected"),
    [
        (["정자동 84 전세 최근 시세", "그럼 환산보증금이란 게 뭐예요?"], Intent.TERM_DEFINITION),
        (["대출 얼마나 돼요? 연봉 8천 집 9억", "원금균등상환은 무슨 뜻이야"], Intent.TERM_DEFINITION),
        (["마포구 24년 매매 중간값", "근데 거치기간이 뭐지?"], Intent.TERM_DEFINITION),
        (["반포자이 작년 실거래", "변동금리가 뭐예요"], Intent.TERM_DEFINITION),
    ],
)
def test_words_of_repayment_and_lease_are_asked_as_words(
    gaz: Gazetteer, turns: list[str], expected: Intent
) -> None:
    frame = converse(gaz, turns)[-1]
    assert frame.intent is expected
    assert frame.slots.sigungu is None and frame.slots.deal_type is None


@pytest.mark.parametrize(
    "text",
    [
        "근데 너 이름이 뭐야?",
        "ㅎㅎ 넌 누구야",
        "요즘 넷플릭스 추천 좀",
        "유튜브 볼만한 채널 있어?",
        "재밌는 예능 뭐 있어",
    ],
)
def test_shows_and_the_assistant_itself_are_off_topic(gaz: Gazetteer, text: str) -> None:
    assert parse(text, gaz, TODAY).intent is Intent.IRRELEVANT


def test_off_topic_in_the_middle_of_a_chat_carries_nothing(gaz: Gazetteer) -> None:
    frames = converse(gaz, ["마포구 12억 이하 아파트 추천해줘", "아 그리고 넷플릭스 뭐 볼까?"])
    assert frames[-1].intent is Intent.IRRELEVANT
    assert frames[-1].slots.price_max_manwon is None and frames[-1].slots.period_from is None


@pytest.mark.parametrize(
    ("text", "price"),
    [
        ("7천 계약금으로 매매계약서 초안 잡아줘. 매매가는 7억", 70000),
        ("매매가 9억에 계약금은 9천으로 계약서 써줘", 90000),
        ("계약금 1억 중도금 3억 매매대금 12억으로 계약서 작성해줘", 120000),
    ],
)
def test_a_part_payment_is_no_price(gaz: Gazetteer, text: str, price: int) -> None:
    result = parse(text, gaz, TODAY)
    assert result.intent is Intent.CONTRACT_CREATION
    assert result.slots.asking_price_manwon == price


@pytest.mark.parametrize("follow", ["한신한진 같은 해 거래는", "한신한진 그 해 거래도 알려줘"])
def test_the_year_in_force_with_a_complex_asks_its_figures(gaz: Gazetteer, follow: str) -> None:
    frames = converse(gaz, ["성북구 2021년 매매 거래량", follow])
    assert frames[-1].intent is Intent.MARKET_INQUIRY
    assert frames[-1].slots.complex == "한신한진"
    assert frames[-1].slots.period_from == "2021-01-01"


@pytest.mark.parametrize(
    "text",
    [
        "반포자이 2023 매매 얼마였는지랑, 35억이면 적정가인지 봐줘",
        "남산타운 작년 매매 얼마였는지하고 9억이면 적당한지 알려줘",
    ],
)
def test_a_past_price_beside_a_judgement_is_two_asks(gaz: Gazetteer, text: str) -> None:
    assert parse(text, gaz, TODAY).intent is Intent.COMPREHENSIVE


@pytest.mark.parametrize(
    "text",
    [
        "Mapo-gu apartments that sold for over 1 billion won in 2023",
        "Mapo 59 sqm homes sold under 800 million won in 2024?",
    ],
)
def test_english_homes_sold_under_a_bound_are_listed(gaz: Gazetteer, text: str) -> None:
    assert parse(text, gaz, TODAY).intent is Intent.PROPERTY_SEARCH


@pytest.mark.parametrize(
    "bound", ["price up to 1.5 billion", "prices under 900 million won", "max price 1 billion"]
)
def test_an_english_price_bound_keeps_the_search(gaz: Gazetteer, bound: str) -> None:
    frames = converse(gaz, ["마포구 2024년 9억 이하 매매 거래 보여줘", bound])
    assert frames[-1].intent is Intent.PROPERTY_SEARCH
    assert frames[-1].slots.sigungu == "마포구"


@pytest.mark.parametrize(
    ("follow", "low"), [("20년 84만", 81.0), ("2021년꺼 59만", 56.0), ("23년엔 84는", 81.0)]
)
def test_a_size_after_a_year_in_a_follow_up(gaz: Gazetteer, follow: str, low: float) -> None:
    frames = converse(gaz, ["신당동 남산타운 22년 매매 실거래", follow])
    slots = frames[-1].slots
    assert slots.area_min_m2 == low and slots.asking_price_manwon is None
    assert slots.complex == "남산타운" and slots.period_from is not None


@pytest.mark.parametrize("text", ["정자동 월 80 매물 있어?", "마포구 보증금 1억 매물 리스트"])
def test_a_rent_stated_beside_the_listing_is_no_sale(gaz: Gazetteer, text: str) -> None:
    assert parse(text, gaz, TODAY).slots.deal_type != "매매"


@pytest.mark.parametrize(
    ("text", "sigungu"),
    [
        ("여의도 출퇴근하는데 영등포구에서 9억 이하 아파트 추천", "영등포구"),
        ("아현동 출근 중인데 분당 정자동 10억 이하 추천해줘", "분당구"),
    ],
)
def test_a_commute_place_without_a_particle_is_no_filter(gaz: Gazetteer, text: str, sigungu: str) -> None:
    slots = parse(text, gaz, TODAY).slots
    assert slots.sigungu == sigungu and slots.dong != "여의도동" and slots.dong != "아현동"
