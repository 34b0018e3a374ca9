"""Round 9 kinds of legal question, each asked in other ways (Korean and English): a sale's price
and title documents exchanged together (민법 제568조), a stay of a few months while one's home is
redone (제11조), leaving a lease that renewed by itself without a penalty rule taking over
(제6조의2), leaving early after a renewal request though a 청약 win is the reason (no uncovered
answer), LH buying the victim's home (특별법 제25조), a broker whose office is elsewhere
(시행규칙 제20조 ③), checking a landlord's taxes before signing (제3조의7), an auction buyer who
wants an opposable tenant out (제3조의5) and small-deposit priority on a home already under auction."""

from __future__ import annotations

import pytest

from agents.tools.legal_issues.match import uncovered_topic
from tests.unit.test_legal_kinds6_paraphrases import top


@pytest.mark.parametrize(
    ("question", "key"),
    [
        (
            "Should I send the remaining payment before the seller gives me the papers to transfer the title?",
            "civil_simultaneous_performance",
        ),
        (
            "Buyer here: the owner asks for full payment now but will only sign over the deed later. Can I refuse?",
            "civil_simultaneous_performance",
        ),
        (
            "매도인이 잔금부터 보내라는데 등기서류는 다음주에 준대요. 먼저 줘야해요?",
            "civil_simultaneous_performance",
        ),
        (
            "We're staying in a serviced flat for three months during our home renovation — are we covered by "
            "the lease protection law?",
            "housing_temporary_use",
        ),
        ("리모델링하는 동안 두 달만 가구 딸린 집 빌렸는데 임대차보호법 적용돼요?", "housing_temporary_use"),
        (
            "Our lease auto-renewed since nobody said anything. If I move out now do I owe a penalty?",
            "housing_implied_renewal_termination",
        ),
        (
            "계약 끝나고 연락 없이 연장된 상태인데 중간에 나가면 위약금 내야 돼요?",
            "housing_implied_renewal_termination",
        ),
        ("계약 중간에 나가면 위약금 얼마 내요?", "civil_liquidated_damages"),
        (
            "갱신요구권 써서 연장받았는데 분양 청약 당첨돼서 중도해지 하려고요. 언제 효력 생겨요?",
            "housing_renewed_lease_termination",
        ),
        ("공공에서 우리 집을 사들여서 그대로 살게 해준다던데 기간은 얼마나 돼요?", "fraud_public_purchase"),
        ("Can LH buy the home I'm renting so I can stay? For how long?", "fraud_public_purchase"),
        ("LH가 전세임대로 계약한 집인데 대항력 있나요?", "housing_jeonse_lease_corporation"),
        (
            "My realtor is based in Incheon but the flat is in Seoul — which fee cap does he follow?",
            "brokerage_fee_office_location",
        ),
        ("집은 분당인데 강남 부동산에서 계약하면 복비는 어디 기준이에요?", "brokerage_fee_office_location"),
        (
            "계약하기 전에 임대인 체납 세금 확인할 방법 있나요? 전세사기 걱정돼요",
            "housing_landlord_disclosure",
        ),
        (
            "How can I find out if the landlord owes taxes before I sign the jeonse?",
            "housing_landlord_disclosure",
        ),
        (
            "낙찰받은 사람이 집 비우라는데 배당금으로 보증금 절반만 받았어요. 버틸 수 있나요?",
            "housing_auction_extinguishes_lease",
        ),
        (
            "Auction buyer wants me to move out; distribution paid back only half my deposit. Do I have to go?",
            "housing_auction_extinguishes_lease",
        ),
        (
            "이미 경매 등기가 된 집인지 모르고 들어왔어요. 보증금 3천인데 소액임차인으로 먼저 받을 수 있나요?",
            "housing_small_deposit_priority",
        ),
        (
            "I moved in after the auction was already registered. Can I still get the small-deposit priority?",
            "housing_small_deposit_priority",
        ),
    ],
)
def test_round9_kinds_pick_the_governing_entry(question: str, key: str) -> None:
    assert top(question)[0] == key


def test_a_subscription_win_behind_an_early_exit_is_a_lease_question() -> None:
    assert uncovered_topic("갱신청구권 썼는데 청약 당첨돼서 중도해지 하려면 언제 말해야 해요?") is None
    assert uncovered_topic("청약 가점 계산할때 전세 사는 것도 무주택이에요?") is not None
