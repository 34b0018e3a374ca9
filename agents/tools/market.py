"""Market statistics (count, median, mean, min, max) overall and per month or year.

One statement computes the overall row and the period buckets together (GROUPING SETS), so both
always describe exactly the same rows. Medians are percentile_cont(0.5); medians and means are
rounded half up to whole 만원 in SQL.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from sqlalchemy import text

from agents.domain.slots import Slots
from agents.tools.models import BucketStats, MarketStats, PriceStats
from agents.tools.transactions import (
    TRADE_COUNT_SQL,
    Db,
    Table,
    Where,
    build_filter,
    cancel_notes,
    connect,
    empty_result_notes,
)

GroupBy = Literal["month", "year"] | None

BUCKET_SQL: dict[str, str] = {
    "month": "to_char(contract_date, 'YYYY-MM')",
    "year": "to_char(contract_date, 'YYYY')",
}

TRADE_STATS_SQL = """
SELECT {bucket} AS bucket,
       count(*) AS n,
       min(contract_date) AS first_date,
       max(contract_date) AS last_date,
       round((percentile_cont(0.5) WITHIN GROUP (ORDER BY price_manwon))::numeric) AS median,
       round(avg(price_manwon)) AS mean,
       min(price_manwon) AS min,
       max(price_manwon) AS max
FROM apt_trades
WHERE {where} AND cancelled IS NOT TRUE
GROUP BY GROUPING SETS ({sets})
ORDER BY bucket NULLS FIRST
"""

# 전세: deposit only (monthly rent is 0). 월세: deposit and monthly rent (the m_ columns).
RENT_STATS_SQL = """
SELECT {bucket} AS bucket,
       count(*) AS n,
       min(contract_date) AS first_date,
       max(contract_date) AS last_date,
       round((percentile_cont(0.5) WITHIN GROUP (ORDER BY deposit_manwon))::numeric) AS median,
       round(avg(deposit_manwon)) AS mean,
       min(deposit_manwon) AS min,
       max(deposit_manwon) AS max,
       round((percentile_cont(0.5) WITHIN GROUP (ORDER BY monthly_rent_manwon))::numeric) AS m_median,
       round(avg(monthly_rent_manwon)) AS m_mean,
       min(monthly_rent_manwon) AS m_min,
       max(monthly_rent_manwon) AS m_max
FROM apt_rents
WHERE {where}
GROUP BY GROUPING SETS ({sets})
ORDER BY bucket NULLS FIRST
"""

LATEST_DATE_SQL = {
    "apt_trades": "SELECT max(contract_date) FROM apt_trades WHERE {where} AND cancelled IS NOT TRUE",
    "apt_rents": "SELECT max(contract_date) FROM apt_rents WHERE {where}",
}


def period_label(start: dt.date | str | None, end: dt.date | str | None) -> str | None:
    if start is None and end is None:
        return None
    return f"{start or ''}~{end or ''}"


def _stats(row: Any, period: str | None, prefix: str = "") -> dict[str, Any]:
    def value(name: str) -> int | None:
        v = getattr(row, prefix + name)
        return None if v is None else int(v)

    return {
        "count": row.n,
        "median_manwon": value("median"),
        "mean_manwon": value("mean"),
        "min_manwon": value("min"),
        "max_manwon": value("max"),
        "period": period,
    }


def _kind(slots: Slots) -> tuple[Literal["매매", "전세", "월세"], Table]:
    if slots.deal_type in ("전세", "월세"):
        return slots.deal_type, "apt_rents"
    return "매매", "apt_trades"


def _statement(table: Table, where: Where, group_by: GroupBy) -> str:
    template = TRADE_STATS_SQL if table == "apt_trades" else RENT_STATS_SQL
    if group_by is None:
        return template.format(bucket="NULL::text", sets="()", where=where.sql)
    bucket = BUCKET_SQL[group_by]
    return template.format(bucket=bucket, sets=f"({bucket}), ()", where=where.sql)


async def market_stats(db: Db, slots: Slots, group_by: GroupBy = None) -> MarketStats:
    """Price statistics for every filter in `slots`: 매매 prices, 전세 deposits, or 월세 deposit and rent.

    `period` echoes the requested period; without one it is the span of the matching data, and
    `latest_date` always tells how recent the data for this filter is.
    """
    if group_by not in (None, "month", "year"):
        raise ValueError(f"group_by must be 'month', 'year' or None, got {group_by!r}")
    kind, table = _kind(slots)
    where, notes = build_filter(slots, table)
    async with connect(db) as conn:
        rows = (await conn.execute(text(_statement(table, where, group_by)), where.params)).all()
        overall = next(r for r in rows if r.bucket is None)
        latest = overall.last_date
        if slots.period_from or slots.period_to:
            undated, _ = build_filter(slots, table, period=False)
            latest = await conn.scalar(text(LATEST_DATE_SQL[table].format(where=undated.sql)), undated.params)
        cancelled = 0
        if table == "apt_trades":
            counts = (await conn.execute(text(TRADE_COUNT_SQL.format(where=where.sql)), where.params)).one()
            cancelled = counts.cancelled
            notes += cancel_notes(counts.cancelled, counts.cancel_unknown)
        if overall.n == 0:
            notes += await empty_result_notes(conn, slots, table)
    period = period_label(slots.period_from or overall.first_date, slots.period_to or overall.last_date)
    monthly = kind == "월세"
    buckets = [
        BucketStats(
            bucket=r.bucket,
            **_stats(r, period_label(r.first_date, r.last_date)),
            monthly_rent=PriceStats(**_stats(r, period_label(r.first_date, r.last_date), "m_"))
            if monthly
            else None,
        )
        for r in rows
        if r.bucket is not None
    ]
    return MarketStats(
        kind=kind,
        table=table,
        group_by=group_by,
        stats=PriceStats(**_stats(overall, period)),
        monthly_rent=PriceStats(**_stats(overall, period, "m_")) if monthly else None,
        buckets=buckets,
        latest_date=latest,
        cancelled_excluded=cancelled,
        filters={**where.applied, "deal_type": kind},
        notes=notes,
    )
