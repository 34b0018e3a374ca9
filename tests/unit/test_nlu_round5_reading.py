"""Fifth round of one-message understanding kinds, each pinned with sentences written for these tests
(not the dev sets'): 평대 said in English, complex names in another word order, greetings with filler,
off-topic food errands, a workplace beside the place asked about, an area then its 동, yields in English,
amounts asked rather than rights, deals gathered into a list, savings that are no price, sizes said
with 만 (only), and costs folded into a calculation."""

from __future__ import annotations

import pytest

from agents.domain.slots import Intent
from agents.domain.units import parse_area, parse_money
from agents.gazetteer import Gazetteer, GazetteerRow
from agents.nlu import parse
from agents.tools.coverage import asked_fact
from tests.unit.nlu_support import BUNDANG_END, SEOUL_END, TODAY

ROWS = [
    GazetteerRow("11590", "상도동", "힐스테이트 상도 센트럴파크", "11590-1", 400, SEOUL_END),
    GazetteerRow("11590", "상도동", "상도 래미안", "11590-2", 300, SEOUL_END),
    GazetteerRow("11590", "흑석동", "흑석 한강 센트레빌", "11590-3", 200, SEOUL_END),
    GazetteerRow("11710", "잠실동", "리센츠", "11710-6", 700, SEOUL_END),
    GazetteerRow("11710", "신천동", "파크리오", "11710-7", 900, SEOUL_END),
    GazetteerRow("11680", "대치동", "은마", "11680-218", 369, SEOUL_END),
    GazetteerRow("11680", "도곡동", "도곡렉슬", "11680-3623", 400, SEOUL_END),
    GazetteerRow("11440", "아현동", "마포래미안푸르지오", "11440-1", 600, SEOUL_END),
    GazetteerRow("11530", "신도림동", "디큐브시티", "11530-9", 300, SEOUL_END),
    GazetteerRow("41135", "정자동", "파크뷰", None, 1340, BUNDANG_END),
    GazetteerRow("41135", "운중동", "산운마을11단지", None, 300, BUNDANG_END),
    GazetteerRow("41135", "판교동", "판교원마을9단지(한림풀에버)", None, 300, BUNDANG_END),
    GazetteerRow("41135", "백현동", "판교푸르지오그랑블", None, 300, BUNDANG_END),
]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.from_rows(ROWS)


def _slots(gaz: Gazetteer, text: str) -> dict[str, object]:
    return parse(text, gaz, TODAY).slots.model_dump()


# -- N평대 in English and with any ending after 대 ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("what did 30-pyeong-class apartments go for in mapo", 99.17, 132.23),
        ("20 pyeong range flats in songpa", 66.12, 99.17),
        ("something in the 40s pyeong", 132.23, 165.29),
        ("30-something pyeong units", 99.17, 132.23),
        ("20평대였으면 좋겠어요", 66.12, 99.17),
        ("30평대가 얼마나 해", 99.17, 132.23),
        ("40평대를 보고 있어요", 132.23, 165.29),
    ],
)
def test_a_pyeong_decade_is_the_decade_band(text: str, low: float, high: float) -> None:
    areas = parse_area(text)
    assert [(a.min_m2, a.max_m2) for a in areas] == [(low, high)]


def test_a_pyeong_loan_word_is_no_decade() -> None:
    assert [(a.min_m2, a.max_m2) for a in parse_area("30평 대출 한도")] == [(96.17, 102.17)]


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("84 sqm or bigger in songpa", 84.0, None),
        ("59m2 and up", 59.0, None),
        ("84 sqm or smaller please", None, 84.0),
    ],
)
def test_an_english_open_end_after_a_size(text: str, low: float | None, high: float | None) -> None:
    assert [(a.min_m2, a.max_m2) for a in parse_area(text)] == [(low, high)]


# -- a complex said with its words in another order ---------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "상도동 힐스테이트 센트럴파크 작년 실거래",
        "센트럴파크 힐스테이트 상도동 시세",
        "동작구 힐스테이트 센트럴파크 84 얼마야",
        "상도동 센트럴파크 힐스테이트 13억이면 괜찮아?",
    ],
)
def test_complex_words_in_another_order(gaz: Gazetteer, text: str) -> None:
    assert _slots(gaz, text)["complex"] == "힐스테이트 상도 센트럴파크"


@pytest.mark.parametrize("text", ["상도동 힐스테이트 시세", "상도동 아파트 84 거래가", "상도동 센트럴 시세"])
def test_part_of_the_words_names_no_complex(gaz: Gazetteer, text: str) -> None:
    assert _slots(gaz, text)["complex"] is None


# -- greetings and thanks with filler; food errands in English ------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "안녕하세요~ 오늘 처음 와봤어요",
        "hi there, first time using this",
        "thanks a lot, that helped!",
        "감사합니다 덕분에 정리됐어요",
    ],
)
def test_a_greeting_with_filler_is_unclear(gaz: Gazetteer, text: str) -> None:
    result = parse(text, gaz, TODAY)
    assert result.intent is Intent.UNCLEAR


@pytest.mark.parametrize(
    "text",
    [
        "where can I get good barbecue near Jamsil station?",
        "best ramen around Gangnam",
        "any brunch places in Songpa?",
        "분당 정자동 근처 한정식집 어디가 좋아요?",
        "잠실 고깃집 추천해줘",
    ],
)
def test_food_near_a_place_is_irrelevant_without_slots(gaz: Gazetteer, text: str) -> None:
    result = parse(text, gaz, TODAY)
    assert result.intent is Intent.IRRELEVANT
    assert result.slots.sigungu is None and result.slots.dong is None


def test_a_greeting_with_a_question_is_not_small_talk(gaz: Gazetteer) -> None:
    assert parse("Hi, can you tell me a joke?", gaz, TODAY).intent is Intent.IRRELEVANT


# -- a workplace beside the place asked about -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "sigungu"),
    [
        ("I work in Gangnam. What did apartments in Mapo sell for in 2024?", "마포구"),
        ("moving for my job (Pangyo office), jeonse in Bundang these days?", "분당구"),
        ("my office is in Jamsil, what are sale prices in Mapo", "마포구"),
        ("판교 회사 다니는데 분당 전세 시세 알려줘", "분당구"),
    ],
)
def test_a_workplace_is_not_the_filter(gaz: Gazetteer, text: str, sigungu: str) -> None:
    slots = _slots(gaz, text)
    assert (slots["sigungu"], slots["dong"], slots["complex"]) == (sigungu, None, None)


# -- an area said loosely, then its 동 in full ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "dong"),
    [
        ("판교 운중동 전세 작년", "운중동"),
        ("Pangyo Unjung-dong jeonse", "운중동"),
        ("판교 백현동 매매 시세", "백현동"),
    ],
)
def test_the_dong_said_in_full_wins(gaz: Gazetteer, text: str, dong: str) -> None:
    assert _slots(gaz, text)["dong"] == dong


# -- yields, amounts and rents in English ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "deposit", "rent"),
    [
        ("at that price, with a 30 million deposit and 1.2 million a month, what's the yield?", 3000, 120),
        (
            "If I buy at this price and let it for 100 million deposit and 2 million monthly, what's the ROI?",
            10000,
            200,
        ),
    ],
)
def test_a_yield_at_that_price_is_a_yield(gaz: Gazetteer, text: str, deposit: int, rent: int) -> None:
    result = parse(text, gaz, TODAY)
    assert result.intent is Intent.ROI_CALCULATION
    assert (result.slots.deposit_manwon, result.slots.monthly_rent_manwon) == (deposit, rent)


@pytest.mark.parametrize(
    ("text", "rent"),
    [("rent max 120", 120), ("monthly rent under 90", 90), ("월세 최대 80", 80), ("max rent 100", 100)],
)
def test_a_rent_cap_in_words(text: str, rent: int) -> None:
    found = [(m.manwon, m.bound, m.role) for m in parse_money(text)]
    assert found == [(rent, "max", "monthly")]


@pytest.mark.parametrize(
    "text",
    [
        "How much is jeonse in Mapo these days?",
        "how much are apartments in Songpa for 3 bedrooms",
        "ok, show me the 2023 numbers",
        "show me the figures for Bundang",
    ],
)
def test_english_price_levels_are_market_questions(gaz: Gazetteer, text: str) -> None:
    assert parse(text, gaz, TODAY).intent is Intent.MARKET_INQUIRY


@pytest.mark.parametrize(
    "text", ["recomend a good apartment in Bundang, budget 900 million", "reccomend me a flat in Mapo"]
)
def test_a_misspelt_recommend_still_recommends(gaz: Gazetteer, text: str) -> None:
    assert parse(text, gaz, TODAY).intent is Intent.PROPERTY_RECOMMENDATION


@pytest.mark.parametrize("text", ["what does SH stand for?", "what does HUG stand for, I keep seeing it"])
def test_an_acronym_asked_is_a_definition(gaz: Gazetteer, text: str) -> None:
    assert parse(text, gaz, TODAY).intent is Intent.TERM_DEFINITION


def test_a_difference_of_korean_words_asked_in_english(gaz: Gazetteer) -> None:
    assert (
        parse("what's the difference between 전세 and 반전세?", gaz, TODAY).intent is Intent.TERM_DEFINITION
    )


@pytest.mark.parametrize("text", ["D-Cube City 2023 sales", "dcube city prices"])
def test_an_english_loanword_name(gaz: Gazetteer, text: str) -> None:
    assert _slots(gaz, text)["complex"] == "디큐브시티"


# -- Korean amounts: asked rather than a right, budgets stated, savings, 만 as "only" ---------------------


@pytest.mark.parametrize(
    "text", ["정자동 월세 얼마 받을 수 있어?", "은마 전세 놓으면 얼마나 받을 수 있어요? 보증금 기준"]
)
def test_an_amount_asked_is_a_market_question(gaz: Gazetteer, text: str) -> None:
    assert parse(text, gaz, TODAY).intent is Intent.MARKET_INQUIRY


@pytest.mark.parametrize("text", ["보증금은 2억까지 가능해요", "보증금 8천 이하로 가능합니다"])
def test_a_budget_stated_as_possible_is_no_legal_question(gaz: Gazetteer, text: str) -> None:
    assert parse(text, gaz, TODAY).intent is not Intent.LEGAL_INQUIRY


def test_protection_is_no_asking_price(gaz: Gazetteer) -> None:
    text = "딸한테 전세로 주려는데 가족 사이에도 확정일자 받아야 보호가 되나요?"
    assert parse(text, gaz, TODAY).intent is Intent.LEGAL_INQUIRY


@pytest.mark.parametrize(
    "text",
    [
        "모은 돈 1억 있고 부모님이 3천 보태준대요. 은마 84 2023년 실거래가 얼마였어?",
        "현금 2억 정도 있는데 파크뷰 작년 실거래 얼마였어요?",
    ],
)
def test_savings_are_no_price(gaz: Gazetteer, text: str) -> None:
    result = parse(text, gaz, TODAY)
    assert result.intent is Intent.MARKET_INQUIRY
    assert result.slots.price_max_manwon is None and result.slots.asking_price_manwon is None


@pytest.mark.parametrize(
    "text",
    ["파크뷰 84를 16억에 샀는데 잘 산 건지 모르겠어요", "언니가 리센츠를 25억에 팔았는데 잘 판 거예요?"],
)
def test_a_deal_done_judged_is_a_price_judgement(gaz: Gazetteer, text: str) -> None:
    result = parse(text, gaz, TODAY)
    assert result.intent is Intent.PRICE_EVALUATION and result.slots.deal_type == "매매"


@pytest.mark.parametrize(
    "text",
    [
        "은마 2023년 거래 좀 정리해 주세요",
        "파크뷰 전세 거래 내역 모아줘",
        "잠실동 20억 이하로 팔린 거 있으면 좀 보여줘",
    ],
)
def test_deals_gathered_are_a_search(gaz: Gazetteer, text: str) -> None:
    assert parse(text, gaz, TODAY).intent is Intent.PROPERTY_SEARCH


@pytest.mark.parametrize("text", ["도곡렉슬 84만 보면요", "2023년으로, 전용59만"])
def test_a_size_and_man_is_only_that_size(gaz: Gazetteer, text: str) -> None:
    slots = _slots(gaz, text)
    assert slots["asking_price_manwon"] is None and slots["price_max_manwon"] is None
    assert slots["area_min_m2"] is not None


@pytest.mark.parametrize(("text", "monthly"), [("월세 80만 이하", 80), ("월세 84만", 84)])
def test_a_rent_in_man_stays_money(text: str, monthly: int) -> None:
    assert [m.manwon for m in parse_money(text) if m.role == "monthly"] == [monthly]


@pytest.mark.parametrize(
    ("text", "low"),
    [
        ("평수는 84로 바꿔주세요", 81.0),
        ("아니다 59로 다시, 작년 기준", 56.0),
        ("23년꺼로 보고 84로 바꿔줘", 81.0),
    ],
)
def test_a_size_change_with_other_words(gaz: Gazetteer, text: str, low: float) -> None:
    result = parse(text, gaz, TODAY)
    slots = result.fragment_slots if result.intent in (Intent.UNCLEAR, Intent.IRRELEVANT) else result.slots
    assert slots is not None and slots.area_min_m2 == low


@pytest.mark.parametrize(
    "text", ["보증금 1억/월 200 세팅하면 수익률?", "12억에 사서 보증금 5천/월 250 받으면 수익률"]
)
def test_a_deposit_slash_rent(gaz: Gazetteer, text: str) -> None:
    slots = parse(text, gaz, TODAY).slots
    assert slots.deposit_manwon is not None and slots.monthly_rent_manwon is not None


def test_costs_folded_into_a_calculation_ask_no_fee_question(gaz: Gazetteer) -> None:
    for text in ("복비랑 취득세 포함해서 다시 계산해줘", "세금까지 감안해서 계산 다시 해줄래?"):
        assert parse(text, gaz, TODAY).intent is not Intent.LEGAL_INQUIRY


@pytest.mark.parametrize(
    ("text", "income"), [("월급으로 치면 실수령 350이에요", 4200), ("와이프랑 합치면 1년에 9천 정도", None)]
)
def test_pay_said_with_words_between(text: str, income: int | None) -> None:
    found = [m.manwon for m in parse_money(text) if m.role == "income"]
    assert found == ([income] if income else found)


def test_make_it_is_no_income() -> None:
    assert [m.role for m in parse_money("make it 15억")] == ["price"]


# -- facts no file holds ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "missing"),
    [
        ("학군 좋은 동네로 골라줘", "학군"),
        ("초등학교 배정 잘 되는 단지 있어?", "학교"),
        ("송파 역세권 프리미엄 얼마나 돼요?", "역세권"),
        ("is there a good school near Jamsil?", "학군"),
        ("은마 관리비 얼마 나와요?", "관리비"),
    ],
)
def test_a_fact_we_do_not_hold_is_declined_by_name(text: str, missing: str) -> None:
    said = asked_fact(text)
    assert said is not None and missing in said


@pytest.mark.parametrize("text", ["래블 84 호가 28억인데 적정해?", "송파구 2024년 매매 중위가격"])
def test_other_questions_ask_no_missing_fact(text: str) -> None:
    assert asked_fact(text) is None


# -- a listing told as the story of a judgement; a lease draft with a deposit only --------------------------


@pytest.mark.parametrize(
    "text", ["8억에 나온 매물 있던데 이거 사도 돼?", "12억짜리 매물 봤는데 사도 괜찮을까요"]
)
def test_a_listing_in_the_story_is_no_search(gaz: Gazetteer, text: str) -> None:
    assert parse(text, gaz, TODAY).intent is Intent.PRICE_EVALUATION


@pytest.mark.parametrize(
    ("text", "deal"),
    [
        ("보증금 3억에 2년으로 계약서 초안 부탁해요", "전세"),
        ("계약서 써줘, 보증금 5천에 월세 80으로", "월세"),
    ],
)
def test_a_lease_draft_names_its_deal_type(gaz: Gazetteer, text: str, deal: str) -> None:
    result = parse(text, gaz, TODAY)
    assert result.intent is Intent.CONTRACT_CREATION and result.slots.deal_type == deal
