"""Seventh round of understanding kinds (sentences written for these tests, not the dev sets'): legal
turns carry no deal type, a figure question missing its place is no legal story, outings and news near
a place are off topic, a station is a place, words asked about as words, greetings alone, counts,
deals shown, a speaker restarting a period, a size set alone, English rents and villages, a broker's
fee judged, and everyday legal questions about brokers and renewals."""

from __future__ import annotations

import pytest

from agents.domain.slots import Intent
from agents.gazetteer import Gazetteer, GazetteerRow
from agents.nlu import NluResult, parse
from agents.planning import OTHER_PROPERTY, _may_be_law
from tests.unit.nlu_support import BUNDANG_END, SEOUL_END, TODAY, Chat

ROWS = [
    GazetteerRow("11680", "신사동", "강남상가", "11680-9", 40, SEOUL_END),
    GazetteerRow("11710", "잠실동", "리센츠", "11710-1", 900, SEOUL_END),
    GazetteerRow("11650", "반포동", "반포자이", "11650-2", 800, SEOUL_END),
    GazetteerRow("41135", "백현동", "백현마을5단지", None, 500, BUNDANG_END),
    GazetteerRow("41135", "백현동", "백현마을2단지", None, 500, BUNDANG_END),
    GazetteerRow("41135", "정자동", "상록우성", None, 600, BUNDANG_END),
    GazetteerRow("41135", "서현동", "시범한양", None, 600, BUNDANG_END),
    GazetteerRow("11440", "연남동", "연남아파트", None, 50, SEOUL_END),
]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.from_rows(ROWS)


def read(gaz: Gazetteer, text: str) -> NluResult:
    return parse(text, gaz, TODAY)


def test_a_legal_turn_names_no_deal_type(gaz: Gazetteer) -> None:
    result = read(gaz, "반전세로 사는데 집주인이 관리비를 갑자기 올려달래요 응해야 하나요?")
    assert result.intent is Intent.LEGAL_INQUIRY and result.slots.deal_type is None


def test_a_legal_follow_up_keeps_no_deal_type(gaz: Gazetteer) -> None:
    chat = Chat(gaz)
    first = chat.say("전세 사는데 창문이 깨졌어요 수리비 누가 내요?")
    second = chat.say("집주인이 안 해주면 제가 하고 월세에서 까도 돼요?")
    assert (first.intent, second.intent) == (Intent.LEGAL_INQUIRY, Intent.LEGAL_INQUIRY)
    assert (first.slots.deal_type, second.slots.deal_type) == (None, None)


@pytest.mark.parametrize(
    "text", ["20평대 아파트 매매 평균가가 어느 정도예요? 2022년 기준", "국평 전세 중위가격 2024년 기준으로요"]
)
def test_a_figure_question_missing_its_place_is_no_legal_story(gaz: Gazetteer, text: str) -> None:
    result = read(gaz, text)
    assert result.intent is Intent.MARKET_INQUIRY and not _may_be_law(result, text)


@pytest.mark.parametrize(
    "text",
    [
        "연남동 이번 주말에 축제 하나요?",
        "잠실동 벚꽃 보기 좋은 산책로 알려줘",
        "그 동네에서 났던 사건 뉴스 봤어? 판결 나왔대?",
        "any museums or exhibitions near Jamsil this weekend?",
    ],
)
def test_outings_and_news_near_a_place_are_off_topic(gaz: Gazetteer, text: str) -> None:
    result = read(gaz, text)
    assert result.intent is Intent.IRRELEVANT and result.slots.sigungu is None


def test_a_station_is_a_place_never_a_complex(gaz: Gazetteer) -> None:
    result = read(gaz, "강남역 앞 원룸 월세 보통 얼마 해요?")
    assert result.slots.complex is None and result.slots.sigungu == "강남구"


@pytest.mark.parametrize(
    "text",
    [
        "임대수익률이 무슨 뜻이에요",
        "낙찰이랑 유찰 차이가 뭐야",
        "디딤돌대출이 뭐야?",
        "대출 얘기할 때 나오는 DTI가 정확히 뭐예요",
    ],
)
def test_words_asked_about_as_words(gaz: Gazetteer, text: str) -> None:
    assert read(gaz, text).intent is Intent.TERM_DEFINITION


@pytest.mark.parametrize("text", ["안녕하세요~", "감사합니다!", "ㅎㅎ 땡큐", "흠 글쎄..", "hey"])
def test_greetings_and_thanks_alone_are_unclear(gaz: Gazetteer, text: str) -> None:
    assert read(gaz, text).intent is Intent.UNCLEAR


def test_thanks_before_an_aside_is_off_topic(gaz: Gazetteer) -> None:
    assert read(gaz, "감사해요 근데 내일 날씨 어때요").intent is Intent.IRRELEVANT


@pytest.mark.parametrize("text", ["반포자이 2022년 30억 넘는 거 몇 개야?", "리센츠 24년 매매 몇 채나 팔렸어"])
def test_a_count_of_deals_is_a_market_question(gaz: Gazetteer, text: str) -> None:
    assert read(gaz, text).intent is Intent.MARKET_INQUIRY


def test_deals_shown_of_a_complex_are_listed_as_sales(gaz: Gazetteer) -> None:
    shown = read(gaz, "리센츠 2021년 거래 좀 보여줘")
    assert shown.intent is Intent.PROPERTY_SEARCH and shown.slots.deal_type == "매매"
    assert read(gaz, "리센츠 2021년 실거래 알려줘").intent is Intent.MARKET_INQUIRY


@pytest.mark.parametrize(
    "text",
    [
        "What is the usual jeonse deposit in Jeongja-dong?",
        "what were the monthly rents like in Baekhyeon-dong in 2024",
    ],
)
def test_english_rent_levels_are_market_questions(gaz: Gazetteer, text: str) -> None:
    assert read(gaz, text).intent is Intent.MARKET_INQUIRY


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("정자동 매매 작년 하반기… 아 작년 말고 2023년 하반기요", ("2023-07-01", "2023-12-31")),
        ("잠실동 2021이랑 2022 비교하고 싶은데 우선 21년 시세", ("2021-01-01", "2021-12-31")),
        ("올해 결혼하는데 반포자이 2022년 시세가 궁금해요", ("2022-01-01", "2022-12-31")),
        ("반포자이 2020년 아니 2021년 시세", ("2021-01-01", "2021-12-31")),
    ],
)
def test_the_period_asked_after_a_restart_or_a_story(
    gaz: Gazetteer, text: str, period: tuple[str, str]
) -> None:
    slots = read(gaz, text).slots
    assert (slots.period_from, slots.period_to) == period


@pytest.mark.parametrize("text", ["면적 84로 한정", "only 84", "크기는 59로 맞춰줘"])
def test_a_size_set_alone_is_a_change(gaz: Gazetteer, text: str) -> None:
    result = read(gaz, text)
    size = result.fragment_slots if result.intent in (Intent.IRRELEVANT, Intent.UNCLEAR) else result.slots
    assert size.area_min_m2 is not None and size.area_max_m2 is not None


def test_an_english_rent_named_before_its_amount(gaz: Gazetteer) -> None:
    slots = read(
        gaz, "bought it for 700 million, with a deposit of 30 million and rent of 1.5 million, yield?"
    ).slots
    assert (slots.asking_price_manwon, slots.deposit_manwon, slots.monthly_rent_manwon) == (70000, 3000, 150)


def test_a_village_said_in_english_with_its_number(gaz: Gazetteer) -> None:
    assert read(gaz, "Baekhyeon village 5 jeonse in 2025").slots.complex == "백현마을5단지"
    # a village is an apartment complex's name, not a villa (a home the data does not hold)
    assert not OTHER_PROPERTY.search("baekhyeonvillage5jeonse") and OTHER_PROPERTY.search("avillainjongno")


@pytest.mark.parametrize(
    "text",
    [
        "수수료가 너무 과한데 전세 3억이면 중개보수 얼마가 맞아요",
        "갱신청구 두 번 되나요?",
        "중개사가 그 집을 자기가 직접 매수하겠다는데 괜찮은 거예요?",
        "사례비로 30 더 달라는데 줘야 해요?",
        "Is there a cap on the broker's commission for a jeonse lease?",
        "Will my deposit be paid before the landlord's mortgage if the house is sold at auction?",
    ],
)
def test_everyday_questions_of_brokers_renewals_and_priority_are_legal(gaz: Gazetteer, text: str) -> None:
    assert read(gaz, text).intent is Intent.LEGAL_INQUIRY


def test_deals_shown_apart_are_a_list(gaz: Gazetteer) -> None:
    result = read(gaz, "리센츠 2023년 거래는 전부 따로 보여줘")
    assert result.intent is Intent.PROPERTY_SEARCH and result.slots.deal_type == "매매"


def test_what_deals_were_like_asks_their_level(gaz: Gazetteer) -> None:
    assert (
        read(gaz, "What were the jeonse deals in Jeongja-dong like last year?").intent
        is Intent.MARKET_INQUIRY
    )
