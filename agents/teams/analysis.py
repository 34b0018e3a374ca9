"""Analysis team: statistics, price evaluation, loan limits and yields. Every figure comes from a tool."""

from __future__ import annotations

import datetime as dt
from typing import Any

from agents.domain.slots import Intent, Slots
from agents.formatting import won
from agents.teams import StepContext, Task, reads_data_only
from agents.tools.evaluation import evaluate_price
from agents.tools.loan_rules import DEFAULT_RULES
from agents.tools.loans import calculate_loan
from agents.tools.market import market_stats
from agents.tools.roi import calculate_roi


def _group_by(ctx: StepContext) -> str | None:
    """Monthly buckets for a trend over up to two years, yearly beyond that."""
    slots = ctx.slots
    if ctx.intent is Intent.PROPERTY_RECOMMENDATION:
        return None
    if slots.period_from and slots.period_to:
        days = (dt.date.fromisoformat(slots.period_to) - dt.date.fromisoformat(slots.period_from)).days
        return "month" if days <= 731 else "year"
    return "month"


@reads_data_only
async def _market_stats(ctx: StepContext) -> dict[str, Any]:
    stats = await market_stats(ctx.deps.engine, ctx.slots, group_by=_group_by(ctx))  # type: ignore[arg-type]
    return stats.model_dump(mode="json")


@reads_data_only
async def _evaluate_price(ctx: StepContext) -> dict[str, Any]:
    # A sale or 전세 price planning asked for, or none: a 월세 offer is its deposit and rent
    asking = ctx.slots.asking_price_manwon or ctx.slots.price_max_manwon
    return (await evaluate_price(ctx.deps.engine, ctx.slots, asking)).model_dump(mode="json")


async def _loan_calc(ctx: StepContext) -> dict[str, Any]:
    slots = ctx.slots
    price = slots.asking_price_manwon or slots.price_max_manwon
    income = slots.annual_income_manwon
    if price is None and income is None:
        return {"skipped": "주택 가격이나 연 소득이 있어야 대출 한도를 계산할 수 있습니다."}
    problem = loan_input_problem(price, income, slots.existing_debt_payment_manwon)
    if problem:
        return {"skipped": problem}
    regulated = DEFAULT_RULES.is_regulated(slots.sigungu_code)
    term_years = slots.term_months // 12 if slots.term_months and slots.term_months >= 12 else None
    result = calculate_loan(
        price,
        income,
        existing_debt_payment_manwon=slots.existing_debt_payment_manwon or 0,
        existing_debt_manwon=slots.existing_debt_manwon or 0,
        region_regulated=regulated,
        first_home=bool(slots.first_home),
        term_years=term_years,
    ).model_dump(mode="json")
    result["region"] = slots.sigungu or slots.dong
    result["ltv_precedence"] = _ltv_precedence(regulated)
    return result


def loan_input_problem(price: int | None, income: int | None, debt_payment: int | None) -> str | None:
    """Inputs that contradict each other or cannot be computed get a sentence, not a number."""
    if price is not None and price <= 0:
        return "주택 가격은 0보다 커야 대출 한도를 계산할 수 있습니다."
    if income is not None and income <= 0:
        return (
            "연 소득이 0원이면 DSR(연 소득 대비 원리금 비율) 기준으로 받을 수 있는 주택담보대출이 없습니다. "
            "소득이 있다면 연 소득을 알려 주세요."
        )
    if income is not None and debt_payment is not None and debt_payment >= income:
        return (
            f"기존 대출의 연간 원리금({won(debt_payment)})이 연 소득({won(income)}) 이상이라 "
            "DSR 한도 안에서 추가로 받을 수 있는 대출이 없습니다. 금액을 다시 확인해 주세요."
        )
    return None


def _ltv_precedence(regulated: bool | None) -> dict[str, Any] | None:
    """Which rule the 규제지역 LTV follows when the announced measure and the regulation's text differ:
    both instruments and both rates, so the answer can say it in the question's language."""
    text = DEFAULT_RULES.ltv_regulated_statute_text
    if regulated is False or text is None or text.value == DEFAULT_RULES.ltv_regulated.value:
        return None
    return {
        "applied_source": DEFAULT_RULES.ltv_regulated.instrument,
        "applied_pct": round(DEFAULT_RULES.ltv_regulated.value * 100),
        "text_source": text.instrument,
        "text_pct": round(text.value * 100),
    }


async def _roi_calc(ctx: StepContext) -> dict[str, Any]:
    """The user's price, deposit and rent; the market's median terms only for what they left open."""
    slots = ctx.slots
    price = slots.asking_price_manwon or slots.price_max_manwon
    assert price is not None  # planning asked for it
    reference = ctx.result_of("rent_reference") or {}
    deposit, monthly = slots.deposit_manwon, slots.monthly_rent_manwon
    basis = {"price": "user", "deposit": "user", "monthly_rent": "user"}
    if monthly is None:
        if not _has_place(slots):  # never a whole-data-set median for a question without a place
            return {
                "skipped": "받으실 월세를 알려주시거나 지역·단지를 알려주시면 수익률을 계산해 드려요 "
                "(예: '보증금 1억 월세 150', '분당구 정자동')."
            }
        monthly = reference.get("monthly_rent_median_manwon")
        if monthly is None:
            return {
                "skipped": "월세를 알려주시지 않았고 이 조건의 월세 실거래도 없어 임대 수익률을 계산할 수 없습니다. "
                "받으실 보증금과 월세를 알려 주세요 (예: '보증금 1억 월세 150')."
            }
        basis["monthly_rent"] = "market"
    if deposit is None and reference.get("deposit_median_manwon") is not None:
        deposit, basis["deposit"] = reference["deposit_median_manwon"], "market"
    if deposit is None:
        deposit, basis["deposit"] = 0, "none"
    problem = roi_input_problem(price, deposit, monthly)
    if problem:
        return {"skipped": problem}
    result = calculate_roi(price, deposit, monthly).model_dump(mode="json")
    result["basis"] = basis
    if "market" in basis.values():
        result["rent_basis"] = {"count": reference.get("count"), "period": reference.get("window")}
    return result


def _has_place(slots: Slots) -> bool:
    return any((slots.sigungu, slots.dong, slots.complex, slots.sido_code))


def roi_input_problem(price: int, deposit: int, monthly: int) -> str | None:
    """Inputs that contradict each other get a sentence, not a number."""
    if price <= 0:
        return "매입가는 0보다 커야 수익률을 계산할 수 있습니다."
    if deposit < 0 or monthly < 0:
        return "보증금과 월세는 음수가 될 수 없습니다. 받으실 금액을 다시 알려 주세요."
    if deposit >= price:
        return (
            f"보증금({won(deposit)})이 매입가({won(price)})보다 크거나 같아서 "
            "투자금이 0원 이하가 되므로 수익률을 계산할 수 없습니다. 보증금은 매입가보다 작아야 합니다."
        )
    if monthly == 0:
        return (
            "월세가 0원이면 임대 수입이 없어 수익률도 0%입니다(전세 조건). "
            "받으실 월세를 알려주시면 수익률을 계산해 드려요."
        )
    return None


TASKS: dict[str, Task] = {
    "market_stats": _market_stats,
    "evaluate_price": _evaluate_price,
    "loan_calc": _loan_calc,
    "roi_calc": _roi_calc,
}
