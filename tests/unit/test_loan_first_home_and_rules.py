"""A first-time buyer is read from the user's words and gets its own LTV and cap; a loan question that
names a rule and no amount hears the rule (with its instrument) before it is asked for the amounts."""

from __future__ import annotations

from datetime import date

import pytest

from agents.answers.calculators import loan_rules_brief
from agents.domain.slots import Intent, Slots
from agents.gazetteer import Gazetteer, GazetteerRow
from agents.nlu import parse
from agents.planning import loan_rule_topics
from agents.tools.loan_rules import DEFAULT_RULES, RULES_2023_03
from agents.tools.loans import calculate_loan

TODAY = date(2026, 11, 21)


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.from_rows(
        [GazetteerRow("11440", "공덕동", "공덕래미안", "11440-1", 100, date(2024, 12, 30))]
    )


@pytest.mark.parametrize(
    "text",
    [
        "연봉 6천에 7억 아파트 사려는데 대출 얼마나 돼요? 생애 최초 구입이에요",
        "처음으로 집 사는 건데 9억이면 대출 얼마 받아요",
        "첫 집 마련인데 연소득 8천이면 얼마까지 빌릴 수 있나요",
        "first-time buyer here, 800 million won apartment, how much can I borrow?",
        "It's my first home: 700 million won flat and I earn 60 million won a year. Max loan?",
    ],
)
def test_first_time_buyer_is_read(gaz: Gazetteer, text: str) -> None:
    result = parse(text, gaz, TODAY)
    assert result.intent is Intent.LOAN_CONSULT
    assert result.slots.first_home is True


@pytest.mark.parametrize(
    "text",
    [
        "8억 집 대출 얼마나 나와요? 생애최초는 아니고요",
        "이미 집 한 채 있는데 10억짜리 사면 대출 얼마나",
        "not a first-time buyer, 1 billion won apartment, how much can I borrow?",
    ],
)
def test_denied_first_time_buyer_is_false(gaz: Gazetteer, text: str) -> None:
    assert parse(text, gaz, TODAY).slots.first_home is False


def test_first_home_outside_a_loan_question_is_not_a_slot(gaz: Gazetteer) -> None:
    assert parse("공덕동 첫 집으로 괜찮은 아파트 시세 알려줘", gaz, TODAY).slots.first_home is None


def test_first_home_changes_the_ltv_and_cap() -> None:
    regulated = calculate_loan(80000, None, DEFAULT_RULES, region_regulated=True)
    first = calculate_loan(80000, None, DEFAULT_RULES, region_regulated=True, first_home=True)
    assert regulated.max_loan_manwon == 32000  # LTV 40%
    assert first.max_loan_manwon == 56000  # LTV 70%, under the 6억 cap


@pytest.mark.parametrize(
    ("query", "slots", "topics"),
    [
        ("규제지역이면 LTV 몇 퍼센트예요?", Slots(), {"ltv"}),
        ("요즘 대출 몇 프로까지 나와요", Slots(), {"ltv"}),
        ("스트레스 DSR 붙으면 얼마나 줄어요", Slots(), {"dsr"}),
        ("DTI랑 DSR 다 걸려요?", Slots(), {"dsr", "dti"}),
        ("주담대 한도 규제 어떻게 돼요?", Slots(), {"cap"}),
        ("대출 얼마나 받을 수 있어요?", Slots(first_home=True), {"first_home"}),
        ("대출 얼마나 받을 수 있어요?", Slots(), set()),
        ("what LTV applies in Seoul now?", Slots(), {"ltv"}),
    ],
)
def test_rule_topics_of_a_loan_question(query: str, slots: Slots, topics: set[str]) -> None:
    assert loan_rule_topics(query, slots) == topics


def test_rule_brief_states_the_table_in_force_with_instruments() -> None:
    brief = loan_rules_brief(DEFAULT_RULES, {"ltv", "first_home"})
    assert "규제지역(서울 전역·분당구 등) 40%, 비규제지역 70%" in brief
    assert "「주택시장 안정화 대책」" in brief  # every rate names its instrument
    assert "조문은 아직 50%" in brief  # the regulation's own text where the measure departs from it
    assert "생애최초 주택구입은 LTV가 규제지역 70%, 비규제지역 80%이고 대출 한도는 6억원" in brief
    assert "규칙표 기준일 2025-10-16" in brief


def test_rule_brief_follows_the_rule_table() -> None:
    older = loan_rules_brief(RULES_2023_03, {"ltv", "cap", "dsr"})
    assert "규제지역(서울 전역·분당구 등) 50%" in older
    assert "시가" not in older  # no price caps in that table: no sentence about them
    assert "스트레스 금리를 수도권·규제지역 0.0%p" in older


def test_rule_brief_in_english_and_empty_without_topics() -> None:
    assert loan_rules_brief(DEFAULT_RULES, set()) == ""
    english = loan_rules_brief(DEFAULT_RULES, {"dsr", "cap"}, english=True)
    assert english.startswith("DSR caps all loan repayments at 40% of annual income")
    assert "6억원 for homes up to 15억원" in english


@pytest.mark.parametrize(
    "text",
    [
        "what LTV would I get for a flat in Mapo?",
        "the DSR limit these days?",
        "is DTI higher outside Seoul?",
        "LTV 요즘 얼마까지 나와요",
        "DSR 한도 바뀌었어요?",
    ],
)
def test_a_question_about_the_rule_is_a_loan_question(gaz: Gazetteer, text: str) -> None:
    assert parse(text, gaz, TODAY).intent is Intent.LOAN_CONSULT


@pytest.mark.parametrize("text", ["LTV가 뭐예요?", "what does DSR stand for?", "DTI랑 DSR은 뭐가 달라요?"])
def test_the_word_alone_stays_a_definition(gaz: Gazetteer, text: str) -> None:
    assert parse(text, gaz, TODAY).intent is Intent.TERM_DEFINITION
