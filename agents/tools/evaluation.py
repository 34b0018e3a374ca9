"""Is an asking price fair? Compare it with comparable contracts from the data.

Comparables: the same complex (or the same 동 when no complex is named), the same area band, in the
last 12 months of data available for them (the window ends at their newest contract, not today,
because the data ends before today); widened to 24 months when fewer than 5 contracts fall inside.
Verdict: within ±5% of the comparables' median is 적정, below is 저렴, above is 비쌈.
A 월세 offer (deposit + monthly rent) is judged by its rent against the 월세 contracts whose deposit is
near the offered one (see `evaluate_rent`).
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


def offered_rent(slots: Slots) -> int | None:
    """The monthly rent of a 월세 offer, or None when the slots carry no 월세 offer.

    NLU puts "월세 200" of an evaluation question in monthly_rent_max_manwon; a rent without a deal type
    counts as an offer only beside a deposit ("2 million a month with a 100 million deposit"), so a rent
    ceiling carried over from a search does not turn a sale's price check into a rent check."""
    rent = (
        slots.monthly_rent_manwon if slots.monthly_rent_manwon is not None else slots.monthly_rent_max_manwon
    )
    if rent is None:
        return None
    if slots.deal_type == "월세" or (slots.deal_type is None and slots.deposit_manwon is not None):
        return rent
    return None


async def evaluate_price(db: Db, slots: Slots, asking_price_manwon: int | None = None) -> PriceEvaluation:
    """Compare `asking_price_manwon` (매매, or 전세 when deal_type is 전세) with comparable contracts;
    a 월세 offer (deposit + monthly rent in the slots) is judged by `evaluate_rent` instead."""
    rent = offered_rent(slots)
    if rent is not None:
        return await evaluate_rent(db, slots, slots.deposit_manwon, rent)
    if slots.deal_type == "월세":  # "월세 보증금 1억이면 적당해?": no monthly rent to judge
        return await evaluate_rent(db, slots, slots.deposit_manwon, None)
    if asking_price_manwon is None:
        raise ToolInputError("평가할 가격을 알려주세요. 예: '25억'")
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


# --- 월세 offers ---------------------------------------------------------------------------------
# A monthly rent depends on the deposit beside it (a larger deposit, a lower rent), so an offer is judged
# only against 월세 contracts whose deposit is close to the offered one: like with like, no conversion
# rate assumed. Too few such contracts give no verdict rather than a guess.

DEPOSIT_BAND_PCT = 20.0  # ± around the offered deposit
DEPOSIT_BAND_MIN_MANWON = 1000  # ...but at least ± 1,000만원 (a deposit of 0 or 3,000만원 has a usable band)
RENT_ALL = "rent_type = '월세'"
RENT_IN_BAND = "rent_type = '월세' AND deposit_manwon BETWEEN :deposit_lo AND :deposit_hi"
RENT_VERDICT_RULE = (
    f"보증금이 제시 보증금 ±{DEPOSIT_BAND_PCT:g}%(최소 ±{DEPOSIT_BAND_MIN_MANWON:,}만원) 이내인 월세 계약의 "
    f"월세 중위값 대비 ±{FAIR_BAND_PCT:g}% 이내면 적정, 낮으면 저렴, 높으면 비쌈; 비교 계약이 "
    f"{MIN_COMPARABLES}건 미만이면 판단하지 않음 (같은 단지(없으면 동·구)·같은 면적대, 자료상 최근 "
    f"{WINDOW_MONTHS}개월, 부족하면 {WIDE_WINDOW_MONTHS}개월)"
)


WINDOW_RENTS_SQL = """
SELECT count(*) AS n,
       round((percentile_cont(0.5) WITHIN GROUP (ORDER BY deposit_manwon))::numeric) AS deposit_median,
       round(avg(deposit_manwon)) AS deposit_mean,
       min(deposit_manwon) AS deposit_lo,
       max(deposit_manwon) AS deposit_hi,
       round((percentile_cont(0.5) WITHIN GROUP (ORDER BY monthly_rent_manwon))::numeric) AS rent_median,
       round(avg(monthly_rent_manwon)) AS rent_mean,
       min(monthly_rent_manwon) AS rent_lo,
       max(monthly_rent_manwon) AS rent_hi
FROM {table}
WHERE {where} AND {extra} AND contract_date >= :window_from
"""


def _stats(row: Any, prefix: str, window: str) -> PriceStats:
    return PriceStats(
        count=row.n,
        median_manwon=_int(getattr(row, f"{prefix}_median")),
        mean_manwon=_int(getattr(row, f"{prefix}_mean")),
        min_manwon=_int(getattr(row, f"{prefix}_lo")),
        max_manwon=_int(getattr(row, f"{prefix}_hi")),
        period=window,
    )


def deposit_band(deposit: int) -> tuple[int, int]:
    """The inclusive deposit range of the comparables of an offer with this deposit."""
    half = max(round(deposit * DEPOSIT_BAND_PCT / 100), DEPOSIT_BAND_MIN_MANWON)
    return max(deposit - half, 0), deposit + half


async def evaluate_rent(db: Db, slots: Slots, deposit: int | None, rent: int | None) -> PriceEvaluation:
    """Judge a 월세 offer: `rent` against the median rent of comparables with a deposit near `deposit`."""
    where, basis, band = _comparable_filter(slots)
    base: dict[str, Any] = {
        "asking_price_manwon": rent or 0,
        "kind": "월세",
        "basis": basis or "dong",
        "area_band_m2": band,
        "verdict_rule": RENT_VERDICT_RULE,
        "filters": where.applied,
        "deposit_manwon": deposit,
    }
    if rent is None:
        return _empty({**base, "rent_offer_problem": "no_rent"}, [])
    if rent < 0 or (deposit is not None and deposit < 0):
        return _empty({**base, "rent_offer_problem": "negative"}, [])
    if deposit == 0 and rent == 0:
        return _empty({**base, "rent_offer_problem": "both_zero"}, [])
    if rent == 0 and deposit is not None:  # no monthly rent: a 전세 of that deposit
        jeonse = {"deal_type": "전세", "monthly_rent_max_manwon": None, "monthly_rent_manwon": None}
        return await evaluate_price(db, slots.model_copy(update=jeonse), deposit)
    if deposit is None:
        return _empty({**base, "rent_offer_problem": "no_deposit"}, [])
    if basis is None:
        return _empty(base, ["비교할 단지나 지역을 알려주세요: 같은 단지(또는 동·구)의 거래와 비교합니다."])
    lo, hi = deposit_band(deposit)
    base["deposit_band_manwon"] = (lo, hi)
    notes = (
        [] if band else ["면적을 알 수 없어 모든 면적의 거래와 비교했습니다. 면적을 알려주면 더 정확합니다."]
    )
    all_fmt = {"table": "apt_rents", "where": where.sql, "extra": RENT_ALL, "value": "monthly_rent_manwon"}
    fmt = {**all_fmt, "extra": RENT_IN_BAND}
    async with connect(db) as conn:
        latest = await conn.scalar(text(LATEST_SQL.format(**all_fmt)), where.params)
        if latest is None:
            return _empty(base, notes + await empty_result_notes(conn, slots, "apt_rents"))
        months = WINDOW_MONTHS
        params = {
            **where.params,
            "deposit_lo": lo,
            "deposit_hi": hi,
            "window_from": months_before(latest, months),
        }
        count = await conn.scalar(text(COUNT_IN_WINDOW_SQL.format(**fmt)), params)
        if count < MIN_COMPARABLES:
            months = WIDE_WINDOW_MONTHS
            params["window_from"] = months_before(latest, months)
            notes.append(
                f"최근 {WINDOW_MONTHS}개월 비교 거래가 {count}건뿐이라 {WIDE_WINDOW_MONTHS}개월로 넓혔습니다."
            )
        whole = (await conn.execute(text(WINDOW_RENTS_SQL.format(**all_fmt)), params)).one()
        params["asking"] = rent
        agg = (await conn.execute(text(COMPARABLE_STATS_SQL.format(**fmt)), params)).one()
        rows = (
            await conn.execute(text(COMPARABLE_ROWS_SQL.format(**fmt)), {**params, "limit": MAX_ROWS})
        ).all()
    window = f"{params['window_from']}~{latest}"
    stats = PriceStats(
        count=agg.n,
        median_manwon=_int(agg.median),
        mean_manwon=_int(agg.mean),
        min_manwon=_int(agg.lo),
        max_manwon=_int(agg.hi),
        period=window,
    )
    enough = agg.n >= MIN_COMPARABLES
    verdict, diff = verdict_for(rent, stats.median_manwon) if enough else (None, None)
    return PriceEvaluation(
        **base,
        window=window,
        window_months=months,
        stats=stats,
        percentile=float(agg.percentile) if enough else None,
        diff_from_median_pct=diff,
        verdict=verdict,
        rows=[rent_row(r) for r in rows],
        rent_contracts_in_window=whole.n,
        window_deposits=_stats(whole, "deposit", window),
        window_rents=_stats(whole, "rent", window),
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
