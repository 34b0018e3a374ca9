"""Fifth round of planning kinds: a yield question stated with its rent (a deposit and a monthly rent)
is a calculation, not a lease story for the legal rescue — unless it names a legal act."""

from __future__ import annotations

import pytest

from agents.domain.slots import Intent, Slots
from agents.nlu import NluResult
from agents.planning import _may_be_law, _reads_as_law


def _yield(**slots: int) -> NluResult:
    return NluResult(
        intent=Intent.ROI_CALCULATION, confidence=0.9, slots=Slots(**slots), fragment_slots=Slots()
    )


def _rescued(result: NluResult, query: str) -> bool:
    return _may_be_law(result, query) and _reads_as_law(result, query)


@pytest.mark.parametrize(
    "query",
    [
        "If I buy it at that price and rent it out for 50 million deposit and 3.5 million a month, what's the yield?",
        "Say I let it for a 30 million deposit and 2 million monthly rent, what return would I get?",
        "그 가격에 사서 보증금 5천에 월세 300 받고 세 놓으면 수익률 얼마나 나와요?",
    ],
)
def test_a_yield_with_its_rent_is_no_legal_story(query: str) -> None:
    assert not _rescued(_yield(deposit_manwon=5000, monthly_rent_manwon=300), query)


def test_a_yield_beside_a_legal_act_may_still_be_the_law() -> None:
    query = "전세 3억 중에 1억을 월세로 돌리자는데 월세를 얼마까지 받을 수 있나요? 수익률로 치면요"
    assert _may_be_law(_yield(deposit_manwon=5000, monthly_rent_manwon=300), query)
