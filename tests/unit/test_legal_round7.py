"""Round 7 kinds of legal question, each asked in several other ways (Korean and English): the item
list a broker must explain (the decree, not the act), rewards for reporting illegal brokering,
owners steering brokers' prices, correcting a filed sale report, a foreigner's auction purchase, a
shop's new fixed date on renewal, the mediation committee's contract and cost disputes, the fraud
act's "home" (an officetel lived in), a tenant buying the auctioned home first, a landlord's taxes
split across his homes, and a thing let that is neither home nor shop (a warehouse: the 민법)."""

from __future__ import annotations

import pytest

from agents.domain.legal_terms import CIVIL, COMMERCIAL, FRAUD, HOUSING, reduce_question, subject_laws
from agents.tools.legal_issues.match import uncovered_topic
from tests.unit.test_legal_kinds6_paraphrases import top


@pytest.mark.parametrize(
    ("question", "key"),
    [
        # the decree's list of what to explain (관리비, 전입세대확인서 …)
        (
            "부동산에서 관리비가 얼마 나오는지 안 알려줬는데 중개사 잘못 아닌가요",
            "brokerage_explanation_items",
        ),
        ("중개사가 확인설명할 때 들어가야 하는 항목이 뭐예요?", "brokerage_explanation_items"),
        (
            "The agent never told me what the maintenance fee would be. Wasn't he supposed to?",
            "brokerage_explanation_items",
        ),
        # rewards for reporting
        ("자격증 빌려서 영업하는 부동산 신고하면 포상금 받아요?", "brokerage_report_reward"),
        ("Is there a reward if I report an unlicensed broker?", "brokerage_report_reward"),
        # owners steering brokers' prices
        (
            "입주민 카페에서 시세보다 싸게 내놓는 중개사무소는 이용하지 말자고 공지 올라왔어요 문제 없나요",
            "brokerage_owner_price_collusion",
        ),
        (
            "Our homeowners group agreed not to list below a set price and to boycott cheap agents. Legal?",
            "brokerage_owner_price_collusion",
        ),
        # correcting a filed report
        ("거래신고 했는데 전화번호를 잘못 썼어요 정정할 수 있나요", "transactions_report_correction"),
        (
            "I made a mistake in the transaction report I filed. Can I correct it?",
            "transactions_report_correction",
        ),
        # a foreigner acquiring by auction
        (
            "외국 국적인데 법원 경매로 오피스텔 낙찰 받았어요 어디 신고해야 하나요",
            "transactions_foreigner_acquisition",
        ),
        # a shop's new fixed date
        (
            "상가 계약 갱신하면서 월세 조건 바뀌었는데 확정일자 또 받아야 해요?",
            "commercial_fixed_date_renewal",
        ),
        (
            "We renewed our shop lease with a higher deposit. Do we need a new fixed date?",
            "commercial_fixed_date_renewal",
        ),
        # the mediation committee's contract and cost disputes
        (
            "복비를 누가 내느냐로 집주인이랑 싸우는데 조정위원회에 신청 가능해요?",
            "housing_dispute_matters_decree",
        ),
        # the fraud act's "home"
        ("근린생활시설로 돼 있는 방에서 살았는데 전세사기 특별법 대상 주택인가요", "fraud_home_definition"),
        ("Does the jeonse fraud act cover an officetel I actually lived in?", "fraud_home_definition"),
        # a tenant buying the auctioned home first
        ("살던 집이 경매 나왔는데 세입자인 제가 먼저 살 수 있는 우선권 있나요", "fraud_priority_purchase"),
        # the landlord's taxes split over his homes
        (
            "집주인이 집을 여러 채 갖고 있으면 밀린 세금을 집마다 나눠서 걷게 할 수 있다던데 맞나요",
            "fraud_landlord_tax_apportionment",
        ),
        # brokering without registration for a fee
        ("공인중개사도 아닌 사람이 방 소개해주고 수수료 받아갔어요 불법 아닌가요", "brokerage_unregistered"),
        # an exclusive listing's term
        ("한 중개사무소에만 매물 맡기는 전속중개계약 하면 기간이 얼마나 돼요", "brokerage_exclusive_listing"),
        # a lease with no term of a thing that is no home (the 민법's notice periods)
        (
            "창고를 기간 안 정하고 빌려 쓰고 있는데 주인이 다음 주에 비우라네요 당장 나가야 하나요",
            "civil_open_term_notice",
        ),
        (
            "I rent a warehouse with no fixed term and the owner told me to leave next week. Do I have to?",
            "civil_open_term_notice",
        ),
    ],
)
def test_a_round7_paraphrase_reaches_its_entry(question: str, key: str) -> None:
    assert top(question)[0] == key


def test_the_decree_leads_where_the_question_asks_its_detail() -> None:
    """The item list, the reward amount, a shop's renewal date and the committee's contract
    disputes sit in the decrees: those are cited first."""
    assert top("중개사가 관리비 산출내역 설명 안 해줬어요")[1] == ("공인중개사법시행령", 21, 0)
    assert top("불법 중개 신고 포상금 얼마예요")[1] == ("공인중개사법", 46, 0)
    assert top("가게 재계약하고 확정일자 새로 받아야 하나")[1] == ("상가건물임대차보호법시행령", 3, 0)
    assert top("실거주 이유로 갱신 거절 당한 전 세입자도 확정일자 정보 볼 수 있어요?")[1][:2] == (
        "주택임대차보호법시행령",
        5,
    )


@pytest.mark.parametrize(
    "question",
    [
        "창고 임대차 기간 안 정했으면 언제 나가야 해요",
        "컨테이너 빌려 쓰는 중인데 주인이 계약 끝내자고 하면",
        "warehouse lease without a fixed term",
    ],
)
def test_a_thing_neither_home_nor_shop_is_the_civil_codes(question: str) -> None:
    assert CIVIL in subject_laws(reduce_question(question))


@pytest.mark.parametrize(
    "question",
    [
        "경매에서 세입자가 우선권으로 집 사버릴 수 있어요?",
        "집주인 체납 세금을 다른 집들이랑 나눠서 걷게 할 수 있나요",
        "can the tax be apportioned across the landlord's homes",
    ],
)
def test_rights_only_the_fraud_act_gives_name_it(question: str) -> None:
    assert FRAUD in subject_laws(reduce_question(question))


@pytest.mark.parametrize(
    "question",
    [
        "중개사가 세금 아끼자고 실제 가격과 다르게 계약서 쓰자는데요",
        "세금 줄이려고 금액을 다르게 적은 계약서 두 장 쓰자고 하네요",
    ],
)
def test_a_false_contract_price_is_no_tax_question(question: str) -> None:
    assert uncovered_topic(question) is None
    assert top(question)[0] in ("brokerage_contract_document", "transactions_false_report_request")


def test_a_tax_rate_question_is_still_uncovered() -> None:
    found = uncovered_topic("아파트 팔면 양도세 세율 몇 프로예요")
    assert found is not None and found.key == "taxes"


@pytest.mark.parametrize(
    "question",
    [
        "보증금 문제로 다투는데 조정위원회에서 다뤄주나요",
        "Can the mediation committee handle who pays the broker fee?",
    ],
)
def test_a_committee_named_without_its_act_is_the_housing_acts(question: str) -> None:
    assert subject_laws(reduce_question(question))[0] == HOUSING


def test_a_shops_committee_stays_the_shop_acts() -> None:
    laws = subject_laws(reduce_question("가게 권리금 문제로 건물주랑 싸우는데 조정위원회 신청 되나요"))
    assert COMMERCIAL in laws and HOUSING not in laws


def test_living_in_an_auctioned_home_is_no_wish_to_buy_it() -> None:
    """ "제가 사는 집" (the home I live in) is no 우선매수; "사버릴 수 있나요" (buy it myself) is."""
    assert FRAUD not in subject_laws(reduce_question("제가 사는 집이 경매로 넘어갔어요 보증금은요"))
    assert FRAUD in subject_laws(reduce_question("집이 공매에 나왔는데 그냥 제가 사버려도 되나요"))


@pytest.mark.parametrize(
    ("chatty", "plain"),
    [
        ("최우선변제 해당되나여?", "최우선변제 해당되나요?"),
        ("보증금 돌려받을 수 있나용", "보증금 돌려받을 수 있나요"),
        ("집주인이 나가라는데 나가야 돼여?", "집주인이 나가라는데 나가야 돼요?"),
    ],
)
def test_a_chatty_polite_ending_reads_as_the_plain_one(chatty: str, plain: str) -> None:
    assert reduce_question(chatty).stems == reduce_question(plain).stems


@pytest.mark.parametrize("word", ["대여", "부여", "증여", "사용", "비용", "내용"])
def test_words_ending_in_yeo_or_yong_are_kept(word: str) -> None:
    assert word in reduce_question(f"자격증 {word} 관련 질문").stems


@pytest.mark.parametrize(
    "question",
    [
        "사무실 칸막이 공사 제 돈으로 했는데 계약 끝나면 그 돈 청구 가능?",
        "자비로 가게 전기 공사했는데 나갈 때 돌려받을 수 있나",
        "I paid to redo the floors of the flat. Can I get that cost back when I leave?",
    ],
)
def test_work_paid_by_the_tenant_is_the_expense_claim(question: str) -> None:
    assert top(question)[0] == "civil_tenant_expense_reimbursement"


@pytest.mark.parametrize(
    "question",
    [
        "용인 빌라 보증금 1억인데 경매 넘어가면 보증금 적은 사람 보호 저도 해당되나요",
        "집이 경매 넘어갔는데 은행이 먼저라 한푼도 못 받는 건가요 보증금 4천이에요",
    ],
)
def test_a_small_deposit_at_auction_is_the_fixed_sum_paid_first(question: str) -> None:
    assert top(question)[0] in (
        "housing_small_deposit_priority",
        "housing_small_tenant_threshold",
        "housing_small_deposit_amounts",
    )


@pytest.mark.parametrize(
    "question",
    [
        "이사비에 복비에 돈도 엄청 깨졌어요",
        "소송하느라 비용이 많이 깨졌는데",
        "목돈 깨져서 속상해요",
    ],
)
def test_money_spent_is_nothing_broken(question: str) -> None:
    """ "돈이 깨졌다" is money spent: no repair (수선) and no broken deal (해제) is read into it."""
    terms = reduce_question(question).term_set
    assert "수선" not in terms and "해제" not in terms


def test_a_broken_window_is_still_a_repair() -> None:
    assert "수선" in reduce_question("창문이 깨졌어요 누가 고쳐요").term_set


@pytest.mark.parametrize(
    "question",
    [
        "집주인 아버지가 산다고 해서 재계약 못하고 나갔는데 알고 보니 다른 세입자 받았대요. 이사비랑 복비 물어달라 할 수 있나요",
        "주인이 직접 들어온다길래 이사 나왔는데 집주인은 한 번도 안 살았고 다른 사람한테 세 줬어요 손해배상 되나요",
    ],
)
def test_costs_told_in_an_owner_move_in_story_are_its_damages(question: str) -> None:
    assert top(question)[0] == "housing_owner_move_in_damages"


@pytest.mark.parametrize(
    "question",
    [
        "갱신하는데 집주인이 월세를 5만원 올려달라네요 이게 법적으로 되는 건가요",
        "재계약 때 보증금 4천 더 달래요 이 정도 올려도 되나요",
        "Our landlord is asking for a higher rent at renewal. Is that allowed?",
    ],
)
def test_a_raise_asked_at_renewal_is_the_increase_cap(question: str) -> None:
    assert top(question)[0] in ("housing_rent_increase_cap", "housing_rent_adjustment")


def test_the_renewal_right_alone_is_still_the_renewal_request() -> None:
    assert top("계약갱신요구권 쓰면 몇 년 더 살 수 있어요?")[0] == "housing_renewal_request"


@pytest.mark.parametrize(
    ("question", "key"),
    [
        (
            "I'm an American citizen and my mother left me a flat in Seoul. Must I report it?",
            "transactions_foreigner_acquisition",
        ),
        ("The broker says he wants to buy my house himself. Is that allowed?", "brokerage_prohibited_acts"),
    ],
)
def test_english_words_for_foreigners_heirs_and_agents_buying(question: str, key: str) -> None:
    assert top(question)[0] == key
