"""`budongsan sync-molit`: apartment sales and 전월세 from MOLIT's OpenAPI on data.go.kr.

Followed documentation: data.go.kr 15126468 「국토교통부_아파트 매매 실거래가 상세 자료」
(`RTMSDataSvcAptTradeDev/getRTMSDataSvcAptTradeDev`) and 15126474 「국토교통부_아파트 전월세 실거래가
자료」 (`RTMSDataSvcAptRent/getRTMSDataSvcAptRent`), with their 기술문서: request `serviceKey`,
`LAWD_CD` (5-digit 시군구 code), `DEAL_YMD` (contract month YYYYMM), `pageNo`, `numOfRows`; answer XML
`response/header/resultCode|resultMsg` and `response/body/items/item`, `totalCount`. When the key or
the quota is the problem, the data.go.kr gateway answers with its own envelope instead
(`OpenAPI_ServiceResponse/cmmMsgHeader/returnAuthMsg|returnReasonCode`), or a bare 401/429.

The service key is a secret: it is never part of a message, a log line or an exception text this
module produces (`redact`), and the `httpx` logger (which logs request URLs, key included) gets a
filter that redacts it while a client is open.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any
from urllib.parse import quote, quote_plus, unquote

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine

from agents.domain.places_kr import Place, places
from backend.data_import.base import FieldError
from backend.data_import.fields import (
    EMPTY,
    area_m2,
    integer,
    manwon,
    optional_manwon,
    optional_text,
    required_text,
    smallint,
)
from backend.data_import.slices import Kind, SliceKey, SliceResult, replace_slice

KINDS: tuple[Kind, ...] = ("trade", "rent")
DEFAULT_BASE_URL = "https://apis.data.go.kr/1613000"
ENDPOINTS: dict[Kind, str] = {
    "trade": "RTMSDataSvcAptTradeDev/getRTMSDataSvcAptTradeDev",
    "rent": "RTMSDataSvcAptRent/getRTMSDataSvcAptRent",
}
API_NAMES: dict[Kind, str] = {
    "trade": "아파트 매매 실거래가 상세 자료 (data.go.kr 15126468)",
    "rent": "아파트 전월세 실거래가 자료 (data.go.kr 15126474)",
}
PAGE_SIZE = 1000
FIRST_MONTH = dt.date(2006, 1, 1)  # MOLIT's 실거래가 reports start in 2006
DAILY_QUOTA = 10_000  # a development key's calls per day and API (data.go.kr 신청가능 트래픽)
OK_CODES = frozenset({"00", "000"})
NO_DATA_CODES = frozenset({"03", "003"})  # older gateways say "no data" for an empty month

# The gateway's reasons (returnAuthMsg / returnReasonCode) → what the operator has to do.
GATEWAY_REASONS: dict[str, str] = {
    "SERVICE_KEY_IS_NOT_REGISTERED_ERROR": (
        "the service key is not registered for this API: apply for it on data.go.kr with the same "
        "account (activation can take an hour) and check BUDONGSAN_MOLIT_SERVICE_KEY"
    ),
    "DEADLINE_HAS_EXPIRED_ERROR": "the service key's 활용기간 has expired: extend it on data.go.kr (마이페이지)",
    "LIMITED_NUMBER_OF_SERVICE_REQUESTS_EXCEEDS_ERROR": (
        "the key's daily request quota is used up: try again tomorrow or ask data.go.kr for more traffic"
    ),
    "SERVICE_ACCESS_DENIED_ERROR": "data.go.kr denied this key access to the API: check the application",
    "UNREGISTERED_IP_ERROR": "this machine's IP address is not registered for the key on data.go.kr",
    "NO_OPENAPI_SERVICE_ERROR": "data.go.kr has no such API: check BUDONGSAN_MOLIT_BASE_URL",
}
REASON_CODES = {
    "30": "SERVICE_KEY_IS_NOT_REGISTERED_ERROR",
    "31": "DEADLINE_HAS_EXPIRED_ERROR",
    "22": "LIMITED_NUMBER_OF_SERVICE_REQUESTS_EXCEEDS_ERROR",
    "20": "SERVICE_ACCESS_DENIED_ERROR",
    "32": "UNREGISTERED_IP_ERROR",
    "12": "NO_OPENAPI_SERVICE_ERROR",
}
QUOTA_REASONS = frozenset({"LIMITED_NUMBER_OF_SERVICE_REQUESTS_EXCEEDS_ERROR"})


class MolitError(Exception):
    """One sentence naming the problem; never holds the service key."""


class MolitKeyError(MolitError):
    """The key (or quota) cannot be used: every further call would fail the same way."""


class MolitSliceError(MolitError):
    """This region and month could not be fetched (bad page, server down); other slices may still work."""


class BadInput(MolitError):
    """Arguments that cannot be run (unknown or ambiguous region, bad month range, no key)."""


# --- the key ------------------------------------------------------------------------------------


def normalize_key(raw: str) -> str:
    """data.go.kr shows an encoded ('…%2B…%3D%3D') and a decoded ('…+…==') key: the encoded one is
    unquoted once, so the HTTP client's own encoding never double-encodes it."""
    key = raw.strip()
    return unquote(key) if "%" in key else key


def redact(text: str, key: str) -> str:
    """`text` with every spelling of the key (decoded, encoded, form-encoded) replaced by ***."""
    if not key:
        return text
    for form in sorted({key, quote(key, safe=""), quote_plus(key), quote(key)}, key=len, reverse=True):
        text = text.replace(form, "***")
    return text


class _RedactKey(logging.Filter):
    def __init__(self, key: str) -> None:
        super().__init__()
        self.key = key

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage(), self.key)
        record.args = None
        return True


# --- regions and months -------------------------------------------------------------------------


def resolve_region(text: str, on: dt.date | None = None) -> list[Place]:
    """'11680', '강남구', '부산 중구', '수원시 영통구' → the 시군구 (a 시도 or a 시 with 구 → its 시군구).

    A bare name several 시도 share ('중구') is refused with the candidates; BadInput otherwise says
    what is wrong.
    """
    table = places()
    words = text.split()
    if not words:
        raise BadInput("--region is empty: give a 5-digit LAWD_CD or a 시군구 name such as 강남구")
    if len(words) == 1 and words[0].isascii() and words[0].isdigit():
        rows = table.rows_by_code.get(words[0], ())
        if len(words[0]) != 5 or not rows:
            raise BadInput(f"--region {text}: no 시군구 has the code {words[0]}")
        place = table.by_code(words[0], on) or rows[-1]
        return _leaves(place, on)
    resolved = table.resolve(words, on)
    if not resolved:
        raise BadInput(f"--region {text}: no 시도 or 시군구 of that name (try the 5-digit LAWD_CD)")
    specific = [r for r in resolved if not all(p.is_sido for p in r.places)]
    found = (specific or resolved)[-1].places
    if len(found) > 1:
        options = ", ".join(f"{p.full_name} ({p.code})" for p in found)
        raise BadInput(
            f"--region {text} is ambiguous: it may be {options}; name the 시도 too, e.g. '부산 중구'"
        )
    return _leaves(found[0], on)


def _leaves(place: Place, on: dt.date | None) -> list[Place]:
    """The 시군구 MOLIT reports by: a 시도 or a 시 with 구 stands for every 구/군 in it."""
    inside = [p for p in places().in_force(on) if place.contains(p)]
    if not inside:
        return [place]
    return [p for p in inside if not any(p.contains(q) for q in inside)]


def parse_month(value: str, option: str) -> dt.date:
    text = value.strip()
    if len(text) != 6 or not text.isascii() or not text.isdigit() or not 1 <= int(text[4:]) <= 12:
        raise BadInput(f"{option} {value!r}: give a month as YYYYMM, e.g. 202401")
    return dt.date(int(text[:4]), int(text[4:]), 1)


def month_range(first: dt.date, last: dt.date, today: dt.date) -> list[dt.date]:
    """Every month from `first` to `last`; a reversed, future or pre-2006 range is refused."""
    if first > last:
        raise BadInput(f"--from {first:%Y%m} is after --to {last:%Y%m}")
    for option, month in (("--from", first), ("--to", last)):
        if month > today.replace(day=1):
            raise BadInput(f"{option} {month:%Y%m} is in the future (this month is {today:%Y%m})")
    if first < FIRST_MONTH:
        raise BadInput(f"--from {first:%Y%m}: MOLIT publishes from {FIRST_MONTH:%Y%m} on")
    months, month = [], first
    while month <= last:
        months.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return months


# --- pages --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    total_count: int
    items: list[dict[str, str]]


def parse_page(body: bytes) -> Page:
    """One answer of the API; MolitKeyError for the gateway's key/quota envelope, MolitError (with
    no context yet) for anything that is not the documented format."""
    head = body[:2048].lstrip()
    if b"<!DOCTYPE" in head.upper() or b"<!ENTITY" in body.upper():
        raise MolitError("the answer is not the documented XML (it has a DOCTYPE)")
    try:
        root = ET.fromstring(body)
    except ET.ParseError as exc:
        raise MolitError(f"the answer is not well-formed XML ({exc})") from None
    if root.tag == "OpenAPI_ServiceResponse":
        raise _gateway_error(root)
    if root.tag != "response":
        raise MolitError(f"the answer's root element is <{root.tag}>, not <response>")
    code = (root.findtext("header/resultCode") or "").strip()
    message = (root.findtext("header/resultMsg") or "").strip()
    if code in NO_DATA_CODES or message == "NO_DATA":
        return Page(0, [])
    if code not in OK_CODES:
        reason = GATEWAY_REASONS.get(message)
        if reason is not None:
            raise MolitKeyError(f"MOLIT refused the request: {reason}")
        raise MolitError(f"MOLIT answered resultCode {code or '(none)'}: {message or 'no message'}")
    total_text = (root.findtext("body/totalCount") or "").strip()
    if not total_text.isdigit():
        raise MolitError(f"totalCount {total_text!r} is not a number")
    items = [
        {child.tag: (child.text or "").strip() for child in item} for item in root.iterfind("body/items/item")
    ]
    return Page(int(total_text), items)


def _gateway_error(root: ET.Element) -> MolitError:
    auth = (root.findtext("cmmMsgHeader/returnAuthMsg") or "").strip()
    code = (root.findtext("cmmMsgHeader/returnReasonCode") or "").strip()
    name = auth if auth in GATEWAY_REASONS else REASON_CODES.get(code, auth)
    reason = GATEWAY_REASONS.get(name)
    if reason is None:
        detail = auth or (root.findtext("cmmMsgHeader/errMsg") or "").strip() or "no reason given"
        return MolitError(f"data.go.kr answered with an error ({detail}, code {code or 'none'})")
    return MolitKeyError(f"data.go.kr refused the request ({name}): {reason}")


# --- the client ---------------------------------------------------------------------------------

SleepFn = Callable[[float], Awaitable[None]]


class MolitClient:
    """Fetches every page of one (kind, region, month), retrying timeouts and 5xx with backoff."""

    def __init__(
        self,
        service_key: str,
        base_url: str = DEFAULT_BASE_URL,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        timeout_s: float = 30.0,
        retries: int = 4,
        backoff_s: float = 1.0,
        page_size: int = PAGE_SIZE,
        sleep: SleepFn = asyncio.sleep,
    ) -> None:
        self.key = normalize_key(service_key)
        if not self.key:
            raise BadInput("BUDONGSAN_MOLIT_SERVICE_KEY is empty: set it to your data.go.kr 서비스키")
        self.base_url = base_url.rstrip("/")
        self.retries = retries
        self.backoff_s = backoff_s
        self.page_size = page_size
        self.calls = 0
        self._sleep = sleep
        self._http = httpx.AsyncClient(transport=transport, timeout=timeout_s, follow_redirects=True)
        self._filter = _RedactKey(self.key)
        logging.getLogger("httpx").addFilter(self._filter)
        logging.getLogger("httpcore").addFilter(self._filter)

    async def __aenter__(self) -> MolitClient:
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()

    async def close(self) -> None:
        await self._http.aclose()
        logging.getLogger("httpx").removeFilter(self._filter)
        logging.getLogger("httpcore").removeFilter(self._filter)

    async def check(self, code: str, month: dt.date) -> int:
        """One call (`--check`): the key works when MOLIT answers; returns the month's sales count."""
        return (await self._page("trade", code, month, 1)).total_count

    async def fetch_month(self, kind: Kind, code: str, month: dt.date) -> list[dict[str, str]]:
        """Every item of the month, all pages; MolitSliceError names the region, month and page."""
        first = await self._page(kind, code, month, 1)
        items = list(first.items)
        pages = max(1, math.ceil(first.total_count / self.page_size))
        for number in range(2, pages + 1):
            page = await self._page(kind, code, month, number)
            if not page.items:
                raise self._slice_error(
                    kind, code, month, number, "the page is empty before totalCount was reached"
                )
            items.extend(page.items)
        if len(items) != first.total_count:
            problem = f"{len(items):,} items arrived but totalCount said {first.total_count:,}"
            raise self._slice_error(kind, code, month, pages, problem)
        return items

    async def _page(self, kind: Kind, code: str, month: dt.date, number: int) -> Page:
        params = {
            "serviceKey": self.key,
            "LAWD_CD": code,
            "DEAL_YMD": f"{month:%Y%m}",
            "pageNo": str(number),
            "numOfRows": str(self.page_size),
        }
        url = f"{self.base_url}/{ENDPOINTS[kind]}"
        for attempt in range(self.retries + 1):
            last = attempt == self.retries
            self.calls += 1
            try:
                response = await self._http.get(url, params=params)
            except httpx.TimeoutException:
                if last:
                    raise self._slice_error(
                        kind, code, month, number, "MOLIT did not answer in time"
                    ) from None
            except httpx.TransportError as exc:
                if last:
                    problem = f"cannot reach {self.base_url} ({redact(type(exc).__name__ + ': ' + str(exc), self.key)})"
                    raise self._slice_error(kind, code, month, number, problem) from None
            else:
                if response.status_code in (401, 403):
                    raise MolitKeyError(
                        f"data.go.kr refused the service key (HTTP {response.status_code}): "
                        f"{GATEWAY_REASONS['SERVICE_KEY_IS_NOT_REGISTERED_ERROR']}"
                    )
                if response.status_code == 429:
                    reason = GATEWAY_REASONS["LIMITED_NUMBER_OF_SERVICE_REQUESTS_EXCEEDS_ERROR"]
                    raise MolitKeyError(f"data.go.kr answered HTTP 429: {reason}")
                if response.status_code >= 500:
                    if last:
                        problem = f"MOLIT answered HTTP {response.status_code} {self.retries + 1} times"
                        raise self._slice_error(kind, code, month, number, problem)
                elif response.status_code != 200:
                    raise self._slice_error(
                        kind, code, month, number, f"MOLIT answered HTTP {response.status_code}"
                    )
                else:
                    return self._parsed(response.content, kind, code, month, number)
            await self._sleep(self.backoff_s * 2**attempt)
        raise AssertionError("unreachable")

    def _parsed(self, body: bytes, kind: Kind, code: str, month: dt.date, number: int) -> Page:
        try:
            return parse_page(body)
        except MolitKeyError as exc:
            raise MolitKeyError(redact(str(exc), self.key)) from None
        except MolitError as exc:
            raise self._slice_error(kind, code, month, number, redact(str(exc), self.key)) from None

    def _slice_error(self, kind: Kind, code: str, month: dt.date, page: int, problem: str) -> MolitSliceError:
        where = f"{_kind_label(kind)} {code} {month:%Y-%m} page {page}"
        return MolitSliceError(redact(f"{where}: {problem}", self.key))


def _kind_label(kind: Kind) -> str:
    return "매매" if kind == "trade" else "전월세"


# --- items → rows ---------------------------------------------------------------------------------


def _contract_date(item: dict[str, str], month: dt.date) -> dt.date:
    year = integer(item.get("dealYear", ""), "dealYear")
    mon = integer(item.get("dealMonth", ""), "dealMonth")
    day = integer(item.get("dealDay", ""), "dealDay")
    try:
        date = dt.date(year, mon, day)
    except ValueError:
        raise FieldError("dealYear/dealMonth/dealDay", f"{year}/{mon}/{day}", "a calendar date") from None
    if (date.year, date.month) != (month.year, month.month):
        raise FieldError("dealYear/dealMonth", f"{year}/{mon}", f"the requested month {month:%Y-%m}")
    return date


def api_date(value: str, column: str) -> dt.date | None:
    """The API's dates: `YY.MM.DD` (cdealDay, rgstDate), also `YYYYMMDD` / `YYYY-MM-DD`; empty → None."""
    text = value.strip()
    if text in EMPTY:
        return None
    digits = re.fullmatch(r"(\d{2}|\d{4})[.\-]?(\d{2})[.\-]?(\d{2})", text)
    if digits is None:
        raise FieldError(column, value, "a date YY.MM.DD")
    year = int(digits[1]) + (2000 if len(digits[1]) == 2 else 0)
    try:
        return dt.date(year, int(digits[2]), int(digits[3]))
    except ValueError:
        raise FieldError(column, value, "a calendar date") from None


def _region_check(item: dict[str, str], code: str) -> None:
    got = item.get("sggCd", "").strip()
    if got and got != code:
        raise FieldError("sggCd", got, f"the requested LAWD_CD {code}")


def _common(item: dict[str, str], place: Place, month: dt.date) -> tuple[Any, ...]:
    _region_check(item, place.code)
    return (
        place.code,
        place.name.split()[-1],
        required_text(item.get("umdNm", ""), "umdNm"),
        required_text(item.get("aptNm", ""), "aptNm"),
        optional_text(item.get("aptSeq", "")),
        optional_text(item.get("jibun", "")),
        area_m2(item.get("excluUseAr", ""), "excluUseAr"),
        smallint(item.get("floor", ""), "floor"),
        smallint(item.get("buildYear", ""), "buildYear"),
        _contract_date(item, month),
    )


def trade_row(item: dict[str, str], place: Place, month: dt.date) -> tuple[Any, ...]:
    """An item of the sales API in `molit.TRADE_COLUMNS` order (without source_file/line).

    cdealType 'O' marks a 해제 (cancelled) report: kept, flagged, left out of every statistic."""
    cancel_type = item.get("cdealType", "").strip()
    if cancel_type not in ("", "O"):
        raise FieldError("cdealType", cancel_type, "O or empty")
    return (
        *_common(item, place, month),
        manwon(item.get("dealAmount", "").strip(), "dealAmount"),
        cancel_type == "O",
        api_date(item.get("cdealDay", ""), "cdealDay"),
        optional_text(item.get("dealingGbn", "")),
        api_date(item.get("rgstDate", ""), "rgstDate"),
    )


def rent_row(item: dict[str, str], place: Place, month: dt.date) -> tuple[Any, ...]:
    """An item of the 전월세 API in `molit.RENT_COLUMNS` order (without source_file/line); 월세 when the
    monthly rent is above 0, as in the rt.molit export."""
    monthly = manwon(item.get("monthlyRent", "").strip(), "monthlyRent")
    contract_kind = optional_text(item.get("contractType", ""))
    renewal = item.get("useRRRight", "").strip()
    if renewal not in EMPTY and renewal != "사용":
        raise FieldError("useRRRight", renewal, "사용 or empty")
    return (
        *_common(item, place, month),
        "월세" if monthly > 0 else "전세",
        manwon(item.get("deposit", "").strip(), "deposit"),
        monthly,
        contract_term(item.get("contractTerm", "")),
        contract_kind,
        True if renewal == "사용" else (None if contract_kind is None else False),
        optional_manwon(item.get("preDeposit", "").strip(), "preDeposit"),
        optional_manwon(item.get("preMonthlyRent", "").strip(), "preMonthlyRent"),
    )


def contract_term(value: str) -> str | None:
    """'24.03~26.03' (API) → '202403~202603', the rt.molit export's spelling; other text kept."""
    text = optional_text(value)
    if text is None:
        return None
    found = re.fullmatch(r"(\d{2})\.(\d{2})~(\d{2})\.(\d{2})", text)
    return f"20{found[1]}{found[2]}~20{found[3]}{found[4]}" if found else text


def convert(
    kind: Kind, items: Sequence[dict[str, str]], place: Place, month: dt.date
) -> list[tuple[Any, ...]]:
    """All items of a slice as rows, or MolitSliceError at the first bad one (nothing of it is stored)."""
    row = trade_row if kind == "trade" else rent_row
    rows = []
    for number, item in enumerate(items, start=1):
        try:
            rows.append(row(item, place, month))
        except FieldError as exc:
            where = f"{_kind_label(kind)} {place.code} {month:%Y-%m}"
            raise MolitSliceError(f"{where}: item {number} of MOLIT's answer is malformed: {exc}") from None
    return rows


# --- a whole sync -------------------------------------------------------------------------------


@dataclass
class SyncReport:
    """What one `sync-molit` run did; `failed` slices kept what they held before."""

    synced: list[SliceResult] = field(default_factory=list)
    failed: list[tuple[SliceKey, str]] = field(default_factory=list)
    stopped: str | None = None  # the key/quota sentence that ended the run early
    not_tried: int = 0
    calls: int = 0

    @property
    def ok(self) -> bool:
        return not self.failed and self.stopped is None

    def summary(self) -> str:
        changed = [r for r in self.synced if r.status == "synced"]
        rows = sum(r.rows for r in self.synced)
        parts = [
            f"sync-molit: {len(self.synced)} slice(s) synced ({len(changed)} changed, "
            f"{len(self.synced) - len(changed)} unchanged), {rows:,} rows, {self.calls} API call(s)"
        ]
        if self.failed:
            parts.append(f"{len(self.failed)} slice(s) failed and kept their earlier rows")
        if self.stopped:
            parts.append(f"stopped, {self.not_tried} slice(s) not tried: {self.stopped}")
        return "; ".join(parts)


def planned_calls(regions: Sequence[Place], months: Sequence[dt.date], kinds: Sequence[Kind]) -> str:
    """The --dry-run sentence: one call per slice at least, one more per further page of 1,000 rows."""
    slices = len(regions) * len(months) * len(kinds)
    names = ", ".join(f"{p.full_name} ({p.code})" for p in regions)
    span = f"{months[0]:%Y-%m}" if len(months) == 1 else f"{months[0]:%Y-%m}..{months[-1]:%Y-%m}"
    share = slices / DAILY_QUOTA
    return (
        f"sync-molit would fetch {slices} slice(s): {names}; {span}; {' and '.join(kinds)}. "
        f"That is at least {slices} API call(s) (one more per further {PAGE_SIZE:,} rows in a month), "
        f"{share:.1%} of a development key's {DAILY_QUOTA:,} calls a day per API."
    )


async def sync_regions(
    engine: AsyncEngine,
    client: MolitClient,
    regions: Sequence[Place],
    months: Sequence[dt.date],
    kinds: Sequence[Kind],
    *,
    progress: Callable[[str], None] | None = None,
) -> SyncReport:
    """Every (region, month, kind): fetch all pages, then replace the slice in one transaction.

    A slice that fails (malformed page, server down after the retries) keeps its rows and the run goes
    on; a refused key or an exhausted quota stops it, since every further call would fail too."""
    report = SyncReport()
    total = len(months) * len(kinds)
    for place in regions:
        done = 0
        for month in months:
            for kind in kinds:
                key = SliceKey(place.code, month, kind)
                try:
                    items = await client.fetch_month(kind, place.code, month)
                    result = await replace_slice(engine, key, convert(kind, items, place, month))
                except MolitKeyError as exc:
                    report.stopped = str(exc)
                    report.not_tried = len(regions) * total - len(report.synced) - len(report.failed)
                    report.calls = client.calls
                    return report
                except MolitSliceError as exc:
                    report.failed.append((key, str(exc)))
                    line = f"FAILED, kept earlier rows: {exc}"
                else:
                    report.synced.append(result)
                    line = _result_line(result)
                done += 1
                if progress is not None:
                    bar = "#" * round(10 * done / total)
                    label = f"{place.full_name} ({place.code})"
                    progress(f"{label} [{bar:<10}] {done}/{total} {month:%Y-%m} {_kind_label(kind)}: {line}")
    report.calls = client.calls
    return report


def _result_line(result: SliceResult) -> str:
    if result.status == "unchanged":
        return f"{result.rows:,} rows, unchanged"
    return f"{result.rows:,} rows (replaced {result.replaced:,})"
