"""Rental yield of a purchase, and the typical 월세 terms the data shows for a place.

`calculate_roi` is pure; its defaults are stated assumptions (listed in the result), not facts.
`typical_rent` reads apt_rents so a question that gives only a purchase price can still be answered.
"""

from __future__ import annotations

from sqlalchemy import text

from agents.domain.slots import Slots
from agents.tools.evaluation import WINDOW_MONTHS, months_before
from agents.tools.loan_rules import DEFAULT_RULES, RuleValue
from agents.tools.loans import round_half_up
from agents.tools.models import Assumption, RoiResult, TypicalRent
from agents.tools.transactions import Db, build_filter, connect, empty_result_notes

# Acquisition costs of one home bought for money (1주택 기준), as stated rules with their sources.
ACQUISITION_TAX = RuleValue(
    value=0.01,
    source="지방세법 제11조제1항제8호 (2020-01-01 시행): 주택 유상취득 6억원 이하 1%, "
    "6억원 초과 9억원 이하 (취득가액×2/3억원−3)%, 9억원 초과 3% (1주택 기준, 다주택 중과 미반영)",
)
EDUCATION_TAX_SHARE = RuleValue(
    value=0.1,
    source="지방세법 제151조제1항제1호 (2020-01-01 시행): 주택 유상취득의 지방교육세는 취득세율의 50%에 20%, "
    "곧 취득세의 10%",
)
OTHER_PURCHASE_COSTS = RuleValue(
    value=0.004,
    source="운영 가정값 (2025-10-16 기준): 중개보수·등기 비용 약 0.4% (농어촌특별세·국민주택채권 미반영)",
)
# The rate the tiers give for a home of 6억 or less: 1% + 0.1% + 0.4%.
DEFAULT_ACQUISITION_COST_RATE = 0.015
ROI_RULES: tuple[RuleValue, ...] = (ACQUISITION_TAX, EDUCATION_TAX_SHARE, OTHER_PURCHASE_COSTS)


def tiered_acquisition_rate(price_manwon: int) -> float:
    """취득세 by the price tier, plus 지방교육세 and the other purchase costs, as one rate of the price."""
    if price_manwon <= 60000:
        tax = 0.01
    elif price_manwon <= 90000:
        tax = round(price_manwon / 10000 * 2 / 3 - 3, 4) / 100  # 지방세법: 소수점 다섯째 자리에서 반올림
    else:
        tax = 0.03
    return round(tax * (1 + EDUCATION_TAX_SHARE.value) + OTHER_PURCHASE_COSTS.value, 6)


LATEST_RENT_SQL = "SELECT max(contract_date) FROM apt_rents WHERE {where}"

TYPICAL_RENT_SQL = """
SELECT count(*) AS n,
       round((percentile_cont(0.5) WITHIN GROUP (ORDER BY deposit_manwon))::numeric) AS deposit,
       round((percentile_cont(0.5) WITHIN GROUP (ORDER BY monthly_rent_manwon))::numeric) AS monthly
FROM apt_rents
WHERE {where} AND contract_date >= :window_from
"""


def _pct(numerator: float, denominator: float) -> float | None:
    return round(numerator / denominator * 100, 2) if denominator > 0 else None


def calculate_roi(
    price_manwon: int,
    deposit_manwon: int,
    monthly_rent_manwon: int,
    *,
    loan_manwon: int = 0,
    rate: float | None = None,
    acquisition_cost_rate: float | None = None,
    annual_costs_manwon: int = 0,
    vacancy_rate: float = 0.0,
) -> RoiResult:
    """Yield of buying at `price_manwon` and letting with this 보증금/월세.

    gross = annual rent / (price − deposit), the usual 표면 수익률 of Korean listings;
    net = (annual rent × (1 − vacancy) − loan interest − annual costs) / cash invested, where
    cash invested = price + acquisition costs − deposit − loan. Interest is interest-only on the loan.
    `acquisition_cost_rate=None` takes the rate of the price's 취득세 tier (`tiered_acquisition_rate`).
    """
    cost_rate_given = acquisition_cost_rate is not None
    if acquisition_cost_rate is None:
        acquisition_cost_rate = tiered_acquisition_rate(max(price_manwon, 0))
    if price_manwon <= 0 or min(deposit_manwon, monthly_rent_manwon, loan_manwon, annual_costs_manwon) < 0:
        raise ValueError("price must be positive and the other amounts non-negative")
    if not 0 <= vacancy_rate < 1 or acquisition_cost_rate < 0:
        raise ValueError("vacancy_rate must be in [0, 1) and acquisition_cost_rate >= 0")
    rate_given = rate is not None
    rate = DEFAULT_RULES.default_rate.value if rate is None else rate
    annual_rent = monthly_rent_manwon * 12
    interest = round_half_up(loan_manwon * rate)
    acquisition = round_half_up(price_manwon * acquisition_cost_rate)
    net_income = round_half_up(annual_rent * (1 - vacancy_rate)) - interest - annual_costs_manwon
    cash = price_manwon + acquisition - deposit_manwon - loan_manwon
    assumptions = [
        Assumption(
            name="취득 부대비용 비율",
            value=acquisition_cost_rate,
            source="사용자 입력"
            if cost_rate_given
            else f"{ACQUISITION_TAX.source}; {EDUCATION_TAX_SHARE.source}; {OTHER_PURCHASE_COSTS.source}",
        ),
        Assumption(
            name="대출 금리 (연)",
            value=rate,
            source="사용자 입력" if rate_given else DEFAULT_RULES.default_rate.source,
        ),
        Assumption(
            name="이자 계산",
            value="만기일시(이자만) 기준",
            source="원금 상환분은 비용이 아니라 자본 회수로 봄",
        ),
        Assumption(name="공실률", value=vacancy_rate, source="가정값, 입력이 없으면 0"),
        Assumption(
            name="연간 보유비용 (만원)", value=annual_costs_manwon, source="재산세·관리비 등, 입력이 없으면 0"
        ),
        Assumption(
            name="표면 수익률 정의", value="연 월세 / (매매가 − 보증금)", source="통상적인 임대수익률 계산"
        ),
    ]
    return RoiResult(
        price_manwon=price_manwon,
        deposit_manwon=deposit_manwon,
        monthly_rent_manwon=monthly_rent_manwon,
        loan_manwon=loan_manwon,
        annual_rent_manwon=annual_rent,
        annual_interest_manwon=interest,
        annual_costs_manwon=annual_costs_manwon,
        net_annual_income_manwon=net_income,
        acquisition_costs_manwon=acquisition,
        cash_invested_manwon=cash,
        gross_yield_pct=_pct(annual_rent, price_manwon - deposit_manwon),
        net_yield_pct=_pct(net_income, cash),
        assumptions=assumptions,
    )


async def typical_rent(db: Db, slots: Slots) -> TypicalRent:
    """Median 월세 deposit and rent for the place and area in the slots, over the last 12 months of data.

    Price and period slots are ignored: they describe the purchase, not the rent.
    """
    rent_slots = slots.model_copy(update={"deal_type": "월세"})
    where, notes = build_filter(rent_slots, "apt_rents", period=False, price=False)
    async with connect(db) as conn:
        latest = await conn.scalar(text(LATEST_RENT_SQL.format(where=where.sql)), where.params)
        if latest is None:
            notes += await empty_result_notes(conn, rent_slots, "apt_rents")
            return TypicalRent(
                count=0,
                deposit_median_manwon=None,
                monthly_rent_median_manwon=None,
                window=None,
                filters=where.applied,
                notes=notes,
            )
        start = months_before(latest, WINDOW_MONTHS)
        row = (
            await conn.execute(
                text(TYPICAL_RENT_SQL.format(where=where.sql)), {**where.params, "window_from": start}
            )
        ).one()
    return TypicalRent(
        count=row.n,
        deposit_median_manwon=int(row.deposit),
        monthly_rent_median_manwon=int(row.monthly),
        window=f"{start}~{latest}",
        filters=where.applied,
        notes=notes,
    )
