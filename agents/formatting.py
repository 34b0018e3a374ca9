"""Korean renderings of the numbers tools return (만원 integers, ㎡, ISO dates)."""

from __future__ import annotations

from agents.domain.slots import PYEONG_M2, WHOLE_SIDO, Slots


def won(manwon: int | None) -> str:
    """55000 → "5억 5,000만원"; 8000 → "8,000만원"; 250000 → "25억원"."""
    if manwon is None:
        return "-"
    sign = "-" if manwon < 0 else ""
    eok, rest = divmod(abs(manwon), 10000)
    if eok and rest:
        return f"{sign}{eok:,}억 {rest:,}만원"
    if eok:
        return f"{sign}{eok:,}억원"
    return f"{sign}{rest:,}만원"


def area(m2: float | None) -> str:
    if m2 is None:
        return "-"
    return f"{m2:.2f}㎡({m2 / PYEONG_M2:.1f}평)"


def pct(value: float | None, digits: int = 1) -> str:
    return "-" if value is None else f"{value:+.{digits}f}%"


def region_label(slots: Slots) -> str:
    parts = [p for p in (slots.sigungu, slots.dong, slots.complex) if p]
    if not parts and slots.sido_code in WHOLE_SIDO:
        parts = [f"{WHOLE_SIDO[slots.sido_code][0]} 전체"]
    return " ".join(parts) if parts else "전체 지역"


def filters_label(slots: Slots) -> str:
    """A short restatement of the conditions the answer used."""
    parts = [region_label(slots)]
    if slots.deal_type:
        parts.append(slots.deal_type)
    if slots.price_min_manwon or slots.price_max_manwon:
        low = won(slots.price_min_manwon) if slots.price_min_manwon else ""
        high = won(slots.price_max_manwon) if slots.price_max_manwon else ""
        parts.append(f"{low}~{high}")
    if slots.area_min_m2 or slots.area_max_m2:
        low = f"{slots.area_min_m2:.0f}" if slots.area_min_m2 else ""
        high = f"{slots.area_max_m2:.0f}" if slots.area_max_m2 else ""
        parts.append(f"전용 {low}~{high}㎡")
    if slots.period_from or slots.period_to:
        parts.append(f"{slots.period_from or ''}~{slots.period_to or ''}")
    return ", ".join(parts)
