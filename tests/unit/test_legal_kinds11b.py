"""Round 11b (legal_dev17) kinds of legal question, each asked in other ways (Korean and English): a shop
rent raise asked by its 5% figure in chat (상가법 제11조, not the arrears rule), whether a shop lease is
covered at all where the "cap" is the act's threshold (제2조, not the raise cap), a landlord who pays
the deposit only once the tenant has moved out (동시이행, 민법 제536조 / 제4조 ②, not the registration
order), the fixed date for a lease signed on the ministry's e-contract system and what a foreigner
brings for it, a price reported lower than paid (부동산 거래신고법, not "taxes are not covered"), a
foreigner buying land in a military protection zone (제9조's permit before signing, new entry) and a
sale priced by its area that measures short (민법 제574조, new entry)."""

from __future__ import annotations

import pytest

from agents.tools.legal_issues.match import uncovered_words
from tests.unit.test_legal_kinds6_paraphrases import top

CIVIL = "민법"
HOUSING = "주택임대차보호법"
COMMERCIAL = "상가건물임대차보호법"
COMMERCIAL_DECREE = "상가건물임대차보호법시행령"
REPORTING = "부동산거래신고등에관한법률"
BROKERS = "공인중개사법"
FIXED_DATE_RULE = "주택임대차계약증서상의확정일자부여및임대차정보제공에관한규칙"


@pytest.mark.parametrize(
    ("question", "articles"),
    [
        # a shop rent raise asked by the 5% figure
        (
            "상가월세 삼백인데 건물주가 계약중간에 삼백오십 달래요..상가도 5프로제한 있나요?",
            ((COMMERCIAL, 11, 0),),
        ),
        ("가게 임대료 200인데 주인이 250으로 하재요 상가도 5%룰 적용돼요?", ((COMMERCIAL, 11, 0),)),
        ("식당 하는데 건물주가 월세를 한번에 20% 올린대요. 상가는 5프로 상한 없나요", ((COMMERCIAL, 11, 0),)),
        # whether a shop lease is covered at all (the "cap" is the threshold)
        (
            "Opening a cafe in Seoul: deposit 100 million won, monthly rent 5 million won. Is my lease even "
            "covered by the commercial lease protection act? I heard there's a cap.",
            ((COMMERCIAL, 2, 0), (COMMERCIAL_DECREE, 2, 0)),
        ),
        (
            "My restaurant in Busan pays 8 million a month with a 200 million deposit. Does the commercial "
            "lease act even apply to me or am I above the limit?",
            ((COMMERCIAL, 2, 0), (COMMERCIAL_DECREE, 2, 0)),
        ),
        (
            "서울 상가 보증금 1억 월세 900이면 상가임대차보호법 적용 대상인가요?",
            ((COMMERCIAL, 2, 0), (COMMERCIAL_DECREE, 2, 0)),
        ),
        # the landlord pays the deposit only once the tenant has moved out
        (
            "만기 됐는데 보증금 아직 못받았어요. 집주인은 일단 짐빼고 나가면 준대요. 제가 먼저 나가야 돼요?",
            ((CIVIL, 536, 0), (HOUSING, 4, 0)),
        ),
        (
            "계약 끝났는데 집주인이 방 먼저 빼야 보증금 돌려준대요 이게 맞나요",
            ((CIVIL, 536, 0), (HOUSING, 4, 0)),
        ),
        (
            "My lease ended and the landlord says he'll return my deposit only after I move out. Do I have "
            "to leave first?",
            ((CIVIL, 536, 0), (HOUSING, 4, 0)),
        ),
        (
            "Landlord won't give my deposit back until I've moved all my stuff out. Must I leave first?",
            ((CIVIL, 536, 0), (HOUSING, 4, 0)),
        ),
        # …but a tenant who must leave for their own reasons keeps the deposit's protection by the order
        (
            "My lease ended but the landlord says he'll pay back my deposit when a new tenant comes. I start "
            "a job abroad in 3 weeks. If I leave and move my registration out, do I lose my priority?",
            ((HOUSING, 3, 3),),
        ),
        # the fixed date of a lease signed on the e-contract system
        (
            "We signed our wolse contract through the government online e-contract system (the realtor set "
            "it up). Do I still have to go to the jumin center for the fixed date? And if I apply online on "
            "a Saturday, when does it actually get stamped?",
            ((FIXED_DATE_RULE, 2, 2),),
        ),
        (
            "Our jeonse lease was an electronic contract through the ministry's system. Is the fixed date "
            "given automatically or do I apply?",
            ((FIXED_DATE_RULE, 2, 2),),
        ),
        (
            "부동산 전자계약으로 월세 계약했는데 확정일자 따로 주민센터 가서 받아야 돼요?",
            ((FIXED_DATE_RULE, 2, 2),),
        ),
        # what a foreigner brings for the fixed date
        (
            "first time renting in Korea (grad student from Vietnam). my Korean friend says I must get the "
            "hwakjeong-ilja stamp asap. what do I actually need to bring to the community center?? I only "
            "have my ARC and passport, no Korean ID",
            ((FIXED_DATE_RULE, 2, 0),),
        ),
        (
            "I'm a foreigner with only a passport. What do I need to bring to get a fixed date on my lease?",
            ((FIXED_DATE_RULE, 2, 0),),
        ),
        # a price reported lower than paid
        (
            "The seller's agent suggested writing a lower price in the contract we report, to 'save taxes "
            "for everyone'. I'm the buyer. How bad is this actually?",
            ((REPORTING, 28, 0), (REPORTING, 4, 0), (BROKERS, 26, 0)),
        ),
        (
            "My broker says we should report a lower price than what we paid so the buyer pays less tax. "
            "What's the risk?",
            ((REPORTING, 28, 0), (REPORTING, 4, 0), (BROKERS, 26, 0)),
        ),
        (
            "집 사는데 매도인 중개사가 세금 아끼자고 실거래가보다 낮게 신고하자네요 괜찮나요",
            ((REPORTING, 28, 0), (REPORTING, 4, 0), (BROKERS, 26, 0)),
        ),
        # a foreigner buying land in a military protection zone
        (
            "Korean-American here (US passport only). I want to buy a small house with land near the border. "
            "The land is inside a military facility protection zone. Can I just sign and report afterwards?",
            ((REPORTING, 9, 0),),
        ),
        (
            "I'm a Canadian citizen. The farmland I want is in a military protection area near Cheorwon — is "
            "there anything special before I sign?",
            ((REPORTING, 9, 0),),
        ),
        (
            "미국 시민권자인데 파주 군사시설 보호구역 안에 있는 땅을 사려고 해요. 계약하고 나중에 신고하면 되나요?",
            ((REPORTING, 9, 0),),
        ),
        ("외국인인데 문화유산 보호구역 안 토지 매수 계약 먼저 해도 돼요?", ((REPORTING, 9, 0),)),
        # a sale priced by its area that measures short
        (
            "아파트 샀는데 계약서 면적이랑 실제 측량한거랑 꽤 차이나요 면적 기준으로 값 정한건데 대금 깎을수 있나요?",
            ((CIVIL, 574, 0),),
        ),
        (
            "땅을 평당 가격으로 샀는데 측량해보니 계약보다 20평이 적어요. 돈 돌려받을 수 있나요",
            ((CIVIL, 574, 0),),
        ),
        (
            "We bought a plot priced per square meter, but the survey shows it is 30 m² smaller than the "
            "contract says. Can we get part of the price back?",
            ((CIVIL, 574, 0),),
        ),
    ],
)
def test_round11b_kinds_cite_the_governing_article_first(
    question: str, articles: tuple[tuple[str, int, int], ...]
) -> None:
    assert top(question)[1] in articles


@pytest.mark.parametrize(
    "question",
    [
        "The seller's agent suggested writing a lower price in the contract we report, to save taxes.",
        "Can we under-report the sale price to cut the acquisition tax?",
        "세금 줄이려고 실거래가보다 낮게 신고하자는데 괜찮아요?",
    ],
)
def test_a_price_reported_falsely_is_no_tax_question(question: str) -> None:
    assert uncovered_words(question) is None


@pytest.mark.parametrize(
    "question",
    ["How much capital gains tax will I pay when I sell?", "아파트 팔면 양도세 얼마예요?"],
)
def test_taxes_themselves_stay_uncovered(question: str) -> None:
    found = uncovered_words(question)
    assert found is not None and found[0].key == "taxes"


@pytest.mark.parametrize(
    ("question", "article"),
    [
        ("Does the 5% cap apply to my shop lease renewal?", (COMMERCIAL, 11, 0)),
        ("상가도 5% 제한 적용되나요?", (COMMERCIAL, 11, 0)),
        ("does the rent cap apply to my jeonse renewal?", (HOUSING, 7, 0)),
    ],
)
def test_a_raise_cap_named_stays_the_raise_cap_when_asked_if_it_applies(
    question: str, article: tuple[str, int, int]
) -> None:
    assert top(question)[1] == article


@pytest.mark.parametrize(
    "question",
    [
        "계약서 보증금 금액을 수정테이프로 고쳤더니 확정일자 안 된대요",
        "주민센터에서 계약서 날짜 고친 거 때문에 확정일자 거절당했어요",
        "계약서 금액 볼펜으로 고쳤는데 확정일자 못 준다네요",
    ],
)
def test_a_contract_corrected_by_hand_is_the_fixed_date_checks(question: str) -> None:
    """고쳤 at the fixed-date office is a correction of the paper (정정), not a repair."""
    assert top(question)[1] == (FIXED_DATE_RULE, 3, 0)


@pytest.mark.parametrize(
    "question",
    [
        "What do I need to qualify for HUG's jeonse deposit return guarantee? Will they reject me?",
        "Am I eligible for the HUG deposit return guarantee if my officetel is in a basement?",
    ],
)
def test_who_qualifies_for_the_return_guarantee_is_the_insurers_rule(question: str) -> None:
    found = uncovered_words(question)
    assert found is not None and found[0].key.startswith("guarantee_insurance")


@pytest.mark.parametrize(
    "question",
    [
        "2년전에 집주인이 실거주한다고 해서 갱신 못하고 나왔는데 요즘 그집에 딴사람 사는것 같아요. 그집 임대차 내용 확인해볼수 "
        "있나요?",
        "집주인이 실거주 한다고 해서 나왔는데 지금 그 집에 누가 사는지 확인할 수 있나요?",
        "The owner refused my renewal saying he'd live there, but I think he rented it out. Can I look up who "
        "lives there now and their lease?",
    ],
)
def test_a_tenant_refused_for_the_owners_use_may_ask_for_the_homes_lease(question: str) -> None:
    assert top(question)[1] == ("주택임대차보호법시행령", 5, 0)


def test_damages_asked_stay_the_damages_rule() -> None:
    question = "집주인이 실거주한다고 갱신 거절해서 나왔는데 알고보니 세 줬어요 손해배상 받을 수 있나요"
    assert top(question)[1] == (HOUSING, 6, 3)
