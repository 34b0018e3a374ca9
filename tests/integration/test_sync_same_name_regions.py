"""A synced 시군구 whose name a loaded region already has (부산 중구 26110 beside 서울 중구 11140).

The snapshot (Seoul 2024 sales, 서울 중구 included) is loaded; 부산 중구 is then synced through the
MOLIT replay server of tests/integration/test_sync_molit.py (the documented XML format). Its items are
real rows of the shipped Seoul CSV turned back into API fields — **the prices are 서울 중구's January–
March 2024 rows re-labelled for this test** under LAWD_CD 26110, with 부산 중구's 법정동 names (public
geography; the all-Korea place table of agents/domain holds 시군구 only, not 동) in place of Seoul's.
신당동 keeps its name on purpose: a 동 both 중구 then have must never mix. Nothing is made up.

The running assistant (the HTTP API path) must answer "부산 중구" from 26110 rows only, "서울 중구" from
11140 rows only, ask one question for a bare "중구", and take "부산" as its answer.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from agents.domain.places_kr import Place, places
from agents.domain.slots import Slots
from agents.gazetteer import Gazetteer, data_regions, load_gazetteer
from agents.nlu import parse
from agents.tools.coverage import load_coverage
from agents.tools.transactions import place_filter
from backend.data_import import load_all
from backend.data_import.molit_api import sync_regions
from backend.db import DatabaseUrl, create_engine
from backend.dbstatus import read_status
from backend.migrate import migrate
from tests.conftest import create_database, data_dir, drop_database
from tests.integration import test_sync_molit
from tests.integration.api_support import API, api_settings, client_for, new_session, running_app, sign_up
from tests.integration.test_sync_molit import Replay, _seoul_item, client

replay_server = test_sync_molit.replay  # the MOLIT replay server, a fixture of its own name here
SEOUL_JUNG, BUSAN_JUNG = "11140", "26110"
SEJONG, YANGPYEONG, YEONGTONG, JONGNO = "36110", "41830", "41117", "11110"
MONTHS = [dt.date(2024, m, 1) for m in (1, 2, 3)]
TODAY = dt.date(2026, 1, 1)
# 서울 중구 동 → a 법정동 of 부산 중구 (신당동 stays: both 중구 then have one).
BUSAN_DONGS = {
    "황학동": "중앙동4가",
    "만리동2가": "광복동2가",
    "회현동1가": "남포동6가",
    "흥인동": "대청동1가",
    "입정동": "보수동1가",
    "순화동": "부평동2가",
    "중림동": "동광동3가",
    "신당동": "신당동",
}
OTHER_BUSAN_DONG = "영주동"


def _relabelled(item: dict[str, str], code: str, dongs: dict[str, str], other: str) -> dict[str, str]:
    """A Seoul item moved to another 시군구 for the test: same prices, that region's code and 동."""
    complex_id = item["aptSeq"].split("-", 1)[-1]
    return {**item, "sggCd": code, "umdNm": dongs.get(item["umdNm"], other), "aptSeq": f"{code}-{complex_id}"}


@dataclass
class Shipped:
    header: list[str]
    seoul_2024: list[dict[str, str]]

    def items(self, code: str, month: int) -> list[dict[str, str]]:
        return [_seoul_item(r) for r in self.seoul_2024 if r["구코드"] == code and int(r["거래월"]) == month]


@pytest.fixture(scope="module")
def shipped() -> Shipped:
    with (data_dir() / "transactions" / "seoul_apt_trade_2020_2024.csv").open(encoding="utf-8") as f:
        reader = csv.DictReader(f)
        rows = [r for r in reader if r["거래년도"] == "2024"]
        return Shipped(list(reader.fieldnames or []), rows)


@dataclass
class _Db:
    url: DatabaseUrl
    engine: AsyncEngine


@pytest.fixture(scope="module")
async def database(server_url, test_settings, shipped: Shipped, tmp_path_factory) -> AsyncIterator[_Db]:
    """Seoul 2024 sales (서울 중구 included), loaded like the snapshot."""
    folder = tmp_path_factory.mktemp("same_name") / "snapshot"
    (folder / "transactions").mkdir(parents=True)
    with (folder / "transactions" / "seoul_apt_trade_2024.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=shipped.header)
        writer.writeheader()
        writer.writerows(shipped.seoul_2024)
    name = f"budongsan_same_name_{uuid.uuid4().hex[:8]}"
    url = await create_database(server_url, name)
    engine = create_engine(url, test_settings)
    try:
        await migrate(engine, url)
        await load_all(engine, folder, progress=False)
        yield _Db(url, engine)
    finally:
        await engine.dispose()
        await drop_database(server_url, name)


def _place(code: str) -> Place:
    found = places().by_code(code)
    assert found is not None
    return found


async def sync_busan_jung(database: _Db, replay: Replay, shipped: Shipped) -> int:
    """부산 중구 January–March 2024 through the replay server (idempotent); returns the rows synced."""
    for month in MONTHS:
        items = shipped.items(SEOUL_JUNG, month.month)
        replay.months[("trade", BUSAN_JUNG, f"{month:%Y%m}")] = [
            _relabelled(i, BUSAN_JUNG, BUSAN_DONGS, OTHER_BUSAN_DONG) for i in items
        ]
    async with client(replay) as molit:
        report = await sync_regions(database.engine, molit, [_place(BUSAN_JUNG)], MONTHS, ["trade"])
    assert report.ok, report.summary()
    return sum(r.rows for r in report.synced)


async def one(engine: AsyncEngine, sql: str, **params: Any) -> Any:
    async with engine.connect() as conn:
        return (await conn.execute(text(sql), params)).one()


async def expected_stats(engine: AsyncEngine, code: str, slots: dict[str, Any]) -> tuple[int, int]:
    """count and median of the region's sales in the answer's period, straight from SQL by code."""
    where = ["sigungu_code = :code", "cancelled IS NOT TRUE"]
    params: dict[str, Any] = {"code": code}
    if slots.get("dong"):
        where.append("dong = :dong")
        params["dong"] = slots["dong"]
    for key, op in (("period_from", ">="), ("period_to", "<=")):
        if slots.get(key):
            where.append(f"contract_date {op} :{key}")
            params[key] = dt.date.fromisoformat(slots[key])
    row = await one(
        engine,
        "SELECT count(*) AS n, round((percentile_cont(0.5) WITHIN GROUP (ORDER BY price_manwon))::numeric) "
        f"AS median FROM apt_trades WHERE {' AND '.join(where)}",
        **params,
    )
    return row.n, int(row.median) if row.median is not None else 0


async def codes_of_sources(engine: AsyncEngine, data: dict[str, Any]) -> set[str]:
    """The sigungu_code of every apt_trades row an answer cites."""
    ids = [s["id"] for s in data["sources"] if s.get("table") == "apt_trades"]
    assert ids, data["sources"]
    async with engine.connect() as conn:
        rows = await conn.execute(
            text("SELECT DISTINCT sigungu_code FROM apt_trades WHERE id = ANY(:ids)"), {"ids": ids}
        )
        return {r.sigungu_code for r in rows}


class Chat:
    """One chat of the running app: `say` posts a message and returns the turn's JSON."""

    def __init__(self, http: Any, account: Any, session_id: str) -> None:
        self.http, self.account, self.session_id = http, account, session_id

    async def say(self, content: str) -> dict[str, Any]:
        response = await self.http.post(
            f"{API}/chat/sessions/{self.session_id}/messages",
            json={"content": content, "use_memory": False},
            headers=self.account.headers,
        )
        assert response.status_code == 200, response.text
        return response.json()


async def assert_answered_from(engine: AsyncEngine, turn: dict[str, Any], code: str, label: str) -> None:
    """The answer names `label`, and its figures and cited rows come from `code` alone."""
    message = turn["assistant_message"]
    data = message["structured_data"]
    assert turn["interrupt"] is None, turn["interrupt"]
    assert data["slots"]["sigungu"] == label, data["slots"]
    assert {r["sigungu_code"] for r in data["rows"]} == {code}, data["rows"][:3]
    assert await codes_of_sources(engine, data) == {code}
    count, median = await expected_stats(engine, code, data["slots"])
    assert count > 0 and (data["stats"]["count"], data["stats"]["median_manwon"]) == (count, median)
    assert label in message["content"], message["content"]


@contextlib.asynccontextmanager
async def open_chat(database: _Db, test_settings: Any) -> AsyncIterator[Chat]:
    """The app running on the test database (the data version checked on every turn) and one chat."""
    settings = api_settings(test_settings, database.url, data_version_check_s=0)
    async with running_app(settings) as app, client_for(app) as http:
        account = await sign_up(http)
        yield Chat(http, account, await new_session(http, account))


@pytest.fixture
async def chat(database: _Db, test_settings) -> AsyncIterator[Chat]:
    async with open_chat(database, test_settings) as opened:
        yield opened


# --- tests ----------------------------------------------------------------------------------------


async def test_bare_jung_is_seoul_while_only_seoul_has_one(database: _Db, test_settings) -> None:
    async with database.engine.begin() as conn:  # whatever ran before: 부산 중구 not loaded
        await conn.execute(text("DELETE FROM apt_trades WHERE sigungu_code = :c"), {"c": BUSAN_JUNG})
        await conn.execute(text("DELETE FROM data_slices WHERE sigungu_code = :c"), {"c": BUSAN_JUNG})
    async with open_chat(database, test_settings) as chat:
        turn = await chat.say("중구 아파트 시세 알려줘")
    await assert_answered_from(database.engine, turn, SEOUL_JUNG, "중구")


async def test_busan_jung_is_answered_from_its_own_rows_only(database, replay_server, shipped, chat) -> None:
    rows = await sync_busan_jung(database, replay_server, shipped)
    assert rows == sum(len(shipped.items(SEOUL_JUNG, m.month)) for m in MONTHS) > 100
    for question in ("부산 중구 아파트 시세", "부산광역시 중구 시세", "중구 (부산) 아파트 시세 알려줘"):
        turn = await chat.say(question)
        await assert_answered_from(database.engine, turn, BUSAN_JUNG, "부산 중구")
    stored = await one(
        database.engine, "SELECT count(*) AS n FROM apt_trades WHERE sigungu_code = :c", c=BUSAN_JUNG
    )
    assert stored.n == rows


async def test_seoul_jung_is_answered_from_its_own_rows_only(database, replay_server, shipped, chat) -> None:
    await sync_busan_jung(database, replay_server, shipped)
    for question in ("서울 중구 아파트 시세", "서울특별시 중구 시세"):
        turn = await chat.say(question)
        await assert_answered_from(database.engine, turn, SEOUL_JUNG, "서울 중구")


async def test_bare_jung_is_asked_about_and_busan_answers_the_question(
    database, replay_server, shipped, chat
) -> None:
    await sync_busan_jung(database, replay_server, shipped)
    asked = await chat.say("중구 시세")
    assert asked["interrupt"] is not None and asked["interrupt"]["type"] == "clarify", asked
    question = asked["interrupt"]["question"]
    assert "서울 중구" in question and "부산 중구" in question and question.count("?") == 1, question
    assert set(asked["assistant_message"]["structured_data"]) == {"interrupt"}  # no pick, no merged figures
    answered = await chat.say("부산")
    await assert_answered_from(database.engine, answered, BUSAN_JUNG, "부산 중구")


async def test_a_dong_both_jung_have_never_crosses_over(database, replay_server, shipped, chat) -> None:
    await sync_busan_jung(database, replay_server, shipped)
    for question, code, label in (
        ("부산 중구 신당동 아파트 시세", BUSAN_JUNG, "부산 중구"),
        ("서울 중구 신당동 아파트 시세", SEOUL_JUNG, "서울 중구"),
        ("중구 광복동 시세", BUSAN_JUNG, "부산 중구"),  # a 동 only 부산 중구 has says which 중구
    ):
        turn = await chat.say(question)
        await assert_answered_from(database.engine, turn, code, label)
        assert turn["assistant_message"]["structured_data"]["slots"]["dong"] in (
            "신당동",
            "광복동",
            "광복동2가",
        )


async def test_coverage_notes_and_db_name_the_sido(database, replay_server, shipped, chat) -> None:
    await sync_busan_jung(database, replay_server, shipped)
    turn = await chat.say("부산 중구 전세 시세")
    assert "부산 중구 전월세 자료는 없습니다" in turn["assistant_message"]["content"]
    assert not turn["assistant_message"]["structured_data"]["stats"]
    coverage = await load_coverage(database.engine)
    assert {s.place for s in coverage.spans if s.sigungu_code in (SEOUL_JUNG, BUSAN_JUNG)} == {
        "서울 중구",
        "부산 중구",
    }
    assert "부산 중구 매매 2024" in coverage.describe()
    status = (await read_status(database.engine, database.url)).render()
    assert "서울 중구" in status and "부산 중구" in status, status


async def test_regions_outside_the_snapshot_are_named_as_people_name_them(
    database, replay_server, shipped
) -> None:
    """세종 (a 시도 that is one 시군구), 양평군 (a 군) and 수원시 영통구 (a 구 of a 시), synced with
    서울 종로구's January 2024 rows re-labelled for the test: the place list reads them as ours by
    the names people use, coverage names each with its 시도 or 시, and tools filter them by code."""
    items = shipped.items(JONGNO, 1)
    targets = {SEJONG: "나성동", YANGPYEONG: "양평읍", YEONGTONG: "영통동"}
    for code, dong in targets.items():
        replay_server.months[("trade", code, "202401")] = [_relabelled(i, code, {}, dong) for i in items]
    async with client(replay_server) as molit:
        report = await sync_regions(
            database.engine, molit, [_place(c) for c in targets], [dt.date(2024, 1, 1)], ["trade"]
        )
    assert report.ok and [r.rows for r in report.synced] == [len(items)] * 3
    gazetteer = await load_gazetteer(database.engine)
    for question, code in (
        ("세종시 아파트 시세", SEJONG),
        ("세종특별자치시 매매", SEJONG),
        ("양평군 아파트 시세", YANGPYEONG),
        ("수원시 영통구 시세", YEONGTONG),
        ("광교 아파트 시세", YEONGTONG),
        ("영통구 매매", YEONGTONG),
    ):
        assert parse(question, gazetteer, TODAY).slots.sigungu_code == code, question
    labels = {s.sigungu_code: s.place for s in (await load_coverage(database.engine)).spans}
    assert (labels[SEJONG], labels[YANGPYEONG], labels[YEONGTONG]) == (
        "세종특별자치시",
        "경기 양평군",
        "수원시 영통구",
    )
    where, notes = place_filter(Slots(sigungu="수원시 영통구"))
    assert where.params == {"sigungu_code": YEONGTONG} and not notes
    async with database.engine.begin() as conn:  # leave the other tests their data
        for code in targets:
            await conn.execute(text("DELETE FROM apt_trades WHERE sigungu_code = :c"), {"c": code})
            await conn.execute(text("DELETE FROM data_slices WHERE sigungu_code = :c"), {"c": code})


def test_same_name_regions_are_told_apart_by_the_other_words_of_the_message() -> None:
    """The place list alone (no database): 부산·서울 강서구 and 중구 both ours, 대구 중구 outside."""
    gazetteer = Gazetteer.from_rows([], data_regions({BUSAN_JUNG, "26440"}))
    for question, code in (
        ("부산 강서구 아파트 시세", "26440"),
        ("서울 강서구 아파트 시세", "11500"),
        ("서울에 있는 중구 시세", SEOUL_JUNG),
        ("busan jung-gu apartment prices", BUSAN_JUNG),
    ):
        assert parse(question, gazetteer, TODAY).slots.sigungu_code == code, question
    bare = parse("강서구 시세", gazetteer, TODAY)
    assert bare.slots.sigungu_code is None
    assert [a.candidates for a in bare.ambiguities] == [["서울 강서구", "부산 강서구"]]
    daegu = parse("대구 중구 시세", gazetteer, TODAY)
    assert daegu.slots.sigungu_code is None and daegu.unknown_regions == ["대구광역시 중구"]
    assert gazetteer.pick_region("부산이요", ["서울 중구", "부산 중구"]) == {
        "sigungu": "부산 중구",
        "sigungu_code": BUSAN_JUNG,
    }
    assert gazetteer.pick_region("대구", ["서울 중구", "부산 중구"]) is None
    for name, code in (("부산 중구", BUSAN_JUNG), ("서울 중구", SEOUL_JUNG), ("중구", SEOUL_JUNG)):
        where, _ = place_filter(Slots(sigungu=name))
        assert where.params == {"sigungu_code": code}, name


async def test_a_follow_up_about_an_outside_jung_is_never_answered_for_another(database, chat) -> None:
    """대구 중구 is not in the data: neither the question nor its follow-up gets 서울 중구's figures."""
    outside = await chat.say("대구 중구 아파트 시세")
    assert "데이터에 없습니다" in outside["assistant_message"]["content"]
    then = await chat.say("그럼 작년은?")
    data = then["assistant_message"]["structured_data"]
    assert not data["rows"] and not (data["stats"] or {}).get("count"), data["stats"]
