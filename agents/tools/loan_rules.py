"""Dated Korean mortgage rule tables (LTV / DTI / DSR), kept as data so they can be swapped.

These are CONFIGURABLE ASSUMPTIONS taken from official announcements as we understood them on the
date given; they are not legal or financial advice and change often. Every value carries the rule it
comes from, so an answer can state it. To change a rule, build a new `LoanRules` (or
`DEFAULT_RULES.model_copy(update=...)`) and pass it to `calculate_loan`.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict


class RuleValue(BaseModel):
    """A number plus the announcement it comes from."""

    model_config = ConfigDict(frozen=True)

    value: float
    source: str

    @property
    def instrument(self) -> str:
        """The instrument alone, without what it says: the part of `source` before its colon."""
        return instrument(self.source)


def instrument(source: str) -> str:
    """ "금융위원회 「…」(2022-07-01 시행): 총대출 …" → "금융위원회 「…」(2022-07-01 시행)"."""
    return source.split(":")[0].strip()


class PriceCap(BaseModel):
    """Absolute 주담대 limit for homes priced up to `price_upto_manwon` (None = no upper bound)."""

    model_config = ConfigDict(frozen=True)

    price_upto_manwon: int | None
    cap_manwon: int


class LoanRules(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    effective_date: dt.date
    source: str
    # LAWD_CD prefixes of 규제지역 (투기과열지구/조정대상지역): "11" = all of Seoul, "41135" = 분당구.
    regulated_regions: tuple[str, ...]
    regulated_regions_source: str
    ltv_regulated: RuleValue  # 무주택자 (or 1주택 처분조건부) in a 규제지역
    ltv_unregulated: RuleValue
    ltv_first_home_regulated: RuleValue  # 생애최초 주택구입
    ltv_first_home_unregulated: RuleValue
    first_home_cap_manwon: RuleValue | None
    regulated_price_caps: tuple[PriceCap, ...]  # applies in 규제지역
    regulated_price_caps_source: str
    dsr_limit: RuleValue  # 은행권 차주단위 DSR
    dti_limit_regulated: RuleValue
    dti_limit_unregulated: RuleValue
    stress_rate_regulated: RuleValue  # 스트레스 DSR add-on (annual, e.g. 0.03 = 3.0%p)
    stress_rate_unregulated: RuleValue
    default_rate: RuleValue  # annual interest rate assumed when the user gives none
    default_term_years: RuleValue
    repayment: str  # only 원리금균등 (level payment) is modelled
    # What the supervisory regulation's own text says for 규제지역 LTV when an announced measure
    # departs from it; the measure (`ltv_regulated`) is what is applied, and the answer says so.
    ltv_regulated_statute_text: RuleValue | None = None
    # A balance of other loans given without its payment: DSR counts it as if repaid over this term.
    other_loan_term_years: RuleValue

    def is_regulated(self, sigungu_code: str | None) -> bool | None:
        """Whether a 시군구 is a 규제지역 under these rules; None when the code is unknown."""
        if not sigungu_code:
            return None
        return any(sigungu_code.startswith(p) for p in self.regulated_regions)

    def price_cap(self, price_manwon: int) -> int | None:
        for cap in self.regulated_price_caps:
            if cap.price_upto_manwon is None or price_manwon <= cap.price_upto_manwon:
                return cap.cap_manwon
        return None


_FSC_2022_DSR = (
    "금융위원회 「가계부채 관리방안」 차주단위 DSR 3단계 (2022-07-01 시행): 총대출 1억 초과 차주, 은행권 40%"
)
_FIRST_HOME_2022 = "금융위원회 생애최초 주택구입자 LTV 80% (2022-08-01 시행), 대출한도 6억원"
_RATE_NOTE = (
    "운영 가정값 (2025-10-16 규칙표): 한국은행 예금은행 가중평균금리의 주택담보대출 신규취급 금리 수준, "
    "대략 연 4%; 실제 금리는 은행·상품별"
)
_TERM_NOTE = "운영 가정값 (2023-03-02 규칙표부터): 만기 30년 원리금균등분할상환 (최장 만기는 상품별로 다름)"
_SUPERVISION_2023 = "은행업감독규정 <별표 6> (2023-03-02 시행 개정)"
_OTHER_LOAN_TERM = RuleValue(
    value=5,
    source="금융위원회 「가계부채 관리방안」(2021-04-29): DSR 산정 시 신용대출 만기 5년 적용 (2022-07-01부터)",
)

# 2023-01-05 국토교통부 발표로 강남·서초·송파·용산만 규제지역으로 남고, 2023-03-02 금융위원회가
# 규제지역 무주택자·1주택자 LTV를 50%로 단일화했다.
RULES_2023_03 = LoanRules(
    name="2023-03 규제지역 LTV 50% 단일화",
    effective_date=dt.date(2023, 3, 2),
    source="금융위원회 「부동산 규제 완화 후속조치」(2023-03-02 시행), 국토교통부 규제지역 해제(2023-01-05)",
    regulated_regions=("11680", "11650", "11710", "11170"),
    regulated_regions_source="국토교통부 규제지역 해제 (2023-01-05 시행): 강남·서초·송파·용산 외 서울 규제지역 해제",
    ltv_regulated=RuleValue(
        value=0.50,
        source="금융위원회 「부동산 규제 완화 후속조치」(2023-03-02 시행): 규제지역 무주택·1주택 LTV 50%",
    ),
    ltv_unregulated=RuleValue(value=0.70, source=_SUPERVISION_2023 + ": 비규제지역 LTV 70%"),
    ltv_first_home_regulated=RuleValue(value=0.80, source=_FIRST_HOME_2022),
    ltv_first_home_unregulated=RuleValue(value=0.80, source=_FIRST_HOME_2022),
    first_home_cap_manwon=RuleValue(value=60000, source=_FIRST_HOME_2022),
    regulated_price_caps=(),
    regulated_price_caps_source="은행업감독규정 개정 (2022-12-02 시행): 규제지역 15억원 초과 아파트 주담대 금지 해제, 가격대별 한도 없음",
    dsr_limit=RuleValue(value=0.40, source=_FSC_2022_DSR),
    dti_limit_regulated=RuleValue(value=0.40, source=_SUPERVISION_2023 + ": 투기과열지구 DTI 40%"),
    dti_limit_unregulated=RuleValue(value=0.60, source=_SUPERVISION_2023 + ": 비규제지역 DTI 60%"),
    stress_rate_regulated=RuleValue(
        value=0.0, source="금융위원회 스트레스 DSR 도입 전 (1단계 2024-02-26 시행): 가산 없음"
    ),
    stress_rate_unregulated=RuleValue(
        value=0.0, source="금융위원회 스트레스 DSR 도입 전 (1단계 2024-02-26 시행): 가산 없음"
    ),
    default_rate=RuleValue(
        value=0.045,
        source=_RATE_NOTE.replace("2025-10-16", "2023-03-02").replace("대략 연 4%", "대략 연 4.5%"),
    ),
    default_term_years=RuleValue(value=30, source=_TERM_NOTE),
    repayment="원리금균등",
    other_loan_term_years=_OTHER_LOAN_TERM,
)

_OCT_2025 = "관계부처 합동 「주택시장 안정화 대책」(2025-10-15 발표, 10-16 시행)"

# 2025-06-27 가계부채 관리 강화 방안 (수도권·규제지역 주담대 6억 한도, 생애최초 LTV 70%) and
# 2025-10-15 대책 (서울 전역·경기 12곳 규제지역, 규제지역 LTV 40%, 가격대별 한도, 스트레스 금리 하한 3%p).
RULES_2025_10 = LoanRules(
    name="2025-10-15 주택시장 안정화 대책",
    effective_date=dt.date(2025, 10, 16),
    source=_OCT_2025 + " 및 「가계부채 관리 강화 방안」(2025-06-27)",
    regulated_regions=(
        "11",  # 서울 25개 구 전역
        "41290",  # 과천시
        "41210",  # 광명시
        "41131",  # 성남시 수정구
        "41133",  # 성남시 중원구
        "41135",  # 성남시 분당구
        "41111",  # 수원시 장안구
        "41115",  # 수원시 팔달구
        "41117",  # 수원시 영통구
        "41173",  # 안양시 동안구
        "41465",  # 용인시 수지구
        "41430",  # 의왕시
        "41450",  # 하남시
    ),
    regulated_regions_source=_OCT_2025 + ": 서울 전역·경기 12개 지역 투기과열지구·조정대상지역 지정",
    ltv_regulated=RuleValue(value=0.40, source=_OCT_2025 + ": 규제지역 주담대 LTV 40%"),
    ltv_regulated_statute_text=RuleValue(value=0.50, source=_SUPERVISION_2023 + ": 규제지역 LTV 50%"),
    ltv_unregulated=RuleValue(value=0.70, source=_SUPERVISION_2023 + ": 비규제지역 LTV 70%"),
    ltv_first_home_regulated=RuleValue(
        value=0.70, source="「가계부채 관리 강화 방안」(2025-06-27): 수도권·규제지역 생애최초 LTV 70%"
    ),
    ltv_first_home_unregulated=RuleValue(value=0.80, source=_FIRST_HOME_2022),
    first_home_cap_manwon=RuleValue(value=60000, source=_FIRST_HOME_2022),
    regulated_price_caps=(
        PriceCap(price_upto_manwon=150000, cap_manwon=60000),
        PriceCap(price_upto_manwon=250000, cap_manwon=40000),
        PriceCap(price_upto_manwon=None, cap_manwon=20000),
    ),
    regulated_price_caps_source=_OCT_2025 + ": 시가 15억 이하 6억, 15~25억 4억, 25억 초과 2억",
    dsr_limit=RuleValue(value=0.40, source=_FSC_2022_DSR),
    dti_limit_regulated=RuleValue(
        value=0.40, source=_SUPERVISION_2023 + ": 투기과열지구·조정대상지역 DTI 40%"
    ),
    dti_limit_unregulated=RuleValue(value=0.60, source=_SUPERVISION_2023 + ": 비규제지역 DTI 60%"),
    stress_rate_regulated=RuleValue(
        value=0.03, source=_OCT_2025 + ": 수도권·규제지역 주담대 스트레스 금리 하한 1.5%p→3.0%p"
    ),
    stress_rate_unregulated=RuleValue(
        value=0.015,
        source="금융위원회 스트레스 DSR 3단계 (2025-07-01 시행): 기본 스트레스 금리 1.5%p 100% 적용",
    ),
    default_rate=RuleValue(value=0.04, source=_RATE_NOTE),
    default_term_years=RuleValue(value=30, source=_TERM_NOTE),
    repayment="원리금균등",
    other_loan_term_years=_OTHER_LOAN_TERM,
)

RULESETS: tuple[LoanRules, ...] = (RULES_2023_03, RULES_2025_10)
DEFAULT_RULES = RULES_2025_10


def rules_on(day: dt.date) -> LoanRules:
    """The newest rule table in force on `day` (the oldest one for earlier days)."""
    in_force = [r for r in RULESETS if r.effective_date <= day]
    return max(in_force, key=lambda r: r.effective_date) if in_force else RULESETS[0]
