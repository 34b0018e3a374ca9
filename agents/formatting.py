"""Korean (and English) renderings of the numbers tools return (만원 integers, ㎡, ISO dates).

Everything an answer shows goes through here, so no raw value (60000, 0.4, True, 2024-01-01~…)
reaches the text; particles are chosen by agents.domain.particles.josa, never written "은(는)".
"""

from __future__ import annotations

import datetime as dt
import re

from agents.domain.particles import josa
from agents.domain.slots import PYEONG_M2, WHOLE_SIDO, Slots

_HANGUL = re.compile(r"[가-힣]")
_LATIN = re.compile(r"[A-Za-z]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def is_english(text: str | None) -> bool:
    """Whether a question is written in English: at least two English words and more Latin letters
    than Hangul syllables ("Is 25억 fair for 잠실엘스 84?" is English; "잠실엘스 84 price?" is not)."""
    if not text:
        return False
    latin = len(_LATIN.findall(text))
    return len(_LATIN_WORD.findall(text)) >= 2 and latin > len(_HANGUL.findall(text))


def won(manwon: int | None) -> str:
    """55000 → "5억 5,000만원"; 8000 → "8,000만원"; 250000 → "25억원"; 0 → "0원"."""
    if manwon is None:
        return "-"
    if manwon == 0:
        return "0원"
    sign = "-" if manwon < 0 else ""
    eok, rest = divmod(abs(manwon), 10000)
    if eok and rest:
        return f"{sign}{eok:,}억 {rest:,}만원"
    if eok:
        return f"{sign}{eok:,}억원"
    return f"{sign}{rest:,}만원"


def won_range(low: int | None, high: int | None) -> str:
    """Two amounts as "1억 7,300만원~53억원", one figure when both ends are the same."""
    if low == high:
        return won(low)
    return f"{won(low)}~{won(high)}"


def area(m2: float | None) -> str:
    """84.99 → "84.99㎡(25.7평)"."""
    if m2 is None:
        return "-"
    return f"{m2:.2f}㎡({m2 / PYEONG_M2:.1f}평)"


def m2_range(low: float | None, high: float | None) -> str:
    """Whole ㎡ as Koreans name sizes (84.99㎡ is "84㎡"): "59~84㎡", and "102㎡" when both ends are the
    same (never "102~102㎡")."""
    ends = [int(v) for v in (low, high) if v is not None]
    if not ends:
        return ""
    if len(ends) == 1 or ends[0] == ends[1]:
        return f"{ends[0]}㎡"
    return f"{ends[0]}~{ends[1]}㎡"


def pct(value: float | None, digits: int = 1) -> str:
    """A signed change: +1.2%."""
    return "-" if value is None else f"{value:+.{digits}f}%"


def ratio_pct(ratio: float | None, digits: int = 0) -> str:
    """A fraction as a percentage: 0.4 → "40%" (LTV, DSR, rates)."""
    if ratio is None:
        return "-"
    text = f"{ratio * 100:.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text}%"


def yes_no(value: bool | None, *, english: bool = False) -> str:
    """True → "예", False → "아니오", None → "알 수 없음" (never True/False/None)."""
    if value is None:
        return "unknown" if english else "알 수 없음"
    if english:
        return "yes" if value else "no"
    return "예" if value else "아니오"


def day(value: str | dt.date | None) -> str:
    """An ISO date the way Korean listings write it: "2024-12-31" → "2024.12.31"."""
    if value is None:
        return "-"
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    return text.replace("-", ".") if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else text


def month(value: str, *, english: bool = False) -> str:
    """A bucket in words: "2024-03" → "2024년 3월" ("Mar 2024" in English); "2024" → "2024년"."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?", value)
    if not match:
        return value
    year, mon = match.group(1), match.group(2)
    if english:
        return dt.date(int(year), int(mon), 1).strftime("%b %Y") if mon else year
    return f"{year}년 {int(mon)}월" if mon else f"{year}년"


def period_label(start: str | dt.date | None, end: str | dt.date | None, *, english: bool = False) -> str:
    """An ISO date range in words: a whole year → "2024년", whole months → "2023년 1월~2024년 6월",
    anything else → "2023.12.29~2024.12.28"."""
    if start is None and end is None:
        return ""
    first = dt.date.fromisoformat(str(start)) if start else None
    last = dt.date.fromisoformat(str(end)) if end else None
    if first and last:
        whole_months = first.day == 1 and (last + dt.timedelta(days=1)).day == 1
        if whole_months and first.month == 1 and (last.month, last.day) == (12, 31):
            if first.year == last.year:
                return str(first.year) if english else f"{first.year}년"
            return f"{first.year}–{last.year}" if english else f"{first.year}~{last.year}년"
        if whole_months:
            a, b = (
                month(first.strftime("%Y-%m"), english=english),
                month(last.strftime("%Y-%m"), english=english),
            )
            return a if a == b else f"{a}–{b}" if english else f"{a}~{b}"
        return f"{day(first)}~{day(last)}"
    if first:
        return f"since {day(first)}" if english else f"{day(first)} 이후"
    return f"until {day(last)}" if english else f"{day(last)}까지"


def split_period(period: str | None) -> tuple[str | None, str | None]:
    """The two ends of a tools' window string such as "2023-12-29~2024-12-28"."""
    if not period or "~" not in period:
        return None, None
    start, end = period.split("~", 1)
    return start or None, end or None


def region_label(slots: Slots, *, english: bool = False) -> str:
    parts = [p for p in (slots.sigungu, slots.dong, slots.complex) if p]
    if not parts and slots.sido_code in WHOLE_SIDO:
        name = WHOLE_SIDO[slots.sido_code][0]
        parts = ["all of " + name if english else f"{name} 전체"]
    if parts:
        return " ".join(parts)
    return "all regions" if english else "전체 지역"


def conditions_label(slots: Slots, *, english: bool = False) -> str:
    """The size and price conditions in words: "전용 99~132㎡, 5억원 이하" (empty when none)."""
    parts = []
    if slots.area_min_m2 or slots.area_max_m2:
        size = m2_range(slots.area_min_m2, slots.area_max_m2)
        if slots.area_min_m2 and not slots.area_max_m2:
            size += " or more" if english else " 이상"
        elif slots.area_max_m2 and not slots.area_min_m2:
            size += " or less" if english else " 이하"
        parts.append(f"exclusive {size}" if english else f"전용 {size}")
    low, high = slots.price_min_manwon, slots.price_max_manwon
    if low and high:
        parts.append(won_range(low, high))
    elif high:
        parts.append(f"up to {won(high)}" if english else f"{won(high)} 이하")
    elif low:
        parts.append(f"from {won(low)}" if english else f"{won(low)} 이상")
    return ", ".join(parts)


def filters_label(slots: Slots, *, english: bool = False) -> str:
    """A short restatement of the conditions the answer used: "분당구 정자동, 전세, 전용 99~132㎡, 5억원 이하, 2024년"."""
    parts = [region_label(slots, english=english)]
    if slots.deal_type:
        parts.append(DEAL_EN.get(slots.deal_type, slots.deal_type) if english else slots.deal_type)
    conditions = conditions_label(slots, english=english)
    if conditions:
        parts.append(conditions)
    if slots.period_from or slots.period_to:
        parts.append(period_label(slots.period_from, slots.period_to, english=english))
    return ", ".join(parts)


DEAL_EN = {"매매": "sale", "전세": "jeonse", "월세": "monthly rent"}


def topic(word: str) -> str:
    """The word with its topic particle: "25억원은", "분당구는"."""
    return josa(word, "은")
