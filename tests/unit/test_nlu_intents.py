"""Intent on everyday phrasing (issue 13): each kind is checked with sentences of its own, so the tests pin
the rule (a question's shape, a lexicon entry) rather than one wording of the evaluation sets."""

from __future__ import annotations

import pytest

from agents.domain.slots import Intent
from agents.gazetteer import Gazetteer, GazetteerRow
from agents.nlu import NluResult, parse
from tests.unit.nlu_support import BUNDANG_END, SEOUL_END, TODAY

ROWS = [
    GazetteerRow("11680", "대치동", "은마", "11680-218", 369, SEOUL_END),
    GazetteerRow("11680", "도곡동", "도곡렉슬", "11680-3623", 377, SEOUL_END),
    GazetteerRow("11710", "잠실동", "잠실엘스", "11710-6346", 509, SEOUL_END),
    GazetteerRow("11710", "잠실동", "리센츠", "11710-6249", 615, SEOUL_END),
    GazetteerRow("11710", "가락동", "헬리오시티", "11710-8865", 957, SEOUL_END),
    GazetteerRow("41135", "정자동", "파크뷰", None, 1340, BUNDANG_END),
    GazetteerRow("41135", "서현동", "시범한양", None, 3577, BUNDANG_END),
]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.from_rows(ROWS)


def run(gaz: Gazetteer, text: str) -> NluResult:
    return parse(text, gaz, TODAY)


def strong(result: NluResult) -> bool:
    """Named its task with a cue of its own (the dialogue state trusts it over the previous turn)."""
    return result.confidence >= 0.7


# -- 1. rights and duties in everyday words are legal questions --------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "에어컨 고장 수리비는 세입자 부담이야?",
        "천장에서 물 새는데 누가 고쳐야 돼",
        "화장실 변기 막혔는데 집주인한테 고쳐달라고 할 수 있어?",
        "살던 집이 경매 넘어가면 보증금은 어떻게 돼?",
        "계약금 보낸 뒤에 매도인이 해약하자고 하면?",
        "집이 팔리면 새 집주인한테도 내 전세 계약 유지돼?",
        "월세방 일부를 친구한테 세 놓아도 되나",
        "이사 갈 때 도배 새로 해놓고 나가야 돼?",
        "계약 끝났는데 자동으로 연장된 거면 언제 나갈 수 있어",
        "중개수수료 상한은 어느 법에 있어",
        "부동산 실거래 신고 언제까지 해야 돼",
        "전세를 월세로 돌릴 때 이율 상한 있나요",
        "관리비에 장기수선충당금 포함돼 있는데 세입자가 내는 거 맞아?",
        "임차인이 사망하면 배우자가 계약 승계할 수 있어?",
        "전세 보증금 분쟁 생기면 어디에 조정 신청해?",
        "집주인 국세 체납 있는지 확인할 수 있어?",
        "Do I have to pay for repairs as a tenant?",
        "What happens to my lease if the owner sells the apartment?",
        "Can I sublet one room without asking?",
    ],
)
def test_everyday_rights_questions_are_legal(gaz: Gazetteer, text: str) -> None:
    result = run(gaz, text)
    assert result.intent == Intent.LEGAL_INQUIRY, result
    assert strong(result)


# -- 2. definitions ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "DTI 뭔지 간단히 설명해줘",
        "LTV가 무슨 말이야",
        "확정일자가 뭔 뜻이야",
        "LTV랑 DSR은 뭐가 다른데",
        "그럼 DSR이 정확히 뭐야",
        "what does DTI stand for",
        "What is an escrow and why does it matter?",
    ],
)
def test_definition_phrasings_are_term_definitions(gaz: Gazetteer, text: str) -> None:
    assert run(gaz, text).intent == Intent.TERM_DEFINITION


def test_a_bare_ratio_name_is_no_loan_task(gaz: Gazetteer) -> None:
    """ "and LTV?" after a definition: the ratio alone names no loan calculation (the dialogue carries it)."""
    assert not strong(run(gaz, "LTV는?"))


# -- 3. judging a stated price without the word 적정 -------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "은마 84 25억이면 괜찮아?",
        "잠실엘스 84 27억 이 가격 맞나",
        "헬리오시티 59 16억이면 싸게 나온거야?",
        "리센츠 84 28억에 사면 손해일까",
        "파크뷰 전세 84 9억 정도면 어때요",
        "시범한양 59 8억 시세대로 나온 거야?",
        "도곡렉슬 33평 30억이면 살만해?",
    ],
)
def test_a_place_a_price_and_a_judging_question_is_a_price_evaluation(gaz: Gazetteer, text: str) -> None:
    result = run(gaz, text)
    assert result.intent == Intent.PRICE_EVALUATION
    assert result.slots.asking_price_manwon is not None


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("강남구 10억 이하 아파트 어때", Intent.PROPERTY_SEARCH),  # a bound is a search, not a price judged
        ("송파구에서 12억 이하로 살 만한 단지 골라줘", Intent.PROPERTY_RECOMMENDATION),
        ("7억 집 사는데 대출 얼마가 적당해? 연봉 8천", Intent.LOAN_CONSULT),
    ],
)
def test_generic_judging_words_do_not_add_a_price_evaluation(
    gaz: Gazetteer, text: str, intent: Intent
) -> None:
    assert run(gaz, text).intent == intent


# -- 4. checklists and clause lists are contract work ------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "잠실엘스 매수 전에 확인할 것들 체크리스트 만들어줘",
        "월세 계약 전 확인사항 목록으로 정리해줘",
        "전세 계약서에 넣을 특약 뽑아줘",
        "give me a checklist before buying an apartment",
    ],
)
def test_checklists_are_contract_creation(gaz: Gazetteer, text: str) -> None:
    assert run(gaz, text).intent == Intent.CONTRACT_CREATION


def test_words_describing_the_contract_are_not_a_second_task(gaz: Gazetteer) -> None:
    result = run(gaz, "매매 계약서 작성해줘 잠실엘스 매매가 25억")
    assert (result.intent, result.slots.asking_price_manwon) == (Intent.CONTRACT_CREATION, 250000)


# -- 5. two requests in one message ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        (
            "송파구 전세 시세 보여주고 계약할 때 확인할 거 리스트도 정리해줘",
            [Intent.MARKET_INQUIRY, Intent.CONTRACT_CREATION],
        ),
        (
            "강남구 매매 중위가격 알려주고 DSR이 뭔지도 설명해줘",
            [Intent.MARKET_INQUIRY, Intent.TERM_DEFINITION],
        ),
        (
            "What is the average jeonse price in Bundang and explain what DSR is",
            [Intent.MARKET_INQUIRY, Intent.TERM_DEFINITION],
        ),
        (
            "은마 최근 실거래가 알려주고 그 가격이면 적당한지도 평가해줘",
            [Intent.MARKET_INQUIRY, Intent.PRICE_EVALUATION],
        ),
        (
            "임차권등기 절차 알려주고 월세 계약서 초안도 만들어줘",
            [Intent.LEGAL_INQUIRY, Intent.CONTRACT_CREATION],
        ),
    ],
)
def test_two_requests_are_comprehensive_with_both_parts(
    gaz: Gazetteer, text: str, parts: list[Intent]
) -> None:
    result = run(gaz, text)
    assert (result.intent, result.sub_intents) == (Intent.COMPREHENSIVE, parts)


# -- 6. non-housing things at a place are off-topic --------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "잠실역 근처 카페 추천",
        "헬리오시티 옆 치킨집 어디가 맛있어",
        "분당 서현역 스타벅스 몇시에 닫아",
        "판교 치과 추천좀",
        "송파구 근처 병원 어디가 좋아",
        "Where can I get good coffee near Jamsil?",
    ],
)
def test_non_housing_places_are_irrelevant(gaz: Gazetteer, text: str) -> None:
    result = run(gaz, text)
    assert result.intent == Intent.IRRELEVANT
    assert result.slots.sigungu is None


# -- 7. loan follow-ups and yield phrasing -----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "30년 상환으로 바꾸면 월 얼마야",
        "LTV 60% 적용하면 얼마까지 나와",
        "원리금 균등으로 하면 매달 얼마",
        "20년 만기면?",
    ],
)
def test_repayment_and_ratio_phrasing_is_a_loan_question(gaz: Gazetteer, text: str) -> None:
    assert run(gaz, text).intent == Intent.LOAN_CONSULT


def test_an_income_with_a_price_is_a_loan_question(gaz: Gazetteer) -> None:
    assert run(gaz, "연봉 구천이고 12억짜리 보고 있어요").intent == Intent.LOAN_CONSULT


@pytest.mark.parametrize(
    "text", ["9억에 사서 보증금 1억 월 200 받으면 남는 게 얼마야", "7억 투자 대비 월세 150이면 수익 괜찮아?"]
)
def test_what_is_left_of_a_rent_is_a_yield_question(gaz: Gazetteer, text: str) -> None:
    assert run(gaz, text).intent == Intent.ROI_CALCULATION


# -- the new cues leave ordinary requests alone ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("올수리 된 매물 찾아줘", Intent.PROPERTY_SEARCH),
        ("정자동 전세 3억 정도 되는 매물 있어?", Intent.PROPERTY_SEARCH),
        ("전세 주고 월세 받으면 수익률 얼마", Intent.ROI_CALCULATION),
        ("전세 대출 가능해?", Intent.LOAN_CONSULT),
        ("잠실엘스 시세 얼마야", Intent.MARKET_INQUIRY),
        ("확정일자 받을 필요가 있어?", Intent.LEGAL_INQUIRY),
        ("강남역 근처 아파트 추천해줘", Intent.PROPERTY_RECOMMENDATION),
    ],
)
def test_ordinary_requests_keep_their_intent(gaz: Gazetteer, text: str, intent: Intent) -> None:
    assert run(gaz, text).intent == intent


# -- everyday life around home, food and work is off-topic ------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "집에서 키우기 쉬운 고양이 품종 알려줘",
        "우리 집 강아지 산책은 하루에 몇 번 시켜야 돼?",
        "잠실 근처 저녁 메뉴 뭐 먹을까",
        "오늘 야근이라 집에 늦게 가 ㅠ",
        "강남구청 주민센터 가는 길 알려줘",
        "집 근처 카페 추천해줘",
    ],
)
def test_life_questions_with_home_words_are_irrelevant(gaz: Gazetteer, text: str) -> None:
    result = run(gaz, text)
    assert result.intent == Intent.IRRELEVANT
    assert result.slots.sigungu is None


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("강아지 키울 수 있는 집 찾아줘", Intent.PROPERTY_SEARCH),
        ("출퇴근 편한 동네 추천해줘", Intent.PROPERTY_RECOMMENDATION),
        ("주민센터에서 확정일자 받아도 돼?", Intent.LEGAL_INQUIRY),
        ("고양이 키우다 벽지 찢어졌는데 원상복구 해야 돼?", Intent.LEGAL_INQUIRY),
    ],
)
def test_life_words_beside_a_housing_task_keep_the_task(gaz: Gazetteer, text: str, intent: Intent) -> None:
    assert run(gaz, text).intent == intent


# -- definitions: legal terms, "이게 무슨 뜻" pointers, and no slots ---------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "계약갱신요구권이 뭐야",
        "최우선변제권 뜻이 뭐야?",
        "LTV 80% 완화 이게 무슨 뜻이야",
        "스트레스 DSR 2단계 그게 뭐임",
        "What is a jeonse deposit?",
    ],
)
def test_definitions_carry_no_slots(gaz: Gazetteer, text: str) -> None:
    result = run(gaz, text)
    assert result.intent == Intent.TERM_DEFINITION
    assert result.sub_intents == []
    assert result.slots.deal_type is None and result.slots.sigungu is None


# -- English word forms and sale-implying verbs ---------------------------------------------------


@pytest.mark.parametrize("text", ["got any recommendations in songpa?", "recommended areas for families"])
def test_english_recommend_word_forms(gaz: Gazetteer, text: str) -> None:
    assert run(gaz, text).intent == Intent.PROPERTY_RECOMMENDATION


@pytest.mark.parametrize(
    "text",
    [
        "what are flats in jamsil going for",
        "how much are apartments in songpa selling for",
        "잠실엘스 작년에 얼마에 거래된 거야",
    ],
)
def test_selling_and_traded_words_imply_a_sale(gaz: Gazetteer, text: str) -> None:
    result = run(gaz, text)
    assert result.intent == Intent.MARKET_INQUIRY
    assert result.slots.deal_type == "매매"


def test_traded_words_yield_to_a_named_rent(gaz: Gazetteer) -> None:
    assert run(gaz, "파크뷰 전세 얼마에 거래됐어").slots.deal_type == "전세"


# -- checklist phrasing -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "월세 계약 전에 확인해야 할 것들 알려줘",
        "매매 잔금 전에 챙겨야 할 것 리스트로 정리",
        "이사 전 체크해야 할 사항 정리해줘",
    ],
)
def test_must_check_lists_are_contract_creation(gaz: Gazetteer, text: str) -> None:
    assert run(gaz, text).intent == Intent.CONTRACT_CREATION


# -- a stated purchase price describes the calculation ------------------------------------------


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("매매가 7억짜리 사서 월세 200 받으면 수익률 얼마야", Intent.ROI_CALCULATION),
        ("정자동 15억에 사서 보증금 1억 월 300에 세 주면 수익률", Intent.ROI_CALCULATION),
        ("가격 9억 집 살 건데 대출 얼마나 돼? 연봉 8천", Intent.LOAN_CONSULT),
    ],
)
def test_a_stated_purchase_price_is_no_market_question(gaz: Gazetteer, text: str, intent: Intent) -> None:
    result = run(gaz, text)
    assert result.intent == intent
    if intent == Intent.ROI_CALCULATION:
        assert result.slots.deal_type is None


def test_a_market_figure_word_keeps_the_market_part(gaz: Gazetteer) -> None:
    result = run(gaz, "은마 매매가 20억인데 시세 추이랑 대출 한도 알려줘")
    assert Intent.MARKET_INQUIRY in result.sub_intents


# -- listing words after 실거래 ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["잠실엘스 2024년 실거래 내역", "은마 매매 실거래 목록 보여줘", "리센츠 실거래 쭉 보여줘"]
)
def test_deal_lists_are_searches(gaz: Gazetteer, text: str) -> None:
    assert run(gaz, text).intent == Intent.PROPERTY_SEARCH


@pytest.mark.parametrize("text", ["리센츠 실거래가 얼마야", "도곡렉슬 실거래가 요즘 어때"])
def test_deal_price_level_stays_a_market_question(gaz: Gazetteer, text: str) -> None:
    assert run(gaz, text).intent == Intent.MARKET_INQUIRY


# -- a deposit range bounds the price -------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "정자동 전세 보증금 2~4억 거래 보여줘",
        "분당 전세 보증금 2억에서 4억 시세",
        "분당 전세 보증금 2억~4억 추천해줘",
    ],
)
def test_a_deposit_range_bounds_the_price(gaz: Gazetteer, text: str) -> None:
    slots = run(gaz, text).slots
    assert (slots.price_min_manwon, slots.price_max_manwon) == (20000, 40000)
    assert slots.deposit_manwon is None and slots.asking_price_manwon is None


def test_most_expensive_sale_where_is_a_ranking(gaz: Gazetteer) -> None:
    assert run(gaz, "송파에서 제일 비싸게 팔린 단지 어디야").intent == Intent.MARKET_INQUIRY
