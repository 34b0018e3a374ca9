"""search_trades / search_rents over the real data: filters, ordering, the 20-row cap, sources."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text

from agents.domain.slots import Slots
from agents.tools.transactions import ToolInputError, search_rents, search_trades

EUNMA_84_2024 = Slots(
    sigungu="강남구",
    dong="대치동",
    complex="은마",
    complex_id="11680-218",
    area_min_m2=83.0,
    area_max_m2=86.0,
    period_from="2024-01-01",
    period_to="2024-12-31",
)


async def fetch(engine, sql: str, **params: Any) -> list[Any]:
    async with engine.connect() as conn:
        return list((await conn.execute(text(sql), params)).all())


async def test_eunma_84_trades_in_2024(loaded_engine):
    want = await fetch(
        loaded_engine,
        "SELECT id, contract_date, price_manwon, floor FROM apt_trades"
        " WHERE complex_id = '11680-218' AND area_m2 BETWEEN 84 AND 85"
        " AND contract_date >= '2024-01-01' AND contract_date <= '2024-12-31'"
        " ORDER BY contract_date DESC, id DESC",
    )
    result = await search_trades(loaded_engine, EUNMA_84_2024)
    assert result.total_count == len(want) > 20
    assert [(r.source.id, r.price_manwon, r.floor) for r in result.rows] == [
        (w.id, w.price_manwon, w.floor) for w in want[:20]
    ]
    first = result.rows[0]
    assert (first.sigungu, first.dong, first.complex, first.complex_id) == (
        "강남구",
        "대치동",
        "은마",
        "11680-218",
    )
    assert first.build_year == 1979
    assert first.source.type == "trade" and first.source.table == "apt_trades"
    assert first.source.source_file == "seoul_apt_trade_2020_2024.csv"
    assert result.filters["complex_id"] == "11680-218"
    assert any("해제" in n for n in result.notes)  # Seoul data cannot tell cancelled deals apart


async def test_rows_are_newest_first_and_capped_at_20(loaded_engine):
    result = await search_trades(loaded_engine, Slots(sigungu="송파구"), limit=500)
    assert result.returned == 20 and result.total_count > 1000
    dates = [r.contract_date for r in result.rows]
    assert dates == sorted(dates, reverse=True)
    few = await search_trades(loaded_engine, Slots(sigungu="송파구"), limit=3)
    assert few.returned == 3 and few.total_count == result.total_count


async def test_source_points_at_the_original_file_line(loaded_engine):
    result = await search_rents(loaded_engine, Slots(sigungu="분당구", deal_type="전세"), limit=1)
    (row,) = result.rows
    (stored,) = await fetch(
        loaded_engine,
        "SELECT source_file, source_line, deposit_manwon FROM apt_rents WHERE id = :id",
        id=row.source.id,
    )
    assert (row.source.source_file, row.source.source_line) == (stored.source_file, stored.source_line)
    assert stored.source_file.startswith("bundang_apt_rent_")
    assert row.deposit_manwon == stored.deposit_manwon


async def test_jeongja_jeonse_under_5eok_30pyeong(loaded_engine):
    slots = Slots(
        sigungu="분당구",
        dong="정자동",
        deal_type="전세",
        price_max_manwon=50000,
        area_min_m2=99.17,
        area_max_m2=132.23,
    )
    (want,) = await fetch(
        loaded_engine,
        "SELECT count(*) AS n FROM apt_rents WHERE dong = '정자동' AND rent_type = '전세'"
        " AND deposit_manwon <= 50000 AND area_m2 >= 99.17 AND area_m2 < 132.23",
    )
    result = await search_rents(loaded_engine, slots)
    assert result.total_count == want.n > 0
    assert all(r.rent_type == "전세" and r.monthly_rent_manwon == 0 for r in result.rows)
    assert all(r.deposit_manwon <= 50000 and 99.17 <= r.area_m2 < 132.23 for r in result.rows)


async def test_monthly_rent_cap_applies_to_wolse(loaded_engine):
    result = await search_rents(
        loaded_engine, Slots(sigungu="분당구", deal_type="월세", monthly_rent_max_manwon=50)
    )
    assert result.total_count > 0
    assert all(r.rent_type == "월세" and r.monthly_rent_manwon <= 50 for r in result.rows)


async def test_rents_without_deal_type_include_both_kinds(loaded_engine):
    (want,) = await fetch(loaded_engine, "SELECT count(*) AS n FROM apt_rents WHERE dong = '서현동'")
    result = await search_rents(loaded_engine, Slots(sigungu="분당구", dong="서현동"))
    assert result.total_count == want.n


async def test_area_band_is_half_open(loaded_engine):
    """[99.17, 132.23) and [132.23, …) never count the same contract twice."""
    base = {"sigungu": "분당구", "deal_type": "전세"}
    low = await search_rents(loaded_engine, Slots(**base, area_min_m2=99.17, area_max_m2=132.23))
    high = await search_rents(loaded_engine, Slots(**base, area_min_m2=132.23))
    both = await search_rents(loaded_engine, Slots(**base, area_min_m2=99.17))
    assert low.total_count + high.total_count == both.total_count


async def test_region_not_in_the_data_is_empty_and_says_so(loaded_engine):
    result = await search_trades(loaded_engine, Slots(sigungu="해운대구", dong="우동"))
    assert (result.total_count, result.rows) == (0, [])
    assert any("해운대구" in n for n in result.notes)


async def test_complex_not_in_the_data_is_empty_and_says_so(loaded_engine):
    result = await search_trades(loaded_engine, Slots(sigungu="강남구", complex="없는아파트"))
    assert result.total_count == 0
    assert any("자료가 없습니다" in n for n in result.notes)


async def test_seoul_has_no_rent_data_and_the_answer_says_so(loaded_engine):
    result = await search_rents(loaded_engine, Slots(sigungu="강남구", deal_type="전세"))
    assert result.total_count == 0
    assert any("전월세 자료가 없습니다" in n for n in result.notes)


async def test_conditions_that_exclude_everything_are_told_apart_from_a_missing_place(loaded_engine):
    result = await search_trades(loaded_engine, Slots(complex="은마", price_max_manwon=1))
    assert result.total_count == 0
    assert any("조건에 맞는 거래가 없습니다" in n for n in result.notes)


@pytest.mark.parametrize(
    "value",
    [
        "'; DROP TABLE apt_trades; --",
        "은마' OR '1'='1",
        "%",
        "_",
        "\\",
        "없는\x00단지",
        "' UNION SELECT 1 --",
    ],
)
async def test_sql_looking_input_is_just_a_value(loaded_engine, value):
    result = await search_trades(loaded_engine, Slots(complex=value))
    assert result.total_count == 0
    (still,) = await fetch(loaded_engine, "SELECT count(*) AS n FROM apt_trades")
    assert still.n > 0


async def test_cancelled_bundang_trades_are_left_out_of_rows(loaded_engine):
    (want,) = await fetch(
        loaded_engine,
        "SELECT count(*) FILTER (WHERE NOT cancelled) AS kept, count(*) FILTER (WHERE cancelled) AS dropped"
        " FROM apt_trades WHERE sigungu_code = '41135' AND contract_date >= '2025-01-01'",
    )
    result = await search_trades(loaded_engine, Slots(sigungu="분당구", period_from="2025-01-01"))
    assert (result.total_count, result.cancelled_excluded) == (want.kept, want.dropped)
    cancelled_ids = {
        r.id
        for r in await fetch(
            loaded_engine, "SELECT id FROM apt_trades WHERE cancelled AND sigungu_code = '41135'"
        )
    }
    assert not cancelled_ids & {r.source.id for r in result.rows}


async def test_malformed_period_is_a_tool_input_error(loaded_engine):
    with pytest.raises(ToolInputError):
        await search_trades(loaded_engine, Slots(sigungu="강남구", period_from="2024-13-01"))


async def test_result_serializes_to_json(loaded_engine):
    result = await search_trades(loaded_engine, EUNMA_84_2024, limit=2)
    data = result.model_dump(mode="json")
    assert data["rows"][0]["contract_date"].startswith("2024-")
    assert data["rows"][0]["source"]["type"] == "trade"
