"""Round 8 kinds of legal question, each asked in other ways (Korean and English): a tenant who must
move out while the deposit is unpaid (the registration order, not "the lease lasts until repaid"), a
bought home found leaking (the seller's defect liability), a fraud victim's auction stopped (멈추 →
정지) or a place to live after it, what makes one a victim, a room the tenant cannot use (a rent cut
under the 민법, not the economic-change rule or a neighbour's damages), a sublet behind the landlord's
back ended now (민법 제629조, not a renewal refusal), family members with leases of their own, a
neighbour's smoke and noise (민법 제217조), a neighbour's leak in English, a deal report filed by
someone else, a landlord's unpaid taxes asked in English, a price written lower than paid, a
broker's liability cover, 하자고 (let's) read as no defect, 제한 kept whole, what stays uncovered,
and English leads that write Korean amounts, fractions and article names the English way."""

from __future__ import annotations

import re

import pytest

from agents.answers.law import english_figures
from agents.domain.legal_terms import reduce_question, reduce_word
from agents.tools.legal_issues import all_issues
from agents.tools.legal_issues.match import uncovered_topic
from tests.unit.test_legal_kinds6_paraphrases import top


@pytest.mark.parametrize(
    ("question", "key"),
    [
        # must move out, deposit unpaid → 임차권등기명령
        (
            "만기 끝났는데 집주인이 보증금 못 준대요. 이직해서 다음 달엔 이사해야 하는데 어쩌죠",
            "housing_lease_registration_order",
        ),
        (
            "The landlord can't return my deposit yet and I have to move out next week. How do I stay protected?",
            "housing_lease_registration_order",
        ),
        # a bought home leaking → 매도인의 하자담보책임
        (
            "아파트 매입하고 두 달 만에 천장에서 빗물이 떨어져요. 매도인한테 책임 물을 수 있나요",
            "civil_seller_defect_liability",
        ),
        (
            "Three weeks after we bought the flat the wall started leaking; the seller claims she never knew.",
            "civil_seller_defect_liability",
        ),
        # fraud: stop the auction, a home after it, the requirements
        ("전세사기 피해자로 결정됐어요. 집 경매 좀 멈춰 줄 수 있나요", "fraud_auction_suspension"),
        ("피해자 결정 받았는데 경매를 중지시킬 방법이 있을까요", "fraud_auction_suspension"),
        ("전세사기 피해자인데 경매로 집이 넘어가서 비워줘야 해요. 살 집 지원되나요", "fraud_public_rental"),
        ("전세사기 같아요. 나라 지원 받으려면 어떤 조건이 돼야 하나요", "fraud_victim_requirements"),
        # part of the home unusable → 민법 제627조
        (
            "방 하나가 누수로 두 달째 못 쓰는데 그만큼 월세 깎아달라고 할 수 있어요?",
            "civil_partial_loss_rent_reduction",
        ),
        # sublet behind the landlord's back, ended now → 민법 제629조
        ("세입자가 몰래 방을 에어비앤비로 돌렸어요. 당장 계약 해지할 수 있나요", "civil_sublease_consent"),
        (
            "임차인이 동의도 없이 집을 다른 사람한테 재임대했는데 계약 끝낼 수 있어요?",
            "civil_sublease_consent",
        ),
        # family members each with a lease → 시행령 제10조 ④
        (
            "동생이랑 한 집에 살면서 각자 따로 계약했는데 최우선변제는 따로 봐주나요",
            "housing_small_deposit_household",
        ),
        # a neighbour's smoke, smell and noise → 민법 제217조
        (
            "옆 건물 식당 환풍기 연기랑 냄새 때문에 창문을 못 열어요. 법적으로 방법 있나요",
            "civil_neighbor_nuisance",
        ),
        (
            "The restaurant next door blows exhaust fumes and noise into my window every night.",
            "civil_neighbor_nuisance",
        ),
        # a neighbour's leak, in English → 민법 제758조
        (
            "Water from the unit above leaked through our ceiling. Who pays to fix it?",
            "civil_structure_defect_damage",
        ),
        # wear charged against the deposit is restoring the home (민법 제654조); a neighbour's leak is not
        (
            "My landlord wants to take money for floor scratches out of my deposit.",
            "civil_restoration_on_exit",
        ),
        (
            "The landlord kept part of my deposit for wallpaper damage. Is that fair?",
            "civil_restoration_on_exit",
        ),
        ("The upstairs leak ruined our wallpaper, can we make them pay?", "civil_structure_defect_damage"),
        ("윗집 누수로 도배 장판 다 망가졌는데 배상받을 수 있나요", "civil_structure_defect_damage"),
        # a raise demanded (not yet paid) is the cap; one already paid is the refund
        ("재계약하면서 월세 8% 올려달라는데 해줘야 해요?", "housing_rent_increase_cap"),
        ("5% 넘게 올려줬는데 돌려받을 수 있어요?", "housing_overpaid_rent_refund"),
        # where a fixed date is given
        ("확정일자는 어디 가서 받아요?", "housing_fixed_date_where"),
        # a home bought under a land-transaction permit, let out
        ("토지거래허가 받아 산 아파트 월세 놔도 되나요", "transactions_land_permit_use_duty"),
        # a leak in the rented home the landlord will not fix is his repair duty, not a neighbour's damages
        (
            "My rented apartment's roof leaks and the landlord won't fix it. Whose job is it?",
            "civil_landlord_repair_duty",
        ),
        ("월세 사는 집 천장에서 물이 새는데 집주인이 안 고쳐줘요", "civil_landlord_repair_duty"),
        # a tenant who never told the landlord of the leak (말 안 했 → 통지)
        ("욕실에 물 새는 거 집주인한테 말 안 하고 있었는데 문제 될까요", "civil_tenant_notice_duty"),
        # English: the broker's contract copy, a landlord's death, the small-deposit threshold
        ("The broker never handed me the signed sale contract.", "brokerage_contract_document"),
        ("집주인이 갑자기 돌아가셨어요. 전세금은 누구한테 받아야 하나요", "housing_new_owner"),
        ("Our landlord passed away last month. Who owes us the deposit now?", "housing_new_owner"),
        ("세입자였던 아버지가 돌아가셨는데 전세 계약은 어떻게 되나요", "housing_succession_on_death"),
        # a deal report filed by someone else → 시행규칙 제5조
        ("아버지 대신 제가 거래신고서 내러 가도 되나요? 뭐 챙겨야 해요", "transactions_report_by_proxy"),
        # a landlord's unpaid taxes, in English → 제3조의7
        (
            "Can I ask the landlord to prove he has no unpaid taxes before signing a jeonse contract?",
            "housing_landlord_disclosure",
        ),
        # a price written lower than paid, proposed by the seller → 거래신고법 제28조
        (
            "매도인이 계약서 금액을 실제보다 낮게 쓰자고 해요. 괜찮은 거예요?",
            "transactions_sale_report_fines",
        ),
        # a broker's liability cover → 제30조
        ("동네 부동산은 사고 나면 보상하려고 보험 얼마짜리 들어야 해요?", "brokerage_damages_guarantee"),
    ],
)
def test_round8_kinds_find_their_entry(question: str, key: str) -> None:
    assert top(question)[0] == key


def test_lets_is_no_defect() -> None:
    assert "하자" not in reduce_question("낮게 신고하자고 하는데 괜찮아요").terms
    assert "하자" in reduce_question("집에 하자가 있어요").terms


def test_nouns_ending_in_han_stay_whole() -> None:
    assert reduce_word("전매제한이") == "전매제한"
    assert reduce_word("증액제한은") == "증액제한"
    assert reduce_word("신고한") == "신고"


@pytest.mark.parametrize(
    ("question", "key"),
    [
        ("전매제한 걸린 분양권은 언제 팔 수 있어요", "subscription"),
        ("Must I register as a rental business if I let out two flats?", "private_rental_housing"),
        ("임대사업자 꼭 해야 하나요? 월세 주는 집이 세 채예요", "private_rental_housing"),
        ("임차권등기 신청하면 인지대 송달료 얼마 들어요?", "court_costs"),
        ("소유권 이전등기할 때 법무사 수수료 보통 얼마예요?", "registration_costs"),
        ("청년 월세 지원금은 누가 받을 수 있어요?", "housing_subsidies"),
        ("Can I get a housing allowance from the government for my rent?", "housing_subsidies"),
    ],
)
def test_questions_the_statutes_do_not_answer(question: str, key: str) -> None:
    found = uncovered_topic(question)
    assert found is not None and found.key == key


@pytest.mark.parametrize(
    "question",
    [
        "임차권등기 비용 송달료 같은 거 집주인한테 청구돼요?",  # ⑧: the landlord bears it
        "전세사기 피해자인데 주거 지원금 받을 수 있나요?",  # the fraud act's own support
        "Is the landlord obliged to show me he has no back taxes?",
        "중개사가 매매 복비로 0.9% 달라는데 이게 맞아요?",  # a demanded fee: the act's limits
    ],
)
def test_questions_the_statutes_do_answer_are_not_uncovered(question: str) -> None:
    assert uncovered_topic(question) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a deposit over 6천만원", "a deposit over 60 million won (6천만원)"),
        ("up to 2천200만원 first", "up to 22 million won (2천200만원) first"),
        ("at least 4억원 each", "at least 400 million won (4억원) each"),
        ("rent over 30만원", "rent over 300,000 won (30만원)"),
        ("no more than 100분의 5", "no more than 5/100 (100분의 5)"),
        (
            "beyond the 제7조 cap (주택임대차보호법 제7조 ②).",
            "beyond the Article 7 (제7조) cap (주택임대차보호법 제7조 ②).",
        ),
    ],
)
def test_english_leads_write_korean_figures_the_english_way(text: str, expected: str) -> None:
    assert english_figures(text) == expected


def test_english_leads_of_the_index_are_english_before_their_first_bracket() -> None:
    """The lead an English question reads starts in English: amounts, fractions and article names
    are written out, the statute's notation kept in brackets."""
    korean_words = re.compile(r"[가-힣]{2,}")  # a stray syllable (item 다, 1할) is a quoted label
    for issue in all_issues():
        if issue.answer_en:
            lead = english_figures(issue.answer_en).split("(")[0]
            assert not korean_words.search(lead.replace("1할2푼", "")), issue.key
