"""The yield calculator against hand-computed numbers."""

from __future__ import annotations

import pytest

from agents.tools.roi import DEFAULT_ACQUISITION_COST_RATE, calculate_roi


def test_leveraged_purchase_hand_computed():
    """5억, 보증금 5천/월 100, 대출 2억 at 4%, 보유비용 100/yr.

    rent 1,200; interest 800; acquisition 1.5% = 750; net 1,200 − 800 − 100 = 300;
    cash 50,000 + 750 − 5,000 − 20,000 = 25,750; gross 1,200 / 45,000 = 2.67%; net 300 / 25,750 = 1.17%.
    """
    result = calculate_roi(50000, 5000, 100, loan_manwon=20000, rate=0.04, annual_costs_manwon=100)
    assert result.annual_rent_manwon == 1200
    assert result.annual_interest_manwon == 800
    assert result.acquisition_costs_manwon == 750
    assert result.net_annual_income_manwon == 300
    assert result.cash_invested_manwon == 25750
    assert result.gross_yield_pct == 2.67
    assert result.net_yield_pct == 1.17


def test_all_cash_no_costs_gross_equals_net_before_acquisition_costs():
    result = calculate_roi(30000, 0, 100, acquisition_cost_rate=0.0)
    assert result.gross_yield_pct == result.net_yield_pct == 4.0  # 1,200 / 30,000


def test_vacancy_reduces_net_income():
    result = calculate_roi(30000, 0, 100, acquisition_cost_rate=0.0, vacancy_rate=0.25)
    assert result.net_annual_income_manwon == 900
    assert result.net_yield_pct == 3.0


def test_deposit_at_or_above_price_has_no_yield():
    result = calculate_roi(30000, 30000, 10, acquisition_cost_rate=0.0)
    assert result.gross_yield_pct is None and result.net_yield_pct is None


def test_assumptions_state_the_defaults():
    result = calculate_roi(50000, 5000, 100, loan_manwon=10000)
    values = {a.name: a.value for a in result.assumptions}
    assert values["취득 부대비용 비율"] == DEFAULT_ACQUISITION_COST_RATE
    assert values["대출 금리 (연)"] == 0.04
    assert all(a.source for a in result.assumptions)


def test_bad_input_is_a_value_error():
    with pytest.raises(ValueError):
        calculate_roi(0, 0, 100)
    with pytest.raises(ValueError):
        calculate_roi(30000, -1, 100)
    with pytest.raises(ValueError):
        calculate_roi(30000, 0, 100, vacancy_rate=1.0)
