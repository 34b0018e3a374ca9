"""Questions that ask for the dearest or cheapest deal ("제일 비싸게 팔린 건?", "cheapest 전세") list the
matching deals by price and lead with that deal; the figures come from the same filter as always."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text

from agents.domain.slots import Slots
from agents.formatting import won
from agents.nlu import asked_order
from agents.tools.transactions import search_rents, search_trades
from tests.integration.api_support import API, api_settings, client_for, new_session, running_app, sign_up


@pytest.mark.parametrize(
    ("question", "order"),
    [
        ("송파구 2024년에 제일 비싸게 팔린 아파트 어디야?", "price_desc"),
        ("그 중에 가장 비싼 거래는?", "price_desc"),
        ("은마 최고가 얼마였어", "price_desc"),
        ("작년 신고가 찍은 거래 보여줘", "price_desc"),
        ("What was the most expensive sale in Mapo in 2023?", "price_desc"),
        ("highest price paid at Helio City last year?", "price_desc"),
        ("분당 전세 중에 제일 싼 거", "price_asc"),
        ("가장싸게팔린건", "price_asc"),
        ("최저가 거래 알려줘", "price_asc"),
        ("cheapest jeonse in Jeongja-dong?", "price_asc"),
        ("송파구 2024년 시세", None),
        ("최고가랑 최저가 차이 얼마야", None),  # both ends: the statistics answer it
        ("제일 많이 거래된 단지", None),  # the most traded, not the dearest
    ],
)
def test_the_order_asked_for(question: str, order: str | None) -> None:
    assert asked_order(question) == order


async def fetch(engine: Any, sql: str, **params: Any) -> list[Any]:
    async with engine.connect() as conn:
        return list((await conn.execute(text(sql), params)).all())


async def test_listings_by_price_match_sql_written_here(loaded_engine):
    slots = Slots(sigungu="송파구", sigungu_code="11710", period_from="2024-01-01", period_to="2024-12-31")
    want = await fetch(
        loaded_engine,
        "SELECT price_manwon FROM apt_trades WHERE sigungu_code = '11710'"
        " AND contract_date BETWEEN '2024-01-01' AND '2024-12-31' ORDER BY price_manwon DESC LIMIT 20",
    )
    dearest = await search_trades(loaded_engine, slots, order="price_desc")
    assert dearest.order == "price_desc"
    assert [r.price_manwon for r in dearest.rows] == [w.price_manwon for w in want]
    cheapest = await search_trades(loaded_engine, slots, order="price_asc")
    prices = [r.price_manwon for r in cheapest.rows]
    assert prices == sorted(prices) and prices[0] < dearest.rows[-1].price_manwon
    assert (
        dearest.total_count == cheapest.total_count == (await search_trades(loaded_engine, slots)).total_count
    )

    monthly = Slots(sigungu="분당구", sigungu_code="41135", deal_type="월세", period_from="2025-01-01")
    rents = await search_rents(loaded_engine, monthly, order="price_asc")
    pairs = [(r.monthly_rent_manwon, r.deposit_manwon) for r in rents.rows]
    assert pairs == sorted(pairs)  # a 월세 ranks by its rent, the deposit breaking ties


async def test_the_answer_leads_with_the_extreme_deal(loaded_engine, db_url, test_settings):
    (top,) = await fetch(
        loaded_engine,
        "SELECT price_manwon FROM apt_trades WHERE complex_id = '11680-218'"
        " AND contract_date BETWEEN '2023-01-01' AND '2024-12-31' ORDER BY price_manwon DESC LIMIT 1",
    )
    async with running_app(api_settings(test_settings, db_url)) as app, client_for(app) as client:
        account = await sign_up(client)
        session_id = await new_session(client, account)

        async def ask(question: str) -> dict[str, Any]:
            response = await client.post(
                f"{API}/chat/sessions/{session_id}/messages",
                json={"content": question, "use_memory": False},
                headers=account.headers,
            )
            assert response.status_code == 200, response.text
            return response.json()["assistant_message"]

        first = await ask("은마 2023년부터 2024년까지 거래 알려줘")
        assert "가장 최근 거래" not in first["content"].split("\n")[0]
        answer = await ask("그 중에 제일 비싸게 팔린 건?")
        lead = answer["content"].split("\n")[0]
        assert "가장 비싼 거래는" in lead and "은마" in lead
        assert won(top.price_manwon) in lead
        assert "가격 높은 순" in answer["content"]
        assert answer["structured_data"]["stats"]["max_manwon"] == top.price_manwon
