"""The legal rescue of questions the NLU did not read as legal (agents/planning.py `_may_be_law`,
`_reads_as_law`), by kind: a lease story that names its sums, a deal type or its city; a short
legal question; a question about a contract rather than a request to draft one — and what must
stay with the data and the calculators (follow-up fragments, filter changes, draft requests)."""

from __future__ import annotations

import pytest

from agents.domain.slots import Intent, Slots
from agents.nlu import NluResult
from agents.planning import _may_be_law, _reads_as_law


def nlu(intent: Intent, confidence: float = 0.5, fragment: Slots | None = None, **slots) -> NluResult:
    return NluResult(
        intent=intent, confidence=confidence, slots=Slots(**slots), fragment_slots=fragment or Slots()
    )


def rescued(result: NluResult, query: str) -> bool:
    return _may_be_law(result, query) and _reads_as_law(result, query)


@pytest.mark.parametrize(
    ("result", "query"),
    [
        # sums told beside a legal act: the conversion-rate rule, not a loan calculation
        (
            nlu(Intent.LOAN_CONSULT, 0.9, asking_price_manwon=30000),
            "전세 3억 중에 1억을 월세로 돌리자는데 월세를 얼마까지 받을 수 있나요? 기준금리 3%로 치면요",
        ),
        # a deal type named in a lease story is no follow-up's change
        (
            nlu(Intent.UNCLEAR, 0.3, fragment=Slots(deal_type="월세")),
            "월세를 석 달째 못 냈더니 집주인이 계약을 끝내겠다고 문자가 왔어요. 그럴 수 있나요?",
        ),
        # a 시도 alone in a question that named no task firmly
        (
            nlu(Intent.PROPERTY_SEARCH, 0.6, sido_code="11"),
            "I'm a foreign national and inherited an apartment in Seoul. Do I have to report it, and by when?",
        ),
        # a short question that asks of a legal act
        (nlu(Intent.PROPERTY_SEARCH, 0.9), "허위 매물 광고하면 과태료 얼마예요?"),
        # a topic the statutes do not cover, however short
        (nlu(Intent.LOAN_CONSULT, 0.9), "디딤돌 대출 한도 얼마예요?"),
        # a question about a contract, not a request to draft one
        (
            nlu(Intent.CONTRACT_CREATION, 0.9),
            "계약서에 '임차인은 수리를 요구하지 않는다'는 특약을 넣자는데 유효한가요?",
        ),
        (nlu(Intent.CONTRACT_CREATION, 0.9), "세 들어 사는 집 주인이 바뀌었는데 계약서를 새로 써야 하나요?"),
    ],
)
def test_legal_questions_the_nlu_missed_are_rescued(result, query):
    assert rescued(result, query)


@pytest.mark.parametrize(
    ("result", "query"),
    [
        # filter changes and fragments that continue the previous answer
        (nlu(Intent.UNCLEAR, 0.3, fragment=Slots(deal_type="월세")), "월세로 바꿔서"),
        (nlu(Intent.PROPERTY_SEARCH, 0.6), "보증금 조건은 그대로 두고 월세는 80 이하로 낮춰 주세요"),
        (nlu(Intent.PROPERTY_SEARCH, 0.6), "보증금 육억 오천까지로 낮춰서 다시"),
        (
            nlu(Intent.UNCLEAR, 0.3, fragment=Slots(deal_type="월세")),
            "And what about the monthly rent there, compared to jeonse?",
        ),
        (
            nlu(Intent.MARKET_INQUIRY, 0.6, deal_type="전세"),
            "what about jeonse deals that year, compared with before?",
        ),
        # data questions with a place of ours or a firm task
        (
            nlu(Intent.MARKET_INQUIRY, 0.9, sigungu_code="11680"),
            "강남구 전세 보증금 반환 잘 되는 아파트 시세 알려줘",
        ),
        (
            nlu(Intent.PROPERTY_SEARCH, 0.9, sido_code="11"),
            "서울 아파트 중에 전세 끼고 살 만한 곳 보여줘 보증금 높은 걸로",
        ),
        # a loan with the user's own figures is the calculator's
        (
            nlu(Intent.LOAN_CONSULT, 0.9, annual_income_manwon=6000),
            "연봉 6천인데 주담대 얼마까지 나와요? dsr 40%라던데",
        ),
        # a request to draft a contract
        (nlu(Intent.CONTRACT_CREATION, 0.9), "전세 계약서 써줘. 특약에 수리는 임대인이 한다고 넣어 주세요"),
        (nlu(Intent.CONTRACT_CREATION, 0.9), "매매 계약서 초안 좀 잡아줄 수 있어요? 계약금 10%로요"),
        # talk that shares a word or two with the law
        (
            nlu(Intent.UNCLEAR, 0.3),
            "요즘 집값이 너무 올라서 내 집 마련이 가능할지 모르겠어요 어떻게 생각하세요",
        ),
        (nlu(Intent.UNCLEAR, 0.3), "이사 갈 때 포장이사 업체는 어디가 괜찮은지 알려줄 수 있어요?"),
    ],
)
def test_data_requests_and_follow_ups_stay_where_they_are(result, query):
    assert not rescued(result, query)
