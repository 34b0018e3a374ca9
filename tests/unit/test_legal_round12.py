"""Round 12 kinds of legal question, each asked in other ways (Korean and English, other registers):
the agent buying the listed home himself (공인중개사법 제33조), someone at the agency who showed the
home and was no licensed agent (제18조의4), the agency not explaining the tax-arrears check (제25조의3),
the move-in report standing for the lease report (거래신고법 제6조의5), a fraud victim turned down asking
again (특별법 제15조), the state making good part of a lost deposit (제25조의9), the home in a part-shop
building (주택임대차보호법 제2조), a shop owner blocking the tenant one found (상가법 제10조의4), a lease
written for one year (제4조); and topics no loaded statute answers: redevelopment procedure and the
deadline for registering a purchase. Sentences are written for these tests, not taken from the sets."""

from __future__ import annotations

import pytest

from agents.domain.legal_terms import HOUSING, reduce_question, subject_laws
from agents.tools.legal_issues.match import uncovered_topic
from tests.unit.test_legal_kinds6_paraphrases import top

BROKERS = "공인중개사법"
REPORTING = "부동산거래신고등에관한법률"
FRAUD = "전세사기피해자지원및주거안정에관한특별법"
SHOP = "상가건물임대차보호법"


@pytest.mark.parametrize(
    ("question", "article"),
    [
        # the agent buying the client's home himself
        ("부동산 사장님이 그 매물 본인이 사겠다고 하시는데 괜찮은 거예요?", (BROKERS, 33, 0)),
        ("중개사가 제 집을 자기 명의로 사버리겠대요 이래도 되나", (BROKERS, 33, 0)),
        (
            "The realtor offered to buy my apartment himself instead of finding a buyer. Is that legal?",
            (BROKERS, 33, 0),
        ),
        ("Can the agent who listed my place buy it for himself?", (BROKERS, 33, 0)),
        # the one who showed the home was an assistant, not a licensed agent
        (
            "집 보여준 부동산 팀장님이 알고 보니 공인중개사가 아니래요. 미리 말해야 하는 거 아니에요?",
            (BROKERS, 18, 4),
        ),
        ("부동산 직원이 방 보여줬는데 보조원이었어요 그런 말 없었는데", (BROKERS, 18, 4)),
        (
            "The guy who showed me the apartment turned out to be an assistant, not a licensed agent. "
            "Shouldn't he have told me?",
            (BROKERS, 18, 4),
        ),
        # the agency did not explain the tax-arrears check
        ("전세 계약할 때 부동산에서 집주인 미납세금 열람할 수 있다는 설명을 안 해줬어요", (BROKERS, 25, 3)),
        (
            "중개사는 세금 체납 열람 신청할 수 있다는 걸 알려줘야 하는 거 아닌가요? 아무 설명 없었음",
            (BROKERS, 25, 3),
        ),
        (
            "Our agent never explained that we could look up the landlord's unpaid taxes before signing the jeonse.",
            (BROKERS, 25, 3),
        ),
        # the move-in report stands for the lease report
        ("전입신고 했는데 전월세 신고를 또 따로 해야 돼요?", (REPORTING, 6, 5)),
        ("월세 계약하고 전입신고까지 마쳤으면 임대차 신고는 된 걸로 보나요", (REPORTING, 6, 5)),
        (
            "I already did my move-in report. Do I still need to report the lease separately?",
            (REPORTING, 6, 5),
        ),
        # a fraud victim turned down, asking again
        ("전세사기 피해자 심사에서 떨어졌는데 다시 다퉈볼 방법 있나요", (FRAUD, 15, 0)),
        ("피해자 인정 신청 반려됐어요.. 다시 할 수 있어요?", (FRAUD, 15, 0)),
        ("My application for jeonse fraud victim status was rejected. Can I apply again?", (FRAUD, 15, 0)),
        # the state making good part of a lost deposit
        ("전세사기로 경매 넘어가서 보증금 다 날렸는데 국가에서 일부라도 보전해준다면서요?", (FRAUD, 25, 9)),
        ("사기당한 전셋집 경매 끝났는데 정부가 보증금 얼마라도 채워주나요", (FRAUD, 25, 9)),
        (
            "After the auction of our jeonse fraud house I got almost nothing back. Is there a government guarantee "
            "for part of the deposit?",
            (FRAUD, 25, 9),
        ),
        # the home in a part-shop building
        ("1층은 가게고 2층이 집인 상가주택에 세 사는데 저도 주택임대차보호법 보호 받나요?", (HOUSING, 2, 0)),
        ("가게 위층 살림집에 전세 살면 주임법 적용돼요?", (HOUSING, 2, 0)),
        (
            "I rent the flat above a shop in a mixed-use building. Does the housing lease act still protect me?",
            (HOUSING, 2, 0),
        ),
        # the owner blocking the tenant one found for the shop
        (
            "The landlord keeps refusing the replacement tenant I found, so I can't collect my key money.",
            (SHOP, 10, 4),
        ),
        (
            "My building owner won't sign with the person I found to take over my restaurant. What can I do?",
            (SHOP, 10, 4),
        ),
        ("건물주가 제가 구해온 다음 세입자를 계속 퇴짜놔서 권리금을 못 받게 생겼어요", (SHOP, 10, 4)),
        # a lease written for one year
        ("계약서에 1년이라고 적었는데 집주인이 1년 지났다고 나가래요. 2년 못 사나요?", (HOUSING, 4, 0)),
        ("1년짜리로 계약했는데 2년 채워 살 수 있는 거죠?", (HOUSING, 4, 0)),
        (
            "My lease says one year but the landlord says the year is up and I have to go. Can I stay two years?",
            (HOUSING, 4, 0),
        ),
    ],
)
def test_round12_kinds_reach_their_article(question: str, article: tuple[str, int, int]) -> None:
    assert top(question)[1] == article


@pytest.mark.parametrize(
    ("question", "key"),
    [
        ("재건축 안전진단 신청하려면 주민 동의 얼마나 필요해요?", "redevelopment"),
        ("우리 단지 정비구역 지정되면 뭐가 달라지나요", "redevelopment"),
        (
            "How does the safety inspection for reconstruction work for a 40-year-old apartment?",
            "redevelopment",
        ),
        ("소유권 이전등기 늦게 하면 과태료 나오나요?", "registration_deadline"),
        ("등기 셀프로 할건데 잔금일로부터 언제까지 해야되나요", "registration_deadline"),
        ("How many days do I have to register the title after paying the balance?", "registration_deadline"),
    ],
)
def test_round12_topics_outside_the_statutes_are_recognised(question: str, key: str) -> None:
    found = uncovered_topic(question)
    assert found is not None and found.key == key


@pytest.mark.parametrize(
    "question",
    [
        "집주인이 재건축한다고 갱신 거절하는데 이거 정당해요?",
        "The landlord says the building is being redeveloped and won't renew my lease.",
        "잔금 다 치렀는데 등기 안 하면 소유권은 누구 거예요?",
        "등기부등본 언제 떼 봐야 돼요?",
        "임차권등기 신청하면 며칠 안에 등기돼요?",
    ],
)
def test_round12_questions_the_statutes_answer_stay_answered(question: str) -> None:
    assert uncovered_topic(question) is None


def test_a_part_shop_building_is_a_housing_question() -> None:
    assert subject_laws(reduce_question("상가주택 2층 집에 월세 사는데 보호받나요"))[0] == HOUSING
