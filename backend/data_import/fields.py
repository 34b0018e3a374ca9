"""Cell parsers for the MOLIT CSVs. Each raises FieldError naming the column, never returns a guess.

The rt.molit.go.kr export writes `-` (and sometimes nothing) for "no value"; kpubdata writes nothing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from backend.data_import.base import FieldError

EMPTY = frozenset({"", "-"})

SMALLINT_MAX = 32_767
INTEGER_MAX = 2_147_483_647
# numeric(9, 4): at most five digits before the decimal point.
AREA_LIMIT = Decimal(100_000)


def optional_text(value: str) -> str | None:
    value = value.strip()
    return None if value in EMPTY else value


def required_text(value: str, column: str) -> str:
    text = optional_text(value)
    if text is None:
        raise FieldError(column, value, "a non-empty value")
    return text


def integer(value: str, column: str, low: int = -INTEGER_MAX, high: int = INTEGER_MAX) -> int:
    """A plain or comma-formatted integer ("73,000") within [low, high]."""
    try:
        number = int(value.replace(",", ""))
    except ValueError:
        raise FieldError(column, value, "an integer") from None
    if not low <= number <= high:
        raise FieldError(column, value, f"between {low} and {high}")
    return number


def optional_integer(value: str, column: str, low: int = -INTEGER_MAX, high: int = INTEGER_MAX) -> int | None:
    return None if value.strip() in EMPTY else integer(value, column, low, high)


def manwon(value: str, column: str) -> int:
    """A price in 만원: a non-negative integer, comma-formatted in the rt.molit export."""
    return integer(value, column, 0, INTEGER_MAX)


def optional_manwon(value: str, column: str) -> int | None:
    return None if value.strip() in EMPTY else manwon(value, column)


def smallint(value: str, column: str) -> int | None:
    """Floors and build years (smallint columns); a basement floor is negative."""
    return optional_integer(value, column, -SMALLINT_MAX, SMALLINT_MAX)


def area_m2(value: str, column: str) -> Decimal:
    """Exclusive area in ㎡, kept exact (Decimal) because the column is numeric(9, 4)."""
    try:
        area = Decimal(value.strip())
    except InvalidOperation:
        raise FieldError(column, value, "an area in ㎡") from None
    if not (area.is_finite() and 0 < area < AREA_LIMIT):
        raise FieldError(column, value, "an area between 0 and 100,000 ㎡")
    return area


def _date(year: int, month: int, day: int, column: str, value: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise FieldError(column, value, "a calendar date") from None


def iso_date(value: str, column: str) -> dt.date:
    """`YYYY-MM-DD`."""
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise FieldError(column, value, "a date YYYY-MM-DD") from None


def compact_date(value: str, column: str) -> dt.date:
    """`YYYYMMDD` (해제사유발생일)."""
    text = value.strip()
    if len(text) != 8 or not text.isascii() or not text.isdigit():
        raise FieldError(column, value, "a date YYYYMMDD")
    return _date(int(text[:4]), int(text[4:6]), int(text[6:]), column, value)


def optional_compact_date(value: str, column: str) -> dt.date | None:
    return None if value.strip() in EMPTY else compact_date(value, column)


def short_dotted_date(value: str, column: str) -> dt.date | None:
    """`YY.MM.DD` (등기일자) read as 20YY (the data starts in 2020); empty when not yet registered."""
    text = value.strip()
    if text in EMPTY:
        return None
    parts = text.split(".")
    if len(parts) != 3 or not all(len(p) == 2 and p.isascii() and p.isdigit() for p in parts):
        raise FieldError(column, value, "a date YY.MM.DD")
    return _date(2000 + int(parts[0]), int(parts[1]), int(parts[2]), column, value)


def year_month_day(year_month: str, day: str, columns: str) -> dt.date:
    """계약년월 `YYYYMM` + 계약일 `DD` → one date."""
    ym, dd = year_month.strip(), day.strip()
    if len(ym) != 6 or not (ym.isascii() and ym.isdigit() and dd.isascii() and dd.isdigit()):
        raise FieldError(columns, f"{year_month} / {day}", "a contract date YYYYMM / DD")
    return _date(int(ym[:4]), int(ym[4:]), int(dd), columns, f"{year_month} / {day}")
