"""Everyday paraphrases of legal concepts (legal_dev4 round), each reaching the article that
governs it: a renewal that changes nothing is not reported, what a lease report states, money
returned after rescission carries interest, a 전세권's longest and shortest term, the state's
funding of a victim's reduced rent, contesting a decision (불복), the timing of 최우선변제's
requirements, a shop above the threshold, a de facto partner taking over a lease, and a sale's
own rule for paying and handing over at once."""

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
        (
            "계약 연장하는데 금액 변동은 없고 기간만 2년 더 가요. 신고 대상인가요?",
            "transactions_lease_report_renewal",
        ),
        ("보증금이랑 월세 똑같이 재계약하면 전월세 신고 또 해야 돼요?", "transactions_lease_report_renewal"),
        ("전월세 신고할 때 신고서에 어떤 내용 적어야 하나요?", "transactions_lease_report_contents"),
        ("임대차 신고 항목에 계약갱신요구권 썼는지도 들어가요?", "transactions_lease_report_contents"),
        ("계약이 해제돼서 받은 중도금을 돌려주는데 이자까지 붙여야 하나요?", "civil_rescission_restitution"),
        ("해제되면 서로 받은 것 돌려줘야 하는데 돈은 이자도 줘야 돼요?", "civil_rescission_restitution"),
        ("건물 전세권을 6개월로 설정하면 어떻게 돼요? 1년 미만도 가능?", "civil_jeonse_right_term"),
        ("전세권 존속기간을 15년으로 하고 싶은데 최대 몇 년까지 돼요?", "civil_jeonse_right_term"),
        ("공공임대 임대료 감면된 건 나라에서 사업자한테 얼마나 지원해요?", "fraud_rent_reduction_funding"),
        ("전세사기 피해자 결정에서 떨어졌는데 불복 절차 있어요?", "fraud_objection"),
        ("피해자 결정 결과에 이의제기 하려면 며칠 안에 해야 돼요?", "fraud_objection"),
        ("Can I appeal if I was not recognised as a jeonse fraud victim?", "fraud_objection"),
        ("경매 개시된 다음에 전입신고 해도 최우선변제 되나요?", "housing_small_deposit_priority"),
        ("최우선변제 받으려면 이사랑 주민등록은 언제까지 마쳐야 해요?", "housing_small_deposit_priority"),
        (
            "우리 가게는 보증금이 많아서 상임법 적용이 안 된대요. 그럼 갱신요구도 못해요?",
            "commercial_over_threshold",
        ),
        ("사실혼 배우자 명의로 된 전세인데 그 사람이 세상을 떠났어요", "housing_succession_on_death"),
        (
            "My common-law partner who held the lease died. Can I stay in the flat?",
            "housing_succession_on_death",
        ),
        (
            "집 사고 보니 등기부에 모르는 지상권이 있어서 집을 못 써요. 계약 해제돼요?",
            "civil_seller_encumbrance",
        ),
        ("아파트 매수했는데 전세권 설정돼 있었던 걸 몰랐어요. 물릴 수 있나요?", "civil_seller_encumbrance"),
        ("매매 계약서 쓰는 비용은 파는 사람이랑 사는 사람 중 누가 내요?", "civil_sale_contract_costs"),
        ("Who pays the costs of a sale contract, the seller or the buyer?", "civil_sale_contract_costs"),
        ("세입자가 보일러 고장을 몇 달 동안 안 알렸어요. 세입자 책임 아닌가요?", "civil_tenant_notice_duty"),
        ("물 새는 걸 세입자가 집주인한테 알리지 않았으면 세입자도 책임져요?", "civil_tenant_notice_duty"),
        ("예비 세입자가 확정일자 정보 요청하면 어떤 정보까지 볼 수 있어요?", "housing_lease_info_scope"),
        (
            "What is the top-priority repayment amount for a small deposit in Seoul?",
            "housing_small_deposit_amounts",
        ),
    ],
)
def test_an_everyday_paraphrase_reaches_its_entry(question, key):
    assert top(question)[0] == key


@pytest.mark.parametrize(
    "question",
    [
        "잔금 날 매수인이 돈 먼저 보내야 등기서류 준다는데 동시에 하는 거 아니에요?",
        "매도인이 등기 서류 안 주면 잔금 안 줘도 되죠?",
    ],
)
def test_a_sales_payment_and_handover_are_the_sale_rule_first(question):
    assert top(question)[1] == ("민법", 568, 0)
