"""Second round of everyday phrasing kinds (issue 13), each pinned with sentences written for these
tests: deals asked to be shown, clipped judging words, pay amounts that end their clause, a bare size
before 월세, sound-alike spellings, brand letters and complex names said without their area word."""

from __future__ import annotations

import pytest

from agents.domain.slots import Intent
from agents.domain.units import normalize, parse_money
from agents.gazetteer import Gazetteer, GazetteerRow
from agents.nlu import NluResult, parse
from tests.unit.nlu_support import BUNDANG_END, SEOUL_END, TODAY, Chat

ROWS = [
    GazetteerRow("11680", "대치동", "은마", "11680-218", 369, SEOUL_END),
    GazetteerRow("11710", "가락동", "헬리오시티", "11710-8865", 957, SEOUL_END),
    GazetteerRow("11710", "문정동", "올림픽훼밀리타운", "11710-1200", 300, SEOUL_END),
    GazetteerRow("11710", "잠실동", "리센츠", "11710-6249", 615, SEOUL_END),
    GazetteerRow("41135", "판교동", "판교원마을7단지", None, 200, BUNDANG_END),
    GazetteerRow("41135", "대장동", "판교더샵포레스트", None, 300, BUNDANG_END),
    GazetteerRow("41135", "대장동", "판교엘포레힐스", None, 250, BUNDANG_END),
    GazetteerRow("41135", "백현동", "THESHARP판교센트럴", None, 400, BUNDANG_END),
    GazetteerRow("41135", "이매동", "이매촌(금강)", None, 500, BUNDANG_END),
    GazetteerRow("41135", "정자동", "파크뷰", None, 1340, BUNDANG_END),
]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.from_rows(ROWS)


def run(gaz: Gazetteer, text: str) -> NluResult:
    return parse(text, gaz, TODAY)


@pytest.mark.parametrize(
    "text",
    [
        "송파구 15억 이하 22년 실거래 있어?",
        "가락동 작년에 거래된 것들 좀 보여줘",
        "문정동 12억 넘게 팔린 실거래 있었나",
        "Any flats in Songpa sold for under 1 billion in 2023?",
    ],
)
def test_deals_asked_to_be_shown_are_a_search(gaz: Gazetteer, text: str) -> None:
    assert run(gaz, text).intent is Intent.PROPERTY_SEARCH


@pytest.mark.parametrize(
    "text",
    ["송파구 15억 이하 22년 평균 얼마 있어?", "How many flats in Songpa sold for under 1 billion?"],
)
def test_a_figure_over_bounded_deals_stays_a_market_question(gaz: Gazetteer, text: str) -> None:
    assert run(gaz, text).intent is Intent.MARKET_INQUIRY


@pytest.mark.parametrize(
    "text", ["헬리오시티 84 15억 어떰", "은마 20억이면 들어갈만한 가격임?", "파크뷰 13억 괜춘?"]
)
def test_clipped_judging_words_evaluate_a_stated_price(gaz: Gazetteer, text: str) -> None:
    result = run(gaz, text)
    assert result.intent is Intent.PRICE_EVALUATION
    assert result.slots.asking_price_manwon is not None


def test_after_tax_pay_is_annualised_and_the_home_price_stays_a_price() -> None:
    money = parse_money(normalize("월급 400 세후고 7억짜리 집 대출 얼마나 돼"))
    assert [(m.manwon, m.role) for m in money] == [(4800, "income"), (70000, "price")]


def test_an_amount_after_the_clause_about_pay_is_no_income() -> None:
    money = parse_money(normalize("연봉 9천 외벌이인데 송파구 12억 이하로 추천해줘"))
    assert [(m.manwon, m.role, m.bound) for m in money] == [
        (9000, "income", "exact"),
        (120000, "price", "max"),
    ]
    same_clause = parse_money(normalize("just my salary, 90 million"))
    assert [(m.manwon, m.role) for m in same_clause] == [(9000, "income")]


def test_a_bare_size_before_monthly_rent_is_a_size(gaz: Gazetteer) -> None:
    market = run(gaz, "가락동 59 월세 보증금 시세")
    assert (market.slots.area_min_m2, market.slots.area_max_m2, market.slots.deal_type) == (
        56.0,
        62.0,
        "월세",
    )
    roi = run(gaz, "문정동 84 9억에 사서 보증금 5천 월세 200 받으면 수익률 얼마야")
    assert roi.intent is Intent.ROI_CALCULATION
    assert (roi.slots.area_min_m2, roi.slots.area_max_m2) == (81.0, 87.0)


@pytest.mark.parametrize(
    ("text", "complex_name"), [("헬리오씨티 시세", "헬리오시티"), ("리쎈츠 시세", "리센츠")]
)
def test_sound_alike_letters_still_find_the_complex(gaz: Gazetteer, text: str, complex_name: str) -> None:
    assert run(gaz, text).slots.complex == complex_name


def test_brand_letters_said_in_korean_find_the_latin_name(gaz: Gazetteer) -> None:
    assert run(gaz, "더샵판교센트럴 전세 시세").slots.complex == "THESHARP판교센트럴"


def test_a_complex_named_without_the_area_word_of_its_district(gaz: Gazetteer) -> None:
    # 판교 is the 동 next door (판교동), said before names in 대장동 too
    assert run(gaz, "대장동 엘포레힐스 작년 시세").slots.complex == "판교엘포레힐스"
    assert run(gaz, "이매 금강 84 시세").slots.complex == "이매촌(금강)"


def test_a_follow_up_asking_to_show_narrowed_deals_becomes_a_search(gaz: Gazetteer) -> None:
    chat = Chat(gaz)
    assert chat.say("가락동 작년 매매 시세 알려줘").intent is Intent.MARKET_INQUIRY
    narrowed = chat.say("15억 이하만 보여줘")
    assert narrowed.intent is Intent.PROPERTY_SEARCH
    assert narrowed.slots.dong == "가락동" and narrowed.slots.price_max_manwon == 150000


def test_deals_asked_for_after_a_loan_question_are_a_search(gaz: Gazetteer) -> None:
    chat = Chat(gaz)
    assert chat.say("연봉 8천이고 9억짜리 집 대출 얼마까지 돼요?").intent is Intent.LOAN_CONSULT
    listed = chat.say("그럼 송파구에서 9억 이하 59 작년에 매매된 거 보여줘")
    assert listed.intent is Intent.PROPERTY_SEARCH


@pytest.mark.parametrize("text", ["청약 가점제 뜻?", "종부세 비과세가 뭐야", "What does 'pyeong' mean?"])
def test_a_compound_or_quoted_term_is_one_definition(gaz: Gazetteer, text: str) -> None:
    assert run(gaz, text).intent is Intent.TERM_DEFINITION


def test_a_home_to_live_in_is_no_question_of_law(gaz: Gazetteer) -> None:
    wanted = run(gaz, "송파구 9억 이하 실거주용 아파트 추천해줘")
    assert wanted.intent is Intent.PROPERTY_RECOMMENDATION
    assert run(gaz, "집주인이 실거주한다고 나가래요").intent is Intent.LEGAL_INQUIRY


def test_leaving_out_cancelled_deals_is_a_filter_remark(gaz: Gazetteer) -> None:
    counted = run(gaz, "정자동 작년 매매 몇 건이야? 해제된 거래는 빼고")
    assert counted.intent is Intent.MARKET_INQUIRY
    assert run(gaz, "매매 계약 해제하면 계약금은 어떻게 돼요").intent is Intent.LEGAL_INQUIRY


def test_a_dong_of_a_place_outside_the_data_is_no_typo_of_ours() -> None:
    gaz = Gazetteer.from_rows([*ROWS, GazetteerRow("11545", "시흥동", "벽산", "11545-1", 300, SEOUL_END)])
    outside = run(gaz, "성남 수정구 신흥동 아파트 작년 매매 몇 건?")
    assert outside.slots.dong is None and outside.slots.sigungu_code is None
    assert run(gaz, "금천구 시흥동 작년 매매 몇 건?").slots.dong == "시흥동"


@pytest.mark.parametrize(
    "text", ["월세 석 달 밀리면 집주인이 바로 내보낼 수 있나요?", "관리비 두 달 연체하면 나가야 돼?"]
)
def test_rent_arrears_and_being_put_out_are_questions_of_law(gaz: Gazetteer, text: str) -> None:
    assert run(gaz, text).intent is Intent.LEGAL_INQUIRY


def test_a_tax_asked_a_few_words_later_is_a_second_request(gaz: Gazetteer) -> None:
    text = "리센츠 84 작년 전세 시세 알려주고, 취득세도 대충 얼마인지 알려줘"
    assert run(gaz, text).intent is Intent.COMPREHENSIVE


def test_showing_another_deal_type_keeps_the_market_question(gaz: Gazetteer) -> None:
    chat = Chat(gaz)
    assert chat.say("가락동 작년 매매 시세 알려줘").intent is Intent.MARKET_INQUIRY
    changed = chat.say("월세로 바꿔서 보여줘")
    assert changed.intent is Intent.MARKET_INQUIRY and changed.slots.deal_type == "월세"
