"""Migration 0004 (stable preference ids, budgets per deal type) on data written by the old model:
nothing is lost, every id the API handed out still resolves, and downgrade gives the rows back."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from backend.migrate import run_alembic
from memory import preferences
from tests.conftest import create_database, drop_database

PREVIOUS_HEAD = "0003_recall_index"
T0 = dt.datetime(2025, 3, 1, 9, 0, tzinfo=dt.UTC)
OLD_COLUMNS = (
    "id, user_id, key, value, confidence, mention_count, source, source_session_id, source_message_id, "
    "valid_from, valid_to, updated_at"
)
SONGPA = {"sigungu": "송파구", "sigungu_code": "11710", "dong": None}
GANGNAM = {"sigungu": "강남구", "sigungu_code": "11680", "dong": None}
SEOCHO = {"sigungu": "서초구", "sigungu_code": "11650", "dong": None}


def at(hours: int) -> dt.datetime:
    return T0 + dt.timedelta(hours=hours)


class Seeder:
    """Rows as the pre-0004 code wrote them (one user_preferences row per value)."""

    def __init__(self, conn: Any) -> None:
        self.conn = conn
        self.ids: dict[str, int] = {}

    async def user(self) -> uuid.UUID:
        sql = text("INSERT INTO users (email) VALUES (:e) RETURNING id")
        return (await self.conn.execute(sql, {"e": f"{uuid.uuid4().hex}@example.kr"})).scalar_one()

    async def message(self, user: uuid.UUID, content: str, slots: dict[str, Any] | None = None) -> tuple:
        session = text("INSERT INTO chat_sessions (user_id) VALUES (:u) RETURNING session_id")
        session_id = (await self.conn.execute(session, {"u": user})).scalar_one()
        msg = text(
            "INSERT INTO chat_messages (session_id, turn_id, role, content) "
            "VALUES (:s, gen_random_uuid(), 'user', :c) RETURNING id"
        )
        message_id = (await self.conn.execute(msg, {"s": session_id, "c": content})).scalar_one()
        if slots is not None:
            await self.conn.execute(
                text(
                    "INSERT INTO conversation_memories (user_id, session_id, message_id, query, "
                    "response_summary, intent, slots) VALUES (:u, :s, :m, :q, '요약', 'PROPERTY_SEARCH', "
                    "CAST(:slots AS jsonb))"
                ),
                {"u": user, "s": session_id, "m": message_id, "q": content, "slots": json.dumps(slots)},
            )
        return session_id, message_id

    async def pref(
        self,
        name: str,
        user: uuid.UUID,
        key: str,
        value: Any,
        start: int,
        end: int | None = None,
        *,
        source: str = "extracted",
        confidence: float = 0.8,
        mentions: int = 1,
        origin: tuple | None = None,
    ) -> None:
        session_id, message_id = origin or (None, None)
        sql = text(
            "INSERT INTO user_preferences (user_id, key, value, confidence, mention_count, source, "
            "source_session_id, source_message_id, valid_from, valid_to, updated_at) "
            "VALUES (:u, :k, CAST(:v AS jsonb), :c, :n, :src, :s, :m, :f, :t, :up) RETURNING id"
        )
        params = {
            "u": user,
            "k": key,
            "v": json.dumps(value, ensure_ascii=False),
            "c": confidence,
            "n": mentions,
            "src": source,
            "s": session_id,
            "m": message_id,
            "f": at(start),
            "t": at(end) if end is not None else None,
            "up": at(end if end is not None else start),
        }
        self.ids[name] = (await self.conn.execute(sql, params)).scalar_one()


async def seed(conn: Any) -> tuple[Seeder, dict[str, uuid.UUID]]:
    s = Seeder(conn)
    a, b, c = await s.user(), await s.user(), await s.user()
    # A: 매매 6억 → "예산이 8억으로 늘었어" → corrected to 8.5억 in the memory panel → 전세 4억.
    m1 = await s.message(a, "송파구 매매 6억 이하 찾고 있어요", {"deal_type": "매매"})
    m2 = await s.message(a, "예산이 8억으로 늘었어")
    m3 = await s.message(a, "전세로 바꿀게, 4억 이하로")
    await s.pref("a_deal_sale", a, "deal_type", "매매", 0, 30, origin=m1)
    await s.pref("a_budget_6", a, "budget_max_manwon", 60000, 0, 10, origin=m1)
    await s.pref("a_budget_8", a, "budget_max_manwon", 80000, 10, 20, confidence=0.9, origin=m2)
    await s.pref("a_budget_85", a, "budget_max_manwon", 85000, 20, 30, source="user", confidence=1.0)
    await s.pref("a_budget_4", a, "budget_max_manwon", 40000, 30, confidence=0.9, origin=m3)
    await s.pref("a_deal_lease", a, "deal_type", "전세", 30, confidence=0.9, origin=m3)
    await s.pref("a_songpa", a, "region", SONGPA, 0, mentions=3, origin=m1)
    await s.pref("a_gangnam", a, "region", GANGNAM, 5, 40)  # corrected to 서초구 at hour 40
    await s.pref("a_seocho", a, "region", SEOCHO, 40, source="user", confidence=1.0)
    await s.pref("a_rooms", a, "rooms", 3, 0, origin=m1)
    # B: a budget nobody can place, a 월세 cap, a budget placed only by its conversation's slots,
    # and a region that was said, dropped and said again (two rows with one value).
    await s.pref("b_budget_unknown", b, "budget_min_manwon", 20000, 0)
    m4 = await s.message(b, "보증금 3천에 월 80 이하", {"deal_type": "월세"})
    await s.pref("b_rent", b, "monthly_rent_max_manwon", 80, 1, origin=m4)
    await s.pref("b_budget_slots", b, "budget_max_manwon", 3000, 1, origin=m4)
    await s.pref(
        "b_mapo_old", b, "region", {"sigungu": "마포구", "sigungu_code": "11440", "dong": None}, 0, 2
    )
    await s.pref("b_mapo", b, "region", {"sigungu": "마포구", "sigungu_code": "11440", "dong": None}, 3)
    await s.pref("b_area", b, "area", {"min_m2": 59.0, "max_m2": 84.9}, 0, 4)  # closed: area kept
    # C: two current budgets (a writer that skipped the lock): both survive.
    await s.pref("c_budget_a", c, "budget_max_manwon", 50000, 0)
    await s.pref("c_budget_b", c, "budget_max_manwon", 55000, 1)
    return s, {"a": a, "b": b, "c": c}


async def snapshot(engine: AsyncEngine) -> dict[int, tuple]:
    async with engine.connect() as conn:
        rows = await conn.execute(text(f"SELECT {OLD_COLUMNS} FROM user_preferences ORDER BY id"))
        return {r[0]: tuple(r) for r in rows}


@pytest.fixture
async def old_db(server_url, test_settings):
    from backend.db import create_engine

    name = f"budongsan_test_pref_{uuid.uuid4().hex[:8]}"
    url = await create_database(server_url, name)
    engine = create_engine(url, test_settings)
    try:
        await run_alembic(engine, "upgrade", PREVIOUS_HEAD)
        yield engine
    finally:
        await engine.dispose()
        await drop_database(server_url, name)


async def test_upgrade_keeps_every_row_and_every_id_resolves_then_downgrade(old_db: AsyncEngine) -> None:
    async with old_db.begin() as conn:
        seeded, users = await seed(conn)
    ids = seeded.ids
    before = await snapshot(old_db)

    await run_alembic(old_db, "upgrade", "head")

    assert await snapshot(old_db) == before  # every row, value, provenance, confidence and window
    async with old_db.connect() as conn:
        result = await conn.execute(text("SELECT id, preference_id, deal_type FROM user_preferences"))
        new = {r.id: (r.preference_id, r.deal_type) for r in result}
    by_name = {name: new[row_id] for name, row_id in ids.items()}
    sale = ids["a_budget_85"]  # the newest row names the preference
    assert {n: by_name[n] for n in ("a_budget_6", "a_budget_8", "a_budget_85")} == {
        "a_budget_6": (sale, "매매"),  # its message says 매매
        "a_budget_8": (sale, "매매"),  # no deal word: the deal_type preference valid then
        "a_budget_85": (sale, "매매"),  # a correction keeps the corrected budget's deal type
    }
    assert by_name["a_budget_4"] == (ids["a_budget_4"], "전세")
    assert by_name["a_deal_sale"] == by_name["a_deal_lease"] == (ids["a_deal_lease"], None)
    assert by_name["a_gangnam"] == by_name["a_seocho"] == (ids["a_seocho"], None)
    assert by_name["a_songpa"] == (ids["a_songpa"], None)
    assert by_name["b_budget_unknown"] == (ids["b_budget_unknown"], "unknown")
    assert by_name["b_rent"] == (ids["b_rent"], "월세")
    assert by_name["b_budget_slots"] == (ids["b_budget_slots"], "월세")
    assert by_name["b_mapo_old"] == by_name["b_mapo"] == (ids["b_mapo"], None)
    assert by_name["b_area"] == (ids["b_area"], None)
    assert by_name["c_budget_a"] == (ids["c_budget_a"], "unknown")
    assert by_name["c_budget_b"] == (ids["c_budget_b"], "unknown")

    # The ids the API listed before (every row's id) still resolve, to the right preference.
    a = users["a"]
    async with old_db.begin() as conn:
        for name, row_id in ids.items():
            user = users[name[0]]
            detail = await preferences.get(conn, user, row_id)
            assert detail is not None, name
            assert detail.id == new[row_id][0]
            assert row_id in {v.version_id for v in detail.history}
        current = await preferences.list_current(conn, a)
        assert {p.version_id for p in current} == {p.id for p in current}  # listed ids unchanged
        sale_history = await preferences.get(conn, a, ids["a_budget_6"])
        assert sale_history is not None and not sale_history.is_current
        assert [v.value for v in sale_history.history] == [85000, 80000, 60000]
        corrected = await preferences.update(conn, a, ids["a_budget_4"], 45000)
        assert corrected is not None and corrected.id == ids["a_budget_4"] and corrected.deal_type == "전세"

    await run_alembic(old_db, "downgrade", PREVIOUS_HEAD)
    after = await snapshot(old_db)
    assert set(after) >= set(before)  # the 4.5억 correction added a row; none went missing
    for row_id, row in before.items():
        if row_id in (ids["a_budget_4"], ids["c_budget_a"]):
            continue  # closed on the way: by the correction, and as one of two current budgets
        assert after[row_id] == row
    assert after[ids["c_budget_a"]][10] == at(1)  # the old model keeps one current budget
    await run_alembic(old_db, "upgrade", "head")
