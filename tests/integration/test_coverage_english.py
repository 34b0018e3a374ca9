"""Coverage sentences for English questions: the same facts from the same registry, in English (place
names stay Korean), and whole English declines — an English user never gets a Korean refusal."""

from __future__ import annotations

import re

from agents.domain.slots import Slots
from agents.tools.coverage import load_coverage
from tests.integration.api_support import API, api_settings, client_for, new_session, running_app, sign_up

SONGPA = Slots(sigungu="송파구", sigungu_code="11710")
MAPO_JEONSE = Slots(sigungu="마포구", sigungu_code="11440", deal_type="전세")
HANGUL_WORD = re.compile(r"[가-힣]+")


def korean_outside_place_names(sentence: str, places: set[str]) -> set[str]:
    return {w for w in HANGUL_WORD.findall(sentence) if not any(w in p for p in places)}


async def test_coverage_sentences_in_english_state_the_same_facts(loaded_engine):
    coverage = await load_coverage(loaded_engine)
    summary = coverage.summary(english=True)
    assert summary == (
        "The transaction data covers apartments only: 25 gu of 서울: sales 2020–2024; "
        "성남시 분당구: sales, jeonse, monthly rent 2020–2025."
    )
    gap = coverage.gap(MAPO_JEONSE, english=True)
    assert gap == (
        "There is no jeonse and monthly rent data for 마포구. It exists only for 성남시 분당구: "
        "jeonse, monthly rent 2020–2025."
    )
    later = SONGPA.model_copy(update={"period_from": "2025-03-01", "period_to": "2025-06-30"})
    assert coverage.gap(later, english=True) == "송파구 sales data runs to Dec 2024; no later deals yet."
    earlier = SONGPA.model_copy(update={"period_from": "2018-01-01", "period_to": "2019-06-30"})
    assert coverage.gap(earlier, english=True) == "송파구 sales data starts in Jan 2020."
    assert coverage.data_end(SONGPA, english=True) == "송파구 sales data runs to Dec 2024."
    assert "school districts" in (coverage.missing_fact("apartments near a good school", english=True) or "")
    assert "distance to stations" in (coverage.asked_fact("역세권 프리미엄 얼마", english=True) or "")
    for sentence in (summary, gap):
        assert not korean_outside_place_names(sentence, {"서울", "성남시 분당구", "마포구"}), sentence


async def test_english_declines_are_english(loaded_engine, db_url, test_settings):
    async with running_app(api_settings(test_settings, db_url)) as app, client_for(app) as client:
        account = await sign_up(client)
        for question, expected in (
            ("What are apartment prices in Haeundae, Busan?", "There is no data for 부산광역시 해운대구"),
            ("jeonse prices in Mapo-gu?", "There is no jeonse and monthly rent data for 마포구"),
            ("Do you have officetel prices in Bundang?", "covers apartments only, so there is no officetel"),
            ("Songpa sale prices in 2019", "송파구 sales data starts in Jan 2020."),
            ("what's a good pasta place in Gangnam?", "I can only help with housing questions"),
        ):
            session_id = await new_session(client, account)
            response = await client.post(
                f"{API}/chat/sessions/{session_id}/messages",
                json={"content": question, "use_memory": False},
                headers=account.headers,
            )
            assert response.status_code == 200, response.text
            content = response.json()["assistant_message"]["content"]
            assert expected in content, (question, content)
            assert "물어봐" not in content and "데이터에 없습니다" not in content, content
