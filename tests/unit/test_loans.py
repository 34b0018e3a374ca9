"""The loan calculator against numbers worked out by hand (formulas in the comments)."""

from __future__ import annotations

import datetime as dt

import pytest

from agents.tools.loan_rules import DEFAULT_RULES, RULES_2023_03, RULES_2025_10, RULESETS, rules_on
from agents.tools.loans import calculate_loan, level_payment, principal_for_payment, round_half_up


def test_level_payment_matches_the_textbook_mortgage():
    # 1억 at 6% over 30 years: the classic $100,000 → $599.55/month, i.e. 59.955 만원.
    assert level_payment(10000, 0.06, 30) == pytest.approx(59.955, abs=1e-3)


def test_principal_for_payment_inverts_level_payment():
    assert principal_for_payment(level_payment(24000, 0.045, 25), 0.045, 25) == pytest.approx(24000)


def test_zero_rate_is_straight_division():
    assert level_payment(12000, 0.0, 10) == 100
    assert principal_for_payment(100, 0.0, 10) == 12000


def test_round_half_up_is_not_bankers_rounding():
    assert (round_half_up(2.5), round_half_up(3.5), round_half_up(114.58)) == (3, 4, 115)


def test_8천_income_6억_home_in_seoul_is_bound_by_ltv():
    """연봉 8천에 6억: 규제지역 LTV 40% → 2.4억 (DSR at 4%+3%p stress would allow ~4.0억)."""
    result = calculate_loan(60000, 8000, region_regulated=True)
    assert result.max_by_ltv_manwon == 24000  # 60000 × 0.40
    # DSR: 8000 × 40% = 3200/yr = 266.67/month; at 7% over 360 months the annuity factor is 150.31
    assert result.max_by_dsr_manwon == 40082
    # DTI: 8000 × 40% at 4% without stress: 266.67 × 209.46
    assert result.max_by_dti_manwon == 55856
    assert result.cap_manwon == 60000  # ≤ 15억 → 6억
    assert (result.binding_constraint, result.max_loan_manwon) == ("LTV", 24000)
    assert result.monthly_payment_manwon == 115  # 24000 × 0.0047742 = 114.58
    assert result.annual_payment_manwon == 1375  # 114.5797 × 12 = 1374.96
    assert result.equity_needed_manwon == 36000
    assert (result.rate, result.stress_rate, result.term_years) == (0.04, 0.03, 30)


def test_unknown_region_is_treated_as_regulated_and_says_so():
    result = calculate_loan(60000, 8000)
    assert result.ltv_ratio == 0.40
    region = next(a for a in result.assumptions if a.name == "규제지역 여부")
    assert region.value is True and "가정" in region.source


def test_first_home_outside_regulated_areas_is_bound_by_dsr():
    """생애최초 비규제: LTV 80% → 4.8억, but DSR at 4%+1.5%p allows 266.67 × 176.12 = 46,965."""
    result = calculate_loan(60000, 8000, region_regulated=False, first_home=True)
    assert result.max_by_ltv_manwon == 48000
    assert result.max_by_dsr_manwon == 46965
    assert result.cap_manwon == 60000  # 생애최초 6억 한도
    assert (result.binding_constraint, result.max_loan_manwon) == ("DSR", 46965)
    assert result.monthly_payment_manwon == 224  # 46965 at 4% → 224.22


def test_price_tier_cap_binds_above_25억():
    result = calculate_loan(300000, 30000, region_regulated=True)
    assert result.max_by_ltv_manwon == 120000
    assert (result.binding_constraint, result.max_loan_manwon, result.cap_manwon) == ("한도", 20000, 20000)


def test_price_tier_cap_between_15억_and_25억():
    assert calculate_loan(200000, 30000, region_regulated=True).cap_manwon == 40000


def test_existing_debt_can_use_up_the_whole_dsr():
    result = calculate_loan(50000, 5000, existing_debt_payment_manwon=2000, region_regulated=False)
    assert (result.binding_constraint, result.max_loan_manwon, result.monthly_payment_manwon) == ("DSR", 0, 0)


def test_zero_rate_rules_2023_hand_computed():
    """2023-03 rules, no stress, 0%, 10 years: DSR 6000×40% = 2400/yr = 200/month × 120 = 24,000."""
    result = calculate_loan(100000, 6000, RULES_2023_03, region_regulated=False, rate=0.0, term_years=10)
    assert result.max_by_ltv_manwon == 70000  # 비규제 70%
    assert result.max_by_dti_manwon == 36000  # 6000 × 60% = 300/month × 120
    assert (result.binding_constraint, result.max_loan_manwon, result.monthly_payment_manwon) == (
        "DSR",
        24000,
        200,
    )
    assert result.rules_effective_date == dt.date(2023, 3, 2)


def test_every_assumption_is_listed_with_a_source():
    result = calculate_loan(60000, 8000, rate=0.045, term_years=40, region_regulated=True)
    names = {a.name for a in result.assumptions}
    for expected in (
        "규칙 기준일",
        "DSR 한도",
        "스트레스 금리 가산",
        "DTI 한도",
        "금리 (연)",
        "만기 (년)",
        "상환방식",
    ):
        assert expected in names
    assert any(n.startswith("LTV") for n in names)
    assert all(a.source for a in result.assumptions)
    rate = next(a for a in result.assumptions if a.name == "금리 (연)")
    assert (rate.value, rate.source) == (0.045, "사용자 입력")


def test_bad_input_is_a_value_error():
    with pytest.raises(ValueError):
        calculate_loan(0, 8000)
    with pytest.raises(ValueError):
        calculate_loan(60000, -1)
    with pytest.raises(ValueError):
        calculate_loan(60000, 8000, term_years=0)


def test_rule_tables_are_dated_and_selectable_by_date():
    assert DEFAULT_RULES is RULES_2025_10
    assert rules_on(dt.date(2024, 6, 1)) is RULES_2023_03
    assert rules_on(dt.date(2026, 1, 1)) is RULES_2025_10
    assert rules_on(dt.date(2000, 1, 1)) is RULESETS[0]


def test_regulated_regions():
    assert RULES_2025_10.is_regulated("11680") and RULES_2025_10.is_regulated("41135")
    assert RULES_2025_10.is_regulated("26350") is False
    assert RULES_2023_03.is_regulated("11680") and not RULES_2023_03.is_regulated("11440")
    assert RULES_2025_10.is_regulated(None) is None


def test_rules_are_configurable():
    looser = DEFAULT_RULES.model_copy(
        update={"dsr_limit": DEFAULT_RULES.dsr_limit.model_copy(update={"value": 0.5})}
    )
    assert calculate_loan(60000, 8000, looser, region_regulated=False).dsr_limit == 0.5


def test_price_alone_gives_the_ltv_limit_and_no_dsr() -> None:
    result = calculate_loan(90000, None, region_regulated=False)
    assert result.max_by_ltv_manwon is not None
    assert result.max_by_dsr_manwon is None and result.max_by_dti_manwon is None
    assert result.binding_constraint in ("LTV", "한도")
    assert result.max_loan_manwon == min(v for v in (result.max_by_ltv_manwon, result.cap_manwon) if v)


def test_income_alone_gives_the_dsr_and_dti_limits_and_no_ltv() -> None:
    result = calculate_loan(None, 6000)
    assert result.max_by_ltv_manwon is None and result.cap_manwon is None
    assert result.equity_needed_manwon is None
    assert result.max_loan_manwon == min(result.max_by_dsr_manwon, result.max_by_dti_manwon)


def test_neither_price_nor_income_is_refused() -> None:
    with pytest.raises(ValueError, match="price or an income"):
        calculate_loan(None, None)
