"""Eleventh round, third pass: general mechanisms of reading, pinned with sentences written for these tests
(not the dev sets'): complex names with a spelling slip folded syllable by syllable, English words kept
from complex names, amounts glued to Hangul, a size the story turns down, hedged questions, English deal
words glued to particles, shows and books asked for with a housing topic, a listing told as the story of
a price judged, and an English question ranking districts by schools."""

from __future__ import annotations

from datetime import date

import pytest

from agents.domain.slots import Intent
from agents.domain.units import normalize, parse_money
from agents.gazetteer import Gazetteer, GazetteerRow, spelling_fold
from agents.nlu import parse
from tests.unit.nlu_support import BUNDANG_END, SEOUL_END

TODAY = date(2026, 11, 21)

ROWS = [
    GazetteerRow("11650", "반포동", "반포자이", "11650-1", 500, SEOUL_END),
    GazetteerRow("11650", "반포동", "래미안퍼스티지", "11650-2", 400, SEOUL_END),
    GazetteerRow("11740", "고덕동", "고덕그라시움", "11740-1", 400, SEOUL_END),
    GazetteerRow("11710", "잠실동", "리센츠", "11710-1", 600, SEOUL_END),
    GazetteerRow("11710", "잠실동", "트리지움", "11710-2", 500, SEOUL_END),
    GazetteerRow("11710", "잠실동", "잠실엘스", "11710-3", 700, SEOUL_END),
    GazetteerRow("11710", "신천동", "파크리오", "11710-4", 700, SEOUL_END),
    GazetteerRow("11710", "가락동", "헬리오시티", "11710-5", 900, SEOUL_END),
    GazetteerRow("11500", "화곡동", "창대", "11500-1", 50, SEOUL_END),
    GazetteerRow("11680", "대치동", "은마", "11680-1", 700, SEOUL_END),
    GazetteerRow("41135", "정자동", "한솔마을(4단지)(주공)", None, 300, BUNDANG_END),
    GazetteerRow("41135", "정자동", "파크뷰", None, 300, BUNDANG_END),
    GazetteerRow("41135", "서현동", "시범한양", None, 300, BUNDANG_END),
]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.from_rows(ROWS)


@pytest.mark.parametrize(
    ("text", "complex_name"),
    [
        ("반포쟈이 59 24년 거래가 알려줘", "반포자이"),
        ("반포쟈이는 얼마야", "반포자이"),
        ("고덕그라시엄만요", "고덕그라시움"),
        ("고덕 그라시엄 84 시세", "고덕그라시움"),
        ("리쎈츠 84 요즘 얼마에 거래되나요", "리센츠"),
        ("리센쯔는?", "리센츠"),
        ("파크리요 요즘 실거래", "파크리오"),
        ("레미안퍼스티지 시세", "래미안퍼스티지"),
        ("헬리오 씨티 84 시세", "헬리오시티"),
        ("잠실엘쓰 국평 얼마", "잠실엘스"),
    ],
)
def test_complex_name_spelling_slips(gaz: Gazetteer, text: str, complex_name: str) -> None:
    assert parse(text, gaz, TODAY).slots.complex == complex_name


def test_spelling_fold_keeps_length_and_final_consonants() -> None:
    assert spelling_fold("반포쟈이") == spelling_fold("반포자이")
    assert spelling_fold("리쎈츠") == spelling_fold("리센츠")
    assert len(spelling_fold("고덕그라시엄")) == len("고덕그라시엄")
    assert spelling_fold("강") != spelling_fold("가")  # a final consonant tells names apart


@pytest.mark.parametrize(
    "text",
    ["강남구 아파트 시세", "분당 전세 얼마", "대치동 전세 거래 보여줘", "그대로 두고 작년으로"],
)
def test_spelling_fold_invents_no_complex(gaz: Gazetteer, text: str) -> None:
    assert parse(text, gaz, TODAY).slots.complex is None


@pytest.mark.parametrize(
    "text",
    [
        "please change the deposit to 420 million",
        "can you change it to 2023?",
        "ok change the budget to 1 billion",
    ],
)
def test_english_words_name_no_complex(gaz: Gazetteer, text: str) -> None:
    assert parse(text, gaz, TODAY).slots.complex is None


@pytest.mark.parametrize(
    ("text", "complex_name"),
    [
        ("Hansol Maeul 4-danji in Jeongja-dong", "한솔마을(4단지)(주공)"),
        ("Is 1.5 billion won a fair price for an 84㎡ unit at Park View in Jeongja-dong?", "파크뷰"),
        ("Helio City 84 prices in 2024", "헬리오시티"),
        ("Trigium sale prices in 2024", "트리지움"),
    ],
)
def test_romanized_names_still_found(gaz: Gazetteer, text: str, complex_name: str) -> None:
    assert parse(text, gaz, TODAY).slots.complex == complex_name


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("구미동전세3억대몇개임?", 30000, 39999),
        ("분당5억대얼마나있어", 50000, 59999),
        ("5억대짜리 아파트", 50000, 59999),
        ("3억대중에 싼거", 30000, 39999),
    ],
)
def test_decade_glued_to_the_question(text: str, low: int, high: int) -> None:
    norm = normalize(text)
    (m,) = parse_money(norm, norm)
    assert (m.manwon, m.upper_manwon) == (low, high)


@pytest.mark.parametrize("text", ["3억대출 가능?", "3억대비 올랐나"])
def test_decade_never_read_in_other_words(text: str) -> None:
    norm = normalize(text)
    assert all(m.upper_manwon is None for m in parse_money(norm, norm))


@pytest.mark.parametrize(
    ("text", "low"),
    [
        (
            "남편이랑 둘만 사는데 40평대는 청소도 힘들고 너무 커요.. 서현동 20평대 아파트 작년에 얼마에 팔렸는지",
            66.12,
        ),
        ("30평대는 부담스러워서 정자동 20평대 전세 얼마예요?", 66.12),
        ("20평대는 싫고 정자동 30평대 시세 알려줘", 99.17),
    ],
)
def test_size_turned_down_is_no_filter(gaz: Gazetteer, text: str, low: float) -> None:
    assert parse(text, gaz, TODAY).slots.area_min_m2 == low


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("23년엔 어땠는지도 궁금하네요", 2023),
        ("21년은 좀 궁금한데", 2021),
        ("혹시 22년 것도 아시나요", 2022),
        ("작년 건 어땠는지 알 수 있을까요", 2025),
    ],
)
def test_hedged_follow_up_carries_its_period(gaz: Gazetteer, text: str, year: int) -> None:
    result = parse(text, gaz, TODAY)
    assert result.intent is not Intent.UNCLEAR
    slots = result.fragment_slots or result.slots
    assert slots.period_from == f"{year}-01-01"


@pytest.mark.parametrize(
    ("text", "deal"),
    [
        ("monthly rent는?", "월세"),
        ("wolse로 보면?", "월세"),
        ("분당 jeonse는요?", "전세"),
        ("정자동 sale 가격은?", "매매"),
    ],
)
def test_english_deal_word_glued_to_a_particle(gaz: Gazetteer, text: str, deal: str) -> None:
    result = parse(text, gaz, TODAY)
    said = {result.slots.deal_type, result.fragment_slots.deal_type if result.fragment_slots else None}
    assert deal in said


@pytest.mark.parametrize(
    "text",
    [
        "부동산 나오는 드라마 재밌는거 추천해줘",
        "아파트 배경 영화 추천해줘",
        "부동산 유튜브 채널 추천 좀",
        "재건축 다룬 다큐 뭐 있어?",
        "Any good movies about real estate?",
        "recommend a drama about apartments",
    ],
)
def test_show_asked_with_a_housing_topic_is_off_topic(gaz: Gazetteer, text: str) -> None:
    assert parse(text, gaz, TODAY).intent is Intent.IRRELEVANT


@pytest.mark.parametrize("text", ["분당 아파트 추천해줘", "recommend a good apartment in Bundang"])
def test_homes_recommended_stay_recommendations(gaz: Gazetteer, text: str) -> None:
    assert parse(text, gaz, TODAY).intent is Intent.PROPERTY_RECOMMENDATION


@pytest.mark.parametrize(
    "text",
    [
        "헬리오 84 23억에 매물 나왔던데 이 가격 괜찮은거에요?",
        "은마 매물이 20억에 떴는데 비싼거야?",
        "파크리오 59 매물 하나 소개받았는데 15억이면 괜찮나요",
    ],
)
def test_listing_told_as_story_is_judged_not_searched(gaz: Gazetteer, text: str) -> None:
    assert parse(text, gaz, TODAY).intent is Intent.PRICE_EVALUATION


@pytest.mark.parametrize("text", ["잠실 매물 보여줘", "분당 10억 이하 매물 있어?", "84만 목록으로"])
def test_listings_asked_are_searches(gaz: Gazetteer, text: str) -> None:
    assert parse(text, gaz, TODAY).intent is Intent.PROPERTY_SEARCH


@pytest.mark.parametrize(
    "text",
    [
        "Which Seoul district is best for raising kids near good schools?",
        "Which Bundang neighborhood has the best schools for kids?",
        "서울에서 아이 키우기 학군 좋은 구 어디야?",
    ],
)
def test_district_ranked_by_schools_is_a_recommendation(gaz: Gazetteer, text: str) -> None:
    assert parse(text, gaz, TODAY).intent is Intent.PROPERTY_RECOMMENDATION


@pytest.mark.parametrize(
    ("text", "deal", "year"),
    [
        ("잠실 엘스 리얼 프라이스 좀 체크해줘", "매매", None),
        ("은마 라스트이어 거래 보여줘", "매매", 2025),
        ("디스 이어 분당 전세 시세", "전세", 2026),
    ],
)
def test_english_said_in_hangul(gaz: Gazetteer, text: str, deal: str, year: int | None) -> None:
    slots = parse(text, gaz, TODAY).slots
    assert slots.deal_type == deal
    assert slots.period_from == (f"{year}-01-01" if year else None)
