"""`budongsan sync-molit` against a local replay of the MOLIT OpenAPI, without the internet.

The replay server speaks the documented format (data.go.kr 15126468 / 15126474 and their 기술문서:
`response/header/resultCode`, `response/body/items/item`, `totalCount`, `pageNo`/`numOfRows`; the
gateway's `OpenAPI_ServiceResponse/cmmMsgHeader` envelope for key and quota errors). Its items are real
rows of the shipped CSVs turned back into API fields; nothing is made up. The snapshot is loaded without
two Seoul 구 (종로구, 중구), which the tests then sync.
"""

from __future__ import annotations

import csv
import datetime as dt
import logging
import re
import shutil
import threading
import time
import uuid
from collections import defaultdict
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit
from xml.sax.saxutils import escape

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from agents.domain.places_kr import places
from agents.domain.slots import Slots
from agents.tools.market import market_stats
from backend.data_import import load_all
from backend.data_import.molit_api import (
    BadInput,
    MolitClient,
    resolve_region,
    sync_regions,
)
from backend.db import DatabaseUrl, create_engine
from backend.migrate import migrate
from tests.conftest import create_database, data_dir, drop_database
from tests.integration.api_support import API, api_settings, client_for, new_session, running_app, sign_up
from tests.integration.test_cli import budongsan

KEY = "Replay+Key/0123456789abcdef=="  # decoded form, as data.go.kr shows it ("Decoding")
ENCODED_KEY = quote(KEY, safe="")  # the "Encoding" form: %2B, %2F, %3D
JONGNO, JUNG, BUNDANG = "11110", "11140", "41135"
TRANSACTIONS = "transactions"

# --- real rows of the shipped CSVs as API items ---------------------------------------------------


def _seoul_item(row: dict[str, str]) -> dict[str, str]:
    """kpubdata's Seoul columns → the sales API's fields (kpubdata kept 13 of them; 해제 and 거래유형
    were dropped upstream, so they stay empty here)."""
    return {
        "sggCd": row["구코드"],
        "umdNm": row["동"],
        "aptNm": row["아파트명"],
        "jibun": row["지번"],
        "excluUseAr": row["전용면적_m2"],
        "floor": row["층"],
        "buildYear": row["건축년도"],
        "dealYear": row["거래년도"],
        "dealMonth": row["거래월"],
        "dealDay": row["거래일"],
        "dealAmount": f"{int(row['거래금액_만원']):,}",
        "rgstDate": row["등기일자"],
        "aptSeq": row["아파트일련번호"],
        "cdealType": "",
        "cdealDay": "",
    }


def _dash(value: str) -> str:
    return "" if value.strip() == "-" else value.strip()


def _yy_mm_dd(compact: str) -> str:
    compact = _dash(compact)
    return f"{compact[2:4]}.{compact[4:6]}.{compact[6:8]}" if compact else ""


def _bundang_trade_item(row: dict[str, str]) -> dict[str, str]:
    """An rt.molit export row → the sales API's fields (the export names 해제 by its date)."""
    cancelled = _dash(row["해제사유발생일"])
    return {
        "sggCd": BUNDANG,
        "umdNm": row["시군구"].split()[-1],
        "aptNm": row["단지명"],
        "jibun": row["번지"],
        "excluUseAr": row["전용면적(㎡)"],
        "floor": row["층"],
        "buildYear": row["건축년도"],
        "dealYear": row["계약년월"][:4],
        "dealMonth": str(int(row["계약년월"][4:])),
        "dealDay": row["계약일"],
        "dealAmount": row["거래금액(만원)"],
        "rgstDate": _dash(row["등기일자"]),
        "cdealType": "O" if cancelled else "",
        "cdealDay": _yy_mm_dd(cancelled),
        "dealingGbn": _dash(row["거래유형"]),
    }


def _bundang_rent_item(row: dict[str, str]) -> dict[str, str]:
    term = _dash(row["계약기간"])
    if len(term) == 13:  # 202503~202703 → 25.03~27.03, as the API writes it
        term = f"{term[2:4]}.{term[4:6]}~{term[9:11]}.{term[11:13]}"
    return {
        "sggCd": BUNDANG,
        "umdNm": row["시군구"].split()[-1],
        "aptNm": row["단지명"],
        "jibun": row["번지"],
        "excluUseAr": row["전용면적(㎡)"],
        "floor": row["층"],
        "buildYear": row["건축년도"],
        "dealYear": row["계약년월"][:4],
        "dealMonth": str(int(row["계약년월"][4:])),
        "dealDay": row["계약일"],
        "deposit": row["보증금(만원)"],
        "monthlyRent": row["월세금(만원)"],
        "contractTerm": term,
        "contractType": _dash(row["계약구분"]),
        "useRRRight": _dash(row["갱신요구권 사용"]),
        "preDeposit": _dash(row["종전계약 보증금(만원)"]),
        "preMonthlyRent": _dash(row["종전계약 월세(만원)"]),
    }


def _csv(name: str) -> list[dict[str, str]]:
    with (data_dir() / TRANSACTIONS / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@dataclass
class Shipped:
    """The rows the tests replay, read once."""

    seoul_header: list[str]
    seoul_2024: list[dict[str, str]]
    bundang_trade_2024: list[dict[str, str]]
    bundang_rent_2024: list[dict[str, str]]

    def seoul_items(self, code: str, month: int) -> list[dict[str, str]]:
        rows = [r for r in self.seoul_2024 if r["구코드"] == code and int(r["거래월"]) == month]
        return [_seoul_item(r) for r in rows]

    def bundang_trades(self, ym: str) -> list[dict[str, str]]:
        return [_bundang_trade_item(r) for r in self.bundang_trade_2024 if r["계약년월"] == ym]

    def bundang_rents(self, ym: str) -> list[dict[str, str]]:
        return [_bundang_rent_item(r) for r in self.bundang_rent_2024 if r["계약년월"] == ym]


@pytest.fixture(scope="module")
def shipped() -> Shipped:
    path = data_dir() / TRANSACTIONS / "seoul_apt_trade_2020_2024.csv"
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        seoul = [r for r in reader if r["거래년도"] == "2024"]
        header = list(reader.fieldnames or [])
    return Shipped(header, seoul, _csv("bundang_apt_trade_2024.csv"), _csv("bundang_apt_rent_2024.csv"))


# --- the replay server --------------------------------------------------------------------------


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    delay_s: float = 0.0


def page_xml(items: list[dict[str, str]], page: int, rows: int, total: int) -> bytes:
    body = "".join(
        "<item>" + "".join(f"<{k}>{escape(v)}</{k}>" for k, v in item.items()) + "</item>" for item in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><response><header><resultCode>000</resultCode>'
        f"<resultMsg>OK</resultMsg></header><body><items>{body}</items><numOfRows>{rows}</numOfRows>"
        f"<pageNo>{page}</pageNo><totalCount>{total}</totalCount></body></response>"
    ).encode()


def gateway_envelope(reason: str, code: str) -> bytes:
    return (
        "<OpenAPI_ServiceResponse><cmmMsgHeader><errMsg>SERVICE ERROR</errMsg>"
        f"<returnAuthMsg>{reason}</returnAuthMsg><returnReasonCode>{code}</returnReasonCode>"
        "</cmmMsgHeader></OpenAPI_ServiceResponse>"
    ).encode()


ENDPOINT_KIND = {
    "/RTMSDataSvcAptTradeDev/getRTMSDataSvcAptTradeDev": "trade",
    "/RTMSDataSvcAptRent/getRTMSDataSvcAptRent": "rent",
}


@dataclass
class Replay:
    """Serves months of items page by page; `script` queues special answers for one page."""

    months: dict[tuple[str, str, str], list[dict[str, str]]] = field(default_factory=dict)
    script: dict[tuple[str, str, str, int], list[Reply]] = field(default_factory=lambda: defaultdict(list))
    requests: list[dict[str, str]] = field(default_factory=list)
    raw_queries: list[str] = field(default_factory=list)
    every_request: Reply | None = None
    base_url: str = ""

    def answer(self, path: str, query: str) -> Reply:
        self.raw_queries.append(query)
        params = {k: v[0] for k, v in parse_qs(query, keep_blank_values=True).items()}
        self.requests.append(params)
        kind = ENDPOINT_KIND.get(path)
        if kind is None:
            return Reply(404, b"Not Found")
        if self.every_request is not None:
            return self.every_request
        if params.get("serviceKey") != KEY:
            return Reply(200, gateway_envelope("SERVICE_KEY_IS_NOT_REGISTERED_ERROR", "30"))
        code, ym, page = params["LAWD_CD"], params["DEAL_YMD"], int(params["pageNo"])
        queued = self.script.get((kind, code, ym, page))
        if queued:
            return queued.pop(0)
        rows = int(params["numOfRows"])
        items = self.months.get((kind, code, ym), [])
        return Reply(200, page_xml(items[(page - 1) * rows : page * rows], page, rows, len(items)))


@pytest.fixture
def replay() -> Iterator[Replay]:
    state = Replay()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            reply = state.answer(parts.path, parts.query)
            time.sleep(reply.delay_s)
            self.send_response(reply.status)
            self.send_header("Content-Type", "application/xml;charset=UTF-8")
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            self.wfile.write(reply.body)

        def log_message(self, format: str, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


# --- a database with the snapshot minus two Seoul 구 ---------------------------------------------


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory: pytest.TempPathFactory, shipped: Shipped) -> Path:
    """Seoul 2024 sales without 종로구 and 중구, and 분당 2024 sales and 전월세, as files."""
    folder = tmp_path_factory.mktemp("snapshot")
    target = folder / TRANSACTIONS
    target.mkdir()
    with (target / "seoul_apt_trade_2024.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=shipped.seoul_header)
        writer.writeheader()
        writer.writerows(r for r in shipped.seoul_2024 if r["구코드"] not in (JONGNO, JUNG))
    for name in ("bundang_apt_trade_2024.csv", "bundang_apt_rent_2024.csv"):
        shutil.copyfile(data_dir() / TRANSACTIONS / name, target / name)
    return folder


@dataclass
class Database:
    url: DatabaseUrl
    engine: AsyncEngine


@pytest.fixture(scope="module")
async def database(server_url, test_settings, snapshot: Path) -> AsyncIterator[Database]:
    name = f"budongsan_sync_{uuid.uuid4().hex[:8]}"
    url = await create_database(server_url, name)
    engine = create_engine(url, test_settings)
    try:
        await migrate(engine, url)
        await load_all(engine, snapshot, progress=False)
        yield Database(url, engine)
    finally:
        await engine.dispose()
        await drop_database(server_url, name)


def client(replay: Replay, key: str = KEY, **options: Any) -> MolitClient:
    async def no_wait(_: float) -> None:
        return None

    return MolitClient(key, replay.base_url, sleep=no_wait, **options)


def place(code: str):
    found = places().by_code(code)
    assert found is not None
    return found


async def rows_of(engine: AsyncEngine, sql: str, **params: Any) -> list[Any]:
    async with engine.connect() as conn:
        return list((await conn.execute(text(sql), params)).all())


TRADE_FIELDS = (
    "dong, complex_name, complex_id, jibun, area_m2, floor, build_year, contract_date, price_manwon, "
    "cancelled, cancel_date, trade_kind, registration_date"
)
RENT_FIELDS = (
    "dong, complex_name, jibun, area_m2, floor, build_year, contract_date, rent_type, deposit_manwon, "
    "monthly_rent_manwon, contract_term, contract_kind, renewal_right_used, prev_deposit_manwon, "
    "prev_monthly_rent_manwon"
)


# --- tests ----------------------------------------------------------------------------------------


async def test_all_pages_of_a_new_region_arrive_with_amounts_ids_and_the_decoded_key(
    database, replay, shipped, caplog
):
    caplog.set_level(logging.INFO, logger="httpx")  # httpx logs every request URL at INFO
    for month in (1, 2):
        replay.months[("trade", JUNG, f"2024{month:02}")] = shipped.seoul_items(JUNG, month)
    expected = {m: len(replay.months[("trade", JUNG, f"2024{m:02}")]) for m in (1, 2)}
    assert all(n > 40 for n in expected.values())
    months = [dt.date(2024, 1, 1), dt.date(2024, 2, 1)]
    async with client(replay, ENCODED_KEY, page_size=20) as molit:  # the encoded key works too
        report = await sync_regions(database.engine, molit, [place(JUNG)], months, ["trade"])
    assert report.ok and [r.rows for r in report.synced] == [expected[1], expected[2]]
    pages = [int(r["pageNo"]) for r in replay.requests if r["DEAL_YMD"] == "202401"]
    assert pages == list(range(1, -(-expected[1] // 20) + 1))
    assert all(r["serviceKey"] == KEY for r in replay.requests)  # decoded once, encoded once
    assert "HTTP Request: GET" in caplog.text and "serviceKey=***" in caplog.text
    assert KEY not in caplog.text and ENCODED_KEY not in caplog.text
    assert "%252B" not in "".join(replay.raw_queries)  # never double-encoded
    stored = await rows_of(
        database.engine,
        "SELECT price_manwon, complex_id, area_m2, sigungu_name, cancelled FROM apt_trades "
        "WHERE sigungu_code = :code ORDER BY source_file, source_line",
        code=JUNG,
    )
    source = [r for r in shipped.seoul_2024 if r["구코드"] == JUNG and int(r["거래월"]) in (1, 2)]
    source.sort(key=lambda r: int(r["거래월"]))  # the replay keeps the file's order within a month
    assert [(r.price_manwon, r.complex_id, r.area_m2) for r in stored] == [
        (int(s["거래금액_만원"]), s["아파트일련번호"], Decimal(s["전용면적_m2"])) for s in source
    ]
    assert {r.sigungu_name for r in stored} == {"중구"} and {r.cancelled for r in stored} == {False}


async def test_sync_replaces_snapshot_slices_keeps_cancelled_flags_and_rent_fields(database, replay, shipped):
    """분당 2024-11 from the API equals the snapshot's rows of that month field for field, 해제 included;
    the slice changes owner, and statistics leave the cancelled deals out."""
    ym, month = "202411", dt.date(2024, 11, 1)
    replay.months[("trade", BUNDANG, ym)] = shipped.bundang_trades(ym)
    replay.months[("rent", BUNDANG, ym)] = shipped.bundang_rents(ym)
    where = "sigungu_code = '41135' AND contract_date >= '2024-11-01' AND contract_date < '2024-12-01'"
    trades_before = await rows_of(database.engine, f"SELECT {TRADE_FIELDS} FROM apt_trades WHERE {where}")
    rents_before = await rows_of(database.engine, f"SELECT {RENT_FIELDS} FROM apt_rents WHERE {where}")
    assert any(r.cancelled for r in trades_before) and any(r.contract_kind == "갱신" for r in rents_before)

    async with client(replay) as molit:
        report = await sync_regions(database.engine, molit, [place(BUNDANG)], [month], ["trade", "rent"])
    assert report.ok and [r.replaced for r in report.synced] == [len(trades_before), len(rents_before)]

    trades_after = await rows_of(database.engine, f"SELECT {TRADE_FIELDS} FROM apt_trades WHERE {where}")
    rents_after = await rows_of(database.engine, f"SELECT {RENT_FIELDS} FROM apt_rents WHERE {where}")
    assert sorted(map(tuple, trades_after), key=repr) == sorted(map(tuple, trades_before), key=repr)
    assert sorted(map(tuple, rents_after), key=repr) == sorted(map(tuple, rents_before), key=repr)
    sources = await rows_of(
        database.engine,
        f"SELECT DISTINCT source_file FROM apt_trades WHERE {where} UNION "
        f"SELECT DISTINCT source_file FROM apt_rents WHERE {where}",
    )
    assert {r.source_file for r in sources} == {"molit-api/trade/41135/202411", "molit-api/rent/41135/202411"}
    owners = await rows_of(
        database.engine,
        "SELECT kind, source, rows FROM data_slices WHERE sigungu_code = '41135' AND month = '2024-11-01'",
    )
    assert {(r.kind, r.source, r.rows) for r in owners} == {
        ("trade", "molit-api", len(trades_before)),
        ("rent", "molit-api", len(rents_before)),
    }
    bundang = Slots(sigungu="분당구", sigungu_code=BUNDANG, period_from="2024-11-01", period_to="2024-11-30")
    stats = await market_stats(database.engine, bundang)
    cancelled = sum(1 for r in trades_before if r.cancelled)
    assert stats.cancelled_excluded == cancelled > 0 and stats.stats.count == len(trades_before) - cancelled


async def test_resync_is_idempotent_and_picks_up_a_cancellation(database, replay, shipped):
    ym, month = "202410", dt.date(2024, 10, 1)
    items = shipped.bundang_trades(ym)
    replay.months[("trade", BUNDANG, ym)] = items
    version_sql = "SELECT count(*), max(loaded_at), sum(rows) FROM data_files"
    async with client(replay) as molit:
        first = await sync_regions(database.engine, molit, [place(BUNDANG)], [month], ["trade"])
        version = await rows_of(database.engine, version_sql)
        again = await sync_regions(database.engine, molit, [place(BUNDANG)], [month], ["trade"])
        assert [r.status for r in first.synced + again.synced] == ["synced", "unchanged"]
        assert await rows_of(database.engine, version_sql) == version  # nothing to reload anywhere

        # MOLIT now reports one of the month's deals as cancelled (해제): the re-sync flags it.
        index = next(i for i, item in enumerate(items) if not item["cdealType"])
        items[index] = {**items[index], "cdealType": "O", "cdealDay": "24.12.02"}
        amended = await sync_regions(database.engine, molit, [place(BUNDANG)], [month], ["trade"])
    assert [r.status for r in amended.synced] == ["synced"]
    flagged = await rows_of(
        database.engine,
        "SELECT cancelled, cancel_date FROM apt_trades WHERE source_file = 'molit-api/trade/41135/202410' "
        "AND source_line = :line",
        line=index + 1,
    )
    assert [tuple(r) for r in flagged] == [(True, dt.date(2024, 12, 2))]
    total = await rows_of(
        database.engine, "SELECT count(*) FROM apt_trades WHERE source_file LIKE '%/202410'"
    )
    assert total[0][0] == len(items)


async def test_load_data_again_never_brings_snapshot_rows_back_over_a_synced_slice(
    database, replay, shipped, snapshot, tmp_path
):
    ym, month = "202409", dt.date(2024, 9, 1)
    replay.months[("rent", BUNDANG, ym)] = shipped.bundang_rents(ym)[:-5]  # the API holds 5 fewer (withdrawn)
    async with client(replay) as molit:
        await sync_regions(database.engine, molit, [place(BUNDANG)], [month], ["rent"])
    # A changed snapshot file (one row of another month dropped) is re-read and COPYed again.
    changed = tmp_path / "again"
    shutil.copytree(snapshot, changed)
    rent_file = changed / TRANSACTIONS / "bundang_apt_rent_2024.csv"
    lines = rent_file.read_text(encoding="utf-8").splitlines(keepends=True)
    drop = next(i for i, line in enumerate(lines) if ",202401," in line)
    rent_file.write_text("".join(lines[:drop] + lines[drop + 1 :]), encoding="utf-8")
    report = await load_all(database.engine, changed, progress=False)
    assert {f.path: f.status for f in report.files}[f"{TRANSACTIONS}/bundang_apt_rent_2024.csv"] == "replaced"
    september = await rows_of(
        database.engine,
        "SELECT source_file, count(*) AS n FROM apt_rents WHERE sigungu_code = :code "
        "AND contract_date >= '2024-09-01' AND contract_date < '2024-10-01' GROUP BY 1",
        code=BUNDANG,
    )
    assert [tuple(r) for r in september] == [
        ("molit-api/rent/41135/202409", len(shipped.bundang_rents(ym)) - 5)
    ]
    november = await rows_of(
        database.engine, "SELECT count(*) FROM apt_rents WHERE source_file = 'bundang_apt_rent_2024.csv'"
    )
    expected = sum(1 for r in shipped.bundang_rent_2024 if r["계약년월"] not in ("202409", "202411")) - 1
    assert november[0][0] == expected


async def test_complex_ids_are_backfilled_into_rows_that_lack_them(database, replay, shipped, tmp_path):
    """Rows of an rt.molit export carry no 아파트일련번호; synced rows of the same complex do."""
    source = [r for r in shipped.seoul_2024 if r["구코드"] == JONGNO and r["거래월"] == "3"]
    export = tmp_path / "export" / TRANSACTIONS
    export.mkdir(parents=True)
    header = ["NO", "시군구", "번지", "단지명", "전용면적(㎡)", "계약년월", "계약일", "거래금액(만원)", "층"]
    header += ["건축년도", "해제사유발생일", "거래유형", "등기일자"]
    with (export / "jongno_export_202403.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        for number, r in enumerate(source, start=1):
            writer.writerow(
                [
                    number,
                    f"서울특별시 종로구 {r['동']}",
                    r["지번"],
                    r["아파트명"],
                    r["전용면적_m2"],
                    "202403",
                    r["거래일"],
                    f"{int(r['거래금액_만원']):,}",
                    r["층"],
                    r["건축년도"],
                    "-",
                    "-",
                    "-",
                ]
            )
    await load_all(database.engine, export.parent, progress=False)
    missing = "SELECT count(*) FROM apt_trades WHERE source_file = 'jongno_export_202403.csv' AND complex_id IS NULL"
    assert (await rows_of(database.engine, missing))[0][0] == len(source)
    replay.months[("trade", JONGNO, "202404")] = shipped.seoul_items(JONGNO, 4)
    async with client(replay) as molit:
        await sync_regions(database.engine, molit, [place(JONGNO)], [dt.date(2024, 4, 1)], ["trade"])
    filled = await rows_of(
        database.engine,
        "SELECT e.complex_id AS got, count(*) AS n FROM apt_trades e WHERE e.source_file = "
        "'jongno_export_202403.csv' AND e.complex_id IS NOT NULL GROUP BY 1",
    )
    april_ids = {item["aptSeq"] for item in shipped.seoul_items(JONGNO, 4)}
    shared = [r for r in source if r["아파트일련번호"] in april_ids]
    assert shared and sum(r.n for r in filled) == len(shared)
    assert {r.got for r in filled} <= april_ids
    async with database.engine.begin() as conn:  # leave 종로구 empty for the live test below
        await conn.execute(text("DELETE FROM apt_trades WHERE sigungu_code = :code"), {"code": JONGNO})
        await conn.execute(text("DELETE FROM data_slices WHERE sigungu_code = :code"), {"code": JONGNO})
        await conn.execute(text("DELETE FROM data_files WHERE path LIKE '%jongno%' OR path LIKE '%/11110/%'"))


async def test_api_errors_are_one_sentence_and_commit_nothing_for_their_slice(database, replay, shipped):
    ym, month = "202408", dt.date(2024, 8, 1)
    before = "SELECT count(*), min(source_file) FROM apt_trades WHERE sigungu_code = '41135' AND contract_date >= '2024-08-01' AND contract_date < '2024-09-01'"
    snapshot_rows = tuple((await rows_of(database.engine, before))[0])
    assert snapshot_rows[0] > 0 and snapshot_rows[1] == "bundang_apt_trade_2024.csv"
    items = shipped.bundang_trades(ym)
    replay.months[("trade", BUNDANG, ym)] = items
    bundang = [place(BUNDANG)]

    # A key data.go.kr does not know: the run stops with one sentence, the key nowhere in it.
    async with client(replay, "Wrong+Key/Value==") as molit:
        report = await sync_regions(database.engine, molit, bundang, [month, dt.date(2024, 7, 1)], ["trade"])
    assert report.stopped and "SERVICE_KEY_IS_NOT_REGISTERED_ERROR" in report.stopped
    assert "Wrong" not in report.stopped and report.not_tried == 2 and not report.synced

    # The quota envelope, likewise.
    replay.every_request = Reply(
        200, gateway_envelope("LIMITED_NUMBER_OF_SERVICE_REQUESTS_EXCEEDS_ERROR", "22")
    )
    async with client(replay) as molit:
        report = await sync_regions(database.engine, molit, bundang, [month], ["trade"])
    assert report.stopped and "quota" in report.stopped and KEY not in report.stopped
    replay.every_request = None

    # Page 2 is malformed after page 1 was fine: that slice keeps its snapshot rows, the next month syncs.
    replay.script[("trade", BUNDANG, ym, 2)].append(Reply(200, b"<response><header><resultCode>000"))
    replay.months[("trade", BUNDANG, "202407")] = shipped.bundang_trades("202407")
    async with client(replay, page_size=100) as molit:
        report = await sync_regions(database.engine, molit, bundang, [month, dt.date(2024, 7, 1)], ["trade"])
    assert [key.month for key, _ in report.failed] == [month] and [r.key.month for r in report.synced] == [
        dt.date(2024, 7, 1)
    ]
    (why,) = [why for _, why in report.failed]
    assert "page 2" in why and "not well-formed XML" in why and KEY not in why
    assert tuple((await rows_of(database.engine, before))[0]) == snapshot_rows

    # resultCode other than 00/000, a bad item, 5xx until the retries run out: the same.
    replay.script[("trade", BUNDANG, ym, 1)].append(
        Reply(
            200,
            b"<response><header><resultCode>99</resultCode><resultMsg>LIMIT</resultMsg></header></response>",
        )
    )
    bad = [dict(items[0], dealAmount="12억"), *items[1:]]
    for expected in ("resultCode 99", "dealAmount", "HTTP 503"):
        if expected == "dealAmount":
            replay.months[("trade", BUNDANG, ym)] = bad
        if expected == "HTTP 503":
            replay.months[("trade", BUNDANG, ym)] = items
            replay.script[("trade", BUNDANG, ym, 1)].extend([Reply(503, b"busy")] * 3)
        async with client(replay, retries=2) as molit:
            report = await sync_regions(database.engine, molit, bundang, [month], ["trade"])
        assert len(report.failed) == 1 and expected in report.failed[0][1], report.failed
        assert tuple((await rows_of(database.engine, before))[0]) == snapshot_rows

    # Two 503s and a timeout, then an answer: retried with backoff, the slice syncs.
    replay.script[("trade", BUNDANG, ym, 1)].extend(
        [Reply(503, b"busy"), Reply(502, b""), Reply(delay_s=1.0)]
    )
    async with client(replay, retries=3, timeout_s=0.3) as molit:
        report = await sync_regions(database.engine, molit, bundang, [month], ["trade"])
        assert report.ok and molit.calls == 4 and report.synced[0].rows == len(items)


async def test_an_empty_month_is_recorded_and_bad_regions_are_refused(database, replay):
    async with client(replay) as molit:
        report = await sync_regions(database.engine, molit, [place("26110")], [dt.date(2024, 1, 1)], ["rent"])
    assert report.ok and [(r.rows, r.status) for r in report.synced] == [(0, "synced")]
    owners = await rows_of(
        database.engine, "SELECT source, rows FROM data_slices WHERE sigungu_code = '26110'"
    )
    assert [tuple(r) for r in owners] == [("molit-api", 0)]
    assert [p.code for p in resolve_region("부산 중구")] == ["26110"]
    assert [p.code for p in resolve_region("11680")] == ["11680"]
    assert len(resolve_region("서울")) == 25
    for bad, words in (("중구", "ambiguous"), ("없는구", "no 시도"), ("12345", "no 시군구")):
        with pytest.raises(BadInput, match=words):
            resolve_region(bad)


async def test_the_cli_syncs_reports_and_fails_cleanly(database, replay, shipped, tmp_path):
    replay.months[("trade", BUNDANG, "202406")] = shipped.bundang_trades("202406")
    common = {"molit_base_url": replay.base_url, "jwt_secret": "x" * 48}
    args = (
        "sync-molit",
        "--region",
        "성남시 분당구",
        "--from",
        "202406",
        "--to",
        "202406",
        "--kind",
        "trade",
    )
    run = await budongsan(
        *args, database_url=database.url.libpq, cwd=tmp_path, molit_service_key=ENCODED_KEY, **common
    )
    assert run.code == 0, run.err
    assert "1 slice(s) synced" in run.out and "[##########] 1/1 2024-06 매매" in run.err
    status = await budongsan("db", database_url=database.url.libpq, cwd=tmp_path, **common)
    assert re.search(r"molit-api +매매 +.*경기도 성남시 분당구 .* last sync", status.out), status.out
    assert "last sync" in status.out and "snapshot" in status.out

    wrong = await budongsan(
        *args, database_url=database.url.libpq, cwd=tmp_path, molit_service_key="Nope+Key==", **common
    )
    assert wrong.code == 1 and "SERVICE_KEY_IS_NOT_REGISTERED_ERROR" in wrong.err
    assert "Nope" not in wrong.out + wrong.err
    check = await budongsan(
        "sync-molit", "--check", "--region", "11680", "--from", "202406",
        database_url=database.url.libpq, cwd=tmp_path, molit_service_key=KEY, **common,
    )  # fmt: skip
    assert check.code == 0 and "key OK" in check.out
    missing = await budongsan(*args, database_url=database.url.libpq, cwd=tmp_path, **common)
    assert missing.code == 1 and "BUDONGSAN_MOLIT_SERVICE_KEY is not set" in missing.err
    reversed_range = await budongsan(
        "sync-molit", "--region", "중구", "--from", "202406", "--to", "202401",
        database_url=database.url.libpq, cwd=tmp_path, molit_service_key=KEY, **common,
    )  # fmt: skip
    assert reversed_range.code == 1 and "ambiguous" in reversed_range.err


async def test_a_region_synced_while_the_server_runs_is_answered(database, replay, shipped, test_settings):
    """종로구 is not in the snapshot; synced through the replay server while the app runs, the running
    assistant answers with its figures (no restart: the data version reloads coverage and places)."""
    months = [dt.date(2024, m, 1) for m in (1, 2, 3)]
    for m in months:
        replay.months[("trade", JONGNO, f"{m:%Y%m}")] = shipped.seoul_items(JONGNO, m.month)
    rows = sum(len(replay.months[("trade", JONGNO, f"{m:%Y%m}")]) for m in months)
    settings = api_settings(test_settings, database.url, data_version_check_s=0)
    question = "종로구 아파트 매매 시세 알려줘"
    async with running_app(settings) as app, client_for(app) as http:
        account = await sign_up(http)

        async def ask() -> dict[str, Any]:
            session_id = await new_session(http, account)
            response = await http.post(
                f"{API}/chat/sessions/{session_id}/messages",
                json={"content": question, "use_memory": False},
                headers=account.headers,
            )
            assert response.status_code == 200, response.text
            return response.json()["assistant_message"]

        before = await ask()
        async with client(replay) as molit:
            report = await sync_regions(database.engine, molit, [place(JONGNO)], months, ["trade"])
        assert report.ok and sum(r.rows for r in report.synced) == rows
        after = await ask()
    assert f"{rows:,}건" not in before["content"]
    assert f"{rows:,}건" in after["content"], after["content"]
    assert "종로구" in after["content"]


def test_synced_regions_outside_the_snapshot_become_places_of_the_data():
    """A 시군구 synced from MOLIT is read as ours by the NLU once the gazetteer reloads, a second 중구
    included: "부산 중구" is its own region, never taken for 서울 중구."""
    from agents.gazetteer import Gazetteer, data_regions
    from agents.nlu import parse

    gazetteer = Gazetteer.from_rows([], data_regions({"11680", "26350", "26110", "41117"}))
    today = dt.date(2026, 1, 1)
    for question, code in (
        ("해운대구 아파트 시세", "26350"),
        ("수원 영통구 매매", "41117"),
        ("강남구 시세", "11680"),
    ):
        assert parse(question, gazetteer, today).slots.sigungu_code == code, question
    busan_jung = parse("부산 중구 아파트 시세", gazetteer, today)
    assert busan_jung.slots.sigungu_code == "26110" and busan_jung.slots.sigungu == "부산 중구"
