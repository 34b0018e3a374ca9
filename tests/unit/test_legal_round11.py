"""Round 11 kinds of legal question, each asked in other ways (Korean and English): reporting a lease
alone when the other side will not (거래신고법 제6조의2 ③, new entry), the land-permit scheme by its
short name 토허제 (제17조), the most a broker may charge (공인중개사법 제32조), a broker selling the
client his own home (제33조), an office with no registration certificate on the wall (제17조), a seller
backing out after the down payment (민법 제565조), withholding the balance until the seller performs
(민법 제536조, new entry), where a fraud victim applies (특별법 제12조), the landlord's taxes taken before
the deposit (특별법 제23조), money held in escrow (공인중개사법 제31조), a would-be tenant looking up one's
deposit (주택임대차보호법 제3조의6) and interest on a deposit paid late (민법 제397조, new entry)."""

from __future__ import annotations

import pytest

from agents.domain.legal_terms import reduce_question
from agents.tools.legal_issues import all_issues
from tests.unit.test_legal_kinds6_paraphrases import top

REPORTING = "부동산거래신고등에관한법률"
FRAUD = "전세사기피해자지원및주거안정에관한특별법"


@pytest.mark.parametrize(
    ("question", "article"),
    [
        # one side will not report the lease: the other reports alone
        ("세입자가 월세 신고 협조를 안 해줘요. 임대인 단독으로 신고 가능한가요?", (REPORTING, 6, 2)),
        ("My landlord won't cooperate on the lease report. Can I file it by myself?", (REPORTING, 6, 2)),
        # 토허제: the land-transaction permit and its duty to live there
        ("토허제 걸린 동네 아파트 매수했는데 몇 년은 직접 살아야 돼요?", (REPORTING, 17, 0)),
        (
            "Bought a flat inside a 토허제 zone last month. How long before I can lease it out?",
            (REPORTING, 17, 0),
        ),
        # the most a broker may charge
        (
            "중개사가 매매 복비로 0.7% 부르는데 법적으로 최대 얼마까지 받을 수 있는 거예요?",
            ("공인중개사법", 32, 0),
        ),
        (
            "What's the maximum commission rate a realtor can take on a 9억 apartment sale?",
            ("공인중개사법", 32, 0),
        ),
        # a broker selling the client his own home
        ("부동산 사장님이 본인 소유 오피스텔을 저한테 팔겠다는데 문제없나요", ("공인중개사법", 33, 0)),
        ("The agent wants to sell me his own apartment. Is that allowed?", ("공인중개사법", 33, 0)),
        # no registration certificate on the office wall
        ("중개사무소 벽에 자격증이나 등록증 같은 게 하나도 없던데 괜찮은 곳인가요?", ("공인중개사법", 17, 0)),
        (
            "I visited a realtor office and couldn't see any license or registration certificate posted. "
            "Is that legit?",
            ("공인중개사법", 17, 0),
        ),
        # a party backing out after the down payment (계약금)
        (
            "The owner pulled out of the sale a week after I sent the down payment. What am I entitled to?",
            ("민법", 565, 0),
        ),
        ("My buyer backed out of the purchase after paying 10%. Can I keep the money?", ("민법", 565, 0)),
        # withholding the balance until the seller offers the transfer papers
        ("매도인이 등기서류를 다음주에 준대요. 그때까지 잔금 안 보내고 버텨도 되나요?", ("민법", 536, 0)),
        (
            "The seller hasn't given me the title documents yet. Am I allowed to withhold the final payment?",
            ("민법", 536, 0),
        ),
        # where a fraud victim applies
        ("전세사기 당한 것 같은데 피해자 인정 신청은 어디에 내요?", (FRAUD, 12, 0)),
        ("Where do I apply to be recognized as a jeonse fraud victim?", (FRAUD, 12, 0)),
        # the landlord's taxes collected before the deposit
        ("집주인이 지방세를 안 내서 집이 경매 넘어갔는데 세금이 전세금보다 먼저 떼간대요", (FRAUD, 23, 0)),
        (
            "The house is being sold because the landlord owes national taxes. Do those taxes come before "
            "my deposit?",
            (FRAUD, 23, 0),
        ),
        # money held in escrow
        (
            "중개사가 계약금을 매도인 말고 에스크로 계좌에 넣으라는데 이거 정상이에요?",
            ("공인중개사법", 31, 0),
        ),
        (
            "The realtor suggested holding our deposit in escrow until closing. Is that a thing in Korea?",
            ("공인중개사법", 31, 0),
        ),
        # a would-be tenant looking up the deposit of one's home
        (
            "집 보러 온 사람이 제 보증금이랑 확정일자를 주민센터 가서 떼볼 수 있다던데 사실이에요?",
            ("주택임대차보호법", 3, 6),
        ),
        (
            "Can someone who wants to rent my unit next look up my deposit at the community center?",
            ("주택임대차보호법", 3, 6),
        ),
        # interest on a deposit paid back late
        (
            "계약 끝났는데 집주인이 보증금을 석달째 안 줘요. 늦게 준 만큼 이자도 받을 수 있어요?",
            ("민법", 397, 0),
        ),
        (
            "The landlord paid my deposit back four months late. Am I owed interest for the delay?",
            ("민법", 397, 0),
        ),
    ],
)
def test_round11_kinds_cite_the_governing_article_first(question: str, article: tuple[str, int, int]) -> None:
    assert top(question)[1] == article


@pytest.mark.parametrize(
    ("question", "key"),
    [
        # neighbours of the new cues keep their own entries
        (
            "전입신고 하면 임대차 신고는 따로 안 해도 된다는 게 사실인가요?",
            "transactions_lease_report_deemed",
        ),
        (
            "잔금 치르는 날 매도인이 돈부터 보내면 등기서류 주겠대요. 원래 동시에 주고받는 거 아닌가요?",
            "civil_simultaneous_performance",
        ),
        ("부동산에서 복비 외에 사례비를 따로 달래요", "brokerage_fee_overcharge"),
        ("집주인 세금 체납 있는지 확인하는 법", "housing_landlord_disclosure"),
        ("상가 건물 매매 중개보수는 최대 몇 퍼센트예요?", "brokerage_fee_non_housing"),
        (
            "매수인이 잔금 날짜가 지났는데도 잔금을 안 보내요. 계약 해제하려면 어떻게 해야 하나요?",
            "civil_breach_rescission",
        ),
    ],
)
def test_round11_neighbours_keep_their_entries(question: str, key: str) -> None:
    assert top(question)[0] == key


def test_the_short_name_of_the_land_permit_scheme_is_read_as_the_permit() -> None:
    assert "토지거래허가" in reduce_question("토허제 구역 아파트").terms


def test_the_new_entries_cite_their_governing_article_first() -> None:
    by_key = {i.key: i for i in all_issues()}
    assert (
        by_key["transactions_lease_report_alone"].refs[0].article,
        by_key["transactions_lease_report_alone"].refs[0].clauses,
    ) == (6, (3,))
    assert by_key["civil_withhold_until_performed"].refs[0].article == 536
    assert by_key["civil_late_payment_interest"].refs[0].article == 397
    assert "5푼" in by_key["civil_late_payment_interest"].answer
