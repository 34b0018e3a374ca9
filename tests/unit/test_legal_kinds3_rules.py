"""Kinds of legal question read by rule (legal_dev3 round): for a home's lease the 주택임대차보호법
rule governs over the 민법's general one; English words of a topic we do not cover are found whole
and as phrases (hug is no part of huge, a bank's mortgage in an auction is no loan question); a
price reported lower than paid is a false report, not a tax question."""

from __future__ import annotations

import pytest

from agents.domain.legal_terms import reduce_question, subject_laws
from agents.tools.legal_issues.match import (
    CODE_RULES_THE_HOME_ACT_REPLACES,
    home_lease_question,
    match_issues,
    uncovered_words,
)


def top_key(question: str) -> str:
    return match_issues(question, limit=1)[0].issue.key


def uncovered_key(question: str) -> str | None:
    found = uncovered_words(question)
    return found[0].key if found else None


@pytest.mark.parametrize(
    "question",
    [
        "만기 지났는데 집주인이랑 아무 얘기 없이 그냥 눌러 살고 있어요. 계약은 어떻게 된 거예요?",
        "전세 끝났는데 서로 연락 없이 계속 사는 중이에요, 이거 자동 연장인가요?",
        "월세 기간 끝나고도 집주인이 아무 말 안 해서 그대로 살고 있는데 계약이 이어진 건가요?",
    ],
)
def test_a_home_lease_left_running_is_the_home_acts_renewal(question):
    key = top_key(question)
    assert key not in CODE_RULES_THE_HOME_ACT_REPLACES
    assert key.startswith("housing_")


@pytest.mark.parametrize(
    ("question", "home"),
    [
        ("원룸 계약 끝났는데 집주인이 아무 말이 없어요", True),
        ("My landlord never said anything when the lease ended", True),
        ("가게 계약 끝났는데 건물주가 아무 말이 없어요", False),  # a shop: the commercial act
        ("전세권 설정한 집인데 기간 끝나고 아무 말 없었어요", False),  # a registered 전세권: the 민법
    ],
)
def test_what_makes_a_question_one_about_a_homes_lease(question, home):
    reduced = reduce_question(question)
    assert home_lease_question(reduced, subject_laws(reduced)) is home


@pytest.mark.parametrize(
    ("question", "key"),
    [
        ("Can I get a jeonse loan as a student?", "loans"),
        ("What are the loan limits for first-time buyers?", "loans"),
        ("What is the mortgage interest rate this year?", "loans"),
        ("How much are property taxes on a second home?", "taxes"),
        ("Should I sign up for HUG insurance?", "guarantee_insurance"),
    ],
)
def test_english_words_of_an_uncovered_topic_are_found_as_whole_words_and_phrases(question, key):
    assert uncovered_key(question) == key


@pytest.mark.parametrize(
    "question",
    [
        "The owner has a huge debt on the building. Am I safe as a tenant?",  # huge is no hug
        "If the house is auctioned, is my deposit paid before the bank's mortgage?",
        "Our agent hid that the building had a big mortgage. Is the agent liable?",
        "The budget for repairs: who pays when the boiler breaks?",  # budget is no get
    ],
)
def test_english_lookalikes_of_uncovered_words_are_no_such_topic(question):
    assert uncovered_key(question) is None


@pytest.mark.parametrize(
    "question",
    [
        "양도세 아끼려고 매매가를 낮춰서 신고하자는데 괜찮아요?",
        "세금 때문에 실제보다 낮게 신고하면 어떻게 되나요?",
        "취득세 줄이려고 거래가격을 거짓으로 신고하면 처벌 받나요?",
    ],
)
def test_a_price_reported_falsely_to_save_tax_is_a_reporting_question(question):
    assert uncovered_key(question) is None


@pytest.mark.parametrize(
    ("question", "key"),
    [
        (
            "Our broker never told us about the seizure on the house. Can we hold the agent liable?",
            "brokerage_damages_guarantee",
        ),
        (
            "중개사가 근저당 얘기를 안 해서 손해봤는데 중개사한테 배상 청구 돼요?",
            "brokerage_damages_guarantee",
        ),
        ("경기도 빌라 보증금 1억인데 최우선변제 대상 되나요?", "housing_small_tenant_threshold"),
        ("인천 원룸 보증금 8천이면 최우선변제 대상인가요", "housing_small_tenant_threshold"),
    ],
)
def test_everyday_and_english_wordings_find_their_entry(question, key):
    assert top_key(question) == key


@pytest.mark.parametrize("text", ["묵시로 연장됐는데", "묵시적으로 연장된 계약", "묵시 갱신된 상태예요"])
def test_a_tacit_extension_in_any_wording_is_the_implied_renewal(text):
    assert "묵시적 갱신" in reduce_question(text).terms


@pytest.mark.parametrize(
    "question",
    [
        "발코니 확장하려면 허가 필요해요?",
        "Do I need a building permit to add a room?",
        "다가구 용도변경 절차 알려줘",
    ],
)
def test_building_rules_are_declined(question):
    assert uncovered_key(question) == "building_rules"
