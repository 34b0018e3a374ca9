"""Rental yield of a purchase, and the typical 월세 terms the data shows for a place.

`calculate_roi` is pure; its defaults are stated assumptions (listed in the result), not facts.
`typical_rent` reads apt_rents so a question that gives only a purchase price can still be answered.
"""

from __future__ import annotations

from sqlalchemy import text

from agents.domain.slots import Slots
from agents.tools.evaluation import WINDOW_MONTHS, months_before
from agents.tools.loan_rules import DEFAULT_RULES
from agents.tools.loans import round_half_up
from agents.tools.models import Assumption, RoiResult, TypicalRent
from agents.tools.transactions import Db, build_filter, connect, empty_result_notes

# 취득세 1%·지방교육세 0.1% (지방세법, 6억 이하 1주택) + 중개보수·등기 비용 약 0.4% — a rough, stated default.
DEFAULT_ACQUISITION_COST_RATE = 0.015
ACQUISITION_COST_SOURCE = (
    "가정값: 취득세 1%+지방교육세 0.1%(지방세법, 6억원 이하 1주택 기준) + 중개보수·등기비 약 0.4%. "
    "주택 수·가격·지역에 따라 크게 달라짐"
)

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
    acquisition_cost_rate: float = DEFAULT_ACQUISITION_COST_RATE,
    annual_costs_manwon: int = 0,
    vacancy_rate: float = 0.0,
) -> RoiResult:
    """Yield of buying at `price_manwon` and letting with this 보증금/월세.

    gross = annual rent / (price − deposit), the usual 표면 수익률 of Korean listings;
    net = (annual rent × (1 − vacancy) − loan interest − annual costs) / cash invested, where
    cash invested = price + acquisition costs − deposit − loan. Interest is interest-only on the loan.
    """
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
        Assumption(name="취득 부대비용 비율", value=acquisition_cost_rate, source=ACQUISITION_COST_SOURCE),
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
        Assumption(name="공실률", value=vacancy_rate, source="가정값 (입력 없으면 0)"),
        Assumption(
            name="연간 보유비용 (만원)", value=annual_costs_manwon, source="재산세·관리비 등, 입력 없으면 0"
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
