"""Issue 13 §5: the cardinality table (budgets per deal type, a recency set of regions) and
preferences that keep their id through corrections, against real Postgres."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncEngine

from agents.domain.regions import BY_NAME
from agents.domain.slots import Slots
from memory import preferences
from memory.preferences import REGION_LIMIT, Fact, PreferenceChange, Provenance
from memory.recall import Recall, RecallBudget, recall_for_planning
from tests.integration.test_memory_preferences import new_user, rows

REGIONS = ["송파구", "강남구", "서초구", "마포구", "용산구", "성동구", "분당구"]


async def apply(engine: AsyncEngine, user: uuid.UUID, *facts: Fact, deal_type: str | None = None):
    async with engine.begin() as conn:
        return await preferences.apply_facts(conn, user, list(facts), Provenance(), deal_type=deal_type)


async def recall(engine: AsyncEngine, user: uuid.UUID, slots: Slots | None = None) -> Recall:
    async with engine.connect() as conn:
        return await recall_for_planning(
            conn, user, "추천해줘", slots or Slots(), wants_previous=False, budget=RecallBudget()
        )


def deal(name: str, confidence: float = 0.8) -> Fact:
    return Fact.of("deal_type", name, confidence)


def cap(manwon: int, confidence: float = 0.8) -> Fact:
    return Fact.of("budget_max_manwon", manwon, confidence)


def region(name: str) -> Fact:
    return Fact.of("region", {"sigungu": name}, 0.8)


async def test_each_deal_type_keeps_its_own_budget(engine: AsyncEngine) -> None:
    user = await new_user(engine)
    [_, sale] = await apply(engine, user, deal("매매"), cap(90000))
    [_, lease] = await apply(engine, user, deal("전세"), cap(40000))
    [rent_deposit, rent] = await apply(
        engine, user, cap(5000), Fact.of("monthly_rent_max_manwon", 80, 0.8), deal_type="월세"
    )

    assert [c.kind for c in (sale, lease, rent_deposit, rent)] == ["added"] * 4
    assert (sale.deal_type, lease.deal_type, rent_deposit.deal_type, rent.deal_type) == (
        "매매",
        "전세",
        "월세",
        "월세",
    )
    assert len({sale.preference_id, lease.preference_id, rent_deposit.preference_id}) == 3
    budgets = await rows(engine, user, "budget_max_manwon")
    assert [(r["value"], r["valid_to"]) for r in budgets] == [(90000, None), (40000, None), (5000, None)]

    # Recall hands planning the budget of the request's deal type, never another's.
    assert (await recall(engine, user, Slots(deal_type="매매"))).slots_from_memory.price_max_manwon == 90000
    monthly = (await recall(engine, user, Slots(deal_type="월세"))).slots_from_memory
    assert (monthly.price_max_manwon, monthly.monthly_rent_max_manwon) == (5000, 80)
    # None in the request: the remembered deal type (전세, said last) and its budget.
    open_request = await recall(engine, user)
    assert (open_request.slots_from_memory.deal_type, open_request.slots_from_memory.price_max_manwon) == (
        "전세",
        40000,
    )
    assert open_request.slots_from_memory.monthly_rent_max_manwon is None
    labels = [i.label for i in open_request.preferences if i.data["key"] == "budget_max_manwon"]
    assert labels == ["전세 보증금: 4억 이하"]


async def test_a_budget_without_a_deal_word_takes_the_requests_then_the_remembered_deal_type(
    engine: AsyncEngine,
) -> None:
    user = await new_user(engine)
    [first] = await apply(engine, user, cap(60000))
    assert first.deal_type == "unknown"
    await apply(engine, user, deal("전세"))
    [from_request] = await apply(engine, user, cap(30000), deal_type="매매")
    [from_memory] = await apply(engine, user, cap(35000))

    assert (from_request.deal_type, from_memory.deal_type) == ("매매", "전세")
    # The unknown budget is used only when no deal type is known at all.
    assert (await recall(engine, user, Slots(deal_type="월세"))).slots_from_memory.price_max_manwon is None
    other = await new_user(engine)
    await apply(engine, other, cap(60000))
    assert (await recall(engine, other)).slots_from_memory.price_max_manwon == 60000
    assert (await recall(engine, other, Slots(deal_type="매매"))).slots_from_memory.price_max_manwon is None


async def test_regions_are_a_recency_set_and_recall_offers_only_the_newest(engine: AsyncEngine) -> None:
    user = await new_user(engine)
    added: list[PreferenceChange] = []
    for name in REGIONS[:6]:
        added += await apply(engine, user, region(name))
    async with engine.connect() as conn:
        current = [p for p in await preferences.list_current(conn, user) if p.key == "region"]
    assert [p.value.sigungu for p in current] == REGIONS[1:6][::-1]  # newest first, 송파구 dropped
    assert len(current) == REGION_LIMIT
    assert (await recall(engine, user)).slots_from_memory.sigungu == "성동구"

    [back] = await apply(engine, user, region("송파구"))  # mentioned again: back under its old id
    assert back.preference_id == added[0].preference_id
    assert (await recall(engine, user)).slots_from_memory.sigungu == "송파구"
    [again] = await apply(engine, user, region("용산구"))
    assert again.kind == "confirmed"
    picked = await recall(engine, user)
    assert picked.slots_from_memory.sigungu == "용산구"
    assert [i.data["value"]["sigungu"] for i in picked.preferences if i.data["key"] == "region"] == ["용산구"]
    # A region named in the request wins; memory never adds a second one.
    named = await recall(engine, user, Slots(sigungu="마포구", sigungu_code=BY_NAME["마포구"].code))
    assert named.slots_from_memory.sigungu is None


async def test_a_corrected_preference_keeps_its_id_and_shows_its_history(engine: AsyncEngine) -> None:
    user = await new_user(engine)
    [_, change] = await apply(engine, user, deal("전세"), cap(60000))
    pid = change.preference_id
    async with engine.begin() as conn:
        corrected = await preferences.update(conn, user, pid, 65000)
        assert corrected is not None and corrected.id == pid and corrected.deal_type == "전세"
        again = await preferences.update(conn, user, pid, 70000)
        assert again is not None and again.id == pid
    [restated] = await apply(engine, user, cap(80000, 0.9))  # a later statement: same preference
    assert (restated.kind, restated.preference_id) == ("replaced", pid)

    async with engine.connect() as conn:
        detail = await preferences.get(conn, user, pid)
        [listed] = [p for p in await preferences.list_current(conn, user) if p.key == "budget_max_manwon"]
    assert detail is not None and listed.id == pid
    assert (detail.id, detail.value, detail.is_current) == (pid, 80000, True)
    assert [(v.value, v.source, v.is_current) for v in detail.history] == [
        (80000, "extracted", True),
        (70000, "user", False),
        (65000, "user", False),
        (60000, "extracted", False),
    ]
    assert {v.id for v in detail.history} == {pid}
    assert (await recall(engine, user)).preferences[0].id.startswith("preference:")
    assert f"preference:{pid}" in {i.id for i in (await recall(engine, user)).preferences}


async def test_a_region_corrected_to_another_regions_value_takes_its_place(engine: AsyncEngine) -> None:
    user = await new_user(engine)
    [songpa] = await apply(engine, user, region("송파구"))
    [gangnam] = await apply(engine, user, region("강남구"))
    async with engine.begin() as conn:
        fixed = await preferences.update(conn, user, songpa.preference_id, {"sigungu": "강남구"})
        assert fixed is not None and fixed.id == songpa.preference_id
        current = [p for p in await preferences.list_current(conn, user) if p.key == "region"]
        assert [(p.id, p.value.sigungu) for p in current] == [(songpa.preference_id, "강남구")]
        closed = await preferences.get(conn, user, gangnam.preference_id)
        assert closed is not None and not closed.is_current  # kept as history, still addressable
        reopened = await preferences.update(conn, user, gangnam.preference_id, {"sigungu": "서초구"})
        assert reopened is not None and reopened.id == gangnam.preference_id and reopened.is_current
