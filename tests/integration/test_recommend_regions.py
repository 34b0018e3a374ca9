"""Recommendations and remembered regions once the data holds regions beyond the snapshot.

The database holds real shipped rows: 서울 중구 (11140) 2024 sales from the Seoul file and 성남시
분당구 (41135) 2024 sales and 전월세 from the 분당 files. Two regions are then added the way a
`sync-molit` adds them, by code, with **real rows re-labelled for this test** (as in
test_sync_same_name_regions.py): 부산 중구 (26110) gets 서울 중구's 2024 sales rows, 동 and complex names
kept, so two different complexes share one name; 부산 해운대구 (26350) gets 분당's 2024 전월세 rows,
a synced 구 with 전월세. Nothing is made up: every figure asserted is recomputed from these rows by SQL.
"""

from __future__ import annotations

import csv
import shutil
import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from agents.domain.slots import Intent, Slots
from agents.tools.coverage import Coverage, CoverageRegistry, load_coverage
from agents.tools.recommend import WINDOW_MONTHS, recommend_complexes
from backend.data_import import load_all
from backend.db import create_engine
from backend.migrate import migrate
from memory import preferences
from memory.extract import extract_facts
from memory.preferences import Fact, Provenance
from memory.recall import RecallBudget, recall_for_planning
from tests.conftest import create_database, data_dir, drop_database

SEOUL_JUNG, BUSAN_JUNG, BUNDANG, HAEUNDAE = "11140", "26110", "41135", "26350"
SHARED_DONG = "신당동"  # a 동 of 서울 중구; 부산 중구's copy keeps it, so only the code tells them apart

_TRADE_COLUMNS = (
    "dong, complex_name, jibun, area_m2, floor, build_year, contract_date, price_manwon, cancelled, "
    "cancel_date, trade_kind, registration_date, source_line"
)
_RENT_COLUMNS = (
    "dong, complex_name, jibun, area_m2, floor, build_year, contract_date, rent_type, deposit_manwon, "
    "monthly_rent_manwon, contract_term, contract_kind, renewal_right_used, prev_deposit_manwon, "
    "prev_monthly_rent_manwon, source_line"
)


def _relabel_sql(table: str, columns: str, source: str, target: str, name: str) -> str:
    """Copy `source`'s rows to `target` (a test-only relabelling, marked in source_file)."""
    return (
        f"INSERT INTO {table} (sigungu_code, sigungu_name, complex_id, source_file, {columns}) "
        f"SELECT '{target}', '{name}', '{target}-' || split_part(complex_id, '-', 2), "
        f"'relabelled-for-test:' || source_file, {columns} FROM {table} WHERE sigungu_code = '{source}'"
    )


@pytest.fixture(scope="module")  # this module's own database, in place of the session one
async def engine(server_url, test_settings, tmp_path_factory) -> AsyncIterator[AsyncEngine]:
    folder = tmp_path_factory.mktemp("recommend_regions") / "transactions"
    folder.mkdir()
    shipped = data_dir() / "transactions"
    with (shipped / "seoul_apt_trade_2020_2024.csv").open(encoding="utf-8") as f:
        reader = csv.DictReader(f)
        rows = [r for r in reader if r["구코드"] == SEOUL_JUNG and r["거래년도"] == "2024"]
        header = list(reader.fieldnames or [])
    with (folder / "seoul_apt_trade_2024.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)
    for stem in ("bundang_apt_trade_2024", "bundang_apt_rent_2024"):
        for suffix in (".csv", ".preamble.txt"):
            shutil.copy(shipped / f"{stem}{suffix}", folder / f"{stem}{suffix}")
    name = f"budongsan_recommend_regions_{uuid.uuid4().hex[:8]}"
    url = await create_database(server_url, name)
    engine = create_engine(url, test_settings)
    try:
        await migrate(engine, url)
        await load_all(engine, folder.parent, progress=False)
        async with engine.begin() as conn:
            await conn.execute(
                text(_relabel_sql("apt_trades", _TRADE_COLUMNS, SEOUL_JUNG, BUSAN_JUNG, "중구"))
            )
            await conn.execute(text(_relabel_sql("apt_rents", _RENT_COLUMNS, BUNDANG, HAEUNDAE, "해운대구")))
        yield engine
    finally:
        await engine.dispose()
        await drop_database(server_url, name)


async def window_count(engine: AsyncEngine, code: str, dong: str, complex_name: str) -> int:
    """Uncancelled sales of one complex in the latest WINDOW_MONTHS of the matching rows, by SQL."""
    sql = text(
        "WITH m AS (SELECT * FROM apt_trades WHERE dong = :dong AND cancelled IS NOT TRUE) "
        "SELECT count(*) FROM m WHERE sigungu_code = :code AND complex_name = :complex "
        "AND contract_date > (SELECT max(contract_date) FROM m) - make_interval(months => :months)"
    )
    params = {"code": code, "dong": dong, "complex": complex_name, "months": WINDOW_MONTHS}
    async with engine.connect() as conn:
        return int(await conn.scalar(sql, params))


# --- recommendations ------------------------------------------------------------------------------


async def test_two_jung_complexes_of_one_name_stay_apart_and_say_their_sido(engine: AsyncEngine) -> None:
    found = await recommend_complexes(engine, Slots(deal_type="매매", dong=SHARED_DONG))
    assert found.complexes
    assert {c.sigungu_code for c in found.complexes} == {SEOUL_JUNG, BUSAN_JUNG}
    for c in found.complexes:
        assert c.sigungu == {SEOUL_JUNG: "서울 중구", BUSAN_JUNG: "부산 중구"}[c.sigungu_code]
        assert c.count == await window_count(engine, c.sigungu_code, c.dong, c.complex)
    # The copies have equal counts: grouped by name, each pair would have merged into one doubled count.
    names = [(c.dong, c.complex) for c in found.complexes]
    assert any(names.count(n) == 2 for n in names)


async def test_a_region_given_keeps_to_its_code(engine: AsyncEngine) -> None:
    busan = await recommend_complexes(engine, Slots(deal_type="매매", sigungu="부산 중구"))
    assert busan.complexes and {(c.sigungu_code, c.sigungu) for c in busan.complexes} == {
        (BUSAN_JUNG, "부산 중구")
    }
    bundang = await recommend_complexes(engine, Slots(deal_type="매매", sigungu_code=BUNDANG))
    assert bundang.complexes and {c.sigungu for c in bundang.complexes} == {"분당구"}  # a name no one shares


async def test_rent_note_names_every_region_with_rent_data(engine: AsyncEngine) -> None:
    coverage = await load_coverage(engine)
    anywhere = await recommend_complexes(engine, Slots(deal_type="전세"), coverage)
    assert anywhere.notes == [
        "전세 실거래 자료는 부산 해운대구, 성남시 분당구에만 있어, 전세 추천은 그 지역들 안에서만 가능합니다."
    ]
    assert {c.sigungu_code for c in anywhere.complexes} <= {BUNDANG, HAEUNDAE}
    synced = await recommend_complexes(engine, Slots(deal_type="월세", sigungu_code=HAEUNDAE), coverage)
    assert synced.complexes and synced.notes == []  # the synced 구 has 월세: nothing to warn about
    seoul = await recommend_complexes(engine, Slots(deal_type="전세", sigungu="서울 중구"), coverage)
    assert not seoul.complexes and "부산 해운대구, 성남시 분당구에만" in seoul.notes[-1]


async def test_rent_note_comes_from_the_coverage_given(engine: AsyncEngine) -> None:
    """The server's registry and a coverage read from the data give one answer; a coverage with
    분당 as the only 전월세 region gives the sentence the snapshot always had."""
    registry = CoverageRegistry(engine, _constant)
    slots = Slots(deal_type="전세")
    from_registry = await recommend_complexes(engine, slots, await registry.current())
    async with engine.connect() as conn:
        read_itself = await recommend_complexes(conn, slots)
    assert from_registry == read_itself
    full = await load_coverage(engine)
    snapshot = Coverage(tuple(s for s in full.spans if s.sigungu_code != HAEUNDAE), full.laws)
    only_bundang = await recommend_complexes(engine, slots, snapshot)
    assert only_bundang.notes == [
        "전세 실거래 자료는 성남시 분당구만 있어, 전세 추천은 성남시 분당구 안에서만 가능합니다."
    ]


async def _constant() -> int:
    return 1


# --- remembered regions ---------------------------------------------------------------------------


async def new_user(engine: AsyncEngine) -> uuid.UUID:
    async with engine.begin() as conn:
        sql = text("INSERT INTO users (email) VALUES (:email) RETURNING id")
        return (await conn.execute(sql, {"email": f"{uuid.uuid4().hex}@example.kr"})).scalar_one()


async def apply(engine: AsyncEngine, user: uuid.UUID, *facts: Fact) -> list[preferences.PreferenceChange]:
    async with engine.begin() as conn:
        return await preferences.apply_facts(conn, user, list(facts), Provenance())


async def region_rows(engine: AsyncEngine, user: uuid.UUID) -> list[dict[str, Any]]:
    sql = text(
        "SELECT preference_id, value, valid_to FROM user_preferences WHERE user_id = :u AND key = 'region' "
        "ORDER BY id"
    )
    async with engine.connect() as conn:
        return [dict(r) for r in (await conn.execute(sql, {"u": user})).mappings()]


async def test_a_row_stored_by_name_is_the_same_region_and_busan_jung_is_another(engine: AsyncEngine) -> None:
    user = await new_user(engine)
    async with engine.begin() as conn:  # a 서울 중구 preference as it was stored before this change
        await conn.execute(
            text(
                "INSERT INTO user_preferences (user_id, key, value, confidence) "
                "VALUES (:u, 'region', CAST(:v AS jsonb), 0.8)"
            ),
            {"u": user, "v": '{"sigungu": "중구", "sigungu_code": "11140", "dong": null}'},
        )
    [legacy] = await region_rows(engine, user)
    seoul = extract_facts(
        "서울 중구 아파트 찾고 있어요",
        Slots(sigungu="서울 중구", sigungu_code=SEOUL_JUNG),
        Intent.PROPERTY_SEARCH,
    )
    busan = extract_facts(
        "부산 중구 아파트 찾고 있어요",
        Slots(sigungu="부산 중구", sigungu_code=BUSAN_JUNG),
        Intent.PROPERTY_SEARCH,
    )
    [confirmed] = await apply(engine, user, *seoul)
    assert (confirmed.kind, confirmed.preference_id) == ("confirmed", legacy["preference_id"])
    [added] = await apply(engine, user, *busan)
    assert added.kind == "added" and added.preference_id != legacy["preference_id"]
    current = [r for r in await region_rows(engine, user) if r["valid_to"] is None]
    assert [r["value"]["sigungu_code"] for r in current] == [SEOUL_JUNG, BUSAN_JUNG]
    async with engine.connect() as conn:
        labels = {p.label for p in await preferences.list_current(conn, user)}
    assert labels == {"선호 지역: 서울 중구", "선호 지역: 부산 중구"}
    # The user corrects 부산 중구 to a bare "중구" (서울's): it takes the place of the old 서울 중구 row.
    async with engine.begin() as conn:
        corrected = await preferences.update(conn, user, added.preference_id, "중구")
    assert corrected is not None and corrected.value.sigungu_code == SEOUL_JUNG
    current = [r for r in await region_rows(engine, user) if r["valid_to"] is None]
    assert [(r["preference_id"], r["value"]) for r in current] == [
        (added.preference_id, {"sigungu": "서울 중구", "sigungu_code": SEOUL_JUNG, "dong": None})
    ]


async def test_a_remembered_synced_region_drives_an_open_recommendation(engine: AsyncEngine) -> None:
    user = await new_user(engine)
    said = "부산광역시 중구 아파트 매매 찾고 있어요"
    facts = extract_facts(
        said, Slots(sigungu="부산 중구", sigungu_code=BUSAN_JUNG, deal_type="매매"), Intent.PROPERTY_SEARCH
    )
    await apply(engine, user, *facts)
    async with engine.connect() as conn:
        recall = await recall_for_planning(
            conn, user, "추천해줘", Slots(), wants_previous=False, budget=RecallBudget()
        )
    slots = recall.slots_from_memory
    assert (slots.sigungu, slots.sigungu_code, slots.deal_type) == ("부산 중구", BUSAN_JUNG, "매매")
    found = await recommend_complexes(engine, slots)
    assert found.complexes and {(c.sigungu_code, c.sigungu) for c in found.complexes} == {
        (BUSAN_JUNG, "부산 중구")
    }
