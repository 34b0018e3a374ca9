"""Every calculator rule constant names its instrument and date; the 2025-10-15 LTV is applied and the
regulation's own text is stated beside it; the 취득세 tiers follow 지방세법."""

from __future__ import annotations

import re

import pytest

from agents.tools.loan_rules import DEFAULT_RULES, RULESETS, LoanRules, RuleValue
from agents.tools.loans import LTV_STATUTE_TEXT, calculate_loan
from agents.tools.roi import ROI_RULES, calculate_roi, tiered_acquisition_rate

DATE = re.compile(r"\b(19|20)\d{2}-\d{2}-\d{2}\b")
# An instrument: a quoted measure 「…」, a regulation or act by name, an authority's announcement,
# or our own stated operating assumption.
INSTRUMENT = re.compile(r"「[^」]+」|은행업감독규정|지방세법|금융위원회|국토교통부|관계부처|운영 가정값")


def rule_sources(rules: LoanRules) -> list[tuple[str, str]]:
    """(field, source) of every rule value and every stated source of one table."""
    out = [("source", rules.source), ("regulated_regions_source", rules.regulated_regions_source)]
    out.append(("regulated_price_caps_source", rules.regulated_price_caps_source))
    for name in LoanRules.model_fields:
        value = getattr(rules, name)
        if isinstance(value, RuleValue):
            out.append((name, value.source))
    return out


@pytest.mark.parametrize("rules", RULESETS, ids=lambda r: r.name)
def test_every_loan_rule_names_its_instrument_and_date(rules: LoanRules) -> None:
    sources = rule_sources(rules)
    assert len(sources) >= 15  # every RuleValue field of the table is walked, not a sample
    for field, source in sources:
        assert DATE.search(source), f"{rules.name}.{field} has no date: {source}"
        assert INSTRUMENT.search(source), f"{rules.name}.{field} names no instrument: {source}"


def test_every_roi_rule_names_its_instrument_and_date() -> None:
    for rule in ROI_RULES:
        assert DATE.search(rule.source) and INSTRUMENT.search(rule.source), rule.source


def test_2025_measure_applies_40_and_the_regulation_text_50_is_stated() -> None:
    assert DEFAULT_RULES.ltv_regulated.value == 0.40
    assert "2025-10-15" in DEFAULT_RULES.ltv_regulated.source
    statute = DEFAULT_RULES.ltv_regulated_statute_text
    assert statute is not None and statute.value == 0.50 and "은행업감독규정" in statute.source
    result = calculate_loan(90000, 8000, region_regulated=True)
    assert result.ltv_ratio == 0.40
    listed = {a.name: a.value for a in result.assumptions}
    assert listed[LTV_STATUTE_TEXT] == 0.50
    # outside 규제지역 the text does not matter and is not listed
    unregulated = calculate_loan(90000, 8000, region_regulated=False)
    assert LTV_STATUTE_TEXT not in {a.name for a in unregulated.assumptions}


@pytest.mark.parametrize(
    ("price", "tax_rate"),
    [
        (50000, 0.01),  # 6억 이하 1%
        (60000, 0.01),
        (75000, 0.02),  # 7.5억: 7.5 × 2/3 − 3 = 2%
        (90000, 0.03),  # 9억: 9 × 2/3 − 3 = 3%
        (100000, 0.03),  # 9억 초과 3%
    ],
)
def test_acquisition_cost_follows_the_tax_tiers(price: int, tax_rate: float) -> None:
    # 지방교육세 = 취득세의 10%; 중개보수·등기 0.4%
    assert tiered_acquisition_rate(price) == pytest.approx(tax_rate * 1.1 + 0.004)


def test_roi_uses_the_tier_of_the_price() -> None:
    result = calculate_roi(100000, 30000, 150)
    assert result.acquisition_costs_manwon == 3700  # 10억 × (3% + 0.3% + 0.4%)
    assert result.cash_invested_manwon == 100000 + 3700 - 30000


def test_existing_debt_balance_is_counted_as_a_five_year_level_payment() -> None:
    plain = calculate_loan(None, 8000, region_regulated=False)
    with_balance = calculate_loan(None, 8000, existing_debt_manwon=5000, region_regulated=False)
    # 5,000만원 over 5 years at 4%: 92.08/month → 1,105/year of the 3,200 DSR room
    assert with_balance.max_by_dsr_manwon < plain.max_by_dsr_manwon
    converted = next(a for a in with_balance.assumptions if a.name.startswith("기존 대출 잔액"))
    assert converted.value == 1105
    assert "2021-04-29" in converted.source
