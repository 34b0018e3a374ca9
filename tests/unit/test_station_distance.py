"""Homes filtered by their distance to a station are declined (the data has no locations); a station
named only as where the homes are ("판교역 근처 시세") is still a market question."""

from __future__ import annotations

import pytest

from agents.tools.coverage import ranked_by_fact


@pytest.mark.parametrize(
    "query",
    [
        "야탑역에서 걸어서 7분 안쪽 아파트만 보여줘",
        "수내역 도보 10분 이내 단지 전세",
        "Show me flats within walking distance of Seohyeon station",
        "anything a 10 minute walk from the subway in Songpa?",
    ],
)
def test_a_walking_distance_filter_is_declined(query: str) -> None:
    declined = ranked_by_fact(query, english=query.isascii())
    assert declined is not None
    assert ("역세권" in declined) or ("distance to stations" in declined)


@pytest.mark.parametrize(
    "query", ["서현역 근처 아파트 매매 시세", "분당 정자동 84 전세 얼마", "10분 만에 알 수 있나요"]
)
def test_a_station_as_a_place_is_no_decline(query: str) -> None:
    assert ranked_by_fact(query) is None
