"""Kinds of legal question read by rule (legal_dev4 round): a question asking for a figure is
answered from the article that states it (the decree the act leaves it to); a topic the statutes do
not hold (court rulings, tax credits) says so; the parts of an uncovered topic must be said together,
not one in the story and one in the question; English and Korean words for a clause that takes a
tenant's right away reach the rule that voids it."""

from __future__ import annotations

import pytest

from agents.domain.legal_terms import HOUSING, asks_figure, reduce_question, subject_laws
from agents.tools.legal_issues import all_issues
from agents.tools.legal_issues.match import figure_ref, match_issues, uncovered_words
from tests.unit.test_legal_issues import statutes


def top_key(question: str) -> str:
    return match_issues(question, limit=1, statutes=bodies())[0].issue.key


def bodies() -> dict[tuple[str, int, int], str]:
    keys = {(r.law, r.article, r.sub) for issue in all_issues() for r in issue.refs}
    return {k: v for k, v in statutes().items() if k in keys}


def uncovered_key(question: str) -> str | None:
    found = uncovered_words(question)
    return found[0].key if found else None


def issue(key: str):
    return next(i for i in all_issues() if i.key == key)


@pytest.mark.parametrize(
    ("question", "figure"),
    [
        ("가게 보증금 중에 경매 때 먼저 챙길 수 있는 게 얼마예요?", True),
        ("월세 인상 한 번에 몇 프로까지 가능해요?", True),
        ("임대차 신고는 보증금이 얼마를 넘으면 대상이에요?", True),
        ("How much of my deposit is protected first in Incheon?", True),
        ("Is there a cap on how much the rent can go up?", True),
        ("얼마 전에 집주인이 바뀌었는데 계약은 그대로예요?", False),  # some time ago: no figure asked
        ("집주인이 보증금을 안 돌려줘요", False),
        ("관리비 내역을 보면 청소비로 얼마 나갔는지 안 나와 있어요", False),  # a sum that is a fact
        ("앞 세입자들 보증금이 다 합쳐서 얼마나 되는지 알 수 있나요?", False),
        ("10% 올려달라는데 5% 넘게는 못 올리는 거 아니에요?", False),  # the figure is given
        ("증여세는 얼마나 나와요?", True),
        ("세입자가 몇 달 동안 말을 안 했어요", False),  # a span of the story, no figure asked
        ("전세권 최장 몇 년까지 설정돼요?", True),
    ],
)
def test_a_question_asking_for_a_figure_is_recognised(question, figure):
    assert asks_figure(question) is figure


@pytest.mark.parametrize(
    ("key", "law", "article", "sub"),
    [
        ("transactions_lease_report", "부동산거래신고등에관한법률시행령", 4, 3),  # 6천만원, 30만원
        ("commercial_rent_increase_cap", "상가건물임대차보호법시행령", 4, 0),  # 100분의 5
        ("brokerage_contract_document", "공인중개사법시행령", 22, 0),  # 5년
        ("commercial_small_deposit_priority", "상가건물임대차보호법시행령", 7, 0),  # the amounts
    ],
)
def test_the_article_that_states_the_figure_is_the_decree_the_act_leaves_it_to(key, law, article, sub):
    ref = figure_ref(issue(key), bodies())
    assert ref is not None and (ref.law, ref.article, ref.sub) == (law, article, sub)


def test_an_entry_stating_no_figure_has_no_figure_article():
    assert figure_ref(issue("housing_mandatory_rules"), bodies()) is None


@pytest.mark.parametrize(
    ("question", "key"),
    [
        (
            "식당 하는데 환산보증금이 얼마 이하여야 소액임차인으로 최우선변제 대상이에요?",
            "commercial_small_tenant_threshold",
        ),
        ("우리 가게도 소액임차인 해당되는지 기준이 궁금해요", "commercial_small_tenant_threshold"),
        (
            "작은 카페인데 건물 경매 넘어가면 제 보증금은 얼마까지 먼저 받나요?",
            "commercial_small_deposit_priority",
        ),
    ],
)
def test_an_amount_question_reaches_the_entry_of_the_decree_that_states_it(question, key):
    assert top_key(question) == key


@pytest.mark.parametrize(
    ("question", "key"),
    [
        ("대법원에서 보증금 반환 관련해서 나온 판례 좀 찾아줘", "court_cases"),
        ("임차권등기명령 관련 판결 사건번호 알려주세요", "court_cases"),
        ("Is there a precedent from the Supreme Court about implied renewal?", "court_cases"),
        ("Give me the case number of a court ruling on key money", "court_cases"),
        ("월세 낸 거 연말정산 때 공제돼요?", "taxes"),
        ("전세 대출 이자 소득공제 받을 수 있나요?", "taxes"),
        ("What capital gains tax do I pay on a flat?", "taxes"),
        ("재건축 초과이익 얼마나 내야 해요?", "redevelopment"),
        ("분양가상한제 아파트 실거주 의무 있어요?", "subscription"),
    ],
)
def test_topics_the_statutes_do_not_hold_say_so(question, key):
    assert uncovered_key(question) == key


@pytest.mark.parametrize(
    "question",
    [
        "판결 받아서 강제경매 신청하려는데 집을 먼저 비워야 하나요?",  # a judgment the tenant holds
        "보증금 소송에서 승소했는데 집주인이 안 줘요. 대법원까지 간대요",
    ],
)
def test_a_judgment_the_tenant_holds_is_no_request_for_case_law(question):
    assert uncovered_key(question) != "court_cases"


@pytest.mark.parametrize(
    "question",
    [
        "이사하면서 복비도 나가고 이사비도 들었어요. 집주인이 거짓말로 내보낸 거면 얼마나 배상받아요?",
        "중개수수료까지 냈는데 계약이 깨졌어요! 위약금은 몇 배예요?",
        "복비 아까워요ㅠㅠ 근데 계약금 돌려받으려면 최대 얼마나 걸려요",
    ],
)
def test_parts_of_an_uncovered_topic_said_in_different_sentences_are_no_such_topic(question):
    assert uncovered_key(question) != "brokerage_fee_rates"


@pytest.mark.parametrize(
    "question",
    ["복비 최대 얼마까지 받을 수 있어요?", "중개수수료 요율이 몇 퍼센트예요? 매매 5억이면요"],
)
def test_parts_of_an_uncovered_topic_said_together_are_that_topic(question):
    assert uncovered_key(question) == "brokerage_fee_rates"


@pytest.mark.parametrize(
    "question",
    [
        "계약서에 갱신요구권 포기한다고 특약 넣었는데 효력 있어요?",
        "세입자한테 불리한 조항 넣었으면 무효 아닌가요?",
        "Is a clause where I waive the deposit protection valid?",
        "Our lease has a clause that the tenant waives renewal. Is it enforceable?",
    ],
)
def test_a_clause_taking_a_tenants_right_away_reaches_the_rule_that_voids_it(question):
    assert top_key(question) == "housing_mandatory_rules"


@pytest.mark.parametrize(
    "question",
    [
        "관리비 문제도 주택임대차분쟁조정위원회에서 조정해 줘요?",
        "복비 다툼인데 임대차분쟁조정위원회에 신청할 수 있나요?",
    ],
)
def test_a_body_the_act_sets_up_names_that_act(question):
    assert subject_laws(reduce_question(question))[0] == HOUSING


@pytest.mark.parametrize(
    "question",
    [
        "임대사업자 등록하면 어떤 혜택이 있어요?",
        "민간임대 등록하면 의무임대기간이 몇 년이에요?",
    ],
)
def test_registering_as_a_rental_business_is_another_acts_topic(question):
    assert uncovered_key(question) == "private_rental_housing"


@pytest.mark.parametrize(
    ("key", "question", "article"),
    [
        (
            "fraud_decision_timeline",
            "피해자 결정 신청하면 위원회 심의는 며칠 안에 끝나요? 얼마나 걸려요?",
            14,
        ),
        ("fraud_decision_timeline", "How long does the committee's deliberation take after the survey?", 14),
        (
            "transactions_sale_report_fines",
            "실거래가 낮춰서 신고하면 과태료 얼마나 나와요?",
            28,
        ),  # the rule itself
    ],
)
def test_of_several_articles_stating_figures_the_one_naming_the_questions_words_is_cited(
    key, question, article
):
    ref = figure_ref(issue(key), bodies(), reduce_question(question))
    assert ref is not None and ref.article == article


@pytest.mark.parametrize(
    "question",
    [
        "재계약 때 집주인이 상한보다 더 올려서 냈는데 돌려받을 수 있나요?",
        "법정 한도 넘게 월세를 올렸는데 이미 낸 돈 반환 청구 되나요?",
        "갱신하면서 보증금을 너무 많이 올려서 줬어요. 초과분 돌려받아요?",
    ],
)
def test_money_paid_after_a_raise_past_the_cap_is_claimed_back(question):
    assert top_key(question) == "housing_overpaid_rent_refund"


@pytest.mark.parametrize(
    "question",
    [
        "세입자는 경매 때 보증금에서 얼마까지 먼저 받을 수 있어요?",
        "최우선변제로 최대 얼마까지 받아요? 서울 원룸이에요",
        "서울 전세 경매 넘어가면 최우선변제 최대 얼마까지 받아요?",
        "How much of a small deposit is paid first at auction, at most?",
    ],
)
def test_an_amount_paid_first_is_answered_from_the_decree_that_states_it(question):
    reduced = reduce_question(question)
    match = match_issues(reduced, limit=1, statutes=bodies())[0]
    ref = figure_ref(match.issue, bodies(), reduced)
    assert ref is not None and (ref.law, ref.article) == ("주택임대차보호법시행령", 10)


@pytest.mark.parametrize(
    "question",
    [
        "계약 전에 먼저 사는 세입자들 보증금이 얼마인지 알 수 있어요?",  # a fact of the house, no figure of law
        "관리비가 어디에 얼마 쓰였는지 내역 달라고 해도 돼요?",
    ],
)
def test_a_sum_that_is_a_fact_of_the_case_asks_for_no_figure(question):
    assert not asks_figure(question)


@pytest.mark.parametrize(
    ("question", "key"),
    [
        (
            "묵시적으로 연장된 상태인데 다음 달에 이사 가고 싶어요. 언제 해지돼요?",
            "housing_implied_renewal_termination",
        ),
        (
            "자동 연장됐는데 회사 때문에 나가야 해요. 2년 다 살아야 하나요?",
            "housing_implied_renewal_termination",
        ),
        (
            "My lease auto-renewed and I have to move out for work. When can I leave?",
            "housing_implied_renewal_termination",
        ),
        ("갱신요구권 써서 연장했는데 1년만 살고 나가도 되나요?", "housing_renewed_lease_termination"),
    ],
)
def test_ending_a_lease_already_extended_is_the_termination_rule(question, key):
    assert top_key(question) == key


@pytest.mark.parametrize(
    "question",
    [
        "재계약 때 10% 올려 줬는데 5% 넘는 건 돌려받을 수 있나요?",
        "상한 넘은 부분은 반환 청구 돼요? 이미 다 냈어요",
    ],
)
def test_the_part_paid_above_the_cap_is_claimed_back(question):
    assert top_key(question) == "housing_overpaid_rent_refund"
