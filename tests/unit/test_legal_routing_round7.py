"""Seventh round of legal routing (agents/planning.py): everyday legal questions the intent rules sent
elsewhere although the curated issue index knows them well — the part after 그럼 or before a hearsay
ending read alone, a sum claimed back read as a price, a past year in a story read as a period, a
legal part beside a misread search, a court asked to cut a penalty read as a draft request. Sentences
are written for these tests, not taken from the eval sets; data questions must stay data questions."""

from __future__ import annotations

import pytest

from agents.domain.slots import Intent
from agents.gazetteer import Gazetteer, GazetteerRow
from agents.nlu import NluResult, parse
from agents.planning import _may_be_law, _no_data_asked, _reads_as_law, _whole_is_law
from tests.unit.nlu_support import SEOUL_END, TODAY

ROWS = [
    GazetteerRow("11710", "잠실동", "리센츠", "11710-1", 900, SEOUL_END),
    GazetteerRow("11650", "반포동", "반포자이", "11650-2", 800, SEOUL_END),
]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.from_rows(ROWS)


def read(gaz: Gazetteer, text: str) -> NluResult:
    return parse(text, gaz, TODAY)


def rescued(gaz: Gazetteer, text: str) -> bool:
    result = read(gaz, text)
    return result.intent is Intent.LEGAL_INQUIRY or (
        _may_be_law(result, text) and _reads_as_law(result, text)
    )


@pytest.mark.parametrize(
    ("part", "whole"),
    [
        (
            "그러면 저는 거기 계속 살 수 있는 건가요?",
            "전세사기 당한 집을 LH가 사들인다고 하던데 그러면 저는 거기 계속 살 수 있는 건가요?",
        ),
        (
            "그럼 몇 년 동안 살 수 있어요?",
            "공공에서 피해주택 사준다고 들었어요 그럼 몇 년 동안 살 수 있어요?",
        ),
        (
            "그럼 어디 가서 받아야 돼요?",
            "상가 임대차 확정일자를 동사무소에서는 안 해준다네요 그럼 어디 가서 받아야 돼요?",
        ),
    ],
)
def test_a_request_part_asking_no_data_lets_the_whole_story_decide(
    gaz: Gazetteer, part: str, whole: str
) -> None:
    assert _no_data_asked(read(gaz, part))
    assert _whole_is_law(read(gaz, whole), whole)


@pytest.mark.parametrize(
    "part",
    ["그럼 매매 10억 이하로 보여줘", "그러면 작년 잠실동은요?", "그럼 84㎡ 기준으로는요?"],
)
def test_a_request_part_naming_data_is_read_alone(gaz: Gazetteer, part: str) -> None:
    assert not _no_data_asked(read(gaz, part))


@pytest.mark.parametrize(
    "text",
    [
        "보일러가 고장나서 제가 먼저 30만원 내고 고쳤는데 집주인한테 달라고 해도 되나요?",
        "집주인이 연락이 안 돼서 누수 공사비 80만원을 제가 냈어요. 돌려받을 수 있나요?",
        "I fixed the broken boiler myself for 300,000 won because the landlord never answered, can I get it back?",
    ],
)
def test_a_sum_claimed_back_is_a_legal_story(gaz: Gazetteer, text: str) -> None:
    assert rescued(gaz, text)


@pytest.mark.parametrize(
    "text",
    [
        "반포자이 84 25억 부르는데 괜찮은 가격이에요?",
        "잠실 리센츠 전세 14억 달라는데 적당한가요",
        "연봉 6천인데 대출 얼마나 받을 수 있어요?",
        "What's the LTV limit for a 900 million won apartment in Songpa?",
    ],
)
def test_prices_and_loans_stay_with_the_data(gaz: Gazetteer, text: str) -> None:
    assert not rescued(gaz, text)


@pytest.mark.parametrize(
    "text",
    [
        "재작년에 집주인이 아들이 들어와 산다고 해서 계약 갱신 못 했는데 알고 보니 다른 세입자를 받았더라고요. 손해배상 되나요?",
        "작년 봄에 집주인 실거주 때문에 나왔는데 그 집에 딴 사람이 살고 있어요 보상 받을 방법 있나요?",
    ],
)
def test_a_past_year_in_a_story_is_no_period_change(gaz: Gazetteer, text: str) -> None:
    assert rescued(gaz, text)


@pytest.mark.parametrize(
    "text",
    [
        "특약에 위약금을 보증금 절반으로 적었는데 너무 많은 것 같아요. 법원에서 줄여줄 수 있나요?",
        "The penalty clause in my lease looks far too high. Can a court reduce the agreed damages?",
    ],
)
def test_a_court_asked_to_cut_a_penalty_is_no_draft_request(gaz: Gazetteer, text: str) -> None:
    assert rescued(gaz, text)


@pytest.mark.parametrize(
    "text",
    [
        "임대차 계약서 초안 작성해줄 수 있어요?",
        "전세 계약서 써줄 수 있나요?",
        "Can you draft a lease contract for me?",
    ],
)
def test_a_draft_request_stays_a_draft(gaz: Gazetteer, text: str) -> None:
    result = read(gaz, text)
    assert result.intent is Intent.CONTRACT_CREATION
    assert not _may_be_law(result, text)


@pytest.mark.parametrize(
    "text",
    [
        "방학 동안 두 달만 원룸 빌리는데 이것도 주택임대차보호법으로 2년 보장되나요?",
        "Is a one-month holiday rental also protected for two years under the Housing Lease Protection Act?",
    ],
)
def test_a_legal_part_beside_a_misread_search_is_the_law(gaz: Gazetteer, text: str) -> None:
    assert rescued(gaz, text)
