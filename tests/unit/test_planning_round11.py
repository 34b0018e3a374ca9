"""Round 11 planning kind: a short message that tells a story ("…나가라네요", "…어케됨?") reaches the
legal rescue even without a named legal act, while a follow-up's fragment does not."""

from __future__ import annotations

import pytest

from agents.domain.slots import Intent, Slots
from agents.nlu import NluResult
from agents.planning import _may_be_law, _reads_as_law, _tells


def unclear() -> NluResult:
    return NluResult(intent=Intent.UNCLEAR, confidence=0.3, slots=Slots(), fragment_slots=Slots())


@pytest.mark.parametrize(
    "query",
    [
        "1년짜리로 계약했는데 집주인이 1년 됐으니 나가라네요",
        "6개월 계약했는데 주인이 6개월 지났다고 방 빼래요",
        "토허제구역 아파트 허가없이 그냥 계약하면 어케됨?",
    ],
)
def test_a_short_story_reaches_the_legal_rescue(query: str) -> None:
    assert _may_be_law(unclear(), query) and _reads_as_law(unclear(), query)


@pytest.mark.parametrize("query", ["59는?", "작년은요?", "그럼 송파구는요", "전세로 보면요?", "몇건임?"])
def test_a_fragment_is_not_a_story(query: str) -> None:
    assert not _tells(query)


@pytest.mark.parametrize(
    "query",
    [
        "재건축 안전진단이 뭔 뜻이에요?",
        "정비구역 지정이 무슨 의미예요",
        "관리처분인가 뜻이 뭐야",
        "what does redevelopment zone mean?",
    ],
)
def test_a_words_meaning_is_not_rescued_as_a_topic_outside_the_statutes(query: str) -> None:
    """Round 12: naming a topic the statutes lack makes a question of law, not a question of a word."""
    assert not _reads_as_law(unclear(), query)


@pytest.mark.parametrize(
    "query",
    ["재건축 안전진단 통과하면 조합원 분담금은 어떻게 정해져요?", "정비구역 지정되면 이주비는 언제 나와요"],
)
def test_a_redevelopment_procedure_is_still_a_topic_outside_the_statutes(query: str) -> None:
    assert _reads_as_law(unclear(), query)
