"""Definitions as texts a person reads: the glossary answers in the question's language, and a word no
statute governs gets its definition alone, not a "the statutes do not cover this" under it."""

from __future__ import annotations

import re

import pytest

from agents.answers import build_sections
from agents.domain.slots import Intent, Slots
from agents.glossary import TERMS, find_term

HANGUL = re.compile(r"[가-힣]")


def test_every_term_has_an_english_definition_in_english() -> None:
    for term in TERMS:
        assert term.english, term.name
        # Korean may appear only as the term itself or a unit (6억원, 평형), never as the sentence.
        assert len(HANGUL.findall(term.english)) < len(term.english) / 8, term.name


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("What is DTI?", "DTI"),
        ("what does debt service ratio mean", "DSR"),
        ("Can you explain what a jeonse ratio is", "전세가율"),
        ("what's an empty-can jeonse", "깡통전세"),
        ("What is the supply area of an apartment?", "공급면적"),
        ("what does 'opposability' mean for tenants", "대항력"),
        ("explain ban-jeonse please", "반전세"),
        ("반전세가 뭔가요", "반전세"),
    ],
)
def test_english_and_korean_names_find_the_term(question: str, name: str) -> None:
    term = find_term(question)
    assert term is not None and term.name == name


def _sections(data: dict, law: dict, *, english: bool) -> list:
    plan = [
        {"id": "s1", "task": "define_term", "description": "용어 설명"},
        {"id": "s2", "task": "law_search", "description": "관련 법 조문 검색"},
    ]
    results = {"s1": {"data": data}, "s2": {"data": law}}
    return build_sections(Intent.TERM_DEFINITION, Slots(), plan, results, english=english)


def test_an_english_question_gets_the_english_definition_alone() -> None:
    term = find_term("What does LTV stand for?")
    assert term is not None
    data = {"term": term.name, "definition": term.definition, "definition_en": term.english}
    sections = _sections(data, {"skipped": "LTV"}, english=True)
    assert [s["title"] for s in sections] == ["Term: LTV"]
    assert sections[0]["content"].startswith("Loan-to-value ratio")


def test_a_korean_question_gets_the_korean_definition() -> None:
    term = find_term("근저당이 뭐야")
    assert term is not None
    data = {"term": term.name, "definition": term.definition, "definition_en": term.english}
    sections = _sections(data, {"skipped": "근저당"}, english=False)
    assert [s["title"] for s in sections] == ["용어: 근저당"]
    assert sections[0]["content"] == term.definition
