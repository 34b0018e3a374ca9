"""Market answers: statistics with the period trend, sale and 전월세 listings, price evaluation and
recommendations. Each is a Section whose `lead` answers the question with its figure in one sentence;
the content follows the answer text wire format (docs/CONTRACTS.md): bullets, one pipe table, notes.

English questions get an English lead, titles and labels; figures keep their Korean units (억원, ㎡)
and the tools' notes are worded in English (answers/notes.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from agents.answers.notes import note_in_english
from agents.answers.section import Section
from agents.domain.particles import josa
from agents.domain.slots import Slots
from agents.formatting import (
    DEAL_EN,
    area,
    conditions_label,
    day,
    filters_label,
    m2_range,
    month,
    period_label,
    region_label,
    split_period,
    won,
    won_range,
)
from agents.tools.evaluation import DEPOSIT_BAND_MIN_MANWON, DEPOSIT_BAND_PCT, FAIR_BAND_PCT, MIN_COMPARABLES

# Section titles (Korean, English); respond adds the MOLIT attribution under any of them.
TITLES = {
    "stats": ("시세 통계", "Market statistics"),
    "trades": ("실거래 사례", "Recent sales"),
    "rents": ("전월세 계약 사례", "Lease contracts"),
    "trades_by_price": ("실거래 사례", "Sales by price"),
    "rents_by_price": ("전월세 계약 사례", "Lease contracts by price"),
    "evaluation": ("가격 평가", "Price check"),
    "recommend": ("추천 단지", "Suggested complexes"),
}
MARKET_TITLES = frozenset(title for pair in TITLES.values() for title in pair)
VERDICT_KO = {"적정": "적정한 수준", "저렴": "저렴한 편", "비쌈": "비싼 편"}
VERDICT_EN = {"적정": "a fair price", "저렴": "on the cheap side", "비쌈": "on the expensive side"}


def _title(key: str, english: bool) -> str:
    return TITLES[key][1 if english else 0]


def _notes(data: dict[str, Any], english: bool) -> list[str]:
    """The tools' caveats as one paragraph (whole Korean sentences; worded in English when asked so)."""
    notes = [note_in_english(n) if english else n for n in data.get("notes") or [] if n]
    return [" ".join(notes)] if notes else []


def _cell(text: str) -> str:
    return text.replace("|", "｜")


def _table(head: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _join(*blocks: str | None) -> str:
    return "\n\n".join(b for b in blocks if b)


def _subject(slots: Slots, period: str, *, english: bool) -> str:
    """The place with its conditions and asked period: "분당구 정자동(전용 99~132㎡, 5억원 이하) 2024년"."""
    place = region_label(slots, english=english)
    conditions = conditions_label(slots, english=english)
    if english:
        return place + (f" ({conditions})" if conditions else "") + (f" in {period}" if period else "")
    return place + (f"({conditions})" if conditions else "") + (f" {period}" if period else "")


# --- statistics ---------------------------------------------------------------------------------


def stats_section(data: dict[str, Any], slots: Slots, *, english: bool = False) -> Section:
    stats, kind = data["stats"], data["kind"]
    title = _title("stats", english)
    asked = period_label(slots.period_from, slots.period_to, english=english)
    if not stats["count"]:
        latest = data.get("latest_date")
        subject = _subject(slots, asked, english=english)
        if english:
            hint = f" (the latest matching contract is from {day(latest)})" if latest else ""
            lead = f"The data has no {DEAL_EN[kind]} contracts for {subject} under these conditions{hint}."
        else:
            hint = f" (이 조건의 가장 최근 거래일: {day(latest)})" if latest else ""
            lead = f"{subject} 아파트 {kind}: 해당 기간·조건의 거래가 데이터에 없습니다{hint}."
        return {"title": title, "lead": lead, "content": _join(*_notes(data, english))}
    subject = _subject(slots, asked, english=english)
    # Without an asked period the figures cover the data's whole span for these conditions: say which.
    span = "" if asked else period_label(*split_period(stats.get("period")), english=english)
    rent = data.get("monthly_rent") if kind == "월세" else None
    rent = rent if rent and rent.get("count") else None
    count, median, mean = stats["count"], won(stats["median_manwon"]), won(stats["mean_manwon"])
    if english:
        what = "sale price" if kind == "매매" else f"{DEAL_EN[kind]} deposit"
        extra = f" and the median monthly rent {won(rent['median_manwon'])}" if rent else ""
        over = f" over {span}" if span else ""
        lead = (
            f"The median apartment {what} in {subject} was {median}{extra}, across {count:,} contracts{over} "
            f"(mean {mean})."
        )
        facts = [
            f"- Contracts: {count:,}",
            f"- Median: {median} · mean: {mean}",
            f"- Range: {won_range(stats['min_manwon'], stats['max_manwon'])}",
        ]
        if rent:
            facts.append(
                f"- Monthly rent: median {won(rent['median_manwon'])} · mean {won(rent['mean_manwon'])}"
            )
    else:
        what = "중위가격" if kind == "매매" else "보증금 중위값"
        extra = f", 월세 중위값은 {won(rent['median_manwon'])}" if rent else ""
        price_word = "가격" if kind == "매매" else "보증금"
        over = f"({span})" if span else ""
        mean_word = "평균" if kind == "매매" else "보증금 평균"
        lead = (
            f"{subject} 아파트 {kind} 거래 {count:,}건{over}의 {josa(what, '은')} {median}{extra}입니다"
            f"({mean_word} {mean})."
        )
        facts = [
            f"- 거래: {count:,}건",
            f"- {price_word} 중위 {median} · 평균 {mean}",
            f"- {price_word} 범위: {won_range(stats['min_manwon'], stats['max_manwon'])}",
        ]
        if rent:
            facts.append(f"- 월세 중위 {won(rent['median_manwon'])} · 평균 {won(rent['mean_manwon'])}")
    trend = _trend(data, kind, english=english)
    cancelled = data.get("cancelled_excluded")
    excluded = ""
    if cancelled and not any("해제(취소)" in n for n in data.get("notes") or []):
        excluded = (
            f"{cancelled:,} contracts reported as cancelled were left out."
            if english
            else f"해제(취소) 신고된 거래 {cancelled:,}건은 제외했습니다."
        )
    return {
        "title": title,
        "lead": lead,
        "content": _join("\n".join(facts), trend, excluded, *_notes(data, english)),
    }


def _trend(data: dict[str, Any], kind: str, *, english: bool) -> str:
    buckets = data.get("buckets") or []
    if not buckets:
        return ""
    yearly = data.get("group_by") == "year" or all(len(str(b["bucket"])) == 4 for b in buckets)
    if english:
        heading = "### Yearly trend" if yearly else "### Monthly trend"
        head = ["Year" if yearly else "Month", "Contracts", "Median", "Mean"]
    else:
        heading = "### 연도별 추이" if yearly else "### 월별 추이"
        head = ["연도" if yearly else "월", "거래", "중위", "평균"]
    with_rent = kind == "월세" and any(b.get("monthly_rent") for b in buckets)
    if with_rent:
        head.append("Median rent" if english else "월세 중위")
    rows = []
    for b in buckets:
        row = [
            month(str(b["bucket"]), english=english),
            f"{b['count']:,}" if english else f"{b['count']:,}건",
            won(b["median_manwon"]),
            won(b["mean_manwon"]),
        ]
        if with_rent:
            rent = b.get("monthly_rent") or {}
            row.append(won(rent.get("median_manwon")))
        rows.append(row)
    return heading + "\n\n" + _table(head, rows)


# --- listings -----------------------------------------------------------------------------------


def _floor(row: dict[str, Any], english: bool) -> str:
    if row.get("floor") is None:
        return "-"
    return f"{row['floor']}F" if english else f"{row['floor']}층"


def _row_price(row: dict[str, Any], english: bool) -> str:
    if "price_manwon" in row:
        return won(row["price_manwon"])
    kind = DEAL_EN.get(row["rent_type"], row["rent_type"]) if english else row["rent_type"]
    price = f"{kind} {won(row['deposit_manwon'])}"
    if row["rent_type"] == "월세":
        price += (
            f" / 월 {won(row['monthly_rent_manwon'])}"
            if not english
            else f" / {won(row['monthly_rent_manwon'])} a month"
        )
    return price


def trade_line(row: dict[str, Any], english: bool = False) -> list[str]:
    """One table row of a sale: date, complex, area, floor, price."""
    return [
        day(row["contract_date"]),
        f"{row['dong']} {row['complex']}",
        area(row["area_m2"]),
        _floor(row, english),
        _row_price(row, english),
    ]


def rent_line(row: dict[str, Any], english: bool = False) -> list[str]:
    """One table row of a 전월세 contract: date, complex, area, floor, deposit (and monthly rent)."""
    return trade_line(row, english)


def listing_section(
    data: dict[str, Any], slots: Slots, line: Callable[..., list[str]], *, english: bool = False
) -> Section:
    key = "trades" if line is trade_line else "rents"
    title = _title(key if data.get("order", "latest") == "latest" else f"{key}_by_price", english)
    label = filters_label(slots, english=english)
    total = data["total_count"]
    if not total or not data.get("rows"):
        lead = (
            f"No contracts in the data match {label}."
            if english
            else f"{label}: 조건에 맞는 거래가 데이터에 없습니다."
        )
        return {"title": title, "lead": lead, "content": _join(*_notes(data, english))}
    first = data["rows"][0]  # the newest deal, or the dearest / cheapest when listed by price
    where = f"{first['dong']} {first['complex']}"
    size = m2_range(first["area_m2"], first["area_m2"])
    floor = _floor(first, english)
    price = _row_price(first, english)
    order = data.get("order") or "latest"
    if english:
        which = {"latest": "the latest", "price_desc": "the most expensive", "price_asc": "the cheapest"}[
            order
        ]
        lead = (
            f"{total:,} contracts match ({label}); {which} is {where}, {size}, {floor}, "
            f"on {day(first['contract_date'])} at {price}."
        )
        head = ["Date", "Complex", "Area", "Floor", "Price"]
        caption = {
            "latest": f"The latest {data['returned']} of {total:,}:",
            "price_desc": f"The {data['returned']} most expensive of {total:,}:",
            "price_asc": f"The {data['returned']} cheapest of {total:,}:",
        }[order]
    else:
        which = {
            "latest": "가장 최근 거래는",
            "price_desc": "가장 비싼 거래는",
            "price_asc": "가장 싼 거래는",
        }[order]
        lead = (
            f"조건({label})에 맞는 거래는 {total:,}건이고, {which} {day(first['contract_date'])} "
            f"{where} 전용 {size} {floor} {price}입니다."
        )
        head = ["계약일", "단지", "전용면적", "층", "가격"]
        caption = {
            "latest": f"최근 {data['returned']}건 (전체 {total:,}건 중):",
            "price_desc": f"가격 높은 순 {data['returned']}건 (전체 {total:,}건 중):",
            "price_asc": f"가격 낮은 순 {data['returned']}건 (전체 {total:,}건 중):",
        }[order]
    table = _table(head, [line(row, english) for row in data["rows"]])
    return {"title": title, "lead": lead, "content": _join(caption, table, *_notes(data, english))}


# --- price evaluation ---------------------------------------------------------------------------


def _basis(data: dict[str, Any], slots: Slots, english: bool) -> str:
    """Which comparables: "잠실엘스 전용 81~87㎡" / "same-size deals in 잠실동"."""
    place = {"complex": slots.complex, "dong": slots.dong, "sigungu": slots.sigungu}.get(data["basis"])
    place = place or region_label(slots, english=english)
    band = data.get("area_band_m2")
    size = m2_range(band[0], band[1]) if band else ""
    if english:
        return place + (f" ({size})" if size else "")
    return place + (f" 전용 {size}" if size else "")


def evaluation_section(data: dict[str, Any], slots: Slots, *, english: bool = False) -> Section:
    if data.get("kind") == "월세":
        return rent_evaluation_section(data, slots, english=english)
    asking = won(data["asking_price_manwon"])
    stats = data["stats"]
    title = _title("evaluation", english)
    if not stats["count"] or data.get("verdict") is None:
        place = region_label(slots, english=english)
        lead = (
            f"There are no recent comparable contracts for {place} in the data, so {asking} cannot be judged."
            if english
            else f"{place}: 비교할 최근 거래가 데이터에 없어 {josa(asking, '이')} 적정한지 판단할 수 없습니다."
        )
        return {"title": title, "lead": lead, "content": _join(*_notes(data, english))}
    basis = _basis(data, slots, english)
    median = won(stats["median_manwon"])
    diff = data["diff_from_median_pct"] or 0.0
    window = period_label(*split_period(data.get("window")), english=english)
    months = data.get("window_months") or 12
    count = stats["count"]
    if english:
        side = "above" if diff > 0 else "below"
        compare = f"{abs(diff):.1f}% {side}" if diff else "equal to"
        lead = (
            f"{asking} is {VERDICT_EN[data['verdict']]}: it is {compare} the median of {count:,} recent contracts "
            f"for {basis} ({median}, last {months} months of data)."
        )
        facts = [
            f"- Comparables: {basis}, {window}, {count:,} contracts",
            f"- Median {median} · mean {won(stats['mean_manwon'])} · range {won_range(stats['min_manwon'], stats['max_manwon'])}",
            f"- Share of comparables cheaper than {asking}: {data['percentile']:.0f}%",
            f"- Rule: within ±{FAIR_BAND_PCT:g}% of the median is fair, below is cheap, above is expensive.",
        ]
    else:
        if diff:
            compare = f"중위가격 {median}보다 {abs(diff):.1f}% {'높아' if diff > 0 else '낮아'}"
        else:
            compare = f"중위가격 {josa(median, '과')} 같아"
        lead = (
            f"{josa(asking, '은')} {basis} 최근 {months}개월 거래 {count:,}건의 {compare} "
            f"{VERDICT_KO[data['verdict']]}입니다."
        )
        facts = [
            f"- 비교 거래: {basis}, {window}, {count:,}건",
            f"- 중위 {median} · 평균 {won(stats['mean_manwon'])} · 범위 {won_range(stats['min_manwon'], stats['max_manwon'])}",
            f"- {asking}보다 싼 거래 비율: {data['percentile']:.0f}%",
            f"- 판정 기준: {data['verdict_rule']}",
        ]
    return {"title": title, "lead": lead, "content": _join("\n".join(facts), *_notes(data, english))}


def _offer(data: dict[str, Any], english: bool) -> str:
    """ "보증금 1억원·월세 200만원" / "200만원 a month with a 1억원 deposit"."""
    rent, deposit = won(data["asking_price_manwon"]), data.get("deposit_manwon")
    if english:
        return f"{rent} a month" + (f" with a {won(deposit)} deposit" if deposit is not None else "")
    return (f"보증금 {won(deposit)}·" if deposit is not None else "") + f"월세 {rent}"


RENT_PROBLEM_KO = {
    "negative": "보증금이나 월세가 음수로 주어져 평가할 수 없습니다. 0 이상의 금액으로 다시 알려주세요.",
    "both_zero": "보증금과 월세가 모두 0원이면 임대료가 없는 조건이라 평가할 수 없습니다. 제시받은 보증금과 월세를 알려주세요.",
    "no_rent": "월세 조건을 평가하려면 보증금과 함께 월세 금액을 알려주세요. 예: '보증금 1억에 월세 200'",
    "no_deposit": "월세는 보증금에 따라 크게 달라서 보증금 없이는 판단할 수 없습니다. 보증금을 함께 알려주세요. 예: '보증금 1억에 월세 200'",
}
RENT_PROBLEM_EN = {
    "negative": "A deposit or rent below zero cannot be judged; please give amounts of zero or more.",
    "both_zero": "A deposit of 0 and a rent of 0 is no lease offer, so there is nothing to judge; please give the deposit and rent you were offered.",
    "no_rent": "To judge a 월세 offer I need the monthly rent as well as the deposit, e.g. '100 million deposit, 2 million a month'.",
    "no_deposit": "A monthly rent depends heavily on the deposit beside it, so it cannot be judged alone; please give the deposit too, e.g. '100 million deposit, 2 million a month'.",
}


def rent_evaluation_section(data: dict[str, Any], slots: Slots, *, english: bool = False) -> Section:
    """A 월세 offer: its rent against the median rent of contracts with a deposit close to the offered one."""
    title = _title("evaluation", english)
    problem = data.get("rent_offer_problem")
    if problem:
        return {
            "title": title,
            "lead": (RENT_PROBLEM_EN if english else RENT_PROBLEM_KO)[problem],
            "content": "",
        }
    offer = _offer(data, english)
    stats, band = data["stats"], data.get("deposit_band_manwon")
    if band is None or data.get("window") is None:
        place = region_label(slots, english=english)
        lead = (
            f"There are no 월세 contracts for {place} in the data, so {offer} cannot be judged."
            if english
            else f"{place}: 비교할 월세 계약이 데이터에 없어 {josa(offer, '이')} 적정한지 판단할 수 없습니다."
        )
        return {"title": title, "lead": lead, "content": _join(*_notes(data, english))}
    basis = _basis(data, slots, english)
    deposits = won_range(band[0], band[1])
    months, count = data.get("window_months") or 12, stats["count"]
    window = period_label(*split_period(data.get("window")), english=english)
    every = data.get("rent_contracts_in_window") or 0
    if data.get("verdict") is None:  # too few contracts with a deposit like the offer's
        if english:
            found = f"only {count:,} have" if count else "none has"
            lead = (
                f"Of {every:,} 월세 contracts for {basis} in the last {months} months of data, {found} a deposit "
                f"of {deposits}: too few to judge {offer} (at least {MIN_COMPARABLES} needed)."
            )
        else:
            found = f"{count:,}건뿐이라" if count else "없어"
            lead = (
                f"{basis}의 최근 {months}개월 월세 계약 {every:,}건 중 보증금이 {deposits}인 계약이 {found} "
                f"{josa(offer, '이')} 적정한지 판단하지 않습니다(최소 {MIN_COMPARABLES}건 필요)."
            )
        facts = (_rent_facts(data, basis, window, deposits, english) if count else []) + _window_context(
            data, english
        )
        return {"title": title, "lead": lead, "content": _join("\n".join(facts), *_notes(data, english))}
    median = won(stats["median_manwon"])
    diff = data["diff_from_median_pct"] or 0.0
    if english:
        side = "above" if diff > 0 else "below"
        compare = f"{abs(diff):.1f}% {side}" if diff else "equal to"
        lead = (
            f"{offer} is {VERDICT_EN[data['verdict']]}: the rent is {compare} the median rent ({median}) of "
            f"{count:,} recent 월세 contracts for {basis} with deposits of {deposits} (last {months} months of data)."
        )
    else:
        if diff:
            compare = f"월세 중위값 {median}보다 {abs(diff):.1f}% {'높아' if diff > 0 else '낮아'}"
        else:
            compare = f"월세 중위값 {josa(median, '과')} 같아"
        lead = (
            f"{josa(offer, '은')} {basis} 최근 {months}개월 월세 계약 중 보증금 {deposits}인 {count:,}건의 "
            f"{compare} {VERDICT_KO[data['verdict']]}입니다."
        )
    facts = _rent_facts(data, basis, window, deposits, english)
    return {"title": title, "lead": lead, "content": _join("\n".join(facts), *_notes(data, english))}


def _window_context(data: dict[str, Any], english: bool) -> list[str]:
    """All 월세 contracts of the window, whatever their deposit: why the offer's band is thin."""
    deposits, rents = data.get("window_deposits") or {}, data.get("window_rents") or {}
    if not deposits.get("count"):
        return []
    dep_range = won_range(deposits["min_manwon"], deposits["max_manwon"])
    if english:
        return [
            f"- All {deposits['count']:,} 월세 contracts of the period: deposits {dep_range} "
            f"(median {won(deposits['median_manwon'])}), monthly rent median {won(rents['median_manwon'])}"
        ]
    return [
        f"- 같은 기간 월세 계약 전체 {deposits['count']:,}건: 보증금 {dep_range}(중위 {won(deposits['median_manwon'])}), "
        f"월세 중위 {won(rents['median_manwon'])}"
    ]


def _rent_facts(data: dict[str, Any], basis: str, window: str, deposits: str, english: bool) -> list[str]:
    stats, rent, count = data["stats"], won(data["asking_price_manwon"]), data["stats"]["count"]
    spread = (
        won(stats["median_manwon"]),
        won(stats["mean_manwon"]),
        won_range(stats["min_manwon"], stats["max_manwon"]),
    )
    every = data.get("rent_contracts_in_window") or 0
    if english:
        facts = [
            f"- Comparables: {basis}, {window}, 월세 contracts with a deposit of {deposits}: {count:,} (of {every:,})",
            f"- Monthly rent: median {spread[0]} · mean {spread[1]} · range {spread[2]}",
        ]
        if data.get("percentile") is not None:
            facts.append(f"- Share of comparables with a rent below {rent}: {data['percentile']:.0f}%")
        facts.append(
            f"- Rule: only contracts with a deposit within ±{DEPOSIT_BAND_PCT:g}% (at least "
            f"±{won(DEPOSIT_BAND_MIN_MANWON)}) of the offer count; a rent within ±{FAIR_BAND_PCT:g}% of their "
            f"median is fair, below is cheap, above is expensive; fewer than {MIN_COMPARABLES} give no verdict."
        )
        return facts
    facts = [
        f"- 비교 계약: {basis}, {window}, 보증금 {deposits}인 월세 계약 {count:,}건 (보증금 무관 {every:,}건 중)",
        f"- 월세 중위 {spread[0]} · 평균 {spread[1]} · 범위 {spread[2]}",
    ]
    if data.get("percentile") is not None:
        facts.append(f"- 월세가 {rent}보다 낮은 계약 비율: {data['percentile']:.0f}%")
    facts.append(f"- 판정 기준: {data['verdict_rule']}")
    return facts


# --- recommendation -----------------------------------------------------------------------------


def recommend_section(data: dict[str, Any], slots: Slots, *, english: bool = False) -> Section:
    items = data.get("complexes") or []
    title = _title("recommend", english)
    label = filters_label(slots, english=english)
    if not items:
        lead = (
            f"No complex had recent contracts matching {label} in the data."
            if english
            else f"{label}: 조건에 맞는 최근 거래 단지가 데이터에 없습니다."
        )
        return {"title": title, "lead": lead, "content": _join(*_notes(data, english))}
    window = period_label(*split_period(data.get("window")), english=english)
    kind = data.get("kind") or "매매"
    price_word_ko = "중위가격" if kind == "매매" else "보증금 중위"
    first = items[0]
    top = f"{first['dong']} {first['complex']}"
    if english:
        price_word = "median price" if kind == "매매" else "median deposit"
        more = f" and {len(items) - 1} more" if len(items) > 1 else ""
        lead = (
            f"The most traded complex matching {label} is {top} ({first['count']:,} contracts, {price_word} "
            f"{won(first['median_manwon'])}){more}, over {window}."
        )
        lines = [
            f"- {c['sigungu']} {c['dong']} {c['complex']}: {c['count']:,} contracts, {price_word} "
            f"{won(c['median_manwon'])}, {m2_range(c['area_min_m2'], c['area_max_m2'])}"
            for c in items
        ]
        head = f"Complexes with the most matching contracts ({window}):"
    else:
        many = f" 등 {len(items)}곳" if len(items) > 1 else ""
        lead = (
            f"조건({label})에 맞는 최근 거래가 가장 많은 단지는 {top}(거래 {first['count']:,}건, "
            f"{price_word_ko} {won(first['median_manwon'])}){many}입니다."
        )
        lines = [
            f"- {c['sigungu']} {c['dong']} {c['complex']}: 거래 {c['count']:,}건, {price_word_ko} "
            f"{won(c['median_manwon'])}, 전용 {m2_range(c['area_min_m2'], c['area_max_m2'])}"
            for c in items
        ]
        head = f"최근 거래가 많은 단지 ({window}):"
    return {
        "title": title,
        "lead": lead,
        "content": _join(head + "\n\n" + "\n".join(lines), *_notes(data, english)),
    }
