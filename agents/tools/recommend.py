"""Candidate complexes for a recommendation: the most traded complexes matching the user's
conditions in the latest 12 months of data for that area."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict
from sqlalchemy import text

from agents.domain.slots import Slots
from agents.tools.transactions import Db, Table, build_filter, connect

TOP_N = 5
WINDOW_MONTHS = 12
MIN_TRADES = 2


class ComplexCandidate(BaseModel):
    model_config = ConfigDict(frozen=True)

    sigungu: str
    dong: str
    complex: str
    complex_id: str | None
    count: int
    median_manwon: int
    area_min_m2: float
    area_max_m2: float


class Recommendation(BaseModel):
    model_config = ConfigDict(frozen=True)

    kind: str  # 매매 / 전세 / 월세
    window: str | None
    complexes: list[ComplexCandidate]
    notes: list[str]


# {table}, {price} and {where} come from fixed strings (build_filter's FILTER_SQL), never from input.
RECOMMEND_SQL = """
WITH matching AS (
    SELECT sigungu_name, dong, complex_name, complex_id, area_m2, contract_date, {price} AS price
    FROM {table}
    WHERE {where}
), bounds AS (
    SELECT max(contract_date) AS latest FROM matching
)
SELECT m.sigungu_name, m.dong, m.complex_name, min(m.complex_id) AS complex_id, count(*) AS n,
       round(percentile_cont(0.5) WITHIN GROUP (ORDER BY m.price))::int AS median,
       min(m.area_m2)::float AS area_min, max(m.area_m2)::float AS area_max,
       min(b.latest) AS latest,
       (min(b.latest) - make_interval(months => :window_months))::date AS window_start
FROM matching m, bounds b
WHERE m.contract_date > b.latest - make_interval(months => :window_months)
GROUP BY m.sigungu_name, m.dong, m.complex_name
HAVING count(*) >= :min_trades
ORDER BY n DESC, median
LIMIT :top_n
"""


async def recommend_complexes(db: Db, slots: Slots) -> Recommendation:
    kind = slots.deal_type or "매매"
    table: Table = "apt_trades" if kind == "매매" else "apt_rents"
    where, notes = build_filter(slots, table, period=False)  # the window is the data's latest year
    if table == "apt_trades":
        where = where.add("not_cancelled")
    price = "price_manwon" if table == "apt_trades" else "deposit_manwon"
    sql = text(RECOMMEND_SQL.format(table=table, price=price, where=where.sql))
    params = {**where.params, "window_months": WINDOW_MONTHS, "min_trades": MIN_TRADES, "top_n": TOP_N}
    async with connect(db) as conn:
        rows = (await conn.execute(sql, params)).all()
    if kind != "매매" and slots.sigungu_code != "41135":
        notes.append(
            "전월세 실거래 자료는 성남시 분당구만 있어, 전세·월세 추천은 분당구 안에서만 가능합니다."
        )
    window = f"{rows[0].window_start.isoformat()}~{rows[0].latest.isoformat()}" if rows else None
    complexes = [
        ComplexCandidate(
            sigungu=r.sigungu_name,
            dong=r.dong,
            complex=r.complex_name,
            complex_id=r.complex_id,
            count=r.n,
            median_manwon=r.median,
            area_min_m2=r.area_min,
            area_max_m2=r.area_max,
        )
        for r in rows
    ]
    return Recommendation(kind=kind, window=window, complexes=complexes, notes=notes)
