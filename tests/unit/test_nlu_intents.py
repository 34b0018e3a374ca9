"""Intent on everyday phrasing (issue 13): each kind is checked with sentences of its own, so the tests pin
the rule (a question's shape, a lexicon entry) rather than one wording of the evaluation sets."""

from __future__ import annotations

from datetime import date

import pytest

from agents.domain.slots import Intent
from agents.gazetteer import Gazetteer, GazetteerRow
from agents.nlu import NluResult, parse

TODAY = date(2026, 11, 21)
SEOUL_END, BUNDANG_END = date(2024, 12, 30), date(2025, 12, 31)

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
