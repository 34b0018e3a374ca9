"""Everyday and English paraphrases of legal questions (legal_dev3/dev4 round 2), each reaching the
entry that governs it: a tenant asking to renew in verb form (the renewal right, not the notice
timing), moving out before the deposit is back, a move-in report without a fixed date, the fixed
date's fee in English, an agent's own contract form against the standard one, asking the landlord
to register the lease, and an owner's "I'll live there myself" said in other words."""

from __future__ import annotations

import pytest

from tests.unit.test_legal_kinds6_paraphrases import top


@pytest.mark.parametrize(
    ("question", "key"),
    [
        ("계약 끝나기 넉 달 전인데 집주인한테 연장해달라고 하면 거절 못 하나요?", "housing_renewal_request"),
        ("전세 만료 두 달 반 남았는데 갱신 요구 지금 해도 늦지 않나요", "housing_renewal_request"),
        (
            "I want to ask my landlord to renew. Can I request renewal three months before the end?",
            "housing_renewal_request",
        ),
        (
            "이사 갈 집 잔금 날짜는 다가오는데 전 집주인이 보증금을 아직 안 줬어요 그냥 나가도 되나요",
            "housing_lease_registration_order",
        ),
        (
            "전입신고는 했는데 확정일자는 아직이에요. 이것만으로 보증금 지켜지나요?",
            "housing_priority_repayment",
        ),
        ("What's the fee for a fixed date on a rental contract?", "housing_fixed_date_fee"),
        (
            "부동산에서 자기들 계약서 양식 쓰자고 하는데 표준계약서 안 써도 되나요",
            "housing_standard_contract",
        ),
        ("임대인에게 임대차 등기를 요구할 수 있는 권리가 있나요", "civil_lease_registration"),
        ("Can I ask the landlord to register the lease?", "civil_lease_registration"),
        ("재계약하면서 전세 보증금 올렸는데 확정일자 다시 받아야 하나요", "housing_fixed_date_recontract"),
        (
            "집주인이 직접 살겠다고 해서 갱신 못 하고 나왔는데 다른 세입자가 들어왔어요 보상 받을 수 있나요",
            "housing_owner_move_in_damages",
        ),
        (
            "집주인 아들이 들어와서 산다길래 재계약 포기하고 나왔는데 알고보니 딴 사람한테 세 줬대요 배상 되나요",
            "housing_owner_move_in_damages",
        ),
    ],
)
def test_an_everyday_paraphrase_reaches_its_entry(question, key):
    assert top(question)[0] == key
