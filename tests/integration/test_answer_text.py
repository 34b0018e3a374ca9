"""Market answers read as a person reads them: the first sentence answers with the right figure
(computed here by independent SQL over the loaded data), and no answer across a spread of questions
shows raw values, internal names or stray markup (the wire format of docs/CONTRACTS.md)."""

from __future__ import annotations

import re
import uuid

import pytest
from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver
from sqlalchemy import text

from agents.deps import create_agent_deps
from agents.formatting import won
from agents.graph import build_graph


@pytest.fixture(scope="module")
async def graph(loaded_engine, db_url):
    deps = await create_agent_deps(loaded_engine, recall=None)
    async with AsyncPostgresSaver.from_conn_string(db_url.libpq) as saver:
        yield build_graph(saver, deps)


async def answer(graph, question: str) -> str:
    config = {"configurable": {"thread_id": str(uuid.uuid4()), "user_id": ""}}
    finals = []
    async for mode, chunk in graph.astream(
        {"query": question, "turn_id": str(uuid.uuid4())}, config, stream_mode=["custom", "updates"]
    ):
        if mode == "custom" and chunk.get("type") == "final":
            finals.append(chunk["content"])
    assert len(finals) == 1, question
    return finals[0]


def first_sentence(content: str) -> str:
    """Up to the first full stop followed by a space or the end ("2024.12.31" does not end it)."""
    lead = content.split("\n\n", 1)[0]
    match = re.match(r"(.+?\.)(?=\s|$)", lead, re.S)
    assert match, content
    return match.group(1)


async def one(engine, sql: str, **params):
    async with engine.connect() as conn:
        return (await conn.execute(text(sql), params)).one()


MEDIAN = "round((percentile_cont(0.5) WITHIN GROUP (ORDER BY {col}))::numeric)::int"


async def test_statistics_first_sentence_is_the_median(graph, loaded_engine):
    expected = await one(
        loaded_engine,
        f"SELECT count(*), {MEDIAN.format(col='price_manwon')} FROM apt_trades "
        "WHERE sigungu_code = '11710' AND contract_date BETWEEN '2024-01-01' AND '2024-12-31'",
    )
    sentence = first_sentence(await answer(graph, "송파구 2024년 매매 시세"))
    assert sentence.startswith("송파구 2024년 아파트 매매")
    assert f"거래 {expected[0]:,}건의 중위가격은 {won(expected[1])}입니다" in sentence


async def test_an_english_question_gets_an_english_lead_and_titles(graph, loaded_engine):
    expected = await one(
        loaded_engine,
        f"SELECT count(*), {MEDIAN.format(col='price_manwon')} FROM apt_trades "
        "WHERE sigungu_code = '11710' AND contract_date BETWEEN '2024-01-01' AND '2024-12-31'",
    )
    content = await answer(graph, "What was the median sale price in Songpa-gu in 2024?")
    sentence = first_sentence(content)
    assert sentence.startswith("The median apartment sale price in 송파구 in 2024 was")
    assert won(expected[1]) in sentence and f"{expected[0]:,} contracts" in sentence
    assert "## Market statistics" in content and "## 시세 통계" not in content


async def test_listing_first_sentence_is_the_count_and_the_latest_deal(graph, loaded_engine):
    content = await answer(graph, "잠실엘스 최근 실거래 내역 보여줘")
    count, latest = await one(
        loaded_engine,
        "SELECT count(*), max(contract_date) FROM apt_trades WHERE sigungu_code = '11710' "
        "AND complex_name = '잠실엘스' AND contract_date BETWEEN '2024-01-01' AND '2024-12-31'",
    )
    async with loaded_engine.connect() as conn:
        prices = (
            await conn.execute(
                text(
                    "SELECT price_manwon FROM apt_trades WHERE sigungu_code = '11710' "
                    "AND complex_name = '잠실엘스' AND contract_date = :day"
                ),
                {"day": latest},
            )
        ).scalars()
        said = {won(p) for p in prices}
    sentence = first_sentence(content)
    assert f"맞는 거래는 {count:,}건이고, 가장 최근 거래는 {latest:%Y.%m.%d} 잠실동 잠실엘스" in sentence
    assert any(f" {price}입니다." in sentence for price in said), sentence


async def test_evaluation_first_sentence_gives_the_verdict_against_the_median(graph, loaded_engine):
    # The comparables: the same complex, 81~87㎡ (84 ± 3), the 12 months ending at its latest contract.
    median, count = await one(
        loaded_engine,
        f"""WITH band AS (SELECT * FROM apt_trades WHERE complex_name = '잠실엘스' AND sigungu_code = '11710'
                          AND area_m2 >= 81 AND area_m2 < 87 AND cancelled IS NOT TRUE),
               last AS (SELECT max(contract_date) AS d FROM band)
            SELECT {MEDIAN.format(col="price_manwon")}, count(*) FROM band, last
            WHERE contract_date > (last.d - interval '12 months')::date""",
    )
    sentence = first_sentence(await answer(graph, "잠실엘스 84 25억 적정해?"))
    diff = (250000 - median) / median * 100
    verdict = "적정한 수준" if abs(diff) <= 5 else ("비싼 편" if diff > 0 else "저렴한 편")
    assert sentence.startswith("25억원은 잠실엘스 전용 81~87㎡ 최근 12개월 거래")
    assert f"거래 {count:,}건의 중위가격 {won(median)}보다 {abs(diff):.1f}%" in sentence
    assert sentence.endswith(f"{verdict}입니다.")


async def test_recommendation_first_sentence_names_the_most_traded_complex(graph, loaded_engine):
    dong, name, count, median = await one(
        loaded_engine,
        f"""WITH m AS (SELECT * FROM apt_rents WHERE sigungu_code = '41135' AND rent_type = '전세'),
               last AS (SELECT max(contract_date) AS d FROM m)
            SELECT dong, complex_name, count(*) AS n, {MEDIAN.format(col="deposit_manwon")}
            FROM m, last WHERE contract_date > last.d - interval '12 months'
            GROUP BY dong, complex_name HAVING count(*) >= 2 ORDER BY n DESC, 4 LIMIT 1""",
    )
    sentence = first_sentence(await answer(graph, "분당 전세 추천해줘"))
    assert f"가장 많은 단지는 {dong} {name}(거래 {count:,}건, 보증금 중위 {won(median)})" in sentence


SPREAD = [
    "송파구 2024년 매매 시세",
    "분당 월세 2024년 시세",
    "분당 정자동 전세 5억 이하 30평대 추천",
    "분당 30평대 매매 추천",
    "대치동 은마 84㎡ 최근 실거래가",
    "잠실엘스 84 25억 적정해?",
    "정자동 전세 최근 계약 사례",
    "강남구 84 30억이면 어때?",
    "부산 해운대 아파트 시세",
    "서울 전세 시세 알려줘",
    "What was the median sale price in Songpa-gu in 2024?",
    "Is 25억 fair for 잠실엘스 84?",
    "recommend apartments in Bundang for sale around 84 square meters",
    "show me recent jeonse deals in Bundang under 5억",
]
RAW_VALUES = [
    (re.compile(r"sigungu|deal_type|complex_id|_manwon|area_m2"), "an internal name"),
    (re.compile(r"\b(True|False|None)\b"), "a Python value"),
    (re.compile(r"은\(는\)|이\(가\)|을\(를\)|와\(과\)|\(으\)로"), "a particle pair"),
    (re.compile(r"(?<![\d,.])0만원|(\d+)~\1㎡"), "a zero or one-point range"),
    (re.compile(r"\d{4}-\d{2}-\d{2}~"), "a raw ISO period"),
    (re.compile(r"(?<![\d,.\w-])\d{5,}(?![\d,.])"), "an ungrouped number"),
    (re.compile(r"■|\\[.\-#*]|<[a-z/]|\*\*\s|#{4,}|^#(?!#)", re.M), "markup outside the wire format"),
]


@pytest.mark.parametrize("question", SPREAD)
async def test_no_raw_values_or_markup(graph, question: str):
    content = await answer(graph, question)
    for pattern, what in RAW_VALUES:
        found = pattern.search(content)
        assert not found, f"{what} {found.group()!r} in the answer to {question!r}:\n{content}"
    first_line = content.split("\n", 1)[0]
    assert not first_line.startswith(("#", "-", "|", ">", "기억")), first_line
