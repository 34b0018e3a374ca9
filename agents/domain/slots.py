"""The typed vocabulary every part of the assistant shares: intents, slots and plan steps.

Money is always an integer number of 만원 (10,000 KRW); areas are ㎡; dates are ISO `YYYY-MM-DD`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

PYEONG_M2 = 3.3058
# A 시도 the data covers whole, and a 시군구 of it whose latest month stands for the 시도's.
WHOLE_SIDO = {"11": ("서울", "11680")}


class Intent(StrEnum):
    PROPERTY_SEARCH = "PROPERTY_SEARCH"
    MARKET_INQUIRY = "MARKET_INQUIRY"
    PRICE_EVALUATION = "PRICE_EVALUATION"
    LEGAL_INQUIRY = "LEGAL_INQUIRY"
    TERM_DEFINITION = "TERM_DEFINITION"
    LOAN_CONSULT = "LOAN_CONSULT"
    ROI_CALCULATION = "ROI_CALCULATION"
    PROPERTY_RECOMMENDATION = "PROPERTY_RECOMMENDATION"
    CONTRACT_CREATION = "CONTRACT_CREATION"
    COMPREHENSIVE = "COMPREHENSIVE"
    IRRELEVANT = "IRRELEVANT"
    UNCLEAR = "UNCLEAR"


DealType = Literal["매매", "전세", "월세"]


class Slots(BaseModel):
    """Normalized slots. The first ten are the public result contract; the rest feed calculators."""

    model_config = ConfigDict(extra="forbid")

    sigungu: str | None = None  # "강남구", "분당구"
    dong: str | None = None  # 법정동 as in the data, e.g. "대치동"; or a name covering several (성수동)
    complex: str | None = None  # 단지명 exactly as in the data, e.g. "은마"
    deal_type: DealType | None = None
    price_min_manwon: int | None = None
    price_max_manwon: int | None = None
    area_min_m2: float | None = None
    area_max_m2: float | None = None
    period_from: str | None = None  # inclusive ISO date
    period_to: str | None = None  # inclusive ISO date

    sigungu_code: str | None = None  # LAWD_CD, e.g. "11680"
    # The 법정동 of the data a `dong` name covers when it is not one itself: 성수동 → 성수동1가, 성수동2가.
    dong_parts: list[str] | None = None
    # A whole 시도 of the data when no 구/동/complex is named: "11" for "서울 아파트값" (all 25 구).
    sido_code: str | None = None
    complex_id: str | None = None  # e.g. "11680-218" when the data has one
    rooms: int | None = None
    monthly_rent_max_manwon: int | None = None
    asking_price_manwon: int | None = None  # "이 가격 적정해? ... 25억"
    deposit_manwon: int | None = None  # 보증금 of a contract/ROI/전세대출 question (not a search filter)
    monthly_rent_manwon: int | None = None  # 월세 received or paid (ROI, contracts; not a search filter)
    annual_income_manwon: int | None = None  # 연봉
    existing_debt_payment_manwon: int | None = None  # other loans' 원리금 per YEAR (DSR counts it)
    existing_debt_manwon: int | None = None  # other loans' balance, when no payment was said
    first_home: bool | None = None  # 생애최초 주택구입 (its own LTV and cap); False when denied
    term_months: int | None = None  # a contract's period or a loan's term ("2년" → 24, "30년 만기" → 360)
    start_date: str | None = None  # ISO date a contract starts ("3월 1일부터")
    address: str | None = None  # the contract's 목적물 address as the user wrote it
    law_name: str | None = None  # e.g. "주택임대차보호법"
    article: str | None = None  # e.g. "6의3" for 제6조의3

    def public(self) -> dict[str, object]:
        """The ten slots of the result contract."""
        return self.model_dump(include=set(PUBLIC_SLOTS))

    def missing_filled_from(self, other: Slots) -> tuple[Slots, list[str]]:
        """A copy where slots that are None here take `other`'s value; returns the names it filled."""
        filled = [k for k, v in self if v is None and getattr(other, k) is not None]
        return self.model_copy(update={k: getattr(other, k) for k in filled}), filled


PUBLIC_SLOTS = (
    "sigungu",
    "dong",
    "complex",
    "deal_type",
    "price_min_manwon",
    "price_max_manwon",
    "area_min_m2",
    "area_max_m2",
    "period_from",
    "period_to",
)

Team = Literal["search", "analysis", "document"]
StepStatus = Literal["pending", "in_progress", "completed", "failed", "skipped"]
# How a listing is ordered: newest first, or by price when the question asks for the extreme deal
# ("제일 비싸게 팔린 건?", "cheapest 전세").
ListingOrder = Literal["latest", "price_desc", "price_asc"]


class PlanStep(BaseModel):
    id: str
    team: Team
    task: str  # a tool name the team knows, e.g. "search_trades", "market_stats", "law_search"
    description: str = ""
    depends_on: list[str] = Field(default_factory=list)
    status: StepStatus = "pending"
    # One side of a comparison ("송파구랑 강남구"): the step runs on the turn's slots with these
    # changes, and the answer labels its result with `label` (agents/comparison.py).
    variant: dict[str, Any] = Field(default_factory=dict)
    label: str = ""
    order: ListingOrder = "latest"  # listing steps only
