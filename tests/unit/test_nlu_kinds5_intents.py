"""Fifth round of understanding kinds, tasks and roles (sentences written for these tests, not the dev
sets'): a stated price bound beats money told in a story, pay summed by a couple, a supposed purchase,
a word asked about through hearsay or against another word, a question of law while a draft waits, a
price called and questioned, and when "거래 보여줘" asks for figures rather than a list."""

from __future__ import annotations

import pytest

from agents.dialogue import is_new_question
from agents.domain.slots import Intent
from agents.domain.units import normalize, parse_money
from agents.gazetteer import Gazetteer, GazetteerRow
from agents.nlu import NluResult, parse
from tests.unit.nlu_support import SEOUL_END, TODAY, converse

ROWS = [
    GazetteerRow("11650", "반포동", "래미안퍼스티지", "11650-1", 900, SEOUL_END),
    GazetteerRow("11710", "잠실동", "리센츠", "11710-6", 700, SEOUL_END),
    GazetteerRow("11710", "잠실동", "트리지움", "11710-5", 700, SEOUL_END),
    GazetteerRow("11200", "성수동1가", "트리마제", "11200-1", 300, SEOUL_END),
    GazetteerRow("11500", "가양동", "가양", "11500-1", 900, SEOUL_END),
    GazetteerRow("11230", "전농동", "래미안크레시티", "11230-1", 900, SEOUL_END),
]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.from_rows(ROWS)


def run(gaz: Gazetteer, text: str) -> NluResult:
    return parse(text, gaz, TODAY)


# -- a stated bound beats money told in a story -------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "저축한 돈이 2억 정도 있어요. 강서구에서 2023년에 6억 이하로 매매된 아파트 찾아주세요",
        "부모님이 1억 보태주신대요 그래서 강서구 6억 이하 매매 거래 보여줘",
    ],
)
def test_a_stated_bound_beats_money_in_the_story(gaz: Gazetteer, text: str) -> None:
    result = run(gaz, text)
    assert result.intent is Intent.PROPERTY_SEARCH and result.slots.price_max_manwon == 60000


@pytest.mark.parametrize(
    ("text", "income"),
    [
        ("연봉 합치면 1억1000인데 9억짜리 대출 얼마", 11000),
        ("우리 부부 연봉 합쳐서 8500이에요 대출 한도 궁금", 8500),
        ("연봉 둘이 합산 7200인데 대출 가능해?", 7200),
    ],
)
def test_summed_pay_is_an_income(text: str, income: int) -> None:
    roles = {m.role: m.manwon for m in parse_money(normalize(text))}
    assert roles.get("income") == income


@pytest.mark.parametrize(
    "text",
    ["리센츠 84 20억에 산다 치고 대출 얼마나 나와?", "트리지움 국평 18억에 샀다고 가정하면 대출 한도는?"],
)
def test_a_supposed_purchase_is_a_sale(gaz: Gazetteer, text: str) -> None:
    assert run(gaz, text).slots.deal_type == "매매"


# -- words asked about ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "중개사가 전입신고 하라던데 그게 정확히 뭔가요?",
        "대항력 챙기라고 하던데 그게 쉽게 뭐예요?",
        "중위가격이랑 평균가격 뭐가 달라요?",
        "전세권하고 확정일자는 어떻게 달라?",
    ],
)
def test_hearsay_and_differences_are_definitions(gaz: Gazetteer, text: str) -> None:
    assert run(gaz, text).intent is Intent.TERM_DEFINITION


def test_a_difference_asked_inside_a_data_chat_inherits_nothing(gaz: Gazetteer) -> None:
    frames = converse(gaz, ["전농동 2024 매매 시세", "중간값이 평균이랑 뭐가 다른데?"])
    assert frames[1].intent is Intent.TERM_DEFINITION
    assert frames[1].slots.dong is None and frames[1].slots.period_from is None


# -- a question of law while a contract draft waits ----------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "특약에 수리비 부담 넣고 싶은데 법적으로 집주인이 어디까지 고쳐줘야 돼?",
        "특약으로 반려동물 금지 넣으려는데 법상 그게 가능한가요?",
        "계약금 보낸 뒤에 매도인이 계약을 깨자고 하면 어떻게 돼요? 두 배로 받는 거 맞죠?",
    ],
)
def test_a_question_of_law_while_a_draft_waits_is_answered(gaz: Gazetteer, text: str) -> None:
    result = run(gaz, text)
    assert result.intent is Intent.LEGAL_INQUIRY
    assert is_new_question(
        text,
        result.intent,
        strong_intent=result.confidence >= 0.7,
        pending="contract_approval",
        pending_intent=Intent.CONTRACT_CREATION,
    )


@pytest.mark.parametrize(
    "text", ["특약에 원상복구 조항 넣어줘", "특약에 법적으로 문제 없게 수리비 조항 추가해줘"]
)
def test_an_order_to_change_the_draft_stays_an_edit(gaz: Gazetteer, text: str) -> None:
    result = run(gaz, text)
    assert not is_new_question(
        text,
        result.intent,
        strong_intent=result.confidence >= 0.7,
        pending="contract_approval",
        pending_intent=Intent.CONTRACT_CREATION,
    )


def test_double_the_deposit_back_is_no_loan(gaz: Gazetteer) -> None:
    result = run(gaz, "집주인이 계약 파기하면 배액 상환 받을 수 있나요?")
    assert result.intent is Intent.LEGAL_INQUIRY


# -- a price called and questioned ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "트리마제 국평 전세로 20억 부르던데 미친 가격 아닌가요?",
        "리센츠 84 매매 30억 부르네 이거 말도 안되는 거 아니야?",
    ],
)
def test_a_called_price_questioned_is_an_evaluation(gaz: Gazetteer, text: str) -> None:
    assert run(gaz, text).intent is Intent.PRICE_EVALUATION


def test_deals_asked_after_an_evaluation_are_the_market(gaz: Gazetteer) -> None:
    frames = converse(
        gaz,
        ["래미안퍼스티지 84 매매 40억이면 적정해요?", "퍼스티지 국평 2024년 실제 거래된 가격 범위 보여줘"],
    )
    assert frames[1].intent is Intent.MARKET_INQUIRY and frames[1].slots.asking_price_manwon is None


# -- "거래 보여줘": figures of a complex or size, a list under a bound or of homes ----------------------


@pytest.mark.parametrize(
    "text",
    [
        "리센츠 2021년 거래",
        "래미안퍼스티지 59 2024년 실거래 보여줘",
        "송파구 2023 하반기 전용 84 거래만",
    ],
)
def test_a_complex_or_size_with_a_year_asks_figures(gaz: Gazetteer, text: str) -> None:
    assert run(gaz, text).intent is Intent.MARKET_INQUIRY


@pytest.mark.parametrize(
    "text",
    [
        "트리지움 2023년 15억 이하 거래 보여줘",
        "가양동 아파트 2024년 매매 거래 보여줘",
        "트리지움 2023년 매매 거래도 보여줘",  # the deals shown (older sets 6 to 1), not their figures
        "리센츠 2022년 실거래 목록",
    ],
)
def test_a_bound_or_homes_asks_a_list(gaz: Gazetteer, text: str) -> None:
    assert run(gaz, text).intent is Intent.PROPERTY_SEARCH


@pytest.mark.parametrize(
    "text",
    [
        "전세 계약서는 꼭 공인중개사 통해서 써야 하나요?",
        "계약서 작성 비용은 임대인 임차인 중 누가 내요?",
        "임대차 계약서 안 쓰고 말로만 해도 되나요?",
    ],
)
def test_a_duty_about_the_contract_is_a_question_of_law(gaz: Gazetteer, text: str) -> None:
    assert parse(text, gaz, TODAY).intent is Intent.LEGAL_INQUIRY


@pytest.mark.parametrize(
    "text", ["월세 계약서 써줘 보증금 500 월세 40", "전세 계약서 초안 부탁해요", "매매 계약서 작성해줘"]
)
def test_a_contract_asked_for_is_still_a_draft(gaz: Gazetteer, text: str) -> None:
    assert parse(text, gaz, TODAY).intent is Intent.CONTRACT_CREATION


@pytest.mark.parametrize(
    "text",
    [
        "집 팔 때 양도세 비과세 요건이 어떻게 돼요?",
        "전세 살면 소득공제 되나요?",
        "재건축하면 초과이익 환수 얼마나 내요?",
        "How much property tax will I pay on a 1 billion won apartment?",
    ],
)
def test_tax_rules_are_questions_of_law_which_the_answer_says_it_does_not_hold(
    gaz: Gazetteer, text: str
) -> None:
    assert parse(text, gaz, TODAY).intent is Intent.LEGAL_INQUIRY


@pytest.mark.parametrize(
    "text",
    [
        "재계약 없이 그냥 연장된 상태인데 집주인이 다음 달까지 집 비워달래요 괜찮은 건가요?",
        "주인이 마음대로 계약을 끝낼 수 있나요? 자동 갱신된 거라던데",
        "작년에 산 아파트 베란다에 물이 차는데 판 사람한테 책임 지라고 할 수 있어요?",
        "매도인이 숨긴 하자는 어떻게 해요",
    ],
)
def test_everyday_words_for_ending_a_lease_or_a_defect_after_buying_are_law(
    gaz: Gazetteer, text: str
) -> None:
    assert parse(text, gaz, TODAY).intent is Intent.LEGAL_INQUIRY


def test_a_particle_glued_to_the_next_word_is_no_interest(gaz: Gazetteer) -> None:
    """ "계약이 자동으로" read without spaces holds "이자": no loan question in it."""
    assert parse("계약이 자동으로 넘어갔는데 주인이 나가달래요", gaz, TODAY).intent is Intent.LEGAL_INQUIRY
    assert parse("3억 빌리면 이자 얼마나 내요?", gaz, TODAY).intent is Intent.LOAN_CONSULT
