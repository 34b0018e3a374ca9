"""Candidate complexes for a recommendation: the most traded complexes matching the user's
conditions in the latest 12 months of data for that area.

Complexes are grouped by region code, never by name: with 서울 중구 and a synced 부산 중구 both loaded,
"중구 신당동 …" names two different complexes, and each is shown as "서울 중구" / "부산 중구"."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from agents.domain.regions import qualified_name, shared_names
from agents.domain.slots import Slots
from agents.tools.coverage import Coverage, load_coverage
from agents.tools.transactions import Db, Table, Where, build_filter, connect

TOP_N = 5
WINDOW_MONTHS = 12
MIN_TRADES = 2
NAMED_REGIONS = 3  # a note lists up to this many regions by name, then counts them


class ComplexCandidate(BaseModel):
    model_config = ConfigDict(frozen=True)

    sigungu: str  # "중구", or "부산 중구" where another loaded region is also called 중구
    sigungu_code: str
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
    SELECT sigungu_code, sigungu_name, dong, complex_name, complex_id, area_m2, contract_date,
           {price} AS price
    FROM {table}
    WHERE {where}
), bounds AS (
    SELECT max(contract_date) AS latest FROM matching
)
SELECT m.sigungu_code, min(m.sigungu_name) AS sigungu_name, m.dong, m.complex_name,
       min(m.complex_id) AS complex_id, count(*) AS n,
       round(percentile_cont(0.5) WITHIN GROUP (ORDER BY m.price))::int AS median,
       min(m.area_m2)::float AS area_min, max(m.area_m2)::float AS area_max,
       min(b.latest) AS latest,
       (min(b.latest) - make_interval(months => :window_months))::date AS window_start
FROM matching m, bounds b
WHERE m.contract_date > b.latest - make_interval(months => :window_months)
GROUP BY m.sigungu_code, m.dong, m.complex_name
HAVING count(*) >= :min_trades
ORDER BY n DESC, median, m.sigungu_code
LIMIT :top_n
"""


async def recommend_complexes(db: Db, slots: Slots, coverage: Coverage | None = None) -> Recommendation:
    """`coverage` is the server's registry (what the data holds); without it, it is read from the data."""
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
        if coverage is None:
            coverage = await _read_coverage(db, conn)
    if (note := rent_note(coverage, slots, where, kind)) is not None:
        notes.append(note)
    window = f"{rows[0].window_start.isoformat()}~{rows[0].latest.isoformat()}" if rows else None
    shared = shared_names({r.sigungu_code for r in rows} | set(coverage.codes()))
    complexes = [
        ComplexCandidate(
            sigungu=qualified_name(r.sigungu_code) if r.sigungu_code in shared else r.sigungu_name,
            sigungu_code=r.sigungu_code,
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


async def _read_coverage(db: Db, conn: AsyncConnection) -> Coverage:
    """The coverage for a caller without the registry (a script, a test): one GROUP BY."""
    return await load_coverage(conn.engine if isinstance(db, AsyncConnection) else db)


def rent_note(coverage: Coverage, slots: Slots, where: Where, kind: str) -> str | None:
    """Where 전세/월세 contracts exist, said when the place asked about (or, with none named, some
    loaded region) has none of that kind, so a recommendation drawn from fewer regions says so."""
    if kind == "매매" or coverage.empty:
        return None
    code = where.params.get("sigungu_code")
    if code is not None:
        asked = {code}
    elif slots.sido_code is not None:
        asked = {c for c in coverage.codes() if c.startswith(slots.sido_code)}
    else:
        asked = set(coverage.codes())
    having = coverage.codes(kind)
    if asked <= set(having):
        return None
    if not having:
        return f"{kind} 실거래 자료는 어느 지역도 없어, {kind} 추천은 할 수 없습니다."
    labels = [span.place for c in having if (span := coverage.span(c, kind)) is not None]
    if len(labels) == 1:
        return f"{kind} 실거래 자료는 {labels[0]}만 있어, {kind} 추천은 {labels[0]} 안에서만 가능합니다."
    named = ", ".join(labels[:NAMED_REGIONS]) + (
        f" 등 {len(labels)}곳" if len(labels) > NAMED_REGIONS else ""
    )
    return f"{kind} 실거래 자료는 {named}에만 있어, {kind} 추천은 그 지역들 안에서만 가능합니다."
