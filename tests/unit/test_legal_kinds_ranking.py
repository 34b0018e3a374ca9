"""Kinds of ranking failure on questions nobody wrote a cue for, each with fresh phrasings: a story
about moving out before the deposit is back, leaving a renewed lease early, a short stay, a shop's
brokerage fee, a registered jeonse right, the subject named by the law's own name, and the topics
the statutes we hold do not answer (an insurer's joining terms, a complex's management)."""

from __future__ import annotations

import pytest

from agents.tools.legal_issues.match import answers, match_issues, uncovered_topic

HOUSING = "주택임대차보호법"
DECREE = "주택임대차보호법시행령"
COMMERCIAL = "상가건물임대차보호법"
CIVIL = "민법"
BROKERS = "공인중개사법"
BROKERS_RULE = "공인중개사법시행규칙"


def governing(question: str) -> tuple[str, int, int]:
    top = match_issues(question, limit=1)
    assert top and answers(top[0]), question
    ref = top[0].issue.refs[0]
    return ref.law, ref.article, ref.sub


@pytest.mark.parametrize(
    ("question", "article"),
    [
        # moving out before the deposit is back: the registration order keeps the rights (제3조의3)
        ("전세금을 못 돌려받았는데 새 직장 때문에 이사를 해야 해요. 권리를 안 잃으려면요?", (HOUSING, 3, 3)),
        ("보증금 안 받고 먼저 이사 나가면 대항력 없어진다던데 방법 없나요", (HOUSING, 3, 3)),
        # leaving a lease that renewed itself (제6조의2) or was renewed on request (제6조의3 ④)
        ("묵시적 갱신된 집인데 다음 달에 지방 발령이 났어요. 언제 해지할 수 있죠?", (HOUSING, 6, 2)),
        ("갱신권 쓰고 1년 살았는데 사정이 생겨서 중간에 나가려고요. 가능한가요?", (HOUSING, 6, 3)),
        # a stay of days or weeks is a temporary use (제11조); a one-year term still runs two years (제4조)
        ("촬영 때문에 열흘 정도만 빌리는 집인데 이것도 임대차보호법이 적용되나요?", (HOUSING, 11, 0)),
        ("1년짜리로 계약했는데 집주인이 1년 되니까 나가래요. 저는 더 살고 싶거든요", (HOUSING, 4, 0)),
        # a shop's brokerage fee is the brokerage rule's table, not the shop lease act
        ("사무실 임대차 계약하는데 중개수수료 상한이 몇 퍼센트예요?", (BROKERS_RULE, 20, 0)),
        # a registered jeonse right is the 민법's
        ("전세권 설정등기까지 했는데 기간 끝나도 전세금을 안 돌려줘요. 경매 신청 되나요?", (CIVIL, 318, 0)),
        # the law the question names is its subject, though a shop is mentioned
        ("아래층은 식당이고 위층은 제가 사는 집인데 주택임대차보호법으로 보호받나요?", (HOUSING, 2, 0)),
        # a tenant subletting without asking, told plainly
        ("집주인한테 말 안 하고 작은방을 후배한테 월세 받고 빌려주면 문제 되나요?", (CIVIL, 629, 0)),
        # the broker asking more than the law allows
        ("부동산 사장님이 법정 수수료보다 더 달라고 하시는데 줘야 하나요?", (BROKERS, 33, 0)),
        # English: selling, auto-renewal, restoring the flat, the deposit from a landlord without money
        ("My landlord is selling the house. Does the new owner have to honor my lease?", (HOUSING, 3, 0)),
        ("Our lease renewed on its own. How much notice do I give to move out early?", (HOUSING, 6, 2)),
        ("Do I have to restore the apartment to its original state when the lease is over?", (CIVIL, 654, 0)),
        ("Water keeps leaking into my bathroom. Is my landlord supposed to fix it?", (CIVIL, 623, 0)),
    ],
)
def test_fresh_phrasings_find_the_governing_article(question, article):
    assert governing(question) == article


@pytest.mark.parametrize(
    "question",
    [
        "HUG 보증보험 가입 조건이 집값의 몇 %까지예요?",
        "관리사무소가 관리비를 마음대로 올려요. 입주자대표회의에 따지려면요?",
        "층간소음 기준이 법으로 있나요?",
    ],
)
def test_topics_the_statutes_do_not_answer_are_named_as_such(question):
    assert uncovered_topic(question) is not None


def test_an_insured_tenant_asking_about_fraud_relief_is_answered_by_the_fraud_act():
    question = "전세보증보험 가입해 뒀는데도 전세사기 피해자로 인정받을 수 있어요?"
    topic = uncovered_topic(question)
    assert topic is None or not topic.overrides


def test_a_landlords_unpaid_taxes_are_no_tax_question():
    assert uncovered_topic("계약 전에 집주인 세금 체납 있는지 열람할 수 있나요?") is None
    assert uncovered_topic("취득세 감면 받으려면 어떻게 해요?") is not None
