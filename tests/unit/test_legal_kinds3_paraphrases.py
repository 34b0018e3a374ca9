"""Everyday paraphrases of legal concepts and the article that states a figure (legal_dev3 round):
a state-guaranteed minimum is the fraud act's 최소지원금, a forgotten report is a report not made, a
term under 2 years is the act's minimum term, rent cut for an unusable room is the 민법's rule, and
how long a decision takes or when a fee is paid is answered by the article that sets the time."""

from __future__ import annotations

import pytest

from agents.domain.legal_terms import FRAUD, reduce_question, subject_laws
from agents.tools.legal_issues.match import match_issues


def top_key(question: str) -> str:
    return match_issues(question, limit=1)[0].issue.key


def first_ref(question: str) -> tuple[str, int, int]:
    ref = match_issues(question, limit=1)[0].issue.refs[0]
    return ref.law, ref.article, ref.sub


@pytest.mark.parametrize(
    "question",
    [
        "집 경매로 넘어가서 보증금 대부분 날렸어요. 최소한은 보장받는 제도가 있나요?",
        "배당 받고도 보증금 3분의 1도 못 건졌는데 최소 보장 같은 거 없어요?",
    ],
)
def test_a_guaranteed_minimum_is_the_fraud_acts_minimum_support(question):
    assert FRAUD in subject_laws(reduce_question(question))
    assert top_key(question) == "fraud_minimum_guarantee"


@pytest.mark.parametrize(
    "question",
    [
        "아파트 매매하고 실거래 신고를 까먹었어요 어떻게 되나요",
        "집 팔고 거래신고 기한 놓쳤는데 벌금 나와요?",
        "매매계약 후 신고를 못했는데 괜찮을까요",
    ],
)
def test_a_forgotten_report_is_a_report_not_made_and_its_fine(question):
    assert "미신고" in reduce_question(question).terms
    assert first_ref(question)[:2] == ("부동산거래신고등에관한법률", 28)


@pytest.mark.parametrize(
    ("question", "key"),
    [
        ("투룸 1년 계약인데 집주인이 기간 끝났다고 나가래요", "housing_minimum_term"),
        ("빌라 10개월 계약했는데 집주인이 이제 방 빼래요", "housing_minimum_term"),
        ("식당 계약을 6개월로 했는데 건물주가 나가래요", "commercial_lease_term"),
    ],
)
def test_a_term_under_two_years_is_the_acts_minimum_term(question, key):
    assert top_key(question) == key


@pytest.mark.parametrize(
    ("text", "short"),
    [
        ("1년 계약했는데", True),
        ("계약을 6개월로 했어요", True),
        ("2년 계약", False),
        ("1년만 살고 나가도", False),
    ],
)
def test_what_reads_as_a_term_under_two_years(text, short):
    assert ("단기계약" in reduce_question(text).terms) is short


@pytest.mark.parametrize(
    "question",
    [
        "보일러 고장으로 작은방을 한 달째 못 쓰는데 월세 좀 깎아 달라고 해도 되나요?",
        "천장에서 물이 새서 거실을 사용 못하는데 차임 깎아줄 수 있나요",
    ],
)
def test_rent_cut_for_a_room_that_cannot_be_used_is_the_civil_codes_rule(question):
    assert first_ref(question) == ("민법", 627, 0)


@pytest.mark.parametrize(
    ("question", "ref"),
    [
        ("복비는 잔금 치를 때 내는 건가요?", ("공인중개사법시행령", 27, 2)),
        ("중개수수료 언제 내는 거예요? 계약금 낼 때?", ("공인중개사법시행령", 27, 2)),
        ("전세사기 피해자 결정 결과 언제 나와요?", ("전세사기피해자지원및주거안정에관한특별법", 13, 0)),
    ],
)
def test_when_or_how_long_is_answered_by_the_article_that_sets_the_time(question, ref):
    assert first_ref(question) == ref


@pytest.mark.parametrize(
    "question",
    [
        "지방 가 있는 동안 제 전셋집을 다른 사람한테 세 놓아도 되나요? 집주인한테는 말 안 했어요",
        "월세 사는 집을 집주인 몰래 친구한테 세 줘도 돼요?",
    ],
)
def test_a_tenant_letting_the_home_to_another_is_a_sublease(question):
    assert top_key(question) == "civil_sublease_consent"


def test_tenants_who_moved_in_first_are_the_senior_ones():
    for question in (
        "이 집에 먼저 들어와 살고 있는 세입자 보증금 확인할 수 있어요?",
        "먼저 입주한 세입자들 보증금 알 방법",
    ):
        assert "선순위" in reduce_question(question).terms


@pytest.mark.parametrize(
    ("question", "ref"),
    [
        ("집 사고 반년 넘게 지나서 누수 알았는데 지금 매도인한테 청구해도 안 늦었나요?", ("민법", 582, 0)),
        ("하자 알고 나서 언제까지 매도인에게 책임 물어야 돼요?", ("민법", 582, 0)),
        ("현 상태 매매, 담보책임 면제 특약 썼는데 매도인이 결함을 알고도 말 안 했어요", ("민법", 584, 0)),
    ],
)
def test_a_defect_claims_deadline_and_a_waiver_clause_have_their_own_articles(question, ref):
    assert first_ref(question) == ref
