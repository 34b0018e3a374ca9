"""Questions whose figure is a fact no loaded file holds, and places outside the data named in English:
declined with what is missing and no deal figures standing in; a mere preference for such a fact is
still answered from the deals, with the missing fact said."""

from __future__ import annotations

import pytest

from agents.gazetteer import outside_sigungu
from tests.integration.api_support import API, api_settings, client_for, new_session, running_app, sign_up


@pytest.mark.parametrize(
    ("place", "query", "named"),
    [
        ("부산광역시 해운대구", "ok. and sale prices in Haeundae, Busan?", "해운대구"),
        ("부산광역시 해운대구", "Haeundae-gu apartment prices", "해운대구"),
        ("대구광역시 수성구", "what about Suseong in Daegu", "수성구"),
        ("부산광역시 기장군", "Gijang-gun sales last year", "기장군"),
        ("경기도 수원시", "Suwon apartment prices", "수원시"),  # as "수원 아파트" names 수원시
        ("부산광역시 중구", "Jung-gu in Busan", None),  # one syllable: too many places share it
    ],
)
def test_an_outside_place_said_in_english_is_named(place: str, query: str, named: str | None) -> None:
    assert outside_sigungu(place, query) == named


async def test_the_effect_of_a_missing_fact_is_declined_a_preference_is_answered(
    loaded_engine, db_url, test_settings
):
    async with running_app(api_settings(test_settings, db_url)) as app, client_for(app) as client:
        account = await sign_up(client)

        async def ask(question: str) -> dict:
            session_id = await new_session(client, account)
            response = await client.post(
                f"{API}/chat/sessions/{session_id}/messages",
                json={"content": question, "use_memory": False},
                headers=account.headers,
            )
            assert response.status_code == 200, response.text
            return response.json()["assistant_message"]

        for question, missing in (
            ("강남구 역세권 아파트는 프리미엄이 얼마나 붙어요?", "역세권"),
            ("송파구에서 학군 좋은 단지는 다른 데보다 얼마나 더 비싸?", "학군"),
            (
                "How much of a premium do apartments near a subway station get in Mapo?",
                "distance to stations",
            ),
            ("마포구에서 학군 가장 좋은 단지 알려줘", "학군"),  # a ranking by the missing fact
            ("Which complex in Songpa has the best school district?", "school districts"),
        ):
            answer = await ask(question)
            declined = ("불러온 자료에 없어", "so I cannot answer this")
            assert missing in answer["content"] and any(d in answer["content"] for d in declined), question
            assert not (answer.get("structured_data") or {}).get("stats"), question
            assert "중위" not in answer["content"], question

        answer = await ask("분당에서 애들 학교 보내기 좋은 30평대 아파트 추천해줘")
        assert "학군" in answer["content"] and "추천" in answer["content"]

        answer = await ask("and sale prices in Haeundae, Busan?")
        assert "There is no data for 부산광역시 해운대구" in answer["content"]
        assert not (answer.get("structured_data") or {}).get("stats")


@pytest.mark.parametrize(
    ("missing", "english", "words"),
    [
        (["price", "income"], False, "집 가격이나 연 소득"),
        (["price", "income"], True, "home's price or your annual income"),
        (["region"], True, "Which area"),
        (["complex", "asking_price"], True, "Which complex"),
        (["price"], False, "매수하려는 집의 가격"),
    ],
)
def test_a_clarifying_question_is_one_question_in_the_users_language(
    missing: list[str], english: bool, words: str
) -> None:
    from agents.planning import clarify_question

    question = clarify_question(missing, english=english)
    assert words in question
    assert question.count("?") == len(missing) - (1 if set(missing) >= {"price", "income"} else 0)
    hangul = sum("가" <= ch <= "힣" for ch in question)
    assert (hangul < 10) if english else (hangul > 5)
