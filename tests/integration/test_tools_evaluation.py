"""evaluate_price against comparables recomputed independently from the real data."""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest
from sqlalchemy import text

from agents.domain.slots import Slots
from agents.tools.evaluation import evaluate_price, months_before
from agents.tools.transactions import ToolInputError

JAMSIL_ELS_84 = Slots(sigungu="송파구", dong="잠실동", complex="잠실엘스", area_min_m2=84.0, area_max_m2=84.0)


def half_up(x: Any, places: str = "1") -> Decimal:
    return Decimal(str(x)).quantize(Decimal(places), rounding=ROUND_HALF_UP)


@dataclass
class Expected:
    latest: dt.date
    start: dt.date
    months: int
    prices: list[int]
    ids: list[int]

    def percentile(self, asking: int) -> float:
        below = sum(p < asking for p in self.prices)
        equal = sum(p == asking for p in self.prices)
        return float(half_up(Decimal(2 * below + equal) * 50 / len(self.prices), "0.1"))


async def expected_comparables(engine, table: str, value: str, where: str) -> Expected:
    """Last 12 months (24 if fewer than 5) ending at the newest comparable, by plain date arithmetic."""
    sql = f"SELECT id, contract_date, {value} AS v FROM {table} WHERE {where} ORDER BY contract_date"
    async with engine.connect() as conn:
        rows = list((await conn.execute(text(sql))).all())
    latest = rows[-1].contract_date
    for months in (12, 24):
        start = latest.replace(year=latest.year - months // 12) + dt.timedelta(days=1)
        window = [r for r in rows if r.contract_date >= start]
        if len(window) >= 5 or months == 24:
            newest = sorted(window, key=lambda r: (r.contract_date, r.id), reverse=True)
            return Expected(latest, start, months, [r.v for r in window], [r.id for r in newest[:20]])
    raise AssertionError


async def test_jamsil_els_84_at_25eok(loaded_engine):
    exp = await expected_comparables(
        loaded_engine,
        "apt_trades",
        "price_manwon",
        "complex_name = '잠실엘스' AND area_m2 BETWEEN 84 AND 85 AND (cancelled IS NULL OR NOT cancelled)",
    )
    result = await evaluate_price(loaded_engine, JAMSIL_ELS_84, 250000)
    median = int(half_up(statistics.median(exp.prices), "1"))
    assert result.basis == "complex" and result.kind == "매매"
    assert result.area_band_m2 == (79.8, 88.2)  # 84㎡ ± 5%
    assert (result.window_months, result.window) == (12, f"{exp.start}~{exp.latest}")
    assert result.stats.count == len(exp.prices) >= 5
    assert result.stats.median_manwon == median
    assert result.stats.mean_manwon == int(half_up(Decimal(sum(exp.prices)) / len(exp.prices), "1"))
    assert (result.stats.min_manwon, result.stats.max_manwon) == (min(exp.prices), max(exp.prices))
    assert result.percentile == exp.percentile(250000)
    diff = (250000 - median) / median * 100
    assert result.diff_from_median_pct == round(diff, 1)
    assert result.verdict == ("적정" if abs(diff) <= 5 else "저렴" if diff < 0 else "비쌈")
    assert [r.source.id for r in result.rows] == exp.ids
    assert "±5%" in result.verdict_rule


@pytest.mark.parametrize(("factor", "verdict"), [(0.8, "저렴"), (1.0, "적정"), (1.04, "적정"), (1.2, "비쌈")])
async def test_verdict_follows_the_documented_thresholds(loaded_engine, factor, verdict):
    median = (await evaluate_price(loaded_engine, JAMSIL_ELS_84, 250000)).stats.median_manwon
    assert median is not None
    result = await evaluate_price(loaded_engine, JAMSIL_ELS_84, round(median * factor))
    assert result.verdict == verdict


async def test_window_widens_to_24_months_when_comparables_are_few(loaded_engine):
    exp = await expected_comparables(
        loaded_engine,
        "apt_trades",
        "price_manwon",
        "complex_id = '11560-68' AND area_m2 >= 80 AND area_m2 < 90 AND (cancelled IS NULL OR NOT cancelled)",
    )
    assert exp.months == 24  # the data itself has fewer than 5 in the last 12 months
    slots = Slots(complex="문래현대5차", complex_id="11560-68", area_min_m2=80, area_max_m2=90)
    result = await evaluate_price(loaded_engine, slots, 80000)
    assert (result.window_months, result.stats.count) == (24, len(exp.prices))
    assert result.window == f"{exp.start}~{exp.latest}"
    assert any("24개월" in n for n in result.notes)


async def test_dong_comparables_when_no_complex_is_named(loaded_engine):
    """분당 정자동 84㎡ 전세 — comparables from the whole 동, rent table, 전세 only."""
    exp = await expected_comparables(
        loaded_engine,
        "apt_rents",
        "deposit_manwon",
        "dong = '정자동' AND rent_type = '전세' AND area_m2 >= 79.8 AND area_m2 < 88.2",
    )
    slots = Slots(sigungu="분당구", dong="정자동", deal_type="전세", area_min_m2=84, area_max_m2=84)
    result = await evaluate_price(loaded_engine, slots, 80000)
    assert (result.basis, result.kind) == ("dong", "전세")
    assert result.stats.count == len(exp.prices)
    assert result.stats.median_manwon == int(half_up(statistics.median(exp.prices), "1"))
    assert all(r.rent_type == "전세" for r in result.rows)  # type: ignore[union-attr]


async def test_bundang_trade_comparables_exclude_cancelled_deals(loaded_engine):
    exp = await expected_comparables(
        loaded_engine,
        "apt_trades",
        "price_manwon",
        "sigungu_code = '41135' AND dong = '정자동' AND area_m2 >= 79.8 AND area_m2 < 88.2 AND NOT cancelled",
    )
    slots = Slots(sigungu="분당구", dong="정자동", area_min_m2=84, area_max_m2=84)
    result = await evaluate_price(loaded_engine, slots, 150000)
    assert result.stats.count == len(exp.prices)
    assert result.stats.median_manwon == int(half_up(statistics.median(exp.prices), "1"))


async def test_unknown_complex_gives_no_verdict_and_no_numbers(loaded_engine):
    result = await evaluate_price(
        loaded_engine, Slots(complex="없는아파트", area_min_m2=84, area_max_m2=84), 100000
    )
    assert (result.stats.count, result.verdict, result.percentile, result.rows) == (0, None, None, [])
    assert result.stats.median_manwon is None
    assert result.notes


async def test_a_district_alone_compares_with_the_districts_deals(loaded_engine):
    result = await evaluate_price(loaded_engine, Slots(sigungu="송파구", sigungu_code="11710"), 100000)
    assert result.basis == "sigungu" and result.stats.count > 0 and result.verdict is not None


async def test_without_any_place_it_asks_for_one(loaded_engine):
    result = await evaluate_price(loaded_engine, Slots(), 100000)
    assert result.verdict is None and result.stats.count == 0
    assert any("단지나 지역" in n for n in result.notes)


async def test_without_an_area_all_sizes_are_compared_and_it_says_so(loaded_engine):
    result = await evaluate_price(loaded_engine, Slots(complex="잠실엘스"), 250000)
    assert result.area_band_m2 is None and result.stats.count > 0
    assert any("면적" in n for n in result.notes)


async def test_a_wolse_price_without_its_rent_says_the_rent_is_missing(loaded_engine):
    result = await evaluate_price(loaded_engine, Slots(dong="정자동", deal_type="월세"), 100)
    assert result.rent_offer_problem == "no_rent" and result.verdict is None


async def test_a_sale_check_without_a_price_is_refused(loaded_engine):
    with pytest.raises(ToolInputError):
        await evaluate_price(loaded_engine, Slots(dong="정자동", deal_type="매매"), None)


def test_months_before_handles_month_ends():
    assert months_before(dt.date(2024, 12, 31), 12) == dt.date(2024, 1, 1)
    assert months_before(dt.date(2024, 2, 29), 12) == dt.date(2023, 3, 1)
    assert months_before(dt.date(2024, 3, 31), 1) == dt.date(2024, 3, 1)
    assert months_before(dt.date(2025, 6, 15), 24) == dt.date(2023, 6, 16)
