"""Eleventh round of dialogue kinds (sentences written for these tests, not the dev sets'): "요즘" of a
declined question goes on in a follow-up about another place, anchored on that place's data; a part of
"그해" is a part of the year in force; an apartment's price asked with no lease is 매매, also while a
clarifying question waits; a calculator input said again replaces the old one; a correction that also
narrows a search-and-law question is the search; a contract edit moves the turn's slots, and a draft
is refused or approved in everyday words (a clause "취소" is still an edit)."""

from __future__ import annotations

import asyncio
import datetime as dt
from datetime import date
from types import SimpleNamespace
from typing import Any

import pytest

import agents.planning as planning_module
from agents.approval import revise
from agents.domain.slots import Intent
from agents.gazetteer import Gazetteer, GazetteerRow
from agents.planning import make_planning_node
from agents.respond import _next_frame
from agents.teams.document import decide, parse_edit, refresh
from agents.tools.coverage import Coverage, Span
from tests.unit.nlu_support import BUNDANG_END, SEOUL_END, TODAY, talk

ROWS = [
    GazetteerRow("11680", "역삼동", "역삼래미안", "11680-100", 900, SEOUL_END),
    GazetteerRow("11650", "반포동", "반포자이", "11650-200", 900, SEOUL_END),
    GazetteerRow("11170", "이촌동", "한가람", "11170-300", 900, SEOUL_END),
    GazetteerRow("11440", "공덕동", "공덕자이", "11440-300", 900, SEOUL_END),
    GazetteerRow("11740", "고덕동", "고덕그라시움", "11740-400", 900, SEOUL_END),
    GazetteerRow("41135", "금곡동", "청솔마을", None, 800, BUNDANG_END),
    GazetteerRow("41135", "구미동", "까치마을1단지", None, 800, BUNDANG_END),
    GazetteerRow("41135", "정자동", "느티마을3단지", None, 800, BUNDANG_END),
    GazetteerRow("41135", "수내동", "양지마을", None, 800, BUNDANG_END),
    GazetteerRow("41135", "서현동", "시범한양", None, 800, BUNDANG_END),
    GazetteerRow("41135", "이매동", "이매촌한신", None, 800, BUNDANG_END),
]
START = date(2020, 1, 1)
SEOUL = ("11680", "11650", "11170", "11440", "11740")
COVERAGE = Coverage(
    spans=(
        *(Span(code, "매매", START, SEOUL_END, 9000) for code in SEOUL),
        Span("41135", "매매", START, BUNDANG_END, 8000),
        Span("41135", "전세", START, BUNDANG_END, 9000),
        Span("41135", "월세", START, BUNDANG_END, 6000),
    )
)
SEOUL_RECENT = ("2024-01-01", "2024-12-31")
BUNDANG_RECENT = ("2025-01-01", "2025-12-31")


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.from_rows(ROWS)


class _Coverage:
    async def current(self) -> Coverage:
        return COVERAGE


def _chat(gaz: Gazetteer, turns: list[str], monkeypatch: Any, answers: tuple[str, ...] = ()) -> list[dict]:
    """The planning node over a chat's turns, the frame kept between turns as the respond node keeps
    it; a clarifying question is answered with the next of `answers`."""
    waiting = list(answers)

    def fake_interrupt(value: dict[str, Any]) -> dict[str, str]:
        assert value["type"] == "clarify" and waiting, value
        return {"action": "answer", "feedback": waiting.pop(0)}

    monkeypatch.setattr(planning_module, "interrupt", fake_interrupt)
    monkeypatch.setattr(planning_module, "get_stream_writer", lambda: lambda _event: None)
    deps = SimpleNamespace(gazetteer=gaz, today=lambda: TODAY, coverage=_Coverage(), recall=None)
    node = make_planning_node(deps, None)  # type: ignore[arg-type]
    state: dict[str, Any] = {}
    updates = []
    for i, text in enumerate(turns):
        update = asyncio.run(
            node({**state, "query": text, "turn_id": f"t{i}"}, SimpleNamespace(context=None))
        )  # type: ignore[arg-type]
        updates.append(update)
        state = {**state, **update}
        state |= _next_frame(state)  # type: ignore[arg-type]
    assert not waiting
    return updates


def _period(update: dict[str, Any]) -> tuple[str | None, str | None]:
    return update["slots"]["period_from"], update["slots"]["period_to"]


# -- a declined question's "요즘" goes on, anchored on the new place -----------------------------------


@pytest.mark.parametrize(
    ("turns", "place", "window"),
    [
        (["부산 해운대구 아파트 요즘 시세 어때요?", "그럼 강남은요"], "강남구", SEOUL_RECENT),
        (["대구 수성구 아파트 최근 시세 알려줘", "그럼 분당은요?"], "분당구", BUNDANG_RECENT),
        (["부산 해운대 아파트 요새 얼마 해요", "서초구는요?"], "서초구", SEOUL_RECENT),
    ],
)
def test_recent_of_a_declined_place_goes_on_for_the_next_place(
    gaz: Gazetteer, turns: list[str], place: str, window: tuple[str, str], monkeypatch: Any
) -> None:
    declined, update = _chat(gaz, turns, monkeypatch)
    assert declined["plan"] == [] and declined["slots"]["deal_type"] == "매매"
    assert update["intent"] == "MARKET_INQUIRY" and update["slots"]["sigungu"] == place
    assert update["slots"]["deal_type"] == "매매" and _period(update) == window


@pytest.mark.parametrize(
    "turns",
    [
        ["강남 전세는 요즘 얼마 정도 해요?", "그럼 분당 전세는 어때요?"],
        ["마포구 전세 최근 시세 알려줘", "분당은요?"],
    ],
)
def test_a_declined_lease_look_goes_on_in_bundang_s_latest_year(
    gaz: Gazetteer, turns: list[str], monkeypatch: Any
) -> None:
    declined, update = _chat(gaz, turns, monkeypatch)
    assert declined["plan"] == [] and _period(declined) == SEOUL_RECENT
    assert update["slots"]["sigungu"] == "분당구" and update["slots"]["deal_type"] == "전세"
    assert _period(update) == BUNDANG_RECENT and update["plan"]


def test_a_question_of_its_own_after_a_declined_place_is_over_all_the_data(
    gaz: Gazetteer, monkeypatch: Any
) -> None:
    update = _chat(
        gaz, ["부산 해운대구 아파트 요즘 얼마 정도 해요?", "그럼 서울 마포구 전세 시세는요"], monkeypatch
    )[-1]
    assert update["slots"]["deal_type"] == "전세" and _period(update) == (None, None)


@pytest.mark.parametrize(
    ("turns", "window"),
    [
        (["분당 아파트 요즘 매매 시세 어때요", "강남구는요?"], SEOUL_RECENT),
        (["강남구 최근 아파트 매매 시세", "분당은?"], BUNDANG_RECENT),
        (["강남구 2023년 매매 시세", "분당은?"], ("2023-01-01", "2023-12-31")),  # a year said stays
    ],
)
def test_a_relative_period_moves_with_the_place_an_absolute_one_stays(
    gaz: Gazetteer, turns: list[str], window: tuple[str, str], monkeypatch: Any
) -> None:
    assert _period(_chat(gaz, turns, monkeypatch)[-1]) == window


@pytest.mark.parametrize(
    ("turns", "window"),
    [
        (
            ["2019년 강동구 아파트 매매가 알려줘", "없으면 2020년은?", "그해 1분기만"],
            ("2020-01-01", "2020-03-31"),
        ),
        (["2019년 마포구 매매 시세", "그럼 2021년은요", "그해 하반기만요"], ("2021-07-01", "2021-12-31")),
        (["강남구 2022년 매매 시세", "같은 해 3분기만"], ("2022-07-01", "2022-09-30")),
    ],
)
def test_a_part_of_that_year_is_a_part_of_the_year_in_force(
    gaz: Gazetteer, turns: list[str], window: tuple[str, str], monkeypatch: Any
) -> None:
    update = _chat(gaz, turns, monkeypatch)[-1]
    assert update["intent"] == "MARKET_INQUIRY" and update["slots"]["deal_type"] == "매매"
    assert update["slots"]["sigungu"] and _period(update) == window


# -- an apartment's price with no lease named is 매매 --------------------------------------------------


@pytest.mark.parametrize(
    ("question", "answer", "place", "window"),
    [
        ("요즘 아파트 얼마해요?", "용산구요", "용산구", SEOUL_RECENT),
        ("최근 아파트 시세 어때요?", "분당이요", "분당구", BUNDANG_RECENT),
        ("What are apartment prices like these days?", "Mapo", "마포구", SEOUL_RECENT),
    ],
)
def test_the_answer_to_where_keeps_an_apartment_price_question_as_a_sale(
    gaz: Gazetteer, question: str, answer: str, place: str, window: tuple[str, str], monkeypatch: Any
) -> None:
    update = _chat(gaz, [question], monkeypatch, answers=(answer,))[-1]
    assert update["act"] == "answer" and update["slots"]["sigungu"] == place
    assert update["slots"]["deal_type"] == "매매" and _period(update) == window


@pytest.mark.parametrize(
    ("text", "deal"),
    [
        ("분당 아파트 요즘 시세 어때요", "매매"),
        ("대구 수성구 아파트 얼마 정도 해요?", "매매"),
        ("분당 아파트 전세 요즘 얼마해요", "전세"),  # a lease said stays
        ("분당 요즘 시세 어때요", None),  # no apartment, no deal word: as said
    ],
)
def test_an_apartment_price_names_the_sale(
    gaz: Gazetteer, text: str, deal: str | None, monkeypatch: Any
) -> None:
    assert _chat(gaz, [text], monkeypatch)[-1]["slots"]["deal_type"] == deal


# -- a calculator input said again replaces the old one ----------------------------------------------

LOAN = ["연봉 칠천이고 9억짜리 집 보고 있는데 대출 얼마까지 돼요?", "DSR 40프로면 한달에 얼마씩 갚아요?"]


@pytest.mark.parametrize(
    "text",
    [
        "아 잠깐 연봉 잘못말했다 6500이요",
        "아 연봉 6천5백이었어요",
        "I meant 65 million salary",
        "아 연봉 잘못 썼어요 육천오백",
        "연봉 칠천이라고 했는데 육천오백이에요",
    ],
)
def test_an_income_said_again_replaces_the_income(gaz: Gazetteer, text: str) -> None:
    frame = talk(gaz, [*LOAN, text])[-1]
    assert frame.intent is Intent.LOAN_CONSULT
    assert frame.slots.annual_income_manwon == 6500 and frame.slots.asking_price_manwon == 90000


def test_a_price_said_again_replaces_the_price(gaz: Gazetteer) -> None:
    frame = talk(gaz, [*LOAN, "9억이라고 썼는데 8억5천이에요"])[-1]
    assert frame.slots.asking_price_manwon == 85000 and frame.slots.annual_income_manwon == 7000


def test_a_story_with_ragoe_haenneunde_corrects_nothing(gaz: Gazetteer) -> None:
    from agents.dialogue import is_correction, strip_negated

    text = "집주인이 나가라고 했는데 보증금은 언제 받아요?"
    assert not is_correction(text) and strip_negated(text) == text


# -- a correction that also narrows a search-and-law question ----------------------------------------


@pytest.mark.parametrize(
    ("turns", "dong", "deal", "cap"),
    [
        (
            [
                "분당 금곡동 전세 3억 이하 거래 보여주고 전세 계약할때 주의할점도 알려줘",
                "아 금곡동 말고 구미동이요, 거래만 다시",
            ],
            "구미동",
            "전세",
            30000,
        ),
        (
            [
                "분당 정자동 전세 4억 이하 거래 보여주고 전세 계약할 때 주의사항도 알려줘",
                "아 정자동 말고 수내동이요, 거래만 다시",
            ],
            "수내동",
            "전세",
            40000,
        ),
        (
            [
                "분당 서현동 매매 10억 이하 거래 보여주고 매매계약 할 때 주의할 점도 알려줘",
                "서현동 아니고 이매동으로, 거래 목록만 다시요",
            ],
            "이매동",
            "매매",
            100000,
        ),
    ],
)
def test_a_corrected_place_with_deals_only_is_the_search(
    gaz: Gazetteer, turns: list[str], dong: str, deal: str, cap: int
) -> None:
    first, corrected, narrowed = talk(gaz, [*turns, "2024년 하반기만"])
    assert first.intent is Intent.COMPREHENSIVE
    for frame in (corrected, narrowed):
        assert frame.intent is Intent.PROPERTY_SEARCH and frame.slots.dong == dong
        assert frame.slots.deal_type == deal and frame.slots.price_max_manwon == cap
    assert (narrowed.slots.period_from, narrowed.slots.period_to) == ("2024-07-01", "2024-12-31")


# -- a contract draft: edits move the slots, everyday words refuse or approve -------------------------

EDIT_DAY = dt.date(2026, 11, 21)


def _held(kind: str, slots: dict[str, Any], terms: dict[str, Any]) -> dict[str, Any]:
    draft = refresh({"kind": kind, "terms": terms, "special_terms": ["반려동물 허용"]})
    return {"step_id": "s1", "intent": "CONTRACT_CREATION", "slots": slots, "draft": draft}


@pytest.mark.parametrize(
    ("text", "price"),
    [
        ("금액 8억7천으로 바꿔줘요", 87000),
        ("매매대금 8억5천으로 수정해주세요", 85000),
        ("make the price 880 million", 88000),
    ],
)
def test_a_sale_price_edit_moves_the_asking_price(text: str, price: int) -> None:
    slots = {"sigungu": "분당구", "dong": "수내동", "deal_type": "매매", "asking_price_manwon": 90000}
    held = _held("sale", slots, {"deal_type": "매매", "price_manwon": 90000, "address": "분당구 수내동"})
    revised, changes = revise(held, text, None, None, EDIT_DAY)
    assert revised["draft"]["terms"]["price_manwon"] == price and changes
    assert revised["slots"]["asking_price_manwon"] == price


def test_a_deposit_edit_of_a_deposit_said_bare_replaces_it() -> None:
    slots = {"sigungu": "분당구", "deal_type": "전세", "asking_price_manwon": 30000}
    held = _held("lease", slots, {"deal_type": "전세", "deposit_manwon": 30000})
    revised, _ = revise(held, "보증금 2억8천으로 바꿔주세요", None, None, EDIT_DAY)
    assert revised["slots"]["deposit_manwon"] == 28000 and revised["slots"]["asking_price_manwon"] is None


@pytest.mark.parametrize(
    "text",
    [
        "음 됐어요 그냥 폐기해주세요",
        "없던 걸로 해주세요",
        "그만둘게요",
        "취소",
        "안 할래요",
        "계약 안 할게요",
        "never mind",
        "scrap it",
        "cancel it",
        "forget it, drop the draft",
    ],
)
def test_everyday_refusals_reject_the_draft(text: str) -> None:
    assert decide({"action": "answer", "feedback": text}) == ("reject", None)


@pytest.mark.parametrize(
    "text",
    ["좋아요 그걸로 진행", "확정", "이대로 할게요", "looks good", "go ahead", "Looks good, go ahead with it"],
)
def test_everyday_assent_approves_the_draft(text: str) -> None:
    assert decide({"action": "answer", "feedback": text}) == ("approve", None)


@pytest.mark.parametrize(
    ("text", "removed"),
    [("반려동물 특약 취소해줘", "반려동물"), ("관리비 특약 취소해 주세요", "관리비")],
)
def test_cancelling_a_clause_is_an_edit(text: str, removed: str) -> None:
    assert decide({"action": "answer", "feedback": text})[0] == "modify"
    assert parse_edit(text, "lease", EDIT_DAY).remove_special_terms == [removed]


@pytest.mark.parametrize(
    "text",
    [
        "보증금 2억으로 하고 나머지는 그대로",
        "가계약금 취소하면 돌려받나요?",
        "월세로 안 할래요 전세로 해주세요",
        "확정은 안 할래요 보증금 바꿀래요",
    ],
)
def test_a_change_or_a_question_is_no_plain_yes_or_no(text: str) -> None:
    assert decide({"action": "answer", "feedback": text})[0] == "modify"
