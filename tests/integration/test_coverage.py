"""The coverage registry: derived from the loaded data, said in every answer that reaches past it,
shown by /readyz and `budongsan db`, and reloaded when the data changes."""

from __future__ import annotations

import uuid

from agents.domain.slots import Slots
from agents.tools.cache import data_version
from agents.tools.coverage import NOT_LOADED, CoverageRegistry, load_coverage
from backend.db import create_engine
from backend.migrate import migrate
from tests.conftest import create_database, drop_database
from tests.integration.api_support import API, api_settings, client_for, new_session, running_app, sign_up

SONGPA = Slots(sigungu="송파구", sigungu_code="11710")
MAPO_JEONSE = Slots(sigungu="마포구", sigungu_code="11440", deal_type="전세")


async def test_coverage_is_what_the_data_holds(loaded_engine):
    coverage = await load_coverage(loaded_engine)
    seoul = [s for s in coverage.spans if s.sigungu_code.startswith("11")]
    assert len(seoul) == 25 and {s.deal_type for s in seoul} == {"매매"}
    assert max(s.last for s in seoul).isoformat()[:7] == "2024-12"
    assert all(s.cancellations_unknown for s in seoul)
    bundang = {s.deal_type for s in coverage.spans if s.sigungu_code == "41135"}
    assert bundang == {"매매", "전세", "월세"}
    assert coverage.summary() == (
        "실거래 자료는 아파트만, 서울 25개 구 매매 2020–2024, 성남시 분당구 매매·전세·월세 2020–2025만 있어요."
    )
    assert len(coverage.laws) == 6


async def test_gaps_say_what_is_missing_and_what_exists(loaded_engine):
    coverage = await load_coverage(loaded_engine)
    assert coverage.gap(MAPO_JEONSE) == (
        "마포구 전월세 자료는 없습니다. 전월세는 성남시 분당구 전세·월세 2020–2025만 있어요."
    )
    later = SONGPA.model_copy(update={"period_from": "2025-03-01", "period_to": "2025-06-30"})
    assert coverage.gap(later) == "송파구 매매 자료는 2024년 12월까지입니다. 그 뒤의 거래는 아직 없어요."
    assert coverage.gap(SONGPA) is None
    assert coverage.gap(Slots()) is None  # no place named: nothing to say about coverage
    assert coverage.data_end(SONGPA) == "송파구 매매 자료는 2024년 12월까지입니다."
    assert "학군" in (coverage.missing_fact("학군 좋은 아파트 추천") or "")


async def test_answers_use_the_registry(loaded_engine, db_url, test_settings):
    async with running_app(api_settings(test_settings, db_url)) as app, client_for(app) as client:
        account = await sign_up(client)
        for question, expected in (
            ("마포구 전세 시세 알려줘", "마포구 전월세 자료는 없습니다. 전월세는 성남시 분당구"),
            ("송파구 요즘 아파트 시세", "송파구 매매 자료는 2024년 12월까지입니다."),
            ("부산 해운대구 아파트 시세", "실거래 자료는 아파트만, 서울 25개 구 매매 2020–2024"),
        ):
            session_id = await new_session(client, account)
            response = await client.post(
                f"{API}/chat/sessions/{session_id}/messages",
                json={"content": question, "use_memory": False},
                headers=account.headers,
            )
            assert response.status_code == 200, response.text
            assert expected in response.json()["assistant_message"]["content"], question
        ready = (await client.get("/readyz")).json()["checks"]
        assert ready["data"] == "ok" and "분당구" in ready["coverage"]


async def test_empty_data_is_said_not_hidden(server_url, test_settings):
    name = f"budongsan_cov_{uuid.uuid4().hex[:8]}"
    url = await create_database(server_url, name)
    engine = create_engine(url, test_settings)
    try:
        await migrate(engine, url)
        registry = CoverageRegistry(engine, data_version(engine), version_check_s=0)
        empty = await registry.current()
        assert empty.empty and empty.summary() == NOT_LOADED and empty.gap(SONGPA) == NOT_LOADED
        async with running_app(api_settings(test_settings, url)) as app, client_for(app) as client:
            ready = await client.get("/readyz")
            assert ready.status_code == 200 and ready.json()["checks"]["data"] == "missing"
            account = await sign_up(client)
            session_id = await new_session(client, account)
            answer = await client.post(
                f"{API}/chat/sessions/{session_id}/messages",
                json={"content": "송파구 시세 알려줘"},
                headers=account.headers,
            )
            assert NOT_LOADED in answer.json()["assistant_message"]["content"]
    finally:
        await engine.dispose()
        await drop_database(server_url, name)
