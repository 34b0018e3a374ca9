"""What the loaded data covers — one registry, derived from the data itself, used by every answer,
/readyz and `budongsan db`.

Answers must say exactly what is missing and what exists ("서울 전월세 자료는 없습니다. 전월세는
성남시 분당구 2020–2025만 있어요.") instead of a bare "데이터에 없습니다", and say where the data ends
when asked about "요즘". The facts come from one GROUP BY over the transaction tables (regions ×
deal types with first/last contract month), so a `load-data` or `sync-molit` that adds a region or a
year changes every answer without a code change; CoverageRegistry reloads when the data version moves.
"""

from __future__ import annotations

import re
import time
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from agents.domain.places_kr import places
from agents.domain.regions import BY_CODE, qualified_name, shared_names, short_name
from agents.domain.slots import WHOLE_SIDO, Slots

DEAL_TYPES = ("매매", "전세", "월세")
RENT_TYPES = ("전세", "월세")
PROPERTY_TYPES = ("아파트",)
# Facts people ask for that no loaded file holds (answers say so instead of guessing).
MISSING_FACTS: dict[str, str] = {
    "학군": "학군·학교 배정",
    "학교": "학군·학교 배정",
    "school": "학군·학교 배정",
    "역세권": "역세권·교통",
    "지하철": "역세권·교통",
    "subway": "역세권·교통",
    "세대수": "단지 세대수",
    "공시가격": "공시가격",
    "공시지가": "공시가격",
    "관리비": "관리비",
    "호가": "호가(매물 가격)",
    "매물": "현재 매물(호가)",
}

# The facts above that a question can be *about* ("학군 좋은 곳 골라줘", "역세권 프리미엄 얼마나 붙어요?"): no
# loaded file can answer it, so it is declined with what is missing instead of answered with deal
# figures. 호가 and 매물 are left out: "호가 28억인데 적정해?" states a price to judge, which we can do.
ASKED_FACTS: dict[str, str] = {w: f for w, f in MISSING_FACTS.items() if w not in ("호가", "매물")}

COVERAGE_SQL = """
SELECT sigungu_code, '매매' AS deal_type, min(contract_date) AS first, max(contract_date) AS last,
       count(*) AS rows, bool_and(cancelled IS NULL) AS cancellations_unknown
FROM apt_trades GROUP BY sigungu_code
UNION ALL
SELECT sigungu_code, rent_type, min(contract_date), max(contract_date), count(*), false
FROM apt_rents GROUP BY sigungu_code, rent_type
"""
LAWS_SQL = "SELECT DISTINCT law_name FROM law_articles WHERE kind = '법률' ORDER BY law_name"


@dataclass(frozen=True)
class Span:
    """One region × deal type of the loaded data."""

    sigungu_code: str
    deal_type: str
    first: date
    last: date
    rows: int
    cancellations_unknown: bool = False  # the source dropped 해제여부: cancelled deals are included
    label: str = ""  # set by Coverage: "부산 중구" where the bare name would be ambiguous

    @property
    def place(self) -> str:
        return self.label or place_name(self.sigungu_code)


def place_name(code: str) -> str:
    """'11680' → '강남구'; '41135' → '성남시 분당구' (the 시 is part of how people name it)."""
    found = places().by_code(code)
    return found.name if found is not None else code


def _sido_label(sido_code: str) -> str:
    found = places().by_code(sido_code + "000")
    if found is None:
        return sido_code
    return WHOLE_SIDO[sido_code][0] if sido_code in WHOLE_SIDO else found.sido


def month(day: date, english: bool = False) -> str:
    return day.strftime("%b %Y") if english else f"{day.year}년 {day.month}월"


# Deal types and missing facts as English answers name them (place names stay Korean).
DEAL_EN = {"매매": "sales", "전세": "jeonse", "월세": "monthly rent", "전월세": "jeonse and monthly rent"}
FACT_EN = {
    "학군·학교 배정": "school districts and school assignment",
    "역세권·교통": "distance to stations and transport",
    "단지 세대수": "the number of households in a complex",
    "공시가격": "official assessed prices",
    "관리비": "maintenance fees",
    "호가(매물 가격)": "asking prices of listings",
    "현재 매물(호가)": "current listings and their asking prices",
}


@dataclass(frozen=True)
class Coverage:
    """The loaded data's reach: which deal types exist where, and from when to when."""

    spans: tuple[Span, ...] = ()
    laws: tuple[str, ...] = ()
    _by_key: dict[tuple[str, str], Span] = field(default_factory=dict, repr=False, compare=False)
    _labels: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        codes = {s.sigungu_code for s in self.spans}
        self._labels.update(region_labels(codes))
        labelled = tuple(replace(s, label=self._labels[s.sigungu_code]) for s in self.spans)
        object.__setattr__(self, "spans", labelled)
        self._by_key.update({(s.sigungu_code, s.deal_type): s for s in self.spans})

    @property
    def empty(self) -> bool:
        return not self.spans

    def span(self, code: str, deal_type: str) -> Span | None:
        return self._by_key.get((code, deal_type))

    def codes(self, deal_type: str | None = None) -> list[str]:
        return sorted({s.sigungu_code for s in self.spans if deal_type in (None, s.deal_type)})

    def _spans_of(self, slots: Slots) -> list[Span]:
        """The spans a question's place reaches: its 시군구, or every 시군구 of a whole 시도 named."""
        code = slots.sigungu_code or (slots.complex_id.split("-")[0] if slots.complex_id else None)
        if code:
            return [s for s in self.spans if s.sigungu_code == code]
        if slots.sido_code:
            return [s for s in self.spans if s.sigungu_code.startswith(slots.sido_code)]
        return []

    # --- sentences -------------------------------------------------------------------------------

    def describe(self, deal_type: str | None = None, *, english: bool = False) -> str:
        """'서울 25개 구 매매 2020–2024, 성남시 분당구 매매·전세·월세 2020–2025' (one deal type or all);
        in English '25 gu of 서울: sales 2020–2024, 성남시 분당구: sales, jeonse, monthly rent 2020–2025'."""
        wanted = RENT_TYPES if deal_type in RENT_TYPES else (deal_type,) if deal_type else DEAL_TYPES
        groups: dict[tuple[str, str, int, int], list[str]] = {}
        for s in self.spans:
            if s.deal_type in wanted:
                key = (s.sigungu_code[:2], s.deal_type, s.first.year, s.last.year)
                groups.setdefault(key, []).append(s.sigungu_code)
        # One phrase per (places, years), deal types joined: "성남시 분당구 매매·전세·월세 2020–2025".
        phrases: dict[tuple[str, str], list[str]] = {}
        for (sido, deal, first, last), codes in sorted(groups.items()):
            unit = "구" if all(short_name(c).endswith("구") for c in codes) else "시군구"
            if len(codes) > 3:
                where = (
                    f"{len(codes)} {'gu' if unit == '구' else 'districts'} of {_sido_label(sido)}"
                    if english
                    else f"{_sido_label(sido)} {len(codes)}개 {unit}"
                )
            else:
                where = ", ".join(self._labels[c] for c in sorted(codes))
            years = f"{first}" if first == last else f"{first}–{last}"
            phrases.setdefault((where, years), []).append(deal)
        if english:
            parts = [
                f"{where}: {', '.join(DEAL_EN[d] for d in _ordered(deals))} {years}"
                for (where, years), deals in phrases.items()
            ]
            return "; ".join(parts) if parts else "no transaction data is loaded"
        parts = [f"{where} {'·'.join(_ordered(deals))} {years}" for (where, years), deals in phrases.items()]
        return ", ".join(parts) if parts else "불러온 실거래 자료가 없습니다"

    def summary(self, *, english: bool = False) -> str:
        """The one sentence answers append when something is outside the data."""
        if self.empty:
            return NOT_LOADED_EN if english else NOT_LOADED
        if english:
            return f"The transaction data covers apartments only: {self.describe(english=True)}."
        return f"실거래 자료는 아파트만, {self.describe()}만 있어요."

    def gap(self, slots: Slots, *, english: bool = False) -> str | None:
        """What the data cannot answer although the place is known: a deal type it lacks there, or a
        period entirely before or after what it holds. None when the data can answer."""
        if self.empty:
            return NOT_LOADED_EN if english else NOT_LOADED
        spans = self._spans_of(slots)
        if not spans:
            return None  # no place (or one outside the data, said elsewhere)
        place = self._place_of(slots)
        deal = slots.deal_type
        if deal is not None and not any(s.deal_type == deal for s in spans):
            label = "전월세" if deal in RENT_TYPES else deal
            elsewhere = self.describe(deal, english=english) if self.codes(deal) else None
            if english:
                where = f" It exists only for {elsewhere}." if elsewhere else " No area has it."
                return f"There is no {DEAL_EN[label]} data for {place}.{where}"
            where = (
                f" {label}는 {elsewhere}만 있어요." if elsewhere else f" {label} 자료는 어느 지역도 없어요."
            )
            return f"{place} {label} 자료는 없습니다.{where}"
        relevant = [s for s in spans if deal in (None, s.deal_type)]
        first, last = min(s.first for s in relevant), max(s.last for s in relevant)
        asked_from, asked_to = _day(slots.period_from), _day(slots.period_to)
        if asked_from and asked_from > last:
            if english:
                return f"{place} {_deals(relevant, english)} data runs to {month(last, True)}; no later deals yet."
            return f"{place} {_deals(relevant)} 자료는 {month(last)}까지입니다. 그 뒤의 거래는 아직 없어요."
        if asked_to and asked_to < first:
            if english:
                return f"{place} {_deals(relevant, english)} data starts in {month(first, True)}."
            return f"{place} {_deals(relevant)} 자료는 {month(first)}부터입니다."
        return None

    def data_end(self, slots: Slots, *, english: bool = False) -> str | None:
        """'서울 매매 자료는 2024년 12월까지입니다.' — said with every 요즘/최근 answer."""
        relevant = [s for s in self._spans_of(slots) if slots.deal_type in (None, s.deal_type)]
        if not relevant:
            return None
        last = max(s.last for s in relevant)
        if english:
            return f"{self._place_of(slots)} {_deals(relevant, english)} data runs to {month(last, True)}."
        return f"{self._place_of(slots)} {_deals(relevant)} 자료는 {month(last)}까지입니다."

    def missing_fact(self, query: str, *, english: bool = False) -> str | None:
        """'학군 좋은 곳' → what the data does not hold, said once instead of guessed."""
        compact = query.replace(" ", "").lower()
        kinds = sorted({label for word, label in MISSING_FACTS.items() if word in compact})
        if not kinds:
            return None
        if english:
            return f"The loaded data has no {' or '.join(FACT_EN[k] for k in kinds)}, so this answer uses the deals only."
        return f"{', '.join(kinds)} 정보는 불러온 자료에 없어 실거래 기준으로만 답해요."

    def asked_fact(self, query: str, *, english: bool = False) -> str | None:
        """'학군 좋은 곳 골라줘' → the sentence that declines it: the fact asked for is in no loaded file,
        so no deal figures stand in for it (see ASKED_FACTS)."""
        return asked_fact(query, self.summary(english=english), english=english)

    def ranked_by_fact(self, query: str, *, english: bool = False) -> str | None:
        """`ranked_by_fact` with this data's summary, which is worded only when a decline is due."""
        kinds = _ranked_kinds(query)
        return _declined(kinds, self.summary(english=english), english) if kinds else None

    def quality_notes(self, slots: Slots) -> list[str]:
        """Data-quality facts that bear on a 매매 answer for this place."""
        spans = [s for s in self._spans_of(slots) if s.deal_type == "매매" and s.cancellations_unknown]
        if not spans or slots.deal_type not in (None, "매매"):
            return []
        return [f"{self._place_of(slots)} 매매 자료에는 해제(취소)된 거래가 구분 없이 포함돼 있어요."]

    def _place_of(self, slots: Slots) -> str:
        """The place a sentence names: as the question's slots name it, but "부산 중구", never a bare
        "중구", where two regions of the data share the name."""
        code = slots.sigungu_code
        if code and code in self._labels and self._labels[code] != place_name(code):
            return self._labels[code]
        return _place_of(slots)

    def as_json(self) -> dict[str, Any]:
        """For /readyz and `budongsan db`: regions × deal types with their first and last month."""
        return {
            "data": "missing" if self.empty else "ok",
            "property_types": list(PROPERTY_TYPES),
            "spans": [
                {
                    "sigungu_code": s.sigungu_code,
                    "place": s.place,
                    "deal_type": s.deal_type,
                    "first": s.first.isoformat(),
                    "last": s.last.isoformat(),
                    "rows": s.rows,
                }
                for s in self.spans
            ],
            "laws": list(self.laws),
            "summary": self.summary(),
        }


NOT_LOADED = "실거래 자료를 아직 불러오지 않았습니다. 운영자가 `budongsan load-data`를 실행해야 해요."
NOT_LOADED_EN = "No transaction data is loaded yet: the operator has to run `budongsan load-data`."


def asked_fact(query: str, summary: str = "", *, english: bool = False) -> str | None:
    """The decline of a question about a fact no loaded file holds (학군, 역세권 프리미엄, 관리비 …),
    naming what is missing; None when the question asks for nothing of the kind."""
    return _declined(_asked_kinds(query), summary, english)


def _asked_kinds(query: str) -> list[str]:
    compact = query.replace(" ", "").lower()
    return sorted({label for word, label in ASKED_FACTS.items() if word in compact})


def _declined(kinds: list[str], summary: str, english: bool) -> str | None:
    if not kinds:
        return None
    if english:
        missing = " or ".join(FACT_EN[k] for k in kinds)
        return f"The loaded data has no {missing}, so I cannot answer this. {summary}".strip()
    return f"{', '.join(kinds)} 정보는 불러온 자료에 없어 답할 수 없어요. {summary}".strip()


# A missing fact asked as what picks the homes: "학군 제일 좋은 아파트 어디예요?", "학군 좋은 곳 위주로
# 골라줘", "초등학교 배정까지", "역세권 최고인 단지", "which complex has the best schools". Deal figures
# cannot rank by it, so the question is declined; a wish beside the deals ("학교 보내기 좋은 데로", "학교
# 가까운 데로", "학군 때문에 수내동 위주로") is answered from the deals, with the missing fact noted.
_FACT_RANKED = re.compile(
    r"(?:학군|학교|역세권|지하철역?|전철역?|관리비|세대수)(?:이|가|은|는|에서|으로|로|만)?(?:제일|가장|젤|최고로|1등|일등)"
    r"(?:좋|낮|싼|많|가까|센|최고)"
    r"|학군(?:이|가|은|는)?(?:좋|최고|1등|일등|우수)|(?:학교|학군)배정|역세권(?:이|은)?(?:최고|1등|일등)"
    r"|(?:best|top|highest-rated|good|great) (?:schools?|school districts?)|(?:closest|nearest) to (?:the )?(?:subway|station)"
    # the homes put in order by the fact ("학군 좋은 단지 순위", "세대수 많은 순으로", "역세권 단지 랭킹",
    # "rank … by subway access", "the most households")
    r"|(?:학군|역세권|세대수|공시가격|공시지가|관리비)[가-힣]{0,10}?(?:순위|랭킹|순서대로|순으로|줄세|top\d{0,2}|베스트)"
    r"|\brank(?:ed|ing)?\b[\w ]{0,40}\bby (?:the )?(?:schools?|school districts?|subway|stations?|households?|assessed)"
    r"|(?:most|largest number of|biggest) households|(?:school|subway|station)[- ]?(?:rankings?|ranked)"
)


# Homes filtered by their distance to a station ("판교역 도보 5분 이내", "within walking distance of
# Gangnam station"): the data has no locations, so no list of deals stands in for it.
_STATION_DISTANCE = re.compile(
    r"역(?:에서|까지|과|이랑)?(?:도보|걸어서)(?:로)?\d{1,2}분"
    r"|walking distance (?:of|to|from) (?:the |a )?(?:\w{1,20} )?(?:station|subway)"
    r"|(?:\d{1,2}|five|ten) ?min(?:ute)?s?'? walk (?:from|to) (?:the |a )?(?:\w{1,20} )?(?:station|subway)"
)


def ranked_by_fact(query: str, summary: str = "", *, english: bool = False) -> str | None:
    """The decline of a question that ranks or filters homes by a fact no loaded file holds ("학군 제일
    좋은 아파트", "판교역 도보 5분 이내"): the same sentence as `asked_fact`, or None when none is asked."""
    return _declined(_ranked_kinds(query), summary, english)


def _ranked_kinds(query: str) -> list[str]:
    norm = query.lower()
    if _STATION_DISTANCE.search(norm.replace(" ", "")) or _STATION_DISTANCE.search(norm):
        return [MISSING_FACTS["역세권"]]
    if not (_FACT_RANKED.search(norm.replace(" ", "")) or _FACT_RANKED.search(norm)):
        return []
    return _asked_kinds(query)


def ranks_by_missing_fact(query: str) -> bool:
    """Whether a question picks or ranks homes by a fact no loaded file holds ("대치동 학군 좋은 단지 순위"):
    the NLU reads it as a recommendation, which planning then declines (see `ranked_by_fact`)."""
    return bool(_ranked_kinds(query))


def _day(iso: str | None) -> date | None:
    return date.fromisoformat(iso) if iso else None


def _ordered(deals: list[str]) -> list[str]:
    return sorted(set(deals), key=DEAL_TYPES.index)


def _deals(spans: list[Span], english: bool = False) -> str:
    if english:
        return ", ".join(DEAL_EN[d] for d in _ordered([s.deal_type for s in spans]))
    return "·".join(_ordered([s.deal_type for s in spans]))


def region_labels(codes: set[str]) -> dict[str, str]:
    """How coverage names each region: the shipped ones as before ('강남구', '성남시 분당구'); any other
    with its 시도 ('부산 해운대구', '경기 양평군'), and so every one whose name repeats among the loaded
    and shipped regions ('서울 중구', '부산 중구')."""
    shared = shared_names(codes | set(BY_CODE))
    return {
        code: place_name(code) if code in BY_CODE and code not in shared else qualified_name(code)
        for code in codes
    }


def _place_of(slots: Slots) -> str:
    if slots.sigungu:
        return slots.sigungu
    if slots.sido_code in WHOLE_SIDO:
        return WHOLE_SIDO[slots.sido_code][0]
    return slots.complex or "이 지역"


async def load_coverage(engine: AsyncEngine) -> Coverage:
    """One GROUP BY over the transaction tables (~0.2 s on the shipped data), once per data version."""
    async with engine.connect() as conn:
        rows = (await conn.execute(text(COVERAGE_SQL))).all()
        laws = tuple(r.law_name for r in await conn.execute(text(LAWS_SQL)))
    spans = tuple(
        sorted(
            (
                Span(r.sigungu_code, r.deal_type, r.first, r.last, r.rows, bool(r.cancellations_unknown))
                for r in rows
            ),
            key=lambda s: (s.sigungu_code, DEAL_TYPES.index(s.deal_type)),
        )
    )
    return Coverage(spans, laws)


class CoverageRegistry:
    """The current Coverage, reloaded when the data version changes (checked at most every
    `version_check_s`, like the tool cache), so a load in another process shows within seconds."""

    def __init__(
        self,
        engine: AsyncEngine,
        version: Callable[[], Awaitable[Hashable]],
        *,
        version_check_s: float = 5.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._engine = engine
        self._version = version
        self.version_check_s = version_check_s
        self._clock = clock
        self._coverage: Coverage | None = None
        self._seen: Hashable = None
        self._checked_at = float("-inf")

    async def current(self) -> Coverage:
        now = self._clock()
        if self._coverage is not None and now - self._checked_at < self.version_check_s:
            return self._coverage
        self._checked_at = now
        version = await self._version()
        if self._coverage is None or version != self._seen:
            self._coverage = await load_coverage(self._engine)
            self._seen = version
        return self._coverage
