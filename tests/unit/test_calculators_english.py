"""Loan and yield answers to English questions: the title, the lead sentence and the labels are
English and carry the same figures as the Korean answer; amounts keep their Korean units and the
dated assumption lines stay as the tools write them."""

from __future__ import annotations

import re

from agents.answers.calculators import loan_section, roi_section
from agents.formatting import won
from agents.teams.analysis import _ltv_precedence
from agents.tools.loans import calculate_loan
from agents.tools.roi import calculate_roi
from tests.unit.test_calculators_answers import assert_readable, first_sentence

HANGUL_WORD = re.compile(r"[가-힣]+")
UNITS = {"억", "억원", "만원", "원", "년"}


def korean_words_outside_amounts(sentence: str) -> set[str]:
    """Hangul left in a sentence once Korean amounts (5억 4,000만원) are taken out."""
    return {w for w in HANGUL_WORD.findall(sentence) if w not in UNITS}


def test_loan_answer_in_english_leads_with_the_same_limit() -> None:
    data = calculate_loan(90000, 12000, region_regulated=True).model_dump(mode="json")
    data["ltv_precedence"] = _ltv_precedence(True)
    korean = loan_section(data)
    english = loan_section(data, english=True)
    assert english["title"] == "Loan limit"
    lead = first_sentence(english["content"])
    assert lead.startswith("With a home price of 9억원 and an annual income of 1억 2,000만원")
    assert f"estimated maximum loan is {won(data['max_loan_manwon'])}." in lead
    assert f"{won(data['max_loan_manwon'])}입니다" in first_sentence(korean["content"])
    assert "limit is the lowest" in lead
    assert not korean_words_outside_amounts(lead)
    assert "Monthly repayment (estimate)" in english["content"]
    assert "Assumptions (rule table dated" in english["content"]
    assert "The regulated-area LTV of 40% follows" in english["content"]  # which LTV applies, in English
    assert "still reads 50%" in english["content"] and "규칙표에서" not in english["content"]
    assert_readable(english["content"])


def test_loan_answer_in_english_asks_for_what_is_missing() -> None:
    income_only = calculate_loan(None, 7000, region_regulated=False).model_dump(mode="json")
    content = loan_section(income_only, english=True)["content"]
    assert "Tell me the home's price" in content and "주택 가격을 알려주시면" not in content
    price_only = calculate_loan(80000, None, region_regulated=False).model_dump(mode="json")
    assert "Tell me your annual income" in loan_section(price_only, english=True)["content"]


def test_loan_answer_in_english_with_existing_debt_names_it() -> None:
    data = calculate_loan(None, 6000, existing_debt_payment_manwon=1200, region_regulated=False)
    lead = first_sentence(loan_section(data.model_dump(mode="json"), english=True)["content"])
    assert "existing repayments of 1,200만원 a year" in lead


def test_yield_answer_in_english_uses_the_users_numbers() -> None:
    data = calculate_roi(90000, 5000, 230).model_dump(mode="json")
    data["basis"] = {"price": "user", "deposit": "user", "monthly_rent": "user"}
    english = roi_section(data, english=True)
    korean = roi_section(data)
    assert english["title"] == "Rental yield"
    lead = first_sentence(english["content"])
    gross, net = data["gross_yield_pct"], data["net_yield_pct"]
    assert lead.startswith("Buying at 9억원 and letting for a 5,000만원 deposit and 230만원 a month")
    assert f"gross yield of {gross}% a year" in lead and f"{net}% a year net" in lead
    assert f"연 {gross}%" in first_sentence(korean["content"])
    assert not korean_words_outside_amounts(lead)
    assert "price, deposit and rent all as you said" in english["content"]
    assert_readable(english["content"])


def test_yield_answer_in_english_says_which_values_came_from_the_market() -> None:
    data = calculate_roi(90000, 20000, 95).model_dump(mode="json")
    data["basis"] = {"price": "user", "deposit": "market", "monthly_rent": "market"}
    data["rent_basis"] = {"count": 6708, "period": "2025-01-01~2025-12-31"}
    content = roi_section(data, english=True)["content"]
    assert (
        "price as you said, deposit the median rent of real deals, rent the median rent of real deals"
        in content
    )
    assert "6,708 real rent deals" in content
