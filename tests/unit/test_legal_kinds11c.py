"""Round 11c: general retrieval, not sentences. English questions from people who know no legal
terms reach the entries their Korean twins reach, through families of everyday words (an agent who
lied or kept something back, a loan on the house, a term that ended with nobody saying anything, a
one-year lease, keeping a deposit safe, cleaning charged on leaving); and questions the statutes do
not answer (visas, VAT on a fee, the guarantee's premium, loans, how long a lawsuit takes) say so,
without swallowing a question whose rule is in the text."""

from __future__ import annotations

import pytest

from agents.tools.legal_issues.match import uncovered_words
from tests.unit.test_legal_kinds6_paraphrases import top


def uncovered_key(question: str) -> str | None:
    found = uncovered_words(question)
    return found[0].key if found else None


@pytest.mark.parametrize(
    ("question", "key"),
    [
        # a fraud victim's guaranteed share of the deposit, asked without its name
        (
            "I lost my whole jeonse deposit to a fraud landlord. I heard victims get at least one third of the "
            "deposit guaranteed. Can I get that too?",
            "fraud_minimum_guarantee",
        ),
        (
            "jeonse fraud victim here, is there a guaranteed minimum of my deposit I get back?",
            "fraud_minimum_guarantee",
        ),
        (
            "I lost everything to a fake landlord. do victims get one-third of the deposit back at least?",
            "fraud_minimum_guarantee",
        ),
        # the agent only as the one who told the tenant what to do: the lease act's protection
        (
            "agent told me to do the move-in report on the exact day I move in. when does my protection start?",
            "housing_opposability",
        ),
        (
            "my realtor says register my address right away. from which day does my protection begin?",
            "housing_opposability",
        ),
        ("중개사가 전입신고 이사 당일에 바로 하래요. 대항력 언제부터 생겨요?", "housing_opposability"),
        # a tenant who must leave unpaid asks how to keep the priority (the registration order), not how
        # the priority payout waits for the handover
        (
            "i have to move out for a new job but my landlord hasnt paid back the deposit. if i move my address "
            "i lose my priority right?",
            "housing_lease_registration_order",
        ),
        (
            "I must move out next week for work but my deposit hasn't been returned. If I change my address, "
            "do I lose my priority?",
            "housing_lease_registration_order",
        ),
        # …but the agent's own duty stays the brokerage act's
        (
            "the agent didn't explain that I need a fixed date, can I claim damages?",
            "brokerage_explanation_duty",
        ),
    ],
)
def test_told_without_the_legal_word(question: str, key: str) -> None:
    assert top(question)[0] == key


@pytest.mark.parametrize(
    ("question", "key"),
    [
        # the top worries said plainly in English, and their Korean twins
        ("the agent lied about the apartment", "brokerage_prohibited_acts"),
        ("the realtor was lying to me about the building", "brokerage_prohibited_acts"),
        ("my broker misled me about the house", "brokerage_prohibited_acts"),
        ("중개사가 집에 대해 거짓말했어요", "brokerage_prohibited_acts"),
        ("the realtor didn't tell me about the mortgage on the house", "brokerage_explanation_duty"),
        ("the agent never mentioned the loan on the house when I signed", "brokerage_explanation_duty"),
        ("중개사가 근저당 있는거 설명 안해줬어요", "brokerage_explanation_duty"),
        ("will I get my money back if the house is auctioned?", "housing_priority_repayment"),
        ("the house I rent is going to auction, what happens to my deposit?", "housing_priority_repayment"),
        ("the house has many loans on it, is my deposit safe?", "housing_priority_repayment"),
        ("the bank loan on the house comes before my deposit?", "housing_priority_repayment"),
        ("how do I protect my deposit? what should I do after moving in?", "housing_priority_repayment"),
        ("보증금 지키려면 뭐 해야돼요? 전입하고 나서 뭐해요", "housing_priority_repayment"),
        ("전세 보증금 안전하게 하려면 뭘 해야 하나요", "housing_priority_repayment"),
        ("my landlord won't give back my deposit", "housing_deposit_return"),
        ("the landlord wants to raise the rent by 10 percent", "housing_rent_adjustment"),
        ("how much can my landlord increase the deposit when we renew?", "housing_rent_increase_cap"),
        ("I want to renew my contract but the landlord says no", "housing_renewal_request"),
        ("can I extend my lease for two more years?", "housing_renewal_request"),
        ("the boiler broke, who pays for the repair?", "civil_landlord_repair_duty"),
        ("the roof leaks and the owner refuses to fix it", "civil_landlord_repair_duty"),
        ("do I need to register my address to be protected?", "housing_opposability"),
        ("the house was sold to a new owner, do I have to leave?", "housing_new_owner"),
        ("the realtor is asking for a fee higher than legal", "brokerage_fee_overcharge"),
        ("if nobody said anything, does my lease continue?", "housing_implied_renewal"),
        ("the lease ended and no one said a word, is it still valid?", "housing_implied_renewal"),
        ("아무 말 없이 계약기간 끝났는데 계약 계속되는거에요?", "housing_implied_renewal"),
        ("can the landlord evict me for late rent?", "civil_rent_arrears_termination"),
        ("I'm behind on rent two months, can the landlord end the lease?", "civil_rent_arrears_termination"),
        ("the seller backed out after I paid the down payment", "civil_earnest_money_cancellation"),
        (
            "I want to cancel the purchase after paying the deposit, do I lose it?",
            "civil_earnest_money_cancellation",
        ),
        ("I was scammed by my landlord, jeonse fraud, what help is there?", "fraud_victim_requirements"),
        ("can I sublet my room to someone else?", "civil_sublease_consent"),
        ("the lease was only for 1 year, can I stay for 2 years?", "housing_minimum_term"),
        ("I signed a one year contract, do I have to leave after a year?", "housing_minimum_term"),
        ("1년 계약했는데 2년 살 수 있나요?", "housing_minimum_term"),
        ("landlord says he will keep the deposit for cleaning costs", "civil_restoration_on_exit"),
        ("the owner wants to deduct repainting and cleaning from my deposit", "civil_restoration_on_exit"),
        ("집주인이 청소비 보증금에서 뺀대요", "civil_restoration_on_exit"),
        ("the owner says I have to restore the apartment to original condition", "civil_restoration_on_exit"),
    ],
)
def test_everyday_words_reach_the_entry(question: str, key: str) -> None:
    assert top(question)[0] == key


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        (
            "I'm on a D-2 student visa. am I allowed to sign a lease or do I need immigration's permission?",
            "immigration",
        ),
        ("외국인인데 비자 연장 안되면 전세 계약 어떻게 돼요", "immigration"),
        ("does my E-7 visa let me rent an apartment here?", "immigration"),
        ("복비에 부가세 10프로 따로 붙인다는데 원래 그런거에요?", "taxes"),
        ("does the agent add VAT on top of the commission?", "taxes"),
        ("전세보증금 반환보증 보험료 얼마임?", "guarantee_insurance_terms"),
        ("HUG 보증료 얼마나 내요", "guarantee_insurance_terms"),
        ("can I get a loan for jeonse as a foreigner?", "loans"),
        ("대출 한도 얼마나 나오나요", "loans"),
        ("how long does a lawsuit to get my deposit back take?", "court_duration"),
        ("보증금 반환소송 얼마나 걸려요", "court_duration"),
    ],
)
def test_what_the_statutes_do_not_say_is_said_so(question: str, topic: str) -> None:
    assert uncovered_key(question) == topic


@pytest.mark.parametrize(
    "question",
    [
        # the rule is in the text: a foreigner's fixed date, a victim's loans, a loan ahead of the deposit,
        # the mediation committee's own time limit
        "I'm a foreigner on an E-9 visa, can I get a fixed date on my lease?",
        "전세사기 피해자 대출 지원 받을 수 있나요",
        "the bank loan on the house comes before my deposit?",
        "분쟁조정 신청하면 기간 얼마나 걸려요",
        "how long does the mediation committee take to decide?",
    ],
)
def test_a_rule_in_the_text_is_not_swallowed(question: str) -> None:
    assert uncovered_key(question) is None
