"""Amounts read by role for the calculators and contracts: price, deposit, rent, income, existing
debt, term, start date and address — in Korean and English."""

from __future__ import annotations

from datetime import date

import pytest

from agents.domain.slots import Intent
from agents.gazetteer import Gazetteer, GazetteerRow
from agents.nlu import contract_terms, parse

TODAY = date(2026, 1, 15)


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.from_rows(
        [
            GazetteerRow("11440", "공덕동", "공덕래미안", "11440-1", 100, date(2024, 12, 30)),
            GazetteerRow("41135", "정자동", "파크뷰", None, 1340, date(2025, 12, 31)),
        ]
    )


def slots_of(gaz: Gazetteer, text: str) -> dict:
    return {k: v for k, v in parse(text, gaz, TODAY).slots if v is not None}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "80 million won salary for a 900 million won apartment, how much can I borrow?",
            {"annual_income_manwon": 8000, "asking_price_manwon": 90000},
        ),
        (
            "I earn 100 million won a year, existing loan payments 1 million won a month, "
            "1 billion won apartment loan limit?",
            {
                "annual_income_manwon": 10000,
                "asking_price_manwon": 100000,
                "existing_debt_payment_manwon": 1200,
            },
        ),
        (
            "연봉 8천 기존 대출 월 100만원 갚고 있는데 9억 아파트 대출 얼마?",
            {
                "annual_income_manwon": 8000,
                "asking_price_manwon": 90000,
                "existing_debt_payment_manwon": 1200,
            },
        ),
        (
            "연봉 1억, 신용대출 5천 있는데 12억 아파트 대출 한도?",
            {"annual_income_manwon": 10000, "asking_price_manwon": 120000, "existing_debt_manwon": 5000},
        ),
        (
            "연봉 6천 40년 만기로 8억 아파트 대출",
            {"annual_income_manwon": 6000, "asking_price_manwon": 80000, "term_months": 480},
        ),
    ],
)
def test_loan_amounts_by_role(gaz: Gazetteer, text: str, expected: dict) -> None:
    result = parse(text, gaz, TODAY)
    assert result.intent is Intent.LOAN_CONSULT
    got = {k: v for k, v in result.slots if v is not None}
    assert {k: got.get(k) for k in expected} == expected
    assert "monthly_rent_max_manwon" not in got  # a debt payment is no rent cap


def test_roi_amounts_by_role(gaz: Gazetteer) -> None:
    got = slots_of(gaz, "10억짜리 아파트 보증금 3억 월세 150 받으면 수익률?")
    assert (got["asking_price_manwon"], got["deposit_manwon"], got["monthly_rent_manwon"]) == (
        100000,
        30000,
        150,
    )


def test_contract_terms_and_address(gaz: Gazetteer) -> None:
    result = parse("임대차 계약서 작성해줘. 보증금 3억, 2년, 서울 마포구 공덕동 123", gaz, TODAY)
    assert result.intent is Intent.CONTRACT_CREATION
    s = result.slots
    assert (s.deposit_manwon, s.term_months, s.address) == (30000, 24, "서울 마포구 공덕동 123")
    assert s.sigungu == "마포구" and s.dong == "공덕동"


def test_a_jeonse_amount_in_a_contract_is_the_deposit(gaz: Gazetteer) -> None:
    assert slots_of(gaz, "전세 3억 계약서 써줘")["deposit_manwon"] == 30000


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("월세 계약 24개월, 3월 1일부터", {"term_months": 24, "start_date": "2026-03-01"}),
        ("2027년 2월 1일부터 2년", {"term_months": 24, "start_date": "2027-02-01"}),
        (
            "성남시 분당구 정자동 178-1 101동 1203호 1년 계약",
            {"address": "성남시 분당구 정자동 178-1 101동 1203호", "term_months": 12},
        ),
        ("a 2-year lease", {"term_months": 24}),
        ("2년 전에 계약했는데", {}),  # a time ago is no contract period
        ("24년 계약", {}),  # a two-digit year is not a period
    ],
)
def test_contract_terms(text: str, expected: dict) -> None:
    assert contract_terms(text, TODAY) == expected
