"""Analysis team: statistics, price evaluation, loan limits and yields. Every figure comes from a tool."""

from __future__ import annotations

import datetime as dt
from typing import Any

from agents.domain.slots import Intent
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
    asking = ctx.slots.asking_price_manwon or ctx.slots.price_max_manwon
    assert asking is not None  # planning asked for it
    return (await evaluate_price(ctx.deps.engine, ctx.slots, asking)).model_dump(mode="json")


async def _loan_calc(ctx: StepContext) -> dict[str, Any]:
    price = ctx.slots.asking_price_manwon or ctx.slots.price_max_manwon
    income = ctx.slots.annual_income_manwon
    if price is None and income is None:
        return {"skipped": "주택 가격이나 연 소득이 있어야 대출 한도를 계산할 수 있습니다."}
    regulated = DEFAULT_RULES.is_regulated(ctx.slots.sigungu_code)
    return calculate_loan(price, income, region_regulated=regulated).model_dump(mode="json")


async def _roi_calc(ctx: StepContext) -> dict[str, Any]:
    price = ctx.slots.asking_price_manwon or ctx.slots.price_max_manwon
    assert price is not None  # planning asked for it
    reference = ctx.result_of("rent_reference") or {}
    deposit, monthly = reference.get("deposit_median_manwon"), reference.get("monthly_rent_median_manwon")
    if deposit is None or monthly is None:
        return {"skipped": "이 조건의 월세 실거래가 없어 임대 수익률을 계산할 수 없습니다."}
    result = calculate_roi(price, deposit, monthly).model_dump(mode="json")
    result["rent_basis"] = {"count": reference["count"], "period": reference["window"]}
    return result


TASKS: dict[str, Task] = {
    "market_stats": _market_stats,
    "evaluate_price": _evaluate_price,
    "loan_calc": _loan_calc,
    "roi_calc": _roi_calc,
}
