"""Ninth round of intent decisions (sentences written for these tests, not the dev sets'): asides and
acknowledgements are UNCLEAR, 뭐 as typed in chat asks a definition, whether two words mean the same is a
definition, English judgements of a stated price, a judgement beside a loan in one message, a tenancy
story that ends in "what do I do", backing out of a purchase, the form a lease is written on, a tax with
an amount, and how far a loan goes for a home at a changed price."""

from __future__ import annotations

import pytest

from agents.domain.slots import Intent
from agents.gazetteer import Gazetteer, GazetteerRow
from agents.nlu import NluResult, parse
from tests.unit.nlu_support import BUNDANG_END, SEOUL_END, TODAY, converse

ROWS = [
    GazetteerRow("11710", "신천동", "파크리오", "11710-9", 900, SEOUL_END),
    GazetteerRow("11710", "가락동", "헬리오시티", "11710-1", 900, SEOUL_END),
    GazetteerRow("41135", "정자동", "느티마을3단지", None, 800, BUNDANG_END),
]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.from_rows(ROWS)


def run(gaz: Gazetteer, text: str) -> NluResult:
    return parse(text, gaz, TODAY)


# -- acknowledgements and announced questions: nothing to act on yet ------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "넵 알겠습니다",
        "아 네 이해했어요",
        "혹시 질문 하나 해도 될까요",
        "궁금한게 있어요",
        "저기 하나만 여쭤봐도 될까요?",
        "ok got it",
        "quick question",
        "can i ask you something?",
    ],
)
def test_asides_are_unclear(gaz: Gazetteer, text: str) -> None:
    result = run(gaz, text)
    assert result.intent is Intent.UNCLEAR
    assert all(v is None for _, v in result.slots)


def test_an_announced_question_with_its_question_is_that_question(gaz: Gazetteer) -> None:
    assert run(gaz, "하나 물어볼게 있는데 강남구 시세 어때요").intent is Intent.MARKET_INQUIRY


# -- 뭐 as typed in chat ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["DSR 머임", "근저당이 모야?", "전세권 먼데", "확정일자가 머예요 ㅠ", "이거 머임"]
)
def test_colloquial_what_asks_a_definition(gaz: Gazetteer, text: str) -> None:
    result = run(gaz, text)
    assert result.intent is Intent.TERM_DEFINITION and result.slots.sigungu is None


@pytest.mark.parametrize(("text", "intent"), [("먼저 강남구 시세 알려줘", Intent.MARKET_INQUIRY)])
def test_words_starting_like_what_are_not_definitions(gaz: Gazetteer, text: str, intent: Intent) -> None:
    assert run(gaz, text).intent is intent


# -- whether two words mean the same ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "위약금하고 계약금 같은 뜻이야?",
        "전세권이랑 전세 같은 거예요?",
        "중개수수료랑 중개보수 똑같은 말인가요",
        "is 복비 the same thing as 중개보수?",
        "is a lien the same as a mortgage?",
        "do jeonse deposit and key money mean the same thing?",
    ],
)
def test_two_words_meaning_the_same_is_a_definition(gaz: Gazetteer, text: str) -> None:
    assert run(gaz, text).intent is Intent.TERM_DEFINITION


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("반전세랑 월세 같은 거 찾아줘", Intent.PROPERTY_SEARCH),  # homes like those, not the words
        ("is the price the same as last year?", Intent.MARKET_INQUIRY),
    ],
)
def test_same_without_words_asked_about(gaz: Gazetteer, text: str, intent: Intent) -> None:
    assert run(gaz, text).intent is intent


# -- English judgements of a stated price ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "price"),
    [
        ("is 2 billion too much for a 59 in Songpa?", 200000),
        ("good deal at 1.5 billion for that one?", 150000),
        ("am I overpaying if I pay 950 million?", 95000),
        ("would 1.1 billion sound reasonable for Park Rio?", 110000),
    ],
)
def test_english_price_judgements(gaz: Gazetteer, text: str, price: int) -> None:
    result = run(gaz, text)
    assert result.intent is Intent.PRICE_EVALUATION and result.slots.asking_price_manwon == price


def test_an_english_loan_judged_stays_a_loan(gaz: Gazetteer) -> None:
    assert run(gaz, "would a 900 million loan be ok with my income?").intent is Intent.LOAN_CONSULT


# -- a judgement and a loan joined in one message ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "파크리오 84 19억이면 어떤지 그리고 연봉 9천이면 대출 얼마 나오는지 알려줘",
        "연봉 8천이면 대출 얼마 나오는지, 그리고 파크리오 20억 적당한지도",
    ],
)
def test_a_judgement_beside_a_loan_is_comprehensive(gaz: Gazetteer, text: str) -> None:
    result = run(gaz, text)
    assert result.intent is Intent.COMPREHENSIVE
    assert set(result.sub_intents) == {Intent.PRICE_EVALUATION, Intent.LOAN_CONSULT}


# -- a tenancy story that ends in "what do I do" ----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "송파에서 월세 사는데 계약 끝났는데 집주인이 새 임차인을 구해야 보증금 준대요 어떻게 해요?",
        "정자동 전세 만기인데 집주인이 돈이 없다고 다음 사람 구해서 준다네요 저 어떻게 해야 하나요",
    ],
)
def test_a_tenancy_story_asking_what_to_do_is_legal(gaz: Gazetteer, text: str) -> None:
    result = run(gaz, text)
    assert result.intent is Intent.LEGAL_INQUIRY
    assert result.slots.sigungu is None and result.slots.deal_type is None


def test_finding_a_home_is_still_a_search(gaz: Gazetteer) -> None:
    assert run(gaz, "분당 전세 구해줘").intent is Intent.PROPERTY_SEARCH


# -- backing out after paying part of the price --------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The seller wants to back out after I paid the deposit, what happens?",
        "We put 10% down on a flat but want to pull out of the purchase. Do we forfeit it?",
    ],
)
def test_backing_out_of_a_purchase_is_legal(gaz: Gazetteer, text: str) -> None:
    assert run(gaz, text).intent is Intent.LEGAL_INQUIRY


# -- the form a lease is written on is a rule, not a draft ------------------------------------------


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("월세 계약서 양식 따로 정해져 있나요?", Intent.LEGAL_INQUIRY),
        ("전세 계약서 인터넷에서 받은 양식으로 작성해도 괜찮아요?", Intent.LEGAL_INQUIRY),
        ("전세 계약서 표준양식으로 초안 써줘", Intent.CONTRACT_CREATION),
    ],
)
def test_the_form_of_a_contract(gaz: Gazetteer, text: str, intent: Intent) -> None:
    assert run(gaz, text).intent is intent


# -- a tax with an amount is the legal path (which says taxes are not covered) ---------------------------


@pytest.mark.parametrize("text", ["9억짜리 집 사면 취득세 얼마 내야돼요", "10억 아파트 취득세 몇퍼야?"])
def test_a_tax_with_an_amount_is_legal(gaz: Gazetteer, text: str) -> None:
    result = run(gaz, text)
    assert result.intent is Intent.LEGAL_INQUIRY and result.slots.sigungu is None


# -- how far a loan goes at a (changed) price -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("10억짜리 아파트면 얼마까지 나와요?", Intent.LOAN_CONSULT),
        ("8억으로 바꾸면 얼마까지 가능해요", Intent.LOAN_CONSULT),
    ],
)
def test_how_far_it_goes_at_a_price_is_a_loan(gaz: Gazetteer, text: str, intent: Intent) -> None:
    assert run(gaz, text).intent is intent


def test_a_lease_asked_how_far_is_no_loan(gaz: Gazetteer) -> None:
    assert run(gaz, "9억짜리 아파트 전세 얼마까지 받을 수 있어").intent is not Intent.LOAN_CONSULT


def test_a_changed_price_after_a_definition_in_a_loan_chat(gaz: Gazetteer) -> None:
    frames = converse(
        gaz,
        [
            "주담대 한도 궁금해요",
            "12억짜리 보고 있고 연봉 1억이에요",
            "전세가율이 뭐예요",
            "그럼 6억짜리로 바꾸면 얼마까지 나와요",
        ],
    )
    assert [f.intent for f in frames] == [
        Intent.LOAN_CONSULT,
        Intent.LOAN_CONSULT,
        Intent.TERM_DEFINITION,
        Intent.LOAN_CONSULT,
    ]
    assert frames[-1].slots.asking_price_manwon == 60000


@pytest.mark.parametrize(
    "text",
    [
        "I'm renting a small office space. What's the most the agent can charge me as a fee?",
        "how much can a realtor legally charge for a 1 billion won sale?",
        "What's the max the broker may charge in commission?",
    ],
)
def test_what_a_broker_may_charge_is_legal(gaz: Gazetteer, text: str) -> None:
    assert parse(text, gaz, TODAY).intent is Intent.LEGAL_INQUIRY


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("do I need to report my lease? 3억 전세", Intent.LEGAL_INQUIRY),
        ("Is a 2억 jeonse subject to the reporting law?", Intent.LEGAL_INQUIRY),
        ("what's the maximum DSR for a 1 billion flat?", Intent.LOAN_CONSULT),
        ("highest LTV I can get as a first-time buyer?", Intent.LOAN_CONSULT),
    ],
)
def test_english_rule_questions_with_amounts_reach_their_task(
    gaz: Gazetteer, text: str, intent: Intent
) -> None:
    assert parse(text, gaz, TODAY).intent is intent
