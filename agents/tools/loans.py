"""Mortgage limit calculator: LTV, DSR (with the stress rate) and DTI over a dated rule table.

Pure functions, no I/O. The result lists every assumption it used, because the answer must state
rates and ratios as configurable values rather than present them as facts.
"""

from __future__ import annotations

import math
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

from agents.tools.loan_rules import DEFAULT_RULES, LoanRules
from agents.tools.models import Assumption, LoanResult

_EPS = 1e-9  # guards floor() against binary float noise such as 23999.999999999996


def round_half_up(x: float | Decimal) -> int:
    """Round to the nearest integer, .5 away from zero (what Korean readers expect; not banker's)."""
    return int(Decimal(str(x)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def level_payment(principal_manwon: float, annual_rate: float, term_years: int) -> float:
    """Monthly 원리금균등 payment: P·i / (1 − (1+i)^−n), i = monthly rate, n = months."""
    n = term_years * 12
    i = annual_rate / 12
    if i == 0:
        return principal_manwon / n
    return principal_manwon * i / (1 - (1 + i) ** -n)


def principal_for_payment(monthly_payment_manwon: float, annual_rate: float, term_years: int) -> float:
    """The largest principal whose level payment is `monthly_payment_manwon` (inverse of the above)."""
    if monthly_payment_manwon <= 0:
        return 0.0
    n = term_years * 12
    i = annual_rate / 12
    if i == 0:
        return monthly_payment_manwon * n
    return monthly_payment_manwon * (1 - (1 + i) ** -n) / i


def _floor_manwon(x: float | Decimal) -> int:
    if isinstance(x, Decimal):
        return int(x.quantize(Decimal(1), rounding=ROUND_FLOOR))
    return max(0, math.floor(x + _EPS))


def _ltv_ratio(rules: LoanRules, regulated: bool, first_home: bool) -> tuple[float, str, str]:
    if first_home:
        rule = rules.ltv_first_home_regulated if regulated else rules.ltv_first_home_unregulated
        label = "생애최초 " + ("규제지역" if regulated else "비규제지역")
    else:
        rule = rules.ltv_regulated if regulated else rules.ltv_unregulated
        label = "무주택 " + ("규제지역" if regulated else "비규제지역")
    return rule.value, label, rule.source


def _cap(rules: LoanRules, price_manwon: int, regulated: bool, first_home: bool) -> tuple[int | None, str]:
    """The tightest absolute limit that applies, with its source."""
    caps: list[tuple[int, str]] = []
    if regulated and (price_cap := rules.price_cap(price_manwon)) is not None:
        caps.append((price_cap, rules.regulated_price_caps_source))
    if first_home and rules.first_home_cap_manwon is not None:
        caps.append((int(rules.first_home_cap_manwon.value), rules.first_home_cap_manwon.source))
    if not caps:
        return None, ""
    return min(caps)


def calculate_loan(
    price_manwon: int | None,
    annual_income_manwon: int | None,
    rules: LoanRules = DEFAULT_RULES,
    *,
    existing_debt_payment_manwon: int = 0,
    existing_debt_manwon: int = 0,
    region_regulated: bool | None = None,
    first_home: bool = False,
    rate: float | None = None,
    term_years: int | None = None,
) -> LoanResult:
    """Maximum 주택담보대출 for a purchase: the smallest of the LTV, DSR, DTI and absolute limits.

    `existing_debt_payment_manwon` is the ANNUAL 원리금 of other loans (DSR counts all of it; DTI
    counts only other loans' interest, so using the full payment there is conservative).
    `existing_debt_manwon` is a balance of other loans given without its payment: it is counted as
    repaid level over `rules.other_loan_term_years` at the assumed rate, and added to the payments.
    `region_regulated=None` means unknown and is treated as a 규제지역 (the stricter case).
    Either the price or the income may be unknown: then only the limits the other one sets are used.
    """
    if price_manwon is None and annual_income_manwon is None:
        raise ValueError("a price or an income is needed")
    if price_manwon is not None and price_manwon <= 0:
        raise ValueError("price_manwon must be positive")
    if (annual_income_manwon or 0) < 0 or min(existing_debt_payment_manwon, existing_debt_manwon) < 0:
        raise ValueError("income and existing debt payments cannot be negative")
    regulated = True if region_regulated is None else region_regulated
    rate_source = rules.default_rate.source if rate is None else "사용자 입력"
    term_source = rules.default_term_years.source if term_years is None else "사용자 입력"
    rate = rules.default_rate.value if rate is None else rate
    term = int(rules.default_term_years.value) if term_years is None else term_years
    if rate < 0 or term <= 0:
        raise ValueError("rate must be >= 0 and term_years > 0")
    balance_payment = 0
    if existing_debt_manwon:
        other_term = int(rules.other_loan_term_years.value)
        balance_payment = round_half_up(level_payment(existing_debt_manwon, rate, other_term) * 12)
    debt_payment = existing_debt_payment_manwon + balance_payment
    stress = (rules.stress_rate_regulated if regulated else rules.stress_rate_unregulated).value
    dti_rule = rules.dti_limit_regulated if regulated else rules.dti_limit_unregulated

    ltv, ltv_label, ltv_source = _ltv_ratio(rules, regulated, first_home)
    by_ltv = by_dsr = by_dti = cap = None
    cap_source = ""
    if price_manwon is not None:
        by_ltv = _floor_manwon(Decimal(price_manwon) * Decimal(str(ltv)))
        cap, cap_source = _cap(rules, price_manwon, regulated, first_home)
    if annual_income_manwon is not None:
        dsr_room = annual_income_manwon * rules.dsr_limit.value - debt_payment
        by_dsr = _floor_manwon(principal_for_payment(dsr_room / 12, rate + stress, term))
        dti_room = annual_income_manwon * dti_rule.value - debt_payment
        by_dti = _floor_manwon(principal_for_payment(dti_room / 12, rate, term))

    candidates = [("LTV", by_ltv), ("DSR", by_dsr), ("DTI", by_dti), ("한도", cap)]
    limits = [(name, value) for name, value in candidates if value is not None]
    binding, max_loan = min(limits, key=lambda kv: kv[1])
    monthly = level_payment(max_loan, rate, term)

    region_source = (
        rules.regulated_regions_source if region_regulated is not None else "지역 미지정 → 보수적 가정"
    )
    assumptions = [
        Assumption(name="규칙 기준일", value=rules.effective_date.isoformat(), source=rules.source),
        Assumption(name="규제지역 여부", value=regulated, source=region_source),
        Assumption(name=f"LTV ({ltv_label})", value=ltv, source=ltv_source),
        *_statute_text(rules, regulated, first_home),
        Assumption(name="DSR 한도", value=rules.dsr_limit.value, source=rules.dsr_limit.source),
        Assumption(name="스트레스 금리 가산", value=stress, source=_stress_source(rules, regulated)),
        Assumption(name="DTI 한도", value=dti_rule.value, source=dti_rule.source),
        Assumption(name="금리 (연)", value=rate, source=rate_source),
        Assumption(name="만기 (년)", value=term, source=term_source),
        Assumption(name="상환방식", value=rules.repayment, source="원리금균등분할상환으로 계산"),
        Assumption(
            name="기존 대출 연간 원리금 (만원)",
            value=existing_debt_payment_manwon,
            source="말씀하신 값, 없으면 0",
        ),
    ]
    if existing_debt_manwon:
        assumptions.append(
            Assumption(
                name="기존 대출 잔액의 연간 원리금 환산 (만원)",
                value=balance_payment,
                source=f"잔액 {existing_debt_manwon}만원을 {rules.other_loan_term_years.value:.0f}년 원리금균등으로 환산 "
                f"({rules.other_loan_term_years.source})",
            )
        )
    if cap is not None:
        assumptions.append(Assumption(name="주담대 최대 한도 (만원)", value=cap, source=cap_source))
    return LoanResult(
        price_manwon=price_manwon,
        annual_income_manwon=annual_income_manwon,
        max_loan_manwon=max_loan,
        binding_constraint=binding,  # type: ignore[arg-type]
        max_by_ltv_manwon=by_ltv,
        max_by_dsr_manwon=by_dsr,
        max_by_dti_manwon=by_dti,
        cap_manwon=cap,
        ltv_ratio=ltv,
        dsr_limit=rules.dsr_limit.value,
        dti_limit=dti_rule.value,
        rate=rate,
        stress_rate=stress,
        term_years=term,
        monthly_payment_manwon=round_half_up(monthly),
        annual_payment_manwon=round_half_up(monthly * 12),
        equity_needed_manwon=price_manwon - max_loan if price_manwon is not None else None,
        rules_effective_date=rules.effective_date,
        assumptions=assumptions,
    )


def _statute_text(rules: LoanRules, regulated: bool, first_home: bool) -> list[Assumption]:
    """When an announced measure departs from the regulation's text, the text is listed beside it."""
    text = rules.ltv_regulated_statute_text
    if not regulated or first_home or text is None or text.value == rules.ltv_regulated.value:
        return []
    return [Assumption(name=LTV_STATUTE_TEXT, value=text.value, source=text.source)]


LTV_STATUTE_TEXT = "감독규정 조문상 규제지역 LTV"


def _stress_source(rules: LoanRules, regulated: bool) -> str:
    return (rules.stress_rate_regulated if regulated else rules.stress_rate_unregulated).source
