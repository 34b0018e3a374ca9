"""Money, area, room-count and period expressions in Korean (and English) chat text.

Everything here is pure and offline. Parsers work on text already passed through `normalize`
and return mentions with character spans, so the caller can mask what one parser consumed
before the next one runs (a price like "3억2000" must not also be read as the year 2000).

Conventions (the golden tests assert them):
- Money is an `int` number of 만원. "5억 5천" = 55000, "3억5000" = 35000, "2.5억" = 25000,
  "8천" = 8000, "5천만원" = 5000, "1 billion won" = 100000, "500 million" = 50000.
  Zero, negative and absurd amounts (over 1000억) are dropped, never clamped.
- Area is ㎡. One stated size v stands for the band [v - 3, v + 3] because MOLIT areas such as
  84.97 and 84.43 are all "84" to a buyer; 평 is converted with `PYEONG_M2` and rounded to 0.01
  before the band is applied. "N평대" is [N평, (N+10)평) and 이상/이하 are exact bounds.
- Periods are inclusive ISO dates. "최근/요즘/recent" carry no dates here, only a number of months
  (default 12): the caller anchors them on the latest data month of the region.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from agents.domain.slots import PYEONG_M2

AREA_TOLERANCE_M2 = 3.0
NATIONAL_SIZE_M2 = 84.0  # 국민평형
RECENT_MONTHS_DEFAULT = 12
MAX_MONTHLY_MANWON = 5_000  # a monthly rent or salary of 5천만원 or more is read as a price
MAX_MANWON = 10_000_000  # 1000억: anything above is a typo or a joke
MIN_YEAR, MAX_YEAR = 2000, 2099
# Every text parser (NLU, gazetteer, law keywords, memory extraction and summaries) reads at most
# this many characters: longer messages are pasted text, and the head is what gets parsed. With the
# linear patterns below this bounds each parse to a few milliseconds whatever a client sends.
MAX_PARSE_CHARS = 1000

Bound = Literal["min", "max", "exact"]
MoneyRole = Literal["price", "monthly", "income", "deposit", "monthly_income"]


# ---------------------------------------------------------------------------------------------
# normalization


_DIGIT_COMMA = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_SPACES = re.compile(r"\s+")
_NON_COMPACT = re.compile(r"[^0-9a-z가-힣]")


_HANGUL_YEAR = re.compile(r"이천(?P<rest>[일이삼사오육칠팔구십]{0,3})\s?년")


# "이십사년에", "이십삼년도", "십구년": a two-digit year said in number words (10–29, the years a voice
# keyboard spells without 이천); glued after a name's digit ("벽산타운5이십사년") it gets a space. Never
# inside a longer number ("오십년", "백이십년") and never an amount or a size ("이십억", "이십평").
_HANGUL_SHORT_YEAR = re.compile(
    r"(?<![일이삼사오육칠팔구십백천만])(?P<n>이?십[일이삼사오육칠팔구]?)(?=\s?년)"
)


def _hangul_short_year(m: re.Match[str]) -> str:
    value = hangul_number(m["n"])
    if value is None:
        return m.group()
    start = m.start()
    return f" {value}" if start and m.string[start - 1].isdigit() else str(value)


def _hangul_pay(m: re.Match[str]) -> str:
    value = hangul_number(m["n"])
    return f"{m['w']} {value}만" if value else m.group()


def _hangul_year(m: re.Match[str]) -> str:
    rest = hangul_number(m["rest"]) if m["rest"] else 0
    return f"{2000 + rest}년" if rest is not None else m.group()


# Number words a voice keyboard types: '이천이십삼년', '삼십평대' (hangul_number is defined below; the
# patterns are only used once a message is normalized).
_HANGUL_PYEONG = re.compile(
    r"(?P<n>(?<![가-힣])[일이삼사오육칠팔구십]{1,3}|[이삼사오육칠팔구]십[일이삼사오육칠팔구]?)"
    r"(?=\s?평(?!동|리|가|로|읍|면|촌|택|균|당|수|창|화|야|원|산|장|구))"  # not 삼평동, 구평, 평가, 평균
)
# "월급 삼백오십", "연봉 칠천이백": a spoken amount of pay, in 만원, right after the word for pay (never
# ending in 이: "오천오백이요" is 5500 and a copula, not 5502).
_HANGUL_PAY = re.compile(
    r"(?P<w>월급|연봉|월수입|월소득|세후|세전)\s?(?P<n>[일이삼사오육칠팔구천백십]{1,7}[일삼사오육칠팔구천백십])(?=\s?(?:만|인데|이고|이면|정도|받|벌|이요|요|이에요|에요|예요|입니다|이라|라|이었|였|쯤|으로|로|[,.?!]|\s|$))"
)
# "월 백오십 이하", "월세 이백만원", "월 팔십": a spoken monthly rent (tens or hundreds of 만원) right
# after 월세 or a bare 월 (never a date's 월: "6월 이십일" has a digit before it).
_HANGUL_RENT = re.compile(
    r"(?P<w>월세|(?<![가-힣\d])월)\s?(?P<n>[일이삼사오육칠팔구]?[백십][일이삼사오육칠팔구십]{0,3})"
    r"(?P<man>\s?만)?(?=\s?(?:원|이하|미만|까지|안쪽|이내|이상|넘|정도|쯤|이면|인데|이고|에|으로|로|짜리|내외|선|\s|[,.?!]|$))"
)


def _hangul_rent(m: re.Match[str]) -> str:
    value = hangul_number(m["n"])
    return f"{m['w']} {value}만" if value and value < 1000 else m.group()


# "팔십사 제곱미터", "백이십 제곱미터": a spoken size before its unit.
_HANGUL_M2 = re.compile(
    r"(?<![가-힣])(?P<n>백?[일이삼사오육칠팔구]?십?[일이삼사오육칠팔구]?)(?=\s?(?:제곱미터|제곱|평방미터|㎡))"
)


def normalize(text: str) -> str:
    """NFKC (㎡ → m2, full-width digits → ASCII), lower case, no thousands separators, single spaces;
    years and sizes in number words (voice typing: '이천이십삼년', '삼십평대') become digits."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = _HANGUL_YEAR.sub(_hangul_year, text)
    text = _HANGUL_SHORT_YEAR.sub(_hangul_short_year, text)
    text = _HANGUL_PYEONG.sub(lambda m: str(hangul_number(m["n"]) or m["n"]), text)
    text = _HANGUL_PAY.sub(_hangul_pay, text)
    text = _HANGUL_RENT.sub(_hangul_rent, text)
    text = _HANGUL_M2.sub(lambda m: str(hangul_number(m["n"]) or m["n"]) if m["n"] else "", text)
    text = _DIGIT_COMMA.sub("", text)
    return _SPACES.sub(" ", text).strip()


def compact(text: str) -> str:
    """The matching form of a name or message: normalized, letters and digits only."""
    return _NON_COMPACT.sub("", normalize(text))


def clip(text: str) -> str:
    """The part of a text the parsers read (see MAX_PARSE_CHARS)."""
    return text[:MAX_PARSE_CHARS]


def mask(text: str, spans: list[tuple[int, int]]) -> str:
    """Blank out spans with spaces, keeping every other index where it was."""
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


# ---------------------------------------------------------------------------------------------
# numbers


_HANGUL_DIGITS = {"일": 1, "이": 2, "삼": 3, "사": 4, "오": 5, "육": 6, "칠": 7, "팔": 8, "구": 9}
_HANGUL_SCALES = {"십": 10, "백": 100, "천": 1000}


def hangul_number(word: str) -> int | None:
    """'오' → 5, '십' → 10, '이십오' → 25; None for anything else (small numbers before 억 only)."""
    total, digit = 0, None
    for ch in word:
        if ch in _HANGUL_DIGITS:
            if digit is not None:
                return None
            digit = _HANGUL_DIGITS[ch]
        elif ch in _HANGUL_SCALES:
            total += (digit or 1) * _HANGUL_SCALES[ch]
            digit = None
        else:
            return None
    total += digit or 0
    return total or None


def _to_float(token: str) -> float | None:
    token = token.strip()
    if not token:
        return None
    if token[0].isdigit():
        return float(token)
    value = hangul_number(token)
    return float(value) if value is not None else None


# ---------------------------------------------------------------------------------------------
# money


@dataclass(frozen=True)
class MoneyMention:
    manwon: int
    start: int
    end: int
    bound: Bound = "exact"
    role: MoneyRole = "price"
    upper_manwon: int | None = None  # set for "5억대" (a decade: 5억 ≤ x < 6억)
    strict: bool = False  # 미만 / 초과: the bound itself is excluded


# A number starts where a digit run starts (never inside one) and has bounded length, so a long
# digit run is tried once from its start instead of from every position (no quadratic scans).
# "7억대로", "30평대만": a decade followed by a particle (never 대출, 대비, 대략 …)
_DECADE_PARTICLE = (
    r"(?:로|만|에|인|는|도|의|이면|면|요|정도|쯤|까지|초반|중반|후반|아파트|매물|거래|매매|전세|월세|시세"
    # glued to the question that follows ("전세3억대몇개임", "5억대짜리", "3억대중에"): still the decade
    r"|몇|얼마|짜리|위주|중에|중|가|이|을|를|은|집|단지|였|라|면적|평)"
)
_NUM = r"(?<!\d)(?<!\d\.)\d{1,12}(?:\.\d{1,12})?"
_HNUM = r"[일이삼사오육칠팔구십백]{1,4}"
# Tokens that may follow a number without it being money (so "5억 30평" keeps its 30 for area).
_NOT_MONEY_AFTER = r"(?:평|년|월|m|제곱|개|층|%|퍼|세(?![후전놓주줄팅])|분기|동|단지|차|호|번|억|룸|일|위|배|시|명|건|타입|형|살|회)"
_SUB_EOK = (
    r"(?:\d\s*천(?:\s*\d\s*백)?(?:\d{1,3}(?![\d.]))?|\d\s*백|\d{1,4}(?![\d.])"
    r"|[일이삼사오육칠팔구]?천(?:[일이삼사오육칠팔구]?백)?|[일이삼사오육칠팔구]백)"  # 팔억오천, 오억이천오백
)
_MONEY = re.compile(
    rf"""
    (?P<eok>{_NUM}|(?<![가-힣]){_HNUM})\s*억
        (?:\s*(?P<sub>{_SUB_EOK})(?!\s*{_NOT_MONEY_AFTER}))?
        (?P<decade>\s*대(?:(?![가-힣])|(?={_DECADE_PARTICLE})))?
        (?:\s*만)?(?:\s*원(?!룸))?
    | (?P<cheon>{_NUM}|(?<![가-힣])[일이삼사오육칠팔구])\s*천(?:\s*(?P<baek>\d|[일이삼사오육칠팔구])\s*백)?(?:\s*만)?(?:\s*원(?!룸))?
    | (?<![a-z\^])(?P<man>{_NUM})\s*만(?:\s*원(?!룸))?
    | (?P<en>{_NUM})\s*(?P<enu>billion|bn|million|mil|mn)\b(?:\s*(?:won|krw|원))?
    | (?P<ens>{_NUM})\s*(?P<ensu>b|m)\s*(?:won|krw)\b
    | (?:₩|\bkrw\s*)(?P<wonp>\d{{5,16}})(?!\d)
    | (?<!\d)(?P<won>\d{{5,16}})\s*(?:won\b|krw\b|원)
    """,
    re.VERBOSE,
)
# "5~7억", "3에서 5억 사이": the first number borrows the second one's 억.
_SHARED_EOK_RANGE = re.compile(rf"(?P<lo>{_NUM})\s*(?:~|-|–|에서)\s*(?P<hi>{_NUM})\s*억(?!\s*대)")
# Bare numbers that are 만원 only because of the word in front: "월 100", "연봉 8000", "보증금 5000".
# Words may sit between: "월급 세후 450", "연봉 세전 대략 6000", "월 실수령 380".
# (the next amount's word may follow: "보증금 1000 월세 60", "보증금 2000 월 80")
_NOT_MONEY_AFTER_BARE = _NOT_MONEY_AFTER.replace("|월|", r"|월(?!세|\s?\d)|")
# "연봉 잘못말했다 6500이요", "월세 잘못 썼어요 80": a correction said between the word and the number.
_MISSAID = r"잘못\s?(?:말했|말함|썼|적었|입력했|쳤)(?:다|어요|네요|네|음|고|는데|습니다)?|정정(?:하면|할게요|해요)?|아니(?:고|요)?"
_CONTEXT_NUMBER = re.compile(
    rf"(?P<kw>월세|월급|월소득|월수입|(?<![\d년])월|매월|연봉|연소득|보증금)\s*(?:(?:은|는|이|가|을|를|:)\s*)?(?:(?:한|약|대략|대충|거의|평균|최대|최소|세후|세전|실수령액?|(?:으로|로)\s?치면|기준(?:으로)?|합치면|합쳐서|합쳐|합하면|합산하면|합산|다해서|모두|둘이|각각|{_MISSAID})(?:은|는|이|가|으로|로)?\s?){{0,3}}(?P<n>\d{{1,5}})(?![\d.])(?!\s*{_NOT_MONEY_AFTER_BARE}|\s*(?:천|백|만|원))"
)

# "보증금 천에", "보증금은 천만원": 천 alone after the word that makes it money.
_THOUSAND_AFTER_WORD = re.compile(
    r"(?:보증금|월세|전세금)\s?(?:은|는|이|가|:)?\s?(?P<n>천)(?:\s?만)?(?:\s?원)?(?=에|이하|이상|까지|\s|[,.?!]|$)"
)
# After a deposit: "에 50", "/ 100", ", 월 80" — a number no unit claims is the monthly rent.
_RENT_AFTER = re.compile(
    r"\s?(?P<sep>에|/|,)\s?(?:월\s?)?(?P<n>\d{1,3})(?![\d.])"
    r"(?!\s?(?:천|백|만|억|원|평|년|개월|%|퍼|개|층|동|단지|㎡|m|제곱|세|살|호|번|위|분|건|명|타입|형|짜리|아파트))"
)
_MONTHLY_WORD = re.compile(r"월세|반전세|(?<![\d년])월\s?\d|monthly|wolse")
_MAX_AFTER = re.compile(
    r"^\s*(?:↓|⬇|이하|미만|까지|아래|안쪽|이내|내로|내에서|밑|안으로|언더|선에서|안\s*넘|넘지\s*않|보다\s*(?:싼|저렴|낮))"
)
_STRICT_AFTER = re.compile(r"^\s*(?:미만|초과)")
_STRICT_BEFORE = re.compile(r"(?:less than|(?<!no )more than|fewer than)\s*$")
_MIN_AFTER = re.compile(r"^\s*(?:↑|⬆|이상|초과|넘는|넘게|넘어|넘은|위로|부터|보다\s*(?:비싼|높|많))")
_MAX_BEFORE = re.compile(
    r"(?:under|below|less than|up to|at most|max(?:imum)?|no more than|within|cheaper than|최대|<|≤)\s*$"
)
# A budget is a ceiling unless a word after the amount says otherwise ("예산은 4억5천", "budget to 12억"
# are maxima; "예산은 3억 이상" is a minimum).
_BUDGET_BEFORE = re.compile(
    r"(?:예산|budget)\s?(?:은|는|이|을|를|:|of|is|to|around|about)?\s?(?:약|대략|한|최대)?\s?$"
)
_MIN_BEFORE = re.compile(r"(?:over|above|more than|at least|min(?:imum)?|upwards of|최소|>|≥)\s*$")
_RANGE_GAP = re.compile(r"^\s*(?:~|-|–|에서|부터|to|and)\s*$")
_NEGATIVE_BEFORE = re.compile(r"(?:(?<![\d\w])-|마이너스)\s*$")

_ROLE_BEFORE: tuple[tuple[MoneyRole, re.Pattern[str]], ...] = (
    ("monthly_income", re.compile(r"(?:월급|월\s*소득|월\s*수입|monthly (?:salary|income))")),
    ("deposit", re.compile(r"(?:보증금|deposit|key money)")),
    # "rent under 1.5 million", "rent of 900k": the English word for rent alone is the monthly rent (not
    # "rental", "rented", "rent it out")
    (
        "monthly",
        re.compile(r"(?:월세|(?<![\d년])월(?!\s*\d{1,12}\s*일)|매월|monthly|\brents?\b(?! (?:it|them|out)))"),
    ),
    (
        "income",
        re.compile(
            r"(?:연봉|연소득|소득|연\s*수입|수입|합산|연금|(?:남편|아내|와이프|부부|둘이)[가-힣\s]{0,8}합(?:쳐서|치면)|맞벌이|salary|income|earn|\bmake(?! it\b))"
        ),
    ),
)
# "rent max 150", "monthly rent under 120": a bare number after the English word for rent is 만원 a month.
_RENT_NUMBER_EN = re.compile(
    r"\b(?:monthly\s)?rent\s(?:(?:is|of|at|max(?:imum)?|under|below|up\sto|at\smost|no\smore\sthan|around|about)\s)"
    r"{0,2}(?P<n>\d{1,4})(?![\d.])(?!\s*(?:sqm|sq|m2|pyeong|py|천|백|만|원|억|million|mil|billion|k\b|%|years?|months?))"
)
_RENT_CAP_BEFORE = re.compile(
    r"\b(?:max(?:imum)?|under|below|up to|at most)\s(?:monthly\s)?rent\s(?:\w{1,12}\s)?$"
)
# "월 350 버는데", "한 달에 400 벌어요": monthly earnings, annualised like 월급.
_EARNED_AFTER = re.compile(r"^\s?(?:만\s?원?\s?)?(?:정도\s?)?(?:버는|벌어|벌고|벌이|벌면|받는데|받아요|받고)")
_MONTHLY_AFTER = re.compile(r"^\s*(?:원\s*)?(?:a month|per month|/\s*month|/\s*월(?!\s?\d)|monthly)")
_YEARLY_AFTER = re.compile(r"^\s*(?:원\s*)?(?:a year|per year|annually|/\s*year)")
_ROLE_WINDOW = 14
# The end of a clause ("…인데", "…이고", a comma) between a word for pay and an amount: the amount
# belongs to the next clause ("연봉 8천 맞벌이인데 분당에서 10억 이하").
_CLAUSE_END = re.compile(r"(?:인데|는데|이고|이며|이라서|라서|니까|[?!;])")


def _amount_from_match(m: re.Match[str]) -> tuple[float, float | None] | None:
    """(만원, upper bound for 'N억대') of one money match."""
    if m["eok"]:
        eok = _to_float(m["eok"])
        if eok is None:
            return None
        value = eok * 10_000 + _sub_eok_manwon(m["sub"] or "")
        # "5억대" and "10억대" are 5억 ≤ x < 6억 and 10억 ≤ x < 11억 as the conventions read N억대;
        # "20억대" (a round ten past ten) is the twenties, 20억 ≤ x < 30억.
        span = 100_000 if eok >= 20 and eok % 10 == 0 else 10_000
        upper = value + span - 1 if m["decade"] and not m["sub"] else None
        return value, upper
    if m["cheon"]:
        cheon = _to_float(m["cheon"])
        if cheon is None:
            return None
        baek = _to_float(m["baek"]) if m["baek"] else 0.0  # "오천오백" 5500, "3천5백" 3500
        return cheon * 1_000 + (baek or 0.0) * 100, None
    if m["man"]:
        return float(m["man"]), None
    if m["en"] or m["ens"]:
        unit = (m["enu"] or m["ensu"])[0]
        number = float(m["en"] or m["ens"])
        return (number * 100_000 if unit == "b" else number * 100), None
    won = m["won"] or m["wonp"]
    return float(won) / 10_000, None


_SUB_PARTS = re.compile(r"(?:(?P<c>\d)천)?(?:(?P<b>\d)백)?(?P<r>\d{1,4})?")  # on `sub` without spaces
_HANGUL_SUB = re.compile(r"(?:(?P<c>[일이삼사오육칠팔구]?)천)?(?:(?P<b>[일이삼사오육칠팔구]?)백)?")


def _sub_eok_manwon(sub: str) -> float:
    """The part after 억: '5천' 5000, '5000' 5000, '5' 5000 (spoken '2억5' = 2억5천), '5천5백' 5500."""
    sub = sub.replace(" ", "")
    if not sub:
        return 0.0
    hangul = _HANGUL_SUB.fullmatch(sub)
    if hangul and sub:  # "오천" 5000, "천" 1000, "이천오백" 2500
        thousands = _HANGUL_DIGITS.get(hangul["c"], 1) if hangul["c"] is not None else 0
        hundreds = _HANGUL_DIGITS.get(hangul["b"], 1) if hangul["b"] is not None else 0
        return float(thousands * 1000 + hundreds * 100)
    m = _SUB_PARTS.fullmatch(sub)
    if not m:
        return 0.0
    if m["c"] or m["b"]:
        return int(m["c"] or 0) * 1000 + int(m["b"] or 0) * 100 + int(m["r"] or 0)
    rest = m["r"] or "0"
    return float(rest) * 1000 if len(rest) == 1 else float(rest)


# An English word for the deposit or the rent, then only words of a bound before the amount: the bound
# words can push the role word past the short window ("rent is no more than", "deposit at most").
_ROLE_BEFORE_EN = re.compile(
    r"\b(?:(?P<deposit>deposits?)|(?:monthly\s)?rents?(?! (?:it|them|out)\b))"
    r"(?:\s(?:is|of|at|to|be|should|must|max(?:imum)?|under|below|up|most|no|more|than|not|over|around|about"
    r"|within|less|cap(?:ped)?|limit(?:ed)?|budget|only|just|:)){1,5}\s?$"
)


def _role(text: str, start: int, end: int, previous_end: int) -> MoneyRole:
    """What an amount is, from the words right before it (never reaching past the previous amount)."""
    after = text[end : end + 16]
    window_before = text[max(0, start - _ROLE_WINDOW, previous_end) : start]
    if _EARNED_AFTER.match(after) and re.search(r"월|한\s*달|monthly", window_before):
        return "monthly_income"
    if _MONTHLY_AFTER.match(after):
        return "monthly"
    if _YEARLY_AFTER.match(after):
        return "income"
    window = text[max(0, start - _ROLE_WINDOW, previous_end) : start]
    english = _ROLE_BEFORE_EN.search(text[max(0, start - 40, previous_end) : start])
    if english:  # "the rent is no more than 900,000 won", "deposit at most 20 million"
        return "deposit" if english["deposit"] else "monthly"
    best: tuple[int, MoneyRole] | None = None
    for role, pattern in _ROLE_BEFORE:
        for hit in pattern.finditer(window):
            if role == "income" and _CLAUSE_END.search(window[hit.end() :]):
                continue  # "맞벌이인데 분당에서 10억 이하": the clause about pay ended before the amount
            if best is None or hit.end() > best[0]:
                best = (hit.end(), role)
    return best[1] if best else "price"


# "전용84만", "84만 보면요": a size and 만 (only), not 84만원 — unless a word for money comes before
# ("월세 84만", "관리비 30만").
_ONLY_AFTER = re.compile(r"^\s?(?:보|봐|볼|봅|으로|로|이요|요|해|하고|$|[,?？.!])")
_MONEY_WORD_BEFORE = re.compile(
    r"월세|월|보증금|관리비|연봉|월급|수수료|복비|비용|세금|이자|용돈|수입|소득|rent|deposit"
)
_SIZE_WORD_BEFORE = re.compile(r"(?:전용|면적|평형|공급)\s?(?:은|는|이|:)?\s?$")


def _size_only(text: str, m: re.Match[str]) -> bool:
    number = m["man"]
    if "원" in m.group() or "." in number or not 2 <= len(number) <= 3 or not 20 <= int(number) <= 300:
        return False
    before = text[max(0, m.start() - 14) : m.start()]
    if _SIZE_WORD_BEFORE.search(before):
        return True
    return bool(_ONLY_AFTER.match(text[m.end() :])) and not _MONEY_WORD_BEFORE.search(before)


# A housing size after "N억" and a space: "6억~8억 84", "7억 59 매물", "10억 114" — two or three digits
# from 20 to 199 and no round hundred. "8억 5000", "8억5천", "8억 5", "8억 500" and a glued "3억84" stay
# amounts, and so does a deposit's tail ("보증금 1억 50" is the rent, read elsewhere).
_EOK_SIZE_SUB = re.compile(r"\s{1,4}(?:[2-9]\d|1(?!00)\d\d)$")
_DEPOSIT_BEFORE = re.compile(r"보증금|반전세|월세|deposit")


def _size_after_eok(text: str, m: re.Match[str]) -> bool:
    if not m["eok"] or not m["sub"] or m["decade"]:
        return False
    if not _EOK_SIZE_SUB.search(text[m.end("eok") + 1 : m.end("sub")]):
        return False
    return not _DEPOSIT_BEFORE.search(text[max(0, m.start() - 16) : m.start()])


def _plausible(value: float) -> bool:
    return 0 < value <= MAX_MANWON


def parse_money(text: str, context: str | None = None) -> list[MoneyMention]:
    """Every amount of money in normalized text, in order, with bound (이하/이상/range) and role.

    `context` is the unmasked text (same indices) used to read the words around each amount.
    """
    text = clip(text)
    context = clip(context) if context is not None else text
    raw: list[tuple[int, int, float, float | None]] = []
    taken: list[tuple[int, int]] = []
    for m in _SHARED_EOK_RANGE.finditer(text):
        lo, hi = float(m["lo"]) * 10_000, float(m["hi"]) * 10_000
        raw.append((m.start("lo"), m.start("lo") + len(m["lo"]), lo, None))
        raw.append((m.start("hi"), m.end(), hi, None))
        taken.append(m.span())
    scan = mask(text, taken)
    for m in _MONEY.finditer(scan):
        if m["man"] and _size_only(context, m):
            continue
        if _size_after_eok(context, m):  # "6억~8억 84": the 84 is the home's size, the amount ends at 억
            m = _MONEY.match(scan[: m.start("sub")].rstrip(), m.start()) or m
        amount = _amount_from_match(m)
        if amount is not None:
            raw.append((m.start(), m.end(), amount[0], amount[1]))
            taken.append(m.span())
    scan = mask(text, taken)
    for m in _CONTEXT_NUMBER.finditer(scan):
        raw.append((m.start("n"), m.end("n"), float(m["n"]), None))
        taken.append(m.span("n"))
    rents = [m.span("n") for m in _RENT_NUMBER_EN.finditer(mask(text, taken))]
    raw += [(a, b, float(text[a:b]), None) for a, b in rents]
    taken += rents
    for m in _THOUSAND_AFTER_WORD.finditer(mask(text, taken)):
        raw.append((m.start("n"), m.end(), 1000.0, None))  # "보증금 천에": 천만원
        taken.append(m.span())
    raw.sort()

    mentions: list[MoneyMention] = []
    previous_end = 0
    for start, end, value, upper in raw:
        if _NEGATIVE_BEFORE.search(context[max(0, start - 6) : start]) or not _plausible(value):
            continue
        bound: Bound = "exact"
        after, before = context[end : end + 12], context[max(0, start - 16) : start]
        strict = bool(_STRICT_AFTER.match(after) or _STRICT_BEFORE.search(before))
        if _MAX_AFTER.match(after) or _MAX_BEFORE.search(before):
            bound = "max"
        elif _MIN_AFTER.match(after) or _MIN_BEFORE.search(before):
            bound = "min"
        elif _BUDGET_BEFORE.search(before):
            bound = "max"
        if (start, end) in rents and _RENT_CAP_BEFORE.search(context[max(0, start - 30) : start]):
            bound = "max"  # "max rent 100", "under a monthly rent of 90"
        role = _role(context, start, end, previous_end)
        if (start, end) in rents:
            role = "monthly"
        if role == "monthly" and value >= MAX_MONTHLY_MANWON:
            role = "price"  # "월세 수익률 … 3억짜리": no monthly rent is that large; the word was a topic
        if role == "monthly_income":  # 월급 400 → 연 4800: income is annual everywhere else
            role, value = "income", value * 12
        mentions.append(
            MoneyMention(
                manwon=round(value),
                start=start,
                end=end,
                bound=bound,
                role=role,
                upper_manwon=round(upper) if upper is not None else None,
                strict=strict,
            )
        )
        previous_end = end
    return _pair_ranges(context, _rent_after_deposit(context, mentions))


def _rent_after_deposit(text: str, mentions: list[MoneyMention]) -> list[MoneyMention]:
    """ "보증금 천에 50", "보증금 1억/100": the bare number after a deposit is the monthly rent."""
    out = list(mentions)
    monthly_said = bool(_MONTHLY_WORD.search(text))
    for m in mentions:
        if m.role != "deposit":
            continue
        rent = _RENT_AFTER.match(text, m.end)
        if (
            rent is None
            or not (monthly_said or rent["sep"] == "/")
            or any(o.start < rent.end("n") and rent.start("n") < o.end for o in out)
        ):
            continue
        value = int(rent["n"])
        if 0 < value < MAX_MONTHLY_MANWON and value < m.manwon:
            bound: Bound = "max" if _MAX_AFTER.match(text[rent.end("n") : rent.end("n") + 12]) else "exact"
            out.append(MoneyMention(value, rent.start("n"), rent.end("n"), bound, "monthly"))
    return sorted(out, key=lambda x: x.start)


def _pair_ranges(text: str, mentions: list[MoneyMention]) -> list[MoneyMention]:
    """'X~Y', 'X에서 Y 사이', 'between X and Y', 'X부터 Y까지': the first is a min, the second a max."""
    out = list(mentions)
    for i in range(len(out) - 1):
        first, second = out[i], out[i + 1]
        if first.role != second.role or not _RANGE_GAP.match(text[first.end : second.start]):
            continue
        if first.manwon > second.manwon:
            continue
        out[i] = MoneyMention(first.manwon, first.start, first.end, "min", first.role)
        out[i + 1] = MoneyMention(second.manwon, second.start, second.end, "max", second.role)
    return out


# ---------------------------------------------------------------------------------------------
# area


@dataclass(frozen=True)
class AreaMention:
    min_m2: float | None
    max_m2: float | None
    start: int
    end: int


# A bare "m" is a distance ("역에서 500m"), never an area.
_M2_UNIT = r"(?:m2|m\^2|제곱\s*미터|제곱|평방\s*미터|sqm|sq\.?\s*m\b|square\s*met(?:er|re)s?)"
_PY_UNIT = r"(?:평형?(?!균|당|가|수|방|화|일|택|생|소)|pyeong|pyong|py\b)"
# "30평대였으면", "20평대가": after 평 a 대 is the decade whatever ending follows, unless it starts a word
# of its own (대출, 대비, 대략, 대부분 …).
_PY_DECADE = r"\s*(?:대|때)(?!출|비|략|부분|신|기|해|한|상|충|단|형|표|행|문)"
_AREA_VALUE = rf"(?P<v>{_NUM})\s*(?:(?P<m2>{_M2_UNIT})|(?P<py>{_PY_UNIT})(?P<decade>{_PY_DECADE})?)"
# The English ways of saying N평대: "30-pyeong-class", "30 pyeong range", "the 30s pyeong", "30-something pyeong".
_PY_WORD = r"(?:pyeong|pyong|py\b)"
_AREA_DECADE_EN = re.compile(
    rf"(?<![\d.])(?P<v>[1-9]0)(?:\s?'?s|-?\s?something|-ish)\s?-?\s?{_PY_WORD}"
    rf"|(?<![\d.])(?P<w>[1-9]0)\s?-?\s?{_PY_WORD}\s?-?\s?(?:class|range|bracket|band|tier|level|group|category)"
)
_AREA = re.compile(_AREA_VALUE)
_AREA_PREFIXED = re.compile(
    rf"(?:전용(?:\s*면적)?|(?<![가-힣])면적|exclusive\s*area|floor\s*area)(?:\s?(?:은|는|이|을|를|:))?\s*(?P<v>{_NUM})(?![\d.])"
)
_AREA_TYPE = re.compile(
    r"(?<![\d.])(?P<v>\d{2,3}(?:\.\d{1,12})?)(?:\s*(?:타입|type\b|형(?!태))|[a-d](?![a-z]))"
)
_NATIONAL_SIZE = re.compile(r"국민\s*평형|국평|national[- ]size")
_AREA_RANGE = re.compile(
    rf"(?P<lo>{_NUM})\s*(?:(?P<lounit>{_M2_UNIT}|평)\s*)?(?:~|-|–|에서)\s*(?P<hi>{_NUM})\s*(?P<unit>{_M2_UNIT}|{_PY_UNIT})"
)
_AREA_MAX_AFTER = re.compile(
    r"^\s*(?:이하|미만|까지|아래|보다\s*(?:작|좁)|(?:or|and)\s(?:smaller|less|under|below)\b)"
)
# "84 sqm or bigger", "30평 and up", "59㎡+": an open upper end
_AREA_MIN_AFTER = re.compile(
    r"^\s*(?:이상|초과|넘는|넘게|부터|보다\s*(?:큰|넓)|(?:or|and)\s(?:bigger|larger|more|above|up|over|greater)\b|\+)"
)
_AREA_MAX_BEFORE = re.compile(r"(?:under|below|less than|up to|at most|smaller than)\s*$")
_AREA_MIN_BEFORE = re.compile(r"(?:over|above|more than|at least|larger than|bigger than)\s*$")


def pyeong_to_m2(pyeong: float) -> float:
    """N평 in ㎡ as the conventions compute it: Python's round on the float (25평 → 82.64, not 82.65)."""
    return round(pyeong * PYEONG_M2, 2)


# N평형 names a supply-area class (conventions, round 11): the standard exclusive size nearest N × 2.49 ㎡
# ("34평형" → 84, "25평형" → 59), not N평 of exclusive area.
STANDARD_SIZES_M2 = (59, 74, 84, 101, 114, 135)
SUPPLY_TO_EXCLUSIVE = 2.49


def supply_class_m2(pyeong: float) -> float:
    """The standard exclusive size (㎡) of the supply-area class 'N평형'."""
    target = pyeong * SUPPLY_TO_EXCLUSIVE
    return float(min(STANDARD_SIZES_M2, key=lambda size: abs(size - target)))


def area_band(m2: float) -> tuple[float, float]:
    """The ㎡ interval one stated size stands for (see module docstring)."""
    return round(m2 - AREA_TOLERANCE_M2, 2), round(m2 + AREA_TOLERANCE_M2, 2)


def _plausible_area(m2: float) -> bool:
    return 10 <= m2 <= 400


def _area_with_bound(text: str, start: int, end: int, m2: float) -> AreaMention:
    """A band, or a one-sided bound when 이상/이하/over/under sits right next to the size."""
    after, before = text[end : end + 16], text[max(0, start - 16) : start]
    strict = 0.01 if _STRICT_AFTER.match(after) else 0.0  # 84㎡ 미만 → at most 83.99
    if _AREA_MAX_AFTER.match(after) or _AREA_MAX_BEFORE.search(before):
        return AreaMention(None, round(m2 - strict, 2), start, end)
    if _AREA_MIN_AFTER.match(after) or _AREA_MIN_BEFORE.search(before):
        return AreaMention(round(m2 + strict, 2), None, start, end)
    low, high = area_band(m2)
    return AreaMention(low, high, start, end)


def parse_area(text: str, context: str | None = None) -> list[AreaMention]:
    """Area mentions in normalized text: '84㎡', '30평', '30평대', '전용 59', '84타입', '국민평형', ranges.

    `context` is the unmasked text (same indices) used to read 이상/이하 around each size.
    """
    text = clip(text)
    context = clip(context) if context is not None else text
    found: list[AreaMention] = []
    taken: list[tuple[int, int]] = []
    for m in _AREA_RANGE.finditer(text):
        lo, hi = float(m["lo"]), float(m["hi"])
        if m["unit"].startswith(("평", "py")):
            lo, hi = pyeong_to_m2(lo), pyeong_to_m2(hi)
        if lo < hi and _plausible_area(lo) and _plausible_area(hi):
            found.append(AreaMention(area_band(lo)[0], area_band(hi)[1], m.start(), m.end()))
            taken.append(m.span())
    for m in _AREA_DECADE_EN.finditer(mask(text, taken)):
        value = float(m["v"] or m["w"])
        found.append(AreaMention(pyeong_to_m2(value), pyeong_to_m2(value + 10), m.start(), m.end()))
        taken.append(m.span())
    scan = mask(text, taken)
    for m in _AREA.finditer(scan):
        value = float(m["v"])
        if m["py"]:
            m2 = pyeong_to_m2(value)
            if m["py"].startswith("평형") and not m["decade"]:
                m2 = supply_class_m2(value)
            if m["decade"]:
                upper = pyeong_to_m2(value + 10)
                if _plausible_area(m2):
                    found.append(AreaMention(m2, upper, m.start(), m.end()))
                    taken.append(m.span())
                continue
        else:
            m2 = value
        if _plausible_area(m2):
            found.append(_area_with_bound(context, m.start(), m.end(), m2))
            taken.append(m.span())
    scan = mask(text, taken)
    for pattern in (_AREA_PREFIXED, _AREA_TYPE):
        for m in pattern.finditer(scan):
            value = float(m["v"])
            if _plausible_area(value):
                found.append(_area_with_bound(context, m.start(), m.end(), value))
                taken.append(m.span())
        scan = mask(text, taken)
    for m in _NATIONAL_SIZE.finditer(scan):
        low, high = area_band(NATIONAL_SIZE_M2)
        found.append(AreaMention(low, high, m.start(), m.end()))
    return _restated(context, sorted(found, key=lambda a: a.start))


# "20평 이하 말고 20평대로", "84㎡에서 59㎡로 바꿔": a size set aside, or replaced by one said with 로/으로,
# is not asked for (the planning node strips "X 말고" too, but it can leave the size of "20평 이하 말고").
_AREA_SET_ASIDE = re.compile(
    r"\s?(?:이하|미만|이상|초과|까지|정도|짜리)?\s?(?:은|는|이|가)?\s?(?:말고|아니고|대신|빼고|아니라|아니\s)"
)
# "40평대는 청소도 힘들고 너무 커요": a size the story turns down in its own clause is no filter either
_AREA_REJECTED = re.compile(
    r"[^.?!,\n]{0,24}?(?:너무\s?(?:커|크|작|좁|넓)|싫|별로(?!\s?안)|부담스|필요\s?없|too\s(?:big|small|large)"
    r"|(?:don'?t|do not)\s(?:want|like|need))"
)
_AREA_TO = re.compile(r"\s?(?:으로|로)(?!\s?(?:된|지은|만든|나온|나와))")


def _restated(text: str, found: list[AreaMention]) -> list[AreaMention]:
    """The sizes a message asks for, once set-aside and replaced ones are dropped (kept if none is left)."""
    kept = [
        a for a in found if not _AREA_SET_ASIDE.match(text, a.end) and not _AREA_REJECTED.match(text, a.end)
    ] or found
    changed_to = [i for i, a in enumerate(kept) if i and _AREA_TO.match(text, a.end)]
    return kept[changed_to[-1] :] if changed_to else kept


def merge_areas(mentions: list[AreaMention]) -> tuple[float | None, float | None]:
    """One (min, max) from several mentions: '59㎡ 이상 84㎡ 이하' combines; otherwise the first wins."""
    if not mentions:
        return None, None
    low, high = mentions[0].min_m2, mentions[0].max_m2
    for extra in mentions[1:]:
        if low is None and extra.min_m2 is not None and extra.max_m2 is None:
            low = extra.min_m2
        if high is None and extra.max_m2 is not None and extra.min_m2 is None:
            high = extra.max_m2
    return low, high


# ---------------------------------------------------------------------------------------------
# rooms


@dataclass(frozen=True)
class RoomsMention:
    rooms: int
    start: int
    end: int


_WORD_COUNT = {
    "한": 1, "하나": 1, "두": 2, "둘": 2, "세": 3, "셋": 3, "네": 4, "넷": 4, "다섯": 5,
    "원": 1, "투": 2, "쓰리": 3, "포": 4,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
}  # fmt: skip
_ROOMS = re.compile(
    r"방\s*(?P<a>\d|한|두|세|네|다섯|하나|둘|셋|넷)\s*(?:개|칸)?"
    r"|(?P<b>원|투|쓰리|포)\s*룸"
    r"|(?P<c>\d)\s*(?:룸|rooms?\b|bed(?:room)?s?\b|br\b|bd\b|-bed(?:room)?s?\b)"
    r"|(?P<d>one|two|three|four|five)[- ]bed(?:room)?s?\b"
)


def parse_rooms(text: str) -> RoomsMention | None:
    """'방 3개', '쓰리룸', '3 bedrooms', 'two-bedroom' → a room count (the data has none; it is kept)."""
    m = _ROOMS.search(clip(text))
    if not m:
        return None
    token = m["a"] or m["b"] or m["c"] or m["d"]
    rooms = int(token) if token.isdigit() else _WORD_COUNT[token]
    return RoomsMention(rooms, m.start(), m.end()) if 0 < rooms < 10 else None


# ---------------------------------------------------------------------------------------------
# periods


@dataclass(frozen=True)
class PeriodMention:
    """Either explicit dates or a data-relative window of `recent_months` (then dates are None)."""

    start: date | None
    end: date | None
    recent_months: int | None
    span_start: int
    span_end: int


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def months_back(end: date, months: int) -> date:
    """First day of the window of `months` calendar months that ends with `end`'s month."""
    index = end.year * 12 + (end.month - 1) - (months - 1)
    return date(index // 12, index % 12 + 1, 1)


_Y = r"(?P<y>20\d{2})"
_YEAR_WORD = r"\s*(?:(?:년도?|y)\s*)?"  # ends with optional spaces
_REL_YEAR = {
    "작년": -1,
    "지난해": -1,
    "전년": -1,
    "재작년": -2,
    "올해": 0,
    "금년": 0,
    "this year": 0,
    "last year": -1,
    # English said in Hangul ("라스트 이어 꺼는?", "디스 이어"): the same years
    "라스트 이어": -1,
    "라스트이어": -1,
    "디스 이어": 0,
    "디스이어": 0,
}
_MONTH_RANGE = re.compile(
    r"(?P<y1>20\d{2}|[12]\d)\s*년\s*(?P<m1>\d{1,2})\s*월\s*(?:~|-|–|부터|에서)\s*(?P<m2>\d{1,2})\s*월\s*(?:까지|사이)?"
)
_PERIOD_RANGE = re.compile(
    r"(?:from\s+|between\s+)?(?P<y1>20\d{2}|(?<![\d.])[12]\d(?=\s*(?:년\s*)?(?:~|-|–|부터|에서)\s*[12]\d\s*년))\s*(?:년\s*)?(?:(?P<m1>\d{1,2})\s*월\s*)?"
    r"(?:~|-|–|부터|에서|to|through|until|and)\s*"
    r"(?P<y2>20\d{2}|\d{2}(?=\s*년))\s*(?:년\s*)?(?:(?P<m2>\d{1,2})\s*월\s*)?(?:까지|사이)?"
)
_HALF = re.compile(
    rf"(?:(?P<first>first|second)\s+half\s+(?:of\s+)?(?P<y2>20\d{{2}})"
    rf"|(?:{_Y}|(?P<yy>\d{{2}})){_YEAR_WORD}(?P<half>상반기|하반기|h1|h2))"
)
_QUARTER = re.compile(
    rf"(?:(?:{_Y}|(?P<yy>\d{{2}})){_YEAR_WORD}(?P<q>[1-4])\s*분기|q(?P<q2>[1-4])\s*(?P<y2>20\d{{2}}))"
)
_YEAR_MONTH = re.compile(rf"(?:{_Y}|(?P<yy>\d{{2}}))\s*년\s*(?P<m>\d{{1,2}})\s*월")
_YEAR = re.compile(r"(?<![\d.])(?P<y>20\d{2})(?![\d.])(?:\s*년도?)?")
# "23년", "20년도는": a two-digit year — not a duration ("30년 만기", "10년 된 아파트", "5년 동안").
_SHORT_YEAR = re.compile(
    r"(?<![\d.~-])(?P<yy>[12]\d)\s?년(?P<do>도)?(?!\s?(?:된|째|차|동안|간|만기|이상|이하|넘|전(?!세|월세)|후|이내|안에|짜리|거주|보유|상환|고정|약정|계약|살|만에)|(?:이|가)(?:\s|$))"
)
# "since 2023", "from 2023 onwards", "2023년부터": open-ended; a bare "deals from 2025" is that year
_SINCE = re.compile(
    rf"(?:since|after)\s+(?P<y2>20\d{{2}})|from\s+(?P<y3>20\d{{2}})(?=\s*(?:on\b|onwards?\b|till now|until now|to now|to date))"
    rf"|{_Y}\s*(?:년\s*)?(?:이후|부터|since)"
)
_RELATIVE = re.compile("|".join(sorted(_REL_YEAR, key=len, reverse=True)))
_EN_COUNT = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "nine": 9, "twelve": 12, "eighteen": 18}
_RECENT_N = re.compile(
    r"(?:최근|지난|근|last|past|recent)\s*(?P<n>\d{1,2}|"
    + "|".join(_EN_COUNT)
    + r")\s*(?P<u>개월|달|년|months?\b|years?\b)"
    r"|(?P<n2>\d{1,2})\s*(?P<u2>개월|년)\s*(?:간|동안)"
)
# The data's last month: "데이터 있는 마지막 달로", "가장 최근 달", "제일 최근 한 달", "the latest month in the data"
_LATEST_MONTH = re.compile(
    r"(?:데이터|자료)\s?(?:가|이)?\s?있는\s?(?:마지막|제일\s?최근|가장\s?최근|최근)\s?(?:한\s?)?달"
    r"|(?:마지막|가장\s?최근|제일\s?최근)\s?(?:한\s?)?달(?:치|꺼|거|로|만|기준|은|는|의)?(?![가-힣])"
    r"|\b(?:the\s)?(?:latest|last|most recent)\s(?:full\s)?month\s(?:(?:in|of)\s(?:the\s)?data|(?:you|we)\s(?:have|got))"
)
# "this past year", "over the past year", "in the last twelve months": the latest 12 months of data,
# not the calendar year before today ("last year" alone is 작년)
_RECENT = re.compile(
    r"최근|요즘|요새|근래|recent|recently|latest|lately|these days|current(?:ly)?"
    r"|\b(?:this|the)\s+(?:past|last)\s+(?:year|12\s*months)\b|\bpast\s+year\b"
)


# Seasons and ends of a year (conventions, round 11): 봄 Mar–May, 여름 Jun–Aug, 가을 Sep–Nov, 겨울 Dec … Feb
# of the next year; 초/연초 Jan–Mar, 말/연말 Oct–Dec. "22년 말고" sets a year aside and is no 말.
SEASON_MONTHS: dict[str, tuple[int, int]] = {
    "봄": (3, 5),
    "spring": (3, 5),
    "여름": (6, 8),
    "summer": (6, 8),
    "가을": (9, 11),
    "fall": (9, 11),
    "autumn": (9, 11),
    "겨울": (12, 14),
    "winter": (12, 14),
    "초": (1, 3),
    "연초": (1, 3),
    "early": (1, 3),
    "startoftheyear": (1, 3),
    "startofyear": (1, 3),
    "beginningoftheyear": (1, 3),
    "말": (10, 12),
    "연말": (10, 12),
    "late": (10, 12),
    "endof": (10, 12),
    "yearend": (10, 12),
    "endoftheyear": (10, 12),
    "endofyear": (10, 12),
}  # 겨울 runs into the next year, written as months 12 … 14 (also read by the dialogue's year parts)
_SEASON_KO = r"(?P<s>봄|여름|가을|겨울|연초|연말|초(?!과|등|기화|대|보)|말(?!고|씀|하|했|한|해|로\s?하|이\s?안|도\s?안))"
_SEASON_EN = r"(?P<e>spring|summer|fall|autumn|winter)"
_SEASON = re.compile(
    rf"(?:{_Y}|(?<![\d.])(?P<yy>[12]\d)(?=\s?년))\s{{0,3}}(?:년도?)?\s{{0,3}}(?:의\s?)?{_SEASON_KO}"
    rf"|(?P<y4>20\d{{2}})\s{{1,3}}{_SEASON_EN}\b"
    rf"|\b{_SEASON_EN.replace('?P<e>', '?P<e2>')}\s{{1,3}}(?:of\s{{1,3}})?(?P<y2>20\d{{2}})\b"
    rf"|\b(?P<edge>early|late|end of)\s{{1,3}}(?:in\s{{1,3}})?(?P<y3>20\d{{2}})\b"
)
# "지난 여름", "last summer", "this spring": the latest such season that has begun by today ("last": that
# has ended), counted from today.
_SEASON_RELATIVE = re.compile(
    r"(?<![가-힣a-z])(?P<w>지난|저번|올|이번|last|this|past)\s?(?:해\s?)?(?P<s>봄|여름|가을|겨울|spring|summer|fall|autumn|winter)"
)
# 지난달 / 이번 달 / 이번 주 … are counted from today (conventions): a month or a week of the calendar,
# which lies outside the data and is declined, never moved into the data's last year.
_TODAY_MONTH = re.compile(
    r"(?P<last>지난\s?달|저번\s?달|전월(?![세가-힣])|\blast month\b|\bprevious month\b)"
    r"|(?P<this>이번\s?달|이달(?=[에의은는도만]|\s|$)|금월|\bthis month\b)"
    r"|(?P<lastweek>지난\s?주(?![가-힣])|지난\s?주(?=[에의는도만])|저번\s?주|\blast week\b)"
    r"|(?P<thisweek>이번\s?주|금주(?=[에의는도만])|\bthis week\b)"
)


def _season_dates(year: int, word: str) -> tuple[date, date]:
    first, last = SEASON_MONTHS[word]
    end_year, end_month = (year + 1, last - 12) if last > 12 else (year, last)
    return date(year, first, 1), _month_end(end_year, end_month)


def _season_word(m: re.Match[str]) -> str:
    word = m["s"] or m["e"] or m["e2"] or (m["edge"] or "").replace(" ", "")
    return {"연초": "초", "연말": "말"}.get(word, word)


def _relative_season(m: re.Match[str], today: date) -> tuple[date, date]:
    """'last summer' → the latest summer that has ended by today; 'this summer' → the one begun by today
    (or this year's, when it has not begun)."""
    word = m["s"]
    for year in range(today.year, today.year - 3, -1):
        start, end = _season_dates(year, word)
        if m["w"] in ("지난", "저번", "last", "past") and end < today:
            return start, end
        if m["w"] not in ("지난", "저번", "last", "past") and start <= today:
            return start, end
    return _season_dates(today.year, word)


def _today_windows(text: str, today: date) -> list[PeriodMention]:
    """Months and weeks counted from today ('지난달', 'this week') and seasons pointed at from today."""
    found: list[PeriodMention] = []
    for m in _TODAY_MONTH.finditer(text):
        if m["last"] or m["this"]:
            index = today.year * 12 + today.month - 1 - (1 if m["last"] else 0)
            year, month = divmod(index, 12)
            start, end = date(year, month + 1, 1), _month_end(year, month + 1)
        else:
            monday = today - timedelta(days=today.weekday() + (7 if m["lastweek"] else 0))
            start, end = monday, monday + timedelta(days=6)
        found.append(PeriodMention(start, end, None, *m.span()))
    for m in _SEASON_RELATIVE.finditer(text):
        found.append(PeriodMention(*_relative_season(m, today), None, *m.span()))
    return found


def _year_of(token: str | None) -> int | None:
    if token is None:
        return None
    year = int(token) if len(token) == 4 else 2000 + int(token)
    return year if MIN_YEAR <= year <= MAX_YEAR else None


def _explicit_periods(text: str, today_year: int) -> tuple[list[PeriodMention], list[tuple[int, int]]]:
    found: list[PeriodMention] = []
    taken: list[tuple[int, int]] = []

    def add(start: date, end: date | None, span: tuple[int, int]) -> None:
        found.append(PeriodMention(start, end, None, *span))
        taken.append(span)

    for m in _MONTH_RANGE.finditer(text):
        year, m1, m2 = _year_of(m["y1"]), int(m["m1"]), int(m["m2"])
        if year is not None and 1 <= m1 <= m2 <= 12:
            add(date(year, m1, 1), _month_end(year, m2), m.span())
    for m in _PERIOD_RANGE.finditer(mask(text, taken)):
        y1, y2 = _year_of(m["y1"]), _year_of(m["y2"])
        if y1 is None or y2 is None or y2 < y1:
            continue
        m1, m2 = int(m["m1"] or 1), int(m["m2"] or 12)
        if 1 <= m1 <= 12 and 1 <= m2 <= 12:
            add(date(y1, m1, 1), _month_end(y2, m2), m.span())
    for m in _SEASON.finditer(mask(text, taken)):
        year = _year_of(m["y"] or m["yy"] or m["y2"] or m["y3"] or m["y4"])
        if year is not None:
            add(*_season_dates(year, _season_word(m)), m.span())
    patterns: tuple[re.Pattern[str], ...] = (_HALF, _QUARTER, _YEAR_MONTH, _SINCE)
    for pattern in patterns:
        for m in pattern.finditer(mask(text, taken)):
            groups = m.groupdict()
            year = _year_of(groups.get("y") or groups.get("yy") or groups.get("y2") or groups.get("y3"))
            if year is None:
                continue
            if pattern is _HALF:
                second = groups["half"] in ("하반기", "h2") or groups.get("first") == "second"
                add(date(year, 7 if second else 1, 1), _month_end(year, 12 if second else 6), m.span())
            elif pattern is _QUARTER:
                q = int(groups.get("q") or groups["q2"])
                add(date(year, 3 * q - 2, 1), _month_end(year, 3 * q), m.span())
            elif pattern is _YEAR_MONTH:
                month = int(groups["m"])
                if 1 <= month <= 12:
                    add(date(year, month, 1), _month_end(year, month), m.span())
            else:
                add(date(year, 1, 1), None, m.span())
    for m in _YEAR.finditer(mask(text, taken)):
        year = _year_of(m["y"])
        if year is not None:
            add(date(year, 1, 1), date(year, 12, 31), m.span())
    for m in _SHORT_YEAR.finditer(mask(text, taken)):
        year = 2000 + int(m["yy"])
        if MIN_YEAR <= year <= today_year + 1:
            add(date(year, 1, 1), date(year, 12, 31), m.span())
    return found, taken


def _absolute_years(text: str, today: date) -> str:
    """'작년 하반기' → '2025년 하반기' (relative to `today`), so every later rule sees a year; a year in
    number words ('이천이십삼년') becomes digits."""
    return _RELATIVE.sub(lambda m: f"{today.year + _REL_YEAR[m.group()]}년", text)


# A year followed by what the speaker did then ("21년에 영끌해서 샀는데", "2019년에 이사 와서"), or by the
# speaker's age or a life step that year ("올해 일흔인데", "올해 서른다섯이고", "작년에 은퇴해서").
_BACKGROUND_EVENT = re.compile(
    r"\s?(?:에|에는|쯤|초|말|초에|말에|로|으로)?\s?(?:[가-힣]{1,6}\s?){0,2}"
    r"(?:샀|사서|구입했|구매했|매수했|들어갔|들어왔|이사\s?(?:왔|했|와서|가서)|입주했|계약했|결혼(?:했|하는데|해서|하거든|할|한)"
    r"|(?:스물|서른|마흔|쉰|예순|일흔|여든|아흔)|\d{1,3}\s?(?:살|세)(?![가-힣])"
    r"|은퇴|퇴직|정년|졸업|입학|취직|취업|출산|전역|제대)"
)
# The speaker restarting ("올해 상반기... 아 25년 상반기요", "2023년 아니 2024년"): what follows replaces
# the periods said before it.
_RESTART = re.compile(r"(?:\.{2,6}|…)\s?아\s|(?<![가-힣])아니(?:다|요)?\s|정정")
# "작년 말고 2023년": a period set aside (the planning node strips these too; a test or tool may not)
_SET_ASIDE = re.compile(r"\s?(?:은|는|이|가)?\s?(?:말고|아니고|대신|빼고)")
# "2022 vs 2023 … 일단 22년": the one period to start with, of those named
_FOR_NOW = re.compile(r"(?:일단|우선|먼저)\s?$")


def parse_period(text: str, today: date) -> PeriodMention | None:
    """The period a message asks about: explicit dates win; otherwise a data-relative window.

    Spans refer to `text` only when no relative year word (작년, 올해 …) was rewritten.
    """
    text = _absolute_years(clip(text), today)
    explicit, taken = _explicit_periods(text, today.year)
    windows = _today_windows(mask(text, taken), today)
    explicit += windows
    taken += [(p.span_start, p.span_end) for p in windows]
    asked = [p for p in explicit if not _BACKGROUND_EVENT.match(text, p.span_end)]
    if asked and len(asked) < len(explicit):
        explicit = (
            asked  # "21년에 영끌해서 샀는데 … 2023년 집값": the purchase year is the story, not the question
        )
    kept = [p for p in explicit if not _SET_ASIDE.match(text, p.span_end)]
    explicit = kept or explicit
    restarts = [m.end() for m in _RESTART.finditer(text)]
    if restarts and any(p.span_start >= restarts[-1] for p in explicit):
        explicit = [p for p in explicit if p.span_start >= restarts[-1]]
    for_now = [p for p in explicit if _FOR_NOW.search(text, max(0, p.span_start - 4), p.span_start)]
    if for_now:
        explicit = for_now[:1]
    if explicit:
        starts = [p.start for p in explicit if p.start is not None]
        open_ended = any(p.end is None for p in explicit)
        ends = [p.end for p in explicit if p.end is not None]
        return PeriodMention(
            min(starts),
            None if open_ended else max(ends),
            None,
            min(p.span_start for p in explicit),
            max(p.span_end for p in explicit),
        )
    rest = mask(text, taken)
    if _LATEST_MONTH.search(rest):  # "데이터 있는 마지막 달", "the latest month you have": one month
        m = _LATEST_MONTH.search(rest)
        return PeriodMention(None, None, 1, m.start(), m.end())
    m = _RECENT_N.search(rest)
    if m:
        count = m["n"] or m["n2"]
        n = _EN_COUNT[count] if count in _EN_COUNT else int(count)
        unit = m["u"] or m["u2"]
        months = n * 12 if unit.startswith(("년", "year")) else n
        if 0 < months <= 240:
            return PeriodMention(None, None, months, m.start(), m.end())
    m = _RECENT.search(rest)
    if m:
        return PeriodMention(None, None, RECENT_MONTHS_DEFAULT, m.start(), m.end())
    return None


# A year named by pointing at the previous turn's: "그해 1분기만", "그 해 상반기", "that year's Q1" (0),
# "그 전 해" (-1), "이듬해" (+1). Only the dialogue state knows that year; the NLU reports the offset.
_PREVIOUS_YEAR: tuple[tuple[int, re.Pattern[str]], ...] = (
    (-1, re.compile(r"그\s?전\s?해|그\s?전\s?년도|한\s?해\s?전|\bthe year before\b|\bprevious year\b")),
    (1, re.compile(r"이듬\s?해|그\s?다음\s?해|그\s?다음\s?년도|\bthe (?:year after|following year)\b")),
    (
        0,
        re.compile(
            r"(?<![가-힣])그\s?(?:해|년도)(?:에는|에|의|는|도|엔|만|꺼|거)?(?![가-힣])"
            r"|같은\s?(?:해|년도)|동년|\bthat (?:same )?year\b|\bthe same year\b"
        ),
    ),
)


def previous_year_offset(text: str) -> int | None:
    """How many years from the previous turn's year a message's period is, when it points at that year
    instead of naming one ("그해 1분기만" → 0), or None."""
    norm = normalize(clip(text))
    for offset, pattern in _PREVIOUS_YEAR:
        if pattern.search(norm):
            return offset
    return None


def recent_window(latest: date, months: int) -> tuple[date, date]:
    """The `months` calendar months ending with the month of `latest` (whole months, inclusive)."""
    return months_back(latest, months), _month_end(latest.year, latest.month)
