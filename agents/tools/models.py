"""Result models of the tools. They serialize to JSON for `structured_data` (issue #3 §7).

Money is int 만원, areas ㎡, dates ISO. Every figure an answer states must come from one of these.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from agents.domain.slots import ListingOrder

MAX_ROWS = 20  # rows handed to the caller; the total count is always reported alongside

RowKind = Literal["trade", "rent"]
Verdict = Literal["저렴", "적정", "비쌈"]


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True)


class SourceRef(_Result):
    """Where a row came from: our table row and the line of the original data file."""

    type: RowKind
    table: Literal["apt_trades", "apt_rents"]
    id: int
    source_file: str
    source_line: int


class TradeRow(_Result):
    contract_date: dt.date
    sigungu_code: str
    sigungu: str
    dong: str
    complex: str
    complex_id: str | None
    area_m2: float
    floor: int | None
    price_manwon: int
    build_year: int | None
    source: SourceRef


class RentRow(_Result):
    contract_date: dt.date
    sigungu_code: str
    sigungu: str
    dong: str
    complex: str
    complex_id: str | None
    area_m2: float
    floor: int | None
    rent_type: Literal["전세", "월세"]
    deposit_manwon: int
    monthly_rent_manwon: int
    build_year: int | None
    contract_kind: str | None  # 신규 / 갱신 when reported
    renewal_right_used: bool | None
    source: SourceRef


class _Search(_Result):
    total_count: int  # all matches, not just the returned rows
    returned: int
    order: ListingOrder = "latest"  # how the returned rows are ordered
    filters: dict[str, object]  # the filters actually applied, for the answer to restate
    notes: list[str] = Field(default_factory=list)


class TradeSearch(_Search):
    cancelled_excluded: int = 0  # 분당 rows flagged 해제 that matched but were left out
    rows: list[TradeRow]


class RentSearch(_Search):
    rows: list[RentRow]


class PriceStats(_Result):
    """The `stats` object of the result contract."""

    count: int
    median_manwon: int | None  # percentile_cont(0.5), rounded half up
    mean_manwon: int | None  # rounded half up
    min_manwon: int | None
    max_manwon: int | None
    period: str | None  # "YYYY-MM-DD~YYYY-MM-DD": the requested period, else the data's own span


class BucketStats(PriceStats):
    bucket: str  # "2024-03" (month) or "2024" (year)
    monthly_rent: PriceStats | None = None  # 월세 only


class MarketStats(_Result):
    kind: Literal["매매", "전세", "월세"]
    table: Literal["apt_trades", "apt_rents"]
    group_by: Literal["month", "year"] | None
    stats: PriceStats  # 매매 price, or 전세/월세 deposit
    monthly_rent: PriceStats | None = None  # 월세 only: the monthly rent
    buckets: list[BucketStats] = Field(default_factory=list)
    latest_date: dt.date | None  # newest contract date matching the filters (period ignored)
    cancelled_excluded: int = 0
    filters: dict[str, object]
    notes: list[str] = Field(default_factory=list)


RentOfferProblem = Literal["negative", "both_zero", "no_deposit", "no_rent"]


class PriceEvaluation(_Result):
    asking_price_manwon: int  # the judged figure: sale price, 전세 deposit, or the 월세 monthly rent
    kind: Literal["매매", "전세", "월세"]
    basis: Literal["complex", "dong", "sigungu"]  # comparables from the same complex, 동 or 구
    area_band_m2: tuple[float, float] | None  # [min, max) used; None = no area given
    window: str | None  # "YYYY-MM-DD~YYYY-MM-DD" of the comparables
    window_months: int | None  # 12, or 24 when widened
    stats: PriceStats
    percentile: float | None  # share (0-100) of comparables cheaper than the asking price, ties half
    diff_from_median_pct: float | None
    verdict: Verdict | None  # None when there are no comparables
    verdict_rule: str
    rows: list[TradeRow] | list[RentRow]
    cancelled_excluded: int = 0
    filters: dict[str, object]
    notes: list[str] = Field(default_factory=list)
    # 월세 offers only: the rent is judged against contracts whose deposit lies in `deposit_band_manwon`
    deposit_manwon: int | None = None  # the offered deposit
    deposit_band_manwon: tuple[int, int] | None = None  # inclusive deposit range of the comparables
    rent_contracts_in_window: int | None = None  # 월세 contracts of the place and size, any deposit
    window_deposits: PriceStats | None = None  # deposits of those contracts (context, not the verdict)
    window_rents: PriceStats | None = None  # their monthly rents (context, not the verdict)
    rent_offer_problem: RentOfferProblem | None = None  # an offer that cannot be judged as given


class LawArticle(_Result):
    law_name: str
    kind: str  # 법률 / 시행령 / 시행규칙 / 법무부령
    article_no: int
    article_sub: int
    article: str  # "제6조의3"
    title: str | None
    body: str
    chapter: str | None
    effective_date: dt.date | None
    source_url: str | None


class LawArticleHit(LawArticle):
    score: float
    matched: list[str]  # the keywords that matched this article


class LawCitation(_Result):
    """An article an answer cites (the source entry), without its body."""

    law_name: str
    kind: str
    article_no: int
    article_sub: int
    article: str
    title: str | None
    effective_date: dt.date | None
    source_url: str | None


class LawQuote(_Result):
    """The 항 (or 호) of one article an answer quotes, as plain text."""

    law_name: str
    article: str
    title: str | None
    clauses: str  # "①·②"; empty when the article has no numbered 항 or is quoted whole
    text: str


class LegalStep(_Result):
    """What to do next, and the article that provides for it."""

    text: str
    law_name: str
    article: str
    clauses: str


LegalMode = Literal["issue", "cited", "closest", "uncovered", "none", "list"]


class LegalAnswer(_Result):
    """A statute question answered.

    mode:     issue = a curated issue-index entry answered it; cited = the question named the article;
              closest = only the full-text search found something (the closest article, not an answer);
              uncovered = the loaded statutes do not hold the answer (`uncovered_where` says where it is);
              none = nothing relevant (`suggestions` are issue titles to choose from);
              list = the articles behind a contract checklist.
    lead:     the sentence(s) that answer, in the question's language; empty for none/list.
    articles: every cited article, governing article first (they become structured_data.sources).
    """

    mode: LegalMode
    english: bool
    lead: str
    issue_key: str | None = None
    quotes: list[LawQuote] = Field(default_factory=list)
    next_steps: list[LegalStep] = Field(default_factory=list)
    suggestions: list[str] = Field(default_factory=list)
    uncovered_what: str | None = None
    uncovered_where: str | None = None
    articles: list[LawCitation] = Field(default_factory=list)


class Assumption(_Result):
    """One input a calculation relied on, stated so the answer can show it."""

    name: str
    value: str | float | int | bool
    source: str


class LoanResult(_Result):
    """With only a price the LTV (and absolute) limits apply; with only an income the DSR and DTI ones."""

    price_manwon: int | None
    annual_income_manwon: int | None
    max_loan_manwon: int
    binding_constraint: Literal["LTV", "DSR", "DTI", "한도"]
    max_by_ltv_manwon: int | None
    max_by_dsr_manwon: int | None
    max_by_dti_manwon: int | None
    cap_manwon: int | None  # absolute 주담대 한도 when a rule sets one
    ltv_ratio: float
    dsr_limit: float
    dti_limit: float
    rate: float  # annual, e.g. 0.04
    stress_rate: float  # add-on used for the DSR test
    term_years: int
    monthly_payment_manwon: int  # at `rate`, for max_loan_manwon
    annual_payment_manwon: int
    equity_needed_manwon: int | None  # price − max loan (unknown without a price)
    rules_effective_date: dt.date
    assumptions: list[Assumption]


class RoiResult(_Result):
    price_manwon: int
    deposit_manwon: int
    monthly_rent_manwon: int
    loan_manwon: int
    annual_rent_manwon: int
    annual_interest_manwon: int
    annual_costs_manwon: int
    net_annual_income_manwon: int
    acquisition_costs_manwon: int
    cash_invested_manwon: int
    gross_yield_pct: float | None  # annual rent / (price − deposit)
    net_yield_pct: float | None  # net income / cash invested
    assumptions: list[Assumption]


class TypicalRent(_Result):
    """Median 월세 terms for a complex/area, to feed `calculate_roi` when the user gives only a price."""

    count: int
    deposit_median_manwon: int | None
    monthly_rent_median_manwon: int | None
    window: str | None
    filters: dict[str, object]
    notes: list[str] = Field(default_factory=list)
