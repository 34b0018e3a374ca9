"""Seventh round of dialogue kinds (sentences written for these tests, not the dev sets'): thanks and
sign-offs end the exchange (UNCLEAR, no slots); a loan question pointing at the home just looked at,
or a yield question naming no place, goes on with that home; a search bound named by its kind and side
("월세 상한 …") moves that bound; a bare two-digit year while a year is in play is that year; a question
about how a rule works after a word was explained is a question of law; an article alone keeps its
law; another draft asked for while one waits is a new question, and a change of the waiting draft is
in the graph state's slots while it waits again."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from langgraph.checkpoint.memory import InMemorySaver
from langgraph.graph import START, StateGraph
from langgraph.types import Command

from agents.approval import make_approval_node
from agents.dialogue import (
    Act,
    Frame,
    is_new_question,
    stated_bound,
)
from agents.domain.slots import Intent
from agents.domain.units import normalize
from agents.gazetteer import Gazetteer, GazetteerRow
from agents.nlu import parse
from agents.planning import strip_negated
from agents.state import AgentState
from agents.teams.document import AWAITING_APPROVAL, decide, refresh
from tests.unit.nlu_support import BUNDANG_END, SEOUL_END, TODAY, talk

ROWS = [
    GazetteerRow("41135", "서현동", "시범한양", None, 900, BUNDANG_END),
    GazetteerRow("41135", "수내동", "양지마을(한양)", None, 900, BUNDANG_END),
    GazetteerRow("41135", "정자동", "느티마을3단지", None, 800, BUNDANG_END),
    GazetteerRow("11350", "상계동", "상계주공7", "11350-1", 900, SEOUL_END),
    GazetteerRow("11440", "아현동", "마포래미안푸르지오", "11440-2", 900, SEOUL_END),
    GazetteerRow("11710", "가락동", "헬리오시티", "11710-1", 900, SEOUL_END),
]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.from_rows(ROWS)


def public(frame: Frame) -> dict[str, Any]:
    return {k: v for k, v in frame.slots if v is not None}


# -- thanks and sign-offs ------------------------------------------------------------------------------

OPENERS = [
    "연봉 6천인데 4억짜리 집 사면 대출 얼마나 나와요?",
    "헬리오시티 84 2024년 매매 시세 알려줘",
    "집주인이 보증금을 안 돌려주면 어떻게 해요?",
]
CLOSINGS = [
    "넵 감사합니다 많은 도움 됐어요",
    "아 그렇군요 고마워요 참고하겠습니다",
    "ㅎㅎ 고맙습니다 와이프랑 얘기해볼게요",
    "덕분에 잘 정리됐네요 수고하세요",
    "thanks, that was really helpful",
    "좋은 정보 감사드려요",
    "넵 잘 봤습니다",
]


@pytest.mark.parametrize("opener", OPENERS)
@pytest.mark.parametrize("text", CLOSINGS)
def test_thanks_after_an_answer_is_unclear_with_no_slots(gaz: Gazetteer, opener: str, text: str) -> None:
    frame = talk(gaz, [opener, text])[1]
    assert frame.intent is Intent.UNCLEAR and frame.act is Act.NEW
    assert public(frame) == {} and not frame.carried


@pytest.mark.parametrize("text", ["고마워요 근데 2023년은요?", "감사합니다. 그럼 59는요?"])
def test_thanks_before_a_fragment_still_follows(gaz: Gazetteer, text: str) -> None:
    frame = talk(gaz, ["헬리오시티 84 2024년 매매 시세 알려줘", text])[1]
    assert frame.intent is Intent.MARKET_INQUIRY and frame.act is Act.FOLLOW_UP
    assert frame.slots.complex == "헬리오시티"


# -- loan and yield questions about the home just looked at ----------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "거기 12억에 사면 연봉 1억으로 대출 얼마나 돼요?",
        "그 단지 11억에 산다 치면 연봉 9천인데 대출 한도는요?",
        "If I bought one there for 1.2 billion with a 100 million salary, how much could I borrow?",
    ],
)
def test_a_loan_pointing_at_the_home_keeps_it(gaz: Gazetteer, text: str) -> None:
    frame = talk(gaz, ["헬리오시티 84 2024년 매매 시세 알려줘", text])[1]
    assert frame.intent is Intent.LOAN_CONSULT and frame.act is Act.FOLLOW_UP
    assert frame.slots.complex == "헬리오시티" and frame.slots.dong == "가락동"
    assert frame.slots.period_from == "2024-01-01" and frame.slots.period_to == "2024-12-31"
    assert frame.slots.asking_price_manwon in (110000, 120000) and frame.slots.annual_income_manwon


def test_a_loan_with_its_own_price_and_income_and_no_pointer_is_new(gaz: Gazetteer) -> None:
    frame = talk(
        gaz, ["헬리오시티 84 2024년 매매 시세 알려줘", "연봉 7천인데 6억짜리 집 사면 대출 얼마나 나와요?"]
    )[1]
    assert frame.intent is Intent.LOAN_CONSULT and frame.act is Act.NEW
    assert frame.slots.complex is None and frame.slots.period_from is None


def test_a_yield_question_naming_no_place_goes_on_with_the_home(gaz: Gazetteer) -> None:
    turns = [
        "느티마을3단지 작년 월세 거래 몇 건이에요?",
        "사는 가격 9억에 보증금 5천 받고 월 250 받으면 수익률은 얼마나 돼요?",
        "월세 280이면?",
    ]
    yield_, again = talk(gaz, turns)[1:]
    for frame in (yield_, again):
        assert frame.intent is Intent.ROI_CALCULATION and frame.act is Act.FOLLOW_UP
        # the home goes on; the look's period does not (round 9: a yield keeps no period)
        assert frame.slots.complex == "느티마을3단지" and frame.slots.period_from is None
        assert frame.slots.deal_type is None and frame.slots.asking_price_manwon == 90000
    assert yield_.slots.monthly_rent_manwon == 250 and again.slots.monthly_rent_manwon == 280


# -- a search bound named by its kind and side -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "changed"),
    [
        ("월세 상한 80으로", {"monthly_rent_max_manwon": 80}),
        ("그럼 월세 최대 150으로 올려줘", {"monthly_rent_max_manwon": 150}),
        ("보증금 상한은 3천으로 낮춰줘", {"price_max_manwon": 3000}),
        ("보증금 하한 1천으로", {"price_min_manwon": 1000, "price_max_manwon": 9999}),
    ],
)
def test_a_named_bound_after_a_search_moves_that_bound(gaz: Gazetteer, text: str, changed: dict) -> None:
    first = "분당 수내동 보증금 1억 미만 월세 100 이하 2025년 거래 보여줘"
    frame = talk(gaz, [first, text])[1]
    assert frame.intent is Intent.PROPERTY_SEARCH and frame.act is Act.FOLLOW_UP
    expected = {
        "dong": "수내동",
        "deal_type": "월세",
        "price_max_manwon": 9999,
        "monthly_rent_max_manwon": 100,
        "period_from": "2025-01-01",
    } | changed
    assert {k: public(frame).get(k) for k in expected} == expected


@pytest.mark.parametrize("text", ["월세 인상 상한이 몇 퍼센트예요?", "보증금 증액 상한은 얼마까지예요?"])
def test_a_question_about_the_legal_cap_is_no_bound(gaz: Gazetteer, text: str) -> None:
    assert stated_bound(normalize(text).replace(" ", "")) == {}
    frame = talk(gaz, ["분당 수내동 월세 100 이하 2025년 거래 보여줘", text])[1]
    assert frame.intent is Intent.LEGAL_INQUIRY and frame.slots.monthly_rent_max_manwon is None


# -- a bare two-digit year -----------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "year"), [("23", 2023), ("21은?", 2021), ("25요", 2025)])
def test_a_bare_year_while_a_year_is_in_play(gaz: Gazetteer, text: str, year: int) -> None:
    frame = talk(gaz, ["상계주공7 59 2022년 매매", "84", text])[2]
    assert frame.intent is Intent.MARKET_INQUIRY and frame.act is Act.FOLLOW_UP
    assert (frame.slots.period_from, frame.slots.period_to) == (f"{year}-01-01", f"{year}-12-31")
    assert (frame.slots.area_min_m2, frame.slots.area_max_m2) == (81.0, 87.0)


def test_a_bare_size_is_still_a_size_with_a_year_in_play(gaz: Gazetteer) -> None:
    frame = talk(gaz, ["상계주공7 84 2022년 매매", "59"])[1]
    assert (frame.slots.area_min_m2, frame.slots.area_max_m2) == (56.0, 62.0)
    assert frame.slots.period_from == "2022-01-01"


# -- after a word was explained, how its rule works ------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["그거 몇 년까지 연장돼요", "집주인이 그걸 거절할 수도 있나요", "그건 몇 번이나 쓸 수 있죠"]
)
def test_how_the_rule_works_after_a_definition_is_law(gaz: Gazetteer, text: str) -> None:
    frame = talk(gaz, ["갱신요구권이 뭐예요?", text])[1]
    assert frame.intent is Intent.LEGAL_INQUIRY


def test_another_word_after_a_definition_stays_a_definition(gaz: Gazetteer) -> None:
    assert talk(gaz, ["LTV가 뭐예요", "그럼 DSR은요?"])[1].intent is Intent.TERM_DEFINITION


def test_an_article_alone_keeps_the_law_shown(gaz: Gazetteer) -> None:
    frame = talk(gaz, ["민법 제623조 보여줘", "626조도요"])[1]
    assert (frame.slots.law_name, frame.slots.article) == ("민법", "626")


# -- contract drafts -----------------------------------------------------------------------------------


def _pending(gaz: Gazetteer, text: str) -> bool:
    nlu = parse(strip_negated(text), gaz, TODAY)
    return is_new_question(
        text,
        nlu.intent,
        strong_intent=nlu.confidence >= 0.7,
        pending="contract_approval",
        pending_intent=Intent.CONTRACT_CREATION,
    )


@pytest.mark.parametrize(
    "text", ["월세 계약 체크리스트도 새로 하나 만들어 줄래요", "계약서 하나 더 써줘요 이번엔 전세로"]
)
def test_another_draft_while_one_waits_is_a_new_question(gaz: Gazetteer, text: str) -> None:
    assert _pending(gaz, text)


@pytest.mark.parametrize("text", ["전세로 바꿔줘", "보증금은 4천으로 수정해 주세요"])
def test_a_change_of_the_waiting_draft_answers_it(gaz: Gazetteer, text: str) -> None:
    assert not _pending(gaz, text)


async def test_a_revised_draft_waits_with_its_revised_slots_in_the_state(gaz: Gazetteer) -> None:
    deps = SimpleNamespace(gazetteer=gaz, today=lambda: TODAY)
    builder = StateGraph(AgentState)
    builder.add_node("approval", make_approval_node(deps, None))  # type: ignore[arg-type]
    builder.add_node("planning", lambda state: {})
    builder.add_node("respond", lambda state: {})
    builder.add_edge(START, "approval")
    graph = builder.compile(checkpointer=InMemorySaver())
    terms = {"deal_type": "월세", "address": None, "address_given": False, "deposit_manwon": 2000}
    draft = refresh({"kind": "lease", "terms": terms | {"monthly_rent_manwon": 90}, "special_terms": []})
    slots = {"deal_type": "월세", "deposit_manwon": 2000, "monthly_rent_manwon": 90}
    start = {
        "query": "월세 계약서 초안",
        "intent": "CONTRACT_CREATION",
        "slots": slots,
        "plan": [{"id": "s1", "task": "contract_draft"}],
        "results": {"s1": {"data": {"status": AWAITING_APPROVAL, "document": draft}}},
    }
    config = {"configurable": {"thread_id": "round7"}}
    await graph.ainvoke(start, config)
    reply = {"action": "answer", "feedback": "보증금은 4천으로 해 주세요"}
    await graph.ainvoke(Command(resume=reply), config)
    state = await graph.aget_state(config)
    assert state.interrupts and state.interrupts[0].value["type"] == "contract_approval"
    assert "2,000만원 → 4,000만원" in state.interrupts[0].value["question"]
    assert state.values["slots"]["deposit_manwon"] == 4000
    assert state.values["slots"]["monthly_rent_manwon"] == 90
    await graph.ainvoke(Command(resume={"action": "approve"}), config)
    done = await graph.aget_state(config)
    assert not done.interrupts and done.values["slots"]["deposit_manwon"] == 4000
    assert done.values["pending_approval"] is None


@pytest.mark.parametrize(
    "text",
    [
        "계약금 보내고 나서 취소하면 그 돈 돌려받을 수 있어요?",
        "매수인이 계약을 취소하면 위약금은 어떻게 돼요?",
    ],
)
def test_a_question_about_cancelling_while_a_draft_waits_is_answered(gaz: Gazetteer, text: str) -> None:
    assert decide({"action": "answer", "feedback": text})[0] == "modify"  # no refusal of the draft
    assert _pending(gaz, text)


@pytest.mark.parametrize("text", ["취소해 주세요", "이건 그만할게요", "거절할게요", "cancel it"])
def test_a_refusal_still_rejects_the_draft(text: str) -> None:
    assert decide({"action": "answer", "feedback": text})[0] == "reject"
