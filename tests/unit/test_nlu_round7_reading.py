"""Seventh round of one-message understanding kinds, each pinned with sentences written for these tests
(not the dev sets'): a story naming one place before a question naming another, a story's task words
before a plain count, complex names that hold a task word, a story's year or age beside the asked
year, an article cited alone, a law name as spelt, idle filler and thanks, English "prices", the best
home by a quality asked where, English "are there any …", "…라는 말이 무슨 뜻", and a cap set as a bound."""

from __future__ import annotations

import pytest

from agents.domain.law_names import slot_law_name
from agents.domain.slots import Intent
from agents.gazetteer import Gazetteer, GazetteerRow
from agents.nlu import parse
from agents.tools.coverage import ranked_by_fact
from tests.unit.nlu_support import BUNDANG_END, SEOUL_END, TODAY

ROWS = [
    GazetteerRow("11200", "옥수동", "래미안 옥수 리버젠", "11200-1", 254, SEOUL_END),
    GazetteerRow("11545", "독산동", "명도힐스티지", "11545-1", 18, SEOUL_END),
    GazetteerRow("11470", "신월동", "보금자리", "11470-1", 8, SEOUL_END),
    GazetteerRow("11710", "잠실동", "리센츠", "11710-6", 700, SEOUL_END),
    GazetteerRow("11740", "고덕동", "고덕그라시움", "11740-1", 500, SEOUL_END),
    GazetteerRow("11680", "대치동", "은마", "11680-218", 369, SEOUL_END),
    GazetteerRow("11650", "양재동", "파크뷰", "11650-1", 40, SEOUL_END),
    GazetteerRow("41135", "정자동", "파크뷰", None, 1340, BUNDANG_END),
    GazetteerRow("41135", "구미동", "까치마을(2단지)(주공)", None, 300, BUNDANG_END),
]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.from_rows(ROWS)


def _slots(gaz: Gazetteer, text: str) -> dict[str, object]:
    return parse(text, gaz, TODAY).slots.model_dump()


# -- the place the question asks about, not the story's ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "sigungu"),
    [
        ("강남 살다가 이사 가려는데 송파구 84 2024년 매매 얼마예요?", "송파구"),
        (
            "시댁은 노원 쪽이고 친정은 도봉인데 저희는 성북구 보고 있어요. 성북구 2024 국평 매매 얼마예요?",
            "성북구",
        ),
        ("친정이 송파라 자주 가는데, 강동구 2024년 국평 매매 몇 건이에요?", "강동구"),
        (
            "My parents are in Seocho, and we are looking at Gwanak. How many apartment sales were there in Gwanak in 2023?",
            "관악구",
        ),
        ("지금 잠실 리센츠 전세 살고 있는데 분당 2025 전세 중간값 얼마예요?", "분당구"),
    ],
)
def test_the_question_s_place_wins_over_the_story_s(gaz: Gazetteer, text: str, sigungu: str) -> None:
    slots = _slots(gaz, text)
    assert slots["sigungu"] == sigungu
    assert slots["complex"] is None


def test_a_story_place_outside_the_data_does_not_decline_the_question(gaz: Gazetteer) -> None:
    result = parse("부산에서 올라왔는데요, 마포구 2023년 아파트 매매 중간값 알려주세요", gaz, TODAY)
    assert result.slots.sigungu == "마포구"
    assert result.unknown_regions == []


def test_a_story_place_in_the_same_gu_still_tells_which_complex(gaz: Gazetteer) -> None:
    slots = _slots(gaz, "분당 정자동 사는데 파크뷰 전세 시세 어때요")
    assert (slots["sigungu"], slots["dong"], slots["complex"]) == ("분당구", "정자동", "파크뷰")


def test_two_requests_keep_the_first_place(gaz: Gazetteer) -> None:
    assert _slots(gaz, "강남구 시세 알려줘. 서초구도")["sigungu"] == "강남구"


# -- a story's task words before a plain count or price level -----------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "대출 갈아타려고 알아보는 중이에요. 송파구 2024년 매매 중간값 얼마예요?",
        "세입자랑 분쟁 중인 집주인인데요, 정자동 2025년 월세 거래 몇 건이에요?",
        "수익률 따지는 투자자인데 강남구 2023년 매매 중간값 얼마예요?",
        "I'm writing a paper on how interest rates hit the market. How many apartment sales were there in Gangnam in 2022?",
    ],
)
def test_a_story_before_a_look_up_is_no_task(gaz: Gazetteer, text: str) -> None:
    result = parse(text, gaz, TODAY)
    assert result.intent is Intent.MARKET_INQUIRY
    assert result.sub_intents == []


def test_a_story_before_a_question_of_law_is_its_facts(gaz: Gazetteer) -> None:
    assert parse("보증금을 못 받았는데 어떻게 해요?", gaz, TODAY).intent is Intent.LEGAL_INQUIRY


def test_two_asked_tasks_stay_comprehensive(gaz: Gazetteer) -> None:
    result = parse("금리가 올라서 걱정인데 대출 얼마나 나와요? 강남구 84 시세도 알려줘", gaz, TODAY)
    assert result.intent is Intent.COMPREHENSIVE


# -- a complex name is no task word ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "complex_name"),
    [
        ("래미안 옥수 리버젠 2024 매매 중간값", "래미안 옥수 리버젠"),  # 수리 (repair)
        ("명도힐스티지 2024 매매 얼마였어요", "명도힐스티지"),  # 명도 (eviction)
        ("신월동 보금자리 2023년 매매 몇 건", "보금자리"),  # 보금자리론 (a loan)
    ],
)
def test_a_complex_name_holding_a_task_word_is_a_look_up(
    gaz: Gazetteer, text: str, complex_name: str
) -> None:
    result = parse(text, gaz, TODAY)
    assert result.intent is Intent.MARKET_INQUIRY
    assert result.slots.complex == complex_name


def test_a_legal_question_about_that_complex_stays_legal(gaz: Gazetteer) -> None:
    assert parse("래미안 옥수 리버젠 수리비 누가 내요?", gaz, TODAY).intent is Intent.LEGAL_INQUIRY


# -- a story's year or age is not the period asked -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "period"),
    [
        (
            "남편이 작년에 은퇴해서 집을 줄이려고요. 2024년 노원구 59 매매 중간값은요?",
            ("2024-01-01", "2024-12-31"),
        ),
        ("올해 서른셋인데 2024년 마포구 매매 몇 건이에요", ("2024-01-01", "2024-12-31")),
        ("2019년에 결혼한 부부인데 작년 분당 전세 얼마", ("2025-01-01", "2025-12-31")),
        ("올해 예순인데 구미동 까치마을 2단지 59 2025년 매매 얼마에 팔렸어요?", ("2025-01-01", "2025-12-31")),
    ],
)
def test_the_asked_year_not_the_story_s(gaz: Gazetteer, text: str, period: tuple[str, str]) -> None:
    slots = _slots(gaz, text)
    assert (slots["period_from"], slots["period_to"]) == period


# -- laws and articles -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "article"), [("6조의3은?", "6의3"), ("10조 보여줘", "10"), ("7조도요", "7")]
)
def test_an_article_said_alone_is_cited(gaz: Gazetteer, text: str, article: str) -> None:
    result = parse(text, gaz, TODAY)
    assert result.intent is Intent.LEGAL_INQUIRY
    assert result.slots.article == article


def test_a_law_name_keeps_the_spacing_it_was_written_with(gaz: Gazetteer) -> None:
    assert _slots(gaz, "상가건물 임대차보호법 10조 알려줘")["law_name"] == "상가건물 임대차보호법"
    assert _slots(gaz, "상가건물임대차보호법 10조 알려줘")["law_name"] == "상가건물임대차보호법"
    assert _slots(gaz, "상임법 10조")["law_name"] == "상가건물임대차보호법"
    assert slot_law_name("주택임대차보호법 시행령", "주임법 시행령 8조") == "주택임대차보호법 시행령"


# -- filler, thanks and promises ask nothing -----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "그냥 궁금해서요",
        "심심해서요 ㅋㅋ",
        "음.. 궁금했어요",
        "고마워요 엄마한테도 알려줄게요",
        "감사합니다 아내한테 보여줄게요",
    ],
)
def test_idle_words_and_thanks_are_unclear(gaz: Gazetteer, text: str) -> None:
    assert parse(text, gaz, TODAY).intent is Intent.UNCLEAR


def test_thanks_then_a_request_is_the_request(gaz: Gazetteer) -> None:
    assert parse("감사해요 그럼 매물도 보여줄래요?", gaz, TODAY).intent is Intent.PROPERTY_SEARCH


# -- English "prices" of a place are sale prices -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "deal"),
    [
        ("What are Bundang apartment prices like in 2024?", "매매"),
        ("jeongja-dong 84 price last year", "매매"),
        ("Bundang monthly rent prices 2025", "월세"),
        ("Bundang officetel prices", None),
    ],
)
def test_english_prices_of_a_place(gaz: Gazetteer, text: str, deal: str | None) -> None:
    assert _slots(gaz, text)["deal_type"] == deal


def test_a_judged_price_in_english_names_no_deal(gaz: Gazetteer) -> None:
    assert (
        _slots(gaz, "Is 1.6 billion a fair price for 84 at Park View in Jeongja-dong?")["deal_type"] is None
    )


# -- the best home by a quality, asked where ---------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "목동에서 학교 가까운 괜찮은 단지 어디야",
        "송파에서 살기 좋은 동네는 어디?",
        "고덕동 인기 많은 아파트가 어디예요",
    ],
)
def test_the_best_home_asked_where_is_a_recommendation(gaz: Gazetteer, text: str) -> None:
    assert parse(text, gaz, TODAY).intent is Intent.PROPERTY_RECOMMENDATION


def test_the_dearest_home_asked_where_is_a_ranking(gaz: Gazetteer) -> None:
    assert parse("분당에서 제일 비싼 아파트 어디예요?", gaz, TODAY).intent is Intent.MARKET_INQUIRY


@pytest.mark.parametrize(
    ("query", "declined"),
    [
        ("목동 학군 가장 좋은 단지 추천", True),
        ("Which complex in Jamsil has the best schools?", True),
        ("지하철역 제일 가까운 단지 어디야", True),
        ("관리비 제일 싼 단지 어디", True),
        ("학군 좋은 단지로만 추려줘", True),
        ("초등학교 배정 잘 되는 곳으로 골라주세요", True),
        ("Show me homes with good schools in Bundang", True),
        ("분당에 30평대 추천해줘 학교 가까운 데로", False),
        ("학군 때문에 이매동 위주로", False),
        ("분당에서 8억 안쪽 아파트 추천해줘 애들 학교 보내기 좋은 데로", False),
        ("지역 제일 좋은 아파트 추천", False),
    ],
)
def test_a_ranking_by_a_fact_we_do_not_hold_is_declined(query: str, declined: bool) -> None:
    assert (ranked_by_fact(query) is not None) is declined


# -- English "are there any …", a word asked about, a cap set as a bound -------------------------------


def test_homes_asked_whether_any_exist_are_a_search(gaz: Gazetteer) -> None:
    result = parse("are there any small apartments for jeonse in Jeongja-dong", gaz, TODAY)
    assert result.intent is Intent.PROPERTY_SEARCH
    assert result.slots.deal_type == "전세"
    assert (
        parse("Is there any law that protects tenants in Bundang?", gaz, TODAY).intent is Intent.LEGAL_INQUIRY
    )


@pytest.mark.parametrize("text", ["대항력이라는 단어가 뭐예요", "확정일자란 용어는 무슨 의미야"])
def test_a_word_asked_as_a_word_is_a_definition(gaz: Gazetteer, text: str) -> None:
    assert parse(text, gaz, TODAY).intent is Intent.TERM_DEFINITION


def test_a_cap_with_an_amount_is_a_bound_and_a_cap_in_percent_a_rule(gaz: Gazetteer) -> None:
    assert parse("보증금 상한 3억으로", gaz, TODAY).intent is not Intent.LEGAL_INQUIRY
    assert parse("월세 상한 90으로 해줘", gaz, TODAY).intent is not Intent.LEGAL_INQUIRY
    assert parse("상한 5퍼 넘게 올려도 돼?", gaz, TODAY).intent is Intent.LEGAL_INQUIRY


def test_a_request_part_that_only_names_a_figure_still_asks(gaz: Gazetteer) -> None:
    slots = _slots(gaz, "원래 대치동 살았었는데 지금은 분당 정자동 전세 알아봐요 2025 정자동 전세 중간값")
    assert (slots["sigungu"], slots["dong"]) == ("분당구", "정자동")


def test_years_said_in_english_are_no_size(gaz: Gazetteer) -> None:
    slots = _slots(
        gaz, "We've lived in Bundang for 20 years but now want Seoul. Median sale price in Mapo 2024?"
    )
    assert slots["sigungu"] == "마포구"
    assert (slots["area_min_m2"], slots["area_max_m2"]) == (None, None)
    assert (slots["period_from"], slots["period_to"]) == ("2024-01-01", "2024-12-31")


def test_a_recommendation_only_reported_is_story(gaz: Gazetteer) -> None:
    result = parse("지인이 강동 추천하던데 송파구 2024 매매 몇 건이에요?", gaz, TODAY)
    assert result.intent is Intent.MARKET_INQUIRY
    assert result.slots.sigungu == "송파구"
