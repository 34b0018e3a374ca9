"""MOLIT apartment transaction CSVs → apt_trades / apt_rents records.

Two layouts exist in the wild and in ../shared/data:
- kpubdata's Seoul "ko" dump of the 실거래가 OpenAPI (구코드, 동, 아파트명, … 거래일자);
- the rt.molit.go.kr 실거래가 공개시스템 export (NO, 시군구, 번지, …), sales or 전월세, possibly still
  with the notice / search-condition lines above its header row, as a user downloads it.
The layout is recognised by its header, wherever that header sits in the first rows. Columns we do not
store (NO, 본번, 매수자, …) may be present or absent; columns we store must all be there.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from typing import Any

from agents.domain.regions import BY_CODE, SIGUNGU, Sigungu
from backend.data_import.base import DataFileError, FieldError, ParsedFile
from backend.data_import.fields import (
    EMPTY,
    area_m2,
    integer,
    iso_date,
    manwon,
    optional_compact_date,
    optional_manwon,
    optional_text,
    required_text,
    short_dotted_date,
    smallint,
    year_month_day,
)

# How far below the top of a file the header row may be (the rt.molit export has ~12 notice lines).
HEADER_SEARCH_ROWS = 50

_COMMON = ("sigungu_code", "sigungu_name", "dong", "complex_name", "complex_id", "jibun", "area_m2", "floor")
TRADE_COLUMNS = (
    *_COMMON,
    *("build_year", "contract_date", "price_manwon", "cancelled", "cancel_date", "trade_kind"),
    *("registration_date", "source_file", "source_line"),
)
RENT_COLUMNS = (
    *_COMMON,
    *("build_year", "contract_date", "rent_type", "deposit_manwon", "monthly_rent_manwon", "contract_term"),
    *("contract_kind", "renewal_right_used", "prev_deposit_manwon", "prev_monthly_rent_manwon"),
    *("source_file", "source_line"),
)

_BY_CITY_AND_NAME: dict[tuple[str, str], Sigungu] = {(s.city, s.name): s for s in SIGUNGU}
RENT_TYPES = frozenset({"전세", "월세"})


@lru_cache(maxsize=4096)
def split_address(address: str) -> tuple[Sigungu, str]:
    """'경기도 성남시 분당구 이매동' → (분당구 41135, '이매동'); '서울특별시 강남구 대치동' → (강남구, ...).

    The 시군구 is the two words before the 법정동, matched as (city, name): names such as 중구 repeat.
    """
    words = address.split()
    region = _BY_CITY_AND_NAME.get((words[-3], words[-2])) if len(words) >= 3 else None
    if region is None:
        expected = "'<시도> <시군구> <법정동>' with a 시군구 listed in agents/domain/regions.py"
        raise FieldError("시군구", address, expected)
    return region, words[-1]


def sigungu_by_code(code: str) -> Sigungu:
    region = BY_CODE.get(code.strip())
    if region is None:
        raise FieldError("구코드", code, "a 시군구 code listed in agents/domain/regions.py")
    return region


def rent_type(value: str) -> str:
    text = value.strip()
    if text not in RENT_TYPES:
        raise FieldError("전월세구분", value, "전세 or 월세")
    return text


def renewal_right_used(value: str, contract_kind: str | None) -> bool | None:
    """사용 → True. `-` means "not used" once the contract was reported under the 2021 신고제
    (계약구분 filled), but "unknown" before that (계약구분 `-` too)."""
    text = value.strip()
    if text == "사용":
        return True
    if text not in EMPTY:
        raise FieldError("갱신요구권 사용", value, "사용 or -")
    return None if contract_kind is None else False


def _seoul_trade(
    code: str,
    dong: str,
    name: str,
    area: str,
    floor: str,
    built: str,
    year: str,
    month: str,
    day: str,
    price: str,
    jibun: str,
    registered: str,
    complex_id: str,
    traded: str,
) -> tuple[Any, ...]:
    region = sigungu_by_code(code)
    contract = iso_date(traded, "거래일자")
    parts = (integer(year, "거래년도"), integer(month, "거래월"), integer(day, "거래일"))
    if parts != (contract.year, contract.month, contract.day):
        raise FieldError("거래일자", traded, f"the date of 거래년도/거래월/거래일 {year}/{month}/{day}")
    return (
        region.code,
        region.name,
        required_text(dong, "동"),
        required_text(name, "아파트명"),
        optional_text(complex_id),
        optional_text(jibun),
        area_m2(area, "전용면적_m2"),
        smallint(floor, "층"),
        smallint(built, "건축년도"),
        contract,
        manwon(price, "거래금액_만원"),
        # cancelled, cancel_date, trade_kind: kpubdata dropped 해제여부 and 거래유형, so unknown (NULL),
        # which is not the same as "not cancelled".
        None,
        None,
        None,
        short_dotted_date(registered, "등기일자"),
    )


def _rt_sale(
    address: str,
    jibun: str,
    name: str,
    area: str,
    year_month: str,
    day: str,
    price: str,
    floor: str,
    built: str,
    cancelled_on: str,
    trade_kind: str,
    registered: str,
) -> tuple[Any, ...]:
    region, dong = split_address(address)
    cancel_date = optional_compact_date(cancelled_on, "해제사유발생일")
    return (
        region.code,
        region.name,
        dong,
        required_text(name, "단지명"),
        None,
        optional_text(jibun),
        area_m2(area, "전용면적(㎡)"),
        smallint(floor, "층"),
        smallint(built, "건축년도"),
        year_month_day(year_month, day, "계약년월/계약일"),
        manwon(price, "거래금액(만원)"),
        cancel_date is not None,
        cancel_date,
        optional_text(trade_kind),
        short_dotted_date(registered, "등기일자"),
    )


def _rt_rent(
    address: str,
    jibun: str,
    name: str,
    kind: str,
    area: str,
    year_month: str,
    day: str,
    deposit: str,
    monthly: str,
    floor: str,
    built: str,
    term: str,
    contract_kind: str,
    renewal: str,
    prev_deposit: str,
    prev_monthly: str,
) -> tuple[Any, ...]:
    region, dong = split_address(address)
    new_or_renewal = optional_text(contract_kind)
    return (
        region.code,
        region.name,
        dong,
        required_text(name, "단지명"),
        None,
        optional_text(jibun),
        area_m2(area, "전용면적(㎡)"),
        smallint(floor, "층"),
        smallint(built, "건축년도"),
        year_month_day(year_month, day, "계약년월/계약일"),
        rent_type(kind),
        manwon(deposit, "보증금(만원)"),
        manwon(monthly, "월세금(만원)"),
        optional_text(term),
        new_or_renewal,
        renewal_right_used(renewal, new_or_renewal),
        optional_manwon(prev_deposit, "종전계약 보증금(만원)"),
        optional_manwon(prev_monthly, "종전계약 월세(만원)"),
    )


@dataclass(frozen=True)
class Layout:
    """One CSV layout: the source columns its converter takes, in the converter's parameter order."""

    name: str
    description: str
    table: str
    target_columns: tuple[str, ...]
    source_columns: tuple[str, ...]
    convert: Callable[..., tuple[Any, ...]]


LAYOUTS: tuple[Layout, ...] = (
    Layout(
        "kpubdata-seoul-trade",
        "kpubdata Seoul 아파트 매매 (ko)",
        "apt_trades",
        TRADE_COLUMNS,
        (
            *("구코드", "동", "아파트명", "전용면적_m2", "층", "건축년도", "거래년도", "거래월", "거래일"),
            *("거래금액_만원", "지번", "등기일자", "아파트일련번호", "거래일자"),
        ),
        _seoul_trade,
    ),
    Layout(
        "rt-molit-trade",
        "rt.molit.go.kr 아파트(매매) export",
        "apt_trades",
        TRADE_COLUMNS,
        (
            *("시군구", "번지", "단지명", "전용면적(㎡)", "계약년월", "계약일", "거래금액(만원)", "층"),
            *("건축년도", "해제사유발생일", "거래유형", "등기일자"),
        ),
        _rt_sale,
    ),
    Layout(
        "rt-molit-rent",
        "rt.molit.go.kr 아파트(전월세) export",
        "apt_rents",
        RENT_COLUMNS,
        (
            *("시군구", "번지", "단지명", "전월세구분", "전용면적(㎡)", "계약년월", "계약일", "보증금(만원)"),
            *("월세금(만원)", "층", "건축년도", "계약기간", "계약구분", "갱신요구권 사용"),
            *("종전계약 보증금(만원)", "종전계약 월세(만원)"),
        ),
        _rt_rent,
    ),
)


def parse_molit_csv(name: str, text: str) -> ParsedFile:
    """The whole file, or DataFileError at the first bad row: a partial file is never loaded."""
    rows = _numbered_rows(name, text)
    layout, header, header_line = _find_header(name, rows)
    getter = itemgetter(*(header.index(c) for c in layout.source_columns))
    parsed = ParsedFile(layout.table, layout.target_columns, layout.name)
    convert, width, append = layout.convert, len(header), parsed.records.append
    for line, row in rows:
        if not any(row):
            continue
        if len(row) != width:
            raise DataFileError(
                name,
                f"expected {width} fields (as in the header on line {header_line}), found {len(row)}",
                line,
            )
        try:
            append((*convert(*getter(row)), name, line))
        except FieldError as exc:
            raise DataFileError(name, str(exc), line) from None
    if not parsed.records:
        raise DataFileError(name, f"no data rows below the header on line {header_line}")
    return parsed


def _numbered_rows(name: str, text: str) -> Iterator[tuple[int, list[str]]]:
    """(first physical line, cells) per CSV record; a quoted cell may span lines."""
    reader = csv.reader(io.StringIO(text, newline=""))
    consumed = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise DataFileError(name, f"not valid CSV ({exc})", reader.line_num) from None
        yield consumed + 1, row
        consumed = reader.line_num


def _find_header(name: str, rows: Iterator[tuple[int, list[str]]]) -> tuple[Layout, list[str], int]:
    seen: list[tuple[int, list[str]]] = []
    for line, row in rows:
        cells = [cell.strip() for cell in row]
        present = set(cells)
        for layout in LAYOUTS:
            if present.issuperset(layout.source_columns):
                return layout, cells, line
        if any(cells):
            seen.append((line, cells))
        if len(seen) >= HEADER_SEARCH_ROWS:
            break
    raise _no_header_error(name, seen)


def _no_header_error(name: str, seen: list[tuple[int, list[str]]]) -> DataFileError:
    """Names the layout the file seems to be and what it lacks, or lists every layout we know."""
    best: tuple[int, int, list[str], Layout] | None = None
    for line, cells in seen:
        for layout in LAYOUTS:
            overlap = len(set(cells) & set(layout.source_columns))
            if best is None or overlap > best[0]:
                best = (overlap, line, cells, layout)
    if best is not None and best[0] >= 3:
        _, line, cells, layout = best
        missing = [c for c in layout.source_columns if c not in cells]
        return DataFileError(
            name,
            f"columns do not match the {layout.description} layout: missing {', '.join(missing)}; "
            f"expected columns: {', '.join(layout.source_columns)}; found: {', '.join(cells)}",
            line,
        )
    known = " | ".join(f"{layout.description}: {', '.join(layout.source_columns)}" for layout in LAYOUTS)
    found = f"; first row found: {', '.join(seen[0][1])}" if seen else "; the file is empty"
    return DataFileError(name, f"no header row of a known layout; expected columns of one of {known}{found}")
