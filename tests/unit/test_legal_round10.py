"""Round 10 kinds of legal question, each asked in other ways (Korean and English): when protection
starts after moving in and registering the same day (제3조), leaving a lease that ran on in silence
(제6조의2), moving out before the deposit is paid and keeping one's rank (제3조의3), other tenants'
deposits and fixed dates in the same building (제3조의6), subletting while away without the
landlord's consent (민법 제629조, no renewal question), staying on until the deposit is paid
(민법 제536조), renting out a home bought with a land-transaction permit (거래신고법 제17조), handing the
priority purchase right to LH and staying (특별법 제25조) and checking that an agent is licensed
(공인중개사법 제17조·제18조)."""

from __future__ import annotations

import pytest

from agents.tools.legal_issues import all_issues
from agents.tools.legal_issues.match import reduce_away
from tests.unit.test_legal_kinds6_paraphrases import top


@pytest.mark.parametrize(
    ("question", "article"),
    [
        # protection starts the day after 전입, a same-day mortgage comes first
        (
            "잔금날 이사하고 바로 전입신고 했는데 같은 날 집주인이 근저당 잡으면 제가 밀리나요?",
            ("주택임대차보호법", 3, 0),
        ),
        (
            "I registered my address today after moving in. From when exactly am I protected if the owner "
            "borrows against the house?",
            ("주택임대차보호법", 3, 0),
        ),
        # a lease that ran on because nobody spoke, and the tenant wants out
        (
            "계약 끝날 때 둘 다 아무 말 안 해서 그냥 계속 살고 있는데 지금 나가려면 어떻게 해요?",
            ("주택임대차보호법", 6, 2),
        ),
        (
            "Our lease ran out and nobody said anything so it carried on. Do I have to stay the full two "
            "years again?",
            ("주택임대차보호법", 6, 2),
        ),
        # moving to a new home before the deposit is paid: the lease registration order
        (
            "보증금 못 받았는데 다음 달에 새 아파트 입주라서 이사해야 돼요. 주소 옮기면 대항력 없어진다던데요",
            ("주택임대차보호법", 3, 3),
        ),
        (
            "Lease is over, no deposit yet, and my moving date for the new flat is next week. How do I keep "
            "my priority if I move my registration?",
            ("주택임대차보호법", 3, 3),
        ),
        # other tenants' deposits and fixed dates in the same building
        (
            "다가구 주택인데 다른 호실 세입자들 보증금이 얼마인지 알아볼 수 있나요?",
            ("주택임대차보호법", 3, 6),
        ),
        (
            "Can I see the deposits and fixed dates of the other units in my multi-family building?",
            ("주택임대차보호법", 3, 6),
        ),
        # subletting while away, the landlord not asked: the 민법's consent rule, no renewal question
        ("출장으로 1년 나가있는 동안 집주인 허락 없이 방을 다른 사람한테 빌려줘도 돼요?", ("민법", 629, 0)),
        (
            "I'll be abroad for a few months. Can I sublet my room to a friend without telling the landlord?",
            ("민법", 629, 0),
        ),
        # staying on until the deposit is paid (동시이행)
        (
            "집주인이 다음 세입자 구해야 보증금 준대요. 보증금 받기 전까지 집 안 비워도 되나요?",
            ("민법", 536, 0),
        ),
        (
            "The landlord says I get my deposit only once a new tenant moves in. Can I refuse to leave "
            "until I'm paid?",
            ("민법", 536, 0),
        ),
        # renting out a home bought with a land-transaction permit: the duty to use it (제17조)
        (
            "토지거래허가 받고 산 아파트 월세 놓고 저는 부모님 집에서 살아도 돼요?",
            ("부동산거래신고등에관한법률", 17, 0),
        ),
        (
            "If I buy an apartment in a land permit zone, how long do I have to live there before I can "
            "rent it out?",
            ("부동산거래신고등에관한법률", 17, 0),
        ),
        # handing the priority purchase right to LH and staying
        (
            "우선매수권 LH에 양도하면 그 집에서 몇 년 더 살 수 있어요?",
            ("전세사기피해자지원및주거안정에관한특별법", 25, 0),
        ),
        (
            "If LH takes over my priority purchase right, can I keep living in the house?",
            ("전세사기피해자지원및주거안정에관한특별법", 25, 0),
        ),
        # checking an agent is licensed: what the office must display, and its name
        ("중개사무소 갔는데 이 사람이 진짜 공인중개사인지 어떻게 확인해요?", ("공인중개사법", 17, 0)),
        ("How do I verify a real estate agent is properly licensed before signing?", ("공인중개사법", 17, 0)),
    ],
)
def test_round10_kinds_cite_the_governing_article_first(question: str, article: tuple[str, int, int]) -> None:
    assert top(question)[1] == article


def test_being_away_a_while_is_no_leaving_of_the_home() -> None:
    assert "나가" not in reduce_away("해외6개월나가있는동안친구한테")
    assert "나가" in reduce_away("만기되면나가야하는데")


def test_the_deposit_return_question_without_holding_out_keeps_its_entry() -> None:
    assert top("만기 지났는데 집주인이 보증금을 안 돌려줘요")[0] == "housing_deposit_return"


def test_the_land_permit_duty_cites_the_use_duty_before_the_permit_criteria() -> None:
    issue = next(i for i in all_issues() if i.key == "transactions_land_permit_use_duty")
    assert (issue.refs[0].law, issue.refs[0].article) == ("부동산거래신고등에관한법률", 17)
    assert "2년" in issue.answer


@pytest.mark.parametrize(
    ("question", "key"),
    [
        # a refused renewal is no lease that ran on in silence, even when the tenant has left
        (
            "My landlord refused to renew, saying he'd move in himself, but now it's listed for rent again. "
            "I moved out already. Any compensation?",
            "housing_owner_move_in_damages",
        ),
        # registering one's address is no answer to whether the lease must be reported
        (
            "We signed a 2-year lease with a 30 million deposit and 800k rent. Is there a report I must file, "
            "or does my address registration count?",
            "transactions_lease_report",  # or its rule that a 확정일자/전입 counts as the report
        ),
    ],
)
def test_everyday_english_words_do_not_pull_another_rule(question: str, key: str) -> None:
    assert top(question)[0].startswith(key)
