"""Trade and rent search over apt_trades / apt_rents, plus the slot → SQL filter builder the other
data tools share.

SQL lives in the named constants below. Only those fixed fragments are ever joined into a statement;
every user-derived value is a bind parameter, so SQL-looking input is just a string that matches nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from agents.domain.particles import josa_for
from agents.domain.places_kr import places
from agents.domain.regions import BY_CODE, code_for_name, qualified_name
from agents.domain.slots import WHOLE_SIDO, ListingOrder, Slots
from agents.tools.models import MAX_ROWS, RentRow, RentSearch, SourceRef, TradeRow, TradeSearch

Db = AsyncEngine | AsyncConnection
Table = Literal["apt_trades", "apt_rents"]

# --- SQL -------------------------------------------------------------------------------------------

# One fragment per filter. Every bound is inclusive, as every stated one is (docs/eval-conventions.md):
# "60㎡ 미만" already reads as max 59.99, so a band's edges need no half-open rule here.
FILTER_SQL: Mapping[str, str] = {
    "sigungu_code": "sigungu_code = :sigungu_code",
    # A region name that is no one 시군구 matches nothing: names repeat (중구), codes do not.
    "no_region": "FALSE",
    "sido": "sigungu_code LIKE :sido_prefix",
    "dong": "dong = :dong",
    "dong_parts": "dong = ANY(:dongs)",
    "complex": "complex_name = :complex",
    "complex_id": "complex_id = :complex_id",
    # 분당 rows carry no complex id, so a given id only excludes other complexes of the same name.
    "complex_and_id": "complex_name = :complex AND (complex_id = :complex_id OR complex_id IS NULL)",
    "area_min": "area_m2 >= :area_min",
    "area_max": "area_m2 <= :area_max",
    "period_from": "contract_date >= :period_from",
    "period_to": "contract_date <= :period_to",
    "price_min": "price_manwon >= :price_min",
    "price_max": "price_manwon <= :price_max",
    "deposit_min": "deposit_manwon >= :price_min",
    "deposit_max": "deposit_manwon <= :price_max",
    "rent_type": "rent_type = :rent_type",
    "monthly_rent_max": "monthly_rent_manwon <= :monthly_rent_max",
    # 해제(cancelled) deals are not real prices. Seoul rows have NULL here: unknown, so they stay.
    "not_cancelled": "cancelled IS NOT TRUE",
}

TRADE_COUNT_SQL = """
SELECT count(*) FILTER (WHERE cancelled IS NOT TRUE) AS total,
       count(*) FILTER (WHERE cancelled IS TRUE) AS cancelled,
       count(*) FILTER (WHERE cancelled IS NULL) AS cancel_unknown
FROM apt_trades
WHERE {where}
"""

TRADE_ROWS_SQL = """
SELECT id, contract_date, sigungu_code, sigungu_name, dong, complex_name, complex_id, area_m2, floor,
       price_manwon, build_year, source_file, source_line
FROM apt_trades
WHERE {where} AND cancelled IS NOT TRUE
ORDER BY {order}
LIMIT :limit
"""

# ORDER BY per listing order (fixed text, never built from input). Ties go to the newest deal. A 월세
# ranks by its monthly rent first: "가장 싼 월세" is the lowest rent, its deposit breaking ties.
TRADE_ORDER_SQL: dict[ListingOrder, str] = {
    "latest": "contract_date DESC, id DESC",
    "price_desc": "price_manwon DESC, contract_date DESC, id DESC",
    "price_asc": "price_manwon ASC, contract_date DESC, id DESC",
}
RENT_ORDER_SQL: dict[ListingOrder, str] = {
    "latest": "contract_date DESC, id DESC",
    "price_desc": "monthly_rent_manwon DESC, deposit_manwon DESC, contract_date DESC, id DESC",
    "price_asc": "monthly_rent_manwon ASC, deposit_manwon ASC, contract_date DESC, id DESC",
}

RENT_COUNT_SQL = """
SELECT count(*) AS total
FROM apt_rents
WHERE {where}
"""

RENT_ROWS_SQL = """
SELECT id, contract_date, sigungu_code, sigungu_name, dong, complex_name, complex_id, area_m2, floor,
       rent_type, deposit_manwon, monthly_rent_manwon, build_year, contract_kind, renewal_right_used,
       source_file, source_line
FROM apt_rents
WHERE {where}
ORDER BY {order}
LIMIT :limit
"""

# Is the place itself (region / complex, no price, area or date filters) in this table at all?
PLACE_EXISTS_SQL = "SELECT EXISTS (SELECT 1 FROM {table} WHERE {where})"


# --- filters ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Where:
    """A conjunction of FILTER_SQL fragments with their bind parameters."""

    clauses: tuple[str, ...] = ()
    params: dict[str, Any] = field(default_factory=dict)
    applied: dict[str, object] = field(default_factory=dict)  # what to echo back to the user

    @property
    def sql(self) -> str:
        return " AND ".join(self.clauses) or "TRUE"

    def add(self, name: str, echo: Mapping[str, object] | None = None, **params: Any) -> Where:
        # Postgres text cannot hold NUL; a stray one must not turn into a driver error.
        clean = {k: v.replace("\x00", "") if isinstance(v, str) else v for k, v in params.items()}
        return Where(
            (*self.clauses, FILTER_SQL[name]),
            {**self.params, **clean},
            {**self.applied, **(echo or {})},
        )


class ToolInputError(ValueError):
    """A slot value the tools cannot use (e.g. a malformed date); the message is safe to show."""


def parse_iso_date(value: str | None, name: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ToolInputError(f"{name} must be an ISO date (YYYY-MM-DD), got {value!r}") from None


def place_filter(slots: Slots) -> tuple[Where, list[str]]:
    """Region and complex filters, plus notes about names the data does not know.

    The region is always filtered by its code: a name given without one ("성남시 분당구", "부산 중구")
    is resolved to its code first, so two 중구 of the data never mix."""
    where, notes = Where(), []
    code = slots.sigungu_code
    if code is None and slots.sigungu is not None:
        code = code_for_name(slots.sigungu)
        if code is None:
            said = slots.sigungu
            where = where.add("no_region", {"sigungu": said})
            several = len(places().candidates(said.split()[-1] if said.split() else said)) > 1
            notes.append(
                f"'{said}'{josa_for(said, '은')} 여러 시도에 있는 이름입니다. 시도를 함께 알려주세요."
                if several
                else f"'{said}'{josa_for(said, '은')} 데이터에 있는 시군구가 아닙니다."
            )
    if code is None and slots.sido_code in WHOLE_SIDO and not (slots.dong or slots.complex):
        sido = WHOLE_SIDO[slots.sido_code][0]
        where = where.add("sido", {"sido": sido}, sido_prefix=f"{slots.sido_code}%")
    if code is not None:
        name = _region_label(code, slots.sigungu)
        where = where.add("sigungu_code", {"sigungu_code": code, "sigungu": name}, sigungu_code=code)
    if slots.dong and slots.dong_parts:
        where = where.add("dong_parts", {"dong": slots.dong}, dongs=list(slots.dong_parts))
    elif slots.dong:
        where = where.add("dong", {"dong": slots.dong}, dong=slots.dong)
    if slots.complex and slots.complex_id:
        echo = {"complex": slots.complex, "complex_id": slots.complex_id}
        where = where.add("complex_and_id", echo, complex=slots.complex, complex_id=slots.complex_id)
    elif slots.complex:
        where = where.add("complex", {"complex": slots.complex}, complex=slots.complex)
    elif slots.complex_id:
        where = where.add("complex_id", {"complex_id": slots.complex_id}, complex_id=slots.complex_id)
    return where, notes


def _region_label(code: str, said: str | None) -> str:
    """The region name a result restates: the slot's own ("서울 중구"), else the shipped name, else the
    all-Korea table's name told apart by its 시도 ("부산 중구")."""
    shipped = BY_CODE.get(code)
    if said and (shipped is None or said.split()[-1] == shipped.name):
        return said
    return shipped.name if shipped is not None else qualified_name(code)


def area_filter(where: Where, area_min: float | None, area_max: float | None) -> Where:
    if area_min is not None:
        where = where.add("area_min", {"area_min_m2": area_min}, area_min=Decimal(str(area_min)))
    if area_max is not None:
        where = where.add("area_max", {"area_max_m2": area_max}, area_max=Decimal(str(area_max)))
    return where


def period_filter(where: Where, slots: Slots) -> Where:
    start = parse_iso_date(slots.period_from, "period_from")
    end = parse_iso_date(slots.period_to, "period_to")
    if start is not None:
        where = where.add("period_from", {"period_from": start.isoformat()}, period_from=start)
    if end is not None:
        where = where.add("period_to", {"period_to": end.isoformat()}, period_to=end)
    return where


def price_filter(where: Where, slots: Slots, table: Table) -> Where:
    low, high = ("price_min", "price_max") if table == "apt_trades" else ("deposit_min", "deposit_max")
    if slots.price_min_manwon is not None:
        where = where.add(low, {"price_min_manwon": slots.price_min_manwon}, price_min=slots.price_min_manwon)
    if slots.price_max_manwon is not None:
        where = where.add(
            high, {"price_max_manwon": slots.price_max_manwon}, price_max=slots.price_max_manwon
        )
    return where


def rent_type_filter(where: Where, slots: Slots) -> Where:
    if slots.deal_type in ("전세", "월세"):
        where = where.add("rent_type", {"deal_type": slots.deal_type}, rent_type=slots.deal_type)
    if slots.monthly_rent_max_manwon is not None and slots.deal_type != "전세":
        cap = slots.monthly_rent_max_manwon
        where = where.add("monthly_rent_max", {"monthly_rent_max_manwon": cap}, monthly_rent_max=cap)
    return where


def build_filter(
    slots: Slots, table: Table, *, period: bool = True, price: bool = True, area: bool = True
) -> tuple[Where, list[str]]:
    """Every slot filter that applies to `table`; flags drop the ones a caller handles itself."""
    where, notes = place_filter(slots)
    if area:
        where = area_filter(where, slots.area_min_m2, slots.area_max_m2)
    if period:
        where = period_filter(where, slots)
    if price:
        where = price_filter(where, slots, table)
    if table == "apt_rents":
        where = rent_type_filter(where, slots)
    if slots.rooms is not None:
        notes.append("실거래 자료에는 방 개수가 없어 방 수 조건은 적용하지 않았습니다.")
    return where, notes


# --- shared helpers --------------------------------------------------------------------------------


@asynccontextmanager
async def connect(db: Db) -> AsyncIterator[AsyncConnection]:
    """Use the caller's connection when given one, otherwise borrow one from the engine's pool."""
    if isinstance(db, AsyncConnection):
        yield db
        return
    async with db.connect() as conn:
        yield conn


def clamp_limit(limit: int) -> int:
    return max(1, min(int(limit), MAX_ROWS))


async def empty_result_notes(conn: AsyncConnection, slots: Slots, table: Table) -> list[str]:
    """Why nothing matched: the place is not in the data, or only the other conditions exclude it."""
    place, _ = place_filter(slots)
    if not place.clauses:
        return ["조건에 맞는 거래가 데이터에 없습니다."]
    exists = await conn.scalar(text(PLACE_EXISTS_SQL.format(table=table, where=place.sql)), place.params)
    label = " ".join(str(v) for k, v in place.applied.items() if k in ("sido", "sigungu", "dong", "complex"))
    what = "매매" if table == "apt_trades" else "전월세"
    if not exists:
        return [f"데이터에 '{label}'의 {what} 자료가 없습니다."]
    return [f"'{label}'의 {what} 자료는 있지만 가격·면적·기간 조건에 맞는 거래가 없습니다."]


def cancel_notes(cancelled: int, unknown: int) -> list[str]:
    notes = []
    if cancelled:
        notes.append(f"해제(취소) 신고된 거래 {cancelled:,}건은 제외했습니다.")
    if unknown:
        notes.append("서울 매매 자료는 해제(취소) 여부가 없어 해제된 거래가 섞여 있을 수 있습니다.")
    return notes


def source_ref(kind: Literal["trade", "rent"], table: Table, row: Any) -> SourceRef:
    return SourceRef(
        type=kind, table=table, id=row.id, source_file=row.source_file, source_line=row.source_line
    )


def trade_row(row: Any) -> TradeRow:
    return TradeRow(
        contract_date=row.contract_date,
        sigungu_code=row.sigungu_code,
        sigungu=row.sigungu_name,
        dong=row.dong,
        complex=row.complex_name,
        complex_id=row.complex_id,
        area_m2=float(row.area_m2),
        floor=row.floor,
        price_manwon=row.price_manwon,
        build_year=row.build_year,
        source=source_ref("trade", "apt_trades", row),
    )


def rent_row(row: Any) -> RentRow:
    return RentRow(
        contract_date=row.contract_date,
        sigungu_code=row.sigungu_code,
        sigungu=row.sigungu_name,
        dong=row.dong,
        complex=row.complex_name,
        complex_id=row.complex_id,
        area_m2=float(row.area_m2),
        floor=row.floor,
        rent_type=row.rent_type,
        deposit_manwon=row.deposit_manwon,
        monthly_rent_manwon=row.monthly_rent_manwon,
        build_year=row.build_year,
        contract_kind=row.contract_kind,
        renewal_right_used=row.renewal_right_used,
        source=source_ref("rent", "apt_rents", row),
    )


# --- tools -----------------------------------------------------------------------------------------


async def search_trades(
    db: Db, slots: Slots, limit: int = MAX_ROWS, order: ListingOrder = "latest"
) -> TradeSearch:
    """Matching 매매 newest first, or by price (at most 20 rows), with the total count; 해제 deals
    left out."""
    where, notes = build_filter(slots, "apt_trades")
    params = {**where.params, "limit": clamp_limit(limit)}
    statement = TRADE_ROWS_SQL.format(where=where.sql, order=TRADE_ORDER_SQL[order])
    async with connect(db) as conn:
        counts = (await conn.execute(text(TRADE_COUNT_SQL.format(where=where.sql)), where.params)).one()
        rows = (await conn.execute(text(statement), params)).all()
        if counts.total == 0:
            notes += await empty_result_notes(conn, slots, "apt_trades")
    notes += cancel_notes(counts.cancelled, counts.cancel_unknown)
    return TradeSearch(
        total_count=counts.total,
        returned=len(rows),
        order=order,
        filters=where.applied,
        notes=notes,
        cancelled_excluded=counts.cancelled,
        rows=[trade_row(r) for r in rows],
    )


async def search_rents(
    db: Db, slots: Slots, limit: int = MAX_ROWS, order: ListingOrder = "latest"
) -> RentSearch:
    """Matching 전세/월세 contracts newest first, or by price (at most 20 rows), with the total count.

    The price slots bound the deposit; `monthly_rent_max_manwon` bounds the monthly rent.
    """
    where, notes = build_filter(slots, "apt_rents")
    params = {**where.params, "limit": clamp_limit(limit)}
    async with connect(db) as conn:
        total = await conn.scalar(text(RENT_COUNT_SQL.format(where=where.sql)), where.params)
        statement = RENT_ROWS_SQL.format(where=where.sql, order=RENT_ORDER_SQL[order])
        rows = (await conn.execute(text(statement), params)).all()
        if not total:
            notes += await empty_result_notes(conn, slots, "apt_rents")
    return RentSearch(
        total_count=total or 0,
        returned=len(rows),
        order=order,
        filters=where.applied,
        notes=notes,
        rows=[rent_row(r) for r in rows],
    )
