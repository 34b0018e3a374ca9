"""Everyday and English paraphrases of legal questions (legal_dev6 round), each reaching the entry
that governs it: when opposability begins, the timing of the tenant's own renewal right, a landlord
who cannot be reached after the term, whether an auction ends the lease, a bought home's hidden
leak, a shop's top-priority sum, a shop or office lease in English (the shop act, not the 민법), an
agent's duty to explain, a foreigner's purchase (reported as any sale), a refused fraud-victim
decision, a public body buying the victim's home, the time left to apply for support, and an agent
buying the listing himself."""

from __future__ import annotations

import pytest

from agents.tools.legal_issues.match import match_issues
from tests.unit.test_legal_kinds4_rules import bodies


def top(question: str):
    match = match_issues(question, limit=1, statutes=bodies())[0]
    ref = match.issue.refs[0]
    return match.issue.key, (ref.law, ref.article, ref.sub)


@pytest.mark.parametrize(
    ("question", "key"),
    [
        ("이사 당일 전입했는데 보호는 하루 뒤부터라고요? 그럼 그날 근저당 잡히면요", "housing_opposability"),
        ("갱신요구권은 언제까지 행사해야 돼요? 만기 석 달 전이면 늦나요", "housing_renewal_request"),
        ("집주인이 잠적해서 만기 지난 보증금을 못 받고 있어요", "housing_lease_registration_order"),
        (
            "집이 낙찰되면 제 임대차계약은 없어지나요? 아직 보증금 남았어요",
            "housing_auction_extinguishes_lease",
        ),
        ("상가 소액임차인은 최우선으로 보호되는 금액이 얼마예요?", "commercial_small_deposit_priority"),
        (
            "원룸 전세 보증금 4천인데 경매되면 최우선으로 얼마까지 챙길 수 있나요",
            "housing_small_deposit_priority",
        ),
        (
            "가게 보증금 1천5백인데 건물 넘어가면 소액임차인으로 먼저 받는 돈이 얼마예요",
            "commercial_small_deposit_priority",
        ),
        (
            "My café is three months late on rent and the owner wants to end the lease. Is that allowed?",
            "commercial_rent_arrears_termination",
        ),
        (
            "Our office rent is behind by two months. Can the building owner cancel our lease?",
            "commercial_rent_arrears_termination",
        ),
        ("식당 하는데 월세 두 달 밀렸다고 건물주가 계약 해지한대요", "commercial_rent_arrears_termination"),
        (
            "Does the broker have to explain the property's legal status to me before I sign?",
            "brokerage_explanation_duty",
        ),
        (
            "As a US citizen I'm buying a villa in Busan. What report do I file?",
            "transactions_foreigner_sale_report",
        ),
        (
            "외국 국적인데 서울 아파트 매수 계약했어요 신고는 어떻게 해요?",
            "transactions_foreigner_sale_report",
        ),
        (
            "I'm a foreigner and I inherited an apartment in Korea from my mother. Do I have to report it?",
            "transactions_foreigner_acquisition",
        ),
        ("전세사기 피해자 인정 못 받았는데 억울해요 뒤집을 수 있나요", "fraud_objection"),
        ("LH에서 전세사기 당한 집을 사준대요 그럼 계속 살아요?", "fraud_public_purchase"),
        (
            "Is there a time limit for applying for help once I'm designated a fraud victim?",
            "fraud_support_deadline",
        ),
        ("중개사가 그 매물을 본인이 사겠대요 괜찮아요?", "brokerage_prohibited_acts"),
        ("피해주택 경매 입찰하려는데 피해자 우선매수 신고 가능해요?", "fraud_priority_purchase"),
    ],
)
def test_an_everyday_paraphrase_reaches_its_entry(question, key):
    assert top(question)[0] == key


@pytest.mark.parametrize(
    "question",
    [
        "아파트 매수하고 석 달 만에 욕실 누수가 생겼는데 전 주인한테 책임 물을 수 있나요",
        "집 산 지 한 달인데 베란다 결로가 심해요 파는 사람한테 뭘 요구할 수 있죠",
    ],
)
def test_a_defect_in_a_bought_home_is_the_sellers_warranty(question):
    law, article, _ = top(question)[1]
    assert law == "민법" and article in (580, 582)
