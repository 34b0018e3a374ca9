"""typical_rent: the 월세 reference an ROI answer uses when the user gives only a purchase price."""

from __future__ import annotations

import datetime as dt
import statistics
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import text

from agents.domain.slots import Slots
from agents.tools.roi import calculate_roi, typical_rent


def half_up(x: float) -> int:
    return int(Decimal(str(x)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


async def test_typical_wolse_for_jeongja_84(loaded_engine):
    async with loaded_engine.connect() as conn:
        rows = (
            await conn.execute(
                text(
                    "SELECT contract_date, deposit_manwon, monthly_rent_manwon FROM apt_rents"
                    " WHERE dong = '정자동' AND rent_type = '월세' AND area_m2 >= 80 AND area_m2 < 90"
                )
            )
        ).all()
    latest = max(r.contract_date for r in rows)
    start = latest.replace(year=latest.year - 1) + dt.timedelta(days=1)
    window = [r for r in rows if r.contract_date >= start]
    # The purchase price and period slots must not leak into the rent reference.
    slots = Slots(
        sigungu="분당구",
        dong="정자동",
        area_min_m2=80,
        area_max_m2=90,
        price_max_manwon=150000,
        period_to="2020-12-31",
    )
    result = await typical_rent(loaded_engine, slots)
    assert result.count == len(window) > 0
    assert result.deposit_median_manwon == half_up(statistics.median(r.deposit_manwon for r in window))
    assert result.monthly_rent_median_manwon == half_up(
        statistics.median(r.monthly_rent_manwon for r in window)
    )
    assert result.window == f"{start}~{latest}"

    roi = calculate_roi(150000, result.deposit_median_manwon, result.monthly_rent_median_manwon)
    assert roi.annual_rent_manwon == result.monthly_rent_median_manwon * 12


async def test_typical_rent_where_there_is_no_rent_data(loaded_engine):
    result = await typical_rent(loaded_engine, Slots(sigungu="강남구", complex="은마"))
    assert (result.count, result.deposit_median_manwon, result.monthly_rent_median_manwon) == (0, None, None)
    assert result.notes
