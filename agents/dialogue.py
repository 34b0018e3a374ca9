"""Dialogue state: what one message means given the conversation so far.

Every turn yields a `Frame` — intent, the slots in force and the dialogue act. A message with its own
complete question is a *new* question and starts fresh. A fragment that leans on the previous turn
("그럼 재작년은?", "59는?", "마포구는?", "what about the year before?") is a *follow-up*: it inherits the
previous frame and changes only what it names. A *correction* ("아니 서초구 말고 강남구") does the same
after dropping what it negates. The previous frame is the chat's own (graph state), never long-term
memory, so one chat's conditions never leak into another.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from typing import Any, Literal

from agents.domain.slots import PYEONG_M2, Intent, Slots
from agents.domain.units import RECENT_MONTHS_DEFAULT, SEASON_MONTHS, area_band, normalize, parse_money
from agents.formatting import DEAL_EN, won

# Slot groups. A follow-up inherits the groups its intent uses; naming any slot of a group replaces
# the whole group ("10억 이하는?" replaces a 5~7억 range, "2023년은?" a whole period).
PLACE = ("sigungu", "sigungu_code", "dong", "dong_parts", "complex", "complex_id", "sido_code")
GROUPS: dict[str, tuple[str, ...]] = {
    "place": PLACE,
    "deal_type": ("deal_type",),
    "price": ("price_min_manwon", "price_max_manwon"),
    "area": ("area_min_m2", "area_max_m2"),
    "period": ("period_from", "period_to"),
    "monthly_cap": ("monthly_rent_max_manwon",),
    "rooms": ("rooms",),
    "asking": ("asking_price_manwon",),
    "income": ("annual_income_manwon",),
    "deposit": ("deposit_manwon",),
    "monthly": ("monthly_rent_manwon",),
    "law": ("law_name", "article"),
    "debt": ("existing_debt_payment_manwon", "existing_debt_manwon"),
    "first_home": ("first_home",),
    "term": ("term_months",),
    "contract": ("start_date", "address"),
}
_FILTERS = ("place", "deal_type", "price", "area", "period", "monthly_cap", "rooms")
INHERITED_GROUPS: dict[Intent, tuple[str, ...]] = {
    Intent.MARKET_INQUIRY: _FILTERS,
    Intent.PROPERTY_SEARCH: _FILTERS,
    Intent.PROPERTY_RECOMMENDATION: _FILTERS,
    # a 월세 offer is judged by its deposit and rent: "월 180이면요?" keeps the deposit said before
    Intent.PRICE_EVALUATION: ("place", "deal_type", "area", "period", "asking", "deposit", "monthly"),
    Intent.LOAN_CONSULT: (
        "place",
        "deal_type",
        "price",
        "area",
        "period",
        "asking",
        "income",
        "deposit",
        "debt",
        "first_home",
        "term",
    ),
    # a yield is worked out from the sums said (the rent reference is the place's latest year): the
    # period of a look before it is no part of it, nor of a changed sum after it ("월세 250이면?")
    Intent.ROI_CALCULATION: ("place", "area", "asking", "deposit", "monthly"),
    # a checklist for the home just looked at keeps the look's size and period (not a search's budget
    # bound, which a sale draft would take for the price agreed)
    Intent.CONTRACT_CREATION: (
        "place",
        "deal_type",
        "area",
        "period",
        "deposit",
        "monthly",
        "asking",
        "term",
        "contract",
    ),
    Intent.LEGAL_INQUIRY: ("law",),  # a rule is the same for every deal type: no deal_type kept
    Intent.COMPREHENSIVE: (*_FILTERS, "asking", "income"),
}


class Act(StrEnum):
    NEW = "new"
    FOLLOW_UP = "follow_up"
    CORRECTION = "correction"
    ANSWER = "answer"


# The key of the graph state's frame (`context_slots`) that says the answer in force lists deals.
LISTING_KEY = "_listing"


@dataclass(frozen=True)
class PreviousFrame:
    """What the chat's last answered turn was about (kept in the graph state between turns)."""

    intent: Intent
    slots: Slots
    recent_months: int | None = None  # the period was "최근 N개월" of the place, not fixed dates
    # the answer in force lists deals (a search, or a count of the deals a search listed): a narrowing
    # fragment after it ("상계동만", "84만") asks for the list again, not for statistics
    listing: bool = False
    # the calendar year of the place's latest data (Seoul 2024, 분당 2025): the year of "하반기는?" or
    # "9월부터 12월은" when no period is in force (planning sets it from the gazetteer)
    data_year: int | None = None

    @classmethod
    def from_state(cls, context: dict[str, Any] | None, intent: str | None) -> PreviousFrame | None:
        if not intent:
            return None
        context = context or {}
        fields = {k: v for k, v in context.items() if k in Slots.model_fields}
        try:
            task = Intent(intent)
            # a frame saved before the key existed: only a search listed deals
            listing = bool(context.get(LISTING_KEY, task is Intent.PROPERTY_SEARCH))
            return cls(task, Slots.model_validate(fields), context.get("_recent_months"), listing)
        except ValueError:
            return None


@dataclass(frozen=True)
class Frame:
    intent: Intent
    slots: Slots
    act: Act
    carried: tuple[str, ...] = ()  # groups inherited from the previous frame, in GROUPS order
    recent_months: int | None = None
    listing: bool = False  # the answer lists deals (see PreviousFrame.listing); kept as LISTING_KEY


# ---------------------------------------------------------------------------------------------
# cues (matched on the normalized text without spaces; English on the normalized text)

_FOLLOW_START_KO = re.compile(
    r"^(?:그럼|그러면|그렇다면|그럼요|그리고|근데|그중|그중에|그중에서|거기|거기서|그동네|그단지|그아파트"
    r"|같은조건|똑같이|이번엔|이번에는|반대로|그거|그건|여기|여기서|이단지|이아파트|이집)"
)
# "근데", "그리고" open a follow-up or just a next question: one with a task of its own starts fresh.
_SOFT_OPENER = re.compile(r"^(?:그리고|근데|그런데)(?!그중|거기|그단지|그아파트|그동네)")
_FOLLOW_START_EN = re.compile(
    r"^(?:what about|how about|what if|and if|and (?:what|how|for|in)|and\b|same (?:for|in)|then|also)"
)


def _asks_back_en(compact: str) -> bool:
    """ "Songpa 2025?": a short English fragment asked back, as "송파 2025년은?" is in Korean."""
    return compact.endswith(("?", "then")) and not _HANGUL.search(compact)


_HANGUL = re.compile(r"[가-힣]")


# "ok Bundang 2025 then", "Mapo instead then?": a short English message ending on "then" goes on.
_FOLLOW_END_EN = re.compile(r"\bthen\s?[?.!]{0,3}$")
_FOLLOW_END_KO = re.compile(r"(?:은|는|이면|이라면|면|도|로|으로|요|이요|는요|은요)[?？]{0,3}$")
_CORRECTION_START = re.compile(r"^(?:아니|아니요|아뇨|아냐|아니아니|no|nope|sorry|oops|정정|잘못)")
_CORRECTION_ANY = re.compile(r"말고|아니고|잘못말|잘못썼|instead|i meant|rather than")
# "서초구 말고 강남구", "매매말고 전세": the negated word must not fill a slot.
# An amount said in parts ("팔억 오천 말고", "8억 5천 말고") is negated whole.
_NEGATED_KO = re.compile(
    r"(?<!\S)(?:[\d일이삼사오육칠팔구십백천만억.,]{1,8}(?:\s[\d일이삼사오육칠팔구십백천만]{1,6}){1,2}원?"
    r"|[^\s]{1,20}?)\s?(?:말고|아니고)"
)
# "연봉 칠천이라고 했는데 육천오백이에요", "9억이라고 썼는데 8억이요": the amount said before is taken back
# (an amount only: "나가라고 했는데" tells a story, it corrects nothing).
_SAID_BEFORE = re.compile(
    r"(?<!\S)[\d일이삼사오육칠팔구십백천만억원,.]{1,12}(?:이)?라고\s?(?:했|말했|썼|적었|말씀드렸)(?:는데|지만|던데)"
)
_NEGATED_EN = re.compile(
    r"\b(?:instead of|rather than)\s+[a-z0-9-]{1,20}|\bnot\s+(?:in\s+)?[a-z0-9-]{1,20}\s?(?:,|but\b)"
)
# Periods relative to the previous frame (not to today): "그 전 해", "the year before".
_YEAR_BEFORE = re.compile(
    r"그전해|그전년|전년도?(?:는|은|엔|에는)|전해|한해전|1년전|일년전|year before|previous year"
)
_YEAR_AFTER = re.compile(r"그다음해|다음해|이듬해|그이듬해|1년후|일년후|year after|following year|next year")
_BARE_SIZE = re.compile(
    r"^(?P<v>\d{2,3}(?:\.\d{1,2})?)(?:m2|㎡|제곱미터|제곱|타입|형)?(?P<rest>[가-힣]{0,10})(?P<again>\d{2,3})?[?？!.]{0,3}$"
)  # "59요 59": said twice for emphasis (`again` must equal `v`)
# "그 단지 59만", "ㅋㅋ 그건 됐고 거기 84는", "마곡동 59만요": words before a bare size that point back,
# (ㅋㅋ, ㅇㅋ arrive as conjoining jamo after NFKC, hence the jamo ranges)
# brush an aside off, or restate the place (checked on the text without spaces, repeatedly).
_FRAGMENT_LEAD = re.compile(
    r"^(?:(?:아까|방금|앞에)(?:거|꺼)?|위로|아래로|밑으로|[\u1100-\u11ff\u3130-\u318f]{1,8}|아니(?:요|고|야)?|아뇨|아냐|아+|음+|네|오케이|ok|okay|좋아요|좋아|그건됐고|됐고|그건그렇고|그리고|다시|그단지|그아파트|거기서|거기|여기|그럼|그러면"
    r"|그중에|그중|그거|이번엔|같은단지|그해|그때|그년도|[가-힣]{1,8}?[동구]"
    r"|(?:20)?\d{2}년도?(?:에|엔|은|는|꺼|거)?"  # "20년 84만": the year is read by the NLU, the size here
    r"|\d{2,3}(?:이랑|랑|하고|과|와|,|or|vs)\d{2,3}(?:중에서|중에는|중에|중|가운데)"  # "59랑 84 중에 84만"
    r"|whatabout|howabout|andfor|andin|andthe|and|then|also|just|only|now)+"
)
# What makes the number after a bare size something else: a unit right after it ("84만원", "59세"),
# never a word further on ("84만 추려주세요" is 84㎡, whatever "주세요" contains).
_UNIT_WORD = re.compile(
    r"만\s?원|만(?:이하|이상|까지|넘|미만|초과)|억|천|원|년|월|평|층|개|세|살|단지|호|번|분|위(?!주)|명|건|동|프로|퍼"
)
_SIZE_UP_TO = re.compile(r"까지|이하|아래|미만")
_SIZE_FROM = re.compile(r"이상|부터|넘")
# "3년 전은?", "2년전엔": whole calendar years counted back from today (작년 = today's year − 1).
_YEARS_AGO = re.compile(r"(?<!\d)(?P<n>[1-9])년전")
_MONEY_SLOTS = ("price_min_manwon", "price_max_manwon", "asking_price_manwon", "monthly_rent_max_manwon")
_YEAR_PART = re.compile(
    r"상반기|하반기|[1-4]분기|(?<![a-z])(?:q[1-4]|h[12])(?![a-z0-9])|firsthalf|secondhalf"
    r"|(?<![못해아어가와봐보])봄|여름|가을|겨울|연초|연말|spring|summer|autumn|(?:(?<![a-z])|(?<=the)|(?<=in))fall(?![a-z])|winter|yearend|endoftheyear|endofyear"
    r"|startoftheyear|startofyear|beginningoftheyear"
)
# ("잘못봄", "다시 해봄": 봄 after a verb's stem is 보다, not spring.)


def part_period(year: int, months: tuple[int, int]) -> tuple[str, str]:
    """The dates of months `first … last` of `year`; a last month past 12 runs into the next year
    (겨울 = December … February)."""
    first, last = months
    end_year, end_month = (year + 1, last - 12) if last > 12 else (year, last)
    end = date(end_year, end_month, calendar.monthrange(end_year, end_month)[1])
    return f"{year}-{first:02d}-01", end.isoformat()


_PART_MONTHS = {
    "상반기": (1, 6),
    "하반기": (7, 12),
    "1분기": (1, 3),
    "2분기": (4, 6),
    "3분기": (7, 9),
    "4분기": (10, 12),
    "q1": (1, 3),
    "q2": (4, 6),
    "q3": (7, 9),
    "q4": (10, 12),
    "h1": (1, 6),
    "h2": (7, 12),
    "firsthalf": (1, 6),
    "secondhalf": (7, 12),
}
# Months said without a year: "9월부터 12월은", "9~12월", "10월만요", "sept to dec", "just october".
_MONTH_NO = r"(?P<{}>1[0-2]|0?[1-9])"
_MONTH_RANGE = re.compile(
    rf"(?<![\d.]){_MONTH_NO.format('a')}월?(?:부터|에서|~|-|–)(?:쭉|해서)?{_MONTH_NO.format('b')}월(?!세|급|차임)"
)
_MONTH_FROM = re.compile(rf"(?<![\d.]){_MONTH_NO.format('a')}월(?:부터|이후)")
_MONTH_TO = re.compile(rf"(?<![\d.]){_MONTH_NO.format('b')}월(?:까지|이전)")
_MONTH_ONE = re.compile(
    rf"{_MONTH_NO.format('a')}월(?:한달|달)?(?:치|거|꺼|분)?(?:만|은|는|도|엔|에는|로|으로|요|따로|보면|봐줘)*[?？!.]{{0,3}}"
)
_MONTH_EN_NAMES = (
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
)  # fmt: skip
_MONTH_EN = (
    r"(?P<{}>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
# (matched on the text without spaces, as the fragment rules read it)
_MONTH_RANGE_EN = re.compile(
    rf"(?:(?<![a-z])|(?<=from)|(?<=between)){_MONTH_EN.format('a')}\.?(?:to|through|thru|until|till|and|-|–)"
    rf"{_MONTH_EN.format('b')}(?![a-z])"
)
_MONTH_ONE_EN = re.compile(
    rf"(?:and|whatabout|howabout|then|just|only|now){{0,3}}(?:in|for)?{_MONTH_EN.format('a')}"
    r"(?:only|then|alone)?[?!.]{0,3}"
)
# A year said with the part ("23년 상반기", "재작년 하반기", "last year's Q3"): the NLU reads that period.
_YEAR_SAID = re.compile(
    r"\d{2}년|20\d{2}|'\d{2}(?!\d)|올해|금년|작년|재작년|지난해|전년|내년|그해|그전해|이듬해|다음해|\d년전"
    r"|thisyear|lastyear|nextyear|yearbefore|yearafter|previousyear"
)

# "그해", "같은 해", "that year": the year of the period in force, pointed at rather than said.
_THAT_YEAR = re.compile(r"그해|그년도|같은해|같은년도|thatyear|thesameyear|sameyear")


def year_part_months(text: str) -> tuple[int, int] | None:
    """The first and last month of a part of a year said without its year ("상반기", "3분기", "9월부터
    12월", "10월만", "sept to dec"), or None (a year said with it is the NLU's to read)."""
    compact = normalize(text).replace(" ", "")
    if _YEAR_SAID.search(_THAT_YEAR.sub("", compact)):
        return None  # ("그해 1분기만": the year pointed at is the one in force, no year said)
    part = _YEAR_PART.search(compact) or _YEAR_PART.search(_FRAGMENT_LEAD.sub("", compact))
    if part:
        return _PART_MONTHS.get(part.group()) or SEASON_MONTHS[part.group()]
    if len(compact) > FOLLOW_UP_MAX_CHARS:
        return None  # "5월에 계약했는데 …": a month in a story is no period asked for
    if m := _MONTH_RANGE.search(compact):
        first, last = int(m["a"]), int(m["b"])
        return (first, last) if first <= last else None
    start, end = _MONTH_FROM.search(compact), _MONTH_TO.search(compact)
    if start or end:
        return (int(start["a"]) if start else 1, int(end["b"]) if end else 12)
    if m := _MONTH_ONE.fullmatch(_FRAGMENT_LEAD.sub("", compact)):
        return int(m["a"]), int(m["a"])
    if m := _MONTH_RANGE_EN.search(compact) or _MONTH_RANGE_EN.search(_FRAGMENT_LEAD.sub("", compact)):
        first, last = (_MONTH_EN_NAMES.index(m[k][:3]) + 1 for k in ("a", "b"))
        return (first, last) if first <= last else None
    if m := _MONTH_ONE_EN.fullmatch(compact):
        month = _MONTH_EN_NAMES.index(m["a"][:3]) + 1
        return month, month
    return None


def _year_in_force(previous: Slots | None, data_year: int | None) -> int | None:
    """The year a part of a year said alone falls in: that of the period in force (its last year when
    it spans several), else the place's latest year of data."""
    if previous is not None and (previous.period_to or previous.period_from):
        return int((previous.period_to or previous.period_from or "")[:4])
    return data_year


_ARTICLE_ONLY = re.compile(
    r"^제?(?P<no>\d{1,3})조(?:의(?P<sub>\d{1,2}))?(?:은|는|도|요|은요|는요|도요)?[?？]{0,3}$"
)
# "리센츠도 59", "분당도?": another place (or value) for the same question.
_ALSO = re.compile(r"[가-힣a-z](?:도|은|는)(?:\d{2,3}|[?？]|$)")
_CONDITIONAL = re.compile(r"(?:이면|라면|다면|하면|으면)(?![가-힣])|\bif\b")
_MONTHS_ONLY = re.compile(r"(?:최근)?(?P<n>\d{1,2})(?:개월|달)(?:로|으로|만|치|간|동안)?")
_SAME_AS_BEFORE = re.compile(
    r"같은(?:평형|조건|면적|크기|평수|기간|사이즈)|같은걸로|똑같은|same (?:size|conditions?|period)"
    r"|(?:그|이)조건(?:으로|에서|대로|이면|그대로)|(?:those|these|that) conditions"
)
# "그 예산으로", "그 평형", "같은 해": a condition of the previous question named by pointing at it.
_BACK_REFERENCES: dict[str, re.Pattern[str]] = {
    "price": re.compile(r"(?:그|같은|이)(?:예산|가격대|가격|금액|돈)|that budget|same budget|same price"),
    "area": re.compile(r"(?:그|같은|이)(?:평형|평수|면적|크기|사이즈|타입)|that size|same size"),
    "period": re.compile(r"(?:그|같은|이)(?:해|년도|기간|시기)(?!당)|that year|same year|same period"),
    "deal_type": re.compile(r"(?:그|같은)(?:거래유형|유형)"),
}
_LISTING_ASK = re.compile(
    r"(?:거래|계약|매매|팔린|나온)(?:된|됐던|한)?(?:것|거|건|집|매물)|목록|리스트|매물|사례"
    r"|(?<!실)거래(?:들|내역)?(?:만|도)"  # "8억 넘는 거래만 보여줘"
    # deals under a price bound shown, or whether any exist: "6억 이하만 보여주세요", "넘는 것도 있었어요?"
    # ("전세로 바꿔서 보여줘" changes the deal type and keeps the task it changes)
    r"|(?:이하|이상|넘는|넘게|미만|초과|아래|까지|부터)(?:인|짜리|로|인것|인거|것|거|건)?(?:만|도)?(?:좀)?"
    r"(?:보여|뽑아)|(?:것|거|건)(?:도|은|는)?있(?:어|나|었|을까|는지|으면)"
)
# "몇 건이에요?", "세면?": a count, which a search answer gives as well as the statistics do.
_COUNT_ASK = re.compile(r"몇건|몇개|세면|세어|how many")
_FIGURE_ASK = re.compile(r"몇건|몇개|세면|세어|시세|얼마|평균|중위|how many|average|median")
# Words that ask what the market does rather than what a calculation gives.
_MARKET_LOOKUP = re.compile(
    r"요즘|최근|실제(?:로)?|실거래|시세|얼마씩|평균|거래(?:된|됐|한)|가격범위|범위|분포"
    r"|these days|actually|market|price range"
)
# "별개로 연봉 9천이면 …": a question that says it stands apart from what came before.
_FRESH_START = re.compile(
    r"별개로|별도로|다른얘기|다른질문|딴얘기|딴질문|그건그렇고|상관없이|unrelated|separately|different question"
)
_SUPERLATIVE = re.compile(r"(?:제일|가장)(?:비싼|싼|저렴|높|낮|많이|적게)|cheapest|most expensive")
_DATA_INTENTS = {Intent.MARKET_INQUIRY, Intent.PROPERTY_SEARCH}
# Questions about the data whose frame a later question may return to after a side question.
DATA_FRAME_INTENTS = frozenset(
    {Intent.MARKET_INQUIRY, Intent.PROPERTY_SEARCH, Intent.PRICE_EVALUATION, Intent.PROPERTY_RECOMMENDATION}
)
# Calculations whose frame a changed amount returns to after a side question in between ("DSR이 뭐예요?"
# then "집을 7억으로 낮추면 얼마까지 돼요": the loan again, its income kept), and the side questions.
CALC_FRAME_INTENTS = frozenset({Intent.LOAN_CONSULT, Intent.ROI_CALCULATION})
_SIDE_INTENTS = frozenset({Intent.TERM_DEFINITION, Intent.LEGAL_INQUIRY, Intent.UNCLEAR, Intent.IRRELEVANT})


def calc_frame_update(intent: Intent, context: dict[str, Any]) -> dict[str, Any]:
    """The graph state's calculation frame after a turn whose frame is `context` (as `context_slots`):
    a loan or yield sets it, a side question (a word, a law, an aside) leaves it, any other question
    (a look at the data, a judgement, a draft) ends it."""
    if intent in _SIDE_INTENTS:
        return {}
    calculation = intent in CALC_FRAME_INTENTS
    return {
        "calc_context_slots": context if calculation else {},
        "calc_context_intent": intent.value if calculation else "",
    }


def returns_to_calculation(
    text: str, intent: Intent, slots: Slots, previous: PreviousFrame, calc: PreviousFrame
) -> bool:
    """A message naming only amounts (a price, a rent, an income) in the calculation's task, or a short
    or conditional change of an amount ("월세 150이면?"), right after a side question that followed the
    calculation, changes that calculation ("DSR이 뭐예요?" then "집을 7억으로 낮추면 얼마까지 돼요?");
    the other amounts of the calculation stay."""
    if previous.intent not in _SIDE_INTENTS or calc.intent not in CALC_FRAME_INTENTS:
        return False
    named = _named(slots)
    amounts = _AMOUNT_GROUPS | {"income"}
    if intent is calc.intent:
        return bool(named & amounts) and named <= amounts | {"deal_type"}
    return changes_calculation(text, slots)


# After a word was explained, "그거 어디서 받는데?", "그건 언제까지 해야 돼?" ask how the rule works.
# "그거 몇 번까지 쓸 수 있어요?", "집주인이 거절할 수 있나요?" ask how far the rule reaches: a question of law.
_PROCEDURE_ASK = re.compile(
    r"어디서|어디에|어디로|어떻게|언제|누가|누구|얼마나|며칠|필요한|서류|몇번|몇회|몇년|몇개월|몇달|몇프로|몇퍼"
    r"|얼마까지|(?:쓸|쓰|할|받을|낼|청구할|요구할|거절할|거부할|올릴|뺄|나갈)수(?:있|없|가)|거절|거부|안해주|해야"
    r"|가능(?:해|한가|한지|할까|하나)|되나요|되는지|where|how do|how can|how many times|how long|how much"
    r"|when|who|can (?:i|we|they|the|my)|do i have to"
)
_CALCULATIONS = {Intent.LOAN_CONSULT, Intent.ROI_CALCULATION, Intent.PRICE_EVALUATION}
# Questions that looked at the data; a data question after one naming no place goes on with its
# place, size and period ("재작년 실거래는?" after a price judgement, "일단 매매가부터요" after a
# question with several parts).
_LOOKED_UP = _DATA_INTENTS | {Intent.PRICE_EVALUATION, Intent.PROPERTY_RECOMMENDATION, Intent.COMPREHENSIVE}
_PRICED_TASKS = _CALCULATIONS | {Intent.CONTRACT_CREATION}
# "23년은?", "24년 전체로 보면?" (after a quarter: the whole year), "2022년 통째로"
_BARE_YEAR = re.compile(
    r"^(?P<y>20\d{2}|\d{2})(?:년|년도)(?:전체|전부|통째|통틀어|다)?(?:로|으로)?"
    r"(?:은|는|엔|에는|도|요|거|꺼|걸로|꺼로|거는|거요|보면|보면요|봐줘|봐주세요)?[?？]{0,3}$"
)

FOLLOW_UP_MAX_CHARS = 24  # a fragment longer than this (spaces removed) is read as its own question


def request_part(text: str) -> str:
    """The request after a remark: "아 서울 전세는 없구나 그럼 매매 10억 이하" asks "그럼 매매 10억 이하";
    a reason said after the request ("…정자동이요. 신랑 회사가 그쪽이라서요") is background, not a request."""
    cut = None
    for m in _THEN.finditer(text):
        if m.start() > 0:
            cut = m.start()
    text = text[cut:].strip() if cut is not None else text
    sentences = [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]
    while len(sentences) > 1 and _GREETING_ONLY.fullmatch(sentences[0]):
        sentences.pop(0)  # "안녕하세요. 분당 …": the greeting opens the request, it is never the request
    while (
        len(sentences) > 1
        and _REASON_ONLY.search(last := sentences[-1])
        and not _BUY_PURPOSE.search(last)
        and not _ASKS.search(last.replace(" ", ""))
    ):
        sentences.pop()
    return " ".join(sentences)


_SENTENCE_END = re.compile(r"(?<=[.!?。])\s+")
# A sentence that only gives a reason ("…라서요", "…거든요", "…때문이에요") and asks nothing.
# Also hearsay said after the question ("…뭔 뜻이에요? 거기 그거 한다던데"): background, not a request.
_REASON_ONLY = re.compile(
    r"(?:라서|이라서|해서|거든|니까|때문|던데|다더라|더라고|대서)(?:요)?[.!~ㅎㅋ]{0,8}$"
)
# "…괜찮아요? 매수할까 해서": a purpose of buying is the deal the question is about, not background.
_BUY_PURPOSE = re.compile(r"매수|매입|구입|구매|사려고|살까|사볼까")
# "…얼마에 팔렸는지 궁금해서요": a sentence that says what the user wants to know asks it, whatever its
# ending (a reason ending is how a polite question is often put).
_ASKS = re.compile(
    r"궁금|알고싶|알아보려|여쭤|여쭙|문의|얼마|몇건|몇개|어떻게|어떤지|어떨지|어느정도"
    r"|[은는인]지(?:가|를|좀)?(?:궁금|알|모르|여쭤)"
)
# A sentence that only greets ("안녕하세요.", "Hello!", "처음 뵙겠습니다~").
_GREETING_ONLY = re.compile(
    r"(?:안녕하세요|안녕하십니까|안녕|반갑습니다|반가워요|처음뵙겠습니다|처음 뵙겠습니다|수고하십니다|수고하세요"
    r"|hello|hi|hey|good (?:morning|afternoon|evening))(?: ?(?:there|everyone))?[.!~^ㅎㅋ ]{0,8}",
    re.IGNORECASE,
)


_THEN = re.compile(r"(?:(?<=[\s.!?,~ㅠㅜ])|^)(?:그럼|그러면|그렇다면)(?=\s)")


# A value taken back inside the message: "4억 이하 아니 4억5천 이하로", "강남 아니 서초", "84 no wait 59",
# "2023 I mean 2024" (not "아니면", an alternative; not "아니라", a contrast).
_SELF_FIX = re.compile(r"\s(?:아니아니|아\s아니|아니|no,?\s?wait|i\smean|sorry)[,.]?\s", re.IGNORECASE)
_WORD_KINDS = (
    ("year", re.compile(r"^(?:20\d{2}|\d{2})(?:년|년도)|^20\d{2}$")),
    ("amount", re.compile(r"억|천|만원|million|billion|^\d[\d.,]{0,12}(?:만|원)")),
    ("size", re.compile(r"^\d{2,3}(?:\.\d+)?(?:㎡|m2|평|타입|형)")),
    ("number", re.compile(r"^\d[\d.,]*$")),
)
_UNIT_ONLY = re.compile(r"^(?:million|billion|억|만원|원|won)\b", re.IGNORECASE)


def _word_kind(word: str) -> str | None:
    return next((kind for kind, pattern in _WORD_KINDS if pattern.search(word.lower())), None)


def _alike(one: str | None, other: str | None) -> bool:
    """Two values of one slot kind (a bare number may be a size or an amount, by what it replaces)."""
    if one is None or other is None:
        return False
    return one == other or ("number" in (one, other) and {one, other} != {"number", "year"})


def drop_self_corrected(text: str) -> str:
    """The message with the values it takes back removed: the value after 아니 / no wait / I mean
    replaces the last one of its kind before (up to three words back), whatever slot it fills; a word
    of no kind ("강남 아니 서초") replaces the one word before it."""
    for _ in range(4):
        fix = _SELF_FIX.search(text)
        if fix is None:
            break
        before, after = text[: fix.start()].split(" "), text[fix.end() :].split()
        if not after or not before[-1]:
            break
        kind = _word_kind(after[0])
        cut = len(before) - 1
        for i in range(len(before) - 1, max(-1, len(before) - 4), -1):
            if kind is not None and _alike(_word_kind(before[i]), kind):
                cut = i
                break
        while cut > 0 and _UNIT_ONLY.match(before[cut]) and re.fullmatch(r"[\d.,]+", before[cut - 1]):
            cut -= 1  # "500 million no wait 450 million": the number and its unit go together
        text = " ".join([*before[:cut], text[fix.end() :]]).strip()
    return text


# An interjection opening the message ("아 엘스요", "음 그럼 …"): it names nothing and must not hide
# the short name after it from the reader.
_FILLER_START = re.compile(r"^\s{0,3}(?:아{1,3}|음{1,3}|어{1,3}|앗|아하)[\s,.~]{1,4}(?=\S)")


def strip_negated(text: str) -> str:
    """The message without what it negates, so "서초구 말고 강남구" names only 강남구."""
    text = drop_self_corrected(text)
    text = _FILLER_START.sub("", text)
    text = _DROP_CLAUSE.sub(" ", text)  # "4억 미만 조건 없애고 고척동 84만" names 고척동 and 84
    text = _NEGATED_KO.sub(" ", text)
    text = _SAID_BEFORE.sub(" ", text)
    return _NEGATED_EN.sub(" ", text)


def is_correction(norm: str) -> bool:
    compact = norm.replace(" ", "")
    return bool(
        _CORRECTION_START.match(compact) or _CORRECTION_ANY.search(compact) or _SAID_BEFORE.search(norm)
    )


def _has_marker(norm: str, compact: str) -> bool:
    """Words that only make sense against the previous turn: 그럼, 그 중에, what about, 그 전 해 …"""
    return bool(
        _SAME_AS_BEFORE.search(compact)
        or _SAME_AS_BEFORE.search(norm)
        or _FOLLOW_START_KO.match(compact)
        or _FOLLOW_START_EN.match(norm)
        or (len(compact) <= FOLLOW_UP_MAX_CHARS and bool(_FOLLOW_END_EN.search(norm)))
        or _YEAR_BEFORE.search(compact)
        or _YEAR_BEFORE.search(norm)
        or _YEAR_AFTER.search(compact)
        or _YEAR_AFTER.search(norm)
    )


def same_place(slots: Slots, other: Slots) -> bool:
    """Both name the same 구, 동 and complex (a follow-up restating its place names nothing new)."""
    keys = ("sigungu_code", "dong", "complex", "sido_code")
    here = tuple(getattr(slots, k) for k in keys)
    return any(here) and here == tuple(getattr(other, k) for k in keys)


def _named(slots: Slots) -> set[str]:
    """The groups the message itself filled."""
    return {group for group, names in GROUPS.items() if any(getattr(slots, n) is not None for n in names)}


def _shift_year(previous: Slots, years: int) -> dict[str, str | None]:
    def shift(value: str | None) -> str | None:
        if value is None:
            return None
        day = date.fromisoformat(value)
        try:
            return day.replace(year=day.year + years).isoformat()
        except ValueError:  # 29 February
            return day.replace(year=day.year + years, day=28).isoformat()

    return {"period_from": shift(previous.period_from), "period_to": shift(previous.period_to)}


# The polite wrapping of an indirect question: "…어땠는지도 궁금하네요", "…것도 알 수 있을까요", "…도
# 알려줄 수 있어요?", "…if you have it" (checked on the text without spaces).
_INDIRECT_ASK = re.compile(
    r"(?:(?:것|거|꺼|건|걸)(?:도|은|는)?)?"
    r"(?:(?:어땠|어떤|어떨|어땠을|얼마였|얼마|어떻게됐|어떻게되)[가-힣]{0,3}?지(?:도|가|를|좀)?)?"
    r"(?:궁금|알고싶|알수있|알수없|알려주실수|알려줄수|알려주세|봐주실수|봐줄수|볼수있)[가-힣?？~.!]{0,12}$"
    r"|,?ifyou(?:have|got)(?:it|that|them|thedata)?[?.!]{0,3}$"
)
# A period word left once the wrapping is gone: the indirect question names a period to look at.
_PERIOD_WORD = re.compile(r"\d{2}년|20\d{2}|작년|재작년|올해|상반기|하반기|분기|\d{1,2}월")


def _without_indirect_ask(compact: str) -> str:
    """The fragment inside an indirect question, or the text as it was when nothing is left."""
    rest = _INDIRECT_ASK.sub("", compact)
    return rest if rest and rest != compact else compact


def _asks_period_indirectly(compact: str) -> bool:
    """ "23년엔 어땠는지도 궁금하네요": a period asked about politely, not a thought said aloud."""
    rest = _without_indirect_ask(compact)
    return rest != compact and bool(_PERIOD_WORD.search(rest))


def _fragment_slots(
    compact: str, today: date, previous: Slots | None = None, data_year: int | None = None
) -> dict[str, Any]:
    """What a bare fragment names that the NLU reads as noise: "59는?", "76짜리만" (a size), "23년은?"
    (a year), "상반기만 따로", "9월부터 12월은" (months of the year in force, or of `data_year`, the
    place's latest year of data, when no period is in force). An indirect ask around the fragment
    ("23년엔 어땠는지도 궁금하네요", "24년 것도 알 수 있을까요") is read as the fragment asked."""
    compact = _without_indirect_ask(compact)
    size = _BARE_SIZE.match(compact) or _BARE_SIZE.match(_FRAGMENT_LEAD.sub("", compact))
    if size and size["again"] not in (None, size["v"]):
        size = None
    if size and not size["rest"] and re.fullmatch(r"(?:19|20)\d{2}", f"{size['v']}{size['again'] or ''}"):
        size = None  # "2020?" is a year, not 20 said twice
    if size and _year_in_play(size, today, previous):
        value = 2000 + int(size["v"])  # "24" after "22년" then "84": the year 2024, not a 24㎡ home
        return {"period_from": f"{value}-01-01", "period_to": f"{value}-12-31"}
    if size and 20 <= float(size["v"]) <= 300 and not _UNIT_WORD.match(size["rest"]):
        value = float(size["v"])
        if _SIZE_UP_TO.match(size["rest"]):
            return {"area_max_m2": value}  # "위로 120까지 늘려서": a bound, not a band
        if _SIZE_FROM.match(size["rest"]):
            return {"area_min_m2": value}
        low, high = area_band(value)
        return {"area_min_m2": low, "area_max_m2": high}
    article = _ARTICLE_ONLY.match(compact)
    if article and previous is not None and previous.law_name:
        sub = f"의{article['sub']}" if article["sub"] else ""
        return {"law_name": previous.law_name, "article": f"{article['no']}{sub}"}  # "3조의2는?"
    months = year_part_months(compact)
    year = _year_in_force(previous, data_year)
    if months and year is not None:
        start, end = part_period(year, months)  # 1분기 ends on 31 March, 겨울 in the next year
        return {"period_from": start, "period_to": end}
    ago = _YEARS_AGO.search(compact)
    if ago and not re.search(r"\d{2}년(?!전)|20\d{2}", compact.replace(ago.group(), "")):
        value = today.year - int(ago["n"])
        return {"period_from": f"{value}-01-01", "period_to": f"{value}-12-31"}
    year = _BARE_YEAR.match(compact)
    if year:
        value = int(year["y"])
        value = value + 2000 if value < 100 else value
        if 2000 <= value <= today.year + 1:
            return {"period_from": f"{value}-01-01", "period_to": f"{value}-12-31"}
    return _size_in_fragment(compact, previous) if previous is not None else {}


_YEAR_REST = ("", "은", "는", "요", "은요", "는요", "도", "도요", "로", "으로", "꺼", "거", "꺼는", "거는")


def _year_in_play(size: re.Match[str], today: date, previous: Slots | None) -> bool:
    """A bare two-digit number that names a past year of the data ("24", "23은?") is that year when the
    question in force has a period: a size that small (20–26㎡) is no apartment anyone asks about."""
    value = size["v"]
    return bool(
        previous is not None
        and previous.period_from
        and size["again"] is None
        and re.fullmatch(r"2\d", value)
        and 20 <= int(value) <= today.year - 2000
        and size["rest"] in _YEAR_REST
    )


# A size said inside a short change ("아니다 59로 다시, 재작년 기준", "평수는 59로 바꿔주세요", "다시 그 단지
# 얘기로, 84만 보면요", "22년꺼로 보고 59로"): a number of 20..300 followed by a particle, not a unit.
_SIZE_NUMBER = re.compile(r"(?<!\d)(?<!\d[.,])(?P<v>\d{2,3}(?:\.\d{1,2})?)(?:m2|㎡|제곱미터|제곱|타입|형)?")
_SIZE_PARTICLE = re.compile(
    r"(?:로|으로|만|짜리|는|은|도|요|기준|[,.?？!]|$)|(?:s|ones?|units?|sqm|flats?)(?:only)?(?=[,.?？!]|$)"
)  # "and the 84s?", "what about the 59 ones": English sizes said in the plural
# "in my 30s", "late 50s": an age, not a size
_AGE_BEFORE = re.compile(r"(?:my|our|his|her|their|early|mid|late|inthe)$")
# words whose amount the number is ("월세 120으로", "DSR 40"), or verbs that move an amount
_AMOUNT_BEFORE = re.compile(
    r"(?:월세|보증금|연봉|월급|소득|수입|가격|집값|금액|예산|대출|호가|시세|관리비|ltv|dsr|dti|금리|이자|rent|deposit|price|월|만|억|천)(?:을|를|은|는|이|가|도)?$"
)
_AMOUNT_VERB = re.compile(r"올리|올려|낮추|낮춰|내리|내려|늘리|늘려|줄이|줄여|raise|lower")
_SIZE_WORD = re.compile(r"평수|평형|면적|크기|전용|타입|사이즈|제곱|㎡|m2|size|sqm")


def _size_in_fragment(compact: str, previous: Slots) -> dict[str, Any]:
    """The one size a short follow-up names among other words (a period, a place said again). A number
    after a money word, or said after a 월세 question without a size word (a rent), is no size."""
    if len(compact) > FOLLOW_UP_MAX_CHARS:
        return {}
    sized = bool(_SIZE_WORD.search(compact))
    amounts = (previous.monthly_rent_manwon, previous.deposit_manwon, previous.monthly_rent_max_manwon)
    if not sized and (previous.deal_type == "월세" or any(amounts) or _AMOUNT_VERB.search(compact)):
        return {}  # after a rent or a yield, "300으로 받으면요?" is a rent
    values = set()
    for m in _SIZE_NUMBER.finditer(compact):
        rest = compact[m.end() :]
        if (
            not _SIZE_PARTICLE.match(rest)
            or _UNIT_WORD.match(rest)
            or _AMOUNT_BEFORE.search(compact[: m.start()])
            or (rest[:1] == "s" and _AGE_BEFORE.search(compact[: m.start()]))
            or not 20 <= float(m["v"]) <= 300
        ):
            continue
        values.add(float(m["v"]))
    if len(values) != 1:
        return {}
    low, high = area_band(values.pop())
    return {"area_min_m2": low, "area_max_m2": high}


def size_after_name(text: str, today: date) -> dict[str, Any]:
    """The bare size said after a leading name ("퍼스티지 59는?"): the name is read by the place rules,
    the size by the fragment rules; {} when the rest is not a bare size."""
    words = strip_negated(normalize(text)).split()
    if len(words) < 2 or any(ch.isdigit() for ch in words[0]):
        return {}
    rest = _fragment_slots("".join(words[1:]), today)
    return {k: v for k, v in rest.items() if k in ("area_min_m2", "area_max_m2")}


def frame_turn(
    text: str,
    intent: Intent,
    slots: Slots,
    *,
    strong_intent: bool,
    recent_months: int | None,
    previous: PreviousFrame | None,
    today: date,
    outside_place: bool = False,
    weak_cue: bool = False,
    force: Act | None = None,
) -> Frame:
    """The frame of one message: `intent`/`slots` are what the message says on its own (NLU),
    `strong_intent` whether it named its task with a cue of its own (시세, 대출, 추천 …) and
    `outside_place` whether it named a place outside the data (which replaces the previous place
    rather than letting it through: "부산 해운대구는?" must never be answered for 마포구)."""
    norm = normalize(text)
    compact = norm.replace(" ", "")
    if force is None and closes(text, intent, slots, strong=strong_intent, cue=weak_cue):
        return Frame(Intent.UNCLEAR, Slots(), Act.NEW)  # "네 고맙습니다 참고할게요": the chat's close
    listing = intent is Intent.PROPERTY_SEARCH
    if intent is Intent.CONTRACT_CREATION:
        slots = _english_lease_roles(norm, slots)
    if intent is Intent.PRICE_EVALUATION and slots.monthly_rent_max_manwon is not None:
        said = {k: v for k, v in slots if v is not None}
        _roles_for(intent, said)
        slots = Slots.model_validate(said)
    fresh = Frame(intent, slots, Act.NEW, recent_months=recent_months, listing=listing)
    if previous is None and intent in (Intent.UNCLEAR, Intent.IRRELEVANT):
        return Frame(intent, Slots(), Act.NEW)  # "월세?" opening a chat: a fragment of no question
    if previous is None or (intent is Intent.IRRELEVANT and strong_intent):
        return fresh  # "강남역 맛집 추천" is an aside, whatever came before
    listed = force is None and previous.intent in _LOOKED_UP and bool(_LIST_THEM.search(norm))
    if listed:
        # "list them", "show me those": the deals of the question in force, listed
        intent, strong_intent, force = Intent.PROPERTY_SEARCH, False, Act.FOLLOW_UP
    if force is None and _edits_draft(norm, compact, intent, previous):
        # "계약기간은 2년으로 넣어줘요" after a draft: the draft again with that change, not a law question
        intent, slots, strong_intent, force = (
            Intent.CONTRACT_CREATION,
            _edit_values(slots),
            False,
            Act.FOLLOW_UP,
        )
    if force is None and _muses(norm, compact, intent, slots, strong_intent, recent_months):
        return Frame(intent, Slots(), Act.NEW)  # "요즘 집 사는게 맞나 싶네요": a thought, nothing asked
    if _other_home(norm) and intent not in (Intent.LEGAL_INQUIRY, Intent.TERM_DEFINITION):
        return _other_home_frame(fresh, previous)
    bound = stated_bound(compact) if previous.intent in _SEARCHED and force is None else {}
    if bound:
        # "월세 상한 120으로" after a search: that bound of the search moved (상한 is no rule of law here,
        # 한도 no loan): the whole message is the kind, the side and the amount
        kept = {"deal_type": slots.deal_type} if slots.deal_type else {}
        intent, slots, strong_intent, force = (
            Intent.UNCLEAR,
            Slots.model_validate(kept | bound),
            False,
            Act.FOLLOW_UP,
        )
    latest = _latest_data_months(compact) if force is None and previous.intent in _LOOKED_UP else None
    if latest is not None:
        # "데이터 있는 마지막 달로 보여줘요 그럼": the question again, at the data's end
        force = Act.FOLLOW_UP
    dropped = dropped_groups(norm) if previous.intent in _LOOKED_UP else set()
    dropped = {g for g in dropped if _group_set(previous.slots, g)}
    if force is None and not dropped and _FRESH_START.search(compact):
        return fresh  # "별개로 …": nothing of the previous question applies
    if dropped and force is None:
        force = Act.FOLLOW_UP  # "평수 조건은 빼줘": the last question without that condition
    act = force or _act(norm, compact, intent, slots, strong_intent, previous, today, outside_place)
    if act is Act.NEW:
        return _pointed_back(fresh, compact, norm, previous)

    conditions = bool(_named(slots) & set(_CONDITION_GROUPS))
    task = previous.intent
    if task is Intent.MARKET_INQUIRY and previous.listing and not _asks(_FIGURE_ASK, norm, compact):
        task = Intent.PROPERTY_SEARCH  # "상계동만" after "몇 건이나 돼?" of a list: the list, narrowed
    new_intent = _follow_up_intent(intent, strong_intent, weak_cue, task, compact, conditions)
    if listed:
        new_intent = Intent.PROPERTY_SEARCH
    if previous.intent in (Intent.LOAN_CONSULT, Intent.ROI_CALCULATION) and _recalculates(norm, compact):
        new_intent = previous.intent  # "중개수수료까지 감안해서 다시 계산": its words are costs, not a law
    if (
        intent is Intent.LEGAL_INQUIRY
        and previous.intent in _SEARCHED
        and _bounds_only(slots)
        and len(compact) <= FOLLOW_UP_MAX_CHARS
    ):
        new_intent = previous.intent  # "보증금 1억까지 가능해요": the search with that bound
    if (
        new_intent in (*_DATA_INTENTS, Intent.COMPREHENSIVE)
        and previous.intent in _CALCULATIONS
        and changes_amount_only(slots)
        and not (_COUNT_ASK.search(compact) or _LISTING_ASK.search(compact))
    ):
        new_intent = previous.intent  # "and if the price is 1.2 billion?" changes the calculation's price
    if _bound_after_judgement(intent, new_intent, slots, previous, norm):
        # "월세로 돌리면요? 보증금 1억 이하로 된거" after "전세 6억5천 괜찮아?": a bound is a filter of the
        # market of the judged home, not another price to judge
        new_intent = Intent.PROPERTY_SEARCH if _LISTING_ASK.search(compact) else Intent.MARKET_INQUIRY
    if (
        new_intent in _DATA_INTENTS
        and not strong_intent
        and slots.asking_price_manwon is not None
        and previous.intent in _LOOKED_UP
        and _SELLS_AT.search(compact)
    ):
        # "우리집 거기 7억에 내놨는데 팔릴만 한가요" after the market of that home: an asking price judged
        new_intent = Intent.PRICE_EVALUATION
    # "하반기 말고 상반기로": the fragment is read without what the message negates.
    fragment = _fragment_slots(
        strip_negated(norm).replace(" ", ""), today, previous.slots, previous.data_year
    )
    own = {k: v for k, v in slots if v is not None}
    if set(own) & set(PLACE) == {"sido_code"} and (previous.slots.sigungu_code or "").startswith(
        own["sido_code"]
    ):
        own.pop("sido_code")  # "서울은 24년까지밖에 없구나. 그럼 재작년은?": a remark, not a new place
    if (
        "period_from" in fragment
        and own.get("area_min_m2") is not None
        and own.get("area_max_m2") is not None
    ):
        said = round((own["area_min_m2"] + own["area_max_m2"]) / 2)
        if fragment["period_from"][:4] == f"20{said}":  # "24" read as the year 2024: no 24㎡ band too
            own = {k: v for k, v in own.items() if k not in ("area_min_m2", "area_max_m2")}
    if "period_from" in fragment and year_part_months(compact):
        # "9월부터 12월은": months said with no year are of the year in force, however else they were read
        own = {k: v for k, v in own.items() if k not in ("period_from", "period_to")}
    bounds = [fragment[n] for n in ("area_min_m2", "area_max_m2") if n in fragment]
    if bounds:  # "59만" is a size here, not 59만원 (and "100 이상만" a bound of one)
        size = round(sum(bounds) / len(bounds))
        own = {k: v for k, v in own.items() if not (k in _MONEY_SLOTS and v == size)}
    if new_intent in _BUDGETED and "asking_price_manwon" in own and not _named(slots) & {"price"}:
        # "make it 20억", "18억으로" after a search: a bare price is the search's bound, not a price asked
        side = (
            "price_min_manwon"
            if previous.slots.price_min_manwon and not previous.slots.price_max_manwon
            else "price_max_manwon"
        )
        own[side] = own.pop("asking_price_manwon")
    if "monthly_rent_max_manwon" in own and _rent_offer(
        new_intent,
        own.get("deal_type") or previous.slots.deal_type,
        own.get("deposit_manwon") or previous.slots.deposit_manwon,
    ):
        own["monthly_rent_manwon"] = own.pop("monthly_rent_max_manwon")  # "월 180이면요?": the rent asked
    update = {**fragment, **own}
    update |= _explicit_year_said(norm, update)
    if (
        update.get("deal_type") == "매매"
        and previous.slots.deal_type in ("전세", "월세")
        and not _SALE_WORD.search(compact)
    ):
        update.pop("deal_type")  # "작년 거래만요" after a 전세 search: the 전세 deals of last year
    named = _named(Slots.model_validate(update)) | ({"place"} if outside_place else set())
    if (other_year := _other_compared_year(compact, previous.slots)) is not None:
        # "21년이랑 24년 비교하면" while 2021 is in force: the answer sets both side by side; the filter
        # goes on with the year newly brought in (as "24년이랑 비교하면" would)
        update |= {"period_from": f"{other_year}-01-01", "period_to": f"{other_year}-12-31"}
        named.add("period")
    shift = _year_shift(norm, compact)
    if shift and previous.slots.period_from:
        update |= _shift_year(previous.slots, shift)  # "그 전 해" counts from the previous period
        named.add("period")
    keep = set(INHERITED_GROUPS.get(new_intent, ()))
    if new_intent is Intent.PRICE_EVALUATION and "deal_type" in named and slots.complex:
        keep.discard("period")  # "아너힐즈 84 매매 28억이면 싼편?" states the deal whole; it compares itself
    if (
        new_intent is Intent.COMPREHENSIVE
        and previous.intent is Intent.COMPREHENSIVE
        and (_PRICE_PART.search(compact) or (not strong_intent and bool(named & _NARROWING)))
    ):
        # (and "노원 21년으로만 다시": a new period or bound filters the data part; a rule of law has no
        # filter — another place or deal type alone, "리센츠는?", "전세로 들어갈 경우엔?", asks both again)
        new_intent = Intent.MARKET_INQUIRY  # "매매가 말고 전세 최근 1년": the price part of it, changed
    if _NO_CONDITIONS.search(compact) or _NO_CONDITIONS.search(norm):
        keep -= set(_CONDITION_GROUPS)
        if new_intent is Intent.PROPERTY_SEARCH and not _LISTING_ASK.search(compact):
            new_intent = Intent.MARKET_INQUIRY  # the search's conditions gone, what is left is the whole
    keep -= dropped
    named -= dropped
    carried = tuple(g for g in GROUPS if g in keep and g not in named and _group_set(previous.slots, g))
    result: dict[str, Any] = {}
    for group, names in GROUPS.items():
        if group in named:
            result |= {n: update.get(n) for n in names}
            if group in _RANGES and _ADDS.search(compact):
                result |= _other_side(group, update, previous.slots)
            elif group in _RANGES and _MOVES_BOUND.search(compact):
                result |= _moved_bound(group, update, previous.slots, compact)
            if group == "period":
                result |= _one_end_moved(compact, result, previous.slots)
        elif group in carried:
            result |= {n: getattr(previous.slots, n) for n in names}
    if "deal_type" in named and result.get("deal_type") != "월세" and "monthly_cap" in carried:
        # a rent cap is a 월세 condition only: "아예 전세로 5억 이하는?" leaves it behind (a deposit bound
        # stays, the price slots being the deposit of 전세 and 월세 alike)
        result["monthly_rent_max_manwon"] = None
        carried = tuple(g for g in carried if g != "monthly_cap")
    if (
        "deal_type" in named
        and "price" in carried
        and previous.slots.deal_type not in (None, result.get("deal_type"))
        and previous.intent is not Intent.PROPERTY_RECOMMENDATION
        and not _asks(_BACK_REFERENCES["price"], norm, compact)
    ):
        # a bound of a search or of statistics filters one deal type's prices: a sale price, a 전세
        # deposit and a 월세 deposit are on other scales, so "월세 시세는?" after a search of sales under
        # 5억 has no bound. A recommendation's budget is the money the user has, whatever the deal
        # ("전세로 알아보면?" keeps it), and a message may point at it ("그 예산으로 전세는?").
        result |= {"price_min_manwon": None, "price_max_manwon": None}
        carried = tuple(g for g in carried if g != "price")
    if act is Act.CORRECTION:
        result |= _corrected_amount(norm, previous.slots)
    elif (
        new_intent in _PRICED_TASKS
        and previous.slots.asking_price_manwon
        and _PRICE_POINTER.search(strip_negated(norm))
    ):
        # "그 가격 사려면 대출 얼마? 모아둔 돈 5억": the price pointed at is the previous one; another sum
        # said beside it (savings, a deposit) is not the price
        result["asking_price_manwon"] = previous.slots.asking_price_manwon
    if (
        "income" in named
        and previous.slots.annual_income_manwon
        and own.get("asking_price_manwon") is not None
        and own.get("annual_income_manwon") is not None
        and own["asking_price_manwon"] == previous.slots.annual_income_manwon + own["annual_income_manwon"]
        and _PARTNER.search(compact)
    ):
        # "아내도 연봉 5천이라 합치면 1억4천이에요" after an income of 9천: the sum said is the income in all,
        # not a price (the price asked about stays)
        result["annual_income_manwon"] = own["asking_price_manwon"]
        result["asking_price_manwon"] = previous.slots.asking_price_manwon
    elif (
        new_intent is Intent.LOAN_CONSULT
        and previous.slots.annual_income_manwon
        and own.get("annual_income_manwon") is None
        and own.get("asking_price_manwon") is not None
        and _PARTNER.search(compact)
        and _EARNS.search(compact)
    ):
        # "남편도 5천 벌어요" after a loan on one income: the partner's pay, added (a total said is the whole)
        said = own["asking_price_manwon"]
        total = _TOTAL_INCOME.search(compact) and said > previous.slots.annual_income_manwon
        result["annual_income_manwon"] = said if total else previous.slots.annual_income_manwon + said
        result["asking_price_manwon"] = previous.slots.asking_price_manwon
        carried = tuple(g for g in GROUPS if g == "asking" or (g in carried and g != "income"))
    elif "income" in named and _adds_income(compact, previous.slots, own):
        result["annual_income_manwon"] = previous.slots.annual_income_manwon + own["annual_income_manwon"]
    if new_intent is Intent.LEGAL_INQUIRY and result.get("article") and not result.get("law_name"):
        result["law_name"] = (
            previous.slots.law_name
        )  # "3조의2도요" after 주택임대차보호법 제3조: the same law
    if new_intent is Intent.LEGAL_INQUIRY:
        result.pop("deal_type", None)  # "월세에서 빼도 되나요": the lease is the story, not a filter
    _roles_for(new_intent, result)
    if new_intent is Intent.PROPERTY_RECOMMENDATION and (
        (_EITHER.search(compact) and _PREFERENCE.search(compact)) or _TWO_PLACES_AMONG.search(norm)
    ):
        # choosing between two places: the recommendation is made over their 구, not inside one of them
        result |= {"dong": None, "dong_parts": None, "complex": None, "complex_id": None}
    months = latest or recent_months or _months_only(compact)
    if months is not None and recent_months is None and "period" not in named:
        named.add("period")  # "6개월로 늘려줘": the place's latest 6 months (planning anchors them)
        result |= {"period_from": None, "period_to": None}
        carried = tuple(g for g in carried if g != "period")
    if months is None and previous.recent_months and _keeps_recent(keep, named, carried, previous):
        months = previous.recent_months  # "최근" of the old place is recomputed for a new one
    if _confirms_gu(compact, slots, previous.slots):
        # "은평이요" after "신사동 거래": the 구 of the 동 in force, said as an answer, confirms that 동
        result |= {k: getattr(previous.slots, k) for k in ("dong", "dong_parts", "complex", "complex_id")}
    # a count of the deals just listed ("몇 건이나 돼?") still has the list in force
    counted = new_intent is Intent.MARKET_INQUIRY and previous.listing and _asks(_COUNT_ASK, norm, compact)
    listing = new_intent is Intent.PROPERTY_SEARCH or counted
    return Frame(new_intent, Slots.model_validate(result), act, carried, months, listing)


# "list them", "show me those deals", "can you list those?": the deals of the last answer, listed.
_LIST_THEM = re.compile(
    r"^(?:(?:ok(?:ay)?|great|cool|thanks|then|now|and|so|please|pls|just|can you|could you|would you)[ ,!.]{0,3}){0,4}"
    r"(?:list|show)(?: me)?(?: all(?: of)?)? (?:them|those|these|the deals|those deals|these deals|the list)"
    r"(?: all)?(?: please)?[ ?!.]{0,4}$"
)
# "deposit (would be|of|is|:) 450 million", "monthly rent of 1.5 million": the role of an English sum.
_EN_DEPOSIT = re.compile(
    r"\bdeposit\b(?:\s(?:would be|will be|is|of|at|to be|around|about))?[\s:]{0,3}(?P<sum>[\d.,]{1,12}\s?(?:million|billion|억|만)?)"
)
_EN_RENT = re.compile(
    r"\b(?:monthly rent|rent)\b(?:\s(?:would be|will be|is|of|at|around|about))?[\s:]{0,3}(?P<sum>[\d.,]{1,12}\s?(?:million|만)?)"
)


def _english_lease_roles(norm: str, slots: Slots) -> Slots:
    """A draft asked in English names its sums by role ("Deposit would be 450 million won"): the sum
    after "deposit" is the deposit and the sum after "rent" the monthly rent, as 보증금 / 월세 say in
    Korean, not a price."""
    update: dict[str, Any] = {}
    for pattern, name in ((_EN_DEPOSIT, "deposit_manwon"), (_EN_RENT, "monthly_rent_manwon")):
        said = pattern.search(norm)
        money = parse_money(said["sum"]) if said else []
        if money and getattr(slots, name) is None:
            update[name] = money[0].manwon
            for other in ("asking_price_manwon", "price_max_manwon", "monthly_rent_max_manwon"):
                if getattr(slots, other) == money[0].manwon:
                    update[other] = None
    return slots.model_copy(update=update) if update else slots


def _edits_draft(norm: str, compact: str, intent: Intent, previous: PreviousFrame) -> bool:
    """An order to change a clause right after a draft ("계약기간은 2년으로 넣어줘요", "특약 하나 더
    추가해주세요") changes the draft: it is no question of law unless it asks one."""
    return (
        previous.intent is Intent.CONTRACT_CREATION
        and intent in (Intent.LEGAL_INQUIRY, Intent.UNCLEAR, Intent.IRRELEVANT)
        and bool(_EDIT_ORDER.search(compact) or _CHANGE_ASKED.search(compact))
        and not _LAW_QUESTION.search(compact)
        and not _ASKS_WORD.search(norm)
    )


def _edit_values(slots: Slots) -> Slots:
    """The values an edit of a draft states (sums, a term); a deal type told in a story is not one."""
    keep = ("deposit_manwon", "monthly_rent_manwon", "asking_price_manwon", "term_months")
    return Slots.model_validate({k: getattr(slots, k) for k in keep if getattr(slots, k, None) is not None})


# A 구 said alone as an answer: "은평이요", "강남구요", "아 마포입니다" (not "마포구는?", which widens).
_GU_ANSWER = re.compile(
    r"^(?:아|네|음|그)?(?P<stem>[가-힣]{1,5}?)구?(?:요|이요|이에요|예요|입니다|이고요)[.!~]{0,3}$"
)


def _confirms_gu(compact: str, slots: Slots, previous: Slots) -> bool:
    """Whether the message only names the 구 that the 동 or complex in force lies in."""
    said = _GU_ANSWER.match(compact)
    return bool(
        said
        and slots.sigungu
        and slots.sigungu.startswith(said["stem"])
        and not (slots.dong or slots.complex)
        and slots.sigungu_code == previous.sigungu_code
        and (previous.dong or previous.complex)
    )


# Homes other than apartments, which the data does not hold (an 아파트 named too is a comparison).
_OTHER_HOME = re.compile(
    r"오피스텔|빌라|다세대|연립|단독주택|다가구|상가|토지|officetels?\b|villas?\b|townhouses?\b|row ?houses?\b"
)
_APARTMENT = re.compile(r"아파트|apartment|\bapt\b")


# Another kind of home set aside for apartments: "빌라는 안되면 아파트로요", "오피스텔 말고 아파트", "no villas
# then, apartments", "apartments instead".
_SET_ASIDE_KO = re.compile(
    rf"(?:{_OTHER_HOME.pattern})(?:은|는|이|가|도|쪽은|쪽이)?"
    r"(?:안되면|안된다면|안되니까|안되니|안된다니|안되는|안돼|안나오면|없으면|없다면|없으니|없구나|없네|없대|말고|대신|빼고|제외)"
)
_SET_ASIDE_EN = re.compile(
    r"\b(?:no|not|instead of|rather than|if not|forget(?: the)?|skip(?: the)?)\s(?:officetels?|villas?|townhouses?)"
    r"|\b(?:apartments?|apts?)\s(?:then|instead)\b|\b(?:then|instead)\s(?:apartments?|apts?)\b"
)


def switches_to_apartments(text: str) -> bool:
    """The message asks about apartments, setting another kind of home aside (or naming none): the
    same question again for apartments, which the data holds."""
    norm = normalize(text)
    compact = norm.replace(" ", "")
    if not _APARTMENT.search(norm):
        return False
    if not _OTHER_HOME.search(norm):
        return True
    return bool(_SET_ASIDE_KO.search(compact) or _SET_ASIDE_EN.search(norm))


def _other_home(norm: str) -> bool:
    """The message asks about another kind of home ("빌라는요?", "officetel prices in Bundang")."""
    text = strip_negated(norm)  # "오피스텔 말고 아파트는?" asks about apartments
    return bool(_OTHER_HOME.search(text)) and not _APARTMENT.search(text)


def _other_home_frame(fresh: Frame, previous: PreviousFrame) -> Frame:
    """A question about another kind of home is a new question: the budget, deal type, size and
    period of an apartment question mean nothing for it. Only where it is asked carries over when it
    names no place ("빌라는요?" after a 마포구 question), so the decline names that place."""
    if _named(fresh.slots) & {"place"} or not _group_set(previous.slots, "place"):
        return fresh
    intent = fresh.intent
    if intent in (Intent.UNCLEAR, Intent.IRRELEVANT):
        intent = previous.intent if previous.intent in _DATA_INTENTS else Intent.MARKET_INQUIRY
    update = {n: getattr(previous.slots, n) for n in PLACE}
    slots = Slots.model_validate({k: v for k, v in fresh.slots if v is not None} | update)
    return replace(fresh, intent=intent, slots=slots, act=Act.FOLLOW_UP, carried=("place",))


# Thanks and sign-offs: "네 고맙습니다 참고할게요", "감사합니다 큰 도움 됐어요", "ㅋㅋ 감사해요 남편한테 보여줄게요".
_THANKS = re.compile(
    r"고마|고맙|감사|땡큐|ㄱㅅ|도움(?:이|이많이|많이|이정말|정말|이꽤|꽤|이좀|좀|이너무|너무|이엄청|엄청|큰|)?(?:됐|되었|돼|되네|됩니다|되었습니다)"
    r"|참고(?:할게|하겠|해볼게|해보겠|할께)|잘봤|잘알겠|알겠습니다|알겠어요|수고(?:하세요|하셨|많으)|좋은하루|좋은밤|덕분에|이제됐|그럼이만|이만(?:할게|갈게|하겠|줄일게)"
    r"|(?<![a-z])(?:thanks?|thank you|thx|appreciated?|cheers|bye|goodbye|helpful|that'?s all|that'?s it|got it)(?![a-z])"
)
# What still asks, said after thanks: a question mark, or a fragment's ending ("…근데 전세는요").
_STILL_ASKS = re.compile(r"[?？]|(?:은|는|이면|면|라면)요?$|어때|얼마|몇|뭐|어떻게|왜|언제|어디")


def closes(text: str, intent: Intent, slots: Slots, *, strong: bool, cue: bool = False) -> bool:
    """A message that thanks or signs off and asks nothing ends the exchange: it is UNCLEAR with no
    slots, never a follow-up of the last question (its "…요" ending is politeness, not "…는요?").
    `cue`: the message named its task with a cue, weak or strong ("좋은 정보 감사합니다" names none)."""
    norm = normalize(text)
    compact = norm.replace(" ", "")
    if strong or (cue and intent not in (Intent.UNCLEAR, Intent.IRRELEVANT)) or _named(slots):
        return False
    opener = _FOLLOW_START_KO.match(compact) and not re.match(r"(?:그럼|그러면)이만", compact)
    if opener or _FOLLOW_START_EN.match(norm) or _year_shift(norm, compact):
        return False
    return bool(_THANKS.search(compact) or _THANKS.search(norm)) and not _STILL_ASKS.search(compact)


# A thought said aloud, asking nothing: "집 사는게 맞나 싶네요", "I wonder if buying makes sense".
_MUSING_KO = re.compile(
    r"(?:싶네요|싶어요|싶네|싶다|싶습니다|싶더라고요|네요|군요|구나|더라고요|거든요|고민(?:이에요|이네요|돼요|되네요|입니다)"
    r"|걱정(?:이에요|이네요|돼요|되네요|입니다)|같아요|같네요)[.!~…ㅠㅜㅎㅋ\u1100-\u11ff\u3130-\u318f]{0,8}$"
)
_MUSING_EN = re.compile(
    r"\b(?:i wonder|makes me wonder|i'?m not sure|not sure (?:if|whether)|i don'?t know (?:if|whether)"
    r"|i'?m torn|i'?m worried|i guess)\b"
)


def _asks(pattern: re.Pattern[str], norm: str, compact: str) -> bool:
    """Korean cues are matched without spaces, English ones ("how many") with them."""
    return bool(pattern.search(compact) or pattern.search(norm))


def _muses(
    norm: str, compact: str, intent: Intent, slots: Slots, strong: bool, recent_months: int | None
) -> bool:
    """A message with no task that names no condition but a deal type (and "요즘") and ends as a
    thought said aloud is no fragment of the last question: it stays as read, with no slots."""
    allowed = {"deal_type", "period"} if recent_months else {"deal_type"}
    if intent not in (Intent.UNCLEAR, Intent.IRRELEVANT) or strong or _named(slots) - allowed:
        return False
    if _FOLLOW_START_KO.match(compact) or _FOLLOW_START_EN.match(norm) or _year_shift(norm, compact):
        return False
    if _asks_period_indirectly(compact):
        return False
    return bool(_MUSING_KO.search(compact) or _MUSING_EN.search(norm))


_AMOUNT_GROUPS = {"asking", "price", "monthly_cap", "deposit", "monthly"}
# Tasks whose bare price is a budget bound (price_max), per the conventions.
_BUDGETED = (Intent.PROPERTY_SEARCH, Intent.PROPERTY_RECOMMENDATION)
# Words that name a sale, not just a deal ("거래"): only these switch a lease question to 매매.
_SALE_WORD = re.compile(
    r"매매|매수|매도|매입|구입|구매|사려|살때|사면|팔린|팔았|팔렸|집값|실거래|거래가|sale|sold|buy|purchas"
)


def changes_amount_only(slots: Slots) -> bool:
    """The message names an amount and nothing else but a deal type ("월세 200이면?", "what if the price
    is 1.1 billion"): after a calculation it changes that calculation's amount, it asks no data."""
    named = _named(slots)
    return bool(named & _AMOUNT_GROUPS) and named <= _AMOUNT_GROUPS | {"deal_type"}


def changes_calculation(text: str, slots: Slots) -> bool:
    """A short or conditional message naming only an amount: said right after a calculation, it
    recomputes that calculation rather than returning to an earlier data question."""
    norm = normalize(text)
    short = len(norm.replace(" ", "")) <= FOLLOW_UP_MAX_CHARS
    return changes_amount_only(slots) and (short or bool(_CONDITIONAL.search(norm)))


_RANGES = {"price": ("price_min_manwon", "price_max_manwon"), "area": ("area_min_m2", "area_max_m2")}
# "면적 120 이하도 추가", "15억 이하 조건도 더해줘": a bound added to the one already in force.
_ADDS = re.compile(r"추가|더해|더하|덧붙|같이걸|also|as well|additionally")


# "위로 16억까지 늘려서", "아래로 8억까지 내려서", "40평대까지 넓혀서": one bound of the range moves.
_MOVES_BOUND = re.compile(
    r"늘려|늘리|넓혀|넓히|올려|올리|높여|높이|낮춰|낮추|내려|내리|줄여|줄이|좁혀|좁히|확장|키워|키우"
    r"|위로|아래로|밑으로|상한|하한|extend|widen|raise|lower|narrow"
)
_GROWS = re.compile(r"늘려|늘리|넓혀|넓히|확장|키워|키우|extend|widen")
# The side a moved bound is on, said before the number ("위로 16억까지"; "16억 위로" is a minimum).
_UPPER_SIDE = re.compile(r"(?:위로|위쪽으로?|상한(?:을|은|도)?|upto)(?=\d)")
_LOWER_SIDE = re.compile(r"(?:아래로|밑으로|아래쪽으로?|하한(?:을|은|도)?|downto)(?=\d)")


def _moved_bound(group: str, update: dict[str, Any], previous: Slots, compact: str) -> dict[str, Any]:
    """One bound of the previous range moved, the other kept: after 10억~14억, "위로 16억까지 늘려서"
    is 10억~16억 and "아래로 8억까지" 8억~14억; a band said with a widening verb ("40평대까지 넓혀서" after
    30평대) reaches from the old band to the new one."""
    low_name, high_name = _RANGES[group]
    low, high = update.get(low_name), update.get(high_name)
    before_low, before_high = getattr(previous, low_name), getattr(previous, high_name)
    if low is not None and high is not None:
        if _GROWS.search(compact) and before_low is not None and before_high is not None:
            return {low_name: min(low, before_low), high_name: max(high, before_high)}
        return {}
    value = low if low is not None else high
    if _LOWER_SIDE.search(compact):
        return {low_name: value, high_name: before_high} if before_high is None or value < before_high else {}
    if _UPPER_SIDE.search(compact):
        return {high_name: value, low_name: before_low} if before_low is None or before_low < value else {}
    if low is None:
        return {low_name: before_low} if before_low is not None and before_low < value else {}
    return {high_name: before_high} if before_high is not None and value < before_high else {}


# "2023년 1월부터로 넓혀줘", "2025년 3월까지로 늘려": one end of the period in force moves, the other stays.
_FROM_END = re.compile(r"(?:년|월|\d)(?:부터|이후|since)|(?:since|from)\d")
_TO_END = re.compile(r"(?:년|월|\d)(?:까지|이전)|(?:until|through|to)\d")


def _one_end_moved(compact: str, result: dict[str, Any], previous: Slots) -> dict[str, Any]:
    """A period said by one end only, with a word that moves a bound, keeps the previous other end
    when the two still make a period (the date said names a start, not a month on its own)."""
    if not _MOVES_BOUND.search(compact):
        return {}
    start, end = result.get("period_from"), result.get("period_to")
    if _FROM_END.search(compact) and not _TO_END.search(compact) and start and previous.period_to:
        return {"period_to": previous.period_to} if start <= previous.period_to else {}
    if _TO_END.search(compact) and not _FROM_END.search(compact) and end and previous.period_from:
        return {"period_from": previous.period_from} if previous.period_from <= end else {}
    return {}


_AMOUNT_SLOTS = (
    "price_min_manwon",
    "price_max_manwon",
    "asking_price_manwon",
    "annual_income_manwon",
    "deposit_manwon",
    "monthly_rent_manwon",
    "monthly_rent_max_manwon",
)


def _corrected_amount(norm: str, previous: Slots) -> dict[str, Any]:
    """ "4억 말고 5억", "연봉 7천 말고 8천": the new amount takes the place of the negated one, in the
    slot the negated one held (a maximum stays a maximum); the other amounts stay as they were."""
    negated = " ".join(m.group() for p in (_NEGATED_KO, _SAID_BEFORE) for m in p.finditer(norm))
    old = [m.manwon for m in parse_money(negated)] if negated else []
    new = [m.manwon for m in parse_money(strip_negated(norm))]
    if len(old) != 1 or len(new) != 1:
        return {}
    slot = next((n for n in _AMOUNT_SLOTS if getattr(previous, n) == old[0]), None)
    if slot is None:
        return {}
    return {n: getattr(previous, n) for n in _AMOUNT_SLOTS} | {slot: new[0]}


# Another earner's pay added to the income in force: "와이프 월급 300도 합치면?", "남편 연봉 5천 더하면?".
_PARTNER = re.compile(
    r"와이프|아내|남편|배우자|신랑|부인|집사람|애인|여자친구|남자친구|여친|남친|맞벌이|wife|husband|spouse|partner"
)
_ADD_INCOME = re.compile(
    r"합치|합산|합하|합쳐|더하|더해|더벌|보태|플러스|추가|포함|(?<=[\d천만백])도|too|also|aswell|combined|add|plus"
)
# Pay: "벌어요", "연봉", "소득", "월급", "earns", "makes", "salary".
_EARNS = re.compile(r"벌어|벌고|번다|벌이|연봉|소득|수입|월급|earn|makes|salary|income")
# A total said after the joining word ("합치면 1억 2천", "합산 소득 1억2천"): the new income, not a part.
_TOTAL_INCOME = re.compile(
    r"(?:합치면|합쳐서|합치니까|합하면|합산하면|합산|도합|총)(?:은|이|하면|소득|연봉|수입|으로|연|에|다)*\d"
    r"|\d[\d.]{0,12}(?:million|billion|만|억)?(?:won)?(?:in|as|a)?(?:total|combined|together|altogether)"
    r"|(?:total|combined)(?:income|salary)?(?:of|is|would be|being|=)?(?:about|around)?\d"
)


def _adds_income(compact: str, previous: Slots, own: dict[str, Any]) -> bool:
    return bool(
        previous.annual_income_manwon
        and own.get("annual_income_manwon")
        and _PARTNER.search(compact)
        and _ADD_INCOME.search(compact)
        and not _TOTAL_INCOME.search(compact)
    )


def _other_side(group: str, update: dict[str, Any], previous: Slots) -> dict[str, Any]:
    """The previous frame's other bound of a range when the message adds one side only, if the two
    still make a range ("100㎡ 이상" then "120 이하도 추가" → 100~120)."""
    low_name, high_name = _RANGES[group]
    low, high = update.get(low_name), update.get(high_name)
    if (low is None) == (high is None):
        return {}
    if low is None and getattr(previous, high_name) is None:
        before = getattr(previous, low_name)
        return {low_name: before} if before is not None and before < high else {}
    if high is None and getattr(previous, low_name) is None:
        before = getattr(previous, high_name)
        return {high_name: before} if before is not None and low < before else {}
    return {}


def _pointed_back(frame: Frame, compact: str, norm: str, previous: PreviousFrame) -> Frame:
    """A new question that points at a condition of the previous one ("그 예산으로 수내동 30평대 전세")
    takes that condition, and only that one."""
    named = _named(frame.slots)
    taken = tuple(
        group
        for group, pattern in _BACK_REFERENCES.items()
        if group not in named
        and _group_set(previous.slots, group)
        and (pattern.search(compact) or pattern.search(norm))
    )
    if not taken:
        return frame
    update = {n: getattr(previous.slots, n) for g in taken for n in GROUPS[g]}
    return replace(frame, slots=frame.slots.model_copy(update=update), carried=taken)


def _keeps_recent(keep: set[str], named: set[str], carried: tuple[str, ...], previous: PreviousFrame) -> bool:
    """A follow-up that names no period keeps "요즘" of the question before, re-anchored on its own
    place: the period carried, or none at all when the question before was declined before it could be
    anchored ("부산 해운대구 요즘 시세" then "그럼 강남은요" asks about 강남's latest year). A message that
    names its own deal type after such a decline ("그럼 서울 마포구 전세 시세는요") asks a question of its
    own, over all the data."""
    if "period" in carried:
        return True
    asked_period = "period" in INHERITED_GROUPS.get(previous.intent, ())  # "요즘 DSR 뭐야" had none
    unanchored = not _group_set(previous.slots, "period")
    fragment = not named & {"period", "deal_type"}
    return asked_period and unanchored and fragment and "period" in keep


def _rent_offer(intent: Intent, deal_type: str | None, deposit: int | None) -> bool:
    """A price judgement of a 월세 offer: "보증금 1억에 월세 200 달라는데" names the rent asked, which is
    judged (not a search's rent cap)."""
    return intent is Intent.PRICE_EVALUATION and (deal_type == "월세" or deposit is not None)


def _roles_for(intent: Intent, slots: dict[str, Any]) -> None:
    """A fragment read alone gets search roles ("월세 200" a rent cap); in a calculation it is the rent
    received, and a return calculation names no deal type (its rent words describe income)."""
    offered = _rent_offer(intent, slots.get("deal_type"), slots.get("deposit_manwon"))
    if intent in (Intent.ROI_CALCULATION, Intent.CONTRACT_CREATION) or offered:
        cap = slots.pop("monthly_rent_max_manwon", None)
        if cap is not None:
            slots["monthly_rent_manwon"] = cap

    if intent is Intent.ROI_CALCULATION:
        slots["deal_type"] = None


def _bound_after_judgement(
    intent: Intent, new_intent: Intent, slots: Slots, previous: PreviousFrame, norm: str
) -> bool:
    """A data question stating a price bound (이하/이상) and no price of its own, after a judgement: a
    bound filters deals, it is no price to judge (the judgement would drop it)."""
    return (
        previous.intent is Intent.PRICE_EVALUATION
        and new_intent is Intent.PRICE_EVALUATION
        and intent in _DATA_INTENTS
        and (slots.price_min_manwon is not None or slots.price_max_manwon is not None)
        and slots.asking_price_manwon is None
        and bool(_PRICE_BOUND_WORD.search(norm))
    )


# Words that make a sum a bound of deals rather than a price offered.
_PRICE_BOUND_WORD = re.compile(
    r"이하|이상|미만|초과|안쪽|넘는|넘게|under|over|below|above|less than|more than"
)


# Two years compared in one message: "21년이랑 24년", "2021년 대비 2024년".
_TWO_YEARS = re.compile(
    r"(?<!\d)(?:20)?(?P<a>\d{2})년(?:도)?(?:이랑|랑|하고|와|과|vs|대비|,)(?:20)?(?P<b>\d{2})년"
)


def _other_compared_year(compact: str, previous: Slots) -> int | None:
    """Of two years compared, the one not already in force, when the other one is the whole year in
    force; None otherwise (a comparison of two new years is read as said)."""
    match = _TWO_YEARS.search(compact)
    if match is None or not previous.period_from or not previous.period_to:
        return None
    years = [2000 + int(match.group("a")), 2000 + int(match.group("b"))]
    held = previous.period_from[:4]
    if previous.period_from[5:] != "01-01" or previous.period_to != f"{held}-12-31":
        return None
    if years[0] == years[1] or int(held) not in years:
        return None
    return years[1] if years[0] == int(held) else years[0]


# A year said by a word counted from today ("재작년", "last year") and a year said by its number.
_RELATIVE_YEAR = re.compile(r"올해|금년|재작년|작년|지난해|전년|thisyear|lastyear|theyearbefore")
_NUMBERED_YEAR = re.compile(r"(?<![\d.,])(?:20(?P<long>[12]\d)|'?(?P<short>[12]\d)년)(?!\d)")
# "22년부터 24년까지", "2021~2023", "between 2021 and 2023": a span of years said as one.
_YEAR_SPAN = re.compile(r"부터|까지|에서|사이|동안|[~∼〜-]|from|through|until|between|since")


def _explicit_year_said(norm: str, update: dict[str, Any]) -> dict[str, Any]:
    """ "재작년이랑 비교하면? 22년", "작년 거요 2023년 말이에요": a year counted from today and a year said by
    its number in one message are one year said twice — the number, the user's own precision, is it
    (not the span between the two); a span said as one ("22년부터 작년까지") stays a span."""
    compact = norm.replace(" ", "")
    start, end = update.get("period_from"), update.get("period_to")
    if not start or not end or start[:4] == end[:4] or _YEAR_SPAN.search(norm):
        return {}
    if not (_RELATIVE_YEAR.search(compact) and start[5:] == "01-01" and end[5:] == "12-31"):
        return {}
    years = {int("20" + (m["long"] or m["short"])) for m in _NUMBERED_YEAR.finditer(compact)}
    if len(years) != 1:
        return {}
    year = years.pop()
    if str(year) not in (start[:4], end[:4]):
        return {}
    return {"period_from": f"{year}-01-01", "period_to": f"{year}-12-31"}


def _part_of_previous_year(compact: str, previous: PreviousFrame) -> bool:
    """A half, quarter or months said without a year can only mean part of the year in force (or of
    the place's latest year of data)."""
    return bool(
        year_part_months(compact)
        and _year_in_force(previous.slots, previous.data_year) is not None
        and previous.intent in _LOOKED_UP
    )


def _act(
    norm: str,
    compact: str,
    intent: Intent,
    slots: Slots,
    strong_intent: bool,
    previous: PreviousFrame,
    today: date,
    outside_place: bool,
) -> Act:
    unnegated = strip_negated(norm).replace(" ", "")  # "아니 84 말고 59요 59" names 59 only
    said = _fragment_slots(unnegated, today, previous.slots, previous.data_year)
    named = _named(slots) | _named(Slots.model_validate(said))
    restated = "place" in named and not outside_place and same_place(slots, previous.slots)
    if restated:
        named.discard("place")  # "다시 옥수동 얘기로, 국평만 보면요?": restating the place changes nothing
    named |= {"place"} if outside_place else set()
    named |= {"period"} if _months_only(compact) else set()
    short = len(compact) <= FOLLOW_UP_MAX_CHARS
    weak = intent in (Intent.UNCLEAR, Intent.IRRELEVANT)
    opener = bool(_FOLLOW_START_KO.match(compact) or _FOLLOW_START_EN.match(norm)) and len(compact) > 3
    asks_back = short and (compact.endswith(("?", "？")) or bool(_FOLLOW_END_KO.search(compact)))
    renumbered = is_correction(norm) and bool(_FAMILY_NUMBER.search(unnegated))  # "아 2단지 말고 1단지"
    if previous.intent in (Intent.LOAN_CONSULT, Intent.ROI_CALCULATION) and _recalculates(norm, compact):
        return Act.FOLLOW_UP  # "취득세까지 감안해서 다시 계산 가능?": the same calculation again
    if weak and short and previous.intent in _LOOKED_UP and switches_to_apartments(norm):
        # "apartments then", "빌라는 안되면 아파트로요": the same question again, for apartments
        return Act.FOLLOW_UP
    if weak and not (named or _year_shift(norm, compact) or opener or asks_back or renumbered):
        return Act.NEW
    if short and not strong_intent and _part_of_previous_year(compact, previous):
        return Act.FOLLOW_UP  # "하계동 2분기": that quarter of the year in force, the rest as before
    if is_correction(norm) and (named or not strong_intent):
        return Act.CORRECTION
    if (
        _WHOLE_PLACE.search(compact)
        and previous.slots.complex
        and slots.sigungu_code == previous.slots.sigungu_code
    ):
        return (
            Act.FOLLOW_UP
        )  # "반포동 전체에서 50억 이상 몇 건": back out from the complex, the rest as before
    if _whole_question(norm, compact, intent, slots, said, strong_intent, outside_place, previous.intent):
        # "재작년 분당 전세 거래 몇건이었어요?" after a 1억 cap on 84㎡: a place, a deal or a period and an
        # ask of its own, no word pointing back: a question asked whole starts fresh
        return Act.NEW
    if intent is Intent.PRICE_EVALUATION and slots.complex and slots.asking_price_manwon is not None:
        # "선사현대 84 9억이면 비싼편?" right after a look at 선사현대: a judgement naming its home and its
        # price is asked whole, it starts fresh (no period or bound of the look before it)
        return Act.NEW
    if intent is Intent.PRICE_EVALUATION and previous.intent in _LOOKED_UP and "place" not in named:
        # "Would 4 billion be fair for that one?", "전세 12억 달라는데 괜찮나요": a judgement naming no home
        # is about the home just looked at, as looked at (its size and period)
        return Act.FOLLOW_UP
    if (
        previous.intent in _CALCULATIONS
        and changes_amount_only(slots)
        and (_CONDITIONAL.search(norm) or _IF_CHANGED.search(norm))
    ):
        return Act.FOLLOW_UP  # "집값을 7억으로 낮추면 월 상환액은?": the calculation again with that amount
    if (
        intent is Intent.LOAN_CONSULT
        and "place" not in named
        and _leans_for_price(compact, norm, named, previous)
    ):
        return Act.FOLLOW_UP  # "그 가격에 사면 대출은? 연봉 1억": the price (and home) of the last question
    if (
        intent in (Intent.LOAN_CONSULT, Intent.ROI_CALCULATION)
        and restated
        and slots.complex
        and previous.intent in _LOOKED_UP
    ):
        # "그라시움을 13억에 산다고 치면 … 대출": the complex just looked at, named again, with its size
        return Act.FOLLOW_UP
    if intent in (Intent.LOAN_CONSULT, Intent.ROI_CALCULATION) and _about_home_looked_at(
        intent, norm, compact, named, previous
    ):
        return Act.FOLLOW_UP  # "거기 15억에 사면 대출은? 연봉 9천", "매입가 15억에 월 350 받으면 수익률"
    if _WITHIN.search(compact) or _WITHIN_EN.search(norm) or _only_within(norm, slots, previous):
        return Act.FOLLOW_UP  # "트리마제는 그 중에 몇 건?", "래미안크레시티만 30평대": inside the last answer
    if _own_loan(intent, named, norm, compact, previous):
        return Act.NEW  # "그럼 연봉 팔천이고 13억짜리 사면 대출은?": 그럼 alone points at no home
    if _has_marker(norm, compact):
        if _SOFT_OPENER.match(compact) and strong_intent and intent is not previous.intent:
            return Act.NEW  # "근데 확정일자 받으면 언제부터 보호돼?": by the way, a question of its own
        return Act.FOLLOW_UP
    if (
        previous.intent is Intent.TERM_DEFINITION
        and intent is Intent.LEGAL_INQUIRY
        and _BARE_TERM.match(compact)
    ):
        return Act.FOLLOW_UP  # "깡통전세는?" right after a word was explained
    if weak and asks_back:
        return Act.FOLLOW_UP  # "LTV는?", "기간은 몇 년 더 늘어나?": only makes sense after the last turn
    if short and not strong_intent and _ALSO.search(compact):
        return Act.FOLLOW_UP
    if not strong_intent and named and (len(named) == 1 or "place" not in named):
        return Act.FOLLOW_UP  # "59는?", "마포구는?", "2023년 전세는?"
    if (
        not strong_intent
        and "place" in named
        and previous.intent in _LOOKED_UP
        and not _group_set(previous.slots, "place")
    ):
        return Act.FOLLOW_UP  # "분당이요. 예산은 4억5천이에요": filling in what the last question left open
    if (
        restated
        and intent in _DATA_INTENTS
        and previous.intent in _PRICED_TASKS
        and _group_set(previous.slots, "area")
    ):
        return Act.FOLLOW_UP  # "은마 2021년 거래량은" after a loan on 은마 84: the home, its size kept
    if intent is Intent.LEGAL_INQUIRY and short and previous.intent in _SEARCHED and _bounds_only(slots):
        return Act.FOLLOW_UP  # "보증금 1억까지 가능해요" after a 월세 search: a bound of it moved
    if intent is previous.intent and named and "place" not in named:
        return Act.FOLLOW_UP  # the same task with new values: "my annual income is 80 million won"
    if intent is previous.intent is Intent.CONTRACT_CREATION and "place" not in named:
        return Act.FOLLOW_UP  # "특약에 넣을 만한 것도 알려줘": more of the contract being drafted
    if _BACK_TO.match(compact) and previous.intent in _LOOKED_UP and intent in _DATA_INTENTS:
        return Act.FOLLOW_UP  # "아까 그 아파트 래대팰 말이야, 24년은?": back to a home, the rest as before
    if (
        intent in _DATA_INTENTS
        and "place" not in named
        and (
            previous.intent in _LOOKED_UP
            or (restated and previous.intent in _PRICED_TASKS)  # "은마 2021년 시세는" after a loan on 은마
        )
    ):
        # "9억 미만으로 잡으면 몇 건이에요?": the same place, other conditions changed; after a price
        # judgement "재작년 실거래는 얼마였어요?" asks about the same complex and size
        return Act.FOLLOW_UP
    if (
        short
        and named
        and len(named - {"place"}) <= 2
        and (_FOLLOW_END_KO.search(compact) or _asks_back_en(compact))
        and (weak or (intent in _DATA_INTENTS and previous.intent in _DATA_INTENTS))
    ):
        return Act.FOLLOW_UP  # "공덕동 59는요?", "백현동 84로만 보면요?": another place, the rest as before
    if short and strong_intent and named and _CONDITIONAL.search(norm) and "place" not in named:
        return Act.FOLLOW_UP  # "연봉 1억5천이면 얼마까지 돼?" right after a question about a complex
    same_task = strong_intent and intent is previous.intent and len(named) <= 1
    if short and same_task and _FOLLOW_END_KO.search(compact):
        return Act.FOLLOW_UP  # "마포구 시세는?" right after a 시세 question
    return Act.NEW


# An ask of the message's own: a request or question verb (Korean endings, English question words).
_OWN_ASK = re.compile(
    r"알려|보여|몇건|몇개|몇채|거래량|얼마|어때|어땠|어떤가|궁금|찾아|뽑아|정리해|조회|확인해|되나|될까|인가|나요|까요|"
    r"에요|예요|었어|였어|했어|[?？]|\b(?:show|tell|list|how (?:many|much)|what (?:is|was|were|are)|give|find)\b"
)
# Endings and words that only go on from the last turn: "…는요?", "…도", "…이면", "…만", 거기, 그 단지.
_GOES_ON_END = re.compile(r"(?:은|는|은요|는요|이요|도|도요|이면|라면|면|면요|만|만요)[?？]{0,3}$")
_POINTER_WORDS = re.compile(
    r"거기|그단지|그아파트|그집|그동네|그때|그해|같은|아까|방금|앞에서|이번엔|이번에는|대신"
)


def _whole_question(
    norm: str,
    compact: str,
    intent: Intent,
    slots: Slots,
    said: dict[str, Any],
    strong_intent: bool,
    outside_place: bool,
    previous: Intent,
) -> bool:
    """A data question stated whole after another data question: its place, deal type and period,
    asked with a verb of its own and nothing pointing back ("2019년 강동구 아파트 매매 거래량 알려주세요"
    after an 84㎡ look). It is read as written: no size, bound or rent cap of the turn before."""
    if intent not in _DATA_INTENTS or not strong_intent or previous not in _DATA_INTENTS:
        return False  # (a recommendation's budget is the user's money; a judged home keeps its size)
    if not (_group_set(slots, "place") or outside_place):
        return False
    own = _named(slots) | _named(Slots.model_validate(said))
    if not {"deal_type", "period"} <= own or not _OWN_ASK.search(compact + " " + norm):
        return False
    return not (
        _has_marker(norm, compact)
        or _GOES_ON_END.search(compact)
        or _POINTER_WORDS.search(compact)
        or _WITHIN.search(compact)
        or _WITHIN_EN.search(norm)
        or _ONLY_FIRST.match(norm)
        or _ALSO.search(compact)
        or _SAME_AS_BEFORE.search(compact)
    )


# Words that point back at the home or the deals of the last answer ("거기 사면", "그 집", "그중 하나",
# "같은 평형", "that one"); "그럼", "그리고" only go on talking.
_HOME_POINTER = re.compile(r"그거|그걸|그중|그동네|같은(?:단지|아파트|집|곳|데)")


def _own_loan(intent: Intent, named: set[str], norm: str, compact: str, previous: PreviousFrame) -> bool:
    """A loan question stating its own price and income that points at nothing said before is a loan
    of its own ("월급 800이면 22억짜리 대출 얼마나 돼?" after a price judgement, "그럼 연봉 팔천이고 13억짜리
    사면 대출은?" after a look at a complex), whatever opener it has."""
    if intent is not Intent.LOAN_CONSULT or previous.intent is intent or not {"income", "asking"} <= named:
        return False
    pointers = (_POINTER_KO, _HOME_POINTER, _SAME_AS_BEFORE, *_BACK_REFERENCES.values())
    if any(p.search(compact) for p in pointers):
        return False
    return not (_POINTER_EN.search(norm) or _PRICE_POINTER.search(norm) or _PRICE_LEVEL.search(norm))


# "7억으로 낮추면", "보증금을 올리면": an amount changed, said as a condition.
_IF_CHANGED = re.compile(r"(?:로|으로|을|를)?(?:낮추|내리|올리|줄이|늘리|바꾸|잡으|놓으|치)면(?![가-힣])")
# "그 가격에", "그 금액이면", "at that price": the price of the previous question, pointed at.
_PRICE_POINTER = re.compile(
    r"(?<![가-힣])(?:그|이|같은)\s?(?:가격|금액|값|돈)(?!대)|that price|same price|this price"
)  # matched on the text with spaces: "집이 가격이" is no pointer


# "그 가격대 사는데", "그 정도 집이면", "그런 집 사려면", "at that price level", "a place like that": the price
# in play (the asking price, the search's bound, or the level of the home just looked at), pointed at.
_PRICE_LEVEL = re.compile(
    r"(?<![가-힣])(?:그|이|같은|비슷한)\s?(?:가격대?|금액대?|값|시세|정도|수준|가격선)"
    r"|(?<![가-힣])(?:그런|그만한|그정도)\s?(?:집|아파트|단지|데|곳|매물)"
    r"|\bthat (?:price(?: range| level)?|much|kind of (?:price|money|home|place))\b"
    r"|\b(?:place|home|flat|apartment|unit)s? like (?:that|this|it)\b|\bat (?:that|this) (?:level|price)\b"
)


def points_at_price(text: str) -> bool:
    """The message points at the price in play rather than naming one ("그 가격대 사는데 대출은")."""
    return bool(_PRICE_LEVEL.search(normalize(text)))


def _leans_for_price(compact: str, norm: str, named: set[str], previous: PreviousFrame) -> bool:
    """A loan question that names no price of its own, or points at the previous one, takes the price
    (and the home) of a previous question that had one; one stating its own price and income without
    pointing back is a loan of its own ("월급 800이면 22억짜리 대출 얼마나 돼?")."""
    had_price = bool(previous.slots.asking_price_manwon or previous.slots.price_max_manwon)
    if not had_price or previous.intent is Intent.LOAN_CONSULT:
        return False
    pointed = bool(_PRICE_POINTER.search(norm) or _POINTER_KO.search(compact) or _PRICE_LEVEL.search(norm))
    return pointed or not named & {"asking", "price", "deposit"}


# "월세 상한 120으로", "보증금 하한은 1억으로", "가격 최대 12억까지": a search bound named by what it bounds.
_STATED_BOUND = re.compile(
    r"(?P<what>월세|월차임|임대료|보증금|전세금|전세가|매매가|가격|예산|금액|집값|면적|평수|크기)(?:의|는|은)?"
    r"(?P<side>상한선?|하한선?|최대치?|최소치?|한도|max(?:imum)?|min(?:imum)?)(?:을|를|은|는|이|가|도)?"
    r"(?P<amount>\d[\d.]{0,8}(?:억\d{0,4}천?|천|만원?|원|㎡|m2|평)?)"
    r"(?:으로|로|까지|선|에서|에)?(?:다시|바꿔|올려|내려|늘려|줄여|낮춰|높여|맞춰|조정|변경|수정|해)?[가-힣]{0,6}[?？!.~]{0,3}$"
)
_BOUND_LEAD = re.compile(r"^(?:그럼|그러면|아|음|네|그리고|이번엔|다시|그냥|그거)+")
_RENT_WORDS = ("월세", "월차임", "임대료")
_AREA_WORDS = ("면적", "평수", "크기")


def stated_bound(compact: str) -> dict[str, Any]:
    """The one search bound a short message sets by naming its kind and side ("월세 상한 120으로"),
    as slots; {} when the message is anything else (a question of law asks no amount: "월세 인상 상한은?")."""
    m = _STATED_BOUND.fullmatch(_BOUND_LEAD.sub("", compact))
    if m is None:
        return {}
    upper = m["side"].startswith(("상한", "최대", "한도", "max"))
    amount = m["amount"]
    if m["what"] in _AREA_WORDS:
        number = float(re.match(r"[\d.]+", amount).group())  # type: ignore[union-attr]
        value = round(number * PYEONG_M2, 2) if amount.endswith("평") else number
        return {"area_max_m2" if upper else "area_min_m2": value}
    money = parse_money(amount)
    value = money[0].manwon if money else float(re.match(r"[\d.]+", amount).group())  # type: ignore[union-attr]
    if m["what"] in _RENT_WORDS:
        return {"monthly_rent_max_manwon": int(value)} if upper else {}
    return {"price_max_manwon" if upper else "price_min_manwon": int(value)}


def _about_home_looked_at(
    intent: Intent, norm: str, compact: str, named: set[str], previous: PreviousFrame
) -> bool:
    """A loan or yield question naming no place of its own, right after a look at the data of a place:
    a loan question goes on with that home when it points at it ("거기 사면", "if I buy there"); a yield
    question with it whenever it names no place (a yield is always of a home, here the one discussed).
    A loan question stating its own price and income without pointing back stays a question of its own."""
    if "place" in named or previous.intent not in _LOOKED_UP or not _group_set(previous.slots, "place"):
        return False
    if intent is Intent.ROI_CALCULATION:
        return True
    return bool(_POINTER_KO.search(compact) or _POINTER_EN.search(norm) or _PRICE_LEVEL.search(norm))


_SEARCHED = (Intent.PROPERTY_SEARCH, Intent.MARKET_INQUIRY, Intent.PROPERTY_RECOMMENDATION)
# "다시 계산", "재계산", "감안해서 다시", "recalculate", "run the numbers again": the calculation redone.
_RECALC = re.compile(r"재계산|다시(?:한번)?계산|계산(?:을|도|좀)?다시|다시산출|다시산정|recalculat|recompute")
_RECALC_EN = re.compile(r"\b(?:calculate|compute|run)\b.{0,40}?\bagain\b|\bredo\b")


# "그 계산에 재산세도 포함돼요?", "수익률 계산할 때 세금도 들어가요?", "does that yield include taxes?": what
# the calculation just made takes in, asked about that calculation.
_IN_CALCULATION = re.compile(
    r"(?:계산|수익률|한도|상환액|이자)(?:에|엔|에는|할때|할때는|할때도|하실때|한거|된거|결과)?[가-힣]{0,8}?"
    r"(?:포함|들어가|들어간|들어있|반영|감안|고려|빠져|빠진|제외)"
)
_IN_CALCULATION_EN = re.compile(
    r"(?:yield|calculation|figure|limit|repayment|return)s?.{0,30}?(?:include|includes|included|account for|factor in|take into account)"
    r"|(?:include|included|account for|factor in).{0,30}?(?:yield|calculation|limit|repayment|return)s?"
)


def _recalculates(norm: str, compact: str) -> bool:
    return bool(
        _RECALC.search(compact)
        or _RECALC_EN.search(norm)
        or _IN_CALCULATION.search(compact)
        or _IN_CALCULATION_EN.search(norm)
    )


def _bounds_only(slots: Slots) -> bool:
    """The message states only bounds of a search (a price, a rent cap, a size, a period), no law."""
    named = _named(slots)
    return bool(named) and named <= {"price", "monthly_cap", "area", "period"}


# A member of a numbered family named by its number ("1단지", "2차"); the planning node finds which.
_FAMILY_NUMBER = re.compile(r"\d{1,2}(?:단지|차)")
# "아까 그 아파트 …", "앞에서 말한 단지": a home of the conversation pointed back at.
_BACK_TO = re.compile(r"^(?:아까|앞에서|앞서|방금)(?:그|말한|본|봤던|얘기한|물어본)")
# Words that point inside the previous answer wherever they stand: "트리마제는 그 중에 몇 건?".
_WITHIN = re.compile(r"그중|그가운데|이중에|그안에서|그결과에서|거기서만|여기서만|둘중")
_WITHIN_EN = re.compile(r"\b(?:among (?:them|those)|of (?:them|those)|out of (?:them|those))\b")
# A first word ending in 만 ("래미안크레시티만 30평대", "백현동만 보면"), or its deals only ("중계그린1단지
# 거래만 보여줘", "상계주공7 매물만요"): the place it names, only (a name may hold a number, never start with one).
_ONLY_FIRST = re.compile(r"^[^\s\d]\S+?(?:\s?(?:거래|실거래|매물|거래내역|것|거|꺼|건))?만(?:\s|요|$)")


def _only_within(norm: str, slots: Slots, previous: PreviousFrame) -> bool:
    """ "X만 …" right after a data question about the 구 that holds X narrows that question to X."""
    return bool(
        _ONLY_FIRST.match(norm)
        and previous.intent in _LOOKED_UP
        and (slots.complex or slots.dong)
        and slots.sigungu_code
        and slots.sigungu_code == previous.slots.sigungu_code
    )


# The home just talked about, pointed at: "그 단지 20억이면", "for that one".
_POINTER_KO = re.compile(r"그(?:아파트|단지|집|매물)|거기|이(?:아파트|단지|집)(?!주인)|여기")
_POINTER_EN = re.compile(
    r"\b(?:that|this|the same) (?:one|apartment|complex|unit|place|flat|home|house)\b"
    r"|\b(?:buy|buying|bought|purchase|purchasing|get|getting|live|living|move) (?:in |into )?(?:there|it|one there)\b"
    r"|\b(?:in|at) (?:that|this) (?:complex|apartment|building|place|area|neighbou?rhood)\b"
)


def points_at_home(text: str) -> bool:
    """ "그 집 8억에 샀고…", "거기 사면", "for that apartment": the message points at the home talked about."""
    norm = normalize(text)
    return bool(_POINTER_KO.search(norm.replace(" ", "")) or _POINTER_EN.search(norm))


# "반포동 전체에서", "동네 전체로": the whole place around the complex asked about before.
_WHOLE_PLACE = re.compile(r"[동구네]전체(?:에서|로|는|를|도|$)|[동구]전부(?:에서|로|는|를|도|$)")
# "조건 없이 24년 전체", "필터 다 빼고": the previous frame's conditions (price, size, rent, rooms) go.
_NO_CONDITIONS = re.compile(
    r"조건(?:없이|다?빼고|다?풀고|해제|없는|은?상관없이)|필터(?:없이|다?빼고|해제)"
    r"|(?:기간|해|연도|년도)(?:거래)?전체(?:로|를|다|는|요)?(?:보여줘|봐줘)?[?？]?$"  # "같은 기간 전체"
    r"|without (?:any |the )?(?:conditions|filters)|no filters?"
)
# Words naming the price part of a question with several parts (even negated: "매매가 말고 전세").
_PRICE_PART = re.compile(r"매매가|전세가(?!율)|월세가|시세|실거래|거래가|집값|price|prices")
_CONDITION_GROUPS = ("price", "area", "monthly_cap", "rooms")
# What narrows the data part of a two-part question without touching its legal part.
_NARROWING = frozenset({"period", *_CONDITION_GROUPS})
# "보증금 조건은 빼고", "평수 조건은 빼줘", "가격 제한 없이", "면적 상관없이", "4억 미만 조건 없애고":
# one condition named by its kind (or by its bound) and taken away; the rest of the frame stays.
_KIND_WORDS: dict[str, str] = {
    "price": r"가격대?|금액|예산|매매가|전세가|전세금|보증금|집값|\d[\d.]{0,6}억[\d천만]{0,6}(?:원)?(?:이하|미만|이상|초과|넘는|까지|부터)?"
    r"|\d[\d,]{0,6}만원?(?:이하|미만|이상|초과|까지|부터)?|price|budget|deposit",
    "area": r"평수|평형|면적|크기|사이즈|넓이|\d{2,3}(?:평|㎡|m2)(?:대)?(?:이하|미만|이상|초과|까지|부터)?|size|area",
    "monthly_cap": r"월세(?:액|상한)?|임대료|월차임|rent",
    "period": r"기간|연도|년도|날짜|시기|period|dates?|years?",
}
_DROP_VERB = (
    r"(?:조건|제한|필터|기준|상한|하한|범위|limit|filter|condition)?(?:은|는|도|을|를|이|가)?"
    r"(?:빼|없애|없앤|지워|지우|제외|풀어|풀고|해제|없이|상관없|관계없|무관|안따지|신경안|무시"
    r"|removed?|drop|ignored?|without|nolimit)"
)
_DROP_KIND = {group: re.compile(rf"(?:{words}){_DROP_VERB}") for group, words in _KIND_WORDS.items()}
# English word order: "without the size limit", "drop the price filter", "ignore the area".
_DROP_KIND_EN = {
    group: re.compile(rf"\b(?:without|drop|remove|ignore|no)\s+(?:the\s+|any\s+)?(?:{words})\b")
    for group, words in _KIND_WORDS.items()
}
# The clause that drops a bound stated with its number ("4억 미만 조건 없애고"): the NLU must not read it.
_DROP_CLAUSE = re.compile(
    r"(?<!\S)\d[\d.,]{0,6}\s?(?:억[\d천만]{0,6}\s?원?|만\s?원?|평대?|㎡|m2)\s?(?:이하|미만|이상|초과|까지|부터)?\s?"
    r"(?:조건|제한|필터|기준)\s?(?:은|는|도|을|를)?\s?(?:빼|없애|지워|지우|제외|풀어|풀고|해제)[가-힣]{0,4}"
)


def dropped_groups(text: str) -> set[str]:
    """The condition groups a message takes away by naming their kind or bound."""
    norm = normalize(text)
    compact = norm.replace(" ", "")
    return {
        group
        for group in _KIND_WORDS
        if _DROP_KIND[group].search(compact) or _DROP_KIND_EN[group].search(norm)
    }


def _follow_up_intent(
    intent: Intent, strong: bool, weak_cue: bool, previous: Intent, compact: str, conditions: bool = False
) -> Intent:
    """A follow-up keeps the previous task unless it names another one with a cue of its own ("그럼
    대출은?"); "그 중에 제일 싼 곳은?" ranks what was asked and keeps its task, and "…만 보여줘" narrows it."""
    if previous in (Intent.LEGAL_INQUIRY, Intent.TERM_DEFINITION) and _ARTICLE_ASK.search(compact):
        return Intent.LEGAL_INQUIRY  # "그거 몇조에 나와있어요": where the rule just told is written
    if previous is Intent.TERM_DEFINITION and not strong and _PROCEDURE_ASK.search(compact):
        return Intent.LEGAL_INQUIRY
    if previous is Intent.TERM_DEFINITION and intent is Intent.LEGAL_INQUIRY and _BARE_TERM.match(compact):
        return previous  # "갭투자가 뭐예요?" then "깡통전세는?": another word to explain
    if (
        _EITHER.search(compact)
        and _PREFERENCE.search(compact)
        and previous in _LOOKED_UP
        and intent not in _NOT_DATA
    ):
        return Intent.PROPERTY_RECOMMENDATION  # "둘 중에 어디가 나을까요": a choice between the places asked
    if (
        previous is Intent.PRICE_EVALUATION
        and intent in _DATA_INTENTS
        and _COMPARED.search(compact)
        and not _FIGURE_NAMED.search(compact)
    ):
        return previous  # "작년 실거래랑 비교해서 봐주세요": the judgement, measured against those deals
    if (
        previous in (Intent.PRICE_EVALUATION, Intent.COMPREHENSIVE)
        and _DEALS_ASK.search(compact)
        and not _COMPARED.search(compact)
    ):
        # "2024년 거래만 따로 보여줘", "what were the 2024 deals like?" after a judgement: the deals themselves
        if intent in (Intent.UNCLEAR, Intent.IRRELEVANT):
            return Intent.PROPERTY_SEARCH if _LISTING_ASK.search(compact) else Intent.MARKET_INQUIRY
        if intent in _DATA_INTENTS and weak_cue:
            return intent
    if (
        previous is Intent.PROPERTY_SEARCH
        and (intent in (Intent.UNCLEAR, Intent.IRRELEVANT) or (intent in _DATA_INTENTS and not strong))
        and _COMPARED.search(compact)
        and not _LISTING_ASK.search(compact)
    ):
        return Intent.MARKET_INQUIRY  # "22년이랑 비교하면 어때요" after a list: figures set side by side
    if (
        intent in (Intent.PROPERTY_SEARCH, Intent.MARKET_INQUIRY, Intent.UNCLEAR, Intent.IRRELEVANT)
        and previous in _DATA_INTENTS
        and _LIST_FORM.search(compact)
    ):
        return Intent.PROPERTY_SEARCH  # "그중에 제일 비싼건 얼마였는지 리스트로 보여줘": the answer as a list
    if intent in (Intent.UNCLEAR, Intent.IRRELEVANT):
        return previous
    if previous is Intent.COMPREHENSIVE and intent in _DATA_INTENTS and weak_cue:
        return intent  # "광장동 59는 얼마였어요?" after "시세랑 대항력 요건도": the data part goes on
    if intent in _DATA_INTENTS and previous in _DATA_INTENTS and _COUNT_ASK.search(compact):
        # "몇 건이나 돼?" of the deals just listed is a statistic; "9억 미만으로 잡으면 몇 건이에요?"
        # changes a condition of the search and asks it again
        # (a count of a part named, "9억 넘는 건 몇 건이었는데", is a figure of the deals in force)
        return previous if conditions and _REDONE.search(compact) else Intent.MARKET_INQUIRY
    if intent in _DATA_INTENTS and previous in _DATA_INTENTS and _SUPERLATIVE.search(compact):
        return previous
    if (
        intent is Intent.PROPERTY_SEARCH
        and previous is Intent.MARKET_INQUIRY
        and _NUMBERS_ASK.search(compact)
        and not _LISTING_ASK.search(compact)
    ):
        return previous  # "show me the 2024 numbers then": the figures of another year, not a list
    if strong:
        return intent
    if (
        weak_cue
        and intent in _DATA_INTENTS
        and previous is Intent.CONTRACT_CREATION
        and (_MARKET_LOOKUP.search(compact) or _DEALS_ASK.search(compact) or _FIGURE_ASK.search(compact))
    ):
        # "근데 시범한양 요즘 전세 거래는 어떻게 돼요" after a draft: the market asked, not the draft again
        return intent
    if (
        weak_cue
        and intent in _DATA_INTENTS
        and (previous in _DATA_INTENTS or previous is Intent.PROPERTY_RECOMMENDATION)
    ):
        # "7억 이하로 거래된 것도 있어요?" asks for deals, "몇 건이에요?" for a figure; a bare condition
        # ("보증금 1억 이하인 것만", "전세로 바꿔서 보여줘") keeps the task it narrows.
        asks = _LISTING_ASK if intent is Intent.PROPERTY_SEARCH else _FIGURE_ASK
        if previous is Intent.MARKET_INQUIRY and _DATA_OF_PERIOD.search(compact):
            return previous  # "그럼 분당은 작년 거 있어요?": whether the data of that year is there
        if asks.search(compact):
            return intent
    if (
        weak_cue
        and intent is Intent.PROPERTY_SEARCH
        and previous in _CALCULATIONS
        and _LISTING_ASK.search(compact)
    ):
        return intent  # after a loan question, "그럼 마포구에서 7억 이하 매매된 거 보여주세요" lists deals
    if intent in _DATA_INTENTS and previous in _CALCULATIONS and _MARKET_LOOKUP.search(compact):
        # after a yield question, "거기 월세는 요즘 실제로 얼마씩 받아요?", "84 실제 월세 최근 6개월치"
        # ask the market
        return intent
    return previous


# "몇조에 나와있어요", "근거 조항이 뭐예요", "어느 법 조문이에요", "which article says that": where a rule is
# written, asked after a question of law.
_ARTICLE_ASK = re.compile(
    r"몇조|몇번째조|무슨조|어느조|어떤조|조항|조문|법조항|근거(?:법|가|는|가뭐|좀)|법적근거|무슨법|어느법|어떤법"
    r"|which(?:article|section|law|statute)|whatarticle|whatsection|whatlaw|legalbasis|wherein(?:the)?law"
)


# Whether a home would sell at a price said: "팔릴만 한가요", "나갈까요", "안 팔리겠죠?", "would it sell".
_SELLS_AT = re.compile(
    r"팔릴(?:만|까|지|것|거|수)|팔리겠|팔리나|팔릴려나|나갈(?:까|만|지|수)|나가겠|나가려나|거래될(?:까|만|지)|"
    r"would(?:it|that)(?:sell|go)|willitsell|canisellit|sellable"
)
# "작년 거 있어요?", "23년 것도 있나요", "올해 꺼는 있어?": whether a period's data is there.
_DATA_OF_PERIOD = re.compile(
    r"(?:년|해|년도|연도|반기|분기|월|달)(?:거|것|꺼|껀|자료|데이터)(?:도|은|는|이|가)?(?:있|나와|확인)"
)
# "9억 미만으로 잡으면", "7억으로 바꾸면", "if I set it to": a search's condition set again, hypothetically.
_REDONE = re.compile(
    r"(?:로하면|로해서|로해도|잡으면|잡아서|잡고|바꾸면|바꿔서|늘리면|줄이면|낮추면|올리면|조정하면|설정하면|ifiset|ifwe|ifyouset|ifichange)"
)


# The form of a list asked for: "리스트로", "목록으로", "표로 정리", "as a list".
_LIST_FORM = re.compile(r"(?<!체크)리스트|목록|표로|aslist|alist|list(?:them|those|it)")


# A word said alone with a topic particle ("깡통전세는?", "DSR은요?"): after an explanation, the next word.
_BARE_TERM = re.compile(r"^(?:그럼|그러면|그리고)?[가-힣a-z]{2,12}?(?:은|는|은요|는요|도|도요)[?？]{0,3}$")
# "둘 중에 어디가 나아요", "which of the two": a choice between the places just asked about.
_EITHER = re.compile(r"둘중|두곳중|두군데중|두단지중|어느쪽|which (?:one|of the two)|between the two")
# ... asked as a preference ("어디가 나을까요", "which is better"), not a figure ("어느 쪽이 더 비싸요?").
_PREFERENCE = re.compile(r"나을|나아|낫|좋을|좋아|좋은|추천|괜찮|살기|살만|better|recommend|prefer|should")
_NOT_DATA = (Intent.LEGAL_INQUIRY, Intent.TERM_DEFINITION, Intent.CONTRACT_CREATION, Intent.LOAN_CONSULT)
# "정자동이랑 수내동 중에는요?": two places named to choose between; the choice is made in their 구.
_TWO_PLACES_AMONG = re.compile(
    r"[가-힣]{1,8}[동구](?:이랑|랑|하고|과|와|및|,)\s?[가-힣]{1,8}[동구]\s?(?:중|가운데|둘중)"
)
# Words asking for the deals rather than a judgement of a price; "…거래랑 비교하면", "…기준으로 봐줘"
# still ask for the judgement, measured against those deals.
_DEALS_ASK = re.compile(r"거래|몇건|deals?|transactions?|sales|how many")
_COMPARED = re.compile(r"비교|기준|대비|compar|against|relative")
# "24년 실거래 기준 중위랑 최고가 얼마였는데": figures asked for, with 기준 naming their period only.
_FIGURE_NAMED = re.compile(r"중위|중간값|최고가|최저가|평균|몇건|거래량|median|highest|lowest|average")
_NUMBERS_ASK = re.compile(r"numbers|figures|stats|statistics|수치|숫자|통계")


# "아까 그거 59로 다시 보여줘요", "앞에 거 작년으로 다시": a change to an earlier data question.
_POINTS_BACK = re.compile(r"아까|방금|앞에|앞서|전에|그거|그걸|그때|earlier|before|that one")
_SHOW_AGAIN = re.compile(r"다시|보여|봐줘|봐주|알려|뽑아|again|show")


def returns_to_data(text: str, today: date) -> bool:
    """A message that points back past a side question at the last data question and changes one of
    its conditions (a size, a year): it continues that question, whatever came in between."""
    compact = normalize(text).replace(" ", "")
    return bool(
        _POINTS_BACK.search(compact)
        and _SHOW_AGAIN.search(compact)
        and _fragment_slots(strip_negated(normalize(text)).replace(" ", ""), today)
    )


# "데이터 있는 마지막 달", "자료 있는 최신 달", "가장 최근 달 걸로", "the latest month you have": the last
# month (or year) of the place's data, asked for after a period the data does not reach.
_LATEST_MONTH = re.compile(
    r"(?:데이터|자료|통계|집계)(?:가|상|로)?(?:있는|나와있는|나온|되는|확인되는|잡히는)?(?:것중|거중|중에?)?"
    r"(?:마지막|최신|가장최근|제일최근|최근)(?:한)?(?P<ko>달|월|개월|해|연도|년도|년)"
    r"|(?:있는|나와있는|나온)(?:것중|거중|중에?|데까지|데서)?(?:마지막|최신|가장최근|제일최근)(?:한)?(?P<ko2>달|월|개월|해|연도|년도|년)"
    r"|(?:최신|가장최근|제일최근)(?:한)?(?P<ko3>달|월|개월|해|연도|년도)(?:로|으로|걸로|거로|것으로|기준|꺼|거|만|치|데이터|자료)"
    r"|(?:latest|mostrecent|lastavailable|newest)(?P<en>month|year)"
    r"|(?:last|final)(?P<en2>month|year)(?:youhave|available|inthedata|ofdata|withdata|ofthedata)"
)


def _latest_data_months(compact: str) -> int | None:
    m = _LATEST_MONTH.search(compact)
    if m is None:
        return None
    unit = m["ko"] or m["ko2"] or m["ko3"] or m["en"] or m["en2"]
    return 12 if unit in ("해", "연도", "년도", "년", "year") else 1


def _months_only(compact: str) -> int | None:
    if _NOW_ONLY.fullmatch(compact):
        return RECENT_MONTHS_DEFAULT  # "지금은?": the place's latest data, as "요즘" reads
    m = _MONTHS_ONLY.fullmatch(_FRAGMENT_TAIL.sub("", compact))
    return int(m["n"]) if m and 0 < int(m["n"]) <= 60 else None


# "지금은?", "현재는요?", "now?": the same question for the latest data (a bare "지금" elsewhere — "지금 16억에
# 나온 거" — is the time of an offer, not a period).
_NOW_ONLY = re.compile(
    r"(?:그럼|그러면|근데)?(?:지금|현재|요즘|최근)(?:은|는|은요|는요|시세는|은어때|은어때요|은얼마)?[?？]{0,3}"
    r"|(?:and|whatabout|howabout)?(?:now|currently|today)[?？]{0,3}"
)


_FRAGMENT_TAIL = re.compile(
    r"(?:늘려줘|줄여줘|바꿔줘|보여줘|봐줘|해줘|늘려서|줄여서|바꿔서|해서|로|으로|만)?[?？!.]{0,3}$"
)


def _year_shift(norm: str, compact: str) -> int:
    if _YEAR_BEFORE.search(compact) or _YEAR_BEFORE.search(norm):
        return -1
    if _YEAR_AFTER.search(compact) or _YEAR_AFTER.search(norm):
        return 1
    return 0


def _group_set(slots: Slots, group: str) -> bool:
    return any(getattr(slots, n) is not None for n in GROUPS[group])


# ---------------------------------------------------------------------------------------------
# saying what was carried, in plain Korean


def describe(slots: Slots, groups: tuple[str, ...], *, english: bool = False) -> str:
    """'2024년, 84㎡, 매매' for the carried groups — the words a user would use, never slot names."""
    words = _PHRASES_EN if english else _PHRASES_KO
    parts = [text for g in groups if (text := _describe_group(slots, g, words, english))]
    return ", ".join(parts)


# The words of a carried condition in each language; amounts keep their Korean units (README, English).
_PHRASES_KO = {
    "at_most": "{} 이하", "at_least": "{} 이상", "year": "{}년", "since": "{} 이후", "until": "{}까지",
    "monthly_cap": "월세 {}만원 이하", "asking": "가격 {}", "income": "연소득 {}", "deposit": "보증금 {}",
    "monthly": "월세 {}만원", "rooms": "방 {}개", "debt_payment": "기존 대출 상환 연 {}",
    "debt": "기존 대출 {}", "first_home": "생애최초 구입", "years": "{}년", "months": "{}개월", "starting": "{} 시작",
}  # fmt: skip
_PHRASES_EN = {
    "at_most": "up to {}", "at_least": "from {}", "year": "{}", "since": "from {}", "until": "to {}",
    "monthly_cap": "rent up to {}만원", "asking": "price {}", "income": "income {} a year",
    "deposit": "deposit {}", "monthly": "rent {}만원 a month", "rooms": "{} rooms",
    "debt_payment": "existing repayments {} a year", "debt": "existing debt {}",
    "first_home": "first home", "years": "{} years",
    "months": "{} months", "starting": "starting {}",
}  # fmt: skip


def _bounds(low: str | None, high: str | None, words: dict[str, str]) -> str | None:
    if low is not None and high is not None:
        return f"{low}~{high}"
    if high is not None:
        return words["at_most"].format(high)
    return words["at_least"].format(low) if low is not None else None


def _describe_group(slots: Slots, group: str, words: dict[str, str], english: bool) -> str | None:
    def said(key: str, value: object) -> str | None:
        return words[key].format(value) if value else None

    match group:
        case "place":
            return " ".join(p for p in (slots.sigungu, slots.dong, slots.complex) if p) or None
        case "deal_type":
            return DEAL_EN.get(slots.deal_type or "", slots.deal_type) if english else slots.deal_type
        case "price":
            low, high = slots.price_min_manwon, slots.price_max_manwon
            return _bounds(won(low) if low else None, won(high) if high else None, words)
        case "area":
            low, high = slots.area_min_m2, slots.area_max_m2
            if low is not None and high is not None and round(high - low, 2) == 6.0:
                return f"{(low + high) / 2:g}㎡"  # one stated size's band
            return _bounds(
                None if low is None else f"{low:g}㎡", None if high is None else f"{high:g}㎡", words
            )
        case "period":
            return _describe_period(slots.period_from, slots.period_to, words)
        case "monthly_cap":
            return said("monthly_cap", slots.monthly_rent_max_manwon)
        case "asking":
            return said("asking", slots.asking_price_manwon and won(slots.asking_price_manwon))
        case "income":
            return said("income", slots.annual_income_manwon and won(slots.annual_income_manwon))
        case "deposit":
            return said("deposit", slots.deposit_manwon and won(slots.deposit_manwon))
        case "monthly":
            return said("monthly", slots.monthly_rent_manwon)
        case "rooms":
            return said("rooms", slots.rooms)
        case "debt":
            if slots.existing_debt_payment_manwon:
                return said("debt_payment", won(slots.existing_debt_payment_manwon))
            return said("debt", slots.existing_debt_manwon and won(slots.existing_debt_manwon))
        case "first_home":
            return words["first_home"] if slots.first_home else None
        case "term":
            months = slots.term_months
            if not months:
                return None
            return said("years", months // 12) if months % 12 == 0 else said("months", months)
        case "contract":
            parts = (slots.address, said("starting", slots.start_date))
            return " ".join(p for p in parts if p) or None
        case "law":
            return " ".join(
                p for p in (slots.law_name, f"제{slots.article}조" if slots.article else None) if p
            )
    return None


def _describe_period(start: str | None, end: str | None, words: dict[str, str] = _PHRASES_KO) -> str | None:
    def month(iso: str) -> str:
        return iso[:7].replace("-", ".")

    if start and end and start.endswith("-01-01") and end.endswith("-12-31") and start[:4] == end[:4]:
        return words["year"].format(start[:4])
    if start and end:
        return f"{month(start)}~{month(end)}"
    if start:
        return words["since"].format(month(start))
    return words["until"].format(month(end)) if end else None


def carried_note(frame: Frame, *, english: bool = False) -> str | None:
    """The one sentence that tells the user which conditions of the previous question still apply."""
    if not frame.carried:
        return None
    text = describe(frame.slots, frame.carried, english=english)
    if not text:
        return None
    return (
        f"I kept the conditions of your previous question ({text})."
        if english
        else f"앞 질문의 조건({text})을 이어서 봤어요."
    )


# ---------------------------------------------------------------------------------------------
# replies to a pending question

PendingKind = Literal["clarify", "contract_approval"]
# A reply that asks to change a contract draft (not a new question, not an approval).
EDIT_REQUEST = re.compile(
    r"추가|넣어|빼|삭제|수정|바꿔|고쳐|변경|특약|조항|말고|대신|\badd\b|\bremove\b|\bchange\b", re.IGNORECASE
)


# Words that ask what the law says rather than ask for a change: "법적으로", "어떻게 돼요?", "맞죠?".
_LAW_QUESTION = re.compile(
    r"법적으로|법상|법률상|법에서|법으로(?:는|정해)|어떻게(?:돼|되)|맞죠|맞나요|맞아요|맞는지|해야(?:돼|되|하나|할까|하는지)"
    r"|어디까지|받을수있|돌려받|되나요|되는건가|가능한가|가능한지|is it legal|do i have to|what happens"
)
# "… 조항 추가해줘": an order to change the draft, whatever reason it gives.
_EDIT_ORDER = re.compile(
    r"(?:추가|넣어|빼|삭제|수정|바꿔|고쳐|변경)(?:해)?(?:줘|주세요|줄래|주실래|달라)[.!~]{0,3}$"
)
_ASKS_FIGURE = re.compile(r"얼마|몇건|몇개|시세|평균|중위|중간값|how much|how many")
# While a draft waits, a question about what to put in it ("특약에 뭐 넣어야 돼?", "집주인이 잔금날 대출
# 받으면 어떡해", "특약은 어떻게 써요?") asks; a change names what to add ("반려동물 특약 추가해줘").
_ASKS_WORD = re.compile(
    r"뭐|뭘|무엇|무슨|어떤|어떡|어떻게|어쩌|어째|왜|좋을까|좋을지|좋은지|할까|될까|해야(?:돼|되|하나|할|하는)"
    r"|\b(?:what|how|which|should i|should we|do i need)\b"
)
# "?" alone asks only in a message that names no value and no change ("보증금 3억5천으로?" is an edit).
_CHANGE_VERB = re.compile(
    r"\d|추가|넣|빼|삭제|수정|바꾸|바꿔|바꿀|고쳐|고치|변경|\badd\b|\bremove\b|\bchange\b"
)
# An order or a polite request to change the draft, wherever it stands ("특약 넣어 주세요", "추가해줄래?",
# "빼도 돼?", "can you add …"), which no question word turns into a question.
_CHANGE_ASKED = re.compile(
    r"(?:추가|넣어|빼|삭제|수정|바꿔|고쳐|변경|써|적어)(?:해)?(?:줘(?![야서도])|주세요|줄래|주실래|주시겠|줄수있|주라)"
    r"|(?:추가|넣어|빼|삭제|수정|바꿔|고쳐|변경)(?:해)?도(?:돼|되|될|괜찮)"
    r"|\b(?:can|could|would|will) you (?:please )?(?:add|remove|change|put|include|drop)\b"
    r"|^(?:please )?(?:add|remove|change|put|include|drop)\b",
    re.IGNORECASE,
)

# The draft asked for again with what was just said ("월세 80으로 깎아준대요 그걸로 다시 정리해주세요",
# "내려준대요 반영해 주세요"): an edit of the waiting draft, never a question of its own.
_REDO_DRAFT = re.compile(
    r"다시(?:정리|작성|만들|써|짜|뽑)|반영(?:해|좀|부탁)"
    r"|(?:그걸로|그것으로|이걸로|그렇게|그금액으로)(?:다시|바꿔|고쳐|수정|정리|작성|해줘|해주세요)"
)


def asks_about_draft(text: str) -> bool:
    """A message sent while a contract draft waits that asks (what to put in it, what happens if …)
    rather than orders a change: answered as a question, the draft left as it was."""
    norm = normalize(text)
    compact = norm.replace(" ", "")
    if _CHANGE_ASKED.search(compact) or _CHANGE_ASKED.search(norm) or _REDO_DRAFT.search(compact):
        return False
    if _ASKS_WORD.search(compact) or _ASKS_WORD.search(norm):
        return True
    return bool(re.search(r"[?？]", compact)) and not _CHANGE_VERB.search(norm)


# "…이랑 비교하면?", "compared with 2023?": a comparison of figures, which no draft field takes.
_COMPARES_DATA = re.compile(r"비교|대비|compar")
# Words only a change of the draft uses (a data question also says 말고, 대신, 바꿔).
_DRAFT_EDIT = re.compile(r"추가|넣어|빼줘|삭제|수정|고쳐|특약|조항|계약서|초안|draft|clause", re.IGNORECASE)


# A draft asked for as one more ("체크리스트도 하나", "계약서 하나 더", "새로 하나", "another checklist").
_ANOTHER_DRAFT = re.compile(
    r"(?:체크리스트|계약서|초안)(?:도|하나더|를하나더|도하나|새로|따로|별도)|(?:하나더|새로하나|따로하나|별도로하나)"
    r"|\b(?:another|a new|a second|a separate) (?:draft|checklist|contract)\b|\b(?:checklist|contract) too\b"
)


def reply_text(reply: Any) -> str:
    """The user's words in a resume value (`{"action", "feedback"}` or a bare string)."""
    if isinstance(reply, dict):
        return str(reply.get("feedback") or "")
    return str(reply or "")


def is_new_question(
    text: str, intent: Intent, *, strong_intent: bool, pending: PendingKind, pending_intent: Intent | None
) -> bool:
    """Whether a message sent while the assistant waits is a new question rather than the answer.

    The rule every surface shares (the reply arrives as the resume value of the paused node): a
    message that names a task of its own with a cue (시세, 대출, 추천, a legal cue …) is a new
    question — unless, for a clarifying question, it is the same task restated with what was
    missing, or, for a contract draft, it asks to change the draft. Bare values ("송파구", "연봉
    8천", "승인", "특약에 … 추가") are answers.
    """
    norm = normalize(text)
    compact = norm.replace(" ", "")
    if pending == "contract_approval" and _COMPARES_DATA.search(compact) and not EDIT_REQUEST.search(compact):
        return True  # "2024년이랑 비교하면?" while a draft waits: the data answer compared, not an edit
    if pending == "contract_approval" and _REDO_DRAFT.search(compact):
        return False  # "아 월세 80으로 깎아준대요 그걸로 다시 정리해주세요": the draft again, with that
    if (
        pending == "contract_approval"
        and closes(text, intent, Slots(), strong=strong_intent)
        and not EDIT_REQUEST.search(compact)
    ):
        # "고마워요~", "thanks!" while a draft waits: a closing remark changes nothing in the draft; it is
        # answered as a turn of its own (UNCLEAR, no slots) and the draft keeps waiting
        return True
    if pending == "contract_approval" and asks_about_draft(text):
        # "특약에 뭐 넣어야 돼? 집주인이 잔금날 대출 받으면 어떡해": a question, not a clause to add
        return True
    if intent in (Intent.UNCLEAR, Intent.IRRELEVANT):
        return False
    if pending == "contract_approval" and intent in _DATA_INTENTS and _ASKS_FIGURE.search(compact):
        # "분당 금곡동 월세는 요즘 얼마쯤 해요?" while a draft waits: a question about the data, not an edit;
        # asked firmly, a change of its own words ("월세 말고 전세 시세는 얼마예요?") is still a data question
        edit = _DRAFT_EDIT if strong_intent else EDIT_REQUEST
        return not edit.search(compact)
    if not strong_intent:
        return False
    if (
        pending == "contract_approval"
        and intent is Intent.LEGAL_INQUIRY
        and _LAW_QUESTION.search(compact)
        and not _EDIT_ORDER.search(compact)
    ):
        # "특약에 원상복구 넣고 싶은데 법적으로 어디까지 해야 돼?": a question of law asked while the draft
        # waits is answered (the draft stays pending), even when it names the clause it has in mind
        return True
    if pending == "contract_approval" and intent is Intent.CONTRACT_CREATION:
        # "전세 계약할 때 체크리스트도 하나 뽑아주세요" while a 월세 draft waits: another draft asked for,
        # drafted as a turn of its own (it supersedes the waiting one); "전세로 바꿔줘" edits the draft
        return bool(
            _ANOTHER_DRAFT.search(compact) or _ANOTHER_DRAFT.search(norm)
        ) and not EDIT_REQUEST.search(compact)
    if pending == "contract_approval":
        return not EDIT_REQUEST.search(compact)
    return intent is not pending_intent
