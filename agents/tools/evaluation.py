"""Is an asking price fair? Compare it with comparable contracts from the data.

Comparables: the same complex (or the same 동 when no complex is named), the same area band, in the
last 12 months of data available for them (the window ends at their newest contract, not today,
because the data ends before today); widened to 24 months when fewer than 5 contracts fall inside.
Verdict: within ±5% of the comparables' median is 적정, below is 저렴, above is 비쌈.
Price and period slots are not filters here: the price is what is being judged, and the window is
chosen from the data as above.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from sqlalchemy import text

from agents.domain.slots import Slots
from agents.tools.models import MAX_ROWS, PriceEvaluation, PriceStats, Verdict
from agents.tools.transactions import (
    Db,
    Table,
    ToolInputError,
    Where,
    area_filter,
    cancel_notes,
    connect,
    empty_result_notes,
    place_filter,
    rent_row,
    trade_row,
)

FAIR_BAND_PCT = 5.0  # |asking − median| / median within this → 적정
AREA_BAND_PCT = 5.0  # ± around a single stated area
WINDOW_MONTHS = 12
WIDE_WINDOW_MONTHS = 24
MIN_COMPARABLES = 5
VERDICT_RULE = (
    f"비교 거래 중위가 대비 ±{FAIR_BAND_PCT:g}% 이내면 적정, 그보다 낮으면 저렴, 높으면 비쌈 "
    f"(비교 거래: 같은 단지(없으면 같은 동)·같은 면적대, 자료상 최근 {WINDOW_MONTHS}개월)"
)

# Per table: the price column and the extra condition that makes a row a comparable.
_SOURCES: dict[str, tuple[Table, str, str]] = {
    "매매": ("apt_trades", "price_manwon", "cancelled IS NOT TRUE"),
    "전세": ("apt_rents", "deposit_manwon", "rent_type = '전세'"),
}

LATEST_SQL = "SELECT max(contract_date) FROM {table} WHERE {where} AND {extra}"

COUNT_IN_WINDOW_SQL = """
SELECT count(*) FROM {table} WHERE {where} AND {extra} AND contract_date >= :window_from
"""

COMPARABLE_STATS_SQL = """
SELECT count(*) AS n,
       round((percentile_cont(0.5) WITHIN GROUP (ORDER BY {value}))::numeric) AS median,
       round(avg({value})) AS mean,
       min({value}) AS lo,
       max({value}) AS hi,
       min(contract_date) AS first_date,
       max(contract_date) AS last_date,
       round(100.0 * avg(CASE WHEN {value} < :asking THEN 1.0
                              WHEN {value} = :asking THEN 0.5
                              ELSE 0.0 END), 1) AS percentile
FROM {table}
WHERE {where} AND {extra} AND contract_date >= :window_from
"""

COMPARABLE_ROWS_SQL = """
SELECT *
FROM {table}
WHERE {where} AND {extra} AND contract_date >= :window_from
ORDER BY contract_date DESC, id DESC
LIMIT :limit
"""

CANCELLED_SQL = """
SELECT count(*) FILTER (WHERE cancelled IS TRUE) AS cancelled,
       count(*) FILTER (WHERE cancelled IS NULL) AS cancel_unknown
FROM apt_trades WHERE {where} AND contract_date >= :window_from
"""


def months_before(day: dt.date, months: int) -> dt.date:
    """The first day of the `months`-month window that ends on `day` (inclusive)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    # clamp the day (e.g. 31 → 30) so the window never skips a calendar day at the start
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d) + dt.timedelta(days=1)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def area_band(slots: Slots) -> tuple[float, float] | None:
    """The slot band as given, or ±5% around a single stated area."""
    low, high = slots.area_min_m2, slots.area_max_m2
    if low is None and high is None:
        return None
    if low is not None and high is not None and high > low:
        return (low, high)
    center = low if low is not None else high
    assert center is not None
    return (round(center * (1 - AREA_BAND_PCT / 100), 2), round(center * (1 + AREA_BAND_PCT / 100), 2))


def verdict_for(asking: int, median: int | None) -> tuple[Verdict | None, float | None]:
    if not median:
        return None, None
    diff = (asking - median) / median * 100
    if diff < -FAIR_BAND_PCT:
        verdict: Verdict = "저렴"
    elif diff > FAIR_BAND_PCT:
        verdict = "비쌈"
    else:
        verdict = "적정"
    return verdict, round(diff, 1)


def _comparable_filter(
    slots: Slots,
) -> tuple[Where, Literal["complex", "dong", "sigungu"] | None, tuple[float, float] | None]:
    place, _ = place_filter(slots)
    basis: Literal["complex", "dong", "sigungu"] | None = None
    if slots.complex or slots.complex_id:
        basis = "complex"
    elif slots.dong:
        basis = "dong"
    elif slots.sigungu or slots.sigungu_code:
        basis = "sigungu"  # "강남구 84 30억이면 어때": the 구's deals of that size
    band = area_band(slots)
    if band is not None:
        place = area_filter(place, band[0], band[1])
    return place, basis, band


async def evaluate_price(db: Db, slots: Slots, asking_price_manwon: int) -> PriceEvaluation:
    """Compare `asking_price_manwon` (매매, or 전세 when deal_type is 전세) with comparable contracts."""
    if slots.deal_type == "월세":
        raise ToolInputError(
            "월세는 보증금과 월세가 함께 움직여 한 가격으로 평가할 수 없습니다 (매매·전세만 지원)."
        )
    kind: Literal["매매", "전세"] = "전세" if slots.deal_type == "전세" else "매매"
    table, value, extra = _SOURCES[kind]
    where, basis, band = _comparable_filter(slots)
    base: dict[str, Any] = {
        "asking_price_manwon": asking_price_manwon,
        "kind": kind,
        "basis": basis or "dong",
        "area_band_m2": band,
        "verdict_rule": VERDICT_RULE,
        "filters": where.applied,
    }
    if basis is None:
        return _empty(base, ["비교할 단지나 지역을 알려주세요: 같은 단지(또는 동·구)의 거래와 비교합니다."])
    notes = (
        [] if band else ["면적을 알 수 없어 모든 면적의 거래와 비교했습니다. 면적을 알려주면 더 정확합니다."]
    )
    fmt = {"table": table, "where": where.sql, "extra": extra, "value": value}
    async with connect(db) as conn:
        latest = await conn.scalar(text(LATEST_SQL.format(**fmt)), where.params)
        if latest is None:
            return _empty(base, notes + await empty_result_notes(conn, slots, table))
        months = WINDOW_MONTHS
        params = {**where.params, "window_from": months_before(latest, months)}
        count = await conn.scalar(text(COUNT_IN_WINDOW_SQL.format(**fmt)), params)
        if count < MIN_COMPARABLES:
            months = WIDE_WINDOW_MONTHS
            params["window_from"] = months_before(latest, months)
            notes.append(
                f"최근 {WINDOW_MONTHS}개월 비교 거래가 {count}건뿐이라 {WIDE_WINDOW_MONTHS}개월로 넓혔습니다."
            )
        params["asking"] = asking_price_manwon
        agg = (await conn.execute(text(COMPARABLE_STATS_SQL.format(**fmt)), params)).one()
        rows = (
            await conn.execute(text(COMPARABLE_ROWS_SQL.format(**fmt)), {**params, "limit": MAX_ROWS})
        ).all()
        cancelled = 0
        if table == "apt_trades":
            counts = (await conn.execute(text(CANCELLED_SQL.format(**fmt)), params)).one()
            cancelled = counts.cancelled
            notes += cancel_notes(counts.cancelled, counts.cancel_unknown)
    if agg.n < MIN_COMPARABLES:
        notes.append(f"비교 거래가 {agg.n}건으로 적어 판단의 신뢰도가 낮습니다.")
    window = f"{params['window_from']}~{latest}"
    stats = PriceStats(
        count=agg.n,
        median_manwon=_int(agg.median),
        mean_manwon=_int(agg.mean),
        min_manwon=_int(agg.lo),
        max_manwon=_int(agg.hi),
        period=window,
    )
    verdict, diff = verdict_for(asking_price_manwon, stats.median_manwon)
    to_row = trade_row if table == "apt_trades" else rent_row
    return PriceEvaluation(
        **base,
        window=window,
        window_months=months,
        stats=stats,
        percentile=float(agg.percentile),
        diff_from_median_pct=diff,
        verdict=verdict,
        rows=[to_row(r) for r in rows],
        cancelled_excluded=cancelled,
        notes=notes,
    )


def _int(value: Any) -> int | None:
    return None if value is None else int(value)


def _empty(base: dict[str, Any], notes: list[str]) -> PriceEvaluation:
    empty = PriceStats(
        count=0, median_manwon=None, mean_manwon=None, min_manwon=None, max_manwon=None, period=None
    )
    return PriceEvaluation(
        **base,
        window=None,
        window_months=None,
        stats=empty,
        percentile=None,
        diff_from_median_pct=None,
        verdict=None,
        rows=[],
        notes=notes,
    )
