"""Answer text by answer type: one module per kind of answer (market, law, calculators, contract).

build_sections turns the plan's step results into titled sections in plan order; respond joins them.
"""

from __future__ import annotations

from typing import Any

from agents.answers.calculators import loan_section, roi_section
from agents.answers.comparison import comparison_section
from agents.answers.contract import contract_section
from agents.answers.law import law_section
from agents.answers.market import (
    evaluation_section,
    listing_section,
    recommend_section,
    rent_line,
    stats_section,
    trade_line,
)
from agents.answers.section import Section
from agents.domain.slots import Intent, Slots


def build_sections(
    intent: Intent,
    slots: Slots,
    plan: list[dict[str, Any]],
    results: dict[str, Any],
    *,
    english: bool = False,
) -> list[Section]:
    """One section per step result, in plan order. `english`: the question was asked in English, so
    the market answers (statistics, listings, evaluation, recommendation) and the calculators (loan
    limit, rental yield) answer in English."""
    if (compared := comparison_section(plan, results, english=english)) is not None:
        return [compared]  # "송파구랑 강남구": one side-by-side section, not one section per side
    sections: list[Section] = []
    for step in plan:
        entry = results.get(step["id"]) or {}
        data = entry.get("data") or {}
        if step["task"] == "law_search" and "skipped" in data:
            continue  # a glossary word no statute governs: the definition is the whole answer
        if "error" in data or "reason" in data:
            # The refusal or missing-data reason is itself the answer to the step.
            reason = data.get("error") or data["reason"]
            sections.append({"title": step["description"], "content": "", "lead": reason})
            continue
        match step["task"]:
            case "market_stats":
                sections.append(stats_section(data, slots, english=english))
            case "search_trades":
                sections.append(listing_section(data, slots, trade_line, english=english))
            case "search_rents":
                sections.append(listing_section(data, slots, rent_line, english=english))
            case "evaluate_price":
                sections.append(evaluation_section(data, slots, english=english))
            case "law_search":
                sections.append(law_section(data))
            case "define_term":
                sections.append(_definition_section(data, english=english))
            case "loan_calc":
                sections.append(loan_section(data, english=english))
            case "roi_calc":
                sections.append(roi_section(data, english=english))
            case "recommend_complexes":
                sections.append(recommend_section(data, slots, english=english))
            case "contract_draft":
                sections.append(contract_section(data))
    return sections


def _definition_section(data: dict[str, Any], *, english: bool) -> Section:
    """The glossary's own words; in English when asked in English and the term has an English text."""
    term = data.get("term", "")
    if english and data.get("definition_en"):
        return {"title": f"Term: {term}", "content": data["definition_en"]}
    if english and not term:
        return {"title": "Term", "content": "That word is not in our glossary; see the statute search below."}
    content = data.get("definition") or data.get("skipped", "")
    return {"title": f"용어: {term}".rstrip(": "), "content": content}


__all__ = ["Section", "build_sections"]
