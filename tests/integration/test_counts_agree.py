"""A listing and the statistics for the same conditions count the same deals (the answer shows both,
so "4,466건" in one section and another number in the next would be a contradiction)."""

from __future__ import annotations

import itertools

import pytest

from agents.domain.slots import Slots
from agents.tools import market_stats, search_rents, search_trades

PLACES = (
    {"sigungu": "분당구", "sigungu_code": "41135"},
    {"sigungu": "분당구", "sigungu_code": "41135", "dong": "정자동"},
    {"sigungu": "송파구", "sigungu_code": "11710"},
)
DEALS = ("매매", "전세", "월세")
AREAS = ((None, None), (59.0, 60.0), (84.0, 85.0))
PRICES = ((None, None), (None, 50000), (30000, None))
PERIODS = ((None, None), ("2024-01-01", "2024-12-31"))


@pytest.mark.parametrize("place", PLACES, ids=lambda p: p.get("dong") or p["sigungu"])
async def test_listing_and_statistics_counts_agree(loaded_engine, place):
    for deal, area, price, period in itertools.product(DEALS, AREAS, PRICES, PERIODS):
        slots = Slots(
            **place,
            deal_type=deal,
            area_min_m2=area[0],
            area_max_m2=area[1],
            price_min_manwon=price[0],
            price_max_manwon=price[1],
            period_from=period[0],
            period_to=period[1],
        )
        if deal != "매매" and place["sigungu_code"] != "41135":
            continue  # no 전월세 there: both sides are empty by construction
        stats = await market_stats(loaded_engine, slots)
        listing = await (search_trades if deal == "매매" else search_rents)(loaded_engine, slots)
        assert stats.stats.count == listing.total_count, slots.model_dump(exclude_none=True)
