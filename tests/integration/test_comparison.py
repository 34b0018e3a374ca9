"""Comparisons are answered side by side: each side's figures equal an independent SQL over the data,
and the lead sentence names the higher side."""

from __future__ import annotations

import uuid

import pytest
from langgraph.checkpoint.memory import InMemorySaver
from sqlalchemy import text

from agents.deps import create_agent_deps
from agents.formatting import won
from agents.graph import build_graph
from tests.integration.test_graph import ask, run

MEDIAN_SQL = """
SELECT count(*), percentile_cont(0.5) WITHIN GROUP (ORDER BY price_manwon)
FROM apt_trades WHERE {where} AND cancelled IS NOT TRUE
"""


@pytest.fixture(scope="module")
async def graph(loaded_engine):
    return build_graph(InMemorySaver(), await create_agent_deps(loaded_engine, recall=None))


async def _truth(engine, where: str) -> tuple[int, int]:
    async with engine.connect() as conn:
        count, median = (await conn.execute(text(MEDIAN_SQL.format(where=where)))).one()
    return count, round(median)


@pytest.mark.parametrize(
    ("question", "sides"),
    [
        (
            "송파구랑 강남구 2024년 매매 비교해줘",
            {
                "송파구": "sigungu_code = '11710' AND contract_date BETWEEN '2024-01-01' AND '2024-12-31'",
                "강남구": "sigungu_code = '11680' AND contract_date BETWEEN '2024-01-01' AND '2024-12-31'",
            },
        ),
        (
            "은마 2020년이랑 2024년 비교",
            {
                "2020년": "complex_name = '은마' AND contract_date BETWEEN '2020-01-01' AND '2020-12-31'",
                "2024년": "complex_name = '은마' AND contract_date BETWEEN '2024-01-01' AND '2024-12-31'",
            },
        ),
        (
            "Songpa vs Gangnam apartment prices in 2023",
            {
                "송파구": "sigungu_code = '11710' AND contract_date BETWEEN '2023-01-01' AND '2023-12-31'",
                "강남구": "sigungu_code = '11680' AND contract_date BETWEEN '2023-01-01' AND '2023-12-31'",
            },
        ),
    ],
)
async def test_sides_are_answered_with_their_own_figures(graph, loaded_engine, question, sides):
    turn = await run(graph, str(uuid.uuid4()), ask(question))
    content = turn.final["content"]
    plan = turn.data["plan"]
    assert [step["label"] for step in plan] == list(sides)
    truths = {label: await _truth(loaded_engine, where) for label, where in sides.items()}
    for label, (count, median) in truths.items():
        row = next(line for line in content.splitlines() if line.startswith(f"| {label} |"))
        assert f"{count:,}" in row and won(median) in row, (label, row)
    higher = max(truths, key=lambda label: truths[label][1])
    lead = content.strip().splitlines()[0]
    assert higher in lead and won(truths[higher][1]) in lead


async def test_a_side_without_data_says_why(graph):
    turn = await run(graph, str(uuid.uuid4()), ask("마포구랑 분당구 전세 비교"))
    content = turn.final["content"]
    assert "마포구 전월세 자료는 없습니다" in content
    assert "| 분당구 |" in content


async def test_one_place_is_no_comparison(graph):
    turn = await run(graph, str(uuid.uuid4()), ask("송파구 잠실동 2024년 시세"))
    assert not any(step.get("label") for step in turn.data["plan"])
