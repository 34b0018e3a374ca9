"""Turning one user message into preference facts: rules, bad input, and the LLM hook (offline)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel, GenericFakeChatModel
from langchain_core.messages import AIMessage

from agents.domain.slots import Intent, Slots
from memory.extract import (
    LlmExtractor,
    RuleExtractor,
    StructuredLlmExtractor,
    extract,
    extract_facts,
    scan_text,
)
from memory.preferences import Fact

SONGPA = Slots(sigungu="송파구", sigungu_code="11710")


def by_key(facts: list[Fact]) -> dict[str, Any]:
    return {f.key: f.value for f in facts}


def test_statement_stores_region_deal_budget_and_area_band() -> None:
    slots = SONGPA.model_copy(update={"deal_type": "전세", "price_max_manwon": 60000})
    facts = extract_facts("송파구에서 전세 6억 이하 30평대 찾고 있어요", slots, Intent.PROPERTY_SEARCH)
    assert by_key(facts) == {
        "region": {"sigungu": "송파구", "sigungu_code": "11710", "dong": None},
        "deal_type": "전세",
        "budget_max_manwon": 60000,
        "area": {"min_m2": 99.2, "max_m2": 132.2},
    }
    assert {f.confidence for f in facts} == {0.8}


def test_budget_update_phrase_without_a_price_slot() -> None:
    [fact] = extract_facts("예산이 8억으로 늘었어", Slots(), Intent.UNCLEAR)
    assert (fact.key, fact.value, fact.confidence) == ("budget_max_manwon", 80000, 0.9)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("예산은 3억 이상이에요", {"budget_min_manwon": 30000}),
        ("예산 3억~5억 생각 중", {"budget_min_manwon": 30000, "budget_max_manwon": 50000}),
        ("예산을 6억 5천으로 바꿨어", {"budget_max_manwon": 65000}),
    ],
)
def test_budget_phrases(text: str, expected: dict[str, int]) -> None:
    assert by_key(extract_facts(text, Slots(), Intent.UNCLEAR)) == expected


@pytest.mark.parametrize(
    ("text", "fields"),
    [
        ("예산 -3억", {"budget"}),
        ("예산 − 3억", {"budget"}),
        ("마이너스 5천만원", {"budget"}),
        ("0원 0만원", {"budget"}),
        ("1,001억", {"budget"}),
        ("1000평", {"area"}),
        ("5㎡", {"area"}),
        ("방 0개", {"rooms"}),
        ("6-8억 30평대 투룸", set()),
        ("5억~7억 84㎡ 방 3개", set()),
    ],
)
def test_implausible_numbers_are_noticed(text: str, fields: set[str]) -> None:
    """agents.domain.units drops these silently; memory must see them to distrust the statement."""
    assert {r.field for r in scan_text(text).implausible} == fields


def test_a_search_is_weaker_evidence() -> None:
    slots = SONGPA.model_copy(update={"deal_type": "매매"})
    facts = extract_facts("송파구 매매 시세 알려줘", slots, Intent.MARKET_INQUIRY)
    assert set(by_key(facts)) == {"region", "deal_type"}
    assert {f.confidence for f in facts} == {0.5}


def test_questions_outside_search_intents_store_nothing() -> None:
    slots = Slots(deal_type="전세")
    assert extract_facts("전세 계약갱신요구권이 뭐야?", slots, Intent.LEGAL_INQUIRY) == []


def test_slots_not_grounded_in_the_message_are_not_stored() -> None:
    """Planning fills slots from memory; the job payload carries them, but the user never said them."""
    slots = SONGPA.model_copy(
        update={"deal_type": "전세", "price_max_manwon": 60000, "area_min_m2": 99.2, "rooms": 3}
    )
    assert extract_facts("추천해줘", slots, Intent.PROPERTY_RECOMMENDATION) == []


def test_negated_region_is_not_a_preference() -> None:
    slots = Slots(sigungu="강남구", sigungu_code="11680", deal_type="전세")
    assert by_key(extract_facts("강남구 말고 전세 찾고 있어요", slots, Intent.PROPERTY_SEARCH)) == {
        "deal_type": "전세"
    }


def test_everyday_spellings_count_as_said() -> None:
    slots = SONGPA.model_copy(update={"dong": "잠실동", "deal_type": "전세"})
    facts = extract_facts("잠실 전셋집 구하고 있어요", slots, Intent.PROPERTY_SEARCH)
    assert by_key(facts) == {
        "region": {"sigungu": "송파구", "sigungu_code": "11710", "dong": "잠실동"},
        "deal_type": "전세",
    }


def test_rooms_and_monthly_rent() -> None:
    slots = Slots(deal_type="월세", monthly_rent_max_manwon=80)
    facts = extract_facts("월세 80만원 이하 투룸 구하고 있어요", slots, Intent.PROPERTY_SEARCH)
    assert by_key(facts) == {"deal_type": "월세", "rooms": 2, "monthly_rent_max_manwon": 80}


def test_unknown_place_is_skipped_not_fatal() -> None:
    slots = Slots(sigungu="없는구", deal_type="매매")
    assert by_key(extract_facts("없는구 매매 찾고 있어요", slots, Intent.PROPERTY_SEARCH)) == {
        "deal_type": "매매"
    }


@pytest.mark.parametrize(
    ("text", "slots", "field"),
    [
        ("예산 -3억", Slots(price_max_manwon=30000), "budget"),
        ("예산 마이너스 3억으로 찾고 있어요", Slots(), "budget"),
        ("예산은 0원이에요 0만원", Slots(), "budget"),
        ("예산은 2000억이에요", Slots(), "budget"),
        ("1000평 원룸 찾고 있어요", Slots(rooms=1, area_min_m2=3305.8), "area"),
        ("3평 원룸 찾고 있어요", Slots(rooms=1), "area"),
        ("송파구 방 15개 찾고 있어요", SONGPA.model_copy(update={"rooms": 15}), "rooms"),
        ("원룸인데 방 3개 찾고 있어요", Slots(), "rooms"),
        ("5억 이상 3억 이하로 찾고 있어요", Slots(price_min_manwon=50000, price_max_manwon=30000), "budget"),
    ],
)
def test_absurd_or_contradictory_statements_are_rejected_whole(text: str, slots: Slots, field: str) -> None:
    result = extract(text, slots, Intent.PROPERTY_SEARCH)
    assert result.facts == []
    assert field in {r.field for r in result.rejected}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "송파구에서 전세 6억 이하 30평대 찾고 있어요.",
            {
                "region": {"sigungu": "송파구", "sigungu_code": "11710", "dong": None},
                "deal_type": "전세",
                "budget_max_manwon": 60000,
                "area": {"min_m2": 99.2, "max_m2": 132.2},
            },
        ),
        ("예산이 8억으로 늘었어", {"budget_max_manwon": 80000}),
        ("추천해줘", {}),
        ("예산 -3억", {}),
        ("1000평 원룸", {}),
    ],
)
def test_issue_sentences_through_the_real_nlu(query: str, expected: dict[str, Any]) -> None:
    """The contract with agents/nlu.py: its slots for the issue's sentences become these facts."""
    from agents.gazetteer import Gazetteer
    from agents.nlu import parse

    parsed = parse(query, Gazetteer.from_rows([]), date(2026, 11, 22))
    assert by_key(extract_facts(query, parsed.slots, parsed.intent)) == expected


async def test_rule_extractor_fits_the_protocol() -> None:
    extractor = RuleExtractor()
    assert isinstance(extractor, LlmExtractor)
    facts = await extractor.extract("예산이 8억으로 늘었어", Slots(), Intent.UNCLEAR)
    assert by_key(facts) == {"budget_max_manwon": 80000}


# ---------------------------------------------------------------- LLM hook, offline fakes

LLM_OUTPUT = {
    "kind": "statement",
    "regions": ["송파구"],
    "deal_type": "전세",
    "budget_max_manwon": 60000,
    "area_min_m2": 99.2,
    "area_max_m2": 132.2,
}


async def test_llm_extractor_with_a_json_only_model() -> None:
    model = GenericFakeChatModel(
        messages=iter([AIMessage(content=json.dumps(LLM_OUTPUT, ensure_ascii=False))])
    )
    extractor = StructuredLlmExtractor(model)
    assert isinstance(extractor, LlmExtractor)
    facts = await extractor.extract("송파구 전세 6억 이하 30평대 원해요", Slots(), Intent.PROPERTY_SEARCH)
    assert by_key(facts) == {
        "region": {"sigungu": "송파구", "sigungu_code": "11710", "dong": None},
        "deal_type": "전세",
        "budget_max_manwon": 60000,
        "area": {"min_m2": 99.2, "max_m2": 132.2},
    }
    assert all(f.rule.startswith("llm:statement") and f.confidence == 0.8 for f in facts)


class ToolCallingFake(GenericFakeChatModel):
    """A fake that 'supports' tool calling, so with_structured_output takes the tool-call path."""

    def bind_tools(self, tools: Any, *, tool_choice: str | None = None, **kwargs: Any) -> Any:
        return self


async def test_llm_extractor_with_structured_output_tool_calls() -> None:
    call = {"name": "LlmPreferences", "args": {"kind": "update", "budget_max_manwon": 80000}, "id": "1"}
    model = ToolCallingFake(messages=iter([AIMessage(content="", tool_calls=[call])]))
    facts = await StructuredLlmExtractor(model).extract("예산이 8억으로 늘었어", Slots(), Intent.UNCLEAR)
    assert [(f.key, f.value, f.confidence) for f in facts] == [("budget_max_manwon", 80000, 0.9)]


async def test_llm_garbage_falls_back_to_the_rules() -> None:
    model = FakeListChatModel(responses=["I think they like Songpa!"])
    facts = await StructuredLlmExtractor(model).extract("예산이 8억으로 늘었어", Slots(), Intent.UNCLEAR)
    assert by_key(facts) == {"budget_max_manwon": 80000}


async def test_llm_values_pass_the_same_sanity_checks() -> None:
    absurd = {"kind": "statement", "budget_max_manwon": -30000, "deal_type": "전세"}
    model = FakeListChatModel(responses=[json.dumps(absurd)])
    assert (
        await StructuredLlmExtractor(model).extract("전세 찾고 있어요", Slots(), Intent.PROPERTY_SEARCH) == []
    )
    # The raw text is checked too, whatever the model says.
    model = FakeListChatModel(responses=[json.dumps({"kind": "statement", "rooms": 1})])
    assert (
        await StructuredLlmExtractor(model).extract("1000평 원룸 원해요", Slots(), Intent.PROPERTY_SEARCH)
        == []
    )


async def test_llm_saying_none_stores_nothing() -> None:
    model = FakeListChatModel(responses=[json.dumps({"kind": "none", "deal_type": "매매"})])
    assert await StructuredLlmExtractor(model).extract("안녕하세요", Slots(), Intent.IRRELEVANT) == []
