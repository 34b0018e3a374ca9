"""Candidate complexes for a recommendation: the most traded complexes matching the user's
conditions in the latest 12 months of data for that area."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from agents.slots import Slots

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


# {table}, {price} and {where} are chosen from fixed strings below, never from user input.
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


def _filters(slots: Slots, kind: str) -> tuple[str, dict[str, Any]]:
    clauses = ["true"]
    params: dict[str, Any] = {}
    price_col = "price_manwon" if kind == "매매" else "deposit_manwon"
    for column, value in (("sigungu_code", slots.sigungu_code), ("dong", slots.dong)):
        if value is not None:
            clauses.append(f"{column} = :{column}")
            params[column] = value
    if kind == "매매":
        clauses.append("cancelled IS NOT TRUE")
    else:
        clauses.append("rent_type = :rent_type")
        params["rent_type"] = kind
    if slots.price_min_manwon is not None:
        clauses.append(f"{price_col} >= :price_min")
        params["price_min"] = slots.price_min_manwon
    if slots.price_max_manwon is not None:
        clauses.append(f"{price_col} <= :price_max")
        params["price_max"] = slots.price_max_manwon
    if slots.area_min_m2 is not None:
        clauses.append("area_m2 >= :area_min")
        params["area_min"] = slots.area_min_m2
    if slots.area_max_m2 is not None:
        clauses.append("area_m2 < :area_max")
        params["area_max"] = slots.area_max_m2
    if kind == "월세" and slots.monthly_rent_max_manwon is not None:
        clauses.append("monthly_rent_manwon <= :rent_max")
        params["rent_max"] = slots.monthly_rent_max_manwon
    return " AND ".join(clauses), params


async def recommend_complexes(engine: AsyncEngine, slots: Slots) -> Recommendation:
    kind = slots.deal_type or "매매"
    where, params = _filters(slots, kind)
    table, price = ("apt_trades", "price_manwon") if kind == "매매" else ("apt_rents", "deposit_manwon")
    sql = text(RECOMMEND_SQL.format(table=table, price=price, where=where))
    params |= {"window_months": WINDOW_MONTHS, "min_trades": MIN_TRADES, "top_n": TOP_N}
    async with engine.connect() as conn:
        rows = (await conn.execute(sql, params)).all()
    notes = []
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
