"""Golden data questions: every tool figure checked against the real data by independent SQL.

The expected side never calls the tools' SQL: each case spells its own WHERE clause by hand, fetches
the raw values, and computes count / median / mean / min / max in Python (statistics.median, Decimal
half-up rounding), so a mistake in the tools' filter building or SQL aggregation shows up as a mismatch.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal

import pytest
from sqlalchemy import text

from agents.domain.slots import Slots
from agents.tools.market import market_stats
from agents.tools.transactions import search_rents, search_trades

NOT_CANCELLED = "(cancelled IS NULL OR cancelled = false)"


def half_up(x: float | Decimal) -> int:
    return int(Decimal(str(x)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def summarize(values: list[int]) -> dict[str, int | None]:
    """count, median (midpoint of the middle pair for even counts), mean, min, max — rounded half up."""
    if not values:
        return {
            "count": 0,
            "median_manwon": None,
            "mean_manwon": None,
            "min_manwon": None,
            "max_manwon": None,
        }
    return {
        "count": len(values),
        "median_manwon": half_up(Decimal(str(statistics.median(values)))),
        "mean_manwon": half_up(Decimal(sum(values)) / Decimal(len(values))),
        "min_manwon": min(values),
        "max_manwon": max(values),
    }


async def fetch(engine, sql: str, **params: Any) -> list[Any]:
    async with engine.connect() as conn:
        return list((await conn.execute(text(sql), params)).all())


@dataclass(frozen=True)
class Golden:
    question: str
    slots: Slots
    table: Literal["apt_trades", "apt_rents"]
    where: str  # written by hand for this case, literal values
    group_by: Literal["month", "year"] | None = None
    expect_rows: bool = True  # False: a place that is not in the data

    @property
    def value_column(self) -> str:
        return "price_manwon" if self.table == "apt_trades" else "deposit_manwon"


SONGPA_2024 = Slots(sigungu="송파구", period_from="2024-01-01", period_to="2024-12-31")

CASES: tuple[Golden, ...] = (
    Golden(
        "대치동 은마아파트 84㎡ 2024년 실거래가",
        Slots(
            sigungu="강남구",
            dong="대치동",
            complex="은마",
            complex_id="11680-218",
            area_min_m2=83.0,
            area_max_m2=86.0,
            period_from="2024-01-01",
            period_to="2024-12-31",
        ),
        "apt_trades",
        "complex_id = '11680-218' AND area_m2 >= 83 AND area_m2 < 86"
        " AND contract_date BETWEEN '2024-01-01' AND '2024-12-31'",
        "month",
    ),
    Golden(
        "송파구 아파트 2024년 평균 매매가 추이",
        SONGPA_2024,
        "apt_trades",
        "sigungu_code = '11710' AND contract_date BETWEEN '2024-01-01' AND '2024-12-31'",
        "month",
    ),
    Golden(
        "분당 정자동 전세 5억 이하 30평대",
        Slots(
            sigungu="분당구",
            dong="정자동",
            deal_type="전세",
            price_max_manwon=50000,
            area_min_m2=99.17,
            area_max_m2=132.23,
        ),
        "apt_rents",
        "sigungu_code = '41135' AND dong = '정자동' AND rent_type = '전세' AND deposit_manwon <= 50000"
        " AND area_m2 >= 99.17 AND area_m2 < 132.23",
        "year",
    ),
    Golden(
        "강남구 2023년 매매 연도별",
        Slots(sigungu="강남구", period_from="2023-01-01", period_to="2023-12-31"),
        "apt_trades",
        "sigungu_code = '11680' AND extract(year FROM contract_date) = 2023",
        "year",
    ),
    Golden(
        "분당구 2025년 아파트 매매 (해제 거래 제외)",
        Slots(sigungu="분당구", deal_type="매매", period_from="2025-01-01", period_to="2025-12-31"),
        "apt_trades",
        "sigungu_code = '41135' AND contract_date >= '2025-01-01' AND contract_date < '2026-01-01'",
        "month",
    ),
    Golden(
        "분당구 2024년 월세",
        Slots(sigungu="분당구", deal_type="월세", period_from="2024-01-01", period_to="2024-12-31"),
        "apt_rents",
        "sigungu_name = '분당구' AND rent_type = '월세'"
        " AND contract_date BETWEEN '2024-01-01' AND '2024-12-31'",
        "month",
    ),
    Golden(
        "잠실엘스 84㎡ 전체 기간 매매",
        Slots(complex="잠실엘스", area_min_m2=79.8, area_max_m2=88.2),
        "apt_trades",
        "complex_name = '잠실엘스' AND area_m2 >= 79.8 AND area_m2 < 88.2",
        "year",
    ),
    Golden(
        "마포구 아현동 2022년 매매",
        Slots(sigungu="마포구", dong="아현동", period_from="2022-01-01", period_to="2022-12-31"),
        "apt_trades",
        "sigungu_code = '11440' AND dong = '아현동' AND contract_date BETWEEN '2022-01-01' AND '2022-12-31'",
    ),
    Golden(
        "서초구 10억~20억 2024년 매매",
        Slots(
            sigungu="서초구",
            price_min_manwon=100000,
            price_max_manwon=200000,
            period_from="2024-01-01",
            period_to="2024-12-31",
        ),
        "apt_trades",
        "sigungu_code = '11650' AND price_manwon BETWEEN 100000 AND 200000"
        " AND contract_date BETWEEN '2024-01-01' AND '2024-12-31'",
        "month",
    ),
    Golden(
        "분당 삼평동 전세 2023년 전용 80~90㎡",
        Slots(
            sigungu="분당구",
            dong="삼평동",
            deal_type="전세",
            area_min_m2=80,
            area_max_m2=90,
            period_from="2023-01-01",
            period_to="2023-12-31",
        ),
        "apt_rents",
        "dong = '삼평동' AND sigungu_code = '41135' AND rent_type = '전세' AND area_m2 >= 80 AND area_m2 < 90"
        " AND contract_date BETWEEN '2023-01-01' AND '2023-12-31'",
        "month",
    ),
    Golden(
        "노원구 2021년 전용 60㎡ 미만 매매",
        Slots(sigungu="노원구", area_max_m2=59.99, period_from="2021-01-01", period_to="2021-12-31"),
        "apt_trades",  # "60㎡ 미만" reads as max 59.99 (docs/eval-conventions.md); bounds are inclusive
        "sigungu_code = '11350' AND area_m2 <= 59.99 AND contract_date BETWEEN '2021-01-01' AND '2021-12-31'",
        "month",
    ),
    Golden(
        "분당구 전체 매매 연도별 (2020~2025)",
        Slots(sigungu_code="41135"),
        "apt_trades",
        "sigungu_code = '41135'",
        "year",
    ),
    Golden(
        "분당 전세 5천 이하 소형 (월세 상한 없음)",
        Slots(sigungu="분당구", deal_type="전세", price_max_manwon=5000),
        "apt_rents",
        "sigungu_code = '41135' AND rent_type = '전세' AND deposit_manwon <= 5000",
    ),
    Golden(
        "분당 월세 100만원 이하, 보증금 1억 이상",
        Slots(
            sigungu="분당구",
            deal_type="월세",
            price_min_manwon=10000,
            monthly_rent_max_manwon=100,
            period_from="2025-01-01",
            period_to="2025-12-31",
        ),
        "apt_rents",
        "sigungu_code = '41135' AND rent_type = '월세' AND deposit_manwon >= 10000"
        " AND monthly_rent_manwon <= 100"
        " AND contract_date BETWEEN '2025-01-01' AND '2025-12-31'",
    ),
    Golden(
        "부산 해운대구 아파트 매매 (데이터에 없는 지역)",
        Slots(sigungu="해운대구"),
        "apt_trades",
        "false",
        expect_rows=False,
    ),
    Golden(
        "강남구 없는단지 매매 (데이터에 없는 단지)",
        Slots(sigungu="강남구", complex="세상에없는아파트"),
        "apt_trades",
        "false",
        expect_rows=False,
    ),
    Golden(
        "SQL처럼 보이는 동 이름",
        Slots(sigungu="강남구", dong="대치동' OR '1'='1"),
        "apt_trades",
        "false",
        expect_rows=False,
    ),
    Golden(
        "서울 전세 (전월세 자료는 분당만 있음)",
        Slots(sigungu="강남구", deal_type="전세"),
        "apt_rents",
        "false",
        expect_rows=False,
    ),
)


async def expected_rows(engine, case: Golden) -> list[Any]:
    cancelled = f" AND {NOT_CANCELLED}" if case.table == "apt_trades" else ""
    return await fetch(
        engine,
        f"SELECT * FROM {case.table} WHERE ({case.where}){cancelled} ORDER BY contract_date DESC, id DESC",
    )


def expected_period(case: Golden, rows: list[Any]) -> str | None:
    start = case.slots.period_from or (min(r.contract_date for r in rows).isoformat() if rows else None)
    end = case.slots.period_to or (max(r.contract_date for r in rows).isoformat() if rows else None)
    return None if start is None and end is None else f"{start or ''}~{end or ''}"


def bucket_of(day: dt.date, group_by: str) -> str:
    return day.strftime("%Y-%m") if group_by == "month" else str(day.year)


@pytest.mark.parametrize("case", CASES, ids=[c.question for c in CASES])
async def test_market_stats_match_independent_sql(loaded_engine, case: Golden):
    rows = await expected_rows(loaded_engine, case)
    assert bool(rows) == case.expect_rows
    result = await market_stats(loaded_engine, case.slots, group_by=case.group_by)

    expected = {
        **summarize([getattr(r, case.value_column) for r in rows]),
        "period": expected_period(case, rows),
    }
    assert result.stats.model_dump() == expected
    if case.slots.deal_type == "월세":
        assert result.monthly_rent is not None
        monthly = summarize([r.monthly_rent_manwon for r in rows])
        assert result.monthly_rent.model_dump(exclude={"period"}) == monthly
    if case.group_by:
        groups: dict[str, list[int]] = defaultdict(list)
        for r in rows:
            groups[bucket_of(r.contract_date, case.group_by)].append(getattr(r, case.value_column))
        fields = {"count", "median_manwon", "mean_manwon", "min_manwon", "max_manwon"}
        got = {b.bucket: b.model_dump(include=fields) for b in result.buckets}
        assert got == {k: summarize(v) for k, v in sorted(groups.items())}
        assert [b.bucket for b in result.buckets] == sorted(groups)
    if not case.expect_rows:
        assert result.notes, "an empty answer must say why"
        assert result.latest_date is None


@pytest.mark.parametrize("case", CASES, ids=[c.question for c in CASES])
async def test_search_matches_independent_sql(loaded_engine, case: Golden):
    rows = await expected_rows(loaded_engine, case)
    search = search_trades if case.table == "apt_trades" else search_rents
    result = await search(loaded_engine, case.slots)
    assert result.total_count == len(rows)
    assert result.returned == len(result.rows) == min(20, len(rows))
    assert [r.source.id for r in result.rows] == [r.id for r in rows[:20]]
    for got, want in zip(result.rows, rows, strict=False):
        assert got.contract_date == want.contract_date
        assert got.area_m2 == float(want.area_m2)
        assert (got.source.source_file, got.source.source_line) == (want.source_file, want.source_line)
        if case.table == "apt_trades":
            assert got.price_manwon == want.price_manwon
        else:
            assert (got.deposit_manwon, got.monthly_rent_manwon) == (
                want.deposit_manwon,
                want.monthly_rent_manwon,
            )


async def test_latest_date_is_reported_when_a_period_leaves_nothing(loaded_engine):
    """송파구 in 2026 has no trades; the answer can say the data ends at the latest date."""
    (latest,) = await fetch(
        loaded_engine, "SELECT max(contract_date) AS d FROM apt_trades WHERE sigungu_code = '11710'"
    )
    result = await market_stats(loaded_engine, Slots(sigungu="송파구", period_from="2026-01-01"))
    assert result.stats.count == 0
    assert result.latest_date == latest.d == dt.date(2024, 12, 31)
    assert result.stats.period == "2026-01-01~"


async def test_cancelled_bundang_deals_are_counted_and_excluded(loaded_engine):
    (row,) = await fetch(
        loaded_engine,
        "SELECT count(*) AS n FROM apt_trades WHERE sigungu_code = '41135' AND cancelled",
    )
    assert row.n > 0
    stats = await market_stats(loaded_engine, Slots(sigungu="분당구"))
    search = await search_trades(loaded_engine, Slots(sigungu="분당구"))
    assert stats.cancelled_excluded == search.cancelled_excluded == row.n
    assert any("해제" in note for note in stats.notes)
