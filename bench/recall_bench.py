"""Recall latency: `recall_for_planning` with 1,000 users × 1,000 conversation memories each.

Seeds a fresh database (dropped afterwards unless --keep) with COPY, interleaving users the way
real traffic does (one user's memories are spread over the whole table, not packed together),
then times recall for random users and queries and prints p50 / p99 / mean.

    BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres python bench/recall_bench.py

Not a test: it prints figures measured in this run (see bench/README.md, "Recall").
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import random
import statistics
import time
import uuid
from collections.abc import Iterator
from typing import Any

import asyncpg

from agents.domain.regions import SIGUNGU
from agents.domain.slots import Slots
from backend.db import DatabaseUrl, create_engine
from backend.migrate import migrate
from backend.settings import Settings
from memory.recall import RecallBudget, recall_for_planning

DEFAULT_SERVER = "postgresql://postgres@127.0.0.1:5432/postgres"
COMPLEXES = (
    "헬리오시티",
    "잠실엘스",
    "리센츠",
    "은마",
    "래미안대치팰리스",
    "아크로리버파크",
    "마포래미안푸르지오",
)
DEALS = ("매매", "전세", "월세")
QUERIES = (
    "{sigungu}에서 {deal} {price}억 이하 30평대 찾고 있어요",
    "{complex} 시세 알려줘",
    "{sigungu} {deal} 시세는 요즘 어때?",
    "대출 한도가 얼마나 나올까요",
    "전세 계약 갱신요구권이 뭐야",
    "{complex} 84㎡ 최근 실거래가",
)
SUMMARY = (
    "{sigungu} {deal} 최근 3개월 평균 {price}억, 거래 {n}건. 전용 84㎡ 기준 {price}억 {n}천만원 수준입니다."
)
RECALL_QUERIES = (
    ("추천해줘", False),
    ("송파구 전세 추천", False),
    ("헬리오시티 시세 다시 알려줘", False),
    ("지난번에 물어본 그 아파트 요즘 시세는?", True),
    ("대출 한도", False),
    ("강남구에서 갱신요구권 관련해서 물어봤던 거", False),
)


def _row_text(rng: random.Random) -> tuple[str, str, dict[str, Any]]:
    region = rng.choice(SIGUNGU)
    values = {
        "sigungu": region.name,
        "deal": rng.choice(DEALS),
        "price": rng.randint(3, 30),
        "complex": rng.choice(COMPLEXES),
        "n": rng.randint(1, 9),
    }
    slots = {"sigungu": region.name, "sigungu_code": region.code, "deal_type": values["deal"]}
    return rng.choice(QUERIES).format(**values), SUMMARY.format(**values), slots


def memory_rows(
    users: list[uuid.UUID], per_user: int, first: int, last: int, rng: random.Random
) -> Iterator[tuple[Any, ...]]:
    """Rows for memory indexes [first, last) of every user, round-robin over users (time order)."""
    base = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    for m in range(first, last):
        for u, user in enumerate(users):
            query, summary, slots = _row_text(rng)
            created = base + dt.timedelta(minutes=m * 10, seconds=u)
            yield (
                user,
                None,
                None,
                query,
                summary,
                "MARKET_INQUIRY",
                json.dumps(slots, ensure_ascii=False),
                "[]",
                created,
            )


def preference_rows(users: list[uuid.UUID], rng: random.Random) -> Iterator[tuple[Any, ...]]:
    for user in users:
        regions = rng.sample(SIGUNGU, 2)
        values: list[tuple[str, Any]] = [
            ("region", {"sigungu": r.name, "sigungu_code": r.code, "dong": None}) for r in regions
        ]
        deal = rng.choice(DEALS)
        values += [("deal_type", deal), ("budget_max_manwon", rng.randint(3, 30) * 10000)]
        values += [("area", {"min_m2": 99.2, "max_m2": 132.2})]
        for key, value in values:
            budget_deal = deal if key == "budget_max_manwon" else None  # budgets are per deal type
            yield (user, key, budget_deal, json.dumps(value, ensure_ascii=False), 0.8, 1, "extracted", None)
        closed = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
        yield (user, "budget_max_manwon", deal, json.dumps(50000), 0.8, 1, "extracted", closed)  # history


def entity_rows(users: list[uuid.UUID], rng: random.Random) -> Iterator[tuple[Any, ...]]:
    for user in users:
        for i, name in enumerate(rng.sample(COMPLEXES, 3)):
            context = json.dumps({"sigungu": "송파구", "sigungu_code": "11710"}, ensure_ascii=False)
            yield (user, "complex", f"11710-{i}", name, rng.randint(1, 5), context)
        region = rng.choice(SIGUNGU)
        yield (user, "sigungu", region.code, region.name, 1, "{}")


async def seed(url: DatabaseUrl, n_users: int, per_user: int, seed_value: int) -> list[uuid.UUID]:
    rng = random.Random(seed_value)
    conn = await asyncpg.connect(url.libpq)
    try:
        users = [uuid.uuid4() for _ in range(n_users)]
        await conn.copy_records_to_table(
            "users",
            records=[(u, f"bench-{i}@example.kr") for i, u in enumerate(users)],
            columns=["id", "email"],
        )
        await conn.copy_records_to_table(
            "user_preferences",
            records=list(preference_rows(users, rng)),
            columns=[
                "user_id",
                "key",
                "deal_type",
                "value",
                "confidence",
                "mention_count",
                "source",
                "valid_to",
            ],
        )
        await conn.copy_records_to_table(
            "entity_memories",
            records=list(entity_rows(users, rng)),
            columns=["user_id", "entity_type", "entity_id", "name", "mention_count", "context"],
        )
        columns = ["user_id", "session_id", "message_id", "query", "response_summary", "intent", "slots"]
        columns += ["entities", "created_at"]
        step = max(1, 50_000 // n_users)
        started = time.perf_counter()
        for first in range(0, per_user, step):
            last = min(per_user, first + step)
            rows = list(memory_rows(users, per_user, first, last, rng))
            await conn.copy_records_to_table("conversation_memories", records=rows, columns=columns)
            done = last * n_users
            print(f"  seeded {done:,} memories ({time.perf_counter() - started:.0f}s)", flush=True)
        await conn.execute("VACUUM ANALYZE")
        return users
    finally:
        await conn.close()


def _percentile(sorted_ms: list[float], q: float) -> float:
    return sorted_ms[min(len(sorted_ms) - 1, round(q * (len(sorted_ms) - 1)))]


def _report(label: str, samples_ms: list[float]) -> None:
    ordered = sorted(samples_ms)
    print(
        f"{label:<34} n={len(ordered)}  p50={_percentile(ordered, 0.50):.2f} ms  "
        f"p99={_percentile(ordered, 0.99):.2f} ms  mean={statistics.fmean(ordered):.2f} ms  "
        f"max={ordered[-1]:.2f} ms"
    )


async def time_recall(url: DatabaseUrl, users: list[uuid.UUID], runs: int, seed_value: int) -> None:
    rng = random.Random(seed_value + 1)
    settings = Settings(database_url=None)
    engine = create_engine(url, settings)
    budget = RecallBudget()
    held: list[float] = []
    pooled: list[float] = []
    try:
        async with engine.connect() as conn:
            for i in range(runs + 200):  # the first 200 warm the plan and statement caches
                query, previous = rng.choice(RECALL_QUERIES)
                user = rng.choice(users)
                started = time.perf_counter()
                await recall_for_planning(conn, user, query, Slots(), wants_previous=previous, budget=budget)
                if i >= 200:
                    held.append((time.perf_counter() - started) * 1000)
        for _ in range(runs):  # as agents/deps.py calls it: a pooled connection per recall
            query, previous = rng.choice(RECALL_QUERIES)
            started = time.perf_counter()
            async with engine.connect() as conn:
                await recall_for_planning(
                    conn, str(rng.choice(users)), query, Slots(), wants_previous=previous, budget=budget
                )
            pooled.append((time.perf_counter() - started) * 1000)
    finally:
        await engine.dispose()
    _report("recall (held connection)", held)
    _report("recall (pool checkout + pre-ping)", pooled)


PROPOSED_INDEX = (
    "CREATE INDEX IF NOT EXISTS ix_conversation_memories_user_recent_search ON conversation_memories "
    "(user_id, created_at DESC, id DESC) INCLUDE (search)"
)


async def add_proposed_index(url: DatabaseUrl) -> None:
    """The covering index recall's keyword part can answer from (bench/README.md, "Recall")."""
    conn = await asyncpg.connect(url.libpq)
    try:
        started = time.perf_counter()
        await conn.execute(PROPOSED_INDEX)
        await conn.execute("VACUUM ANALYZE conversation_memories")
        size = await conn.fetchval(
            "SELECT pg_size_pretty(pg_relation_size('ix_conversation_memories_user_recent_search'))"
        )
        print(f"covering index built in {time.perf_counter() - started:.0f}s ({size})")
    finally:
        await conn.close()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=1000)
    parser.add_argument("--memories", type=int, default=1000, help="conversation memories per user")
    parser.add_argument("--runs", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", help="reuse/keep this database name instead of a fresh temporary one")
    args = parser.parse_args()

    server = DatabaseUrl.parse(os.environ.get("BENCH_DATABASE_URL", DEFAULT_SERVER))
    name = args.keep or f"budongsan_bench_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(server.libpq)
    exists = await admin.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name)
    if not exists:
        await admin.execute(f'CREATE DATABASE "{name}"')
    await admin.close()
    url = server.with_database(name)
    try:
        if exists:
            conn = await asyncpg.connect(url.libpq)
            users = [r["id"] for r in await conn.fetch("SELECT id FROM users WHERE email LIKE 'bench-%'")]
            await conn.close()
            print(f"reusing {name}: {len(users)} users")
        else:
            engine = create_engine(url, Settings(database_url=None))
            await migrate(engine, url)
            await engine.dispose()
            print(f"seeding {name}: {args.users} users x {args.memories} memories")
            users = await seed(url, args.users, args.memories, args.seed)
        print("-- schema as migrated")
        await time_recall(url, users, args.runs, args.seed)
        print("-- with the proposed covering index")
        await add_proposed_index(url)
        await time_recall(url, users, args.runs, args.seed)
    finally:
        if not args.keep:
            admin = await asyncpg.connect(server.libpq)
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            await admin.close()


if __name__ == "__main__":
    asyncio.run(main())
