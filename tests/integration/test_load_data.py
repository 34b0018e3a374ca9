"""`budongsan load-data` against real Postgres: the full ../shared/data set, and small broken copies of it."""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import Row, text
from sqlalchemy.ext.asyncio import AsyncEngine

from backend.data_import import DataFileError, load_all, tables_are_empty
from backend.db import DatabaseUrl, create_engine
from backend.migrate import run_alembic
from backend.settings import Settings
from tests.conftest import create_database, data_dir, drop_database

SEOUL_TRADES = 233_565
BUNDANG_TRADES = 26_235
BUNDANG_RENTS = 103_863
LAW_FILES = 14
LAW_ARTICLES = 1_658  # the `#####` article headings of the 14 files' main text (SOURCES.md)


async def scalar(engine: AsyncEngine, sql: str, **params: object) -> object:
    async with engine.connect() as conn:
        return await conn.scalar(text(sql), params)


async def one(engine: AsyncEngine, sql: str, **params: object) -> Row:
    async with engine.connect() as conn:
        return (await conn.execute(text(sql), params)).one()


async def table_counts(engine: AsyncEngine) -> dict[str, int]:
    tables = ("apt_trades", "apt_rents", "law_articles", "data_files")
    return {t: int(await scalar(engine, f"SELECT count(*) FROM {t}")) for t in tables}  # type: ignore[arg-type]


@pytest.fixture
async def fresh_engine(server_url: DatabaseUrl, test_settings: Settings) -> AsyncIterator[AsyncEngine]:
    """An empty database at our schema head, for tests that must not touch the shared loaded one."""
    name = f"budongsan_test_load_{uuid.uuid4().hex[:8]}"
    url = await create_database(server_url, name)
    engine = create_engine(url, test_settings)
    try:
        await run_alembic(engine, "upgrade", "head")
        yield engine
    finally:
        await engine.dispose()
        await drop_database(server_url, name)


def copy_head(source: str, dest: Path, rows: int, prefix: str = "") -> Path:
    """The header and first `rows` data rows of a real data file, optionally below some preamble text."""
    lines = (data_dir() / source).read_text(encoding="utf-8").splitlines(keepends=True)
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(prefix + "".join(lines[: rows + 1]), encoding="utf-8")
    return dest


def break_line(path: Path, line: int, old: str, new: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert old in lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    path.write_text("".join(lines), encoding="utf-8")


# --- the full data set (loaded once per test session) -------------------------------------------------


async def test_full_load_stores_every_row_of_every_file(loaded_engine):
    trades = "SELECT count(*) FROM apt_trades WHERE source_file LIKE :pattern"
    assert await scalar(loaded_engine, trades, pattern="seoul_apt_trade_%") == SEOUL_TRADES
    assert await scalar(loaded_engine, trades, pattern="bundang_apt_trade_%") == BUNDANG_TRADES
    assert await scalar(loaded_engine, "SELECT count(*) FROM apt_rents") == BUNDANG_RENTS
    law_files = "SELECT count(*) FROM data_files WHERE target_table = 'law_articles'"
    assert await scalar(loaded_engine, law_files) == LAW_FILES
    assert await scalar(loaded_engine, "SELECT count(*) FROM law_articles") == LAW_ARTICLES


async def test_each_file_is_recorded_with_its_hash_and_row_count(loaded_engine):
    async with loaded_engine.connect() as conn:
        recorded = {r.path: r for r in await conn.execute(text("SELECT * FROM data_files"))}
        stored = dict(
            (
                await conn.execute(
                    text(
                        "SELECT source_file, count(*) FROM apt_trades GROUP BY 1 UNION ALL "
                        "SELECT source_file, count(*) FROM apt_rents GROUP BY 1 UNION ALL "
                        "SELECT source_file, count(*) FROM law_articles GROUP BY 1"
                    )
                )
            ).all()
        )
    assert len(recorded) == 27
    for path, row in recorded.items():
        assert row.sha256 == hashlib.sha256((data_dir() / path).read_bytes()).hexdigest()
        assert row.rows == stored[Path(path).name]


async def test_eunma_in_daechi_is_stored_with_its_complex_id(loaded_engine):
    first_sale = (
        "SELECT * FROM apt_trades WHERE complex_name = '은마' AND dong = '대치동' "
        "ORDER BY contract_date, source_line LIMIT 1"
    )
    row = await one(loaded_engine, first_sale)
    assert (row.sigungu_code, row.sigungu_name, row.complex_id) == ("11680", "강남구", "11680-218")
    assert row.contract_date == dt.date(2020, 1, 14)
    assert row.price_manwon == 220_000
    assert row.cancelled is None  # kpubdata cannot tell


async def test_seoul_cancellation_is_unknown_not_false(loaded_engine):
    sql = "SELECT count(*) FROM apt_trades WHERE sigungu_code LIKE '11%' AND cancelled IS NOT NULL"
    assert await scalar(loaded_engine, sql) == 0


async def test_bundang_cancelled_sale_is_flagged_with_its_date_and_source_line(loaded_engine):
    at_line = "SELECT * FROM apt_trades WHERE source_file = :file AND source_line = :line"
    row = await one(loaded_engine, at_line, file="bundang_apt_trade_2021.csv", line=52)
    source_line = (data_dir() / "transactions/bundang_apt_trade_2021.csv").read_text().splitlines()[51]
    assert source_line.startswith("51,경기도 성남시 분당구 금곡동,133,")
    assert (row.sigungu_code, row.sigungu_name, row.dong) == ("41135", "분당구", "금곡동")
    assert row.complex_name == "청솔마을(주공9단지)"
    assert row.complex_id is None
    assert (row.cancelled, row.cancel_date) == (True, dt.date(2022, 1, 24))
    assert (row.contract_date, row.price_manwon) == (dt.date(2021, 12, 15), 68_000)
    cancelled = "SELECT count(*) FROM apt_trades WHERE source_file LIKE 'bundang%' AND cancelled"
    assert await scalar(loaded_engine, cancelled) == 1_088


async def test_renewed_lease_keeps_its_previous_terms(loaded_engine):
    at_line = "SELECT * FROM apt_rents WHERE source_file = :file AND source_line = :line"
    row = await one(loaded_engine, at_line, file="bundang_apt_rent_2023.csv", line=3)
    assert (row.complex_name, row.dong, row.rent_type) == ("파크타운(삼익)", "수내동", "전세")
    assert (row.deposit_manwon, row.monthly_rent_manwon) == (117_000, 0)
    assert (row.contract_kind, row.renewal_right_used, row.contract_term) == ("갱신", True, "202401~202601")
    assert (row.prev_deposit_manwon, row.prev_monthly_rent_manwon) == (127_000, 0)
    used = "SELECT count(*) FROM apt_rents WHERE renewal_right_used"
    assert await scalar(loaded_engine, used) == 14_968


async def test_lease_protection_act_article_6_3_is_stored_with_title_and_text(loaded_engine):
    article = (
        "SELECT * FROM law_articles WHERE law_name = '주택임대차보호법' AND kind = '법률' "
        "AND article_no = 6 AND article_sub = 3"
    )
    row = await one(loaded_engine, article)
    assert row.title == "계약갱신 요구 등"
    assert row.body.startswith("**①** 제6조에도 불구하고 임대인은 임차인이 제6조제1항 전단의 기간 이내에")
    assert "임차인은 제1항에 따른 계약갱신요구권을 1회에 한하여 행사할 수 있다" in row.body
    assert row.effective_date == dt.date(2026, 1, 2)
    assert row.source_url == "https://www.law.go.kr/법령/주택임대차보호법"


async def test_supplementary_provisions_are_not_loaded_as_articles(loaded_engine):
    sql = "SELECT count(*), max(article_no) FROM law_articles WHERE law_name = '주택임대차보호법'"
    assert tuple(await one(loaded_engine, sql)) == (42, 31)


async def test_statute_kinds_are_law_decree_rule_or_regulation(loaded_engine):
    async with loaded_engine.connect() as conn:
        kinds = dict(
            (
                await conn.execute(text("SELECT kind, count(DISTINCT law_name) FROM law_articles GROUP BY 1"))
            ).all()
        )
    assert kinds == {"법률": 6, "시행령": 5, "시행규칙": 2, "규칙": 1}


async def test_second_load_adds_nothing(loaded_engine):
    before = await table_counts(loaded_engine)
    report = await load_all(loaded_engine, data_dir(), progress=False)
    assert {f.status for f in report.files} == {"unchanged"}
    assert report.rows_added == {"apt_trades": 0, "apt_rents": 0, "law_articles": 0}
    assert sum(report.rows_by_file.values()) == SEOUL_TRADES + BUNDANG_TRADES + BUNDANG_RENTS + LAW_ARTICLES
    assert await table_counts(loaded_engine) == before


async def test_tables_are_empty_until_data_is_loaded(fresh_engine, loaded_engine):
    assert await tables_are_empty(fresh_engine)
    assert not await tables_are_empty(loaded_engine)


# --- small copies in a tmp folder, each in its own fresh database --------------------------------------


async def test_malformed_row_rolls_back_its_whole_file_and_names_file_and_line(fresh_engine, tmp_path):
    good = copy_head("transactions/bundang_apt_trade_2022.csv", tmp_path / "transactions/good_trades.csv", 20)
    bad = copy_head("transactions/bundang_apt_rent_2022.csv", tmp_path / "transactions/bad_rents.csv", 30)
    break_line(bad, 25, ",전세,", ",반전세,")

    with pytest.raises(DataFileError) as caught:
        await load_all(fresh_engine, tmp_path, progress=False)

    assert str(caught.value).startswith(
        "bad_rents.csv, line 25: column 전월세구분: '반전세' is not 전세 or 월세"
    )
    assert (caught.value.file, caught.value.line) == ("bad_rents.csv", 25)
    counts = await table_counts(fresh_engine)
    assert counts["apt_rents"] == 0  # not the 23 rows above the bad one
    assert counts["apt_trades"] == 20  # the other file still loads
    assert (
        await scalar(fresh_engine, "SELECT string_agg(path, ',') FROM data_files")
        == good.relative_to(tmp_path).as_posix()
    )


async def test_fixed_file_loads_on_the_next_run(fresh_engine, tmp_path):
    bad = copy_head("transactions/bundang_apt_rent_2022.csv", tmp_path / "transactions/rents.csv", 30)
    break_line(bad, 10, '"', "")  # one quote too few: the row no longer has 21 fields
    with pytest.raises(DataFileError, match=r"rents\.csv, line 10: expected 21 fields"):
        await load_all(fresh_engine, tmp_path, progress=False)

    copy_head("transactions/bundang_apt_rent_2022.csv", bad, 30)
    report = await load_all(fresh_engine, tmp_path, progress=False)
    assert report.rows_by_file == {"transactions/rents.csv": 30}


async def test_broken_new_version_keeps_the_rows_of_the_old_one(fresh_engine, tmp_path):
    path = copy_head("transactions/bundang_apt_trade_2023.csv", tmp_path / "trades.csv", 30)
    await load_all(fresh_engine, tmp_path, progress=False)
    break_line(path, 5, "아파트", "아파트,extra")

    with pytest.raises(DataFileError, match=r"trades\.csv, line 5: expected 21 fields"):
        await load_all(fresh_engine, tmp_path, progress=False)
    assert (await table_counts(fresh_engine))["apt_trades"] == 30


async def test_wrong_columns_name_the_file_and_the_expected_columns(fresh_engine, tmp_path):
    path = copy_head("transactions/bundang_apt_rent_2024.csv", tmp_path / "rents.csv", 5)
    break_line(path, 1, "보증금(만원)", "보증금")

    with pytest.raises(DataFileError) as caught:
        await load_all(fresh_engine, tmp_path, progress=False)

    message = str(caught.value)
    assert message.startswith(
        "rents.csv, line 1: columns do not match the rt.molit.go.kr 아파트(전월세) export"
    )
    assert "missing 보증금(만원)" in message
    assert (
        "expected columns: 시군구, 번지, 단지명, 전월세구분, 전용면적(㎡), 계약년월, 계약일, 보증금(만원)"
        in message
    )
    assert (await table_counts(fresh_engine))["apt_rents"] == 0


async def test_original_export_with_preamble_lines_loads_with_physical_line_numbers(fresh_engine, tmp_path):
    preamble = (data_dir() / "transactions/bundang_apt_rent_2021.preamble.txt").read_text(encoding="utf-8")
    preamble_lines = preamble.count("\n")
    copy_head("transactions/bundang_apt_rent_2021.csv", tmp_path / "export.csv", 40, prefix=preamble)

    report = await load_all(fresh_engine, tmp_path, progress=False)

    assert report.rows_by_file == {"export.csv": 40}
    lines = await one(fresh_engine, "SELECT min(source_line), max(source_line) FROM apt_rents")
    assert tuple(lines) == (preamble_lines + 2, preamble_lines + 41)


async def test_changed_file_replaces_its_rows(fresh_engine, tmp_path):
    path = copy_head("transactions/bundang_apt_trade_2024.csv", tmp_path / "trades.csv", 30)
    await load_all(fresh_engine, tmp_path, progress=False)
    copy_head("transactions/bundang_apt_trade_2024.csv", path, 12)

    report = await load_all(fresh_engine, tmp_path, progress=False)

    assert [(f.status, f.rows) for f in report.files] == [("replaced", 12)]
    assert (await table_counts(fresh_engine))["apt_trades"] == 12
    recorded = await scalar(fresh_engine, "SELECT sha256 FROM data_files WHERE path = 'trades.csv'")
    assert recorded == hashlib.sha256(path.read_bytes()).hexdigest()


async def test_same_statute_in_two_files_is_reported_and_the_second_is_not_stored(fresh_engine, tmp_path):
    statute = (data_dir() / "law/주택임대차보호법_법률.md").read_bytes()
    (tmp_path / "law").mkdir()
    (tmp_path / "law/a_법률.md").write_bytes(statute)
    (tmp_path / "law/b_법률.md").write_bytes(statute)

    with pytest.raises(DataFileError, match=r"b_법률\.md: rejected by the database: duplicate key"):
        await load_all(fresh_engine, tmp_path, progress=False)
    assert await scalar(fresh_engine, "SELECT count(*) FROM law_articles") == 42


async def test_concurrent_loads_store_each_file_once(fresh_engine, tmp_path):
    copy_head("transactions/bundang_apt_trade_2025.csv", tmp_path / "t/trades.csv", 200)
    copy_head("transactions/bundang_apt_rent_2025.csv", tmp_path / "t/rents.csv", 300)

    reports = await asyncio.gather(*(load_all(fresh_engine, tmp_path, progress=False) for _ in range(3)))

    assert sum(r.rows_added["apt_trades"] for r in reports) == 200
    counts = await table_counts(fresh_engine)
    assert (counts["apt_trades"], counts["apt_rents"], counts["data_files"]) == (200, 300, 2)


async def test_progress_prints_a_line_per_file_to_stderr(fresh_engine, tmp_path, capsys):
    copy_head("transactions/bundang_apt_trade_2022.csv", tmp_path / "trades.csv", 10)

    await load_all(fresh_engine, tmp_path, progress=True)
    await load_all(fresh_engine, tmp_path, progress=True)

    # Each file is announced, then its line is rewritten in place ("\r" + erase line) when it is done.
    raw = capsys.readouterr().err
    err = [line.rsplit("\r", 1)[-1].removeprefix("\x1b[2K") for line in raw.split("\n") if line]
    assert raw.startswith("[1/1] trades.csv …\r")
    assert err[0].startswith("[1/1] trades.csv → apt_trades: 10 rows loaded in ")
    assert err[1:] == ["[1/1] trades.csv: unchanged, skipped"]  # the summary line is the CLI's
