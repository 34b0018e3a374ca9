"""market_stats over the real data; expected numbers by independent SQL + Python arithmetic."""

from __future__ import annotations

import datetime as dt
import statistics
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest
from sqlalchemy import text

from agents.domain.slots import Slots
from agents.tools.market import market_stats


def half_up(x: Any) -> int:
    return int(Decimal(str(x)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


async def values(engine, sql: str) -> list[Any]:
    async with engine.connect() as conn:
        return list((await conn.execute(text(sql))).all())


async def test_songpa_2024_monthly_median_mean_count(loaded_engine):
    rows = await values(
        loaded_engine,
        "SELECT contract_date, price_manwon FROM apt_trades WHERE sigungu_name = '송파구'"
        " AND contract_date BETWEEN '2024-01-01' AND '2024-12-31'",
    )
    result = await market_stats(
        loaded_engine,
        Slots(sigungu="송파구", period_from="2024-01-01", period_to="2024-12-31"),
        group_by="month",
    )
    prices = [r.price_manwon for r in rows]
    assert result.kind == "매매" and result.table == "apt_trades"
    assert result.stats.count == len(prices)
    assert result.stats.median_manwon == half_up(statistics.median(prices))
    assert result.stats.mean_manwon == half_up(Decimal(sum(prices)) / len(prices))
    assert result.stats.period == "2024-01-01~2024-12-31"
    assert [b.bucket for b in result.buckets] == [f"2024-{m:02d}" for m in range(1, 13)]
    march = [r.price_manwon for r in rows if r.contract_date.month == 3]
    bucket = result.buckets[2]
    assert (bucket.count, bucket.median_manwon, bucket.min_manwon, bucket.max_manwon) == (
        len(march),
        half_up(statistics.median(march)),
        min(march),
        max(march),
    )
    assert sum(b.count for b in result.buckets) == result.stats.count


async def test_without_a_period_the_data_span_and_latest_date_are_reported(loaded_engine):
    (span,) = await values(
        loaded_engine,
        "SELECT min(contract_date) AS lo, max(contract_date) AS hi FROM apt_trades"
        " WHERE complex_name = '잠실엘스'",
    )
    result = await market_stats(loaded_engine, Slots(complex="잠실엘스"))
    assert result.stats.period == f"{span.lo}~{span.hi}"
    assert result.latest_date == span.hi
    assert result.buckets == [] and result.group_by is None


async def test_jeonse_stats_are_deposits(loaded_engine):
    rows = await values(
        loaded_engine,
        "SELECT deposit_manwon FROM apt_rents WHERE sigungu_code = '41135' AND rent_type = '전세'"
        " AND contract_date >= '2025-01-01'",
    )
    result = await market_stats(
        loaded_engine, Slots(sigungu="분당구", deal_type="전세", period_from="2025-01-01")
    )
    deposits = [r.deposit_manwon for r in rows]
    assert (result.kind, result.stats.count, result.stats.max_manwon) == (
        "전세",
        len(deposits),
        max(deposits),
    )
    assert result.stats.median_manwon == half_up(statistics.median(deposits))
    assert result.monthly_rent is None


async def test_wolse_reports_deposit_and_monthly_rent(loaded_engine):
    rows = await values(
        loaded_engine,
        "SELECT deposit_manwon, monthly_rent_manwon FROM apt_rents"
        " WHERE dong = '정자동' AND rent_type = '월세' AND extract(year FROM contract_date) = 2025",
    )
    slots = Slots(
        sigungu="분당구", dong="정자동", deal_type="월세", period_from="2025-01-01", period_to="2025-12-31"
    )
    result = await market_stats(loaded_engine, slots, group_by="year")
    assert result.monthly_rent is not None
    assert result.stats.median_manwon == half_up(statistics.median(r.deposit_manwon for r in rows))
    assert result.monthly_rent.median_manwon == half_up(
        statistics.median(r.monthly_rent_manwon for r in rows)
    )
    assert result.monthly_rent.count == len(rows)
    (year,) = result.buckets
    assert year.bucket == "2025" and year.monthly_rent is not None
    assert year.monthly_rent.mean_manwon == half_up(
        Decimal(sum(r.monthly_rent_manwon for r in rows)) / len(rows)
    )


async def test_yearly_buckets_cover_the_whole_seoul_range(loaded_engine):
    result = await market_stats(loaded_engine, Slots(sigungu="강동구"), group_by="year")
    assert [b.bucket for b in result.buckets] == ["2020", "2021", "2022", "2023", "2024"]
    assert result.latest_date == dt.date(2024, 12, 31)


async def test_empty_region_gives_count_zero_and_no_numbers(loaded_engine):
    result = await market_stats(loaded_engine, Slots(sigungu="수영구"), group_by="month")
    assert result.stats.model_dump() == {
        "count": 0,
        "median_manwon": None,
        "mean_manwon": None,
        "min_manwon": None,
        "max_manwon": None,
        "period": None,
    }
    assert result.buckets == [] and result.latest_date is None
    assert result.notes


async def test_group_by_is_validated(loaded_engine):
    with pytest.raises(ValueError):
        await market_stats(loaded_engine, Slots(sigungu="송파구"), group_by="week")  # type: ignore[arg-type]


async def test_stats_match_the_result_contract_shape(loaded_engine):
    result = await market_stats(loaded_engine, Slots(sigungu="송파구", period_from="2024-01-01"))
    assert set(result.model_dump(mode="json")["stats"]) == {
        "count",
        "median_manwon",
        "mean_manwon",
        "min_manwon",
        "max_manwon",
        "period",
    }
