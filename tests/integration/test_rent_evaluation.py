"""A 월세 offer judged against 월세 contracts with a close deposit, recomputed independently from the data.

The expected figures come from plain Python over the raw rows (date arithmetic, statistics.median), not
from the tool's SQL: the window ends at the newest 월세 contract of the place and size, spans 12 months
(24 when fewer than 5 contracts fall in the deposit band), and only deposits within ±20% (at least
±1,000만원) of the offered one count.
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import text

from agents.answers.market import evaluation_section
from agents.domain.slots import Slots
from agents.formatting import won
from agents.tools.evaluation import evaluate_price

JEONGJA = "sigungu_code = '41135' AND dong = '정자동'"
JEONGJA_84 = Slots(sigungu="분당구", sigungu_code="41135", dong="정자동", area_min_m2=84, area_max_m2=84)


def half_up(x: Any, places: str = "1") -> Decimal:
    return Decimal(str(x)).quantize(Decimal(places), rounding=ROUND_HALF_UP)


@dataclass
class Expected:
    start: dt.date
    latest: dt.date
    months: int
    band: tuple[int, int]
    rents: list[int]  # monthly rents of the comparables in the deposit band
    everyone: list[tuple[int, int]]  # (deposit, rent) of every 월세 contract of the window

    @property
    def median(self) -> int:
        return int(half_up(statistics.median(self.rents)))

    def percentile(self, rent: int) -> float:
        below = sum(r < rent for r in self.rents)
        equal = sum(r == rent for r in self.rents)
        return float(half_up(Decimal(2 * below + equal) * 50 / len(self.rents), "0.1"))


async def expected(engine, where: str, deposit: int) -> Expected:
    sql = (
        "SELECT contract_date, deposit_manwon, monthly_rent_manwon FROM apt_rents "
        f"WHERE rent_type = '월세' AND {where} ORDER BY contract_date"
    )
    async with engine.connect() as conn:
        rows = list((await conn.execute(text(sql))).all())
    latest = rows[-1].contract_date
    half = max(round(deposit * 0.2), 1000)
    band = (max(deposit - half, 0), deposit + half)
    for months in (12, 24):
        start = latest.replace(year=latest.year - months // 12) + dt.timedelta(days=1)
        window = [r for r in rows if r.contract_date >= start]
        rents = [r.monthly_rent_manwon for r in window if band[0] <= r.deposit_manwon <= band[1]]
        if len(rents) >= 5 or months == 24:
            everyone = [(r.deposit_manwon, r.monthly_rent_manwon) for r in window]
            return Expected(start, latest, months, band, rents, everyone)
    raise AssertionError


async def test_jeongja_84_offer_matches_an_independent_computation(loaded_engine):
    """보증금 1억·월세 200 for 84㎡ in 정자동 (the 동's 월세 contracts of 79.8~88.2㎡)."""
    exp = await expected(loaded_engine, f"{JEONGJA} AND area_m2 >= 79.8 AND area_m2 < 88.2", 10000)
    slots = JEONGJA_84.model_copy(
        update={"deal_type": "월세", "deposit_manwon": 10000, "monthly_rent_max_manwon": 200}
    )
    result = await evaluate_price(loaded_engine, slots)
    assert (result.kind, result.basis, result.asking_price_manwon, result.deposit_manwon) == (
        "월세",
        "dong",
        200,
        10000,
    )
    assert result.deposit_band_manwon == exp.band == (8000, 12000)
    assert (result.window, result.window_months) == (f"{exp.start}~{exp.latest}", exp.months)
    assert result.stats.count == len(exp.rents) >= 5
    assert result.stats.median_manwon == exp.median
    assert (result.stats.min_manwon, result.stats.max_manwon) == (min(exp.rents), max(exp.rents))
    assert result.stats.mean_manwon == int(half_up(Decimal(sum(exp.rents)) / len(exp.rents)))
    assert result.percentile == exp.percentile(200)
    diff = (200 - exp.median) / exp.median * 100
    assert result.diff_from_median_pct == round(diff, 1)
    assert result.verdict == ("적정" if abs(diff) <= 5 else "저렴" if diff < 0 else "비쌈")
    assert result.rent_contracts_in_window == len(exp.everyone)
    assert all(r.rent_type == "월세" and 8000 <= r.deposit_manwon <= 12000 for r in result.rows)  # type: ignore[union-attr]

    section = evaluation_section(result.model_dump(mode="json"), slots)
    first = section["lead"].split(". ")[0]
    assert f"{len(exp.rents)}건" in first and "8,000만원~1억 2,000만원" in first
    assert f"월세 중위값 {won(exp.median)}" in first
    english = evaluation_section(result.model_dump(mode="json"), slots, english=True)["lead"]
    assert (
        f"({won(exp.median)}) of {len(exp.rents)} recent 월세 contracts" in english
        and "8,000만원~1억 2,000만원" in english
    )


async def test_english_offer_without_a_deal_type_and_a_widened_window(loaded_engine):
    """ "1.5 million a month with a 300 million deposit at 파크뷰": no 월세 word, a deposit beside the rent."""
    exp = await expected(loaded_engine, "complex_name = '파크뷰'", 30000)
    slots = Slots(complex="파크뷰", deposit_manwon=30000, monthly_rent_max_manwon=150)
    result = await evaluate_price(loaded_engine, slots)
    assert result.kind == "월세" and result.basis == "complex"
    assert result.window_months == exp.months and result.window == f"{exp.start}~{exp.latest}"
    assert result.stats.count == len(exp.rents)
    if len(exp.rents) >= 5:
        assert result.stats.median_manwon == exp.median and result.verdict is not None
    else:
        assert result.verdict is None


async def test_too_few_close_deposits_give_no_verdict_but_the_real_counts(loaded_engine):
    """A deposit far from what the complex's 월세 contracts carry: it says so instead of guessing."""
    where = f"{JEONGJA} AND complex_name = '상록마을(우성)1' AND area_m2 >= 56 AND area_m2 < 62"
    exp = await expected(loaded_engine, where, 30000)
    assert len(exp.rents) < 5  # the data has (almost) no 월세 near 3억 there
    slots = Slots(
        sigungu="분당구",
        sigungu_code="41135",
        dong="정자동",
        complex="상록마을(우성)1",
        area_min_m2=56,
        area_max_m2=62,
        deal_type="월세",
        deposit_manwon=30000,
        monthly_rent_max_manwon=100,
    )
    result = await evaluate_price(loaded_engine, slots)
    assert result.verdict is None and result.percentile is None and result.diff_from_median_pct is None
    assert result.stats.count == len(exp.rents) and result.window_months == 24
    deposits = sorted(d for d, _ in exp.everyone)
    assert result.window_deposits is not None and result.window_rents is not None
    assert result.window_deposits.count == len(exp.everyone)
    assert (result.window_deposits.min_manwon, result.window_deposits.max_manwon) == (
        deposits[0],
        deposits[-1],
    )
    assert result.window_rents.median_manwon == int(half_up(statistics.median(r for _, r in exp.everyone)))
    lead = evaluation_section(result.model_dump(mode="json"), slots)["lead"]
    assert "판단하지 않습니다" in lead and f"{len(exp.everyone)}건" in lead
    assert "저렴" not in lead and "비싼" not in lead and "적정한 수준" not in lead


async def test_no_monthly_rent_is_a_jeonse_of_that_deposit(loaded_engine):
    slots = JEONGJA_84.model_copy(update={"deposit_manwon": 80000, "monthly_rent_manwon": 0})
    wolse = await evaluate_price(loaded_engine, slots)
    jeonse = await evaluate_price(loaded_engine, JEONGJA_84.model_copy(update={"deal_type": "전세"}), 80000)
    assert wolse.kind == "전세" and wolse.stats == jeonse.stats and wolse.verdict == jeonse.verdict


async def test_a_rent_ceiling_left_over_does_not_turn_a_sale_check_into_a_rent_check(loaded_engine):
    slots = JEONGJA_84.model_copy(update={"deal_type": "매매", "monthly_rent_max_manwon": 100})
    result = await evaluate_price(loaded_engine, slots, 150000)
    assert result.kind == "매매" and result.asking_price_manwon == 150000


async def test_wolse_without_a_rent_asks_for_it(loaded_engine):
    result = await evaluate_price(loaded_engine, Slots(dong="정자동", deal_type="월세", deposit_manwon=10000))
    assert result.rent_offer_problem == "no_rent" and result.verdict is None
